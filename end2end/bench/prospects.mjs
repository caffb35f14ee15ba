// The prospect list in headless Chromium against the real release server:
// (1) first list paint after navigating to /prospects, signed in, cold
// (a fresh context each run: no HTTP cache, no compiled wasm), measured
// from navigation start to the frame after the first row is in the DOM
// (the first page of the view; the whole list follows), and to the whole
// list being searchable;
// (2) keystroke to repaint of the search: for each key typed, from the
// keydown event to the frame after the list has changed, over several
// searches typed one key at a time.
// Usage: node bench/prospects.mjs BASE_URL RUNS
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:8181";
const runs = Number(process.argv[3] ?? 7);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"],
});

// One sign-in; each run reuses its cookie in a fresh context.
const login = await browser.newContext();
const res = await login.request.post(`${base}/api/v1/session`, {
  data: { email: "demo@frontdesk.test", password: "frontdesk-demo" },
});
if (res.status() !== 200) throw new Error(`sign-in failed: ${res.status()}`);
const state = await login.storageState();
const index = await login.request.get(`${base}/api/v1/prospects/index`, { headers: { "Accept-Encoding": "br, gzip" } });
const indexBytes = (await index.body()).length;
const total = (await index.json()).ids.length;
await login.close();

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

const paints = [];
const wholes = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ storageState: state });
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector(".ptable-space [role=row]")) {
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => (window.__firstPaint = performance.now())));
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${base}/prospects`);
  await page.waitForFunction(() => window.__firstPaint !== undefined, null, { timeout: 120_000 });
  paints.push(await page.evaluate(() => window.__firstPaint));
  await page.waitForFunction(() => !document.querySelector(".list-count")?.textContent.includes("loading"), null, { timeout: 120_000 });
  wholes.push(await page.evaluate(() => performance.now()));
  await context.close();
}

// Keystrokes: one warm page, searches typed a key at a time. Each key's
// time runs from its keydown to the frame after the DOM changed.
const context = await browser.newContext({ storageState: state });
const page = await context.newPage();
await page.goto(`${base}/prospects`);
await page.waitForSelector(".ptable-space [role=row]", { timeout: 120_000 });
// The first page shows before the whole list is in; keystrokes are timed
// on the whole list.
await page.waitForFunction(() => !document.querySelector(".list-count")?.textContent.includes("loading"), null, { timeout: 120_000 });
await page.evaluate(() => {
  window.__keys = [];
  const box = document.querySelector("#prospect-search");
  box.addEventListener("keydown", (ev) => {
    const start = ev.timeStamp;
    requestAnimationFrame(() => setTimeout(() => window.__keys.push(performance.now() - start)));
  }, true);
});
const searches = ["peeters", "lotte cl", "sint-gillis", "+32 47", "example.be 12", "zzz"];
let typed = 0;
for (let r = 0; r < Math.max(1, Math.floor(runs / 3)); r++) {
  for (const s of searches) {
    await page.click("#prospect-search");
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Backspace");
    await page.waitForTimeout(60);
    for (const ch of s) {
      await page.keyboard.press(ch === " " ? "Space" : ch);
      typed += 1;
      await page.waitForTimeout(40);
    }
  }
}
await page.waitForTimeout(200);
// The clearing Backspace presses are keystrokes too (the full list comes back).
const keys = await page.evaluate(() => window.__keys);
const shown = await page.locator(".list-count").innerText();
await browser.close();

console.log(
  `prospects total ${total} index_bytes ${indexBytes} paint_runs ${paints.length} paint_median_ms ${quantile(paints, 0.5).toFixed(1)} ` +
  `paint_p95_ms ${quantile(paints, 0.95).toFixed(1)} whole_median_ms ${quantile(wholes, 0.5).toFixed(1)} keys ${keys.length} typed ${typed} key_median_ms ${quantile(keys, 0.5).toFixed(1)} ` +
  `key_p95_ms ${quantile(keys, 0.95).toFixed(1)} key_max_ms ${Math.max(...keys).toFixed(1)} last_count "${shown.replace(/\s+/g, "_")}"`,
);
