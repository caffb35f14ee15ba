import { expect, type APIRequestContext, type FrameLocator, type Page } from "@playwright/test";

export const DEMO = { email: "demo@frontdesk.test", password: "frontdesk-demo" };

/**
 * Collects console errors, CSP violations and uncaught exceptions included.
 * The browser itself logs every 4xx answer ("am I signed in?" while signed
 * out, a wrong code); those are the API working as specified and the page
 * shows them, so they are not errors of the page.
 */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    const text = msg.text();
    if (msg.type() === "error" && !/status of 4\d\d/.test(text)) errors.push(text);
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  return errors;
}

export async function signIn(page: Page, email = DEMO.email, password = DEMO.password) {
  await page.goto("/login");
  await page.getByLabel(/^(Email|E-mail)$/).fill(email);
  await page.getByLabel(/^(Password|Wachtwoord|Mot de passe)$/).fill(password);
  await page.getByRole("button", { name: /^(Sign in|Aanmelden|Se connecter)$/ }).click();
}

export async function expectSignedIn(page: Page) {
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

/** The newest message the server sent to `email`: its code and manage link. */
export async function latestMessage(request: APIRequestContext, email: string) {
  const login = await request.post("/api/v1/session", { data: DEMO });
  expect(login.status()).toBe(200);
  const res = await request.get("/api/v1/outbox");
  expect(res.status()).toBe(200);
  const messages: { to: string; subject: string; body: string }[] = await res.json();
  const message = messages.find((m) => m.to === email);
  expect(message, `a message to ${email}`).toBeTruthy();
  const code = message!.body.match(/\b(\d{6})\b/)?.[1];
  const link = message!.body.match(/(https?:\/\/\S+\/manage\?token=\S+)/)?.[1];
  return { ...message!, code, link };
}

/** A unique address per test run, so parallel tests never read each other's mail. */
export function uniqueEmail(tag: string) {
  return `${tag}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.be`;
}

/**
 * The times the public widget offers a new visitor with `coach` on the day
 * named `dayLabel` ("Monday 30 November 2026"); none when that day is closed,
 * as it is once its last time is taken.
 */
export async function widgetTimes(page: Page, typeId: number, coach: string, dayLabel: string): Promise<string[]> {
  await page.goto(`/book/1?type=${typeId}`);
  await page.getByRole("button", { name: coach }).click();
  const month = dayLabel.split(" ").slice(-2).join(" ");
  const title = page.locator(".month-nav h3");
  // The widget may move on from a month with no times left; it has settled
  // once it shows a day's times or says the month has none.
  await expect(page.locator(".day-title").or(page.locator(".empty-note"))).toBeVisible();
  for (let i = 0; i < 3 && (await title.innerText()) !== month; i++) {
    await page.getByRole("button", { name: "Next month" }).click();
  }
  await expect(title).toHaveText(month);
  // The month's availability is in once a day of it is open or it says it has none.
  await expect(page.locator(".day-title", { hasText: month }).or(page.locator(".empty-note"))).toBeVisible();
  const day = page.getByRole("button", { name: dayLabel, exact: true });
  if (await day.isDisabled()) return [];
  await day.click();
  await expect(page.locator(".day-title")).toHaveText(dayLabel);
  return (await page.locator(".slot-list .slot-time").allInnerTexts()).map((t) => t.trim());
}

/**
 * Waits for the widget to show the step headed `heading`. When it shows an
 * error instead (a time taken meanwhile, a field the server refused), the
 * test fails with that error's text, not with a bare timeout.
 */
export async function expectStep(scope: Page | FrameLocator, heading: string) {
  const step = scope.getByRole("heading", { name: heading });
  const alerts = scope.getByRole("alert").filter({ hasText: /\S/ });
  await expect(step.or(alerts).first()).toBeVisible();
  expect(await alerts.allInnerTexts(), `the widget's errors instead of "${heading}"`).toEqual([]);
  await expect(step).toBeVisible();
}
