import { expect, test } from "@playwright/test";
import { expectSignedIn, expectStep, signIn, uniqueEmail, watchConsole } from "./helpers";

// Issue #21, booking setup: an owner adds an appointment type with its own
// question in Settings; the widget offers it at once and asks that
// question. Names are unique (the server's database is shared by every
// spec running beside this one), and the type is archived at the end, so
// no other spec's widget sees it for long.

test("a new appointment type with a question appears in the widget with that question", async ({ page, browser }) => {
  const errors = watchConsole(page);
  const stamp = Date.now();
  const name = `Kickboxing intro ${stamp}`;
  const question = `Which glove size ${stamp}?`;
  const dutchName = `Kickboksen kennismaking ${stamp}`;
  const dutchQuestion = `Welke handschoenmaat ${stamp}?`;

  await signIn(page);
  await expectSignedIn(page);
  await page.goto("/settings");
  const section = page.locator("#settings-booking");
  await expect(section.getByRole("heading", { level: 2, name: "Booking setup" })).toBeVisible();
  await section.getByRole("button", { name: "New appointment type" }).click();
  const form = page.locator("#booking-type-form");

  // Wrong as sent: each field named, and what was typed stays.
  await form.getByLabel("Duration (minutes)").fill("0");
  await form.getByRole("button", { name: "Add a question" }).click();
  await form.getByLabel("Question", { exact: true }).fill(question);
  await form.getByRole("button", { name: "Save the appointment type" }).click();
  await expect(form.getByLabel("Name of the appointment type")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Name of the appointment type")).toBeFocused();
  await expect(form.getByLabel("Duration (minutes)")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("This value is not allowed.")).toBeVisible();
  await expect(form.getByRole("group", { name: "Given by" }).getByRole("alert")).toHaveText("This field is required.");
  await expect(form.getByLabel("Question", { exact: true })).toHaveValue(question);

  await form.getByLabel("Name of the appointment type").fill(name);
  await form.getByLabel("Description (shown in the widget)").fill("Gloves and pads provided.");
  await form.getByLabel("Duration (minutes)").fill("45");
  await form.getByLabel("Price (€)").fill("12,50");
  await form.getByRole("group", { name: "Given by" }).getByLabel("Anna (coach)").check();
  await form.getByLabel("Must be answered").check();
  await form.getByLabel("Answer", { exact: true }).selectOption("textarea");
  // Its Dutch words, folded under the English ones.
  await form.locator(".bs-translations").first().getByText("In other languages").click();
  await form.getByLabel("Name (Nederlands)").fill(dutchName);
  await form.locator(".bs-question").getByText("In other languages").click();
  await form.getByLabel("Question (Nederlands)").fill(dutchQuestion);
  await form.getByRole("button", { name: "Save the appointment type" }).click();
  await expect(page.getByText(`${name} is saved; the widget offers it now.`)).toBeVisible();
  await expect(form).toHaveCount(0);
  const row = section.getByRole("listitem").filter({ hasText: name });
  await expect(row).toContainText("45 min");
  await expect(row).toContainText("questions: 1");

  // The widget, as a visitor opens it: the type, then its question.
  const visitor = await browser.newPage();
  const visitorErrors = watchConsole(visitor);
  await visitor.goto("/book/1");
  await expect(visitor.getByRole("heading", { name: "What would you like to book?" })).toBeVisible();
  const choice = visitor.getByRole("button", { name: new RegExp(name) });
  await expect(choice).toContainText("45");
  await expect(choice).toContainText("Gloves and pads provided.");
  await choice.click();
  // Given by Anna alone: no "With whom?", straight to her times.
  await expect(visitor.getByRole("heading", { name: "Choose a day and time" })).toBeVisible();
  await expect(visitor.getByRole("heading", { name: "With whom?" })).toHaveCount(0);
  await visitor.locator(".slot-list button").last().click();
  await expect(visitor.getByRole("heading", { name: "Your details" })).toBeFocused();
  const asked = visitor.getByLabel(question);
  await expect(asked).toBeVisible();
  await visitor.getByLabel("Name").fill("Kim Glover");
  await visitor.getByLabel("Email").fill(uniqueEmail("gloves"));
  // Must be answered: refused without it, by the question.
  await visitor.getByRole("button", { name: "Book this appointment" }).click();
  await expect(asked).toHaveAttribute("aria-invalid", "true");
  await asked.fill("Medium, 12 oz");
  await visitor.getByRole("button", { name: "Book this appointment" }).click();
  await expectStep(visitor, "Enter your code");

  // A Dutch visitor reads the club's Dutch words.
  await visitor.goto("/book/1?lang=nl");
  const dutch = visitor.getByRole("button", { name: new RegExp(dutchName) });
  await expect(dutch).toBeVisible();
  await expect(visitor.getByRole("button", { name: new RegExp(name) })).toHaveCount(0);
  await dutch.click();
  await visitor.locator(".slot-list button").last().click();
  await expect(visitor.getByLabel(dutchQuestion)).toBeVisible();
  await expect(visitor.getByLabel(question)).toHaveCount(0);
  expect(visitorErrors).toEqual([]);

  // Archived: the widget no longer offers it.
  await row.getByRole("button", { name: `Archive ${name}` }).click();
  await expect(row).toContainText("archived");
  await visitor.goto("/book/1");
  await expect(visitor.getByRole("heading", { name: "What would you like to book?" })).toBeVisible();
  await expect(visitor.getByRole("button", { name: new RegExp(name) })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("the booking setup fits a 360 px phone, its type form included", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page);
  await expectSignedIn(page);
  await page.goto("/settings");
  const section = page.locator("#settings-booking");
  await section.getByRole("button", { name: "New appointment type" }).click();
  const form = page.locator("#booking-type-form");
  await form.getByRole("button", { name: "Add a question" }).click();
  await expect(form.getByLabel("Question", { exact: true })).toBeFocused();
  await form.getByLabel("A group").check();
  await expect(form.getByLabel("Places per coach or room")).toBeVisible();
  // Nothing of the section sticks out sideways (the staff table beside it
  // scrolls on its own).
  const overflow = await section.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const field of [
    section,
    form.getByLabel("Question", { exact: true }),
    form.getByLabel("Answer", { exact: true }),
    form.getByLabel("Places per coach or room"),
    form.getByRole("button", { name: "Save the appointment type" }),
  ]) {
    const box = await field.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  }
  // Nothing was saved: the form is let go.
  await form.getByRole("button", { name: "Cancel" }).click();
  await expect(form).toHaveCount(0);
});

test("a coach leaves the setup and the widget, though not while a type has only them; an archived type is offered again", async ({ page }) => {
  const errors = watchConsole(page);
  const stamp = Date.now();
  const coach = `Coach ${stamp}`;
  const name = `Spinning ${stamp}`;
  const widgetTypes = async () =>
    (await (await page.request.get("/api/v1/public/agendas/1/types")).json()).map((t: { name: string }) => t.name);
  const widgetCoaches = async () =>
    (await (await page.request.get("/api/v1/public/agendas/1/resources")).json()).map((r: { name: string }) => r.name);

  await signIn(page);
  await expectSignedIn(page);
  await page.goto("/settings");
  const section = page.locator("#settings-booking");
  const adding = section.locator("#bs-resource-add");
  await adding.getByLabel("Name", { exact: true }).fill(coach);
  await adding.getByRole("button", { name: "Add a coach or room" }).click();
  await expect(page.getByText(`${coach} is saved.`)).toBeVisible();
  const coachRow = section.locator(".bs-list > li").filter({ has: page.getByLabel(`Name of ${coach}`) });
  await expect(coachRow).toBeVisible();

  // A type given by that coach alone.
  await section.getByRole("button", { name: "New appointment type" }).click();
  const form = page.locator("#booking-type-form");
  await form.getByLabel("Name of the appointment type").fill(name);
  await form.getByLabel("Duration (minutes)").fill("30");
  await form.getByRole("group", { name: "Given by" }).getByLabel(coach, { exact: true }).check();
  await form.getByRole("button", { name: "Save the appointment type" }).click();
  await expect(page.getByText(`${name} is saved; the widget offers it now.`)).toBeVisible();
  const typeRow = section.locator(".bs-list > li").filter({ has: page.locator(".bs-name", { hasText: name }) });

  // Removing asks first, then is refused in words: the type would be left
  // with nobody.
  await coachRow.getByRole("button", { name: `Remove ${coach}` }).click();
  const confirm = coachRow.getByRole("group", { name: new RegExp(`^Remove ${coach}\\?`) });
  await expect(confirm).toContainText("past appointments keep the name");
  await expect(confirm.getByRole("button", { name: "Yes, remove" })).toBeFocused();
  await confirm.getByRole("button", { name: "Keep" }).click();
  await expect(confirm).toHaveCount(0);
  await coachRow.getByRole("button", { name: `Remove ${coach}` }).click();
  await coachRow.getByRole("button", { name: "Yes, remove" }).click();
  await expect(coachRow.getByRole("alert")).toHaveText(
    `Only ${coach} gives ${name}: give it another coach or room, or archive it, first.`,
  );
  expect(await widgetCoaches()).toContain(coach);

  // Archived, then offered again: back in the widget as it was.
  await typeRow.getByRole("button", { name: `Archive ${name}` }).click();
  await expect(typeRow).toContainText("archived");
  expect(await widgetTypes()).not.toContain(name);
  await typeRow.getByRole("button", { name: `Offer again ${name}` }).click();
  await expect(page.getByText(`${name} is offered in the widget again.`)).toBeVisible();
  await expect(typeRow).not.toContainText("archived");
  expect(await widgetTypes()).toContain(name);

  // Archived for good, the coach goes: from the setup and the widget.
  await typeRow.getByRole("button", { name: `Archive ${name}` }).click();
  await expect(typeRow).toContainText("archived");
  await coachRow.getByRole("button", { name: `Remove ${coach}` }).click();
  await coachRow.getByRole("button", { name: "Yes, remove" }).click();
  await expect(page.getByText(`${coach} is removed.`)).toBeVisible();
  await expect(section.getByLabel(`Name of ${coach}`)).toHaveCount(0);
  expect(await widgetCoaches()).not.toContain(coach);
  // The type it alone gave is not offered with anyone instead.
  await typeRow.getByRole("button", { name: `Offer again ${name}` }).click();
  await expect(page.getByText(`No coach or room gives ${name} any more`)).toBeVisible();
  expect(await widgetTypes()).not.toContain(name);
  await page.reload();
  await expect(typeRow).toContainText("archived");
  await expect(section.getByLabel(`Name of ${coach}`)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("a removed coach's past appointments stay on the calendar, in a column named after them", async ({ page }) => {
  const errors = watchConsole(page);
  const stamp = Date.now();
  const coach = `Former ${stamp}`;
  await signIn(page);
  await expectSignedIn(page);
  const base = "/api/v1/settings/booking/agendas/1";
  const added = await page.request.post(`${base}/resources`, { data: { name: coach, kind: "coach" } });
  expect(added.status(), await added.text()).toBe(201);
  const coachId = (await added.json()).id;
  const type = await page.request.post(`${base}/types`, {
    data: {
      name: `Farewell ${stamp}`, description: "", duration_min: 30, buffer_min: 0, min_notice_min: 0,
      max_ahead_min: 0, scheduling: "resource", capacity: 1, price_cents: 0, resource_ids: [coachId], questions: [],
    },
  });
  expect(type.status(), await type.text()).toBe(201);
  const typeId = (await type.json()).id;
  // Yesterday, booked by the desk (outside any hours, so said why).
  const yesterday = new Date(Date.now() - 86400_000).toISOString().slice(0, 10);
  const booked = await page.request.post("/api/v1/appointments", {
    data: {
      agenda_id: 1, type_id: typeId, start: `${yesterday}T09:00:00Z`, resource_id: coachId,
      name: `Last client ${stamp}`, email: uniqueEmail("former"), fields: {}, override_reason: "Recorded afterwards",
    },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  expect((await page.request.delete(`${base}/types/${typeId}`)).status()).toBe(200);
  const removed = await page.request.delete(`${base}/resources/${coachId}`);
  expect(removed.status(), await removed.text()).toBe(204);

  await page.goto(`/calendar?date=${yesterday}&view=day`);
  await expect(page.locator(".cal-frame")).toBeVisible();
  const appointment = page.locator(".cal-appt", { hasText: `Last client ${stamp}` });
  await expect(appointment).toBeVisible();
  await expect(page.getByText(coach, { exact: true }).first()).toBeVisible();
  // Not offered anywhere from now on.
  const resources = await (await page.request.get("/api/v1/public/agendas/1/resources")).json();
  expect(resources.map((r: { name: string }) => r.name)).not.toContain(coach);
  expect(errors).toEqual([]);
});
