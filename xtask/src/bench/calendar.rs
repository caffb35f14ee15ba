//! The front-desk calendar's week with 20 coaches and 2,000 appointments:
//! first paint, switching week (and the browser's floor for it), and drop
//! to settled, in headless Chromium against the real release server.

use crate::shell::{Result, cmd, root, run_capture};

const PORT: u16 = 8393;
const RUNS: &str = "10";
const SWITCHES: &str = "20";
const DROPS: &str = "40";

pub fn week() -> Result {
    let server = super::server::start(PORT, &["--demo-calendar", "20x2000"])?;
    let before = super::load();
    let (out, ok) = run_capture(cmd("node").current_dir(root().join("end2end")).args([
        "bench/calendar.mjs",
        &server.base,
        RUNS,
        SWITCHES,
        DROPS,
    ]))?;
    let after = super::load();
    drop(server);
    if !ok {
        return Err("the calendar script failed".into());
    }
    let line = out
        .lines()
        .find(|l| l.starts_with("calendar "))
        .ok_or("no figures printed")?;
    let field = |name: &str| super::server::field(line, name);
    println!("\nFront-desk calendar: the week of 20 coaches and 2,000 appointments");
    println!(
        "  headless Chromium (1600×900), release server on loopback, the demo club grown to {} coaches with {} appointments this week and as many next week; {} appointments drawn; {}; load {before} before, {after} after",
        field("resources"),
        field("week_appointments"),
        field("shown"),
        super::machine()
    );
    super::print_paints(line, "appointment");
    println!(
        "  switching week ({} clicks on next and previous, click to the frame showing the other week's appointments, fetched and drawn; target < 50 ms): median {} ms, p95 {} ms",
        field("switches"),
        field("switch_median_ms"),
        field("switch_p95_ms"),
    );
    println!(
        "    the browser's floor for it, in the same page without the app (the grid's appointment buttons and column heads in view replaced by the other week's, {} appointments, built by plain script with the app's elements, classes, places, labels and texts; start to the end of the next frame, as the switch): median {} ms, p95 {} ms; the same buttons given the other week's attributes and texts instead of new ones: median {} ms, p95 {} ms",
        field("switch_floor_appointments"),
        field("switch_floor_median_ms"),
        field("switch_floor_p95_ms"),
        field("switch_floor_rewrite_median_ms"),
        field("switch_floor_rewrite_p95_ms"),
    );
    let drops = format!(
        "{} mouse drops of an appointment an hour later or earlier, pointerup to the frame that shows it there, before the server answers",
        field("drops")
    );
    super::print_frame(
        line,
        super::Interaction {
            prefix: "drop",
            what: "drop to settled",
            count: &drops,
            floor: "the one style change of a drop (the appointment's top and its saving mark) written straight in one frame",
        },
    );
    Ok(())
}
