//! Dates and times the way each language writes them (issue #21: "one way
//! to write dates, times, money and counts per language"). The staff app,
//! the widget and the server's mails all call these, so a booking reads
//! "maandag 2 maart 2026 om 09:00" on the widget's last step, in the
//! confirmation mail and in the staff app alike. `lang` is read as
//! [`super::count`] reads it: `nl`, `fr` or `en` (a longer tag is cut to
//! its language); anything else is English.
//!
//! The names are written out here rather than taken from a locale database
//! (ICU, `chrono`'s `unstable-locales`): three languages need a few dozen
//! words, and the browser app would otherwise download tables for hundreds.
//!
//! Times are on the 24-hour clock in all three languages, English too:
//! the clubs are in Belgium and France, where timetables, opening hours
//! and appointments are written "09:00"/"18:30", and an English-speaking
//! member there reads the same clock on the club's wall as on the screen
//! (a "6:30 PM" beside a "18:30" on the door would be two clocks).

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

fn language(lang: &str) -> &'static str {
    crate::sales::language(Some(lang))
}

/// A weekday in full: "maandag", "lundi", "Monday" (French writes it in
/// lower case, as Dutch does).
pub fn weekday_long(lang: &str, day: Weekday) -> &'static str {
    const NL: [&str; 7] = [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ];
    const FR: [&str; 7] = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    pick(lang, [&NL, &FR, &EN], day.num_days_from_monday() as usize)
}

/// A weekday cut as the language cuts it: Dutch two letters without a
/// point ("ma"), French with one ("lun."), English three letters ("Mon").
pub fn weekday_short(lang: &str, day: Weekday) -> &'static str {
    const NL: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
    const FR: [&str; 7] = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    pick(lang, [&NL, &FR, &EN], day.num_days_from_monday() as usize)
}

/// A month (1 to 12; anything else is held to the nearest) in full.
pub fn month_long(lang: &str, month: u32) -> &'static str {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    pick(lang, [&NL, &FR, &EN], month_index(month))
}

/// A month as the language abbreviates it. Not the first three letters:
/// Dutch writes "mrt", and French would get "jui" for both juin and
/// juillet; short words stay whole ("mei", "mars", "août").
pub fn month_short(lang: &str, month: u32) -> &'static str {
    const NL: [&str; 12] = [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    const FR: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    pick(lang, [&NL, &FR, &EN], month_index(month))
}

fn month_index(month: u32) -> usize {
    (month.clamp(1, 12) - 1) as usize
}

/// `names` of `lang` (nl, fr, en) at `i`; the arrays' lengths are the
/// callers' constants, so `i` is in range.
fn pick<const N: usize>(lang: &str, names: [&[&'static str; N]; 3], i: usize) -> &'static str {
    let names = match language(lang) {
        "nl" => names[0],
        "fr" => names[1],
        _ => names[2],
    };
    names[i % N]
}

/// The day of the month before a month's name: French writes the first
/// "1er" ("lundi 1er mars"), every other day and language the number.
fn day_of_month(lang: &str, day: u32) -> String {
    if day == 1 && language(lang) == "fr" {
        "1er".to_owned()
    } else {
        day.to_string()
    }
}

/// "maandag 2 maart 2026", "lundi 2 mars 2026", "Monday 2 March 2026".
pub fn long_date(lang: &str, date: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        weekday_long(lang, date.weekday()),
        day_of_month(lang, date.day()),
        month_long(lang, date.month()),
        date.year()
    )
}

/// "2 mrt 2026", "2 mars 2026", "2 Mar 2026": for lists and columns.
pub fn short_date(lang: &str, date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        day_of_month(lang, date.day()),
        month_short(lang, date.month()),
        date.year()
    )
}

/// "maart 2026", "mars 2026", "March 2026": a month view's title.
pub fn month_year(lang: &str, year: i32, month: u32) -> String {
    format!("{} {year}", month_long(lang, month))
}

/// "ma 2", "lun. 2", "Mon 2": a day's column head, where the month is
/// named once above it.
pub fn day_head(lang: &str, date: NaiveDate) -> String {
    format!("{} {}", weekday_short(lang, date.weekday()), date.day())
}

/// "09:00": the 24-hour clock in every language (see the module's note).
/// Seconds are never shown: nothing at a club is booked to the second.
pub fn time(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// "09:00–10:00", with an en dash and no spaces.
pub fn time_range(start: NaiveTime, end: NaiveTime) -> String {
    format!("{}–{}", time(start), time(end))
}

/// The word between a date and its time: "om", "à", "at".
fn at_word(lang: &str) -> &'static str {
    match language(lang) {
        "nl" => "om",
        "fr" => "à",
        _ => "at",
    }
}

/// "maandag 2 maart 2026 om 09:00", "lundi 2 mars 2026 à 09:00",
/// "Monday 2 March 2026 at 09:00": a booking, on the widget and in mails.
pub fn date_time(lang: &str, at: NaiveDateTime) -> String {
    format!(
        "{} {} {}",
        long_date(lang, at.date()),
        at_word(lang),
        time(at.time())
    )
}

/// "2 mrt 2026, 14:05": when something happened, in a list (a history,
/// the outbox).
pub fn short_date_time(lang: &str, at: NaiveDateTime) -> String {
    format!("{}, {}", short_date(lang, at.date()), time(at.time()))
}

/// "maandag 2 maart 2026, 09:00–10:00": an appointment with its end.
pub fn date_time_range(lang: &str, date: NaiveDate, start: NaiveTime, end: NaiveTime) -> String {
    format!("{}, {}", long_date(lang, date), time_range(start, end))
}

/// "maandag 2 maart 2026 – zondag 8 maart 2026", or the one date when
/// `from` is `to`.
pub fn date_range(lang: &str, from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        long_date(lang, from)
    } else {
        format!("{} – {}", long_date(lang, from), long_date(lang, to))
    }
}

/// The date an ISO text begins with: `2026-03-02`, `2026-03-02T09:00:00Z`,
/// `2026-03-02 09:00:00`. `None` when it does not begin with one.
pub fn iso_date(text: &str) -> Option<NaiveDate> {
    // `FromStr` reads ISO dates with a fixed plan; a format string would
    // be parsed anew for each of the dozens of dates a list redraws.
    text.get(..10)?.parse().ok()
}

/// A wall time as the API writes it, `09:00` (or `09:00:00`).
pub fn wall_clock(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .ok()
}

/// The wall date and time of an RFC 3339 stamp at the offset it is written
/// with. The API writes every slot and booking with the club's offset, so
/// this is the club's time; the stamp is parsed, not cut, so a UTC stamp
/// reads as the hour it is in UTC, never as a club hour by accident.
pub fn stamp_wall(stamp: &str) -> Option<NaiveDateTime> {
    chrono::DateTime::parse_from_rfc3339(stamp)
        .ok()
        .map(|t| t.naive_local())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        date(y, m, d).and_hms_opt(h, min, 0).unwrap()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn long_dates_in_each_language() {
        let d = date(2026, 3, 2);
        assert_eq!(long_date("nl", d), "maandag 2 maart 2026");
        assert_eq!(long_date("fr", d), "lundi 2 mars 2026");
        assert_eq!(long_date("en", d), "Monday 2 March 2026");
        assert_eq!(
            long_date("nl-BE", date(2026, 11, 29)),
            "zondag 29 november 2026"
        );
        assert_eq!(
            long_date("de", date(2026, 8, 15)),
            "Saturday 15 August 2026"
        );
    }

    #[test]
    fn french_writes_the_first_of_the_month_1er() {
        let first = date(2026, 3, 1);
        assert_eq!(long_date("fr", first), "dimanche 1er mars 2026");
        assert_eq!(short_date("fr", first), "1er mars 2026");
        assert_eq!(long_date("nl", first), "zondag 1 maart 2026");
        assert_eq!(long_date("en", first), "Sunday 1 March 2026");
        // A column head names no month: the number alone.
        assert_eq!(day_head("fr", first), "dim. 1");
    }

    #[test]
    fn short_dates_use_the_language_s_abbreviations() {
        let d = date(2026, 3, 2);
        assert_eq!(short_date("nl", d), "2 mrt 2026");
        assert_eq!(short_date("fr", d), "2 mars 2026");
        assert_eq!(short_date("en", d), "2 Mar 2026");
        assert_eq!(short_date("fr", date(2026, 6, 5)), "5 juin 2026");
        assert_eq!(short_date("fr", date(2026, 7, 5)), "5 juil. 2026");
        assert_eq!(short_date("fr", date(2026, 2, 5)), "5 févr. 2026");
        assert_eq!(short_date("nl", date(2026, 5, 23)), "23 mei 2026");
        assert_eq!(short_date("en", date(2026, 11, 23)), "23 Nov 2026");
    }

    #[test]
    fn weekday_names() {
        assert_eq!(weekday_short("nl", Weekday::Mon), "ma");
        assert_eq!(weekday_short("fr", Weekday::Mon), "lun.");
        assert_eq!(weekday_short("en", Weekday::Sun), "Sun");
        assert_eq!(weekday_long("fr", Weekday::Wed), "mercredi");
        assert_eq!(day_head("nl", date(2026, 3, 2)), "ma 2");
        assert_eq!(day_head("en", date(2026, 3, 4)), "Wed 4");
    }

    #[test]
    fn month_names_and_titles() {
        assert_eq!(month_long("nl", 3), "maart");
        assert_eq!(month_short("nl", 3), "mrt");
        assert_eq!(month_short("fr", 9), "sept.");
        // Out of range is held, never a panic.
        assert_eq!(month_long("en", 0), "January");
        assert_eq!(month_long("en", 13), "December");
        assert_eq!(month_year("fr", 2026, 8), "août 2026");
        assert_eq!(month_year("en", 2027, 1), "January 2027");
    }

    #[test]
    fn times_are_24_hour_in_every_language() {
        assert_eq!(time(hm(9, 0)), "09:00");
        assert_eq!(time(hm(18, 30)), "18:30");
        assert_eq!(time(NaiveTime::from_hms_opt(0, 5, 59).unwrap()), "00:05");
        assert_eq!(time_range(hm(9, 0), hm(10, 0)), "09:00–10:00");
    }

    #[test]
    fn date_times_in_each_language() {
        let t = at(2026, 3, 2, 9, 0);
        assert_eq!(date_time("nl", t), "maandag 2 maart 2026 om 09:00");
        assert_eq!(date_time("fr", t), "lundi 2 mars 2026 à 09:00");
        assert_eq!(date_time("en", t), "Monday 2 March 2026 at 09:00");
        let t = at(2026, 3, 2, 14, 5);
        assert_eq!(short_date_time("nl", t), "2 mrt 2026, 14:05");
        assert_eq!(short_date_time("fr", t), "2 mars 2026, 14:05");
        assert_eq!(short_date_time("en", t), "2 Mar 2026, 14:05");
        assert_eq!(
            date_time_range("nl", date(2026, 3, 2), hm(10, 0), hm(11, 0)),
            "maandag 2 maart 2026, 10:00–11:00"
        );
    }

    #[test]
    fn date_ranges() {
        let (from, to) = (date(2026, 3, 2), date(2026, 3, 8));
        assert_eq!(
            date_range("en", from, to),
            "Monday 2 March 2026 – Sunday 8 March 2026"
        );
        assert_eq!(date_range("nl", from, from), "maandag 2 maart 2026");
    }

    #[test]
    fn texts_are_read() {
        assert_eq!(iso_date("2026-03-02"), Some(date(2026, 3, 2)));
        assert_eq!(iso_date("2026-03-02T09:00:00Z"), Some(date(2026, 3, 2)));
        assert_eq!(iso_date("02/03/2026"), None);
        assert_eq!(iso_date("2026-3-2"), None);
        assert_eq!(iso_date("é"), None);
        assert_eq!(wall_clock("09:30"), Some(hm(9, 30)));
        assert_eq!(wall_clock("09:30:00"), Some(hm(9, 30)));
        assert_eq!(wall_clock("25:00"), None);
        // At the stamp's own offset, not the machine's and not UTC.
        assert_eq!(
            stamp_wall("2026-03-02T09:00:00+01:00"),
            Some(at(2026, 3, 2, 9, 0))
        );
        assert_eq!(
            stamp_wall("2026-03-02T08:00:00Z"),
            Some(at(2026, 3, 2, 8, 0))
        );
        assert_eq!(stamp_wall("2026-03-02 09:00"), None);
    }

    #[test]
    fn abbreviations_are_distinct_and_cut_from_the_name() {
        for lang in ["nl", "fr", "en"] {
            let months: std::collections::HashSet<_> =
                (1..=12).map(|m| month_short(lang, m)).collect();
            assert_eq!(months.len(), 12, "{lang}: {months:?}");
            let days: std::collections::HashSet<_> = (0..7u8)
                .map(|i| weekday_short(lang, Weekday::try_from(i).unwrap()))
                .collect();
            assert_eq!(days.len(), 7, "{lang}: {days:?}");
            for m in 1..=12 {
                let (short, long) = (month_short(lang, m), month_long(lang, m));
                // Its letters in the full name's order ("mrt" of "maart").
                let mut letters = long.chars();
                let within = short
                    .trim_end_matches('.')
                    .chars()
                    .all(|c| letters.any(|l| l == c));
                assert!(within, "{lang}: {short} of {long}");
                assert!(short.starts_with(&long[..1]), "{lang}: {short} of {long}");
            }
        }
    }

    proptest! {
        #[test]
        fn every_date_writes_with_its_day_and_year(
            days in 0i64..200 * 366,
            minute in 0u32..24 * 60,
            lang in "(nl|fr|en|de|)",
        ) {
            let d = date(1900, 1, 1) + chrono::Duration::days(days);
            let long = long_date(&lang, d);
            let day = d.day().to_string();
            let year = d.year().to_string();
            prop_assert!(long.contains(&format!(" {day}")), "{long}");
            prop_assert!(long.ends_with(&format!(" {year}")), "{long}");
            let short = short_date(&lang, d);
            prop_assert!(short.ends_with(&format!(" {year}")), "{short}");
            let t = NaiveTime::from_num_seconds_from_midnight_opt(minute * 60, 0).unwrap();
            let written = date_time(&lang, d.and_time(t));
            prop_assert!(written.starts_with(&long), "{written}");
            prop_assert!(written.ends_with(&time(t)), "{written}");
        }

        #[test]
        fn times_read_back(minute in 0u32..24 * 60) {
            let t = NaiveTime::from_num_seconds_from_midnight_opt(minute * 60, 0).unwrap();
            let text = time(t);
            prop_assert_eq!(text.len(), 5);
            prop_assert_eq!(wall_clock(&text), Some(t));
        }
    }
}
