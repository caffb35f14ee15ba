//! The club's settings as the staff app uses them: its country, for phone
//! numbers shown in national format. Loaded once signed in; the settings
//! page puts a saved club back here, so every page follows at once.

use frontdesk_core::club::ClubSettings;
use leptos::prelude::*;

use crate::session::{SessionState, use_session};

#[derive(Clone, Copy)]
pub struct Club(pub RwSignal<Option<ClubSettings>>);

/// Provides the club and loads it whenever someone signs in.
pub fn provide_club() {
    let club = Club(RwSignal::new(None));
    provide_context(club);
    let session = use_session();
    Effect::new(move || {
        if !matches!(session.0.get(), SessionState::SignedIn(_)) {
            return;
        }
        leptos::task::spawn_local(async move {
            // Without it, numbers show in Belgian format: a fallback, not
            // an error worth a message.
            if let Ok(c) = crate::api::settings::club().await {
                let _ = club.0.try_set(Some(c));
            }
        });
    });
}

/// The club's country (ISO), tracked; Belgium until the club is loaded.
pub fn country() -> String {
    use_context::<Club>()
        .and_then(|c| c.0.with(|c| c.as_ref().map(|c| c.country.clone())))
        .unwrap_or_else(|| frontdesk_core::phone::DEFAULT_COUNTRY.to_owned())
}

/// A stored number as the desk reads it (`0470 12 34 56`).
pub fn phone(value: &str) -> String {
    frontdesk_core::phone::display(value, &country())
}
