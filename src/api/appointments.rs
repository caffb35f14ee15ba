//! The staff agenda: appointments of a few days, in the club's time zone.

use frontdesk_core::model::AppointmentList;
use frontdesk_core::problem::Problem;

/// Local dates `from..=to`, `YYYY-MM-DD`.
pub async fn list(from: &str, to: &str) -> Result<AppointmentList, Problem> {
    super::get(&format!(
        "/appointments?from={}&to={}",
        super::encode(from),
        super::encode(to)
    ))
    .await
}
