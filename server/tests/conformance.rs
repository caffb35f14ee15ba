//! One conformance suite for every prospects connector: the same test
//! functions, through the same `/api/v1` routes the app uses, against
//! `local` and against each vendor over its fake. A connector cannot pass
//! by being tested differently.
//!
//! What a connector cannot do is not skipped silently: its test is
//! generated `#[ignore = "<why>"]`, so every run lists it with the reason
//! (`cargo test` prints `ignored, <why>`; `cargo xtask test` repeats the
//! list), and `cannot_is_said` checks the connector says so itself.

mod common;

use common::TestApp;
use frontdesk_fakes::FakeVendors;
use serde_json::{Value, json};

/// An app with one prospects connector, a signed-in staff member, and the
/// fake behind it (kept alive as long as the subject).
pub struct Subject {
    app: TestApp,
    cookie: String,
    _fake: Option<FakeVendors>,
}

async fn local() -> Subject {
    let app = common::app().await;
    let cookie = common::staff_cookie(&app).await;
    Subject {
        app,
        cookie,
        _fake: None,
    }
}

async fn clubplanner() -> Subject {
    let fake = common::vendors::fakes().await;
    let (app, cookie) = common::vendors::clubplanner_app(&fake).await;
    Subject {
        app,
        cookie,
        _fake: Some(fake),
    }
}

async fn overplane() -> Subject {
    let fake = common::vendors::fakes().await;
    let (app, cookie) = common::vendors::overplane_app(&fake).await;
    Subject {
        app,
        cookie,
        _fake: Some(fake),
    }
}

async fn alphaalpha() -> Subject {
    let fake = common::vendors::fakes().await;
    let (app, cookie) = common::vendors::alphaalpha_app(&fake).await;
    Subject {
        app,
        cookie,
        _fake: Some(fake),
    }
}

async fn cirrus() -> Subject {
    let fake = common::vendors::fakes().await;
    let (app, cookie) = common::vendors::cirrus_app(&fake).await;
    Subject {
        app,
        cookie,
        _fake: Some(fake),
    }
}

impl Subject {
    async fn post(&self, uri: &str, body: Value) -> common::Reply {
        self.app
            .post_json(uri, &body.to_string(), Some(&self.cookie))
            .await
    }
    async fn put(&self, uri: &str, body: Value) -> common::Reply {
        self.app
            .send(
                axum::http::Request::put(uri)
                    .header("content-type", "application/json")
                    .header("cookie", &self.cookie)
                    .body(axum::body::Body::from(body.to_string()))
                    .unwrap(),
            )
            .await
    }
    async fn get(&self, uri: &str) -> common::Reply {
        self.app.get(uri, Some(&self.cookie)).await
    }
}

fn editable(p: &Value) -> Value {
    let mut body = p.clone();
    for key in ["id", "owner_name", "created_at", "updated_at"] {
        body.as_object_mut().unwrap().remove(key);
    }
    body
}

/// Whether the connector serving prospects says it cannot do `action`.
async fn cannot(s: &Subject, action: &str) -> bool {
    let health = s.app.get("/api/v1/health", None).await.json();
    health["capabilities"].as_array().unwrap().iter().any(|c| {
        c["capability"] == "prospects"
            && c["cannot"]
                .as_array()
                .is_some_and(|a| a.iter().any(|x| x == action))
    })
}

// ---- the suite ----------------------------------------------------------

/// Create, read, find in the list and the index, change, delete.
async fn create_read_list_update_delete(s: Subject) {
    let created = s
        .post(
            "/api/v1/prospects",
            json!({"first_name": "Noor", "last_name": "Conform", "email": "noor.conform@example.be",
                   "mobile": "+32470111222", "city": "Mechelen", "birth_date": "1990-04-02",
                   "gender": "female", "source": "Website", "tags": ["trial"]}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let p = created.json();
    let id = p["id"].as_i64().unwrap();
    for (field, want) in [
        ("first_name", json!("Noor")),
        ("last_name", json!("Conform")),
        ("email", json!("noor.conform@example.be")),
        ("city", json!("Mechelen")),
        ("birth_date", json!("1990-04-02")),
        ("gender", json!("female")),
        ("source", json!("Website")),
        ("status", json!("new")),
    ] {
        assert_eq!(p[field], want, "{field} after create: {p}");
    }
    // The person's tags, beside any a CRM adds of its own facts (Cirrus's
    // start with "Cirrus ": the list filters on them).
    let own: Vec<&Value> = p["tags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| !t.as_str().unwrap_or("").starts_with("Cirrus "))
        .collect();
    assert_eq!(own, vec![&json!("trial")], "tags after create: {p}");
    let read = s.get(&format!("/api/v1/prospects/{id}")).await.json();
    assert_eq!(read["email"], "noor.conform@example.be", "{read}");

    let found = s.get("/api/v1/prospects?q=Conform").await.json();
    assert_eq!(found["total"], 1, "{found}");
    let index = s.get("/api/v1/prospects/index").await.text();
    assert!(index.contains("Conform"));

    let mut body = editable(&read);
    body["city"] = json!("Antwerpen");
    body["next_action"] = json!("Call back");
    let saved = s.put(&format!("/api/v1/prospects/{id}"), body).await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert_eq!(saved.json()["city"], "Antwerpen");
    assert_eq!(saved.json()["next_action"], "Call back");
    let read = s.get(&format!("/api/v1/prospects/{id}")).await.json();
    assert_eq!(read["city"], "Antwerpen");

    if cannot(&s, "delete").await {
        s.app
            .delete(&format!("/api/v1/prospects/{id}"), Some(&s.cookie))
            .await
            .assert_problem(501);
        return;
    }
    let deleted = s
        .app
        .delete(&format!("/api/v1/prospects/{id}"), Some(&s.cookie))
        .await;
    assert_eq!(deleted.status, 204, "{}", deleted.text());
    s.get(&format!("/api/v1/prospects/{id}"))
        .await
        .assert_problem(404);
    let found = s.get("/api/v1/prospects?q=Conform").await.json();
    assert_eq!(found["total"], 0);
}

/// A write the rules refuse changes nothing and names the field.
async fn invalid_input_is_refused_naming_the_field(s: Subject) {
    let before = s.get("/api/v1/prospects").await.json()["total"].clone();
    let reply = s
        .post(
            "/api/v1/prospects",
            json!({"first_name": "X", "email": "not-an-email"}),
        )
        .await;
    let problem = reply.assert_problem(422);
    assert!(problem["errors"]["email"].is_string(), "{problem}");
    assert_eq!(s.get("/api/v1/prospects").await.json()["total"], before);
}

/// An id that is not a prospect of this connector is 404, for every verb.
async fn an_unknown_prospect_is_404(s: Subject) {
    s.get("/api/v1/prospects/999999").await.assert_problem(404);
    s.put("/api/v1/prospects/999999", json!({"first_name": "Nobody"}))
        .await
        .assert_problem(404);
    // Where delete is not possible at all, that is the answer, whatever id.
    let cannot_delete = cannot(&s, "delete").await;
    s.app
        .delete("/api/v1/prospects/999999", Some(&s.cookie))
        .await
        .assert_problem(if cannot_delete { 501 } else { 404 });
}

/// What the connector says it cannot do answers 501, naming the system;
/// what it says it can do works.
async fn cannot_is_said(s: Subject) {
    let health = s.app.get("/api/v1/health", None).await.json();
    let prospects = health["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["capability"] == "prospects")
        .cloned()
        .unwrap();
    let cannot: Vec<String> = prospects["cannot"]
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default();
    let created = s
        .post(
            "/api/v1/prospects",
            json!({"first_name": "Bulk", "last_name": "Able"}),
        )
        .await
        .json();
    let id = created["id"].as_i64().unwrap();
    let bulk = s
        .post(
            "/api/v1/prospects/bulk",
            json!({"ids": [id], "action": {"add_tag": {"tag": "vip"}}}),
        )
        .await;
    if cannot.iter().any(|c| c == "bulk") {
        assert_eq!(bulk.assert_problem(501)["type"], "/problems/not-supported");
    } else {
        assert_eq!(bulk.status, 200, "{}", bulk.text());
    }
    let import = s
        .post(
            "/api/v1/prospects/import",
            json!({"csv": "first,last\nImp,Orted\n", "mapping": {"first": "first_name", "last": "last_name"}}),
        )
        .await;
    if cannot.iter().any(|c| c == "import") {
        assert_eq!(
            import.assert_problem(501)["type"],
            "/problems/not-supported"
        );
    } else {
        assert_eq!(import.status, 200, "{}", import.text());
    }
}

/// Bulk changes: an owner, a tag, a delete and its undo, for many at once.
async fn bulk_changes(s: Subject) {
    let mut ids = Vec::new();
    for n in 0..3 {
        let p = s
            .post(
                "/api/v1/prospects",
                json!({"first_name": format!("Bulk{n}"), "last_name": "Many"}),
            )
            .await
            .json();
        ids.push(p["id"].as_i64().unwrap());
    }
    let tagged = s
        .post(
            "/api/v1/prospects/bulk",
            json!({"ids": ids, "action": {"add_tag": {"tag": "vip"}}}),
        )
        .await;
    assert_eq!(tagged.json()["affected"], 3, "{}", tagged.text());
    let gone = s
        .post(
            "/api/v1/prospects/bulk",
            json!({"ids": ids, "action": {"delete": {}}}),
        )
        .await;
    assert_eq!(gone.json()["affected"], 3);
    assert_eq!(s.get("/api/v1/prospects?q=Many").await.json()["total"], 0);
    s.post(
        "/api/v1/prospects/bulk",
        json!({"ids": ids, "action": {"restore": {}}}),
    )
    .await;
    assert_eq!(s.get("/api/v1/prospects?q=Many").await.json()["total"], 3);
}

/// The CSV import writes every row or none.
async fn import_from_a_file(s: Subject) {
    let reply = s
        .post(
            "/api/v1/prospects/import",
            json!({"csv": "first,last,email\nImp,Orted,imp@example.be\nSec,Ond,sec@example.be\n",
                   "mapping": {"first": "first_name", "last": "last_name", "email": "email"}}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(s.get("/api/v1/prospects?q=Orted").await.json()["total"], 1);
}

/// The list shows how fresh it is when a vendor is behind it, and nothing
/// to refresh when everything is local.
async fn freshness_is_said(s: Subject) {
    let syncs = s.get("/api/v1/sync").await.json();
    let connector = s.app.state.connectors.prospects.connector();
    if connector == "local" {
        assert_eq!(syncs, json!([]));
    } else {
        assert_eq!(syncs[0]["connector"], connector, "{syncs}");
        assert!(syncs[0]["synced_at"].is_string(), "{syncs}");
        assert_eq!(syncs[0]["stale"], false);
    }
}

/// The next action and the tags of a prospect already there: changed,
/// read back, kept.
async fn an_edit_of_the_next_action_and_tags_is_kept(s: Subject) {
    if s.get("/api/v1/prospects").await.json()["total"] == 0 {
        let made = s
            .post(
                "/api/v1/prospects",
                json!({"first_name": "Edit", "last_name": "Able"}),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.text());
    }
    let list = s.get("/api/v1/prospects?sort=name").await.json();
    let id = list["items"][0]["id"].as_i64().unwrap();
    let read = s.get(&format!("/api/v1/prospects/{id}")).await.json();
    let mut body = editable(&read);
    body["next_action"] = json!("Call about the trial");
    body["next_action_due"] = json!("2027-01-15");
    let mut tags: Vec<Value> = read["tags"].as_array().cloned().unwrap_or_default();
    tags.push(json!("conformance"));
    body["tags"] = json!(tags);
    let saved = s.put(&format!("/api/v1/prospects/{id}"), body).await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    let again = s.get(&format!("/api/v1/prospects/{id}")).await.json();
    assert_eq!(again["next_action"], "Call about the trial", "{again}");
    assert_eq!(again["next_action_due"], "2027-01-15");
    assert!(
        again["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "conformance"),
        "{again}"
    );
}

/// A prospect of the subject's (one is made when it has none).
async fn some_prospect(s: &Subject) -> i64 {
    if s.get("/api/v1/prospects").await.json()["total"] == 0 {
        let made = s
            .post(
                "/api/v1/prospects",
                json!({"first_name": "Related", "last_name": "Records"}),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.text());
    }
    let list = s.get("/api/v1/prospects?sort=name").await.json();
    list["items"][0]["id"].as_i64().unwrap()
}

/// What the system holds beside a prospect is well formed (every value a
/// field of its section, every item an id), or it says it cannot (501).
async fn related_records_are_shown_or_said_unsupported(s: Subject) {
    let id = some_prospect(&s).await;
    let r = s.get(&format!("/api/v1/prospects/{id}/related")).await;
    if r.status == 501 {
        assert_eq!(r.json()["type"], "/problems/not-supported", "{}", r.text());
        return;
    }
    assert_eq!(r.status, 200, "{}", r.text());
    let related = r.json();
    assert!(related["system"].is_string(), "{related}");
    for section in related["sections"].as_array().unwrap() {
        let keys: Vec<&str> = section["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["key"].as_str().unwrap())
            .collect();
        for item in section["items"].as_array().unwrap() {
            assert!(!item["id"].as_str().unwrap().is_empty(), "{item}");
            for key in item["values"].as_object().unwrap().keys() {
                assert!(keys.contains(&key.as_str()), "{key} in {section}");
            }
        }
    }
}

/// A value of the kind a field holds.
fn sample(kind: &Value) -> &'static str {
    match kind.as_str().unwrap() {
        "email" => "conformance@example.test",
        "phone" => "+32 470 00 00 00",
        "number" => "12",
        "date" => "2027-01-15",
        _ => "Conformance",
    }
}

/// Every section that may be written: a record added with each field,
/// edited, moved first where the order is the system's, and deleted.
async fn related_records_are_added_edited_reordered_and_deleted(s: Subject) {
    let id = some_prospect(&s).await;
    let base = format!("/api/v1/prospects/{id}/related");
    let related = s.get(&base).await.json();
    let mut written = 0;
    for section in related["sections"].as_array().unwrap() {
        if section["can_add"] != true {
            continue;
        }
        let kind = section["kind"].as_str().unwrap();
        let fields = section["fields"].as_array().unwrap();
        let values: serde_json::Map<String, Value> = fields
            .iter()
            .map(|f| {
                (
                    f["key"].as_str().unwrap().to_owned(),
                    json!(sample(&f["kind"])),
                )
            })
            .collect();
        let before: Vec<Value> = section["items"].as_array().unwrap().clone();
        let added = s
            .post(&format!("{base}/{kind}"), json!({ "values": values }))
            .await;
        assert_eq!(added.status, 200, "{kind}: {}", added.text());
        let after = added.json();
        let items = after["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["kind"] == kind)
            .unwrap()["items"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(items.len(), before.len() + 1, "{kind}");
        let new = items
            .iter()
            .find(|i| !before.iter().any(|b| b["id"] == i["id"]))
            .unwrap()
            .clone();
        let item = new["id"].as_str().unwrap().to_owned();
        for (k, v) in &values {
            if fields
                .iter()
                .any(|f| f["key"] == *k && f["kind"] != "number")
            {
                assert_eq!(&new["values"][k], v, "{kind}.{k}");
            }
        }
        let text_field = fields
            .iter()
            .find(|f| f["kind"] == "text")
            .map(|f| f["key"].as_str().unwrap().to_owned())
            .unwrap();
        let edited = s
            .app
            .send_json(
                "PATCH",
                &format!("{base}/{kind}/{item}"),
                &json!({"values": {text_field.clone(): "Conformance edited"}}).to_string(),
                Some(&s.cookie),
            )
            .await;
        assert_eq!(edited.status, 200, "{kind}: {}", edited.text());
        let shown = edited.json()["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["kind"] == kind)
            .unwrap()["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == item.as_str())
            .unwrap()["values"][&text_field]
            .clone();
        assert_eq!(shown, "Conformance edited");
        if section["can_reorder"] == true {
            let mut ids: Vec<String> = items
                .iter()
                .map(|i| i["id"].as_str().unwrap().to_owned())
                .collect();
            ids.retain(|i| *i != item);
            ids.insert(0, item.clone());
            let moved = s
                .put(&format!("{base}/{kind}/order"), json!({ "ids": ids }))
                .await;
            assert_eq!(moved.status, 200, "{kind}: {}", moved.text());
            let first = moved.json()["sections"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["kind"] == kind)
                .unwrap()["items"][0]["id"]
                .clone();
            assert_eq!(first, item.as_str());
        }
        let gone = s
            .app
            .delete(&format!("{base}/{kind}/{item}"), Some(&s.cookie))
            .await;
        assert_eq!(gone.status, 200, "{kind}: {}", gone.text());
        written += 1;
    }
    assert!(
        written > 0,
        "a connector that runs this has a section to write"
    );
}

// ---- one module per connector, the same functions -------------------------

macro_rules! conformance {
    ($subject:path; run: [$($run:ident),* $(,)?]; cannot: [$($skip:ident => $why:literal),* $(,)?]) => {
        $(
            #[tokio::test]
            async fn $run() {
                super::$run($subject().await).await
            }
        )*
        $(
            #[tokio::test]
            #[ignore = $why]
            async fn $skip() {
                super::$skip($subject().await).await
            }
        )*
    };
}

mod local {
    conformance!(super::local;
    run: [create_read_list_update_delete, invalid_input_is_refused_naming_the_field,
          an_unknown_prospect_is_404, cannot_is_said, bulk_changes, import_from_a_file,
          freshness_is_said, an_edit_of_the_next_action_and_tags_is_kept,
          related_records_are_shown_or_said_unsupported];
    cannot: [
        related_records_are_added_edited_reordered_and_deleted => "skipped by capability: Frontdesk's own prospects keep nothing beside them",
    ]);
}

mod clubplanner {
    conformance!(super::clubplanner;
    run: [create_read_list_update_delete, invalid_input_is_refused_naming_the_field,
          an_unknown_prospect_is_404, cannot_is_said, freshness_is_said,
          an_edit_of_the_next_action_and_tags_is_kept, related_records_are_shown_or_said_unsupported];
    cannot: [
        related_records_are_added_edited_reordered_and_deleted => "skipped by capability: Clubplanner shows nothing beside its prospects",
        bulk_changes => "skipped by capability: Clubplanner has no call that changes many prospects",
        import_from_a_file => "skipped by capability: Clubplanner has no import; Frontdesk would send one create per row",
    ]);
}

mod overplane {
    conformance!(super::overplane;
    run: [create_read_list_update_delete, invalid_input_is_refused_naming_the_field,
          an_unknown_prospect_is_404, cannot_is_said, freshness_is_said,
          an_edit_of_the_next_action_and_tags_is_kept, related_records_are_shown_or_said_unsupported,
          related_records_are_added_edited_reordered_and_deleted];
    cannot: [
        bulk_changes => "skipped by capability: Overplane has no call that changes many prospects",
        import_from_a_file => "skipped by capability: Overplane has no import; Frontdesk would send one create per row",
    ]);
}

mod alphaalpha {
    conformance!(super::alphaalpha;
    run: [invalid_input_is_refused_naming_the_field, an_unknown_prospect_is_404, freshness_is_said,
          an_edit_of_the_next_action_and_tags_is_kept, related_records_are_shown_or_said_unsupported];
    cannot: [
        related_records_are_added_edited_reordered_and_deleted => "skipped by capability: AlphaAlpha has no call that writes an enriched customer's records",
        create_read_list_update_delete => "skipped by capability: AlphaAlpha's API has no call that adds, renames or deletes a customer",
        cannot_is_said => "skipped by capability: it begins by adding a prospect, which AlphaAlpha cannot",
        bulk_changes => "skipped by capability: AlphaAlpha has no call that changes many customers",
        import_from_a_file => "skipped by capability: AlphaAlpha has no call that adds a customer",
    ]);
}

mod cirrus {
    conformance!(super::cirrus;
    run: [create_read_list_update_delete, invalid_input_is_refused_naming_the_field,
          an_unknown_prospect_is_404, cannot_is_said, freshness_is_said,
          an_edit_of_the_next_action_and_tags_is_kept, related_records_are_shown_or_said_unsupported];
    cannot: [
        related_records_are_added_edited_reordered_and_deleted => "skipped by capability: Cirrus's contacts are not connected yet",
        bulk_changes => "skipped by capability: Cirrus has no call that changes many leads",
        import_from_a_file => "skipped by capability: Cirrus has no import; Frontdesk would send one create per row",
    ]);
}
