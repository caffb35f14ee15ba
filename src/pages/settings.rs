use leptos::prelude::*;

use super::placeholder::Placeholder;
use crate::i18n::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Placeholder
            title=Signal::derive(move || t_string!(i18n, settings_title).to_owned())
            intro=Signal::derive(move || t_string!(i18n, settings_intro).to_owned())
        />
    }
}
