//! The pipeline board with 1,000 deals on one board: first paint (in-app,
//! app cached, cold), the time from a drop to the card standing in its
//! new column, and the drag step that draws it there before the drop, in
//! headless Chromium against the real release server.

use crate::shell::{Result, cmd, root, run_capture};

const PORT: u16 = 8391;
const RUNS: &str = "20";
const DROPS: &str = "100";

pub fn board() -> Result {
    let server = super::server::start(PORT, &[])?;
    let before = super::load();
    let (out, ok) = run_capture(cmd("node").current_dir(root().join("end2end")).args([
        "bench/board.mjs",
        &server.base,
        RUNS,
        DROPS,
    ]))?;
    let after = super::load();
    drop(server);
    if !ok {
        return Err("the board script failed".into());
    }
    let line = out
        .lines()
        .find(|l| l.starts_with("board "))
        .ok_or("no figures printed")?;
    let field = |name: &str| super::server::field(line, name);
    println!("\nPipeline board: first paint and drop to settled");
    println!(
        "  headless Chromium (1600×900), release server on loopback, the demo club plus deals made through the API up to"
    );
    println!(
        "  {} cards on one board; {}; load {before} before, {after} after",
        field("cards"),
        super::machine()
    );
    super::print_paints(line, "card");
    let drops = format!(
        "{} mouse drops, pointerup to the card let go of in its new column and the column heads written, before the server answers",
        field("drops")
    );
    super::print_frame(
        line,
        super::Interaction {
            prefix: "drop",
            what: "drop to settled",
            count: &drops,
            floor: "the whole move in one frame (the card's node to the other column, the cards below it in both columns shifted, the two column heads rewritten)",
        },
    );
    // The card is drawn where it would land while it is dragged, so most
    // of a move's work comes before the drop: shown here, not left out.
    println!(
        "    while dragging, the pointermove that brings the card into the other column, to the frame that draws it there: work median {} ms, p95 {} ms; latency median {} ms, p95 {} ms",
        field("step_work_median_ms"),
        field("step_work_p95_ms"),
        field("step_median_ms"),
        field("step_p95_ms"),
    );
    Ok(())
}
