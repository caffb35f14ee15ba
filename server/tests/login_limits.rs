//! Sign-in hardening (issue #17, points 6 and 7) through the real router:
//! tries counted before they are checked, a pause that grows, a browser
//! that signed in before not locked out by strangers (device cookie), a
//! limit per client address, and a bound on the password checks at once.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, header};
use frontdesk_server::throttle::{ADDRESS_BURST, FIRST_PAUSE, MAX_FAILURES, MAX_PAUSE};

const DEMO: &str = "demo@frontdesk.test";
const RIGHT: &str = "frontdesk-demo";

fn body(email: &str, password: &str) -> String {
    serde_json::json!({ "email": email, "password": password }).to_string()
}

/// `POST /api/v1/session` from `peer` (the TCP peer the server sees), with
/// the cookies given.
fn sign_in_request(body: String, peer: &str, cookie: Option<&str>) -> Request<Body> {
    let mut req = Request::post("/api/v1/session").header(header::CONTENT_TYPE, "application/json");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let mut req = req.body(Body::from(body)).unwrap();
    let peer: SocketAddr = format!("{peer}:40000").parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(peer));
    req
}

async fn sign_in(
    app: &common::TestApp,
    email: &str,
    password: &str,
    peer: &str,
    cookie: Option<&str>,
) -> common::Reply {
    app.send(sign_in_request(body(email, password), peer, cookie))
        .await
}

/// The `frontdesk_device=…` pair of a sign-in's Set-Cookie headers.
fn device_cookie(reply: &common::Reply) -> Option<String> {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("frontdesk_device="))
        .map(|c| c.split(';').next().unwrap().to_owned())
}

fn retry_after(reply: &common::Reply) -> u64 {
    reply
        .header("retry-after")
        .expect("a Retry-After header")
        .parse()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guesses_sent_at_once_are_counted_before_they_are_checked() {
    // Each guess from its own address, so only the count per email can stop them.
    let app = common::app_with(|s, _| s.behind_proxy = true).await;
    frontdesk_server::store::seed::seed_demo(&app.state.db)
        .await
        .unwrap();
    let tasks: Vec<_> = (0..60)
        .map(|i| {
            let router = app.router.clone();
            tokio::spawn(async move {
                use tower::ServiceExt;
                let req = Request::post("/api/v1/session")
                    .header(header::CONTENT_TYPE, "application/json")
                    .header("x-forwarded-for", format!("198.51.100.{i}"))
                    .body(Body::from(body(DEMO, &format!("guess-{i}"))))
                    .unwrap();
                router.oneshot(req).await.unwrap().status().as_u16()
            })
        })
        .collect();
    let (mut wrong, mut paused, mut busy) = (0, 0, 0);
    for t in tasks {
        match t.await.unwrap() {
            401 => wrong += 1,
            429 => paused += 1,
            // A counted try still waiting for its check on a very slow machine.
            503 => busy += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(
        wrong + busy,
        MAX_FAILURES,
        "only the allowed tries go on to be checked"
    );
    assert_eq!(paused, 60 - MAX_FAILURES);
    assert_eq!(app.state.password_checks.ran(), u64::from(wrong));
}

#[tokio::test]
async fn the_pause_starts_short_and_grows_with_each_further_wrong_password() {
    let app = common::demo_app().await;
    let at = |n: u32| format!("192.0.2.{n}");
    for n in 0..MAX_FAILURES {
        sign_in(&app, DEMO, "guess-guess", &at(n), None)
            .await
            .assert_problem(401);
    }
    // A minute at first, not a quarter of an hour.
    let reply = sign_in(&app, DEMO, RIGHT, &at(50), None).await;
    reply.assert_problem(429);
    let first = retry_after(&reply);
    assert!(
        first > 50 && first <= FIRST_PAUSE.as_secs(),
        "first pause {first} s"
    );

    // After each pause one try is let through; a wrong one doubles the pause.
    let mut expected = FIRST_PAUSE;
    for n in 0..6 {
        app.state.login_throttle.rewind(expected);
        let reply = sign_in(&app, DEMO, "guess-again", &at(60 + n), None).await;
        reply.assert_problem(401);
        expected = (expected * 2).min(MAX_PAUSE);
        let reply = sign_in(&app, DEMO, RIGHT, &at(70 + n), None).await;
        let problem = reply.assert_problem(429);
        let wait = retry_after(&reply);
        assert!(
            wait > expected.as_secs() - 10 && wait <= expected.as_secs(),
            "pause {wait} s, expected {expected:?}"
        );
        assert!(problem["detail"].as_str().unwrap().contains("minutes"));
    }
    assert_eq!(expected, MAX_PAUSE, "the pause stops growing at its cap");

    // Once the pause is over, the right password gets in and wipes the slate.
    app.state.login_throttle.rewind(MAX_PAUSE);
    assert_eq!(sign_in(&app, DEMO, RIGHT, &at(90), None).await.status, 200);
    for n in 0..MAX_FAILURES - 1 {
        sign_in(&app, DEMO, "guess-guess", &at(100 + n), None)
            .await
            .assert_problem(401);
    }
    assert_eq!(sign_in(&app, DEMO, RIGHT, &at(110), None).await.status, 200);
}

#[tokio::test]
async fn a_browser_that_signed_in_before_is_not_locked_out_by_strangers() {
    let app = common::demo_app().await;
    // The front desk's browser signs in once and gets a device cookie.
    let first = sign_in(&app, DEMO, RIGHT, "192.0.2.1", None).await;
    assert_eq!(first.status, 200, "{}", first.text());
    let session = first.cookie().unwrap();
    assert!(session.starts_with("frontdesk_session="), "{session}");
    let device = device_cookie(&first).expect("a device cookie");
    let set = first
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|c| c.starts_with("frontdesk_device="))
        .unwrap();
    for attr in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/api/v1/session",
        "Max-Age=",
    ] {
        assert!(set.contains(attr), "{set} lacks {attr}");
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM device_cookies").await,
        1,
        "one browser known"
    );

    // Someone else guesses the password until sign-in pauses for strangers…
    for n in 0..MAX_FAILURES {
        sign_in(&app, DEMO, "guess-guess", &format!("203.0.113.{n}"), None)
            .await
            .assert_problem(401);
    }
    sign_in(&app, DEMO, RIGHT, "203.0.113.9", None)
        .await
        .assert_problem(429);
    // …and a made-up device cookie is a stranger too.
    sign_in(
        &app,
        DEMO,
        RIGHT,
        "203.0.113.9",
        Some("frontdesk_device=made-up"),
    )
    .await
    .assert_problem(429);

    // The front desk still signs in, a typo included: its browser counts apart.
    sign_in(&app, DEMO, "typo-typo", "192.0.2.1", Some(&device))
        .await
        .assert_problem(401);
    let again = sign_in(&app, DEMO, RIGHT, "192.0.2.1", Some(&device)).await;
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(
        device_cookie(&again).as_deref(),
        Some(device.as_str()),
        "the same browser keeps its cookie"
    );
    // Strangers are still paused.
    sign_in(&app, DEMO, RIGHT, "203.0.113.9", None)
        .await
        .assert_problem(429);

    // The cookie vouches only for the accounts that signed in with it.
    for n in 0..MAX_FAILURES {
        sign_in(
            &app,
            "sarah@frontdesk.test",
            "guess-guess",
            &format!("203.0.113.{}", 20 + n),
            None,
        )
        .await
        .assert_problem(401);
    }
    sign_in(
        &app,
        "sarah@frontdesk.test",
        RIGHT,
        "192.0.2.1",
        Some(&device),
    )
    .await
    .assert_problem(429);

    // A known browser that guesses is paused in its turn, alone.
    for _ in 0..MAX_FAILURES {
        sign_in(&app, DEMO, "guess-guess", "192.0.2.1", Some(&device))
            .await
            .assert_problem(401);
    }
    sign_in(&app, DEMO, RIGHT, "192.0.2.1", Some(&device))
        .await
        .assert_problem(429);
}

#[tokio::test]
async fn one_address_gets_a_burst_of_tries_then_waits() {
    let app = common::demo_app().await;
    // Right passwords do not use the address's tries up.
    for _ in 0..ADDRESS_BURST + 2 {
        let reply = sign_in(&app, DEMO, RIGHT, "192.0.2.7", None).await;
        assert_eq!(reply.status, 200, "{}", reply.text());
    }
    let device = device_cookie(&sign_in(&app, DEMO, RIGHT, "192.0.2.7", None).await).unwrap();
    // Wrong ones do, whichever email they are for.
    for n in 0..ADDRESS_BURST {
        sign_in(
            &app,
            &format!("nobody{n}@frontdesk.test"),
            "guess-guess",
            "192.0.2.7",
            None,
        )
        .await
        .assert_problem(401);
    }
    let checked = app.state.password_checks.ran();
    let reply = sign_in(&app, "sarah@frontdesk.test", RIGHT, "192.0.2.7", None).await;
    let problem = reply.assert_problem(429);
    assert_eq!(problem["title"], "Too many sign-in attempts");
    let wait = retry_after(&reply);
    assert!((1..=6).contains(&wait), "Retry-After {wait}");
    assert_eq!(
        app.state.password_checks.ran(),
        checked,
        "refused before any check"
    );
    // Another address is not affected, nor a browser that signed in before.
    let other = sign_in(&app, "sarah@frontdesk.test", RIGHT, "192.0.2.8", None).await;
    assert_eq!(other.status, 200, "{}", other.text());
    let known = sign_in(&app, DEMO, RIGHT, "192.0.2.7", Some(&device)).await;
    assert_eq!(known.status, 200, "{}", known.text());
}

#[tokio::test]
async fn password_checks_are_bounded_then_answered_503_with_retry_after() {
    let app = common::demo_app().await;
    let device = device_cookie(&sign_in(&app, DEMO, RIGHT, "192.0.2.1", None).await).unwrap();
    let checks = &app.state.password_checks;
    let ran = checks.ran();
    // Every place of the general lane taken, as by a flood of sign-ins.
    let mut held = Vec::new();
    for _ in 0..checks.capacity() {
        held.push(checks.permit(false).await.unwrap());
    }
    let reply = tokio::time::timeout(
        Duration::from_secs(30),
        sign_in(&app, DEMO, RIGHT, "203.0.113.1", None),
    )
    .await
    .expect("a busy answer within the queue's wait, not a hang");
    let problem = reply.assert_problem(503);
    assert_eq!(problem["title"], "Busy, try again");
    assert!(retry_after(&reply) >= 1);
    assert!(reply.header("set-cookie").is_none());
    assert_eq!(checks.ran(), ran, "nothing was checked");

    // A browser the account signed in from before has a place of its own.
    let known = sign_in(&app, DEMO, RIGHT, "192.0.2.1", Some(&device)).await;
    assert_eq!(known.status, 200, "{}", known.text());

    // The refused tries were handed back: the flood over, all are let in.
    drop(held);
    for n in 0..MAX_FAILURES - 1 {
        sign_in(&app, DEMO, "guess-guess", "203.0.113.1", None)
            .await
            .assert_problem(401);
        assert_eq!(checks.ran(), ran + 2 + u64::from(n));
    }
    let reply = sign_in(&app, DEMO, RIGHT, "203.0.113.1", None).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
}
