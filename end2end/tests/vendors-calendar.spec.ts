import { expect, test, type APIRequestContext } from "@playwright/test";
import { fakesURL } from "../playwright.config";
import { calendarFlow } from "./calendar";
import { expectSignedIn, signIn, watchConsole } from "./helpers";

// The front desk's calendar with OnlineAfspraken (the fake) behind the
// agenda: the same day as on Frontdesk's own store.
async function oa(request: APIRequestContext) {
  const res = await request.get(`${fakesURL}/_fake/state`);
  expect(res.status()).toBe(200);
  return (await res.json()).onlineafspraken;
}

test("the calendar's day on OnlineAfspraken: free slots as the widget's, a widget booking moved by keyboard, hours added and removed, a club cancellation", async ({ page, request, context }) => {
  test.setTimeout(150_000);
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
        const s = await oa(request);
        const customer: any = Object.values(s.customers).find((c: any) => c.email === email);
        const appointment: any = Object.values(s.appointments).find((a: any) => a.customer_id === customer?.id);
        expect(appointment, "the appointment at the vendor").toBeTruthy();
        return appointment.confirmation_code;
      },
      async expectCancellationMessage(request, email, reason) {
        await expect
          .poll(async () => (await oa(request)).outbox.filter((m: any) => m.kind === "cancellation" && m.to === email).length)
          .toBe(1);
        // A move to another coach is a new appointment at the vendor (the
        // old one removed): the customer's latest is the one cancelled.
        const s = await oa(request);
        const ids = Object.values(s.customers).filter((c: any) => c.email === email).map((c: any) => c.id);
        const theirs: any[] = Object.values(s.appointments).filter((a: any) => ids.includes(a.customer_id));
        expect(theirs.map((a) => a.cancel_remarks)).toContain(reason);
      },
    },
    /^Intake/,
    "cal-vendor",
  );
  await widget.close();
  expect(errors).toEqual([]);
});

test("on OnlineAfspraken the weekly hours are shown read-only, saying where to change them", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page);
  await expectSignedIn(page);
  await page.goto("/calendar?view=day");
  await page.locator("summary", { hasText: "Weekly opening hours" }).click();
  const week = page.locator(".cal-week-hours");
  await expect(week.getByText("change them there")).toBeVisible();
  await expect(week.getByRole("button", { name: "Save the week" })).toHaveCount(0);
  await expect(week.getByRole("button", { name: /^Add hours/ })).toHaveCount(0);
  // The API says the same, naming the system.
  const agenda = (await (await page.request.get("/api/v1/public/agendas")).json())[0];
  const put = await page.request.put(`/api/v1/agendas/${agenda.id}/hours`, { data: { hours: [] } });
  expect(put.status()).toBe(501);
  expect((await put.json()).detail).toContain("OnlineAfspraken");
  expect(errors).toEqual([]);
});
