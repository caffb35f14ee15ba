//! Staff sessions: a random token in an HttpOnly cookie, its SHA-256 here.

use chrono::{Duration, SecondsFormat, Utc};
use frontdesk_core::model::{SessionInfo, StaffUser};
use sqlx::SqlitePool;

use super::users;
use crate::secrets::{hash_secret, random_token};

/// A front-desk shift plus margin; after that a person signs in again.
pub const SESSION_HOURS: i64 = 12;

pub struct NewSession {
    /// The secret for the cookie; never stored.
    pub token: String,
    pub info: SessionInfo,
}

pub async fn create(db: &SqlitePool, user: StaffUser) -> anyhow::Result<NewSession> {
    let token = random_token();
    let now = Utc::now();
    let expires_at =
        (now + Duration::hours(SESSION_HOURS)).to_rfc3339_opts(SecondsFormat::Secs, true);
    // Expired rows are dropped here so the table never grows without bound.
    sqlx::query("DELETE FROM sessions WHERE expires_at < ?")
        .bind(now.to_rfc3339_opts(SecondsFormat::Secs, true))
        .execute(db)
        .await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
    )
    .bind(hash_secret(&token))
    .bind(user.id)
    .bind(now.to_rfc3339_opts(SecondsFormat::Secs, true))
    .bind(&expires_at)
    .execute(db)
    .await?;
    Ok(NewSession {
        token,
        info: SessionInfo { user, expires_at },
    })
}

/// The session a cookie token belongs to, if it exists, has not expired
/// and its account is active. The role is read here, at each request, so
/// a changed role counts at once.
pub async fn find(db: &SqlitePool, token: &str) -> Result<Option<SessionInfo>, sqlx::Error> {
    let row: Option<(i64, String, String, String, bool, String)> = sqlx::query_as(
        "SELECT u.id, u.email, u.name, u.role, u.active, s.expires_at FROM sessions s \
         JOIN staff_users u ON u.id = s.user_id \
         WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1",
    )
    .bind(hash_secret(token))
    .bind(crate::store::now_rfc3339())
    .fetch_optional(db)
    .await?;
    Ok(
        row.map(|(id, email, name, role, active, expires_at)| SessionInfo {
            user: users::user_of((id, email, name, role, active)),
            expires_at,
        }),
    )
}

/// Ends every session of `user_id` but the one holding `keep` (none when
/// `None`): after a password change, and for "sign out everywhere".
pub async fn end_all(
    db: &SqlitePool,
    user_id: i64,
    keep: Option<&str>,
) -> Result<u64, sqlx::Error> {
    let keep = keep.map(hash_secret).unwrap_or_default();
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = ? AND token_hash != ?")
        .bind(user_id)
        .bind(keep)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

pub async fn delete(db: &SqlitePool, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
        .bind(hash_secret(token))
        .execute(db)
        .await?;
    Ok(())
}

/// How long a browser stays known to an account after its last sign-in
/// there (the device cookie's lifetime, renewed at each sign-in).
pub const DEVICE_DAYS: i64 = 365;
/// The browsers remembered per account, the most recently used.
const DEVICES_PER_USER: i64 = 20;

/// Whether the browser holding device cookie `token` signed in to the
/// account of `email` within the last `DEVICE_DAYS`.
pub async fn known_device(db: &SqlitePool, token: &str, email: &str) -> Result<bool, sqlx::Error> {
    let since =
        (Utc::now() - Duration::days(DEVICE_DAYS)).to_rfc3339_opts(SecondsFormat::Secs, true);
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM device_cookies d JOIN staff_users u ON u.id = d.user_id \
         WHERE d.token_hash = ? AND u.email = ? AND d.last_used_at > ?",
    )
    .bind(hash_secret(token))
    .bind(email.trim())
    .bind(since)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// Remembers that a browser signed in to `user_id`, and returns the token
/// for its device cookie: the one it presented if this server issued it
/// (so one browser can be known to several accounts), else a new one (a
/// token the browser was given by someone else is never adopted).
pub async fn remember_device(
    db: &SqlitePool,
    presented: Option<&str>,
    user_id: i64,
) -> Result<String, sqlx::Error> {
    let issued = match presented {
        Some(token) => sqlx::query_scalar::<_, i64>(
            "SELECT 1 FROM device_cookies WHERE token_hash = ? LIMIT 1",
        )
        .bind(hash_secret(token))
        .fetch_optional(db)
        .await?
        .is_some(),
        None => false,
    };
    let token = match presented {
        Some(token) if issued => token.to_owned(),
        _ => random_token(),
    };
    let now = Utc::now();
    let since = (now - Duration::days(DEVICE_DAYS)).to_rfc3339_opts(SecondsFormat::Secs, true);
    let now = now.to_rfc3339_opts(SecondsFormat::Secs, true);
    // Forgotten browsers are dropped here, so the table stays small.
    sqlx::query("DELETE FROM device_cookies WHERE last_used_at <= ?")
        .bind(&since)
        .execute(db)
        .await?;
    sqlx::query(
        "INSERT INTO device_cookies (token_hash, user_id, created_at, last_used_at) \
         VALUES (?, ?, ?, ?) \
         ON CONFLICT (token_hash, user_id) DO UPDATE SET last_used_at = excluded.last_used_at",
    )
    .bind(hash_secret(&token))
    .bind(user_id)
    .bind(&now)
    .bind(&now)
    .execute(db)
    .await?;
    sqlx::query(
        "DELETE FROM device_cookies WHERE user_id = ? AND token_hash NOT IN \
         (SELECT token_hash FROM device_cookies WHERE user_id = ? \
          ORDER BY last_used_at DESC LIMIT ?)",
    )
    .bind(user_id)
    .bind(user_id)
    .bind(DEVICES_PER_USER)
    .execute(db)
    .await?;
    Ok(token)
}
