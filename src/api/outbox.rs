use frontdesk_core::model::OutboxMessage;
use frontdesk_core::problem::Problem;

pub async fn list() -> Result<Vec<OutboxMessage>, Problem> {
    super::get("/outbox").await
}
