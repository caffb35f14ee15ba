//! The mirror's sync engine with a vendor that pages (as Overplane and
//! Cirrus do): a run cut short is partial, keeps what it committed, and the
//! next run resumes where it stood; a record gone from the vendor leaves
//! the mirror only after a complete run. The vendor here is a list in
//! memory behind the connector trait; the store is the real SQLite one.

use std::sync::Mutex;

use async_trait::async_trait;
use frontdesk_core::model::ProspectInput;
use frontdesk_server::connectors::ConnectorError;
use frontdesk_server::connectors::prospects::{RemotePage, RemoteProspect, VendorProspects};
use frontdesk_server::connectors::sync::{self, Outcome};
use frontdesk_server::store::mirror::Field;

struct Paged {
    records: Mutex<Vec<RemoteProspect>>,
    per_page: usize,
    /// Page numbers that fail once, the next time they are asked.
    fail_once: Mutex<Vec<usize>>,
    /// Every page asked for, in order.
    asked: Mutex<Vec<usize>>,
}

fn person(id: usize) -> RemoteProspect {
    RemoteProspect {
        remote_id: id.to_string(),
        fields: ProspectInput {
            first_name: format!("P{id}"),
            last_name: "Paged".into(),
            ..ProspectInput::default()
        },
        extra: serde_json::Map::new(),
    }
}

const OWNED: [Field; 2] = [Field::FirstName, Field::LastName];

#[async_trait]
impl VendorProspects for Paged {
    fn connector(&self) -> &'static str {
        "paged"
    }
    fn owned(&self) -> &'static [Field] {
        &OWNED
    }
    async fn list(&self, position: Option<&str>) -> Result<RemotePage, ConnectorError> {
        let page: usize = position.map_or(0, |p| p.parse().unwrap());
        self.asked.lock().unwrap().push(page);
        let mut failing = self.fail_once.lock().unwrap();
        if let Some(i) = failing.iter().position(|p| *p == page) {
            failing.remove(i);
            return Err(ConnectorError::VendorFailed {
                system: "Paged",
                status: 503,
            });
        }
        let all = self.records.lock().unwrap();
        let start = page * self.per_page;
        let end = (start + self.per_page).min(all.len());
        Ok(RemotePage {
            records: all[start.min(end)..end].to_vec(),
            next: (end < all.len()).then(|| (page + 1).to_string()),
            requests: 1,
        })
    }
    async fn fetch(&self, id: &str) -> Result<Option<RemoteProspect>, ConnectorError> {
        Ok(self
            .records
            .lock()
            .unwrap()
            .iter()
            .find(|r| r.remote_id == id)
            .cloned())
    }
    async fn create(&self, _: &ProspectInput, _: &str) -> Result<RemoteProspect, ConnectorError> {
        unreachable!()
    }
    async fn update(
        &self,
        _: &RemoteProspect,
        _: &ProspectInput,
        _: &str,
    ) -> Result<RemoteProspect, ConnectorError> {
        unreachable!()
    }
    async fn delete(&self, _: &str, _: &str) -> Result<(), ConnectorError> {
        unreachable!()
    }
}

async fn mirrored(db: &sqlx::SqlitePool) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT remote_id FROM prospects WHERE vendor = 'paged' AND deleted_at IS NULL \
         ORDER BY CAST(remote_id AS INTEGER)",
    )
    .fetch_all(db)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_run_cut_short_is_partial_and_the_next_resumes_where_it_stood() {
    let dir = tempfile::tempdir().unwrap();
    let db = frontdesk_server::store::open(&dir.path().join("t.db"))
        .await
        .unwrap();
    let vendor = Paged {
        records: Mutex::new((1..=7).map(person).collect()),
        per_page: 2,
        fail_once: Mutex::new(vec![2]),
        asked: Mutex::new(Vec::new()),
    };

    // Pages 0 and 1 land, page 2 fails: partial, and what landed is served.
    let first = sync::run(&db, &vendor, &OWNED).await;
    assert_eq!(first.outcome, Outcome::Partial);
    assert!(first.error.as_deref().unwrap().contains("Paged"));
    assert_eq!(mirrored(&db).await, ["1", "2", "3", "4"]);
    let status = sync::status(&db).await.unwrap();
    assert_eq!(status[0].last_outcome.as_deref(), Some("partial"));
    assert!(status[0].resuming);
    assert_eq!(status[0].last_complete_at, None, "never reported as done");

    // Meanwhile the vendor drops record 1; the resumed run starts at page 2
    // (pages 0 and 1 are not read again) and completes. With offsets, the
    // records after 1 shifted one place up: 5 is now on page 1, read
    // before, and this run misses it; the next one finds it.
    vendor
        .records
        .lock()
        .unwrap()
        .retain(|r| r.remote_id != "1");
    vendor.asked.lock().unwrap().clear();
    let second = sync::run(&db, &vendor, &OWNED).await;
    assert_eq!(second.outcome, Outcome::Complete);
    assert_eq!(vendor.asked.lock().unwrap().clone(), [2]);
    // Record 1 was seen by the first half of this same run: it stays until
    // a complete run has not seen it.
    assert_eq!(mirrored(&db).await, ["1", "2", "3", "4", "6", "7"]);

    let third = sync::run(&db, &vendor, &OWNED).await;
    assert_eq!(third.outcome, Outcome::Complete);
    assert_eq!(
        (third.changed, third.removed),
        (1, 1),
        "5 arrives, 1 leaves"
    );
    assert_eq!(mirrored(&db).await, ["2", "3", "4", "5", "6", "7"]);
}

#[tokio::test]
async fn a_record_shifted_out_of_a_complete_run_is_checked_before_it_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let db = frontdesk_server::store::open(&dir.path().join("t.db"))
        .await
        .unwrap();
    let vendor = Paged {
        records: Mutex::new((1..=6).map(person).collect()),
        per_page: 2,
        fail_once: Mutex::new(Vec::new()),
        asked: Mutex::new(Vec::new()),
    };
    assert_eq!(
        sync::run(&db, &vendor, &OWNED).await.outcome,
        Outcome::Complete
    );
    assert_eq!(mirrored(&db).await, ["1", "2", "3", "4", "5", "6"]);
    // A run stops after page 0 ([1, 2]); then 2 is deleted at the vendor,
    // the rest shift up a place, and the resumed run (page 1: [4, 5],
    // page 2: [6]) never sees 3, which still exists: it must not leave.
    vendor.fail_once.lock().unwrap().push(1);
    assert_eq!(
        sync::run(&db, &vendor, &OWNED).await.outcome,
        Outcome::Partial
    );
    vendor
        .records
        .lock()
        .unwrap()
        .retain(|r| r.remote_id != "2");
    let resumed = sync::run(&db, &vendor, &OWNED).await;
    assert_eq!(resumed.outcome, Outcome::Complete);
    assert_eq!(
        resumed.removed, 0,
        "3 was checked with the vendor, and kept"
    );
    assert_eq!(mirrored(&db).await, ["1", "2", "3", "4", "5", "6"]);
    // The next complete run does not see 2, asks, and lets it go.
    let next = sync::run(&db, &vendor, &OWNED).await;
    assert_eq!(next.removed, 1);
    assert_eq!(mirrored(&db).await, ["1", "3", "4", "5", "6"]);
}

#[tokio::test]
async fn a_run_that_reads_nothing_is_failed_and_removes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = frontdesk_server::store::open(&dir.path().join("t.db"))
        .await
        .unwrap();
    let vendor = Paged {
        records: Mutex::new((1..=3).map(person).collect()),
        per_page: 10,
        fail_once: Mutex::new(Vec::new()),
        asked: Mutex::new(Vec::new()),
    };
    assert_eq!(
        sync::run(&db, &vendor, &OWNED).await.outcome,
        Outcome::Complete
    );
    vendor.fail_once.lock().unwrap().push(0);
    let failed = sync::run(&db, &vendor, &OWNED).await;
    assert_eq!(failed.outcome, Outcome::Failed);
    assert_eq!(mirrored(&db).await, ["1", "2", "3"]);
}

#[tokio::test]
async fn a_record_twice_in_one_answer_is_written_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = frontdesk_server::store::open(&dir.path().join("t.db"))
        .await
        .unwrap();
    let mut twice = person(2);
    twice.fields.first_name = "P2 again".into();
    let vendor = Paged {
        records: Mutex::new(vec![person(1), person(2), twice, person(3)]),
        per_page: 10,
        fail_once: Mutex::new(Vec::new()),
        asked: Mutex::new(Vec::new()),
    };
    let run = sync::run(&db, &vendor, &OWNED).await;
    assert_eq!(run.outcome, Outcome::Complete);
    assert_eq!(run.changed, 3);
    assert_eq!(mirrored(&db).await, ["1", "2", "3"]);
    let name: String = sqlx::query_scalar("SELECT first_name FROM prospects WHERE remote_id = '2'")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(name, "P2 again", "the last copy wins");
}
