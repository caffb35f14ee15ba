//! Settings: the club, the staff and the person's own account.

use frontdesk_core::club::ClubSettings;
use frontdesk_core::model::{NewStaff, PasswordChange, StaffChange, StaffUser};
use frontdesk_core::problem::Problem;

pub async fn club() -> Result<ClubSettings, Problem> {
    super::get("/settings/club").await
}

pub async fn save_club(club: &ClubSettings) -> Result<ClubSettings, Problem> {
    super::put("/settings/club", club).await
}

/// Stores `bytes` (checked with `core::logo::check`) as the club's logo.
pub async fn upload_logo(
    bytes: &[u8],
    kind: frontdesk_core::logo::LogoKind,
) -> Result<frontdesk_core::club::ClubBrand, Problem> {
    super::send_bytes("PUT", "/settings/club/logo", kind.content_type(), bytes).await
}

pub async fn remove_logo() -> Result<frontdesk_core::club::ClubBrand, Problem> {
    super::delete_json("/settings/club/logo").await
}

pub async fn staff() -> Result<Vec<StaffUser>, Problem> {
    super::get("/staff").await
}

pub async fn add_staff(new: &NewStaff) -> Result<StaffUser, Problem> {
    super::post("/staff", new).await
}

/// A one-time link for a new member of staff, shown once.
/// The invitations not used, withdrawn or expired yet (never their links).
pub async fn open_invitations() -> Result<Vec<frontdesk_core::invitation::OpenInvitation>, Problem>
{
    super::get("/staff/invitations").await
}

/// Withdrawn: the link opens nothing from now on, and says so.
pub async fn withdraw_invitation(id: i64) -> Result<(), Problem> {
    super::delete(&format!("/staff/invitations/{id}")).await
}

pub async fn invite_staff(
    new: &frontdesk_core::invitation::NewInvitation,
) -> Result<frontdesk_core::invitation::Invitation, Problem> {
    super::post("/staff/invitations", new).await
}

pub async fn change_staff(id: i64, change: &StaffChange) -> Result<StaffUser, Problem> {
    super::patch(&format!("/staff/{id}"), change).await
}

/// Answered 204: nothing to read.
pub async fn change_password(change: &PasswordChange) -> Result<(), Problem> {
    super::send_no_content("PUT", "/session/password", change).await
}

pub async fn sign_out_everywhere() -> Result<(), Problem> {
    super::delete("/sessions").await
}

/// Each capability's system tried now, as `check-config` does.
pub async fn check_connections() -> Result<Vec<frontdesk_core::model::ConnectionCheck>, Problem> {
    super::post("/settings/connections/check", &()).await
}
