//! The bookings capability for an agenda a vendor keeps: the booking is
//! placed, confirmed and cancelled at the vendor, which has the last word;
//! Frontdesk keeps its own record beside it (the manage link's token, the
//! messages, the limits). For Frontdesk's own agendas the booking is made
//! in the local store, inside one transaction (`api::public`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use frontdesk_core::model::BookingRequest;

use super::error::ConnectorError;
use crate::store::agenda::{Agenda, AppointmentType};

/// A booking the vendor accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// Its id at the vendor.
    pub remote_id: String,
    /// It waits for the code the vendor sent the booker.
    pub pending: bool,
    /// The resource the vendor gave it (its id there), when it said.
    pub resource: Option<String>,
}

/// A booking as the vendor has it now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoteStatus {
    Pending,
    Approved,
    Cancelled,
}

#[async_trait]
pub trait VendorBookings: Send + Sync {
    fn connector(&self) -> &'static str;

    /// Places the booking: finds the customer by email (or creates them,
    /// with the agenda's questions), then books `start` for them, with
    /// `resource` (the vendor's id) or whichever is free.
    async fn place(
        &self,
        agenda: &Agenda,
        ty: &AppointmentType,
        request: &BookingRequest,
        start: DateTime<Utc>,
        resource: Option<&str>,
    ) -> Result<Placed, ConnectorError>;

    /// `Ok(false)`: the vendor says the code is wrong.
    async fn confirm(&self, remote_id: &str, code: &str) -> Result<bool, ConnectorError>;

    /// Cancels as the customer would (the vendor's own rules on how late);
    /// with `dry_run`, only asks whether it may. `Refused` says why not.
    async fn cancel(&self, remote_id: &str, dry_run: bool) -> Result<(), ConnectorError>;

    /// How the vendor has it now; `None` when it is gone.
    async fn status(&self, remote_id: &str) -> Result<Option<RemoteStatus>, ConnectorError>;
}
