//! Writing instants and dates as text, without chrono's formatting machinery.
//!
//! A year grid has tens of thousands of slots with two timestamps each, so
//! this writes the digits straight into a fixed buffer. It produces exactly
//! what chrono's `to_rfc3339_opts(SecondsFormat::Secs, false)` would, and
//! defers to chrono for what the fast path does not cover (years outside
//! 0000–9999, offsets with seconds from pre-1900 local mean time).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, SecondsFormat};

use super::clock::DAY_SECS;
use super::stamp::Stamp;

/// `YYYY-MM-DDTHH:MM:SS±HH:MM` for `instant` seen at `offset`.
pub(crate) fn rfc3339(instant: i64, offset: i32) -> Stamp {
    Stamper::default().rfc3339(instant, offset)
}

/// Writes RFC 3339 stamps, remembering the date part of the last local day:
/// a grid writes dozens of stamps per day, so the calendar arithmetic runs
/// once a day rather than once a stamp.
#[derive(Default)]
pub(crate) struct Stamper {
    day: Option<(i64, [u8; 10])>,
}

impl Stamper {
    pub fn rfc3339(&mut self, instant: i64, offset: i32) -> Stamp {
        let local = instant + i64::from(offset);
        let (day, secs) = (local.div_euclid(DAY_SECS), local.rem_euclid(DAY_SECS));
        let date = match self.day {
            Some((cached, date)) if cached == day => date,
            _ => {
                let (year, month, mday) = civil_from_days(day);
                if !(0..=9999).contains(&year) {
                    return chrono_rfc3339(instant, offset);
                }
                let mut date = *b"0000-00-00";
                put4(&mut date[0..4], year as u32);
                put2(&mut date[5..7], month);
                put2(&mut date[8..10], mday);
                self.day = Some((day, date));
                date
            }
        };
        if offset % 60 != 0 {
            return chrono_rfc3339(instant, offset);
        }
        let mut buf = *b"0000-00-00T00:00:00+00:00";
        buf[0..10].copy_from_slice(&date);
        let secs = secs as u32;
        put2(&mut buf[11..13], secs / 3600);
        put2(&mut buf[14..16], secs / 60 % 60);
        put2(&mut buf[17..19], secs % 60);
        if offset < 0 {
            buf[19] = b'-';
        }
        let minutes = offset.unsigned_abs() / 60;
        put2(&mut buf[20..22], minutes / 60);
        put2(&mut buf[23..25], minutes % 60);
        Stamp::from_ascii(&buf)
    }
}

/// `YYYY-MM-DD`.
pub(crate) fn date(date: NaiveDate) -> String {
    let year = date.year();
    if !(0..=9999).contains(&year) {
        return date.format("%Y-%m-%d").to_string();
    }
    let mut buf = *b"0000-00-00";
    put4(&mut buf[0..4], year as u32);
    put2(&mut buf[5..7], date.month());
    put2(&mut buf[8..10], date.day());
    ascii(&buf)
}

fn chrono_rfc3339(instant: i64, offset: i32) -> Stamp {
    match (
        DateTime::from_timestamp(instant, 0),
        FixedOffset::east_opt(offset),
    ) {
        (Some(utc), Some(offset)) => {
            let text = utc
                .with_timezone(&offset)
                .to_rfc3339_opts(SecondsFormat::Secs, false);
            Stamp::new(&text).unwrap_or_default()
        }
        // Beyond chrono's ±262,000 years; unreachable from valid input.
        _ => Stamp::default(),
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day); Howard
/// Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// "00" to "99", so a two-digit field is one table load.
const PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

fn put2(out: &mut [u8], n: u32) {
    let i = (n % 100) as usize * 2;
    out[..2].copy_from_slice(&PAIRS[i..i + 2]);
}

fn put4(out: &mut [u8], n: u32) {
    put2(&mut out[0..2], n / 100);
    put2(&mut out[2..4], n % 100);
}

/// The buffer only ever holds ASCII, so this never takes the fallback.
fn ascii(buf: &[u8]) -> String {
    std::str::from_utf8(buf)
        .map(str::to_owned)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_chrono_across_eras_and_offsets() {
        let offsets = [
            0,
            3600,
            -18_000,
            19_800,
            20_700,
            -34_200,
            50_400,
            1_172,
            -3_600 * 12,
        ];
        let mut instant = -62_167_219_200 - 86_400 * 3; // a few days before year 0
        while instant < 253_402_300_800 + 86_400 * 3 {
            for offset in offsets {
                assert_eq!(
                    rfc3339(instant, offset),
                    chrono_rfc3339(instant, offset),
                    "{instant} {offset}"
                );
            }
            instant += 7_777_777;
        }
    }

    #[test]
    fn writes_the_contract_example() {
        // 2026-03-02T09:00:00+01:00
        assert_eq!(rfc3339(1_772_438_400, 3600), "2026-03-02T09:00:00+01:00");
        assert_eq!(
            rfc3339(1_772_438_400, -3600 * 5 - 1800),
            "2026-03-02T02:30:00-05:30"
        );
    }
}
