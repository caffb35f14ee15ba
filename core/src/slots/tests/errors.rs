//! Every malformed input is an error naming its field, never a panic.

use super::*;

fn error(av: &Availability) -> SlotError {
    match compute(av) {
        Ok(_) => panic!("accepted {av:?}"),
        Err(e) => e,
    }
}

fn valid() -> Availability {
    let mut av = brussels("2026-03-02");
    av.blocks = vec![block(Some("r1"), "2026-03-02", "09:00", "17:00")];
    av.busy = vec![busy(
        Some("r1"),
        "2026-03-02T10:00:00+01:00",
        "2026-03-02T11:00:00+01:00",
        1,
    )];
    av
}

fn field_of(change: impl FnOnce(&mut Availability)) -> String {
    let mut av = valid();
    change(&mut av);
    error(&av).field().to_owned()
}

#[test]
fn the_valid_base_is_valid() {
    assert!(compute(&valid()).is_ok());
}

#[test]
fn unknown_timezone() {
    let mut av = valid();
    av.timezone = "Europe/Atlantis".into();
    let e = error(&av);
    assert_eq!(e.field(), "timezone");
    assert_eq!(
        e.kind(),
        &SlotErrorKind::UnknownTimezone("Europe/Atlantis".into())
    );
    assert_eq!(
        e.to_string(),
        "timezone: unknown time zone \"Europe/Atlantis\""
    );
    assert_eq!(field_of(|av| av.timezone = String::new()), "timezone");
}

#[test]
fn zero_grid_duration_and_capacity() {
    assert_eq!(field_of(|av| av.align_grid_min = 0), "align_grid_min");
    assert_eq!(
        field_of(|av| av.appointment_type.duration_min = 0),
        "appointment_type.duration_min"
    );
    let field = field_of(|av| {
        av.appointment_type.scheduling = Scheduling::Capacity;
        av.appointment_type.capacity = 0;
    });
    assert_eq!(field, "appointment_type.capacity");
    // Capacity is irrelevant under resource scheduling.
    let mut av = valid();
    av.appointment_type.capacity = 0;
    assert!(compute(&av).is_ok());
}

#[test]
fn bad_dates() {
    for bad in [
        "2026-3-02",
        "2026-02-30",
        "02-03-2026",
        "2026/03/02",
        "",
        "+2026-03-02",
        "2026-03-02T00:00",
    ] {
        assert_eq!(field_of(|av| av.from = bad.into()), "from", "{bad:?}");
        assert_eq!(field_of(|av| av.to = bad.into()), "to", "{bad:?}");
        assert_eq!(
            field_of(|av| av.blocks[0].date = bad.into()),
            "blocks[0].date",
            "{bad:?}"
        );
    }
    let mut av = valid();
    av.from = "2026-13-01".into();
    assert!(matches!(error(&av).kind(), SlotErrorKind::BadDate(_)));
}

#[test]
fn range_reversed_or_too_long() {
    let e = {
        let mut av = valid();
        av.to = "2026-03-01".into();
        error(&av)
    };
    assert_eq!(e.field(), "to");
    assert_eq!(e.kind(), &SlotErrorKind::RangeReversed("2026-03-02".into()));

    let mut av = availability("Europe/Brussels", "2024-01-01", "2024-12-31");
    assert!(compute(&av).is_ok(), "a leap year is 366 dates");
    av.to = "2025-01-01".into();
    let e = error(&av);
    assert_eq!(
        (e.field(), e.kind()),
        ("to", &SlotErrorKind::RangeTooLong(367))
    );
    av.to = "9999-12-31".into();
    assert_eq!(error(&av).field(), "to");
}

#[test]
fn bad_wall_times() {
    for bad in [
        "9:00",
        "09:60",
        "25:00",
        "24:01",
        "09-00",
        "0900",
        "09:00:00",
        "",
        "١٢:٠٠",
    ] {
        assert_eq!(
            field_of(|av| av.blocks[0].start = bad.into()),
            "blocks[0].start",
            "{bad:?}"
        );
        assert_eq!(
            field_of(|av| av.blocks[0].end = bad.into()),
            "blocks[0].end",
            "{bad:?}"
        );
    }
    assert_eq!(
        field_of(|av| av.blocks[0].start = "24:00".into()),
        "blocks[0].start"
    );
}

#[test]
fn block_ending_before_it_starts() {
    let mut av = valid();
    av.blocks.push(block(None, "2026-03-02", "09:00", "10:00"));
    av.blocks.push(block(None, "2026-03-02", "09:00", "10:00"));
    av.blocks.push(block(None, "2026-03-02", "12:00", "11:59"));
    let e = error(&av);
    assert_eq!(e.field(), "blocks[3].end");
    assert_eq!(
        e.to_string(),
        "blocks[3].end: must not be before the start (12:00)"
    );
}

#[test]
fn bad_instants() {
    for bad in [
        "2026-03-02 10:00",
        "2026-03-02T10:00:00",
        "2026-03-02T10:00",
        "yesterday",
        "",
    ] {
        assert_eq!(field_of(|av| av.now = bad.into()), "now", "{bad:?}");
        assert_eq!(
            field_of(|av| av.busy[0].start = bad.into()),
            "busy[0].start",
            "{bad:?}"
        );
        assert_eq!(
            field_of(|av| av.busy[0].end = bad.into()),
            "busy[0].end",
            "{bad:?}"
        );
    }
}

#[test]
fn busy_ending_before_it_starts() {
    let field = field_of(|av| av.busy[0].end = "2026-03-02T08:59:59.999Z".into());
    assert_eq!(field, "busy[0].end");
    // The same instant in another offset is not "before".
    let mut av = valid();
    av.busy[0].end = "2026-03-02T09:00:00Z".into();
    assert!(compute(&av).is_ok());
}

#[test]
fn the_message_quotes_at_most_a_short_excerpt() {
    let mut av = valid();
    av.timezone = "x".repeat(10_000);
    let e = error(&av);
    assert!(e.message().chars().count() < 80, "{}", e.message());
}

#[test]
fn first_error_wins_in_document_order() {
    let mut av = valid();
    av.blocks.push(block(None, "nope", "09:00", "10:00"));
    av.busy.push(busy(None, "nope", "nope", 1));
    assert_eq!(error(&av).field(), "blocks[1].date");
}

#[test]
fn bad_json_is_a_serde_error_not_a_panic() {
    for text in [
        "{}",
        r#"{"timezone":"UTC"}"#,
        r#"{"timezone":"UTC","align_grid_min":-1,"appointment_type":{"duration_min":1},"from":"2026-01-01","to":"2026-01-01","now":"2026-01-01T00:00:00Z"}"#,
        r#"{"timezone":"UTC","align_grid_min":15,"appointment_type":{"duration_min":1,"scheduling":"exclusive"},"from":"2026-01-01","to":"2026-01-01","now":"2026-01-01T00:00:00Z"}"#,
    ] {
        assert!(
            serde_json::from_str::<Availability>(text).is_err(),
            "{text}"
        );
    }
}

#[test]
fn extreme_values_do_not_panic() {
    let edges = |av: &mut Availability| {
        av.blocks.push(block(None, "0000-01-01", "00:00", "24:00"));
        av.blocks.push(block(None, "9999-12-31", "00:00", "24:00"));
        av.busy.push(busy(
            None,
            "0000-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59-12:00",
            u32::MAX,
        ));
    };
    let mut cases = Vec::new();
    for (from, to) in [
        ("0000-01-01", "0000-01-03"),
        ("9999-12-29", "9999-12-31"),
        ("2026-03-01", "2026-03-31"),
    ] {
        for tz in [
            "Pacific/Kiritimati",
            "Pacific/Pago_Pago",
            "America/Santiago",
            "UTC",
        ] {
            let mut av = availability(tz, from, to);
            av.blocks = vec![
                block(None, from, "00:00", "24:00"),
                block(None, to, "00:00", "24:00"),
            ];
            cases.push(av.clone());
            edges(&mut av);
            cases.push(av.clone());
            av.align_grid_min = u32::MAX;
            av.appointment_type.duration_min = u32::MAX;
            av.appointment_type.buffer_min = u32::MAX;
            av.appointment_type.min_notice_min = u32::MAX;
            av.appointment_type.max_ahead_min = u32::MAX;
            cases.push(av.clone());
            av.align_grid_min = 1;
            av.appointment_type.duration_min = 1;
            av.appointment_type.min_notice_min = 0;
            av.appointment_type.scheduling = Scheduling::Capacity;
            av.appointment_type.capacity = u32::MAX;
            av.appointment_type.resource_ids = (0..70).map(|i| format!("r{i}")).collect();
            av.now = "9999-12-31T23:59:59Z".into();
            cases.push(av);
        }
    }
    for av in &cases {
        let grid = compute(av).unwrap_or_else(|e| panic!("{e}"));
        let prepared = Prepared::new(av).unwrap();
        for slot in grid.slots().take(3) {
            let start = slot.start.to_datetime();
            assert!(start.is_some(), "{:?}", slot.start);
            // Before 1900 zones use local mean time, whose offsets have
            // seconds that RFC 3339 cannot write; only check modern dates.
            if av.from.starts_with("2026") {
                assert!(!prepared.openings_at(&start.unwrap()).is_empty());
            }
        }
    }
}
