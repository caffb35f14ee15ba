//! The OnlineAfspraken client against its fake (seed 003): the signer
//! agrees with the fake's, written apart from it; the envelope, failed
//! statuses under HTTP 200, and the clock followed from `<Timestamp>`.

mod common;

use frontdesk_fakes::{ClockSettings, FakeOptions, Fault, FaultKind, Vendor};
use frontdesk_server::connectors::ConnectorError;
use frontdesk_server::connectors::http::ClientConfig;
use frontdesk_server::connectors::onlineafspraken::{client::Client, sign};
use secrecy::SecretString;

fn client(fake: &frontdesk_fakes::FakeVendors, secret: &str) -> Client {
    let mut config = ClientConfig::new("OnlineAfspraken", &fake.base_url_onlineafspraken());
    config.timeout = std::time::Duration::from_millis(1500);
    Client::new(
        config,
        SecretString::from(fake.credentials().onlineafspraken_key.clone()),
        SecretString::from(secret.to_owned()),
    )
}

#[test]
fn the_signer_agrees_with_the_fakes_written_apart() {
    let params: Vec<(String, String)> = [
        ("method", "setAppointment"),
        ("AgendaId", "1"),
        ("Date", "2026-03-02"),
        ("StartTime", "09:00"),
        ("Name", "Ann Peeters"),
        ("Description", ""),
        ("BookingMode", "customer"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for salt in [1_767_225_600_i64, 1_800_000_000] {
        let ours = sign::signature(&params, "DEMOSECRET", salt);
        let theirs = frontdesk_fakes::sign(
            params.iter().map(|(k, v)| (k, v)),
            "DEMOSECRET",
            &salt.to_string(),
        );
        assert_eq!(ours, theirs);
    }
}

#[tokio::test]
async fn a_signed_read_succeeds_and_a_failed_status_is_an_error() {
    let fake = common::vendors::fakes().await;
    let c = client(&fake, &fake.credentials().onlineafspraken_secret.clone());
    let root = c.read("getAgendas", &[]).await.expect("a signed read");
    let agendas = root.child("Objects").expect("Objects");
    assert!(agendas.all("Agenda").count() >= 1);
    let sent = fake.requests_to(Vendor::Onlineafspraken);
    let last = sent.last().unwrap();
    for name in ["method", "api_key", "api_salt", "api_signature"] {
        assert!(last.param(name).is_some(), "{name} sent");
    }

    // A wrong secret: the vendor answers failed under HTTP 200.
    let wrong = client(&fake, "NOT-THE-SECRET");
    match wrong.read("getAgendas", &[]).await {
        Err(ConnectorError::Unauthorized { system }) => assert_eq!(system, "OnlineAfspraken"),
        other => panic!("expected refused credentials, got {other:?}"),
    }

    // The vendor's own failure for one call, in its words.
    fake.inject(Fault::new(Vendor::Onlineafspraken, FaultKind::FailedStatus).method("getAgendas"));
    assert!(c.read("getAgendas", &[]).await.is_err());
    // A malformed body names the whole answer, never panics.
    fake.inject(Fault::new(Vendor::Onlineafspraken, FaultKind::Malformed).method("getAgendas"));
    match c.read("getAgendas", &[]).await {
        Err(ConnectorError::Malformed { field, .. }) => {
            assert!(field.contains("answer"), "{field}")
        }
        other => panic!("expected a malformed answer, got {other:?}"),
    }
}

#[tokio::test]
async fn a_clock_ten_minutes_off_is_corrected_from_the_vendors_timestamp() {
    // The fake's clock runs 10 minutes ahead: a salt from ours is stale.
    let fake = common::vendors::fakes_with(FakeOptions {
        clock: ClockSettings {
            frozen: None,
            offset_s: 600,
        },
        ..FakeOptions::default()
    })
    .await;
    let c = client(&fake, &fake.credentials().onlineafspraken_secret.clone());
    let root = c
        .read("getAgendas", &[])
        .await
        .expect("signed again with the vendor's clock");
    assert!(root.child("Objects").is_some());
    let salts: Vec<i64> = fake
        .requests_to(Vendor::Onlineafspraken)
        .iter()
        .filter_map(|r| r.param("api_salt").and_then(|s| s.parse().ok()))
        .collect();
    assert_eq!(
        salts.len(),
        2,
        "refused once, then signed with the corrected clock"
    );
    assert!(salts[1] - salts[0] >= 590, "{salts:?}");
}
