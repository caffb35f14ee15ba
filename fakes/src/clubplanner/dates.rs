//! The date and time formats Clubplanner reads and writes. It writes
//! `2025-03-01T09:00:00` (no offset, Europe/Brussels wall time); it reads the
//! seed's `2025-03-01`, `2023-01-01T12:30:00` and `19-NOV-2025`, and (an
//! assumption: ASP.NET parses dates leniently) a few neighbours of those.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

pub fn format_datetime(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// `2025-03-01`, `19-NOV-2025` (month case-insensitive), `01/03/2025`
/// (day first, as in Belgium), `01-03-2025`, or any date-time below (its date).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    day_first(s).or_else(|| parse_time_of_day_formats(s).map(|t| t.date()))
}

/// `19-NOV-2025`, `19/11/2025`, `19-11-2025`.
fn day_first(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split(['-', '/']).collect();
    let [day, month, year] = parts[..] else {
        return None;
    };
    let day: u32 = day.parse().ok()?;
    let year: i32 = year.parse().ok()?;
    let month = match month.parse::<u32>() {
        Ok(m) => m,
        Err(_) => {
            let upper = month.to_ascii_uppercase();
            MONTHS.iter().position(|m| *m == upper)? as u32 + 1
        }
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

fn parse_time_of_day_formats(s: &str) -> Option<NaiveDateTime> {
    [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

/// `2023-01-01T12:30:00`, `2023-01-01T12:30`, `2023-01-01 12:30:00`,
/// `2023-01-01 12:30`; a bare date is its midnight.
pub fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if let Some(t) = parse_time_of_day_formats(s) {
        return Some(t);
    }
    if is_date_only(s) {
        return parse_date(s).map(|d| d.and_time(NaiveTime::MIN));
    }
    None
}

/// True when `s` holds no time of day (so `todate=2025-03-01` means the
/// whole day).
pub fn is_date_only(s: &str) -> bool {
    !s.trim().contains(['T', ' ', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_seed_formats() {
        let nov19 = NaiveDate::from_ymd_opt(2025, 11, 19).unwrap();
        assert_eq!(parse_date("19-NOV-2025"), Some(nov19));
        assert_eq!(parse_date("19-nov-2025"), Some(nov19));
        assert_eq!(parse_date("2025-11-19"), Some(nov19));
        assert_eq!(parse_date("19/11/2025"), Some(nov19));
        assert_eq!(parse_date("2025-11-19T10:00:00"), Some(nov19));
        assert_eq!(parse_date("19-XYZ-2025"), None);
        let t = parse_datetime("2023-01-01T12:30:00").unwrap();
        assert_eq!(format_datetime(t), "2023-01-01T12:30:00");
        assert_eq!(
            parse_datetime("2023-01-01").map(format_datetime).as_deref(),
            Some("2023-01-01T00:00:00")
        );
        assert!(parse_datetime("2023-01-01T25:00").is_none());
        assert!(parse_datetime("soon").is_none());
        assert!(parse_date("soon").is_none());
    }
}
