//! Reads an `Availability` (JSON) on stdin and writes its `SlotGrid` (JSON)
//! on stdout.
//!
//! ```text
//! slotgrid < availability.json              the grid
//! slotgrid --explain 2026-03-03 < av.json   why each start of that date is (not) bookable
//! slotgrid --bench 50 < av.json             time the grid 50 times: "median_ms X ..."
//! slotgrid --generate gym-year [--scale 2]  print a benchmark scenario's Availability
//! slotgrid --generate gym-year --zone       ... with the zone table the server attaches
//!                                           (the browser's path, no tz database)
//! ```
//!
//! The bench times `Prepared::grid` (candidates, sweep, output text and
//! dropping the result); reading the JSON and `Prepared::new` are excluded,
//! and the latter is reported separately as `prepare_median_ms`.

use std::io::{self, Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;
use frontdesk_core::slots::scenario::{self, Scenario};
use frontdesk_core::slots::{Availability, Prepared};

enum Mode {
    Grid,
    Explain(NaiveDate),
    Bench(usize),
    /// The scenario, its scale, and whether to attach the zone table.
    Generate(Scenario, u32, bool),
}

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("slotgrid: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Mode, String> {
    let mut mode = Mode::Grid;
    let mut scale = 1;
    let mut zone = false;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--bench" => {
                let n = value("--bench")?;
                mode = Mode::Bench(
                    n.parse()
                        .ok()
                        .filter(|&n| n > 0)
                        .ok_or(format!("bad --bench {n:?}"))?,
                );
            }
            "--explain" => {
                let date = value("--explain")?;
                let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                    .map_err(|_| format!("bad --explain date {date:?}"))?;
                mode = Mode::Explain(date);
            }
            "--generate" => mode = Mode::Generate(value("--generate")?.parse()?, 1, false),
            "--zone" => zone = true,
            "--scale" => {
                let k = value("--scale")?;
                scale = k
                    .parse()
                    .ok()
                    .filter(|&k| k > 0)
                    .ok_or(format!("bad --scale {k:?}"))?;
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if let Mode::Generate(scenario, _, _) = mode {
        mode = Mode::Generate(scenario, scale, zone);
    }
    Ok(mode)
}

const USAGE: &str = "usage: slotgrid [--explain DATE | --bench N | --generate widget-month|gym-year [--scale K] [--zone]] < availability.json";

fn run(mode: Mode) -> Result<(), String> {
    if let Mode::Generate(scenario, scale, zone) = mode {
        let mut av = scenario::generate(scenario, scale);
        if zone {
            av.attach_zone();
        }
        return write_json(&av);
    }
    let mut text = String::new();
    io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| format!("reading stdin: {e}"))?;
    let av: Availability =
        serde_json::from_str(&text).map_err(|e| format!("not an Availability: {e}"))?;
    let prepared = Prepared::new(&av).map_err(|e| format!("invalid availability: {e}"))?;
    match mode {
        Mode::Grid => write_json(&prepared.grid()),
        Mode::Explain(date) => {
            write!(io::stdout().lock(), "{}", prepared.explain(date)).map_err(|e| e.to_string())
        }
        Mode::Bench(runs) => {
            let mut slots = 0;
            let grid = median_ms(runs, || {
                let grid = std::hint::black_box(prepared.grid());
                slots = grid.days.iter().map(|day| day.slots.len()).sum();
            });
            // Preparation is excluded above; timed here on its own, fewer times.
            let prepare = median_ms(runs.div_ceil(10), || {
                std::hint::black_box(Prepared::new(&av).ok());
            });
            println!(
                "median_ms {:.4} min_ms {:.4} prepare_median_ms {:.4} slots {slots} runs {runs}",
                grid.0, grid.1, prepare.0
            );
            Ok(())
        }
        Mode::Generate(..) => Ok(()),
    }
}

/// Median and minimum wall time of `runs` calls of `work`, in milliseconds
/// (what `work` builds is dropped inside the timing).
fn median_ms(runs: usize, mut work: impl FnMut()) -> (f64, f64) {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let mid = times.len() / 2;
    let median = if times.len() % 2 == 1 {
        times[mid]
    } else {
        (times[mid - 1] + times[mid]) / 2.0
    };
    (median, times[0])
}

fn write_json<T: serde::Serialize>(value: &T) -> Result<(), String> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    serde_json::to_writer(&mut out, value).map_err(|e| e.to_string())?;
    writeln!(out)
        .and_then(|()| out.flush())
        .map_err(|e| e.to_string())
}
