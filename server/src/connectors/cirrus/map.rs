//! A Cirrus lead ↔ Frontdesk's prospect: the contact's name, address,
//! phones and email have a unified home; the company, title, value,
//! rating, status, source and owner are kept whole beside it. A save sends
//! the root fields that changed, nothing else.

use frontdesk_core::model::ProspectInput;
use serde_json::{Map, Value, json};

use crate::connectors::prospects::RemoteProspect;
use crate::store::mirror::Field;

/// The source is not among them: Cirrus's is an object of its own list
/// (an id), which a name typed in Frontdesk cannot be written as; it is
/// kept whole beside the record, and Frontdesk's own source stays.
/// Cirrus's facts ([`super::facets`]) are tags beside the person's own.
pub const OWNED: [Field; 9] = [
    Field::FirstName,
    Field::LastName,
    Field::Address,
    Field::Zip,
    Field::City,
    Field::Email,
    Field::Mobile,
    Field::Phone,
    Field::VendorTags(super::facets::PREFIX),
];

/// Frontdesk's field ↔ the lead's root property.
const FIELDS: [(&str, &str); 8] = [
    ("first_name", "contactname"),
    ("last_name", "contactsurname"),
    ("address", "contactstreet"),
    ("zip", "contactzip"),
    ("city", "contactcity"),
    ("email", "contactemail"),
    ("mobile", "contactcellphone"),
    ("phone", "contactphone"),
];

fn text(record: &Map<String, Value>, key: &str) -> String {
    record
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_owned()
}

fn ours<'a>(input: &'a ProspectInput, field: &str) -> &'a str {
    match field {
        "first_name" => &input.first_name,
        "last_name" => &input.last_name,
        "address" => &input.address,
        "zip" => &input.zip,
        "city" => &input.city,
        "email" => &input.email,
        "mobile" => &input.mobile,
        _ => &input.phone,
    }
}

pub fn remote(record: Map<String, Value>) -> Option<RemoteProspect> {
    let id = match record.get("id")? {
        Value::Number(n) => n.to_string(),
        Value::String(s) if !s.is_empty() => s.clone(),
        _ => return None,
    };
    let fields = ProspectInput {
        first_name: text(&record, "contactname"),
        last_name: text(&record, "contactsurname"),
        address: text(&record, "contactstreet"),
        zip: text(&record, "contactzip"),
        city: text(&record, "contactcity"),
        email: text(&record, "contactemail"),
        mobile: text(&record, "contactcellphone"),
        phone: text(&record, "contactphone"),
        tags: super::facets::tags(super::facets::LEAD, &record),
        ..ProspectInput::default()
    };
    let mut extra = record;
    extra.remove("id");
    for (_, theirs) in FIELDS {
        extra.remove(theirs);
    }
    Some(RemoteProspect {
        remote_id: id,
        fields,
        extra,
    })
}

/// A new lead's body.
pub fn create_body(input: &ProspectInput) -> Value {
    let mut m = Map::new();
    for (field, theirs) in FIELDS {
        let v = ours(input, field).trim();
        if !v.is_empty() {
            m.insert(theirs.into(), json!(v));
        }
    }
    Value::Object(m)
}

/// The root properties that changed; `None` when none did. The source is
/// an object of Cirrus's own (with an id): it is not written from a name.
pub fn update_body(current: &ProspectInput, input: &ProspectInput) -> Option<Value> {
    let mut m = Map::new();
    for (field, theirs) in FIELDS {
        let (was, now) = (ours(current, field).trim(), ours(input, field).trim());
        if was != now {
            m.insert(theirs.into(), json!(now));
        }
    }
    (!m.is_empty()).then_some(Value::Object(m))
}

/// Frontdesk's name for a lead property a refusal names.
pub fn our_field(theirs: &str) -> String {
    FIELDS
        .iter()
        .find(|(_, t)| *t == theirs)
        .map_or(theirs, |(ours, _)| ours)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Map<String, Value> {
        json!({"id": 7, "contactname": "Ann", "contactsurname": "Peeters", "contactcompany": "Gym NV",
               "contactcity": "Gent", "contactemail": "ann@gym.be", "value": 1200,
               "source": {"id": 2, "name": "Website", "default": 0}, "status": {"id": 1, "name": "New"},
               "updated": "2026-01-02T10:00:00Z"})
        .as_object()
        .unwrap()
        .clone()
    }

    #[test]
    fn a_lead_is_a_prospect_with_the_rest_kept() {
        let r = remote(sample()).unwrap();
        assert_eq!(r.remote_id, "7");
        assert_eq!(
            (r.fields.first_name.as_str(), r.fields.last_name.as_str()),
            ("Ann", "Peeters")
        );
        assert_eq!(r.extra["source"]["name"], "Website");
        assert_eq!(r.extra["contactcompany"], "Gym NV");
        assert_eq!(r.extra["value"], 1200);
        assert!(!r.extra.contains_key("contactname"));
        assert_eq!(r.fields.tags, vec![super::super::facets::LEAD]);
    }

    #[test]
    fn a_save_sends_what_changed_only() {
        let r = remote(sample()).unwrap();
        assert_eq!(update_body(&r.fields, &r.fields), None);
        let mut input = r.fields.clone();
        input.city = "Brugge".into();
        input.note = "Frontdesk's own".into();
        assert_eq!(
            update_body(&r.fields, &input),
            Some(json!({"contactcity": "Brugge"}))
        );
    }
}
