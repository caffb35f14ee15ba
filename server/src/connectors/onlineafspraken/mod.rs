//! OnlineAfspraken (seed 003): a Dutch booking system behind one endpoint,
//! `method=` and signed parameters, XML answers in a `<Status>` envelope.
//! Serves availability (and, next, bookings and the agenda): the agenda's
//! setup is mirrored into Frontdesk's own tables (`setup`), the raw
//! availability is read live (`availability`).

pub mod assumed;
mod availability;
mod bookings;
mod calendar;
pub mod client;
mod desk;
mod setup;
pub mod sign;
pub mod xml;

use std::sync::Arc;

use chrono_tz::Tz;
use secrecy::SecretString;
use sqlx::SqlitePool;

use super::config::OnlineAfsprakenTable;
use super::error::ConnectorError;

pub const NAME: &str = "onlineafspraken";
pub const SYSTEM: &str = "OnlineAfspraken";

pub struct OnlineAfspraken {
    client: client::Client,
    db: SqlitePool,
    tz: Tz,
    agenda_id: Option<String>,
    rooms: Vec<String>,
    cancel_cutoff_min: u32,
}

impl OnlineAfspraken {
    /// getAppointments of an agenda for local dates `from..=to` and a day
    /// either side (which covers every offset from UTC), page by page.
    pub(super) async fn appointments_around(
        &self,
        remote_agenda: &str,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<xml::Node>, ConnectorError> {
        self.appointments_where(remote_agenda, from, to, None).await
    }

    /// [`Self::appointments_around`], of one customer only when
    /// `customer` names one (getAppointments' `CustomerId`).
    pub(super) async fn appointments_where(
        &self,
        remote_agenda: &str,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        customer: Option<&str>,
    ) -> Result<Vec<xml::Node>, ConnectorError> {
        let mut all = Vec::new();
        loop {
            let mut params = vec![
                ("AgendaId", remote_agenda.to_owned()),
                ("StartDate", (from - chrono::Duration::days(1)).to_string()),
                ("EndDate", (to + chrono::Duration::days(1)).to_string()),
                ("Limit", assumed::PAGE.to_string()),
                ("Offset", all.len().to_string()),
            ];
            if let Some(c) = customer {
                params.push(("CustomerId", c.to_owned()));
            }
            let page = self.client.read("getAppointments", &params).await?;
            let list = xml::items(&page, "Appointment");
            let got = list.len();
            all.extend(list.into_iter().cloned());
            if got < assumed::PAGE {
                return Ok(all);
            }
        }
    }

    pub fn new(table: &OnlineAfsprakenTable, db: SqlitePool) -> anyhow::Result<Arc<Self>> {
        let key = table
            .key
            .clone()
            .ok_or_else(|| anyhow::anyhow!("onlineafspraken.key_env: the key was not read"))?;
        let secret: SecretString = table.secret.clone().ok_or_else(|| {
            anyhow::anyhow!("onlineafspraken.secret_env: the secret was not read")
        })?;
        let tz = table
            .timezone
            .as_deref()
            .unwrap_or(assumed::TIMEZONE)
            .parse()
            .map_err(|_| anyhow::anyhow!("onlineafspraken.timezone is not a time zone"))?;
        Ok(Arc::new(Self {
            client: client::Client::new(table.common().client(SYSTEM), key, secret),
            db,
            tz,
            agenda_id: table.agenda_id.clone(),
            rooms: table.rooms.clone(),
            cancel_cutoff_min: table
                .cancel_cutoff_min
                .unwrap_or(assumed::CANCEL_CUTOFF_MIN),
        }))
    }

    /// A harmless read for `check-config`: the agendas.
    pub async fn check(&self) -> Result<(), ConnectorError> {
        self.client.read("getAgendas", &[]).await.map(|_| ())
    }

    /// Brings the mirrored setup (agenda, resources, types, questions) up
    /// to date.
    pub async fn sync_setup(&self) -> Result<(), ConnectorError> {
        setup::sync(self).await
    }
}
