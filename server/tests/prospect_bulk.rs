//! Bulk changes to prospects and the trash: every field of a bad request
//! named and nothing changed; owner, tags, delete and undo applied to
//! exactly the ids sent.

mod common;

use serde_json::{Value, json};

async fn bulk(app: &common::TestApp, body: Value, cookie: &str) -> common::Reply {
    app.post_json("/api/v1/prospects/bulk", &body.to_string(), Some(cookie))
        .await
}

#[tokio::test]
async fn bad_requests_name_the_field_and_change_nothing() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    app.post_json("/api/v1/prospects/bulk", "{}", None)
        .await
        .assert_problem(401);
    let before = app.count("SELECT COUNT(*) FROM prospect_tags").await;
    for (body, field) in [
        (json!({"ids": [], "action": {"delete": {}}}), "ids"),
        (
            json!({"ids": [1], "action": {"add_tag": {"tag": "  "}}}),
            "action.tag",
        ),
        (
            json!({"ids": [1], "action": {"add_tag": {"tag": "x".repeat(41)}}}),
            "action.tag",
        ),
        (
            json!({"ids": [1], "action": {"assign_owner": {"owner_id": 999}}}),
            "action.owner_id",
        ),
        (json!({"ids": [1], "action": {"paint": {}}}), "action"),
    ] {
        let problem = bulk(&app, body.clone(), &cookie).await.assert_problem(422);
        assert!(
            problem.to_string().contains(field),
            "{body} should name {field}: {problem}"
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM prospect_tags").await,
        before
    );
}

#[tokio::test]
async fn owner_tags_delete_and_undo() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let ids: Vec<i64> = (10..=40).collect();

    let neighbours_before: Vec<Option<i64>> =
        sqlx::query_scalar("SELECT owner_id FROM prospects WHERE id IN (9, 41) ORDER BY id")
            .fetch_all(&app.state.db)
            .await
            .unwrap();
    let report = bulk(
        &app,
        json!({"ids": ids, "action": {"assign_owner": {"owner_id": 3}}}),
        &cookie,
    )
    .await
    .json();
    let already = report["affected"].as_i64().unwrap();
    assert!(already <= 31);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM prospects WHERE id BETWEEN 10 AND 40 AND owner_id = 3")
            .await,
        31
    );
    // Only the ids sent: the neighbours keep their owner.
    let neighbours: Vec<Option<i64>> =
        sqlx::query_scalar("SELECT owner_id FROM prospects WHERE id IN (9, 41) ORDER BY id")
            .fetch_all(&app.state.db)
            .await
            .unwrap();
    assert_eq!(neighbours, neighbours_before);

    bulk(
        &app,
        json!({"ids": ids, "action": {"add_tag": {"tag": "open-day"}}}),
        &cookie,
    )
    .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM prospect_tags WHERE tag = 'open-day'")
            .await,
        31
    );
    let listed = app
        .get("/api/v1/prospects?tag=open-day&limit=100", Some(&cookie))
        .await
        .json();
    assert_eq!(listed["total"], 31);
    bulk(
        &app,
        json!({"ids": [10, 11], "action": {"remove_tag": {"tag": "open-day"}}}),
        &cookie,
    )
    .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM prospect_tags WHERE tag = 'open-day'")
            .await,
        29
    );

    // Delete moves them to the trash: gone from the list, the index and
    // reads; restore brings every one back.
    let deleted = bulk(&app, json!({"ids": ids, "action": {"delete": {}}}), &cookie)
        .await
        .json();
    assert_eq!(deleted["affected"], 31);
    assert_eq!(
        app.get("/api/v1/prospects?limit=1", Some(&cookie))
            .await
            .json()["total"],
        269
    );
    let index = app
        .get("/api/v1/prospects/index", Some(&cookie))
        .await
        .json();
    assert_eq!(index["ids"].as_array().unwrap().len(), 269);
    app.get("/api/v1/prospects/20", Some(&cookie))
        .await
        .assert_problem(404);
    let restored = bulk(
        &app,
        json!({"ids": ids, "action": {"restore": {}}}),
        &cookie,
    )
    .await
    .json();
    assert_eq!(restored["affected"], 31);
    assert_eq!(
        app.get("/api/v1/prospects/20", Some(&cookie)).await.json()["id"],
        20
    );
}

#[tokio::test]
async fn a_single_delete_can_be_undone_and_the_trash_empties_after_30_days() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    assert_eq!(
        app.delete("/api/v1/prospects/5", Some(&cookie))
            .await
            .status,
        204
    );
    app.delete("/api/v1/prospects/5", Some(&cookie))
        .await
        .assert_problem(404);
    bulk(
        &app,
        json!({"ids": [5], "action": {"restore": {}}}),
        &cookie,
    )
    .await;
    assert_eq!(
        app.get("/api/v1/prospects/5", Some(&cookie)).await.status,
        200
    );

    app.delete("/api/v1/prospects/6", Some(&cookie)).await;
    sqlx::query("UPDATE prospects SET deleted_at = '2020-01-01T00:00:00Z' WHERE id = 6")
        .execute(&app.state.db)
        .await
        .unwrap();
    let mut db = app.state.db.acquire().await.unwrap();
    let purged = frontdesk_server::store::prospects::empty_trash(&mut db)
        .await
        .unwrap();
    assert_eq!(purged, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM prospects WHERE id = 6")
            .await,
        0
    );
}
