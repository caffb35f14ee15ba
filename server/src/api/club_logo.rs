//! The club's logo (issue #21): owners and managers upload it
//! (`PUT /settings/club/logo`, the image itself as the body) or remove it;
//! the widget shows it from `GET /public/club/logo`.
//!
//! Only PNG, JPEG and WebP, known by their first bytes (`core::logo`): an
//! SVG is a document that can run script on Frontdesk's origin when its
//! URL is opened. The image is served with its own type, `nosniff`, an
//! ETag of its hash, and a URL carrying that hash, so a browser keeps it
//! until the club changes it.

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use frontdesk_core::club::ClubBrand;
use frontdesk_core::logo::{self, LogoError};
use frontdesk_core::problem::Problem;
use frontdesk_core::roles::Action;
use serde::Deserialize;

use super::error::ApiError;
use super::json::{read_body, size_in_words};
use super::query::ApiQuery;
use super::session::Staff;
use crate::SharedState;
use crate::store::club_logo;

/// The 4xx of a file not taken, naming the field `logo` (what the
/// settings page shows beside the file input).
fn refused(status: u16, error: LogoError) -> ApiError {
    let title = match error {
        LogoError::TooLarge => "Logo too large",
        _ => "Not a logo Frontdesk takes",
    };
    let detail = match error {
        LogoError::TooLarge => format!(
            "A logo may be at most {}; save it smaller or as WebP.",
            size_in_words(logo::MAX_LOGO_BYTES)
        ),
        _ => "A logo is a PNG, JPEG or WebP image.".to_owned(),
    };
    ApiError::problem(
        Problem::new(status, title)
            .with_detail(detail)
            .with_field("logo", error.to_string()),
    )
}

/// `PUT /api/v1/settings/club/logo`: the image is the body, its type the
/// Content-Type. Requiring an `image/…` type also keeps cross-site HTML
/// forms out (they cannot send one), as the JSON type does elsewhere.
#[utoipa::path(
    put,
    path = "/settings/club/logo",
    operation_id = "upload_club_logo",
    tag = "staff",
    security(("session_cookie" = [])),
    request_body(content = Vec<u8>, description = "The image: PNG, JPEG or WebP, at most 512 kB.", content_type = "image/png"),
    responses(
        (status = 200, description = "Stored; the widget shows it from its next request (`logo_url`).", body = ClubBrand),
        (status = 403, description = "Only an owner or a manager changes the club's logo (`type` /problems/forbidden).", body = Problem),
        (status = 413, description = "Larger than 512 kB (`errors.logo`); nothing was stored.", body = Problem),
        (status = 415, description = "The Content-Type is not an image type (`errors.logo`).", body = Problem),
        (status = 422, description = "Empty, an SVG, or not a PNG, JPEG or WebP by its first bytes (`errors.logo`); nothing was stored.", body = Problem),
    )
)]
pub async fn upload(
    State(state): State<SharedState>,
    staff: Staff,
    request: Request,
) -> Result<Json<ClubBrand>, ApiError> {
    staff.may(Action::ChangeSettings)?;
    let declared = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let mime = declared.split(';').next().unwrap_or("").trim();
    let is_image = mime
        .get(..6)
        .is_some_and(|p| p.eq_ignore_ascii_case("image/"));
    if !is_image {
        return Err(refused(415, LogoError::NotAnImage));
    }
    let bytes = read_body(request, logo::MAX_LOGO_BYTES)
        .await
        .map_err(|e| match e {
            ApiError::Problem(p) if p.status == 413 => refused(413, LogoError::TooLarge),
            e => e,
        })?;
    let kind = logo::check(&bytes, &declared).map_err(|e| match e {
        LogoError::TooLarge => refused(413, e),
        e => refused(422, e),
    })?;
    club_logo::put(&state.db, kind, &bytes).await?;
    tracing::info!(
        by = staff.session.user.id,
        bytes = bytes.len(),
        kind = kind.content_type(),
        "club logo changed"
    );
    Ok(Json(super::settings::brand_of(&state).await?))
}

/// `DELETE /api/v1/settings/club/logo`
#[utoipa::path(
    delete,
    path = "/settings/club/logo",
    operation_id = "remove_club_logo",
    tag = "staff",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Removed (or there was none); the widget shows the club's name alone.", body = ClubBrand),
        (status = 403, description = "Only an owner or a manager changes the club's logo (`type` /problems/forbidden).", body = Problem),
    )
)]
pub async fn remove(
    State(state): State<SharedState>,
    staff: Staff,
) -> Result<Json<ClubBrand>, ApiError> {
    staff.may(Action::ChangeSettings)?;
    if club_logo::delete(&state.db).await? {
        tracing::info!(by = staff.session.user.id, "club logo removed");
    }
    Ok(Json(super::settings::brand_of(&state).await?))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default, deny_unknown_fields)]
pub struct LogoQuery {
    /// The logo's version, as `logo_url` carries it. With the current one
    /// the answer may be kept for a year; without it (or with an old one),
    /// checked again each time.
    pub v: Option<String>,
}

/// `GET /api/v1/public/club/logo`
#[utoipa::path(
    get,
    path = "/public/club/logo",
    operation_id = "club_logo",
    tag = "public",
    params(LogoQuery),
    responses(
        (status = 200, description = "The logo, with its own Content-Type, `nosniff` and an ETag of its hash.", content_type = "image/png", body = Vec<u8>,
            headers(("etag" = String, description = "The SHA-256 of the image, quoted."))),
        (status = 304, description = "The image the browser holds (`If-None-Match`) is still the logo."),
        (status = 404, description = "The club has no logo.", body = Problem),
    )
)]
pub async fn get(
    State(state): State<SharedState>,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<LogoQuery>,
) -> Result<Response, ApiError> {
    let Some(logo) = club_logo::get(&state.db).await? else {
        return Err(ApiError::problem(
            Problem::new(404, "No logo").with_detail("The club has no logo."),
        ));
    };
    let etag = format!("\"{}\"", logo.hash);
    // The URL names this very image: it never changes under it. Any other
    // request is answered so the browser checks again (a cheap 304).
    let cache = if q.v.as_deref() == Some(club_logo::Logo::version(&logo.hash)) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mut common = HeaderMap::new();
    common.insert(header::ETAG, HeaderValue::from_str(&etag).expect("hex"));
    common.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    common.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if matches(&headers, &logo.hash) {
        return Ok((StatusCode::NOT_MODIFIED, common).into_response());
    }
    common.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(logo.kind.content_type()),
    );
    Ok((common, logo.bytes).into_response())
}

/// Whether `If-None-Match` names this image (weak or strong, in a list,
/// or `*`), RFC 9110 §13.1.2.
fn matches(headers: &HeaderMap, hash: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|tag| {
            tag == "*"
                || tag
                    .strip_prefix("W/")
                    .unwrap_or(tag)
                    .strip_prefix('"')
                    .and_then(|t| t.strip_suffix('"'))
                    == Some(hash)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_is_read_as_rfc_9110_says() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::IF_NONE_MATCH, HeaderValue::from_str(v).unwrap());
            h
        };
        assert!(matches(&with("\"abc\""), "abc"));
        assert!(matches(&with("W/\"abc\""), "abc"));
        assert!(matches(&with("\"x\", \"abc\""), "abc"));
        assert!(matches(&with("*"), "abc"));
        assert!(!matches(&with("\"abcd\""), "abc"));
        assert!(!matches(&with("abc"), "abc"));
        assert!(!matches(&HeaderMap::new(), "abc"));
    }
}
