import { expect, test } from "@playwright/test";
import { calendarFlow } from "./calendar";
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
  await expect(booked).toHaveAttribute("aria-label", new RegExp(`^${time}–`));
  expect(errors).toEqual([]);
});
