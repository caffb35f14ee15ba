//! CSV in and out of the prospect list. Import is all or nothing: every row
//! is checked with `core::validate::prospect` first, and rows are written in
//! one transaction only when none has an error. Rows that repeat a prospect
//! already there, or an earlier row, are named in the preview and skipped
//! unless the request says to write them anyway (`core::duplicates`).

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use frontdesk_core::duplicates::{self, ImportDuplicate, Index, Known, Row};
use frontdesk_core::model::{ImportReport, ImportRequest, ImportRowError, ProspectInput};
use frontdesk_core::problem::Problem;
use frontdesk_core::validate;

use super::error::ApiError;
use super::json::{ApiJson, size_in_words};
use super::query::ApiQuery;
use super::session::Staff;
use crate::SharedState;
use crate::store::prospects::{self, ListError, ListQuery};

pub use frontdesk_core::import::FIELDS;

/// The most rows one import may hold.
pub const MAX_IMPORT_ROWS: usize = 20_000;

/// The largest import body: a file of [`MAX_IMPORT_ROWS`] rows at up to
/// about 800 bytes a row, in its JSON string. Frontdesk's own export takes
/// about 190 bytes a prospect (20,000 are 3.8 MB, more than the 2 MB other
/// bodies may have); vendors' exports carry more columns, 40 or so, most of
/// them empty or ignored.
pub const MAX_IMPORT_BYTES: usize = 16 * 1024 * 1024;

fn set_field(p: &mut ProspectInput, field: &str, value: &str) -> Result<(), &'static str> {
    // Undo the export's guard against spreadsheet formulas ('+32 …).
    let value = value
        .strip_prefix('\'')
        .filter(|rest| rest.starts_with(['=', '+', '-', '@']))
        .unwrap_or(value);
    let v = value.trim().to_owned();
    let opt = |v: String| (!v.is_empty()).then_some(v);
    match field {
        "first_name" => p.first_name = v,
        "last_name" => p.last_name = v,
        "gender" => {
            p.gender = match v.to_ascii_lowercase().as_str() {
                "" => None,
                "male" | "m" => Some(frontdesk_core::model::Gender::Male),
                "female" | "f" | "v" => Some(frontdesk_core::model::Gender::Female),
                "other" | "x" => Some(frontdesk_core::model::Gender::Other),
                _ => return Err("is not male, female or other"),
            }
        }
        // Vendors write "unknown" as 1900-01-01; Frontdesk keeps it empty.
        "birth_date" => p.birth_date = validate::known_birth_date(Some(&v)).map(str::to_owned),
        "address" => p.address = v,
        "zip" => p.zip = v,
        "city" => p.city = v,
        "email" => p.email = v,
        "mobile" => p.mobile = v,
        "phone" => p.phone = v,
        "language" => p.language = v.to_ascii_lowercase(),
        "source" => p.source = v,
        "sub_source" => p.sub_source = v,
        "note" => p.note = value.to_owned(),
        "owner_id" => {
            p.owner_id = if v.is_empty() {
                None
            } else {
                Some(v.parse().map_err(|_| "is not a number")?)
            }
        }
        "tags" => {
            p.tags = v
                .split([',', ';'])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect()
        }
        "status" => p.status = v,
        "next_action" => p.next_action = v,
        "next_action_due" => p.next_action_due = opt(v),
        _ => return Err("is not a prospect field"),
    }
    Ok(())
}

fn bad_request(field: &str, message: impl Into<String>) -> ApiError {
    ApiError::problem(Problem::new(422, "Invalid import").with_field(field, message))
}

/// `POST /api/v1/prospects/import`
#[utoipa::path(
    post,
    path = "/prospects/import",
    operation_id = "import_prospects",
    tag = "staff",
    security(("session_cookie" = [])),
    request_body = ImportRequest,
    responses(
        (status = 200, description = "The preview (`dry_run`), the refused values (nothing written), or how many were written; `duplicates` names the rows that repeat someone, left out unless `skip_duplicates` is false.", body = ImportReport),
        (status = 403, description = "Importing is for an owner, a manager or a salesperson (`type` /problems/forbidden).", body = Problem),
        (status = 413, description = "The file is larger than the largest an import takes (16 MB); the detail says so, `errors.csv` too.", body = Problem),
        (status = 501, description = "The system serving prospects takes no import (`type` /problems/not-supported).", body = Problem),
        (status = 422, description = "The mapping names an unknown field or column, or the file is unreadable or too long.", body = Problem),
    )
)]
pub async fn import(
    State(state): State<SharedState>,
    staff: Staff,
    body: Result<ApiJson<ImportRequest, MAX_IMPORT_BYTES>, ApiError>,
) -> Result<Json<ImportReport>, ApiError> {
    staff.may(frontdesk_core::roles::Action::Import)?;
    let ApiJson(request) = body.map_err(|e| match e {
        ApiError::Problem(p) if p.status == 413 => ApiError::problem(
            Problem::new(413, "File too large")
                .with_detail(format!(
                    "An import takes a file of at most {} and {MAX_IMPORT_ROWS} rows; split this one into smaller files.",
                    size_in_words(MAX_IMPORT_BYTES)
                ))
                .with_field("csv", format!("is larger than {}", size_in_words(MAX_IMPORT_BYTES))),
        ),
        e => e,
    })?;
    if !state.connectors.prospects.abilities().import {
        return Err(crate::connectors::ConnectorError::NotSupported {
            connector: state.connectors.prospects.connector(),
            action: "import prospects from a file",
        }
        .into());
    }
    for (column, field) in &request.mapping {
        if !FIELDS.contains(&field.as_str()) {
            return Err(bad_request(
                &format!("mapping.{column}"),
                format!("`{field}` is not a prospect field"),
            ));
        }
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(frontdesk_core::import::delimiter(&request.csv))
        .from_reader(request.csv.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| bad_request("csv", format!("has no readable header: {e}")))?
        .clone();
    for column in request.mapping.keys() {
        if !headers.iter().any(|h| h.trim() == column) {
            return Err(bad_request(
                &format!("mapping.{column}"),
                "is not a column of the file",
            ));
        }
    }
    let header_names: Vec<String> = headers.iter().map(|h| h.trim().to_owned()).collect();
    let suggested = header_names
        .iter()
        .filter_map(|h| Some((h.clone(), frontdesk_core::import::guess(h)?.to_owned())))
        .collect();
    let columns: Vec<(usize, &str)> = headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| request.mapping.get(h.trim()).map(|f| (i, f.as_str())))
        .collect();

    let today = chrono::Utc::now().date_naive().to_string();
    let country = crate::store::club::country(&state.db).await?;
    let staff_ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM staff_users")
        .fetch_all(&state.db)
        .await?;
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let row = index + 1;
        if row > MAX_IMPORT_ROWS {
            return Err(bad_request(
                "csv",
                format!("has more than {MAX_IMPORT_ROWS} rows; split it"),
            ));
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(ImportRowError {
                    row,
                    field: "csv".into(),
                    message: e.to_string(),
                });
                continue;
            }
        };
        let mut input = ProspectInput {
            status: "new".into(),
            ..Default::default()
        };
        for (i, field) in &columns {
            if let Err(message) = set_field(&mut input, field, record.get(*i).unwrap_or("")) {
                errors.push(ImportRowError {
                    row,
                    field: (*field).to_owned(),
                    message: message.to_owned(),
                });
            }
        }
        for (field, e) in validate::prospect(&input, &today) {
            errors.push(ImportRowError {
                row,
                field,
                message: e.to_string(),
            });
        }
        // Stored as E.164, as the form's numbers (issue #21).
        for (field, value) in [("mobile", &mut input.mobile), ("phone", &mut input.phone)] {
            if value.trim().is_empty() {
                continue;
            }
            match frontdesk_core::phone::normalize(value, &country) {
                Ok(e164) => *value = e164,
                Err(e) if !errors.iter().any(|x| x.row == row && x.field == field) => {
                    errors.push(ImportRowError {
                        row,
                        field: field.to_owned(),
                        message: e.to_string(),
                    });
                }
                Err(_) => {}
            }
        }
        if let Some(owner) = input.owner_id
            && !staff_ids.contains(&owner)
        {
            errors.push(ImportRowError {
                row,
                field: "owner_id".into(),
                message: "is not a member of staff".into(),
            });
        }
        inputs.push((row, input));
    }
    let rows = inputs.len();
    let duplicates = repeated(&state, &inputs).await?;
    if request.dry_run || !errors.is_empty() {
        return Ok(Json(ImportReport {
            headers: header_names,
            suggested,
            rows,
            errors,
            created: 0,
            duplicates,
            skipped: 0,
        }));
    }
    let skip: std::collections::HashSet<usize> = if request.skip_duplicates {
        duplicates.iter().map(|d| d.row).collect()
    } else {
        Default::default()
    };
    let mut tx = crate::store::begin_write(&state.db).await?;
    let mut created = 0;
    for (row, input) in &inputs {
        if !skip.contains(row) {
            prospects::create(&mut tx, input).await?;
            created += 1;
        }
    }
    tx.commit().await?;
    tracing::info!(rows, created, skipped = skip.len(), "imported prospects");
    Ok(Json(ImportReport {
        headers: header_names,
        suggested,
        rows,
        errors,
        created,
        duplicates,
        skipped: skip.len(),
    }))
}

/// The rows that repeat a prospect already there or an earlier row, by
/// email or number (`core::duplicates`), looked up in what the list
/// shows: Frontdesk's own prospects, or a vendor's mirror. One read of
/// them all, then a few map lookups a row: a 20,000-row file costs no
/// 20,000 queries.
async fn repeated(
    state: &SharedState,
    inputs: &[(usize, ProspectInput)],
) -> Result<Vec<ImportDuplicate>, ApiError> {
    let known: Vec<(i64, String, String, String, String, String)> = sqlx::query_as(
        "SELECT id, first_name, last_name, email, mobile, phone FROM prospects \
         WHERE deleted_at IS NULL AND +vendor IS ? ORDER BY updated_at DESC",
    )
    .bind(state.connectors.prospect_vendor())
    .fetch_all(&state.db)
    .await?;
    let mut index = Index::default();
    for (id, first, last, email, mobile, phone) in known {
        let name = format!("{first} {last}").trim().to_owned();
        index.add(Known { id, name }, &email, &[&mobile, &phone]);
    }
    let numbers: Vec<[(&str, &str); 2]> = inputs
        .iter()
        .map(|(_, p)| [("mobile", p.mobile.as_str()), ("phone", p.phone.as_str())])
        .collect();
    Ok(duplicates::find(
        &index,
        inputs.iter().zip(&numbers).map(|((row, p), numbers)| Row {
            row: *row,
            email: &p.email,
            numbers,
        }),
    ))
}

/// `GET /api/v1/prospects/export.csv?…`: the filtered list (every page).
#[utoipa::path(
    get,
    path = "/prospects/export.csv",
    operation_id = "export_prospects",
    tag = "staff",
    security(("session_cookie" = [])),
    params(ListQuery),
    responses(
        (status = 200, description = "Every prospect that matches, as CSV with the import's columns.", body = String, content_type = "text/csv"),
        (status = 403, description = "Exporting is for an owner, a manager or a salesperson (`type` /problems/forbidden).", body = Problem),
        (status = 422, description = "The filters are not a valid list query, or the search `q` is too long or has too many words (`errors` names it).", body = Problem),
    )
)]
pub async fn export(
    State(state): State<SharedState>,
    staff: Staff,
    ApiQuery(mut q): ApiQuery<ListQuery>,
) -> Result<Response, ApiError> {
    staff.may(frontdesk_core::roles::Action::Export)?;
    super::prospects::check_search(&q)?;
    let mut db = state.db.acquire().await?;
    let today = chrono::Utc::now().date_naive().to_string();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(FIELDS)
        .map_err(|e| ApiError::Internal(e.into()))?;
    q.limit = Some(prospects::MAX_PAGE);
    q.cursor = None;
    q.vendor = state.connectors.prospect_vendor().map(str::to_owned);
    loop {
        let page = prospects::list(&mut db, &q, staff.session.user.id, &today)
            .await
            .map_err(|e| match e {
                ListError::Db(e) => e.into(),
                _ => bad_request("query", "is not a valid list query"),
            })?;
        for p in &page.items {
            let f = &p.fields;
            let gender = f
                .gender
                .map(|g| format!("{g:?}").to_lowercase())
                .unwrap_or_default();
            let record = [
                f.first_name.as_str(),
                &f.last_name,
                &gender,
                f.birth_date.as_deref().unwrap_or(""),
                &f.address,
                &f.zip,
                &f.city,
                &f.email,
                &f.mobile,
                &f.phone,
                &f.language,
                &f.source,
                &f.sub_source,
                &f.note,
                &f.owner_id.map(|o| o.to_string()).unwrap_or_default(),
                &f.tags.join(", "),
                &f.status,
                &f.next_action,
                f.next_action_due.as_deref().unwrap_or(""),
            ];
            // Cells that start like a formula are quoted with an apostrophe,
            // so a spreadsheet never runs a prospect's text.
            let safe: Vec<String> = record
                .iter()
                .map(|c| {
                    if c.starts_with(['=', '+', '-', '@']) {
                        format!("'{c}")
                    } else {
                        (*c).to_owned()
                    }
                })
                .collect();
            writer
                .write_record(&safe)
                .map_err(|e| ApiError::Internal(e.into()))?;
        }
        match page.next_cursor {
            Some(c) => q.cursor = Some(c),
            None => break,
        }
    }
    let body = writer
        .into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"prospects.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}
