//! `GET /api/v1/health`: is the server up, can it reach its store, and which
//! connector serves what. Names connectors, never their addresses.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use frontdesk_core::model::{CapabilityInfo, Health};

use crate::SharedState;

#[utoipa::path(
    get,
    path = "/health",
    operation_id = "health",
    tag = "ops",
    responses(
        (status = 200, description = "Up, and the store answers.", body = Health),
        (status = 503, description = "Up, but the store does not answer.", body = Health),
    )
)]
pub async fn health(State(state): State<SharedState>) -> (StatusCode, Json<Health>) {
    let db_ok = sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(&state.db)
        .await
        .is_ok();
    let health = Health {
        status: if db_ok { "ok" } else { "degraded" }.to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        database: if db_ok { "ok" } else { "unavailable" }.to_owned(),
        capabilities: state
            .settings
            .connectors
            .iter()
            .map(|(capability, connector)| CapabilityInfo {
                capability: capability.as_str().to_owned(),
                connector: connector.clone(),
                system: crate::connectors::display_name(connector).to_owned(),
                cannot: state.connectors.cannot(*capability),
            })
            .collect(),
    };
    let status = if db_ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(health))
}
