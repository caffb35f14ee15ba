//! One conformance suite for every sales-steps connector: the same test
//! functions, through the routes the prospect drawer uses, against
//! `local` (the demo club's plan) and Clubplanner over its fake.

mod common;

use chrono::{Duration, Utc};
use common::TestApp;
use frontdesk_fakes::FakeVendors;
use serde_json::{Value, json};

pub struct Subject {
    app: TestApp,
    cookie: String,
    _fake: Option<FakeVendors>,
}

async fn local() -> Subject {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    Subject {
        app,
        cookie,
        _fake: None,
    }
}

async fn clubplanner() -> Subject {
    let fake = common::vendors::fakes().await;
    let (app, cookie) = common::vendors::clubplanner_sales_app(&fake).await;
    Subject {
        app,
        cookie,
        _fake: Some(fake),
    }
}

impl Subject {
    async fn get(&self, uri: &str) -> common::Reply {
        self.app.get(uri, Some(&self.cookie)).await
    }

    async fn choose(&self, id: i64, body: Value) -> common::Reply {
        self.app
            .post_json(
                &format!("/api/v1/prospects/{id}/sales?lang=en"),
                &body.to_string(),
                Some(&self.cookie),
            )
            .await
    }

    /// A prospect of the first page whose current step offers a result
    /// with `action`: its id, its sales, and the result.
    async fn prospect_with(&self, action: &str) -> (i64, Value, Value) {
        let list = self.get("/api/v1/prospects?limit=50").await.json();
        for p in list["items"].as_array().unwrap() {
            let id = p["id"].as_i64().unwrap();
            let sales = self
                .get(&format!("/api/v1/prospects/{id}/sales?lang=en"))
                .await;
            assert_eq!(sales.status, 200, "{}", sales.text());
            let sales = sales.json();
            let found = sales["current"]["results"]
                .as_array()
                .and_then(|rs| rs.iter().find(|r| r["action"] == action).cloned());
            if let Some(result) = found {
                return (id, sales, result);
            }
        }
        panic!("no prospect on the first page has a `{action}` result");
    }

    /// The picker's first free slot for `result` in the next two weeks, and
    /// every (start, resource) it offers.
    async fn first_slot(&self, result: &Value) -> (Value, Vec<String>) {
        let (agenda, ty) = (&result["agenda_id"], &result["appointment_type_id"]);
        let today = Utc::now().date_naive();
        let (from, to) = (today + Duration::days(1), today + Duration::days(14));
        let reply = self
            .app
            .get(
                &format!(
                    "/api/v1/public/agendas/{agenda}/availability?type_id={ty}&from={from}&to={to}"
                ),
                None,
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        let av: frontdesk_core::slots::Availability = serde_json::from_value(reply.json()).unwrap();
        let grid = frontdesk_core::slots::compute(&av).unwrap();
        // Every (start, resource) the picker offers.
        let starts: Vec<String> = grid
            .slots()
            .flat_map(|s| {
                let start = serde_json::to_value(s.start)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned();
                s.resource_ids
                    .iter()
                    .map(move |r| format!("{start} {r}"))
                    .collect::<Vec<_>>()
            })
            .collect();
        let slot = grid.slots().next().expect("a free slot in two weeks");
        (
            json!({
                "type_id": ty,
                "resource_id": slot.resource_ids.iter().next(),
                "start": slot.start,
                "end": slot.end,
            }),
            starts,
        )
    }
}

// ---- the suite ----------------------------------------------------------

/// A result that books nothing is recorded and the prospect's step is what
/// the next read says.
async fn a_result_moves_the_prospect_on(s: Subject) {
    let (id, _, result) = s.prospect_with("none").await;
    let reply = s
        .choose(
            id,
            json!({ "result_id": result["id"], "note": "Called, no answer" }),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let after = s
        .get(&format!("/api/v1/prospects/{id}/sales?lang=en"))
        .await
        .json();
    assert_eq!(
        after["current"],
        reply.json()["current"],
        "what the answer said is where it stands"
    );
}

/// A result that books takes a slot the picker offered, and that slot is
/// then no longer offered.
async fn a_booking_result_takes_the_pickers_slot(s: Subject) {
    let (id, _, result) = s.prospect_with("book_appointment").await;
    let (slot, before) = s.first_slot(&result).await;
    let reply = s
        .choose(
            id,
            json!({ "result_id": result["id"], "appointment": slot }),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let (_, after) = s.first_slot(&result).await;
    let taken = format!(
        "{} {}",
        slot["start"].as_str().unwrap(),
        slot["resource_id"].as_str().unwrap()
    );
    assert!(before.contains(&taken));
    assert!(!after.contains(&taken), "{taken} is still offered");
}

/// A booking result without its appointment, or with an end that does
/// not fit the type, is refused naming the field, and nothing moves.
async fn a_booking_without_a_fitting_slot_is_refused(s: Subject) {
    let (id, sales, result) = s.prospect_with("book_appointment").await;
    let reply = s.choose(id, json!({ "result_id": result["id"] })).await;
    let problem = reply.assert_problem(422);
    assert!(problem["errors"]["appointment"].is_string(), "{problem}");
    let (mut slot, _) = s.first_slot(&result).await;
    slot["end"] = slot["start"].clone();
    let reply = s
        .choose(
            id,
            json!({ "result_id": result["id"], "appointment": slot }),
        )
        .await;
    let problem = reply.assert_problem(422);
    assert!(
        problem["errors"]["appointment.end"].is_string(),
        "{problem}"
    );
    let after = s
        .get(&format!("/api/v1/prospects/{id}/sales?lang=en"))
        .await
        .json();
    assert_eq!(after["current"], sales["current"]);
}

/// A result that is not one of the current step's is refused by name.
async fn a_result_of_another_step_is_refused(s: Subject) {
    let (id, _, _) = s.prospect_with("none").await;
    let reply = s.choose(id, json!({ "result_id": 987_654 })).await;
    let problem = reply.assert_problem(422);
    assert!(problem["errors"]["result_id"].is_string(), "{problem}");
}

// ---- one module per connector, the same functions -------------------------

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
    conformance!(super::local;
        run: [a_result_moves_the_prospect_on, a_booking_result_takes_the_pickers_slot,
              a_booking_without_a_fitting_slot_is_refused, a_result_of_another_step_is_refused]);
}

mod clubplanner {
    conformance!(super::clubplanner;
        run: [a_result_moves_the_prospect_on, a_booking_result_takes_the_pickers_slot,
              a_booking_without_a_fitting_slot_is_refused, a_result_of_another_step_is_refused]);
}
