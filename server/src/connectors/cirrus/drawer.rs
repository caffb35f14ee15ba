//! A Cirrus prospect's drawer (`RelatedRecords`): an account's contacts and
//! the activities of a lead or an account, read live each time the drawer
//! opens (`related.rs`) and shown as Cirrus has them. Frontdesk writes
//! neither: contacts and activities are kept in Cirrus's own screens, and
//! the seed's write calls for them are not what a front desk does.

use std::sync::Arc;

use async_trait::async_trait;
use frontdesk_core::model::{Activity, Contact, Related, RelatedItem, RelatedKind};
use sqlx::SqlitePool;

use super::{Cirrus, NAME, SYSTEM, accounts};
use crate::connectors::error::ConnectorError;
use crate::connectors::related::{RelatedRecords, fact, item, read_only};
use crate::store::mirror;

pub struct CirrusRelated {
    cirrus: Arc<Cirrus>,
    db: SqlitePool,
}

impl CirrusRelated {
    pub fn new(cirrus: Arc<Cirrus>, db: SqlitePool) -> Self {
        Self { cirrus, db }
    }
}

fn contact(c: Contact) -> RelatedItem {
    item(
        c.id,
        c.name,
        vec![
            fact("function", c.function),
            fact("email", c.email),
            fact("phone", c.phone),
            fact("mobile", c.mobile),
        ],
    )
}

fn activity(a: Activity) -> RelatedItem {
    // A lead's activity may have no comment: its type is then its title.
    let title = if a.subject.trim().is_empty() {
        a.kind.clone()
    } else {
        a.subject
    };
    let done = if a.done { a.due.clone() } else { String::new() };
    item(
        a.id.to_string(),
        title,
        vec![
            fact("type", a.kind),
            fact("date", a.due),
            fact("completed", done),
        ],
    )
}

/// The drawer's sections: an account's contacts (a lead is one person and
/// has none, so no empty section is shown for it), then the activities.
fn sections_of(
    remote_id: &str,
    contacts: Vec<Contact>,
    activities: Vec<Activity>,
) -> Vec<frontdesk_core::model::RelatedSection> {
    let mut sections = Vec::new();
    if accounts::account_id(remote_id).is_some() {
        sections.push(read_only(
            RelatedKind::Contacts,
            contacts.into_iter().map(contact).collect(),
        ));
    }
    sections.push(read_only(
        RelatedKind::Activities,
        activities.into_iter().map(activity).collect(),
    ));
    sections
}

#[async_trait]
impl RelatedRecords for CirrusRelated {
    fn connector(&self) -> &'static str {
        NAME
    }

    async fn related(&self, prospect: i64) -> Result<Related, ConnectorError> {
        let remote_id = {
            let mut db = self.db.acquire().await?;
            mirror::by_id(&mut db, NAME, prospect)
                .await?
                .ok_or(ConnectorError::NotFound)?
                .remote_id
        };
        // Two reads at once: the drawer waits for the slower, not the sum.
        let (contacts, activities) = tokio::try_join!(
            self.cirrus.contacts_of(&remote_id),
            self.cirrus.prospect_activities(&remote_id)
        )?;
        Ok(Related {
            system: SYSTEM.into(),
            owner: None,
            sections: sections_of(&remote_id, contacts, activities),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn an_activity(done: bool, subject: &str) -> Activity {
        Activity {
            id: 7,
            kind: "Call".into(),
            subject: subject.into(),
            due: "2026-03-01".into(),
            done,
        }
    }

    #[test]
    fn a_lead_shows_its_activities_and_no_contacts_section() {
        let s = sections_of("17", Vec::new(), vec![an_activity(false, "")]);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].kind, RelatedKind::Activities);
        let a = &s[0].items[0];
        // No comment: the type is the title; not done: no "completed" fact.
        assert_eq!(a.title, "Call");
        assert!(a.facts.iter().all(|f| f.key != "completed"));
        assert!(!s[0].can_add && !s[0].can_edit && !s[0].can_delete);
    }

    #[test]
    fn an_account_shows_its_contacts_first_and_a_done_activity_says_when() {
        let c = Contact {
            id: "9".into(),
            name: "Ann Peeters".into(),
            function: "CEO".into(),
            email: "ann@x.be".into(),
            phone: String::new(),
            mobile: "0470 12 34 56".into(),
            primary: true,
        };
        let id = format!("{}12", super::super::assumed::ACCOUNT_PREFIX);
        let s = sections_of(&id, vec![c], vec![an_activity(true, "Offer sent")]);
        assert_eq!(
            s.iter().map(|s| s.kind).collect::<Vec<_>>(),
            [RelatedKind::Contacts, RelatedKind::Activities]
        );
        let keys: Vec<&str> = s[0].items[0].facts.iter().map(|f| f.key.as_str()).collect();
        // The empty office phone is left out.
        assert_eq!(keys, ["function", "email", "mobile"]);
        let done = &s[1].items[0];
        assert_eq!(done.title, "Offer sent");
        assert!(
            done.facts
                .iter()
                .any(|f| f.key == "completed" && f.value == "2026-03-01")
        );
    }
}
