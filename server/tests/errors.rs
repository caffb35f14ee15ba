//! Every API error is a problem document that names what is wrong and leaks
//! nothing of the server's insides.

mod common;

use axum::body::Body;
use axum::http::{Request, header};

#[tokio::test]
async fn malformed_json_names_the_problem() {
    let app = common::demo_app().await;
    let broken = app
        .post_json("/api/v1/session", "{\"email\": ", None)
        .await
        .assert_problem(422);
    assert!(
        broken["detail"].as_str().unwrap().contains("EOF"),
        "{broken}"
    );

    let wrong_type = app
        .post_json("/api/v1/session", r#"{"email": 42, "password": "x"}"#, None)
        .await
        .assert_problem(422);
    assert!(
        wrong_type["errors"]["email"]
            .as_str()
            .unwrap()
            .contains("invalid type")
    );

    let unknown = app
        .post_json(
            "/api/v1/session",
            r#"{"email": "a@b.be", "password": "x", "admin": true}"#,
            None,
        )
        .await
        .assert_problem(422);
    assert!(
        unknown["errors"]["admin"]
            .as_str()
            .unwrap()
            .contains("unknown field")
    );

    let missing = app
        .post_json("/api/v1/session", r#"{"email": "a@b.be"}"#, None)
        .await
        .assert_problem(422);
    assert!(
        missing["errors"]["password"]
            .as_str()
            .unwrap()
            .contains("missing field")
    );
}

#[tokio::test]
async fn a_body_that_is_not_json_is_refused() {
    let app = common::demo_app().await;
    let req = Request::post("/api/v1/session")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("email=a%40b.be&password=x"))
        .unwrap();
    let problem = app.send(req).await.assert_problem(422);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("application/json")
    );
}

#[tokio::test]
async fn unknown_routes_and_methods_are_problems() {
    let app = common::app().await;
    app.get("/api/v1/nope", None).await.assert_problem(404);
    let req = Request::put("/api/v1/health").body(Body::empty()).unwrap();
    let reply = app.send(req).await;
    reply.assert_problem(405);
    assert!(reply.header("allow").unwrap().contains("GET"));
}

#[tokio::test]
async fn no_response_reveals_paths_or_internals() {
    let app = common::demo_app().await;
    let db_path = app.state.settings.db.display().to_string();
    let dir = app.dir.path().display().to_string();
    let cookie = app.login_demo().await;
    let replies = [
        app.get("/api/v1/health", None).await,
        app.get("/api/v1/session", Some(&cookie)).await,
        app.get("/api/v1/nope", None).await,
        app.post_json("/api/v1/session", "{", None).await,
        app.get("/prospects", None).await, // the app is not built here: 503 problem
    ];
    for reply in replies {
        let text = reply.text();
        assert!(
            !text.contains(&db_path) && !text.contains(&dir),
            "leaked a path: {text}"
        );
        assert!(
            !text.contains("sqlx") && !text.contains("panicked") && !text.contains("src/"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn internal_errors_are_generic() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    // Break the store underneath the server: the answer must explain nothing
    // of SQL or files, yet be a proper problem document.
    sqlx::query("DROP TABLE staff_users")
        .execute(&app.state.db)
        .await
        .ok();
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(&app.state.db)
        .await
        .ok();
    let reply = app.get("/api/v1/session", Some(&cookie)).await;
    let problem = reply.assert_problem(500);
    assert_eq!(problem["title"], "Something went wrong on our side");
    assert!(!reply.text().contains("staff_users"), "{}", reply.text());
}

#[tokio::test]
async fn health_reports_connectors_by_name_only() {
    let app = common::app().await;
    let reply = app.get("/api/v1/health", None).await;
    assert_eq!(reply.status, 200);
    let json = reply.json();
    assert_eq!(json["status"], "ok");
    let caps = json["capabilities"].as_array().unwrap();
    assert!(caps.iter().all(|c| c["connector"] == "local"));
    assert_eq!(caps.len(), 5);
}

/// A write that cannot get the database within the busy timeout (another
/// process holding it, a backup running) is answered 503 with Retry-After:
/// nothing was saved and the same request can be sent again. Not a 500.
#[tokio::test]
async fn a_write_the_database_is_too_busy_for_is_503_with_retry_after() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    // Another connection holds the write lock past the busy timeout.
    let mut other = app.state.db.acquire().await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *other)
        .await
        .unwrap();
    let create = || {
        app.post_json(
            "/api/v1/prospects",
            r#"{"last_name":"Waits","status":"new"}"#,
            Some(&cookie),
        )
    };
    let reply = create().await;
    sqlx::query("ROLLBACK").execute(&mut *other).await.unwrap();
    drop(other);
    let problem = reply.assert_problem(503);
    assert_eq!(reply.header("retry-after"), Some("1"));
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("nothing was saved"),
        "{problem}"
    );
    let saved = app
        .count("SELECT COUNT(*) FROM prospects WHERE last_name = 'Waits'")
        .await;
    assert_eq!(saved, 0);
    // Once the other writer is done, the same request goes through.
    let again = create().await;
    assert_eq!(again.status, 201, "{}", again.text());
}
