//! `/_fake/…`: the fakes' own JSON control API, for the end-to-end suite and
//! scripts (the Rust API of [`crate::FakeVendors`] does the same in-process).
//!
//! - `GET /_fake/state` — the whole state ([`crate::State`]) and the clock.
//! - `GET /_fake/requests[?vendor=clubplanner|onlineafspraken|overplane|alphaalpha|cirrus]` — the request
//!   log; `DELETE /_fake/requests` clears it.
//! - `POST /_fake/faults` — inject a [`crate::Fault`]; `GET` lists pending
//!   faults; `DELETE` clears them.
//! - `GET /_fake/concurrency` — calls in flight and the most at once, per vendor.
//! - `GET|POST /_fake/clock` — read / set `{"frozen": RFC 3339 | null, "offset_s": n}`.
//! - `POST /_fake/reset` — back to the seeded state and starting clock, no
//!   faults, empty log.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::clock::ClockSettings;
use crate::faults::{Fault, Vendor};
use crate::{Shared, alphaalpha, cirrus, clubplanner, onlineafspraken, overplane};

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/_fake/state", get(state))
        .route("/_fake/requests", get(requests).delete(clear_requests))
        .route(
            "/_fake/faults",
            get(faults).post(add_fault).delete(clear_faults),
        )
        .route("/_fake/concurrency", get(concurrency))
        .route("/_fake/clock", get(clock).post(set_clock))
        .route("/_fake/reset", post(reset))
        .route("/_fake", get(index))
}

async fn index(State(shared): State<Arc<Shared>>) -> Response {
    Json(json!({
        "clubplanner": { "path": clubplanner::PREFIX, "token": shared.credentials.clubplanner_token },
        "onlineafspraken": {
            "path": onlineafspraken::PATH,
            "api_key": shared.credentials.onlineafspraken_key,
            "api_secret": shared.credentials.onlineafspraken_secret,
        },
        "overplane": { "path": overplane::PREFIX, "token": shared.credentials.overplane_token },
        "alphaalpha": { "path": alphaalpha::BASE_PATH, "token": shared.credentials.alphaalpha_token },
        "cirrus": { "path": cirrus::PREFIX, "token": shared.credentials.cirrus_token },
        "control": ["/_fake/state", "/_fake/requests", "/_fake/faults", "/_fake/concurrency", "/_fake/clock", "/_fake/reset"],
    }))
    .into_response()
}

async fn state(State(shared): State<Arc<Shared>>) -> Response {
    let state = shared.state().clone();
    Json(json!({
        "now": shared.now(),
        "clock": shared.clock.settings(),
        "clubplanner": state.clubplanner,
        "onlineafspraken": state.onlineafspraken,
        "overplane": state.overplane,
        "alphaalpha": state.alphaalpha,
        "cirrus": state.cirrus,
    }))
    .into_response()
}

#[derive(Deserialize)]
struct VendorFilter {
    vendor: Option<Vendor>,
}

async fn requests(
    State(shared): State<Arc<Shared>>,
    Query(filter): Query<VendorFilter>,
) -> Response {
    let list: Vec<_> = shared
        .log
        .entries()
        .into_iter()
        .filter(|r| filter.vendor.is_none_or(|v| r.vendor == v))
        .collect();
    Json(list).into_response()
}

async fn clear_requests(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.log.clear();
    StatusCode::NO_CONTENT
}

async fn faults(State(shared): State<Arc<Shared>>) -> Response {
    Json(shared.faults.pending()).into_response()
}

async fn add_fault(State(shared): State<Arc<Shared>>, Json(fault): Json<Fault>) -> Response {
    shared.faults.push(fault.clone());
    (StatusCode::CREATED, Json(fault)).into_response()
}

async fn clear_faults(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.faults.clear();
    StatusCode::NO_CONTENT
}

async fn concurrency(State(shared): State<Arc<Shared>>) -> Response {
    Json(json!({
        "clubplanner": shared.log.concurrency(Vendor::Clubplanner),
        "onlineafspraken": shared.log.concurrency(Vendor::Onlineafspraken),
        "overplane": shared.log.concurrency(Vendor::Overplane),
        "alphaalpha": shared.log.concurrency(Vendor::Alphaalpha),
        "cirrus": shared.log.concurrency(Vendor::Cirrus),
    }))
    .into_response()
}

async fn clock(State(shared): State<Arc<Shared>>) -> Response {
    Json(json!({ "now": shared.now(), "settings": shared.clock.settings() })).into_response()
}

async fn set_clock(
    State(shared): State<Arc<Shared>>,
    Json(settings): Json<ClockSettings>,
) -> Response {
    shared.clock.set(settings);
    Json(json!({ "now": shared.now(), "settings": settings })).into_response()
}

async fn reset(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.reset();
    StatusCode::NO_CONTENT
}
