//! A vendor answer before it becomes an HTTP response, so the fault layer can
//! cut its body short (`malformed`) or replace it.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

pub const JSON: &str = "application/json; charset=utf-8";
pub const XML: &str = "application/xml; charset=utf-8";
pub const TEXT_XML: &str = "text/xml; charset=UTF-8";
pub const TEXT: &str = "text/plain; charset=utf-8";

impl Reply {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    pub fn json<T: Serialize + ?Sized>(value: &T) -> Reply {
        let body = serde_json::to_vec(value).expect("wire types serialize");
        Reply::new(200, JSON, body)
    }

    pub fn text(status: u16, text: &str) -> Reply {
        Reply::new(status, TEXT, text.as_bytes().to_vec())
    }

    pub fn with_status(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }

    pub fn header(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }

    /// The body cut in half (at least one byte shorter), under HTTP 200: what
    /// a connection dropped mid-answer or a broken proxy looks like.
    pub fn truncated(mut self) -> Reply {
        let keep = (self.body.len() / 2).min(self.body.len().saturating_sub(1));
        self.body.truncate(keep);
        self.status = 200;
        self
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut response = Response::new(Body::from(self.body));
        *response.status_mut() =
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        for (name, value) in self.headers {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(name, value);
            }
        }
        response
    }
}
