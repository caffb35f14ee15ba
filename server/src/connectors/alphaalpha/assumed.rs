//! What seed 004 (AlphaAlpha CRM, customer endpoints) does not show,
//! assumed in one place.
//!
//! - **No list of every customer**: the lists are by owner, by status,
//!   "my" and overdue. The sync reads the six by-status lists, which
//!   together hold every customer once; none is paged in the seed.
//! - **No create, update of the customer's own fields, or delete**: the
//!   writes are the CRM status, the next action, the owner and the tags.
//!   The rest is said to be not possible, never silently dropped.
//! - **The next action's body**: the sample sends `{}`; assumed to carry
//!   the customer's own field names, `nextAction` and `nextActionDueDate`
//!   (an instant, written as midnight UTC of the due date).
//! - **Versions**: a customer's `updated` instant; a write re-reads the
//!   customer first (the mirror's generic check).
//! - **Errors**: `{detail, time, title}` with the HTTP status; 401/403 a
//!   refused token, 404 gone.
//! - **Owners**: the seed has no list of users. The owners offered are the
//!   `ownerId`s the mirrored customers have, named by the enriched
//!   customers' `owner.displayName` once one was read (else the id). A 404
//!   from `PATCH …/owner/{ownerId}` is the customer or the user: the
//!   customer is read again, and when it is there the user is unknown
//!   (the person is told the owner is not allowed).
//! - **The enriched customer's records** (contacts, addresses, events,
//!   opportunities and their payment schedule, recent activities) have no
//!   call that writes them: the drawer shows them as read. Enum values
//!   beyond the one each sample shows are shown as sent.

/// The CRM statuses in lifecycle order (the seed's `Value in` list).
pub const STATUSES: [&str; 6] = [
    "LEAD", "PROSPECT", "ACTIVE", "CUSTOMER", "INACTIVE", "CHURNED",
];

/// The refusal's words from a `{detail, time, title}` body.
pub fn problem(body: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    let text = |k: &str| v.get(k).and_then(serde_json::Value::as_str).map(str::trim);
    match (text("title"), text("detail")) {
        (_, Some(d)) if !d.is_empty() => Some(d.to_owned()),
        (Some(t), _) if !t.is_empty() => Some(t.to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_problem_body_is_read() {
        assert_eq!(
            problem(br#"{"detail":"Customer not found","time":"2019-08-24T14:15:22Z","title":"Not Found"}"#),
            Some("Customer not found".into())
        );
        assert_eq!(
            problem(br#"{"title":"Bad Request"}"#),
            Some("Bad Request".into())
        );
        assert_eq!(problem(b"nope"), None);
    }
}
