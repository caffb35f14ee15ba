//! The prospects capability: one prospect read, created, changed or
//! deleted, whichever system keeps them. Lists (search, filters, the
//! browser's index, export) are always read from Frontdesk's own store:
//! the local prospects themselves, or the mirror of a vendor's (kept by
//! `sync`), because no vendor answers a keystroke within a frame.

use async_trait::async_trait;
use frontdesk_core::model::{Activity, Contact, Prospect, ProspectInput};
use serde_json::{Map, Value};

use super::error::ConnectorError;
use crate::store::mirror::Field;

/// What a prospects connector can do beyond read and write one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProspectAbilities {
    /// Bulk changes (owner, tags, delete) of many at once.
    pub bulk: bool,
    /// The CSV import.
    pub import: bool,
    /// Delete.
    pub delete: bool,
}

/// The capability as the API's handlers use it. `id`s are Frontdesk's:
/// a vendor's own ids stay behind the mirror.
#[async_trait]
pub trait Prospects: Send + Sync {
    /// `local`, `clubplanner`, …
    fn connector(&self) -> &'static str;

    fn abilities(&self) -> ProspectAbilities;

    /// One prospect, as the system that keeps it has it now (a vendor's is
    /// read again, and the mirror brought up to date).
    async fn get(&self, id: i64) -> Result<Option<Prospect>, ConnectorError>;

    /// `by` is the member of staff making the change (their email).
    async fn create(&self, input: &ProspectInput, by: &str) -> Result<Prospect, ConnectorError>;

    /// `None` when there is no such prospect.
    async fn update(
        &self,
        id: i64,
        input: &ProspectInput,
        by: &str,
    ) -> Result<Option<Prospect>, ConnectorError>;

    /// `false` when there is no such prospect.
    async fn delete(&self, id: i64, by: &str) -> Result<bool, ConnectorError>;

    /// The people of a prospect that is an organisation (`None`: no such
    /// prospect). Only a CRM with accounts has them.
    async fn contacts(&self, _id: i64) -> Result<Option<Vec<Contact>>, ConnectorError> {
        Err(ConnectorError::NotSupported {
            connector: self.connector(),
            action: "list a prospect's contacts",
        })
    }

    /// What was done and is planned with a prospect, at its CRM (`None`:
    /// no such prospect).
    async fn activities(&self, _id: i64) -> Result<Option<Vec<Activity>>, ConnectorError> {
        Err(ConnectorError::NotSupported {
            connector: self.connector(),
            action: "list a prospect's activities",
        })
    }
}

/// A prospect as a vendor keeps it: its id there, the unified fields it
/// has, and every field of its own with no unified home (kept whole, so an
/// edit through Frontdesk sends them back unchanged).
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteProspect {
    pub remote_id: String,
    pub fields: ProspectInput,
    pub extra: Map<String, Value>,
}

/// One page of a vendor's list, for the sync. `next` is where the next
/// page starts; `None` when this was the last.
#[derive(Debug, Clone)]
pub struct RemotePage {
    pub records: Vec<RemoteProspect>,
    pub next: Option<String>,
    /// Requests it took (a vendor may need several for one page).
    pub requests: u32,
}

/// A vendor's prospects, in its own ids: what a connector implements.
/// `mirror::Mirrored` turns one into the `Prospects` capability.
#[async_trait]
pub trait VendorProspects: Send + Sync {
    /// The connector's name in `frontdesk.toml` (`clubplanner`).
    fn connector(&self) -> &'static str;

    /// Which unified fields the vendor keeps: a sync overwrites these;
    /// the rest (tags, next action, …) are Frontdesk's own, beside the
    /// mirrored record.
    fn owned(&self) -> &'static [Field];

    fn can_delete(&self) -> bool {
        true
    }

    /// The page of the vendor's list that starts at `position` (`None`:
    /// the first).
    async fn list(&self, position: Option<&str>) -> Result<RemotePage, ConnectorError>;

    async fn fetch(&self, remote_id: &str) -> Result<Option<RemoteProspect>, ConnectorError>;

    /// `by` names the member of staff, for a vendor that records who
    /// made a change.
    async fn create(
        &self,
        input: &ProspectInput,
        by: &str,
    ) -> Result<RemoteProspect, ConnectorError>;

    /// Saves `input` over `current` (as just read from the vendor): a
    /// vendor whose update replaces the record gets every field, merged;
    /// one that patches gets only what changed. Answers the record as the
    /// vendor now has it.
    async fn update(
        &self,
        current: &RemoteProspect,
        input: &ProspectInput,
        by: &str,
    ) -> Result<RemoteProspect, ConnectorError>;

    async fn delete(&self, remote_id: &str, by: &str) -> Result<(), ConnectorError>;

    /// See [`Prospects::contacts`]; in the vendor's ids.
    async fn contacts(&self, _remote_id: &str) -> Result<Vec<Contact>, ConnectorError> {
        Err(ConnectorError::NotSupported {
            connector: self.connector(),
            action: "list a prospect's contacts",
        })
    }

    /// See [`Prospects::activities`]; in the vendor's ids.
    async fn activities(&self, _remote_id: &str) -> Result<Vec<Activity>, ConnectorError> {
        Err(ConnectorError::NotSupported {
            connector: self.connector(),
            action: "list a prospect's activities",
        })
    }
}
