import { expect, test, type Page } from "@playwright/test";
import { expectSignedIn, expectStep, latestMessage, signIn, uniqueEmail } from "./helpers";

// Issue #21 item 5: on a 360 px phone no page scrolls sideways. Every staff
// page and every step of the widget is measured in the state a person sees
// it (a drawer open, a menu open), by the document's own scroll width: a
// wide board or calendar must scroll inside its own box, never the page.
// Each check is soft, so one run names every page that overflows.

const WIDTH = 360;
test.use({ viewport: { width: WIDTH, height: 740 } });

/** The document's scroll width once the page has laid itself out. */
async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((done) =>
        // Two frames: what the app draws "after the next paint" is in.
        requestAnimationFrame(() => requestAnimationFrame(() => done(document.scrollingElement!.scrollWidth))),
      ),
  );
}

async function expectNoSideways(page: Page, where: string) {
  expect.soft(await pageWidth(page), `${where} scrolls sideways`).toBeLessThanOrEqual(WIDTH);
}

test("no staff page scrolls sideways at 360 px", async ({ page }) => {
  await signIn(page);
  await expectSignedIn(page);

  // The list, its filters unfolded, a prospect's drawer.
  await page.goto("/");
  await expect(page.getByRole("table", { name: "Prospects" })).toBeVisible();
  const first = page.locator(".ptable-space [role=row]:visible").first();
  await expect(first).toBeVisible();
  await expectNoSideways(page, "the prospect list");
  await page.getByRole("button", { name: /^Filters/ }).click();
  await expect(page.getByLabel("Status", { exact: true })).toBeVisible();
  await expectNoSideways(page, "the prospect list with its filters open");
  await first.locator(".c-name").getByRole("link").click();
  await expect(page.locator(".drawer")).toBeVisible();
  await expect(page.locator(".prospect-form")).toBeVisible();
  await expectNoSideways(page, "a prospect's drawer");

  // The board, a deal's drawer, a card's "Move to…" menu.
  await page.goto("/board");
  await expect(page.getByRole("heading", { level: 1, name: "Pipeline board" })).toBeVisible();
  const card = page.locator(".board-card").first();
  await expect(card).toBeVisible();
  await expectNoSideways(page, "the board");
  await page.getByRole("button", { name: /^Filters/ }).click();
  await expect(page.getByLabel("Only mine")).toBeVisible();
  await expectNoSideways(page, "the board with its filters open");
  await card.locator(".card-title").click();
  const drawer = page.getByRole("dialog").first();
  await expect(drawer).toBeVisible();
  await expectNoSideways(page, "a deal's drawer");
  await drawer.getByRole("button", { name: "Close" }).click();
  await expect(drawer).toHaveCount(0);
  await card.getByRole("button", { name: "Move to…" }).click();
  await expect(page.getByRole("dialog", { name: "Move to…" })).toBeVisible();
  await expectNoSideways(page, "the Move to… menu");
  await page.keyboard.press("Escape");

  // The calendar: a day, a week, the list.
  for (const view of ["day", "week", "list"]) {
    await page.goto(`/calendar?view=${view}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // The grid, or the day's list (which may say it has none).
    await expect(page.locator(".cal-frame, .agenda-groups, .cal-page > .empty-note").first()).toBeVisible();
    await expectNoSideways(page, `the calendar's ${view}`);
  }

  await page.goto("/booking");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSideways(page, "the booking page");

  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  await expectNoSideways(page, "settings");
  // An invitation's link, shown once, and the page it opens.
  const add = page.locator("#staff-add");
  await add.getByLabel("Email").fill(uniqueEmail("phone-invite"));
  await add.getByRole("button", { name: "Send the invitation" }).click();
  const link = add.getByLabel("Invitation link", { exact: true });
  await expect(link).toBeVisible();
  await expectNoSideways(page, "settings with an invitation's link");
  await page.goto(new URL(await link.inputValue()).pathname);
  await expect(page.getByLabel("Choose a password")).toBeVisible();
  await expectNoSideways(page, "the invitation page");
});

test("no step of the widget scrolls sideways at 360 px", async ({ page, request }) => {
  const email = uniqueEmail("phone");
  await page.goto("/book/1");
  await expectStep(page, "What would you like to book?");
  await expectNoSideways(page, "the widget's first step");
  await page.getByRole("button").filter({ hasText: "Trial lesson" }).first().click();
  await expectStep(page, "With whom?");
  await expectNoSideways(page, "the widget's coach step");
  await page.getByRole("button", { name: "Any available" }).click();
  await expectStep(page, "Choose a day and time");
  const slots = page.locator(".slot-list button");
  await expect(slots.first()).toBeVisible();
  await expectNoSideways(page, "the widget's day and time");
  await slots.last().click();
  await expectStep(page, "Your details");
  await expectNoSideways(page, "the widget's form");
  await page.getByLabel("Name").fill("Phone Booker");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Book this appointment" }).click();
  await expectStep(page, "Enter your code");
  await expectNoSideways(page, "the widget's code step");
  const message = await latestMessage(request, email);
  await page.getByLabel("Code").fill(message.code!);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expectStep(page, "You're booked");
  await expectNoSideways(page, "the widget's confirmation");
  await page.goto(message.link!.replace(/^https?:\/\/[^/]+/, ""));
  await expectStep(page, "Your appointment");
  await expectNoSideways(page, "the widget's manage page");
});

test("on a phone the header is one slim bar and the navigation a bar along the bottom", async ({ page }) => {
  await signIn(page);
  await expectSignedIn(page);
  await page.goto("/board");
  const banner = await page.getByRole("banner").boundingBox();
  expect(banner!.height, "the top bar's height").toBeLessThanOrEqual(64);
  const nav = page.getByRole("navigation", { name: "Main" });
  const bar = await nav.boundingBox();
  expect(bar!.y + bar!.height, "the navigation ends at the screen's bottom").toBeCloseTo(740, 0);
  // Each link is named by its words; its drawing is hidden from screen readers.
  for (const name of ["Prospects", "Board", "Calendar", "Booking", "Settings"]) {
    const link = nav.getByRole("link", { name, exact: true });
    await expect(link).toBeVisible();
    await expect(link.locator("svg")).toHaveAttribute("aria-hidden", "true");
  }
  await expect(nav.getByRole("link", { name: "Board" })).toHaveAttribute("aria-current", "page");
  const signOut = page.getByRole("button", { name: "Sign out" });
  await expect(signOut).toBeVisible();
  expect((await signOut.boundingBox())!.width).toBeGreaterThanOrEqual(44);
});

test("on a phone the list's filters fold away, say how many are set, and the list sorts", async ({ page }) => {
  await signIn(page);
  await expectSignedIn(page);
  await page.goto("/prospects");
  await expect(page.locator(".ptable-space [role=row]:visible").first()).toBeVisible();
  const toggle = page.getByRole("button", { name: /^Filters/ });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByLabel("Status", { exact: true })).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await page.getByLabel("Status", { exact: true }).selectOption("new");
  await expect(toggle).toHaveText(/Filters \(1\)/);

  // The cards have no column headers: the sort is a choice and a direction.
  await page.getByLabel("Sort by").selectOption("name");
  await expect(page).toHaveURL(/sort=name/);
  // The cards come in the order the paged API gives for the same view.
  const firstNames = async (sort: string) => {
    const res = await page.request.get(`/api/v1/prospects?limit=3&status=new&sort=${sort}`);
    const items: { first_name: string; last_name: string }[] = (await res.json()).items;
    return items.map((p) => `${p.first_name} ${p.last_name}`.trim());
  };
  const shown = async () =>
    (await page.locator(".ptable-space [role=row]:visible .c-name").allInnerTexts()).slice(0, 3).map((t) => t.trim());
  await expect.poll(shown).toEqual(await firstNames("name"));
  await page.getByRole("button", { name: "Ascending" }).click();
  await expect(page).toHaveURL(/sort=-name/);
  await expect(page.getByRole("button", { name: "Descending" })).toBeVisible();
  await expect.poll(shown).toEqual(await firstNames("-name"));
});
