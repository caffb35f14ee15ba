//! Cirrus's opportunities on the board, against its fake: a pipeline per
//! type with its statuses, a move that sends the new status (with the
//! fields Cirrus requires, as read), the reason a won or lost status needs,
//! and a record changed at Cirrus since the board read it not overwritten.

mod common;

use common::vendors::{cirrus_deals_app, fakes};
use frontdesk_fakes::{Fault, FaultKind, Vendor};
use serde_json::{Value, json};

async fn get(app: &common::TestApp, cookie: &str, uri: &str) -> Value {
    let r = app.get(uri, Some(cookie)).await;
    assert_eq!(r.status, 200, "{uri}: {}", r.text());
    r.json()
}

fn card(b: &Value, id: i64) -> &Value {
    b["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"].as_str() == Some(id.to_string().as_str()))
        .unwrap_or_else(|| panic!("card {id}"))
}

async fn move_card(
    app: &common::TestApp,
    cookie: &str,
    p: &str,
    id: i64,
    body: Value,
) -> common::Reply {
    app.post_json(
        &format!("/api/v1/pipelines/{p}/cards/{id}/move"),
        &body.to_string(),
        Some(cookie),
    )
    .await
}

#[tokio::test]
async fn each_type_is_a_pipeline_of_its_statuses_with_every_opportunity() {
    let fake = fakes().await;
    let (app, cookie) = cirrus_deals_app(&fake).await;
    let state = fake.snapshot().cirrus;
    let pipelines = get(&app, &cookie, "/api/v1/pipelines").await;
    let types: Vec<i64> = state.types.keys().copied().filter(|t| *t != 0).collect();
    for ty in types {
        let p = pipelines
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"].as_str() == Some(ty.to_string().as_str()))
            .unwrap_or_else(|| panic!("type {ty}: {pipelines}"));
        let mut statuses: Vec<(i64, i64)> = state
            .statuses
            .values()
            .filter(|s| s.int_at("opportunitytypeid") == Some(ty))
            .map(|s| (s.int_at("sortorder").unwrap_or(0), s.int_at("id").unwrap()))
            .collect();
        statuses.sort();
        let ids: Vec<String> = statuses.iter().map(|(_, id)| id.to_string()).collect();
        let stages: Vec<String> = p["stages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(stages, ids);
        let b = get(&app, &cookie, &format!("/api/v1/pipelines/{ty}/board")).await;
        let theirs: Vec<i64> = state
            .opportunities
            .values()
            .filter(|o| o.int_at("typeid") == Some(ty))
            .map(|o| o.int_at("id").unwrap())
            .collect();
        assert_eq!(b["cards"].as_array().unwrap().len(), theirs.len(), "{ty}");
        for id in theirs {
            let o = &state.opportunities[&id];
            assert_eq!(
                card(&b, id)["stage_id"],
                o.int_at("statusid").unwrap().to_string()
            );
        }
    }
}

#[tokio::test]
async fn a_move_sends_the_status_a_won_one_its_reason_and_a_changed_record_is_a_conflict() {
    let fake = fakes().await;
    let (app, cookie) = cirrus_deals_app(&fake).await;
    let state = fake.snapshot().cirrus;
    // An open opportunity, and another open status of its type.
    let (id, ty, from) = state
        .opportunities
        .values()
        .filter(|o| o.int_at("id") != Some(0) && o.int_at("closed") == Some(0))
        .find_map(|o| Some((o.int_at("id")?, o.int_at("typeid")?, o.int_at("statusid")?)))
        .unwrap();
    let status = |won: bool, lost: bool| {
        state
            .statuses
            .values()
            .find(|s| {
                s.int_at("opportunitytypeid") == Some(ty)
                    && s.int_at("id") != Some(from)
                    && (s.int_at("won") == Some(1)) == won
                    && (s.int_at("lost") == Some(1)) == lost
            })
            .and_then(|s| s.int_at("id"))
            .unwrap()
    };
    let (open, won) = (status(false, false), status(true, false));
    let p = ty.to_string();
    let b = get(&app, &cookie, &format!("/api/v1/pipelines/{p}/board")).await;
    let version = card(&b, id)["version"].as_i64().unwrap();
    let before = state.opportunities[&id].clone();

    let moved = move_card(
        &app,
        &cookie,
        &p,
        id,
        json!({"stage_id": open.to_string(), "version": version}),
    )
    .await;
    assert_eq!(moved.status, 200, "{}", moved.text());
    let s = fake.snapshot().cirrus;
    let after = &s.opportunities[&id];
    assert_eq!(after.int_at("statusid"), Some(open));
    for key in [
        "title",
        "description",
        "value",
        "accountid",
        "contactid",
        "userid",
        "estimatedenddate",
    ] {
        assert_eq!(after.get(key), before.get(key), "{key} as it was");
    }

    // Won needs a win reason: refused without, sent with.
    let version = moved.json()["card"]["version"].as_i64().unwrap();
    fake.clear_requests();
    let refused = move_card(
        &app,
        &cookie,
        &p,
        id,
        json!({"stage_id": won.to_string(), "version": version}),
    )
    .await;
    let problem = refused.assert_problem(422);
    assert!(problem["errors"]["reason_id"].is_string(), "{problem}");
    assert!(
        fake.requests_to(Vendor::Cirrus)
            .iter()
            .all(|r| r.http_method == "GET"),
        "asked before anything is sent"
    );
    assert_eq!(
        fake.snapshot().cirrus.opportunities[&id].int_at("statusid"),
        Some(open)
    );
    let reason = *s.winreasons.keys().find(|r| **r != 0).unwrap();
    let ok = move_card(
        &app,
        &cookie,
        &p,
        id,
        json!({"stage_id": won.to_string(), "version": version, "reason_id": reason.to_string()}),
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.text());
    let s = fake.snapshot().cirrus;
    assert_eq!(s.opportunities[&id].int_at("statusid"), Some(won));
    assert_eq!(s.opportunities[&id].int_at("winreasonid"), Some(reason));

    // Changed at Cirrus since the board read it: a conflict, nothing written.
    let version = ok.json()["card"]["version"].as_i64().unwrap();
    fake.state().cirrus.opportunities.get_mut(&id).unwrap().set(
        "title",
        frontdesk_fakes::cirrus::ordered::Json::str("Renamed in Cirrus"),
    );
    let stale = move_card(
        &app,
        &cookie,
        &p,
        id,
        json!({"stage_id": open.to_string(), "version": version}),
    )
    .await;
    let problem = stale.assert_problem(409);
    assert_eq!(
        problem["current"]["title"], "Renamed in Cirrus",
        "{problem}"
    );
    assert_eq!(
        fake.snapshot().cirrus.opportunities[&id].int_at("statusid"),
        Some(won)
    );

    // A failure at Cirrus changes nothing.
    let now = problem["current"]["version"].as_i64().unwrap();
    fake.inject(
        Fault::new(Vendor::Cirrus, FaultKind::Status)
            .status(500)
            .method("PUT /opportunities/{id}"),
    );
    let failed = move_card(
        &app,
        &cookie,
        &p,
        id,
        json!({"stage_id": open.to_string(), "version": now}),
    )
    .await;
    failed.assert_problem(502);
    assert_eq!(
        fake.snapshot().cirrus.opportunities[&id].int_at("statusid"),
        Some(won)
    );
}
