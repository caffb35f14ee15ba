//! Generated inputs for the two benchmark scenarios, shared by the native
//! example and a browser bench so both measure the same thing.
//!
//! Deterministic: a tiny inline PRNG with a fixed seed, no `rand`.

use std::fmt;
use std::str::FromStr;

use crate::splitmix::SplitMix64;
use chrono::{Days, NaiveDate, NaiveTime, SecondsFormat, TimeZone};
use chrono_tz::Tz;

use super::input::{AppointmentType, Availability, Block, BusyItem, Scheduling};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// What the booking widget loads: 31 days (March, with the
    /// spring-forward switch), 5 coaches, 500 appointments.
    WidgetMonth,
    /// A club's year: 365 days from 1 January (both switches), 20 coaches,
    /// 20,000 appointments.
    GymYear,
}

impl Scenario {
    pub const ALL: [Scenario; 2] = [Scenario::WidgetMonth, Scenario::GymYear];

    pub fn name(self) -> &'static str {
        match self {
            Scenario::WidgetMonth => "widget-month",
            Scenario::GymYear => "gym-year",
        }
    }

    fn shape(self) -> Shape {
        match self {
            Scenario::WidgetMonth => Shape {
                first: (2026, 3, 1),
                days: 31,
                coaches: 5,
                appointments: 500,
                max_ahead_min: 45 * 24 * 60,
            },
            Scenario::GymYear => Shape {
                first: (2026, 1, 1),
                days: 365,
                coaches: 20,
                appointments: 20_000,
                max_ahead_min: 0,
            },
        }
    }
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Scenario {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Scenario::ALL
            .into_iter()
            .find(|scenario| scenario.name() == s)
            .ok_or_else(|| format!("unknown scenario {s:?}; expected widget-month or gym-year"))
    }
}

struct Shape {
    first: (i32, u32, u32),
    days: u64,
    coaches: usize,
    appointments: usize,
    max_ahead_min: u32,
}

const TIMEZONE: Tz = chrono_tz::Europe::Brussels;
const OPEN_MIN: u32 = 7 * 60;
const CLOSE_MIN: u32 = 22 * 60;
const GRID_MIN: u32 = 15;
const DURATION_MIN: u32 = 60;

/// The scenario with `scale` times its number of appointments, spread over
/// the coaches, dates and opening hours (they may overlap one another).
pub fn generate(scenario: Scenario, scale: u32) -> Availability {
    let shape = scenario.shape();
    let (y, m, d) = shape.first;
    let first = NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let dates: Vec<NaiveDate> = first.iter_days().take(shape.days as usize).collect();
    let coaches: Vec<String> = (1..=shape.coaches)
        .map(|i| format!("coach-{i:02}"))
        .collect();

    let blocks = dates
        .iter()
        .flat_map(|date| {
            coaches.iter().map(move |coach| Block {
                resource_id: Some(coach.clone()),
                date: date.format("%Y-%m-%d").to_string(),
                start: "07:00".to_owned(),
                end: "22:00".to_owned(),
            })
        })
        .collect();

    let mut rng = SplitMix64(0x0005_1076_121d_u64 ^ shape.appointments as u64);
    let starts_per_day = u64::from((CLOSE_MIN - DURATION_MIN - OPEN_MIN) / GRID_MIN + 1);
    let count = shape.appointments * scale as usize;
    let busy = (0..count)
        .map(|_| {
            let coach = &coaches[rng.below(coaches.len() as u64) as usize];
            let date = dates[rng.below(dates.len() as u64) as usize];
            let minute = OPEN_MIN + GRID_MIN * rng.below(starts_per_day) as u32;
            BusyItem {
                resource_id: Some(coach.clone()),
                start: local_rfc3339(date, minute),
                end: local_rfc3339(date, minute + DURATION_MIN),
                persons: 1,
            }
        })
        .collect();

    let eve = first.checked_sub_days(Days::new(1)).unwrap_or(first);
    Availability {
        timezone: TIMEZONE.name().to_owned(),
        zone: None,
        align_grid_min: GRID_MIN,
        appointment_type: AppointmentType {
            duration_min: DURATION_MIN,
            buffer_min: 15,
            min_notice_min: 120,
            max_ahead_min: shape.max_ahead_min,
            scheduling: Scheduling::Resource,
            capacity: 1,
            resource_ids: coaches.clone(),
        },
        from: first.format("%Y-%m-%d").to_string(),
        to: dates
            .last()
            .unwrap_or(&first)
            .format("%Y-%m-%d")
            .to_string(),
        blocks,
        busy,
        now: local_rfc3339(eve, 12 * 60),
    }
}

/// A wall time of the scenario's zone (opening hours never fall in a gap).
fn local_rfc3339(date: NaiveDate, minute: u32) -> String {
    let time = NaiveTime::from_num_seconds_from_midnight_opt(minute * 60, 0).unwrap_or_default();
    TIMEZONE
        .from_local_datetime(&date.and_time(time))
        .earliest()
        .map(|dt| dt.to_rfc3339_opts(SecondsFormat::Secs, false))
        .unwrap_or_default()
}
