//! Staff sign-in. Checks the email on the spot with `core::validate`, keeps
//! what was typed when the server refuses, and returns to where the person
//! was going.

use frontdesk_core::problem::Problem;
use frontdesk_core::validate;
use leptos::html::Input;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::language_switch::LanguageSwitch;
use crate::components::toasts::problem_text;
use crate::i18n::*;
use crate::session::{SessionState, use_session};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LoginError {
    EmailRequired,
    EmailInvalid,
    PasswordRequired,
}

/// "45 seconds", "3 minutes", in the page's language, rounded up.
fn wait_words(i18n: leptos_i18n::I18nContext<Locale>, seconds: u32) -> String {
    let (n, one, many) = if seconds < 60 {
        (
            seconds,
            t_string!(i18n, wait_second),
            t_string!(i18n, wait_seconds),
        )
    } else {
        (
            seconds.div_ceil(60),
            t_string!(i18n, wait_minute),
            t_string!(i18n, wait_minutes),
        )
    };
    if n == 1 {
        one.to_owned()
    } else {
        crate::i18n_fill::fill(many, &[("count", n.to_string())])
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();

    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let field_error = RwSignal::new(None::<LoginError>);
    let password_ref = NodeRef::<Input>::new();
    let email_ref = NodeRef::<Input>::new();

    // Only paths inside the app are followed, never another site.
    let next = move || {
        query
            .read()
            .get("next")
            .filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/login"))
            .unwrap_or_else(|| "/prospects".to_owned())
    };

    Effect::new(move || {
        if matches!(session.0.get(), SessionState::SignedIn(_)) {
            navigate(&next(), Default::default());
        }
    });

    let login = Action::new_local(move |(email, password): &(String, String)| {
        let (email, password) = (email.clone(), password.clone());
        async move { crate::api::session::login(email, password).await }
    });
    let failure = RwSignal::new(None::<Problem>);
    Effect::new(move || match login.value().get() {
        Some(Ok(info)) => {
            failure.set(None);
            session.0.set(SessionState::SignedIn(info));
        }
        Some(Err(problem)) => {
            failure.set(Some(problem));
            if let Some(el) = password_ref.get_untracked() {
                let _ = el.focus();
            }
        }
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (e, p) = (email.get_untracked(), password.get_untracked());
        let error = match validate::email(&e) {
            Err(validate::FieldError::Required) => Some(LoginError::EmailRequired),
            Err(_) => Some(LoginError::EmailInvalid),
            Ok(()) if p.is_empty() => Some(LoginError::PasswordRequired),
            Ok(()) => None,
        };
        field_error.set(error);
        match error {
            Some(LoginError::PasswordRequired) => {
                if let Some(el) = password_ref.get_untracked() {
                    let _ = el.focus();
                }
            }
            Some(_) => {
                if let Some(el) = email_ref.get_untracked() {
                    let _ = el.focus();
                }
            }
            None => {
                login.dispatch((e.trim().to_owned(), p));
            }
        }
    };

    let email_message = move || match field_error.get() {
        Some(LoginError::EmailRequired) => Some(t_string!(i18n, required_field).to_owned()),
        Some(LoginError::EmailInvalid) => Some(t_string!(i18n, invalid_email).to_owned()),
        _ => None,
    };
    let password_message = move || {
        (field_error.get() == Some(LoginError::PasswordRequired))
            .then(|| t_string!(i18n, required_field).to_owned())
    };
    let server_message = move || {
        failure.get().map(|p| {
            if p.status == 401 {
                t_string!(i18n, login_failed).to_owned()
            } else if let (429, Some(seconds)) = (p.status, p.retry_after_s) {
                crate::i18n_fill::fill(
                    t_string!(i18n, login_paused),
                    &[("wait", wait_words(i18n, seconds))],
                )
            } else {
                problem_text(i18n, &p)
            }
        })
    };

    view! {
        <main id="main" class="login">
            <div class="login-card card">
                <div class="login-head">
                    <h1>{t!(i18n, login_title)}</h1>
                    <LanguageSwitch />
                </div>
                <p class="page-intro">{t!(i18n, login_intro)}</p>
                <form on:submit=on_submit novalidate>
                    <div class="field">
                        <label for="login-email">{t!(i18n, email)}</label>
                        <input
                            id="login-email"
                            name="email"
                            type="email"
                            autocomplete="username"
                            inputmode="email"
                            required
                            node_ref=email_ref
                            bind:value=email
                            aria-invalid=move || email_message().is_some().to_string()
                            aria-describedby="login-email-error"
                        />
                        <p id="login-email-error" class="field-error">{email_message}</p>
                    </div>
                    <div class="field">
                        <label for="login-password">{t!(i18n, password)}</label>
                        <input
                            id="login-password"
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            required
                            node_ref=password_ref
                            bind:value=password
                            aria-invalid=move || password_message().is_some().to_string()
                            aria-describedby="login-password-error"
                        />
                        <p id="login-password-error" class="field-error">{password_message}</p>
                    </div>
                    <p class="form-error" role="alert">{server_message}</p>
                    <button type="submit" class="button-primary" disabled=move || login.pending().get()>
                        {move || {
                            if login.pending().get() {
                                t_string!(i18n, signing_in)
                            } else {
                                t_string!(i18n, sign_in)
                            }
                        }}
                    </button>
                </form>
            </div>
        </main>
    }
}
