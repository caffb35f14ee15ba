//! The facts Cirrus filters its lists on (`type`, `user`, `active`, the
//! record's own tags) as Frontdesk tags, so the prospect list — always read
//! from the mirror, where a keystroke is answered within a frame — filters
//! on them with its tag filter. Search (`q`) answers Cirrus's `fulltext`
//! and `city` from the unified fields. Every one starts with [`PREFIX`]:
//! those are Cirrus's (a sync writes them, a save does not send them), the
//! person's own tags stay beside them.

use frontdesk_core::validate::MAX_TAGS;
use serde_json::{Map, Value};

/// What every tag of Cirrus's starts with.
pub const PREFIX: &str = "Cirrus ";

/// The kind of a mirrored record, a tag of its own.
pub const LEAD: &str = "Cirrus lead";
pub const ACCOUNT: &str = "Cirrus account";
/// An account that is not active (`active: 0`).
pub const INACTIVE: &str = "Cirrus inactive";

/// A tag at most 40 characters (Frontdesk's rule for a tag), cut on a
/// character boundary.
fn tag(text: String) -> Option<String> {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then(|| t.chars().take(40).collect())
}

/// "Name Surname" of a Cirrus user object.
pub fn person(user: Option<&Value>) -> Option<String> {
    let u = user?.as_object()?;
    let part = |k: &str| u.get(k).and_then(Value::as_str).unwrap_or("").trim();
    let name = format!("{} {}", part("name"), part("surname"));
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// The tags of a record: its kind, `Cirrus user: …`, `Cirrus type: …`
/// (an account's), [`INACTIVE`], and its own tags as `Cirrus tag: …`;
/// sorted, no duplicates.
pub fn tags(kind: &str, record: &Map<String, Value>) -> Vec<String> {
    let mut out = vec![kind.to_owned()];
    if let Some(p) = person(record.get("user")) {
        out.extend(tag(format!("Cirrus user: {p}")));
    }
    if let Some(t) = record
        .get("type")
        .and_then(|t| t.get("name"))
        .and_then(Value::as_str)
    {
        out.extend(tag(format!("Cirrus type: {t}")));
    }
    if record.get("active").and_then(Value::as_i64) == Some(0) {
        out.push(INACTIVE.to_owned());
    }
    if let Some(own) = record.get("tags").and_then(Value::as_array) {
        out.extend(
            own.iter()
                .filter_map(|t| t.get("name").and_then(Value::as_str))
                .filter(|n| !n.trim().is_empty())
                .filter_map(|n| tag(format!("Cirrus tag: {n}"))),
        );
    }
    out.sort();
    out.dedup();
    out.truncate(MAX_TAGS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_inactive_account_of_a_type_and_a_user() {
        let r = json!({"active": 0, "type": {"id": 2, "name": "Prospect"},
                       "user": {"id": 1, "name": "Jan", "surname": "Peeters"},
                       "tags": [{"id": 1, "name": "VIP", "type": "company"}]});
        assert_eq!(
            tags(ACCOUNT, r.as_object().unwrap()),
            vec![
                ACCOUNT,
                INACTIVE,
                "Cirrus tag: VIP",
                "Cirrus type: Prospect",
                "Cirrus user: Jan Peeters"
            ]
        );
    }

    #[test]
    fn a_long_tag_is_cut_and_a_blank_one_left_out() {
        let r = json!({"user": {"name": " ", "surname": null},
                       "tags": [{"name": "x".repeat(60)}, {"name": "  "}]});
        let t = tags(LEAD, r.as_object().unwrap());
        assert_eq!(
            t,
            vec![
                LEAD.to_owned(),
                format!("Cirrus tag: {}", "x".repeat(40))[..40].to_owned()
            ]
        );
        assert!(t.iter().all(|t| t.starts_with(PREFIX)));
    }
}
