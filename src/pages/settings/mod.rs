//! Settings (issue #21): my account for everyone; the club, its staff,
//! the booking setup and the connections for an owner or a manager. The server enforces the same roles; the page
//! only leaves out what it would refuse, and says so.

mod account;
mod booking;
mod club;
mod connections;
mod errors;
mod field;
mod logo;
mod staff;
mod translations;

// The invitation page's form is built as the settings' forms are.
pub(crate) use errors::FormErrors;
pub(crate) use field::TextField;
pub(crate) use staff::role_name;

use frontdesk_core::roles::Action;
use leptos::prelude::*;

use crate::i18n::*;
use crate::session::use_session;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <section class="page settings-page">
            <h1>{t!(i18n, settings_title)}</h1>
            <account::MyAccount />
            <Show
                when=move || session.may(Action::ChangeSettings)
                fallback=move || {
                    view! {
                        <section class="card settings-section" aria-labelledby="settings-club-title">
                            <h2 id="settings-club-title">{t!(i18n, settings_club)}</h2>
                            <p class="settings-note" role="note">{t!(i18n, settings_not_for_role)}</p>
                        </section>
                    }
                }
            >
                <club::ClubForm />
            </Show>
            <Show when=move || session.may(Action::ManageStaff)>
                <staff::StaffSection />
            </Show>
            <Show when=move || session.may(Action::ChangeSettings)>
                <booking::BookingSection />
                <connections::ConnectionsSection />
            </Show>
        </section>
    }
}
