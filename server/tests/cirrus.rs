//! The Cirrus connector against its fake (built from seed 002): the sync
//! in pages of 50, a few at once, masked by X-Fields; a save that PUTs what
//! changed; a batch that fails resumed; failures said, nothing lost.

mod common;

use common::vendors::{cirrus_app, fakes, fakes_with, sync};
use frontdesk_fakes::cirrus::model::Resource;
use frontdesk_fakes::{FakeOptions, Fault, FaultKind, Seed, Vendor};
use frontdesk_server::connectors::sync::Outcome;
use serde_json::{Value, json};

fn editable(p: &Value) -> Value {
    let mut body = p.clone();
    for key in ["id", "owner_name", "created_at", "updated_at"] {
        body.as_object_mut().unwrap().remove(key);
    }
    body
}

async fn mirrored(app: &common::TestApp, remote: i64) -> i64 {
    sqlx::query_scalar("SELECT id FROM prospects WHERE vendor = 'cirrus' AND remote_id = ?")
        .bind(remote.to_string())
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_sync_reads_pages_of_fifty_a_few_at_once_masked_and_resumes_a_failed_batch() {
    let fake = fakes_with(FakeOptions {
        seed: Seed::Empty,
        generated_cirrus_leads: 520,
        ..FakeOptions::default()
    })
    .await;
    let (app, _cookie) = cirrus_app(&fake).await;
    assert_eq!(
        app.count("SELECT count(*) FROM prospects WHERE vendor = 'cirrus'")
            .await,
        520
    );
    let reads: Vec<_> = fake
        .requests_to(Vendor::Cirrus)
        .into_iter()
        .filter(|r| r.method == "GET /leads")
        .collect();
    // 11 pages of 50 hold 520; asked four at once: 12 requests.
    assert_eq!(reads.len(), 12, "{reads:?}");
    for r in &reads {
        let params = format!("{:?}", r.params);
        assert!(
            params.contains("per_page") && params.contains("50"),
            "{params}"
        );
        let headers = format!("{:?}", r.headers);
        assert!(
            headers.contains("x-fields") && headers.contains("items{"),
            "{headers}"
        );
        assert!(
            !headers.contains("cirrus-demo-token"),
            "the token is never logged"
        );
    }
    // A repeat, each page slow: everything read, nothing written, and the
    // pages were asked at once.
    fake.inject(
        Fault::new(Vendor::Cirrus, FaultKind::Slow)
            .ms(100)
            .method("GET /leads")
            .times(12),
    );
    let repeat = sync(&app).await;
    assert_eq!(repeat.outcome, Outcome::Complete);
    assert_eq!((repeat.fetched, repeat.changed), (520, 0));
    assert!(
        fake.concurrency(Vendor::Cirrus).max_in_flight >= 4,
        "{:?}",
        fake.concurrency(Vendor::Cirrus)
    );

    // A batch fails halfway: partial; the next run resumes and completes.
    fake.inject(
        Fault::new(Vendor::Cirrus, FaultKind::Status)
            .status(503)
            .method("GET /leads")
            .after(5)
            .times(10),
    );
    let partial = sync(&app).await;
    assert_eq!(partial.outcome, Outcome::Partial, "{partial:?}");
    fake.clear_faults();
    let resumed = sync(&app).await;
    assert_eq!(resumed.outcome, Outcome::Complete, "{resumed:?}");
}

#[tokio::test]
async fn a_save_sends_the_root_properties_that_changed_and_nothing_when_none_did() {
    let fake = fakes().await;
    let (app, cookie) = cirrus_app(&fake).await;
    let (remote, before) = {
        let s = fake.snapshot().cirrus;
        let (id, lead) = s.leads.iter().find(|(id, _)| **id != 0).unwrap();
        (*id, lead.clone())
    };
    let id = mirrored(&app, remote).await;
    let read = app
        .get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await
        .json();
    assert_eq!(
        read["last_name"],
        json!(before.str_at("contactsurname").unwrap_or(""))
    );

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
    assert!(
        fake.requests_to(Vendor::Cirrus)
            .iter()
            .all(|r| r.http_method == "GET"),
        "nothing sent"
    );

    let mut body = editable(&read);
    body["city"] = json!("Brugge");
    body["note"] = json!("Frontdesk's own");
    let saved = app
        .send_json(
            "PUT",
            &format!("/api/v1/prospects/{id}"),
            &body.to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert_eq!(saved.json()["note"], "Frontdesk's own");
    let s = fake.snapshot().cirrus;
    assert_eq!(
        s.last_write_fields(Resource::Leads, remote),
        Some(&["contactcity".to_owned()][..])
    );
    let after = &s.leads[&remote];
    assert_eq!(after.str_at("contactcity"), Some("Brugge"));
    for key in ["contactcompany", "title", "description"] {
        assert_eq!(after.get(key), before.get(key), "{key} untouched");
    }
}

#[tokio::test]
async fn each_failure_is_said_and_loses_nothing() {
    let fake = fakes().await;
    let (app, cookie) = cirrus_app(&fake).await;
    let remote = *fake
        .snapshot()
        .cirrus
        .leads
        .keys()
        .find(|id| **id != 0)
        .unwrap();
    let id = mirrored(&app, remote).await;
    let read = app
        .get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await
        .json();
    let mut body = editable(&read);
    body["city"] = json!("Leuven");
    for (fault, status, words) in [
        (
            Fault::new(Vendor::Cirrus, FaultKind::Slow).ms(2500),
            503,
            "cannot be reached",
        ),
        (
            Fault::new(Vendor::Cirrus, FaultKind::Status).status(500),
            502,
            "had a problem",
        ),
        (
            Fault::new(Vendor::Cirrus, FaultKind::RateLimit).retry_after_s(30),
            503,
            "slow down",
        ),
        (
            Fault::new(Vendor::Cirrus, FaultKind::FailedStatus),
            422,
            "refused",
        ),
    ] {
        fake.inject(fault.method("PUT /leads/{id}"));
        let reply = app
            .send_json(
                "PUT",
                &format!("/api/v1/prospects/{id}"),
                &body.to_string(),
                Some(&cookie),
            )
            .await;
        let p = reply.assert_problem(status);
        assert!(
            p["title"].as_str().unwrap().starts_with("Cirrus")
                && p["title"].as_str().unwrap().contains(words),
            "{p}"
        );
        assert_ne!(
            fake.snapshot().cirrus.leads[&remote].str_at("contactcity"),
            Some("Leuven")
        );
    }
    // A read that is rate limited briefly is tried again.
    fake.clear_requests();
    fake.inject(
        Fault::new(Vendor::Cirrus, FaultKind::RateLimit)
            .retry_after_s(1)
            .method("GET /leads/{id}"),
    );
    let again = app
        .get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await;
    assert_eq!(again.status, 200, "{}", again.text());
    let gets = fake
        .requests_to(Vendor::Cirrus)
        .iter()
        .filter(|r| r.method == "GET /leads/{id}")
        .count();
    assert_eq!(gets, 2, "Retry-After honoured, then read again");
}
