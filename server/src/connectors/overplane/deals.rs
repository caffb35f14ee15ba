//! Overplane's opportunities as the board's deals pipeline.
//!
//! Overplane lists opportunities only per prospect (`?parent_id=`), so the
//! board reads a mirror (`store::vendor_cards`), synced by asking each
//! mirrored prospect's list, a few at once. Its stages come from the
//! configuration (Overplane has no list of them); a stage an opportunity
//! has that the configuration does not know is a column of its own, never
//! dropped. The order within a column is Frontdesk's.
//!
//! Overplane's opportunity has no `updated_at`, so a move or an edit
//! re-reads the record first: changed there since the board read it, it is
//! a conflict and nothing is written. A write is a PATCH of what changed.

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::NaiveDate;
use frontdesk_core::model::{
    Card, DealDetail, DealInput, MoveResult, Pipeline, PipelineKind, Stage,
};
use frontdesk_core::validate::{FieldError, FieldErrors};
use futures_util::StreamExt;
use reqwest::Method;
use serde_json::{Map, Value, json};
use sqlx::SqlitePool;

use super::{NAME, Overplane, SYSTEM, assumed};
use crate::connectors::config::{OverplaneStage, OverplaneTable};
use crate::connectors::error::ConnectorError;
use crate::connectors::http::VendorRequest;
use crate::connectors::pipelines::{CardMove, PipelineError, Pipelines};
use crate::store::vendor_cards::{self as cards, VendorCard};
use crate::store::{self, mirror};

/// The one pipeline's id.
pub const PIPELINE_ID: &str = "overplane";
const OPPORTUNITIES: &str = "/api/crm/prospect-opportunity";

/// What one sync of the opportunities did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DealSync {
    pub parents: u64,
    pub fetched: u64,
    pub changed: u64,
    pub removed: u64,
}

pub struct OverplaneDeals {
    op: Arc<Overplane>,
    db: SqlitePool,
    stages: Vec<OverplaneStage>,
    currency: String,
}

fn text<'a>(record: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    record
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn cents(record: &Map<String, Value>) -> i64 {
    record
        .get("amount")
        .and_then(Value::as_f64)
        .map_or(0, |a| (a * 100.0).round() as i64)
}

fn amount(value_cents: i64) -> Value {
    if value_cents % 100 == 0 {
        json!(value_cents / 100)
    } else {
        json!(value_cents as f64 / 100.0)
    }
}

impl OverplaneDeals {
    pub fn new(op: Arc<Overplane>, db: SqlitePool, table: &OverplaneTable) -> Arc<Self> {
        let stages = table.stages.clone().unwrap_or_else(|| {
            assumed::STAGES
                .iter()
                .map(|(name, probability, won, lost)| OverplaneStage {
                    name: (*name).to_owned(),
                    probability: *probability,
                    won: *won,
                    lost: *lost,
                })
                .collect()
        });
        Arc::new(Self {
            op,
            db,
            stages,
            currency: table
                .currency
                .clone()
                .unwrap_or_else(|| assumed::CURRENCY.to_owned()),
        })
    }

    /// The stage an opportunity is in; one with none goes in the first.
    fn stage_of(&self, record: &Map<String, Value>) -> String {
        text(record, "stage")
            .map(str::to_owned)
            .or_else(|| self.stages.first().map(|s| s.name.clone()))
            .unwrap_or_default()
    }

    /// The opportunities of one prospect, as Overplane has them now.
    async fn of_parent(&self, parent: &str) -> Result<Vec<Map<String, Value>>, ConnectorError> {
        #[derive(serde::Deserialize)]
        struct Page {
            data: Vec<Map<String, Value>>,
        }
        let page: Page = self
            .op
            .call(VendorRequest::get(OPPORTUNITIES).query("parent_id", parent))
            .await?;
        for (i, r) in page.data.iter().enumerate() {
            if text(r, "id").is_none() {
                return Err(ConnectorError::Malformed {
                    system: SYSTEM,
                    field: format!("data[{i}].id"),
                });
            }
        }
        Ok(page.data)
    }

    async fn fresh(&self, card: &VendorCard) -> Result<Option<Map<String, Value>>, ConnectorError> {
        Ok(self
            .of_parent(&card.parent_remote_id)
            .await?
            .into_iter()
            .find(|r| text(r, "id") == Some(card.remote_id.as_str())))
    }

    async fn keep(&self, record: &Map<String, Value>, parent: &str) -> Result<(), ConnectorError> {
        let id = text(record, "id").ok_or_else(|| ConnectorError::Malformed {
            system: SYSTEM,
            field: "id".into(),
        })?;
        let mut tx = store::begin_write(&self.db).await?;
        cards::put(
            &mut tx,
            NAME,
            id,
            parent,
            &self.stage_of(record),
            record,
            &store::now_rfc3339(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Waits (up to a minute) for the prospects' first complete sync: the
    /// opportunities are read per mirrored prospect.
    pub async fn after_prospects(&self) -> Result<(), ConnectorError> {
        for _ in 0..240 {
            let done: Option<Option<String>> = sqlx::query_scalar(
                "SELECT last_complete_at FROM sync_state WHERE capability = 'prospects' AND connector = ?",
            )
            .bind(NAME)
            .fetch_optional(&self.db)
            .await?;
            if done.flatten().is_some() {
                return Ok(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        Ok(())
    }

    /// Reads every mirrored prospect's opportunities, a few at once, and
    /// keeps them. A prospect whose list failed keeps its cards as they
    /// were; the first failure is returned once the rest are kept.
    pub async fn sync(&self) -> Result<DealSync, ConnectorError> {
        let parents: Vec<String> = sqlx::query_scalar(
            "SELECT remote_id FROM prospects WHERE vendor = ? AND deleted_at IS NULL",
        )
        .bind(NAME)
        .fetch_all(&self.db)
        .await?;
        let mut report = DealSync {
            parents: parents.len() as u64,
            ..DealSync::default()
        };
        let mut first_error = None;
        let mut lists = futures_util::stream::iter(parents.iter().cloned())
            .map(|parent| async move {
                let list = self.of_parent(&parent).await;
                (parent, list)
            })
            .buffer_unordered(assumed::PARENTS_AT_ONCE);
        while let Some((parent, list)) = lists.next().await {
            let list = match list {
                Ok(list) => list,
                Err(e) => {
                    first_error.get_or_insert(e);
                    continue;
                }
            };
            let now = store::now_rfc3339();
            let mut tx = store::begin_write(&self.db).await?;
            let mut kept = Vec::new();
            for record in &list {
                let id = text(record, "id").unwrap_or_default().to_owned();
                let put = cards::put(
                    &mut tx,
                    NAME,
                    &id,
                    &parent,
                    &self.stage_of(record),
                    record,
                    &now,
                )
                .await?;
                report.fetched += 1;
                if put != cards::Put::Same {
                    report.changed += 1;
                }
                kept.push(id);
            }
            report.removed += cards::drop_missing(&mut tx, NAME, &parent, &kept).await?;
            tx.commit().await?;
        }
        drop(lists);
        if let Some(e) = first_error {
            return Err(e);
        }
        // The cards of prospects no longer mirrored go with them.
        report.removed += sqlx::query(
            "DELETE FROM vendor_cards WHERE vendor = ? AND parent_remote_id NOT IN \
             (SELECT remote_id FROM prospects WHERE vendor = ? AND deleted_at IS NULL)",
        )
        .bind(NAME)
        .bind(NAME)
        .execute(&self.db)
        .await?
        .rows_affected();
        Ok(report)
    }

    /// Keeps one prospect's opportunities as the drawer just read or wrote
    /// them (`list` in Overplane's order, by `idx`), and makes the board
    /// follow that order where it can: Overplane orders a prospect's
    /// opportunities, not a column (a column mixes prospects), so within
    /// each column the prospect's cards take the places they already hold,
    /// in Overplane's order, and every other card stays where it is.
    pub async fn follow(
        &self,
        parent: &str,
        list: &[Map<String, Value>],
    ) -> Result<(), ConnectorError> {
        let now = store::now_rfc3339();
        let mut tx = store::begin_write(&self.db).await?;
        let mut kept = Vec::new();
        for record in list {
            let Some(id) = text(record, "id") else {
                continue;
            };
            cards::put(
                &mut tx,
                NAME,
                id,
                parent,
                &self.stage_of(record),
                record,
                &now,
            )
            .await?;
            kept.push(id.to_owned());
        }
        cards::drop_missing(&mut tx, NAME, parent, &kept).await?;
        let mut by_stage: HashMap<String, Vec<VendorCard>> = HashMap::new();
        for id in &kept {
            if let Some(c) = cards::one(&mut tx, NAME, id).await? {
                by_stage.entry(c.stage.clone()).or_default().push(c);
            }
        }
        for in_order in by_stage.into_values() {
            let mut places: Vec<String> = in_order.iter().map(|c| c.position.clone()).collect();
            places.sort();
            for (card, place) in in_order.iter().zip(places) {
                if card.position != place {
                    sqlx::query(
                        "UPDATE vendor_cards SET position = ?, version = version + 1 \
                         WHERE vendor = ? AND remote_id = ?",
                    )
                    .bind(&place)
                    .bind(NAME)
                    .bind(&card.remote_id)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        tx.commit().await?;
        Ok(())
    }

    fn stage(&self, s: &OverplaneStage) -> Stage {
        Stage {
            id: s.name.clone(),
            name: s.name.clone(),
            labels: Default::default(),
            colour: if s.won {
                "#2e7d32".into()
            } else if s.lost {
                "#9e9e9e".into()
            } else {
                "#1565c0".into()
            },
            probability: s.probability,
            is_won: s.won,
            is_lost: s.lost,
            rotting_days: None,
        }
    }

    async fn pipeline(&self) -> Result<Pipeline, ConnectorError> {
        let mut stages: Vec<Stage> = self.stages.iter().map(|s| self.stage(s)).collect();
        let seen: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT stage FROM vendor_cards WHERE vendor = ? ORDER BY stage",
        )
        .bind(NAME)
        .fetch_all(&self.db)
        .await?;
        for name in seen {
            if !stages.iter().any(|s| s.id == name) {
                stages.push(Stage {
                    id: name.clone(),
                    colour: "#6d4c41".into(),
                    name,
                    labels: Default::default(),
                    probability: 0,
                    is_won: false,
                    is_lost: false,
                    rotting_days: None,
                });
            }
        }
        Ok(Pipeline {
            id: PIPELINE_ID.into(),
            name: SYSTEM.into(),
            kind: PipelineKind::Deals,
            stages,
            win_reasons: Vec::new(),
            lost_reasons: Vec::new(),
        })
    }

    /// The mirrored prospects by their id there: (Frontdesk's id, name).
    async fn parents(&self) -> Result<HashMap<String, (i64, String)>, ConnectorError> {
        let rows: Vec<(String, i64, String)> = sqlx::query_as(
            "SELECT remote_id, id, last_name FROM prospects WHERE vendor = ? AND deleted_at IS NULL",
        )
        .bind(NAME)
        .fetch_all(&self.db)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(r, id, name)| (r, (id, name)))
            .collect())
    }

    fn card_of(&self, c: &VendorCard, parent: Option<&(i64, String)>) -> Card {
        let r = c.fields();
        let closed = self
            .stages
            .iter()
            .any(|s| s.name == c.stage && (s.won || s.lost));
        Card {
            id: c.remote_id.clone(),
            stage_id: c.stage.clone(),
            position: c.position.clone(),
            version: c.version,
            title: text(&r, "opportunity").unwrap_or("—").to_owned(),
            subtitle: parent.map(|(_, n)| n.clone()).unwrap_or_default(),
            prospect_id: parent.map(|(id, _)| *id),
            value_cents: cents(&r),
            currency: text(&r, "currency")
                .filter(|c| c.len() == 3)
                .unwrap_or(&self.currency)
                .to_ascii_uppercase(),
            probability: r
                .get("probability")
                .and_then(Value::as_f64)
                .map(|p| p.clamp(0.0, 100.0).round() as u8),
            expected_close: text(&r, "expected_closing")
                .filter(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
                .map(str::to_owned),
            owner_id: None,
            owner_name: text(&r, "deal_owner").map(str::to_owned),
            next_activity: None,
            stage_changed_at: c.stage_changed_at.clone(),
            closed_at: closed.then(|| c.stage_changed_at.clone()),
            close_reason: None,
        }
    }

    async fn card(&self, remote_id: &str) -> Result<Option<Card>, ConnectorError> {
        let mut db = self.db.acquire().await?;
        let Some(c) = cards::one(&mut db, NAME, remote_id).await? else {
            return Ok(None);
        };
        drop(db);
        let parents = self.parents().await?;
        Ok(Some(self.card_of(&c, parents.get(&c.parent_remote_id))))
    }

    /// The card as the person saw it (`version`), and as Overplane has it
    /// now; either changed since is a conflict with the card as it is.
    async fn unchanged(&self, remote_id: &str, version: i64) -> Result<VendorCard, PipelineError> {
        let mut db = self.db.acquire().await?;
        let row = cards::one(&mut db, NAME, remote_id)
            .await?
            .ok_or(PipelineError::NotFound)?;
        drop(db);
        let conflict = |card: Option<Card>| match card {
            Some(c) => PipelineError::Conflict(Box::new(c)),
            None => PipelineError::NotFound,
        };
        if row.version != version {
            return Err(conflict(self.card(remote_id).await?));
        }
        match self.fresh(&row).await? {
            None => {
                let mut tx = store::begin_write(&self.db).await?;
                cards::remove(&mut tx, NAME, remote_id).await?;
                tx.commit().await?;
                Err(PipelineError::NotFound)
            }
            Some(now) if cards::digest(&now) != row.hash => {
                self.keep(&now, &row.parent_remote_id).await?;
                Err(conflict(self.card(remote_id).await?))
            }
            Some(_) => Ok(row),
        }
    }

    async fn patch(
        &self,
        remote_id: &str,
        body: Value,
        parent: &str,
    ) -> Result<(), ConnectorError> {
        let safe: String = remote_id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
            .collect();
        let answer: Map<String, Value> = self
            .op
            .call(VendorRequest::write(Method::PATCH, format!("{OPPORTUNITIES}/{safe}")).json(body))
            .await?;
        self.keep(&answer, parent).await
    }

    /// The fields of `input` as Overplane names them.
    fn wire(&self, input: &DealInput) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("opportunity".into(), json!(input.title.trim()));
        m.insert("amount".into(), amount(input.value_cents));
        m.insert("stage".into(), json!(input.stage_id));
        m.insert("currency".into(), json!(input.currency));
        if let Some(p) = input.probability {
            m.insert("probability".into(), json!(p));
        }
        if let Some(d) = &input.expected_close {
            m.insert("expected_closing".into(), json!(d));
        }
        m
    }
}

/// The position of neighbour `id` when it is in `stage`.
async fn position_in(
    db: &mut sqlx::SqliteConnection,
    id: Option<&str>,
    stage: &str,
) -> sqlx::Result<Option<String>> {
    let Some(id) = id else {
        return Ok(None);
    };
    Ok(cards::one(db, NAME, id)
        .await?
        .filter(|c| c.stage == stage)
        .map(|c| c.position))
}

#[async_trait]
impl Pipelines for OverplaneDeals {
    fn connector(&self) -> &'static str {
        NAME
    }

    async fn list(&self) -> Result<Vec<Pipeline>, ConnectorError> {
        Ok(vec![self.pipeline().await?])
    }

    async fn get(&self, id: &str) -> Result<Option<Pipeline>, ConnectorError> {
        if id != PIPELINE_ID {
            return Ok(None);
        }
        Ok(Some(self.pipeline().await?))
    }

    async fn cards(&self, pipeline: &Pipeline) -> Result<Vec<Card>, ConnectorError> {
        let mut db = self.db.acquire().await?;
        let rows = cards::all(&mut db, NAME).await?;
        drop(db);
        let parents = self.parents().await?;
        let order: HashMap<&str, usize> = pipeline
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut all: Vec<Card> = rows
            .iter()
            .map(|c| self.card_of(c, parents.get(&c.parent_remote_id)))
            .collect();
        all.sort_by(|a, b| {
            let stage = |c: &Card| {
                order
                    .get(c.stage_id.as_str())
                    .copied()
                    .unwrap_or(usize::MAX)
            };
            stage(a)
                .cmp(&stage(b))
                .then_with(|| a.position.cmp(&b.position))
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(all)
    }

    async fn move_card(
        &self,
        pipeline: &Pipeline,
        m: &CardMove<'_>,
    ) -> Result<MoveResult, PipelineError> {
        if !pipeline.stages.iter().any(|s| s.id == m.stage_id) {
            return Err(PipelineError::Stage);
        }
        let row = self.unchanged(m.card_id, m.version).await?;
        let mut db = self.db.acquire().await?;
        let after = position_in(&mut db, m.after_id, m.stage_id).await?;
        let before = position_in(&mut db, m.before_id, m.stage_id).await?;
        drop(db);
        let position = frontdesk_core::pipeline::key_between(after.as_deref(), before.as_deref())
            .or_else(|_| frontdesk_core::pipeline::key_between(after.as_deref(), None))
            .unwrap_or_else(|_| row.position.clone());
        if row.stage != m.stage_id {
            // Only the stage is Overplane's; the order is Frontdesk's.
            self.patch(
                m.card_id,
                json!({ "stage": m.stage_id }),
                &row.parent_remote_id,
            )
            .await?;
        }
        let mut tx = store::begin_write(&self.db).await?;
        cards::place(
            &mut tx,
            NAME,
            m.card_id,
            m.stage_id,
            &position,
            &store::now_rfc3339(),
        )
        .await?;
        tx.commit().await?;
        let card = self.card(m.card_id).await?.ok_or(PipelineError::NotFound)?;
        Ok(MoveResult {
            card,
            renumbered: false,
        })
    }

    async fn deal(&self, id: &str) -> Result<Option<DealDetail>, ConnectorError> {
        let Some(card) = self.card(id).await? else {
            return Ok(None);
        };
        let prospect = match card.prospect_id {
            Some(p) => {
                let mut db = self.db.acquire().await?;
                mirror::prospect(&mut db, p).await?
            }
            None => None,
        };
        Ok(Some(DealDetail {
            pipeline_id: PIPELINE_ID.into(),
            card,
            prospect,
            activities: Vec::new(),
            history: Vec::new(),
        }))
    }

    async fn create_deal(&self, input: &DealInput, _user_id: i64) -> Result<String, PipelineError> {
        let parent = match input.prospect_id {
            Some(p) => {
                let mut db = self.db.acquire().await?;
                mirror::by_id(&mut db, NAME, p).await?.map(|m| m.remote_id)
            }
            None => None,
        }
        .ok_or_else(|| {
            // Overplane keeps an opportunity under its prospect.
            PipelineError::Invalid(FieldErrors::from([(
                "prospect_id".to_owned(),
                FieldError::Required,
            )]))
        })?;
        let mut body = self.wire(input);
        body.insert("prospect_id".into(), json!(parent));
        let created: Map<String, Value> = self
            .op
            .call(VendorRequest::write(Method::POST, OPPORTUNITIES).json(Value::Object(body)))
            .await?;
        let id = text(&created, "id")
            .ok_or_else(|| ConnectorError::Malformed {
                system: SYSTEM,
                field: "id".into(),
            })?
            .to_owned();
        self.keep(&created, &parent).await?;
        Ok(id)
    }

    async fn update_deal(
        &self,
        id: &str,
        input: &DealInput,
        _user_id: i64,
    ) -> Result<(), PipelineError> {
        let mut db = self.db.acquire().await?;
        let current = cards::one(&mut db, NAME, id)
            .await?
            .ok_or(PipelineError::NotFound)?;
        drop(db);
        let row = self
            .unchanged(id, input.version.unwrap_or(current.version))
            .await?;
        let was = row.fields();
        let changed: Map<String, Value> = self
            .wire(input)
            .into_iter()
            .filter(|(k, v)| {
                let before = was.get(k).cloned().unwrap_or(Value::Null);
                match k.as_str() {
                    "amount" => cents(&was) != input.value_cents,
                    _ => &before != v,
                }
            })
            .collect();
        if changed.is_empty() {
            return Ok(());
        }
        self.patch(id, Value::Object(changed), &row.parent_remote_id)
            .await?;
        Ok(())
    }
}
