//! The prospects API on the local store: staff only, every validation rule
//! named, search, filters, sort, paging, and a full edit round trip.

mod common;

use axum::body::Body;
use axum::http::{Request, header};
use serde_json::{Value, json};

async fn put(app: &common::TestApp, uri: &str, body: &Value, cookie: &str) -> common::Reply {
    let req = Request::put(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(body.to_string()))
        .unwrap();
    app.send(req).await
}

#[tokio::test]
async fn staff_only() {
    let app = common::demo_app().await;
    app.get("/api/v1/prospects", None).await.assert_problem(401);
    app.get("/api/v1/prospects/1", None)
        .await
        .assert_problem(401);
    app.post_json(
        "/api/v1/prospects",
        r#"{"last_name":"X","status":"new"}"#,
        None,
    )
    .await
    .assert_problem(401);
}

#[tokio::test]
async fn every_validation_rule_names_its_field_and_stores_nothing() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let cases = [
        (json!({"status": "new"}), "last_name"),
        (
            json!({"last_name": "P", "status": "new", "email": "ann@"}),
            "email",
        ),
        (
            json!({"last_name": "P", "status": "new", "mobile": "12"}),
            "mobile",
        ),
        (
            json!({"last_name": "P", "status": "new", "phone": "phone"}),
            "phone",
        ),
        (json!({"last_name": "P", "status": " "}), "status"),
        (
            json!({"last_name": "P", "status": "new", "language": "xx"}),
            "language",
        ),
        (
            json!({"last_name": "P", "status": "new", "birth_date": "1990-02-30"}),
            "birth_date",
        ),
        (
            json!({"last_name": "P", "status": "new", "birth_date": "2999-01-01"}),
            "birth_date",
        ),
        (
            json!({"last_name": "P", "status": "new", "next_action_due": "soon"}),
            "next_action_due",
        ),
        (
            json!({"last_name": "P", "status": "new", "city": "x".repeat(300)}),
            "city",
        ),
        (
            json!({"last_name": "P", "status": "new", "note": "x".repeat(4001)}),
            "note",
        ),
        (
            json!({"last_name": "P", "status": "new", "tags": [""]}),
            "tags[0]",
        ),
        (
            json!({"last_name": "P", "status": "new", "owner_id": 999}),
            "owner_id",
        ),
        (
            json!({"last_name": "P", "status": "new", "gender": "robot"}),
            "gender",
        ),
        (
            json!({"last_name": "P", "status": "new", "favourite": "x"}),
            "favourite",
        ),
    ];
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM prospects")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    for (body, field) in cases {
        let reply = app
            .post_json("/api/v1/prospects", &body.to_string(), Some(&cookie))
            .await;
        let problem = reply.assert_problem(422);
        assert!(
            problem["errors"][field].is_string(),
            "{field} not named in {problem}"
        );
    }
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM prospects")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(before, after);
}

#[tokio::test]
async fn create_read_update_delete() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let body = json!({
        "first_name": "<b>Zoë</b>", "last_name": "Test", "status": "new", "email": "zoe@example.be",
        "mobile": "+32 470 00 00 01", "tags": ["student", "morning"], "owner_id": 2, "source": "Website",
        "next_action": "Call back", "next_action_due": "2026-01-05"
    });
    let created = app
        .post_json("/api/v1/prospects", &body.to_string(), Some(&cookie))
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let p = created.json();
    let id = p["id"].as_i64().unwrap();
    assert_eq!(p["first_name"], "<b>Zoë</b>", "text is stored as typed");
    assert_eq!(p["tags"], json!(["morning", "student"]));
    assert_eq!(p["owner_name"], "Sarah Peeters");
    assert!(p["birth_date"].is_null(), "unknown stays unknown");

    let mut changed = body.clone();
    changed["city"] = json!("Gent");
    changed["tags"] = json!(["student"]);
    changed["birth_date"] = json!("1990-04-01");
    let updated = put(&app, &format!("/api/v1/prospects/{id}"), &changed, &cookie).await;
    assert_eq!(updated.status, 200, "{}", updated.text());
    assert_eq!(updated.json()["city"], "Gent");
    assert_eq!(updated.json()["tags"], json!(["student"]));
    assert_eq!(
        app.get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
            .await
            .json()["birth_date"],
        "1990-04-01"
    );

    assert_eq!(
        app.delete(&format!("/api/v1/prospects/{id}"), Some(&cookie))
            .await
            .status,
        204
    );
    app.get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await
        .assert_problem(404);
    put(&app, &format!("/api/v1/prospects/{id}"), &changed, &cookie)
        .await
        .assert_problem(404);
}

#[tokio::test]
async fn search_filters_sort_and_pages() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let all = app
        .get("/api/v1/prospects?limit=50", Some(&cookie))
        .await
        .json();
    assert_eq!(all["total"], 300);
    assert_eq!(all["items"].as_array().unwrap().len(), 50);

    // Paging walks the whole list exactly once.
    let mut seen = std::collections::BTreeSet::new();
    let mut cursor: Option<String> = None;
    loop {
        let uri = match &cursor {
            Some(c) => format!("/api/v1/prospects?limit=120&sort=name&cursor={c}"),
            None => "/api/v1/prospects?limit=120&sort=name".to_owned(),
        };
        let page = app.get(&uri, Some(&cookie)).await.json();
        for p in page["items"].as_array().unwrap() {
            assert!(
                seen.insert(p["id"].as_i64().unwrap()),
                "a prospect came twice"
            );
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 300);

    // The seed's markup name is found by search, and only it.
    let found = app
        .get("/api/v1/prospects?q=S%3Cs", Some(&cookie))
        .await
        .json();
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["first_name"], "S<s");
    // A search is not a pattern: % and _ are literal.
    assert_eq!(
        app.get("/api/v1/prospects?q=%25", Some(&cookie))
            .await
            .json()["total"],
        0
    );

    let sorted = app
        .get("/api/v1/prospects?sort=name&limit=300", Some(&cookie))
        .await
        .json();
    let names: Vec<String> = sorted["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["last_name"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "sorted by name");

    let flyers = app
        .get("/api/v1/prospects?source=Flyer&limit=300", Some(&cookie))
        .await
        .json();
    assert!(
        flyers["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["source"] == "Flyer")
    );
    let mine = app
        .get("/api/v1/prospects?mine=true&limit=300", Some(&cookie))
        .await
        .json();
    assert!(
        mine["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["owner_name"] == "Demo Manager")
    );
    let db_mine: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM prospects WHERE owner_id = 1")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(mine["total"], db_mine);
    let overdue = app
        .get("/api/v1/prospects?overdue=true&limit=300", Some(&cookie))
        .await
        .json();
    let today = chrono::Utc::now().date_naive().to_string();
    assert!(
        overdue["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["next_action_due"].as_str().unwrap() < today.as_str())
    );
    let tagged = app
        .get("/api/v1/prospects?tag=student&limit=300", Some(&cookie))
        .await
        .json();
    assert!(
        tagged["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["tags"].as_array().unwrap().contains(&json!("student")))
    );

    app.get("/api/v1/prospects?sort=password", Some(&cookie))
        .await
        .assert_problem(400);
    app.get("/api/v1/prospects?cursor=zzz", Some(&cookie))
        .await
        .assert_problem(400);
    app.get("/api/v1/prospects?created_from=yesterday", Some(&cookie))
        .await
        .assert_problem(400);
}

#[tokio::test]
async fn a_prospect_sent_without_a_status_is_new() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let created = app
        .post_json(
            "/api/v1/prospects",
            r#"{"last_name":"Peeters"}"#,
            Some(&cookie),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    assert_eq!(created.json()["status"], "new");
    // The OpenAPI schema says the same.
    let doc = app.get("/api/v1/openapi.json", None).await.json();
    assert_eq!(
        doc["components"]["schemas"]["ProspectInput"]["properties"]["status"]["default"],
        "new"
    );
}

/// Vendors write "unknown" as 1900-01-01. However the date comes in (the
/// form or API's create and update, a CSV import), it is stored as none.
#[tokio::test]
async fn the_vendors_unknown_birth_date_is_stored_as_unknown_by_every_path() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let stored = |id: i64| {
        let app = &app;
        async move {
            sqlx::query_scalar::<_, Option<String>>("SELECT birth_date FROM prospects WHERE id = ?")
                .bind(id)
                .fetch_one(&app.state.db)
                .await
                .unwrap()
        }
    };
    let body = json!({"last_name": "Maes", "status": "new", "birth_date": "1900-01-01"});
    let created = app
        .post_json("/api/v1/prospects", &body.to_string(), Some(&cookie))
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    assert!(created.json()["birth_date"].is_null(), "{}", created.text());
    let id = created.json()["id"].as_i64().unwrap();
    assert_eq!(stored(id).await, None);

    let mut dated = body.clone();
    dated["birth_date"] = json!("1990-04-01");
    let updated = put(&app, &format!("/api/v1/prospects/{id}"), &dated, &cookie).await;
    assert_eq!(updated.json()["birth_date"], "1990-04-01");
    let updated = put(&app, &format!("/api/v1/prospects/{id}"), &body, &cookie).await;
    assert_eq!(updated.status, 200, "{}", updated.text());
    assert!(updated.json()["birth_date"].is_null(), "{}", updated.text());
    assert_eq!(stored(id).await, None);

    let import = json!({
        "csv": "Naam,Geboortedatum\nJacobs,1900-01-01\n",
        "mapping": {"Naam": "last_name", "Geboortedatum": "birth_date"},
    });
    let imported = app
        .post_json(
            "/api/v1/prospects/import",
            &import.to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(imported.json()["created"], 1, "{}", imported.text());
    let jacobs: Option<String> = sqlx::query_scalar(
        "SELECT birth_date FROM prospects WHERE last_name = 'Jacobs' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(jacobs, None);
}

/// SQLite refuses a LIKE pattern over 50,000 bytes and a query nested too
/// deep: such a search is refused up front, 422 naming `q`, by the list and
/// the export alike; the longest and wordiest search allowed still runs.
#[tokio::test]
async fn a_search_too_long_or_of_too_many_words_is_422_naming_q() {
    use frontdesk_core::prospect_list::{MAX_SEARCH_CHARS, MAX_SEARCH_WORDS};
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let long = "a".repeat(50_000);
    let wordy = ["ab"; 1_000].join("+");
    let thirteen = ["a"; MAX_SEARCH_WORDS + 1].join("+");
    for route in ["/api/v1/prospects", "/api/v1/prospects/export.csv"] {
        for (q, says) in [
            (&long, "characters"),
            (&wordy, "characters"),
            (&thirteen, "words"),
        ] {
            let problem = app
                .get(&format!("{route}?q={q}"), Some(&cookie))
                .await
                .assert_problem(422);
            let message = problem["errors"]["q"].as_str().unwrap_or_default();
            assert!(message.contains(says), "{route}: {problem}");
        }
        let at_most = [
            "a".repeat(MAX_SEARCH_CHARS),
            ["a"; MAX_SEARCH_WORDS].join("+"),
        ];
        for q in at_most {
            let reply = app.get(&format!("{route}?q={q}"), Some(&cookie)).await;
            assert_eq!(reply.status, 200, "{route}: {}", reply.text());
        }
        let one_more = "a".repeat(MAX_SEARCH_CHARS + 1);
        app.get(&format!("{route}?q={one_more}"), Some(&cookie))
            .await
            .assert_problem(422);
    }
}
