import { expect, test } from "@playwright/test";
import { calendarFlow } from "./calendar";
import { expectSignedIn, latestMessage, signIn, watchConsole } from "./helpers";

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
