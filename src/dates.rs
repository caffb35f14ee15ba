//! Calendar arithmetic for the widget's month view, and the page's dates
//! and times written by `frontdesk_core::format::dates`.

use chrono::{Datelike, NaiveDate, Weekday};
use frontdesk_core::format::dates;

use crate::i18n::Locale;
use leptos_i18n::Locale as _;

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

// The names and forms below are `frontdesk_core::format::dates`, the one
// place the staff app, the widget and the server's mails take them from;
// these wrappers only take the page's `Locale` and the API's texts.

fn weekday(index_from_monday: usize) -> Weekday {
    Weekday::try_from((index_from_monday % 7) as u8).unwrap_or(Weekday::Mon)
}

/// "ma", "lun.", "Mon".
pub fn weekday_short(locale: Locale, index_from_monday: usize) -> &'static str {
    dates::weekday_short(locale.as_str(), weekday(index_from_monday))
}

/// "maandag", "lundi", "Monday".
pub fn weekday_long(locale: Locale, index_from_monday: usize) -> &'static str {
    dates::weekday_long(locale.as_str(), weekday(index_from_monday))
}

/// "maart 2026", "mars 2026", "March 2026".
pub fn month_year(locale: Locale, month: Month) -> String {
    dates::month_year(locale.as_str(), month.year, month.month)
}

/// "maandag 2 maart 2026", "lundi 2 mars 2026", "Monday 2 March 2026".
pub fn long_date(locale: Locale, date: NaiveDate) -> String {
    dates::long_date(locale.as_str(), date)
}

/// The days a page shows: one long date, or "maandag 2 maart 2026 –
/// zondag 8 maart 2026".
pub fn date_range(locale: Locale, from: NaiveDate, to: NaiveDate) -> String {
    dates::date_range(locale.as_str(), from, to)
}

/// A text that begins with an ISO date (`2026-11-23`, or a stamp) as
/// "23 nov 2026"; any other text as it is, so a vendor's odd value is seen
/// rather than hidden.
pub fn short_date(locale: Locale, text: &str) -> String {
    dates::iso_date(text)
        .map(|d| dates::short_date(locale.as_str(), d))
        .unwrap_or_else(|| text.to_owned())
}

/// "10:00–11:00" from the API's wall times; a time it cannot read is
/// shown as it came.
pub fn time_span(start: &str, end: &str) -> String {
    match (dates::wall_clock(start), dates::wall_clock(end)) {
        (Some(s), Some(e)) => dates::time_range(s, e),
        _ => format!("{start}–{end}"),
    }
}

/// An appointment on `date` (`YYYY-MM-DD`) from `start` to `end` (`HH:MM`):
/// "maandag 2 maart 2026, 10:00–11:00".
pub fn appointment_when(locale: Locale, date: &str, start: &str, end: &str) -> String {
    let day = dates::iso_date(date)
        .map(|d| long_date(locale, d))
        .unwrap_or_else(|| date.to_owned());
    format!("{day}, {}", time_span(start, end))
}

/// The wall time of an RFC 3339 stamp at the offset it is written with
/// ("09:00"): the club's time, as the API writes every slot and booking.
pub fn wall_time(stamp: &str) -> String {
    dates::stamp_wall(stamp)
        .map(|t| dates::time(t.time()))
        .unwrap_or_default()
}

/// A booking's start in the club's time: "maandag 2 maart 2026 om 09:00",
/// as its mail writes it.
pub fn booking_when(locale: Locale, stamp: &str) -> Option<String> {
    dates::stamp_wall(stamp).map(|t| dates::date_time(locale.as_str(), t))
}

/// From a booking's start to its end in the club's time:
/// "maandag 2 maart 2026, 09:00–10:00".
pub fn booking_span(locale: Locale, start: &str, end: &str) -> Option<String> {
    let (s, e) = (dates::stamp_wall(start)?, dates::stamp_wall(end)?);
    Some(dates::date_time_range(
        locale.as_str(),
        s.date(),
        s.time(),
        e.time(),
    ))
}

/// When something happened (a history line, a message in the outbox) on
/// the reader's own clock: "2 mrt 2026, 14:05". Staff read these where
/// they are; a text that is no stamp is shown as it is.
pub fn happened(locale: Locale, stamp: &str) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(stamp));
    let local = NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .and_then(|day| day.and_hms_opt(d.get_hours(), d.get_minutes(), 0));
    match local {
        Some(t) if !d.get_time().is_nan() => dates::short_date_time(locale.as_str(), t),
        _ => stamp.to_owned(),
    }
}

/// The same instant on the visitor's clock, "HH:MM".
pub fn visitor_time(stamp: &str) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(stamp));
    chrono::NaiveTime::from_hms_opt(d.get_hours(), d.get_minutes(), 0)
        .filter(|_| !d.get_time().is_nan())
        .map(dates::time)
        .unwrap_or_default()
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
