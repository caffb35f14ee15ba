//! The demo club is seeded once, with what the other pages need.

mod common;

async fn count(app: &common::TestApp, table: &str) -> i64 {
    app.count(&format!("SELECT COUNT(*) FROM {table}")).await
}

#[tokio::test]
async fn demo_seed_is_complete_and_runs_once() {
    let app = common::demo_app().await;
    let tables = [
        "staff_users",
        "prospects",
        "prospect_tags",
        "agendas",
        "resources",
        "appointment_types",
        "availability_blocks",
        "appointments",
        "pipelines",
        "stages",
        "deals",
    ];
    let mut before = Vec::new();
    for t in tables {
        let n = count(&app, t).await;
        assert!(n > 0, "{t} is empty");
        before.push(n);
    }
    assert_eq!(
        before[1],
        frontdesk_server::store::seed::DEMO_PROSPECTS as i64
    );

    assert!(
        !frontdesk_server::store::seed::seed_demo(&app.state.db)
            .await
            .unwrap()
    );
    for (t, n) in tables.iter().zip(before) {
        assert_eq!(count(&app, t).await, n, "{t} changed on a second seed");
    }

    let sources: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT source FROM prospects ORDER BY source")
            .fetch_all(&app.state.db)
            .await
            .unwrap();
    for s in ["Facebook", "Flyer", "Referral", "Walk-in", "Website"] {
        assert!(sources.iter().any(|x| x == s), "no {s} prospects");
    }
    let tz: String = sqlx::query_scalar("SELECT timezone FROM agendas")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(tz, "Europe/Brussels");
    let markup: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM prospects WHERE first_name = 'S<s'")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(markup, 1);
}

#[tokio::test]
async fn without_demo_nothing_is_seeded() {
    let app = common::app().await;
    assert_eq!(count(&app, "prospects").await, 0);
    assert_eq!(count(&app, "staff_users").await, 0);
}
