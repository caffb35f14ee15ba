//! AlphaAlpha's enriched customer in the prospect's drawer (seed 004,
//! `GET /crm/customers/{id}`): its contacts, addresses, events,
//! opportunities with their payment schedule, and recent activities, read
//! afresh each time the drawer opens, shown as they are (the seed has no
//! call that writes them); and the owner, assigned (`PATCH …/owner/{ownerId}`)
//! and removed (`DELETE …/owner`). What the owner writes answer is kept in
//! the mirror at once, as any write of AlphaAlpha's.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use frontdesk_core::model::{Related, RelatedItem, RelatedKind, RelatedOwner, RelatedPerson};
use frontdesk_core::validate::{FieldError, FieldErrors};
use reqwest::Method;
use serde_json::{Map, Value};
use sqlx::SqlitePool;

use super::{AlphaAlpha, NAME, SYSTEM, customer, map, segment};
use crate::connectors::error::ConnectorError;
use crate::connectors::related::{RelatedRecords, fact, item, read_only};
use crate::store::{self, mirror};

fn text(record: &Map<String, Value>, key: &str) -> String {
    match record.get(key) {
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn objects<'a>(record: &'a Map<String, Value>, key: &str) -> Vec<&'a Map<String, Value>> {
    record
        .get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_object).collect())
        .unwrap_or_default()
}

/// An instant's date (`2019-08-24T14:15:22Z` → `2019-08-24`): what the
/// drawer needs, and tolerant of any offset or fraction.
fn day(value: String) -> String {
    value.get(..10).map(str::to_owned).unwrap_or(value)
}

fn contacts(c: &Map<String, Value>) -> Vec<RelatedItem> {
    objects(c, "contacts")
        .into_iter()
        .map(|p| {
            let name = format!("{} {}", text(p, "firstName"), text(p, "lastName"))
                .trim()
                .to_owned();
            item(
                text(p, "id"),
                name,
                vec![
                    fact("department", text(p, "department")),
                    fact("email", text(p, "email")),
                    fact("phone", text(p, "phone")),
                ],
            )
        })
        .collect()
}

fn address(a: &Map<String, Value>, usage: &str) -> RelatedItem {
    let street = format!("{} {}", text(a, "street"), text(a, "houseNumber"));
    let place = format!("{} {}", text(a, "postalCode"), text(a, "city"));
    let title = [street.trim(), place.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    item(
        text(a, "id"),
        title,
        vec![fact("use", usage), fact("country", text(a, "country"))],
    )
}

fn addresses(c: &Map<String, Value>) -> Vec<RelatedItem> {
    let billing = c
        .get("billingAddress")
        .and_then(Value::as_object)
        .map(|a| address(a, "billing"));
    billing
        .into_iter()
        .chain(
            objects(c, "deliveryAddresses")
                .into_iter()
                .map(|a| address(a, "delivery")),
        )
        .collect()
}

fn events(c: &Map<String, Value>) -> Vec<RelatedItem> {
    objects(c, "events")
        .into_iter()
        .map(|e| {
            let description = text(e, "description");
            let title = if description.is_empty() {
                text(e, "type")
            } else {
                description
            };
            item(
                text(e, "id"),
                title,
                vec![
                    fact("type", text(e, "type")),
                    fact("date", day(text(e, "date"))),
                    fact("author", text(e, "authorId")),
                ],
            )
        })
        .collect()
}

fn payment(p: &Map<String, Value>) -> RelatedItem {
    let percentage = Some(text(p, "percentage"))
        .filter(|v| !v.is_empty())
        .map(|v| format!("{v}%"))
        .unwrap_or_default();
    let trigger = format!("{} {}", text(p, "triggerType"), text(p, "triggerStatus"));
    let due_days = text(p, "paymentDueDays");
    item(
        text(p, "id"),
        text(p, "label"),
        vec![
            fact("percentage", percentage),
            fact("status", text(p, "status")),
            fact("trigger", trigger.trim()),
            fact("due_days", due_days),
            fact("triggered", day(text(p, "triggeredAt"))),
            fact("invoice", text(p, "invoiceId")),
        ],
    )
}

fn opportunities(c: &Map<String, Value>) -> Vec<RelatedItem> {
    objects(c, "opportunities")
        .into_iter()
        .map(|o| {
            let probability = Some(text(o, "probability"))
                .filter(|v| !v.is_empty())
                .map(|v| format!("{v}%"))
                .unwrap_or_default();
            let mut i = item(
                text(o, "id"),
                text(o, "name"),
                vec![
                    fact("status", text(o, "status")),
                    fact("value", text(o, "value")),
                    fact("probability", probability),
                    fact("expected_close", day(text(o, "expectedCloseDate"))),
                    fact("next_action", text(o, "nextAction")),
                    fact("owner", text(o, "ownerId")),
                ],
            );
            i.children = objects(o, "paymentSchedule")
                .into_iter()
                .map(payment)
                .collect();
            i
        })
        .collect()
}

fn activities(c: &Map<String, Value>) -> Vec<RelatedItem> {
    objects(c, "recentActivities")
        .into_iter()
        .map(|a| {
            let when = Some(text(a, "scheduledAt"))
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| text(a, "dueDate"));
            let done = a.get("completed").and_then(Value::as_bool) == Some(true)
                || a.get("isCompleted").and_then(Value::as_bool) == Some(true);
            let duration = Some(text(a, "durationMinutes"))
                .filter(|v| !v.is_empty())
                .map(|v| format!("{v} min"))
                .unwrap_or_default();
            item(
                text(a, "id"),
                text(a, "subject"),
                vec![
                    fact("type", text(a, "type")),
                    fact("date", day(when)),
                    fact("priority", text(a, "priority")),
                    fact(
                        "completed",
                        if done {
                            day(text(a, "completedAt"))
                        } else {
                            String::new()
                        },
                    ),
                    fact("contact", text(a, "contactName")),
                    fact("outcome", text(a, "outcome")),
                    fact("duration", duration),
                ],
            )
        })
        .collect()
}

pub struct Enriched {
    aa: Arc<AlphaAlpha>,
    db: SqlitePool,
    /// Users' names as enriched customers showed them (`owner`): AlphaAlpha
    /// has no list of users, so the owners offered are named when seen.
    names: Mutex<BTreeMap<String, String>>,
}

impl Enriched {
    pub fn new(aa: Arc<AlphaAlpha>, db: SqlitePool) -> Self {
        Self {
            aa,
            db,
            names: Mutex::new(BTreeMap::new()),
        }
    }

    async fn remote_id(&self, prospect: i64) -> Result<String, ConnectorError> {
        let mut db = self.db.acquire().await?;
        Ok(mirror::by_id(&mut db, NAME, prospect)
            .await?
            .ok_or(ConnectorError::NotFound)?
            .remote_id)
    }

    fn name_of(&self, id: &str) -> String {
        self.names
            .lock()
            .ok()
            .and_then(|n| n.get(id).cloned())
            .unwrap_or_else(|| id.to_owned())
    }

    /// The owner the customer has, remembering its name.
    fn current_owner(&self, c: &Map<String, Value>) -> Option<RelatedPerson> {
        let id = text(c, "ownerId");
        if id.is_empty() {
            return None;
        }
        if let Some(o) = c.get("owner").and_then(Value::as_object) {
            let name = [text(o, "displayName"), text(o, "username")]
                .into_iter()
                .find(|n| !n.is_empty());
            if let (Some(name), Ok(mut names)) = (name, self.names.lock()) {
                names.insert(id.clone(), name);
            }
        }
        Some(RelatedPerson {
            name: self.name_of(&id),
            id,
        })
    }

    /// Who may be assigned: AlphaAlpha lists no users, so the owners its
    /// customers have (the mirror's `ownerId`s) and the current one.
    async fn choices(
        &self,
        current: Option<&RelatedPerson>,
    ) -> Result<Vec<RelatedPerson>, ConnectorError> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT json_extract(extra, '$.ownerId') FROM prospects \
             WHERE vendor = ? AND deleted_at IS NULL \
             AND json_extract(extra, '$.ownerId') IS NOT NULL",
        )
        .bind(NAME)
        .fetch_all(&self.db)
        .await?;
        let mut choices: Vec<RelatedPerson> = ids
            .into_iter()
            .filter(|id| !id.trim().is_empty())
            .chain(current.map(|c| c.id.clone()))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .map(|id| RelatedPerson {
                name: self.name_of(&id),
                id,
            })
            .collect();
        choices.sort_by_key(|c| c.name.to_lowercase());
        Ok(choices)
    }

    async fn related_of(&self, c: &Map<String, Value>) -> Result<Related, ConnectorError> {
        let current = self.current_owner(c);
        let choices = self.choices(current.as_ref()).await?;
        Ok(Related {
            system: SYSTEM.into(),
            owner: Some(RelatedOwner {
                current,
                choices,
                can_assign: true,
                can_remove: true,
            }),
            sections: vec![
                read_only(RelatedKind::Contacts, contacts(c)),
                read_only(RelatedKind::Addresses, addresses(c)),
                read_only(RelatedKind::Opportunities, opportunities(c)),
                read_only(RelatedKind::Activities, activities(c)),
                read_only(RelatedKind::Events, events(c)),
            ],
        })
    }

    /// What an owner write answered (the enriched customer) kept in the
    /// mirror, as the vendor now has it.
    async fn keep(&self, answer: &Map<String, Value>) -> Result<(), ConnectorError> {
        let record = map::remote(answer.clone());
        let mut tx = store::begin_write(&self.db).await?;
        mirror::put(
            &mut tx,
            NAME,
            &record,
            &map::OWNED,
            None,
            &store::now_rfc3339(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[async_trait]
impl RelatedRecords for Enriched {
    fn connector(&self) -> &'static str {
        NAME
    }

    async fn related(&self, prospect: i64) -> Result<Related, ConnectorError> {
        let id = self.remote_id(prospect).await?;
        let c = self
            .aa
            .customer(&id)
            .await?
            .ok_or(ConnectorError::NotFound)?;
        self.related_of(&c).await
    }

    async fn assign_owner(&self, prospect: i64, owner: &str) -> Result<Related, ConnectorError> {
        let id = self.remote_id(prospect).await?;
        let path = format!("{}/owner/{}", customer(&id), segment(owner.trim()));
        let answer = match self.aa.write(Method::PATCH, path, None).await {
            Ok(a) => a,
            // A 404 is the customer or the user (the seed does not say
            // which): the customer still there means the user is unknown.
            Err(ConnectorError::NotFound) => {
                return Err(match self.aa.customer(&id).await? {
                    Some(_) => ConnectorError::Invalid(FieldErrors::from([(
                        "owner_id".to_owned(),
                        FieldError::NotAllowed,
                    )])),
                    None => ConnectorError::NotFound,
                });
            }
            Err(e) => return Err(e),
        };
        self.keep(&answer).await?;
        self.related_of(&answer).await
    }

    async fn remove_owner(&self, prospect: i64) -> Result<Related, ConnectorError> {
        let id = self.remote_id(prospect).await?;
        let answer = self
            .aa
            .write(Method::DELETE, format!("{}/owner", customer(&id)), None)
            .await?;
        self.keep(&answer).await?;
        self.related_of(&answer).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_seeds_enriched_sample_fills_every_section() {
        let c = json!({
            "billingAddress": {"city": "string", "country": "string", "houseNumber": "string", "id": "string",
                "latitude": 0.1, "longitude": 0.1, "postalCode": "string", "street": "string"},
            "contacts": [{"department": "string", "email": "string", "firstName": "string", "id": "string",
                "lastName": "string", "phone": "string"}],
            "deliveryAddresses": [{"city": "string", "country": "string", "houseNumber": "string", "id": "string",
                "latitude": 0.1, "longitude": 0.1, "postalCode": "string", "street": "string"}],
            "events": [{"authorId": "string", "date": "2019-08-24T14:15:22Z", "description": "string",
                "id": "string", "type": "CREATE"}],
            "opportunities": [{"id": "string", "name": "string", "probability": 0, "status": "NEW", "value": 0.1,
                "expectedCloseDate": "2019-08-24T14:15:22Z",
                "paymentSchedule": [{"id": "string", "includeChangeOrders": true, "invoiceId": "string",
                    "label": "string", "paymentDueDays": 0, "percentage": 0.1, "relativeDays": 0,
                    "status": "PENDING", "triggerStatus": "NEW", "triggerType": "STATUS_CHANGE",
                    "triggeredAt": "2019-08-24T14:15:22Z"}]}],
            "recentActivities": [{"id": "string", "subject": "string", "type": "CALL", "priority": "LOW",
                "completed": true, "completedAt": "2019-08-24T14:15:22Z", "scheduledAt": "2019-08-24T14:15:22Z",
                "contactName": "string", "durationMinutes": 0}]
        });
        let c = c.as_object().unwrap();
        assert_eq!(contacts(c)[0].title, "string string");
        let a = addresses(c);
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].facts[0].value, "billing");
        assert_eq!(a[1].facts[0].value, "delivery");
        assert_eq!(events(c)[0].facts[1].value, "2019-08-24");
        let o = opportunities(c);
        assert_eq!(o[0].children.len(), 1);
        assert!(o[0].children[0].facts.iter().any(|f| f.value == "0.1%"));
        assert!(
            o[0].facts
                .iter()
                .any(|f| f.key == "expected_close" && f.value == "2019-08-24")
        );
        let act = activities(c);
        assert!(act[0].facts.iter().any(|f| f.key == "completed"));
    }
}
