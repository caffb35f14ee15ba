//! What a member, and anyone scripting the public routes, can rely on
//! (#17): the hour is the club's on every answer, the confirmation is sent
//! once a code confirms, the code step can resend or correct the address,
//! pending bookings are limited, and no secret is kept readable at rest.

mod common;

use chrono::{Datelike, NaiveDate};
use common::booking::*;
use serde_json::json;

/// The first date of `month` at least three days from now: a winter
/// (January) or summer (July) date whatever day the tests run.
fn next_date_in(month: u32) -> String {
    let mut d = chrono::Utc::now().date_naive() + chrono::Duration::days(3);
    while d.month() != month {
        d = d.succ_opt().unwrap();
    }
    d.to_string()
}

async fn post(app: &common::TestApp, uri: &str, body: serde_json::Value) -> common::Reply {
    app.post_json(uri, &body.to_string(), None).await
}

#[tokio::test]
async fn every_booking_time_is_written_with_the_clubs_offset_in_winter_and_summer() {
    let app = common::app().await;
    let (agenda, ty, coach) = small_agenda(&app, true).await;
    let cookie = {
        frontdesk_server::store::users::create(
            &app.state.db,
            "desk@club.be",
            "Desk",
            frontdesk_core::roles::Role::Owner,
            "a long password",
        )
        .await
        .unwrap();
        let r = post(
            &app,
            "/api/v1/session",
            json!({"email": "desk@club.be", "password": "a long password"}),
        )
        .await;
        r.cookie().unwrap()
    };
    for (date, offset, utc_hour) in [
        (next_date_in(1), "+01:00", "09"),
        (next_date_in(7), "+02:00", "08"),
    ] {
        open_one_slot(&app, agenda, coach, &date).await;
        let start = format!("{date}T10:00:00{offset}");
        let end = format!("{date}T11:00:00{offset}");
        assert_eq!(
            first_start(&grid(&app, agenda, ty, &date, &date).await).as_deref(),
            Some(start.as_str())
        );

        let created = book(&app, agenda, &request(ty, &start), None).await;
        assert_eq!(created.status, 201, "{}", created.text());
        let created = created.json();
        assert_eq!(
            (created["start"].as_str(), created["end"].as_str()),
            (Some(start.as_str()), Some(end.as_str()))
        );
        let (code, token) = outbox_code(&app).await;

        let manage = app
            .get(
                &format!("/api/v1/public/bookings/manage?token={token}"),
                None,
            )
            .await
            .json();
        assert_eq!(manage["booking"]["start"], start);
        assert!(
            manage["cancel_before"].as_str().unwrap().ends_with(offset),
            "{manage}"
        );

        let confirmed = post(
            &app,
            "/api/v1/public/bookings/confirm",
            json!({"token": token, "code": code}),
        )
        .await;
        assert_eq!(confirmed.json()["start"], start, "{}", confirmed.text());

        // The staff agenda: the instant with the offset, and the wall time.
        let list = app
            .get(
                &format!("/api/v1/appointments?from={date}&to={date}"),
                Some(&cookie),
            )
            .await
            .json();
        let item = &list["items"][0];
        assert_eq!(item["start"], start, "{list}");
        assert_eq!(item["start_time"], "10:00");

        // Messages say the club's hour; the calendar file the UTC instant.
        let body: String = sqlx::query_scalar("SELECT body FROM outbox ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        assert!(body.contains("10:00"), "{body}");
        let ics = app
            .get(
                &format!("/api/v1/public/bookings/calendar.ics?token={token}"),
                None,
            )
            .await
            .text();
        let compact = date.replace('-', "");
        assert!(
            ics.contains(&format!("DTSTART:{compact}T{utc_hour}0000Z")),
            "{ics}"
        );

        let cancelled = post(
            &app,
            "/api/v1/public/bookings/cancel",
            json!({"token": token}),
        )
        .await;
        assert_eq!(cancelled.json()["booking"]["start"], start);
    }
}

#[tokio::test]
async fn confirming_the_code_sends_the_confirmation_with_its_link_and_calendar_file() {
    let app = common::app_with(|s, dir| s.mail_dir = Some(dir.join("mail"))).await;
    let (agenda, ty, coach) = small_agenda(&app, true).await;
    let date = future_date(4);
    open_one_slot(&app, agenda, coach, &date).await;
    let start = first_start(&grid(&app, agenda, ty, &date, &date).await).unwrap();
    assert_eq!(
        book(&app, agenda, &request(ty, &start), None).await.status,
        201
    );
    let (code, token) = outbox_code(&app).await;

    // Before the code: a tentative calendar entry, and one message (the code).
    let ics = app
        .get(
            &format!("/api/v1/public/bookings/calendar.ics?token={token}"),
            None,
        )
        .await
        .text();
    assert!(ics.contains("STATUS:TENTATIVE"), "{ics}");
    assert_eq!(app.count("SELECT count(*) FROM outbox").await, 1);

    let ok = post(
        &app,
        "/api/v1/public/bookings/confirm",
        json!({"token": token, "code": code}),
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(app.count("SELECT count(*) FROM outbox").await, 2);
    let (subject, body, attach): (String, String, bool) =
        sqlx::query_as("SELECT subject, body, attach_ics FROM outbox ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert!(subject.contains("bevestigd"), "{subject}");
    assert!(body.contains(&format!("manage?token={token}")), "{body}");
    assert!(attach);

    // Delivered: the message carries the link and the confirmed .ics.
    assert_eq!(
        frontdesk_server::mail::send_pending(&app.state)
            .await
            .unwrap(),
        2
    );
    let mails: Vec<String> = std::fs::read_dir(app.dir.path().join("mail"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let confirmation = mails
        .iter()
        .find(|m| m.contains("BEGIN:VCALENDAR"))
        .expect("a message with the .ics");
    assert!(confirmation.contains("STATUS:CONFIRMED"), "{confirmation}");
    assert!(confirmation.contains("appointment.ics"));
    assert!(
        confirmation.contains(&token[..20]),
        "the manage link is in the message"
    );
}

#[tokio::test]
async fn a_wrong_code_says_how_many_tries_are_left_and_the_code_can_be_sent_again() {
    let app = common::app().await;
    let (agenda, ty, coach) = small_agenda(&app, true).await;
    let date = future_date(5);
    open_one_slot(&app, agenda, coach, &date).await;
    let start = first_start(&grid(&app, agenda, ty, &date, &date).await).unwrap();
    assert_eq!(
        book(&app, agenda, &request(ty, &start), None).await.status,
        201
    );
    let (first_code, token) = outbox_code(&app).await;
    let wrong = if first_code == "000000" {
        "111111"
    } else {
        "000000"
    };

    let reply = post(
        &app,
        "/api/v1/public/bookings/confirm",
        json!({"token": token, "code": wrong}),
    )
    .await;
    let problem = reply.assert_problem(422);
    assert_eq!(problem["type"], "/problems/wrong-code");
    assert_eq!(problem["tries_left"], 4);
    assert_eq!(problem["detail"], "That code is not correct: 4 tries left.");

    // Asked again at once: too soon.
    let soon = post(
        &app,
        "/api/v1/public/bookings/code",
        json!({"token": token}),
    )
    .await;
    let problem = soon.assert_problem(429);
    assert_eq!(problem["type"], "/problems/code-resend-limit");
    assert!(soon.header("retry-after").is_some());
    let db = app.state.db.clone();
    let age = move || {
        let db = db.clone();
        async move {
            sqlx::query("UPDATE appointments SET code_sent_at = '2000-01-01T00:00:00Z'")
                .execute(&db)
                .await
        }
    };
    age().await.unwrap();

    // Resent: a new code, the old one no longer works, the time still held.
    let resent = post(
        &app,
        "/api/v1/public/bookings/code",
        json!({"token": token}),
    )
    .await;
    assert_eq!(resent.status, 200, "{}", resent.text());
    assert_eq!(resent.json()["email"], "ann@example.be");
    assert_eq!(resent.json()["sends_left"], 2);
    let (second_code, _) = outbox_code(&app).await;
    assert!(
        first_start(&grid(&app, agenda, ty, &date, &date).await).is_none(),
        "still held"
    );

    // A corrected address: the code goes there, and so will the confirmation.
    age().await.unwrap();
    let bad = post(
        &app,
        "/api/v1/public/bookings/code",
        json!({"token": token, "email": "ann@"}),
    )
    .await;
    assert!(bad.assert_problem(422)["errors"]["email"].is_string());
    let moved = post(
        &app,
        "/api/v1/public/bookings/code",
        json!({"token": token, "email": "ann.peeters@example.be"}),
    )
    .await;
    assert_eq!(
        moved.json()["email"],
        "ann.peeters@example.be",
        "{}",
        moved.text()
    );
    let to: String = sqlx::query_scalar("SELECT to_address FROM outbox ORDER BY id DESC LIMIT 1")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(to, "ann.peeters@example.be");
    let (third_code, _) = outbox_code(&app).await;

    for stale in [first_code, second_code]
        .iter()
        .filter(|c| **c != third_code)
    {
        let r = post(
            &app,
            "/api/v1/public/bookings/confirm",
            json!({"token": token, "code": stale}),
        )
        .await;
        assert_eq!(r.status, 422, "an old code stops working");
    }
    let ok = post(
        &app,
        "/api/v1/public/bookings/confirm",
        json!({"token": token, "code": third_code}),
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.text());
    let to: String = sqlx::query_scalar("SELECT to_address FROM outbox ORDER BY id DESC LIMIT 1")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(
        to, "ann.peeters@example.be",
        "the confirmation follows the corrected address"
    );

    // Confirmed: nothing to resend.
    age().await.unwrap();
    post(
        &app,
        "/api/v1/public/bookings/code",
        json!({"token": token}),
    )
    .await
    .assert_problem(409);
}

#[tokio::test]
async fn pending_bookings_are_limited_per_email_and_per_client() {
    let app = common::app_with(|s, _| s.booking.max_pending_per_client = 4).await;
    let (agenda, ty, coach) = small_agenda(&app, true).await;
    let mut starts = Vec::new();
    for day in 3..12 {
        let date = future_date(day);
        open_one_slot(&app, agenda, coach, &date).await;
        starts.push(first_start(&grid(&app, agenda, ty, &date, &date).await).unwrap());
    }
    let with_email = |start: &str, email: &str| {
        let mut r = request(ty, start);
        r["email"] = json!(email);
        r
    };
    for start in &starts[..3] {
        assert_eq!(
            book(&app, agenda, &with_email(start, "Script@Example.be"), None)
                .await
                .status,
            201
        );
    }
    // A fourth for the same address (any letter case): refused, in words.
    let refused = book(
        &app,
        agenda,
        &with_email(&starts[3], "script@example.be"),
        None,
    )
    .await;
    let problem = refused.assert_problem(429);
    assert_eq!(problem["type"], "/problems/too-many-pending");
    assert!(refused.header("retry-after").is_some());
    assert!(problem["detail"].as_str().unwrap().contains("Confirm one"));

    // Another address from the same client: the client's limit (4 here).
    assert_eq!(
        book(
            &app,
            agenda,
            &with_email(&starts[3], "other@example.be"),
            None
        )
        .await
        .status,
        201
    );
    let refused = book(
        &app,
        agenda,
        &with_email(&starts[4], "third@example.be"),
        None,
    )
    .await;
    assert_eq!(
        refused.assert_problem(429)["type"],
        "/problems/too-many-pending"
    );
    assert_eq!(
        app.count("SELECT count(*) FROM appointments WHERE status = 'pending'")
            .await,
        4
    );

    // Held slots that run out stop counting.
    sqlx::query("UPDATE appointments SET created_at = '2000-01-01T00:00:00Z'")
        .execute(&app.state.db)
        .await
        .unwrap();
    assert_eq!(
        book(
            &app,
            agenda,
            &with_email(&starts[5], "script@example.be"),
            None
        )
        .await
        .status,
        201
    );
}

#[tokio::test]
async fn no_manage_token_is_readable_at_rest_or_by_staff() {
    let app = common::app_with(|s, dir| s.mail_dir = Some(dir.join("mail"))).await;
    let cookie = {
        frontdesk_server::store::users::create(
            &app.state.db,
            "desk@club.be",
            "Desk",
            frontdesk_core::roles::Role::Owner,
            "a long password",
        )
        .await
        .unwrap();
        post(
            &app,
            "/api/v1/session",
            json!({"email": "desk@club.be", "password": "a long password"}),
        )
        .await
        .cookie()
        .unwrap()
    };
    let (agenda, ty, coach) = small_agenda(&app, true).await;
    let date = future_date(6);
    open_one_slot(&app, agenda, coach, &date).await;
    let start = first_start(&grid(&app, agenda, ty, &date, &date).await).unwrap();
    let key = "retry-key-1234567890";
    let first = book(&app, agenda, &request(ty, &start), Some(key)).await;
    assert_eq!(first.status, 201);
    let token = first.json()["manage_token"].as_str().unwrap().to_owned();

    // Staff read the message (and its code) without the link's token.
    let outbox = app.get("/api/v1/outbox", Some(&cookie)).await;
    assert_eq!(outbox.status, 200);
    assert!(!outbox.text().contains(&token), "{}", outbox.text());
    assert!(outbox.text().contains("token=…"), "{}", outbox.text());

    // The idempotency record holds neither the key nor the token in clear.
    let (stored_key, stored): (String, String) =
        sqlx::query_as("SELECT key, response FROM idempotency_keys")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_ne!(stored_key, key);
    assert!(!stored.contains(&token) && !stored.contains("manage_token"));
    // Only the key's holder gets the first answer back, token included.
    let replay = book(&app, agenda, &request(ty, &start), Some(key)).await;
    assert_eq!(replay.status, 200, "{}", replay.text());
    assert_eq!(replay.json()["manage_token"], token);
    let mut other = request(ty, &start);
    other["name"] = json!("Someone Else");
    book(&app, agenda, &other, Some(key))
        .await
        .assert_problem(422);

    // Once sent, the outbox keeps only the staff copy.
    assert_eq!(
        frontdesk_server::mail::send_pending(&app.state)
            .await
            .unwrap(),
        1
    );
    let leftover: Vec<String> = sqlx::query_scalar("SELECT subject || body FROM outbox")
        .fetch_all(&app.state.db)
        .await
        .unwrap();
    assert!(leftover.iter().all(|m| !m.contains(&token)), "{leftover:?}");
    // … while the member's message had it.
    let mail = std::fs::read_dir(app.dir.path().join("mail"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    assert!(
        std::fs::read_to_string(mail.path())
            .unwrap()
            .contains(&token[..20])
    );
}

#[tokio::test]
async fn the_booking_page_can_say_which_sites_may_embed_the_widget() {
    let app =
        common::app_with(|s, _| s.embed_origins = vec!["https://www.club.example".into()]).await;
    app.get("/api/v1/embed", None).await.assert_problem(401);
    frontdesk_server::store::users::create(
        &app.state.db,
        "desk@club.be",
        "Desk",
        frontdesk_core::roles::Role::Owner,
        "a long password",
    )
    .await
    .unwrap();
    let cookie = post(
        &app,
        "/api/v1/session",
        json!({"email": "desk@club.be", "password": "a long password"}),
    )
    .await
    .cookie()
    .unwrap();
    let embed = app.get("/api/v1/embed", Some(&cookie)).await.json();
    assert_eq!(
        embed["allowed_origins"],
        json!(["https://www.club.example"])
    );
    assert_eq!(embed["config_key"], "embed.allowed_origins");
}

#[test]
fn winter_and_summer_dates_are_what_they_say() {
    let w: NaiveDate = next_date_in(1).parse().unwrap();
    let s: NaiveDate = next_date_in(7).parse().unwrap();
    assert_eq!((w.month(), s.month()), (1, 7));
}
