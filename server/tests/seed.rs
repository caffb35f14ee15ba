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

/// The demo's appointments are ones the club could have booked: no coach
/// (or room) is in two at once, the earlier one's buffer included (a booking
/// keeps its resource busy until its end plus its type's buffer, as the slot
/// engine counts it), and each lies inside its resource's opening hours.
#[tokio::test]
async fn the_demo_never_double_books_and_keeps_to_opening_hours() {
    use chrono::{DateTime, Datelike, Duration, Utc};

    let app = common::demo_app().await;
    let rows: Vec<(i64, i64, String, String, i64)> = sqlx::query_as(
        "SELECT a.id, a.resource_id, a.starts_at, a.ends_at, t.buffer_min FROM appointments a \
         JOIN appointment_types t ON t.id = a.type_id \
         WHERE a.status != 'cancelled' AND a.resource_id IS NOT NULL ORDER BY a.id",
    )
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    assert!(rows.len() >= 30, "only {} demo appointments", rows.len());
    /// One appointment: its resource is taken from `start` to `until`
    /// (its end plus its type's buffer).
    struct Busy {
        id: i64,
        resource: i64,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        until: DateTime<Utc>,
    }
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    let busy: Vec<Busy> = rows
        .iter()
        .map(|(id, resource, start, end, buffer)| Busy {
            id: *id,
            resource: *resource,
            start: at(start),
            end: at(end),
            until: at(end) + Duration::minutes(*buffer),
        })
        .collect();
    let mut clashes = Vec::new();
    for (i, a) in busy.iter().enumerate() {
        for b in &busy[i + 1..] {
            if a.resource == b.resource && a.start < b.until && b.start < a.until {
                clashes.push(format!(
                    "resource {}: #{} {}–{} and #{} {}–{} (buffers included)",
                    a.resource, a.id, a.start, a.until, b.id, b.start, b.until
                ));
            }
        }
    }
    assert!(clashes.is_empty(), "double-booked:\n{}", clashes.join("\n"));

    let tz: chrono_tz::Tz = frontdesk_server::store::seed::DEMO_TIMEZONE
        .parse()
        .unwrap();
    let blocks: Vec<(i64, Option<i64>, String, String)> = sqlx::query_as(
        "SELECT resource_id, weekday, start_time, end_time FROM availability_blocks \
         WHERE resource_id IS NOT NULL",
    )
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    let mut outside = Vec::new();
    for Busy {
        id,
        resource,
        start,
        end,
        ..
    } in &busy
    {
        let (start, end) = (start.with_timezone(&tz), end.with_timezone(&tz));
        let weekday = i64::from(start.weekday().number_from_monday());
        let (from, to) = (
            start.format("%H:%M").to_string(),
            end.format("%H:%M").to_string(),
        );
        let open = start.date_naive() == end.date_naive()
            && blocks.iter().any(|(r, day, open, close)| {
                r == resource && *day == Some(weekday) && *open <= from && to <= *close
            });
        if !open {
            outside.push(format!(
                "#{id}: resource {resource} on day {weekday} {from}–{to}"
            ));
        }
    }
    assert!(
        outside.is_empty(),
        "outside opening hours:\n{}",
        outside.join("\n")
    );
}
