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

/// A CRM behind the board (issue #19): its fake, the server's
/// `frontdesk.toml` for it, its credential, and what its fake generates so
/// a board holds 1,000 cards.
struct Crm {
    name: &'static str,
    fakes: &'static [&'static str],
    config: &'static str,
    env: (&'static str, &'static str),
    /// The prospects deals are made for (board.mjs's PROSPECTS_QUERY).
    prospects: &'static str,
}

const CRMS: [Crm; 3] = [
    Crm {
        name: "Overplane",
        fakes: &["--generated-overplane-prospects", "300"],
        config: "prospects = \"overplane\"\npipelines = \"overplane\"\n[overplane]\nbase_url = \"{fakes}/overplane\"\ntoken_env = \"OVERPLANE_TOKEN\"\n",
        env: ("OVERPLANE_TOKEN", "sk_test_demo"),
        prospects: "",
    },
    Crm {
        name: "Cirrus",
        fakes: &["--generated-cirrus-leads", "300"],
        config: "prospects = \"cirrus\"\npipelines = \"cirrus\"\n[cirrus]\nbase_url = \"{fakes}/cirrus\"\ntoken_env = \"CIRRUS_TOKEN\"\nuser_id = 1\n",
        env: ("CIRRUS_TOKEN", "cirrus-demo-token"),
        // Cirrus keeps an opportunity under an account, never a lead.
        prospects: "tag=Cirrus%20account",
    },
    Crm {
        name: "AlphaAlpha",
        // The lifecycle board's cards are the customers themselves.
        fakes: &["--generated-alphaalpha-customers", "1000"],
        config: "prospects = \"alphaalpha\"\npipelines = \"alphaalpha\"\n[alphaalpha]\nbase_url = \"{fakes}/alphaalpha/api/v1\"\ntoken_env = \"ALPHAALPHA_TOKEN\"\n",
        env: ("ALPHAALPHA_TOKEN", "alpha-demo-token"),
        prospects: "",
    },
];

const CRM_RUNS: &str = "10";
const CRM_DROPS: &str = "40";

/// The same board figures with each CRM's fake behind the board, beside
/// the local store's, measured the same way in the same section.
pub fn crms() -> Result {
    println!("\nPipeline board with each CRM behind it: first paint and drop to settled");
    println!(
        "  as above (headless Chromium 1600×900, release server), {CRM_RUNS} paint runs and {CRM_DROPS} drops each; the board's deals made through the API, so each is written through to the CRM's fake on loopback; {}",
        super::machine()
    );
    println!(
        "  {:<11} {:>6}  {:>22}  {:>22}  {:>22}  {:>22}  {:>17}",
        "behind it",
        "cards",
        "in-app paint med/p95",
        "settled paint med/p95",
        "cold paint med/p95",
        "drop work med/p95",
        "floor med/p95"
    );
    let row = |name: &str, line: &str| {
        let f = |n: &str| super::server::field(line, n);
        let pair = |a: &str| {
            format!(
                "{} / {} ms",
                f(&format!("{a}_median_ms")),
                f(&format!("{a}_p95_ms"))
            )
        };
        println!(
            "  {name:<11} {:>6}  {:>22}  {:>22}  {:>22}  {:>22}  {:>17}",
            f("cards"),
            pair("in_app"),
            pair("settled"),
            pair("cold"),
            pair("drop_work"),
            pair("floor_work"),
        );
    };
    let local = super::server::start(PORT, &[])?;
    row("local", &board_line(&local.base, "")?);
    drop(local);
    let dir = std::env::temp_dir().join(format!("frontdesk-bench-crm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let fakes_url = format!("http://127.0.0.1:{}", super::vendors::FAKES_PORT);
    let mut skipped = None;
    for crm in &CRMS {
        super::settle();
        let fakes = super::vendors::start_fakes_with(crm.fakes)?;
        let config = dir.join(format!("{}.toml", crm.name));
        let body = format!(
            "[connectors]\n{}timeout_ms = 5000\nsync_interval_s = 3600\n",
            crm.config.replace("{fakes}", &fakes_url)
        );
        std::fs::write(&config, body).map_err(|e| format!("{}: {e}", config.display()))?;
        let config = config.display().to_string();
        let server = super::server::start_with_env(PORT, &["--config", &config], &[crm.env])?;
        let line = board_line(&server.base, crm.prospects)?;
        if super::server::field(&line, "in_app_median_ms") == "-" {
            skipped = Some((crm.name, super::server::field(&line, "pipeline")));
        }
        row(crm.name, &line);
        drop(server);
        drop(fakes);
    }
    let _ = std::fs::remove_dir_all(&dir);
    if let Some((name, pipeline)) = skipped {
        println!(
            "  {name}: the board opens on its first pipeline, which has one open column in the fake (the seed's sample type \"string\"); pipeline {pipeline} was opened by its address instead, so there is no in-app figure"
        );
    }
    println!(
        "  (drop work is the app's main-thread work from pointerup to the frame that shows the card in its new column; the server's write-through to the CRM comes after)"
    );
    Ok(())
}

/// board.mjs's one-line report against the server at `base`.
fn board_line(base: &str, prospects: &str) -> Result<String> {
    let (out, ok) = run_capture(cmd("node").current_dir(root().join("end2end")).args([
        "bench/board.mjs",
        base,
        CRM_RUNS,
        CRM_DROPS,
        prospects,
    ]))?;
    if !ok {
        return Err("the board script failed".into());
    }
    out.lines()
        .find(|l| l.starts_with("board "))
        .map(str::to_owned)
        .ok_or_else(|| "no figures printed".into())
}
