//! Where each capability's data comes from (DESIGN.md, "Connectors"): one
//! trait per capability, the SQLite store as the `local` implementation,
//! and the vendors behind the same traits. Handlers in `api/` ask a
//! capability, never a vendor; what a connector cannot do is a typed
//! [`ConnectorError::NotSupported`].

pub mod alphaalpha;
pub mod availability;
pub mod bookings;
pub mod calendar;
pub mod cirrus;
pub mod clubplanner;
pub mod config;
pub mod desk;
pub mod error;
pub mod http;
pub mod local;
pub mod mirrored;
pub mod onlineafspraken;
pub mod overplane;
pub mod pipelines;
pub mod prospects;
pub mod related;
pub mod sales;
pub mod sync;

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use tokio::sync::Notify;

pub use error::ConnectorError;
use prospects::{Prospects, VendorProspects};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    Prospects,
    SalesSteps,
    Pipelines,
    Availability,
    Bookings,
    /// The front desk's calendar: appointments and availability blocks.
    Agenda,
}

impl Capability {
    pub const ALL: [Capability; 6] = [
        Self::Prospects,
        Self::SalesSteps,
        Self::Pipelines,
        Self::Availability,
        Self::Bookings,
        Self::Agenda,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Prospects => "prospects",
            Self::SalesSteps => "sales_steps",
            Self::Pipelines => "pipelines",
            Self::Availability => "availability",
            Self::Bookings => "bookings",
            Self::Agenda => "agenda",
        }
    }
}

/// The connectors a `frontdesk.toml` may name.
pub const KNOWN: [&str; 6] = [
    local::NAME,
    clubplanner::NAME,
    onlineafspraken::NAME,
    overplane::NAME,
    cirrus::NAME,
    alphaalpha::NAME,
];

/// A connector's name as people know it.
pub fn display_name(connector: &str) -> &'static str {
    // Either the connector's name or the system's, in any case.
    match connector.to_ascii_lowercase().as_str() {
        clubplanner::NAME => clubplanner::SYSTEM,
        onlineafspraken::NAME => onlineafspraken::SYSTEM,
        overplane::NAME => overplane::SYSTEM,
        cirrus::NAME => cirrus::SYSTEM,
        alphaalpha::NAME => alphaalpha::SYSTEM,
        _ => "Frontdesk",
    }
}

/// Which connector serves which capability in this build. A pair not
/// listed stops the server at start with a message, rather than failing
/// on the first page that needs it.
pub fn serves(connector: &str, capability: Capability) -> bool {
    match connector {
        local::NAME => true,
        clubplanner::NAME => matches!(
            capability,
            Capability::Prospects | Capability::SalesSteps | Capability::Agenda
        ),
        onlineafspraken::NAME => matches!(
            capability,
            Capability::Availability | Capability::Bookings | Capability::Agenda
        ),
        cirrus::NAME | overplane::NAME | alphaalpha::NAME => {
            matches!(capability, Capability::Prospects | Capability::Pipelines)
        }
        _ => false,
    }
}

/// A vendor's prospects kept in the mirror, and how often to sync them.
pub struct MirrorJob {
    pub vendor: Arc<dyn VendorProspects>,
    pub every: Duration,
    /// Wakes the sync at once (the list's refresh).
    pub wake: Arc<Notify>,
    /// One run at a time, whoever started it.
    pub running: Arc<tokio::sync::Mutex<()>>,
}

/// A vendor's setup to mirror, and how often.
pub struct SetupJob {
    pub connector: &'static str,
    pub every: Duration,
    pub run: Arc<
        dyn Fn() -> futures_util::future::BoxFuture<'static, Result<(), ConnectorError>>
            + Send
            + Sync,
    >,
}

/// The capabilities as the handlers use them, built once at start.
pub struct Connectors {
    /// Vendors' setups mirrored at start and every interval (an agenda's
    /// coaches, types and questions).
    pub setups: Vec<SetupJob>,
    pub prospects: Arc<dyn Prospects>,
    /// What the system keeping the prospects holds beside each (the
    /// drawer's related records); always the same system as `prospects`.
    pub related: Arc<dyn related::RelatedRecords>,
    /// The pipelines and their deals (the board).
    pub pipelines: Arc<dyn pipelines::Pipelines>,
    /// The agendas the widget books in, and their availability.
    pub agendas: Arc<dyn availability::Agendas>,
    /// Bookings placed at the vendor that keeps the agendas (none: in
    /// Frontdesk's own store).
    pub bookings: Option<Arc<dyn bookings::VendorBookings>>,
    /// The front desk's calendar.
    pub calendar: Arc<dyn calendar::Calendar>,
    /// The desk's changes to the calendar's agendas when a vendor keeps
    /// them (none: Frontdesk's own, changed in the local store).
    pub desk: Option<Arc<dyn desk::VendorDesk>>,
    /// The sales process kept by a vendor (none: Frontdesk's own plan).
    pub sales: Option<Arc<dyn sales::VendorSales>>,
    /// The vendor's sales calendar the sales steps book in, read as an
    /// agenda (the slot picker's), never booked by the widget.
    pub sales_agendas: Option<Arc<dyn availability::Agendas>>,
    pub mirrors: Vec<MirrorJob>,
    /// How long each vendor's availability may be reused (none: not at
    /// all; Frontdesk's own store is read each time).
    pub availability_ttl: std::collections::BTreeMap<&'static str, Duration>,
    /// Harmless reads, one per configured vendor, for `check-config` and
    /// the Connections page.
    pub checks: Vec<Check>,
}

/// One vendor's harmless read, and the capabilities it serves.
pub struct Check {
    pub connector: &'static str,
    pub capabilities: Vec<Capability>,
    pub run: Arc<
        dyn Fn() -> futures_util::future::BoxFuture<'static, Result<(), ConnectorError>>
            + Send
            + Sync,
    >,
}

impl Connectors {
    /// Everything on the local store.
    pub fn local(db: &SqlitePool) -> Self {
        Self {
            setups: Vec::new(),
            prospects: Arc::new(local::LocalProspects::new(db.clone())),
            related: Arc::new(local::LocalRelated::new(db.clone())),
            pipelines: Arc::new(local::LocalPipelines::new(db.clone())),
            agendas: Arc::new(local::LocalAgendas::new(db.clone())),
            bookings: None,
            calendar: Arc::new(local::LocalAgendas::new(db.clone())),
            desk: None,
            sales: None,
            sales_agendas: None,
            mirrors: Vec::new(),
            availability_ttl: std::collections::BTreeMap::new(),
            checks: Vec::new(),
        }
    }

    /// The connectors `settings` name, each vendor's secrets already read
    /// (`Settings::apply_file`).
    pub fn build(settings: &crate::Settings, db: &SqlitePool) -> anyhow::Result<Self> {
        let mut built = Self::local(db);
        let uses = |name: &str| settings.connectors.values().any(|c| c == name);
        if uses(clubplanner::NAME) {
            let table = settings
                .vendors
                .clubplanner
                .as_ref()
                .ok_or_else(|| anyhow::anyhow!("[clubplanner] is missing"))?;
            let token = table
                .token
                .clone()
                .ok_or_else(|| anyhow::anyhow!("clubplanner.token_env: the token was not read"))?;
            let common = table.common();
            let vendor: Arc<clubplanner::Clubplanner> = Arc::new(clubplanner::Clubplanner::new(
                common.client(clubplanner::SYSTEM),
                token,
            ));
            let capabilities: Vec<Capability> = settings
                .connectors
                .iter()
                .filter(|(_, c)| *c == clubplanner::NAME)
                .map(|(cap, _)| *cap)
                .collect();
            if capabilities.contains(&Capability::Prospects) {
                built.prospects = Arc::new(mirrored::Mirrored::new(db.clone(), vendor.clone()));
                built.related = Arc::new(related::NotKept(clubplanner::NAME));
                built.mirrors.push(MirrorJob {
                    vendor: vendor.clone(),
                    every: common.sync_interval(),
                    wake: Arc::new(Notify::new()),
                    running: Arc::new(tokio::sync::Mutex::new(())),
                });
            }
            if capabilities.contains(&Capability::SalesSteps)
                && !capabilities.contains(&Capability::Prospects)
            {
                anyhow::bail!(
                    "connectors.sales_steps: clubplanner's sales steps are of its own prospects; set \
                     connectors.prospects = \"clubplanner\" too"
                );
            }
            let sales = clubplanner::sales::ClubplannerSales::new(
                vendor.clone(),
                db.clone(),
                clubplanner::sales::SalesSettings::from_table(table),
            );
            if capabilities.contains(&Capability::SalesSteps) {
                built
                    .availability_ttl
                    .insert(clubplanner::NAME, common.availability_cache());
                built.sales = Some(sales.clone());
                built.sales_agendas = Some(sales.clone());
            }
            if capabilities.contains(&Capability::Agenda) {
                built.calendar = sales.clone();
                built.desk = Some(sales);
            }
            let check = vendor.clone();
            built.checks.push(Check {
                connector: clubplanner::NAME,
                capabilities,
                run: Arc::new(move || {
                    let v = check.clone();
                    Box::pin(async move { v.check().await })
                }),
            });
        }
        if uses(cirrus::NAME) {
            let table = settings
                .vendors
                .cirrus
                .as_ref()
                .ok_or_else(|| anyhow::anyhow!("[cirrus] is missing"))?;
            let token = table
                .token
                .clone()
                .ok_or_else(|| anyhow::anyhow!("cirrus.token_env: the token was not read"))?;
            let common = table.common();
            let vendor = Arc::new(cirrus::Cirrus::new(
                common.client(cirrus::SYSTEM),
                token,
                &table.paths,
                table.per_page,
                table.pages_at_once,
                table.user_id,
            ));
            let capabilities: Vec<Capability> = settings
                .connectors
                .iter()
                .filter(|(_, c)| *c == cirrus::NAME)
                .map(|(cap, _)| *cap)
                .collect();
            if capabilities.contains(&Capability::Prospects) {
                built.prospects = Arc::new(mirrored::Mirrored::new(db.clone(), vendor.clone()));
                built.related = Arc::new(cirrus::drawer::CirrusRelated::new(
                    vendor.clone(),
                    db.clone(),
                ));
                built.mirrors.push(MirrorJob {
                    vendor: vendor.clone(),
                    every: common.sync_interval(),
                    wake: Arc::new(Notify::new()),
                    running: Arc::new(tokio::sync::Mutex::new(())),
                });
            }
            if capabilities.contains(&Capability::Pipelines) {
                let deals = cirrus::deals::CirrusDeals::new(vendor.clone(), db.clone());
                built.pipelines = deals.clone();
                built.setups.push(SetupJob {
                    connector: cirrus::NAME,
                    every: common.sync_interval(),
                    run: Arc::new(move || {
                        let d = deals.clone();
                        Box::pin(async move { d.sync().await.map(|_| ()) })
                    }),
                });
            }
            let check = vendor.clone();
            built.checks.push(Check {
                connector: cirrus::NAME,
                capabilities,
                run: Arc::new(move || {
                    let v = check.clone();
                    Box::pin(async move { v.check().await })
                }),
            });
        }
        if uses(alphaalpha::NAME) {
            let table = settings
                .vendors
                .alphaalpha
                .as_ref()
                .ok_or_else(|| anyhow::anyhow!("[alphaalpha] is missing"))?;
            let token = table
                .token
                .clone()
                .ok_or_else(|| anyhow::anyhow!("alphaalpha.token_env: the token was not read"))?;
            let common = table.common();
            let vendor = Arc::new(alphaalpha::AlphaAlpha::new(
                common.client(alphaalpha::SYSTEM),
                token,
            ));
            let capabilities: Vec<Capability> = settings
                .connectors
                .iter()
                .filter(|(_, c)| *c == alphaalpha::NAME)
                .map(|(cap, _)| *cap)
                .collect();
            if capabilities.contains(&Capability::Prospects) {
                built.prospects = Arc::new(mirrored::Mirrored::new(db.clone(), vendor.clone()));
                built.related = Arc::new(alphaalpha::enriched::Enriched::new(
                    vendor.clone(),
                    db.clone(),
                ));
                built.mirrors.push(MirrorJob {
                    vendor: vendor.clone(),
                    every: common.sync_interval(),
                    wake: Arc::new(Notify::new()),
                    running: Arc::new(tokio::sync::Mutex::new(())),
                });
            }
            if capabilities.contains(&Capability::Pipelines) {
                if !capabilities.contains(&Capability::Prospects) {
                    anyhow::bail!(
                        "connectors.pipelines: alphaalpha's lifecycle is of its own customers; \
                         set connectors.prospects = \"alphaalpha\" too"
                    );
                }
                built.pipelines = alphaalpha::lifecycle::Lifecycle::new(vendor.clone(), db.clone());
            }
            let check = vendor.clone();
            built.checks.push(Check {
                connector: alphaalpha::NAME,
                capabilities,
                run: Arc::new(move || {
                    let v = check.clone();
                    Box::pin(async move { v.check().await })
                }),
            });
        }
        if uses(overplane::NAME) {
            let table = settings
                .vendors
                .overplane
                .as_ref()
                .ok_or_else(|| anyhow::anyhow!("[overplane] is missing"))?;
            let token = table
                .token
                .clone()
                .ok_or_else(|| anyhow::anyhow!("overplane.token_env: the key was not read"))?;
            let common = table.common();
            let vendor = Arc::new(overplane::Overplane::new(
                common.client(overplane::SYSTEM),
                token,
                table.page_size,
            ));
            let capabilities: Vec<Capability> = settings
                .connectors
                .iter()
                .filter(|(_, c)| *c == overplane::NAME)
                .map(|(cap, _)| *cap)
                .collect();
            if capabilities.contains(&Capability::Prospects) {
                built.prospects = Arc::new(mirrored::Mirrored::new(db.clone(), vendor.clone()));
                built.mirrors.push(MirrorJob {
                    vendor: vendor.clone(),
                    every: common.sync_interval(),
                    wake: Arc::new(Notify::new()),
                    running: Arc::new(tokio::sync::Mutex::new(())),
                });
            }
            let mut board = None;
            if capabilities.contains(&Capability::Pipelines) {
                if !capabilities.contains(&Capability::Prospects) {
                    anyhow::bail!(
                        "connectors.pipelines: overplane's opportunities are of its own prospects; \
                         set connectors.prospects = \"overplane\" too"
                    );
                }
                let deals =
                    overplane::deals::OverplaneDeals::new(vendor.clone(), db.clone(), table);
                built.pipelines = deals.clone();
                board = Some(deals.clone());
                built.setups.push(SetupJob {
                    connector: overplane::NAME,
                    every: common.sync_interval(),
                    run: Arc::new(move || {
                        let d = deals.clone();
                        Box::pin(async move {
                            d.after_prospects().await?;
                            d.sync().await.map(|_| ())
                        })
                    }),
                });
            }
            if capabilities.contains(&Capability::Prospects) {
                // The drawer's child leads and opportunities; the board
                // (when it is Overplane's) follows the opportunities' order.
                built.related = Arc::new(overplane::children::Children::new(
                    vendor.clone(),
                    db.clone(),
                    board,
                ));
            }
            let check = vendor.clone();
            built.checks.push(Check {
                connector: overplane::NAME,
                capabilities,
                run: Arc::new(move || {
                    let v = check.clone();
                    Box::pin(async move { v.check().await })
                }),
            });
        }
        if uses(onlineafspraken::NAME) {
            let table = settings
                .vendors
                .onlineafspraken
                .as_ref()
                .ok_or_else(|| anyhow::anyhow!("[onlineafspraken] is missing"))?;
            let oa = onlineafspraken::OnlineAfspraken::new(table, db.clone())?;
            let capabilities: Vec<Capability> = settings
                .connectors
                .iter()
                .filter(|(_, c)| *c == onlineafspraken::NAME)
                .map(|(cap, _)| *cap)
                .collect();
            if capabilities.contains(&Capability::Availability) {
                built
                    .availability_ttl
                    .insert(onlineafspraken::NAME, table.common().availability_cache());
                built.agendas = oa.clone();
                let setup = oa.clone();
                built.setups.push(SetupJob {
                    connector: onlineafspraken::NAME,
                    every: table.common().sync_interval(),
                    run: Arc::new(move || {
                        let v = setup.clone();
                        Box::pin(async move { v.sync_setup().await })
                    }),
                });
            }
            if capabilities.contains(&Capability::Bookings) {
                if !capabilities.contains(&Capability::Availability) {
                    anyhow::bail!(
                        "connectors.bookings: onlineafspraken books in its own agendas; set \
                         connectors.availability = \"onlineafspraken\" too"
                    );
                }
                built.bookings = Some(oa.clone());
            }
            if capabilities.contains(&Capability::Agenda) {
                if !capabilities.contains(&Capability::Availability) {
                    anyhow::bail!(
                        "connectors.agenda: onlineafspraken's calendar is of its own agendas; set \
                         connectors.availability = \"onlineafspraken\" too"
                    );
                }
                built.calendar = oa.clone();
                built.desk = Some(oa.clone());
            }
            let check = oa.clone();
            built.checks.push(Check {
                connector: onlineafspraken::NAME,
                capabilities,
                run: Arc::new(move || {
                    let v = check.clone();
                    Box::pin(async move { v.check().await })
                }),
            });
        }
        Ok(built)
    }

    /// Whose prospects the lists show: none for Frontdesk's own, else the
    /// vendor whose mirror they are.
    pub fn prospect_vendor(&self) -> Option<&'static str> {
        Some(self.prospects.connector()).filter(|c| *c != local::NAME)
    }

    /// What the connector serving `capability` does not offer, by the
    /// names the app hides actions by.
    pub fn cannot(&self, capability: Capability) -> Vec<String> {
        match capability {
            Capability::Prospects => {
                let a = self.prospects.abilities();
                [("bulk", a.bulk), ("import", a.import), ("delete", a.delete)]
                    .into_iter()
                    .filter(|(_, can)| !can)
                    .map(|(name, _)| name.to_owned())
                    .collect()
            }
            // A vendor keeps its own booking setup (types, coaches,
            // rooms): no vendor's API offers to change it.
            Capability::Agenda => self
                .desk
                .as_ref()
                .map(|d| {
                    let mut missing = d.abilities().missing();
                    missing.push("booking_setup".to_owned());
                    missing
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Which connector reads `agenda`'s availability: the widget's, or the
    /// vendor's sales calendar. `None`: no connector in use keeps it.
    pub fn agendas_of(
        &self,
        agenda: &crate::store::agenda::Agenda,
    ) -> Option<&Arc<dyn availability::Agendas>> {
        let vendor = agenda.vendor.as_deref();
        if vendor == self.agendas.vendor() {
            return Some(&self.agendas);
        }
        self.sales_agendas
            .as_ref()
            .filter(|s| vendor.is_some() && vendor == s.vendor())
    }

    /// The mirror job of the connector serving prospects, if it is a vendor.
    pub fn prospect_mirror(&self) -> Option<&MirrorJob> {
        let name = self.prospects.connector();
        self.mirrors.iter().find(|m| m.vendor.connector() == name)
    }
}

/// Runs each mirror's sync at start and then every interval, or at once
/// when woken, for the life of the server; and each vendor's setup.
pub fn spawn_syncs(state: crate::SharedState) {
    for index in 0..state.connectors.setups.len() {
        let state = state.clone();
        tokio::spawn(async move {
            let job = &state.connectors.setups[index];
            // Without its setup a vendor's agenda cannot be offered at all:
            // a failure is tried again soon (5 s, doubling up to the interval).
            let mut retry = Duration::from_secs(5);
            loop {
                match (job.run)().await {
                    Ok(()) => {
                        retry = Duration::from_secs(5);
                        tokio::time::sleep(job.every).await;
                    }
                    Err(e) => {
                        tracing::warn!(connector = job.connector, error = %e, "the setup could not be read");
                        tokio::time::sleep(retry.min(job.every)).await;
                        retry = (retry * 2).min(job.every);
                    }
                }
            }
        });
    }
    for index in 0..state.connectors.mirrors.len() {
        let state = state.clone();
        tokio::spawn(async move {
            let job = &state.connectors.mirrors[index];
            loop {
                sync_now(&state, job).await;
                tokio::select! {
                    () = tokio::time::sleep(job.every) => {},
                    () = job.wake.notified() => {},
                }
            }
        });
    }
}

/// One sync of `job`, waiting for a run already under way instead of
/// starting a second beside it.
pub async fn sync_now(state: &crate::SharedState, job: &MirrorJob) -> sync::Report {
    let _one = job.running.lock().await;
    sync::run(&state.db, job.vendor.as_ref(), job.vendor.owned()).await
}

/// One line of `check-config` (and of the Connections page): a capability,
/// its connector, and whether a harmless read worked, in words.
#[derive(Debug, Clone, Serialize)]
pub struct CheckLine {
    pub capability: String,
    pub connector: String,
    pub ok: bool,
    pub verdict: String,
}

/// Runs each vendor's harmless read once and reports it for every
/// capability that vendor serves; local capabilities are OK by themselves.
pub async fn check_all(settings: &crate::Settings, connectors: &Connectors) -> Vec<CheckLine> {
    let mut verdicts = std::collections::BTreeMap::new();
    for check in &connectors.checks {
        let verdict = match (check.run)().await {
            Ok(()) => (true, "OK".to_owned()),
            Err(e) => (false, check_words(&e)),
        };
        verdicts.insert(check.connector, verdict);
    }
    settings
        .connectors
        .iter()
        .map(|(capability, connector)| {
            let (ok, verdict) = verdicts
                .get(connector.as_str())
                .cloned()
                .unwrap_or((true, "OK (Frontdesk's own store)".to_owned()));
            CheckLine {
                capability: capability.as_str().to_owned(),
                connector: connector.clone(),
                ok,
                verdict,
            }
        })
        .collect()
}

/// Why a check failed, for whoever sets Frontdesk up.
fn check_words(e: &ConnectorError) -> String {
    match e {
        ConnectorError::Unreachable { system, detail } => {
            format!(
                "unreachable: {system} gave no answer ({detail}); check base_url and the network"
            )
        }
        ConnectorError::Unauthorized { system } => {
            format!(
                "bad credentials: {system} refused them; check the variable the *_env key names"
            )
        }
        ConnectorError::Malformed { system, field } => {
            format!("unexpected answer from {system} at `{field}`; is base_url its API?")
        }
        other => other.to_string(),
    }
}
