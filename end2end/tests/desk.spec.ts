import { expect, test } from "@playwright/test";
import { deskFlow, deskSetup } from "./desk";
import { expectSignedIn, latestMessage, signIn, uniqueEmail, watchConsole } from "./helpers";

// The front desk's changes on Frontdesk's own agenda: a booking outside
// the hours needs a reason; a no-show is kept; a club cancellation tells
// the customer, with the reason, by the outbox.
test("the desk books with a reason, marks a no-show and cancels with a message", async ({ page, request }) => {
  const errors = watchConsole(page);
  await signIn(page);
  await expectSignedIn(page);
  const setup = await deskSetup(page, /./);
  const email = uniqueEmail("desk-cancel");
  await deskFlow(page, setup, "Dana Desk", email);
  const mail = await latestMessage(request, email, 1);
  expect(mail.subject).toContain("cancelled");
  expect(mail.body).toContain("Coach is ill");
  expect(errors).toEqual([]);
});
