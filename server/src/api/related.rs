//! `/api/v1/prospects/{id}/related` (staff): what the system that keeps a
//! prospect holds beside it (`model::Related`), for the drawer: read it,
//! add, edit, delete and reorder its records where that system allows, and
//! assign or remove the prospect's owner there. Asked of
//! `state.connectors.related`, always the system that serves prospects;
//! what it cannot do is a 501, and the drawer shows nothing for it.

use axum::Json;
use axum::extract::{Path, State};
use frontdesk_core::model::{Related, RelatedInput, RelatedKind, RelatedOrder, RelatedOwnerInput};
use frontdesk_core::problem::Problem;
use frontdesk_core::related::{self, Check};
use frontdesk_core::validate::{FieldError, FieldErrors};

use super::error::ApiError;
use super::json::ApiJson;
use super::session::Staff;
use crate::SharedState;
use crate::connectors::ConnectorError;
use crate::connectors::related::WRITE;

fn kind(name: &str) -> Result<RelatedKind, ApiError> {
    RelatedKind::parse(name).ok_or_else(|| {
        ApiError::problem(Problem::new(404, "No such section").with_detail(
            "Sections are leads, opportunities, contacts, addresses, events and activities.",
        ))
    })
}

/// A vendor's "not found" here is the prospect's or the item's; either
/// way the drawer's copy is out of date.
fn gone(e: ConnectorError) -> ApiError {
    match e {
        ConnectorError::NotFound => ApiError::problem(
            Problem::new(404, "Not found")
                .with_detail("The prospect or this record is gone; open the prospect again."),
        ),
        other => other.into(),
    }
}

/// The input checked against the section's form before anything is sent.
fn checked(
    state: &SharedState,
    kind: RelatedKind,
    input: &RelatedInput,
    mode: Check,
) -> Result<(), ApiError> {
    let related = &state.connectors.related;
    let fields = related.fields(kind).ok_or_else(|| related.cannot(WRITE))?;
    let errors = related::check(&fields, input, mode);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

#[utoipa::path(
    get,
    path = "/prospects/{id}/related",
    operation_id = "get_prospect_related",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The prospect's id.")),
    responses(
        (status = 200, description = "What the system that keeps the prospect holds beside it, \
            read from it now: sections of records (Overplane: child leads and opportunities in \
            its order; AlphaAlpha: the enriched customer's contacts, addresses, opportunities \
            with their payment schedule, recent activities and events) and its owner there. \
            Frontdesk's own store: no sections.", body = Related),
        (status = 404, description = "No such prospect.", body = Problem),
        (status = 501, description = "The system keeping the prospects shows nothing beside \
            them through Frontdesk (`type` /problems/not-supported).", body = Problem),
    )
)]
pub async fn get(
    State(state): State<SharedState>,
    _staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<Related>, ApiError> {
    Ok(Json(
        state.connectors.related.related(id).await.map_err(gone)?,
    ))
}

#[utoipa::path(
    post,
    path = "/prospects/{id}/related/{kind}",
    operation_id = "create_prospect_related",
    tag = "staff",
    security(("session_cookie" = [])),
    params(
        ("id" = i64, Path, description = "The prospect's id."),
        ("kind" = String, Path, description = "The section: `leads`, `opportunities`, …"),
    ),
    request_body = RelatedInput,
    responses(
        (status = 200, description = "Added; everything beside the prospect as it is now.", body = Related),
        (status = 404, description = "No such prospect or section.", body = Problem),
        (status = 422, description = "Some fields are not valid; `errors` names each.", body = Problem),
        (status = 501, description = "Records of this kind cannot be added there.", body = Problem),
    )
)]
pub async fn create(
    State(state): State<SharedState>,
    staff: Staff,
    Path((id, kind_name)): Path<(i64, String)>,
    ApiJson(input): ApiJson<RelatedInput>,
) -> Result<Json<Related>, ApiError> {
    let _writing = state.session_writes.writing(&staff.token).await;
    let kind = kind(&kind_name)?;
    checked(&state, kind, &input, Check::Create)?;
    Ok(Json(
        state
            .connectors
            .related
            .create(id, kind, &input)
            .await
            .map_err(gone)?,
    ))
}

#[utoipa::path(
    patch,
    path = "/prospects/{id}/related/{kind}/{item}",
    operation_id = "update_prospect_related",
    tag = "staff",
    security(("session_cookie" = [])),
    params(
        ("id" = i64, Path, description = "The prospect's id."),
        ("kind" = String, Path, description = "The section."),
        ("item" = String, Path, description = "The record's id in that system."),
    ),
    request_body = RelatedInput,
    responses(
        (status = 200, description = "Saved: only what changed was sent; everything beside \
            the prospect as it is now.", body = Related),
        (status = 404, description = "No such prospect, section or record.", body = Problem),
        (status = 422, description = "Some fields are not valid; `errors` names each.", body = Problem),
        (status = 501, description = "Records of this kind cannot be changed there.", body = Problem),
    )
)]
pub async fn update(
    State(state): State<SharedState>,
    staff: Staff,
    Path((id, kind_name, item)): Path<(i64, String, String)>,
    ApiJson(input): ApiJson<RelatedInput>,
) -> Result<Json<Related>, ApiError> {
    let _writing = state.session_writes.writing(&staff.token).await;
    let kind = kind(&kind_name)?;
    checked(&state, kind, &input, Check::Edit)?;
    Ok(Json(
        state
            .connectors
            .related
            .update(id, kind, &item, &input)
            .await
            .map_err(gone)?,
    ))
}

#[utoipa::path(
    delete,
    path = "/prospects/{id}/related/{kind}/{item}",
    operation_id = "delete_prospect_related",
    tag = "staff",
    security(("session_cookie" = [])),
    params(
        ("id" = i64, Path, description = "The prospect's id."),
        ("kind" = String, Path, description = "The section."),
        ("item" = String, Path, description = "The record's id in that system."),
    ),
    responses(
        (status = 200, description = "Deleted (or already gone there); everything beside the \
            prospect as it is now.", body = Related),
        (status = 404, description = "No such prospect or section.", body = Problem),
        (status = 501, description = "Records of this kind cannot be deleted there.", body = Problem),
    )
)]
pub async fn delete(
    State(state): State<SharedState>,
    staff: Staff,
    Path((id, kind_name, item)): Path<(i64, String, String)>,
) -> Result<Json<Related>, ApiError> {
    let _writing = state.session_writes.writing(&staff.token).await;
    let kind = kind(&kind_name)?;
    Ok(Json(
        state
            .connectors
            .related
            .delete(id, kind, &item)
            .await
            .map_err(gone)?,
    ))
}

#[utoipa::path(
    put,
    path = "/prospects/{id}/related/{kind}/order",
    operation_id = "reorder_prospect_related",
    tag = "staff",
    security(("session_cookie" = [])),
    params(
        ("id" = i64, Path, description = "The prospect's id."),
        ("kind" = String, Path, description = "The section."),
    ),
    request_body = RelatedOrder,
    responses(
        (status = 200, description = "Reordered there (nothing sent when the order is the \
            same); everything beside the prospect as it is now. The board follows a new order \
            of Overplane's opportunities within each column.", body = Related),
        (status = 404, description = "No such prospect or section.", body = Problem),
        (status = 409, description = "The records changed since they were read: `ids` is not \
            every record of the section once; nothing was sent.", body = Problem),
        (status = 422, description = "`ids` holds an empty or repeated id.", body = Problem),
        (status = 501, description = "That system keeps no order of its own for them.", body = Problem),
    )
)]
pub async fn reorder(
    State(state): State<SharedState>,
    staff: Staff,
    Path((id, kind_name)): Path<(i64, String)>,
    ApiJson(order): ApiJson<RelatedOrder>,
) -> Result<Json<Related>, ApiError> {
    let _writing = state.session_writes.writing(&staff.token).await;
    let kind = kind(&kind_name)?;
    let mut seen = std::collections::HashSet::new();
    if order
        .ids
        .iter()
        .any(|i| i.trim().is_empty() || !seen.insert(i.as_str()))
    {
        return Err(ApiError::Validation(FieldErrors::from([(
            "ids".to_owned(),
            FieldError::NotAllowed,
        )])));
    }
    Ok(Json(
        state
            .connectors
            .related
            .reorder(id, kind, &order.ids)
            .await
            .map_err(gone)?,
    ))
}

#[utoipa::path(
    put,
    path = "/prospects/{id}/related/owner",
    operation_id = "assign_prospect_related_owner",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The prospect's id.")),
    request_body = RelatedOwnerInput,
    responses(
        (status = 200, description = "Assigned there; everything beside the prospect as it is \
            now.", body = Related),
        (status = 404, description = "No such prospect.", body = Problem),
        (status = 422, description = "`owner_id` is empty, or no user of that system.", body = Problem),
        (status = 501, description = "That system has no owner to assign.", body = Problem),
    )
)]
pub async fn assign_owner(
    State(state): State<SharedState>,
    staff: Staff,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<RelatedOwnerInput>,
) -> Result<Json<Related>, ApiError> {
    let _writing = state.session_writes.writing(&staff.token).await;
    let owner = input.owner_id.trim();
    if owner.is_empty() {
        return Err(ApiError::Validation(FieldErrors::from([(
            "owner_id".to_owned(),
            FieldError::Required,
        )])));
    }
    Ok(Json(
        state
            .connectors
            .related
            .assign_owner(id, owner)
            .await
            .map_err(gone)?,
    ))
}

#[utoipa::path(
    delete,
    path = "/prospects/{id}/related/owner",
    operation_id = "remove_prospect_related_owner",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The prospect's id.")),
    responses(
        (status = 200, description = "Nobody owns it there now; everything beside the \
            prospect as it is now.", body = Related),
        (status = 404, description = "No such prospect.", body = Problem),
        (status = 501, description = "That system has no owner to remove.", body = Problem),
    )
)]
pub async fn remove_owner(
    State(state): State<SharedState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<Related>, ApiError> {
    let _writing = state.session_writes.writing(&staff.token).await;
    Ok(Json(
        state
            .connectors
            .related
            .remove_owner(id)
            .await
            .map_err(gone)?,
    ))
}
