//! Cirrus's opportunities on the board: one pipeline per opportunity type,
//! its statuses (colour, sort order, won, lost) as the columns, the win and
//! lost reasons as the close reasons. The board reads a mirror
//! (`store::vendor_cards`), synced a few pages at once; the order within a
//! column is Frontdesk's. A move re-reads the opportunity first (its
//! `changedate` moves with every write): changed at Cirrus since the board
//! read it, it is a conflict and nothing is written. A move into a won or
//! lost status sends the reason Cirrus requires.

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use frontdesk_core::model::{
    Card, DealDetail, DealInput, MoveResult, Pipeline, PipelineKind, Reason, Stage,
};
use futures_util::StreamExt;
use reqwest::Method;
use serde_json::{Map, Value, json};
use sqlx::SqlitePool;

use super::deal_form::{self, REQUIRED, refused};
use super::{Cirrus, NAME, SYSTEM, accounts, assumed};
use crate::connectors::error::ConnectorError;
use crate::connectors::http::VendorRequest;
use crate::connectors::pipelines::{CardMove, PipelineError, Pipelines};
use crate::store;
use crate::store::mirror;
use crate::store::vendor_cards::{self as cards, VendorCard};

/// Mirrored accounts: Cirrus's remote id (`account:N`) → Frontdesk's id,
/// so a card links to the prospect its opportunity is under.
type Accounts = HashMap<String, i64>;

/// The opportunity fields the board reads: the same mask on every read.
const FIELDS: &str = "id,title,description,value,statusid,typeid,accountid,contactid,userid,\
estimatedenddate,closed,changedate,winreasonid,lostreasonid,account{id,name},user{id,name,surname},\
estimate{value},winreason{id,name},lostreason{id,name}";

pub struct CirrusDeals {
    cirrus: Arc<Cirrus>,
    db: SqlitePool,
    currency: String,
}

fn int(record: &Map<String, Value>, key: &str) -> Option<i64> {
    match record.get(key)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn text<'a>(record: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    record
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn list_of(answer: Value) -> Vec<Map<String, Value>> {
    let items = match answer {
        Value::Array(a) => a,
        Value::Object(o) => o
            .get("items")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    items
        .into_iter()
        .filter_map(|v| v.as_object().cloned())
        .collect()
}

impl CirrusDeals {
    pub fn new(cirrus: Arc<Cirrus>, db: SqlitePool) -> Arc<Self> {
        Arc::new(Self {
            cirrus,
            db,
            currency: "EUR".into(),
        })
    }

    /// A simple list (statuses, types, reasons), by its name in the path
    /// table.
    async fn get_list(&self, resource: &str) -> Result<Vec<Map<String, Value>>, ConnectorError> {
        let answer: Value = self
            .cirrus
            .masked(
                VendorRequest::get(self.cirrus.path(resource, None)),
                "*".to_owned(),
            )
            .await?;
        Ok(list_of(answer))
    }

    /// The statuses of one type (or all), in sort order.
    async fn statuses(&self) -> Result<Vec<Map<String, Value>>, ConnectorError> {
        let mut all = self.get_list("opportunitystatuses").await?;
        all.sort_by_key(|s| int(s, "sortorder").unwrap_or(0));
        Ok(all)
    }

    async fn reasons(&self, resource: &str) -> Result<Vec<Reason>, ConnectorError> {
        Ok(self
            .get_list(resource)
            .await?
            .iter()
            .filter_map(|r| {
                Some(Reason {
                    id: int(r, "id")?.to_string(),
                    name: text(r, "name").unwrap_or("—").to_owned(),
                    labels: Default::default(),
                })
            })
            .collect())
    }

    async fn pipelines(&self) -> Result<Vec<Pipeline>, ConnectorError> {
        let mut types = self.get_list("opportunitytypes").await?;
        types.sort_by_key(|t| int(t, "sortorder").unwrap_or(0));
        let statuses = self.statuses().await?;
        let win = self.reasons("opportunitywinreasons").await?;
        let lost = self.reasons("opportunitylostreasons").await?;
        Ok(types
            .iter()
            .filter_map(|t| {
                let id = int(t, "id")?;
                Some(Pipeline {
                    id: id.to_string(),
                    name: text(t, "name").unwrap_or(SYSTEM).to_owned(),
                    kind: PipelineKind::Deals,
                    stages: statuses
                        .iter()
                        .filter(|s| int(s, "opportunitytypeid") == Some(id))
                        .filter_map(|s| {
                            Some(Stage {
                                id: int(s, "id")?.to_string(),
                                name: text(s, "name").unwrap_or("—").to_owned(),
                                labels: Default::default(),
                                colour: text(s, "color")
                                    .filter(|c| c.starts_with('#') && c.len() == 7)
                                    .unwrap_or("#1565c0")
                                    .to_owned(),
                                probability: 0,
                                is_won: int(s, "won") == Some(1),
                                is_lost: int(s, "lost") == Some(1),
                                rotting_days: None,
                            })
                        })
                        .collect(),
                    win_reasons: win.clone(),
                    lost_reasons: lost.clone(),
                })
            })
            .collect())
    }

    async fn page(&self, page: u32) -> Result<(u32, Vec<Map<String, Value>>), ConnectorError> {
        let answer: Value = self
            .cirrus
            .masked(
                VendorRequest::get(self.cirrus.path("opportunities", None))
                    .query("page", page.to_string())
                    .query("per_page", self.cirrus.per_page.to_string())
                    .query("sorting", "date_asc"),
                format!("{{pages,items{{{FIELDS}}}}}"),
            )
            .await?;
        let envelope = match &answer {
            Value::Array(a) => a.first().cloned().unwrap_or(Value::Null),
            other => other.clone(),
        };
        let pages = envelope.get("pages").and_then(Value::as_u64).unwrap_or(0) as u32;
        Ok((pages, list_of(envelope)))
    }

    fn keep_in(record: &Map<String, Value>) -> Option<(String, String, String)> {
        Some((
            int(record, "id")?.to_string(),
            int(record, "typeid")?.to_string(),
            int(record, "statusid")?.to_string(),
        ))
    }

    /// Reads every opportunity, pages a few at once, into the mirror.
    pub async fn sync(&self) -> Result<u64, ConnectorError> {
        let (pages, first) = self.page(1).await?;
        let mut all = first;
        let rest: Vec<u32> = (2..=pages).collect();
        let mut more = futures_util::stream::iter(rest)
            .map(|p| async move { self.page(p).await })
            .buffer_unordered(self.cirrus.pages_at_once);
        while let Some(page) = more.next().await {
            all.extend(page?.1);
        }
        drop(more);
        let now = store::now_rfc3339();
        let mut tx = store::begin_write(&self.db).await?;
        let mut kept: HashMap<String, Vec<String>> = HashMap::new();
        for r in &all {
            let Some((id, ty, status)) = Self::keep_in(r) else {
                continue;
            };
            cards::put(&mut tx, NAME, &id, &ty, &status, r, &now).await?;
            kept.entry(ty).or_default().push(id);
        }
        let types: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT parent_remote_id FROM vendor_cards WHERE vendor = ?",
        )
        .bind(NAME)
        .fetch_all(&mut *tx)
        .await?;
        for ty in types {
            cards::drop_missing(
                &mut tx,
                NAME,
                &ty,
                kept.get(&ty).map_or(&[][..], Vec::as_slice),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(all.len() as u64)
    }

    async fn accounts(&self) -> Result<Accounts, ConnectorError> {
        let mut db = self.db.acquire().await?;
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT remote_id, id FROM prospects WHERE vendor = ? AND remote_id LIKE ? \
             AND deleted_at IS NULL",
        )
        .bind(NAME)
        .bind(format!("{}%", assumed::ACCOUNT_PREFIX))
        .fetch_all(&mut *db)
        .await?;
        Ok(rows.into_iter().collect())
    }

    fn card_of(&self, c: &VendorCard, pipeline: Option<&Pipeline>, accounts: &Accounts) -> Card {
        let r = c.fields();
        let stage = pipeline.and_then(|p| p.stages.iter().find(|s| s.id == c.stage));
        let closed = stage.is_some_and(|s| s.is_won || s.is_lost);
        let name = |key: &str| {
            r.get(key)
                .and_then(Value::as_object)
                .and_then(|o| text(o, "name").map(str::to_owned))
        };
        Card {
            id: c.remote_id.clone(),
            stage_id: c.stage.clone(),
            position: c.position.clone(),
            version: c.version,
            title: text(&r, "title").unwrap_or("—").to_owned(),
            subtitle: name("account").unwrap_or_default(),
            prospect_id: int(&r, "accountid")
                .and_then(|a| accounts.get(&format!("{}{a}", assumed::ACCOUNT_PREFIX)))
                .copied(),
            value_cents: r
                .get("value")
                .and_then(Value::as_f64)
                .map_or(0, |v| (v * 100.0).round() as i64),
            currency: self.currency.clone(),
            probability: r
                .get("estimate")
                .and_then(Value::as_object)
                .and_then(|e| text(e, "value"))
                .and_then(|v| v.parse::<f64>().ok())
                .map(|p| p.clamp(0.0, 100.0).round() as u8),
            expected_close: text(&r, "estimatedenddate")
                .filter(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
                .map(str::to_owned),
            owner_id: None,
            owner_name: r.get("user").and_then(Value::as_object).map(|u| {
                format!(
                    "{} {}",
                    text(u, "name").unwrap_or(""),
                    text(u, "surname").unwrap_or("")
                )
                .trim()
                .to_owned()
            }),
            next_activity: None,
            stage_changed_at: c.stage_changed_at.clone(),
            closed_at: closed.then(|| c.stage_changed_at.clone()),
            close_reason: name("winreason").or_else(|| name("lostreason")),
        }
    }

    async fn card(&self, id: &str) -> Result<Option<Card>, ConnectorError> {
        let mut db = self.db.acquire().await?;
        let Some(c) = cards::one(&mut db, NAME, id).await? else {
            return Ok(None);
        };
        drop(db);
        let pipelines = self.pipelines().await?;
        let p = pipelines.iter().find(|p| p.id == c.parent_remote_id);
        Ok(Some(self.card_of(&c, p, &self.accounts().await?)))
    }

    async fn fresh(&self, id: &str) -> Result<Option<Map<String, Value>>, ConnectorError> {
        match self
            .cirrus
            .masked::<Map<String, Value>>(
                VendorRequest::get(self.cirrus.path("opportunity", Some(id))),
                format!("{{{FIELDS}}}"),
            )
            .await
        {
            Ok(r) => Ok(Some(r)),
            Err(ConnectorError::NotFound) => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn keep(&self, record: &Map<String, Value>) -> Result<(), ConnectorError> {
        let Some((id, ty, status)) = Self::keep_in(record) else {
            return Err(ConnectorError::Malformed {
                system: SYSTEM,
                field: "statusid".into(),
            });
        };
        let mut tx = store::begin_write(&self.db).await?;
        cards::put(
            &mut tx,
            NAME,
            &id,
            &ty,
            &status,
            record,
            &store::now_rfc3339(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[async_trait]
impl Pipelines for CirrusDeals {
    fn connector(&self) -> &'static str {
        NAME
    }

    async fn list(&self) -> Result<Vec<Pipeline>, ConnectorError> {
        self.pipelines().await
    }

    async fn get(&self, id: &str) -> Result<Option<Pipeline>, ConnectorError> {
        Ok(self.pipelines().await?.into_iter().find(|p| p.id == id))
    }

    async fn cards(&self, pipeline: &Pipeline) -> Result<Vec<Card>, ConnectorError> {
        let mut db = self.db.acquire().await?;
        let rows = cards::all(&mut db, NAME).await?;
        drop(db);
        let accounts = self.accounts().await?;
        let order: HashMap<&str, usize> = pipeline
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut out: Vec<Card> = rows
            .iter()
            .filter(|c| c.parent_remote_id == pipeline.id)
            .map(|c| self.card_of(c, Some(pipeline), &accounts))
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
        let stage = pipeline
            .stages
            .iter()
            .find(|s| s.id == m.stage_id)
            .ok_or(PipelineError::Stage)?;
        let mut db = self.db.acquire().await?;
        let row = cards::one(&mut db, NAME, m.card_id)
            .await?
            .filter(|c| c.parent_remote_id == pipeline.id)
            .ok_or(PipelineError::NotFound)?;
        drop(db);
        let reasons = if stage.is_won {
            &pipeline.win_reasons
        } else {
            &pipeline.lost_reasons
        };
        let reason = m.reason_id.filter(|r| reasons.iter().any(|x| x.id == *r));
        if (stage.is_won || stage.is_lost) && row.stage != m.stage_id && reason.is_none() {
            return Err(PipelineError::Reason);
        }
        let conflict = |card: Option<Card>| match card {
            Some(c) => PipelineError::Conflict(Box::new(c)),
            None => PipelineError::NotFound,
        };
        if row.version != m.version {
            return Err(conflict(self.card(m.card_id).await?));
        }
        let Some(now) = self.fresh(m.card_id).await? else {
            return Err(PipelineError::NotFound);
        };
        if cards::digest(&now) != row.hash {
            self.keep(&now).await?;
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
            // Cirrus's PUT wants its required fields each time: as read.
            let mut body = Map::new();
            for key in REQUIRED {
                body.insert(key.into(), now.get(key).cloned().unwrap_or(Value::Null));
            }
            body.insert(
                "statusid".into(),
                json!(m.stage_id.parse::<i64>().unwrap_or(0)),
            );
            if let Some(r) = reason {
                let key = if stage.is_won {
                    "winreasonid"
                } else {
                    "lostreasonid"
                };
                body.insert(key.into(), json!(r.parse::<i64>().unwrap_or(0)));
            }
            let answer: Map<String, Value> = self
                .cirrus
                .masked(
                    VendorRequest::write(
                        Method::PUT,
                        self.cirrus.path("opportunity", Some(m.card_id)),
                    )
                    .json(Value::Object(body)),
                    format!("{{{FIELDS}}}"),
                )
                .await?;
            self.keep(&answer).await?;
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
        let mut db = self.db.acquire().await?;
        let Some(c) = cards::one(&mut db, NAME, id).await? else {
            return Ok(None);
        };
        drop(db);
        let Some(card) = self.card(id).await? else {
            return Ok(None);
        };
        let prospect = match card.prospect_id {
            Some(pid) => {
                let mut db = self.db.acquire().await?;
                mirror::prospect(&mut db, pid).await?
            }
            None => None,
        };
        // The drawer still opens with Cirrus slow or down: the board's
        // copy, without the activities, which the log says were not read.
        let activities = match self.cirrus.opportunity_activities(id).await {
            Ok(a) => a,
            Err(e) if e.is_transient() => {
                tracing::warn!(connector = NAME, error = %e, "an opportunity's activities not read");
                Vec::new()
            }
            Err(e) => return Err(e),
        };
        Ok(Some(DealDetail {
            pipeline_id: c.parent_remote_id.clone(),
            card,
            prospect,
            activities,
            history: Vec::new(),
        }))
    }

    async fn create_deal(&self, input: &DealInput, _user_id: i64) -> Result<String, PipelineError> {
        let pipelines = self.pipelines().await?;
        let (pipeline, stage) = pipelines
            .iter()
            .find_map(|p| Some((p, p.stages.iter().find(|s| s.id == input.stage_id)?)))
            .ok_or(PipelineError::Stage)?;
        let reason = Self::reason(pipeline, stage, input, true)?;
        deal_form::check(input, None, &self.currency)?;
        let account = self.account_of(input.prospect_id).await?;
        let user_id = self.cirrus.acting_user(
            "add an opportunity without `[cirrus] user_id` (the Cirrus user who owns it)",
        )?;
        let contacts = self
            .cirrus
            .contacts_of(&format!("{}{account}", assumed::ACCOUNT_PREFIX))
            .await?;
        let Some(contact) = contacts.first() else {
            return Err(refused(
                "prospect_id",
                "This account has no contact in Cirrus, which every opportunity needs: add one there first.",
            )
            .into());
        };
        let body = deal_form::create_body(&deal_form::New {
            input,
            type_id: &pipeline.id,
            stage,
            account_id: &account,
            contact_id: &contact.id,
            user_id,
            reason,
        });
        // Sent once: a create that may have landed is not sent again (the
        // next sync brings it if it did).
        let answer: Map<String, Value> = self
            .cirrus
            .masked(
                VendorRequest::write(Method::POST, self.cirrus.path("opportunities", None))
                    .json(body),
                format!("{{{FIELDS}}}"),
            )
            .await?;
        self.keep(&answer).await?;
        Self::keep_in(&answer).map(|(id, ..)| id).ok_or_else(|| {
            ConnectorError::Malformed {
                system: SYSTEM,
                field: "id".into(),
            }
            .into()
        })
    }

    /// Re-reads the opportunity first, as a move does: changed at Cirrus
    /// since the board read it, it is a conflict and nothing is sent.
    async fn update_deal(
        &self,
        id: &str,
        input: &DealInput,
        _user_id: i64,
    ) -> Result<(), PipelineError> {
        let mut db = self.db.acquire().await?;
        let row = cards::one(&mut db, NAME, id)
            .await?
            .ok_or(PipelineError::NotFound)?;
        drop(db);
        let pipeline = self
            .get(&row.parent_remote_id)
            .await?
            .ok_or(PipelineError::NotFound)?;
        let stage = pipeline
            .stages
            .iter()
            .find(|s| s.id == input.stage_id)
            .ok_or(PipelineError::Stage)?;
        let conflict = |card: Option<Card>| match card {
            Some(c) => PipelineError::Conflict(Box::new(c)),
            None => PipelineError::NotFound,
        };
        if input.version.is_some_and(|v| v != row.version) {
            return Err(conflict(self.card(id).await?));
        }
        let entering = row.stage != input.stage_id;
        let reason = Self::reason(&pipeline, stage, input, entering)?;
        let card = self.card(id).await?.ok_or(PipelineError::NotFound)?;
        deal_form::check(input, Some(&card), &self.currency)?;
        if input.prospect_id != card.prospect_id {
            return Err(refused(
                "prospect_id",
                "Cirrus keeps an opportunity under its account: move it to another account in Cirrus.",
            )
            .into());
        }
        let Some(now) = self.fresh(id).await? else {
            return Err(PipelineError::NotFound);
        };
        if cards::digest(&now) != row.hash {
            self.keep(&now).await?;
            return Err(conflict(self.card(id).await?));
        }
        let Some(body) = deal_form::edit_body(&now, input, stage, reason) else {
            return Ok(());
        };
        let answer: Map<String, Value> = self
            .cirrus
            .masked(
                VendorRequest::write(Method::PUT, self.cirrus.path("opportunity", Some(id)))
                    .json(body),
                format!("{{{FIELDS}}}"),
            )
            .await?;
        self.keep(&answer).await?;
        Ok(())
    }

    async fn following(&self, id: &str) -> Result<Option<bool>, ConnectorError> {
        if !self.known(id).await? {
            return Ok(None);
        }
        match self.cirrus.following(id).await? {
            Some(on) => Ok(Some(on)),
            None => Err(ConnectorError::NotSupported {
                connector: NAME,
                action: "follow opportunities without `[cirrus] user_id` (the Cirrus user who follows)",
            }),
        }
    }

    async fn follow(&self, id: &str, on: bool) -> Result<Option<bool>, ConnectorError> {
        if !self.known(id).await? {
            return Ok(None);
        }
        self.cirrus.follow(id, on).await.map(Some)
    }
}

impl CirrusDeals {
    /// Whether the board holds the opportunity.
    async fn known(&self, id: &str) -> Result<bool, ConnectorError> {
        let mut db = self.db.acquire().await?;
        Ok(cards::one(&mut db, NAME, id).await?.is_some())
    }

    /// The reason a won or lost `stage` needs when the deal `enters` it.
    fn reason<'a>(
        pipeline: &Pipeline,
        stage: &Stage,
        input: &'a DealInput,
        enters: bool,
    ) -> Result<Option<&'a str>, PipelineError> {
        if !(stage.is_won || stage.is_lost) || !enters {
            return Ok(None);
        }
        let reasons = if stage.is_won {
            &pipeline.win_reasons
        } else {
            &pipeline.lost_reasons
        };
        input
            .reason_id
            .as_deref()
            .filter(|r| reasons.iter().any(|x| x.id == *r))
            .map(Some)
            .ok_or(PipelineError::Reason)
    }

    /// Cirrus's account id of the prospect a new deal is for: Cirrus keeps
    /// every opportunity under an account.
    async fn account_of(&self, prospect_id: Option<i64>) -> Result<String, PipelineError> {
        let words = "Cirrus keeps an opportunity under an account: choose a prospect that is a Cirrus account.";
        let Some(pid) = prospect_id else {
            return Err(refused("prospect_id", words).into());
        };
        let mut db = self.db.acquire().await?;
        let mirrored = mirror::by_id(&mut db, NAME, pid).await?;
        mirrored
            .and_then(|m| accounts::account_id(&m.remote_id).map(str::to_owned))
            .ok_or_else(|| refused("prospect_id", words).into())
    }
}
