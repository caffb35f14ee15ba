//! The prospect list's index, serialised once and kept until the store's
//! prospect counter (moved by triggers on every write, see migration 0007)
//! or the date changes. Reading 100,000 rows takes far longer than handing
//! out bytes already made.

use std::sync::Mutex;

use axum::body::Bytes;

#[derive(Default)]
pub struct IndexCache {
    kept: Mutex<Option<Kept>>,
}

struct Kept {
    version: i64,
    today: String,
    json: Bytes,
}

impl IndexCache {
    /// The kept JSON if it was made at this version on this date.
    pub fn get(&self, version: i64, today: &str) -> Option<Bytes> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.as_ref()
            .filter(|k| k.version == version && k.today == today)
            .map(|k| k.json.clone())
    }

    pub fn put(&self, version: i64, today: &str, json: Bytes) {
        *self.kept.lock().unwrap_or_else(|e| e.into_inner()) = Some(Kept {
            version,
            today: today.to_owned(),
            json,
        });
    }
}
