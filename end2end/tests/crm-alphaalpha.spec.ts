import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { fakesURL } from "../playwright.config";
import { expectSignedIn, signIn, watchConsole } from "./helpers";

// The `alphaalpha` project's server keeps its prospects (AlphaAlpha's
// customers) and the lifecycle board in AlphaAlpha (the fake, built from
// seed 004). One at a time: they share the fake.
test.describe.configure({ mode: "serial" });

async function alphaalpha(request: APIRequestContext) {
  const res = await request.get(`${fakesURL}/_fake/state`);
  expect(res.status()).toBe(200);
  return (await res.json()).alphaalpha;
}

async function openList(page: Page) {
  await signIn(page);
  await expectSignedIn(page);
  await page.goto("/prospects");
  await expect(page.getByRole("table", { name: "Prospects" })).toBeVisible();
  const freshness = page.locator(".freshness");
  await freshness.getByRole("button", { name: "Refresh" }).click();
  await expect(freshness).toContainText(/From AlphaAlpha · synced \d+ s ago/);
}

const rows = (page: Page) => page.locator(".ptable-space [role=row]:visible");

test("a customer searched and opened; its next action saved, AlphaAlpha holds exactly that change", async ({ page, request }) => {
  const errors = watchConsole(page);
  await openList(page);
  const before = (await alphaalpha(request)).customers["cus_crossbox_antwerpen"];
  await page.getByRole("searchbox", { name: "Search prospects" }).fill("CrossBox");
  await expect(rows(page)).toHaveCount(1);
  await page.getByRole("link", { name: "CrossBox Antwerpen" }).click();
  await expect(page.getByLabel("Last name")).toHaveValue("CrossBox Antwerpen");
  await page.getByRole("textbox", { name: "Next action" }).fill("Send the trial offer");
  await page.getByLabel("Due on").fill("2027-02-01");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".toast", { hasText: "Saved." })).toBeVisible();

  const after = (await alphaalpha(request)).customers["cus_crossbox_antwerpen"];
  expect(after.nextAction).toBe("Send the trial offer");
  expect(String(after.nextActionDueDate).slice(0, 10)).toBe("2027-02-01");
  expect(after.last_write_fields).toEqual(["nextAction", "nextActionDueDate"]);
  for (const key of Object.keys(before)) {
    if (["nextAction", "nextActionDueDate", "updated", "updatedBy", "last_write_call", "last_write_fields", "events"].includes(key)) continue;
    expect(after[key], key).toEqual(before[key]);
  }
  expect(errors).toEqual([]);
});

test("a customer moved on the lifecycle board: AlphaAlpha holds the new CRM status", async ({ page, request }) => {
  const errors = watchConsole(page);
  await signIn(page);
  await expectSignedIn(page);
  const id = "cus_zwembad_brugge";
  expect((await alphaalpha(request)).customers[id].crmStatus).toBe("LEAD");
  await page.goto("/board?pipeline=alphaalpha");
  await expect(page.getByRole("heading", { level: 1, name: "Pipeline board" })).toBeVisible();
  const card = page.locator(`[data-card-id="${id}"]`);
  await expect(card).toBeVisible();
  await card.getByRole("button", { name: "Move to…" }).click();
  await page.getByRole("dialog", { name: "Move to…" }).getByRole("button", { name: "Prospect" }).click();
  await expect(page.locator(`section.board-column[data-stage-id="PROSPECT"] [data-card-id="${id}"]`)).toHaveCount(1);
  await page.reload();
  await expect(page.locator(`section.board-column[data-stage-id="PROSPECT"] [data-card-id="${id}"]`)).toHaveCount(1);
  const after = (await alphaalpha(request)).customers[id];
  expect(after.crmStatus).toBe("PROSPECT");
  expect(after.last_write_fields).toEqual(["crmStatus"]);
  expect(errors).toEqual([]);
});

test("the enriched customer in the drawer, and its owner assigned there: AlphaAlpha holds the new owner", async ({ page, request }) => {
  const errors = watchConsole(page);
  await openList(page);
  const before = (await alphaalpha(request)).customers["cus_fitlab_gent"];
  expect(before.ownerId).toBe("usr_an_peeters");
  await page.getByRole("searchbox", { name: "Search prospects" }).fill("FitLab");
  await expect(rows(page)).toHaveCount(1);
  await page.getByRole("link", { name: "FitLab Gent BV" }).click();
  const related = page.locator("section.related");
  await expect(related.getByRole("heading", { level: 2, name: "In AlphaAlpha" })).toBeVisible();
  for (const heading of ["Contacts", "Addresses", "Opportunities", "Recent activities", "Payment schedule"]) {
    await expect(related.getByRole("heading", { name: heading, exact: true })).toBeVisible();
  }
  await expect(related.locator('.related-section[data-kind="contacts"] .related-title').first()).toHaveText("Sofie Maes");
  await expect(related.locator('.related-section[data-kind="addresses"] .related-item')).toHaveCount(3);
  // Read only: AlphaAlpha has no call that writes them.
  await expect(related.getByRole("button", { name: /^Add/ })).toHaveCount(0);
  await expect(related.locator("#related-owner-current")).toHaveText("An Peeters");

  await related.getByLabel("Choose an owner").selectOption("usr_jeroen_devries");
  await related.getByRole("button", { name: "Assign" }).click();
  await expect(page.locator(".toast", { hasText: "Saved in AlphaAlpha." })).toBeVisible();
  await expect(related.locator("#related-owner-current")).toHaveText("Jeroen de Vries");

  const after = (await alphaalpha(request)).customers["cus_fitlab_gent"];
  expect(after.ownerId).toBe("usr_jeroen_devries");
  expect(after.last_write_call).toBe("PATCH /crm/customers/{id}/owner/{ownerId}");
  for (const key of Object.keys(before)) {
    if (["ownerId", "updated", "updatedBy", "last_write_call", "last_write_fields"].includes(key)) continue;
    expect(after[key], key).toEqual(before[key]);
  }
  expect(errors).toEqual([]);
});
