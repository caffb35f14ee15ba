//! `PUT /agendas/{id}/hours`: a coach's or room's weekly opening hours,
//! replaced whole (staff). The widget's availability follows at once. An
//! agenda a vendor keeps has its weekly hours there: no vendor's API
//! offers to change them, so the answer says where to do it.

use axum::Json;
use axum::extract::{Path, State};
use frontdesk_core::hours::{MAX_SPANS, WeeklyHours, check_week};
use frontdesk_core::model::AgendaBlock;
use frontdesk_core::problem::{Problem, kinds};
use frontdesk_core::roles::Action;
use frontdesk_core::validate::{FieldError, FieldErrors};

use super::desk::resource_of;
use super::error::ApiError;
use super::json::ApiJson;
use super::session::Staff;
use super::slot_check::find_agenda;
use crate::SharedState;
use crate::store::begin_write;
use crate::store::desk::{self as rows, LogEntry};

#[utoipa::path(
    put,
    path = "/agendas/{id}/hours",
    operation_id = "replace_weekly_hours",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The agenda.")),
    request_body = WeeklyHours,
    responses(
        (status = 200, description = "The week as stored.", body = Vec<AgendaBlock>),
        (status = 403, description = "Only an owner or a manager changes the opening hours (`type` /problems/forbidden).", body = Problem),
        (status = 422, description = "A span is wrong; `errors` names it (`hours[2].end`).", body = Problem,
            content_type = "application/problem+json"),
        (status = 501, description = "A vendor keeps this agenda's weekly hours.", body = Problem,
            content_type = "application/problem+json"),
    )
)]
pub async fn replace(
    State(state): State<SharedState>,
    staff: Staff,
    Path(agenda_id): Path<i64>,
    ApiJson(req): ApiJson<WeeklyHours>,
) -> Result<Json<Vec<AgendaBlock>>, ApiError> {
    // The week the widget offers is the club's booking setup: a date's own
    // blocks stay the desk's, its opening hours are not.
    staff.may(Action::ChangeSettings)?;
    let mut db = state.db.acquire().await?;
    let agenda = find_agenda(&mut db, agenda_id).await?;
    if let Some(vendor) = agenda.vendor.as_deref() {
        let system = crate::connectors::display_name(vendor);
        return Err(ApiError::problem(
            Problem::new(501, format!("Not possible with {system}"))
                .with_type(kinds::NOT_SUPPORTED)
                .with_detail(format!(
                    "{system} keeps this agenda's weekly hours and its API cannot change them; \
                     change them in {system}. A date's extra hours can be added here."
                )),
        ));
    }
    if req.hours.len() > MAX_SPANS {
        return Err(ApiError::Validation(FieldErrors::from([(
            "hours".to_owned(),
            FieldError::TooMany,
        )])));
    }
    let week = check_week(&req.hours).map_err(|errors| {
        let mut p = Problem::new(422, "Invalid input").with_detail("Some hours need attention.");
        for (field, e) in errors {
            p = p.with_field(field, e.to_string());
        }
        ApiError::problem(p)
    })?;
    let resource = match req.resource_id.as_deref() {
        Some(r) => Some(resource_of(&mut db, &agenda, r).await?.0),
        None => None,
    };
    drop(db);
    let summary = week
        .iter()
        .map(|s| {
            format!(
                "{} {}-{}",
                s.weekday,
                frontdesk_core::calendar::wall_text(s.start),
                frontdesk_core::calendar::wall_text(s.end)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut tx = begin_write(&state.db).await?;
    let blocks = rows::replace_weekly(&mut tx, agenda_id, resource, &week).await?;
    rows::log(
        &mut tx,
        LogEntry {
            agenda_id,
            appointment_id: None,
            staff_user_id: staff.session.user.id,
            action: "weekly_hours",
            overridden: None,
            reason: Some(if summary.is_empty() {
                "closed"
            } else {
                &summary
            }),
        },
    )
    .await?;
    tx.commit().await?;
    state.availability_changed(agenda_id);
    Ok(Json(blocks))
}
