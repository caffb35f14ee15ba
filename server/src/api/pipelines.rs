//! `/api/v1/pipelines` (staff): the pipelines with their stages and close
//! reasons, a board with the totals of every column, and moving a card.

use axum::Json;
use axum::extract::{Path, State};
use frontdesk_core::model::{Board, Card, MoveRequest, MoveResult, Pipeline};
use frontdesk_core::pipeline::{self, BoardFilter};
use frontdesk_core::problem::Problem;
use frontdesk_core::validate::{self, FieldError};

use super::error::ApiError;
use super::json::ApiJson;
use super::query::ApiQuery;
use super::session::Staff;
use crate::SharedState;
use crate::connectors::pipelines::{CardMove, PipelineError};

pub fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

fn no_pipeline() -> ApiError {
    ApiError::problem(Problem::new(404, "No such pipeline"))
}

/// An id in a path: ours are numbers, and anything else names nothing.
/// 409 with the card as it is now, so the page can say what changed.
pub fn conflict(card: &Card) -> ApiError {
    ApiError::problem(
        Problem::new(409, "Changed meanwhile")
            .with_type("https://frontdesk.test/problems/version-conflict")
            .with_detail(format!(
                "Someone else changed \u{201c}{}\u{201d} after you opened it; your change was not saved. \
                 The board now shows it as it is.",
                card.title
            ))
            .with_current(serde_json::to_value(card).unwrap_or_default()),
    )
}

async fn pipeline(state: &SharedState, id: &str) -> Result<Pipeline, ApiError> {
    state
        .connectors
        .pipelines
        .get(id)
        .await?
        .ok_or_else(no_pipeline)
}

#[utoipa::path(
    get,
    path = "/pipelines",
    operation_id = "list_pipelines",
    tag = "staff",
    security(("session_cookie" = [])),
    responses((status = 200, description = "Every pipeline with its stages and close reasons.", body = Vec<Pipeline>))
)]
pub async fn list(
    State(state): State<SharedState>,
    _staff: Staff,
) -> Result<Json<Vec<Pipeline>>, ApiError> {
    Ok(Json(state.connectors.pipelines.list().await?))
}

#[utoipa::path(
    get,
    path = "/pipelines/{id}/board",
    operation_id = "get_board",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = String, Path, description = "The pipeline's id."), BoardFilter),
    responses(
        (status = 200, description = "The cards that pass the filters, and every column's totals.", body = Board),
        (status = 400, description = "A date filter is not a date.", body = Problem),
        (status = 404, description = "No such pipeline.", body = Problem),
    )
)]
pub async fn board(
    State(state): State<SharedState>,
    staff: Staff,
    Path(id): Path<String>,
    ApiQuery(filter): ApiQuery<BoardFilter>,
) -> Result<Json<Board>, ApiError> {
    check_dates(&filter)?;
    let _after_writes = state.session_writes.reading(&staff.token).await;
    Ok(Json(
        board_of(&state, staff.session.user.id, Some(&id), &filter).await?,
    ))
}

/// The close-date filters must be dates.
pub fn check_dates(filter: &BoardFilter) -> Result<(), ApiError> {
    for (field, value) in [
        ("close_from", &filter.close_from),
        ("close_to", &filter.close_to),
    ] {
        if let Some(v) = value
            && validate::date(v).is_err()
        {
            return Err(ApiError::problem(
                Problem::new(400, "Invalid query").with_field(field, FieldError::Date.to_string()),
            ));
        }
    }
    Ok(())
}

/// The board of pipeline `id` (the first pipeline when `None`) as staff
/// member `me` sees it with `filter`: the API's answer, and the first
/// screen the server puts in the page (`crate::boot`).
pub async fn board_of(
    state: &SharedState,
    me: i64,
    id: Option<&str>,
    filter: &BoardFilter,
) -> Result<Board, ApiError> {
    let pipeline = match id {
        Some(id) => pipeline(state, id).await?,
        None => state
            .connectors
            .pipelines
            .list()
            .await?
            .into_iter()
            .next()
            .ok_or_else(no_pipeline)?,
    };
    let cards: Vec<Card> = state
        .connectors
        .pipelines
        .cards(&pipeline)
        .await?
        .into_iter()
        .filter(|c| filter.matches(c, me))
        .collect();
    let columns = pipeline::column_totals(&pipeline.stages, &cards);
    let total = cards.len();
    let cards = match filter.first {
        None => cards,
        Some(n) => {
            // Cards come in stage order: keep each stage's first n.
            let mut kept: Vec<Card> = Vec::new();
            let mut stage: Option<String> = None;
            let mut in_stage = 0;
            for card in cards {
                if stage.as_deref() != Some(card.stage_id.as_str()) {
                    stage = Some(card.stage_id.clone());
                    in_stage = 0;
                }
                in_stage += 1;
                if in_stage <= n as usize {
                    kept.push(card);
                }
            }
            kept
        }
    };
    Ok(Board {
        pipeline,
        complete: cards.len() == total,
        cards,
        columns,
        today: today(),
    })
}

#[utoipa::path(
    post,
    path = "/pipelines/{id}/cards/{card_id}/move",
    operation_id = "move_card",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = String, Path, description = "The pipeline's id."), ("card_id" = String, Path, description = "The card's id.")),
    request_body = MoveRequest,
    responses(
        (status = 200, description = "Moved; the card as stored.", body = MoveResult),
        (status = 404, description = "No such pipeline, or no such card on it.", body = Problem),
        (status = 409, description = "The card changed meanwhile; `current` holds it as it is now.", body = Problem),
        (status = 422, description = "Not a stage of this pipeline, or a won or lost stage without a reason.", body = Problem),
    )
)]
pub async fn move_card(
    State(state): State<SharedState>,
    staff: Staff,
    Path((pipeline_id, card_id)): Path<(String, String)>,
    ApiJson(request): ApiJson<MoveRequest>,
) -> Result<Json<MoveResult>, ApiError> {
    let _writing = state.session_writes.writing(&staff.token).await;
    let pipeline = pipeline(&state, &pipeline_id).await?;
    let not_found = || ApiError::problem(Problem::new(404, "No such card on this board"));
    let field = |name: &str, message: &str| {
        ApiError::problem(
            Problem::new(422, "Invalid move")
                .with_detail(format!("{name}: {message}"))
                .with_field(name, message),
        )
    };
    let m = CardMove {
        card_id: &card_id,
        stage_id: &request.stage_id,
        after_id: request.after_id.as_deref(),
        before_id: request.before_id.as_deref(),
        version: request.version,
        reason_id: request.reason_id.as_deref(),
        user_id: staff.session.user.id,
    };
    match state.connectors.pipelines.move_card(&pipeline, &m).await {
        Ok(moved) => Ok(Json(moved)),
        Err(PipelineError::NotFound) => Err(not_found()),
        Err(PipelineError::Stage) => Err(field("stage_id", "is not a stage of this pipeline")),
        Err(PipelineError::Reason) => Err(field(
            "reason_id",
            "a won or lost stage needs a reason: one of this pipeline's win or lost reasons",
        )),
        Err(PipelineError::Conflict(card)) => Err(conflict(&card)),
        Err(PipelineError::Invalid(errors)) => Err(ApiError::Validation(errors)),
        Err(PipelineError::Connector(e)) => Err(e.into()),
    }
}
