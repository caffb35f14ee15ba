import { expect, test } from "@playwright/test";
import { expectSignedIn, signIn, watchConsole } from "./helpers";

// Issue #21: the club's logo, uploaded in Settings › Club and shown by the
// widget beside the club's name. The demo club is shared with every other
// spec: the logo is removed again at the end.

/** A real 24×12 PNG (red), so the browser has something to draw. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAABgAAAAMCAIAAAD3UuoiAAAAF0lEQVR42mM4ISdHFcQwatCoQaMG4UMAUwckkKcSCTAAAAAASUVORK5CYII=",
  "base64",
);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

test("an owner uploads the club's logo and the widget shows it beside the name", async ({ page, browser }) => {
  const errors = watchConsole(page);
  await signIn(page);
  await expectSignedIn(page);
  try {
    await page.goto("/settings");
    const club = page.locator("#settings-club");
    const input = club.getByLabel("Logo", { exact: true });
    // An SVG is refused here already, saying why, and nothing is sent.
    await input.setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: SVG });
    await expect(club.getByText("SVG files can carry scripts")).toBeVisible();
    await expect(input).toHaveAttribute("aria-invalid", "true");
    expect((await (await page.request.get("/api/v1/public/club")).json()).logo_url).toBeUndefined();

    await input.setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
    await expect(club.getByRole("status").filter({ hasText: "The logo is saved" })).toBeVisible();
    await expect(input).not.toHaveAttribute("aria-invalid", "true");
    const preview = club.getByRole("img", { name: "The club's logo, as the booking widget shows it" });
    await expect(preview).toBeVisible();
    const url = (await (await page.request.get("/api/v1/public/club")).json()).logo_url as string;
    expect(url).toMatch(/^\/api\/v1\/public\/club\/logo\?v=[0-9a-f]{16}$/);
    await expect(preview).toHaveAttribute("src", url);

    // A visitor, signed out, sees it in the widget: drawn, beside the name
    // (so the image says nothing more: alt="").
    const visitor = await browser.newPage();
    const visitorErrors = watchConsole(visitor);
    await visitor.goto("/book/1?lang=nl");
    const logo = visitor.locator("img.widget-logo");
    await expect(logo).toHaveAttribute("src", url);
    await expect(logo).toHaveAttribute("alt", "");
    await expect(visitor.locator(".widget-club")).not.toBeEmpty();
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(24);
    await visitor.close();
    expect(visitorErrors).toEqual([]);

    // Removed in Settings: gone from the widget.
    await club.getByRole("button", { name: "Remove the logo" }).click();
    await expect(club.getByRole("status").filter({ hasText: "The logo is removed." })).toBeVisible();
    await expect(preview).toHaveCount(0);
    const after = await browser.newPage();
    await after.goto("/book/1");
    await expect(after.locator(".widget-club")).not.toBeEmpty();
    await expect(after.locator("img.widget-logo")).toHaveCount(0);
    await after.close();
  } finally {
    await page.request.delete("/api/v1/settings/club/logo");
  }
  expect(errors).toEqual([]);
});
