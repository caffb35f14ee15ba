//! Everything this connector assumes where seed 003 is silent, in one
//! place (the README's connector section points here).
//!
//! - The agendas' time zone is not in the API: `[onlineafspraken] timezone`,
//!   default [`TIMEZONE`]. Times in and out are wall times of that zone,
//!   `yyyy-mm-dd hh:mm:ss` (appointments) or `hh:mm` (blocks).
//! - `getBookableBlocks` answers one `<BookableBlock>` per raw block (Date,
//!   StartTime, EndTime, ResourceId: 0 = every resource), under the
//!   response or under `<Objects>`; an empty element means none.
//! - `requiresConfirmation` answers an element holding `<Required>`.
//! - Appointment types are the company's, not an agenda's: every enabled
//!   type (`Status` 1) is offered in the chosen agenda; `CanBeBookedByConsumer`
//!   0 makes it staff-only. Fields of `Type` `Appointment` are the type's
//!   questions; `Registration` fields belong to the customer.
//! - Resources have no kind: those listed in `[onlineafspraken] rooms` are
//!   rooms, the rest coaches.
//! - An appointment takes its resources from `StartTime` to `BlockedTime`
//!   (its end plus the type's buffer) while `Status` is 1 and its `Label`
//!   is not 4 (cancelled); each takes one place of a capacity type.
//! - How long before the start cancelling online is allowed is the
//!   vendor's setting, not in the API: `[onlineafspraken]
//!   cancel_cutoff_min`, default [`CANCEL_CUTOFF_MIN`]; the vendor is asked
//!   (`DryRun`) before a cancel anyway.

pub const TIMEZONE: &str = "Europe/Amsterdam";
pub const CANCEL_CUTOFF_MIN: u32 = 24 * 60;

/// `getAppointments` pages.
pub const PAGE: usize = 500;

/// Appointment `Status`: 1 enabled, 2 disabled (cancelled), 3 deleted.
pub const STATUS_ENABLED: &str = "1";
/// Appointment `Label`: 1 pending … 4 cancelled, 5 in progress.
pub const LABEL_CANCELLED: &str = "4";
