//! Connectors (issue #18) against the fake vendors on loopback: the first
//! sync of 10,000 Clubplanner prospects into the mirror and a repeat when
//! nothing changed (the server's own timing, from its log), and the
//! proxy's own cost: one prospect read through Frontdesk (session, the
//! vendor read, the mirror's check) against the same read sent to the fake
//! directly, at 32 clients at once.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use crate::build;
use crate::shell::Result;

pub(super) const FAKES_PORT: u16 = 8195;
const PORT: u16 = 8196;
const PROSPECTS: usize = 10_000;
const CLIENTS: usize = 32;
const RUN: Duration = Duration::from_secs(5);

pub(super) struct Fakes(Child);

impl Drop for Fakes {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_fakes(prospects: usize) -> Result<Fakes> {
    start_fakes_with(&["--prospects", &prospects.to_string()])
}

pub(super) fn start_fakes_with(args: &[&str]) -> Result<Fakes> {
    let child = Command::new(build::fakes_bin())
        .args(["--addr", &format!("127.0.0.1:{FAKES_PORT}")])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start the fakes: {e}"))?;
    let fakes = Fakes(child);
    let started = Instant::now();
    while get_status(FAKES_PORT, "/_fake") != Some(200) {
        if started.elapsed() > Duration::from_secs(60) {
            return Err("the fakes did not answer within 60 s".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(fakes)
}

fn get_status(port: u16, path: &str) -> Option<u16> {
    let mut c = Conn::open(port).ok()?;
    c.get(path, &[]).ok().map(|(status, _)| status)
}

pub fn connectors() -> Result {
    println!("\nConnectors: Clubplanner's fake on loopback");
    println!(
        "  frontdesk-fakes with {PROSPECTS} generated prospects (+3 of the seed); the release server with prospects = \"clubplanner\", max_concurrent = {CLIENTS}; {}",
        super::machine()
    );
    let club = VendorClub::start(PROSPECTS)?;
    let log = club.log.clone();
    // (b) The first sync runs as the server starts; the repeat on demand.
    let first = &club.first;
    let cookie = sign_in()?;
    let mut c = Conn::open(PORT).map_err(|e| e.to_string())?;
    let (status, _) = c
        .request("POST", "/api/v1/sync/prospects", &[("Cookie", &cookie)], "")
        .map_err(|e| e.to_string())?;
    if status != 200 {
        return Err(format!("the repeat sync answered {status}"));
    }
    let repeat = wait_for_sync(&log, 2)?;
    println!(
        "  first sync of {} prospects (target < 2 s on loopback):",
        first.fetched
    );
    println!(
        "    {} ms, {} requests, {} written",
        first.ms, first.requests, first.changed
    );
    println!("  repeat sync, nothing changed:");
    println!(
        "    {} ms, {} requests, {} written; to know that, it read all {} (GetProspects has no \"changed since\"), and compared each record's digest with the mirror's",
        repeat.ms, repeat.requests, repeat.changed, repeat.fetched
    );

    // (a) One prospect read: through Frontdesk, and straight to the fake.
    let id = mirrored_id(&cookie)?;
    let fake_path = "/clubplanner/api/Sales/GetProspect?token=DEMOTOKEN&id=64";
    let ours = format!("/api/v1/prospects/{id}");
    for clients in [1, CLIENTS] {
        let direct = load(FAKES_PORT, fake_path, None, clients)?;
        let proxied = load(PORT, &ours, Some(&cookie), clients)?;
        println!(
            "  one prospect read, {clients} client(s) for {} s each (keep-alive HTTP/1.1; targets: under 1 ms added at the median, at least half the direct throughput at {CLIENTS}):",
            RUN.as_secs()
        );
        for (what, r) in [
            ("straight to the fake", &direct),
            ("through Frontdesk", &proxied),
        ] {
            println!(
                "    {what:<21} median {:.2} ms, p99 {:.2} ms, {:.0} requests/s ({} requests, {} errors)",
                r.median_ms, r.p99_ms, r.rps, r.count, r.errors
            );
        }
        println!(
            "    the proxy adds {:.2} ms at the median and keeps {:.0} % of the direct throughput",
            proxied.median_ms - direct.median_ms,
            100.0 * proxied.rps / direct.rps.max(1.0)
        );
    }
    println!(
        "    (the fake, the server and the client threads share the machine's cores: through Frontdesk each read costs the fake's work and the proxy's)"
    );
    drop(club);
    Ok(())
}

const CIRRUS_LEADS: usize = 10_000;

/// Cirrus (issue #19): a first sync of 10,000 leads through the connector
/// at 50 a page with 20 ms added to every request (the fake's `slow`
/// fault), and a repeat when nothing changed.
pub fn cirrus_sync() -> Result {
    println!("\nConnectors II: Cirrus's fake on loopback, 20 ms added to every request");
    println!(
        "  frontdesk-fakes with {CIRRUS_LEADS} generated leads; the release server with prospects = \"cirrus\", per_page = 50; {}",
        super::machine()
    );
    let fakes = start_fakes_with(&["--generated-cirrus-leads", &CIRRUS_LEADS.to_string()])?;
    let mut c = Conn::open(FAKES_PORT).map_err(|e| e.to_string())?;
    let (status, _) = c
        .request(
            "POST",
            "/_fake/faults",
            &[("Content-Type", "application/json")],
            r#"{"vendor":"cirrus","kind":"slow","ms":20,"times":1000000}"#,
        )
        .map_err(|e| e.to_string())?;
    if status != 200 && status != 201 && status != 204 {
        return Err(format!("the fakes refused the fault ({status})"));
    }
    let dir = std::env::temp_dir().join(format!("frontdesk-bench-cirrus-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let config = dir.join("frontdesk.toml");
    std::fs::write(
        &config,
        format!(
            "[connectors]\nprospects = \"cirrus\"\n[cirrus]\n\
             base_url = \"http://127.0.0.1:{FAKES_PORT}/cirrus\"\ntoken_env = \"CIRRUS_TOKEN\"\n\
             sync_interval_s = 3600\nper_page = 50\npages_at_once = 8\nmax_concurrent = 8\ntimeout_ms = 10000\n"
        ),
    )
    .map_err(|e| format!("{}: {e}", config.display()))?;
    let log = dir.join("server.log");
    let server = Server::start(&config, &log, &[("CIRRUS_TOKEN", "cirrus-demo-token")])?;
    let first = wait_for_sync(&log, 1)?;
    let cookie = sign_in()?;
    let mut c = Conn::open(PORT).map_err(|e| e.to_string())?;
    let (status, _) = c
        .request("POST", "/api/v1/sync/prospects", &[("Cookie", &cookie)], "")
        .map_err(|e| e.to_string())?;
    if status != 200 {
        return Err(format!("the repeat sync answered {status}"));
    }
    let repeat = wait_for_sync(&log, 2)?;
    println!("  first sync of {} leads (target < 3 s):", first.fetched);
    println!(
        "    {} ms, {} requests (8 pages of 50 at once), {} written",
        first.ms, first.requests, first.changed
    );
    println!("  repeat sync, nothing changed:");
    println!(
        "    {} ms, {} requests, {} written; to know that, it read all {} (the leads' list has no \"changed since\" filter, only a creation date), and compared each lead's digest with the mirror's",
        repeat.ms, repeat.requests, repeat.changed, repeat.fetched
    );
    drop(server);
    // The floor: the same lead pages asked of the fake straight, 8 at once,
    // in the order and pages the connector asks for (the fake's own work and
    // its 20 ms, on the cores the server shares with it).
    let pages = CIRRUS_LEADS.div_ceil(50) + 1;
    let alone = pages_straight(pages, 8)?;
    println!(
        "  the same {pages} lead pages asked of the fake straight, 8 at once: {} ms (the fake re-sorts all {CIRRUS_LEADS} leads for every page under its one state lock, so its pages queue; the rest of the first sync's time is the connector's and the mirror's)",
        alone.as_millis()
    );
    drop(fakes);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// `pages` lead pages of 50 from Cirrus's fake, `clients` at once, as the
/// connector asks for them; the time for all.
fn pages_straight(pages: usize, clients: usize) -> Result<Duration> {
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(1));
    let began = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|_| {
            let next = next.clone();
            std::thread::spawn(move || -> std::result::Result<(), String> {
                let mut conn = Conn::open(FAKES_PORT).map_err(|e| e.to_string())?;
                let mask = "{page,pages,per_page,total,items{id,contactname,contactsurname,contactcompany,contactcity,contactemail,created,updated}}";
                loop {
                    let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if n > pages {
                        return Ok(());
                    }
                    let path = format!("/cirrus/leads?sorting=age_asc&page={n}&per_page=50");
                    let headers = [("X-Token", "cirrus-demo-token"), ("X-Fields", mask)];
                    match conn.get(&path, &headers) {
                        Ok((200, _)) => {}
                        other => return Err(format!("{path}: {other:?}")),
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().map_err(|_| "a client thread panicked")??;
    }
    Ok(began.elapsed())
}

/// The release server of a club whose prospects are Clubplanner's (the
/// fake, with `prospects` generated), its first sync done; stopped and
/// cleaned up when dropped.
pub struct VendorClub {
    server: Option<Server>,
    fakes: Option<Fakes>,
    dir: PathBuf,
    log: PathBuf,
    pub base: String,
    /// The first sync, as the server logged it.
    first: Sync,
}

impl Drop for VendorClub {
    fn drop(&mut self) {
        drop(self.server.take());
        drop(self.fakes.take());
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl VendorClub {
    pub fn start(prospects: usize) -> Result<VendorClub> {
        let fakes = start_fakes(prospects)?;
        let dir =
            std::env::temp_dir().join(format!("frontdesk-bench-vendors-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let config = dir.join("frontdesk.toml");
        std::fs::write(
            &config,
            format!(
                "[connectors]\nprospects = \"clubplanner\"\n[clubplanner]\n\
                 base_url = \"http://127.0.0.1:{FAKES_PORT}/clubplanner/api\"\ntoken_env = \"CLUBPLANNER_TOKEN\"\n\
                 sync_interval_s = 3600\nmax_concurrent = {CLIENTS}\ntimeout_ms = 10000\n"
            ),
        )
        .map_err(|e| format!("{}: {e}", config.display()))?;
        let log = dir.join("server.log");
        let server = Server::start(&config, &log, &[("CLUBPLANNER_TOKEN", "DEMOTOKEN")])?;
        let first = wait_for_sync(&log, 1)?;
        Ok(VendorClub {
            server: Some(server),
            fakes: Some(fakes),
            dir,
            log,
            base: format!("http://127.0.0.1:{PORT}"),
            first,
        })
    }
}

/// The release server with `config`, its log (info) in `log`.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Server {
    fn start(config: &std::path::Path, log: &PathBuf, env: &[(&str, &str)]) -> Result<Server> {
        let file = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
        let child = Command::new(build::server_bin())
            .envs(env.iter().copied())
            .current_dir(crate::shell::root())
            .args([
                "serve",
                "--addr",
                &format!("127.0.0.1:{PORT}"),
                "--dist",
                "dist",
                "--demo",
            ])
            .arg("--config")
            .arg(config)
            .arg("--db")
            .arg(log.with_file_name("bench.db"))
            .env("FRONTDESK_LOG", "info,sqlx=warn")
            .stdout(Stdio::null())
            .stderr(file)
            .spawn()
            .map_err(|e| format!("could not start the server: {e}"))?;
        let mut server = Server(child);
        let started = Instant::now();
        while get_status(PORT, "/api/v1/health") != Some(200) {
            if let Ok(Some(status)) = server.0.try_wait() {
                return Err(format!("the server stopped ({status})"));
            }
            if started.elapsed() > Duration::from_secs(120) {
                return Err("the server did not answer within 120 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(server)
    }
}

struct Sync {
    ms: String,
    fetched: String,
    changed: String,
    requests: String,
}

/// The `n`th `sync` line of the server's log, waited for.
fn wait_for_sync(log: &PathBuf, n: usize) -> Result<Sync> {
    let started = Instant::now();
    loop {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| l.contains(" sync ") || l.trim_end().ends_with(" sync"))
            .filter(|l| l.contains("fetched="))
            .collect();
        if let Some(line) = lines.get(n - 1) {
            if !line.contains("outcome=\"complete\"") && !line.contains("outcome=complete") {
                return Err(format!("sync {n} did not complete: {line}"));
            }
            let field = |name: &str| {
                line.split_whitespace()
                    .find_map(|w| w.strip_prefix(&format!("{name}=")))
                    .unwrap_or("?")
                    .trim_matches('"')
                    .to_owned()
            };
            return Ok(Sync {
                ms: field("ms"),
                fetched: field("fetched"),
                changed: field("changed"),
                requests: field("requests"),
            });
        }
        if started.elapsed() > Duration::from_secs(120) {
            return Err(format!("no sync {n} in the server's log within 120 s"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn sign_in() -> Result<String> {
    let mut c = Conn::open(PORT).map_err(|e| e.to_string())?;
    let body = r#"{"email":"demo@frontdesk.test","password":"frontdesk-demo"}"#;
    let (status, head) = c
        .request_with_head(
            "POST",
            "/api/v1/session",
            &[("Content-Type", "application/json")],
            body,
        )
        .map_err(|e| e.to_string())?;
    if status != 200 {
        return Err(format!("signing in answered {status}"));
    }
    head.lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, v)| {
            k.eq_ignore_ascii_case("set-cookie") && v.trim().starts_with("frontdesk_session=")
        })
        .map(|(_, v)| v.trim().split(';').next().unwrap_or_default().to_owned())
        .ok_or_else(|| "no session cookie".to_owned())
}

/// Frontdesk's id of Clubplanner's prospect 64 (`QSqs`).
fn mirrored_id(cookie: &str) -> Result<i64> {
    let mut c = Conn::open(PORT).map_err(|e| e.to_string())?;
    let body = c
        .get_body("/api/v1/prospects?q=QSqs&limit=1", &[("Cookie", cookie)])
        .map_err(|e| e.to_string())?;
    body.split("\"id\":")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("no mirrored QSqs in {body}"))
}

struct Load {
    median_ms: f64,
    p99_ms: f64,
    rps: f64,
    count: usize,
    errors: usize,
}

/// `clients` keep-alive connections asking `path` again and again for
/// `RUN`; every latency kept.
fn load(port: u16, path: &str, cookie: Option<&str>, clients: usize) -> Result<Load> {
    let start = Arc::new(Barrier::new(clients + 1));
    let handles: Vec<_> = (0..clients)
        .map(|_| {
            let start = start.clone();
            let path = path.to_owned();
            let cookie = cookie.map(str::to_owned);
            std::thread::spawn(move || {
                let mut times = Vec::new();
                let mut errors = 0;
                let mut conn = Conn::open(port).ok();
                start.wait();
                let began = Instant::now();
                while began.elapsed() < RUN {
                    let headers: Vec<(&str, &str)> =
                        cookie.iter().map(|c| ("Cookie", c.as_str())).collect();
                    let t = Instant::now();
                    let ok = match conn.as_mut() {
                        Some(c) => matches!(c.get(&path, &headers), Ok((200, _))),
                        None => false,
                    };
                    if ok {
                        times.push(t.elapsed());
                    } else {
                        errors += 1;
                        conn = Conn::open(port).ok();
                    }
                }
                (times, errors)
            })
        })
        .collect();
    start.wait();
    let began = Instant::now();
    let mut times = Vec::new();
    let mut errors = 0;
    for h in handles {
        let (t, e) = h.join().map_err(|_| "a client thread panicked")?;
        times.extend(t);
        errors += e;
    }
    let took = began.elapsed();
    if times.is_empty() {
        return Err(format!("no request to :{port}{path} succeeded"));
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    Ok(Load {
        median_ms: ms(times[times.len() / 2]),
        p99_ms: ms(times[(times.len() * 99 / 100).min(times.len() - 1)]),
        rps: times.len() as f64 / took.as_secs_f64(),
        count: times.len(),
        errors,
    })
}

/// A keep-alive HTTP/1.1 connection: enough of the protocol for a bench
/// (Content-Length or chunked answers, no compression asked for).
struct Conn {
    reader: BufReader<TcpStream>,
}

impl Conn {
    fn open(port: u16) -> std::io::Result<Conn> {
        let stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        Ok(Conn {
            reader: BufReader::new(stream),
        })
    }

    fn get(&mut self, path: &str, headers: &[(&str, &str)]) -> std::io::Result<(u16, usize)> {
        let (status, _, body) = self.exchange("GET", path, headers, "")?;
        Ok((status, body.len()))
    }

    fn get_body(&mut self, path: &str, headers: &[(&str, &str)]) -> std::io::Result<String> {
        let (_, _, body) = self.exchange("GET", path, headers, "")?;
        Ok(String::from_utf8_lossy(&body).into_owned())
    }

    fn request(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> std::io::Result<(u16, Vec<u8>)> {
        let (status, _, body) = self.exchange(method, path, headers, body)?;
        Ok((status, body))
    }

    fn request_with_head(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> std::io::Result<(u16, String)> {
        let (status, head, _) = self.exchange(method, path, headers, body)?;
        Ok((status, head))
    }

    fn exchange(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> std::io::Result<(u16, String, Vec<u8>)> {
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (k, v) in headers {
            request.push_str(&format!("{k}: {v}\r\n"));
        }
        request.push_str("\r\n");
        request.push_str(body);
        self.reader.get_mut().write_all(request.as_bytes())?;
        let mut head = String::new();
        loop {
            let mut line = String::new();
            if self.reader.read_line(&mut line)? == 0 {
                return Err(std::io::Error::other("the connection closed"));
            }
            if line == "\r\n" {
                break;
            }
            head.push_str(&line);
        }
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let header = |name: &str| {
            head.lines()
                .filter_map(|l| l.split_once(':'))
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.trim().to_owned())
        };
        let mut body = Vec::new();
        if let Some(len) = header("content-length").and_then(|v| v.parse::<usize>().ok()) {
            body.resize(len, 0);
            self.reader.read_exact(&mut body)?;
        } else if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
            loop {
                let mut size = String::new();
                self.reader.read_line(&mut size)?;
                let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
                let mut chunk = vec![0; n + 2];
                self.reader.read_exact(&mut chunk)?;
                if n == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..n]);
            }
        }
        Ok((status, head, body))
    }
}
