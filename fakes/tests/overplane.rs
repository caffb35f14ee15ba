//! The Overplane fake against seed 001, over real HTTP: its samples
//! round-trip, paging, create / PATCH / DELETE semantics, the child objects
//! and `reorder`, the bearer token, every fault kind and the request log.

mod common;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use common::*;
use frontdesk_fakes::overplane::{generated_prospect, sample_prospect};
use frontdesk_fakes::{
    ClockSettings, DEFAULT_OVERPLANE_TOKEN, FakeOptions, FakeVendors, Fault, FaultKind, Seed,
    Vendor, spawn,
};
use serde_json::{Value, json};

/// A seed sample, with the document's `09: 30: 00` rendering artifact read
/// as `09:30:00`.
fn sample_json(name: &str) -> Value {
    let text = sample(&format!("overplane/{name}")).replace("09: 30: 00", "09:30:00");
    serde_json::from_str(&text).unwrap()
}

/// The keys of a JSON object in the order they are written.
fn keys_in_order(body: &str) -> Vec<String> {
    // Walk the text: a string immediately followed by ':' at depth 1.
    let mut keys = Vec::new();
    let bytes = body.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth -= 1,
            b'"' => {
                let start = i + 1;
                i += 1;
                while bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                let rest = body[i + 1..].trim_start();
                if depth == 1 && rest.starts_with(':') {
                    keys.push(body[start..i].to_string());
                }
            }
            _ => {}
        }
        i += 1;
    }
    keys
}

fn frozen(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> ClockSettings {
    ClockSettings {
        frozen: Some(Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()),
        offset_s: 0,
    }
}

async fn demo() -> FakeVendors {
    spawn(FakeOptions {
        clock: frozen(2025, 3, 10, 9, 0, 0),
        ..FakeOptions::default()
    })
    .await
}

async fn empty() -> FakeVendors {
    spawn(FakeOptions {
        seed: Seed::Empty,
        clock: frozen(2025, 3, 10, 9, 0, 0),
        ..FakeOptions::default()
    })
    .await
}

fn assert_error(r: &HttpResponse, status: u16, code: &str, param: Option<&str>) {
    assert_eq!(r.status, status, "{}", r.body);
    assert!(
        r.header("content-type")
            .unwrap()
            .starts_with("application/json"),
        "{:?}",
        r.headers
    );
    let e = r.json();
    assert_eq!(e["error"]["code"], code, "{}", r.body);
    assert_eq!(e["error"]["param"], json!(param), "{}", r.body);
    assert!(
        !e["error"]["message"].as_str().unwrap().is_empty(),
        "{}",
        r.body
    );
    assert_eq!(
        e.as_object().unwrap().len(),
        1,
        "only `error` at the top: {}",
        r.body
    );
}

// ---------------------------------------------------------------- samples

#[tokio::test]
async fn retrieve_is_the_sample_field_for_field() {
    let fake = demo().await;
    // The seed's curl: GET /api/crm/prospect/prospect_abc123 with the bearer.
    let r = op(&fake, "GET", "/api/crm/prospect/prospect_abc123", None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    assert_eq!(r.json(), sample_json("retrieve_prospect.json"));
    assert_eq!(r.json(), sample_json("prospect.json"));
    // The sample's field order too, and `annual_revenue` the integer 0.
    assert_eq!(
        keys_in_order(&r.body),
        keys_in_order(&sample("overplane/prospect.json"))
    );
    assert!(r.body.contains("\"annual_revenue\":0,"), "{}", r.body);
    assert!(r.body.contains("\"created_at\":\"2024-01-15T09:30:00Z\""));
}

#[tokio::test]
async fn list_is_the_sample() {
    let fake = empty().await;
    fake.state().overplane.insert_prospect(sample_prospect());
    let r = op(&fake, "GET", "/api/crm/prospect", None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), sample_json("list_prospects.json"));
    assert_eq!(keys_in_order(&r.body), ["data", "has_more", "total"]);
}

#[tokio::test]
async fn create_is_the_sample() {
    // At the sample's instant, the sample's fields make the sample's answer;
    // only the id is the fake's own.
    let fake = spawn(FakeOptions {
        seed: Seed::Empty,
        clock: frozen(2024, 1, 15, 9, 30, 0),
        ..FakeOptions::default()
    })
    .await;
    let mut body = sample_json("prospect.json");
    let obj = body.as_object_mut().unwrap();
    for k in ["id", "created_at", "updated_at"] {
        obj.remove(k);
    }
    let r = op(&fake, "POST", "/api/crm/prospect", Some(&body)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mut got = r.json();
    let id = got["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("prospect_") && id.len() > "prospect_".len());
    got["id"] = json!("prospect_abc123");
    assert_eq!(got, sample_json("create_prospect.json"));
    assert_eq!(
        keys_in_order(&r.body),
        keys_in_order(&sample("overplane/create_prospect.json"))
    );
    // Stored, retrievable, listed.
    let r = op(&fake, "GET", &format!("/api/crm/prospect/{id}"), None).await;
    assert_eq!(r.json()["company"], "Example Corp");
    assert_eq!(
        op(&fake, "GET", "/api/crm/prospect", None).await.json()["total"],
        1
    );
}

#[tokio::test]
async fn create_with_the_curl_body_fills_only_company() {
    let fake = empty().await;
    let body = sample_json("create_prospect_request.json");
    let r = op(&fake, "POST", "/api/crm/prospect", Some(&body)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let p = r.json();
    assert_eq!(p["company"], "Example Corp");
    assert_eq!(p["created_at"], "2025-03-10T09:00:00Z");
    assert_eq!(p["updated_at"], "2025-03-10T09:00:00Z");
    // Every field is present; the ones never set are null.
    assert_eq!(keys_in_order(&r.body).len(), 14);
    for k in [
        "company_name",
        "industry",
        "annual_revenue",
        "fax",
        "website",
    ] {
        assert_eq!(p[k], Value::Null, "{k}");
    }
    let id = p["id"].as_str().unwrap();
    let state = fake.snapshot().overplane;
    assert_eq!(state.prospects[id].last_patch_fields, None);
    assert_eq!(state.writes.len(), 1);
    assert_eq!(state.writes[0].call, "POST prospect");
    assert_eq!(state.writes[0].fields, ["company"]);
}

#[tokio::test]
async fn delete_is_the_sample_and_takes_the_children_along() {
    let fake = demo().await;
    let r = op(&fake, "DELETE", "/api/crm/prospect/prospect_abc123", None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), sample_json("delete_prospect.json"));
    assert_eq!(keys_in_order(&r.body), ["id", "deleted"]);
    let r = op(&fake, "GET", "/api/crm/prospect/prospect_abc123", None).await;
    assert_error(&r, 404, "resource_missing", Some("id"));
    let r = op(&fake, "DELETE", "/api/crm/prospect/prospect_abc123", None).await;
    assert_error(&r, 404, "resource_missing", Some("id"));

    // A demo prospect with 2 leads and 2 opportunities.
    let before = fake.snapshot().overplane;
    assert_eq!(before.leads_of("prospect_fitlab_gent").len(), 2);
    assert_eq!(before.opportunities_of("prospect_fitlab_gent").len(), 2);
    let r = op(
        &fake,
        "DELETE",
        "/api/crm/prospect/prospect_fitlab_gent",
        None,
    )
    .await;
    assert_eq!(
        r.json(),
        json!({"id": "prospect_fitlab_gent", "deleted": true})
    );
    let after = fake.snapshot().overplane;
    assert!(after.leads_of("prospect_fitlab_gent").is_empty());
    assert!(after.opportunities_of("prospect_fitlab_gent").is_empty());
    assert_eq!(
        after.prospect_leads.len(),
        before.prospect_leads.len() - 2,
        "other prospects' leads stay"
    );
}

// ---------------------------------------------------------------- paging

#[tokio::test]
async fn paging_newest_first_across_pages() {
    let fake = spawn(FakeOptions {
        seed: Seed::Empty,
        generated_overplane_prospects: 45,
        clock: frozen(2025, 3, 10, 9, 0, 0),
        ..FakeOptions::default()
    })
    .await;
    // Default limit 20.
    let first = op(&fake, "GET", "/api/crm/prospect", None).await.json();
    assert_eq!(first["data"].as_array().unwrap().len(), 20);
    assert_eq!(first["has_more"], true);
    assert_eq!(first["total"], 45);
    assert_eq!(first["data"][0]["id"], "prospect_gen_000045");

    let mut seen = Vec::new();
    let mut offset = 0;
    let mut pages = Vec::new();
    loop {
        let r = op(
            &fake,
            "GET",
            &format!("/api/crm/prospect?limit=20&offset={offset}"),
            None,
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let page = r.json();
        assert_eq!(page["total"], 45);
        let data = page["data"].as_array().unwrap().clone();
        pages.push((data.len(), page["has_more"].as_bool().unwrap()));
        for p in &data {
            seen.push((
                p["created_at"].as_str().unwrap().to_string(),
                p["id"].as_str().unwrap().to_string(),
            ));
        }
        offset += data.len();
        if page["has_more"] == false {
            break;
        }
    }
    assert_eq!(pages, [(20, true), (20, true), (5, false)]);
    assert_eq!(seen.len(), 45);
    let unique: BTreeSet<_> = seen.iter().map(|(_, id)| id.clone()).collect();
    assert_eq!(unique.len(), 45);
    let mut sorted = seen.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(seen, sorted, "newest created first");
    assert_eq!(seen[44].1, "prospect_gen_000001");
    assert_eq!(seen[44].0, "2023-06-01T00:00:00Z");
    assert_eq!(seen[43].0, "2023-06-01T00:01:00Z", "one minute apart");

    // The last page exactly, and past the end.
    let r = op(&fake, "GET", "/api/crm/prospect?offset=40&limit=5", None).await;
    assert_eq!(
        (
            r.json()["data"].as_array().unwrap().len(),
            r.json()["has_more"].clone()
        ),
        (5, json!(false))
    );
    let r = op(&fake, "GET", "/api/crm/prospect?offset=100", None).await;
    assert_eq!(
        r.json(),
        json!({"data": [], "has_more": false, "total": 45})
    );
    let r = op(&fake, "GET", "/api/crm/prospect?limit=100", None).await;
    assert_eq!(r.json()["data"].as_array().unwrap().len(), 45);
}

#[tokio::test]
async fn bad_paging_parameters_are_400() {
    let fake = demo().await;
    for (query, param) in [
        ("limit=abc", "limit"),
        ("limit=-1", "limit"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=", "limit"),
        ("limit=2.5", "limit"),
        ("offset=-1", "offset"),
        ("offset=x", "offset"),
    ] {
        let r = op(&fake, "GET", &format!("/api/crm/prospect?{query}"), None).await;
        assert_error(&r, 400, "parameter_invalid", Some(param));
    }
    let r = op(&fake, "GET", "/api/crm/prospect?page=2", None).await;
    assert_error(&r, 400, "parameter_unknown", Some("page"));
}

#[tokio::test]
async fn equal_created_at_breaks_ties_later_created_first() {
    let fake = empty().await; // frozen clock: both creates get the same second
    let a = op(
        &fake,
        "POST",
        "/api/crm/prospect",
        Some(&json!({"company": "A"})),
    )
    .await;
    let b = op(
        &fake,
        "POST",
        "/api/crm/prospect",
        Some(&json!({"company": "B"})),
    )
    .await;
    assert_eq!(a.json()["created_at"], b.json()["created_at"]);
    let list = op(&fake, "GET", "/api/crm/prospect", None).await.json();
    let companies: Vec<&str> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["company"].as_str().unwrap())
        .collect();
    assert_eq!(companies, ["B", "A"]);
}

// ---------------------------------------------------------------- create

#[tokio::test]
async fn create_requires_company_and_known_well_typed_fields() {
    let fake = empty().await;
    let cases = [
        (json!({}), 400, "parameter_missing", "company"),
        (
            json!({"company_name": "X"}),
            400,
            "parameter_missing",
            "company",
        ),
        (json!({"company": ""}), 400, "parameter_missing", "company"),
        (
            json!({"company": "  "}),
            400,
            "parameter_missing",
            "company",
        ),
        (
            json!({"company": null}),
            400,
            "parameter_missing",
            "company",
        ),
        (json!({"company": 7}), 400, "parameter_invalid", "company"),
        (
            json!({"company": "X", "annual_revenue": "lots"}),
            400,
            "parameter_invalid",
            "annual_revenue",
        ),
        (
            json!({"company": "X", "no_of_employees": 12}),
            400,
            "parameter_invalid",
            "no_of_employees",
        ),
        (
            json!({"company": "X", "email": "a@b.example"}),
            400,
            "parameter_unknown",
            "email",
        ),
        (
            json!({"company": "X", "id": "prospect_mine"}),
            400,
            "parameter_unknown",
            "id",
        ),
        (
            json!({"company": "X", "created_at": "2024-01-01T00:00:00Z"}),
            400,
            "parameter_unknown",
            "created_at",
        ),
    ];
    for (body, status, code, param) in cases {
        let r = op(&fake, "POST", "/api/crm/prospect", Some(&body)).await;
        assert_error(&r, status, code, Some(param));
    }
    // No body at all is `{}`; a body that is not a JSON object is invalid_json.
    let r = op(&fake, "POST", "/api/crm/prospect", None).await;
    assert_error(&r, 400, "parameter_missing", Some("company"));
    let r = op(
        &fake,
        "POST",
        "/api/crm/prospect",
        Some(&json!(["company"])),
    )
    .await;
    assert_error(&r, 400, "invalid_json", None);
    let auth = format!("Bearer {DEFAULT_OVERPLANE_TOKEN}");
    let r = http_with_headers(
        fake.addr(),
        "POST",
        "/overplane/api/crm/prospect",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        b"{\"company\":",
    )
    .await;
    assert_error(&r, 400, "invalid_json", None);
    let r = http_with_headers(
        fake.addr(),
        "POST",
        "/overplane/api/crm/prospect",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        b"company=X",
    )
    .await;
    assert_error(&r, 400, "invalid_json", None);
    assert!(
        fake.snapshot().overplane.prospects.is_empty(),
        "nothing stored"
    );

    // `Content-Type: application/json; charset=utf-8` is JSON too.
    let r = http_with_headers(
        fake.addr(),
        "POST",
        "/overplane/api/crm/prospect",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json; charset=utf-8"),
        ],
        "{\"company\":\"Zoë's Gym\",\"annual_revenue\":1250000.5}".as_bytes(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["company"], "Zoë's Gym");
    assert!(
        r.body.contains("\"annual_revenue\":1250000.5"),
        "{}",
        r.body
    );
}

// ---------------------------------------------------------------- PATCH

#[tokio::test]
async fn patch_is_the_sample_and_changes_only_the_sent_fields() {
    let fake = demo().await;
    let before = fake.snapshot().overplane.prospects["prospect_abc123"].clone();
    let body = sample_json("update_prospect_request.json");
    let r = op(
        &fake,
        "PATCH",
        "/api/crm/prospect/prospect_abc123",
        Some(&body),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mut got = r.json();
    // updated_at is the fake's clock; everything else is the sample.
    assert_eq!(got["updated_at"], "2025-03-10T09:00:00Z");
    got["updated_at"] = json!("2024-01-15T09:30:00Z");
    assert_eq!(got, sample_json("update_prospect.json"));
    let after = fake.snapshot().overplane.prospects["prospect_abc123"].clone();
    assert_eq!(
        after.last_patch_fields.as_deref(),
        Some(&["company_name".to_string(), "industry".to_string()][..])
    );

    // A real change: only `industry` and `website` move; `fax: null` clears.
    let r = op(
        &fake,
        "PATCH",
        "/api/crm/prospect/prospect_abc123",
        Some(&json!({"industry": "Fitness", "website": "https://example.com", "fax": null})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let p = r.json();
    assert_eq!(p["industry"], "Fitness");
    assert_eq!(p["website"], "https://example.com");
    assert_eq!(p["fax"], Value::Null);
    assert_eq!(p["company_name"], "Example Corp");
    assert_eq!(p["annual_revenue"], 0);
    assert_eq!(p["created_at"], "2024-01-15T09:30:00Z");
    let state = fake.snapshot().overplane;
    let now = &state.prospects["prospect_abc123"];
    assert_eq!(
        now.last_patch_fields,
        Some(vec!["fax".into(), "industry".into(), "website".into()])
    );
    assert_eq!(now.fax, None);
    assert_eq!(now.market_segment, before.market_segment);
    assert_eq!(now.created_at, before.created_at);
    let patches: Vec<_> = state
        .writes
        .iter()
        .filter(|w| w.call == "PATCH prospect")
        .map(|w| (w.id.as_str(), w.fields.len()))
        .collect();
    assert_eq!(patches, [("prospect_abc123", 2), ("prospect_abc123", 3)]);

    // An empty PATCH touches only updated_at.
    fake.set_clock(frozen(2025, 3, 11, 8, 0, 0));
    let r = op(
        &fake,
        "PATCH",
        "/api/crm/prospect/prospect_abc123",
        Some(&json!({})),
    )
    .await;
    assert_eq!(r.json()["updated_at"], "2025-03-11T08:00:00Z");
    assert_eq!(
        fake.snapshot().overplane.prospects["prospect_abc123"].last_patch_fields,
        Some(vec![])
    );
}

#[tokio::test]
async fn patch_errors() {
    let fake = demo().await;
    let r = op(
        &fake,
        "PATCH",
        "/api/crm/prospect/prospect_nope",
        Some(&json!({"industry": "x"})),
    )
    .await;
    assert_error(&r, 404, "resource_missing", Some("id"));
    for (body, code, param) in [
        (json!({"company": null}), "parameter_missing", "company"),
        (json!({"company": ""}), "parameter_missing", "company"),
        (json!({"colour": "red"}), "parameter_unknown", "colour"),
        (
            json!({"updated_at": "2020-01-01T00:00:00Z"}),
            "parameter_unknown",
            "updated_at",
        ),
        (
            json!({"annual_revenue": "0"}),
            "parameter_invalid",
            "annual_revenue",
        ),
    ] {
        let r = op(
            &fake,
            "PATCH",
            "/api/crm/prospect/prospect_abc123",
            Some(&body),
        )
        .await;
        assert_error(&r, 400, code, Some(param));
    }
    let p = &fake.snapshot().overplane.prospects["prospect_abc123"];
    assert_eq!(p.last_patch_fields, None, "failed PATCHes change nothing");
    assert_eq!(p.company, "Example Corp");
    assert_eq!(p.updated_at.to_rfc3339(), "2024-01-15T09:30:00+00:00");
}

// ---------------------------------------------------------------- children

#[tokio::test]
async fn leads_crud_and_reorder() {
    let fake = demo().await;
    async fn list(fake: &FakeVendors) -> HttpResponse {
        op(
            fake,
            "GET",
            "/api/crm/prospect-lead?parent_id=prospect_fitlab_gent",
            None,
        )
        .await
    }
    let r = list(&fake).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let l = r.json();
    assert_eq!(l["total"], 2);
    assert_eq!(l["has_more"], false);
    assert_eq!(l["data"][0]["id"], "prospect-lead_fitlab_1");
    assert_eq!(l["data"][0]["idx"], 1);
    assert_eq!(l["data"][1]["idx"], 2);
    assert_eq!(keys_in_order(&r.body), ["data", "has_more", "total"]);

    // Create with the sample's values (its prospect_id names no prospect).
    let mut body = sample_json("prospect_lead.json");
    let obj = body.as_object_mut().unwrap();
    obj.remove("id");
    obj.remove("idx");
    obj.insert("prospect_id".into(), json!("prospect_fitlab_gent"));
    let r = op(&fake, "POST", "/api/crm/prospect-lead", Some(&body)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let created = r.json();
    let id = created["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("prospect-lead_"), "{id}");
    assert_eq!(created["idx"], 3, "last + 1");
    let mut expected = sample_json("prospect_lead.json");
    expected["id"] = json!(id);
    expected["idx"] = json!(3);
    expected["prospect_id"] = json!("prospect_fitlab_gent");
    assert_eq!(created, expected);
    assert_eq!(
        keys_in_order(&r.body),
        keys_in_order(&sample("overplane/prospect_lead.json"))
    );

    // Required fields, unknown parent, read-only idx.
    for (body, status, code, param) in [
        (
            json!({"lead": "L"}),
            400,
            "parameter_missing",
            "prospect_id",
        ),
        (
            json!({"prospect_id": "prospect_fitlab_gent"}),
            400,
            "parameter_missing",
            "lead",
        ),
        (
            json!({"prospect_id": "prospect_fitlab_gent", "lead": ""}),
            400,
            "parameter_missing",
            "lead",
        ),
        (
            json!({"prospect_id": "prospect_nope", "lead": "L"}),
            404,
            "resource_missing",
            "prospect_id",
        ),
        (
            json!({"prospect_id": "prospect_fitlab_gent", "lead": "L", "idx": 1}),
            400,
            "parameter_unknown",
            "idx",
        ),
        (
            json!({"prospect_id": "prospect_fitlab_gent", "lead": "L", "amount": 1}),
            400,
            "parameter_unknown",
            "amount",
        ),
    ] {
        let r = op(&fake, "POST", "/api/crm/prospect-lead", Some(&body)).await;
        assert_error(&r, status, code, Some(param));
    }

    // PATCH: partial, recorded; moving to another prospect is refused.
    let r = op(
        &fake,
        "PATCH",
        &format!("/api/crm/prospect-lead/{id}"),
        Some(&json!({"status": "Open", "mobile_no": null})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["status"], "Open");
    assert_eq!(r.json()["mobile_no"], Value::Null);
    assert_eq!(r.json()["email"], "user@example.com");
    assert_eq!(r.json()["idx"], 3);
    assert_eq!(
        fake.snapshot().overplane.prospect_leads[&id].last_patch_fields,
        Some(vec!["mobile_no".into(), "status".into()])
    );
    let r = op(
        &fake,
        "PATCH",
        &format!("/api/crm/prospect-lead/{id}"),
        Some(&json!({"prospect_id": "prospect_koepel_utrecht"})),
    )
    .await;
    assert_error(&r, 400, "parameter_invalid", Some("prospect_id"));
    let r = op(
        &fake,
        "PATCH",
        "/api/crm/prospect-lead/prospect-lead_nope",
        Some(&json!({"status": "Open"})),
    )
    .await;
    assert_error(&r, 404, "resource_missing", Some("id"));

    // Reorder: the new order, idx 1..n, the list back.
    let order = [
        id.as_str(),
        "prospect-lead_fitlab_2",
        "prospect-lead_fitlab_1",
    ];
    let r = op(
        &fake,
        "POST",
        "/api/crm/prospect-lead/reorder",
        Some(&json!({"parent_id": "prospect_fitlab_gent", "ids": order})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let got = r.json();
    assert_eq!(got["total"], 3);
    let ids: Vec<&str> = got["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, order);
    let idx: Vec<i64> = got["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["idx"].as_i64().unwrap())
        .collect();
    assert_eq!(idx, [1, 2, 3]);
    assert_eq!(list(&fake).await.json(), got, "the list is the new order");

    // Reorder errors.
    for (body, status, code, param) in [
        (json!({"ids": order}), 400, "parameter_missing", "parent_id"),
        (
            json!({"parent_id": "prospect_fitlab_gent"}),
            400,
            "parameter_missing",
            "ids",
        ),
        (
            json!({"parent_id": "prospect_fitlab_gent", "ids": [id.as_str(), "prospect-lead_fitlab_2"]}),
            400,
            "parameter_invalid",
            "ids",
        ),
        (
            json!({"parent_id": "prospect_fitlab_gent", "ids": [id.as_str(), id.as_str(), "prospect-lead_fitlab_2"]}),
            400,
            "parameter_invalid",
            "ids",
        ),
        (
            json!({"parent_id": "prospect_fitlab_gent", "ids": "prospect-lead_fitlab_1"}),
            400,
            "parameter_invalid",
            "ids",
        ),
        (
            json!({"parent_id": "prospect_nope", "ids": []}),
            404,
            "resource_missing",
            "parent_id",
        ),
        (
            json!({"parent_id": "prospect_fitlab_gent", "ids": order, "order": "asc"}),
            400,
            "parameter_unknown",
            "order",
        ),
    ] {
        let r = op(&fake, "POST", "/api/crm/prospect-lead/reorder", Some(&body)).await;
        assert_error(&r, status, code, Some(param));
    }

    // Delete: the confirmation; siblings keep their idx.
    let r = op(
        &fake,
        "DELETE",
        "/api/crm/prospect-lead/prospect-lead_fitlab_2",
        None,
    )
    .await;
    assert_eq!(
        r.json(),
        json!({"id": "prospect-lead_fitlab_2", "deleted": true})
    );
    let l = list(&fake).await.json();
    assert_eq!(l["total"], 2);
    assert_eq!(l["data"][0]["idx"], 1);
    assert_eq!(l["data"][1]["idx"], 3);
    let r = op(
        &fake,
        "DELETE",
        "/api/crm/prospect-lead/prospect-lead_fitlab_2",
        None,
    )
    .await;
    assert_error(&r, 404, "resource_missing", Some("id"));
    // A new lead goes after the highest idx.
    let r = op(
        &fake,
        "POST",
        "/api/crm/prospect-lead",
        Some(&json!({"prospect_id": "prospect_fitlab_gent", "lead": "CRM-LEAD-2025-00099"})),
    )
    .await;
    assert_eq!(r.json()["idx"], 4);
    assert_eq!(r.json()["lead_name"], Value::Null);

    // Child list errors; no GET of one child.
    let r = op(&fake, "GET", "/api/crm/prospect-lead", None).await;
    assert_error(&r, 400, "parameter_missing", Some("parent_id"));
    let r = op(
        &fake,
        "GET",
        "/api/crm/prospect-lead?parent_id=prospect_nope",
        None,
    )
    .await;
    assert_error(&r, 404, "resource_missing", Some("parent_id"));
    let r = op(
        &fake,
        "GET",
        "/api/crm/prospect-lead?parent_id=prospect_fitlab_gent&limit=5",
        None,
    )
    .await;
    assert_error(&r, 400, "parameter_unknown", Some("limit"));
    let r = op(&fake, "GET", &format!("/api/crm/prospect-lead/{id}"), None).await;
    assert_error(&r, 405, "method_not_allowed", None);
    assert_eq!(r.header("allow"), Some("PATCH, DELETE"));
    let r = op(
        &fake,
        "GET",
        "/api/crm/prospect-lead?parent_id=prospect_crossbox_antwerpen",
        None,
    )
    .await;
    assert_eq!(r.json(), json!({"data": [], "has_more": false, "total": 0}));
}

#[tokio::test]
async fn opportunities_crud_and_reorder() {
    let fake = demo().await;
    let path = "/api/crm/prospect-opportunity";
    let r = op(
        &fake,
        "GET",
        &format!("{path}?parent_id=prospect_kantoorpark_mechelen"),
        None,
    )
    .await;
    let l = r.json();
    assert_eq!(l["total"], 2);
    assert_eq!(l["data"][0]["stage"], "Qualification");
    assert_eq!(l["data"][0]["currency"], "EUR");
    assert_eq!(l["data"][1]["stage"], "Lost");

    // Create with the sample's values.
    let mut body = sample_json("prospect_opportunity.json");
    let obj = body.as_object_mut().unwrap();
    obj.remove("id");
    obj.remove("idx");
    obj.insert("prospect_id".into(), json!("prospect_crossbox_antwerpen"));
    let r = op(&fake, "POST", path, Some(&body)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let created = r.json();
    let id = created["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("prospect-opportunity_"), "{id}");
    let mut expected = sample_json("prospect_opportunity.json");
    expected["id"] = json!(id);
    expected["prospect_id"] = json!("prospect_crossbox_antwerpen");
    assert_eq!(created, expected, "idx 1: the prospect's first");
    assert_eq!(
        keys_in_order(&r.body),
        keys_in_order(&sample("overplane/prospect_opportunity.json"))
    );
    // Only prospect_id is required.
    let r = op(
        &fake,
        "POST",
        path,
        Some(&json!({"prospect_id": "prospect_crossbox_antwerpen"})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["idx"], 2);
    assert_eq!(r.json()["opportunity"], Value::Null);
    let second = r.json()["id"].as_str().unwrap().to_string();
    let r = op(&fake, "POST", path, Some(&json!({"opportunity": "x"}))).await;
    assert_error(&r, 400, "parameter_missing", Some("prospect_id"));
    let r = op(
        &fake,
        "POST",
        path,
        Some(&json!({"prospect_id": "prospect_crossbox_antwerpen", "probability": "50%"})),
    )
    .await;
    assert_error(&r, 400, "parameter_invalid", Some("probability"));

    // PATCH the stage only.
    let r = op(
        &fake,
        "PATCH",
        &format!("{path}/{id}"),
        Some(&json!({"stage": "Negotiation", "probability": 70, "amount": 12500.5})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let o = r.json();
    assert_eq!(o["stage"], "Negotiation");
    assert_eq!(o["probability"], 70);
    assert_eq!(o["amount"], 12500.5);
    assert_eq!(o["currency"], "USD", "unchanged");
    assert_eq!(
        fake.snapshot().overplane.prospect_opportunities[&id].last_patch_fields,
        Some(vec!["amount".into(), "probability".into(), "stage".into()])
    );

    // Reorder, then delete.
    let r = op(
        &fake,
        "POST",
        &format!("{path}/reorder"),
        Some(&json!({"parent_id": "prospect_crossbox_antwerpen", "ids": [second, id]})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["data"][0]["id"], json!(second));
    assert_eq!(r.json()["data"][0]["idx"], 1);
    assert_eq!(r.json()["data"][1]["idx"], 2);
    let r = op(&fake, "DELETE", &format!("{path}/{id}"), None).await;
    assert_eq!(r.json(), json!({"id": id, "deleted": true}));
    let r = op(
        &fake,
        "GET",
        &format!("{path}?parent_id=prospect_crossbox_antwerpen"),
        None,
    )
    .await;
    assert_eq!(r.json()["total"], 1);
    let writes: Vec<String> = fake
        .snapshot()
        .overplane
        .writes
        .iter()
        .map(|w| w.call.clone())
        .collect();
    assert_eq!(
        writes,
        [
            "POST prospect-opportunity",
            "POST prospect-opportunity",
            "PATCH prospect-opportunity",
            "POST prospect-opportunity/reorder",
            "DELETE prospect-opportunity"
        ]
    );
}

// ---------------------------------------------------------------- auth, routes

#[tokio::test]
async fn bearer_token_is_required() {
    let fake = spawn(FakeOptions {
        overplane_token: "sk_test_other".into(),
        ..FakeOptions::default()
    })
    .await;
    assert_eq!(fake.credentials().overplane_token, "sk_test_other");
    let path = "/overplane/api/crm/prospect/prospect_abc123";
    let r = http_with_headers(fake.addr(), "GET", path, &[], b"").await;
    assert_error(&r, 401, "unauthorized", None);
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    for value in [
        "Bearer sk_test_demo",
        "Bearer ",
        "sk_test_other",
        "Basic c2tfdGVzdF9vdGhlcjo=",
        "Token sk_test_other",
    ] {
        let r = http_with_headers(fake.addr(), "GET", path, &[("Authorization", value)], b"").await;
        assert_error(&r, 401, "unauthorized", None);
    }
    // No write without the token, and an unknown path is a 401 too.
    let r = http_with_headers(
        fake.addr(),
        "DELETE",
        path,
        &[("Authorization", "Bearer wrong")],
        b"",
    )
    .await;
    assert_eq!(r.status, 401);
    let r = http_with_headers(fake.addr(), "GET", "/overplane/api/crm/nothing", &[], b"").await;
    assert_eq!(r.status, 401);
    assert!(
        fake.snapshot()
            .overplane
            .prospects
            .contains_key("prospect_abc123")
    );

    for value in ["Bearer sk_test_other", "bearer sk_test_other"] {
        let r = http_with_headers(fake.addr(), "GET", path, &[("Authorization", value)], b"").await;
        assert_eq!(r.status, 200, "{value}: {}", r.body);
    }
    assert_eq!(
        op(&fake, "GET", "/api/crm/prospect/prospect_abc123", None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn unknown_routes_and_methods() {
    let fake = demo().await;
    for path in [
        "/api/crm/prospects",
        "/api/crm/Prospect",
        "/api/crm/prospect/",
        "/api/crm/prospect/prospect_abc123/extra",
        "/api/v1/prospect",
        "/api/crm/prospect-note",
    ] {
        let r = op(&fake, "GET", path, None).await;
        assert_error(&r, 404, "route_not_found", None);
    }
    let r = op(
        &fake,
        "PUT",
        "/api/crm/prospect/prospect_abc123",
        Some(&json!({"company": "X"})),
    )
    .await;
    assert_error(&r, 405, "method_not_allowed", None);
    assert_eq!(r.header("allow"), Some("GET, PATCH, DELETE"));
    let r = op(&fake, "DELETE", "/api/crm/prospect", None).await;
    assert_error(&r, 405, "method_not_allowed", None);
    assert_eq!(r.header("allow"), Some("GET, POST"));
    let r = op(
        &fake,
        "GET",
        "/api/crm/prospect/prospect_abc123?expand=leads",
        None,
    )
    .await;
    assert_error(&r, 400, "parameter_unknown", Some("expand"));
    // PATCH …/reorder addresses a child named "reorder".
    let r = op(
        &fake,
        "PATCH",
        "/api/crm/prospect-lead/reorder",
        Some(&json!({})),
    )
    .await;
    assert_error(&r, 404, "resource_missing", Some("id"));
}

// ---------------------------------------------------------------- faults

#[tokio::test]
async fn status_and_rate_limit_faults_have_no_effect() {
    let fake = demo().await;
    fake.inject(
        Fault::new(Vendor::Overplane, FaultKind::Status)
            .method("post PROSPECT")
            .status(502),
    );
    fake.inject(
        Fault::new(Vendor::Overplane, FaultKind::RateLimit)
            .method("POST prospect")
            .retry_after_s(7),
    );
    // A GET is not the faulted method.
    assert_eq!(
        op(&fake, "GET", "/api/crm/prospect", None).await.status,
        200
    );
    let body = json!({"company": "Faulty BV"});
    let r = op(&fake, "POST", "/api/crm/prospect", Some(&body)).await;
    assert_eq!(r.status, 502);
    let r = op(&fake, "POST", "/api/crm/prospect", Some(&body)).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("7"));
    assert_eq!(
        fake.snapshot().overplane.prospects.len(),
        6,
        "nothing added"
    );
    let r = op(&fake, "POST", "/api/crm/prospect", Some(&body)).await;
    assert_eq!(r.status, 200, "faults used up");
    let faults: Vec<Option<FaultKind>> = fake
        .requests_to(Vendor::Overplane)
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
        Fault::new(Vendor::Overplane, FaultKind::Malformed).method("POST prospect-opportunity"),
    );
    let r = op(
        &fake,
        "POST",
        "/api/crm/prospect-opportunity",
        Some(&json!({"prospect_id": "prospect_crossbox_antwerpen", "stage": "Proposal"})),
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(
        serde_json::from_str::<Value>(&r.body).is_err(),
        "{}",
        r.body
    );
    assert!(
        r.body.starts_with("{\"id\":\"prospect-opportunity_"),
        "{}",
        r.body
    );
    let state = fake.snapshot().overplane;
    assert_eq!(
        state.opportunities_of("prospect_crossbox_antwerpen").len(),
        1
    );

    fake.inject(Fault::new(Vendor::Overplane, FaultKind::Malformed).method("PATCH prospect"));
    let r = op(
        &fake,
        "PATCH",
        "/api/crm/prospect/prospect_abc123",
        Some(&json!({"territory": "Benelux"})),
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(serde_json::from_str::<Value>(&r.body).is_err());
    let p = &fake.snapshot().overplane.prospects["prospect_abc123"];
    assert_eq!(p.territory.as_deref(), Some("Benelux"));
    assert_eq!(p.last_patch_fields, Some(vec!["territory".into()]));
}

#[tokio::test]
async fn failed_status_is_the_vendors_json_error() {
    let fake = demo().await;
    fake.inject(Fault::new(Vendor::Overplane, FaultKind::FailedStatus).method("PATCH prospect"));
    let r = op(
        &fake,
        "PATCH",
        "/api/crm/prospect/prospect_abc123",
        Some(&json!({"industry": "Never"})),
    )
    .await;
    assert_error(&r, 400, "request_failed", None);
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("fake fault")
    );
    let p = &fake.snapshot().overplane.prospects["prospect_abc123"];
    assert_eq!(p.industry.as_deref(), Some("industry_example"), "no effect");
    assert_eq!(p.last_patch_fields, None);
}

#[tokio::test]
async fn slow_delays_then_answers_and_counts_concurrency() {
    let fake = demo().await;
    fake.inject(
        Fault::new(Vendor::Overplane, FaultKind::Slow)
            .method("GET prospect")
            .ms(300)
            .times(3),
    );
    let started = Instant::now();
    let call = || op(&fake, "GET", "/api/crm/prospect/prospect_abc123", None);
    let (a, b, c) = tokio::join!(call(), call(), call());
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(
        [a, b, c]
            .iter()
            .all(|r| r.status == 200 && r.json()["id"] == "prospect_abc123")
    );
    let c = fake.concurrency(Vendor::Overplane);
    assert_eq!(c.in_flight, 0);
    assert_eq!(c.max_in_flight, 3);
    assert_eq!(fake.concurrency(Vendor::Clubplanner).max_in_flight, 0);
}

#[tokio::test]
async fn reorder_has_its_own_fault_name() {
    let fake = demo().await;
    fake.inject(
        Fault::new(Vendor::Overplane, FaultKind::Status).method("POST prospect-lead/reorder"),
    );
    let r = op(
        &fake,
        "POST",
        "/api/crm/prospect-lead",
        Some(&json!({"prospect_id": "prospect_crossbox_antwerpen", "lead": "L-1"})),
    )
    .await;
    assert_eq!(r.status, 200, "a create is not a reorder");
    let id = r.json()["id"].as_str().unwrap().to_string();
    let r = op(
        &fake,
        "POST",
        "/api/crm/prospect-lead/reorder",
        Some(&json!({"parent_id": "prospect_crossbox_antwerpen", "ids": [id]})),
    )
    .await;
    assert_eq!(r.status, 503);
    assert_eq!(
        fake.requests().last().unwrap().method,
        "POST prospect-lead/reorder"
    );
}

// ---------------------------------------------------------------- log, control

#[tokio::test]
async fn request_log_has_the_call_but_never_the_token() {
    let fake = demo().await;
    op(&fake, "GET", "/api/crm/prospect?limit=5&offset=1", None).await;
    op(
        &fake,
        "PATCH",
        "/api/crm/prospect/prospect_abc123",
        Some(&json!({"industry": "Gyms", "annual_revenue": 5, "fax": null})),
    )
    .await;
    http_with_headers(fake.addr(), "GET", "/overplane/api/crm/prospect", &[], b"").await;
    let log = fake.requests_to(Vendor::Overplane);
    assert_eq!(log.len(), 3);
    assert_eq!(log[0].vendor, Vendor::Overplane);
    assert_eq!(log[0].http_method, "GET");
    assert_eq!(log[0].path, "/overplane/api/crm/prospect");
    assert_eq!(log[0].method, "GET prospect");
    assert_eq!(log[0].param("limit"), Some("5"));
    assert_eq!(log[0].param("offset"), Some("1"));
    assert_eq!(log[0].status, Some(200));
    assert_eq!(log[0].header("authorization"), Some("Bearer <redacted>"));
    assert_eq!(log[1].method, "PATCH prospect");
    assert_eq!(
        log[1].params,
        [
            ("annual_revenue".to_string(), "5".to_string()),
            ("fax".to_string(), "null".to_string()),
            ("industry".to_string(), "Gyms".to_string()),
        ]
    );
    assert_eq!(log[2].header("authorization"), None);
    assert_eq!(log[2].status, Some(401));
    let everything = serde_json::to_string(&fake.requests()).unwrap();
    assert!(
        !everything.contains(DEFAULT_OVERPLANE_TOKEN),
        "{everything}"
    );

    // Over HTTP too.
    let r = get(&fake, "/_fake/requests?vendor=overplane").await.json();
    assert_eq!(r.as_array().unwrap().len(), 3);
    assert_eq!(r[0]["vendor"], "overplane");
}

#[tokio::test]
async fn control_state_reset_and_base_url() {
    let fake = demo().await;
    let port = fake.addr().port();
    assert_eq!(
        fake.base_url_overplane(),
        format!("http://127.0.0.1:{port}/overplane")
    );
    assert_eq!(fake.credentials().overplane_token, "sk_test_demo");
    let state = get(&fake, "/_fake/state").await.json();
    let p = &state["overplane"]["prospects"]["prospect_abc123"];
    assert_eq!(p["company"], "Example Corp");
    assert_eq!(p["last_patch_fields"], Value::Null);
    assert_eq!(
        state["overplane"]["prospects"].as_object().unwrap().len(),
        6
    );
    assert_eq!(
        state["overplane"]["prospect_leads"]["prospect-lead_fitlab_1"]["lead_name"],
        "Sofie Maes"
    );
    assert!(state["overplane"]["prospect_opportunities"].is_object());
    let index = get(&fake, "/_fake").await.json();
    assert_eq!(index["overplane"]["path"], "/overplane");
    assert_eq!(index["overplane"]["token"], "sk_test_demo");
    let c = get(&fake, "/_fake/concurrency").await.json();
    assert_eq!(c["overplane"]["in_flight"], 0);

    // A fault over HTTP, by the documented JSON form.
    let r = http(
        fake.addr(),
        "POST",
        "/_fake/faults",
        Some("application/json"),
        json!({"vendor": "overplane", "method": "DELETE prospect", "kind": "status", "status": 500})
            .to_string()
            .as_bytes(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let r = op(&fake, "DELETE", "/api/crm/prospect/prospect_abc123", None).await;
    assert_eq!(r.status, 500);

    op(&fake, "DELETE", "/api/crm/prospect/prospect_abc123", None).await;
    op(
        &fake,
        "PATCH",
        "/api/crm/prospect/prospect_fitlab_gent",
        Some(&json!({"fax": "1"})),
    )
    .await;
    assert!(
        !fake
            .snapshot()
            .overplane
            .prospects
            .contains_key("prospect_abc123")
    );
    let r = http(fake.addr(), "POST", "/_fake/reset", None, b"").await;
    assert_eq!(r.status, 204);
    let s = fake.snapshot().overplane;
    assert!(s.prospects.contains_key("prospect_abc123"));
    assert_eq!(s.prospects["prospect_fitlab_gent"].last_patch_fields, None);
    assert!(s.writes.is_empty());
}

#[tokio::test]
async fn demo_and_generated_data() {
    let fake = spawn(FakeOptions {
        generated_overplane_prospects: 3,
        clock: frozen(2025, 3, 10, 9, 0, 0),
        ..FakeOptions::default()
    })
    .await;
    let list = op(&fake, "GET", "/api/crm/prospect?limit=100", None)
        .await
        .json();
    assert_eq!(list["total"], 9);
    let ids: Vec<&str> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "prospect_yogaloft_amsterdam",
            "prospect_crossbox_antwerpen",
            "prospect_kantoorpark_mechelen",
            "prospect_koepel_utrecht",
            "prospect_fitlab_gent",
            "prospect_abc123",
            "prospect_gen_000003",
            "prospect_gen_000002",
            "prospect_gen_000001",
        ]
    );
    // Generated prospects are the same every time, and complete.
    let g = &fake.snapshot().overplane.prospects["prospect_gen_000002"];
    let again = generated_prospect(2);
    assert_eq!(g.company, again.company);
    assert_eq!(g.created_at.to_rfc3339(), "2023-06-01T00:01:00+00:00");
    assert!(!g.company.is_empty() && g.industry.is_some() && g.annual_revenue.is_some());
    // Demo opportunities: EUR, the documented stages.
    let stages: BTreeSet<String> = fake
        .snapshot()
        .overplane
        .prospect_opportunities
        .values()
        .map(|o| {
            assert_eq!(o.currency.as_deref(), Some("EUR"));
            o.stage.clone().unwrap()
        })
        .collect();
    assert_eq!(
        stages,
        ["Lost", "Negotiation", "Proposal", "Qualification", "Won"]
            .into_iter()
            .map(String::from)
            .collect()
    );
    // Empty seed: nothing.
    let empty = empty().await;
    let r = op(&empty, "GET", "/api/crm/prospect", None).await;
    assert_eq!(r.json(), json!({"data": [], "has_more": false, "total": 0}));
}
