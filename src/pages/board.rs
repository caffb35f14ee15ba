use leptos::prelude::*;

use super::placeholder::Placeholder;
use crate::i18n::*;

#[component]
pub fn BoardPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Placeholder
            title=Signal::derive(move || t_string!(i18n, board_title).to_owned())
            intro=Signal::derive(move || t_string!(i18n, board_intro).to_owned())
        />
    }
}
