//! My account: a person's own password, and signing out everywhere.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use frontdesk_core::model::PasswordChange;
use frontdesk_core::validate::{FieldError, FieldErrors};

use super::error::ApiError;
use super::json::ApiJson;
use super::session::{Staff, expired_cookie};
use crate::SharedState;
use crate::store::{sessions, users};
use frontdesk_core::problem::Problem;

/// `PUT /api/v1/session/password`: the current password first, then the
/// new one. The person's other sessions end (a password changed because
/// it leaked should lock out whoever has it); this one stays.
#[utoipa::path(
    put,
    path = "/session/password",
    operation_id = "change_password",
    tag = "staff",
    security(("session_cookie" = [])),
    request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed; every other session of this account ended."),
        (status = 422, description = "`current_password` is not correct, or `new_password` is too short (10 characters at least) or the same; nothing changed.", body = Problem),
        (status = 503, description = "Too many passwords are being checked at once; nothing changed.", body = Problem),
    )
)]
pub async fn change_password(
    State(state): State<SharedState>,
    staff: Staff,
    ApiJson(body): ApiJson<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    let mut errors = FieldErrors::new();
    if body.current_password.is_empty() {
        errors.insert("current_password".into(), FieldError::Required);
    }
    if let Err(e) = frontdesk_core::validate::password(&body.new_password) {
        errors.insert("new_password".into(), e);
    } else if body.new_password == body.current_password {
        errors.insert("new_password".into(), FieldError::Taken);
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    // The same bounded check as a sign-in: a flood of these cannot take
    // the server's memory either. This browser is signed in, so it may
    // use the place kept for known browsers.
    let Some(permit) = state.password_checks.permit(true).await else {
        return Err(ApiError::problem(
            Problem::new(503, "Busy, try again").with_detail(
                "Too many passwords are being checked at once. Try again in a moment.",
            ),
        ));
    };
    let me = &staff.session.user;
    let checked = users::authenticate(&state.db, permit, &me.email, &body.current_password)
        .await
        .map_err(user_error)?;
    if checked.is_none_or(|u| u.id != me.id) {
        tracing::info!(
            user_id = me.id,
            "password change refused: wrong current password"
        );
        return Err(ApiError::Validation(FieldErrors::from([(
            "current_password".to_owned(),
            FieldError::Incorrect,
        )])));
    }
    users::set_password(&state.db, me.id, &body.new_password)
        .await
        .map_err(user_error)?;
    let ended = sessions::end_all(&state.db, me.id, Some(&staff.token)).await?;
    tracing::info!(
        user_id = me.id,
        other_sessions_ended = ended,
        "password changed"
    );
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /api/v1/sessions`: ends every session of this account, this
/// one included (a phone left somewhere, a shared computer).
#[utoipa::path(
    delete,
    path = "/sessions",
    operation_id = "sign_out_everywhere",
    tag = "staff",
    security(("session_cookie" = [])),
    responses(
        (status = 204, description = "Every session of this account ended; the cookie is cleared.",
            headers(("set-cookie" = String, description = "An expired session cookie."))),
    )
)]
pub async fn sign_out_everywhere(
    State(state): State<SharedState>,
    staff: Staff,
) -> Result<Response, ApiError> {
    let ended = sessions::end_all(&state.db, staff.session.user.id, None).await?;
    tracing::info!(
        user_id = staff.session.user.id,
        ended,
        "signed out everywhere"
    );
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, expired_cookie(&state))],
    )
        .into_response())
}

pub(super) fn user_error(e: users::UserError) -> ApiError {
    use users::UserError as U;
    let field =
        |f: &str, e: FieldError| ApiError::Validation(FieldErrors::from([(f.to_owned(), e)]));
    match e {
        U::Db(e) => e.into(),
        U::Exists => field("email", FieldError::Taken),
        U::Email(e) => field("email", e),
        U::WeakPassword => field("password", FieldError::TooShort),
        U::NotFound => ApiError::NotFound,
        U::LastOwner => {
            ApiError::problem(Problem::new(409, "The club needs an owner").with_detail(
                "This is the club's last active owner: make someone else an owner first.",
            ))
        }
        U::Hash => ApiError::Internal(anyhow::anyhow!("password hashing failed")),
    }
}
