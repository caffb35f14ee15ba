//! The demo club, "Demo Brussels": seeded once when the server starts with
//! `--demo`, deterministic so screenshots and tests see the same club.

use chrono::{Datelike, Duration, NaiveTime, SecondsFormat, TimeZone, Utc};
use sqlx::{Sqlite, SqlitePool, Transaction};

use frontdesk_core::localized::Localized;
use frontdesk_core::pipeline::key_between;
use frontdesk_core::roles::Role;
use frontdesk_core::splitmix::SplitMix64;

use super::users;

pub const DEMO_EMAIL: &str = "demo@frontdesk.test";
pub const DEMO_PASSWORD: &str = "frontdesk-demo";
pub const DEMO_TIMEZONE: &str = "Europe/Brussels";
pub const DEMO_PROSPECTS: usize = 300;
/// Cards of the demo's customer lifecycle board.
pub const DEMO_CUSTOMERS: usize = 40;

const FIRST_NAMES: &[&str] = &[
    "Emma", "Noah", "Olivia", "Louis", "Louise", "Arthur", "Mila", "Jules", "Elise", "Lucas",
    "Nora", "Adam", "Lina", "Victor", "Juliette", "Liam", "Marie", "Mohamed", "Sofia", "Finn",
    "Camille", "Gabriel", "Ines", "Matteo", "Fleur", "Vince", "Yasmine", "Lotte", "Thibault",
    "Zoë",
];
const LAST_NAMES: &[&str] = &[
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Martin",
    "Leclercq",
    "El Amrani",
    "Van den Broeck",
    "Vermeulen",
    "Desmet",
    "Hermans",
    "Michiels",
    "Lemmens",
    "Renard",
    "Simon",
    "Laurent",
];
const CITIES: &[(&str, &str)] = &[
    ("1000", "Brussel"),
    ("1050", "Elsene"),
    ("1060", "Sint-Gillis"),
    ("1030", "Schaarbeek"),
    ("1080", "Molenbeek"),
    ("1180", "Ukkel"),
    ("1200", "Sint-Lambrechts-Woluwe"),
    ("1070", "Anderlecht"),
];
const STREETS: &[&str] = &[
    "Louizalaan",
    "Wetstraat",
    "Rue Haute",
    "Chaussée d'Ixelles",
    "Avenue Louise",
    "Kerkstraat",
    "Rue Royale",
    "Vlaamsesteenweg",
];
const SOURCES: &[(&str, &[&str])] = &[
    ("Flyer", &["Station Centraal", "Supermarket", "Campus"]),
    (
        "Website",
        &["Contact form", "Trial offer page", "Google Ads"],
    ),
    ("Walk-in", &[""]),
    ("Referral", &["Member", "Staff"]),
    ("Facebook", &["Lead ad", "Messenger"]),
    ("Instagram", &["Story ad"]),
];
const STATUSES: &[&str] = &[
    "new",
    "contacted",
    "tour_booked",
    "trial",
    "member",
    "not_interested",
];
const TAGS: &[&str] = &[
    "student",
    "corporate",
    "personal-training",
    "group-classes",
    "weight-loss",
    "morning",
    "evening",
];
const NEXT_ACTIONS: &[&str] = &[
    "Call back",
    "Send price list",
    "Confirm tour",
    "Follow up after trial",
    "Ask for referral",
];
/// The demo team, one of each role (each signs in with `DEMO_PASSWORD`):
/// the demo account runs the club; Lucie at the desk shows what a desk
/// account cannot do.
const STAFF: &[(&str, &str, Role)] = &[
    (DEMO_EMAIL, "Demo Manager", Role::Owner),
    ("sarah@frontdesk.test", "Sarah Peeters", Role::Manager),
    ("tom@frontdesk.test", "Tom Janssens", Role::Sales),
    ("lucie@frontdesk.test", "Lucie Dubois", Role::Desk),
];

/// The demo must not change between runs: a deterministic generator.
struct Rng(SplitMix64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0.below(n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.0.below(100) < percent
    }
}

/// Seeds the demo club unless it was seeded before. Returns whether it did.
pub async fn seed_demo(db: &SqlitePool) -> anyhow::Result<bool> {
    seed_demo_with(db, DEMO_PROSPECTS).await
}

/// The demo club with `prospects` prospects (benchmarks ask for more).
pub async fn seed_demo_with(db: &SqlitePool, prospects: usize) -> anyhow::Result<bool> {
    let done: Option<(String,)> =
        sqlx::query_as("SELECT value FROM settings WHERE key = 'demo_seeded'")
            .fetch_optional(db)
            .await?;
    if done.is_some() {
        return Ok(false);
    }
    let mut staff_ids = Vec::new();
    for (email, name, role) in STAFF {
        let id = match users::create(db, email, name, *role, DEMO_PASSWORD).await {
            Ok(user) => user.id,
            Err(users::UserError::Exists) => {
                sqlx::query_scalar("SELECT id FROM staff_users WHERE email = ?")
                    .bind(*email)
                    .fetch_one(db)
                    .await?
            }
            Err(e) => return Err(e.into()),
        };
        staff_ids.push(id);
    }

    let mut tx = super::begin_write(db).await?;
    let mut rng = Rng(SplitMix64(0x00F0_0D5E_ED00_2026));
    settings(&mut tx).await?;
    let prospect_ids = seed_prospects(&mut tx, &mut rng, &staff_ids, prospects).await?;
    agenda(&mut tx, &mut rng, &prospect_ids).await?;
    pipelines(&mut tx, &mut rng, &staff_ids, &prospect_ids).await?;
    translate_pipeline(&mut tx).await?;
    super::sales_seed::seed(&mut tx, &staff_ids).await?;
    sqlx::query("INSERT INTO settings (key, value) VALUES ('demo_seeded', ?)")
        .bind(super::now_rfc3339())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

async fn settings(tx: &mut Transaction<'_, Sqlite>) -> sqlx::Result<()> {
    for (key, value) in [("club_name", "Demo Brussels"), ("timezone", DEMO_TIMEZONE)] {
        sqlx::query("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)")
            .bind(key)
            .bind(value)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub(super) fn ts(t: chrono::DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

async fn seed_prospects(
    tx: &mut Transaction<'_, Sqlite>,
    rng: &mut Rng,
    staff: &[i64],
    count: usize,
) -> sqlx::Result<Vec<i64>> {
    let now = Utc::now();
    let mut ids = Vec::with_capacity(count);
    for i in 0..count {
        // The first prospect is Clubplanner's own sample: markup in a name
        // must show as text everywhere.
        let (first, last) = if i == 0 {
            ("S<s".to_owned(), "QSqs".to_owned())
        } else {
            (
                rng.pick(FIRST_NAMES).to_string(),
                rng.pick(LAST_NAMES).to_string(),
            )
        };
        let (zip, city) = *rng.pick(CITIES);
        let (source, subs) = *rng.pick(SOURCES);
        let sub_source = *rng.pick(subs);
        let created = now - Duration::minutes(rng.below(180 * 24 * 60) as i64);
        let email = format!(
            "{}.{}{}@example.be",
            ascii_slug(&first),
            ascii_slug(&last),
            i
        );
        // Stored as E.164, as every number Frontdesk writes (issue #21).
        let mobile = format!(
            "+324{:02}{:02}{:02}{:02}",
            70 + rng.below(30),
            rng.below(100),
            rng.below(100),
            rng.below(100)
        );
        let gender = match rng.below(10) {
            0..=4 => Some("female"),
            5..=8 => Some("male"),
            _ => None,
        };
        let birth = rng.chance(70).then(|| {
            format!(
                "{}-{:02}-{:02}",
                1960 + rng.below(45),
                1 + rng.below(12),
                1 + rng.below(28)
            )
        });
        let note = if i == 1 {
            "<script>alert('note')</script> Asked about family rates.".to_owned()
        } else if rng.chance(30) {
            "Interested in a yearly membership.".to_owned()
        } else {
            String::new()
        };
        let owner = rng.chance(85).then(|| *rng.pick(staff));
        let (next_action, due) = if rng.chance(60) {
            let due = now + Duration::days(rng.below(21) as i64 - 7);
            (
                rng.pick(NEXT_ACTIONS).to_string(),
                Some(due.date_naive().to_string()),
            )
        } else {
            (String::new(), None)
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO prospects (first_name, last_name, gender, birth_date, address, zip, city, email, \
             mobile, phone, language, source, sub_source, note, owner_id, status, next_action, \
             next_action_due, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&first)
        .bind(&last)
        .bind(gender)
        .bind(birth)
        .bind(format!("{} {}", rng.pick(STREETS), 1 + rng.below(180)))
        .bind(zip)
        .bind(city)
        .bind(email)
        .bind(mobile)
        .bind(*rng.pick(&["nl", "fr", "en"]))
        .bind(source)
        .bind(sub_source)
        .bind(note)
        .bind(owner)
        .bind(*rng.pick(STATUSES))
        .bind(next_action)
        .bind(due)
        .bind(ts(created))
        .bind(ts(created))
        .fetch_one(&mut **tx)
        .await?;
        for _ in 0..rng.below(3) {
            sqlx::query("INSERT OR IGNORE INTO prospect_tags (prospect_id, tag) VALUES (?, ?)")
                .bind(id)
                .bind(*rng.pick(TAGS))
                .execute(&mut **tx)
                .await?;
        }
        ids.push(id);
    }
    Ok(ids)
}

fn ascii_slug(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'ë' | 'é' | 'è' => Some('e'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

async fn agenda(
    tx: &mut Transaction<'_, Sqlite>,
    rng: &mut Rng,
    prospects: &[i64],
) -> sqlx::Result<()> {
    let agenda: i64 = sqlx::query_scalar(
        "INSERT INTO agendas (name, timezone, align_grid_min, requires_confirmation, cancel_cutoff_min) \
         VALUES ('Demo Brussels', ?, 15, 1, 120) RETURNING id",
    )
    .bind(DEMO_TIMEZONE)
    .fetch_one(&mut **tx)
    .await?;

    let mut coaches = Vec::new();
    for name in [
        "Anna (coach)",
        "Bram (coach)",
        "Chloé (coach)",
        "Driss (coach)",
    ] {
        coaches.push(resource(tx, agenda, name, "coach").await?);
    }
    let studio = resource(tx, agenda, "Studio 1", "room").await?;
    let _studio2 = resource(tx, agenda, "Studio 2", "room").await?;

    // (name, description, duration, buffer, notice, scheduling, capacity, price)
    let types = [
        (
            "Club tour",
            "A 30-minute walk through the club with a coach.",
            30,
            0,
            60,
            "resource",
            1,
            0,
        ),
        (
            "Trial lesson",
            "One hour of training with a coach, free for new members.",
            60,
            15,
            120,
            "resource",
            1,
            0,
        ),
        (
            "Personal-training intake",
            "Goals, health check and a plan, with your future coach.",
            45,
            15,
            240,
            "resource",
            1,
            2500,
        ),
        (
            "Spinning (group class)",
            "45 minutes of indoor cycling in Studio 1.",
            45,
            0,
            60,
            "capacity",
            12,
            1200,
        ),
    ];
    let mut type_ids = Vec::new();
    for (name, description, duration, buffer, notice, scheduling, capacity, price) in types {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO appointment_types (agenda_id, name, description, duration_min, buffer_min, \
             min_notice_min, max_ahead_min, scheduling, capacity, price_cents) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(agenda)
        .bind(name)
        .bind(description)
        .bind(duration)
        .bind(buffer)
        .bind(notice)
        // Trial lessons are bookable a year ahead (a member planning after
        // a move, a gift); the rest 60 days. The year also keeps a summer
        // and a winter date bookable whenever the tests run.
        .bind(if name == "Trial lesson" { 366 * 24 * 60 } else { 60 * 24 * 60 })
        .bind(scheduling)
        .bind(capacity)
        .bind(price)
        .fetch_one(&mut **tx)
        .await?;
        let (names, descriptions) = translated(name);
        sqlx::query("UPDATE appointment_types SET translations = ? WHERE id = ?")
            .bind(super::agenda::type_translations(&names, &descriptions))
            .bind(id)
            .execute(&mut **tx)
            .await?;
        let linked: &[i64] = if scheduling == "capacity" {
            std::slice::from_ref(&studio)
        } else {
            &coaches
        };
        for r in linked {
            sqlx::query(
                "INSERT INTO appointment_type_resources (type_id, resource_id) VALUES (?, ?)",
            )
            .bind(id)
            .bind(r)
            .execute(&mut **tx)
            .await?;
        }
        type_ids.push(id);
        for (position, (key, label, kind, required)) in extra_questions(name).iter().enumerate() {
            sqlx::query(
                "INSERT INTO form_fields (type_id, key, label, labels, kind, required, position) \
                 VALUES (?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(key)
            .bind(label)
            .bind(translated_question(key).to_json())
            .bind(kind)
            .bind(required)
            .bind(position as i64)
            .execute(&mut **tx)
            .await?;
        }
    }

    // Weekly opening hours: coaches in shifts, the studio for its classes.
    let shifts: [(&[u32], &str, &str); 3] = [
        (&[1, 2, 3, 4, 5], "07:00", "14:00"),
        (&[1, 2, 3, 4, 5], "14:00", "22:00"),
        (&[6, 7], "09:00", "17:00"),
    ];
    // (coach, weekday, start, end): the appointments below are placed in these.
    let mut hours: Vec<(i64, u32, &str, &str)> = Vec::new();
    for (i, coach) in coaches.iter().enumerate() {
        for (j, (days, start, end)) in shifts.iter().enumerate() {
            // Every coach works weekends; weekday shifts alternate.
            if j < 2 && (i + j) % 2 == 1 {
                continue;
            }
            for day in *days {
                block(tx, agenda, Some(*coach), i64::from(*day), start, end).await?;
                hours.push((*coach, *day, start, end));
            }
        }
    }
    for (day, start, end) in [
        (1, "19:00", "19:45"),
        (3, "19:00", "19:45"),
        (6, "10:00", "10:45"),
    ] {
        block(tx, agenda, Some(studio), day, start, end).await?;
    }

    // Existing appointments in the coming two weeks, each with a coach who
    // works then and is free: not in another appointment, nor in the
    // buffer after one (the slot engine keeps that gap too).
    let tz: chrono_tz::Tz = DEMO_TIMEZONE.parse().expect("known zone");
    let today = Utc::now().with_timezone(&tz).date_naive();
    // (coach, start, end plus the type's buffer), UTC.
    let mut taken: Vec<(i64, chrono::DateTime<Utc>, chrono::DateTime<Utc>)> = Vec::new();
    for n in 0..40 {
        let date = today + Duration::days(1 + (n % 14) as i64);
        let weekday = date.weekday().number_from_monday();
        let weekend = weekday >= 6;
        let hour = if weekend {
            9 + rng.below(7)
        } else {
            8 + rng.below(12)
        } as u32;
        let Some(start) = tz
            .from_local_datetime(
                &date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).expect("valid")),
            )
            .earliest()
        else {
            continue;
        };
        // A tour, a trial or an intake: the coaches' types.
        let type_idx = rng.below(3);
        let (_, _, minutes, buffer, ..) = types[type_idx];
        let prospect = *rng.pick(prospects);
        let (start, end) = (
            start.with_timezone(&Utc),
            (start + Duration::minutes(minutes)).with_timezone(&Utc),
        );
        let (from, to) = (
            format!("{hour:02}:00"),
            (start + Duration::minutes(minutes))
                .with_timezone(&tz)
                .format("%H:%M")
                .to_string(),
        );
        let busy_until = end + Duration::minutes(buffer);
        let free: Vec<i64> = coaches
            .iter()
            .copied()
            .filter(|c| {
                hours.iter().any(|(coach, day, open, close)| {
                    coach == c && *day == weekday && *open <= from.as_str() && to.as_str() <= *close
                })
            })
            .filter(|c| {
                !taken
                    .iter()
                    .any(|(coach, s, e)| coach == c && *s < busy_until && start < *e)
            })
            .collect();
        if free.is_empty() {
            continue;
        }
        let coach = *rng.pick(&free);
        taken.push((coach, start, busy_until));
        let name: String =
            sqlx::query_scalar("SELECT first_name || ' ' || last_name FROM prospects WHERE id = ?")
                .bind(prospect)
                .fetch_one(&mut **tx)
                .await?;
        sqlx::query(
            "INSERT INTO appointments (agenda_id, type_id, resource_id, prospect_id, starts_at, ends_at, \
             persons, status, name, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, 'approved', ?, ?)",
        )
        .bind(agenda)
        .bind(type_ids[type_idx])
        .bind(coach)
        .bind(prospect)
        .bind(ts(start))
        .bind(ts(end))
        .bind(name)
        .bind(super::now_rfc3339())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The extra questions of each demo appointment type: (key, label, kind,
/// required).
fn both(nl: &str, fr: &str) -> Localized {
    Localized {
        nl: nl.into(),
        fr: fr.into(),
        en: String::new(),
    }
}

/// The demo's types in Dutch and French (the club writes them in English),
/// as a Brussels club would offer them (issue #21).
fn translated(type_name: &str) -> (Localized, Localized) {
    let (name, description) = match type_name {
        "Club tour" => (
            both("Rondleiding in de club", "Visite du club"),
            both(
                "Een wandeling van 30 minuten door de club met een coach.",
                "Une visite de 30 minutes du club avec un coach.",
            ),
        ),
        "Trial lesson" => (
            both("Proefles", "Cours d'essai"),
            both(
                "Een uur training met een coach, gratis voor nieuwe leden.",
                "Une heure d'entraînement avec un coach, gratuite pour les nouveaux membres.",
            ),
        ),
        "Personal-training intake" => (
            both("Intake personal training", "Entretien coaching personnel"),
            both(
                "Doelen, gezondheidscheck en een plan, met je toekomstige coach.",
                "Objectifs, bilan de santé et un plan, avec votre futur coach.",
            ),
        ),
        "Spinning (group class)" => (
            both("Spinning (groepsles)", "Spinning (cours collectif)"),
            both(
                "45 minuten fietsen op muziek in Studio 1.",
                "45 minutes de vélo en salle au Studio 1.",
            ),
        ),
        _ => Default::default(),
    };
    (name, description)
}

/// The demo's questions in Dutch and French, by their key.
fn translated_question(key: &str) -> Localized {
    match key {
        "goal" => both(
            "Wat is je belangrijkste doel?",
            "Quel est votre objectif principal ?",
        ),
        "health" => both(
            "Moeten we iets weten over je gezondheid?",
            "Y a-t-il quelque chose à savoir sur votre santé ?",
        ),
        "heard_from" => both(
            "Hoe heb je over ons gehoord?",
            "Comment avez-vous entendu parler de nous ?",
        ),
        _ => Localized::default(),
    }
}

fn extra_questions(type_name: &str) -> &'static [(&'static str, &'static str, &'static str, bool)] {
    match type_name {
        "Personal-training intake" => &[
            ("goal", "What is your main goal?", "textarea", true),
            (
                "health",
                "Anything we should know about your health?",
                "text",
                false,
            ),
        ],
        "Trial lesson" => &[("heard_from", "How did you hear about us?", "text", false)],
        _ => &[],
    }
}

async fn resource(
    tx: &mut Transaction<'_, Sqlite>,
    agenda: i64,
    name: &str,
    kind: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO resources (agenda_id, name, kind) VALUES (?, ?, ?) RETURNING id",
    )
    .bind(agenda)
    .bind(name)
    .bind(kind)
    .fetch_one(&mut **tx)
    .await
}

async fn block(
    tx: &mut Transaction<'_, Sqlite>,
    agenda: i64,
    resource: Option<i64>,
    weekday: i64,
    start: &str,
    end: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO availability_blocks (agenda_id, resource_id, weekday, start_time, end_time) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(agenda)
    .bind(resource)
    .bind(weekday)
    .bind(start)
    .bind(end)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn pipelines(
    tx: &mut Transaction<'_, Sqlite>,
    rng: &mut Rng,
    staff: &[i64],
    prospects: &[i64],
) -> sqlx::Result<()> {
    let deals: i64 = sqlx::query_scalar(
        "INSERT INTO pipelines (name, kind) VALUES ('Memberships', 'deals') RETURNING id",
    )
    .fetch_one(&mut **tx)
    .await?;
    // (name, colour, probability, won, lost, rotting days)
    let stages = [
        ("New lead", "#64748b", 10, false, false, Some(3)),
        ("Contacted", "#0ea5e9", 20, false, false, Some(5)),
        ("Tour booked", "#8b5cf6", 40, false, false, Some(7)),
        ("Trial", "#f59e0b", 60, false, false, Some(7)),
        ("Offer sent", "#10b981", 80, false, false, Some(10)),
        ("Won", "#16a34a", 100, true, false, None),
        ("Lost", "#dc2626", 0, false, true, None),
    ];
    let thresholds: Vec<Option<i64>> = stages.iter().map(|s| s.5).collect();
    let mut stage_ids = Vec::new();
    for (pos, (name, colour, probability, won, lost, rotting)) in stages.into_iter().enumerate() {
        stage_ids.push(
            stage(
                tx,
                deals,
                name,
                colour,
                probability,
                pos,
                won,
                lost,
                rotting,
            )
            .await?,
        );
    }
    let now = Utc::now();
    let plans = [
        "Yearly membership",
        "Monthly membership",
        "10-visit card",
        "Corporate plan",
        "Student membership",
    ];
    let values = [59_900, 4_990, 12_000, 240_000, 34_900];
    let won_stage = stage_ids[5];
    let lost_stage = stage_ids[6];
    let mut reasons = Vec::new();
    for (kind, names) in [
        (
            "won",
            &["Price", "Location", "Trial convinced", "Referral"][..],
        ),
        (
            "lost",
            &[
                "Too expensive",
                "Chose another gym",
                "No time",
                "Moved away",
                "No answer",
            ][..],
        ),
    ] {
        for (pos, name) in names.iter().enumerate() {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO close_reasons (pipeline_id, kind, name, position) VALUES (?, ?, ?, ?) RETURNING id",
            )
            .bind(deals)
            .bind(kind)
            .bind(name)
            .bind(pos as i64)
            .fetch_one(&mut **tx)
            .await?;
            reasons.push((kind, id));
        }
    }
    // Each column's cards get keys in arrival order (core::pipeline).
    let mut last_key: std::collections::HashMap<i64, String> = Default::default();
    for deal_number in 0..60 {
        let plan = rng.below(plans.len());
        let stage_index = rng.below(stage_ids.len());
        let stage = stage_ids[stage_index];
        let prospect = *rng.pick(prospects);
        let name: String =
            sqlx::query_scalar("SELECT first_name || ' ' || last_name FROM prospects WHERE id = ?")
                .bind(prospect)
                .fetch_one(&mut **tx)
                .await?;
        let changed = now
            - Duration::days(days_in_stage(
                rng.below(20),
                thresholds[stage_index],
                deal_number % 7 == 3,
            ));
        let key =
            key_between(last_key.get(&stage).map(String::as_str), None).expect("keys in order");
        last_key.insert(stage, key.clone());
        let closing = stage == won_stage || stage == lost_stage;
        let reason = closing.then(|| {
            let kind = if stage == won_stage { "won" } else { "lost" };
            let of_kind: Vec<i64> = reasons
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, id)| *id)
                .collect();
            *rng.pick(&of_kind)
        });
        let owner = *rng.pick(staff);
        let deal: i64 = sqlx::query_scalar(
            "INSERT INTO deals (pipeline_id, stage_id, title, prospect_id, value_cents, expected_close, owner_id, \
             position, stage_changed_at, created_at, updated_at, closed_at, close_reason_id) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(deals)
        .bind(stage)
        .bind(format!("{} – {name}", plans[plan]))
        .bind(prospect)
        .bind(values[plan])
        .bind((now + Duration::days(rng.below(60) as i64)).date_naive().to_string())
        .bind(owner)
        .bind(key)
        .bind(ts(changed))
        .bind(ts(changed - Duration::days(3)))
        .bind(ts(changed))
        .bind(closing.then(|| ts(changed)))
        .bind(reason)
        .fetch_one(&mut **tx)
        .await?;
        history(
            tx,
            deal,
            owner,
            "created",
            None,
            stage_ids[0],
            None,
            changed - Duration::days(3),
        )
        .await?;
        if stage != stage_ids[0] {
            history(
                tx,
                deal,
                owner,
                "moved",
                Some(stage_ids[0]),
                stage,
                reason,
                changed,
            )
            .await?;
        }
        // Open deals have a next step: some overdue, some today, some later.
        if !closing && rng.chance(80) {
            let due = now + Duration::days(rng.below(15) as i64 - 5);
            sqlx::query(
                "INSERT INTO activities (deal_id, kind, subject, due_date, created_at) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(deal)
            .bind(*rng.pick(&["call", "meeting", "task", "email"]))
            .bind(*rng.pick(NEXT_ACTIONS))
            .bind(due.date_naive().to_string())
            .bind(ts(changed))
            .execute(&mut **tx)
            .await?;
        }
    }

    let lifecycle: i64 =
        sqlx::query_scalar("INSERT INTO pipelines (name, kind) VALUES ('Customer lifecycle', 'lifecycle') RETURNING id")
            .fetch_one(&mut **tx)
            .await?;
    let lifecycle_stages = [
        ("LEAD", "#64748b", 10),
        ("PROSPECT", "#0ea5e9", 30),
        ("ACTIVE", "#8b5cf6", 60),
        ("CUSTOMER", "#16a34a", 100),
        ("INACTIVE", "#f59e0b", 0),
        ("CHURNED", "#dc2626", 0),
    ];
    let mut lifecycle_ids = Vec::new();
    for (pos, (name, colour, probability)) in lifecycle_stages.into_iter().enumerate() {
        lifecycle_ids.push(
            stage(
                tx,
                lifecycle,
                name,
                colour,
                probability,
                pos,
                false,
                false,
                None,
            )
            .await?,
        );
    }
    // Customers: the lifecycle board's cards, from the first prospects.
    let mut last_key: std::collections::HashMap<i64, String> = Default::default();
    for &prospect in prospects.iter().skip(2).take(DEMO_CUSTOMERS) {
        let (name, email): (String, String) = sqlx::query_as(
            "SELECT first_name || ' ' || last_name, email FROM prospects WHERE id = ?",
        )
        .bind(prospect)
        .fetch_one(&mut **tx)
        .await?;
        let stage = *rng.pick(&lifecycle_ids);
        let key =
            key_between(last_key.get(&stage).map(String::as_str), None).expect("keys in order");
        last_key.insert(stage, key.clone());
        let changed = now - Duration::days(rng.below(60) as i64);
        let (action, due) = if rng.chance(60) {
            (
                rng.pick(NEXT_ACTIONS).to_string(),
                Some(
                    (now + Duration::days(rng.below(15) as i64 - 5))
                        .date_naive()
                        .to_string(),
                ),
            )
        } else {
            (String::new(), None)
        };
        sqlx::query(
            "INSERT INTO customers (pipeline_id, stage_id, prospect_id, name, email, owner_id, next_action, \
             next_action_due, position, stage_changed_at, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(lifecycle)
        .bind(stage)
        .bind(prospect)
        .bind(name)
        .bind(email)
        .bind(*rng.pick(staff))
        .bind(action)
        .bind(due)
        .bind(key)
        .bind(ts(changed))
        .bind(ts(changed))
        .bind(ts(changed))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The demo's stages and reasons in Dutch and French (written in English),
/// by their name. AlphaAlpha's lifecycle statuses stay the codes it sends.
async fn translate_pipeline(tx: &mut Transaction<'_, Sqlite>) -> sqlx::Result<()> {
    const STAGES: [(&str, &str, &str); 7] = [
        ("New lead", "Nieuwe lead", "Nouveau prospect"),
        ("Contacted", "Gecontacteerd", "Contacté"),
        ("Tour booked", "Rondleiding gepland", "Visite prévue"),
        ("Trial", "Proefles", "Essai"),
        ("Offer sent", "Offerte verstuurd", "Offre envoyée"),
        ("Won", "Gewonnen", "Gagné"),
        ("Lost", "Verloren", "Perdu"),
    ];
    const REASONS: [(&str, &str, &str); 9] = [
        ("Price", "Prijs", "Prix"),
        ("Location", "Ligging", "Emplacement"),
        (
            "Trial convinced",
            "Overtuigd door de proefles",
            "Convaincu par l'essai",
        ),
        ("Referral", "Aanbeveling", "Recommandation"),
        ("Too expensive", "Te duur", "Trop cher"),
        (
            "Chose another gym",
            "Koos een andere club",
            "A choisi une autre salle",
        ),
        ("No time", "Geen tijd", "Pas le temps"),
        ("Moved away", "Verhuisd", "A déménagé"),
        ("No answer", "Geen antwoord", "Pas de réponse"),
    ];
    for (table, names) in [("stages", &STAGES[..]), ("close_reasons", &REASONS[..])] {
        for (en, nl, fr) in names {
            sqlx::query(&format!("UPDATE {table} SET labels = ? WHERE name = ?"))
                .bind(both(nl, fr).to_json())
                .bind(en)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// How long a demo deal has been in its stage, from one draw in `0..20`
/// (one draw, as before, so the rest of the seed is unchanged). A board
/// where most cards are marked as rotting teaches the desk to ignore the
/// mark: one deal in seven (`rots`, by its number, so the count does not
/// hang on the draws) is past its stage's threshold, by two days or more so
/// the club's date and UTC never disagree about it; the others are within
/// it by a day or more. Closed stages have no threshold.
fn days_in_stage(draw: usize, threshold: Option<i64>, rots: bool) -> i64 {
    let draw = draw as i64;
    match threshold {
        Some(limit) if rots => limit + 2 + draw % 10,
        Some(limit) => draw % limit.max(1),
        None => draw,
    }
}

#[allow(clippy::too_many_arguments)]
async fn history(
    tx: &mut Transaction<'_, Sqlite>,
    deal: i64,
    user: i64,
    action: &str,
    from: Option<i64>,
    to: i64,
    reason: Option<i64>,
    at: chrono::DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO card_history (card_kind, card_id, at, user_id, action, from_stage_id, to_stage_id, reason_id) \
         VALUES ('deal', ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(deal)
    .bind(ts(at))
    .bind(user)
    .bind(action)
    .bind(from)
    .bind(to)
    .bind(reason)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn stage(
    tx: &mut Transaction<'_, Sqlite>,
    pipeline: i64,
    name: &str,
    colour: &str,
    probability: i64,
    position: usize,
    won: bool,
    lost: bool,
    rotting: Option<i64>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO stages (pipeline_id, name, colour, probability, position, is_won, is_lost, rotting_days) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(pipeline)
    .bind(name)
    .bind(colour)
    .bind(probability)
    .bind(position as i64)
    .bind(won)
    .bind(lost)
    .bind(rotting)
    .fetch_one(&mut **tx)
    .await
}
