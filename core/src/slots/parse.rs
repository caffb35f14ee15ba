//! Strict parsers for the text fields of an `Availability`.
//!
//! Strict on purpose: the wire format is produced by our own server, so
//! anything but the documented shape is a bug worth reporting rather than a
//! variant worth guessing at.

use chrono::{DateTime, NaiveDate};

use super::error::{SlotErrorKind, excerpt};

/// Minutes in a day; also the value of the wall time `24:00`.
pub(crate) const DAY_MIN: u32 = 1440;

// Each parser returns only what is wrong; the caller names the field, so a
// field path like `busy[123].start` is only formatted when there is an error.

/// `YYYY-MM-DD`, a real calendar date, years 0000–9999.
pub(crate) fn date(text: &str) -> Result<NaiveDate, SlotErrorKind> {
    let bad = || SlotErrorKind::BadDate(excerpt(text));
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let year = digits(&b[0..4]).ok_or_else(bad)?;
    let month = digits(&b[5..7]).ok_or_else(bad)?;
    let day = digits(&b[8..10]).ok_or_else(bad)?;
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(bad)
}

/// `HH:MM` as minutes since local midnight; `24:00` (= 1440) only when
/// `allow_midnight_end`.
pub(crate) fn wall_time(text: &str, allow_midnight_end: bool) -> Result<u32, SlotErrorKind> {
    let bad = || SlotErrorKind::BadTime(excerpt(text));
    let b = text.as_bytes();
    if b.len() != 5 || b[2] != b':' {
        return Err(bad());
    }
    let hour = digits(&b[0..2]).ok_or_else(bad)?;
    let minute = digits(&b[3..5]).ok_or_else(bad)?;
    match (hour, minute) {
        (0..=23, 0..=59) => Ok(hour * 60 + minute),
        (24, 0) if allow_midnight_end => Ok(DAY_MIN),
        _ => Err(bad()),
    }
}

/// An instant to the nanosecond, kept as whole seconds plus a fraction so
/// comparisons against whole-second candidates can round the right way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Instant {
    pub secs: i64,
    pub nanos: u32,
}

impl Instant {
    /// The last whole second at or before the instant.
    pub fn floor(self) -> i64 {
        self.secs
    }

    /// The first whole second at or after the instant.
    pub fn ceil(self) -> i64 {
        if self.nanos > 0 {
            self.secs + 1
        } else {
            self.secs
        }
    }
}

/// An RFC 3339 date-time with an explicit offset.
pub(crate) fn instant(text: &str) -> Result<Instant, SlotErrorKind> {
    let parsed =
        DateTime::parse_from_rfc3339(text).map_err(|_| SlotErrorKind::BadInstant(excerpt(text)))?;
    Ok(Instant {
        secs: parsed.timestamp(),
        nanos: parsed.timestamp_subsec_nanos(),
    })
}

/// ASCII digits as a number; `None` for anything else (signs included).
fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}
