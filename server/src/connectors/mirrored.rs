//! A vendor's prospects as the prospects capability: writes go to the
//! vendor first and only what it accepted reaches the mirror; one record
//! opened is read again from the vendor. A refused or failed write
//! changes nothing here, and the page keeps what the person typed.

use std::sync::Arc;

use async_trait::async_trait;
use frontdesk_core::model::{Activity, Contact, Prospect, ProspectInput};
use sqlx::SqlitePool;

use super::error::ConnectorError;
use super::prospects::{ProspectAbilities, Prospects, RemoteProspect, VendorProspects};
use crate::store::{self, mirror};

pub struct Mirrored {
    db: SqlitePool,
    vendor: Arc<dyn VendorProspects>,
}

impl Mirrored {
    pub fn new(db: SqlitePool, vendor: Arc<dyn VendorProspects>) -> Self {
        Self { db, vendor }
    }

    pub fn vendor(&self) -> &Arc<dyn VendorProspects> {
        &self.vendor
    }

    /// Writes what the vendor answered into the mirror; `typed` keeps the
    /// fields the vendor does not hold as the person typed them.
    async fn keep(
        &self,
        record: &RemoteProspect,
        typed: Option<&ProspectInput>,
    ) -> Result<Prospect, ConnectorError> {
        // A record read again as the mirror has it (most opens) needs no
        // write: the write lock is taken only when something moved.
        if typed.is_none() {
            let mut db = self.db.acquire().await?;
            let seen =
                mirror::by_remote(&mut db, self.vendor.connector(), &record.remote_id).await?;
            let now = mirror::digest(&record.fields, self.vendor.owned(), &record.extra);
            if let Some(m) = seen.filter(|m| m.hash.as_deref() == Some(now.as_str()))
                && let Some(p) = mirror::prospect(&mut db, m.id).await?
            {
                return Ok(p);
            }
        }
        let mut tx = store::begin_write(&self.db).await?;
        let put = mirror::put(
            &mut tx,
            self.vendor.connector(),
            record,
            self.vendor.owned(),
            typed,
            &store::now_rfc3339(),
        )
        .await?;
        let prospect = mirror::prospect(&mut tx, put.id())
            .await?
            .ok_or(ConnectorError::NotFound)?;
        tx.commit().await?;
        Ok(prospect)
    }

    async fn remote_of(&self, id: i64) -> Result<Option<mirror::Mirrored>, ConnectorError> {
        let mut db = self.db.acquire().await?;
        Ok(mirror::by_id(&mut db, self.vendor.connector(), id).await?)
    }
}

#[async_trait]
impl Prospects for Mirrored {
    fn connector(&self) -> &'static str {
        self.vendor.connector()
    }

    fn abilities(&self) -> ProspectAbilities {
        ProspectAbilities {
            bulk: false,
            import: false,
            delete: self.vendor.can_delete(),
        }
    }

    /// Read again from the vendor; with the vendor out of reach, the
    /// mirror's copy (the list says how fresh it is).
    async fn get(&self, id: i64) -> Result<Option<Prospect>, ConnectorError> {
        let Some(mirrored) = self.remote_of(id).await? else {
            return Ok(None);
        };
        match self.vendor.fetch(&mirrored.remote_id).await {
            // As the mirror has it (most opens): nothing to write.
            Ok(Some(record))
                if mirrored.hash.as_deref()
                    == Some(
                        mirror::digest(&record.fields, self.vendor.owned(), &record.extra).as_str(),
                    ) =>
            {
                let mut db = self.db.acquire().await?;
                Ok(mirror::prospect(&mut db, id).await?)
            }
            Ok(Some(record)) => self.keep(&record, None).await.map(Some),
            Ok(None) => {
                let mut db = self.db.acquire().await?;
                mirror::remove(&mut db, self.vendor.connector(), &mirrored.remote_id).await?;
                Ok(None)
            }
            Err(e) if e.is_transient() => {
                tracing::warn!(connector = self.vendor.connector(), error = %e, "serving the mirror's copy");
                let mut db = self.db.acquire().await?;
                Ok(mirror::prospect(&mut db, id).await?)
            }
            Err(e) => Err(e),
        }
    }

    async fn create(&self, input: &ProspectInput, by: &str) -> Result<Prospect, ConnectorError> {
        let record = self.vendor.create(input, by).await?;
        self.keep(&record, Some(input)).await
    }

    /// The vendor's record is read again first: a vendor that replaces
    /// whole records gets the freshest fields merged with the person's,
    /// and a record changed at the vendor since the mirror last saw it is
    /// not overwritten blindly (409 with the vendor's copy).
    async fn update(
        &self,
        id: i64,
        input: &ProspectInput,
        by: &str,
    ) -> Result<Option<Prospect>, ConnectorError> {
        let Some(mirrored) = self.remote_of(id).await? else {
            return Ok(None);
        };
        let Some(current) = self.vendor.fetch(&mirrored.remote_id).await? else {
            let mut db = self.db.acquire().await?;
            mirror::remove(&mut db, self.vendor.connector(), &mirrored.remote_id).await?;
            return Ok(None);
        };
        let owned = self.vendor.owned();
        let now = mirror::digest(&current.fields, owned, &current.extra);
        if mirrored.hash.as_deref().is_some_and(|seen| seen != now) {
            let fresh = self.keep(&current, None).await?;
            return Err(ConnectorError::Conflict {
                current: serde_json::to_value(fresh).ok(),
            });
        }
        // What Frontdesk sent before and the vendor never reads back.
        let mut current = current;
        for (k, v) in mirrored.extra.iter().filter(|(k, _)| k.starts_with('_')) {
            current.extra.entry(k.clone()).or_insert_with(|| v.clone());
        }
        let saved = self.vendor.update(&current, input, by).await?;
        self.keep(&saved, Some(input)).await.map(Some)
    }

    async fn delete(&self, id: i64, by: &str) -> Result<bool, ConnectorError> {
        if !self.vendor.can_delete() {
            return Err(ConnectorError::NotSupported {
                connector: self.vendor.connector(),
                action: "delete prospects",
            });
        }
        let Some(mirrored) = self.remote_of(id).await? else {
            return Ok(false);
        };
        match self.vendor.delete(&mirrored.remote_id, by).await {
            Ok(()) | Err(ConnectorError::NotFound) => {}
            Err(e) => return Err(e),
        }
        let mut db = self.db.acquire().await?;
        mirror::remove(&mut db, self.vendor.connector(), &mirrored.remote_id).await?;
        Ok(true)
    }

    async fn contacts(&self, id: i64) -> Result<Option<Vec<Contact>>, ConnectorError> {
        match self.remote_of(id).await? {
            Some(m) => self.vendor.contacts(&m.remote_id).await.map(Some),
            None => Ok(None),
        }
    }

    async fn activities(&self, id: i64) -> Result<Option<Vec<Activity>>, ConnectorError> {
        match self.remote_of(id).await? {
            Some(m) => self.vendor.activities(&m.remote_id).await.map(Some),
            None => Ok(None),
        }
    }
}
