//! Calendar arithmetic and the names of days and months in the three
//! languages, for the widget's month view.

use chrono::{Datelike, NaiveDate};

use crate::i18n::Locale;

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn first(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("months have a first day")
    }

    pub fn next(self) -> Self {
        if self.month == 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                month: self.month + 1,
                ..self
            }
        }
    }

    pub fn prev(self) -> Self {
        if self.month == 1 {
            Self {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Self {
                month: self.month - 1,
                ..self
            }
        }
    }

    /// How many months `self` comes after `earlier` (negative when before).
    pub fn months_after(self, earlier: Month) -> i32 {
        (self.year - earlier.year) * 12 + self.month as i32 - earlier.month as i32
    }

    pub fn last(self) -> NaiveDate {
        self.next()
            .first()
            .pred_opt()
            .expect("a day before the first of a month")
    }

    /// The month's days, padded with `None` so the first falls under its
    /// weekday (weeks start on Monday, as in Belgium and France).
    pub fn cells(self) -> Vec<Option<NaiveDate>> {
        let first = self.first();
        let pad = first.weekday().num_days_from_monday() as usize;
        let mut cells = vec![None; pad];
        cells.extend(
            first
                .iter_days()
                .take_while(|d| d.month() == self.month)
                .map(Some),
        );
        cells
    }
}

/// Today in the visitor's browser.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or(NaiveDate::MIN)
}

pub fn weekday_short(locale: Locale, index_from_monday: usize) -> &'static str {
    const NL: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
    const FR: [&str; 7] = ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    match locale {
        Locale::nl => NL[index_from_monday % 7],
        Locale::fr => FR[index_from_monday % 7],
        Locale::en => EN[index_from_monday % 7],
    }
}

pub fn weekday_long(locale: Locale, index_from_monday: usize) -> &'static str {
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
    match locale {
        Locale::nl => NL[index_from_monday % 7],
        Locale::fr => FR[index_from_monday % 7],
        Locale::en => EN[index_from_monday % 7],
    }
}

pub fn month_name(locale: Locale, month: u32) -> &'static str {
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
    let i = (month.clamp(1, 12) - 1) as usize;
    match locale {
        Locale::nl => NL[i],
        Locale::fr => FR[i],
        Locale::en => EN[i],
    }
}

/// "maandag 2 maart 2026", "lundi 2 mars 2026", "Monday 2 March 2026".
pub fn long_date(locale: Locale, date: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        weekday_long(locale, date.weekday().num_days_from_monday() as usize),
        date.day(),
        month_name(locale, date.month()),
        date.year()
    )
}

/// The wall time of an RFC 3339 stamp at the offset it is written with
/// ("09:00"). The API writes every slot and booking time with the club's
/// offset, so this is the club's time; the stamp is parsed, not cut, so a
/// UTC stamp (`…T08:00:00Z`) reads as the hour it is in UTC, never as a
/// club hour by accident of its characters.
pub fn wall_time(stamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stamp)
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default()
}

/// The local date of an RFC 3339 stamp at the offset it is written with.
pub fn local_date(stamp: &str) -> Option<NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(stamp)
        .ok()
        .map(|t| t.date_naive())
}

/// The same instant on the visitor's clock, "HH:MM".
pub fn visitor_time(stamp: &str) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(stamp));
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// The visitor's IANA zone, as the browser reports it.
pub fn visitor_zone() -> String {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}
