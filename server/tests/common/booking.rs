//! The public booking routes' test helpers: a small agenda of one coach,
//! its slots, booking and the last message's code and link.

use axum::body::Body;
use axum::http::{Request, header};
use frontdesk_core::slots;
use serde_json::{Value, json};

/// An agenda with one coach and exactly `places` bookable starts on the
/// given date, far enough ahead for any notice.
pub async fn small_agenda(app: &super::TestApp, requires_confirmation: bool) -> (i64, i64, i64) {
    let db = &app.state.db;
    let agenda: i64 = sqlx::query_scalar(
        "INSERT INTO agendas (name, timezone, align_grid_min, requires_confirmation, cancel_cutoff_min) \
         VALUES ('Small', 'Europe/Brussels', 60, ?, 60) RETURNING id",
    )
    .bind(requires_confirmation)
    .fetch_one(db)
    .await
    .unwrap();
    let coach: i64 =
        sqlx::query_scalar("INSERT INTO resources (agenda_id, name, kind) VALUES (?, 'Coach <b>Kim</b>', 'coach') RETURNING id")
            .bind(agenda)
            .fetch_one(db)
            .await
            .unwrap();
    let ty: i64 = sqlx::query_scalar(
        "INSERT INTO appointment_types (agenda_id, name, duration_min, buffer_min, scheduling, capacity) \
         VALUES (?, 'Intake', 60, 0, 'resource', 1) RETURNING id",
    )
    .bind(agenda)
    .fetch_one(db)
    .await
    .unwrap();
    sqlx::query("INSERT INTO appointment_type_resources (type_id, resource_id) VALUES (?, ?)")
        .bind(ty)
        .bind(coach)
        .execute(db)
        .await
        .unwrap();
    sqlx::query("INSERT INTO form_fields (type_id, key, label, kind, required) VALUES (?, 'goal', 'Goal', 'text', 1)")
        .bind(ty)
        .execute(db)
        .await
        .unwrap();
    (agenda, ty, coach)
}

/// Opens `date` 10:00–11:00 for the coach: one slot.
pub async fn open_one_slot(app: &super::TestApp, agenda: i64, coach: i64, date: &str) {
    sqlx::query(
        "INSERT INTO availability_blocks (agenda_id, resource_id, date, start_time, end_time) VALUES (?, ?, ?, '10:00', '11:00')",
    )
    .bind(agenda)
    .bind(coach)
    .bind(date)
    .execute(&app.state.db)
    .await
    .unwrap();
}

pub fn future_date(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(days))
        .date_naive()
        .to_string()
}

pub async fn grid(
    app: &super::TestApp,
    agenda: i64,
    ty: i64,
    from: &str,
    to: &str,
) -> slots::SlotGrid {
    let reply = app
        .get(
            &format!(
                "/api/v1/public/agendas/{agenda}/availability?type_id={ty}&from={from}&to={to}"
            ),
            None,
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let av: slots::Availability = serde_json::from_slice(&reply.body).unwrap();
    slots::compute(&av).unwrap()
}

pub fn first_start(grid: &slots::SlotGrid) -> Option<String> {
    grid.days
        .iter()
        .flat_map(|d| d.slots.iter())
        .next()
        .map(|s| s.start.to_string())
}

pub async fn book(
    app: &super::TestApp,
    agenda: i64,
    body: &Value,
    key: Option<&str>,
) -> super::Reply {
    let mut req = Request::post(format!("/api/v1/public/agendas/{agenda}/bookings"))
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(k) = key {
        req = req.header("idempotency-key", k);
    }
    app.send(req.body(Body::from(body.to_string())).unwrap())
        .await
}

/// Sends every booking at once, each on its own task, and returns their
/// answers (status, body) in the order given.
pub async fn book_at_once(
    app: &super::TestApp,
    agenda: i64,
    bodies: impl Iterator<Item = Value>,
) -> Vec<(u16, Value)> {
    use tower::ServiceExt;
    let tasks: Vec<_> = bodies
        .map(|body| {
            let router = app.router.clone();
            tokio::spawn(async move {
                let req = Request::post(format!("/api/v1/public/agendas/{agenda}/bookings"))
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(body.to_string()))
                    .unwrap();
                let res = router.oneshot(req).await.unwrap();
                let status = res.status().as_u16();
                let bytes = http_body_util::BodyExt::collect(res.into_body())
                    .await
                    .unwrap()
                    .to_bytes();
                (status, serde_json::from_slice::<Value>(&bytes).unwrap())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for t in tasks {
        answers.push(t.await.unwrap());
    }
    answers
}

pub fn request(ty: i64, start: &str) -> Value {
    json!({"type_id": ty, "start": start, "name": "Ann Peeters", "email": "ann@example.be",
           "fields": {"goal": "Get fit"}, "language": "nl"})
}

pub async fn outbox_code(app: &super::TestApp) -> (String, String) {
    let (body,): (String,) = sqlx::query_as("SELECT body FROM outbox ORDER BY id DESC LIMIT 1")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    let code = body
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .expect("a six-digit code")
        .to_owned();
    let token = body
        .split("token=")
        .nth(1)
        .unwrap()
        .split(|c: char| c.is_whitespace() || c == '&')
        .next()
        .unwrap()
        .to_owned();
    (code, token)
}
