//! Installs the pinned tools, each only when the right version is missing,
//! so a warm machine installs nothing.

use std::path::Path;

use crate::shell::{self, Result, cmd, output_of, run_status};

pub const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
const BINARYEN_VERSION: &str = "version_132";

/// Everything `cargo xtask test` and `bench` need.
pub fn all() -> Result {
    for_build()?;
    chromium()
}

/// What building the app needs: the wasm target, Trunk, wasm-bindgen and
/// binaryen (with the rest of the npm tools).
pub fn for_build() -> Result {
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    node_modules()
}

fn wasm_target() -> Result {
    let installed = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    run_status(cmd("rustup").args(["target", "add", WASM_TARGET]))
}

fn trunk() -> Result {
    if output_of("trunk", &["--version"]).is_some_and(|v| v == format!("trunk {TRUNK_VERSION}")) {
        return Ok(());
    }
    // 0.21.14: every 0.22 release needs a newer rustc than this machine has.
    run_status(cmd("cargo").args([
        "install",
        "trunk",
        "--version",
        TRUNK_VERSION,
        "--locked",
        "--no-default-features",
        "--features",
        "rustls",
    ]))
}

/// The CLI must equal the `wasm-bindgen` crate in Cargo.lock exactly.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(shell::root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn wasm_bindgen() -> Result {
    let want = wasm_bindgen_version()?;
    if output_of("wasm-bindgen", &["--version"])
        .is_some_and(|v| v == format!("wasm-bindgen {want}"))
    {
        return Ok(());
    }
    // Not --locked: the CLI's own lockfile wants a crate version the
    // registry mirror lacks.
    run_status(cmd("cargo").args(["install", "wasm-bindgen-cli", "--version", &want]))
}

fn node_modules() -> Result {
    let root = shell::root();
    let bin = root.join("end2end/node_modules/.bin");
    let ready = output_of(&bin.join("wasm-opt").display().to_string(), &["--version"])
        .is_some_and(|v| v.contains(BINARYEN_VERSION))
        && bin.join("playwright").exists()
        && is_newer(
            &root.join("end2end/node_modules/.package-lock.json"),
            &root.join("end2end/package-lock.json"),
        );
    if ready {
        return Ok(());
    }
    // Playwright's own browser download cannot work here; Debian's Chromium
    // is used instead (see end2end/playwright.config.ts).
    run_status(
        cmd("npm")
            .current_dir(root.join("end2end"))
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
            .args(["ci", "--no-audit", "--no-fund"]),
    )
}

fn is_newer(a: &Path, b: &Path) -> bool {
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    matches!((modified(a), modified(b)), (Some(a), Some(b)) if a >= b)
}

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn chromium() -> Result {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    run_status(cmd("apt-get").arg("update"))?;
    run_status(
        cmd("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args([
                "install",
                "-y",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
            ]),
    )
}
