//! Staff login, the current session and logout, and the `Staff` extractor
//! that guards every staff route.

use axum::Json;
use axum::extract::{FromRef, FromRequestParts, OptionalFromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use frontdesk_core::model::{LoginRequest, SessionInfo};

use super::error::{ApiError, problem_response};
use super::json::ApiJson;
use crate::SharedState;
use crate::store::{sessions, users};
use frontdesk_core::problem::Problem;

pub const COOKIE: &str = "frontdesk_session";

/// A signed-in member of staff. Taking it as an argument makes a handler a
/// staff route: without a valid session the request is answered with 401.
pub struct Staff {
    pub session: SessionInfo,
    pub token: String,
}

impl<S> FromRequestParts<S> for Staff
where
    SharedState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = SharedState::from_ref(state);
        let token = cookie_token(&parts.headers).ok_or(ApiError::Unauthorized)?;
        let session = sessions::find(&state.db, &token)
            .await?
            .ok_or(ApiError::Unauthorized)?;
        Ok(Staff { session, token })
    }
}

/// `Option<Staff>`, for the app's own pages, which anyone may load: `None`
/// without a valid session (or when the store cannot tell), never a refusal.
impl<S> OptionalFromRequestParts<S> for Staff
where
    SharedState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(
            <Staff as FromRequestParts<S>>::from_request_parts(parts, state)
                .await
                .ok(),
        )
    }
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|v| !v.is_empty())
}

fn cookie_header(state: &SharedState, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    .expect("cookie value is base64url")
}

/// `POST /api/v1/session`
#[utoipa::path(
    post,
    path = "/session",
    operation_id = "login",
    tag = "staff",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; the session cookie is set.", body = SessionInfo,
            headers(("set-cookie" = String, description = "The session cookie."))),
        (status = 401, description = "Wrong email or password.", body = Problem),
        (status = 422, description = "The email or the password is missing or malformed.", body = Problem),
        (status = 429, description = "Too many wrong passwords for this email: paused for a while.", body = Problem,
            headers(("retry-after" = u64, description = "Seconds to wait."))),
    )
)]
pub async fn login(
    State(state): State<SharedState>,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let mut errors = frontdesk_core::validate::FieldErrors::new();
    if let Err(e) = frontdesk_core::validate::email(&body.email) {
        errors.insert("email".into(), e);
    }
    if let Err(e) = frontdesk_core::validate::required(&body.password) {
        errors.insert("password".into(), e);
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    if let Some(wait) = state.login_throttle.locked_for(&body.email) {
        let minutes = wait.as_secs().div_ceil(60).max(1);
        let problem = Problem::new(429, "Too many wrong passwords").with_detail(format!(
            "Sign-in for this email is paused. Try again in {minutes} minutes."
        ));
        let mut response = problem_response(&problem);
        response.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from(wait.as_secs().max(1)),
        );
        return Ok(response);
    }
    let user = users::authenticate(&state.db, &body.email, &body.password)
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    let Some(user) = user else {
        state.login_throttle.failed(&body.email);
        tracing::info!("login refused");
        return Err(ApiError::BadCredentials);
    };
    state.login_throttle.succeeded(&body.email);
    let new = sessions::create(&state.db, user).await?;
    tracing::info!(user_id = new.info.user.id, "signed in");
    let cookie = cookie_header(&state, &new.token, sessions::SESSION_HOURS * 3600);
    Ok(([(header::SET_COOKIE, cookie)], Json(new.info)).into_response())
}

/// `GET /api/v1/session`
#[utoipa::path(
    get,
    path = "/session",
    operation_id = "current_session",
    tag = "staff",
    security(("session_cookie" = [])),
    responses((status = 200, description = "Who is signed in, until when.", body = SessionInfo))
)]
pub async fn current(staff: Staff) -> Json<SessionInfo> {
    Json(staff.session)
}

/// `DELETE /api/v1/session`: ends the session server-side, so a copied
/// cookie is worthless afterwards.
#[utoipa::path(
    delete,
    path = "/session",
    operation_id = "logout",
    tag = "staff",
    security(("session_cookie" = [])),
    responses(
        (status = 204, description = "Signed out; the cookie is cleared.",
            headers(("set-cookie" = String, description = "An expired session cookie."))),
    )
)]
pub async fn logout(State(state): State<SharedState>, staff: Staff) -> Result<Response, ApiError> {
    sessions::delete(&state.db, &staff.token).await?;
    let cookie = cookie_header(&state, "", 0);
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}
