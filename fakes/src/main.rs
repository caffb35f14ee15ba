//! `frontdesk-fakes`: the fake vendors as a process, for the end-to-end
//! suite and the demo.
//!
//! ```text
//! frontdesk-fakes --addr 127.0.0.1:9090 [--prospects 10000] [--generated-overplane-prospects 10000] [--generated-alphaalpha-customers 10000] [--generated-cirrus-leads 10000]
//! ```
//!
//! Credentials come from flags or from the same environment variables the
//! proxy's `frontdesk.toml` names by default (`CLUBPLANNER_TOKEN`,
//! `ONLINEAFSPRAKEN_KEY`, `ONLINEAFSPRAKEN_SECRET`; `OVERPLANE_TOKEN` for
//! Overplane, `ALPHAALPHA_TOKEN` for AlphaAlpha, `CIRRUS_TOKEN` for Cirrus), so one
//! environment serves both; without them, the test defaults `DEMOTOKEN`,
//! `DEMOKEY`, `DEMOSECRET`, `sk_test_demo`, `alpha-demo-token`,
//! `cirrus-demo-token`.

use std::net::SocketAddr;
use std::process::ExitCode;

use clap::Parser;
use frontdesk_fakes::{
    ClockSettings, DEFAULT_ALPHAALPHA_TOKEN, DEFAULT_CIRRUS_TOKEN, DEFAULT_CLUBPLANNER_TOKEN,
    DEFAULT_ONLINEAFSPRAKEN_KEY, DEFAULT_ONLINEAFSPRAKEN_SECRET, DEFAULT_OVERPLANE_TOKEN,
    DEFAULT_SIGNATURE_WINDOW_S, FakeOptions, Seed,
};

#[derive(Parser)]
#[command(
    name = "frontdesk-fakes",
    about = "Fake Clubplanner, Overplane CRM, OnlineAfspraken, AlphaAlpha CRM and Cirrus 2 servers, built from the vendors' API documents"
)]
struct Args {
    /// Address to listen on (port 0 = any free port).
    #[arg(long, env = "FAKES_ADDR", default_value = "127.0.0.1:9090")]
    addr: SocketAddr,
    /// Extra Clubplanner prospects to generate (deterministic; ids from 1001).
    #[arg(long, default_value_t = 0)]
    prospects: usize,
    /// Extra Overplane prospects to generate (deterministic; ids
    /// prospect_gen_000001 …, created one minute apart).
    #[arg(long, default_value_t = 0)]
    generated_overplane_prospects: usize,
    /// Extra AlphaAlpha customers to generate (deterministic; ids
    /// cus_gen_000001 …, created one minute apart, statuses round-robin).
    #[arg(long, default_value_t = 0)]
    generated_alphaalpha_customers: usize,
    /// Extra Cirrus leads to generate (deterministic; ids 1001 …, created
    /// one minute apart).
    #[arg(long, default_value_t = 0)]
    generated_cirrus_leads: usize,
    /// The Clubplanner `token` the fake accepts.
    #[arg(long, env = "CLUBPLANNER_TOKEN", default_value = DEFAULT_CLUBPLANNER_TOKEN, hide_env_values = true)]
    clubplanner_token: String,
    /// The OnlineAfspraken `api_key` the fake accepts.
    #[arg(long, env = "ONLINEAFSPRAKEN_KEY", default_value = DEFAULT_ONLINEAFSPRAKEN_KEY, hide_env_values = true)]
    onlineafspraken_key: String,
    /// The OnlineAfspraken API secret signatures are checked with.
    #[arg(long, env = "ONLINEAFSPRAKEN_SECRET", default_value = DEFAULT_ONLINEAFSPRAKEN_SECRET, hide_env_values = true)]
    onlineafspraken_secret: String,
    /// The Overplane `Authorization: Bearer` token the fake accepts.
    #[arg(long, env = "OVERPLANE_TOKEN", default_value = DEFAULT_OVERPLANE_TOKEN, hide_env_values = true)]
    overplane_token: String,
    /// The AlphaAlpha `Authorization: Bearer` token the fake accepts.
    #[arg(long, env = "ALPHAALPHA_TOKEN", default_value = DEFAULT_ALPHAALPHA_TOKEN, hide_env_values = true)]
    alphaalpha_token: String,
    /// The Cirrus `X-Token` the fake accepts.
    #[arg(long, env = "CIRRUS_TOKEN", default_value = DEFAULT_CIRRUS_TOKEN, hide_env_values = true)]
    cirrus_token: String,
    /// Seconds the fake's clock runs ahead of this machine's (negative: behind).
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    clock_offset_s: i64,
    /// How far `api_salt` may be from the fake's clock, in seconds.
    #[arg(long, default_value_t = DEFAULT_SIGNATURE_WINDOW_S)]
    signature_window_s: i64,
    /// Start without any records (no demo data).
    #[arg(long)]
    empty: bool,
}

/// A credential as it may be printed: test defaults in full, anything else
/// only by where it came from.
fn shown(value: &str, default: &str, env: &str) -> String {
    if value == default {
        value.to_string()
    } else {
        format!("(set by --flag or {env})")
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let options = FakeOptions {
        addr: Some(args.addr),
        clubplanner_token: args.clubplanner_token.clone(),
        onlineafspraken_key: args.onlineafspraken_key.clone(),
        onlineafspraken_secret: args.onlineafspraken_secret.clone(),
        overplane_token: args.overplane_token.clone(),
        alphaalpha_token: args.alphaalpha_token.clone(),
        cirrus_token: args.cirrus_token.clone(),
        seed: if args.empty { Seed::Empty } else { Seed::Demo },
        generated_prospects: args.prospects,
        generated_overplane_prospects: args.generated_overplane_prospects,
        generated_alphaalpha_customers: args.generated_alphaalpha_customers,
        generated_cirrus_leads: args.generated_cirrus_leads,
        clock: ClockSettings {
            frozen: None,
            offset_s: args.clock_offset_s,
        },
        signature_window_s: args.signature_window_s,
    };
    let fakes = match frontdesk_fakes::try_spawn(options).await {
        Ok(f) => f,
        Err(e) => {
            eprintln!("frontdesk-fakes: cannot listen on {}: {e}", args.addr);
            return ExitCode::FAILURE;
        }
    };
    println!("frontdesk-fakes listening on {}", fakes.base_url());
    println!(
        "  clubplanner      base_url = {}   token = {}",
        fakes.base_url_clubplanner(),
        shown(
            &args.clubplanner_token,
            DEFAULT_CLUBPLANNER_TOKEN,
            "CLUBPLANNER_TOKEN"
        )
    );
    println!(
        "  onlineafspraken  base_url = {}   key = {}   secret = {}",
        fakes.base_url_onlineafspraken(),
        shown(
            &args.onlineafspraken_key,
            DEFAULT_ONLINEAFSPRAKEN_KEY,
            "ONLINEAFSPRAKEN_KEY"
        ),
        shown(
            &args.onlineafspraken_secret,
            DEFAULT_ONLINEAFSPRAKEN_SECRET,
            "ONLINEAFSPRAKEN_SECRET"
        )
    );
    println!(
        "  overplane        base_url = {}   token = {}",
        fakes.base_url_overplane(),
        shown(
            &args.overplane_token,
            DEFAULT_OVERPLANE_TOKEN,
            "OVERPLANE_TOKEN"
        )
    );
    println!(
        "  alphaalpha       base_url = {}   token = {}",
        fakes.base_url_alphaalpha(),
        shown(
            &args.alphaalpha_token,
            DEFAULT_ALPHAALPHA_TOKEN,
            "ALPHAALPHA_TOKEN"
        )
    );
    println!(
        "  cirrus           base_url = {}   X-Token = {}",
        fakes.base_url_cirrus(),
        shown(&args.cirrus_token, DEFAULT_CIRRUS_TOKEN, "CIRRUS_TOKEN")
    );
    println!(
        "  control          {}/_fake/state | requests | faults | clock | reset",
        fakes.base_url()
    );

    shutdown_signal().await;
    fakes.shutdown().await;
    ExitCode::SUCCESS
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
