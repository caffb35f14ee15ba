//! The AlphaAlpha fake's state, and the objects exactly as the seed's samples
//! show them on the wire: camelCase, every object's fields in the samples'
//! (alphabetical) order.
//!
//! The nested objects (addresses, contacts, events, visits, opportunities
//! with their payment schedule and change orders, activities, users) are
//! stored in their wire form. A customer is stored once ([`Customer`]) and
//! goes out in two shapes, as the seed shows them: the list item
//! ([`CustomerWire`], with `preferredLanguage` and `visits`) and the enriched
//! customer ([`EnrichedCustomerWire`], with `opportunities`, `owner` and
//! `recentActivities`, without `preferredLanguage` and `visits`).
//!
//! A field never set is `None` and goes out as `null`; a list never set is
//! `[]`. Timestamps go out as RFC 3339 UTC with `Z`
//! (`2019-08-24T14:15:22Z`; fractions of a second only when a client sent
//! some); dates as `2019-08-24`.
//!
//! In `GET /_fake/state`, the vendor's objects keep the vendor's (camelCase)
//! names; the fake's own bookkeeping is snake_case (`last_write_fields`,
//! `last_write_call`, `token_user_id`, `writes`).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::assumed;

/// The CRM lifecycle, in the seed's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CrmStatus {
    Lead,
    Prospect,
    Active,
    Customer,
    Inactive,
    Churned,
}

impl CrmStatus {
    /// Every status, in the seed's order.
    pub const ALL: [CrmStatus; 6] = [
        CrmStatus::Lead,
        CrmStatus::Prospect,
        CrmStatus::Active,
        CrmStatus::Customer,
        CrmStatus::Inactive,
        CrmStatus::Churned,
    ];

    /// The wire value: `LEAD`, `PROSPECT`, …
    pub fn as_str(self) -> &'static str {
        match self {
            CrmStatus::Lead => "LEAD",
            CrmStatus::Prospect => "PROSPECT",
            CrmStatus::Active => "ACTIVE",
            CrmStatus::Customer => "CUSTOMER",
            CrmStatus::Inactive => "INACTIVE",
            CrmStatus::Churned => "CHURNED",
        }
    }

    /// Exactly one of the wire values (case-sensitive).
    pub fn parse(text: &str) -> Option<CrmStatus> {
        CrmStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// `avatar`
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Avatar {
    pub blob_id: String,
    pub height: i64,
    pub thumbnail_blob_id: Option<String>,
    pub width: i64,
}

/// `billingAddress`, each of `deliveryAddresses`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub city: Option<String>,
    pub country: Option<String>,
    pub house_number: Option<String>,
    pub id: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub postal_code: Option<String>,
    pub street: Option<String>,
}

/// Each of a customer's `contacts`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub department: Option<String>,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub id: String,
    pub last_name: Option<String>,
    pub phone: Option<String>,
}

/// Each of the `events` of a customer, opportunity or activity. The seed
/// shows one `type`: `CREATE`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub author_id: Option<String>,
    pub date: DateTime<Utc>,
    pub description: Option<String>,
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
}

/// Each of a customer's `visits` (list shape only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Visit {
    pub frequency: i64,
    pub ip: String,
    pub time: DateTime<Utc>,
}

/// A user: the enriched customer's `owner`, and what `ownerId` names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub display_name: String,
    pub id: String,
    pub username: String,
}

/// Each of an opportunity's `changeOrders`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeOrder {
    pub amount: f64,
    pub category: Option<String>,
    pub created_at: DateTime<Utc>,
    pub created_by: Option<String>,
    pub date: Option<DateTime<Utc>>,
    pub description: Option<String>,
    pub id: String,
}

/// Each of an opportunity's `paymentSchedule`. The seed shows `status`
/// `PENDING`, `triggerStatus` `NEW`, `triggerType` `STATUS_CHANGE`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentScheduleItem {
    pub id: String,
    pub include_change_orders: bool,
    pub invoice_id: Option<String>,
    pub label: String,
    pub payment_due_days: i64,
    pub percentage: f64,
    pub relative_days: i64,
    pub status: String,
    pub trigger_status: String,
    pub trigger_type: String,
    pub triggered_at: Option<DateTime<Utc>>,
}

/// An opportunity (the enriched customer's `opportunities`), stored by id;
/// `customerId` names its customer. The seed shows `status` `NEW`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Opportunity {
    pub change_orders: Vec<ChangeOrder>,
    pub created: DateTime<Utc>,
    pub created_by: Option<String>,
    pub customer_id: String,
    pub description: Option<String>,
    pub estimate_ids: Vec<String>,
    pub events: Vec<Event>,
    pub expected_close_date: Option<DateTime<Utc>>,
    pub fulfillment_date: Option<DateTime<Utc>>,
    pub id: String,
    pub invoice_ids: Vec<String>,
    pub lead_id: Option<String>,
    pub name: String,
    pub next_action: Option<String>,
    pub next_action_due_date: Option<DateTime<Utc>>,
    pub notes: Option<String>,
    pub order_date: Option<DateTime<Utc>>,
    pub order_id: Option<String>,
    pub owner_id: Option<String>,
    pub payment_schedule: Vec<PaymentScheduleItem>,
    pub probability: Option<i64>,
    pub product_ids: Vec<String>,
    pub scheduled_end_date: Option<NaiveDate>,
    pub scheduled_start_date: Option<NaiveDate>,
    pub source: Option<String>,
    pub status: String,
    pub tags: Vec<String>,
    pub team_id: Option<String>,
    pub tenant_id: Option<String>,
    pub updated: DateTime<Utc>,
    pub updated_by: Option<String>,
    pub value: Option<f64>,
}

/// An activity (the enriched customer's `recentActivities`), stored by id;
/// `customerId` names its customer. The seed has both `completed` and
/// `isCompleted`; the fake keeps both as given. The seed shows `priority`
/// `LOW` and `type` `CALL`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    pub attendees: Vec<String>,
    pub completed: bool,
    pub completed_at: Option<DateTime<Utc>>,
    pub contact_email: Option<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub created: DateTime<Utc>,
    pub created_by: Option<String>,
    pub customer_id: String,
    pub description: Option<String>,
    pub due_date: Option<DateTime<Utc>>,
    pub due_notified_at: Option<DateTime<Utc>>,
    pub duration_minutes: Option<i64>,
    pub events: Vec<Event>,
    pub id: String,
    pub is_completed: bool,
    pub location: Option<String>,
    pub opportunity_id: Option<String>,
    pub outcome: Option<String>,
    pub owner_id: Option<String>,
    pub priority: String,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub subject: String,
    pub tenant_id: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    pub updated: DateTime<Utc>,
    pub updated_by: Option<String>,
}

/// A customer: every field of both wire shapes, plus what the fake keeps
/// about it. The seed shows `type` `PERSON`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub avatar: Option<Avatar>,
    pub billing_address: Option<Address>,
    pub btw: Option<String>,
    pub contacts: Vec<Contact>,
    pub created: DateTime<Utc>,
    pub created_by: Option<String>,
    pub crm_status: CrmStatus,
    pub delivery_addresses: Vec<Address>,
    pub email: Option<String>,
    pub events: Vec<Event>,
    pub id: String,
    pub industry: Option<String>,
    pub kvk: Option<String>,
    pub lead_source: Option<String>,
    pub name: String,
    pub next_action: Option<String>,
    pub next_action_due_date: Option<DateTime<Utc>>,
    pub owner_id: Option<String>,
    pub phone: Option<String>,
    pub preferred_language: Option<String>,
    pub region: Option<String>,
    pub subsidiary_id: Option<String>,
    /// In the order added; each tag once.
    pub tags: Vec<String>,
    pub tenant_id: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    /// Set to the fake's clock (whole seconds) by every accepted write: the
    /// version a connector can compare.
    pub updated: DateTime<Utc>,
    pub updated_by: Option<String>,
    pub user_id: Option<String>,
    pub visits: Vec<Visit>,
    pub website: Option<String>,
    /// The fault-matching name of the last write this customer received
    /// (`PATCH /crm/customers/{id}/crm-status`, …); `None` = never written.
    /// Not on the wire.
    #[serde(rename = "last_write_call")]
    pub last_write_call: Option<String>,
    /// The top-level field names of the JSON body of the last write this
    /// customer received, sorted (`["crmStatus"]`,
    /// `["nextAction", "nextActionDueDate"]`); `Some([])` for a write
    /// without a body (owner, tags) or with `{}`; `None` = never written.
    /// Lets a test prove what a client sent. Not on the wire.
    #[serde(rename = "last_write_fields")]
    pub last_write_fields: Option<Vec<String>>,
}

/// One accepted write, in arrival order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Write {
    /// The fake's clock.
    pub at: DateTime<Utc>,
    /// The fault-matching name of the call:
    /// `PATCH /crm/customers/{id}/crm-status`, `POST /crm/customers/{id}/tags/{tag}`, …
    pub call: String,
    pub customer_id: String,
    /// The body's top-level field names, sorted (empty without a body).
    pub fields: Vec<String>,
    /// The second path parameter, decoded: the `ownerId` assigned or the
    /// `tag` added / removed; `None` for the others.
    pub arg: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AlphaalphaState {
    /// By id.
    pub customers: BTreeMap<String, Customer>,
    /// By id; each names its customer in `customer_id`.
    pub opportunities: BTreeMap<String, Opportunity>,
    /// By id; each names its customer in `customer_id`.
    pub activities: BTreeMap<String, Activity>,
    /// By id: the owners a customer can be assigned to.
    pub users: BTreeMap<String, User>,
    /// The user the bearer token belongs to: "my" customers are the ones
    /// whose `ownerId` is this user, and every write sets `updatedBy` to it.
    pub token_user_id: String,
    /// Every accepted write.
    pub writes: Vec<Write>,
}

impl AlphaalphaState {
    /// Adds (or replaces) a customer; returns its id.
    pub fn insert_customer(&mut self, customer: Customer) -> String {
        let id = customer.id.clone();
        self.customers.insert(id.clone(), customer);
        id
    }

    pub fn insert_opportunity(&mut self, opportunity: Opportunity) -> String {
        let id = opportunity.id.clone();
        self.opportunities.insert(id.clone(), opportunity);
        id
    }

    pub fn insert_activity(&mut self, activity: Activity) -> String {
        let id = activity.id.clone();
        self.activities.insert(id.clone(), activity);
        id
    }

    pub fn insert_user(&mut self, user: User) -> String {
        let id = user.id.clone();
        self.users.insert(id.clone(), user);
        id
    }

    /// The customers that pass `keep`, in list order: `created` ascending,
    /// then id.
    pub fn customers_where(&self, keep: impl Fn(&Customer) -> bool) -> Vec<&Customer> {
        let mut list: Vec<&Customer> = self.customers.values().filter(|c| keep(c)).collect();
        list.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
        list
    }

    /// The customers whose `nextActionDueDate` is before `now`, the most
    /// overdue first (then id).
    pub fn overdue(&self, now: DateTime<Utc>) -> Vec<&Customer> {
        let mut list: Vec<&Customer> = self
            .customers
            .values()
            .filter(|c| c.next_action_due_date.is_some_and(|d| d < now))
            .collect();
        list.sort_by(|a, b| (a.next_action_due_date, &a.id).cmp(&(b.next_action_due_date, &b.id)));
        list
    }

    /// The customer's opportunities, `created` ascending, then id.
    pub fn opportunities_of(&self, customer_id: &str) -> Vec<&Opportunity> {
        let mut list: Vec<&Opportunity> = self
            .opportunities
            .values()
            .filter(|o| o.customer_id == customer_id)
            .collect();
        list.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
        list
    }

    /// The customer's most recent activities: `created` descending (then id
    /// descending), at most [`assumed::RECENT_ACTIVITIES`].
    pub fn recent_activities_of(&self, customer_id: &str) -> Vec<&Activity> {
        let mut list: Vec<&Activity> = self
            .activities
            .values()
            .filter(|a| a.customer_id == customer_id)
            .collect();
        list.sort_by(|a, b| (b.created, &b.id).cmp(&(a.created, &a.id)));
        list.truncate(assumed::RECENT_ACTIVITIES);
        list
    }

    /// The enriched customer on the wire.
    pub fn enriched<'a>(&'a self, customer: &'a Customer) -> EnrichedCustomerWire<'a> {
        EnrichedCustomerWire {
            avatar: &customer.avatar,
            billing_address: &customer.billing_address,
            btw: &customer.btw,
            contacts: &customer.contacts,
            created: customer.created,
            created_by: &customer.created_by,
            crm_status: customer.crm_status,
            delivery_addresses: &customer.delivery_addresses,
            email: &customer.email,
            events: &customer.events,
            id: &customer.id,
            industry: &customer.industry,
            kvk: &customer.kvk,
            lead_source: &customer.lead_source,
            name: &customer.name,
            next_action: &customer.next_action,
            next_action_due_date: customer.next_action_due_date,
            opportunities: self.opportunities_of(&customer.id),
            owner: customer.owner_id.as_ref().and_then(|o| self.users.get(o)),
            owner_id: &customer.owner_id,
            phone: &customer.phone,
            recent_activities: self.recent_activities_of(&customer.id),
            region: &customer.region,
            subsidiary_id: &customer.subsidiary_id,
            tags: &customer.tags,
            tenant_id: &customer.tenant_id,
            kind: &customer.kind,
            updated: customer.updated,
            updated_by: &customer.updated_by,
            user_id: &customer.user_id,
            website: &customer.website,
        }
    }
}

/// A customer in a list answer (the seed's list sample, field for field).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerWire<'a> {
    pub avatar: &'a Option<Avatar>,
    pub billing_address: &'a Option<Address>,
    pub btw: &'a Option<String>,
    pub contacts: &'a [Contact],
    pub created: DateTime<Utc>,
    pub created_by: &'a Option<String>,
    pub crm_status: CrmStatus,
    pub delivery_addresses: &'a [Address],
    pub email: &'a Option<String>,
    pub events: &'a [Event],
    pub id: &'a str,
    pub industry: &'a Option<String>,
    pub kvk: &'a Option<String>,
    pub lead_source: &'a Option<String>,
    pub name: &'a str,
    pub next_action: &'a Option<String>,
    pub next_action_due_date: Option<DateTime<Utc>>,
    pub owner_id: &'a Option<String>,
    pub phone: &'a Option<String>,
    pub preferred_language: &'a Option<String>,
    pub region: &'a Option<String>,
    pub subsidiary_id: &'a Option<String>,
    pub tags: &'a [String],
    pub tenant_id: &'a Option<String>,
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub updated: DateTime<Utc>,
    pub updated_by: &'a Option<String>,
    pub user_id: &'a Option<String>,
    pub visits: &'a [Visit],
    pub website: &'a Option<String>,
}

impl Customer {
    /// The list shape.
    pub fn wire(&self) -> CustomerWire<'_> {
        CustomerWire {
            avatar: &self.avatar,
            billing_address: &self.billing_address,
            btw: &self.btw,
            contacts: &self.contacts,
            created: self.created,
            created_by: &self.created_by,
            crm_status: self.crm_status,
            delivery_addresses: &self.delivery_addresses,
            email: &self.email,
            events: &self.events,
            id: &self.id,
            industry: &self.industry,
            kvk: &self.kvk,
            lead_source: &self.lead_source,
            name: &self.name,
            next_action: &self.next_action,
            next_action_due_date: self.next_action_due_date,
            owner_id: &self.owner_id,
            phone: &self.phone,
            preferred_language: &self.preferred_language,
            region: &self.region,
            subsidiary_id: &self.subsidiary_id,
            tags: &self.tags,
            tenant_id: &self.tenant_id,
            kind: &self.kind,
            updated: self.updated,
            updated_by: &self.updated_by,
            user_id: &self.user_id,
            visits: &self.visits,
            website: &self.website,
        }
    }
}

/// The enriched customer (`GET /crm/customers/{id}` and every write's
/// answer; the seed's sample, field for field).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrichedCustomerWire<'a> {
    pub avatar: &'a Option<Avatar>,
    pub billing_address: &'a Option<Address>,
    pub btw: &'a Option<String>,
    pub contacts: &'a [Contact],
    pub created: DateTime<Utc>,
    pub created_by: &'a Option<String>,
    pub crm_status: CrmStatus,
    pub delivery_addresses: &'a [Address],
    pub email: &'a Option<String>,
    pub events: &'a [Event],
    pub id: &'a str,
    pub industry: &'a Option<String>,
    pub kvk: &'a Option<String>,
    pub lead_source: &'a Option<String>,
    pub name: &'a str,
    pub next_action: &'a Option<String>,
    pub next_action_due_date: Option<DateTime<Utc>>,
    pub opportunities: Vec<&'a Opportunity>,
    /// `null` when `ownerId` is `null` or names no known user.
    pub owner: Option<&'a User>,
    pub owner_id: &'a Option<String>,
    pub phone: &'a Option<String>,
    pub recent_activities: Vec<&'a Activity>,
    pub region: &'a Option<String>,
    pub subsidiary_id: &'a Option<String>,
    pub tags: &'a [String],
    pub tenant_id: &'a Option<String>,
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub updated: DateTime<Utc>,
    pub updated_by: &'a Option<String>,
    pub user_id: &'a Option<String>,
    pub website: &'a Option<String>,
}

/// The seed's problem body: `{"detail":…,"time":…,"title":…}`.
#[derive(Debug, Serialize)]
pub struct ProblemWire<'a> {
    pub detail: &'a str,
    pub time: DateTime<Utc>,
    pub title: &'a str,
}
