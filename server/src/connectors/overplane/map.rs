//! Overplane's prospect (a company) ↔ Frontdesk's model: `company` is the
//! last name (the name the list sorts and shows); the first name, email
//! and the rest of Frontdesk's fields are Frontdesk's own, beside the
//! mirrored record. Every field of the vendor's with no unified home is
//! kept whole and never sent back, because an update is a true PATCH of
//! what changed.

use frontdesk_core::model::ProspectInput;
use serde_json::{Map, Value, json};

use super::wire;
use crate::connectors::prospects::RemoteProspect;
use crate::store::mirror::Field;

/// The unified fields Overplane keeps: the last name (its `company`).
pub const OWNED: [Field; 1] = [Field::LastName];

pub fn remote(p: wire::Prospect) -> RemoteProspect {
    RemoteProspect {
        remote_id: p.id,
        fields: ProspectInput {
            last_name: p.company.unwrap_or_default().trim().to_owned(),
            ..ProspectInput::default()
        },
        extra: p.other,
    }
}

/// What Overplane keeps in `company`: the last name, or (a prospect
/// typed with a first name only) the first name, since it is required.
pub fn company(input: &ProspectInput) -> String {
    match input.last_name.trim() {
        "" => input.first_name.trim().to_owned(),
        last => last.to_owned(),
    }
}

/// The body of a create.
pub fn create_body(input: &ProspectInput) -> Value {
    json!({ "company": company(input) })
}

/// The fields of `input` that differ from `current`, as a PATCH body;
/// `None` when nothing changed (then nothing is sent).
pub fn patch_body(current: &RemoteProspect, input: &ProspectInput) -> Option<Value> {
    let mut changed = Map::new();
    let name = company(input);
    if name != current.fields.last_name.trim() {
        changed.insert("company".into(), json!(name));
    }
    (!changed.is_empty()).then_some(Value::Object(changed))
}

/// Frontdesk's name for a field Overplane names in a refusal.
pub fn our_field(theirs: &str) -> &str {
    match theirs {
        "company" | "company_name" => "last_name",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> wire::Prospect {
        serde_json::from_value(json!({
            "id": "prospect_abc123",
            "created_at": "2024-01-15T09: 30: 00Z",
            "updated_at": "2024-01-15T09: 30: 00Z",
            "company_name": "Example Corp",
            "industry": "industry_example",
            "annual_revenue": 0,
            "company": "Example Corp"
        }))
        .unwrap()
    }

    #[test]
    fn the_seed_prospect_is_its_company_with_the_rest_kept_whole() {
        let r = remote(sample());
        assert_eq!(r.remote_id, "prospect_abc123");
        assert_eq!(r.fields.last_name, "Example Corp");
        assert_eq!(r.extra["industry"], "industry_example");
        assert_eq!(r.extra["annual_revenue"], json!(0));
        assert!(!r.extra.contains_key("company"));
    }

    #[test]
    fn a_save_without_changes_sends_nothing_and_a_rename_only_the_name() {
        let r = remote(sample());
        let same = ProspectInput {
            last_name: "Example Corp".into(),
            email: "typed@example.be".into(),
            ..ProspectInput::default()
        };
        assert_eq!(patch_body(&r, &same), None);
        let renamed = ProspectInput {
            last_name: "Example Corporation".into(),
            ..ProspectInput::default()
        };
        assert_eq!(
            patch_body(&r, &renamed),
            Some(json!({"company": "Example Corporation"}))
        );
    }
}
