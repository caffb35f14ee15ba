//! The real binary: starts on a free port, answers, logs one line per
//! request without the query string, and stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

#[test]
fn serves_logs_requests_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontdesk-server"))
        .args(["serve", "--addr", "127.0.0.1:0", "--dist"])
        .arg(dir.path().join("dist"))
        .arg("--db")
        .arg(dir.path().join("life.db"))
        .env("FRONTDESK_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let addr = line
        .trim()
        .strip_prefix("Frontdesk is running on http://")
        .expect(&line)
        .to_owned();

    let mut stream = TcpStream::connect(&addr).unwrap();
    stream
        .write_all(b"GET /api/v1/health?secret=do-not-log HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "exit after SIGTERM: {exit}");
    let mut logs = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut logs)
        .unwrap();
    let request_lines: Vec<&str> = logs
        .lines()
        .filter(|l| l.contains("/api/v1/health"))
        .collect();
    assert_eq!(request_lines.len(), 1, "{logs}");
    assert!(request_lines[0].contains("status=200"), "{logs}");
    assert!(
        !logs.contains("do-not-log"),
        "the query string must not be logged: {logs}"
    );
    assert!(
        logs.contains("shutting down") && logs.contains("stopped"),
        "{logs}"
    );
}
