// The pipeline board with 1,000 deals on one board, in headless Chromium
// against the real release server:
//  - first paint (see paint.mjs: cold, app cached, and in-app navigation),
//    to the frame after the first card is in the DOM;
//  - drop to settled (see frame.mjs): from the pointerup of a mouse drag
//    to the frame that shows the card in its new column, let go of (no
//    longer lifted), with its column's figures (the server's answer comes
//    after): the app's work on the main thread, the latency to that
//    frame's end, and the same work and latency for a key typed into an
//    idle page;
//  - the drag step: while dragging, the card is drawn where it would
//    land, so the work of moving it comes before the drop: from the
//    pointermove that brings it into the other column to the frame that
//    shows it there.
// Usage: node bench/board.mjs BASE_URL RUNS DROPS
import { chromium, request } from "@playwright/test";
import { firstPaints, paintFields, quantile } from "./paint.mjs";
import { idleBaseline, installFrameTimer } from "./frame.mjs";

const base = process.argv[2] ?? "http://127.0.0.1:8391";
const runs = Number(process.argv[3] ?? 10);
const drops = Number(process.argv[4] ?? 40);
const TARGET = 1000;

const api = await request.newContext({ baseURL: base });
const login = await api.post("/api/v1/session", { data: { email: "demo@frontdesk.test", password: "frontdesk-demo" } });
if (login.status() !== 200) throw new Error(`login: ${login.status()}`);
// The board opens on the first pipeline, which the in-app navigation relies on.
const pipeline = (await (await api.get("/api/v1/pipelines")).json())[0];
if (pipeline.kind !== "deals") throw new Error("the first pipeline is not a deal pipeline");
const open = pipeline.stages.filter((s) => !s.is_won && !s.is_lost);
let board = await (await api.get(`/api/v1/pipelines/${pipeline.id}/board`)).json();
const plans = [["Yearly membership", 59900], ["Monthly membership", 4990], ["10-visit card", 12000], ["Corporate plan", 240000]];
const missing = TARGET - board.cards.length;
for (let start = 0; start < missing; start += 20) {
  await Promise.all(
    Array.from({ length: Math.min(20, missing - start) }, (_, k) => {
      const i = start + k;
      const [plan, value] = plans[i % plans.length];
      return api.post("/api/v1/deals", {
        data: { title: `${plan} – bench ${i}`, stage_id: open[i % open.length].id, value_cents: value, currency: "EUR", owner_id: 1 + (i % 4), prospect_id: 1 + (i % 300), expected_close: "2026-12-31" },
      }).then((r) => { if (r.status() !== 201) throw new Error(`create: ${r.status()}`); });
    }),
  );
}
board = await (await api.get(`/api/v1/pipelines/${pipeline.id}/board`)).json();
const storageState = await api.storageState();
await api.dispose();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"],
});
const url = `${base}/board`;
const paints = await firstPaints(browser, {
  base, path: "/board", navLink: "/board", selector: ".board-card", storageState, viewport: { width: 1600, height: 900 }, runs,
});

const context = await browser.newContext({ storageState, viewport: { width: 1600, height: 900 } });
const page = await context.newPage();
await page.goto(url);
await page.waitForSelector(".board-card");
await page.evaluate(installFrameTimer);
await page.evaluate(installFrameTimer, "__stepTimer");
const work = [];
const latency = [];
const stepWork = [];
const stepLatency = [];
for (let i = 0; i < drops; i++) {
  const [from, to] = i % 2 === 0 ? [open[0], open[1]] : [open[1], open[0]];
  const source = page.locator(`section[data-stage-id="${from.id}"] .board-card`).first();
  const id = await source.getAttribute("data-card-id");
  const box = await source.boundingBox();
  const body = await page.locator(`section[data-stage-id="${to.id}"] .column-body`).boundingBox();
  const measured = page.evaluate(([cardId, stageId]) => new Promise((resolve) => {
    let armed = false;
    let step = null;
    // Every pointermove arms the step's timer until the card is drawn in
    // the other column: the one that did it is the one timed.
    const onMove = (ev) => window.__stepTimer.arm(ev);
    addEventListener("pointermove", onMove, { capture: true });
    addEventListener("pointerup", (ev) => { armed = true; window.__frameTimer.arm(ev); }, { capture: true, once: true });
    const sel = `section[data-stage-id="${stageId}"] [data-card-id="${cardId}"]`;
    // Settled: the card let go of, and its new column's count gone up.
    const count = () => Number(document.querySelector(`section[data-stage-id="${stageId}"] .column-count`).dataset.count);
    const before = count();
    const observer = new MutationObserver(() => {
      if (!step && !armed && document.querySelector(`${sel}.lifted`)) {
        removeEventListener("pointermove", onMove, { capture: true });
        step = window.__stepTimer.shown();
      }
      if (armed && document.querySelector(`${sel}:not(.lifted)`) && count() === before + 1) {
        observer.disconnect();
        removeEventListener("pointermove", onMove, { capture: true });
        window.__frameTimer.shown().then(async (drop) => resolve({ drop, step: await step }));
      }
    });
    observer.observe(document.querySelector(".board-columns"), { childList: true, subtree: true, attributes: true, characterData: true });
  }), [id, to.id]);
  await page.mouse.move(box.x + 40, box.y + box.height - 12);
  await page.mouse.down();
  await page.mouse.move(body.x + body.width / 2, body.y + 30, { steps: 8 });
  await page.mouse.up();
  const { drop, step } = await measured;
  if (!step) throw new Error("the card was not drawn in the other column while dragging");
  work.push(drop.work);
  latency.push(drop.latency);
  stepWork.push(step.work);
  stepLatency.push(step.latency);
  // Let the server's answer land before the next drag.
  await page.waitForTimeout(150);
}
// The browser's floor for moving a card, on this machine: the same page
// and clicks, the app's pointer handlers shut out, and the whole move's DOM
// change written straight in one frame: the card's node moves to the top
// of the other column, the cards below it in both columns shift by a slot,
// and the two column heads get new text. The app splits that change in
// two: the drag step draws the card in the other column, the drop lets go
// of it and writes the heads.
await page.evaluate(() => {
  // Cards sit in their slots by a transform (board/state.rs slot_offset).
  const slot = (el) => parseFloat(/translateY\((-?[\d.]+)px\)/.exec(el.style.transform)?.[1] ?? "0");
  const put = (el, px) => (el.style.transform = `translateY(${px}px)`);
  const heads = (stage) => [...document.querySelectorAll(`section[data-stage-id="${stage}"] .column-head :is(.column-count, .column-value, .column-weighted)`)];
  for (const type of ["pointerdown", "mousedown", "pointermove", "mousemove", "mouseup", "click"]) {
    addEventListener(type, (ev) => ev.stopImmediatePropagation(), true);
  }
  addEventListener("pointerup", (ev) => {
    ev.stopImmediatePropagation();
    const card = ev.target.closest(".board-card");
    if (!card || !window.__floorTo) return;
    window.__frameTimer.arm(ev);
    const from = card.closest("section[data-stage-id]").dataset.stageId;
    const to = window.__floorTo;
    const track = document.querySelector(`section[data-stage-id="${to}"] .column-track`);
    const top = slot(card);
    const size = 112; // board/state.rs CARD_SLOT
    for (const other of card.parentElement.querySelectorAll(".board-card")) {
      if (slot(other) > top) put(other, slot(other) - size);
    }
    for (const other of track.querySelectorAll(".board-card")) put(other, slot(other) + size);
    put(card, 0);
    track.prepend(card);
    for (const [a, b] of heads(from).map((el, i) => [el, heads(to)[i]])) {
      if (a && b) [a.textContent, b.textContent] = [b.textContent, a.textContent];
    }
    window.__frameTimer.shown().then((t) => window.__floor.push(t.work));
  }, true);
  window.__floor = [];
});
for (let i = 0; i < drops; i++) {
  const [from, to] = i % 2 === 0 ? [open[0], open[1]] : [open[1], open[0]];
  await page.evaluate((stage) => (window.__floorTo = stage), String(to.id));
  const box = await page.locator(`section[data-stage-id="${from.id}"] .board-card`).first().boundingBox();
  await page.mouse.click(box.x + 40, box.y + box.height - 12);
  await page.waitForTimeout(150);
}
const floor = await page.evaluate(() => window.__floor);
const idle = await idleBaseline(browser);
await browser.close();

const stats = (xs) => ({ median: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: Math.max(...xs) });
const w = stats(work);
const l = stats(latency);
const b = stats(idle.latency);
const bw = stats(idle.work);
const sw = stats(stepWork);
const sl = stats(stepLatency);
console.log(`board cards ${board.cards.length} ${paintFields(paints)} drops ${drops} drop_work_median_ms ${w.median.toFixed(2)} drop_work_p95_ms ${w.p95.toFixed(2)} drop_work_max_ms ${w.max.toFixed(2)} drop_median_ms ${l.median.toFixed(2)} drop_p95_ms ${l.p95.toFixed(2)} idle_median_ms ${b.median.toFixed(2)} idle_p95_ms ${b.p95.toFixed(2)} idle_work_median_ms ${bw.median.toFixed(2)} idle_work_p95_ms ${bw.p95.toFixed(2)} step_work_median_ms ${sw.median.toFixed(2)} step_work_p95_ms ${sw.p95.toFixed(2)} step_median_ms ${sl.median.toFixed(2)} step_p95_ms ${sl.p95.toFixed(2)} floor_drops ${floor.length} floor_work_median_ms ${quantile(floor, 0.5).toFixed(2)} floor_work_p95_ms ${quantile(floor, 0.95).toFixed(2)}`);
