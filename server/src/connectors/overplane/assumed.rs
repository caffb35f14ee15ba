//! What seed 001 (Overplane CRM) does not show, assumed in one place.
//!
//! - **Errors.** The seed shows no error answer. 401/403 mean the key was
//!   refused, 404 that the record is gone; any other 4xx is a refusal whose
//!   words are read tolerantly from a JSON body: `message`, `detail` or
//!   `error` at the top, or `error.message` (with `error.param` or `field`
//!   naming the field); else the status is said.
//! - **Statuses of success.** Any 2xx; the seed shows bodies, not codes.
//! - **Timestamps.** The samples write `2024-01-15T09: 30: 00Z` (spaces
//!   from the page's rendering); they are kept as text, never parsed.
//! - **A prospect is a company.** The seed's prospect has no person: its
//!   `company` (required) is the name Frontdesk shows (as the last name),
//!   and every other field is kept whole beside it.
//! - **Paging.** `limit`/`offset`, newest first, `has_more` says whether a
//!   next page exists; an answer without `has_more` is the last page.
//! - **Child lists** (`GET /api/crm/prospect-lead?parent_id=`, and the
//!   same for opportunities) answer in the prospect list's envelope
//!   (`{data, has_more, total}`), all of a prospect's children at once;
//!   they are put in `idx` order whatever order they come in.
//! - **`reorder`** (the seed names the call and shows no body): `POST
//!   …/reorder` with `{"parent_id": "<prospect>", "ids": [every child of
//!   it, each once, in the new order]}` ([`reorder_body`]); its answer is
//!   not relied on (the lists are read again).
//! - **A child's edit** is a PATCH of the fields that changed, as the
//!   prospect's is; an empty value clears the field (`null`); `lead` is
//!   required on a lead (the seed says so) and is never cleared.

/// The page size when `page_size` is not set: the seed's default is 20,
/// which would make a 10,000-prospect sync 500 requests.
pub const PAGE_SIZE: u32 = 100;

/// Read what a refusal says, and the field it names (in Overplane's
/// words), from a JSON error body of unknown shape.
pub fn refusal(body: &[u8]) -> (Option<String>, Option<String>) {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else {
        return (None, None);
    };
    let text = |v: &serde_json::Value, key: &str| {
        v.get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    let inner = v.get("error").filter(|e| e.is_object());
    let message = text(&v, "message")
        .or_else(|| text(&v, "detail"))
        .or_else(|| text(&v, "error"))
        .or_else(|| inner.and_then(|e| text(e, "message")));
    let field = text(&v, "field")
        .or_else(|| text(&v, "param"))
        .or_else(|| inner.and_then(|e| text(e, "param").or_else(|| text(e, "field"))));
    (message, field)
}

/// The stages when `[overplane] stages` is not set: the seed's sample
/// opportunity names a stage but Overplane lists none. (name, probability,
/// won, lost)
pub const STAGES: [(&str, u8, bool, bool); 5] = [
    ("Qualification", 10, false, false),
    ("Proposal", 40, false, false),
    ("Negotiation", 70, false, false),
    ("Won", 100, true, false),
    ("Lost", 0, false, true),
];

/// The currency of an opportunity that names none.
pub const CURRENCY: &str = "EUR";

/// Opportunities are listed per prospect only (`?parent_id=`): the sync
/// asks this many prospects' lists at once.
pub const PARENTS_AT_ONCE: usize = 8;

/// The body of `POST /api/crm/prospect-…/reorder` (ASSUMED, see above).
pub fn reorder_body(parent: &str, ids: &[String]) -> serde_json::Value {
    serde_json::json!({ "parent_id": parent, "ids": ids })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_is_read_from_the_usual_shapes() {
        assert_eq!(
            refusal(br#"{"error":{"message":"company is required","param":"company"}}"#),
            (Some("company is required".into()), Some("company".into()))
        );
        assert_eq!(
            refusal(br#"{"message":"Bad limit"}"#),
            (Some("Bad limit".into()), None)
        );
        assert_eq!(refusal(b"<html>"), (None, None));
    }
}
