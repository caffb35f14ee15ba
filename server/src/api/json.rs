//! `ApiJson<T>`: a JSON body extractor whose failures are problem documents
//! that name the offending field (`serde_path_to_error`), never a 500.

use axum::extract::{FromRequest, Request};
use axum::http::header;
use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::error::ApiError;

pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|mime| {
                let mime = mime.trim();
                mime == "application/json" || mime.ends_with("+json")
            })
            .unwrap_or(false);
        // Requiring the JSON media type also keeps cross-site HTML forms out:
        // they cannot send it without a CORS preflight.
        if !is_json {
            return Err(ApiError::BadBody {
                field: None,
                message: "The body must be JSON (Content-Type: application/json).".to_owned(),
            });
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::BadBody {
                field: None,
                message: format!("The body could not be read: {}", e.body_text()),
            })?;
        parse(&bytes).map(ApiJson)
    }
}

/// Parses a body, turning serde's error into a field name and a message.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let message = inner.to_string();
        let parent = (path != "." && !path.is_empty()).then_some(path);
        let field = match (parent, unknown_field_name(&message)) {
            (Some(p), Some(name)) if p == name || p.ends_with(&format!(".{name}")) => Some(p),
            (Some(p), Some(name)) => Some(format!("{p}.{name}")),
            (None, Some(name)) => Some(name.to_owned()),
            (p, None) => p,
        };
        let message = strip_position(&message);
        ApiError::BadBody { field, message }
    })
}

/// serde reports "unknown field `x`, expected ..." and "missing field `x`"
/// at the parent's path; the field itself is only in the message.
fn unknown_field_name(message: &str) -> Option<&str> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("missing field `"))?;
    rest.split('`').next()
}

/// serde_json appends " at line 1 column 17"; a person needs no columns.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontdesk_core::model::LoginRequest;

    fn field_of(body: &str) -> (Option<String>, String) {
        match parse::<LoginRequest>(body.as_bytes()) {
            Err(ApiError::BadBody { field, message }) => (field, message),
            other => panic!("expected a body error, got {:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn names_the_field() {
        assert_eq!(
            field_of(r#"{"email": 3, "password": "x"}"#).0.as_deref(),
            Some("email")
        );
        assert_eq!(
            field_of(r#"{"email": "a@b.be", "password": "x", "role": "admin"}"#)
                .0
                .as_deref(),
            Some("role")
        );
        let (field, message) = field_of(r#"{"email": "a@b.be"}"#);
        assert_eq!(field.as_deref(), Some("password"));
        assert!(message.contains("password"), "{message}");
        let (_, message) = field_of("{not json");
        assert!(!message.contains("line"), "{message}");
    }
}
