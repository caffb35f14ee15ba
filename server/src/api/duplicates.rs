//! `GET /api/v1/prospects/duplicates`: the prospects a new (or edited) one
//! would repeat, by email or phone number, so the form warns and offers to
//! open them instead (issue #21). Looked up in what the list shows:
//! Frontdesk's own prospects, or the vendor's mirror.

use axum::Json;
use axum::extract::State;
use frontdesk_core::model::Duplicate;
use serde::Deserialize;

use super::error::ApiError;
use super::query::ApiQuery;
use super::session::Staff;
use crate::SharedState;

/// At most this many matches are named: the form offers to open them.
const MAX_MATCHES: i64 = 5;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields, default)]
pub struct DuplicateQuery {
    pub email: Option<String>,
    /// A number as typed; compared as E.164 with the club's country.
    pub mobile: Option<String>,
    pub phone: Option<String>,
    /// The prospect being edited, which is no duplicate of itself.
    pub except: Option<i64>,
}

#[utoipa::path(
    get,
    path = "/prospects/duplicates",
    operation_id = "prospect_duplicates",
    tag = "staff",
    security(("session_cookie" = [])),
    params(DuplicateQuery),
    responses((status = 200, description = "The prospects with this email or number (at most 5), nearest first; empty when none.", body = Vec<Duplicate>))
)]
pub async fn find(
    State(state): State<SharedState>,
    _staff: Staff,
    ApiQuery(q): ApiQuery<DuplicateQuery>,
) -> Result<Json<Vec<Duplicate>>, ApiError> {
    let country = crate::store::club::country(&state.db).await?;
    let email = q
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| e.contains('@'))
        .unwrap_or("")
        .to_owned();
    // Both forms a number may be stored in: E.164 (Frontdesk's own) and
    // as the vendor wrote it, compared without separators.
    let numbers: Vec<String> = [q.mobile.as_deref(), q.phone.as_deref()]
        .into_iter()
        .flatten()
        .filter_map(|n| frontdesk_core::phone::normalize(n, &country).ok())
        .flat_map(|e164| {
            let national = frontdesk_core::phone::national_digits(&e164);
            [Some(e164), national].into_iter().flatten()
        })
        .collect();
    if email.is_empty() && numbers.is_empty() {
        return Ok(Json(Vec::new()));
    }
    let bare = |c: &str| {
        format!(
            "replace(replace(replace(replace(replace(replace({c}, ' ', ''), '.', ''), '-', ''), '/', ''), '(', ''), ')', '')"
        )
    };
    let mut b = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
        "SELECT p.id, p.first_name, p.last_name, p.email, p.mobile, p.phone FROM prospects p \
         WHERE p.deleted_at IS NULL AND +p.vendor IS ",
    );
    b.push_bind(state.connectors.prospect_vendor())
        .push(" AND p.id != ")
        .push_bind(q.except.unwrap_or(0))
        .push(" AND (0");
    if !email.is_empty() {
        b.push(" OR p.email = ")
            .push_bind(email.clone())
            .push(" COLLATE NOCASE");
    }
    for n in &numbers {
        for column in ["p.mobile", "p.phone"] {
            b.push(format!(" OR {} = ", bare(column)))
                .push_bind(n.clone());
        }
    }
    b.push(") ORDER BY p.updated_at DESC LIMIT ")
        .push_bind(MAX_MATCHES);
    let rows: Vec<(i64, String, String, String, String, String)> =
        b.build_query_as().fetch_all(&state.db).await?;
    Ok(Json(
        rows.into_iter()
            .map(|(id, first, last, found_email, mobile, phone)| {
                let by_email = !email.is_empty() && found_email.eq_ignore_ascii_case(&email);
                Duplicate {
                    id,
                    name: format!("{first} {last}").trim().to_owned(),
                    email: found_email,
                    phone: if mobile.is_empty() { phone } else { mobile },
                    by_email,
                }
            })
            .collect(),
    ))
}
