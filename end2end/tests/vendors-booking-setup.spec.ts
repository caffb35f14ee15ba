import { expect, test } from "@playwright/test";
import { expectSignedIn, signIn, watchConsole } from "./helpers";

// The `vendors` project's agendas are OnlineAfspraken's: Settings shows
// their booking setup as the vendor has it, says so, and offers no change.

test("with a vendor behind the agenda, the booking setup is the vendor's, read-only, saying so", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page);
  await expectSignedIn(page);
  await page.goto("/settings");
  const section = page.locator("#settings-booking");
  await expect(section.getByRole("heading", { level: 2, name: "Booking setup" })).toBeVisible();
  await expect(section.getByRole("note").filter({ hasText: "These come from OnlineAfspraken: change them there." }).first()).toBeVisible();
  // The fake's types and coaches, as mirrored.
  await expect(section.getByRole("listitem").filter({ hasText: "Intake" }).first()).toContainText("30 min");
  await expect(section.getByRole("listitem").filter({ hasText: "Personal training" }).first()).toContainText("not offered in the widget");
  await expect(section.getByRole("listitem").filter({ hasText: "Coach Sarah" }).first()).toBeVisible();
  // Nothing to change here.
  await expect(section.getByRole("button")).toHaveCount(0);
  await expect(section.getByRole("textbox")).toHaveCount(0);
  expect(errors).toEqual([]);
});
