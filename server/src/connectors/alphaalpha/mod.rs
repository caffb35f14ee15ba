//! AlphaAlpha CRM (seed 004, customer endpoints): REST and JSON under
//! `/api/v1`, `Authorization: Bearer`, problems as `{detail, time,
//! title}`. Serves prospects (its customers, mirrored) and the lifecycle
//! board (their CRM status). What the seed does not show is in
//! [`assumed`].

pub mod assumed;
pub mod enriched;
pub mod lifecycle;
pub mod map;

use async_trait::async_trait;
use frontdesk_core::model::ProspectInput;
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use super::error::ConnectorError;
use super::http::{ClientConfig, VendorClient, VendorRequest, VendorResponse};
use super::prospects::{RemotePage, RemoteProspect, VendorProspects};
use crate::store::mirror::Field;

pub const NAME: &str = "alphaalpha";
pub const SYSTEM: &str = "AlphaAlpha";

pub struct AlphaAlpha {
    client: VendorClient,
    token: SecretString,
}

/// A value as one path segment: every byte but the unreserved ones
/// percent-encoded (a tag may hold a space or a slash).
fn segment(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn customer(id: &str) -> String {
    format!("/crm/customers/{}", segment(id))
}

impl AlphaAlpha {
    pub fn new(config: ClientConfig, token: SecretString) -> Self {
        Self {
            client: VendorClient::new(config),
            token,
        }
    }

    async fn call<T: DeserializeOwned>(&self, request: VendorRequest) -> Result<T, ConnectorError> {
        let request = request.header(
            "Authorization",
            format!("Bearer {}", self.token.expose_secret()),
        );
        let response = self.client.send(request).await?;
        Self::read(&response)
    }

    fn read<T: DeserializeOwned>(response: &VendorResponse) -> Result<T, ConnectorError> {
        let status = response.status.as_u16();
        match status {
            200..=299 => response.json(SYSTEM),
            401 | 403 => Err(ConnectorError::Unauthorized { system: SYSTEM }),
            404 => Err(ConnectorError::NotFound),
            400..=499 => Err(ConnectorError::Refused {
                system: SYSTEM,
                message: assumed::problem(&response.body)
                    .unwrap_or_else(|| format!("the request was refused ({status})")),
                field: None,
            }),
            _ => Err(ConnectorError::VendorFailed {
                system: SYSTEM,
                status,
            }),
        }
    }

    /// One customer, enriched, as AlphaAlpha has it now.
    pub(crate) async fn customer(
        &self,
        id: &str,
    ) -> Result<Option<Map<String, Value>>, ConnectorError> {
        match self
            .call::<Map<String, Value>>(VendorRequest::get(customer(id)))
            .await
        {
            Ok(c) => Ok(Some(c)),
            Err(ConnectorError::NotFound) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A write whose answer is the customer.
    pub(crate) async fn write(
        &self,
        method: Method,
        path: String,
        body: Option<Value>,
    ) -> Result<Map<String, Value>, ConnectorError> {
        let mut request = VendorRequest::write(method, path);
        if let Some(b) = body {
            request = request.json(b);
        }
        self.call(request).await
    }

    /// A harmless read for `check-config`.
    pub async fn check(&self) -> Result<(), ConnectorError> {
        self.call::<Vec<Map<String, Value>>>(VendorRequest::get("/crm/customers/overdue-actions"))
            .await
            .map(|_| ())
    }
}

fn checked(list: Vec<Map<String, Value>>) -> Result<Vec<RemoteProspect>, ConnectorError> {
    list.into_iter()
        .enumerate()
        .map(|(i, c)| match c.get("id").and_then(Value::as_str) {
            Some(id) if !id.trim().is_empty() => Ok(map::remote(c)),
            _ => Err(ConnectorError::Malformed {
                system: SYSTEM,
                field: format!("[{i}].id"),
            }),
        })
        .collect()
}

#[async_trait]
impl VendorProspects for AlphaAlpha {
    fn connector(&self) -> &'static str {
        NAME
    }

    fn owned(&self) -> &'static [Field] {
        &map::OWNED
    }

    fn can_delete(&self) -> bool {
        false
    }

    /// One CRM status's customers a page: the six together are everyone.
    async fn list(&self, position: Option<&str>) -> Result<RemotePage, ConnectorError> {
        let index: usize = position.and_then(|p| p.parse().ok()).unwrap_or(0);
        let status = assumed::STATUSES
            .get(index)
            .ok_or_else(|| ConnectorError::Malformed {
                system: SYSTEM,
                field: "position".into(),
            })?;
        let list: Vec<Map<String, Value>> = self
            .call(VendorRequest::get(format!(
                "/crm/customers/by-status/{status}"
            )))
            .await?;
        Ok(RemotePage {
            records: checked(list)?,
            next: (index + 1 < assumed::STATUSES.len()).then(|| (index + 1).to_string()),
            requests: 1,
        })
    }

    async fn fetch(&self, remote_id: &str) -> Result<Option<RemoteProspect>, ConnectorError> {
        Ok(self.customer(remote_id).await?.map(map::remote))
    }

    async fn create(
        &self,
        _input: &ProspectInput,
        _by: &str,
    ) -> Result<RemoteProspect, ConnectorError> {
        Err(ConnectorError::NotSupported {
            connector: NAME,
            action: "add a customer (its API has no such call; add it in AlphaAlpha)",
        })
    }

    async fn update(
        &self,
        current: &RemoteProspect,
        input: &ProspectInput,
        _by: &str,
    ) -> Result<RemoteProspect, ConnectorError> {
        let w = map::writes(&current.fields, input);
        if !w.cannot.is_empty() {
            return Err(ConnectorError::NotSupported {
                connector: NAME,
                action: "change a customer's name, email, phone, address or source \
                         (only the next action and the tags); change them in AlphaAlpha",
            });
        }
        let id = &current.remote_id;
        let mut last = None;
        if let Some((action, due)) = w.next_action {
            let body = json!({
                "nextAction": action,
                "nextActionDueDate": due.map(|d| format!("{d}T00:00:00Z")),
            });
            last = Some(
                self.write(
                    Method::PATCH,
                    format!("{}/next-action", customer(id)),
                    Some(body),
                )
                .await?,
            );
        }
        for tag in &w.add_tags {
            last = Some(
                self.write(
                    Method::POST,
                    format!("{}/tags/{}", customer(id), segment(tag)),
                    None,
                )
                .await?,
            );
        }
        for tag in &w.remove_tags {
            last = Some(
                self.write(
                    Method::DELETE,
                    format!("{}/tags/{}", customer(id), segment(tag)),
                    None,
                )
                .await?,
            );
        }
        Ok(match last {
            Some(answer) => map::remote(answer),
            None => current.clone(),
        })
    }

    async fn delete(&self, _remote_id: &str, _by: &str) -> Result<(), ConnectorError> {
        Err(ConnectorError::NotSupported {
            connector: NAME,
            action: "delete a customer",
        })
    }
}
