//! Frontdesk's own prospects keep nothing beside them: the drawer's
//! related section is empty (and hidden), and a write there is a 501.

use async_trait::async_trait;
use frontdesk_core::model::Related;
use sqlx::SqlitePool;

use crate::connectors::error::ConnectorError;
use crate::connectors::related::RelatedRecords;
use crate::store::prospects;

pub struct LocalRelated {
    db: SqlitePool,
}

impl LocalRelated {
    pub fn new(db: SqlitePool) -> Self {
        Self { db }
    }
}

#[async_trait]
impl RelatedRecords for LocalRelated {
    fn connector(&self) -> &'static str {
        super::NAME
    }

    async fn related(&self, prospect: i64) -> Result<Related, ConnectorError> {
        let mut db = self.db.acquire().await?;
        prospects::get(&mut db, prospect)
            .await?
            .ok_or(ConnectorError::NotFound)?;
        Ok(Related {
            system: "Frontdesk".into(),
            owner: None,
            sections: Vec::new(),
        })
    }
}
