//! The vendor tables of `frontdesk.toml` (DESIGN.md, "Configuration").
//! The keys DESIGN.md names are a contract: `base_url`, `token_env`,
//! `key_env`, `secret_env`, `timeout_ms`, `sync_interval_s`,
//! `max_concurrent`; each vendor adds its own. Secrets are read from the
//! environment variables named here, never from the file, and are held as
//! `SecretString`, whose `Debug` prints no secret.

use std::collections::BTreeMap;
use std::time::Duration;

use secrecy::SecretString;
use serde::Deserialize;

use super::http::ClientConfig;

/// What every vendor table may hold besides its own settings. (Written
/// into each table's struct: serde's `deny_unknown_fields`, which catches
/// a misspelt key, does not work through `flatten`.)
#[derive(Debug, Clone)]
pub struct Common {
    pub base_url: String,
    /// Per request, in milliseconds (default 10 s).
    pub timeout_ms: Option<u64>,
    /// How often the mirror is synced, in seconds (default 300).
    pub sync_interval_s: Option<u64>,
    /// Requests in flight at once (default 4).
    pub max_concurrent: Option<usize>,
    /// At most this many requests a second (default: no bound).
    pub max_per_second: Option<f64>,
    /// How long the widget's availability read from the vendor is reused,
    /// in seconds (default 5; 0: never). Any booking drops it at once.
    pub availability_cache_s: Option<u64>,
}

impl Common {
    pub fn client(&self, system: &'static str) -> ClientConfig {
        let mut c = ClientConfig::new(system, &self.base_url);
        if let Some(ms) = self.timeout_ms {
            c.timeout = Duration::from_millis(ms.max(1));
        }
        if let Some(n) = self.max_concurrent {
            c.max_concurrent = n.max(1);
        }
        c.max_per_second = self.max_per_second;
        c
    }

    pub fn availability_cache(&self) -> Duration {
        Duration::from_secs(self.availability_cache_s.unwrap_or(5))
    }

    pub fn sync_interval(&self) -> Duration {
        Duration::from_secs(self.sync_interval_s.unwrap_or(300).max(5))
    }
}

/// `[clubplanner]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClubplannerTable {
    pub base_url: String,
    pub timeout_ms: Option<u64>,
    pub sync_interval_s: Option<u64>,
    pub max_concurrent: Option<usize>,
    pub max_per_second: Option<f64>,
    pub availability_cache_s: Option<u64>,
    /// The name of the variable that holds the token.
    pub token_env: String,
    /// The sales calendar the sales steps book in (its id there; default 1).
    pub calendar_id: Option<i64>,
    /// What the calendar is called on Frontdesk's pages (default
    /// "Clubplanner").
    pub calendar_name: Option<String>,
    /// The room a booked appointment takes (its id there; default none).
    pub room_id: Option<i64>,
    /// The time zone of the wall times Clubplanner reads and writes (default
    /// Europe/Brussels: the API sends no offset).
    pub timezone: Option<String>,
    /// The employee a result is recorded for (`employeeid`, required by
    /// SetStepResult; default 1). Staff sign in to Frontdesk, not to
    /// Clubplanner: the staff member's name goes in `from`.
    pub employee_id: Option<i64>,
    /// Employees' names by their id there (the API lists none); an id not
    /// named shows as "Employee 5".
    #[serde(default)]
    pub employees: BTreeMap<String, String>,
    /// The step results that book an appointment (the API does not say
    /// which do); default: a result whose description speaks of an
    /// appointment ("afspraak", "rendez-vous", "appointment").
    pub booking_results: Option<Vec<i64>>,
    /// How long an appointment booked from a step is, in minutes (default 60).
    pub appointment_min: Option<u32>,
    #[serde(skip)]
    pub token: Option<SecretString>,
}

impl ClubplannerTable {
    pub fn common(&self) -> Common {
        Common {
            base_url: self.base_url.clone(),
            timeout_ms: self.timeout_ms,
            sync_interval_s: self.sync_interval_s,
            max_concurrent: self.max_concurrent,
            max_per_second: self.max_per_second,
            availability_cache_s: self.availability_cache_s,
        }
    }
}

/// `[onlineafspraken]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnlineAfsprakenTable {
    pub base_url: String,
    pub timeout_ms: Option<u64>,
    pub sync_interval_s: Option<u64>,
    pub max_concurrent: Option<usize>,
    pub max_per_second: Option<f64>,
    pub availability_cache_s: Option<u64>,
    pub key_env: String,
    pub secret_env: String,
    /// The agendas' time zone: the API does not say it (default
    /// Europe/Amsterdam, the vendor's own).
    pub timezone: Option<String>,
    /// Which agenda the widget books in (its id there); default the one
    /// marked `IsDefault`, else the first.
    pub agenda_id: Option<String>,
    /// The resources (ids there) that are rooms; the rest are coaches (the
    /// API does not say which is which).
    #[serde(default)]
    pub rooms: Vec<String>,
    /// How long before its start a booking may be cancelled online, in
    /// minutes (the vendor decides, and is asked; this is what the manage
    /// page says). Default 1,440 (a day).
    pub cancel_cutoff_min: Option<u32>,
    #[serde(skip)]
    pub key: Option<SecretString>,
    #[serde(skip)]
    pub secret: Option<SecretString>,
}

impl OnlineAfsprakenTable {
    pub fn common(&self) -> Common {
        Common {
            base_url: self.base_url.clone(),
            timeout_ms: self.timeout_ms,
            sync_interval_s: self.sync_interval_s,
            max_concurrent: self.max_concurrent,
            max_per_second: self.max_per_second,
            availability_cache_s: self.availability_cache_s,
        }
    }
}

/// `[overplane]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverplaneTable {
    pub base_url: String,
    pub timeout_ms: Option<u64>,
    pub sync_interval_s: Option<u64>,
    pub max_concurrent: Option<usize>,
    pub max_per_second: Option<f64>,
    pub availability_cache_s: Option<u64>,
    /// The name of the variable that holds the API key (sent as a Bearer
    /// token).
    pub token_env: String,
    /// Prospects a page of the sync asks for (`limit`; default 100).
    pub page_size: Option<u32>,
    /// The opportunities' stages in board order (Overplane has no list of
    /// them); default `assumed::STAGES`. A stage an opportunity has that is
    /// not listed is shown as a column of its own, never dropped.
    pub stages: Option<Vec<OverplaneStage>>,
    /// The currency of an opportunity that names none (default EUR).
    pub currency: Option<String>,
    #[serde(skip)]
    pub token: Option<SecretString>,
}

/// One stage of `[overplane] stages`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OverplaneStage {
    /// As Overplane writes it in `stage`.
    pub name: String,
    /// A card's probability when the opportunity gives none (0–100).
    #[serde(default)]
    pub probability: u8,
    #[serde(default)]
    pub won: bool,
    #[serde(default)]
    pub lost: bool,
}

impl OverplaneTable {
    pub fn common(&self) -> Common {
        Common {
            base_url: self.base_url.clone(),
            timeout_ms: self.timeout_ms,
            sync_interval_s: self.sync_interval_s,
            max_concurrent: self.max_concurrent,
            max_per_second: self.max_per_second,
            availability_cache_s: self.availability_cache_s,
        }
    }
}

/// `[alphaalpha]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlphaAlphaTable {
    pub base_url: String,
    pub timeout_ms: Option<u64>,
    pub sync_interval_s: Option<u64>,
    pub max_concurrent: Option<usize>,
    pub max_per_second: Option<f64>,
    pub availability_cache_s: Option<u64>,
    /// The name of the variable that holds the token (sent as a Bearer
    /// token).
    pub token_env: String,
    #[serde(skip)]
    pub token: Option<SecretString>,
}

impl AlphaAlphaTable {
    pub fn common(&self) -> Common {
        Common {
            base_url: self.base_url.clone(),
            timeout_ms: self.timeout_ms,
            sync_interval_s: self.sync_interval_s,
            max_concurrent: self.max_concurrent,
            max_per_second: self.max_per_second,
            availability_cache_s: self.availability_cache_s,
        }
    }
}

/// `[cirrus]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CirrusTable {
    pub base_url: String,
    pub timeout_ms: Option<u64>,
    pub sync_interval_s: Option<u64>,
    pub max_concurrent: Option<usize>,
    pub max_per_second: Option<f64>,
    pub availability_cache_s: Option<u64>,
    /// The name of the variable that holds the token (sent as `X-Token`).
    pub token_env: String,
    /// Leads a page (`per_page`, at most 50; default 50).
    pub per_page: Option<u32>,
    /// Pages the sync asks at once (default 4).
    pub pages_at_once: Option<usize>,
    /// Paths by resource, over the defaults (`leads = "/leads"`, `lead =
    /// "/leads/{id}"`): the vendor's document does not give them.
    #[serde(default)]
    pub paths: BTreeMap<String, String>,
    /// The Cirrus user Frontdesk acts as: who follows what staff follow,
    /// who owns the opportunities they add. Without it, both say so.
    pub user_id: Option<i64>,
    #[serde(skip)]
    pub token: Option<SecretString>,
}

impl CirrusTable {
    pub fn common(&self) -> Common {
        Common {
            base_url: self.base_url.clone(),
            timeout_ms: self.timeout_ms,
            sync_interval_s: self.sync_interval_s,
            max_concurrent: self.max_concurrent,
            max_per_second: self.max_per_second,
            availability_cache_s: self.availability_cache_s,
        }
    }
}

/// Every vendor table of the file, secrets resolved for the ones in use.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct VendorTables {
    pub clubplanner: Option<ClubplannerTable>,
    pub onlineafspraken: Option<OnlineAfsprakenTable>,
    pub overplane: Option<OverplaneTable>,
    pub cirrus: Option<CirrusTable>,
    pub alphaalpha: Option<AlphaAlphaTable>,
}

/// Reads `name`'s variable, or says which key names it.
fn secret(key: &str, var: &str) -> anyhow::Result<SecretString> {
    match std::env::var(var) {
        Ok(v) if !v.is_empty() => Ok(SecretString::from(v)),
        _ => anyhow::bail!("{key}: the environment variable {var} is not set"),
    }
}

impl VendorTables {
    /// Reads the secrets of the vendors in `used`; a vendor in use without
    /// its table, or with a variable not set, is an error naming the key.
    pub fn resolve(&mut self, used: &[&str]) -> anyhow::Result<()> {
        for vendor in used {
            match *vendor {
                "clubplanner" => {
                    let t = self.clubplanner.as_mut().ok_or_else(|| missing(vendor))?;
                    t.token = Some(secret("clubplanner.token_env", &t.token_env)?);
                    if let Some(tz) = &t.timezone
                        && tz.parse::<chrono_tz::Tz>().is_err()
                    {
                        anyhow::bail!("clubplanner.timezone: `{tz}` is not a time zone");
                    }
                    if t.appointment_min.is_some_and(|m| !(5..=600).contains(&m)) {
                        anyhow::bail!("clubplanner.appointment_min: between 5 and 600 minutes");
                    }
                }
                "onlineafspraken" => {
                    let t = self
                        .onlineafspraken
                        .as_mut()
                        .ok_or_else(|| missing(vendor))?;
                    t.key = Some(secret("onlineafspraken.key_env", &t.key_env)?);
                    t.secret = Some(secret("onlineafspraken.secret_env", &t.secret_env)?);
                    if let Some(tz) = &t.timezone
                        && tz.parse::<chrono_tz::Tz>().is_err()
                    {
                        anyhow::bail!("onlineafspraken.timezone: `{tz}` is not a time zone");
                    }
                }
                "cirrus" => {
                    let t = self.cirrus.as_mut().ok_or_else(|| missing(vendor))?;
                    t.token = Some(secret("cirrus.token_env", &t.token_env)?);
                    if t.per_page.is_some_and(|n| !(1..=50).contains(&n)) {
                        anyhow::bail!("cirrus.per_page: between 1 and 50 (Cirrus's largest page)");
                    }
                    if t.pages_at_once.is_some_and(|n| !(1..=16).contains(&n)) {
                        anyhow::bail!("cirrus.pages_at_once: between 1 and 16");
                    }
                    for (resource, path) in &t.paths {
                        if !crate::connectors::cirrus::assumed::PATHS
                            .iter()
                            .any(|(r, _)| r == resource)
                        {
                            let known: Vec<&str> = crate::connectors::cirrus::assumed::PATHS
                                .iter()
                                .map(|(r, _)| *r)
                                .collect();
                            anyhow::bail!(
                                "cirrus.paths.{resource}: not a resource of Cirrus's (one of {})",
                                known.join(", ")
                            );
                        }
                        if !path.starts_with('/') {
                            anyhow::bail!("cirrus.paths.{resource}: a path starts with /");
                        }
                    }
                }
                "alphaalpha" => {
                    let t = self.alphaalpha.as_mut().ok_or_else(|| missing(vendor))?;
                    t.token = Some(secret("alphaalpha.token_env", &t.token_env)?);
                }
                "overplane" => {
                    let t = self.overplane.as_mut().ok_or_else(|| missing(vendor))?;
                    t.token = Some(secret("overplane.token_env", &t.token_env)?);
                    if t.page_size.is_some_and(|n| !(1..=1000).contains(&n)) {
                        anyhow::bail!("overplane.page_size: between 1 and 1000");
                    }
                    if let Some(stages) = &t.stages {
                        if let Some(s) = stages.iter().find(|s| s.won && s.lost) {
                            anyhow::bail!(
                                "overplane.stages: `{}` cannot be both won and lost",
                                s.name
                            );
                        }
                        if let Some(s) = stages.iter().find(|s| s.probability > 100) {
                            anyhow::bail!(
                                "overplane.stages: `{}`'s probability is over 100",
                                s.name
                            );
                        }
                    }
                    if let Some(c) = &t.currency
                        && !(c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
                    {
                        anyhow::bail!("overplane.currency: three capitals, like EUR");
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

fn missing(vendor: &str) -> anyhow::Error {
    anyhow::anyhow!("[connectors] names `{vendor}`, but the file has no [{vendor}] table")
}
