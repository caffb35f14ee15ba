//! A wall-clock time of day in minutes since midnight, `"HH:MM"` on the wire
//! and in the state dump. Unlike `NaiveTime` it can say `24:00` (the end of an
//! opening block that runs to midnight).

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Serialize, Serializer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayTime(pub u16);

impl DayTime {
    pub const MIDNIGHT: DayTime = DayTime(0);
    pub const END_OF_DAY: DayTime = DayTime(24 * 60);

    pub fn hm(hour: u16, minute: u16) -> DayTime {
        DayTime(hour * 60 + minute)
    }

    /// `HH:MM` (or `H:MM`, or `HH:MM:SS` with the seconds ignored); `24:00` is
    /// the end of the day.
    pub fn parse(s: &str) -> Option<DayTime> {
        let mut parts = s.trim().split(':');
        let h: u16 = parts.next()?.parse().ok()?;
        let m: u16 = parts.next()?.parse().ok()?;
        if let Some(sec) = parts.next() {
            let _: u16 = sec.parse().ok()?;
        }
        if parts.next().is_some() || m > 59 || h > 24 || (h == 24 && m != 0) {
            return None;
        }
        Some(DayTime(h * 60 + m))
    }

    pub fn minutes(self) -> i64 {
        i64::from(self.0)
    }

    pub fn of(t: NaiveDateTime) -> DayTime {
        DayTime((t.hour() * 60 + t.minute()) as u16)
    }

    /// This time on `date` (`24:00` is the next midnight).
    pub fn on(self, date: NaiveDate) -> NaiveDateTime {
        date.and_time(NaiveTime::MIN) + chrono::Duration::minutes(self.minutes())
    }
}

impl fmt::Display for DayTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for DayTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        assert_eq!(DayTime::parse("09:30"), Some(DayTime(570)));
        assert_eq!(DayTime::parse("9:05:00"), Some(DayTime(545)));
        assert_eq!(DayTime::parse("24:00"), Some(DayTime::END_OF_DAY));
        assert_eq!(DayTime::parse("24:01"), None);
        assert_eq!(DayTime::parse("12:60"), None);
        assert_eq!(DayTime::parse("noon"), None);
        assert_eq!(DayTime(570).to_string(), "09:30");
    }
}
