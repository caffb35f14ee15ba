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

// Another week gives the grid's appointment buttons the other week's
// appointments (the buttons are reused by their place in the list, not
// drawn anew): each must then say, show and be marked as its new
// appointment, with nothing of the week before left on any of them.
test("switching week rewrites every appointment button: the other week's names, times and status, nothing of the week before; Today is a button like previous and next", async ({ page }) => {
  test.setTimeout(90_000);
  const errors = watchConsole(page);
  await signIn(page);
  await expectSignedIn(page);
  const setup = await deskSetup(page, /./);
  const resources: any[] = await (await page.request.get(`/api/v1/public/agendas/${setup.agenda}/resources`)).json();
  const coach = resources.find((r) => String(r.id) === setup.coach);
  // Two weeks far ahead, Monday to Sunday, that no other test books in.
  const monday = (() => {
    const d = new Date(Date.now() + (200 + Math.floor(Math.random() * 300)) * 86400_000);
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return d.toISOString().slice(0, 10);
  })();
  const day = (n: number) => new Date(Date.parse(`${monday}T12:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
  const stamp = Date.now() % 100000;
  const book = async (date: string, hour: number, name: string) => {
    const booked = await page.request.post("/api/v1/appointments", {
      data: {
        agenda_id: setup.agenda,
        type_id: setup.type,
        start: `${date}T${String(hour).padStart(2, "0")}:00:00Z`,
        resource_id: setup.coach,
        name,
        email: uniqueEmail("weeks"),
        fields: setup.answers,
        override_reason: "Test of the week switch",
      },
    });
    expect(booked.status(), await booked.text()).toBe(201);
    return (await booked.json()).id as number;
  };
  // This week three, the first one not cancelled; next week two, the
  // first one cancelled (so the first button changes status both ways).
  await book(day(0), 8, `Week One A ${stamp}`);
  await book(day(1), 9, `Week One B ${stamp}`);
  await book(day(2), 10, `Week One C ${stamp}`);
  const cancelled = await book(day(7), 7, `Week Two A ${stamp}`);
  await book(day(10), 12, `Week Two B ${stamp}`);
  const cancel = await page.request.post(`/api/v1/appointments/${cancelled}/cancel`, { data: { reason: "Test", notify: false } });
  expect(cancel.status(), await cancel.text()).toBeLessThan(300);

  const status: Record<string, string> = { pending: "Awaiting confirmation", approved: "Confirmed", cancelled: "Cancelled" };
  // The week starting `from` in the grid: exactly its appointments with
  // this coach (read from the API), each button with its own label,
  // texts and marks; none of `gone` (the other week's names) anywhere.
  const expectWeek = async (from: string, gone: string[]) => {
    const to = new Date(Date.parse(`${from}T12:00:00Z`) + 6 * 86400_000).toISOString().slice(0, 10);
    const list = await (await page.request.get(`/api/v1/appointments?from=${from}&to=${to}`)).json();
    const items: any[] = list.items.filter((a: any) => a.resource_id === setup.coach);
    expect(items.length).toBeGreaterThan(1);
    const buttons = page.locator(".cal-appt");
    await expect(buttons).toHaveCount(items.length);
    for (const a of items) {
      const button = page.locator(`.cal-appt[data-id="${a.id}"]`);
      const span = `${a.start_time}–${a.end_time}`;
      await expect(button).toHaveAccessibleName(`${span}, ${a.name}, ${a.type_name}, ${coach.name}, ${status[a.status]}`);
      await expect(button.locator(".cal-appt-time")).toHaveText(span);
      await expect(button.locator(".cal-appt-name")).toHaveText(a.name);
      await expect(button.locator(".cal-appt-type")).toHaveText(a.type_name);
      await expect(button).toBeVisible();
      if (a.status === "cancelled") await expect(button).toHaveClass(/cal-cancelled/);
      else await expect(button).not.toHaveClass(/cal-cancelled/);
      // What a click opens is this appointment (the button's index).
      expect(await button.getAttribute("data-i")).toMatch(/^\d+$/);
    }
    expect(new Set(await buttons.evaluateAll((els) => els.map((e) => e.getAttribute("data-id"))))).toEqual(
      new Set(items.map((a) => String(a.id))),
    );
    for (const name of gone) await expect(page.locator(".cal-appt", { hasText: name })).toHaveCount(0);
    await expect(page.locator(".cal-chosen")).toHaveCount(0);
    await expect(page.locator(".cal-saving")).toHaveCount(0);
  };
  const one = [`Week One A ${stamp}`, `Week One B ${stamp}`, `Week One C ${stamp}`];
  const two = [`Week Two A ${stamp}`, `Week Two B ${stamp}`];

  await page.goto(`/calendar?date=${monday}&view=week&r=${setup.coach}`);
  await expectWeek(monday, two);
  // One chosen, its panel open: the next week chooses nothing.
  await page.locator(".cal-appt", { hasText: one[0] }).click();
  await expect(page.locator(".cal-panel").getByRole("heading", { name: new RegExp(one[0]) })).toBeVisible();
  await expect(page.locator(".cal-chosen")).toHaveCount(1);

  await page.getByRole("button", { name: "Next day" }).click();
  await expect(page).toHaveURL(new RegExp(`date=${day(7)}`));
  await expectWeek(day(7), one);
  // A button now showing next week's appointment opens that one.
  await page.locator(".cal-appt", { hasText: two[1] }).click();
  await expect(page.locator(".cal-panel").getByRole("heading", { name: new RegExp(two[1]) })).toBeVisible();

  await page.getByRole("button", { name: "Previous day" }).click();
  await expect(page).toHaveURL(new RegExp(`date=${monday}`));
  await expectWeek(monday, two);

  // Today: a button as previous and next are (role, keyboard, look).
  const today = page.getByRole("button", { name: "Today", exact: true });
  const previous = page.getByRole("button", { name: "Previous day" });
  const look = (el: Element) => {
    const s = getComputedStyle(el);
    return [s.minHeight, s.borderTopWidth, s.borderTopStyle, s.borderTopColor, s.backgroundColor, s.color, s.paddingTop, s.borderRadius, s.fontSize, s.textDecorationLine];
  };
  expect(await today.evaluate(look)).toEqual(await previous.evaluate(look));
  await today.focus();
  await page.keyboard.press("Enter");
  // The browser's own date, as the app reads it.
  const todayDate = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  });
  await expect(page).toHaveURL(new RegExp(`date=${todayDate}&view=week&r=${setup.coach}$`));
  expect(errors).toEqual([]);
});
