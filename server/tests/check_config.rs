//! `frontdesk-server check-config`: per capability, OK or a clear reason,
//! never a secret. The real binary against the fake vendors.

mod common;

use std::process::Command;

struct Run {
    ok: bool,
    out: String,
}

fn check(config: &str, token: Option<&str>) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("frontdesk.toml");
    std::fs::write(&path, config).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk-server"));
    cmd.args(["check-config", "--config"]).arg(&path);
    cmd.env_remove("FRONTDESK_TEST_CP_TOKEN");
    if let Some(t) = token {
        cmd.env("FRONTDESK_TEST_CP_TOKEN", t);
    }
    let output = cmd.output().unwrap();
    Run {
        ok: output.status.success(),
        out: format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

fn config(base_url: &str) -> String {
    format!(
        "[connectors]\nprospects = \"clubplanner\"\n\n[clubplanner]\nbase_url = \"{base_url}\"\n\
         token_env = \"FRONTDESK_TEST_CP_TOKEN\"\ntimeout_ms = 1500\n"
    )
}

#[tokio::test]
async fn each_capability_is_ok_or_says_why_and_never_prints_a_secret() {
    let fake = common::vendors::fakes().await;
    let base = fake.base_url_clubplanner();
    let token = fake.credentials().clubplanner_token.clone();

    let good = tokio::task::spawn_blocking({
        let (c, t) = (config(&base), token.clone());
        move || check(&c, Some(&t))
    })
    .await
    .unwrap();
    assert!(good.ok, "{}", good.out);
    assert!(
        good.out.contains("prospects")
            && good.out.contains("clubplanner")
            && good.out.contains("OK"),
        "{}",
        good.out
    );
    assert!(
        good.out.contains("sales_steps") && good.out.contains("Frontdesk's own store"),
        "{}",
        good.out
    );

    let wrong = tokio::task::spawn_blocking({
        let c = config(&base);
        move || check(&c, Some("NOT-THE-TOKEN-12345"))
    })
    .await
    .unwrap();
    assert!(!wrong.ok);
    assert!(wrong.out.contains("bad credentials"), "{}", wrong.out);
    assert!(!wrong.out.contains("NOT-THE-TOKEN-12345"), "{}", wrong.out);

    // Nothing listens on port 9 of loopback.
    let down = tokio::task::spawn_blocking({
        let t = token.clone();
        move || check(&config("http://127.0.0.1:9/api"), Some(&t))
    })
    .await
    .unwrap();
    assert!(!down.ok);
    assert!(down.out.contains("unreachable"), "{}", down.out);
    assert!(!down.out.contains(&token), "{}", down.out);

    let unset = tokio::task::spawn_blocking(move || check(&config(&base), None))
        .await
        .unwrap();
    assert!(!unset.ok);
    assert!(
        unset.out.contains("clubplanner.token_env")
            && unset.out.contains("FRONTDESK_TEST_CP_TOKEN"),
        "the key and the variable are named: {}",
        unset.out
    );
}

#[test]
fn a_cirrus_path_for_no_resource_is_named() {
    let config = "[connectors]\nprospects = \"cirrus\"\n\n[cirrus]\nbase_url = \"http://127.0.0.1:9/cirrus\"\n\
                  token_env = \"FRONTDESK_TEST_CP_TOKEN\"\nuser_id = 1\n\
                  paths = { lead = \"/leads/{id}\", leeds = \"/leeds\" }\n";
    let run = check(config, Some("t0ken"));
    assert!(!run.ok, "{}", run.out);
    assert!(run.out.contains("cirrus.paths.leeds"), "{}", run.out);
    assert!(!run.out.contains("t0ken"), "{}", run.out);
}
