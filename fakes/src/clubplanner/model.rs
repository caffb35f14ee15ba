//! The Clubplanner fake's state. Times are Europe/Brussels wall time without
//! an offset, as the vendor writes them (see `assumed`).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, Weekday};
use serde::Serialize;

use super::steps::FIRST_STEP;
use crate::daytime::DayTime;

/// `BirthDate` `1900-01-01T00:00:00` means "unknown" (seeds/README.md).
pub fn unknown_birth_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date")
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Prospect {
    pub id: i64,
    pub owner_id: i64,
    /// Last name (the wire's `Name`; `lastname` in writes).
    pub name: String,
    pub firstname: String,
    pub male: bool,
    /// Not writable through the API; 0 for new prospects.
    pub status: i64,
    pub telephone_number: String,
    /// [`unknown_birth_date`] when unknown.
    pub birth_date: NaiveDate,
    pub address_line: String,
    pub zip: String,
    pub city: String,
    pub mobile_number: String,
    pub email_address: String,
    pub prospect_source: String,
    pub prospect_sub_source: String,
    /// Written (`note`) but never read back by the documented methods.
    pub note: String,
    /// Written (`langid`) but never read back by the documented methods.
    pub lang_id: String,
    /// Drives the `fromdate`/`todate` filter of GetProspects (with
    /// `modified_at`); not on the wire.
    pub created_at: NaiveDateTime,
    pub modified_at: NaiveDateTime,
    /// The `from` of the last write, if it had one.
    pub modified_by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Employee {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Calendar {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Room {
    pub id: i64,
    pub name: String,
}

/// When an employee can be booked in a calendar: every `weekday`, from
/// `start` to `end`. Free timeslots are these minus calendar items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpeningHours {
    pub calendar_id: i64,
    pub employee_id: i64,
    pub weekday: Weekday,
    pub start: DayTime,
    pub end: DayTime,
}

/// A sales calendar item (an appointment), e.g. booked by SetStepResult.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CalendarItem {
    pub id: i64,
    pub calendar_id: i64,
    pub room_id: i64,
    /// 0 = no employee: blocks every employee of the calendar.
    pub employee_id: i64,
    /// 0 = not about a prospect (e.g. a team meeting).
    pub prospect_id: i64,
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
    pub description: String,
    pub note: String,
    pub color: String,
    /// The step result that booked it, if any.
    pub step_result_id: Option<i64>,
    /// The `from` of the write that created it.
    pub created_by: Option<String>,
}

/// One SetStepResult that was accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StepRecord {
    pub at: NaiveDateTime,
    pub prospect_id: i64,
    pub step_id: i64,
    pub result_id: i64,
    pub employee_id: i64,
    pub next_step_id: i64,
    pub calendar_item_id: Option<i64>,
    pub note: String,
    pub from: Option<String>,
}

/// One accepted write, with who made it (the optional `from` parameter).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub at: NaiveDateTime,
    /// `AddProspect`, `UpdateProspect`, `DeleteProspect`,
    /// `DeleteCalendarItem`, `SetStepResult`.
    pub method: String,
    pub id: i64,
    pub from: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ClubplannerState {
    /// The employee the token belongs to: the owner of a prospect written
    /// without `owner`.
    pub api_user_id: i64,
    pub prospects: BTreeMap<i64, Prospect>,
    pub next_prospect_id: i64,
    pub employees: BTreeMap<i64, Employee>,
    pub calendars: BTreeMap<i64, Calendar>,
    pub rooms: BTreeMap<i64, Room>,
    pub opening_hours: Vec<OpeningHours>,
    pub calendar_items: BTreeMap<i64, CalendarItem>,
    pub next_calendar_item_id: i64,
    /// Prospect id → current step id; a prospect not listed is at
    /// [`FIRST_STEP`]; `0` = process finished.
    pub current_steps: BTreeMap<i64, i64>,
    pub step_results: Vec<StepRecord>,
    pub changes: Vec<Change>,
}

impl ClubplannerState {
    pub fn current_step(&self, prospect_id: i64) -> i64 {
        self.current_steps
            .get(&prospect_id)
            .copied()
            .unwrap_or(FIRST_STEP)
    }

    pub fn employee_name(&self, id: i64) -> String {
        self.employees
            .get(&id)
            .map(|e| e.name.clone())
            .unwrap_or_default()
    }

    /// Adds a prospect with the next free id (or its own id if set) and
    /// returns the id.
    pub fn insert_prospect(&mut self, mut prospect: Prospect) -> i64 {
        if prospect.id == 0 {
            prospect.id = self.next_prospect_id.max(1);
        }
        let id = prospect.id;
        self.next_prospect_id = self.next_prospect_id.max(id + 1);
        self.prospects.insert(id, prospect);
        id
    }

    /// Adds a calendar item with the next free id (or its own id if set) and
    /// returns the id.
    pub fn insert_calendar_item(&mut self, mut item: CalendarItem) -> i64 {
        if item.id == 0 {
            item.id = self.next_calendar_item_id.max(1);
        }
        let id = item.id;
        self.next_calendar_item_id = self.next_calendar_item_id.max(id + 1);
        self.calendar_items.insert(id, item);
        id
    }
}
