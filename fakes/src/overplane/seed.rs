//! The Overplane fake's starting state.
//!
//! From the seed's samples: prospect `prospect_abc123` "Example Corp", every
//! field exactly as the sample (created and updated 2024-01-15T09:30:00Z).
//! The samples' child objects are not seeded: they belong to
//! `prospect_id_example`, which is no prospect.
//!
//! Invented (Belgian and Dutch gyms and offices, amounts in EUR):
//!
//! | id | company | created | leads | opportunities |
//! |---|---|---|---|---|
//! | `prospect_fitlab_gent` | FitLab Gent BV | 2024-03-04 10:15 | 2 | 2 (Proposal, Won) |
//! | `prospect_koepel_utrecht` | Sportcentrum De Koepel | 2024-06-11 14:02 | 1 | 1 (Negotiation) |
//! | `prospect_kantoorpark_mechelen` | Kantoorpark Mechelen NV | 2024-09-23 08:47 | 1 | 2 (Qualification, Lost) |
//! | `prospect_crossbox_antwerpen` | CrossBox Antwerpen | 2025-01-08 16:30 | 0 | 0 |
//! | `prospect_yogaloft_amsterdam` | Yoga Loft Amsterdam B.V. | 2025-02-17 11:05 | 1 | 1 (Qualification) |
//!
//! `--generated-overplane-prospects N` adds N more ([`generated_prospect`]):
//! ids `prospect_gen_000001` …, created one minute apart from
//! [`GENERATED_FIRST_CREATED_AT`] (2023-06-01T00:00:00Z), so all older than
//! the demo prospects while N < 300,000; no children.

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::Number;

use super::model::{OverplaneState, Prospect, ProspectLead, ProspectOpportunity, splitmix};
use crate::Seed;

/// `created_at` of `prospect_gen_000001`; the n-th is n − 1 minutes later.
pub const GENERATED_FIRST_CREATED_AT: &str = "2023-06-01T00:00:00Z";

pub fn state(seed: Seed, generated: usize) -> OverplaneState {
    let mut s = OverplaneState {
        next_seq: 1,
        ..Default::default()
    };
    if seed == Seed::Demo {
        demo(&mut s);
    }
    for n in 1..=generated {
        s.insert_prospect(generated_prospect(n));
    }
    s
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("valid seed time")
}

fn text(s: &str) -> Option<String> {
    Some(s.to_string())
}

fn int(n: i64) -> Option<Number> {
    Some(Number::from(n))
}

/// The seed's sample prospect, exactly.
pub fn sample_prospect() -> Prospect {
    let t = at(2024, 1, 15, 9, 30);
    Prospect {
        id: "prospect_abc123".into(),
        created_at: t,
        updated_at: t,
        company_name: text("Example Corp"),
        industry: text("industry_example"),
        market_segment: text("market_segment_example"),
        customer_group: text("customer_group_example"),
        territory: text("territory_example"),
        no_of_employees: text("no_of_employees_example"),
        annual_revenue: int(0),
        fax: text("fax_example"),
        website: text("website_example"),
        prospect_owner: text("prospect_owner_example"),
        company: "Example Corp".into(),
        seq: 0,
        last_patch_fields: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn prospect(
    id: &str,
    created_at: DateTime<Utc>,
    updated_days_later: i64,
    company: &str,
    company_name: &str,
    industry: &str,
    segment: &str,
    territory: &str,
    employees: &str,
    revenue: i64,
    fax: Option<&str>,
    website: &str,
    owner: &str,
) -> Prospect {
    Prospect {
        id: id.into(),
        created_at,
        updated_at: created_at + Duration::days(updated_days_later),
        company_name: text(company_name),
        industry: text(industry),
        market_segment: text(segment),
        customer_group: text("Commercial"),
        territory: text(territory),
        no_of_employees: text(employees),
        annual_revenue: int(revenue),
        fax: fax.map(str::to_string),
        website: text(website),
        prospect_owner: text(owner),
        company: company.into(),
        seq: 0,
        last_patch_fields: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn lead(
    id: &str,
    prospect_id: &str,
    lead: &str,
    name: &str,
    status: &str,
    email: &str,
    mobile: Option<&str>,
    owner: &str,
) -> ProspectLead {
    ProspectLead {
        id: id.into(),
        idx: 0,
        prospect_id: prospect_id.into(),
        lead: lead.into(),
        lead_name: text(name),
        status: text(status),
        email: text(email),
        mobile_no: mobile.map(str::to_string),
        lead_owner: text(owner),
        last_patch_fields: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn opportunity(
    id: &str,
    prospect_id: &str,
    title: &str,
    amount: Number,
    stage: &str,
    probability: i64,
    expected_closing: &str,
    owner: &str,
    contact: &str,
) -> ProspectOpportunity {
    ProspectOpportunity {
        id: id.into(),
        idx: 0,
        prospect_id: prospect_id.into(),
        opportunity: text(title),
        amount: Some(amount),
        stage: text(stage),
        probability: int(probability),
        expected_closing: text(expected_closing),
        currency: text("EUR"),
        deal_owner: text(owner),
        contact_person: text(contact),
        last_patch_fields: None,
    }
}

fn euros(cents: i64) -> Number {
    if cents % 100 == 0 {
        Number::from(cents / 100)
    } else {
        Number::from_f64(cents as f64 / 100.0).expect("finite amount")
    }
}

const AN: &str = "an.peeters@frontdesk.example";
const JEROEN: &str = "jeroen.devries@frontdesk.example";

fn demo(s: &mut OverplaneState) {
    s.insert_prospect(sample_prospect());
    let prospects = [
        prospect(
            "prospect_fitlab_gent",
            at(2024, 3, 4, 10, 15),
            40,
            "FitLab Gent BV",
            "FitLab Gent",
            "Fitness & Wellness",
            "SMB",
            "Belgium",
            "11-50",
            1_850_000,
            None,
            "https://fitlab-gent.example",
            AN,
        ),
        prospect(
            "prospect_koepel_utrecht",
            at(2024, 6, 11, 14, 2),
            12,
            "Sportcentrum De Koepel",
            "De Koepel Utrecht",
            "Fitness & Wellness",
            "Mid-Market",
            "Netherlands",
            "51-200",
            6_400_000,
            Some("+31 30 555 0192"),
            "https://dekoepel-utrecht.example",
            JEROEN,
        ),
        prospect(
            "prospect_kantoorpark_mechelen",
            at(2024, 9, 23, 8, 47),
            0,
            "Kantoorpark Mechelen NV",
            "Kantoorpark Mechelen",
            "Real Estate",
            "Enterprise",
            "Belgium",
            "201-500",
            42_000_000,
            Some("+32 15 55 01 77"),
            "https://kantoorpark-mechelen.example",
            AN,
        ),
        prospect(
            "prospect_crossbox_antwerpen",
            at(2025, 1, 8, 16, 30),
            3,
            "CrossBox Antwerpen BV",
            "CrossBox Antwerpen",
            "Fitness & Wellness",
            "SMB",
            "Belgium",
            "1-10",
            420_000,
            None,
            "https://crossbox-antwerpen.example",
            AN,
        ),
        prospect(
            "prospect_yogaloft_amsterdam",
            at(2025, 2, 17, 11, 5),
            21,
            "Yoga Loft Amsterdam B.V.",
            "Yoga Loft Amsterdam",
            "Fitness & Wellness",
            "SMB",
            "Netherlands",
            "11-50",
            975_000,
            None,
            "https://yogaloft.example",
            JEROEN,
        ),
    ];
    for p in prospects {
        s.insert_prospect(p);
    }

    let leads = [
        lead(
            "prospect-lead_fitlab_1",
            "prospect_fitlab_gent",
            "CRM-LEAD-2024-00031",
            "Sofie Maes",
            "Converted",
            "sofie.maes@fitlab-gent.example",
            Some("+32 470 12 34 56"),
            AN,
        ),
        lead(
            "prospect-lead_fitlab_2",
            "prospect_fitlab_gent",
            "CRM-LEAD-2024-00044",
            "Bram Janssens",
            "Replied",
            "bram.janssens@fitlab-gent.example",
            None,
            AN,
        ),
        lead(
            "prospect-lead_koepel_1",
            "prospect_koepel_utrecht",
            "CRM-LEAD-2024-00102",
            "Femke de Boer",
            "Open",
            "f.deboer@dekoepel-utrecht.example",
            Some("+31 6 1234 5678"),
            JEROEN,
        ),
        lead(
            "prospect-lead_kantoorpark_1",
            "prospect_kantoorpark_mechelen",
            "CRM-LEAD-2024-00187",
            "Pieter Wouters",
            "Interested",
            "facility@kantoorpark-mechelen.example",
            Some("+32 475 98 76 54"),
            AN,
        ),
        lead(
            "prospect-lead_yogaloft_1",
            "prospect_yogaloft_amsterdam",
            "CRM-LEAD-2025-00012",
            "Lotte Visser",
            "draft",
            "lotte@yogaloft.example",
            None,
            JEROEN,
        ),
    ];
    for l in leads {
        s.insert_lead(l);
    }

    let opportunities = [
        opportunity(
            "prospect-opportunity_fitlab_1",
            "prospect_fitlab_gent",
            "Frontdesk Pro, 2 locations",
            euros(1_188_000),
            "Proposal",
            60,
            "2025-09-30",
            AN,
            "Sofie Maes",
        ),
        opportunity(
            "prospect-opportunity_fitlab_2",
            "prospect_fitlab_gent",
            "Onboarding & data migration",
            euros(249_950),
            "Won",
            100,
            "2024-05-15",
            AN,
            "Sofie Maes",
        ),
        opportunity(
            "prospect-opportunity_koepel_1",
            "prospect_koepel_utrecht",
            "Frontdesk Enterprise",
            euros(3_600_000),
            "Negotiation",
            75,
            "2025-07-01",
            JEROEN,
            "Femke de Boer",
        ),
        opportunity(
            "prospect-opportunity_kantoorpark_1",
            "prospect_kantoorpark_mechelen",
            "Corporate gym access, 3 buildings",
            euros(5_400_000),
            "Qualification",
            20,
            "2025-12-15",
            AN,
            "Pieter Wouters",
        ),
        opportunity(
            "prospect-opportunity_kantoorpark_2",
            "prospect_kantoorpark_mechelen",
            "Pilot: visitor booking",
            euros(480_000),
            "Lost",
            0,
            "2024-11-30",
            AN,
            "Pieter Wouters",
        ),
        opportunity(
            "prospect-opportunity_yogaloft_1",
            "prospect_yogaloft_amsterdam",
            "Frontdesk Starter",
            euros(58_800),
            "Qualification",
            30,
            "2025-06-30",
            JEROEN,
            "Lotte Visser",
        ),
    ];
    for o in opportunities {
        s.insert_opportunity(o);
    }
}

const SEGMENTS: [&str; 3] = ["SMB", "Mid-Market", "Enterprise"];
const EMPLOYEES: [&str; 5] = ["1-10", "11-50", "51-200", "201-500", "501-1000"];
/// Kind of business and its industry.
const KINDS: [(&str, &str); 6] = [
    ("Fitness", "Fitness & Wellness"),
    ("Sportcentrum", "Sports"),
    ("Yoga Studio", "Fitness & Wellness"),
    ("Kantoren", "Real Estate"),
    ("Padel Club", "Sports"),
    ("Zwembad", "Sports"),
];
/// Town and territory.
const TOWNS: [(&str, &str); 10] = [
    ("Gent", "Belgium"),
    ("Antwerpen", "Belgium"),
    ("Leuven", "Belgium"),
    ("Brugge", "Belgium"),
    ("Hasselt", "Belgium"),
    ("Utrecht", "Netherlands"),
    ("Eindhoven", "Netherlands"),
    ("Rotterdam", "Netherlands"),
    ("Breda", "Netherlands"),
    ("Maastricht", "Netherlands"),
];
const OWNERS: [&str; 2] = [AN, JEROEN];

/// Generated prospect `n` (1, 2, …): the same on every run.
pub fn generated_prospect(n: usize) -> Prospect {
    let r = |k: u64| splitmix((n as u64) << 8 | k);
    let pick = |k: u64, len: usize| (r(k) % len as u64) as usize;
    let first: DateTime<Utc> = GENERATED_FIRST_CREATED_AT.parse().expect("valid constant");
    let created_at = first + Duration::minutes(n as i64 - 1);
    let (kind, industry) = KINDS[pick(1, KINDS.len())];
    let (town, territory) = TOWNS[pick(2, TOWNS.len())];
    let name = format!("{kind} {town} {n}");
    let legal = if territory == "Belgium" { "BV" } else { "B.V." };
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    Prospect {
        id: format!("prospect_gen_{n:06}"),
        created_at,
        updated_at: created_at,
        company_name: Some(name.clone()),
        industry: text(industry),
        market_segment: text(SEGMENTS[pick(5, SEGMENTS.len())]),
        customer_group: text("Commercial"),
        territory: text(territory),
        no_of_employees: text(EMPLOYEES[pick(6, EMPLOYEES.len())]),
        annual_revenue: int(50_000 * (1 + (r(7) % 400) as i64)),
        fax: None,
        website: Some(format!("https://{slug}.example")),
        prospect_owner: text(OWNERS[pick(8, OWNERS.len())]),
        company: format!("{name} {legal}"),
        seq: 0,
        last_patch_fields: None,
    }
}
