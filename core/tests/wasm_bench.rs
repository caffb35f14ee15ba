//! The slot engine's figures in the browser: `cargo xtask bench` runs this
//! in headless Chromium with
//!
//! ```text
//! cargo test --release -p frontdesk-core --target wasm32-unknown-unknown --test wasm_bench
//! ```
//!
//! and re-prints its `slot-bench …` lines as a table (`-- --nocapture`
//! shows them). A bench, not a test
//! (DESIGN.md, "Test tiers"): it asserts nothing about time. It exists only
//! for wasm32 (natively this file is empty) and is ignored in unoptimised
//! builds, whose figures would mean nothing.
//!
//! It measures what `core/examples/slotgrid.rs --bench` measures natively:
//! `Prepared::grid` (candidates, sweep, output text and dropping the
//! result), with generating the scenario and `Prepared::new` excluded; the
//! latter is timed on its own.

#![cfg(target_arch = "wasm32")]

use frontdesk_core::slots::Prepared;
use frontdesk_core::slots::scenario::{self, Scenario};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Timed samples of the grid per scenario and scale (preparation: a tenth).
const RUNS: usize = 50;
const SCALES: [u32; 3] = [1, 2, 4];
/// `performance.now()` is coarsened (to 0.1 ms in Chromium without
/// cross-origin isolation; the bench prints the step it sees), so one
/// sample times as many consecutive calls as last at least this long, and
/// divides.
const MIN_SAMPLE_MS: f64 = 5.0;
/// V8 first compiles wasm with its baseline compiler and optimises hot
/// functions later, so each measurement first runs its work this long.
const WARM_UP_MS: f64 = 300.0;

#[wasm_bindgen_test]
#[cfg_attr(
    debug_assertions,
    ignore = "a bench: run it optimised (cargo xtask bench)"
)]
fn slot_engine_in_browser() {
    let performance = web_sys::window()
        .and_then(|window| window.performance())
        .expect("window.performance");
    let now = || performance.now();
    console_log!(
        "slot-bench-how samples {RUNS} prepare_samples {} warm_up_ms {WARM_UP_MS} \
         min_sample_ms {MIN_SAMPLE_MS} timer_step_ms {:.4}",
        RUNS.div_ceil(10),
        timer_step(&now),
    );
    for scenario in Scenario::ALL {
        for scale in SCALES {
            // As the browser gets it: with the zone table, no tz database.
            let mut av = scenario::generate(scenario, scale);
            av.attach_zone();
            let inputs = av.blocks.len() + av.busy.len();
            let prepared = Prepared::new(&av).expect("a valid scenario");
            let slots: usize = prepared.grid().days.iter().map(|d| d.slots.len()).sum();
            let grid = timed(&now, RUNS, || drop(std::hint::black_box(prepared.grid())));
            let prepare = timed(&now, RUNS.div_ceil(10), || {
                drop(std::hint::black_box(Prepared::new(&av).ok()));
            });
            // Same keys as the native example's `--bench` line.
            console_log!(
                "slot-bench {scenario} scale {scale} median_ms {:.4} min_ms {:.4} \
                 prepare_median_ms {:.4} slots {slots} runs {RUNS} batch {} inputs {inputs}",
                grid.median_ms,
                grid.min_ms,
                prepare.median_ms,
                grid.batch,
            );
        }
    }
}

/// The smallest step `now` is seen to advance by.
fn timer_step(now: &impl Fn() -> f64) -> f64 {
    (0..20)
        .map(|_| {
            let start = now();
            let mut next = now();
            while next == start {
                next = now();
            }
            next - start
        })
        .fold(f64::INFINITY, f64::min)
}

struct Timing {
    median_ms: f64,
    min_ms: f64,
    /// Calls per sample.
    batch: u32,
}

/// Median and minimum time per call of `work` over `samples` samples, each
/// timing `batch` consecutive calls, after a warm-up.
fn timed(now: &impl Fn() -> f64, samples: usize, mut work: impl FnMut()) -> Timing {
    let started = now();
    while now() - started < WARM_UP_MS {
        work();
    }
    let mut sample = |batch: u32| {
        let started = now();
        for _ in 0..batch {
            work();
        }
        (now() - started) / f64::from(batch)
    };
    // The fastest of three, so one interrupted sample does not stop the
    // doubling early.
    let mut batch = 1;
    while (0..3).map(|_| sample(batch)).fold(f64::INFINITY, f64::min) * f64::from(batch)
        < MIN_SAMPLE_MS
        && batch < 1 << 16
    {
        batch *= 2;
    }
    let mut times: Vec<f64> = (0..samples).map(|_| sample(batch)).collect();
    times.sort_by(f64::total_cmp);
    let mid = times.len() / 2;
    let median_ms = if times.len() % 2 == 1 {
        times[mid]
    } else {
        (times[mid - 1] + times[mid]) / 2.0
    };
    Timing {
        median_ms,
        min_ms: times[0],
        batch,
    }
}
