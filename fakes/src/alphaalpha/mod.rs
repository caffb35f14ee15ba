//! The AlphaAlpha CRM fake (seed 004): the customer endpoints, REST + JSON
//! under `/alphaalpha/api/v1` (a connector's `base_url` is
//! `http://HOST:PORT/alphaalpha/api/v1`; the seed's samples use
//! `http://localhost:18080/api/v1`), authenticated by
//! `Authorization: Bearer <token>`, camelCase JSON, errors as the seed's
//! problem body `{"detail","time","title"}`.
//!
//! Endpoints (below the base URL; paths exact and case-sensitive; the fault
//! `method` is the second column, matched ignoring case):
//!
//! | call | answer | fault `method` |
//! |---|---|---|
//! | `GET /crm/customers/by-owner/{ownerId}` | `[customer]` | `GET /crm/customers/by-owner/{ownerId}` |
//! | `GET /crm/customers/by-status/{status}` | `[customer]` | `GET /crm/customers/by-status/{status}` |
//! | `GET /crm/customers/my` | `[customer]` | `GET /crm/customers/my` |
//! | `GET /crm/customers/overdue-actions` | `[customer]` | `GET /crm/customers/overdue-actions` |
//! | `GET /crm/customers/{id}` | enriched | `GET /crm/customers/{id}` |
//! | `PATCH /crm/customers/{id}/crm-status` `{"crmStatus":"LEAD"}` | enriched | `PATCH /crm/customers/{id}/crm-status` |
//! | `PATCH /crm/customers/{id}/next-action` `{"nextAction","nextActionDueDate"}` | enriched | `PATCH /crm/customers/{id}/next-action` |
//! | `DELETE /crm/customers/{id}/owner` | enriched | `DELETE /crm/customers/{id}/owner` |
//! | `PATCH /crm/customers/{id}/owner/{ownerId}` | enriched | `PATCH /crm/customers/{id}/owner/{ownerId}` |
//! | `POST /crm/customers/{id}/tags/{tag}` | enriched | `POST /crm/customers/{id}/tags/{tag}` |
//! | `DELETE /crm/customers/{id}/tags/{tag}` | enriched | `DELETE /crm/customers/{id}/tags/{tag}` |
//!
//! What the seed does not say is in [`assumed`].

pub mod assumed;
mod handlers;
pub mod model;
pub(crate) mod seed;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use axum::routing::any;

use crate::overplane::{Body, redacted};
use crate::params::Params;
use crate::{Call, Shared, Vendor, serve_call};

pub use seed::{
    GENERATED_FIRST_CREATED, SAMPLE_TIME, generated_customer, sample_activity, sample_customer,
    sample_opportunity, sample_user,
};

/// Where the fake serves AlphaAlpha.
pub const PREFIX: &str = "/alphaalpha";

/// The seed's API root (`http://localhost:18080/api/v1` in its samples).
pub const API: &str = "/api/v1";

/// A connector's base path: [`PREFIX`] + [`API`]; the seed's paths
/// (`/crm/customers/…`) follow it.
pub const BASE_PATH: &str = "/alphaalpha/api/v1";

/// Every call's fault `method` name: `"<HTTP method> <the seed's path
/// template>"`.
pub const CALLS: [&str; 11] = [
    "GET /crm/customers/by-owner/{ownerId}",
    "GET /crm/customers/by-status/{status}",
    "GET /crm/customers/my",
    "GET /crm/customers/overdue-actions",
    "GET /crm/customers/{id}",
    "PATCH /crm/customers/{id}/crm-status",
    "PATCH /crm/customers/{id}/next-action",
    "DELETE /crm/customers/{id}/owner",
    "PATCH /crm/customers/{id}/owner/{ownerId}",
    "POST /crm/customers/{id}/tags/{tag}",
    "DELETE /crm/customers/{id}/tags/{tag}",
];

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/alphaalpha/{*rest}", any(endpoint))
}

/// What a path names (path parameters percent-decoded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    /// `/crm/customers/by-owner/{ownerId}`
    ByOwner(String),
    /// `/crm/customers/by-status/{status}` (not yet checked)
    ByStatus(String),
    /// `/crm/customers/my`
    My,
    /// `/crm/customers/overdue-actions`
    Overdue,
    /// `/crm/customers/{id}`
    Customer(String),
    /// `/crm/customers/{id}/crm-status`
    CrmStatus(String),
    /// `/crm/customers/{id}/next-action`
    NextAction(String),
    /// `/crm/customers/{id}/owner`
    Owner(String),
    /// `/crm/customers/{id}/owner/{ownerId}`
    AssignOwner(String, String),
    /// `/crm/customers/{id}/tags/{tag}`
    Tag(String, String),
    Unknown,
}

impl Route {
    /// The seed's path template (the fault `method` without the HTTP method).
    fn template(&self) -> &'static str {
        match self {
            Route::ByOwner(_) => "/crm/customers/by-owner/{ownerId}",
            Route::ByStatus(_) => "/crm/customers/by-status/{status}",
            Route::My => "/crm/customers/my",
            Route::Overdue => "/crm/customers/overdue-actions",
            Route::Customer(_) => "/crm/customers/{id}",
            Route::CrmStatus(_) => "/crm/customers/{id}/crm-status",
            Route::NextAction(_) => "/crm/customers/{id}/next-action",
            Route::Owner(_) => "/crm/customers/{id}/owner",
            Route::AssignOwner(..) => "/crm/customers/{id}/owner/{ownerId}",
            Route::Tag(..) => "/crm/customers/{id}/tags/{tag}",
            Route::Unknown => "",
        }
    }

    /// The HTTP methods the seed documents on this path (for `Allow`).
    pub fn allowed(&self) -> &'static str {
        match self {
            Route::ByOwner(_)
            | Route::ByStatus(_)
            | Route::My
            | Route::Overdue
            | Route::Customer(_) => "GET",
            Route::CrmStatus(_) | Route::NextAction(_) | Route::AssignOwner(..) => "PATCH",
            Route::Owner(_) => "DELETE",
            Route::Tag(..) => "POST, DELETE",
            Route::Unknown => "",
        }
    }
}

/// `%XX` decoded (UTF-8, lossy); `+` stays `+` (a path, not a form).
fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// The route, and the fault-matching name's path part, of a path below
/// [`PREFIX`] (`/api/v1/crm/customers/…`).
fn parse_route(rest: &str) -> (Route, String) {
    let Some(tail) = rest.strip_prefix(API).filter(|t| t.starts_with('/')) else {
        return (Route::Unknown, rest.to_string());
    };
    let raw: Vec<&str> = tail[1..].split('/').collect();
    if raw.iter().any(|s| s.is_empty()) {
        return (Route::Unknown, tail.to_string());
    }
    let segments: Vec<String> = raw.iter().map(|s| percent_decode(s)).collect();
    let s: Vec<&str> = segments.iter().map(String::as_str).collect();
    let route = match s.as_slice() {
        ["crm", "customers", "by-owner", owner] => Route::ByOwner(owner.to_string()),
        ["crm", "customers", "by-status", status] => Route::ByStatus(status.to_string()),
        ["crm", "customers", "my"] => Route::My,
        ["crm", "customers", "overdue-actions"] => Route::Overdue,
        ["crm", "customers", id] => Route::Customer(id.to_string()),
        ["crm", "customers", id, "crm-status"] => Route::CrmStatus(id.to_string()),
        ["crm", "customers", id, "next-action"] => Route::NextAction(id.to_string()),
        ["crm", "customers", id, "owner"] => Route::Owner(id.to_string()),
        ["crm", "customers", id, "owner", owner] => {
            Route::AssignOwner(id.to_string(), owner.to_string())
        }
        ["crm", "customers", id, "tags", tag] => Route::Tag(id.to_string(), tag.to_string()),
        _ => Route::Unknown,
    };
    let name = match &route {
        Route::Unknown => tail.to_string(),
        known => known.template().to_string(),
    };
    (route, name)
}

async fn endpoint(
    State(shared): State<Arc<Shared>>,
    http_method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let (route, name) = parse_route(&path[PREFIX.len()..]);
    let method = format!("{http_method} {name}");
    let query: Vec<(String, String)> = uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let body = Body::parse(&headers, &body);
    let auth = handlers::authenticate(&headers, &shared.credentials.alphaalpha_token);
    let mut params = query.clone();
    params.extend(body.log_pairs());
    let call = Call {
        vendor: Vendor::Alphaalpha,
        http_method: http_method.clone(),
        path,
        method: method.clone(),
        params: Params(params),
        headers: redacted(headers),
    };
    let request = handlers::Request {
        http_method,
        route,
        call: method,
        query,
        body,
        auth,
    };
    serve_call(
        shared,
        call,
        move |shared, _| handlers::handle(shared, request),
        |shared, message| handlers::problem(400, message, shared.now()),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_and_fault_names() {
        let r = |p: &str| parse_route(p);
        assert_eq!(
            r("/api/v1/crm/customers/my"),
            (Route::My, "/crm/customers/my".into())
        );
        assert_eq!(
            r("/api/v1/crm/customers/cus_1"),
            (
                Route::Customer("cus_1".into()),
                "/crm/customers/{id}".into()
            )
        );
        assert_eq!(
            r("/api/v1/crm/customers/by-owner/usr%20x"),
            (
                Route::ByOwner("usr x".into()),
                "/crm/customers/by-owner/{ownerId}".into()
            )
        );
        assert_eq!(
            r("/api/v1/crm/customers/c/tags/VIP%20klant").0,
            Route::Tag("c".into(), "VIP klant".into())
        );
        assert_eq!(
            r("/api/v1/crm/customers/c/tags/a+b%2").0,
            Route::Tag("c".into(), "a+b%2".into())
        );
        assert_eq!(
            r("/api/v1/crm/customers/c/owner/u").1,
            "/crm/customers/{id}/owner/{ownerId}"
        );
        assert_eq!(r("/api/v1/crm/customers/").0, Route::Unknown);
        assert_eq!(r("/api/v1/crm/customers").0, Route::Unknown);
        assert_eq!(r("/api/v1/crm/Customers/x").0, Route::Unknown);
        assert_eq!(r("/api/v1/crm/customers/x/y").0, Route::Unknown);
        assert_eq!(
            r("/api/v2/crm/customers/x"),
            (Route::Unknown, "/api/v2/crm/customers/x".into())
        );
        assert_eq!(
            r("/api/v1/crm/customer/x"),
            (Route::Unknown, "/crm/customer/x".into())
        );
        for (i, call) in CALLS.iter().enumerate() {
            let path = call.split_once(' ').unwrap().1;
            assert!(path.starts_with("/crm/customers"), "{i}");
        }
    }
}
