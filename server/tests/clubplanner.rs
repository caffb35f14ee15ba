//! The Clubplanner connector against its fake (seed 000): the mirror, what
//! is sent, and what happens when the vendor misbehaves.

mod common;

use common::vendors::{clubplanner_app, fakes, sync};
use frontdesk_fakes::{Fault, FaultKind, Vendor};
use frontdesk_server::connectors::sync::Outcome;
use serde_json::{Value, json};

/// Frontdesk's id of the mirrored Clubplanner prospect `remote`.
async fn mirrored_id(app: &common::TestApp, remote: i64) -> i64 {
    sqlx::query_scalar("SELECT id FROM prospects WHERE vendor = 'clubplanner' AND remote_id = ?")
        .bind(remote.to_string())
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

#[tokio::test]
async fn the_seed_prospect_is_listed_as_written_with_an_unknown_birth_date() {
    let fake = fakes().await;
    let (app, cookie) = clubplanner_app(&fake).await;
    let list = app
        .get("/api/v1/prospects?q=QSqs", Some(&cookie))
        .await
        .json();
    assert_eq!(list["total"], 1, "{list}");
    let p = &list["items"][0];
    assert_eq!(p["first_name"], "S<s");
    assert_eq!(p["last_name"], "QSqs");
    assert_eq!(p["birth_date"], Value::Null, "1900-01-01 is unknown");
    assert_eq!(p["source"], "Flyer");
    // The browser's index holds the mirror too, and only the mirror.
    let index = app
        .get("/api/v1/prospects/index", Some(&cookie))
        .await
        .text();
    assert!(index.contains("QSqs"));
    assert_eq!(
        app.count("SELECT count(*) FROM prospects WHERE vendor IS NULL")
            .await,
        0
    );
}

#[tokio::test]
async fn an_edit_sends_every_field_and_keeps_what_frontdesk_does_not_model() {
    let fake = fakes().await;
    {
        let mut s = fake.state();
        let p = s.clubplanner.prospects.get_mut(&64).unwrap();
        p.owner_id = 5;
    }
    let (app, cookie) = clubplanner_app(&fake).await;
    let id = mirrored_id(&app, 64).await;
    let before = fake.snapshot().clubplanner.prospects[&64].clone();
    let current = app
        .get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await
        .json();
    let mut body = put_body(&current);
    body["city"] = json!("Gent");
    body["tags"] = json!(["flyer"]);
    fake.clear_requests();
    let saved = app
        .send(
            axum::http::Request::put(format!("/api/v1/prospects/{id}"))
                .header("content-type", "application/json")
                .header("cookie", &cookie)
                .body(axum::body::Body::from(body.to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert_eq!(saved.json()["city"], "Gent");
    assert_eq!(
        saved.json()["tags"],
        json!(["flyer"]),
        "Frontdesk's own field"
    );

    let after = fake.snapshot().clubplanner.prospects[&64].clone();
    assert_eq!(after.city, "Gent");
    assert_eq!(
        after.owner_id, 5,
        "the owner Frontdesk does not model survived"
    );
    assert_eq!(after.status, before.status);
    assert_eq!(after.firstname, "S<s");
    assert_eq!(after.prospect_source, "Flyer");
    assert_eq!(after.prospect_sub_source, "Bedeling markt");

    let update = fake
        .requests_to(Vendor::Clubplanner)
        .into_iter()
        .find(|r| r.method.eq_ignore_ascii_case("UpdateProspect"))
        .expect("an UpdateProspect");
    for name in [
        "id",
        "firstname",
        "lastname",
        "addressline",
        "city",
        "zip",
        "email",
        "mobile",
        "dayofbirth",
        "note",
        "langid",
        "telephonenbr",
        "source",
        "subsource",
        "gender",
        "owner",
    ] {
        assert!(
            update.param(name).is_some(),
            "{name} was sent: {:?}",
            update.params
        );
    }
    assert_eq!(
        update.param("from"),
        Some("desk@club.be"),
        "names the staff member"
    );
    assert_eq!(
        update.param("token"),
        Some("DEMOTOKEN"),
        "the token goes in the query"
    );
}

#[tokio::test]
async fn saving_without_a_change_sends_the_record_back_identical() {
    let fake = fakes().await;
    let (app, cookie) = clubplanner_app(&fake).await;
    let id = mirrored_id(&app, 64).await;
    let before = fake.snapshot().clubplanner.prospects[&64].clone();
    let current = app
        .get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await
        .json();
    let reply = app
        .send(
            axum::http::Request::put(format!("/api/v1/prospects/{id}"))
                .header("content-type", "application/json")
                .header("cookie", &cookie)
                .body(axum::body::Body::from(put_body(&current).to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let mut after = fake.snapshot().clubplanner.prospects[&64].clone();
    after.modified_at = before.modified_at;
    after.modified_by = before.modified_by.clone();
    assert_eq!(after, before);
}

/// Sends a PUT of prospect 64 with a new city; the reply.
async fn save_city(app: &common::TestApp, cookie: &str, id: i64, city: &str) -> common::Reply {
    let current = app
        .get(&format!("/api/v1/prospects/{id}"), Some(cookie))
        .await
        .json();
    let mut body = put_body(&current);
    body["city"] = json!(city);
    app.send(
        axum::http::Request::put(format!("/api/v1/prospects/{id}"))
            .header("content-type", "application/json")
            .header("cookie", cookie)
            .body(axum::body::Body::from(body.to_string()))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn each_failure_is_a_clear_problem_that_loses_nothing_while_the_list_keeps_serving() {
    let fake = fakes().await;
    let (app, cookie) = clubplanner_app(&fake).await;
    let id = mirrored_id(&app, 64).await;
    let cases = [
        (
            Fault::new(Vendor::Clubplanner, FaultKind::Slow).ms(2500),
            503,
            "cannot be reached",
        ),
        (
            Fault::new(Vendor::Clubplanner, FaultKind::Status).status(500),
            502,
            "had a problem",
        ),
        (
            Fault::new(Vendor::Clubplanner, FaultKind::RateLimit).retry_after_s(30),
            503,
            "slow down",
        ),
        (
            Fault::new(Vendor::Clubplanner, FaultKind::FailedStatus),
            422,
            "refused",
        ),
    ];
    for (fault, status, words) in cases {
        fake.inject(fault.method("UpdateProspect"));
        let reply = save_city(&app, &cookie, id, "Leuven").await;
        let problem = reply.assert_problem(status);
        let title = problem["title"].as_str().unwrap();
        assert!(
            title.starts_with("Clubplanner") && title.contains(words),
            "{problem}"
        );
        assert!(!reply.text().contains("DEMOTOKEN") && !reply.text().contains("127.0.0.1"));
        // Nothing changed at the vendor or in the mirror; the list serves.
        assert_eq!(fake.snapshot().clubplanner.prospects[&64].city, "");
        let list = app
            .get("/api/v1/prospects?q=QSqs", Some(&cookie))
            .await
            .json();
        assert_eq!(list["items"][0]["city"], "", "{list}");
    }
    // A rate limit's wait reaches the page.
    fake.inject(
        Fault::new(Vendor::Clubplanner, FaultKind::RateLimit)
            .retry_after_s(30)
            .method("UpdateProspect"),
    );
    let reply = save_city(&app, &cookie, id, "Leuven").await;
    assert_eq!(reply.header("retry-after"), Some("30"));

    // A malformed answer to a write: it may have landed, and says so.
    fake.inject(Fault::new(Vendor::Clubplanner, FaultKind::Malformed).method("UpdateProspect"));
    let reply = save_city(&app, &cookie, id, "Leuven").await;
    let problem = reply.assert_problem(502);
    assert!(
        problem["detail"].as_str().unwrap().contains("check"),
        "{problem}"
    );
}

#[tokio::test]
async fn reads_are_tried_again_and_writes_are_sent_once() {
    let fake = fakes().await;
    let (app, cookie) = clubplanner_app(&fake).await;
    let id = mirrored_id(&app, 64).await;
    fake.clear_requests();
    fake.inject(
        Fault::new(Vendor::Clubplanner, FaultKind::Status)
            .status(503)
            .method("GetProspect"),
    );
    let reply = app
        .get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let reads = fake
        .requests_to(Vendor::Clubplanner)
        .iter()
        .filter(|r| r.method.eq_ignore_ascii_case("GetProspect"))
        .count();
    assert_eq!(reads, 2, "the read was tried again");

    fake.clear_requests();
    fake.inject(
        Fault::new(Vendor::Clubplanner, FaultKind::Status)
            .status(503)
            .method("UpdateProspect"),
    );
    save_city(&app, &cookie, id, "Leuven")
        .await
        .assert_problem(502);
    let writes = fake
        .requests_to(Vendor::Clubplanner)
        .iter()
        .filter(|r| r.method.eq_ignore_ascii_case("UpdateProspect"))
        .count();
    assert_eq!(writes, 1, "a write is never sent again blindly");
}

#[tokio::test]
async fn a_create_whose_answer_was_lost_is_looked_up_not_sent_again() {
    let fake = fakes().await;
    let (app, cookie) = clubplanner_app(&fake).await;
    let before = fake.snapshot().clubplanner.prospects.len();
    fake.inject(Fault::new(Vendor::Clubplanner, FaultKind::Malformed).method("AddProspect"));
    let body = json!({"first_name": "Lies", "last_name": "Maes", "email": "lies.maes@example.be"});
    let reply = app
        .post_json("/api/v1/prospects", &body.to_string(), Some(&cookie))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    assert_eq!(reply.json()["first_name"], "Lies");
    assert_eq!(
        fake.snapshot().clubplanner.prospects.len(),
        before + 1,
        "one, not two"
    );
    let adds = fake
        .requests_to(Vendor::Clubplanner)
        .iter()
        .filter(|r| r.method.eq_ignore_ascii_case("AddProspect"))
        .count();
    assert_eq!(adds, 1);
}

#[tokio::test]
async fn a_record_changed_at_clubplanner_since_it_was_read_is_not_overwritten() {
    let fake = fakes().await;
    let (app, cookie) = clubplanner_app(&fake).await;
    let id = mirrored_id(&app, 64).await;
    let opened = app
        .get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await
        .json();
    // Someone edits the prospect in Clubplanner itself meanwhile.
    fake.state()
        .clubplanner
        .prospects
        .get_mut(&64)
        .unwrap()
        .city = "Brugge".into();
    let mut body = put_body(&opened);
    body["zip"] = json!("9000");
    let reply = app
        .send(
            axum::http::Request::put(format!("/api/v1/prospects/{id}"))
                .header("content-type", "application/json")
                .header("cookie", &cookie)
                .body(axum::body::Body::from(body.to_string()))
                .unwrap(),
        )
        .await;
    let problem = reply.assert_problem(409);
    assert_eq!(
        problem["current"]["city"], "Brugge",
        "the page is told what changed"
    );
    assert_eq!(
        fake.snapshot().clubplanner.prospects[&64].zip,
        "",
        "nothing overwritten"
    );
}

#[tokio::test]
async fn the_sync_is_honest_about_a_failure_and_a_repeat_writes_nothing() {
    let fake = fakes().await;
    let (app, cookie) = clubplanner_app(&fake).await;
    let synced = app
        .count("SELECT count(*) FROM prospects WHERE vendor = 'clubplanner'")
        .await;
    assert_eq!(synced as usize, fake.snapshot().clubplanner.prospects.len());

    // Nothing new: every record read, none written.
    let repeat = sync(&app).await;
    assert_eq!(repeat.outcome, Outcome::Complete);
    assert_eq!(repeat.fetched as i64, synced);
    assert_eq!((repeat.changed, repeat.removed, repeat.requests), (0, 0, 1));

    // Clubplanner down: failed, not done; the mirror keeps serving, stale.
    fake.inject(
        Fault::new(Vendor::Clubplanner, FaultKind::Status)
            .status(503)
            .method("GetProspects")
            .times(5),
    );
    let failed = sync(&app).await;
    assert_eq!(failed.outcome, Outcome::Failed);
    let info = app.get("/api/v1/sync", Some(&cookie)).await.json();
    assert_eq!(info[0]["stale"], true, "{info}");
    assert_eq!(info[0]["system"], "Clubplanner");
    assert!(
        info[0]["error"].as_str().unwrap().contains("Clubplanner"),
        "{info}"
    );
    let list = app.get("/api/v1/prospects", Some(&cookie)).await.json();
    assert_eq!(list["total"].as_i64(), Some(synced));

    // A prospect gone at Clubplanner leaves the mirror after a complete sync,
    // and a new one arrives; the refresh button is this same sync.
    fake.clear_faults();
    fake.state().clubplanner.prospects.remove(&2);
    let refreshed = app
        .post_json("/api/v1/sync/prospects", "", Some(&cookie))
        .await;
    assert_eq!(refreshed.status, 200, "{}", refreshed.text());
    assert_eq!(refreshed.json()["stale"], false);
    assert_eq!(refreshed.json()["outcome"], "complete");
    let list = app.get("/api/v1/prospects", Some(&cookie)).await.json();
    assert_eq!(list["total"].as_i64(), Some(synced - 1));
}

#[tokio::test]
async fn what_clubplanner_cannot_do_is_said_not_failed() {
    let fake = fakes().await;
    let (app, cookie) = clubplanner_app(&fake).await;
    let health = app.get("/api/v1/health", None).await.json();
    let prospects = health["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["capability"] == "prospects")
        .unwrap()
        .clone();
    assert_eq!(prospects["connector"], "clubplanner");
    assert_eq!(prospects["cannot"], json!(["bulk", "import"]));
    let id = mirrored_id(&app, 64).await;
    let reply = app
        .post_json(
            "/api/v1/prospects/bulk",
            &json!({"ids": [id], "action": {"add_tag": {"tag": "x"}}}).to_string(),
            Some(&cookie),
        )
        .await;
    let problem = reply.assert_problem(501);
    assert_eq!(problem["type"], "/problems/not-supported");
    assert!(problem["title"].as_str().unwrap().contains("Clubplanner"));
}
