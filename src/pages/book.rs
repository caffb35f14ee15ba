//! The public booking widget (`/book/:agenda`), and its page in the staff app.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::placeholder::Placeholder;
use crate::components::language_switch::LanguageSwitch;
use crate::i18n::*;

/// What members and prospects see, also inside the club's website.
#[component]
pub fn BookPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let agenda = move || params.read().get("agenda").unwrap_or_default();
    view! {
        <main id="main" class="widget" data-agenda=agenda>
            <header class="widget-header">
                <h1>{t!(i18n, book_title)}</h1>
                <LanguageSwitch />
            </header>
            <div class="card empty-state">
                <p>{t!(i18n, coming_soon)}</p>
            </div>
        </main>
    }
}

#[component]
pub fn BookingAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Placeholder
            title=Signal::derive(move || t_string!(i18n, booking_title).to_owned())
            intro=Signal::derive(move || t_string!(i18n, booking_intro).to_owned())
        />
    }
}
