use frontdesk_core::model::OutboxMessage;
use frontdesk_core::problem::Problem;

pub async fn list() -> Result<Vec<OutboxMessage>, Problem> {
    super::get("/outbox").await
}

/// The sites that may embed the booking widget.
pub async fn embed_settings() -> Result<frontdesk_core::model::EmbedSettings, Problem> {
    super::get("/embed").await
}
