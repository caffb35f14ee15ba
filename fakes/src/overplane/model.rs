//! The Overplane fake's state, and the objects exactly as the seed's samples
//! show them on the wire (snake_case, in the samples' field order).
//!
//! A text field the client never set (or cleared by sending `null`) is
//! `None` and goes out as `null`; numbers are kept as the JSON number that was
//! sent (`0` stays `0`, `12.5` stays `12.5`), so the fake echoes them exactly.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Number;

/// `2024-01-15T09:30:00Z`: ISO 8601 / RFC 3339, UTC, whole seconds (the
/// seed's `09: 30: 00` spaces are a rendering artifact of the document).
pub fn format_timestamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A prospect: the seed's Prospect object, plus what the fake keeps about it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Prospect {
    /// `prospect_…`
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub company_name: Option<String>,
    pub industry: Option<String>,
    pub market_segment: Option<String>,
    pub customer_group: Option<String>,
    pub territory: Option<String>,
    pub no_of_employees: Option<String>,
    pub annual_revenue: Option<Number>,
    pub fax: Option<String>,
    pub website: Option<String>,
    pub prospect_owner: Option<String>,
    /// Required (never empty).
    pub company: String,
    /// Creation order (not on the wire): breaks `created_at` ties in the
    /// list, the later-created first. 0 = "assign one" in
    /// [`OverplaneState::insert_prospect`].
    pub seq: u64,
    /// The field names of the last PATCH this prospect received, sorted by
    /// name (not on the wire); `None` = never patched; `Some([])` = an empty
    /// PATCH `{}`. Lets a test prove a client sent only what changed.
    pub last_patch_fields: Option<Vec<String>>,
}

/// A Prospect Lead (child of a prospect).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProspectLead {
    /// `prospect-lead_…`
    pub id: String,
    /// Position among the prospect's leads (1, 2, …); set by the fake on
    /// create (last + 1) and by `reorder`.
    pub idx: i64,
    pub prospect_id: String,
    /// Required (never empty).
    pub lead: String,
    pub lead_name: Option<String>,
    pub status: Option<String>,
    pub email: Option<String>,
    pub mobile_no: Option<String>,
    pub lead_owner: Option<String>,
    /// As on [`Prospect::last_patch_fields`].
    pub last_patch_fields: Option<Vec<String>>,
}

/// A Prospect Opportunity (child of a prospect).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProspectOpportunity {
    /// `prospect-opportunity_…`
    pub id: String,
    /// As on [`ProspectLead::idx`].
    pub idx: i64,
    pub prospect_id: String,
    pub opportunity: Option<String>,
    pub amount: Option<Number>,
    pub stage: Option<String>,
    pub probability: Option<Number>,
    pub expected_closing: Option<String>,
    pub currency: Option<String>,
    pub deal_owner: Option<String>,
    pub contact_person: Option<String>,
    /// As on [`Prospect::last_patch_fields`].
    pub last_patch_fields: Option<Vec<String>>,
}

/// One accepted write, in arrival order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Write {
    /// The fake's clock.
    pub at: DateTime<Utc>,
    /// The fault-matching name of the call: `POST prospect`,
    /// `PATCH prospect-lead`, `DELETE prospect`,
    /// `POST prospect-opportunity/reorder`, …
    pub call: String,
    /// The object written (for `reorder`: the parent prospect).
    pub id: String,
    /// The body's field names, sorted (empty for DELETE; `parent_id`, `ids`
    /// for reorder).
    pub fields: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OverplaneState {
    /// By id.
    pub prospects: BTreeMap<String, Prospect>,
    /// By id.
    pub prospect_leads: BTreeMap<String, ProspectLead>,
    /// By id.
    pub prospect_opportunities: BTreeMap<String, ProspectOpportunity>,
    /// The next creation sequence number (ids of created objects derive from
    /// it too).
    pub next_seq: u64,
    /// Every accepted POST, PATCH, DELETE and reorder.
    pub writes: Vec<Write>,
}

/// SplitMix64: a fixed sequence, so ids and generated data are the same on
/// every run and machine.
pub(crate) fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// `{prefix}_` and 14 lower-case base-36 characters derived from `n`.
fn derived_id(prefix: &str, n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let tail: String = (0..14u64)
        .map(|i| DIGITS[(splitmix(n << 4 | i) % 36) as usize] as char)
        .collect();
    format!("{prefix}_{tail}")
}

impl OverplaneState {
    fn take_seq(&mut self) -> u64 {
        self.next_seq = self.next_seq.max(1);
        let seq = self.next_seq;
        self.next_seq += 1;
        seq
    }

    /// A fresh id `{prefix}_xxxxxxxxxxxxxx`, unused by any object.
    pub fn new_id(&mut self, prefix: &str) -> String {
        loop {
            let seq = self.take_seq();
            let id = derived_id(prefix, seq);
            if !self.prospects.contains_key(&id)
                && !self.prospect_leads.contains_key(&id)
                && !self.prospect_opportunities.contains_key(&id)
            {
                return id;
            }
        }
    }

    /// Adds a prospect; an empty `id` gets a fresh one, a `seq` of 0 the
    /// next sequence number. Returns the id.
    pub fn insert_prospect(&mut self, mut prospect: Prospect) -> String {
        if prospect.id.is_empty() {
            prospect.id = self.new_id("prospect");
        }
        if prospect.seq == 0 {
            prospect.seq = self.take_seq();
        } else {
            self.next_seq = self.next_seq.max(prospect.seq + 1);
        }
        let id = prospect.id.clone();
        self.prospects.insert(id.clone(), prospect);
        id
    }

    /// Adds a lead; an empty `id` gets a fresh one, an `idx` of 0 the
    /// prospect's last + 1. Returns the id.
    pub fn insert_lead(&mut self, mut lead: ProspectLead) -> String {
        if lead.id.is_empty() {
            lead.id = self.new_id("prospect-lead");
        }
        if lead.idx == 0 {
            lead.idx = self.last_lead_idx(&lead.prospect_id) + 1;
        }
        let id = lead.id.clone();
        self.prospect_leads.insert(id.clone(), lead);
        id
    }

    /// Adds an opportunity; an empty `id` gets a fresh one, an `idx` of 0
    /// the prospect's last + 1. Returns the id.
    pub fn insert_opportunity(&mut self, mut opportunity: ProspectOpportunity) -> String {
        if opportunity.id.is_empty() {
            opportunity.id = self.new_id("prospect-opportunity");
        }
        if opportunity.idx == 0 {
            opportunity.idx = self.last_opportunity_idx(&opportunity.prospect_id) + 1;
        }
        let id = opportunity.id.clone();
        self.prospect_opportunities.insert(id.clone(), opportunity);
        id
    }

    pub fn last_lead_idx(&self, prospect_id: &str) -> i64 {
        self.prospect_leads
            .values()
            .filter(|l| l.prospect_id == prospect_id)
            .map(|l| l.idx)
            .max()
            .unwrap_or(0)
    }

    pub fn last_opportunity_idx(&self, prospect_id: &str) -> i64 {
        self.prospect_opportunities
            .values()
            .filter(|o| o.prospect_id == prospect_id)
            .map(|o| o.idx)
            .max()
            .unwrap_or(0)
    }

    /// The prospect's leads by `idx` (then id).
    pub fn leads_of(&self, prospect_id: &str) -> Vec<&ProspectLead> {
        let mut list: Vec<&ProspectLead> = self
            .prospect_leads
            .values()
            .filter(|l| l.prospect_id == prospect_id)
            .collect();
        list.sort_by(|a, b| (a.idx, &a.id).cmp(&(b.idx, &b.id)));
        list
    }

    /// The prospect's opportunities by `idx` (then id).
    pub fn opportunities_of(&self, prospect_id: &str) -> Vec<&ProspectOpportunity> {
        let mut list: Vec<&ProspectOpportunity> = self
            .prospect_opportunities
            .values()
            .filter(|o| o.prospect_id == prospect_id)
            .collect();
        list.sort_by(|a, b| (a.idx, &a.id).cmp(&(b.idx, &b.id)));
        list
    }

    /// Every prospect, newest created first; equal `created_at`: the later
    /// created (higher `seq`) first, then id descending.
    pub fn prospects_newest_first(&self) -> Vec<&Prospect> {
        let mut list: Vec<&Prospect> = self.prospects.values().collect();
        list.sort_by(|a, b| (b.created_at, b.seq, &b.id).cmp(&(a.created_at, a.seq, &a.id)));
        list
    }
}

/// The Prospect object on the wire (the seed's sample, field for field).
#[derive(Debug, Serialize)]
pub struct ProspectWire<'a> {
    pub id: &'a str,
    pub created_at: String,
    pub updated_at: String,
    pub company_name: &'a Option<String>,
    pub industry: &'a Option<String>,
    pub market_segment: &'a Option<String>,
    pub customer_group: &'a Option<String>,
    pub territory: &'a Option<String>,
    pub no_of_employees: &'a Option<String>,
    pub annual_revenue: &'a Option<Number>,
    pub fax: &'a Option<String>,
    pub website: &'a Option<String>,
    pub prospect_owner: &'a Option<String>,
    pub company: &'a str,
}

impl Prospect {
    pub fn wire(&self) -> ProspectWire<'_> {
        ProspectWire {
            id: &self.id,
            created_at: format_timestamp(self.created_at),
            updated_at: format_timestamp(self.updated_at),
            company_name: &self.company_name,
            industry: &self.industry,
            market_segment: &self.market_segment,
            customer_group: &self.customer_group,
            territory: &self.territory,
            no_of_employees: &self.no_of_employees,
            annual_revenue: &self.annual_revenue,
            fax: &self.fax,
            website: &self.website,
            prospect_owner: &self.prospect_owner,
            company: &self.company,
        }
    }
}

/// The Prospect Lead object on the wire (the seed's sample, field for field).
#[derive(Debug, Serialize)]
pub struct ProspectLeadWire<'a> {
    pub id: &'a str,
    pub idx: i64,
    pub prospect_id: &'a str,
    pub lead: &'a str,
    pub lead_name: &'a Option<String>,
    pub status: &'a Option<String>,
    pub email: &'a Option<String>,
    pub mobile_no: &'a Option<String>,
    pub lead_owner: &'a Option<String>,
}

impl ProspectLead {
    pub fn wire(&self) -> ProspectLeadWire<'_> {
        ProspectLeadWire {
            id: &self.id,
            idx: self.idx,
            prospect_id: &self.prospect_id,
            lead: &self.lead,
            lead_name: &self.lead_name,
            status: &self.status,
            email: &self.email,
            mobile_no: &self.mobile_no,
            lead_owner: &self.lead_owner,
        }
    }
}

/// The Prospect Opportunity object on the wire (the seed's sample, field for
/// field).
#[derive(Debug, Serialize)]
pub struct ProspectOpportunityWire<'a> {
    pub id: &'a str,
    pub idx: i64,
    pub prospect_id: &'a str,
    pub opportunity: &'a Option<String>,
    pub amount: &'a Option<Number>,
    pub stage: &'a Option<String>,
    pub probability: &'a Option<Number>,
    pub expected_closing: &'a Option<String>,
    pub currency: &'a Option<String>,
    pub deal_owner: &'a Option<String>,
    pub contact_person: &'a Option<String>,
}

impl ProspectOpportunity {
    pub fn wire(&self) -> ProspectOpportunityWire<'_> {
        ProspectOpportunityWire {
            id: &self.id,
            idx: self.idx,
            prospect_id: &self.prospect_id,
            opportunity: &self.opportunity,
            amount: &self.amount,
            stage: &self.stage,
            probability: &self.probability,
            expected_closing: &self.expected_closing,
            currency: &self.currency,
            deal_owner: &self.deal_owner,
            contact_person: &self.contact_person,
        }
    }
}

/// A list answer: `{"data":[…],"has_more":bool,"total":n}` (the seed's
/// prospect list; assumed for the child lists and `reorder` too).
#[derive(Debug, Serialize)]
pub struct ListWire<T> {
    pub data: Vec<T>,
    pub has_more: bool,
    pub total: usize,
}

/// A delete answer: `{"id":"…","deleted":true}` (the seed's sample).
#[derive(Debug, Serialize)]
pub struct DeletedWire<'a> {
    pub id: &'a str,
    pub deleted: bool,
}
