// Timing one interaction (a keystroke, a drop) to the frame that shows it,
// split in two:
//  - work: the app's own main-thread time, from the start of the event's
//    dispatch to the end of its task (handlers and the microtasks they
//    queue, where Leptos runs its effects), plus the frame's own time
//    (from its requestAnimationFrame callbacks to the end of its style,
//    layout and paint, seen by a task queued from rAF);
//  - latency: from the event's timestamp to the end of that frame, which
//    also counts the wait for the display's next frame (up to 16.7 ms at
//    60 Hz) that no app can shorten.
// `idleBaseline` measures the latency on a page that does nothing, so the
// two can be read side by side.

// In the page: `window.__frameTimer.arm(ev)` from a capture listener of the
// event, then `window.__frameTimer.shown()` once the DOM shows the result;
// resolves to { work, latency } in ms. `name` installs another timer, for
// a second interaction timed in the same gesture.
export function installFrameTimer(name = "__frameTimer") {
  let start = 0;
  let stamp = 0;
  let scriptEnd = 0;
  window[name] = {
    arm(ev) {
      start = performance.now();
      stamp = ev.timeStamp;
      scriptEnd = 0;
      // Runs after the event's task (and its microtasks) if no frame
      // comes first; if one does, the task ended before it.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        if (!scriptEnd) scriptEnd = performance.now();
      };
      channel.port2.postMessage(0);
    },
    shown() {
      return new Promise((resolve) => {
        requestAnimationFrame(() => {
          const frameStart = performance.now();
          if (!scriptEnd) scriptEnd = frameStart;
          // The first task after the frame's rendering: a user-blocking
          // task runs ahead of timers the page queued from the same frame
          // (the app sends a moved card's request once the move is
          // painted), which would otherwise be counted as that frame's.
          const done = () => {
            const end = performance.now();
            resolve({ work: scriptEnd - start + (end - frameStart), latency: end - stamp });
          };
          if (window.scheduler?.postTask) scheduler.postTask(done, { priority: "user-blocking" });
          else setTimeout(done);
        });
      });
    },
  };
}

// Keydown to the end of the next frame on an empty page with one input
// whose text is copied into the page: the frame clock's share of latency,
// and what any keystroke costs this browser's main thread (editing the
// input, the frame) before a page does anything. Resolves to
// { work, latency }, arrays in ms.
export async function idleBaseline(browser, presses = 100) {
  const page = await browser.newPage();
  await page.setContent("<input id=q><p id=out></p>");
  await page.evaluate(installFrameTimer);
  await page.evaluate(() => {
    window.__lat = [];
    const q = document.getElementById("q");
    q.addEventListener("keydown", (ev) => {
      window.__frameTimer.arm(ev);
      window.__frameTimer.shown().then((t) => window.__lat.push(t));
    });
    q.addEventListener("input", () => (document.getElementById("out").textContent = q.value));
  });
  await page.focus("#q");
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("a");
    await page.waitForTimeout(40);
  }
  const timed = await page.evaluate(() => window.__lat);
  await page.close();
  return { work: timed.map((t) => t.work), latency: timed.map((t) => t.latency) };
}
