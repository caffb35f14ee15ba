//! Issue #21: the import preview names the rows that repeat a prospect
//! already there or an earlier row (by email or phone number), and the
//! import skips them unless asked to write them anyway.

mod common;

use serde_json::{Value, json};

async fn import(
    app: &common::TestApp,
    cookie: &str,
    csv: &str,
    dry_run: bool,
    skip: Option<bool>,
) -> Value {
    let mut body = json!({
        "csv": csv,
        "mapping": {"First name": "first_name", "Last name": "last_name", "E-mail": "email", "GSM": "mobile"},
        "dry_run": dry_run,
    });
    if let Some(skip) = skip {
        body["skip_duplicates"] = json!(skip);
    }
    let reply = app
        .post_json("/api/v1/prospects/import", &body.to_string(), Some(cookie))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()
}

async fn with_email(app: &common::TestApp, email: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM prospects WHERE email = '{email}' COLLATE NOCASE AND deleted_at IS NULL"
    ))
    .await
}

#[tokio::test]
async fn the_preview_names_repeated_rows_and_the_import_skips_them() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let ann = app
        .post_json(
            "/api/v1/prospects",
            r#"{"first_name":"Ann","last_name":"Dup","email":"ann.dup@example.be","mobile":"+32 470 55 66 77","status":"new"}"#,
            Some(&cookie),
        )
        .await;
    assert_eq!(ann.status, 201, "{}", ann.text());
    let ann_id = ann.json()["id"].as_i64().unwrap();
    // A prospect in the trash is no one to repeat.
    let gone = app
        .post_json(
            "/api/v1/prospects",
            r#"{"first_name":"Gone","last_name":"Dup","email":"gone.dup@example.be","status":"new"}"#,
            Some(&cookie),
        )
        .await
        .json();
    let gone_id = gone["id"].as_i64().unwrap();
    assert_eq!(
        app.delete(&format!("/api/v1/prospects/{gone_id}"), Some(&cookie))
            .await
            .status,
        204
    );

    let csv = "First name,Last name,E-mail,GSM\n\
               Ann,Again,ANN.DUP@example.be,\n\
               Carl,Dup,carl.dup@example.be,0470 55 66 77\n\
               Dana,Dup,dana.dup@example.be,\n\
               Dana,Twice,Dana.Dup@Example.be,\n\
               Eve,Dup,eve.dup@example.be,0499 12 34 56\n\
               Fred,Dup,,+32499123456\n\
               Gone,Back,gone.dup@example.be,\n";
    let before = app.count("SELECT COUNT(*) FROM prospects").await;
    let preview = import(&app, &cookie, csv, true, None).await;
    assert_eq!(preview["rows"], 7);
    assert_eq!(preview["errors"], json!([]));
    assert_eq!(
        preview["duplicates"],
        json!([
            {"row": 1, "field": "email", "prospect": {"id": ann_id, "name": "Ann Dup"}},
            // The same number in another form.
            {"row": 2, "field": "mobile", "prospect": {"id": ann_id, "name": "Ann Dup"}},
            {"row": 4, "field": "email", "earlier_row": 3},
            {"row": 6, "field": "mobile", "earlier_row": 5},
        ])
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM prospects").await, before);

    // Written: skipped by default, the first of repeated rows kept.
    let done = import(&app, &cookie, csv, false, None).await;
    assert_eq!(done["created"], 3, "{done}");
    assert_eq!(done["skipped"], 4, "{done}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM prospects").await,
        before + 3
    );
    assert_eq!(with_email(&app, "ann.dup@example.be").await, 1);
    assert_eq!(with_email(&app, "carl.dup@example.be").await, 0);
    assert_eq!(with_email(&app, "dana.dup@example.be").await, 1);
    assert_eq!(with_email(&app, "eve.dup@example.be").await, 1);
    assert_eq!(with_email(&app, "gone.dup@example.be").await, 1);
}

#[tokio::test]
async fn asked_to_the_import_writes_repeated_rows_anyway() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let csv = "First name,Last name,E-mail,GSM\n\
               Hana,One,hana.dup@example.be,\n\
               Hana,Two,hana.dup@example.be,\n";
    let before = app.count("SELECT COUNT(*) FROM prospects").await;
    let done = import(&app, &cookie, csv, false, Some(false)).await;
    assert_eq!(done["created"], 2, "{done}");
    assert!(done.get("skipped").is_none(), "{done}");
    assert_eq!(done["duplicates"][0]["row"], 2);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM prospects").await,
        before + 2
    );
    // Imported again, every row repeats someone now: nothing is written.
    let again = import(&app, &cookie, csv, false, None).await;
    assert_eq!(again["created"], 0, "{again}");
    assert_eq!(again["skipped"], 2);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM prospects").await,
        before + 2
    );
}
