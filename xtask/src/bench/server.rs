//! The release server for the browser sections (`crate::server`), and
//! reading a bench script's one-line report.

pub use crate::server::Server;
use crate::shell::Result;

/// `serve --demo` with `extra` flags, logging warnings only.
pub fn start(port: u16, extra: &[&str]) -> Result<Server> {
    crate::server::start(port, extra, "warn")
}

/// [`start`] with environment variables (a vendor's credentials).
pub fn start_with_env(port: u16, extra: &[&str], env: &[(&str, &str)]) -> Result<Server> {
    crate::server::start_with_env(port, extra, "warn", env)
}

/// The value after `name` in a script's one-line report.
pub fn field(line: &str, name: &str) -> String {
    line.split_whitespace()
        .skip_while(|w| *w != name)
        .nth(1)
        .unwrap_or("?")
        .to_owned()
}
