//! A cache of seconds over a vendor's availability, for the grids the
//! widget and the slot picker show: the phones that open the same month in
//! the same seconds ask the vendor once. Any booking, cancel or change at
//! the desk drops its agenda's entries at once, and the check of a booking
//! never reads from here: a slot is never booked on stale data.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_core::slots::Availability;

/// What a document was read for. The type's rules are part of it: a type
/// changed meanwhile (its length, its coaches) is read afresh, never
/// served from before the change.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    pub agenda: i64,
    pub ty: i64,
    pub rules: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Default)]
pub struct AvailabilityCache {
    entries: Mutex<HashMap<Key, (Instant, Availability)>>,
}

/// The entries kept at most; past it the oldest go first.
const MAX_ENTRIES: usize = 512;

impl AvailabilityCache {
    /// What was read less than `ttl` ago, with `now` as of this moment (the
    /// engine counts notice from it).
    pub fn get(&self, key: &Key, ttl: Duration, now: DateTime<Utc>) -> Option<Availability> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let (at, av) = entries.get(key)?;
        if at.elapsed() >= ttl {
            return None;
        }
        let mut av = av.clone();
        av.now = crate::store::agenda::rfc3339(now);
        Some(av)
    }

    pub fn put(&self, key: Key, av: &Availability) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES
            && let Some(oldest) = entries
                .iter()
                .min_by_key(|(_, (at, _))| *at)
                .map(|(k, _)| k.clone())
        {
            entries.remove(&oldest);
        }
        entries.insert(key, (Instant::now(), av.clone()));
    }

    /// Something was booked, moved or cancelled in `agenda`.
    pub fn drop_agenda(&self, agenda: i64) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|k, _| k.agenda != agenda);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn av() -> Availability {
        serde_json::from_value(serde_json::json!({
            "timezone": "Europe/Brussels", "align_grid_min": 15,
            "appointment_type": {"duration_min": 60},
            "from": "2026-03-02", "to": "2026-03-02", "now": "2026-03-01T00:00:00Z"
        }))
        .unwrap()
    }

    #[test]
    fn an_entry_lives_its_seconds_and_a_booking_drops_it() {
        let cache = AvailabilityCache::default();
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let key = |agenda: i64, rules: &str| Key {
            agenda,
            ty: 2,
            rules: rules.into(),
            from: d,
            to: d,
        };
        let now = Utc::now();
        let ttl = Duration::from_secs(60);
        assert!(cache.get(&key(1, "60"), ttl, now).is_none());
        cache.put(key(1, "60"), &av());
        let hit = cache.get(&key(1, "60"), ttl, now).unwrap();
        assert_eq!(
            hit.now,
            crate::store::agenda::rfc3339(now),
            "now is refreshed"
        );
        assert!(
            cache.get(&key(1, "60"), Duration::ZERO, now).is_none(),
            "past its ttl"
        );
        assert!(
            cache.get(&key(1, "45"), ttl, now).is_none(),
            "the type changed"
        );
        cache.put(key(7, "60"), &av());
        cache.drop_agenda(1);
        assert!(cache.get(&key(1, "60"), ttl, now).is_none());
        assert!(
            cache.get(&key(7, "60"), ttl, now).is_some(),
            "another agenda's stays"
        );
    }
}
