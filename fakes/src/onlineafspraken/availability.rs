//! Raw blocks and the free-slot check shared by getBookableBlocks,
//! getBookableDays/Times and setAppointment (rules in `assumed`).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use super::model::*;
use crate::daytime::DayTime;

/// One availability block on a date, weekly or CHAddBlock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawBlock {
    pub date: NaiveDate,
    pub start: DayTime,
    pub end: DayTime,
    /// 0 = every resource.
    pub resource_id: i64,
    pub consumer_bookable: bool,
}

/// The blocks of `agenda_id` on `date` that apply to appointment type
/// `type_id`.
pub fn blocks_on(
    s: &OnlineAfsprakenState,
    agenda_id: i64,
    date: NaiveDate,
    type_id: i64,
) -> Vec<RawBlock> {
    let weekly = s
        .weekly_blocks
        .iter()
        .filter(|b| b.agenda_id == agenda_id && b.weekday == date.weekday())
        .filter(|b| b.appointment_type_id == 0 || b.appointment_type_id == type_id)
        .map(|b| RawBlock {
            date,
            start: b.start,
            end: b.end,
            resource_id: b.resource_id,
            consumer_bookable: b.consumer_bookable,
        });
    let one_off = s
        .blocks
        .values()
        .filter(|b| b.agenda_id == agenda_id && b.date == date)
        .filter(|b| b.appointment_type_id == 0 || b.appointment_type_id == type_id)
        .map(|b| RawBlock {
            date,
            start: b.start,
            end: b.end,
            resource_id: b.resource_id,
            consumer_bookable: true,
        });
    let mut all: Vec<RawBlock> = weekly.chain(one_off).collect();
    all.sort_by_key(|b| (b.start, b.resource_id, b.end));
    all
}

/// The enabled resources a type may use (all enabled ones when it lists
/// none), narrowed to `only` when given.
pub fn eligible_resources(
    s: &OnlineAfsprakenState,
    t: &AppointmentType,
    only: Option<i64>,
) -> Vec<i64> {
    let enabled = |id: &i64| s.resources.get(id).is_some_and(|r| r.status == 1);
    let mut ids: Vec<i64> = if t.resource_ids.is_empty() {
        s.resources.keys().copied().filter(enabled).collect()
    } else {
        t.resource_ids.iter().copied().filter(enabled).collect()
    };
    if let Some(r) = only {
        ids.retain(|id| *id == r);
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Resource `r`'s bookable intervals on `date`, merged.
pub fn intervals(blocks: &[RawBlock], r: i64) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let mut spans: Vec<(NaiveDateTime, NaiveDateTime)> = blocks
        .iter()
        .filter(|b| b.resource_id == 0 || b.resource_id == r)
        .filter(|b| b.start < b.end)
        .map(|b| (b.start.on(b.date), b.end.on(b.date)))
        .collect();
    spans.sort();
    let mut merged: Vec<(NaiveDateTime, NaiveDateTime)> = Vec::new();
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

pub fn fits(
    intervals: &[(NaiveDateTime, NaiveDateTime)],
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> bool {
    intervals.iter().any(|(a, b)| *a <= start && end <= *b)
}

/// Places left on resource `r` for an appointment of type `t` occupying
/// `[start, end + Buffer)`, ignoring appointment `except`.
pub fn remaining(
    s: &OnlineAfsprakenState,
    t: &AppointmentType,
    r: i64,
    start: NaiveDateTime,
    end: NaiveDateTime,
    except: Option<i64>,
) -> i64 {
    let window_end = end + Duration::minutes(t.buffer);
    let taken: i64 = s
        .appointments
        .values()
        .filter(|a| Some(a.id) != except && a.status == 1 && a.label != 4)
        .filter(|a| a.resources.iter().any(|x| x.resource_id == r))
        .filter(|a| a.start_time < window_end && start < a.blocked_time)
        .map(|a| a.capacity.max(1))
        .sum();
    if t.scheduling_type == "capacity" {
        t.capacity - taken
    } else if taken == 0 {
        1
    } else {
        0
    }
}

/// The consumer's notice window around `now` (agenda wall time).
pub fn in_notice_window(t: &AppointmentType, now: NaiveDateTime, start: NaiveDateTime) -> bool {
    start >= now + Duration::minutes(t.min_time_before_appointment)
        && (t.max_time_before_appointment <= 0
            || start <= now + Duration::minutes(t.max_time_before_appointment))
}

pub fn agenda_tz(a: &Agenda) -> Tz {
    a.time_zone.parse().unwrap_or(chrono_tz::Europe::Brussels)
}

/// Bookable (start, resource) pairs on `date`, sorted, for the consumer view
/// at `now` (agenda wall time).
pub fn bookable_times(
    s: &OnlineAfsprakenState,
    agenda: &Agenda,
    t: &AppointmentType,
    resources: &[i64],
    date: NaiveDate,
    now: NaiveDateTime,
) -> Vec<(NaiveDateTime, i64)> {
    let tz = agenda_tz(agenda);
    let blocks = blocks_on(s, agenda.id, date, t.id);
    let grid = agenda.align_grid.max(1);
    let mut out = Vec::new();
    for &r in resources {
        let spans = intervals(&blocks, r);
        if spans.is_empty() {
            continue;
        }
        let mut start = DayTime::MIDNIGHT.on(date);
        let day_end = DayTime::END_OF_DAY.on(date);
        while start < day_end {
            let end = start + Duration::minutes(t.duration);
            if fits(&spans, start, end)
                && tz.from_local_datetime(&start).earliest().is_some()
                && in_notice_window(t, now, start)
                && remaining(s, t, r, start, end, None) >= 1
            {
                out.push((start, r));
            }
            start += Duration::minutes(grid);
        }
    }
    out.sort();
    out
}
