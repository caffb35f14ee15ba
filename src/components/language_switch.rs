//! Dutch, French or English. The staff app remembers the choice in
//! localStorage; the widget follows the host page or the browser.

use leptos::prelude::*;

use crate::i18n::*;

const CHOICES: [(Locale, &str); 3] = [
    (Locale::nl, "Nederlands"),
    (Locale::fr, "Français"),
    (Locale::en, "English"),
];

const STORAGE_KEY: &str = "frontdesk-language";

/// A language's own name (`nl` → "Nederlands"), as the switch shows it.
pub fn language_name(code: &str) -> &'static str {
    CHOICES
        .iter()
        .find(|(l, _)| l.as_str() == code)
        .map_or("English", |(_, name)| name)
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Restores the language chosen on an earlier visit. In an effect, so it
/// runs after leptos_i18n's own effect that applies the browser's language.
#[component]
pub fn RememberLanguage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let saved = local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        if let Some((locale, _)) = saved.and_then(|v| CHOICES.iter().find(|(l, _)| l.as_str() == v))
        {
            i18n.set_locale(*locale);
        }
    });
}

/// `offered`: the languages the club offers its visitors (the widget);
/// `None` offers all three (the staff app). A visitor whose language the
/// club does not offer sees the club's first one.
#[component]
pub fn LanguageSwitch(
    #[prop(optional, into)] offered: Option<Signal<Option<Vec<String>>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let offered = offered.unwrap_or_else(|| Signal::derive(|| None));
    let shown = move |locale: Locale| {
        offered.with(|o| {
            o.as_ref()
                .is_none_or(|o| o.iter().any(|l| l == locale.as_str()))
        })
    };
    Effect::new(move || {
        let Some(first) = offered.with(|o| o.as_ref().and_then(|o| o.first().cloned())) else {
            return;
        };
        if !shown(i18n.get_locale())
            && let Some((locale, _)) = CHOICES.iter().find(|(l, _)| l.as_str() == first)
        {
            i18n.set_locale(*locale);
        }
    });
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some((locale, _)) = CHOICES.iter().find(|(l, _)| l.as_str() == value) {
            i18n.set_locale(*locale);
            if let Some(storage) = local_storage() {
                let _ = storage.set_item(STORAGE_KEY, locale.as_str());
            }
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
                        let locale = *locale;
                        view! {
                            <option value=locale.as_str() lang=locale.as_str() hidden=move || !shown(locale)>
                                {*name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
