//! Local wall times to instants and back, in one time zone (rule 2).
//!
//! The zone is either a table of offsets sent with the document
//! ([`ZoneRules`], all the browser has) or, with the `tzdb` feature, an IANA
//! zone of chrono-tz. Either answers every question exactly but costs a
//! binary search per call, so the engine asks once per local date: a date
//! whose offset is the same at its midnight, its noon and the next midnight
//! is *uniform* and every wall time on it maps with plain arithmetic. Only
//! the few dates with a transition (two a year in most zones) are asked per
//! wall time.
//!
//! Instants are whole seconds since the Unix epoch (`i64`); offsets are
//! seconds east of UTC (`i32`).

use std::sync::Arc;

use chrono::NaiveDate;
#[cfg(feature = "tzdb")]
use chrono::{DateTime, LocalResult, NaiveDateTime, Offset, TimeZone};
#[cfg(feature = "tzdb")]
use chrono_tz::{GapInfo, Tz};

use super::zone::{Local, ZoneRules};

pub(crate) const DAY_SECS: i64 = 86_400;

/// Where a local wall time lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wall {
    /// The wall time exists; when ambiguous, this is the earlier instant.
    At { instant: i64, offset: i32 },
    /// The wall time falls in a spring-forward gap; `after` is the first
    /// instant after the gap.
    Gap { after: i64 },
}

impl Wall {
    /// The instant rule 2 assigns: the wall time, or the end of its gap.
    pub fn instant(self) -> i64 {
        match self {
            Wall::At { instant, .. } => instant,
            Wall::Gap { after } => after,
        }
    }
}

/// How one local date maps onto instants.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DayMap {
    pub date: NaiveDate,
    /// Local midnight read as if it were UTC: wall seconds since the epoch.
    pub local_midnight: i64,
    /// The offset in force all day, when no transition falls on this date.
    pub uniform: Option<i32>,
}

/// The zone wall times are read in.
#[derive(Debug, Clone)]
pub(crate) enum Clock {
    /// A table sent with the document, shared by clones of a `Prepared`.
    Table(Arc<ZoneRules>),
    #[cfg(feature = "tzdb")]
    Tz(Tz),
}

impl Clock {
    /// The zone's IANA name.
    pub fn name(&self) -> &str {
        match self {
            Clock::Table(rules) => rules.name(),
            #[cfg(feature = "tzdb")]
            Clock::Tz(tz) => tz.name(),
        }
    }

    pub fn day(&self, date: NaiveDate) -> DayMap {
        let local_midnight = local_midnight(date);
        let next = self.single_offset(local_midnight + DAY_SECS);
        self.day_between(date, self.single_offset(local_midnight), next)
    }

    /// The maps of `count` consecutive dates from `first`, checking each
    /// midnight once rather than as the end of one date and the start of
    /// the next.
    pub fn days(&self, first: NaiveDate, count: usize) -> Vec<DayMap> {
        let mut at_midnight = self.single_offset(local_midnight(first));
        first
            .iter_days()
            .take(count)
            .map(|date| {
                let next = self.single_offset(local_midnight(date) + DAY_SECS);
                let day = self.day_between(date, at_midnight, next);
                at_midnight = next;
                day
            })
            .collect()
    }

    /// A date is uniform when both its midnights are unambiguous with the
    /// same offset and noon agrees too. Two transitions that cancel out
    /// within twelve hours do not occur in the tz database.
    fn day_between(&self, date: NaiveDate, midnight: Option<i32>, next: Option<i32>) -> DayMap {
        let local_midnight = local_midnight(date);
        let uniform = midnight.filter(|&offset| {
            next == Some(offset)
                && self.offset_at(local_midnight + DAY_SECS / 2 - i64::from(offset)) == offset
        });
        DayMap {
            date,
            local_midnight,
            uniform,
        }
    }

    /// The offset of a wall time that exists exactly once.
    fn single_offset(&self, wall: i64) -> Option<i32> {
        match self.local(wall) {
            Local::Single { offset, .. } => Some(offset),
            _ => None,
        }
    }

    /// The wall time `secs` seconds after the local midnight of `day`
    /// (`secs` may reach the next midnight and beyond).
    pub fn wall(&self, day: &DayMap, secs: i64) -> Wall {
        match day.uniform {
            Some(offset) if (0..DAY_SECS).contains(&secs) => Wall::At {
                instant: day.local_midnight + secs - i64::from(offset),
                offset,
            },
            _ => self.resolve(day.local_midnight + secs),
        }
    }

    /// Rule 2: the earlier instant when ambiguous, the first instant after
    /// the gap when the wall time does not exist.
    pub fn resolve(&self, wall: i64) -> Wall {
        match self.local(wall) {
            Local::Single { instant, offset } | Local::Ambiguous { instant, offset } => {
                Wall::At { instant, offset }
            }
            Local::Gap { after } => Wall::Gap { after },
        }
    }

    /// Where a wall time (local seconds read as UTC) lands.
    fn local(&self, wall: i64) -> Local {
        match self {
            Clock::Table(rules) => rules.local(wall),
            #[cfg(feature = "tzdb")]
            Clock::Tz(tz) => tz_local(*tz, wall),
        }
    }

    /// The offset in force at an instant.
    pub fn offset_at(&self, instant: i64) -> i32 {
        match self {
            Clock::Table(rules) => rules.offset_at_secs(instant),
            #[cfg(feature = "tzdb")]
            Clock::Tz(tz) => super::zone::offset_of(*tz, instant),
        }
    }
}

/// A wall time in an IANA zone, asking chrono-tz.
#[cfg(feature = "tzdb")]
fn tz_local(tz: Tz, wall: i64) -> Local {
    let parts = |dt: DateTime<Tz>| (dt.timestamp(), dt.offset().fix().local_minus_utc());
    match tz.from_local_datetime(&naive(wall)) {
        LocalResult::Single(dt) => {
            let (instant, offset) = parts(dt);
            Local::Single { instant, offset }
        }
        LocalResult::Ambiguous(a, b) => {
            let (instant, offset) = parts(a.min(b));
            Local::Ambiguous { instant, offset }
        }
        LocalResult::None => Local::Gap {
            after: tz_gap_end(tz, wall),
        },
    }
}

/// The first instant whose wall time is past `wall`, for a `wall` inside a
/// gap. chrono-tz knows it directly; bisection covers the edge of its
/// tables.
#[cfg(feature = "tzdb")]
fn tz_gap_end(tz: Tz, wall: i64) -> i64 {
    if let Some(end) = GapInfo::new(&naive(wall), &tz).and_then(|gap| gap.end) {
        return end.timestamp();
    }
    // Offsets stay within ±40 h, so the wall clock is behind `wall` at
    // `lo` and past it at `hi`; in a gap the flip is the transition.
    const SPAN: i64 = 40 * 3600;
    let past = |u: i64| u + i64::from(super::zone::offset_of(tz, u)) > wall;
    let (mut lo, mut hi) = (wall - SPAN, wall + SPAN);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if past(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// Local midnight of `date` read as if it were UTC.
fn local_midnight(date: NaiveDate) -> i64 {
    date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp()
}

/// Seconds since the epoch as a naive date-time. Inputs come from parsed
/// dates (years 0–9999) plus bounded minutes, far inside chrono's range; the
/// fallback only keeps this total.
#[cfg(feature = "tzdb")]
pub(crate) fn naive(secs: i64) -> NaiveDateTime {
    DateTime::from_timestamp(secs, 0)
        .map(|dt| dt.naive_utc())
        .unwrap_or_default()
}
