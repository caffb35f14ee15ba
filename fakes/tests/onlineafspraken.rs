//! The OnlineAfspraken fake's behaviour: signing, the clock, bookings
//! (consumer and customer mode, confirmation, capacity), cancel / remove,
//! blocks, customers — on the demo state with a frozen clock.

mod common;

use chrono::{TimeZone, Utc};
use common::*;
use frontdesk_fakes::onlineafspraken::signature::{sign, signed_params, signing_string};
use frontdesk_fakes::{ClockSettings, FakeOptions, FakeVendors, Vendor, spawn};

/// Sunday 2026-03-01 09:00 in Brussels; the demo's week starts Monday 2 March
/// (Anna's intake with Sarah at 10:00–10:30, +15 min buffer).
async fn demo() -> FakeVendors {
    spawn(FakeOptions {
        clock: ClockSettings {
            frozen: Some(Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap()),
            offset_s: 0,
        },
        ..FakeOptions::default()
    })
    .await
}

fn ok(r: &HttpResponse) -> Node {
    assert_eq!(r.status, 200);
    let x = r.xml();
    assert_eq!(x.at("Status/Status"), "success", "{}", r.body);
    x
}

fn failed(r: &HttpResponse) -> String {
    assert_eq!(r.status, 200, "a failure is still HTTP 200");
    let x = r.xml();
    assert_eq!(x.at("Status/Status"), "failed", "{}", r.body);
    assert_eq!(x.children.len(), 1, "nothing after <Status>");
    x.at("Status/Message").to_string()
}

/// The test vector, computed by hand from seeds/README.md's rule
/// (Python: `hashlib.sha1(s.encode()).hexdigest()` of the string below):
///
/// parameters method=setAppointment, AgendaId=1, AppointmentTypeId=201,
/// CustomerId=501, Date=2026-03-02, StartTime=10:00, Name="Intake Anna",
/// Description="" (empty: left out), BookingMode=consumer; secret
/// DEMOSECRET; salt 1772445600. Sorted by name (byte order: upper case
/// first, so `method` is last), name then value, secret, salt, spaces
/// removed.
#[test]
fn signature_test_vector() {
    let params = [
        ("method", "setAppointment"),
        ("AgendaId", "1"),
        ("AppointmentTypeId", "201"),
        ("CustomerId", "501"),
        ("Date", "2026-03-02"),
        ("StartTime", "10:00"),
        ("Name", "Intake Anna"),
        ("Description", ""),
        ("BookingMode", "consumer"),
        ("api_key", "DEMOKEY"),
    ];
    assert_eq!(
        signing_string(params, "DEMOSECRET", "1772445600"),
        "AgendaId1AppointmentTypeId201BookingModeconsumerCustomerId501Date2026-03-02NameIntakeAnnaStartTime10:00methodsetAppointmentDEMOSECRET1772445600"
    );
    assert_eq!(
        sign(params, "DEMOSECRET", "1772445600"),
        "69767f2163f5e0d28e0ebd78c85e20f5dfa02332"
    );
}

async fn raw(fake: &FakeVendors, pairs: &[(String, String)]) -> HttpResponse {
    let pairs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    get(fake, &format!("/onlineafspraken/APIREST?{}", query(&pairs))).await
}

#[tokio::test]
async fn bad_key_signature_or_salt_is_a_failed_status() {
    let fake = demo().await;
    let now = fake.now().timestamp();
    let good = signed_params("getAgendas", &[], "DEMOKEY", "DEMOSECRET", now);
    ok(&raw(&fake, &good).await);

    let wrong_key = signed_params("getAgendas", &[], "OTHERKEY", "DEMOSECRET", now);
    assert_eq!(failed(&raw(&fake, &wrong_key).await), "Invalid api_key");
    let wrong_secret = signed_params("getAgendas", &[], "DEMOKEY", "OTHERSECRET", now);
    assert_eq!(
        failed(&raw(&fake, &wrong_secret).await),
        "Invalid api_signature"
    );
    let mut tampered = signed_params(
        "getAppointment",
        &[("Id", "601")],
        "DEMOKEY",
        "DEMOSECRET",
        now,
    );
    tampered[1].1 = "602".into();
    assert_eq!(
        failed(&raw(&fake, &tampered).await),
        "Invalid api_signature"
    );
    let mut upper = good.clone();
    upper[3].1 = upper[3].1.to_uppercase();
    assert_eq!(failed(&raw(&fake, &upper).await), "Invalid api_signature");
    let unsigned: Vec<(String, String)> = good.iter().take(3).cloned().collect();
    assert_eq!(
        failed(&raw(&fake, &unsigned).await),
        "Missing parameter api_signature"
    );
    let no_key: Vec<(String, String)> = good
        .iter()
        .filter(|(k, _)| k != "api_key")
        .cloned()
        .collect();
    assert_eq!(
        failed(&raw(&fake, &no_key).await),
        "Missing parameter api_key"
    );

    for skew in [-301, 301] {
        let stale = signed_params("getAgendas", &[], "DEMOKEY", "DEMOSECRET", now + skew);
        assert!(
            failed(&raw(&fake, &stale).await).contains("expired"),
            "skew {skew}"
        );
    }
    for skew in [-299, 299] {
        ok(&raw(
            &fake,
            &signed_params("getAgendas", &[], "DEMOKEY", "DEMOSECRET", now + skew),
        )
        .await);
    }

    // The log keeps what was sent, secrets included (it is the fake's own).
    let log = fake.requests_to(Vendor::Onlineafspraken);
    assert_eq!(log[0].method, "getAgendas");
    assert_eq!(log[0].param("api_key"), Some("DEMOKEY"));
    assert_eq!(log[0].param("api_signature"), Some(good[3].1.as_str()));
    assert_eq!(log[0].status, Some(200));
}

#[tokio::test]
async fn the_clock_can_be_skewed_and_the_timestamp_corrects_it() {
    let fake = demo().await;
    let machine = fake.now().timestamp();
    fake.set_clock_offset(3600);
    let r = raw(
        &fake,
        &signed_params("getAgendas", &[], "DEMOKEY", "DEMOSECRET", machine),
    )
    .await;
    assert!(failed(&r).contains("expired"));
    // Every answer, failed ones too, carries the server's time.
    let server: i64 = r.xml().at("Status/Timestamp").parse().unwrap();
    assert_eq!(server, machine + 3600);
    ok(&raw(
        &fake,
        &signed_params("getAgendas", &[], "DEMOKEY", "DEMOSECRET", server),
    )
    .await);
}

#[tokio::test]
async fn form_post_works_like_get() {
    let fake = demo().await;
    let signed = signed_params(
        "getAgenda",
        &[("Id", "1")],
        "DEMOKEY",
        "DEMOSECRET",
        fake.now().timestamp(),
    );
    let pairs: Vec<(&str, &str)> = signed
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = http(
        fake.addr(),
        "POST",
        "/onlineafspraken/APIREST",
        Some("application/x-www-form-urlencoded"),
        query(&pairs).as_bytes(),
    )
    .await;
    assert_eq!(ok(&r).at("Agenda/Name"), "Demo Gym Brussel");
}

#[tokio::test]
async fn method_and_parameter_names_are_exact() {
    let fake = demo().await;
    assert_eq!(
        failed(&oa(&fake, "GetAgendas", &[]).await),
        "Unknown method GetAgendas"
    );
    assert!(
        failed(&oa(&fake, "getCalculationModelSettings", &[]).await).contains("not implemented")
    );
    // getAppointment takes `Id`; `id` is not it.
    assert_eq!(
        failed(&oa(&fake, "getAppointment", &[("id", "601")]).await),
        "Missing parameter Id"
    );
    ok(&oa(&fake, "getAppointment", &[("Id", "601")]).await);
}

#[tokio::test]
async fn demo_catalogue() {
    let fake = demo().await;
    let x = ok(&oa(&fake, "getAgendas", &[]).await);
    assert_eq!(x.child("Objects").children_named("Agenda").count(), 2);
    let x = ok(&oa(&fake, "getAppointmentTypes", &[]).await);
    let intake = x
        .child("Objects")
        .children_named("AppointmentType")
        .next()
        .unwrap();
    assert_eq!(intake.at("Name"), "Intake");
    assert_eq!(intake.at("Buffer"), "15");
    assert_eq!(intake.at("ResourceId"), "101,102");
    let x = ok(&oa(
        &fake,
        "getFields",
        &[("AgendaId", "1"), ("AppointmentTypeId", "201")],
    )
    .await);
    let keys: Vec<&str> = x
        .child("Objects")
        .children
        .iter()
        .map(|f| f.at("Key"))
        .collect();
    assert_eq!(keys, ["Goal", "Howdidyouhearaboutus"]);
    let x = ok(&oa(&fake, "requiresConfirmation", &[]).await);
    assert_eq!(x.at("Confirmation/Required"), "1");
    // A list of one is still a list in <Objects>.
    let x = ok(&oa(
        &fake,
        "getAppointments",
        &[("AgendaId", "1"), ("CustomerId", "501")],
    )
    .await);
    assert_eq!(x.child("Objects").children.len(), 1);
    assert_eq!(x.at("Objects/Appointment/Goal"), "Afvallen");
    assert_eq!(x.at("Status/Stats/TotalRecords"), "1");
}

fn starts(x: &Node) -> Vec<String> {
    x.child("Objects")
        .children
        .iter()
        .map(|t| format!("{}@{}", t.at("StartTime"), t.at("ResourceId")))
        .collect()
}

#[tokio::test]
async fn bookable_times_leave_out_appointments_with_their_buffer() {
    let fake = demo().await;
    let x = ok(&oa(
        &fake,
        "getBookableTimes",
        &[
            ("AgendaId", "1"),
            ("AppointmentTypeId", "201"),
            ("Date", "2026-03-02"),
        ],
    )
    .await);
    let got = starts(&x);
    // Sarah (Tom does not work Mondays): 09:00–12:00 and 13:00–17:00, 30 min
    // + 15 buffer; Anna holds 10:00–10:45.
    let morning: Vec<&str> = got.iter().map(String::as_str).take(6).collect();
    assert_eq!(
        morning,
        [
            "09:00@101",
            "09:15@101",
            "10:45@101",
            "11:00@101",
            "11:15@101",
            "11:30@101"
        ]
    );
    assert_eq!(got.last().unwrap(), "16:30@101");
    let first = &x.child("Objects").children[0];
    assert_eq!(first.at("EndTime"), "09:30");
    // 09:00 in Brussels (CET) is 08:00 UTC.
    assert_eq!(
        first.at("Timestamp"),
        Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0)
            .unwrap()
            .timestamp()
            .to_string()
    );

    let x = ok(&oa(
        &fake,
        "getBookableDays",
        &[
            ("AgendaId", "1"),
            ("AppointmentTypeId", "201"),
            ("StartDate", "2026-03-01"),
            ("EndDate", "2026-03-08"),
        ],
    )
    .await);
    let days: Vec<&str> = x
        .child("Objects")
        .children
        .iter()
        .map(|d| d.at("Date"))
        .collect();
    assert_eq!(
        days,
        [
            "2026-03-02",
            "2026-03-03",
            "2026-03-04",
            "2026-03-05",
            "2026-03-06",
            "2026-03-07"
        ]
    );
    assert_eq!(x.child("Objects").children[0].at("Month"), "03");
    assert_eq!(x.child("Objects").children[0].at("Day"), "2");
}

#[tokio::test]
async fn bookable_blocks_are_raw_and_follow_ch_add_and_remove_block() {
    let fake = demo().await;
    let blocks = |x: &Node| -> Vec<String> {
        x.children_named("BookableBlock")
            .map(|b| {
                format!(
                    "{} {}-{} r{}",
                    b.at("Date"),
                    b.at("StartTime"),
                    b.at("EndTime"),
                    b.at("ResourceId")
                )
            })
            .collect()
    };
    let params = [
        ("AgendaId", "1"),
        ("AppointmentTypeId", "201"),
        ("Date", "2026-03-02"),
    ];
    let x = ok(&oa(&fake, "getBookableBlocks", &params).await);
    // Raw: Anna's appointment at 10:00 does not cut the block.
    assert_eq!(
        blocks(&x),
        ["2026-03-02 09:00-12:00 r101", "2026-03-02 13:00-17:00 r101"]
    );

    let r = oa(
        &fake,
        "CHAddBlock",
        &[
            ("AgendaId", "1"),
            ("ResourceId", "102"),
            ("Date", "2026-03-02"),
            ("StartTime", "08:00"),
            ("EndTime", "10:00"),
        ],
    )
    .await;
    let id = ok(&r).at("Objects/Block/Id").to_string();
    let x = ok(&oa(&fake, "getBookableBlocks", &params).await);
    assert_eq!(
        blocks(&x),
        [
            "2026-03-02 08:00-10:00 r102",
            "2026-03-02 09:00-12:00 r101",
            "2026-03-02 13:00-17:00 r101"
        ]
    );
    // Studio blocks are for Proefles only.
    let x = ok(&oa(
        &fake,
        "getBookableBlocks",
        &[
            ("AgendaId", "1"),
            ("AppointmentTypeId", "202"),
            ("Date", "2026-03-04"),
        ],
    )
    .await);
    assert_eq!(blocks(&x), ["2026-03-04 18:00-19:00 r103"]);

    assert!(
        failed(&oa(&fake, "CHRemoveBlock", &[("AgendaId", "2"), ("id", &id)]).await)
            .contains("not found")
    );
    let x = ok(&oa(&fake, "CHRemoveBlock", &[("AgendaId", "1"), ("id", &id)]).await);
    assert_eq!(x.at("Status/Message"), "");
    let x = ok(&oa(&fake, "getBookableBlocks", &params).await);
    assert_eq!(blocks(&x).len(), 2);
    // Sunday: none, as the seed's sample shows it.
    let x = ok(&oa(
        &fake,
        "getBookableBlocks",
        &[
            ("AgendaId", "1"),
            ("AppointmentTypeId", "201"),
            ("Date", "2026-03-01"),
        ],
    )
    .await);
    let empty = x.child("BookableBlock");
    assert!(empty.children.is_empty() && empty.text.is_empty());
}

#[tokio::test]
async fn consumer_booking_needs_the_goal_then_a_confirmation_code() {
    let fake = demo().await;
    let mut params = vec![
        ("AgendaId", "1"),
        ("CustomerId", "502"),
        ("AppointmentTypeId", "201"),
        ("Date", "2026-03-02"),
        ("StartTime", "11:00"),
    ];
    assert_eq!(
        failed(&oa(&fake, "setAppointment", &params).await),
        "Field Goal is required"
    );
    params.push(("Goal", "Marathon lopen"));
    let x = ok(&oa(&fake, "setAppointment", &params).await);
    let id = x.at("Objects/Appointment/Id").to_string();
    assert_eq!(
        x.at("Objects/Appointment/Status"),
        "1",
        "pending: requiresConfirmation is on"
    );

    let a = ok(&oa(&fake, "getAppointment", &[("Id", &id)]).await);
    assert_eq!(a.at("Appointment/Label"), "1");
    assert_eq!(a.at("Appointment/FinishTime"), "2026-03-02 11:30:00");
    assert_eq!(a.at("Appointment/BlockedTime"), "2026-03-02 11:45:00");
    assert_eq!(a.at("Appointment/Resources/ResourceId"), "101");
    assert_eq!(a.at("Appointment/CustomerName"), "Bram Janssens");
    assert_eq!(a.at("Appointment/Goal"), "Marathon lopen");

    let code = {
        let state = fake.snapshot().onlineafspraken;
        let sent = state.outbox.last().unwrap();
        assert_eq!(sent.to, "bram.janssens@example.be");
        state.appointments[&id.parse::<i64>().unwrap()]
            .confirmation_code
            .clone()
            .unwrap()
    };
    assert!(
        failed(
            &oa(
                &fake,
                "confirmAppointment",
                &[("id", &id), ("ConfirmationCode", "000000")]
            )
            .await
        )
        .contains("Invalid")
    );
    ok(&oa(
        &fake,
        "confirmAppointment",
        &[("id", &id), ("ConfirmationCode", &code)],
    )
    .await);
    let a = ok(&oa(&fake, "getAppointment", &[("Id", &id)]).await);
    assert_eq!(a.at("Appointment/Label"), "2");
    assert!(
        failed(
            &oa(
                &fake,
                "confirmAppointment",
                &[("id", &id), ("ConfirmationCode", &code)]
            )
            .await
        )
        .contains("not pending")
    );

    // The slot is taken now (Sarah is the only coach on Mondays), and so is
    // 11:15 (it would overlap 11:00–11:45).
    assert_eq!(
        failed(&oa(&fake, "setAppointment", &params).await),
        "The selected time is not available"
    );
    params[4] = ("StartTime", "11:15");
    assert_eq!(
        failed(&oa(&fake, "setAppointment", &params).await),
        "The selected time is not available"
    );
    // Off the grid, too soon, not consumer-bookable: refused.
    params[4] = ("StartTime", "09:10");
    assert!(failed(&oa(&fake, "setAppointment", &params).await).contains("grid"));
    let mut soon = params.clone();
    soon[3] = ("Date", "2026-03-01");
    soon[4] = ("StartTime", "10:00");
    assert!(failed(&oa(&fake, "setAppointment", &soon).await).contains("no longer"));
    let mut pt = params.clone();
    pt[2] = ("AppointmentTypeId", "204");
    pt[4] = ("StartTime", "09:00");
    assert!(failed(&oa(&fake, "setAppointment", &pt).await).contains("consumers"));
}

#[tokio::test]
async fn capacity_types_take_as_many_as_their_capacity() {
    let fake = demo().await;
    fake.state().onlineafspraken.requires_confirmation = false;
    // Wednesday's Proefles (capacity 8) already has Bram.
    let book = [
        ("AgendaId", "1"),
        ("CustomerId", "501"),
        ("AppointmentTypeId", "202"),
        ("Date", "2026-03-04"),
        ("StartTime", "18:00"),
        ("Goal", "Proberen"),
    ];
    for _ in 0..7 {
        let x = ok(&oa(&fake, "setAppointment", &book).await);
        assert_eq!(x.at("Objects/Appointment/Status"), "2");
    }
    assert_eq!(
        failed(&oa(&fake, "setAppointment", &book).await),
        "The selected time is not available"
    );
    let x = ok(&oa(
        &fake,
        "getBookableTimes",
        &[
            ("AgendaId", "1"),
            ("AppointmentTypeId", "202"),
            ("Date", "2026-03-04"),
        ],
    )
    .await);
    assert!(x.child("Objects").children.is_empty());
}

#[tokio::test]
async fn customer_mode_edits_and_consumer_mode_cannot() {
    let fake = demo().await;
    let edit = |mode: &'static str| {
        vec![
            ("Id", "601"),
            ("AgendaId", "1"),
            ("CustomerId", "501"),
            ("Date", "2026-03-02"),
            ("StartTime", "14:00"),
            ("EndTime", "14:45"),
            ("Description", "Verplaatst"),
            ("BookingMode", mode),
            ("Goal", "Afvallen"),
        ]
    };
    assert!(failed(&oa(&fake, "setAppointment", &edit("consumer")).await).contains("customer"));
    let x = ok(&oa(&fake, "setAppointment", &edit("customer")).await);
    assert_eq!(x.at("Objects/Appointment/Id"), "601");
    let a = ok(&oa(&fake, "getAppointment", &[("Id", "601")]).await);
    assert_eq!(a.at("Appointment/StartTime"), "2026-03-02 14:00:00");
    assert_eq!(a.at("Appointment/FinishTime"), "2026-03-02 14:45:00");
    assert_eq!(a.at("Appointment/BlockedTime"), "2026-03-02 15:00:00");
    assert_eq!(a.at("Appointment/Description"), "Verplaatst");
    // Outside every block: refused, unless OverrideMode=1 (then no resource).
    let mut late = edit("customer");
    late[4] = ("StartTime", "19:00");
    late[5] = ("EndTime", "19:30");
    assert!(failed(&oa(&fake, "setAppointment", &late).await).contains("not available"));
    late.push(("OverrideMode", "1"));
    ok(&oa(&fake, "setAppointment", &late).await);
    let a = ok(&oa(&fake, "getAppointment", &[("Id", "601")]).await);
    assert_eq!(a.child("Appointment").child("Resources").children.len(), 0);
    assert_eq!(
        a.at("Appointment/Description"),
        "Verplaatst\nVerplaatst",
        "notes are added"
    );
}

#[tokio::test]
async fn cancel_follows_mode_and_dry_run() {
    let fake = demo().await;
    // Anna's intake is Monday 10:00: more than 24 h ahead on Sunday 09:00.
    let dry = ok(&oa(
        &fake,
        "cancelAppointment",
        &[("Id", "601"), ("DryRun", "1")],
    )
    .await);
    assert!(dry.children.len() == 1);
    assert_eq!(
        fake.snapshot().onlineafspraken.appointments[&601].label,
        2,
        "a dry run changes nothing"
    );
    // Sunday 11:00: less than 24 h ahead: a customer may no longer cancel.
    fake.set_clock_offset(2 * 3600);
    assert!(failed(&oa(&fake, "cancelAppointment", &[("Id", "601")]).await).contains("no longer"));
    assert!(
        failed(
            &oa(
                &fake,
                "cancelAppointment",
                &[("Id", "601"), ("DryRun", "1")]
            )
            .await
        )
        .contains("no longer")
    );
    ok(&oa(
        &fake,
        "cancelAppointment",
        &[
            ("Id", "601"),
            ("Mode", "company"),
            ("Remarks", "Coach ziek"),
            ("Confirmations", "1"),
        ],
    )
    .await);
    let a = ok(&oa(&fake, "getAppointment", &[("Id", "601")]).await);
    assert_eq!(
        (a.at("Appointment/Status"), a.at("Appointment/Label")),
        ("2", "4")
    );
    assert!(
        failed(
            &oa(
                &fake,
                "cancelAppointment",
                &[("Id", "601"), ("Mode", "company")]
            )
            .await
        )
        .contains("already")
    );
    // The freed slot is bookable again.
    let x = ok(&oa(
        &fake,
        "getBookableTimes",
        &[
            ("AgendaId", "1"),
            ("AppointmentTypeId", "201"),
            ("Date", "2026-03-02"),
        ],
    )
    .await);
    assert!(starts(&x).contains(&"10:00@101".to_string()));
}

#[tokio::test]
async fn removed_appointments_show_only_to_updated_after() {
    let fake = demo().await;
    let x = ok(&oa(&fake, "removeAppointment", &[("Id", "602")]).await);
    assert_eq!(x.at("Status/Message"), "");
    let list = ok(&oa(&fake, "getAppointments", &[("AgendaId", "1")]).await);
    let ids: Vec<&str> = list
        .child("Objects")
        .children
        .iter()
        .map(|a| a.at("Id"))
        .collect();
    assert_eq!(ids, ["601", "603"]);
    let changed = ok(&oa(
        &fake,
        "getAppointments",
        &[("AgendaId", "1"), ("UpdatedAfter", "2026-03-01 00:00:00")],
    )
    .await);
    let a = changed
        .child("Objects")
        .children_named("Appointment")
        .next()
        .unwrap();
    assert_eq!((a.at("Id"), a.at("Status")), ("602", "3"));
    assert_eq!(
        ok(&oa(&fake, "getAppointment", &[("Id", "602")]).await).at("Appointment/Status"),
        "3"
    );
    assert!(failed(&oa(&fake, "removeAppointment", &[("Id", "602")]).await).contains("not found"));
}

#[tokio::test]
async fn appointments_page_with_limit_and_offset() {
    let fake = demo().await;
    let x = ok(&oa(&fake, "getAppointments", &[("Limit", "1"), ("Offset", "1")]).await);
    assert_eq!(x.at("Status/Stats/Limit"), "1");
    assert_eq!(x.at("Status/Stats/Offset"), "1");
    assert_eq!(x.at("Status/Stats/Records"), "1");
    assert_eq!(x.at("Status/Stats/TotalRecords"), "3");
    assert_eq!(x.at("Objects/Appointment/Id"), "603");
    let x = ok(&oa(
        &fake,
        "getAppointments",
        &[("StartDate", "2026-03-04"), ("EndDate", "2026-03-04")],
    )
    .await);
    assert_eq!(x.at("Objects/Appointment/Id"), "602");
}

#[tokio::test]
async fn set_customer_creates_validates_and_patches() {
    let fake = demo().await;
    let create = [
        ("FirstName", "Lotte"),
        ("LastName", "Vos"),
        ("Insertions", "de"),
        ("Email", "lotte@example.nl"),
        ("MobilePhone", "+31 6 1234 5678"),
        ("Gender", "f"),
        ("Howdidyouhearaboutus", "Instagram"),
        ("Username", "lotte"),
        ("Password", "geheim1"),
    ];
    let x = ok(&oa(&fake, "setCustomer", &create).await);
    assert_eq!(x.at("Objects/Customer/Id"), "504");
    assert_eq!(x.at("Objects/Customer/Status"), "1");
    let c = ok(&oa(&fake, "getCustomer", &[("Id", "504")]).await);
    assert_eq!(c.at("Customer/Gender"), "F");
    assert_eq!(c.at("Customer/Howdidyouhearaboutus"), "Instagram");
    ok(&oa(
        &fake,
        "loginCustomer",
        &[("Username", "lotte"), ("Password", "geheim1")],
    )
    .await);

    for (name, value, message) in [
        ("Email", "not-an-address", "Email"),
        ("Phone", "12ab", "Phone"),
        ("MobilePhone", "123", "MobilePhone"),
        ("Gender", "X", "Gender"),
        ("BirthDate", "17-05-1990", "BirthDate"),
    ] {
        let mut bad = vec![
            ("FirstName", "A"),
            ("LastName", "B"),
            ("Email", "a@example.be"),
        ];
        bad.retain(|(n, _)| *n != name);
        bad.push((name, value));
        assert!(
            failed(&oa(&fake, "setCustomer", &bad).await).contains(message),
            "{name}"
        );
    }
    assert!(
        failed(
            &oa(
                &fake,
                "setCustomer",
                &[("FirstName", "A"), ("LastName", "B")]
            )
            .await
        )
        .contains("Email")
    );

    // Update: the required three, plus what changes; the rest stays.
    let x = ok(&oa(
        &fake,
        "setCustomer",
        &[
            ("id", "504"),
            ("FirstName", "Lotte"),
            ("LastName", "Vos"),
            ("Email", "lotte@example.nl"),
            ("City", "Leiden"),
        ],
    )
    .await);
    assert_eq!(x.at("Objects/Customer/Id"), "504");
    let c = ok(&oa(&fake, "getCustomer", &[("Id", "504")]).await);
    assert_eq!(c.at("Customer/City"), "Leiden");
    assert_eq!(c.at("Customer/MobilePhone"), "+31 6 1234 5678");
    assert_eq!(c.at("Customer/Insertions"), "de");
}

#[tokio::test]
async fn customers_page_filter_and_show_deleted_only_to_updated_after() {
    let fake = demo().await;
    let x = ok(&oa(&fake, "getCustomers", &[("Limit", "2")]).await);
    assert_eq!(x.child("Objects").children.len(), 2);
    assert_eq!(x.at("Status/Stats/TotalRecords"), "3");
    let x = ok(&oa(
        &fake,
        "getCustomers",
        &[("Email", "EVA.DEVRIES@example.nl")],
    )
    .await);
    assert_eq!(x.at("Objects/Customer/Id"), "503");
    ok(&oa(
        &fake,
        "setCustomer",
        &[
            ("id", "503"),
            ("FirstName", "Eva"),
            ("LastName", "Vries"),
            ("Email", "eva.devries@example.nl"),
            ("Status", "3"),
        ],
    )
    .await);
    let x = ok(&oa(&fake, "getCustomers", &[]).await);
    assert_eq!(x.at("Status/Stats/TotalRecords"), "2");
    let x = ok(&oa(
        &fake,
        "getCustomers",
        &[("UpdatedAfter", "2026-03-01 00:00:00")],
    )
    .await);
    let deleted = x.child("Objects").child("Customer");
    assert_eq!(deleted.children.len(), 2, "only Id and Status");
    assert_eq!((deleted.at("Id"), deleted.at("Status")), ("503", "3"));
}
