//! Why an `Availability` was refused, and which field to blame.

/// A malformed `Availability`: the field at fault (a dotted path with
/// indices, e.g. `blocks[3].end`) and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {kind}")]
pub struct SlotError {
    field: String,
    kind: SlotErrorKind,
}

/// What is wrong with the field. The messages are written for a person
/// reading an API error, so they quote the offending value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlotErrorKind {
    #[error("unknown time zone {0:?}")]
    UnknownTimezone(String),
    #[error("is the table of {0:?}, not of `timezone`")]
    ZoneMismatch(String),
    #[error("does not cover the dates from `from` to `to` with a day either side")]
    ZoneTooShort,
    #[error("expected a date YYYY-MM-DD, got {0:?}")]
    BadDate(String),
    #[error("expected a time HH:MM, got {0:?}")]
    BadTime(String),
    #[error("expected an RFC 3339 date-time, got {0:?}")]
    BadInstant(String),
    #[error("must not be before the start ({0})")]
    EndBeforeStart(String),
    #[error("must be at least 1")]
    Zero,
    #[error("must not be before `from` ({0})")]
    RangeReversed(String),
    #[error("the range has {0} dates; at most {max} are allowed", max = super::MAX_DAYS)]
    RangeTooLong(i64),
}

impl SlotError {
    pub(crate) fn new(field: impl Into<String>, kind: SlotErrorKind) -> Self {
        Self {
            field: field.into(),
            kind,
        }
    }

    /// The field at fault, as a path into the `Availability` JSON.
    pub fn field(&self) -> &str {
        &self.field
    }

    pub fn kind(&self) -> &SlotErrorKind {
        &self.kind
    }

    /// The message without the field, for an API error's per-field map.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

/// Quotes at most a screenful of a bad value, so a huge string in a request
/// cannot blow up an error response.
pub(crate) fn excerpt(value: &str) -> String {
    const MAX: usize = 40;
    match value.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_owned(),
    }
}
