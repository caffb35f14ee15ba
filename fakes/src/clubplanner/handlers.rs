//! One function per Clubplanner method.

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Europe::Brussels;

use super::assumed::{self, CalendarItemWire};
use super::dates::{parse_date, parse_datetime};
use super::model::{
    CalendarItem, Change, ClubplannerState, Prospect, StepRecord, unknown_birth_date,
};
use super::steps::{self, FINISHED};
use super::wire::{AddSaleResult, ProspectWire, StepWire};
use crate::Shared;
use crate::params::Params;
use crate::reply::{self, Reply};
use crate::xml;

/// The vendor's error: HTTP `status` with `<Error><Message>…</Message></Error>`.
pub fn error(status: u16, message: &str) -> Reply {
    Reply::new(
        status,
        reply::XML,
        format!("<Error><Message>{}</Message></Error>", xml::escape(message)),
    )
}

struct Fail(u16, String);

fn bad(message: impl Into<String>) -> Fail {
    Fail(400, message.into())
}

type Answer = Result<Reply, Fail>;

/// The documented methods, lower-case (paths are matched ignoring case).
const ROUTES: [&str; 10] = [
    "sales/getprospect",
    "sales/getprospects",
    "sales/addprospect",
    "sales/updateprospect",
    "sales/deleteprospect",
    "sales/deletecalendaritem",
    "sales/getfreetimeslots",
    "sales/setstepresult",
    "sales/getcurrentstep",
    "sales/getcalendaritems",
];

pub(super) fn dispatch(shared: &Shared, route: &str, p: &Params) -> Reply {
    let answer = if !ROUTES.contains(&route) {
        Err(Fail(
            404,
            "No HTTP resource was found that matches the request URI".into(),
        ))
    } else if p.get_ci("token") != Some(shared.credentials.clubplanner_token.as_str()) {
        Err(bad("Invalid token"))
    } else {
        let now = shared.now().with_timezone(&Brussels).naive_local();
        let mut guard = shared.state();
        let s = &mut guard.clubplanner;
        match route {
            "sales/getprospect" => get_prospect(s, p, now),
            "sales/getprospects" => get_prospects(s, p, now),
            "sales/addprospect" => add_prospect(s, p, now),
            "sales/updateprospect" => update_prospect(s, p, now),
            "sales/deleteprospect" => delete_prospect(s, p, now),
            "sales/deletecalendaritem" => delete_calendar_item(s, p, now),
            "sales/getfreetimeslots" => get_free_timeslots(s, p),
            "sales/setstepresult" => set_step_result(s, p, now),
            "sales/getcurrentstep" => get_current_step(s, p),
            // "sales/getcalendaritems": the route is one of ROUTES.
            _ => get_calendar_items(s, p),
        }
    };
    answer.unwrap_or_else(|Fail(status, message)| error(status, &message))
}

fn text(p: &Params, name: &str) -> String {
    p.get_ci(name).unwrap_or("").to_string()
}

fn from(p: &Params) -> Option<String> {
    p.get_ci("from")
        .filter(|v| !v.trim().is_empty())
        .map(str::to_string)
}

fn required_int(p: &Params, name: &str) -> Result<i64, Fail> {
    let v = p
        .get_ci(name)
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| bad(format!("The parameter '{name}' is required")))?;
    v.trim()
        .parse()
        .map_err(|_| bad(format!("The value '{v}' is not valid for '{name}'")))
}

fn optional_int(p: &Params, name: &str) -> Result<Option<i64>, Fail> {
    match p.get_ci(name).filter(|v| !v.trim().is_empty()) {
        None => Ok(None),
        Some(_) => required_int(p, name).map(Some),
    }
}

fn required_date(p: &Params, name: &str) -> Result<NaiveDate, Fail> {
    let v = p
        .get_ci(name)
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| bad(format!("The parameter '{name}' is required")))?;
    parse_date(v).ok_or_else(|| bad(format!("The value '{v}' is not a valid date for '{name}'")))
}

fn optional_datetime(p: &Params, name: &str) -> Result<Option<NaiveDateTime>, Fail> {
    match p.get_ci(name).filter(|v| !v.trim().is_empty()) {
        None => Ok(None),
        Some(v) => parse_datetime(v)
            .map(Some)
            .ok_or_else(|| bad(format!("The value '{v}' is not a valid date for '{name}'"))),
    }
}

fn prospect_not_found(id: i64) -> Fail {
    bad(format!("Prospect {id} not found"))
}

fn get_prospect(s: &ClubplannerState, p: &Params, now: NaiveDateTime) -> Answer {
    let id = required_int(p, "id")?;
    let prospect = s.prospects.get(&id).ok_or_else(|| prospect_not_found(id))?;
    Ok(Reply::json(&ProspectWire::from(prospect, now.date())))
}

fn get_prospects(s: &ClubplannerState, p: &Params, now: NaiveDateTime) -> Answer {
    let (fromdate, todate) = (p.get_ci("fromdate"), p.get_ci("todate"));
    let mut list = Vec::new();
    for prospect in s.prospects.values() {
        let keep = assumed::in_window(prospect, fromdate, todate)
            .map_err(|name| bad(format!("The value is not a valid date for '{name}'")))?;
        if keep {
            list.push(ProspectWire::from(prospect, now.date()));
        }
    }
    Ok(Reply::json(&list))
}

/// The prospect a write describes: every field from its parameter, an
/// omitted one cleared (see `assumed`).
fn prospect_from_params(
    s: &ClubplannerState,
    p: &Params,
    id: i64,
    now: NaiveDateTime,
) -> Result<Prospect, Fail> {
    let birth_date = match p.get_ci("dayofbirth").filter(|v| !v.trim().is_empty()) {
        None => unknown_birth_date(),
        Some(v) => parse_date(v).ok_or_else(|| {
            bad(format!(
                "The value '{v}' is not a valid date for 'dayofbirth'"
            ))
        })?,
    };
    let male = assumed::parse_gender(p.get_ci("gender")).ok_or_else(|| {
        bad(format!(
            "The value '{}' is not valid for 'gender'",
            p.get_ci("gender").unwrap_or("")
        ))
    })?;
    let owner_id = optional_int(p, "owner")?.unwrap_or(s.api_user_id);
    if !s.employees.contains_key(&owner_id) {
        return Err(bad(format!("Employee {owner_id} not found")));
    }
    let prospect = Prospect {
        id,
        owner_id,
        name: text(p, "lastname"),
        firstname: text(p, "firstname"),
        male,
        status: 0,
        telephone_number: text(p, "telephonenbr"),
        birth_date,
        address_line: text(p, "addressline"),
        zip: text(p, "zip"),
        city: text(p, "city"),
        mobile_number: text(p, "mobile"),
        email_address: text(p, "email"),
        prospect_source: text(p, "source"),
        prospect_sub_source: text(p, "subsource"),
        note: text(p, "note"),
        lang_id: text(p, "langid"),
        created_at: now,
        modified_at: now,
        modified_by: from(p),
    };
    if prospect.name.trim().is_empty() && prospect.firstname.trim().is_empty() {
        return Err(bad("A firstname or lastname is required"));
    }
    Ok(prospect)
}

fn add_prospect(s: &mut ClubplannerState, p: &Params, now: NaiveDateTime) -> Answer {
    let prospect = prospect_from_params(s, p, 0, now)?;
    let id = s.insert_prospect(prospect);
    record(s, now, "AddProspect", id, p);
    Ok(Reply::json(&AddSaleResult::from(&s.prospects[&id], s)))
}

fn update_prospect(s: &mut ClubplannerState, p: &Params, now: NaiveDateTime) -> Answer {
    let id = required_int(p, "id")?;
    let old = s.prospects.get(&id).ok_or_else(|| prospect_not_found(id))?;
    let prospect = Prospect {
        status: old.status,
        created_at: old.created_at,
        ..prospect_from_params(s, p, id, now)?
    };
    s.prospects.insert(id, prospect);
    record(s, now, "UpdateProspect", id, p);
    Ok(Reply::json(&AddSaleResult::from(&s.prospects[&id], s)))
}

fn delete_prospect(s: &mut ClubplannerState, p: &Params, now: NaiveDateTime) -> Answer {
    let id = required_int(p, "id")?;
    s.prospects
        .remove(&id)
        .ok_or_else(|| prospect_not_found(id))?;
    s.current_steps.remove(&id);
    record(s, now, "DeleteProspect", id, p);
    Ok(Reply::json(&assumed::DELETED))
}

fn delete_calendar_item(s: &mut ClubplannerState, p: &Params, now: NaiveDateTime) -> Answer {
    let id = required_int(p, "id")?;
    s.calendar_items
        .remove(&id)
        .ok_or_else(|| bad(format!("Calendar item {id} not found")))?;
    record(s, now, "DeleteCalendarItem", id, p);
    Ok(Reply::json(&assumed::DELETED))
}

fn record(s: &mut ClubplannerState, now: NaiveDateTime, method: &str, id: i64, p: &Params) {
    s.changes.push(Change {
        at: now,
        method: method.into(),
        id,
        from: from(p),
    });
}

fn calendar(s: &ClubplannerState, id: i64) -> Result<(), Fail> {
    if s.calendars.contains_key(&id) {
        Ok(())
    } else {
        Err(bad(format!("Calendar {id} not found")))
    }
}

fn get_free_timeslots(s: &ClubplannerState, p: &Params) -> Answer {
    let calendar_id = required_int(p, "calendarid")?;
    calendar(s, calendar_id)?;
    let date = required_date(p, "date")?;
    let duration = required_int(p, "duration")?;
    if !(1..=24 * 60).contains(&duration) {
        return Err(bad("The duration must be between 1 and 1440 minutes"));
    }
    let employee_id = optional_int(p, "empid")?.unwrap_or(0);
    Ok(Reply::json(&assumed::free_timeslots(
        s,
        calendar_id,
        date,
        duration,
        employee_id,
    )))
}

fn get_calendar_items(s: &ClubplannerState, p: &Params) -> Answer {
    let calendar_id = required_int(p, "id")?;
    calendar(s, calendar_id)?;
    let date = required_date(p, "date")?;
    let employee_id = optional_int(p, "empid")?.unwrap_or(0);
    let mut items: Vec<&CalendarItem> = s
        .calendar_items
        .values()
        .filter(|i| i.calendar_id == calendar_id && i.from.date() == date)
        .filter(|i| employee_id == 0 || i.employee_id == employee_id)
        .collect();
    items.sort_by_key(|i| (i.from, i.id));
    let list: Vec<CalendarItemWire> = items.into_iter().map(CalendarItemWire::from).collect();
    Ok(Reply::json(&list))
}

fn step_answer(step_id: i64) -> Reply {
    match steps::step(step_id) {
        Some(step) => Reply::json(&StepWire::from(step)),
        None => Reply::json(&assumed::finished_step()),
    }
}

fn get_current_step(s: &ClubplannerState, p: &Params) -> Answer {
    let id = required_int(p, "id")?;
    if !s.prospects.contains_key(&id) {
        return Err(prospect_not_found(id));
    }
    Ok(step_answer(s.current_step(id)))
}

fn set_step_result(s: &mut ClubplannerState, p: &Params, now: NaiveDateTime) -> Answer {
    let id = required_int(p, "id")?;
    let result_id = required_int(p, "stepresultid")?;
    let employee_id = required_int(p, "employeeid")?;
    if !s.prospects.contains_key(&id) {
        return Err(prospect_not_found(id));
    }
    if !s.employees.contains_key(&employee_id) {
        return Err(bad(format!("Employee {employee_id} not found")));
    }
    let step_id = s.current_step(id);
    if step_id == FINISHED {
        return Err(bad(format!(
            "The sales process of prospect {id} is finished"
        )));
    }
    let step = steps::step(step_id).ok_or_else(|| bad(format!("Step {step_id} not found")))?;
    let result = step
        .results
        .iter()
        .find(|r| r.id == result_id)
        .ok_or_else(|| {
            bad(format!(
                "Step result {result_id} is not a result of step {step_id}"
            ))
        })?;

    let from_date = optional_datetime(p, "fromdate")?;
    let to_date = optional_datetime(p, "todate")?;
    let booking = match (from_date, to_date) {
        (Some(a), Some(b)) if a < b => Some((a, b)),
        (Some(_), Some(_)) => return Err(bad("todate must be after fromdate")),
        (None, None) if !result.books => None,
        _ => {
            return Err(bad(
                "fromdate and todate are required to make an appointment",
            ));
        }
    };
    let calendar_item_id = match booking {
        None => None,
        Some((from_t, to_t)) => {
            let calendar_id = optional_int(p, "calendarid")?.unwrap_or(1);
            calendar(s, calendar_id)?;
            let planned = optional_int(p, "plannedemployeeid")?.unwrap_or(employee_id);
            if !s.employees.contains_key(&planned) {
                return Err(bad(format!("Employee {planned} not found")));
            }
            let description = p
                .get_ci("description")
                .filter(|d| !d.is_empty())
                .map(str::to_string)
                .unwrap_or_else(|| result.description.trim().to_string());
            Some(s.insert_calendar_item(CalendarItem {
                id: 0,
                calendar_id,
                room_id: optional_int(p, "roomid")?.unwrap_or(0),
                employee_id: planned,
                prospect_id: id,
                from: from_t,
                to: to_t,
                description,
                note: text(p, "note"),
                color: text(p, "color"),
                step_result_id: Some(result_id),
                created_by: from(p),
            }))
        }
    };
    s.current_steps.insert(id, result.next_step);
    s.step_results.push(StepRecord {
        at: now,
        prospect_id: id,
        step_id,
        result_id,
        employee_id,
        next_step_id: result.next_step,
        calendar_item_id,
        note: text(p, "note"),
        from: from(p),
    });
    record(s, now, "SetStepResult", id, p);
    Ok(step_answer(result.next_step))
}
