//! The prospect list at a club's scale: 10,000 and 100,000 prospects seeded
//! by the demo, measured in headless Chromium against the release server.

use crate::shell::{Result, cmd, root, run_capture};

const PORT: u16 = 8193;
const RUNS: &str = "7";

pub fn list() -> Result {
    println!("\nProspect list: first paint and search keystroke to repaint");
    println!(
        "  headless Chromium against the release server on loopback, demo club seeded with N prospects; first paint:"
    );
    println!(
        "  cold signed-in navigation to /prospects (fresh context per run), navigation start to the frame after the"
    );
    println!(
        "  first row is in the DOM (the view's first page; the whole list follows); keystroke, on the whole list:"
    );
    println!(
        "  keydown to the frame after the list changed, six searches typed a key at a time; {}",
        super::machine()
    );
    for n in [10_000usize, 100_000] {
        super::settle();
        let count = n.to_string();
        let server = super::server::start(PORT, &["--demo-prospects", &count])?;
        let (out, ok) = run_capture(cmd("node").current_dir(root().join("end2end")).args([
            "bench/prospects.mjs",
            &server.base,
            RUNS,
        ]))?;
        if !ok {
            return Err("the prospects script failed".into());
        }
        let line = out
            .lines()
            .find(|l| l.starts_with("prospects"))
            .ok_or("no figures printed")?;
        let field = |name: &str| super::server::field(line, name);
        let kb = field("index_bytes").parse::<f64>().unwrap_or(0.0) / 1000.0;
        println!(
            "  {:>7} prospects (index {kb:.0} kB as sent): first paint median {} ms, p95 {} ms ({} runs; target < 300 ms)",
            field("total"),
            field("paint_median_ms"),
            field("paint_p95_ms"),
            field("paint_runs"),
        );
        println!(
            "  {:>7} {:<27} whole list searchable (index parsed) median {} ms after navigation start",
            "",
            "",
            field("whole_median_ms"),
        );
        println!(
            "  {:>7} {:<27} keystroke to repaint median {} ms, p95 {} ms, max {} ms ({} keys; target p95 < 16 ms)",
            "",
            "",
            field("key_median_ms"),
            field("key_p95_ms"),
            field("key_max_ms"),
            field("keys"),
        );
    }
    Ok(())
}
