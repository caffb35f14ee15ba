//! The one HTTP client every vendor connector goes through: a timeout per
//! request, a bound on requests in flight and on their rate (a vendor may
//! disable a key that calls too often), retries with backoff for reads
//! only (honouring 429 and `Retry-After`, the wait capped), and one log
//! line per request with every secret cut out.
//!
//! A write is never sent again by this client: a create that may have
//! landed must be looked up by its connector before it is tried again.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::{Method, StatusCode};
use tokio::sync::{Mutex, Semaphore};

use super::error::ConnectorError;

/// How one vendor is reached; from its `frontdesk.toml` table.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The vendor's name as people know it, for messages and logs.
    pub system: &'static str,
    pub base_url: String,
    pub timeout: Duration,
    /// Requests in flight at once.
    pub max_concurrent: usize,
    /// At most this many requests a second (none: unbounded).
    pub max_per_second: Option<f64>,
    /// Tries of a read in all (the first included).
    pub read_tries: u32,
    /// The longest `Retry-After` (or backoff) a read waits before trying
    /// again; past it the caller gets `RateLimited` at once.
    pub max_wait: Duration,
}

impl ClientConfig {
    pub fn new(system: &'static str, base_url: &str) -> Self {
        Self {
            system,
            base_url: base_url.trim_end_matches('/').to_owned(),
            timeout: Duration::from_secs(10),
            max_concurrent: 4,
            max_per_second: None,
            read_tries: 3,
            max_wait: Duration::from_secs(5),
        }
    }
}

/// A request to a vendor. `read` marks it safe to send again.
#[derive(Debug, Clone)]
pub struct VendorRequest {
    pub method: Method,
    /// Appended to the base URL (starts with `/`, or is empty).
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<Body>,
    pub read: bool,
}

#[derive(Debug, Clone)]
pub enum Body {
    Json(serde_json::Value),
    Form(Vec<(String, String)>),
}

impl VendorRequest {
    pub fn get(path: impl Into<String>) -> Self {
        Self {
            method: Method::GET,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            read: true,
        }
    }

    /// A request that changes something at the vendor: never retried.
    pub fn write(method: Method, path: impl Into<String>) -> Self {
        Self {
            read: false,
            method,
            ..Self::get(path)
        }
    }

    pub fn query(mut self, name: &str, value: impl Into<String>) -> Self {
        self.query.push((name.to_owned(), value.into()));
        self
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn json(mut self, body: serde_json::Value) -> Self {
        self.body = Some(Body::Json(body));
        self
    }

    pub fn form(mut self, fields: Vec<(String, String)>) -> Self {
        self.body = Some(Body::Form(fields));
        self
    }
}

#[derive(Debug, Clone)]
pub struct VendorResponse {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Bytes,
}

impl VendorResponse {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body's JSON as `T`; what does not fit is `Malformed`, naming
    /// the field (logged without the payload, which may hold personal
    /// data).
    pub fn json<T: serde::de::DeserializeOwned>(
        &self,
        system: &'static str,
    ) -> Result<T, ConnectorError> {
        let de = &mut serde_json::Deserializer::from_slice(&self.body);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let field = e.path().to_string();
            tracing::warn!(system, field, "malformed answer");
            ConnectorError::Malformed {
                system,
                field: if field == "." {
                    "(the whole answer)".into()
                } else {
                    field
                },
            }
        })
    }
}

/// Query parameters and headers whose values never reach a log line.
const SECRET_NAMES: [&str; 9] = [
    "token",
    "api_key",
    "api_signature",
    "api_secret",
    "key",
    "secret",
    "password",
    "authorization",
    "x-token",
];

fn is_secret(name: &str) -> bool {
    SECRET_NAMES
        .iter()
        .any(|s| s.eq_ignore_ascii_case(name.trim()))
}

/// `path?a=1&token=…`: the request as a log line may show it.
pub fn redacted(path: &str, query: &[(String, String)]) -> String {
    if query.is_empty() {
        return path.to_owned();
    }
    let q: Vec<String> = query
        .iter()
        .map(|(k, v)| {
            if is_secret(k) {
                format!("{k}=…")
            } else {
                format!("{k}={}", v.chars().take(40).collect::<String>())
            }
        })
        .collect();
    format!("{path}?{}", q.join("&"))
}

pub struct VendorClient {
    config: ClientConfig,
    http: reqwest::Client,
    in_flight: Arc<Semaphore>,
    /// When the next request may leave, for `max_per_second`.
    next_slot: Mutex<Instant>,
}

impl VendorClient {
    pub fn new(config: ClientConfig) -> Self {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(5)))
            .user_agent(concat!("Frontdesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .expect("a client with a timeout and rustls builds");
        Self {
            in_flight: Arc::new(Semaphore::new(config.max_concurrent.max(1))),
            next_slot: Mutex::new(Instant::now()),
            config,
            http,
        }
    }

    pub fn system(&self) -> &'static str {
        self.config.system
    }

    pub fn base_url(&self) -> &str {
        &self.config.base_url
    }

    /// Waits for this request's turn under `max_per_second`.
    async fn pace(&self) {
        let Some(rate) = self.config.max_per_second.filter(|r| *r > 0.0) else {
            return;
        };
        let gap = Duration::from_secs_f64(1.0 / rate);
        let at = {
            let mut next = self.next_slot.lock().await;
            let now = Instant::now();
            let at = (*next).max(now);
            *next = at + gap;
            at
        };
        tokio::time::sleep_until(at.into()).await;
    }

    /// Sends `request`; answers 2xx–4xx (but 429) to the caller, who reads
    /// the vendor's own error shape. A read is tried again on a timeout, a
    /// broken connection, a 5xx or a 429 whose wait fits `max_wait`.
    pub async fn send(&self, request: VendorRequest) -> Result<VendorResponse, ConnectorError> {
        let system = self.config.system;
        let shown = redacted(&request.path, &request.query);
        let tries = if request.read {
            self.config.read_tries.max(1)
        } else {
            1
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let outcome = self.send_once(&request, &shown).await;
            let wait = match &outcome {
                Ok(r) if r.status == StatusCode::TOO_MANY_REQUESTS => {
                    let asked = retry_after(&r.headers);
                    let error = ConnectorError::RateLimited {
                        system,
                        retry_after: asked,
                    };
                    match asked.unwrap_or(backoff(attempt)) {
                        w if w <= self.config.max_wait && attempt < tries => w,
                        _ => return Err(error),
                    }
                }
                Ok(r) if r.status.is_server_error() => {
                    if attempt >= tries {
                        return Err(ConnectorError::VendorFailed {
                            system,
                            status: r.status.as_u16(),
                        });
                    }
                    backoff(attempt)
                }
                Ok(_) => return outcome,
                Err(e) if e.is_transient() && attempt < tries => backoff(attempt),
                Err(_) => return outcome,
            };
            tracing::info!(system, request = %shown, attempt, wait_ms = wait.as_millis() as u64, "vendor read tried again");
            tokio::time::sleep(wait.min(self.config.max_wait)).await;
        }
    }

    async fn send_once(
        &self,
        request: &VendorRequest,
        shown: &str,
    ) -> Result<VendorResponse, ConnectorError> {
        let system = self.config.system;
        let _permit = self
            .in_flight
            .acquire()
            .await
            .expect("the semaphore is never closed");
        self.pace().await;
        let url = format!("{}{}", self.config.base_url, request.path);
        let mut builder = self
            .http
            .request(request.method.clone(), &url)
            .query(&request.query);
        for (name, value) in &request.headers {
            builder = builder.header(*name, value);
        }
        builder = match &request.body {
            Some(Body::Json(v)) => builder.json(v),
            Some(Body::Form(f)) => builder.form(f),
            None => builder,
        };
        let started = Instant::now();
        let result = builder.send().await;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let response = match result {
            Ok(r) => r,
            Err(e) => {
                let detail = if e.is_timeout() {
                    "no answer in time".to_owned()
                } else if e.is_connect() {
                    "connection refused or failed".to_owned()
                } else {
                    "the connection broke".to_owned()
                };
                tracing::warn!(system, method = %request.method, request = %shown, ms = %format_args!("{ms:.1}"), error = %detail, "vendor request failed");
                return Err(ConnectorError::Unreachable { system, detail });
            }
        };
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(|_| ConnectorError::Unreachable {
                system,
                detail: "the answer broke off".to_owned(),
            })?;
        tracing::info!(system, method = %request.method, request = %shown, status = status.as_u16(), ms = %format_args!("{ms:.1}"), "vendor request");
        Ok(VendorResponse {
            status,
            headers,
            body,
        })
    }
}

/// `Retry-After` in seconds (the HTTP-date form is read as "unknown").
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

/// 200 ms, 400 ms, 800 ms, … between tries of a read.
fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(200u64.saturating_mul(1 << attempt.saturating_sub(1).min(6)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_reach_the_log_line() {
        let q = vec![
            ("token".to_owned(), "DEMOTOKEN".to_owned()),
            ("id".to_owned(), "64".to_owned()),
            ("api_signature".to_owned(), "abc".to_owned()),
            ("API_KEY".to_owned(), "k".to_owned()),
        ];
        let line = redacted("/Sales/GetProspect", &q);
        assert_eq!(
            line,
            "/Sales/GetProspect?token=…&id=64&api_signature=…&API_KEY=…"
        );
        assert!(!line.contains("DEMOTOKEN"));
    }

    #[test]
    fn backoff_doubles_and_stays_bounded() {
        assert_eq!(backoff(1), Duration::from_millis(200));
        assert_eq!(backoff(2), Duration::from_millis(400));
        assert_eq!(backoff(40), Duration::from_millis(200 * 64));
    }
}
