//! The pipeline board with 1,000 deals on one board: first paint (in-app,
//! app cached, cold), and the time from a drop to the card standing in its
//! new column, in headless Chromium against the real release server.

use crate::shell::{Result, cmd, root, run_capture};

const PORT: u16 = 8391;
const RUNS: &str = "10";
const DROPS: &str = "40";

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
        "{} mouse drops, pointerup to the card in its new column, before the server answers",
        field("drops")
    );
    super::print_frame(
        line,
        super::Interaction {
            prefix: "drop",
            what: "drop to settled",
            count: &drops,
            floor: "the same drops move the card's node, shift the cards below it in both columns and rewrite the two column heads",
        },
    );
    Ok(())
}
