//! The public booking API on the local store: availability, booking with a
//! confirmation code, idempotent submits, races for the last place, cancel.

mod common;

use common::booking::*;
use serde_json::json;

#[tokio::test]
async fn demo_agenda_is_public_and_bookable() {
    let app = common::demo_app().await;
    let agenda = app.get("/api/v1/public/agendas/1", None).await;
    assert_eq!(agenda.status, 200);
    assert_eq!(agenda.json()["timezone"], "Europe/Brussels");
    let types = app.get("/api/v1/public/agendas/1/types", None).await.json();
    assert_eq!(types.as_array().unwrap().len(), 4);
    let resources = app
        .get("/api/v1/public/agendas/1/resources", None)
        .await
        .json();
    assert_eq!(resources.as_array().unwrap().len(), 6);
    let intake = types
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Personal-training intake")
        .unwrap();
    let fields = app
        .get(
            &format!("/api/v1/public/agendas/1/types/{}/fields", intake["id"]),
            None,
        )
        .await
        .json();
    assert_eq!(fields[0]["key"], "goal");
    assert_eq!(fields[0]["required"], true);

    let g = grid(
        &app,
        1,
        types[1]["id"].as_i64().unwrap(),
        &future_date(1),
        &future_date(14),
    )
    .await;
    assert_eq!(g.days.len(), 14);
    assert!(
        g.days.iter().any(|d| !d.slots.is_empty()),
        "the demo club has free trial lessons"
    );

    // Busy times carry no names or addresses of other customers.
    let raw = app
        .get(
            &format!(
                "/api/v1/public/agendas/1/availability?type_id=2&from={}&to={}",
                future_date(1),
                future_date(14)
            ),
            None,
        )
        .await
        .text();
    assert!(raw.contains("\"busy\""));
    assert!(!raw.contains('@'), "{raw}");
    // A busy item says which resource is taken when, and nothing of whom.
    let doc: serde_json::Value = serde_json::from_str(&raw).unwrap();
    for item in doc["busy"].as_array().unwrap() {
        for key in item.as_object().unwrap().keys() {
            assert!(
                ["resource_id", "start", "end", "persons"].contains(&key.as_str()),
                "a busy item's {key}: {raw}"
            );
        }
    }
}

#[tokio::test]
async fn book_confirm_with_code_then_cancel() {
    let app = common::app().await;
    let (agenda, ty, coach) = small_agenda(&app, true).await;
    let date = future_date(3);
    open_one_slot(&app, agenda, coach, &date).await;
    let before = grid(&app, agenda, ty, &date, &date).await;
    let start = first_start(&before).expect("one slot");

    let created = book(&app, agenda, &request(ty, &start), None).await;
    assert_eq!(created.status, 201, "{}", created.text());
    let booking = created.json();
    assert_eq!(booking["status"], "pending");
    assert_eq!(booking["resource_name"], "Coach <b>Kim</b>");
    assert!(booking["manage_token"].as_str().unwrap().len() >= 40);

    // The slot is held for the next visitor while the code is awaited.
    assert!(first_start(&grid(&app, agenda, ty, &date, &date).await).is_none());

    let (code, token) = outbox_code(&app).await;
    assert_eq!(token, booking["manage_token"].as_str().unwrap());
    let subject: String = sqlx::query_scalar("SELECT subject FROM outbox")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert!(
        subject.starts_with("Bevestig je afspraak"),
        "messages follow the booker's language: {subject}"
    );
    // The date and time as the widget writes them, in Dutch: the slot
    // opened is 10:00 in the agenda's zone (server/tests/messages.rs has
    // the words of each language written out).
    let body: String = sqlx::query_scalar("SELECT body FROM outbox")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    let day = frontdesk_core::format::dates::long_date("nl", date.parse().unwrap());
    assert!(
        body.contains(&format!("Intake op {day} om 10:00")),
        "the message's date: {body}"
    );

    let wrong = if code == "000000" { "111111" } else { "000000" };
    let reply = app
        .post_json(
            "/api/v1/public/bookings/confirm",
            &json!({"token": token, "code": wrong}).to_string(),
            None,
        )
        .await;
    let problem = reply.assert_problem(422);
    assert_eq!(problem["tries_left"], 4);
    assert_eq!(problem["detail"], "That code is not correct: 4 tries left.");

    let ok = app
        .post_json(
            "/api/v1/public/bookings/confirm",
            &json!({"token": token, "code": code}).to_string(),
            None,
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(ok.json()["status"], "approved");

    let ics = app
        .get(
            &format!("/api/v1/public/bookings/calendar.ics?token={token}"),
            None,
        )
        .await;
    assert_eq!(ics.status, 200);
    assert!(
        ics.header("content-type")
            .unwrap()
            .starts_with("text/calendar")
    );
    assert!(ics.text().contains("BEGIN:VEVENT"));

    let dry = app
        .post_json(
            "/api/v1/public/bookings/cancel",
            &json!({"token": token, "dry_run": true}).to_string(),
            None,
        )
        .await
        .json();
    assert_eq!(dry["cancellable"], true);
    assert_eq!(dry["cancelled"], false);
    assert_eq!(dry["booking"]["status"], "approved");

    let done = app
        .post_json(
            "/api/v1/public/bookings/cancel",
            &json!({"token": token}).to_string(),
            None,
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.text());
    assert_eq!(done.json()["cancelled"], true);
    assert_eq!(done.json()["booking"]["status"], "cancelled");
    assert_eq!(
        first_start(&grid(&app, agenda, ty, &date, &date).await),
        Some(start),
        "free again"
    );

    app.post_json(
        "/api/v1/public/bookings/cancel",
        &json!({"token": token}).to_string(),
        None,
    )
    .await
    .assert_problem(409);
    app.post_json(
        "/api/v1/public/bookings/cancel",
        &json!({"token": "forged"}).to_string(),
        None,
    )
    .await
    .assert_problem(404);
}

#[tokio::test]
async fn too_many_wrong_codes_release_the_slot() {
    let app = common::app().await;
    let (agenda, ty, coach) = small_agenda(&app, true).await;
    let date = future_date(4);
    open_one_slot(&app, agenda, coach, &date).await;
    let start = first_start(&grid(&app, agenda, ty, &date, &date).await).unwrap();
    let token = book(&app, agenda, &request(ty, &start), None).await.json()["manage_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (code, _) = outbox_code(&app).await;
    let wrong = if code == "999999" { "888888" } else { "999999" };
    for _ in 0..4 {
        app.post_json(
            "/api/v1/public/bookings/confirm",
            &json!({"token": token, "code": wrong}).to_string(),
            None,
        )
        .await
        .assert_problem(422);
    }
    let last = app
        .post_json(
            "/api/v1/public/bookings/confirm",
            &json!({"token": token, "code": wrong}).to_string(),
            None,
        )
        .await
        .assert_problem(409);
    assert_eq!(last["title"], "Too many wrong codes");
    // Even the right code no longer works, and the slot is free again.
    app.post_json(
        "/api/v1/public/bookings/confirm",
        &json!({"token": token, "code": code}).to_string(),
        None,
    )
    .await
    .assert_problem(409);
    assert!(first_start(&grid(&app, agenda, ty, &date, &date).await).is_some());
}

#[tokio::test]
async fn a_retried_submit_with_the_same_key_returns_the_same_booking() {
    let app = common::app().await;
    let (agenda, ty, coach) = small_agenda(&app, false).await;
    let date = future_date(5);
    open_one_slot(&app, agenda, coach, &date).await;
    let start = first_start(&grid(&app, agenda, ty, &date, &date).await).unwrap();
    let body = request(ty, &start);
    let first = book(&app, agenda, &body, Some("retry-key-1")).await;
    assert_eq!(first.status, 201, "{}", first.text());
    assert_eq!(first.json()["status"], "approved");
    let second = book(&app, agenda, &body, Some("retry-key-1")).await;
    assert_eq!(second.status, 200, "{}", second.text());
    assert_eq!(second.json(), first.json());
    let rows = app.count("SELECT COUNT(*) FROM appointments").await;
    assert_eq!(rows, 1);

    // The same key for another request is refused, not silently reused.
    let mut other = body.clone();
    other["name"] = json!("Someone Else");
    let problem = book(&app, agenda, &other, Some("retry-key-1"))
        .await
        .assert_problem(422);
    assert!(problem["errors"]["Idempotency-Key"].is_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_people_racing_for_the_last_place_exactly_one_wins() {
    let app = common::app().await;
    let (agenda, ty, coach) = small_agenda(&app, false).await;
    let date = future_date(6);
    open_one_slot(&app, agenda, coach, &date).await;
    let start = first_start(&grid(&app, agenda, ty, &date, &date).await).unwrap();
    let bodies = (0..24).map(|i| {
        let mut body = request(ty, &start);
        body["email"] = json!(format!("racer{i}@example.be"));
        body
    });
    let mut won = 0;
    for (status, body) in book_at_once(&app, agenda, bodies).await {
        match status {
            201 => won += 1,
            409 => {
                assert_eq!(body["title"], "This time is no longer available");
                assert_eq!(body["errors"]["start"], "is no longer available");
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(won, 1);
    let rows = app
        .count("SELECT COUNT(*) FROM appointments WHERE status != 'cancelled'")
        .await;
    assert_eq!(rows, 1);
}

/// A booking reads (the key, the agenda, the busy times) before it writes.
/// Meanwhile other connections write too (the mailer marks messages sent,
/// staff save prospects); the booking waits its turn instead of failing
/// with "database is locked", which a visitor would see as a server error.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bookings_wait_for_other_writers_instead_of_failing() {
    let app = common::app().await;
    let (agenda, ty, coach) = small_agenda(&app, true).await;
    let mut starts = Vec::new();
    for day in 3..13 {
        let date = future_date(day);
        open_one_slot(&app, agenda, coach, &date).await;
        starts.extend(first_start(&grid(&app, agenda, ty, &date, &date).await));
    }
    assert_eq!(starts.len(), 10);
    // Another writer, as busy as a mailer can be.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = tokio::spawn({
        let db = app.state.db.clone();
        let stop = stop.clone();
        async move {
            let mut writes = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                sqlx::query("UPDATE outbox SET attempts = attempts + 1")
                    .execute(&db)
                    .await
                    .unwrap();
                writes += 1;
                tokio::task::yield_now().await;
            }
            writes
        }
    });
    let bodies = starts.iter().enumerate().map(|(i, start)| {
        let mut body = request(ty, start);
        body["email"] = json!(format!("busy{i}@example.be"));
        body
    });
    for (status, body) in book_at_once(&app, agenda, bodies).await {
        assert_eq!(status, 201, "{body}");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(
        writer.await.unwrap() > 0,
        "the other writer wrote meanwhile"
    );
    let rows = app.count("SELECT COUNT(*) FROM appointments").await;
    assert_eq!(rows, 10);
}

#[tokio::test]
async fn invalid_details_name_each_field_and_book_nothing() {
    let app = common::app().await;
    let (agenda, ty, coach) = small_agenda(&app, false).await;
    let date = future_date(7);
    open_one_slot(&app, agenda, coach, &date).await;
    let start = first_start(&grid(&app, agenda, ty, &date, &date).await).unwrap();
    let body = json!({"type_id": ty, "start": start, "name": "", "email": "ann@", "phone": "12", "fields": {}});
    let problem = book(&app, agenda, &body, None).await.assert_problem(422);
    for field in ["name", "email", "phone", "fields.goal"] {
        assert!(
            problem["errors"][field].is_string(),
            "{field} missing in {problem}"
        );
    }
    // A time that is not a slot is refused with a reason.
    let mut off_grid = request(ty, &start);
    off_grid["start"] = json!(start.replace("T10:00", "T10:30"));
    book(&app, agenda, &off_grid, None)
        .await
        .assert_problem(409);
    // Another agenda's type is not bookable here.
    let mut wrong_type = request(ty, &start);
    wrong_type["type_id"] = json!(9999);
    book(&app, agenda, &wrong_type, None)
        .await
        .assert_problem(404);
    let rows = app.count("SELECT COUNT(*) FROM appointments").await;
    assert_eq!(rows, 0);
}

#[tokio::test]
async fn availability_queries_are_checked() {
    let app = common::demo_app().await;
    let base = "/api/v1/public/agendas/1/availability";
    let p = app
        .get(
            &format!("{base}?type_id=1&from=2026-13-01&to=2026-03-02"),
            None,
        )
        .await
        .assert_problem(400);
    assert!(p["errors"]["from"].is_string());
    let p = app
        .get(
            &format!("{base}?type_id=1&from=2026-03-05&to=2026-03-01"),
            None,
        )
        .await
        .assert_problem(400);
    assert!(p["errors"]["to"].is_string());
    let p = app
        .get(
            &format!("{base}?type_id=1&from=2026-01-01&to=2026-12-31"),
            None,
        )
        .await
        .assert_problem(400);
    assert!(p["errors"]["to"].as_str().unwrap().contains("62"));
    let p = app
        .get(&format!("{base}?from=2026-03-01&to=2026-03-02"), None)
        .await
        .assert_problem(400);
    assert!(p["detail"].as_str().unwrap().contains("type_id"), "{p}");
    app.get("/api/v1/public/agendas/999", None)
        .await
        .assert_problem(404);
}

#[tokio::test]
async fn staff_read_the_outbox_and_strangers_cannot() {
    let app = common::demo_app().await;
    app.get("/api/v1/outbox", None).await.assert_problem(401);
    let cookie = app.login_demo().await;
    let reply = app.get("/api/v1/outbox", Some(&cookie)).await;
    assert_eq!(reply.status, 200);
    assert!(reply.json().as_array().unwrap().is_empty());
}
