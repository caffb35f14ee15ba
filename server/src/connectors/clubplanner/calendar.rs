//! The front desk's calendar on Clubplanner's sales calendar
//! (GetCalendarItems, one request a date, dates written `19-NOV-2025`):
//! each item kept beside Frontdesk's own appointments by its id there
//! (migration 0011), its employee as a coach, named after the mirrored
//! prospect it is for, else its description. An item gone from a date
//! that was read is gone here too.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use frontdesk_core::model::StaffAppointment;

use super::sales::ClubplannerSales;
use super::{NAME, SYSTEM, assumed};
use crate::connectors::calendar::Calendar;
use crate::connectors::desk::{DeskAbilities, VendorDesk};
use crate::connectors::error::ConnectorError;
use crate::store::agenda::rfc3339;

/// `19-NOV-2025`, as the seed's GetCalendarItems example writes a date.
pub fn vendor_date(date: NaiveDate) -> String {
    date.format("%d-%b-%Y").to_string().to_uppercase()
}

impl ClubplannerSales {
    async fn items_of(
        &self,
        date: NaiveDate,
    ) -> Result<Vec<assumed::CalendarItem>, ConnectorError> {
        self.cp
            .call(
                self.cp
                    .request("GetCalendarItems", true)
                    .query("id", self.settings.calendar_id.to_string())
                    .query("date", vendor_date(date)),
            )
            .await
    }

    /// A Clubplanner wall time as stored (UTC).
    fn stored(&self, wall: &str, field: &str) -> Result<String, ConnectorError> {
        NaiveDateTime::parse_from_str(wall.trim(), super::sales::WALL)
            .ok()
            .and_then(|t| t.and_local_timezone(self.settings.tz).earliest())
            .map(|t| rfc3339(t.with_timezone(&Utc)))
            .ok_or_else(|| ConnectorError::Malformed {
                system: SYSTEM,
                field: field.to_owned(),
            })
    }

    /// The type an item shows as: its description (made on first use,
    /// staff-only).
    async fn item_type(&self, agenda_id: i64, description: &str) -> Result<i64, ConnectorError> {
        let name = match description.trim() {
            "" => self.settings.calendar_name.as_str(),
            d => d,
        };
        Ok(sqlx::query_scalar(
            "INSERT INTO appointment_types (agenda_id, name, duration_min, scheduling, remote_id, public) \
             VALUES (?, ?, ?, 'resource', ?, 0) ON CONFLICT (agenda_id, remote_id) WHERE remote_id IS NOT NULL \
             DO UPDATE SET name = excluded.name RETURNING id",
        )
        .bind(agenda_id)
        .bind(name)
        .bind(self.settings.appointment_min)
        .bind(format!("item:{name}"))
        .fetch_one(&self.db)
        .await?)
    }
}

#[async_trait]
impl Calendar for ClubplannerSales {
    fn connector(&self) -> &'static str {
        NAME
    }

    async fn appointments(
        &self,
        tz: Tz,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<StaffAppointment>, ConnectorError> {
        let agenda_id = self.agenda_id().await?;
        let dates: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
        let days =
            futures_util::future::try_join_all(dates.iter().map(|d| self.items_of(*d))).await?;
        for (date, items) in dates.iter().zip(days) {
            let mut kept = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let start = self.stored(&item.from, &format!("[{i}].From"))?;
                let end = self.stored(&item.to, &format!("[{i}].To"))?;
                let type_id = self.item_type(agenda_id, &item.description).await?;
                let coach = match item.employee_id {
                    0 => None,
                    e => Some(self.coach(agenda_id, e).await?),
                };
                let prospect: Option<(i64, String)> = sqlx::query_as(
                    "SELECT id, trim(first_name || ' ' || last_name) FROM prospects \
                     WHERE vendor = ? AND remote_id = ?",
                )
                .bind(NAME)
                .bind(item.prospect_id.to_string())
                .fetch_optional(&self.db)
                .await?;
                let name = match &prospect {
                    Some((_, n)) if !n.is_empty() => n.clone(),
                    _ => item.description.trim().to_owned(),
                };
                let remote = item.id.to_string();
                sqlx::query(
                    "INSERT INTO appointments (agenda_id, type_id, resource_id, starts_at, ends_at, persons, \
                     status, name, created_at, remote_id, prospect_id) VALUES (?, ?, ?, ?, ?, 1, 'approved', ?, ?, ?, ?) \
                     ON CONFLICT (agenda_id, remote_id) WHERE remote_id IS NOT NULL DO UPDATE SET \
                     type_id = excluded.type_id, resource_id = excluded.resource_id, \
                     starts_at = excluded.starts_at, ends_at = excluded.ends_at, status = 'approved', \
                     name = excluded.name, prospect_id = excluded.prospect_id",
                )
                .bind(agenda_id)
                .bind(type_id)
                .bind(coach.and_then(|c| c.parse::<i64>().ok()))
                .bind(&start)
                .bind(&end)
                .bind(&name)
                .bind(rfc3339(now))
                .bind(&remote)
                .bind(prospect.map(|(id, _)| id))
                .execute(&self.db)
                .await?;
                kept.push(remote);
            }
            // What the vendor no longer lists on that date is gone.
            let (day_start, day_end) = (
                self.stored(&format!("{date}T00:00:00"), "date")?,
                self.stored(
                    &format!("{}T00:00:00", *date + chrono::Duration::days(1)),
                    "date",
                )?,
            );
            sqlx::query(
                "DELETE FROM appointments WHERE agenda_id = ? AND remote_id IS NOT NULL \
                 AND starts_at >= ? AND starts_at < ? AND remote_id NOT IN (SELECT value FROM json_each(?))",
            )
            .bind(agenda_id)
            .bind(&day_start)
            .bind(&day_end)
            .bind(serde_json::to_string(&kept).unwrap_or_default())
            .execute(&self.db)
            .await?;
        }
        let mut db = self.db.acquire().await?;
        Ok(crate::store::appointments::list(&mut db, tz, from, to, now, Some(NAME)).await?)
    }
}

/// The desk on Clubplanner's sales calendar: an item can be removed
/// (DeleteCalendarItem); it is booked through a sales step's result, and
/// the seed has no call to move or cancel one.
#[async_trait]
impl VendorDesk for ClubplannerSales {
    fn connector(&self) -> &'static str {
        NAME
    }

    fn abilities(&self) -> DeskAbilities {
        DeskAbilities {
            remove: true,
            ..DeskAbilities::default()
        }
    }

    async fn remove(&self, remote_id: &str) -> Result<(), ConnectorError> {
        self.cp.delete_call("DeleteCalendarItem", remote_id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_the_seed_writes_them() {
        let d = NaiveDate::from_ymd_opt(2025, 11, 19).unwrap();
        assert_eq!(vendor_date(d), "19-NOV-2025");
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(vendor_date(d), "02-MAR-2026");
    }
}
