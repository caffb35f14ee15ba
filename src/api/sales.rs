//! Sales steps of a prospect (staff): where it stands, and choosing a result.

use frontdesk_core::model::{ProspectSales, SalesResultRequest, SalesStep};
use frontdesk_core::problem::Problem;

/// The plan, labels in `lang` (`nl`, `fr`, `en`).
pub async fn steps(lang: &str) -> Result<Vec<SalesStep>, Problem> {
    super::get(&format!("/sales/steps?lang={}", super::encode(lang))).await
}

pub async fn of_prospect(id: i64, lang: &str) -> Result<ProspectSales, Problem> {
    super::get(&format!(
        "/prospects/{id}/sales?lang={}",
        super::encode(lang)
    ))
    .await
}

/// Records a result; the answer is the prospect's new state.
pub async fn choose(
    id: i64,
    lang: &str,
    request: &SalesResultRequest,
) -> Result<ProspectSales, Problem> {
    super::post(
        &format!("/prospects/{id}/sales?lang={}", super::encode(lang)),
        request,
    )
    .await
}
