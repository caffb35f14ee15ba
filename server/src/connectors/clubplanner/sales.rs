//! Clubplanner's sales process (GetCurrentStep, SetStepResult) and its sales
//! calendar (GetFreeTimeslots as availability). The calendar is mirrored as
//! an agenda of Frontdesk's (migration 0011: vendor `clubplanner`, its id
//! there) so the slot picker reads it as it reads any agenda: its
//! employees are coaches, and each result that books an appointment is an
//! appointment type, staff-only (the widget never books here).

use std::collections::BTreeMap;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use frontdesk_core::model::{SalesAction, SalesResult, SalesStep};
use frontdesk_core::slots::{self, Availability, Block};
use sqlx::SqlitePool;

use super::{Clubplanner, NAME, SYSTEM, assumed, wire};
use crate::connectors::availability::Agendas;
use crate::connectors::config::ClubplannerTable;
use crate::connectors::error::ConnectorError;
use crate::connectors::sales::{VendorChoice, VendorSales};
use crate::store::agenda::{Agenda, AppointmentType};

/// The sales settings of `[clubplanner]`, defaults applied.
#[derive(Debug, Clone)]
pub struct SalesSettings {
    pub calendar_id: i64,
    pub calendar_name: String,
    pub room_id: Option<i64>,
    pub tz: Tz,
    pub employee_id: i64,
    pub employees: BTreeMap<String, String>,
    pub booking_results: Option<Vec<i64>>,
    pub appointment_min: u32,
}

impl SalesSettings {
    pub fn from_table(t: &ClubplannerTable) -> Self {
        Self {
            calendar_id: t.calendar_id.unwrap_or(1),
            calendar_name: t.calendar_name.clone().unwrap_or_else(|| SYSTEM.to_owned()),
            room_id: t.room_id,
            tz: t
                .timezone
                .as_deref()
                .and_then(|z| z.parse().ok())
                .unwrap_or(chrono_tz::Europe::Brussels),
            employee_id: t.employee_id.unwrap_or(1),
            employees: t.employees.clone(),
            booking_results: t.booking_results.clone(),
            appointment_min: t.appointment_min.unwrap_or(60),
        }
    }

    fn books(&self, result: &wire::StepResult) -> bool {
        match &self.booking_results {
            Some(ids) => ids.contains(&result.result_id),
            None => assumed::books(&result.description),
        }
    }
}

pub struct ClubplannerSales {
    pub(super) cp: Arc<Clubplanner>,
    pub(super) db: SqlitePool,
    pub(super) settings: SalesSettings,
    /// The calendar's agenda row, made once.
    agenda: tokio::sync::OnceCell<i64>,
}

/// Clubplanner's wall times: `yyyy-MM-ddTHH:mm:ss`, no offset.
pub(super) const WALL: &str = "%Y-%m-%dT%H:%M:%S";

fn malformed(field: &str) -> ConnectorError {
    ConnectorError::Malformed {
        system: SYSTEM,
        field: field.to_owned(),
    }
}

impl ClubplannerSales {
    pub fn new(cp: Arc<Clubplanner>, db: SqlitePool, settings: SalesSettings) -> Arc<Self> {
        Arc::new(Self {
            cp,
            db,
            settings,
            agenda: tokio::sync::OnceCell::new(),
        })
    }

    /// The calendar's agenda row, made on first use with a coach for each
    /// employee the configuration names (so the picker offers them before
    /// any availability was read; others appear as availability names them).
    pub(super) async fn agenda_id(&self) -> Result<i64, ConnectorError> {
        self.agenda
            .get_or_try_init(|| async {
                let id = self.make_agenda().await?;
                for employee in self.settings.employees.keys() {
                    if let Ok(e) = employee.parse() {
                        self.coach(id, e).await?;
                    }
                }
                Ok(id)
            })
            .await
            .copied()
    }

    async fn make_agenda(&self) -> Result<i64, ConnectorError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO agendas (name, timezone, align_grid_min, requires_confirmation, cancel_cutoff_min, vendor, remote_id) \
             VALUES (?, ?, ?, 0, 0, ?, ?) ON CONFLICT (vendor, remote_id) WHERE vendor IS NOT NULL DO UPDATE SET \
             name = excluded.name, timezone = excluded.timezone, align_grid_min = excluded.align_grid_min \
             RETURNING id",
        )
        .bind(&self.settings.calendar_name)
        .bind(self.settings.tz.name())
        .bind(assumed::SLOT_GRID_MIN)
        .bind(NAME)
        .bind(self.settings.calendar_id.to_string())
        .fetch_one(&self.db)
        .await?)
    }

    /// The appointment type a booking result books, made on first use, any
    /// of the calendar's coaches may take it (the picker asks which).
    async fn type_id(
        &self,
        agenda_id: i64,
        result: &wire::StepResult,
    ) -> Result<i64, ConnectorError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO appointment_types (agenda_id, name, duration_min, scheduling, remote_id, public) \
             VALUES (?, ?, ?, 'resource', ?, 0) ON CONFLICT (agenda_id, remote_id) WHERE remote_id IS NOT NULL \
             DO UPDATE SET name = excluded.name, duration_min = excluded.duration_min RETURNING id",
        )
        .bind(agenda_id)
        .bind(result.description.trim())
        .bind(self.settings.appointment_min)
        .bind(result.result_id.to_string())
        .fetch_one(&self.db)
        .await?;
        sqlx::query(
            "INSERT OR IGNORE INTO appointment_type_resources (type_id, resource_id) \
             SELECT ?, id FROM resources WHERE agenda_id = ?",
        )
        .bind(id)
        .bind(agenda_id)
        .execute(&self.db)
        .await?;
        Ok(id)
    }

    /// An employee as a coach of the calendar's agenda: Frontdesk's id.
    pub(super) async fn coach(
        &self,
        agenda_id: i64,
        employee: i64,
    ) -> Result<String, ConnectorError> {
        let remote = employee.to_string();
        let name = self
            .settings
            .employees
            .get(&remote)
            .cloned()
            .unwrap_or_else(|| format!("{} {employee}", assumed::EMPLOYEE));
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO resources (agenda_id, name, kind, remote_id) VALUES (?, ?, 'coach', ?) \
             ON CONFLICT (agenda_id, remote_id) WHERE remote_id IS NOT NULL DO UPDATE SET \
             name = excluded.name RETURNING id",
        )
        .bind(agenda_id)
        .bind(name)
        .bind(&remote)
        .fetch_one(&self.db)
        .await?;
        // Every booking result's type may be taken by any coach.
        sqlx::query(
            "INSERT OR IGNORE INTO appointment_type_resources (type_id, resource_id) \
             SELECT id, ? FROM appointment_types WHERE agenda_id = ? AND remote_id NOT LIKE 'item:%'",
        )
        .bind(id)
        .bind(agenda_id)
        .execute(&self.db)
        .await?;
        Ok(id.to_string())
    }

    /// The employee behind one of the calendar's coaches.
    async fn employee(&self, agenda_id: i64, resource: &str) -> Result<i64, ConnectorError> {
        let remote: Option<String> =
            sqlx::query_scalar("SELECT remote_id FROM resources WHERE agenda_id = ? AND id = ?")
                .bind(agenda_id)
                .bind(resource.parse::<i64>().unwrap_or(-1))
                .fetch_optional(&self.db)
                .await?
                .flatten();
        remote
            .and_then(|r| r.parse().ok())
            .ok_or(ConnectorError::NotFound)
    }

    fn step(
        &self,
        wire: wire::CurrentStep,
        agenda_id: i64,
        types: &[(i64, i64)],
        lang: &str,
    ) -> Option<SalesStep> {
        if wire.current_step_id == 0 {
            return None;
        }
        let name = match wire.description.trim() {
            "" => assumed::unnamed_step(lang, wire.current_step_id),
            n => n.to_owned(),
        };
        Some(SalesStep {
            id: wire.current_step_id,
            position: 0,
            name,
            results: wire
                .results
                .iter()
                .map(|r| {
                    let ty = types
                        .iter()
                        .find(|(rid, _)| *rid == r.result_id)
                        .map(|(_, t)| *t);
                    SalesResult {
                        id: r.result_id,
                        label: r.description.trim().to_owned(),
                        action: if ty.is_some() {
                            SalesAction::BookAppointment
                        } else {
                            SalesAction::None
                        },
                        appointment_type_id: ty,
                        agenda_id: ty.map(|_| agenda_id),
                        next_step_id: None,
                        set_status: None,
                        callback_days: None,
                    }
                })
                .collect(),
        })
    }

    /// The step as Frontdesk shows it, the types of its booking results made.
    async fn mapped(
        &self,
        wire: wire::CurrentStep,
        lang: &str,
    ) -> Result<Option<SalesStep>, ConnectorError> {
        let agenda_id = self.agenda_id().await?;
        let mut types = Vec::new();
        for r in wire.results.iter().filter(|r| self.settings.books(r)) {
            types.push((r.result_id, self.type_id(agenda_id, r).await?));
        }
        Ok(self.step(wire, agenda_id, &types, lang))
    }

    fn wall(&self, t: DateTime<Utc>) -> NaiveDateTime {
        t.with_timezone(&self.settings.tz).naive_local()
    }

    /// GetFreeTimeslots of one date (every employee, or one).
    async fn free(
        &self,
        date: NaiveDate,
        minutes: u32,
        employee: Option<i64>,
    ) -> Result<Vec<assumed::FreeTimeslot>, ConnectorError> {
        let mut request = self
            .cp
            .request("GetFreeTimeslots", true)
            .query("calendarid", self.settings.calendar_id.to_string())
            .query("date", date.to_string())
            .query("duration", minutes.to_string());
        if let Some(e) = employee {
            request = request.query("empid", e.to_string());
        }
        self.cp.call(request).await
    }
}

/// Free timeslots as opening hours: each employee's overlapping slots
/// (09:00–10:00, 09:15–10:15, …) joined into the windows they cover, which
/// the slot engine cuts on the same grid back into exactly those slots.
pub fn windows(
    slots_of_day: &[assumed::FreeTimeslot],
) -> Result<Vec<(i64, NaiveDateTime, NaiveDateTime)>, ConnectorError> {
    let mut parsed = Vec::with_capacity(slots_of_day.len());
    for (i, s) in slots_of_day.iter().enumerate() {
        let from = NaiveDateTime::parse_from_str(s.from.trim(), WALL)
            .map_err(|_| malformed(&format!("[{i}].From")))?;
        let to = NaiveDateTime::parse_from_str(s.to.trim(), WALL)
            .map_err(|_| malformed(&format!("[{i}].To")))?;
        if to <= from {
            return Err(malformed(&format!("[{i}].To")));
        }
        parsed.push((s.employee_id, from, to));
    }
    parsed.sort();
    let mut out: Vec<(i64, NaiveDateTime, NaiveDateTime)> = Vec::new();
    for (employee, from, to) in parsed {
        match out.last_mut() {
            // Overlapping, not merely touching: two windows that touch may
            // be two opening hours a slot cannot span.
            Some((e, _, end)) if *e == employee && from < *end => *end = (*end).max(to),
            _ => out.push((employee, from, to)),
        }
    }
    Ok(out)
}

fn hm(t: NaiveDateTime, date: NaiveDate) -> String {
    if t.date() > date {
        "24:00".to_owned()
    } else {
        t.format("%H:%M").to_string()
    }
}

#[async_trait]
impl Agendas for ClubplannerSales {
    fn connector(&self) -> &'static str {
        NAME
    }

    fn vendor(&self) -> Option<&'static str> {
        Some(NAME)
    }

    async fn availability(
        &self,
        agenda: &Agenda,
        ty: &AppointmentType,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Availability, ConnectorError> {
        let minutes = ty.info.duration_min;
        let dates: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
        // One request a date, sent together (the client bounds how many
        // are in flight).
        let days =
            futures_util::future::try_join_all(dates.iter().map(|d| self.free(*d, minutes, None)))
                .await?;
        let mut blocks = Vec::new();
        // Each employee made a coach once a request, not once a window.
        let mut coaches = std::collections::HashMap::new();
        for (date, day) in dates.iter().zip(days) {
            for (employee, start, end) in windows(&day)? {
                let coach = match coaches.get(&employee) {
                    Some(c) => String::clone(c),
                    None => {
                        let c = self.coach(agenda.info.id, employee).await?;
                        coaches.insert(employee, c.clone());
                        c
                    }
                };
                blocks.push(Block {
                    resource_id: Some(coach),
                    date: date.to_string(),
                    start: hm(start, *date),
                    end: hm(end, *date),
                });
            }
        }
        Ok(Availability {
            timezone: self.settings.tz.name().to_owned(),
            zone: None,
            align_grid_min: assumed::SLOT_GRID_MIN,
            // Free timeslots already leave room around appointments: one
            // person at a time, whoever the vendor says is free.
            appointment_type: slots::AppointmentType {
                buffer_min: 0,
                scheduling: slots::Scheduling::Resource,
                capacity: 1,
                resource_ids: Vec::new(),
                ..ty.rules()
            },
            from: from.to_string(),
            to: to.to_string(),
            blocks,
            busy: Vec::new(),
            now: crate::store::agenda::rfc3339(now),
        })
    }
}

#[async_trait]
impl VendorSales for ClubplannerSales {
    fn connector(&self) -> &'static str {
        NAME
    }

    async fn current(
        &self,
        remote_prospect: &str,
        lang: &str,
    ) -> Result<Option<SalesStep>, ConnectorError> {
        let step: wire::CurrentStep = self
            .cp
            .call(
                self.cp
                    .request("GetCurrentStep", true)
                    .query("id", remote_prospect),
            )
            .await?;
        self.mapped(step, lang).await
    }

    async fn choose(
        &self,
        choice: VendorChoice<'_>,
        lang: &str,
    ) -> Result<Option<SalesStep>, ConnectorError> {
        let mut request = self
            .cp
            .request("SetStepResult", false)
            .query("id", choice.remote_prospect)
            .query("stepresultid", choice.result_id.to_string())
            .query("employeeid", self.settings.employee_id.to_string())
            .query("from", choice.by);
        if !choice.note.trim().is_empty() {
            request = request.query("note", choice.note.trim());
        }
        if let Some(a) = &choice.appointment {
            let minutes = a.ty.info.duration_min;
            let end = a.start + Duration::minutes(i64::from(minutes));
            let (from, to) = (self.wall(a.start), self.wall(end));
            // Clubplanner books whatever it is sent, free or not (seed 000
            // says nothing of a check): the slot is looked up among the free
            // ones first, as the widget's booking is re-checked.
            let wanted = match &a.resource_id {
                Some(r) => Some(self.employee(a.agenda.info.id, r).await?),
                None => None,
            };
            let free = self.free(from.date(), minutes, wanted).await?;
            let from_text = from.format(WALL).to_string();
            let employee = free
                .iter()
                .find(|s| s.from.trim() == from_text && wanted.is_none_or(|w| w == s.employee_id))
                .map(|s| s.employee_id)
                .ok_or(ConnectorError::Conflict { current: None })?;
            request = request
                .query("fromdate", from_text)
                .query("todate", to.format(WALL).to_string())
                .query("calendarid", self.settings.calendar_id.to_string())
                .query("plannedemployeeid", employee.to_string())
                .query("description", a.ty.info.name.clone());
            if let Some(room) = self.settings.room_id {
                request = request.query("roomid", room.to_string());
            }
        }
        let step: wire::CurrentStep = self.cp.call(request).await?;
        self.mapped(step, lang).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(employee: i64, from: &str, to: &str) -> assumed::FreeTimeslot {
        assumed::FreeTimeslot {
            from: format!("2025-03-03T{from}:00"),
            to: format!("2025-03-03T{to}:00"),
            employee_id: employee,
        }
    }

    #[test]
    fn overlapping_slots_join_and_touching_ones_do_not() {
        let w = windows(&[
            slot(5, "09:00", "10:00"),
            slot(5, "09:15", "10:15"),
            slot(5, "11:00", "12:00"),
            slot(5, "12:00", "13:00"),
            slot(1, "09:00", "10:00"),
        ])
        .unwrap();
        let shown: Vec<String> = w
            .iter()
            .map(|(e, a, b)| format!("{e} {}-{}", a.format("%H:%M"), b.format("%H:%M")))
            .collect();
        assert_eq!(
            shown,
            [
                "1 09:00-10:00",
                "5 09:00-10:15",
                "5 11:00-12:00",
                "5 12:00-13:00"
            ]
        );
    }

    #[test]
    fn a_slot_that_is_not_a_time_names_its_field() {
        let mut bad = slot(5, "09:00", "10:00");
        bad.to = "tomorrow".into();
        match windows(&[slot(5, "08:00", "09:00"), bad]) {
            Err(ConnectorError::Malformed { field, .. }) => assert_eq!(field, "[1].To"),
            other => panic!("{other:?}"),
        }
    }
}
