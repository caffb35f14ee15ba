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
           [--vendors]: the club on its vendors (the fakes of Clubplanner
           and OnlineAfspraken), not on the local store
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
    let vendors = extra.iter().any(|a| a == "--vendors");
    let extra: Vec<&String> = extra.iter().filter(|a| *a != "--vendors").collect();
    let mut cmd = std::process::Command::new(build::server_bin());
    cmd.current_dir(&root).args([
        "serve",
        "--addr",
        "127.0.0.1:8080",
        "--dist",
        "dist",
        "--demo",
    ]);
    // Messages land as files a person can open: data/mail/.
    let mut config = String::from("[mail]\ndir = \"data/mail\"\n");
    let _fakes = if vendors {
        config.push_str(VENDOR_DEMO);
        cmd.args(["--db", "data/frontdesk-vendors.db"])
            .env("CLUBPLANNER_TOKEN", "DEMOTOKEN")
            .env("ONLINEAFSPRAKEN_KEY", "DEMOKEY")
            .env("ONLINEAFSPRAKEN_SECRET", "DEMOSECRET");
        Some(start_fakes()?)
    } else {
        cmd.args(["--db", "data/frontdesk.db"]);
        None
    };
    // A --config of the person's own replaces the demo's.
    if !extra.iter().any(|a| a.as_str() == "--config") {
        let path = root.join("data/frontdesk-demo.toml");
        std::fs::write(&path, config).map_err(|e| format!("{}: {e}", path.display()))?;
        cmd.arg("--config").arg(&path);
    }
    cmd.args(extra);
    if vendors {
        println!(
            "\nThe club runs on its vendors: prospects are Clubplanner's, the booking agenda \
             OnlineAfspraken's (the fakes on http://127.0.0.1:8090, built from the vendors' \
             documents; their state: /_fake/state)"
        );
    }
    println!(
        "\nStarting Frontdesk on http://127.0.0.1:8080 (Ctrl-C stops it); messages go to data/mail/"
    );
    shell::run_status(&mut cmd)
}

/// The vendor demo's connectors, on the fakes below.
const VENDOR_DEMO: &str = "[connectors]\nprospects = \"clubplanner\"\n\
availability = \"onlineafspraken\"\nbookings = \"onlineafspraken\"\nagenda = \"onlineafspraken\"\n\n\
[clubplanner]\nbase_url = \"http://127.0.0.1:8090/clubplanner/api\"\ntoken_env = \"CLUBPLANNER_TOKEN\"\n\
sync_interval_s = 60\n\n\
[onlineafspraken]\nbase_url = \"http://127.0.0.1:8090/onlineafspraken/APIREST\"\n\
key_env = \"ONLINEAFSPRAKEN_KEY\"\nsecret_env = \"ONLINEAFSPRAKEN_SECRET\"\n\
timezone = \"Europe/Brussels\"\nrooms = [\"103\"]\nsync_interval_s = 300\n";

/// The fake vendors as a process, stopped with the demo.
struct Fakes(std::process::Child);

impl Drop for Fakes {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_fakes() -> shell::Result<Fakes> {
    let child = std::process::Command::new(build::fakes_bin())
        .args(["--addr", "127.0.0.1:8090", "--prospects", "300"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start the fake vendors: {e}"))?;
    // The server's first sync may come before the fakes answer; the list's
    // refresh (and the next sync, a minute on) brings them in.
    std::thread::sleep(std::time::Duration::from_millis(500));
    Ok(Fakes(child))
}
