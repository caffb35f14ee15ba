//! Frontdesk's thin proxy: the `/api/v1` JSON API, the vendor connectors and
//! the embedded SQLite store, plus the static files of the browser app.

pub mod api;
pub mod availability_cache;
pub mod boot;
pub mod config;
pub mod connectors;
pub mod ics;
pub mod index_cache;
pub mod mail;
pub mod messages;
pub mod precompress;
pub mod secrets;
pub mod session_writes;
pub mod store;
pub mod throttle;
pub mod web;

use std::sync::Arc;

use axum::Router;
use sqlx::SqlitePool;

pub use config::Settings;

/// What every handler can reach. Cheap to clone: it lives in an `Arc`.
pub struct AppState {
    pub db: SqlitePool,
    pub settings: Settings,
    pub web: web::WebAssets,
    /// Serialises booking writes: the slot check and the insert happen as one
    /// step, so two people racing for the last place cannot both get it.
    pub booking_lock: tokio::sync::Mutex<()>,
    /// Wakes the mail relay when a message was added to the outbox.
    pub outbox_ready: tokio::sync::Notify,
    /// Sign-in tries per account (and per known browser), per client
    /// address, and the password checks running at once (issue #17).
    pub login_throttle: throttle::LoginThrottle,
    pub address_limiter: throttle::AddressLimiter,
    pub password_checks: store::users::PasswordChecks,
    pub prospect_index: index_cache::IndexCache,
    /// Which system serves each capability (DESIGN.md, "Connectors").
    pub connectors: connectors::Connectors,
    /// A vendor's availability, reused for seconds (dropped by any booking).
    pub availability_cache: availability_cache::AvailabilityCache,
    /// A session's board reads wait for its writes under way.
    pub session_writes: session_writes::SessionWrites,
}

impl AppState {
    /// For settings already checked (`Settings::apply_file`); panics if a
    /// connector cannot be built from them (tests).
    pub fn new(db: SqlitePool, settings: Settings) -> Self {
        Self::try_new(db, settings).expect("the connectors are configured")
    }

    pub fn try_new(db: SqlitePool, settings: Settings) -> anyhow::Result<Self> {
        let web = web::WebAssets::load(&settings.dist, &settings.embed_origins);
        let connectors = connectors::Connectors::build(&settings, &db)?;
        Ok(Self {
            connectors,
            db,
            settings,
            web,
            booking_lock: tokio::sync::Mutex::new(()),
            outbox_ready: tokio::sync::Notify::new(),
            login_throttle: throttle::LoginThrottle::default(),
            address_limiter: throttle::AddressLimiter::default(),
            password_checks: store::users::PasswordChecks::default(),
            prospect_index: index_cache::IndexCache::default(),
            availability_cache: availability_cache::AvailabilityCache::default(),
            session_writes: session_writes::SessionWrites::default(),
        })
    }

    /// Something was booked, moved or cancelled in `agenda`: the grids
    /// read from now on are read afresh.
    pub fn availability_changed(&self, agenda: i64) {
        self.availability_cache.drop_agenda(agenda);
    }
}

pub type SharedState = Arc<AppState>;

/// The whole HTTP application: the API under `/api/v1`, the app everywhere else.
pub fn app(state: SharedState) -> Router {
    let api = api::router(state.clone());
    web::router(state, api)
}
