//! `/api/v1/deals` (staff): create (also from a prospect), read with its
//! prospect, activities and history, and edit with a version check.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use frontdesk_core::model::{DealDetail, DealInput, Following};
use frontdesk_core::problem::Problem;
use frontdesk_core::validate;

use super::error::ApiError;
use super::json::ApiJson;
use super::pipelines::conflict;
use super::session::Staff;
use crate::SharedState;
use crate::connectors::pipelines::PipelineError;

fn not_found() -> ApiError {
    ApiError::problem(Problem::new(404, "No such deal").with_detail("It may have been deleted."))
}

fn error(e: PipelineError) -> ApiError {
    match e {
        PipelineError::NotFound => not_found(),
        PipelineError::Invalid(errors) => ApiError::Validation(errors),
        PipelineError::Conflict(card) => conflict(&card),
        // A deal is not moved by its form; a stage or reason it names is
        // checked as a field.
        PipelineError::Stage => ApiError::problem(
            Problem::new(422, "Invalid input")
                .with_field("stage_id", "is not a stage of this pipeline"),
        ),
        PipelineError::Reason => ApiError::problem(Problem::new(422, "Invalid input").with_field(
            "close_reason_id",
            "a won or lost stage needs a reason of its kind",
        )),
        PipelineError::Connector(e) => e.into(),
    }
}

async fn detail(state: &SharedState, id: &str) -> Result<DealDetail, ApiError> {
    state
        .connectors
        .pipelines
        .deal(id)
        .await?
        .ok_or_else(not_found)
}

#[utoipa::path(
    get,
    path = "/deals/{id}",
    operation_id = "get_deal",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = String, Path, description = "The deal's (card's) id.")),
    responses(
        (status = 200, description = "The deal with its prospect, activities and history.", body = DealDetail),
        (status = 404, description = "No such deal.", body = Problem),
    )
)]
pub async fn get(
    State(state): State<SharedState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Json<DealDetail>, ApiError> {
    let _after_writes = state.session_writes.reading(&staff.token).await;
    Ok(Json(detail(&state, &id).await?))
}

#[utoipa::path(
    post,
    path = "/deals",
    operation_id = "create_deal",
    tag = "staff",
    security(("session_cookie" = [])),
    request_body = DealInput,
    responses(
        (status = 201, description = "Created.", body = DealDetail),
        (status = 422, description = "Some fields are not valid; `errors` names each.", body = Problem),
    )
)]
pub async fn create(
    State(state): State<SharedState>,
    staff: Staff,
    ApiJson(input): ApiJson<DealInput>,
) -> Result<(StatusCode, Json<DealDetail>), ApiError> {
    let _writing = state.session_writes.writing(&staff.token).await;
    let errors = validate::deal(&input);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let id = state
        .connectors
        .pipelines
        .create_deal(&input, staff.session.user.id)
        .await
        .map_err(error)?;
    Ok((StatusCode::CREATED, Json(detail(&state, &id).await?)))
}

#[utoipa::path(
    put,
    path = "/deals/{id}",
    operation_id = "update_deal",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = String, Path, description = "The deal's (card's) id.")),
    request_body = DealInput,
    responses(
        (status = 200, description = "Saved.", body = DealDetail),
        (status = 404, description = "No such deal.", body = Problem),
        (status = 409, description = "The deal changed since `version`; `current` holds it as it is now.", body = Problem),
        (status = 422, description = "Some fields are not valid; `errors` names each.", body = Problem),
    )
)]
pub async fn update(
    State(state): State<SharedState>,
    staff: Staff,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<DealInput>,
) -> Result<Json<DealDetail>, ApiError> {
    let _writing = state.session_writes.writing(&staff.token).await;
    let errors = validate::deal(&input);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    state
        .connectors
        .pipelines
        .update_deal(&id, &input, staff.session.user.id)
        .await
        .map_err(error)?;
    Ok(Json(detail(&state, &id).await?))
}

#[utoipa::path(
    get,
    path = "/deals/{id}/follow",
    operation_id = "get_deal_following",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = String, Path, description = "The deal's (card's) id.")),
    responses(
        (status = 200, description = "Whether the club follows the deal at its CRM, as the CRM says now.", body = Following),
        (status = 404, description = "No such deal.", body = Problem),
        (status = 501, description = "The system that keeps deals has no following.", body = Problem),
    )
)]
pub async fn following(
    State(state): State<SharedState>,
    _staff: Staff,
    Path(id): Path<String>,
) -> Result<Json<Following>, ApiError> {
    let following = state.connectors.pipelines.following(&id).await?;
    following
        .map(|following| Json(Following { following }))
        .ok_or_else(not_found)
}

#[utoipa::path(
    put,
    path = "/deals/{id}/follow",
    operation_id = "set_deal_following",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = String, Path, description = "The deal's (card's) id.")),
    request_body = Following,
    responses(
        (status = 200, description = "Followed or unfollowed; the CRM's word read back.", body = Following),
        (status = 404, description = "No such deal.", body = Problem),
        (status = 501, description = "The system that keeps deals has no following.", body = Problem),
    )
)]
pub async fn follow(
    State(state): State<SharedState>,
    staff: Staff,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<Following>,
) -> Result<Json<Following>, ApiError> {
    let _writing = state.session_writes.writing(&staff.token).await;
    let following = state
        .connectors
        .pipelines
        .follow(&id, input.following)
        .await?;
    following
        .map(|following| Json(Following { following }))
        .ok_or_else(not_found)
}
