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
