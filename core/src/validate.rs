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
}

impl FieldError {
    pub fn code(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::Email => "email",
            Self::Phone => "phone",
            Self::TooLong => "too_long",
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
