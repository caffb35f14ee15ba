//! The slot engine: which start times of an appointment type are bookable,
//! from raw opening hours and existing bookings (DESIGN.md, "The slot
//! engine"). The browser computes the grid with it and the server checks
//! every booking with it, so the two cannot disagree.
//!
//! [`compute`] does it all; [`Prepared`] splits the work into validating and
//! resolving the input once ([`Prepared::new`]) and the sweep
//! ([`Prepared::grid`], [`Prepared::openings_at`]), which is what a bench or
//! a repeated query wants. [`Prepared::explain`] tells a person why a date
//! has the slots it has.
//!
//! The output keeps the JSON shape of the contract, with two allocation-free
//! field types for speed: a slot's `start` and `end` are [`Stamp`]s (inline
//! text, dereferencing to `str`) and its `resource_ids` a [`ResourceIds`]
//! (a bit row into a table shared by the day's slots, iterating as `&str`).
//! Both serialize as plain JSON strings and arrays.

mod clock;
pub mod desk;
mod engine;
mod error;
mod explain;
mod format;
mod input;
mod output;
mod parse;
mod prepare;
#[cfg(feature = "tzdb")]
pub mod scenario;
mod stamp;
mod zone;

// The unit tests compare with chrono-tz, so they need the tz database.
#[cfg(all(test, feature = "tzdb"))]
mod tests;

use chrono::{DateTime, TimeZone};

pub use engine::Opening;
pub use error::{SlotError, SlotErrorKind};
pub use explain::{BusyLine, CandidateLine, DayExplanation, ResourceExplanation, Verdict};
pub use input::{AppointmentType, Availability, Block, BusyItem, Scheduling};
pub use output::{ResourceIds, Slot, SlotDay, SlotGrid};
pub use prepare::{DEFAULT_RESOURCE, Prepared};
pub use stamp::Stamp;
pub use zone::{ZoneOffset, ZoneRules, required_span};

/// The most local dates one `Availability` may span: a leap year.
pub const MAX_DAYS: usize = 366;

/// The bookable slots of every date from `av.from` to `av.to`.
pub fn compute(av: &Availability) -> Result<SlotGrid, SlotError> {
    Prepared::new(av).map(|prepared| prepared.grid())
}

/// Whether a booking starting exactly at `start` (with `resource_id`, when
/// given) would be a slot of [`compute`]'s grid. Returns the free resources
/// (only `resource_id` when given) or `None` when it is not bookable.
pub fn is_bookable<Z: TimeZone>(
    av: &Availability,
    start: &DateTime<Z>,
    resource_id: Option<&str>,
) -> Result<Option<Vec<String>>, SlotError> {
    let ids: Vec<String> = Prepared::new(av)?
        .openings_at(start)
        .into_iter()
        .map(|opening| opening.resource_id)
        .filter(|id| resource_id.is_none_or(|wanted| wanted == id))
        .collect();
    Ok((!ids.is_empty()).then_some(ids))
}
