//! The calls: one endpoint, `method=` and signed parameters; reads as GET,
//! writes as a form POST. Every answer is `<Response><Status>…` and a
//! `failed` status is an error even under HTTP 200. The signing salt
//! follows the vendor's clock (each answer's `<Timestamp>`), so a server
//! whose clock drifts keeps being able to sign.

use std::sync::atomic::{AtomicI64, Ordering};

use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};

use super::SYSTEM;
use super::sign;
use super::xml::{self, Node};
use crate::connectors::error::ConnectorError;
use crate::connectors::http::{ClientConfig, VendorClient, VendorRequest};

pub struct Client {
    http: VendorClient,
    key: SecretString,
    secret: SecretString,
    /// The vendor's clock minus ours, in seconds, from the last answer.
    skew: AtomicI64,
}

impl Client {
    pub fn new(config: ClientConfig, key: SecretString, secret: SecretString) -> Self {
        Self {
            http: VendorClient::new(config),
            key,
            secret,
            skew: AtomicI64::new(0),
        }
    }

    fn salt(&self) -> i64 {
        chrono::Utc::now().timestamp() + self.skew.load(Ordering::Relaxed)
    }

    /// A read (safe to send again).
    pub async fn read(
        &self,
        method: &str,
        params: &[(&str, String)],
    ) -> Result<Node, ConnectorError> {
        self.call(method, params, true).await
    }

    /// A write: sent once.
    pub async fn write(
        &self,
        method: &str,
        params: &[(&str, String)],
    ) -> Result<Node, ConnectorError> {
        self.call(method, params, false).await
    }

    async fn call(
        &self,
        method: &str,
        params: &[(&str, String)],
        read: bool,
    ) -> Result<Node, ConnectorError> {
        let mut tried_new_clock = false;
        loop {
            let mut all: Vec<(String, String)> = vec![("method".into(), method.into())];
            all.extend(params.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
            let signed = sign::signed(
                &all,
                self.key.expose_secret(),
                self.secret.expose_secret(),
                self.salt(),
            );
            let request = if read {
                let mut r = VendorRequest::get("");
                for (k, v) in signed {
                    r = r.query(&k, v);
                }
                r
            } else {
                VendorRequest::write(Method::POST, "").form(signed)
            };
            let response = self.http.send(request).await?;
            if !response.status.is_success() {
                return Err(match response.status.as_u16() {
                    401 | 403 => ConnectorError::Unauthorized { system: SYSTEM },
                    s if s >= 500 => ConnectorError::VendorFailed {
                        system: SYSTEM,
                        status: s,
                    },
                    s => ConnectorError::Refused {
                        system: SYSTEM,
                        message: format!("the request was refused ({s})"),
                        field: None,
                    },
                });
            }
            let root = xml::parse(&response.body).map_err(|_| ConnectorError::Malformed {
                system: SYSTEM,
                field: "(the whole answer)".into(),
            })?;
            let status = root
                .child("Status")
                .ok_or_else(|| ConnectorError::Malformed {
                    system: SYSTEM,
                    field: "Status".into(),
                })?;
            let clock_moved = self.follow_clock(status);
            match status.text_of("Status") {
                Some("success") => return Ok(root),
                Some("failed") => {
                    let message = status.text_of("Message").unwrap_or("").to_owned();
                    // A request signed with a salt the vendor finds too old
                    // did nothing: once the clock is corrected, sign again.
                    if clock_moved && !tried_new_clock && looks_like_signing(&message) {
                        tried_new_clock = true;
                        continue;
                    }
                    return Err(failed(message));
                }
                _ => {
                    return Err(ConnectorError::Malformed {
                        system: SYSTEM,
                        field: "Status.Status".into(),
                    });
                }
            }
        }
    }

    /// Sets the skew from the answer's `<Timestamp>`; says whether it moved
    /// by more than a minute.
    fn follow_clock(&self, status: &Node) -> bool {
        let Some(theirs) = status
            .text_of("Timestamp")
            .and_then(|t| t.parse::<i64>().ok())
        else {
            return false;
        };
        let skew = theirs - chrono::Utc::now().timestamp();
        let before = self.skew.swap(skew, Ordering::Relaxed);
        (skew - before).abs() > 60
    }
}

fn looks_like_signing(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("signature") || m.contains("salt") || m.contains("expired")
}

/// A failed status: bad credentials, or the vendor's refusal in its words.
fn failed(message: String) -> ConnectorError {
    let m = message.to_ascii_lowercase();
    if m.contains("api key")
        || m.contains("api_key")
        || m.contains("signature")
        || m.contains("salt")
    {
        return ConnectorError::Unauthorized { system: SYSTEM };
    }
    if m.contains("not found") || m.contains("niet gevonden") {
        return ConnectorError::NotFound;
    }
    if message.is_empty() {
        return ConnectorError::VendorFailed {
            system: SYSTEM,
            status: 200,
        };
    }
    ConnectorError::Refused {
        system: SYSTEM,
        message,
        field: None,
    }
}
