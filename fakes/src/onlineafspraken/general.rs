//! Agendas, appointment types, resources, fields, availability and blocks.

use chrono::{Duration, NaiveDate, TimeZone};

use super::availability::{agenda_tz, blocks_on, bookable_times, eligible_resources};
use super::model::*;
use super::render::{self, Envelope};
use super::{Answer, Ctx, Failed, Req, assumed, fail};
use crate::xml::El;

fn agenda(s: &OnlineAfsprakenState, id: i64) -> Result<&Agenda, Failed> {
    s.agendas
        .get(&id)
        .ok_or_else(|| Failed(format!("Agenda {id} not found")))
}

fn appointment_type(s: &OnlineAfsprakenState, id: i64) -> Result<&AppointmentType, Failed> {
    s.appointment_types
        .get(&id)
        .ok_or_else(|| Failed(format!("AppointmentType {id} not found")))
}

fn resource_exists(s: &OnlineAfsprakenState, id: Option<i64>) -> Result<(), Failed> {
    match id {
        Some(r) if !s.resources.contains_key(&r) => fail(format!("Resource {r} not found")),
        _ => Ok(()),
    }
}

/// `from`..=`to`, at most a year.
fn dates(from: NaiveDate, to: NaiveDate) -> Result<Vec<NaiveDate>, Failed> {
    if to < from {
        return fail("The end date lies before the start date");
    }
    if (to - from).num_days() > 366 {
        return fail("The date range may span at most 366 days");
    }
    Ok(from.iter_days().take_while(|d| *d <= to).collect())
}

pub fn get_agendas(s: &OnlineAfsprakenState) -> Answer {
    Ok(Envelope::objects(
        s.agendas.values().map(render::agenda).collect(),
    ))
}

pub fn get_agenda(s: &OnlineAfsprakenState, p: &Req) -> Answer {
    let a = match p.int("Id")? {
        Some(id) => agenda(s, id)?,
        None => s
            .default_agenda()
            .ok_or_else(|| Failed("No agenda".into()))?,
    };
    Ok(Envelope::body(vec![render::agenda(a)]))
}

pub fn get_appointment_types(s: &OnlineAfsprakenState) -> Answer {
    Ok(Envelope::objects(
        s.appointment_types
            .values()
            .map(render::appointment_type)
            .collect(),
    ))
}

pub fn get_appointment_type(s: &OnlineAfsprakenState, p: &Req) -> Answer {
    let t = appointment_type(s, p.req_int("Id")?)?;
    Ok(Envelope::objects(vec![render::appointment_type(t)]))
}

pub fn get_resources(s: &OnlineAfsprakenState) -> Answer {
    Ok(Envelope::objects(
        s.resources.values().map(render::resource).collect(),
    ))
}

pub fn get_resource(s: &OnlineAfsprakenState, p: &Req) -> Answer {
    let id = p.req_int("Id")?;
    let r = s
        .resources
        .get(&id)
        .ok_or_else(|| Failed(format!("Resource {id} not found")))?;
    Ok(Envelope::body(vec![render::resource(r)]))
}

pub fn requires_confirmation(s: &OnlineAfsprakenState) -> Answer {
    Ok(Envelope::body(vec![El::new("Confirmation").with_leaf(
        "Required",
        i64::from(s.requires_confirmation),
    )]))
}

pub fn get_fields(s: &OnlineAfsprakenState, p: &Req) -> Answer {
    let agenda_id = agenda(s, p.req_int("AgendaId")?)?.id;
    let type_id = p.int("AppointmentTypeId")?;
    let fields = s
        .fields
        .values()
        .filter(|f| f.agenda_id == agenda_id)
        .filter(|f| {
            type_id.is_none_or(|t| {
                f.appointment_type_ids.is_empty() || f.appointment_type_ids.contains(&t)
            })
        })
        .map(render::field)
        .collect();
    Ok(Envelope::objects(fields))
}

pub fn get_bookable_blocks(s: &OnlineAfsprakenState, p: &Req) -> Answer {
    let a = agenda(s, p.req_int("AgendaId")?)?;
    let t = appointment_type(s, p.req_int("AppointmentTypeId")?)?;
    let only = p.int("ResourceId")?;
    resource_exists(s, only)?;
    let from = p.req_date("Date")?;
    let to = p.date("EndDate")?.unwrap_or(from);
    let consumer_only = p.flag("ConsumerBookable")?;
    let eligible = eligible_resources(s, t, only);
    let mut body = Vec::new();
    for date in dates(from, to)? {
        for b in blocks_on(s, a.id, date, t.id) {
            let for_type = if b.resource_id == 0 {
                !eligible.is_empty()
            } else {
                eligible.contains(&b.resource_id)
            };
            if for_type && (b.consumer_bookable || !consumer_only) {
                body.push(assumed::bookable_block(
                    date,
                    b.start,
                    b.end,
                    b.resource_id,
                    t.id,
                ));
            }
        }
    }
    if body.is_empty() {
        body.push(assumed::no_bookable_blocks());
    }
    Ok(Envelope::body(body))
}

pub fn get_bookable_days(s: &OnlineAfsprakenState, ctx: &Ctx, p: &Req) -> Answer {
    let a = agenda(s, p.req_int("AgendaId")?)?;
    let t = appointment_type(s, p.req_int("AppointmentTypeId")?)?;
    let only = p.int("ResourceId")?;
    resource_exists(s, only)?;
    let now = ctx.agenda_now(a);
    let from = p.date("StartDate")?.unwrap_or(now.date());
    let to = p.date("EndDate")?.unwrap_or(from + Duration::days(30));
    let resources = eligible_resources(s, t, only);
    let mut days = Vec::new();
    for date in dates(from, to)? {
        if !bookable_times(s, a, t, &resources, date, now).is_empty() {
            days.push(
                El::new("BookableDay")
                    .with_leaf("Date", date.format("%Y-%m-%d"))
                    .with_leaf("Month", date.format("%m"))
                    .with_leaf("Day", chrono::Datelike::day(&date)),
            );
        }
    }
    Ok(Envelope::objects(days))
}

pub fn get_bookable_times(s: &OnlineAfsprakenState, ctx: &Ctx, p: &Req) -> Answer {
    let a = agenda(s, p.req_int("AgendaId")?)?;
    let t = appointment_type(s, p.req_int("AppointmentTypeId")?)?;
    let only = p.int("ResourceId")?;
    resource_exists(s, only)?;
    let from = p.req_date("Date")?;
    let to = p.date("EndDate")?.unwrap_or(from);
    let now = ctx.agenda_now(a);
    let tz = agenda_tz(a);
    let resources = eligible_resources(s, t, only);
    let mut times = Vec::new();
    for date in dates(from, to)? {
        for (start, r) in bookable_times(s, a, t, &resources, date, now) {
            let end = start + Duration::minutes(t.duration);
            let timestamp = tz
                .from_local_datetime(&start)
                .earliest()
                .map(|i| i.timestamp())
                .unwrap_or_default();
            times.push(
                El::new("BookableTime")
                    .with_leaf("Date", date.format("%Y-%m-%d"))
                    .with_leaf("StartTime", start.format("%H:%M"))
                    .with_leaf("LabelTime", start.format("%H:%M"))
                    .with_leaf("EndTime", end.format("%H:%M"))
                    .with_leaf("Timestamp", timestamp)
                    .with_leaf("AppointmentTypeId", t.id)
                    .with_leaf("ResourceId", r),
            );
        }
    }
    Ok(Envelope::objects(times))
}

pub fn add_block(s: &mut OnlineAfsprakenState, p: &Req) -> Answer {
    let agenda_id = agenda(s, p.req_int("AgendaId")?)?.id;
    let type_id = p.int("AppointmentType")?.unwrap_or(0);
    if type_id != 0 {
        appointment_type(s, type_id)?;
    }
    let resource_id = p.int("ResourceId")?;
    resource_exists(s, resource_id)?;
    let date = p.req_date("Date")?;
    let start = p.req_time("StartTime")?;
    let end = p.req_time("EndTime")?;
    if end <= start {
        return fail("EndTime must be after StartTime");
    }
    let id = s.insert_block(Block {
        id: 0,
        agenda_id,
        date,
        start,
        end,
        resource_id: resource_id.unwrap_or(0),
        appointment_type_id: type_id,
    });
    Ok(render::saved("Block", id, None))
}

pub fn remove_block(s: &mut OnlineAfsprakenState, p: &Req) -> Answer {
    let agenda_id = p.req_int("AgendaId")?;
    let id = p.req_int("id")?;
    match s.blocks.get(&id) {
        Some(b) if b.agenda_id == agenda_id => {
            s.blocks.remove(&id);
            Ok(Envelope::empty_message())
        }
        _ => fail(format!("Block {id} not found in agenda {agenda_id}")),
    }
}
