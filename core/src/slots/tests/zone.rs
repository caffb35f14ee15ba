//! The zone table the server sends the browser: its wire shape, its
//! checks, and rule 2 against chrono-tz around every transition.

use chrono::{LocalResult, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use super::*;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn wall(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

fn brussels_table(from: &str, to: &str) -> ZoneRules {
    ZoneRules::from_tz(chrono_tz::Europe::Brussels, date(from), date(to))
}

#[test]
fn the_wire_shape_is_name_until_and_offsets_from_each_instant() {
    let zone = brussels_table("2026-03-29", "2026-03-29");
    let json = serde_json::to_value(&zone).unwrap();
    // 2026-03-27 00:00 UTC to 2026-04-02 00:00 UTC; the switch at
    // 2026-03-29 01:00 UTC.
    assert_eq!(
        json,
        serde_json::json!({
            "name": "Europe/Brussels",
            "until": 1_775_088_000,
            "offsets": [
                { "from": 1_774_569_600, "offset_s": 3600 },
                { "from": 1_774_746_000, "offset_s": 7200 },
            ],
        })
    );
    let back: ZoneRules = serde_json::from_value(json).unwrap();
    assert_eq!(back, zone);
}

#[test]
fn a_malformed_table_is_refused_when_read() {
    let read = |json: serde_json::Value| serde_json::from_value::<ZoneRules>(json).unwrap_err();
    let offsets = |list: serde_json::Value| serde_json::json!({ "name": "UTC", "until": 100, "offsets": list });
    assert!(
        read(offsets(serde_json::json!([])))
            .to_string()
            .contains("at least one")
    );
    assert!(
        read(offsets(
            serde_json::json!([{ "from": 0, "offset_s": 0 }, { "from": 0, "offset_s": 60 }])
        ))
        .to_string()
        .contains("offsets[1].from")
    );
    assert!(
        read(offsets(
            serde_json::json!([{ "from": 0, "offset_s": 86_400 }])
        ))
        .to_string()
        .contains("a day")
    );
    assert!(
        read(offsets(serde_json::json!([{ "from": 100, "offset_s": 0 }])))
            .to_string()
            .contains("ends")
    );
}

#[test]
fn resolve_follows_rule_2() {
    let zone = brussels_table("2026-01-01", "2026-12-31");
    let text = |w: &str| zone.resolve(wall(w)).to_rfc3339();
    assert_eq!(text("2026-03-29T01:30"), "2026-03-29T01:30:00+01:00");
    // In the gap: the first instant after it.
    assert_eq!(text("2026-03-29T02:00"), "2026-03-29T03:00:00+02:00");
    assert_eq!(text("2026-03-29T02:59"), "2026-03-29T03:00:00+02:00");
    assert_eq!(text("2026-03-29T03:00"), "2026-03-29T03:00:00+02:00");
    // Twice on the clock: the earlier.
    assert_eq!(text("2026-10-25T02:30"), "2026-10-25T02:30:00+02:00");
    assert_eq!(text("2026-10-25T03:00"), "2026-10-25T03:00:00+01:00");
    assert_eq!(text("2026-07-01T09:15"), "2026-07-01T09:15:00+02:00");
}

#[test]
fn offset_at_changes_at_the_transition() {
    let zone = brussels_table("2026-10-25", "2026-10-25");
    let at = |s: &str| {
        let t = chrono::DateTime::parse_from_rfc3339(s).unwrap();
        zone.offset_at(&t).local_minus_utc()
    };
    assert_eq!(at("2026-10-25T00:59:59Z"), 7200);
    assert_eq!(at("2026-10-25T01:00:00Z"), 3600);
    assert_eq!(
        zone.at(&chrono::DateTime::parse_from_rfc3339("2026-10-25T01:30:00Z").unwrap())
            .to_rfc3339(),
        "2026-10-25T02:30:00+01:00"
    );
}

/// Rule 2 by chrono-tz: the earlier of two, or the end of the gap.
fn by_tz(tz: Tz, wall: NaiveDateTime) -> chrono::DateTime<chrono::FixedOffset> {
    match tz.from_local_datetime(&wall) {
        LocalResult::Single(t) => t.fixed_offset(),
        LocalResult::Ambiguous(a, b) => a.min(b).fixed_offset(),
        LocalResult::None => chrono_tz::GapInfo::new(&wall, &tz)
            .and_then(|gap| gap.end)
            .expect("a gap with an end")
            .fixed_offset(),
    }
}

#[test]
fn resolve_agrees_with_the_tz_database_around_every_transition() {
    let zones = [
        "Europe/Brussels",
        "America/New_York",
        "America/Santiago",
        "Australia/Adelaide",
        "Australia/Lord_Howe",
        "Pacific/Apia",
        "Asia/Kathmandu",
        "UTC",
    ];
    let mut checked = 0;
    for name in zones {
        let tz: Tz = name.parse().unwrap();
        for (from, to) in [("2011-01-01", "2011-12-31"), ("2026-01-01", "2026-12-31")] {
            let zone = ZoneRules::from_tz(tz, date(from), date(to));
            assert!(zone.covers(date(from), date(to)));
            let (start, end) = zone.span();
            // Every minute of the three hours either side of each
            // transition (as wall times of both offsets), and of the table's
            // first and last days.
            let mut walls: Vec<i64> = Vec::new();
            for change in &zone.offsets()[1..] {
                for offset in [-10_800 - 86_400, -10_800, 0, 10_800] {
                    let centre = change.from + i64::from(change.offset_s) + offset;
                    walls.extend((-180..=180).map(|m| centre + m * 60));
                }
            }
            walls.extend((0..1440).map(|m| start + 86_400 + m * 60));
            walls.extend((0..1440).map(|m| end - 2 * 86_400 + m * 60));
            for secs in walls {
                let w = chrono::DateTime::from_timestamp(secs, 0)
                    .unwrap()
                    .naive_utc();
                assert_eq!(zone.resolve(w), by_tz(tz, w), "{name} {w}");
                checked += 1;
            }
        }
    }
    assert!(checked > 50_000, "{checked}");
}

#[test]
fn a_table_of_another_zone_or_too_short_is_an_error_naming_zone() {
    let mut av = brussels("2026-03-29");
    av.blocks = vec![block(None, "2026-03-29", "09:00", "12:00")];
    av.attach_zone();
    assert!(compute(&av).is_ok());

    let mut other = av.clone();
    other.zone = Some(ZoneRules::from_tz(
        chrono_tz::Europe::Amsterdam,
        date("2026-03-29"),
        date("2026-03-29"),
    ));
    let e = compute(&other).unwrap_err();
    assert_eq!(e.field(), "zone");
    assert_eq!(
        e.kind(),
        &SlotErrorKind::ZoneMismatch("Europe/Amsterdam".into())
    );

    let mut short = av.clone();
    short.to = "2026-03-31".into();
    let e = compute(&short).unwrap_err();
    assert_eq!(
        (e.field(), e.kind()),
        ("zone", &SlotErrorKind::ZoneTooShort)
    );
}

#[test]
fn a_table_needs_no_known_zone_name_check_beyond_equality() {
    // The engine reads the table, not the name: a zone the tz database has
    // no entry for computes as well, when the table says its offsets.
    let mut av = availability("Club/Own", "2026-03-02", "2026-03-02");
    av.blocks = vec![block(None, "2026-03-02", "09:00", "10:00")];
    let (start, until) = required_span(date("2026-03-02"), date("2026-03-02"));
    av.zone = Some(
        ZoneRules::new(
            "Club/Own".into(),
            vec![ZoneOffset {
                from: start,
                offset_s: 5400,
            }],
            until,
        )
        .unwrap(),
    );
    let grid = compute(&av).unwrap();
    assert_eq!(
        spans(&grid),
        [span(
            "2026-03-02T09:00:00+01:30",
            "2026-03-02T10:00:00+01:30"
        )]
    );
    av.zone = None;
    assert_eq!(compute(&av).unwrap_err().field(), "timezone");
}

#[test]
fn the_booking_check_reads_the_table_too() {
    let mut av = brussels("2026-10-25");
    av.align_grid_min = 30;
    av.blocks = vec![block(None, "2026-10-25", "01:00", "04:00")];
    av.attach_zone();
    for (start, listed) in [
        ("2026-10-25T02:30:00+02:00", true),
        // Rule 4: a repeated wall time is a candidate once, the earlier.
        ("2026-10-25T02:30:00+01:00", false),
        ("2026-10-25T03:00:00+01:00", true),
        ("2026-10-25T02:45:00+01:00", false),
    ] {
        let mut by_tz = av.clone();
        by_tz.zone = None;
        let t = chrono::DateTime::parse_from_rfc3339(start).unwrap();
        assert_eq!(
            is_bookable(&av, &t, None).unwrap().is_some(),
            listed,
            "{start}"
        );
        assert_eq!(is_bookable(&av, &t, None), is_bookable(&by_tz, &t, None));
    }
}
