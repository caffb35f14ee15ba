//! Invitation links for staff (issue #21): the other way to add someone,
//! beside a first password. The owner or manager sends a link; the person
//! opens it, chooses their own password and is signed in. A link works
//! once, for a week.

use serde::{Deserialize, Serialize};

use crate::roles::Role;

/// How long a link works: long enough for a weekend and a holiday's
/// backlog, short enough that a forwarded mail found later opens nothing.
pub const VALID_DAYS: i64 = 7;

/// `POST /api/v1/staff/invitations`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewInvitation {
    pub email: String,
    #[serde(default)]
    pub name: String,
    pub role: Role,
}

/// The answer to an invitation: the link, shown this once (only its hash
/// is kept), and whether it also went by mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// RFC 3339, UTC.
    pub expires_at: String,
    /// `https://…/invite/<token>`: a secret until used.
    pub link: String,
    /// Queued for delivery by mail (SMTP or the mail folder configured);
    /// else the link reaches the person only as it is handed over.
    pub mailed: bool,
}

/// `GET /api/v1/invitation?token=…`: what the invitation page shows
/// before the person chooses a password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationInfo {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The club's name, to say who invites.
    pub club: String,
    pub expires_at: String,
}

/// `POST /api/v1/invitation`: the link's token and the chosen password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitation {
    pub token: String,
    pub password: String,
}

/// `GET /api/v1/staff/invitations`: an invitation not used, withdrawn or
/// expired yet, for the owner to see who has yet to join and withdraw one.
/// The link itself is never shown again (only its hash is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenInvitation {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// Who sent it, by name; `None` once that account is gone.
    pub invited_by: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

/// Where a link stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Open,
    Used,
    Withdrawn,
    Expired,
}

/// A link used is said to be used even once its week is over too: "you
/// already set your password" helps more than "expired". A withdrawn one
/// says so before "expired" for the same reason: it tells the person to
/// ask, not to wait.
pub fn standing(used: bool, withdrawn: bool, expires_at: &str, now: &str) -> Standing {
    if used {
        Standing::Used
    } else if withdrawn {
        Standing::Withdrawn
    } else if !before(now, expires_at) {
        Standing::Expired
    } else {
        Standing::Open
    }
}

/// `a < b` for two RFC 3339 instants; an unreadable one counts as past,
/// so a damaged row opens nothing.
fn before(a: &str, b: &str) -> bool {
    match (
        chrono::DateTime::parse_from_rfc3339(a),
        chrono::DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(a), Ok(b)) => a < b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_open_until_used_or_its_week_is_over() {
        let expires = "2026-03-08T10:00:00Z";
        assert_eq!(
            standing(false, false, expires, "2026-03-01T10:00:00Z"),
            Standing::Open
        );
        assert_eq!(
            standing(false, false, expires, "2026-03-08T09:59:59Z"),
            Standing::Open
        );
        // The instant it expires, it no longer opens.
        assert_eq!(
            standing(false, false, expires, "2026-03-08T10:00:00Z"),
            Standing::Expired
        );
        // Offsets are compared as instants, not as text.
        assert_eq!(
            standing(false, false, expires, "2026-03-08T11:30:00+02:00"),
            Standing::Open
        );
        assert_eq!(
            standing(true, false, expires, "2026-03-01T10:00:00Z"),
            Standing::Used
        );
        assert_eq!(
            standing(true, false, expires, "2026-04-01T10:00:00Z"),
            Standing::Used
        );
        assert_eq!(
            standing(false, false, "garbage", "2026-03-01T10:00:00Z"),
            Standing::Expired
        );
    }

    #[test]
    fn a_withdrawn_link_says_so_unless_it_was_used() {
        let expires = "2026-03-08T10:00:00Z";
        let now = "2026-03-02T10:00:00Z";
        assert_eq!(standing(false, true, expires, now), Standing::Withdrawn);
        // Past its week too: "ask for a new one" is still the right words.
        assert_eq!(
            standing(false, true, expires, "2026-04-01T10:00:00Z"),
            Standing::Withdrawn
        );
        // A link used before it was withdrawn made its account.
        assert_eq!(standing(true, true, expires, now), Standing::Used);
    }
}
