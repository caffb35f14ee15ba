//! The rules for a prospect's related records (`model::Related`): one check
//! of a form against its section's fields, the same in the drawer as the
//! person types and on the server before anything reaches a vendor.

use crate::model::{RelatedField, RelatedFieldKind, RelatedInput};
use crate::validate::{self, FieldError, FieldErrors, MAX_TEXT_LEN};

/// Whether the check is of a new record (every required field must be
/// there) or of an edit (only the fields sent are checked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Create,
    Edit,
}

/// The fields of `input` that break the section's rules, by key. A key the
/// section does not have is refused (`NotAllowed`) rather than dropped, so
/// nothing typed is lost without a word.
pub fn check(fields: &[RelatedField], input: &RelatedInput, mode: Check) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for key in input.values.keys() {
        if !fields.iter().any(|f| &f.key == key) {
            errors.insert(key.clone(), FieldError::NotAllowed);
        }
    }
    for f in fields {
        let value = input.values.get(&f.key).map(|v| v.trim());
        let verdict = match value {
            None if f.required && mode == Check::Create => Err(FieldError::Required),
            None => Ok(()),
            Some("") if f.required => Err(FieldError::Required),
            Some("") => Ok(()),
            Some(v) if v.chars().count() > MAX_TEXT_LEN => Err(FieldError::TooLong),
            Some(v) => match f.kind {
                RelatedFieldKind::Text => Ok(()),
                RelatedFieldKind::Email => validate::email(v),
                RelatedFieldKind::Phone => validate::phone(v),
                RelatedFieldKind::Date => validate::date(v),
                RelatedFieldKind::Number => number(v).map(|_| ()),
            },
        };
        if let Err(e) = verdict {
            errors.insert(f.key.clone(), e);
        }
    }
    errors
}

/// A number as a person types it: `1250`, `1250.50`, or with a decimal
/// comma (`1250,50`), as the club's languages write it.
pub fn number(value: &str) -> Result<f64, FieldError> {
    let v = value.trim().replace(',', ".");
    match v.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(n),
        _ => Err(FieldError::Number),
    }
}

/// `ids` is `current` in another order: each once, none missing or added.
pub fn is_reordering(current: &[String], ids: &[String]) -> bool {
    let mut a: Vec<&String> = current.iter().collect();
    let mut b: Vec<&String> = ids.iter().collect();
    a.sort();
    b.sort();
    a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(key: &str, kind: RelatedFieldKind, required: bool) -> RelatedField {
        RelatedField {
            key: key.into(),
            kind,
            required,
        }
    }

    fn input(pairs: &[(&str, &str)]) -> RelatedInput {
        RelatedInput {
            values: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn each_bad_field_is_named() {
        let fields = [
            field("lead", RelatedFieldKind::Text, true),
            field("email", RelatedFieldKind::Email, false),
            field("amount", RelatedFieldKind::Number, false),
            field("expected_close", RelatedFieldKind::Date, false),
        ];
        let e = check(
            &fields,
            &input(&[
                ("email", "nope"),
                ("amount", "12k"),
                ("expected_close", "31-12-2026"),
                ("colour", "red"),
            ]),
            Check::Create,
        );
        assert_eq!(e.get("lead"), Some(&FieldError::Required));
        assert_eq!(e.get("email"), Some(&FieldError::Email));
        assert_eq!(e.get("amount"), Some(&FieldError::Number));
        assert_eq!(e.get("expected_close"), Some(&FieldError::Date));
        assert_eq!(e.get("colour"), Some(&FieldError::NotAllowed));
    }

    #[test]
    fn an_edit_checks_only_what_it_sends_and_cannot_clear_a_required_field() {
        let fields = [field("lead", RelatedFieldKind::Text, true)];
        assert!(check(&fields, &input(&[]), Check::Edit).is_empty());
        assert_eq!(
            check(&fields, &input(&[("lead", " ")]), Check::Edit).get("lead"),
            Some(&FieldError::Required)
        );
    }

    #[test]
    fn numbers_take_a_decimal_comma() {
        assert_eq!(number("1250,50"), Ok(1250.5));
        assert_eq!(number(" 7 "), Ok(7.0));
        assert_eq!(number("NaN"), Err(FieldError::Number));
    }

    #[test]
    fn a_reorder_is_the_same_ids() {
        let cur = ["a".to_owned(), "b".to_owned()];
        assert!(is_reordering(&cur, &["b".into(), "a".into()]));
        assert!(!is_reordering(&cur, &["a".into()]));
        assert!(!is_reordering(&cur, &["a".into(), "a".into()]));
    }
}
