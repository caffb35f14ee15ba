import { expect, test, type Page } from "@playwright/test";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { baseURL, hostOrigin } from "../playwright.config";
import { expectSignedIn, signIn } from "./helpers";

// Issue #17 "Trust", point 4: the embed. A club website of our own, on a
// free port of 127.0.0.1: an origin the club never allowed. The one origin
// the e2e config allows, `hostOrigin` (http://localhost:<hostPort>), is
// embed.spec's site; here the browser sends that origin's requests to our
// site (page.route), so both files can run at once, and the page still
// lives on the allowed origin. Sent on to a real server, not fulfilled by
// Playwright: Chromium counts a fulfilled page as public, and its local
// network checks then refuse it the loopback server's embed.js.
let site: Server;
let siteOrigin: string;
test.beforeAll(async () => {
  site = createServer((req, res) => {
    const lang = new URL(req.url ?? "/", "http://x").searchParams.get("lang") ?? "en";
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="${lang}"><head><title>Club site</title></head><body style="margin:0">
      <h1>Welcome to the club</h1>
      <script>
        window.__events = [];
        for (const name of ["frontdesk:embed-refused", "frontdesk:slot-selected", "frontdesk:booked"]) {
          document.addEventListener(name, (e) => window.__events.push({ name, detail: e.detail }));
        }
        // The widget's "hello" (what tells embed.js the frame was allowed).
        window.addEventListener("message", (e) => {
          if (e.data && e.data.source === "frontdesk" && e.data.type === "hello") window.__events.push({ name: "hello", detail: e.origin });
        });
      </script>
      <script src="${baseURL}/embed.js" data-agenda="1" data-type="2" async></script>
      <footer>Club footer</footer>
    </body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => site.close(resolve));
});

/** Opens the club's page as if it lived on the allowed origin. */
async function openOnAllowedOrigin(page: Page) {
  await page.route(`${hostOrigin}/**`, (route) => route.continue({ url: route.request().url().replace(hostOrigin, siteOrigin) }));
  await page.goto(`${hostOrigin}/`);
}

const events = (page: Page) => page.evaluate(() => (window as any).__events as { name: string; detail: any }[]);

test("on a site that may not frame the widget, embed.js shows a plain link to book instead of a broken box", async ({ page }) => {
  await page.goto(`${siteOrigin}/`);
  const link = page.locator("a.frontdesk-book-link");
  await expect(link).toBeVisible();
  await expect(link).toHaveText("Book an appointment online");
  const href = new URL((await link.getAttribute("href"))!);
  expect(href.origin).toBe(baseURL);
  expect(href.pathname).toBe("/book/1");
  expect(href.searchParams.get("type")).toBe("2");
  await expect(page.locator("iframe")).toHaveCount(0);
  await expect.poll(async () => (await events(page)).map((e) => e.name)).toContain("frontdesk:embed-refused");
  expect((await events(page)).find((e) => e.name === "frontdesk:embed-refused")!.detail.origin).toBe(siteOrigin);

  // The link opens the widget itself, on Frontdesk's own origin.
  await page.goto(href.toString());
  await expect(page.getByRole("heading", { name: "With whom?" })).toBeVisible();
});

test("the plain link speaks the club page's language", async ({ page }) => {
  await page.goto(`${siteOrigin}/?lang=nl`);
  await expect(page.locator("a.frontdesk-book-link")).toHaveText("Maak online een afspraak");
  await expect(page.locator("iframe")).toHaveCount(0);
});

test("on an allowed site the framed widget grows with a taller step and shrinks back with a shorter one", async ({ page }) => {
  await openOnAllowedOrigin(page);
  // The widget said hello from its own origin: embed.js keeps the frame.
  await expect.poll(async () => (await events(page)).filter((e) => e.name === "hello").map((e) => e.detail)).toEqual([baseURL]);
  const iframe = page.locator("iframe");
  const frame = page.frameLocator("iframe");
  const frameHeight = () => iframe.evaluate((el) => el.getBoundingClientRect().height);
  const contentHeight = () => frame.locator("body").evaluate((b) => Math.ceil(b.getBoundingClientRect().height));
  /** The iframe has taken the widget's height: what the host page shows is all of it, no more. */
  const settled = async () => {
    await expect.poll(async () => Math.abs((await frameHeight()) - (await contentHeight()))).toBeLessThanOrEqual(1);
    return frameHeight();
  };

  await expect(frame.getByRole("heading", { name: "With whom?" })).toBeVisible();
  const short = await settled();

  await frame.getByRole("button", { name: "Any available" }).click();
  await expect(frame.locator(".slot-list button").first()).toBeVisible();
  const tall = await settled();
  expect(tall).toBeGreaterThan(short + 100);

  await frame.getByRole("button", { name: "Back" }).click();
  await expect(frame.getByRole("heading", { name: "With whom?" })).toBeVisible();
  const again = await settled();
  expect(again).toBeLessThan(tall - 100);
  expect(Math.abs(again - short)).toBeLessThanOrEqual(1);
  // Still the widget, never the plain link.
  await expect(iframe).toHaveCount(1);
  await expect(page.locator("a.frontdesk-book-link")).toHaveCount(0);
});

test("the Booking page says which sites may embed the widget and how to add one", async ({ page }) => {
  await signIn(page);
  await expectSignedIn(page);
  await page.goto("/booking");
  await expect(page.getByRole("heading", { level: 1, name: "Booking" })).toBeVisible();
  const origins = page.locator(".embed-origins");
  await expect(origins.getByText("These sites may show the widget:")).toBeVisible();
  await expect(origins.getByRole("listitem")).toHaveText([hostOrigin]);
  await expect(origins).toContainText(
    "To add your site, put its address (for example https://www.yourclub.be) in embed.allowed_origins in frontdesk.toml and restart Frontdesk.",
  );
});
