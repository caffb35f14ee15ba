//! Release builds: the app with Trunk into dist/, the server with cargo.

use std::path::PathBuf;

use crate::shell::{Result, cmd, root, run_status};

pub fn release() -> Result {
    app()?;
    server()
}

pub fn app() -> Result {
    // `--offline` after `build`: before it, it swallows the subcommand.
    run_status(cmd("trunk").args(["build", "--release", "--offline"]))
}

pub fn server() -> Result {
    run_status(cmd("cargo").args(["build", "--release", "--locked", "-p", "frontdesk-server"]))
}

pub fn server_bin() -> PathBuf {
    root().join("target/release/frontdesk-server")
}
