import { expect, test, type Page } from "@playwright/test";
import { expectSignedIn, signIn, watchConsole } from "./helpers";

// Other specs share the server and may add prospects, so counts are read
// from the API at the time of the check rather than assumed.

async function openList(page: Page, query = "") {
  await signIn(page);
  await expectSignedIn(page);
  await page.goto(`/prospects${query}`);
  await expect(page.getByRole("table", { name: "Prospects" })).toBeVisible();
}

/** The rows on screen (the table reuses a fixed set of row slots; the
 * unused ones are hidden). */
function rows(page: Page) {
  return page.locator(".ptable-space [role=row]:visible");
}

function countText(page: Page) {
  return page.locator(".list-count");
}

async function apiTotal(page: Page, query: string): Promise<number> {
  const res = await page.request.get(`/api/v1/prospects?limit=1&${query}`);
  expect(res.status()).toBe(200);
  return (await res.json()).total;
}

test("search, filter and sort live in the URL and survive a reload", async ({ page }) => {
  const errors = watchConsole(page);
  await openList(page);
  const search = page.getByRole("searchbox", { name: "Search prospects" });

  await search.fill("example.be 47");
  await expect(page).toHaveURL(/[?&]q=example\.be(%20|\+)47/);
  await page.getByLabel("Status", { exact: true }).selectOption("new");
  await expect(page).toHaveURL(/status=new/);
  await page.getByRole("button", { name: /^Name/ }).click();
  await expect(page).toHaveURL(/sort=name/);
  await page.getByRole("checkbox", { name: "Next action overdue" }).check();
  await expect(page).toHaveURL(/overdue=true/);

  const expected = await apiTotal(page, "q=example.be%2047&status=new&overdue=true");
  await expect(countText(page)).toContainText(`${expected.toLocaleString("en-US")} of`);
  const firstBefore = await rows(page).first().locator(".c-name").innerText();

  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search prospects" })).toHaveValue("example.be 47");
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("new");
  await expect(page.getByRole("checkbox", { name: "Next action overdue" })).toBeChecked();
  await expect(page.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(countText(page)).toContainText(`${expected.toLocaleString("en-US")} of`);
  await expect(rows(page).first().locator(".c-name")).toHaveText(firstBefore);

  // Every row shown has status "new" and an overdue next action.
  const statuses = await rows(page).locator(".c-status").allInnerTexts();
  expect(statuses.length).toBeGreaterThan(0);
  for (const s of statuses) expect(s.trim()).toBe("New");
  expect(await rows(page).locator(".overdue-mark").count()).toBe(statuses.length);

  // Sorting the other way round reverses the order.
  await page.getByRole("button", { name: /^Name/ }).click();
  await expect(page).toHaveURL(/sort=-name/);
  await expect(page.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "descending");

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/q=|status=|overdue=/);
  expect(errors).toEqual([]);
});

test("only the rows in view are in the page, and scrolling brings the others", async ({ page }) => {
  await openList(page);
  const total = await apiTotal(page, "");
  expect(total).toBeGreaterThanOrEqual(300);
  await expect(countText(page)).toContainText(`${total.toLocaleString("en-US")} prospects`);
  const drawn = await rows(page).count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(80);
  await expect(page.getByRole("table", { name: "Prospects" })).toHaveAttribute("aria-rowcount", String(total + 1));

  // The last prospect is reachable by scrolling.
  await page.locator(".ptable-scroll").evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.locator(`.ptable-space [role=row][aria-rowindex="${total + 1}"]`)).toBeVisible();
  expect(await rows(page).count()).toBeLessThan(80);
});

test("a search that matches many finds them all: count, scroll height and the last row", async ({ page }) => {
  // A keystroke finds the first screen's rows at once and the rest after
  // they are painted; typed fast (keys within one frame) and slow.
  await openList(page);
  const search = page.getByRole("searchbox", { name: "Search prospects" });
  const table = page.getByRole("table", { name: "Prospects" });
  const all = await apiTotal(page, "");
  for (const [typed, delay] of [["an", 0], ["ee", 60]] as const) {
    await search.fill("");
    await search.pressSequentially(typed, { delay });
    const total = await apiTotal(page, `q=${typed}`);
    // More than the first screen's 64, fewer than the count before.
    expect(total).toBeGreaterThan(64);
    expect(total).toBeLessThan(all);
    await expect(table).toHaveAttribute("aria-busy", "false");
    await expect(countText(page)).toContainText(`${total.toLocaleString("en-US")} of`);
    await expect(table).toHaveAttribute("aria-rowcount", String(total + 1));
    await page.locator(".ptable-scroll").evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(page.locator(`.ptable-space [role=row][aria-rowindex="${total + 1}"]`)).toBeVisible();
  }
});

test("markup from the data shows as text, in the list and in the drawer", async ({ page }) => {
  const errors = watchConsole(page);
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  await openList(page, "?q=S%3Cs");
  const link = page.getByRole("link", { name: "S<s QSqs" });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/prospects\/\d+\?q=S%3Cs/);
  await expect(page.getByRole("heading", { level: 2, name: "S<s QSqs" })).toBeVisible();
  await expect(page.getByLabel("First name")).toHaveValue("S<s");

  // The seed's second prospect carries a script in its note.
  const res = await page.request.get("/api/v1/prospects?limit=500");
  const items: { id: number; note: string }[] = (await res.json()).items;
  const scripted = items.find((p) => p.note.includes("<script>"))!;
  await page.goto(`/prospects/${scripted.id}`);
  await expect(page.getByLabel("Note", { exact: true })).toHaveValue(/<script>alert\('note'\)<\/script>/);
  expect(await page.locator(".drawer script").count()).toBe(0);
  expect(dialogs).toBe(0);
  expect(errors).toEqual([]);
});

test("a bad email is refused with a clear message, keeps what was typed, then saves once fixed", async ({ page }) => {
  const errors = watchConsole(page);
  await openList(page);
  const last = `Testmans${Date.now()}`;
  await page.getByRole("link", { name: "New prospect" }).click();
  await expect(page).toHaveURL(/\/prospects\/new/);
  await page.getByLabel("First name").fill("Rita");
  await page.getByLabel("Last name").fill(last);
  await page.getByLabel("Email").fill("rita@@example");
  await page.getByLabel("Mobile").fill("+32 470 11 22 33");
  await page.getByRole("button", { name: "Save" }).click();

  const email = page.getByLabel("Email");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#pf-email-error")).toHaveText("Enter a valid email address, like name@example.com.");
  await expect(email).toBeFocused();
  await expect(page.getByLabel("First name")).toHaveValue("Rita");
  await expect(page.getByLabel("Last name")).toHaveValue(last);
  await expect(page.getByLabel("Mobile")).toHaveValue("+32 470 11 22 33");
  expect(await apiTotal(page, `q=${last}`)).toBe(0);

  // The server's own check says the same, naming the field.
  const refused = await page.request.post("/api/v1/prospects", {
    data: { first_name: "Rita", last_name: last, email: "rita@@example", status: "new" },
  });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).errors.email).toBeTruthy();

  await email.fill("rita@example.be");
  await expect(email).toHaveAttribute("aria-invalid", "false");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page).toHaveURL(/\/prospects\/\d+$/);
  expect(await apiTotal(page, `q=${last}`)).toBe(1);

  // It is in the list at once, and found by search.
  await page.locator(".drawer-head").getByRole("button", { name: "Close" }).click();
  // Focus goes back to the prospect's row (the newest, so drawn first).
  await expect(page.getByRole("link", { name: `Rita ${last}` })).toBeFocused();
  await page.getByRole("searchbox", { name: "Search prospects" }).fill(last);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(`Rita ${last}`);
  await expect(rows(page).first()).toContainText("rita@example.be");
  expect(errors).toEqual([]);
});

test("delete asks first and can be undone", async ({ page }) => {
  await openList(page);
  const created = await page.request.post("/api/v1/prospects", {
    data: { first_name: "Undo", last_name: `Deletable${Date.now()}`, status: "new" },
  });
  expect(created.status()).toBe(201);
  const p = await created.json();
  await page.goto(`/prospects/${p.id}`);
  await expect(page.getByRole("heading", { level: 2, name: `Undo ${p.last_name}` })).toBeVisible();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByText("Delete this prospect?")).toBeVisible();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page).toHaveURL(/\/prospects$/);
  await expect(page.getByText("Prospect deleted.")).toBeVisible();
  expect((await page.request.get(`/api/v1/prospects/${p.id}`)).status()).toBe(404);

  await page.getByRole("button", { name: "Undo" }).click();
  await expect.poll(async () => (await page.request.get(`/api/v1/prospects/${p.id}`)).status()).toBe(200);
  await page.getByRole("searchbox", { name: "Search prospects" }).fill(p.last_name);
  await expect(rows(page)).toHaveCount(1);
});

test("select everything the filter matches and tag it, beyond the rows drawn", async ({ page }) => {
  const tag = `campaign-${Date.now()}`;
  await openList(page, "?source=Website");
  const matching = await apiTotal(page, "source=Website");
  expect(matching).toBeGreaterThan(30);
  await expect(countText(page)).toContainText(`${matching.toLocaleString("en-US")} of`);
  await page.getByRole("checkbox", { name: "Select every prospect that matches" }).check();
  await expect(page.getByText(`${matching.toLocaleString("en-US")} selected`)).toBeVisible();
  await page.getByRole("textbox", { name: "Tag to add" }).fill(tag);
  await page.getByRole("button", { name: "Add tag" }).click();
  await expect(page.getByText(`${matching.toLocaleString("en-US")} prospects changed.`)).toBeVisible();
  expect(await apiTotal(page, `tag=${tag}`)).toBe(matching);
  expect(await apiTotal(page, `tag=${tag}&source=Website`)).toBe(matching);
});

test("import previews every row's problems and writes nothing until all are right", async ({ page }) => {
  const stamp = Date.now();
  await openList(page);
  await page.getByRole("button", { name: "Import CSV" }).click();
  const dialog = page.getByRole("dialog", { name: "Import prospects" });
  await expect(dialog).toBeVisible();
  const bad = `Voornaam;Naam;E-mail;Geboortedatum\nAn;Imp${stamp};an@example.be;1900-01-01\nBen;Imp${stamp};ben@@example;\n`;
  await dialog.getByLabel("CSV file").setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await expect(dialog.getByRole("combobox", { name: "Voornaam" })).toHaveValue("first_name");
  await expect(dialog.getByRole("combobox", { name: "E-mail" })).toHaveValue("email");
  await expect(dialog.getByText("2 rows, 1 problems to fix before importing:")).toBeVisible();
  await expect(dialog.getByText(/Row 2, Email: /)).toBeVisible();
  await expect(dialog.getByRole("button", { name: /^Import \d+ prospects$/ })).toBeDisabled();
  expect(await apiTotal(page, `q=Imp${stamp}`)).toBe(0);

  const good = bad.replace("ben@@example", "ben@example.be");
  await dialog.getByLabel("CSV file").setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await expect(dialog.getByText("2 rows, all correct.")).toBeVisible();
  await dialog.getByRole("button", { name: "Import 2 prospects" }).click();
  await expect(page.getByText("2 prospects imported.")).toBeVisible();
  expect(await apiTotal(page, `q=Imp${stamp}`)).toBe(2);
  // 1900-01-01 means unknown.
  const res = await page.request.get(`/api/v1/prospects?q=An%20Imp${stamp}`);
  expect((await res.json()).items[0].birth_date ?? null).toBeNull();
  await page.getByRole("searchbox", { name: "Search prospects" }).fill(`Imp${stamp}`);
  await expect(rows(page)).toHaveCount(2);
});

test("on a 360 px phone the list is cards and nothing overflows sideways", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openList(page);
  const first = rows(page).first();
  await expect(first).toBeVisible();
  const box = await first.boundingBox();
  expect(box!.height).toBeGreaterThan(100);
  await expect(page.locator(".prow-head .c-name")).toBeHidden();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await first.locator(".c-name").getByRole("link").click();
  await expect(page.locator(".drawer")).toBeVisible();
  const drawer = await page.locator(".drawer").boundingBox();
  expect(drawer!.width).toBeLessThanOrEqual(360);
});
