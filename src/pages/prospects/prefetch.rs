//! The list's index is the one big download of the app, and at 100,000
//! prospects it takes a second to arrive and parse. So the first screen does
//! not wait for it: the first page of the current view comes from the paged
//! API (the same rules, tested against each other), and the index replaces
//! it when it is in. When the app opens on `/prospects`, the first page is
//! in the page itself (the server's boot block), or else asked for at once
//! beside the index.

use std::cell::RefCell;

use frontdesk_core::model::{Page, Prospect};
use frontdesk_core::problem::Problem;
use frontdesk_core::prospect_list::FIRST_PAGE;
use futures::channel::oneshot;

use crate::api::Body;

type Answer<T> = Result<T, Problem>;

thread_local! {
    static EARLY_INDEX: RefCell<Option<oneshot::Receiver<Answer<Body>>>> = const { RefCell::new(None) };
    static EARLY_PAGE: RefCell<Option<oneshot::Receiver<Answer<Page<Prospect>>>>> = const { RefCell::new(None) };
}

/// Starts both requests if the app was opened on the list.
pub fn start() {
    let location = leptos::prelude::window().location();
    let path = location.pathname().unwrap_or_default();
    if !path.starts_with("/prospects") {
        return;
    }
    let query = location.search().unwrap_or_default();
    let (tx, rx) = oneshot::channel();
    EARLY_INDEX.with(|e| *e.borrow_mut() = Some(rx));
    leptos::task::spawn_local(async move {
        let _ = tx.send(crate::api::prospects::index().await);
    });
    let (tx, rx) = oneshot::channel();
    EARLY_PAGE.with(|e| *e.borrow_mut() = Some(rx));
    if let Some(page) = crate::boot::take_prospects() {
        let _ = tx.send(Ok(page));
        return;
    }
    leptos::task::spawn_local(async move {
        let _ = tx.send(first_page_now(query.trim_start_matches('?')).await);
    });
}

async fn first_page_now(query: &str) -> Answer<Page<Prospect>> {
    crate::api::get(&format!("/prospects?limit={FIRST_PAGE}&{query}")).await
}

/// The index, unparsed: the early answer the first time if it succeeded
/// (it fails when nobody was signed in yet), else a fresh request.
pub async fn index() -> Answer<Body> {
    let early = EARLY_INDEX.with(|e| e.borrow_mut().take());
    if let Some(rx) = early
        && let Ok(Ok(index)) = rx.await
    {
        return Ok(index);
    }
    crate::api::prospects::index().await
}

/// The first page of the view in `query` (the list's own query string).
pub async fn first_page(query: &str) -> Answer<Page<Prospect>> {
    let early = EARLY_PAGE.with(|e| e.borrow_mut().take());
    if let Some(rx) = early
        && let Ok(Ok(page)) = rx.await
    {
        return Ok(page);
    }
    first_page_now(query).await
}
