//! Staff login, the current session and logout, and the `Staff` extractor
//! that guards every staff route.

use axum::Json;
use axum::extract::{FromRef, FromRequestParts, OptionalFromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse, Response};
use frontdesk_core::model::{LoginRequest, SessionInfo, StaffUser};
use std::time::Duration;

use super::client::ClientAddr;
use super::error::{ApiError, problem_response};
use super::json::ApiJson;
use crate::SharedState;
use crate::secrets::hash_secret;
use crate::store::{sessions, users};
use crate::throttle::Subject;
use frontdesk_core::problem::Problem;
use frontdesk_core::roles::{Action, Role};

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

impl Staff {
    pub fn role(&self) -> Role {
        self.session.user.role
    }

    /// `Ok` when this person's role may do `action`, else the 403 that
    /// says who may.
    pub fn may(&self, action: Action) -> Result<(), ApiError> {
        if self.role().may(action) {
            Ok(())
        } else {
            Err(forbidden(action, self.role()))
        }
    }
}

/// The 403 for a role that may not do `action`, naming the role and who
/// may: a person asking "why can I not" gets the answer from the message.
pub fn forbidden(action: Action, role: Role) -> ApiError {
    tracing::info!(role = role.as_str(), ?action, "refused by role");
    ApiError::problem(
        Problem::new(403, "Not allowed for your role")
            .with_type(frontdesk_core::problem::kinds::FORBIDDEN)
            .with_detail(format!(
                "Only {} may {}; you are signed in as {}.",
                action.who_may(),
                action.in_words(),
                role.as_str()
            )),
    )
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    cookie_value(headers, COOKIE)
}

fn cookie_value(headers: &HeaderMap, cookie: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == cookie)
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

/// The session cookie, expired: the browser forgets it.
pub fn expired_cookie(state: &SharedState) -> HeaderValue {
    cookie_header(state, "", 0)
}

/// The device cookie (OWASP "device cookies"): set at each sign-in, sent
/// back only to sign in, it marks this browser as one the account signed in
/// from before. Such a browser keeps its own count of wrong passwords, so
/// strangers guessing the account's password do not lock it out.
pub const DEVICE_COOKIE: &str = "frontdesk_device";

fn device_cookie_header(state: &SharedState, token: &str) -> HeaderValue {
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let max_age = sessions::DEVICE_DAYS * 24 * 3600;
    HeaderValue::from_str(&format!(
        "{DEVICE_COOKIE}={token}; Path=/api/v1/session; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    .expect("cookie value is base64url")
}

/// A refusal to try now: a problem document with `Retry-After`.
/// The wait is also in the document (`retry_after_s`), for the sign-in
/// page to say in the person's language.
fn try_later(status: u16, title: &str, detail: String, wait: Duration) -> Response {
    let mut problem = Problem::new(status, title).with_detail(detail);
    let seconds = wait.as_secs_f64().ceil().max(1.0) as u64;
    problem.retry_after_s = Some(u32::try_from(seconds).unwrap_or(u32::MAX));
    problem_response(&problem)
}

/// "45 seconds", "1 minute", "8 minutes": a wait, rounded up.
fn in_words(wait: Duration) -> String {
    let seconds = wait.as_secs_f64().ceil().max(1.0) as u64;
    match seconds {
        1 => "1 second".to_owned(),
        2..60 => format!("{seconds} seconds"),
        _ => match seconds.div_ceil(60) {
            1 => "1 minute".to_owned(),
            minutes => format!("{minutes} minutes"),
        },
    }
}

/// How long a client refused for a busy password check should wait.
const BUSY_RETRY_AFTER: Duration = Duration::from_secs(2);

/// `POST /api/v1/session`
///
/// Limits, in order (issue #17): tries per client address (unless the
/// browser is one the account signed in from before), tries per account
/// (counted before the check: strangers' and each known browser's apart,
/// paused for longer after each wrong password past the limit), and the
/// password checks running at once (a short queue, then 503).
#[utoipa::path(
    post,
    path = "/session",
    operation_id = "login",
    tag = "staff",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; the session cookie is set, and the device cookie that marks this browser as one the account signed in from.", body = SessionInfo,
            headers(("set-cookie" = String, description = "The session cookie, then the device cookie."))),
        (status = 401, description = "Wrong email or password.", body = Problem),
        (status = 422, description = "The email or the password is missing or malformed.", body = Problem),
        (status = 429, description = "Too many wrong passwords for this email (from this browser, if it signed in to the account before): paused for a while, longer after each further wrong password; or too many sign-ins tried from this address.", body = Problem,
            headers(("retry-after" = u64, description = "Seconds to wait."))),
        (status = 503, description = "Too many passwords are being checked at once; nothing was checked.", body = Problem,
            headers(("retry-after" = u64, description = "Seconds to wait."))),
    )
)]
pub async fn login(
    State(state): State<SharedState>,
    client: ClientAddr,
    headers: HeaderMap,
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
    let device = cookie_value(&headers, DEVICE_COOKIE);
    let known = match &device {
        Some(token) => sessions::known_device(&state.db, token, &body.email).await?,
        None => false,
    };
    let (address, subject) = match &device {
        Some(token) if known => (None, Subject::device(&hash_secret(token), &body.email)),
        _ => match state.address_limiter.take(client.limit_key()) {
            Ok(key) => (Some(key), Subject::email(&body.email)),
            Err(wait) => {
                tracing::info!("sign-in refused: too many tries from this address");
                return Ok(try_later(
                    429,
                    "Too many sign-in attempts",
                    format!(
                        "Too many sign-ins were tried from this network. Try again in {}.",
                        in_words(wait)
                    ),
                    wait,
                ));
            }
        },
    };
    let attempt = match state.login_throttle.reserve(subject) {
        Ok(attempt) => attempt,
        Err(wait) => {
            tracing::info!(known_device = known, "sign-in refused: paused");
            return Ok(try_later(
                429,
                "Too many wrong passwords",
                format!(
                    "Sign-in for this email is paused. Try again in {}.",
                    in_words(wait)
                ),
                wait,
            ));
        }
    };
    let Some(permit) = state.password_checks.permit(known).await else {
        // Nothing was checked: the tries are handed back.
        drop(attempt);
        if let Some(key) = address {
            state.address_limiter.give_back(key);
        }
        tracing::info!("sign-in refused: the password checks are all busy");
        return Ok(try_later(
            503,
            "Busy, try again",
            "Too many sign-ins are being checked at once. Try again in a moment.".to_owned(),
            BUSY_RETRY_AFTER,
        ));
    };
    let user = users::authenticate(&state.db, permit, &body.email, &body.password)
        .await
        .map_err(|e| match e {
            users::UserError::Db(e) => ApiError::from(e),
            e => ApiError::Internal(e.into()),
        })?;
    let Some(user) = user else {
        attempt.failed();
        tracing::info!(known_device = known, "login refused");
        return Err(ApiError::BadCredentials);
    };
    attempt.succeeded();
    if let Some(key) = address {
        state.address_limiter.give_back(key);
    }
    tracing::info!(user_id = user.id, known_device = known, "signed in");
    signed_in(&state, &headers, user).await
}

/// Signs `user` in: a new session, and this browser remembered as one the
/// account signed in from; both cookies, and who is signed in. After a
/// password check, or an invitation used (`invitations::accept`).
pub(crate) async fn signed_in(
    state: &SharedState,
    headers: &HeaderMap,
    user: StaffUser,
) -> Result<Response, ApiError> {
    let device = cookie_value(headers, DEVICE_COOKIE);
    let new = sessions::create(&state.db, user).await?;
    let device = sessions::remember_device(&state.db, device.as_deref(), new.info.user.id).await?;
    let cookie = cookie_header(state, &new.token, sessions::SESSION_HOURS * 3600);
    Ok((
        AppendHeaders([
            (header::SET_COOKIE, cookie),
            (header::SET_COOKIE, device_cookie_header(state, &device)),
        ]),
        Json(new.info),
    )
        .into_response())
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
    let cookie = expired_cookie(&state);
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}
