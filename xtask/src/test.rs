//! `cargo xtask test [lint|native|components|e2e]…`: every tier by default,
//! each printing its counts, and a non-zero exit when any fails.

use crate::setup::{CHROMEDRIVER, CHROMIUM};
use crate::shell::{Result, cmd, root, run_capture, run_capture_both, run_status};
use crate::{build, setup};

#[derive(Default, Clone, Copy)]
struct Counts {
    passed: u64,
    failed: u64,
}

struct Outcome {
    tier: &'static str,
    counts: Option<Counts>,
    error: Option<String>,
}

const TIERS: [&str; 4] = ["lint", "native", "components", "e2e"];

pub fn all(args: &[String]) -> Result {
    let chosen: Vec<&str> = if args.is_empty() {
        TIERS.to_vec()
    } else {
        for a in args {
            if !TIERS.contains(&a.as_str()) {
                return Err(format!(
                    "unknown tier `{a}`; choose from {}",
                    TIERS.join(", ")
                ));
            }
        }
        TIERS
            .iter()
            .copied()
            .filter(|t| args.iter().any(|a| a == t))
            .collect()
    };
    if chosen.iter().any(|t| matches!(*t, "components" | "e2e")) {
        setup::all()?;
    } else {
        setup::for_build()?;
    }

    let mut outcomes = Vec::new();
    for tier in chosen {
        let result = match tier {
            "lint" => lint().map(|()| None),
            "native" => native().map(Some),
            "components" => components().map(Some),
            "e2e" => end_to_end().map(Some),
            _ => unreachable!(),
        };
        outcomes.push(match result {
            Ok(counts) => Outcome {
                tier,
                counts,
                error: None,
            },
            Err(e) => Outcome {
                tier,
                counts: None,
                error: Some(e),
            },
        });
    }
    report(&outcomes)
}

fn report(outcomes: &[Outcome]) -> Result {
    let mut total = Counts::default();
    println!("\nTest tiers");
    for o in outcomes {
        let counts = o
            .counts
            .map(|c| format!("{} passed, {} failed", c.passed, c.failed));
        let status = match (&o.error, counts) {
            (Some(e), _) => format!("FAILED: {e}"),
            (None, Some(c)) => c,
            (None, None) => "ok".to_owned(),
        };
        println!("  {:<12} {status}", o.tier);
        if let Some(c) = o.counts {
            total.passed += c.passed;
            total.failed += c.failed;
        }
    }
    let failed_tiers = outcomes.iter().filter(|o| o.error.is_some()).count();
    println!("{} passed, {} failed", total.passed, total.failed);
    if failed_tiers > 0 || total.failed > 0 {
        Err(format!("{failed_tiers} tier(s) failed"))
    } else {
        Ok(())
    }
}

fn lint() -> Result {
    run_status(cmd("cargo").args(["fmt", "--all", "--", "--check"]))?;
    // The app is linted for the target it runs on; everything else natively.
    run_status(cmd("cargo").args([
        "clippy",
        "--workspace",
        "--exclude",
        "frontdesk",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ]))?;
    run_status(cmd("cargo").args([
        "clippy",
        "-p",
        "frontdesk",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ]))
}

fn native() -> Result<Counts> {
    let (out, ok) = run_capture(cmd("cargo").args([
        "test",
        "--workspace",
        "--exclude",
        "frontdesk",
        "--locked",
    ]))?;
    print_skipped(&out);
    checked(cargo_counts(&out), ok, "native tests")
}

/// The tests not run, with why: the conformance suite marks what a
/// connector cannot do `#[ignore = "…"]` rather than skipping it silently.
fn print_skipped(out: &str) {
    let skipped = skipped(out);
    if skipped.is_empty() {
        return;
    }
    println!("\nSkipped, and why ({}):", skipped.len());
    for (name, why) in skipped {
        println!("  {name}: {why}");
    }
}

/// `(test, reason)` of cargo's `test x ... ignored, <reason>` lines.
fn skipped(out: &str) -> Vec<(&str, &str)> {
    out.lines()
        .filter_map(|l| l.strip_prefix("test "))
        .filter_map(|l| l.split_once(" ... ignored"))
        .map(|(name, why)| (name, why.trim_start_matches(',').trim()))
        .collect()
}

fn components() -> Result<Counts> {
    let (out, ok) = run_capture(
        cmd("cargo")
            .args([
                "test",
                "-p",
                "frontdesk",
                "--target",
                "wasm32-unknown-unknown",
                "--locked",
            ])
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "60")
            .env("WASM_BINDGEN_TEST_TIMEOUT", "300"),
    )?;
    checked(cargo_counts(&out), ok, "component tests")
}

fn end_to_end() -> Result<Counts> {
    build::release()?;
    let (out, logs, ok) = run_capture_both(
        cmd(&root()
            .join("end2end/node_modules/.bin/playwright")
            .display()
            .to_string())
        .current_dir(root().join("end2end"))
        .arg("test")
        .env("FRONTDESK_BIN", build::server_bin())
        .env("FRONTDESK_FAKES_BIN", build::fakes_bin())
        .env("CHROMIUM", CHROMIUM),
    )?;
    // The servers' logs come on stderr (`[WebServer] …`).
    no_vendor_secret(&format!("{out}{logs}"))?;
    checked(playwright_counts(&out), ok, "end-to-end tests")
}

/// The credentials the end-to-end run gives the fake vendors (the
/// Playwright config's): none may appear in what the run printed, the
/// servers' whole logs included.
const E2E_SECRETS: [&str; 6] = [
    "DEMOTOKEN",
    "DEMOKEY",
    "DEMOSECRET",
    "sk_test_demo",
    "alpha-demo-token",
    "cirrus-demo-token",
];

fn no_vendor_secret(out: &str) -> Result {
    let logged = out.lines().filter(|l| l.starts_with("[WebServer]")).count();
    match E2E_SECRETS.iter().find(|s| out.contains(*s)) {
        Some(secret) => Err(format!(
            "end-to-end tests: a vendor secret ({secret}) appeared in the run's output"
        )),
        // Without the servers' logs the check would prove nothing.
        None if logged == 0 => Err(
            "end-to-end tests: no line of the servers' logs was seen to check for secrets".into(),
        ),
        None => {
            println!("No vendor secret in the run's output ({logged} lines of the servers' logs).");
            Ok(())
        }
    }
}

/// A tier passes when its runner succeeded and ran at least one test.
fn checked(counts: Counts, ok: bool, what: &str) -> Result<Counts> {
    if !ok || counts.failed > 0 {
        Err(format!(
            "{what}: {} passed, {} failed",
            counts.passed, counts.failed
        ))
    } else if counts.passed == 0 {
        Err(format!("{what}: no test ran"))
    } else {
        Ok(counts)
    }
}

/// Sums cargo's `test result: ok. 8 passed; 0 failed; …` lines.
fn cargo_counts(out: &str) -> Counts {
    let mut c = Counts::default();
    for line in out.lines().filter(|l| l.starts_with("test result:")) {
        c.passed += number_before(line, " passed");
        c.failed += number_before(line, " failed");
    }
    c
}

/// Reads Playwright's closing `  7 passed (33.7s)` / `  1 failed` lines.
fn playwright_counts(out: &str) -> Counts {
    let mut c = Counts::default();
    for line in out.lines().map(str::trim) {
        let mut words = line.split_whitespace();
        let (Some(n), Some(word)) = (words.next(), words.next()) else {
            continue;
        };
        let Ok(n) = n.parse::<u64>() else { continue };
        match word {
            "passed" => c.passed += n,
            "failed" | "flaky" => c.failed += n,
            _ => {}
        }
    }
    c
}

fn number_before(line: &str, marker: &str) -> u64 {
    line.find(marker)
        .and_then(|i| line[..i].rsplit(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cargo_counts() {
        let out = "test result: ok. 8 passed; 0 failed; 0 ignored\nnoise\ntest result: FAILED. 4 passed; 1 failed; 0 ignored\n";
        let c = cargo_counts(out);
        assert_eq!((c.passed, c.failed), (12, 1));
    }

    #[test]
    fn a_secret_in_the_output_fails_the_run() {
        assert!(no_vendor_secret("[WebServer] GET /Sales/GetProspect?token=… 200\n").is_ok());
        assert!(no_vendor_secret("[WebServer] GET /Sales/GetProspect?token=DEMOTOKEN\n").is_err());
        assert!(
            no_vendor_secret("  6 passed\n").is_err(),
            "no log seen: nothing shown"
        );
    }

    #[test]
    fn skipped_lines_are_read_with_their_reason() {
        let out = "test a::b ... ok\ntest clubplanner::bulk ... ignored, no bulk call\n";
        assert_eq!(skipped(out), [("clubplanner::bulk", "no bulk call")]);
    }

    #[test]
    fn reads_playwright_counts() {
        let out = "  ✓  1 [desktop] › a.spec.ts:3:1 › x (2.1s)\n\n  1 failed\n    [desktop] › a\n  6 passed (33.7s)\n";
        let c = playwright_counts(out);
        assert_eq!((c.passed, c.failed), (6, 1));
    }
}
