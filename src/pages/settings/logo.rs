//! The club's logo: chosen, checked here with the server's own rule
//! (`core::logo::check`), sent at once, and shown as the widget will.

use frontdesk_core::logo::{self, LogoError};
use frontdesk_core::problem::Problem;
use leptos::prelude::*;

use crate::components::toasts::problem_text;
use crate::i18n::*;

fn words(i18n: leptos_i18n::I18nContext<Locale>, e: LogoError) -> String {
    match e {
        LogoError::Empty => t_string!(i18n, logo_empty),
        LogoError::TooLarge => t_string!(i18n, logo_too_large),
        LogoError::Svg => t_string!(i18n, logo_svg),
        LogoError::NotAnImage => t_string!(i18n, logo_not_image),
    }
    .to_owned()
}

/// The server's refusal in the person's language: its `errors.logo` when
/// it is one the check knows, else the problem's own words.
fn refusal(i18n: leptos_i18n::I18nContext<Locale>, p: &Problem) -> String {
    p.errors
        .get("logo")
        .and_then(|m| LogoError::from_message(m))
        .map_or_else(|| problem_text(i18n, p), |e| words(i18n, e))
}

#[component]
pub fn LogoField() -> impl IntoView {
    let i18n = use_i18n();
    // The URL the widget shows it from, `None` without a logo.
    let url = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let status = RwSignal::new(None::<&'static str>);
    let loaded = LocalResource::new(crate::api::booking::club);
    Effect::new(move || {
        if let Some(Ok(b)) = loaded.get() {
            url.set(b.logo_url);
        }
    });

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        // Cleared so that choosing the same file again (after fixing it)
        // is a change too.
        input.set_value("");
        error.set(None);
        status.set(None);
        // Refused before reading a large file into memory.
        if file.size() > logo::MAX_LOGO_BYTES as f64 {
            error.set(Some(words(i18n, LogoError::TooLarge)));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let read = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
            let Ok(buffer) = read else {
                let _ = busy.try_set(false);
                let _ = error.try_set(Some(t_string!(i18n, logo_unreadable).to_owned()));
                return;
            };
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            let kind = match logo::check(&bytes, &file.type_()) {
                Ok(kind) => kind,
                Err(e) => {
                    let _ = busy.try_set(false);
                    let _ = error.try_set(Some(words(i18n, e)));
                    return;
                }
            };
            let answer = crate::api::settings::upload_logo(&bytes, kind).await;
            if busy.try_set(false).is_some() {
                return;
            }
            match answer {
                Ok(b) => {
                    url.set(b.logo_url);
                    status.set(Some(t_string!(i18n, logo_saved)));
                }
                Err(p) => error.set(Some(refusal(i18n, &p))),
            }
        });
    };
    let remove = move |_| {
        busy.set(true);
        error.set(None);
        status.set(None);
        leptos::task::spawn_local(async move {
            let answer = crate::api::settings::remove_logo().await;
            if busy.try_set(false).is_some() {
                return;
            }
            match answer {
                Ok(b) => {
                    url.set(b.logo_url);
                    status.set(Some(t_string!(i18n, logo_removed)));
                    crate::dom::focus_after_render("#club-logo");
                }
                Err(p) => error.set(Some(refusal(i18n, &p))),
            }
        });
    };

    let described = move || {
        if error.with(Option::is_some) {
            "club-logo-hint club-logo-error"
        } else {
            "club-logo-hint"
        }
    };
    view! {
        <div class="field club-logo">
            <label for="club-logo">{t!(i18n, logo_label)}</label>
            <span class="field-hint" id="club-logo-hint">{t!(i18n, logo_hint)}</span>
            {move || {
                url.get()
                    .map(|src| {
                        view! {
                            <figure class="club-logo-preview">
                                <img src=src alt=move || t_string!(i18n, logo_preview_alt) />
                            </figure>
                        }
                    })
            }}
            <input
                id="club-logo"
                type="file"
                accept="image/png,image/jpeg,image/webp"
                disabled=move || busy.get()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                on:change=on_file
            />
            <p class="field-error" id="club-logo-error" role="alert">{move || error.get()}</p>
            <Show when=move || url.with(Option::is_some)>
                <button type="button" class="button-quiet" disabled=move || busy.get() on:click=remove>
                    {t!(i18n, logo_remove)}
                </button>
            </Show>
            <p class="settings-saved" role="status">{move || status.get()}</p>
        </div>
    }
}
