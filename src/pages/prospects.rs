use leptos::prelude::*;

use super::placeholder::Placeholder;
use crate::i18n::*;

#[component]
pub fn ProspectsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Placeholder
            title=Signal::derive(move || t_string!(i18n, prospects_title).to_owned())
            intro=Signal::derive(move || t_string!(i18n, prospects_intro).to_owned())
        />
    }
}
