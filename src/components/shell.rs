//! The staff layout: skip link, top bar with navigation, language and
//! sign-out (on a phone a slim bar, the navigation along the bottom), and
//! the page. Redirects to the login page without a session.

use leptos::prelude::*;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::{use_location, use_navigate};

use crate::components::icon::{Icon, IconName};
use crate::components::language_switch::LanguageSwitch;
use crate::components::toasts::use_toasts;
use crate::i18n::*;
use crate::session::{SessionState, use_session};

#[component]
pub fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();

    // Without a session, go to the login page and come back afterwards.
    Effect::new(move || {
        if session.0.get() == SessionState::SignedOut {
            let here = location.pathname.get_untracked() + &location.search.get_untracked();
            let next = crate::api::encode(&here);
            navigate(&format!("/login?next={next}"), Default::default());
        }
    });

    // After moving to another page, put keyboard and screen-reader focus on
    // the new content rather than leaving it on the link that was clicked.
    // A detail opened within a page (/prospects/12) moves focus itself.
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        let page = path.split('/').nth(1).unwrap_or("").to_owned();
        if previous.is_some_and(|p| p != page) {
            focus_main();
        }
        page
    });

    let user_name = move || match session.0.get() {
        SessionState::SignedIn(info) => Some(info.user.name),
        _ => None,
    };

    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>
            {t!(i18n, skip_to_content)}
        </a>
        <header class="topbar">
            <A href="/prospects" attr:class="brand">
                {t!(i18n, app_name)}
            </A>
            // On a phone this is a bar along the bottom (style/shell.css):
            // each link an icon over its name, the current page marked by
            // the router's aria-current.
            <nav class="mainnav" aria-label=move || t_string!(i18n, nav_label)>
                <ul>
                    <NavLink href="/prospects" icon=IconName::Prospects label=move || t_string!(i18n, nav_prospects) />
                    <NavLink href="/board" icon=IconName::Board label=move || t_string!(i18n, nav_board) />
                    <NavLink href="/calendar" icon=IconName::Calendar label=move || t_string!(i18n, nav_calendar) />
                    <NavLink href="/booking" icon=IconName::Booking label=move || t_string!(i18n, nav_booking) />
                    <NavLink href="/settings" icon=IconName::Settings label=move || t_string!(i18n, nav_settings) />
                </ul>
            </nav>
            <div class="topbar-tools">
                <LanguageSwitch />
                {move || {
                    user_name()
                        .map(|name| {
                            view! {
                                <span class="user-name">{name}</span>
                            }
                        })
                }}
                <SignOut />
            </div>
        </header>
        <main id="main" tabindex="-1">
            <Show
                when=move || matches!(session.0.get(), SessionState::SignedIn(_))
                fallback=move || view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }
            >
                <Outlet />
            </Show>
        </main>
    }
}

#[component]
fn NavLink(
    href: &'static str,
    icon: IconName,
    label: impl Fn() -> &'static str + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <li>
            <A href=href>
                <Icon name=icon />
                <span class="nav-label">{label}</span>
            </A>
        </li>
    }
}

#[component]
fn SignOut() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let sign_out = Action::new_local(move |_: &()| async move {
        match crate::api::session::logout().await {
            // A 401 means the session had ended already: signed out either way.
            Ok(()) => true,
            Err(p) if p.status == 401 => true,
            Err(p) => {
                toasts.problem(&p);
                false
            }
        }
    });
    Effect::new(move || {
        if sign_out.value().get() == Some(true) {
            session.0.set(SessionState::SignedOut);
            toasts.info(t_string!(i18n, signed_out));
        }
    });
    view! {
        // On a phone only the icon shows; its words stay for screen readers.
        <button type="button" class="button-quiet sign-out" on:click=move |_| { sign_out.dispatch(()); }>
            <Icon name=IconName::SignOut />
            <span class="sign-out-label">{t!(i18n, sign_out)}</span>
        </button>
    }
}

/// The router would treat `#main` as a navigation; the skip link only has
/// to move focus.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    focus_main();
}

fn focus_main() {
    crate::dom::focus("#main");
}
