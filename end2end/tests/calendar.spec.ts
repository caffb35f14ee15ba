import { expect, test } from "@playwright/test";
import { calendarFlow, widgetTimes } from "./calendar";
import { deskSetup } from "./desk";
import { expectSignedIn, latestMessage, signIn, uniqueEmail, watchConsole } from "./helpers";

// The front desk's calendar on Frontdesk's own agenda.
test("the calendar's day: free slots as the widget's, a widget booking moved by keyboard, hours added and removed, a club cancellation", async ({ page, request, context }) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  await signIn(page);
  await expectSignedIn(page);
  const widget = await context.browser()!.newPage();
  await calendarFlow(
    page,
    widget,
    request,
    {
      async codeOf(request, email) {
        const mail = await latestMessage(request, email);
        expect(mail.code, "a code in the message").toBeTruthy();
        return mail.code!;
      },
      async expectCancellationMessage(request, email, reason) {
        const mail = await latestMessage(request, email, 2);
        expect(mail.subject).toContain("cancelled");
        expect(mail.body).toContain(reason);
      },
    },
    /./,
    "cal-local",
  );
  await widget.close();
  expect(errors).toEqual([]);
});

test("staff book a person into a free slot of the grid, answering the agenda's own questions", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page);
  await expectSignedIn(page);
  const setup = await deskSetup(page, /intake/i);
  const fields: any[] = await (await page.request.get(`/api/v1/public/agendas/${setup.agenda}/types/${setup.type}/fields`)).json();
  const date = new Date(Date.now() + 4 * 86400_000).toISOString().slice(0, 10);
  let free = page.locator(".cal-free");
  for (let days = 4; days < 14; days++) {
    const day = new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
    await page.goto(`/calendar?date=${day}&view=day&type=${setup.type}`);
    await expect(page.locator(".cal-frame")).toBeVisible();
    if ((await free.count()) > 0) break;
  }
  expect(await free.count(), `a free slot from ${date} on`).toBeGreaterThan(0);
  const slot = free.first();
  const time = (await slot.innerText()).trim();
  await slot.focus();
  await page.keyboard.press("Enter");
  const panel = page.locator(".cal-panel");
  await expect(panel.getByRole("heading", { name: new RegExp(`Book at ${time}`) })).toBeVisible();
  const name = `Grid Booker ${Date.now() % 100000}`;
  await panel.getByLabel("Name").fill(name);
  await panel.getByLabel("Email").fill(uniqueEmail("grid-book"));
  for (const f of fields.filter((f) => f.required)) await panel.getByLabel(f.label).fill("Swim 2 km");
  await panel.getByRole("button", { name: "Book", exact: true }).focus();
  await page.keyboard.press("Enter");
  const booked = page.locator(".cal-appt", { hasText: name });
  await expect(booked).toHaveAccessibleName(new RegExp(`^${time}\\s*–`));
  expect(errors).toEqual([]);
});

test("weekly opening hours: a coach's Sunday evening added shows in the widget, a wrong span is named and keeps what was typed, taken away it leaves", async ({ page, context }) => {
  test.setTimeout(90_000);
  const errors = watchConsole(page);
  await signIn(page);
  await expectSignedIn(page);
  const setup = await deskSetup(page, /intake/i);
  const resources: any[] = await (await page.request.get(`/api/v1/public/agendas/${setup.agenda}/resources`)).json();
  const coach = resources.find((r) => String(r.id) === setup.coach);
  const sunday = (() => {
    const d = new Date(Date.now() + 8 * 86400_000);
    d.setUTCDate(d.getUTCDate() + ((7 - d.getUTCDay()) % 7));
    return d.toISOString().slice(0, 10);
  })();
  const widget = await context.browser()!.newPage();
  const before = await widgetTimes(widget, setup.agenda, setup.type, coach.name, sunday);
  expect(before, "nothing offered at 21:00 yet").not.toContain("21:00");

  await page.goto(`/calendar?date=${sunday}&view=day`);
  await page.locator("summary", { hasText: "Weekly opening hours" }).click();
  const week = page.locator(".cal-week-hours");
  await week.getByLabel("Coach or room").selectOption(setup.coach);
  const day = week.locator(".week-day", { hasText: "Sunday" });
  const spans = day.locator(".week-span");
  const count = await spans.count();
  await day.getByRole("button", { name: "Add hours Sunday" }).click();
  await expect(spans).toHaveCount(count + 1);
  const added = spans.last();
  await added.getByLabel("Sunday From").fill("21:00");
  await added.getByLabel("Sunday Until").fill("20:00");
  await week.getByRole("button", { name: "Save the week" }).click();
  await expect(added.locator(".field-error")).toHaveText("The end must be after the start.");
  await expect(added.getByLabel("Sunday Until")).toHaveValue("20:00");
  await expect(added.getByLabel("Sunday From")).toHaveValue("21:00");

  await added.getByLabel("Sunday Until").fill("23:00");
  await week.getByRole("button", { name: "Save the week" }).click();
  await expect(week.getByRole("status")).toHaveText(/Saved/);
  const blocks: any[] = await (await page.request.get(`/api/v1/agendas/${setup.agenda}/blocks?from=${sunday}&to=${sunday}`)).json();
  expect(blocks.some((b) => b.weekday === 7 && b.resource_id === setup.coach && b.start === "21:00" && b.end === "23:00")).toBe(true);
  const opened = await widgetTimes(widget, setup.agenda, setup.type, coach.name, sunday);
  expect(opened).toContain("21:00");
  expect(opened.filter((t) => !before.includes(t)).every((t) => t >= "21:00" && t < "23:00")).toBe(true);

  // Taken away again: the widget offers what it did before.
  await page.reload();
  await page.locator("summary", { hasText: "Weekly opening hours" }).click();
  await week.getByLabel("Coach or room").selectOption(setup.coach);
  await day.getByRole("button", { name: "Remove Sunday 21:00–23:00" }).click();
  await expect(spans).toHaveCount(count);
  await week.getByRole("button", { name: "Save the week" }).click();
  await expect(week.getByRole("status")).toHaveText(/Saved/);
  expect(await widgetTimes(widget, setup.agenda, setup.type, coach.name, sunday)).toEqual(before);
  await widget.close();
  expect(errors).toEqual([]);
});
