//! Who is signed in: a global signal, filled once at start from the page
//! (`crate::boot`) or `GET /api/v1/session`, and updated by login and
//! logout.

use frontdesk_core::model::SessionInfo;
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub enum SessionState {
    /// The first check is still on its way.
    Checking,
    SignedOut,
    SignedIn(SessionInfo),
}

#[derive(Clone, Copy)]
pub struct Session(pub RwSignal<SessionState>);

pub fn provide_session() {
    // Signed in as the page was served: no request, no wait.
    if let Some(info) = crate::boot::take_session() {
        provide_context(Session(RwSignal::new(SessionState::SignedIn(info))));
        return;
    }
    let state = RwSignal::new(SessionState::Checking);
    provide_context(Session(state));
    leptos::task::spawn_local(async move {
        let next = match crate::api::session::current().await {
            Ok(info) => SessionState::SignedIn(info),
            Err(_) => SessionState::SignedOut,
        };
        state.set(next);
    });
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
