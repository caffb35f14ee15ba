//! The release server on loopback for the browser sections, on a temporary
//! database with the demo club; stopped and cleaned up however the section
//! ends.

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

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

fn healthy(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.1 200")
}

/// Starts `serve --demo` with `extra` flags and waits until it answers
/// (seeding 100,000 prospects takes a while, hence the long wait).
pub fn start(port: u16, extra: &[&str]) -> Result<Server> {
    let data = std::env::temp_dir().join(format!("frontdesk-bench-{}-{port}", std::process::id()));
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
        .arg(data.join("bench.db"))
        .env("FRONTDESK_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start the server: {e}"))?;
    let server = Server {
        child,
        data,
        base: format!("http://127.0.0.1:{port}"),
    };
    let started = Instant::now();
    while !healthy(port) {
        if started.elapsed() > Duration::from_secs(300) {
            return Err("the server did not answer within 300 s".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(server)
}

/// The value after `name` in a script's one-line report.
pub fn field(line: &str, name: &str) -> String {
    line.split_whitespace()
        .skip_while(|w| *w != name)
        .nth(1)
        .unwrap_or("?")
        .to_owned()
}
