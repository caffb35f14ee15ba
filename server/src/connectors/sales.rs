//! The sales-steps capability at a vendor (Clubplanner): where a prospect
//! stands in the vendor's sales process, and choosing a result there, which
//! may book an appointment in the vendor's sales calendar. Frontdesk's own
//! sales plan (`local`) stays in `api::sales`, in one transaction with its
//! booking; a vendor keeps the process and has the last word.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use frontdesk_core::model::SalesStep;

use super::error::ConnectorError;
use crate::store::agenda::{Agenda, AppointmentType};

/// The appointment a result books, as the picker gave it.
pub struct VendorAppointment {
    pub agenda: Agenda,
    pub ty: AppointmentType,
    pub start: DateTime<Utc>,
    /// Frontdesk's id of the coach asked for; none for "any available".
    pub resource_id: Option<String>,
}

/// One result chosen at a prospect's current step.
pub struct VendorChoice<'a> {
    /// The prospect's id at the vendor.
    pub remote_prospect: &'a str,
    pub result_id: i64,
    pub note: &'a str,
    /// Who chose it (the staff member, by name).
    pub by: &'a str,
    pub appointment: Option<VendorAppointment>,
}

#[async_trait]
pub trait VendorSales: Send + Sync {
    fn connector(&self) -> &'static str;

    /// The prospect's current step, its results labelled as the vendor
    /// writes them; `None` once the process is over.
    async fn current(
        &self,
        remote_prospect: &str,
        lang: &str,
    ) -> Result<Option<SalesStep>, ConnectorError>;

    /// Records the result at the vendor (booking its appointment when it
    /// books) and answers the step the prospect is at now.
    async fn choose(
        &self,
        choice: VendorChoice<'_>,
        lang: &str,
    ) -> Result<Option<SalesStep>, ConnectorError>;
}
