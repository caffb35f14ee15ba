//! `GET /api/v1/prospects/{id}/appointments`: a customer's appointments
//! for the prospect's drawer, on Frontdesk's store (the prospect's own and
//! the widget's bookings with the same email), on OnlineAfspraken (its
//! fake: the customer found by email), and Clubplanner saying it cannot.

mod common;

use chrono::{Duration, Utc};
use common::TestApp;
use serde_json::{Value, json};

/// A prospect created through the API: its id.
async fn prospect(app: &TestApp, cookie: &str, first: &str, email: &str) -> i64 {
    let body = json!({"first_name": first, "last_name": "Peeters", "email": email});
    let reply = app
        .post_json("/api/v1/prospects", &body.to_string(), Some(cookie))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    reply.json()["id"].as_i64().expect("an id")
}

/// An appointment written straight into the store, `days` from now at
/// this time of day, for an hour: its id.
async fn appointment(
    app: &TestApp,
    agenda: i64,
    ty: i64,
    days: i64,
    prospect_id: Option<i64>,
    email: &str,
    status: &str,
) -> i64 {
    let start = Utc::now() + Duration::days(days);
    let stamp = |t: chrono::DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    sqlx::query_scalar(
        "INSERT INTO appointments (agenda_id, type_id, prospect_id, starts_at, ends_at, status, name, \
         email, created_at) VALUES (?, ?, ?, ?, ?, ?, 'Someone', ?, ?) RETURNING id",
    )
    .bind(agenda)
    .bind(ty)
    .bind(prospect_id)
    .bind(stamp(start))
    .bind(stamp(start + Duration::hours(1)))
    .bind(status)
    .bind(email)
    .bind(stamp(Utc::now() - Duration::days(400)))
    .fetch_one(&app.state.db)
    .await
    .unwrap()
}

fn ids(list: &Value) -> Vec<i64> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|a| a["id"].as_i64().expect("an id"))
        .collect()
}

#[tokio::test]
async fn a_prospects_own_and_same_email_bookings_coming_and_past_and_no_one_elses() {
    let app = common::app().await;
    let cookie = common::staff_cookie(&app).await;
    let (agenda, ty, coach) = common::booking::small_agenda(&app, false).await;

    // Booked in the widget with the prospect's email, in other letters.
    let date = common::booking::future_date(5);
    common::booking::open_one_slot(&app, agenda, coach, &date).await;
    let grid = common::booking::grid(&app, agenda, ty, &date, &date).await;
    let start = common::booking::first_start(&grid).expect("a free slot");
    let mut request = common::booking::request(ty, &start);
    request["email"] = json!("  Ann@Example.BE ");
    let booked = common::booking::book(&app, agenda, &request, None).await;
    assert_eq!(booked.status, 201, "{}", booked.text());
    let widget: i64 = sqlx::query_scalar("SELECT id FROM appointments WHERE email LIKE '%Ann@%'")
        .fetch_one(&app.state.db)
        .await
        .unwrap();

    let ann = prospect(&app, &cookie, "Ann", "ann@example.be").await;
    let bo = prospect(&app, &cookie, "Bo", "bo@example.be").await;
    let soon = appointment(&app, agenda, ty, 2, Some(ann), "", "approved").await;
    let last_week = appointment(&app, agenda, ty, -7, Some(ann), "", "approved").await;
    let cancelled = appointment(&app, agenda, ty, -40, None, "ann@example.be", "cancelled").await;
    let too_old = appointment(&app, agenda, ty, -400, Some(ann), "", "approved").await;
    let too_far = appointment(&app, agenda, ty, 400, Some(ann), "", "approved").await;
    let bos = appointment(&app, agenda, ty, 3, Some(bo), "bo@example.be", "approved").await;
    let bos_past = appointment(&app, agenda, ty, -3, None, "bo@example.be", "approved").await;

    let reply = app
        .get(
            &format!("/api/v1/prospects/{ann}/appointments"),
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let list = reply.json();
    assert_eq!(ids(&list["coming"]), [soon, widget], "{list}");
    assert_eq!(ids(&list["past"]), [last_week, cancelled], "{list}");
    let all: Vec<i64> = [ids(&list["coming"]), ids(&list["past"])].concat();
    for other in [bos, bos_past, too_old, too_far] {
        assert!(
            !all.contains(&other),
            "{other} is not Ann's (or out of range): {list}"
        );
    }
    assert_eq!(list["past"][1]["status"], "cancelled");
    assert_eq!(list["timezone"], "Europe/Brussels");
    let today = Utc::now().date_naive();
    let from =
        chrono::NaiveDate::parse_from_str(list["from"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    let to = chrono::NaiveDate::parse_from_str(list["to"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    assert!((364..=367).contains(&(today - from).num_days()), "{from}");
    assert!((364..=367).contains(&(to - today).num_days()), "{to}");
    // The widget's booking reads as the calendar shows it.
    let booked = &list["coming"][1];
    assert_eq!(booked["date"], date);
    assert_eq!(booked["type_name"], "Intake");
    assert_eq!(booked["resource_name"], "Coach <b>Kim</b>");

    // Bo's list is Bo's.
    let reply = app
        .get(
            &format!("/api/v1/prospects/{bo}/appointments"),
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let list = reply.json();
    assert_eq!(ids(&list["coming"]), [bos]);
    assert_eq!(ids(&list["past"]), [bos_past]);
}

#[tokio::test]
async fn a_prospect_without_email_gets_only_its_own_not_every_empty_email() {
    let app = common::app().await;
    let cookie = common::staff_cookie(&app).await;
    let (agenda, ty, _) = common::booking::small_agenda(&app, false).await;
    let reply = app
        .post_json(
            "/api/v1/prospects",
            &json!({"first_name": "Cas", "last_name": "Nomail"}).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    let cas = reply.json()["id"].as_i64().unwrap();
    let own = appointment(&app, agenda, ty, 1, Some(cas), "", "pending").await;
    appointment(&app, agenda, ty, 2, None, "", "approved").await;
    let reply = app
        .get(
            &format!("/api/v1/prospects/{cas}/appointments"),
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let list = reply.json();
    // A pending booking whose hold ran out is not listed, as in the calendar.
    assert_eq!(ids(&list["coming"]), Vec::<i64>::new(), "{list}");
    sqlx::query("UPDATE appointments SET status = 'approved' WHERE id = ?")
        .bind(own)
        .execute(&app.state.db)
        .await
        .unwrap();
    let list = app
        .get(
            &format!("/api/v1/prospects/{cas}/appointments"),
            Some(&cookie),
        )
        .await
        .json();
    assert_eq!(ids(&list["coming"]), [own], "{list}");
    assert_eq!(ids(&list["past"]), Vec::<i64>::new(), "{list}");
}

#[tokio::test]
async fn staff_only_and_an_unknown_prospect_is_404() {
    let app = common::app().await;
    let cookie = common::staff_cookie(&app).await;
    let ann = prospect(&app, &cookie, "Ann", "ann@example.be").await;
    app.get(&format!("/api/v1/prospects/{ann}/appointments"), None)
        .await
        .assert_problem(401);
    app.get("/api/v1/prospects/999999/appointments", Some(&cookie))
        .await
        .assert_problem(404);
    app.get("/api/v1/prospects/abc/appointments", Some(&cookie))
        .await
        .assert_problem(400);
}

#[tokio::test]
async fn on_onlineafspraken_the_customer_with_the_email_and_only_theirs() {
    let fake = common::vendors::fakes().await;
    let (app, cookie, _agenda) = common::vendors::onlineafspraken_app(&fake).await;
    // The fake's customers: Anna (appointment 601), Bram (602).
    let anna = prospect(&app, &cookie, "Anna", "ANNA.PEETERS@example.be").await;
    let bram = prospect(&app, &cookie, "Bram", "bram.janssens@example.be").await;

    let reply = app
        .get(
            &format!("/api/v1/prospects/{anna}/appointments"),
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let list = reply.json();
    let row = |remote: &'static str| {
        let db = app.state.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM appointments WHERE remote_id = ?")
                .bind(remote)
                .fetch_optional(&db)
                .await
                .unwrap()
        }
    };
    let anna_s = row("601").await.expect("Anna's appointment kept");
    assert_eq!(ids(&list["coming"]), [anna_s], "{list}");
    assert_eq!(list["coming"][0]["name"], "Anna Peeters");
    assert!(row("602").await.is_none(), "Bram's was not read for Anna");

    let list = app
        .get(
            &format!("/api/v1/prospects/{bram}/appointments"),
            Some(&cookie),
        )
        .await
        .json();
    let bram_s = row("602").await.expect("Bram's appointment kept");
    assert_eq!(ids(&list["coming"]), [bram_s], "{list}");

    // And Anna's again: the rows kept for Bram are not hers.
    let list = app
        .get(
            &format!("/api/v1/prospects/{anna}/appointments"),
            Some(&cookie),
        )
        .await
        .json();
    assert_eq!(ids(&list["coming"]), [anna_s], "{list}");
}

#[tokio::test]
async fn clubplanner_cannot_and_says_so() {
    let fake = common::vendors::fakes().await;
    let table = common::vendors::clubplanner_table(&fake);
    let app = common::app_with(move |s, _| {
        use frontdesk_server::connectors::Capability;
        s.connectors
            .insert(Capability::Prospects, "clubplanner".into());
        s.connectors
            .insert(Capability::SalesSteps, "clubplanner".into());
        s.connectors
            .insert(Capability::Agenda, "clubplanner".into());
        s.vendors.clubplanner = Some(table);
    })
    .await;
    common::vendors::sync(&app).await;
    let cookie = common::staff_cookie(&app).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM prospects ORDER BY id LIMIT 1")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    let problem = app
        .get(
            &format!("/api/v1/prospects/{id}/appointments"),
            Some(&cookie),
        )
        .await
        .assert_problem(501);
    assert_eq!(problem["type"], "/problems/not-supported");
    assert!(
        problem["title"]
            .as_str()
            .unwrap_or_default()
            .contains("Clubplanner"),
        "{problem}"
    );
}
