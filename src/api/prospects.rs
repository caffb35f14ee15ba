//! The prospect list's calls: the whole list once as a compact index, one
//! prospect to edit, bulk changes, and the CSV import.

use frontdesk_core::model::{
    BulkAction, BulkReport, BulkRequest, CustomerAppointments, Duplicate, ImportReport,
    ImportRequest, Prospect, ProspectInput, StaffUser,
};
use frontdesk_core::problem::Problem;

/// The whole list's index, unparsed (see [`super::Body`]); it parses into
/// a [`frontdesk_core::prospect_list::ProspectIndex`].
pub async fn index() -> Result<super::Body, Problem> {
    super::get_body("/prospects/index").await
}

pub async fn staff() -> Result<Vec<StaffUser>, Problem> {
    super::get("/staff").await
}

pub async fn get(id: i64) -> Result<Prospect, Problem> {
    super::get(&format!("/prospects/{id}")).await
}

/// The prospect's appointments, coming and past (a year either side of
/// today), with the club's dates and times.
pub async fn appointments(id: i64) -> Result<CustomerAppointments, Problem> {
    super::get(&format!("/prospects/{id}/appointments")).await
}

/// The prospects `input` would repeat, by email or number.
pub async fn duplicates(input: &ProspectInput) -> Result<Vec<Duplicate>, Problem> {
    let query = [
        ("email", &input.email),
        ("mobile", &input.mobile),
        ("phone", &input.phone),
    ]
    .iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| format!("{k}={}", super::encode(v.trim())))
    .collect::<Vec<_>>()
    .join("&");
    super::get(&format!("/prospects/duplicates?{query}")).await
}

pub async fn create(input: &ProspectInput) -> Result<Prospect, Problem> {
    super::post("/prospects", input).await
}

pub async fn update(id: i64, input: &ProspectInput) -> Result<Prospect, Problem> {
    super::put(&format!("/prospects/{id}"), input).await
}

pub async fn delete(id: i64) -> Result<(), Problem> {
    super::delete(&format!("/prospects/{id}")).await
}

pub async fn bulk(ids: Vec<i64>, action: BulkAction) -> Result<BulkReport, Problem> {
    super::post("/prospects/bulk", &BulkRequest { ids, action }).await
}

pub async fn import(request: &ImportRequest) -> Result<ImportReport, Problem> {
    super::post("/prospects/import", request).await
}

/// Where the filtered list downloads as CSV; `query` is the list's own
/// query string (same parameter names as the API).
pub fn export_url(query: &str) -> String {
    if query.is_empty() {
        super::url("/prospects/export.csv")
    } else {
        format!("{}?{query}", super::url("/prospects/export.csv"))
    }
}
