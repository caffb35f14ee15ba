//! The Overplane CRM fake (seed 001): the Prospect object and its child
//! Prospect Leads and Prospect Opportunities, REST + JSON under
//! `/overplane` (a connector's `base_url` is `http://HOST:PORT/overplane`),
//! authenticated by `Authorization: Bearer <token>`.
//!
//! Endpoints (paths exact and case-sensitive):
//!
//! | call | fault `method` |
//! |---|---|
//! | `GET /overplane/api/crm/prospect?limit=&offset=` | `GET prospect` |
//! | `POST /overplane/api/crm/prospect` | `POST prospect` |
//! | `GET /overplane/api/crm/prospect/{id}` | `GET prospect` |
//! | `PATCH /overplane/api/crm/prospect/{id}` | `PATCH prospect` |
//! | `DELETE /overplane/api/crm/prospect/{id}` | `DELETE prospect` |
//! | `GET /overplane/api/crm/prospect-lead?parent_id={id}` | `GET prospect-lead` |
//! | `POST /overplane/api/crm/prospect-lead` | `POST prospect-lead` |
//! | `PATCH /overplane/api/crm/prospect-lead/{id}` | `PATCH prospect-lead` |
//! | `DELETE /overplane/api/crm/prospect-lead/{id}` | `DELETE prospect-lead` |
//! | `POST /overplane/api/crm/prospect-lead/reorder` | `POST prospect-lead/reorder` |
//!
//! and the same five for `prospect-opportunity`. What the seed does not say
//! is in [`assumed`].

pub mod assumed;
mod handlers;
pub mod model;
pub(crate) mod seed;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, Uri, header};
use axum::response::Response;
use axum::routing::any;
use serde_json::{Map, Value};

use crate::params::Params;
use crate::{Call, Shared, Vendor, serve_call};

pub use seed::{GENERATED_FIRST_CREATED_AT, generated_prospect, sample_prospect};

/// Where the fake serves Overplane; a connector's `base_url` is
/// `http://HOST:PORT/overplane`, and the seed's paths (`/api/crm/…`) follow it.
pub const PREFIX: &str = "/overplane";

/// The seed's API root under [`PREFIX`].
const API: &str = "/api/crm";

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/overplane/{*rest}", any(endpoint))
}

/// One of the two child object kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Child {
    Lead,
    Opportunity,
}

impl Child {
    /// The path segment and fault resource: `prospect-lead`,
    /// `prospect-opportunity`.
    pub fn resource(self) -> &'static str {
        match self {
            Child::Lead => "prospect-lead",
            Child::Opportunity => "prospect-opportunity",
        }
    }
}

/// What a path names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    /// `/api/crm/prospect`
    Prospects,
    /// `/api/crm/prospect/{id}`
    Prospect(String),
    /// `/api/crm/prospect-lead` (or `-opportunity`)
    Children(Child),
    /// `/api/crm/prospect-lead/{id}`
    ChildItem(Child, String),
    /// `POST /api/crm/prospect-lead/reorder` (other methods on that path
    /// address a child with id `reorder`)
    Reorder(Child),
    Unknown,
}

/// The route and the fault-matching resource name of a path below
/// [`PREFIX`].
fn parse_route(http_method: &Method, rest: &str) -> (Route, String) {
    let Some(tail) = rest.strip_prefix(API).and_then(|t| t.strip_prefix('/')) else {
        return (Route::Unknown, rest.trim_start_matches('/').to_string());
    };
    let segments: Vec<&str> = tail.split('/').collect();
    let child = |name: &str| match name {
        "prospect-lead" => Some(Child::Lead),
        "prospect-opportunity" => Some(Child::Opportunity),
        _ => None,
    };
    let route = match segments.as_slice() {
        ["prospect"] => Route::Prospects,
        ["prospect", id] if !id.is_empty() => Route::Prospect(id.to_string()),
        [c] => child(c).map_or(Route::Unknown, Route::Children),
        [c, "reorder"] if *http_method == Method::POST => {
            child(c).map_or(Route::Unknown, Route::Reorder)
        }
        [c, id] if !id.is_empty() => {
            child(c).map_or(Route::Unknown, |c| Route::ChildItem(c, id.to_string()))
        }
        _ => Route::Unknown,
    };
    let resource = match &route {
        Route::Prospects | Route::Prospect(_) => "prospect".to_string(),
        Route::Children(c) | Route::ChildItem(c, _) => c.resource().to_string(),
        Route::Reorder(c) => format!("{}/reorder", c.resource()),
        Route::Unknown => tail.to_string(),
    };
    (route, resource)
}

/// A request body as received (AlphaAlpha's JSON bodies too).
#[derive(Clone, Debug)]
pub(crate) enum Body {
    /// No body (or only whitespace).
    Empty,
    Object(Map<String, Value>),
    /// Not a JSON object; the text, for the log.
    NotAnObject(String),
    /// A body without `Content-Type: application/json`; the text.
    NotJsonContentType(String),
}

impl Body {
    pub(crate) fn parse(headers: &HeaderMap, raw: &[u8]) -> Body {
        let text = String::from_utf8_lossy(raw).into_owned();
        if text.trim().is_empty() {
            return Body::Empty;
        }
        let is_json = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .eq_ignore_ascii_case("application/json")
            });
        if !is_json {
            return Body::NotJsonContentType(text);
        }
        match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(map)) => Body::Object(map),
            _ => Body::NotAnObject(text),
        }
    }

    /// The body as log parameters (see [`crate::LoggedRequest::params`]).
    pub(crate) fn log_pairs(&self) -> Vec<(String, String)> {
        match self {
            Body::Empty => Vec::new(),
            Body::Object(map) => map
                .iter()
                .map(|(k, v)| {
                    let v = match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (k.clone(), v)
                })
                .collect(),
            Body::NotAnObject(text) | Body::NotJsonContentType(text) => {
                vec![("_body".to_string(), text.clone())]
            }
        }
    }
}

/// The headers as logged: `Authorization` keeps its scheme, never the token
/// (AlphaAlpha's too).
pub(crate) fn redacted(mut headers: HeaderMap) -> HeaderMap {
    let values: Vec<HeaderValue> = headers
        .get_all(header::AUTHORIZATION)
        .iter()
        .map(|v| {
            let text = String::from_utf8_lossy(v.as_bytes()).into_owned();
            let shown = match text.trim().split_once(' ') {
                Some((scheme, _)) => format!("{scheme} <redacted>"),
                None => "<redacted>".to_string(),
            };
            HeaderValue::from_str(&shown).unwrap_or_else(|_| HeaderValue::from_static("<redacted>"))
        })
        .collect();
    headers.remove(header::AUTHORIZATION);
    for v in values {
        headers.append(header::AUTHORIZATION, v);
    }
    headers
}

async fn endpoint(
    State(shared): State<Arc<Shared>>,
    http_method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let (route, resource) = parse_route(&http_method, &path[PREFIX.len()..]);
    let method = format!("{http_method} {resource}");
    let query: Vec<(String, String)> = uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let body = Body::parse(&headers, &body);
    let auth = handlers::authenticate(&headers, &shared.credentials.overplane_token);
    let mut params = query.clone();
    params.extend(body.log_pairs());
    let call = Call {
        vendor: Vendor::Overplane,
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
        |_, message| handlers::error(400, assumed::code::REQUEST_FAILED, message, None),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_and_fault_names() {
        let get = Method::GET;
        let post = Method::POST;
        let r = |m: &Method, p: &str| parse_route(m, p);
        assert_eq!(
            r(&get, "/api/crm/prospect"),
            (Route::Prospects, "prospect".into())
        );
        assert_eq!(
            r(&get, "/api/crm/prospect/prospect_abc123"),
            (Route::Prospect("prospect_abc123".into()), "prospect".into())
        );
        assert_eq!(
            r(&post, "/api/crm/prospect-lead/reorder"),
            (Route::Reorder(Child::Lead), "prospect-lead/reorder".into())
        );
        assert_eq!(
            r(&Method::PATCH, "/api/crm/prospect-opportunity/reorder"),
            (
                Route::ChildItem(Child::Opportunity, "reorder".into()),
                "prospect-opportunity".into()
            )
        );
        assert_eq!(r(&get, "/api/crm/prospect/").0, Route::Unknown);
        assert_eq!(r(&get, "/api/crm/Prospect").0, Route::Unknown);
        assert_eq!(r(&get, "/api/crm/prospect/a/b").0, Route::Unknown);
        assert_eq!(
            r(&get, "/v1/prospect"),
            (Route::Unknown, "v1/prospect".into())
        );
    }
}
