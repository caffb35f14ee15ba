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
}
