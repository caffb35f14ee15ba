//! The AlphaAlpha fake's starting state.
//!
//! From the seed's samples (every value exactly as in them, all times
//! [`SAMPLE_TIME`] 2019-08-24T14:15:22Z): customer `string` (LEAD, owner
//! `string`, tag `string`, next action due 2019 — so always overdue), its
//! opportunity `string` (with the payment schedule and change order), its
//! activity `string`, and user `string` (its owner). See [`sample_customer`],
//! [`sample_opportunity`], [`sample_activity`], [`sample_user`].
//!
//! Users (in both seeds, so owners can be assigned in an empty fake too):
//! `string` (the sample's), `usr_an_peeters` "An Peeters" — the bearer
//! token's user ([`TOKEN_USER`]: her customers are "my" customers) —
//! `usr_jeroen_devries` "Jeroen de Vries", `usr_lotte_visser` "Lotte Visser".
//!
//! Invented customers (Belgian and Dutch gyms, tenant [`DEMO_TENANT`]; next
//! actions relative to the fake's clock at the start, so "overdue" holds
//! whatever the date):
//!
//! | id | name | crmStatus | owner | next action due | opportunities | activities |
//! |---|---|---|---|---|---|---|
//! | `cus_fitlab_gent` | FitLab Gent BV | CUSTOMER | An | now + 5 days | 1 (3 payments, 1 change order) | 2 |
//! | `cus_koepel_utrecht` | Sportcentrum De Koepel | PROSPECT | Jeroen | now − 2 days (overdue) | 1 (2 payments) | 1 |
//! | `cus_crossbox_antwerpen` | CrossBox Antwerpen | LEAD | An | now − 26 hours (overdue) | 0 | 0 |
//! | `cus_yogaloft_amsterdam` | Yoga Loft Amsterdam | ACTIVE | Lotte | now + 1 day | 1 (1 payment) | 1 |
//! | `cus_kantoorpark_mechelen` | Kantoorpark Mechelen NV | INACTIVE | Jeroen | none | 0 | 1 |
//! | `cus_padelclub_leuven` | Padelclub Leuven | CHURNED | none | now − 10 days (overdue) | 0 | 0 |
//! | `cus_els_wouters` | Els Wouters | PROSPECT | An | now + 3 days | 0 | 0 |
//! | `cus_zwembad_brugge` | Zwembad De Reiger Brugge | LEAD | none | none | 0 | 0 |
//!
//! Only the enum values the seed shows are used for `type` (`PERSON`), event
//! `type` (`CREATE`), opportunity `status` (`NEW`), payment `status`
//! (`PENDING`), `triggerStatus` (`NEW`), `triggerType` (`STATUS_CHANGE`),
//! activity `type` (`CALL`) and `priority` (`LOW`).
//!
//! `generated_alphaalpha_customers = N` adds N more ([`generated_customer`]):
//! ids `cus_gen_000001` …, created one minute apart from
//! [`GENERATED_FIRST_CREATED`] (2023-06-01T00:00:00Z), statuses in the
//! lifecycle's order round-robin (LEAD, PROSPECT, …, CHURNED, LEAD, …),
//! owners drawn from the three demo users or none; every fourth has a next
//! action due 14 days after its creation (overdue); no opportunities or
//! activities.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::model::{
    Activity, Address, AlphaalphaState, Avatar, ChangeOrder, Contact, CrmStatus, Customer, Event,
    Opportunity, PaymentScheduleItem, User, Visit,
};
use crate::Seed;
use crate::overplane::model::splitmix;

/// Every timestamp of the seed's samples.
pub const SAMPLE_TIME: &str = "2019-08-24T14:15:22Z";
/// `created` of `cus_gen_000001`; the n-th is n − 1 minutes later.
pub const GENERATED_FIRST_CREATED: &str = "2023-06-01T00:00:00Z";
/// The user the bearer token belongs to.
pub const TOKEN_USER: &str = "usr_an_peeters";
/// The demo records' `tenantId`.
pub const DEMO_TENANT: &str = "tnt_frontdesk_demo";

const AN: &str = "usr_an_peeters";
const JEROEN: &str = "usr_jeroen_devries";
const LOTTE: &str = "usr_lotte_visser";

pub fn state(seed: Seed, generated: usize, now: DateTime<Utc>) -> AlphaalphaState {
    let mut s = AlphaalphaState {
        token_user_id: TOKEN_USER.to_string(),
        ..Default::default()
    };
    s.insert_user(sample_user());
    for (id, username, name) in [
        (AN, "an.peeters", "An Peeters"),
        (JEROEN, "jeroen.devries", "Jeroen de Vries"),
        (LOTTE, "lotte.visser", "Lotte Visser"),
    ] {
        s.insert_user(User {
            display_name: name.into(),
            id: id.into(),
            username: username.into(),
        });
    }
    if seed == Seed::Demo {
        s.insert_customer(sample_customer());
        s.insert_opportunity(sample_opportunity());
        s.insert_activity(sample_activity());
        demo(&mut s, whole_seconds(now));
    }
    for n in 1..=generated {
        s.insert_customer(generated_customer(n));
    }
    s
}

fn whole_seconds(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}

fn sample_time() -> DateTime<Utc> {
    SAMPLE_TIME.parse().expect("valid constant")
}

fn string() -> Option<String> {
    Some("string".to_string())
}

fn text(s: &str) -> Option<String> {
    Some(s.to_string())
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn sample_event() -> Event {
    Event {
        author_id: string(),
        date: sample_time(),
        description: string(),
        id: "string".into(),
        kind: "CREATE".into(),
    }
}

fn sample_address() -> Address {
    Address {
        city: string(),
        country: string(),
        house_number: string(),
        id: "string".into(),
        latitude: Some(0.1),
        longitude: Some(0.1),
        postal_code: string(),
        street: string(),
    }
}

/// The samples' user (the enriched sample's `owner`).
pub fn sample_user() -> User {
    User {
        display_name: "string".into(),
        id: "string".into(),
        username: "string".into(),
    }
}

/// The samples' customer, exactly (list and enriched shapes alike).
pub fn sample_customer() -> Customer {
    let t = sample_time();
    Customer {
        avatar: Some(Avatar {
            blob_id: "string".into(),
            height: 0,
            thumbnail_blob_id: string(),
            width: 0,
        }),
        billing_address: Some(sample_address()),
        btw: string(),
        contacts: vec![Contact {
            department: string(),
            email: string(),
            first_name: string(),
            id: "string".into(),
            last_name: string(),
            phone: string(),
        }],
        created: t,
        created_by: string(),
        crm_status: CrmStatus::Lead,
        delivery_addresses: vec![sample_address()],
        email: string(),
        events: vec![sample_event()],
        id: "string".into(),
        industry: string(),
        kvk: string(),
        lead_source: string(),
        name: "string".into(),
        next_action: string(),
        next_action_due_date: Some(t),
        owner_id: string(),
        phone: string(),
        preferred_language: string(),
        region: string(),
        subsidiary_id: string(),
        tags: strings(&["string"]),
        tenant_id: string(),
        kind: "PERSON".into(),
        updated: t,
        updated_by: string(),
        user_id: string(),
        visits: vec![Visit {
            frequency: 0,
            ip: "string".into(),
            time: t,
        }],
        website: string(),
        last_write_call: None,
        last_write_fields: None,
    }
}

/// The enriched sample's opportunity, exactly.
pub fn sample_opportunity() -> Opportunity {
    let t = sample_time();
    let day = NaiveDate::from_ymd_opt(2019, 8, 24);
    Opportunity {
        change_orders: vec![ChangeOrder {
            amount: 0.1,
            category: string(),
            created_at: t,
            created_by: string(),
            date: Some(t),
            description: string(),
            id: "string".into(),
        }],
        created: t,
        created_by: string(),
        customer_id: "string".into(),
        description: string(),
        estimate_ids: strings(&["string"]),
        events: vec![sample_event()],
        expected_close_date: Some(t),
        fulfillment_date: Some(t),
        id: "string".into(),
        invoice_ids: strings(&["string"]),
        lead_id: string(),
        name: "string".into(),
        next_action: string(),
        next_action_due_date: Some(t),
        notes: string(),
        order_date: Some(t),
        order_id: string(),
        owner_id: string(),
        payment_schedule: vec![PaymentScheduleItem {
            id: "string".into(),
            include_change_orders: true,
            invoice_id: string(),
            label: "string".into(),
            payment_due_days: 0,
            percentage: 0.1,
            relative_days: 0,
            status: "PENDING".into(),
            trigger_status: "NEW".into(),
            trigger_type: "STATUS_CHANGE".into(),
            triggered_at: Some(t),
        }],
        probability: Some(0),
        product_ids: strings(&["string"]),
        scheduled_end_date: day,
        scheduled_start_date: day,
        source: string(),
        status: "NEW".into(),
        tags: strings(&["string"]),
        team_id: string(),
        tenant_id: string(),
        updated: t,
        updated_by: string(),
        value: Some(0.1),
    }
}

/// The enriched sample's activity, exactly.
pub fn sample_activity() -> Activity {
    let t = sample_time();
    Activity {
        attendees: strings(&["string"]),
        completed: true,
        completed_at: Some(t),
        contact_email: string(),
        contact_name: string(),
        contact_phone: string(),
        created: t,
        created_by: string(),
        customer_id: "string".into(),
        description: string(),
        due_date: Some(t),
        due_notified_at: Some(t),
        duration_minutes: Some(0),
        events: vec![sample_event()],
        id: "string".into(),
        is_completed: true,
        location: string(),
        opportunity_id: string(),
        outcome: string(),
        owner_id: string(),
        priority: "LOW".into(),
        scheduled_at: Some(t),
        subject: "string".into(),
        tenant_id: string(),
        kind: "CALL".into(),
        updated: t,
        updated_by: string(),
    }
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("valid seed time")
}

fn created_event(id: &str, author: Option<&str>, date: DateTime<Utc>, what: &str) -> Event {
    Event {
        author_id: author.map(str::to_string),
        date,
        description: text(what),
        id: id.into(),
        kind: "CREATE".into(),
    }
}

/// A demo customer with its required fields; the rest empty.
fn customer(
    id: &str,
    name: &str,
    status: CrmStatus,
    owner: Option<&str>,
    created: DateTime<Utc>,
) -> Customer {
    let author = owner.or(Some(AN));
    Customer {
        avatar: None,
        billing_address: None,
        btw: None,
        contacts: Vec::new(),
        created,
        created_by: author.map(str::to_string),
        crm_status: status,
        delivery_addresses: Vec::new(),
        email: None,
        events: vec![created_event(
            &format!("evt_{}", id.trim_start_matches("cus_")),
            author,
            created,
            "Klant aangemaakt",
        )],
        id: id.into(),
        industry: text("Fitness & Wellness"),
        kvk: None,
        lead_source: None,
        name: name.into(),
        next_action: None,
        next_action_due_date: None,
        owner_id: owner.map(str::to_string),
        phone: None,
        preferred_language: text("nl"),
        region: None,
        subsidiary_id: None,
        tags: Vec::new(),
        tenant_id: text(DEMO_TENANT),
        kind: "PERSON".into(),
        updated: created,
        updated_by: author.map(str::to_string),
        user_id: None,
        visits: Vec::new(),
        website: None,
        last_write_call: None,
        last_write_fields: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn address(
    id: &str,
    street: &str,
    number: &str,
    postal_code: &str,
    city: &str,
    country: &str,
    latitude: f64,
    longitude: f64,
) -> Address {
    Address {
        city: text(city),
        country: text(country),
        house_number: text(number),
        id: id.into(),
        latitude: Some(latitude),
        longitude: Some(longitude),
        postal_code: text(postal_code),
        street: text(street),
    }
}

fn contact(
    id: &str,
    first: &str,
    last: &str,
    department: Option<&str>,
    email: &str,
    phone: Option<&str>,
) -> Contact {
    Contact {
        department: department.map(str::to_string),
        email: text(email),
        first_name: text(first),
        id: id.into(),
        last_name: text(last),
        phone: phone.map(str::to_string),
    }
}

/// A payment of a schedule: `percentage` of the value, `relative_days`
/// after the trigger, payable within `due_days`.
fn payment(
    id: &str,
    label: &str,
    percentage: f64,
    relative_days: i64,
    due_days: i64,
    triggered_at: Option<DateTime<Utc>>,
) -> PaymentScheduleItem {
    PaymentScheduleItem {
        id: id.into(),
        include_change_orders: false,
        invoice_id: None,
        label: label.into(),
        payment_due_days: due_days,
        percentage,
        relative_days,
        status: "PENDING".into(),
        trigger_status: "NEW".into(),
        trigger_type: "STATUS_CHANGE".into(),
        triggered_at,
    }
}

#[allow(clippy::too_many_arguments)]
fn opportunity(
    id: &str,
    customer_id: &str,
    name: &str,
    owner: &str,
    created: DateTime<Utc>,
    value: f64,
    probability: i64,
    expected_close: DateTime<Utc>,
    payment_schedule: Vec<PaymentScheduleItem>,
) -> Opportunity {
    Opportunity {
        change_orders: Vec::new(),
        created,
        created_by: text(owner),
        customer_id: customer_id.into(),
        description: None,
        estimate_ids: Vec::new(),
        events: vec![created_event(
            &format!("evt_{}", id.trim_start_matches("opp_")),
            Some(owner),
            created,
            "Opportunity aangemaakt",
        )],
        expected_close_date: Some(expected_close),
        fulfillment_date: None,
        id: id.into(),
        invoice_ids: Vec::new(),
        lead_id: None,
        name: name.into(),
        next_action: None,
        next_action_due_date: None,
        notes: None,
        order_date: None,
        order_id: None,
        owner_id: text(owner),
        payment_schedule,
        probability: Some(probability),
        product_ids: Vec::new(),
        scheduled_end_date: None,
        scheduled_start_date: None,
        source: None,
        status: "NEW".into(),
        tags: Vec::new(),
        team_id: None,
        tenant_id: text(DEMO_TENANT),
        updated: created,
        updated_by: text(owner),
        value: Some(value),
    }
}

#[allow(clippy::too_many_arguments)]
fn activity(
    id: &str,
    customer_id: &str,
    subject: &str,
    owner: &str,
    created: DateTime<Utc>,
    scheduled_at: DateTime<Utc>,
    completed: bool,
    outcome: Option<&str>,
    contact: (&str, &str, &str),
) -> Activity {
    let (contact_name, contact_email, contact_phone) = contact;
    Activity {
        attendees: vec![owner.to_string()],
        completed,
        completed_at: completed.then(|| scheduled_at + Duration::minutes(30)),
        contact_email: text(contact_email),
        contact_name: text(contact_name),
        contact_phone: text(contact_phone),
        created,
        created_by: text(owner),
        customer_id: customer_id.into(),
        description: None,
        due_date: Some(scheduled_at),
        due_notified_at: None,
        duration_minutes: Some(30),
        events: vec![created_event(
            &format!("evt_{}", id.trim_start_matches("act_")),
            Some(owner),
            created,
            "Activiteit aangemaakt",
        )],
        id: id.into(),
        is_completed: completed,
        location: None,
        opportunity_id: None,
        outcome: outcome.map(str::to_string),
        owner_id: text(owner),
        priority: "LOW".into(),
        scheduled_at: Some(scheduled_at),
        subject: subject.into(),
        tenant_id: text(DEMO_TENANT),
        kind: "CALL".into(),
        updated: created,
        updated_by: text(owner),
    }
}

fn demo(s: &mut AlphaalphaState, now: DateTime<Utc>) {
    // FitLab Gent: a paying customer with two sites.
    let created = at(2024, 3, 4, 10, 15);
    let billing = address(
        "adr_fitlab_korenmarkt",
        "Korenmarkt",
        "12",
        "9000",
        "Gent",
        "BE",
        51.0549,
        3.7217,
    );
    s.insert_customer(Customer {
        avatar: Some(Avatar {
            blob_id: "blob_fitlab_logo".into(),
            height: 256,
            thumbnail_blob_id: text("blob_fitlab_logo_thumb"),
            width: 256,
        }),
        billing_address: Some(billing.clone()),
        btw: text("BE0712345678"),
        contacts: vec![
            contact(
                "con_fitlab_sofie",
                "Sofie",
                "Maes",
                Some("Directie"),
                "sofie.maes@fitlab-gent.example",
                Some("+32 470 12 34 56"),
            ),
            contact(
                "con_fitlab_bram",
                "Bram",
                "Janssens",
                Some("Receptie"),
                "bram.janssens@fitlab-gent.example",
                None,
            ),
        ],
        delivery_addresses: vec![
            billing,
            address(
                "adr_fitlab_dampoort",
                "Dampoortstraat",
                "45",
                "9000",
                "Gent",
                "BE",
                51.0573,
                3.7420,
            ),
        ],
        email: text("info@fitlab-gent.example"),
        lead_source: text("website"),
        next_action: text("Kwartaalreview plannen"),
        next_action_due_date: Some(now + Duration::days(5)),
        phone: text("+32 9 555 01 23"),
        region: text("Oost-Vlaanderen"),
        tags: strings(&["gym", "multi-site"]),
        updated: at(2025, 2, 20, 16, 40),
        visits: vec![
            Visit {
                frequency: 3,
                ip: "203.0.113.24".into(),
                time: at(2025, 2, 18, 9, 12),
            },
            Visit {
                frequency: 1,
                ip: "198.51.100.7".into(),
                time: at(2025, 2, 20, 16, 38),
            },
        ],
        website: text("https://fitlab-gent.example"),
        ..customer(
            "cus_fitlab_gent",
            "FitLab Gent BV",
            CrmStatus::Customer,
            Some(AN),
            created,
        )
    });
    let mut pro = opportunity(
        "opp_fitlab_pro",
        "cus_fitlab_gent",
        "Frontdesk Pro, 2 locaties",
        AN,
        at(2024, 4, 2, 9, 0),
        11880.0,
        90,
        at(2024, 5, 31, 0, 0),
        vec![
            payment(
                "pay_fitlab_1",
                "Aanbetering",
                30.0,
                0,
                14,
                Some(at(2024, 5, 2, 10, 0)),
            ),
            payment("pay_fitlab_2", "Bij livegang", 40.0, 30, 14, None),
            payment("pay_fitlab_3", "Oplevering", 30.0, 60, 30, None),
        ],
    );
    pro.change_orders.push(ChangeOrder {
        amount: 1250.0,
        category: text("Uitbreiding"),
        created_at: at(2024, 6, 12, 14, 30),
        created_by: text(AN),
        date: Some(at(2024, 6, 12, 0, 0)),
        description: text("Extra locatie Dampoort"),
        id: "chg_fitlab_dampoort".into(),
    });
    pro.payment_schedule[2].include_change_orders = true;
    pro.description = text("Twee vestigingen, 14 medewerkers");
    pro.scheduled_start_date = NaiveDate::from_ymd_opt(2024, 6, 1);
    pro.scheduled_end_date = NaiveDate::from_ymd_opt(2024, 7, 31);
    pro.source = text("website");
    pro.tags = strings(&["pro"]);
    s.insert_opportunity(pro);
    let sofie = (
        "Sofie Maes",
        "sofie.maes@fitlab-gent.example",
        "+32 470 12 34 56",
    );
    s.insert_activity(activity(
        "act_fitlab_kickoff",
        "cus_fitlab_gent",
        "Kick-off call",
        AN,
        at(2024, 5, 28, 8, 0),
        at(2024, 6, 3, 10, 0),
        true,
        Some("Planning livegang afgesproken"),
        sofie,
    ));
    s.insert_activity(activity(
        "act_fitlab_checkin",
        "cus_fitlab_gent",
        "Check-in na livegang",
        AN,
        at(2025, 2, 20, 16, 40),
        now + Duration::days(5),
        false,
        None,
        sofie,
    ));

    // De Koepel: a prospect waiting on a quote follow-up (overdue).
    s.insert_customer(Customer {
        billing_address: Some(address(
            "adr_koepel",
            "Koningsweg",
            "200",
            "3582 GE",
            "Utrecht",
            "NL",
            52.0842,
            5.1466,
        )),
        contacts: vec![contact(
            "con_koepel_femke",
            "Femke",
            "de Boer",
            Some("Management"),
            "f.deboer@dekoepel-utrecht.example",
            Some("+31 6 1234 5678"),
        )],
        email: text("info@dekoepel-utrecht.example"),
        industry: text("Sport & Recreatie"),
        kvk: text("30123456"),
        lead_source: text("referral"),
        next_action: text("Offerte nabellen"),
        next_action_due_date: Some(now - Duration::days(2)),
        phone: text("+31 30 555 0192"),
        region: text("Utrecht"),
        tags: strings(&["zwembad"]),
        updated: at(2025, 2, 26, 11, 0),
        updated_by: text(JEROEN),
        website: text("https://dekoepel-utrecht.example"),
        ..customer(
            "cus_koepel_utrecht",
            "Sportcentrum De Koepel",
            CrmStatus::Prospect,
            Some(JEROEN),
            at(2024, 6, 11, 14, 2),
        )
    });
    s.insert_opportunity(opportunity(
        "opp_koepel_enterprise",
        "cus_koepel_utrecht",
        "Frontdesk Enterprise",
        JEROEN,
        at(2025, 2, 10, 9, 30),
        36000.0,
        50,
        at(2025, 6, 30, 0, 0),
        vec![
            payment("pay_koepel_1", "Bij ondertekening", 50.0, 0, 30, None),
            payment("pay_koepel_2", "Na 6 maanden", 50.0, 180, 30, None),
        ],
    ));
    s.insert_activity(activity(
        "act_koepel_intake",
        "cus_koepel_utrecht",
        "Intakegesprek",
        JEROEN,
        at(2025, 2, 3, 9, 0),
        at(2025, 2, 5, 14, 0),
        true,
        Some("Offerte gevraagd voor 3 zalen"),
        (
            "Femke de Boer",
            "f.deboer@dekoepel-utrecht.example",
            "+31 6 1234 5678",
        ),
    ));

    // CrossBox Antwerpen: a fresh lead from a trade fair (overdue call).
    s.insert_customer(Customer {
        contacts: vec![contact(
            "con_crossbox_kobe",
            "Kobe",
            "Peeters",
            None,
            "kobe@crossbox-antwerpen.example",
            Some("+32 478 11 22 33"),
        )],
        email: text("kobe@crossbox-antwerpen.example"),
        lead_source: text("beurs"),
        next_action: text("Eerste belafspraak"),
        next_action_due_date: Some(now - Duration::hours(26)),
        region: text("Antwerpen"),
        tags: strings(&["crossfit", "beurs-2025"]),
        ..customer(
            "cus_crossbox_antwerpen",
            "CrossBox Antwerpen",
            CrmStatus::Lead,
            Some(AN),
            at(2025, 1, 8, 16, 30),
        )
    });

    // Yoga Loft: active, onboarding.
    s.insert_customer(Customer {
        billing_address: Some(address(
            "adr_yogaloft",
            "Prinsengracht",
            "300",
            "1016 HX",
            "Amsterdam",
            "NL",
            52.3731,
            4.8836,
        )),
        email: text("hello@yogaloft.example"),
        kvk: text("81234567"),
        lead_source: text("website"),
        next_action: text("Onboarding afronden"),
        next_action_due_date: Some(now + Duration::days(1)),
        preferred_language: text("en"),
        region: text("Noord-Holland"),
        tags: strings(&["yoga"]),
        website: text("https://yogaloft.example"),
        ..customer(
            "cus_yogaloft_amsterdam",
            "Yoga Loft Amsterdam",
            CrmStatus::Active,
            Some(LOTTE),
            at(2025, 2, 17, 11, 5),
        )
    });
    s.insert_opportunity(opportunity(
        "opp_yogaloft_starter",
        "cus_yogaloft_amsterdam",
        "Frontdesk Starter",
        LOTTE,
        at(2025, 2, 18, 10, 0),
        588.0,
        100,
        at(2025, 3, 1, 0, 0),
        vec![payment(
            "pay_yogaloft_1",
            "Jaarlicentie",
            100.0,
            0,
            14,
            Some(at(2025, 2, 24, 9, 0)),
        )],
    ));
    s.insert_activity(activity(
        "act_yogaloft_onboarding",
        "cus_yogaloft_amsterdam",
        "Onboarding call",
        LOTTE,
        at(2025, 2, 24, 9, 0),
        at(2025, 2, 27, 15, 0),
        true,
        Some("Roosters geïmporteerd"),
        ("Lotte Visser", "hello@yogaloft.example", "+31 20 555 0143"),
    ));

    // Kantoorpark Mechelen: a corporate gym gone quiet.
    s.insert_customer(Customer {
        btw: text("BE0456789012"),
        email: text("facility@kantoorpark-mechelen.example"),
        industry: text("Vastgoed"),
        region: text("Antwerpen"),
        tags: strings(&["corporate"]),
        updated: at(2024, 12, 2, 10, 0),
        ..customer(
            "cus_kantoorpark_mechelen",
            "Kantoorpark Mechelen NV",
            CrmStatus::Inactive,
            Some(JEROEN),
            at(2024, 9, 23, 8, 47),
        )
    });
    s.insert_activity(activity(
        "act_kantoorpark_call",
        "cus_kantoorpark_mechelen",
        "Verlenging besproken",
        JEROEN,
        at(2024, 11, 28, 13, 0),
        at(2024, 12, 2, 10, 0),
        true,
        Some("Geen budget in 2025"),
        (
            "Pieter Wouters",
            "facility@kantoorpark-mechelen.example",
            "+32 475 98 76 54",
        ),
    ));

    // Padelclub Leuven: churned, unassigned, a win-back overdue.
    s.insert_customer(Customer {
        email: text("bestuur@padelclub-leuven.example"),
        industry: text("Sport & Recreatie"),
        next_action: text("Win-back mail sturen"),
        next_action_due_date: Some(now - Duration::days(10)),
        region: text("Vlaams-Brabant"),
        tags: strings(&["padel", "win-back"]),
        ..customer(
            "cus_padelclub_leuven",
            "Padelclub Leuven",
            CrmStatus::Churned,
            None,
            at(2023, 11, 2, 9, 0),
        )
    });

    // Els Wouters: a personal trainer (a person indeed).
    s.insert_customer(Customer {
        contacts: vec![contact(
            "con_els",
            "Els",
            "Wouters",
            None,
            "els@wouters-pt.example",
            Some("+32 496 55 44 33"),
        )],
        email: text("els@wouters-pt.example"),
        next_action: text("Demo inplannen"),
        next_action_due_date: Some(now + Duration::days(3)),
        phone: text("+32 496 55 44 33"),
        region: text("Limburg"),
        tags: strings(&["personal-trainer"]),
        ..customer(
            "cus_els_wouters",
            "Els Wouters",
            CrmStatus::Prospect,
            Some(AN),
            at(2025, 2, 3, 13, 20),
        )
    });

    // Zwembad Brugge: an unassigned lead without a next action.
    s.insert_customer(Customer {
        email: text("info@dereiger-brugge.example"),
        industry: text("Sport & Recreatie"),
        region: text("West-Vlaanderen"),
        ..customer(
            "cus_zwembad_brugge",
            "Zwembad De Reiger Brugge",
            CrmStatus::Lead,
            None,
            at(2025, 3, 1, 10, 0),
        )
    });
}

const KINDS: [&str; 6] = [
    "Fitness",
    "Sportcentrum",
    "Yoga Studio",
    "Padelclub",
    "Zwembad",
    "Bootcamp",
];
const TOWNS: [&str; 10] = [
    "Gent",
    "Antwerpen",
    "Leuven",
    "Brugge",
    "Hasselt",
    "Utrecht",
    "Eindhoven",
    "Rotterdam",
    "Breda",
    "Maastricht",
];
const FIRST_NAMES: [&str; 6] = ["Sofie", "Bram", "Lotte", "Kobe", "Femke", "Pieter"];
const LAST_NAMES: [&str; 6] = [
    "Maes", "Janssens", "Visser", "Peeters", "de Boer", "Wouters",
];
const TAGS: [&str; 5] = ["gym", "padel", "zwembad", "yoga", "corporate"];
const OWNERS: [Option<&str>; 4] = [Some(AN), Some(JEROEN), Some(LOTTE), None];

/// Generated customer `n` (1, 2, …): the same on every run.
pub fn generated_customer(n: usize) -> Customer {
    let r = |k: u64| splitmix((n as u64) << 8 | k);
    let pick = |k: u64, len: usize| (r(k) % len as u64) as usize;
    let first: DateTime<Utc> = GENERATED_FIRST_CREATED.parse().expect("valid constant");
    let created = first + Duration::minutes(n as i64 - 1);
    let name = format!(
        "{} {} {n}",
        KINDS[pick(1, KINDS.len())],
        TOWNS[pick(2, TOWNS.len())]
    );
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let email = format!("info@{slug}.example");
    let id = format!("cus_gen_{n:06}");
    let owner = OWNERS[pick(3, OWNERS.len())];
    let (first_name, last_name) = (
        FIRST_NAMES[pick(4, FIRST_NAMES.len())],
        LAST_NAMES[pick(5, LAST_NAMES.len())],
    );
    let overdue = n.is_multiple_of(4);
    Customer {
        contacts: vec![contact(
            &format!("con_gen_{n:06}"),
            first_name,
            last_name,
            None,
            &email,
            None,
        )],
        email: Some(email.clone()),
        next_action: overdue.then(|| "Terugbellen".to_string()),
        next_action_due_date: overdue.then(|| created + Duration::days(14)),
        tags: vec![TAGS[pick(6, TAGS.len())].to_string()],
        website: Some(format!("https://{slug}.example")),
        ..customer(
            &id,
            &name,
            CrmStatus::ALL[(n - 1) % CrmStatus::ALL.len()],
            owner,
            created,
        )
    }
}
