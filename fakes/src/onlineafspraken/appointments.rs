//! getAppointments, getAppointment, setAppointment, confirmAppointment,
//! cancelAppointment, removeAppointment.

use chrono::{Duration, NaiveDateTime};

use super::availability::{
    agenda_tz, blocks_on, eligible_resources, fits, in_notice_window, intervals, remaining,
};
use super::model::*;
use super::render::{self, Envelope, Stats};
use super::{Answer, Ctx, Failed, Req, assumed, fail};
use crate::xml::El;

pub const MAX_LIMIT: usize = 500;

fn customer_name(s: &OnlineAfsprakenState, id: i64) -> String {
    s.customers
        .get(&id)
        .map(Customer::full_name)
        .unwrap_or_default()
}

fn find(s: &OnlineAfsprakenState, id: i64) -> Result<&Appointment, Failed> {
    s.appointments
        .get(&id)
        .ok_or_else(|| Failed(format!("Appointment {id} not found")))
}

pub fn get_appointment(s: &OnlineAfsprakenState, p: &Req) -> Answer {
    let a = find(s, p.req_int("Id")?)?;
    Ok(Envelope::body(vec![render::appointment(
        a,
        &customer_name(s, a.customer_id),
    )]))
}

pub fn get_appointments(s: &OnlineAfsprakenState, p: &Req) -> Answer {
    let agenda_id = p.int("AgendaId")?;
    let start = p.date("StartDate")?;
    let end = p.date("EndDate")?;
    let updated_after = p.datetime("UpdatedAfter")?;
    let created_after = p.datetime("CreatedAfter")?;
    let customer_id = p.int("CustomerId")?;
    let type_id = p.int("AppointmentTypeId")?;
    let resource_id = p.int("ResourceId")?;
    let limit = p
        .int("Limit")?
        .map_or(MAX_LIMIT, |l| (l.max(0) as usize).min(MAX_LIMIT));
    let offset = p.int("Offset")?.unwrap_or(0).max(0) as usize;

    let mut list: Vec<&Appointment> = s
        .appointments
        .values()
        .filter(|a| agenda_id.is_none_or(|x| a.agenda_id == x))
        .filter(|a| start.is_none_or(|d| a.start_time.date() >= d))
        .filter(|a| end.is_none_or(|d| a.start_time.date() <= d))
        .filter(|a| updated_after.is_none_or(|t| a.update_time > t))
        .filter(|a| created_after.is_none_or(|t| a.create_time > t))
        .filter(|a| customer_id.is_none_or(|x| a.customer_id == x))
        .filter(|a| type_id.is_none_or(|x| a.appointment_type_id == x))
        .filter(|a| resource_id.is_none_or(|x| a.resources.iter().any(|r| r.resource_id == x)))
        .filter(|a| a.status != 3 || updated_after.is_some())
        .collect();
    list.sort_by_key(|a| (a.start_time, a.id));
    let total = list.len();
    let page: Vec<El> = list
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|a| render::appointment(a, &customer_name(s, a.customer_id)))
        .collect();
    Ok(Envelope {
        stats: Some(Stats {
            limit,
            offset,
            records: page.len(),
            total_records: total,
        }),
        ..Envelope::objects(page)
    })
}

/// Field answers for `fields` taken from the request (Key = parameter name).
fn field_answers(fields: &[&Field], p: &Req, existing: &mut Vec<El>) {
    for f in fields {
        if let Some(v) = p.text(&f.key) {
            existing.retain(|e| e.name != f.key);
            existing.push(El::leaf(f.key.clone(), v));
        }
    }
}

/// Resources whose blocks hold `[start, end)` and that have a place left
/// (`check_free`), lowest id first.
#[allow(clippy::too_many_arguments)]
fn usable_resources(
    s: &OnlineAfsprakenState,
    agenda: &Agenda,
    t: &AppointmentType,
    candidates: &[i64],
    start: NaiveDateTime,
    end: NaiveDateTime,
    except: Option<i64>,
    check_free: bool,
) -> Vec<i64> {
    let blocks = blocks_on(s, agenda.id, start.date(), t.id);
    candidates
        .iter()
        .copied()
        .filter(|r| fits(&intervals(&blocks, *r), start, end))
        .filter(|r| !check_free || remaining(s, t, *r, start, end, except) >= 1)
        .collect()
}

pub fn set_appointment(s: &mut OnlineAfsprakenState, ctx: &Ctx, p: &Req) -> Answer {
    let customer_mode = match p.text("BookingMode").unwrap_or("consumer") {
        "consumer" => false,
        "customer" => true,
        other => return fail(format!("Invalid BookingMode {other}")),
    };
    let override_mode = p.flag("OverrideMode")?;
    let check_fields = p.int("RequiredFieldsCheck")?.unwrap_or(1) != 0;
    let agenda_id = p.req_int("AgendaId")?;
    let agenda = s
        .agendas
        .get(&agenda_id)
        .cloned()
        .ok_or_else(|| Failed(format!("Agenda {agenda_id} not found")))?;
    let customer_id = p.req_int("CustomerId")?;
    match s.customers.get(&customer_id) {
        None => return fail(format!("Customer {customer_id} not found")),
        Some(c) if c.status != 1 => return fail(format!("Customer {customer_id} is not enabled")),
        Some(_) => {}
    }
    let existing_id = p.int("Id")?;
    if existing_id.is_some() && !customer_mode {
        return fail(
            "Modifying an existing appointment is only possible with BookingMode=customer",
        );
    }
    let existing = match existing_id {
        Some(id) => {
            let a = find(s, id)?.clone();
            if a.status != 1 {
                return fail(format!("Appointment {id} is cancelled or deleted"));
            }
            Some(a)
        }
        None => None,
    };
    let type_id = match &existing {
        Some(a) => a.appointment_type_id,
        None => p.req_int("AppointmentTypeId")?,
    };
    let t = s
        .appointment_types
        .get(&type_id)
        .cloned()
        .ok_or_else(|| Failed(format!("AppointmentType {type_id} not found")))?;
    let date = p.req_date("Date")?;
    let start = p.req_time("StartTime")?.on(date);
    let end = match p.time("EndTime")? {
        Some(e) if customer_mode => e.on(date),
        _ => start + Duration::minutes(t.duration),
    };
    if end <= start {
        return fail("EndTime must be after StartTime");
    }

    let fields: Vec<&Field> = s
        .fields
        .values()
        .filter(|f| f.agenda_id == agenda.id && f.field_type == "Appointment")
        .filter(|f| f.appointment_type_ids.is_empty() || f.appointment_type_ids.contains(&t.id))
        .collect();
    if check_fields
        && let Some(f) = fields
            .iter()
            .find(|f| f.required && p.text(&f.key).is_none())
    {
        return fail(format!("Field {} is required", f.key));
    }

    if !customer_mode {
        if t.status != 1 || !t.can_be_booked_by_consumer {
            return fail(format!(
                "AppointmentType {} cannot be booked by consumers",
                t.id
            ));
        }
        let minutes = (start - date.and_time(chrono::NaiveTime::MIN)).num_minutes();
        if minutes % agenda.align_grid.max(1) != 0 {
            return fail("The start time is not on the agenda's grid");
        }
        if !in_notice_window(&t, ctx.agenda_now(&agenda), start) {
            return fail("The selected time can no longer (or not yet) be booked");
        }
    }
    let tz = agenda_tz(&agenda);
    if chrono::TimeZone::from_local_datetime(&tz, &start)
        .earliest()
        .is_none()
    {
        return fail("The start time does not exist in the agenda's time zone");
    }

    // Which resources: the existing appointment's, or ResourceId, or every
    // eligible one (the backend picks).
    let candidates: Vec<i64> = match &existing {
        Some(a) if !a.resources.is_empty() => a.resources.iter().map(|r| r.resource_id).collect(),
        Some(_) => eligible_resources(s, &t, None),
        None => {
            let only = p.int("ResourceId")?;
            let eligible = eligible_resources(s, &t, only);
            if let Some(r) = only
                && eligible.is_empty()
            {
                return fail(format!(
                    "Resource {r} cannot be used for AppointmentType {}",
                    t.id
                ));
            }
            eligible
        }
    };
    let except = existing.as_ref().map(|a| a.id);
    let chosen: Vec<i64> = if override_mode {
        usable_resources(s, &agenda, &t, &candidates, start, end, except, false)
            .into_iter()
            .take(1)
            .collect()
    } else {
        let free = usable_resources(s, &agenda, &t, &candidates, start, end, except, true);
        match free.first() {
            Some(r) => vec![*r],
            None => return fail("The selected time is not available"),
        }
    };
    let resources: Vec<AppointmentResource> = chosen
        .into_iter()
        .map(|resource_id| AppointmentResource {
            resource_id,
            start_time: start,
            finish_time: end,
        })
        .collect();

    let now = ctx.server_now();
    let mut extra = existing
        .as_ref()
        .map(|a| a.extra.clone())
        .unwrap_or_default();
    field_answers(&fields, p, &mut extra);
    let blocked_time = end + Duration::minutes(t.buffer);

    if let Some(old) = existing {
        let description = match p.text("Description") {
            Some(d) if old.description.is_empty() => d.to_string(),
            Some(d) => format!("{}\n{}", old.description, d),
            None => old.description.clone(),
        };
        let updated = Appointment {
            name: p.text("Name").map_or(old.name.clone(), str::to_string),
            description,
            start_time: start,
            finish_time: end,
            blocked_time,
            customer_id,
            resources,
            update_time: now,
            extra,
            ..old
        };
        let (id, label) = (updated.id, updated.label);
        s.appointments.insert(id, updated);
        return Ok(render::saved("Appointment", id, Some(label)));
    }

    let pending = s.requires_confirmation && !customer_mode;
    let id = s.insert_appointment(Appointment {
        id: 0,
        agenda_id: agenda.id,
        name: p.text("Name").unwrap_or(&t.name).to_string(),
        description: p.text("Description").unwrap_or("").to_string(),
        start_time: start,
        finish_time: end,
        blocked_time,
        capacity: 1,
        appointment_type_id: t.id,
        customer_id,
        status: 1,
        label: if pending { 1 } else { 2 },
        resources,
        create_time: now,
        update_time: now,
        extra,
        confirmation_code: None,
        cancel_remarks: None,
    });
    if pending {
        let code = assumed::confirmation_code(id);
        let to = s.customers[&customer_id].email.clone();
        s.outbox.push(SentMessage {
            at: now,
            to,
            kind: "confirmation_code".into(),
            appointment_id: Some(id),
            text: format!("Your confirmation code is {code}"),
        });
        if let Some(a) = s.appointments.get_mut(&id) {
            a.confirmation_code = Some(code);
        }
    }
    let label = s.appointments[&id].label;
    Ok(render::saved("Appointment", id, Some(label)))
}

pub fn confirm_appointment(s: &mut OnlineAfsprakenState, ctx: &Ctx, p: &Req) -> Answer {
    let id = p.req_int("id")?;
    let code = p
        .text("ConfirmationCode")
        .ok_or_else(|| Failed("Missing parameter ConfirmationCode".into()))?;
    let a = find(s, id)?;
    if a.status != 1 || a.label != 1 {
        return fail(format!("Appointment {id} is not pending confirmation"));
    }
    if a.confirmation_code.as_deref() != Some(code.trim()) {
        return fail("Invalid confirmation code");
    }
    let now = ctx.server_now();
    if let Some(a) = s.appointments.get_mut(&id) {
        a.label = 2;
        a.confirmation_code = None;
        a.update_time = now;
    }
    Ok(Envelope::empty_message())
}

pub fn cancel_appointment(s: &mut OnlineAfsprakenState, ctx: &Ctx, p: &Req) -> Answer {
    let id = p.req_int("Id")?;
    let company = match p.text("Mode").unwrap_or("customer") {
        "customer" => false,
        "company" => true,
        other => return fail(format!("Invalid Mode {other}")),
    };
    let dry_run = p.flag("DryRun")?;
    let confirmations = p.int("Confirmations")?.unwrap_or(0);
    if !(0..=3).contains(&confirmations) {
        return fail("Invalid value for parameter Confirmations");
    }
    let a = find(s, id)?;
    if a.status != 1 || a.label == 4 {
        return fail(format!("Appointment {id} is already cancelled or deleted"));
    }
    if !company {
        let agenda = s.agendas.get(&a.agenda_id);
        let notice = agenda.map_or(0, |g| g.cancel_min_notice_min);
        let now = agenda.map_or(ctx.server_now(), |g| ctx.agenda_now(g));
        if a.start_time < now + Duration::minutes(notice) {
            return fail("The appointment can no longer be cancelled");
        }
    }
    if dry_run {
        return Ok(Envelope::default());
    }
    let now = ctx.server_now();
    let customer_id = a.customer_id;
    let remarks = p.text("Remarks").filter(|_| company).map(str::to_string);
    if let Some(a) = s.appointments.get_mut(&id) {
        a.status = 2;
        a.label = 4;
        a.update_time = now;
        a.cancel_remarks = remarks;
    }
    let notify = if company { confirmations != 0 } else { true };
    if notify {
        let to = s
            .customers
            .get(&customer_id)
            .map(|c| c.email.clone())
            .unwrap_or_default();
        s.outbox.push(SentMessage {
            at: now,
            to,
            kind: "cancellation".into(),
            appointment_id: Some(id),
            text: "Your appointment has been cancelled".into(),
        });
    }
    Ok(Envelope::default())
}

pub fn remove_appointment(s: &mut OnlineAfsprakenState, ctx: &Ctx, p: &Req) -> Answer {
    let id = p.req_int("Id")?;
    let a = find(s, id)?;
    if a.status == 3 {
        return fail(format!("Appointment {id} not found"));
    }
    let now = ctx.server_now();
    if let Some(a) = s.appointments.get_mut(&id) {
        a.status = 3;
        a.update_time = now;
    }
    Ok(Envelope::empty_message())
}
