//! Cirrus's opportunities made and edited from the deal form, their
//! activities in the drawer, and following one, against the fake: what is
//! sent is what changed (with the fields Cirrus requires, as read), what
//! Cirrus cannot keep is refused naming the field before anything is sent,
//! and a failure at Cirrus changes nothing.

mod common;

use common::vendors::{cirrus_deals_app, fakes};
use frontdesk_fakes::cirrus::model::Resource;
use frontdesk_fakes::{Fault, FaultKind, Vendor};
use serde_json::json;

async fn account_prospect(app: &common::TestApp, account: i64) -> i64 {
    sqlx::query_scalar("SELECT id FROM prospects WHERE vendor = 'cirrus' AND remote_id = ?")
        .bind(format!("account:{account}"))
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

/// An open status of a type, and the type.
fn open_status(s: &frontdesk_fakes::cirrus::model::CirrusState) -> (i64, i64) {
    s.statuses
        .values()
        .find_map(|st| {
            let ty = st.int_at("opportunitytypeid")?;
            (ty != 0 && st.int_at("won") == Some(0) && st.int_at("lost") == Some(0))
                .then(|| (st.int_at("id").unwrap(), ty))
        })
        .unwrap()
}

fn sent(fake: &frontdesk_fakes::FakeVendors) -> Vec<String> {
    fake.requests_to(Vendor::Cirrus)
        .into_iter()
        .filter(|r| r.http_method != "GET")
        .map(|r| r.method)
        .collect()
}

#[tokio::test]
async fn a_new_deal_is_an_opportunity_under_the_account_with_its_primary_contact() {
    let fake = fakes().await;
    let (app, cookie) = cirrus_deals_app(&fake).await;
    let s = fake.snapshot().cirrus;
    let (status, ty) = open_status(&s);
    let prospect = account_prospect(&app, 2).await;
    let body = json!({
        "title": "Ten rowing machines", "stage_id": status.to_string(), "prospect_id": prospect,
        "value_cents": 1_250_050, "currency": "EUR", "expected_close": "2026-09-30"
    });

    // What Cirrus cannot keep, said before anything is sent.
    fake.clear_requests();
    let lead: i64 = sqlx::query_scalar(
        "SELECT id FROM prospects WHERE vendor = 'cirrus' AND remote_id NOT LIKE 'account:%' LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    for (change, field) in [
        (json!({"prospect_id": lead}), "prospect_id"),
        (json!({"prospect_id": null}), "prospect_id"),
        (json!({"expected_close": null}), "expected_close"),
        (json!({"owner_id": 1}), "owner_id"),
        (json!({"probability": 40}), "probability"),
        (json!({"currency": "USD"}), "currency"),
    ] {
        let mut b = body.clone();
        for (k, v) in change.as_object().unwrap() {
            b[k] = v.clone();
        }
        let p = app
            .post_json("/api/v1/deals", &b.to_string(), Some(&cookie))
            .await
            .assert_problem(422);
        assert!(p["errors"][field].is_string(), "{field}: {p}");
    }
    assert_eq!(sent(&fake), Vec::<String>::new(), "nothing sent");

    let created = app
        .post_json("/api/v1/deals", &body.to_string(), Some(&cookie))
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let d = created.json();
    let id: i64 = d["card"]["id"].as_str().unwrap().parse().unwrap();
    assert_eq!(d["pipeline_id"], ty.to_string());
    assert_eq!(d["card"]["prospect_id"], prospect);
    assert_eq!(d["prospect"]["id"], prospect);
    let s = fake.snapshot().cirrus;
    let o = &s.opportunities[&id];
    assert_eq!(o.str_at("title"), Some("Ten rowing machines"));
    assert_eq!(o.get("value").and_then(|v| v.as_f64()), Some(12500.5));
    assert_eq!(o.int_at("statusid"), Some(status));
    assert_eq!(o.int_at("typeid"), Some(ty));
    assert_eq!(o.get("account").and_then(|a| a.int_at("id")), Some(2));
    let primary = s
        .contacts
        .iter()
        .find(|(_, c)| {
            c.get("account").and_then(|a| a.int_at("id")) == Some(2)
                && c.int_at("primarycontact") == Some(1)
        })
        .map(|(id, _)| *id);
    assert_eq!(o.get("contact").and_then(|c| c.int_at("id")), primary);
    assert_eq!(
        o.get("user").and_then(|u| u.int_at("id")),
        Some(frontdesk_fakes::cirrus::TOKEN_USER)
    );
    // On the board at once.
    let card_id = id.to_string();
    let board = app
        .get(&format!("/api/v1/pipelines/{ty}/board"), Some(&cookie))
        .await
        .json();
    assert!(
        board["cards"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == card_id.as_str())
    );

    // A failure at Cirrus: said, nothing made.
    let before = fake.snapshot().cirrus.opportunities.len();
    fake.inject(
        Fault::new(Vendor::Cirrus, FaultKind::Status)
            .status(500)
            .method("POST /opportunities"),
    );
    app.post_json("/api/v1/deals", &body.to_string(), Some(&cookie))
        .await
        .assert_problem(502);
    assert_eq!(fake.snapshot().cirrus.opportunities.len(), before);
}

#[tokio::test]
async fn an_edit_sends_what_changed_nothing_without_changes_and_a_stale_one_is_a_conflict() {
    let fake = fakes().await;
    let (app, cookie) = cirrus_deals_app(&fake).await;
    let s = fake.snapshot().cirrus;
    let id = *s
        .opportunities
        .iter()
        .find(|(id, o)| **id != 0 && o.int_at("closed") == Some(0))
        .unwrap()
        .0;
    let before = s.opportunities[&id].clone();
    let read = app.get(&format!("/api/v1/deals/{id}"), Some(&cookie)).await;
    assert_eq!(read.status, 200, "{}", read.text());
    let d = read.json();
    // The drawer's activities are the opportunity's at Cirrus.
    let theirs = s
        .activities
        .values()
        .filter(|a| a.get("opportunity").and_then(|o| o.int_at("id")) == Some(id))
        .count();
    assert_eq!(d["activities"].as_array().unwrap().len(), theirs);
    let c = &d["card"];
    let form = json!({
        "title": c["title"], "stage_id": c["stage_id"], "prospect_id": c["prospect_id"],
        "value_cents": c["value_cents"], "currency": c["currency"], "probability": c["probability"],
        "expected_close": c["expected_close"], "version": c["version"]
    });

    fake.clear_requests();
    let same = app
        .send_json(
            "PUT",
            &format!("/api/v1/deals/{id}"),
            &form.to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(same.status, 200, "{}", same.text());
    assert_eq!(
        sent(&fake),
        Vec::<String>::new(),
        "a save without changes sends nothing"
    );

    let mut changed = form.clone();
    changed["title"] = json!("Renamed <b>here</b>");
    let saved = app
        .send_json(
            "PUT",
            &format!("/api/v1/deals/{id}"),
            &changed.to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert_eq!(saved.json()["card"]["title"], "Renamed <b>here</b>");
    let s = fake.snapshot().cirrus;
    let after = &s.opportunities[&id];
    assert_eq!(after.str_at("title"), Some("Renamed <b>here</b>"));
    for key in [
        "value",
        "statusid",
        "accountid",
        "contactid",
        "description",
        "estimatedenddate",
    ] {
        assert_eq!(after.get(key), before.get(key), "{key} as it was");
    }
    let fields = s.last_write_fields(Resource::Opportunities, id).unwrap();
    assert!(fields.contains(&"title".to_owned()), "{fields:?}");

    // Changed at Cirrus since: a conflict, nothing sent over it.
    let version = saved.json()["card"]["version"].as_i64().unwrap();
    fake.state().cirrus.opportunities.get_mut(&id).unwrap().set(
        "title",
        frontdesk_fakes::cirrus::ordered::Json::str("Renamed in Cirrus"),
    );
    let mut stale = changed.clone();
    stale["version"] = json!(version);
    stale["title"] = json!("Mine");
    let p = app
        .send_json(
            "PUT",
            &format!("/api/v1/deals/{id}"),
            &stale.to_string(),
            Some(&cookie),
        )
        .await
        .assert_problem(409);
    assert_eq!(p["current"]["title"], "Renamed in Cirrus", "{p}");
    assert_eq!(
        fake.snapshot().cirrus.opportunities[&id].str_at("title"),
        Some("Renamed in Cirrus")
    );
}

#[tokio::test]
async fn follow_and_unfollow_are_cirruss_word() {
    let fake = fakes().await;
    let (app, cookie) = cirrus_deals_app(&fake).await;
    let me = frontdesk_fakes::cirrus::TOKEN_USER;
    let id = *fake
        .snapshot()
        .cirrus
        .opportunities
        .iter()
        .find(|(id, o)| {
            **id != 0
                && !matches!(o.get("followers"), Some(frontdesk_fakes::cirrus::ordered::Json::Arr(f))
                    if f.iter().any(|u| u.int_at("id") == Some(me)))
        })
        .unwrap()
        .0;
    let url = format!("/api/v1/deals/{id}/follow");
    let followers = |fake: &frontdesk_fakes::FakeVendors| -> Vec<i64> {
        match fake.snapshot().cirrus.opportunities[&id].get("followers") {
            Some(frontdesk_fakes::cirrus::ordered::Json::Arr(f)) => {
                f.iter().filter_map(|u| u.int_at("id")).collect()
            }
            _ => Vec::new(),
        }
    };
    let state = app.get(&url, Some(&cookie)).await;
    assert_eq!(state.status, 200, "{}", state.text());
    assert_eq!(state.json(), json!({"following": false}));

    let on = app
        .send_json("PUT", &url, r#"{"following": true}"#, Some(&cookie))
        .await;
    assert_eq!(on.status, 200, "{}", on.text());
    assert_eq!(on.json(), json!({"following": true}));
    assert!(followers(&fake).contains(&me));
    let call = fake
        .requests_to(Vendor::Cirrus)
        .into_iter()
        .rfind(|r| r.method == "POST /opportunities/follow")
        .unwrap();
    let params = format!("{:?}", call.params);
    assert!(params.contains(&format!("(\"key\", \"{id}\")")), "{params}");
    assert!(
        params.contains(&format!("(\"userid\", \"{me}\")")),
        "{params}"
    );

    for (fault, status) in [
        (
            Fault::new(Vendor::Cirrus, FaultKind::Status).status(500),
            502,
        ),
        (
            Fault::new(Vendor::Cirrus, FaultKind::RateLimit).retry_after_s(30),
            503,
        ),
        (Fault::new(Vendor::Cirrus, FaultKind::Slow).ms(2500), 503),
        (Fault::new(Vendor::Cirrus, FaultKind::FailedStatus), 422),
    ] {
        fake.inject(fault.method("POST /opportunities/unfollow"));
        app.send_json("PUT", &url, r#"{"following": false}"#, Some(&cookie))
            .await
            .assert_problem(status);
        fake.clear_faults();
    }
    let off = app
        .send_json("PUT", &url, r#"{"following": false}"#, Some(&cookie))
        .await;
    assert_eq!(off.json(), json!({"following": false}));
    assert!(!followers(&fake).contains(&me));

    let bad = app
        .send_json("PUT", &url, r#"{"following": "yes"}"#, Some(&cookie))
        .await
        .assert_problem(422);
    assert!(bad.to_string().contains("following"), "{bad}");
    app.get("/api/v1/deals/999999/follow", Some(&cookie))
        .await
        .assert_problem(404);
}
