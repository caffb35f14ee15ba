//! Unit tests, one module per concern. The property tests that compare the
//! engine with a brute-force model live in `core/tests/slots_props.rs`.

mod api;
mod dst;
mod errors;
mod rules;
mod zone;

use super::*;

/// One resource-less day in Brussels, 60-minute appointments on a 15-minute
/// grid, no buffer, notice or horizon, `now` long ago.
pub(super) fn availability(timezone: &str, from: &str, to: &str) -> Availability {
    Availability {
        timezone: timezone.to_owned(),
        zone: None,
        align_grid_min: 15,
        appointment_type: AppointmentType {
            duration_min: 60,
            buffer_min: 0,
            min_notice_min: 0,
            max_ahead_min: 0,
            scheduling: Scheduling::Resource,
            capacity: 1,
            resource_ids: Vec::new(),
        },
        from: from.to_owned(),
        to: to.to_owned(),
        blocks: Vec::new(),
        busy: Vec::new(),
        now: "2000-01-01T00:00:00Z".to_owned(),
    }
}

pub(super) fn brussels(date: &str) -> Availability {
    availability("Europe/Brussels", date, date)
}

pub(super) fn block(resource: Option<&str>, date: &str, start: &str, end: &str) -> Block {
    Block {
        resource_id: resource.map(str::to_owned),
        date: date.to_owned(),
        start: start.to_owned(),
        end: end.to_owned(),
    }
}

pub(super) fn busy(resource: Option<&str>, start: &str, end: &str, persons: u32) -> BusyItem {
    BusyItem {
        resource_id: resource.map(str::to_owned),
        start: start.to_owned(),
        end: end.to_owned(),
        persons,
    }
}

/// The grid, which the browser's path (the `zone` table the server
/// attaches) must give exactly as the tz database does.
pub(super) fn grid(av: &Availability) -> SlotGrid {
    let grid = compute(av).unwrap_or_else(|e| panic!("{e}"));
    if av.zone.is_none() {
        let mut zoned = av.clone();
        zoned.attach_zone();
        let by_table = compute(&zoned).unwrap_or_else(|e| panic!("with the zone table: {e}"));
        assert_eq!(by_table, grid, "the zone table's grid");
    }
    grid
}

/// Every slot as `(start, end)`.
pub(super) fn spans(grid: &SlotGrid) -> Vec<(String, String)> {
    grid.slots()
        .map(|s| (s.start.to_string(), s.end.to_string()))
        .collect()
}

/// The wall-clock part (`HH:MM`) of every slot start.
pub(super) fn times(grid: &SlotGrid) -> Vec<String> {
    grid.slots().map(|s| s.start[11..16].to_owned()).collect()
}

/// The slot starting at `start` (full RFC 3339).
pub(super) fn slot<'a>(grid: &'a SlotGrid, start: &str) -> Option<&'a Slot> {
    grid.slots().find(|s| s.start == start)
}

pub(super) fn span(start: &str, end: &str) -> (String, String) {
    (start.to_owned(), end.to_owned())
}
