import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// The real release server on a fresh temporary database, seeded with the
// demo club. `cargo xtask test` builds both and sets FRONTDESK_BIN.
const port = Number(process.env.FRONTDESK_E2E_PORT ?? 8181);
const bin = process.env.FRONTDESK_BIN ?? resolve(__dirname, "../target/release/frontdesk-server");
const dist = resolve(__dirname, "../dist");
// The config is read again in every worker: they share the runner's
// folder (and so the server's mail) through the environment.
const dataDir = process.env.FRONTDESK_E2E_DATA ?? mkdtempSync(join(tmpdir(), "frontdesk-e2e-"));
process.env.FRONTDESK_E2E_DATA = dataDir;
/** Where the server writes each message it sends, as an .eml file. */
export const mailDir = join(dataDir, "mail");

export const baseURL = `http://127.0.0.1:${port}`;
/** A second origin, standing in for a club's own website (tests/embed). */
export const hostPort = port + 1;
export const hostOrigin = `http://localhost:${hostPort}`;
const config = join(dataDir, "frontdesk.toml");
// Messages go to files the tests read (what a member receives); every
// test books from this one address, so the per-client limit on bookings
// waiting for their code is raised (its own tests run on the server's).
writeFileSync(
  config,
  `[embed]\nallowed_origins = ["${hostOrigin}"]\n` +
    `[mail]\ndir = "${mailDir}"\n` +
    `[booking]\nmax_pending_per_client = 10000\n`,
);

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: {
    command: `"${bin}" serve --addr 127.0.0.1:${port} --db "${join(dataDir, "e2e.db")}" --dist "${dist}" --demo --config "${config}" --public-url ${baseURL}`,
    url: `${baseURL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
