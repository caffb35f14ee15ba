//! The public booking API, as the widget calls it.

use frontdesk_core::model::{
    AgendaInfo, AppointmentTypeInfo, Booking, BookingRequest, CancelAnswer, CancelRequest,
    CodeSent, ConfirmRequest, FormField, ResendCodeRequest, ResourceInfo,
};
use frontdesk_core::problem::Problem;
use frontdesk_core::slots::Availability;

use super::encode as enc;

/// The agendas one can book in.
pub async fn agendas() -> Result<Vec<AgendaInfo>, Problem> {
    super::get("/public/agendas").await
}

/// The club's name, colours and languages, as the widget shows them.
pub async fn club() -> Result<frontdesk_core::club::ClubBrand, Problem> {
    super::get("/public/club").await
}

pub async fn agenda(id: &str) -> Result<AgendaInfo, Problem> {
    super::get(&format!("/public/agendas/{}", enc(id))).await
}

pub async fn types(agenda: &str) -> Result<Vec<AppointmentTypeInfo>, Problem> {
    super::get(&format!("/public/agendas/{}/types", enc(agenda))).await
}

pub async fn resources(agenda: &str) -> Result<Vec<ResourceInfo>, Problem> {
    super::get(&format!("/public/agendas/{}/resources", enc(agenda))).await
}

pub async fn fields(agenda: &str, type_id: i64) -> Result<Vec<FormField>, Problem> {
    super::get(&format!(
        "/public/agendas/{}/types/{type_id}/fields",
        enc(agenda)
    ))
    .await
}

pub async fn availability(
    agenda: &str,
    type_id: i64,
    from: &str,
    to: &str,
) -> Result<Availability, Problem> {
    super::get(&format!(
        "/public/agendas/{}/availability?type_id={type_id}&from={from}&to={to}",
        enc(agenda)
    ))
    .await
}

/// Books; the same `key` on a retry returns the first answer, never a second
/// booking.
pub async fn book(agenda: &str, request: &BookingRequest, key: &str) -> Result<Booking, Problem> {
    super::post_with_headers(
        &format!("/public/agendas/{}/bookings", enc(agenda)),
        request,
        &[("Idempotency-Key", key)],
    )
    .await
}

pub async fn confirm(token: String, code: String) -> Result<Booking, Problem> {
    super::post("/public/bookings/confirm", &ConfirmRequest { token, code }).await
}

/// A new code for a pending booking, to a corrected address when given.
pub async fn resend_code(token: String, email: Option<String>) -> Result<CodeSent, Problem> {
    super::post("/public/bookings/code", &ResendCodeRequest { token, email }).await
}

pub async fn manage(token: &str) -> Result<CancelAnswer, Problem> {
    super::get(&format!("/public/bookings/manage?token={}", enc(token))).await
}

pub async fn cancel(token: String, dry_run: bool) -> Result<CancelAnswer, Problem> {
    super::post("/public/bookings/cancel", &CancelRequest { token, dry_run }).await
}

pub fn calendar_url(token: &str) -> String {
    super::url(&format!(
        "/public/bookings/calendar.ics?token={}",
        enc(token)
    ))
}
