import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, type APIRequestContext, type FrameLocator, type Page } from "@playwright/test";
import { mailDir } from "../playwright.config";

export const DEMO = { email: "demo@frontdesk.test", password: "frontdesk-demo" };

/**
 * Collects console errors, CSP violations and uncaught exceptions included.
 * The browser itself logs every 4xx answer ("am I signed in?" while signed
 * out, a wrong code); those are the API working as specified and the page
 * shows them, so they are not errors of the page.
 */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    const text = msg.text();
    if (msg.type() === "error" && !/status of 4\d\d/.test(text)) errors.push(text);
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  return errors;
}

export async function signIn(page: Page, email = DEMO.email, password = DEMO.password) {
  await page.goto("/login");
  await page.getByLabel(/^(Email|E-mail)$/).fill(email);
  await page.getByLabel(/^(Password|Wachtwoord|Mot de passe)$/).fill(password);
  await page.getByRole("button", { name: /^(Sign in|Aanmelden|Se connecter)$/ }).click();
}

export async function expectSignedIn(page: Page) {
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

/** One message as the member receives it (an .eml file the server wrote). */
export interface Mail {
  to: string;
  subject: string;
  /** The plain text, decoded. */
  body: string;
  /** The attached calendar file, decoded, when there is one. */
  ics?: string;
  code?: string;
  link?: string;
}

/**
 * The newest message the server sent to `email` (the `[mail] dir` files,
 * which is what a member receives): its code and manage link. Waits for
 * the mail relay, which writes shortly after the request that queued it.
 * `after` skips messages older than that many (to wait for a new one).
 */
export async function latestMessage(_request: APIRequestContext, email: string, after = 0): Promise<Mail> {
  let found: Mail[] = [];
  await expect
    .poll(() => {
      found = mailsTo(email);
      return found.length;
    }, { message: `a message to ${email}`, timeout: 10_000 })
    .toBeGreaterThan(after);
  return found[found.length - 1];
}

/** Every message sent to `email`, oldest first. */
export function mailsTo(email: string): Mail[] {
  if (!existsSync(mailDir)) return [];
  return readdirSync(mailDir)
    .filter((f) => f.endsWith(".eml"))
    .map((f) => ({ f, at: statSync(join(mailDir, f)).mtimeMs }))
    .sort((a, b) => a.at - b.at)
    .map(({ f }) => parseMail(readFileSync(join(mailDir, f), "utf8")))
    .filter((m) => m.to.toLowerCase().includes(email.toLowerCase()));
}

function parseMail(raw: string): Mail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = parseHeaders(head);
  const body = rest.join("\r\n\r\n");
  let text = "";
  let ics: string | undefined;
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers["content-type"] ?? "")?.[1];
  if (boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith("--")) break;
      const [ph, ...pb] = part.replace(/^\r?\n/, "").split(/\r?\n\r?\n/);
      const h = parseHeaders(ph);
      const decoded = decodeBody(pb.join("\r\n\r\n").replace(/\r?\n$/, ""), h["content-transfer-encoding"]);
      if ((h["content-type"] ?? "").startsWith("text/calendar")) ics = decoded;
      else if ((h["content-type"] ?? "text/plain").startsWith("text/plain")) text = decoded;
    }
  } else {
    text = decodeBody(body, headers["content-transfer-encoding"]);
  }
  return {
    to: headers["to"] ?? "",
    subject: decodeWords(headers["subject"] ?? ""),
    body: text,
    ics,
    code: text.match(/\b(\d{6})\b/)?.[1],
    link: text.match(/(https?:\/\/\S+\/manage\?token=\S+)/)?.[1],
  };
}

function parseHeaders(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0) out[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return out;
}

function decodeBody(body: string, encoding = "7bit"): string {
  switch (encoding.toLowerCase()) {
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    case "quoted-printable":
      return Buffer.from(
        body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))),
        "latin1",
      ).toString("utf8");
    default:
      return body.replace(/\r\n/g, "\n");
  }
}

/** RFC 2047 encoded words, as lettre writes a subject that is not ASCII. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g, (_, _charset, kind, text) =>
      kind.toLowerCase() === "b"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeBody(text.replace(/_/g, " "), "quoted-printable"),
    );
}

/** A unique address per test run, so parallel tests never read each other's mail. */
export function uniqueEmail(tag: string) {
  return `${tag}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.be`;
}

/**
 * The times the public widget offers a new visitor with `coach` on the day
 * named `dayLabel` ("Monday 30 November 2026"); none when that day is closed,
 * as it is once its last time is taken.
 */
export async function widgetTimes(page: Page, typeId: number, coach: string, dayLabel: string): Promise<string[]> {
  await page.goto(`/book/1?type=${typeId}`);
  await page.getByRole("button", { name: coach }).click();
  const month = dayLabel.split(" ").slice(-2).join(" ");
  const title = page.locator(".month-nav h3");
  // The widget may move on from a month with no times left; it has settled
  // once it shows a day's times or says the month has none.
  await expect(page.locator(".day-title").or(page.locator(".empty-note"))).toBeVisible();
  for (let i = 0; i < 3 && (await title.innerText()) !== month; i++) {
    await page.getByRole("button", { name: "Next month" }).click();
  }
  await expect(title).toHaveText(month);
  // The month's availability is in once a day of it is open or it says it has none.
  await expect(page.locator(".day-title", { hasText: month }).or(page.locator(".empty-note"))).toBeVisible();
  const day = page.getByRole("button", { name: dayLabel, exact: true });
  if (await day.isDisabled()) return [];
  await day.click();
  await expect(page.locator(".day-title")).toHaveText(dayLabel);
  return (await page.locator(".slot-list .slot-time").allInnerTexts()).map((t) => t.trim());
}

/**
 * Waits for the widget to show the step headed `heading`. When it shows an
 * error instead (a time taken meanwhile, a field the server refused), the
 * test fails with that error's text, not with a bare timeout.
 */
export async function expectStep(scope: Page | FrameLocator, heading: string) {
  const step = scope.getByRole("heading", { name: heading });
  const alerts = scope.getByRole("alert").filter({ hasText: /\S/ });
  await expect(step.or(alerts).first()).toBeVisible();
  expect(await alerts.allInnerTexts(), `the widget's errors instead of "${heading}"`).toEqual([]);
  await expect(step).toBeVisible();
}
