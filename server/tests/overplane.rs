//! The Overplane connector against its fake (built from seed 001): the
//! seed's prospect, a true PATCH of what changed, paging, and what happens
//! when the vendor misbehaves.

mod common;

use common::vendors::{fakes, fakes_with, overplane_app, sync};
use frontdesk_fakes::{FakeOptions, Fault, FaultKind, Seed, Vendor};
use frontdesk_server::connectors::sync::Outcome;
use serde_json::{Value, json};

async fn mirrored_id(app: &common::TestApp, remote: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM prospects WHERE vendor = 'overplane' AND remote_id = ?")
        .bind(remote)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

fn put_body(prospect: &Value) -> Value {
    let mut body = prospect.clone();
    for key in ["id", "owner_name", "created_at", "updated_at"] {
        body.as_object_mut().unwrap().remove(key);
    }
    body
}

async fn put(app: &common::TestApp, cookie: &str, id: i64, body: &Value) -> common::Reply {
    app.send_json(
        "PUT",
        &format!("/api/v1/prospects/{id}"),
        &body.to_string(),
        Some(cookie),
    )
    .await
}

#[tokio::test]
async fn the_seed_prospect_is_listed_by_its_company() {
    let fake = fakes().await;
    let (app, cookie) = overplane_app(&fake).await;
    let list = app
        .get("/api/v1/prospects?q=Example", Some(&cookie))
        .await
        .json();
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(list["items"][0]["last_name"], "Example Corp");
    let synced = app
        .count("SELECT count(*) FROM prospects WHERE vendor = 'overplane'")
        .await;
    assert_eq!(synced as usize, fake.snapshot().overplane.prospects.len());
}

#[tokio::test]
async fn a_save_without_changes_sends_nothing_and_an_edit_patches_only_what_changed() {
    let fake = fakes().await;
    let (app, cookie) = overplane_app(&fake).await;
    let id = mirrored_id(&app, "prospect_abc123").await;
    let before = fake.snapshot().overplane.prospects["prospect_abc123"].clone();
    let current = app
        .get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await
        .json();

    // Frontdesk's own fields change; nothing of Overplane's does.
    let mut body = put_body(&current);
    body["email"] = json!("sales@example.be");
    body["city"] = json!("Gent");
    fake.clear_requests();
    let reply = put(&app, &cookie, id, &body).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.json()["email"], "sales@example.be");
    let writes: Vec<String> = fake
        .requests_to(Vendor::Overplane)
        .iter()
        .filter(|r| r.http_method != "GET")
        .map(|r| format!("{} {}", r.http_method, r.path))
        .collect();
    assert!(writes.is_empty(), "nothing sent: {writes:?}");
    assert_eq!(
        fake.snapshot().overplane.prospects["prospect_abc123"],
        before
    );

    // A rename: one PATCH of `company` alone; the fields Frontdesk does not
    // model are untouched there.
    body["last_name"] = json!("Example Corporation");
    let reply = put(&app, &cookie, id, &body).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.json()["last_name"], "Example Corporation");
    assert_eq!(reply.json()["city"], "Gent", "Frontdesk's own field kept");
    let after = fake.snapshot().overplane.prospects["prospect_abc123"].clone();
    assert_eq!(after.company, "Example Corporation");
    assert_eq!(after.last_patch_fields, Some(vec!["company".to_owned()]));
    assert_eq!(after.industry, before.industry);
    assert_eq!(after.annual_revenue, before.annual_revenue);
    assert_eq!(after.company_name, before.company_name);
}

#[tokio::test]
async fn a_create_needs_a_name_and_lands_at_overplane() {
    let fake = fakes().await;
    let (app, cookie) = overplane_app(&fake).await;
    let reply = app
        .post_json(
            "/api/v1/prospects",
            &json!({"first_name": "", "last_name": "", "email": "x@example.be"}).to_string(),
            Some(&cookie),
        )
        .await;
    let p = reply.assert_problem(422);
    assert!(p["errors"]["last_name"].is_string(), "{p}");
    let reply = app
        .post_json(
            "/api/v1/prospects",
            &json!({"last_name": "Fit Office NV", "email": "info@fitoffice.be"}).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    let s = fake.snapshot().overplane;
    assert!(s.prospects.values().any(|p| p.company == "Fit Office NV"));
}

#[tokio::test]
async fn the_sync_pages_until_has_more_ends_and_resumes_after_a_page_fails() {
    let fake = fakes_with(FakeOptions {
        seed: Seed::Empty,
        generated_overplane_prospects: 110,
        ..FakeOptions::default()
    })
    .await;
    let (app, _cookie) = overplane_app(&fake).await;
    assert_eq!(
        app.count("SELECT count(*) FROM prospects WHERE vendor = 'overplane'")
            .await,
        110
    );
    let pages: Vec<String> = fake
        .requests_to(Vendor::Overplane)
        .iter()
        .filter(|r| r.http_method == "GET")
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(pages.len(), 5, "25 a page: {pages:?}");

    // Repeat with nothing changed: every page read, nothing written.
    let repeat = sync(&app).await;
    assert_eq!(repeat.outcome, Outcome::Complete);
    assert_eq!(
        (repeat.fetched, repeat.changed, repeat.requests),
        (110, 0, 5)
    );

    // New prospects, and the third page fails: partial, what was committed
    // stays, and the next run resumes.
    {
        let mut s = fake.state();
        for i in 0..30 {
            let mut p = frontdesk_fakes::overplane::generated_prospect(1000 + i);
            p.company = format!("Late Company {i}");
            s.overplane.insert_prospect(p);
        }
    }
    fake.inject(
        Fault::new(Vendor::Overplane, FaultKind::Status)
            .status(503)
            .method("GET prospect")
            .times(10)
            .after(2),
    );
    let partial = sync(&app).await;
    assert_eq!(partial.outcome, Outcome::Partial, "{partial:?}");
    fake.clear_faults();
    let resumed = sync(&app).await;
    assert_eq!(resumed.outcome, Outcome::Complete, "{resumed:?}");
    assert_eq!(
        app.count(
            "SELECT count(*) FROM prospects WHERE vendor = 'overplane' AND deleted_at IS NULL"
        )
        .await,
        140
    );
}

#[tokio::test]
async fn each_failure_is_a_clear_problem_that_loses_nothing_while_the_list_keeps_serving() {
    let fake = fakes().await;
    let (app, cookie) = overplane_app(&fake).await;
    let id = mirrored_id(&app, "prospect_abc123").await;
    let current = app
        .get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await
        .json();
    let mut body = put_body(&current);
    body["last_name"] = json!("Renamed Corp");
    let cases = [
        (
            Fault::new(Vendor::Overplane, FaultKind::Slow).ms(2500),
            503,
            "cannot be reached",
        ),
        (
            Fault::new(Vendor::Overplane, FaultKind::Status).status(500),
            502,
            "had a problem",
        ),
        (
            Fault::new(Vendor::Overplane, FaultKind::RateLimit).retry_after_s(30),
            503,
            "slow down",
        ),
        (
            Fault::new(Vendor::Overplane, FaultKind::FailedStatus),
            422,
            "refused",
        ),
    ];
    for (fault, status, words) in cases {
        fake.inject(fault.method("PATCH prospect"));
        let reply = put(&app, &cookie, id, &body).await;
        let problem = reply.assert_problem(status);
        let title = problem["title"].as_str().unwrap();
        assert!(
            title.starts_with("Overplane") && title.contains(words),
            "{problem}"
        );
        assert!(!reply.text().contains("sk_test_demo") && !reply.text().contains("127.0.0.1"));
        assert_eq!(
            fake.snapshot().overplane.prospects["prospect_abc123"].company,
            "Example Corp",
            "nothing changed there"
        );
        let list = app
            .get("/api/v1/prospects?q=Example", Some(&cookie))
            .await
            .json();
        assert_eq!(list["items"][0]["last_name"], "Example Corp", "{list}");
    }
    // A malformed answer to a write: it may have landed, and says so.
    fake.inject(Fault::new(Vendor::Overplane, FaultKind::Malformed).method("PATCH prospect"));
    let reply = put(&app, &cookie, id, &body).await;
    let problem = reply.assert_problem(502);
    assert!(
        problem["detail"].as_str().unwrap().contains("check"),
        "{problem}"
    );

    // Reads are tried again; a write is sent once.
    fake.clear_requests();
    fake.inject(
        Fault::new(Vendor::Overplane, FaultKind::Status)
            .status(503)
            .method("GET prospect"),
    );
    let read = app
        .get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await;
    assert_eq!(read.status, 200, "{}", read.text());
    let gets = fake
        .requests_to(Vendor::Overplane)
        .iter()
        .filter(|r| r.http_method == "GET")
        .count();
    assert_eq!(gets, 2, "the read was tried again");
}

#[tokio::test]
async fn a_create_whose_answer_was_lost_is_looked_up_not_sent_again() {
    let fake = fakes().await;
    let (app, cookie) = overplane_app(&fake).await;
    let before = fake.snapshot().overplane.prospects.len();
    fake.inject(Fault::new(Vendor::Overplane, FaultKind::Malformed).method("POST prospect"));
    let reply = app
        .post_json(
            "/api/v1/prospects",
            &json!({"last_name": "Lost Answer BV"}).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    assert_eq!(
        fake.snapshot().overplane.prospects.len(),
        before + 1,
        "created once"
    );
}

#[tokio::test]
async fn a_refused_key_is_said_by_check_config_without_the_key() {
    let fake = fakes().await;
    let mut table = common::vendors::overplane_table(&fake);
    table.token = Some(secrecy::SecretString::from("sk_wrong".to_owned()));
    let app = common::app_with(move |s, _| {
        s.connectors.insert(
            frontdesk_server::connectors::Capability::Prospects,
            "overplane".into(),
        );
        s.vendors.overplane = Some(table);
    })
    .await;
    let lines =
        frontdesk_server::connectors::check_all(&app.state.settings, &app.state.connectors).await;
    let line = lines.iter().find(|l| l.capability == "prospects").unwrap();
    assert!(!line.ok);
    assert!(line.verdict.contains("bad credentials"), "{}", line.verdict);
    assert!(!line.verdict.contains("sk_wrong"));
}
