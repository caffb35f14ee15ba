//! The app's static files: SPA fallback, caching and security headers.

mod common;

use axum::body::Body;
use axum::http::{Request, header};

const INDEX: &str = r#"<!doctype html><html><head><link rel="stylesheet" href="/main-0123456789abcdef.css"><script type="module">import init from '/frontdesk-0123456789abcdef.js'; init();</script></head><body></body></html>"#;

const WIDGET: &str = r#"<!doctype html><html><head><script type="module">import init from '/widget/frontdesk-widget-0123456789abcdef.js'; init();</script></head><body></body></html>"#;

async fn built_app() -> common::TestApp {
    common::app_with(|settings, dir| {
        let dist = dir.join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), INDEX).unwrap();
        std::fs::create_dir_all(dist.join("widget")).unwrap();
        std::fs::write(dist.join("widget/index.html"), WIDGET).unwrap();
        std::fs::write(
            dist.join("main-0123456789abcdef.css"),
            "body { color: black; }\n".repeat(100),
        )
        .unwrap();
        std::fs::write(dist.join("embed.js"), "/* embed */").unwrap();
        settings.embed_origins = vec!["https://www.club.example".into()];
    })
    .await
}

#[tokio::test]
async fn routes_of_the_app_get_index_with_a_strict_csp() {
    let app = built_app().await;
    for path in ["/", "/prospects", "/board?owner=me", "/does/not/exist"] {
        let reply = app.get(path, None).await;
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.text(), INDEX);
        let csp = reply.header("content-security-policy").unwrap();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(reply.header("x-frame-options"), Some("DENY"));
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(reply.header("referrer-policy"), Some("same-origin"));
        assert_eq!(reply.header("cache-control"), Some("no-cache"));
    }
}

#[tokio::test]
async fn the_widget_may_be_framed_by_configured_origins_only() {
    let app = built_app().await;
    let reply = app.get("/book/1", None).await;
    assert_eq!(reply.text(), WIDGET, "the widget has its own bundle");
    let csp = reply.header("content-security-policy").unwrap();
    assert_eq!(
        csp.matches("'sha256-").count(),
        2,
        "both loaders are allowed: {csp}"
    );
    assert!(
        csp.ends_with("frame-ancestors 'self' https://www.club.example"),
        "{csp}"
    );
    assert!(reply.header("x-frame-options").is_none());
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_and_compressed() {
    let app = built_app().await;
    let req = Request::get("/main-0123456789abcdef.css")
        .header(header::ACCEPT_ENCODING, "br, gzip")
        .body(Body::empty())
        .unwrap();
    let reply = app.send(req).await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(reply.header("content-encoding"), Some("br"));

    let req = Request::get("/main-0123456789abcdef.css")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(req).await.header("content-encoding"), Some("gzip"));

    let embed = app.get("/embed.js", None).await;
    assert_eq!(embed.header("cache-control"), Some("no-cache"));
}

#[tokio::test]
async fn api_answers_carry_the_same_security_headers_and_are_not_cached() {
    let app = built_app().await;
    for reply in [
        app.get("/api/v1/health", None).await,
        app.get("/api/v1/nope", None).await,
    ] {
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        assert!(
            reply
                .header("content-security-policy")
                .unwrap()
                .contains("frame-ancestors 'none'")
        );
        assert_eq!(reply.header("cache-control"), Some("no-store"));
    }
}
