//! A prospect's related records (`model::Related`): what the system that
//! keeps the prospect holds beside it, for the drawer. Every call defaults
//! to "not supported" (a 501 the drawer takes as "nothing to show"), so a
//! connector implements what its vendor has: Overplane its child leads and
//! opportunities, AlphaAlpha its enriched customer and owner, Cirrus an
//! account's contacts and a lead's or an account's activities.

use std::collections::BTreeMap;

use async_trait::async_trait;
use frontdesk_core::model::{
    Related, RelatedFact, RelatedField, RelatedInput, RelatedItem, RelatedKind, RelatedSection,
};

use super::error::ConnectorError;

/// What a connector says it cannot do, in the 501's words.
pub const LIST: &str = "show what it keeps beside a prospect";
pub const WRITE: &str = "change what it keeps beside a prospect";
pub const REORDER: &str = "reorder what it keeps beside a prospect";
pub const OWNER: &str = "assign or remove a prospect's owner";

/// `prospect` is always Frontdesk's id; a connector finds its own behind
/// it (the mirror). `NotFound`: no such prospect, or no such item. Every
/// write answers the whole of it again, as the vendor has it now.
#[async_trait]
pub trait RelatedRecords: Send + Sync {
    fn connector(&self) -> &'static str;

    /// The fields a record of `kind` may be created or edited with; `None`
    /// when records of that kind cannot be written. The API checks input
    /// against them before the connector is asked.
    fn fields(&self, kind: RelatedKind) -> Option<Vec<RelatedField>> {
        let _ = kind;
        None
    }

    async fn related(&self, prospect: i64) -> Result<Related, ConnectorError> {
        let _ = prospect;
        Err(self.cannot(LIST))
    }

    async fn create(
        &self,
        prospect: i64,
        kind: RelatedKind,
        input: &RelatedInput,
    ) -> Result<Related, ConnectorError> {
        let _ = (prospect, kind, input);
        Err(self.cannot(WRITE))
    }

    async fn update(
        &self,
        prospect: i64,
        kind: RelatedKind,
        item: &str,
        input: &RelatedInput,
    ) -> Result<Related, ConnectorError> {
        let _ = (prospect, kind, item, input);
        Err(self.cannot(WRITE))
    }

    async fn delete(
        &self,
        prospect: i64,
        kind: RelatedKind,
        item: &str,
    ) -> Result<Related, ConnectorError> {
        let _ = (prospect, kind, item);
        Err(self.cannot(WRITE))
    }

    /// `ids`: every item of the section, each once, in the new order.
    async fn reorder(
        &self,
        prospect: i64,
        kind: RelatedKind,
        ids: &[String],
    ) -> Result<Related, ConnectorError> {
        let _ = (prospect, kind, ids);
        Err(self.cannot(REORDER))
    }

    async fn assign_owner(&self, prospect: i64, owner: &str) -> Result<Related, ConnectorError> {
        let _ = (prospect, owner);
        Err(self.cannot(OWNER))
    }

    async fn remove_owner(&self, prospect: i64) -> Result<Related, ConnectorError> {
        let _ = prospect;
        Err(self.cannot(OWNER))
    }

    fn cannot(&self, action: &'static str) -> ConnectorError {
        ConnectorError::NotSupported {
            connector: self.connector(),
            action,
        }
    }
}

/// A connector whose vendor keeps nothing beside its prospects that
/// Frontdesk reads (Clubplanner): the list is empty, so the drawer shows nothing and its request
/// is no error (a 501 on every drawer opened is an error in the browser's
/// console for nothing); every write is a 501.
pub struct NotKept(pub &'static str);

#[async_trait]
impl RelatedRecords for NotKept {
    fn connector(&self) -> &'static str {
        self.0
    }

    async fn related(&self, prospect: i64) -> Result<Related, ConnectorError> {
        let _ = prospect;
        Ok(Related {
            system: super::display_name(self.0).to_owned(),
            owner: None,
            sections: Vec::new(),
        })
    }
}

/// The section of `kind` in `related`, if there is one.
pub fn section(
    related: &Related,
    kind: RelatedKind,
) -> Option<&frontdesk_core::model::RelatedSection> {
    related.sections.iter().find(|s| s.kind == kind)
}

/// A fact to show, or none when the vendor left it empty.
pub fn fact(key: &str, value: impl Into<String>) -> Option<RelatedFact> {
    let value = value.into();
    (!value.trim().is_empty()).then(|| RelatedFact {
        key: key.to_owned(),
        value,
    })
}

/// A record shown as it is: its title and the facts the vendor filled.
pub fn item(id: String, title: String, facts: Vec<Option<RelatedFact>>) -> RelatedItem {
    RelatedItem {
        id,
        title,
        facts: facts.into_iter().flatten().collect(),
        values: BTreeMap::new(),
        children: Vec::new(),
    }
}

/// A section Frontdesk shows and does not write (the vendor has no call
/// for it, or its own screens are where it is changed).
pub fn read_only(kind: RelatedKind, items: Vec<RelatedItem>) -> RelatedSection {
    RelatedSection {
        kind,
        fields: Vec::new(),
        can_add: false,
        can_edit: false,
        can_delete: false,
        can_reorder: false,
        items,
    }
}
