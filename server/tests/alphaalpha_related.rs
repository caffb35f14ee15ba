//! AlphaAlpha's enriched customer in the prospect's drawer
//! (`/api/v1/prospects/{id}/related`), against its fake: contacts,
//! addresses, opportunities with their payment schedule, recent activities
//! and events as the vendor has them now; the owner assigned and removed,
//! the fake holding exactly that change; an unknown owner named by field;
//! a vendor's 5xx and timeout changing nothing; what AlphaAlpha cannot
//! write said with a 501. And the other systems: Frontdesk's own store has
//! nothing beside a prospect, Cirrus and Clubplanner say they cannot.

mod common;

use common::vendors::{alphaalpha_app, clubplanner_app, fakes};
use frontdesk_fakes::{Fault, FaultKind, Vendor};
use serde_json::{Value, json};

async fn id_of(app: &common::TestApp, remote: &str) -> i64 {
    app.count(&format!(
        "SELECT id FROM prospects WHERE vendor = 'alphaalpha' AND remote_id = '{remote}'"
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

#[tokio::test]
async fn the_drawer_shows_the_enriched_customer() {
    let fake = fakes().await;
    let (app, cookie) = alphaalpha_app(&fake).await;
    let id = id_of(&app, "cus_fitlab_gent").await;
    let r = app
        .get(&format!("/api/v1/prospects/{id}/related"), Some(&cookie))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let related = r.json();
    assert_eq!(related["system"], "AlphaAlpha");
    let contacts = section(&related, "contacts");
    assert_eq!(contacts["items"][0]["title"], "Sofie Maes");
    assert_eq!(contacts["can_add"], false);
    let addresses = section(&related, "addresses")["items"].as_array().unwrap();
    assert_eq!(addresses.len(), 3, "the billing address and two deliveries");
    let state = fake.snapshot().alphaalpha;
    let opportunities = section(&related, "opportunities")["items"]
        .as_array()
        .unwrap();
    assert_eq!(
        opportunities.len(),
        state.opportunities_of("cus_fitlab_gent").len()
    );
    assert_eq!(
        opportunities[0]["children"].as_array().unwrap().len(),
        3,
        "the payment schedule"
    );
    assert_eq!(
        section(&related, "activities")["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(section(&related, "events")["items"].is_array());
    let owner = &related["owner"];
    assert_eq!(owner["current"]["id"], "usr_an_peeters");
    assert_eq!(owner["current"]["name"], "An Peeters");
    assert_eq!(owner["can_assign"], true);
    let choices: Vec<&str> = owner["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(choices.contains(&"usr_jeroen_devries"), "{choices:?}");
    // Read with the token, and nothing written.
    assert!(state.writes.is_empty());
}

#[tokio::test]
async fn the_owner_is_assigned_and_removed_at_alphaalpha() {
    let fake = fakes().await;
    let (app, cookie) = alphaalpha_app(&fake).await;
    let id = id_of(&app, "cus_zwembad_brugge").await;
    let owner = format!("/api/v1/prospects/{id}/related/owner");
    let r = app
        .send_json(
            "PUT",
            &owner,
            &json!({"owner_id": "usr_lotte_visser"}).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["owner"]["current"]["name"], "Lotte Visser");
    let c = fake.snapshot().alphaalpha.customers["cus_zwembad_brugge"].clone();
    assert_eq!(c.owner_id.as_deref(), Some("usr_lotte_visser"));
    assert_eq!(
        c.last_write_call.as_deref(),
        Some("PATCH /crm/customers/{id}/owner/{ownerId}")
    );
    // The mirror holds what AlphaAlpha answered.
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM prospects WHERE id = {id} \
             AND json_extract(extra, '$.ownerId') = 'usr_lotte_visser'"
        ))
        .await,
        1
    );

    let r = app.delete(&owner, Some(&cookie)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.json()["owner"]["current"].is_null());
    let c = fake.snapshot().alphaalpha.customers["cus_zwembad_brugge"].clone();
    assert_eq!(c.owner_id, None);
    assert_eq!(
        c.last_write_call.as_deref(),
        Some("DELETE /crm/customers/{id}/owner")
    );
}

#[tokio::test]
async fn an_unknown_or_empty_owner_is_named_and_changes_nothing() {
    let fake = fakes().await;
    let (app, cookie) = alphaalpha_app(&fake).await;
    let id = id_of(&app, "cus_koepel_utrecht").await;
    let owner = format!("/api/v1/prospects/{id}/related/owner");
    let p = app
        .send_json("PUT", &owner, r#"{"owner_id":"usr_nobody"}"#, Some(&cookie))
        .await
        .assert_problem(422);
    assert!(p["errors"]["owner_id"].is_string(), "{p}");
    fake.clear_requests();
    let p = app
        .send_json("PUT", &owner, r#"{"owner_id":"  "}"#, Some(&cookie))
        .await
        .assert_problem(422);
    assert!(p["errors"]["owner_id"].is_string(), "{p}");
    assert!(fake.requests_to(Vendor::Alphaalpha).is_empty());
    let c = &fake.snapshot().alphaalpha.customers["cus_koepel_utrecht"];
    assert_eq!(c.owner_id.as_deref(), Some("usr_jeroen_devries"));
    assert!(fake.snapshot().alphaalpha.writes.is_empty());
}

#[tokio::test]
async fn a_failed_or_slow_alphaalpha_changes_nothing_and_leaks_nothing() {
    let fake = fakes().await;
    let (app, cookie) = alphaalpha_app(&fake).await;
    let id = id_of(&app, "cus_koepel_utrecht").await;
    let owner = format!("/api/v1/prospects/{id}/related/owner");
    for (fault, status) in [
        (
            Fault::new(Vendor::Alphaalpha, FaultKind::Status).status(500),
            502,
        ),
        (Fault::new(Vendor::Alphaalpha, FaultKind::FailedStatus), 422),
        (
            Fault::new(Vendor::Alphaalpha, FaultKind::Slow).ms(2500),
            503,
        ),
    ] {
        fake.inject(fault.method("PATCH /crm/customers/{id}/owner/{ownerId}"));
        let r = app
            .send_json(
                "PUT",
                &owner,
                r#"{"owner_id":"usr_lotte_visser"}"#,
                Some(&cookie),
            )
            .await;
        let p = r.assert_problem(status);
        assert!(
            p["title"].as_str().unwrap().starts_with("AlphaAlpha"),
            "{p}"
        );
        let text = r.text();
        assert!(
            !text.contains(&fake.credentials().alphaalpha_token),
            "{text}"
        );
        assert!(!text.contains("127.0.0.1"), "{text}");
    }
    // The read fails: said, by system.
    fake.inject(
        Fault::new(Vendor::Alphaalpha, FaultKind::Status)
            .status(500)
            .times(5)
            .method("GET /crm/customers/{id}"),
    );
    let p = app
        .get(&format!("/api/v1/prospects/{id}/related"), Some(&cookie))
        .await
        .assert_problem(502);
    assert!(
        p["title"].as_str().unwrap().starts_with("AlphaAlpha"),
        "{p}"
    );
}

#[tokio::test]
async fn what_alphaalpha_cannot_write_is_a_501() {
    let fake = fakes().await;
    let (app, cookie) = alphaalpha_app(&fake).await;
    let id = id_of(&app, "cus_fitlab_gent").await;
    let p = app
        .post_json(
            &format!("/api/v1/prospects/{id}/related/contacts"),
            r#"{"values":{"name":"X"}}"#,
            Some(&cookie),
        )
        .await
        .assert_problem(501);
    assert!(p["title"].as_str().unwrap().contains("AlphaAlpha"), "{p}");
    app.send_json(
        "PUT",
        &format!("/api/v1/prospects/{id}/related/opportunities/order"),
        r#"{"ids":["opp_fitlab_1"]}"#,
        Some(&cookie),
    )
    .await
    .assert_problem(501);
    assert!(fake.snapshot().alphaalpha.writes.is_empty());
}

#[tokio::test]
async fn frontdesks_own_store_has_nothing_beside_a_prospect() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let id = app.count("SELECT MIN(id) FROM prospects").await;
    let r = app
        .get(&format!("/api/v1/prospects/{id}/related"), Some(&cookie))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["sections"], json!([]));
    assert!(r.json()["owner"].is_null());
    app.post_json(
        &format!("/api/v1/prospects/{id}/related/leads"),
        r#"{"values":{"lead":"x"}}"#,
        Some(&cookie),
    )
    .await
    .assert_problem(501);
    app.send_json(
        "PUT",
        &format!("/api/v1/prospects/{id}/related/owner"),
        r#"{"owner_id":"x"}"#,
        Some(&cookie),
    )
    .await
    .assert_problem(501);
    app.get("/api/v1/prospects/999999/related", Some(&cookie))
        .await
        .assert_problem(404);
}

#[tokio::test]
async fn clubplanner_shows_nothing_beside_a_prospect_and_writes_nothing() {
    let fake = fakes().await;
    let (app, cookie) = clubplanner_app(&fake).await;
    let id = app.count("SELECT MIN(id) FROM prospects").await;
    // Nothing to show is an empty answer (the drawer shows nothing, and
    // the browser logs no error for every drawer opened) ...
    let r = app
        .get(&format!("/api/v1/prospects/{id}/related"), Some(&cookie))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["system"], "Clubplanner");
    assert_eq!(r.json()["sections"], serde_json::json!([]));
    // ... and a write is a 501 that names the system.
    let p = app
        .send_json(
            "PUT",
            &format!("/api/v1/prospects/{id}/related/owner"),
            r#"{"owner_id":"1"}"#,
            Some(&cookie),
        )
        .await
        .assert_problem(501);
    assert_eq!(p["type"], "/problems/not-supported", "{p}");
}
