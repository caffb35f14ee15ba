//! The pipelines capability: the pipelines with their stages and reasons,
//! a pipeline's cards, moving a card, and the deal behind a card. Ids are
//! text, as on the wire: a vendor's (Overplane, Cirrus, AlphaAlpha) are
//! strings, and the board takes them without a change. Frontdesk's own
//! store is the `local` implementation; the vendors follow (issue #19).

use async_trait::async_trait;
use frontdesk_core::model::{Card, DealDetail, DealInput, MoveResult, Pipeline};
use frontdesk_core::validate::FieldErrors;

use super::error::ConnectorError;

/// What a move asks for, in the wire's ids.
pub struct CardMove<'a> {
    pub card_id: &'a str,
    pub stage_id: &'a str,
    pub after_id: Option<&'a str>,
    pub before_id: Option<&'a str>,
    /// The card's version the person saw.
    pub version: i64,
    pub reason_id: Option<&'a str>,
    /// Who moves it (Frontdesk's user).
    pub user_id: i64,
}

/// Why a change to a pipeline did not happen: nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("no such card or deal")]
    NotFound,
    #[error("not a stage of this pipeline")]
    Stage,
    #[error("a won or lost stage needs a reason of its kind")]
    Reason,
    /// Someone else changed it after the version the person saw.
    #[error("changed meanwhile")]
    Conflict(Box<Card>),
    #[error("invalid fields")]
    Invalid(FieldErrors),
    #[error(transparent)]
    Connector(#[from] ConnectorError),
}

impl From<sqlx::Error> for PipelineError {
    fn from(e: sqlx::Error) -> Self {
        Self::Connector(ConnectorError::Store(e))
    }
}

#[async_trait]
pub trait Pipelines: Send + Sync {
    fn connector(&self) -> &'static str;

    /// Every pipeline with its stages and close reasons, in order.
    async fn list(&self) -> Result<Vec<Pipeline>, ConnectorError>;

    async fn get(&self, id: &str) -> Result<Option<Pipeline>, ConnectorError>;

    /// Every card of `pipeline`, in stage order and, within a stage, in
    /// the order the board shows.
    async fn cards(&self, pipeline: &Pipeline) -> Result<Vec<Card>, ConnectorError>;

    async fn move_card(
        &self,
        pipeline: &Pipeline,
        m: &CardMove<'_>,
    ) -> Result<MoveResult, PipelineError>;

    /// The deal behind a card, with its prospect, activities and history.
    async fn deal(&self, id: &str) -> Result<Option<DealDetail>, ConnectorError>;

    /// Creates a deal (already validated); its id.
    async fn create_deal(&self, input: &DealInput, user_id: i64) -> Result<String, PipelineError>;

    /// Replaces a deal's editable fields if `input.version` is still its
    /// version.
    async fn update_deal(
        &self,
        id: &str,
        input: &DealInput,
        user_id: i64,
    ) -> Result<(), PipelineError>;

    /// Whether the club follows the deal at its CRM (`None`: no such deal).
    async fn following(&self, _id: &str) -> Result<Option<bool>, ConnectorError> {
        Err(ConnectorError::NotSupported {
            connector: self.connector(),
            action: "follow deals",
        })
    }

    /// Follows or unfollows; the CRM's word read back (`None`: no such deal).
    async fn follow(&self, _id: &str, _on: bool) -> Result<Option<bool>, ConnectorError> {
        Err(ConnectorError::NotSupported {
            connector: self.connector(),
            action: "follow deals",
        })
    }
}
