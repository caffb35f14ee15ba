//! `GET /api/v1/embed`: which sites may embed the booking widget, so the
//! Booking page can say it (a site not on the list sees a plain link
//! instead of the widget, and the club should know why).

use axum::Json;
use axum::extract::State;
use frontdesk_core::model::EmbedSettings;

use super::session::Staff;
use crate::SharedState;

#[utoipa::path(
    get,
    path = "/embed",
    operation_id = "get_embed_settings",
    tag = "staff",
    security(("session_cookie" = [])),
    responses((status = 200, description = "The origins allowed to frame the widget.", body = EmbedSettings))
)]
pub async fn settings(State(state): State<SharedState>, _staff: Staff) -> Json<EmbedSettings> {
    Json(EmbedSettings {
        allowed_origins: state.settings.embed_origins.clone(),
        config_key: "embed.allowed_origins".to_owned(),
    })
}
