//! Clubplanner's payloads ↔ Frontdesk's model.

use frontdesk_core::model::{Gender, ProspectInput};
use frontdesk_core::validate::known_birth_date;
use serde_json::{Map, Value, json};

use super::assumed;
use super::wire;
use crate::connectors::prospects::RemoteProspect;
use crate::store::mirror::Field;

/// The unified fields Clubplanner keeps (and a sync may overwrite). Note
/// and language are written but never read back, so they stay Frontdesk's.
pub const OWNED: [Field; 12] = [
    Field::FirstName,
    Field::LastName,
    Field::Gender,
    Field::BirthDate,
    Field::Address,
    Field::Zip,
    Field::City,
    Field::Email,
    Field::Mobile,
    Field::Phone,
    Field::Source,
    Field::SubSource,
];

/// The fields with no unified home, kept whole in the mirror's `extra`.
const KEPT: [&str; 5] = ["OwnerId", "Status", "Age", "FullName", "FullAddress"];

/// What Frontdesk last sent that the vendor never reads back.
pub const SENT_NOTE: &str = "_note";
pub const SENT_LANGID: &str = "_langid";

pub fn remote(p: wire::Prospect) -> RemoteProspect {
    let mut extra = p.other.clone();
    let whole = serde_json::to_value(&p).unwrap_or(Value::Null);
    for key in KEPT {
        if let Some(v) = whole.get(key) {
            extra.insert(key.to_owned(), v.clone());
        }
    }
    let birth = p.birth_date.get(..10).unwrap_or(&p.birth_date);
    RemoteProspect {
        remote_id: p.id.to_string(),
        fields: ProspectInput {
            first_name: p.firstname,
            last_name: p.name,
            gender: Some(if p.male { Gender::Male } else { Gender::Female }),
            birth_date: known_birth_date(Some(birth)).map(str::to_owned),
            address: p.address_line,
            zip: p.zip,
            city: p.city,
            email: p.email_address,
            mobile: p.mobile_number,
            phone: p.telephone_number,
            source: p.prospect_source,
            sub_source: p.prospect_sub_source,
            ..ProspectInput::default()
        },
        extra,
    }
}

/// Every field AddProspect / UpdateProspect takes, from `input`; the
/// owner and the write-only values from `extra` (what the vendor had, or
/// Frontdesk last sent). UpdateProspect replaces the whole record, so
/// nothing may be left out.
pub fn write_params(input: &ProspectInput, extra: &Map<String, Value>) -> Vec<(String, String)> {
    let gender = match input.gender {
        Some(Gender::Female) => "F",
        _ => "M",
    };
    let langid = assumed::langid(&input.language)
        .map(str::to_owned)
        .or_else(|| {
            extra
                .get(SENT_LANGID)
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .unwrap_or_default();
    let mut params = vec![
        ("firstname", input.first_name.trim().to_owned()),
        ("lastname", input.last_name.trim().to_owned()),
        ("addressline", input.address.trim().to_owned()),
        ("city", input.city.trim().to_owned()),
        ("zip", input.zip.trim().to_owned()),
        ("email", input.email.trim().to_owned()),
        ("mobile", input.mobile.trim().to_owned()),
        (
            "dayofbirth",
            known_birth_date(input.birth_date.as_deref())
                .unwrap_or_default()
                .to_owned(),
        ),
        ("note", input.note.clone()),
        ("langid", langid),
        ("telephonenbr", input.phone.trim().to_owned()),
        ("source", input.source.trim().to_owned()),
        ("subsource", input.sub_source.trim().to_owned()),
        ("gender", gender.to_owned()),
    ];
    if let Some(owner) = extra.get("OwnerId").and_then(Value::as_i64) {
        params.push(("owner", owner.to_string()));
    }
    params.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// The write-only values just sent, to keep beside the record.
pub fn remember_sent(extra: &mut Map<String, Value>, params: &[(String, String)]) {
    for (name, key) in [("note", SENT_NOTE), ("langid", SENT_LANGID)] {
        if let Some((_, v)) = params.iter().find(|(k, _)| k == name) {
            extra.insert(key.to_owned(), json!(v));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed 000's GetProspect sample (straight quotes).
    const SAMPLE: &str = r#"{"Id":64,"OwnerId":1,"Name":"QSqs","Firstname":"S<s","Male":true,"Status":1,"TelephoneNumber":"","BirthDate":"1900-01-01T00:00:00","Age":119,"FullName":"S<s QSqs","AddressLine":"","FullAddress":"","Zip":"","City":"","MobileNumber":"","EmailAddress":"","ProspectSource":"Flyer","ProspectSubSource":"Bedeling markt"}"#;

    #[test]
    fn the_seed_prospect_maps_with_an_unknown_birth_date() {
        let wire: wire::Prospect = serde_json::from_str(SAMPLE).unwrap();
        let r = remote(wire);
        assert_eq!(r.remote_id, "64");
        assert_eq!(r.fields.first_name, "S<s");
        assert_eq!(r.fields.last_name, "QSqs");
        assert_eq!(r.fields.birth_date, None, "1900-01-01 is unknown");
        assert_eq!(r.fields.gender, Some(Gender::Male));
        assert_eq!(r.fields.source, "Flyer");
        assert_eq!(r.fields.sub_source, "Bedeling markt");
        assert_eq!(r.extra["OwnerId"], 1);
        assert_eq!(r.extra["Status"], 1);
        assert_eq!(r.extra["FullName"], "S<s QSqs");
    }

    #[test]
    fn an_unknown_field_is_kept_and_every_write_field_is_sent() {
        let mut json: Value = serde_json::from_str(SAMPLE).unwrap();
        json["MemberCardNumber"] = json!("A-17");
        let r = remote(serde_json::from_value(json).unwrap());
        assert_eq!(r.extra["MemberCardNumber"], "A-17");
        let params = write_params(&r.fields, &r.extra);
        let names: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
        for name in [
            "firstname",
            "lastname",
            "addressline",
            "city",
            "zip",
            "email",
            "mobile",
            "dayofbirth",
            "note",
            "langid",
            "telephonenbr",
            "source",
            "subsource",
            "gender",
            "owner",
        ] {
            assert!(names.contains(&name), "{name} is sent");
        }
        let get = |k: &str| params.iter().find(|(n, _)| n == k).unwrap().1.clone();
        assert_eq!(get("dayofbirth"), "");
        assert_eq!(get("owner"), "1");
        assert_eq!(get("gender"), "M");
    }
}
