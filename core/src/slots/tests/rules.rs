//! Rules 1 and 3–7 of the contract, one behaviour per test, in a zone and on
//! dates without transitions (rule 2 has `dst.rs`).

use super::*;

const DAY: &str = "2026-03-02";

fn at(time: &str) -> String {
    format!("{DAY}T{time}:00+01:00")
}

/// A Brussels day with hourly appointments on an hourly grid.
fn hourly() -> Availability {
    let mut av = brussels(DAY);
    av.align_grid_min = 60;
    av
}

// Rule 1: eligible resources.

#[test]
fn eligible_resources_come_from_the_appointment_type() {
    let mut av = hourly();
    av.appointment_type.resource_ids = vec!["r2".into(), "r3".into(), "r1".into()];
    av.blocks = vec![
        block(Some("r2"), DAY, "09:00", "10:00"),
        block(Some("r1"), DAY, "09:00", "10:00"),
        block(Some("stranger"), DAY, "11:00", "12:00"),
    ];
    let grid = grid(&av);
    assert_eq!(times(&grid), ["09:00"]);
    assert_eq!(grid.days[0].slots[0].resource_ids, ["r1", "r2"]);
}

#[test]
fn eligible_resources_default_to_those_with_blocks() {
    let mut av = hourly();
    av.blocks = vec![
        block(Some("b"), DAY, "09:00", "10:00"),
        block(Some("a"), DAY, "09:00", "11:00"),
        block(Some("b"), DAY, "12:00", "13:00"),
    ];
    let grid = grid(&av);
    assert_eq!(times(&grid), ["09:00", "10:00", "12:00"]);
    let ids: Vec<Vec<String>> = grid.slots().map(|s| s.resource_ids.to_vec()).collect();
    assert_eq!(ids, [vec!["a", "b"], vec!["a"], vec!["b"]]);
    assert_eq!(Prepared::new(&av).unwrap().resources(), ["a", "b"]);
}

#[test]
fn without_any_resource_id_there_is_one_resource_named_0() {
    let mut av = hourly();
    av.blocks = vec![block(None, DAY, "09:00", "10:00")];
    let grid = grid(&av);
    assert_eq!(grid.days[0].slots[0].resource_ids, [DEFAULT_RESOURCE]);
    assert_eq!(grid.days[0].slots[0].remaining, 1);
}

#[test]
fn a_null_block_opens_every_eligible_resource() {
    let mut av = hourly();
    av.appointment_type.resource_ids = vec!["a".into(), "b".into()];
    av.blocks = vec![
        block(None, DAY, "09:00", "10:00"),
        block(Some("a"), DAY, "10:00", "11:00"),
    ];
    let grid = grid(&av);
    assert_eq!(times(&grid), ["09:00", "10:00"]);
    assert_eq!(grid.days[0].slots[0].resource_ids, ["a", "b"]);
    assert_eq!(grid.days[0].slots[0].remaining, 2);
    assert_eq!(grid.days[0].slots[1].resource_ids, ["a"]);
}

#[test]
fn a_null_busy_item_takes_every_eligible_resource() {
    let mut av = hourly();
    av.blocks = vec![
        block(Some("a"), DAY, "09:00", "12:00"),
        block(Some("b"), DAY, "09:00", "12:00"),
    ];
    av.busy = vec![
        busy(None, &at("10:00"), &at("11:00"), 1),
        busy(Some("b"), &at("09:00"), &at("10:00"), 1),
        busy(Some("nobody"), &at("11:00"), &at("12:00"), 1),
    ];
    let grid = grid(&av);
    assert_eq!(times(&grid), ["09:00", "11:00"]);
    assert_eq!(grid.days[0].slots[0].resource_ids, ["a"]);
    assert_eq!(grid.days[0].slots[1].resource_ids, ["a", "b"]);
}

// Rule 3: merged blocks.

#[test]
fn adjacent_blocks_form_one_interval() {
    let mut av = brussels(DAY);
    av.align_grid_min = 30;
    av.blocks = vec![
        block(None, DAY, "10:00", "11:00"),
        block(None, DAY, "09:00", "10:00"),
    ];
    assert_eq!(times(&grid(&av)), ["09:00", "09:30", "10:00"]);
}

#[test]
fn overlapping_and_contained_blocks_form_one_interval() {
    let mut av = brussels(DAY);
    av.align_grid_min = 30;
    av.blocks = vec![
        block(None, DAY, "09:00", "10:30"),
        block(None, DAY, "10:00", "11:00"),
        block(None, DAY, "09:15", "09:45"),
    ];
    assert_eq!(times(&grid(&av)), ["09:00", "09:30", "10:00"]);
}

#[test]
fn a_gap_between_blocks_splits_them() {
    let mut av = brussels(DAY);
    av.align_grid_min = 30;
    av.blocks = vec![
        block(None, DAY, "09:00", "10:00"),
        block(None, DAY, "10:15", "11:15"),
    ];
    // 09:30 would need 09:30–10:30 across the gap; 10:15 is off the grid.
    assert_eq!(times(&grid(&av)), ["09:00"]);
}

#[test]
fn empty_blocks_open_nothing() {
    let mut av = brussels(DAY);
    av.blocks = vec![block(None, DAY, "09:00", "09:00")];
    assert!(grid(&av).days[0].slots.is_empty());
}

#[test]
fn blocks_of_other_days_join_across_midnight() {
    let mut av = availability("Europe/Brussels", DAY, DAY);
    av.align_grid_min = 30;
    av.blocks = vec![
        block(None, DAY, "22:00", "24:00"),
        block(None, "2026-03-03", "00:00", "02:00"),
    ];
    let grid = grid(&av);
    assert_eq!(times(&grid), ["22:00", "22:30", "23:00", "23:30"]);
    assert_eq!(grid.days.len(), 1);
    assert_eq!(
        spans(&grid)[3],
        span("2026-03-02T23:30:00+01:00", "2026-03-03T00:30:00+01:00")
    );
}

#[test]
fn a_block_may_end_at_24_00() {
    let mut av = hourly();
    av.blocks = vec![block(None, DAY, "22:00", "24:00")];
    assert_eq!(
        spans(&grid(&av)),
        [
            span("2026-03-02T22:00:00+01:00", "2026-03-02T23:00:00+01:00"),
            span("2026-03-02T23:00:00+01:00", "2026-03-03T00:00:00+01:00"),
        ]
    );
}

#[test]
fn an_appointment_longer_than_a_day_needs_blocks_on_both_days() {
    let mut av = availability("Europe/Brussels", DAY, DAY);
    av.align_grid_min = 60;
    av.appointment_type.duration_min = 26 * 60;
    av.blocks = vec![
        block(None, DAY, "20:00", "24:00"),
        block(None, "2026-03-03", "00:00", "24:00"),
    ];
    assert_eq!(times(&grid(&av)), ["20:00", "21:00", "22:00"]);
}

// Rule 4: the grid.

#[test]
fn candidates_are_aligned_to_local_midnight() {
    let mut av = brussels(DAY);
    av.align_grid_min = 45;
    av.appointment_type.duration_min = 30;
    av.blocks = vec![block(None, DAY, "08:50", "11:00")];
    // 09:00 = 12 × 45 min, 09:45 = 13 × 45, 10:30 = 14 × 45.
    assert_eq!(times(&grid(&av)), ["09:00", "09:45", "10:30"]);
}

#[test]
fn a_grid_that_does_not_divide_the_day_restarts_at_midnight() {
    let mut av = availability("Europe/Brussels", DAY, "2026-03-03");
    av.align_grid_min = 7 * 60;
    av.appointment_type.duration_min = 60;
    av.blocks = vec![
        block(None, DAY, "00:00", "24:00"),
        block(None, "2026-03-03", "00:00", "24:00"),
    ];
    let grid = grid(&av);
    assert_eq!(
        times(&grid),
        [
            "00:00", "07:00", "14:00", "21:00", "00:00", "07:00", "14:00", "21:00"
        ]
    );
}

#[test]
fn a_grid_coarser_than_a_day_offers_only_midnight() {
    let mut av = brussels(DAY);
    av.align_grid_min = 5000;
    av.blocks = vec![block(None, DAY, "00:00", "24:00")];
    assert_eq!(times(&grid(&av)), ["00:00"]);
}

#[test]
fn a_candidate_fits_only_when_the_whole_appointment_is_inside() {
    let mut av = brussels(DAY);
    av.appointment_type.duration_min = 50;
    av.blocks = vec![block(None, DAY, "09:00", "10:05")];
    assert_eq!(times(&grid(&av)), ["09:00", "09:15"]);
}

// Rule 5: notice and horizon.

#[test]
fn notice_is_inclusive_to_the_second() {
    let mut av = brussels(DAY);
    av.appointment_type.duration_min = 15;
    av.appointment_type.min_notice_min = 120;
    av.blocks = vec![block(None, DAY, "09:00", "12:00")];
    av.now = at("08:00");
    assert_eq!(times(&grid(&av))[0], "10:00");
    av.now = "2026-03-02T08:00:00.001+01:00".into();
    assert_eq!(times(&grid(&av))[0], "10:15");
}

#[test]
fn the_horizon_is_inclusive_to_the_second() {
    let mut av = brussels(DAY);
    av.appointment_type.duration_min = 15;
    av.appointment_type.max_ahead_min = 60;
    av.blocks = vec![block(None, DAY, "09:00", "12:00")];
    av.now = "2026-03-02T08:00:00Z".into(); // 09:00 in Brussels
    assert_eq!(
        times(&grid(&av)),
        ["09:00", "09:15", "09:30", "09:45", "10:00"]
    );
    av.now = "2026-03-02T07:59:59.999Z".into();
    assert_eq!(times(&grid(&av)).last().unwrap(), "09:45");
}

#[test]
fn no_horizon_when_max_ahead_is_0() {
    let mut av = availability("Europe/Brussels", "2026-01-01", "2026-12-31");
    av.appointment_type.max_ahead_min = 0;
    av.blocks = vec![block(None, "2026-12-31", "09:00", "10:00")];
    av.now = "2026-01-01T00:00:00Z".into();
    assert_eq!(times(&grid(&av)), ["09:00"]);
}

#[test]
fn notice_and_horizon_together_leave_a_window() {
    let mut av = availability("Europe/Brussels", DAY, "2026-03-04");
    av.align_grid_min = 60;
    av.appointment_type.min_notice_min = 24 * 60;
    av.appointment_type.max_ahead_min = 25 * 60;
    av.now = at("12:00");
    av.blocks = ["2026-03-02", "2026-03-03", "2026-03-04"]
        .iter()
        .map(|d| block(None, d, "00:00", "24:00"))
        .collect();
    let grid = grid(&av);
    assert_eq!(
        grid.slots()
            .map(|s| s.start.to_string())
            .collect::<Vec<_>>(),
        ["2026-03-03T12:00:00+01:00", "2026-03-03T13:00:00+01:00"]
    );
}

// Rule 6: busy items and buffers.

fn morning_with_buffer() -> Availability {
    let mut av = brussels(DAY);
    av.appointment_type.buffer_min = 15;
    av.blocks = vec![block(None, DAY, "08:00", "13:00")];
    av.busy = vec![busy(None, &at("10:00"), &at("11:00"), 1)];
    av
}

#[test]
fn the_buffer_keeps_time_free_before_the_next_appointment() {
    // 08:45 + 60 + 15 = 10:00 touches the 10:00 booking only at its edge.
    let expected = [
        "08:00", "08:15", "08:30", "08:45", "11:00", "11:15", "11:30", "11:45", "12:00",
    ];
    assert_eq!(times(&grid(&morning_with_buffer())), expected);
}

#[test]
fn without_a_buffer_appointments_may_be_back_to_back() {
    let mut av = morning_with_buffer();
    av.appointment_type.buffer_min = 0;
    let expected = [
        "08:00", "08:15", "08:30", "08:45", "09:00", "11:00", "11:15", "11:30", "11:45", "12:00",
    ];
    assert_eq!(times(&grid(&av)), expected);
}

#[test]
fn the_buffer_may_run_past_the_opening_hours() {
    let mut av = morning_with_buffer();
    av.busy.clear();
    assert_eq!(times(&grid(&av)).last().unwrap(), "12:00");
}

#[test]
fn busy_edges_are_exact_to_the_second() {
    let mut av = morning_with_buffer();
    av.busy = vec![busy(
        None,
        "2026-03-02T10:00:00.5+01:00",
        "2026-03-02T10:59:59.5+01:00",
        1,
    )];
    let got = times(&grid(&av));
    assert!(got.contains(&"08:45".to_owned()) && got.contains(&"11:00".to_owned()));
    assert!(!got.contains(&"10:45".to_owned()));
    av.busy = vec![busy(
        None,
        "2026-03-02T09:59:59.5+01:00",
        "2026-03-02T11:00:00.5+01:00",
        1,
    )];
    let got = times(&grid(&av));
    assert!(!got.contains(&"08:45".to_owned()) && !got.contains(&"11:00".to_owned()));
}

#[test]
fn busy_items_in_any_offset_are_instants() {
    let mut av = morning_with_buffer();
    av.busy = vec![busy(
        None,
        "2026-03-02T13:30:00+05:30",
        "2026-03-02T10:00:00Z",
        1,
    )];
    // 09:00–11:00 Brussels time.
    assert_eq!(
        times(&grid(&av)),
        ["11:00", "11:15", "11:30", "11:45", "12:00"]
    );
}

#[test]
fn a_zero_length_busy_item_still_takes_what_it_touches() {
    let mut av = morning_with_buffer();
    av.appointment_type.buffer_min = 0;
    av.busy = vec![busy(None, &at("10:00"), &at("10:00"), 1)];
    let got = times(&grid(&av));
    assert!(got.contains(&"09:00".to_owned()) && got.contains(&"10:00".to_owned()));
    assert!(!got.contains(&"09:15".to_owned()) && !got.contains(&"09:45".to_owned()));
}

#[test]
fn under_resource_scheduling_any_busy_item_takes_the_resource() {
    let mut av = morning_with_buffer();
    av.busy = vec![busy(None, &at("10:00"), &at("11:00"), 0)];
    assert!(!times(&grid(&av)).contains(&"10:00".to_owned()));
}

#[test]
fn capacity_counts_persons() {
    let mut av = brussels(DAY);
    av.align_grid_min = 60;
    av.appointment_type.scheduling = Scheduling::Capacity;
    av.appointment_type.capacity = 5;
    av.blocks = vec![block(None, DAY, "09:00", "13:00")];
    av.busy = vec![
        busy(None, &at("09:00"), &at("10:00"), 3),
        busy(None, &at("10:00"), &at("11:00"), 3),
        busy(None, &at("10:00"), &at("11:00"), 2),
        busy(None, &at("11:00"), &at("12:00"), 0),
        busy(None, &at("11:30"), &at("12:30"), 9),
    ];
    let grid = grid(&av);
    let left: Vec<(String, u32)> = grid
        .slots()
        .map(|s| (s.start[11..16].to_owned(), s.remaining))
        .collect();
    assert_eq!(left, [("09:00".to_owned(), 2)]);
}

#[test]
fn capacity_remaining_is_summed_over_free_resources() {
    let mut av = brussels(DAY);
    av.align_grid_min = 60;
    av.appointment_type.scheduling = Scheduling::Capacity;
    av.appointment_type.capacity = 4;
    av.appointment_type.resource_ids = vec!["hall".into(), "studio".into(), "pool".into()];
    av.blocks = vec![block(None, DAY, "09:00", "10:00")];
    av.busy = vec![
        busy(Some("hall"), &at("09:00"), &at("10:00"), 3),
        busy(Some("studio"), &at("09:30"), &at("09:45"), 4),
        busy(None, &at("09:00"), &at("09:15"), 1),
    ];
    let grid = grid(&av);
    let slot = &grid.days[0].slots[0];
    // hall 4-3-1 = 0, studio 4-4-1 < 0, pool 4-1 = 3.
    assert_eq!(slot.resource_ids, ["pool"]);
    assert_eq!(slot.remaining, 3);
}

// Rule 7: the listing.

#[test]
fn resource_ids_are_sorted_and_remaining_counts_them() {
    let mut av = hourly();
    av.blocks = ["m", "c", "x", "a"]
        .iter()
        .map(|r| block(Some(r), DAY, "09:00", "10:00"))
        .collect();
    av.busy = vec![busy(Some("x"), &at("09:00"), &at("09:30"), 1)];
    let grid = grid(&av);
    assert_eq!(grid.days[0].slots[0].resource_ids, ["a", "c", "m"]);
    assert_eq!(grid.days[0].slots[0].remaining, 3);
}

#[test]
fn every_date_is_listed_in_order_even_without_slots() {
    let mut av = availability("Europe/Brussels", "2026-02-27", "2026-03-02");
    av.blocks = vec![block(None, "2026-02-28", "09:00", "10:00")];
    let grid = grid(&av);
    let dates: Vec<&str> = grid.days.iter().map(|d| d.date.as_str()).collect();
    assert_eq!(
        dates,
        ["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]
    );
    let counts: Vec<usize> = grid.days.iter().map(|d| d.slots.len()).collect();
    assert_eq!(counts, [0, 1, 0, 0]);
}

#[test]
fn more_than_64_resources_are_all_reported() {
    let mut av = hourly();
    av.blocks = (0..150)
        .map(|i| block(Some(&format!("r{i:03}")), DAY, "09:00", "10:00"))
        .collect();
    av.busy = vec![busy(Some("r064"), &at("09:00"), &at("10:00"), 1)];
    let grid = grid(&av);
    let slot = &grid.days[0].slots[0];
    assert_eq!(slot.remaining, 149);
    assert_eq!(slot.resource_ids.len(), 149);
    assert!(slot.resource_ids.contains("r149") && !slot.resource_ids.contains("r064"));
    let expected: Vec<String> = (0..150)
        .filter(|&i| i != 64)
        .map(|i| format!("r{i:03}"))
        .collect();
    assert_eq!(slot.resource_ids, expected);
}
