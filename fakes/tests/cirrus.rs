//! The Cirrus 2 fake against seed 002, over real HTTP: the document's
//! samples field for field (and in order), paging with `page`/`per_page`
//! (max 50) and the list envelope, filters, `X-Fields` masks, create /
//! read / update, follow, the won/lost rule, the last-write record, the
//! `X-Token`, routes, every fault kind and the request log; and the
//! document's own words: its list envelope, its example mask, each list
//! filter under the document's name, its request samples.

mod common;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use common::*;
use frontdesk_fakes::cirrus::PATHS;
use frontdesk_fakes::cirrus::model::Resource;
use frontdesk_fakes::{
    ClockSettings, DEFAULT_CIRRUS_TOKEN, FakeOptions, FakeVendors, Fault, FaultKind, Seed, Vendor,
    spawn,
};
use serde_json::{Value, json};

const NOW: (i32, u32, u32, u32, u32, u32) = (2025, 3, 10, 9, 0, 0);

fn clock() -> ClockSettings {
    let (y, mo, d, h, mi, s) = NOW;
    ClockSettings {
        frozen: Some(Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()),
        offset_s: 0,
    }
}

async fn demo() -> FakeVendors {
    spawn(FakeOptions {
        clock: clock(),
        ..FakeOptions::default()
    })
    .await
}

async fn generated(n: usize) -> FakeVendors {
    spawn(FakeOptions {
        seed: Seed::Empty,
        generated_cirrus_leads: n,
        clock: clock(),
        ..FakeOptions::default()
    })
    .await
}

/// A sample file (the document's sample, converted to JSON) without the
/// whitespace between tokens: what the fake must send byte for byte.
fn sample_wire(name: &str) -> String {
    let path = format!(
        "{}/src/cirrus/samples/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = String::new();
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

fn page_of(r: &HttpResponse) -> Value {
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let arr = v.as_array().expect("the document's list: an array");
    assert_eq!(arr.len(), 1, "{}", r.body);
    arr[0].clone()
}

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn samples_are_served_exactly() {
    let fake = demo().await;
    for (path, sample) in [
        ("/accounts/0", "account"),
        ("/contacts/0", "contact"),
        ("/leads/0", "lead"),
        ("/opportunities/0", "opportunity"),
        ("/activities/0", "activity"),
    ] {
        let r = cirrus(&fake, "GET", path, None, None).await;
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert!(
            r.header("content-type")
                .unwrap()
                .starts_with("application/json")
        );
        assert_eq!(r.body, sample_wire(sample), "{path}");
    }
    let statuses = cirrus(&fake, "GET", "/opportunitystatuses", None, None).await;
    assert_eq!(statuses.status, 200);
    assert!(
        statuses
            .body
            .starts_with(&format!("[{}", sample_wire("status"))),
        "{}",
        statuses.body
    );
    let types = cirrus(&fake, "GET", "/opportunitytypes", None, None).await;
    assert!(types.body.starts_with(&format!("[{}", sample_wire("type"))));
    for (path, sample) in [
        ("/opportunitywinreasons", "winreason"),
        ("/opportunitylostreasons", "lostreason"),
    ] {
        let r = cirrus(&fake, "GET", path, None, None).await;
        assert!(
            r.body.starts_with(&format!("[{}", sample_wire(sample))),
            "{}",
            r.body
        );
    }
    // Every demo object has exactly the sample's fields, in its order.
    for (r, sample) in [
        ("/accounts/3", "account"),
        ("/contacts/3", "contact"),
        ("/leads/3", "lead"),
        ("/opportunities/3", "opportunity"),
        ("/activities/3", "activity"),
    ] {
        let got = cirrus(&fake, "GET", r, None, None).await;
        let keys = |text: &str| -> Vec<String> {
            let v: Value = serde_json::from_str(text).unwrap();
            let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        };
        assert_eq!(keys(&got.body), keys(&sample_wire(sample)), "{r}");
    }
}

#[tokio::test]
async fn statuses_types_and_reasons() {
    let fake = demo().await;
    let v = cirrus(&fake, "GET", "/opportunitystatuses", None, None)
        .await
        .json();
    let mut won: Vec<i64> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["won"] == 1)
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    won.sort();
    assert_eq!(won, vec![4, 8]);
    let s5 = v.as_array().unwrap().iter().find(|s| s["id"] == 5).unwrap();
    assert_eq!(s5["lost"], 1);
    assert_eq!(s5["color"], "#F44336");
    assert_eq!(s5["opportunitytypeid"], 1);
    let t = cirrus(&fake, "GET", "/opportunitytypes", None, None)
        .await
        .json();
    let t2 = t.as_array().unwrap().iter().find(|t| t["id"] == 2).unwrap();
    assert_eq!(t2["name"], "Uitbreiding");
    assert_eq!(t2["validstatuses"]["id"], 6);
    let e = cirrus(&fake, "GET", "/opportunityestimates", None, None)
        .await
        .json();
    assert_eq!(e[0]["value"], "10");
}

#[tokio::test]
async fn paging_with_the_maximum_and_beyond() {
    let fake = generated(120).await;
    let first = page_of(&cirrus(&fake, "GET", "/leads?page=1&per_page=50", None, None).await);
    assert_eq!(
        (
            first["page"].clone(),
            first["pages"].clone(),
            first["per_page"].clone(),
            first["total"].clone()
        ),
        (json!(1), json!(3), json!(50), json!(120))
    );
    // age_desc by default: newest first.
    assert_eq!(ids(&first)[0], 1120);
    let mut seen = Vec::new();
    for page in 1..=3 {
        let p = page_of(
            &cirrus(
                &fake,
                "GET",
                &format!("/leads?page={page}&per_page=50"),
                None,
                None,
            )
            .await,
        );
        seen.extend(ids(&p));
    }
    assert_eq!(seen.len(), 120);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 120);
    let past = page_of(&cirrus(&fake, "GET", "/leads?page=4&per_page=50", None, None).await);
    assert_eq!(past["items"], json!([]));
    let default = page_of(&cirrus(&fake, "GET", "/leads", None, None).await);
    assert_eq!(default["per_page"], 10);
    assert_eq!(default["pages"], 12);
    let too_many = cirrus(&fake, "GET", "/leads?per_page=51", None, None).await;
    assert_eq!(too_many.status, 400);
    assert_eq!(
        too_many.json()["message"],
        "Input payload validation failed"
    );
    assert!(
        too_many.json()["errors"]["per_page"]
            .as_str()
            .unwrap()
            .ends_with("max pagesize is 50")
    );
    assert_eq!(
        cirrus(&fake, "GET", "/leads?page=0", None, None)
            .await
            .status,
        400
    );
    assert_eq!(
        cirrus(&fake, "GET", "/leads?page=x", None, None)
            .await
            .status,
        400
    );
    // The bare page object, when switched.
    fake.state().cirrus.list_envelope_in_array = false;
    let bare = cirrus(&fake, "GET", "/leads?per_page=5", None, None)
        .await
        .json();
    assert_eq!(bare["total"], 120);
}

#[tokio::test]
async fn ten_thousand_leads_in_pages_of_fifty() {
    let fake = generated(10_000).await;
    let mut n = 0;
    let mut page = 1;
    loop {
        let p = page_of(
            &cirrus(
                &fake,
                "GET",
                &format!("/leads?page={page}&per_page=50"),
                Some("{pages,items{id}}"),
                None,
            )
            .await,
        );
        n += p["items"].as_array().unwrap().len();
        if page >= p["pages"].as_i64().unwrap() {
            break;
        }
        page += 1;
    }
    assert_eq!((n, page), (10_000, 200));
}

#[tokio::test]
async fn filters() {
    let fake = demo().await;
    let q = |path: &'static str| {
        let fake = &fake;
        async move { ids(&page_of(&cirrus(fake, "GET", path, None, None).await)) }
    };
    // Accounts: active=1 by default (6 is inactive; sample 0 has active 0).
    let all = q("/accounts?per_page=50").await;
    assert!(!all.contains(&6) && !all.contains(&0), "{all:?}");
    assert!(q("/accounts?per_page=50&active=2").await.contains(&6));
    assert_eq!(q("/accounts?fulltext=gent").await, vec![1]);
    assert_eq!(q("/accounts?visitingaddress_city=Utr%25").await, vec![2]);
    assert_eq!(q("/accounts?name=%25loft%25").await, vec![4]);
    let mut by_user = q("/accounts?userid=2").await;
    by_user.sort();
    assert_eq!(by_user, vec![2, 4, 8]);
    assert_eq!(
        cirrus(&fake, "GET", "/accounts?nearto=51,3", None, None)
            .await
            .status,
        400
    );
    // Leads.
    assert_eq!(q("/leads?status=4").await, vec![5]);
    assert_eq!(q("/leads?fulltext=pilates").await, vec![3]);
    let mut u2 = q("/leads?userid=2").await;
    u2.sort();
    assert_eq!(u2, vec![2, 6, 8]);
    assert_eq!(q("/leads?created=2025-02-03").await, vec![3]);
    // Opportunities, contacts, activities.
    assert_eq!(q("/opportunities?statusid=4").await, vec![4]);
    assert_eq!(
        q("/opportunities?typeid=2&closed=1&sorting=date_asc").await,
        vec![10, 11]
    );
    assert_eq!(
        q("/contacts?accountid=2&sorting=name_asc").await,
        vec![3, 12]
    );
    assert_eq!(q("/activities?opportunityid=1").await, vec![1]);
    assert_eq!(
        cirrus(&fake, "GET", "/leads?sorting=bogus_asc", None, None)
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn x_fields_masks() {
    let fake = demo().await;
    let r = cirrus(
        &fake,
        "GET",
        "/opportunities/4",
        Some("{id,title,status{id,name,won}}"),
        None,
    )
    .await;
    assert_eq!(
        r.body,
        r#"{"id":4,"title":"Online boekingen","status":{"id":4,"name":"Gewonnen","won":1}}"#
    );
    let r = cirrus(&fake, "GET", "/accounts/1", Some("name,id"), None).await;
    assert_eq!(r.body, r#"{"name":"FitLab Gent BV","id":1}"#);
    let p = page_of(
        &cirrus(
            &fake,
            "GET",
            "/leads?per_page=2",
            Some("{total,items{id,title}}"),
            None,
        )
        .await,
    );
    assert_eq!(p.as_object().unwrap().len(), 2);
    assert_eq!(p["items"][0].as_object().unwrap().len(), 2);
    let bad = cirrus(&fake, "GET", "/leads/1", Some("{id,title"), None).await;
    assert_eq!(bad.status, 400);
    assert!(
        bad.json()["message"]
            .as_str()
            .unwrap()
            .starts_with("Mask parse error")
    );
    let bad = cirrus(&fake, "GET", "/leads/1", Some("{title{id}}"), None).await;
    assert_eq!(bad.status, 400);
    assert!(
        bad.json()["message"]
            .as_str()
            .unwrap()
            .starts_with("Mask error")
    );
}

#[tokio::test]
async fn create_read_update_and_last_write() {
    let fake = demo().await;
    let r = cirrus(
        &fake,
        "POST",
        "/leads",
        None,
        Some(
            &json!({"contactname": "Eva", "contactcompany": "Gym Zwolle", "title": "Nieuwe lead",
                     "value": 1500, "user": {"id": 3}, "status": {"id": 1}, "source": {"id": 2}}),
        ),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let lead = r.json();
    assert_eq!(lead["id"], 11);
    assert_eq!(lead["user"]["surname"], "Peeters");
    assert_eq!(lead["status"]["name"], "Nieuw");
    assert_eq!(lead["created"], "2025-03-10T09:00:00Z");
    fake.set_clock(ClockSettings {
        frozen: Some(Utc.with_ymd_and_hms(2025, 3, 10, 9, 5, 0).unwrap()),
        offset_s: 0,
    });
    let r = cirrus(
        &fake,
        "PUT",
        "/leads/11",
        None,
        Some(&json!({"title": "Warme lead"})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["updated"], "2025-03-10T09:05:00Z");
    assert_eq!(r.json()["created"], "2025-03-10T09:00:00Z");
    assert_eq!(r.json()["contactcompany"], "Gym Zwolle");
    assert_eq!(
        fake.state().cirrus.last_write_fields(Resource::Leads, 11),
        Some(&["title".to_string()][..])
    );
    let got = cirrus(&fake, "GET", "/leads/11", None, None).await.json();
    assert_eq!(got["title"], "Warme lead");
    // Validation: type and required errors, Flask-RESTX style.
    let bad = cirrus(
        &fake,
        "PUT",
        "/leads/11",
        None,
        Some(&json!({"rating": "high"})),
    )
    .await;
    assert_eq!(bad.status, 400);
    assert_eq!(
        bad.json(),
        json!({"errors": {"rating": "'high' is not of type 'integer'"}, "message": "Input payload validation failed"})
    );
    let bad = cirrus(
        &fake,
        "POST",
        "/contacts",
        None,
        Some(&json!({"name": "X"})),
    )
    .await;
    assert_eq!(
        bad.json()["errors"]["surname"],
        "'surname' is a required property"
    );
    assert_eq!(
        cirrus(&fake, "GET", "/leads/999", None, None).await.status,
        404
    );
    assert_eq!(
        cirrus(&fake, "DELETE", "/leads/1", None, None).await.status,
        405
    );
    // Contacts keep their account's list.
    let c = cirrus(
        &fake,
        "POST",
        "/contacts",
        None,
        Some(&json!({"name": "Nina", "surname": "Kok", "accountid": 4})),
    )
    .await;
    assert_eq!(c.status, 201, "{}", c.body);
    let a = cirrus(&fake, "GET", "/accounts/4", Some("{contacts{id}}"), None)
        .await
        .json();
    assert_eq!(a["contacts"], json!([{"id": 5}, {"id": 13}]));
    // An account update.
    let a = cirrus(
        &fake,
        "PUT",
        "/accounts/4",
        Some("{id,phone,user{id}}"),
        Some(&json!({"phone": "+31 20 000", "userid": 1})),
    )
    .await;
    assert_eq!(a.body, r#"{"id":4,"phone":"+31 20 000","user":{"id":1}}"#);
}

fn opp_body(status: i64) -> Value {
    json!({"accountid": 1, "contactid": 1, "title": "Jaarcontract ledenbeheer",
           "description": "x", "userid": 1, "statusid": status,
           "estimatedenddate": "2025-04-30", "typeid": 1})
}

#[tokio::test]
async fn won_and_lost_need_their_reason() {
    let fake = demo().await;
    let r = cirrus(&fake, "PUT", "/opportunities/1", None, Some(&opp_body(4))).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(r.json()["message"], "Input payload validation failed");
    assert!(r.json()["errors"]["winreasonid"].is_string());
    let r = cirrus(&fake, "PUT", "/opportunities/1", None, Some(&opp_body(5))).await;
    assert!(r.json()["errors"]["lostreasonid"].is_string());
    assert_eq!(
        fake.state().cirrus.opportunities[&1].int_at("statusid"),
        Some(1)
    );
    // A status of the other type.
    let r = cirrus(&fake, "PUT", "/opportunities/1", None, Some(&opp_body(8))).await;
    assert!(r.json()["errors"]["statusid"].is_string());
    // Opportunity PUT requires the document's required fields.
    let r = cirrus(
        &fake,
        "PUT",
        "/opportunities/1",
        None,
        Some(&json!({"statusid": 2})),
    )
    .await;
    assert_eq!(
        r.json()["errors"]["accountid"],
        "'accountid' is a required property"
    );
    let mut body = opp_body(4);
    body["winreasonid"] = json!(2);
    let r = cirrus(&fake, "PUT", "/opportunities/1", None, Some(&body)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let o = r.json();
    assert_eq!(
        (o["status"]["won"].clone(), o["closed"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(o["winreason"]["name"], "Goede demo");
    assert_eq!(o["changedate"], "2025-03-10T09:00:00Z");
    assert_eq!(o["changeuser"]["name"], "Sofie");
    let fields = fake
        .state()
        .cirrus
        .last_write_fields(Resource::Opportunities, 1)
        .unwrap()
        .to_vec();
    assert!(fields.contains(&"winreasonid".to_string()));
    // Already won: a PUT that keeps the status needs no reason again.
    let r = cirrus(&fake, "PUT", "/opportunities/1", None, Some(&opp_body(4))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    // Switch off.
    fake.state().cirrus.require_reasons = false;
    let r = cirrus(&fake, "PUT", "/opportunities/2", None, Some(&json!({"accountid": 2, "contactid": 3, "title": "t", "description": "d", "userid": 2, "statusid": 5, "estimatedenddate": "2025-04-15", "typeid": 1}))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    // Create.
    let r = cirrus(&fake, "POST", "/opportunities", None, Some(&opp_body(2))).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json()["id"], 13);
    assert_eq!(r.json()["reguserid"], 1);
}

#[tokio::test]
async fn follow_and_unfollow() {
    let fake = demo().await;
    let r = cirrus(
        &fake,
        "POST",
        "/opportunities/follow",
        None,
        Some(&json!({"key": 3, "userid": 2})),
    )
    .await;
    assert_eq!(r.status, 204, "{}", r.body);
    let p = page_of(&cirrus(&fake, "GET", "/opportunities?followedby=2", None, None).await);
    assert_eq!(ids(&p), vec![3]);
    let r = cirrus(
        &fake,
        "POST",
        "/opportunities/unfollow",
        None,
        Some(&json!({"key": 3, "userid": 2})),
    )
    .await;
    assert_eq!(r.status, 204);
    let p = page_of(&cirrus(&fake, "GET", "/opportunities?followedby=2", None, None).await);
    assert_eq!(p["total"], 0);
    let r = cirrus(
        &fake,
        "POST",
        "/accounts/follow",
        None,
        Some(&json!({"key": 999, "userid": 2})),
    )
    .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn token_and_routes() {
    let fake = demo().await;
    let none = http(fake.addr(), "GET", "/cirrus/leads", None, b"").await;
    assert_eq!(none.status, 401);
    assert_eq!(
        none.json(),
        json!({"message": "X-Token can not be blank unless using a Bearer token from new auth"})
    );
    let wrong = http_with_headers(
        fake.addr(),
        "GET",
        "/cirrus/leads",
        &[("X-Token", "nope")],
        b"",
    )
    .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.json()["message"], "Invalid X-Token");
    assert_eq!(DEFAULT_CIRRUS_TOKEN, "cirrus-demo-token");
    assert_eq!(
        fake.base_url_cirrus(),
        format!("{}/cirrus", fake.base_url())
    );
    assert_eq!(
        cirrus(&fake, "GET", "/nothing", None, None).await.status,
        404
    );
    assert_eq!(
        cirrus(&fake, "GET", "/leads/abc", None, None).await.status,
        404
    );
    let r = cirrus(&fake, "PATCH", "/opportunities/1", None, None).await;
    assert_eq!((r.status, r.header("allow")), (405, Some("GET, PUT")));
    // Every table entry routes.
    let empty = json!({});
    for (m, t) in PATHS {
        let path = t.replace("{id}", "1");
        let r = cirrus(
            &fake,
            m,
            &path,
            None,
            if m == "GET" { None } else { Some(&empty) },
        )
        .await;
        assert!(r.status != 404 || m != "GET", "{m} {t}: {}", r.body);
        assert_ne!(r.status, 405, "{m} {t}");
    }
}

#[tokio::test]
async fn faults_and_log() {
    let fake = demo().await;
    fake.inject(
        Fault::new(Vendor::Cirrus, FaultKind::RateLimit)
            .method("get /leads")
            .retry_after_s(7),
    );
    let r = cirrus(&fake, "GET", "/leads", None, None).await;
    assert_eq!((r.status, r.header("retry-after")), (429, Some("7")));
    fake.inject(
        Fault::new(Vendor::Cirrus, FaultKind::Status)
            .status(502)
            .method("PUT /opportunities/{id}"),
    );
    // Not matching: a GET.
    assert_eq!(
        cirrus(&fake, "GET", "/opportunities/1", None, None)
            .await
            .status,
        200
    );
    let r = cirrus(&fake, "PUT", "/opportunities/1", None, Some(&opp_body(2))).await;
    assert_eq!(r.status, 502);
    assert_eq!(
        fake.state().cirrus.opportunities[&1].int_at("statusid"),
        Some(1)
    );
    fake.inject(Fault::new(Vendor::Cirrus, FaultKind::FailedStatus));
    let r = cirrus(&fake, "GET", "/accounts", None, None).await;
    assert_eq!(
        (r.status, r.json()),
        (400, json!({"message": "fake fault: injected failure"}))
    );
    fake.inject(Fault::new(Vendor::Cirrus, FaultKind::Malformed).method("PUT /leads/{id}"));
    let r = cirrus(
        &fake,
        "PUT",
        "/leads/1",
        None,
        Some(&json!({"title": "Half"})),
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(serde_json::from_str::<Value>(&r.body).is_err());
    assert_eq!(fake.state().cirrus.leads[&1].str_at("title"), Some("Half"));
    fake.inject(
        Fault::new(Vendor::Cirrus, FaultKind::Slow)
            .ms(300)
            .after(1)
            .method("GET /opportunitystatuses"),
    );
    let t = Instant::now();
    cirrus(&fake, "GET", "/opportunitystatuses", None, None).await;
    assert!(t.elapsed() < Duration::from_millis(300));
    let t = Instant::now();
    assert_eq!(
        cirrus(&fake, "GET", "/opportunitystatuses", None, None)
            .await
            .status,
        200
    );
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert!(fake.pending_faults().is_empty());
    // The log.
    fake.clear_requests();
    cirrus(
        &fake,
        "GET",
        "/leads?page=2&per_page=25",
        Some("{items{id}}"),
        None,
    )
    .await;
    let log = fake.requests_to(Vendor::Cirrus);
    assert_eq!(log.len(), 1);
    let e = &log[0];
    assert_eq!(e.method, "GET /leads");
    assert_eq!(
        (e.param("page"), e.param("per_page")),
        (Some("2"), Some("25"))
    );
    assert_eq!(e.header("x-fields"), Some("{items{id}}"));
    assert_eq!(e.header("x-token"), Some("<redacted>"));
    assert_eq!(e.status, Some(200));
    fake.reset();
    assert_eq!(
        fake.state().cirrus.leads[&1].str_at("title"),
        Some("Interesse Fit & Fun Aalst")
    );
}

#[tokio::test]
async fn empty_seed_keeps_the_lookups() {
    let fake = spawn(FakeOptions {
        seed: Seed::Empty,
        ..FakeOptions::default()
    })
    .await;
    let s = fake.snapshot().cirrus;
    assert!(s.accounts.is_empty() && s.leads.is_empty() && s.opportunities.is_empty());
    assert_eq!(s.statuses.len(), 9);
    assert_eq!(s.types.len(), 2);
    let p = page_of(&cirrus(&fake, "GET", "/leads", None, None).await);
    assert_eq!(
        p,
        json!({"page": 1, "pages": 0, "per_page": 10, "total": 0, "items": []})
    );
}

// ------------------------------------------------ the document's own words

/// A sample file as JSON (the document's sample, see `sample_wire`).
fn sample_json(name: &str) -> Value {
    serde_json::from_str(&sample_wire(name)).unwrap()
}

/// The keys of an object in the order they are written on the wire.
fn keys_in_order(v: &Value, body: &str) -> Vec<String> {
    let mut keys: Vec<(usize, String)> = v
        .as_object()
        .unwrap()
        .keys()
        .map(|k| (body.find(&format!("\"{k}\":")).unwrap(), k.clone()))
        .collect();
    keys.sort();
    keys.into_iter().map(|(_, k)| k).collect()
}

#[tokio::test]
async fn list_envelope_is_the_documents_sample() {
    // Seed 002, "Returns a paginated list of leads", Response samples 200:
    // `[- { - "page": 0, - "pages": 0, - "per_page": 0, - "total": 0, - "items": [ … ] } ]`
    // (copied as src/cirrus/samples/leads_page.json).
    let fake = demo().await;
    let sample = sample_json("leads_page");
    // Lead 0 is the document's own sample lead, the only one with "string"
    // in its contact fields.
    let r = cirrus(
        &fake,
        "GET",
        "/leads?fulltext=string&per_page=50",
        None,
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let page = page_of(&r);
    assert_eq!(
        keys_in_order(&page, &r.body[1..]),
        keys_in_order(&sample[0], &sample_wire("leads_page")[1..]),
        "page, pages, per_page, total, items — in the sample's order"
    );
    assert_eq!(ids(&page), vec![0], "{}", r.body);
    assert_eq!(page["items"][0], sample[0]["items"][0]);
    assert_eq!(
        (
            page["page"].clone(),
            page["pages"].clone(),
            page["per_page"].clone(),
            page["total"].clone()
        ),
        (json!(1), json!(1), json!(50), json!(1))
    );
}

#[tokio::test]
async fn the_documents_example_mask_on_a_simple_list() {
    // Seed 002, every call: "X-Fields | string Mask which fields to include
    // in the response '{id,name,description, etc}'" — spaces allowed, a name
    // the model lacks (`etc`) left out.
    let fake = demo().await;
    let r = cirrus(
        &fake,
        "GET",
        "/opportunitystatuses",
        Some("{id,name,description, etc}"),
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let list = r.json();
    assert!(!list.as_array().unwrap().is_empty());
    assert!(
        r.body
            .starts_with(r#"[{"id":0,"name":"string","description":"string"}"#),
        "{}",
        r.body
    );
    for s in list.as_array().unwrap() {
        // serde_json's map is sorted: the names, not their order, here.
        let keys: Vec<&str> = s.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        assert_eq!(keys, ["description", "id", "name"], "{s}");
    }
}

#[tokio::test]
async fn list_filters_under_the_documents_names() {
    let fake = demo().await;
    async fn items(fake: &FakeVendors, path: &str, mask: &str) -> Vec<Value> {
        let p = page_of(&cirrus(fake, "GET", path, Some(mask), None).await);
        p["items"].as_array().unwrap().clone()
    }
    fn id_list(items: &[Value]) -> Vec<i64> {
        let mut v: Vec<i64> = items.iter().map(|i| i["id"].as_i64().unwrap()).collect();
        v.sort();
        v
    }

    // Contacts. "city | string use % as a wildcard"; "fulltext | string
    // this property will be used in a search in name, surname, email,
    // officephone, cellphone, title, idnumber, street, city, zip".
    let c = cirrus(
        &fake,
        "POST",
        "/contacts",
        None,
        Some(
            &json!({"name": "Lotte", "surname": "Peeters", "accountid": 1,
                     "city": "Gentbrugge", "active": 1}),
        ),
    )
    .await;
    assert_eq!(c.status, 201, "{}", c.body);
    let new = c.json()["id"].as_i64().unwrap();
    let all = items(&fake, "/contacts?per_page=50", "{items{id,city,active}}").await;
    assert!(all.len() > 2);
    for (filter, keep) in [
        (
            "city=gent%25",
            &(|c: &str| c.to_lowercase().starts_with("gent")) as &dyn Fn(&str) -> bool,
        ),
        ("city=%25BRUGGE", &|c: &str| {
            c.to_lowercase().ends_with("brugge")
        }),
        ("city=gentbrugge", &|c: &str| {
            c.eq_ignore_ascii_case("gentbrugge")
        }),
    ] {
        let want: Vec<Value> = all
            .iter()
            .filter(|i| keep(i["city"].as_str().unwrap_or("")))
            .cloned()
            .collect();
        let got = items(
            &fake,
            &format!("/contacts?per_page=50&{filter}"),
            "{items{id}}",
        )
        .await;
        assert_eq!(id_list(&got), id_list(&want), "{filter}");
        assert!(id_list(&got).contains(&new), "{filter}");
    }
    let got = items(
        &fake,
        "/contacts?per_page=50&fulltext=ntbrug",
        "{items{id}}",
    )
    .await;
    assert_eq!(id_list(&got), vec![new]);
    // "active | integer Enum: 0 1 get active or inactive contacts"
    for active in [0, 1] {
        let want: Vec<Value> = all
            .iter()
            .filter(|i| i["active"] == active)
            .cloned()
            .collect();
        assert!(!want.is_empty(), "demo has contacts with active {active}");
        let got = items(
            &fake,
            &format!("/contacts?per_page=50&active={active}"),
            "{items{id}}",
        )
        .await;
        assert_eq!(id_list(&got), id_list(&want), "active={active}");
    }

    // Accounts. "typeid | integer id property of the accountType", "typeids
    // | integer comma separated list of typeids", "userids | string comma
    // separated list of userids", "active | integer Default: 1 … use the
    // value 2 for both active and inactive".
    let all = items(
        &fake,
        "/accounts?per_page=50&active=2",
        "{items{id,active,type{id},user{id}}}",
    )
    .await;
    let by = |f: &dyn Fn(&Value) -> bool| -> Vec<i64> {
        let v: Vec<Value> = all.iter().filter(|i| f(i)).cloned().collect();
        id_list(&v)
    };
    let types: BTreeSet<i64> = all
        .iter()
        .filter_map(|i| i["type"]["id"].as_i64())
        .collect();
    assert!(types.len() >= 2, "{types:?}");
    for t in &types {
        let want = by(&|i| i["type"]["id"] == *t);
        let got = items(
            &fake,
            &format!("/accounts?per_page=50&active=2&typeid={t}"),
            "{items{id}}",
        )
        .await;
        assert_eq!(id_list(&got), want, "typeid={t}");
    }
    let two: Vec<i64> = types.iter().take(2).copied().collect();
    let got = items(
        &fake,
        &format!(
            "/accounts?per_page=50&active=2&typeids={},{}",
            two[0], two[1]
        ),
        "{items{id}}",
    )
    .await;
    assert_eq!(
        id_list(&got),
        by(&|i| two.iter().any(|t| i["type"]["id"] == *t))
    );
    let got = items(
        &fake,
        "/accounts?per_page=50&active=2&userids=1,2",
        "{items{id}}",
    )
    .await;
    let want = by(&|i| i["user"]["id"] == 1 || i["user"]["id"] == 2);
    assert!(!want.is_empty());
    assert_eq!(id_list(&got), want);
    let got = items(&fake, "/accounts?per_page=50&active=0", "{items{id}}").await;
    assert_eq!(id_list(&got), by(&|i| i["active"] == 0));
    let got = items(&fake, "/accounts?per_page=50", "{items{id}}").await;
    assert_eq!(id_list(&got), by(&|i| i["active"] == 1), "Default: 1");

    // Leads: "userids | string", "fulltext | string".
    let all = items(&fake, "/leads?per_page=50", "{items{id,user{id}}}").await;
    let got = items(&fake, "/leads?per_page=50&userids=1,3", "{items{id}}").await;
    let want: Vec<Value> = all
        .iter()
        .filter(|i| i["user"]["id"] == 1 || i["user"]["id"] == 3)
        .cloned()
        .collect();
    assert!(!want.is_empty());
    assert_eq!(id_list(&got), id_list(&want));

    // Opportunities: "userid | integer", "typeid | integer".
    let all = items(
        &fake,
        "/opportunities?per_page=50",
        "{items{id,userid,typeid}}",
    )
    .await;
    for (filter, field, value) in [("userid=2", "userid", 2), ("typeid=1", "typeid", 1)] {
        let want: Vec<Value> = all.iter().filter(|i| i[field] == value).cloned().collect();
        assert!(!want.is_empty(), "{filter}");
        let got = items(
            &fake,
            &format!("/opportunities?per_page=50&{filter}"),
            "{items{id}}",
        )
        .await;
        assert_eq!(id_list(&got), id_list(&want), "{filter}");
    }
}

#[tokio::test]
async fn the_documents_request_samples_are_taken() {
    let fake = demo().await;
    // Seed 002, "Creates a new lead", Request samples, Payload (the same as
    // "Updates an lead"), copied as src/cirrus/samples/lead_request.json.
    // Its ids are the samples' 0s: user 0 and lead status 0 exist in the
    // demo (the document's own sample objects); source 0 and tag 0 do not,
    // so those two ids are replaced, nothing else.
    let mut body = sample_json("lead_request");
    body["source"] = json!({"id": 1, "name": "string", "default": 0});
    body["tags"] = json!([{"id": 1}]);
    let r = cirrus(&fake, "POST", "/leads", None, Some(&body)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let lead = r.json();
    // "created | string <date-time> this will be ignored on PUT/POST requests"
    assert_eq!(lead["created"], "2025-03-10T09:00:00Z");
    assert_eq!(lead["updated"], "2025-03-10T09:00:00Z");
    assert_eq!(lead["contactname"], "string");
    assert_eq!(lead["user"]["id"], 0);
    assert_eq!(lead["status"]["id"], 0);
    assert_eq!(lead["source"]["name"], "Website", "the source the id names");
    let id = lead["id"].as_i64().unwrap();
    let r = cirrus(&fake, "PUT", &format!("/leads/{id}"), None, Some(&body)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["created"], "2025-03-10T09:00:00Z");

    // "Creates a new opportunity" (the same as "Updates an opportunity"):
    // account 0, contact 0, user 0, status 0 of type 0, win and lost
    // reason 0 exist; estimate 0, source "string" and tag 0 do not.
    // `altvalue` ("altvalue | string |", answered as the number `"altvalue":
    // 0`) must be a number written as a string, so the placeholder
    // "string" becomes "0" (see src/cirrus/assumed.rs, "Types on the wire").
    let mut body = sample_json("opportunity_request");
    let r = cirrus(&fake, "POST", "/opportunities", None, Some(&body)).await;
    assert_eq!(
        (r.status, r.json()["errors"]["altvalue"].clone()),
        (400, json!("'string' is not a number")),
        "{}",
        r.body
    );
    body["altvalue"] = json!("0");
    body["estimateid"] = json!(1);
    body["sourceid"] = json!("1");
    body["tags"] = json!([{"id": 1}]);
    let r = cirrus(&fake, "POST", "/opportunities", None, Some(&body)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let opp = r.json();
    assert_eq!(opp["statusid"], 0);
    assert_eq!(opp["typeid"], 0);
    // "estimatedenddate required | string": kept as sent.
    assert_eq!(opp["estimatedenddate"], "string");
    let id = opp["id"].as_i64().unwrap();
    let r = cirrus(
        &fake,
        "PUT",
        &format!("/opportunities/{id}"),
        None,
        Some(&body),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);

    // "Updates an account" (the same as "Creates a new account"), copied as
    // src/cirrus/samples/account_request.json: user 0 and account 0 (the
    // parent) exist; account type 0 and tag 0 do not. `alternateuserid |
    // integer` is sent as 0 and answered as the string "0" (the sample
    // account's `"alternateuserid": "string"`).
    let mut body = sample_json("account_request");
    body["typeid"] = json!(1);
    body["tags"] = json!([{"id": 1}]);
    let r = cirrus(&fake, "PUT", "/accounts/1", None, Some(&body)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let a = r.json();
    assert_eq!(a["name"], "string");
    assert_eq!(a["user"]["id"], 0);
    assert_eq!(a["type"]["id"], 1);
    assert_eq!(a["alternateuserid"], "0");
    assert_eq!(a["addresses"]["postal"]["city"], "nullable string");

    // "Follows an opportunity" / "Unfollows an opportunity": `{"key": 0,
    // "userid": 0}` verbatim (opportunity 0 and user 0 exist).
    let body = sample_json("follow_request");
    for path in ["/opportunities/follow", "/opportunities/unfollow"] {
        let r = cirrus(&fake, "POST", path, None, Some(&body)).await;
        assert!(r.status / 100 == 2, "{path}: {} {}", r.status, r.body);
    }
}
