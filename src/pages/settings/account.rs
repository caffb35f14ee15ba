//! My account: who I am, my password, and signing out everywhere.

use frontdesk_core::model::PasswordChange;
use frontdesk_core::validate::{FieldError, FieldErrors};
use leptos::prelude::*;

use super::errors::FormErrors;
use super::field::TextField;
use crate::components::toasts::use_toasts;
use crate::i18n::*;
use crate::session::{SessionState, use_session};

#[component]
pub fn MyAccount() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let me = move || match session.0.get() {
        SessionState::SignedIn(info) => Some(info.user),
        _ => None,
    };
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let changed = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        changed.set(false);
        let change = PasswordChange {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        let mut found = FieldErrors::new();
        if change.current_password.is_empty() {
            found.insert("current_password".into(), FieldError::Required);
        }
        if let Err(e) = frontdesk_core::validate::password(&change.new_password) {
            found.insert("new_password".into(), e);
        } else if repeat.get_untracked() != change.new_password {
            found.insert("repeat_password".into(), FieldError::NotAllowed);
        }
        if errors.found(i18n, found) {
            crate::dom::focus_after_render("#settings-account [aria-invalid=true]");
            return;
        }
        errors.clear();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = crate::api::settings::change_password(&change).await;
            if busy.try_set(false).is_some() {
                return;
            }
            match answer {
                Ok(()) => {
                    // Typed passwords do not stay in the page.
                    current.set(String::new());
                    new.set(String::new());
                    repeat.set(String::new());
                    changed.set(true);
                    toasts.info(t_string!(i18n, account_password_changed));
                }
                Err(p) => errors.refused(i18n, &p),
            }
        });
    };

    let everywhere = move |_| {
        leptos::task::spawn_local(async move {
            match crate::api::settings::sign_out_everywhere().await {
                Ok(()) => {
                    session.0.set(SessionState::SignedOut);
                    toasts.info(t_string!(i18n, signed_out));
                }
                Err(p) => toasts.problem(&p),
            }
        });
    };

    view! {
        <section id="settings-account" class="card settings-section" aria-labelledby="settings-account-title">
            <h2 id="settings-account-title">{t!(i18n, settings_account)}</h2>
            {move || me().map(|u| {
                let role = super::staff::role_name(i18n, u.role);
                view! {
                    <p class="settings-me">
                        <strong>{u.name}</strong> " · " <span>{u.email}</span> " · " <span>{role}</span>
                    </p>
                }
            })}
            <form class="settings-form" on:submit=submit novalidate>
                <h3>{t!(i18n, account_change_password)}</h3>
                <TextField
                    id="current_password"
                    label=move || t_string!(i18n, account_current_password).to_owned()
                    value=current
                    error=errors.field("current_password")
                    kind="password"
                    autocomplete="current-password"
                />
                <TextField
                    id="new_password"
                    label=move || t_string!(i18n, account_new_password).to_owned()
                    value=new
                    error=errors.field("new_password")
                    kind="password"
                    autocomplete="new-password"
                    hint=Signal::derive(move || t_string!(i18n, account_password_hint).to_owned())
                />
                <TextField
                    id="repeat_password"
                    label=move || t_string!(i18n, account_repeat_password).to_owned()
                    value=repeat
                    error=Signal::derive(move || {
                        errors.field("repeat_password").get().map(|_| t_string!(i18n, account_passwords_differ).to_owned())
                    })
                    kind="password"
                    autocomplete="new-password"
                />
                <p class="form-error" role="alert">{move || errors.form.get()}</p>
                <button type="submit" class="button-accent" disabled=move || busy.get()>
                    {t!(i18n, account_change_password)}
                </button>
                <p class="settings-saved" role="status">
                    {move || changed.get().then(|| t_string!(i18n, account_password_changed))}
                </p>
            </form>
            <div class="settings-everywhere">
                <p>{t!(i18n, account_everywhere_intro)}</p>
                <button type="button" class="button-quiet" on:click=everywhere>
                    {t!(i18n, account_sign_out_everywhere)}
                </button>
            </div>
        </section>
    }
}
