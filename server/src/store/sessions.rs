//! Staff sessions: a random token in an HttpOnly cookie, its SHA-256 here.

use chrono::{Duration, SecondsFormat, Utc};
use frontdesk_core::model::{SessionInfo, StaffUser};
use sqlx::SqlitePool;

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

/// The session a cookie token belongs to, if it exists and has not expired.
pub async fn find(db: &SqlitePool, token: &str) -> Result<Option<SessionInfo>, sqlx::Error> {
    let row: Option<(i64, String, String, String)> = sqlx::query_as(
        "SELECT u.id, u.email, u.name, s.expires_at FROM sessions s \
         JOIN staff_users u ON u.id = s.user_id \
         WHERE s.token_hash = ? AND s.expires_at > ?",
    )
    .bind(hash_secret(token))
    .bind(crate::store::now_rfc3339())
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(id, email, name, expires_at)| SessionInfo {
        user: StaffUser { id, email, name },
        expires_at,
    }))
}

pub async fn delete(db: &SqlitePool, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
        .bind(hash_secret(token))
        .execute(db)
        .await?;
    Ok(())
}
