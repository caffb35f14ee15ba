//! The OnlineAfspraken fake's starting state: a demo gym. Invented (the
//! seed's samples contradict one another — ids 123/124 name different
//! objects in different samples — so they are reproduced per test instead,
//! see tests/onlineafspraken.rs).
//!
//! - requiresConfirmation: 1.
//! - Agenda 1 "Demo Gym Brussel" (default, AlignGrid 15, Europe/Brussels,
//!   customers may cancel up to 24 h ahead); agenda 2 "Demo Gym Gent" (no
//!   blocks).
//! - Resources: 101 Coach Sarah, 102 Coach Tom, 103 Studio 1.
//! - Appointment types: 201 Intake (resource; 30 min + 15 buffer; 120 min to
//!   30 days ahead; Sarah, Tom), 202 Proefles (capacity 8; 60 min; 60 min to
//!   14 days ahead; Studio 1), 203 Rondleiding (resource; 30 min; Sarah,
//!   Tom), 204 Personal training (not bookable by consumers).
//! - Weekly blocks, agenda 1: Sarah Mon–Fri 09:00–12:00 and 13:00–17:00; Tom
//!   Tue and Thu 12:00–20:00, Sat 09:00–13:00; Studio 1 Wed 18:00–19:00 and
//!   Sat 10:00–11:00, for Proefles only.
//! - Fields, agenda 1: 401 Goal (Appointment, required), 402 "How did you
//!   hear about us?" (Registration, key Howdidyouhearaboutus).
//! - Customers: 501 Anna Peeters (login anna / secret123), 502 Bram
//!   Janssens, 503 Eva de Vries.
//! - Appointments, in the week after the fake's today: 601 Anna's intake
//!   with Sarah, Monday 10:00–10:30 (approved); 602 Bram's Proefles, Wednesday
//!   18:00–19:00 (approved); 603 Eva's intake, Tuesday 09:00–09:30
//!   (cancelled).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};

use super::assumed::server_time;
use super::model::*;
use crate::Seed;
use crate::daytime::DayTime;
use crate::xml::El;

pub fn state(seed: Seed, now: DateTime<Utc>) -> OnlineAfsprakenState {
    let mut s = OnlineAfsprakenState {
        next_block_id: 1,
        next_customer_id: 1,
        next_appointment_id: 1,
        ..Default::default()
    };
    if seed == Seed::Empty {
        return s;
    }
    s.requires_confirmation = true;
    for (id, name, is_default) in [(1, "Demo Gym Brussel", true), (2, "Demo Gym Gent", false)] {
        s.agendas.insert(
            id,
            Agenda {
                id,
                name: name.into(),
                date_format: "D d/m/Y".into(),
                time_format: "H:i".into(),
                align_grid: 15,
                is_default,
                booking_url: format!(
                    "https://widget.onlineafspraken.nl/consumer/booking/book/key/demo-gym/l/{id}/ln/nl/at/0/rs/0/output/html"
                ),
                time_zone: "Europe/Brussels".into(),
                cancel_min_notice_min: 24 * 60,
            },
        );
    }
    for (id, name, email) in [
        (101, "Coach Sarah", "sarah@demo-gym.example"),
        (102, "Coach Tom", "tom@demo-gym.example"),
        (103, "Studio 1", ""),
    ] {
        s.resources.insert(
            id,
            Resource {
                id,
                name: name.into(),
                code: String::new(),
                description: String::new(),
                phone: String::new(),
                mobile_phone: String::new(),
                email: email.into(),
                status: 1,
                label: 1,
            },
        );
    }
    let types = [
        // id, name, scheduling, price type, price, duration, min, max, buffer, consumer, category, category id, capacity, resources
        (
            201,
            "Intake",
            "resource",
            3,
            "0.00",
            30,
            120,
            43_200,
            15,
            true,
            "Kennismaking",
            301,
            1,
            vec![101, 102],
        ),
        (
            202,
            "Proefles",
            "capacity",
            1,
            "10.00",
            60,
            60,
            20_160,
            0,
            true,
            "Groepslessen",
            302,
            8,
            vec![103],
        ),
        (
            203,
            "Rondleiding",
            "resource",
            3,
            "0.00",
            30,
            60,
            43_200,
            0,
            true,
            "Kennismaking",
            301,
            1,
            vec![101, 102],
        ),
        (
            204,
            "Personal training",
            "resource",
            1,
            "45.00",
            60,
            0,
            0,
            0,
            false,
            "Personal Training",
            303,
            1,
            vec![101, 102],
        ),
    ];
    for (
        id,
        name,
        scheduling,
        price_type,
        price,
        duration,
        min,
        max,
        buffer,
        consumer,
        category,
        category_id,
        capacity,
        resource_ids,
    ) in types
    {
        s.appointment_types.insert(
            id,
            AppointmentType {
                id,
                name: name.into(),
                description: String::new(),
                status: 1,
                scheduling_type: scheduling.into(),
                price_type,
                price: price.into(),
                duration,
                min_time_before_appointment: min,
                max_time_before_appointment: max,
                buffer,
                can_be_booked_by_consumer: consumer,
                explicit_end_date: String::new(),
                category: category.into(),
                category_id,
                capacity,
                resource_ids,
            },
        );
    }
    use Weekday::*;
    let mut weekly =
        |days: &[Weekday], start: u16, end: u16, resource_id: i64, appointment_type_id: i64| {
            for &weekday in days {
                s.weekly_blocks.push(WeeklyBlock {
                    agenda_id: 1,
                    weekday,
                    start: DayTime::hm(start, 0),
                    end: DayTime::hm(end, 0),
                    resource_id,
                    appointment_type_id,
                    consumer_bookable: true,
                });
            }
        };
    weekly(&[Mon, Tue, Wed, Thu, Fri], 9, 12, 101, 0);
    weekly(&[Mon, Tue, Wed, Thu, Fri], 13, 17, 101, 0);
    weekly(&[Tue, Thu], 12, 20, 102, 0);
    weekly(&[Sat], 9, 13, 102, 0);
    weekly(&[Wed], 18, 19, 103, 202);
    weekly(&[Sat], 10, 11, 103, 202);

    s.fields.insert(
        401,
        Field {
            id: 401,
            agenda_id: 1,
            label: "Goal".into(),
            key: "Goal".into(),
            field_type: "Appointment".into(),
            required: true,
            appointment_type_ids: Vec::new(),
        },
    );
    s.fields.insert(
        402,
        Field {
            id: 402,
            agenda_id: 1,
            label: "How did you hear about us?".into(),
            key: "Howdidyouhearaboutus".into(),
            field_type: "Registration".into(),
            required: false,
            appointment_type_ids: Vec::new(),
        },
    );

    let created = server_time(now) - Duration::days(1);
    let customers = [
        (
            501,
            "Anna",
            "",
            "Peeters",
            "F",
            "anna.peeters@example.be",
            "0470 12 34 56",
            "Brussel",
            "1000",
            "België",
        ),
        (
            502,
            "Bram",
            "",
            "Janssens",
            "M",
            "bram.janssens@example.be",
            "0471 98 76 54",
            "Gent",
            "9000",
            "België",
        ),
        (
            503,
            "Eva",
            "de",
            "Vries",
            "F",
            "eva.devries@example.nl",
            "06 12345678",
            "Utrecht",
            "3511 AB",
            "Nederland",
        ),
    ];
    for (id, first, insertions, last, gender, email, mobile, city, zip, country) in customers {
        s.insert_customer(Customer {
            id,
            customer_type: Some("Consumer".into()),
            account_number: String::new(),
            first_name: first.into(),
            last_name: last.into(),
            insertions: insertions.into(),
            birth_date: String::new(),
            gender: gender.into(),
            street: String::new(),
            house_nr: String::new(),
            house_nr_addition: String::new(),
            zip_code: zip.into(),
            city: city.into(),
            country: country.into(),
            phone: String::new(),
            mobile_phone: mobile.into(),
            email: email.into(),
            status: 1,
            update_time: created,
            create_time: created,
            single_signon: None,
            username: (id == 501).then(|| "anna".to_string()),
            password: (id == 501).then(|| "secret123".to_string()),
            extra: if id == 501 {
                vec![El::leaf("Howdidyouhearaboutus", "Flyer")]
            } else {
                Vec::new()
            },
        });
    }

    let today = now.with_timezone(&chrono_tz::Europe::Brussels).date_naive();
    let monday = today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()));
    let at = |day: NaiveDate, h: u16, m: u16| -> NaiveDateTime { DayTime::hm(h, m).on(day) };
    let appointments = [
        (
            601,
            201,
            501,
            101,
            at(monday, 10, 0),
            30,
            15,
            1,
            2,
            "Afvallen",
        ),
        (
            602,
            202,
            502,
            103,
            at(monday + Duration::days(2), 18, 0),
            60,
            0,
            1,
            2,
            "Conditie",
        ),
        (
            603,
            201,
            503,
            101,
            at(monday + Duration::days(1), 9, 0),
            30,
            15,
            2,
            4,
            "Sterker worden",
        ),
    ];
    for (id, type_id, customer_id, resource_id, start, minutes, buffer, status, label, goal) in
        appointments
    {
        let finish = start + Duration::minutes(minutes);
        let name = s.appointment_types[&type_id].name.clone();
        s.insert_appointment(Appointment {
            id,
            agenda_id: 1,
            name,
            description: String::new(),
            start_time: start,
            finish_time: finish,
            blocked_time: finish + Duration::minutes(buffer),
            capacity: 1,
            appointment_type_id: type_id,
            customer_id,
            status,
            label,
            resources: vec![AppointmentResource {
                resource_id,
                start_time: start,
                finish_time: finish,
            }],
            create_time: created,
            update_time: created,
            extra: vec![El::leaf("Goal", goal)],
            confirmation_code: None,
            cancel_remarks: None,
        });
    }
    s
}
