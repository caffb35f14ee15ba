import { expect, test } from "@playwright/test";
import { expectSignedIn, mailsTo, signIn, uniqueEmail, watchConsole } from "./helpers";

// Issue #21: a member of staff added by an invitation link. The owner
// invites, the link is shown once (and mailed: the e2e server writes its
// mail to files), the person opens it in a browser of their own, chooses
// a password and is signed in with the role given; the link then opens
// nothing.

test("an owner invites a staff member, who sets a password and is signed in with their role, once", async ({ page, browser }) => {
  const errors = watchConsole(page);
  const email = uniqueEmail("invited");
  const name = `Iris ${Date.now()}`;
  await signIn(page);
  await expectSignedIn(page);
  await page.goto("/settings");
  const add = page.locator("#staff-add");
  await expect(add.getByRole("radio", { name: /Send an invitation link/ })).toBeChecked();
  // No first password is asked for an invitation.
  await expect(add.getByLabel("First password", { exact: true })).toHaveCount(0);
  await add.getByLabel("Email").fill(email);
  await add.getByLabel("Name").fill(name);
  await add.getByLabel("Role").selectOption("desk");
  await add.getByRole("button", { name: "Send the invitation" }).click();
  const made = add.getByRole("status").filter({ hasText: email });
  await expect(made).toContainText("also sent it by mail");
  const linkField = add.getByLabel("Invitation link", { exact: true });
  await expect(linkField).toBeFocused();
  const link = await linkField.inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]{43}$/);
  // The same link went by mail.
  await expect.poll(() => mailsTo(email).length, { timeout: 10_000 }).toBe(1);
  expect(mailsTo(email)[0].body).toContain(link);

  // In a fresh browser, signed out: the link opens the page to choose a password.
  const theirs = await browser.newContext();
  const iris = await theirs.newPage();
  const irisErrors = watchConsole(iris);
  await iris.goto(link);
  await expect(iris.getByRole("heading", { level: 1, name: "Welcome to Frontdesk" })).toBeVisible();
  await expect(iris.getByText("as Front desk")).toBeVisible();
  await expect(iris.getByLabel("Email")).toHaveValue(email);
  // Too short, then not the same twice: named beside the field, kept.
  await iris.getByLabel("Choose a password").fill("short");
  await iris.getByRole("button", { name: "Set my password and sign in" }).click();
  await expect(iris.getByLabel("Choose a password")).toHaveAttribute("aria-invalid", "true");
  await expect(iris.getByLabel("Choose a password")).toBeFocused();
  await iris.getByLabel("Choose a password").fill("iris her own password");
  await iris.getByLabel("The same password again").fill("iris her own pasword");
  await iris.getByRole("button", { name: "Set my password and sign in" }).click();
  await expect(iris.getByText("The two passwords are not the same.")).toBeVisible();
  await expect(iris.getByLabel("Choose a password")).toHaveValue("iris her own password");
  await iris.getByLabel("The same password again").fill("iris her own password");
  await iris.getByRole("button", { name: "Set my password and sign in" }).click();

  // Signed in, as the front desk: the club's settings are not hers to change.
  await expectSignedIn(iris);
  await expect(iris).toHaveURL(/\/prospects/);
  const session = await (await iris.request.get("/api/v1/session")).json();
  expect(session.user).toMatchObject({ email, name, role: "desk" });
  await iris.goto("/settings");
  await expect(iris.getByText("Only an owner or a manager")).toBeVisible();
  await expect(iris.locator("#settings-club form")).toHaveCount(0);

  // The link works once: opened again (even signed out), it says so.
  const later = await browser.newContext();
  const again = await later.newPage();
  await again.goto(link);
  await expect(again.getByRole("alert")).toHaveText(/already used/);
  await expect(again.getByLabel("Choose a password")).toHaveCount(0);
  await expect(again.getByRole("link", { name: "Go to sign in" })).toBeVisible();
  await later.close();

  // She signs in with her own password from now on.
  const fresh = await browser.newContext();
  const next = await fresh.newPage();
  await signIn(next, email, "iris her own password");
  await expectSignedIn(next);
  await fresh.close();
  await theirs.close();
  expect(irisErrors).toEqual([]);

  // The owner sees her in the team.
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText(email);
  expect(errors).toEqual([]);
});

test("a link that is not whole, or expired, says so plainly", async ({ page }) => {
  await page.goto("/invite/not-a-real-token");
  await expect(page.getByRole("alert")).toHaveText(/not valid/);
  await expect(page.getByRole("link", { name: "Go to sign in" })).toBeVisible();
});

test("an open invitation is listed and withdrawn, and its link then says so", async ({ page, browser }) => {
  const errors = watchConsole(page);
  const email = uniqueEmail("withdrawn");
  await signIn(page);
  await expectSignedIn(page);
  await page.goto("/settings");
  const add = page.locator("#staff-add");
  await add.getByLabel("Email").fill(email);
  await add.getByLabel("Role").selectOption("sales");
  await add.getByRole("button", { name: "Send the invitation" }).click();
  const link = await add.getByLabel("Invitation link", { exact: true }).inputValue();

  // Listed with its role and its week, never its link.
  const open = page.getByRole("list", { name: "Open invitations" });
  const row = open.getByRole("listitem").filter({ hasText: email });
  await expect(row).toContainText("Sales");
  await expect(row).toContainText("valid until");
  await expect(open).not.toContainText(new URL(link).pathname.split("/").pop()!);
  // Still there after a reload.
  await page.reload();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: `Withdraw ${email}` }).click();
  await expect(page.getByText(`The invitation to ${email} is withdrawn: its link no longer works.`)).toBeVisible();
  await expect(open.getByRole("listitem").filter({ hasText: email })).toHaveCount(0);

  // The link, opened by whoever has it: withdrawn, said plainly.
  const theirs = await browser.newContext();
  const them = await theirs.newPage();
  await them.goto(link);
  await expect(them.getByRole("alert")).toHaveText(/was withdrawn/);
  await expect(them.getByLabel("Choose a password")).toHaveCount(0);
  await theirs.close();
  expect(errors).toEqual([]);
});
