//! `GET /api/v1/staff`: the team, for owner pickers and filters.

use axum::Json;
use axum::extract::State;
use frontdesk_core::model::StaffUser;

use super::error::ApiError;
use super::session::Staff;
use crate::SharedState;
use crate::store::users;

#[utoipa::path(
    get,
    path = "/staff",
    operation_id = "list_staff",
    tag = "staff",
    security(("session_cookie" = [])),
    responses((status = 200, description = "Every member of staff.", body = Vec<StaffUser>))
)]
pub async fn list(
    State(state): State<SharedState>,
    _staff: Staff,
) -> Result<Json<Vec<StaffUser>>, ApiError> {
    Ok(Json(users::list(&state.db).await?))
}
