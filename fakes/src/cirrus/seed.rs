//! The Cirrus fake's starting state.
//!
//! Both seeds: users 1–4 (the token's user is 1, Sofie Janssens), account
//! types, activity types, tags, sources, lead statuses, the two opportunity
//! types with their statuses (colour, sort order, won / lost flags), win and
//! lost reasons and estimates.
//!
//! | type | statuses (sortorder) |
//! |---|---|
//! | 1 Nieuwe klant | 1 Nieuw, 2 Offerte verstuurd, 3 Onderhandeling, 4 Gewonnen (won), 5 Verloren (lost) |
//! | 2 Uitbreiding | 6 Verkenning, 7 Voorstel, 8 Gewonnen (won), 9 Verloren (lost) |
//!
//! `Seed::Demo` adds the document's samples exactly as printed, every one
//! with id 0 (account, contact, lead, opportunity, activity, status, type,
//! win and lost reason, lead status, user 0), and a Belgian / Dutch sales
//! office: accounts 1–10, contacts 1–12, leads 1–10, opportunities 1–12
//! across both types and every status, activities 1–8.
//! `generated_cirrus_leads = N` adds leads 1001… ([`generated_lead`]),
//! created one minute apart from [`GENERATED_FIRST_CREATED`].

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::model::{CirrusState, Resource};
use super::ordered::Json;
use super::write;
use crate::Seed;

pub const SAMPLE_ACCOUNT: &str = include_str!("samples/account.json");
pub const SAMPLE_CONTACT: &str = include_str!("samples/contact.json");
pub const SAMPLE_LEAD: &str = include_str!("samples/lead.json");
pub const SAMPLE_OPPORTUNITY: &str = include_str!("samples/opportunity.json");
pub const SAMPLE_ACTIVITY: &str = include_str!("samples/activity.json");
pub const SAMPLE_STATUS: &str = include_str!("samples/status.json");
pub const SAMPLE_TYPE: &str = include_str!("samples/type.json");
pub const SAMPLE_WINREASON: &str = include_str!("samples/winreason.json");
pub const SAMPLE_LOSTREASON: &str = include_str!("samples/lostreason.json");
pub const SAMPLE_LEADSTATUS: &str = include_str!("samples/leadstatus.json");

/// `created` of lead 1001; the n-th generated lead is n − 1 minutes later.
pub const GENERATED_FIRST_CREATED: &str = "2023-06-01T00:00:00Z";
/// The token's user.
pub const TOKEN_USER: i64 = 1;
/// `created` of demo lead 1; lead n is n − 1 days later.
const DEMO_LEADS_FROM: &str = "2025-02-01T09:00:00Z";
/// `regdate` / `changedate` of the demo opportunities.
const DEMO_OPPS_AT: &str = "2025-02-15T10:00:00Z";

fn j(v: Value) -> Json {
    Json::from_value(&v)
}

fn parse(text: &str) -> Json {
    Json::parse(text).expect("sample JSON")
}

pub fn state(seed: Seed, generated: usize, _now: DateTime<Utc>) -> CirrusState {
    let mut s = CirrusState {
        token_user_id: TOKEN_USER,
        list_envelope_in_array: true,
        require_reasons: true,
        ..Default::default()
    };
    for (id, name, surname, title, email, phone, cell) in [
        (
            1,
            "Sofie",
            "Janssens",
            "Sales manager",
            "sofie.janssens@frontdesk-demo.be",
            "+32 9 234 56 01",
            "+32 470 12 34 01",
        ),
        (
            2,
            "Pieter",
            "de Vries",
            "Account manager",
            "pieter.devries@frontdesk-demo.nl",
            "+31 20 555 01 02",
            "+31 6 1234 0102",
        ),
        (
            3,
            "Lotte",
            "Peeters",
            "Account manager",
            "lotte.peeters@frontdesk-demo.be",
            "+32 3 234 56 03",
            "+32 470 12 34 03",
        ),
        (
            4,
            "Jan",
            "Maes",
            "Binnendienst",
            "jan.maes@frontdesk-demo.be",
            "+32 2 234 56 04",
            "+32 470 12 34 04",
        ),
    ] {
        s.users.insert(
            id,
            j(json!({})).tap_obj(&[
                ("id", Json::int(id)),
                ("name", Json::str(name)),
                ("surname", Json::str(surname)),
                ("title", Json::str(title)),
                ("email", Json::str(email)),
                ("phone", Json::str(phone)),
                ("cellphone", Json::str(cell)),
            ]),
        );
    }
    for (id, name) in [(1, "Klant"), (2, "Prospect"), (3, "Partner")] {
        s.accounttypes.insert(
            id,
            Json::obj(vec![("id", Json::int(id)), ("name", Json::str(name))]),
        );
    }
    for (id, name) in [
        (1, "Telefoongesprek"),
        (2, "Bezoek"),
        (3, "Demo"),
        (4, "E-mail"),
    ] {
        s.activitytypes.insert(
            id,
            Json::obj(vec![("id", Json::int(id)), ("name", Json::str(name))]),
        );
    }
    for (id, name) in [(1, "VIP"), (2, "Fitness"), (3, "Retail")] {
        s.tags.insert(
            id,
            Json::obj(vec![
                ("id", Json::int(id)),
                ("name", Json::str(name)),
                ("type", Json::str("company")),
            ]),
        );
    }
    for (id, name, default) in [
        (1, "Website", 1),
        (2, "Beurs", 0),
        (3, "Doorverwijzing", 0),
        (4, "Koude acquisitie", 0),
    ] {
        s.sources.insert(
            id,
            Json::obj(vec![
                ("id", Json::int(id)),
                ("name", Json::str(name)),
                ("default", Json::int(default)),
            ]),
        );
    }
    for (id, name) in [
        (1, "Nieuw"),
        (2, "Gecontacteerd"),
        (3, "Gekwalificeerd"),
        (4, "Afgewezen"),
    ] {
        s.leadstatuses.insert(
            id,
            Json::obj(vec![
                ("id", Json::int(id)),
                ("name", Json::str(name)),
                ("sortorder", Json::int(id)),
                ("created", Json::str("2024-01-01T08:00:00Z")),
                ("updated", Json::str("2024-01-01T08:00:00Z")),
            ]),
        );
    }
    for (id, name, sortorder) in [(1, "Nieuwe klant", 1), (2, "Uitbreiding", 2)] {
        s.types.insert(
            id,
            Json::obj(vec![
                ("id", Json::int(id)),
                ("isdefault", Json::int(i64::from(id == 1))),
                ("name", Json::str(name)),
                ("sortorder", Json::int(sortorder)),
                ("validstatuses", Json::Null),
            ]),
        );
    }
    for (id, color, description, name, lost, type_id, sortorder, won) in [
        (1, "#9E9E9E", "Nieuwe opportuniteit", "Nieuw", 0, 1, 1, 0),
        (
            2,
            "#2196F3",
            "Offerte is verstuurd",
            "Offerte verstuurd",
            0,
            1,
            2,
            0,
        ),
        (
            3,
            "#FF9800",
            "In onderhandeling",
            "Onderhandeling",
            0,
            1,
            3,
            0,
        ),
        (4, "#4CAF50", "Contract getekend", "Gewonnen", 0, 1, 4, 1),
        (5, "#F44336", "Klant haakte af", "Verloren", 1, 1, 5, 0),
        (6, "#9C27B0", "Behoefte verkennen", "Verkenning", 0, 2, 1, 0),
        (7, "#03A9F4", "Voorstel uitbreiding", "Voorstel", 0, 2, 2, 0),
        (8, "#388E3C", "Uitbreiding besteld", "Gewonnen", 0, 2, 3, 1),
        (9, "#D32F2F", "Geen uitbreiding", "Verloren", 1, 2, 4, 0),
    ] {
        s.statuses.insert(
            id,
            Json::obj(vec![
                ("id", Json::int(id)),
                ("color", Json::str(color)),
                ("description", Json::str(description)),
                ("name", Json::str(name)),
                ("lost", Json::int(lost)),
                ("opportunitytypeid", Json::int(type_id)),
                ("sortorder", Json::int(sortorder)),
                ("sortorderplug", Json::int(sortorder * 10)),
                ("won", Json::int(won)),
            ]),
        );
    }
    for (id, name) in [
        (1, "Beste prijs-kwaliteit"),
        (2, "Goede demo"),
        (3, "Bestaande relatie"),
    ] {
        s.winreasons.insert(
            id,
            Json::obj(vec![
                ("id", Json::int(id)),
                ("name", Json::str(name)),
                ("sortorder", Json::int(id)),
            ]),
        );
    }
    for (id, name) in [
        (1, "Te duur"),
        (2, "Koos concurrent"),
        (3, "Geen budget"),
        (4, "Geen reactie"),
    ] {
        s.lostreasons.insert(
            id,
            Json::obj(vec![
                ("id", Json::int(id)),
                ("name", Json::str(name)),
                ("sortorder", Json::int(id)),
            ]),
        );
    }
    for (id, value) in [(1, "10"), (2, "25"), (3, "50"), (4, "75"), (5, "90")] {
        s.estimates.insert(
            id,
            Json::obj(vec![
                ("id", Json::int(id)),
                ("description", Json::str(format!("{value}%"))),
                ("sortorder", Json::int(id)),
                ("value", Json::str(value)),
                ("visible", Json::int(1)),
            ]),
        );
    }
    if seed == Seed::Demo {
        samples(&mut s);
        demo(&mut s);
    }
    for n in 1..=generated {
        let lead = generated_lead(&s, n);
        s.leads.insert(1000 + n as i64, lead);
    }
    s
}

trait TapObj {
    fn tap_obj(self, fields: &[(&str, Json)]) -> Json;
}

impl TapObj for Json {
    fn tap_obj(mut self, fields: &[(&str, Json)]) -> Json {
        for (k, v) in fields {
            self.set(k, v.clone());
        }
        self
    }
}

/// The document's samples, as printed, all with id 0.
fn samples(s: &mut CirrusState) {
    s.users.insert(
        0,
        parse(r#"{"id":0,"name":"string","surname":"string","title":"string","email":"string","phone":"string","cellphone":"string"}"#),
    );
    s.statuses.insert(0, parse(SAMPLE_STATUS));
    s.types.insert(0, parse(SAMPLE_TYPE));
    s.winreasons.insert(0, parse(SAMPLE_WINREASON));
    s.lostreasons.insert(0, parse(SAMPLE_LOSTREASON));
    let mut ls = parse(SAMPLE_LEADSTATUS);
    ls.set("created", Json::str("2019-08-24T14:15:22Z"));
    ls.set("updated", Json::str("2019-08-24T14:15:22Z"));
    s.leadstatuses.insert(0, ls);
    s.accounts.insert(0, parse(SAMPLE_ACCOUNT));
    s.contacts.insert(0, parse(SAMPLE_CONTACT));
    s.leads.insert(0, parse(SAMPLE_LEAD));
    s.opportunities.insert(0, parse(SAMPLE_OPPORTUNITY));
    s.activities.insert(0, parse(SAMPLE_ACTIVITY));
}

/// Creates one record from a POST body (as the API would).
fn create(s: &mut CirrusState, r: Resource, id: i64, body: Value) -> Json {
    let mut rec = write::blank(&super::assumed::sample(r));
    rec.set("id", Json::int(id));
    let body = j(body);
    write::apply(s, r, &mut rec, &body, true).unwrap_or_else(|f| panic!("seed {r:?} {id}: {f:?}"));
    rec
}

fn address(
    street: &str,
    number: &str,
    zip: &str,
    city: &str,
    country: &str,
    lat: &str,
    lon: &str,
) -> Value {
    json!({"careof": null, "name": null, "street": street, "zip": zip, "city": city, "country": country,
           "email": null, "coordinates": {"latitude": lat, "longitude": lon, "distance": null},
           "number": number, "letter": null})
}

fn demo(s: &mut CirrusState) {
    let accounts = [
        (
            1,
            "FitLab Gent BV",
            "FitLab",
            "A-1001",
            1,
            1,
            "Kortrijksesteenweg",
            "112",
            "9000",
            "Gent",
            "BE",
            "51.0366",
            "3.7086",
            "BE0712345601",
            "info@fitlab.be",
            "+32 9 222 11 01",
        ),
        (
            2,
            "Sportcentrum De Koepel",
            "De Koepel",
            "A-1002",
            1,
            2,
            "Croeselaan",
            "15",
            "3521 BJ",
            "Utrecht",
            "NL",
            "52.0841",
            "5.1104",
            "NL001234567B01",
            "info@dekoepel.nl",
            "+31 30 222 11 02",
        ),
        (
            3,
            "CrossBox Antwerpen",
            "CrossBox",
            "A-1003",
            2,
            3,
            "Noorderlaan",
            "88",
            "2030",
            "Antwerpen",
            "BE",
            "51.2397",
            "4.4149",
            "BE0712345603",
            "hello@crossbox.be",
            "+32 3 222 11 03",
        ),
        (
            4,
            "Yoga Loft Amsterdam",
            "Yoga Loft",
            "A-1004",
            1,
            2,
            "Overtoom",
            "301",
            "1054 HW",
            "Amsterdam",
            "NL",
            "52.3606",
            "4.8632",
            "NL001234567B04",
            "namaste@yogaloft.nl",
            "+31 20 222 11 04",
        ),
        (
            5,
            "Kantoorpark Mechelen NV",
            "Kantoorpark",
            "A-1005",
            3,
            1,
            "Schaliënhoevedreef",
            "20",
            "2800",
            "Mechelen",
            "BE",
            "51.0119",
            "4.4857",
            "BE0712345605",
            "facility@kantoorpark.be",
            "+32 15 222 11 05",
        ),
        (
            6,
            "Padelclub Leuven",
            "Padel Leuven",
            "A-1006",
            2,
            3,
            "Tervuursevest",
            "101",
            "3001",
            "Leuven",
            "BE",
            "50.8703",
            "4.6934",
            "BE0712345606",
            "info@padelleuven.be",
            "+32 16 222 11 06",
        ),
        (
            7,
            "Zwembad De Reiger Brugge",
            "De Reiger",
            "A-1007",
            2,
            1,
            "Sint-Pieterskaai",
            "3",
            "8000",
            "Brugge",
            "BE",
            "51.2215",
            "3.2245",
            "BE0712345607",
            "info@dereiger.be",
            "+32 50 222 11 07",
        ),
        (
            8,
            "Healthclub Rotterdam Zuid",
            "HC Zuid",
            "A-1008",
            1,
            2,
            "Laan op Zuid",
            "44",
            "3072 AA",
            "Rotterdam",
            "NL",
            "51.9052",
            "4.4916",
            "NL001234567B08",
            "welkom@hczuid.nl",
            "+31 10 222 11 08",
        ),
        (
            9,
            "Boxing Gym Hasselt",
            "BGH",
            "A-1009",
            2,
            3,
            "Kuringersteenweg",
            "7",
            "3500",
            "Hasselt",
            "BE",
            "50.9340",
            "5.3280",
            "BE0712345609",
            "info@bgh.be",
            "+32 11 222 11 09",
        ),
        (
            10,
            "Wellness Eindhoven",
            "Wellness EHV",
            "A-1010",
            1,
            4,
            "Stratumseind",
            "60",
            "5611 ET",
            "Eindhoven",
            "NL",
            "51.4380",
            "5.4790",
            "NL001234567B10",
            "info@wellness-ehv.nl",
            "+31 40 222 11 10",
        ),
    ];
    for (
        id,
        name,
        alt,
        number,
        typeid,
        userid,
        street,
        nr,
        zip,
        city,
        country,
        lat,
        lon,
        vat,
        email,
        phone,
    ) in accounts
    {
        let a = address(street, nr, zip, city, country, lat, lon);
        let mut rec = create(
            s,
            Resource::Accounts,
            id,
            json!({
                "name": name, "alt_name": alt, "typeid": typeid, "number": number, "userid": userid,
                "phone": phone, "cellphone": null, "email": email,
                "url": format!("https://www.{}", email.split('@').nth(1).unwrap_or("example.be")),
                "vatno": vat, "active": i64::from(id != 6), "info": "", "uservisitintervalweeks": 4,
                "addresses": {"visiting": a, "postal": a, "invoice": a, "delivery": a},
                "tags": if typeid == 1 { json!([{"id": 2}]) } else { json!([]) },
            }),
        );
        rec.set("department", Json::Null);
        rec.set("externalkey", Json::str(format!("EXT-A{id:03}")));
        for f in [
            "cellphone",
            "fax",
            "socialmedia_fb",
            "socialmedia_tw",
            "socialmedia_li",
            "alternateuserid",
        ] {
            rec.set(f, Json::Null);
        }
        rec.set("alternateuservisitintervalweeks", Json::Null);
        s.accounts.insert(id, rec);
    }
    let contacts = [
        (1, 1, "Tom", "De Smet", "Zaakvoerder", 1),
        (2, 1, "Evi", "Claes", "Office manager", 0),
        (3, 2, "Daan", "Bakker", "Directeur", 1),
        (4, 3, "Jens", "Willems", "Head coach", 1),
        (5, 4, "Femke", "Visser", "Eigenaar", 1),
        (6, 5, "Karel", "Goossens", "Facility manager", 1),
        (7, 6, "Nathalie", "Wouters", "Voorzitter", 1),
        (8, 7, "Bram", "Mertens", "Bedrijfsleider", 1),
        (9, 8, "Sanne", "Jansen", "Clubmanager", 1),
        (10, 9, "Yannick", "Dubois", "Trainer", 1),
        (11, 10, "Lieke", "Smit", "Eigenaar", 1),
        (12, 2, "Ruben", "Mulder", "Financieel", 0),
    ];
    for (id, account, name, surname, function, primary) in contacts {
        let email = format!(
            "{}.{}@example.org",
            name.to_lowercase(),
            surname.to_lowercase().replace(' ', "")
        );
        let rec = create(
            s,
            Resource::Contacts,
            id,
            json!({
                "name": name, "surname": surname, "function": function, "department": null,
                "email": email, "officephone": format!("+32 9 300 00 {id:02}"),
                "cellphone": format!("+32 470 00 00 {id:02}"), "title": function,
                "accountid": account, "primarycontact": primary, "active": 1,
            }),
        );
        s.contacts.insert(id, rec);
    }
    for account in 1..=10 {
        let list: Vec<Json> = s
            .contacts
            .iter()
            .filter(|(_, c)| c.get("account").and_then(|a| a.int_at("id")) == Some(account))
            .filter_map(|(id, _)| s.primary_contact_ref(*id, true))
            .collect();
        if let Some(a) = s.accounts.get_mut(&account) {
            a.set("contacts", Json::Arr(list));
        }
    }
    // (id, account, contact, title, user, type, status, value, estimate, close date, win, lost)
    #[allow(clippy::type_complexity)]
    let opps: [(
        i64,
        i64,
        i64,
        &str,
        i64,
        i64,
        i64,
        f64,
        i64,
        &str,
        Option<i64>,
        Option<i64>,
    ); 12] = [
        (
            1,
            1,
            1,
            "Jaarcontract ledenbeheer",
            1,
            1,
            1,
            4800.0,
            1,
            "2025-04-30",
            None,
            None,
        ),
        (
            2,
            2,
            3,
            "Toegangscontrole twee vestigingen",
            2,
            1,
            2,
            12500.0,
            2,
            "2025-04-15",
            None,
            None,
        ),
        (
            3,
            3,
            4,
            "Start-up pakket",
            3,
            1,
            3,
            2400.0,
            4,
            "2025-03-31",
            None,
            None,
        ),
        (
            4,
            4,
            5,
            "Online boekingen",
            2,
            1,
            4,
            3600.0,
            5,
            "2025-02-28",
            Some(2),
            None,
        ),
        (
            5,
            6,
            7,
            "Padelbaan reserveringen",
            3,
            1,
            5,
            1800.0,
            1,
            "2025-02-20",
            None,
            Some(1),
        ),
        (
            6,
            7,
            8,
            "Zwembadkassa",
            1,
            1,
            2,
            9900.0,
            3,
            "2025-05-15",
            None,
            None,
        ),
        (
            7,
            8,
            9,
            "Ledenapp",
            2,
            1,
            3,
            7200.0,
            3,
            "2025-04-01",
            None,
            None,
        ),
        (
            8,
            1,
            2,
            "Extra vestiging Gent-Zuid",
            1,
            2,
            6,
            3000.0,
            2,
            "2025-06-30",
            None,
            None,
        ),
        (
            9,
            4,
            5,
            "Yoga-studio Utrecht",
            2,
            2,
            7,
            2500.0,
            3,
            "2025-05-31",
            None,
            None,
        ),
        (
            10,
            5,
            6,
            "Bedrijfsfitness uitbreiding",
            1,
            2,
            8,
            6000.0,
            5,
            "2025-01-31",
            Some(3),
            None,
        ),
        (
            11,
            9,
            10,
            "Tweede boksring",
            3,
            2,
            9,
            1500.0,
            1,
            "2025-02-10",
            None,
            Some(3),
        ),
        (
            12,
            10,
            11,
            "Sauna-module",
            4,
            2,
            6,
            2200.0,
            2,
            "2025-07-15",
            None,
            None,
        ),
    ];
    let at = Json::str(DEMO_OPPS_AT);
    for (id, account, contact, title, user, typeid, status, value, estimate, close, win, lost) in
        opps
    {
        let mut body = json!({
            "accountid": account, "contactid": contact, "title": title,
            "description": format!("{title} voor {}", s.accounts[&account].str_at("name").unwrap_or_default()),
            "userid": user, "result": "", "value": value, "statusid": status,
            "estimatedenddate": close, "typeid": typeid, "estimateid": estimate, "sourceid": "1",
        });
        let st = &s.statuses[&status];
        let closed = st.int_at("won") == Some(1) || st.int_at("lost") == Some(1);
        body["closed"] = json!(i64::from(closed));
        if let Some(w) = win {
            body["winreasonid"] = json!(w);
        }
        if let Some(l) = lost {
            body["lostreasonid"] = json!(l);
        }
        let mut rec = create(s, Resource::Opportunities, id, body);
        rec.set("phone", Json::Null);
        let me = s.user_ref(user).unwrap_or(Json::Null);
        rec.set("regdate", at.clone());
        rec.set("reguser", me.clone());
        rec.set("reguserid", Json::int(user));
        rec.set("changedate", at.clone());
        rec.set("changeuserid", Json::int(user));
        rec.set("changeuser", me);
        s.opportunities.insert(id, rec);
    }
    // (id, account, contact, opportunity, type, date, start, stop, description, location, closed, user)
    let acts = [
        (
            1,
            1,
            1,
            Some(1),
            2,
            "2025-03-12",
            "10:00",
            "11:00",
            "Kennismaking en rondleiding",
            "Gent",
            0,
            1,
        ),
        (
            2,
            2,
            3,
            Some(2),
            1,
            "2025-03-05",
            "14:00",
            "14:30",
            "Offerte toelichten",
            "Telefoon",
            1,
            2,
        ),
        (
            3,
            3,
            4,
            Some(3),
            3,
            "2025-03-14",
            "09:30",
            "10:30",
            "Demo planning en toegangscontrole",
            "Antwerpen",
            0,
            3,
        ),
        (
            4,
            4,
            5,
            Some(4),
            4,
            "2025-02-27",
            "16:00",
            "16:15",
            "Contract nagestuurd",
            "E-mail",
            1,
            2,
        ),
        (
            5,
            7,
            8,
            Some(6),
            2,
            "2025-03-20",
            "13:00",
            "14:30",
            "Bezoek kassa-integratie",
            "Brugge",
            0,
            1,
        ),
        (
            6,
            8,
            9,
            None,
            1,
            "2025-03-11",
            "11:00",
            "11:20",
            "Opvolging nieuwsbrief",
            "Telefoon",
            0,
            2,
        ),
        (
            7,
            5,
            6,
            Some(10),
            2,
            "2025-01-28",
            "10:00",
            "12:00",
            "Ondertekening uitbreiding",
            "Mechelen",
            1,
            1,
        ),
        (
            8,
            10,
            11,
            Some(12),
            3,
            "2025-03-25",
            "15:00",
            "16:00",
            "Demo sauna-module",
            "Eindhoven",
            0,
            4,
        ),
    ];
    for (
        id,
        account,
        contact,
        opp,
        typeid,
        date,
        start,
        stop,
        description,
        location,
        closed,
        user,
    ) in acts
    {
        let mut body = json!({
            "accountid": account, "closed": closed, "description": description, "date": date,
            "location": location, "primarycontact": {"id": contact},
            "start": format!("{date}T{start}:00Z"), "starttime": start,
            "stop": format!("{date}T{stop}:00Z"), "stoptime": stop,
            "result": if closed == 1 { "Afgerond" } else { "" }, "type": {"id": typeid}, "userid": user,
            "externalkey": format!("EXT-ACT{id:03}"),
        });
        if let Some(o) = opp {
            body["opportunity"] = json!({"id": o});
        }
        let rec = create(s, Resource::Activities, id, body);
        s.activities.insert(id, rec);
    }
    let leads = [
        (
            1,
            "Mevr.",
            "Anke",
            "Vermeulen",
            "Fit & Fun Aalst",
            "Aalst",
            1,
            1,
            1,
            3,
            2500.0,
        ),
        (
            2,
            "Dhr.",
            "Koen",
            "Hermans",
            "Gym 24 Genk",
            "Genk",
            2,
            2,
            3,
            4,
            4000.0,
        ),
        (
            3,
            "Mevr.",
            "Marieke",
            "de Boer",
            "Pilates Haarlem",
            "Haarlem",
            1,
            1,
            2,
            2,
            1800.0,
        ),
        (
            4,
            "Dhr.",
            "Wim",
            "Van Damme",
            "Squashclub Kortrijk",
            "Kortrijk",
            3,
            3,
            1,
            1,
            1200.0,
        ),
        (
            5,
            "Mevr.",
            "Julie",
            "Lambert",
            "Dansstudio Namen",
            "Namur",
            1,
            1,
            4,
            2,
            900.0,
        ),
        (
            6,
            "Dhr.",
            "Thijs",
            "van Dijk",
            "Bootcamp Den Haag",
            "Den Haag",
            2,
            2,
            2,
            5,
            3000.0,
        ),
        (
            7,
            "Mevr.",
            "Sarah",
            "Jacobs",
            "Kickboks Oostende",
            "Oostende",
            3,
            3,
            1,
            3,
            1500.0,
        ),
        (
            8,
            "Dhr.",
            "Lars",
            "Meijer",
            "Climbing Nijmegen",
            "Nijmegen",
            4,
            2,
            3,
            4,
            6000.0,
        ),
        (
            9,
            "Mevr.",
            "Ines",
            "Desmet",
            "Yoga Brussel",
            "Brussel",
            1,
            1,
            2,
            2,
            1100.0,
        ),
        (
            10,
            "Dhr.",
            "Gert",
            "Pauwels",
            "Tennisclub Lier",
            "Lier",
            1,
            3,
            1,
            3,
            2000.0,
        ),
    ];
    let from: DateTime<Utc> = DEMO_LEADS_FROM.parse().expect("instant");
    for (id, title, name, surname, company, city, source, user, status, rating, value) in leads {
        let mut rec = create(
            s,
            Resource::Leads,
            id,
            json!({
                "contacttitle": title, "contactname": name, "contactsurname": surname,
                "contactcompany": company, "contactstreet": "Stationsstraat 1", "contactcity": city,
                "contactzip": "1000", "contactphone": format!("+32 2 400 00 {id:02}"),
                "contactcellphone": format!("+32 471 00 00 {id:02}"),
                "contactemail": format!("{}@example.org", name.to_lowercase()),
                "contactvatno": null, "value": value,
                "title": format!("Interesse {company}"), "description": "Aanvraag via de website",
                "rating": rating, "user": {"id": user}, "source": {"id": source}, "status": {"id": status},
            }),
        );
        let t = stamp(from + Duration::days(id - 1));
        rec.set("created", t.clone());
        rec.set("updated", t);
        s.leads.insert(id, rec);
    }
}

fn stamp(t: DateTime<Utc>) -> Json {
    Json::str(t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// Generated lead `n` (1-based; id 1000 + n): created `n − 1` minutes after
/// [`GENERATED_FIRST_CREATED`], owners and statuses round-robin.
pub fn generated_lead(s: &CirrusState, n: usize) -> Json {
    let from: DateTime<Utc> = GENERATED_FIRST_CREATED.parse().expect("instant");
    let t = stamp(from + Duration::minutes(n as i64 - 1));
    let mut rec = write::blank(&super::assumed::sample(Resource::Leads));
    rec.set("id", Json::int(1000 + n as i64));
    let pick = |m: &std::collections::BTreeMap<i64, Json>| {
        let keys: Vec<&i64> = m.keys().filter(|k| **k > 0).collect();
        m[keys[n % keys.len()]].clone()
    };
    for (k, v) in [
        ("contacttitle", Json::Null),
        ("contactname", Json::str(format!("Lead{n:06}"))),
        ("contactsurname", Json::str("Generated")),
        ("contactcompany", Json::str(format!("Bedrijf {n:06}"))),
        (
            "contactcity",
            Json::str(["Gent", "Antwerpen", "Utrecht", "Leuven"][n % 4]),
        ),
        ("contactemail", Json::str(format!("lead{n:06}@example.org"))),
        ("value", Json::int((n % 20) as i64 * 250)),
        ("created", t.clone()),
        ("updated", t),
        ("title", Json::str(format!("Gegenereerde lead {n}"))),
        ("description", Json::str("")),
        ("rating", Json::int((n % 5) as i64 + 1)),
        ("user", pick(&s.users)),
        ("source", pick(&s.sources)),
        ("status", pick(&s.leadstatuses)),
    ] {
        rec.set(k, v);
    }
    rec
}
