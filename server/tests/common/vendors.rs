//! Apps with a vendor behind a capability, over the fakes of `fakes/`
//! (started in-process on 127.0.0.1:0).

use frontdesk_fakes::{FakeOptions, FakeVendors};
use frontdesk_server::connectors::Capability;
use frontdesk_server::connectors::config::ClubplannerTable;
use secrecy::SecretString;

pub async fn fakes() -> FakeVendors {
    frontdesk_fakes::spawn(FakeOptions::default()).await
}

pub async fn fakes_with(options: FakeOptions) -> FakeVendors {
    frontdesk_fakes::spawn(options).await
}

/// The Clubplanner table pointing at `fake`, as `frontdesk.toml` would
/// after its token was read from the environment.
pub fn clubplanner_table(fake: &FakeVendors) -> ClubplannerTable {
    ClubplannerTable {
        base_url: fake.base_url_clubplanner(),
        timeout_ms: Some(1500),
        sync_interval_s: None,
        max_concurrent: Some(4),
        max_per_second: None,
        availability_cache_s: None,
        token_env: "CLUBPLANNER_TOKEN".into(),
        calendar_id: None,
        calendar_name: Some("Verkoop".into()),
        room_id: Some(1),
        timezone: None,
        employee_id: None,
        employees: [("1", "Demo Brussels"), ("5", "Sarah Peeters")]
            .into_iter()
            .map(|(id, name)| (id.to_owned(), name.to_owned()))
            .collect(),
        booking_results: None,
        appointment_min: None,
        token: Some(SecretString::from(
            fake.credentials().clubplanner_token.clone(),
        )),
    }
}

/// An app whose prospects are Clubplanner's (the fake's), mirrored once,
/// with a staff member signed in.
pub async fn clubplanner_app(fake: &FakeVendors) -> (super::TestApp, String) {
    let table = clubplanner_table(fake);
    let app = super::app_with(move |s, _| {
        s.connectors
            .insert(Capability::Prospects, "clubplanner".into());
        s.vendors.clubplanner = Some(table);
    })
    .await;
    sync(&app).await;
    let cookie = super::staff_cookie(&app).await;
    (app, cookie)
}

/// An app whose prospects and sales steps are Clubplanner's (the fake's),
/// mirrored once, with a staff member signed in.
pub async fn clubplanner_sales_app(fake: &FakeVendors) -> (super::TestApp, String) {
    let table = clubplanner_table(fake);
    let app = super::app_with(move |s, _| {
        s.connectors
            .insert(Capability::Prospects, "clubplanner".into());
        s.connectors
            .insert(Capability::SalesSteps, "clubplanner".into());
        s.vendors.clubplanner = Some(table);
    })
    .await;
    sync(&app).await;
    let cookie = super::staff_cookie(&app).await;
    (app, cookie)
}

/// One sync of the prospects' mirror, as the server runs it.
pub async fn sync(app: &super::TestApp) -> frontdesk_server::connectors::sync::Report {
    let job = app
        .state
        .connectors
        .prospect_mirror()
        .expect("prospects are mirrored from a vendor");
    frontdesk_server::connectors::sync_now(&app.state, job).await
}

/// The OnlineAfspraken table pointing at `fake` (the fake's demo agenda
/// is in Brussels; the API does not say so, the table does).
pub fn onlineafspraken_table(
    fake: &FakeVendors,
) -> frontdesk_server::connectors::config::OnlineAfsprakenTable {
    frontdesk_server::connectors::config::OnlineAfsprakenTable {
        base_url: fake.base_url_onlineafspraken(),
        timeout_ms: Some(1500),
        sync_interval_s: None,
        max_concurrent: Some(4),
        max_per_second: None,
        availability_cache_s: None,
        key_env: "ONLINEAFSPRAKEN_KEY".into(),
        secret_env: "ONLINEAFSPRAKEN_SECRET".into(),
        timezone: Some("Europe/Brussels".into()),
        agenda_id: None,
        rooms: vec!["103".into()],
        cancel_cutoff_min: None,
        key: Some(SecretString::from(
            fake.credentials().onlineafspraken_key.clone(),
        )),
        secret: Some(SecretString::from(
            fake.credentials().onlineafspraken_secret.clone(),
        )),
    }
}

/// An app whose agendas (availability and bookings) are OnlineAfspraken's, its setup
/// mirrored once, with a staff member signed in; and the agenda's id.
pub async fn onlineafspraken_app(fake: &FakeVendors) -> (super::TestApp, String, i64) {
    let table = onlineafspraken_table(fake);
    let app = super::app_with(move |s, _| {
        s.connectors
            .insert(Capability::Availability, "onlineafspraken".into());
        s.connectors
            .insert(Capability::Bookings, "onlineafspraken".into());
        s.connectors
            .insert(Capability::Agenda, "onlineafspraken".into());
        s.vendors.onlineafspraken = Some(table);
    })
    .await;
    for job in &app.state.connectors.setups {
        (job.run)().await.expect("the setup is read");
    }
    let agenda: i64 = sqlx::query_scalar("SELECT id FROM agendas WHERE vendor = 'onlineafspraken'")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    let cookie = super::staff_cookie(&app).await;
    (app, cookie, agenda)
}

/// The Overplane table pointing at `fake`, its key already read.
pub fn overplane_table(fake: &FakeVendors) -> frontdesk_server::connectors::config::OverplaneTable {
    frontdesk_server::connectors::config::OverplaneTable {
        base_url: fake.base_url_overplane(),
        timeout_ms: Some(1500),
        sync_interval_s: None,
        max_concurrent: Some(4),
        max_per_second: None,
        availability_cache_s: None,
        token_env: "OVERPLANE_TOKEN".into(),
        page_size: Some(25),
        stages: None,
        currency: None,
        token: Some(SecretString::from(
            fake.credentials().overplane_token.clone(),
        )),
    }
}

/// An app whose prospects are Overplane's (the fake's), mirrored once,
/// with a staff member signed in.
pub async fn overplane_app(fake: &FakeVendors) -> (super::TestApp, String) {
    let table = overplane_table(fake);
    let app = super::app_with(move |s, _| {
        s.connectors
            .insert(Capability::Prospects, "overplane".into());
        s.vendors.overplane = Some(table);
    })
    .await;
    sync(&app).await;
    let cookie = super::staff_cookie(&app).await;
    (app, cookie)
}

/// An app whose prospects and deals are Overplane's, both mirrored once.
pub async fn overplane_deals_app(fake: &FakeVendors) -> (super::TestApp, String) {
    let table = overplane_table(fake);
    let app = super::app_with(move |s, _| {
        s.connectors
            .insert(Capability::Prospects, "overplane".into());
        s.connectors
            .insert(Capability::Pipelines, "overplane".into());
        s.vendors.overplane = Some(table);
    })
    .await;
    sync(&app).await;
    for job in &app.state.connectors.setups {
        (job.run)().await.expect("the opportunities are read");
    }
    let cookie = super::staff_cookie(&app).await;
    (app, cookie)
}

/// The AlphaAlpha table pointing at `fake`, its token already read.
pub fn alphaalpha_table(
    fake: &FakeVendors,
) -> frontdesk_server::connectors::config::AlphaAlphaTable {
    frontdesk_server::connectors::config::AlphaAlphaTable {
        base_url: fake.base_url_alphaalpha(),
        timeout_ms: Some(1500),
        sync_interval_s: None,
        max_concurrent: Some(4),
        max_per_second: None,
        availability_cache_s: None,
        token_env: "ALPHAALPHA_TOKEN".into(),
        token: Some(SecretString::from(
            fake.credentials().alphaalpha_token.clone(),
        )),
    }
}

/// An app whose prospects and lifecycle board are AlphaAlpha's customers,
/// mirrored once, with a staff member signed in.
pub async fn alphaalpha_app(fake: &FakeVendors) -> (super::TestApp, String) {
    let table = alphaalpha_table(fake);
    let app = super::app_with(move |s, _| {
        s.connectors
            .insert(Capability::Prospects, "alphaalpha".into());
        s.connectors
            .insert(Capability::Pipelines, "alphaalpha".into());
        s.vendors.alphaalpha = Some(table);
    })
    .await;
    sync(&app).await;
    let cookie = super::staff_cookie(&app).await;
    (app, cookie)
}

/// The Cirrus table pointing at `fake`, its token already read.
pub fn cirrus_table(fake: &FakeVendors) -> frontdesk_server::connectors::config::CirrusTable {
    frontdesk_server::connectors::config::CirrusTable {
        base_url: fake.base_url_cirrus(),
        timeout_ms: Some(1500),
        sync_interval_s: None,
        max_concurrent: Some(8),
        max_per_second: None,
        availability_cache_s: None,
        token_env: "CIRRUS_TOKEN".into(),
        per_page: None,
        pages_at_once: None,
        paths: Default::default(),
        user_id: Some(frontdesk_fakes::cirrus::TOKEN_USER),
        token: Some(SecretString::from(fake.credentials().cirrus_token.clone())),
    }
}

/// An app whose prospects are Cirrus's leads, mirrored once.
pub async fn cirrus_app(fake: &FakeVendors) -> (super::TestApp, String) {
    let table = cirrus_table(fake);
    let app = super::app_with(move |s, _| {
        s.connectors.insert(Capability::Prospects, "cirrus".into());
        s.vendors.cirrus = Some(table);
    })
    .await;
    sync(&app).await;
    let cookie = super::staff_cookie(&app).await;
    (app, cookie)
}

/// An app whose deals are Cirrus's opportunities, mirrored once.
pub async fn cirrus_deals_app(fake: &FakeVendors) -> (super::TestApp, String) {
    let table = cirrus_table(fake);
    let app = super::app_with(move |s, _| {
        s.connectors.insert(Capability::Prospects, "cirrus".into());
        s.connectors.insert(Capability::Pipelines, "cirrus".into());
        s.vendors.cirrus = Some(table);
    })
    .await;
    sync(&app).await;
    for job in &app.state.connectors.setups {
        (job.run)().await.expect("the opportunities are read");
    }
    let cookie = super::staff_cookie(&app).await;
    (app, cookie)
}
