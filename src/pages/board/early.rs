//! The board's first cards, asked for as the app starts when its address
//! is the board's: the request then runs while the session is checked,
//! instead of after it. The page takes the answer if it asks the same.

use std::cell::RefCell;

use frontdesk_core::model::Board;
use frontdesk_core::pipeline::BoardFilter;
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

/// Cards per column in the first answer: more than a tall screen shows.
pub const FIRST_CARDS: u32 = 16;

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
    let future = first_cards(q.pipeline.clone(), q.filter.clone())
        .boxed_local()
        .shared();
    // Polled at once, so the request leaves now.
    leptos::task::spawn_local(future.clone().map(|_| ()));
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
