//! A busy front desk for the calendar's benchmark: the demo agenda grown
//! to `resources` coaches, open 07:00–22:00 every day, with `per_week`
//! appointments in this week and in the next (so switching week shows as
//! many as the first, and other ones: other names, times and places, so
//! the switch draws each appointment anew rather than finding it the
//! same). Only ever adds, so a second start changes nothing.

use chrono::{Datelike, Duration, NaiveTime, TimeZone, Utc};
use sqlx::SqlitePool;

use super::seed::DEMO_TIMEZONE;

const OPEN: u32 = 7;
const CLOSE: u32 = 22;
const MINUTES: i64 = 30;

pub async fn busy_weeks(db: &SqlitePool, resources: usize, per_week: usize) -> anyhow::Result<()> {
    let mut tx = super::begin_write(db).await?;
    let (agenda, type_id): (i64, i64) = sqlx::query_as(
        "SELECT a.id, t.id FROM agendas a JOIN appointment_types t ON t.agenda_id = a.id \
         ORDER BY a.id, t.id LIMIT 1",
    )
    .fetch_one(&mut *tx)
    .await?;
    let mut coaches: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM resources WHERE agenda_id = ? ORDER BY id")
            .bind(agenda)
            .fetch_all(&mut *tx)
            .await?;
    while coaches.len() < resources {
        let name = format!("Bench coach {}", coaches.len() + 1);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO resources (agenda_id, name, kind) VALUES (?, ?, 'coach') RETURNING id",
        )
        .bind(agenda)
        .bind(&name)
        .fetch_one(&mut *tx)
        .await?;
        for day in 1..=7 {
            sqlx::query(
                "INSERT INTO availability_blocks (agenda_id, resource_id, weekday, start_time, end_time) \
                 VALUES (?, ?, ?, ?, ?)",
            )
            .bind(agenda)
            .bind(id)
            .bind(day)
            .bind(format!("{OPEN:02}:00"))
            .bind(format!("{CLOSE:02}:00"))
            .execute(&mut *tx)
            .await?;
        }
        coaches.push(id);
    }
    coaches.truncate(resources);

    let tz: chrono_tz::Tz = DEMO_TIMEZONE.parse()?;
    let today = Utc::now().with_timezone(&tz).date_naive();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let slots_a_day = ((CLOSE - OPEN) as i64 * 60 / MINUTES) as usize;
    for week in 0..2 {
        let first = monday + Duration::weeks(week);
        let (from, to) = (
            tz.from_local_datetime(&first.and_time(NaiveTime::MIN))
                .earliest(),
            tz.from_local_datetime(&(first + Duration::days(7)).and_time(NaiveTime::MIN))
                .earliest(),
        );
        let (Some(from), Some(to)) = (from, to) else {
            continue;
        };
        let (from, to) = (from.with_timezone(&Utc), to.with_timezone(&Utc));
        let have: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM appointments WHERE agenda_id = ? AND starts_at >= ? AND starts_at < ?",
        )
        .bind(agenda)
        .bind(super::seed::ts(from))
        .bind(super::seed::ts(to))
        .fetch_one(&mut *tx)
        .await?;
        // Spread over the days and coaches; each (day, coach) column fills
        // from the morning in its own order of slots, another one each week.
        for n in usize::try_from(have).unwrap_or(0)..per_week {
            let day = n % 7;
            let coach = (n / 7) % coaches.len();
            let slot =
                (n / (7 * coaches.len()) * 7 + coach * 3 + day + week as usize * 11) % slots_a_day;
            let date = first + Duration::days(day as i64);
            let wall = date.and_time(NaiveTime::from_hms_opt(OPEN, 0, 0).unwrap_or(NaiveTime::MIN))
                + Duration::minutes(MINUTES * slot as i64);
            let Some(start) = tz.from_local_datetime(&wall).earliest() else {
                continue;
            };
            let start = start.with_timezone(&Utc);
            sqlx::query(
                "INSERT INTO appointments (agenda_id, type_id, resource_id, starts_at, ends_at, \
                 persons, status, name, created_at) VALUES (?, ?, ?, ?, ?, 1, 'approved', ?, ?)",
            )
            .bind(agenda)
            .bind(type_id)
            .bind(coaches[coach])
            .bind(super::seed::ts(start))
            .bind(super::seed::ts(start + Duration::minutes(MINUTES - 5)))
            .bind(format!("Member {}", week as usize * per_week + n))
            .bind(super::now_rfc3339())
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
