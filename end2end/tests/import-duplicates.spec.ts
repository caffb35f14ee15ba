import { expect, test, type Page } from "@playwright/test";
import { expectSignedIn, signIn, watchConsole } from "./helpers";

// Issue #21: the import preview marks the rows that repeat a prospect
// already there (or an earlier row of the file); they are skipped unless
// the person chooses to import them anyway.

async function apiTotal(page: Page, query: string): Promise<number> {
  const res = await page.request.get(`/api/v1/prospects?limit=1&${query}`);
  expect(res.status()).toBe(200);
  return (await res.json()).total;
}

async function openImport(page: Page) {
  await page.goto("/prospects");
  await expect(page.getByRole("table", { name: "Prospects" })).toBeVisible();
  await page.getByRole("button", { name: "Import CSV" }).click();
  const dialog = page.getByRole("dialog", { name: "Import prospects" });
  await expect(dialog).toBeVisible();
  return dialog;
}

test("repeated rows are named in the preview and skipped, or imported when asked", async ({ page }) => {
  const errors = watchConsole(page);
  const stamp = Date.now();
  await signIn(page);
  await expectSignedIn(page);
  const made = await page.request.post("/api/v1/prospects", {
    data: { first_name: "Olivia", last_name: `Dup${stamp}`, email: `olivia.${stamp}@example.be`, status: "new" },
  });
  expect(made.status()).toBe(201);
  const olivia = (await made.json()).id;

  let dialog = await openImport(page);
  const csv =
    `Voornaam;Naam;E-mail\n` +
    `Olivia;Again${stamp};OLIVIA.${stamp}@example.be\n` +
    `Paul;Dup${stamp};paul.${stamp}@example.be\n` +
    `Paul;Twice${stamp};paul.${stamp}@example.be\n`;
  await dialog.getByLabel("CSV file").setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(dialog.getByText("3 rows, all correct.")).toBeVisible();
  const repeated = dialog.getByRole("group", { name: "2 rows repeat someone already there or an earlier row:" });
  await expect(repeated).toBeVisible();
  await expect(repeated.getByText("Row 1, Email: the same as")).toBeVisible();
  await expect(repeated.getByRole("link", { name: `Olivia Dup${stamp}` })).toHaveAttribute("href", `/prospects/${olivia}`);
  await expect(repeated.getByText("Row 3, Email: the same as row 2")).toBeVisible();
  // Skipped unless asked: one row to write.
  await expect(repeated.getByRole("radio", { name: "Skip these rows" })).toBeChecked();
  await dialog.getByRole("button", { name: "Import 1 prospects" }).click();
  await expect(page.getByText("1 prospects imported; 2 repeated rows skipped.")).toBeVisible();
  expect(await apiTotal(page, `q=Dup${stamp}`)).toBe(2);
  expect(await apiTotal(page, `q=Twice${stamp}`)).toBe(0);
  expect(await apiTotal(page, `q=Again${stamp}`)).toBe(0);

  // Two rows of the same person, imported anyway as asked.
  dialog = await openImport(page);
  const twice = `Voornaam;Naam;E-mail\nRia;Same${stamp};ria.${stamp}@example.be\nRia;Same${stamp};ria.${stamp}@example.be\n`;
  await dialog.getByLabel("CSV file").setInputFiles({ name: "twice.csv", mimeType: "text/csv", buffer: Buffer.from(twice) });
  await expect(dialog.getByText("Row 2, Email: the same as row 1")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Import 1 prospects" })).toBeEnabled();
  await dialog.getByRole("radio", { name: "Import them anyway" }).check();
  await dialog.getByRole("button", { name: "Import 2 prospects" }).click();
  await expect(page.getByText("2 prospects imported.")).toBeVisible();
  expect(await apiTotal(page, `q=Same${stamp}`)).toBe(2);
  expect(errors).toEqual([]);
});
