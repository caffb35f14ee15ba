//! The staff agenda: appointments of a few days, in the club's time zone.

use frontdesk_core::model::{
    AgendaBlock, AppointmentList, Attendance, BlockRequest, DeskAttendance, DeskBooking,
    DeskCancel, DeskMove, StaffAppointment,
};
use frontdesk_core::problem::Problem;

/// Local dates `from..=to`, `YYYY-MM-DD`.
pub async fn list(from: &str, to: &str) -> Result<AppointmentList, Problem> {
    super::get(&format!(
        "/appointments?from={}&to={}",
        super::encode(from),
        super::encode(to)
    ))
    .await
}

/// Cancelled by the club; `notify` tells the customer, with `reason`.
pub async fn cancel(id: i64, reason: &str, notify: bool) -> Result<StaffAppointment, Problem> {
    super::post(
        &format!("/appointments/{id}/cancel"),
        &DeskCancel {
            reason: reason.to_owned(),
            notify,
        },
    )
    .await
}

/// Came, did not come, or (`None`) not said.
pub async fn set_attendance(
    id: i64,
    attendance: Option<Attendance>,
) -> Result<StaffAppointment, Problem> {
    super::put(
        &format!("/appointments/{id}/attendance"),
        &DeskAttendance { attendance },
    )
    .await
}

/// Gone for good.
pub async fn remove(id: i64) -> Result<(), Problem> {
    super::delete(&format!("/appointments/{id}")).await
}

/// Booked by staff (`booking.override_reason` when outside the rules).
pub async fn book(booking: &DeskBooking) -> Result<StaffAppointment, Problem> {
    super::post("/appointments", booking).await
}

/// Moved to another time, length, coach or room.
pub async fn reschedule(id: i64, change: &DeskMove) -> Result<StaffAppointment, Problem> {
    super::patch(&format!("/appointments/{id}"), change).await
}

/// The opening hours of local dates `from..=to`: weekly rules and dated
/// extra hours.
pub async fn blocks(agenda: i64, from: &str, to: &str) -> Result<Vec<AgendaBlock>, Problem> {
    super::get(&format!(
        "/agendas/{agenda}/blocks?from={}&to={}",
        super::encode(from),
        super::encode(to)
    ))
    .await
}

/// Extra opening hours on one date.
pub async fn add_block(agenda: i64, block: &BlockRequest) -> Result<AgendaBlock, Problem> {
    super::post(&format!("/agendas/{agenda}/blocks"), block).await
}

/// Extra opening hours taken away again.
pub async fn remove_block(agenda: i64, block: i64) -> Result<(), Problem> {
    super::delete(&format!("/agendas/{agenda}/blocks/{block}")).await
}

/// A coach's or room's weekly opening hours, replaced whole.
pub async fn replace_hours(
    agenda: i64,
    week: &frontdesk_core::hours::WeeklyHours,
) -> Result<Vec<AgendaBlock>, Problem> {
    super::put(&format!("/agendas/{agenda}/hours"), week).await
}
