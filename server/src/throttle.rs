//! Sign-in limits, in memory (issue #17; OWASP Authentication cheat sheet,
//! "Login Throttling" and "Device Cookies").
//!
//! - `LoginThrottle` slows password guessing for one account. Whose tries
//!   count together is a `Subject`: the email from browsers it never signed
//!   in from, or the email from one browser it did sign in from (its device
//!   cookie). A stranger's wrong passwords thus pause strangers, never the
//!   front desk's own browser. A try is counted *before* its password is
//!   checked, under the lock, so guesses sent at once cannot all be checked.
//!   The first `MAX_FAILURES` wrong passwords are free; each one after that
//!   pauses sign-in, `FIRST_PAUSE` at first, doubling up to `MAX_PAUSE`,
//!   with one try let through after each pause. A right password forgets
//!   the subject's failures.
//! - `AddressLimiter`: a token bucket per client address for sign-in tries,
//!   so one client cannot spend the server's password checks.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Wrong passwords in a row before sign-in pauses.
pub const MAX_FAILURES: u32 = 5;
/// The pause after the `MAX_FAILURES`th wrong password; each further one
/// doubles it, up to `MAX_PAUSE`.
pub const FIRST_PAUSE: Duration = Duration::from_secs(60);
pub const MAX_PAUSE: Duration = Duration::from_secs(15 * 60);
/// Failures this old are forgotten, and their count with them.
pub const FORGET_AFTER: Duration = Duration::from_secs(24 * 3600);
/// Past this many subjects, forgotten and unpaused ones are dropped.
const MAX_SUBJECTS: usize = 100_000;

/// The pause that follows the `failures`th wrong password in a row, if any.
pub fn pause_after(failures: u32) -> Option<Duration> {
    let doublings = failures.checked_sub(MAX_FAILURES)?.min(16);
    Some(FIRST_PAUSE.saturating_mul(1 << doublings).min(MAX_PAUSE))
}

/// Whose tries count together.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    /// An email, from browsers it has not signed in from.
    Email(String),
    /// An email, from one browser it signed in from before: the SHA-256 of
    /// that browser's device cookie.
    Device { device: String, email: String },
}

impl Subject {
    pub fn email(email: &str) -> Self {
        Self::Email(normalize(email))
    }

    pub fn device(device_hash: &str, email: &str) -> Self {
        Self::Device {
            device: device_hash.to_owned(),
            email: normalize(email),
        }
    }
}

fn normalize(email: &str) -> String {
    email.trim().to_lowercase()
}

#[derive(Debug, Default)]
struct Record {
    /// Wrong passwords in a row.
    failures: u32,
    /// Tries counted whose password is being checked now.
    in_flight: u32,
    paused_until: Option<Instant>,
    last_failure: Option<Instant>,
}

impl Record {
    fn paused(&self, now: Instant) -> Option<Duration> {
        self.paused_until
            .filter(|until| *until > now)
            .map(|until| until - now)
    }

    fn forgotten(&self, now: Instant) -> bool {
        self.in_flight == 0
            && self.paused(now).is_none()
            && self
                .last_failure
                .is_none_or(|at| now.duration_since(at) >= FORGET_AFTER)
    }
}

#[derive(Default)]
pub struct LoginThrottle {
    records: Mutex<HashMap<Subject, Record>>,
}

/// A counted try: its outcome is reported with `failed` or `succeeded`; a
/// try dropped without one (its check never ran) is handed back.
pub struct Attempt<'a> {
    throttle: &'a LoginThrottle,
    subject: Subject,
    done: bool,
}

impl LoginThrottle {
    fn lock(&self) -> MutexGuard<'_, HashMap<Subject, Record>> {
        self.records.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Counts a try for `subject` before its password is checked, or says
    /// how long the subject must wait: while paused, or while the tries
    /// left before the next pause are all being checked already.
    pub fn reserve(&self, subject: Subject) -> Result<Attempt<'_>, Duration> {
        let now = Instant::now();
        let mut records = self.lock();
        if records.len() >= MAX_SUBJECTS && !records.contains_key(&subject) {
            records.retain(|_, r| !r.forgotten(now));
            if records.len() >= MAX_SUBJECTS {
                // Keep what protects an account now: pauses and running tries.
                records.retain(|_, r| r.in_flight > 0 || r.paused(now).is_some());
            }
        }
        let record = records.entry(subject.clone()).or_default();
        if record.forgotten(now) {
            *record = Record::default();
        }
        if let Some(wait) = record.paused(now) {
            return Err(wait);
        }
        let left = MAX_FAILURES.saturating_sub(record.failures).max(1);
        if record.in_flight >= left {
            // If the tries being checked are wrong, this pause follows.
            return Err(pause_after(record.failures + record.in_flight).unwrap_or(FIRST_PAUSE));
        }
        record.in_flight += 1;
        Ok(Attempt {
            throttle: self,
            subject,
            done: false,
        })
    }

    /// Moves every recorded time `by` into the past, as if that much time
    /// had gone by: for tests of pauses that last minutes.
    #[doc(hidden)]
    pub fn rewind(&self, by: Duration) {
        for record in self.lock().values_mut() {
            record.paused_until = record.paused_until.and_then(|t| t.checked_sub(by));
            record.last_failure = record.last_failure.and_then(|t| t.checked_sub(by));
        }
    }

    /// How long `subject` is paused for, if it is.
    pub fn paused_for(&self, subject: &Subject) -> Option<Duration> {
        self.lock().get(subject)?.paused(Instant::now())
    }
}

impl Attempt<'_> {
    /// The password was wrong: one more failure, and a pause past the limit.
    pub fn failed(mut self) {
        self.done = true;
        let now = Instant::now();
        let mut records = self.throttle.lock();
        let record = records.entry(self.subject.clone()).or_default();
        record.in_flight = record.in_flight.saturating_sub(1);
        record.failures += 1;
        record.last_failure = Some(now);
        if let Some(pause) = pause_after(record.failures) {
            record.paused_until = Some(now + pause);
        }
    }

    /// The password was right: the subject's failures are forgotten.
    pub fn succeeded(mut self) {
        self.done = true;
        let mut records = self.throttle.lock();
        if let Some(record) = records.get_mut(&self.subject) {
            record.in_flight = record.in_flight.saturating_sub(1);
            if record.in_flight == 0 {
                records.remove(&self.subject);
            } else {
                *record = Record {
                    in_flight: record.in_flight,
                    ..Record::default()
                };
            }
        }
    }
}

impl Drop for Attempt<'_> {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        let mut records = self.throttle.lock();
        if let Some(record) = records.get_mut(&self.subject) {
            record.in_flight = record.in_flight.saturating_sub(1);
            if record.in_flight == 0 && record.failures == 0 {
                records.remove(&self.subject);
            }
        }
    }
}

/// Sign-in tries one address may make at once…
pub const ADDRESS_BURST: u32 = 10;
/// …and how often it gets one back: 10 a minute.
pub const ADDRESS_REFILL: Duration = Duration::from_secs(6);
/// Past this many addresses with a partly spent bucket, new addresses
/// share one bucket: a flood from many addresses cannot grow the map.
const MAX_ADDRESSES: usize = 100_000;
const OVERFLOW: IpAddr = IpAddr::V6(Ipv6Addr::UNSPECIFIED);

struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn refill(&mut self, now: Instant) {
        let gained = now.duration_since(self.at).as_secs_f64() / ADDRESS_REFILL.as_secs_f64();
        self.tokens = (self.tokens + gained).min(f64::from(ADDRESS_BURST));
        self.at = now;
    }
}

#[derive(Default)]
pub struct AddressLimiter {
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

impl AddressLimiter {
    fn lock(&self) -> MutexGuard<'_, HashMap<IpAddr, Bucket>> {
        self.buckets.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes one try for `address` (a `ClientAddr::limit_key`), or says how
    /// long until it has one. Returns the key the try was taken under.
    pub fn take(&self, address: IpAddr) -> Result<IpAddr, Duration> {
        let now = Instant::now();
        let mut buckets = self.lock();
        let mut key = address;
        if !buckets.contains_key(&key) && buckets.len() >= MAX_ADDRESSES {
            // A full bucket is the same as none.
            buckets.retain(|_, b| {
                b.refill(now);
                b.tokens < f64::from(ADDRESS_BURST)
            });
            if buckets.len() >= MAX_ADDRESSES {
                key = OVERFLOW;
            }
        }
        let bucket = buckets.entry(key).or_insert(Bucket {
            tokens: f64::from(ADDRESS_BURST),
            at: now,
        });
        bucket.refill(now);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(key)
        } else {
            Err(ADDRESS_REFILL.mul_f64(1.0 - bucket.tokens))
        }
    }

    /// Gives a try back (`key` as `take` returned it): the password was
    /// right, or never checked.
    pub fn give_back(&self, key: IpAddr) {
        if let Some(bucket) = self.lock().get_mut(&key) {
            bucket.tokens = (bucket.tokens + 1.0).min(f64::from(ADDRESS_BURST));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_past_the_limit_and_forgets_on_success() {
        let t = LoginThrottle::default();
        let ann = Subject::email("Ann@Club.be");
        for _ in 0..MAX_FAILURES - 1 {
            t.reserve(ann.clone()).unwrap().failed();
        }
        assert!(t.paused_for(&Subject::email("ann@club.be")).is_none());
        t.reserve(Subject::email("ann@club.be ")).unwrap().failed();
        let wait = t.reserve(Subject::email("ANN@club.be")).err().unwrap();
        assert!(wait > FIRST_PAUSE - Duration::from_secs(5) && wait <= FIRST_PAUSE);
        assert!(t.reserve(Subject::email("bob@club.be")).is_ok());
        // The same email from a known browser counts apart.
        t.reserve(Subject::device("d1", "ann@club.be"))
            .unwrap()
            .succeeded();
        assert!(t.paused_for(&ann).is_some());
    }

    #[test]
    fn tries_are_counted_before_they_are_checked() {
        let t = LoginThrottle::default();
        let ann = Subject::email("ann@club.be");
        let running: Vec<_> = (0..MAX_FAILURES)
            .map(|_| t.reserve(ann.clone()).unwrap())
            .collect();
        assert!(t.reserve(ann.clone()).is_err());
        // A try whose check never ran is handed back.
        drop(running);
        assert!(t.reserve(ann).is_ok());
    }

    #[test]
    fn the_pause_doubles_up_to_its_cap() {
        assert_eq!(pause_after(MAX_FAILURES - 1), None);
        assert_eq!(pause_after(MAX_FAILURES), Some(FIRST_PAUSE));
        assert_eq!(pause_after(MAX_FAILURES + 1), Some(FIRST_PAUSE * 2));
        assert_eq!(pause_after(MAX_FAILURES + 3), Some(FIRST_PAUSE * 8));
        assert_eq!(pause_after(MAX_FAILURES + 4), Some(MAX_PAUSE));
        assert_eq!(pause_after(u32::MAX), Some(MAX_PAUSE));
    }

    #[test]
    fn an_address_gets_a_burst_then_waits() {
        let limiter = AddressLimiter::default();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let keys: Vec<_> = (0..ADDRESS_BURST)
            .map(|_| limiter.take(a).unwrap())
            .collect();
        let wait = limiter.take(a).unwrap_err();
        assert!(wait > Duration::ZERO && wait <= ADDRESS_REFILL);
        assert!(limiter.take("192.0.2.2".parse().unwrap()).is_ok());
        limiter.give_back(keys[0]);
        assert!(limiter.take(a).is_ok());
    }
}
