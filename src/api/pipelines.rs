//! The pipeline board's calls: pipelines, a board with its filters, moving
//! a card, and reading, creating and editing a deal.

use frontdesk_core::model::{
    Board, DealDetail, DealInput, Following, MoveRequest, MoveResult, Page, Pipeline, Prospect,
    StaffUser,
};
use frontdesk_core::pipeline::BoardFilter;
use frontdesk_core::problem::Problem;

use super::encode;

pub async fn list() -> Result<Vec<Pipeline>, Problem> {
    super::get("/pipelines").await
}

/// The filters as the board route's query (and the page's URL) spell them.
pub fn filter_query(filter: &BoardFilter) -> String {
    let mut parts = Vec::new();
    if let Some(owner) = filter.owner {
        parts.push(format!("owner={owner}"));
    }
    if filter.mine {
        parts.push("mine=true".to_owned());
    }
    if let Some(first) = filter.first {
        parts.push(format!("first={first}"));
    }
    for (name, value) in [
        ("q", &filter.q),
        ("close_from", &filter.close_from),
        ("close_to", &filter.close_to),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            parts.push(format!("{name}={}", encode(v)));
        }
    }
    parts.join("&")
}

pub async fn board(pipeline: &str, filter: &BoardFilter) -> Result<Board, Problem> {
    super::get(&format!(
        "/pipelines/{}/board?{}",
        encode(pipeline),
        filter_query(filter)
    ))
    .await
}

pub async fn move_card(
    pipeline: &str,
    card: &str,
    request: &MoveRequest,
) -> Result<MoveResult, Problem> {
    super::post(
        &format!(
            "/pipelines/{}/cards/{}/move",
            encode(pipeline),
            encode(card)
        ),
        request,
    )
    .await
}

pub async fn deal(id: &str) -> Result<DealDetail, Problem> {
    super::get(&format!("/deals/{}", encode(id))).await
}

pub async fn create_deal(input: &DealInput) -> Result<DealDetail, Problem> {
    super::post("/deals", input).await
}

pub async fn update_deal(id: &str, input: &DealInput) -> Result<DealDetail, Problem> {
    super::put(&format!("/deals/{}", encode(id)), input).await
}

/// Whether the club follows the deal at its CRM (501 where it cannot).
pub async fn following(id: &str) -> Result<Following, Problem> {
    super::get(&format!("/deals/{}/follow", encode(id))).await
}

pub async fn set_following(id: &str, following: bool) -> Result<Following, Problem> {
    super::put(
        &format!("/deals/{}/follow", encode(id)),
        &Following { following },
    )
    .await
}

pub async fn staff() -> Result<Vec<StaffUser>, Problem> {
    super::get("/staff").await
}

/// Prospects whose name, email or phone contains `q`, for "new deal".
pub async fn find_prospects(q: &str) -> Result<Page<Prospect>, Problem> {
    super::get(&format!("/prospects?q={}&limit=8&sort=name", encode(q))).await
}
