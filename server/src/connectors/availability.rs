//! The availability capability: an agenda's raw availability for one
//! appointment type over local dates (`core::slots::Availability`), which
//! the widget and the calendar turn into slots. Read live from whichever
//! system keeps the agenda: a slot is never offered from stale data. The
//! agenda's setup (the agenda, its coaches and rooms, types, questions) is
//! Frontdesk's own tables, for a vendor's agenda a mirror of its setup.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_core::slots::Availability;

use super::error::ConnectorError;
use crate::store::agenda::{Agenda, AppointmentType};

#[async_trait]
pub trait Agendas: Send + Sync {
    fn connector(&self) -> &'static str;

    /// Whose agendas the public pages show: none for Frontdesk's own, else
    /// the vendor whose agendas are mirrored.
    fn vendor(&self) -> Option<&'static str>;

    /// The raw availability of `ty` in `agenda` over `from..=to`, busy times
    /// without anyone's name.
    async fn availability(
        &self,
        agenda: &Agenda,
        ty: &AppointmentType,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Availability, ConnectorError>;
}
