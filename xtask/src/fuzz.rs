//! `cargo xtask fuzz`: schemathesis (property-based testing from the OpenAPI
//! document) against the release server on a temporary database with the
//! demo club, twice: as a visitor (no session) and signed in as the demo
//! staff member. It fails on any 5xx and on any answer the document does
//! not describe: a status it does not list, another media type, a missing
//! documented header, or a body that does not fit the schema.
//!
//! schemathesis comes from PyPI, pinned, into a virtual environment under
//! `target/fuzz/venv`; a machine that has that version installs nothing.
//! Extra arguments go to both runs (`cargo xtask fuzz --max-examples 200`).

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use crate::build;
use crate::shell::{Result, output_of, root, run_status};

/// The schemathesis release the runs are checked with.
const SCHEMATHESIS: &str = "4.32.5";

/// Where the server listens for the runs (the bench's sections use others).
const PORT: u16 = 18_181;

/// Test cases per operation in each generating phase: with the document's
/// ~35 operations, each run takes under a minute on two cores.
const MAX_EXAMPLES: &str = "50";

/// A fixed seed: a failure shows again on the next run.
const SEED: &str = "20261117";

/// Every check of schemathesis but two: the answers are held to the
/// document (no 5xx; a documented status, media type, headers and body
/// schema), and sign-in, methods and deleted resources to what it says.
/// Left out are the two that judge the server's validation against the
/// schema's (`positive_data_acceptance`, `negative_data_rejection`): the
/// server is stricter than a JSON schema can say (a real date, a known
/// stage, a name or a last name), and that is not an error.
const EXCLUDED_CHECKS: &str = "positive_data_acceptance,negative_data_rejection";

pub fn run(extra: &[String]) -> Result {
    let schemathesis = install()?;
    build::server()?;
    println!("\nStarting the release server with the demo club on a temporary database");
    let server = crate::server::start(PORT, &[], "error")?;
    let cookie = sign_in(PORT)?;
    let base = format!("http://127.0.0.1:{PORT}");
    let document = format!("{base}/api/v1/openapi.json");
    let api = format!("{base}/api/v1");
    let runs: [(&str, Option<&str>); 2] = [
        ("without a session", None),
        ("with the demo staff member's session", Some(&cookie)),
    ];
    let started = Instant::now();
    let mut failed = Vec::new();
    for (name, cookie) in runs {
        println!("\n== schemathesis {name}");
        let mut cmd = Command::new(&schemathesis);
        // schemathesis keeps its example database (failing cases first on
        // the next run) in the working directory: under target/, not in
        // the checkout.
        cmd.current_dir(work_dir())
            .args(["run", &document, "--url", &api])
            .args(["--checks", "all", "--exclude-checks", EXCLUDED_CHECKS])
            .args(["--max-examples", MAX_EXAMPLES, "--seed", SEED])
            // One at a time: SQLite takes one writer, and a run that
            // depends on timing would not fail the same way twice.
            .args(["--workers", "1"])
            .env("NO_COLOR", "1");
        if let Some(cookie) = cookie {
            // Signing out would end the session the run is using.
            cmd.args(["--header", &format!("Cookie: {cookie}")])
                .args(["--exclude-operation-id", "logout"]);
        }
        cmd.args(extra);
        if let Err(e) = run_status(&mut cmd) {
            eprintln!("xtask fuzz: {name}: {e}");
            failed.push(name);
        }
    }
    println!(
        "\nschemathesis {SCHEMATHESIS}, both runs: {:.0} s",
        started.elapsed().as_secs_f64()
    );
    drop(server);
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "schemathesis found failures {} (see above)",
            failed.join(" and ")
        ))
    }
}

fn work_dir() -> PathBuf {
    root().join("target/fuzz")
}

fn venv() -> PathBuf {
    work_dir().join("venv")
}

/// schemathesis at [`SCHEMATHESIS`] in `target/fuzz/venv`: installed from
/// PyPI only when the venv lacks it or has another version.
fn install() -> Result<PathBuf> {
    let bin = venv().join("bin/schemathesis");
    let wanted = format!("schemathesis, version {SCHEMATHESIS}");
    let installed = || {
        Command::new(&bin)
            .arg("--version")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    if installed().as_deref() == Some(wanted.as_str()) {
        return Ok(bin);
    }
    let python = output_of("python3", &["--version"]).ok_or(
        "python3 is needed for schemathesis (Debian: apt-get install python3 python3-venv)",
    )?;
    println!("Installing schemathesis {SCHEMATHESIS} with {python} into target/fuzz/venv");
    if !venv().join("bin/pip").exists() {
        run_status(Command::new("python3").args(["-m", "venv"]).arg(venv()))?;
    }
    run_status(
        Command::new(venv().join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .arg(format!("schemathesis=={SCHEMATHESIS}")),
    )?;
    match installed() {
        Some(v) if v == wanted => Ok(bin),
        other => Err(format!(
            "schemathesis {SCHEMATHESIS} was installed, but the venv says {other:?}"
        )),
    }
}

/// Signs in as the demo staff member; the cookies it sets, as a Cookie
/// header's value (`name=value; …`).
fn sign_in(port: u16) -> Result<String> {
    let body = r#"{"email":"demo@frontdesk.test","password":"frontdesk-demo"}"#;
    let request = format!(
        "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let answer = crate::server::http(port, &request).map_err(|e| format!("signing in: {e}"))?;
    let status = answer.lines().next().unwrap_or_default();
    if !status.starts_with("HTTP/1.1 200") {
        return Err(format!("signing in as the demo staff member: {status}"));
    }
    // Every cookie the sign-in sets (the session's, and any other such as
    // a device's), as a browser would send them back.
    let cookies: Vec<&str> = answer
        .lines()
        .take_while(|l| !l.is_empty())
        .filter_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("set-cookie")
                .then(|| value.trim().split(';').next().unwrap_or_default())
        })
        .collect();
    if cookies.is_empty() {
        return Err("signing in gave no session cookie".to_owned());
    }
    Ok(cookies.join("; "))
}
