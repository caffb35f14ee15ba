//! Rule 2 and the offsets of rule 7 around transitions, and zones with
//! half- and three-quarter-hour offsets.

use super::*;

fn day(
    timezone: &str,
    date: &str,
    grid_min: u32,
    duration_min: u32,
    open: &str,
    close: &str,
) -> Availability {
    let mut av = availability(timezone, date, date);
    av.align_grid_min = grid_min;
    av.appointment_type.duration_min = duration_min;
    av.blocks = vec![block(None, date, open, close)];
    av
}

#[test]
fn brussels_spring_forward_skips_the_missing_hour() {
    let av = day("Europe/Brussels", "2026-03-29", 30, 30, "01:00", "04:00");
    assert_eq!(
        spans(&grid(&av)),
        [
            span("2026-03-29T01:00:00+01:00", "2026-03-29T01:30:00+01:00"),
            span("2026-03-29T01:30:00+01:00", "2026-03-29T03:00:00+02:00"),
            span("2026-03-29T03:00:00+02:00", "2026-03-29T03:30:00+02:00"),
            span("2026-03-29T03:30:00+02:00", "2026-03-29T04:00:00+02:00"),
        ]
    );
}

#[test]
fn durations_are_elapsed_time_across_the_gap() {
    // 01:00–04:00 on the wall is two real hours.
    let av = day("Europe/Brussels", "2026-03-29", 60, 120, "01:00", "04:00");
    assert_eq!(
        spans(&grid(&av)),
        [span(
            "2026-03-29T01:00:00+01:00",
            "2026-03-29T04:00:00+02:00"
        )]
    );
    let av = day("Europe/Brussels", "2026-03-29", 60, 180, "01:00", "04:00");
    assert!(grid(&av).days[0].slots.is_empty());
}

#[test]
fn a_block_starting_in_the_gap_starts_when_the_gap_ends() {
    let av = day("Europe/Brussels", "2026-03-29", 30, 60, "02:30", "05:00");
    assert_eq!(times(&grid(&av)), ["03:00", "03:30", "04:00"]);
    let av = day("Europe/Brussels", "2026-03-29", 15, 15, "02:15", "02:45");
    assert!(
        grid(&av).days[0].slots.is_empty(),
        "both ends collapse onto 03:00"
    );
}

#[test]
fn brussels_fall_back_takes_the_repeated_hour_once() {
    let av = day("Europe/Brussels", "2026-10-25", 30, 30, "01:00", "04:00");
    assert_eq!(
        spans(&grid(&av)),
        [
            span("2026-10-25T01:00:00+02:00", "2026-10-25T01:30:00+02:00"),
            span("2026-10-25T01:30:00+02:00", "2026-10-25T02:00:00+02:00"),
            span("2026-10-25T02:00:00+02:00", "2026-10-25T02:30:00+02:00"),
            span("2026-10-25T02:30:00+02:00", "2026-10-25T02:00:00+01:00"),
            span("2026-10-25T03:00:00+01:00", "2026-10-25T03:30:00+01:00"),
            span("2026-10-25T03:30:00+01:00", "2026-10-25T04:00:00+01:00"),
        ]
    );
}

#[test]
fn an_ambiguous_block_start_is_the_earlier_instant() {
    // 02:00 (summer time) to 03:00 (winter time) is two real hours.
    let av = day("Europe/Brussels", "2026-10-25", 60, 120, "02:00", "03:00");
    assert_eq!(
        spans(&grid(&av)),
        [span(
            "2026-10-25T02:00:00+02:00",
            "2026-10-25T03:00:00+01:00"
        )]
    );
    // An end inside the repeated hour is its first occurrence too.
    let av = day("Europe/Brussels", "2026-10-25", 30, 30, "01:30", "02:30");
    assert_eq!(times(&grid(&av)), ["01:30", "02:00"]);
}

#[test]
fn new_york_spring_forward() {
    let av = day("America/New_York", "2026-03-08", 30, 30, "01:00", "04:00");
    assert_eq!(
        spans(&grid(&av)),
        [
            span("2026-03-08T01:00:00-05:00", "2026-03-08T01:30:00-05:00"),
            span("2026-03-08T01:30:00-05:00", "2026-03-08T03:00:00-04:00"),
            span("2026-03-08T03:00:00-04:00", "2026-03-08T03:30:00-04:00"),
            span("2026-03-08T03:30:00-04:00", "2026-03-08T04:00:00-04:00"),
        ]
    );
}

#[test]
fn new_york_fall_back() {
    let av = day("America/New_York", "2026-11-01", 60, 60, "00:00", "03:00");
    assert_eq!(
        spans(&grid(&av)),
        [
            span("2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-04:00"),
            span("2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00"),
            span("2026-11-01T02:00:00-05:00", "2026-11-01T03:00:00-05:00"),
        ]
    );
}

#[test]
fn a_slot_ending_after_the_switch_carries_the_new_offset() {
    let mut av = availability("Europe/Brussels", "2026-03-28", "2026-03-28");
    av.align_grid_min = 60;
    av.appointment_type.duration_min = 180;
    av.blocks = vec![
        block(None, "2026-03-28", "23:00", "24:00"),
        block(None, "2026-03-29", "00:00", "04:00"),
    ];
    assert_eq!(
        spans(&grid(&av)),
        [span(
            "2026-03-28T23:00:00+01:00",
            "2026-03-29T03:00:00+02:00"
        )]
    );
}

#[test]
fn a_whole_range_across_both_switches_has_every_date() {
    let mut av = availability("Europe/Brussels", "2026-01-01", "2026-12-31");
    av.align_grid_min = 60;
    av.blocks = av_dates("2026-01-01", 365)
        .map(|d| block(None, &d, "09:00", "10:00"))
        .collect();
    let grid = grid(&av);
    assert_eq!(grid.days.len(), 365);
    assert!(grid.days.iter().all(|d| d.slots.len() == 1));
    assert_eq!(grid.days[0].slots[0].start, "2026-01-01T09:00:00+01:00");
    assert_eq!(grid.days[180].slots[0].start, "2026-06-30T09:00:00+02:00");
}

fn av_dates(first: &str, count: usize) -> impl Iterator<Item = String> {
    let first = chrono::NaiveDate::parse_from_str(first, "%Y-%m-%d").unwrap();
    first
        .iter_days()
        .take(count)
        .map(|d| d.format("%Y-%m-%d").to_string())
}

#[test]
fn kolkata_has_a_half_hour_offset() {
    let av = day("Asia/Kolkata", "2026-03-02", 15, 30, "09:00", "10:00");
    assert_eq!(
        spans(&grid(&av)),
        [
            span("2026-03-02T09:00:00+05:30", "2026-03-02T09:30:00+05:30"),
            span("2026-03-02T09:15:00+05:30", "2026-03-02T09:45:00+05:30"),
            span("2026-03-02T09:30:00+05:30", "2026-03-02T10:00:00+05:30"),
        ]
    );
}

#[test]
fn kathmandu_has_a_three_quarter_hour_offset() {
    let mut av = day("Asia/Kathmandu", "2026-03-02", 60, 60, "08:00", "11:00");
    av.busy = vec![busy(
        None,
        "2026-03-02T03:15:00Z",
        "2026-03-02T04:15:00Z",
        1,
    )];
    // The busy item is 09:00–10:00 local; the grid stays on local hours.
    assert_eq!(
        spans(&grid(&av)),
        [
            span("2026-03-02T08:00:00+05:45", "2026-03-02T09:00:00+05:45"),
            span("2026-03-02T10:00:00+05:45", "2026-03-02T11:00:00+05:45"),
        ]
    );
}

#[test]
fn lord_howe_springs_forward_by_half_an_hour() {
    let av = day(
        "Australia/Lord_Howe",
        "2026-10-04",
        30,
        30,
        "01:30",
        "03:30",
    );
    assert_eq!(
        spans(&grid(&av)),
        [
            span("2026-10-04T01:30:00+10:30", "2026-10-04T02:30:00+11:00"),
            span("2026-10-04T02:30:00+11:00", "2026-10-04T03:00:00+11:00"),
            span("2026-10-04T03:00:00+11:00", "2026-10-04T03:30:00+11:00"),
        ]
    );
}

#[test]
fn a_missing_midnight_moves_24_00_to_the_end_of_the_gap() {
    // Chile springs forward at midnight: 2026-09-06 00:00 does not exist.
    let tz: chrono_tz::Tz = "America/Santiago".parse().unwrap();
    let missing = chrono::NaiveDate::from_ymd_opt(2026, 9, 6)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    assert!(
        chrono::TimeZone::from_local_datetime(&tz, &missing)
            .single()
            .is_none()
    );

    let mut av = availability("America/Santiago", "2026-09-05", "2026-09-06");
    av.align_grid_min = 30;
    av.blocks = vec![
        block(None, "2026-09-05", "23:00", "24:00"),
        block(None, "2026-09-06", "00:00", "02:00"),
    ];
    let grid = grid(&av);
    assert_eq!(
        spans(&grid),
        [
            span("2026-09-05T23:00:00-04:00", "2026-09-06T01:00:00-03:00"),
            span("2026-09-05T23:30:00-04:00", "2026-09-06T01:30:00-03:00"),
            span("2026-09-06T01:00:00-03:00", "2026-09-06T02:00:00-03:00"),
        ]
    );
    assert_eq!(grid.days[1].date, "2026-09-06");
}

#[test]
fn a_date_that_does_not_exist_is_listed_empty() {
    // Samoa skipped 2011-12-30 when it crossed the date line.
    let mut av = availability("Pacific/Apia", "2011-12-29", "2011-12-31");
    av.align_grid_min = 60;
    av.blocks = vec![
        block(None, "2011-12-29", "22:00", "24:00"),
        block(None, "2011-12-30", "00:00", "24:00"),
        block(None, "2011-12-31", "00:00", "01:00"),
    ];
    let grid = grid(&av);
    let dates: Vec<&str> = grid.days.iter().map(|d| d.date.as_str()).collect();
    assert_eq!(dates, ["2011-12-29", "2011-12-30", "2011-12-31"]);
    assert!(grid.days[1].slots.is_empty());
    assert_eq!(
        spans(&grid),
        [
            span("2011-12-29T22:00:00-10:00", "2011-12-29T23:00:00-10:00"),
            span("2011-12-29T23:00:00-10:00", "2011-12-31T00:00:00+14:00"),
            span("2011-12-31T00:00:00+14:00", "2011-12-31T01:00:00+14:00"),
        ]
    );
}
