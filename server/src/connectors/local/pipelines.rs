//! The pipelines on Frontdesk's own store (`store::pipelines`,
//! `store::deals`): its ids are numbers written as text.

use async_trait::async_trait;
use frontdesk_core::model::{Card, DealDetail, DealInput, MoveResult, Pipeline};
use sqlx::SqlitePool;

use crate::connectors::error::ConnectorError;
use crate::connectors::pipelines::{CardMove, PipelineError, Pipelines};
use crate::store::deals::{self, DealError};
use crate::store::pipelines::{self as store, Move, MoveError};

pub struct LocalPipelines {
    db: SqlitePool,
}

impl LocalPipelines {
    pub fn new(db: SqlitePool) -> Self {
        Self { db }
    }
}

fn number(id: &str) -> Option<i64> {
    id.parse().ok()
}

impl From<DealError> for PipelineError {
    fn from(e: DealError) -> Self {
        match e {
            DealError::NotFound => Self::NotFound,
            DealError::Invalid(errors) => Self::Invalid(errors),
            DealError::Conflict(card) => Self::Conflict(card),
            DealError::Db(e) => e.into(),
        }
    }
}

#[async_trait]
impl Pipelines for LocalPipelines {
    fn connector(&self) -> &'static str {
        super::NAME
    }

    async fn list(&self) -> Result<Vec<Pipeline>, ConnectorError> {
        let mut db = self.db.acquire().await?;
        Ok(store::list(&mut db).await?)
    }

    async fn get(&self, id: &str) -> Result<Option<Pipeline>, ConnectorError> {
        let Some(id) = number(id) else {
            return Ok(None);
        };
        let mut db = self.db.acquire().await?;
        Ok(store::get(&mut db, id).await?)
    }

    async fn cards(&self, pipeline: &Pipeline) -> Result<Vec<Card>, ConnectorError> {
        let mut db = self.db.acquire().await?;
        Ok(store::cards(&mut db, pipeline).await?)
    }

    async fn move_card(
        &self,
        pipeline: &Pipeline,
        m: &CardMove<'_>,
    ) -> Result<MoveResult, PipelineError> {
        let card_id = number(m.card_id).ok_or(PipelineError::NotFound)?;
        let stage_id = number(m.stage_id).ok_or(PipelineError::Stage)?;
        let reason_id = match m.reason_id {
            None => None,
            Some(r) => Some(number(r).ok_or(PipelineError::Reason)?),
        };
        let stored = Move {
            card_id,
            stage_id,
            after_id: m.after_id,
            before_id: m.before_id,
            version: m.version,
            reason_id,
            user_id: m.user_id,
        };
        match store::move_card(&self.db, pipeline, &stored).await {
            Ok((card, renumbered)) => Ok(MoveResult { card, renumbered }),
            Err(MoveError::NotFound) => Err(PipelineError::NotFound),
            Err(MoveError::Stage) => Err(PipelineError::Stage),
            Err(MoveError::Reason) => Err(PipelineError::Reason),
            Err(MoveError::Conflict(card)) => Err(PipelineError::Conflict(card)),
            Err(MoveError::Db(e)) => Err(e.into()),
        }
    }

    async fn deal(&self, id: &str) -> Result<Option<DealDetail>, ConnectorError> {
        let Some(id) = number(id) else {
            return Ok(None);
        };
        let mut db = self.db.acquire().await?;
        Ok(deals::detail(&mut db, id).await?)
    }

    async fn create_deal(&self, input: &DealInput, user_id: i64) -> Result<String, PipelineError> {
        Ok(deals::create(&self.db, input, user_id).await?.to_string())
    }

    async fn update_deal(
        &self,
        id: &str,
        input: &DealInput,
        user_id: i64,
    ) -> Result<(), PipelineError> {
        let id = number(id).ok_or(PipelineError::NotFound)?;
        Ok(deals::update(&self.db, id, input, user_id).await?)
    }
}
