//! Bookings at OnlineAfspraken: the customer found by email (getCustomers)
//! or created (setCustomer), the appointment set in consumer mode with the
//! agenda's questions as parameters named by their keys (setAppointment),
//! confirmed with the code the vendor sent (confirmAppointment), cancelled
//! as the customer would (cancelAppointment, DryRun first when asked).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use frontdesk_core::model::BookingRequest;

use super::xml::{Node, items, text};
use super::{OnlineAfspraken, SYSTEM};
use crate::connectors::bookings::{Placed, RemoteStatus, VendorBookings};
use crate::connectors::error::ConnectorError;
use crate::store::agenda::{Agenda, AppointmentType};

pub(super) fn malformed(field: &str) -> ConnectorError {
    ConnectorError::Malformed {
        system: SYSTEM,
        field: field.to_owned(),
    }
}

/// "Ann Marie Peeters" → ("Ann Marie", "Peeters"): the vendor wants both.
fn split_name(name: &str) -> (String, String) {
    let name = name.trim();
    match name.rsplit_once(' ') {
        Some((first, last)) => (first.trim().to_owned(), last.trim().to_owned()),
        None => (name.to_owned(), name.to_owned()),
    }
}

pub(super) fn first_id(root: &Node, element: &str) -> Option<String> {
    items(root, element)
        .into_iter()
        .map(|n| text(n, "Id").to_owned())
        .find(|id| !id.is_empty())
}

impl OnlineAfspraken {
    /// The customer with this email, or a new one.
    pub(super) async fn customer(
        &self,
        request: &BookingRequest,
    ) -> Result<String, ConnectorError> {
        let email = request.email.trim().to_owned();
        let found = self
            .client
            .read("getCustomers", &[("Email", email.clone())])
            .await?;
        let enabled = items(&found, "Customer")
            .into_iter()
            .find(|c| text(c, "Status") != "2" && text(c, "Status") != "3");
        if let Some(c) = enabled
            .map(|c| text(c, "Id").to_owned())
            .filter(|id| !id.is_empty())
        {
            return Ok(c);
        }
        let (first, last) = split_name(&request.name);
        let mut params = vec![("Email", email), ("FirstName", first), ("LastName", last)];
        if !request.phone.trim().is_empty() {
            params.push(("MobilePhone", request.phone.trim().to_owned()));
        }
        let created = self.client.write("setCustomer", &params).await?;
        first_id(&created, "Customer").ok_or_else(|| malformed("Customer.Id"))
    }

    /// After an answer that was lost: the appointment may exist. Looks for
    /// one of this customer at this start before anyone books again.
    pub(super) async fn find_placed(
        &self,
        agenda: &str,
        customer: &str,
        wall_start: &str,
    ) -> Result<Option<Placed>, ConnectorError> {
        let date = wall_start.get(..10).unwrap_or_default().to_owned();
        let found = self
            .client
            .read(
                "getAppointments",
                &[
                    ("AgendaId", agenda.to_owned()),
                    ("StartDate", date.clone()),
                    ("EndDate", date),
                    ("CustomerId", customer.to_owned()),
                ],
            )
            .await?;
        Ok(items(&found, "Appointment")
            .into_iter()
            .find(|a| text(a, "StartTime").starts_with(wall_start) && text(a, "Status") == "1")
            .map(|a| Placed {
                remote_id: text(a, "Id").to_owned(),
                pending: text(a, "Label") == "1",
                resource: a
                    .child("Resources")
                    .map(|r| text(r, "ResourceId").to_owned())
                    .filter(|r| !r.is_empty()),
            }))
    }
}

#[async_trait]
impl VendorBookings for OnlineAfspraken {
    fn connector(&self) -> &'static str {
        super::NAME
    }

    async fn place(
        &self,
        agenda: &Agenda,
        ty: &AppointmentType,
        request: &BookingRequest,
        start: DateTime<Utc>,
        resource: Option<&str>,
    ) -> Result<Placed, ConnectorError> {
        let remote_agenda = agenda
            .remote_id
            .clone()
            .ok_or_else(|| malformed("AgendaId"))?;
        let remote_type = ty
            .remote_id
            .clone()
            .ok_or_else(|| malformed("AppointmentTypeId"))?;
        let customer = self.customer(request).await?;
        let local = start.with_timezone(&self.tz);
        let wall = local.format("%Y-%m-%d %H:%M").to_string();
        let mut params = vec![
            ("AgendaId", remote_agenda.clone()),
            ("CustomerId", customer.clone()),
            ("AppointmentTypeId", remote_type),
            ("Date", local.format("%Y-%m-%d").to_string()),
            ("StartTime", local.format("%H:%M").to_string()),
            ("Name", request.name.trim().to_owned()),
            ("BookingMode", "consumer".to_owned()),
        ];
        if let Some(r) = resource {
            params.push(("ResourceId", r.to_owned()));
        }
        // The agenda's own questions travel as parameters named by their key.
        let answers: Vec<(String, String)> = request
            .fields
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut all: Vec<(&str, String)> = params;
        for (k, v) in &answers {
            all.push((k.as_str(), v.clone()));
        }
        let answer = match self.client.write("setAppointment", &all).await {
            Ok(answer) => answer,
            Err(e @ (ConnectorError::Malformed { .. } | ConnectorError::Unreachable { .. })) => {
                return match self.find_placed(&remote_agenda, &customer, &wall).await {
                    Ok(Some(placed)) => Ok(placed),
                    _ => Err(e),
                };
            }
            Err(e) => return Err(e),
        };
        let appointment = items(&answer, "Appointment")
            .into_iter()
            .next()
            .ok_or_else(|| malformed("Appointment"))?;
        let remote_id = text(appointment, "Id").to_owned();
        if remote_id.is_empty() {
            return Err(malformed("Appointment.Id"));
        }
        // setAppointment's Status: 1 pending (a code was sent), 2 approved.
        let pending = text(appointment, "Status") == "1";
        // Which resource the vendor chose is in the appointment itself.
        let resource = match resource {
            Some(r) => Some(r.to_owned()),
            None => {
                let full = self
                    .client
                    .read("getAppointment", &[("Id", remote_id.clone())])
                    .await?;
                items(&full, "Appointment")
                    .into_iter()
                    .next()
                    .and_then(|a| a.child("Resources"))
                    .map(|r| text(r, "ResourceId").to_owned())
                    .filter(|r| !r.is_empty())
            }
        };
        Ok(Placed {
            remote_id,
            pending,
            resource,
        })
    }

    async fn confirm(&self, remote_id: &str, code: &str) -> Result<bool, ConnectorError> {
        match self
            .client
            .write(
                "confirmAppointment",
                &[
                    ("id", remote_id.to_owned()),
                    ("ConfirmationCode", code.to_owned()),
                ],
            )
            .await
        {
            Ok(answer) => Ok(super::xml::find(&answer, "Confirmed").is_none_or(|c| c.text != "0")),
            Err(ConnectorError::Refused { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    async fn cancel(&self, remote_id: &str, dry_run: bool) -> Result<(), ConnectorError> {
        let mut params = vec![
            ("Id", remote_id.to_owned()),
            ("Mode", "customer".to_owned()),
        ];
        if dry_run {
            params.push(("DryRun", "1".to_owned()));
            self.client.read("cancelAppointment", &params).await?;
        } else {
            self.client.write("cancelAppointment", &params).await?;
        }
        Ok(())
    }

    async fn status(&self, remote_id: &str) -> Result<Option<RemoteStatus>, ConnectorError> {
        let answer = match self
            .client
            .read("getAppointment", &[("Id", remote_id.to_owned())])
            .await
        {
            Ok(a) => a,
            Err(ConnectorError::NotFound) => return Ok(None),
            Err(e) => return Err(e),
        };
        let Some(a) = items(&answer, "Appointment").into_iter().next() else {
            return Ok(None);
        };
        Ok(Some(match (text(a, "Status"), text(a, "Label")) {
            ("3", _) => return Ok(None),
            ("2", _) | (_, "4") => RemoteStatus::Cancelled,
            (_, "1") => RemoteStatus::Pending,
            _ => RemoteStatus::Approved,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_becomes_first_and_last() {
        assert_eq!(
            split_name(" Ann Marie Peeters "),
            ("Ann Marie".into(), "Peeters".into())
        );
        assert_eq!(split_name("Cher"), ("Cher".into(), "Cher".into()));
    }
}
