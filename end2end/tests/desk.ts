import { expect, type Page } from "@playwright/test";

/** The first public agenda, a type named like `type`, and one of its coaches. */
export async function deskSetup(page: Page, type: RegExp) {
  let agenda: { id: number } | undefined;
  await expect
    .poll(async () => {
      agenda = (await (await page.request.get("/api/v1/public/agendas")).json())[0];
      return agenda?.id ?? 0;
    })
    .toBeGreaterThan(0);
  const types: any[] = await (await page.request.get(`/api/v1/public/agendas/${agenda!.id}/types`)).json();
  const ty = types.find((t) => type.test(t.name));
  expect(ty, `a type like ${type}`).toBeTruthy();
  const resources: any[] = await (await page.request.get(`/api/v1/public/agendas/${agenda!.id}/resources`)).json();
  const coach = resources.find((r) => ty.resource_ids.length === 0 || ty.resource_ids.includes(String(r.id)));
  expect(coach, "a coach of the type").toBeTruthy();
  const fields: any[] = await (await page.request.get(`/api/v1/public/agendas/${agenda!.id}/types/${ty.id}/fields`)).json();
  const answers: Record<string, string> = {};
  for (const f of fields) if (f.required) answers[f.key] = "An answer";
  return { agenda: agenda!.id, type: ty.id as number, coach: String(coach.id), answers };
}

/**
 * Staff book `name` at 03:00 UTC in `days` days (outside the hours, so it
 * needs a reason), then, on the calendar, mark a no-show, cancel with a
 * reason and the customer told. Returns the appointment's id and date.
 */
export async function deskFlow(
  page: Page,
  setup: { agenda: number; type: number; coach: string; answers: Record<string, string> },
  name: string,
  email: string,
) {
  const date = new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10);
  const body = {
    agenda_id: setup.agenda,
    type_id: setup.type,
    start: `${date}T03:00:00Z`,
    resource_id: setup.coach,
    name,
    email,
    fields: setup.answers,
  };
  const refused = await page.request.post("/api/v1/appointments", { data: body });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).errors.override_reason).toBeTruthy();
  const booked = await page.request.post("/api/v1/appointments", {
    data: { ...body, override_reason: "Early shift, agreed with the coach" },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  const appointment = await booked.json();

  await page.goto(`/calendar?date=${appointment.date}&view=list`);
  const item = page.locator(".agenda-item", { hasText: name });
  await expect(item).toBeVisible();
  const noShow = item.getByRole("button", { name: "No-show" });
  await noShow.click();
  await expect(noShow).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(item.getByRole("button", { name: "No-show" })).toHaveAttribute("aria-pressed", "true");

  // Cancel by keyboard alone: the reason typed, the customer told.
  await item.getByRole("button", { name: "Cancel…" }).focus();
  await page.keyboard.press("Enter");
  await item.getByLabel("Reason (told to the customer)").fill("Coach is ill");
  await expect(item.getByLabel("Tell the customer")).toBeChecked();
  await item.getByRole("button", { name: "Cancel the appointment" }).focus();
  await page.keyboard.press("Enter");
  await expect(item.locator(".agenda-status")).toHaveText("Cancelled");
  await page.reload();
  await expect(page.locator(".agenda-item", { hasText: name }).locator(".agenda-status")).toHaveText("Cancelled");
  return appointment;
}
