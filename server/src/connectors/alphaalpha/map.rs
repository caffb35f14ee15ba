//! AlphaAlpha's customer ↔ Frontdesk's prospect: `name` is the last name;
//! email, phone, the billing address, lead source, language, next action
//! and tags have a unified home; the rest (CRM status, owner, contacts,
//! events, …) is kept whole beside the record.

use frontdesk_core::model::ProspectInput;
use serde_json::{Map, Value};

use crate::connectors::prospects::RemoteProspect;
use crate::store::mirror::Field;

/// The unified fields AlphaAlpha keeps.
pub const OWNED: [Field; 10] = [
    Field::LastName,
    Field::Email,
    Field::Phone,
    Field::Address,
    Field::Zip,
    Field::City,
    Field::Source,
    Field::NextAction,
    Field::NextActionDue,
    Field::Tags,
];

/// The fields whose values have a unified home (not kept in `extra`).
const MAPPED: [&str; 10] = [
    "id",
    "name",
    "email",
    "phone",
    "leadSource",
    "preferredLanguage",
    "nextAction",
    "nextActionDueDate",
    "tags",
    "billingAddress",
];

/// Fields one answer has and another lacks.
const VOLATILE: [&str; 4] = ["opportunities", "recentActivities", "owner", "visits"];

fn text(record: &Map<String, Value>, key: &str) -> String {
    record
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_owned()
}

pub fn remote(record: Map<String, Value>) -> RemoteProspect {
    let address = record
        .get("billingAddress")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let street = format!(
        "{} {}",
        text(&address, "street"),
        text(&address, "houseNumber")
    )
    .trim()
    .to_owned();
    let language = text(&record, "preferredLanguage").to_ascii_lowercase();
    let due = text(&record, "nextActionDueDate");
    let mut tags: Vec<String> = record
        .get("tags")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    tags.sort();
    let fields = ProspectInput {
        last_name: text(&record, "name"),
        email: text(&record, "email"),
        phone: text(&record, "phone"),
        address: street,
        zip: text(&address, "postalCode"),
        city: text(&address, "city"),
        source: text(&record, "leadSource"),
        language: if ["nl", "fr", "en", "de"].contains(&language.as_str()) {
            language
        } else {
            String::new()
        },
        next_action: text(&record, "nextAction"),
        next_action_due: due.get(..10).filter(|d| d.len() == 10).map(str::to_owned),
        tags,
        ..ProspectInput::default()
    };
    let mut extra = record;
    let remote_id = text(&extra, "id");
    // What only one of the answers carries (the enriched customer's
    // opportunities and activities, the lists' visits) would make the
    // mirror flip between them: not kept.
    for key in VOLATILE {
        extra.remove(key);
    }
    // The billing address is kept whole too: its id, country and place on
    // the map have no unified home.
    for key in MAPPED {
        if key != "billingAddress" {
            extra.remove(key);
        }
    }
    RemoteProspect {
        remote_id,
        fields,
        extra,
    }
}

/// What of `input` AlphaAlpha has a call to change.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Writes {
    /// `(nextAction, nextActionDueDate)` when either changed.
    pub next_action: Option<(String, Option<String>)>,
    pub add_tags: Vec<String>,
    pub remove_tags: Vec<String>,
    /// Fields that changed which no call of AlphaAlpha changes.
    pub cannot: Vec<&'static str>,
}

pub fn writes(current: &ProspectInput, input: &ProspectInput) -> Writes {
    let mut w = Writes::default();
    if current.next_action.trim() != input.next_action.trim()
        || current.next_action_due != input.next_action_due
    {
        w.next_action = Some((
            input.next_action.trim().to_owned(),
            input.next_action_due.clone(),
        ));
    }
    let norm = |tags: &[String]| {
        let mut t: Vec<String> = tags
            .iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        t.sort();
        t.dedup();
        t
    };
    let (was, now) = (norm(&current.tags), norm(&input.tags));
    w.add_tags = now.iter().filter(|t| !was.contains(t)).cloned().collect();
    w.remove_tags = was.iter().filter(|t| !now.contains(t)).cloned().collect();
    for (name, a, b) in [
        ("last_name", &current.last_name, &input.last_name),
        ("email", &current.email, &input.email),
        ("phone", &current.phone, &input.phone),
        ("address", &current.address, &input.address),
        ("zip", &current.zip, &input.zip),
        ("city", &current.city, &input.city),
        ("source", &current.source, &input.source),
    ] {
        if a.trim() != b.trim() {
            w.cannot.push(name);
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Map<String, Value> {
        json!({
            "id": "c1", "name": "Gym Noord", "email": "info@gymnoord.be", "phone": "+32 3 123 45 67",
            "billingAddress": {"street": "Kerkstraat", "houseNumber": "12", "postalCode": "2000", "city": "Antwerpen", "country": "BE", "id": "a1"},
            "crmStatus": "LEAD", "ownerId": "u1", "nextAction": "Call", "nextActionDueDate": "2026-12-01T00:00:00Z",
            "tags": ["vip", "gym"], "kvk": "0123", "preferredLanguage": "NL"
        })
        .as_object()
        .unwrap()
        .clone()
    }

    #[test]
    fn a_customer_is_a_prospect_with_the_rest_kept_whole() {
        let r = remote(sample());
        assert_eq!(r.remote_id, "c1");
        assert_eq!(r.fields.last_name, "Gym Noord");
        assert_eq!(r.fields.address, "Kerkstraat 12");
        assert_eq!(r.fields.city, "Antwerpen");
        assert_eq!(r.fields.language, "nl");
        assert_eq!(r.fields.next_action_due.as_deref(), Some("2026-12-01"));
        assert_eq!(r.fields.tags, ["gym", "vip"]);
        assert_eq!(r.extra["crmStatus"], "LEAD");
        assert_eq!(r.extra["kvk"], "0123");
        assert!(!r.extra.contains_key("name"));
    }

    #[test]
    fn only_what_changed_is_written_and_what_cannot_be_is_said() {
        let r = remote(sample());
        assert_eq!(writes(&r.fields, &r.fields), Writes::default());
        let mut input = r.fields.clone();
        input.tags = vec!["gym".into(), "trial".into()];
        input.next_action = "Visit".into();
        input.city = "Gent".into();
        let w = writes(&r.fields, &input);
        assert_eq!(w.add_tags, ["trial"]);
        assert_eq!(w.remove_tags, ["vip"]);
        assert_eq!(
            w.next_action,
            Some(("Visit".into(), Some("2026-12-01".into())))
        );
        assert_eq!(w.cannot, ["city"]);
    }
}
