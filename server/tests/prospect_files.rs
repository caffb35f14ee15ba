//! CSV import (preview, per-row errors, all or nothing) and export.

mod common;

use serde_json::{Value, json};

fn mapping() -> Value {
    json!({"First name": "first_name", "Last name": "last_name", "E-mail": "email", "GSM": "mobile",
           "Born": "birth_date", "Tags": "tags"})
}

async fn import(app: &common::TestApp, cookie: &str, csv: &str, dry_run: bool) -> common::Reply {
    let body = json!({"csv": csv, "mapping": mapping(), "dry_run": dry_run});
    app.post_json("/api/v1/prospects/import", &body.to_string(), Some(cookie))
        .await
}

async fn count(app: &common::TestApp) -> i64 {
    app.count("SELECT COUNT(*) FROM prospects").await
}

const GOOD: &str = "First name,Last name,E-mail,GSM,Born,Tags,Ignored\n\
                    Ann,Peeters,ann@example.be,+32 470 11 22 33,1990-01-31,\"student, morning\",x\n\
                    Bram,Maes,,,1900-01-01,,y\n";

#[tokio::test]
async fn a_preview_writes_nothing_and_a_clean_file_writes_every_row() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let before = count(&app).await;
    let preview = import(&app, &cookie, GOOD, true).await;
    assert_eq!(preview.status, 200, "{}", preview.text());
    assert_eq!(
        preview.json(),
        json!({
            "rows": 2, "errors": [], "created": 0,
            "headers": ["First name", "Last name", "E-mail", "GSM", "Born", "Tags", "Ignored"],
            // The preview's first guess of the mapping, from the headers.
            "suggested": {"First name": "first_name", "Last name": "last_name",
                          "E-mail": "email", "GSM": "mobile", "Tags": "tags"},
        })
    );
    assert_eq!(count(&app).await, before);

    // Spreadsheets in Belgium write `;` between columns: read the same.
    let semicolons = GOOD
        .replace(',', ";")
        .replace("\"student; morning\"", "\"student, morning\"");
    let preview = import(&app, &cookie, &semicolons, true).await.json();
    assert_eq!(preview["rows"], 2);
    assert_eq!(preview["errors"], json!([]));
    assert_eq!(preview["headers"][2], "E-mail");

    let done = import(&app, &cookie, GOOD, false).await.json();
    assert_eq!(done["created"], 2);
    assert_eq!(count(&app).await, before + 2);
    let ann = app
        .get("/api/v1/prospects?q=ann%40example.be", Some(&cookie))
        .await
        .json();
    assert_eq!(ann["items"][0]["tags"], json!(["morning", "student"]));
    let bram = app
        .get("/api/v1/prospects?q=Bram%20Maes", Some(&cookie))
        .await
        .json();
    assert!(
        bram["items"][0]["birth_date"].is_null(),
        "1900-01-01 means unknown"
    );
}

#[tokio::test]
async fn one_bad_row_writes_none_and_every_error_names_row_and_field() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let before = count(&app).await;
    let csv = format!("{GOOD}Chloé,,chloe@,12,2999-01-01,,z\n");
    let report = import(&app, &cookie, &csv, false).await.json();
    assert_eq!(report["rows"], 3);
    assert_eq!(report["created"], 0);
    let errors: Vec<(u64, String)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().unwrap(),
                e["field"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for field in ["email", "mobile", "birth_date"] {
        assert!(
            errors.contains(&(3, field.to_owned())),
            "{field} of row 3 in {errors:?}"
        );
    }
    assert!(
        errors.iter().all(|(row, _)| *row == 3),
        "rows 1 and 2 are fine: {errors:?}"
    );
    assert_eq!(count(&app).await, before, "all or nothing");
}

#[tokio::test]
async fn a_mapping_must_name_real_columns_and_fields() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let body = json!({"csv": GOOD, "mapping": {"Nope": "email"}});
    let p = app
        .post_json("/api/v1/prospects/import", &body.to_string(), Some(&cookie))
        .await
        .assert_problem(422);
    assert!(p["errors"]["mapping.Nope"].is_string());
    let body = json!({"csv": GOOD, "mapping": {"E-mail": "password"}});
    let p = app
        .post_json("/api/v1/prospects/import", &body.to_string(), Some(&cookie))
        .await
        .assert_problem(422);
    assert!(p["errors"]["mapping.E-mail"].is_string());
    app.post_json("/api/v1/prospects/import", &body.to_string(), None)
        .await
        .assert_problem(401);
}

#[tokio::test]
async fn export_follows_the_filters_guards_formulas_and_imports_back() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let body = json!({"last_name": "=HYPERLINK(\"x\")", "status": "new", "source": "Export test",
                      "mobile": "+32 470 99 88 77"});
    assert_eq!(
        app.post_json("/api/v1/prospects", &body.to_string(), Some(&cookie))
            .await
            .status,
        201
    );
    let reply = app
        .get(
            "/api/v1/prospects/export.csv?source=Export%20test",
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, 200);
    assert!(
        reply
            .header("content-type")
            .unwrap()
            .starts_with("text/csv")
    );
    let text = reply.text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "header and the one filtered row: {text}");
    assert!(lines[0].starts_with("first_name,last_name,"));
    assert!(lines[1].contains("'=HYPERLINK"), "{text}");
    // Stored as E.164 (issue #21), quoted against formulas.
    assert!(lines[1].contains("'+32470998877"), "{text}");

    let all = app
        .get("/api/v1/prospects/export.csv", Some(&cookie))
        .await
        .text();
    assert_eq!(all.lines().count(), 1 + count(&app).await as usize);

    // The exported file imports back as it was.
    let identity: serde_json::Map<String, Value> =
        ["first_name", "last_name", "mobile", "source", "status"]
            .iter()
            .map(|f| ((*f).to_owned(), json!(f)))
            .collect();
    let body = json!({"csv": text, "mapping": identity, "dry_run": true});
    let report = app
        .post_json("/api/v1/prospects/import", &body.to_string(), Some(&cookie))
        .await
        .json();
    assert_eq!(report["errors"], json!([]), "{report}");
    assert_eq!(report["rows"], 1);
}

/// A realistic club file fits in one import: the most rows an import takes
/// (20,000), in a vendor's wide export (the 19 columns of Frontdesk's own
/// export with the demo's data, and 21 more the import ignores), is well
/// over the 2 MB other bodies may have and still goes through.
#[tokio::test]
async fn the_largest_import_of_a_wide_vendor_file_fits() {
    use frontdesk_server::api::prospect_files::{MAX_IMPORT_BYTES, MAX_IMPORT_ROWS};
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let export = app
        .get("/api/v1/prospects/export.csv", Some(&cookie))
        .await
        .text();
    let mut lines = export.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.collect();
    let extra: Vec<String> = (1..=21).map(|i| format!("Vendor field {i}")).collect();
    let filler: Vec<String> = (1..=21).map(|i| format!("value {i:02}")).collect();
    let mut csv = format!("{header},{}\n", extra.join(","));
    for i in 0..MAX_IMPORT_ROWS {
        csv.push_str(rows[i % rows.len()]);
        csv.push(',');
        csv.push_str(&filler.join(","));
        csv.push('\n');
    }
    let per_row = csv.len() / MAX_IMPORT_ROWS;
    let own = export.len() / (rows.len() + 1);
    eprintln!(
        "a wide row: {per_row} bytes, Frontdesk's own export: {own} bytes a row, the file: {} bytes",
        csv.len()
    );
    let mapping = json!({"first_name": "first_name", "last_name": "last_name", "email": "email",
                         "city": "city", "source": "source"});
    let body = json!({"csv": csv, "mapping": mapping, "dry_run": true}).to_string();
    assert!(body.len() > 2 * 1024 * 1024 && body.len() < MAX_IMPORT_BYTES);
    let reply = app
        .post_json("/api/v1/prospects/import", &body, Some(&cookie))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let report = reply.json();
    assert_eq!(report["rows"], MAX_IMPORT_ROWS);
    assert_eq!(report["errors"], json!([]));
}

/// A file over the limit is 413 (not a 422 about "length limit exceeded"),
/// and the answer says what the largest file is.
#[tokio::test]
async fn a_file_over_the_limit_is_413_and_says_the_largest_that_fits() {
    use frontdesk_server::api::prospect_files::{MAX_IMPORT_BYTES, MAX_IMPORT_ROWS};
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let before = count(&app).await;
    let csv = format!("Last name\n{}\n", "Peeters\n".repeat(MAX_IMPORT_BYTES / 8));
    let body = json!({"csv": csv, "mapping": {"Last name": "last_name"}}).to_string();
    assert!(body.len() > MAX_IMPORT_BYTES);
    let reply = app
        .post_json("/api/v1/prospects/import", &body, Some(&cookie))
        .await;
    let problem = reply.assert_problem(413);
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains("16 MB"), "{detail}");
    assert!(detail.contains(&MAX_IMPORT_ROWS.to_string()), "{detail}");
    assert!(problem["errors"]["csv"].is_string(), "{problem}");
    assert_eq!(count(&app).await, before);
}
