//! What hangs off a Cirrus record: an account's contacts, the activities of
//! an account, a lead or an opportunity, and following an opportunity. Read
//! live (never mirrored): a drawer opens one record at a time.

use frontdesk_core::model::{Activity, Contact};
use reqwest::Method;
use serde_json::{Map, Value, json};

use super::{Cirrus, ListAnswer, accounts};
use crate::connectors::error::ConnectorError;
use crate::connectors::http::VendorRequest;

/// At most this many contacts or activities are read for one record (one
/// page of Cirrus's largest).
const ONE_PAGE: &str = "50";

const CONTACT_FIELDS: &str =
    "{page,pages,items{id,name,surname,function,email,officephone,cellphone,primarycontact}}";
const ACTIVITY_FIELDS: &str = "{page,pages,items{id,type{name},description,date,closed}}";
/// A lead's own activities (`leadactivity`, embedded in the lead).
const LEAD_ACTIVITY_FIELDS: &str = "{activities{id,type{name},comment,followup,done}}";

fn text(r: &Map<String, Value>, key: &str) -> String {
    r.get(key)
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_owned()
}

fn int(r: &Map<String, Value>, key: &str) -> Option<i64> {
    match r.get(key)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn contact(r: &Map<String, Value>) -> Option<Contact> {
    Some(Contact {
        id: int(r, "id")?.to_string(),
        name: format!("{} {}", text(r, "name"), text(r, "surname"))
            .trim()
            .to_owned(),
        function: text(r, "function"),
        email: text(r, "email"),
        phone: text(r, "officephone"),
        mobile: text(r, "cellphone"),
        primary: int(r, "primarycontact") == Some(1),
    })
}

/// The first ten characters of a date or a timestamp (`YYYY-MM-DD`).
fn day(v: &str) -> String {
    v.get(..10).unwrap_or(v).to_owned()
}

/// An activity (of an account or an opportunity), or a lead's own.
fn activity(r: &Map<String, Value>) -> Option<Activity> {
    let kind = r
        .get("type")
        .and_then(|t| t.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_owned();
    let lead = r.contains_key("comment");
    Some(Activity {
        id: int(r, "id")?,
        kind,
        subject: text(r, if lead { "comment" } else { "description" }),
        due: day(&text(r, if lead { "followup" } else { "date" })),
        done: int(r, if lead { "done" } else { "closed" }) == Some(1),
    })
}

/// Latest first, as a drawer lists them.
fn latest_first(mut all: Vec<Activity>) -> Vec<Activity> {
    all.sort_by(|a, b| b.due.cmp(&a.due).then(b.id.cmp(&a.id)));
    all
}

impl Cirrus {
    async fn first_page(
        &self,
        resource: &str,
        filter: (&str, &str),
        mask: &str,
    ) -> Result<Vec<Map<String, Value>>, ConnectorError> {
        let request = VendorRequest::get(self.path(resource, None))
            .query(filter.0, filter.1.to_owned())
            .query("page", "1")
            .query("per_page", ONE_PAGE);
        let answer: ListAnswer = self.masked(request, mask.to_owned()).await?;
        Ok(answer.envelope().items)
    }

    /// An account's contacts (a lead has none: it is one person).
    pub async fn contacts_of(&self, remote_id: &str) -> Result<Vec<Contact>, ConnectorError> {
        let Some(id) = accounts::account_id(remote_id) else {
            return Ok(Vec::new());
        };
        let items = self
            .first_page("contacts", ("accountid", id), CONTACT_FIELDS)
            .await?;
        let mut all: Vec<Contact> = items.iter().filter_map(contact).collect();
        all.sort_by(|a, b| b.primary.cmp(&a.primary).then(a.name.cmp(&b.name)));
        Ok(all)
    }

    /// A prospect's activities: an account's from the activities list, a
    /// lead's from its own `activities`.
    pub async fn prospect_activities(
        &self,
        remote_id: &str,
    ) -> Result<Vec<Activity>, ConnectorError> {
        if let Some(id) = accounts::account_id(remote_id) {
            let items = self
                .first_page("activities", ("accountid", id), ACTIVITY_FIELDS)
                .await?;
            return Ok(latest_first(items.iter().filter_map(activity).collect()));
        }
        let lead: Map<String, Value> = self
            .masked(
                VendorRequest::get(self.path("lead", Some(remote_id))),
                LEAD_ACTIVITY_FIELDS.to_owned(),
            )
            .await?;
        let items = lead
            .get("activities")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        Ok(latest_first(
            items
                .iter()
                .filter_map(Value::as_object)
                .filter_map(activity)
                .collect(),
        ))
    }

    /// An opportunity's activities.
    pub async fn opportunity_activities(&self, id: &str) -> Result<Vec<Activity>, ConnectorError> {
        let items = self
            .first_page("activities", ("opportunityid", id), ACTIVITY_FIELDS)
            .await?;
        Ok(latest_first(items.iter().filter_map(activity).collect()))
    }

    /// Whether [`Cirrus::acting_user`] follows the opportunity, read from
    /// its `followers`. `None` without `[cirrus] user_id`.
    pub async fn following(&self, id: &str) -> Result<Option<bool>, ConnectorError> {
        let Some(me) = self.user_id else {
            return Ok(None);
        };
        let r: Map<String, Value> = self
            .masked(
                VendorRequest::get(self.path("opportunity", Some(id))),
                "{followers{id}}".to_owned(),
            )
            .await?;
        let followers = r.get("followers").and_then(Value::as_array);
        Ok(Some(followers.is_some_and(|f| {
            f.iter()
                .filter_map(Value::as_object)
                .any(|u| int(u, "id") == Some(me))
        })))
    }

    /// Follows (or unfollows) an opportunity as [`Cirrus::acting_user`],
    /// then reads the followers back: Cirrus's word, not Frontdesk's.
    pub async fn follow(&self, id: &str, on: bool) -> Result<bool, ConnectorError> {
        let me = self.acting_user("follow an opportunity without `[cirrus] user_id`")?;
        let key: i64 = id.parse().map_err(|_| ConnectorError::NotFound)?;
        let path = if on {
            "opportunity_follow"
        } else {
            "opportunity_unfollow"
        };
        let request = self.authorized(
            VendorRequest::write(Method::POST, self.path(path, None))
                .json(json!({"key": key, "userid": me})),
        );
        let response = self.client.send(request).await?;
        if !response.status.is_success() {
            Self::read::<Value>(&response)?;
        }
        Ok(self.following(id).await?.unwrap_or(on))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_activity_and_a_lead_activity() {
        let a = json!({"id": 4, "type": {"name": "Call"}, "description": "Ring <b>Ann</b>",
                       "date": "2026-03-01", "closed": 1});
        assert_eq!(
            activity(a.as_object().unwrap()),
            Some(Activity {
                id: 4,
                kind: "Call".into(),
                subject: "Ring <b>Ann</b>".into(),
                due: "2026-03-01".into(),
                done: true
            })
        );
        let l = json!({"id": 5, "type": {"name": "Mail"}, "comment": "Sent the offer",
                       "followup": "2026-03-02T09:00:00Z", "done": 0});
        let l = activity(l.as_object().unwrap()).unwrap();
        assert_eq!(
            (l.subject.as_str(), l.due.as_str(), l.done),
            ("Sent the offer", "2026-03-02", false)
        );
    }

    #[test]
    fn a_contact_names_its_person() {
        let c = json!({"id": 9, "name": "Ann", "surname": "Peeters", "function": "CEO",
                       "officephone": "09 1", "cellphone": "", "email": "ann@x.be", "primarycontact": 1});
        let c = contact(c.as_object().unwrap()).unwrap();
        assert_eq!((c.name.as_str(), c.primary), ("Ann Peeters", true));
    }
}
