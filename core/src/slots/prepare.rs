//! Turning an `Availability` into the engine's working form: validated,
//! every wall time resolved to an instant, each resource's opening hours
//! merged and its busy items sorted. Done once per input; the grid and the
//! booking check then only sweep.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::MAX_DAYS;
use super::clock::{Clock, DAY_SECS, DayMap};
use super::error::{SlotError, SlotErrorKind, excerpt};
use super::input::{Availability, Block, BusyItem, Scheduling};
use super::parse::{self, DAY_MIN};

/// The resource used when neither the appointment type nor any block names
/// one (rule 1).
pub const DEFAULT_RESOURCE: &str = "0";

/// A validated `Availability`, ready for [`Prepared::grid`] and
/// [`Prepared::openings_at`].
#[derive(Debug, Clone)]
pub struct Prepared {
    pub(crate) clock: Clock,
    pub(crate) from: NaiveDate,
    /// Number of dates from `from` to `to`.
    pub(crate) day_count: usize,
    /// One map per date from `from` to the day after `to`: slots on `to`
    /// may end on the next date.
    pub(crate) days: Vec<DayMap>,
    /// Grid step, duration and duration + buffer, in seconds.
    pub(crate) step: i64,
    pub(crate) duration: i64,
    pub(crate) reach: i64,
    /// Rule 5 as a closed window on the start instant.
    pub(crate) earliest: i64,
    pub(crate) latest: i64,
    /// Places per resource under capacity scheduling; `None` for resource
    /// scheduling.
    pub(crate) capacity: Option<u32>,
    /// Eligible resources, sorted; everything else refers to them by index.
    pub(crate) names: Arc<[String]>,
    pub(crate) plans: Vec<Plan>,
}

/// One resource's working data.
#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    /// Merged opening intervals `[open, close)`, sorted and disjoint, with
    /// gaps between them (rule 3).
    pub intervals: Vec<(i64, i64)>,
    /// Busy items sorted by start.
    pub busy: Vec<Busy>,
    /// The same items' `(end, weight)`, sorted by end, so a sweep can drop
    /// them in order too.
    pub ends: Vec<(i64, u64)>,
}

/// A busy item in whole seconds: the start rounded down and the end rounded
/// up, which keeps the half-open comparisons of rule 6 exact against
/// whole-second candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Busy {
    pub start: i64,
    pub end: i64,
    /// 1 under resource scheduling (any item takes the resource), persons
    /// under capacity scheduling.
    pub weight: u64,
}

impl Prepared {
    pub fn new(av: &Availability) -> Result<Self, SlotError> {
        let kind = &av.appointment_type;
        if av.align_grid_min == 0 {
            return Err(SlotError::new("align_grid_min", SlotErrorKind::Zero));
        }
        if kind.duration_min == 0 {
            return Err(SlotError::new(
                "appointment_type.duration_min",
                SlotErrorKind::Zero,
            ));
        }
        let capacity = match kind.scheduling {
            Scheduling::Resource => None,
            Scheduling::Capacity if kind.capacity == 0 => {
                return Err(SlotError::new(
                    "appointment_type.capacity",
                    SlotErrorKind::Zero,
                ));
            }
            Scheduling::Capacity => Some(kind.capacity),
        };
        let (from, day_count) = date_range(av)?;
        let clock = clock(av, from, day_count)?;
        let now = parse::instant(&av.now).map_err(|kind| SlotError::new("now", kind))?;
        let blocks = parse_blocks(&av.blocks)?;
        let busy = parse_busy(&av.busy, capacity.is_some())?;

        // One map per date, plus the day after `to`: slots of the last date
        // may end on it.
        let days = clock.days(from, day_count + 1);
        let names = eligible(av);
        let plans = plans(&names, &clock, from, &days, av, &blocks, &busy);
        let minutes = |m: u32| i64::from(m) * 60;
        Ok(Self {
            clock,
            from,
            day_count,
            days,
            step: minutes(av.align_grid_min),
            duration: minutes(kind.duration_min),
            reach: minutes(kind.duration_min) + minutes(kind.buffer_min),
            earliest: now.ceil() + minutes(kind.min_notice_min),
            latest: match kind.max_ahead_min {
                0 => i64::MAX,
                ahead => now.floor() + minutes(ahead),
            },
            capacity,
            names: names.into(),
            plans,
        })
    }

    /// The eligible resources, sorted (rule 1).
    pub fn resources(&self) -> &[String] {
        &self.names
    }

    /// The IANA name of the zone the wall times are read in.
    pub fn timezone(&self) -> &str {
        self.clock.name()
    }
}

/// The zone of the document: its `zone` table when sent (checked against
/// `timezone` and the dates), else `timezone` from the tz database when
/// built in (feature `tzdb`).
fn clock(av: &Availability, from: NaiveDate, day_count: usize) -> Result<Clock, SlotError> {
    if let Some(zone) = &av.zone {
        if zone.name() != av.timezone {
            return Err(SlotError::new(
                "zone",
                SlotErrorKind::ZoneMismatch(excerpt(zone.name())),
            ));
        }
        let to = from
            .checked_add_days(chrono::Days::new(day_count as u64 - 1))
            .unwrap_or(from);
        if !zone.covers(from, to) {
            return Err(SlotError::new("zone", SlotErrorKind::ZoneTooShort));
        }
        return Ok(Clock::Table(Arc::new(zone.clone())));
    }
    tzdb_clock(&av.timezone).ok_or_else(|| {
        SlotError::new(
            "timezone",
            SlotErrorKind::UnknownTimezone(excerpt(&av.timezone)),
        )
    })
}

#[cfg(feature = "tzdb")]
fn tzdb_clock(name: &str) -> Option<Clock> {
    name.parse().ok().map(Clock::Tz)
}

/// Without the tz database only a `zone` table tells the offsets.
#[cfg(not(feature = "tzdb"))]
fn tzdb_clock(_name: &str) -> Option<Clock> {
    None
}

/// `from` and the number of dates through `to`.
fn date_range(av: &Availability) -> Result<(NaiveDate, usize), SlotError> {
    let from = parse::date(&av.from).map_err(|kind| SlotError::new("from", kind))?;
    let to = parse::date(&av.to).map_err(|kind| SlotError::new("to", kind))?;
    if to < from {
        return Err(SlotError::new(
            "to",
            SlotErrorKind::RangeReversed(av.from.clone()),
        ));
    }
    let count = (to - from).num_days() + 1;
    if count > MAX_DAYS as i64 {
        return Err(SlotError::new("to", SlotErrorKind::RangeTooLong(count)));
    }
    Ok((from, count as usize))
}

/// A block with its date and wall times parsed (minutes since midnight).
struct WallBlock {
    date: NaiveDate,
    start: u32,
    end: u32,
}

fn parse_blocks(blocks: &[Block]) -> Result<Vec<WallBlock>, SlotError> {
    let parse = |block: &Block| -> Result<WallBlock, (&str, SlotErrorKind)> {
        let date = parse::date(&block.date).map_err(|kind| ("date", kind))?;
        let start = parse::wall_time(&block.start, false).map_err(|kind| ("start", kind))?;
        let end = parse::wall_time(&block.end, true).map_err(|kind| ("end", kind))?;
        // Compared as wall times: the instants of a block inside a fall-back
        // hour may legitimately collapse, but a reversed block is a typo.
        if end < start {
            return Err(("end", SlotErrorKind::EndBeforeStart(block.start.clone())));
        }
        Ok(WallBlock { date, start, end })
    };
    blocks
        .iter()
        .enumerate()
        .map(|(i, block)| {
            parse(block).map_err(|(name, kind)| SlotError::new(format!("blocks[{i}].{name}"), kind))
        })
        .collect()
}

fn parse_busy(items: &[BusyItem], by_persons: bool) -> Result<Vec<Busy>, SlotError> {
    let parse = |item: &BusyItem| -> Result<Busy, (&str, SlotErrorKind)> {
        let start = parse::instant(&item.start).map_err(|kind| ("start", kind))?;
        let end = parse::instant(&item.end).map_err(|kind| ("end", kind))?;
        if end < start {
            return Err(("end", SlotErrorKind::EndBeforeStart(excerpt(&item.start))));
        }
        Ok(Busy {
            start: start.floor(),
            end: end.ceil(),
            weight: if by_persons {
                u64::from(item.persons)
            } else {
                1
            },
        })
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            parse(item).map_err(|(name, kind)| SlotError::new(format!("busy[{i}].{name}"), kind))
        })
        .collect()
}

/// Each eligible resource's merged intervals (rules 2 and 3) and sorted
/// busy items. A block or busy item naming no resource goes to all; one
/// naming a resource that is not eligible goes nowhere.
fn plans(
    names: &[String],
    clock: &Clock,
    from: NaiveDate,
    days: &[DayMap],
    av: &Availability,
    blocks: &[WallBlock],
    busy: &[Busy],
) -> Vec<Plan> {
    let mut plans = vec![Plan::default(); names.len()];
    let targets = |id: &Option<String>| -> Targets {
        match id {
            None => Targets::All,
            Some(id) => names.binary_search(id).map_or(Targets::None, Targets::One),
        }
    };
    let mut resolver = Resolver {
        clock,
        from,
        days,
        extra: HashMap::new(),
    };
    for (block, raw) in blocks.iter().zip(&av.blocks) {
        let (open, close) = resolver.span(block);
        if open < close {
            targets(&raw.resource_id).each(&mut plans, |plan| plan.intervals.push((open, close)));
        }
    }
    for (item, raw) in busy.iter().zip(&av.busy) {
        targets(&raw.resource_id).each(&mut plans, |plan| plan.busy.push(*item));
    }
    for plan in &mut plans {
        plan.intervals = merge(std::mem::take(&mut plan.intervals));
        plan.busy.sort_unstable_by_key(|b| b.start);
        plan.ends = plan.busy.iter().map(|b| (b.end, b.weight)).collect();
        plan.ends.sort_unstable_by_key(|e| e.0);
    }
    plans
}

/// Rule 1: the appointment type's resources, else those named by blocks,
/// else the single default resource; sorted and distinct.
fn eligible(av: &Availability) -> Vec<String> {
    let mut names: Vec<String> = if av.appointment_type.resource_ids.is_empty() {
        av.blocks
            .iter()
            .filter_map(|b| b.resource_id.clone())
            .collect()
    } else {
        av.appointment_type.resource_ids.clone()
    };
    names.sort_unstable();
    names.dedup();
    if names.is_empty() {
        names.push(DEFAULT_RESOURCE.to_owned());
    }
    names
}

/// Which plans a block or busy item applies to.
enum Targets {
    All,
    One(usize),
    /// Names a resource that is not eligible: ignored.
    None,
}

impl Targets {
    fn each(self, plans: &mut [Plan], mut f: impl FnMut(&mut Plan)) {
        match self {
            Targets::All => plans.iter_mut().for_each(f),
            Targets::One(i) => {
                if let Some(plan) = plans.get_mut(i) {
                    f(plan)
                }
            }
            Targets::None => {}
        }
    }
}

/// Resolves block wall times, reusing the per-date maps of the range and
/// caching those of dates outside it.
struct Resolver<'a> {
    clock: &'a Clock,
    from: NaiveDate,
    days: &'a [DayMap],
    extra: HashMap<NaiveDate, DayMap>,
}

impl Resolver<'_> {
    fn day(&mut self, date: NaiveDate) -> DayMap {
        let offset = (date - self.from).num_days();
        if let Some(day) = usize::try_from(offset).ok().and_then(|i| self.days.get(i)) {
            return *day;
        }
        let clock = self.clock;
        *self.extra.entry(date).or_insert_with(|| clock.day(date))
    }

    /// The block's instants under rule 2; `24:00` is the next date's
    /// midnight, itself subject to rule 2.
    fn span(&mut self, block: &WallBlock) -> (i64, i64) {
        let day = self.day(block.date);
        let open = self.clock.wall(&day, i64::from(block.start) * 60).instant();
        let close = if block.end == DAY_MIN {
            match block.date.succ_opt() {
                Some(next) => {
                    let next = self.day(next);
                    self.clock.wall(&next, 0).instant()
                }
                None => self.clock.wall(&day, DAY_SECS).instant(),
            }
        } else {
            self.clock.wall(&day, i64::from(block.end) * 60).instant()
        };
        (open, close)
    }
}

/// Rule 3: the union of intervals, with touching ones joined.
fn merge(mut intervals: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    intervals.sort_unstable();
    let mut merged: Vec<(i64, i64)> = Vec::with_capacity(intervals.len());
    for (open, close) in intervals {
        match merged.last_mut() {
            Some(last) if open <= last.1 => last.1 = last.1.max(close),
            _ => merged.push((open, close)),
        }
    }
    merged
}
