//! Slows password guessing: after `MAX_FAILURES` wrong passwords for one
//! email within `WINDOW`, that email is refused until the window has passed,
//! without even checking the password.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const MAX_FAILURES: u32 = 5;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Past this many remembered emails, stale ones are dropped.
const MAX_ENTRIES: usize = 10_000;

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl LoginThrottle {
    fn key(email: &str) -> String {
        email.trim().to_lowercase()
    }

    /// How long this email must wait, if it is locked.
    pub fn locked_for(&self, email: &str) -> Option<Duration> {
        let map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let (count, first) = map.get(&Self::key(email))?;
        let elapsed = first.elapsed();
        (*count >= MAX_FAILURES && elapsed < WINDOW).then(|| WINDOW - elapsed)
    }

    pub fn failed(&self, email: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, (_, first)| first.elapsed() < WINDOW);
        }
        let entry = map.entry(Self::key(email)).or_insert((0, Instant::now()));
        if entry.1.elapsed() >= WINDOW {
            *entry = (0, Instant::now());
        }
        entry.0 += 1;
    }

    pub fn succeeded(&self, email: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&Self::key(email));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_the_limit_and_forgets_on_success() {
        let t = LoginThrottle::default();
        for _ in 0..MAX_FAILURES - 1 {
            t.failed("Ann@Club.be");
        }
        assert!(t.locked_for("ann@club.be").is_none());
        t.failed("ann@club.be ");
        assert!(t.locked_for("ANN@club.be").is_some_and(|d| d <= WINDOW));
        assert!(t.locked_for("bob@club.be").is_none());
        t.succeeded("ann@club.be");
        assert!(t.locked_for("ann@club.be").is_none());
    }
}
