//! The booking widget's time from opening to the first slots on screen, on
//! cold loads in headless Chromium against the real release server.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::build;
use crate::shell::{Result, cmd, root, run_capture};

const PORT: u16 = 8191;
const RUNS: &str = "15";

/// Stops the server however the section ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn healthy() -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", PORT)) else {
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

pub fn first_slots() -> Result {
    let data = std::env::temp_dir().join(format!("frontdesk-bench-{}", std::process::id()));
    std::fs::create_dir_all(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    let child = Command::new(build::server_bin())
        .current_dir(root())
        .args([
            "serve",
            "--addr",
            &format!("127.0.0.1:{PORT}"),
            "--dist",
            "dist",
            "--demo",
            "--db",
        ])
        .arg(data.join("bench.db"))
        .env("FRONTDESK_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start the server: {e}"))?;
    let _server = Server(child);
    let started = Instant::now();
    while !healthy() {
        if started.elapsed() > Duration::from_secs(30) {
            return Err("the server did not answer within 30 s".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let (out, ok) = run_capture(cmd("node").current_dir(root().join("end2end")).args([
        "bench/first-slots.mjs",
        &format!("http://127.0.0.1:{PORT}"),
        RUNS,
    ]))?;
    let _ = std::fs::remove_dir_all(&data);
    if !ok {
        return Err("the first-slots script failed".into());
    }
    let line = out
        .lines()
        .find(|l| l.starts_with("first-slots"))
        .ok_or("no figures printed")?;
    let field = |name: &str| {
        line.split_whitespace()
            .skip_while(|w| *w != name)
            .nth(1)
            .unwrap_or("?")
            .to_owned()
    };
    println!("\nBooking widget: opening to first slots on screen (cold loads)");
    println!(
        "  headless Chromium, a fresh browser context per run (no cache), release server on loopback with the demo"
    );
    println!(
        "  club; from navigation start to the first slot button in the DOM (/book/1?type=2&resource=any); {}",
        super::machine()
    );
    println!(
        "  runs {RUNS}: median {} ms, p95 {} ms, min {} ms, max {} ms (target < 400 ms)",
        field("median_ms"),
        field("p95_ms"),
        field("min_ms"),
        field("max_ms")
    );
    Ok(())
}
