//! Sales steps on the demo club: the plan in three languages, a prospect's
//! current step and history, choosing results (one of which books a trial
//! lesson in the agenda, re-checked like the widget's bookings), and the
//! staff agenda that shows it.

mod common;

use frontdesk_core::slots;
use serde_json::{Value, json};

const TRIAL: i64 = 2;
/// "Driss (coach)": the demo's fourth coach.
const DRISS: &str = "4";

async fn step_id(app: &common::TestApp, english_name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM sales_steps WHERE name_en = ?")
        .bind(english_name)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

/// Seeded prospects standing on a step, lowest id first.
async fn prospects_on(app: &common::TestApp, english_name: &str) -> Vec<i64> {
    let step = step_id(app, english_name).await;
    sqlx::query_scalar(
        "SELECT prospect_id FROM prospect_sales WHERE step_id = ? ORDER BY prospect_id",
    )
    .bind(step)
    .fetch_all(&app.state.db)
    .await
    .unwrap()
}

fn result_id(sales: &Value, label: &str) -> i64 {
    sales["current"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == label)
        .unwrap_or_else(|| panic!("no result {label} in {sales}"))["id"]
        .as_i64()
        .unwrap()
}

async fn sales_of(app: &common::TestApp, id: i64, cookie: &str) -> Value {
    let reply = app
        .get(&format!("/api/v1/prospects/{id}/sales"), Some(cookie))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()
}

async fn choose(app: &common::TestApp, id: i64, body: Value, cookie: &str) -> common::Reply {
    app.post_json(
        &format!("/api/v1/prospects/{id}/sales"),
        &body.to_string(),
        Some(cookie),
    )
    .await
}

/// The first free trial-lesson slot with Driss from two days on, as the
/// widget's grid shows it.
async fn free_trial_slot(app: &common::TestApp) -> (String, String) {
    let today = chrono::Utc::now().date_naive();
    let (from, to) = (
        today + chrono::Duration::days(2),
        today + chrono::Duration::days(20),
    );
    let reply = app
        .get(
            &format!("/api/v1/public/agendas/1/availability?type_id={TRIAL}&from={from}&to={to}"),
            None,
        )
        .await;
    let av: slots::Availability = serde_json::from_slice(&reply.body).unwrap();
    let grid = slots::compute(&av).unwrap();
    let slot = grid
        .days
        .iter()
        .flat_map(|d| d.slots.iter())
        .find(|s| s.resource_ids.contains(DRISS))
        .expect("Driss has a free trial slot");
    (slot.start.to_string(), slot.end.to_string())
}

async fn driss_is_free_at(app: &common::TestApp, start: &str) -> bool {
    let date = &start[..10];
    let reply = app
        .get(
            &format!("/api/v1/public/agendas/1/availability?type_id={TRIAL}&from={date}&to={date}"),
            None,
        )
        .await;
    let av: slots::Availability = serde_json::from_slice(&reply.body).unwrap();
    slots::compute(&av)
        .unwrap()
        .days
        .iter()
        .flat_map(|d| d.slots.iter())
        .any(|s| s.start == start && s.resource_ids.contains(DRISS))
}

#[tokio::test]
async fn the_plan_is_for_staff_in_their_language() {
    let app = common::demo_app().await;
    app.get("/api/v1/sales/steps", None)
        .await
        .assert_problem(401);
    let cookie = app.login_demo().await;

    let plan = app.get("/api/v1/sales/steps", Some(&cookie)).await.json();
    let names: Vec<&str> = plan
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names[0], "First call");
    assert_eq!(names.len(), 6);
    let first = &plan[0]["results"];
    assert_eq!(first[1]["label"], "Book a trial lesson");
    assert_eq!(first[1]["action"], "book_appointment");
    assert_eq!(first[1]["appointment_type_id"], TRIAL);
    assert_eq!(first[1]["agenda_id"], 1);
    assert_eq!(first[5]["action"], "close");
    assert_eq!(first[5]["set_status"], "not_interested");

    let dutch = app
        .get("/api/v1/sales/steps?lang=nl", Some(&cookie))
        .await
        .json();
    assert_eq!(
        dutch[0]["results"][1]["label"],
        "Afspraak maken voor proefles"
    );
    assert_eq!(
        dutch[0]["results"][6]["label"],
        "Klant niet te bereiken, verkoopproces afronden"
    );
    let french = app
        .get("/api/v1/sales/steps?lang=fr-BE", Some(&cookie))
        .await
        .json();
    assert_eq!(french[0]["name"], "Premier appel");
    app.get("/api/v1/sales/steps?language=nl", Some(&cookie))
        .await
        .assert_problem(400);
}

#[tokio::test]
async fn open_prospects_stand_on_a_step_and_closed_ones_do_not() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    app.get("/api/v1/prospects/999999/sales", Some(&cookie))
        .await
        .assert_problem(404);

    let open = prospects_on(&app, "After the tour").await[0];
    let sales = sales_of(&app, open, &cookie).await;
    assert_eq!(sales["current"]["name"], "After the tour");
    let history = sales["history"].as_array().unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["step_name"], "First call");
    assert_eq!(history[0]["result_label"], "Book a tour");
    assert!(history[0]["employee_name"].is_string());

    let member: i64 =
        sqlx::query_scalar("SELECT id FROM prospects WHERE status = 'member' LIMIT 1")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert!(sales_of(&app, member, &cookie).await["current"].is_null());

    // A prospect created later starts at the beginning of the plan.
    let created = app
        .post_json(
            "/api/v1/prospects",
            r#"{"last_name": "Nieuw", "status": "new"}"#,
            Some(&cookie),
        )
        .await
        .json();
    let fresh = sales_of(&app, created["id"].as_i64().unwrap(), &cookie).await;
    assert_eq!(fresh["current"]["name"], "First call");
    assert_eq!(fresh["history"], json!([]));
}

#[tokio::test]
async fn a_result_is_recorded_with_its_note_and_moves_the_prospect_on() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let id = prospects_on(&app, "First call").await[0];
    let before = sales_of(&app, id, &cookie).await;
    let no_answer = result_id(&before, "No answer");

    let reply = choose(
        &app,
        id,
        json!({"result_id": no_answer, "note": "<i>Voicemail</i> twice"}),
        &cookie,
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let after = reply.json();
    assert_eq!(after["current"]["name"], "Second call");
    let entry = &after["history"][0];
    assert_eq!(entry["step_name"], "First call");
    assert_eq!(entry["result_label"], "No answer");
    assert_eq!(entry["note"], "<i>Voicemail</i> twice");
    assert_eq!(entry["employee_name"], "Demo Manager");
    assert!(entry["appointment"].is_null());

    // "Call back in one day" set the next action.
    let prospect = app
        .get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await
        .json();
    assert_eq!(prospect["next_action"], "Second call");
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).date_naive();
    let due = prospect["next_action_due"].as_str().unwrap();
    assert!(
        due == tomorrow.to_string() || due == (tomorrow + chrono::Duration::days(1)).to_string(),
        "{due}"
    );

    // The same result again is no longer at the prospect's step.
    let again = choose(&app, id, json!({"result_id": no_answer}), &cookie).await;
    let problem = again.assert_problem(422);
    assert!(problem["errors"]["result_id"].is_string(), "{problem}");
}

#[tokio::test]
async fn closing_ends_the_process() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let id = prospects_on(&app, "First call").await[1];
    let sales = sales_of(&app, id, &cookie).await;
    let not_interested = result_id(&sales, "Not interested");
    let after = choose(&app, id, json!({"result_id": not_interested}), &cookie)
        .await
        .json();
    assert!(after["current"].is_null(), "{after}");
    let prospect = app
        .get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await
        .json();
    assert_eq!(prospect["status"], "not_interested");
    let problem = choose(&app, id, json!({"result_id": not_interested}), &cookie)
        .await
        .assert_problem(422);
    assert!(
        problem["errors"]["result_id"]
            .as_str()
            .unwrap()
            .contains("ended")
    );
}

#[tokio::test]
async fn requests_are_checked_field_by_field() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let id = prospects_on(&app, "First call").await[2];
    let sales = sales_of(&app, id, &cookie).await;
    let trial = result_id(&sales, "Book a trial lesson");
    let no_answer = result_id(&sales, "No answer");
    let (start, end) = free_trial_slot(&app).await;

    choose(&app, 999_999, json!({"result_id": trial}), &cookie)
        .await
        .assert_problem(404);
    let anonymous = app
        .post_json(
            &format!("/api/v1/prospects/{id}/sales"),
            &json!({"result_id": no_answer}).to_string(),
            None,
        )
        .await;
    anonymous.assert_problem(401);

    let cases = [
        (json!({"result_id": trial}), "appointment"),
        (
            json!({"result_id": trial, "appointment": {"type_id": 1, "resource_id": DRISS, "start": start, "end": end}}),
            "appointment.type_id",
        ),
        (
            json!({"result_id": trial, "appointment": {"type_id": TRIAL, "start": "soon", "end": end}}),
            "appointment.start",
        ),
        (
            json!({"result_id": trial, "appointment": {"type_id": TRIAL, "start": start, "end": start}}),
            "appointment.end",
        ),
        (
            json!({"result_id": no_answer, "appointment": {"type_id": TRIAL, "start": start, "end": end}}),
            "appointment",
        ),
        (
            json!({"result_id": no_answer, "note": "x".repeat(2001)}),
            "note",
        ),
        (json!({"result_id": no_answer, "colour": "red"}), "colour"),
        (json!({"note": "no result"}), "result_id"),
    ];
    for (body, field) in cases {
        let problem = choose(&app, id, body.clone(), &cookie)
            .await
            .assert_problem(422);
        assert!(problem["errors"][field].is_string(), "{field}: {problem}");
    }
    // A one-hour trial that claims to last half an hour.
    let short_end =
        chrono::DateTime::parse_from_rfc3339(&start).unwrap() + chrono::Duration::minutes(30);
    let problem = choose(
        &app,
        id,
        json!({"result_id": trial, "appointment": {"type_id": TRIAL, "start": start, "end": short_end.to_rfc3339()}}),
        &cookie,
    )
    .await
    .assert_problem(422);
    assert!(
        problem["errors"]["appointment.end"].is_string(),
        "{problem}"
    );
    // Nothing of the refused requests was kept.
    assert_eq!(sales_of(&app, id, &cookie).await, sales);
}

#[tokio::test]
async fn booking_a_trial_lesson_puts_it_in_the_agenda_and_takes_the_slot() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let first_callers = prospects_on(&app, "First call").await;
    let (id, rival) = (first_callers[3], first_callers[4]);
    let sales = sales_of(&app, id, &cookie).await;
    let trial = result_id(&sales, "Book a trial lesson");
    let (start, end) = free_trial_slot(&app).await;
    assert!(driss_is_free_at(&app, &start).await);

    let slot = json!({"type_id": TRIAL, "resource_id": DRISS, "start": start, "end": end});
    let reply = choose(
        &app,
        id,
        json!({"result_id": trial, "note": "Wants a coach who speaks French", "appointment": slot}),
        &cookie,
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let after = reply.json();
    assert_eq!(after["current"]["name"], "After the trial lesson");
    let appointment = &after["history"][0]["appointment"];
    assert_eq!(appointment["status"], "approved");
    assert_eq!(appointment["type_name"], "Trial lesson");
    assert_eq!(appointment["resource_name"], "Driss (coach)");
    assert_eq!(appointment["prospect_id"], id);
    assert_eq!(appointment["date"], &start[..10]);
    assert_eq!(appointment["start_time"], &start[11..16]);
    assert_eq!(appointment["timezone"], "Europe/Brussels");
    let prospect = app
        .get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await
        .json();
    assert_eq!(prospect["status"], "trial");
    let name = format!(
        "{} {}",
        prospect["first_name"].as_str().unwrap(),
        prospect["last_name"].as_str().unwrap()
    );
    assert_eq!(appointment["name"], name.as_str());

    // The widget no longer offers that time with Driss.
    assert!(!driss_is_free_at(&app, &start).await);

    // The staff agenda of that day shows it.
    let date = &start[..10];
    let agenda = app
        .get(
            &format!("/api/v1/appointments?from={date}&to={date}"),
            Some(&cookie),
        )
        .await;
    assert_eq!(agenda.status, 200, "{}", agenda.text());
    let agenda = agenda.json();
    assert_eq!(agenda["timezone"], "Europe/Brussels");
    let items = agenda["items"].as_array().unwrap();
    assert!(items.iter().all(|a| a["date"] == date), "{agenda}");
    assert!(
        items
            .iter()
            .any(|a| a["id"] == appointment["id"] && a["name"] == name.as_str()),
        "{agenda}"
    );

    // A second booking of the same time with Driss is refused, and leaves
    // nothing behind.
    let rival_before = sales_of(&app, rival, &cookie).await;
    let rival_trial = result_id(&rival_before, "Book a trial lesson");
    let problem = choose(
        &app,
        rival,
        json!({"result_id": rival_trial, "appointment": slot}),
        &cookie,
    )
    .await
    .assert_problem(409);
    assert!(
        problem["errors"]["appointment.start"].is_string(),
        "{problem}"
    );
    assert!(problem["detail"].as_str().unwrap().contains("another time"));
    assert_eq!(sales_of(&app, rival, &cookie).await, rival_before);
}

#[tokio::test]
async fn the_staff_agenda_checks_its_dates() {
    let app = common::demo_app().await;
    app.get("/api/v1/appointments?from=2026-03-01&to=2026-03-01", None)
        .await
        .assert_problem(401);
    let cookie = app.login_demo().await;
    for (query, field) in [
        ("from=2026-02-30&to=2026-03-01", "from"),
        ("from=2026-03-01&to=tomorrow", "to"),
        ("from=2026-03-02&to=2026-03-01", "to"),
        ("from=2026-03-01&to=2026-05-02", "to"),
    ] {
        let problem = app
            .get(&format!("/api/v1/appointments?{query}"), Some(&cookie))
            .await
            .assert_problem(400);
        assert!(problem["errors"][field].is_string(), "{query}: {problem}");
    }
    app.get("/api/v1/appointments?from=2026-03-01", Some(&cookie))
        .await
        .assert_problem(400);

    // The seeded fortnight, each appointment on the local date asked for.
    let today = chrono::Utc::now().date_naive();
    let to = today + chrono::Duration::days(15);
    let list = app
        .get(
            &format!("/api/v1/appointments?from={today}&to={to}"),
            Some(&cookie),
        )
        .await
        .json();
    let items = list["items"].as_array().unwrap();
    assert!(items.len() >= 30, "{}", items.len());
    let mut previous = String::new();
    for a in items {
        let start = a["start"].as_str().unwrap().to_owned();
        assert!(start >= previous, "in start order");
        previous = start;
        assert!(a["name"].is_string() && a["resource_name"].is_string());
        assert_eq!(a["start_time"].as_str().unwrap().len(), 5);
    }
}
