//! The conformance suite of the widget's capabilities (availability and
//! bookings): the same test functions, through the public routes, against
//! the local store and against OnlineAfspraken over its fake.

mod common;

use common::TestApp;
use frontdesk_fakes::FakeVendors;
use serde_json::{Value, json};

/// An app whose widget books in `agenda`, and where the code a booking
/// waits for can be read (the outbox for Frontdesk's own, the vendor's
/// state for a vendor's).
struct Subject {
    app: TestApp,
    agenda: i64,
    fake: Option<FakeVendors>,
}

async fn local() -> Subject {
    let app = common::app().await;
    let (agenda, _ty, coach) = common::booking::small_agenda(&app, true).await;
    for day in 3..10 {
        common::booking::open_one_slot(&app, agenda, coach, &common::booking::future_date(day))
            .await;
    }
    Subject {
        app,
        agenda,
        fake: None,
    }
}

async fn onlineafspraken() -> Subject {
    let fake = common::vendors::fakes().await;
    let (app, _cookie, agenda) = common::vendors::onlineafspraken_app(&fake).await;
    Subject {
        app,
        agenda,
        fake: Some(fake),
    }
}

impl Subject {
    async fn get(&self, uri: &str) -> Value {
        let r = self.app.get(uri, None).await;
        assert_eq!(r.status, 200, "{uri}: {}", r.text());
        r.json()
    }

    async fn post(&self, uri: &str, body: Value) -> common::Reply {
        self.app.post_json(uri, &body.to_string(), None).await
    }

    /// A type with its required questions answered, and its grid's free
    /// starts over the next three weeks (two days out at least).
    async fn bookable(&self) -> (i64, serde_json::Map<String, Value>, Vec<(String, String)>) {
        let a = self.agenda;
        let types = self.get(&format!("/api/v1/public/agendas/{a}/types")).await;
        let today = chrono::Utc::now().date_naive();
        let (from, to) = (
            today + chrono::Duration::days(2),
            today + chrono::Duration::days(21),
        );
        for t in types.as_array().unwrap() {
            let id = t["id"].as_i64().unwrap();
            let av = self
                .get(&format!(
                    "/api/v1/public/agendas/{a}/availability?type_id={id}&from={from}&to={to}"
                ))
                .await;
            let av: frontdesk_core::slots::Availability = serde_json::from_value(av).unwrap();
            let grid = frontdesk_core::slots::compute(&av).unwrap();
            let starts: Vec<(String, String)> = grid
                .days
                .iter()
                .flat_map(|d| d.slots.iter())
                .map(|s| {
                    (
                        s.start.to_string(),
                        s.resource_ids.iter().next().unwrap().to_string(),
                    )
                })
                .collect();
            if starts.is_empty() {
                continue;
            }
            let fields = self
                .get(&format!("/api/v1/public/agendas/{a}/types/{id}/fields"))
                .await;
            let answers = fields
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["required"] == true)
                .map(|f| (f["key"].as_str().unwrap().to_owned(), json!("An answer")))
                .collect();
            return (id, answers, starts);
        }
        panic!("no bookable type");
    }

    /// The code the booking of `email` waits for.
    async fn code(&self, email: &str) -> String {
        match &self.fake {
            Some(fake) => {
                let s = fake.snapshot().onlineafspraken;
                let customer = s.customers.values().find(|c| c.email == email).unwrap();
                s.appointments
                    .values()
                    .find(|a| a.customer_id == customer.id)
                    .and_then(|a| a.confirmation_code.clone())
                    .unwrap()
            }
            None => common::booking::outbox_code(&self.app).await.0,
        }
    }
}

fn request(
    ty: i64,
    start: &str,
    resource: &str,
    email: &str,
    fields: &serde_json::Map<String, Value>,
) -> Value {
    json!({"type_id": ty, "start": start, "resource_id": resource, "name": "Conform Booker",
           "email": email, "fields": fields, "language": "en"})
}

// ---- the suite ----------------------------------------------------------

/// Book a free start: it waits for its code and is no longer offered; the
/// right code confirms it; cancelled, it is offered again.
async fn book_confirm_cancel(s: Subject) {
    let (ty, fields, starts) = s.bookable().await;
    let (start, resource) = starts[0].clone();
    let email = "conform.booker@example.be";
    let created = s
        .post(
            &format!("/api/v1/public/agendas/{}/bookings", s.agenda),
            request(ty, &start, &resource, email, &fields),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let booking = created.json();
    assert_eq!(booking["status"], "pending");
    assert_eq!(
        booking["start"], start,
        "the club's hour, as the grid wrote it"
    );
    let token = booking["manage_token"].as_str().unwrap().to_owned();
    let (_, _, after) = s.bookable().await;
    assert!(
        !after.contains(&(start.clone(), resource.clone())),
        "held for the next visitor"
    );

    let code = s.code(email).await;
    let ok = s
        .post(
            "/api/v1/public/bookings/confirm",
            json!({"token": token, "code": code}),
        )
        .await;
    assert_eq!(ok.json()["status"], "approved", "{}", ok.text());
    let manage = s
        .get(&format!("/api/v1/public/bookings/manage?token={token}"))
        .await;
    assert_eq!(manage["booking"]["status"], "approved");
    assert_eq!(manage["cancellable"], true, "{manage}");

    let done = s
        .post("/api/v1/public/bookings/cancel", json!({"token": token}))
        .await;
    assert_eq!(
        done.json()["booking"]["status"],
        "cancelled",
        "{}",
        done.text()
    );
    let (_, _, again) = s.bookable().await;
    assert!(again.contains(&(start, resource)), "free again");
}

/// A start somebody just took is 409, and nothing is booked twice.
async fn a_taken_start_is_refused(s: Subject) {
    let (ty, fields, starts) = s.bookable().await;
    let (start, resource) = starts[0].clone();
    let uri = format!("/api/v1/public/agendas/{}/bookings", s.agenda);
    let first = s
        .post(
            &uri,
            request(ty, &start, &resource, "first@example.be", &fields),
        )
        .await;
    assert_eq!(first.status, 201, "{}", first.text());
    let second = s
        .post(
            &uri,
            request(ty, &start, &resource, "second@example.be", &fields),
        )
        .await;
    assert_eq!(second.assert_problem(409)["type"], "/problems/slot-taken");
}

/// A wrong code is counted and said in a sentence.
async fn a_wrong_code_says_the_tries_left(s: Subject) {
    let (ty, fields, starts) = s.bookable().await;
    let (start, resource) = starts[0].clone();
    let created = s
        .post(
            &format!("/api/v1/public/agendas/{}/bookings", s.agenda),
            request(ty, &start, &resource, "wrong.code@example.be", &fields),
        )
        .await
        .json();
    let code = s.code("wrong.code@example.be").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let reply = s
        .post(
            "/api/v1/public/bookings/confirm",
            json!({"token": created["manage_token"], "code": wrong}),
        )
        .await;
    let problem = reply.assert_problem(422);
    assert_eq!(problem["tries_left"], 4);
    assert_eq!(problem["type"], "/problems/wrong-code");
}

/// The availability holds nobody's name, email or note.
async fn busy_times_name_nobody(s: Subject) {
    let (ty, fields, starts) = s.bookable().await;
    let (start, resource) = starts[0].clone();
    s.post(
        &format!("/api/v1/public/agendas/{}/bookings", s.agenda),
        request(ty, &start, &resource, "private.person@example.be", &fields),
    )
    .await;
    let today = chrono::Utc::now().date_naive();
    let raw = s
        .app
        .get(
            &format!(
                "/api/v1/public/agendas/{}/availability?type_id={ty}&from={}&to={}",
                s.agenda,
                today + chrono::Duration::days(1),
                today + chrono::Duration::days(25)
            ),
            None,
        )
        .await
        .text();
    assert!(raw.contains("\"busy\""));
    for private in ["private.person", "Conform Booker", "An answer"] {
        assert!(!raw.contains(private), "{private} in {raw}");
    }
}

macro_rules! conformance {
    ($subject:path; run: [$($run:ident),* $(,)?]) => {
        $(
            #[tokio::test]
            async fn $run() {
                super::$run($subject().await).await
            }
        )*
    };
}

mod local {
    conformance!(super::local; run: [book_confirm_cancel, a_taken_start_is_refused,
        a_wrong_code_says_the_tries_left, busy_times_name_nobody]);
}

mod onlineafspraken {
    conformance!(super::onlineafspraken; run: [book_confirm_cancel, a_taken_start_is_refused,
        a_wrong_code_says_the_tries_left, busy_times_name_nobody]);
}
