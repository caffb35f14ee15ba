//! "Why is nothing bookable on Tuesday": for one date, each resource's
//! opening hours and busy items, and the reason each candidate start was
//! kept or dropped.
//!
//! This is a diagnostic that checks each candidate by brute force, not the
//! sweep, so it stays easy to read; a test holds it to the grid's answers.

use std::fmt;

use chrono::NaiveDate;

use super::format;
use super::prepare::{Busy, Plan, Prepared};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayExplanation {
    pub date: String,
    /// Why the date has no candidates at all, if so.
    pub note: Option<String>,
    pub resources: Vec<ResourceExplanation>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceExplanation {
    pub resource_id: String,
    /// Merged opening intervals that overlap the date, `(start, end)`.
    pub open: Vec<(String, String)>,
    /// Busy items that can touch a candidate of the date.
    pub busy: Vec<BusyLine>,
    pub candidates: Vec<CandidateLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusyLine {
    pub start: String,
    pub end: String,
    /// Persons under capacity scheduling, else 1.
    pub weight: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateLine {
    pub start: String,
    pub verdict: Verdict,
}

/// The first rule that rejects a candidate for a resource, or `Free`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Starts before now + minimum notice.
    TooSoon,
    /// Starts after now + maximum time ahead.
    TooFarAhead,
    /// `[start, start + duration)` is not inside one opening interval.
    Closed,
    /// Busy items touching `[start, start + duration + buffer)` take it;
    /// `load` is their count (resource) or persons (capacity).
    Busy {
        load: u64,
    },
    Free {
        remaining: u32,
    },
}

impl Prepared {
    /// Explains one local date; dates outside the range get a note.
    pub fn explain(&self, date: NaiveDate) -> DayExplanation {
        let index = usize::try_from((date - self.from).num_days())
            .ok()
            .filter(|&i| i < self.day_count);
        let mut explanation = DayExplanation {
            date: format::date(date),
            note: None,
            resources: Vec::new(),
        };
        let Some(index) = index else {
            explanation.note = Some("the date is outside the range from..to".to_owned());
            return explanation;
        };
        let (mut at, mut offsets) = (Vec::new(), Vec::new());
        self.day_candidates(index, false, &mut at, &mut offsets);
        if at.is_empty() {
            explanation.note = Some("no wall time on the grid exists on this date".to_owned());
        }
        // Intervals that can hold a start of the date, and busy items that
        // can touch one: [midnight, next midnight + duration (+ buffer)).
        let midnight = |i: usize| self.clock.wall(&self.days[i], 0).instant();
        let (first, next) = (midnight(index), midnight(index + 1));
        for (name, plan) in self.names.iter().zip(&self.plans) {
            explanation.resources.push(self.explain_resource(
                name,
                plan,
                &at,
                &offsets,
                (first, next),
            ));
        }
        explanation
    }

    fn explain_resource(
        &self,
        name: &str,
        plan: &Plan,
        at: &[i64],
        offsets: &[i32],
        (midnight, next_midnight): (i64, i64),
    ) -> ResourceExplanation {
        let text = |instant: i64| format::rfc3339(instant, self.clock.offset_at(instant));
        let overlaps =
            |start: i64, end: i64, slack: i64| start < next_midnight + slack && midnight < end;
        ResourceExplanation {
            resource_id: name.to_owned(),
            open: plan
                .intervals
                .iter()
                .filter(|&&(open, close)| overlaps(open, close, self.duration))
                .map(|&(open, close)| (text(open).into(), text(close).into()))
                .collect(),
            busy: plan
                .busy
                .iter()
                .filter(|b| overlaps(b.start, b.end, self.reach))
                .map(|b| BusyLine {
                    start: text(b.start).into(),
                    end: text(b.end).into(),
                    weight: b.weight,
                })
                .collect(),
            candidates: at
                .iter()
                .zip(offsets)
                .map(|(&s, &offset)| CandidateLine {
                    start: format::rfc3339(s, offset).into(),
                    verdict: self.verdict(plan, s),
                })
                .collect(),
        }
    }

    fn verdict(&self, plan: &Plan, s: i64) -> Verdict {
        if s < self.earliest {
            return Verdict::TooSoon;
        }
        if s > self.latest {
            return Verdict::TooFarAhead;
        }
        let end = s + self.duration;
        if !plan
            .intervals
            .iter()
            .any(|&(open, close)| open <= s && end <= close)
        {
            return Verdict::Closed;
        }
        let touches = |b: &&Busy| b.start < s + self.reach && s < b.end;
        let load: u64 = plan.busy.iter().filter(touches).map(|b| b.weight).sum();
        let remaining = match self.capacity {
            None => u32::from(load == 0),
            Some(places) => u64::from(places).saturating_sub(load) as u32,
        };
        if remaining == 0 {
            Verdict::Busy { load }
        } else {
            Verdict::Free { remaining }
        }
    }
}

impl fmt::Display for DayExplanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.date)?;
        if let Some(note) = &self.note {
            writeln!(f, "  {note}")?;
        }
        for resource in &self.resources {
            writeln!(f, "resource {}", resource.resource_id)?;
            if resource.open.is_empty() {
                writeln!(f, "  open: never on this date (no block)")?;
            }
            for (open, close) in &resource.open {
                writeln!(f, "  open  {open} .. {close}")?;
            }
            for busy in &resource.busy {
                writeln!(
                    f,
                    "  busy  {} .. {} ({})",
                    busy.start, busy.end, busy.weight
                )?;
            }
            // Runs of starts with the same verdict, one line each.
            for run in resource.candidates.chunk_by(|a, b| a.verdict == b.verdict) {
                let (first, last) = (&run[0], &run[run.len() - 1]);
                match run.len() {
                    1 => writeln!(f, "  {}  {}", first.start, first.verdict)?,
                    n => writeln!(
                        f,
                        "  {} .. {}  {} ({n} starts)",
                        first.start, last.start, first.verdict
                    )?,
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::TooSoon => f.write_str("dropped: before now + minimum notice"),
            Verdict::TooFarAhead => f.write_str("dropped: after now + maximum time ahead"),
            Verdict::Closed => f.write_str("dropped: not inside one opening interval"),
            Verdict::Busy { load } => write!(f, "dropped: busy, load {load}"),
            Verdict::Free { remaining } => write!(f, "free, {remaining} left"),
        }
    }
}
