//! Issue #21: the club's logo. Uploaded by an owner or a manager only,
//! known by its bytes (never SVG), bounded in size, served publicly with
//! its own type, `nosniff`, an ETag of its hash and a URL that changes
//! with it.

mod common;

use axum::body::Body;
use axum::http::{Request, header};
use common::{TestApp, app};
use frontdesk_core::roles::Role;
use sha2::{Digest, Sha256};

/// A PNG's signature and the start of its header: all the check reads.
fn png(fill: u8, len: usize) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.resize(len, fill);
    bytes
}

async fn account(app: &TestApp, email: &str, role: Role) -> String {
    frontdesk_server::store::users::create(&app.state.db, email, "", role, "a long password")
        .await
        .unwrap();
    let reply = app
        .post_json(
            "/api/v1/session",
            &format!(r#"{{"email":"{email}","password":"a long password"}}"#),
            None,
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.cookie().unwrap()
}

async fn upload(app: &TestApp, bytes: &[u8], content_type: &str, cookie: &str) -> common::Reply {
    app.send(
        Request::put("/api/v1/settings/club/logo")
            .header(header::CONTENT_TYPE, content_type)
            .header(header::COOKIE, cookie)
            .body(Body::from(bytes.to_vec()))
            .unwrap(),
    )
    .await
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn an_owner_uploads_a_logo_and_the_widget_gets_it_cached_by_its_hash() {
    let app = app().await;
    let owner = account(&app, "owner@club.be", Role::Owner).await;
    let brand = app.get("/api/v1/public/club", None).await.json();
    assert!(brand.get("logo_url").is_none(), "{brand}");
    app.get("/api/v1/public/club/logo", None)
        .await
        .assert_problem(404);

    let first = png(1, 2000);
    let reply = upload(&app, &first, "image/png", &owner).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let url = reply.json()["logo_url"].as_str().unwrap().to_owned();
    let hash = hex(&first);
    assert_eq!(url, format!("/api/v1/public/club/logo?v={}", &hash[..16]));
    assert_eq!(
        app.get("/api/v1/public/club", None).await.json()["logo_url"],
        url.as_str()
    );

    // Public: no session needed. Its own type, never sniffed, kept a year
    // under the URL that names it.
    let logo = app.get(&url, None).await;
    assert_eq!(logo.status, 200);
    assert_eq!(logo.body, first);
    assert_eq!(logo.header("content-type"), Some("image/png"));
    assert_eq!(logo.header("x-content-type-options"), Some("nosniff"));
    let etag = format!("\"{hash}\"");
    assert_eq!(logo.header("etag"), Some(etag.as_str()));
    assert_eq!(
        logo.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    // Under any other URL, checked each time.
    let plain = app.get("/api/v1/public/club/logo", None).await;
    assert_eq!(plain.header("cache-control"), Some("no-cache"));
    let stale = app.get("/api/v1/public/club/logo?v=0000", None).await;
    assert_eq!(stale.header("cache-control"), Some("no-cache"));

    // The browser's copy is still the logo: 304, no body.
    let again = app
        .send(
            Request::get("/api/v1/public/club/logo")
                .header(header::IF_NONE_MATCH, &etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), Some(etag.as_str()));

    // A new logo: a new URL, and the old copy is not the logo any more.
    let second = png(2, 3000);
    let reply = upload(&app, &second, "image/png", &owner).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let new_url = reply.json()["logo_url"].as_str().unwrap().to_owned();
    assert_ne!(new_url, url);
    let changed = app
        .send(
            Request::get("/api/v1/public/club/logo")
                .header(header::IF_NONE_MATCH, &etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(changed.status, 200);
    assert_eq!(changed.body, second);

    // Removed: the widget shows the name alone.
    let reply = app.delete("/api/v1/settings/club/logo", Some(&owner)).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(reply.json().get("logo_url").is_none());
    app.get(&new_url, None).await.assert_problem(404);
    assert_eq!(app.count("SELECT COUNT(*) FROM club_logo").await, 0);
}

#[tokio::test]
async fn jpeg_and_webp_are_served_with_their_own_type_whatever_was_declared() {
    let app = app().await;
    let manager = account(&app, "manager@club.be", Role::Manager).await;
    let jpeg = b"\xff\xd8\xff\xe0\0\x10JFIF\0".to_vec();
    // A browser may guess the type from a wrong extension: the bytes decide.
    let reply = upload(&app, &jpeg, "image/png", &manager).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let logo = app.get("/api/v1/public/club/logo", None).await;
    assert_eq!(logo.header("content-type"), Some("image/jpeg"));
    let webp = b"RIFF\x24\0\0\0WEBPVP8 \0\0".to_vec();
    let reply = upload(&app, &webp, "image/webp", &manager).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let logo = app.get("/api/v1/public/club/logo", None).await;
    assert_eq!(logo.header("content-type"), Some("image/webp"));
    assert_eq!(logo.body, webp);
}

#[tokio::test]
async fn only_an_owner_or_a_manager_changes_the_logo() {
    let app = app().await;
    let owner = account(&app, "owner@club.be", Role::Owner).await;
    let reply = upload(&app, &png(1, 100), "image/png", &owner).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let hash = hex(&png(1, 100));
    for (email, role) in [("sales@club.be", Role::Sales), ("desk@club.be", Role::Desk)] {
        let cookie = account(&app, email, role).await;
        let p = upload(&app, &png(9, 100), "image/png", &cookie)
            .await
            .assert_problem(403);
        assert_eq!(p["type"], "/problems/forbidden", "{p}");
        assert!(
            p["detail"]
                .as_str()
                .unwrap()
                .contains("an owner or a manager")
        );
        app.delete("/api/v1/settings/club/logo", Some(&cookie))
            .await
            .assert_problem(403);
    }
    upload(&app, &png(9, 100), "image/png", "frontdesk_session=nobody")
        .await
        .assert_problem(401);
    app.delete("/api/v1/settings/club/logo", None)
        .await
        .assert_problem(401);
    // The owner's logo is still the one.
    let stored: String = sqlx::query_scalar("SELECT hash FROM club_logo")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(stored, hash);
}

#[tokio::test]
async fn svg_other_types_and_large_files_are_refused_naming_the_field() {
    let app = app().await;
    let owner = account(&app, "owner@club.be", Role::Owner).await;
    let svg =
        br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>"#;

    let p = upload(&app, svg, "image/svg+xml", &owner)
        .await
        .assert_problem(422);
    assert!(p["errors"]["logo"].as_str().unwrap().contains("SVG"), "{p}");
    // Called a PNG, it is still an SVG.
    let p = upload(&app, svg, "image/png", &owner)
        .await
        .assert_problem(422);
    assert!(p["errors"]["logo"].as_str().unwrap().contains("SVG"), "{p}");
    // A GIF, a PDF: not a type the widget shows.
    let p = upload(&app, b"GIF89a\x01\0\x01\0", "image/gif", &owner)
        .await
        .assert_problem(422);
    assert_eq!(p["errors"]["logo"], "is not a PNG, JPEG or WebP image");
    // Not sent as an image at all (what a cross-site form could send).
    let p = upload(&app, &png(1, 100), "text/plain", &owner)
        .await
        .assert_problem(415);
    assert_eq!(p["errors"]["logo"], "is not a PNG, JPEG or WebP image");
    let p = upload(&app, b"", "image/png", &owner)
        .await
        .assert_problem(422);
    assert_eq!(p["errors"]["logo"], "is empty");

    // 512 kB is taken, one byte more is not.
    let limit = frontdesk_core::logo::MAX_LOGO_BYTES;
    let p = upload(&app, &png(1, limit + 1), "image/png", &owner)
        .await
        .assert_problem(413);
    assert_eq!(p["errors"]["logo"], "is larger than 512 kB");
    assert!(p["detail"].as_str().unwrap().contains("512 kB"), "{p}");
    assert_eq!(app.count("SELECT COUNT(*) FROM club_logo").await, 0);
    let reply = upload(&app, &png(1, limit), "image/png", &owner).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    // Far larger: read to its end, so the browser gets the answer.
    let p = upload(&app, &png(1, 3 * 1024 * 1024), "image/png", &owner)
        .await
        .assert_problem(413);
    assert_eq!(p["errors"]["logo"], "is larger than 512 kB");
}
