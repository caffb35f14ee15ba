//! Overplane's child leads and opportunities in the prospect's drawer
//! (`/api/v1/prospects/{id}/related`), against its fake: listed in
//! Overplane's order, added, edited by what changed, deleted, reordered
//! with `reorder`; bad input named by field before anything is sent; a
//! vendor's 4xx, 5xx and timeout change nothing; and the board following a
//! new order of the opportunities.

mod common;

use common::vendors::{fakes, overplane_app, overplane_deals_app};
use frontdesk_fakes::{Fault, FaultKind, Vendor};
use serde_json::{Value, json};

async fn id_of(app: &common::TestApp, remote: &str) -> i64 {
    app.count(&format!(
        "SELECT id FROM prospects WHERE vendor = 'overplane' AND remote_id = '{remote}'"
    ))
    .await
}

fn section<'a>(related: &'a Value, kind: &str) -> &'a Value {
    related["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == kind)
        .unwrap_or_else(|| panic!("a {kind} section in {related}"))
}

fn ids(section: &Value) -> Vec<String> {
    section["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The fake's writes (not reads) since the log was cleared.
fn writes(fake: &frontdesk_fakes::FakeVendors) -> Vec<String> {
    fake.requests_to(Vendor::Overplane)
        .iter()
        .filter(|r| r.http_method != "GET")
        .map(|r| format!("{} {}", r.http_method, r.path))
        .collect()
}

#[tokio::test]
async fn the_drawer_lists_a_prospects_leads_and_opportunities_in_overplanes_order() {
    let fake = fakes().await;
    let (app, cookie) = overplane_app(&fake).await;
    // Overplane's order is `idx`, whatever order the list comes in.
    fake.state()
        .overplane
        .prospect_leads
        .get_mut("prospect-lead_fitlab_1")
        .unwrap()
        .idx = 9;
    let id = id_of(&app, "prospect_fitlab_gent").await;
    let r = app
        .get(&format!("/api/v1/prospects/{id}/related"), Some(&cookie))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let related = r.json();
    assert_eq!(related["system"], "Overplane");
    let leads = section(&related, "leads");
    assert_eq!(
        ids(leads),
        ["prospect-lead_fitlab_2", "prospect-lead_fitlab_1"]
    );
    assert_eq!(leads["can_reorder"], true);
    let first = &leads["items"][0];
    assert_eq!(first["title"], "Bram Janssens");
    assert_eq!(first["values"]["lead"], "CRM-LEAD-2024-00044");
    assert_eq!(
        first["values"]["email"],
        "bram.janssens@fitlab-gent.example"
    );
    let opportunities = section(&related, "opportunities");
    assert_eq!(
        ids(opportunities),
        [
            "prospect-opportunity_fitlab_1",
            "prospect-opportunity_fitlab_2"
        ]
    );
    // Every request asked by parent, with the key.
    for r in fake.requests_to(Vendor::Overplane) {
        assert!(
            r.header("authorization")
                .is_some_and(|a| a.starts_with("Bearer "))
        );
    }
    let asked: Vec<_> = fake
        .requests_to(Vendor::Overplane)
        .into_iter()
        .filter(|r| r.path.contains("prospect-lead"))
        .collect();
    assert!(
        asked
            .iter()
            .any(|r| r.param("parent_id") == Some("prospect_fitlab_gent")),
        "{asked:?}"
    );
}

#[tokio::test]
async fn a_lead_is_added_edited_by_what_changed_and_deleted() {
    let fake = fakes().await;
    let (app, cookie) = overplane_app(&fake).await;
    let id = id_of(&app, "prospect_crossbox_antwerpen").await;
    let base = format!("/api/v1/prospects/{id}/related/leads");

    let added = app
        .post_json(
            &base,
            &json!({"values": {"lead": "CRM-LEAD-2026-00001", "name": "<b>Jo</b> Peeters", "email": "jo@crossbox.example", "status": ""}})
                .to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(added.status, 200, "{}", added.text());
    let leads = section(&added.json(), "leads").clone();
    assert_eq!(leads["items"].as_array().unwrap().len(), 1);
    // Vendor text comes back as it is (the app renders it as text).
    assert_eq!(leads["items"][0]["title"], "<b>Jo</b> Peeters");
    let lead_id = leads["items"][0]["id"].as_str().unwrap().to_owned();
    let state = fake.snapshot().overplane;
    let l = &state.prospect_leads[&lead_id];
    assert_eq!(l.prospect_id, "prospect_crossbox_antwerpen");
    assert_eq!(l.lead, "CRM-LEAD-2026-00001");
    assert_eq!(l.status, None, "an empty field is not sent on create");
    let w = state.writes.last().unwrap();
    assert_eq!(w.call, "POST prospect-lead");
    assert_eq!(w.fields, ["email", "lead", "lead_name", "prospect_id"]);

    // An edit sends only what changed.
    let mut values = leads["items"][0]["values"].clone();
    values["status"] = json!("Open");
    let edited = app
        .send_json(
            "PATCH",
            &format!("{base}/{lead_id}"),
            &json!({ "values": values }).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.text());
    let l = &fake.snapshot().overplane.prospect_leads[&lead_id];
    assert_eq!(l.status.as_deref(), Some("Open"));
    assert_eq!(l.last_patch_fields, Some(vec!["status".to_owned()]));

    // The same values again: nothing is sent.
    fake.clear_requests();
    let same = app
        .send_json(
            "PATCH",
            &format!("{base}/{lead_id}"),
            &json!({ "values": values }).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(same.status, 200, "{}", same.text());
    assert!(writes(&fake).is_empty(), "{:?}", writes(&fake));

    let deleted = app
        .delete(&format!("{base}/{lead_id}"), Some(&cookie))
        .await;
    assert_eq!(deleted.status, 200, "{}", deleted.text());
    assert!(ids(section(&deleted.json(), "leads")).is_empty());
    assert!(
        !fake
            .snapshot()
            .overplane
            .prospect_leads
            .contains_key(&lead_id)
    );
}

#[tokio::test]
async fn an_opportunity_is_added_with_its_numbers_and_cleared_by_an_empty_value() {
    let fake = fakes().await;
    let (app, cookie) = overplane_app(&fake).await;
    let id = id_of(&app, "prospect_crossbox_antwerpen").await;
    let base = format!("/api/v1/prospects/{id}/related/opportunities");
    let added = app
        .post_json(
            &base,
            &json!({"values": {"name": "Frontdesk Basic", "amount": "1250,50", "probability": "40",
                "currency": "EUR", "stage": "Proposal", "expected_close": "2026-12-31"}})
            .to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(added.status, 200, "{}", added.text());
    let opp = section(&added.json(), "opportunities")["items"][0].clone();
    let oid = opp["id"].as_str().unwrap().to_owned();
    let o = fake.snapshot().overplane.prospect_opportunities[&oid].clone();
    assert_eq!(o.amount.as_ref().and_then(|a| a.as_f64()), Some(1250.5));
    assert_eq!(o.probability.as_ref().and_then(|a| a.as_i64()), Some(40));
    assert_eq!(o.expected_closing.as_deref(), Some("2026-12-31"));

    let cleared = app
        .send_json(
            "PATCH",
            &format!("{base}/{oid}"),
            &json!({"values": {"probability": ""}}).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(cleared.status, 200, "{}", cleared.text());
    let o = fake.snapshot().overplane.prospect_opportunities[&oid].clone();
    assert_eq!(o.probability, None);
    assert_eq!(o.last_patch_fields, Some(vec!["probability".to_owned()]));
}

#[tokio::test]
async fn bad_input_is_named_by_field_and_nothing_is_sent() {
    let fake = fakes().await;
    let (app, cookie) = overplane_app(&fake).await;
    let id = id_of(&app, "prospect_fitlab_gent").await;
    fake.clear_requests();
    let r = app
        .post_json(
            &format!("/api/v1/prospects/{id}/related/leads"),
            &json!({"values": {"email": "not an email", "colour": "red"}}).to_string(),
            Some(&cookie),
        )
        .await;
    let p = r.assert_problem(422);
    assert!(p["errors"]["lead"].is_string(), "{p}");
    assert!(p["errors"]["email"].is_string(), "{p}");
    assert!(p["errors"]["colour"].is_string(), "{p}");
    let r = app
        .send_json(
            "PATCH",
            &format!("/api/v1/prospects/{id}/related/opportunities/prospect-opportunity_fitlab_1"),
            &json!({"values": {"amount": "12k", "expected_close": "31/12/2026"}}).to_string(),
            Some(&cookie),
        )
        .await;
    let p = r.assert_problem(422);
    assert!(p["errors"]["amount"].is_string(), "{p}");
    assert!(p["errors"]["expected_close"].is_string(), "{p}");
    app.post_json(
        &format!("/api/v1/prospects/{id}/related/widgets"),
        r#"{"values":{}}"#,
        Some(&cookie),
    )
    .await
    .assert_problem(404);
    app.send_json(
        "PUT",
        &format!("/api/v1/prospects/{id}/related/leads/order"),
        r#"{"ids":["a","a"]}"#,
        Some(&cookie),
    )
    .await
    .assert_problem(422);
    assert!(writes(&fake).is_empty(), "{:?}", writes(&fake));
    app.get("/api/v1/prospects/999999/related", Some(&cookie))
        .await
        .assert_problem(404);
}

#[tokio::test]
async fn leads_are_reordered_with_overplanes_reorder() {
    let fake = fakes().await;
    let (app, cookie) = overplane_app(&fake).await;
    let id = id_of(&app, "prospect_fitlab_gent").await;
    let order = format!("/api/v1/prospects/{id}/related/leads/order");
    fake.clear_requests();
    let r = app
        .send_json(
            "PUT",
            &order,
            &json!({"ids": ["prospect-lead_fitlab_2", "prospect-lead_fitlab_1"]}).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        ids(section(&r.json(), "leads")),
        ["prospect-lead_fitlab_2", "prospect-lead_fitlab_1"]
    );
    let state = fake.snapshot().overplane;
    let in_order: Vec<&str> = state
        .leads_of("prospect_fitlab_gent")
        .iter()
        .map(|l| l.id.as_str())
        .collect();
    assert_eq!(
        in_order,
        ["prospect-lead_fitlab_2", "prospect-lead_fitlab_1"]
    );
    let w = state.writes.last().unwrap();
    assert_eq!(w.call, "POST prospect-lead/reorder");
    assert_eq!(w.id, "prospect_fitlab_gent");
    assert_eq!(w.fields, ["ids", "parent_id"]);

    // The order it already has: nothing sent.
    fake.clear_requests();
    let same = app
        .send_json(
            "PUT",
            &order,
            &json!({"ids": ["prospect-lead_fitlab_2", "prospect-lead_fitlab_1"]}).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(same.status, 200, "{}", same.text());
    assert!(writes(&fake).is_empty());

    // A list that changed meanwhile (a lead added at Overplane): a
    // conflict, nothing sent.
    {
        let mut s = fake.state();
        let mut extra = s.overplane.prospect_leads["prospect-lead_fitlab_1"].clone();
        extra.id = "prospect-lead_fitlab_3".into();
        extra.idx = 0;
        s.overplane.insert_lead(extra);
    }
    let stale = app
        .send_json(
            "PUT",
            &order,
            &json!({"ids": ["prospect-lead_fitlab_1", "prospect-lead_fitlab_2"]}).to_string(),
            Some(&cookie),
        )
        .await;
    stale.assert_problem(409);
    assert!(writes(&fake).is_empty());
}

#[tokio::test]
async fn the_board_follows_a_new_order_of_a_prospects_opportunities() {
    let fake = fakes().await;
    // Both of Kantoorpark's opportunities in one column.
    fake.state()
        .overplane
        .prospect_opportunities
        .get_mut("prospect-opportunity_kantoorpark_2")
        .unwrap()
        .stage = Some("Qualification".into());
    let (app, cookie) = overplane_deals_app(&fake).await;
    let column = |b: &Value| -> Vec<String> {
        b["cards"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["stage_id"] == "Qualification")
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let board = app
        .get("/api/v1/pipelines/overplane/board", Some(&cookie))
        .await
        .json();
    let before = column(&board);
    let (a, b) = (
        "prospect-opportunity_kantoorpark_1",
        "prospect-opportunity_kantoorpark_2",
    );
    let pos = |col: &[String], id: &str| col.iter().position(|x| x == id).unwrap();
    // Put them the other way round in Overplane.
    let wanted = if pos(&before, a) < pos(&before, b) {
        vec![b, a]
    } else {
        vec![a, b]
    };
    let id = id_of(&app, "prospect_kantoorpark_mechelen").await;
    let r = app
        .send_json(
            "PUT",
            &format!("/api/v1/prospects/{id}/related/opportunities/order"),
            &json!({ "ids": wanted }).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let after = column(
        &app.get("/api/v1/pipelines/overplane/board", Some(&cookie))
            .await
            .json(),
    );
    assert!(pos(&after, wanted[0]) < pos(&after, wanted[1]), "{after:?}");
    // The other cards of the column keep their places.
    let others = |c: &[String]| -> Vec<String> {
        c.iter().filter(|x| *x != a && *x != b).cloned().collect()
    };
    assert_eq!(others(&before), others(&after));
    let in_overplane: Vec<String> = fake
        .snapshot()
        .overplane
        .opportunities_of("prospect_kantoorpark_mechelen")
        .iter()
        .map(|o| o.id.clone())
        .collect();
    assert_eq!(in_overplane, wanted);
}

#[tokio::test]
async fn a_refused_failed_or_slow_overplane_changes_nothing() {
    let fake = fakes().await;
    let (app, cookie) = overplane_app(&fake).await;
    let id = id_of(&app, "prospect_koepel_utrecht").await;
    let before = fake.snapshot().overplane.prospect_leads.len();
    for (fault, status) in [
        (
            Fault::new(Vendor::Overplane, FaultKind::Status).status(500),
            502,
        ),
        (Fault::new(Vendor::Overplane, FaultKind::FailedStatus), 422),
        (Fault::new(Vendor::Overplane, FaultKind::Slow).ms(2500), 503),
    ] {
        fake.inject(fault.method("POST prospect-lead"));
        let r = app
            .post_json(
                &format!("/api/v1/prospects/{id}/related/leads"),
                &json!({"values": {"lead": "CRM-LEAD-X"}}).to_string(),
                Some(&cookie),
            )
            .await;
        let p = r.assert_problem(status);
        assert!(p["title"].as_str().unwrap().starts_with("Overplane"), "{p}");
        let text = r.text();
        assert!(
            !text.contains(&fake.credentials().overplane_token),
            "{text}"
        );
        assert!(!text.contains("127.0.0.1"), "{text}");
    }
    // The slow answer may have landed after the timeout; no fault has
    // created two.
    assert!(fake.snapshot().overplane.prospect_leads.len() <= before + 1);
    // A list that fails: the drawer is told, by system.
    fake.inject(
        Fault::new(Vendor::Overplane, FaultKind::Status)
            .status(503)
            .times(5)
            .method("GET prospect-lead"),
    );
    let r = app
        .get(&format!("/api/v1/prospects/{id}/related"), Some(&cookie))
        .await;
    let p = r.assert_problem(502);
    assert!(p["title"].as_str().unwrap().starts_with("Overplane"), "{p}");
    // Malformed: a child without an id.
    fake.clear_faults();
    fake.inject(
        Fault::new(Vendor::Overplane, FaultKind::Malformed).method("GET prospect-opportunity"),
    );
    app.get(&format!("/api/v1/prospects/{id}/related"), Some(&cookie))
        .await
        .assert_problem(502);
}
