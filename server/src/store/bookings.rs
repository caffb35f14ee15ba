//! Bookings made through the widget: create (re-checked with the slot
//! engine on fresh data), confirm with a code, cancel with a token.

use chrono::{DateTime, Duration, Utc};
use frontdesk_core::model::{Booking, BookingStatus, OutboxMessage};
use sqlx::SqliteConnection;

use super::agenda::{relocal, rfc3339};
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
    /// Who asked for it (`client_hash`), for the limit on pending bookings.
    pub client_hash: Option<String>,
    /// Its id at the vendor that keeps the agenda; a vendor sends its own
    /// code, so such a booking gets none of Frontdesk's.
    pub remote_id: Option<String>,
}

pub struct Created {
    pub booking: Booking,
    /// The code to send, when the booking waits for confirmation.
    pub code: Option<String>,
}

pub async fn insert(db: &mut SqliteConnection, new: NewBooking<'_>) -> sqlx::Result<Created> {
    let token = random_token();
    let code = (new.pending && new.remote_id.is_none()).then(random_code);
    let status = if new.pending { "pending" } else { "approved" };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO appointments (agenda_id, type_id, resource_id, prospect_id, starts_at, ends_at, persons, \
         status, name, email, phone, fields, language, confirm_code_hash, manage_token_hash, created_at, \
         client_hash, code_sent_at, remote_id) \
         VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
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
    .bind(new.client_hash.as_deref())
    .bind(new.pending.then(super::now_rfc3339))
    .bind(new.remote_id.as_deref())
    .fetch_one(&mut *db)
    .await?;
    let mut booking = by_id(db, id).await?.expect("just inserted");
    booking.manage_token = Some(token);
    Ok(Created { booking, code })
}

/// The type's name is the one of the booking's language where the club
/// translated it (migration 0017), for the member's pages and messages.
const BOOKING_COLUMNS: &str = "a.id, a.agenda_id, a.status, a.type_id, \
     COALESCE(NULLIF(TRIM(json_extract(t.translations, '$.name.' || a.language)), ''), t.name), \
     a.starts_at, a.ends_at, \
     a.resource_id, r.name, a.name, g.timezone FROM appointments a JOIN appointment_types t ON t.id = a.type_id \
     JOIN agendas g ON g.id = a.agenda_id LEFT JOIN resources r ON r.id = a.resource_id";

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
    String,
);

/// Times are written with the agenda's offset (`local_rfc3339`): a page
/// cutting the hour out of a UTC time told a member the wrong hour.
fn booking_of(row: BookingRow) -> Booking {
    let (
        id,
        agenda_id,
        status,
        type_id,
        type_name,
        start,
        end,
        resource_id,
        resource_name,
        name,
        timezone,
    ) = row;
    let tz: chrono_tz::Tz = timezone.parse().unwrap_or(chrono_tz::UTC);
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
        start: relocal(&start, tz),
        end: relocal(&end, tz),
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
    /// Its id at the vendor that keeps the agenda, if one does.
    pub remote_id: Option<String>,
}

pub async fn by_token(db: &mut SqliteConnection, token: &str) -> sqlx::Result<Option<Managed>> {
    type Row = (i64, Option<String>, String, String, String, Option<String>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, confirm_code_hash, created_at, email, language, remote_id FROM appointments \
         WHERE manage_token_hash = ?",
    )
    .bind(hash_secret(token))
    .fetch_optional(&mut *db)
    .await?;
    let Some((id, code_hash, created_at, email, language, remote_id)) = row else {
        return Ok(None);
    };
    Ok(by_id(db, id).await?.map(|booking| Managed {
        booking,
        code_hash,
        created_at,
        email,
        language,
        remote_id,
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

/// The key a client's pending bookings are counted under: its address
/// (per /64 for IPv6), hashed, so the table holds no address.
pub fn client_hash(client: crate::api::client::ClientAddr) -> String {
    hash_secret(&format!("client {}", client.limit_key()))
}

/// How many bookings still wait for their code (hold not run out) for this
/// email (any letter case) and for this client.
pub async fn pending_counts(
    db: &mut SqliteConnection,
    email: &str,
    client_hash: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<(i64, i64)> {
    let since = rfc3339(now - Duration::minutes(super::agenda::PENDING_HOLD_MIN));
    sqlx::query_as(
        "SELECT coalesce(sum(lower(email) = lower(?)), 0), coalesce(sum(client_hash = ?), 0) \
         FROM appointments WHERE status = 'pending' AND created_at >= ?",
    )
    .bind(email.trim())
    .bind(client_hash)
    .bind(since)
    .fetch_one(db)
    .await
}

/// Times a code may be sent for one booking (the first included), and the
/// wait between two sends.
pub const MAX_CODE_SENDS: i64 = 4;
pub const CODE_RESEND_WAIT_S: i64 = 30;

/// Why a code cannot be sent again now.
#[derive(Debug, PartialEq, Eq)]
pub enum Resend {
    Sent {
        code: String,
    },
    /// Asked again too soon: wait this many seconds.
    Wait(i64),
    /// Sent as many times as allowed.
    Exhausted,
}

/// A fresh code for a pending booking (the old one stops working), to
/// `email` when given (a typo corrected), counted against the limits.
pub async fn resend_code(
    db: &mut SqliteConnection,
    id: i64,
    email: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<Resend> {
    let (sends, sent_at): (i64, Option<String>) =
        sqlx::query_as("SELECT code_sends, code_sent_at FROM appointments WHERE id = ?")
            .bind(id)
            .fetch_one(&mut *db)
            .await?;
    if sends >= MAX_CODE_SENDS {
        return Ok(Resend::Exhausted);
    }
    let since = sent_at
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| (now - t.with_timezone(&Utc)).num_seconds());
    if let Some(since) = since.filter(|s| *s < CODE_RESEND_WAIT_S) {
        return Ok(Resend::Wait(CODE_RESEND_WAIT_S - since.max(0)));
    }
    let code = random_code();
    sqlx::query(
        "UPDATE appointments SET confirm_code_hash = ?, code_sends = code_sends + 1, \
         code_sent_at = ?, email = coalesce(?, email) WHERE id = ?",
    )
    .bind(hash_secret(&code))
    .bind(rfc3339(now))
    .bind(email.map(str::trim))
    .bind(id)
    .execute(db)
    .await?;
    Ok(Resend::Sent { code })
}

/// Whether a pending booking's hold has run out.
pub fn hold_expired(created_at: &str, now: DateTime<Utc>) -> bool {
    DateTime::parse_from_rfc3339(created_at)
        .map(|c| c.with_timezone(&Utc) + Duration::minutes(super::agenda::PENDING_HOLD_MIN) < now)
        .unwrap_or(true)
}

/// Answers kept for `Idempotency-Key` replays. The key is stored only as
/// its SHA-256, and the answer (which holds the booking's manage token)
/// sealed with a key derived from it: the table alone gives neither.
pub mod idempotency {
    use sqlx::SqliteConnection;

    use crate::secrets::{hash_secret, sealed};

    const PURPOSE: &str = "idempotent booking answer";

    pub enum Found {
        /// The first answer, for the same request.
        Replay(String),
        /// The key was used for another request.
        Other,
    }

    pub async fn find(
        db: &mut SqliteConnection,
        key: &str,
        request_hash: &str,
    ) -> sqlx::Result<Option<Found>> {
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT request_hash, response FROM idempotency_keys WHERE key = ? \
             AND created_at >= datetime('now', '-1 day')",
        )
        .bind(hash_secret(key))
        .fetch_optional(db)
        .await?;
        Ok(row.map(|(hash, stored)| {
            match (hash == request_hash, sealed::open(key, PURPOSE, &stored)) {
                (true, Some(answer)) => Found::Replay(answer),
                _ => Found::Other,
            }
        }))
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
        .bind(hash_secret(key))
        .bind(request_hash)
        .bind(appointment_id)
        .bind(sealed::seal(key, PURPOSE, response))
        .execute(db)
        .await?;
        Ok(())
    }
}

pub mod outbox {
    use super::*;

    /// A message for the outbox: the text to deliver, and what staff may
    /// read of it (`crate::messages::Message::for_staff`).
    pub struct Outgoing<'a> {
        pub appointment_id: Option<i64>,
        pub to: &'a str,
        pub message: &'a crate::messages::Message,
        /// Attach the booking's calendar file when it is delivered.
        pub attach_ics: bool,
    }

    pub async fn push(db: &mut SqliteConnection, out: Outgoing<'_>) -> sqlx::Result<()> {
        let staff = out.message.for_staff();
        sqlx::query(
            "INSERT INTO outbox (appointment_id, to_address, subject, body, staff_subject, staff_body, \
             attach_ics, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(out.appointment_id)
        .bind(out.to)
        .bind(&out.message.subject)
        .bind(&out.message.body)
        .bind(&staff.subject)
        .bind(&staff.body)
        .bind(out.attach_ics)
        .bind(crate::store::now_rfc3339())
        .execute(db)
        .await?;
        Ok(())
    }

    /// The latest messages as staff may read them: never a manage token.
    pub async fn list(db: &mut SqliteConnection, limit: i64) -> sqlx::Result<Vec<OutboxMessage>> {
        let rows: Vec<(i64, String, String, String, String, Option<i64>)> = sqlx::query_as(
            "SELECT id, to_address, coalesce(staff_subject, ''), coalesce(staff_body, ''), created_at, \
             appointment_id FROM outbox ORDER BY id DESC LIMIT ?",
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
