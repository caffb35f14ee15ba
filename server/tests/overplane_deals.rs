//! Overplane's opportunities on the board, against its fake: the columns
//! from the configuration (and a stage it does not know, kept), the totals,
//! a move that sends the stage alone, an order that stays Frontdesk's, and a
//! record changed at Overplane since the board read it: a conflict, nothing
//! overwritten.

mod common;

use common::vendors::{fakes, overplane_deals_app};
use frontdesk_fakes::{Fault, FaultKind, Vendor};
use serde_json::{Value, json};

async fn board(app: &common::TestApp, cookie: &str) -> Value {
    let r = app
        .get("/api/v1/pipelines/overplane/board", Some(cookie))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn card<'a>(board: &'a Value, id: &str) -> &'a Value {
    board["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("card {id} on the board"))
}

async fn move_card(app: &common::TestApp, cookie: &str, id: &str, body: Value) -> common::Reply {
    app.post_json(
        &format!("/api/v1/pipelines/overplane/cards/{id}/move"),
        &body.to_string(),
        Some(cookie),
    )
    .await
}

#[tokio::test]
async fn the_board_shows_every_opportunity_in_its_stage_with_the_totals() {
    let fake = fakes().await;
    let (app, cookie) = overplane_deals_app(&fake).await;
    let b = board(&app, &cookie).await;
    let stages: Vec<&str> = b["pipeline"]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        &stages[..5],
        ["Qualification", "Proposal", "Negotiation", "Won", "Lost"]
    );
    let state = fake.snapshot().overplane;
    assert_eq!(
        b["cards"].as_array().unwrap().len(),
        state.prospect_opportunities.len(),
        "every opportunity, none dropped"
    );
    for (id, o) in &state.prospect_opportunities {
        let c = card(&b, id);
        assert_eq!(c["stage_id"], json!(o.stage.clone().unwrap()));
        assert_eq!(c["title"], json!(o.opportunity.clone().unwrap()));
        let amount = o.amount.as_ref().and_then(|a| a.as_f64()).unwrap_or(0.0);
        assert_eq!(c["value_cents"], json!((amount * 100.0).round() as i64));
        let parent = &state.prospects[&o.prospect_id];
        assert_eq!(c["subtitle"], json!(parent.company));
    }
    // Each column's total is the sum of its cards.
    for col in b["columns"].as_array().unwrap() {
        let sum: i64 = b["cards"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["stage_id"] == col["stage_id"])
            .map(|c| c["value_cents"].as_i64().unwrap())
            .sum();
        let total: i64 = col["money"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["value_cents"].as_i64().unwrap())
            .sum();
        assert_eq!(sum, total, "{col}");
    }
}

#[tokio::test]
async fn a_stage_the_configuration_does_not_know_is_kept_as_a_column() {
    let fake = fakes().await;
    {
        let mut s = fake.state();
        let o = s
            .overplane
            .prospect_opportunities
            .get_mut("prospect-opportunity_yogaloft_1")
            .unwrap();
        o.stage = Some("On hold".into());
    }
    let (app, cookie) = overplane_deals_app(&fake).await;
    let b = board(&app, &cookie).await;
    assert!(
        b["pipeline"]["stages"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == "On hold"),
        "{}",
        b["pipeline"]
    );
    assert_eq!(
        card(&b, "prospect-opportunity_yogaloft_1")["stage_id"],
        "On hold"
    );
}

#[tokio::test]
async fn a_move_sends_the_stage_alone_and_an_order_stays_frontdesks() {
    let fake = fakes().await;
    let (app, cookie) = overplane_deals_app(&fake).await;
    let id = "prospect-opportunity_kantoorpark_1";
    let b = board(&app, &cookie).await;
    let version = card(&b, id)["version"].as_i64().unwrap();
    let before = fake.snapshot().overplane.prospect_opportunities[id].clone();

    let moved = move_card(
        &app,
        &cookie,
        id,
        json!({"stage_id": "Proposal", "version": version}),
    )
    .await;
    assert_eq!(moved.status, 200, "{}", moved.text());
    let c = moved.json()["card"].clone();
    assert_eq!(c["stage_id"], "Proposal");
    assert!(c["version"].as_i64().unwrap() > version);
    let after = fake.snapshot().overplane.prospect_opportunities[id].clone();
    assert_eq!(after.stage.as_deref(), Some("Proposal"));
    assert_eq!(after.last_patch_fields, Some(vec!["stage".to_owned()]));
    assert_eq!(
        (after.amount, after.opportunity),
        (before.amount, before.opportunity)
    );

    // Within the column: Frontdesk's order, nothing sent.
    let b = board(&app, &cookie).await;
    let other = b["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["stage_id"] == "Proposal" && x["id"] != id)
        .cloned()
        .expect("another card in Proposal");
    fake.clear_requests();
    let version = card(&b, id)["version"].as_i64().unwrap();
    let reordered = move_card(
        &app,
        &cookie,
        id,
        json!({"stage_id": "Proposal", "version": version, "before_id": other["id"]}),
    )
    .await;
    assert_eq!(reordered.status, 200, "{}", reordered.text());
    let writes = fake
        .requests_to(Vendor::Overplane)
        .iter()
        .filter(|r| r.http_method != "GET")
        .count();
    assert_eq!(writes, 0, "an order is Frontdesk's");
    let b = board(&app, &cookie).await;
    let column: Vec<&str> = b["cards"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["stage_id"] == "Proposal")
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    let (mine, theirs) = (
        column.iter().position(|x| *x == id).unwrap(),
        column
            .iter()
            .position(|x| *x == other["id"].as_str().unwrap())
            .unwrap(),
    );
    assert!(mine < theirs, "{column:?}");
}

#[tokio::test]
async fn a_record_changed_at_overplane_since_the_board_read_it_is_not_overwritten() {
    let fake = fakes().await;
    let (app, cookie) = overplane_deals_app(&fake).await;
    let id = "prospect-opportunity_koepel_1";
    let b = board(&app, &cookie).await;
    let version = card(&b, id)["version"].as_i64().unwrap();
    // Someone raises the amount in Overplane itself.
    fake.state()
        .overplane
        .prospect_opportunities
        .get_mut(id)
        .unwrap()
        .amount = Some(serde_json::Number::from(99_000));
    let reply = move_card(
        &app,
        &cookie,
        id,
        json!({"stage_id": "Won", "version": version}),
    )
    .await;
    let p = reply.assert_problem(409);
    assert_eq!(p["current"]["value_cents"], 9_900_000, "{p}");
    let there = fake.snapshot().overplane.prospect_opportunities[id].clone();
    assert_eq!(
        there.stage.as_deref(),
        Some("Negotiation"),
        "nothing written"
    );

    // A stale version the board held is a conflict too.
    let stale = move_card(
        &app,
        &cookie,
        id,
        json!({"stage_id": "Won", "version": version}),
    )
    .await;
    stale.assert_problem(409);
    // With the current version it goes through.
    let now = p["current"]["version"].as_i64().unwrap();
    let ok = move_card(
        &app,
        &cookie,
        id,
        json!({"stage_id": "Won", "version": now}),
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.text());
}

#[tokio::test]
async fn a_refused_or_failed_move_changes_nothing() {
    let fake = fakes().await;
    let (app, cookie) = overplane_deals_app(&fake).await;
    let id = "prospect-opportunity_fitlab_1";
    let b = board(&app, &cookie).await;
    let version = card(&b, id)["version"].as_i64().unwrap();
    for (fault, status) in [
        (
            Fault::new(Vendor::Overplane, FaultKind::Status).status(500),
            502,
        ),
        (Fault::new(Vendor::Overplane, FaultKind::FailedStatus), 422),
        (Fault::new(Vendor::Overplane, FaultKind::Slow).ms(2500), 503),
    ] {
        fake.inject(fault.method("PATCH prospect-opportunity"));
        let reply = move_card(
            &app,
            &cookie,
            id,
            json!({"stage_id": "Negotiation", "version": version}),
        )
        .await;
        let p = reply.assert_problem(status);
        assert!(p["title"].as_str().unwrap().starts_with("Overplane"), "{p}");
        let b = board(&app, &cookie).await;
        assert_eq!(card(&b, id)["stage_id"], "Proposal");
        assert_eq!(card(&b, id)["version"], version);
    }
    move_card(
        &app,
        &cookie,
        id,
        json!({"stage_id": "Nope", "version": version}),
    )
    .await
    .assert_problem(422);
}

#[tokio::test]
async fn a_deal_is_created_under_its_prospect_and_edited_by_what_changed() {
    let fake = fakes().await;
    let (app, cookie) = overplane_deals_app(&fake).await;
    let prospect: i64 = sqlx::query_scalar(
        "SELECT id FROM prospects WHERE vendor = 'overplane' AND remote_id = 'prospect_abc123'",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let body = json!({"title": "Frontdesk Pro", "stage_id": "Qualification", "prospect_id": prospect,
                      "value_cents": 1_250_050, "currency": "EUR", "expected_close": "2027-03-31"});
    let created = app
        .post_json("/api/v1/deals", &body.to_string(), Some(&cookie))
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let s = fake.snapshot().overplane;
    let o = s
        .prospect_opportunities
        .values()
        .find(|o| o.opportunity.as_deref() == Some("Frontdesk Pro"))
        .expect("created at Overplane");
    assert_eq!(o.prospect_id, "prospect_abc123");
    assert_eq!(o.amount.as_ref().and_then(|a| a.as_f64()), Some(12500.5));
    let id = o.id.clone();

    let detail = app.get(&format!("/api/v1/deals/{id}"), Some(&cookie)).await;
    assert_eq!(detail.status, 200, "{}", detail.text());
    let d = detail.json();
    assert_eq!(d["prospect"]["last_name"], "Example Corp");
    let mut edit = body.clone();
    edit["title"] = json!("Frontdesk Pro, 3 sites");
    edit["version"] = d["card"]["version"].clone();
    let saved = app
        .send_json(
            "PUT",
            &format!("/api/v1/deals/{id}"),
            &edit.to_string(),
            Some(&cookie),
        )
        .await;
    assert!(
        saved.status == 200 || saved.status == 204,
        "{}",
        saved.text()
    );
    let after = fake.snapshot().overplane.prospect_opportunities[&id].clone();
    assert_eq!(after.opportunity.as_deref(), Some("Frontdesk Pro, 3 sites"));
    assert_eq!(
        after.last_patch_fields,
        Some(vec!["opportunity".to_owned()])
    );

    let orphan = json!({"title": "Nobody's", "stage_id": "Qualification", "value_cents": 0, "currency": "EUR"});
    let p = app
        .post_json("/api/v1/deals", &orphan.to_string(), Some(&cookie))
        .await
        .assert_problem(422);
    assert!(p["errors"]["prospect_id"].is_string(), "{p}");
}
