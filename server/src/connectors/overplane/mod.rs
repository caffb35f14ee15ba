//! Overplane CRM (seed 001): REST and JSON, `Authorization: Bearer`,
//! `limit`/`offset` paging with `has_more`. Serves prospects (mirrored):
//! a prospect there is a company; an update is a true PATCH of the fields
//! that changed, so a save without changes sends nothing. What the seed
//! does not show is in [`assumed`].

pub mod assumed;
pub mod children;
pub mod deals;
pub mod map;
pub mod wire;

use async_trait::async_trait;
use frontdesk_core::model::ProspectInput;
use frontdesk_core::validate::{FieldError, FieldErrors};
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;

use super::error::ConnectorError;
use super::http::{ClientConfig, VendorClient, VendorRequest, VendorResponse};
use super::prospects::{RemotePage, RemoteProspect, VendorProspects};
use crate::store::mirror::Field;

pub const NAME: &str = "overplane";
pub const SYSTEM: &str = "Overplane";

const PROSPECTS: &str = "/api/crm/prospect";

pub struct Overplane {
    client: VendorClient,
    token: SecretString,
    page_size: u32,
}

impl Overplane {
    pub fn new(config: ClientConfig, token: SecretString, page_size: Option<u32>) -> Self {
        Self {
            client: VendorClient::new(config),
            token,
            page_size: page_size.unwrap_or(assumed::PAGE_SIZE),
        }
    }

    fn authorized(&self, request: VendorRequest) -> VendorRequest {
        request.header(
            "Authorization",
            format!("Bearer {}", self.token.expose_secret()),
        )
    }

    fn one(id: &str) -> String {
        // Ids are the vendor's (`prospect_abc123`): kept to what a path
        // segment may hold.
        let safe: String = id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
            .collect();
        format!("{PROSPECTS}/{safe}")
    }

    async fn call<T: DeserializeOwned>(&self, request: VendorRequest) -> Result<T, ConnectorError> {
        let response = self.client.send(self.authorized(request)).await?;
        Self::read(&response)
    }

    fn read<T: DeserializeOwned>(response: &VendorResponse) -> Result<T, ConnectorError> {
        let status = response.status.as_u16();
        match status {
            200..=299 => response.json(SYSTEM),
            401 | 403 => Err(ConnectorError::Unauthorized { system: SYSTEM }),
            404 => Err(ConnectorError::NotFound),
            400..=499 => {
                let (message, field) = assumed::refusal(&response.body);
                if let Some(f) = &field
                    && f == "company"
                {
                    // The one field Overplane requires is Frontdesk's name.
                    return Err(ConnectorError::Invalid(FieldErrors::from([(
                        map::our_field(f).to_owned(),
                        FieldError::Required,
                    )])));
                }
                Err(ConnectorError::Refused {
                    system: SYSTEM,
                    message: message
                        .unwrap_or_else(|| format!("the request was refused ({status})")),
                    field: field.map(|f| map::our_field(&f).to_owned()),
                })
            }
            _ => Err(ConnectorError::VendorFailed {
                system: SYSTEM,
                status,
            }),
        }
    }

    async fn get(&self, id: &str) -> Result<Option<RemoteProspect>, ConnectorError> {
        match self
            .call::<wire::Prospect>(VendorRequest::get(Self::one(id)))
            .await
        {
            Ok(p) => Ok(Some(map::remote(p))),
            Err(ConnectorError::NotFound) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A harmless read for `check-config`: one prospect.
    pub async fn check(&self) -> Result<(), ConnectorError> {
        self.call::<wire::Page>(VendorRequest::get(PROSPECTS).query("limit", "1"))
            .await
            .map(|_| ())
    }

    /// After a create whose answer was lost, the prospect may exist: the
    /// newest ones (the list is newest first) are looked at before anyone
    /// sends it again.
    async fn find_created(
        &self,
        input: &ProspectInput,
    ) -> Result<Option<RemoteProspect>, ConnectorError> {
        let recent: wire::Page = self
            .call(VendorRequest::get(PROSPECTS).query("limit", "20"))
            .await?;
        let name = map::company(input);
        Ok(recent
            .data
            .into_iter()
            .find(|p| p.company.as_deref().map(str::trim) == Some(name.as_str()))
            .map(map::remote))
    }
}

#[async_trait]
impl VendorProspects for Overplane {
    fn connector(&self) -> &'static str {
        NAME
    }

    fn owned(&self) -> &'static [Field] {
        &map::OWNED
    }

    async fn list(&self, position: Option<&str>) -> Result<RemotePage, ConnectorError> {
        let offset: usize = position.and_then(|p| p.parse().ok()).unwrap_or(0);
        let page: wire::Page = self
            .call(
                VendorRequest::get(PROSPECTS)
                    .query("limit", self.page_size.to_string())
                    .query("offset", offset.to_string()),
            )
            .await?;
        if page.has_more && page.data.is_empty() {
            // A next page promised after an empty one would never end.
            return Err(ConnectorError::Malformed {
                system: SYSTEM,
                field: "has_more".into(),
            });
        }
        let next = page
            .has_more
            .then(|| (offset + page.data.len()).to_string());
        Ok(RemotePage {
            records: page.data.into_iter().map(map::remote).collect(),
            next,
            requests: 1,
        })
    }

    async fn fetch(&self, remote_id: &str) -> Result<Option<RemoteProspect>, ConnectorError> {
        self.get(remote_id).await
    }

    async fn create(
        &self,
        input: &ProspectInput,
        _by: &str,
    ) -> Result<RemoteProspect, ConnectorError> {
        let request = VendorRequest::write(Method::POST, PROSPECTS).json(map::create_body(input));
        match self.call::<wire::Prospect>(request).await {
            Ok(p) => Ok(map::remote(p)),
            // The answer was lost, not the request: it may have landed.
            Err(e @ (ConnectorError::Malformed { .. } | ConnectorError::Unreachable { .. })) => {
                match self.find_created(input).await {
                    Ok(Some(found)) => Ok(found),
                    _ => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }

    async fn update(
        &self,
        current: &RemoteProspect,
        input: &ProspectInput,
        _by: &str,
    ) -> Result<RemoteProspect, ConnectorError> {
        let Some(body) = map::patch_body(current, input) else {
            // Nothing of Overplane's changed: nothing is sent.
            return Ok(current.clone());
        };
        let request = VendorRequest::write(Method::PATCH, Self::one(&current.remote_id)).json(body);
        self.call::<wire::Prospect>(request).await.map(map::remote)
    }

    async fn delete(&self, remote_id: &str, _by: &str) -> Result<(), ConnectorError> {
        match self
            .call::<serde_json::Value>(VendorRequest::write(Method::DELETE, Self::one(remote_id)))
            .await
        {
            // Already gone there: what the person wanted.
            Ok(_) | Err(ConnectorError::NotFound) => Ok(()),
            Err(e) => Err(e),
        }
    }
}
