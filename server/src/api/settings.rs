//! `GET/PUT /api/v1/settings/club`: the club's name, time zone, languages
//! and colour. Anyone on the staff reads them; only an owner or a manager
//! changes them (issue #21).

use axum::Json;
use axum::extract::State;
use frontdesk_core::club::{self, ClubBrand, ClubSettings};
use frontdesk_core::problem::Problem;
use frontdesk_core::roles::Action;
use frontdesk_core::validate::FieldError;

use super::error::ApiError;
use super::json::ApiJson;
use super::session::Staff;
use crate::SharedState;
use crate::store;

#[utoipa::path(
    get,
    path = "/settings/club",
    operation_id = "club_settings",
    tag = "staff",
    security(("session_cookie" = [])),
    responses((status = 200, description = "The club's settings.", body = ClubSettings))
)]
pub async fn get(
    State(state): State<SharedState>,
    _staff: Staff,
) -> Result<Json<ClubSettings>, ApiError> {
    Ok(Json(store::club::get(&state.db).await?))
}

#[utoipa::path(
    put,
    path = "/settings/club",
    operation_id = "change_club_settings",
    tag = "staff",
    security(("session_cookie" = [])),
    request_body = ClubSettings,
    responses(
        (status = 200, description = "Stored; the widget shows them from its next request. The club's own agendas follow its time zone.", body = ClubSettings),
        (status = 403, description = "Only an owner or a manager changes the club's settings (`type` /problems/forbidden).", body = Problem),
        (status = 422, description = "A field is missing or not allowed (`errors` names each); nothing was stored.", body = Problem),
    )
)]
pub async fn put(
    State(state): State<SharedState>,
    staff: Staff,
    ApiJson(body): ApiJson<ClubSettings>,
) -> Result<Json<ClubSettings>, ApiError> {
    staff.may(Action::ChangeSettings)?;
    let mut errors = club::check(&body);
    if !errors.contains_key("time_zone") && body.time_zone.trim().parse::<chrono_tz::Tz>().is_err()
    {
        errors.insert("time_zone".into(), FieldError::NotAllowed);
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    for agenda in store::club::put(&state.db, &body).await? {
        state.availability_changed(agenda);
    }
    tracing::info!(by = staff.session.user.id, "club settings changed");
    Ok(Json(store::club::get(&state.db).await?))
}

/// `GET /api/v1/public/club`: the club as the booking widget shows it
/// (its name, colours and languages), and nothing else of its settings.
#[utoipa::path(
    get,
    path = "/public/club",
    operation_id = "club_brand",
    tag = "public",
    responses((status = 200, description = "The club's name, colours (text on them readable), languages and its logo's URL.", body = ClubBrand))
)]
pub async fn brand(State(state): State<SharedState>) -> Result<Json<ClubBrand>, ApiError> {
    Ok(Json(brand_of(&state).await?))
}

/// The club as the widget shows it, its logo's URL included.
pub async fn brand_of(state: &SharedState) -> Result<ClubBrand, ApiError> {
    let mut brand = ClubBrand::of(&store::club::get(&state.db).await?);
    brand.logo_url = store::club_logo::hash(&state.db)
        .await?
        .map(|h| store::club_logo::url(&h));
    Ok(brand)
}

/// `POST /api/v1/settings/connections/check`: each capability's system
/// tried now, as `check-config` does, the verdict in words.
#[utoipa::path(
    post,
    path = "/settings/connections/check",
    operation_id = "check_connections",
    tag = "staff",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Every capability with its system and the verdict of a harmless read (credentials, address, answer); never a secret.", body = Vec<frontdesk_core::model::ConnectionCheck>),
        (status = 403, description = "Only an owner or a manager checks the connections.", body = Problem),
    )
)]
pub async fn check_connections(
    State(state): State<SharedState>,
    staff: Staff,
) -> Result<Json<Vec<frontdesk_core::model::ConnectionCheck>>, ApiError> {
    staff.may(Action::ChangeSettings)?;
    let lines = crate::connectors::check_all(&state.settings, &state.connectors).await;
    Ok(Json(
        lines
            .into_iter()
            .map(|l| frontdesk_core::model::ConnectionCheck {
                capability: l.capability,
                connector: l.connector,
                ok: l.ok,
                verdict: l.verdict,
            })
            .collect(),
    ))
}
