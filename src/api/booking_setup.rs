//! The booking setup (Settings): appointment types, coaches and rooms of
//! the agendas the widget books in.

use frontdesk_core::model::{
    AppointmentTypeInput, AppointmentTypeSetup, BookingSetup, ResourceInfo, ResourceInput,
};
use frontdesk_core::problem::Problem;

pub async fn setup() -> Result<Vec<BookingSetup>, Problem> {
    super::get("/settings/booking").await
}

fn base(agenda: i64) -> String {
    format!("/settings/booking/agendas/{agenda}")
}

pub async fn add_type(
    agenda: i64,
    input: &AppointmentTypeInput,
) -> Result<AppointmentTypeSetup, Problem> {
    super::post(&format!("{}/types", base(agenda)), input).await
}

pub async fn change_type(
    agenda: i64,
    id: i64,
    input: &AppointmentTypeInput,
) -> Result<AppointmentTypeSetup, Problem> {
    super::put(&format!("{}/types/{id}", base(agenda)), input).await
}

/// Archived: the widget no longer offers it; its bookings keep it.
pub async fn archive_type(agenda: i64, id: i64) -> Result<AppointmentTypeSetup, Problem> {
    super::delete_json(&format!("{}/types/{id}", base(agenda))).await
}

/// Offered in the widget again, as it was set up.
pub async fn restore_type(agenda: i64, id: i64) -> Result<AppointmentTypeSetup, Problem> {
    super::post(&format!("{}/types/{id}/restore", base(agenda)), &()).await
}

pub async fn add_resource(agenda: i64, input: &ResourceInput) -> Result<ResourceInfo, Problem> {
    super::post(&format!("{}/resources", base(agenda)), input).await
}

pub async fn change_resource(
    agenda: i64,
    id: &str,
    input: &ResourceInput,
) -> Result<ResourceInfo, Problem> {
    super::put(
        &format!("{}/resources/{}", base(agenda), super::encode(id)),
        input,
    )
    .await
}

/// Removed: no longer booked or shown; its past appointments keep its name.
pub async fn remove_resource(agenda: i64, id: &str) -> Result<(), Problem> {
    super::delete(&format!("{}/resources/{}", base(agenda), super::encode(id))).await
}
