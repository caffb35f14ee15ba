//! The first screen's data in the page itself. When a signed-in person
//! loads the staff app, the server writes who they are, and on `/board`
//! the board's first cards or on `/prospects` the list's first page, into
//! a `<script type="application/json" id="boot">` block. The app reads it
//! as it starts, instead of asking for the session and then the page's data
//! once its code has loaded: on a full load that wait was most of the time
//! to the first card or row. Each part is taken once; everything later
//! comes from the API.

use axum::extract::Query;
use axum::http::Uri;
use frontdesk_core::model::{Board, Page, Prospect, SessionInfo};
use frontdesk_core::pipeline::{BoardFilter, FIRST_CARDS};
use frontdesk_core::prospect_list::FIRST_PAGE;
use serde::Serialize;

use crate::SharedState;
use crate::api::session::Staff;
use crate::api::{pipelines, prospects};
use crate::store::prospects::ListQuery;

#[derive(Serialize)]
struct Boot {
    session: SessionInfo,
    #[serde(skip_serializing_if = "Option::is_none")]
    board: Option<Board>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prospects: Option<Page<Prospect>>,
}

/// The `<script>` block of the page at `uri` for this member of staff.
pub async fn script(state: &SharedState, staff: Staff, uri: &Uri) -> Option<String> {
    let me = staff.session.user.id;
    let path = uri.path();
    let (board, prospects) = if path == "/board" {
        (first_board(state, me, uri).await, None)
    } else if path == "/prospects" || path.starts_with("/prospects/") {
        // With a prospect open in the drawer, the list is behind it.
        (None, first_prospects(state, me, uri).await)
    } else {
        (None, None)
    };
    let boot = Boot {
        session: staff.session,
        board,
        prospects,
    };
    let json = serde_json::to_string(&boot).ok()?;
    Some(format!(
        r#"<script type="application/json" id="boot">{}</script>"#,
        escape(&json)
    ))
}

/// The board the page at `uri` opens on: its pipeline and filters, each
/// column's first cards. An address or a filter that is not valid is left
/// to the page, which asks the API and shows its error.
async fn first_board(state: &SharedState, me: i64, uri: &Uri) -> Option<Board> {
    let Query(params) = Query::<Vec<(String, String)>>::try_from_uri(uri).ok()?;
    let get = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    let filter = BoardFilter {
        first: Some(FIRST_CARDS),
        ..BoardFilter::from_params(get)
    };
    pipelines::check_dates(&filter).ok()?;
    let pipeline = get("pipeline").filter(|p| !p.trim().is_empty());
    pipelines::board_of(state, me, pipeline.as_deref(), &filter)
        .await
        .ok()
}

/// The first page of the list the page at `uri` shows (its search,
/// filters and sort are the address's query). A query the API would refuse
/// is left to the page, which asks and shows the error.
async fn first_prospects(state: &SharedState, me: i64, uri: &Uri) -> Option<Page<Prospect>> {
    let Query(q) = Query::<ListQuery>::try_from_uri(uri).ok()?;
    let q = ListQuery {
        limit: Some(FIRST_PAGE),
        ..q
    };
    prospects::page_of(state, me, &q).await.ok()
}

/// JSON inside a `<script>` element ends at the first `</script`, and
/// `<!--` changes how it is read: written as `\u003c`, no `<` is left,
/// and `JSON.parse` reads the same text.
fn escape(json: &str) -> String {
    json.replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_markup_survives_in_the_block() {
        let json = serde_json::to_string(&serde_json::json!({
            "title": "</script><script>alert(1)</script><!--"
        }))
        .unwrap();
        let escaped = escape(&json);
        assert!(!escaped.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back["title"], "</script><script>alert(1)</script><!--");
    }
}
