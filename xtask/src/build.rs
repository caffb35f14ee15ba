//! Release builds: the app with Trunk into dist/, the server with cargo.

use std::path::PathBuf;

use crate::shell::{Result, cmd, root, run_status};

pub fn release() -> Result {
    app()?;
    server()
}

/// Two bundles: the staff app into dist/, then the widget into
/// dist/widget/ (in that order: Trunk empties its own dist folder first).
/// Neither carries a tz database: the server sends the club's zone with
/// the documents that need it (docs/booking.md, "Time zones in the
/// browser").
pub fn app() -> Result {
    // `--offline` after `build`: before it, it swallows the subcommand.
    run_status(cmd("trunk").args(["build", "--release", "--offline"]))?;
    run_status(cmd("trunk").args([
        "build",
        "--release",
        "--offline",
        "--dist",
        "dist/widget",
        "--public-url",
        "/widget/",
        "widget.html",
    ]))
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
