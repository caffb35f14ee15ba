// The front-desk calendar's week with 20 coaches and 2,000 appointments
// (the server started with --demo-calendar 20x2000: this week and the next
// each hold 2,000), in headless Chromium against the real release server:
//  - first paint of the week view (see paint.mjs), to the frame after the
//    first appointment is in the DOM;
//  - switching week: a click on "next" to the frame that shows the other
//    week's appointments (and back), data fetched and grid drawn;
//  - the browser's floor for that switch: the same change of the DOM made
//    by plain script in the same page, without the app (see below);
//  - drop to settled (see frame.mjs): from the pointerup of a mouse drag
//    of an appointment to the frame that shows it in its new place,
//    before the server answers.
// Usage: node bench/calendar.mjs BASE_URL RUNS SWITCHES DROPS
import { chromium, request } from "@playwright/test";
import { firstPaints, paintFields, quantile } from "./paint.mjs";
import { idleBaseline, installFrameTimer } from "./frame.mjs";

const base = process.argv[2] ?? "http://127.0.0.1:8393";
const runs = Number(process.argv[3] ?? 10);
const switches = Number(process.argv[4] ?? 20);
const drops = Number(process.argv[5] ?? 40);

const api = await request.newContext({ baseURL: base });
const login = await api.post("/api/v1/session", { data: { email: "demo@frontdesk.test", password: "frontdesk-demo" } });
if (login.status() !== 200) throw new Error(`login: ${login.status()}`);
const today = new Date().toISOString().slice(0, 10);
const monday = (() => {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
})();
const sunday = new Date(Date.parse(`${monday}T12:00:00Z`) + 6 * 86400_000).toISOString().slice(0, 10);
const week = await (await api.get(`/api/v1/appointments?from=${monday}&to=${sunday}`)).json();
const resources = await (await api.get(`/api/v1/public/agendas/1/resources`)).json();
const storageState = await api.storageState();
await api.dispose();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"],
});
const path = `/calendar?date=${today}&view=week`;
const paints = await firstPaints(browser, {
  base, path, navLink: "/calendar", selector: ".cal-appt", storageState, viewport: { width: 1600, height: 900 }, runs,
});

const context = await browser.newContext({ storageState, viewport: { width: 1600, height: 900 } });
const page = await context.newPage();
await page.goto(`${base}${path}`);
await page.waitForSelector(".cal-appt");
const shown = await page.locator(".cal-appt").count();

// Switching week: next, then back, each timed from the click to the frame
// after the other week's first appointment is in the DOM.
const switchTimes = [];
// The appointments and column heads a week's grid shows (the columns in
// view): each element's classes, data, inline style (its place), label and
// texts. weeks[0] is this week, weeks[1] the next.
const drawnWeek = () => ({
  appts: [...document.querySelectorAll(".cal-cols .cal-appt")].map((el) => ({
    className: el.className,
    data: { ...el.dataset },
    hidden: el.hidden,
    style: ["top", "height", "left", "width"].map((p) => [p, el.style.getPropertyValue(p)]),
    label: el.getAttribute("aria-label"),
    spans: [...el.children].map((s) => [s.className, s.textContent]),
  })),
  heads: [...document.querySelectorAll(".cal-head .cal-colhead")].map((el) => ({
    className: el.className,
    spans: [...el.children].map((s) => [s.className, s.textContent]),
  })),
});
const weeks = [await page.evaluate(drawnWeek), null];
for (let i = 0; i < switches; i++) {
  const label = i % 2 === 0 ? "Next day" : "Previous day";
  const before = await page.locator(".cal-appt").first().getAttribute("data-id");
  const measured = page.evaluate((old) => new Promise((resolve) => {
    let start = 0;
    addEventListener("click", () => (start = performance.now()), { capture: true, once: true });
    // The other week's first appointment is a new button or the same
    // button given the other week's appointment (its data-id rewritten).
    const observer = new MutationObserver(() => {
      const first = document.querySelector(".cal-appt");
      if (start && first && first.dataset.id !== old) {
        observer.disconnect();
        // The end of that frame: rAF, then the first task after it (a
        // user-blocking task runs ahead of the timers the app queued in
        // that frame, its loads ahead, which are not the switch's).
        const done = () => resolve(performance.now() - start);
        requestAnimationFrame(() => (window.scheduler?.postTask ? scheduler.postTask(done, { priority: "user-blocking" }) : setTimeout(done)));
      }
    });
    observer.observe(document.querySelector(".cal-page"), { childList: true, subtree: true, attributes: true, attributeFilter: ["data-id"] });
  }), before);
  await page.getByRole("button", { name: label }).click();
  switchTimes.push(await measured);
  await page.waitForTimeout(200);
  // What each week's grid shows, for the floor below.
  if (i < 2) weeks[i % 2 === 0 ? 1 : 0] = await page.evaluate(drawnWeek);
}

// Drops: an appointment dragged down by an hour and back, alternately.
await page.evaluate(installFrameTimer);
const work = [];
const latency = [];
for (let i = 0; i < drops; i++) {
  const appt = page.locator(".cal-appt").nth(5 + (i % 2 === 0 ? i : i - 1));
  const id = await appt.getAttribute("data-id");
  await appt.scrollIntoViewIfNeeded();
  const box = await appt.boundingBox();
  const perMin = await page.evaluate(() => {
    const el = document.querySelector(".cal-cols");
    return el.getBoundingClientRect().height / Number(el.parentElement.style.height.match(/\* (\d+)/)[1]);
  });
  const dy = (i % 2 === 0 ? 1 : -1) * 60 * perMin;
  const measured = page.evaluate((id) => new Promise((resolve) => {
    const el = document.querySelector(`.cal-appt[data-id="${id}"]`);
    let armed = false;
    let top = "";
    addEventListener("pointerup", (ev) => { armed = true; top = el.style.top; window.__frameTimer.arm(ev); }, { capture: true, once: true });
    // Settled: drawn in its new place after the drop (its style rewritten
    // by the move, the saving mark on).
    const observer = new MutationObserver(() => {
      if (armed && el.classList.contains("cal-saving")) {
        observer.disconnect();
        window.__frameTimer.shown().then(resolve);
      }
    });
    observer.observe(el, { attributes: true });
  }), id);
  await page.mouse.move(box.x + box.width / 2, box.y + 4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 4 + dy, { steps: 6 });
  await page.mouse.up();
  const drop = await measured;
  work.push(drop.work);
  latency.push(drop.latency);
  // The server's answer (an override needed or not) before the next one.
  await page.waitForTimeout(250);
  if (await page.locator(".cal-override").count()) {
    await page.getByRole("button", { name: "Leave it where it was" }).click();
  }
}
// The browser's floor for the same drop: the app's handlers shut out, and
// the one style change a move makes (the element's top) written directly.
await page.evaluate(() => {
  for (const type of ["pointerdown", "mousedown", "pointermove", "mousemove", "mouseup", "click"]) {
    addEventListener(type, (ev) => ev.stopImmediatePropagation(), true);
  }
  addEventListener("pointerup", (ev) => {
    ev.stopImmediatePropagation();
    const el = ev.target.closest(".cal-appt");
    if (!el) return;
    window.__frameTimer.arm(ev);
    el.style.top = `calc(var(--cal-min) * ${60 + Math.round(Math.random() * 600)})`;
    el.classList.toggle("cal-saving");
    window.__frameTimer.shown().then((t) => window.__floor.push(t.work));
  }, true);
  window.__floor = [];
});
for (let i = 0; i < drops; i++) {
  const box = await page.locator(".cal-appt").nth(5 + i).boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + 4);
  await page.waitForTimeout(100);
}
const floor = await page.evaluate(() => window.__floor);

// The browser's floor for a week switch: in the same page (the app's
// handlers shut out above), the grid's appointment buttons and column heads
// replaced by the other week's, built by plain script with the same
// elements, classes, places, labels and texts as the app's, then timed to
// the end of the next frame (rAF, then the first task after it: its style,
// layout and paint done), as the switch is. `rewrite`: the same, but the buttons already
// there given the other week's attributes and texts instead of new ones.
const switchFloor = async (mode) => {
  const times = [];
  for (let i = 0; i < switches; i++) {
    times.push(await page.evaluate(([week, mode]) => new Promise((resolve) => {
      const start = performance.now();
      const cols = document.querySelector(".cal-cols");
      const head = document.querySelector(".cal-head");
      const fill = (el, a) => {
        el.className = a.className;
        for (const [k, v] of Object.entries(a.data)) el.dataset[k] = v;
        el.hidden = a.hidden;
        for (const [p, v] of a.style) el.style.setProperty(p, v);
        el.setAttribute("aria-label", a.label);
      };
      const button = (a) => {
        const el = document.createElement("button");
        el.type = "button";
        fill(el, a);
        a.spans.forEach(([c, t], k) => {
          if (k) el.append(" ");
          const s = document.createElement("span");
          s.className = c;
          s.textContent = t;
          el.append(s);
        });
        return el;
      };
      const old = [...cols.querySelectorAll(".cal-appt")];
      if (mode === "rewrite") {
        week.appts.forEach((a, k) => {
          const el = old[k];
          if (!el) return cols.append(button(a));
          fill(el, a);
          a.spans.forEach(([, t], n) => (el.children[n].textContent = t));
        });
        old.slice(week.appts.length).forEach((el) => el.remove());
      } else {
        old.forEach((el) => el.remove());
        cols.append(...week.appts.map(button));
      }
      for (const el of head.querySelectorAll(".cal-colhead")) el.remove();
      head.append(...week.heads.map((h) => {
        const el = document.createElement("div");
        el.className = h.className;
        for (const [c, t] of h.spans) {
          const s = document.createElement("span");
          s.className = c;
          s.textContent = t;
          el.append(s);
        }
        return el;
      }));
      const done = () => resolve(performance.now() - start);
      requestAnimationFrame(() => (window.scheduler?.postTask ? scheduler.postTask(done, { priority: "user-blocking" }) : setTimeout(done)));
    }), [weeks[(i + 1) % 2], mode]));
    await page.waitForTimeout(200);
  }
  return times;
};
const switchFloorNew = await switchFloor("new");
const switchFloorRewrite = await switchFloor("rewrite");
const idle = await idleBaseline(browser);
await browser.close();

const stats = (xs) => ({ median: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: Math.max(...xs) });
const w = stats(work);
const l = stats(latency);
const b = stats(idle.latency);
const bw = stats(idle.work);
const s = stats(switchTimes);
console.log(`calendar resources ${resources.length} week_appointments ${week.items.length} shown ${shown} ${paintFields(paints)} switches ${switches} switch_median_ms ${s.median.toFixed(1)} switch_p95_ms ${s.p95.toFixed(1)} switch_floor_appointments ${weeks[0].appts.length}/${weeks[1].appts.length} switch_floor_median_ms ${quantile(switchFloorNew, 0.5).toFixed(1)} switch_floor_p95_ms ${quantile(switchFloorNew, 0.95).toFixed(1)} switch_floor_rewrite_median_ms ${quantile(switchFloorRewrite, 0.5).toFixed(1)} switch_floor_rewrite_p95_ms ${quantile(switchFloorRewrite, 0.95).toFixed(1)} drops ${drops} drop_work_median_ms ${w.median.toFixed(2)} drop_work_p95_ms ${w.p95.toFixed(2)} drop_work_max_ms ${w.max.toFixed(2)} drop_median_ms ${l.median.toFixed(2)} drop_p95_ms ${l.p95.toFixed(2)} idle_median_ms ${b.median.toFixed(2)} idle_p95_ms ${b.p95.toFixed(2)} idle_work_median_ms ${bw.median.toFixed(2)} idle_work_p95_ms ${bw.p95.toFixed(2)} floor_drops ${floor.length} floor_work_median_ms ${quantile(floor, 0.5).toFixed(2)} floor_work_p95_ms ${quantile(floor, 0.95).toFixed(2)}`);
