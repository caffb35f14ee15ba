//! `GET /api/v1/prospects/{id}/contacts` and `/activities` (staff): the
//! people of a prospect that is an organisation and what was done with a
//! prospect, asked of the prospects capability (a CRM reads them live). A
//! system without them answers 501, and the drawer leaves them out.

use axum::Json;
use axum::extract::{Path, State};
use frontdesk_core::model::{Activity, Contact};
use frontdesk_core::problem::Problem;

use super::error::ApiError;
use super::session::Staff;
use crate::SharedState;

fn not_found() -> ApiError {
    ApiError::problem(
        Problem::new(404, "No such prospect").with_detail("It may have been deleted."),
    )
}

#[utoipa::path(
    get,
    path = "/prospects/{id}/contacts",
    operation_id = "list_prospect_contacts",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The prospect's id.")),
    responses(
        (status = 200, description = "The prospect's contacts, the primary one first (Cirrus: \
            an account's contacts; a lead is one person and has none).", body = Vec<Contact>),
        (status = 404, description = "No such prospect.", body = Problem),
        (status = 501, description = "The system that keeps prospects has no contacts.", body = Problem),
    )
)]
pub async fn contacts(
    State(state): State<SharedState>,
    _staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Contact>>, ApiError> {
    let all = state.connectors.prospects.contacts(id).await?;
    all.map(Json).ok_or_else(not_found)
}

#[utoipa::path(
    get,
    path = "/prospects/{id}/activities",
    operation_id = "list_prospect_activities",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The prospect's id.")),
    responses(
        (status = 200, description = "The prospect's activities at its CRM, the latest first.", body = Vec<Activity>),
        (status = 404, description = "No such prospect.", body = Problem),
        (status = 501, description = "The system that keeps prospects has no activities.", body = Problem),
    )
)]
pub async fn activities(
    State(state): State<SharedState>,
    _staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Activity>>, ApiError> {
    let all = state.connectors.prospects.activities(id).await?;
    all.map(Json).ok_or_else(not_found)
}
