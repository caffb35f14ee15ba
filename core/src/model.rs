//! The `/api/v1` wire types: the contract between the app and the server.
//!
//! Request bodies reject unknown fields, so a typo in a client is a clear 422
//! rather than a silently ignored value.

use serde::{Deserialize, Serialize};

/// `POST /api/v1/session`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

/// A member of staff as the app sees them (never with a password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    pub id: i64,
    pub email: String,
    pub name: String,
}

/// `GET /api/v1/session` and the answer to a successful login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user: StaffUser,
    /// RFC 3339 instant after which the session is no longer accepted.
    pub expires_at: String,
}

/// Which connector serves one capability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapabilityInfo {
    pub capability: String,
    pub connector: String,
}

/// `GET /api/v1/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
    pub database: String,
    pub capabilities: Vec<CapabilityInfo>,
}

/// A page of a list: the items, how many match in all, and the opaque cursor
/// of the next page (absent on the last page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}
