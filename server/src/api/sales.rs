//! Sales steps (staff): the plan, where a prospect stands with its history,
//! and choosing a result, which may book a tour or a trial lesson in the
//! agenda, re-checked exactly like a booking from the widget.

use axum::Json;
use axum::extract::{Path, State};
use chrono::{DateTime, Duration, Utc};
use frontdesk_core::model::{
    AppointmentSlot, Prospect, ProspectSales, SalesAction, SalesResult, SalesResultRequest,
    SalesStep,
};
use frontdesk_core::problem::Problem;
use frontdesk_core::sales::{self, ResultRule, SalesFieldError};
use serde::Deserialize;
use sqlx::SqliteConnection;

use super::error::ApiError;
use super::json::ApiJson;
use super::query::ApiQuery;
use super::session::Staff;
use super::slot_check::{find_agenda, find_type, free_resource, slot_taken};
use crate::SharedState;
use crate::connectors::ConnectorError;
use crate::connectors::sales::{VendorAppointment, VendorChoice, VendorSales};
use crate::store::bookings::{self, NewBooking};
use crate::store::sales::{self as store, Entry, ProspectChange};
use crate::store::{appointments, now_rfc3339, prospects};

/// Labels come in the language asked for (`nl`, `fr`, `en`), English when
/// absent.
#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields, default)]
pub struct LangQuery {
    /// `nl`, `fr` or `en` (a longer tag like `nl-BE` is cut to its language).
    lang: Option<String>,
}

fn no_such_prospect() -> ApiError {
    ApiError::problem(
        Problem::new(404, "No such prospect").with_detail("It may have been deleted."),
    )
}

fn invalid(fields: Vec<(&'static str, SalesFieldError)>) -> ApiError {
    let mut p = Problem::new(422, "Invalid input").with_detail("Some fields need attention.");
    for (field, e) in fields {
        p = p.with_field(field, e.to_string());
    }
    ApiError::problem(p)
}

/// `GET /api/v1/sales/steps?lang=`
#[utoipa::path(
    get,
    path = "/sales/steps",
    operation_id = "list_sales_steps",
    tag = "staff",
    security(("session_cookie" = [])),
    params(LangQuery),
    responses((status = 200, description = "The sales plan: every step with its results, in order.", body = Vec<SalesStep>))
)]
pub async fn steps(
    State(state): State<SharedState>,
    _staff: Staff,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> Result<Json<Vec<SalesStep>>, ApiError> {
    if let Some(vendor) = &state.connectors.sales {
        // A vendor shows a prospect's current step, not its whole plan.
        return Err(ConnectorError::NotSupported {
            connector: vendor.connector(),
            action: "list its sales plan",
        }
        .into());
    }
    let mut db = state.db.acquire().await?;
    let lang = sales::language(q.lang.as_deref());
    Ok(Json(store::plan(&mut db, lang).await?))
}

async fn prospect_sales(
    db: &mut SqliteConnection,
    prospect_id: i64,
    lang: &str,
) -> Result<ProspectSales, ApiError> {
    let current = match store::current_step_id(db, prospect_id).await? {
        Some(id) => store::step(db, id, lang).await?,
        None => None,
    };
    Ok(ProspectSales {
        prospect_id,
        current,
        history: store::history(db, prospect_id, lang).await?,
    })
}

/// `GET /api/v1/prospects/{id}/sales?lang=`
#[utoipa::path(
    get,
    path = "/prospects/{id}/sales",
    operation_id = "get_prospect_sales",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The prospect's id."), LangQuery),
    responses(
        (status = 200, description = "The current step and the history, newest first.", body = ProspectSales),
        (status = 404, description = "No such prospect.", body = Problem),
    )
)]
pub async fn get(
    State(state): State<SharedState>,
    _staff: Staff,
    Path(id): Path<i64>,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> Result<Json<ProspectSales>, ApiError> {
    let lang = sales::language(q.lang.as_deref());
    if let Some(vendor) = &state.connectors.sales {
        let remote = remote_prospect(&state, vendor.connector(), id).await?;
        return Ok(Json(ProspectSales {
            prospect_id: id,
            current: vendor.current(&remote, lang).await?,
            history: Vec::new(),
        }));
    }
    let mut db = state.db.acquire().await?;
    prospects::get(&mut db, id)
        .await?
        .ok_or_else(no_such_prospect)?;
    Ok(Json(prospect_sales(&mut db, id, lang).await?))
}

/// `POST /api/v1/prospects/{id}/sales?lang=`: records the result chosen at
/// the current step and moves the prospect on, booking the appointment the
/// result asks for. All of it or nothing, in one transaction; the booking
/// lock keeps a slot from being given twice, and two people from choosing
/// for the same prospect at once.
#[utoipa::path(
    post,
    path = "/prospects/{id}/sales",
    operation_id = "choose_sales_result",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The prospect's id."), LangQuery),
    request_body = SalesResultRequest,
    responses(
        (status = 200, description = "Recorded; where the prospect stands now.", body = ProspectSales),
        (status = 404, description = "No such prospect, agenda or appointment type.", body = Problem),
        (status = 409, description = "The slot was taken meanwhile; nothing was recorded.", body = Problem),
        (status = 422, description = "Not a result of the current step, or the appointment does not fit it; `errors` names the field.", body = Problem),
    )
)]
pub async fn choose(
    State(state): State<SharedState>,
    staff: Staff,
    Path(id): Path<i64>,
    ApiQuery(q): ApiQuery<LangQuery>,
    ApiJson(request): ApiJson<SalesResultRequest>,
) -> Result<Json<ProspectSales>, ApiError> {
    let lang = sales::language(q.lang.as_deref());
    if let Some(vendor) = &state.connectors.sales {
        return choose_at_vendor(&state, vendor.as_ref(), &staff, id, &request, lang)
            .await
            .map(Json);
    }
    let _one_at_a_time = state.booking_lock.lock().await;
    let mut tx = crate::store::begin_write(&state.db).await?;
    let prospect = prospects::get(&mut tx, id)
        .await?
        .ok_or_else(no_such_prospect)?;
    let not_here = |why: &str| {
        ApiError::problem(
            Problem::new(422, "Not a result of the current step")
                .with_detail(format!("Reload the prospect: {why}."))
                .with_field("result_id", why),
        )
    };
    let step_id = store::current_step_id(&mut tx, id)
        .await?
        .ok_or_else(|| not_here("the sales process of this prospect has ended"))?;
    let result = store::result_at(&mut tx, step_id, request.result_id, lang)
        .await?
        .ok_or_else(|| not_here("is not a result of the prospect's current step"))?;
    let errors = sales::check_request(
        ResultRule {
            action: result.action,
            appointment_type_id: result.appointment_type_id,
        },
        &request,
    );
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    let appointment_id = match (result.action, &request.appointment) {
        (SalesAction::BookAppointment, Some(slot)) => {
            Some(book(&mut tx, &prospect, &result, slot, lang).await?)
        }
        _ => None,
    };

    let now = now_rfc3339();
    store::record(
        &mut tx,
        Entry {
            prospect_id: id,
            step_id,
            result_id: result.id,
            employee_id: staff.session.user.id,
            note: request.note.as_deref().unwrap_or(""),
            appointment_id,
            created_at: &now,
        },
    )
    .await?;
    let next = sales::next_step(result.action, result.next_step_id);
    store::move_to(&mut tx, id, next, &now).await?;
    let next_action = match result.callback_days {
        Some(days) => Some((
            callback_text(&mut tx, next, &result, lang).await?,
            club_today(&mut tx).await?,
            days,
        )),
        None => None,
    };
    store::change_prospect(
        &mut tx,
        id,
        ProspectChange {
            status: result.set_status.as_deref(),
            next_action: next_action.as_ref().map(|(text, today, days)| {
                (
                    text.as_str(),
                    sales::callback_due(*today, *days).to_string(),
                )
            }),
        },
        &now,
    )
    .await?;
    let answer = prospect_sales(&mut tx, id, lang).await?;
    tx.commit().await?;
    tracing::info!(
        prospect_id = id,
        result_id = result.id,
        ?appointment_id,
        "sales result"
    );
    Ok(Json(answer))
}

/// The vendor's id of a prospect mirrored from it.
async fn remote_prospect(
    state: &SharedState,
    connector: &str,
    id: i64,
) -> Result<String, ApiError> {
    let mut db = state.db.acquire().await?;
    crate::store::mirror::by_id(&mut db, connector, id)
        .await?
        .map(|m| m.remote_id)
        .ok_or_else(no_such_prospect)
}

/// A result chosen at a vendor's sales process: checked against the step
/// the vendor says the prospect is at, the appointment it books checked
/// like the desk's own (its length, a time), then sent. The vendor has the
/// last word: its refusal is the person's answer, and nothing is recorded
/// here.
async fn choose_at_vendor(
    state: &SharedState,
    vendor: &dyn VendorSales,
    staff: &Staff,
    id: i64,
    request: &SalesResultRequest,
    lang: &str,
) -> Result<ProspectSales, ApiError> {
    let remote = remote_prospect(state, vendor.connector(), id).await?;
    let not_here = |why: &str| {
        ApiError::problem(
            Problem::new(422, "Not a result of the current step")
                .with_detail(format!("Reload the prospect: {why}."))
                .with_field("result_id", why),
        )
    };
    let step = vendor
        .current(&remote, lang)
        .await?
        .ok_or_else(|| not_here("the sales process of this prospect has ended"))?;
    let result = step
        .results
        .iter()
        .find(|r| r.id == request.result_id)
        .ok_or_else(|| not_here("is not a result of the prospect's current step"))?;
    let errors = sales::check_request(
        ResultRule {
            action: result.action,
            appointment_type_id: result.appointment_type_id,
        },
        request,
    );
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    let appointment = match (&request.appointment, result.agenda_id) {
        (Some(slot), Some(agenda_id)) => {
            let mut db = state.db.acquire().await?;
            let agenda = find_agenda(&mut db, agenda_id).await?;
            let ty = find_type(&mut db, agenda_id, slot.type_id).await?;
            if !sales::slot_length_ok(&slot.start, &slot.end, ty.info.duration_min) {
                return Err(invalid(vec![(
                    "appointment.end",
                    SalesFieldError::WrongEnd,
                )]));
            }
            let start = DateTime::parse_from_rfc3339(&slot.start)
                .map(|s| s.with_timezone(&Utc))
                .map_err(|_| invalid(vec![("appointment.start", SalesFieldError::NotATime)]))?;
            Some(VendorAppointment {
                agenda,
                ty,
                start,
                resource_id: slot.resource_id.clone(),
            })
        }
        _ => None,
    };
    let books = appointment.is_some();
    let booked_in = appointment.as_ref().map(|a| a.agenda.info.id);
    let choice = VendorChoice {
        remote_prospect: &remote,
        result_id: result.id,
        note: request.note.as_deref().unwrap_or(""),
        by: &staff.session.user.email,
        appointment,
    };
    let current = match vendor.choose(choice, lang).await {
        Ok(current) => current,
        // Taken at the vendor meanwhile (or the coach is not its).
        Err(ConnectorError::Conflict { .. }) if books => {
            return Err(slot_taken("appointment.start"));
        }
        Err(ConnectorError::NotFound) if books => {
            return Err(ApiError::problem(
                Problem::new(422, "Invalid input")
                    .with_detail("Some fields need attention.")
                    .with_field("appointment.resource_id", "is not a coach of this calendar"),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(agenda) = booked_in {
        state.availability_changed(agenda);
    }
    tracing::info!(
        prospect_id = id,
        result_id = request.result_id,
        books,
        "sales result at the vendor"
    );
    Ok(ProspectSales {
        prospect_id: id,
        current,
        history: Vec::new(),
    })
}

/// The next action a callback sets: the step that awaits the prospect, or
/// the result itself when the process ended.
async fn callback_text(
    db: &mut SqliteConnection,
    next: Option<i64>,
    result: &SalesResult,
    lang: &str,
) -> Result<String, ApiError> {
    let step = match next {
        Some(id) => store::step(db, id, lang).await?,
        None => None,
    };
    Ok(step.map_or_else(|| result.label.clone(), |s| s.name))
}

async fn club_today(db: &mut SqliteConnection) -> Result<chrono::NaiveDate, ApiError> {
    let tz = appointments::club_timezone(db).await?;
    Ok(Utc::now().with_timezone(&tz).date_naive())
}

/// Books the picked slot for the prospect, approved at once (staff booked
/// it with the person on the phone), after the same check as the widget's.
async fn book(
    db: &mut SqliteConnection,
    prospect: &Prospect,
    result: &SalesResult,
    slot: &AppointmentSlot,
    lang: &str,
) -> Result<i64, ApiError> {
    let agenda_id = result.agenda_id.ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!(
            "sales result {} books no agenda",
            result.id
        ))
    })?;
    let agenda = find_agenda(db, agenda_id).await?;
    let ty = find_type(db, agenda_id, slot.type_id).await?;
    if !sales::slot_length_ok(&slot.start, &slot.end, ty.info.duration_min) {
        return Err(invalid(vec![(
            "appointment.end",
            SalesFieldError::WrongEnd,
        )]));
    }
    let start = DateTime::parse_from_rfc3339(&slot.start)
        .map(|s| s.with_timezone(&Utc))
        .map_err(|_| invalid(vec![("appointment.start", SalesFieldError::NotATime)]))?;
    let resource_id = free_resource(
        db,
        &agenda,
        &ty,
        start,
        slot.resource_id.as_deref(),
        "appointment.start",
    )
    .await?;
    let p = &prospect.fields;
    let name = format!("{} {}", p.first_name.trim(), p.last_name.trim());
    let phone = if p.mobile.trim().is_empty() {
        &p.phone
    } else {
        &p.mobile
    };
    let language = if sales::LANGUAGES.contains(&p.language.as_str()) {
        p.language.as_str()
    } else {
        lang
    };
    let created = bookings::insert(
        db,
        NewBooking {
            agenda_id,
            type_id: ty.info.id,
            resource_id,
            start,
            end: start + Duration::minutes(i64::from(ty.info.duration_min)),
            name: name.trim(),
            email: &p.email,
            phone,
            fields: "{}",
            language,
            pending: false,
            prospect_id: Some(prospect.id),
            client_hash: None,
            remote_id: None,
        },
    )
    .await?;
    Ok(created.booking.id)
}
