//! Who is signed in: a global signal, filled once at start from the page
//! (`crate::boot`) or `GET /api/v1/session`, and updated by login and
//! logout.

use frontdesk_core::model::SessionInfo;
use frontdesk_core::roles::{Action, Role};
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

impl Session {
    /// Whether the person signed in may do `action` (tracked: a page
    /// showing an action follows a sign-in as someone else). The server
    /// enforces the same table; this only leaves out what it would refuse.
    pub fn may(&self, action: Action) -> bool {
        self.0.with(|s| match s {
            SessionState::SignedIn(info) => info.user.role.may(action),
            _ => false,
        })
    }

    /// The role of the person signed in.
    pub fn role(&self) -> Option<Role> {
        self.0.with(|s| match s {
            SessionState::SignedIn(info) => Some(info.user.role),
            _ => None,
        })
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
