//! Wire-exact fake vendor servers, built from the vendors' API documents in
//! `seeds/` (never from a connector), so that Frontdesk's connectors can be
//! proven against them: in `cargo test` (spawned on 127.0.0.1:0), in the
//! end-to-end suite and in the demo (the `frontdesk-fakes` binary).
//!
//! One server serves every fake:
//!
//! - Clubplanner (seed 000) under `/clubplanner/api` — see [`clubplanner`];
//! - Overplane CRM (seed 001) under `/overplane` (`/overplane/api/crm/…`) —
//!   see [`overplane`];
//! - OnlineAfspraken (seed 003) at `/onlineafspraken/APIREST` — see
//!   [`onlineafspraken`];
//! - AlphaAlpha CRM (seed 004) under `/alphaalpha/api/v1`
//!   (`/alphaalpha/api/v1/crm/customers/…`) — see [`alphaalpha`];
//! - Cirrus 2 (seed 002) under `/cirrus` (`/cirrus/leads`, …; the document
//!   lost its paths, the fake's are in `cirrus::assumed::PATHS`) — see
//!   [`cirrus`];
//! - control endpoints under `/_fake/` — see `README.md`.
//!
//! Every assumption where a seed is silent is listed in `fakes/README.md`
//! and kept in the `assumed` module of its vendor.

pub mod alphaalpha;
pub mod cirrus;
pub mod clock;
pub mod clubplanner;
mod control;
pub mod daytime;
pub mod faults;
pub mod onlineafspraken;
pub mod overplane;
mod params;
mod reply;
pub mod reqlog;
pub mod xml;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Serialize;

pub use alphaalpha::model::AlphaalphaState;
pub use cirrus::model::CirrusState;
pub use clock::ClockSettings;
pub use clubplanner::model::ClubplannerState;
pub use faults::{Fault, FaultKind, Vendor};
pub use onlineafspraken::model::OnlineAfsprakenState;
pub use onlineafspraken::signature::{sign, signing_string};
pub use overplane::model::OverplaneState;
pub use params::Params;
pub use reqlog::{Concurrency, LoggedRequest};

use clock::Clock;
use faults::Faults;
use reply::Reply;
use reqlog::RequestLog;

/// Default Clubplanner token: the one in the seed's sample URLs.
pub const DEFAULT_CLUBPLANNER_TOKEN: &str = "DEMOTOKEN";
/// Default OnlineAfspraken API key (test value).
pub const DEFAULT_ONLINEAFSPRAKEN_KEY: &str = "DEMOKEY";
/// Default OnlineAfspraken API secret (test value).
pub const DEFAULT_ONLINEAFSPRAKEN_SECRET: &str = "DEMOSECRET";
/// Default Overplane bearer token (the seed's samples show `sk_test_...`).
pub const DEFAULT_OVERPLANE_TOKEN: &str = "sk_test_demo";
/// Default AlphaAlpha bearer token (test value; the seed shows none).
pub const DEFAULT_ALPHAALPHA_TOKEN: &str = "alpha-demo-token";
/// Default Cirrus `X-Token` (test value; the seed shows none).
pub const DEFAULT_CIRRUS_TOKEN: &str = "cirrus-demo-token";
/// How far `api_salt` may be from the fake's clock, either way.
pub const DEFAULT_SIGNATURE_WINDOW_S: i64 = 300;

/// What the fakes start with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Seed {
    /// Clubplanner: the seed's sample prospects (1, 2, 64) and step 1091, the
    /// employees, calendars and opening hours, a few calendar items.
    /// OnlineAfspraken: a demo gym agenda (Europe/Brussels) with coaches, a
    /// studio, intake / trial lesson / tour types, weekly blocks, fields,
    /// customers and appointments. Overplane: the seed's sample prospect
    /// `prospect_abc123` and five B2B prospects with child leads and
    /// opportunities. AlphaAlpha: the seed's sample customer `string` (with
    /// its opportunity, activity and owner) and eight gyms across all six
    /// CRM statuses, with owners, tags, next actions (some overdue),
    /// contacts, opportunities with payment schedules and activities. Cirrus:
    /// the document's samples (id 0) and a Belgian/Dutch sales office (10
    /// accounts, 12 contacts, 10 leads, 12 opportunities over two types,
    /// 8 activities). See each vendor's `seed` module.
    #[default]
    Demo,
    /// No records: no prospects (Overplane's included), AlphaAlpha
    /// customers (its users stay), calendar items,
    /// agendas, resources, types, blocks, fields, customers or appointments
    /// (Clubplanner's employees,
    /// calendars, opening hours and step plan stay; Cirrus keeps its users,
    /// statuses, types, reasons and other lookups). Tests insert exactly
    /// what they need through [`FakeVendors::state`].
    Empty,
}

#[derive(Clone, Debug)]
pub struct FakeOptions {
    /// Where to listen; `None` = 127.0.0.1 on a free port.
    pub addr: Option<SocketAddr>,
    pub clubplanner_token: String,
    pub onlineafspraken_key: String,
    pub onlineafspraken_secret: String,
    /// The Overplane `Authorization: Bearer` token the fake accepts.
    pub overplane_token: String,
    /// The AlphaAlpha `Authorization: Bearer` token the fake accepts.
    pub alphaalpha_token: String,
    /// The Cirrus `X-Token` the fake accepts.
    pub cirrus_token: String,
    pub seed: Seed,
    /// Extra Clubplanner prospects, generated deterministically (ids from
    /// 1001), for sync tests and benchmarks (e.g. 10,000).
    pub generated_prospects: usize,
    /// Extra Overplane prospects, generated deterministically (ids
    /// `prospect_gen_000001` …, created one minute apart from
    /// 2023-06-01T00:00:00Z), for sync tests and benchmarks.
    pub generated_overplane_prospects: usize,
    /// Extra AlphaAlpha customers, generated deterministically (ids
    /// `cus_gen_000001` …, created one minute apart from
    /// 2023-06-01T00:00:00Z, statuses round-robin), for sync tests and
    /// benchmarks.
    pub generated_alphaalpha_customers: usize,
    /// Extra Cirrus leads, generated deterministically (ids 1001 …,
    /// created one minute apart from 2023-06-01T00:00:00Z), for sync tests
    /// and benchmarks (e.g. 10,000).
    pub generated_cirrus_leads: usize,
    /// The fake's clock (frozen instant and/or offset from the real clock).
    pub clock: ClockSettings,
    /// How far `api_salt` may be from the fake's clock, in seconds.
    pub signature_window_s: i64,
}

impl Default for FakeOptions {
    fn default() -> FakeOptions {
        FakeOptions {
            addr: None,
            clubplanner_token: DEFAULT_CLUBPLANNER_TOKEN.to_string(),
            onlineafspraken_key: DEFAULT_ONLINEAFSPRAKEN_KEY.to_string(),
            onlineafspraken_secret: DEFAULT_ONLINEAFSPRAKEN_SECRET.to_string(),
            overplane_token: DEFAULT_OVERPLANE_TOKEN.to_string(),
            alphaalpha_token: DEFAULT_ALPHAALPHA_TOKEN.to_string(),
            cirrus_token: DEFAULT_CIRRUS_TOKEN.to_string(),
            seed: Seed::Demo,
            generated_prospects: 0,
            generated_overplane_prospects: 0,
            generated_alphaalpha_customers: 0,
            generated_cirrus_leads: 0,
            clock: ClockSettings::default(),
            signature_window_s: DEFAULT_SIGNATURE_WINDOW_S,
        }
    }
}

/// The credentials the fakes accept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Credentials {
    pub clubplanner_token: String,
    pub onlineafspraken_key: String,
    pub onlineafspraken_secret: String,
    pub overplane_token: String,
    pub alphaalpha_token: String,
    pub cirrus_token: String,
}

/// Everything the fakes hold. Public fields, so a test can read and change
/// anything through [`FakeVendors::state`]; `GET /_fake/state` is its JSON.
#[derive(Clone, Debug, Serialize)]
pub struct State {
    pub clubplanner: ClubplannerState,
    pub onlineafspraken: OnlineAfsprakenState,
    pub overplane: OverplaneState,
    pub alphaalpha: AlphaalphaState,
    pub cirrus: CirrusState,
}

pub(crate) struct Shared {
    state: Mutex<State>,
    initial: State,
    initial_clock: ClockSettings,
    credentials: Credentials,
    clock: Clock,
    faults: Faults,
    log: RequestLog,
    signature_window_s: i64,
}

impl Shared {
    fn new(options: &FakeOptions) -> Shared {
        let clock = Clock::new(options.clock);
        let now = clock.now();
        let initial = State {
            clubplanner: clubplanner::seed::state(options.seed, options.generated_prospects, now),
            onlineafspraken: onlineafspraken::seed::state(options.seed, now),
            overplane: overplane::seed::state(options.seed, options.generated_overplane_prospects),
            alphaalpha: alphaalpha::seed::state(
                options.seed,
                options.generated_alphaalpha_customers,
                now,
            ),
            cirrus: cirrus::seed::state(options.seed, options.generated_cirrus_leads, now),
        };
        Shared {
            state: Mutex::new(initial.clone()),
            initial,
            initial_clock: options.clock,
            credentials: Credentials {
                clubplanner_token: options.clubplanner_token.clone(),
                onlineafspraken_key: options.onlineafspraken_key.clone(),
                onlineafspraken_secret: options.onlineafspraken_secret.clone(),
                overplane_token: options.overplane_token.clone(),
                alphaalpha_token: options.alphaalpha_token.clone(),
                cirrus_token: options.cirrus_token.clone(),
            },
            clock,
            faults: Faults::default(),
            log: RequestLog::default(),
            signature_window_s: options.signature_window_s,
        }
    }

    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Back to the state, clock and (empty) log and faults of the start.
    fn reset(&self) {
        *self.state() = self.initial.clone();
        self.clock.set(self.initial_clock);
        self.faults.clear();
        self.log.clear();
    }
}

/// The running fakes. Dropping it stops the server.
pub struct FakeVendors {
    addr: SocketAddr,
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

/// Starts every fake on one port (see [`FakeOptions::addr`]).
///
/// # Panics
/// When the address cannot be bound; see [`try_spawn`].
pub async fn spawn(options: FakeOptions) -> FakeVendors {
    try_spawn(options)
        .await
        .expect("bind the fake vendors' address")
}

/// [`spawn`], with a bind failure returned instead of a panic.
pub async fn try_spawn(options: FakeOptions) -> std::io::Result<FakeVendors> {
    let addr = options
        .addr
        .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 0)));
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared::new(&options));
    let app = router(shared.clone());
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(FakeVendors {
        addr,
        shared,
        server,
    })
}

impl FakeVendors {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://127.0.0.1:PORT/clubplanner/api` — a connector's `base_url`.
    pub fn base_url_clubplanner(&self) -> String {
        format!("{}{}", self.base_url(), clubplanner::PREFIX)
    }

    /// `http://127.0.0.1:PORT/onlineafspraken/APIREST` — a connector's `base_url`.
    pub fn base_url_onlineafspraken(&self) -> String {
        format!("{}{}", self.base_url(), onlineafspraken::PATH)
    }

    /// `http://127.0.0.1:PORT/overplane` — a connector's `base_url` (the
    /// seed's paths `/api/crm/…` follow it).
    pub fn base_url_overplane(&self) -> String {
        format!("{}{}", self.base_url(), overplane::PREFIX)
    }

    /// `http://127.0.0.1:PORT/alphaalpha/api/v1` — a connector's `base_url`
    /// (the seed's paths `/crm/customers/…` follow it, as they follow
    /// `http://localhost:18080/api/v1` in its samples).
    pub fn base_url_alphaalpha(&self) -> String {
        format!("{}{}", self.base_url(), alphaalpha::BASE_PATH)
    }

    /// `http://127.0.0.1:PORT/cirrus` — a connector's `base_url` (the
    /// paths of `cirrus::assumed::PATHS`, `/leads`, `/opportunities/{id}`, …,
    /// follow it).
    pub fn base_url_cirrus(&self) -> String {
        format!("{}{}", self.base_url(), cirrus::PREFIX)
    }

    pub fn credentials(&self) -> &Credentials {
        &self.shared.credentials
    }

    /// The live state, locked. Do not hold it across an `.await`.
    pub fn state(&self) -> MutexGuard<'_, State> {
        self.shared.state()
    }

    /// A copy of the live state.
    pub fn snapshot(&self) -> State {
        self.shared.state().clone()
    }

    /// Every vendor call received since the start (or the last reset / clear).
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.log.entries()
    }

    /// The calls to one vendor.
    pub fn requests_to(&self, vendor: Vendor) -> Vec<LoggedRequest> {
        self.requests()
            .into_iter()
            .filter(|r| r.vendor == vendor)
            .collect()
    }

    pub fn clear_requests(&self) {
        self.shared.log.clear();
    }

    /// Calls in flight to `vendor` now, and the most at once so far.
    pub fn concurrency(&self, vendor: Vendor) -> Concurrency {
        self.shared.log.concurrency(vendor)
    }

    pub fn inject(&self, fault: Fault) {
        self.shared.faults.push(fault);
    }

    pub fn pending_faults(&self) -> Vec<Fault> {
        self.shared.faults.pending()
    }

    pub fn clear_faults(&self) {
        self.shared.faults.clear();
    }

    /// Back to the seeded state and the starting clock; no faults, empty log.
    pub fn reset(&self) {
        self.shared.reset();
    }

    /// The fake's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.shared.now()
    }

    pub fn clock(&self) -> ClockSettings {
        self.shared.clock.settings()
    }

    pub fn set_clock(&self, settings: ClockSettings) {
        self.shared.clock.set(settings);
    }

    /// Keeps the frozen instant (if any), sets the offset.
    pub fn set_clock_offset(&self, offset_s: i64) {
        let mut settings = self.shared.clock.settings();
        settings.offset_s = offset_s;
        self.shared.clock.set(settings);
    }

    /// Stops the server and waits for it.
    pub async fn shutdown(mut self) {
        self.server.abort();
        let _ = (&mut self.server).await;
    }
}

impl Drop for FakeVendors {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .merge(control::routes())
        .merge(clubplanner::routes())
        .merge(onlineafspraken::routes())
        .merge(overplane::routes())
        .merge(alphaalpha::routes())
        .merge(cirrus::routes())
        .with_state(shared)
}

/// One vendor call as received.
pub(crate) struct Call {
    pub vendor: Vendor,
    pub http_method: Method,
    pub path: String,
    pub method: String,
    pub params: Params,
    pub headers: HeaderMap,
}

impl Call {
    /// Query plus, for a form POST, the body.
    pub fn params(query: Option<&str>, headers: &HeaderMap, body: &Bytes) -> Params {
        let is_form = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        Params::parse(query, is_form.then_some(&body[..]))
    }
}

/// Logs the call, applies an injected fault if one matches, else runs the
/// vendor's handler.
pub(crate) async fn serve_call(
    shared: Arc<Shared>,
    call: Call,
    handler: impl FnOnce(&Shared, &Params) -> Reply,
    vendor_failure: fn(&Shared, &str) -> Reply,
) -> Response {
    let _in_flight = shared.log.enter(call.vendor);
    let seq = shared.log.start(LoggedRequest {
        seq: 0,
        at: shared.now(),
        vendor: call.vendor,
        http_method: call.http_method.to_string(),
        path: call.path.clone(),
        method: call.method.clone(),
        params: call.params.0.clone(),
        headers: call
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        status: None,
        fault: None,
    });
    let fault = shared.faults.take(call.vendor, &call.method);
    if let Some(f) = &fault {
        shared.log.set_fault(seq, f.kind);
    }
    let reply = match &fault {
        None => handler(&shared, &call.params),
        Some(f) => match f.kind {
            FaultKind::Slow => {
                tokio::time::sleep(std::time::Duration::from_millis(f.ms)).await;
                handler(&shared, &call.params)
            }
            FaultKind::Status => Reply::text(f.status, "fake fault: injected status"),
            FaultKind::RateLimit => Reply::text(429, "fake fault: rate limited")
                .header("retry-after", f.retry_after_s.to_string()),
            FaultKind::Malformed => handler(&shared, &call.params).truncated(),
            FaultKind::FailedStatus => vendor_failure(&shared, "fake fault: injected failure"),
        },
    };
    shared
        .log
        .finish(seq, reply.status, fault.as_ref().map(|f| f.kind));
    reply.into_response()
}
