//! The club's logo (`club_logo`, one row at most), checked before it gets
//! here (`frontdesk_core::logo::check`).

use frontdesk_core::logo::LogoKind;
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

pub struct Logo {
    pub kind: LogoKind,
    pub bytes: Vec<u8>,
    /// SHA-256 of the bytes, hex: the ETag and the URL's version.
    pub hash: String,
}

/// How much of the hash the URL carries: enough that two logos a club
/// ever has do not share it, short enough to read.
const VERSION_LEN: usize = 16;

impl Logo {
    pub fn version(hash: &str) -> &str {
        &hash[..VERSION_LEN.min(hash.len())]
    }
}

/// The URL the widget shows the logo from: a new one for each new image.
pub fn url(hash: &str) -> String {
    format!("/api/v1/public/club/logo?v={}", Logo::version(hash))
}

pub async fn get(db: &SqlitePool) -> sqlx::Result<Option<Logo>> {
    let row: Option<(String, Vec<u8>, String)> =
        sqlx::query_as("SELECT content_type, bytes, hash FROM club_logo WHERE id = 1")
            .fetch_optional(db)
            .await?;
    // The table's CHECK allows only the three kinds.
    Ok(row.and_then(|(content_type, bytes, hash)| {
        Some(Logo {
            kind: LogoKind::from_content_type(&content_type)?,
            bytes,
            hash,
        })
    }))
}

/// Only the hash, for the widget's `GET /public/club` (the bytes stay put).
pub async fn hash(db: &SqlitePool) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT hash FROM club_logo WHERE id = 1")
        .fetch_optional(db)
        .await
}

/// Stores `bytes` (already checked to be `kind`) as the logo, replacing
/// any; returns its hash.
pub async fn put(db: &SqlitePool, kind: LogoKind, bytes: &[u8]) -> sqlx::Result<String> {
    let hash: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    sqlx::query(
        "INSERT OR REPLACE INTO club_logo (id, content_type, bytes, hash, updated_at) \
         VALUES (1, ?, ?, ?, ?)",
    )
    .bind(kind.content_type())
    .bind(bytes)
    .bind(&hash)
    .bind(super::now_rfc3339())
    .execute(db)
    .await?;
    Ok(hash)
}

/// Removes the logo; `false` when there was none.
pub async fn delete(db: &SqlitePool) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM club_logo WHERE id = 1")
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}
