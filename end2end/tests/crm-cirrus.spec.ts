import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { fakesURL } from "../playwright.config";
import { expectSignedIn, signIn, watchConsole } from "./helpers";

// The `cirrus` project's server keeps its prospects (Cirrus's leads) and
// deals (its opportunities, a board per type) in Cirrus 2 (the fake, built
// from seed 002). One at a time: they share the fake.
test.describe.configure({ mode: "serial" });

async function cirrus(request: APIRequestContext) {
  const res = await request.get(`${fakesURL}/_fake/state`);
  expect(res.status()).toBe(200);
  return (await res.json()).cirrus;
}

async function openList(page: Page) {
  await signIn(page);
  await expectSignedIn(page);
  await page.goto("/prospects");
  await expect(page.getByRole("table", { name: "Prospects" })).toBeVisible();
  const freshness = page.locator(".freshness");
  await freshness.getByRole("button", { name: "Refresh" }).click();
  await expect(freshness).toContainText(/From Cirrus · synced \d+ s ago/);
}

const rows = (page: Page) => page.locator(".ptable-space [role=row]:visible");

test("a lead searched, opened and edited: Cirrus holds exactly that change", async ({ page, request }) => {
  const errors = watchConsole(page);
  await openList(page);
  const before = (await cirrus(request)).leads["10"];
  await page.getByRole("searchbox", { name: "Search prospects" }).fill("Pauwels");
  await expect(rows(page)).toHaveCount(1);
  await page.getByRole("link", { name: "Gert Pauwels" }).click();
  await expect(page.getByLabel("City")).toHaveValue("Lier");
  await page.getByLabel("City").fill("Mechelen");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".toast", { hasText: "Saved." })).toBeVisible();

  const state = await cirrus(request);
  const after = state.leads["10"];
  expect(after.contactcity).toBe("Mechelen");
  expect(state.last_write["leads/10"]).toEqual(["contactcity"]);
  for (const key of Object.keys(before)) {
    if (["contactcity", "updated"].includes(key)) continue;
    expect(after[key], key).toEqual(before[key]);
  }
  expect(errors).toEqual([]);
});

test("an opportunity moved on its type's board: Cirrus holds the new status", async ({ page, request }) => {
  const errors = watchConsole(page);
  await signIn(page);
  await expectSignedIn(page);
  await expect
    .poll(async () => (await (await page.request.get("/api/v1/pipelines/1/board")).json()).cards?.length ?? 0)
    .toBeGreaterThan(0);
  const before = (await cirrus(request)).opportunities["1"];
  expect(before.statusid).toBe(1);
  await page.goto("/board?pipeline=1");
  await expect(page.getByRole("heading", { level: 1, name: "Pipeline board" })).toBeVisible();
  const card = page.locator(`[data-card-id="1"]`);
  await expect(card).toBeVisible();
  await card.getByRole("button", { name: "Move to…" }).click();
  await page.getByRole("dialog", { name: "Move to…" }).getByRole("button", { name: "Offerte verstuurd" }).click();
  await expect(page.locator(`section.board-column[data-stage-id="2"] [data-card-id="1"]`)).toHaveCount(1);
  await page.reload();
  await expect(page.locator(`section.board-column[data-stage-id="2"] [data-card-id="1"]`)).toHaveCount(1);
  const after = (await cirrus(request)).opportunities["1"];
  expect(after.statusid).toBe(2);
  for (const key of ["title", "description", "value", "accountid", "contactid", "userid", "estimatedenddate"]) {
    expect(after[key], key).toEqual(before[key]);
  }
  expect(errors).toEqual([]);
});

test("the list filtered by a Cirrus field: the inactive accounts, as Cirrus has them", async ({ page, request }) => {
  const errors = watchConsole(page);
  await openList(page);
  const state = await cirrus(request);
  const inactive = Object.values(state.accounts as Record<string, { name: string; active: number }>)
    .filter((a) => a.active === 0)
    .map((a) => a.name);
  expect(inactive).toContain("Padelclub Leuven");
  await page.getByRole("combobox", { name: "Tags" }).selectOption({ label: "Cirrus inactive" });
  await expect(rows(page)).toHaveCount(inactive.length);
  for (const name of inactive) await expect(page.locator(".ptable-space")).toContainText(name);
  // The type of record: every account, none of the leads.
  await page.getByRole("combobox", { name: "Tags" }).selectOption({ label: "Cirrus account" });
  await expect(rows(page)).toHaveCount(Object.keys(state.accounts).length);
  expect(errors).toEqual([]);
});

test("a deal made on the board is an opportunity under the account; followed from its drawer", async ({ page, request }) => {
  const errors = watchConsole(page);
  await signIn(page);
  await expectSignedIn(page);
  await expect
    .poll(async () => (await (await page.request.get("/api/v1/pipelines/1/board")).json()).cards?.length ?? 0)
    .toBeGreaterThan(0);
  const before = Object.keys((await cirrus(request)).opportunities);
  await page.goto("/board?pipeline=1");
  await expect(page.getByRole("heading", { level: 1, name: "Pipeline board" })).toBeVisible();
  await page.getByRole("button", { name: "New deal" }).click();
  const create = page.getByRole("dialog", { name: "New deal" });
  await create.getByLabel("Prospect").fill("Boxing Gym");
  await create.getByRole("button", { name: /Boxing Gym Hasselt/ }).click();
  await create.getByLabel("Title").fill("Ten <b>bags</b>");
  await create.getByLabel("Value").fill("2400");
  await create.getByLabel("Expected close").fill("2026-10-31");
  await create.getByRole("button", { name: "Create deal" }).click();
  const drawer = page.getByRole("dialog", { name: "Ten <b>bags</b>" });
  await expect(drawer).toBeVisible();
  await expect(page.locator(".board-card b")).toHaveCount(0);

  const state = await cirrus(request);
  const added = Object.keys(state.opportunities).filter((id) => !before.includes(id));
  expect(added).toHaveLength(1);
  const o = state.opportunities[added[0]];
  expect(o.title).toBe("Ten <b>bags</b>");
  expect(o.value).toBe(2400);
  expect(o.account.id).toBe(9);
  expect(o.typeid).toBe(1);
  expect(o.estimatedenddate).toBe("2026-10-31");
  expect(o.followers ?? []).toEqual([]);

  // Follow: Cirrus's word, read back.
  await drawer.getByRole("button", { name: "Follow", exact: true }).click();
  await expect(drawer.getByRole("button", { name: "Unfollow", exact: true })).toBeVisible();
  const followed = (await cirrus(request)).opportunities[added[0]];
  expect(followed.followers.map((u: { id: number }) => u.id)).toEqual([1]);
  expect(followed.title).toBe("Ten <b>bags</b>");
  await drawer.getByRole("button", { name: "Unfollow", exact: true }).click();
  await expect(drawer.getByRole("button", { name: "Follow", exact: true })).toBeVisible();
  expect((await cirrus(request)).opportunities[added[0]].followers).toEqual([]);
  expect(errors).toEqual([]);
});

test("an account's drawer shows its contacts and activities as Cirrus has them", async ({ page, request }) => {
  const errors = watchConsole(page);
  await openList(page);
  const state = await cirrus(request);
  const contacts = Object.values(state.contacts as Record<string, any>).filter((c) => c.account?.id === 2);
  const activities = Object.values(state.activities as Record<string, any>).filter((a) => a.account?.id === 2);
  expect(contacts.length).toBeGreaterThan(0);
  const account = state.accounts["2"];
  await page.getByRole("searchbox", { name: "Search prospects" }).fill(account.name);
  await page.getByRole("link", { name: account.name }).first().click();
  const related = page.locator("section.related");
  await expect(related.getByRole("heading", { level: 2, name: "In Cirrus" })).toBeVisible();
  const names = contacts.map((c) => `${c.name ?? ""} ${c.surname ?? ""}`.trim()).sort();
  const titles = related.locator('.related-section[data-kind="contacts"] .related-title');
  await expect(titles).toHaveCount(names.length);
  expect((await titles.allTextContents()).map((t) => t.trim()).sort()).toEqual(names);
  await expect(related.locator('.related-section[data-kind="activities"] .related-item')).toHaveCount(activities.length);
  // Shown, not written from here: Cirrus's own screens keep them.
  await expect(related.getByRole("button", { name: /^Add/ })).toHaveCount(0);
  expect(errors).toEqual([]);
});
