import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectSignedIn, signIn, watchConsole } from "./helpers";

// Issue #21: roles enforced by the API and followed by the app; staff
// added by an owner; a password changed. Each test makes its own
// accounts: the demo accounts are shared with every other spec.

const DESK = { email: "lucie@frontdesk.test", password: DEMO.password };

async function apiStatus(page: Page, method: string, path: string, data?: unknown) {
  const r = await page.request.fetch(`/api/v1${path}`, { method, data });
  return { status: r.status(), body: r.headers()["content-type"]?.includes("json") ? await r.json() : null };
}

test("a desk account gets 403 from settings, staff, bulk delete and export, by the API and in the app", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, DESK.email, DESK.password);
  await expectSignedIn(page);

  // The API: each refusal a problem document saying who may.
  const club = await apiStatus(page, "GET", "/settings/club");
  expect(club.status).toBe(200);
  const refusals = [
    await apiStatus(page, "PUT", "/settings/club", { ...club.body, name: "Lucie's club" }),
    await apiStatus(page, "POST", "/staff", { email: "x@club.test", role: "desk", password: "a long password" }),
    await apiStatus(page, "POST", "/prospects/bulk", { ids: [1], action: { delete: {} } }),
    await apiStatus(page, "GET", "/prospects/export.csv"),
  ];
  for (const r of refusals) {
    expect(r.status).toBe(403);
    expect(r.body.type).toBe("/problems/forbidden");
    expect(r.body.detail).toMatch(/Only an owner/);
  }

  // The app: Settings has her own account, and says the rest is not hers.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "My account" })).toBeVisible();
  await expect(page.getByText("Only an owner or a manager can change the club's settings and staff.")).toBeVisible();
  await expect(page.getByLabel("Club name")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Staff" })).toHaveCount(0);

  // The list: no export, no import; a selection may be tagged, not deleted.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Prospects" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Prospects" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Import CSV" })).toHaveCount(0);
  await page.getByRole("checkbox", { name: "Select every prospect that matches" }).check();
  await expect(page.getByRole("button", { name: "Add tag" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete", exact: true })).toHaveCount(0);
  expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
});

test("an owner adds a staff member who signs in, changes the password, and only the new one works", async ({ page, browser }) => {
  const errors = watchConsole(page);
  const stamp = Date.now();
  const email = `new-${stamp}@club.test`;
  const first = "first password 1";
  const second = "second password 2";

  await signIn(page);
  await expectSignedIn(page);
  await page.goto("/settings");
  const add = page.locator("#staff-add");
  // A first password, not an invitation (tests/invitations.spec.ts).
  await add.getByRole("radio", { name: "Give a first password" }).check();
  // A wrong form is named field by field and keeps what was typed.
  await add.getByLabel("Email").fill("not an email");
  await add.getByLabel("Name").fill(`Nina ${stamp}`);
  await add.getByLabel("First password", { exact: true }).fill("short");
  await add.getByRole("button", { name: "Add a staff member" }).click();
  await expect(add.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(add.getByText("This is too short.")).toBeVisible();
  await expect(add.getByLabel("Name")).toHaveValue(`Nina ${stamp}`);

  await add.getByLabel("Email").fill(email);
  await add.getByLabel("Role").selectOption("sales");
  await add.getByLabel("First password", { exact: true }).fill(first);
  await add.getByRole("button", { name: "Add a staff member" }).click();
  await expect(page.getByText(`Nina ${stamp} can sign in now.`)).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(`Nina ${stamp}`) });
  await expect(row).toContainText(email);
  // The same email again: named beside the field, nothing added twice.
  await add.getByLabel("Email").fill(email);
  await add.getByLabel("First password", { exact: true }).fill(first);
  await add.getByRole("button", { name: "Add a staff member" }).click();
  await expect(add.getByText(/already/)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`Nina ${stamp}`) })).toHaveCount(1);

  // The new member signs in, in a browser of her own.
  const theirs = await browser.newContext();
  const nina = await theirs.newPage();
  const ninaErrors = watchConsole(nina);
  await signIn(nina, email, first);
  await expectSignedIn(nina);
  await nina.goto("/settings");
  const me = nina.locator(".settings-me");
  await expect(me).toContainText(`Nina ${stamp}`);
  await expect(me).toContainText("Sales");
  // Not the club's settings: a salesperson.
  await expect(nina.getByLabel("Club name")).toHaveCount(0);

  // A wrong current password changes nothing; then the change.
  await nina.getByLabel("Current password").fill("not my password");
  await nina.getByLabel("New password", { exact: true }).fill(second);
  await nina.getByLabel("New password again").fill(second);
  await nina.getByRole("button", { name: "Change password" }).click();
  await expect(nina.getByText("This is not correct.")).toBeVisible();
  await expect(nina.getByLabel("New password", { exact: true })).toHaveValue(second);
  await nina.getByLabel("Current password").fill(first);
  await nina.getByRole("button", { name: "Change password" }).click();
  await expect(nina.getByRole("status").filter({ hasText: "Your password is changed." }).first()).toBeVisible();
  await nina.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(nina).toHaveURL(/\/login/);

  await signIn(nina, email, first);
  await expect(nina.getByRole("alert")).toHaveText(/Wrong email or password/);
  await signIn(nina, email, second);
  await expectSignedIn(nina);

  // The owner deactivates her: her session ends at once.
  await row.getByRole("button", { name: /Deactivate/ }).click();
  await expect(row).toContainText("Deactivated");
  expect((await nina.request.get("/api/v1/session")).status()).toBe(401);
  await theirs.close();
  expect(errors).toEqual([]);
  expect(ninaErrors).toEqual([]);
});
