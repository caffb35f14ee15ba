//! Prospects on the local store: list with search, filters, sort and
//! paging; read, create, update and delete. Vendor fields with no unified
//! home stay in `extra` and are never touched by an update.

use frontdesk_core::model::{BulkAction, Page, Prospect, ProspectInput};
use frontdesk_core::prospect_list::{ListRow, ProspectIndex, Sort, SortColumn};
use frontdesk_core::validate::known_birth_date;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

/// What the list asks for; every part optional.
#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields, default)]
pub struct ListQuery {
    /// Searches first and last name, email, mobile, phone and city: every
    /// word must be found in one of them. At most 200 characters and 12
    /// words (`prospect_list::MAX_SEARCH_CHARS`, `MAX_SEARCH_WORDS`).
    #[param(max_length = 200)]
    pub q: Option<String>,
    pub status: Option<String>,
    pub source: Option<String>,
    pub owner: Option<i64>,
    pub tag: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub created_from: Option<String>,
    pub created_to: Option<String>,
    /// Only prospects whose next action was due before today.
    pub overdue: bool,
    /// Only the signed-in person's prospects.
    pub mine: bool,
    /// A column, `-` in front for descending: name, created_at, status,
    /// source, city, next_action_due.
    pub sort: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
    /// Whose prospects: none for Frontdesk's own, a vendor's name for its
    /// mirror. Set by the server from the connector serving prospects,
    /// never by a client.
    #[serde(skip)]
    #[param(ignore)]
    pub vendor: Option<String>,
}

pub const MAX_PAGE: u32 = 500;

/// The ORDER BY of a `sort` parameter; the columns are core's, the same the
/// browser's list sorts by, so a new one cannot be missed here.
fn sort_sql(sort: Option<&str>) -> Option<String> {
    let sort = match sort {
        None | Some("") => Sort::default(),
        Some(s) => Sort::parse(s)?,
    };
    let expr = match sort.column {
        SortColumn::Name => "p.last_name COLLATE NOCASE {d}, p.first_name COLLATE NOCASE {d}",
        SortColumn::CreatedAt => "p.created_at {d}",
        SortColumn::Status => "p.status {d}",
        SortColumn::Source => "p.source COLLATE NOCASE {d}",
        SortColumn::City => "p.city COLLATE NOCASE {d}",
        SortColumn::NextActionDue => "p.next_action_due IS NULL, p.next_action_due {d}",
    };
    let dir = if sort.desc { "DESC" } else { "ASC" };
    Some(format!("{}, p.id {dir}", expr.replace("{d}", dir)))
}

const COLUMNS: &str = "p.id, p.first_name, p.last_name, p.gender, p.birth_date, p.address, p.zip, p.city, \
     p.email, p.mobile, p.phone, p.language, p.source, p.sub_source, p.note, p.owner_id, p.status, \
     p.next_action, p.next_action_due, p.created_at, p.updated_at, u.name AS owner_name, \
     (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM prospect_tags WHERE prospect_id = p.id ORDER BY tag)) AS tags";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    first_name: String,
    last_name: String,
    gender: Option<String>,
    birth_date: Option<String>,
    address: String,
    zip: String,
    city: String,
    email: String,
    mobile: String,
    phone: String,
    language: String,
    source: String,
    sub_source: String,
    note: String,
    owner_id: Option<i64>,
    status: String,
    next_action: String,
    next_action_due: Option<String>,
    created_at: String,
    updated_at: String,
    owner_name: Option<String>,
    tags: Option<String>,
}

fn prospect_of(r: Row) -> Prospect {
    use frontdesk_core::model::Gender;
    Prospect {
        id: r.id,
        fields: ProspectInput {
            first_name: r.first_name,
            last_name: r.last_name,
            gender: match r.gender.as_deref() {
                Some("male") => Some(Gender::Male),
                Some("female") => Some(Gender::Female),
                Some("other") => Some(Gender::Other),
                _ => None,
            },
            birth_date: r.birth_date,
            address: r.address,
            zip: r.zip,
            city: r.city,
            email: r.email,
            mobile: r.mobile,
            phone: r.phone,
            language: r.language,
            source: r.source,
            sub_source: r.sub_source,
            note: r.note,
            owner_id: r.owner_id,
            tags: split_tags(r.tags),
            status: r.status,
            next_action: r.next_action,
            next_action_due: r.next_action_due,
        },
        owner_name: r.owner_name,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

const SEARCHED: [&str; 6] = [
    "p.first_name",
    "p.last_name",
    "p.email",
    "p.mobile",
    "p.phone",
    "p.city",
];

fn filters<'a>(b: &mut QueryBuilder<'a, Sqlite>, q: &'a ListQuery, me: i64, today: &'a str) {
    b.push(" WHERE p.deleted_at IS NULL AND +p.vendor IS ")
        .push_bind(q.vendor.as_deref());
    // Every term must appear in one of the fields, as in the browser's
    // `prospect_list::matches`.
    for term in q.q.as_deref().unwrap_or("").split_whitespace() {
        let like = format!(
            "%{}%",
            term.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        b.push(" AND (");
        for (i, column) in SEARCHED.iter().enumerate() {
            if i > 0 {
                b.push(" OR ");
            }
            b.push(format!("{column} LIKE "))
                .push_bind(like.clone())
                .push(" ESCAPE '\\'");
        }
        // As the browser's search text: a stored +32 470… is also 0470….
        for column in ["p.mobile", "p.phone"] {
            b.push(format!(
                " OR {} LIKE ",
                frontdesk_core::phone::national_digits_sql(column)
            ))
            .push_bind(like.clone())
            .push(" ESCAPE '\\'");
        }
        b.push(")");
    }
    if let Some(status) = &q.status {
        b.push(" AND p.status = ").push_bind(status);
    }
    if let Some(source) = &q.source {
        b.push(" AND p.source = ").push_bind(source);
    }
    if let Some(owner) = q.owner {
        b.push(" AND p.owner_id = ").push_bind(owner);
    }
    if q.mine {
        b.push(" AND p.owner_id = ").push_bind(me);
    }
    if let Some(tag) = &q.tag {
        b.push(
            " AND EXISTS (SELECT 1 FROM prospect_tags t WHERE t.prospect_id = p.id AND t.tag = ",
        )
        .push_bind(tag)
        .push(")");
    }
    if let Some(from) = &q.created_from {
        b.push(" AND p.created_at >= ").push_bind(from);
    }
    if let Some(to) = &q.created_to {
        // Inclusive of the whole last day.
        b.push(" AND substr(p.created_at, 1, 10) <= ").push_bind(to);
    }
    if q.overdue {
        b.push(" AND p.next_action_due IS NOT NULL AND p.next_action_due < ")
            .push_bind(today);
    }
}

/// The cursor is the offset of the next page, opaque to clients.
fn decode_cursor(cursor: Option<&str>) -> Option<i64> {
    match cursor {
        None | Some("") => Some(0),
        Some(c) => c
            .strip_prefix("o")
            .and_then(|n| n.parse().ok())
            .filter(|n: &i64| *n >= 0),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ListError {
    #[error("sort: unknown column")]
    Sort,
    #[error("cursor: not a cursor of this list")]
    Cursor,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

pub async fn list(
    db: &mut SqliteConnection,
    q: &ListQuery,
    me: i64,
    today: &str,
) -> Result<Page<Prospect>, ListError> {
    let order = sort_sql(q.sort.as_deref()).ok_or(ListError::Sort)?;
    let offset = decode_cursor(q.cursor.as_deref()).ok_or(ListError::Cursor)?;
    let limit = i64::from(q.limit.unwrap_or(100).clamp(1, MAX_PAGE));

    let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM prospects p");
    filters(&mut count, q, me, today);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *db).await?;

    let mut select = QueryBuilder::<Sqlite>::new(format!(
        "SELECT {COLUMNS} FROM prospects p LEFT JOIN staff_users u ON u.id = p.owner_id"
    ));
    filters(&mut select, q, me, today);
    select
        .push(format!(" ORDER BY {order} LIMIT "))
        .push_bind(limit)
        .push(" OFFSET ")
        .push_bind(offset);
    let rows: Vec<Row> = select.build_query_as().fetch_all(&mut *db).await?;
    let next = offset + rows.len() as i64;
    Ok(Page {
        items: rows.into_iter().map(prospect_of).collect(),
        total: total as u64,
        next_cursor: (next < total).then(|| format!("o{next}")),
    })
}

/// Every prospect in the list's compact form, newest first: the list's
/// default order, which the browser's sort then finds already in place.
/// `vendor`: whose prospects (none: Frontdesk's own).
pub async fn index(
    db: &mut SqliteConnection,
    today: &str,
    vendor: Option<&str>,
) -> sqlx::Result<ProspectIndex> {
    // Tags in one pass rather than a subquery per prospect: at 100,000
    // prospects that is most of the difference between 1 s and 0.2 s.
    let tag_rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT t.prospect_id, t.tag FROM prospect_tags t ORDER BY t.prospect_id, t.tag",
    )
    .fetch_all(&mut *db)
    .await?;
    let mut tags: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    for (id, tag) in tag_rows {
        tags.entry(id).or_default().push(tag);
    }
    // Every row: one pass over the table and a sort in memory (`+` keeps
    // the planner off prospects_created, whose order costs a random read
    // per row: 1.2 s against 0.4 s at 100,000 on a cold cache).
    let rows = sqlx::query_as::<_, IndexRow>(
        "SELECT p.id, p.first_name, p.last_name, p.email, p.mobile, p.phone, p.city, p.source, \
         p.sub_source, p.status, p.owner_id, p.next_action, p.next_action_due, p.created_at \
         FROM prospects p WHERE p.deleted_at IS NULL AND +p.vendor IS ? \
         ORDER BY +p.created_at DESC, p.id DESC",
    )
    .bind(vendor)
    .fetch_all(&mut *db)
    .await?;
    let mut index = ProspectIndex {
        today: today.to_owned(),
        ..ProspectIndex::default()
    };
    for r in rows {
        index.push(ListRow {
            id: r.id,
            first_name: r.first_name,
            last_name: r.last_name,
            email: r.email,
            mobile: r.mobile,
            phone: r.phone,
            city: r.city,
            source: r.source,
            sub_source: r.sub_source,
            status: r.status,
            owner_id: r.owner_id,
            tags: tags.remove(&r.id).unwrap_or_default(),
            next_action: r.next_action,
            next_action_due: r.next_action_due,
            created_at: r.created_at,
            ..ListRow::default()
        });
    }
    Ok(index)
}

#[derive(sqlx::FromRow)]
struct IndexRow {
    id: i64,
    first_name: String,
    last_name: String,
    email: String,
    mobile: String,
    phone: String,
    city: String,
    source: String,
    sub_source: String,
    status: String,
    owner_id: Option<i64>,
    next_action: String,
    next_action_due: Option<String>,
    created_at: String,
}

fn split_tags(tags: Option<String>) -> Vec<String> {
    tags.map(|t| t.split('\u{1f}').map(str::to_owned).collect())
        .unwrap_or_default()
}

pub async fn get(db: &mut SqliteConnection, id: i64) -> sqlx::Result<Option<Prospect>> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM prospects p LEFT JOIN staff_users u ON u.id = p.owner_id \
         WHERE p.id = ? AND p.deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(&mut *db)
    .await?;
    Ok(row.map(prospect_of))
}

/// The editable fields as the store keeps them: trimmed, the gender as
/// text, and the vendors' "unknown" birth date (1900-01-01) as none, so it
/// is stored as unknown whichever way it came in. Every write of a prospect
/// passes here: one at a time (`bind_fields!`) or many at once (the
/// mirror's sync, as JSON rows).
#[derive(serde::Serialize)]
pub struct Columns<'a> {
    first_name: &'a str,
    last_name: &'a str,
    gender: Option<&'static str>,
    birth_date: Option<&'a str>,
    address: &'a str,
    zip: &'a str,
    city: &'a str,
    email: &'a str,
    mobile: &'a str,
    phone: &'a str,
    language: &'a str,
    source: &'a str,
    sub_source: &'a str,
    note: &'a str,
    owner_id: Option<i64>,
    status: &'a str,
    next_action: &'a str,
    next_action_due: Option<&'a str>,
}

impl<'a> Columns<'a> {
    pub fn of(input: &'a ProspectInput) -> Self {
        Self {
            first_name: input.first_name.trim(),
            last_name: input.last_name.trim(),
            gender: gender_text(input),
            birth_date: known_birth_date(input.birth_date.as_deref()),
            address: input.address.trim(),
            zip: input.zip.trim(),
            city: input.city.trim(),
            email: input.email.trim(),
            mobile: input.mobile.trim(),
            phone: input.phone.trim(),
            language: &input.language,
            source: input.source.trim(),
            sub_source: input.sub_source.trim(),
            note: &input.note,
            owner_id: input.owner_id,
            status: input.status.trim(),
            next_action: input.next_action.trim(),
            next_action_due: input.next_action_due.as_deref(),
        }
    }
}

/// The columns `Columns` fills, in its order: INSERT and UPDATE name them so.
pub const EDITABLE: &str = "first_name, last_name, gender, birth_date, address, zip, city, email, \
     mobile, phone, language, source, sub_source, note, owner_id, status, next_action, next_action_due";

/// The editable fields of `input` as binds of one row of a multi-row
/// `VALUES`, in [`EDITABLE`]'s order (as `bind_fields!` for one row).
pub(crate) fn push_fields<'a>(
    row: &mut sqlx::query_builder::Separated<'_, 'a, Sqlite, &'static str>,
    input: &'a ProspectInput,
) {
    let c = Columns::of(input);
    row.push_bind(c.first_name)
        .push_bind(c.last_name)
        .push_bind(c.gender)
        .push_bind(c.birth_date)
        .push_bind(c.address)
        .push_bind(c.zip)
        .push_bind(c.city)
        .push_bind(c.email)
        .push_bind(c.mobile)
        .push_bind(c.phone)
        .push_bind(c.language)
        .push_bind(c.source)
        .push_bind(c.sub_source)
        .push_bind(c.note)
        .push_bind(c.owner_id)
        .push_bind(c.status)
        .push_bind(c.next_action)
        .push_bind(c.next_action_due);
}

/// Binds the editable fields (`Columns`), in the column order of INSERT
/// and UPDATE. A macro, as `query` and `query_scalar` are different types.
macro_rules! bind_fields {
    ($query:expr, $input:expr) => {{
        let c = Columns::of($input);
        $query
            .bind(c.first_name)
            .bind(c.last_name)
            .bind(c.gender)
            .bind(c.birth_date)
            .bind(c.address)
            .bind(c.zip)
            .bind(c.city)
            .bind(c.email)
            .bind(c.mobile)
            .bind(c.phone)
            .bind(c.language)
            .bind(c.source)
            .bind(c.sub_source)
            .bind(c.note)
            .bind(c.owner_id)
            .bind(c.status)
            .bind(c.next_action)
            .bind(c.next_action_due)
    }};
}

fn gender_text(input: &ProspectInput) -> Option<&'static str> {
    use frontdesk_core::model::Gender;
    input.gender.map(|g| match g {
        Gender::Male => "male",
        Gender::Female => "female",
        Gender::Other => "other",
    })
}

pub(crate) async fn write_tags(
    db: &mut SqliteConnection,
    id: i64,
    tags: &[String],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM prospect_tags WHERE prospect_id = ?")
        .bind(id)
        .execute(&mut *db)
        .await?;
    for tag in tags {
        sqlx::query("INSERT OR IGNORE INTO prospect_tags (prospect_id, tag) VALUES (?, ?)")
            .bind(id)
            .bind(tag.trim())
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}

pub async fn create(db: &mut SqliteConnection, input: &ProspectInput) -> sqlx::Result<i64> {
    let now = super::now_rfc3339();
    let insert = sqlx::query_scalar(
        "INSERT INTO prospects (first_name, last_name, gender, birth_date, address, zip, city, email, mobile, \
         phone, language, source, sub_source, note, owner_id, status, next_action, next_action_due, created_at, \
         updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    );
    let id: i64 = bind_fields!(insert, input)
        .bind(&now)
        .bind(&now)
        .fetch_one(&mut *db)
        .await?;
    write_tags(db, id, &input.tags).await?;
    Ok(id)
}

/// Replaces every editable field; `extra` (vendor fields) stays as it was.
pub async fn update(
    db: &mut SqliteConnection,
    id: i64,
    input: &ProspectInput,
) -> sqlx::Result<bool> {
    let update = sqlx::query(
        "UPDATE prospects SET first_name = ?, last_name = ?, gender = ?, birth_date = ?, address = ?, zip = ?, \
         city = ?, email = ?, mobile = ?, phone = ?, language = ?, source = ?, sub_source = ?, note = ?, \
         owner_id = ?, status = ?, next_action = ?, next_action_due = ?, updated_at = ? \
         WHERE id = ? AND deleted_at IS NULL",
    );
    let done = bind_fields!(update, input)
        .bind(super::now_rfc3339())
        .bind(id)
        .execute(&mut *db)
        .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    write_tags(db, id, &input.tags).await?;
    Ok(true)
}

/// Moves a prospect to the trash; `restore` brings it back.
pub async fn delete(db: &mut SqliteConnection, id: i64) -> sqlx::Result<bool> {
    let done =
        sqlx::query("UPDATE prospects SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")
            .bind(super::now_rfc3339())
            .bind(id)
            .execute(db)
            .await?;
    Ok(done.rows_affected() > 0)
}

/// How long the trash keeps a deleted prospect.
pub const TRASH_DAYS: i64 = 30;

/// Deletes for good what has been in the trash longer than [`TRASH_DAYS`].
pub async fn empty_trash(db: &mut SqliteConnection) -> sqlx::Result<u64> {
    let before = chrono::Utc::now() - chrono::Duration::days(TRASH_DAYS);
    let done = sqlx::query("DELETE FROM prospects WHERE deleted_at < ?")
        .bind(before.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// Applies one change to many prospects; returns how many changed. Ids that
/// do not exist (or are not in the state the action needs) are skipped.
pub async fn bulk(
    db: &mut SqliteConnection,
    ids: &[i64],
    action: &BulkAction,
) -> sqlx::Result<u64> {
    let now = super::now_rfc3339();
    let mut affected = 0;
    // One statement per id inside the caller's transaction: SQLite runs
    // these from its page cache, and a bound list of 100,000 ids would
    // exceed its variable limit.
    for &id in ids {
        let done = match action {
            BulkAction::AssignOwner { owner_id } => {
                sqlx::query(
                    "UPDATE prospects SET owner_id = ?, updated_at = ? \
                     WHERE id = ? AND deleted_at IS NULL AND owner_id IS NOT ?",
                )
                .bind(owner_id)
                .bind(&now)
                .bind(id)
                .bind(owner_id)
                .execute(&mut *db)
                .await?
            }
            BulkAction::AddTag { tag } => {
                sqlx::query(
                    "INSERT OR IGNORE INTO prospect_tags (prospect_id, tag) \
                     SELECT id, ? FROM prospects WHERE id = ? AND deleted_at IS NULL",
                )
                .bind(tag.trim())
                .bind(id)
                .execute(&mut *db)
                .await?
            }
            BulkAction::RemoveTag { tag } => {
                sqlx::query("DELETE FROM prospect_tags WHERE prospect_id = ? AND tag = ?")
                    .bind(id)
                    .bind(tag.trim())
                    .execute(&mut *db)
                    .await?
            }
            BulkAction::Delete {} => {
                sqlx::query(
                    "UPDATE prospects SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                )
                .bind(&now)
                .bind(id)
                .execute(&mut *db)
                .await?
            }
            BulkAction::Restore {} => sqlx::query(
                "UPDATE prospects SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL",
            )
            .bind(id)
            .execute(&mut *db)
            .await?,
        };
        affected += done.rows_affected();
    }
    Ok(affected)
}
