//! Clubplanner (seed 000): the sales module of a Belgian gym system. JSON
//! over GET, the token in the query (`token=`), errors as HTTP 400 with an
//! XML `<Error><Message>` body. Serves prospects (mirrored) and, with
//! `sales`, the sales steps and the sales calendar.

pub mod assumed;
pub mod calendar;
pub mod map;
pub mod sales;
pub mod wire;

use async_trait::async_trait;
use frontdesk_core::model::ProspectInput;
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;

use super::error::ConnectorError;
use super::http::{ClientConfig, VendorClient, VendorRequest, VendorResponse};
use super::prospects::{RemotePage, RemoteProspect, VendorProspects};
use crate::store::mirror::Field;

pub const NAME: &str = "clubplanner";
pub const SYSTEM: &str = "Clubplanner";

pub struct Clubplanner {
    client: VendorClient,
    token: SecretString,
}

/// The vendor's error message, from its `<Error><Message>` body.
fn error_message(body: &str) -> Option<String> {
    let start = body.find("<Message>")? + "<Message>".len();
    let end = body[start..].find("</Message>")? + start;
    let text = body[start..end].trim();
    // The body is XML: undo the five predefined entities.
    Some(
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

impl Clubplanner {
    pub fn new(config: ClientConfig, token: SecretString) -> Self {
        Self {
            client: VendorClient::new(config),
            token,
        }
    }

    fn request(&self, method: &str, read: bool) -> VendorRequest {
        let path = format!("/Sales/{method}");
        let r = if read {
            VendorRequest::get(path)
        } else {
            VendorRequest::write(Method::GET, path)
        };
        r.query("token", self.token.expose_secret())
    }

    /// Sends and reads a 200's JSON as `T`; a 400 is the vendor's refusal.
    async fn call<T: DeserializeOwned>(&self, request: VendorRequest) -> Result<T, ConnectorError> {
        let response = self.client.send(request).await?;
        Self::read(&response)
    }

    fn read<T: DeserializeOwned>(response: &VendorResponse) -> Result<T, ConnectorError> {
        let status = response.status.as_u16();
        match status {
            200..=299 => response.json(SYSTEM),
            401 | 403 => Err(ConnectorError::Unauthorized { system: SYSTEM }),
            400..=499 => {
                let message = error_message(&response.text())
                    .unwrap_or_else(|| format!("the request was refused ({status})"));
                if message.to_ascii_lowercase().contains("token") {
                    return Err(ConnectorError::Unauthorized { system: SYSTEM });
                }
                Err(ConnectorError::Refused {
                    system: SYSTEM,
                    message,
                    field: None,
                })
            }
            _ => Err(ConnectorError::VendorFailed {
                system: SYSTEM,
                status,
            }),
        }
    }

    async fn get_prospect(&self, id: &str) -> Result<Option<RemoteProspect>, ConnectorError> {
        match self
            .call::<wire::Prospect>(self.request("GetProspect", true).query("id", id))
            .await
        {
            Ok(p) => Ok(Some(map::remote(p))),
            // The only refusal a read of one id gets is that it is gone
            // (assumed: the seed shows no such answer).
            Err(ConnectorError::Refused { message, .. })
                if message.to_ascii_lowercase().contains("not found") =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// A harmless read for `check-config`.
    pub async fn check(&self) -> Result<(), ConnectorError> {
        self.call::<Vec<wire::Prospect>>(
            self.request("GetProspects", true)
                .query("fromdate", "2100-01-01")
                .query("todate", "2100-01-01"),
        )
        .await
        .map(|_| ())
    }

    /// After a create whose answer was lost (a timeout, a broken body), the
    /// prospect may exist: look for it among today's before anyone sends it
    /// again.
    async fn find_created(
        &self,
        input: &ProspectInput,
    ) -> Result<Option<RemoteProspect>, ConnectorError> {
        let today = chrono::Utc::now().date_naive().to_string();
        let recent: Vec<wire::Prospect> = self
            .call(self.request("GetProspects", true).query("fromdate", today))
            .await?;
        Ok(recent
            .into_iter()
            .filter(|p| {
                p.firstname.trim() == input.first_name.trim()
                    && p.name.trim() == input.last_name.trim()
                    && p.email_address
                        .trim()
                        .eq_ignore_ascii_case(input.email.trim())
            })
            .max_by_key(|p| p.id)
            .map(map::remote))
    }
}

#[async_trait]
impl VendorProspects for Clubplanner {
    fn connector(&self) -> &'static str {
        NAME
    }

    fn owned(&self) -> &'static [Field] {
        &map::OWNED
    }

    async fn list(&self, _position: Option<&str>) -> Result<RemotePage, ConnectorError> {
        // GetProspects has no paging: one answer holds them all.
        let all: Vec<wire::Prospect> = self.call(self.request("GetProspects", true)).await?;
        Ok(RemotePage {
            records: all.into_iter().map(map::remote).collect(),
            next: None,
            requests: 1,
        })
    }

    async fn fetch(&self, remote_id: &str) -> Result<Option<RemoteProspect>, ConnectorError> {
        self.get_prospect(remote_id).await
    }

    async fn create(
        &self,
        input: &ProspectInput,
        by: &str,
    ) -> Result<RemoteProspect, ConnectorError> {
        let params = map::write_params(input, &serde_json::Map::new());
        let mut request = self.request("AddProspect", false);
        for (k, v) in &params {
            request = request.query(k, v.clone());
        }
        let request = request.query("from", by);
        let created = match self.call::<wire::AddSaleResult>(request).await {
            Ok(created) => created,
            // The answer was lost, not the request: it may have landed.
            Err(e @ (ConnectorError::Malformed { .. } | ConnectorError::Unreachable { .. })) => {
                return match self.find_created(input).await {
                    Ok(Some(found)) => Ok(found),
                    _ => Err(e),
                };
            }
            Err(e) => return Err(e),
        };
        let mut record =
            self.get_prospect(&created.id.to_string())
                .await?
                .ok_or(ConnectorError::Malformed {
                    system: SYSTEM,
                    field: "Id".into(),
                })?;
        map::remember_sent(&mut record.extra, &params);
        Ok(record)
    }

    async fn update(
        &self,
        current: &RemoteProspect,
        input: &ProspectInput,
        by: &str,
    ) -> Result<RemoteProspect, ConnectorError> {
        let params = map::write_params(input, &current.extra);
        let mut request = self
            .request("UpdateProspect", false)
            .query("id", current.remote_id.clone());
        for (k, v) in &params {
            request = request.query(k, v.clone());
        }
        self.call::<wire::AddSaleResult>(request.query("from", by))
            .await?;
        let mut record = self
            .get_prospect(&current.remote_id)
            .await?
            .ok_or(ConnectorError::NotFound)?;
        map::remember_sent(&mut record.extra, &params);
        Ok(record)
    }

    async fn delete(&self, remote_id: &str, _by: &str) -> Result<(), ConnectorError> {
        self.delete_call("DeleteProspect", remote_id).await
    }
}

impl Clubplanner {
    /// `DeleteProspect` / `DeleteCalendarItem`: `id`, any 200 answer. A
    /// record already gone there is what the person wanted.
    pub(crate) async fn delete_call(
        &self,
        method: &'static str,
        remote_id: &str,
    ) -> Result<(), ConnectorError> {
        let response = self
            .client
            .send(self.request(method, false).query("id", remote_id))
            .await?;
        if response.status.is_success() {
            return Ok(());
        }
        match Self::read::<serde_json::Value>(&response) {
            // Already gone there: what the person wanted.
            Err(ConnectorError::Refused { message, .. })
                if message.to_ascii_lowercase().contains("not found") =>
            {
                Ok(())
            }
            other => other.map(|_| ()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_vendors_error_message() {
        let body = "<Error><Message>Prospect 9 not found &amp; gone</Message></Error>";
        assert_eq!(
            error_message(body).as_deref(),
            Some("Prospect 9 not found & gone")
        );
        assert_eq!(error_message("oops"), None);
    }
}
