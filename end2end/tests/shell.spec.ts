import { expect, test } from "@playwright/test";
import { DEMO, expectSignedIn, signIn, watchConsole } from "./helpers";

test("sign in, see the shell in Dutch, French and English, sign out", async ({ page, context }) => {
  const errors = watchConsole(page);
  await page.goto("/prospects");
  // Without a session the app sends the person to the login page, and back.
  await expect(page).toHaveURL(/\/login\?next=%2Fprospects/);
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/prospects$/);
  await expectSignedIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Prospects" })).toBeVisible();
  await expect(page.getByRole("banner").getByText("Demo Manager")).toBeVisible();

  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "frontdesk_session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Strict");

  const language = page.getByLabel(/^(Language|Taal|Langue)$/);
  await language.selectOption("nl");
  const nlNav = page.getByRole("navigation", { name: "Hoofdmenu" });
  await expect(nlNav.getByRole("link", { name: "Prospecten" })).toBeVisible();
  await expect(nlNav.getByRole("link", { name: "Pijplijn" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await nlNav.getByRole("link", { name: "Agenda" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Agenda" })).toBeVisible();

  await language.selectOption("fr");
  const frNav = page.getByRole("navigation", { name: "Menu principal" });
  await expect(frNav.getByRole("link", { name: "Réservation" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");

  // The choice survives a reload.
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Menu principal" })).toBeVisible();

  await language.selectOption("en");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Prospects", "Board", "Calendar", "Booking", "Settings"]) {
    await expect(nav.getByRole("link", { name })).toBeVisible();
  }
  await nav.getByRole("link", { name: "Board" }).click();
  await expect(page).toHaveURL(/\/board$/);
  await expect(nav.getByRole("link", { name: "Board" })).toHaveAttribute("aria-current", "page");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("status").filter({ hasText: "You are signed out." })).toBeVisible();
  expect((await context.cookies()).find((c) => c.name === "frontdesk_session")).toBeUndefined();

  // The server ended the session: the old cookie opens nothing.
  const replay = await page.request.get("/api/v1/session", {
    headers: { cookie: `frontdesk_session=${session!.value}` },
  });
  expect(replay.status()).toBe(401);
  expect(errors).toEqual([]);
});

test("a staff API call without the cookie gets 401 as a problem document", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const path of ["/api/v1/session", "/api/v1/staff"]) {
    const res = await anonymous.get(path);
    expect(res.status()).toBe(401);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    const body = await res.json();
    expect(body).toMatchObject({ status: 401, title: "Not signed in" });
  }
  await anonymous.dispose();
});

test("a wrong password gets a clear message, keeps the email and makes no session", async ({ page, context }) => {
  const errors = watchConsole(page);
  await signIn(page, DEMO.email, "not-the-password");
  await expect(page.getByRole("alert")).toHaveText(/Wrong email or password/);
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.email);
  await expect(page.getByLabel("Password")).toBeFocused();
  expect((await context.cookies()).find((c) => c.name === "frontdesk_session")).toBeUndefined();
  const me = await page.request.get("/api/v1/session");
  expect(me.status()).toBe(401);
  expect(errors).toEqual([]);
});

test("the login form checks the email before sending it", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("whatever");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toBeFocused();
  await expect(page.getByLabel("Password")).toHaveValue("whatever");
});

test("works by keyboard alone and at 360 px", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/login");
  await page.keyboard.press("Tab"); // the language switch comes first in the card
  await page.getByLabel("Email").focus();
  await page.keyboard.type(DEMO.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO.password);
  await page.keyboard.press("Enter");
  await expectSignedIn(page);

  // Nothing sticks out sideways on a phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // The skip link is the first stop and lands on the content.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main")).toBeFocused();

  // Every navigation link is reachable and large enough to tap.
  const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
  await expect(links).toHaveCount(5);
  for (const box of await links.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) {
    expect(box).toBeGreaterThanOrEqual(44);
  }
});

test("unknown pages say so", async ({ page }) => {
  await page.goto("/no/such/page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the prospects" })).toBeVisible();
});

test("the app runs under its security headers", async ({ page }) => {
  const errors = watchConsole(page);
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(headers["content-security-policy"]).not.toContain("unsafe-inline");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  await expect(page.getByRole("heading", { name: "Sign in to Frontdesk" })).toBeVisible();
  expect(errors).toEqual([]);
});
