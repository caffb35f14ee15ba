use frontdesk_core::model::{LoginRequest, SessionInfo};
use frontdesk_core::problem::Problem;

pub async fn current() -> Result<SessionInfo, Problem> {
    super::get("/session").await
}

pub async fn login(email: String, password: String) -> Result<SessionInfo, Problem> {
    super::post("/session", &LoginRequest { email, password }).await
}

pub async fn logout() -> Result<(), Problem> {
    super::delete("/session").await
}
