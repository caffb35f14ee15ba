//! Sales steps on the local store: the plan, where each prospect stands,
//! and the history of chosen results.

use frontdesk_core::model::{SalesAction, SalesHistoryEntry, SalesResult, SalesStep};
use frontdesk_core::sales::Labels;
use sqlx::SqliteConnection;

use super::appointments;

#[derive(sqlx::FromRow)]
struct StepRow {
    id: i64,
    position: i64,
    name_nl: String,
    name_fr: String,
    name_en: String,
}

#[derive(sqlx::FromRow)]
struct ResultRow {
    id: i64,
    step_id: i64,
    label_nl: String,
    label_fr: String,
    label_en: String,
    action: String,
    appointment_type_id: Option<i64>,
    agenda_id: Option<i64>,
    next_step_id: Option<i64>,
    set_status: Option<String>,
    callback_days: Option<i64>,
}

const RESULT_COLUMNS: &str = "r.id, r.step_id, r.label_nl, r.label_fr, r.label_en, r.action, \
     r.appointment_type_id, t.agenda_id, r.next_step_id, r.set_status, r.callback_days \
     FROM sales_results r LEFT JOIN appointment_types t ON t.id = r.appointment_type_id";

fn action_of(text: &str) -> SalesAction {
    match text {
        "book" => SalesAction::BookAppointment,
        "close" => SalesAction::Close,
        _ => SalesAction::None,
    }
}

fn result_of(r: ResultRow, lang: &str) -> SalesResult {
    SalesResult {
        id: r.id,
        label: Labels {
            nl: &r.label_nl,
            fr: &r.label_fr,
            en: &r.label_en,
        }
        .pick(lang)
        .to_owned(),
        action: action_of(&r.action),
        appointment_type_id: r.appointment_type_id,
        agenda_id: r.agenda_id,
        next_step_id: r.next_step_id,
        set_status: r.set_status,
        callback_days: r.callback_days.map(|d| d.clamp(0, 365) as u32),
    }
}

fn step_of(s: StepRow, results: Vec<SalesResult>, lang: &str) -> SalesStep {
    SalesStep {
        id: s.id,
        position: s.position,
        name: Labels {
            nl: &s.name_nl,
            fr: &s.name_fr,
            en: &s.name_en,
        }
        .pick(lang)
        .to_owned(),
        results,
    }
}

/// The whole plan, steps and results in their order, labels in `lang`.
pub async fn plan(db: &mut SqliteConnection, lang: &str) -> sqlx::Result<Vec<SalesStep>> {
    let steps: Vec<StepRow> = sqlx::query_as(
        "SELECT id, position, name_nl, name_fr, name_en FROM sales_steps ORDER BY position, id",
    )
    .fetch_all(&mut *db)
    .await?;
    let mut results: Vec<ResultRow> = sqlx::query_as(&format!(
        "SELECT {RESULT_COLUMNS} ORDER BY r.step_id, r.position, r.id"
    ))
    .fetch_all(&mut *db)
    .await?;
    Ok(steps
        .into_iter()
        .map(|s| {
            let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut results)
                .into_iter()
                .partition(|r| r.step_id == s.id);
            results = rest;
            let mine = mine.into_iter().map(|r| result_of(r, lang)).collect();
            step_of(s, mine, lang)
        })
        .collect())
}

pub async fn step(
    db: &mut SqliteConnection,
    id: i64,
    lang: &str,
) -> sqlx::Result<Option<SalesStep>> {
    let Some(row): Option<StepRow> = sqlx::query_as(
        "SELECT id, position, name_nl, name_fr, name_en FROM sales_steps WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *db)
    .await?
    else {
        return Ok(None);
    };
    let results: Vec<ResultRow> = sqlx::query_as(&format!(
        "SELECT {RESULT_COLUMNS} WHERE r.step_id = ? ORDER BY r.position, r.id"
    ))
    .bind(id)
    .fetch_all(&mut *db)
    .await?;
    let results = results.into_iter().map(|r| result_of(r, lang)).collect();
    Ok(Some(step_of(row, results, lang)))
}

/// The step a prospect stands on: its own, else (never started) the plan's
/// first; `None` when its process has ended or the plan is empty.
pub async fn current_step_id(
    db: &mut SqliteConnection,
    prospect_id: i64,
) -> sqlx::Result<Option<i64>> {
    let own: Option<Option<i64>> =
        sqlx::query_scalar("SELECT step_id FROM prospect_sales WHERE prospect_id = ?")
            .bind(prospect_id)
            .fetch_optional(&mut *db)
            .await?;
    match own {
        Some(step) => Ok(step),
        None => {
            sqlx::query_scalar("SELECT id FROM sales_steps ORDER BY position, id LIMIT 1")
                .fetch_optional(&mut *db)
                .await
        }
    }
}

/// The result `result_id` if the step offers it.
pub async fn result_at(
    db: &mut SqliteConnection,
    step_id: i64,
    result_id: i64,
    lang: &str,
) -> sqlx::Result<Option<SalesResult>> {
    let row: Option<ResultRow> = sqlx::query_as(&format!(
        "SELECT {RESULT_COLUMNS} WHERE r.step_id = ? AND r.id = ?"
    ))
    .bind(step_id)
    .bind(result_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| result_of(r, lang)))
}

#[derive(sqlx::FromRow)]
struct HistoryRow {
    id: i64,
    created_at: String,
    step_id: Option<i64>,
    name_nl: Option<String>,
    name_fr: Option<String>,
    name_en: Option<String>,
    result_id: Option<i64>,
    label_nl: Option<String>,
    label_fr: Option<String>,
    label_en: Option<String>,
    employee_id: Option<i64>,
    employee_name: Option<String>,
    note: String,
    appointment_id: Option<i64>,
}

fn pick(nl: &Option<String>, fr: &Option<String>, en: &Option<String>, lang: &str) -> String {
    fn text(t: &Option<String>) -> &str {
        t.as_deref().unwrap_or("")
    }
    Labels {
        nl: text(nl),
        fr: text(fr),
        en: text(en),
    }
    .pick(lang)
    .to_owned()
}

/// What was chosen for a prospect, newest first.
pub async fn history(
    db: &mut SqliteConnection,
    prospect_id: i64,
    lang: &str,
) -> sqlx::Result<Vec<SalesHistoryEntry>> {
    let rows: Vec<HistoryRow> = sqlx::query_as(
        "SELECT h.id, h.created_at, h.step_id, s.name_nl, s.name_fr, s.name_en, h.result_id, \
         r.label_nl, r.label_fr, r.label_en, h.employee_id, u.name AS employee_name, h.note, \
         h.appointment_id FROM sales_history h \
         LEFT JOIN sales_steps s ON s.id = h.step_id \
         LEFT JOIN sales_results r ON r.id = h.result_id \
         LEFT JOIN staff_users u ON u.id = h.employee_id \
         WHERE h.prospect_id = ? ORDER BY h.created_at DESC, h.id DESC",
    )
    .bind(prospect_id)
    .fetch_all(&mut *db)
    .await?;
    let mut entries = Vec::with_capacity(rows.len());
    for h in rows {
        let appointment = match h.appointment_id {
            Some(id) => appointments::by_id(db, id).await?,
            None => None,
        };
        entries.push(SalesHistoryEntry {
            id: h.id,
            created_at: h.created_at,
            step_id: h.step_id,
            step_name: pick(&h.name_nl, &h.name_fr, &h.name_en, lang),
            result_id: h.result_id,
            result_label: pick(&h.label_nl, &h.label_fr, &h.label_en, lang),
            employee_id: h.employee_id,
            employee_name: h.employee_name,
            note: h.note,
            appointment,
        });
    }
    Ok(entries)
}

/// One chosen result, as it is written to the history.
pub struct Entry<'a> {
    pub prospect_id: i64,
    pub step_id: i64,
    pub result_id: i64,
    pub employee_id: i64,
    pub note: &'a str,
    pub appointment_id: Option<i64>,
    pub created_at: &'a str,
}

pub async fn record(db: &mut SqliteConnection, e: Entry<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO sales_history (prospect_id, step_id, result_id, employee_id, note, appointment_id, \
         created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(e.prospect_id)
    .bind(e.step_id)
    .bind(e.result_id)
    .bind(e.employee_id)
    .bind(e.note.trim())
    .bind(e.appointment_id)
    .bind(e.created_at)
    .fetch_one(db)
    .await
}

/// Puts the prospect on `step` (`None`: the process has ended).
pub async fn move_to(
    db: &mut SqliteConnection,
    prospect_id: i64,
    step: Option<i64>,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO prospect_sales (prospect_id, step_id, updated_at) VALUES (?, ?, ?) \
         ON CONFLICT (prospect_id) DO UPDATE SET step_id = excluded.step_id, updated_at = excluded.updated_at",
    )
    .bind(prospect_id)
    .bind(step)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// What a result changes on the prospect itself: its status, and a next
/// action with a due date ("call back in N days").
pub struct ProspectChange<'a> {
    pub status: Option<&'a str>,
    pub next_action: Option<(&'a str, String)>,
}

pub async fn change_prospect(
    db: &mut SqliteConnection,
    prospect_id: i64,
    change: ProspectChange<'_>,
    now: &str,
) -> sqlx::Result<()> {
    if change.status.is_none() && change.next_action.is_none() {
        return Ok(());
    }
    let (action, due) = change.next_action.unzip();
    sqlx::query(
        "UPDATE prospects SET status = COALESCE(?, status), \
         next_action = COALESCE(?, next_action), next_action_due = COALESCE(?, next_action_due), \
         updated_at = ? WHERE id = ?",
    )
    .bind(change.status)
    .bind(action)
    .bind(due)
    .bind(now)
    .bind(prospect_id)
    .execute(db)
    .await?;
    Ok(())
}
