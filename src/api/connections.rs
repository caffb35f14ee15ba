//! Which system serves what (`/health`), and how fresh a vendor's mirror
//! is (`/sync`).

use frontdesk_core::model::{Health, SyncInfo};
use frontdesk_core::problem::Problem;

pub async fn health() -> Result<Health, Problem> {
    super::get("/health").await
}

pub async fn syncs() -> Result<Vec<SyncInfo>, Problem> {
    super::get("/sync").await
}

/// Syncs `capability` now and says how it went.
pub async fn sync_now(capability: &str) -> Result<SyncInfo, Problem> {
    super::post(&format!("/sync/{}", super::encode(capability)), &()).await
}
