//! Clubplanner's sales process behind the sales steps (seed 000:
//! GetCurrentStep, SetStepResult, GetFreeTimeslots), against its fake:
//! the step is the vendor's, a result that books puts the appointment in
//! the vendor's calendar, and the slot picker's grid is exactly the
//! vendor's free timeslots.

mod common;

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use common::vendors::{clubplanner_sales_app, fakes};
use frontdesk_fakes::clubplanner::model::CalendarItem;
use frontdesk_fakes::daytime::DayTime;
use frontdesk_fakes::{FakeVendors, Fault, FaultKind, Vendor};
use serde_json::{Value, json};

async fn mirrored_id(app: &common::TestApp, remote: i64) -> i64 {
    sqlx::query_scalar("SELECT id FROM prospects WHERE vendor = 'clubplanner' AND remote_id = ?")
        .bind(remote.to_string())
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

/// The fake's next `weekday` after today (its clock).
fn next(fake: &FakeVendors, weekday: Weekday) -> NaiveDate {
    let today = fake
        .now()
        .with_timezone(&chrono_tz::Europe::Brussels)
        .date_naive();
    let mut d = today + Duration::days(1);
    while d.weekday() != weekday {
        d += Duration::days(1);
    }
    d
}

fn result(sales: &Value, id: i64) -> &Value {
    sales["current"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("result {id} in {sales}"))
}

/// `GET /prospects/{id}/sales`.
async fn sales_of(app: &common::TestApp, cookie: &str, id: i64) -> Value {
    let reply = app
        .get(
            &format!("/api/v1/prospects/{id}/sales?lang=nl"),
            Some(cookie),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()
}

/// `POST /prospects/{id}/sales`.
async fn choose(app: &common::TestApp, cookie: &str, id: i64, body: Value) -> common::Reply {
    app.post_json(
        &format!("/api/v1/prospects/{id}/sales?lang=nl"),
        &body.to_string(),
        Some(cookie),
    )
    .await
}

/// The picker's slots (the widget's engine over the public availability):
/// (local start `YYYY-MM-DDTHH:MM:SS`, employee id at Clubplanner).
async fn picker_slots(
    app: &common::TestApp,
    agenda: i64,
    type_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> BTreeSet<(String, i64)> {
    let reply = app
        .get(
            &format!(
                "/api/v1/public/agendas/{agenda}/availability?type_id={type_id}&from={from}&to={to}"
            ),
            None,
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let availability: frontdesk_core::slots::Availability =
        serde_json::from_value(reply.json()).unwrap();
    let grid = frontdesk_core::slots::compute(&availability).unwrap();
    let coaches: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, remote_id FROM resources WHERE agenda_id = ?")
            .bind(agenda)
            .fetch_all(&app.state.db)
            .await
            .unwrap();
    let mut out = BTreeSet::new();
    for slot in grid.slots() {
        let start = serde_json::to_value(slot.start).unwrap();
        // `2025-03-03T09:00:00+01:00`: the wall time is the first 19.
        let wall = start.as_str().unwrap()[..19].to_owned();
        for r in slot.resource_ids.iter() {
            let remote = &coaches
                .iter()
                .find(|(id, _)| id.to_string() == r)
                .unwrap()
                .1;
            out.insert((wall.clone(), remote.parse().unwrap()));
        }
    }
    out
}

/// What Clubplanner itself answers GetFreeTimeslots, over HTTP.
async fn vendor_slots(
    fake: &FakeVendors,
    date: NaiveDate,
    minutes: u32,
) -> BTreeSet<(String, i64)> {
    let url = format!(
        "{}/sales/GetFreeTimeslots?token={}&calendarid=1&date={date}&duration={minutes}",
        fake.base_url_clubplanner(),
        fake.credentials().clubplanner_token
    );
    let list: Vec<Value> = reqwest::get(url).await.unwrap().json().await.unwrap();
    list.iter()
        .map(|s| {
            (
                s["From"].as_str().unwrap().to_owned(),
                s["EmployeeId"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_step_is_the_vendors_and_its_booking_results_open_its_calendar() {
    let fake = fakes().await;
    let (app, cookie) = clubplanner_sales_app(&fake).await;
    let id = mirrored_id(&app, 64).await;
    let sales = sales_of(&app, &cookie, id).await;
    assert_eq!(sales["current"]["id"], 1091, "{sales}");
    assert_eq!(sales["current"]["results"].as_array().unwrap().len(), 7);
    let trial = result(&sales, 28);
    assert_eq!(trial["label"], "Afspraak maken voor proefles", "trimmed");
    assert_eq!(trial["action"], "book_appointment");
    let agenda = trial["agenda_id"].as_i64().unwrap();
    let (vendor, remote, name): (String, String, String) =
        sqlx::query_as("SELECT vendor, remote_id, name FROM agendas WHERE id = ?")
            .bind(agenda)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(
        (vendor.as_str(), remote.as_str(), name.as_str()),
        ("clubplanner", "1", "Verkoop")
    );
    assert_eq!(result(&sales, 27)["action"], "book_appointment");
    assert_eq!(result(&sales, 29)["action"], "none");
    assert_eq!(result(&sales, 29)["agenda_id"], Value::Null);

    // The picker reads the calendar; the widget may not book in it, and it
    // is not among the widget's agendas.
    let info = app
        .get(&format!("/api/v1/public/agendas/{agenda}"), None)
        .await;
    assert_eq!(info.status, 200);
    let types = app
        .get(&format!("/api/v1/public/agendas/{agenda}/types"), None)
        .await
        .json();
    assert!(
        types
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == trial["appointment_type_id"])
    );
    // Its coaches are the employees the configuration names, before any
    // availability was read (the picker asks "with whom?" first).
    let coaches = app
        .get(&format!("/api/v1/public/agendas/{agenda}/resources"), None)
        .await
        .json();
    let names: Vec<&str> = coaches
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Demo Brussels", "Sarah Peeters"], "{coaches}");
    let trial_type = types
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == trial["appointment_type_id"])
        .unwrap();
    assert_eq!(
        trial_type["resource_ids"].as_array().unwrap().len(),
        2,
        "{trial_type}"
    );
    let listed = app.get("/api/v1/public/agendas", None).await.json();
    assert!(
        !listed.as_array().unwrap().iter().any(|a| a["id"] == agenda),
        "{listed}"
    );
    // The plan as a whole is not something Clubplanner lists.
    app.get("/api/v1/sales/steps", Some(&cookie))
        .await
        .assert_problem(501);
}

#[tokio::test]
async fn the_pickers_grid_is_exactly_clubplanners_free_timeslots() {
    let fake = fakes().await;
    let (app, cookie) = clubplanner_sales_app(&fake).await;
    let id = mirrored_id(&app, 64).await;
    let sales = sales_of(&app, &cookie, id).await;
    let trial = result(&sales, 28);
    let (agenda, type_id) = (
        trial["agenda_id"].as_i64().unwrap(),
        trial["appointment_type_id"].as_i64().unwrap(),
    );
    // A week with the team meeting (next Monday 12:00–13:00, everyone), a
    // Saturday (one employee, mornings) and a Sunday (nobody).
    let monday = next(&fake, Weekday::Mon);
    {
        let mut s = fake.state();
        s.clubplanner.insert_calendar_item(CalendarItem {
            id: 0,
            calendar_id: 1,
            room_id: 0,
            employee_id: 5,
            prospect_id: 1,
            from: DayTime::hm(9, 40).on(monday + Duration::days(1)),
            to: DayTime::hm(10, 5).on(monday + Duration::days(1)),
            description: "Intake".into(),
            note: String::new(),
            color: String::new(),
            step_result_id: None,
            created_by: None,
        });
    }
    for minutes in [60, 45, 30] {
        sqlx::query("UPDATE appointment_types SET duration_min = ? WHERE id = ?")
            .bind(minutes)
            .bind(type_id)
            .execute(&app.state.db)
            .await
            .unwrap();
        let grid = picker_slots(&app, agenda, type_id, monday, monday + Duration::days(6)).await;
        let mut vendor = BTreeSet::new();
        for d in 0..7 {
            vendor.extend(vendor_slots(&fake, monday + Duration::days(d), minutes).await);
        }
        assert!(!vendor.is_empty());
        assert_eq!(grid, vendor, "{minutes} minutes");
    }
}

#[tokio::test]
async fn a_step_that_books_a_trial_lesson_puts_it_in_clubplanners_calendar() {
    let fake = fakes().await;
    let (app, cookie) = clubplanner_sales_app(&fake).await;
    let id = mirrored_id(&app, 64).await;
    let sales = sales_of(&app, &cookie, id).await;
    let trial = result(&sales, 28);
    let type_id = trial["appointment_type_id"].as_i64().unwrap();
    let agenda = trial["agenda_id"].as_i64().unwrap();
    let tuesday = next(&fake, Weekday::Tue);
    let sarah: i64 = {
        // The picker has shown the calendar, so its coaches are known.
        picker_slots(&app, agenda, type_id, tuesday, tuesday).await;
        sqlx::query_scalar("SELECT id FROM resources WHERE agenda_id = ? AND remote_id = '5'")
            .bind(agenda)
            .fetch_one(&app.state.db)
            .await
            .unwrap()
    };
    let start = DayTime::hm(10, 0)
        .on(tuesday)
        .and_local_timezone(chrono_tz::Europe::Brussels)
        .unwrap();
    let end = start + Duration::minutes(60);
    fake.clear_requests();
    let reply = choose(
        &app,
        &cookie,
        id,
        json!({
            "result_id": 28,
            "note": "Wil graag yoga proberen",
            "appointment": {
                "type_id": type_id,
                "resource_id": sarah.to_string(),
                "start": start.to_rfc3339(),
                "end": end.to_rfc3339(),
            }
        }),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        reply.json()["current"]["id"],
        1093,
        "on to the trial lesson step"
    );

    let state = fake.snapshot().clubplanner;
    let item = state
        .calendar_items
        .values()
        .find(|i| i.prospect_id == 64 && i.step_result_id == Some(28))
        .expect("the appointment is in Clubplanner's calendar");
    assert_eq!(item.calendar_id, 1);
    assert_eq!(item.employee_id, 5);
    assert_eq!(item.room_id, 1);
    assert_eq!(
        item.from,
        DayTime::hm(10, 0).on(tuesday),
        "Brussels wall time"
    );
    assert_eq!(item.to, DayTime::hm(11, 0).on(tuesday));
    assert_eq!(item.note, "Wil graag yoga proberen");
    assert_eq!(
        item.created_by.as_deref(),
        Some("desk@club.be"),
        "`from` names the staff member"
    );
    let set = fake
        .requests_to(Vendor::Clubplanner)
        .into_iter()
        .find(|r| r.method.eq_ignore_ascii_case("SetStepResult"))
        .unwrap();
    for name in [
        "id",
        "stepresultid",
        "employeeid",
        "plannedemployeeid",
        "fromdate",
        "todate",
        "calendarid",
        "roomid",
        "note",
        "from",
    ] {
        assert!(set.param(name).is_some(), "{name} in {:?}", set.params);
    }
    assert_eq!(
        set.param("fromdate"),
        Some(format!("{tuesday}T10:00:00").as_str())
    );

    // Booked: that hour is no longer Sarah's to give.
    let after = picker_slots(&app, agenda, type_id, tuesday, tuesday).await;
    assert!(!after.contains(&(format!("{tuesday}T10:00:00"), 5)));
}

#[tokio::test]
async fn a_slot_taken_at_clubplanner_meanwhile_books_nothing() {
    let fake = fakes().await;
    let (app, cookie) = clubplanner_sales_app(&fake).await;
    let id = mirrored_id(&app, 64).await;
    let sales = sales_of(&app, &cookie, id).await;
    let type_id = result(&sales, 28)["appointment_type_id"].as_i64().unwrap();
    let wednesday = next(&fake, Weekday::Wed);
    // Someone at Clubplanner books both employees at 14:00 first.
    for employee in [1, 5] {
        fake.state().clubplanner.insert_calendar_item(CalendarItem {
            id: 0,
            calendar_id: 1,
            room_id: 0,
            employee_id: employee,
            prospect_id: 1,
            from: DayTime::hm(14, 0).on(wednesday),
            to: DayTime::hm(15, 0).on(wednesday),
            description: "Rondleiding".into(),
            note: String::new(),
            color: String::new(),
            step_result_id: None,
            created_by: None,
        });
    }
    let items_before = fake.snapshot().clubplanner.calendar_items.len();
    let start = DayTime::hm(14, 0)
        .on(wednesday)
        .and_local_timezone(chrono_tz::Europe::Brussels)
        .unwrap();
    let reply = choose(
        &app,
        &cookie,
        id,
        json!({
            "result_id": 28,
            "appointment": {
                "type_id": type_id,
                "start": start.to_rfc3339(),
                "end": (start + Duration::minutes(60)).to_rfc3339(),
            }
        }),
    )
    .await;
    reply.assert_problem(409);
    let state = fake.snapshot().clubplanner;
    assert_eq!(state.calendar_items.len(), items_before, "nothing booked");
    assert_eq!(
        state.current_step(64),
        1091,
        "and the prospect did not move"
    );
}

#[tokio::test]
async fn a_result_without_an_appointment_moves_the_prospect_at_clubplanner() {
    let fake = fakes().await;
    let (app, cookie) = clubplanner_sales_app(&fake).await;
    let id = mirrored_id(&app, 64).await;
    // A booking result without its appointment is refused before sending.
    let reply = choose(&app, &cookie, id, json!({ "result_id": 28 })).await;
    let problem = reply.assert_problem(422);
    assert!(problem["errors"]["appointment"].is_string(), "{problem}");
    // Clubplanner fails: nothing moved, and the page says who failed.
    fake.inject(Fault::new(Vendor::Clubplanner, FaultKind::Status).method("SetStepResult"));
    let reply = choose(&app, &cookie, id, json!({ "result_id": 32 })).await;
    let problem = reply.assert_problem(502);
    assert!(
        problem["title"].as_str().unwrap().contains("Clubplanner"),
        "{problem}"
    );
    assert_eq!(fake.snapshot().clubplanner.current_step(64), 1091);

    let reply = choose(
        &app,
        &cookie,
        id,
        json!({ "result_id": 32, "note": "Te duur" }),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.json()["current"], Value::Null, "the process is over");
    let state = fake.snapshot().clubplanner;
    let last = state.step_results.last().unwrap();
    assert_eq!(
        (last.prospect_id, last.result_id, last.note.as_str()),
        (64, 32, "Te duur")
    );
    // A result of a step the prospect left is refused by name.
    let reply = choose(&app, &cookie, id, json!({ "result_id": 29 })).await;
    reply.assert_problem(422);
}

#[tokio::test]
async fn the_calendar_shows_clubplanners_items_of_each_day_read() {
    let fake = fakes().await;
    let table = common::vendors::clubplanner_table(&fake);
    let app = common::app_with(move |s, _| {
        use frontdesk_server::connectors::Capability;
        s.connectors
            .insert(Capability::Prospects, "clubplanner".into());
        s.connectors
            .insert(Capability::Agenda, "clubplanner".into());
        s.vendors.clubplanner = Some(table);
    })
    .await;
    common::vendors::sync(&app).await;
    let cookie = common::staff_cookie(&app).await;
    fake.clear_requests();
    // The seed's GetCalendarItems date: its team meeting, and prospect
    // 64's appointment with employee 1.
    let list = app
        .get(
            "/api/v1/appointments?from=2025-11-19&to=2025-11-19",
            Some(&cookie),
        )
        .await;
    assert_eq!(list.status, 200, "{}", list.text());
    let items = list.json()["items"].as_array().unwrap().clone();
    let shown: Vec<(String, String, Value)> = items
        .iter()
        .map(|i| {
            (
                i["start_time"].as_str().unwrap().to_owned(),
                i["name"].as_str().unwrap().to_owned(),
                i["resource_name"].clone(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                "10:00".to_owned(),
                "S<s QSqs".to_owned(),
                json!("Demo Brussels")
            ),
            ("12:00".to_owned(), "Teamoverleg".to_owned(), Value::Null),
        ]
    );
    let read = fake
        .requests_to(Vendor::Clubplanner)
        .into_iter()
        .find(|r| r.method.eq_ignore_ascii_case("GetCalendarItems"))
        .unwrap();
    assert_eq!(
        read.param("date"),
        Some("19-NOV-2025"),
        "the seed's date format"
    );

    // Removed at Clubplanner: gone from the calendar at the next read.
    let gone = {
        let s = fake.snapshot();
        *s.clubplanner
            .calendar_items
            .iter()
            .find(|(_, i)| {
                i.prospect_id == 64
                    && i.from.date() == NaiveDate::from_ymd_opt(2025, 11, 19).unwrap()
            })
            .unwrap()
            .0
    };
    fake.state().clubplanner.calendar_items.remove(&gone);
    let list = app
        .get(
            "/api/v1/appointments?from=2025-11-19&to=2025-11-19",
            Some(&cookie),
        )
        .await
        .json();
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list["items"][0]["name"], "Teamoverleg");
}
