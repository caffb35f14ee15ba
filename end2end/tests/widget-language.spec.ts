import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectStep, latestMessage, uniqueEmail } from "./helpers";

// Issue #21 item 2: a Dutch or French visitor sees no English in the widget.
// Every step is walked in the visitor's language, and what the page shows
// (its text, and what a screen reader reads from aria-label, title, alt and
// placeholder) is searched for English: the app's own English strings that
// the language translates differently, and the club's English content (the
// demo seed writes its types, descriptions and questions in English, with
// Dutch and French translations).

type Strings = Record<string, string>;
const locale = (lang: string): Strings =>
  JSON.parse(readFileSync(join(__dirname, "..", "..", "locales", `${lang}.json`), "utf8"));
const EN = locale("en");

/**
 * The pieces of English text that must not show in `lang`: each English
 * string the language words differently, cut at its placeholders and
 * markup, kept where it is long enough to be English and not a name
 * (two words or more, or one of seven letters or more), and not a piece
 * of the language's own text ("Studio" is Dutch too).
 */
function englishPieces(lang: string, content: Content): string[] {
  const own = locale(lang);
  // "Spinning" is Dutch and French too: the club's translations say so.
  const ownText = [...Object.values(own), ...content.translated[lang]].join("\n");
  const pieces = new Set<string>();
  const add = (text: string) => {
    for (const raw of text.split(/\{\{[^}]*\}\}|<[^>]*>|[\n:;()?!…“”"]/)) {
      const piece = raw.trim().replace(/[.,]+$/, "").trim();
      const words = piece.split(/\s+/).filter((w) => /\p{L}/u.test(w));
      const long = words.length >= 2 || (words.length === 1 && words[0].length >= 7);
      if (long && !ownText.includes(piece)) pieces.add(piece);
    }
  };
  for (const [key, english] of Object.entries(EN)) {
    if (own[key] !== undefined && own[key] !== english) add(english);
  }
  content.english.forEach(add);
  return [...pieces];
}

type Content = { english: string[]; translated: Record<string, string[]> };

/**
 * The club's content: the seed's base texts (English), as the API gives
 * them, and their Dutch and French translations.
 */
async function clubContent(request: APIRequestContext): Promise<Content> {
  const types = await (await request.get("/api/v1/public/agendas/1/types")).json();
  const content: Content = { english: [], translated: { nl: [], fr: [] } };
  const translations = (l: Record<string, string> | undefined) => {
    for (const lang of ["nl", "fr"]) if (l?.[lang]) content.translated[lang].push(l[lang]);
  };
  for (const t of types) {
    content.english.push(t.name, t.description);
    translations(t.names);
    translations(t.descriptions);
    const fields = await (await request.get(`/api/v1/public/agendas/1/types/${t.id}/fields`)).json();
    for (const f of fields) {
      content.english.push(f.label);
      translations(f.labels);
    }
  }
  expect(content.english.length, "the demo's types, descriptions and questions").toBeGreaterThan(8);
  expect(content.translated.nl.length, "their Dutch").toBe(content.english.length);
  expect(content.translated.fr.length, "their French").toBe(content.english.length);
  return content;
}

/** What the page shows and says: its visible text and its accessible names. */
async function shownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const said: string[] = [document.body.innerText, document.title];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const box = (el as HTMLElement).getBoundingClientRect?.();
      const hidden = !box || (box.width === 0 && box.height === 0);
      if (hidden && el.tagName !== "OPTION") continue;
      for (const attr of ["aria-label", "title", "alt", "placeholder", "aria-description"]) {
        const v = el.getAttribute(attr);
        if (v) said.push(v);
      }
    }
    return said.join("\n");
  });
}

const wordsAt = (text: string, piece: string) =>
  new RegExp(`(^|[^\\p{L}])${piece.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}])`, "u").test(text);

for (const lang of ["nl", "fr"]) {
  test(`the widget in ${lang} shows no English on any step`, async ({ page, request }) => {
    test.setTimeout(90_000);
    const own = locale(lang);
    const english = englishPieces(lang, await clubContent(request));
    expect(english.length, "English strings to look for").toBeGreaterThan(100);
    const check = async (step: string) => {
      const text = await shownText(page);
      const found = english.filter((piece) => wordsAt(text, piece));
      expect.soft(found, `English on "${step}" in ${lang}`).toEqual([]);
    };

    await page.goto(`/book/1?lang=${lang}`);
    await expect(page.locator(".choice-title").first()).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await check("what");
    await page.goto(`/book/1?type=2&lang=${lang}`);
    await expectStep(page, own.widget_step_resource);
    await check("with whom");
    await page.getByRole("button", { name: "Anna (coach)" }).click();
    await expect(page.locator(".slot-list button").first()).toBeVisible();
    await check("day and time");
    await page.locator(".slot-list button").last().click();
    await expectStep(page, own.widget_step_details);
    await check("your details");
    // Sent empty first: the errors are the page's too.
    await page.getByRole("button", { name: own.widget_book }).click();
    await expect(page.locator(".field-error").filter({ hasText: /\S/ }).first()).toBeVisible();
    await check("your details, with its errors");
    const email = uniqueEmail(`lang-${lang}`);
    await page.getByLabel(own.widget_name).fill("Ada Taal");
    await page.getByLabel(own.email, { exact: true }).fill(email);
    await page.getByRole("button", { name: own.widget_book }).click();
    await expectStep(page, own.widget_step_code);
    await check("the code");
    const message = await latestMessage(request, email);
    await page.getByLabel(own.widget_code).fill(message.code!);
    await page.getByRole("button", { name: own.widget_confirm }).click();
    await expectStep(page, own.widget_step_done);
    await check("booked");
    await page.goto(message.link!.replace(/^https?:\/\/[^/]+/, ""));
    await expectStep(page, own.widget_manage_title);
    await check("the manage page");
    await page.getByRole("button", { name: own.widget_cancel }).click();
    await expect(page.getByText(own.widget_cancelled)).toBeVisible();
    await check("the manage page, cancelled");
  });
}
