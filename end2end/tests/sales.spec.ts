import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO, expectSignedIn, signIn, watchConsole, widgetTimes } from "./helpers";

// Seeded prospects that no other spec uses; each test takes its own range,
// so the two can run in parallel.
const BOOKING_RANGE = [281, 290];
const NO_ANSWER_RANGE = [291, 299];
const TRIAL = 2; // the demo's "Trial lesson"
// Driss is a coach no other spec books; the last slot of the first open
// day keeps clear of what booking.spec takes.
const COACH = "Driss (coach)";

type Result = { id: number; label: string; action: string; next_step_id: number | null };
type Sales = { current: { name: string; results: Result[] } | null; history: any[] };

async function staffApi(request: APIRequestContext) {
  const login = await request.post("/api/v1/session", { data: DEMO });
  expect(login.status()).toBe(200);
}

/** The first prospect of `range` whose current step offers `label`. */
async function prospectWith(request: APIRequestContext, range: number[], label: string) {
  await staffApi(request);
  for (let id = range[0]; id <= range[1]; id++) {
    const sales: Sales = await (await request.get(`/api/v1/prospects/${id}/sales`)).json();
    const result = sales.current?.results.find((r) => r.label === label);
    if (result) {
      const p = await (await request.get(`/api/v1/prospects/${id}`)).json();
      return { id, sales, result, name: `${p.first_name} ${p.last_name}` };
    }
  }
  throw new Error(`no prospect in ${range} offers ${label}`);
}

test("take a prospect through 'book a trial lesson' to an appointment on the agenda, no longer bookable in the widget", async ({ page, browser, request }) => {
  const errors = watchConsole(page);
  const { id, name } = await prospectWith(request, BOOKING_RANGE, "Book a trial lesson");
  await signIn(page);
  await expectSignedIn(page);
  await page.goto(`/prospects/${id}`);
  await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  const section = page.getByRole("region", { name: "Sales steps" });
  await section.getByLabel("Note with the result (optional)").fill("Wants an evening trial");
  await section.getByRole("button", { name: "Book a trial lesson" }).click();

  const dialog = page.getByRole("dialog", { name: /Choose a time/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading", { name: /Choose a time/ })).toBeFocused();
  const picker = page.frameLocator("iframe.picker-frame");
  await picker.getByRole("button", { name: COACH }).click();
  await expect(picker.getByRole("heading", { name: "Choose a day and time" })).toBeVisible();
  const slots = picker.locator(".slot-list button");
  await expect(slots.last()).toBeVisible();
  const dayLabel = (await picker.locator(".month-grid button[aria-pressed=true]").getAttribute("aria-label"))!;
  const slot = slots.last();
  const time = (await slot.innerText()).trim();
  await slot.click();

  await expect(dialog.getByText("Chosen time:")).toBeVisible();
  await expect(dialog.getByText(new RegExp(`${time}–`))).toBeVisible();
  await dialog.getByRole("button", { name: "Confirm appointment" }).click();
  await expect(dialog).toBeHidden();

  await expect(section.getByRole("heading", { name: "Current step: After the trial lesson" })).toBeVisible();
  const latest = section.locator(".sales-history li").first();
  await expect(latest).toContainText("Book a trial lesson");
  await expect(latest).toContainText("Wants an evening trial");
  await expect(latest).toContainText(`${time}–`);
  await expect(latest).toContainText(COACH);

  // The agenda of that day shows it, with Driss.
  const sales: Sales = await (await request.get(`/api/v1/prospects/${id}/sales`)).json();
  const appointment = sales.history[0].appointment;
  expect(appointment.start_time).toBe(time);
  await page.goto(`/calendar?date=${appointment.date}&view=list`);
  const driss = page.locator(".agenda-group", { has: page.getByRole("heading", { name: COACH }) });
  const item = driss.locator(".agenda-item", { hasText: name });
  await expect(item).toContainText(`${time}–`);
  await expect(item).toContainText("Trial lesson");
  await expect(item).toContainText("Confirmed");

  // The public widget no longer offers that time with Driss.
  const visitor = await browser.newPage();
  expect(await widgetTimes(visitor, TRIAL, COACH, dayLabel)).not.toContain(time);
  expect(errors).toEqual([]);
});

test("a result without appointment moves the prospect on and keeps the note, by keyboard at 360 px", async ({ page, request }) => {
  const errors = watchConsole(page);
  const { id, result } = await prospectWith(request, NO_ANSWER_RANGE, "No answer");
  const plan: { id: number; name: string }[] = await (await request.get("/api/v1/sales/steps")).json();
  const next = result.action === "close" ? null : plan.find((s) => s.id === result.next_step_id)!.name;

  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page);
  await expectSignedIn(page);
  await page.goto(`/prospects/${id}`);
  const section = page.getByRole("region", { name: "Sales steps" });
  const note = section.getByLabel("Note with the result (optional)");
  await note.focus();
  await page.keyboard.type("<b>Voicemail</b> left at 10:00");
  await page.keyboard.press("Tab");
  const first = section.getByRole("button").first();
  await expect(first).toBeFocused();
  await section.getByRole("button", { name: "No answer" }).focus();
  await page.keyboard.press("Enter");

  if (next) {
    await expect(section.getByRole("heading", { name: `Current step: ${next}` })).toBeVisible();
  } else {
    await expect(section.getByText("The sales process has ended.")).toBeVisible();
  }
  const latest = section.locator(".sales-history li").first();
  await expect(latest).toContainText("No answer");
  await expect(latest).toContainText("by Demo Manager");
  // The note is text, markup and all.
  await expect(latest.locator(".sales-note")).toHaveText("<b>Voicemail</b> left at 10:00");
  await expect(latest.locator(".sales-note b")).toHaveCount(0);
  await expect(section.getByLabel("Note with the result (optional)")).toHaveValue("");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(errors).toEqual([]);
});

test("Escape closes the slot picker and gives focus back to the result", async ({ page, request }) => {
  const { id } = await prospectWith(request, [271, 280], "Book a trial lesson");
  await signIn(page);
  await expectSignedIn(page);
  await page.goto(`/prospects/${id}`);
  const section = page.getByRole("region", { name: "Sales steps" });
  const trial = section.getByRole("button", { name: "Book a trial lesson" });
  await trial.click();
  const dialog = page.getByRole("dialog", { name: /Choose a time/ });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trial).toBeFocused();
  // Also from inside the picker, where the key stays in the iframe.
  await trial.press("Enter");
  await expect(dialog).toBeVisible();
  const coach = page.frameLocator("iframe.picker-frame").getByRole("button", { name: "Any available" });
  await coach.focus();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trial).toBeFocused();
  // Nothing was recorded.
  const sales: Sales = await (await request.get(`/api/v1/prospects/${id}/sales`)).json();
  expect(sales.current!.results.some((r) => r.label === "Book a trial lesson")).toBe(true);
});
