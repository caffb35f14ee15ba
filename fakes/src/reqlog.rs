//! What connectors sent: every vendor call, with its parameters and headers
//! exactly as received (secrets included: this is the fake's own log, and
//! tests check the token, the signature and the parameter names in it) —
//! except Overplane's and AlphaAlpha's `Authorization` header, whose value is logged as
//! `Bearer <redacted>` (only its presence and scheme are kept), and Cirrus's `X-Token`, logged as
//! `<redacted>` — and how many
//! calls were in flight at once (a connector must bound that).

use std::sync::Mutex;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::faults::{FaultKind, Vendor};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LoggedRequest {
    /// 1, 2, … in arrival order (reset by `reset`).
    pub seq: u64,
    /// The fake's clock when the call arrived.
    pub at: DateTime<Utc>,
    pub vendor: Vendor,
    /// `GET`, `POST`, …
    pub http_method: String,
    /// The path as sent, e.g. `/clubplanner/api/Sales/GetProspect`.
    pub path: String,
    /// The vendor method: the last path segment for Clubplanner, as sent
    /// (`GetProspect`); the `method` parameter for OnlineAfspraken;
    /// `"<HTTP method> <resource>"` for Overplane (`PATCH prospect`,
    /// `POST prospect-lead/reorder`); `"<HTTP method> <path template>"` for
    /// AlphaAlpha (`PATCH /crm/customers/{id}/crm-status`) and Cirrus
    /// (`PUT /opportunities/{id}`).
    pub method: String,
    /// Query parameters, then form-body parameters, in the order received.
    /// Overplane and AlphaAlpha: query parameters, then the JSON body's top-level fields
    /// sorted by name (a string as its text, anything else as JSON text:
    /// `null`, `0`, `["a"]`); a body that is not a JSON object is one pair
    /// named `_body` holding the raw text.
    pub params: Vec<(String, String)>,
    /// Request headers, names lower-case.
    pub headers: Vec<(String, String)>,
    /// The HTTP status answered; `None` while the call is in flight or when
    /// the client gave up before the answer.
    pub status: Option<u16>,
    /// The injected fault this call got, if any.
    pub fault: Option<FaultKind>,
}

impl LoggedRequest {
    /// The first value of a parameter, name exact.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of a header, name case-insensitive.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Calls in flight for one vendor, and the most seen at once since the last
/// reset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Concurrency {
    pub in_flight: usize,
    pub max_in_flight: usize,
}

#[derive(Debug, Default)]
pub struct RequestLog {
    entries: Mutex<Vec<LoggedRequest>>,
    concurrency: Mutex<[Concurrency; 5]>,
}

fn slot(vendor: Vendor) -> usize {
    match vendor {
        Vendor::Clubplanner => 0,
        Vendor::Onlineafspraken => 1,
        Vendor::Overplane => 2,
        Vendor::Alphaalpha => 3,
        Vendor::Cirrus => 4,
    }
}

impl RequestLog {
    /// Records an arriving call; returns its `seq`.
    pub fn start(&self, mut entry: LoggedRequest) -> u64 {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entry.seq = entries.len() as u64 + 1;
        let seq = entry.seq;
        entries.push(entry);
        seq
    }

    pub fn finish(&self, seq: u64, status: u16, fault: Option<FaultKind>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = entries.iter_mut().find(|e| e.seq == seq) {
            e.status = Some(status);
            e.fault = fault;
        }
    }

    pub fn set_fault(&self, seq: u64, fault: FaultKind) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = entries.iter_mut().find(|e| e.seq == seq) {
            e.fault = Some(fault);
        }
    }

    pub fn entries(&self) -> Vec<LoggedRequest> {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        *self.concurrency.lock().unwrap_or_else(|e| e.into_inner()) = Default::default();
    }

    pub fn concurrency(&self, vendor: Vendor) -> Concurrency {
        self.concurrency.lock().unwrap_or_else(|e| e.into_inner())[slot(vendor)]
    }

    /// Counts a call in flight until the guard drops (also when the client
    /// hangs up and the handler is cancelled).
    pub fn enter(&self, vendor: Vendor) -> InFlight<'_> {
        let mut c = self.concurrency.lock().unwrap_or_else(|e| e.into_inner());
        let c = &mut c[slot(vendor)];
        c.in_flight += 1;
        c.max_in_flight = c.max_in_flight.max(c.in_flight);
        InFlight { log: self, vendor }
    }
}

pub struct InFlight<'a> {
    log: &'a RequestLog,
    vendor: Vendor,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        let mut c = self
            .log
            .concurrency
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let c = &mut c[slot(self.vendor)];
        c.in_flight = c.in_flight.saturating_sub(1);
    }
}
