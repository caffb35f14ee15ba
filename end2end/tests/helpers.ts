import { expect, type Page } from "@playwright/test";

export const DEMO = { email: "demo@frontdesk.test", password: "frontdesk-demo" };

/**
 * Collects console errors, CSP violations included. A 401 answer is logged by
 * the browser itself whenever the app asks "am I signed in?" while signed
 * out; that is the API working as specified, not an error of the page.
 */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    const text = msg.text();
    if (msg.type() === "error" && !/status of 401/.test(text)) errors.push(text);
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
