//! Property tests: the slot engine against a deliberately naive model of the
//! contract (DESIGN.md, "The slot engine") on small random inputs around
//! time-zone transitions.
//!
//! The model checks every candidate against every resource, block and busy
//! item, and leaves all time arithmetic to chrono and chrono-tz: nothing of
//! the engine's per-day offsets, sweeps or hand-written formatting.

use chrono::{
    DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime,
    SecondsFormat, TimeZone, Utc,
};
use chrono_tz::Tz;
use frontdesk_core::slots::{
    AppointmentType, Availability, Block, BusyItem, Prepared, Scheduling, SlotGrid, compute,
    is_bookable,
};
use proptest::prelude::*;

/// A slot as both sides describe it: start, end, free resources, remaining.
type Row = (String, String, Vec<String>, u32);

/// Every date with its slots.
type Listing = Vec<(String, Vec<Row>)>;

// ---------------------------------------------------------------------------
// The model.

fn model(av: &Availability) -> Listing {
    let tz: Tz = av.timezone.parse().unwrap();
    let kind = &av.appointment_type;
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let instant = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    let now = instant(&av.now);
    let minutes = |m: u32| Duration::minutes(i64::from(m));

    // Rule 1.
    let mut resources: Vec<String> = if kind.resource_ids.is_empty() {
        av.blocks
            .iter()
            .filter_map(|b| b.resource_id.clone())
            .collect()
    } else {
        kind.resource_ids.clone()
    };
    resources.sort();
    resources.dedup();
    if resources.is_empty() {
        resources.push("0".into());
    }
    let applies = |id: &Option<String>, r: &str| id.as_deref().is_none_or(|id| id == r);

    // Rules 2 and 3: each resource's blocks as instants, merged.
    let open: Vec<Vec<(DateTime<Utc>, DateTime<Utc>)>> = resources
        .iter()
        .map(|r| {
            let mut spans: Vec<_> = av
                .blocks
                .iter()
                .filter(|b| applies(&b.resource_id, r))
                .map(|b| {
                    let day = date(&b.date);
                    let start = wall_to_instant(tz, day.and_time(hhmm(&b.start)));
                    let end = if b.end == "24:00" {
                        wall_to_instant(tz, day.succ_opt().unwrap().and_time(NaiveTime::MIN))
                    } else {
                        wall_to_instant(tz, day.and_time(hhmm(&b.end)))
                    };
                    (start, end)
                })
                .filter(|(start, end)| start < end)
                .collect();
            spans.sort();
            let mut merged: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
            for (start, end) in spans {
                match merged.last_mut() {
                    Some(last) if start <= last.1 => last.1 = last.1.max(end),
                    _ => merged.push((start, end)),
                }
            }
            merged
        })
        .collect();

    let mut listing = Vec::new();
    let mut day = date(&av.from);
    while day <= date(&av.to) {
        let mut rows = Vec::new();
        // Rule 4: every grid wall time of the date that exists, once.
        for minute in (0..1440).step_by(av.align_grid_min as usize) {
            let wall = day.and_time(NaiveTime::MIN) + Duration::minutes(minute);
            let start = match tz.from_local_datetime(&wall) {
                LocalResult::Single(t) => t.with_timezone(&Utc),
                LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
                LocalResult::None => continue,
            };
            // Rule 5.
            if start < now + minutes(kind.min_notice_min) {
                continue;
            }
            if kind.max_ahead_min > 0 && start > now + minutes(kind.max_ahead_min) {
                continue;
            }
            let end = start + minutes(kind.duration_min);
            let reach = end + minutes(kind.buffer_min);
            // Rules 4 and 6, resource by resource.
            let mut free = Vec::new();
            let mut remaining = 0u32;
            for (r, spans) in resources.iter().zip(&open) {
                if !spans.iter().any(|&(a, b)| a <= start && end <= b) {
                    continue;
                }
                let touching = av.busy.iter().filter(|b| {
                    applies(&b.resource_id, r)
                        && instant(&b.start) < reach
                        && start < instant(&b.end)
                });
                let left = match kind.scheduling {
                    Scheduling::Resource => u32::from(touching.count() == 0),
                    Scheduling::Capacity => {
                        let persons: u64 = touching.map(|b| u64::from(b.persons)).sum();
                        u64::from(kind.capacity).saturating_sub(persons) as u32
                    }
                };
                if left > 0 {
                    free.push(r.clone());
                    remaining += left;
                }
            }
            // Rule 7.
            if !free.is_empty() {
                let text = |t: DateTime<Utc>| {
                    t.with_timezone(&tz)
                        .to_rfc3339_opts(SecondsFormat::Secs, false)
                };
                rows.push((text(start), text(end), free, remaining));
            }
        }
        rows.sort_by_key(|row| DateTime::parse_from_rfc3339(&row.0).unwrap());
        listing.push((day.format("%Y-%m-%d").to_string(), rows));
        day = day.succ_opt().unwrap();
    }
    listing
}

/// Rule 2 by walking the wall clock: the earlier instant when ambiguous; in
/// a gap, the first wall minute after it that exists (the zones used here
/// change on whole minutes).
fn wall_to_instant(tz: Tz, wall: NaiveDateTime) -> DateTime<Utc> {
    let mut probe = wall;
    loop {
        if let Some(t) = tz.from_local_datetime(&probe).earliest() {
            return t.with_timezone(&Utc);
        }
        probe += Duration::minutes(1);
    }
}

fn hhmm(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").unwrap()
}

fn listing(grid: &SlotGrid) -> Listing {
    grid.days
        .iter()
        .map(|day| {
            let rows = day
                .slots
                .iter()
                .map(|s| {
                    (
                        s.start.to_string(),
                        s.end.to_string(),
                        s.resource_ids.to_vec(),
                        s.remaining,
                    )
                })
                .collect();
            (day.date.clone(), rows)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Random inputs.

/// Zones with a date near one of their transitions (or, for zones without
/// any, an ordinary date).
const ZONES: &[(&str, (i32, u32, u32))] = &[
    ("Europe/Brussels", (2026, 3, 29)),
    ("Europe/Brussels", (2026, 10, 25)),
    ("America/New_York", (2026, 3, 8)),
    ("America/New_York", (2026, 11, 1)),
    ("Australia/Lord_Howe", (2026, 10, 4)),
    ("Australia/Lord_Howe", (2026, 4, 5)),
    ("Australia/Adelaide", (2026, 4, 5)),
    ("Australia/Adelaide", (2026, 10, 4)),
    ("America/Santiago", (2026, 9, 6)),
    ("America/Santiago", (2026, 4, 5)),
    ("Pacific/Apia", (2011, 12, 30)),
    ("Asia/Kolkata", (2026, 3, 2)),
    ("Asia/Kathmandu", (2026, 3, 2)),
    ("UTC", (2026, 3, 2)),
];
const POOL: &[&str] = &["a", "b", "c"];
const OFFSETS: &[i32] = &[0, 3600, -18_000, 20_700, 37_800];

#[derive(Debug, Clone)]
struct RawBlock {
    resource: Option<usize>,
    day: i64,
    start: u32,
    length: u32,
}

#[derive(Debug, Clone)]
struct RawBusy {
    resource: Option<usize>,
    start: i64,
    length: i64,
    half_second: bool,
    offset: usize,
    persons: u32,
}

fn raw_block() -> impl Strategy<Value = RawBlock> {
    (
        proptest::option::of(0..POOL.len()),
        prop_oneof![4 => 0i64..3, 1 => -1i64..=4],
        prop_oneof![4 => (0u32..96).prop_map(|q| q * 15), 1 => 0u32..1440],
        prop_oneof![1 => Just(0u32), 6 => (2u32..=24).prop_map(|q| q * 30), 2 => 0u32..1500],
    )
        .prop_map(|(resource, day, start, length)| RawBlock {
            resource,
            day,
            start,
            length,
        })
}

fn raw_busy() -> impl Strategy<Value = RawBusy> {
    (
        proptest::option::of(0..POOL.len()),
        prop_oneof![(-96i64..480).prop_map(|q| q * 15), -1440i64..7200],
        prop_oneof![Just(0i64), (1i64..=16).prop_map(|q| q * 15), 0i64..300],
        proptest::bool::weighted(0.2),
        0..OFFSETS.len(),
        0u32..4,
    )
        .prop_map(
            |(resource, start, length, half_second, offset, persons)| RawBusy {
                resource,
                start,
                length,
                half_second,
                offset,
                persons,
            },
        )
}

prop_compose! {
    fn availability()(
        zone in 0..ZONES.len(),
        shift in -2i64..=1,
        days in 1i64..=3,
        grid in prop::sample::select(vec![5u32, 10, 15, 20, 30, 45, 60, 90, 7, 1440]),
        duration in prop::sample::select(vec![5u32, 15, 30, 30, 45, 60, 60, 90, 120, 180, 1500]),
        buffer in prop::sample::select(vec![0u32, 0, 5, 15, 30, 60]),
        notice in prop::sample::select(vec![0u32, 0, 0, 30, 600, 1440]),
        ahead in prop::sample::select(vec![0u32, 0, 0, 720, 2880]),
        now in prop_oneof![3 => -2880i64..0, 1 => -1440i64..4320],
        now_fraction in proptest::bool::weighted(0.2),
        capacity in proptest::option::of(1u32..4),
        listed in proptest::option::of(proptest::sample::subsequence(POOL.to_vec(), 1..=3)),
        blocks in proptest::collection::vec(raw_block(), 0..10),
        busy in proptest::collection::vec(raw_busy(), 0..10),
    ) -> Availability {
        let (timezone, (y, m, d)) = ZONES[zone];
        let from = NaiveDate::from_ymd_opt(y, m, d).unwrap() + Duration::days(shift);
        let to = from + Duration::days(days - 1);
        // Busy items and `now` count in minutes from the UTC midnight of `from`.
        let base = from.and_time(NaiveTime::MIN).and_utc();
        let stamp = |minute: i64, half: bool, offset: i32| {
            let t = base + Duration::minutes(minute) + Duration::milliseconds(if half { 500 } else { 0 });
            t.with_timezone(&FixedOffset::east_opt(offset).unwrap()).to_rfc3339_opts(SecondsFormat::AutoSi, true)
        };
        Availability {
            timezone: timezone.to_owned(),
            zone: None,
            align_grid_min: grid,
            appointment_type: AppointmentType {
                duration_min: duration,
                buffer_min: buffer,
                min_notice_min: notice,
                max_ahead_min: ahead,
                scheduling: if capacity.is_some() { Scheduling::Capacity } else { Scheduling::Resource },
                capacity: capacity.unwrap_or(1),
                resource_ids: listed.unwrap_or_default().into_iter().map(str::to_owned).collect(),
            },
            from: from.format("%Y-%m-%d").to_string(),
            to: to.format("%Y-%m-%d").to_string(),
            blocks: blocks
                .iter()
                .map(|b| {
                    let end = b.start + b.length;
                    let text = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
                    Block {
                        resource_id: b.resource.map(|i| POOL[i].to_owned()),
                        date: (from + Duration::days(b.day)).format("%Y-%m-%d").to_string(),
                        start: text(b.start),
                        end: if end >= 1440 { "24:00".to_owned() } else { text(end) },
                    }
                })
                .collect(),
            busy: busy
                .iter()
                .map(|b| BusyItem {
                    resource_id: b.resource.map(|i| POOL[i].to_owned()),
                    start: stamp(b.start, false, OFFSETS[b.offset]),
                    end: stamp(b.start + b.length, b.half_second, OFFSETS[(b.offset + 1) % OFFSETS.len()]),
                    persons: b.persons,
                })
                .collect(),
            now: stamp(now, now_fraction, OFFSETS[(zone + 2) % OFFSETS.len()]),
        }
    }
}

// ---------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_engine_agrees_with_the_model(av in availability()) {
        let grid = compute(&av).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(listing(&grid), model(&av));
    }

    #[test]
    fn the_booking_check_agrees_with_the_grid(av in availability()) {
        let prepared = Prepared::new(&av).unwrap();
        let grid = prepared.grid();
        let tz: Tz = av.timezone.parse().unwrap();
        // Every grid wall time of the range (both instants of repeated ones)
        // and a few off-grid instants: bookable exactly when listed.
        let from = NaiveDate::parse_from_str(&av.from, "%Y-%m-%d").unwrap();
        let to = NaiveDate::parse_from_str(&av.to, "%Y-%m-%d").unwrap();
        let mut probes = Vec::new();
        for day in from.iter_days().take_while(|d| *d <= to) {
            for minute in (0..1440).step_by(av.align_grid_min as usize) {
                let wall = day.and_time(NaiveTime::MIN) + Duration::minutes(minute);
                match tz.from_local_datetime(&wall) {
                    LocalResult::Single(t) => probes.push(t.fixed_offset()),
                    LocalResult::Ambiguous(a, b) => probes.extend([a.fixed_offset(), b.fixed_offset()]),
                    LocalResult::None => {}
                }
            }
        }
        let shifted: Vec<_> = probes.iter().step_by(7).map(|t| *t + Duration::seconds(1)).collect();
        probes.extend(shifted);
        for probe in probes {
            let listed = grid.slots().find(|s| s.start.to_datetime() == Some(probe));
            let openings = prepared.openings_at(&probe);
            let ids: Vec<String> = openings.iter().map(|o| o.resource_id.clone()).collect();
            let remaining: u32 = openings.iter().map(|o| o.remaining).sum();
            match listed {
                Some(slot) => {
                    prop_assert_eq!(slot.resource_ids.to_vec(), ids);
                    prop_assert_eq!(slot.remaining, remaining);
                }
                None => prop_assert!(ids.is_empty(), "{} bookable but not listed", probe),
            }
        }
    }

    #[test]
    fn any_json_with_the_right_keys_is_an_answer_or_an_error(
        timezone in prop_oneof![Just("Europe/Brussels".to_owned()), "[A-Za-z/_]{0,20}"],
        from in prop_oneof![Just("2026-03-29".to_owned()), "[0-9-]{0,12}"],
        to in prop_oneof![Just("2026-03-30".to_owned()), "[0-9-]{0,12}"],
        start in prop_oneof![Just("09:00".to_owned()), "[0-9:]{0,6}"],
        end in prop_oneof![Just("24:00".to_owned()), "[0-9:]{0,6}"],
        busy_start in prop_oneof![Just("2026-03-29T10:00:00Z".to_owned()), "[0-9T:+Z.-]{0,30}"],
        now in prop_oneof![Just("2026-03-28T10:00:00+01:00".to_owned()), "[0-9T:+Z.-]{0,30}"],
        numbers in proptest::array::uniform5(prop_oneof![Just(0u32), Just(1), Just(15), Just(60), any::<u32>()]),
    ) {
        let av = Availability {
            timezone,
            zone: None,
            align_grid_min: numbers[0],
            appointment_type: AppointmentType {
                duration_min: numbers[1],
                buffer_min: numbers[2],
                min_notice_min: numbers[3],
                max_ahead_min: numbers[4],
                scheduling: Scheduling::Capacity,
                capacity: numbers[0],
                resource_ids: Vec::new(),
            },
            from,
            to,
            blocks: vec![Block { resource_id: None, date: "2026-03-29".into(), start, end }],
            busy: vec![BusyItem { resource_id: None, start: busy_start, end: "2026-03-29T11:00:00Z".into(), persons: 2 }],
            now,
        };
        match compute(&av) {
            Ok(grid) => prop_assert!(!grid.days.is_empty()),
            Err(e) => prop_assert!(!e.field().is_empty() && !e.to_string().is_empty()),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// The browser's path (a `zone` table sent by the server, no tz
    /// database) and the server's (chrono-tz) give the same grid and the
    /// same booking answers, at every grid wall time and off it.
    #[test]
    fn the_zone_table_gives_the_same_answers_as_the_tz_database(av in availability()) {
        let mut zoned = av.clone();
        zoned.attach_zone();
        prop_assert!(zoned.zone.is_some());
        let by_tz = Prepared::new(&av).unwrap();
        let by_table = Prepared::new(&zoned).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let grid = by_tz.grid();
        prop_assert_eq!(&by_table.grid(), &grid);
        prop_assert_eq!(compute(&zoned).unwrap(), compute(&av).unwrap());

        let tz: Tz = av.timezone.parse().unwrap();
        let from = NaiveDate::parse_from_str(&av.from, "%Y-%m-%d").unwrap();
        let to = NaiveDate::parse_from_str(&av.to, "%Y-%m-%d").unwrap();
        let mut probes = Vec::new();
        for day in from.pred_opt().unwrap().iter_days().take_while(|d| *d <= to.succ_opt().unwrap()) {
            for minute in (0..1440).step_by(5) {
                let wall = day.and_time(NaiveTime::MIN) + Duration::minutes(minute);
                match tz.from_local_datetime(&wall) {
                    LocalResult::Single(t) => probes.push(t.fixed_offset()),
                    LocalResult::Ambiguous(a, b) => probes.extend([a.fixed_offset(), b.fixed_offset()]),
                    LocalResult::None => {}
                }
            }
        }
        for (i, probe) in probes.iter().enumerate() {
            let ids = |p: &Prepared| p.openings_at(probe).into_iter().map(|o| (o.resource_id, o.remaining)).collect::<Vec<_>>();
            prop_assert_eq!(ids(&by_table), ids(&by_tz), "at {}", probe);
            // The public function too (it prepares afresh: a sample).
            if i % 64 == 0 {
                prop_assert_eq!(is_bookable(&zoned, probe, None).unwrap(), is_bookable(&av, probe, None).unwrap());
            }
        }
    }
}
