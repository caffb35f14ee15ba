use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <main id="main" class="page narrow">
            <h1>{t!(i18n, not_found_title)}</h1>
            <p>{t!(i18n, not_found_text)}</p>
            <A href="/prospects">{t!(i18n, go_home)}</A>
        </main>
    }
}
