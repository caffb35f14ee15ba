//! The Clubplanner fake (seed 000): the sales module's JSON-over-GET API
//! under `/clubplanner/api`, authenticated by the `token` query parameter.
//!
//! Methods (paths case-insensitive, as on the vendor's IIS): `Sales/GetProspect`,
//! `Sales/GetProspects`, `Sales/AddProspect`, `Sales/UpdateProspect`,
//! `Sales/DeleteProspect`, `Sales/DeleteCalendarItem`,
//! `Sales/GetFreeTimeslots`, `Sales/SetStepResult`, `Sales/GetCurrentStep`,
//! `Sales/GetCalendarItems`. What the seed does not say is in [`assumed`].

pub mod assumed;
pub mod dates;
mod handlers;
pub mod model;
pub(crate) mod seed;
pub mod steps;
pub mod wire;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use axum::routing::any;

use crate::{Call, Shared, Vendor, serve_call};

pub use seed::generated_prospect;

/// Where the fake serves Clubplanner; a connector's `base_url` is
/// `http://HOST:PORT/clubplanner/api`.
pub const PREFIX: &str = "/clubplanner/api";

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/clubplanner/api/{*rest}", any(endpoint))
}

async fn endpoint(
    State(shared): State<Arc<Shared>>,
    http_method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let route = path[PREFIX.len()..].trim_matches('/').to_ascii_lowercase();
    let method = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_string();
    let params = Call::params(uri.query(), &headers, &body);
    let call = Call {
        vendor: Vendor::Clubplanner,
        http_method,
        path,
        method,
        params,
        headers,
    };
    serve_call(
        shared,
        call,
        move |shared, params| handlers::dispatch(shared, &route, params),
        |_, message| handlers::error(400, message),
    )
    .await
}
