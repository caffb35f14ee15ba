//! A Cirrus account ↔ Frontdesk's prospect, beside the leads: the account's
//! name is the prospect's (last) name, its email and phones and its postal
//! address have a unified home; the rest (number, VAT, type, owner, other
//! addresses, contacts) is kept whole. Its remote id carries
//! [`assumed::ACCOUNT_PREFIX`], so an account and a lead with the same
//! number are two prospects. A save sends the root properties that
//! changed; the postal address goes as the whole object read, with the
//! changed parts (Cirrus replaces an address it is sent).

use frontdesk_core::model::ProspectInput;
use serde_json::{Map, Value, json};

use super::assumed::ACCOUNT_PREFIX;
use super::facets;
use crate::connectors::prospects::RemoteProspect;

/// The account fields the mirror reads: the same on every read.
pub const FIELDS: &str = "id,name,alt_name,number,email,phone,cellphone,vatno,active,\
addresses{postal},type{id,name},user{id,name,surname},tags{name}";

pub fn mask() -> String {
    format!("{{{FIELDS}}}")
}

pub fn page_mask() -> String {
    format!("{{page,pages,per_page,total,items{{{FIELDS}}}}}")
}

/// Cirrus's account id behind a mirrored remote id, if it is an account's.
pub fn account_id(remote_id: &str) -> Option<&str> {
    remote_id.strip_prefix(ACCOUNT_PREFIX)
}

/// Frontdesk's field ↔ the account's root property.
const ROOT: [(&str, &str); 4] = [
    ("last_name", "name"),
    ("email", "email"),
    ("phone", "phone"),
    ("mobile", "cellphone"),
];

/// Frontdesk's field ↔ the postal address's property.
const POSTAL: [(&str, &str); 3] = [("address", "street"), ("zip", "zip"), ("city", "city")];

fn ours<'a>(input: &'a ProspectInput, field: &str) -> &'a str {
    match field {
        "last_name" => &input.last_name,
        "email" => &input.email,
        "phone" => &input.phone,
        "mobile" => &input.mobile,
        "address" => &input.address,
        "zip" => &input.zip,
        _ => &input.city,
    }
}

fn text(record: &Map<String, Value>, key: &str) -> String {
    record
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_owned()
}

fn postal(record: &Map<String, Value>) -> Map<String, Value> {
    record
        .get("addresses")
        .and_then(|a| a.get("postal"))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

pub fn remote(record: Map<String, Value>) -> Option<RemoteProspect> {
    let id = match record.get("id")? {
        Value::Number(n) => n.to_string(),
        Value::String(s) if !s.is_empty() => s.clone(),
        _ => return None,
    };
    let address = postal(&record);
    let fields = ProspectInput {
        last_name: text(&record, "name"),
        email: text(&record, "email"),
        phone: text(&record, "phone"),
        mobile: text(&record, "cellphone"),
        address: text(&address, "street"),
        zip: text(&address, "zip"),
        city: text(&address, "city"),
        tags: facets::tags(facets::ACCOUNT, &record),
        ..ProspectInput::default()
    };
    let mut extra = record;
    extra.remove("id");
    for (_, theirs) in ROOT {
        extra.remove(theirs);
    }
    Some(RemoteProspect {
        remote_id: format!("{ACCOUNT_PREFIX}{id}"),
        fields,
        extra,
    })
}

/// The root properties that changed; `None` when none did. An account
/// has no first name: one typed is refused by the caller, not dropped.
pub fn update_body(
    current: &ProspectInput,
    extra: &Map<String, Value>,
    input: &ProspectInput,
) -> Option<Value> {
    let mut m = Map::new();
    for (field, theirs) in ROOT {
        let (was, now) = (ours(current, field).trim(), ours(input, field).trim());
        if was != now {
            m.insert(theirs.into(), json!(now));
        }
    }
    let mut address = postal(extra);
    let mut moved = false;
    for (field, theirs) in POSTAL {
        let (was, now) = (ours(current, field).trim(), ours(input, field).trim());
        if was != now {
            address.insert(theirs.into(), json!(now));
            moved = true;
        }
    }
    if moved {
        // Read-only parts of the address the document marks as computed.
        address.remove("coordinates");
        m.insert("addresses".into(), json!({ "postal": address }));
    }
    (!m.is_empty()).then_some(Value::Object(m))
}

/// Frontdesk's name for an account property a refusal names.
pub fn our_field(theirs: &str) -> String {
    ROOT.iter()
        .chain(POSTAL.iter())
        .find(|(_, t)| *t == theirs)
        .map_or(theirs, |(ours, _)| ours)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Map<String, Value> {
        json!({"id": 3, "name": "Gym NV", "number": "A-3", "email": "info@gym.be", "phone": "09 123",
               "cellphone": "", "active": 1, "type": {"id": 1, "name": "Customer"},
               "addresses": {"postal": {"street": "Kouter 1", "zip": "9000", "city": "Gent",
                                        "country": "BE", "coordinates": {"latitude": null}}}})
        .as_object()
        .unwrap()
        .clone()
    }

    #[test]
    fn an_account_is_a_prospect_of_its_own_kind() {
        let r = remote(sample()).unwrap();
        assert_eq!(r.remote_id, "account:3");
        assert_eq!(account_id(&r.remote_id), Some("3"));
        assert_eq!(account_id("3"), None);
        assert_eq!(r.fields.last_name, "Gym NV");
        assert_eq!(r.fields.city, "Gent");
        assert!(r.fields.tags.contains(&facets::ACCOUNT.to_owned()));
        assert!(r.fields.tags.contains(&"Cirrus type: Customer".to_owned()));
        assert_eq!(r.extra["number"], "A-3");
    }

    #[test]
    fn a_save_sends_what_changed_and_the_whole_postal_address() {
        let r = remote(sample()).unwrap();
        assert_eq!(update_body(&r.fields, &r.extra, &r.fields), None);
        let mut input = r.fields.clone();
        input.city = "Brugge".into();
        assert_eq!(
            update_body(&r.fields, &r.extra, &input),
            Some(
                json!({"addresses": {"postal": {"street": "Kouter 1", "zip": "9000",
                                                  "city": "Brugge", "country": "BE"}}})
            )
        );
    }
}
