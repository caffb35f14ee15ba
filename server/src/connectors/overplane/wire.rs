//! Overplane's JSON as seed 001 shows it: the prospect object and the
//! list's envelope. Every field but `id` may be missing; those with no
//! unified home are kept whole (`other`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Prospect {
    pub id: String,
    /// Required at create: the name Frontdesk shows.
    #[serde(default)]
    pub company: Option<String>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `GET /api/crm/prospect`: `{data, has_more, total}`.
#[derive(Debug, Deserialize)]
pub struct Page {
    pub data: Vec<Prospect>,
    #[serde(default)]
    pub has_more: bool,
    #[serde(default)]
    pub total: Option<u64>,
}
