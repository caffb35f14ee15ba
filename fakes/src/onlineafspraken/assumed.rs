//! EVERYTHING the OnlineAfspraken fake assumes where seed 003 (and
//! seeds/README.md) is silent, in one place. A connector should parse these
//! tolerantly (DESIGN.md); when the real API is seen to differ, change it
//! here.
//!
//! Wire:
//!
//! - A failed call is HTTP 200 with `<Response><Status><APIVersion>…<Date>…
//!   <Timestamp>…<Message>what went wrong</Message><Status>failed</Status>
//!   </Status></Response>` and nothing after `<Status>` ([`failed`]). That
//!   includes authentication failures (bad key, bad signature, stale salt).
//!   The messages are the fake's own English.
//! - `Content-Type: text/xml; charset=UTF-8`.
//! - `<Date>` in `<Status>` is the server's wall time in Europe/Amsterdam
//!   ([`server_time`]): the 2024 sample (getAppointment) matches that, the
//!   2022 samples look like UTC. `<Timestamp>` (Unix seconds) is the one to
//!   correct a clock with. `<APIVersion>` is `1.0`, as in every sample.
//! - **getBookableBlocks**: the seed's only sample is an empty answer,
//!   `<BookableBlock> </BookableBlock>` directly under `<Response>` (no
//!   `<Objects>`), and the documented output fields (Date, Month, Day) are
//!   those of getBookableDays. Assumed: one `<BookableBlock>` per block,
//!   directly under `<Response>`, each
//!   `<Date>2026-03-02</Date><Month>03</Month><Day>2</Day><StartTime>09:00</StartTime><EndTime>12:00</EndTime><ResourceId>101</ResourceId><AppointmentTypeId>201</AppointmentTypeId>`
//!   ([`bookable_block`]); when there are none, one empty `<BookableBlock></BookableBlock>`
//!   as in the sample. `ResourceId` 0 = a block for every resource;
//!   `AppointmentTypeId` is the requested type. Blocks are raw: weekly
//!   blocks and CHAddBlock blocks, not merged, not reduced by appointments,
//!   sorted by date, start, resource. `Month` has a leading zero as in the
//!   getBookableDays sample (whose text says it has none).
//! - An appointment with several resources has one `<Resources>` element per
//!   resource (the sample shows one); with none, one empty `<Resources></Resources>`
//!   ([`appointment_resources`]).
//! - An empty list is `<Objects></Objects>`.
//! - getBookableTimes lists one `<BookableTime>` per start time and free
//!   resource; its `<Timestamp>` is the real instant of the wall time in the
//!   agenda's zone (the 2022 sample's values read the wall time as UTC).
//! - The agenda's time zone is not on the wire (the seed's Agenda has none):
//!   the demo agenda is Europe/Brussels; a connector needs it from its own
//!   configuration.
//!
//! Semantics:
//!
//! - Method names and parameter names are case-sensitive and spelled as in
//!   the seed, including its lower-case `id` for confirmAppointment,
//!   CHRemoveBlock and setCustomer, and `AppointmentType` (not
//!   `AppointmentTypeId`) for CHAddBlock. An unknown method fails.
//!   getCalculationModelSettings / setCalculationModelSettings fail as "not
//!   implemented by the fake".
//! - The hex signature is compared lower-case, exactly; `api_salt` may be at
//!   most `signature_window_s` (default 300) seconds from the fake's clock.
//! - Availability (getBookableDays/Times, and the check in setAppointment)
//!   follows DESIGN.md's slot rules: candidate starts on the agenda's
//!   AlignGrid from midnight; `[start, start + Duration)` inside the merged
//!   blocks of a resource; an enabled appointment (Status 1, Label not 4) on
//!   that resource is busy over `[StartTime, BlockedTime)` and clashes with
//!   `[start, start + Duration + Buffer)`; `capacity` types allow `Capacity`
//!   places per resource (each appointment takes its `Capacity`, 1 per
//!   booking); consumers must book at least MinTimeBeforeAppointment and at
//!   most MaxTimeBeforeAppointment (0 = no limit) minutes ahead. Wall-clock
//!   arithmetic (a DST change inside an appointment is not corrected);
//!   non-existent wall times are skipped. A type without resources may use
//!   every enabled resource. Disabled resources are never bookable.
//! - setAppointment, consumer mode (default): creates only (an `Id` fails),
//!   `EndTime` is ignored (end = start + Duration), the start must be on the
//!   grid, the type must be enabled and CanBeBookedByConsumer, the notice
//!   window applies, and the slot must be free; the resource is `ResourceId`
//!   or the free eligible resource with the lowest id. With
//!   requiresConfirmation the appointment is pending (Label 1) and a
//!   confirmation code is "sent" (state `outbox`, and the appointment's
//!   `confirmation_code`); else approved (Label 2). Customer mode: may edit
//!   (`Id`), may set `EndTime`, no grid / notice / consumer checks, no
//!   confirmation (Label 2); the slot must still be free unless
//!   `OverrideMode=1`, which skips every availability check and links only
//!   resources whose blocks contain the time ("not assigned a resource"
//!   otherwise, as the seed says). Required Appointment fields are enforced
//!   unless `RequiredFieldsCheck=0`. The answer's `<Status>` is the new
//!   appointment's Label (the seed lists pending … in progress there).
//! - confirmAppointment with a wrong code, or for an appointment that is not
//!   pending, fails.
//! - cancelAppointment: Status 2, Label 4. Mode `customer` (default) fails
//!   less than the agenda's cancel notice (24 h in the demo) before the
//!   start; `company` always may. `DryRun=1` checks only. Cancelling a
//!   cancelled or deleted appointment fails.
//! - removeAppointment sets Status 3 (deleted): getAppointment still finds
//!   it; getAppointments lists it only with `UpdatedAfter` (as getCustomers
//!   does for deleted customers).
//! - getAppointments also takes `Limit` (default and maximum 500) and
//!   `Offset`, as its `<Stats>` suggest; it lists appointments whose start
//!   date lies in `StartDate`…`EndDate` (inclusive), sorted by start, id.
//! - getCustomers without `UpdatedAfter` leaves deleted customers (Status 3)
//!   out; `Limit` is capped at 500.
//! - setCustomer: `Email`, `FirstName`, `LastName` are required on every
//!   call (the seed marks them required); other parameters that are not sent
//!   keep their value (patch). `Phone`/`MobilePhone`, when not empty, must
//!   have 9–15 digits (spaces, `-`, `.`, `(`, `)` and a leading `+`
//!   allowed); `Email` must look like an address; `Gender` is M, F or O;
//!   `BirthDate` yyyy-mm-dd. Answers to Registration fields are stored under
//!   their Key.
//! - getBookableBlocks / getBookableTimes without `EndDate`: one day.
//!   getBookableDays without `StartDate`: today; without `EndDate`: 30 days.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::model::AppointmentResource;
use super::render::{self, datetime};
use crate::daytime::DayTime;
use crate::xml::{self, El};

pub const API_VERSION: &str = "1.0";

/// The zone of `<Date>`, `CreateTime` and `UpdateTime`.
pub const SERVER_TZ: Tz = chrono_tz::Europe::Amsterdam;

pub fn server_time(now: DateTime<Utc>) -> NaiveDateTime {
    now.with_timezone(&SERVER_TZ).naive_local()
}

/// The answer to a failed call (ASSUMED shape), under HTTP 200.
pub fn failed(now: DateTime<Utc>, message: &str) -> String {
    let response = El::new("Response").with(render::status(now, Some(message), "failed", None));
    xml::document(&response)
}

/// One getBookableBlocks entry (ASSUMED shape).
pub fn bookable_block(
    date: NaiveDate,
    start: DayTime,
    end: DayTime,
    resource_id: i64,
    appointment_type_id: i64,
) -> El {
    El::new("BookableBlock")
        .with_leaf("Date", date.format("%Y-%m-%d"))
        .with_leaf("Month", date.format("%m"))
        .with_leaf("Day", chrono::Datelike::day(&date))
        .with_leaf("StartTime", start)
        .with_leaf("EndTime", end)
        .with_leaf("ResourceId", resource_id)
        .with_leaf("AppointmentTypeId", appointment_type_id)
}

/// getBookableBlocks with nothing bookable: the seed's own sample.
pub fn no_bookable_blocks() -> El {
    El::new("BookableBlock")
}

/// An appointment's `<Resources>` elements (ASSUMED: one per resource).
pub fn appointment_resources(resources: &[AppointmentResource]) -> Vec<El> {
    if resources.is_empty() {
        return vec![El::new("Resources")];
    }
    resources
        .iter()
        .map(|r| {
            El::new("Resources")
                .with_leaf("ResourceId", r.resource_id)
                .with_leaf("StartTime", datetime(r.start_time))
                .with_leaf("FinishTime", datetime(r.finish_time))
        })
        .collect()
}

/// The code "sent" to confirm appointment `id` (deterministic, so tests can
/// also compute it; it is in the state dump too).
pub fn confirmation_code(id: i64) -> String {
    format!(
        "{:06}",
        (id * 7_919 + 104_729).rem_euclid(900_000) + 100_000
    )
}
