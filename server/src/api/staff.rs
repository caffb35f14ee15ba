//! The team: `GET /api/v1/staff` for everyone (owner pickers, filters),
//! adding and changing accounts for owners and managers (issue #21).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use frontdesk_core::model::{NewStaff, StaffChange, StaffUser};
use frontdesk_core::problem::Problem;
use frontdesk_core::roles::{Action, Role};
use frontdesk_core::validate::{self, FieldErrors};

use super::account::user_error;
use super::error::ApiError;
use super::json::ApiJson;
use super::session::{Staff, forbidden};
use crate::SharedState;
use crate::store::users;

#[utoipa::path(
    get,
    path = "/staff",
    operation_id = "list_staff",
    tag = "staff",
    security(("session_cookie" = [])),
    responses((status = 200, description = "Every member of staff, deactivated accounts included (`active`: false), by name.", body = Vec<StaffUser>))
)]
pub async fn list(
    State(state): State<SharedState>,
    _staff: Staff,
) -> Result<Json<Vec<StaffUser>>, ApiError> {
    Ok(Json(users::list(&state.db).await?))
}

/// `POST /api/v1/staff`: a new account with a first password.
#[utoipa::path(
    post,
    path = "/staff",
    operation_id = "add_staff",
    tag = "staff",
    security(("session_cookie" = [])),
    request_body = NewStaff,
    responses(
        (status = 201, description = "Added; the person signs in with this email and password.", body = StaffUser),
        (status = 403, description = "Only an owner or a manager adds staff, and only an owner adds an owner.", body = Problem),
        (status = 422, description = "`email` is missing, malformed or already has an account, or `password` is shorter than 10 characters; nothing was added.", body = Problem),
    )
)]
pub async fn add(
    State(state): State<SharedState>,
    staff: Staff,
    ApiJson(body): ApiJson<NewStaff>,
) -> Result<(StatusCode, Json<StaffUser>), ApiError> {
    let mut errors = check_newcomer(&staff, body.role, &body.email, &body.name)?;
    if let Err(e) = validate::password(&body.password) {
        errors.insert("password".into(), e);
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let user = users::create(
        &state.db,
        &body.email,
        &body.name,
        body.role,
        &body.password,
    )
    .await
    .map_err(user_error)?;
    tracing::info!(
        by = staff.session.user.id,
        user_id = user.id,
        role = user.role.as_str(),
        "staff added"
    );
    Ok((StatusCode::CREATED, Json(user)))
}

/// What adding someone and inviting them share: whether `staff` may give
/// `role` (403 if not), then the newcomer's email and name, as field errors
/// the caller adds its own to.
pub(super) fn check_newcomer(
    staff: &Staff,
    role: Role,
    email: &str,
    name: &str,
) -> Result<FieldErrors, ApiError> {
    staff.may(Action::ManageStaff)?;
    if !staff.role().may_manage(role) {
        return Err(forbidden(Action::ManageOwners, staff.role()));
    }
    let mut errors = FieldErrors::new();
    if let Err(e) = validate::email(email) {
        errors.insert("email".into(), e);
    }
    if name.trim().chars().count() > validate::MAX_TEXT_LEN {
        errors.insert("name".into(), validate::FieldError::TooLong);
    }
    Ok(errors)
}

/// `PATCH /api/v1/staff/{id}`: another role, or (de)activated.
#[utoipa::path(
    patch,
    path = "/staff/{id}",
    operation_id = "change_staff",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The staff account.")),
    request_body = StaffChange,
    responses(
        (status = 200, description = "Changed; a deactivated account's sessions ended.", body = StaffUser),
        (status = 403, description = "Only an owner or a manager changes staff, and only an owner changes an owner or makes one.", body = Problem),
        (status = 404, description = "No such account.", body = Problem),
        (status = 409, description = "Your own account (another owner or manager changes it), or the club's last active owner.", body = Problem),
    )
)]
pub async fn change(
    State(state): State<SharedState>,
    staff: Staff,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<StaffChange>,
) -> Result<Json<StaffUser>, ApiError> {
    staff.may(Action::ManageStaff)?;
    let current = users::get(&state.db, id).await?.ok_or(ApiError::NotFound)?;
    let me = staff.role();
    if !me.may_manage(current.role) || body.role.is_some_and(|r| !me.may_manage(r)) {
        return Err(forbidden(Action::ManageOwners, me));
    }
    if id == staff.session.user.id && body != StaffChange::default() {
        return Err(ApiError::problem(
            Problem::new(409, "Not your own account").with_detail(
                "You cannot change your own role or deactivate yourself: another owner or \
                 manager does that.",
            ),
        ));
    }
    let user = users::change(&state.db, id, body.role, body.active)
        .await
        .map_err(user_error)?;
    tracing::info!(
        by = staff.session.user.id,
        user_id = id,
        role = user.role.as_str(),
        active = user.active,
        "staff changed"
    );
    Ok(Json(user))
}
