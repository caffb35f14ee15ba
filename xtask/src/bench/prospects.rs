//! The prospect list at a club's scale: 10,000 and 100,000 prospects seeded
//! by the demo, measured in headless Chromium against the release server.

use crate::shell::{Result, cmd, root, run_capture};

const PORT: u16 = 8193;
const RUNS: &str = "12";

pub fn list() -> Result {
    println!("\nProspect list: first paint and search keystroke to repaint");
    println!(
        "  headless Chromium (1280×720) against the release server on loopback, demo club seeded with N prospects;"
    );
    println!(
        "  the first row is the view's first page from the paged API (the whole list follows: \"whole list searchable\");"
    );
    println!(
        "  keystroke, on the whole list, to the frame that shows the new list: six searches typed a key at a time,"
    );
    println!(
        "  40 ms apart, and the Backspace that clears each; {}",
        super::machine()
    );
    for n in [10_000usize, 100_000] {
        super::settle();
        let count = n.to_string();
        let server = super::server::start(PORT, &["--demo-prospects", &count])?;
        measure(&server.base, "")?;
    }
    // The same list with a vendor behind it: Clubplanner's prospects (the
    // fake, 10,000 generated), mirrored into the local store by the sync.
    super::settle();
    let club = super::vendors::VendorClub::start(10_000)?;
    measure(&club.base, ", from Clubplanner (the fake), mirrored")?;
    Ok(())
}

fn measure(base: &str, from: &str) -> Result {
    let before = super::load();
    let (out, ok) = run_capture(cmd("node").current_dir(root().join("end2end")).args([
        "bench/prospects.mjs",
        base,
        RUNS,
    ]))?;
    let after = super::load();
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
        "\n  {} prospects{from} (index {kb:.0} kB of JSON before compression; load {before} before, {after} after)",
        field("total"),
    );
    super::print_paints(line, "row");
    println!(
        "    whole list searchable (index parsed), cold load: median {} ms after navigation start",
        field("whole_median_ms"),
    );
    let keys = format!("{} keys", field("keys"));
    super::print_frame(
        line,
        super::Interaction {
            prefix: "key",
            what: "keystroke to repaint",
            count: &keys,
            floor: "the same keys rewrite the text of every row in view",
        },
    );
    println!(
        "    the same floor with the least DOM a row can have (each row in view one text node, its fields joined by tabs): median {} ms, p95 {} ms",
        field("floor_min_work_median_ms"),
        field("floor_min_work_p95_ms"),
    );
    println!(
        "    keystroke to the frame that shows the whole result and its count (the first screen's rows are found in the key's task, the rest once they are painted): median {} ms, p95 {} ms",
        field("key_settled_median_ms"),
        field("key_settled_p95_ms"),
    );
    Ok(())
}
