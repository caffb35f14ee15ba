//! `GET /api/v1/appointments?from=&to=` (staff): the agenda of a few days,
//! with names, in the club's time zone.

use axum::Json;
use axum::extract::State;
use chrono::Utc;
use frontdesk_core::model::AppointmentList;
use serde::Deserialize;

use super::error::ApiError;
use super::query::ApiQuery;
use super::session::Staff;
use super::slot_check::date_range;
use crate::SharedState;
use crate::store::appointments;

/// At most this many days per request, like the widget's availability.
pub const MAX_DAYS: i64 = 62;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RangeQuery {
    /// First local date of the club, `YYYY-MM-DD`.
    from: String,
    /// Last local date (inclusive), less than 62 days after `from`.
    to: String,
}

#[utoipa::path(
    get,
    path = "/appointments",
    operation_id = "list_appointments",
    tag = "staff",
    security(("session_cookie" = [])),
    params(RangeQuery),
    responses((status = 200, description = "The appointments of the days, in start order.", body = AppointmentList))
)]
pub async fn list(
    State(state): State<SharedState>,
    _staff: Staff,
    ApiQuery(q): ApiQuery<RangeQuery>,
) -> Result<Json<AppointmentList>, ApiError> {
    let (from, to) = date_range(&q.from, &q.to, MAX_DAYS)?;
    let mut db = state.db.acquire().await?;
    let tz = appointments::club_timezone(&mut db).await?;
    drop(db);
    let items = state
        .connectors
        .calendar
        .appointments(tz, from, to, Utc::now())
        .await?;
    Ok(Json(AppointmentList {
        from: from.to_string(),
        to: to.to_string(),
        timezone: tz.name().to_owned(),
        zone: Some(frontdesk_core::slots::ZoneRules::from_tz(tz, from, to)),
        items,
    }))
}
