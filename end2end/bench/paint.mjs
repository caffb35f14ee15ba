// First paint of a staff page, measured three ways, each to the frame after
// the page's first item (a selector) is in the DOM (rAF, then a task: the
// frame's style, layout and paint are done):
//  - cold: a fresh browser context (no HTTP cache, no compiled wasm),
//    navigation start to that frame;
//  - cached: the same context opens another page first (the app bundle is
//    then in the HTTP and code caches, as for anyone who has signed in),
//    then navigates to the page as soon as that one shows its menu:
//    navigation start to that frame. That other page is still loading its
//    data and the browser still compiling its code on the 2 cores, so this
//    counts their leftover work too;
//  - settled: the same, but the other page open for 2 s first, as a person
//    has a page before going to the next;
//  - in app: from that other page, a click on the page's link in the
//    navigation, click to that frame (what staff do all day).
// Each run is signed in by cookie (storageState).

export async function firstPaints(browser, { base, path, navLink, selector, storageState, viewport, runs, ready }) {
  const cold = [];
  const cached = [];
  const settled = [];
  const inApp = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ storageState, viewport });
    const page = await context.newPage();
    await page.addInitScript((sel) => {
      const watch = () => {
        new MutationObserver((_, observer) => {
          if (document.querySelector(sel)) {
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => (window.__firstPaint = performance.now())));
          }
        }).observe(document, { childList: true, subtree: true });
      };
      watch();
      addEventListener("click", () => (window.__clickAt = performance.now()), { capture: true });
    }, selector);
    // Polled with evaluate, not waitForFunction: that injects Playwright's
    // selector engine into the page as it loads, 15 ms of script on the
    // main thread before the app starts, which no visitor's browser runs.
    const painted = async () => {
      for (const end = Date.now() + 120_000; Date.now() < end; ) {
        const at = await page.evaluate(() => window.__firstPaint);
        if (at !== undefined) return at;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no first paint of ${selector} in 120 s`);
    };

    // Another page of the app, shown with its menu, then `pause` ms on it.
    const onAnotherPage = async (pause) => {
      await page.goto(`${base}/settings`);
      await page.waitForSelector(navLink ? `a[href="${navLink}"]` : "nav a");
      if (pause) await page.waitForTimeout(pause);
    };

    await page.goto(`${base}${path}`);
    cold.push(await painted());
    if (ready) await ready(page);

    // A full navigation to this page, the moment the other one shows.
    await onAnotherPage(0);
    await page.goto(`${base}${path}`);
    cached.push(await painted());

    // Again, with the other page settled.
    await onAnotherPage(2000);
    await page.goto(`${base}${path}`);
    settled.push(await painted());

    // The navigation link (none: this page is not the one the menu opens).
    if (navLink) {
      await onAnotherPage(100);
      await page.click(`nav a[href="${navLink}"]`);
      const at = await painted();
      inApp.push(at - (await page.evaluate(() => window.__clickAt)));
    }
    await context.close();
  }
  return { cold, cached, settled, inApp };
}

// The q-quantile, nearest rank.
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

// "name_median_ms X name_p95_ms Y" for each series.
export function paintFields(p) {
  const f = (name, xs) =>
    xs.length ? `${name}_median_ms ${quantile(xs, 0.5).toFixed(1)} ${name}_p95_ms ${quantile(xs, 0.95).toFixed(1)}` : `${name}_median_ms - ${name}_p95_ms -`;
  return `paint_runs ${p.cold.length} ${f("cold", p.cold)} ${f("cached", p.cached)} ${f("settled", p.settled)} ${f("in_app", p.inApp)}`;
}
