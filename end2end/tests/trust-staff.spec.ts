import { expect, test, type Page } from "@playwright/test";
import { expectSignedIn, signIn, watchConsole } from "./helpers";

// Issue #17 "Trust", point 5: staff work is never lost without a word.
// Each prospect test makes its own prospects; the board test moves a card
// of the customer lifecycle board, which no other spec touches (board.spec
// compares the deals board's totals with the whole store).

test.beforeEach(async ({ page }) => {
  await signIn(page);
  await expectSignedIn(page);
});

async function newProspect(page: Page, first: string, last: string, note = "") {
  const res = await page.request.post("/api/v1/prospects", { data: { first_name: first, last_name: last, status: "new", note } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: number; first_name: string; last_name: string; note: string };
}

async function openDrawer(page: Page, p: { id: number; first_name: string; last_name: string }) {
  await page.goto(`/prospects/${p.id}`);
  const drawer = page.locator(".drawer");
  await expect(drawer.getByRole("heading", { level: 2, name: `${p.first_name} ${p.last_name}` })).toBeVisible();
  // Loaded: the form holds the prospect.
  await expect(drawer.getByLabel("Last name")).toHaveValue(p.last_name);
  return drawer;
}

/**
 * The drawer's buttons on screen that a toast lies over (their text or
 * label). Every button counts: Save and Delete, the delete question's.
 */
function buttonsUnderToasts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const onScreen = (r: DOMRect) => r.width > 0 && r.bottom > 0 && r.top < window.innerHeight;
    const toasts = [...document.querySelectorAll(".toast")].map((t) => t.getBoundingClientRect()).filter(onScreen);
    return [...document.querySelectorAll(".drawer button")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return onScreen(r) && toasts.some((t) => r.left < t.right && t.left < r.right && r.top < t.bottom && t.top < r.bottom);
      })
      .map((el) => el.getAttribute("aria-label") ?? el.textContent!.trim());
  });
}

test("closing a drawer with unsaved changes asks first; without changes it closes at once", async ({ page }) => {
  const errors = watchConsole(page);
  const p = await newProspect(page, "Dana", `Discard${Date.now()}`, "first note");
  const question = page.getByText("Discard your changes to this prospect?");

  // Nothing changed: × closes at once.
  let drawer = await openDrawer(page, p);
  await drawer.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page.locator(".drawer")).toHaveCount(0);
  await expect(question).toHaveCount(0);

  drawer = await openDrawer(page, p);
  const note = drawer.getByLabel("Note", { exact: true });
  await note.fill("typed, not saved");

  // ×: it asks, with the focus on the safe answer.
  await drawer.getByRole("button", { name: "Close", exact: true }).click();
  await expect(question).toBeVisible();
  await expect(page.getByRole("button", { name: "Keep editing" })).toBeFocused();
  await expect(page.getByRole("button", { name: "Discard changes" })).toBeVisible();
  // Escape while it asks: keep editing.
  await page.keyboard.press("Escape");
  await expect(question).toHaveCount(0);
  await expect(drawer).toBeVisible();
  await expect(note).toHaveValue("typed, not saved");
  // The focus stays in the drawer.
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest(".drawer") != null)).toBe(true);

  // Escape with changes asks too; "Keep editing" keeps them.
  await note.focus();
  await page.keyboard.press("Escape");
  await expect(question).toBeVisible();
  await page.getByRole("button", { name: "Keep editing" }).click();
  await expect(question).toHaveCount(0);
  await expect(note).toHaveValue("typed, not saved");

  // "Discard changes" closes and throws the typing away.
  await drawer.getByRole("button", { name: "Close", exact: true }).click();
  await page.getByRole("button", { name: "Discard changes" }).click();
  await expect(page.locator(".drawer")).toHaveCount(0);
  await expect(page).toHaveURL(/\/prospects(\?|$)/);
  const stored = await (await page.request.get(`/api/v1/prospects/${p.id}`)).json();
  expect(stored.note).toBe("first note");
  expect(errors).toEqual([]);
});

for (const [size, viewport] of [
  ["a desktop", { width: 1280, height: 720 }],
  ["a 360 px phone", { width: 360, height: 740 }],
] as const) {
  test(`on ${size}, Save keeps the focus and its toast covers none of the drawer's buttons`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const p = await newProspect(page, "Sam", `Saver${Date.now()}`);
    const drawer = await openDrawer(page, p);
    await drawer.getByLabel("Note", { exact: true }).fill(`saved at ${size}`);
    const save = drawer.getByRole("button", { name: "Save", exact: true });
    const del = drawer.getByRole("button", { name: "Delete", exact: true });
    // The buttons at the bottom of the screen, where a toast would land.
    await save.evaluate((el) => el.scrollIntoView({ block: "end" }));
    await save.click();
    const toast = page.locator(".toast", { hasText: "Saved." });
    await expect(toast).toBeVisible();

    // The focus stays on Save, not on <body>.
    await expect(save).toBeFocused();
    expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);

    // The toast lies over none of the drawer's buttons, with Save and
    // Delete at the bottom of the screen...
    expect(await buttonsUnderToasts(page)).toEqual([]);
    // ...nor over the delete question's, which reach further (asked right
    // after a save, while its toast is up: saved again here, so one is).
    await del.click();
    await drawer.getByRole("button", { name: "Yes, delete" }).evaluate((el) => el.scrollIntoView({ block: "end" }));
    const savedAgain = page.waitForResponse((r) => r.url().endsWith(`/api/v1/prospects/${p.id}`) && r.request().method() === "PUT");
    await save.click();
    expect((await savedAgain).status()).toBe(200);
    // Done saving: its toast is up.
    await expect(save).toHaveAttribute("aria-disabled", "false");
    await expect(toast.last()).toBeVisible();
    expect(await buttonsUnderToasts(page)).toEqual([]);
    await drawer.getByRole("button", { name: "Cancel", exact: true }).click();
    expect((await (await page.request.get(`/api/v1/prospects/${p.id}`)).json()).note).toBe(`saved at ${size}`);
    // Saved: nothing to ask about, × closes at once.
    await drawer.getByRole("button", { name: "Close", exact: true }).click();
    await expect(page.locator(".drawer")).toHaveCount(0);
  });
}

test("after Delete the focus goes to the row that took the deleted one's place", async ({ page }) => {
  const last = `Focus${Date.now()}`;
  const older = await newProspect(page, "Alma", last);
  const newer = await newProspect(page, "Bert", last);
  await page.goto(`/prospects?q=${last}`);
  const rows = page.locator(".ptable-space [role=row]:visible");
  await expect(rows).toHaveCount(2);
  // The newest first: Bert, then Alma.
  await expect(rows.nth(0)).toContainText(`Bert ${last}`);
  await rows.nth(0).getByRole("link", { name: `Bert ${last}` }).click();
  await expect(page).toHaveURL(new RegExp(`/prospects/${newer.id}\\?`));
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.locator(".drawer")).toHaveCount(0);
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole("link", { name: `Alma ${last}` })).toBeFocused();
  expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
  expect((await page.request.get(`/api/v1/prospects/${older.id}`)).status()).toBe(200);
  expect((await page.request.get(`/api/v1/prospects/${newer.id}`)).status()).toBe(404);
});

type Stage = { id: string; name: string };
type Pipeline = { id: string; kind: string; stages: Stage[] };
type Card = { id: string; stage_id: string; title: string };

test("a card moved just before a reload is stored: the move goes out with keepalive", async ({ page }) => {
  const pipelines: Pipeline[] = await (await page.request.get("/api/v1/pipelines")).json();
  const p = pipelines.find((x) => x.kind === "lifecycle")!;
  const [from, to] = p.stages;
  const board = await (await page.request.get(`/api/v1/pipelines/${p.id}/board`)).json();
  const moved: Card = board.cards.find((c: Card) => c.stage_id === from.id);
  expect(moved, `a card in ${from.name}`).toBeTruthy();
  const storedStage = async () => {
    const res = await page.request.get(`/api/v1/pipelines/${p.id}/board?q=${encodeURIComponent(moved.title)}`);
    return ((await res.json()).cards as Card[]).find((c) => c.id === moved.id)?.stage_id;
  };
  const column = (stage: Stage) => page.locator(`section.board-column[data-stage-id="${stage.id}"]`);
  const card = () => page.locator(`[data-card-id="${moved.id}"]`);

  await page.goto(`/board?pipeline=${p.id}&q=${encodeURIComponent(moved.title)}`);
  await expect(column(from).locator(`[data-card-id="${moved.id}"]`)).toHaveCount(1);

  // The move leaves the page and is held on its way, so the reload comes
  // while it is in flight, as when someone reloads right after a move on a
  // slow line. A request tied to the page would die with it.
  let sent = false;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/api/v1/pipelines/${p.id}/cards/${moved.id}/move`, async (route) => {
    sent = true;
    await held;
    // A request the page took with it can no longer be continued.
    await route.continue().catch(() => {});
  });
  await card().getByRole("button", { name: "Move to…" }).click();
  await page.getByRole("dialog", { name: "Move to…" }).getByRole("button", { name: to.name }).click();
  await expect(column(to).locator(`[data-card-id="${moved.id}"]`)).toHaveCount(1);
  await expect.poll(() => sent).toBe(true);
  expect(await storedStage()).toBe(from.id);

  await page.reload();
  release();
  await expect.poll(storedStage, { message: "the move reached the server" }).toBe(to.id);
  await page.unrouteAll({ behavior: "wait" });
  await page.reload();
  await expect(column(to).locator(`[data-card-id="${moved.id}"]`)).toHaveCount(1);
  await expect(column(from).locator(`[data-card-id="${moved.id}"]`)).toHaveCount(0);
});
