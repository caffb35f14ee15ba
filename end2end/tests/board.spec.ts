import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn, watchConsole } from "./helpers";

// Every test makes its own deals, tagged with a word no other test uses, and
// shows the board filtered on that word: other specs never touch deals, and
// this file runs its tests one after another (the unfiltered totals compare
// the page with the whole store).
test.describe.configure({ mode: "default" });

type Stage = { id: string; name: string; probability: number; is_won: boolean; is_lost: boolean };
type Reason = { id: string; name: string };
type Pipeline = { id: string; name: string; kind: string; stages: Stage[]; win_reasons: Reason[]; lost_reasons: Reason[] };
type Card = {
  id: string;
  stage_id: string;
  version: number;
  title: string;
  value_cents: number;
  currency: string;
  probability: number | null;
  close_reason: string | null;
  closed_at: string | null;
};
type Board = { pipeline: Pipeline; cards: Card[]; columns: { stage_id: string; count: number; money: { currency: string; value_cents: number; weighted_cents: number }[] }[] };

async function deals(request: APIRequestContext): Promise<Pipeline> {
  const res = await request.get("/api/v1/pipelines");
  expect(res.status()).toBe(200);
  const all: Pipeline[] = await res.json();
  return all.find((p) => p.kind === "deals")!;
}

function tag(name: string) {
  return `${name}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

async function createDeal(request: APIRequestContext, stage: Stage, title: string, value = 10_000, probability: number | null = null, owner = 1) {
  const res = await request.post("/api/v1/deals", {
    data: { title, stage_id: stage.id, value_cents: value, currency: "EUR", probability, owner_id: owner, prospect_id: 3 },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).card as Card;
}

async function storeCard(request: APIRequestContext, id: string): Promise<Card> {
  const res = await request.get(`/api/v1/deals/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()).card;
}

const column = (page: Page, stage: Stage) => page.locator(`section.board-column[data-stage-id="${stage.id}"]`);
const card = (page: Page, id: string) => page.locator(`[data-card-id="${id}"]`);

async function openBoard(page: Page, pipeline: Pipeline, q: string) {
  await page.goto(`/board?pipeline=${pipeline.id}&q=${encodeURIComponent(q)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Pipeline board" })).toBeVisible();
  await expect(page.locator(".board-column").first()).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("drag a card to another stage with the mouse; the move survives a reload", async ({ page }) => {
  const errors = watchConsole(page);
  const p = await deals(page.request);
  const [newLead, contacted] = p.stages;
  const t = tag("dragmouse");
  const a = await createDeal(page.request, newLead, `${t} A`);
  const b = await createDeal(page.request, contacted, `${t} B`);
  const c = await createDeal(page.request, contacted, `${t} C`);
  await openBoard(page, p, t);
  await expect(column(page, contacted).locator("[data-card-id]")).toHaveCount(2);

  const from = (await card(page, a.id).boundingBox())!;
  const body = (await column(page, contacted).locator(".column-body").boundingBox())!;
  // Escape while dragging puts the card back where it was; letting go
  // then moves nothing.
  await page.mouse.move(from.x + 40, from.y + from.height - 12);
  await page.mouse.down();
  await page.mouse.move(body.x + body.width / 2, body.y + 8 + 56, { steps: 12 });
  await expect(column(page, contacted).locator(`[data-card-id="${a.id}"]`)).toHaveClass(/lifted/);
  await page.keyboard.press("Escape");
  await expect(column(page, newLead).locator(`[data-card-id="${a.id}"]`)).not.toHaveClass(/lifted/);
  await expect(column(page, contacted).locator("[data-card-id]")).toHaveCount(2);
  await page.mouse.up();
  await page.waitForTimeout(300);
  expect((await storeCard(page.request, a.id)).version).toBe(a.version);
  await expect(column(page, newLead).locator(`[data-card-id="${a.id}"]`)).toHaveCount(1);

  await page.mouse.move(from.x + 40, from.y + from.height - 12);
  await page.mouse.down();
  // Between B and C: in the second card slot (112 px each, below 8 px of
  // padding). While the button is down the card is drawn there, lifted,
  // and B and C make room; nothing is saved yet.
  await page.mouse.move(body.x + body.width / 2, body.y + 8 + 112 + 56, { steps: 12 });
  const drawn = column(page, contacted).locator(`[data-card-id="${a.id}"]`);
  await expect(drawn).toHaveClass(/lifted/);
  await expect(column(page, newLead).locator("[data-card-id]")).toHaveCount(0);
  const top = async (id: string) => (await column(page, contacted).locator(`[data-card-id="${id}"]`).boundingBox())!.y;
  expect(await top(b.id)).toBeLessThan(await top(a.id));
  expect(await top(a.id)).toBeLessThan(await top(c.id));
  expect((await storeCard(page.request, a.id)).stage_id).toBe(newLead.id);
  await page.mouse.up();
  await expect(drawn).not.toHaveClass(/lifted/);

  const order = column(page, contacted).locator("[data-card-id]");
  await expect(order).toHaveCount(3);
  await expect(column(page, newLead).locator("[data-card-id]")).toHaveCount(0);
  // The drop must not open the drawer.
  await expect(page.locator(".drawer")).toHaveCount(0);
  await expect.poll(async () => (await storeCard(page.request, a.id)).stage_id).toBe(contacted.id);

  await page.reload();
  await expect(column(page, contacted).locator("[data-card-id]")).toHaveCount(3);
  const ids = await column(page, contacted).locator("[data-card-id]").evaluateAll((els) =>
    els.sort((x, y) => x.getBoundingClientRect().top - y.getBoundingClientRect().top).map((e) => e.getAttribute("data-card-id")),
  );
  expect(ids).toEqual([b.id, a.id, c.id]);
  expect(errors).toEqual([]);
});

test("move a card with the keyboard only", async ({ page }) => {
  const p = await deals(page.request);
  const [newLead, contacted, tour] = p.stages;
  const t = tag("keys");
  const a = await createDeal(page.request, newLead, `${t} A`);
  const b = await createDeal(page.request, tour, `${t} B`);
  await openBoard(page, p, t);

  await card(page, a.id).focus();
  await page.keyboard.press("Space");
  await expect(page.getByRole("status").filter({ hasText: "picked up" })).toHaveCount(1);
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("status").filter({ hasText: `${contacted.name}, position 1 of 1` })).toHaveCount(1);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("status").filter({ hasText: `${tour.name}, position 2 of 2` })).toHaveCount(1);
  await page.keyboard.press("Enter");

  await expect(column(page, tour).locator("[data-card-id]")).toHaveCount(2);
  await expect(card(page, a.id)).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: `moved to ${tour.name}` })).toHaveCount(1);
  await expect.poll(async () => (await storeCard(page.request, a.id)).stage_id).toBe(tour.id);

  // Escape puts a lifted card back.
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("status").filter({ hasText: "move cancelled" })).toHaveCount(1);

  await page.reload();
  // The cards arrive after the page: wait for them before reading order.
  await expect(column(page, tour).locator("[data-card-id]")).toHaveCount(2);
  const tops = await column(page, tour).locator("[data-card-id]").evaluateAll((els) =>
    els.sort((x, y) => x.getBoundingClientRect().top - y.getBoundingClientRect().top).map((e) => e.getAttribute("data-card-id")),
  );
  expect(tops).toEqual([b.id, a.id]);
});

test("move a card with its Move to… menu", async ({ page }) => {
  const p = await deals(page.request);
  const [newLead, , , trial] = p.stages;
  const t = tag("menu");
  const a = await createDeal(page.request, newLead, `${t} A`);
  await openBoard(page, p, t);
  await card(page, a.id).getByRole("button", { name: "Move to…" }).click();
  const dialog = page.getByRole("dialog", { name: "Move to…" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: newLead.name })).toBeDisabled();
  await dialog.getByRole("button", { name: trial.name }).click();
  await expect(dialog).toHaveCount(0);
  await expect(column(page, trial).locator(`[data-card-id="${a.id}"]`)).toHaveCount(1);
  await expect(card(page, a.id)).toBeFocused();
  await page.reload();
  await expect(column(page, trial).locator(`[data-card-id="${a.id}"]`)).toHaveCount(1);
});

test("a move into Lost asks for a reason and records the close", async ({ page }) => {
  const p = await deals(page.request);
  const lost = p.stages.find((s) => s.is_lost)!;
  const t = tag("lost");
  const a = await createDeal(page.request, p.stages[1], `${t} A`);
  await openBoard(page, p, t);

  await card(page, a.id).getByRole("button", { name: "Move to…" }).click();
  await page.getByRole("dialog", { name: "Move to…" }).getByRole("button", { name: lost.name }).click();
  const ask = page.getByRole("dialog", { name: "Why was this deal lost?" });
  await expect(ask).toBeVisible();
  // While it asks, the card is drawn in Lost, still lifted; nothing is saved.
  await expect(column(page, lost).locator(`[data-card-id="${a.id}"]`)).toHaveClass(/lifted/);
  expect((await storeCard(page.request, a.id)).stage_id).toBe(p.stages[1].id);
  // Not without a reason.
  await ask.getByRole("button", { name: "Move" }).click();
  await expect(ask.getByRole("alert")).toHaveText("Choose a reason.");
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(ask).toHaveCount(0);
  await expect(column(page, p.stages[1]).locator(`[data-card-id="${a.id}"]`)).toHaveCount(1);
  expect((await storeCard(page.request, a.id)).stage_id).toBe(p.stages[1].id);

  await card(page, a.id).getByRole("button", { name: "Move to…" }).click();
  await page.getByRole("dialog", { name: "Move to…" }).getByRole("button", { name: lost.name }).click();
  const reason = p.lost_reasons[1];
  await ask.getByLabel(reason.name).check();
  await ask.getByRole("button", { name: "Move" }).click();
  await expect(column(page, lost).locator(`[data-card-id="${a.id}"]`)).toHaveCount(1);
  await expect(column(page, lost).locator(`[data-card-id="${a.id}"]`)).not.toHaveClass(/lifted/);
  await expect.poll(async () => (await storeCard(page.request, a.id)).close_reason).toBe(reason.name);
  expect((await storeCard(page.request, a.id)).closed_at).toBeTruthy();
});

test("a move the server refuses (stale version) goes back with the server's message", async ({ page }) => {
  const p = await deals(page.request);
  const [newLead, contacted] = p.stages;
  const t = tag("stale");
  const a = await createDeal(page.request, newLead, `${t} A`);
  await openBoard(page, p, t);
  await expect(card(page, a.id)).toBeVisible();

  // Someone else edits the deal after this page loaded it.
  const res = await page.request.put(`/api/v1/deals/${a.id}`, {
    data: { title: a.title, stage_id: newLead.id, value_cents: 20_000, currency: "EUR", owner_id: 2, prospect_id: 3, version: a.version },
  });
  expect(res.status()).toBe(200);

  await card(page, a.id).getByRole("button", { name: "Move to…" }).click();
  await page.getByRole("dialog", { name: "Move to…" }).getByRole("button", { name: contacted.name }).click();
  await expect(page.locator(".toast-error")).toContainText("Someone else changed");
  await expect(page.locator(".toast-error")).toContainText(a.title);
  await expect(column(page, newLead).locator(`[data-card-id="${a.id}"]`)).toHaveCount(1);
  await expect(column(page, contacted).locator(`[data-card-id="${a.id}"]`)).toHaveCount(0);
  // The card now shows the other person's value.
  await expect(card(page, a.id)).toHaveAttribute("data-value-cents", "20000");
  expect((await storeCard(page.request, a.id)).stage_id).toBe(newLead.id);
});

test("a card moved again before the server answered its first move is not a conflict", async ({ page }) => {
  const p = await deals(page.request);
  const [newLead, contacted, , trial] = p.stages;
  const t = tag("twice");
  const a = await createDeal(page.request, newLead, `${t} A`);
  await openBoard(page, p, t);
  await expect(card(page, a.id)).toBeVisible();
  // The first move's answer is held back until the second move is made.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  let moves = 0;
  await page.route("**/cards/*/move", async (route) => {
    moves += 1;
    if (moves === 1) await held;
    await route.continue();
  });
  await card(page, a.id).getByRole("button", { name: "Move to…" }).click();
  await page.getByRole("dialog", { name: "Move to…" }).getByRole("button", { name: contacted.name }).click();
  await expect(column(page, contacted).locator(`[data-card-id="${a.id}"]`)).toHaveCount(1);
  await card(page, a.id).getByRole("button", { name: "Move to…" }).click();
  await page.getByRole("dialog", { name: "Move to…" }).getByRole("button", { name: trial.name }).click();
  await expect(column(page, trial).locator(`[data-card-id="${a.id}"]`)).toHaveCount(1);
  // The second waits for the first's answer, then goes with the version it gave.
  await page.waitForTimeout(300);
  expect(moves).toBe(1);
  release();
  await expect.poll(async () => (await storeCard(page.request, a.id)).stage_id).toBe(trial.id);
  expect(moves).toBe(2);
  await expect(page.locator(".toast-error")).toHaveCount(0);
  await expect(column(page, trial).locator(`[data-card-id="${a.id}"]`)).toHaveCount(1);
  expect((await storeCard(page.request, a.id)).version).toBe(a.version + 2);
});

/** Σ value and round(Σ value × probability / 100) per stage, from store cards. */
function expected(pipeline: Pipeline, cards: Card[]) {
  const out = new Map<string, { count: number; value: number; weighted: number }>();
  for (const s of pipeline.stages) {
    const mine = cards.filter((c) => c.stage_id === s.id);
    const exact = mine.reduce((sum, c) => {
      const p = s.is_won ? 100 : s.is_lost ? 0 : (c.probability ?? s.probability);
      return sum + c.value_cents * p;
    }, 0);
    out.set(s.id, { count: mine.length, value: mine.reduce((x, c) => x + c.value_cents, 0), weighted: Math.round(exact / 100) });
  }
  return out;
}

async function pageTotals(page: Page, pipeline: Pipeline) {
  const out = new Map<string, { count: number; value: number; weighted: number }>();
  for (const s of pipeline.stages) {
    const col = column(page, s);
    const count = Number(await col.locator("[data-count]").getAttribute("data-count"));
    const totals = (await col.locator(".column-totals").getAttribute("data-totals")) ?? "";
    const eur = totals.split(";").find((t) => t.startsWith("EUR:"));
    const [, value, weighted] = eur ? eur.split(":").map(Number) : [0, 0, 0];
    out.set(s.id, { count, value, weighted });
  }
  return out;
}

test("column totals and weighted totals are the sum of the cards in the store, filtered or not", async ({ page }) => {
  const p = await deals(page.request);
  const t = tag("totals");
  // Values chosen so that rounding matters: 3 × 0.5 cent is 1.5 → 2.
  await createDeal(page.request, p.stages[0], `${t} 1`, 1, 50, 2);
  await createDeal(page.request, p.stages[0], `${t} 2`, 1, 50, 2);
  await createDeal(page.request, p.stages[0], `${t} 3`, 1, 50, 2);
  await createDeal(page.request, p.stages[2], `${t} 4`, 59_900, null, 2);
  await createDeal(page.request, p.stages[2], `${t} 5`, 12_345, 33, 3);

  for (const query of [`q=${t}`, `q=${t}&owner=2`, "", "mine=true"]) {
    await page.goto(`/board?pipeline=${p.id}&${query}`);
    await expect(page.locator(".board-column").first()).toBeVisible();
    const res = await page.request.get(`/api/v1/pipelines/${p.id}/board?${query}`);
    const store: Board = await res.json();
    const want = expected(p, store.cards);
    await expect.poll(async () => JSON.stringify([...(await pageTotals(page, p))]), { message: query }).toBe(JSON.stringify([...want]));
  }

  // With the filter on, the numbers are exactly these cards'.
  await page.goto(`/board?pipeline=${p.id}&q=${t}`);
  await expect(column(page, p.stages[0]).locator("[data-count]")).toHaveAttribute("data-count", "3");
  await expect(column(page, p.stages[0]).locator(".column-totals")).toHaveAttribute("data-totals", "EUR:3:2");
  // 599.00 × 40 % (stage default) + 123.45 × 33 % = 239.60 + 40.7385 → 280.34 (rounded once)
  await expect(column(page, p.stages[2]).locator(".column-totals")).toHaveAttribute("data-totals", "EUR:72245:28034");
  await expect(column(page, p.stages[2]).locator(".column-value")).toHaveText("€722.45");

  // After a move the browser recomputes at once.
  const ids = await column(page, p.stages[2]).locator("[data-card-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-card-id")!));
  await card(page, ids[0]).getByRole("button", { name: "Move to…" }).click();
  await page.getByRole("dialog", { name: "Move to…" }).getByRole("button", { name: p.stages[0].name }).click();
  await expect(column(page, p.stages[0]).locator("[data-count]")).toHaveAttribute("data-count", "4");
  await page.goto(`/board?pipeline=${p.id}&q=${t}`);
  const store: Board = await (await page.request.get(`/api/v1/pipelines/${p.id}/board?q=${t}`)).json();
  await expect.poll(async () => JSON.stringify([...(await pageTotals(page, p))])).toBe(JSON.stringify([...expected(p, store.cards)]));
});

test("filters live in the URL, and won and lost columns fold", async ({ page }) => {
  const p = await deals(page.request);
  const won = p.stages.find((s) => s.is_won)!;
  await page.goto(`/board?pipeline=${p.id}`);
  await page.getByLabel("Only mine").check();
  await expect(page).toHaveURL(/mine=true/);
  await page.getByLabel("Search").fill("Yearly");
  await expect(page).toHaveURL(/q=Yearly/);
  await column(page, won).getByRole("button", { name: "Fold" }).click();
  await expect(column(page, won)).toHaveClass(/folded/);
  await expect(page).toHaveURL(new RegExp(`fold=${won.id}`));
  await page.reload();
  await expect(page.getByLabel("Only mine")).toBeChecked();
  await expect(page.getByLabel("Search")).toHaveValue("Yearly");
  await expect(column(page, won)).toHaveClass(/folded/);
  await column(page, won).getByRole("button", { name: "Unfold" }).click();
  await expect(column(page, won).locator(".column-body")).toBeVisible();
});

test("the deal drawer edits with validation and shows the history; a deal is created from a prospect", async ({ page }) => {
  const p = await deals(page.request);
  const t = tag("drawer");
  const a = await createDeal(page.request, p.stages[0], `${t} A`);
  await openBoard(page, p, t);
  await card(page, a.id).getByRole("button", { name: `${t} A` }).click();
  const drawer = page.getByRole("dialog", { name: `${t} A` });
  await expect(drawer).toBeVisible();
  await expect(drawer.locator(".history-list li").first()).toContainText("Demo Manager");
  await drawer.getByLabel("Currency").fill("E1");
  await drawer.getByLabel("Probability (%)").fill("150");
  await drawer.getByRole("button", { name: "Save" }).click();
  await expect(drawer.getByLabel("Currency")).toHaveAttribute("aria-invalid", "true");
  await expect(drawer.getByLabel("Probability (%)")).toHaveAttribute("aria-invalid", "true");
  await drawer.getByLabel("Currency").fill("EUR");
  await drawer.getByLabel("Probability (%)").fill("75");
  await drawer.getByLabel("Value").fill("1.234,50");
  await drawer.getByRole("button", { name: "Save" }).click();
  await expect(card(page, a.id)).toHaveAttribute("data-value-cents", "123450");
  await expect(card(page, a.id)).toHaveAttribute("data-probability", "75");
  await expect(drawer.locator(".history-list li").first()).toContainText("edited");
  await drawer.getByRole("button", { name: "Close" }).click();
  await expect(drawer).toHaveCount(0);

  await page.getByRole("button", { name: "New deal" }).click();
  const create = page.getByRole("dialog", { name: "New deal" });
  await create.getByLabel("Prospect").fill("S<s");
  await create.getByRole("button", { name: /S<s QSqs/ }).click();
  await expect(create.getByLabel("Title")).toHaveValue("S<s QSqs");
  await create.getByLabel("Title").fill(`${t} <b>new</b>`);
  await create.getByRole("button", { name: "Create deal" }).click();
  const created = page.getByRole("dialog", { name: `${t} <b>new</b>` });
  await expect(created).toBeVisible();
  await expect(created.locator(".facts")).toContainText("S<s QSqs");
  await expect(page.locator(".board-card b")).toHaveCount(0);
});

test.describe("with a finger", () => {
  test.use({ hasTouch: true });

  test("a card lifts only after a hold, so a quick swipe still scrolls", async ({ page }) => {
    const p = await deals(page.request);
    const [newLead, contacted] = p.stages;
    const t = tag("touch");
    const a = await createDeal(page.request, newLead, `${t} A`);
    await createDeal(page.request, newLead, `${t} A2`);
    await createDeal(page.request, contacted, `${t} B`);
    await openBoard(page, p, t);
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: "touchStart" | "touchMove" | "touchEnd", x = 0, y = 0) =>
      cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y }] });
    const from = (await card(page, a.id).boundingBox())!;
    const to = (await column(page, contacted).locator(".column-body").boundingBox())!;
    const [sx, sy] = [from.x + 40, from.y + from.height - 12];
    const [tx, ty] = [to.x + to.width / 2, to.y + 8 + 56];
    const slide = async () => {
      for (let i = 1; i <= 10; i++) await touch("touchMove", sx + ((tx - sx) * i) / 10, sy + ((ty - sy) * i) / 10);
    };

    // A swipe down the column, past the card below: no hold, no lift,
    // nothing moves. (Sideways from the left edge would be the browser's
    // "back" gesture.)
    await touch("touchStart", sx, sy);
    for (let i = 1; i <= 10; i++) await touch("touchMove", sx, sy + 18 * i);
    await touch("touchEnd");
    await page.waitForTimeout(300);
    await expect(column(page, newLead).locator(`[data-card-id="${a.id}"]`)).toHaveCount(1);
    expect((await storeCard(page.request, a.id)).version).toBe(a.version);

    // Hold, then slide: the card goes along.
    await touch("touchStart", sx, sy);
    await page.waitForTimeout(600);
    await slide();
    await expect(column(page, contacted).locator(`[data-card-id="${a.id}"]`)).toHaveClass(/lifted/);
    await touch("touchEnd");
    await expect(column(page, contacted).locator(`[data-card-id="${a.id}"]`)).toHaveCount(1);
    await expect.poll(async () => (await storeCard(page.request, a.id)).stage_id).toBe(contacted.id);
  });
});
