// Where a week switch of the calendar spends its time: a Chromium trace of
// N switches (as bench/calendar.mjs makes them), summed per switch window
// (click to the frame showing the other week) by trace event, and the CPU
// profile's self time by function (names only with a build that keeps
// them: data-keep-debug and wasm-opt -g). With `paint`, the same for N
// in-app first paints instead (a click on the menu's calendar link from
// the settings page to the frame showing the first appointment).
// Usage: node bench/profile-calendar.mjs BASE_URL N [paint]
import { chromium, request } from "@playwright/test";

const base = process.argv[2];
const switches = Number(process.argv[3] ?? 10);
const paint = process.argv[4] === "paint";
const api = await request.newContext({ baseURL: base });
await api.post("/api/v1/session", { data: { email: "demo@frontdesk.test", password: "frontdesk-demo" } });
const storageState = await api.storageState();
await api.dispose();
const today = new Date().toISOString().slice(0, 10);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"],
});
const context = await browser.newContext({ storageState, viewport: { width: 1600, height: 900 } });
const page = await context.newPage();
page.on("console", (m) => console.log("console:", m.text()));
await page.goto(`${base}/calendar?date=${today}&view=week`);
await page.waitForSelector(".cal-appt");
await page.waitForTimeout(2000);

await browser.startTracing(page, {
  categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.execute",
               "disabled-by-default-v8.cpu_profiler", "blink.user_timing"],
});
const marks = [];
for (let i = 0; paint && i < switches; i++) {
  await page.goto(`${base}/settings`);
  await page.waitForSelector('nav a[href="/calendar"]');
  await page.waitForTimeout(300);
  const measured = page.evaluate(() => new Promise((resolve) => {
    let start = 0;
    addEventListener("click", () => { start = performance.now(); performance.mark("switch-start"); }, { capture: true, once: true });
    new MutationObserver((_, observer) => {
      if (start && document.querySelector(".cal-appt")) {
        observer.disconnect();
        const done = () => { performance.mark("switch-end"); resolve(performance.now() - start); };
        requestAnimationFrame(() => setTimeout(done));
      }
    }).observe(document, { childList: true, subtree: true });
  }));
  await page.click('nav a[href="/calendar"]');
  marks.push(await measured);
}
for (let i = 0; !paint && i < switches; i++) {
  const label = i % 2 === 0 ? "Next day" : "Previous day";
  const before = await page.locator(".cal-appt").first().getAttribute("data-id");
  const measured = page.evaluate((old) => new Promise((resolve) => {
    let start = 0;
    addEventListener("click", () => { start = performance.now(); performance.mark("switch-start"); }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      const first = document.querySelector(".cal-appt");
      if (start && first && first.dataset.id !== old) {
        observer.disconnect();
        const done = () => { performance.mark("switch-end"); resolve(performance.now() - start); };
        requestAnimationFrame(() => (window.scheduler?.postTask ? scheduler.postTask(done, { priority: "user-blocking" }) : setTimeout(done)));
      }
    });
    observer.observe(document.querySelector(".cal-page"), { childList: true, subtree: true, attributes: true, attributeFilter: ["data-id"] });
  }), before);
  await page.getByRole("button", { name: label }).click();
  marks.push(await measured);
  await page.waitForTimeout(400);
}
const trace = JSON.parse((await browser.stopTracing()).toString());
await browser.close();
console.log(paint ? "first paint ms:" : "switch ms:", marks.map((m) => m.toFixed(0)).join(" "));

const events = trace.traceEvents;
const starts = events.filter((e) => e.name === "switch-start").map((e) => e.ts).sort((a, b) => a - b);
const ends = events.filter((e) => e.name === "switch-end").map((e) => e.ts).sort((a, b) => a - b);
const windows = starts.map((s, i) => [s, ends[i]]);
const inWindow = (ts) => windows.some(([s, e]) => ts >= s && ts <= e);
const mainTid = events.find((e) => e.name === "switch-start")?.tid;

// Complete events on the main thread, by name, inside the windows
// (top-level only would be better; nested ones are summed too, read with care).
const byName = new Map();
for (const e of events) {
  if (e.tid !== mainTid || e.ph !== "X" || !inWindow(e.ts)) continue;
  byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
}
console.log("\ntrace events on the main thread in the switch windows (ms per switch, nested counted twice):");
for (const [n, d] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`  ${(d / switches).toFixed(1).padStart(8)}  ${n}`);
}

// CPU profile: self time per function in the windows.
const nodes = new Map();
let samples = [];
let deltas = [];
let startTime = 0;
for (const e of events) {
  if (e.name === "Profile") startTime = e.args.data.startTime;
  if (e.name === "ProfileChunk") {
    const c = e.args.data.cpuProfile ?? {};
    for (const n of c.nodes ?? []) nodes.set(n.id, n);
    samples = samples.concat(c.samples ?? []);
    deltas = deltas.concat(e.args.data.timeDeltas ?? []);
  }
}
const self = new Map();
const total = new Map();
let t = startTime;
for (let i = 0; i < samples.length; i++) {
  t += deltas[i];
  const dt = (deltas[i + 1] ?? 0) / 1000;
  if (!inWindow(t)) continue;
  let n = nodes.get(samples[i]);
  const name = (x) => `${x.callFrame.functionName || "(anon)"} ${x.callFrame.url ? x.callFrame.url.split("/").pop() : ""}`;
  self.set(name(n), (self.get(name(n)) ?? 0) + dt);
  const seen = new Set();
  while (n) {
    const k = name(n);
    if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + dt);
    seen.add(k);
    n = n.parent !== undefined ? nodes.get(n.parent) : undefined;
  }
}
console.log("\nCPU self time (ms per switch):");
for (const [n, d] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
  console.log(`  ${(d / switches).toFixed(1).padStart(8)}  ${n}`);
}
console.log("\nCPU total time (ms per switch):");
for (const [n, d] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 60)) {
  console.log(`  ${(d / switches).toFixed(1).padStart(8)}  ${n}`);
}
