//! The board's first cards as the app starts when its address is the
//! board's: those the server wrote into the page (`crate::boot`), or else
//! a request that then runs while the session is checked, instead of
//! after it. The page takes them if it asks for the same.

use std::cell::RefCell;

use frontdesk_core::model::Board;
use frontdesk_core::pipeline::{BoardFilter, FIRST_CARDS};
use frontdesk_core::problem::Problem;
use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};
use leptos::prelude::*;
use leptos_router::params::ParamsMap;

use super::query::BoardQuery;

type Early = Shared<LocalBoxFuture<'static, Result<Board, Problem>>>;

thread_local! {
    static EARLY: RefCell<Option<(String, Early)>> = const { RefCell::new(None) };
}

fn key(pipeline: &Option<String>, filter: &BoardFilter) -> String {
    format!(
        "{}?{}",
        pipeline.as_deref().unwrap_or(""),
        crate::api::pipelines::filter_query(filter)
    )
}

/// The board's first cards: each column's first `FIRST_CARDS`, with the
/// totals of all. Without a pipeline in the address, the first pipeline's.
pub async fn first_cards(pipeline: Option<String>, filter: BoardFilter) -> Result<Board, Problem> {
    let id = match pipeline {
        Some(id) => id,
        None => crate::api::pipelines::list()
            .await?
            .first()
            .map(|p| p.id.clone())
            .unwrap_or_default(),
    };
    let quick = BoardFilter {
        first: Some(FIRST_CARDS),
        ..filter
    };
    crate::api::pipelines::board(&id, &quick).await
}

/// Starts the request when the app opens on `/board`.
pub fn start() {
    let location = window().location();
    if location.pathname().ok().as_deref() != Some("/board") {
        return;
    }
    let mut map = ParamsMap::new();
    let search = location.search().unwrap_or_default();
    for pair in search.trim_start_matches('?').split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |s: &str| {
            js_sys::decode_uri_component(&s.replace('+', " "))
                .map(String::from)
                .unwrap_or_default()
        };
        if !k.is_empty() {
            map.insert(decode(k), decode(v));
        }
    }
    let q = BoardQuery::from_map(&map);
    // The server wrote them into the page for this very address; a board
    // of another pipeline is not taken.
    let served = crate::boot::take_board()
        .filter(|b| q.pipeline.as_ref().is_none_or(|p| *p == b.pipeline.id));
    let future = match served {
        Some(board) => futures::future::ready(Ok(board)).boxed_local().shared(),
        None => {
            let asked = first_cards(q.pipeline.clone(), q.filter.clone())
                .boxed_local()
                .shared();
            // Polled at once, so the request leaves now.
            leptos::task::spawn_local(asked.clone().map(|_| ()));
            asked
        }
    };
    EARLY.with(|e| *e.borrow_mut() = Some((key(&q.pipeline, &q.filter), future)));
}

/// The early answer, when it was for this pipeline and these filters.
/// Taken once: a later visit asks again, for fresh cards.
pub fn take(pipeline: &Option<String>, filter: &BoardFilter) -> Option<Early> {
    let wanted = key(pipeline, filter);
    EARLY.with(|e| {
        e.borrow_mut()
            .take()
            .filter(|(k, _)| *k == wanted)
            .map(|(_, f)| f)
    })
}
