//! The release server on loopback, on a temporary database with the demo
//! club, for the bench's sections and the fuzz runs; stopped and cleaned up
//! however they end.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::build;
use crate::shell::{Result, root};

pub struct Server {
    child: Child,
    data: PathBuf,
    pub base: String,
}

impl Server {
    /// The server process's id, for reading its memory from /proc.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

/// One request over a fresh connection; the status line and the rest.
pub fn http(port: u16, request: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    stream.write_all(request.as_bytes())?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    Ok(answer)
}

fn healthy(port: u16) -> bool {
    let request = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    http(port, request).is_ok_and(|a| a.starts_with("HTTP/1.1 200"))
}

/// Starts `serve --demo` with `extra` flags, logging at `log` (a
/// `FRONTDESK_LOG` filter), and waits until it answers (seeding 100,000
/// prospects takes a while, hence the long wait).
pub fn start(port: u16, extra: &[&str], log: &str) -> Result<Server> {
    start_with_env(port, extra, log, &[])
}

/// [`start`] with environment variables: a vendor's credentials, which
/// `frontdesk.toml` names and never holds.
pub fn start_with_env(
    port: u16,
    extra: &[&str],
    log: &str,
    env: &[(&str, &str)],
) -> Result<Server> {
    // Another server there would be measured in this one's place.
    if TcpStream::connect(("127.0.0.1", port)).is_ok() {
        return Err(format!(
            "127.0.0.1:{port} is in use; stop what listens there"
        ));
    }
    let data = std::env::temp_dir().join(format!("frontdesk-xtask-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    let child = Command::new(build::server_bin())
        .current_dir(root())
        .args([
            "serve",
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--dist",
            "dist",
            "--demo",
        ])
        .args(extra)
        .arg("--db")
        .arg(data.join("frontdesk.db"))
        .env("FRONTDESK_LOG", log)
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start the server: {e}"))?;
    let mut server = Server {
        child,
        data,
        base: format!("http://127.0.0.1:{port}"),
    };
    let started = Instant::now();
    while !healthy(port) {
        if let Ok(Some(status)) = server.child.try_wait() {
            return Err(format!("the server stopped before answering ({status})"));
        }
        if started.elapsed() > Duration::from_secs(300) {
            return Err("the server did not answer within 300 s".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(server)
}
