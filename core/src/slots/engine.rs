//! The hot path: candidate starts (rule 4), the sweep that finds the free
//! resources of every candidate (rules 4–6), and the grid (rule 7).
//!
//! Candidates are whole-second instants in increasing order, produced one
//! date at a time so the working set stays in cache. For each resource a
//! cursor walks its merged intervals and, inside them, the candidates, while
//! two pointers add busy items as they come within reach (sorted by start)
//! and drop them once they have ended (sorted by end). Between two such
//! events the load is constant, so whole runs of candidates are marked or
//! skipped at once. The cost is linear in candidates × resources + intervals
//! + busy items, with no allocation per candidate.

use std::ops::Range;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, TimeZone};

use super::clock::{DAY_SECS, Wall};
use super::format;
use super::output::{MaskTable, ResourceIds, Slot, SlotDay, SlotGrid};
use super::prepare::{Plan, Prepared};

/// A free resource of a candidate and how many bookings it can still take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub resource_id: String,
    /// 1 under resource scheduling; the places left under capacity
    /// scheduling.
    pub remaining: u32,
}

/// Where one resource's sweep stands: the first opening interval that may
/// still hold a later candidate, how many busy items (by start) have come
/// within reach and how many (by end) have ended, and their summed weight.
/// Candidates arrive in increasing order, day after day, so the cursor only
/// moves forward and the whole range costs one pass over each list.
#[derive(Debug, Clone, Copy, Default)]
struct Cursor {
    interval: usize,
    added: usize,
    dropped: usize,
    load: u64,
}

impl Prepared {
    /// Every bookable slot of every date in the range.
    pub fn grid(&self) -> SlotGrid {
        let words = self.names.len().div_ceil(64);
        let per_day = (DAY_SECS / self.step.max(1) + 1) as usize;
        let mut cursors = vec![Cursor::default(); self.plans.len()];
        let (mut at, mut offsets) = (Vec::with_capacity(per_day), Vec::with_capacity(per_day));
        let mut remaining: Vec<u32> = Vec::with_capacity(per_day);
        let mut stamps = format::Stamper::default();
        let mut latest_seen = i64::MIN;
        let mut days = Vec::with_capacity(self.day_count);
        for (day, map) in self.days.iter().take(self.day_count).enumerate() {
            at.clear();
            offsets.clear();
            self.day_candidates(day, true, &mut at, &mut offsets);
            if at.first().is_some_and(|&first| first <= latest_seen) {
                // Dates overlapping in time (never seen in the tz database):
                // the cursors cannot go back, so they start over.
                cursors.fill(Cursor::default());
            }
            latest_seen = latest_seen.max(at.last().copied().unwrap_or(i64::MIN));

            let mut bits = vec![0u64; at.len() * words];
            remaining.clear();
            remaining.resize(at.len(), 0);
            for (r, (plan, cursor)) in self.plans.iter().zip(&mut cursors).enumerate() {
                let (word, bit) = (r / 64, 1u64 << (r % 64));
                self.sweep(plan, cursor, &at, |run, left| {
                    for row in bits.chunks_exact_mut(words).skip(run.start).take(run.len()) {
                        row[word] |= bit;
                    }
                    for places in remaining.get_mut(run).into_iter().flatten() {
                        *places = places.saturating_add(left);
                    }
                });
            }

            let count = remaining.iter().filter(|&&left| left > 0).count();
            let mut slots = Vec::with_capacity(count);
            if count > 0 {
                let table = Arc::new(MaskTable {
                    names: Arc::clone(&self.names),
                    words,
                    bits,
                });
                let ends = self.end_offsets(day);
                for (c, ((&start, &offset), &left)) in
                    at.iter().zip(&offsets).zip(&remaining).enumerate()
                {
                    if left == 0 {
                        continue;
                    }
                    let end = start + self.duration;
                    slots.push(Slot {
                        start: stamps.rfc3339(start, offset),
                        end: stamps.rfc3339(end, ends.at(self, end)),
                        resource_ids: ResourceIds::new(Arc::clone(&table), c),
                        remaining: left,
                    });
                }
            }
            days.push(SlotDay {
                date: format::date(map.date),
                slots,
            });
        }
        SlotGrid { days }
    }

    /// The free resources for a booking starting exactly at `start`, sorted;
    /// empty when that is not a bookable slot. Runs the same candidate
    /// generation and sweep as [`Prepared::grid`], on that one candidate, so
    /// a booking check agrees with the grid a customer saw.
    pub fn openings_at<Z: TimeZone>(&self, start: &DateTime<Z>) -> Vec<Opening> {
        let mut openings = Vec::new();
        if start.timestamp_subsec_nanos() != 0 {
            return openings;
        }
        let instant = start.timestamp();
        let local = instant + i64::from(self.clock.offset_at(instant));
        let date = NaiveDate::from_num_days_from_ce_opt(
            i32::try_from(local.div_euclid(DAY_SECS) + EPOCH_DAYS_FROM_CE).unwrap_or(i32::MAX),
        );
        let Some(day) = date
            .map(|d| (d - self.from).num_days())
            .and_then(|i| usize::try_from(i).ok())
            .filter(|&i| i < self.day_count)
        else {
            return openings;
        };
        let (mut at, mut offsets) = (Vec::new(), Vec::new());
        self.day_candidates(day, true, &mut at, &mut offsets);
        if at.binary_search(&instant).is_err() {
            return openings;
        }
        for (name, plan) in self.names.iter().zip(&self.plans) {
            self.sweep(plan, &mut Cursor::default(), &[instant], |_, left| {
                openings.push(Opening {
                    resource_id: name.clone(),
                    remaining: left,
                });
            });
        }
        openings
    }

    /// Rules 4–6 for one resource over increasing candidate instants `at`
    /// (all later than those of earlier calls with the same cursor): calls
    /// `free(candidates, remaining)` for each run of candidates that fit one
    /// of the resource's intervals and have `remaining` places left.
    fn sweep(
        &self,
        plan: &Plan,
        cursor: &mut Cursor,
        at: &[i64],
        mut free: impl FnMut(Range<usize>, u32),
    ) {
        let mut c = 0;
        while let Some(&first) = at.get(c) {
            let Some(&(open, close)) = plan.intervals.get(cursor.interval) else {
                return;
            };
            // [s, s + duration) inside [open, close) means open <= s <= last.
            let last = close - self.duration;
            if last < first {
                cursor.interval += 1;
                continue;
            }
            c = first_after(at, c, open - 1);
            while let Some(&s) = at.get(c).filter(|&&s| s <= last) {
                // An item touches s when start < s + duration + buffer and
                // s < end: bring in those now within reach, drop those ended.
                let reach = s + self.reach;
                while let Some(b) = plan.busy.get(cursor.added).filter(|b| b.start < reach) {
                    cursor.load += b.weight;
                    cursor.added += 1;
                }
                while let Some(&(_, weight)) = plan.ends.get(cursor.dropped).filter(|e| e.0 <= s) {
                    cursor.load = cursor.load.saturating_sub(weight);
                    cursor.dropped += 1;
                }
                // The load holds for every candidate up to `until`: the next
                // item is still out of reach and the next end still ahead.
                let next_in = plan
                    .busy
                    .get(cursor.added)
                    .map_or(i64::MAX, |b| b.start - self.reach);
                let next_out = plan.ends.get(cursor.dropped).map_or(i64::MAX, |e| e.0 - 1);
                let until = last.min(next_in).min(next_out);
                let left = match self.capacity {
                    None => u32::from(cursor.load == 0),
                    Some(places) => u64::from(places).saturating_sub(cursor.load) as u32,
                };
                // At least `s` itself, so a broken invariant can cost
                // correctness but never hang the sweep.
                let run = c..first_after(at, c, until).max(c + 1);
                c = run.end;
                if left > 0 {
                    free(run, left);
                }
            }
        }
    }

    /// Rule 4 (and, with `window`, rule 5) for the date at index `day`:
    /// appends its candidates to `at` in increasing order, and the zone's
    /// offset at each (for writing it out) to `offsets`.
    pub(crate) fn day_candidates(
        &self,
        day: usize,
        window: bool,
        at: &mut Vec<i64>,
        offsets: &mut Vec<i32>,
    ) {
        let Some(map) = self.days.get(day) else {
            return;
        };
        let (earliest, latest) = if window {
            (self.earliest, self.latest)
        } else {
            (i64::MIN, i64::MAX)
        };
        let step = self.step.max(1);
        if let Some(offset) = map.uniform {
            // Every wall time exists once: walk the grid by arithmetic,
            // starting at the first step inside the window.
            let midnight = map.local_midnight - i64::from(offset);
            let first = earliest.saturating_sub(midnight).max(0);
            let mut t = first.div_euclid(step) * step;
            if t < first {
                t += step;
            }
            let last = latest.saturating_sub(midnight).min(DAY_SECS - 1);
            while t <= last {
                at.push(midnight + t);
                offsets.push(offset);
                t += step;
            }
            return;
        }
        let begin = at.len();
        let mut t = 0;
        while t < DAY_SECS {
            if let Wall::At { instant, offset } = self.clock.wall(map, t)
                && (earliest..=latest).contains(&instant)
            {
                at.push(instant);
                offsets.push(offset);
            }
            t += step;
        }
        if !at[begin..].is_sorted() {
            let mut pairs: Vec<(i64, i32)> =
                at.drain(begin..).zip(offsets.drain(begin..)).collect();
            pairs.sort_by_key(|p| p.0);
            for (instant, m) in pairs {
                at.push(instant);
                offsets.push(m);
            }
        }
    }

    /// How to find the offset at the end of a slot that starts on the date
    /// at index `day`: the start date's offset holds through `until` (the
    /// next date's midnight, or the one after when the next date is uniform
    /// with the same offset); past that, chrono-tz answers.
    fn end_offsets(&self, day: usize) -> EndOffsets {
        let uniform = |i: usize| self.days.get(i).and_then(|m| m.uniform.map(|o| (m, o)));
        let Some((map, offset)) = uniform(day) else {
            return EndOffsets {
                offset: 0,
                until: i64::MIN,
            };
        };
        let mut until = map.local_midnight + DAY_SECS - i64::from(offset);
        if let Some((next, next_offset)) = uniform(day + 1).filter(|&(_, o)| o == offset) {
            until = next.local_midnight + DAY_SECS - i64::from(next_offset);
        }
        EndOffsets { offset, until }
    }
}

/// See [`Prepared::end_offsets`].
struct EndOffsets {
    offset: i32,
    until: i64,
}

impl EndOffsets {
    fn at(&self, prepared: &Prepared, end: i64) -> i32 {
        if end <= self.until {
            self.offset
        } else {
            prepared.clock.offset_at(end)
        }
    }
}

/// The first index from `c` on whose candidate is after `limit`. Runs
/// between busy events are a handful of candidates, so a short scan beats
/// bisecting; long skips (a closed morning) still bisect.
fn first_after(at: &[i64], mut c: usize, limit: i64) -> usize {
    for _ in 0..8 {
        match at.get(c) {
            Some(&s) if s <= limit => c += 1,
            _ => return c,
        }
    }
    c + at
        .get(c..)
        .unwrap_or_default()
        .partition_point(|&s| s <= limit)
}

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01.
const EPOCH_DAYS_FROM_CE: i64 = 719_163;
