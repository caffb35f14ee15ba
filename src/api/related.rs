//! `/prospects/{id}/related`: what the system keeping a prospect holds
//! beside it (the drawer's related records) and its owner there. Every
//! write answers the whole of it again.

use frontdesk_core::model::{Related, RelatedInput, RelatedKind, RelatedOrder, RelatedOwnerInput};
use frontdesk_core::problem::Problem;

use super::encode;

fn base(prospect: i64) -> String {
    format!("/prospects/{prospect}/related")
}

pub async fn get(prospect: i64) -> Result<Related, Problem> {
    super::get(&base(prospect)).await
}

pub async fn create(
    prospect: i64,
    kind: RelatedKind,
    input: &RelatedInput,
) -> Result<Related, Problem> {
    super::post(&format!("{}/{}", base(prospect), kind.as_str()), input).await
}

pub async fn update(
    prospect: i64,
    kind: RelatedKind,
    item: &str,
    input: &RelatedInput,
) -> Result<Related, Problem> {
    let path = format!("{}/{}/{}", base(prospect), kind.as_str(), encode(item));
    super::patch(&path, input).await
}

pub async fn delete(prospect: i64, kind: RelatedKind, item: &str) -> Result<Related, Problem> {
    let path = format!("{}/{}/{}", base(prospect), kind.as_str(), encode(item));
    super::delete_json(&path).await
}

pub async fn reorder(
    prospect: i64,
    kind: RelatedKind,
    ids: Vec<String>,
) -> Result<Related, Problem> {
    let path = format!("{}/{}/order", base(prospect), kind.as_str());
    super::put(&path, &RelatedOrder { ids }).await
}

pub async fn assign_owner(prospect: i64, owner_id: String) -> Result<Related, Problem> {
    super::put(
        &format!("{}/owner", base(prospect)),
        &RelatedOwnerInput { owner_id },
    )
    .await
}

pub async fn remove_owner(prospect: i64) -> Result<Related, Problem> {
    super::delete_json(&format!("{}/owner", base(prospect))).await
}
