//! Pipelines on the local store: stages and close reasons, the cards of a
//! board (deals or customers, by the pipeline's kind), and moving a card.
//! Ordering, totals and filters are `core::pipeline`'s, so the page and the
//! server agree on every figure.

use frontdesk_core::model::{Card, Localized, NextActivity, Pipeline, PipelineKind, Reason, Stage};
use frontdesk_core::pipeline;
use sqlx::{SqliteConnection, SqlitePool};

/// Which table a pipeline's cards live in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardTable {
    Deals,
    Customers,
}

impl CardTable {
    pub fn of(kind: PipelineKind) -> Self {
        match kind {
            PipelineKind::Deals => Self::Deals,
            PipelineKind::Lifecycle => Self::Customers,
        }
    }
    fn table(self) -> &'static str {
        match self {
            Self::Deals => "deals",
            Self::Customers => "customers",
        }
    }
    /// The `card_kind` of `card_history`.
    pub fn history_kind(self) -> &'static str {
        match self {
            Self::Deals => "deal",
            Self::Customers => "customer",
        }
    }
}

fn kind_of(text: &str) -> PipelineKind {
    if text == "lifecycle" {
        PipelineKind::Lifecycle
    } else {
        PipelineKind::Deals
    }
}

/// Every pipeline with its stages (board order) and close reasons.
pub async fn list(db: &mut SqliteConnection) -> sqlx::Result<Vec<Pipeline>> {
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, name, kind FROM pipelines ORDER BY id")
            .fetch_all(&mut *db)
            .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, name, kind) in rows {
        out.push(assemble(db, id, name, &kind).await?);
    }
    Ok(out)
}

pub async fn get(db: &mut SqliteConnection, id: i64) -> sqlx::Result<Option<Pipeline>> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT name, kind FROM pipelines WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *db)
            .await?;
    match row {
        Some((name, kind)) => Ok(Some(assemble(db, id, name, &kind).await?)),
        None => Ok(None),
    }
}

async fn assemble(
    db: &mut SqliteConnection,
    id: i64,
    name: String,
    kind: &str,
) -> sqlx::Result<Pipeline> {
    type StageRow = (i64, String, String, String, i64, bool, bool, Option<i64>);
    let stages: Vec<StageRow> = sqlx::query_as(
        "SELECT id, name, labels, colour, probability, is_won, is_lost, rotting_days FROM stages \
         WHERE pipeline_id = ? ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&mut *db)
    .await?;
    let reasons: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, kind, name, labels FROM close_reasons WHERE pipeline_id = ? \
         ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&mut *db)
    .await?;
    let reason = |want: &str| {
        reasons
            .iter()
            .filter(|(_, k, _, _)| k == want)
            .map(|(id, _, name, labels)| Reason {
                id: id.to_string(),
                name: name.clone(),
                labels: Localized::from_json(labels),
            })
            .collect()
    };
    Ok(Pipeline {
        id: id.to_string(),
        name,
        kind: kind_of(kind),
        stages: stages
            .into_iter()
            .map(
                |(id, name, labels, colour, probability, is_won, is_lost, rotting)| Stage {
                    id: id.to_string(),
                    name,
                    labels: Localized::from_json(&labels),
                    colour,
                    probability: probability.clamp(0, 100) as u8,
                    is_won,
                    is_lost,
                    rotting_days: rotting.and_then(|d| u32::try_from(d).ok()),
                },
            )
            .collect(),
        win_reasons: reason("won"),
        lost_reasons: reason("lost"),
    })
}

/// The cards of either table as the board reads them, each row one JSON
/// array in [`CardRow`]'s field order, all rows one JSON array: sqlx hands
/// rows over one at a time from its SQLite worker, and for a board of 1,000
/// cards that cost 15 to 30 ms where SQLite itself takes 5 (measured on
/// the bench's board); one row of JSON costs the query and a parse.
fn card_select(table: CardTable) -> &'static str {
    match table {
        CardTable::Deals => {
            "SELECT json_group_array(json_array(d.id, d.stage_id, d.position, d.version, d.title, \
             COALESCE(TRIM(p.first_name || ' ' || p.last_name), ''), d.prospect_id, \
             d.value_cents, d.currency, d.probability, d.expected_close, d.owner_id, u.name, \
             a.due_date, a.subject, d.stage_changed_at, d.closed_at, r.name)) \
             FROM deals d \
             LEFT JOIN prospects p ON p.id = d.prospect_id \
             LEFT JOIN staff_users u ON u.id = d.owner_id \
             LEFT JOIN close_reasons r ON r.id = d.close_reason_id \
             LEFT JOIN activities a ON a.id = (SELECT id FROM activities x WHERE x.deal_id = d.id \
                 AND x.done_at IS NULL ORDER BY x.due_date, x.id LIMIT 1)"
        }
        CardTable::Customers => {
            "SELECT json_group_array(json_array(d.id, d.stage_id, d.position, d.version, d.name, \
             d.email, d.prospect_id, 0, 'EUR', NULL, NULL, d.owner_id, u.name, d.next_action_due, \
             d.next_action, d.stage_changed_at, NULL, NULL)) \
             FROM customers d \
             LEFT JOIN staff_users u ON u.id = d.owner_id"
        }
    }
}

/// The cards `card_select` with `condition` finds, in no order.
async fn select_cards(
    db: &mut SqliteConnection,
    table: CardTable,
    condition: &str,
    id: i64,
) -> sqlx::Result<Vec<Card>> {
    let json: String = sqlx::query_scalar(&format!("{} WHERE {condition}", card_select(table)))
        .bind(id)
        .fetch_one(&mut *db)
        .await?;
    let rows: Vec<CardRow> =
        serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok(rows.into_iter().map(card_of).collect())
}

/// One card as `card_select` writes it: serde reads a struct from an array
/// in field order.
#[derive(serde::Deserialize)]
struct CardRow {
    id: i64,
    stage_id: i64,
    position: String,
    version: i64,
    title: String,
    subtitle: String,
    prospect_id: Option<i64>,
    value_cents: i64,
    currency: String,
    probability: Option<i64>,
    expected_close: Option<String>,
    owner_id: Option<i64>,
    owner_name: Option<String>,
    next_due: Option<String>,
    next_subject: Option<String>,
    stage_changed_at: String,
    closed_at: Option<String>,
    close_reason: Option<String>,
}

fn card_of(r: CardRow) -> Card {
    Card {
        id: r.id.to_string(),
        stage_id: r.stage_id.to_string(),
        position: r.position,
        version: r.version,
        title: r.title,
        subtitle: r.subtitle,
        prospect_id: r.prospect_id,
        value_cents: r.value_cents,
        currency: r.currency,
        probability: r.probability.map(|p| p.clamp(0, 100) as u8),
        expected_close: r.expected_close,
        owner_id: r.owner_id,
        owner_name: r.owner_name,
        next_activity: r.next_due.map(|due| NextActivity {
            due,
            subject: r.next_subject.unwrap_or_default(),
        }),
        stage_changed_at: r.stage_changed_at,
        closed_at: r.closed_at,
        close_reason: r.close_reason,
    }
}

/// Every card of a pipeline, in board order. Filtering happens afterwards
/// with `core::pipeline::BoardFilter`, the same function the page runs.
pub async fn cards(db: &mut SqliteConnection, pipeline: &Pipeline) -> sqlx::Result<Vec<Card>> {
    let table = CardTable::of(pipeline.kind);
    let mut cards = select_cards(
        db,
        table,
        "d.pipeline_id = ?",
        pipeline.id.parse::<i64>().unwrap_or(-1),
    )
    .await?;
    pipeline::sort_cards(&pipeline.stages, &mut cards);
    Ok(cards)
}

pub async fn card(
    db: &mut SqliteConnection,
    table: CardTable,
    id: i64,
) -> sqlx::Result<Option<Card>> {
    Ok(select_cards(db, table, "d.id = ?", id).await?.pop())
}

/// Why a move was refused.
#[derive(Debug, thiserror::Error)]
pub enum MoveError {
    #[error("no such card")]
    NotFound,
    #[error("not a stage of this pipeline")]
    Stage,
    #[error("a won or lost stage needs a reason of its kind")]
    Reason,
    /// Someone else wrote the card after the version the client saw.
    #[error("changed meanwhile")]
    Conflict(Box<Card>),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// What a move asks for, in the store's ids.
pub struct Move<'a> {
    pub card_id: i64,
    pub stage_id: i64,
    pub after_id: Option<&'a str>,
    pub before_id: Option<&'a str>,
    pub version: i64,
    pub reason_id: Option<i64>,
    pub user_id: i64,
}

/// Moves a card to a stage and a place in it, in one write transaction
/// (BEGIN IMMEDIATE, so two moves cannot both read the old order): checks
/// the version, the stage and the reason, computes the position from the
/// neighbours as they are now, renumbers the column when the gap has run
/// out of room, and records the change in the card's history.
pub async fn move_card(
    pool: &SqlitePool,
    pipeline: &Pipeline,
    m: &Move<'_>,
) -> Result<(Card, bool), MoveError> {
    let table = CardTable::of(pipeline.kind);
    let pipeline_id: i64 = pipeline.id.parse().unwrap_or(-1);
    let mut tx = super::begin_write(pool).await?;
    let current: Option<(i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT pipeline_id, stage_id, version FROM {} WHERE id = ?",
        table.table()
    ))
    .bind(m.card_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((card_pipeline, from_stage, version)) = current else {
        return Err(MoveError::NotFound);
    };
    if card_pipeline != pipeline_id {
        return Err(MoveError::NotFound);
    }
    let target = pipeline
        .stages
        .iter()
        .find(|s| s.id == m.stage_id.to_string())
        .ok_or(MoveError::Stage)?;
    if version != m.version {
        let card = card(&mut tx, table, m.card_id)
            .await?
            .ok_or(MoveError::NotFound)?;
        return Err(MoveError::Conflict(Box::new(card)));
    }
    let closing = table == CardTable::Deals && (target.is_won || target.is_lost);
    let reason = if closing {
        let reasons = if target.is_won {
            &pipeline.win_reasons
        } else {
            &pipeline.lost_reasons
        };
        let id = m.reason_id.ok_or(MoveError::Reason)?;
        if !reasons.iter().any(|r| r.id == id.to_string()) {
            return Err(MoveError::Reason);
        }
        Some(id)
    } else {
        None
    };

    let column: Vec<(i64, String)> = sqlx::query_as(&format!(
        "SELECT id, position FROM {} WHERE pipeline_id = ? AND stage_id = ? ORDER BY position, id",
        table.table()
    ))
    .bind(pipeline_id)
    .bind(m.stage_id)
    .fetch_all(&mut *tx)
    .await?;
    let column: Vec<(String, String)> = column
        .into_iter()
        .map(|(id, key)| (id.to_string(), key))
        .collect();
    let placement = pipeline::place(&column, &m.card_id.to_string(), m.after_id, m.before_id);
    let renumbered = placement.renumbered.is_some();
    if let Some(all) = &placement.renumbered {
        // Renumbering is bookkeeping, not an edit: versions stay, so nobody
        // else's move of those cards turns into a conflict.
        for (id, key) in all {
            sqlx::query(&format!(
                "UPDATE {} SET position = ? WHERE id = ?",
                table.table()
            ))
            .bind(key)
            .bind(id.parse::<i64>().unwrap_or(-1))
            .execute(&mut *tx)
            .await?;
        }
    }
    let now = super::now_rfc3339();
    let stage_changed = from_stage != m.stage_id;
    let close_sql = match table {
        CardTable::Deals => ", closed_at = ?, close_reason_id = ?",
        CardTable::Customers => "",
    };
    let sql = format!(
        "UPDATE {} SET stage_id = ?, position = ?, version = version + 1, updated_at = ?, \
         stage_changed_at = CASE WHEN ? THEN ? ELSE stage_changed_at END{close_sql} WHERE id = ?",
        table.table()
    );
    let mut update = sqlx::query(&sql)
        .bind(m.stage_id)
        .bind(&placement.key)
        .bind(&now)
        .bind(stage_changed)
        .bind(&now);
    if table == CardTable::Deals {
        // A deal keeps its close date while reordered within a closed
        // column; it gets a new one on entering it, and none when reopened.
        let closed_at: Option<String> = if !closing {
            None
        } else if stage_changed {
            Some(now.clone())
        } else {
            sqlx::query_scalar("SELECT closed_at FROM deals WHERE id = ?")
                .bind(m.card_id)
                .fetch_one(&mut *tx)
                .await?
        };
        update = update.bind(closed_at).bind(reason);
    }
    update.bind(m.card_id).execute(&mut *tx).await?;
    record(
        &mut tx,
        table,
        m.card_id,
        m.user_id,
        if stage_changed { "moved" } else { "reordered" },
        Some(from_stage),
        Some(m.stage_id),
        reason,
    )
    .await?;
    let card = card(&mut tx, table, m.card_id)
        .await?
        .ok_or(MoveError::NotFound)?;
    tx.commit().await?;
    Ok((card, renumbered))
}

/// One line of a card's history.
#[allow(clippy::too_many_arguments)]
pub async fn record(
    db: &mut SqliteConnection,
    table: CardTable,
    card_id: i64,
    user_id: i64,
    action: &str,
    from_stage: Option<i64>,
    to_stage: Option<i64>,
    reason: Option<i64>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO card_history (card_kind, card_id, at, user_id, action, from_stage_id, to_stage_id, \
         reason_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(table.history_kind())
    .bind(card_id)
    .bind(super::now_rfc3339())
    .bind(user_id)
    .bind(action)
    .bind(from_stage)
    .bind(to_stage)
    .bind(reason)
    .execute(db)
    .await?;
    Ok(())
}

/// The key of a new card at the end of a stage; like a move, it renumbers
/// the column when the end has run out of short keys.
pub async fn key_at_end(
    db: &mut SqliteConnection,
    table: CardTable,
    stage_id: i64,
) -> sqlx::Result<String> {
    let column: Vec<(i64, String)> = sqlx::query_as(&format!(
        "SELECT id, position FROM {} WHERE stage_id = ? ORDER BY position, id",
        table.table()
    ))
    .bind(stage_id)
    .fetch_all(&mut *db)
    .await?;
    let column: Vec<(String, String)> = column
        .into_iter()
        .map(|(id, key)| (id.to_string(), key))
        .collect();
    let last = column.last().map(|(id, _)| id.clone());
    // "new" is no card's id (ids are numbers).
    let placement = pipeline::place(&column, "new", last.as_deref(), None);
    for (id, key) in placement.renumbered.iter().flatten() {
        if let Ok(id) = id.parse::<i64>() {
            sqlx::query(&format!(
                "UPDATE {} SET position = ? WHERE id = ?",
                table.table()
            ))
            .bind(key)
            .bind(id)
            .execute(&mut *db)
            .await?;
        }
    }
    Ok(placement.key)
}
