//! The slot engine's figures (DESIGN.md, "The slot engine"): the grid of the
//! two benchmark scenarios of `core::slots::scenario` with 1, 2 and 4 times
//! their appointments, natively and in headless Chromium. Both sides time
//! the same work on the same generated inputs, and print the same
//! `key value` line; the slot counts next to the times show they computed
//! the same grids.

use std::io::Write;
use std::process::{Command, Stdio};

use super::{load, machine};
use crate::setup::{CHROMEDRIVER, CHROMIUM};
use crate::shell::{Result, cmd, output_of, root, run_status};

/// Timed runs of the grid per scenario and scale, natively (the browser
/// bench has its own, and says so).
const RUNS: u32 = 50;
const SCALES: [u32; 3] = [1, 2, 4];

struct Scenario {
    name: &'static str,
    /// Targets for the scenario as defined (scale 1), in ms.
    native_target: Option<f64>,
    browser_target: Option<f64>,
}

const SCENARIOS: [Scenario; 2] = [
    Scenario {
        name: "widget-month",
        native_target: Some(0.3),
        browser_target: None,
    },
    Scenario {
        name: "gym-year",
        native_target: Some(5.0),
        browser_target: Some(12.0),
    },
];

/// The browser bench's builds: what the app ships first (the targets are
/// about it), then the optimisation level of the native figures.
const PROFILES: [(&str, &str); 2] = [
    (
        "wasm-release",
        "as the app ships it: profile wasm-release, opt-level \"z\", LTO (without Trunk's wasm-opt pass)",
    ),
    (
        "release",
        "profile release, opt-level 3, as the native figures",
    ),
];

/// `core/examples/slotgrid.rs`: each scenario generated, then piped into
/// `--bench`, which reads and prepares it outside the timing.
pub fn native() -> Result {
    run_status(cmd("cargo").args([
        "build",
        "--release",
        "--locked",
        "-p",
        "frontdesk-core",
        "--example",
        "slotgrid",
    ]))?;
    let bin = root().join("target/release/examples/slotgrid");
    let shown = "target/release/examples/slotgrid";
    println!("$ {shown} --generate SCENARIO --scale K | {shown} --bench {RUNS}");
    let load_before = load();
    let mut rows = Vec::new();
    for scenario in &SCENARIOS {
        for scale in SCALES {
            let json = stdout_of(
                Command::new(&bin).args([
                    "--generate",
                    scenario.name,
                    "--scale",
                    &scale.to_string(),
                ]),
                None,
            )?;
            let inputs = json.matches("\"date\":").count() + json.matches("\"persons\":").count();
            let line = stdout_of(
                Command::new(&bin).args(["--bench", &RUNS.to_string()]),
                Some(&json),
            )?;
            rows.push(Row::parse(&format!(
                "slot-bench {} scale {scale} inputs {inputs} {line}",
                scenario.name
            ))?);
        }
    }
    let load_after = load();
    println!("\nSlot engine, native (release build)");
    print_machine(&load_before, &load_after);
    println!(
        "  grid: median and minimum of {RUNS} runs of Prepared::grid (candidates, sweep, output text, dropping it);"
    );
    println!("        reading the JSON and Prepared::new excluded");
    println!(
        "  prepare: Prepared::new on its own, median of {} runs",
        RUNS.div_ceil(10)
    );
    print_legend();
    print_table(&rows, |s| s.native_target, false);
    Ok(())
}

/// `core/tests/wasm_bench.rs` in headless Chromium, once per profile.
pub fn browser() -> Result {
    let chromium = output_of(CHROMIUM, &["--version"])
        .and_then(|v| {
            let words: Vec<&str> = v.lines().next()?.split_whitespace().take(2).collect();
            Some(words.join(" "))
        })
        .unwrap_or_else(|| "Chromium".to_owned());
    let load_before = load();
    let mut runs = Vec::new();
    for (profile, what) in PROFILES {
        let mut test = cmd("cargo");
        test.args([
            "test",
            "--profile",
            profile,
            "--locked",
            "-p",
            "frontdesk-core",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "wasm_bench",
            "--",
            "--nocapture",
        ])
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "60")
        .env("WASM_BINDGEN_TEST_TIMEOUT", "300");
        println!("$ {}", shown(&test));
        let out = stdout_of(&mut test, None)?;
        let how = out
            .lines()
            .find(|l| l.starts_with("slot-bench-how "))
            .ok_or("the browser bench printed no `slot-bench-how` line")?
            .to_owned();
        let rows = out
            .lines()
            .filter(|l| l.starts_with("slot-bench "))
            .map(Row::parse)
            .collect::<Result<Vec<_>>>()?;
        if rows.is_empty() {
            return Err("the browser bench printed no figures".into());
        }
        runs.push((what, how, rows));
    }
    let load_after = load();

    println!(
        "\nSlot engine in the browser ({chromium}, headless, wasm32 via wasm-bindgen-test-runner)"
    );
    print_machine(&load_before, &load_after);
    if let Some((_, how, _)) = runs.first() {
        let number = |key| field(how, key).unwrap_or(f64::NAN);
        println!(
            "  grid: the native figures' work, timed with performance.now(): median and minimum of {} samples,",
            number("samples")
        );
        println!(
            "        after {} ms of warm-up; a sample times `batch` consecutive grids, as many as last at least {} ms",
            number("warm_up_ms"),
            number("min_sample_ms")
        );
        println!(
            "        (performance.now() advanced in steps of {} ms here), and divides",
            number("timer_step_ms")
        );
        println!(
            "  prepare: Prepared::new on its own, median of {} samples",
            number("prepare_samples")
        );
    }
    print_legend();
    for (what, _, rows) in &runs {
        println!("  {what}");
        print_table(rows, |s| s.browser_target, true);
    }
    Ok(())
}

/// One `slot-bench SCENARIO scale K …` line.
struct Row {
    scenario: String,
    scale: f64,
    inputs: f64,
    slots: f64,
    median_ms: f64,
    min_ms: f64,
    prepare_ms: f64,
    batch: Option<f64>,
}

impl Row {
    fn parse(line: &str) -> Result<Row> {
        let number = |key| field(line, key).ok_or(format!("no {key} in {line:?}"));
        Ok(Row {
            scenario: line
                .split_whitespace()
                .nth(1)
                .ok_or(format!("no scenario in {line:?}"))?
                .to_owned(),
            scale: number("scale")?,
            inputs: number("inputs")?,
            slots: number("slots")?,
            median_ms: number("median_ms")?,
            min_ms: number("min_ms")?,
            prepare_ms: number("prepare_median_ms")?,
            batch: field(line, "batch"),
        })
    }
}

/// The number after the word `key` in a line of `key value` pairs.
fn field(line: &str, key: &str) -> Option<f64> {
    let words: Vec<&str> = line.split_whitespace().collect();
    words
        .windows(2)
        .find(|pair| pair[0] == key)
        .and_then(|pair| pair[1].parse().ok())
}

fn print_machine(load_before: &str, load_after: &str) {
    println!(
        "  this machine: {}; load average {load_before} before the runs, {load_after} after (the bench itself adds about 1)",
        machine()
    );
}

fn print_legend() {
    println!(
        "  scale K: K times the scenario's appointments (busy items), the same blocks; inputs = blocks + busy items;"
    );
    println!("  ×N: ratio to scale 1 of the same scenario");
}

fn print_table(rows: &[Row], target: impl Fn(&Scenario) -> Option<f64>, batch: bool) {
    let batch_head = if batch { "  batch" } else { "" };
    println!(
        "  {:<13}{:>5}  {:>6} {:<6} {:>6}  {:>8} {:<6} {:>8}  {:>10} {:<6}{batch_head}  target",
        "scenario", "scale", "inputs", "", "slots", "grid ms", "", "min ms", "prepare ms", ""
    );
    for row in rows {
        let base = rows
            .iter()
            .find(|r| r.scenario == row.scenario && r.scale == 1.0);
        let ratio = |value: fn(&Row) -> f64| match base {
            Some(base) if row.scale != 1.0 => format!("×{:.2}", value(row) / value(base)),
            _ => String::new(),
        };
        let target = SCENARIOS
            .iter()
            .find(|s| s.name == row.scenario)
            .and_then(&target)
            .filter(|_| row.scale == 1.0)
            .map(|t| {
                let verdict = if row.median_ms < t { "met" } else { "NOT met" };
                format!("< {t} ms: {verdict}")
            })
            .unwrap_or_default();
        let batch = match (batch, row.batch) {
            (true, Some(b)) => format!("  {b:>5}"),
            (true, None) => format!("  {:>5}", "?"),
            (false, _) => String::new(),
        };
        println!(
            "  {:<13}{:>5}  {:>6} {:<6} {:>6}  {:>8.3} {:<6} {:>8.3}  {:>10.3} {:<6}{batch}  {target}",
            row.scenario,
            row.scale,
            row.inputs,
            ratio(|r| r.inputs),
            row.slots,
            row.median_ms,
            ratio(|r| r.median_ms),
            row.min_ms,
            row.prepare_ms,
            ratio(|r| r.prepare_ms),
        );
    }
}

/// The stdout of `command`, fed `input` on stdin (stderr shows through); an
/// error names the command.
fn stdout_of(command: &mut Command, input: Option<&str>) -> Result<String> {
    let line = shown(command);
    let mut child = command
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{line}`: {e}"))?;
    if let (Some(text), Some(mut stdin)) = (input, child.stdin.take()) {
        // The example reads all of stdin before it writes anything.
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| format!("`{line}`: {e}"))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("`{line}`: {e}"))?;
    if !out.status.success() {
        return Err(format!("`{line}` failed ({})", out.status));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("`{line}`: {e}"))
}

fn shown(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|a| a.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_native_and_browser_lines() {
        let native = Row::parse(
            "slot-bench gym-year scale 2 inputs 47300 median_ms 3.0448 min_ms 2.7029 prepare_median_ms 4.0369 slots 20805 runs 50",
        )
        .unwrap();
        assert_eq!(native.scenario, "gym-year");
        assert_eq!(
            (native.scale, native.inputs, native.slots),
            (2.0, 47300.0, 20805.0)
        );
        assert_eq!((native.median_ms, native.min_ms), (3.0448, 2.7029));
        assert_eq!((native.prepare_ms, native.batch), (4.0369, None));

        let browser = Row::parse(
            "slot-bench widget-month scale 1 median_ms 0.1750 min_ms 0.1462 prepare_median_ms 0.2409 slots 1757 runs 50 batch 4 inputs 655",
        )
        .unwrap();
        assert_eq!(browser.scenario, "widget-month");
        assert_eq!((browser.inputs, browser.batch), (655.0, Some(4.0)));

        assert!(Row::parse("slot-bench gym-year scale 1 median_ms 3").is_err());
    }
}
