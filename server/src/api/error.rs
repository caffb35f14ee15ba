//! `ApiError`: every way a request can fail, and how each becomes a problem
//! document. Internal errors are logged with their cause and answered with a
//! generic message: no SQL, path or stack trace ever reaches a client.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use frontdesk_core::problem::{PROBLEM_CONTENT_TYPE, Problem};
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
    Problem(Problem),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        Self::Internal(e.into())
    }
}

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
            Self::Problem(p) => p.clone(),
            Self::Internal(_) => Problem::new(500, "Something went wrong on our side")
                .with_detail("The error was logged. Try again in a moment."),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Internal(cause) = &self {
            tracing::error!(error = %cause, "internal error");
        }
        problem_response(&self.to_problem())
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
    response
}
