//! `cargo xtask <command>`: the project's two everyday commands and their
//! helpers. Only std and flate2, so it builds in seconds on a fresh machine.

mod bench;
mod build;
mod fuzz;
mod server;
mod setup;
mod shell;
mod test;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

  run      install what is missing, build the app in release mode and serve
           the demo club on http://127.0.0.1:8080
  test     every test tier: fmt, clippy, native tests, component tests in
           headless Chromium, and the Playwright suite
  bench    print the size of what the browser downloads, and other figures
           [words]: only the sections whose name contains one of them
  fuzz     schemathesis over /api/v1/openapi.json against the release server
           (demo club, temporary database), without and with a staff
           session: fails on any 5xx or answer the document does not
           describe [schemathesis options, e.g. --max-examples 100]
  setup    only install what is missing (version-checked)
  build    only build the app (dist/) and the release server
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::all(),
        Some("build") => setup::for_build().and_then(|()| build::release()),
        Some("run") => run(&args[1..]),
        Some("test") => test::all(&args[1..]),
        Some("bench") => bench::all(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..]),
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(extra: &[String]) -> shell::Result {
    setup::for_build()?;
    build::release()?;
    let root = shell::root();
    std::fs::create_dir_all(root.join("data")).map_err(|e| format!("cannot create data/: {e}"))?;
    let mut cmd = std::process::Command::new(build::server_bin());
    cmd.current_dir(&root)
        .args([
            "serve",
            "--addr",
            "127.0.0.1:8080",
            "--db",
            "data/frontdesk.db",
            "--dist",
            "dist",
            "--demo",
        ])
        .args(extra);
    println!("\nStarting Frontdesk on http://127.0.0.1:8080 (Ctrl-C stops it)");
    shell::run_status(&mut cmd)
}
