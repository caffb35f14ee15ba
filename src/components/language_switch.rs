//! Dutch, French or English; remembered in a cookie by leptos_i18n.

use leptos::prelude::*;

use crate::i18n::*;

const CHOICES: [(Locale, &str); 3] = [
    (Locale::nl, "Nederlands"),
    (Locale::fr, "Français"),
    (Locale::en, "English"),
];

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some((locale, _)) = CHOICES.iter().find(|(l, _)| l.as_str() == value) {
            i18n.set_locale(*locale);
        }
    };
    view! {
        <div class="language-switch">
            <select
                aria-label=move || t_string!(i18n, language)
                on:change=on_change
                prop:value=move || i18n.get_locale().as_str()
            >
                {CHOICES
                    .iter()
                    .map(|(locale, name)| {
                        view! {
                            <option value=locale.as_str() lang=locale.as_str()>
                                {*name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
