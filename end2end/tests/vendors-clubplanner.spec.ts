import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { fakesURL } from "../playwright.config";
import { expectSignedIn, signIn, watchConsole } from "./helpers";

// The server of the `vendors` project keeps its prospects in Clubplanner
// (the fake, started by the config). The pages are the same as on the
// local store; these tests check that they work on the vendor's data, and
// that the fake holds exactly what the desk changed. They share the fake,
// and one of them takes it down: one at a time.
test.describe.configure({ mode: "serial" });

async function fakeState(request: APIRequestContext) {
  const res = await request.get(`${fakesURL}/_fake/state`);
  expect(res.status()).toBe(200);
  return (await res.json()).clubplanner;
}

async function faults(request: APIRequestContext, body: object | null) {
  const res = body
    ? await request.post(`${fakesURL}/_fake/faults`, { data: body })
    : await request.delete(`${fakesURL}/_fake/faults`);
  expect(res.ok()).toBeTruthy();
}

/** Signs in and opens the list, refreshed from Clubplanner. */
async function openList(page: Page) {
  await signIn(page);
  await expectSignedIn(page);
  await page.goto("/prospects");
  await expect(page.getByRole("table", { name: "Prospects" })).toBeVisible();
  const freshness = page.locator(".freshness");
  await freshness.getByRole("button", { name: "Refresh" }).click();
  await expect(freshness).toContainText(/From Clubplanner · synced \d+ s ago/);
  await expect(freshness).not.toHaveClass(/freshness-stale/);
}

function rows(page: Page) {
  return page.locator(".ptable-space [role=row]:visible");
}

test("the list is Clubplanner's, searched and filtered in the browser", async ({ page, request }) => {
  const errors = watchConsole(page);
  await openList(page);
  const state = await fakeState(request);
  const total = Object.keys(state.prospects).length;
  await expect(page.locator(".list-count")).toContainText(`${total.toLocaleString("en-US")} prospects`);

  await page.getByRole("searchbox", { name: "Search prospects" }).fill("QSqs");
  await expect(rows(page)).toHaveCount(1);
  // The seed's name is markup, shown as text.
  await expect(page.getByRole("link", { name: "S<s QSqs" })).toBeVisible();

  await page.getByRole("searchbox", { name: "Search prospects" }).fill("");
  const flyers = Object.values(state.prospects).filter((p: any) => p.prospect_source === "Flyer").length;
  await page.getByLabel("Source", { exact: true }).selectOption("Flyer");
  await expect(page.locator(".list-count")).toContainText(`${flyers.toLocaleString("en-US")} of`);
  expect(errors).toEqual([]);
});

test("open and edit a prospect: Clubplanner holds exactly that change", async ({ page, request }) => {
  const errors = watchConsole(page);
  await openList(page);
  const before = (await fakeState(request)).prospects["64"];
  await page.getByRole("searchbox", { name: "Search prospects" }).fill("QSqs");
  await page.getByRole("link", { name: "S<s QSqs" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "S<s QSqs" })).toBeVisible();
  await expect(page.getByLabel("Birth date")).toHaveValue("");
  await page.getByLabel("City").fill("Mechelen");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".toast", { hasText: "Saved." })).toBeVisible();

  const after = (await fakeState(request)).prospects["64"];
  expect(after.city).toBe("Mechelen");
  // Everything else as it was, the fields Frontdesk does not show included.
  for (const key of Object.keys(before)) {
    if (["city", "modified_at", "modified_by", "note", "lang_id"].includes(key)) continue;
    expect(after[key], key).toEqual(before[key]);
  }
  expect(after.modified_by).toBe("demo@frontdesk.test");
  expect(errors).toEqual([]);
});

test("with Clubplanner down the list keeps serving, says so, and a save loses nothing typed", async ({ page, request }) => {
  await openList(page);
  await faults(request, { vendor: "clubplanner", kind: "status", status: 503, times: 50 });
  try {
    const freshness = page.locator(".freshness");
    await freshness.getByRole("button", { name: "Refresh" }).click();
    await expect(freshness).toHaveClass(/freshness-stale/);
    await expect(freshness).toContainText("Clubplanner cannot be reached: this is the copy from");
    await expect(rows(page).first()).toBeVisible();

    await page.getByRole("searchbox", { name: "Search prospects" }).fill("QSqs");
    await page.getByRole("link", { name: "S<s QSqs" }).click();
    await expect(page.getByLabel("First name")).toHaveValue("S<s");
    await page.getByLabel("City").fill("Brugge");
    await page.getByRole("button", { name: "Save" }).click();
    // The save's own answer (the sales steps beside it have their own:
    // Clubplanner keeps those too, and says it cannot be reached).
    await expect(page.locator("#pf-save-error")).toContainText(/Clubplanner/);
    await expect(page.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "false");
    await expect(page.getByLabel("City")).toHaveValue("Brugge");
    expect((await fakeState(request)).prospects["64"].city).not.toBe("Brugge");
  } finally {
    await faults(request, null);
  }
  // Back up: the same save goes through.
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".toast", { hasText: "Saved." })).toBeVisible();
  expect((await fakeState(request)).prospects["64"].city).toBe("Brugge");
});

test("what Clubplanner cannot do is said, not failed", async ({ page }) => {
  await openList(page);
  await expect(page.getByRole("button", { name: "Import CSV" })).toHaveCount(0);
  await page.getByRole("searchbox", { name: "Search prospects" }).fill("QSqs");
  await rows(page).first().getByRole("checkbox").check();
  await expect(page.locator(".bulk-not-supported")).toHaveText(
    "Clubplanner cannot change many prospects at once: open each one to change it.",
  );
});

test("a sales step books a trial lesson: the appointment is in Clubplanner's calendar", async ({ page, request }) => {
  const errors = watchConsole(page);
  await openList(page);
  await page.getByRole("searchbox", { name: "Search prospects" }).fill("John Do");
  await page.getByRole("link", { name: "John Do", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: "John Do" })).toBeVisible();
  // The step and its results are Clubplanner's, as it words them.
  const section = page.getByRole("region", { name: "Sales steps" });
  await section.getByLabel("Note with the result (optional)").fill("Wants an evening trial");
  await section.getByRole("button", { name: "Afspraak maken voor proefles" }).click();

  const dialog = page.getByRole("dialog", { name: /Choose a time/ });
  await expect(dialog).toBeVisible();
  // The picker's times are Clubplanner's free timeslots for Sarah.
  const picker = page.frameLocator("iframe.picker-frame");
  await picker.getByRole("button", { name: "Sarah Peeters", exact: true }).click();
  await expect(picker.getByRole("heading", { name: "Choose a day and time" })).toBeVisible();
  const slot = picker.locator(".slot-list button").first();
  await expect(slot).toBeVisible();
  const time = (await slot.innerText()).trim();
  await slot.click();
  await expect(dialog.getByText(new RegExp(`${time}–`))).toBeVisible();
  await dialog.getByRole("button", { name: "Confirm appointment" }).click();
  await expect(dialog).toBeHidden();
  await expect(section.getByRole("heading", { name: "Current step: Proefles" })).toBeVisible();

  const state = await fakeState(request);
  const booked = Object.values(state.calendar_items).filter(
    (i: any) => i.prospect_id === 1 && i.step_result_id === 28,
  ) as any[];
  expect(booked).toHaveLength(1);
  expect(booked[0].employee_id).toBe(5);
  expect(booked[0].calendar_id).toBe(1);
  expect(booked[0].from.slice(11, 16)).toBe(time);
  expect(booked[0].note).toBe("Wants an evening trial");
  expect(state.current_steps["1"]).toBe(1093);
  expect(errors).toEqual([]);
});

test("an owner checks the connections in Settings: each system named, its verdict in words, no secret", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page);
  await expectSignedIn(page);
  await page.goto("/settings");
  const section = page.locator("#settings-connections");
  await expect(section.getByRole("heading", { name: "Connections" })).toBeVisible();
  const prospects = section.getByRole("row", { name: /prospects/ });
  await expect(prospects).toContainText("Clubplanner");
  await section.getByRole("button", { name: "Check now" }).click();
  await expect(prospects).toContainText("OK");
  await expect(section.getByRole("row", { name: /bookings/ })).toContainText("OnlineAfspraken");
  // The page holds none of the credentials the server was given
  // (playwright.config.ts: the vendor server's environment).
  const html = await page.content();
  for (const secret of ["DEMOTOKEN", "DEMOKEY", "DEMOSECRET"]) expect(html).not.toContain(secret);
  expect(errors).toEqual([]);
});
