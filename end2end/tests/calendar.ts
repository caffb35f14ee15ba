import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { deskSetup } from "./desk";

/** What differs between Frontdesk's own agenda and a vendor's. */
export interface Backend {
  /** The confirmation code the booker of `email` received. */
  codeOf(request: APIRequestContext, email: string): Promise<string>;
  /** That `email` was told of a club cancellation with `reason`. */
  expectCancellationMessage(request: APIRequestContext, email: string, reason: string): Promise<void>;
}

/** `text` matched literally inside a regular expression. */
function lit(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

interface Free {
  time: string;
  start: string;
}

/** "Monday 7 December 2026", as the widget names a day. */
function dayLabel(date: string): string {
  return new Date(`${date}T12:00:00Z`)
    .toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
    .replace(",", "");
}

function addDays(days: number): string {
  return new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
}

/** The free slots the calendar shows for `coach` (its HH:MM and start). */
async function calendarFree(page: Page, coach: string): Promise<Free[]> {
  return page
    .locator(`.cal-free[data-resource="${coach}"]`)
    .evaluateAll((els) => els.map((e) => ({ time: (e.textContent ?? "").trim(), start: e.getAttribute("data-start") ?? "" })));
}

async function openCalendar(page: Page, query: string) {
  await page.goto(`/calendar?${query}`);
  await expect(page.locator(".cal-frame")).toBeVisible();
}

/** The times the public widget offers with `coach` on `date`. */
export async function widgetTimes(page: Page, agenda: number, type: number, coach: string, date: string): Promise<string[]> {
  await page.goto(`/book/${agenda}?type=${type}`);
  await page.getByRole("button", { name: coach, exact: true }).click();
  const label = dayLabel(date);
  const month = label.split(" ").slice(-2).join(" ");
  const title = page.locator(".month-nav h3");
  await expect(page.locator(".day-title").or(page.locator(".empty-note"))).toBeVisible();
  for (let i = 0; i < 3 && (await title.innerText()) !== month; i++) {
    await page.getByRole("button", { name: "Next month" }).click();
  }
  await expect(title).toHaveText(month);
  await expect(page.locator(".day-title", { hasText: month }).or(page.locator(".empty-note"))).toBeVisible();
  const day = page.getByRole("button", { name: label, exact: true });
  if (await day.isDisabled()) return [];
  await day.click();
  await expect(page.locator(".day-title")).toHaveText(label);
  return (await page.locator(".slot-list .slot-time").allInnerTexts()).map((t) => t.trim());
}

/**
 * The front desk's day, on whichever agenda the server runs: the calendar's
 * free slots are the widget's; a booking made through the widget's API
 * shows in the grid; staff move it (keyboard only) to another coach and
 * time, and the widget offers the old time again and not the new one; a
 * move outside the hours needs a reason; extra hours added and removed
 * show and leave the widget; a club cancellation tells the customer.
 */
export async function calendarFlow(page: Page, widget: Page, request: APIRequestContext, backend: Backend, typeName: RegExp, tag: string) {
  const setup = await deskSetup(page, typeName);
  const types: any[] = await (await page.request.get(`/api/v1/public/agendas/${setup.agenda}/types`)).json();
  const ty = types.find((t) => t.id === setup.type);
  const resources: any[] = await (await page.request.get(`/api/v1/public/agendas/${setup.agenda}/resources`)).json();
  const coaches = resources.filter((r) => ty.resource_ids.length === 0 || ty.resource_ids.includes(String(r.id)));
  expect(coaches.length, "two coaches for the type").toBeGreaterThan(1);

  // A day at least two days ahead where coach A has a time free and coach
  // B another one, not at the same time.
  let date = "";
  let a: { id: string; name: string; free: Free[] } | undefined;
  let b: { id: string; name: string; free: Free[] } | undefined;
  search: for (let days = 2; days < 16; days++) {
    date = addDays(days);
    await openCalendar(page, `date=${date}&view=day&type=${setup.type}`);
    for (const first of coaches) {
      for (const second of coaches) {
        if (first === second) continue;
        const fa = await calendarFree(page, String(first.id));
        const fb = await calendarFree(page, String(second.id));
        if (fa.length > 0 && fb.some((f) => f.time !== fa[0].time)) {
          a = { id: String(first.id), name: first.name, free: fa };
          b = { id: String(second.id), name: second.name, free: fb.filter((f) => f.time !== fa[0].time) };
          break search;
        }
      }
    }
  }
  expect(a && b, "a day with times free for two coaches").toBeTruthy();

  // The calendar's free slots are the widget's, coach by coach.
  for (const coach of [a!, b!]) {
    expect(await widgetTimes(widget, setup.agenda, setup.type, coach.name, date), `${coach.name} on ${date}`).toEqual(
      (await calendarFree(page, coach.id)).map((f) => f.time),
    );
  }

  // Booked through the widget's API with coach A, confirmed with the code.
  const email = `${tag}.${Date.now()}@example.be`;
  const name = `Cal ${tag} ${Date.now() % 100000}`;
  const booked = await request.post(`/api/v1/public/agendas/${setup.agenda}/bookings`, {
    headers: { "Idempotency-Key": `cal-${email}` },
    data: { type_id: setup.type, start: a!.free[0].start, resource_id: a!.id, name, email, fields: setup.answers, language: "en" },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  const booking = await booked.json();
  const confirmed = await request.post("/api/v1/public/bookings/confirm", {
    data: { token: booking.manage_token, code: await backend.codeOf(request, email) },
  });
  expect(confirmed.status(), await confirmed.text()).toBe(200);

  // It is in the grid, in coach A's column.
  await openCalendar(page, `date=${date}&view=day`);
  const appt = page.locator(".cal-appt", { hasText: name });
  await expect(appt).toHaveAccessibleName(new RegExp(`^${a!.free[0].time}\\s*–.*${lit(a!.name)}`));

  // Keyboard alone: open it, move it to coach B at B's free time.
  const target = b!.free[0];
  await appt.focus();
  await page.keyboard.press("Enter");
  const panel = page.locator(".cal-panel");
  await expect(panel.getByRole("heading", { name: new RegExp(name) })).toBeVisible();
  await panel.getByLabel("Start").focus();
  await panel.getByLabel("Start").fill(target.time);
  await panel.getByLabel("Coach or room").focus();
  await panel.getByLabel("Coach or room").selectOption(b!.id);
  await panel.getByRole("button", { name: "Move", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(appt).toHaveAccessibleName(new RegExp(`^${target.time}\\s*–.*${lit(b!.name)}`));
  await expect(page.locator(".cal-saving")).toHaveCount(0);
  await expect(page.locator(".cal-override")).toHaveCount(0);
  await openCalendar(page, `date=${date}&view=day`);
  await expect(appt).toHaveAccessibleName(new RegExp(`^${target.time}\\s*–.*${lit(b!.name)}`));

  // The widget: B's time is taken, A's is free again.
  expect(await widgetTimes(widget, setup.agenda, setup.type, b!.name, date)).not.toContain(target.time);
  expect(await widgetTimes(widget, setup.agenda, setup.type, a!.name, date)).toContain(a!.free[0].time);

  // Outside the hours: refused without a reason (left where it was), moved with one.
  await appt.focus();
  await page.keyboard.press("Enter");
  await panel.getByLabel("Start").fill("05:00");
  await panel.getByRole("button", { name: "Move", exact: true }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog", { name: "Book it anyway?" });
  await expect(dialog).toBeVisible();
  await expect(appt).toHaveAccessibleName(new RegExp(`^${target.time}\\s*–`));
  await dialog.getByRole("button", { name: "Leave it where it was" }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await panel.getByRole("button", { name: "Move", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Why (kept with your name)").focus();
  await page.keyboard.type("Early client, coach agreed");
  await dialog.getByRole("button", { name: "Move anyway" }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(appt).toHaveAccessibleName(/^05:00\s*–/);
  await expect(page.locator(".cal-saving")).toHaveCount(0);
  await openCalendar(page, `date=${date}&view=day`);
  await expect(appt).toHaveAccessibleName(/^05:00\s*–/);

  // Extra hours for coach A early that day: the widget offers them; taken
  // away, it does not.
  const early = "06:00";
  const until = `${String(6 + Math.ceil(ty.duration_min / 60)).padStart(2, "0")}:00`;
  const extra = page.locator(".cal-extra");
  await extra.getByLabel("Coach or room").selectOption(a!.id);
  await extra.getByLabel("Day").fill(date);
  await extra.getByLabel("From").fill(early);
  await extra.getByLabel("Until").fill(until);
  await extra.getByRole("button", { name: "Add the hours" }).focus();
  await page.keyboard.press("Enter");
  const remove = extra.getByRole("button", { name: `Remove ${date} ${early}–${until} ${a!.name}` });
  await expect(remove).toBeVisible();
  expect(await widgetTimes(widget, setup.agenda, setup.type, a!.name, date)).toContain(early);
  await remove.focus();
  await page.keyboard.press("Enter");
  await expect(remove).toHaveCount(0);
  expect(await widgetTimes(widget, setup.agenda, setup.type, a!.name, date)).not.toContain(early);

  // Cancelled by the club, the customer told, from the grid.
  await appt.focus();
  await page.keyboard.press("Enter");
  await panel.getByRole("button", { name: "Cancel…" }).focus();
  await page.keyboard.press("Enter");
  await panel.getByLabel("Reason (told to the customer)").focus();
  await page.keyboard.type("Coach is ill");
  await expect(panel.getByLabel("Tell the customer")).toBeChecked();
  await panel.getByRole("button", { name: "Cancel the appointment" }).focus();
  await page.keyboard.press("Enter");
  await expect(panel.locator(".agenda-status")).toHaveText("Cancelled");
  await backend.expectCancellationMessage(request, email, "Coach is ill");
  await openCalendar(page, `date=${date}&view=day`);
  await expect(appt).toHaveClass(/cal-cancelled/);
}
