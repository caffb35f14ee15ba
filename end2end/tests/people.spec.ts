import { expect, test, type Page } from "@playwright/test";
import { expectSignedIn, signIn, watchConsole } from "./helpers";

// Issue #21, "people, not rows": a duplicate warned about before it is
// saved; a number stored once and found however it is typed.

function rows(page: Page) {
  return page.locator(".ptable-space [role=row]:visible");
}

test("a new prospect with an email someone has is warned about, and saved only when asked", async ({ page }) => {
  const errors = watchConsole(page);
  const stamp = Date.now();
  const email = `twice.${stamp}@example.be`;
  await signIn(page);
  await expectSignedIn(page);
  const first = await page.request.post("/api/v1/prospects", {
    data: { first_name: "Tessa", last_name: `Twee${stamp}`, email, status: "new" },
  });
  expect(first.status()).toBe(201);
  const existing = await first.json();

  await page.goto("/prospects/new");
  await page.getByLabel("First name").fill("Tessa");
  await page.getByLabel("Last name").fill(`Opnieuw${stamp}`);
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const warning = page.locator("#pf-duplicates");
  await expect(warning).toContainText("This prospect may already exist.");
  await expect(warning.getByRole("link", { name: `Tessa Twee${stamp}` })).toHaveAttribute("href", new RegExp(`/prospects/${existing.id}`));
  await expect(warning).toContainText("same email");
  await expect(page.getByLabel("Last name")).toHaveValue(`Opnieuw${stamp}`);
  // Nothing was saved yet.
  let found = await (await page.request.get(`/api/v1/prospects?q=Opnieuw${stamp}`)).json();
  expect(found.total).toBe(0);

  await warning.getByRole("button", { name: "Save anyway" }).click();
  await expect(page).toHaveURL(/\/prospects\/\d+/);
  found = await (await page.request.get(`/api/v1/prospects?q=Opnieuw${stamp}`)).json();
  expect(found.total).toBe(1);
  expect(errors).toEqual([]);
});

test("a number typed 0470 12 34 56 is stored once, shown nationally and found by 0470123456 and +32 470", async ({ page }) => {
  const errors = watchConsole(page);
  const last = `Belmans${Date.now()}`;
  await signIn(page);
  await expectSignedIn(page);
  const created = await page.request.post("/api/v1/prospects", {
    data: { first_name: "Bart", last_name: last, mobile: "0470 12 34 56", status: "new" },
  });
  expect(created.status()).toBe(201);
  expect((await created.json()).mobile).toBe("+32470123456");

  await page.goto("/prospects");
  await expect(page.getByRole("table", { name: "Prospects" })).toBeVisible();
  const search = page.getByRole("searchbox", { name: "Search prospects" });
  for (const q of ["0470123456", "+32 470"]) {
    await search.fill(`${q} ${last}`);
    await expect(rows(page)).toHaveCount(1);
    const row = rows(page).first();
    await expect(row).toContainText(`Bart ${last}`);
    // Shown as the desk dials it, one tap to call.
    await expect(row.getByRole("link", { name: "0470 12 34 56" })).toHaveAttribute("href", "tel:+32470123456");
  }
  // Only digits typed, no name: the row is among what is found.
  await search.fill("0470123456");
  await expect(rows(page).filter({ hasText: last })).toHaveCount(1);
  // The drawer shows it nationally too.
  await rows(page).filter({ hasText: last }).getByRole("link", { name: `Bart ${last}` }).click();
  await expect(page.getByLabel("Mobile")).toHaveValue("0470 12 34 56");
  expect(errors).toEqual([]);
});
