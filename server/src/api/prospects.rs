//! `/api/v1/prospects` (staff): the list with search, filters, sort and
//! paging, and read, create, update, delete of one prospect.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use frontdesk_core::model::{BulkAction, BulkReport, BulkRequest, Page, Prospect, ProspectInput};
use frontdesk_core::problem::Problem;
use frontdesk_core::prospect_list::{self, MAX_SEARCH_CHARS, MAX_SEARCH_WORDS, ProspectIndex};
use frontdesk_core::validate::{self, FieldError};

use super::error::ApiError;
use super::json::ApiJson;
use super::query::ApiQuery;
use super::session::Staff;
use crate::SharedState;
use crate::connectors::ConnectorError;
use crate::store::prospects::{self, ListError, ListQuery};

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

fn not_found() -> ApiError {
    ApiError::problem(
        Problem::new(404, "No such prospect").with_detail("It may have been deleted."),
    )
}

/// `GET /api/v1/prospects/index`: every prospect in the list's compact
/// form; the browser searches, filters and sorts it without round trips.
/// The serialised answer is kept until a prospect changes.
#[utoipa::path(
    get,
    path = "/prospects/index",
    operation_id = "prospect_index",
    tag = "staff",
    security(("session_cookie" = [])),
    responses((status = 200, description = "Every prospect, by column.", body = ProspectIndex))
)]
pub async fn index(State(state): State<SharedState>, _staff: Staff) -> Result<Response, ApiError> {
    let mut db = state.db.acquire().await?;
    let today = today();
    let version: i64 = sqlx::query_scalar("SELECT n FROM change_counters WHERE name = 'prospects'")
        .fetch_one(&mut *db)
        .await?;
    let json = match state.prospect_index.get(version, &today) {
        Some(json) => json,
        None => {
            let vendor = state.connectors.prospect_vendor();
            let index = prospects::index(&mut db, &today, vendor).await?;
            let json = Bytes::from(serde_json::to_vec(&index).map_err(anyhow::Error::from)?);
            state.prospect_index.put(version, &today, json.clone());
            json
        }
    };
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

#[utoipa::path(
    get,
    path = "/prospects",
    operation_id = "list_prospects",
    tag = "staff",
    security(("session_cookie" = [])),
    params(ListQuery),
    responses(
        (status = 200, description = "One page of the prospects that match, and how many match in all.", body = Page<Prospect>),
        (status = 422, description = "The search `q` is too long or has too many words; `errors.q` says which.", body = Problem),
    )
)]
pub async fn list(
    State(state): State<SharedState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Page<Prospect>>, ApiError> {
    page_of(&state, staff.session.user.id, &q).await.map(Json)
}

/// A search the list cannot take (`prospect_list::check_search`: too long,
/// too many words) as a 422 naming `q`, before it reaches the database.
/// The list, the staff page's first screen and the export check it.
pub fn check_search(q: &ListQuery) -> Result<(), ApiError> {
    match prospect_list::check_search(q.q.as_deref().unwrap_or("")) {
        Ok(()) => Ok(()),
        Err(e) => Err(ApiError::problem(
            Problem::new(422, "Search too long")
                .with_detail(format!(
                    "A search may have at most {MAX_SEARCH_CHARS} characters and {MAX_SEARCH_WORDS} words."
                ))
                .with_field("q", e.to_string()),
        )),
    }
}

/// The page of the list `q` asks for, as `me` sees it ("mine"); the staff
/// page's boot block serves the first one.
pub async fn page_of(
    state: &SharedState,
    me: i64,
    q: &ListQuery,
) -> Result<Page<Prospect>, ApiError> {
    check_search(q)?;
    for (field, value) in [
        ("created_from", &q.created_from),
        ("created_to", &q.created_to),
    ] {
        if let Some(v) = value
            && validate::date(v).is_err()
        {
            return Err(ApiError::problem(
                Problem::new(400, "Invalid query").with_field(field, FieldError::Date.to_string()),
            ));
        }
    }
    let mut q = q.clone();
    q.vendor = state.connectors.prospect_vendor().map(str::to_owned);
    let mut db = state.db.acquire().await?;
    prospects::list(&mut db, &q, me, &today())
        .await
        .map_err(|e| match e {
            ListError::Sort => ApiError::problem(Problem::new(400, "Invalid query").with_field(
                "sort",
                "is not a column: name, created_at, status, source, city, next_action_due",
            )),
            ListError::Cursor => ApiError::problem(
                Problem::new(400, "Invalid query")
                    .with_field("cursor", "is not a cursor of this list"),
            ),
            ListError::Db(e) => e.into(),
        })
}

#[utoipa::path(
    get,
    path = "/prospects/{id}",
    operation_id = "get_prospect",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The prospect's id.")),
    responses(
        (status = 200, description = "The prospect.", body = Prospect),
        (status = 404, description = "No such prospect.", body = Problem),
    )
)]
pub async fn get(
    State(state): State<SharedState>,
    _staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<Prospect>, ApiError> {
    state
        .connectors
        .prospects
        .get(id)
        .await?
        .map(Json)
        .ok_or_else(not_found)
}

async fn checked(state: &SharedState, input: &ProspectInput) -> Result<(), ApiError> {
    let mut errors = validate::prospect(input, &today());
    if let Some(owner) = input.owner_id {
        // A deactivated owner stays valid here: a prospect saved with the
        // owner it has keeps it (a bulk assignment takes active staff only).
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM staff_users WHERE id = ?")
            .bind(owner)
            .fetch_optional(&state.db)
            .await?;
        if exists.is_none() {
            errors.insert("owner_id".into(), FieldError::NotAllowed);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// On Frontdesk's own store, phone numbers are kept as E.164, a number
/// typed nationally read as one of the club's country (issue #21). A
/// vendor keeps its numbers as it writes them: rewriting them would send
/// a change nobody made.
pub(super) async fn local_phones(
    state: &SharedState,
    mut input: ProspectInput,
) -> Result<ProspectInput, ApiError> {
    if state.connectors.prospects.connector() != crate::connectors::local::NAME {
        return Ok(input);
    }
    let country = crate::store::club::country(&state.db).await?;
    let mut errors = validate::FieldErrors::new();
    for (field, value) in [("mobile", &mut input.mobile), ("phone", &mut input.phone)] {
        if value.trim().is_empty() {
            continue;
        }
        match frontdesk_core::phone::normalize(value, &country) {
            Ok(e164) => *value = e164,
            Err(e) => {
                errors.insert(field.into(), e);
            }
        }
    }
    if errors.is_empty() {
        Ok(input)
    } else {
        Err(ApiError::Validation(errors))
    }
}

#[utoipa::path(
    post,
    path = "/prospects",
    operation_id = "create_prospect",
    tag = "staff",
    security(("session_cookie" = [])),
    request_body = ProspectInput,
    responses(
        (status = 201, description = "Created.", body = Prospect),
        (status = 422, description = "Some fields are not valid; `errors` names each.", body = Problem),
    )
)]
pub async fn create(
    State(state): State<SharedState>,
    staff: Staff,
    ApiJson(input): ApiJson<ProspectInput>,
) -> Result<(StatusCode, Json<Prospect>), ApiError> {
    checked(&state, &input).await?;
    let input = local_phones(&state, input).await?;
    let by = &staff.session.user.email;
    let created = state.connectors.prospects.create(&input, by).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[utoipa::path(
    put,
    path = "/prospects/{id}",
    operation_id = "update_prospect",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The prospect's id.")),
    request_body = ProspectInput,
    responses(
        (status = 200, description = "Saved.", body = Prospect),
        (status = 404, description = "No such prospect.", body = Problem),
        (status = 409, description = "Changed at the vendor since it was read; nothing was overwritten (`current` is the vendor's copy).", body = Problem),
        (status = 422, description = "Some fields are not valid; `errors` names each.", body = Problem),
    )
)]
pub async fn update(
    State(state): State<SharedState>,
    staff: Staff,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<ProspectInput>,
) -> Result<Json<Prospect>, ApiError> {
    checked(&state, &input).await?;
    let input = local_phones(&state, input).await?;
    let by = &staff.session.user.email;
    state
        .connectors
        .prospects
        .update(id, &input, by)
        .await?
        .map(Json)
        .ok_or_else(not_found)
}

#[utoipa::path(
    delete,
    path = "/prospects/{id}",
    operation_id = "delete_prospect",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The prospect's id.")),
    responses(
        (status = 204, description = "Deleted."),
        (status = 404, description = "No such prospect.", body = Problem),
    )
)]
pub async fn delete(
    State(state): State<SharedState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    let by = &staff.session.user.email;
    if state.connectors.prospects.delete(id, by).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(not_found())
    }
}

/// Most ids one bulk change takes: a whole club's list.
pub const MAX_BULK: usize = 200_000;

/// `POST /api/v1/prospects/bulk`: one change to many prospects, all or
/// nothing.
#[utoipa::path(
    post,
    path = "/prospects/bulk",
    operation_id = "bulk_change_prospects",
    tag = "staff",
    security(("session_cookie" = [])),
    request_body = BulkRequest,
    responses(
        (status = 200, description = "Changed, all of them.", body = BulkReport),
        (status = 403, description = "Deleting or restoring many at once is for an owner, a manager or a salesperson (`type` /problems/forbidden).", body = Problem),
        (status = 501, description = "The system serving prospects cannot change many at once (`type` /problems/not-supported).", body = Problem),
        (status = 422, description = "No ids, too many, or a bad tag or owner; nothing changed.", body = Problem),
    )
)]
pub async fn bulk(
    State(state): State<SharedState>,
    staff: Staff,
    ApiJson(request): ApiJson<BulkRequest>,
) -> Result<Json<BulkReport>, ApiError> {
    if matches!(
        request.action,
        BulkAction::Delete {} | BulkAction::Restore {}
    ) {
        staff.may(frontdesk_core::roles::Action::BulkDelete)?;
    }
    let mut errors = validate::FieldErrors::new();
    if request.ids.is_empty() {
        errors.insert("ids".into(), FieldError::Required);
    } else if request.ids.len() > MAX_BULK {
        errors.insert("ids".into(), FieldError::TooMany);
    }
    match &request.action {
        BulkAction::AddTag { tag } | BulkAction::RemoveTag { tag } => {
            if let Err(e) = validate::tag(tag) {
                errors.insert("action.tag".into(), e);
            }
        }
        BulkAction::AssignOwner {
            owner_id: Some(owner),
        } => {
            let exists: Option<i64> =
                sqlx::query_scalar("SELECT id FROM staff_users WHERE id = ? AND active = 1")
                    .bind(owner)
                    .fetch_optional(&state.db)
                    .await?;
            if exists.is_none() {
                errors.insert("action.owner_id".into(), FieldError::NotAllowed);
            }
        }
        _ => {}
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    if !state.connectors.prospects.abilities().bulk {
        return Err(ConnectorError::NotSupported {
            connector: state.connectors.prospects.connector(),
            action: "change many prospects at once",
        }
        .into());
    }
    let mut tx = crate::store::begin_write(&state.db).await?;
    let affected = prospects::bulk(&mut tx, &request.ids, &request.action).await?;
    tx.commit().await?;
    tracing::info!(
        ids = request.ids.len(),
        affected,
        "bulk change to prospects"
    );
    Ok(Json(BulkReport { affected }))
}
