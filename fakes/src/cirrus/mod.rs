//! The Cirrus 2 fake (seed 002, "RESTful API for Cirrus 2 0.3.73"): REST +
//! JSON under `/cirrus` (a connector's `base_url` is
//! `http://HOST:PORT/cirrus`), `X-Token` header, Flask-RESTX `X-Fields`
//! masks, `page`/`per_page` paging (max 50). The document lost its URL
//! paths: the fake's are in ONE table, [`assumed::PATHS`], each call's
//! fault `method` being `"<HTTP method> <template>"` (`GET /leads`,
//! `PUT /opportunities/{id}`, `POST /opportunities/follow`).
//!
//! Everything the document does not say is in [`assumed`].

pub mod assumed;
mod handlers;
pub mod model;
pub mod ordered;
pub(crate) mod seed;
mod write;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, Uri};
use axum::response::Response;
use axum::routing::any;

use crate::params::Params;
use crate::{Call, Shared, Vendor, serve_call};

pub use assumed::PATHS;
pub use handlers::like;
pub use seed::{GENERATED_FIRST_CREATED, TOKEN_USER, generated_lead};

/// Where the fake serves Cirrus: a connector's `base_url` is
/// `http://HOST:PORT/cirrus`.
pub const PREFIX: &str = "/cirrus";

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/cirrus/{*rest}", any(endpoint))
}

async fn endpoint(
    State(shared): State<Arc<Shared>>,
    http_method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let below = &path[PREFIX.len()..];
    let routed = assumed::route(http_method.as_str(), below);
    let name = match &routed {
        Ok(call) => call.name.clone(),
        Err(_) => format!("{http_method} {below}"),
    };
    let query: Vec<(String, String)> = uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&body).into_owned();
    let parsed: Result<Option<ordered::Json>, ()> = if text.trim().is_empty() {
        Ok(None)
    } else {
        ordered::Json::parse(&text).map(Some).map_err(|_| ())
    };
    let mut params = query.clone();
    match &parsed {
        Ok(Some(ordered::Json::Obj(fields))) => {
            let mut fields = fields.clone();
            fields.sort_by(|a, b| a.0.cmp(&b.0));
            for (k, v) in fields {
                let v = match v {
                    ordered::Json::Str(s) => s,
                    other => other.to_text(),
                };
                params.push((k, v));
            }
        }
        Ok(None) => {}
        _ => params.push(("_body".to_string(), text.clone())),
    }
    let header = |n: &str| {
        headers
            .get(n)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    };
    let token = header("x-token");
    let mask = header("x-fields");
    let mut logged = headers.clone();
    if logged.contains_key("x-token") {
        logged.insert("x-token", HeaderValue::from_static("<redacted>"));
    }
    let (call_kind, allowed) = match routed {
        Ok(c) => (Some(c), None),
        Err(allowed) => (None, allowed),
    };
    let call = Call {
        vendor: Vendor::Cirrus,
        http_method,
        path,
        method: name.clone(),
        params: Params(params),
        headers: logged,
    };
    let request = handlers::Request {
        call: call_kind,
        name,
        allowed,
        query,
        body: parsed,
        token,
        mask,
    };
    serve_call(
        shared,
        call,
        move |shared, _| handlers::handle(shared, request),
        |_, message| handlers::Fail::message(400, message).into_reply(),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::assumed::{PathKind, route};
    use super::model::Resource;

    #[test]
    fn routes() {
        assert_eq!(
            route("GET", "/leads").unwrap().kind,
            PathKind::List(Resource::Leads)
        );
        assert_eq!(
            route("PUT", "/opportunities/12").unwrap().name,
            "PUT /opportunities/{id}"
        );
        assert_eq!(
            route("POST", "/opportunities/follow").unwrap().kind,
            PathKind::Follow(Resource::Opportunities, true)
        );
        assert_eq!(
            route("DELETE", "/leads/1").unwrap_err().as_deref(),
            Some("GET, PUT")
        );
        assert_eq!(route("GET", "/leads/abc").unwrap_err(), None);
        assert_eq!(route("GET", "/leads/").unwrap_err(), None);
        assert_eq!(route("GET", "/Leads").unwrap_err(), None);
    }
}
