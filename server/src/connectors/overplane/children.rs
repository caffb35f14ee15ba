//! Overplane's child records of a prospect, for the drawer: its Prospect
//! Leads and Prospect Opportunities (seed 001, "Line items"), each listed
//! by parent in Overplane's own order (`idx`), created, edited by a PATCH
//! of what changed, deleted, and reordered with `reorder`. Read from
//! Overplane each time the drawer opens (they are a few per prospect);
//! a change to the opportunities is kept in the board's mirror at once,
//! and the board follows their new order (`deals::OverplaneDeals::follow`).

use std::sync::Arc;

use async_trait::async_trait;
use frontdesk_core::model::{
    Related, RelatedFact, RelatedField, RelatedFieldKind, RelatedInput, RelatedItem, RelatedKind,
    RelatedSection,
};
use reqwest::Method;
use serde_json::{Map, Value, json};
use sqlx::SqlitePool;

use super::deals::OverplaneDeals;
use super::{NAME, Overplane, SYSTEM, assumed};
use crate::connectors::error::ConnectorError;
use crate::connectors::http::VendorRequest;
use crate::connectors::related::RelatedRecords;
use crate::store::mirror;

use RelatedFieldKind::{Date, Email, Number, Phone, Text};

/// A form field: Frontdesk's key, Overplane's name, kind, required.
type Spec = (&'static str, &'static str, RelatedFieldKind, bool);

/// The Prospect Lead's attributes as the seed lists them (`idx` and
/// `prospect_id` are Overplane's bookkeeping, not the person's).
const LEAD: [Spec; 6] = [
    ("lead", "lead", Text, true),
    ("name", "lead_name", Text, false),
    ("status", "status", Text, false),
    ("email", "email", Email, false),
    ("mobile", "mobile_no", Phone, false),
    ("owner", "lead_owner", Text, false),
];

/// The Prospect Opportunity's attributes as the seed lists them.
const OPPORTUNITY: [Spec; 8] = [
    ("name", "opportunity", Text, false),
    ("stage", "stage", Text, false),
    ("amount", "amount", Number, false),
    ("currency", "currency", Text, false),
    ("probability", "probability", Number, false),
    ("expected_close", "expected_closing", Date, false),
    ("owner", "deal_owner", Text, false),
    ("contact", "contact_person", Text, false),
];

/// One of the two child kinds: its path and its form.
#[derive(Clone, Copy)]
struct Child {
    kind: RelatedKind,
    path: &'static str,
    spec: &'static [Spec],
}

const LEADS: Child = Child {
    kind: RelatedKind::Leads,
    path: "/api/crm/prospect-lead",
    spec: &LEAD,
};
const OPPORTUNITIES: Child = Child {
    kind: RelatedKind::Opportunities,
    path: "/api/crm/prospect-opportunity",
    spec: &OPPORTUNITY,
};

fn child(kind: RelatedKind) -> Option<Child> {
    match kind {
        RelatedKind::Leads => Some(LEADS),
        RelatedKind::Opportunities => Some(OPPORTUNITIES),
        _ => None,
    }
}

/// An id as one path segment: Overplane's ids (`prospect-lead_abc123`)
/// need no escaping, and anything else is dropped rather than sent.
fn safe(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
        .collect()
}

/// A field's value as text for the form: a number as JSON writes it.
fn shown(record: &Map<String, Value>, wire: &str) -> String {
    match record.get(wire) {
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// What the form's text becomes on the wire: empty clears (`null`), a
/// number is a JSON number (whole ones without a fraction, as Overplane's
/// samples write `0`).
fn to_wire(kind: RelatedFieldKind, value: &str) -> Value {
    let v = value.trim();
    if v.is_empty() {
        return Value::Null;
    }
    match kind {
        Number => match frontdesk_core::related::number(v) {
            Ok(n) if n.fract() == 0.0 && n.abs() < 9e15 => json!(n as i64),
            Ok(n) => json!(n),
            Err(_) => Value::Null,
        },
        _ => json!(v),
    }
}

/// Whether the wire value `now` differs from what `record` holds (numbers
/// compared as numbers: `1250` and `1250.0` are the same amount).
fn differs(record: &Map<String, Value>, wire: &str, now: &Value) -> bool {
    let was = record.get(wire).unwrap_or(&Value::Null);
    match (was, now) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() != b.as_f64(),
        (Value::String(a), Value::String(b)) => a.trim() != b.trim(),
        (Value::String(a), Value::Null) => !a.trim().is_empty(),
        (a, b) => a != b,
    }
}

fn fact(key: &str, value: String) -> Option<RelatedFact> {
    (!value.is_empty()).then(|| RelatedFact {
        key: key.to_owned(),
        value,
    })
}

fn item(c: Child, record: &Map<String, Value>) -> RelatedItem {
    let values: std::collections::BTreeMap<String, String> = c
        .spec
        .iter()
        .map(|(key, wire, ..)| ((*key).to_owned(), shown(record, wire)))
        .collect();
    let v = |k: &str| values.get(k).cloned().unwrap_or_default();
    let (title, facts) = if c.kind == RelatedKind::Leads {
        let name = v("name");
        let title = if name.is_empty() {
            v("lead")
        } else {
            name.clone()
        };
        // The lead's reference is worth a line only under a name.
        let lead = if name.is_empty() {
            String::new()
        } else {
            v("lead")
        };
        (
            title,
            [
                fact("lead", lead),
                fact("status", v("status")),
                fact("email", v("email")),
                fact("mobile", v("mobile")),
                fact("owner", v("owner")),
            ],
        )
    } else {
        let amount = match (v("amount"), v("currency")) {
            (a, _) if a.is_empty() => String::new(),
            (a, c) => format!("{a} {c}").trim().to_owned(),
        };
        let probability = Some(v("probability"))
            .filter(|p| !p.is_empty())
            .map(|p| format!("{p}%"))
            .unwrap_or_default();
        (
            v("name"),
            [
                fact("stage", v("stage")),
                fact("amount", amount),
                fact("probability", probability),
                fact("expected_close", v("expected_close")),
                fact("owner", v("owner")),
            ],
        )
    };
    let mut facts: Vec<RelatedFact> = facts.into_iter().flatten().collect();
    if let Some(f) = fact("contact", v("contact")).filter(|_| c.kind == RelatedKind::Opportunities)
    {
        facts.push(f);
    }
    RelatedItem {
        id: shown(record, "id"),
        title,
        facts,
        values,
        children: Vec::new(),
    }
}

fn fields(c: Child) -> Vec<RelatedField> {
    c.spec
        .iter()
        .map(|(key, _, kind, required)| RelatedField {
            key: (*key).to_owned(),
            kind: *kind,
            required: *required,
        })
        .collect()
}

pub struct Children {
    op: Arc<Overplane>,
    db: SqlitePool,
    /// The board, when it is Overplane's opportunities.
    board: Option<Arc<OverplaneDeals>>,
}

impl Children {
    pub fn new(op: Arc<Overplane>, db: SqlitePool, board: Option<Arc<OverplaneDeals>>) -> Self {
        Self { op, db, board }
    }

    /// Overplane's id of Frontdesk's prospect `id`.
    async fn parent(&self, id: i64) -> Result<String, ConnectorError> {
        let mut db = self.db.acquire().await?;
        Ok(mirror::by_id(&mut db, NAME, id)
            .await?
            .ok_or(ConnectorError::NotFound)?
            .remote_id)
    }

    /// A prospect's children of one kind, in Overplane's order (`idx`; the
    /// list's own order where `idx` is missing or equal).
    async fn list(
        &self,
        c: Child,
        parent: &str,
    ) -> Result<Vec<Map<String, Value>>, ConnectorError> {
        #[derive(serde::Deserialize)]
        struct Page {
            data: Vec<Map<String, Value>>,
        }
        let page: Page = self
            .op
            .call(VendorRequest::get(c.path).query("parent_id", parent))
            .await?;
        for (i, r) in page.data.iter().enumerate() {
            if shown(r, "id").is_empty() {
                return Err(ConnectorError::Malformed {
                    system: SYSTEM,
                    field: format!("data[{i}].id"),
                });
            }
        }
        let mut data = page.data;
        data.sort_by_key(|r| r.get("idx").and_then(Value::as_i64).unwrap_or(i64::MAX));
        Ok(data)
    }

    fn section(c: Child, list: &[Map<String, Value>]) -> RelatedSection {
        RelatedSection {
            kind: c.kind,
            fields: fields(c),
            can_add: true,
            can_edit: true,
            can_delete: true,
            can_reorder: true,
            items: list.iter().map(|r| item(c, r)).collect(),
        }
    }

    /// Both lists, read at once, as the drawer shows them; the board's
    /// mirror of the opportunities kept in step when `opportunities_changed`.
    async fn read(
        &self,
        parent: &str,
        opportunities_changed: bool,
    ) -> Result<Related, ConnectorError> {
        let (leads, opportunities) =
            tokio::try_join!(self.list(LEADS, parent), self.list(OPPORTUNITIES, parent))?;
        if opportunities_changed && let Some(board) = &self.board {
            board.follow(parent, &opportunities).await?;
        }
        Ok(Related {
            system: SYSTEM.into(),
            owner: None,
            sections: vec![
                Self::section(LEADS, &leads),
                Self::section(OPPORTUNITIES, &opportunities),
            ],
        })
    }

    fn kind(kind: RelatedKind) -> Result<Child, ConnectorError> {
        child(kind).ok_or(ConnectorError::NotFound)
    }
}

#[async_trait]
impl RelatedRecords for Children {
    fn connector(&self) -> &'static str {
        NAME
    }

    fn fields(&self, kind: RelatedKind) -> Option<Vec<RelatedField>> {
        child(kind).map(fields)
    }

    async fn related(&self, prospect: i64) -> Result<Related, ConnectorError> {
        let parent = self.parent(prospect).await?;
        self.read(&parent, false).await
    }

    /// A create is sent once: an answer lost on the way is not sent again
    /// (the drawer reads the list afresh and shows whether it landed).
    async fn create(
        &self,
        prospect: i64,
        kind: RelatedKind,
        input: &RelatedInput,
    ) -> Result<Related, ConnectorError> {
        let c = Self::kind(kind)?;
        let parent = self.parent(prospect).await?;
        let mut body = Map::new();
        body.insert("prospect_id".into(), json!(parent));
        for (key, wire, k, _) in c.spec {
            if let Some(v) = input.values.get(*key)
                && !v.trim().is_empty()
            {
                body.insert((*wire).to_owned(), to_wire(*k, v));
            }
        }
        let _: Map<String, Value> = self
            .op
            .call(VendorRequest::write(Method::POST, c.path).json(Value::Object(body)))
            .await?;
        self.read(&parent, c.kind == RelatedKind::Opportunities)
            .await
    }

    /// A PATCH of what changed against the record as Overplane has it now
    /// (read again first: it has no `updated_at`); nothing changed, nothing
    /// is sent.
    async fn update(
        &self,
        prospect: i64,
        kind: RelatedKind,
        item: &str,
        input: &RelatedInput,
    ) -> Result<Related, ConnectorError> {
        let c = Self::kind(kind)?;
        let parent = self.parent(prospect).await?;
        let current = self
            .list(c, &parent)
            .await?
            .into_iter()
            .find(|r| shown(r, "id") == item)
            .ok_or(ConnectorError::NotFound)?;
        let mut body = Map::new();
        for (key, wire, k, _) in c.spec {
            if let Some(v) = input.values.get(*key) {
                let now = to_wire(*k, v);
                if differs(&current, wire, &now) {
                    body.insert((*wire).to_owned(), now);
                }
            }
        }
        if !body.is_empty() {
            let path = format!("{}/{}", c.path, safe(item));
            let _: Map<String, Value> = self
                .op
                .call(VendorRequest::write(Method::PATCH, path).json(Value::Object(body)))
                .await?;
        }
        self.read(&parent, c.kind == RelatedKind::Opportunities)
            .await
    }

    async fn delete(
        &self,
        prospect: i64,
        kind: RelatedKind,
        item: &str,
    ) -> Result<Related, ConnectorError> {
        let c = Self::kind(kind)?;
        let parent = self.parent(prospect).await?;
        let path = format!("{}/{}", c.path, safe(item));
        match self
            .op
            .call::<Value>(VendorRequest::write(Method::DELETE, path))
            .await
        {
            // Already gone there: what the person wanted.
            Ok(_) | Err(ConnectorError::NotFound) => {}
            Err(e) => return Err(e),
        }
        self.read(&parent, c.kind == RelatedKind::Opportunities)
            .await
    }

    /// `reorder` wants every child of the prospect exactly once: the list
    /// is read first, and one that changed since the drawer showed it is a
    /// conflict (nothing sent).
    async fn reorder(
        &self,
        prospect: i64,
        kind: RelatedKind,
        ids: &[String],
    ) -> Result<Related, ConnectorError> {
        let c = Self::kind(kind)?;
        let parent = self.parent(prospect).await?;
        let current: Vec<String> = self
            .list(c, &parent)
            .await?
            .iter()
            .map(|r| shown(r, "id"))
            .collect();
        if !frontdesk_core::related::is_reordering(&current, ids) {
            return Err(ConnectorError::Conflict { current: None });
        }
        if current != ids {
            let body = assumed::reorder_body(&parent, ids);
            let _: Value = self
                .op
                .call(VendorRequest::write(Method::POST, format!("{}/reorder", c.path)).json(body))
                .await?;
        }
        self.read(&parent, c.kind == RelatedKind::Opportunities)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn the_seeds_lead_sample_is_an_item() {
        let r = record(json!({
            "id": "prospect-lead_abc123", "idx": 1, "prospect_id": "prospect_id_example",
            "lead": "lead_example", "lead_name": "lead_name_example", "status": "draft",
            "email": "user@example.com", "mobile_no": "mobile_no_example",
            "lead_owner": "lead_owner_example"
        }));
        let i = item(LEADS, &r);
        assert_eq!(i.id, "prospect-lead_abc123");
        assert_eq!(i.title, "lead_name_example");
        assert_eq!(i.values["mobile"], "mobile_no_example");
        assert_eq!(i.facts[0].key, "lead");
        assert_eq!(i.facts[1].value, "draft");
    }

    #[test]
    fn the_seeds_opportunity_sample_is_an_item() {
        let r = record(json!({
            "id": "prospect-opportunity_abc123", "idx": 1, "prospect_id": "prospect_id_example",
            "opportunity": "opportunity_example", "amount": 0, "stage": "stage_example",
            "probability": 0, "expected_closing": "expected_closing_example", "currency": "USD",
            "deal_owner": "deal_owner_example", "contact_person": "contact_person_example"
        }));
        let i = item(OPPORTUNITIES, &r);
        assert_eq!(i.title, "opportunity_example");
        assert_eq!(i.values["amount"], "0");
        assert!(
            i.facts
                .iter()
                .any(|f| f.key == "amount" && f.value == "0 USD")
        );
        assert!(i.facts.iter().any(|f| f.key == "contact"));
    }

    #[test]
    fn only_a_real_change_is_sent() {
        let r = record(json!({"amount": 1250, "stage": "Proposal", "currency": null}));
        assert!(!differs(&r, "amount", &to_wire(Number, "1250,0")));
        assert!(differs(&r, "amount", &to_wire(Number, "1300")));
        assert!(!differs(&r, "stage", &to_wire(Text, " Proposal ")));
        assert!(!differs(&r, "currency", &to_wire(Text, "")));
        assert!(differs(&r, "stage", &to_wire(Text, "")));
        assert_eq!(to_wire(Number, "12,5"), json!(12.5));
    }
}
