//! `GET /api/v1/outbox`: the messages Frontdesk sent, newest first, so the
//! front desk can see (and read out) a code when an email went astray.

use axum::Json;
use axum::extract::State;
use frontdesk_core::model::OutboxMessage;

use super::error::ApiError;
use super::session::Staff;
use crate::SharedState;
use crate::store::bookings::outbox;

#[utoipa::path(
    get,
    path = "/outbox",
    operation_id = "list_outbox",
    tag = "staff",
    security(("session_cookie" = [])),
    responses((status = 200, description = "The latest 200 messages, newest first.", body = Vec<OutboxMessage>))
)]
pub async fn list(
    State(state): State<SharedState>,
    _staff: Staff,
) -> Result<Json<Vec<OutboxMessage>>, ApiError> {
    let mut db = state.db.acquire().await?;
    Ok(Json(outbox::list(&mut db, 200).await?))
}
