//! The mirror's sync: pulls a vendor's prospects page by page into the
//! local store, so lists stay instant with a vendor behind them.
//!
//! - Each page is committed with the position after it, so a run cut short
//!   (the vendor down, the server stopped) resumes where it stood, and is
//!   reported as partial, never as done.
//! - Overlapping pages are harmless: a record is written by its vendor id,
//!   and one whose digest did not move is not written at all.
//! - A record gone from the vendor leaves the mirror only after a complete
//!   run (one that saw every page), and only once the vendor, asked for
//!   it, says it is gone: with offset paging a record can shift to a page
//!   already read while others are deleted.

use std::time::{Duration, Instant};

use serde::Serialize;
use sqlx::SqlitePool;

use super::error::ConnectorError;
use super::prospects::{RemotePage, RemoteProspect, VendorProspects};
use crate::store::mirror::{self, Field, seen};
use std::collections::HashMap;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Every page was read and committed.
    Complete,
    /// Some pages were committed, then it stopped; the next run resumes.
    Partial,
    /// Nothing of this run could be read.
    Failed,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Self::Complete => "complete",
            Self::Partial => "partial",
            Self::Failed => "failed",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub outcome: Outcome,
    /// Records read from the vendor in this run.
    pub fetched: u64,
    /// Records written to the mirror (new or changed).
    pub changed: u64,
    /// Records gone at the vendor, moved to the trash.
    pub removed: u64,
    /// Requests sent to the vendor.
    pub requests: u64,
    pub error: Option<String>,
    #[serde(skip)]
    pub took: Duration,
}

/// Records written per transaction, within a page.
const CHUNK: usize = 1000;

/// Records a complete run did not see that are asked for one by one before
/// they leave the mirror; past this many, they leave unasked.
const VERIFY_MAX: usize = 200;

pub const CAPABILITY: &str = "prospects";

/// One run for `vendor`, resuming a run left partial.
pub async fn run(db: &SqlitePool, vendor: &dyn VendorProspects, owned: &[Field]) -> Report {
    let started = Instant::now();
    let connector = vendor.connector();
    let mut report = Report {
        outcome: Outcome::Failed,
        fetched: 0,
        changed: 0,
        removed: 0,
        requests: 0,
        error: None,
        took: Duration::ZERO,
    };
    let result = pages(db, vendor, owned, &mut report).await;
    report.took = started.elapsed();
    let now = crate::store::now_rfc3339();
    match result {
        Ok(()) => report.outcome = Outcome::Complete,
        Err((e, committed)) => {
            report.outcome = if committed {
                Outcome::Partial
            } else {
                Outcome::Failed
            };
            report.error = Some(words(&e));
            tracing::warn!(connector, outcome = report.outcome.as_str(), error = %e, "sync stopped");
        }
    }
    let saved = sqlx::query(
        "INSERT INTO sync_state (capability, connector, last_attempt_at, last_outcome, last_error, \
         fetched, changed, removed, requests, last_complete_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (capability, connector) DO UPDATE SET last_attempt_at = excluded.last_attempt_at, \
         last_outcome = excluded.last_outcome, last_error = excluded.last_error, \
         fetched = excluded.fetched, changed = excluded.changed, removed = excluded.removed, \
         requests = excluded.requests, \
         last_complete_at = coalesce(excluded.last_complete_at, sync_state.last_complete_at)",
    )
    .bind(CAPABILITY)
    .bind(connector)
    .bind(&now)
    .bind(report.outcome.as_str())
    .bind(&report.error)
    .bind(report.fetched as i64)
    .bind(report.changed as i64)
    .bind(report.removed as i64)
    .bind(report.requests as i64)
    .bind((report.outcome == Outcome::Complete).then_some(&now))
    .execute(db)
    .await;
    if let Err(e) = saved {
        tracing::warn!(connector, error = %e, "the sync's state could not be saved");
    }
    tracing::info!(
        connector,
        outcome = report.outcome.as_str(),
        fetched = report.fetched,
        changed = report.changed,
        removed = report.removed,
        requests = report.requests,
        ms = report.took.as_millis() as u64,
        "sync"
    );
    report
}

/// The error as a person reads it (the Connections page, the list's note).
fn words(e: &ConnectorError) -> String {
    e.to_string()
}

/// Reads and commits page after page; on an error, says whether anything
/// of this run (this call or the one it resumes) is committed: partial,
/// not failed.
async fn pages(
    db: &SqlitePool,
    vendor: &dyn VendorProspects,
    owned: &[Field],
    report: &mut Report,
) -> Result<(), (ConnectorError, bool)> {
    let connector = vendor.connector();
    let store = |e: sqlx::Error| ConnectorError::Store(e);
    let state: Option<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT position, run_started_at FROM sync_state WHERE capability = ? AND connector = ?",
    )
    .bind(CAPABILITY)
    .bind(connector)
    .fetch_optional(db)
    .await
    .map_err(|e| (store(e), false))?;
    let (position, resumed) = match state {
        Some((position, Some(_))) => (position, true),
        _ => {
            let mut conn = db.acquire().await.map_err(|e| (store(e), false))?;
            seen::clear(&mut conn, connector)
                .await
                .map_err(|e| (store(e), false))?;
            sqlx::query(
                "INSERT INTO sync_state (capability, connector, run_started_at) VALUES (?, ?, ?) \
                 ON CONFLICT (capability, connector) DO UPDATE SET position = NULL, \
                 run_started_at = excluded.run_started_at",
            )
            .bind(CAPABILITY)
            .bind(connector)
            .bind(crate::store::now_rfc3339())
            .execute(&mut *conn)
            .await
            .map_err(|e| (store(e), false))?;
            (None, false)
        }
    };
    let mut committed = resumed;
    // What the mirror holds, read once per run and kept up to date with
    // what this run writes: read again for every page, it was a whole
    // table scan per page (27 of 10,000 rows for Cirrus's 10,000 leads).
    let mut known = {
        let mut conn = db.acquire().await.map_err(|e| (store(e), committed))?;
        mirror::known(&mut conn, connector)
            .await
            .map_err(|e| (store(e), committed))?
    };
    // The next batch is asked for while this one is written: the vendor's
    // answer (its latency, its own work) and the mirror's write overlap
    // instead of adding up. One batch ahead at most, so the vendor sees no
    // more requests at once than the connector's own bound.
    let mut next = Some(vendor.list(position.as_deref()).await);
    while let Some(fetched) = next.take() {
        let page = fetched.map_err(|e| (e, committed))?;
        report.requests += u64::from(page.requests);
        report.fetched += page.records.len() as u64;
        let ahead = page.next.as_deref().map(|at| vendor.list(Some(at)));
        let write = write_page(db, connector, &page, owned, &mut known, report);
        let (written, fetched) = match ahead {
            Some(ahead) => {
                let (w, f) = futures_util::future::join(write, ahead).await;
                (w, Some(f))
            }
            None => (write.await, None),
        };
        if let Err((e, some)) = written {
            if let Some(Ok(p)) = &fetched {
                report.requests += u64::from(p.requests);
            }
            return Err((store(e), committed || some));
        }
        committed = true;
        next = fetched;
    }
    // Complete: what the run did not see may be gone. A record can also
    // have shifted to a page read before (offset paging while records are
    // deleted), so each is asked for once before it leaves.
    let unseen: Vec<String> = sqlx::query_scalar(
        "SELECT remote_id FROM prospects WHERE vendor = ? AND deleted_at IS NULL \
         AND remote_id NOT IN (SELECT remote_id FROM sync_seen WHERE connector = ?)",
    )
    .bind(connector)
    .bind(connector)
    .fetch_all(db)
    .await
    .map_err(|e| (store(e), committed))?;
    let mut gone = Vec::new();
    for (i, remote_id) in unseen.into_iter().enumerate() {
        if i >= VERIFY_MAX {
            // A mass deletion: trusted without asking one by one. A record
            // wrongly let go comes back with the next sync that sees it.
            gone.push(remote_id);
            continue;
        }
        report.requests += 1;
        match vendor.fetch(&remote_id).await {
            Ok(None) => gone.push(remote_id),
            Ok(Some(_)) => {}
            Err(e) => {
                tracing::info!(connector, remote_id, error = %e, "kept: could not ask whether it is gone")
            }
        }
    }
    let mut tx = crate::store::begin_write(db)
        .await
        .map_err(|e| (store(e), committed))?;
    for remote_id in &gone {
        if mirror::remove(&mut tx, connector, remote_id)
            .await
            .map_err(|e| (store(e), committed))?
        {
            report.removed += 1;
        }
    }
    seen::clear(&mut tx, connector)
        .await
        .map_err(|e| (store(e), committed))?;
    sqlx::query(
        "UPDATE sync_state SET position = NULL, run_started_at = NULL WHERE capability = ? AND connector = ?",
    )
    .bind(CAPABILITY)
    .bind(connector)
    .execute(&mut *tx)
    .await
    .map_err(|e| (store(e), committed))?;
    tx.commit().await.map_err(|e| (store(e), committed))?;
    Ok(())
}

/// What the mirror holds of a vendor, as [`mirror::known`] reads it.
type Known = HashMap<String, (i64, Option<String>, bool)>;

/// Writes one batch the vendor answered, in transactions of [`CHUNK`]
/// records; the position after it moves with its last. On an error, says
/// whether a chunk of it was committed.
async fn write_page(
    db: &SqlitePool,
    connector: &str,
    page: &RemotePage,
    owned: &[Field],
    known: &mut Known,
    report: &mut Report,
) -> Result<(), (sqlx::Error, bool)> {
    let now = crate::store::now_rfc3339();
    // A record twice in one page (a vendor's overlapping answer) counts
    // once: the last copy wins.
    let mut records: Vec<&RemoteProspect> = Vec::with_capacity(page.records.len());
    let mut at: HashMap<&str, usize> = HashMap::new();
    for rec in &page.records {
        match at.get(rec.remote_id.as_str()) {
            Some(&i) => records[i] = rec,
            None => {
                at.insert(&rec.remote_id, records.len());
                records.push(rec);
            }
        }
    }
    let mut committed = false;
    let chunks: Vec<_> = records.chunks(CHUNK).collect();
    let last = chunks.len().saturating_sub(1);
    for (i, chunk) in chunks.into_iter().enumerate() {
        let failed = |e: sqlx::Error| (e, committed);
        let mut tx = crate::store::begin_write(db).await.map_err(failed)?;
        let mut new = Vec::new();
        let mut written = Vec::new();
        for &rec in chunk {
            let digest = mirror::digest(&rec.fields, owned, &rec.extra);
            match known.get(&rec.remote_id) {
                None => new.push(mirror::New {
                    record: rec,
                    digest: digest.clone(),
                }),
                // Unchanged (the digest did not move): nothing to write.
                Some((_, Some(hash), false)) if *hash == digest => {}
                Some(_) => {
                    mirror::put(&mut tx, connector, rec, owned, None, &now)
                        .await
                        .map_err(failed)?;
                    report.changed += 1;
                }
            }
            written.push((rec.remote_id.clone(), digest));
        }
        report.changed += mirror::insert_new(&mut tx, connector, &new, owned, &now)
            .await
            .map_err(failed)?;
        let ids: Vec<&str> = chunk.iter().map(|r| r.remote_id.as_str()).collect();
        seen::add(&mut tx, connector, &ids).await.map_err(failed)?;
        // The position moves only with the page's last chunk: a page
        // cut short is read again, which writes nothing twice.
        if i == last {
            sqlx::query(
                "UPDATE sync_state SET position = ? WHERE capability = ? AND connector = ?",
            )
            .bind(&page.next)
            .bind(CAPABILITY)
            .bind(connector)
            .execute(&mut *tx)
            .await
            .map_err(failed)?;
        }
        tx.commit().await.map_err(failed)?;
        committed = true;
        // As the mirror now has them (a record seen again later in
        // this run compares with this; the id is not read here).
        for (remote_id, digest) in written {
            let id = known.get(&remote_id).map_or(0, |k| k.0);
            known.insert(remote_id, (id, Some(digest), false));
        }
    }
    Ok(())
}

/// Where a capability's sync stands, for the list's freshness note, the
/// health route and the Connections page.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Status {
    pub capability: String,
    pub connector: String,
    pub last_attempt_at: Option<String>,
    pub last_complete_at: Option<String>,
    pub last_outcome: Option<String>,
    pub last_error: Option<String>,
    /// A run is under way or was cut short, and will resume.
    pub resuming: bool,
}

pub async fn status(db: &SqlitePool) -> sqlx::Result<Vec<Status>> {
    sqlx::query_as(
        "SELECT capability, connector, last_attempt_at, last_complete_at, last_outcome, last_error, \
         run_started_at IS NOT NULL AS resuming FROM sync_state ORDER BY capability",
    )
    .fetch_all(db)
    .await
}
