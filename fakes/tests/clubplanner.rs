//! The Clubplanner fake against seed 000: its samples round-trip, and the
//! behaviour a connector relies on (token, replace-on-update, steps,
//! bookings, free timeslots).

mod common;

use chrono::{TimeZone, Utc};
use common::*;
use frontdesk_fakes::clubplanner::assumed::SLOT_GRID_MIN;
use frontdesk_fakes::{ClockSettings, FakeOptions, spawn};
use serde_json::{Value, json};

/// A fake whose clock stands in November 2019, when the samples were taken
/// (prospect 64's unknown 1900-01-01 birth date is then `Age` 119).
async fn fake_2019() -> frontdesk_fakes::FakeVendors {
    spawn(FakeOptions {
        clock: ClockSettings {
            frozen: Some(Utc.with_ymd_and_hms(2019, 11, 20, 9, 0, 0).unwrap()),
            offset_s: 0,
        },
        ..FakeOptions::default()
    })
    .await
}

fn sample_json(name: &str) -> Value {
    serde_json::from_str(&sample(&format!("clubplanner/{name}"))).unwrap()
}

#[tokio::test]
async fn get_prospect_64_is_the_sample() {
    let fake = fake_2019().await;
    // The seed's example request, as written.
    let r = get(
        &fake,
        "/clubplanner/api/Sales/GetProspect?token=DEMOTOKEN&id=64",
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(
        r.header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    assert_eq!(r.json(), sample_json("GetProspect_64.json"));
    // Field order as in the sample, too (serde_json's Value would hide it).
    let keys: Vec<&str> = r
        .body
        .split("\":")
        .filter_map(|s| s.rsplit('"').next())
        .collect();
    assert_eq!(&keys[..4], ["Id", "OwnerId", "Name", "Firstname"]);
}

#[tokio::test]
async fn get_prospects_is_the_sample() {
    let fake = fake_2019().await;
    // The sample lists prospects 1 and 2 only: it was taken before prospect
    // 64 (the GetProspect sample) existed.
    fake.state().clubplanner.prospects.remove(&64);
    let r = get(&fake, "/clubplanner/api/Sales/GetProspects?token=DEMOTOKEN").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), sample_json("GetProspects.json"));
}

#[tokio::test]
async fn get_current_step_is_the_sample() {
    let fake = fake_2019().await;
    let r = get(
        &fake,
        "/clubplanner/api/sales/GetCurrentStep?token=DEMOTOKEN&id=1",
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), sample_json("GetCurrentStep_1.json"));
    // The trailing spaces of the Dutch descriptions are the vendor's.
    assert_eq!(
        r.json()["Results"][0]["Description"],
        "Afspraak maken voor rondleiding "
    );
}

#[tokio::test]
async fn set_step_result_with_appointment_is_the_sample() {
    let fake = fake_2019().await;
    // The sample URL leaves out the prospect, the result and the employee
    // (all required); result 31 "Belmoment verplaatsen" on prospect 1 leads
    // back to step 1091, the sample's answer, and the appointment is the new
    // call moment.
    let r = get(
        &fake,
        "/clubplanner/api/Sales/SetStepResult?token=DEMOTOKEN&fromdate=2023-01-01T12:30:00&todate=2023-01-01T13:00:00&description=testdescription&calendarid=46&roomid=1&id=1&stepresultid=31&employeeid=1",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), sample_json("SetStepResult.json"));
    let state = fake.snapshot().clubplanner;
    let item = state.calendar_items.values().last().unwrap();
    assert_eq!(
        (
            item.calendar_id,
            item.room_id,
            item.employee_id,
            item.prospect_id
        ),
        (46, 1, 1, 1)
    );
    assert_eq!(item.description, "testdescription");
    assert_eq!(item.from.to_string(), "2023-01-01 12:30:00");
    assert_eq!(item.step_result_id, Some(31));
}

#[tokio::test]
async fn update_prospect_answer_is_the_sample() {
    let fake = fake_2019().await;
    let mut john = frontdesk_fakes::clubplanner::generated_prospect(9);
    john.owner_id = 5;
    fake.state().clubplanner.insert_prospect(john);
    let r = cp(
        &fake,
        "Sales/UpdateProspect",
        &[
            ("id", "9"),
            ("firstname", "John"),
            ("lastname", "Doe"),
            ("owner", "1"),
        ],
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), sample_json("UpdateProspect.json"));
}

#[tokio::test]
async fn wrong_or_missing_token_is_the_vendor_error() {
    let fake = spawn(FakeOptions::default()).await;
    for target in [
        "/clubplanner/api/Sales/GetProspect?token=WRONG&id=64",
        "/clubplanner/api/Sales/GetProspect?id=64",
        "/clubplanner/api/Sales/DeleteProspect?token=demotoken&id=64",
    ] {
        let r = get(&fake, target).await;
        assert_eq!(r.status, 400, "{target}");
        assert!(r.header("content-type").unwrap().contains("xml"));
        assert_eq!(r.xml().name, "Error");
        assert_eq!(r.xml().at("Message"), "Invalid token");
    }
    assert!(fake.snapshot().clubplanner.prospects.contains_key(&64));
}

#[tokio::test]
async fn paths_and_parameter_names_ignore_case() {
    let fake = spawn(FakeOptions::default()).await;
    for target in [
        "/clubplanner/api/sales/GetProspect?token=DEMOTOKEN&id=64",
        "/clubplanner/api/SALES/GETPROSPECT?Token=DEMOTOKEN&ID=64",
    ] {
        let r = get(&fake, target).await;
        assert_eq!(r.status, 200, "{target}");
        assert_eq!(r.json()["Id"], 64);
    }
    let r = get(
        &fake,
        "/clubplanner/api/sales/getcalendarItems?token=DEMOTOKEN&id=1&date=19-NOV-2025",
    )
    .await;
    assert_eq!(r.status, 200);
    let r = cp(&fake, "Sales/NoSuchMethod", &[]).await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn add_prospect_sample_request_and_from_is_recorded() {
    let fake = spawn(FakeOptions::default()).await;
    let r = get(
        &fake,
        "/clubplanner/api/sales/AddProspect?token=DEMOTOKEN&firstname=John&lastname=Peterson&from=frontdesk:anna",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.json(),
        json!({"Id": 65, "OwnerId": 1, "OwnerName": "Demo Brussels", "FullName": "John Peterson"})
    );
    let state = fake.snapshot().clubplanner;
    let p = &state.prospects[&65];
    assert_eq!(p.status, 0);
    assert_eq!(p.modified_by.as_deref(), Some("frontdesk:anna"));
    let change = state.changes.last().unwrap();
    assert_eq!((change.method.as_str(), change.id), ("AddProspect", 65));
    assert_eq!(change.from.as_deref(), Some("frontdesk:anna"));
    // New prospects start the sales process.
    let step = cp(&fake, "sales/GetCurrentStep", &[("id", "65")])
        .await
        .json();
    assert_eq!(step["CurrentStepId"], 1091);
}

const FULL: [(&str, &str); 15] = [
    ("firstname", "Zoë"),
    ("lastname", "D'Hondt"),
    ("addressline", "Kerkstraat 1"),
    ("city", "Gent"),
    ("zip", "9000"),
    ("email", "zoe@example.be"),
    ("mobile", "0470123456"),
    ("dayofbirth", "1990-05-17"),
    ("owner", "5"),
    ("note", "Belt na 18u"),
    ("langid", "1"),
    ("telephonenbr", "091234567"),
    ("source", "Website"),
    ("subsource", "Zomeractie"),
    ("gender", "F"),
];

#[tokio::test]
async fn update_prospect_replaces_every_field_and_clears_omitted_ones() {
    let fake = fake_2019().await;
    let mut all = vec![("id", "64")];
    all.extend_from_slice(&FULL);
    let r = cp(&fake, "Sales/UpdateProspect", &all).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.json(),
        json!({"Id": 64, "OwnerId": 5, "OwnerName": "Sarah Peeters", "FullName": "Zoë D'Hondt"})
    );
    let p = cp(&fake, "Sales/GetProspect", &[("id", "64")]).await.json();
    assert_eq!(p["Male"], false);
    assert_eq!(p["BirthDate"], "1990-05-17T00:00:00");
    assert_eq!(p["Age"], 29);
    assert_eq!(p["FullAddress"], "Kerkstraat 1, 9000 Gent");
    assert_eq!(p["TelephoneNumber"], "091234567");
    assert_eq!(p["Status"], 1, "Status is not writable and stays");

    // A connector that sends only what changed wipes the rest.
    let r = cp(
        &fake,
        "Sales/UpdateProspect",
        &[("id", "64"), ("firstname", "Zoë"), ("lastname", "Claes")],
    )
    .await;
    assert_eq!(r.status, 200);
    let p = cp(&fake, "Sales/GetProspect", &[("id", "64")]).await.json();
    assert_eq!(p["Name"], "Claes");
    for field in [
        "AddressLine",
        "City",
        "Zip",
        "EmailAddress",
        "MobileNumber",
        "TelephoneNumber",
        "ProspectSource",
        "ProspectSubSource",
        "FullAddress",
    ] {
        assert_eq!(p[field], "", "{field} must be cleared");
    }
    assert_eq!(p["BirthDate"], "1900-01-01T00:00:00");
    assert_eq!(p["Male"], true);
    assert_eq!(p["OwnerId"], 1);
    assert_eq!(fake.snapshot().clubplanner.prospects[&64].note, "");
}

#[tokio::test]
async fn update_and_delete_of_unknown_ids_fail() {
    let fake = spawn(FakeOptions::default()).await;
    let r = cp(
        &fake,
        "Sales/UpdateProspect",
        &[("id", "999"), ("lastname", "X")],
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(r.xml().at("Message").contains("999"));
    let r = cp(&fake, "Sales/DeleteProspect", &[("id", "999")]).await;
    assert_eq!(r.status, 400);
    let r = cp(&fake, "Sales/GetProspect", &[("id", "abc")]).await;
    assert_eq!(r.status, 400);
    let r = cp(
        &fake,
        "Sales/UpdateProspect",
        &[("id", "64"), ("gender", "X"), ("lastname", "Y")],
    )
    .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn delete_prospect_removes_it() {
    let fake = spawn(FakeOptions::default()).await;
    let r = get(
        &fake,
        "/clubplanner/api/Sales/DeleteProspect?token=DEMOTOKEN&id=64",
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!(true));
    assert_eq!(
        cp(&fake, "Sales/GetProspect", &[("id", "64")]).await.status,
        400
    );
    let ids: Vec<i64> = cp(&fake, "Sales/GetProspects", &[])
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["Id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [1, 2]);
}

#[tokio::test]
async fn get_prospects_filters_on_last_modification() {
    let fake = fake_2019().await;
    // Samples were last modified 2019-11-01 10:00; touch 64 now (2019-11-20).
    let r = cp(
        &fake,
        "Sales/UpdateProspect",
        &[("id", "64"), ("firstname", "S<s"), ("lastname", "QSqs")],
    )
    .await;
    assert_eq!(r.status, 200);
    let ids = |v: Value| -> Vec<i64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| p["Id"].as_i64().unwrap())
            .collect()
    };
    let all = ids(cp(&fake, "Sales/GetProspects", &[]).await.json());
    assert_eq!(all, [1, 2, 64]);
    let recent = ids(
        cp(&fake, "Sales/GetProspects", &[("fromdate", "2019-11-10")])
            .await
            .json(),
    );
    assert_eq!(recent, [64]);
    let early = ids(cp(
        &fake,
        "Sales/GetProspects",
        &[("fromdate", "2019-11-01"), ("todate", "2019-11-01")],
    )
    .await
    .json());
    assert_eq!(early, [1, 2], "a bare todate is the whole day");
    let r = cp(&fake, "Sales/GetProspects", &[("fromdate", "soon")]).await;
    assert_eq!(r.status, 400);
}

fn slot_starts(v: &Value, employee: i64) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .filter(|s| s["EmployeeId"] == employee)
        .map(|s| s["From"].as_str().unwrap()[11..16].to_string())
        .collect()
}

#[tokio::test]
async fn free_timeslots_are_opening_hours_minus_calendar_items() {
    let fake = spawn(FakeOptions::default()).await;
    assert_eq!(SLOT_GRID_MIN, 15);
    // The seed's example request: Saturday 2025-03-01, calendar 1, 60 min.
    // Employee 5 works 09:00–13:00; calendar item 1 holds 10:00–11:00.
    let r = get(
        &fake,
        "/clubplanner/api/sales/GetFreeTimeslots?token=DEMOTOKEN&date=2025-03-01&calendarid=1&duration=60",
    )
    .await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(
        slot_starts(&v, 5),
        ["09:00", "11:00", "11:15", "11:30", "11:45", "12:00"]
    );
    assert_eq!(
        v[0],
        json!({"From": "2025-03-01T09:00:00", "To": "2025-03-01T10:00:00", "EmployeeId": 5})
    );
    // The seed's second example (empid=5) is the same here.
    let r = get(
        &fake,
        "/clubplanner/api/sales/GetFreeTimeslots?token=DEMOTOKEN&date=2025-03-01&calendarid=1&duration=60&empid=5",
    )
    .await;
    assert_eq!(r.json(), v);

    // Without the calendar item, 10:00 is free again.
    let r = cp(
        &fake,
        "sales/DeleteCalendarItem",
        &[("id", "1"), ("from", "test")],
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!(true));
    let v = cp(
        &fake,
        "sales/GetFreeTimeslots",
        &[
            ("date", "2025-03-01"),
            ("calendarid", "1"),
            ("duration", "60"),
        ],
    )
    .await
    .json();
    let starts = slot_starts(&v, 5);
    assert_eq!(starts.len(), 13);
    assert!(starts.contains(&"10:00".to_string()));
    assert_eq!(
        fake.snapshot()
            .clubplanner
            .changes
            .last()
            .unwrap()
            .from
            .as_deref(),
        Some("test")
    );
}

#[tokio::test]
async fn free_timeslots_respect_items_without_employee_and_other_calendars() {
    let fake = spawn(FakeOptions::default()).await;
    // Wednesday 2025-11-19, calendar 1: item 2 "Teamoverleg" (no employee)
    // 12:00–13:00 blocks everyone; item 3 holds employee 1 10:00–10:30.
    let v = cp(
        &fake,
        "sales/GetFreeTimeslots",
        &[
            ("date", "2025-11-19"),
            ("calendarid", "1"),
            ("duration", "30"),
        ],
    )
    .await
    .json();
    let emp1 = slot_starts(&v, 1);
    assert!(!emp1.contains(&"10:00".to_string()));
    assert!(emp1.contains(&"10:30".to_string()));
    assert!(
        !emp1
            .iter()
            .any(|s| ("11:45".."13:00").contains(&s.as_str()))
    );
    let emp5 = slot_starts(&v, 5);
    assert!(emp5.contains(&"10:00".to_string()));
    assert!(
        !emp5
            .iter()
            .any(|s| ("11:45".."13:00").contains(&s.as_str()))
    );
}

#[tokio::test]
async fn booking_a_tour_moves_the_step_and_takes_the_slot() {
    let fake = spawn(FakeOptions::default()).await;
    // Result 27 (tour) books: without dates it is refused.
    let r = cp(
        &fake,
        "Sales/SetStepResult",
        &[("id", "1"), ("stepresultid", "27"), ("employeeid", "1")],
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(r.xml().at("Message").contains("fromdate"));
    assert_eq!(
        fake.snapshot().clubplanner.current_step(1),
        1091,
        "nothing changed"
    );

    let r = cp(
        &fake,
        "Sales/SetStepResult",
        &[
            ("id", "1"),
            ("stepresultid", "27"),
            ("employeeid", "1"),
            ("plannedemployeeid", "5"),
            ("fromdate", "2025-03-01T12:00:00"),
            ("todate", "2025-03-01T12:30:00"),
            ("calendarid", "1"),
            ("roomid", "2"),
            ("note", "Wil de fitnesszaal zien"),
            ("color", "#ff8800"),
            ("from", "frontdesk"),
        ],
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["CurrentStepId"], 1092);
    let step = cp(&fake, "sales/GetCurrentStep", &[("id", "1")])
        .await
        .json();
    assert_eq!(step["CurrentStepId"], 1092);
    assert_eq!(step["Description"], "Rondleiding");

    let items = cp(
        &fake,
        "sales/GetCalendarItems",
        &[("id", "1"), ("date", "01-MAR-2025")],
    )
    .await
    .json();
    let booked = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["ProspectId"] == 1)
        .expect("the booked item");
    let id = booked["Id"].clone();
    assert_eq!(
        booked,
        &json!({"Id": id, "CalendarId": 1, "RoomId": 2, "EmployeeId": 5, "ProspectId": 1,
            "From": "2025-03-01T12:00:00", "To": "2025-03-01T12:30:00",
            "Description": "Afspraak maken voor rondleiding", "Note": "Wil de fitnesszaal zien",
            "Color": "#ff8800"})
    );
    let v = cp(
        &fake,
        "sales/GetFreeTimeslots",
        &[
            ("date", "2025-03-01"),
            ("calendarid", "1"),
            ("duration", "60"),
        ],
    )
    .await
    .json();
    assert_eq!(slot_starts(&v, 5), ["09:00", "11:00"]);
    let only_emp5 = cp(
        &fake,
        "sales/GetCalendarItems",
        &[("id", "1"), ("date", "2025-03-01"), ("empid", "7")],
    )
    .await
    .json();
    assert_eq!(only_emp5, json!([]));

    // 28 is not a result of step 1092.
    let r = cp(
        &fake,
        "Sales/SetStepResult",
        &[("id", "1"), ("stepresultid", "28"), ("employeeid", "1")],
    )
    .await;
    assert_eq!(r.status, 400);
    // 34 "Lid geworden" ends the process.
    let r = cp(
        &fake,
        "Sales/SetStepResult",
        &[("id", "1"), ("stepresultid", "34"), ("employeeid", "1")],
    )
    .await;
    assert_eq!(
        r.json(),
        json!({"CurrentStepId": 0, "Description": "", "Results": []})
    );
    let r = cp(
        &fake,
        "Sales/SetStepResult",
        &[("id", "1"), ("stepresultid", "27"), ("employeeid", "1")],
    )
    .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn trial_lesson_books_too() {
    let fake = spawn(FakeOptions::default()).await;
    let r = cp(
        &fake,
        "Sales/SetStepResult",
        &[
            ("id", "64"),
            ("stepresultid", "28"),
            ("employeeid", "7"),
            ("fromdate", "2025-03-01T09:00:00"),
            ("todate", "2025-03-01T10:00:00"),
            ("calendarid", "46"),
        ],
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["CurrentStepId"], 1093);
    let state = fake.snapshot().clubplanner;
    let record = state.step_results.last().unwrap();
    assert_eq!(
        (record.prospect_id, record.result_id, record.next_step_id),
        (64, 28, 1093)
    );
    let item = &state.calendar_items[&record.calendar_item_id.unwrap()];
    assert_eq!((item.calendar_id, item.employee_id), (46, 7));
}

#[tokio::test]
async fn post_form_works_like_get() {
    let fake = spawn(FakeOptions::default()).await;
    let body = query(&[
        ("token", "DEMOTOKEN"),
        ("firstname", "Form"),
        ("lastname", "Post"),
    ]);
    let r = http(
        fake.addr(),
        "POST",
        "/clubplanner/api/Sales/AddProspect",
        Some("application/x-www-form-urlencoded"),
        body.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["FullName"], "Form Post");
}

#[tokio::test]
async fn generated_prospects_are_deterministic() {
    let options = FakeOptions {
        generated_prospects: 10_000,
        ..FakeOptions::default()
    };
    let a = spawn(options.clone()).await;
    let b = spawn(options).await;
    let list = cp(&a, "Sales/GetProspects", &[]).await;
    let v = list.json();
    assert_eq!(v.as_array().unwrap().len(), 10_003);
    assert_eq!(v[3]["Id"], 1001);
    assert_eq!(list.body, cp(&b, "Sales/GetProspects", &[]).await.body);
    let next = cp(&a, "Sales/AddProspect", &[("lastname", "Nieuw")])
        .await
        .json();
    assert_eq!(next["Id"], 11_001);
}
