//! `cargo xtask bench`: figures, never pass/fail (DESIGN.md, "Test tiers").
//! Each section prints a heading saying what it measured and how, then its
//! figures.

mod board;
mod calendar;
mod login;
mod prospects;
mod server;
mod size;
mod slots;
pub mod vendors;
mod widget;

use crate::shell::Result;
use crate::{build, setup};

/// A named part of the report: prints its own heading (what it measured
/// and how) and figures.
type Section = (&'static str, fn() -> Result);

/// The report, in order, after the release build. A later figure (say the
/// widget's time to first slots) is a module with such a function, and one
/// more row here.
const SECTIONS: [Section; 11] = [
    ("download size", size::download),
    ("widget, opening to first slots", widget::first_slots),
    ("prospect list at 10,000 and 100,000", prospects::list),
    ("pipeline board, 1,000 deals", board::board),
    ("pipeline board with each CRM behind it", board::crms),
    (
        "front-desk calendar, 20 coaches and 2,000 appointments a week",
        calendar::week,
    ),
    ("slot engine, native", slots::native),
    ("slot engine, in the browser", slots::browser),
    (
        "login flood: memory, and a correct sign-in meanwhile",
        login::flood,
    ),
    (
        "connectors: Clubplanner sync and the proxy's cost",
        vendors::connectors,
    ),
    (
        "connectors: Cirrus sync of 10,000 leads",
        vendors::cirrus_sync,
    ),
];

pub fn all(only: &[String]) -> Result {
    setup::all()?;
    build::release()?;
    // A section that cannot measure does not keep the others from printing.
    let mut missing = Vec::new();
    let chosen = SECTIONS
        .into_iter()
        .filter(|(name, _)| only.is_empty() || only.iter().any(|w| name.contains(w.as_str())));
    for (name, section) in chosen {
        settle();
        if let Err(e) = section() {
            eprintln!("xtask bench: {name}: {e}");
            missing.push(name);
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("no figures for: {}", missing.join(", ")))
    }
}

/// One timed interaction of a bench script, as print_frame reports it.
struct Interaction<'a> {
    /// Its fields' prefix in the report line ("key", "drop").
    prefix: &'a str,
    what: &'a str,
    /// How many were timed, in words ("107 keys").
    count: &'a str,
    /// What the script's floor replays without the app.
    floor: &'a str,
}

/// Prints an interaction's figures from end2end/bench/frame.mjs (fields
/// `{prefix}_work_*`, `{prefix}_median_ms`, `{prefix}_p95_ms`, `idle_*`, `idle_work_*` and
/// `floor_work_*`) against the issues' target of 16 ms: the app's work fits
/// in a frame, so the frame after the event shows its result.
fn print_frame(line: &str, it: Interaction) {
    let field = |name: &str| server::field(line, name);
    let prefix = it.prefix;
    println!(
        "  {} ({}; target p95 < 16 ms, one frame):",
        it.what, it.count
    );
    println!(
        "    the app's work on the main thread (the event's task, then that frame's style, layout and paint): median {} ms, p95 {} ms, max {} ms",
        field(&format!("{prefix}_work_median_ms")),
        field(&format!("{prefix}_work_p95_ms")),
        field(&format!("{prefix}_work_max_ms")),
    );
    println!(
        "    latency, event timestamp to the end of that frame: median {} ms, p95 {} ms",
        field(&format!("{prefix}_median_ms")),
        field(&format!("{prefix}_p95_ms")),
    );
    println!(
        "    a key typed into an idle page (one input, its text copied into a paragraph): the browser's own work median {} ms, p95 {} ms; latency (the frame clock's share) median {} ms, p95 {} ms",
        field("idle_work_median_ms"),
        field("idle_work_p95_ms"),
        field("idle_median_ms"),
        field("idle_p95_ms"),
    );
    println!(
        "    the browser's floor, the same work measured with no app: {}: median {} ms, p95 {} ms",
        it.floor,
        field("floor_work_median_ms"),
        field("floor_work_p95_ms"),
    );
}

/// Prints the four first-paint series of end2end/bench/paint.mjs from a
/// script's report line, against the issues' target of 300 ms.
fn print_paints(line: &str, what: &str) {
    let field = |name: &str| server::field(line, name);
    println!(
        "  first paint, to the end of the frame that shows the first {what} ({} runs each; target < 300 ms):",
        field("paint_runs")
    );
    for (name, what) in [
        (
            "in_app",
            "in-app navigation, click on the menu link to that frame",
        ),
        (
            "settled",
            "full navigation with the app cached (any signed-in user), from another page open for 2 s, navigation start to that frame",
        ),
        (
            "cached",
            "the same, from another page the moment it shows its menu (its loading and the browser's compiling still going on)",
        ),
        (
            "cold",
            "cold load, empty browser cache and fresh context, navigation start to that frame",
        ),
    ] {
        println!(
            "    {what}: median {} ms, p95 {} ms",
            field(&format!("{name}_median_ms")),
            field(&format!("{name}_p95_ms"))
        );
    }
}

/// "2 cores (Intel(R) Xeon(R) Processor)", for the headings of timed
/// sections.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
                .map(|(_, name)| format!(" ({})", name.trim()))
        })
        .unwrap_or_default();
    format!("{cores} cores{model}")
}

/// The one-minute load average now ("?" where there is none): timed
/// sections print it before and after their runs, as other work on the
/// machine slows their figures.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".to_owned())
}

/// Waits (a minute at most) for the builds before a section to stop
/// loading the machine, so a figure measures the section and not the
/// compiler that ran just before it.
fn settle() {
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(60) {
        match load().parse::<f64>() {
            Ok(l) if l > 1.0 => std::thread::sleep(std::time::Duration::from_secs(2)),
            _ => return,
        }
    }
}
