//! The front desk's changes to the calendar (staff): book someone into a
//! slot, move or resize an appointment, cancel as the club, remove, say
//! who came, and open or close a date's hours.
//!
//! Every booking and move is checked with the widget's own engine on the
//! same availability (`slots::desk`), so the desk and the widget cannot
//! disagree on what is free. A rule (the hours, the capacity) is overridden
//! only with a reason, which the log keeps with who gave it. An agenda a
//! vendor keeps changes at the vendor first (`connectors::desk`), and
//! Frontdesk's row beside it only once the vendor accepted.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use frontdesk_core::model::{
    AgendaBlock, BlockRequest, BookingRequest, DeskAttendance, DeskBooking, DeskCancel, DeskMove,
    StaffAppointment,
};
use frontdesk_core::problem::Problem;
use frontdesk_core::slots::Availability;
use frontdesk_core::slots::desk::{DeskVerdict, Own, desk_check};
use frontdesk_core::validate::{self, FieldError, FieldErrors};
use sqlx::SqliteConnection;

use super::error::ApiError;
use super::json::ApiJson;
use super::query::ApiQuery;
use super::session::Staff;
use super::slot_check::{date_param, date_range, find_agenda, find_type};
use crate::SharedState;
use crate::connectors::desk::{Placement, VendorDesk};
use crate::messages::{self, Lang};
use crate::store::agenda::{self, Agenda, AppointmentType};
use crate::store::bookings::{self, NewBooking, outbox};
use crate::store::desk::{self as rows, DeskRow, LogEntry, NewBlock};
use crate::store::{appointments, begin_write};

/// The longest appointment the desk books or resizes to: a day.
const MAX_MINUTES: u32 = 24 * 60;

/// Where an agenda's changes go.
enum Keeper {
    /// Frontdesk's own store.
    Local,
    /// The vendor that keeps the agenda.
    Vendor(Arc<dyn VendorDesk>),
}

fn keeper(state: &SharedState, agenda: &Agenda) -> Result<Keeper, ApiError> {
    let Some(vendor) = agenda.vendor.as_deref() else {
        return Ok(Keeper::Local);
    };
    match &state.connectors.desk {
        Some(desk) if desk.connector() == vendor => Ok(Keeper::Vendor(desk.clone())),
        _ => Err(ApiError::problem(
            Problem::new(409, "This agenda cannot be changed here").with_detail(format!(
                "It is kept by {}, which is not connected for the calendar \
                     (connectors.agenda). Change it there.",
                crate::connectors::display_name(vendor)
            )),
        )),
    }
}

/// The raw availability of `ty` on the local date of `start`, from
/// whichever system keeps the agenda, read now.
async fn availability_at(
    state: &SharedState,
    agenda: &Agenda,
    ty: &AppointmentType,
    start: DateTime<Utc>,
) -> Result<Availability, ApiError> {
    let date = start.with_timezone(&agenda.tz).date_naive();
    if agenda.vendor.is_none() {
        let mut db = state.db.acquire().await?;
        return Ok(agenda::availability(&mut db, agenda, ty, date, date, Utc::now()).await?);
    }
    let connector = state
        .connectors
        .agendas_of(agenda)
        .ok_or_else(super::slot_check::no_such_agenda)?;
    Ok(connector
        .availability(agenda, ty, date, date, Utc::now())
        .await?)
}

/// The engine's verdict, or the override staff gave for it: the free
/// resources and the rule overridden, if any.
fn allowed(
    verdict: DeskVerdict,
    reason: Option<&str>,
) -> Result<(Vec<String>, Option<&'static str>), ApiError> {
    let (rule, title, detail) = match verdict {
        DeskVerdict::Free(free) => return Ok((free, None)),
        DeskVerdict::OutsideHours => (
            "outside_hours",
            "Outside the opening hours",
            "This time is outside the opening hours. To book it anyway, say why; \
             the reason is kept with your name.",
        ),
        DeskVerdict::Taken => (
            "taken",
            "This time is taken",
            "Someone is already booked then. To book it anyway (over capacity), say why; \
             the reason is kept with your name.",
        ),
    };
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(_) => Ok((Vec::new(), Some(rule))),
        None => Err(ApiError::problem(
            Problem::new(409, title)
                .with_type("/problems/override-needed")
                .with_detail(detail)
                .with_field(
                    "override_reason",
                    format!("is required to override ({rule})"),
                ),
        )),
    }
}

fn instant(field: &str, value: &str, errors: &mut FieldErrors) -> Option<DateTime<Utc>> {
    let parsed = DateTime::parse_from_rfc3339(value.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc));
    if parsed.is_none() {
        errors.insert(field.into(), FieldError::Required);
    }
    parsed
}

fn check_minutes(minutes: Option<u32>, errors: &mut FieldErrors) {
    if minutes.is_some_and(|m| m == 0 || m > MAX_MINUTES || m % 5 != 0) {
        errors.insert("minutes".into(), FieldError::NotAllowed);
    }
}

/// A resource of the agenda, by Frontdesk's id.
pub(super) async fn resource_of(
    db: &mut SqliteConnection,
    agenda: &Agenda,
    id: &str,
) -> Result<(i64, Option<String>), ApiError> {
    let found: Option<(i64, Option<String>)> = sqlx::query_as(
        "SELECT id, remote_id FROM resources WHERE agenda_id = ? AND id = ? \
             AND removed_at IS NULL",
    )
    .bind(agenda.info.id)
    .bind(id.parse::<i64>().unwrap_or(-1))
    .fetch_optional(db)
    .await?;
    found.ok_or_else(|| {
        ApiError::Validation(FieldErrors::from([(
            "resource_id".to_owned(),
            FieldError::NotAllowed,
        )]))
    })
}

async fn local_resource_of_remote(
    db: &mut SqliteConnection,
    agenda: &Agenda,
    remote: Option<&str>,
) -> Result<Option<i64>, ApiError> {
    let Some(remote) = remote else {
        return Ok(None);
    };
    Ok(
        sqlx::query_scalar("SELECT id FROM resources WHERE agenda_id = ? AND remote_id = ?")
            .bind(agenda.info.id)
            .bind(remote)
            .fetch_optional(db)
            .await?,
    )
}

fn no_such_appointment() -> ApiError {
    ApiError::problem(
        Problem::new(404, "No such appointment")
            .with_detail("It may have been removed meanwhile; reload the calendar."),
    )
}

fn cancelled_already() -> ApiError {
    ApiError::problem(
        Problem::new(409, "This appointment is cancelled")
            .with_detail("A cancelled appointment cannot be changed; book a new one."),
    )
}

async fn appointment(state: &SharedState, id: i64) -> Result<StaffAppointment, ApiError> {
    let mut db = state.db.acquire().await?;
    appointments::by_id(&mut db, id)
        .await?
        .ok_or_else(no_such_appointment)
}

/// The appointment as it is, with its agenda and type.
async fn loaded(
    state: &SharedState,
    id: i64,
) -> Result<(DeskRow, Agenda, AppointmentType), ApiError> {
    let mut db = state.db.acquire().await?;
    let row = rows::row(&mut db, id)
        .await?
        .ok_or_else(no_such_appointment)?;
    let agenda = find_agenda(&mut db, row.agenda_id).await?;
    let ty = find_type(&mut db, row.agenda_id, row.type_id).await?;
    Ok((row, agenda, ty))
}

fn remote_id(row: &DeskRow) -> Result<&str, ApiError> {
    row.remote_id.as_deref().ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!(
            "appointment {} of a vendor's agenda has no id there",
            row.id
        ))
    })
}

/// `POST /appointments`: staff book someone, with no code to confirm.
#[utoipa::path(
    post,
    path = "/appointments",
    operation_id = "desk_book",
    tag = "staff",
    security(("session_cookie" = [])),
    request_body = DeskBooking,
    responses(
        (status = 201, description = "Booked.", body = StaffAppointment),
        (status = 409, description = "Not free (`type` /problems/override-needed): say why in `override_reason` to book it anyway.", body = Problem,
            content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong; `errors` names it.", body = Problem,
            content_type = "application/problem+json"),
    )
)]
pub async fn book(
    State(state): State<SharedState>,
    staff: Staff,
    ApiJson(mut req): ApiJson<DeskBooking>,
) -> Result<(StatusCode, Json<StaffAppointment>), ApiError> {
    let mut db = state.db.acquire().await?;
    let agenda = find_agenda(&mut db, req.agenda_id).await?;
    let ty = find_type(&mut db, agenda.info.id, req.type_id).await?;
    let fields = agenda::fields(&mut db, ty.info.id).await?;
    req.fields.retain(|k, _| fields.iter().any(|f| &f.key == k));
    let person = BookingRequest {
        type_id: req.type_id,
        start: req.start.clone(),
        resource_id: req.resource_id.clone(),
        name: req.name.clone(),
        email: req.email.clone(),
        phone: req.phone.clone(),
        fields: req.fields.clone(),
        language: None,
    };
    let mut errors = validate::booking(&person, &fields);
    let start = instant("start", &req.start, &mut errors);
    check_minutes(req.minutes, &mut errors);
    if let Some(p) = req.prospect_id {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM prospects WHERE id = ?")
            .bind(p)
            .fetch_optional(&mut *db)
            .await?;
        if exists.is_none() {
            errors.insert("prospect_id".into(), FieldError::NotAllowed);
        }
    }
    let chosen = match req.resource_id.as_deref() {
        Some(r) => Some(resource_of(&mut db, &agenda, r).await?),
        None => None,
    };
    drop(db);
    let Some(start) = start.filter(|_| errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let keeper = keeper(&state, &agenda)?;
    let minutes = req.minutes.unwrap_or(ty.info.duration_min);
    let end = start + Duration::minutes(i64::from(minutes));

    let _turn = state.booking_lock.lock().await;
    let av = availability_at(&state, &agenda, &ty, start).await?;
    let verdict = desk_check(&av, &start, minutes, req.resource_id.as_deref(), None)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("availability for the desk: {e}")))?;
    let (free, overridden) = allowed(verdict, req.override_reason.as_deref())?;
    let resource = match (&chosen, free.first()) {
        (Some((id, _)), _) => *id,
        (None, Some(f)) => f.parse().unwrap_or_default(),
        (None, None) => {
            return Err(ApiError::problem(
                Problem::new(422, "Choose a coach or room")
                    .with_detail("To book outside the free times, say who or where.")
                    .with_field("resource_id", "is required to book outside the free times"),
            ));
        }
    };
    let remote = match keeper {
        Keeper::Local => None,
        Keeper::Vendor(desk) => {
            let mut db = state.db.acquire().await?;
            let remote_resource: Option<String> =
                sqlx::query_scalar("SELECT remote_id FROM resources WHERE id = ?")
                    .bind(resource)
                    .fetch_optional(&mut *db)
                    .await?
                    .flatten();
            drop(db);
            let placed = desk
                .book(Placement {
                    agenda: &agenda,
                    ty: &ty,
                    person: &person,
                    start,
                    end,
                    resource: remote_resource.as_deref(),
                    overriding: overridden.is_some(),
                })
                .await?;
            Some(placed)
        }
    };

    let mut tx = begin_write(&state.db).await?;
    let resource = match &remote {
        Some(placed) => local_resource_of_remote(&mut tx, &agenda, placed.resource.as_deref())
            .await?
            .unwrap_or(resource),
        None => resource,
    };
    let fields_json =
        serde_json::to_string(&req.fields).map_err(|e| ApiError::Internal(e.into()))?;
    let created = bookings::insert(
        &mut tx,
        NewBooking {
            agenda_id: agenda.info.id,
            type_id: ty.info.id,
            resource_id: resource,
            start,
            end,
            name: &req.name,
            email: &req.email,
            phone: &req.phone,
            fields: &fields_json,
            language: Lang::parse(None).code(),
            pending: false,
            prospect_id: req.prospect_id,
            client_hash: None,
            remote_id: remote.as_ref().map(|p| p.remote_id.clone()),
        },
    )
    .await?;
    let booking = created.booking;
    if remote.is_none() {
        // The same message the widget's booker gets, with the manage link.
        let token = booking.manage_token.clone().unwrap_or_default();
        let club = super::public::club_name(&mut tx, &agenda).await;
        let message = messages::booked(
            Lang::parse(None),
            &club,
            &booking,
            agenda.tz,
            None,
            &super::public::manage_link(&state, agenda.info.id, &token, Lang::parse(None)),
        );
        outbox::push(
            &mut tx,
            outbox::Outgoing {
                appointment_id: Some(booking.id),
                to: req.email.trim(),
                message: &message,
                attach_ics: true,
            },
        )
        .await?;
    }
    rows::log(
        &mut tx,
        LogEntry {
            agenda_id: agenda.info.id,
            appointment_id: Some(booking.id),
            staff_user_id: staff.session.user.id,
            action: "book",
            overridden,
            reason: req.override_reason.as_deref(),
        },
    )
    .await?;
    tx.commit().await?;
    state.outbox_ready.notify_one();
    state.availability_changed(agenda.info.id);
    tracing::info!(
        appointment_id = booking.id,
        overridden,
        "booked at the desk"
    );
    Ok((
        StatusCode::CREATED,
        Json(appointment(&state, booking.id).await?),
    ))
}

/// `PATCH /appointments/{id}`: to another time, length or coach.
#[utoipa::path(
    patch,
    path = "/appointments/{id}",
    operation_id = "desk_move",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The appointment.")),
    request_body = DeskMove,
    responses(
        (status = 200, description = "Moved.", body = StaffAppointment),
        (status = 409, description = "Not free (`type` /problems/override-needed), or cancelled.", body = Problem,
            content_type = "application/problem+json"),
    )
)]
pub async fn reschedule(
    State(state): State<SharedState>,
    staff: Staff,
    Path(id): Path<i64>,
    ApiJson(req): ApiJson<DeskMove>,
) -> Result<Json<StaffAppointment>, ApiError> {
    let (row, agenda, ty) = loaded(&state, id).await?;
    if row.status == "cancelled" {
        return Err(cancelled_already());
    }
    let mut errors = FieldErrors::new();
    let start = instant("start", &req.start, &mut errors);
    check_minutes(req.minutes, &mut errors);
    let Some(start) = start.filter(|_| errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let (old_start, old_end) = row.start().zip(row.end()).ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!("appointment {id}: a bad stored time"))
    })?;
    let minutes = req
        .minutes
        .unwrap_or_else(|| u32::try_from((old_end - old_start).num_minutes()).unwrap_or(0));
    let end = start + Duration::minutes(i64::from(minutes));
    let target = match req.resource_id.as_deref() {
        Some(r) => {
            let mut db = state.db.acquire().await?;
            Some(resource_of(&mut db, &agenda, r).await?)
        }
        None => None,
    };
    let resource = target.as_ref().map(|(id, _)| *id).or(row.resource_id);
    let keeper = keeper(&state, &agenda)?;

    let _turn = state.booking_lock.lock().await;
    let av = availability_at(&state, &agenda, &ty, start).await?;
    let own_resource = row.resource_id.map(|r| r.to_string());
    let wanted = resource.map(|r| r.to_string());
    let verdict = desk_check(
        &av,
        &start,
        minutes,
        wanted.as_deref(),
        Some(Own {
            resource_id: own_resource.as_deref(),
            start: old_start,
        }),
    )
    .map_err(|e| ApiError::Internal(anyhow::anyhow!("availability for the desk: {e}")))?;
    let (_, overridden) = allowed(verdict, req.override_reason.as_deref())?;
    let mut remote_now = None;
    if let Keeper::Vendor(desk) = keeper {
        let remote = remote_id(&row)?;
        let remote_resource = match &target {
            Some((_, remote)) => remote.clone(),
            None => None,
        };
        let person = BookingRequest {
            type_id: row.type_id,
            start: req.start.clone(),
            resource_id: wanted.clone(),
            name: row.name.clone(),
            email: row.email.clone(),
            phone: row.phone.clone(),
            fields: serde_json::from_str(&row.fields).unwrap_or_default(),
            language: None,
        };
        let placed = desk
            .reschedule(
                remote,
                Placement {
                    agenda: &agenda,
                    ty: &ty,
                    person: &person,
                    start,
                    end,
                    resource: remote_resource.as_deref(),
                    overriding: overridden.is_some(),
                },
            )
            .await?;
        remote_now = Some(placed.remote_id);
    }
    let mut tx = begin_write(&state.db).await?;
    rows::reschedule(&mut tx, id, start, end, resource, remote_now.as_deref()).await?;
    rows::log(
        &mut tx,
        LogEntry {
            agenda_id: agenda.info.id,
            appointment_id: Some(id),
            staff_user_id: staff.session.user.id,
            action: "move",
            overridden,
            reason: req.override_reason.as_deref(),
        },
    )
    .await?;
    tx.commit().await?;
    state.availability_changed(agenda.info.id);
    Ok(Json(appointment(&state, id).await?))
}

/// `POST /appointments/{id}/cancel`: cancelled by the club, the customer
/// told or not.
#[utoipa::path(
    post,
    path = "/appointments/{id}/cancel",
    operation_id = "desk_cancel",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The appointment.")),
    request_body = DeskCancel,
    responses((status = 200, description = "Cancelled.", body = StaffAppointment))
)]
pub async fn cancel(
    State(state): State<SharedState>,
    staff: Staff,
    Path(id): Path<i64>,
    ApiJson(req): ApiJson<DeskCancel>,
) -> Result<Json<StaffAppointment>, ApiError> {
    let (row, agenda, _ty) = loaded(&state, id).await?;
    if row.status == "cancelled" {
        return Err(cancelled_already());
    }
    let local = match keeper(&state, &agenda)? {
        Keeper::Vendor(desk) => {
            // The vendor tells the customer itself when asked to.
            desk.cancel(remote_id(&row)?, &req.reason, req.notify)
                .await?;
            false
        }
        Keeper::Local => true,
    };
    let mut tx = begin_write(&state.db).await?;
    rows::cancel(&mut tx, id, &req.reason).await?;
    if local && req.notify && !row.email.trim().is_empty() {
        let booking = bookings::by_id(&mut tx, id)
            .await?
            .ok_or_else(no_such_appointment)?;
        let club = super::public::club_name(&mut tx, &agenda).await;
        let message = messages::cancelled_by_club(
            Lang::parse(Some(&row.language)),
            &club,
            &booking,
            agenda.tz,
            &req.reason,
        );
        outbox::push(
            &mut tx,
            outbox::Outgoing {
                appointment_id: Some(id),
                to: row.email.trim(),
                message: &message,
                attach_ics: false,
            },
        )
        .await?;
    }
    rows::log(
        &mut tx,
        LogEntry {
            agenda_id: agenda.info.id,
            appointment_id: Some(id),
            staff_user_id: staff.session.user.id,
            action: "cancel",
            overridden: None,
            reason: Some(&req.reason),
        },
    )
    .await?;
    tx.commit().await?;
    state.outbox_ready.notify_one();
    state.availability_changed(agenda.info.id);
    Ok(Json(appointment(&state, id).await?))
}

/// `DELETE /appointments/{id}`: gone for good (a mistake, a test).
#[utoipa::path(
    delete,
    path = "/appointments/{id}",
    operation_id = "desk_remove",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The appointment.")),
    responses((status = 204, description = "Removed."))
)]
pub async fn remove(
    State(state): State<SharedState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    let (row, agenda, _ty) = loaded(&state, id).await?;
    if let Keeper::Vendor(desk) = keeper(&state, &agenda)? {
        desk.remove(remote_id(&row)?).await?;
    }
    let mut tx = begin_write(&state.db).await?;
    let what = format!("{} at {}", row.name, row.starts_at);
    rows::log(
        &mut tx,
        LogEntry {
            agenda_id: agenda.info.id,
            appointment_id: None,
            staff_user_id: staff.session.user.id,
            action: "remove",
            overridden: None,
            reason: Some(&what),
        },
    )
    .await?;
    rows::remove(&mut tx, id).await?;
    tx.commit().await?;
    state.availability_changed(agenda.info.id);
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /appointments/{id}/attendance`: came (finished) or not (no-show);
/// Frontdesk's own record, for a vendor's appointment too.
#[utoipa::path(
    put,
    path = "/appointments/{id}/attendance",
    operation_id = "desk_attendance",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The appointment.")),
    request_body = DeskAttendance,
    responses((status = 200, description = "Recorded.", body = StaffAppointment))
)]
pub async fn attendance(
    State(state): State<SharedState>,
    staff: Staff,
    Path(id): Path<i64>,
    ApiJson(req): ApiJson<DeskAttendance>,
) -> Result<Json<StaffAppointment>, ApiError> {
    let (row, agenda, _ty) = loaded(&state, id).await?;
    if row.status == "cancelled" {
        return Err(cancelled_already());
    }
    let mut tx = begin_write(&state.db).await?;
    rows::set_attendance(&mut tx, id, req.attendance).await?;
    rows::log(
        &mut tx,
        LogEntry {
            agenda_id: agenda.info.id,
            appointment_id: Some(id),
            staff_user_id: staff.session.user.id,
            action: "attendance",
            overridden: None,
            reason: req.attendance.map(|a| a.as_str()),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Json(appointment(&state, id).await?))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct BlocksQuery {
    /// First local date, `YYYY-MM-DD`.
    from: String,
    /// Last local date (inclusive).
    to: String,
}

/// `GET /agendas/{id}/blocks?from=&to=`: the weekly hours and the dated
/// blocks (for a vendor's agenda: those added here, the only ones its API
/// lets one remove).
#[utoipa::path(
    get,
    path = "/agendas/{id}/blocks",
    operation_id = "list_blocks",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The agenda."), BlocksQuery),
    responses((status = 200, description = "Weekly rules first, then the dates.", body = Vec<AgendaBlock>))
)]
pub async fn blocks(
    State(state): State<SharedState>,
    _staff: Staff,
    Path(agenda_id): Path<i64>,
    ApiQuery(q): ApiQuery<BlocksQuery>,
) -> Result<Json<Vec<AgendaBlock>>, ApiError> {
    let (from, to) = date_range(&q.from, &q.to, super::appointments::MAX_DAYS)?;
    let mut db = state.db.acquire().await?;
    let agenda = find_agenda(&mut db, agenda_id).await?;
    Ok(Json(rows::blocks(&mut db, agenda.info.id, from, to).await?))
}

fn wall_time(field: &str, value: &str, errors: &mut FieldErrors) -> Option<NaiveTime> {
    let parsed = NaiveTime::parse_from_str(value.trim(), "%H:%M").ok();
    if parsed.is_none() {
        errors.insert(field.into(), FieldError::NotAllowed);
    }
    parsed
}

/// `POST /agendas/{id}/blocks`: extra opening hours on one date.
#[utoipa::path(
    post,
    path = "/agendas/{id}/blocks",
    operation_id = "add_block",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The agenda.")),
    request_body = BlockRequest,
    responses(
        (status = 201, description = "Added.", body = AgendaBlock),
        (status = 422, description = "A field is wrong; `errors` names it.", body = Problem,
            content_type = "application/problem+json"),
    )
)]
pub async fn add_block(
    State(state): State<SharedState>,
    staff: Staff,
    Path(agenda_id): Path<i64>,
    ApiJson(req): ApiJson<BlockRequest>,
) -> Result<(StatusCode, Json<AgendaBlock>), ApiError> {
    let mut db = state.db.acquire().await?;
    let agenda = find_agenda(&mut db, agenda_id).await?;
    let mut errors = FieldErrors::new();
    let date = date_param("date", &req.date).ok();
    if date.is_none() {
        errors.insert("date".into(), FieldError::Date);
    }
    let start = wall_time("start", &req.start, &mut errors);
    let end = wall_time("end", &req.end, &mut errors);
    if let (Some(s), Some(e)) = (start, end)
        && e <= s
    {
        errors.insert("end".into(), FieldError::NotAllowed);
    }
    let resource = match req.resource_id.as_deref() {
        Some(r) => Some(resource_of(&mut db, &agenda, r).await?),
        None => None,
    };
    drop(db);
    let (Some(date), Some(start), Some(end)) = (date, start, end) else {
        return Err(ApiError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let remote = match keeper(&state, &agenda)? {
        Keeper::Local => None,
        Keeper::Vendor(desk) => Some(
            desk.add_block(
                &agenda,
                resource.as_ref().and_then(|(_, r)| r.as_deref()),
                date,
                start,
                end,
            )
            .await?,
        ),
    };
    let (start, end) = (
        start.format("%H:%M").to_string(),
        end.format("%H:%M").to_string(),
    );
    let mut tx = begin_write(&state.db).await?;
    let block = rows::add_block(
        &mut tx,
        NewBlock {
            agenda_id,
            resource_id: resource.map(|(id, _)| id),
            date,
            start: &start,
            end: &end,
            remote_id: remote.as_deref(),
        },
    )
    .await?;
    rows::log(
        &mut tx,
        LogEntry {
            agenda_id,
            appointment_id: None,
            staff_user_id: staff.session.user.id,
            action: "add_block",
            overridden: None,
            reason: Some(&format!("{date} {start}-{end}")),
        },
    )
    .await?;
    tx.commit().await?;
    state.availability_changed(agenda_id);
    Ok((StatusCode::CREATED, Json(block)))
}

/// `DELETE /agendas/{id}/blocks/{block}`: closes those hours again.
#[utoipa::path(
    delete,
    path = "/agendas/{id}/blocks/{block}",
    operation_id = "remove_block",
    tag = "staff",
    security(("session_cookie" = [])),
    params(
        ("id" = i64, Path, description = "The agenda."),
        ("block" = i64, Path, description = "The block."),
    ),
    responses((status = 204, description = "Removed."))
)]
pub async fn remove_block(
    State(state): State<SharedState>,
    staff: Staff,
    Path((agenda_id, block_id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    let mut db = state.db.acquire().await?;
    let agenda = find_agenda(&mut db, agenda_id).await?;
    let (block, remote) = rows::block(&mut db, block_id)
        .await?
        .filter(|(b, _)| b.agenda_id == agenda_id)
        .ok_or_else(|| {
            ApiError::problem(
                Problem::new(404, "No such block")
                    .with_detail("It may have been removed meanwhile; reload the calendar."),
            )
        })?;
    drop(db);
    if let Keeper::Vendor(desk) = keeper(&state, &agenda)? {
        let remote = remote.ok_or_else(|| {
            ApiError::Internal(anyhow::anyhow!("block {block_id} has no id at the vendor"))
        })?;
        desk.remove_block(&agenda, &remote).await?;
    }
    let mut tx = begin_write(&state.db).await?;
    rows::remove_block(&mut tx, block.id).await?;
    rows::log(
        &mut tx,
        LogEntry {
            agenda_id,
            appointment_id: None,
            staff_user_id: staff.session.user.id,
            action: "remove_block",
            overridden: None,
            reason: Some(&format!(
                "{} {}-{}",
                block.date.as_deref().unwrap_or("weekly"),
                block.start,
                block.end
            )),
        },
    )
    .await?;
    tx.commit().await?;
    state.availability_changed(agenda_id);
    Ok(StatusCode::NO_CONTENT)
}
