//! The pipeline board with 1,000 deals on one board: first paint on cold
//! loads, and the time from a drop to the card standing in its new column,
//! in headless Chromium against the real release server.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::build;
use crate::shell::{Result, cmd, root, run_capture};

const PORT: u16 = 8391;
const RUNS: &str = "10";
const DROPS: &str = "40";

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

pub fn board() -> Result {
    let data = std::env::temp_dir().join(format!("frontdesk-bench-board-{}", std::process::id()));
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
    let server = Server(child);
    let started = Instant::now();
    while !healthy() {
        if started.elapsed() > Duration::from_secs(30) {
            return Err("the server did not answer within 30 s".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let before = super::load();
    let (out, ok) = run_capture(cmd("node").current_dir(root().join("end2end")).args([
        "bench/board.mjs",
        &format!("http://127.0.0.1:{PORT}"),
        RUNS,
        DROPS,
    ]))?;
    let after = super::load();
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
    if !ok {
        return Err("the board script failed".into());
    }
    let line = out
        .lines()
        .find(|l| l.starts_with("board "))
        .ok_or("no figures printed")?;
    let field = |name: &str| {
        line.split_whitespace()
            .skip_while(|w| *w != name)
            .nth(1)
            .unwrap_or("?")
            .to_owned()
    };
    println!("\nPipeline board: first paint and drop to settled");
    println!(
        "  headless Chromium (1600×900), release server on loopback, the demo club plus deals made through the API up to"
    );
    println!(
        "  {} cards on one board; {}; load {before} before, {after} after",
        field("cards"),
        super::machine()
    );
    println!(
        "  first paint, navigation start to the first card in the DOM, cold loads: runs {}: median {} ms, p95 {} ms (target < 300 ms)",
        field("paint_runs"),
        field("paint_median_ms"),
        field("paint_p95_ms")
    );
    println!(
        "  drop to settled, mouse pointerup to the card in its new column in the DOM (before the server answers):"
    );
    println!(
        "  drops {}: median {} ms, p95 {} ms, max {} ms (target p95 < 16 ms)",
        field("drops"),
        field("drop_median_ms"),
        field("drop_p95_ms"),
        field("drop_max_ms")
    );
    Ok(())
}
