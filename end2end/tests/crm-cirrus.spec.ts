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
