//! Read-your-writes within one sign-in: a page that reloads right after a
//! move reads the board only once that move, already on its way, has been
//! stored. Each session's board writes take its write side for as long as
//! they run; its board reads wait on the read side. Another session's
//! reads never wait.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedRwLockReadGuard, OwnedRwLockWriteGuard, RwLock};

#[derive(Default)]
pub struct SessionWrites {
    locks: Mutex<HashMap<String, Arc<RwLock<()>>>>,
}

/// Sessions' locks kept before the unused ones are let go.
const PRUNE_AT: usize = 256;

impl SessionWrites {
    fn lock_of(&self, session: &str) -> Arc<RwLock<()>> {
        let mut locks = self.locks.lock().unwrap_or_else(|e| e.into_inner());
        if locks.len() >= PRUNE_AT {
            locks.retain(|_, l| Arc::strong_count(l) > 1);
        }
        locks.entry(session.to_owned()).or_default().clone()
    }

    /// Held while a write of `session` runs.
    pub async fn writing(&self, session: &str) -> OwnedRwLockWriteGuard<()> {
        self.lock_of(session).write_owned().await
    }

    /// Waits for `session`'s writes under way.
    pub async fn reading(&self, session: &str) -> OwnedRwLockReadGuard<()> {
        self.lock_of(session).read_owned().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn a_read_waits_for_the_same_sessions_write_only() {
        let writes = Arc::new(SessionWrites::default());
        let w = writes.writing("a").await;
        let other = tokio::time::timeout(Duration::from_millis(50), writes.reading("b")).await;
        assert!(other.is_ok(), "another session reads at once");
        let (tx, mut rx) = tokio::sync::oneshot::channel();
        let waiting = writes.clone();
        tokio::spawn(async move {
            let _r = waiting.reading("a").await;
            let _ = tx.send(());
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(rx.try_recv().is_err(), "the read waits for the write");
        drop(w);
        tokio::time::timeout(Duration::from_secs(1), rx)
            .await
            .unwrap()
            .unwrap();
    }
}
