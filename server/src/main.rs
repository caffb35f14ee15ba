//! `frontdesk-server`: `serve` runs the proxy; `user add` creates staff.

use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use frontdesk_server::{AppState, Settings, store};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    name = "frontdesk-server",
    version,
    about = "Frontdesk's thin proxy and embedded store"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the app.
    Serve(ServeArgs),
    /// Try each configured vendor with a harmless read and say, per
    /// capability, whether it works (never printing a secret).
    CheckConfig {
        /// The `frontdesk.toml` to check.
        #[arg(long, env = "FRONTDESK_CONFIG")]
        config: PathBuf,
    },
    /// Manage staff users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(clap::Args)]
struct ServeArgs {
    #[arg(long, env = "FRONTDESK_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    #[command(flatten)]
    db: DbArg,
    /// The built app (Trunk's output).
    #[arg(long, env = "FRONTDESK_DIST", default_value = "dist")]
    dist: PathBuf,
    /// Seed the demo club on first start.
    #[arg(long, env = "FRONTDESK_DEMO")]
    demo: bool,
    /// How many prospects the demo seeds (the benchmarks use 10,000 and
    /// 100,000).
    #[arg(long, env = "FRONTDESK_DEMO_PROSPECTS", default_value_t = store::seed::DEMO_PROSPECTS)]
    demo_prospects: usize,
    /// For the calendar's benchmark: `COACHESxAPPOINTMENTS` (say
    /// `20x2000`) grows the demo agenda to that many coaches with that
    /// many appointments in this week and in the next.
    #[arg(long, env = "FRONTDESK_DEMO_CALENDAR")]
    demo_calendar: Option<String>,
    /// Connectors and embedding settings.
    #[arg(long, env = "FRONTDESK_CONFIG")]
    config: Option<PathBuf>,
    /// Mark the session cookie Secure (when served over HTTPS).
    #[arg(long, env = "FRONTDESK_SECURE_COOKIES")]
    secure_cookies: bool,
    /// The address people reach Frontdesk at, for links in messages
    /// (default: http://ADDR).
    #[arg(long, env = "FRONTDESK_PUBLIC_URL")]
    public_url: Option<String>,
}

#[derive(clap::Args)]
struct DbArg {
    /// The SQLite database file (created on first start).
    #[arg(long, env = "FRONTDESK_DB", default_value = "data/frontdesk.db")]
    db: PathBuf,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a staff user; the password is read from standard input.
    Add {
        email: String,
        #[arg(long)]
        name: Option<String>,
        /// owner, manager, sales or desk. The first account is an owner;
        /// the others are best added in Settings by an owner or manager.
        #[arg(long, default_value = "owner", value_parser = parse_role)]
        role: frontdesk_core::roles::Role,
        /// Read the password from standard input (the only way: it never
        /// belongs on a command line, where `ps` shows it).
        #[arg(long, required = true)]
        password_stdin: bool,
        #[command(flatten)]
        db: DbArg,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("FRONTDESK_LOG")
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        // Logs on stderr, colour only for a person at a terminal; stdout
        // carries what the commands print for people (URL, login).
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    match Cli::parse().command {
        Command::Serve(args) => serve(args).await,
        Command::CheckConfig { config } => check_config(&config).await,
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    name,
                    role,
                    db,
                    ..
                },
        } => {
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password)?;
            let password = password.trim_end_matches(['\n', '\r']);
            let pool = store::open(&db.db).await?;
            let user =
                store::users::create(&pool, &email, name.as_deref().unwrap_or(""), role, password)
                    .await?;
            println!(
                "created staff user {} ({}), {}",
                user.email,
                user.name,
                user.role.as_str()
            );
            Ok(())
        }
    }
}

fn parse_role(s: &str) -> Result<frontdesk_core::roles::Role, String> {
    frontdesk_core::roles::Role::parse(s)
        .ok_or_else(|| format!("`{s}` is not a role: owner, manager, sales or desk"))
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let mut settings = Settings::local(args.db.db, args.dist);
    settings.addr = args.addr;
    settings.demo = args.demo;
    settings.secure_cookies = args.secure_cookies;
    settings.public_url = args
        .public_url
        .unwrap_or_else(|| format!("http://{}", args.addr));
    if let Some(path) = &args.config {
        settings.apply_file(path)?;
    }
    let db = store::open(&settings.db).await?;
    if settings.demo && store::seed::seed_demo_with(&db, args.demo_prospects).await? {
        tracing::info!("seeded the demo club");
    }
    if let Some(size) = args.demo_calendar.as_deref().filter(|_| settings.demo) {
        let (coaches, appointments) = size
            .split_once('x')
            .and_then(|(c, a)| Some((c.parse().ok()?, a.parse().ok()?)))
            .ok_or_else(|| {
                anyhow::anyhow!("--demo-calendar: give COACHESxAPPOINTMENTS, say 20x2000")
            })?;
        store::seed_calendar::busy_weeks(&db, coaches, appointments).await?;
    }
    let dist = settings.dist.clone();
    tokio::task::spawn_blocking(move || frontdesk_server::precompress::dist(&dist))
        .await
        .map_err(|e| anyhow::anyhow!("compressing the app: {e}"))?;
    let addr = settings.addr;
    let state = Arc::new(AppState::try_new(db.clone(), settings)?);
    tokio::spawn(frontdesk_server::mail::relay(state.clone()));
    frontdesk_server::connectors::spawn_syncs(state.clone());
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let demo = state.settings.demo;
    println!("Frontdesk is running on http://{}", listener.local_addr()?);
    if demo {
        println!(
            "Demo login: {} / {}",
            store::seed::DEMO_EMAIL,
            store::seed::DEMO_PASSWORD
        );
    }
    // The peer's address feeds the per-client limits (`api::client`).
    let app = frontdesk_server::app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// `check-config`: the file read as `serve` reads it (a missing table or
/// variable is named), then one harmless read per vendor.
async fn check_config(path: &std::path::Path) -> anyhow::Result<()> {
    let mut settings = Settings::local(PathBuf::from(":memory:"), PathBuf::from("dist"));
    settings.apply_file(path)?;
    let db = sqlx::SqlitePool::connect("sqlite::memory:").await?;
    let connectors = frontdesk_server::connectors::Connectors::build(&settings, &db)?;
    let lines = frontdesk_server::connectors::check_all(&settings, &connectors).await;
    let mut failed = false;
    for line in &lines {
        println!(
            "{:<13} {:<16} {}",
            line.capability, line.connector, line.verdict
        );
        failed |= !line.ok;
    }
    if failed {
        anyhow::bail!("some connections do not work; see above");
    }
    Ok(())
}

/// Finishes in-flight requests on Ctrl-C or SIGTERM (systemd, containers).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
