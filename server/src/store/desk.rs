//! The front desk's changes to appointments and opening hours, as rows:
//! for Frontdesk's own agendas the whole change, for a vendor's the row
//! kept beside the vendor's record once the vendor accepted. And the log of
//! who changed what, with the reason for any rule overridden.

use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_core::model::{AgendaBlock, Attendance};
use sqlx::SqliteConnection;

use super::agenda::rfc3339;

/// What the desk needs of one appointment to change it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeskRow {
    pub id: i64,
    pub agenda_id: i64,
    pub type_id: i64,
    pub resource_id: Option<i64>,
    pub starts_at: String,
    pub ends_at: String,
    pub status: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub fields: String,
    pub language: String,
    pub remote_id: Option<String>,
}

impl DeskRow {
    pub fn start(&self) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&self.starts_at)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }

    pub fn end(&self) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&self.ends_at)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }
}

pub async fn row(db: &mut SqliteConnection, id: i64) -> sqlx::Result<Option<DeskRow>> {
    sqlx::query_as(
        "SELECT id, agenda_id, type_id, resource_id, starts_at, ends_at, status, name, email, phone, \
         fields, language, remote_id FROM appointments WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Moves or resizes; a vendor's move may give the appointment a new id
/// there (`remote_id`).
pub async fn reschedule(
    db: &mut SqliteConnection,
    id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    resource_id: Option<i64>,
    remote_id: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE appointments SET starts_at = ?, ends_at = ?, resource_id = ?, \
         remote_id = coalesce(?, remote_id) WHERE id = ?",
    )
    .bind(rfc3339(start))
    .bind(rfc3339(end))
    .bind(resource_id)
    .bind(remote_id)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn cancel(db: &mut SqliteConnection, id: i64, reason: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE appointments SET status = 'cancelled', cancelled_at = ?, cancel_reason = ? WHERE id = ?",
    )
    .bind(super::now_rfc3339())
    .bind(Some(reason.trim()).filter(|r| !r.is_empty()))
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn remove(db: &mut SqliteConnection, id: i64) -> sqlx::Result<()> {
    // Messages about it stay in the outbox (ON DELETE SET NULL).
    sqlx::query("DELETE FROM appointments WHERE id = ?")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn set_attendance(
    db: &mut SqliteConnection,
    id: i64,
    attendance: Option<Attendance>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE appointments SET attendance = ? WHERE id = ?")
        .bind(attendance.map(Attendance::as_str))
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// One line of the desk's log.
pub struct LogEntry<'a> {
    pub agenda_id: i64,
    pub appointment_id: Option<i64>,
    pub staff_user_id: i64,
    pub action: &'static str,
    /// `outside_hours` or `taken`, when a rule was overridden.
    pub overridden: Option<&'static str>,
    pub reason: Option<&'a str>,
}

pub async fn log(db: &mut SqliteConnection, e: LogEntry<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO agenda_log (agenda_id, appointment_id, staff_user_id, action, overridden, reason, at) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(e.agenda_id)
    .bind(e.appointment_id)
    .bind(e.staff_user_id)
    .bind(e.action)
    .bind(e.overridden)
    .bind(e.reason.map(str::trim).filter(|r| !r.is_empty()))
    .bind(super::now_rfc3339())
    .execute(db)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct BlockRow {
    id: i64,
    agenda_id: i64,
    resource_id: Option<i64>,
    weekday: Option<i64>,
    date: Option<String>,
    start_time: String,
    end_time: String,
    remote_id: Option<String>,
}

fn block_of(r: BlockRow) -> AgendaBlock {
    AgendaBlock {
        id: r.id,
        agenda_id: r.agenda_id,
        resource_id: r.resource_id.map(|r| r.to_string()),
        weekday: r.weekday.and_then(|w| u8::try_from(w).ok()),
        date: r.date,
        start: r.start_time,
        end: r.end_time,
    }
}

/// The weekly hours and the dated blocks of `from..=to` of an agenda.
pub async fn blocks(
    db: &mut SqliteConnection,
    agenda_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Vec<AgendaBlock>> {
    let rows: Vec<BlockRow> = sqlx::query_as(
        "SELECT id, agenda_id, resource_id, weekday, date, start_time, end_time, remote_id FROM availability_blocks \
         WHERE agenda_id = ? AND (date IS NULL OR date BETWEEN ? AND ?) \
         ORDER BY date IS NOT NULL, weekday, date, start_time, id",
    )
    .bind(agenda_id)
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(block_of).collect())
}

/// One block, and its id at the vendor when Frontdesk added it there.
pub async fn block(
    db: &mut SqliteConnection,
    id: i64,
) -> sqlx::Result<Option<(AgendaBlock, Option<String>)>> {
    let row: Option<BlockRow> = sqlx::query_as(
        "SELECT id, agenda_id, resource_id, weekday, date, start_time, end_time, remote_id \
         FROM availability_blocks WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| {
        let remote = r.remote_id.clone();
        (block_of(r), remote)
    }))
}

pub struct NewBlock<'a> {
    pub agenda_id: i64,
    pub resource_id: Option<i64>,
    pub date: NaiveDate,
    pub start: &'a str,
    pub end: &'a str,
    pub remote_id: Option<&'a str>,
}

pub async fn add_block(db: &mut SqliteConnection, b: NewBlock<'_>) -> sqlx::Result<AgendaBlock> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO availability_blocks (agenda_id, resource_id, date, start_time, end_time, remote_id) \
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(b.agenda_id)
    .bind(b.resource_id)
    .bind(b.date.to_string())
    .bind(b.start)
    .bind(b.end)
    .bind(b.remote_id)
    .fetch_one(&mut *db)
    .await?;
    Ok(AgendaBlock {
        id,
        agenda_id: b.agenda_id,
        resource_id: b.resource_id.map(|r| r.to_string()),
        weekday: None,
        date: Some(b.date.to_string()),
        start: b.start.to_owned(),
        end: b.end.to_owned(),
    })
}

pub async fn remove_block(db: &mut SqliteConnection, id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM availability_blocks WHERE id = ?")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Replaces the weekly hours of a coach or room (`None`: the ones every
/// coach and room of the agenda shares) with `week`, and returns them.
pub async fn replace_weekly(
    db: &mut SqliteConnection,
    agenda_id: i64,
    resource_id: Option<i64>,
    week: &[frontdesk_core::hours::Span],
) -> sqlx::Result<Vec<AgendaBlock>> {
    sqlx::query(
        "DELETE FROM availability_blocks WHERE agenda_id = ? AND weekday IS NOT NULL AND resource_id IS ?",
    )
    .bind(agenda_id)
    .bind(resource_id)
    .execute(&mut *db)
    .await?;
    let mut blocks = Vec::with_capacity(week.len());
    for span in week {
        let (start, end) = (
            frontdesk_core::calendar::wall_text(span.start),
            frontdesk_core::calendar::wall_text(span.end),
        );
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO availability_blocks (agenda_id, resource_id, weekday, start_time, end_time) \
             VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(agenda_id)
        .bind(resource_id)
        .bind(i64::from(span.weekday))
        .bind(&start)
        .bind(&end)
        .fetch_one(&mut *db)
        .await?;
        blocks.push(AgendaBlock {
            id,
            agenda_id,
            resource_id: resource_id.map(|r| r.to_string()),
            weekday: Some(span.weekday),
            date: None,
            start,
            end,
        });
    }
    Ok(blocks)
}
