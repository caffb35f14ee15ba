import { expect, test } from "@playwright/test";
import { resolve } from "node:path";
import { expectSignedIn, signIn } from "./helpers";

// The pictures in docs/ (issue #21), taken from the real app. Refresh
// them alone (it changes the club's colour for a moment, which club.spec
// checks): `SCREENSHOTS=1 playwright test --project=desktop screenshots`.
// The suite skips it otherwise: a picture is no test.
const out = (name: string) => resolve(__dirname, "../../docs/screenshots", name);

test.skip(!process.env.SCREENSHOTS, "SCREENSHOTS=1 refreshes docs/screenshots");

test("the widget in a club's colours, and the staff app on a phone", async ({ page, browser }) => {
  await signIn(page);
  await expectSignedIn(page);
  const before = await (await page.request.get("/api/v1/settings/club")).json();
  await page.request.put("/api/v1/settings/club", { data: { ...before, accent_color: "#7b1fa2" } });
  try {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
    await phone.goto("/book/1?lang=nl");
    await expect(phone.locator(".widget-club")).toBeVisible();
    await phone.getByRole("button").filter({ hasText: /Proefles|Trial/ }).first().click().catch(() => {});
    await phone.waitForTimeout(500);
    await phone.screenshot({ path: out("widget-club-colours.png") });
    await phone.close();
  } finally {
    await page.request.put("/api/v1/settings/club", { data: before });
  }
  const staff = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
  const p = await staff.newPage();
  await signIn(p);
  await expect(p.getByRole("table", { name: "Prospects" })).toBeVisible();
  await p.screenshot({ path: out("staff-phone-prospects.png") });
  await p.goto("/settings");
  await expect(p.getByRole("heading", { name: "My account" })).toBeVisible();
  await p.screenshot({ path: out("staff-phone-settings.png"), fullPage: false });
  await staff.close();
});
