//! The wire shape of an `Availability`: what the server sends the widget, and
//! what the engine reads.
//!
//! Dates, times and instants stay strings here on purpose: the engine parses
//! them itself so that a malformed one comes back as a [`SlotError`] naming the
//! exact field (`blocks[3].end`), which serde's own errors cannot do.
//!
//! [`SlotError`]: super::SlotError

use serde::{Deserialize, Serialize};

use super::zone::ZoneRules;

/// Everything needed to compute the bookable slots of one appointment type
/// over a range of local dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Availability {
    /// IANA time zone name, e.g. `Europe/Brussels`.
    pub timezone: String,
    /// The offsets of `timezone` over the dates, so that a build without
    /// the tz database (the browser's) can read the wall times. Without it
    /// `timezone` is looked up in the tz database (feature `tzdb`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<ZoneRules>,
    /// Candidate starts are the local wall times whose minutes since local
    /// midnight are a multiple of this.
    pub align_grid_min: u32,
    pub appointment_type: AppointmentType,
    /// First local date, `YYYY-MM-DD`.
    pub from: String,
    /// Last local date (inclusive), `YYYY-MM-DD`; at most 366 dates in all.
    pub to: String,
    /// Opening hours per resource and local date.
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// Existing bookings and other reasons a resource is taken.
    #[serde(default)]
    pub busy: Vec<BusyItem>,
    /// The current instant, RFC 3339; notice and horizon count from it.
    pub now: String,
}

/// The rules of the kind of appointment being booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppointmentType {
    pub duration_min: u32,
    /// Time kept free after an appointment before the next one may start.
    #[serde(default)]
    pub buffer_min: u32,
    /// How long before its start a slot stops being bookable.
    #[serde(default)]
    pub min_notice_min: u32,
    /// How far ahead a slot may start; 0 means no limit.
    #[serde(default)]
    pub max_ahead_min: u32,
    #[serde(default)]
    pub scheduling: Scheduling,
    /// Places per resource under `capacity` scheduling.
    #[serde(default = "one")]
    pub capacity: u32,
    /// The resources that may serve this type; empty means "whoever has
    /// opening hours".
    #[serde(default)]
    pub resource_ids: Vec<String>,
}

/// How bookings share a resource.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Scheduling {
    /// One booking at a time per resource (a coach, a room).
    #[default]
    Resource,
    /// Up to `capacity` persons at a time per resource (a group class).
    Capacity,
}

/// Opening hours of one resource (or, with `resource_id` null, of every
/// eligible resource) on one local date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Block {
    #[serde(default)]
    pub resource_id: Option<String>,
    /// Local date, `YYYY-MM-DD`.
    pub date: String,
    /// Local wall time `HH:MM`.
    pub start: String,
    /// Local wall time `HH:MM`, or `24:00` for the next local midnight.
    pub end: String,
}

/// A span in which a resource (or, with `resource_id` null, every eligible
/// resource) is taken by `persons` persons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusyItem {
    #[serde(default)]
    pub resource_id: Option<String>,
    /// RFC 3339 instant.
    pub start: String,
    /// RFC 3339 instant, not before `start`.
    pub end: String,
    #[serde(default = "one")]
    pub persons: u32,
}

fn one() -> u32 {
    1
}
