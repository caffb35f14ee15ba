import { expect, test } from "@playwright/test";
import { expectSignedIn, expectStep, latestMessage, signIn, uniqueEmail, watchConsole } from "./helpers";

const TRIAL = 2; // the demo's "Trial lesson": 60 min, confirmation by code
const COACH = "Anna (coach)";

// A customer's appointments in the prospect's drawer (issue #20): a
// booking made in the widget with the prospect's email shows under
// "Coming", and its link opens the calendar on its day.
test("a widget booking with the prospect's email is under Coming and links to its day", async ({ page, browser, request }) => {
  const email = uniqueEmail("customer-appts");
  const name = `Cora ${Date.now() % 100000}`;

  // The member books in the widget, in their own browser, with the address
  // in other letters than the club typed it.
  const member = await browser.newPage();
  await member.goto(`/book/1?type=${TRIAL}`);
  await member.getByRole("button", { name: COACH }).click();
  const slots = member.locator(".slot-list button");
  await expect(slots.first()).toBeVisible();
  const dayLabel = (await member.locator(".month-grid button[aria-pressed=true]").getAttribute("aria-label"))!;
  const time = (await slots.last().locator(".slot-time").innerText()).trim();
  await slots.last().click();
  await member.getByLabel("Name").fill(`${name} Booker`);
  await member.getByLabel("Email").fill(email.toUpperCase());
  await member.getByRole("button", { name: "Book this appointment" }).click();
  await expectStep(member, "Enter your code");
  const message = await latestMessage(request, email);
  await member.getByLabel("Code").fill(message.code!);
  await member.getByRole("button", { name: "Confirm" }).click();
  await expect(member.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await member.close();

  // The club has the person as a prospect.
  const errors = watchConsole(page);
  await signIn(page);
  await expectSignedIn(page);
  const created = await page.request.post("/api/v1/prospects", {
    data: { first_name: name, last_name: "Booker", email },
  });
  expect(created.status(), await created.text()).toBe(201);
  const prospect = await created.json();

  await page.goto(`/prospects/${prospect.id}`);
  const section = page.getByRole("region", { name: "Appointments", exact: true });
  await expect(section).toBeVisible();
  const coming = section.getByRole("list", { name: "Coming", exact: true });
  const item = coming.getByRole("listitem").filter({ hasText: "Trial lesson" });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(dayLabel);
  await expect(item).toContainText(time);
  await expect(item).toContainText(COACH);
  await expect(item).toContainText("Confirmed");
  await expect(section.getByRole("heading", { name: "Past", exact: true })).toBeVisible();
  await expect(section.getByText("No appointments in the past year.")).toBeVisible();

  // Its link opens the calendar on that day, with the booking on it.
  const link = item.getByRole("link");
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/calendar\?date=\d{4}-\d{2}-\d{2}$/);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/calendar\\?date=${href!.slice(-10)}$`));
  await expect(page.getByText(`${name} Booker`).first()).toBeVisible();
  expect(errors).toEqual([]);
});
