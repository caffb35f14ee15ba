//! The public booking API: what the widget (also embedded in a club's site)
//! may call without a login, and nothing more. Answers carry no other
//! customer's data: busy times have no names, a booking is only shown to the
//! holder of its token.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use frontdesk_core::model::{
    AgendaInfo, AppointmentTypeInfo, Booking, BookingRequest, BookingStatus, CancelAnswer,
    CancelRequest, CodeSent, ConfirmRequest, FormField, ResendCodeRequest, ResourceInfo,
};
use frontdesk_core::problem::Problem;
use frontdesk_core::slots::Availability;
use frontdesk_core::validate::{self, FieldError};
use serde::Deserialize;
use sqlx::SqliteConnection;

use super::client::ClientAddr;
use super::error::ApiError;
use super::json::ApiJson;
use super::query::ApiQuery;
use super::slot_check::{
    date_range, find_agenda, find_type, free_resource, no_such_agenda, public_agenda,
    readable_agenda,
};
use crate::SharedState;
use crate::messages::{self, Lang, ManageLink};
use crate::secrets::hash_secret;
use crate::store::agenda::{self, Agenda, local_rfc3339};
use crate::store::bookings::{self, NewBooking, Resend, idempotency, outbox};

/// The widget asks a month (plus the days around it) at a time.
pub const MAX_PUBLIC_DAYS: i64 = 62;

async fn conn(state: &SharedState) -> Result<sqlx::pool::PoolConnection<sqlx::Sqlite>, ApiError> {
    Ok(state.db.acquire().await?)
}

/// `GET /public/agendas`: the agendas one can book in (the embed snippet
/// names one; a vendor's agendas get Frontdesk's ids when mirrored).
#[utoipa::path(
    get,
    path = "/public/agendas",
    operation_id = "list_agendas",
    tag = "public",
    responses((status = 200, description = "The agendas of the system that serves availability.", body = Vec<AgendaInfo>))
)]
pub async fn agendas(State(state): State<SharedState>) -> Result<Json<Vec<AgendaInfo>>, ApiError> {
    let mut db = conn(&state).await?;
    let vendor = state.connectors.agendas.vendor();
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM agendas WHERE vendor IS ? ORDER BY id")
        .bind(vendor)
        .fetch_all(&mut *db)
        .await?;
    let mut list = Vec::new();
    for id in ids {
        if let Some(a) = agenda::agenda(&mut db, id).await? {
            list.push(a.info);
        }
    }
    Ok(Json(list))
}

#[utoipa::path(
    get,
    path = "/public/agendas/{id}",
    operation_id = "get_agenda",
    tag = "public",
    params(("id" = i64, Path, description = "The agenda's id.")),
    responses(
        (status = 200, description = "The agenda.", body = AgendaInfo),
        (status = 404, description = "No such agenda.", body = Problem),
    )
)]
pub async fn agenda_info(
    State(state): State<SharedState>,
    Path(id): Path<i64>,
) -> Result<Json<AgendaInfo>, ApiError> {
    Ok(Json(
        readable_agenda(&state, &mut *conn(&state).await?, id)
            .await?
            .0
            .info,
    ))
}

#[utoipa::path(
    get,
    path = "/public/agendas/{id}/types",
    operation_id = "list_appointment_types",
    tag = "public",
    params(("id" = i64, Path, description = "The agenda's id.")),
    responses(
        (status = 200, description = "What can be booked in the agenda.", body = Vec<AppointmentTypeInfo>),
        (status = 404, description = "No such agenda.", body = Problem),
    )
)]
pub async fn types(
    State(state): State<SharedState>,
    Path(id): Path<i64>,
) -> Result<Json<Vec<AppointmentTypeInfo>>, ApiError> {
    let mut db = conn(&state).await?;
    // A sales calendar's types are all the desk's (its picker reads them).
    let (_, bookable) = readable_agenda(&state, &mut db, id).await?;
    Ok(Json(
        agenda::types(&mut db, id)
            .await?
            .into_iter()
            .filter(|t| t.public || !bookable)
            .map(|t| t.info)
            .collect(),
    ))
}

#[utoipa::path(
    get,
    path = "/public/agendas/{id}/resources",
    operation_id = "list_resources",
    tag = "public",
    params(("id" = i64, Path, description = "The agenda's id.")),
    responses(
        (status = 200, description = "The agenda's coaches and rooms.", body = Vec<ResourceInfo>),
        (status = 404, description = "No such agenda.", body = Problem),
    )
)]
pub async fn resources(
    State(state): State<SharedState>,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ResourceInfo>>, ApiError> {
    let mut db = conn(&state).await?;
    readable_agenda(&state, &mut db, id).await?;
    Ok(Json(agenda::resources(&mut db, id).await?))
}

#[utoipa::path(
    get,
    path = "/public/agendas/{id}/types/{type_id}/fields",
    operation_id = "list_form_fields",
    tag = "public",
    params(("id" = i64, Path, description = "The agenda's id."), ("type_id" = i64, Path, description = "The appointment type's id.")),
    responses(
        (status = 200, description = "The type's extra questions.", body = Vec<FormField>),
        (status = 404, description = "No such appointment type in this agenda.", body = Problem),
    )
)]
pub async fn fields(
    State(state): State<SharedState>,
    Path((agenda_id, type_id)): Path<(i64, i64)>,
) -> Result<Json<Vec<FormField>>, ApiError> {
    let mut db = conn(&state).await?;
    public_agenda(&state, &mut db, agenda_id).await?;
    find_type(&mut db, agenda_id, type_id).await?;
    Ok(Json(agenda::fields(&mut db, type_id).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AvailabilityQuery {
    /// The appointment type to book.
    type_id: i64,
    /// First local date, `YYYY-MM-DD`.
    from: String,
    /// Last local date (inclusive), less than 62 days after `from`.
    to: String,
}

/// `GET /public/agendas/{id}/availability?type_id=&from=&to=`: the raw
/// availability the widget turns into slots with `core::slots`.
#[utoipa::path(
    get,
    path = "/public/agendas/{id}/availability",
    operation_id = "get_availability",
    tag = "public",
    params(("id" = i64, Path, description = "The agenda's id."), AvailabilityQuery),
    responses(
        (status = 200, description = "Opening hours and busy times (without names) for the slot engine.", body = Availability),
        (status = 404, description = "No such agenda or appointment type.", body = Problem),
    )
)]
pub async fn availability(
    State(state): State<SharedState>,
    Path(agenda_id): Path<i64>,
    ApiQuery(q): ApiQuery<AvailabilityQuery>,
) -> Result<Json<Availability>, ApiError> {
    let (from, to) = date_range(&q.from, &q.to, MAX_PUBLIC_DAYS)?;
    let mut db = conn(&state).await?;
    let (agenda, _) = readable_agenda(&state, &mut db, agenda_id).await?;
    let ty = find_type(&mut db, agenda_id, q.type_id).await?;
    drop(db);
    let source = state
        .connectors
        .agendas_of(&agenda)
        .ok_or_else(no_such_agenda)?;
    let now = Utc::now();
    let ttl = agenda
        .vendor
        .as_deref()
        .and_then(|v| state.connectors.availability_ttl.get(v))
        .filter(|ttl| !ttl.is_zero());
    let cache = &state.availability_cache;
    let key = crate::availability_cache::Key {
        agenda: agenda_id,
        ty: ty.info.id,
        rules: format!(
            "{} {}",
            agenda.tz.name(),
            serde_json::to_string(&ty.rules()).unwrap_or_default()
        ),
        from,
        to,
    };
    if let Some(ttl) = ttl
        && let Some(hit) = cache.get(&key, *ttl, now)
    {
        return Ok(Json(hit));
    }
    let mut av = source.availability(&agenda, &ty, from, to, now).await?;
    // The browser has no tz database: every connector's document carries
    // the offsets of its zone over its dates (cached with it).
    av.attach_zone();
    if ttl.is_some() {
        cache.put(key, &av);
    }
    Ok(Json(av))
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = value.to_str().unwrap_or_default().trim();
    if key.is_empty() || key.len() > 200 || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ApiError::problem(
            Problem::new(400, "Invalid Idempotency-Key").with_field(
                "Idempotency-Key",
                "must be 1 to 200 visible ASCII characters",
            ),
        ));
    }
    Ok(Some(key.to_owned()))
}

pub(super) fn manage_link(
    state: &SharedState,
    agenda_id: i64,
    token: &str,
    lang: Lang,
) -> ManageLink {
    ManageLink::new(&state.settings.public_url, agenda_id, token, lang)
}

pub(super) async fn club_name(db: &mut SqliteConnection, agenda: &Agenda) -> String {
    sqlx::query_scalar::<_, String>("SELECT value FROM settings WHERE key = 'club_name'")
        .fetch_optional(db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| agenda.info.name.clone())
}

/// `POST /public/agendas/{id}/bookings`: checks the chosen slot again with
/// the slot engine on fresh data and books it in one step.
#[utoipa::path(
    post,
    path = "/public/agendas/{id}/bookings",
    operation_id = "create_booking",
    tag = "public",
    params(
        ("id" = i64, Path, description = "The agenda's id."),
        ("Idempotency-Key" = Option<String>, Header, description = "1 to 200 visible ASCII characters; a retry with the same key and body gets the first answer again."),
    ),
    request_body = BookingRequest,
    responses(
        (status = 201, description = "Booked (pending when the agenda asks for a code). The answer holds the booking's `manage_token`.", body = Booking),
        (status = 200, description = "A replay: this Idempotency-Key came before with the same body, and this is the first answer again (nothing new was booked).", body = Booking),
        (status = 429, description = "Too many bookings wait for their code from this email or this address (`type` /problems/too-many-pending); confirm one or wait.", body = Problem,
            headers(("retry-after" = u64, description = "Seconds until the oldest is released."))),
        (status = 400, description = "The Idempotency-Key is not valid.", body = Problem),
        (status = 404, description = "No such agenda or appointment type.", body = Problem),
        (status = 409, description = "The slot was taken meanwhile; choose another.", body = Problem),
        (status = 422, description = "Some fields are not valid, or the key was used for another request.", body = Problem),
    )
)]
pub async fn create_booking(
    State(state): State<SharedState>,
    Path(agenda_id): Path<i64>,
    client: ClientAddr,
    headers: HeaderMap,
    ApiJson(mut request): ApiJson<BookingRequest>,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    let request_hash = hash_secret(&format!(
        "{agenda_id}\n{}",
        serde_json::to_string(&request).map_err(|e| ApiError::Internal(e.into()))?
    ));

    let _one_at_a_time = state.booking_lock.lock().await;
    let mut tx = crate::store::begin_write(&state.db).await?;
    if let Some(key) = &key
        && let Some(found) = idempotency::find(&mut tx, key, &request_hash).await?
    {
        return match found {
            idempotency::Found::Replay(response) => {
                Ok(([(header::CONTENT_TYPE, "application/json")], response).into_response())
            }
            idempotency::Found::Other => Err(ApiError::problem(
                Problem::new(422, "Idempotency-Key already used")
                    .with_detail("This key was used for a different booking; send a new key.")
                    .with_field("Idempotency-Key", "was used for a different request"),
            )),
        };
    }

    let agenda = public_agenda(&state, &mut tx, agenda_id).await?;
    let ty = find_type(&mut tx, agenda_id, request.type_id).await?;
    // An archived type (or one only staff book) is not the widget's, even
    // when a page still shows it.
    if !ty.public {
        return Err(ApiError::problem(
            Problem::new(404, "No such appointment type")
                .with_detail("This appointment type can no longer be booked online.")
                .with_field("type_id", "is not an appointment type of this agenda"),
        ));
    }
    let fields = agenda::fields(&mut tx, ty.info.id).await?;
    // Only the type's own questions are kept.
    request
        .fields
        .retain(|k, _| fields.iter().any(|f| &f.key == k));
    let mut errors = validate::booking(&request, &fields);
    let start = DateTime::parse_from_rfc3339(&request.start).map(|s| s.with_timezone(&Utc));
    if start.is_err() {
        errors.insert("start".into(), FieldError::Required);
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let start = start.expect("checked above");
    let lang = Lang::parse(request.language.as_deref());
    let client_hash = bookings::client_hash(client);
    if agenda.info.requires_confirmation {
        too_many_pending(&mut tx, &state, &request.email, &client_hash).await?;
    }
    if agenda.vendor.is_some() {
        // Nothing written yet: the vendor's answer is awaited without the
        // database's write lock (the booking lock keeps requests in turn).
        tx.rollback().await?;
        let placed = VendorBooking {
            state: &state,
            agenda: &agenda,
            ty: &ty,
            request: &request,
            start,
            lang,
            client_hash,
            key: key.as_deref(),
            request_hash: &request_hash,
        }
        .place()
        .await?;
        return Ok((
            StatusCode::CREATED,
            [(header::CONTENT_TYPE, "application/json")],
            placed,
        )
            .into_response());
    }
    let resource_id = free_resource(
        &mut tx,
        &agenda,
        &ty,
        start,
        request.resource_id.as_deref(),
        "start",
    )
    .await?;

    let fields_json =
        serde_json::to_string(&request.fields).map_err(|e| ApiError::Internal(e.into()))?;
    let created = bookings::insert(
        &mut tx,
        NewBooking {
            agenda_id,
            type_id: ty.info.id,
            resource_id,
            start,
            end: start + Duration::minutes(i64::from(ty.info.duration_min)),
            name: &request.name,
            email: &request.email,
            phone: &request.phone,
            fields: &fields_json,
            language: lang.code(),
            pending: agenda.info.requires_confirmation,
            prospect_id: None,
            client_hash: Some(client_hash),
            remote_id: None,
        },
    )
    .await?;
    let booking = created.booking;
    let token = booking.manage_token.clone().unwrap_or_default();
    let club = club_name(&mut tx, &agenda).await;
    let message = messages::booked(
        lang,
        &club,
        &booking,
        agenda.tz,
        created.code.as_deref(),
        &manage_link(&state, agenda_id, &token, lang),
    );
    outbox::push(
        &mut tx,
        outbox::Outgoing {
            appointment_id: Some(booking.id),
            to: request.email.trim(),
            message: &message,
            // A pending booking's calendar file comes with its confirmation.
            attach_ics: created.code.is_none(),
        },
    )
    .await?;

    let body = serde_json::to_string(&booking).map_err(|e| ApiError::Internal(e.into()))?;
    if let Some(key) = &key {
        idempotency::store(&mut tx, key, &request_hash, booking.id, &body).await?;
    }
    tx.commit().await?;
    state.outbox_ready.notify_one();
    state.availability_changed(agenda_id);
    tracing::info!(booking_id = booking.id, agenda_id, "booked");
    Ok((
        StatusCode::CREATED,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response())
}

/// A booking in an agenda a vendor keeps: checked against the vendor's
/// availability as it is now (the same check as the local store's), placed
/// at the vendor, then recorded beside it (the manage link's token, the
/// messages, the idempotency answer). The vendor sends its own code.
struct VendorBooking<'a> {
    state: &'a SharedState,
    agenda: &'a Agenda,
    ty: &'a agenda::AppointmentType,
    request: &'a BookingRequest,
    start: DateTime<Utc>,
    lang: Lang,
    client_hash: String,
    key: Option<&'a str>,
    request_hash: &'a str,
}

impl VendorBooking<'_> {
    /// The answer's body (the booking, with its manage token).
    async fn place(self) -> Result<String, ApiError> {
        let state = self.state;
        let connector = state.connectors.bookings.clone().ok_or_else(|| {
            ApiError::from(crate::connectors::ConnectorError::NotSupported {
                connector: state.connectors.agendas.connector(),
                action: "take bookings (connectors.bookings is not set to it)",
            })
        })?;
        let date = self.start.with_timezone(&self.agenda.tz).date_naive();
        let av = state
            .connectors
            .agendas
            .availability(self.agenda, self.ty, date, date, Utc::now())
            .await?;
        let free = frontdesk_core::slots::is_bookable(
            &av,
            &self.start,
            self.request.resource_id.as_deref(),
        )
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("availability for a booking: {e}")))?
        .ok_or_else(|| {
            // The grid the booker saw was older than the vendor's state.
            state.availability_changed(self.agenda.info.id);
            super::slot_check::slot_taken("start")
        })?;
        let mut db = conn(state).await?;
        let remote_of = |local: &str| {
            let local = local.to_owned();
            async move {
                sqlx::query_scalar::<_, Option<String>>(
                    "SELECT remote_id FROM resources WHERE id = ?",
                )
                .bind(local.parse::<i64>().unwrap_or(-1))
                .fetch_optional(&state.db)
                .await
                .map(Option::flatten)
            }
        };
        let chosen = match self.request.resource_id.as_deref() {
            Some(r) => remote_of(r).await?,
            None => None,
        };
        let placed = connector
            .place(
                self.agenda,
                self.ty,
                self.request,
                self.start,
                chosen.as_deref(),
            )
            .await?;
        let local_resource: Option<i64> = match &placed.resource {
            Some(remote) => {
                sqlx::query_scalar("SELECT id FROM resources WHERE agenda_id = ? AND remote_id = ?")
                    .bind(self.agenda.info.id)
                    .bind(remote)
                    .fetch_optional(&mut *db)
                    .await?
            }
            None => None,
        };
        let resource_id = local_resource
            .or_else(|| free.first().and_then(|r| r.parse().ok()))
            .ok_or_else(|| super::slot_check::slot_taken("start"))?;
        drop(db);
        let fields_json = serde_json::to_string(&self.request.fields)
            .map_err(|e| ApiError::Internal(e.into()))?;
        let mut tx = crate::store::begin_write(&state.db).await?;
        let created = bookings::insert(
            &mut tx,
            NewBooking {
                agenda_id: self.agenda.info.id,
                type_id: self.ty.info.id,
                resource_id,
                start: self.start,
                end: self.start + Duration::minutes(i64::from(self.ty.info.duration_min)),
                name: &self.request.name,
                email: &self.request.email,
                phone: &self.request.phone,
                fields: &fields_json,
                language: self.lang.code(),
                pending: placed.pending,
                prospect_id: None,
                client_hash: Some(self.client_hash),
                remote_id: Some(placed.remote_id),
            },
        )
        .await?;
        let booking = created.booking;
        if !placed.pending {
            // Confirmed at once: Frontdesk's message with the manage link
            // and the calendar file. (A pending one: the vendor sent the code.)
            let token = booking.manage_token.clone().unwrap_or_default();
            let club = club_name(&mut tx, self.agenda).await;
            let message = messages::booked(
                self.lang,
                &club,
                &booking,
                self.agenda.tz,
                None,
                &manage_link(state, self.agenda.info.id, &token, self.lang),
            );
            outbox::push(
                &mut tx,
                outbox::Outgoing {
                    appointment_id: Some(booking.id),
                    to: self.request.email.trim(),
                    message: &message,
                    attach_ics: true,
                },
            )
            .await?;
        }
        let body = serde_json::to_string(&booking).map_err(|e| ApiError::Internal(e.into()))?;
        if let Some(key) = self.key {
            idempotency::store(&mut tx, key, self.request_hash, booking.id, &body).await?;
        }
        tx.commit().await?;
        state.outbox_ready.notify_one();
        state.availability_changed(self.agenda.info.id);
        tracing::info!(
            booking_id = booking.id,
            connector = connector.connector(),
            "booked at the vendor"
        );
        Ok(body)
    }
}

/// Refuses a booking that would wait for its code while too many others
/// from the same email or the same client already do (429, with when the
/// oldest of them is released).
async fn too_many_pending(
    db: &mut SqliteConnection,
    state: &SharedState,
    email: &str,
    client_hash: &str,
) -> Result<(), ApiError> {
    let limits = state.settings.booking;
    let (by_email, by_client) =
        bookings::pending_counts(db, email, client_hash, Utc::now()).await?;
    if by_email < i64::from(limits.max_pending_per_email)
        && by_client < i64::from(limits.max_pending_per_client)
    {
        return Ok(());
    }
    tracing::info!(by_email, by_client, "booking refused: too many pending");
    let mut problem = Problem::new(429, "Too many bookings waiting for a code")
        .with_type(frontdesk_core::problem::kinds::TOO_MANY_PENDING)
        .with_detail(
            "Several bookings are already waiting for their confirmation code. Confirm one \
             with the code from its message, or try again later: unconfirmed bookings are \
             released after 30 minutes.",
        );
    problem.retry_after_s = Some(60);
    Err(ApiError::problem(problem))
}

fn link_not_valid() -> ApiError {
    ApiError::problem(
        Problem::new(404, "This booking link is not valid")
            .with_detail("Check that the whole link from the message was used."),
    )
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TokenQuery {
    /// The booking's token, from the confirmation message.
    token: String,
}

/// The booking a link's token belongs to, and its agenda.
async fn managed_booking(
    db: &mut SqliteConnection,
    token: &str,
) -> Result<(bookings::Managed, Agenda), ApiError> {
    let managed = bookings::by_token(db, token)
        .await?
        .ok_or_else(link_not_valid)?;
    let agenda = find_agenda(db, managed.booking.agenda_id).await?;
    Ok((managed, agenda))
}

/// `GET /public/bookings/manage?token=`: the booking behind a link.
#[utoipa::path(
    get,
    path = "/public/bookings/manage",
    operation_id = "manage_booking",
    tag = "public",
    params(TokenQuery),
    responses(
        (status = 200, description = "The booking, and whether it can still be cancelled online.", body = CancelAnswer),
        (status = 404, description = "The token is not a booking's.", body = Problem),
    )
)]
pub async fn manage(
    State(state): State<SharedState>,
    ApiQuery(q): ApiQuery<TokenQuery>,
) -> Result<Json<CancelAnswer>, ApiError> {
    let mut db = conn(&state).await?;
    let (mut managed, agenda) = managed_booking(&mut db, &q.token).await?;
    // A vendor's booking may have been cancelled there (by the club, in the
    // vendor's own screens): asked, and kept in step.
    if let (Some(remote), Some(connector)) = (&managed.remote_id, &state.connectors.bookings)
        && managed.booking.status != BookingStatus::Cancelled
    {
        use crate::connectors::bookings::RemoteStatus;
        let gone = matches!(
            connector.status(remote).await?,
            None | Some(RemoteStatus::Cancelled)
        );
        if gone {
            bookings::cancel(&mut db, managed.booking.id).await?;
            managed.booking.status = BookingStatus::Cancelled;
        }
    }
    Ok(Json(cancel_answer(managed.booking, &agenda, Utc::now())))
}

/// `POST /public/bookings/confirm`: the code from the message makes a
/// pending booking approved. Wrong codes are limited.
#[utoipa::path(
    post,
    path = "/public/bookings/confirm",
    operation_id = "confirm_booking",
    tag = "public",
    request_body = ConfirmRequest,
    responses(
        (status = 200, description = "Approved.", body = Booking),
        (status = 404, description = "The token is not a booking's.", body = Problem),
        (status = 409, description = "Cancelled, too late, or too many wrong codes.", body = Problem),
        (status = 422, description = "Wrong code; `errors.code` says how many tries are left.", body = Problem),
    )
)]
pub async fn confirm(
    State(state): State<SharedState>,
    ApiJson(request): ApiJson<ConfirmRequest>,
) -> Result<Json<Booking>, ApiError> {
    let _one_at_a_time = state.booking_lock.lock().await;
    let mut tx = crate::store::begin_write(&state.db).await?;
    let managed = bookings::by_token(&mut tx, &request.token)
        .await?
        .ok_or_else(link_not_valid)?;
    let booking = managed.booking;
    match booking.status {
        BookingStatus::Approved => return Ok(Json(booking)),
        BookingStatus::Cancelled => {
            return Err(ApiError::problem(
                Problem::new(409, "This booking was cancelled")
                    .with_detail("Book a new time in the widget."),
            ));
        }
        BookingStatus::Pending => {}
    }
    if bookings::hold_expired(&managed.created_at, Utc::now()) {
        bookings::cancel(&mut tx, booking.id).await?;
        tx.commit().await?;
        state.availability_changed(booking.agenda_id);
        return Err(ApiError::problem(
            Problem::new(409, "The time to confirm has run out")
                .with_detail("The slot was released. Book again; it only takes a minute."),
        ));
    }
    let code = request.code.trim();
    // A vendor's booking: its code is the vendor's to check.
    let right = match managed.remote_id.clone() {
        Some(remote) => {
            tx.rollback().await?;
            let connector = state.connectors.bookings.clone().ok_or_else(|| {
                ApiError::Internal(anyhow::anyhow!(
                    "a vendor's booking with no bookings connector"
                ))
            })?;
            let right = connector.confirm(&remote, code).await?;
            tx = crate::store::begin_write(&state.db).await?;
            right
        }
        None => managed.code_hash.as_deref() == Some(hash_secret(code).as_str()),
    };
    if right {
        bookings::approve(&mut tx, booking.id).await?;
        let approved = bookings::by_id(&mut tx, booking.id)
            .await?
            .ok_or_else(link_not_valid)?;
        // Now the booking is real: the message with its link and calendar
        // file, which the widget's last step promises.
        let agenda = find_agenda(&mut tx, approved.agenda_id).await?;
        let club = club_name(&mut tx, &agenda).await;
        let message = messages::booked(
            Lang::parse(Some(&managed.language)),
            &club,
            &approved,
            agenda.tz,
            None,
            &manage_link(
                &state,
                agenda.info.id,
                &request.token,
                Lang::parse(Some(&managed.language)),
            ),
        );
        outbox::push(
            &mut tx,
            outbox::Outgoing {
                appointment_id: Some(approved.id),
                to: &managed.email,
                message: &message,
                attach_ics: true,
            },
        )
        .await?;
        tx.commit().await?;
        state.outbox_ready.notify_one();
        state.availability_changed(booking.agenda_id);
        tracing::info!(booking_id = booking.id, "booking confirmed");
        return Ok(Json(approved));
    }
    let left = bookings::wrong_code(&mut tx, booking.id).await?;
    tx.commit().await?;
    if left == 0 {
        // Released here; at the vendor too, so the slot is free again.
        if let (Some(remote), Some(connector)) = (&managed.remote_id, &state.connectors.bookings)
            && let Err(e) = connector.cancel(remote, false).await
        {
            tracing::warn!(booking_id = booking.id, error = %e, "the vendor kept a booking released for wrong codes");
        }
        return Err(ApiError::problem(
            Problem::new(409, "Too many wrong codes")
                .with_detail("The booking was released for safety. Book again to get a new code."),
        ));
    }
    let mut problem = Problem::new(422, "Wrong code")
        .with_type(frontdesk_core::problem::kinds::WRONG_CODE)
        .with_detail(format!(
            "That code is not correct: {left} {} left.",
            if left == 1 { "try" } else { "tries" }
        ))
        .with_field("code", "is not correct");
    problem.tries_left = Some(u32::try_from(left).unwrap_or(0));
    Err(ApiError::problem(problem))
}

/// `POST /public/bookings/code`: a new code for a pending booking, to the
/// same address or a corrected one; the chosen time stays held. Limited:
/// a wait between two sends, and a few sends in all.
#[utoipa::path(
    post,
    path = "/public/bookings/code",
    operation_id = "resend_booking_code",
    tag = "public",
    request_body = ResendCodeRequest,
    responses(
        (status = 200, description = "A new code was sent; the old one no longer works.", body = CodeSent),
        (status = 404, description = "The token is not a booking's.", body = Problem),
        (status = 409, description = "The booking is no longer waiting for a code.", body = Problem),
        (status = 422, description = "The corrected email is not valid.", body = Problem),
        (status = 429, description = "Asked again too soon, or too often (`type` /problems/code-resend-limit).", body = Problem,
            headers(("retry-after" = u64, description = "Seconds to wait."))),
    )
)]
pub async fn resend_code(
    State(state): State<SharedState>,
    ApiJson(request): ApiJson<ResendCodeRequest>,
) -> Result<Json<CodeSent>, ApiError> {
    let email = request.email.as_deref().map(str::trim);
    if let Some(Err(e)) = email.map(validate::email) {
        return Err(ApiError::Validation(
            [("email".to_owned(), e)].into_iter().collect(),
        ));
    }
    let _one_at_a_time = state.booking_lock.lock().await;
    let mut tx = crate::store::begin_write(&state.db).await?;
    let (managed, agenda) = managed_booking(&mut tx, &request.token).await?;
    if managed.remote_id.is_some() {
        return Err(crate::connectors::ConnectorError::NotSupported {
            connector: state.connectors.agendas.connector(),
            action: "send the code again (it sends the code itself)",
        }
        .into());
    }
    let now = Utc::now();
    if managed.booking.status != BookingStatus::Pending
        || bookings::hold_expired(&managed.created_at, now)
    {
        return Err(ApiError::problem(
            Problem::new(409, "This booking is not waiting for a code")
                .with_detail("It was confirmed, cancelled or released. Book again if needed."),
        ));
    }
    let code = match bookings::resend_code(&mut tx, managed.booking.id, email, now).await? {
        Resend::Sent { code } => code,
        Resend::Wait(seconds) => {
            let mut p = Problem::new(429, "Wait a moment before asking again")
                .with_type(frontdesk_core::problem::kinds::CODE_RESEND_LIMIT)
                .with_detail(format!(
                    "A code was just sent. You can ask for another in {seconds} seconds."
                ));
            p.retry_after_s = Some(u32::try_from(seconds).unwrap_or(1));
            return Err(ApiError::problem(p));
        }
        Resend::Exhausted => {
            return Err(ApiError::problem(
                Problem::new(429, "The code was sent as often as allowed")
                    .with_type(frontdesk_core::problem::kinds::CODE_RESEND_LIMIT)
                    .with_detail("Check the address, or book again to start over."),
            ));
        }
    };
    let to = email.unwrap_or(&managed.email).to_owned();
    let booking = bookings::by_id(&mut tx, managed.booking.id)
        .await?
        .ok_or_else(link_not_valid)?;
    let club = club_name(&mut tx, &agenda).await;
    let message = messages::booked(
        Lang::parse(Some(&managed.language)),
        &club,
        &booking,
        agenda.tz,
        Some(&code),
        &manage_link(
            &state,
            agenda.info.id,
            &request.token,
            Lang::parse(Some(&managed.language)),
        ),
    );
    outbox::push(
        &mut tx,
        outbox::Outgoing {
            appointment_id: Some(booking.id),
            to: &to,
            message: &message,
            attach_ics: false,
        },
    )
    .await?;
    let sends: i64 = sqlx::query_scalar("SELECT code_sends FROM appointments WHERE id = ?")
        .bind(booking.id)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    state.outbox_ready.notify_one();
    tracing::info!(booking_id = booking.id, "code sent again");
    Ok(Json(CodeSent {
        email: to,
        sends_left: u32::try_from(bookings::MAX_CODE_SENDS - sends).unwrap_or(0),
    }))
}

/// What the holder of a booking's link may see and do now (not cancelled by
/// this request; `cancel` says so itself).
fn cancel_answer(booking: Booking, agenda: &Agenda, now: DateTime<Utc>) -> CancelAnswer {
    let start = DateTime::parse_from_rfc3339(&booking.start)
        .map(|s| s.with_timezone(&Utc))
        .unwrap_or(now);
    let before = start - Duration::minutes(i64::from(agenda.info.cancel_cutoff_min));
    CancelAnswer {
        cancellable: booking.status != BookingStatus::Cancelled && now <= before,
        cancelled: false,
        cancel_before: local_rfc3339(before, agenda.tz),
        booking,
    }
}

/// `POST /public/bookings/cancel`: with `dry_run`, only says whether the
/// cut-off still allows it.
#[utoipa::path(
    post,
    path = "/public/bookings/cancel",
    operation_id = "cancel_booking",
    tag = "public",
    request_body = CancelRequest,
    responses(
        (status = 200, description = "Cancelled, or with `dry_run` whether it can be.", body = CancelAnswer),
        (status = 404, description = "The token is not a booking's.", body = Problem),
        (status = 409, description = "Already cancelled, or past the cut-off.", body = Problem),
    )
)]
pub async fn cancel(
    State(state): State<SharedState>,
    ApiJson(request): ApiJson<CancelRequest>,
) -> Result<Json<CancelAnswer>, ApiError> {
    let _one_at_a_time = state.booking_lock.lock().await;
    let mut tx = crate::store::begin_write(&state.db).await?;
    let (managed, agenda) = managed_booking(&mut tx, &request.token).await?;
    let mut answer = cancel_answer(managed.booking, &agenda, Utc::now());
    if request.dry_run {
        // A vendor has the last word on how late is too late: asked.
        if let (Some(remote), Some(connector), true) = (
            &managed.remote_id,
            &state.connectors.bookings,
            answer.cancellable,
        ) {
            tx.rollback().await?;
            match connector.cancel(remote, true).await {
                Ok(()) => {}
                Err(crate::connectors::ConnectorError::Refused { .. }) => {
                    answer.cancellable = false
                }
                Err(e) => return Err(e.into()),
            }
        }
        return Ok(Json(answer));
    }
    if answer.booking.status == BookingStatus::Cancelled {
        return Err(ApiError::problem(Problem::new(
            409,
            "This booking is already cancelled",
        )));
    }
    if !answer.cancellable {
        return Err(ApiError::problem(
            Problem::new(409, "Too late to cancel online")
                .with_detail("Please call the club to cancel this appointment."),
        ));
    }
    // A vendor's booking is cancelled there first, by its own rules.
    if let Some(remote) = &managed.remote_id {
        tx.rollback().await?;
        let connector = state.connectors.bookings.clone().ok_or_else(|| {
            ApiError::Internal(anyhow::anyhow!(
                "a vendor's booking with no bookings connector"
            ))
        })?;
        match connector.cancel(remote, false).await {
            Ok(()) => {}
            Err(crate::connectors::ConnectorError::Refused { message, .. }) => {
                return Err(ApiError::problem(
                    Problem::new(409, "Too late to cancel online").with_detail(format!(
                        "{message} Please call the club to cancel this appointment."
                    )),
                ));
            }
            Err(e) => return Err(e.into()),
        }
        tx = crate::store::begin_write(&state.db).await?;
    }
    bookings::cancel(&mut tx, answer.booking.id).await?;
    let booking = bookings::by_id(&mut tx, answer.booking.id)
        .await?
        .ok_or_else(link_not_valid)?;
    let club = club_name(&mut tx, &agenda).await;
    let message = messages::cancelled(
        Lang::parse(Some(&managed.language)),
        &club,
        &booking,
        agenda.tz,
    );
    outbox::push(
        &mut tx,
        outbox::Outgoing {
            appointment_id: Some(booking.id),
            to: &managed.email,
            message: &message,
            attach_ics: false,
        },
    )
    .await?;
    tx.commit().await?;
    state.outbox_ready.notify_one();
    state.availability_changed(booking.agenda_id);
    tracing::info!(booking_id = booking.id, "booking cancelled");
    // A cancelled booking is no longer cancellable; the cut-off stays.
    Ok(Json(CancelAnswer {
        cancelled: true,
        ..cancel_answer(booking, &agenda, Utc::now())
    }))
}

/// `GET /public/bookings/calendar.ics?token=`: the booking as a calendar file.
#[utoipa::path(
    get,
    path = "/public/bookings/calendar.ics",
    operation_id = "booking_calendar_file",
    tag = "public",
    params(TokenQuery),
    responses(
        (status = 200, description = "The booking as an iCalendar file.", body = String, content_type = "text/calendar"),
        (status = 404, description = "The token is not a booking's.", body = Problem),
    )
)]
pub async fn calendar_file(
    State(state): State<SharedState>,
    ApiQuery(q): ApiQuery<TokenQuery>,
) -> Result<Response, ApiError> {
    let mut db = conn(&state).await?;
    let (managed, _) = managed_booking(&mut db, &q.token).await?;
    drop(db);
    let body = calendar_text(&state, managed.booking.id)
        .await?
        .ok_or_else(link_not_valid)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"appointment.ics\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// A booking's calendar file as it stands now (the download, and the file a
/// confirmation message carries).
pub async fn calendar_text(
    state: &SharedState,
    booking_id: i64,
) -> Result<Option<String>, ApiError> {
    let mut db = conn(state).await?;
    let Some(booking) = bookings::by_id(&mut db, booking_id).await? else {
        return Ok(None);
    };
    let agenda = find_agenda(&mut db, booking.agenda_id).await?;
    let club = club_name(&mut db, &agenda).await;
    let host = state
        .settings
        .public_url
        .split("://")
        .nth(1)
        .unwrap_or("frontdesk")
        .trim_end_matches('/')
        .to_owned();
    Ok(Some(crate::ics::booking(&booking, &club, &host)))
}
