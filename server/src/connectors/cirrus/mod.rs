//! Cirrus 2 (seed 002): REST and JSON, the `X-Token` header, an `X-Fields`
//! mask, `page`/`per_page` paging (at most 50 a page). Serves prospects
//! (its leads, mirrored): the sync asks a few pages at once, every read
//! masks the lead to the fields the mirror keeps, and a save sends the
//! root properties that changed. The document lost its paths: they are
//! configurable (`[cirrus] paths`), defaults in [`assumed`].

pub mod accounts;
pub mod assumed;
pub mod deal_form;
pub mod deals;
pub mod drawer;
pub mod facets;
pub mod map;
pub mod related;

use std::collections::BTreeMap;

use async_trait::async_trait;
use frontdesk_core::model::{Activity, Contact, ProspectInput};
use frontdesk_core::validate::{FieldError, FieldErrors};
use futures_util::StreamExt;
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::error::ConnectorError;
use super::http::{ClientConfig, VendorClient, VendorRequest, VendorResponse};
use super::prospects::{RemotePage, RemoteProspect, VendorProspects};
use crate::store::mirror::Field;

pub const NAME: &str = "cirrus";
pub const SYSTEM: &str = "Cirrus";

pub struct Cirrus {
    client: VendorClient,
    token: SecretString,
    paths: BTreeMap<String, String>,
    per_page: u32,
    pages_at_once: usize,
    /// The Cirrus user Frontdesk acts as (`[cirrus] user_id`): the follower
    /// of what staff follow, the owner of the opportunities they add.
    user_id: Option<i64>,
}

/// A list's answer: an envelope, or (as the document's sample shows) an
/// array around one.
enum ListAnswer {
    Envelope(Envelope),
    Wrapped(Vec<Envelope>),
}

/// Told apart by the answer's first character, as it is read: serde's
/// `untagged` copies the whole answer into a tree of its own first and
/// reads that again, which cost a sync a tenth of its instructions.
impl<'de> serde::Deserialize<'de> for ListAnswer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
        struct Answer;
        impl<'de> serde::de::Visitor<'de> for Answer {
            type Value = ListAnswer;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a page's envelope, or an array around one")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<ListAnswer, A::Error> {
                serde::Deserialize::deserialize(MapAccessDeserializer::new(map))
                    .map(ListAnswer::Envelope)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<ListAnswer, A::Error> {
                serde::Deserialize::deserialize(SeqAccessDeserializer::new(seq))
                    .map(ListAnswer::Wrapped)
            }
        }
        d.deserialize_any(Answer)
    }
}

#[derive(serde::Deserialize)]
struct Envelope {
    #[serde(default)]
    pages: u32,
    #[serde(default)]
    items: Vec<Map<String, Value>>,
}

/// Which of Cirrus's lists a sync position is in: the leads first, then
/// the accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Listed {
    Leads,
    Accounts,
}

impl Listed {
    /// A bare number is a page of leads (a position saved before accounts
    /// were mirrored reads the same); `accounts:N` a page of accounts.
    fn at(position: Option<&str>) -> (Self, u32) {
        let (list, n) = match position.and_then(|p| p.strip_prefix("accounts:")) {
            Some(n) => (Self::Accounts, n),
            None => (Self::Leads, position.unwrap_or("1")),
        };
        (list, n.parse().unwrap_or(1).max(1))
    }

    fn position(self, page: u32) -> String {
        match self {
            Self::Leads => page.to_string(),
            Self::Accounts => format!("accounts:{page}"),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Leads => "leads",
            Self::Accounts => "accounts",
        }
    }
}

impl ListAnswer {
    fn envelope(self) -> Envelope {
        match self {
            Self::Envelope(e) => e,
            Self::Wrapped(mut v) => v.pop().unwrap_or(Envelope {
                pages: 0,
                items: Vec::new(),
            }),
        }
    }
}

impl Cirrus {
    pub fn new(
        config: ClientConfig,
        token: SecretString,
        paths: &BTreeMap<String, String>,
        per_page: Option<u32>,
        pages_at_once: Option<usize>,
        user_id: Option<i64>,
    ) -> Self {
        let mut all: BTreeMap<String, String> = assumed::PATHS
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        all.extend(paths.clone());
        Self {
            client: VendorClient::new(config),
            token,
            paths: all,
            per_page: per_page
                .unwrap_or(assumed::MAX_PER_PAGE)
                .clamp(1, assumed::MAX_PER_PAGE),
            pages_at_once: pages_at_once.unwrap_or(assumed::PAGES_AT_ONCE).max(1),
            user_id,
        }
    }

    fn path(&self, resource: &str, id: Option<&str>) -> String {
        let template = self.paths.get(resource).cloned().unwrap_or_default();
        match id {
            Some(id) => {
                let safe: String = id.chars().filter(char::is_ascii_alphanumeric).collect();
                template.replace("{id}", &safe)
            }
            None => template,
        }
    }

    fn authorized(&self, request: VendorRequest) -> VendorRequest {
        request.header("X-Token", self.token.expose_secret().to_owned())
    }

    /// Sends with the mask of one lead.
    async fn call<T: DeserializeOwned>(&self, request: VendorRequest) -> Result<T, ConnectorError> {
        self.masked(request, assumed::lead_mask()).await
    }

    async fn masked<T: DeserializeOwned>(
        &self,
        request: VendorRequest,
        mask: String,
    ) -> Result<T, ConnectorError> {
        let request = self.authorized(request).header("X-Fields", mask);
        let response = self.client.send(request).await?;
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
                let field = field.map(|f| map::our_field(&f));
                if status == 400
                    && let Some(f) = &field
                    && ["email", "phone", "mobile"].contains(&f.as_str())
                {
                    return Err(ConnectorError::Invalid(FieldErrors::from([(
                        f.clone(),
                        FieldError::NotAllowed,
                    )])));
                }
                Err(ConnectorError::Refused {
                    system: SYSTEM,
                    message: message
                        .unwrap_or_else(|| format!("the request was refused ({status})")),
                    field,
                })
            }
            _ => Err(ConnectorError::VendorFailed {
                system: SYSTEM,
                status,
            }),
        }
    }

    fn lead(record: Map<String, Value>, at: &str) -> Result<RemoteProspect, ConnectorError> {
        map::remote(record).ok_or_else(|| ConnectorError::Malformed {
            system: SYSTEM,
            field: format!("{at}.id"),
        })
    }

    async fn page(&self, list: Listed, page: u32) -> Result<Envelope, ConnectorError> {
        let request = match list {
            Listed::Leads => VendorRequest::get(self.path("leads", None))
                // Oldest first: a lead added during a sync lands on a
                // page not read yet, never shifts one already read.
                .query("sorting", "age_asc"),
            Listed::Accounts => VendorRequest::get(self.path("accounts", None))
                // Cirrus lists only active accounts unless asked for both.
                .query("active", "2")
                .query("sorting", "name_asc"),
        };
        let request = request
            .query("page", page.to_string())
            .query("per_page", self.per_page.to_string());
        let mask = match list {
            Listed::Leads => assumed::page_mask(),
            Listed::Accounts => accounts::page_mask(),
        };
        let answer: ListAnswer = self.masked(request, mask).await?;
        Ok(answer.envelope())
    }

    /// The user Frontdesk acts as, or a clear word on the setting missing.
    pub fn acting_user(&self, action: &'static str) -> Result<i64, ConnectorError> {
        self.user_id.ok_or(ConnectorError::NotSupported {
            connector: NAME,
            action,
        })
    }

    /// A harmless read for `check-config`.
    pub async fn check(&self) -> Result<(), ConnectorError> {
        self.masked::<ListAnswer>(
            VendorRequest::get(self.path("leads", None))
                .query("page", "1")
                .query("per_page", "1")
                .query("sorting", "age_desc"),
            "{total}".to_owned(),
        )
        .await
        .map(|_| ())
    }

    fn account(record: Map<String, Value>, at: &str) -> Result<RemoteProspect, ConnectorError> {
        accounts::remote(record).ok_or_else(|| ConnectorError::Malformed {
            system: SYSTEM,
            field: format!("{at}.id"),
        })
    }

    async fn find_created(
        &self,
        input: &ProspectInput,
    ) -> Result<Option<RemoteProspect>, ConnectorError> {
        let answer: ListAnswer = self
            .masked(
                VendorRequest::get(self.path("leads", None))
                    .query("page", "1")
                    .query("per_page", "10")
                    .query("sorting", "age_desc"),
                assumed::page_mask(),
            )
            .await?;
        Ok(answer
            .envelope()
            .items
            .into_iter()
            .filter_map(map::remote)
            .find(|r| {
                r.fields.first_name == input.first_name.trim()
                    && r.fields.last_name == input.last_name.trim()
                    && r.fields.email.eq_ignore_ascii_case(input.email.trim())
            }))
    }
}

#[async_trait]
impl VendorProspects for Cirrus {
    fn connector(&self) -> &'static str {
        NAME
    }

    fn owned(&self) -> &'static [Field] {
        &map::OWNED
    }

    /// `pages_at_once` pages from `position` (a page number of the leads,
    /// or `accounts:N` once they are read), asked at once; one failing
    /// fails the batch, which the sync resumes.
    async fn list(&self, position: Option<&str>) -> Result<RemotePage, ConnectorError> {
        let (list, first) = Listed::at(position);
        let numbers: Vec<u32> = (first..first + self.pages_at_once as u32).collect();
        let mut answers: Vec<(u32, Result<Envelope, ConnectorError>)> =
            futures_util::stream::iter(numbers.iter().copied())
                .map(|n| async move { (n, self.page(list, n).await) })
                .buffer_unordered(self.pages_at_once)
                .collect()
                .await;
        answers.sort_by_key(|(n, _)| *n);
        let mut records = Vec::new();
        let mut pages = 0;
        let requests = answers.len() as u32;
        for (n, answer) in answers {
            let envelope = answer?;
            pages = pages.max(envelope.pages);
            for (i, item) in envelope.items.into_iter().enumerate() {
                let at = format!("{} page {n}: items[{i}]", list.name());
                records.push(match list {
                    Listed::Leads => Self::lead(item, &at)?,
                    Listed::Accounts => Self::account(item, &at)?,
                });
            }
        }
        let after = first + self.pages_at_once as u32;
        let next = match list {
            _ if after <= pages => Some(list.position(after)),
            Listed::Leads => Some(Listed::Accounts.position(1)),
            Listed::Accounts => None,
        };
        Ok(RemotePage {
            records,
            next,
            requests,
        })
    }

    async fn fetch(&self, remote_id: &str) -> Result<Option<RemoteProspect>, ConnectorError> {
        if let Some(id) = accounts::account_id(remote_id) {
            let request = VendorRequest::get(self.path("account", Some(id)));
            return match self.masked(request, accounts::mask()).await {
                Ok(r) => Self::account(r, "(the account)").map(Some),
                Err(ConnectorError::NotFound) => Ok(None),
                Err(e) => Err(e),
            };
        }
        match self
            .call::<Map<String, Value>>(VendorRequest::get(self.path("lead", Some(remote_id))))
            .await
        {
            Ok(r) => Self::lead(r, "(the lead)").map(Some),
            Err(ConnectorError::NotFound) => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn create(
        &self,
        input: &ProspectInput,
        _by: &str,
    ) -> Result<RemoteProspect, ConnectorError> {
        let request = VendorRequest::write(Method::POST, self.path("leads", None))
            .json(map::create_body(input));
        match self.call::<Map<String, Value>>(request).await {
            Ok(r) => Self::lead(r, "(the lead)"),
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
        if let Some(id) = accounts::account_id(&current.remote_id) {
            if !input.first_name.trim().is_empty() {
                // An account has one name: a first name would be lost.
                return Err(ConnectorError::Invalid(FieldErrors::from([(
                    "first_name".to_owned(),
                    FieldError::NotAllowed,
                )])));
            }
            let Some(body) = accounts::update_body(&current.fields, &current.extra, input) else {
                return Ok(current.clone());
            };
            let request =
                VendorRequest::write(Method::PUT, self.path("account", Some(id))).json(body);
            let answer = self.masked(request, accounts::mask()).await?;
            return Self::account(answer, "(the account)");
        }
        let Some(body) = map::update_body(&current.fields, input) else {
            return Ok(current.clone());
        };
        let request =
            VendorRequest::write(Method::PUT, self.path("lead", Some(&current.remote_id)))
                .json(body);
        let answer: Map<String, Value> = self.call(request).await?;
        Self::lead(answer, "(the lead)")
    }

    fn can_delete(&self) -> bool {
        false
    }

    async fn delete(&self, _remote_id: &str, _by: &str) -> Result<(), ConnectorError> {
        Err(ConnectorError::NotSupported {
            connector: NAME,
            action: "delete a lead (its API has none)",
        })
    }

    async fn contacts(&self, remote_id: &str) -> Result<Vec<Contact>, ConnectorError> {
        self.contacts_of(remote_id).await
    }

    async fn activities(&self, remote_id: &str) -> Result<Vec<Activity>, ConnectorError> {
        self.prospect_activities(remote_id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(body: &str) -> Result<(u32, usize), ConnectorError> {
        let response = VendorResponse {
            status: reqwest::StatusCode::OK,
            headers: reqwest::header::HeaderMap::new(),
            body: body.to_owned().into(),
        };
        let envelope = response.json::<ListAnswer>(SYSTEM)?.envelope();
        Ok((envelope.pages, envelope.items.len()))
    }

    #[test]
    fn a_list_answer_is_an_envelope_or_an_array_around_one() {
        let envelope = r#"{"page": 1, "pages": 3, "per_page": 50, "total": 120, "items": [{"id": 1}, {"id": 2}]}"#;
        assert_eq!(items(envelope).unwrap(), (3, 2));
        assert_eq!(items(&format!("[{envelope}]")).unwrap(), (3, 2));
        assert_eq!(items("[]").unwrap(), (0, 0));
        match items(r#"{"pages": 1, "items": [{"id": 1}, 7]}"#) {
            Err(ConnectorError::Malformed { field, .. }) => assert_eq!(field, "items[1]"),
            other => panic!("{:?}", other.map(|_| ())),
        }
        assert!(matches!(
            items(r#""no""#),
            Err(ConnectorError::Malformed { .. })
        ));
    }
}
