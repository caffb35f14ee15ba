//! The deal form ↔ an opportunity's body: what Frontdesk's form can say to
//! Cirrus, and a clear word, naming the field, for what it cannot (before
//! anything is sent). Cirrus's PUT wants its required fields every time:
//! they go as read, with what the person changed over them.

use frontdesk_core::model::{Card, DealInput, Stage};
use serde_json::{Map, Value, json};

use super::SYSTEM;
use crate::connectors::error::ConnectorError;

/// The fields a PUT must carry (the document marks them required).
pub const REQUIRED: [&str; 8] = [
    "accountid",
    "contactid",
    "title",
    "description",
    "userid",
    "statusid",
    "estimatedenddate",
    "typeid",
];

/// A refusal of Frontdesk's own, before Cirrus is asked: 422 naming the
/// field.
pub fn refused(field: &str, message: &str) -> ConnectorError {
    ConnectorError::Refused {
        system: SYSTEM,
        message: message.to_owned(),
        field: Some(field.to_owned()),
    }
}

/// Cirrus's `value` (a number in the currency's units) of the form's cents.
fn value(cents: i64) -> Value {
    if cents % 100 == 0 {
        json!(cents / 100)
    } else {
        json!(cents as f64 / 100.0)
    }
}

/// What Cirrus cannot keep from the form. `card` is the deal as the board
/// shows it (`None`: a new one).
pub fn check(input: &DealInput, card: Option<&Card>, currency: &str) -> Result<(), ConnectorError> {
    if input.owner_id.is_some() && card.and_then(|c| c.owner_id) != input.owner_id {
        return Err(refused(
            "owner_id",
            "Cirrus gives an opportunity to one of its own users: change the owner in Cirrus.",
        ));
    }
    if input.probability.is_some() && card.and_then(|c| c.probability) != input.probability {
        return Err(refused(
            "probability",
            "Cirrus sets the chance with its own estimates: choose one in Cirrus.",
        ));
    }
    if input.currency != currency {
        return Err(refused(
            "currency",
            &format!("Cirrus keeps amounts in {currency} only."),
        ));
    }
    if input.expected_close.is_none() {
        return Err(refused(
            "expected_close",
            "Cirrus needs an expected closing date for every opportunity.",
        ));
    }
    Ok(())
}

/// A new opportunity's body: on `stage` of type `type_id`, under the
/// account, its contact, owned by `user_id`.
pub struct New<'a> {
    pub input: &'a DealInput,
    pub type_id: &'a str,
    pub stage: &'a Stage,
    pub account_id: &'a str,
    pub contact_id: &'a str,
    pub user_id: i64,
    pub reason: Option<&'a str>,
}

fn int(text: &str) -> Value {
    text.parse::<i64>().map_or(Value::Null, Value::from)
}

fn with_reason(body: &mut Map<String, Value>, stage: &Stage, reason: Option<&str>) {
    if let Some(r) = reason {
        let key = if stage.is_won {
            "winreasonid"
        } else {
            "lostreasonid"
        };
        body.insert(key.into(), int(r));
    }
}

pub fn create_body(n: &New<'_>) -> Value {
    let mut body = Map::new();
    body.insert("accountid".into(), int(n.account_id));
    body.insert("contactid".into(), int(n.contact_id));
    body.insert("title".into(), json!(n.input.title.trim()));
    // Frontdesk's form has no description; Cirrus requires the field.
    body.insert("description".into(), json!(""));
    body.insert("userid".into(), json!(n.user_id));
    body.insert("statusid".into(), int(&n.stage.id));
    body.insert(
        "estimatedenddate".into(),
        json!(n.input.expected_close.as_deref().unwrap_or_default()),
    );
    body.insert("typeid".into(), int(n.type_id));
    body.insert("value".into(), value(n.input.value_cents));
    with_reason(&mut body, n.stage, n.reason);
    Value::Object(body)
}

/// The PUT of an edit over `now` (the opportunity as just read); `None`
/// when nothing Cirrus keeps changed, so a save without changes sends
/// nothing.
pub fn edit_body(
    now: &Map<String, Value>,
    input: &DealInput,
    stage: &Stage,
    reason: Option<&str>,
) -> Option<Value> {
    let mut changes = Map::new();
    let title = input.title.trim();
    if now.get("title").and_then(Value::as_str).map(str::trim) != Some(title) {
        changes.insert("title".into(), json!(title));
    }
    let cents = now
        .get("value")
        .and_then(Value::as_f64)
        .map_or(0, |v| (v * 100.0).round() as i64);
    if cents != input.value_cents {
        changes.insert("value".into(), value(input.value_cents));
    }
    let close = input.expected_close.as_deref().unwrap_or_default();
    if now.get("estimatedenddate").and_then(Value::as_str) != Some(close) {
        changes.insert("estimatedenddate".into(), json!(close));
    }
    let status = int(&stage.id);
    if now.get("statusid") != Some(&status) {
        changes.insert("statusid".into(), status);
        with_reason(&mut changes, stage, reason);
    }
    if changes.is_empty() {
        return None;
    }
    let mut body = Map::new();
    for key in REQUIRED {
        body.insert(key.into(), now.get(key).cloned().unwrap_or(Value::Null));
    }
    body.extend(changes);
    Some(Value::Object(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage(id: &str, won: bool) -> Stage {
        Stage {
            id: id.into(),
            name: "S".into(),
            labels: Default::default(),
            colour: "#1565c0".into(),
            probability: 0,
            is_won: won,
            is_lost: false,
            rotting_days: None,
        }
    }

    fn read() -> Map<String, Value> {
        json!({"id": 5, "title": "Gym deal", "value": 1200, "statusid": 2, "typeid": 1,
               "accountid": 3, "contactid": 4, "userid": 1, "description": "d",
               "estimatedenddate": "2026-06-30", "closed": 0})
        .as_object()
        .unwrap()
        .clone()
    }

    fn input() -> DealInput {
        DealInput {
            title: "Gym deal".into(),
            stage_id: "2".into(),
            value_cents: 120_000,
            currency: "EUR".into(),
            expected_close: Some("2026-06-30".into()),
            ..DealInput::default()
        }
    }

    #[test]
    fn a_save_without_changes_sends_nothing() {
        assert_eq!(edit_body(&read(), &input(), &stage("2", false), None), None);
    }

    #[test]
    fn an_edit_sends_the_required_fields_as_read_and_the_change() {
        let mut i = input();
        i.value_cents = 150_050;
        let body = edit_body(&read(), &i, &stage("7", true), Some("9")).unwrap();
        assert_eq!(body["value"], json!(1500.5));
        assert_eq!(body["statusid"], json!(7));
        assert_eq!(body["winreasonid"], json!(9));
        assert_eq!(body["description"], "d");
        assert_eq!(body["accountid"], 3);
    }

    #[test]
    fn what_cirrus_cannot_keep_is_refused_naming_the_field() {
        let mut i = input();
        i.owner_id = Some(2);
        let field = |e: ConnectorError| match e {
            ConnectorError::Refused { field, .. } => field,
            _ => None,
        };
        assert_eq!(
            field(check(&i, None, "EUR").unwrap_err()).as_deref(),
            Some("owner_id")
        );
        let mut i = input();
        i.expected_close = None;
        assert_eq!(
            field(check(&i, None, "EUR").unwrap_err()).as_deref(),
            Some("expected_close")
        );
        assert_eq!(
            field(check(&input(), None, "USD").unwrap_err()).as_deref(),
            Some("currency")
        );
        assert!(check(&input(), None, "EUR").is_ok());
    }
}
