//! Issue #21, "people, not rows": numbers stored as E.164 and found by
//! their digits however typed; a new prospect's duplicates named.

mod common;

use serde_json::json;

#[tokio::test]
async fn a_number_is_stored_as_e164_and_found_however_it_is_typed() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let stamp = "Nummerman";
    let created = app
        .post_json(
            "/api/v1/prospects",
            &json!({"last_name": stamp, "status": "new", "mobile": "0470 12 34 56"}).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let p = created.json();
    assert_eq!(p["mobile"], "+32470123456");

    // The server's search (the API, the export) finds it by its digits.
    for q in [
        "0470123456",
        "%2B32%20470",
        "0470%2012%2034%2056",
        "%2B32470123456",
    ] {
        let found = app
            .get(&format!("/api/v1/prospects?q={q}%20{stamp}"), Some(&cookie))
            .await;
        assert_eq!(found.status, 200, "{}", found.text());
        assert_eq!(found.json()["items"].as_array().unwrap().len(), 1, "{q}");
    }
    // A number that is none is named, nothing stored.
    let p = app
        .post_json(
            "/api/v1/prospects",
            &json!({"last_name": "Geen", "status": "new", "mobile": "0470 12"}).to_string(),
            Some(&cookie),
        )
        .await
        .assert_problem(422);
    assert!(p["errors"]["mobile"].is_string(), "{p}");
    // The demo's numbers are E.164 too.
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM prospects WHERE mobile != '' AND mobile NOT GLOB '+[1-9]*'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn a_new_prospects_duplicates_are_named_by_email_and_number() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let created = app
        .post_json(
            "/api/v1/prospects",
            &json!({"first_name": "Dora", "last_name": "Dubbel", "status": "new",
                    "email": "dora.dubbel@example.be", "mobile": "+32 479 99 88 77"})
            .to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let id = created.json()["id"].as_i64().unwrap();

    let by_email = app
        .get(
            "/api/v1/prospects/duplicates?email=Dora.Dubbel@Example.be",
            Some(&cookie),
        )
        .await;
    assert_eq!(by_email.status, 200, "{}", by_email.text());
    let found = by_email.json();
    assert_eq!(found[0]["id"], id, "{found}");
    assert_eq!(found[0]["by_email"], true);
    assert_eq!(found[0]["name"], "Dora Dubbel");

    let by_number = app
        .get(
            "/api/v1/prospects/duplicates?mobile=0479%2099%2088%2077",
            Some(&cookie),
        )
        .await
        .json();
    assert_eq!(by_number[0]["id"], id, "{by_number}");
    assert_eq!(by_number[0]["by_email"], false);

    // Itself, when edited, is no duplicate; someone else is none either.
    let itself = app
        .get(
            &format!("/api/v1/prospects/duplicates?email=dora.dubbel@example.be&except={id}"),
            Some(&cookie),
        )
        .await
        .json();
    assert_eq!(itself, json!([]));
    let nobody = app
        .get(
            "/api/v1/prospects/duplicates?email=nobody.here@example.be&mobile=0499000000",
            Some(&cookie),
        )
        .await
        .json();
    assert_eq!(nobody, json!([]));
}
