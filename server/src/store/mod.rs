//! The embedded SQLite store: connection pool, migrations, and one module per
//! table group.

pub mod agenda;
pub mod appointments;
pub mod booking_setup;
pub mod bookings;
pub mod club;
pub mod club_logo;
pub mod deals;
pub mod desk;
pub mod invitations;
pub mod mirror;
pub mod pipelines;
pub mod prospects;
pub mod sales;
mod sales_seed;
pub mod seed;
pub mod seed_calendar;
pub mod sessions;
pub mod users;
pub mod vendor_cards;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

/// Opens (creating if needed) the database file and brings its schema up to
/// date. WAL lets readers carry on while a booking transaction writes.
pub async fn open(path: &Path) -> anyhow::Result<SqlitePool> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let options = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    let purged = prospects::empty_trash(&mut *pool.acquire().await?).await?;
    if purged > 0 {
        tracing::info!(purged, "emptied the prospect trash");
    }
    Ok(pool)
}

/// Starts a transaction that will write, holding the write lock from its
/// first statement. A default (deferred) transaction reads first and asks
/// for the lock at its first write; if another connection committed since
/// its read, SQLite refuses at once ("database is locked") without waiting
/// for the busy timeout. Taken up front, the lock is waited for instead.
pub async fn begin_write(
    pool: &SqlitePool,
) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// The current instant as the store writes it: RFC 3339, UTC, seconds.
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
