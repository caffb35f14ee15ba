//! The booking widget's time from opening to the first slots on screen, on
//! cold loads in headless Chromium against the real release server.

use crate::shell::{Result, cmd, root, run_capture};

const PORT: u16 = 8191;
const RUNS: &str = "15";

pub fn first_slots() -> Result {
    let server = super::server::start(PORT, &[])?;
    let (out, ok) = run_capture(cmd("node").current_dir(root().join("end2end")).args([
        "bench/first-slots.mjs",
        &server.base,
        RUNS,
    ]))?;
    if !ok {
        return Err("the first-slots script failed".into());
    }
    let line = out
        .lines()
        .find(|l| l.starts_with("first-slots"))
        .ok_or("no figures printed")?;
    let field = |name: &str| super::server::field(line, name);
    println!("\nBooking widget: opening to first slots on screen (cold loads)");
    println!(
        "  headless Chromium, a fresh browser context per run (no cache), release server on loopback with the demo"
    );
    println!(
        "  club; from navigation start to the first slot button in the DOM (/book/1?type=2&resource=any); {}",
        super::machine()
    );
    println!(
        "  runs {RUNS}: median {} ms, p95 {} ms, min {} ms, max {} ms (target < 400 ms)",
        field("median_ms"),
        field("p95_ms"),
        field("min_ms"),
        field("max_ms")
    );
    Ok(())
}
