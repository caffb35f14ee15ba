import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectSignedIn, expectStep, latestMessage, mailsTo, signIn, uniqueEmail, watchConsole } from "./helpers";

// Issue #17 "Trust", the booking side: the hour a visitor chose is the hour
// every screen and message shows (1), a confirmed booking is confirmed by
// message (2), the code step says where the code went and can send it again
// or elsewhere (3), and one address cannot hold slot after slot (8).
//
// Each test books its own coach on its own day, weeks ahead: clear of each
// other (they run in parallel) and of the other specs, which book the first
// open day.

const TRIAL = 2; // the demo's "Trial lesson": 60 min, 4 coaches, confirmation by code
const CLUB_ZONE = "Europe/Brussels";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "Tuesday 5 January 2027", as the widget labels a day (English). */
function dayLabel(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function monthTitle(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** The club's UTC offset at noon on `date`: "+01:00" in winter, "+02:00" in summer. */
function clubOffset(date: string): string {
  const name = new Intl.DateTimeFormat("en", { timeZone: CLUB_ZONE, timeZoneName: "longOffset" })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((p) => p.type === "timeZoneName")!.value;
  return name === "GMT" ? "+00:00" : name.replace("GMT", "");
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);
}

/** "Tuesday 5 January 2027 at 09:00": a booking's time, the same on the
 * widget's steps, the manage page and in the messages (core::format::dates). */
function bookedAt(date: string, time: string): string {
  return `${dayLabel(date)} at ${time}`;
}

/** An iCalendar UTC stamp (20270105T080000Z) of the club's `time` on `date`. */
function icsStamp(date: string, time: string): string {
  return new Date(`${date}T${time}:00${clubOffset(date)}`).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
}

type Season = "winter" | "summer";
const SEASON_OFFSET: Record<Season, string> = { winter: "+01:00", summer: "+02:00" };

/**
 * The days the trial lesson can be booked on, from four weeks ahead (clear
 * of the first open days the other specs book) to a few days before the
 * type's horizon, by the club's clock (the server's `now`).
 */
async function farDays(request: APIRequestContext): Promise<{ days: string[]; horizon: string }> {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: CLUB_ZONE }).format(new Date());
  const res = await request.get(`/api/v1/public/agendas/1/availability?type_id=${TRIAL}&from=${today}&to=${today}`);
  expect(res.status()).toBe(200);
  const av = await res.json();
  const aheadMin: number = av.appointment_type.max_ahead_min;
  const clubToday = new Intl.DateTimeFormat("en-CA", { timeZone: CLUB_ZONE }).format(new Date(av.now));
  // No horizon: a year covers both seasons.
  const horizon = aheadMin > 0 ? new Date(Date.parse(av.now) + aheadMin * 60_000).toISOString().slice(0, 10) : addDays(clubToday, 366);
  const days: string[] = [];
  for (let d = addDays(clubToday, 28); d <= addDays(horizon, -3); d = addDays(d, 1)) days.push(d);
  expect(days.length, "days far enough ahead and inside the horizon").toBeGreaterThanOrEqual(5);
  return { days, horizon };
}

/**
 * Opens the widget on the trial lesson with `coach`, goes to `date`'s month
 * with "Next month" and opens that day. Returns the times it offers.
 */
async function openDay(page: Page, coach: string, date: string): Promise<string[]> {
  await page.goto(`/book/1?type=${TRIAL}`);
  await page.getByRole("button", { name: coach, exact: true }).click();
  await expect(page.getByRole("heading", { name: "Choose a day and time" })).toBeVisible();
  // Settled once it shows a day's times or says the month has none.
  await expect(page.locator(".day-title").or(page.locator(".empty-note"))).toBeVisible();
  const title = page.locator(".month-nav h3");
  const month = monthTitle(date);
  for (let i = 0; i < 13 && (await title.innerText()) !== month; i++) {
    await page.getByRole("button", { name: "Next month" }).click();
  }
  await expect(title).toHaveText(month);
  await expect(page.locator(".day-title", { hasText: month }).or(page.locator(".empty-note"))).toBeVisible();
  const label = dayLabel(date);
  await page.getByRole("button", { name: label, exact: true }).click();
  await expect(page.locator(".day-title")).toHaveText(label);
  return (await page.locator(".slot-list .slot-time").allInnerTexts()).map((t) => t.trim());
}

/** Clicks the slot labelled `time` and fills the details form (not sent). */
async function chooseAndFill(page: Page, time: string, name: string, email: string) {
  await page.locator(".slot-list").getByRole("button", { name: time, exact: true }).click();
  await expect(page.getByRole("heading", { name: "Your details" })).toBeFocused();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Phone (optional)").fill("+32 470 12 34 56");
}

/** The time the test books: 09:00 when the coach has it (the case), else the first. */
function pick(times: string[]): string {
  expect(times.length, "the coach has free times that day").toBeGreaterThan(0);
  return times.includes("09:00") ? "09:00" : times[0];
}

/** Books `time` on `date` with `coach` in the widget up to the code step. */
async function bookToCode(page: Page, coach: string, date: string, name: string, email: string): Promise<string> {
  const time = pick(await openDay(page, coach, date));
  await chooseAndFill(page, time, name, email);
  await page.getByRole("button", { name: "Book this appointment" }).click();
  await expectStep(page, "Enter your code");
  return time;
}

async function confirmWith(page: Page, code: string) {
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Confirm" }).click();
}

/** A six-digit code that is not `code`. */
const wrong = (code: string) => (code === "000000" ? "111111" : "000000");

/**
 * Waits as long as the widget said ("You can ask for another in N
 * seconds"): the server's own wait between two codes, which no browser
 * clock can shorten.
 */
async function waitAsTold(page: Page): Promise<void> {
  const note = page.locator(".code-help");
  await expect(note).toHaveText(/^A code was just sent\. You can ask for another in \d+ seconds\.$/);
  const seconds = Number(/in (\d+) seconds/.exec(await note.innerText())![1]);
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(30);
  await page.waitForTimeout(seconds * 1000 + 250);
}

test.describe("the hour chosen is the hour shown everywhere, with the visitor in New York", () => {
  test.use({ timezoneId: "America/New_York" });

  for (const season of ["winter", "summer"] as Season[]) {
    test(`a ${season} booking (${SEASON_OFFSET[season]}) reads the club's hour on every screen and message`, async ({ page, request }) => {
      const { days: all, horizon } = await farDays(request);
      const days = all.filter((d) => clubOffset(d) === SEASON_OFFSET[season]);
      // The demo's trial lesson is bookable a year ahead, so both seasons
      // are always in reach; a horizon that cut one off would fail here.
      expect(days.length, `a ${season}-time day (${SEASON_OFFSET[season]}) within the booking horizon (up to ${horizon})`).toBeGreaterThan(0);
      const errors = watchConsole(page);
      const date = days[0];
      const email = uniqueEmail(`tz-${season}`);
      const name = `Zoe ${season === "winter" ? "Winter" : "Summer"} ${Date.now()}`;
      // The browser really is elsewhere: a page reading its own clock would show another hour.
      expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe("America/New_York");

      const times = await openDay(page, "Anna (coach)", date);
      const time = pick(times);
      // Club time by default; the visitor may switch to theirs and back.
      const myZone = page.getByLabel(/Show times in my time zone/);
      await myZone.check();
      const there = new Intl.DateTimeFormat("en-GB", { timeZone: "America/New_York", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
        new Date(`${date}T${time}:00${clubOffset(date)}`),
      );
      await expect(page.locator(".slot-list .slot-time").nth(times.indexOf(time))).toHaveText(there);
      await myZone.uncheck();
      await expect(page.locator(".slot-list .slot-time").nth(times.indexOf(time))).toHaveText(time);

      const when = bookedAt(date, time);
      await chooseAndFill(page, time, name, email);
      // Details step.
      await expect(page.locator(".widget-summary")).toContainText(when);
      await page.getByRole("button", { name: "Book this appointment" }).click();
      // Code step: it shows no time; the message with the code does.
      await expectStep(page, "Enter your code");
      const codeMail = await latestMessage(request, email);
      expect(codeMail.body).toContain(when);
      await confirmWith(page, codeMail.code!);
      // "You're booked".
      await expectStep(page, "You're booked");
      await expect(page.locator(".done-summary")).toContainText(when);
      // The confirmation and its calendar file (in UTC there, as iCalendar wants).
      const confirmed = await latestMessage(request, email, 1);
      expect(confirmed.body).toContain(when);
      expect(confirmed.ics).toContain(`DTSTART:${icsStamp(date, time)}`);
      // The manage page behind the link.
      await page.goto(confirmed.link!.replace(/^https?:\/\/[^/]+/, ""));
      await expect(page.getByRole("heading", { name: "Your appointment" })).toBeVisible();
      await expect(page.locator(".done-summary")).toContainText(when);
      // The staff calendar of that day.
      await signIn(page);
      await expectSignedIn(page);
      await page.goto(`/calendar?date=${date}&view=list`);
      const item = page.locator(".agenda-item", { hasText: name });
      await expect(item).toHaveCount(1);
      await expect(item.locator(".agenda-time")).toHaveText(new RegExp(`^${time}–`));
      expect(errors).toEqual([]);
    });
  }
});

test("a confirmed code sends the confirmation with the manage link and a calendar file", async ({ page, request }) => {
  const errors = watchConsole(page);
  const { days } = await farDays(request);
  const email = uniqueEmail("confirmed");
  await bookToCode(page, "Bram (coach)", days[1], "Carl Confirmed", email);
  const codeMail = await latestMessage(request, email);
  expect(codeMail.subject).toContain("code");
  await confirmWith(page, codeMail.code!);
  await expectStep(page, "You're booked");
  await expect(page.getByText(`We sent the details and a calendar file to ${email}.`)).toBeVisible();

  const confirmed = await latestMessage(request, email, 1);
  expect(mailsTo(email)).toHaveLength(2);
  expect(confirmed.subject).toMatch(/confirmed/);
  expect(confirmed.link, "the manage link").toMatch(/\/book\/1\/manage\?token=/);
  expect(confirmed.ics, "an attached calendar file").toBeTruthy();
  expect(confirmed.ics).toContain("STATUS:CONFIRMED");
  // The link is the booking's.
  await page.goto(confirmed.link!.replace(/^https?:\/\/[^/]+/, ""));
  await expect(page.getByRole("heading", { name: "Your appointment" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel appointment" })).toBeVisible();
  expect(errors).toEqual([]);
});

test.describe("the code step", () => {
  // Two codes are at least 30 s apart (the server's wait): these tests
  // wait it out once each.
  test.describe.configure({ timeout: 90_000 });

  test("a wrong code says so in a sentence; the code can be sent again, and only the new one works", async ({ page, request }) => {
    const { days } = await farDays(request);
    const date = days[2];
    const email = uniqueEmail("resend");
    const time = await bookToCode(page, "Chloé (coach)", date, "Rhea Resend", email);
    await expect(page.getByText(`We sent a 6-digit code to ${email}.`)).toBeVisible();
    const first = await latestMessage(request, email);

    await confirmWith(page, wrong(first.code!));
    await expect(page.locator("#code-error")).toHaveText("That code is not correct: 4 tries left.");
    await expect(page.getByLabel("Code", { exact: true })).toHaveAttribute("aria-invalid", "true");

    // At once: too soon, and it says when.
    await page.getByRole("button", { name: "Send the code again" }).click();
    await waitAsTold(page);
    expect(mailsTo(email)).toHaveLength(1);

    await page.getByRole("button", { name: "Send the code again" }).click();
    await expect(page.locator(".code-help")).toHaveText(`A new code is on its way to ${email}. The old one no longer works.`);
    const second = await latestMessage(request, email, 1);
    expect(second.code).toMatch(/^\d{6}$/);
    // The old code no longer works (unless chance drew the same six digits).
    if (second.code !== first.code) {
      await confirmWith(page, first.code!);
      await expect(page.locator("#code-error")).toHaveText("That code is not correct: 3 tries left.");
    }
    await confirmWith(page, second.code!);
    await expectStep(page, "You're booked");
    await expect(page.locator(".done-summary")).toContainText(bookedAt(date, time));
  });

  test("a mistyped address can be corrected there: the code and the confirmation go to the new one", async ({ page, request }) => {
    const { days } = await farDays(request);
    const date = days[3];
    const typo = uniqueEmail("typo");
    const fixed = uniqueEmail("fixed");
    const time = await bookToCode(page, "Driss (coach)", date, "Ted Typo", typo);
    await expect(page.getByText(`We sent a 6-digit code to ${typo}.`)).toBeVisible();
    await latestMessage(request, typo);

    await page.getByRole("button", { name: "Wrong address? Change it" }).click();
    const field = page.getByLabel("Email for the code");
    await expect(field).toBeFocused();
    await expect(field).toHaveValue(typo);
    await field.fill(fixed);
    await page.getByRole("button", { name: "Send the code to this address" }).click();
    // Within 30 s of the first code: not yet, and it says when.
    await waitAsTold(page);
    await expect(field).toHaveValue(fixed);
    await page.getByRole("button", { name: "Send the code to this address" }).click();
    await expect(page.locator(".code-help")).toHaveText(`A new code is on its way to ${fixed}. The old one no longer works.`);
    await expect(page.getByText(`We sent a 6-digit code to ${fixed}.`)).toBeVisible();

    const code = await latestMessage(request, fixed);
    await confirmWith(page, code.code!);
    await expectStep(page, "You're booked");
    // The time chosen at the start is still the one booked.
    await expect(page.locator(".done-summary")).toContainText(bookedAt(date, time));
    await expect(page.getByText(`We sent the details and a calendar file to ${fixed}.`)).toBeVisible();
    const confirmed = await latestMessage(request, fixed, 1);
    expect(confirmed.subject).toMatch(/confirmed/);
    expect(confirmed.ics).toContain("STATUS:CONFIRMED");
    // The mistyped address got the first code only.
    expect(mailsTo(typo)).toHaveLength(1);
  });
});

test("a fourth booking waiting for its code from one address is refused in words, the form kept", async ({ page, request }) => {
  const { days } = await farDays(request);
  const date = days[4];
  const email = uniqueEmail("pending");
  // Three bookings that never get their code, through the API.
  const av = await (await request.get(`/api/v1/public/agendas/1/availability?type_id=${TRIAL}&from=${date}&to=${date}`)).json();
  let held = 0;
  for (const start of hourStarts(av, date)) {
    const res = await request.post("/api/v1/public/agendas/1/bookings", {
      data: { type_id: TRIAL, start: start.start, resource_id: start.resource, name: "Pat Pending", email, language: "en" },
    });
    if (res.status() === 201) held += 1;
    else expect([409, 422], await res.text()).toContain(res.status());
    if (held === 3) break;
  }
  expect(held).toBe(3);

  // The fourth, in the widget (with whoever is free: the three above may
  // have filled one coach's day).
  const times = await openDay(page, "Any available", date);
  const time = times[times.length - 1];
  await chooseAndFill(page, time, "Pat Pending", email);
  await page.getByLabel("How did you hear about us?").fill("A friend");
  await page.getByRole("button", { name: "Book this appointment" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    "Several bookings are already waiting for their code. Confirm one with the code from its email, or try again later: unconfirmed bookings are released after 30 minutes.",
  );
  await expect(page.getByRole("heading", { name: "Your details" })).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Pat Pending");
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Phone (optional)")).toHaveValue("+32 470 12 34 56");
  await expect(page.getByLabel("How did you hear about us?")).toHaveValue("A friend");
  // Three codes went out, none for the refused one.
  await expect.poll(() => mailsTo(email).length).toBe(3);
});

/** Whole hours inside each coach's opening hours on `date`, with the club's offset. */
function hourStarts(av: any, date: string): { start: string; resource: string }[] {
  const out: { start: string; resource: string }[] = [];
  for (const b of av.blocks.filter((b: any) => b.date === date && b.resource_id)) {
    const [sh] = b.start.split(":").map(Number);
    const [eh] = b.end.split(":").map(Number);
    for (let h = sh; h + 1 <= eh; h++) {
      out.push({ start: `${date}T${String(h).padStart(2, "0")}:00:00${clubOffset(date)}`, resource: String(b.resource_id) });
    }
  }
  return out;
}
