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

// The same server a second time, with a vendor behind it: the fake
// vendors (`frontdesk-fakes`, built from the seeds) as a process, and a
// server whose prospects are Clubplanner's. The `vendors` project runs
// against it.
const fakesBin = process.env.FRONTDESK_FAKES_BIN ?? resolve(__dirname, "../target/release/frontdesk-fakes");
export const fakesPort = port + 3;
export const fakesURL = `http://127.0.0.1:${fakesPort}`;
export const vendorPort = port + 4;
export const vendorURL = `http://127.0.0.1:${vendorPort}`;
const vendorConfig = join(dataDir, "frontdesk-vendors.toml");
writeFileSync(
  vendorConfig,
  `[connectors]\nprospects = "clubplanner"\nsales_steps = "clubplanner"\navailability = "onlineafspraken"\nbookings = "onlineafspraken"\nagenda = "onlineafspraken"\n` +
    `[clubplanner]\nbase_url = "${fakesURL}/clubplanner/api"\ntoken_env = "CLUBPLANNER_TOKEN"\ntimeout_ms = 2000\nsync_interval_s = 3600\n` +
    `calendar_name = "Verkoop"\nroom_id = 1\nemployees = { "1" = "Demo Brussels", "5" = "Sarah Peeters" }\n` +
    `[onlineafspraken]\nbase_url = "${fakesURL}/onlineafspraken/APIREST"\nkey_env = "ONLINEAFSPRAKEN_KEY"\nsecret_env = "ONLINEAFSPRAKEN_SECRET"\n` +
    `timezone = "Europe/Brussels"\nrooms = ["103"]\ntimeout_ms = 2000\nsync_interval_s = 3600\n` +
    `[mail]\ndir = "${join(dataDir, "mail-vendors")}"\n`,
);

// A third server for the CRMs (issue #19): prospects and deals in
// Overplane (the same fakes process). The `crm` project runs against it.
export const crmPort = port + 5;
export const crmURL = `http://127.0.0.1:${crmPort}`;
const crmConfig = join(dataDir, "frontdesk-crm.toml");
writeFileSync(
  crmConfig,
  `[connectors]\nprospects = "overplane"\npipelines = "overplane"\n` +
    `[overplane]\nbase_url = "${fakesURL}/overplane"\ntoken_env = "OVERPLANE_TOKEN"\ntimeout_ms = 2000\nsync_interval_s = 3600\n` +
    `[mail]\ndir = "${join(dataDir, "mail-crm")}"\n`,
);

// The same for AlphaAlpha: its customers as prospects and the lifecycle.
export const alphaPort = port + 6;
export const alphaURL = `http://127.0.0.1:${alphaPort}`;
const alphaConfig = join(dataDir, "frontdesk-alphaalpha.toml");
writeFileSync(
  alphaConfig,
  `[connectors]\nprospects = "alphaalpha"\npipelines = "alphaalpha"\n` +
    `[alphaalpha]\nbase_url = "${fakesURL}/alphaalpha/api/v1"\ntoken_env = "ALPHAALPHA_TOKEN"\ntimeout_ms = 2000\nsync_interval_s = 3600\n` +
    `[mail]\ndir = "${join(dataDir, "mail-alphaalpha")}"\n`,
);

// And for Cirrus 2: its leads as prospects, its opportunity types as boards.
export const cirrusPort = port + 7;
export const cirrusURL = `http://127.0.0.1:${cirrusPort}`;
const cirrusConfig = join(dataDir, "frontdesk-cirrus.toml");
writeFileSync(
  cirrusConfig,
  `[connectors]\nprospects = "cirrus"\npipelines = "cirrus"\n` +
    `[cirrus]\nbase_url = "${fakesURL}/cirrus"\ntoken_env = "CIRRUS_TOKEN"\ntimeout_ms = 2000\nsync_interval_s = 3600\nuser_id = 1\n` +
    `[mail]\ndir = "${join(dataDir, "mail-cirrus")}"\n`,
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
    {
      name: "desktop",
      testIgnore: /(vendors|crm)-.*\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
    {
      name: "vendors",
      testMatch: /vendors-.*\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: vendorURL },
    },
    {
      name: "crm",
      testMatch: /crm-overplane\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: crmURL },
    },
    {
      name: "alphaalpha",
      testMatch: /crm-alphaalpha\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: alphaURL },
    },
    {
      name: "cirrus",
      testMatch: /crm-cirrus\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: cirrusURL },
    },
  ],
  webServer: [
    {
      command: `"${bin}" serve --addr 127.0.0.1:${port} --db "${join(dataDir, "e2e.db")}" --dist "${dist}" --demo --config "${config}" --public-url ${baseURL}`,
      url: `${baseURL}/api/v1/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `"${fakesBin}" --addr 127.0.0.1:${fakesPort} --prospects 300`,
      url: `${fakesURL}/_fake`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // Its first sync may run before the fakes answer; the vendor specs
      // sync first (the list's refresh), as a desk would.
      command: `"${bin}" serve --addr 127.0.0.1:${vendorPort} --db "${join(dataDir, "e2e-vendors.db")}" --dist "${dist}" --demo --config "${vendorConfig}" --public-url ${vendorURL}`,
      url: `${vendorURL}/api/v1/health`,
      env: { CLUBPLANNER_TOKEN: "DEMOTOKEN", ONLINEAFSPRAKEN_KEY: "DEMOKEY", ONLINEAFSPRAKEN_SECRET: "DEMOSECRET" },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `"${bin}" serve --addr 127.0.0.1:${crmPort} --db "${join(dataDir, "e2e-crm.db")}" --dist "${dist}" --demo --config "${crmConfig}" --public-url ${crmURL}`,
      url: `${crmURL}/api/v1/health`,
      env: { OVERPLANE_TOKEN: "sk_test_demo" },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `"${bin}" serve --addr 127.0.0.1:${alphaPort} --db "${join(dataDir, "e2e-alphaalpha.db")}" --dist "${dist}" --demo --config "${alphaConfig}" --public-url ${alphaURL}`,
      url: `${alphaURL}/api/v1/health`,
      env: { ALPHAALPHA_TOKEN: "alpha-demo-token" },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `"${bin}" serve --addr 127.0.0.1:${cirrusPort} --db "${join(dataDir, "e2e-cirrus.db")}" --dist "${dist}" --demo --config "${cirrusConfig}" --public-url ${cirrusURL}`,
      url: `${cirrusURL}/api/v1/health`,
      env: { CIRRUS_TOKEN: "cirrus-demo-token" },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
