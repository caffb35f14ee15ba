import { chromium } from "@playwright/test";
const base = "http://127.0.0.1:8194";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu"] });
const login = await browser.newContext();
await login.request.post(`${base}/api/v1/session`, { data: { email: "demo@frontdesk.test", password: "frontdesk-demo" } });
const state = await login.storageState();
for (const path of ["/settings", "/settings", "/settings", "/prospects", "/prospects", "/prospects"]) {
  const context = await browser.newContext({ storageState: state });
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, o) => { if (document.querySelector(".topbar")) { o.disconnect(); window.__shell = performance.now(); } }).observe(document, { childList: true, subtree: true });
    new MutationObserver((_, o) => { if (document.querySelector(".ptable-space [role=row]")) { o.disconnect(); window.__row = performance.now(); } }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${base}${path}`);
  await page.waitForFunction(() => window.__shell !== undefined);
  if (path === "/prospects") await page.waitForFunction(() => window.__row !== undefined);
  const t = await page.evaluate(() => ({ shell: window.__shell, row: window.__row, res: performance.getEntriesByType("resource").filter(r => /wasm|index|session|\.js/.test(r.name)).map(r => `${r.name.replace(/.*\//, "").slice(0,30)} ${r.startTime.toFixed(0)}-${r.responseEnd.toFixed(0)}`), nav: performance.getEntriesByType("navigation")[0].responseEnd.toFixed(0) }));
  console.log(path, "shell", t.shell?.toFixed(0), "row", t.row?.toFixed(0), "nav", t.nav, t.res.join(" | "));
  await context.close();
}
await browser.close();
