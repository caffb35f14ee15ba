//! `/invite/<token>`: a person invited to the staff chooses their own
//! password and is signed in (issue #21). Public, like the sign-in page;
//! a link used or expired says so in words, with what to do.

use frontdesk_core::invitation::{AcceptInvitation, InvitationInfo};
use frontdesk_core::problem::{Problem, kinds};
use frontdesk_core::validate::{self, FieldError, FieldErrors};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::components::language_switch::LanguageSwitch;
use crate::components::toasts::problem_text;
use crate::i18n::*;
use crate::pages::settings::{FormErrors, TextField, role_name};
use crate::session::{SessionState, use_session};

/// Why the link opens nothing, in the person's language.
fn dead_link(i18n: leptos_i18n::I18nContext<Locale>, p: &Problem) -> String {
    match (p.status, p.type_.as_str()) {
        (410, kinds::INVITATION_USED) => t_string!(i18n, invite_used).to_owned(),
        (410, kinds::INVITATION_EXPIRED) => t_string!(i18n, invite_expired).to_owned(),
        (410, kinds::INVITATION_WITHDRAWN) => t_string!(i18n, invite_withdrawn).to_owned(),
        (404, _) => t_string!(i18n, invite_unknown).to_owned(),
        _ => problem_text(i18n, p),
    }
}

#[component]
pub fn InvitePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let invitation = LocalResource::new(move || {
        let token = token();
        async move { crate::api::session::invitation(&token).await }
    });
    // A refusal of the form that means the link is dead after all (used in
    // another tab meanwhile): the page says so instead of the form.
    let died = RwSignal::new(None::<Problem>);

    view! {
        <main id="main" class="login">
            <div class="login-card card">
                <div class="login-head">
                    <h1>{t!(i18n, invite_title)}</h1>
                    <LanguageSwitch />
                </div>
                {move || {
                    if let Some(p) = died.get() {
                        return view! { <DeadLink problem=p /> }.into_any();
                    }
                    match invitation.get() {
                        None => view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }.into_any(),
                        Some(Err(p)) => view! { <DeadLink problem=p /> }.into_any(),
                        Some(Ok(info)) => view! { <ChoosePassword info token=token() died /> }.into_any(),
                    }
                }}
            </div>
        </main>
    }
}

#[component]
fn DeadLink(problem: Problem) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="form-error" role="alert">{move || dead_link(i18n, &problem)}</p>
        <p><a href="/login">{t!(i18n, invite_to_sign_in)}</a></p>
    }
}

#[component]
fn ChoosePassword(
    info: InvitationInfo,
    token: String,
    died: RwSignal<Option<Problem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let token = StoredValue::new(token);
    let email = info.email.clone();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (p, a) = (password.get_untracked(), again.get_untracked());
        let mut found = FieldErrors::new();
        if let Err(e) = validate::password(&p) {
            found.insert("password".into(), e);
        } else if p != a {
            found.insert("again".into(), FieldError::Incorrect);
        }
        if errors.found(i18n, found) {
            crate::dom::focus_after_render("#invite-form [aria-invalid=true]");
            return;
        }
        errors.clear();
        busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let answer = crate::api::session::accept_invitation(&AcceptInvitation {
                token: token.get_value(),
                password: p,
            })
            .await;
            // `Some`: the page is gone meanwhile.
            if busy.try_set(false).is_some() {
                return;
            }
            match answer {
                Ok(info) => {
                    session.0.set(SessionState::SignedIn(info));
                    navigate("/prospects", Default::default());
                }
                Err(p) if matches!(p.status, 404 | 410) => died.set(Some(p)),
                // The address got an account meanwhile (added by hand).
                Err(p) if p.errors.contains_key("email") => {
                    errors
                        .form
                        .set(Some(t_string!(i18n, invite_taken).to_owned()));
                }
                Err(p) => errors.refused(i18n, &p),
            }
        });
    };

    let intro = {
        let info = info.clone();
        move || {
            let club = if info.club.trim().is_empty() {
                t_string!(i18n, app_name).to_owned()
            } else {
                info.club.clone()
            };
            crate::i18n_fill::fill(
                t_string!(i18n, invite_intro),
                &[
                    ("club", club),
                    ("role", role_name(i18n, info.role).to_owned()),
                ],
            )
        }
    };
    // The second field's own words: "not the same", not "not correct".
    let again_error = Signal::derive(move || {
        errors
            .get("again")
            .map(|_| t_string!(i18n, invite_not_same).to_owned())
    });
    view! {
        <p class="page-intro">{intro}</p>
        <form id="invite-form" on:submit=submit novalidate>
            <div class="field">
                <label for="invite-email">{t!(i18n, email)}</label>
                // For password managers: the account this password is for.
                <input id="invite-email" type="email" autocomplete="username" readonly prop:value=email />
            </div>
            <TextField
                id="invite-password"
                label=move || t_string!(i18n, invite_password).to_owned()
                value=password
                error=errors.field("password")
                kind="password"
                autocomplete="new-password"
                hint=Signal::derive(move || t_string!(i18n, invite_password_hint).to_owned())
            />
            <TextField
                id="invite-again"
                label=move || t_string!(i18n, invite_again).to_owned()
                value=again
                error=again_error
                kind="password"
                autocomplete="new-password"
            />
            <p class="form-error" role="alert">{move || errors.form.get()}</p>
            <button type="submit" class="button-primary" disabled=move || busy.get()>
                {t!(i18n, invite_submit)}
            </button>
        </form>
    }
}
