//! The Frontdesk browser app: router, global contexts, and the pages.

// The macro reads `locales/*.json` at compile time and refuses to build when a
// key is missing in any language. Its successor, build.rs code generation
// through `leptos_i18n_build`, compiles an ICU data exporter on every clean
// build (minutes on two cores) for no gain in what the app checks or ships.
#[allow(deprecated)]
mod i18n_keys {
    leptos_i18n::load_locales!();
}
pub use i18n_keys::i18n;

pub mod api;
pub mod boot;
pub mod club;
pub mod components;
pub mod dates;
pub mod dom;
pub mod embed;
pub mod i18n_fill;
pub mod pages;
pub mod session;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::components::language_switch::RememberLanguage;
use crate::components::shell::Shell;
use crate::components::toasts::{ToastRegion, provide_toasts};
use crate::i18n::I18nContextProvider;
use crate::pages::{
    board, book, booking_admin, calendar, invite, login, not_found, prospects, settings,
};

#[component]
pub fn App() -> impl IntoView {
    prospects::prefetch::start();
    // Before the session check, so the board's cards are on their way.
    pages::board::start_early();
    provide_toasts();
    session::provide_session();
    club::provide_club();
    view! {
        <I18nContextProvider>
            <RememberLanguage />
            <Router>
                <Routes fallback=not_found::NotFound>
                    <Route path=path!("/login") view=login::LoginPage />
                    <Route path=path!("/invite/:token") view=invite::InvitePage />
                    <ParentRoute path=path!("") view=Shell>
                        <Route path=path!("") view=|| view! { <Redirect path="/prospects" /> } />
                        <ParentRoute path=path!("/prospects") view=prospects::ProspectsPage>
                            <Route path=path!("") view=|| () />
                            <Route path=path!(":id") view=prospects::ProspectDrawer />
                        </ParentRoute>
                        <Route path=path!("/board") view=board::BoardPage />
                        <Route path=path!("/calendar") view=calendar::CalendarPage />
                        <Route path=path!("/booking") view=booking_admin::BookingAdminPage />
                        <Route path=path!("/settings") view=settings::SettingsPage />
                    </ParentRoute>
                </Routes>
            </Router>
            <ToastRegion />
        </I18nContextProvider>
    }
}

/// The public booking widget: its own bundle, served under `/book/…` and
/// framed by embed.js on club websites.
#[component]
pub fn WidgetApp() -> impl IntoView {
    provide_toasts();
    view! {
        <I18nContextProvider>
            <Router>
                <Routes fallback=not_found::NotFound>
                    <Route path=path!("/book/:agenda") view=book::BookPage />
                    <Route path=path!("/book/:agenda/manage") view=book::ManagePage />
                </Routes>
            </Router>
            <ToastRegion />
        </I18nContextProvider>
    }
}
