//! Bookings made through the widget: create (re-checked with the slot
//! engine on fresh data), confirm with a code, cancel with a token.

use chrono::{DateTime, Duration, Utc};
use frontdesk_core::model::{Booking, BookingStatus, OutboxMessage};
use sqlx::SqliteConnection;

use super::agenda::rfc3339;
use crate::secrets::{hash_secret, random_code, random_token};

/// Wrong codes allowed before a pending booking is released.
pub const MAX_CODE_ATTEMPTS: i64 = 5;

pub struct NewBooking<'a> {
    pub agenda_id: i64,
    pub type_id: i64,
    pub resource_id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub fields: &'a str,
    pub language: &'a str,
    pub pending: bool,
    /// The prospect a booking made by staff from a sales step is for.
    pub prospect_id: Option<i64>,
}

pub struct Created {
    pub booking: Booking,
    /// The code to send, when the booking waits for confirmation.
    pub code: Option<String>,
}

pub async fn insert(db: &mut SqliteConnection, new: NewBooking<'_>) -> sqlx::Result<Created> {
    let token = random_token();
    let code = new.pending.then(random_code);
    let status = if new.pending { "pending" } else { "approved" };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO appointments (agenda_id, type_id, resource_id, prospect_id, starts_at, ends_at, persons, \
         status, name, email, phone, fields, language, confirm_code_hash, manage_token_hash, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(new.agenda_id)
    .bind(new.type_id)
    .bind(new.resource_id)
    .bind(new.prospect_id)
    .bind(rfc3339(new.start))
    .bind(rfc3339(new.end))
    .bind(status)
    .bind(new.name.trim())
    .bind(new.email.trim())
    .bind(new.phone.trim())
    .bind(new.fields)
    .bind(new.language)
    .bind(code.as_deref().map(hash_secret))
    .bind(hash_secret(&token))
    .bind(super::now_rfc3339())
    .fetch_one(&mut *db)
    .await?;
    let mut booking = by_id(db, id).await?.expect("just inserted");
    booking.manage_token = Some(token);
    Ok(Created { booking, code })
}

const BOOKING_COLUMNS: &str = "a.id, a.agenda_id, a.status, a.type_id, t.name, a.starts_at, a.ends_at, \
     a.resource_id, r.name, a.name FROM appointments a JOIN appointment_types t ON t.id = a.type_id \
     LEFT JOIN resources r ON r.id = a.resource_id";

type BookingRow = (
    i64,
    i64,
    String,
    i64,
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    String,
);

fn booking_of(row: BookingRow) -> Booking {
    let (id, agenda_id, status, type_id, type_name, start, end, resource_id, resource_name, name) =
        row;
    Booking {
        id,
        agenda_id,
        status: match status.as_str() {
            "pending" => BookingStatus::Pending,
            "approved" => BookingStatus::Approved,
            _ => BookingStatus::Cancelled,
        },
        type_id,
        type_name,
        start,
        end,
        resource_id: resource_id.map(|r| r.to_string()),
        resource_name,
        name,
        manage_token: None,
    }
}

pub async fn by_id(db: &mut SqliteConnection, id: i64) -> sqlx::Result<Option<Booking>> {
    let row: Option<BookingRow> =
        sqlx::query_as(&format!("SELECT {BOOKING_COLUMNS} WHERE a.id = ?"))
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(booking_of))
}

/// The booking a manage token belongs to, with what confirming needs.
pub struct Managed {
    pub booking: Booking,
    pub code_hash: Option<String>,
    pub created_at: String,
    pub email: String,
    /// The language messages to the booker are written in.
    pub language: String,
}

pub async fn by_token(db: &mut SqliteConnection, token: &str) -> sqlx::Result<Option<Managed>> {
    let row: Option<(i64, Option<String>, String, String, String)> = sqlx::query_as(
        "SELECT id, confirm_code_hash, created_at, email, language FROM appointments \
         WHERE manage_token_hash = ?",
    )
    .bind(hash_secret(token))
    .fetch_optional(&mut *db)
    .await?;
    let Some((id, code_hash, created_at, email, language)) = row else {
        return Ok(None);
    };
    Ok(by_id(db, id).await?.map(|booking| Managed {
        booking,
        code_hash,
        created_at,
        email,
        language,
    }))
}

pub async fn approve(db: &mut SqliteConnection, id: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE appointments SET status = 'approved', confirm_code_hash = NULL WHERE id = ?",
    )
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// Counts a wrong code; returns how many tries are left.
pub async fn wrong_code(db: &mut SqliteConnection, id: i64) -> sqlx::Result<i64> {
    let attempts: i64 =
        sqlx::query_scalar("UPDATE appointments SET confirm_attempts = confirm_attempts + 1 WHERE id = ? RETURNING confirm_attempts")
            .bind(id)
            .fetch_one(&mut *db)
            .await?;
    let left = MAX_CODE_ATTEMPTS - attempts;
    if left <= 0 {
        cancel(db, id).await?;
    }
    Ok(left.max(0))
}

pub async fn cancel(db: &mut SqliteConnection, id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE appointments SET status = 'cancelled', cancelled_at = ? WHERE id = ?")
        .bind(super::now_rfc3339())
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Whether a pending booking's hold has run out.
pub fn hold_expired(created_at: &str, now: DateTime<Utc>) -> bool {
    DateTime::parse_from_rfc3339(created_at)
        .map(|c| c.with_timezone(&Utc) + Duration::minutes(super::agenda::PENDING_HOLD_MIN) < now)
        .unwrap_or(true)
}

pub mod idempotency {
    use sqlx::SqliteConnection;

    pub async fn find(
        db: &mut SqliteConnection,
        key: &str,
    ) -> sqlx::Result<Option<(String, String)>> {
        sqlx::query_as("SELECT request_hash, response FROM idempotency_keys WHERE key = ?")
            .bind(key)
            .fetch_optional(db)
            .await
    }

    pub async fn store(
        db: &mut SqliteConnection,
        key: &str,
        request_hash: &str,
        appointment_id: i64,
        response: &str,
    ) -> sqlx::Result<()> {
        // Keys are kept for a day: long enough for any retry.
        sqlx::query("DELETE FROM idempotency_keys WHERE created_at < datetime('now', '-1 day')")
            .execute(&mut *db)
            .await?;
        sqlx::query(
            "INSERT INTO idempotency_keys (key, request_hash, appointment_id, response, created_at) \
             VALUES (?, ?, ?, ?, datetime('now'))",
        )
        .bind(key)
        .bind(request_hash)
        .bind(appointment_id)
        .bind(response)
        .execute(db)
        .await?;
        Ok(())
    }
}

pub mod outbox {
    use super::*;

    pub async fn push(
        db: &mut SqliteConnection,
        appointment_id: Option<i64>,
        to: &str,
        subject: &str,
        body: &str,
    ) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT INTO outbox (appointment_id, to_address, subject, body, created_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(appointment_id)
        .bind(to)
        .bind(subject)
        .bind(body)
        .bind(crate::store::now_rfc3339())
        .execute(db)
        .await?;
        Ok(())
    }

    pub async fn list(db: &mut SqliteConnection, limit: i64) -> sqlx::Result<Vec<OutboxMessage>> {
        let rows: Vec<(i64, String, String, String, String, Option<i64>)> = sqlx::query_as(
            "SELECT id, to_address, subject, body, created_at, appointment_id FROM outbox ORDER BY id DESC LIMIT ?",
        )
        .bind(limit)
        .fetch_all(db)
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(id, to, subject, body, created_at, booking_id)| OutboxMessage {
                    id,
                    to,
                    subject,
                    body,
                    created_at,
                    booking_id,
                },
            )
            .collect())
    }
}
