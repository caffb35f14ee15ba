//! Deals on the local store: create (from a prospect or not), edit with a
//! version check, and what the detail drawer shows: prospect, activities
//! and history. Moves are `pipelines::move_card`.

use frontdesk_core::model::{Activity, Card, DealDetail, DealInput, HistoryEntry, Pipeline};
use frontdesk_core::validate::{FieldError, FieldErrors};
use sqlx::{SqliteConnection, SqlitePool};

use super::pipelines::{self, CardTable};

#[derive(Debug, thiserror::Error)]
pub enum DealError {
    #[error("no such deal")]
    NotFound,
    #[error("invalid fields")]
    Invalid(FieldErrors),
    #[error("changed meanwhile")]
    Conflict(Box<Card>),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

fn invalid(field: &str, e: FieldError) -> DealError {
    let mut errors = FieldErrors::new();
    errors.insert(field.into(), e);
    DealError::Invalid(errors)
}

/// The pipeline a stage id belongs to, if it is one.
async fn pipeline_of_stage(
    db: &mut SqliteConnection,
    stage_id: &str,
) -> Result<(i64, Pipeline), DealError> {
    let stage: i64 = stage_id
        .parse()
        .map_err(|_| invalid("stage_id", FieldError::NotAllowed))?;
    let pipeline: Option<i64> = sqlx::query_scalar(
        "SELECT s.pipeline_id FROM stages s JOIN pipelines p ON p.id = s.pipeline_id \
         WHERE s.id = ? AND p.kind = 'deals'",
    )
    .bind(stage)
    .fetch_optional(&mut *db)
    .await?;
    let pipeline = pipeline.ok_or_else(|| invalid("stage_id", FieldError::NotAllowed))?;
    let pipeline = pipelines::get(db, pipeline)
        .await?
        .ok_or_else(|| invalid("stage_id", FieldError::NotAllowed))?;
    Ok((stage, pipeline))
}

/// The checks that need the store: the stage, the prospect, the owner, and
/// a reason when the stage is won or lost (and the deal not in it yet).
async fn check_refs(
    db: &mut SqliteConnection,
    input: &DealInput,
    entering: bool,
) -> Result<(i64, Pipeline, Option<i64>, bool), DealError> {
    let (stage, pipeline) = pipeline_of_stage(db, &input.stage_id).await?;
    let mut errors = FieldErrors::new();
    for (field, table, id) in [
        ("prospect_id", "prospects", input.prospect_id),
        ("owner_id", "staff_users", input.owner_id),
    ] {
        if let Some(id) = id {
            let found: Option<i64> =
                sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE id = ?"))
                    .bind(id)
                    .fetch_optional(&mut *db)
                    .await?;
            if found.is_none() {
                errors.insert(field.into(), FieldError::NotAllowed);
            }
        }
    }
    let target = pipeline
        .stages
        .iter()
        .find(|s| s.id == input.stage_id)
        .expect("the stage's own pipeline");
    let closing = target.is_won || target.is_lost;
    let mut reason = None;
    if closing && entering {
        let reasons = if target.is_won {
            &pipeline.win_reasons
        } else {
            &pipeline.lost_reasons
        };
        match &input.reason_id {
            None => {
                errors.insert("reason_id".into(), FieldError::Required);
            }
            Some(r) if reasons.iter().any(|x| &x.id == r) => reason = r.parse().ok(),
            Some(_) => {
                errors.insert("reason_id".into(), FieldError::NotAllowed);
            }
        }
    }
    if errors.is_empty() {
        Ok((stage, pipeline, reason, closing))
    } else {
        Err(DealError::Invalid(errors))
    }
}

pub async fn create(pool: &SqlitePool, input: &DealInput, user_id: i64) -> Result<i64, DealError> {
    let mut tx = super::begin_write(pool).await?;
    let (stage, pipeline, reason, closing) = check_refs(&mut tx, input, true).await?;
    let position = pipelines::key_at_end(&mut tx, CardTable::Deals, stage).await?;
    let now = super::now_rfc3339();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO deals (pipeline_id, stage_id, title, prospect_id, value_cents, currency, probability, \
         expected_close, owner_id, position, version, stage_changed_at, created_at, updated_at, closed_at, \
         close_reason_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(pipeline.id.parse::<i64>().unwrap_or(-1))
    .bind(stage)
    .bind(input.title.trim())
    .bind(input.prospect_id)
    .bind(input.value_cents)
    .bind(&input.currency)
    .bind(input.probability)
    .bind(&input.expected_close)
    .bind(input.owner_id)
    .bind(position)
    .bind(&now)
    .bind(&now)
    .bind(&now)
    .bind(closing.then(|| now.clone()))
    .bind(reason)
    .fetch_one(&mut *tx)
    .await?;
    pipelines::record(
        &mut tx,
        CardTable::Deals,
        id,
        user_id,
        "created",
        None,
        Some(stage),
        reason,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Replaces every editable field, if `input.version` is still the
/// deal's version. A new stage puts the deal at the end of that column.
pub async fn update(
    pool: &SqlitePool,
    id: i64,
    input: &DealInput,
    user_id: i64,
) -> Result<(), DealError> {
    let Some(version) = input.version else {
        return Err(invalid("version", FieldError::Required));
    };
    let mut tx = super::begin_write(pool).await?;
    let current: Option<(i64, i64, i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT pipeline_id, stage_id, version, position, close_reason_id FROM deals WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((pipeline_id, from_stage, stored, position, old_reason)) = current else {
        return Err(DealError::NotFound);
    };
    if stored != version {
        let card = pipelines::card(&mut tx, CardTable::Deals, id)
            .await?
            .ok_or(DealError::NotFound)?;
        return Err(DealError::Conflict(Box::new(card)));
    }
    let entering = input.stage_id != from_stage.to_string();
    let (stage, pipeline, reason, closing) = check_refs(&mut tx, input, entering).await?;
    if pipeline.id != pipeline_id.to_string() {
        return Err(invalid("stage_id", FieldError::NotAllowed));
    }
    let position = if entering {
        pipelines::key_at_end(&mut tx, CardTable::Deals, stage).await?
    } else {
        position
    };
    let now = super::now_rfc3339();
    let reason = if entering { reason } else { old_reason };
    sqlx::query(
        "UPDATE deals SET title = ?, stage_id = ?, prospect_id = ?, value_cents = ?, currency = ?, \
         probability = ?, expected_close = ?, owner_id = ?, position = ?, version = version + 1, \
         updated_at = ?, stage_changed_at = CASE WHEN ? THEN ? ELSE stage_changed_at END, \
         closed_at = CASE WHEN ? THEN (CASE WHEN ? THEN ? ELSE closed_at END) ELSE NULL END, \
         close_reason_id = ? WHERE id = ?",
    )
    .bind(input.title.trim())
    .bind(stage)
    .bind(input.prospect_id)
    .bind(input.value_cents)
    .bind(&input.currency)
    .bind(input.probability)
    .bind(&input.expected_close)
    .bind(input.owner_id)
    .bind(position)
    .bind(&now)
    .bind(entering)
    .bind(&now)
    .bind(closing)
    .bind(entering)
    .bind(&now)
    .bind(if closing { reason } else { None })
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if entering {
        pipelines::record(
            &mut tx,
            CardTable::Deals,
            id,
            user_id,
            "moved",
            Some(from_stage),
            Some(stage),
            reason,
        )
        .await?;
    }
    pipelines::record(
        &mut tx,
        CardTable::Deals,
        id,
        user_id,
        "edited",
        None,
        None,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn detail(db: &mut SqliteConnection, id: i64) -> sqlx::Result<Option<DealDetail>> {
    let Some(card) = pipelines::card(db, CardTable::Deals, id).await? else {
        return Ok(None);
    };
    let pipeline_id: i64 = sqlx::query_scalar("SELECT pipeline_id FROM deals WHERE id = ?")
        .bind(id)
        .fetch_one(&mut *db)
        .await?;
    let prospect = match card.prospect_id {
        Some(p) => super::prospects::get(db, p).await?,
        None => None,
    };
    let activities: Vec<(i64, String, String, String, bool)> = sqlx::query_as(
        "SELECT id, kind, subject, due_date, done_at IS NOT NULL FROM activities WHERE deal_id = ? \
         ORDER BY done_at IS NOT NULL, due_date, id",
    )
    .bind(id)
    .fetch_all(&mut *db)
    .await?;
    type HistoryRow = (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
    );
    let history: Vec<HistoryRow> = sqlx::query_as(
        "SELECT h.at, u.name, f.name, t.name, h.action, r.name FROM card_history h \
         LEFT JOIN staff_users u ON u.id = h.user_id \
         LEFT JOIN stages f ON f.id = h.from_stage_id \
         LEFT JOIN stages t ON t.id = h.to_stage_id \
         LEFT JOIN close_reasons r ON r.id = h.reason_id \
         WHERE h.card_kind = 'deal' AND h.card_id = ? ORDER BY h.at DESC, h.id DESC",
    )
    .bind(id)
    .fetch_all(&mut *db)
    .await?;
    Ok(Some(DealDetail {
        pipeline_id: pipeline_id.to_string(),
        card,
        prospect,
        activities: activities
            .into_iter()
            .map(|(id, kind, subject, due, done)| Activity {
                id,
                kind,
                subject,
                due,
                done,
            })
            .collect(),
        history: history
            .into_iter()
            .map(
                |(at, by, from_stage, to_stage, action, reason)| HistoryEntry {
                    at,
                    by,
                    from_stage,
                    to_stage,
                    action,
                    reason,
                },
            )
            .collect(),
    }))
}
