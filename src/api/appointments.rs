//! The staff agenda: appointments of a few days, in the club's time zone.

use frontdesk_core::model::{
    AppointmentList, Attendance, DeskAttendance, DeskCancel, StaffAppointment,
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
