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
use crate::connectors::calendar::{Calendar, Customer};
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

impl OnlineAfspraken {
    /// Keeps `list` (getAppointments of the mirrored agenda `agenda_id`)
    /// beside Frontdesk's own rows, by the vendor's id. `email`, when not
    /// empty, is the customer's the list was read for: written on the rows
    /// that have none, so the customer's list finds them.
    async fn keep(
        &self,
        agenda_id: i64,
        list: &[super::xml::Node],
        email: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ConnectorError> {
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
        let mut tx = crate::store::begin_write(&self.db).await?;
        for a in list {
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
                 status, name, email, created_at, remote_id) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?) \
                 ON CONFLICT (agenda_id, remote_id) WHERE remote_id IS NOT NULL DO UPDATE SET \
                 type_id = excluded.type_id, resource_id = excluded.resource_id, \
                 starts_at = excluded.starts_at, ends_at = excluded.ends_at, status = excluded.status, \
                 name = CASE WHEN excluded.name = '' THEN appointments.name ELSE excluded.name END, \
                 email = CASE WHEN appointments.email = '' THEN excluded.email ELSE appointments.email END",
            )
            .bind(agenda_id)
            .bind(type_id)
            .bind(resource)
            .bind(&start)
            .bind(&end)
            .bind(status(a))
            .bind(name)
            .bind(email)
            .bind(&created)
            .bind(remote)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The mirrored agendas: Frontdesk's id and the vendor's.
    async fn mirrored_agendas(&self) -> Result<Vec<(i64, String)>, ConnectorError> {
        Ok(sqlx::query_as(
            "SELECT id, remote_id FROM agendas WHERE vendor = ? AND remote_id IS NOT NULL",
        )
        .bind(super::NAME)
        .fetch_all(&self.db)
        .await?)
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
        for (agenda_id, remote_agenda) in self.mirrored_agendas().await? {
            let all = self.appointments_around(&remote_agenda, from, to).await?;
            self.keep(agenda_id, &all, "", now).await?;
        }
        let mut db = self.db.acquire().await?;
        Ok(crate::store::appointments::list(&mut db, tz, from, to, now, Some(super::NAME)).await?)
    }

    /// The customers with the prospect's email (getCustomers), each one's
    /// appointments in each mirrored agenda (getAppointments by
    /// `CustomerId`, page by page), kept beside Frontdesk's rows with that
    /// email; then the rows of the prospect or the email, as the calendar's.
    async fn customer_appointments(
        &self,
        tz: Tz,
        customer: Customer<'_>,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<StaffAppointment>, ConnectorError> {
        let email = customer.email.trim();
        if !email.is_empty() {
            let found = self
                .client
                .read("getCustomers", &[("Email", email.to_owned())])
                .await?;
            let ids: Vec<String> = super::xml::items(&found, "Customer")
                .into_iter()
                .map(|c| text(c, "Id").trim().to_owned())
                .filter(|id| !id.is_empty())
                .collect();
            if !ids.is_empty() {
                for (agenda_id, remote_agenda) in self.mirrored_agendas().await? {
                    for id in &ids {
                        let all = self
                            .appointments_where(&remote_agenda, from, to, Some(id))
                            .await?;
                        self.keep(agenda_id, &all, email, now).await?;
                    }
                }
            }
        }
        let mut db = self.db.acquire().await?;
        Ok(crate::store::appointments::of_customer(
            &mut db,
            tz,
            customer.prospect_id,
            email,
            from,
            to,
            now,
            Some(super::NAME),
        )
        .await?)
    }
}
