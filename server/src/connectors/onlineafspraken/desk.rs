//! The front desk's changes on OnlineAfspraken: setAppointment in customer
//! mode (the club books and edits, with OverrideMode when staff overrode a
//! rule), cancelAppointment as the company (Remarks, Confirmations),
//! removeAppointment, and CHAddBlock / CHRemoveBlock for a date's extra
//! hours.
//!
//! setAppointment ignores ResourceId when it edits (seed 003), so a move to
//! another coach is a new appointment for the same customer, with the same
//! answers to the agenda's questions, then the old one removed; if the
//! removal fails the new one is removed again and nothing has changed.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::bookings::{first_id, malformed};
use super::xml::{Node, items, text};
use super::{NAME, OnlineAfspraken};
use crate::connectors::bookings::Placed;
use crate::connectors::desk::{DeskAbilities, Placement, VendorDesk};
use crate::connectors::error::ConnectorError;
use crate::store::agenda::Agenda;

type Params = Vec<(String, String)>;

fn remote_of(agenda: &Agenda) -> Result<String, ConnectorError> {
    agenda
        .remote_id
        .clone()
        .ok_or_else(|| malformed("AgendaId"))
}

fn resource_in(a: &Node) -> Option<String> {
    a.child("Resources")
        .map(|r| text(r, "ResourceId").to_owned())
        .filter(|r| !r.is_empty() && r != "0")
}

impl OnlineAfspraken {
    async fn set(&self, params: &Params) -> Result<Node, ConnectorError> {
        let borrowed: Vec<(&str, String)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        self.client.write("setAppointment", &borrowed).await
    }

    async fn appointment(&self, remote_id: &str) -> Result<Node, ConnectorError> {
        let answer = self
            .client
            .read("getAppointment", &[("Id", remote_id.to_owned())])
            .await?;
        items(&answer, "Appointment")
            .into_iter()
            .next()
            .cloned()
            .ok_or(ConnectorError::NotFound)
    }

    /// The wall-clock parameters of `start..end` in the agenda's zone.
    fn when(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> Params {
        let (s, e) = (start.with_timezone(&self.tz), end.with_timezone(&self.tz));
        vec![
            ("Date".into(), s.format("%Y-%m-%d").to_string()),
            ("StartTime".into(), s.format("%H:%M").to_string()),
            ("EndTime".into(), e.format("%H:%M").to_string()),
        ]
    }

    /// A new appointment in customer mode: no code, the club's own rules.
    async fn book_for(
        &self,
        customer: &str,
        p: &Placement<'_>,
        answers: Params,
    ) -> Result<Placed, ConnectorError> {
        let agenda = remote_of(p.agenda)?;
        let ty =
            p.ty.remote_id
                .clone()
                .ok_or_else(|| malformed("AppointmentTypeId"))?;
        let mut params: Params = vec![
            ("AgendaId".into(), agenda.clone()),
            ("CustomerId".into(), customer.to_owned()),
            ("AppointmentTypeId".into(), ty),
            ("Name".into(), p.person.name.trim().to_owned()),
            ("BookingMode".into(), "customer".into()),
        ];
        params.extend(self.when(p.start, p.end));
        if let Some(r) = p.resource {
            params.push(("ResourceId".into(), r.to_owned()));
        }
        if p.overriding {
            params.push(("OverrideMode".into(), "1".into()));
        }
        params.extend(answers);
        let wall = p
            .start
            .with_timezone(&self.tz)
            .format("%Y-%m-%d %H:%M")
            .to_string();
        let answer = match self.set(&params).await {
            Ok(a) => a,
            // The answer was lost: it may have been booked. Look first.
            Err(e @ (ConnectorError::Malformed { .. } | ConnectorError::Unreachable { .. })) => {
                return match self.find_placed(&agenda, customer, &wall).await {
                    Ok(Some(placed)) => Ok(placed),
                    _ => Err(e),
                };
            }
            Err(e) => return Err(e),
        };
        let id = first_id(&answer, "Appointment").ok_or_else(|| malformed("Appointment.Id"))?;
        let resource = match p.resource {
            Some(r) => Some(r.to_owned()),
            None => resource_in(&self.appointment(&id).await?),
        };
        Ok(Placed {
            remote_id: id,
            pending: false,
            resource,
        })
    }

    /// The answers to the type's questions an appointment holds, as
    /// parameters named by their keys.
    async fn answers_of(&self, a: &Node, type_id: i64) -> Result<Params, ConnectorError> {
        let mut db = self.db.acquire().await?;
        let keys = crate::store::agenda::fields(&mut db, type_id).await?;
        Ok(keys
            .into_iter()
            .filter_map(|f| {
                let v = text(a, &f.key);
                (!v.is_empty()).then(|| (f.key.clone(), v.to_owned()))
            })
            .collect())
    }
}

#[async_trait]
impl VendorDesk for OnlineAfspraken {
    fn connector(&self) -> &'static str {
        NAME
    }

    fn abilities(&self) -> DeskAbilities {
        // Its API adds and removes a date's blocks (CHAddBlock,
        // CHRemoveBlock) but has no call for the weekly hours.
        DeskAbilities {
            weekly_hours: false,
            ..DeskAbilities::ALL
        }
    }

    async fn book(&self, p: Placement<'_>) -> Result<Placed, ConnectorError> {
        let customer = self.customer(p.person).await?;
        let answers = p
            .person
            .fields
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        self.book_for(&customer, &p, answers).await
    }

    async fn reschedule(
        &self,
        remote_id: &str,
        p: Placement<'_>,
    ) -> Result<Placed, ConnectorError> {
        let current = self.appointment(remote_id).await?;
        let customer = text(&current, "CustomerId").to_owned();
        if customer.is_empty() {
            return Err(malformed("Appointment.CustomerId"));
        }
        let now_on = resource_in(&current);
        if let Some(wanted) = p.resource.filter(|r| now_on.as_deref() != Some(*r)) {
            let answers = self.answers_of(&current, p.ty.info.id).await?;
            let moved = self
                .book_for(
                    &customer,
                    &Placement {
                        resource: Some(wanted),
                        ..p
                    },
                    answers,
                )
                .await?;
            if let Err(e) = self.remove(remote_id).await {
                // Two appointments would be worse than none moved.
                let _ = self.remove(&moved.remote_id).await;
                return Err(e);
            }
            return Ok(moved);
        }
        let mut params: Params = vec![
            ("Id".into(), remote_id.to_owned()),
            ("AgendaId".into(), remote_of(p.agenda)?),
            ("CustomerId".into(), customer),
            (
                "AppointmentTypeId".into(),
                text(&current, "AppointmentTypeId").to_owned(),
            ),
            ("BookingMode".into(), "customer".into()),
        ];
        params.extend(self.when(p.start, p.end));
        if p.overriding {
            params.push(("OverrideMode".into(), "1".into()));
        }
        // An edit is checked for the agenda's required questions like a new
        // booking (seed 003): the answers it holds go along, unchanged.
        params.extend(self.answers_of(&current, p.ty.info.id).await?);
        self.set(&params).await?;
        Ok(Placed {
            remote_id: remote_id.to_owned(),
            pending: false,
            resource: now_on,
        })
    }

    async fn cancel(
        &self,
        remote_id: &str,
        reason: &str,
        notify: bool,
    ) -> Result<(), ConnectorError> {
        let mut params = vec![
            ("Id", remote_id.to_owned()),
            ("Mode", "company".to_owned()),
            // 1: by email (seed 003); 0: none.
            ("Confirmations", if notify { "1" } else { "0" }.to_owned()),
        ];
        if !reason.trim().is_empty() {
            params.push(("Remarks", reason.trim().to_owned()));
        }
        self.client
            .write("cancelAppointment", &params)
            .await
            .map(|_| ())
    }

    async fn remove(&self, remote_id: &str) -> Result<(), ConnectorError> {
        match self
            .client
            .write("removeAppointment", &[("Id", remote_id.to_owned())])
            .await
        {
            // Already gone there: what staff wanted.
            Ok(_) | Err(ConnectorError::NotFound) => Ok(()),
            Err(ConnectorError::Refused { message, .. })
                if message.to_ascii_lowercase().contains("not found") =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    async fn add_block(
        &self,
        agenda: &Agenda,
        resource: Option<&str>,
        date: NaiveDate,
        start: NaiveTime,
        end: NaiveTime,
    ) -> Result<String, ConnectorError> {
        let mut params = vec![
            ("AgendaId", remote_of(agenda)?),
            ("Date", date.to_string()),
            ("StartTime", start.format("%H:%M").to_string()),
            ("EndTime", end.format("%H:%M").to_string()),
        ];
        if let Some(r) = resource {
            params.push(("ResourceId", r.to_owned()));
        }
        let answer = self.client.write("CHAddBlock", &params).await?;
        // The only time the vendor tells the block's id (seed 003).
        first_id(&answer, "Block").ok_or_else(|| malformed("Block.Id"))
    }

    async fn remove_block(&self, agenda: &Agenda, remote_id: &str) -> Result<(), ConnectorError> {
        self.client
            .write(
                "CHRemoveBlock",
                &[
                    ("AgendaId", remote_of(agenda)?),
                    ("id", remote_id.to_owned()),
                ],
            )
            .await
            .map(|_| ())
    }
}
