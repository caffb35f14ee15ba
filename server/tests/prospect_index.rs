//! `GET /api/v1/prospects/index`, the list the browser searches itself:
//! staff only, complete, and giving exactly what the paged API gives for the
//! same search, filters and sort.

mod common;

use frontdesk_core::prospect_list::{self, ListView, ProspectIndex};

#[tokio::test]
async fn staff_only() {
    let app = common::demo_app().await;
    app.get("/api/v1/prospects/index", None)
        .await
        .assert_problem(401);
}

#[tokio::test]
async fn the_browser_rules_agree_with_the_api() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let reply = app.get("/api/v1/prospects/index", Some(&cookie)).await;
    assert_eq!(reply.status, 200);
    let index: ProspectIndex = serde_json::from_value(reply.json()).unwrap();
    assert_eq!(index.len(), 300);
    assert_eq!(index.today, chrono::Utc::now().date_naive().to_string());
    let rows = index.clone().into_rows();
    // Columns line up: the markup sample is one row, its fields together.
    let sample = rows.iter().find(|r| r.first_name == "S<s").unwrap();
    assert_eq!(sample.last_name, "QSqs");

    let a_tag = rows.iter().find_map(|r| r.tags.first().cloned()).unwrap();
    let a_city = rows[7].city.clone();
    let some_term = rows[3].last_name[..3].to_lowercase();
    let queries = [
        String::new(),
        "q=s%3Cs".to_owned(),
        format!("q={some_term}"),
        format!("q={}&sort=name", a_city.to_uppercase()),
        "q=example.be+470&sort=-city".to_owned(),
        "q=zzz+nothing".to_owned(),
        "status=new&sort=status".to_owned(),
        "source=Flyer&sort=-source".to_owned(),
        "owner=2&sort=name".to_owned(),
        "mine=true&sort=-name".to_owned(),
        format!("tag={a_tag}&sort=next_action_due"),
        "overdue=true&sort=-next_action_due".to_owned(),
        format!(
            "created_from={}&created_to={}&sort=created_at",
            &rows[200].created_at[..10],
            &rows[20].created_at[..10]
        ),
    ];
    for query in queries {
        let api = app
            .get(
                &format!("/api/v1/prospects?limit=500&{query}"),
                Some(&cookie),
            )
            .await
            .json();
        let api_ids: Vec<i64> = api["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
        let pairs: Vec<(String, String)> = url_pairs(&query);
        let view = ListView::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let ordered = prospect_list::order(&rows, view.sort);
        let mine = prospect_list::select(&rows, &ordered, &view, 1, &index.today);
        let browser_ids: Vec<i64> = mine.iter().map(|&i| rows[i as usize].id).collect();
        assert_eq!(browser_ids, api_ids, "for `{query}`");
        assert_eq!(api["total"], browser_ids.len(), "total for `{query}`");
    }
}

fn url_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let v = v.replace('+', " ").replace("%3C", "<");
            (k.to_owned(), v)
        })
        .collect()
}

#[tokio::test]
async fn the_kept_index_follows_every_change() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let first = fetch_index(&app, &cookie).await;
    assert_eq!(
        fetch_index(&app, &cookie).await,
        first,
        "kept while nothing changes"
    );

    let created = app
        .post_json(
            "/api/v1/prospects",
            r#"{"first_name":"Kept","last_name":"Fresh","status":"new"}"#,
            Some(&cookie),
        )
        .await
        .json();
    let id = created["id"].as_i64().unwrap();
    let after_create = fetch_index(&app, &cookie).await;
    assert_eq!(after_create.len(), first.len() + 1);

    // A tag written straight into the store (as any code path might) shows.
    sqlx::query("INSERT INTO prospect_tags (prospect_id, tag) VALUES (?, 'vip')")
        .bind(id)
        .execute(&app.state.db)
        .await
        .unwrap();
    let rows = fetch_index(&app, &cookie).await.into_rows();
    let row = rows.iter().find(|r| r.id == id).unwrap();
    assert_eq!(row.tags, ["vip"]);

    app.delete(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await;
    assert_eq!(fetch_index(&app, &cookie).await.len(), first.len());
}

async fn fetch_index(app: &common::TestApp, cookie: &str) -> ProspectIndex {
    let reply = app.get("/api/v1/prospects/index", Some(cookie)).await;
    assert_eq!(reply.status, 200);
    serde_json::from_value(reply.json()).unwrap()
}
