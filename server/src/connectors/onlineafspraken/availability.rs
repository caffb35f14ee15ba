//! getBookableBlocks + getAppointments turned into the raw `Availability`
//! the slot engine reads: the blocks as they are (the vendor does not cut
//! them into times; `core::slots` does), and every appointment that takes
//! a resource as a busy interval with no name, id, email or note of the
//! customer: those never leave this function.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use frontdesk_core::slots::{Availability, Block, BusyItem};

use super::xml::{items, text};
use super::{OnlineAfspraken, SYSTEM, assumed};
use crate::connectors::availability::Agendas;
use crate::connectors::error::ConnectorError;
use crate::store::agenda::{Agenda, AppointmentType, local_rfc3339, rfc3339};

/// The agenda's resources: the vendor's id → Frontdesk's.
async fn local_resources(
    oa: &OnlineAfspraken,
    agenda_id: i64,
) -> Result<HashMap<String, String>, ConnectorError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT remote_id, id FROM resources WHERE agenda_id = ? AND remote_id IS NOT NULL",
    )
    .bind(agenda_id)
    .fetch_all(&oa.db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(r, id)| (r, id.to_string()))
        .collect())
}

/// A vendor wall time (`yyyy-mm-dd hh:mm:ss`) in the agenda's zone as an
/// RFC 3339 instant with its offset.
fn instant(oa: &OnlineAfspraken, wall: &str) -> Option<String> {
    let t = NaiveDateTime::parse_from_str(wall.trim(), "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(wall.trim(), "%Y-%m-%d %H:%M"))
        .ok()?;
    let local = t.and_local_timezone(oa.tz).earliest()?;
    Some(local_rfc3339(local.with_timezone(&Utc), oa.tz))
}

fn missing(field: &str) -> ConnectorError {
    ConnectorError::Malformed {
        system: SYSTEM,
        field: field.to_owned(),
    }
}

#[async_trait]
impl Agendas for OnlineAfspraken {
    fn connector(&self) -> &'static str {
        super::NAME
    }

    fn vendor(&self) -> Option<&'static str> {
        Some(super::NAME)
    }

    async fn availability(
        &self,
        agenda: &Agenda,
        ty: &AppointmentType,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Availability, ConnectorError> {
        let remote_agenda = agenda
            .remote_id
            .clone()
            .ok_or_else(|| missing("AgendaId"))?;
        let remote_type = ty
            .remote_id
            .clone()
            .ok_or_else(|| missing("AppointmentTypeId"))?;
        let resources = local_resources(self, agenda.info.id).await?;

        let answer = self
            .client
            .read(
                "getBookableBlocks",
                &[
                    ("AgendaId", remote_agenda.clone()),
                    ("AppointmentTypeId", remote_type),
                    ("Date", from.to_string()),
                    ("EndDate", to.to_string()),
                ],
            )
            .await?;
        let mut blocks = Vec::new();
        for b in items(&answer, "BookableBlock") {
            let resource = match text(b, "ResourceId").trim() {
                "" | "0" => None,
                r => match resources.get(r) {
                    Some(local) => Some(local.clone()),
                    // A resource not mirrored (disabled): nobody to book.
                    None => continue,
                },
            };
            let (date, start, end) = (text(b, "Date"), text(b, "StartTime"), text(b, "EndTime"));
            if date.is_empty() || start.is_empty() || end.is_empty() {
                return Err(missing("BookableBlock.Date/StartTime/EndTime"));
            }
            blocks.push(Block {
                resource_id: resource,
                date: date.to_owned(),
                start: start.get(..5).unwrap_or(start).to_owned(),
                end: end.get(..5).unwrap_or(end).to_owned(),
            });
        }

        let mut busy = Vec::new();
        for a in &self.appointments_around(&remote_agenda, from, to).await? {
            if text(a, "Status") != assumed::STATUS_ENABLED
                || text(a, "Label") == assumed::LABEL_CANCELLED
            {
                continue;
            }
            // The buffer after the appointment holds its resources too.
            let blocked = instant(self, text(a, "BlockedTime"));
            for r in a.all("Resources") {
                let Some(local) = resources.get(text(r, "ResourceId").trim()) else {
                    continue;
                };
                let (Some(start), Some(end)) = (
                    instant(self, text(r, "StartTime")),
                    instant(self, text(r, "FinishTime")),
                ) else {
                    return Err(missing("Appointment.Resources.StartTime/FinishTime"));
                };
                let later = |a: &str, b: &str| match (
                    DateTime::parse_from_rfc3339(a),
                    DateTime::parse_from_rfc3339(b),
                ) {
                    (Ok(x), Ok(y)) => x > y,
                    _ => false,
                };
                let end = match &blocked {
                    Some(b) if later(b, &end) => b.clone(),
                    _ => end,
                };
                busy.push(BusyItem {
                    resource_id: Some(local.clone()),
                    start,
                    end,
                    persons: 1,
                });
            }
        }

        Ok(Availability {
            timezone: agenda.info.timezone.clone(),
            zone: None,
            align_grid_min: agenda.align_grid_min,
            appointment_type: ty.rules(),
            from: from.to_string(),
            to: to.to_string(),
            blocks,
            busy,
            now: rfc3339(now),
        })
    }
}
