//! The front desk's check of a booking, a move or a resize: the widget's
//! engine on the same availability, with the desk's three differences.
//!
//! - Staff book at any five minutes, not only on the widget's grid, and
//!   notice and horizon do not apply (a walk-in books for now).
//! - The length is the one staff chose (a resize), not the type's.
//! - A move does not collide with itself: the appointment's own busy time
//!   is taken out before the check.
//!
//! What is refused says why, so the desk can ask for an override reason
//! that fits: outside the opening hours, or taken.

use chrono::{DateTime, TimeZone, Utc};

use super::{Availability, BusyItem, SlotError, is_bookable};

/// The grid staff may start on, in minutes.
pub const DESK_GRID_MIN: u32 = 5;

/// What the desk check says about one start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskVerdict {
    /// Bookable; the free resources (only the wanted one, when named).
    Free(Vec<String>),
    /// Not within the opening hours of any eligible resource (or of the
    /// one named).
    OutsideHours,
    /// Within the hours, but the resource is taken (over capacity).
    Taken,
}

/// The appointment being moved, as it takes its resource now.
#[derive(Debug, Clone, Copy)]
pub struct Own<'a> {
    pub resource_id: Option<&'a str>,
    pub start: DateTime<Utc>,
}

fn same_instant(stamp: &str, at: DateTime<Utc>) -> bool {
    DateTime::parse_from_rfc3339(stamp).is_ok_and(|t| t.with_timezone(&Utc) == at)
}

/// `av` as the desk sees it: its own grid, no notice or horizon, `minutes`
/// long, and without one busy item of `own`.
pub fn desk_view(av: &Availability, minutes: u32, own: Option<Own<'_>>) -> Availability {
    let mut desk = av.clone();
    desk.align_grid_min = DESK_GRID_MIN;
    desk.appointment_type.duration_min = minutes.max(1);
    desk.appointment_type.min_notice_min = 0;
    desk.appointment_type.max_ahead_min = 0;
    if let Some(own) = own
        && let Some(i) = desk.busy.iter().position(|b: &BusyItem| {
            b.resource_id.as_deref() == own.resource_id && same_instant(&b.start, own.start)
        })
    {
        let item = &mut desk.busy[i];
        if item.persons > 1 {
            item.persons -= 1;
        } else {
            desk.busy.remove(i);
        }
    }
    desk
}

/// Whether staff may put an appointment of `minutes` at `start` (on
/// `resource`, or any eligible one) without overriding a rule.
pub fn desk_check<Z: TimeZone>(
    av: &Availability,
    start: &DateTime<Z>,
    minutes: u32,
    resource: Option<&str>,
    own: Option<Own<'_>>,
) -> Result<DeskVerdict, SlotError> {
    let desk = desk_view(av, minutes, own);
    if let Some(free) = is_bookable(&desk, start, resource)? {
        return Ok(DeskVerdict::Free(free));
    }
    let empty = Availability {
        busy: Vec::new(),
        ..desk
    };
    Ok(match is_bookable(&empty, start, resource)? {
        Some(_) => DeskVerdict::Taken,
        None => DeskVerdict::OutsideHours,
    })
}

// Written in zone names: they need the tz database.
#[cfg(all(test, feature = "tzdb"))]
mod tests {
    use super::*;
    use crate::slots::{AppointmentType, Block, Scheduling};
    use chrono::Duration;
    use proptest::prelude::*;

    fn av(busy: Vec<BusyItem>) -> Availability {
        Availability {
            timezone: "Europe/Brussels".into(),
            zone: None,
            align_grid_min: 60,
            appointment_type: AppointmentType {
                duration_min: 60,
                buffer_min: 0,
                min_notice_min: 24 * 60,
                max_ahead_min: 0,
                scheduling: Scheduling::Resource,
                capacity: 1,
                resource_ids: vec!["1".into(), "2".into()],
            },
            from: "2026-03-02".into(),
            to: "2026-03-02".into(),
            blocks: ["1", "2"]
                .iter()
                .map(|r| Block {
                    resource_id: Some((*r).into()),
                    date: "2026-03-02".into(),
                    start: "09:00".into(),
                    end: "12:00".into(),
                })
                .collect(),
            busy,
            // The day itself: the widget's notice would refuse every slot.
            now: "2026-03-02T07:00:00Z".into(),
        }
    }

    fn at(hh: u32, mm: u32) -> DateTime<Utc> {
        // Brussels is UTC+1 on 2 March.
        chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(hh - 1, mm, 0)
            .unwrap()
            .and_utc()
    }

    fn busy(resource: &str, start: DateTime<Utc>, minutes: i64) -> BusyItem {
        BusyItem {
            resource_id: Some(resource.into()),
            start: start.to_rfc3339(),
            end: (start + Duration::minutes(minutes)).to_rfc3339(),
            persons: 1,
        }
    }

    #[test]
    fn the_desk_books_off_the_widgets_grid_and_inside_its_notice() {
        let av = av(vec![]);
        // The widget offers nothing today (24 h notice), nor at 10:15.
        assert_eq!(is_bookable(&av, &at(10, 0), None).unwrap(), None);
        assert_eq!(
            desk_check(&av, &at(10, 15), 60, Some("2"), None).unwrap(),
            DeskVerdict::Free(vec!["2".into()])
        );
    }

    #[test]
    fn outside_the_hours_and_taken_are_told_apart() {
        let av = av(vec![busy("1", at(9, 0), 60)]);
        assert_eq!(
            desk_check(&av, &at(11, 30), 60, Some("1"), None).unwrap(),
            DeskVerdict::OutsideHours
        );
        assert_eq!(
            desk_check(&av, &at(9, 30), 60, Some("1"), None).unwrap(),
            DeskVerdict::Taken
        );
        assert_eq!(
            desk_check(&av, &at(9, 30), 60, None, None).unwrap(),
            DeskVerdict::Free(vec!["2".into()])
        );
    }

    #[test]
    fn a_move_does_not_collide_with_itself() {
        let av = av(vec![busy("1", at(9, 0), 60)]);
        let own = Own {
            resource_id: Some("1"),
            start: at(9, 0),
        };
        assert_eq!(
            desk_check(&av, &at(9, 30), 60, Some("1"), Some(own)).unwrap(),
            DeskVerdict::Free(vec!["1".into()])
        );
        // A resize to three hours fills the morning.
        assert_eq!(
            desk_check(&av, &at(9, 0), 180, Some("1"), Some(own)).unwrap(),
            DeskVerdict::Free(vec!["1".into()])
        );
        assert_eq!(
            desk_check(&av, &at(9, 5), 180, Some("1"), Some(own)).unwrap(),
            DeskVerdict::OutsideHours
        );
    }

    proptest! {
        /// Whatever the start, length and bookings, a free verdict is one the
        /// engine itself gives on the desk's view, and the desk never refuses
        /// what the widget would offer.
        #[test]
        fn the_desk_agrees_with_the_engine(
            minute in 0u32..(14 * 12),
            minutes in prop::sample::select(vec![30u32, 60, 90]),
            taken in prop::collection::vec((0usize..2, 0u32..36), 0..4),
        ) {
            let ids = ["1", "2"];
            let busy_items = taken
                .iter()
                .map(|(r, m)| busy(ids[*r], at(8, 0) + Duration::minutes(i64::from(m * 5)), 45))
                .collect();
            let mut widget = av(busy_items);
            widget.now = "2026-03-01T00:00:00Z".into();
            widget.appointment_type.min_notice_min = 0;
            let start = at(7, 0) + Duration::minutes(i64::from(minute * 5));
            let verdict = desk_check(&widget, &start, minutes, None, None).unwrap();
            let engine = is_bookable(&desk_view(&widget, minutes, None), &start, None).unwrap();
            prop_assert_eq!(matches!(verdict, DeskVerdict::Free(_)), engine.is_some());
            if minutes == 60 && is_bookable(&widget, &start, None).unwrap().is_some() {
                prop_assert!(matches!(verdict, DeskVerdict::Free(_)));
            }
        }
    }
}
