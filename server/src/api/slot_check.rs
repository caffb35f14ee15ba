//! What every booking passes through, the widget's and the desk's alike:
//! the agenda and type it names, the date window it asks about, and the
//! re-check of the chosen slot with the slot engine on fresh data.

use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_core::problem::Problem;
use frontdesk_core::slots;
use sqlx::SqliteConnection;

use super::error::ApiError;
use crate::store::agenda::{self, Agenda, AppointmentType};

pub fn no_such_agenda() -> ApiError {
    ApiError::problem(
        Problem::new(404, "No such agenda").with_detail("This booking page does not exist."),
    )
}

pub async fn find_agenda(db: &mut SqliteConnection, id: i64) -> Result<Agenda, ApiError> {
    agenda::agenda(db, id).await?.ok_or_else(no_such_agenda)
}

/// An agenda the public pages may show: one of the system that serves
/// availability (Frontdesk's own, or a vendor's mirrored setup).
pub async fn public_agenda(
    state: &crate::SharedState,
    db: &mut SqliteConnection,
    id: i64,
) -> Result<Agenda, ApiError> {
    let agenda = find_agenda(db, id).await?;
    if agenda.vendor.as_deref() == state.connectors.agendas.vendor() {
        Ok(agenda)
    } else {
        Err(no_such_agenda())
    }
}

/// An agenda the slot picker may read (the widget's, or a vendor's sales
/// calendar that the sales steps book in), and whether the widget may book
/// in it too.
pub async fn readable_agenda(
    state: &crate::SharedState,
    db: &mut SqliteConnection,
    id: i64,
) -> Result<(Agenda, bool), ApiError> {
    let agenda = find_agenda(db, id).await?;
    if agenda.vendor.as_deref() == state.connectors.agendas.vendor() {
        return Ok((agenda, true));
    }
    match state.connectors.agendas_of(&agenda) {
        Some(_) => Ok((agenda, false)),
        None => Err(no_such_agenda()),
    }
}

pub async fn find_type(
    db: &mut SqliteConnection,
    agenda_id: i64,
    type_id: i64,
) -> Result<AppointmentType, ApiError> {
    agenda::appointment_type(db, agenda_id, type_id)
        .await?
        .ok_or_else(|| {
            ApiError::problem(
                Problem::new(404, "No such appointment type")
                    .with_detail("This agenda has no such appointment type.")
                    .with_field("type_id", "is not an appointment type of this agenda"),
            )
        })
}

pub fn date_param(name: &str, value: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
        ApiError::problem(
            Problem::new(400, "Invalid query")
                .with_detail(format!("`{name}` must be a date like 2026-03-01."))
                .with_field(name, "is not a date (YYYY-MM-DD)"),
        )
    })
}

/// The `from` and `to` query dates, `to` not before `from` and less than
/// `max_days` after it.
pub fn date_range(from: &str, to: &str, max_days: i64) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let from = date_param("from", from)?;
    let to = date_param("to", to)?;
    if to < from {
        return Err(ApiError::problem(
            Problem::new(400, "Invalid query").with_field("to", "is before `from`"),
        ));
    }
    if (to - from).num_days() >= max_days {
        return Err(ApiError::problem(
            Problem::new(400, "Invalid query")
                .with_field("to", format!("is more than {max_days} days after `from`")),
        ));
    }
    Ok((from, to))
}

/// `field` names the start in the request body, so the app can show the
/// message next to the time.
pub fn slot_taken(field: &str) -> ApiError {
    ApiError::problem(
        Problem::new(409, "This time is no longer available")
            .with_type("/problems/slot-taken")
            .with_detail("Someone else just booked it. Choose another time; your details are kept.")
            .with_field(field, "is no longer available"),
    )
}

/// Checks `start` (with `resource`, or any free one) against the agenda as
/// it is now, with the same function the widget built its grid with, and
/// returns the resource to book. Call it inside the transaction that
/// inserts the booking, holding `booking_lock`.
pub async fn free_resource(
    db: &mut SqliteConnection,
    agenda: &Agenda,
    ty: &AppointmentType,
    start: DateTime<Utc>,
    resource: Option<&str>,
    field: &str,
) -> Result<i64, ApiError> {
    let date = start.with_timezone(&agenda.tz).date_naive();
    let av = agenda::availability(db, agenda, ty, date, date, Utc::now()).await?;
    let free = slots::is_bookable(&av, &start, resource)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("availability for a booking: {e}")))?
        .ok_or_else(|| slot_taken(field))?;
    free.first()
        .and_then(|r| r.parse().ok())
        .ok_or_else(|| slot_taken(field))
}
