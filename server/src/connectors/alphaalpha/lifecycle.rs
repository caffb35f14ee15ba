//! AlphaAlpha's customers on the lifecycle board: one column per CRM
//! status (LEAD → … → CHURNED), a card per mirrored customer, a move sent
//! as PATCH crm-status. The order within a column and the card's version
//! are Frontdesk's (`store::vendor_cards`), kept in step with the mirror
//! of the customers each time the board is read. A move re-reads the
//! customer first: changed at AlphaAlpha since (`updated`), it is a
//! conflict and nothing is written.

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use frontdesk_core::model::{
    Card, DealDetail, DealInput, MoveResult, NextActivity, Pipeline, PipelineKind, Stage,
};
use reqwest::Method;
use serde_json::{Map, Value, json};
use sqlx::SqlitePool;

use super::{AlphaAlpha, NAME, SYSTEM, assumed, customer, map};
use crate::connectors::error::ConnectorError;
use crate::connectors::pipelines::{CardMove, PipelineError, Pipelines};
use crate::store::vendor_cards::{self as cards, VendorCard};
use crate::store::{self, mirror};

pub const PIPELINE_ID: &str = "alphaalpha";

pub struct Lifecycle {
    aa: Arc<AlphaAlpha>,
    db: SqlitePool,
}

/// A mirrored customer as the board needs it.
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    remote_id: String,
    last_name: String,
    email: String,
    next_action: String,
    next_action_due: Option<String>,
    extra: String,
}

/// What of a customer the board's card follows: a change to either is a
/// new version.
fn tracked(extra: &Map<String, Value>) -> Map<String, Value> {
    let mut m = Map::new();
    for key in ["crmStatus", "updated"] {
        m.insert(key.into(), extra.get(key).cloned().unwrap_or(Value::Null));
    }
    m
}

fn status_of(extra: &Map<String, Value>) -> String {
    extra
        .get("crmStatus")
        .and_then(Value::as_str)
        .unwrap_or(assumed::STATUSES[0])
        .to_owned()
}

fn title(status: &str) -> String {
    let mut s = status.to_ascii_lowercase();
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}

impl Lifecycle {
    pub fn new(aa: Arc<AlphaAlpha>, db: SqlitePool) -> Arc<Self> {
        Arc::new(Self { aa, db })
    }

    fn pipeline(&self) -> Pipeline {
        Pipeline {
            id: PIPELINE_ID.into(),
            name: format!("{SYSTEM} lifecycle"),
            kind: PipelineKind::Lifecycle,
            stages: assumed::STATUSES
                .iter()
                .map(|s| Stage {
                    id: (*s).into(),
                    name: title(s),
                    labels: Default::default(),
                    colour: "#1565c0".into(),
                    probability: 0,
                    is_won: false,
                    is_lost: false,
                    rotting_days: None,
                })
                .collect(),
            win_reasons: Vec::new(),
            lost_reasons: Vec::new(),
        }
    }

    async fn rows(&self) -> Result<Vec<Row>, ConnectorError> {
        Ok(sqlx::query_as(
            "SELECT id, remote_id, last_name, email, next_action, next_action_due, extra FROM prospects \
             WHERE vendor = ? AND deleted_at IS NULL",
        )
        .bind(NAME)
        .fetch_all(&self.db)
        .await?)
    }

    /// Brings the cards in step with the mirrored customers.
    async fn follow(&self) -> Result<Vec<Row>, ConnectorError> {
        let rows = self.rows().await?;
        let now = store::now_rfc3339();
        let mut tx = store::begin_write(&self.db).await?;
        let mut kept = Vec::new();
        for r in &rows {
            let extra: Map<String, Value> = serde_json::from_str(&r.extra).unwrap_or_default();
            cards::put(
                &mut tx,
                NAME,
                &r.remote_id,
                NAME,
                &status_of(&extra),
                &tracked(&extra),
                &now,
            )
            .await?;
            kept.push(r.remote_id.clone());
        }
        cards::drop_missing(&mut tx, NAME, NAME, &kept).await?;
        tx.commit().await?;
        Ok(rows)
    }

    fn card_of(c: &VendorCard, r: &Row) -> Card {
        Card {
            id: c.remote_id.clone(),
            stage_id: c.stage.clone(),
            position: c.position.clone(),
            version: c.version,
            title: r.last_name.clone(),
            subtitle: r.email.clone(),
            prospect_id: Some(r.id),
            value_cents: 0,
            currency: "EUR".into(),
            probability: None,
            expected_close: None,
            owner_id: None,
            owner_name: None,
            next_activity: r
                .next_action_due
                .clone()
                .filter(|_| !r.next_action.is_empty())
                .map(|due| NextActivity {
                    due,
                    subject: r.next_action.clone(),
                }),
            stage_changed_at: c.stage_changed_at.clone(),
            closed_at: None,
            close_reason: None,
        }
    }

    async fn card(&self, remote_id: &str) -> Result<Option<Card>, ConnectorError> {
        let rows = self.rows().await?;
        let Some(r) = rows.iter().find(|r| r.remote_id == remote_id) else {
            return Ok(None);
        };
        let mut db = self.db.acquire().await?;
        Ok(cards::one(&mut db, NAME, remote_id)
            .await?
            .map(|c| Self::card_of(&c, r)))
    }

    /// The customer as AlphaAlpha answered, into both mirrors.
    async fn keep(&self, answer: Map<String, Value>) -> Result<(), ConnectorError> {
        let record = map::remote(answer);
        let mut tx = store::begin_write(&self.db).await?;
        mirror::put(
            &mut tx,
            NAME,
            &record,
            &map::OWNED,
            None,
            &store::now_rfc3339(),
        )
        .await?;
        cards::put(
            &mut tx,
            NAME,
            &record.remote_id,
            NAME,
            &status_of(&record.extra),
            &tracked(&record.extra),
            &store::now_rfc3339(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[async_trait]
impl Pipelines for Lifecycle {
    fn connector(&self) -> &'static str {
        NAME
    }

    async fn list(&self) -> Result<Vec<Pipeline>, ConnectorError> {
        Ok(vec![self.pipeline()])
    }

    async fn get(&self, id: &str) -> Result<Option<Pipeline>, ConnectorError> {
        Ok((id == PIPELINE_ID).then(|| self.pipeline()))
    }

    async fn cards(&self, pipeline: &Pipeline) -> Result<Vec<Card>, ConnectorError> {
        let rows = self.follow().await?;
        let by_remote: HashMap<&str, &Row> =
            rows.iter().map(|r| (r.remote_id.as_str(), r)).collect();
        let mut db = self.db.acquire().await?;
        let all = cards::all(&mut db, NAME).await?;
        let order: HashMap<&str, usize> = pipeline
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut out: Vec<Card> = all
            .iter()
            .filter_map(|c| {
                by_remote
                    .get(c.remote_id.as_str())
                    .map(|r| Self::card_of(c, r))
            })
            .collect();
        out.sort_by(|a, b| {
            let i = |c: &Card| {
                order
                    .get(c.stage_id.as_str())
                    .copied()
                    .unwrap_or(usize::MAX)
            };
            i(a).cmp(&i(b))
                .then_with(|| a.position.cmp(&b.position))
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(out)
    }

    async fn move_card(
        &self,
        pipeline: &Pipeline,
        m: &CardMove<'_>,
    ) -> Result<MoveResult, PipelineError> {
        if !pipeline.stages.iter().any(|s| s.id == m.stage_id) {
            return Err(PipelineError::Stage);
        }
        let mut db = self.db.acquire().await?;
        let row = cards::one(&mut db, NAME, m.card_id)
            .await?
            .ok_or(PipelineError::NotFound)?;
        drop(db);
        let conflict = |card: Option<Card>| match card {
            Some(c) => PipelineError::Conflict(Box::new(c)),
            None => PipelineError::NotFound,
        };
        if row.version != m.version {
            return Err(conflict(self.card(m.card_id).await?));
        }
        // AlphaAlpha's `updated` says whether it changed since the board read it.
        let Some(now) = self.aa.customer(m.card_id).await? else {
            return Err(PipelineError::NotFound);
        };
        let fresh = map::remote(now.clone());
        if cards::digest(&tracked(&fresh.extra)) != row.hash {
            self.keep(now).await?;
            return Err(conflict(self.card(m.card_id).await?));
        }
        let mut db = self.db.acquire().await?;
        let position_of =
            |c: Option<VendorCard>| c.filter(|c| c.stage == m.stage_id).map(|c| c.position);
        let after = match m.after_id {
            Some(id) => position_of(cards::one(&mut db, NAME, id).await?),
            None => None,
        };
        let before = match m.before_id {
            Some(id) => position_of(cards::one(&mut db, NAME, id).await?),
            None => None,
        };
        drop(db);
        let position = frontdesk_core::pipeline::key_between(after.as_deref(), before.as_deref())
            .or_else(|_| frontdesk_core::pipeline::key_between(after.as_deref(), None))
            .unwrap_or_else(|_| row.position.clone());
        if row.stage != m.stage_id {
            let answer = self
                .aa
                .write(
                    Method::PATCH,
                    format!("{}/crm-status", customer(m.card_id)),
                    Some(json!({ "crmStatus": m.stage_id })),
                )
                .await?;
            self.keep(answer).await?;
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
        self.follow().await?;
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

    async fn create_deal(
        &self,
        _input: &DealInput,
        _user_id: i64,
    ) -> Result<String, PipelineError> {
        Err(ConnectorError::NotSupported {
            connector: NAME,
            action: "add a customer to the lifecycle (add it in AlphaAlpha)",
        }
        .into())
    }

    async fn update_deal(
        &self,
        _id: &str,
        _input: &DealInput,
        _user_id: i64,
    ) -> Result<(), PipelineError> {
        Err(ConnectorError::NotSupported {
            connector: NAME,
            action: "edit a lifecycle card (move it, or change the customer in AlphaAlpha)",
        }
        .into())
    }
}
