import { expect, test, type Page } from "@playwright/test";
import { expectStep, latestMessage, uniqueEmail, watchConsole, widgetTimes } from "./helpers";

const TRIAL = 2; // the demo's "Trial lesson": 60 min, 4 coaches, confirmation by code
const COACH = "Anna (coach)";

/**
 * Opens the widget on the trial lesson with Anna and returns the first open
 * day's last time: the one furthest from the minimum notice, so it is still
 * bookable when the test looks for it again.
 */
async function openAnnasTimes(page: Page) {
  await page.goto(`/book/1?type=${TRIAL}`);
  await expect(page.getByRole("heading", { name: "With whom?" })).toBeVisible();
  await page.getByRole("button", { name: COACH }).click();
  await expect(page.getByRole("heading", { name: "Choose a day and time" })).toBeVisible();
  const day = page.locator(".month-grid button[aria-pressed=true]");
  const slots = page.locator(".slot-list button");
  // A month with no times left opens on the next that has some.
  await expect(slots.first()).toBeVisible();
  return { dayLabel: (await day.getAttribute("aria-label"))!, time: (await slots.last().innerText()).trim() };
}

test("book a slot with a confirmation code, see it gone for the next visitor, then cancel it", async ({ page, browser, request }) => {
  const errors = watchConsole(page);
  const email = uniqueEmail("booker");
  const { dayLabel, time } = await openAnnasTimes(page);
  await page.locator(".slot-list button").last().click();

  await expect(page.getByRole("heading", { name: "Your details" })).toBeFocused();
  await page.getByLabel("Name").fill("Ann Booker");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Phone (optional)").fill("+32 470 12 34 56");
  await page.getByRole("button", { name: "Book this appointment" }).click();

  await expectStep(page, "Enter your code");
  await expect(page.getByRole("heading", { name: "Enter your code" })).toBeFocused();
  const message = await latestMessage(request, email);
  expect(message.subject).toContain("code");
  await page.getByLabel("Code").fill(message.code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText(/not correct/)).toBeVisible();
  await page.getByLabel("Code").fill(message.code!);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await expect(page.getByText(COACH)).toBeVisible();
  await expect(page.getByRole("link", { name: "Add to calendar" })).toHaveAttribute("href", /calendar\.ics\?token=/);

  // The next visitor no longer sees that time with Anna on that day.
  const next = await browser.newPage();
  expect(await widgetTimes(next, TRIAL, COACH, dayLabel)).not.toContain(time);

  // Cancel through the link in the message; the time is free again.
  await page.goto(message.link!.replace(/^https?:\/\/[^/]+/, ""));
  await expect(page.getByRole("heading", { name: "Your appointment" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel appointment" }).click();
  await expect(page.getByText("The appointment is cancelled.")).toBeVisible();
  expect(await widgetTimes(next, TRIAL, COACH, dayLabel)).toContain(time);
  expect(errors).toEqual([]);
});

test("a second submit with the same idempotency key returns the same booking", async ({ request }) => {
  const today = new Date();
  const from = today.toISOString().slice(0, 10);
  const to = new Date(today.getTime() + 20 * 86400_000).toISOString().slice(0, 10);
  const av = await (await request.get(`/api/v1/public/agendas/1/availability?type_id=1&from=${from}&to=${to}`)).json();
  // Any start inside a block that the server will accept: ask the server's
  // own grid through a booking attempt of each candidate until one passes.
  const body = (start: string) => ({ type_id: 1, start, name: "Idem Potent", email: uniqueEmail("idem"), language: "en" });
  const starts: string[] = av.busy.length >= 0 ? candidateStarts(av) : [];
  let first: { status: number; json: any } | undefined;
  let payload: any;
  for (const start of starts) {
    payload = body(start);
    const res = await request.post("/api/v1/public/agendas/1/bookings", { data: payload, headers: { "Idempotency-Key": `e2e-${payload.email}` } });
    if (res.status() === 201) {
      first = { status: 201, json: await res.json() };
      break;
    }
  }
  expect(first, "some slot was bookable").toBeTruthy();
  const again = await request.post("/api/v1/public/agendas/1/bookings", { data: payload, headers: { "Idempotency-Key": `e2e-${payload.email}` } });
  expect(again.status()).toBe(200);
  expect(await again.json()).toEqual(first!.json);
});

/** Starts on the 15-minute grid inside the availability's blocks, from 3 days ahead. */
function candidateStarts(av: any): string[] {
  const out: string[] = [];
  for (const b of av.blocks) {
    const [h, m] = b.start.split(":").map(Number);
    const date = new Date(`${b.date}T00:00:00Z`);
    if (date.getTime() < Date.now() + 3 * 86400_000) continue;
    const stamp = `${b.date}T${String(h + 1).padStart(2, "0")}:${String(m).padStart(2, "0")}:00`;
    // The club is in Europe/Brussels: +01:00 in winter, +02:00 in summer.
    for (const off of ["+01:00", "+02:00"]) out.push(stamp + off);
  }
  return out.slice(0, 40);
}

test("a month with no times left opens on the first month that has some", async ({ page }) => {
  // The visitor's device thinks it is 45 days ago: every time of the month
  // the widget opens on has passed by the club's clock (the server's), as
  // on the last evening of a month.
  const past = new Date(Date.now() - 45 * 86400_000);
  await page.clock.setSystemTime(past);
  await page.goto(`/book/1?type=${TRIAL}`);
  await page.getByRole("button", { name: COACH }).click();
  const opened = await page.evaluate(() => new Intl.DateTimeFormat("en", { month: "long", year: "numeric" }).format(new Date()));
  const title = page.locator(".month-nav h3");
  await expect(page.locator(".slot-list button").first()).toBeVisible();
  await expect(title).not.toHaveText(opened);
  await expect(page.locator(".month-grid button[aria-pressed=true]")).toHaveCount(1);
  await expect(page.locator(".empty-note")).toHaveCount(0);
  // The month it opened on is still there to go back to, and says it has none.
  const prev = page.getByRole("button", { name: "Previous month" });
  for (let i = 0; i < 7 && (await prev.isEnabled()); i++) await prev.click();
  await expect(prev).toBeDisabled();
  await expect(title).toHaveText(opened);
  await expect(page.locator(".empty-note")).toBeVisible();
});

test("the widget works at 360 px and in Dutch", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`/book/1?type=${TRIAL}&lang=nl`);
  await expect(page.getByRole("heading", { name: "Bij wie?" })).toBeVisible();
  await page.getByRole("button", { name: "Maakt niet uit" }).click();
  await expect(page.locator(".slot-list button").first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // Keyboard: the chosen day is a pressed button; a slot is reachable and opens the form.
  await page.locator(".slot-list button").first().focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Je gegevens" })).toBeFocused();
  await page.getByRole("button", { name: "Deze afspraak boeken" }).click();
  await expect(page.getByText("Dit veld is verplicht.").first()).toBeVisible();
  await expect(page.getByLabel("Naam")).toBeFocused();
});

test("staff read the sent messages in the app, as text", async ({ page, request }) => {
  const email = uniqueEmail("outbox");
  // A booking through the API puts a message in the outbox.
  const from = new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
  const av = await (await request.get(`/api/v1/public/agendas/1/availability?type_id=1&from=${from}&to=${to}`)).json();
  let booked = false;
  for (const start of candidateStarts(av)) {
    const res = await request.post("/api/v1/public/agendas/1/bookings", {
      data: { type_id: 1, start, name: "<b>Out</b> Box", email, language: "fr" },
    });
    if (res.status() === 201) { booked = true; break; }
  }
  expect(booked).toBe(true);
  await page.goto("/login?next=%2Fbooking");
  await page.getByLabel("Email").fill("demo@frontdesk.test");
  await page.getByLabel("Password").fill("frontdesk-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Sent messages" })).toBeVisible();
  const item = page.locator(".outbox li", { hasText: email });
  await expect(item).toContainText("Confirmez votre rendez-vous");
  await expect(item).toContainText(/code \d{6}/);
  // The desk can read out the code, but not use the member's link: the
  // manage link's token is blanked out (the member's own message has it).
  await expect(item).toContainText("manage?token=…");
  expect(await item.innerText()).not.toMatch(/token=[^…\s]/);
  expect((await latestMessage(request, email)).link).toMatch(/manage\?token=[^…\s]{16,}/);
});

test("a time taken meanwhile sends the person back to the times, details kept", async ({ page, request }) => {
  const email = uniqueEmail("slow");
  // Someone else books the very same time a moment before this submit lands.
  await page.route("**/api/v1/public/agendas/1/bookings", async (route) => {
    const body = JSON.parse(route.request().postData()!);
    const faster = await request.post("/api/v1/public/agendas/1/bookings", {
      data: { ...body, name: "Faster Person", email: uniqueEmail("faster") },
    });
    expect(faster.status()).toBe(201);
    await route.continue();
  });
  await page.goto(`/book/1?type=${TRIAL}`);
  await page.getByRole("button", { name: "Bram (coach)" }).click();
  await page.locator(".slot-list button").first().click();
  await page.getByLabel("Name").fill("Slow Person");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Book this appointment" }).click();

  await expect(page.getByRole("heading", { name: "Choose a day and time" })).toBeFocused();
  await expect(page.getByRole("alert")).toHaveText(/just taken/);
  await page.unroute("**/api/v1/public/agendas/1/bookings");
  await page.locator(".slot-list button").first().click();
  await expect(page.getByLabel("Name")).toHaveValue("Slow Person");
  await expect(page.getByLabel("Email")).toHaveValue(email);
});

test("on a slow network the details form comes whole, so nothing moves under a finger", async ({ page }) => {
  // The type's own questions answer late; the form waits for them rather
  // than growing (and moving its button) once someone is filling it in.
  await page.route("**/api/v1/public/agendas/1/types/*/fields", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto(`/book/1?type=${TRIAL}`);
  await page.getByRole("button", { name: "Any available" }).click();
  await page.locator(".slot-list button").first().click();
  await expect(page.getByRole("heading", { name: "Your details" })).toBeFocused();
  await expect(page.getByLabel("Name")).toBeVisible();
  // Read at once, not waited for: the question is there with the name.
  expect(await page.getByLabel("How did you hear about us?").count()).toBe(1);
});
