//! Sales steps: which label a person reads, what a chosen result needs, and
//! where it takes the prospect. Checked by the server before anything is
//! stored; plain functions so the rules are tested without a database.

use chrono::{DateTime, Duration, NaiveDate};

use crate::model::{SalesAction, SalesResultRequest};

/// The longest note kept with a result.
pub const MAX_NOTE_LEN: usize = 2000;

/// The app's languages, in the order a missing label falls back to: English
/// is the one every member of staff reads; Dutch is what Clubplanner sends.
pub const LANGUAGES: [&str; 3] = ["en", "nl", "fr"];

/// `nl-BE`, `FR`, `en` … → one of [`LANGUAGES`]; anything else is English.
pub fn language(requested: Option<&str>) -> &'static str {
    let code = requested
        .map(|l| l.get(..2).unwrap_or(l).to_ascii_lowercase())
        .unwrap_or_default();
    LANGUAGES
        .into_iter()
        .find(|l| *l == code)
        .unwrap_or(LANGUAGES[0])
}

/// One label of the plan in each language; empty where nobody wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Labels<'a> {
    pub nl: &'a str,
    pub fr: &'a str,
    pub en: &'a str,
}

impl<'a> Labels<'a> {
    /// The label in `lang`, else in the first language of [`LANGUAGES`]
    /// that has one.
    pub fn pick(&self, lang: &str) -> &'a str {
        let of = |l: &str| match l {
            "nl" => self.nl,
            "fr" => self.fr,
            _ => self.en,
        };
        std::iter::once(lang)
            .chain(LANGUAGES)
            .map(|l| of(l).trim())
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }
}

/// Why a field of a result request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SalesFieldError {
    #[error("is not a result of the prospect's current step")]
    NotAtThisStep,
    #[error("is required: this result books an appointment")]
    AppointmentRequired,
    #[error("is only for results that book an appointment")]
    AppointmentNotAllowed,
    #[error("is not the appointment type this result books")]
    WrongType,
    #[error("is not a time like 2026-03-02T10:00:00+01:00")]
    NotATime,
    #[error("must be the start plus the appointment's duration")]
    WrongEnd,
    #[error("is too long (at most 2000 characters)")]
    TooLong,
}

/// What the chosen result is, as far as the request is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResultRule {
    pub action: SalesAction,
    pub appointment_type_id: Option<i64>,
}

/// Checks a request against the result it chose: a booking result needs an
/// appointment of its own type with readable times, any other refuses one.
/// The slot itself is checked later, against the agenda.
pub fn check_request(
    rule: ResultRule,
    request: &SalesResultRequest,
) -> Vec<(&'static str, SalesFieldError)> {
    let mut errors = Vec::new();
    if request
        .note
        .as_deref()
        .is_some_and(|n| n.chars().count() > MAX_NOTE_LEN)
    {
        errors.push(("note", SalesFieldError::TooLong));
    }
    match (rule.action, &request.appointment) {
        (SalesAction::BookAppointment, None) => {
            errors.push(("appointment", SalesFieldError::AppointmentRequired));
        }
        (SalesAction::BookAppointment, Some(slot)) => {
            if Some(slot.type_id) != rule.appointment_type_id {
                errors.push(("appointment.type_id", SalesFieldError::WrongType));
            }
            let start = DateTime::parse_from_rfc3339(&slot.start);
            let end = DateTime::parse_from_rfc3339(&slot.end);
            if start.is_err() {
                errors.push(("appointment.start", SalesFieldError::NotATime));
            }
            if end.is_err() {
                errors.push(("appointment.end", SalesFieldError::NotATime));
            }
            if let (Ok(s), Ok(e)) = (start, end)
                && e <= s
            {
                errors.push(("appointment.end", SalesFieldError::WrongEnd));
            }
        }
        (_, Some(_)) => errors.push(("appointment", SalesFieldError::AppointmentNotAllowed)),
        (_, None) => {}
    }
    errors
}

/// Whether `end` is `start` plus the type's duration: the picker sends both,
/// and a mismatch means it looked at another type than the one booked.
pub fn slot_length_ok(start: &str, end: &str, duration_min: u32) -> bool {
    match (
        DateTime::parse_from_rfc3339(start),
        DateTime::parse_from_rfc3339(end),
    ) {
        (Ok(s), Ok(e)) => e - s == Duration::minutes(i64::from(duration_min)),
        _ => false,
    }
}

/// The step a prospect stands on after a result: closing ends the process
/// whatever the plan names as next.
pub fn next_step(action: SalesAction, next_step_id: Option<i64>) -> Option<i64> {
    match action {
        SalesAction::Close => None,
        _ => next_step_id,
    }
}

/// The due date of "call back in N days".
pub fn callback_due(today: NaiveDate, days: u32) -> NaiveDate {
    today + Duration::days(i64::from(days))
}

/// Prospects with these statuses are done with selling: no current step.
pub fn is_closed_status(status: &str) -> bool {
    matches!(status, "member" | "not_interested")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AppointmentSlot;

    const BOOK_TRIAL: ResultRule = ResultRule {
        action: SalesAction::BookAppointment,
        appointment_type_id: Some(2),
    };
    const NO_ANSWER: ResultRule = ResultRule {
        action: SalesAction::None,
        appointment_type_id: None,
    };

    fn slot() -> AppointmentSlot {
        AppointmentSlot {
            type_id: 2,
            resource_id: Some("4".into()),
            start: "2026-03-02T10:00:00+01:00".into(),
            end: "2026-03-02T11:00:00+01:00".into(),
        }
    }

    fn request(appointment: Option<AppointmentSlot>) -> SalesResultRequest {
        SalesResultRequest {
            result_id: 28,
            note: Some("Wants mornings".into()),
            appointment,
        }
    }

    #[test]
    fn labels_fall_back_to_a_language_that_has_one() {
        let dutch_only = Labels {
            nl: "Geen gehoor ",
            fr: "",
            en: "",
        };
        assert_eq!(dutch_only.pick("fr"), "Geen gehoor");
        assert_eq!(dutch_only.pick("en"), "Geen gehoor");
        let all = Labels {
            nl: "Geen gehoor",
            fr: "Pas de réponse",
            en: "No answer",
        };
        assert_eq!(all.pick("fr"), "Pas de réponse");
        assert_eq!(all.pick("nl"), "Geen gehoor");
        assert_eq!(all.pick("de"), "No answer");
        let no_english = Labels {
            nl: "Geen gehoor",
            fr: "Pas de réponse",
            en: " ",
        };
        assert_eq!(no_english.pick("en"), "Geen gehoor", "Dutch before French");
    }

    #[test]
    fn languages_are_normalised() {
        assert_eq!(language(Some("nl-BE")), "nl");
        assert_eq!(language(Some("FR")), "fr");
        assert_eq!(language(Some("de")), "en");
        assert_eq!(language(Some("")), "en");
        assert_eq!(language(None), "en");
    }

    #[test]
    fn a_booking_result_needs_a_readable_appointment_of_its_type() {
        assert!(check_request(BOOK_TRIAL, &request(Some(slot()))).is_empty());
        assert_eq!(
            check_request(BOOK_TRIAL, &request(None)),
            vec![("appointment", SalesFieldError::AppointmentRequired)]
        );
        let mut other_type = slot();
        other_type.type_id = 1;
        assert_eq!(
            check_request(BOOK_TRIAL, &request(Some(other_type))),
            vec![("appointment.type_id", SalesFieldError::WrongType)]
        );
        let mut unreadable = slot();
        unreadable.start = "tomorrow at ten".into();
        assert_eq!(
            check_request(BOOK_TRIAL, &request(Some(unreadable))),
            vec![("appointment.start", SalesFieldError::NotATime)]
        );
        let mut backwards = slot();
        backwards.end = "2026-03-02T09:00:00+01:00".into();
        assert_eq!(
            check_request(BOOK_TRIAL, &request(Some(backwards))),
            vec![("appointment.end", SalesFieldError::WrongEnd)]
        );
    }

    #[test]
    fn other_results_refuse_an_appointment_and_long_notes() {
        assert!(check_request(NO_ANSWER, &request(None)).is_empty());
        assert_eq!(
            check_request(NO_ANSWER, &request(Some(slot()))),
            vec![("appointment", SalesFieldError::AppointmentNotAllowed)]
        );
        let mut long = request(None);
        long.note = Some("x".repeat(MAX_NOTE_LEN + 1));
        assert_eq!(
            check_request(NO_ANSWER, &long),
            vec![("note", SalesFieldError::TooLong)]
        );
    }

    #[test]
    fn slot_length_is_the_type_duration_in_real_minutes() {
        let s = slot();
        assert!(slot_length_ok(&s.start, &s.end, 60));
        assert!(!slot_length_ok(&s.start, &s.end, 30));
        // Across the spring-forward gap: 01:30+01:00 to 03:30+02:00 is one hour.
        assert!(slot_length_ok(
            "2026-03-29T01:30:00+01:00",
            "2026-03-29T03:30:00+02:00",
            60
        ));
        assert!(!slot_length_ok("x", &s.end, 60));
    }

    #[test]
    fn closing_ends_the_process_and_callbacks_count_days() {
        assert_eq!(next_step(SalesAction::None, Some(3)), Some(3));
        assert_eq!(next_step(SalesAction::BookAppointment, Some(4)), Some(4));
        assert_eq!(next_step(SalesAction::Close, Some(3)), None);
        let today = NaiveDate::from_ymd_opt(2026, 2, 27).unwrap();
        assert_eq!(
            callback_due(today, 3),
            NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
        );
        assert!(is_closed_status("member"));
        assert!(is_closed_status("not_interested"));
        assert!(!is_closed_status("trial"));
    }
}
