//! Frontdesk's thin proxy: the `/api/v1` JSON API, the vendor connectors and
//! the embedded SQLite store, plus the static files of the browser app.

pub mod api;
pub mod config;
pub mod connectors;
pub mod store;
pub mod web;

use std::sync::Arc;

use axum::Router;
use sqlx::SqlitePool;

pub use config::Settings;

/// What every handler can reach. Cheap to clone: it lives in an `Arc`.
pub struct AppState {
    pub db: SqlitePool,
    pub settings: Settings,
    pub web: web::WebAssets,
}

pub type SharedState = Arc<AppState>;

/// The whole HTTP application: the API under `/api/v1`, the app everywhere else.
pub fn app(state: SharedState) -> Router {
    let api = api::router(state.clone());
    web::router(state).nest("/api/v1", api)
}
