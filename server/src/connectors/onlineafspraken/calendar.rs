//! The front desk's calendar on OnlineAfspraken: getAppointments of the
//! mirrored agendas, kept beside Frontdesk's own rows (by the vendor's id,
//! migration 0011), then listed from there.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use frontdesk_core::model::StaffAppointment;

use super::xml::text;
use super::{OnlineAfspraken, assumed};
use crate::connectors::calendar::Calendar;
use crate::connectors::error::ConnectorError;
use crate::store::agenda::rfc3339;

impl OnlineAfspraken {
    /// A vendor wall time in the agenda's zone, as stored (UTC).
    fn stored(&self, wall: &str) -> Option<String> {
        let t = NaiveDateTime::parse_from_str(wall.trim(), "%Y-%m-%d %H:%M:%S").ok()?;
        let local = t.and_local_timezone(self.tz).earliest()?;
        Some(rfc3339(local.with_timezone(&Utc)))
    }
}

/// The vendor's appointment status as Frontdesk's.
fn status(a: &super::xml::Node) -> &'static str {
    match (text(a, "Status"), text(a, "Label")) {
        (s, _) if s != assumed::STATUS_ENABLED => "cancelled",
        (_, l) if l == assumed::LABEL_CANCELLED => "cancelled",
        (_, "1") => "pending",
        _ => "approved",
    }
}

#[async_trait]
impl Calendar for OnlineAfspraken {
    fn connector(&self) -> &'static str {
        super::NAME
    }

    async fn appointments(
        &self,
        tz: Tz,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<StaffAppointment>, ConnectorError> {
        let agendas: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, remote_id FROM agendas WHERE vendor = ? AND remote_id IS NOT NULL",
        )
        .bind(super::NAME)
        .fetch_all(&self.db)
        .await?;
        for (agenda_id, remote_agenda) in agendas {
            let types: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
                "SELECT remote_id, id FROM appointment_types WHERE agenda_id = ? AND remote_id IS NOT NULL",
            )
            .bind(agenda_id)
            .fetch_all(&self.db)
            .await?
            .into_iter()
            .collect();
            let resources: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
                "SELECT remote_id, id FROM resources WHERE agenda_id = ? AND remote_id IS NOT NULL",
            )
            .bind(agenda_id)
            .fetch_all(&self.db)
            .await?
            .into_iter()
            .collect();
            let all = self.appointments_around(&remote_agenda, from, to).await?;
            let mut tx = crate::store::begin_write(&self.db).await?;
            for a in &all {
                let remote = text(a, "Id");
                let Some(type_id) = types.get(text(a, "AppointmentTypeId")) else {
                    continue;
                };
                let (Some(start), Some(end)) = (
                    self.stored(text(a, "StartTime")),
                    self.stored(text(a, "FinishTime")),
                ) else {
                    continue;
                };
                let resource = a
                    .all("Resources")
                    .find_map(|r| resources.get(text(r, "ResourceId").trim()).copied());
                let created = self
                    .stored(text(a, "CreateTime"))
                    .unwrap_or_else(|| rfc3339(now));
                let name = match text(a, "CustomerName") {
                    "" => text(a, "Name"),
                    n => n,
                };
                sqlx::query(
                    "INSERT INTO appointments (agenda_id, type_id, resource_id, starts_at, ends_at, persons, \
                     status, name, created_at, remote_id) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?) \
                     ON CONFLICT (agenda_id, remote_id) WHERE remote_id IS NOT NULL DO UPDATE SET \
                     type_id = excluded.type_id, resource_id = excluded.resource_id, \
                     starts_at = excluded.starts_at, ends_at = excluded.ends_at, status = excluded.status, \
                     name = CASE WHEN excluded.name = '' THEN appointments.name ELSE excluded.name END",
                )
                .bind(agenda_id)
                .bind(type_id)
                .bind(resource)
                .bind(&start)
                .bind(&end)
                .bind(status(a))
                .bind(name)
                .bind(&created)
                .bind(remote)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        }
        let mut db = self.db.acquire().await?;
        Ok(crate::store::appointments::list(&mut db, tz, from, to, now, Some(super::NAME)).await?)
    }
}
