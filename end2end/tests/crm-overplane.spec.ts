import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { fakesURL } from "../playwright.config";
import { expectSignedIn, signIn, watchConsole } from "./helpers";

// The `crm` project's server keeps its prospects and deals in Overplane
// (the fake, built from seed 001). The pages are the ones of the local
// store; these tests check they work on Overplane's data and that the fake
// holds exactly what the desk changed. One at a time: they share the fake.
test.describe.configure({ mode: "serial" });

async function overplane(request: APIRequestContext) {
  const res = await request.get(`${fakesURL}/_fake/state`);
  expect(res.status()).toBe(200);
  return (await res.json()).overplane;
}

async function openList(page: Page) {
  await signIn(page);
  await expectSignedIn(page);
  await page.goto("/prospects");
  await expect(page.getByRole("table", { name: "Prospects" })).toBeVisible();
  const freshness = page.locator(".freshness");
  await freshness.getByRole("button", { name: "Refresh" }).click();
  await expect(freshness).toContainText(/From Overplane · synced \d+ s ago/);
}

const rows = (page: Page) => page.locator(".ptable-space [role=row]:visible");

test("the list is Overplane's: searched, opened and renamed, Overplane holds exactly that change", async ({ page, request }) => {
  const errors = watchConsole(page);
  await openList(page);
  const before = await overplane(request);
  const total = Object.keys(before.prospects).length;
  await expect(page.locator(".list-count")).toContainText(`${total} prospects`);

  await page.getByRole("searchbox", { name: "Search prospects" }).fill("Example");
  await expect(rows(page)).toHaveCount(1);
  await page.getByRole("link", { name: "Example Corp" }).click();
  await expect(page.getByLabel("Last name")).toHaveValue("Example Corp");
  await page.getByLabel("Last name").fill("Example Corporation");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".toast", { hasText: "Saved." })).toBeVisible();

  const after = (await overplane(request)).prospects["prospect_abc123"];
  const was = before.prospects["prospect_abc123"];
  expect(after.company).toBe("Example Corporation");
  expect(after.last_patch_fields).toEqual(["company"]);
  for (const key of Object.keys(was)) {
    if (["company", "updated_at", "last_patch_fields"].includes(key)) continue;
    expect(after[key], key).toEqual(was[key]);
  }
  expect(errors).toEqual([]);
});

test("a deal moved on the board with its Move to… menu: Overplane holds the new stage, nothing else", async ({ page, request }) => {
  const errors = watchConsole(page);
  await signIn(page);
  await expectSignedIn(page);
  const id = "prospect-opportunity_yogaloft_1";
  // The opportunities are read once the prospects are in.
  await expect
    .poll(async () => (await (await page.request.get("/api/v1/pipelines/overplane/board")).json()).cards?.length ?? 0)
    .toBeGreaterThan(0);
  const before = (await overplane(request)).prospect_opportunities[id];
  expect(before.stage).toBe("Qualification");

  await page.goto("/board?pipeline=overplane");
  await expect(page.getByRole("heading", { level: 1, name: "Pipeline board" })).toBeVisible();
  const card = page.locator(`[data-card-id="${id}"]`);
  await expect(card).toBeVisible();
  await card.getByRole("button", { name: "Move to…" }).click();
  const dialog = page.getByRole("dialog", { name: "Move to…" });
  await dialog.getByRole("button", { name: "Proposal" }).click();
  await expect(page.locator(`section.board-column[data-stage-id="Proposal"] [data-card-id="${id}"]`)).toHaveCount(1);
  await page.reload();
  await expect(page.locator(`section.board-column[data-stage-id="Proposal"] [data-card-id="${id}"]`)).toHaveCount(1);

  const after = (await overplane(request)).prospect_opportunities[id];
  expect(after.stage).toBe("Proposal");
  expect(after.last_patch_fields).toEqual(["stage"]);
  for (const key of Object.keys(before)) {
    if (["stage", "last_patch_fields"].includes(key)) continue;
    expect(after[key], key).toEqual(before[key]);
  }
  expect(errors).toEqual([]);
});
