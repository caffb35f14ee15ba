//! The conformance suite of the front desk's changes to the calendar: the
//! same test functions, through the staff routes, against the local store,
//! OnlineAfspraken (its fake) and Clubplanner's sales calendar (its fake).
//! What a vendor has no call for is an ignored test that says why, so
//! `cargo test -- --ignored --list` (and the run's summary) names it.

mod common;

use chrono::{Datelike, Duration, NaiveDate, Utc};
use common::TestApp;
use frontdesk_fakes::FakeVendors;
use serde_json::{Value, json};

struct Subject {
    app: TestApp,
    cookie: String,
    agenda: i64,
    ty: i64,
    answers: Value,
    fake: Option<FakeVendors>,
    /// The system whose state is checked besides Frontdesk's answers.
    vendor: Option<&'static str>,
}

/// Frontdesk's own agenda: two coaches, 10:00–12:00 on days 3 to 10.
async fn local() -> Subject {
    let app = common::app().await;
    let (agenda, ty, kim) = common::booking::small_agenda(&app, false).await;
    let lou: i64 = sqlx::query_scalar(
        "INSERT INTO resources (agenda_id, name, kind) VALUES (?, 'Coach Lou', 'coach') RETURNING id",
    )
    .bind(agenda)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    sqlx::query("INSERT INTO appointment_type_resources (type_id, resource_id) VALUES (?, ?)")
        .bind(ty)
        .bind(lou)
        .execute(&app.state.db)
        .await
        .unwrap();
    for day in 3..=10 {
        for coach in [kim, lou] {
            sqlx::query(
                "INSERT INTO availability_blocks (agenda_id, resource_id, date, start_time, end_time) \
                 VALUES (?, ?, ?, '10:00', '12:00')",
            )
            .bind(agenda)
            .bind(coach)
            .bind(common::booking::future_date(day))
            .execute(&app.state.db)
            .await
            .unwrap();
        }
    }
    let cookie = common::staff_cookie(&app).await;
    Subject {
        app,
        cookie,
        agenda,
        ty,
        answers: json!({"goal": "Get fit"}),
        fake: None,
        vendor: None,
    }
}

/// OnlineAfspraken's demo gym, its Intake (Sarah and Tom).
async fn onlineafspraken() -> Subject {
    let fake = common::vendors::fakes().await;
    let (app, cookie, agenda) = common::vendors::onlineafspraken_app(&fake).await;
    let ty: i64 = sqlx::query_scalar(
        "SELECT id FROM appointment_types WHERE agenda_id = ? AND remote_id = '201'",
    )
    .bind(agenda)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    Subject {
        app,
        cookie,
        agenda,
        ty,
        answers: json!({"Goal": "Get fit"}),
        fake: Some(fake),
        vendor: Some("onlineafspraken"),
    }
}

/// Clubplanner's sales calendar, read by the calendar.
async fn clubplanner() -> Subject {
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
    // The seed's date: the items become rows of the sales agenda.
    let list = app
        .get(
            "/api/v1/appointments?from=2025-11-19&to=2025-11-19",
            Some(&cookie),
        )
        .await;
    assert_eq!(list.status, 200, "{}", list.text());
    let (agenda, ty): (i64, i64) = sqlx::query_as(
        "SELECT agenda_id, type_id FROM appointments WHERE name = 'Teamoverleg' LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    Subject {
        app,
        cookie,
        agenda,
        ty,
        answers: json!({}),
        fake: Some(fake),
        vendor: Some("clubplanner"),
    }
}

type Free = Vec<(String, String)>;

impl Subject {
    async fn send(&self, method: &str, uri: &str, body: Value) -> common::Reply {
        self.app
            .send_json(method, uri, &body.to_string(), Some(&self.cookie))
            .await
    }

    /// The widget's free (start, resource) pairs of `from..=to`.
    async fn free_between(&self, from: NaiveDate, to: NaiveDate) -> Free {
        let (a, t) = (self.agenda, self.ty);
        let r = self
            .app
            .get(
                &format!("/api/v1/public/agendas/{a}/availability?type_id={t}&from={from}&to={to}"),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        let av: frontdesk_core::slots::Availability = serde_json::from_value(r.json()).unwrap();
        let grid = frontdesk_core::slots::compute(&av).unwrap();
        grid.days
            .iter()
            .flat_map(|d| d.slots.iter())
            .flat_map(|s| {
                s.resource_ids
                    .iter()
                    .map(|r| (s.start.to_string(), r.to_owned()))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    async fn free(&self) -> Free {
        let today = Utc::now().date_naive();
        self.free_between(today + Duration::days(2), today + Duration::days(12))
            .await
    }

    async fn book(
        &self,
        start: &str,
        resource: &str,
        email: &str,
        reason: Option<&str>,
    ) -> common::Reply {
        let mut body = json!({
            "agenda_id": self.agenda, "type_id": self.ty, "start": start,
            "resource_id": resource, "name": "Desk Booked", "email": email,
            "phone": "+32 470 12 34 56", "fields": self.answers,
        });
        if let Some(r) = reason {
            body["override_reason"] = json!(r);
        }
        self.send("POST", "/api/v1/appointments", body).await
    }

    /// A booked appointment to change: one the desk books, or (where the
    /// desk cannot book) one the vendor already has.
    async fn some_appointment(&self) -> Value {
        if self.vendor == Some("clubplanner") {
            let list = self
                .app
                .get(
                    "/api/v1/appointments?from=2025-11-19&to=2025-11-19",
                    Some(&self.cookie),
                )
                .await;
            return list.json()["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["name"] == "Teamoverleg")
                .cloned()
                .unwrap();
        }
        let (start, r) = self.free().await.into_iter().next().expect("a free slot");
        let reply = self.book(&start, &r, "some.one@example.be", None).await;
        assert_eq!(reply.status, 201, "{}", reply.text());
        reply.json()
    }

    async fn calendar_of(&self, a: &Value) -> Vec<Value> {
        let date = a["date"].as_str().unwrap();
        let list = self
            .app
            .get(
                &format!("/api/v1/appointments?from={date}&to={date}"),
                Some(&self.cookie),
            )
            .await;
        assert_eq!(list.status, 200, "{}", list.text());
        list.json()["items"].as_array().unwrap().clone()
    }

    /// The vendor's enabled appointments of `email`: (wall start, resource
    /// id there, the answers it keeps).
    fn at_vendor(&self, email: &str) -> Vec<(String, i64, String)> {
        let Some(fake) = &self.fake else {
            return Vec::new();
        };
        let s = fake.snapshot().onlineafspraken;
        let Some(customer) = s.customers.values().find(|c| c.email == email) else {
            return Vec::new();
        };
        s.appointments
            .values()
            .filter(|a| a.customer_id == customer.id && a.status == 1 && a.label != 4)
            .map(|a| {
                (
                    a.start_time.format("%Y-%m-%d %H:%M").to_string(),
                    a.resources.first().map_or(0, |r| r.resource_id),
                    format!("{:?}", a.extra),
                )
            })
            .collect()
    }

    async fn remote_resource(&self, local: &str) -> i64 {
        sqlx::query_scalar::<_, String>("SELECT remote_id FROM resources WHERE id = ?")
            .bind(local.parse::<i64>().unwrap())
            .fetch_one(&self.app.state.db)
            .await
            .unwrap()
            .parse()
            .unwrap()
    }
}

fn same_instant(a: &str, b: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(a).unwrap()
        == chrono::DateTime::parse_from_rfc3339(b).unwrap()
}

// ---- the test functions ------------------------------------------------------

async fn a_desk_booking_takes_its_slot_from_the_widget(s: Subject) {
    let free = s.free().await;
    let (start, r) = free.first().cloned().expect("a free slot");
    let reply = s.book(&start, &r, "walk.in@example.be", None).await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    let a = reply.json();
    assert_eq!(a["name"], "Desk Booked");
    assert_eq!(a["status"], "approved", "the desk books without a code");
    assert_eq!(a["resource_id"], json!(r));
    assert!(same_instant(a["start"].as_str().unwrap(), &start));
    assert!(
        !s.free().await.contains(&(start.clone(), r.clone())),
        "the widget no longer offers it"
    );
    assert!(s.calendar_of(&a).await.iter().any(|i| i["id"] == a["id"]));
    if s.vendor.is_some() {
        let at = s.at_vendor("walk.in@example.be");
        assert_eq!(at.len(), 1, "{at:?}");
        assert_eq!(at[0].1, s.remote_resource(&r).await);
        assert!(
            at[0].2.contains("Get fit"),
            "the agenda's question: {}",
            at[0].2
        );
    }
}

async fn a_move_to_another_coach_and_time_frees_the_old_slot(s: Subject) {
    let free = s.free().await;
    let (a_start, r1) = free.first().cloned().unwrap();
    let (b_start, r2) = free
        .iter()
        .find(|(st, r)| *r != r1 && *st != a_start)
        .cloned()
        .expect("another coach free at another time");
    let booked = s.book(&a_start, &r1, "mover@example.be", None).await;
    assert_eq!(booked.status, 201, "{}", booked.text());
    let id = booked.json()["id"].as_i64().unwrap();
    let moved = s
        .send(
            "PATCH",
            &format!("/api/v1/appointments/{id}"),
            json!({"start": b_start, "resource_id": r2}),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.text());
    let m = moved.json();
    assert_eq!(m["id"], id, "the same appointment for the desk");
    assert_eq!(m["resource_id"], json!(r2));
    assert!(same_instant(m["start"].as_str().unwrap(), &b_start));
    let now = s.free().await;
    assert!(
        now.contains(&(a_start.clone(), r1.clone())),
        "the old slot is free again"
    );
    assert!(
        !now.contains(&(b_start.clone(), r2.clone())),
        "the new one is taken"
    );
    if s.vendor.is_some() {
        let at = s.at_vendor("mover@example.be");
        assert_eq!(at.len(), 1, "one appointment, not two: {at:?}");
        assert_eq!(at[0].1, s.remote_resource(&r2).await);
        assert!(
            at[0].2.contains("Get fit"),
            "the answer moved along: {}",
            at[0].2
        );
    }
    // Longer, on the same coach: an edit of the same appointment.
    let longer = s
        .send(
            "PATCH",
            &format!("/api/v1/appointments/{id}"),
            json!({"start": b_start, "minutes": 45, "override_reason": "Needs more time"}),
        )
        .await;
    assert_eq!(longer.status, 200, "{}", longer.text());
    let l = longer.json();
    assert_eq!(l["resource_id"], json!(r2));
    let (start, end) = (
        chrono::DateTime::parse_from_rfc3339(l["start"].as_str().unwrap()).unwrap(),
        chrono::DateTime::parse_from_rfc3339(l["end"].as_str().unwrap()).unwrap(),
    );
    assert_eq!((end - start).num_minutes(), 45);
    if s.vendor.is_some() {
        let at = s.at_vendor("mover@example.be");
        assert_eq!(at.len(), 1, "{at:?}");
        assert!(
            at[0].2.contains("Get fit"),
            "the agenda's question survives the edit: {}",
            at[0].2
        );
    }
}

async fn an_override_needs_a_reason_and_is_logged(s: Subject) {
    let (start, r) = s.free().await.first().cloned().unwrap();
    // 03:00 the same day: outside every opening hour.
    let early = format!("{}T03:00:00{}", &start[..10], &start[19..]);
    let refused = s.book(&early, &r, "early@example.be", None).await;
    let p = refused.assert_problem(409);
    assert_eq!(p["type"], "/problems/override-needed");
    assert!(p["errors"]["override_reason"].is_string(), "{p}");
    let blank = s.book(&early, &r, "early@example.be", Some("  ")).await;
    blank.assert_problem(409);
    let ok = s
        .book(
            &early,
            &r,
            "early@example.be",
            Some("Shift worker, agreed with the coach"),
        )
        .await;
    assert_eq!(ok.status, 201, "{}", ok.text());
    let id = ok.json()["id"].as_i64().unwrap();
    let (rule, reason, who): (String, String, Option<i64>) = sqlx::query_as(
        "SELECT overridden, reason, staff_user_id FROM agenda_log WHERE appointment_id = ? AND action = 'book'",
    )
    .bind(id)
    .fetch_one(&s.app.state.db)
    .await
    .unwrap();
    assert_eq!(rule, "outside_hours");
    assert_eq!(reason, "Shift worker, agreed with the coach");
    assert!(who.is_some(), "who overrode it");

    // Taken: the same slot twice.
    let first = s.book(&start, &r, "first@example.be", None).await;
    assert_eq!(first.status, 201, "{}", first.text());
    let second = s.book(&start, &r, "second@example.be", None).await;
    let p = second.assert_problem(409);
    assert_eq!(p["title"], "This time is taken");
    let over = s
        .book(&start, &r, "second@example.be", Some("Brother comes along"))
        .await;
    assert_eq!(over.status, 201, "{}", over.text());
}

async fn a_club_cancellation_tells_the_customer_when_asked(s: Subject) {
    let free = s.free().await;
    let (a, r) = free.first().cloned().unwrap();
    let booked = s.book(&a, &r, "told@example.be", None).await;
    assert_eq!(booked.status, 201, "{}", booked.text());
    let id = booked.json()["id"].as_i64().unwrap();
    let cancelled = s
        .send(
            "POST",
            &format!("/api/v1/appointments/{id}/cancel"),
            json!({"reason": "Coach is ill", "notify": true}),
        )
        .await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.text());
    assert_eq!(cancelled.json()["status"], "cancelled");
    assert!(
        s.free().await.contains(&(a.clone(), r.clone())),
        "free again"
    );
    let again = s
        .send(
            "POST",
            &format!("/api/v1/appointments/{id}/cancel"),
            json!({"reason": "", "notify": false}),
        )
        .await;
    again.assert_problem(409);

    let (b, r2) = s.free().await.into_iter().find(|(st, _)| *st != a).unwrap();
    let quiet = s.book(&b, &r2, "quiet@example.be", None).await;
    let quiet_id = quiet.json()["id"].as_i64().unwrap();
    let reply = s
        .send(
            "POST",
            &format!("/api/v1/appointments/{quiet_id}/cancel"),
            json!({"reason": "Double booking", "notify": false}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());

    match &s.fake {
        None => {
            let told: Vec<String> = sqlx::query_scalar(
                "SELECT body FROM outbox WHERE to_address = 'told@example.be' AND subject LIKE '%cancelled%'",
            )
            .fetch_all(&s.app.state.db)
            .await
            .unwrap();
            assert_eq!(told.len(), 1, "{told:?}");
            assert!(told[0].contains("Coach is ill"), "{}", told[0]);
            let quiet: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM outbox WHERE to_address = 'quiet@example.be' AND subject LIKE '%cancelled%'",
            )
            .fetch_one(&s.app.state.db)
            .await
            .unwrap();
            assert_eq!(quiet, 0, "not told when staff said so");
        }
        Some(fake) => {
            let state = fake.snapshot().onlineafspraken;
            let sent: Vec<&str> = state
                .outbox
                .iter()
                .filter(|m| m.kind == "cancellation")
                .map(|m| m.to.as_str())
                .collect();
            assert_eq!(
                sent,
                ["told@example.be"],
                "the vendor told only the one to tell"
            );
            let remarks: Vec<Option<String>> = state
                .appointments
                .values()
                .filter(|a| a.label == 4)
                .map(|a| a.cancel_remarks.clone())
                .collect();
            assert!(
                remarks.contains(&Some("Coach is ill".into())),
                "{remarks:?}"
            );
        }
    }
}

async fn removing_takes_it_away_at_the_vendor_too(s: Subject) {
    let a = s.some_appointment().await;
    let id = a["id"].as_i64().unwrap();
    let remote: Option<String> =
        sqlx::query_scalar("SELECT remote_id FROM appointments WHERE id = ?")
            .bind(id)
            .fetch_one(&s.app.state.db)
            .await
            .unwrap();
    let gone = s
        .app
        .delete(&format!("/api/v1/appointments/{id}"), Some(&s.cookie))
        .await;
    assert_eq!(gone.status, 204, "{}", gone.text());
    assert!(
        !s.calendar_of(&a)
            .await
            .iter()
            .any(|i| i["name"] == a["name"] && i["start"] == a["start"]),
        "not in the calendar, even read afresh from the vendor"
    );
    let again = s
        .app
        .delete(&format!("/api/v1/appointments/{id}"), Some(&s.cookie))
        .await;
    again.assert_problem(404);
    if let (Some(fake), Some(remote)) = (&s.fake, remote) {
        let remote: i64 = remote.parse().unwrap();
        let state = fake.snapshot();
        match s.vendor {
            Some("clubplanner") => {
                assert!(!state.clubplanner.calendar_items.contains_key(&remote));
            }
            _ => {
                assert_eq!(
                    state.onlineafspraken.appointments[&remote].status, 3,
                    "removed there"
                );
            }
        }
    }
}

async fn attendance_is_kept_beside_the_booking(s: Subject) {
    let a = s.some_appointment().await;
    let id = a["id"].as_i64().unwrap();
    let put = s
        .send(
            "PUT",
            &format!("/api/v1/appointments/{id}/attendance"),
            json!({"attendance": "no_show"}),
        )
        .await;
    assert_eq!(put.status, 200, "{}", put.text());
    assert_eq!(put.json()["attendance"], "no_show");
    // Read afresh (from the vendor too): still there.
    let listed = s.calendar_of(&a).await;
    let row = listed.iter().find(|i| i["id"] == id).expect("listed");
    assert_eq!(row["attendance"], "no_show");
    let bad = s
        .send(
            "PUT",
            &format!("/api/v1/appointments/{id}/attendance"),
            json!({"attendance": "maybe"}),
        )
        .await;
    bad.assert_problem(422);
    let cleared = s
        .send(
            "PUT",
            &format!("/api/v1/appointments/{id}/attendance"),
            json!({"attendance": null}),
        )
        .await;
    assert_eq!(cleared.json()["attendance"], Value::Null);
}

async fn a_block_opens_slots_and_removing_it_closes_them(s: Subject) {
    let today = Utc::now().date_naive();
    // A Sunday in 11 to 17 days: no opening hours there.
    let sunday = (11..18)
        .map(|d| today + Duration::days(d))
        .find(|d| d.weekday() == chrono::Weekday::Sun)
        .unwrap();
    assert!(s.free_between(sunday, sunday).await.is_empty());
    let coach: String = s.free().await.first().unwrap().1.clone();
    let a = s.agenda;
    let bad = s
        .send(
            "POST",
            &format!("/api/v1/agendas/{a}/blocks"),
            json!({"resource_id": coach, "date": sunday.to_string(), "start": "12:00", "end": "10:00"}),
        )
        .await;
    let p = bad.assert_problem(422);
    assert!(p["errors"]["end"].is_string(), "{p}");
    let added = s
        .send(
            "POST",
            &format!("/api/v1/agendas/{a}/blocks"),
            json!({"resource_id": coach, "date": sunday.to_string(), "start": "10:00", "end": "12:00"}),
        )
        .await;
    assert_eq!(added.status, 201, "{}", added.text());
    let block = added.json()["id"].as_i64().unwrap();
    let open = s.free_between(sunday, sunday).await;
    assert!(!open.is_empty(), "the widget offers the Sunday");
    assert!(open.iter().all(|(_, r)| *r == coach), "{open:?}");
    let listed = s
        .app
        .get(
            &format!("/api/v1/agendas/{a}/blocks?from={sunday}&to={sunday}"),
            Some(&s.cookie),
        )
        .await;
    assert!(
        listed
            .json()
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["id"] == block)
    );
    if let Some(fake) = &s.fake {
        assert_eq!(
            fake.snapshot().onlineafspraken.blocks.len(),
            1,
            "added there"
        );
    }
    let removed = s
        .app
        .delete(
            &format!("/api/v1/agendas/{a}/blocks/{block}"),
            Some(&s.cookie),
        )
        .await;
    assert_eq!(removed.status, 204, "{}", removed.text());
    assert!(
        s.free_between(sunday, sunday).await.is_empty(),
        "closed again"
    );
    if let Some(fake) = &s.fake {
        assert!(
            fake.snapshot().onlineafspraken.blocks.is_empty(),
            "removed there"
        );
    }
}

async fn weekly_hours_change_what_the_widget_offers(s: Subject) {
    let today = Utc::now().date_naive();
    // A Sunday in 11 to 17 days: no opening hours there.
    let sunday = (11..18)
        .map(|d| today + Duration::days(d))
        .find(|d| d.weekday() == chrono::Weekday::Sun)
        .unwrap();
    assert!(s.free_between(sunday, sunday).await.is_empty());
    let coach: String = s.free().await.first().unwrap().1.clone();
    let before = s.free().await.len();
    let a = s.agenda;
    let path = format!("/api/v1/agendas/{a}/hours");
    let bad = s
        .send(
            "PUT",
            &path,
            json!({"resource_id": coach, "hours": [
                {"weekday": 7, "start": "12:00", "end": "10:00"},
                {"weekday": 8, "start": "09:00", "end": "10:00"},
                {"weekday": 6, "start": "09:00", "end": "12:00"},
                {"weekday": 6, "start": "11:00", "end": "13:00"},
            ]}),
        )
        .await;
    let p = bad.assert_problem(422);
    for field in ["hours[0].end", "hours[1].weekday", "hours[3].start"] {
        assert!(p["errors"][field].is_string(), "{field}: {p}");
    }
    assert!(
        s.free_between(sunday, sunday).await.is_empty(),
        "nothing stored"
    );
    let saved = s
        .send(
            "PUT",
            &path,
            json!({"resource_id": coach, "hours": [
                {"weekday": 7, "start": "13:00", "end": "15:00"},
                {"weekday": 7, "start": "09:00", "end": "12:00"},
            ]}),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    let week = saved.json();
    let stored: Vec<(i64, &str, &str)> = week
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["weekday"].as_i64().unwrap(),
                b["start"].as_str().unwrap(),
                b["end"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(stored, vec![(7, "09:00", "12:00"), (7, "13:00", "15:00")]);
    let open = s.free_between(sunday, sunday).await;
    assert!(!open.is_empty(), "the widget offers the Sunday");
    assert!(open.iter().all(|(_, r)| *r == coach), "{open:?}");
    assert!(
        open.iter()
            .all(|(start, _)| !start.contains("T12:") && !start.contains("T15:")),
        "nothing in the gap or after: {open:?}"
    );
    // The week closed again: the Sunday is gone, a date's own hours stay.
    let closed = s
        .send("PUT", &path, json!({"resource_id": coach, "hours": []}))
        .await;
    assert_eq!(closed.status, 200, "{}", closed.text());
    assert!(s.free_between(sunday, sunday).await.is_empty());
    assert_eq!(s.free().await.len(), before, "dated hours untouched");
}

async fn weekly_hours_kept_by_the_vendor_say_where_to_change_them(s: Subject) {
    let a = s.agenda;
    let reply = s
        .send(
            "PUT",
            &format!("/api/v1/agendas/{a}/hours"),
            json!({"hours": [{"weekday": 1, "start": "09:00", "end": "12:00"}]}),
        )
        .await;
    let p = reply.assert_problem(501);
    assert_eq!(p["type"], "/problems/not-supported", "{p}");
    let detail = p["detail"].as_str().unwrap();
    let system = match s.vendor {
        Some("onlineafspraken") => "OnlineAfspraken",
        _ => "Clubplanner",
    };
    assert!(detail.contains(system), "{detail}");
    let health = s.app.get("/api/v1/health", Some(&s.cookie)).await.json();
    let agenda = health["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["capability"] == "agenda")
        .cloned()
        .unwrap();
    assert!(
        agenda["cannot"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "desk_weekly_hours"),
        "{agenda}"
    );
}

async fn bad_input_names_the_field(s: Subject) {
    let (start, r) = s.free().await.first().cloned().unwrap();
    let body = json!({
        "agenda_id": s.agenda, "type_id": s.ty, "start": "tomorrow at ten",
        "resource_id": r, "name": "", "email": "not-an-email", "fields": s.answers,
        "minutes": 7,
    });
    let reply = s.send("POST", "/api/v1/appointments", body).await;
    let p = reply.assert_problem(422);
    for field in ["start", "name", "email", "minutes"] {
        assert!(p["errors"][field].is_string(), "{field}: {p}");
    }
    let stranger = s.book(&start, "999999", "x@example.be", None).await;
    let p = stranger.assert_problem(422);
    assert!(p["errors"]["resource_id"].is_string(), "{p}");
    let nobody = s
        .send(
            "PATCH",
            "/api/v1/appointments/999999",
            json!({"start": start}),
        )
        .await;
    nobody.assert_problem(404);
    let anonymous = s.app.post_json("/api/v1/appointments", "{}", None).await;
    anonymous.assert_problem(401);
}

// ---- one module per connector, the same functions -------------------------

macro_rules! conformance {
    ($subject:path; run: [$($run:ident),* $(,)?]; cannot: [$($skip:ident => $why:literal),* $(,)?]) => {
        $(
            #[tokio::test]
            async fn $run() {
                super::$run($subject().await).await
            }
        )*
        $(
            #[tokio::test]
            #[ignore = $why]
            async fn $skip() {
                super::$skip($subject().await).await
            }
        )*
    };
}

mod local {
    conformance!(super::local;
        run: [a_desk_booking_takes_its_slot_from_the_widget,
              a_move_to_another_coach_and_time_frees_the_old_slot,
              an_override_needs_a_reason_and_is_logged,
              a_club_cancellation_tells_the_customer_when_asked,
              removing_takes_it_away_at_the_vendor_too, attendance_is_kept_beside_the_booking,
              a_block_opens_slots_and_removing_it_closes_them, bad_input_names_the_field,
              weekly_hours_change_what_the_widget_offers];
        cannot: [weekly_hours_kept_by_the_vendor_say_where_to_change_them => "skipped by capability: the local store keeps its own weekly hours"]);
}

mod onlineafspraken {
    conformance!(super::onlineafspraken;
        run: [a_desk_booking_takes_its_slot_from_the_widget,
              a_move_to_another_coach_and_time_frees_the_old_slot,
              an_override_needs_a_reason_and_is_logged,
              a_club_cancellation_tells_the_customer_when_asked,
              removing_takes_it_away_at_the_vendor_too, attendance_is_kept_beside_the_booking,
              a_block_opens_slots_and_removing_it_closes_them, bad_input_names_the_field,
              weekly_hours_kept_by_the_vendor_say_where_to_change_them];
        cannot: [weekly_hours_change_what_the_widget_offers => "skipped by capability: OnlineAfspraken's API has no call for the weekly hours (only a date's blocks: CHAddBlock, CHRemoveBlock)"]);
}

mod clubplanner {
    conformance!(super::clubplanner;
    run: [removing_takes_it_away_at_the_vendor_too, attendance_is_kept_beside_the_booking,
          weekly_hours_kept_by_the_vendor_say_where_to_change_them];
    cannot: [
        a_desk_booking_takes_its_slot_from_the_widget => "skipped by capability: Clubplanner's sales calendar is booked through a sales step's result (SetStepResult), not from the desk",
        a_move_to_another_coach_and_time_frees_the_old_slot => "skipped by capability: Clubplanner has no call that moves a calendar item",
        an_override_needs_a_reason_and_is_logged => "skipped by capability: the desk cannot book in Clubplanner's sales calendar",
        a_club_cancellation_tells_the_customer_when_asked => "skipped by capability: Clubplanner has no cancel for a calendar item, only DeleteCalendarItem",
        a_block_opens_slots_and_removing_it_closes_them => "skipped by capability: Clubplanner's API has no opening hours to change",
        weekly_hours_change_what_the_widget_offers => "skipped by capability: Clubplanner's API has no opening hours to change",
        bad_input_names_the_field => "skipped by capability: the desk cannot book in Clubplanner's sales calendar",
    ]);
}
