//! The AlphaAlpha fake against seed 004, over real HTTP: every sample
//! answer byte for byte, the lists (no paging), each lifecycle move, the next
//! action and overdue list, owner and tags, the problem bodies, the bearer
//! token, routes, every fault kind, the request log and the control API.

mod common;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use common::*;
use frontdesk_fakes::alphaalpha::model::CrmStatus;
use frontdesk_fakes::alphaalpha::{
    CALLS, SAMPLE_TIME, generated_customer, sample_activity, sample_customer, sample_opportunity,
};
use frontdesk_fakes::{
    ClockSettings, DEFAULT_ALPHAALPHA_TOKEN, FakeOptions, FakeVendors, Fault, FaultKind, Seed,
    Vendor, spawn,
};
use serde_json::{Value, json};

/// A seed sample, as JSON.
fn sample_json(name: &str) -> Value {
    serde_json::from_str(&sample(&format!("alphaalpha/{name}"))).unwrap()
}

/// A seed sample without the whitespace between tokens: what the fake must
/// send byte for byte (field order and number formats included).
fn sample_wire(name: &str) -> String {
    let text = sample(&format!("alphaalpha/{name}"));
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
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

fn instant(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn frozen_at(t: DateTime<Utc>) -> ClockSettings {
    ClockSettings {
        frozen: Some(t),
        offset_s: 0,
    }
}

fn frozen(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> ClockSettings {
    frozen_at(Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap())
}

/// "Now" in the demo tests.
const NOW: &str = "2025-03-10T09:00:00Z";

async fn demo() -> FakeVendors {
    spawn(FakeOptions {
        clock: frozen_at(instant(NOW)),
        ..FakeOptions::default()
    })
    .await
}

/// An empty fake holding only the seed's sample customer (with its
/// opportunity and activity), whose token belongs to the samples' user
/// `string`: every sample answer comes back as written.
async fn samples_only(clock: ClockSettings) -> FakeVendors {
    let fake = spawn(FakeOptions {
        seed: Seed::Empty,
        clock,
        ..FakeOptions::default()
    })
    .await;
    {
        let mut state = fake.state();
        let s = &mut state.alphaalpha;
        s.insert_customer(sample_customer());
        s.insert_opportunity(sample_opportunity());
        s.insert_activity(sample_activity());
        s.token_user_id = "string".into();
    }
    fake
}

fn assert_problem(r: &HttpResponse, status: u16, title: &str, time: &str) {
    assert_eq!(r.status, status, "{}", r.body);
    assert!(
        r.header("content-type")
            .unwrap()
            .starts_with("application/json"),
        "{:?}",
        r.headers
    );
    let p = r.json();
    let keys: Vec<&String> = p.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["detail", "time", "title"], "{}", r.body);
    assert_eq!(p["title"], title, "{}", r.body);
    assert_eq!(p["time"], time, "{}", r.body);
    assert!(!p["detail"].as_str().unwrap().is_empty(), "{}", r.body);
    // The order of the sample, too.
    assert!(r.body.starts_with("{\"detail\":"), "{}", r.body);
    assert!(r.body.contains(",\"time\":\""), "{}", r.body);
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("a bare array: {list}"))
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

// ---------------------------------------------------------------- samples

#[tokio::test]
async fn list_samples_come_back_byte_for_byte() {
    let fake = samples_only(frozen(2025, 3, 10, 9, 0, 0)).await;
    for (path, name) in [
        ("/crm/customers/by-owner/string", "customers_by_owner.json"),
        ("/crm/customers/by-status/LEAD", "customers_by_status.json"),
        ("/crm/customers/my", "customers_my.json"),
        (
            "/crm/customers/overdue-actions",
            "customers_overdue_actions.json",
        ),
    ] {
        let r = aa(&fake, "GET", path, None).await;
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert!(
            r.header("content-type")
                .unwrap()
                .starts_with("application/json")
        );
        assert_eq!(r.json(), sample_json(name), "{path}");
        assert_eq!(r.body, sample_wire(name), "{path}");
    }
}

#[tokio::test]
async fn enriched_sample_comes_back_byte_for_byte() {
    let fake = samples_only(frozen(2025, 3, 10, 9, 0, 0)).await;
    let r = aa(&fake, "GET", "/crm/customers/string", None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), sample_json("enriched_customer.json"));
    assert_eq!(r.body, sample_wire("enriched_customer.json"));
    // The two shapes differ as the seed's do.
    let list = &sample_json("customers_my.json")[0];
    let enriched = sample_json("enriched_customer.json");
    let keys = |v: &Value| -> BTreeSet<String> { v.as_object().unwrap().keys().cloned().collect() };
    let only_list: Vec<_> = keys(list).difference(&keys(&enriched)).cloned().collect();
    let only_enriched: Vec<_> = keys(&enriched).difference(&keys(list)).cloned().collect();
    assert_eq!(only_list, ["preferredLanguage", "visits"]);
    assert_eq!(
        only_enriched,
        ["opportunities", "owner", "recentActivities"]
    );
}

#[tokio::test]
async fn crm_status_sample_round_trips() {
    // At the samples' instant, with the samples' user, the sample request
    // (sent verbatim) makes exactly the sample answer.
    let fake = samples_only(frozen_at(instant(SAMPLE_TIME))).await;
    let body = sample("alphaalpha/update_crm_status_request.json");
    let r = aa_raw(
        &fake,
        "PATCH",
        "/crm/customers/string/crm-status",
        Some(body.trim()),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body, sample_wire("update_crm_status.json"));
    let c = &fake.snapshot().alphaalpha.customers["string"];
    assert_eq!(c.last_write_fields, Some(vec!["crmStatus".to_string()]));
    assert_eq!(
        c.last_write_call.as_deref(),
        Some("PATCH /crm/customers/{id}/crm-status")
    );
}

#[tokio::test]
async fn next_action_sample_round_trips_and_the_empty_body_clears() {
    let fake = samples_only(frozen_at(instant(SAMPLE_TIME))).await;
    let r = aa(
        &fake,
        "PATCH",
        "/crm/customers/string/next-action",
        Some(&json!({"nextAction": "string", "nextActionDueDate": SAMPLE_TIME})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body, sample_wire("update_next_action.json"));
    assert_eq!(
        fake.snapshot().alphaalpha.customers["string"].last_write_fields,
        Some(vec!["nextAction".into(), "nextActionDueDate".into()])
    );

    // The seed's own request `{}` (verbatim): the next action is cleared
    // (ASSUMED: the body is the whole next action).
    let body = sample("alphaalpha/update_next_action_request.json");
    let r = aa_raw(
        &fake,
        "PATCH",
        "/crm/customers/string/next-action",
        Some(body.trim()),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mut expected = sample_json("update_next_action.json");
    expected["nextAction"] = Value::Null;
    expected["nextActionDueDate"] = Value::Null;
    assert_eq!(r.json(), expected);
    assert_eq!(
        fake.snapshot().alphaalpha.customers["string"].last_write_fields,
        Some(vec![])
    );
}

#[tokio::test]
async fn owner_and_tag_samples() {
    let fake = samples_only(frozen_at(instant(SAMPLE_TIME))).await;
    // Assigning the owner it has, adding the tag it has: the sample exactly.
    let r = aa(&fake, "PATCH", "/crm/customers/string/owner/string", None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body, sample_wire("assign_owner.json"));
    let r = aa(&fake, "POST", "/crm/customers/string/tags/string", None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body, sample_wire("add_tag.json"));

    // Removing them: the sample with what was removed gone.
    let r = aa(&fake, "DELETE", "/crm/customers/string/tags/string", None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mut expected = sample_json("remove_tag.json");
    expected["tags"] = json!([]);
    assert_eq!(r.json(), expected);
    let r = aa(&fake, "DELETE", "/crm/customers/string/owner", None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mut expected = sample_json("remove_owner.json");
    expected["tags"] = json!([]);
    expected["ownerId"] = Value::Null;
    expected["owner"] = Value::Null;
    assert_eq!(r.json(), expected);

    let writes: Vec<(String, Option<String>)> = fake
        .snapshot()
        .alphaalpha
        .writes
        .iter()
        .map(|w| (w.call.clone(), w.arg.clone()))
        .collect();
    assert_eq!(
        writes,
        [
            (
                "PATCH /crm/customers/{id}/owner/{ownerId}".to_string(),
                Some("string".to_string())
            ),
            (
                "POST /crm/customers/{id}/tags/{tag}".to_string(),
                Some("string".to_string())
            ),
            (
                "DELETE /crm/customers/{id}/tags/{tag}".to_string(),
                Some("string".to_string())
            ),
            ("DELETE /crm/customers/{id}/owner".to_string(), None),
        ]
    );
}

#[tokio::test]
async fn problem_body_is_the_samples_shape() {
    let fake = demo().await;
    let r = aa(&fake, "GET", "/crm/customers/cus_nope", None).await;
    assert_problem(&r, 404, "Not Found", "2025-03-10T09:00:00Z");
    assert!(r.json()["detail"].as_str().unwrap().contains("cus_nope"));
    let sample = sample_json("problem.json");
    let shape = |v: &Value| -> Vec<(String, bool)> {
        v.as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.is_string()))
            .collect()
    };
    assert_eq!(shape(&r.json()), shape(&sample));
    // `time` in the sample's format.
    let time = r.json()["time"].as_str().unwrap().to_string();
    assert_eq!(time.len(), SAMPLE_TIME.len());
}

// ---------------------------------------------------------------- lists

#[tokio::test]
async fn lists_are_bare_arrays_without_paging() {
    let fake = spawn(FakeOptions {
        seed: Seed::Empty,
        generated_alphaalpha_customers: 40,
        clock: frozen(2025, 3, 10, 9, 0, 0),
        ..FakeOptions::default()
    })
    .await;
    // Statuses round-robin: LEAD is 1, 7, 13, …, 37 — all of them, in
    // creation order, in one answer.
    let r = aa(&fake, "GET", "/crm/customers/by-status/LEAD", None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.starts_with('['));
    assert_eq!(
        ids(&r.json()),
        [1, 7, 13, 19, 25, 31, 37].map(|n| format!("cus_gen_{n:06}"))
    );
    let mut total = 0;
    for status in CrmStatus::ALL {
        let path = format!("/crm/customers/by-status/{}", status.as_str());
        let list = aa(&fake, "GET", &path, None).await.json();
        for c in list.as_array().unwrap() {
            assert_eq!(c["crmStatus"], status.as_str());
        }
        total += list.as_array().unwrap().len();
    }
    assert_eq!(total, 40);

    // No paging parameters (nor any other).
    for query in ["page=0&size=20", "size=5", "sort=name", "x=1"] {
        let r = aa(
            &fake,
            "GET",
            &format!("/crm/customers/by-status/LEAD?{query}"),
            None,
        )
        .await;
        assert_problem(&r, 400, "Bad Request", "2025-03-10T09:00:00Z");
        let name = query.split('=').next().unwrap();
        assert!(
            r.json()["detail"].as_str().unwrap().contains(name),
            "{}",
            r.body
        );
    }
    // An unknown status is a 400; case matters.
    for status in ["lead", "WON", "Lead", "%20"] {
        let r = aa(
            &fake,
            "GET",
            &format!("/crm/customers/by-status/{status}"),
            None,
        )
        .await;
        assert_problem(&r, 400, "Bad Request", "2025-03-10T09:00:00Z");
    }
    // Overdue: every fourth, 14 days after creation — all long past.
    let overdue = aa(&fake, "GET", "/crm/customers/overdue-actions", None)
        .await
        .json();
    assert_eq!(
        ids(&overdue),
        [4, 8, 12, 16, 20, 24, 28, 32, 36, 40].map(|n| format!("cus_gen_{n:06}"))
    );
}

#[tokio::test]
async fn demo_lists_by_owner_my_and_overdue() {
    let fake = demo().await;
    let my = aa(&fake, "GET", "/crm/customers/my", None).await.json();
    assert_eq!(
        ids(&my),
        [
            "cus_fitlab_gent",
            "cus_crossbox_antwerpen",
            "cus_els_wouters"
        ],
        "An Peeters's, oldest first"
    );
    let jeroen = aa(
        &fake,
        "GET",
        "/crm/customers/by-owner/usr_jeroen_devries",
        None,
    )
    .await
    .json();
    assert_eq!(
        ids(&jeroen),
        ["cus_koepel_utrecht", "cus_kantoorpark_mechelen"]
    );
    let nobody = aa(&fake, "GET", "/crm/customers/by-owner/usr_nobody", None)
        .await
        .json();
    assert_eq!(nobody, json!([]));
    let overdue = aa(&fake, "GET", "/crm/customers/overdue-actions", None)
        .await
        .json();
    assert_eq!(
        ids(&overdue),
        [
            "string",
            "cus_padelclub_leuven",
            "cus_koepel_utrecht",
            "cus_crossbox_antwerpen"
        ],
        "most overdue first"
    );
    // List items have the list shape.
    let first = &my[0];
    assert!(first.get("visits").is_some() && first.get("preferredLanguage").is_some());
    assert!(first.get("opportunities").is_none() && first.get("owner").is_none());
    assert_eq!(first["nextActionDueDate"], "2025-03-15T09:00:00Z");

    // Time passes: Els's demo (due in 3 days) becomes overdue.
    fake.set_clock(frozen(2025, 3, 13, 9, 0, 1));
    let overdue = aa(&fake, "GET", "/crm/customers/overdue-actions", None)
        .await
        .json();
    assert!(ids(&overdue).contains(&"cus_els_wouters".to_string()));
    assert!(!ids(&overdue).contains(&"cus_fitlab_gent".to_string()));
}

#[tokio::test]
async fn enriched_demo_customer() {
    let fake = demo().await;
    let r = aa(&fake, "GET", "/crm/customers/cus_fitlab_gent", None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let c = r.json();
    assert_eq!(c["crmStatus"], "CUSTOMER");
    assert_eq!(
        c["owner"],
        json!({"displayName": "An Peeters", "id": "usr_an_peeters", "username": "an.peeters"})
    );
    assert_eq!(c["contacts"].as_array().unwrap().len(), 2);
    assert_eq!(c["billingAddress"]["city"], "Gent");
    let opp = &c["opportunities"][0];
    assert_eq!(opp["customerId"], "cus_fitlab_gent");
    assert_eq!(opp["status"], "NEW");
    let percentages: f64 = opp["paymentSchedule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["percentage"].as_f64().unwrap())
        .sum();
    assert_eq!(percentages, 100.0);
    assert!(r.body.contains("\"value\":11880.0"), "floats as floats");
    assert_eq!(opp["changeOrders"][0]["amount"], 1250.0);
    assert_eq!(opp["scheduledStartDate"], "2024-06-01");
    let acts: Vec<&str> = c["recentActivities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        acts,
        ["act_fitlab_checkin", "act_fitlab_kickoff"],
        "newest first"
    );
    assert_eq!(c["recentActivities"][1]["isCompleted"], true);
    assert_eq!(c["recentActivities"][1]["completed"], true);
    assert!(c.get("visits").is_none() && c.get("preferredLanguage").is_none());
    // Never set = null; no owner = null owner.
    let r = aa(&fake, "GET", "/crm/customers/cus_zwembad_brugge", None).await;
    let z = r.json();
    for k in ["avatar", "billingAddress", "nextAction", "ownerId", "owner"] {
        assert_eq!(z[k], Value::Null, "{k}");
    }
    assert_eq!(z["opportunities"], json!([]));
    assert_eq!(z["recentActivities"], json!([]));
    assert_eq!(z["tags"], json!([]));
}

// ---------------------------------------------------------------- lifecycle

#[tokio::test]
async fn every_lifecycle_move() {
    let fake = demo().await;
    let id = "cus_zwembad_brugge";
    let path = format!("/crm/customers/{id}/crm-status");
    let mut minute = 0;
    let mut to = |status: &'static str| {
        minute += 1;
        fake.set_clock(frozen(2025, 3, 10, 10, minute, 0));
        let body = json!({ "crmStatus": status });
        let fake = &fake;
        let path = path.clone();
        async move { (aa(fake, "PATCH", &path, Some(&body)).await, minute) }
    };
    // Forward through the whole lifecycle, then back, skipping and staying.
    for status in [
        "PROSPECT", "ACTIVE", "CUSTOMER", "INACTIVE", "CHURNED", "LEAD", "CUSTOMER", "CUSTOMER",
    ] {
        let (r, minute) = to(status).await;
        assert_eq!(r.status, 200, "{status}: {}", r.body);
        let c = r.json();
        assert_eq!(c["crmStatus"], status);
        assert_eq!(c["updated"], format!("2025-03-10T10:{minute:02}:00Z"));
        assert_eq!(c["updatedBy"], "usr_an_peeters");
        assert!(c.get("opportunities").is_some(), "the enriched shape");
        let listed = aa(
            &fake,
            "GET",
            &format!("/crm/customers/by-status/{status}"),
            None,
        )
        .await
        .json();
        assert!(ids(&listed).contains(&id.to_string()), "{status}");
    }
    let s = fake.snapshot().alphaalpha;
    assert_eq!(s.customers[id].crm_status, CrmStatus::Customer);
    assert_eq!(s.writes.len(), 8);
    assert!(s.writes.iter().all(|w| w.fields == ["crmStatus"]));
    // Nothing else moved.
    assert_eq!(s.customers[id].events.len(), 1);
    assert_eq!(s.customers[id].tags, Vec::<String>::new());
}

#[tokio::test]
async fn crm_status_errors_change_nothing() {
    let fake = demo().await;
    let path = "/crm/customers/cus_crossbox_antwerpen/crm-status";
    for body in [
        json!({"crmStatus": "lead"}),
        json!({"crmStatus": "WON"}),
        json!({"crmStatus": null}),
        json!({"crmStatus": 1}),
        json!({}),
        json!({"status": "LEAD"}),
        json!({"crmStatus": "LEAD", "note": "x"}),
        json!(["LEAD"]),
    ] {
        let r = aa(&fake, "PATCH", path, Some(&body)).await;
        assert_problem(&r, 400, "Bad Request", "2025-03-10T09:00:00Z");
    }
    // No body; broken JSON; a form body.
    let r = aa_raw(&fake, "PATCH", path, None).await;
    assert_problem(&r, 400, "Bad Request", "2025-03-10T09:00:00Z");
    let r = aa_raw(&fake, "PATCH", path, Some("{\"crmStatus\":")).await;
    assert_problem(&r, 400, "Bad Request", "2025-03-10T09:00:00Z");
    let auth = format!("Bearer {DEFAULT_ALPHAALPHA_TOKEN}");
    let r = http_with_headers(
        fake.addr(),
        "PATCH",
        &format!("/alphaalpha/api/v1{path}"),
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        b"crmStatus=LEAD",
    )
    .await;
    assert_problem(&r, 400, "Bad Request", "2025-03-10T09:00:00Z");
    // Unknown customer: 404 (a bad body is a 400 first).
    let good = json!({"crmStatus": "PROSPECT"});
    let r = aa(
        &fake,
        "PATCH",
        "/crm/customers/cus_nope/crm-status",
        Some(&good),
    )
    .await;
    assert_problem(&r, 404, "Not Found", "2025-03-10T09:00:00Z");
    let r = aa(
        &fake,
        "PATCH",
        "/crm/customers/cus_nope/crm-status",
        Some(&json!({"crmStatus": "nope"})),
    )
    .await;
    assert_eq!(r.status, 400);
    let s = fake.snapshot().alphaalpha;
    let c = &s.customers["cus_crossbox_antwerpen"];
    assert_eq!(c.crm_status, CrmStatus::Lead);
    assert_eq!(c.last_write_fields, None);
    assert!(s.writes.is_empty());
    // `Content-Type: application/json; charset=utf-8` is JSON too.
    let r = http_with_headers(
        fake.addr(),
        "PATCH",
        &format!("/alphaalpha/api/v1{path}"),
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json; charset=utf-8"),
        ],
        b"{\"crmStatus\":\"PROSPECT\"}",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

// ---------------------------------------------------------------- next action

#[tokio::test]
async fn next_action_sets_clears_and_drives_overdue() {
    let fake = demo().await;
    let id = "cus_zwembad_brugge";
    let path = format!("/crm/customers/{id}/next-action");
    let overdue = || async {
        ids(&aa(&fake, "GET", "/crm/customers/overdue-actions", None)
            .await
            .json())
    };
    assert!(!overdue().await.contains(&id.to_string()));

    let r = aa(
        &fake,
        "PATCH",
        &path,
        Some(&json!({"nextAction": "Offerte sturen", "nextActionDueDate": "2025-03-10T08:59:59Z"})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["nextAction"], "Offerte sturen");
    assert_eq!(r.json()["nextActionDueDate"], "2025-03-10T08:59:59Z");
    assert_eq!(overdue().await.last().unwrap(), id, "just overdue: last");

    // Exactly now is not overdue; another offset comes back in UTC; a
    // fraction is kept.
    let r = aa(
        &fake,
        "PATCH",
        &path,
        Some(&json!({"nextAction": "Offerte sturen", "nextActionDueDate": "2025-03-10T10:00:00+01:00"})),
    )
    .await;
    assert_eq!(r.json()["nextActionDueDate"], "2025-03-10T09:00:00Z");
    assert!(!overdue().await.contains(&id.to_string()));
    let r = aa(
        &fake,
        "PATCH",
        &path,
        Some(&json!({"nextAction": "Bellen", "nextActionDueDate": "2025-03-12T09:30:00.250Z"})),
    )
    .await;
    assert_eq!(r.json()["nextActionDueDate"], "2025-03-12T09:30:00.250Z");

    // Only the due date sent: the text is cleared (the body is the whole
    // next action), and the record shows what was sent.
    let r = aa(
        &fake,
        "PATCH",
        &path,
        Some(&json!({"nextActionDueDate": "2025-03-14T09:00:00Z"})),
    )
    .await;
    assert_eq!(r.json()["nextAction"], Value::Null);
    assert_eq!(
        fake.snapshot().alphaalpha.customers[id].last_write_fields,
        Some(vec!["nextActionDueDate".to_string()])
    );
    // Explicit nulls clear.
    let r = aa(
        &fake,
        "PATCH",
        &path,
        Some(&json!({"nextAction": null, "nextActionDueDate": null})),
    )
    .await;
    assert_eq!(r.json()["nextActionDueDate"], Value::Null);

    for body in [
        json!({"nextActionDueDate": "2025-03-14"}),
        json!({"nextActionDueDate": "2025-03-14T09:00:00"}),
        json!({"nextActionDueDate": "morgen"}),
        json!({"nextActionDueDate": 1741600000}),
        json!({"nextAction": 5}),
        json!({"nextAction": "x", "dueDate": "2025-03-14T09:00:00Z"}),
    ] {
        let r = aa(&fake, "PATCH", &path, Some(&body)).await;
        assert_problem(&r, 400, "Bad Request", "2025-03-10T09:00:00Z");
    }
    let r = aa_raw(&fake, "PATCH", &path, None).await;
    assert_eq!(r.status, 400, "a body is required");
    let r = aa(
        &fake,
        "PATCH",
        "/crm/customers/cus_nope/next-action",
        Some(&json!({})),
    )
    .await;
    assert_problem(&r, 404, "Not Found", "2025-03-10T09:00:00Z");
    assert_eq!(fake.snapshot().alphaalpha.writes.len(), 5);
}

// ---------------------------------------------------------------- owner, tags

#[tokio::test]
async fn owner_assign_and_remove() {
    let fake = demo().await;
    let id = "cus_zwembad_brugge";
    let r = aa(
        &fake,
        "PATCH",
        &format!("/crm/customers/{id}/owner/usr_an_peeters"),
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["ownerId"], "usr_an_peeters");
    assert_eq!(r.json()["owner"]["displayName"], "An Peeters");
    let my = aa(&fake, "GET", "/crm/customers/my", None).await.json();
    assert_eq!(ids(&my).last().unwrap(), id);

    // Reassign, then remove (twice: the second changes nothing but is fine).
    let r = aa(
        &fake,
        "PATCH",
        &format!("/crm/customers/{id}/owner/usr_lotte_visser"),
        None,
    )
    .await;
    assert_eq!(
        r.json()["owner"],
        json!({"displayName": "Lotte Visser", "id": "usr_lotte_visser", "username": "lotte.visser"})
    );
    assert!(
        !ids(&aa(&fake, "GET", "/crm/customers/my", None).await.json()).contains(&id.to_string())
    );
    for _ in 0..2 {
        let r = aa(&fake, "DELETE", &format!("/crm/customers/{id}/owner"), None).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["ownerId"], Value::Null);
        assert_eq!(r.json()["owner"], Value::Null);
    }

    // Unknown user, unknown customer.
    let r = aa(
        &fake,
        "PATCH",
        &format!("/crm/customers/{id}/owner/usr_nobody"),
        None,
    )
    .await;
    assert_problem(&r, 404, "Not Found", "2025-03-10T09:00:00Z");
    assert!(r.json()["detail"].as_str().unwrap().contains("usr_nobody"));
    let r = aa(
        &fake,
        "PATCH",
        "/crm/customers/cus_nope/owner/usr_an_peeters",
        None,
    )
    .await;
    assert_problem(&r, 404, "Not Found", "2025-03-10T09:00:00Z");
    assert!(r.json()["detail"].as_str().unwrap().contains("cus_nope"));
    let r = aa(&fake, "DELETE", "/crm/customers/cus_nope/owner", None).await;
    assert_problem(&r, 404, "Not Found", "2025-03-10T09:00:00Z");

    let s = fake.snapshot().alphaalpha;
    assert_eq!(s.customers[id].owner_id, None);
    assert_eq!(s.customers[id].last_write_fields, Some(vec![]));
    assert_eq!(
        s.customers[id].last_write_call.as_deref(),
        Some("DELETE /crm/customers/{id}/owner")
    );
    assert_eq!(s.writes.len(), 4);
}

#[tokio::test]
async fn tags_add_and_remove() {
    let fake = demo().await;
    let base = "/crm/customers/cus_crossbox_antwerpen/tags";
    let r = aa(&fake, "POST", &format!("{base}/VIP%20klant"), None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.json()["tags"],
        json!(["crossfit", "beurs-2025", "VIP klant"])
    );
    let r = aa(&fake, "POST", &format!("{base}/crossfit"), None).await;
    assert_eq!(
        r.json()["tags"],
        json!(["crossfit", "beurs-2025", "VIP klant"]),
        "already there: unchanged"
    );
    let r = aa(&fake, "POST", &format!("{base}/CrossFit"), None).await;
    assert_eq!(r.json()["tags"].as_array().unwrap().len(), 4, "case counts");
    let r = aa(&fake, "DELETE", &format!("{base}/beurs-2025"), None).await;
    assert_eq!(
        r.json()["tags"],
        json!(["crossfit", "VIP klant", "CrossFit"])
    );
    let r = aa(&fake, "DELETE", &format!("{base}/nooit"), None).await;
    assert_eq!(r.status, 200, "absent: unchanged");
    assert_eq!(r.json()["tags"].as_array().unwrap().len(), 3);

    let r = aa(&fake, "POST", &format!("{base}/%20"), None).await;
    assert_problem(&r, 400, "Bad Request", "2025-03-10T09:00:00Z");
    let r = aa(&fake, "POST", &format!("{base}/"), None).await;
    assert_problem(&r, 404, "Not Found", "2025-03-10T09:00:00Z");
    let r = aa(&fake, "POST", "/crm/customers/cus_nope/tags/x", None).await;
    assert_problem(&r, 404, "Not Found", "2025-03-10T09:00:00Z");

    let s = fake.snapshot().alphaalpha;
    let args: Vec<&str> = s.writes.iter().map(|w| w.arg.as_deref().unwrap()).collect();
    assert_eq!(
        args,
        ["VIP klant", "crossfit", "CrossFit", "beurs-2025", "nooit"]
    );
    let log = fake.requests_to(Vendor::Alphaalpha);
    assert_eq!(log[0].method, "POST /crm/customers/{id}/tags/{tag}");
    assert_eq!(
        log[0].path,
        "/alphaalpha/api/v1/crm/customers/cus_crossbox_antwerpen/tags/VIP%20klant"
    );
}

// ---------------------------------------------------------------- auth, routes

#[tokio::test]
async fn bearer_token_is_required() {
    let fake = spawn(FakeOptions {
        alphaalpha_token: "alpha-other".into(),
        clock: frozen(2025, 3, 10, 9, 0, 0),
        ..FakeOptions::default()
    })
    .await;
    assert_eq!(fake.credentials().alphaalpha_token, "alpha-other");
    let path = "/alphaalpha/api/v1/crm/customers/my";
    let r = http_with_headers(fake.addr(), "GET", path, &[], b"").await;
    assert_problem(&r, 401, "Unauthorized", "2025-03-10T09:00:00Z");
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    for value in [
        "Bearer alpha-demo-token",
        "Bearer ",
        "alpha-other",
        "Basic YWxwaGEtb3RoZXI6",
        "Token alpha-other",
    ] {
        let r = http_with_headers(fake.addr(), "GET", path, &[("Authorization", value)], b"").await;
        assert_problem(&r, 401, "Unauthorized", "2025-03-10T09:00:00Z");
    }
    // No write without the token; an unknown path is 401 first.
    let r = http_with_headers(
        fake.addr(),
        "DELETE",
        "/alphaalpha/api/v1/crm/customers/cus_fitlab_gent/owner",
        &[("Authorization", "Bearer wrong")],
        b"",
    )
    .await;
    assert_eq!(r.status, 401);
    let r = http_with_headers(fake.addr(), "GET", "/alphaalpha/api/v1/nothing", &[], b"").await;
    assert_eq!(r.status, 401);
    assert!(
        fake.snapshot().alphaalpha.customers["cus_fitlab_gent"]
            .owner_id
            .is_some()
    );
    for value in ["Bearer alpha-other", "bearer alpha-other"] {
        let r = http_with_headers(fake.addr(), "GET", path, &[("Authorization", value)], b"").await;
        assert_eq!(r.status, 200, "{value}: {}", r.body);
    }
    assert_eq!(
        aa(&fake, "GET", "/crm/customers/my", None).await.status,
        200
    );
}

#[tokio::test]
async fn unknown_routes_and_methods() {
    let fake = demo().await;
    for path in [
        "/crm/customers",
        "/crm/customers/",
        "/crm/Customers/cus_fitlab_gent",
        "/crm/customers/cus_fitlab_gent/",
        "/crm/customers/cus_fitlab_gent/extra",
        "/crm/customers/cus_fitlab_gent/owner/usr_an_peeters/x",
        "/crm/customer/cus_fitlab_gent",
        "/customers/cus_fitlab_gent",
    ] {
        let r = aa(&fake, "GET", path, None).await;
        assert_problem(&r, 404, "Not Found", "2025-03-10T09:00:00Z");
    }
    let auth = format!("Bearer {DEFAULT_ALPHAALPHA_TOKEN}");
    for path in [
        "/alphaalpha/api/v2/crm/customers/my",
        "/alphaalpha/crm/customers/my",
    ] {
        let r = http_with_headers(fake.addr(), "GET", path, &[("Authorization", &auth)], b"").await;
        assert_problem(&r, 404, "Not Found", "2025-03-10T09:00:00Z");
    }
    for (method, path, allow) in [
        ("PATCH", "/crm/customers/cus_fitlab_gent", "GET"),
        ("DELETE", "/crm/customers/cus_fitlab_gent", "GET"),
        ("PUT", "/crm/customers/cus_fitlab_gent/crm-status", "PATCH"),
        ("GET", "/crm/customers/cus_fitlab_gent/next-action", "PATCH"),
        ("PATCH", "/crm/customers/cus_fitlab_gent/owner", "DELETE"),
        (
            "DELETE",
            "/crm/customers/cus_fitlab_gent/owner/usr_an_peeters",
            "PATCH",
        ),
        (
            "GET",
            "/crm/customers/cus_fitlab_gent/tags/gym",
            "POST, DELETE",
        ),
        ("PATCH", "/crm/customers/my", "GET"),
        ("POST", "/crm/customers/overdue-actions", "GET"),
    ] {
        let r = aa(&fake, method, path, Some(&json!({}))).await;
        assert_problem(&r, 405, "Method Not Allowed", "2025-03-10T09:00:00Z");
        assert_eq!(r.header("allow"), Some(allow), "{method} {path}");
    }
    // `my` and `overdue-actions` are never customer ids on GET; elsewhere
    // they are (and unknown).
    let r = aa(
        &fake,
        "PATCH",
        "/crm/customers/my/crm-status",
        Some(&json!({"crmStatus": "LEAD"})),
    )
    .await;
    assert_problem(&r, 404, "Not Found", "2025-03-10T09:00:00Z");
    assert!(fake.snapshot().alphaalpha.writes.is_empty());
}

// ---------------------------------------------------------------- faults

#[tokio::test]
async fn status_and_rate_limit_faults_have_no_effect() {
    let fake = demo().await;
    fake.inject(
        Fault::new(Vendor::Alphaalpha, FaultKind::Status)
            .method("patch /CRM/customers/{ID}/crm-status")
            .status(502),
    );
    fake.inject(
        Fault::new(Vendor::Alphaalpha, FaultKind::RateLimit)
            .method("PATCH /crm/customers/{id}/crm-status")
            .retry_after_s(7),
    );
    let path = "/crm/customers/cus_crossbox_antwerpen/crm-status";
    let body = json!({"crmStatus": "PROSPECT"});
    // Another call is not the faulted one.
    assert_eq!(
        aa(&fake, "GET", "/crm/customers/cus_crossbox_antwerpen", None)
            .await
            .status,
        200
    );
    let r = aa(&fake, "PATCH", path, Some(&body)).await;
    assert_eq!(r.status, 502);
    let r = aa(&fake, "PATCH", path, Some(&body)).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("7"));
    let s = fake.snapshot().alphaalpha;
    assert_eq!(
        s.customers["cus_crossbox_antwerpen"].crm_status,
        CrmStatus::Lead,
        "no effect"
    );
    assert!(s.writes.is_empty());
    let r = aa(&fake, "PATCH", path, Some(&body)).await;
    assert_eq!(r.status, 200, "faults used up");
    let faults: Vec<Option<FaultKind>> = fake
        .requests_to(Vendor::Alphaalpha)
        .iter()
        .map(|r| r.fault)
        .collect();
    assert_eq!(
        faults,
        [
            None,
            Some(FaultKind::Status),
            Some(FaultKind::RateLimit),
            None
        ]
    );
}

#[tokio::test]
async fn malformed_cuts_the_body_but_the_write_lands() {
    let fake = demo().await;
    fake.inject(
        Fault::new(Vendor::Alphaalpha, FaultKind::Malformed)
            .method("POST /crm/customers/{id}/tags/{tag}"),
    );
    let r = aa(
        &fake,
        "POST",
        "/crm/customers/cus_zwembad_brugge/tags/zwembad",
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(
        serde_json::from_str::<Value>(&r.body).is_err(),
        "{}",
        r.body
    );
    assert!(r.body.starts_with("{\"avatar\":"), "{}", r.body);
    let c = &fake.snapshot().alphaalpha.customers["cus_zwembad_brugge"];
    assert_eq!(c.tags, ["zwembad"]);
    assert_eq!(
        c.last_write_call.as_deref(),
        Some("POST /crm/customers/{id}/tags/{tag}")
    );

    // A list, cut.
    fake.inject(
        Fault::new(Vendor::Alphaalpha, FaultKind::Malformed).method("GET /crm/customers/my"),
    );
    let r = aa(&fake, "GET", "/crm/customers/my", None).await;
    assert_eq!(r.status, 200);
    assert!(r.body.starts_with("[{"));
    assert!(serde_json::from_str::<Value>(&r.body).is_err());
}

#[tokio::test]
async fn failed_status_is_the_vendors_problem_body() {
    let fake = demo().await;
    fake.inject(
        Fault::new(Vendor::Alphaalpha, FaultKind::FailedStatus)
            .method("PATCH /crm/customers/{id}/next-action"),
    );
    let r = aa(
        &fake,
        "PATCH",
        "/crm/customers/cus_fitlab_gent/next-action",
        Some(&json!({"nextAction": "Nooit"})),
    )
    .await;
    assert_problem(&r, 400, "Bad Request", "2025-03-10T09:00:00Z");
    assert!(r.json()["detail"].as_str().unwrap().contains("fake fault"));
    let c = &fake.snapshot().alphaalpha.customers["cus_fitlab_gent"];
    assert_eq!(c.next_action.as_deref(), Some("Kwartaalreview plannen"));
    assert_eq!(c.last_write_fields, None, "no effect");
}

#[tokio::test]
async fn slow_delays_then_answers_and_counts_concurrency() {
    let fake = demo().await;
    fake.inject(
        Fault::new(Vendor::Alphaalpha, FaultKind::Slow)
            .method("GET /crm/customers/{id}")
            .ms(300)
            .times(3),
    );
    let started = Instant::now();
    let call = || aa(&fake, "GET", "/crm/customers/cus_fitlab_gent", None);
    let (a, b, c) = tokio::join!(call(), call(), call());
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(
        [a, b, c]
            .iter()
            .all(|r| r.status == 200 && r.json()["id"] == "cus_fitlab_gent")
    );
    let c = fake.concurrency(Vendor::Alphaalpha);
    assert_eq!(c.in_flight, 0);
    assert_eq!(c.max_in_flight, 3);
    assert_eq!(fake.concurrency(Vendor::Overplane).max_in_flight, 0);
}

#[tokio::test]
async fn after_lets_calls_through_first_and_no_method_means_any() {
    let fake = demo().await;
    fake.inject(
        Fault::new(Vendor::Alphaalpha, FaultKind::Status)
            .method("GET /crm/customers/by-status/{status}")
            .after(2),
    );
    let mut statuses = Vec::new();
    for s in ["LEAD", "PROSPECT", "ACTIVE", "CUSTOMER"] {
        let path = format!("/crm/customers/by-status/{s}");
        statuses.push(aa(&fake, "GET", &path, None).await.status);
    }
    assert_eq!(statuses, [200, 200, 503, 200]);

    // No method: the next call of the vendor, whatever it is; other
    // vendors untouched.
    fake.inject(Fault::new(Vendor::Alphaalpha, FaultKind::Status).status(500));
    let r = op(&fake, "GET", "/api/crm/prospect/prospect_abc123", None).await;
    assert_eq!(r.status, 200);
    let r = aa(
        &fake,
        "DELETE",
        "/crm/customers/cus_fitlab_gent/tags/gym",
        None,
    )
    .await;
    assert_eq!(r.status, 500);
    assert!(fake.pending_faults().is_empty());
    // Every documented call has its name in the log.
    let logged: BTreeSet<String> = fake
        .requests_to(Vendor::Alphaalpha)
        .iter()
        .map(|r| r.method.clone())
        .collect();
    assert!(
        logged.iter().all(|m| CALLS.contains(&m.as_str())),
        "{logged:?}"
    );
}

// ---------------------------------------------------------------- log, control

#[tokio::test]
async fn request_log_has_the_call_but_never_the_token() {
    let fake = demo().await;
    aa(&fake, "GET", "/crm/customers/by-owner/usr_an_peeters", None).await;
    aa(
        &fake,
        "PATCH",
        "/crm/customers/cus_fitlab_gent/next-action",
        Some(&json!({"nextActionDueDate": "2025-03-20T09:00:00Z", "nextAction": "Bellen"})),
    )
    .await;
    http_with_headers(
        fake.addr(),
        "GET",
        "/alphaalpha/api/v1/crm/customers/my",
        &[],
        b"",
    )
    .await;
    aa(&fake, "GET", "/crm/nothing?x=1", None).await;
    let log = fake.requests_to(Vendor::Alphaalpha);
    assert_eq!(log.len(), 4);
    assert_eq!(log[0].http_method, "GET");
    assert_eq!(
        log[0].path,
        "/alphaalpha/api/v1/crm/customers/by-owner/usr_an_peeters"
    );
    assert_eq!(log[0].method, "GET /crm/customers/by-owner/{ownerId}");
    assert_eq!(log[0].status, Some(200));
    assert_eq!(log[0].header("authorization"), Some("Bearer <redacted>"));
    assert_eq!(log[1].method, "PATCH /crm/customers/{id}/next-action");
    assert_eq!(
        log[1].params,
        [
            ("nextAction".to_string(), "Bellen".to_string()),
            (
                "nextActionDueDate".to_string(),
                "2025-03-20T09:00:00Z".to_string()
            ),
        ]
    );
    assert_eq!(log[2].header("authorization"), None);
    assert_eq!(log[2].status, Some(401));
    assert_eq!(log[3].method, "GET /crm/nothing");
    assert_eq!(log[3].param("x"), Some("1"));
    assert_eq!(log[3].status, Some(404));
    let everything = serde_json::to_string(&fake.requests()).unwrap();
    assert!(
        !everything.contains(DEFAULT_ALPHAALPHA_TOKEN),
        "{everything}"
    );
    let r = get(&fake, "/_fake/requests?vendor=alphaalpha").await.json();
    assert_eq!(r.as_array().unwrap().len(), 4);
    assert_eq!(r[0]["vendor"], "alphaalpha");
}

#[tokio::test]
async fn control_state_reset_and_base_url() {
    let fake = demo().await;
    let port = fake.addr().port();
    assert_eq!(
        fake.base_url_alphaalpha(),
        format!("http://127.0.0.1:{port}/alphaalpha/api/v1")
    );
    assert_eq!(fake.credentials().alphaalpha_token, "alpha-demo-token");
    let state = get(&fake, "/_fake/state").await.json();
    let s = &state["alphaalpha"];
    assert_eq!(s["token_user_id"], "usr_an_peeters");
    assert_eq!(s["customers"]["string"]["crmStatus"], "LEAD");
    assert_eq!(s["customers"]["string"]["last_write_fields"], Value::Null);
    assert_eq!(s["customers"].as_object().unwrap().len(), 9);
    assert_eq!(
        s["users"]["usr_lotte_visser"]["displayName"],
        "Lotte Visser"
    );
    assert!(s["opportunities"]["opp_fitlab_pro"].is_object());
    assert!(s["activities"]["act_koepel_intake"].is_object());
    let index = get(&fake, "/_fake").await.json();
    assert_eq!(index["alphaalpha"]["path"], "/alphaalpha/api/v1");
    assert_eq!(index["alphaalpha"]["token"], "alpha-demo-token");
    let c = get(&fake, "/_fake/concurrency").await.json();
    assert_eq!(c["alphaalpha"]["in_flight"], 0);

    // A fault over HTTP, by the documented JSON form.
    let r = http(
        fake.addr(),
        "POST",
        "/_fake/faults",
        Some("application/json"),
        json!({"vendor": "alphaalpha", "method": "DELETE /crm/customers/{id}/owner", "kind": "status", "status": 500})
            .to_string()
            .as_bytes(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let r = aa(
        &fake,
        "DELETE",
        "/crm/customers/cus_fitlab_gent/owner",
        None,
    )
    .await;
    assert_eq!(r.status, 500);

    aa(
        &fake,
        "DELETE",
        "/crm/customers/cus_fitlab_gent/owner",
        None,
    )
    .await;
    aa(
        &fake,
        "PATCH",
        "/crm/customers/cus_koepel_utrecht/crm-status",
        Some(&json!({"crmStatus": "ACTIVE"})),
    )
    .await;
    let s = fake.snapshot().alphaalpha;
    assert_eq!(s.customers["cus_fitlab_gent"].owner_id, None);
    assert_eq!(s.writes.len(), 2);
    let r = http(fake.addr(), "POST", "/_fake/reset", None, b"").await;
    assert_eq!(r.status, 204);
    let s = fake.snapshot().alphaalpha;
    assert_eq!(
        s.customers["cus_fitlab_gent"].owner_id.as_deref(),
        Some("usr_an_peeters")
    );
    assert_eq!(
        s.customers["cus_koepel_utrecht"].crm_status,
        CrmStatus::Prospect
    );
    assert_eq!(s.customers["cus_koepel_utrecht"].last_write_fields, None);
    assert!(s.writes.is_empty());
}

#[tokio::test]
async fn demo_and_generated_data() {
    let fake = spawn(FakeOptions {
        generated_alphaalpha_customers: 12,
        clock: frozen_at(instant(NOW)),
        ..FakeOptions::default()
    })
    .await;
    let s = fake.snapshot().alphaalpha;
    assert_eq!(s.customers.len(), 9 + 12);
    // Every status, several owners, tags, next actions, contacts,
    // opportunities with payment schedules, activities.
    let statuses: BTreeSet<CrmStatus> = s
        .customers
        .values()
        .filter(|c| !c.id.starts_with("cus_gen_"))
        .map(|c| c.crm_status)
        .collect();
    assert_eq!(statuses.len(), 6);
    let owners: BTreeSet<Option<String>> =
        s.customers.values().map(|c| c.owner_id.clone()).collect();
    assert!(owners.len() >= 5, "{owners:?}");
    assert!(
        s.opportunities
            .values()
            .all(|o| !o.payment_schedule.is_empty())
    );
    assert!(s.activities.len() >= 5);
    // The samples' records are the samples.
    assert_eq!(s.customers["string"], sample_customer());
    assert_eq!(s.opportunities["string"], sample_opportunity());
    assert_eq!(s.activities["string"], sample_activity());
    // Generated customers are the same every time.
    let g = &s.customers["cus_gen_000002"];
    assert_eq!(g, &generated_customer(2));
    assert_eq!(g.crm_status, CrmStatus::Prospect);
    assert_eq!(g.created.to_rfc3339(), "2023-06-01T00:01:00+00:00");
    assert!(!g.name.is_empty() && !g.contacts.is_empty() && !g.tags.is_empty());
    assert!(s.customers["cus_gen_000004"].next_action_due_date.is_some());
    // Each demo status has its list.
    for status in CrmStatus::ALL {
        let path = format!("/crm/customers/by-status/{}", status.as_str());
        let list = aa(&fake, "GET", &path, None).await.json();
        assert!(!list.as_array().unwrap().is_empty(), "{status:?}");
    }

    // Empty: no customers, the users stay.
    let empty = spawn(FakeOptions {
        seed: Seed::Empty,
        ..FakeOptions::default()
    })
    .await;
    let s = empty.snapshot().alphaalpha;
    assert!(s.customers.is_empty() && s.opportunities.is_empty() && s.activities.is_empty());
    assert_eq!(s.users.len(), 4);
    for path in [
        "/crm/customers/my",
        "/crm/customers/overdue-actions",
        "/crm/customers/by-status/LEAD",
    ] {
        assert_eq!(aa(&empty, "GET", path, None).await.json(), json!([]));
    }
}
