// Time from opening the booking widget to the first slots on screen, on a
// cold load (a fresh browser context each run: no HTTP cache, no warm
// wasm), in headless Chromium against the real release server.
// Usage: node bench/first-slots.mjs BASE_URL RUNS
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:8181";
const runs = Number(process.argv[3] ?? 15);
const url = `${base}/book/1?type=2&resource=any`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"],
});
const times = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Stamp the moment the first slot button enters the DOM, relative to the
  // navigation's start (performance.timeOrigin).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector(".slot-list button")) {
        window.__firstSlots = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__firstSlots !== undefined, null, { timeout: 30_000 });
  times.push(await page.evaluate(() => window.__firstSlots));
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
const pick = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
console.log(`first-slots runs ${runs} median_ms ${pick(0.5).toFixed(1)} p95_ms ${pick(0.95).toFixed(1)} min_ms ${times[0].toFixed(1)} max_ms ${times[times.length - 1].toFixed(1)}`);
