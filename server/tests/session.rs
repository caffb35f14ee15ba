//! Staff sign-in, session and sign-out through the real router and store.

mod common;

#[tokio::test]
async fn login_session_logout_round_trip() {
    let app = common::demo_app().await;
    let login = app
        .post_json(
            "/api/v1/session",
            r#"{"email":"Demo@Frontdesk.test","password":"frontdesk-demo"}"#,
            None,
        )
        .await;
    assert_eq!(login.status, 200, "{}", login.text());
    let set_cookie = login.header("set-cookie").unwrap().to_owned();
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="] {
        assert!(set_cookie.contains(attr), "{set_cookie} lacks {attr}");
    }
    assert_eq!(login.json()["user"]["email"], "demo@frontdesk.test");
    let cookie = login.cookie().unwrap();

    let me = app.get("/api/v1/session", Some(&cookie)).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["user"]["name"], "Demo Manager");
    assert_eq!(me.header("cache-control"), Some("no-store"));

    let staff = app.get("/api/v1/staff", Some(&cookie)).await;
    assert_eq!(staff.status, 200);
    assert_eq!(staff.json().as_array().unwrap().len(), 4);
    assert!(
        !staff.text().contains("argon2"),
        "hashes must never leave the store"
    );

    let out = app.delete("/api/v1/session", Some(&cookie)).await;
    assert_eq!(out.status, 204);
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));

    // The same cookie is worthless once the session has ended.
    app.get("/api/v1/session", Some(&cookie))
        .await
        .assert_problem(401);
    app.get("/api/v1/staff", Some(&cookie))
        .await
        .assert_problem(401);
}

#[tokio::test]
async fn wrong_password_gets_a_clear_message_and_no_session() {
    let app = common::demo_app().await;
    for body in [
        r#"{"email":"demo@frontdesk.test","password":"wrong-password"}"#,
        r#"{"email":"nobody@frontdesk.test","password":"frontdesk-demo"}"#,
    ] {
        let reply = app.post_json("/api/v1/session", body, None).await;
        let problem = reply.assert_problem(401);
        assert_eq!(problem["title"], "Wrong email or password");
        assert!(reply.header("set-cookie").is_none());
    }
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
}

#[tokio::test]
async fn staff_routes_need_a_session() {
    let app = common::demo_app().await;
    for uri in ["/api/v1/session", "/api/v1/staff"] {
        let problem = app.get(uri, None).await.assert_problem(401);
        assert_eq!(problem["title"], "Not signed in");
        app.get(uri, Some("frontdesk_session=forged-token"))
            .await
            .assert_problem(401);
    }
    app.delete("/api/v1/session", None)
        .await
        .assert_problem(401);
}

#[tokio::test]
async fn login_validates_fields() {
    let app = common::demo_app().await;
    let problem = app
        .post_json(
            "/api/v1/session",
            r#"{"email":"not-an-email","password":""}"#,
            None,
        )
        .await
        .assert_problem(422);
    assert_eq!(problem["errors"]["email"], "is not a valid email address");
    assert_eq!(problem["errors"]["password"], "is required");
}

#[tokio::test]
async fn cli_user_add_reads_the_password_from_stdin() {
    use std::io::Write;
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let add = |password: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_frontdesk-server"))
            .args([
                "user",
                "add",
                "coach@club.example",
                "--password-stdin",
                "--db",
            ])
            .arg(&db)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(password.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let weak = add("short\n");
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("at least"));

    let ok = add("a long enough password\n");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    let again = add("a long enough password\n");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    let pool = frontdesk_server::store::open(&db).await.unwrap();
    let checks = frontdesk_server::store::users::PasswordChecks::default();
    let user = frontdesk_server::store::users::authenticate(
        &pool,
        checks.permit(false).await.unwrap(),
        "coach@club.example",
        "a long enough password",
    )
    .await
    .unwrap();
    assert!(user.is_some());
}

#[tokio::test]
async fn repeated_wrong_passwords_pause_sign_in_for_that_email() {
    let app = common::demo_app().await;
    let wrong = r#"{"email":"demo@frontdesk.test","password":"guess-guess"}"#;
    for _ in 0..frontdesk_server::throttle::MAX_FAILURES {
        app.post_json("/api/v1/session", wrong, None)
            .await
            .assert_problem(401);
    }
    // Now even the right password waits, and says for how long.
    let right = r#"{"email":"demo@frontdesk.test","password":"frontdesk-demo"}"#;
    let reply = app.post_json("/api/v1/session", right, None).await;
    let problem = reply.assert_problem(429);
    assert!(problem["detail"].as_str().unwrap().contains("minute"));
    assert!(reply.header("retry-after").unwrap().parse::<u64>().unwrap() > 0);
    assert!(reply.header("set-cookie").is_none());
    // Other people are not affected.
    let other = r#"{"email":"sarah@frontdesk.test","password":"frontdesk-demo"}"#;
    assert_eq!(
        app.post_json("/api/v1/session", other, None).await.status,
        200
    );
}
