//! The browser app's static files: single-page-app fallback, compression,
//! caching and security headers, plus the request log.

use std::convert::Infallible;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::Instant;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use futures_util::{FutureExt, StreamExt, future, stream};
use sha2::{Digest, Sha256};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

use crate::SharedState;
use crate::api::error::problem_response;
use crate::api::session::Staff;
use frontdesk_core::problem::Problem;

/// The two entry pages, read once at start — the staff app's `index.html`
/// and the widget's `widget/index.html` — and the two Content-Security-
/// Policies, built once: both allow exactly the hashes of the pages' inline
/// scripts (Trunk's loaders); the widget's may also be framed by the
/// configured origins.
pub struct WebAssets {
    dist: PathBuf,
    index: Option<String>,
    widget: Option<String>,
    csp_app: HeaderValue,
    csp_widget: HeaderValue,
}

/// Where Trunk puts the widget's bundle inside `dist/`.
pub const WIDGET_DIR: &str = "widget";

impl WebAssets {
    pub fn load(dist: &Path, embed_origins: &[String]) -> Self {
        let index = std::fs::read_to_string(dist.join("index.html")).ok();
        let widget = std::fs::read_to_string(dist.join(WIDGET_DIR).join("index.html")).ok();
        let script_hashes: Vec<String> = index
            .iter()
            .chain(widget.iter())
            .flat_map(|html| inline_script_hashes(html))
            .collect();
        let framers = std::iter::once("'self'")
            .chain(embed_origins.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        if index.is_none() || widget.is_none() {
            tracing::warn!(
                "the app is not fully built (index.html or widget/index.html missing in dist)"
            );
        }
        Self {
            dist: dist.to_owned(),
            index,
            widget,
            csp_app: csp(&script_hashes, "'none'"),
            csp_widget: csp(&script_hashes, &framers),
        }
    }
}

/// Origins are checked when the configuration is read, so the value is a
/// valid header.
fn csp(script_hashes: &[String], frame_ancestors: &str) -> HeaderValue {
    let hashes: String = script_hashes
        .iter()
        .map(|h| format!(" 'sha256-{h}'"))
        .collect();
    HeaderValue::from_str(&format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors {frame_ancestors}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'"))
}

/// SHA-256 (base64) of the text of every `<script>` without a `src`.
fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let after = &rest[open..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            let digest = Sha256::digest(&body.as_bytes()[..close]);
            hashes.push(base64::engine::general_purpose::STANDARD.encode(digest));
        }
        rest = &body[close..];
    }
    hashes
}

/// The app's files, with `api` mounted under `/api/v1`, and the layers that
/// every response goes through: headers, compression, panics, the log.
pub fn router(state: SharedState, api: Router) -> Router {
    let index = spa_index.with_state(state.clone());
    let files = ServeDir::new(&state.web.dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(index);
    Router::new()
        .nest("/api/v1", api)
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(state, headers))
        // Static files are precompressed at the highest level; what is
        // compressed here is API answers on the fly, where a fast level
        // keeps a 100,000-prospect index from waiting on the compressor.
        .layer(
            CompressionLayer::new()
                .gzip(true)
                .br(true)
                .quality(tower_http::CompressionLevel::Fastest),
        )
        .layer(CatchPanicLayer::custom(|_| {
            problem_response(&Problem::new(500, "Something went wrong on our side"))
        }))
        .layer(middleware::from_fn(log_request))
}

/// Any path that is not a file is a route of the app: `/book/…` of the
/// widget, everything else of the staff app. A path that names a file (its
/// last segment has an extension: `/nope.js`, `/widget/x.wasm`) and is not
/// one is 404: a script or style asked for and answered with the app's page
/// would fail in the browser with a puzzling type error. For a signed-in
/// person the staff app's page carries its first screen's data
/// (`crate::boot`), so it is theirs alone: not stored by any cache.
async fn spa_index(
    State(state): State<SharedState>,
    uri: axum::http::Uri,
    staff: Option<Staff>,
) -> Response {
    if names_a_file(uri.path()) {
        return problem_response(
            &Problem::new(404, "Not found").with_detail("There is no such file."),
        );
    }
    let widget = is_widget_route(uri.path());
    let page = if widget {
        &state.web.widget
    } else {
        &state.web.index
    };
    let Some(html) = page else {
        return problem_response(
            &Problem::new(503, "The app is not built").with_detail(
                "Build it with `cargo xtask run`; the API is available under /api/v1.",
            ),
        );
    };
    let html_type = (header::CONTENT_TYPE, "text/html; charset=utf-8");
    match staff {
        Some(staff) if !widget => (
            [
                html_type,
                (header::CACHE_CONTROL, "private, no-store"),
                (header::VARY, "Cookie"),
            ],
            with_boot_block(state.clone(), staff, uri, html),
        )
            .into_response(),
        _ => ([html_type], html.clone()).into_response(),
    }
}

/// The staff page with its first screen's data (`crate::boot`), streamed:
/// everything before `</body>` leaves at once, so the browser fetches the
/// app's code and styles while the server reads that data (a search over
/// 100,000 prospects can take 90 ms), then the block and the rest. The app
/// starts only once the page is whole, so it always finds the block.
fn with_boot_block(state: SharedState, staff: Staff, uri: axum::http::Uri, html: &str) -> Body {
    let at = html.find("</body>").unwrap_or(html.len());
    let head = Bytes::copy_from_slice(&html.as_bytes()[..at]);
    let tail = html[at..].to_owned();
    let rest = async move {
        // Past the head, a panic would cut the page off where no layer
        // can answer for it; without the block the app asks the API.
        let block = AssertUnwindSafe(crate::boot::script(&state, staff, &uri))
            .catch_unwind()
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        Ok::<_, Infallible>(Bytes::from(block + &tail))
    };
    Body::from_stream(stream::once(future::ready(Ok(head))).chain(stream::once(rest)))
}

/// Security and caching headers for every response.
async fn headers(State(state): State<SharedState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let embeddable = is_widget_route(&path);
    let csp = if embeddable {
        &state.web.csp_widget
    } else {
        &state.web.csp_app
    };
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, csp.clone());
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "same-origin");
    set(
        h,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    if !embeddable {
        set(h, header::X_FRAME_OPTIONS, "DENY");
    }
    // Secure cookies mean the club serves Frontdesk over HTTPS: browsers
    // are told to come back over HTTPS only, for a year.
    if state.settings.secure_cookies {
        set(
            h,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    if !path.starts_with("/api/") && !h.contains_key(header::CACHE_CONTROL) {
        let policy = if is_hashed_asset(&path) && response.status() == StatusCode::OK {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        set(response.headers_mut(), header::CACHE_CONTROL, policy);
    }
    response
}

/// Whether the path's last segment has a file extension (`app.js`,
/// `frontdesk_bg.wasm`, `favicon.ico`): 1 to 8 letters or digits after a
/// dot that is not its first character. No route of the app has one.
fn names_a_file(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or_default();
    last.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (1..=8).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

fn is_widget_route(path: &str) -> bool {
    path == "/book" || path.starts_with("/book/")
}

fn set(headers: &mut HeaderMap, name: impl header::IntoHeaderName, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        headers.insert(name, v);
    }
}

/// The path as the log may keep it: an invitation page's path is its
/// token, a secret until used, so only `/invite/…` is written.
fn loggable_path(path: &str) -> String {
    if path.starts_with("/invite/") {
        "/invite/…".to_owned()
    } else {
        path.to_owned()
    }
}

/// Trunk names built files `name-<16 hex digits>[_bg].ext`: their content
/// never changes under that name, so browsers may keep them for a year.
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    file.rsplit_once('-').is_some_and(|(_, tail)| {
        tail.len() > 16
            && tail.as_bytes()[..16].iter().all(u8::is_ascii_hexdigit)
            && tail[16..].starts_with(['.', '_'])
    })
}

/// One line per request: method, path (never the query: it may hold a
/// cancellation token), status and time taken.
async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = loggable_path(request.uri().path());
    let response = next.run(request).await;
    tracing::info!(
        %method,
        path,
        status = response.status().as_u16(),
        ms = %format_args!("{:.2}", started.elapsed().as_secs_f64() * 1000.0),
        "request"
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_assets_are_recognised() {
        assert!(is_hashed_asset("/frontdesk-2ba3a7f7d8c5c2b3_bg.wasm"));
        assert!(is_hashed_asset("/main-6f4c0d7a3e5b1c2d.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/embed.js"));
        assert!(!is_hashed_asset("/book/front-desk"));
    }

    #[test]
    fn an_invitations_token_never_reaches_the_log() {
        assert_eq!(loggable_path("/invite/abcDEF123-_x"), "/invite/…");
        assert_eq!(loggable_path("/prospects/12"), "/prospects/12");
        assert_eq!(loggable_path("/api/v1/invitation"), "/api/v1/invitation");
    }

    #[test]
    fn paths_with_an_extension_name_files() {
        for file in [
            "/nope.js",
            "/widget/nope.wasm",
            "/main-0123456789abcdef.css",
            "/favicon.ico",
            "/a/b/c.min.js",
        ] {
            assert!(names_a_file(file), "{file}");
        }
        for route in [
            "/",
            "/prospects",
            "/prospects/12",
            "/book/front-desk",
            "/board",
            "/.well-known",
            "/settings.",
            "/book/jan.peeters@x",
        ] {
            assert!(!names_a_file(route), "{route}");
        }
    }

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = r#"<script src="/a.js"></script><script type="module">init()</script>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"init()"));
        assert_eq!(hashes[0], expected);
    }
}
