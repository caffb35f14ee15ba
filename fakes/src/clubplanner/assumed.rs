//! EVERYTHING the Clubplanner fake assumes where seed 000 is silent, in one
//! place. A connector should parse these tolerantly (DESIGN.md, "Rules for
//! every connector"); when the real API is seen to differ, change it here.
//!
//! Response shapes the seed does not show:
//!
//! - **GetFreeTimeslots** answers a JSON array of [`FreeTimeslot`]
//!   (`[{"From":"2025-03-01T09:00:00","To":"2025-03-01T10:00:00","EmployeeId":5}]`),
//!   sorted by `From`, then `EmployeeId`; `[]` when nothing is free.
//! - **GetCalendarItems** answers a JSON array of [`CalendarItemWire`]
//!   (`[{"Id":1,"CalendarId":1,"RoomId":1,"EmployeeId":5,"ProspectId":2,
//!   "From":"…","To":"…","Description":"…","Note":"…","Color":"…"}]`),
//!   sorted by `From`, then `Id`; `[]` when none.
//! - **DeleteProspect** and **DeleteCalendarItem** answer `true` (HTTP 200).
//! - **GetCurrentStep / SetStepResult** for a prospect whose process is over:
//!   `{"CurrentStepId":0,"Description":"","Results":[]}` ([`finished_step`]).
//!
//! Semantics the seed does not give:
//!
//! - Times are Europe/Brussels wall time without an offset, in and out.
//! - Free timeslots = each employee's opening hours in the calendar (the
//!   `seed` module) minus calendar items, cut into `duration`-minute slots
//!   whose starts lie on a fixed grid of [`SLOT_GRID_MIN`] minutes from
//!   midnight (slots may overlap: 09:00–10:00 and 09:15–10:15). An employee
//!   is busy during any calendar item of theirs (in any calendar) and during
//!   items of this calendar with `EmployeeId` 0. `empid` 0 or absent = every
//!   employee of the calendar. No "now" cut-off: past slots of a past date
//!   are listed too (keeps tests deterministic).
//! - GetCalendarItems lists the calendar's items that START on `date`
//!   (`empid` keeps one employee's).
//! - GetProspects `fromdate`/`todate` filter on the prospect's last
//!   modification (creation counts as one), inclusive; a bare date as
//!   `todate` means the whole day. Deleted prospects are not listed.
//! - UpdateProspect REPLACES the record with what is sent: a parameter that
//!   is omitted (or empty) clears its field — text becomes "", `dayofbirth`
//!   becomes unknown (1900-01-01), `gender` becomes male (the default every
//!   sample shows), `owner` becomes the token's user (employee 1, "Demo
//!   Brussels", the OwnerName of the seed's UpdateProspect sample). So a
//!   connector must read, merge and send every field. `Status` is not
//!   writable and stays; new prospects get `Status` 0.
//! - `gender`: `M`/`F` (also `V`, `male`/`female`, `1`/`0`, `true`/`false`),
//!   case-insensitive. `dayofbirth`: `yyyy-MM-dd`, `dd/MM/yyyy`,
//!   `dd-MM-yyyy` or a date-time.
//! - `FullAddress` = `AddressLine, Zip City`, leaving out empty parts ("" when
//!   all are empty, as in the samples).
//! - SetStepResult requires `id`, `stepresultid` and `employeeid`; the
//!   result must belong to the prospect's current step. A result that books
//!   (see `steps`) requires `fromdate` and `todate`; whenever both are sent a
//!   calendar item is created with `calendarid` (default 1), `roomid`
//!   (default 0), `plannedemployeeid` (default `employeeid`), `description`
//!   (default: the result's description, trimmed), `note`, `color`. The fake
//!   does NOT check that the employee is free (nothing says the vendor
//!   does): a connector must check free timeslots itself.
//! - Errors: HTTP 400, `<Error><Message>…</Message></Error>` (seeds/README.md)
//!   for a bad or missing token, a missing or invalid parameter, an unknown
//!   id; an unknown path is HTTP 404 with the same body.
//! - Paths and parameter names are matched case-insensitively (IIS and
//!   ASP.NET Web API do); GET and POST (query or form body) both work.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::dates::{format_datetime, is_date_only, parse_datetime};
use super::model::{CalendarItem, ClubplannerState, Prospect};
use super::wire::StepWire;
use crate::daytime::DayTime;

/// Free timeslot starts lie on multiples of this many minutes from midnight.
pub const SLOT_GRID_MIN: i64 = 15;

/// One GetFreeTimeslots entry (ASSUMED shape).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FreeTimeslot {
    #[serde(rename = "From")]
    pub from: String,
    #[serde(rename = "To")]
    pub to: String,
    #[serde(rename = "EmployeeId")]
    pub employee_id: i64,
}

/// One GetCalendarItems entry (ASSUMED shape).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CalendarItemWire {
    #[serde(rename = "Id")]
    pub id: i64,
    #[serde(rename = "CalendarId")]
    pub calendar_id: i64,
    #[serde(rename = "RoomId")]
    pub room_id: i64,
    #[serde(rename = "EmployeeId")]
    pub employee_id: i64,
    #[serde(rename = "ProspectId")]
    pub prospect_id: i64,
    #[serde(rename = "From")]
    pub from: String,
    #[serde(rename = "To")]
    pub to: String,
    #[serde(rename = "Description")]
    pub description: String,
    #[serde(rename = "Note")]
    pub note: String,
    #[serde(rename = "Color")]
    pub color: String,
}

impl CalendarItemWire {
    pub fn from(item: &CalendarItem) -> CalendarItemWire {
        CalendarItemWire {
            id: item.id,
            calendar_id: item.calendar_id,
            room_id: item.room_id,
            employee_id: item.employee_id,
            prospect_id: item.prospect_id,
            from: format_datetime(item.from),
            to: format_datetime(item.to),
            description: item.description.clone(),
            note: item.note.clone(),
            color: item.color.clone(),
        }
    }
}

/// The answer to a successful delete (ASSUMED).
pub const DELETED: bool = true;

/// The step of a prospect whose sales process is over (ASSUMED).
pub fn finished_step() -> StepWire {
    StepWire {
        current_step_id: 0,
        description: String::new(),
        results: Vec::new(),
    }
}

/// `AddressLine, Zip City` without empty parts (ASSUMED).
pub fn full_address(p: &Prospect) -> String {
    let town = format!("{} {}", p.zip.trim(), p.city.trim())
        .trim()
        .to_string();
    [p.address_line.trim().to_string(), town]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `gender` → `Male` (ASSUMED values); absent or empty = male. `None` = not
/// understood.
pub fn parse_gender(value: Option<&str>) -> Option<bool> {
    let v = value.unwrap_or("").trim().to_ascii_lowercase();
    match v.as_str() {
        "" | "m" | "male" | "man" | "1" | "true" => Some(true),
        "f" | "v" | "female" | "vrouw" | "w" | "0" | "false" => Some(false),
        _ => None,
    }
}

/// The GetProspects window test (ASSUMED: on the last modification).
/// `Err` names the parameter that is not a date.
pub fn in_window(
    p: &Prospect,
    fromdate: Option<&str>,
    todate: Option<&str>,
) -> Result<bool, &'static str> {
    let t = p.modified_at.max(p.created_at);
    if let Some(f) = fromdate.filter(|s| !s.trim().is_empty()) {
        let from = parse_datetime(f).ok_or("fromdate")?;
        if t < from {
            return Ok(false);
        }
    }
    if let Some(s) = todate.filter(|s| !s.trim().is_empty()) {
        let to = parse_datetime(s).ok_or("todate")?;
        let past_end = if is_date_only(s) {
            t >= to + Duration::days(1)
        } else {
            t > to
        };
        if past_end {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Free `duration`-minute slots in `calendar_id` on `date` (ASSUMED
/// semantics, see the module doc). `employee_id` 0 = every employee.
pub fn free_timeslots(
    state: &ClubplannerState,
    calendar_id: i64,
    date: NaiveDate,
    duration_min: i64,
    employee_id: i64,
) -> Vec<FreeTimeslot> {
    let weekday = chrono::Datelike::weekday(&date);
    let mut employees: Vec<i64> = state
        .opening_hours
        .iter()
        .filter(|h| h.calendar_id == calendar_id && h.weekday == weekday)
        .map(|h| h.employee_id)
        .filter(|e| employee_id == 0 || *e == employee_id)
        .collect();
    employees.sort_unstable();
    employees.dedup();

    let mut slots = Vec::new();
    for emp in employees {
        let open: Vec<(NaiveDateTime, NaiveDateTime)> = state
            .opening_hours
            .iter()
            .filter(|h| h.calendar_id == calendar_id && h.weekday == weekday)
            .filter(|h| h.employee_id == emp)
            .map(|h| (h.start.on(date), h.end.on(date)))
            .collect();
        let busy: Vec<(NaiveDateTime, NaiveDateTime)> = state
            .calendar_items
            .values()
            .filter(|i| {
                i.employee_id == emp || (i.employee_id == 0 && i.calendar_id == calendar_id)
            })
            .map(|i| (i.from, i.to))
            .collect();
        let mut start = DayTime::MIDNIGHT.on(date);
        let day_end = DayTime::END_OF_DAY.on(date);
        while start < day_end {
            let end = start + Duration::minutes(duration_min);
            let fits = open.iter().any(|(a, b)| *a <= start && end <= *b);
            let clashes = busy.iter().any(|(a, b)| *a < end && start < *b);
            if fits && !clashes {
                slots.push(FreeTimeslot {
                    from: format_datetime(start),
                    to: format_datetime(end),
                    employee_id: emp,
                });
            }
            start += Duration::minutes(SLOT_GRID_MIN);
        }
    }
    slots.sort_by(|a, b| (&a.from, a.employee_id).cmp(&(&b.from, b.employee_id)));
    slots
}
