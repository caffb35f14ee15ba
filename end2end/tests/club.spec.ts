import { expect, test } from "@playwright/test";
import { expectSignedIn, signIn, watchConsole } from "./helpers";

// Issue #21: the club's settings, and the widget in the club's colours.
// The demo club is shared with every other spec: only the colour changes
// here (nothing else reads it), and it is put back.

test("the owner changes the club's colour in Settings and the widget wears it, text kept readable", async ({ page, browser }) => {
  const errors = watchConsole(page);
  await signIn(page);
  await expectSignedIn(page);
  const before = await (await page.request.get("/api/v1/settings/club")).json();
  try {
    await page.goto("/settings");
    const club = page.locator("#settings-club");
    await expect(club.getByLabel("Club name")).toHaveValue(before.name);
    // A wrong form names its field and keeps what was typed.
    await club.getByLabel("Club name").fill("");
    await club.getByRole("button", { name: "Save the club" }).click();
    await expect(club.getByLabel("Club name")).toHaveAttribute("aria-invalid", "true");
    await expect(club.getByText("This field is required.")).toBeVisible();
    await club.getByLabel("Club name").fill(before.name);
    await club.getByLabel("Accent colour").fill("#ffee00");
    await club.getByRole("button", { name: "Save the club" }).click();
    await expect(club.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

    const visitor = await browser.newPage();
    await visitor.goto("/book/1?lang=nl");
    await expect(visitor.locator(".widget-club")).toHaveText(before.name);
    const colours = await visitor.locator("main.widget").evaluate((el) => {
      const s = getComputedStyle(el);
      return [s.getPropertyValue("--color-accent").trim(), s.getPropertyValue("--color-accent-text").trim()];
    });
    // Yellow: dark text on it, not white.
    expect(colours).toEqual(["#ffee00", "#111827"]);
    await visitor.close();
  } finally {
    const put = await page.request.put("/api/v1/settings/club", { data: before });
    expect(put.status()).toBe(200);
  }
  expect(errors).toEqual([]);
});
