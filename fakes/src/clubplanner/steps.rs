//! The sales-step plan: which results each step offers, where each result
//! leads, and which results book an appointment.
//!
//! The seed shows only step 1091 and its results 27–33 (descriptions copied
//! exactly, trailing spaces included). Everything else here is INVENTED for
//! the fake, in this one place:
//!
//! | step | description | result → next step |
//! |---|---|---|
//! | 1091 | "" (first call) | 27 tour → 1092 (books), 28 trial lesson → 1093 (books), 29/30/31 → 1091, 32/33 → end |
//! | 1092 | Rondleiding | 34 member → end, 35 trial lesson → 1093 (books), 36 no-show → 1091, 37 thinking → 1094 |
//! | 1093 | Proefles | 38 member → end, 39 no-show → 1091, 40 not interested → end, 41 thinking → 1094 |
//! | 1094 | Opvolgen na bedenktijd | 42 member → end, 43 tour → 1092 (books), 44 not interested → end |
//!
//! Every prospect starts at [`FIRST_STEP`]; [`FINISHED`] (0) means the sales
//! process is over (see `assumed::finished_step`).

use serde::Serialize;

pub const FIRST_STEP: i64 = 1091;
/// The "step" of a prospect whose sales process is over.
pub const FINISHED: i64 = 0;

#[derive(Debug, Serialize)]
pub struct Step {
    pub id: i64,
    pub description: &'static str,
    pub results: &'static [StepResult],
}

#[derive(Debug, Serialize)]
pub struct StepResult {
    pub id: i64,
    pub description: &'static str,
    /// The step the prospect moves to ([`FINISHED`] ends the process).
    pub next_step: i64,
    /// Setting this result books an appointment: `fromdate` and `todate` are
    /// then required and a calendar item is created.
    pub books: bool,
}

const fn r(id: i64, description: &'static str, next_step: i64, books: bool) -> StepResult {
    StepResult {
        id,
        description,
        next_step,
        books,
    }
}

pub static PLAN: &[Step] = &[
    Step {
        id: 1091,
        description: "",
        results: &[
            r(27, "Afspraak maken voor rondleiding ", 1092, true),
            r(28, "Afspraak maken voor proefles ", 1093, true),
            r(29, "Geen gehoor ", 1091, false),
            r(30, "Klant later terugbellen ", 1091, false),
            r(31, "Belmoment verplaatsen ", 1091, false),
            r(32, "Klant heeft geen interesse", FINISHED, false),
            r(
                33,
                "Klant niet te bereiken, verkoopproces afronden",
                FINISHED,
                false,
            ),
        ],
    },
    Step {
        id: 1092,
        description: "Rondleiding",
        results: &[
            r(34, "Lid geworden", FINISHED, false),
            r(35, "Afspraak maken voor proefles", 1093, true),
            r(36, "Niet komen opdagen, opnieuw bellen", 1091, false),
            r(37, "Wil nog nadenken", 1094, false),
        ],
    },
    Step {
        id: 1093,
        description: "Proefles",
        results: &[
            r(38, "Lid geworden", FINISHED, false),
            r(39, "Niet komen opdagen, opnieuw bellen", 1091, false),
            r(40, "Klant heeft geen interesse", FINISHED, false),
            r(41, "Wil nog nadenken", 1094, false),
        ],
    },
    Step {
        id: 1094,
        description: "Opvolgen na bedenktijd",
        results: &[
            r(42, "Lid geworden", FINISHED, false),
            r(43, "Afspraak maken voor rondleiding", 1092, true),
            r(44, "Klant heeft geen interesse", FINISHED, false),
        ],
    },
];

pub fn step(id: i64) -> Option<&'static Step> {
    PLAN.iter().find(|s| s.id == id)
}
