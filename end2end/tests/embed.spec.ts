import { expect, test } from "@playwright/test";
import { createServer, type Server } from "node:http";
import { baseURL, hostOrigin, hostPort } from "../playwright.config";
import { expectStep, latestMessage, uniqueEmail } from "./helpers";

// One club website for the whole file: its tests share the port.
test.describe.configure({ mode: "serial" });

// A club's own website on another origin, embedding the widget with one tag.
let site: Server;
test.beforeAll(async () => {
  site = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><title>Club site</title></head><body>
      <h1>Welcome to the club</h1>
      <script>
        window.__events = [];
        for (const name of ["frontdesk:slot-selected", "frontdesk:booked", "frontdesk:cancelled"]) {
          document.addEventListener(name, (e) => window.__events.push({ name, detail: e.detail }));
        }
      </script>
      <script src="${baseURL}/embed.js" data-agenda="1" data-type="2" async></script>
    </body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(hostPort, "127.0.0.1", resolve));
});
test.afterAll(async () => {
  await new Promise((resolve) => site.close(resolve));
});

test("book from another origin through embed.js and observe the events", async ({ page, request }) => {
  await page.goto(`${hostOrigin}/`);
  const frame = page.frameLocator("iframe");
  await frame.getByRole("button", { name: "Any available" }).click();
  await frame.locator(".slot-list button").first().click();
  await expect.poll(() => page.evaluate(() => (window as any).__events.map((e: any) => e.name))).toContain("frontdesk:slot-selected");

  // The iframe follows the widget's height.
  const height = await page.locator("iframe").evaluate((el) => (el as HTMLIFrameElement).style.height);
  expect(height).toMatch(/px$/);

  const email = uniqueEmail("embedded");
  await frame.getByLabel("Name").fill("Emma Bedded");
  await frame.getByLabel("Email").fill(email);
  await frame.getByRole("button", { name: "Book this appointment" }).click();
  await expectStep(frame, "Enter your code");
  const message = await latestMessage(request, email);
  await frame.getByLabel("Code").fill(message.code!);
  await frame.getByRole("button", { name: "Confirm" }).click();
  await expect(frame.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as any).__events.map((e: any) => e.name))).toContain("frontdesk:booked");
  const booked = await page.evaluate(() => (window as any).__events.find((e: any) => e.name === "frontdesk:booked").detail);
  expect(booked.start).toMatch(/^\d{4}-\d{2}-\d{2}T/);

  await frame.getByRole("link", { name: "Cancel or change this appointment" }).click();
  await frame.getByRole("button", { name: "Cancel appointment" }).click();
  await expect(frame.getByText("The appointment is cancelled.")).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as any).__events.map((e: any) => e.name))).toContain("frontdesk:cancelled");
});

test("a site that is not allowed cannot frame the widget", async ({ request }) => {
  const res = await request.get("/book/1");
  expect(res.headers()["content-security-policy"]).toContain(`frame-ancestors 'self' ${hostOrigin}`);
  const staff = await request.get("/prospects");
  expect(staff.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});
