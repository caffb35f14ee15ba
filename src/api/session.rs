use frontdesk_core::model::{LoginRequest, SessionInfo};
use frontdesk_core::problem::Problem;

pub async fn current() -> Result<SessionInfo, Problem> {
    super::get("/session").await
}

pub async fn login(email: String, password: String) -> Result<SessionInfo, Problem> {
    super::post("/session", &LoginRequest { email, password }).await
}

/// What an invitation link is for; 404 or 410 when it opens nothing.
pub async fn invitation(
    token: &str,
) -> Result<frontdesk_core::invitation::InvitationInfo, Problem> {
    super::get(&format!("/invitation?token={}", super::encode(token))).await
}

/// Uses the link: the account is made and signed in.
pub async fn accept_invitation(
    accept: &frontdesk_core::invitation::AcceptInvitation,
) -> Result<SessionInfo, Problem> {
    super::post("/invitation", accept).await
}

pub async fn logout() -> Result<(), Problem> {
    super::delete("/session").await
}
