//! Faults, the request log, reset, the clock and concurrency — through the
//! Rust API and through the `/_fake/` JSON endpoints.

mod common;

use std::time::{Duration, Instant};

use common::*;
use frontdesk_fakes::{FakeOptions, Fault, FaultKind, Vendor, spawn};
use serde_json::{Value, json};

async fn post_json(fake: &frontdesk_fakes::FakeVendors, path: &str, body: Value) -> HttpResponse {
    http(
        fake.addr(),
        "POST",
        path,
        Some("application/json"),
        body.to_string().as_bytes(),
    )
    .await
}

#[tokio::test]
async fn status_and_rate_limit_faults_have_no_effect() {
    let fake = spawn(FakeOptions::default()).await;
    fake.inject(Fault::new(Vendor::Clubplanner, FaultKind::Status).status(502));
    fake.inject(Fault::new(Vendor::Clubplanner, FaultKind::RateLimit).retry_after_s(7));
    let r = cp(&fake, "Sales/AddProspect", &[("lastname", "Eén")]).await;
    assert_eq!(r.status, 502);
    let r = cp(&fake, "Sales/AddProspect", &[("lastname", "Twee")]).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("7"));
    assert_eq!(
        fake.snapshot().clubplanner.prospects.len(),
        3,
        "nothing was added"
    );
    let r = cp(&fake, "Sales/AddProspect", &[("lastname", "Drie")]).await;
    assert_eq!(r.status, 200, "faults are used up");
    let log = fake.requests();
    let faults: Vec<Option<FaultKind>> = log.iter().map(|r| r.fault).collect();
    assert_eq!(
        faults,
        [Some(FaultKind::Status), Some(FaultKind::RateLimit), None]
    );
    assert_eq!(log[0].status, Some(502));
}

#[tokio::test]
async fn malformed_cuts_the_body_but_the_write_lands() {
    let fake = spawn(FakeOptions::default()).await;
    fake.inject(Fault::new(Vendor::Clubplanner, FaultKind::Malformed));
    let r = cp(&fake, "Sales/AddProspect", &[("lastname", "Misschien")]).await;
    assert_eq!(r.status, 200);
    assert!(
        serde_json::from_str::<Value>(&r.body).is_err(),
        "{}",
        r.body
    );
    assert!(
        fake.snapshot()
            .clubplanner
            .prospects
            .values()
            .any(|p| p.name == "Misschien")
    );

    fake.inject(Fault::new(Vendor::Onlineafspraken, FaultKind::Malformed));
    let r = oa(&fake, "getAgendas", &[]).await;
    assert_eq!(r.status, 200);
    assert!(r.body.starts_with("<?xml"));
    assert!(!r.body.contains("</Response>"));
}

#[tokio::test]
async fn failed_status_is_each_vendors_own_error() {
    let fake = spawn(FakeOptions::default()).await;
    fake.inject(
        Fault::new(Vendor::Onlineafspraken, FaultKind::FailedStatus).method("setAppointment"),
    );
    fake.inject(Fault::new(Vendor::Clubplanner, FaultKind::FailedStatus));
    // Not the method the fault is for: untouched.
    let r = oa(&fake, "getAgendas", &[]).await;
    assert_eq!(r.xml().at("Status/Status"), "success");
    let r = oa(&fake, "setAppointment", &[("AgendaId", "1")]).await;
    assert_eq!(r.status, 200);
    let x = r.xml();
    assert_eq!(x.at("Status/Status"), "failed");
    assert!(x.at("Status/Message").contains("fake fault"));
    assert!(x.at("Status/Timestamp").parse::<i64>().is_ok());

    let r = cp(&fake, "Sales/GetProspects", &[]).await;
    assert_eq!(r.status, 400);
    assert!(r.xml().at("Message").contains("fake fault"));
    assert!(fake.pending_faults().is_empty());
}

#[tokio::test]
async fn slow_delays_then_answers_and_counts_concurrency() {
    let fake = spawn(FakeOptions::default()).await;
    fake.inject(
        Fault::new(Vendor::Clubplanner, FaultKind::Slow)
            .method("getprospect")
            .ms(300)
            .times(3),
    );
    let started = Instant::now();
    let call = || cp(&fake, "Sales/GetProspect", &[("id", "64")]);
    let (a, b, c) = tokio::join!(call(), call(), call());
    let answers = [a, b, c];
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(
        answers
            .iter()
            .all(|r| r.status == 200 && r.json()["Id"] == 64)
    );
    let c = fake.concurrency(Vendor::Clubplanner);
    assert_eq!(c.in_flight, 0);
    assert_eq!(c.max_in_flight, 3);
    assert_eq!(fake.concurrency(Vendor::Onlineafspraken).max_in_flight, 0);
}

#[tokio::test]
async fn control_endpoints_over_http() {
    let fake = spawn(FakeOptions::default()).await;
    // Faults as JSON, with the documented defaults.
    let r = post_json(
        &fake,
        "/_fake/faults",
        json!({"vendor": "onlineafspraken", "method": "getAgendas", "kind": "rate_limit", "retry_after_s": 2}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let pending = get(&fake, "/_fake/faults").await.json();
    assert_eq!(pending[0]["times"], 1);
    assert_eq!(pending[0]["status"], 503);
    let r = oa(&fake, "getAgendas", &[]).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("2"));
    let r = post_json(
        &fake,
        "/_fake/faults",
        json!({"vendor": "nobody", "kind": "slow"}),
    )
    .await;
    assert_eq!(r.status, 422);

    // The log, with the secrets the connector sent.
    cp(&fake, "Sales/GetProspect", &[("id", "64")]).await;
    let log = get(&fake, "/_fake/requests?vendor=clubplanner")
        .await
        .json();
    let entry = &log.as_array().unwrap()[0];
    assert_eq!(entry["method"], "GetProspect");
    assert_eq!(entry["path"], "/clubplanner/api/Sales/GetProspect");
    assert_eq!(
        entry["params"],
        json!([["token", "DEMOTOKEN"], ["id", "64"]])
    );
    assert_eq!(entry["status"], 200);
    let all = get(&fake, "/_fake/requests").await.json();
    assert_eq!(all.as_array().unwrap().len(), 2);
    let oa_entry = &all[0];
    assert_eq!(oa_entry["vendor"], "onlineafspraken");
    assert_eq!(oa_entry["fault"], "rate_limit");
    assert!(
        oa_entry["params"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p[0] == "api_signature")
    );
    assert!(
        oa_entry["headers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h[0] == "user-agent")
    );

    // The state, then a write, then reset.
    let state = get(&fake, "/_fake/state").await.json();
    assert_eq!(state["clubplanner"]["prospects"]["64"]["firstname"], "S<s");
    assert_eq!(
        state["onlineafspraken"]["agendas"]["1"]["time_zone"],
        "Europe/Brussels"
    );
    cp(&fake, "Sales/DeleteProspect", &[("id", "64")]).await;
    post_json(
        &fake,
        "/_fake/faults",
        json!({"vendor": "clubplanner", "kind": "status"}),
    )
    .await;
    let r = http(fake.addr(), "POST", "/_fake/reset", None, b"").await;
    assert_eq!(r.status, 204);
    let state = get(&fake, "/_fake/state").await.json();
    assert_eq!(state["clubplanner"]["prospects"]["64"]["name"], "QSqs");
    assert_eq!(get(&fake, "/_fake/requests").await.json(), json!([]));
    assert_eq!(get(&fake, "/_fake/faults").await.json(), json!([]));

    // The clock.
    let r = post_json(
        &fake,
        "/_fake/clock",
        json!({"frozen": "2026-03-01T08:00:00Z", "offset_s": 60}),
    )
    .await;
    assert_eq!(r.json()["now"], "2026-03-01T08:01:00Z");
    assert_eq!(fake.now().to_rfc3339(), "2026-03-01T08:01:00+00:00");
    let r = oa(&fake, "getAgendas", &[]).await;
    assert_eq!(r.xml().at("Status/Timestamp"), "1772352060");
    assert_eq!(r.xml().at("Status/Date"), "2026-03-01 09:01:00");

    let c = get(&fake, "/_fake/concurrency").await.json();
    assert_eq!(c["onlineafspraken"]["in_flight"], 0);
    let index = get(&fake, "/_fake").await.json();
    assert_eq!(index["clubplanner"]["token"], "DEMOTOKEN");
}

#[tokio::test]
async fn base_urls_and_credentials() {
    let fake = spawn(FakeOptions {
        clubplanner_token: "T0KEN".into(),
        ..FakeOptions::default()
    })
    .await;
    let port = fake.addr().port();
    assert_eq!(
        fake.base_url_clubplanner(),
        format!("http://127.0.0.1:{port}/clubplanner/api")
    );
    assert_eq!(
        fake.base_url_onlineafspraken(),
        format!("http://127.0.0.1:{port}/onlineafspraken/APIREST")
    );
    assert_eq!(fake.credentials().onlineafspraken_key, "DEMOKEY");
    assert_eq!(fake.credentials().onlineafspraken_secret, "DEMOSECRET");
    assert_eq!(
        cp(&fake, "Sales/GetProspect", &[("id", "64")]).await.status,
        200
    );
    let r = get(
        &fake,
        "/clubplanner/api/Sales/GetProspect?token=DEMOTOKEN&id=64",
    )
    .await;
    assert_eq!(r.status, 400);
    fake.shutdown().await;
}
