// The prospect list in headless Chromium against the real release server:
// (1) first list paint (see paint.mjs: cold, app cached, and in-app
// navigation), to the frame after the first row is in the DOM: the view's
// first page, from the paged API; the whole list follows, and the time to
// "whole list searchable" is reported beside it;
// (2) keystroke to repaint of the search, for each key that changes the
// search (see frame.mjs): the app's work for it on the main thread, and the
// latency from the keydown to the end of the frame that shows the new list,
// over six searches typed a key at a time on the whole list, the clearing
// Backspace included; beside it, the same work and latency for a key typed
// into an idle page, and the browser's floor: the work when the same keys
// rewrite every row in view with no app at all, on the app's rows and on
// rows of one text node each. Beside it, the latency to the frame that
// shows the whole result and its count (the search finds the first
// screen's rows in the key's task and the rest after they are painted).
// Usage: node bench/prospects.mjs BASE_URL RUNS
import { chromium } from "@playwright/test";
import { firstPaints, paintFields, quantile } from "./paint.mjs";
import { idleBaseline, installFrameTimer } from "./frame.mjs";

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

const loaded = (page) =>
  page.waitForFunction(() => !document.querySelector(".list-count")?.textContent.includes("loading"), null, { timeout: 120_000 });
const wholes = [];
const paints = await firstPaints(browser, {
  base, path: "/prospects", navLink: "/prospects", selector: ".ptable-space [role=row]", storageState: state, runs,
  ready: async (page) => {
    await loaded(page);
    wholes.push(await page.evaluate(() => performance.now()));
  },
});

// Keystrokes: one warm page, searches typed a key at a time. Each key's
// time runs from its keydown to the frame after the DOM changed.
const context = await browser.newContext({ storageState: state });
const page = await context.newPage();
await page.goto(`${base}/prospects`);
await page.waitForSelector(".ptable-space [role=row]", { timeout: 120_000 });
// The first page shows before the whole list is in; keystrokes are timed
// on the whole list.
await page.waitForFunction(() => !document.querySelector(".list-count")?.textContent.includes("loading"), null, { timeout: 120_000 });
await page.evaluate(installFrameTimer);
await page.evaluate(() => {
  window.__keys = [];
  const box = document.querySelector("#prospect-search");
  box.addEventListener("keydown", (ev) => {
    const before = box.value;
    window.__frameTimer.arm(ev);
    // The first screen's rows are found in the key's task, the rest (and
    // with it the count) once they are painted, while the table is
    // aria-busy: settled is the end of the frame that shows it not busy.
    const table = document.querySelector(".ptable");
    const busy = () => table.getAttribute("aria-busy") === "true";
    let busyInKeyFrame = false;
    requestAnimationFrame(() => (busyInKeyFrame = busy()));
    // The list changes in the key's own task, so the next frame shows it.
    window.__frameTimer.shown().then(async (t) => {
      // Control, A: the search did not change, nothing to repaint.
      if (box.value === before) return;
      let settled = t.latency;
      if (busyInKeyFrame) {
        await new Promise((resolve) => {
          const check = () => (busy() ? requestAnimationFrame(check) : resolve());
          requestAnimationFrame(check);
        });
        await new Promise((r) => (window.scheduler?.postTask ? scheduler.postTask(r, { priority: "user-blocking" }) : setTimeout(r)));
        settled = performance.now() - ev.timeStamp;
      }
      window.__keys.push({ ...t, settled });
    });
  }, true);
});
const searches = ["peeters", "lotte cl", "sint-gillis", "+32 47", "example.be 12", "zzz"];
let typed = 0;
/** Types the searches `rounds` times; returns each changing key's { work, latency }. */
async function typeSearches(rounds) {
  await page.evaluate(() => (window.__keys = []));
  for (let r = 0; r < rounds; r++) {
    for (const s of searches) {
      await page.click("#prospect-search");
      await page.keyboard.press("Control+A");
      // A person pauses between selecting the search and deleting it; without
      // this the Backspace waits behind the selection's own frame.
      await page.waitForTimeout(40);
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
  return page.evaluate(() => window.__keys);
}
const rounds = Math.max(1, Math.floor(runs / 3));
const keys = await typeSearches(rounds);
const typedByApp = typed;
const shown = await page.locator(".list-count").innerText();
// The browser's floor for the heaviest keystroke, on this machine: the same
// page and keys, the app's input handler replaced by writing other rows' text
// into every row in view (no search, no framework), so every key repaints
// all the rows one sees, as a first letter or the clearing Backspace does.
// It starts from the whole list, so every row is in view. With `flat`, each
// row in view is first reduced to one text node, its fields joined by tabs:
// the least DOM a row can have, so what that costs is what any list that
// shows these rows costs this machine's browser.
async function floorWork(flat) {
  await page.click("#prospect-search");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await page.waitForTimeout(200);
  await page.evaluate((flat) => {
    const box = document.querySelector("#prospect-search");
    // One floor at a time: the last one's handler would stop this one's.
    if (window.__floorHandler) box.removeEventListener("input", window.__floorHandler, true);
    const scroller = document.querySelector(".ptable-scroll").getBoundingClientRect();
    const rows = [...document.querySelectorAll(".ptable-space .prow")].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.bottom > scroller.top && r.top < scroller.bottom;
    });
    if (rows.length < 5) throw new Error(`floor: only ${rows.length} rows in view`);
    const texts = rows.map((row) => {
      const walk = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      const nodes = [];
      while (walk.nextNode()) nodes.push(walk.currentNode);
      if (!flat) return nodes;
      row.replaceChildren(nodes.map((n) => n.nodeValue).join("\t"));
      row.style.cssText += ";display:block;white-space:pre;overflow:hidden";
      return [row.firstChild];
    });
    const pool = texts.map((nodes) => nodes.map((n) => n.nodeValue));
    let turn = 0;
    window.__floorHandler = (ev) => {
      ev.stopImmediatePropagation();
      turn += 1;
      texts.forEach((nodes, i) => {
        const other = pool[(i + turn) % pool.length];
        nodes.forEach((n, j) => (n.nodeValue = other[j] ?? ""));
      });
    };
    box.addEventListener("input", window.__floorHandler, true);
  }, flat);
  return (await typeSearches(rounds)).map((k) => k.work);
}
const floor = await floorWork(false);
const floorMin = await floorWork(true);
const idle = await idleBaseline(browser);
await browser.close();
const work = keys.map((k) => k.work);
const latency = keys.map((k) => k.latency);
const settled = keys.map((k) => k.settled);

console.log(
  `prospects total ${total} index_bytes ${indexBytes} ${paintFields(paints)} whole_median_ms ${quantile(wholes, 0.5).toFixed(1)} ` +
  `keys ${keys.length} typed ${typedByApp} key_work_median_ms ${quantile(work, 0.5).toFixed(1)} key_work_p95_ms ${quantile(work, 0.95).toFixed(1)} ` +
  `key_work_max_ms ${Math.max(...work).toFixed(1)} key_median_ms ${quantile(latency, 0.5).toFixed(1)} key_p95_ms ${quantile(latency, 0.95).toFixed(1)} ` +
  `key_settled_median_ms ${quantile(settled, 0.5).toFixed(1)} key_settled_p95_ms ${quantile(settled, 0.95).toFixed(1)} ` +
  `floor_work_median_ms ${quantile(floor, 0.5).toFixed(1)} floor_work_p95_ms ${quantile(floor, 0.95).toFixed(1)} ` +
  `floor_min_work_median_ms ${quantile(floorMin, 0.5).toFixed(1)} floor_min_work_p95_ms ${quantile(floorMin, 0.95).toFixed(1)} ` +
  `idle_median_ms ${quantile(idle.latency, 0.5).toFixed(1)} idle_p95_ms ${quantile(idle.latency, 0.95).toFixed(1)} ` +
  `idle_work_median_ms ${quantile(idle.work, 0.5).toFixed(1)} idle_work_p95_ms ${quantile(idle.work, 0.95).toFixed(1)} last_count "${shown.replace(/\s+/g, "_")}"`,
);
