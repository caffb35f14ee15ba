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
    let names: Vec<&str> = caps
        .iter()
        .map(|c| c["capability"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "prospects",
            "sales_steps",
            "pipelines",
            "availability",
            "bookings",
            "agenda"
        ]
    );
    // Nothing a local capability cannot do, and no address of anything.
    assert!(caps.iter().all(|c| c.get("cannot").is_none()), "{json}");
    assert!(!reply.text().contains("http"), "{json}");
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

/// Media types are case-insensitive (RFC 9110): `APPLICATION/JSON` is JSON.
#[tokio::test]
async fn the_json_media_type_is_matched_in_any_case() {
    let app = common::demo_app().await;
    for content_type in ["APPLICATION/JSON", "Application/Json; Charset=UTF-8"] {
        let req = Request::post("/api/v1/session")
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(
                r#"{"email":"demo@frontdesk.test","password":"frontdesk-demo"}"#,
            ))
            .unwrap();
        let reply = app.send(req).await;
        assert_eq!(reply.status, 200, "{content_type}: {}", reply.text());
    }
}

/// A body over the limit is 413 with the limit in words, not a 422 about
/// "length limit exceeded"; and over a real connection the answer reaches a
/// client that is still sending, instead of the connection being cut.
#[tokio::test]
async fn a_body_over_the_limit_is_413_and_reaches_the_client() {
    use frontdesk_server::api::json::MAX_BODY_BYTES;
    use std::io::{Read, Write};

    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let before = app.count("SELECT COUNT(*) FROM prospects").await;
    let big = format!(
        r#"{{"last_name":"P","note":"{}"}}"#,
        "x".repeat(MAX_BODY_BYTES)
    );
    let problem = app
        .post_json("/api/v1/prospects", &big, Some(&cookie))
        .await
        .assert_problem(413);
    assert!(
        problem["detail"].as_str().unwrap().contains("2 MB"),
        "{problem}"
    );

    // Over a real connection, with a body far larger than the socket
    // buffers take in (a whole CSV file sent to the wrong place, say): a
    // server that answered before reading it would reset the connection
    // under the client, which then reads no answer at all.
    let big = format!(
        r#"{{"last_name":"P","note":"{}"}}"#,
        "x".repeat(12 * MAX_BODY_BYTES)
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let head = format!(
        "POST /api/v1/prospects HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Cookie: {cookie}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        big.len()
    );
    let answer = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr)?;
        stream.write_all(head.as_bytes())?;
        for chunk in big.as_bytes().chunks(64 * 1024) {
            stream.write_all(chunk)?;
        }
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer)?;
        Ok::<_, std::io::Error>(String::from_utf8_lossy(&answer).into_owned())
    })
    .await
    .unwrap()
    .expect("the connection stays up until the answer is read");
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("application/problem+json"), "{answer}");
    assert_eq!(app.count("SELECT COUNT(*) FROM prospects").await, before);
}
