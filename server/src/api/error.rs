//! `ApiError`: every way a request can fail, and how each becomes a problem
//! document. Internal errors are logged with their cause and answered with a
//! generic message: no SQL, path or stack trace ever reaches a client.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use frontdesk_core::problem::{PROBLEM_CONTENT_TYPE, Problem, kinds};
use frontdesk_core::validate::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not signed in")]
    Unauthorized,
    #[error("wrong email or password")]
    BadCredentials,
    #[error("not found")]
    NotFound,
    #[error("invalid request body")]
    BadBody {
        field: Option<String>,
        message: String,
    },
    #[error("invalid fields")]
    Validation(FieldErrors),
    #[error("invalid query: {0}")]
    BadQuery(String),
    /// A problem with its own words (a slot taken meanwhile, a wrong code…).
    #[error("{}", .0.title)]
    Problem(Box<Problem>),
    /// The database stayed locked for the whole busy timeout (another
    /// process holding it, a backup): nothing was written, and the same
    /// request can simply be sent again.
    #[error("the database is busy: {0}")]
    Busy(sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    /// A problem with its own words (boxed: most results carry no error,
    /// and a `Problem` is large).
    pub fn problem(problem: Problem) -> Self {
        Self::Problem(Box::new(problem))
    }
}

/// A vendor's failure as the person reads it: which system, what happened,
/// and what they can do. Never the vendor's address, token or raw answer.
impl From<crate::connectors::ConnectorError> for ApiError {
    fn from(e: crate::connectors::ConnectorError) -> Self {
        use crate::connectors::ConnectorError as C;
        let nothing_saved = "Nothing was saved; what you typed is still here.";
        let system = e.system().map(crate::connectors::display_name);
        let p = match e {
            C::Store(e) => return e.into(),
            C::Invalid(errors) => return Self::Validation(errors),
            C::NotFound => return Self::NotFound,
            C::NotSupported { connector, action } => {
                let system = crate::connectors::display_name(connector);
                Problem::new(501, format!("Not possible with {system}"))
                    .with_type(kinds::NOT_SUPPORTED)
                    .with_detail(format!(
                        "{system} cannot {action} through Frontdesk; do it in {system} itself."
                    ))
            }
            C::Unreachable { system, .. } => {
                let mut p = Problem::new(503, format!("{system} cannot be reached"))
                    .with_type(kinds::VENDOR_UNAVAILABLE)
                    .with_detail(format!("{nothing_saved} Try again in a moment."));
                p.retry_after_s = Some(5);
                p
            }
            C::RateLimited {
                system,
                retry_after,
            } => {
                let wait = retry_after.map_or(10, |d| d.as_secs().max(1));
                let mut p = Problem::new(503, format!("{system} asks Frontdesk to slow down"))
                    .with_type(kinds::VENDOR_UNAVAILABLE)
                    .with_detail(format!("{nothing_saved} Try again in {wait} seconds."));
                p.retry_after_s = Some(u32::try_from(wait).unwrap_or(u32::MAX));
                p
            }
            C::VendorFailed { system, .. } => Problem::new(502, format!("{system} had a problem"))
                .with_type(kinds::VENDOR_UNAVAILABLE)
                .with_detail(format!("{nothing_saved} Try again in a moment.")),
            C::Unauthorized { system } => {
                Problem::new(502, format!("{system} refused Frontdesk's credentials"))
                    .with_type(kinds::VENDOR_UNAVAILABLE)
                    .with_detail(format!(
                        "{nothing_saved} Ask whoever set up Frontdesk to check the connection \
                         (`frontdesk-server check-config`)."
                    ))
            }
            C::Refused {
                system,
                message,
                field,
            } => {
                // The detail is the vendor's own words, as it said them (the
                // title says the rest: refused, so nothing was saved).
                let p = Problem::new(
                    422,
                    format!("{system} refused the change; nothing was saved"),
                )
                .with_type(kinds::VENDOR_REFUSED)
                .with_detail(message.clone());
                match field {
                    Some(f) => p.with_field(f, message),
                    None => p,
                }
            }
            C::Malformed { system, field } => Problem::new(
                502,
                format!("{system} answered something Frontdesk cannot read"),
            )
            .with_type(kinds::VENDOR_UNAVAILABLE)
            .with_detail(format!(
                "The answer's `{field}` was not as expected. If you were saving, check \
                         the record before trying again."
            )),
            C::Conflict { current } => {
                let p = Problem::new(409, "Changed meanwhile")
                    .with_type(kinds::CHANGED_MEANWHILE)
                    .with_detail(
                        "Someone changed this record since you opened it; nothing was \
                         overwritten. Check their change, then save yours again.",
                    );
                match current {
                    Some(c) => p.with_current(c),
                    None => p,
                }
            }
        };
        let mut p = p;
        p.system = system.map(str::to_owned);
        Self::problem(p)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        if is_busy(&e) {
            Self::Busy(e)
        } else {
            Self::Internal(e.into())
        }
    }
}

/// SQLITE_BUSY or SQLITE_LOCKED, extended codes included (the primary code
/// is the low byte).
fn is_busy(e: &sqlx::Error) -> bool {
    const SQLITE_BUSY: i32 = 5;
    const SQLITE_LOCKED: i32 = 6;
    e.as_database_error()
        .and_then(|d| d.code())
        .and_then(|c| c.parse::<i32>().ok())
        .is_some_and(|c| matches!(c & 0xff, SQLITE_BUSY | SQLITE_LOCKED))
}

/// How long a client should wait before sending a request the database
/// was too busy for again.
const BUSY_RETRY_AFTER_S: &str = "1";

impl ApiError {
    pub fn to_problem(&self) -> Problem {
        match self {
            Self::Unauthorized => Problem::new(401, "Not signed in")
                .with_detail("Sign in to continue; your session may have expired."),
            Self::BadCredentials => Problem::new(401, "Wrong email or password")
                .with_detail("The email address or password is not correct."),
            Self::NotFound => Problem::new(404, "Not found"),
            Self::BadBody { field, message } => {
                let p = Problem::new(422, "Invalid request body").with_detail(message.clone());
                match field {
                    Some(f) => p.with_field(f.clone(), message.clone()),
                    None => p,
                }
            }
            Self::Validation(errors) => {
                let mut p =
                    Problem::new(422, "Invalid input").with_detail("Some fields need attention.");
                for (field, e) in errors {
                    p = p.with_field(field.clone(), e.to_string());
                }
                p
            }
            Self::BadQuery(message) => {
                Problem::new(400, "Invalid query").with_detail(message.clone())
            }
            Self::Problem(p) => p.as_ref().clone(),
            Self::Busy(_) => Problem::new(503, "Busy, try again").with_detail(
                "Too much was being saved at once; nothing was saved. Try again in a moment.",
            ),
            Self::Internal(_) => Problem::new(500, "Something went wrong on our side")
                .with_detail("The error was logged. Try again in a moment."),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = problem_response(&self.to_problem());
        match &self {
            Self::Internal(cause) => tracing::error!(error = %cause, "internal error"),
            Self::Busy(cause) => {
                tracing::warn!(error = %cause, "database busy, answered 503");
                response.headers_mut().insert(
                    header::RETRY_AFTER,
                    HeaderValue::from_static(BUSY_RETRY_AFTER_S),
                );
            }
            _ => {}
        }
        response
    }
}

pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).unwrap_or_default();
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(PROBLEM_CONTENT_TYPE),
    );
    if let Some(wait) = problem.retry_after_s {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait.max(1)));
    }
    response
}
