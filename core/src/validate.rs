//! Field rules used on both sides: the app checks as a person types, the
//! server checks again before anything is stored.

use std::collections::BTreeMap;

/// Why a field was refused, as a stable code the app can translate and a
/// plain English message the API puts in its problem documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("is required")]
    Required,
    #[error("is not a valid email address")]
    Email,
    #[error("is not a valid phone number")]
    Phone,
    #[error("is too long")]
    TooLong,
    #[error("is not a valid date (YYYY-MM-DD)")]
    Date,
    #[error("is in the future")]
    Future,
    #[error("is not one of the allowed values")]
    NotAllowed,
    #[error("has too many entries")]
    TooMany,
    #[error("is not a number")]
    Number,
    #[error("is too short")]
    TooShort,
    #[error("is already in use")]
    Taken,
    #[error("is not correct")]
    Incorrect,
}

impl FieldError {
    pub const ALL: [FieldError; 12] = [
        Self::Required,
        Self::Email,
        Self::Phone,
        Self::TooLong,
        Self::Date,
        Self::Future,
        Self::NotAllowed,
        Self::TooMany,
        Self::Number,
        Self::TooShort,
        Self::Taken,
        Self::Incorrect,
    ];

    /// The error a server's field message says (its `Display`), so a page
    /// says it in the person's language; `None` for words of its own.
    pub fn from_message(message: &str) -> Option<FieldError> {
        Self::ALL.into_iter().find(|e| e.to_string() == message)
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::Email => "email",
            Self::Phone => "phone",
            Self::TooLong => "too_long",
            Self::Date => "date",
            Self::Future => "future",
            Self::NotAllowed => "not_allowed",
            Self::TooMany => "too_many",
            Self::Number => "number",
            Self::TooShort => "too_short",
            Self::Taken => "taken",
            Self::Incorrect => "incorrect",
        }
    }
}

/// Field name → error, in a stable order.
pub type FieldErrors = BTreeMap<String, FieldError>;

/// The longest text field Frontdesk stores; vendors cut shorter, we never
/// accept something no vendor could keep.
pub const MAX_TEXT_LEN: usize = 255;

pub fn required(value: &str) -> Result<(), FieldError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        Err(FieldError::Required)
    } else if trimmed.chars().count() > MAX_TEXT_LEN {
        Err(FieldError::TooLong)
    } else {
        Ok(())
    }
}

/// A pragmatic address check: one `@`, a non-empty local part, a domain with a
/// dot and no empty labels, no spaces. Deliverability is the mail server's job.
pub fn email(value: &str) -> Result<(), FieldError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(FieldError::Required);
    }
    if v.len() > 254 {
        return Err(FieldError::TooLong);
    }
    let Some((local, domain)) = v.split_once('@') else {
        return Err(FieldError::Email);
    };
    let ok = !local.is_empty()
        && local.len() <= 64
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && !v.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok { Ok(()) } else { Err(FieldError::Email) }
}

/// A phone number as people type them in Belgium, the Netherlands and France:
/// digits with spaces, dots, dashes, slashes and parentheses, an optional
/// leading `+`, and 6 to 15 digits (E.164's maximum).
pub fn phone(value: &str) -> Result<(), FieldError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(FieldError::Required);
    }
    let body = v.strip_prefix('+').unwrap_or(v);
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '/' | '(' | ')'))
    {
        return Err(FieldError::Phone);
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if (6..=15).contains(&digits) {
        Ok(())
    } else {
        Err(FieldError::Phone)
    }
}

/// The shortest password a staff account takes.
pub const MIN_PASSWORD_LEN: usize = 10;

/// A new password: long enough (the one rule, in the forms and the server).
pub fn password(value: &str) -> Result<(), FieldError> {
    if value.chars().count() < MIN_PASSWORD_LEN {
        Err(FieldError::TooShort)
    } else {
        Ok(())
    }
}

/// Validates only when something was typed: for optional fields.
pub fn optional(value: &str, rule: fn(&str) -> Result<(), FieldError>) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        Ok(())
    } else {
        rule(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn emails() {
        for ok in [
            "a@b.be",
            "first.last+tag@club-brussels.example.org",
            "élodie@café.fr",
        ] {
            assert_eq!(email(ok), Ok(()), "{ok}");
        }
        for (bad, why) in [
            ("", FieldError::Required),
            ("   ", FieldError::Required),
            ("plainaddress", FieldError::Email),
            ("a@b", FieldError::Email),
            ("a@@b.be", FieldError::Email),
            ("@b.be", FieldError::Email),
            ("a b@c.be", FieldError::Email),
            ("a@b..be", FieldError::Email),
            ("a@-b.be", FieldError::Email),
        ] {
            assert_eq!(email(bad), Err(why), "{bad}");
        }
    }

    #[test]
    fn phones() {
        for ok in [
            "+32 470 12 34 56",
            "0470/12.34.56",
            "(02) 123-45-67",
            "+33612345678",
        ] {
            assert_eq!(phone(ok), Ok(()), "{ok}");
        }
        assert_eq!(phone("12345"), Err(FieldError::Phone));
        assert_eq!(phone("+32 abc"), Err(FieldError::Phone));
        assert_eq!(phone("1234567890123456"), Err(FieldError::Phone));
        assert_eq!(phone(""), Err(FieldError::Required));
    }

    #[test]
    fn required_and_optional() {
        assert_eq!(required(" x "), Ok(()));
        assert_eq!(required(" \t"), Err(FieldError::Required));
        assert_eq!(required(&"x".repeat(256)), Err(FieldError::TooLong));
        assert_eq!(optional("", phone), Ok(()));
        assert_eq!(optional("abc", phone), Err(FieldError::Phone));
    }

    proptest! {
        #[test]
        fn rules_never_panic(s in ".*") {
            let _ = email(&s);
            let _ = phone(&s);
            let _ = required(&s);
        }

        #[test]
        fn formatted_phone_numbers_pass(digits in "[0-9]{6,15}", sep in "[ ./-]") {
            let spaced: String = digits
                .chars()
                .enumerate()
                .flat_map(|(i, c)| if i > 0 && i % 2 == 0 { vec![sep.chars().next().unwrap(), c] } else { vec![c] })
                .collect();
            prop_assert_eq!(phone(&format!("+{spaced}")), Ok(()));
        }
    }
}

/// The details form of a booking, checked the same way in the widget and on
/// the server: name and email required, phone valid when given, every
/// required extra question answered.
pub fn booking(
    request: &crate::model::BookingRequest,
    fields: &[crate::model::FormField],
) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if let Err(e) = required(&request.name) {
        errors.insert("name".into(), e);
    }
    if let Err(e) = email(&request.email) {
        errors.insert("email".into(), e);
    }
    if let Err(e) = optional(&request.phone, phone) {
        errors.insert("phone".into(), e);
    }
    for field in fields {
        let answer = request
            .fields
            .get(&field.key)
            .map(String::as_str)
            .unwrap_or("");
        let missing = match field.kind {
            crate::model::FormFieldKind::Checkbox => answer != "true",
            _ => answer.trim().is_empty(),
        };
        if field.required && missing {
            errors.insert(format!("fields.{}", field.key), FieldError::Required);
        } else if answer.chars().count() > 2000 {
            errors.insert(format!("fields.{}", field.key), FieldError::TooLong);
        }
    }
    errors
}

/// A calendar date `YYYY-MM-DD` (a real one: no 31 February).
pub fn date(value: &str) -> Result<(), FieldError> {
    let parts: Vec<&str> = value.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(FieldError::Date);
    };
    let all_digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(y, 4) && all_digits(m, 2) && all_digits(d, 2)) {
        return Err(FieldError::Date);
    }
    let (y, m, d): (u32, u32, u32) = (
        y.parse().unwrap_or(0),
        m.parse().unwrap_or(0),
        d.parse().unwrap_or(0),
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(FieldError::Date),
    };
    if (1..=days).contains(&d) && y >= 1 {
        Ok(())
    } else {
        Err(FieldError::Date)
    }
}

/// What vendors' exports write for "birth date unknown". Frontdesk keeps no
/// placeholder: whatever path a prospect comes in by (the form, the API, a
/// CSV import), such a date is stored as unknown.
pub const UNKNOWN_BIRTH_DATE: &str = "1900-01-01";

/// The birth date to keep: `None` for none, a blank one or the vendors'
/// placeholder [`UNKNOWN_BIRTH_DATE`]; anything else as it is (for
/// [`prospect`] to check).
pub fn known_birth_date(value: Option<&str>) -> Option<&str> {
    value.filter(|d| !d.trim().is_empty() && d.trim() != UNKNOWN_BIRTH_DATE)
}

/// Languages a prospect can be spoken to in.
pub const LANGUAGES: [&str; 5] = ["", "nl", "fr", "en", "de"];
/// At most this many tags on one prospect.
pub const MAX_TAGS: usize = 20;

/// One tag: not blank, at most 40 characters.
pub fn tag(t: &str) -> Result<(), FieldError> {
    if t.trim().is_empty() {
        Err(FieldError::Required)
    } else if t.chars().count() > 40 {
        Err(FieldError::TooLong)
    } else {
        Ok(())
    }
}

/// The prospect form, checked in the app as a person types and by the
/// server before anything is stored. `today` is `YYYY-MM-DD` (a birth date
/// cannot be later).
pub fn prospect(input: &crate::model::ProspectInput, today: &str) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let mut check = |field: &str, result: Result<(), FieldError>| {
        if let Err(e) = result {
            errors.insert(field.to_owned(), e);
        }
    };
    if input.first_name.trim().is_empty() && input.last_name.trim().is_empty() {
        check("last_name", Err(FieldError::Required));
    }
    for (field, value) in [
        ("first_name", &input.first_name),
        ("last_name", &input.last_name),
        ("address", &input.address),
        ("zip", &input.zip),
        ("city", &input.city),
        ("source", &input.source),
        ("sub_source", &input.sub_source),
        ("next_action", &input.next_action),
    ] {
        check(field, optional(value, required));
    }
    check("email", optional(&input.email, email));
    check("mobile", optional(&input.mobile, phone));
    check("phone", optional(&input.phone, phone));
    check("status", required(&input.status));
    if input.note.chars().count() > 4000 {
        check("note", Err(FieldError::TooLong));
    }
    if !LANGUAGES.contains(&input.language.as_str()) {
        check("language", Err(FieldError::NotAllowed));
    }
    if let Some(birth) = &input.birth_date {
        check(
            "birth_date",
            date(birth).and_then(|()| {
                if birth.as_str() > today {
                    Err(FieldError::Future)
                } else {
                    Ok(())
                }
            }),
        );
    }
    if let Some(due) = &input.next_action_due {
        check("next_action_due", date(due));
    }
    if input.tags.len() > MAX_TAGS {
        check("tags", Err(FieldError::TooMany));
    }
    for (i, t) in input.tags.iter().enumerate() {
        check(&format!("tags[{i}]"), tag(t));
    }
    errors
}

#[cfg(test)]
mod prospect_tests {
    use super::*;
    use crate::model::ProspectInput;

    fn valid() -> ProspectInput {
        ProspectInput {
            last_name: "Peeters".into(),
            status: "new".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_name_and_a_status_are_enough() {
        assert!(prospect(&valid(), "2026-11-23").is_empty());
    }

    #[test]
    fn a_body_without_status_is_a_new_prospect() {
        let input: ProspectInput = serde_json::from_str(r#"{"last_name": "Peeters"}"#).unwrap();
        assert_eq!(input.status, "new");
        assert_eq!(input, valid());
        assert!(prospect(&input, "2026-11-23").is_empty());
        // Said, it is kept; said empty, it is refused.
        let said: ProspectInput =
            serde_json::from_str(r#"{"last_name": "P", "status": "trial"}"#).unwrap();
        assert_eq!(said.status, "trial");
        let blank: ProspectInput =
            serde_json::from_str(r#"{"last_name": "P", "status": ""}"#).unwrap();
        assert_eq!(
            prospect(&blank, "2026-11-23").get("status"),
            Some(&FieldError::Required)
        );
    }

    #[test]
    fn every_rule_names_its_field() {
        type Case = (fn(&mut ProspectInput), &'static str, FieldError);
        let cases: Vec<Case> = vec![
            (
                |p| p.last_name = " ".into(),
                "last_name",
                FieldError::Required,
            ),
            (|p| p.email = "ann@".into(), "email", FieldError::Email),
            (|p| p.mobile = "12".into(), "mobile", FieldError::Phone),
            (|p| p.phone = "abc".into(), "phone", FieldError::Phone),
            (|p| p.status = "".into(), "status", FieldError::Required),
            (
                |p| p.language = "xx".into(),
                "language",
                FieldError::NotAllowed,
            ),
            (
                |p| p.birth_date = Some("2026-02-30".into()),
                "birth_date",
                FieldError::Date,
            ),
            (
                |p| p.birth_date = Some("2030-01-01".into()),
                "birth_date",
                FieldError::Future,
            ),
            (
                |p| p.next_action_due = Some("tomorrow".into()),
                "next_action_due",
                FieldError::Date,
            ),
            (|p| p.city = "x".repeat(300), "city", FieldError::TooLong),
            (|p| p.note = "x".repeat(4001), "note", FieldError::TooLong),
            (
                |p| p.tags = vec!["".into()],
                "tags[0]",
                FieldError::Required,
            ),
            (
                |p| p.tags = (0..21).map(|i| i.to_string()).collect(),
                "tags",
                FieldError::TooMany,
            ),
        ];
        for (change, field, error) in cases {
            let mut p = valid();
            change(&mut p);
            let errors = prospect(&p, "2026-11-23");
            assert_eq!(errors.get(field), Some(&error), "{field}: {errors:?}");
        }
    }

    #[test]
    fn the_vendors_unknown_birth_date_is_no_date() {
        assert_eq!(known_birth_date(Some("1900-01-01")), None);
        assert_eq!(known_birth_date(Some(" 1900-01-01 ")), None);
        assert_eq!(known_birth_date(Some("")), None);
        assert_eq!(known_birth_date(None), None);
        assert_eq!(known_birth_date(Some("1990-01-31")), Some("1990-01-31"));
        assert_eq!(known_birth_date(Some("1900-01-02")), Some("1900-01-02"));
        // Not a date at all: kept, for `prospect` to refuse.
        assert_eq!(known_birth_date(Some("soon")), Some("soon"));
    }

    #[test]
    fn dates() {
        assert_eq!(date("2024-02-29"), Ok(()));
        assert_eq!(date("2023-02-29"), Err(FieldError::Date));
        assert_eq!(date("2023-13-01"), Err(FieldError::Date));
        assert_eq!(date("23-01-01"), Err(FieldError::Date));
    }
}

#[cfg(test)]
mod booking_tests {
    use super::*;
    use crate::model::{BookingRequest, FormField, FormFieldKind};

    fn request() -> BookingRequest {
        BookingRequest {
            type_id: 1,
            start: "2026-03-02T09:00:00+01:00".into(),
            resource_id: None,
            name: "Ann".into(),
            email: "ann@example.be".into(),
            phone: String::new(),
            fields: Default::default(),
            language: None,
        }
    }

    fn goal(required: bool, kind: FormFieldKind) -> FormField {
        FormField {
            key: "goal".into(),
            label: "Goal".into(),
            labels: Default::default(),
            required,
            kind,
        }
    }

    #[test]
    fn a_complete_request_passes() {
        assert!(booking(&request(), &[goal(false, FormFieldKind::Text)]).is_empty());
    }

    #[test]
    fn names_every_failing_field() {
        let mut r = request();
        r.name = " ".into();
        r.email = "ann@".into();
        r.phone = "12".into();
        let errors = booking(&r, &[goal(true, FormFieldKind::Textarea)]);
        assert_eq!(errors.get("name"), Some(&FieldError::Required));
        assert_eq!(errors.get("email"), Some(&FieldError::Email));
        assert_eq!(errors.get("phone"), Some(&FieldError::Phone));
        assert_eq!(errors.get("fields.goal"), Some(&FieldError::Required));
    }

    #[test]
    fn a_required_checkbox_must_be_ticked() {
        let mut r = request();
        let consent = [goal(true, FormFieldKind::Checkbox)];
        r.fields.insert("goal".into(), "false".into());
        assert_eq!(booking(&r, &consent).len(), 1);
        r.fields.insert("goal".into(), "true".into());
        assert!(booking(&r, &consent).is_empty());
    }
}

/// The largest deal value Frontdesk accepts: a hundred million in any
/// currency, far beyond a gym's deals and far from overflowing a total.
pub const MAX_DEAL_CENTS: i64 = 10_000_000_000;

/// The deal form, checked in the drawer as a person types and by the server
/// before anything is stored. Whether the stage, prospect and owner exist is
/// the server's part.
pub fn deal(input: &crate::model::DealInput) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if let Err(e) = required(&input.title) {
        errors.insert("title".into(), e);
    }
    if input.stage_id.trim().is_empty() {
        errors.insert("stage_id".into(), FieldError::Required);
    }
    if !(0..=MAX_DEAL_CENTS).contains(&input.value_cents) {
        errors.insert("value_cents".into(), FieldError::NotAllowed);
    }
    let c = input.currency.as_bytes();
    if c.is_empty() {
        errors.insert("currency".into(), FieldError::Required);
    } else if !(c.len() == 3 && c.iter().all(u8::is_ascii_uppercase)) {
        errors.insert("currency".into(), FieldError::NotAllowed);
    }
    if input.probability.is_some_and(|p| p > 100) {
        errors.insert("probability".into(), FieldError::NotAllowed);
    }
    if let Some(close) = &input.expected_close
        && let Err(e) = date(close)
    {
        errors.insert("expected_close".into(), e);
    }
    errors
}

#[cfg(test)]
mod deal_tests {
    use super::*;
    use crate::model::DealInput;

    fn valid() -> DealInput {
        DealInput {
            title: "Yearly membership".into(),
            stage_id: "1".into(),
            value_cents: 59_900,
            currency: "EUR".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_title_stage_and_currency_are_enough() {
        assert!(deal(&valid()).is_empty());
    }

    #[test]
    fn every_rule_names_its_field() {
        type Case = (fn(&mut DealInput), &'static str, FieldError);
        let cases: Vec<Case> = vec![
            (|d| d.title = " ".into(), "title", FieldError::Required),
            (|d| d.title = "x".repeat(300), "title", FieldError::TooLong),
            (|d| d.stage_id = "".into(), "stage_id", FieldError::Required),
            (
                |d| d.value_cents = -1,
                "value_cents",
                FieldError::NotAllowed,
            ),
            (
                |d| d.value_cents = MAX_DEAL_CENTS + 1,
                "value_cents",
                FieldError::NotAllowed,
            ),
            (|d| d.currency = "".into(), "currency", FieldError::Required),
            (
                |d| d.currency = "eur".into(),
                "currency",
                FieldError::NotAllowed,
            ),
            (
                |d| d.currency = "EURO".into(),
                "currency",
                FieldError::NotAllowed,
            ),
            (
                |d| d.probability = Some(101),
                "probability",
                FieldError::NotAllowed,
            ),
            (
                |d| d.expected_close = Some("2026-02-30".into()),
                "expected_close",
                FieldError::Date,
            ),
        ];
        for (change, field, error) in cases {
            let mut d = valid();
            change(&mut d);
            let errors = deal(&d);
            assert_eq!(errors.get(field), Some(&error), "{field}: {errors:?}");
            assert_eq!(errors.len(), 1, "{errors:?}");
        }
    }

    #[test]
    fn every_error_is_read_back_from_its_message() {
        for e in FieldError::ALL {
            assert_eq!(FieldError::from_message(&e.to_string()), Some(e));
        }
        assert_eq!(FieldError::from_message("is a slot taken meanwhile"), None);
    }
}
