//! The mirror of a vendor's deals for the board (migration 0014): each
//! record whole, its stage as the vendor wrote it, and Frontdesk's own
//! order and version beside it.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

/// One mirrored deal.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VendorCard {
    pub remote_id: String,
    pub parent_remote_id: String,
    pub stage: String,
    pub position: String,
    pub version: i64,
    pub hash: String,
    pub record: String,
    pub stage_changed_at: String,
}

impl VendorCard {
    pub fn fields(&self) -> Map<String, Value> {
        serde_json::from_str(&self.record).unwrap_or_default()
    }
}

/// The record as a digest: sorted keys, so the same record always gives
/// the same text.
pub fn digest(record: &Map<String, Value>) -> String {
    let sorted: std::collections::BTreeMap<&String, &Value> = record.iter().collect();
    let text = serde_json::to_string(&sorted).unwrap_or_default();
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

const COLUMNS: &str =
    "remote_id, parent_remote_id, stage, position, version, hash, record, stage_changed_at";

/// Every card of `vendor`, in stage and position order.
pub async fn all(db: &mut SqliteConnection, vendor: &str) -> sqlx::Result<Vec<VendorCard>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM vendor_cards WHERE vendor = ? ORDER BY stage, position, remote_id"
    ))
    .bind(vendor)
    .fetch_all(db)
    .await
}

pub async fn one(
    db: &mut SqliteConnection,
    vendor: &str,
    remote_id: &str,
) -> sqlx::Result<Option<VendorCard>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM vendor_cards WHERE vendor = ? AND remote_id = ?"
    ))
    .bind(vendor)
    .bind(remote_id)
    .fetch_optional(db)
    .await
}

/// The last position in `stage` (a new card goes after it).
pub async fn last_position(
    db: &mut SqliteConnection,
    vendor: &str,
    stage: &str,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT max(position) FROM vendor_cards WHERE vendor = ? AND stage = ?")
        .bind(vendor)
        .bind(stage)
        .fetch_one(db)
        .await
}

/// What `put` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    Same,
    Changed,
    New,
}

/// Keeps the vendor's `record` as read at `now`: a new card goes last in
/// its stage; a changed one gets a new version (and, moved to another
/// stage there, goes last in it); the same one is only marked seen.
pub async fn put(
    db: &mut SqliteConnection,
    vendor: &str,
    remote_id: &str,
    parent: &str,
    stage: &str,
    record: &Map<String, Value>,
    now: &str,
) -> sqlx::Result<Put> {
    let hash = digest(record);
    let text = serde_json::to_string(record).unwrap_or_default();
    match one(db, vendor, remote_id).await? {
        Some(c) if c.hash == hash => {
            sqlx::query("UPDATE vendor_cards SET seen_at = ? WHERE vendor = ? AND remote_id = ?")
                .bind(now)
                .bind(vendor)
                .bind(remote_id)
                .execute(db)
                .await?;
            Ok(Put::Same)
        }
        Some(c) => {
            let (position, changed_at) = if c.stage == stage {
                (c.position, c.stage_changed_at)
            } else {
                (after_last(db, vendor, stage).await?, now.to_owned())
            };
            sqlx::query(
                "UPDATE vendor_cards SET parent_remote_id = ?, stage = ?, position = ?, \
                 version = version + 1, hash = ?, record = ?, stage_changed_at = ?, seen_at = ? \
                 WHERE vendor = ? AND remote_id = ?",
            )
            .bind(parent)
            .bind(stage)
            .bind(position)
            .bind(&hash)
            .bind(&text)
            .bind(changed_at)
            .bind(now)
            .bind(vendor)
            .bind(remote_id)
            .execute(db)
            .await?;
            Ok(Put::Changed)
        }
        None => {
            let position = after_last(db, vendor, stage).await?;
            sqlx::query(
                "INSERT INTO vendor_cards (vendor, remote_id, parent_remote_id, stage, position, \
                 hash, record, stage_changed_at, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(vendor)
            .bind(remote_id)
            .bind(parent)
            .bind(stage)
            .bind(position)
            .bind(&hash)
            .bind(&text)
            .bind(now)
            .bind(now)
            .execute(db)
            .await?;
            Ok(Put::New)
        }
    }
}

async fn after_last(db: &mut SqliteConnection, vendor: &str, stage: &str) -> sqlx::Result<String> {
    let last = last_position(db, vendor, stage).await?;
    Ok(frontdesk_core::pipeline::key_between(last.as_deref(), None)
        .unwrap_or_else(|_| format!("{}0", last.unwrap_or_default())))
}

/// Places a card at `position` of `stage` (Frontdesk's order), a new
/// version.
pub async fn place(
    db: &mut SqliteConnection,
    vendor: &str,
    remote_id: &str,
    stage: &str,
    position: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE vendor_cards SET position = ?, version = version + 1, \
         stage_changed_at = CASE WHEN stage = ? THEN stage_changed_at ELSE ? END, stage = ? \
         WHERE vendor = ? AND remote_id = ?",
    )
    .bind(position)
    .bind(stage)
    .bind(now)
    .bind(stage)
    .bind(vendor)
    .bind(remote_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Cards of `parent` the vendor no longer lists.
pub async fn drop_missing(
    db: &mut SqliteConnection,
    vendor: &str,
    parent: &str,
    kept: &[String],
) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "DELETE FROM vendor_cards WHERE vendor = ? AND parent_remote_id = ? \
         AND remote_id NOT IN (SELECT value FROM json_each(?))",
    )
    .bind(vendor)
    .bind(parent)
    .bind(serde_json::to_string(kept).unwrap_or_default())
    .execute(db)
    .await?
    .rows_affected())
}

pub async fn remove(db: &mut SqliteConnection, vendor: &str, remote_id: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM vendor_cards WHERE vendor = ? AND remote_id = ?")
        .bind(vendor)
        .bind(remote_id)
        .execute(db)
        .await?;
    Ok(())
}
