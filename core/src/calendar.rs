//! The front-desk calendar's layout rules: where appointments, opening
//! hours and free slots sit in a time grid of one column per date and
//! resource. Plain functions over minutes since local midnight, so the
//! page only draws what they decide.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate, Timelike};

use crate::slots::SlotGrid;

/// Minutes in a day; `24:00` is this.
pub const DAY_MIN: u32 = 24 * 60;

/// `HH:MM` (or `24:00`) as minutes since local midnight.
pub fn wall_minutes(text: &str) -> Option<u32> {
    let (h, m) = text.trim().split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    let minutes = h * 60 + m;
    (m < 60 && minutes <= DAY_MIN).then_some(minutes)
}

/// Minutes since midnight as `HH:MM`.
pub fn wall_text(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The Monday of `date`'s week (weeks start on Monday in Belgium and
/// France, as in the widget's month view).
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// `minutes` rounded to the nearest multiple of `step`, kept in the day.
pub fn snap(minutes: i64, step: u32) -> u32 {
    let step = i64::from(step.max(1));
    let snapped = (minutes + step / 2).div_euclid(step) * step;
    snapped.clamp(0, i64::from(DAY_MIN)) as u32
}

/// The hours the grid shows: from the whole hour at or before the earliest
/// start to the whole hour at or after the latest end of `spans`, and at
/// least `default` (the usual working day) when they fit inside it.
pub fn hours_shown(spans: impl IntoIterator<Item = (u32, u32)>, default: (u32, u32)) -> (u32, u32) {
    let (mut first, mut last) = default;
    for (start, end) in spans {
        first = first.min(start);
        last = last.max(end.min(DAY_MIN));
    }
    let first = first / 60 * 60;
    let last = last.div_ceil(60) * 60;
    (first, last.clamp(first + 60, DAY_MIN))
}

/// Side by side within one column: for each span (start, end), its lane
/// and how many lanes its group of overlapping spans needs, so that no two
/// spans that overlap share a lane and every span is as wide as its
/// group allows. Empty spans count as one minute long.
pub fn lanes(spans: &[(u32, u32)]) -> Vec<(u16, u16)> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].0, spans[i].1));
    let end_of = |i: usize| spans[i].1.max(spans[i].0 + 1);
    let mut placed = vec![(0u16, 1u16); spans.len()];
    let mut group: Vec<usize> = Vec::new();
    // Each lane's end within the current group.
    let mut lane_ends: Vec<u32> = Vec::new();
    let mut group_end = 0u32;
    let close = |group: &mut Vec<usize>, lane_ends: &mut Vec<u32>, placed: &mut [(u16, u16)]| {
        let count = lane_ends.len().max(1) as u16;
        for &i in group.iter() {
            placed[i].1 = count;
        }
        group.clear();
        lane_ends.clear();
    };
    for i in order {
        let (start, end) = (spans[i].0, end_of(i));
        if !group.is_empty() && start >= group_end {
            close(&mut group, &mut lane_ends, &mut placed);
        }
        let lane = match lane_ends.iter().position(|&e| e <= start) {
            Some(free) => {
                lane_ends[free] = end;
                free
            }
            None => {
                lane_ends.push(end);
                lane_ends.len() - 1
            }
        };
        placed[i].0 = lane as u16;
        group_end = if group.is_empty() {
            end
        } else {
            group_end.max(end)
        };
        group.push(i);
    }
    close(&mut group, &mut lane_ends, &mut placed);
    placed
}

/// One free start of a slot grid, in the column of one resource.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FreeStart {
    /// Local date, `YYYY-MM-DD`.
    pub date: String,
    /// Local wall time of the start, minutes since midnight.
    pub minute: u32,
    /// How long it lasts, in minutes of elapsed time.
    pub minutes: u32,
    /// The slot's start as the engine wrote it (RFC 3339, the club's
    /// offset): what a booking sends.
    pub start: String,
}

/// The free slots of `grid` per resource column: each slot once under every
/// resource free for it. The same grid the widget offers, only spread over
/// the columns; its union over resources is exactly the widget's list.
pub fn free_by_resource(grid: &SlotGrid) -> BTreeMap<String, Vec<FreeStart>> {
    let mut columns: BTreeMap<String, Vec<FreeStart>> = BTreeMap::new();
    for day in &grid.days {
        for slot in &day.slots {
            let (Some(start), Some(end)) = (slot.start.to_datetime(), slot.end.to_datetime())
            else {
                continue;
            };
            let free = FreeStart {
                date: day.date.clone(),
                minute: start.hour() * 60 + start.minute(),
                minutes: u32::try_from((end - start).num_minutes()).unwrap_or(0),
                start: slot.start.to_string(),
            };
            for id in slot.resource_ids.iter() {
                columns.entry(id.to_owned()).or_default().push(free.clone());
            }
        }
    }
    columns
}

/// The columns a horizontally scrolled grid draws, as `lo..hi`: every column
/// that shows between `x0` and `x1` (pixels from the first column's left
/// edge; `per_col` pixels each), `overscan` more on each side so a move by
/// keyboard or a short scroll finds its neighbours drawn, widened to whole
/// `chunk`s so a scroll of a few pixels draws nothing new. The week of 20
/// coaches has 140 columns and a screen shows about a dozen: drawing only
/// those is what keeps the week fast.
pub fn columns_in_view(
    x0: f64,
    x1: f64,
    per_col: f64,
    count: usize,
    overscan: usize,
    chunk: usize,
) -> (usize, usize) {
    if count == 0 {
        return (0, 0);
    }
    if !(per_col > 0.0 && x0.is_finite() && x1.is_finite()) {
        return (0, count);
    }
    let chunk = chunk.max(1);
    let first = (x0.min(x1) / per_col).floor().max(0.0) as usize;
    let last = (x0.max(x1) / per_col).ceil().max(0.0) as usize;
    let lo = first.min(count - 1).saturating_sub(overscan) / chunk * chunk;
    let hi = last
        .saturating_add(overscan)
        .div_ceil(chunk)
        .saturating_mul(chunk)
        .max(lo + chunk);
    (lo, hi.min(count))
}

/// Which appointment (its index in the load's list) each of the grid's
/// appointment buttons shows, in the load `generation`, in the list's
/// order; a button is known by its number (the page's key for it). A
/// button is a place in that list, not one appointment: another load (the
/// next week) gives the `k`th appointment drawn the `k`th button, so the
/// page rewrites the buttons it has instead of drawing them anew, and only
/// the ones it has more or fewer of come or go. Within one load an
/// appointment keeps its button while it stays among the columns drawn (a
/// scroll adds buttons for those that came and takes those of the ones
/// that left away). Either way the buttons kept keep their order, so none
/// is moved in the document (which would take the focus from it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Slots {
    pub generation: u64,
    /// `(button, appointment)`, in the layout's order.
    pub shows: Vec<(u64, usize)>,
    by_button: HashMap<u64, usize>,
    /// The last button number given.
    last: u64,
}

impl Slots {
    /// The buttons for `wanted` (the appointments to draw, in the layout's
    /// order) in load `generation`, after `was`.
    pub fn next(was: Option<&Slots>, generation: u64, wanted: Vec<usize>) -> Slots {
        let mut last = was.map_or(0, |w| w.last);
        let mut fresh = || {
            last += 1;
            last
        };
        let shows: Vec<(u64, usize)> = match was {
            Some(w) if w.generation == generation => {
                let button: HashMap<usize, u64> = w.shows.iter().map(|&(b, i)| (i, b)).collect();
                wanted
                    .into_iter()
                    .map(|i| (button.get(&i).copied().unwrap_or_else(&mut fresh), i))
                    .collect()
            }
            _ => {
                let old = was.map_or(&[][..], |w| &w.shows[..]);
                wanted
                    .into_iter()
                    .enumerate()
                    .map(|(k, i)| (old.get(k).map_or_else(&mut fresh, |&(b, _)| b), i))
                    .collect()
            }
        };
        Slots {
            generation,
            by_button: shows.iter().copied().collect(),
            shows,
            last,
        }
    }

    /// The appointment `button` shows.
    pub fn appointment_of(&self, button: u64) -> Option<usize> {
        self.by_button.get(&button).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slots::{AppointmentType, Availability, Block, BusyItem, compute};

    fn slots(generation: u64, shows: &[(u64, usize)]) -> Slots {
        Slots {
            generation,
            shows: shows.to_vec(),
            by_button: shows.iter().copied().collect(),
            last: shows.iter().map(|&(b, _)| b).max().unwrap_or(0),
        }
    }

    #[test]
    fn another_load_takes_the_buttons_in_order() {
        let was = slots(1, &[(1, 7), (2, 3), (3, 9)]);
        let next = Slots::next(Some(&was), 2, vec![1, 2]);
        assert_eq!(next.shows, vec![(1, 1), (2, 2)]);
        assert_eq!(next.appointment_of(2), Some(2));
        assert_eq!(next.appointment_of(3), None);
        // More than before: new buttons after the ones kept.
        let more = Slots::next(Some(&next), 3, vec![5, 6, 8]);
        assert_eq!(more.shows, vec![(1, 5), (2, 6), (4, 8)]);
        assert_eq!(Slots::next(None, 1, vec![4, 5]).shows, vec![(1, 4), (2, 5)]);
    }

    #[test]
    fn within_a_load_each_keeps_its_button_in_order() {
        let was = slots(1, &[(1, 3), (2, 7), (3, 9)]);
        // 3 left, 8 and 10 came: new buttons for them, the rest kept, in
        // the list's order (so none of the kept ones moves).
        let next = Slots::next(Some(&was), 1, vec![7, 8, 9, 10]);
        assert_eq!(next.shows, vec![(2, 7), (4, 8), (3, 9), (5, 10)]);
        assert_eq!(next.appointment_of(4), Some(8));
        assert_eq!(Slots::next(Some(&was), 1, vec![]).shows, vec![]);
        assert_eq!(Slots::next(Some(&was), 1, vec![3, 7, 9]), was);
    }

    #[test]
    fn wall_times_read_and_write() {
        assert_eq!(wall_minutes("09:30"), Some(570));
        assert_eq!(wall_minutes("24:00"), Some(DAY_MIN));
        assert_eq!(wall_minutes("24:01"), None);
        assert_eq!(wall_minutes("9:30"), None);
        assert_eq!(wall_minutes("09:60"), None);
        assert_eq!(wall_text(570), "09:30");
    }

    #[test]
    fn weeks_start_on_monday() {
        let sunday = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert_eq!(
            week_start(sunday),
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
        );
        let monday = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert_eq!(week_start(monday), monday);
    }

    #[test]
    fn snapping_rounds_to_the_step_within_the_day() {
        assert_eq!(snap(547, 15), 540);
        assert_eq!(snap(548, 15), 555);
        assert_eq!(snap(-20, 15), 0);
        assert_eq!(snap(2000, 15), DAY_MIN);
        assert_eq!(snap(7, 0), 7);
    }

    #[test]
    fn the_hours_shown_cover_every_span() {
        assert_eq!(hours_shown([], (480, 1080)), (480, 1080));
        assert_eq!(
            hours_shown([(425, 500), (1000, 1150)], (480, 1080)),
            (420, 1200)
        );
        assert_eq!(hours_shown([(1400, 1440)], (480, 1080)), (480, 1440));
    }

    #[test]
    fn overlapping_spans_share_the_width() {
        let spans = [(540, 600), (570, 630), (600, 660), (700, 720)];
        assert_eq!(lanes(&spans), vec![(0, 2), (1, 2), (0, 2), (0, 1)]);
    }

    fn brussels_day() -> Availability {
        Availability {
            timezone: "Europe/Brussels".into(),
            align_grid_min: 30,
            appointment_type: AppointmentType {
                duration_min: 60,
                buffer_min: 0,
                min_notice_min: 0,
                max_ahead_min: 0,
                scheduling: Default::default(),
                capacity: 1,
                resource_ids: vec![],
            },
            from: "2026-03-29".into(),
            to: "2026-03-30".into(),
            blocks: vec![
                Block {
                    resource_id: Some("1".into()),
                    date: "2026-03-29".into(),
                    start: "01:00".into(),
                    end: "05:00".into(),
                },
                Block {
                    resource_id: Some("2".into()),
                    date: "2026-03-30".into(),
                    start: "09:00".into(),
                    end: "12:00".into(),
                },
            ],
            busy: vec![BusyItem {
                resource_id: Some("2".into()),
                start: "2026-03-30T10:00:00+02:00".into(),
                end: "2026-03-30T11:00:00+02:00".into(),
                persons: 1,
            }],
            now: "2026-03-01T00:00:00Z".into(),
            zone: None,
        }
    }

    #[test]
    fn free_starts_spread_the_widgets_grid_over_its_resources() {
        let grid = compute(&brussels_day()).unwrap();
        let columns = free_by_resource(&grid);
        // Union over the columns, as (start, date): the widget's list.
        let mut union: Vec<(String, String)> = columns
            .values()
            .flatten()
            .map(|f| (f.start.clone(), f.date.clone()))
            .collect();
        union.sort();
        union.dedup();
        let mut widget: Vec<(String, String)> = grid
            .days
            .iter()
            .flat_map(|d| {
                d.slots
                    .iter()
                    .map(|s| (s.start.to_string(), d.date.clone()))
            })
            .collect();
        widget.sort();
        assert_eq!(union, widget);
        // The spring-forward night: 02:00 does not exist, so the wall time
        // of each start is read at its own offset.
        let coach = &columns["1"];
        assert!(coach.iter().all(|f| f.minute != 120), "{coach:?}");
        assert!(coach.iter().any(|f| f.minute == 180));
        let room = &columns["2"];
        let minutes: Vec<u32> = room.iter().map(|f| f.minute).collect();
        assert_eq!(minutes, vec![540, 660]);
    }

    #[test]
    fn a_week_draws_what_shows_and_a_little_more() {
        // 140 columns of 96 px, 1,100 px in view, scrolled to the third day.
        let (lo, hi) = columns_in_view(2_000.0, 3_100.0, 96.0, 140, 2, 4);
        assert_eq!((lo, hi), (16, 36));
        // Not scrolled: from the first column.
        assert_eq!(columns_in_view(0.0, 1_100.0, 96.0, 140, 2, 4), (0, 16));
        // Scrolled to the end: up to the last.
        assert_eq!(
            columns_in_view(12_340.0, 13_440.0, 96.0, 140, 2, 4),
            (124, 140)
        );
        // Nothing measured yet: everything.
        assert_eq!(columns_in_view(0.0, 100.0, 0.0, 7, 2, 4), (0, 7));
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn no_two_overlapping_spans_share_a_lane(
                raw in proptest::collection::vec((0u32..1400, 0u32..120), 0..40)
            ) {
                let spans: Vec<(u32, u32)> = raw.iter().map(|&(s, l)| (s, s + l)).collect();
                let placed = lanes(&spans);
                for (i, a) in spans.iter().enumerate() {
                    prop_assert!(placed[i].0 < placed[i].1);
                    for (j, b) in spans.iter().enumerate().skip(i + 1) {
                        let (ae, be) = (a.1.max(a.0 + 1), b.1.max(b.0 + 1));
                        if a.0 < be && b.0 < ae {
                            prop_assert_ne!(placed[i].0, placed[j].0);
                            prop_assert_eq!(placed[i].1, placed[j].1);
                        }
                    }
                }
            }

            #[test]
            fn the_columns_in_view_are_drawn(
                x0 in -500.0f64..20_000.0,
                width in 0.0f64..3000.0,
                per_col in 20.0f64..300.0,
                count in 1usize..200,
                overscan in 0usize..6,
                chunk in 1usize..8,
            ) {
                let (lo, hi) = columns_in_view(x0, x0 + width, per_col, count, overscan, chunk);
                prop_assert!(lo < hi && hi <= count);
                prop_assert!(lo % chunk == 0);
                prop_assert!(hi == count || hi % chunk == 0);
                for col in 0..count {
                    let (left, right) = (col as f64 * per_col, (col + 1) as f64 * per_col);
                    if right > x0 && left < x0 + width {
                        prop_assert!(lo <= col && col < hi, "column {} in view, drawn {}..{}", col, lo, hi);
                    }
                }
            }

            #[test]
            fn snapping_lands_on_the_grid(minutes in -3000i64..3000, step in 1u32..120) {
                let s = snap(minutes, step);
                prop_assert!(s <= DAY_MIN);
                prop_assert!(s.is_multiple_of(step) || s == DAY_MIN);
            }
        }
    }
}
