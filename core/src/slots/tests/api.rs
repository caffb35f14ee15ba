//! The public surface: the wire shape, the booking check, the explanation
//! and the benchmark scenarios.

use chrono::DateTime;

use super::*;

/// The example of DESIGN.md, verbatim.
const CONTRACT_EXAMPLE: &str = r#"{
  "timezone": "Europe/Brussels",
  "align_grid_min": 15,
  "appointment_type": {
    "duration_min": 60, "buffer_min": 15,
    "min_notice_min": 120, "max_ahead_min": 43200,
    "scheduling": "resource", "capacity": 1,
    "resource_ids": ["r1", "r2"]
  },
  "from": "2026-03-01", "to": "2026-03-31",
  "blocks": [ { "resource_id": "r1", "date": "2026-03-02", "start": "09:00", "end": "17:00" } ],
  "busy":   [ { "resource_id": "r1", "start": "2026-03-02T10:00:00+01:00", "end": "2026-03-02T11:15:00+01:00", "persons": 1 } ],
  "now": "2026-03-01T08:00:00+01:00"
}"#;

fn contract() -> Availability {
    serde_json::from_str(CONTRACT_EXAMPLE).unwrap()
}

#[test]
fn the_contract_example_computes() {
    let grid = grid(&contract());
    assert_eq!(grid.days.len(), 31);
    assert_eq!(grid.days[0].date, "2026-03-01");
    assert_eq!(grid.days[30].date, "2026-03-31");
    let day = &grid.days[1];
    // The 10:00–11:15 booking plus the 15-minute buffer takes 09:00–11:00.
    let starts: Vec<&str> = day.slots.iter().map(|s| &s.start[11..16]).collect();
    assert_eq!(starts.first(), Some(&"11:15"));
    assert_eq!(starts.last(), Some(&"16:00"));
    assert_eq!(starts.len(), 20);
    assert!(
        day.slots
            .iter()
            .all(|s| s.resource_ids == ["r1"] && s.remaining == 1)
    );
    assert_eq!(grid.slots().count(), 20);
}

#[test]
fn the_output_has_the_contract_shape() {
    let mut av = contract();
    av.blocks
        .push(block(Some("r2"), "2026-03-02", "09:00", "10:00"));
    av.busy.clear();
    let grid = grid(&av);
    let json = serde_json::to_value(&grid.days[1]).unwrap();
    assert_eq!(
        json["slots"][0],
        serde_json::json!({
            "start": "2026-03-02T09:00:00+01:00", "end": "2026-03-02T10:00:00+01:00",
            "resource_ids": ["r1", "r2"], "remaining": 2
        })
    );
    assert_eq!(json["date"], "2026-03-02");
    assert_eq!(
        serde_json::to_value(&grid.days[0]).unwrap(),
        serde_json::json!({"date": "2026-03-01", "slots": []})
    );
}

#[test]
fn the_grid_round_trips_through_json() {
    let grid = grid(&contract());
    let text = serde_json::to_string(&grid).unwrap();
    let back: SlotGrid = serde_json::from_str(&text).unwrap();
    assert_eq!(back, grid);
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
}

#[test]
fn optional_parts_have_defaults() {
    let av: Availability = serde_json::from_str(
        r#"{"timezone":"UTC","align_grid_min":30,"appointment_type":{"duration_min":30},
            "from":"2026-01-01","to":"2026-01-01","now":"2025-12-31T00:00:00Z",
            "blocks":[{"date":"2026-01-01","start":"09:00","end":"10:00"}],
            "busy":[{"resource_id":null,"start":"2026-01-01T09:30:00Z","end":"2026-01-01T10:00:00Z"}]}"#,
    )
    .unwrap();
    let kind = &av.appointment_type;
    assert_eq!(
        (kind.buffer_min, kind.min_notice_min, kind.max_ahead_min),
        (0, 0, 0)
    );
    assert_eq!((kind.scheduling, kind.capacity), (Scheduling::Resource, 1));
    assert!(kind.resource_ids.is_empty());
    assert_eq!(av.busy[0].persons, 1);
    assert_eq!(av.blocks[0].resource_id, None);
    assert_eq!(
        spans(&grid(&av)),
        [span(
            "2026-01-01T09:00:00+00:00",
            "2026-01-01T09:30:00+00:00"
        )]
    );
    // And the input round-trips too, nulls included.
    let text = serde_json::to_string(&av).unwrap();
    assert!(text.contains(r#""resource_id":null"#));
    assert_eq!(serde_json::from_str::<Availability>(&text).unwrap(), av);
}

#[test]
fn capacity_parses_from_json() {
    let mut value: serde_json::Value = serde_json::from_str(CONTRACT_EXAMPLE).unwrap();
    value["appointment_type"]["scheduling"] = "capacity".into();
    value["appointment_type"]["capacity"] = 12.into();
    let av: Availability = serde_json::from_value(value).unwrap();
    assert_eq!(av.appointment_type.scheduling, Scheduling::Capacity);
    let grid = grid(&av);
    assert_eq!(
        slot(&grid, "2026-03-02T10:00:00+01:00").unwrap().remaining,
        11
    );
}

#[test]
fn every_slot_is_bookable_and_nothing_else_is() {
    let mut av = contract();
    av.blocks
        .push(block(Some("r2"), "2026-03-02", "10:00", "12:00"));
    av.busy.push(busy(
        Some("r2"),
        "2026-03-02T11:30:00+01:00",
        "2026-03-02T11:45:00+01:00",
        1,
    ));
    let grid = grid(&av);
    let prepared = Prepared::new(&av).unwrap();
    for slot in grid.slots() {
        let start = slot.start.to_datetime().unwrap();
        let ids: Vec<String> = prepared
            .openings_at(&start)
            .into_iter()
            .map(|o| o.resource_id)
            .collect();
        assert_eq!(slot.resource_ids, ids);
        assert_eq!(
            is_bookable(&av, &start, None).unwrap(),
            Some(slot.resource_ids.to_vec())
        );
    }
    let at = |text: &str| DateTime::parse_from_rfc3339(text).unwrap();
    // Taken by the buffer before r1's booking, and r2 is not open yet.
    assert_eq!(
        is_bookable(&av, &at("2026-03-02T09:30:00+01:00"), None).unwrap(),
        None
    );
    // r2 is free at 10:00 only (r1 busy); asking for r1 says no.
    assert_eq!(
        is_bookable(&av, &at("2026-03-02T10:00:00+01:00"), None).unwrap(),
        Some(vec!["r2".into()])
    );
    assert_eq!(
        is_bookable(&av, &at("2026-03-02T10:00:00+01:00"), Some("r1")).unwrap(),
        None
    );
    assert_eq!(
        is_bookable(&av, &at("2026-03-02T09:00:00Z"), Some("r2")).unwrap(),
        Some(vec!["r2".into()])
    );
    // Off the grid, off by a nanosecond, outside the range, unknown resource.
    assert_eq!(
        is_bookable(&av, &at("2026-03-02T12:05:00+01:00"), None).unwrap(),
        None
    );
    assert_eq!(
        is_bookable(&av, &at("2026-03-02T12:00:00.000000001+01:00"), None).unwrap(),
        None
    );
    assert_eq!(
        is_bookable(&av, &at("2026-04-01T12:00:00+02:00"), None).unwrap(),
        None
    );
    assert_eq!(
        is_bookable(&av, &at("2026-03-02T12:00:00+01:00"), Some("r9")).unwrap(),
        None
    );
    assert_eq!(
        is_bookable(&av, &at("2026-03-02T12:00:00+01:00"), Some("r1")).unwrap(),
        Some(vec!["r1".into()])
    );
}

#[test]
fn the_booking_check_reports_places_per_resource() {
    let mut av = contract();
    av.appointment_type.scheduling = Scheduling::Capacity;
    av.appointment_type.capacity = 10;
    av.blocks
        .push(block(Some("r2"), "2026-03-02", "09:00", "17:00"));
    av.busy[0].persons = 4;
    let prepared = Prepared::new(&av).unwrap();
    let start = DateTime::parse_from_rfc3339("2026-03-02T10:30:00+01:00").unwrap();
    assert_eq!(
        prepared.openings_at(&start),
        [
            Opening {
                resource_id: "r1".into(),
                remaining: 6
            },
            Opening {
                resource_id: "r2".into(),
                remaining: 10
            },
        ]
    );
}

#[test]
fn the_booking_check_validates_first() {
    let mut av = contract();
    av.align_grid_min = 0;
    let start = DateTime::parse_from_rfc3339("2026-03-02T12:00:00+01:00").unwrap();
    assert_eq!(
        is_bookable(&av, &start, None).unwrap_err().field(),
        "align_grid_min"
    );
}

#[test]
fn the_booking_check_finds_repeated_wall_times_once() {
    let mut av = availability("Europe/Brussels", "2026-10-25", "2026-10-25");
    av.align_grid_min = 30;
    av.appointment_type.duration_min = 30;
    av.blocks = vec![block(None, "2026-10-25", "01:00", "04:00")];
    let at = |text: &str| DateTime::parse_from_rfc3339(text).unwrap();
    assert!(
        is_bookable(&av, &at("2026-10-25T02:30:00+02:00"), None)
            .unwrap()
            .is_some()
    );
    assert!(
        is_bookable(&av, &at("2026-10-25T02:30:00+01:00"), None)
            .unwrap()
            .is_none()
    );
}

#[test]
fn the_explanation_agrees_with_the_grid() {
    let mut av = generate_small();
    av.appointment_type.min_notice_min = 36 * 60;
    av.appointment_type.max_ahead_min = 4 * 24 * 60;
    let prepared = Prepared::new(&av).unwrap();
    let grid = prepared.grid();
    let mut seen = std::collections::HashSet::new();
    for day in &grid.days {
        let date = chrono::NaiveDate::parse_from_str(&day.date, "%Y-%m-%d").unwrap();
        let explanation = prepared.explain(date);
        assert_eq!(explanation.date, day.date);
        for resource in &explanation.resources {
            for line in &resource.candidates {
                let listed = day
                    .slots
                    .iter()
                    .find(|s| s.start == line.start)
                    .is_some_and(|s| s.resource_ids.contains(&resource.resource_id));
                assert_eq!(
                    matches!(line.verdict, Verdict::Free { .. }),
                    listed,
                    "{line:?}"
                );
                seen.insert(std::mem::discriminant(&line.verdict));
            }
        }
    }
    assert_eq!(seen.len(), 5, "every verdict occurs");
    let text = prepared
        .explain(chrono::NaiveDate::from_ymd_opt(2026, 3, 3).unwrap())
        .to_string();
    assert!(
        text.contains("resource coach-01") && text.contains("dropped: busy"),
        "{text}"
    );
    let outside = prepared.explain(chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
    assert!(outside.note.is_some() && outside.resources.is_empty());
}

/// The widget scenario cut to a week, with a few closed hours.
fn generate_small() -> Availability {
    let mut av = scenario::generate(scenario::Scenario::WidgetMonth, 4);
    av.to = "2026-03-07".into();
    av.blocks.retain(|b| b.date.as_str() <= "2026-03-08");
    av.blocks
        .retain(|b| !(b.date == "2026-03-03" && b.resource_id.as_deref() == Some("coach-02")));
    av
}

#[test]
fn scenarios_are_deterministic_and_scale() {
    use scenario::{Scenario, generate};
    assert_eq!(
        generate(Scenario::GymYear, 1),
        generate(Scenario::GymYear, 1)
    );
    let year = generate(Scenario::GymYear, 2);
    assert_eq!((year.blocks.len(), year.busy.len()), (20 * 365, 40_000));
    assert_eq!(
        (year.from.as_str(), year.to.as_str()),
        ("2026-01-01", "2026-12-31")
    );
    let month = generate(Scenario::WidgetMonth, 1);
    assert_eq!((month.blocks.len(), month.busy.len()), (5 * 31, 500));
    assert_eq!("gym-year".parse::<Scenario>(), Ok(Scenario::GymYear));
    assert!("gym-decade".parse::<Scenario>().is_err());
    for scenario in Scenario::ALL {
        let av = generate(scenario, 1);
        let grid = grid(&av);
        assert!(grid.slots().count() > 1000, "{scenario}");
        // Appointments stay inside opening hours.
        let prepared = Prepared::new(&av).unwrap();
        assert_eq!(
            prepared.resources().len(),
            av.appointment_type.resource_ids.len()
        );
    }
}

#[test]
fn resource_ids_behave_like_a_list_of_strings() {
    let ids: ResourceIds = ["a", "b"].into_iter().collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(ids, vec!["a".to_owned(), "b".to_owned()]);
    assert_eq!(ids.len(), 2);
    assert!(!ids.is_empty() && ids.contains("b") && !ids.contains("c"));
    assert_eq!(format!("{ids:?}"), r#"["a", "b"]"#);
    let empty = ResourceIds::from(Vec::new());
    assert!(empty.is_empty() && empty.iter().next().is_none());
    assert_eq!(empty.len(), 0);
}

#[test]
fn stamps_behave_like_strings() {
    let stamp = Stamp::new("2026-03-02T09:00:00+01:00").unwrap();
    assert_eq!(stamp, "2026-03-02T09:00:00+01:00");
    assert_eq!(&stamp[11..16], "09:00");
    assert_eq!(
        format!("{stamp} {stamp:?}"),
        r#"2026-03-02T09:00:00+01:00 "2026-03-02T09:00:00+01:00""#
    );
    assert_eq!(String::from(stamp), "2026-03-02T09:00:00+01:00");
    assert_eq!(stamp.to_datetime().unwrap().timestamp(), 1_772_438_400);
    assert!(Stamp::new(&"x".repeat(Stamp::CAPACITY + 1)).is_none());
    assert!(serde_json::from_str::<Stamp>(&format!("{:?}", "x".repeat(40))).is_err());
    let longest = "2026-03-02T09:00:00.123456789+01:00";
    assert_eq!(
        serde_json::from_str::<Stamp>(&format!("{longest:?}")).unwrap(),
        longest
    );
}

#[test]
fn results_can_cross_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Availability>();
    send_sync::<Prepared>();
    send_sync::<SlotGrid>();
    send_sync::<SlotError>();
}
