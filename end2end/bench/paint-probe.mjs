// Where the calendar's in-app first paint goes: for N clicks on the menu
// link (as bench/paint.mjs makes them), each request's start and end and
// the first paint, in ms from the click (Resource Timing), median of N.
// Usage: node bench/paint-probe.mjs BASE_URL RUNS
import { chromium, request } from "@playwright/test";
import { quantile } from "./paint.mjs";

const base = process.argv[2];
const runs = Number(process.argv[3] ?? 10);
const api = await request.newContext({ baseURL: base });
await api.post("/api/v1/session", { data: { email: "demo@frontdesk.test", password: "frontdesk-demo" } });
const storageState = await api.storageState();
await api.dispose();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"],
});
const rows = new Map();
const add = (k, v) => rows.set(k, [...(rows.get(k) ?? []), v]);
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ storageState, viewport: { width: 1600, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/calendar?view=week`);
  await page.waitForSelector(".cal-appt");
  await page.goto(`${base}/settings`);
  await page.waitForSelector('nav a[href="/calendar"]');
  await page.waitForTimeout(100);
  await page.evaluate(() => {
    performance.clearResourceTimings();
    addEventListener("click", () => (window.__clickAt = performance.now()), { capture: true, once: true });
    new MutationObserver((_, o) => {
      if (document.querySelector(".cal-appt")) {
        o.disconnect();
        window.__dom = performance.now();
        requestAnimationFrame(() => setTimeout(() => (window.__paint = performance.now())));
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.click('nav a[href="/calendar"]');
  await page.waitForFunction(() => window.__paint);
  const t = await page.evaluate(() => ({
    click: window.__clickAt, dom: window.__dom, paint: window.__paint,
    res: performance.getEntriesByType("resource").map((r) => ({ name: r.name.replace(/^https?:\/\/[^/]+/, "").replace(/\?.*/, ""), start: r.startTime, end: r.responseEnd, size: r.encodedBodySize })),
  }));
  for (const r of t.res) {
    add(`${r.name} start`, r.start - t.click);
    add(`${r.name} end`, r.end - t.click);
    add(`${r.name} bytes`, r.size);
  }
  add("first appointment in the DOM", t.dom - t.click);
  add("first paint", t.paint - t.click);
  await context.close();
}
await browser.close();
for (const [k, v] of rows) console.log(`${k.padEnd(60)} median ${quantile(v, 0.5).toFixed(1)} p95 ${quantile(v, 0.95).toFixed(1)} (n ${v.length})`);
