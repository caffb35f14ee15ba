import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { fakesURL } from "../playwright.config";
import { deskFlow, deskSetup } from "./desk";
import { expectSignedIn, expectStep, signIn, uniqueEmail, watchConsole } from "./helpers";

// The `vendors` project's server keeps its agendas and bookings in
// OnlineAfspraken (the fake): the widget is the same; the booking lands
// at the vendor, which sends its own code.
test.describe.configure({ mode: "serial" });

/** Opens the first open day at least `days` days from now, moving on a month when needed. */
async function openDayFromNow(page: Page, days: number) {
  const earliest = new Date(Date.now() + days * 86400_000);
  earliest.setHours(0, 0, 0, 0);
  for (let month = 0; month < 3; month++) {
    await expect(page.locator(".day-title").or(page.locator(".empty-note"))).toBeVisible();
    const open = page.locator(".month-grid button.day-open");
    for (const label of await open.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""))) {
      // "Monday 7 December 2026": the date after the weekday.
      const date = new Date(label.split(" ").slice(1).join(" "));
      if (!isNaN(date.getTime()) && date >= earliest) {
        await page.getByRole("button", { name: label, exact: true }).click();
        await expect(page.locator(".day-title")).toHaveText(label);
        return;
      }
    }
    await page.getByRole("button", { name: "Next month" }).click();
  }
  throw new Error(`no open day ${days} days from now`);
}

async function oaState(request: APIRequestContext) {
  const res = await request.get(`${fakesURL}/_fake/state`);
  expect(res.status()).toBe(200);
  return (await res.json()).onlineafspraken;
}

/** The vendor's appointment of the customer with `email`, when there is one. */
async function appointmentOf(request: APIRequestContext, email: string) {
  const s = await oaState(request);
  const customer: any = Object.values(s.customers).find((c: any) => c.email === email);
  if (!customer) return undefined;
  return Object.values(s.appointments).find((a: any) => a.customer_id === customer.id) as any;
}

test("a booking in the widget lands in OnlineAfspraken, is confirmed with its code and cancelled by its link", async ({ page, request }) => {
  const errors = watchConsole(page);
  // The vendor's agenda, mirrored (the server reads its setup as it starts).
  let agenda: { id: number; name: string } | undefined;
  await expect
    .poll(async () => {
      const res = await request.get("/api/v1/public/agendas");
      agenda = (await res.json())[0];
      return agenda?.name;
    })
    .toBe("Demo Gym Brussel");
  const email = uniqueEmail("vendor-booker");

  await page.goto(`/book/${agenda!.id}`);
  await page.getByRole("button", { name: /^Intake/ }).click();
  await page.getByRole("button", { name: "Any available" }).click();
  await expect(page.getByRole("heading", { name: "Choose a day and time" })).toBeVisible();
  // A day at least two days ahead: past the vendor's 24-hour cut-off for
  // cancelling online, which the test does at the end.
  await openDayFromNow(page, 2);
  const slot = page.locator(".slot-list button").first();
  await expect(slot).toBeVisible();
  const time = (await slot.locator(".slot-time").innerText()).trim();
  await slot.click();

  await expect(page.getByRole("heading", { name: "Your details" })).toBeVisible();
  await page.getByLabel("Name").fill("Vera Vendor");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Goal *").fill("Swim 2 km");
  await page.getByRole("button", { name: "Book this appointment" }).click();
  await expectStep(page, "Enter your code");
  await expect(page.getByText(`We sent a 6-digit code to ${email}.`)).toBeVisible();

  // The vendor holds it, with the answer, and sent the code.
  const pending = await appointmentOf(request, email);
  expect(pending, "the appointment at the vendor").toBeTruthy();
  expect(JSON.stringify(pending.extra)).toContain("Swim 2 km");
  const code: string = pending.confirmation_code;
  await page.getByLabel("Code").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("That code is not correct: 4 tries left.")).toBeVisible();
  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await expect(page.locator(".done-summary")).toContainText(time);
  const confirmed = await appointmentOf(request, email);
  expect(confirmed.label).toBe(2);

  // The front desk's calendar of that day shows it, from the vendor.
  const staff = await page.context().newPage();
  await signIn(staff);
  await expectSignedIn(staff);
  const day = String(confirmed.start_time).slice(0, 10);
  await staff.goto(`/calendar?date=${day}&view=list`);
  await expect(staff.getByText("Vera Vendor")).toBeVisible();
  await staff.close();

  await page.getByRole("link", { name: "Cancel or change this appointment" }).click();
  await expect(page.getByRole("heading", { name: "Your appointment" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel appointment" }).click();
  await expect(page.getByText("The appointment is cancelled.")).toBeVisible();
  const cancelled = await appointmentOf(request, email);
  expect(cancelled.status === 2 || cancelled.label === 4).toBeTruthy();
  expect(errors).toEqual([]);
});

test("the desk books with a reason, marks a no-show and cancels at OnlineAfspraken, which tells the customer", async ({ page, request }) => {
  const errors = watchConsole(page);
  await signIn(page);
  await expectSignedIn(page);
  const setup = await deskSetup(page, /^Intake/);
  const email = uniqueEmail("desk-vendor");
  await deskFlow(page, setup, "Dirk Desk", email);
  const at = await appointmentOf(request, email);
  expect(at, "the appointment at the vendor").toBeTruthy();
  expect(at.label).toBe(4);
  expect(at.cancel_remarks).toBe("Coach is ill");
  const told = (await oaState(request)).outbox.filter((m: any) => m.kind === "cancellation" && m.to === email);
  expect(told.length, "the vendor told the customer").toBe(1);
  expect(errors).toEqual([]);
});
