//! The AlphaAlpha connector against its fake (built from seed 004): its
//! customers as prospects, the writes it has (next action, tags) sent as
//! what changed, what it cannot change said, and the lifecycle board.

mod common;

use common::vendors::{alphaalpha_app, fakes};
use frontdesk_fakes::{Fault, FaultKind, Vendor};
use serde_json::{Value, json};

async fn mirrored(app: &common::TestApp, remote: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM prospects WHERE vendor = 'alphaalpha' AND remote_id = ?")
        .bind(remote)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

fn editable(p: &Value) -> Value {
    let mut body = p.clone();
    for key in ["id", "owner_name", "created_at", "updated_at"] {
        body.as_object_mut().unwrap().remove(key);
    }
    body
}

/// A demo customer (not the seed's `string` sample) with a name.
fn some_customer(
    fake: &frontdesk_fakes::FakeVendors,
) -> frontdesk_fakes::alphaalpha::model::Customer {
    fake.snapshot()
        .alphaalpha
        .customers
        .values()
        .find(|c| c.id != "string")
        .cloned()
        .unwrap()
}

#[tokio::test]
async fn every_customer_is_listed_once_from_the_six_status_lists() {
    let fake = fakes().await;
    let (app, cookie) = alphaalpha_app(&fake).await;
    let state = fake.snapshot().alphaalpha;
    let list = app.get("/api/v1/prospects", Some(&cookie)).await.json();
    assert_eq!(
        list["total"].as_u64().unwrap() as usize,
        state.customers.len(),
        "{list}"
    );
    let c = some_customer(&fake);
    let id = mirrored(&app, &c.id).await;
    let p = app
        .get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await
        .json();
    assert_eq!(p["last_name"], json!(c.name));
    assert_eq!(p["email"], json!(c.email.clone().unwrap_or_default()));
}

#[tokio::test]
async fn the_next_action_and_tags_are_sent_as_what_changed_and_the_rest_is_said_not_possible() {
    let fake = fakes().await;
    let (app, cookie) = alphaalpha_app(&fake).await;
    let c = some_customer(&fake);
    let id = mirrored(&app, &c.id).await;
    let read = app
        .get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await
        .json();

    // Nothing changed: nothing sent.
    fake.clear_requests();
    let same = app
        .send_json(
            "PUT",
            &format!("/api/v1/prospects/{id}"),
            &editable(&read).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(same.status, 200, "{}", same.text());
    let writes = fake
        .requests_to(Vendor::Alphaalpha)
        .iter()
        .filter(|r| r.http_method != "GET")
        .count();
    assert_eq!(
        writes,
        0,
        "{:?} {read}",
        fake.requests_to(Vendor::Alphaalpha)
    );

    let mut body = editable(&read);
    body["next_action"] = json!("Send the offer");
    body["next_action_due"] = json!("2027-02-01");
    body["tags"] = json!(["frontdesk-trial"]);
    let saved = app
        .send_json(
            "PUT",
            &format!("/api/v1/prospects/{id}"),
            &body.to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    let after = fake.snapshot().alphaalpha.customers[&c.id].clone();
    assert_eq!(after.next_action.as_deref(), Some("Send the offer"));
    assert_eq!(
        after
            .next_action_due_date
            .map(|d| d.date_naive().to_string())
            .as_deref(),
        Some("2027-02-01")
    );
    assert_eq!(after.tags, ["frontdesk-trial"]);
    assert_eq!(after.name, c.name, "the rest untouched");
    assert_eq!(after.kvk, c.kvk);

    // A city: AlphaAlpha has no call for it. Said, and nothing sent.
    fake.clear_requests();
    let mut moved = editable(&saved.json());
    moved["city"] = json!("Somewhere Else");
    let refused = app
        .send_json(
            "PUT",
            &format!("/api/v1/prospects/{id}"),
            &moved.to_string(),
            Some(&cookie),
        )
        .await;
    let p = refused.assert_problem(501);
    assert!(p["title"].as_str().unwrap().contains("AlphaAlpha"), "{p}");
    assert_eq!(
        fake.requests_to(Vendor::Alphaalpha)
            .iter()
            .filter(|r| r.http_method != "GET")
            .count(),
        0
    );
}

async fn board(app: &common::TestApp, cookie: &str) -> Value {
    let r = app
        .get("/api/v1/pipelines/alphaalpha/board", Some(cookie))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn card<'a>(b: &'a Value, id: &str) -> &'a Value {
    b["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap()
}

#[tokio::test]
async fn the_lifecycle_board_moves_a_customer_by_its_crm_status() {
    let fake = fakes().await;
    let (app, cookie) = alphaalpha_app(&fake).await;
    let b = board(&app, &cookie).await;
    assert_eq!(b["pipeline"]["kind"], "lifecycle");
    let stages: Vec<&str> = b["pipeline"]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        [
            "LEAD", "PROSPECT", "ACTIVE", "CUSTOMER", "INACTIVE", "CHURNED"
        ]
    );
    let state = fake.snapshot().alphaalpha;
    assert_eq!(b["cards"].as_array().unwrap().len(), state.customers.len());
    for c in state.customers.values() {
        assert_eq!(card(&b, &c.id)["stage_id"], c.crm_status.as_str());
    }

    let c = some_customer(&fake);
    let target = if c.crm_status.as_str() == "ACTIVE" {
        "CUSTOMER"
    } else {
        "ACTIVE"
    };
    let version = card(&b, &c.id)["version"].as_i64().unwrap();
    let moved = app
        .post_json(
            &format!("/api/v1/pipelines/alphaalpha/cards/{}/move", c.id),
            &json!({"stage_id": target, "version": version}).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.text());
    let after = fake.snapshot().alphaalpha.customers[&c.id].clone();
    assert_eq!(after.crm_status.as_str(), target);
    assert_eq!(after.last_write_fields, Some(vec!["crmStatus".to_owned()]));
    let b = board(&app, &cookie).await;
    assert_eq!(card(&b, &c.id)["stage_id"], target);

    // Changed at AlphaAlpha since the board read it: a conflict.
    let version = card(&b, &c.id)["version"].as_i64().unwrap();
    {
        let mut s = fake.state();
        let x = s.alphaalpha.customers.get_mut(&c.id).unwrap();
        x.crm_status = frontdesk_fakes::alphaalpha::model::CrmStatus::Churned;
        x.updated += chrono::Duration::seconds(5);
    }
    let stale = app
        .post_json(
            &format!("/api/v1/pipelines/alphaalpha/cards/{}/move", c.id),
            &json!({"stage_id": "LEAD", "version": version}).to_string(),
            Some(&cookie),
        )
        .await;
    let p = stale.assert_problem(409);
    assert_eq!(p["current"]["stage_id"], "CHURNED", "{p}");
    assert_eq!(
        fake.snapshot().alphaalpha.customers[&c.id]
            .crm_status
            .as_str(),
        "CHURNED"
    );

    // A vendor failure changes nothing.
    let now = p["current"]["version"].as_i64().unwrap();
    fake.inject(
        Fault::new(Vendor::Alphaalpha, FaultKind::Status)
            .status(500)
            .method("PATCH /crm/customers/{id}/crm-status"),
    );
    let failed = app
        .post_json(
            &format!("/api/v1/pipelines/alphaalpha/cards/{}/move", c.id),
            &json!({"stage_id": "LEAD", "version": now}).to_string(),
            Some(&cookie),
        )
        .await;
    let p = failed.assert_problem(502);
    assert!(
        p["title"].as_str().unwrap().starts_with("AlphaAlpha"),
        "{p}"
    );
    assert_eq!(
        card(&board(&app, &cookie).await, &c.id)["stage_id"],
        "CHURNED"
    );
}

#[tokio::test]
async fn a_refused_token_and_a_broken_answer_are_said() {
    let fake = fakes().await;
    let mut table = common::vendors::alphaalpha_table(&fake);
    table.token = Some(secrecy::SecretString::from("wrong-token".to_owned()));
    let app = common::app_with(move |s, _| {
        s.connectors.insert(
            frontdesk_server::connectors::Capability::Prospects,
            "alphaalpha".into(),
        );
        s.vendors.alphaalpha = Some(table);
    })
    .await;
    let lines =
        frontdesk_server::connectors::check_all(&app.state.settings, &app.state.connectors).await;
    let line = lines.iter().find(|l| l.capability == "prospects").unwrap();
    assert!(line.verdict.contains("bad credentials"), "{}", line.verdict);
    assert!(!line.verdict.contains("wrong-token"));

    let (app, cookie) = alphaalpha_app(&fake).await;
    fake.inject(
        Fault::new(Vendor::Alphaalpha, FaultKind::Malformed)
            .method("GET /crm/customers/by-status/{status}"),
    );
    let report = common::vendors::sync(&app).await;
    assert_ne!(
        report.outcome,
        frontdesk_server::connectors::sync::Outcome::Complete
    );
    let list = app.get("/api/v1/prospects", Some(&cookie)).await.json();
    assert_eq!(
        list["total"].as_u64().unwrap() as usize,
        fake.snapshot().alphaalpha.customers.len(),
        "the mirror keeps serving"
    );
}
