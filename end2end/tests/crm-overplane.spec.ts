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

test("a child lead added in the drawer and moved up with the keyboard: Overplane holds it, in that order", async ({ page, request }) => {
  const errors = watchConsole(page);
  await openList(page);
  await page.getByRole("searchbox", { name: "Search prospects" }).fill("FitLab");
  await expect(rows(page)).toHaveCount(1);
  await page.getByRole("link", { name: "FitLab Gent BV" }).click();
  const related = page.locator("section.related");
  await expect(related.getByRole("heading", { level: 2, name: "In Overplane" })).toBeVisible();
  const leads = related.locator('.related-section[data-kind="leads"]');
  const items = leads.locator(".related-item");
  await expect(items).toHaveCount(2);
  await expect(related.locator('.related-section[data-kind="opportunities"] .related-item')).toHaveCount(2);

  // Vendor text is text: markup typed stays markup, never HTML.
  const name = "Nina <i>Claes</i>";
  await leads.getByRole("button", { name: "Add (Leads)" }).click();
  await leads.getByLabel("Lead *").fill("CRM-LEAD-2026-00100");
  await leads.getByLabel("Name", { exact: true }).fill(name);
  await leads.getByLabel("Email").fill("nina@fitlab-gent.example");
  await leads.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".toast", { hasText: "Saved in Overplane." })).toBeVisible();
  await expect(items).toHaveCount(3);
  await expect(items.nth(2).locator(".related-title")).toHaveText(name);
  await expect(leads.locator("i")).toHaveCount(0);

  let state = await overplane(request);
  const added = Object.values(state.prospect_leads).find((l: any) => l.lead === "CRM-LEAD-2026-00100") as any;
  expect(added.prospect_id).toBe("prospect_fitlab_gent");
  expect(added.lead_name).toBe(name);
  expect(added.email).toBe("nina@fitlab-gent.example");
  expect(state.writes.at(-1).call).toBe("POST prospect-lead");

  // A move without a mouse: the focus stays on the moved lead's button.
  await leads.getByRole("button", { name: `Move up: ${name}` }).focus();
  await page.keyboard.press("Enter");
  await expect(items.nth(1)).toHaveAttribute("data-id", added.id);
  await expect(leads.getByRole("button", { name: `Move up: ${name}` })).toBeFocused();

  state = await overplane(request);
  const order = Object.values(state.prospect_leads)
    .filter((l: any) => l.prospect_id === "prospect_fitlab_gent")
    .sort((a: any, b: any) => a.idx - b.idx)
    .map((l: any) => l.id);
  expect(order).toEqual(["prospect-lead_fitlab_1", added.id, "prospect-lead_fitlab_2"]);
  const last = state.writes.at(-1);
  expect(last.call).toBe("POST prospect-lead/reorder");
  expect(last.id).toBe("prospect_fitlab_gent");
  expect(errors).toEqual([]);
});
