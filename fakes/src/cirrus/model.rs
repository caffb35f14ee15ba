//! The Cirrus fake's state. Vendor objects are stored in their wire form
//! ([`Json`], the seed's field order, the seed's field names); the fake's
//! own bookkeeping (`last_write`, `writes`, the switches) is snake_case.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::ordered::Json;

/// The five resources with records (and their path segment).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Resource {
    Accounts,
    Contacts,
    Leads,
    Opportunities,
    Activities,
}

impl Resource {
    pub const ALL: [Resource; 5] = [
        Resource::Accounts,
        Resource::Contacts,
        Resource::Leads,
        Resource::Opportunities,
        Resource::Activities,
    ];

    /// `accounts`, `contacts`, … (the path segment).
    pub fn as_str(self) -> &'static str {
        match self {
            Resource::Accounts => "accounts",
            Resource::Contacts => "contacts",
            Resource::Leads => "leads",
            Resource::Opportunities => "opportunities",
            Resource::Activities => "activities",
        }
    }
}

/// One accepted write (POST, PUT, follow, unfollow).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Write {
    pub at: DateTime<Utc>,
    /// The fault-matching name, e.g. `PUT /opportunities/{id}`.
    pub call: String,
    pub resource: Resource,
    pub id: i64,
    /// The request body's top-level field names, sorted.
    pub fields: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct CirrusState {
    /// The user the `X-Token` belongs to: `changeuser` / `reguser` of the
    /// opportunities it writes.
    pub token_user_id: i64,
    /// The document shows every paginated list as a JSON array holding the
    /// one page object (`[{"page":…,"items":[…]}]`); `false` answers the
    /// page object alone (what Flask-RESTX usually sends), so a connector
    /// can be proven tolerant of both. Default `true`.
    pub list_envelope_in_array: bool,
    /// The won/lost rule (see `assumed`): default `true`.
    pub require_reasons: bool,
    /// `ListedUser`: `{id,name,surname,title,email,phone,cellphone}`.
    pub users: BTreeMap<i64, Json>,
    /// `{id,name}`
    pub accounttypes: BTreeMap<i64, Json>,
    /// `{id,name}`
    pub activitytypes: BTreeMap<i64, Json>,
    /// `{id,name,type}`
    pub tags: BTreeMap<i64, Json>,
    /// Lead `source`: `{id,name,default}` (also the opportunity sources).
    pub sources: BTreeMap<i64, Json>,
    /// Lead `status`: `{id,name,sortorder,created,updated}`.
    pub leadstatuses: BTreeMap<i64, Json>,
    /// `{id,color,description,name,lost,opportunitytypeid,sortorder,sortorderplug,won}`
    pub statuses: BTreeMap<i64, Json>,
    /// `{id,isdefault,name,sortorder,validstatuses}`
    pub types: BTreeMap<i64, Json>,
    /// `{id,name,sortorder}`
    pub winreasons: BTreeMap<i64, Json>,
    /// `{id,name,sortorder}`
    pub lostreasons: BTreeMap<i64, Json>,
    /// `{id,description,sortorder,value,visible}` (the nearest thing to a
    /// probability the document has).
    pub estimates: BTreeMap<i64, Json>,
    pub accounts: BTreeMap<i64, Json>,
    pub contacts: BTreeMap<i64, Json>,
    pub leads: BTreeMap<i64, Json>,
    pub opportunities: BTreeMap<i64, Json>,
    pub activities: BTreeMap<i64, Json>,
    /// Per object (`"opportunities/12"`), the body field names (sorted) of
    /// its last accepted write.
    pub last_write: BTreeMap<String, Vec<String>>,
    /// Every accepted write, in order.
    pub writes: Vec<Write>,
}

impl CirrusState {
    pub fn records(&self, r: Resource) -> &BTreeMap<i64, Json> {
        match r {
            Resource::Accounts => &self.accounts,
            Resource::Contacts => &self.contacts,
            Resource::Leads => &self.leads,
            Resource::Opportunities => &self.opportunities,
            Resource::Activities => &self.activities,
        }
    }

    pub fn records_mut(&mut self, r: Resource) -> &mut BTreeMap<i64, Json> {
        match r {
            Resource::Accounts => &mut self.accounts,
            Resource::Contacts => &mut self.contacts,
            Resource::Leads => &mut self.leads,
            Resource::Opportunities => &mut self.opportunities,
            Resource::Activities => &mut self.activities,
        }
    }

    /// The body field names of the last accepted write to one object.
    pub fn last_write_fields(&self, r: Resource, id: i64) -> Option<&[String]> {
        self.last_write
            .get(&format!("{}/{id}", r.as_str()))
            .map(Vec::as_slice)
    }

    /// The next id of a resource: one above the highest.
    pub fn next_id(&self, r: Resource) -> i64 {
        self.records(r).keys().next_back().map_or(1, |k| k + 1)
    }

    /// `ListedUser` of a user id.
    pub fn user_ref(&self, id: i64) -> Option<Json> {
        self.users.get(&id).cloned()
    }

    /// `ListedAccount`: `{id,name,alt_name,number,email,phone,cellphone,coordinates}`
    /// (coordinates: the visiting address's).
    pub fn account_ref(&self, id: i64) -> Option<Json> {
        let a = self.accounts.get(&id)?;
        let coordinates = a
            .get("addresses")
            .and_then(|x| x.get("visiting"))
            .and_then(|x| x.get("coordinates"))
            .cloned()
            .unwrap_or_else(null_coordinates);
        let f = |n: &str| a.get(n).cloned().unwrap_or(Json::Null);
        Some(Json::obj(vec![
            ("id", Json::int(id)),
            ("name", f("name")),
            ("alt_name", f("alt_name")),
            ("number", f("number")),
            ("email", f("email")),
            ("phone", f("phone")),
            ("cellphone", f("cellphone")),
            ("coordinates", coordinates),
        ]))
    }

    /// `ListedContact`: `{id,name,surname,title,email,officephone,cellphone,number}`
    /// (`number` is the contact's `idnumber`).
    pub fn contact_ref(&self, id: i64) -> Option<Json> {
        let c = self.contacts.get(&id)?;
        let f = |n: &str| c.get(n).cloned().unwrap_or(Json::Null);
        Some(Json::obj(vec![
            ("id", Json::int(id)),
            ("name", f("name")),
            ("surname", f("surname")),
            ("title", f("title")),
            ("email", f("email")),
            ("officephone", f("officephone")),
            ("cellphone", f("cellphone")),
            ("number", f("idnumber")),
        ]))
    }

    /// `PrimaryContact`: `{id,name,surname,email,phone,cellphone,title}`;
    /// with `primary` after `cellphone` as an account's `contacts` entry.
    pub fn primary_contact_ref(&self, id: i64, with_primary: bool) -> Option<Json> {
        let c = self.contacts.get(&id)?;
        let f = |n: &str| c.get(n).cloned().unwrap_or(Json::Null);
        let mut fields = vec![
            ("id", Json::int(id)),
            ("name", f("name")),
            ("surname", f("surname")),
            ("email", f("email")),
            ("phone", f("officephone")),
            ("cellphone", f("cellphone")),
        ];
        if with_primary {
            fields.push(("primary", f("primarycontact")));
        }
        fields.push(("title", f("title")));
        Some(Json::obj(fields))
    }

    /// An opportunity type with `validstatuses` = its first status by
    /// `sortorder` (the document shows one status object there).
    pub fn type_wire(&self, id: i64) -> Option<Json> {
        let mut t = self.types.get(&id)?.clone();
        if let Some(first) = self.statuses_of_type(id).into_iter().next() {
            t.set("validstatuses", first.clone());
        }
        Some(t)
    }

    /// The statuses of one opportunity type, by `sortorder` then id.
    pub fn statuses_of_type(&self, type_id: i64) -> Vec<&Json> {
        let mut v: Vec<&Json> = self
            .statuses
            .values()
            .filter(|s| s.int_at("opportunitytypeid") == Some(type_id))
            .collect();
        v.sort_by_key(|s| (s.int_at("sortorder"), s.int_at("id")));
        v
    }
}

/// `{"latitude":null,"longitude":null,"distance":null}`
pub fn null_coordinates() -> Json {
    Json::obj(vec![
        ("latitude", Json::Null),
        ("longitude", Json::Null),
        ("distance", Json::Null),
    ])
}
