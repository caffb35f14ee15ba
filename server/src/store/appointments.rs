//! Appointments as staff see them: the agenda of a few days, with names and
//! the club's wall-clock times.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use frontdesk_core::model::{Attendance, BookingStatus, StaffAppointment};
use sqlx::SqliteConnection;

use super::agenda::{PENDING_HOLD_MIN, rfc3339};

/// The club's time zone: the setting, else the first agenda's, else UTC.
pub async fn club_timezone(db: &mut SqliteConnection) -> sqlx::Result<Tz> {
    let setting: Option<String> =
        sqlx::query_scalar("SELECT value FROM settings WHERE key = 'timezone'")
            .fetch_optional(&mut *db)
            .await?;
    let zone = match setting {
        Some(z) => Some(z),
        None => {
            sqlx::query_scalar("SELECT timezone FROM agendas ORDER BY id LIMIT 1")
                .fetch_optional(&mut *db)
                .await?
        }
    };
    Ok(zone.and_then(|z| z.parse().ok()).unwrap_or(chrono_tz::UTC))
}

const COLUMNS: &str = "a.id, a.agenda_id, a.type_id, t.name AS type_name, a.resource_id, \
     r.name AS resource_name, r.kind AS resource_kind, a.prospect_id, a.name, a.status, a.starts_at, \
     a.ends_at, g.timezone, a.attendance FROM appointments a JOIN appointment_types t ON t.id = a.type_id \
     JOIN agendas g ON g.id = a.agenda_id LEFT JOIN resources r ON r.id = a.resource_id";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    agenda_id: i64,
    type_id: i64,
    type_name: String,
    resource_id: Option<i64>,
    resource_name: Option<String>,
    resource_kind: Option<String>,
    prospect_id: Option<i64>,
    name: String,
    status: String,
    starts_at: String,
    ends_at: String,
    timezone: String,
    attendance: Option<String>,
}

fn local(stamp: &str, tz: Tz) -> Option<chrono::DateTime<Tz>> {
    DateTime::parse_from_rfc3339(stamp)
        .ok()
        .map(|t| t.with_timezone(&tz))
}

fn appointment_of(r: Row) -> StaffAppointment {
    let tz: Tz = r.timezone.parse().unwrap_or(chrono_tz::UTC);
    let start = local(&r.starts_at, tz);
    let end = local(&r.ends_at, tz);
    StaffAppointment {
        id: r.id,
        agenda_id: r.agenda_id,
        type_id: r.type_id,
        type_name: r.type_name,
        resource_id: r.resource_id.map(|id| id.to_string()),
        resource_name: r.resource_name,
        resource_kind: r.resource_kind,
        prospect_id: r.prospect_id,
        name: r.name,
        status: match r.status.as_str() {
            "pending" => BookingStatus::Pending,
            "approved" => BookingStatus::Approved,
            _ => BookingStatus::Cancelled,
        },
        date: start
            .map(|s| s.date_naive().to_string())
            .unwrap_or_default(),
        start_time: start
            .map(|s| s.format("%H:%M").to_string())
            .unwrap_or_default(),
        end_time: end
            .map(|e| e.format("%H:%M").to_string())
            .unwrap_or_default(),
        start: start
            .map(|s| s.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
            .unwrap_or(r.starts_at),
        end: end
            .map(|e| e.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
            .unwrap_or(r.ends_at),
        timezone: r.timezone,
        attendance: match r.attendance.as_deref() {
            Some("finished") => Some(Attendance::Finished),
            Some("no_show") => Some(Attendance::NoShow),
            _ => None,
        },
    }
}

/// The appointments starting on local dates `from..=to` of `tz`, in start
/// order, of the agendas `vendor` keeps (none: Frontdesk's own). Pending
/// bookings whose hold ran out are left out: their slot is free again.
pub async fn list(
    db: &mut SqliteConnection,
    tz: Tz,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
    vendor: Option<&str>,
) -> sqlx::Result<Vec<StaffAppointment>> {
    let bound = |date: NaiveDate| day_start(date, tz);
    let hold_since = rfc3339(now - chrono::Duration::minutes(PENDING_HOLD_MIN));
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} WHERE a.starts_at >= ? AND a.starts_at < ? \
         AND NOT (a.status = 'pending' AND a.created_at < ?) AND g.vendor IS ? \
         ORDER BY a.starts_at, a.id"
    ))
    .bind(bound(from))
    .bind(bound(to + chrono::Duration::days(1)))
    .bind(hold_since)
    .bind(vendor)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(appointment_of).collect())
}

/// The instant local date `date` of `tz` begins, as stored (UTC).
fn day_start(date: NaiveDate, tz: Tz) -> String {
    let midnight = date.and_time(chrono::NaiveTime::MIN);
    midnight
        .and_local_timezone(tz)
        .earliest()
        .map(|t| rfc3339(t.with_timezone(&Utc)))
        .unwrap_or_else(|| rfc3339(midnight.and_utc()))
}

/// One customer's appointments starting on local dates `from..=to` of
/// `tz`, in start order, of the agendas `vendor` keeps (none: Frontdesk's
/// own): the ones made for `prospect_id`, and the ones booked with `email`
/// (any letter case; an empty email matches nothing). Pending bookings
/// whose hold ran out are left out, as in [`list`].
#[allow(clippy::too_many_arguments)]
pub async fn of_customer(
    db: &mut SqliteConnection,
    tz: Tz,
    prospect_id: i64,
    email: &str,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
    vendor: Option<&str>,
) -> sqlx::Result<Vec<StaffAppointment>> {
    let hold_since = rfc3339(now - chrono::Duration::minutes(PENDING_HOLD_MIN));
    let email = email.trim();
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} WHERE (a.prospect_id = ? OR (? <> '' AND lower(trim(a.email)) = lower(?))) \
         AND a.starts_at >= ? AND a.starts_at < ? \
         AND NOT (a.status = 'pending' AND a.created_at < ?) AND g.vendor IS ? \
         ORDER BY a.starts_at, a.id"
    ))
    .bind(prospect_id)
    .bind(email)
    .bind(email)
    .bind(day_start(from, tz))
    .bind(day_start(to + chrono::Duration::days(1), tz))
    .bind(hold_since)
    .bind(vendor)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(appointment_of).collect())
}

pub async fn by_id(db: &mut SqliteConnection, id: i64) -> sqlx::Result<Option<StaffAppointment>> {
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} WHERE a.id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(appointment_of))
}
