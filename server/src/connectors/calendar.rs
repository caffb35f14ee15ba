//! The agenda capability as the front desk reads it: the appointments of a
//! few days, with names (staff only). A vendor's appointments are read
//! from it each time and kept beside Frontdesk's own rows (so each has an
//! id of Frontdesk's, and a booking made through Frontdesk is the same
//! row); the list is served from there.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use frontdesk_core::model::StaffAppointment;

use super::error::ConnectorError;

/// Whose appointments: a prospect, and the email a booking for them may
/// have been made with (the widget knows no prospect, only an email).
#[derive(Debug, Clone, Copy)]
pub struct Customer<'a> {
    pub prospect_id: i64,
    /// Trimmed; empty when the prospect has none (then only the
    /// appointments made for the prospect count).
    pub email: &'a str,
}

/// What a connector says when it has no way to list one customer's
/// appointments.
pub const CUSTOMER_APPOINTMENTS: &str = "list one customer's appointments";

#[async_trait]
pub trait Calendar: Send + Sync {
    fn connector(&self) -> &'static str;

    /// The appointments starting on local dates `from..=to` of `tz`, in
    /// start order.
    async fn appointments(
        &self,
        tz: Tz,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<StaffAppointment>, ConnectorError>;

    /// `customer`'s appointments starting on local dates `from..=to` of
    /// `tz`, in start order: the ones made for the prospect and the ones
    /// booked with its email (any letter case). A connector whose vendor
    /// cannot find them without reading every day of the range says it
    /// cannot.
    async fn customer_appointments(
        &self,
        tz: Tz,
        customer: Customer<'_>,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<StaffAppointment>, ConnectorError> {
        let _ = (tz, customer, from, to, now);
        Err(ConnectorError::NotSupported {
            connector: self.connector(),
            action: CUSTOMER_APPOINTMENTS,
        })
    }
}
