//! Misbehaviour on request: the next `times` calls to a vendor (optionally to
//! one of its methods) are slow, fail, are rate limited, or come back
//! garbled, so a connector's timeouts, retries, `Retry-After` handling and
//! error mapping can be tested.

use std::sync::Mutex;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Vendor {
    Clubplanner,
    Onlineafspraken,
    Overplane,
    Alphaalpha,
    Cirrus,
}

impl Vendor {
    pub fn as_str(self) -> &'static str {
        match self {
            Vendor::Clubplanner => "clubplanner",
            Vendor::Onlineafspraken => "onlineafspraken",
            Vendor::Overplane => "overplane",
            Vendor::Alphaalpha => "alphaalpha",
            Vendor::Cirrus => "cirrus",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Waits `ms`, then answers normally (the call takes effect).
    Slow,
    /// HTTP `status` (default 503) with a short text body; the call has no
    /// effect.
    Status,
    /// HTTP 429 with `Retry-After: retry_after_s`; the call has no effect.
    RateLimit,
    /// The normal answer cut in half under HTTP 200. The call DOES take
    /// effect: a write may have landed although the client cannot tell, which
    /// is exactly the case a connector must look up before sending again.
    Malformed,
    /// The vendor's own failure answer; the call has no effect.
    /// OnlineAfspraken: HTTP 200 with `<Status><Status>failed</Status>`.
    /// Clubplanner: HTTP 400 with `<Error><Message>…</Message></Error>`.
    /// Overplane: HTTP 400 with its JSON error body
    /// `{"error":{"code":"request_failed","message":…,"param":null}}`.
    /// AlphaAlpha: HTTP 400 with its problem body
    /// `{"detail":"fake fault: injected failure","time":…,"title":"Bad Request"}`.
    /// Cirrus: HTTP 400 with `{"message":"fake fault: injected failure"}`.
    FailedStatus,
}

/// One injected fault. JSON form (for `POST /_fake/faults`):
/// `{"vendor":"clubplanner","method":"GetProspects","kind":"slow","ms":2000,"times":1}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    pub vendor: Vendor,
    /// Only calls of this method (case-insensitive): the Clubplanner path's
    /// last segment (`GetProspects`), the OnlineAfspraken `method`
    /// (`getAppointments`), or for Overplane `"<HTTP method> <resource>"`
    /// (`GET prospect`, `PATCH prospect`, `POST prospect-opportunity`,
    /// `POST prospect-lead/reorder`), or for AlphaAlpha `"<HTTP method>
    /// <the seed's path template>"` (`GET /crm/customers/{id}`,
    /// `PATCH /crm/customers/{id}/crm-status`,
    /// `POST /crm/customers/{id}/tags/{tag}`; see `alphaalpha::CALLS`), or for
    /// Cirrus `"<HTTP method> <path template>"` (`GET /leads`,
    /// `PUT /opportunities/{id}`; see `cirrus::PATHS`).
    /// `None`: any call of the vendor.
    #[serde(default)]
    pub method: Option<String>,
    pub kind: FaultKind,
    /// Delay for `slow`.
    #[serde(default = "default_ms")]
    pub ms: u64,
    /// HTTP status for `status`.
    #[serde(default = "default_status")]
    pub status: u16,
    /// `Retry-After` seconds for `rate_limit`.
    #[serde(default = "default_retry_after")]
    pub retry_after_s: u64,
    /// How many matching calls misbehave.
    #[serde(default = "default_times")]
    pub times: u32,
    /// How many matching calls pass normally first (a page that fails
    /// halfway through a sync).
    #[serde(default)]
    pub after: u32,
}

fn default_ms() -> u64 {
    1000
}
fn default_status() -> u16 {
    503
}
fn default_retry_after() -> u64 {
    1
}
fn default_times() -> u32 {
    1
}

impl Fault {
    /// A fault for the next call of `vendor`, with the defaults of the JSON
    /// form (1000 ms, status 503, Retry-After 1 s, once).
    pub fn new(vendor: Vendor, kind: FaultKind) -> Fault {
        Fault {
            vendor,
            method: None,
            kind,
            ms: default_ms(),
            status: default_status(),
            retry_after_s: default_retry_after(),
            times: default_times(),
            after: 0,
        }
    }

    pub fn method(mut self, method: &str) -> Fault {
        self.method = Some(method.to_string());
        self
    }

    pub fn times(mut self, times: u32) -> Fault {
        self.times = times;
        self
    }

    /// Lets the first `calls` matching calls through untouched.
    pub fn after(mut self, calls: u32) -> Fault {
        self.after = calls;
        self
    }

    pub fn ms(mut self, ms: u64) -> Fault {
        self.ms = ms;
        self
    }

    pub fn status(mut self, status: u16) -> Fault {
        self.status = status;
        self
    }

    pub fn retry_after_s(mut self, seconds: u64) -> Fault {
        self.retry_after_s = seconds;
        self
    }

    fn matches(&self, vendor: Vendor, method: &str) -> bool {
        self.vendor == vendor
            && self.times > 0
            && self
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
    }
}

/// Pending faults, first injected first used.
#[derive(Debug, Default)]
pub struct Faults(Mutex<Vec<Fault>>);

impl Faults {
    pub fn push(&self, fault: Fault) {
        if fault.times > 0 {
            self.lock().push(fault);
        }
    }

    /// Uses up one occurrence of the first fault matching this call.
    pub fn take(&self, vendor: Vendor, method: &str) -> Option<Fault> {
        let mut faults = self.lock();
        let i = faults.iter().position(|f| f.matches(vendor, method))?;
        if faults[i].after > 0 {
            faults[i].after -= 1;
            return None;
        }
        faults[i].times -= 1;
        let fault = faults[i].clone();
        if faults[i].times == 0 {
            faults.remove(i);
        }
        Some(fault)
    }

    pub fn pending(&self) -> Vec<Fault> {
        self.lock().clone()
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Fault>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
