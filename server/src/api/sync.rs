//! `/api/v1/sync` (staff): how fresh each vendor's mirror is, and a sync
//! now (the list's refresh button).

use axum::Json;
use axum::extract::{Path, State};
use frontdesk_core::model::SyncInfo;
use frontdesk_core::problem::Problem;

use super::error::ApiError;
use super::session::Staff;
use crate::SharedState;
use crate::connectors::{self, sync};

async fn infos(state: &SharedState) -> Result<Vec<SyncInfo>, ApiError> {
    let now = crate::store::now_rfc3339();
    let statuses = sync::status(&state.db).await?;
    Ok(state
        .connectors
        .mirrors
        .iter()
        .map(|job| {
            let connector = job.vendor.connector();
            let s = statuses
                .iter()
                .find(|s| s.connector == connector && s.capability == sync::CAPABILITY);
            SyncInfo {
                capability: sync::CAPABILITY.to_owned(),
                connector: connector.to_owned(),
                system: connectors::display_name(connector).to_owned(),
                synced_at: s.and_then(|s| s.last_complete_at.clone()),
                tried_at: s.and_then(|s| s.last_attempt_at.clone()),
                outcome: s.and_then(|s| s.last_outcome.clone()),
                error: s.and_then(|s| s.last_error.clone()),
                stale: s.is_some_and(|s| s.last_outcome.as_deref() != Some("complete")),
                now: now.clone(),
            }
        })
        .collect())
}

/// `GET /api/v1/sync`
#[utoipa::path(
    get,
    path = "/sync",
    operation_id = "list_syncs",
    tag = "staff",
    security(("session_cookie" = [])),
    responses((status = 200, description = "Each vendor mirror's freshness; empty when everything is local.", body = Vec<SyncInfo>))
)]
pub async fn list(
    State(state): State<SharedState>,
    _staff: Staff,
) -> Result<Json<Vec<SyncInfo>>, ApiError> {
    infos(&state).await.map(Json)
}

/// `POST /api/v1/sync/{capability}`: syncs now and answers how it went (a
/// sync already under way is waited for, not doubled).
#[utoipa::path(
    post,
    path = "/sync/{capability}",
    operation_id = "sync_now",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("capability" = String, Path, description = "`prospects`.")),
    responses(
        (status = 200, description = "Synced (or tried: `outcome` and `error` say how it went).", body = SyncInfo),
        (status = 404, description = "That capability is not mirrored from a vendor.", body = Problem),
    )
)]
pub async fn run(
    State(state): State<SharedState>,
    _staff: Staff,
    Path(capability): Path<String>,
) -> Result<Json<SyncInfo>, ApiError> {
    let job = (capability == sync::CAPABILITY)
        .then(|| state.connectors.prospect_mirror())
        .flatten()
        .ok_or_else(|| {
            ApiError::problem(
                Problem::new(404, "Nothing to sync")
                    .with_detail(format!("`{capability}` is not mirrored from a vendor.")),
            )
        })?;
    connectors::sync_now(&state, job).await;
    let connector = job.vendor.connector();
    infos(&state)
        .await?
        .into_iter()
        .find(|i| i.connector == connector)
        .map(Json)
        .ok_or(ApiError::NotFound)
}
