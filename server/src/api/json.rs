//! `ApiJson<T>`: a JSON body extractor whose failures are problem documents
//! that name the offending field (`serde_path_to_error`), never a 500, and
//! a body over the route's limit a 413 that says what the limit is.

use axum::extract::{FromRequest, Request};
use axum::http::header;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use super::error::ApiError;
use frontdesk_core::problem::Problem;

/// The most bytes a JSON body may have unless its route says otherwise
/// (`ApiJson<T, MAX>`): 2 MiB, axum's own default, which the largest bulk
/// change (`prospects::MAX_BULK` ids) fits.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// A body over its limit is still read to its end, up to this many bytes,
/// before the 413 goes out: a server that answers and closes while the
/// client is still sending makes the client's TCP stack reset the
/// connection, and the client may never see the answer. A larger body (by
/// its Content-Length, or once this much has come) is cut off.
pub const DRAIN_MAX_BYTES: usize = 64 * 1024 * 1024;

/// A JSON body of at most `MAX` bytes.
pub struct ApiJson<T, const MAX: usize = MAX_BODY_BYTES>(pub T);

/// Whether a Content-Type names JSON: `application/json` or any `+json`
/// type, compared without regard to case (media types are case-insensitive,
/// RFC 9110 §8.3.1), parameters such as `charset` aside.
pub fn is_json(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    mime.eq_ignore_ascii_case("application/json")
        || mime
            .get(mime.len().saturating_sub(5)..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case("+json"))
}

/// `n` bytes in words: "2 MB", "16 MB", "512 kB" (binary multiples, as
/// the limits are).
pub fn size_in_words(n: usize) -> String {
    if n >= 1024 * 1024 && n.is_multiple_of(1024 * 1024) {
        format!("{} MB", n / (1024 * 1024))
    } else if n >= 1024 * 1024 {
        format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} kB", n.div_ceil(1024))
    }
}

/// The 413 of a body over `max` bytes.
pub fn too_large(max: usize) -> ApiError {
    ApiError::problem(Problem::new(413, "Too large").with_detail(format!(
        "The request's body is larger than {}, the most this request takes.",
        size_in_words(max)
    )))
}

impl<S: Send + Sync, T: DeserializeOwned, const MAX: usize> FromRequest<S> for ApiJson<T, MAX> {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        // Requiring the JSON media type also keeps cross-site HTML forms out:
        // they cannot send it without a CORS preflight.
        if !is_json(content_type) {
            return Err(ApiError::BadBody {
                field: None,
                message: "The body must be JSON (Content-Type: application/json).".to_owned(),
            });
        }
        let bytes = read_body(req, MAX).await?;
        parse(&bytes).map(ApiJson)
    }
}

/// The whole body, or a 413 when it is over `max` bytes (read to its end
/// first when that is at most [`DRAIN_MAX_BYTES`]).
pub(crate) async fn read_body(req: Request, max: usize) -> Result<Vec<u8>, ApiError> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > DRAIN_MAX_BYTES as u64) {
        return Err(too_large(max));
    }
    let unreadable = |e: axum::Error| ApiError::BadBody {
        field: None,
        message: format!("The body could not be read: {e}"),
    };
    let mut body = req.into_body().into_data_stream();
    let capacity = declared.map_or(0, |n| (n as usize).min(max));
    let mut bytes = Vec::with_capacity(capacity);
    let mut seen = 0usize;
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(unreadable)?;
        seen = seen.saturating_add(chunk.len());
        if seen > DRAIN_MAX_BYTES {
            return Err(too_large(max));
        }
        if seen <= max {
            bytes.extend_from_slice(&chunk);
        } else if !bytes.is_empty() {
            // Over the limit: what was kept is of no use any more.
            bytes = Vec::new();
        }
    }
    if seen > max {
        return Err(too_large(max));
    }
    Ok(bytes)
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
    fn json_media_types_in_any_case() {
        for yes in [
            "application/json",
            "APPLICATION/JSON",
            "Application/Json; charset=UTF-8",
            " application/json ;charset=utf-8",
            "application/problem+json",
            "application/merge-patch+JSON",
        ] {
            assert!(is_json(yes), "{yes}");
        }
        for no in [
            "",
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/jsonp",
            "json",
            "multipart/form-data; boundary=x+json",
        ] {
            assert!(!is_json(no), "{no}");
        }
    }

    #[test]
    fn sizes_in_words() {
        assert_eq!(size_in_words(MAX_BODY_BYTES), "2 MB");
        assert_eq!(size_in_words(16 * 1024 * 1024), "16 MB");
        assert_eq!(size_in_words(1536 * 1024), "1.5 MB");
        assert_eq!(size_in_words(512 * 1024), "512 kB");
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
