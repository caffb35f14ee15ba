//! The OnlineAfspraken client against its fake (seed 003): the signer
//! agrees with the fake's, written apart from it; the envelope, failed
//! statuses under HTTP 200, and the clock followed from `<Timestamp>`.

mod common;

use frontdesk_fakes::{ClockSettings, FakeOptions, Fault, FaultKind, Vendor};
use frontdesk_server::connectors::ConnectorError;
use frontdesk_server::connectors::http::ClientConfig;
use frontdesk_server::connectors::onlineafspraken::{client::Client, sign};
use secrecy::SecretString;

fn client(fake: &frontdesk_fakes::FakeVendors, secret: &str) -> Client {
    let mut config = ClientConfig::new("OnlineAfspraken", &fake.base_url_onlineafspraken());
    config.timeout = std::time::Duration::from_millis(1500);
    Client::new(
        config,
        SecretString::from(fake.credentials().onlineafspraken_key.clone()),
        SecretString::from(secret.to_owned()),
    )
}

#[test]
fn the_signer_agrees_with_the_fakes_written_apart() {
    let params: Vec<(String, String)> = [
        ("method", "setAppointment"),
        ("AgendaId", "1"),
        ("Date", "2026-03-02"),
        ("StartTime", "09:00"),
        ("Name", "Ann Peeters"),
        ("Description", ""),
        ("BookingMode", "customer"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for salt in [1_767_225_600_i64, 1_800_000_000] {
        let ours = sign::signature(&params, "DEMOSECRET", salt);
        let theirs = frontdesk_fakes::sign(
            params.iter().map(|(k, v)| (k, v)),
            "DEMOSECRET",
            &salt.to_string(),
        );
        assert_eq!(ours, theirs);
    }
}

#[tokio::test]
async fn a_signed_read_succeeds_and_a_failed_status_is_an_error() {
    let fake = common::vendors::fakes().await;
    let c = client(&fake, &fake.credentials().onlineafspraken_secret.clone());
    let root = c.read("getAgendas", &[]).await.expect("a signed read");
    let agendas = root.child("Objects").expect("Objects");
    assert!(agendas.all("Agenda").count() >= 1);
    let sent = fake.requests_to(Vendor::Onlineafspraken);
    let last = sent.last().unwrap();
    for name in ["method", "api_key", "api_salt", "api_signature"] {
        assert!(last.param(name).is_some(), "{name} sent");
    }

    // A wrong secret: the vendor answers failed under HTTP 200.
    let wrong = client(&fake, "NOT-THE-SECRET");
    match wrong.read("getAgendas", &[]).await {
        Err(ConnectorError::Unauthorized { system }) => assert_eq!(system, "OnlineAfspraken"),
        other => panic!("expected refused credentials, got {other:?}"),
    }

    // The vendor's own failure for one call, in its words.
    fake.inject(Fault::new(Vendor::Onlineafspraken, FaultKind::FailedStatus).method("getAgendas"));
    assert!(c.read("getAgendas", &[]).await.is_err());
    // A malformed body names the whole answer, never panics.
    fake.inject(Fault::new(Vendor::Onlineafspraken, FaultKind::Malformed).method("getAgendas"));
    match c.read("getAgendas", &[]).await {
        Err(ConnectorError::Malformed { field, .. }) => {
            assert!(field.contains("answer"), "{field}")
        }
        other => panic!("expected a malformed answer, got {other:?}"),
    }
}

#[tokio::test]
async fn a_clock_ten_minutes_off_is_corrected_from_the_vendors_timestamp() {
    // The fake's clock runs 10 minutes ahead: a salt from ours is stale.
    let fake = common::vendors::fakes_with(FakeOptions {
        clock: ClockSettings {
            frozen: None,
            offset_s: 600,
        },
        ..FakeOptions::default()
    })
    .await;
    let c = client(&fake, &fake.credentials().onlineafspraken_secret.clone());
    let root = c
        .read("getAgendas", &[])
        .await
        .expect("signed again with the vendor's clock");
    assert!(root.child("Objects").is_some());
    let salts: Vec<i64> = fake
        .requests_to(Vendor::Onlineafspraken)
        .iter()
        .filter_map(|r| r.param("api_salt").and_then(|s| s.parse().ok()))
        .collect();
    assert_eq!(
        salts.len(),
        2,
        "refused once, then signed with the corrected clock"
    );
    assert!(salts[1] - salts[0] >= 590, "{salts:?}");
}

#[tokio::test]
async fn the_agendas_setup_is_mirrored_for_the_widget() {
    let fake = common::vendors::fakes().await;
    let (app, _cookie, agenda) = common::vendors::onlineafspraken_app(&fake).await;
    let info = app
        .get(&format!("/api/v1/public/agendas/{agenda}"), None)
        .await
        .json();
    assert_eq!(info["timezone"], "Europe/Brussels", "{info}");
    assert_eq!(info["requires_confirmation"], true);
    let types = app
        .get(&format!("/api/v1/public/agendas/{agenda}/types"), None)
        .await
        .json();
    let names: Vec<&str> = types
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    let state = fake.snapshot().onlineafspraken;
    for t in state.appointment_types.values() {
        let offered = t.status == 1 && t.can_be_booked_by_consumer;
        assert_eq!(
            names.contains(&t.name.as_str()),
            offered,
            "{} offered: {offered}",
            t.name
        );
    }
    let resources = app
        .get(&format!("/api/v1/public/agendas/{agenda}/resources"), None)
        .await
        .json();
    let studio = resources
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "room");
    assert!(studio.is_some(), "a room, as configured: {resources}");
    // The agenda's own questions come with their keys.
    let mut keys = Vec::new();
    for t in types.as_array().unwrap() {
        let f = app
            .get(
                &format!("/api/v1/public/agendas/{agenda}/types/{}/fields", t["id"]),
                None,
            )
            .await
            .json();
        keys.extend(
            f.as_array()
                .unwrap()
                .iter()
                .map(|q| q["key"].as_str().unwrap().to_owned()),
        );
    }
    assert!(keys.iter().any(|k| k == "Goal"), "{keys:?}");
    // The local store's own agenda is not offered while a vendor's is.
    sqlx::query("INSERT INTO agendas (id, name, timezone) VALUES (77, 'Local', 'Europe/Brussels')")
        .execute(&app.state.db)
        .await
        .unwrap();
    app.get("/api/v1/public/agendas/77", None)
        .await
        .assert_problem(404);
}

/// The days ahead, as the widget asks them.
fn window() -> (String, String) {
    let today = chrono::Utc::now().date_naive();
    (
        (today + chrono::Duration::days(1)).to_string(),
        (today + chrono::Duration::days(14)).to_string(),
    )
}

#[tokio::test]
async fn availability_has_no_customer_data_and_its_grid_is_the_vendors_bookable_times() {
    let fake = common::vendors::fakes().await;
    let (app, _cookie, agenda) = common::vendors::onlineafspraken_app(&fake).await;
    let (from, to) = window();
    let types = app
        .get(&format!("/api/v1/public/agendas/{agenda}/types"), None)
        .await
        .json();
    let state = fake.snapshot().onlineafspraken;
    let c = client(&fake, &fake.credentials().onlineafspraken_secret.clone());
    let remote_of_resource: std::collections::HashMap<String, String> =
        sqlx::query_as::<_, (i64, String)>(
            "SELECT id, remote_id FROM resources WHERE agenda_id = ?",
        )
        .bind(agenda)
        .fetch_all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|(id, r)| (id.to_string(), r))
        .collect();
    let mut compared = 0;
    for t in types.as_array().unwrap() {
        let raw = app
            .get(
                &format!(
                    "/api/v1/public/agendas/{agenda}/availability?type_id={}&from={from}&to={to}",
                    t["id"]
                ),
                None,
            )
            .await;
        assert_eq!(raw.status, 200, "{}", raw.text());
        let text = raw.text();
        for customer in state.customers.values() {
            for secret in [&customer.email, &customer.last_name, &customer.first_name] {
                assert!(
                    secret.is_empty() || !text.contains(secret.as_str()),
                    "{secret} leaked: {text}"
                );
            }
        }
        for a in state.appointments.values() {
            assert!(
                a.name.is_empty() || !text.contains(&a.name),
                "{} leaked",
                a.name
            );
        }
        // The grid the widget computes equals the vendor's own bookable times.
        let av: frontdesk_core::slots::Availability = serde_json::from_str(&text).unwrap();
        let grid = frontdesk_core::slots::compute(&av).unwrap();
        let ours: std::collections::BTreeSet<(String, String)> = grid
            .days
            .iter()
            .flat_map(|d| d.slots.iter())
            .flat_map(|s| {
                s.resource_ids
                    .iter()
                    .map(move |r| (s.start.to_string()[..16].replace('T', " "), r.to_string()))
            })
            .map(|(start, r)| (start, remote_of_resource[&r].clone()))
            .collect();
        let remote_type =
            sqlx::query_scalar::<_, String>("SELECT remote_id FROM appointment_types WHERE id = ?")
                .bind(t["id"].as_i64().unwrap())
                .fetch_one(&app.state.db)
                .await
                .unwrap();
        let remote_agenda =
            sqlx::query_scalar::<_, String>("SELECT remote_id FROM agendas WHERE id = ?")
                .bind(agenda)
                .fetch_one(&app.state.db)
                .await
                .unwrap();
        let times = c
            .read(
                "getBookableTimes",
                &[
                    ("AgendaId", remote_agenda),
                    ("Date", from.clone()),
                    ("EndDate", to.clone()),
                    ("AppointmentTypeId", remote_type),
                ],
            )
            .await
            .unwrap();
        let theirs: std::collections::BTreeSet<(String, String)> =
            frontdesk_server::connectors::onlineafspraken::xml::items(&times, "BookableTime")
                .into_iter()
                .map(|b| {
                    (
                        format!(
                            "{} {}",
                            b.text_of("Date").unwrap(),
                            b.text_of("StartTime").unwrap()
                        ),
                        b.text_of("ResourceId").unwrap().to_owned(),
                    )
                })
                .collect();
        assert_eq!(ours, theirs, "type {}", t["name"]);
        compared += ours.len();
    }
    assert!(compared > 0, "some times were compared");
}

/// The first free start of `type_id` at least two days ahead (past the
/// vendor's cancel cut-off), as the widget's grid offers it.
async fn a_free_slot(app: &common::TestApp, agenda: i64, type_id: i64) -> (String, String) {
    let today = chrono::Utc::now().date_naive();
    let (from, to) = (
        (today + chrono::Duration::days(2)).to_string(),
        (today + chrono::Duration::days(20)).to_string(),
    );
    let av: frontdesk_core::slots::Availability = app
        .get(
            &format!(
                "/api/v1/public/agendas/{agenda}/availability?type_id={type_id}&from={from}&to={to}"
            ),
            None,
        )
        .await
        .json()
        .pipe(|v| serde_json::from_value(v).unwrap());
    let grid = frontdesk_core::slots::compute(&av).unwrap();
    let slot = grid
        .days
        .iter()
        .flat_map(|d| d.slots.iter())
        .next()
        .expect("a free slot");
    (
        slot.start.to_string(),
        slot.resource_ids.iter().next().unwrap().to_string(),
    )
}

trait Pipe: Sized {
    fn pipe<T>(self, f: impl FnOnce(Self) -> T) -> T {
        f(self)
    }
}
impl<T> Pipe for T {}

#[tokio::test]
async fn a_widget_booking_is_placed_confirmed_and_cancelled_at_onlineafspraken() {
    let fake = common::vendors::fakes().await;
    let (app, cookie, agenda) = common::vendors::onlineafspraken_app(&fake).await;
    // A type with the agenda's own question.
    let types = app
        .get(&format!("/api/v1/public/agendas/{agenda}/types"), None)
        .await
        .json();
    let mut chosen = None;
    for t in types.as_array().unwrap() {
        let fields = app
            .get(
                &format!("/api/v1/public/agendas/{agenda}/types/{}/fields", t["id"]),
                None,
            )
            .await
            .json();
        if fields
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["key"] == "Goal")
        {
            chosen = Some(t["id"].as_i64().unwrap());
        }
    }
    let type_id = chosen.expect("a type that asks the goal");
    let (start, resource) = a_free_slot(&app, agenda, type_id).await;
    let email = "noor.vendor@example.be";
    let body = serde_json::json!({"type_id": type_id, "start": start, "resource_id": resource,
        "name": "Noor Vendor", "email": email, "phone": "+32470123456",
        "fields": {"Goal": "Run a marathon"}, "language": "en"});
    let created = app
        .post_json(
            &format!("/api/v1/public/agendas/{agenda}/bookings"),
            &body.to_string(),
            None,
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let booking = created.json();
    assert_eq!(booking["status"], "pending", "the vendor asks for a code");
    assert_eq!(booking["start"], start, "the club's hour, with its offset");
    let token = booking["manage_token"].as_str().unwrap().to_owned();

    // At the vendor: the customer (found or made by email), the appointment
    // with the question's answer, waiting for the code it sent.
    let state = fake.snapshot().onlineafspraken;
    let customer = state
        .customers
        .values()
        .find(|c| c.email == email)
        .expect("the customer");
    let appt = state
        .appointments
        .values()
        .find(|a| a.customer_id == customer.id)
        .expect("the appointment");
    assert!(
        format!("{:?}", appt.extra).contains("Run a marathon"),
        "{:?}",
        appt.extra
    );
    let code = appt.confirmation_code.clone().expect("a code was sent");
    // The slot is held for the next visitor.
    let grid_after = a_free_slot(&app, agenda, type_id).await;
    assert!(
        grid_after != (start.clone(), resource.clone()),
        "the time is taken"
    );

    let wrong = if code == "000000" { "111111" } else { "000000" };
    let reply = app
        .post_json(
            "/api/v1/public/bookings/confirm",
            &serde_json::json!({"token": token, "code": wrong}).to_string(),
            None,
        )
        .await;
    assert_eq!(reply.assert_problem(422)["tries_left"], 4);
    let ok = app
        .post_json(
            "/api/v1/public/bookings/confirm",
            &serde_json::json!({"token": token, "code": code}).to_string(),
            None,
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(ok.json()["status"], "approved");
    let approved = fake.snapshot().onlineafspraken.appointments[&appt.id].clone();
    assert_eq!(approved.label, 2, "approved at the vendor");
    // The agenda's own question went through the confirmation unchanged.
    assert_eq!(approved.extra, appt.extra, "the Goal answer survived");
    // Frontdesk's own confirmation, with the manage link, went out.
    let outbox = app.get("/api/v1/outbox", Some(&cookie)).await.json();
    assert!(
        outbox.as_array().unwrap().iter().any(|m| m["to"] == email),
        "{outbox}"
    );

    // Managed and cancelled through the link, by the vendor's rules.
    let dry = app
        .post_json(
            "/api/v1/public/bookings/cancel",
            &serde_json::json!({"token": token, "dry_run": true}).to_string(),
            None,
        )
        .await
        .json();
    assert_eq!(dry["cancellable"], true, "{dry}");
    let done = app
        .post_json(
            "/api/v1/public/bookings/cancel",
            &serde_json::json!({"token": token}).to_string(),
            None,
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.text());
    let cancelled = fake.snapshot().onlineafspraken.appointments[&appt.id].clone();
    assert!(
        cancelled.status == 2 || cancelled.label == 4,
        "cancelled at the vendor: {cancelled:?}"
    );
    assert_eq!(cancelled.extra, appt.extra, "and the cancel");
    // Sending the code again is the vendor's business, and said so.
    let resend = app
        .post_json(
            "/api/v1/public/bookings/code",
            &serde_json::json!({"token": token}).to_string(),
            None,
        )
        .await;
    assert_eq!(
        resend.assert_problem(501)["type"],
        "/problems/not-supported"
    );
}

#[tokio::test]
async fn the_front_desks_calendar_shows_the_vendors_appointments_once_each() {
    let fake = common::vendors::fakes().await;
    let (app, cookie, agenda) = common::vendors::onlineafspraken_app(&fake).await;
    let today = chrono::Utc::now().date_naive();
    let (from, to) = (today, today + chrono::Duration::days(13));
    let list = app
        .get(
            &format!("/api/v1/appointments?from={from}&to={to}"),
            Some(&cookie),
        )
        .await;
    assert_eq!(list.status, 200, "{}", list.text());
    let list = list.json();
    let items = list["items"].as_array().unwrap();
    let state = fake.snapshot().onlineafspraken;
    let in_window: Vec<_> = state
        .appointments
        .values()
        .filter(|a| a.agenda_id == 1 && a.start_time.date() >= from && a.start_time.date() <= to)
        .collect();
    assert!(!in_window.is_empty());
    for a in &in_window {
        let customer = &state.customers[&a.customer_id];
        let shown = items
            .iter()
            .find(|i| i["name"].as_str().unwrap().contains(&customer.last_name));
        assert!(
            shown.is_some(),
            "{} {} in {list}",
            customer.first_name,
            customer.last_name
        );
        let want = if a.status == 1 && a.label != 4 {
            "approved"
        } else {
            "cancelled"
        };
        assert_eq!(shown.unwrap()["status"], want);
    }
    // A booking made through the widget is the same appointment, once.
    let (start, resource) = a_free_slot(&app, agenda, {
        let types = app
            .get(&format!("/api/v1/public/agendas/{agenda}/types"), None)
            .await
            .json();
        types[0]["id"].as_i64().unwrap()
    })
    .await;
    let types = app
        .get(&format!("/api/v1/public/agendas/{agenda}/types"), None)
        .await
        .json();
    let body = serde_json::json!({"type_id": types[0]["id"], "start": start, "resource_id": resource,
        "name": "Once Only", "email": "once.only@example.be", "fields": {"Goal": "x"}});
    let made = app
        .post_json(
            &format!("/api/v1/public/agendas/{agenda}/bookings"),
            &body.to_string(),
            None,
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.text());
    let day = &start[..10];
    let list = app
        .get(
            &format!("/api/v1/appointments?from={day}&to={day}"),
            Some(&cookie),
        )
        .await
        .json();
    let mine: Vec<_> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["start"] == start.as_str() && i["resource_id"] == resource.as_str())
        .collect();
    assert_eq!(mine.len(), 1, "{list}");
}
