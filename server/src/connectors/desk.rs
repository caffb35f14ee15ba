//! The front desk's changes to an agenda a vendor keeps: staff book, move,
//! cancel as the club, remove, and open a date's extra hours, at the vendor
//! first; Frontdesk's row beside it changes only once the vendor accepted
//! (`api::desk`). Frontdesk's own agendas change in the local store
//! (`store::desk`), in one transaction.
//!
//! Every method has a default that says "not supported", so a connector
//! implements the calls its vendor has and the app hides the rest
//! ([`VendorDesk::abilities`]).

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use frontdesk_core::model::BookingRequest;
use serde::Serialize;

use super::bookings::Placed;
use super::error::ConnectorError;
use crate::store::agenda::{Agenda, AppointmentType};

/// What a desk connector can do, by the names the app hides actions by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DeskAbilities {
    pub book: bool,
    pub reschedule: bool,
    pub cancel: bool,
    pub remove: bool,
    pub blocks: bool,
    /// Change the weekly opening hours (no vendor's API offers it yet).
    pub weekly_hours: bool,
}

impl DeskAbilities {
    pub const ALL: Self = Self {
        book: true,
        reschedule: true,
        cancel: true,
        remove: true,
        blocks: true,
        weekly_hours: true,
    };

    /// The names of what it cannot do.
    pub fn missing(self) -> Vec<String> {
        [
            ("desk_book", self.book),
            ("desk_move", self.reschedule),
            ("desk_cancel", self.cancel),
            ("desk_remove", self.remove),
            ("desk_blocks", self.blocks),
            ("desk_weekly_hours", self.weekly_hours),
        ]
        .into_iter()
        .filter(|(_, can)| !can)
        .map(|(name, _)| name.to_owned())
        .collect()
    }
}

/// One appointment as staff place it: who, what, when, on which of the
/// vendor's resources (`None`: whichever it gives), and whether a rule is
/// knowingly overridden.
pub struct Placement<'a> {
    pub agenda: &'a Agenda,
    pub ty: &'a AppointmentType,
    pub person: &'a BookingRequest,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub resource: Option<&'a str>,
    pub overriding: bool,
}

fn unsupported(connector: &'static str, action: &'static str) -> ConnectorError {
    ConnectorError::NotSupported { connector, action }
}

#[async_trait]
pub trait VendorDesk: Send + Sync {
    fn connector(&self) -> &'static str;

    fn abilities(&self) -> DeskAbilities;

    /// Books as the club: no confirmation code, the person found by email
    /// or created with the agenda's questions.
    async fn book(&self, placement: Placement<'_>) -> Result<Placed, ConnectorError> {
        let _ = placement;
        Err(unsupported(self.connector(), "book from the desk"))
    }

    /// Moves or resizes `remote_id` (to another resource when
    /// `placement.resource` says so); returns the booking as it is now,
    /// whose id may be new.
    async fn reschedule(
        &self,
        remote_id: &str,
        placement: Placement<'_>,
    ) -> Result<Placed, ConnectorError> {
        let _ = (remote_id, placement);
        Err(unsupported(self.connector(), "move an appointment"))
    }

    /// Cancels as the club, with `reason` told to the customer when
    /// `notify`.
    async fn cancel(
        &self,
        remote_id: &str,
        reason: &str,
        notify: bool,
    ) -> Result<(), ConnectorError> {
        let _ = (remote_id, reason, notify);
        Err(unsupported(self.connector(), "cancel as the club"))
    }

    /// Removes the appointment for good.
    async fn remove(&self, remote_id: &str) -> Result<(), ConnectorError> {
        let _ = remote_id;
        Err(unsupported(self.connector(), "remove an appointment"))
    }

    /// Opens `start..end` of `date` for `resource` (the vendor's id; `None`
    /// for all); returns the block's id there.
    async fn add_block(
        &self,
        agenda: &Agenda,
        resource: Option<&str>,
        date: NaiveDate,
        start: NaiveTime,
        end: NaiveTime,
    ) -> Result<String, ConnectorError> {
        let _ = (agenda, resource, date, start, end);
        Err(unsupported(self.connector(), "add opening hours"))
    }

    async fn remove_block(&self, agenda: &Agenda, remote_id: &str) -> Result<(), ConnectorError> {
        let _ = (agenda, remote_id);
        Err(unsupported(self.connector(), "remove opening hours"))
    }
}
