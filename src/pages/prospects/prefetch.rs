//! The list's index is the one big download of the app. When the app opens
//! on `/prospects`, it is asked for at once, alongside the session check,
//! instead of after the shell has learnt who is signed in.

use std::cell::RefCell;

use frontdesk_core::problem::Problem;
use frontdesk_core::prospect_list::ProspectIndex;
use futures::channel::oneshot;

type Answer = Result<ProspectIndex, Problem>;

thread_local! {
    static EARLY: RefCell<Option<oneshot::Receiver<Answer>>> = const { RefCell::new(None) };
}

/// Starts fetching the index if the app was opened on the list.
pub fn start() {
    let path = leptos::prelude::window()
        .location()
        .pathname()
        .unwrap_or_default();
    if !path.starts_with("/prospects") {
        return;
    }
    let (tx, rx) = oneshot::channel();
    EARLY.with(|e| *e.borrow_mut() = Some(rx));
    leptos::task::spawn_local(async move {
        let _ = tx.send(crate::api::prospects::index().await);
    });
}

/// The index: the early answer the first time if it succeeded (it fails
/// when nobody was signed in yet), else a fresh request.
pub async fn index() -> Answer {
    let early = EARLY.with(|e| e.borrow_mut().take());
    if let Some(rx) = early
        && let Ok(Ok(index)) = rx.await
    {
        return Ok(index);
    }
    crate::api::prospects::index().await
}
