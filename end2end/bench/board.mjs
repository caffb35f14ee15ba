// The pipeline board with 1,000 deals on one board, in headless Chromium
// against the real release server:
//  - first paint: from navigation start to the first card in the DOM, on
//    cold loads (a fresh browser context each run, signed in by cookie);
//  - drop to settled: from the pointerup of a mouse drag to the card being
//    in its new column in the DOM (the server's answer comes after).
// Usage: node bench/board.mjs BASE_URL RUNS DROPS
import { chromium, request } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:8391";
const runs = Number(process.argv[3] ?? 10);
const drops = Number(process.argv[4] ?? 40);
const TARGET = 1000;

const api = await request.newContext({ baseURL: base });
const login = await api.post("/api/v1/session", { data: { email: "demo@frontdesk.test", password: "frontdesk-demo" } });
if (login.status() !== 200) throw new Error(`login: ${login.status()}`);
const pipeline = (await (await api.get("/api/v1/pipelines")).json()).find((p) => p.kind === "deals");
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
const url = `${base}/board?pipeline=${pipeline.id}`;
const paints = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ storageState, viewport: { width: 1600, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector(".board-card")) {
        window.__firstCard = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__firstCard !== undefined, null, { timeout: 30_000 });
  paints.push(await page.evaluate(() => window.__firstCard));
  await context.close();
}

const context = await browser.newContext({ storageState, viewport: { width: 1600, height: 900 } });
const page = await context.newPage();
await page.goto(url);
await page.waitForSelector(".board-card");
const settle = [];
for (let i = 0; i < drops; i++) {
  const [from, to] = i % 2 === 0 ? [open[0], open[1]] : [open[1], open[0]];
  const source = page.locator(`section[data-stage-id="${from.id}"] .board-card`).first();
  const id = await source.getAttribute("data-card-id");
  const box = await source.boundingBox();
  const body = await page.locator(`section[data-stage-id="${to.id}"] .column-body`).boundingBox();
  const measured = page.evaluate(([cardId, stageId]) => new Promise((resolve) => {
    let t0 = 0;
    addEventListener("pointerup", () => { t0 = performance.now(); }, { capture: true, once: true });
    const sel = `section[data-stage-id="${stageId}"] [data-card-id="${cardId}"]`;
    const observer = new MutationObserver(() => {
      if (t0 && document.querySelector(sel)) {
        observer.disconnect();
        resolve(performance.now() - t0);
      }
    });
    observer.observe(document.querySelector(".board-columns"), { childList: true, subtree: true, attributes: true });
  }), [id, to.id]);
  await page.mouse.move(box.x + 40, box.y + box.height - 12);
  await page.mouse.down();
  await page.mouse.move(body.x + body.width / 2, body.y + 30, { steps: 8 });
  await page.mouse.up();
  settle.push(await measured);
  // Let the server's answer land before the next drag.
  await page.waitForTimeout(150);
}
await browser.close();

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const pick = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: pick(0.5), p95: pick(0.95), min: s[0], max: s[s.length - 1] };
};
const p = stats(paints);
const d = stats(settle);
console.log(`board cards ${board.cards.length} paint_runs ${runs} paint_median_ms ${p.median.toFixed(1)} paint_p95_ms ${p.p95.toFixed(1)} drops ${drops} drop_median_ms ${d.median.toFixed(2)} drop_p95_ms ${d.p95.toFixed(2)} drop_max_ms ${d.max.toFixed(2)}`);
