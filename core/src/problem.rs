//! RFC 9457 problem documents: the one error shape of `/api/v1`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The media type every error response carries.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// An error as the API reports it. `errors` maps a field name (dotted path for
/// nested fields) to a message, for validation failures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(rename = "type", default = "about_blank")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub errors: BTreeMap<String, String>,
    /// An extension member: the record as the server holds it now, on a
    /// conflict (409), so the client can say what changed meanwhile. Boxed:
    /// every error result carries a `Problem`, and most have no record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Box<serde_json::Value>>,
    /// An extension member: how many tries are left (a wrong code), so a
    /// page can say it in a whole sentence in its own language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tries_left: Option<u32>,
    /// An extension member: seconds until the request may be made again
    /// (also in `Retry-After`), for a page to say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_s: Option<u32>,
    /// An extension member: the system behind the capability ("Clubplanner"),
    /// on a vendor's failure, for a page to name it in its own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
}

/// The `type`s of problems a page answers with its own words. Relative
/// references (RFC 9457 allows them), resolved against the API's address.
pub mod kinds {
    /// A wrong confirmation code; `tries_left` says how many remain.
    pub const WRONG_CODE: &str = "/problems/wrong-code";
    /// Too many bookings wait for their code, from this email or this
    /// client: confirm one, or wait until they are released.
    pub const TOO_MANY_PENDING: &str = "/problems/too-many-pending";
    /// A code asked for again too soon (`retry_after_s`), or too often.
    pub const CODE_RESEND_LIMIT: &str = "/problems/code-resend-limit";
    /// The person's role may not do this (`detail` says who may).
    pub const FORBIDDEN: &str = "/problems/forbidden";
    /// The system behind this capability cannot do it at all: the page
    /// hides the action.
    pub const NOT_SUPPORTED: &str = "/problems/not-supported";
    /// The system behind this capability cannot be reached, is slowed
    /// down or failed: nothing was saved, the same request may work later.
    pub const VENDOR_UNAVAILABLE: &str = "/problems/vendor-unavailable";
    /// The system behind this capability refused the change, in its words.
    pub const VENDOR_REFUSED: &str = "/problems/vendor-refused";
    /// The record changed since it was read; `current` is how it is now.
    pub const CHANGED_MEANWHILE: &str = "/problems/changed-meanwhile";
    /// A staff invitation link used already (410): the account exists.
    pub const INVITATION_USED: &str = "/problems/invitation-used";
    /// A staff invitation link past its week, or replaced by a newer one
    /// to the same address (410).
    pub const INVITATION_EXPIRED: &str = "/problems/invitation-expired";
    /// A staff invitation withdrawn by the club before it was used (410).
    pub const INVITATION_WITHDRAWN: &str = "/problems/invitation-withdrawn";
    /// A coach or room with appointments still to come is not removed
    /// (409): they are moved or cancelled first.
    pub const RESOURCE_HAS_APPOINTMENTS: &str = "/problems/resource-has-appointments";
    /// A coach or room that alone gives an offered type is not removed
    /// (409): the type gets another one, or is archived, first.
    pub const RESOURCE_ONLY_ONE: &str = "/problems/resource-only-one";
    /// An archived type with no coach or room left is not offered again
    /// (409): it is given one first.
    pub const TYPE_WITHOUT_RESOURCE: &str = "/problems/type-without-resource";
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

impl Problem {
    pub fn new(status: u16, title: impl Into<String>) -> Self {
        Self {
            type_: about_blank(),
            title: title.into(),
            status,
            detail: None,
            errors: BTreeMap::new(),
            current: None,
            tries_left: None,
            retry_after_s: None,
            system: None,
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn with_type(mut self, type_: impl Into<String>) -> Self {
        self.type_ = type_.into();
        self
    }

    pub fn with_current(mut self, current: serde_json::Value) -> Self {
        self.current = Some(Box::new(current));
        self
    }

    pub fn with_field(mut self, field: impl Into<String>, message: impl Into<String>) -> Self {
        self.errors.insert(field.into(), message.into());
        self
    }

    /// One sentence a person can read in a toast: the detail when there is one,
    /// else the title, followed by the first field error.
    pub fn summary(&self) -> String {
        let head = self.detail.as_deref().unwrap_or(&self.title);
        match self.errors.iter().next() {
            Some((field, msg)) if !head.contains(msg.as_str()) => {
                format!("{head} ({field}: {msg})")
            }
            _ => head.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_type_and_omits_empty_parts() {
        let p = Problem::new(401, "Not signed in");
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"type": "about:blank", "title": "Not signed in", "status": 401})
        );
    }

    #[test]
    fn summary_names_the_first_field() {
        let p = Problem::new(422, "Invalid input")
            .with_detail("Check the highlighted fields.")
            .with_field("email", "is not a valid email address");
        assert_eq!(
            p.summary(),
            "Check the highlighted fields. (email: is not a valid email address)"
        );
    }

    #[test]
    fn parses_a_minimal_document() {
        let p: Problem = serde_json::from_str(r#"{"title":"Nope","status":500}"#).unwrap();
        assert_eq!(p.type_, "about:blank");
        assert!(p.errors.is_empty());
    }
}
