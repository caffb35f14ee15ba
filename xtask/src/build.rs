//! Release builds: the app with Trunk into dist/, the server with cargo.

use std::path::PathBuf;

use crate::shell::{Result, cmd, root, run_status};

pub fn release() -> Result {
    app()?;
    server()
}

/// Two bundles: the staff app into dist/, then the widget into
/// dist/widget/ (in that order: Trunk empties its own dist folder first).
pub fn app() -> Result {
    // `--offline` after `build`: before it, it swallows the subcommand.
    run_status(
        cmd("trunk")
            .args(["build", "--release", "--offline"])
            .env("CHRONO_TZ_TIMEZONE_FILTER", widget_zones()),
    )?;
    run_status(
        cmd("trunk")
            .args([
                "build",
                "--release",
                "--offline",
                "--dist",
                "dist/widget",
                "--public-url",
                "/widget/",
                "widget.html",
            ])
            .env("CHRONO_TZ_TIMEZONE_FILTER", widget_zones()),
    )
}

/// The time zones compiled into the browser bundles (the server knows them
/// all). Every zone costs download bytes; set FRONTDESK_WIDGET_ZONES (a
/// regular expression) to serve clubs elsewhere.
fn widget_zones() -> String {
    std::env::var("FRONTDESK_WIDGET_ZONES").unwrap_or_else(|_| "(Europe/.*|UTC)".to_owned())
}

/// The server, and the fake vendors the end-to-end suite and the vendor
/// demo run it against.
pub fn server() -> Result {
    run_status(cmd("cargo").args([
        "build",
        "--release",
        "--locked",
        "-p",
        "frontdesk-server",
        "-p",
        "frontdesk-fakes",
    ]))
}

pub fn server_bin() -> PathBuf {
    root().join("target/release/frontdesk-server")
}

pub fn fakes_bin() -> PathBuf {
    root().join("target/release/frontdesk-fakes")
}
