//! The Clubplanner fake's starting state.
//!
//! From the seed's samples: prospects 64 (`S<s QSqs`, unknown birth date,
//! source Flyer / Bedeling markt), 1 (John Do) and 2 (Peter Peter), step 1091
//! (see `steps`), owner 1 "Demo Brussels" (the OwnerName of the
//! UpdateProspect sample), calendars 1 and 46, room 1 and employee 5 (the ids
//! in the sample URLs). Invented: the other employees and rooms, the opening
//! hours, the calendar items, and the generated prospects.
//!
//! Opening hours (free timeslots are these minus calendar items):
//!
//! | calendar | employee | days | hours |
//! |---|---|---|---|
//! | 1 Verkoop | 1 Demo Brussels | Mon–Fri | 09:00–17:00 |
//! | 1 Verkoop | 5 Sarah Peeters | Mon–Fri | 09:00–12:00, 13:00–17:00 |
//! | 1 Verkoop | 5 Sarah Peeters | Sat | 09:00–13:00 |
//! | 46 Rondleidingen | 7 Tom Claes | Mon–Fri | 12:00–20:00 |
//! | 46 Rondleidingen | 7 Tom Claes | Sat | 09:00–13:00 |
//!
//! Calendar items: 1 (calendar 1, employee 5, prospect 2, 2025-03-01
//! 10:00–11:00, the date of the GetFreeTimeslots sample), 2 (calendar 1, no
//! employee, "Teamoverleg", 2025-11-19 12:00–13:00, the date of the
//! GetCalendarItems sample), 3 (calendar 1, employee 1, prospect 64,
//! 2025-11-19 10:00–10:30), and two relative to the fake's today: 4
//! (calendar 46, employee 7, prospect 1, next Monday 14:00–14:30) and 5
//! (calendar 1, no employee, "Teamoverleg", next Monday 12:00–13:00).
//! Prospect 2 is at step 1092 (its tour is booked); the others at 1091.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};
use chrono_tz::Europe::Brussels;

use super::model::*;
use crate::Seed;
use crate::daytime::DayTime;

pub fn state(seed: Seed, generated: usize, now: DateTime<Utc>) -> ClubplannerState {
    let mut s = ClubplannerState {
        api_user_id: 1,
        next_prospect_id: 1,
        next_calendar_item_id: 1,
        ..Default::default()
    };
    for (id, name) in [(1, "Demo Brussels"), (5, "Sarah Peeters"), (7, "Tom Claes")] {
        s.employees.insert(
            id,
            Employee {
                id,
                name: name.into(),
            },
        );
    }
    for (id, name) in [(1, "Verkoop"), (46, "Rondleidingen & proeflessen")] {
        s.calendars.insert(
            id,
            Calendar {
                id,
                name: name.into(),
            },
        );
    }
    for (id, name) in [(1, "Onthaal"), (2, "Fitnesszaal"), (3, "Studio")] {
        s.rooms.insert(
            id,
            Room {
                id,
                name: name.into(),
            },
        );
    }
    use Weekday::*;
    let weekdays = [Mon, Tue, Wed, Thu, Fri];
    let mut hours = |calendar_id, employee_id, days: &[Weekday], start, end| {
        for &weekday in days {
            s.opening_hours.push(OpeningHours {
                calendar_id,
                employee_id,
                weekday,
                start: DayTime::hm(start, 0),
                end: DayTime::hm(end, 0),
            });
        }
    };
    hours(1, 1, &weekdays, 9, 17);
    hours(1, 5, &weekdays, 9, 12);
    hours(1, 5, &weekdays, 13, 17);
    hours(1, 5, &[Sat], 9, 13);
    hours(46, 7, &weekdays, 12, 20);
    hours(46, 7, &[Sat], 9, 13);

    if seed == Seed::Empty {
        return s;
    }

    let sample_time = at(2019, 11, 1, 10, 0);
    for p in [
        sample_prospect(64, "QSqs", "S<s", 1, "Flyer", "Bedeling markt"),
        sample_prospect(1, "Do", "John", 0, "", ""),
        sample_prospect(2, "Peter", "Peter", 1, "", ""),
    ] {
        s.insert_prospect(Prospect {
            created_at: sample_time,
            modified_at: sample_time,
            ..p
        });
    }

    let today = now.with_timezone(&Brussels).date_naive();
    let next_monday = today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()));
    let items = [
        (
            1,
            1,
            5,
            2,
            at(2025, 3, 1, 10, 0),
            60,
            "Afspraak maken voor rondleiding",
        ),
        (2, 1, 0, 0, at(2025, 11, 19, 12, 0), 60, "Teamoverleg"),
        (
            3,
            1,
            1,
            64,
            at(2025, 11, 19, 10, 0),
            30,
            "Afspraak maken voor proefles",
        ),
        (
            4,
            46,
            7,
            1,
            next_monday.and_hms_opt(14, 0, 0).expect("time"),
            30,
            "Afspraak maken voor rondleiding",
        ),
        (
            5,
            1,
            0,
            0,
            next_monday.and_hms_opt(12, 0, 0).expect("time"),
            60,
            "Teamoverleg",
        ),
    ];
    for (id, calendar_id, employee_id, prospect_id, from, minutes, description) in items {
        s.insert_calendar_item(CalendarItem {
            id,
            calendar_id,
            room_id: if prospect_id == 0 { 0 } else { 1 },
            employee_id,
            prospect_id,
            from,
            to: from + Duration::minutes(minutes),
            description: description.into(),
            note: String::new(),
            color: String::new(),
            step_result_id: None,
            created_by: None,
        });
    }
    s.current_steps.insert(2, 1092);

    for i in 0..generated {
        s.insert_prospect(generated_prospect(1001 + i as i64));
    }
    s
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(h, min, 0))
        .expect("valid seed time")
}

fn sample_prospect(
    id: i64,
    name: &str,
    firstname: &str,
    status: i64,
    source: &str,
    sub_source: &str,
) -> Prospect {
    Prospect {
        id,
        owner_id: 1,
        name: name.into(),
        firstname: firstname.into(),
        male: true,
        status,
        telephone_number: String::new(),
        birth_date: unknown_birth_date(),
        address_line: String::new(),
        zip: String::new(),
        city: String::new(),
        mobile_number: String::new(),
        email_address: String::new(),
        prospect_source: source.into(),
        prospect_sub_source: sub_source.into(),
        note: String::new(),
        lang_id: String::new(),
        created_at: NaiveDateTime::default(),
        modified_at: NaiveDateTime::default(),
        modified_by: None,
    }
}

/// SplitMix64: a fixed, well-known sequence, so generated prospects are the
/// same on every run and machine.
fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

const FIRST: [(&str, bool); 24] = [
    ("Anna", false),
    ("Bram", true),
    ("Charlotte", false),
    ("Daan", true),
    ("Elise", false),
    ("Finn", true),
    ("Gitte", false),
    ("Hannes", true),
    ("Ine", false),
    ("Jonas", true),
    ("Kato", false),
    ("Lars", true),
    ("Marie", false),
    ("Noah", true),
    ("Olivia", false),
    ("Pieter", true),
    ("Zoë", false),
    ("Rune", true),
    ("Sofie", false),
    ("Thomas", true),
    ("Julie", false),
    ("Louis", true),
    ("Emma", false),
    ("Lucas", true),
];
const LAST: [&str; 20] = [
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
    "D'Hondt",
    "Vermeulen",
    "Van den Broeck",
    "Hermans",
    "Michiels",
    "Leclercq",
    "Desmet",
];
const TOWNS: [(&str, &str); 6] = [
    ("1000", "Brussel"),
    ("9000", "Gent"),
    ("2000", "Antwerpen"),
    ("3000", "Leuven"),
    ("8000", "Brugge"),
    ("1050", "Elsene"),
];
const SOURCES: [(&str, &str); 5] = [
    ("Flyer", "Bedeling markt"),
    ("Website", ""),
    ("Walk-in", ""),
    ("Facebook", "Zomeractie"),
    ("", ""),
];

/// Prospect `id` (1001, 1002, …) of `--prospects N`: the same every time.
pub fn generated_prospect(id: i64) -> Prospect {
    let r = |k: u64| splitmix((id as u64) << 8 | k);
    let (firstname, male) = FIRST[(r(1) % FIRST.len() as u64) as usize];
    let name = LAST[(r(2) % LAST.len() as u64) as usize];
    let (zip, city) = TOWNS[(r(3) % TOWNS.len() as u64) as usize];
    let (source, sub_source) = SOURCES[(r(4) % SOURCES.len() as u64) as usize];
    let has_address = r(5) % 2 == 0;
    let birth_date = if r(6) % 10 < 7 {
        NaiveDate::from_ymd_opt(1960, 1, 1).expect("date") + Duration::days((r(7) % 17_500) as i64)
    } else {
        unknown_birth_date()
    };
    let modified_at = at(2025, 1, 1, 8, 0) + Duration::minutes((r(8) % (540 * 24 * 60)) as i64);
    let local_part = format!("{firstname}.{name}")
        .to_lowercase()
        .replace([' ', '\''], "")
        .replace('ë', "e");
    Prospect {
        id,
        owner_id: [1, 5, 7][(r(9) % 3) as usize],
        name: name.into(),
        firstname: firstname.into(),
        male,
        status: (r(10) % 2) as i64,
        telephone_number: String::new(),
        birth_date,
        address_line: if has_address {
            format!("Kerkstraat {}", 1 + r(11) % 150)
        } else {
            String::new()
        },
        zip: if has_address {
            zip.into()
        } else {
            String::new()
        },
        city: if has_address {
            city.into()
        } else {
            String::new()
        },
        mobile_number: format!("04{:08}", r(12) % 100_000_000),
        email_address: format!("{local_part}{id}@example.be"),
        prospect_source: source.into(),
        prospect_sub_source: sub_source.into(),
        note: String::new(),
        lang_id: String::new(),
        created_at: modified_at,
        modified_at,
        modified_by: None,
    }
}
