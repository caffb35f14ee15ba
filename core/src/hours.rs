//! Weekly opening hours as staff edit them: spans of wall time on each
//! weekday, checked whole before they replace a coach's or room's week.
//! The server and the form run the same check, so a form shows what is
//! wrong before sending and the server refuses nothing the form allowed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::calendar::{DAY_MIN, wall_minutes};

/// One span of a week: `weekday` 1 = Monday … 7 = Sunday, wall times
/// `HH:MM` of the agenda's time zone (`end` may be `24:00`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WeeklySpan {
    pub weekday: u8,
    pub start: String,
    pub end: String,
}

/// `PUT /api/v1/agendas/{id}/hours`: the whole week of one coach or room
/// (or, without `resource_id`, the hours every one of the agenda shares),
/// replacing the one before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WeeklyHours {
    #[serde(default)]
    pub resource_id: Option<String>,
    pub hours: Vec<WeeklySpan>,
}

/// What is wrong with one field of a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    #[error("is not a day of the week (1 = Monday … 7 = Sunday)")]
    Weekday,
    #[error("is not a time (HH:MM)")]
    Time,
    #[error("must be after the start")]
    EndBeforeStart,
    #[error("overlaps other hours that day")]
    Overlap,
}

/// A week has at most this many spans (a split shift every day, and more).
pub const MAX_SPANS: usize = 70;

/// A checked span: weekday and minutes since midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub weekday: u8,
    pub start: u32,
    pub end: u32,
}

/// The field of span `i` that `error` is about, as the problem document
/// and the form name it: `hours[3].end`.
pub fn field(i: usize, name: &str) -> String {
    format!("hours[{i}].{name}")
}

/// Checks a week: each weekday 1–7, each time `HH:MM` with the end after
/// the start, and no two spans of a weekday overlapping (touching is fine:
/// 09:00–12:00 and 12:00–17:00). Returns the spans sorted by weekday and
/// start, or every error by its field.
pub fn check_week(spans: &[WeeklySpan]) -> Result<Vec<Span>, BTreeMap<String, HoursError>> {
    let mut errors = BTreeMap::new();
    let mut ok: Vec<(usize, Span)> = Vec::new();
    for (i, s) in spans.iter().enumerate() {
        let weekday = (1..=7).contains(&s.weekday).then_some(s.weekday);
        if weekday.is_none() {
            errors.insert(field(i, "weekday"), HoursError::Weekday);
        }
        // 24:00 ends a day; it does not start one.
        let start = wall_minutes(&s.start).filter(|m| *m < DAY_MIN);
        if start.is_none() {
            errors.insert(field(i, "start"), HoursError::Time);
        }
        let end = wall_minutes(&s.end);
        if end.is_none() {
            errors.insert(field(i, "end"), HoursError::Time);
        }
        if let (Some(weekday), Some(start), Some(end)) = (weekday, start, end) {
            if end <= start {
                errors.insert(field(i, "end"), HoursError::EndBeforeStart);
            } else {
                ok.push((
                    i,
                    Span {
                        weekday,
                        start,
                        end,
                    },
                ));
            }
        }
    }
    ok.sort_by_key(|(_, s)| *s);
    for pair in ok.windows(2) {
        let ((_, a), (j, b)) = (pair[0], pair[1]);
        if a.weekday == b.weekday && b.start < a.end {
            errors.insert(field(j, "start"), HoursError::Overlap);
        }
    }
    if errors.is_empty() {
        Ok(ok.into_iter().map(|(_, s)| s).collect())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(weekday: u8, start: &str, end: &str) -> WeeklySpan {
        WeeklySpan {
            weekday,
            start: start.into(),
            end: end.into(),
        }
    }

    #[test]
    fn a_split_shift_and_a_late_evening_are_a_week() {
        let week = check_week(&[
            span(2, "13:00", "17:00"),
            span(2, "09:00", "12:00"),
            span(5, "18:00", "24:00"),
            span(2, "12:00", "13:00"),
        ])
        .unwrap();
        let days: Vec<(u8, u32, u32)> = week.iter().map(|s| (s.weekday, s.start, s.end)).collect();
        assert_eq!(
            days,
            vec![
                (2, 540, 720),
                (2, 720, 780),
                (2, 780, 1020),
                (5, 1080, 1440)
            ]
        );
    }

    #[test]
    fn every_error_names_its_field() {
        let errors = check_week(&[
            span(0, "09:00", "12:00"),
            span(1, "9", "12:00"),
            span(1, "14:00", "13:00"),
            span(3, "24:00", "24:00"),
            span(4, "09:00", "12:00"),
            span(4, "11:30", "14:00"),
        ])
        .unwrap_err();
        assert_eq!(errors.get("hours[0].weekday"), Some(&HoursError::Weekday));
        assert_eq!(errors.get("hours[1].start"), Some(&HoursError::Time));
        assert_eq!(
            errors.get("hours[2].end"),
            Some(&HoursError::EndBeforeStart)
        );
        assert_eq!(errors.get("hours[3].start"), Some(&HoursError::Time));
        assert_eq!(errors.get("hours[5].start"), Some(&HoursError::Overlap));
        assert_eq!(errors.len(), 5);
    }

    #[test]
    fn a_week_may_be_closed() {
        assert_eq!(check_week(&[]), Ok(Vec::new()));
    }

    mod properties {
        use super::super::*;
        use crate::calendar::wall_text;
        use proptest::prelude::*;

        proptest! {
            /// Whatever is typed, a week that passes has no overlap and
            /// only real spans; one that fails names only real fields.
            #[test]
            fn a_checked_week_never_overlaps(
                raw in proptest::collection::vec((0u8..9, 0u32..1500, 0u32..1500), 0..20)
            ) {
                let spans: Vec<WeeklySpan> = raw
                    .iter()
                    .map(|&(d, s, e)| WeeklySpan { weekday: d, start: wall_text(s), end: wall_text(e) })
                    .collect();
                match check_week(&spans) {
                    Ok(week) => {
                        prop_assert_eq!(week.len(), spans.len());
                        for s in &week {
                            prop_assert!((1..=7).contains(&s.weekday));
                            prop_assert!(s.start < s.end && s.end <= DAY_MIN);
                        }
                        for pair in week.windows(2) {
                            prop_assert!(pair[0].weekday < pair[1].weekday || pair[0].end <= pair[1].start);
                        }
                    }
                    Err(errors) => {
                        prop_assert!(!errors.is_empty());
                        for f in errors.keys() {
                            let i: usize = f[6..f.find(']').unwrap()].parse().unwrap();
                            prop_assert!(i < spans.len());
                        }
                    }
                }
            }
        }
    }
}
