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

/// A path that names a file which is not there is 404, not the app's page
/// (a browser given HTML for a script fails with a puzzling error, and a
/// crawler indexes the app under every typo); the app's routes, which have
/// no extension, still get the page.
#[tokio::test]
async fn a_missing_file_is_404_and_routes_still_get_the_app() {
    let app = built_app().await;
    for path in [
        "/nope.js",
        "/nope.css",
        "/widget/nope.wasm",
        "/main-ffffffffffffffff.css",
        "/book/1/logo.png",
    ] {
        let reply = app.get(path, None).await;
        let problem = reply.assert_problem(404);
        assert_eq!(problem["title"], "Not found", "{path}");
        assert_eq!(reply.header("cache-control"), Some("no-cache"), "{path}");
    }
    assert_eq!(app.get("/prospects/12", None).await.text(), INDEX);
    assert_eq!(app.get("/book/1", None).await.text(), WIDGET);
    assert_eq!(app.get("/embed.js", None).await.status, 200);
}

/// With secure cookies the club serves over HTTPS, and says so for a year:
/// Strict-Transport-Security on every answer. Without, none (a plain-HTTP
/// demo must not pin a browser to HTTPS on localhost).
#[tokio::test]
async fn hsts_goes_with_secure_cookies_only() {
    let secure = common::app_with(|s, _| s.secure_cookies = true).await;
    for path in ["/api/v1/health", "/api/v1/nope", "/prospects", "/nope.js"] {
        let reply = secure.get(path, None).await;
        assert_eq!(
            reply.header("strict-transport-security"),
            Some("max-age=31536000; includeSubDomains"),
            "{path}"
        );
    }
    let plain = common::app().await;
    for path in ["/api/v1/health", "/prospects"] {
        let reply = plain.get(path, None).await;
        assert_eq!(reply.header("strict-transport-security"), None, "{path}");
    }
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

/// The JSON of the page's `<script type="application/json" id="boot">`.
fn boot_of(html: &str) -> Option<serde_json::Value> {
    let open = r#"<script type="application/json" id="boot">"#;
    let start = html.find(open)? + open.len();
    let end = start + html[start..].find("</script>")?;
    Some(serde_json::from_str(&html[start..end]).expect("the block is JSON"))
}

/// The built app with the demo club, and the demo user's cookie.
async fn signed_in_demo() -> (common::TestApp, String) {
    let app = built_app().await;
    frontdesk_server::store::seed::seed_demo(&app.state.db)
        .await
        .unwrap();
    let cookie = app.login_demo().await;
    (app, cookie)
}

/// The API's answer at `/api/v1/{path}`.
async fn asked(app: &common::TestApp, cookie: &str, path: &str) -> serde_json::Value {
    app.get(&format!("/api/v1/{path}"), Some(cookie))
        .await
        .json()
}

/// The page's head, with the app's code and styles, is the body's first
/// frame, ready before the first screen's data is read: the browser
/// fetches the code meanwhile.
#[tokio::test]
async fn a_signed_in_page_sends_its_head_before_its_first_screen() {
    use http_body_util::BodyExt;

    let (app, cookie) = signed_in_demo().await;
    let request = common::get_request("/prospects?q=QSqs", Some(&cookie));
    let mut body = app.respond(request).await.into_body();
    let first = body.frame().await.unwrap().unwrap().into_data().unwrap();
    let first = std::str::from_utf8(&first).unwrap();
    assert_eq!(first, &INDEX[..INDEX.find("</body>").unwrap()]);
    let rest = body.collect().await.unwrap().to_bytes();
    let rest = std::str::from_utf8(&rest).unwrap();
    assert!(
        rest.starts_with(r#"<script type="application/json" id="boot">"#),
        "{rest}"
    );
    assert!(rest.ends_with("</body></html>"));
}

#[tokio::test]
async fn a_signed_in_page_carries_its_first_screen_and_is_not_stored() {
    let (app, cookie) = signed_in_demo().await;
    let pipelines = app.get("/api/v1/pipelines", Some(&cookie)).await.json();
    let first = pipelines[0]["id"].as_str().unwrap().to_owned();
    let lifecycle = pipelines
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "lifecycle")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // A title that would end the block if written as it is.
    let deal = app
        .post_json(
            "/api/v1/deals",
            &serde_json::json!({
                "title": "</script><script>alert(1)</script>",
                "stage_id": pipelines[0]["stages"][0]["id"],
                "value_cents": 100, "currency": "EUR"
            })
            .to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(deal.status, 201, "{}", deal.text());

    // The board: who is signed in, and the same first cards the API gives.
    let reply = app.get("/board", Some(&cookie)).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("cache-control"), Some("private, no-store"));
    assert_eq!(reply.header("vary"), Some("Cookie"));
    let html = reply.text();
    assert_eq!(
        html.matches("</script>").count(),
        INDEX.matches("</script>").count() + 1,
        "the deal's title does not end the block"
    );
    let boot = boot_of(&html).expect("a boot block");
    assert_eq!(boot["session"]["user"]["email"], "demo@frontdesk.test");
    let api = asked(&app, &cookie, &format!("pipelines/{first}/board?first=16")).await;
    assert_eq!(boot["board"], api);
    assert!(
        api["cards"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["title"] == "</script><script>alert(1)</script>")
    );

    // The address's pipeline and filters.
    let html = app
        .get(
            &format!("/board?pipeline={lifecycle}&q=a&fold=x"),
            Some(&cookie),
        )
        .await
        .text();
    let api = asked(
        &app,
        &cookie,
        &format!("pipelines/{lifecycle}/board?q=a&first=16"),
    )
    .await;
    assert_eq!(boot_of(&html).unwrap()["board"], api);

    // A filter that is not valid is left to the page; other pages carry
    // only the session.
    let html = app
        .get("/board?close_from=someday", Some(&cookie))
        .await
        .text();
    assert!(boot_of(&html).unwrap().get("board").is_none());

    // The prospect list: the first page of the address's view, also with a
    // prospect open in the drawer; the seed's `S<s` survives the escaping.
    let html = app.get("/prospects", Some(&cookie)).await.text();
    let boot = boot_of(&html).unwrap();
    assert_eq!(boot["session"]["user"]["email"], "demo@frontdesk.test");
    assert!(boot.get("board").is_none());
    let api = asked(&app, &cookie, "prospects?limit=60").await;
    assert_eq!(boot["prospects"], api);
    let html = app.get("/prospects?q=QSqs", Some(&cookie)).await.text();
    assert!(!html.contains("S<s"));
    let boot = boot_of(&html).unwrap();
    assert_eq!(boot["prospects"]["items"][0]["first_name"], "S<s");
    assert_eq!(
        boot["prospects"],
        asked(&app, &cookie, "prospects?q=QSqs&limit=60").await
    );
    let view = "q=a&sort=-created_at&mine=true";
    let html = app
        .get(&format!("/prospects/1?{view}"), Some(&cookie))
        .await
        .text();
    let api = asked(&app, &cookie, &format!("prospects?{view}&limit=60")).await;
    assert_eq!(boot_of(&html).unwrap()["prospects"], api);
    // A query the API refuses is left to the page.
    let html = app
        .get("/prospects?created_from=soon", Some(&cookie))
        .await
        .text();
    assert!(boot_of(&html).unwrap().get("prospects").is_none());

    // Other pages carry only the session.
    let boot = boot_of(&app.get("/agenda", Some(&cookie)).await.text()).unwrap();
    assert_eq!(boot["session"]["user"]["email"], "demo@frontdesk.test");
    assert!(boot.get("board").is_none() && boot.get("prospects").is_none());

    // Signed out, or the widget: the same page for everyone.
    let reply = app.get("/board", None).await;
    assert_eq!(reply.text(), INDEX);
    assert_eq!(reply.header("cache-control"), Some("no-cache"));
    let reply = app.get("/board", Some("frontdesk_session=forged")).await;
    assert_eq!(reply.text(), INDEX);
    assert_eq!(app.get("/book/1", Some(&cookie)).await.text(), WIDGET);
}
