//! `/api/v1/settings/booking`: the booking setup (issue #21). Anyone on
//! the staff reads it; only an owner or a manager changes it. Frontdesk's
//! own agendas change here and the widget follows at its next request; an
//! agenda a vendor keeps is shown as mirrored, and a change to it is a 501
//! that names the vendor (no vendor's API offers to change its setup).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use frontdesk_core::booking_setup::{check_resource, check_type};
use frontdesk_core::model::{
    AppointmentTypeInput, AppointmentTypeSetup, BookingSetup, ResourceInfo, ResourceInput,
};
use frontdesk_core::problem::{Problem, kinds};
use frontdesk_core::roles::Action;
use frontdesk_core::validate::FieldError;
use sqlx::SqliteConnection;

use super::error::ApiError;
use super::json::ApiJson;
use super::session::Staff;
use super::slot_check::find_agenda;
use crate::SharedState;
use crate::store::agenda::{self, Agenda};
use crate::store::{begin_write, booking_setup as rows};

#[utoipa::path(
    get,
    path = "/settings/booking",
    operation_id = "booking_setup",
    tag = "staff",
    security(("session_cookie" = [])),
    responses((status = 200, description = "Each agenda the widget books in, with its coaches and rooms and its appointment types (archived ones too) and their questions. `vendor` set: that system keeps it, and it is changed there.", body = Vec<BookingSetup>))
)]
pub async fn list(
    State(state): State<SharedState>,
    _staff: Staff,
) -> Result<Json<Vec<BookingSetup>>, ApiError> {
    let mut db = state.db.acquire().await?;
    // The agendas of the system that serves the widget, as it lists them.
    let vendor = state.connectors.agendas.vendor();
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM agendas WHERE vendor IS ? ORDER BY id")
        .bind(vendor)
        .fetch_all(&mut *db)
        .await?;
    let mut list = Vec::new();
    for id in ids {
        if let Some(a) = agenda::agenda(&mut db, id).await? {
            list.push(setup(&mut db, a).await?);
        }
    }
    Ok(Json(list))
}

async fn setup(db: &mut SqliteConnection, agenda: Agenda) -> Result<BookingSetup, ApiError> {
    let id = agenda.info.id;
    Ok(BookingSetup {
        vendor: agenda
            .vendor
            .as_deref()
            .map(|v| crate::connectors::display_name(v).to_owned()),
        resources: agenda::resources(db, id).await?,
        types: rows::types(db, id).await?,
        agenda: agenda.info,
    })
}

/// The agenda to change, with the 403 before anything else is said, and a
/// vendor's agenda refused in words that name it.
async fn own_agenda(
    state: &SharedState,
    staff: &Staff,
    agenda_id: i64,
) -> Result<Agenda, ApiError> {
    staff.may(Action::ChangeSettings)?;
    let mut db = state.db.acquire().await?;
    let agenda = find_agenda(&mut db, agenda_id).await?;
    if let Some(vendor) = agenda.vendor.as_deref() {
        let system = crate::connectors::display_name(vendor);
        let mut p = Problem::new(501, format!("Not possible with {system}"))
            .with_type(kinds::NOT_SUPPORTED)
            .with_detail(format!(
                "{system} keeps this agenda's appointment types, coaches and rooms, and its API \
                 cannot change them; change them in {system}. Frontdesk shows them as {system} \
                 has them."
            ));
        p.system = Some(system.to_owned());
        return Err(ApiError::problem(p));
    }
    Ok(agenda)
}

/// The type's own check, then its coaches or rooms against the agenda's.
async fn checked(
    state: &SharedState,
    agenda_id: i64,
    input: &AppointmentTypeInput,
) -> Result<(), ApiError> {
    let mut errors = check_type(input);
    let mut db = state.db.acquire().await?;
    for i in rows::foreign_resources(&mut db, agenda_id, &input.resource_ids).await? {
        errors
            .entry(format!("resource_ids[{i}]"))
            .or_insert(FieldError::NotAllowed);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

fn no_such_type() -> ApiError {
    ApiError::problem(
        Problem::new(404, "No such appointment type")
            .with_detail("This agenda has no such appointment type."),
    )
}

fn no_such_resource() -> ApiError {
    ApiError::problem(
        Problem::new(404, "No such coach or room")
            .with_detail("This agenda has no such coach or room."),
    )
}

async fn stored(
    state: &SharedState,
    agenda_id: i64,
    id: i64,
) -> Result<AppointmentTypeSetup, ApiError> {
    let mut db = state.db.acquire().await?;
    rows::get(&mut db, agenda_id, id)
        .await?
        .ok_or_else(no_such_type)
}

#[utoipa::path(
    post,
    path = "/settings/booking/agendas/{id}/types",
    operation_id = "add_appointment_type",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The agenda.")),
    request_body = AppointmentTypeInput,
    responses(
        (status = 201, description = "Stored; the widget offers it from its next request.", body = AppointmentTypeSetup),
        (status = 403, description = "Only an owner or a manager changes the booking setup.", body = Problem),
        (status = 404, description = "No such agenda.", body = Problem),
        (status = 422, description = "A field is wrong; `errors` names each (`questions[1].label`); nothing was stored.", body = Problem),
        (status = 501, description = "A vendor keeps this agenda's setup (`system` names it).", body = Problem),
    )
)]
pub async fn add_type(
    State(state): State<SharedState>,
    staff: Staff,
    Path(agenda_id): Path<i64>,
    ApiJson(input): ApiJson<AppointmentTypeInput>,
) -> Result<(StatusCode, Json<AppointmentTypeSetup>), ApiError> {
    own_agenda(&state, &staff, agenda_id).await?;
    checked(&state, agenda_id, &input).await?;
    let mut tx = begin_write(&state.db).await?;
    let id = rows::create(&mut tx, agenda_id, &input).await?;
    tx.commit().await?;
    state.availability_changed(agenda_id);
    tracing::info!(
        by = staff.session.user.id,
        agenda_id,
        type_id = id,
        "appointment type added"
    );
    Ok((
        StatusCode::CREATED,
        Json(stored(&state, agenda_id, id).await?),
    ))
}

#[utoipa::path(
    put,
    path = "/settings/booking/agendas/{id}/types/{type_id}",
    operation_id = "change_appointment_type",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The agenda."), ("type_id" = i64, Path, description = "The appointment type.")),
    request_body = AppointmentTypeInput,
    responses(
        (status = 200, description = "Stored whole (a question sent with its `key` keeps the answers given to it); the widget's availability follows at once. Bookings already made keep their times.", body = AppointmentTypeSetup),
        (status = 403, description = "Only an owner or a manager changes the booking setup.", body = Problem),
        (status = 404, description = "No such agenda or appointment type.", body = Problem),
        (status = 422, description = "A field is wrong; `errors` names each; nothing was stored.", body = Problem),
        (status = 501, description = "A vendor keeps this agenda's setup (`system` names it).", body = Problem),
    )
)]
pub async fn change_type(
    State(state): State<SharedState>,
    staff: Staff,
    Path((agenda_id, type_id)): Path<(i64, i64)>,
    ApiJson(input): ApiJson<AppointmentTypeInput>,
) -> Result<Json<AppointmentTypeSetup>, ApiError> {
    own_agenda(&state, &staff, agenda_id).await?;
    checked(&state, agenda_id, &input).await?;
    let mut tx = begin_write(&state.db).await?;
    if !rows::update(&mut tx, agenda_id, type_id, &input).await? {
        return Err(no_such_type());
    }
    tx.commit().await?;
    state.availability_changed(agenda_id);
    tracing::info!(
        by = staff.session.user.id,
        agenda_id,
        type_id,
        "appointment type changed"
    );
    Ok(Json(stored(&state, agenda_id, type_id).await?))
}

#[utoipa::path(
    delete,
    path = "/settings/booking/agendas/{id}/types/{type_id}",
    operation_id = "archive_appointment_type",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The agenda."), ("type_id" = i64, Path, description = "The appointment type.")),
    responses(
        (status = 200, description = "Archived: no longer offered in the widget; the bookings that have it keep it, and the calendar still shows them.", body = AppointmentTypeSetup),
        (status = 403, description = "Only an owner or a manager changes the booking setup.", body = Problem),
        (status = 404, description = "No such agenda or appointment type.", body = Problem),
        (status = 501, description = "A vendor keeps this agenda's setup (`system` names it).", body = Problem),
    )
)]
pub async fn archive_type(
    State(state): State<SharedState>,
    staff: Staff,
    Path((agenda_id, type_id)): Path<(i64, i64)>,
) -> Result<Json<AppointmentTypeSetup>, ApiError> {
    own_agenda(&state, &staff, agenda_id).await?;
    set_offered(&state, &staff, agenda_id, type_id, false).await
}

/// Archives a type or offers it again: one flag, the widget's cache
/// dropped, the change logged, the type as it is now.
async fn set_offered(
    state: &SharedState,
    staff: &Staff,
    agenda_id: i64,
    type_id: i64,
    offered: bool,
) -> Result<Json<AppointmentTypeSetup>, ApiError> {
    let mut tx = begin_write(&state.db).await?;
    if !rows::set_archived(&mut tx, agenda_id, type_id, !offered).await? {
        return Err(no_such_type());
    }
    tx.commit().await?;
    state.availability_changed(agenda_id);
    tracing::info!(
        by = staff.session.user.id,
        agenda_id,
        type_id,
        offered,
        "appointment type archived or offered again"
    );
    Ok(Json(stored(state, agenda_id, type_id).await?))
}

#[utoipa::path(
    post,
    path = "/settings/booking/agendas/{id}/resources",
    operation_id = "add_resource",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The agenda.")),
    request_body = ResourceInput,
    responses(
        (status = 201, description = "Added; give it opening hours and appointment types to be bookable.", body = ResourceInfo),
        (status = 403, description = "Only an owner or a manager changes the booking setup.", body = Problem),
        (status = 404, description = "No such agenda.", body = Problem),
        (status = 422, description = "`name` missing or `kind` not `coach` or `room`; nothing was stored.", body = Problem),
        (status = 501, description = "A vendor keeps this agenda's setup (`system` names it).", body = Problem),
    )
)]
pub async fn add_resource(
    State(state): State<SharedState>,
    staff: Staff,
    Path(agenda_id): Path<i64>,
    ApiJson(input): ApiJson<ResourceInput>,
) -> Result<(StatusCode, Json<ResourceInfo>), ApiError> {
    own_agenda(&state, &staff, agenda_id).await?;
    let errors = check_resource(&input);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let mut tx = begin_write(&state.db).await?;
    let id = rows::add_resource(&mut tx, agenda_id, &input).await?;
    tx.commit().await?;
    tracing::info!(
        by = staff.session.user.id,
        agenda_id,
        resource_id = id,
        "resource added"
    );
    Ok((
        StatusCode::CREATED,
        Json(ResourceInfo {
            id: id.to_string(),
            name: input.name.trim().to_owned(),
            kind: input.kind,
        }),
    ))
}

#[utoipa::path(
    put,
    path = "/settings/booking/agendas/{id}/resources/{resource_id}",
    operation_id = "change_resource",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The agenda."), ("resource_id" = i64, Path, description = "The coach or room.")),
    request_body = ResourceInput,
    responses(
        (status = 200, description = "Renamed (or its kind changed); the widget shows the new name.", body = ResourceInfo),
        (status = 403, description = "Only an owner or a manager changes the booking setup.", body = Problem),
        (status = 404, description = "No such agenda or resource.", body = Problem),
        (status = 422, description = "`name` missing or `kind` not `coach` or `room`; nothing was stored.", body = Problem),
        (status = 501, description = "A vendor keeps this agenda's setup (`system` names it).", body = Problem),
    )
)]
pub async fn change_resource(
    State(state): State<SharedState>,
    staff: Staff,
    Path((agenda_id, resource_id)): Path<(i64, i64)>,
    ApiJson(input): ApiJson<ResourceInput>,
) -> Result<Json<ResourceInfo>, ApiError> {
    own_agenda(&state, &staff, agenda_id).await?;
    let errors = check_resource(&input);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let mut tx = begin_write(&state.db).await?;
    if !rows::change_resource(&mut tx, agenda_id, resource_id, &input).await? {
        return Err(no_such_resource());
    }
    tx.commit().await?;
    tracing::info!(
        by = staff.session.user.id,
        agenda_id,
        resource_id,
        "resource changed"
    );
    Ok(Json(ResourceInfo {
        id: resource_id.to_string(),
        name: input.name.trim().to_owned(),
        kind: input.kind,
    }))
}

#[utoipa::path(
    post,
    path = "/settings/booking/agendas/{id}/types/{type_id}/restore",
    operation_id = "restore_appointment_type",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The agenda."), ("type_id" = i64, Path, description = "The appointment type.")),
    responses(
        (status = 200, description = "Offered again in the widget, as it was set up (restoring one that is offered changes nothing).", body = AppointmentTypeSetup),
        (status = 403, description = "Only an owner or a manager changes the booking setup.", body = Problem),
        (status = 404, description = "No such agenda or appointment type.", body = Problem),
        (status = 409, description = "No coach or room gives it any more (`type` /problems/type-without-resource): give it one first.", body = Problem),
        (status = 501, description = "A vendor keeps this agenda's setup (`system` names it).", body = Problem),
    )
)]
pub async fn restore_type(
    State(state): State<SharedState>,
    staff: Staff,
    Path((agenda_id, type_id)): Path<(i64, i64)>,
) -> Result<Json<AppointmentTypeSetup>, ApiError> {
    own_agenda(&state, &staff, agenda_id).await?;
    // A type with no coach or room would be offered with anyone (the
    // engine reads "none named" as "any"), so it is given one first.
    if stored(&state, agenda_id, type_id)
        .await?
        .resource_ids
        .is_empty()
    {
        return Err(ApiError::problem(
            Problem::new(409, "No coach or room gives this type")
                .with_type(kinds::TYPE_WITHOUT_RESOURCE)
                .with_detail(
                    "No coach or room gives this type any more: choose one in its settings, \
                     then offer it again.",
                ),
        ));
    }
    set_offered(&state, &staff, agenda_id, type_id, true).await
}

#[utoipa::path(
    delete,
    path = "/settings/booking/agendas/{id}/resources/{resource_id}",
    operation_id = "remove_resource",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The agenda."), ("resource_id" = i64, Path, description = "The coach or room.")),
    responses(
        (status = 204, description = "Removed: no longer booked, shown in the widget or given hours; its past appointments keep its name."),
        (status = 403, description = "Only an owner or a manager changes the booking setup.", body = Problem),
        (status = 404, description = "No such agenda or resource.", body = Problem),
        (status = 409, description = "Appointments still to come with it (`type` /problems/resource-has-appointments), or an offered type that it alone gives (`type` /problems/resource-only-one); nothing was changed.", body = Problem),
        (status = 501, description = "A vendor keeps this agenda's setup (`system` names it).", body = Problem),
    )
)]
pub async fn remove_resource(
    State(state): State<SharedState>,
    staff: Staff,
    Path((agenda_id, resource_id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    own_agenda(&state, &staff, agenda_id).await?;
    let mut tx = begin_write(&state.db).await?;
    let now = crate::store::now_rfc3339();
    match rows::remove_resource(&mut tx, agenda_id, resource_id, &now).await? {
        rows::Removal::Removed => {}
        rows::Removal::Unknown => {
            return Err(no_such_resource());
        }
        rows::Removal::Coming(n) => {
            return Err(ApiError::problem(
                Problem::new(409, "Appointments still to come")
                    .with_type(kinds::RESOURCE_HAS_APPOINTMENTS)
                    .with_detail(format!(
                        "{n} appointment(s) to come are with this coach or room: move or \
                         cancel them in the calendar first."
                    )),
            ));
        }
        rows::Removal::OnlyOneFor(types) => {
            return Err(ApiError::problem(
                Problem::new(409, "The only one for a type")
                    .with_type(kinds::RESOURCE_ONLY_ONE)
                    .with_detail(format!(
                        "Only this coach or room gives {}: give it another one, or archive \
                         it, first.",
                        types.join(", ")
                    )),
            ));
        }
    }
    tx.commit().await?;
    state.availability_changed(agenda_id);
    tracing::info!(
        by = staff.session.user.id,
        agenda_id,
        resource_id,
        "resource removed"
    );
    Ok(StatusCode::NO_CONTENT)
}
