import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectSignedIn, latestMessage, signIn, uniqueEmail } from "./helpers";

// axe-core (the engine behind most accessibility checkers) on every staff
// page and dialog and every widget step, at a desk's width and a phone's.
// It is run with its default rules (WCAG 2 A and AA, and best practices):
// what it reports is a failure, named with the nodes it found.
const AXE = readFileSync(resolve(__dirname, "../node_modules/axe-core/axe.min.js"), "utf8");

type Violation = { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] };

async function violations(page: Page): Promise<string[]> {
  // Evaluated, not a script tag: the app's CSP rightly refuses inline scripts.
  await page.evaluate(AXE);
  const found: Violation[] = await page.evaluate(async () => {
    // Whatever is still fading in is measured as it ends.
    await new Promise((r) => setTimeout(r, 250));
    const result = await (window as any).axe.run(document);
    return result.violations;
  });
  return found.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary.replace(/\n/g, " ")}`).join("\n")}`,
  );
}

async function check(page: Page, what: string) {
  expect.soft(await violations(page), what).toEqual([]);
}

for (const [name, viewport] of [
  ["desk", { width: 1280, height: 800 }],
  ["phone", { width: 360, height: 740 }],
] as const) {
  test.describe(`at a ${name}'s width`, () => {
    test.use({ viewport });

    test("the staff pages and their dialogs", async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto("/login");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
      await check(page, "sign in");
      await signIn(page);
      await expectSignedIn(page);

      await page.goto("/prospects");
      await expect(page.getByRole("table", { name: "Prospects" })).toBeVisible();
      await expect(page.locator(".ptable-space [role=row]").first()).toBeVisible();
      await check(page, "prospect list");
      await page.locator(".ptable-space [role=row] .c-name a").first().click();
      await expect(page.locator(".drawer")).toBeVisible();
      await expect(page.locator(".drawer input").first()).toBeVisible();
      await check(page, "prospect drawer");
      await page.keyboard.press("Escape");

      await page.goto("/board");
      await expect(page.locator(".board-card").first()).toBeVisible();
      await check(page, "pipeline board");
      await page.locator(".board-card").first().getByRole("button", { name: "Move to…" }).click();
      await expect(page.getByRole("dialog", { name: "Move to…" })).toBeVisible();
      await check(page, "Move to… menu");
      await page.keyboard.press("Escape");
      await page.locator(".board-card .card-title").first().click();
      await expect(page.locator(".drawer")).toBeVisible();
      await check(page, "deal drawer");
      await page.keyboard.press("Escape");

      for (const mode of ["day", "week", "list"]) {
        await page.goto(`/calendar?view=${mode}`);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(page.locator(".loading")).toHaveCount(0);
        await check(page, `calendar, ${mode}`);
      }

      await page.goto("/settings");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await check(page, "settings");
      // An invitation just made, its link shown once.
      const add = page.locator("#staff-add");
      await add.getByLabel("Email").fill(uniqueEmail(`axe-invite-${name}`));
      await add.getByRole("button", { name: "Send the invitation" }).click();
      await expect(add.getByLabel("Invitation link", { exact: true })).toBeVisible();
      await check(page, "settings: an invitation made");
      // The page its link opens (public; the person chooses a password).
      const link = await add.getByLabel("Invitation link", { exact: true }).inputValue();
      await page.goto(new URL(link).pathname);
      await expect(page.getByLabel("Choose a password")).toBeVisible();
      await check(page, "the invitation page");
    });

    test("the dialogs and folds of a day's work", async ({ page }) => {
      test.setTimeout(120_000);
      await signIn(page);
      await expectSignedIn(page);

      // The import's preview, with rows that repeat a prospect already there
      // and each other.
      const someone = (await (await page.request.get("/api/v1/prospects?limit=50")).json()).items.find((p: any) => p.email);
      await page.goto("/prospects");
      await expect(page.getByRole("table", { name: "Prospects" })).toBeVisible();
      await page.getByRole("button", { name: "Import CSV" }).click();
      const importing = page.getByRole("dialog", { name: "Import prospects" });
      await expect(importing).toBeVisible();
      await check(page, "import dialog");
      const csv = `Voornaam;Naam;E-mail\nAxel;Again;${someone.email}\nAxel;Twice;axel.${name}@example.be\nAxel;Twice;axel.${name}@example.be\n`;
      await importing.getByLabel("CSV file").setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      await expect(importing.getByRole("radio", { name: "Skip these rows" })).toBeVisible();
      await check(page, "import dialog, its preview with repeated rows");
      await page.keyboard.press("Escape");
      await expect(importing).toHaveCount(0);

      // The board's question when a deal is lost (cancelled: nothing moves).
      const pipelines: any[] = await (await page.request.get("/api/v1/pipelines")).json();
      const deals = pipelines.find((p) => p.kind === "deals");
      const lost = deals.stages.find((s: any) => s.is_lost);
      await page.goto(`/board?pipeline=${deals.id}`);
      await expect(page.locator(".board-card").first()).toBeVisible();
      await page.locator(".board-card").first().getByRole("button", { name: "Move to…" }).click();
      await page.getByRole("dialog", { name: "Move to…" }).getByRole("button", { name: lost.name }).click();
      const ask = page.getByRole("dialog", { name: "Why was this deal lost?" });
      await expect(ask).toBeVisible();
      await check(page, "board: why was this deal lost?");
      await ask.getByRole("button", { name: "Cancel" }).click();
      await expect(ask).toHaveCount(0);

      // The calendar's panels: booking a free slot, and an appointment.
      const agenda = (await (await page.request.get("/api/v1/public/agendas")).json())[0];
      const types: any[] = await (await page.request.get(`/api/v1/public/agendas/${agenda.id}/types`)).json();
      const intake = types.find((t) => /intake/i.test(t.name)) ?? types[0];
      const free = page.locator(".cal-free");
      for (let days = 2; days < 14; days++) {
        const day = new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
        await page.goto(`/calendar?date=${day}&view=day&type=${intake.id}`);
        await expect(page.locator(".cal-frame")).toBeVisible();
        await expect(page.locator(".loading")).toHaveCount(0);
        if ((await free.count()) > 0) break;
      }
      await free.first().click();
      const panel = page.locator(".cal-panel");
      await expect(panel.getByRole("heading", { name: /Book at/ })).toBeVisible();
      await check(page, "calendar: booking a free slot");
      await panel.getByRole("button", { name: "Close" }).click();
      // The widget's bookings of the other tests, or the demo's own.
      const appointment = page.locator(".cal-appt");
      for (let days = 0; days < 14 && (await appointment.count()) === 0; days++) {
        const day = new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
        await page.goto(`/calendar?date=${day}&view=day`);
        await expect(page.locator(".cal-frame")).toBeVisible();
        await expect(page.locator(".loading")).toHaveCount(0);
      }
      await appointment.first().click();
      await expect(panel).toBeVisible();
      await check(page, "calendar: an appointment");
      await panel.getByRole("button", { name: "Close" }).click();

      // Settings: a type's form with its other languages, the weekly hours,
      // and removing a coach asked about (and not done).
      await page.goto("/settings");
      const booking = page.locator("#settings-booking");
      await booking.getByRole("button", { name: "New appointment type" }).click();
      const form = page.locator("#booking-type-form");
      await form.getByRole("button", { name: "Add a question" }).click();
      await form.locator(".bs-translations").first().getByText("In other languages").click();
      await expect(form.getByLabel("Name (Nederlands)")).toBeVisible();
      await form.getByRole("button", { name: "Save the appointment type" }).click();
      await expect(form.getByLabel("Name of the appointment type")).toHaveAttribute("aria-invalid", "true");
      await check(page, "settings: a type's form, with its errors and other languages");
      await form.getByRole("button", { name: "Cancel" }).click();
      await booking.locator(".bs-hours summary").click();
      await expect(booking.locator(".bs-hours")).toHaveAttribute("open", "");
      await check(page, "settings: weekly hours");
      await booking.getByRole("button", { name: /^Remove / }).first().click();
      await expect(booking.getByRole("button", { name: "Yes, remove" })).toBeVisible();
      await check(page, "settings: removing a coach, asked");
      await booking.getByRole("button", { name: "Keep" }).click();
    });

    test("every step of the booking widget", async ({ page, request }) => {
      test.setTimeout(90_000);
      await page.goto("/book/1");
      await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
      await check(page, "widget: what");
      await page.goto("/book/1?type=2");
      await expect(page.getByRole("heading", { name: "With whom?" })).toBeVisible();
      await check(page, "widget: with whom");
      await page.getByRole("button", { name: "Anna (coach)" }).click();
      await expect(page.locator(".slot-list button").first()).toBeVisible();
      await check(page, "widget: day and time");
      await page.locator(".slot-list button").last().click();
      await expect(page.getByRole("heading", { name: "Your details" })).toBeVisible();
      await check(page, "widget: your details");
      const email = uniqueEmail(`axe-${name}`);
      await page.getByLabel("Name").fill("Ada Axe");
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: "Book this appointment" }).click();
      await expect(page.getByRole("heading", { name: "Enter your code" })).toBeVisible();
      await check(page, "widget: the code");
      const message = await latestMessage(request, email);
      await page.getByLabel("Code").fill(message.code!);
      await page.getByRole("button", { name: "Confirm" }).click();
      await expect(page.getByRole("heading", { name: "You're booked" })).toBeVisible();
      await check(page, "widget: booked");
      await page.goto(message.link!.replace(/^https?:\/\/[^/]+/, ""));
      await expect(page.getByRole("heading", { name: "Your appointment" })).toBeVisible();
      await check(page, "widget: the manage page");
      await page.getByRole("button", { name: "Cancel appointment" }).click();
      await expect(page.getByText("The appointment is cancelled.")).toBeVisible();
    });
  });
}
