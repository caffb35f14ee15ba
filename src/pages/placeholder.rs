//! The frame of a page that a later piece of work fills in.

use leptos::prelude::*;

use crate::i18n::*;

#[component]
pub fn Placeholder(title: Signal<String>, intro: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page">
            <h1>{title}</h1>
            <p class="page-intro">{intro}</p>
            <div class="card empty-state">
                <p>{t!(i18n, coming_soon)}</p>
            </div>
        </section>
    }
}
