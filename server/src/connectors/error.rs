//! `ConnectorError`: every way a capability call can fail, whichever
//! system is behind it. The API turns each into a problem document that
//! names the system and says what the person can do (`api::error`).

use std::time::Duration;

use frontdesk_core::validate::FieldErrors;

/// What a capability could not do, and why. `system` is the vendor's name
/// as people know it ("Clubplanner"), never its address or credentials.
#[derive(Debug, thiserror::Error)]
pub enum ConnectorError {
    /// The connector behind this capability cannot do this at all (the
    /// vendor has no such call). Typed, so the app can hide the action.
    #[error("{connector} cannot {action}")]
    NotSupported {
        connector: &'static str,
        action: &'static str,
    },
    /// No answer: refused, timed out, or the connection broke.
    #[error("{system} could not be reached: {detail}")]
    Unreachable {
        system: &'static str,
        detail: String,
    },
    /// The vendor asks us to slow down (429), past the wait we allow.
    #[error("{system} asks to slow down")]
    RateLimited {
        system: &'static str,
        retry_after: Option<Duration>,
    },
    /// The vendor failed on its side (5xx, or a failed status it gave no
    /// reason for).
    #[error("{system} failed ({status})")]
    VendorFailed { system: &'static str, status: u16 },
    /// The credentials were refused.
    #[error("{system} refused the credentials")]
    Unauthorized { system: &'static str },
    /// The vendor refused the request, with its own words (a 4xx, or a
    /// failed status with a message). `field` when it named one.
    #[error("{system} refused: {message}")]
    Refused {
        system: &'static str,
        message: String,
        field: Option<String>,
    },
    /// The vendor answered something we cannot read; `field` names where.
    #[error("unexpected answer from {system} at `{field}`")]
    Malformed { system: &'static str, field: String },
    /// The record is not there (at the vendor, or not mirrored).
    #[error("not found")]
    NotFound,
    /// The record changed since it was read: nothing was written.
    #[error("changed meanwhile")]
    Conflict { current: Option<serde_json::Value> },
    /// The input broke a rule before anything was sent.
    #[error("invalid fields")]
    Invalid(FieldErrors),
    /// Frontdesk's own store (the mirror) failed.
    #[error(transparent)]
    Store(#[from] sqlx::Error),
}

impl ConnectorError {
    /// Whether sending the same read again may succeed (a write is never
    /// sent again blindly: `http::VendorClient` only retries reads).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::Unreachable { .. } | Self::RateLimited { .. } | Self::VendorFailed { .. }
        )
    }

    /// The system the error is about, if a vendor's (its name as people
    /// know it, or the connector's for `NotSupported`).
    pub fn system(&self) -> Option<&'static str> {
        match self {
            Self::Unreachable { system, .. }
            | Self::RateLimited { system, .. }
            | Self::VendorFailed { system, .. }
            | Self::Unauthorized { system }
            | Self::Refused { system, .. }
            | Self::Malformed { system, .. } => Some(system),
            Self::NotSupported { connector, .. } => Some(connector),
            _ => None,
        }
    }
}
