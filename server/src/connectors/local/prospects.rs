//! Prospects kept by Frontdesk itself (rows without a vendor).

use async_trait::async_trait;
use frontdesk_core::model::{Prospect, ProspectInput};
use sqlx::SqlitePool;

use crate::connectors::error::ConnectorError;
use crate::connectors::prospects::{ProspectAbilities, Prospects};
use crate::store::{self, prospects};

pub struct LocalProspects {
    db: SqlitePool,
}

impl LocalProspects {
    pub fn new(db: SqlitePool) -> Self {
        Self { db }
    }
}

#[async_trait]
impl Prospects for LocalProspects {
    fn connector(&self) -> &'static str {
        super::NAME
    }

    fn abilities(&self) -> ProspectAbilities {
        ProspectAbilities {
            bulk: true,
            import: true,
            delete: true,
        }
    }

    async fn get(&self, id: i64) -> Result<Option<Prospect>, ConnectorError> {
        let mut db = self.db.acquire().await?;
        Ok(prospects::get(&mut db, id).await?)
    }

    async fn create(&self, input: &ProspectInput, _by: &str) -> Result<Prospect, ConnectorError> {
        let mut tx = store::begin_write(&self.db).await?;
        let id = prospects::create(&mut tx, input).await?;
        let created = prospects::get(&mut tx, id)
            .await?
            .ok_or(ConnectorError::NotFound)?;
        tx.commit().await?;
        Ok(created)
    }

    async fn update(
        &self,
        id: i64,
        input: &ProspectInput,
        _by: &str,
    ) -> Result<Option<Prospect>, ConnectorError> {
        let mut tx = store::begin_write(&self.db).await?;
        if !prospects::update(&mut tx, id, input).await? {
            return Ok(None);
        }
        let updated = prospects::get(&mut tx, id).await?;
        tx.commit().await?;
        Ok(updated)
    }

    async fn delete(&self, id: i64, _by: &str) -> Result<bool, ConnectorError> {
        let mut db = self.db.acquire().await?;
        Ok(prospects::delete(&mut db, id).await?)
    }
}
