//! `GET /api/v1/prospects/{id}/appointments` (staff): a customer's
//! appointments, coming and past, for the prospect's drawer. Asked of the
//! agenda capability (`state.connectors.calendar`), like the calendar.

use axum::Json;
use axum::extract::{Path, State};
use chrono::{DateTime, Months, NaiveDate, Utc};
use frontdesk_core::model::{CustomerAppointments, StaffAppointment};
use frontdesk_core::problem::Problem;

use super::error::ApiError;
use super::session::Staff;
use crate::SharedState;
use crate::connectors::calendar::Customer;
use crate::store::appointments;

/// How far back and ahead of today the list reaches, in months.
pub const RANGE_MONTHS: u32 = 12;

#[utoipa::path(
    get,
    path = "/prospects/{id}/appointments",
    operation_id = "list_prospect_appointments",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The prospect's id.")),
    responses(
        (status = 200, description = "The prospect's appointments starting from a year before \
            today to a year after (the club's local dates `from..=to`): the ones made for the \
            prospect and the ones booked with its email (any letter case), whatever their \
            status. `coming`: not ended yet, the soonest first; `past`: ended, the latest first.",
            body = CustomerAppointments),
        (status = 404, description = "No such prospect.", body = Problem),
        (status = 501, description = "The system that keeps the agenda cannot list one \
            customer's appointments (`type` /problems/not-supported; Clubplanner: its calendar \
            is read one date at a time).", body = Problem),
    )
)]
pub async fn list(
    State(state): State<SharedState>,
    _staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<CustomerAppointments>, ApiError> {
    let prospect = state.connectors.prospects.get(id).await?.ok_or_else(|| {
        ApiError::problem(
            Problem::new(404, "No such prospect").with_detail("It may have been deleted."),
        )
    })?;
    let mut db = state.db.acquire().await?;
    let tz = appointments::club_timezone(&mut db).await?;
    drop(db);
    let now = Utc::now();
    let (from, to) = range(now.with_timezone(&tz).date_naive());
    let customer = Customer {
        prospect_id: prospect.id,
        email: prospect.fields.email.trim(),
    };
    let items = state
        .connectors
        .calendar
        .customer_appointments(tz, customer, from, to, now)
        .await?;
    let (coming, past) = split(items, now);
    Ok(Json(CustomerAppointments {
        from: from.to_string(),
        to: to.to_string(),
        timezone: tz.name().to_owned(),
        coming,
        past,
    }))
}

/// A year before `today` to a year after (the last day of the month when
/// the date does not exist there: 29 February).
fn range(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let months = Months::new(RANGE_MONTHS);
    (
        today.checked_sub_months(months).unwrap_or(NaiveDate::MIN),
        today.checked_add_months(months).unwrap_or(NaiveDate::MAX),
    )
}

/// Not ended by `now` (the soonest first), and ended (the latest first),
/// from a list in start order. An end that cannot be read counts as its
/// start's.
fn split(
    items: Vec<StaffAppointment>,
    now: DateTime<Utc>,
) -> (Vec<StaffAppointment>, Vec<StaffAppointment>) {
    let ended = |a: &StaffAppointment| {
        DateTime::parse_from_rfc3339(&a.end)
            .or_else(|_| DateTime::parse_from_rfc3339(&a.start))
            .is_ok_and(|end| end <= now)
    };
    let (mut past, coming): (Vec<_>, Vec<_>) = items.into_iter().partition(ended);
    past.reverse();
    (coming, past)
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontdesk_core::model::BookingStatus;

    fn at(id: i64, start: &str, end: &str) -> StaffAppointment {
        StaffAppointment {
            id,
            agenda_id: 1,
            type_id: 1,
            type_name: "Intake".into(),
            resource_id: None,
            resource_name: None,
            resource_kind: None,
            prospect_id: Some(1),
            name: "Ann".into(),
            status: BookingStatus::Approved,
            start: start.into(),
            end: end.into(),
            date: start.get(..10).unwrap_or_default().into(),
            start_time: String::new(),
            end_time: String::new(),
            timezone: "Europe/Brussels".into(),
            attendance: None,
        }
    }

    #[test]
    fn coming_soonest_first_past_latest_first_and_one_under_way_is_coming() {
        let now = DateTime::parse_from_rfc3339("2026-03-10T10:30:00+01:00")
            .unwrap()
            .with_timezone(&Utc);
        let items = vec![
            at(1, "2026-01-05T09:00:00+01:00", "2026-01-05T10:00:00+01:00"),
            at(2, "2026-03-01T09:00:00+01:00", "2026-03-01T10:00:00+01:00"),
            at(3, "2026-03-10T10:00:00+01:00", "2026-03-10T11:00:00+01:00"),
            at(4, "2026-04-01T09:00:00+02:00", "2026-04-01T10:00:00+02:00"),
            at(5, "2026-05-01T09:00:00+02:00", "2026-05-01T10:00:00+02:00"),
        ];
        let (coming, past) = split(items, now);
        let ids = |l: &[StaffAppointment]| l.iter().map(|a| a.id).collect::<Vec<_>>();
        assert_eq!(ids(&coming), [3, 4, 5]);
        assert_eq!(ids(&past), [2, 1]);
    }

    #[test]
    fn the_range_is_a_year_either_side_even_from_a_leap_day() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(range(d("2026-03-10")), (d("2025-03-10"), d("2027-03-10")));
        assert_eq!(range(d("2028-02-29")), (d("2027-02-28"), d("2029-02-28")));
    }
}
