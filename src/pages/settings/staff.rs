//! Staff: the team with each one's role, added by an invitation link (they
//! choose their own password) or with a first password, changed or
//! deactivated. Only what this person may change is a control; the rest is
//! text.

use frontdesk_core::invitation::{Invitation, NewInvitation, OpenInvitation};
use frontdesk_core::model::{NewStaff, StaffChange, StaffUser};
use frontdesk_core::roles::Role;
use frontdesk_core::validate::{self, FieldErrors};
use leptos::prelude::*;

use super::errors::FormErrors;
use super::field::TextField;
use crate::components::toasts::use_toasts;
use crate::i18n::*;
use crate::session::{SessionState, use_session};

pub fn role_name(i18n: leptos_i18n::I18nContext<Locale>, role: Role) -> &'static str {
    match role {
        Role::Owner => t_string!(i18n, role_owner),
        Role::Manager => t_string!(i18n, role_manager),
        Role::Sales => t_string!(i18n, role_sales),
        Role::Desk => t_string!(i18n, role_desk),
    }
}

#[component]
pub fn StaffSection() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let team = RwSignal::new(Vec::<StaffUser>::new());
    let loaded = LocalResource::new(crate::api::settings::staff);
    Effect::new(move || {
        if let Some(Ok(list)) = loaded.get() {
            team.set(list);
        }
    });
    let me = move || match session.0.get() {
        SessionState::SignedIn(info) => Some(info.user),
        _ => None,
    };
    let my_role = move || session.role().unwrap_or(Role::Desk);

    let change = move |id: i64, change: StaffChange| {
        leptos::task::spawn_local(async move {
            match crate::api::settings::change_staff(id, &change).await {
                Ok(user) => {
                    let _ = team.try_update(|t| {
                        if let Some(x) = t.iter_mut().find(|x| x.id == user.id) {
                            *x = user;
                        }
                    });
                }
                Err(p) => {
                    toasts.problem(&p);
                    // What the server holds, back in the controls.
                    loaded.refetch();
                }
            }
        });
    };

    let row = move |u: StaffUser| {
        let id = u.id;
        let user = move || team.with(|t| t.iter().find(|x| x.id == id).cloned());
        let editable = move || {
            let Some(u) = user() else { return false };
            me().is_some_and(|m| m.id != id) && my_role().may_manage(u.role)
        };
        let role_label = format!("role-{id}");
        view! {
            <tr class:inactive=move || user().is_some_and(|u| !u.active)>
                <th scope="row">{move || user().map(|u| u.name)}</th>
                <td>{move || user().map(|u| u.email)}</td>
                <td>
                    <Show
                        when=editable
                        fallback=move || user().map(|u| role_name(i18n, u.role))
                    >
                        <label class="visually-hidden" for=role_label.clone()>
                            {move || format!("{} {}", t_string!(i18n, staff_role), user().map(|u| u.name).unwrap_or_default())}
                        </label>
                        <select
                            id=role_label.clone()
                            on:change=move |ev| {
                                if let Some(role) = Role::parse(&event_target_value(&ev)) {
                                    change(id, StaffChange { role: Some(role), active: None });
                                }
                            }
                        >
                            {Role::ALL
                                .into_iter()
                                .filter(move |r| my_role().may_manage(*r))
                                .map(|r| {
                                    view! {
                                        <option value=r.as_str() selected=move || user().is_some_and(|u| u.role == r)>
                                            {move || role_name(i18n, r)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </Show>
                </td>
                <td>
                    {move || {
                        let active = user().is_some_and(|u| u.active);
                        let state = if active { t_string!(i18n, staff_active) } else { t_string!(i18n, staff_inactive) };
                        view! { <span class="staff-state">{state}</span> }
                    }}
                    <Show when=editable>
                        <button
                            type="button"
                            class="button-quiet"
                            on:click=move |_| {
                                let active = user().is_some_and(|u| u.active);
                                change(id, StaffChange { role: None, active: Some(!active) });
                            }
                        >
                            {move || {
                                let name = user().map(|u| u.name).unwrap_or_default();
                                let verb = if user().is_some_and(|u| u.active) {
                                    t_string!(i18n, staff_deactivate)
                                } else {
                                    t_string!(i18n, staff_activate)
                                };
                                view! { {verb} <span class="visually-hidden">" " {name}</span> }
                            }}
                        </button>
                    </Show>
                </td>
            </tr>
        }
    };

    let invited = RwSignal::new(0u32);
    view! {
        <section class="card settings-section" aria-labelledby="settings-staff-title">
            <h2 id="settings-staff-title">{t!(i18n, settings_staff)}</h2>
            <div class="table-scroll">
                <table class="staff-table">
                    <caption class="visually-hidden">{t!(i18n, settings_staff)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, staff_name)}</th>
                            <th scope="col">{t!(i18n, staff_email)}</th>
                            <th scope="col">{t!(i18n, staff_role)}</th>
                            <th scope="col">{t!(i18n, staff_state)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || team.get() key=|u| u.id children=row />
                    </tbody>
                </table>
            </div>
            <OpenInvitations invited=invited />
            <AddStaff
                on_added=Callback::new(move |u: StaffUser| team.update(|t| t.push(u)))
                on_invited=Callback::new(move |()| invited.update(|n| *n += 1))
            />
        </section>
    }
}

/// The invitations not used yet, each with who sent it and until when it
/// works, and a way to withdraw it (a link sent to the wrong address, or
/// to someone who is not coming after all). Their links are never shown
/// again: only their hashes are kept.
#[component]
fn OpenInvitations(
    /// Counts the invitations made on this page: the list reads again.
    invited: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let list = RwSignal::new(Vec::<OpenInvitation>::new());
    let loaded = LocalResource::new(move || {
        invited.track();
        crate::api::settings::open_invitations()
    });
    Effect::new(move || {
        if let Some(Ok(open)) = loaded.get() {
            list.set(open);
        }
    });
    let my_role = move || session.role().unwrap_or(Role::Desk);
    let withdraw = move |id: i64, email: String| {
        leptos::task::spawn_local(async move {
            match crate::api::settings::withdraw_invitation(id).await {
                Ok(()) => {
                    toasts.info(crate::i18n_fill::fill(
                        t_string!(i18n, staff_invitation_withdrawn),
                        &[("email", email)],
                    ));
                    let _ = list.try_update(|l| l.retain(|i| i.id != id));
                }
                Err(p) => {
                    toasts.problem(&p);
                    loaded.refetch();
                }
            }
        });
    };
    let row = move |inv: OpenInvitation| {
        let mut facts = vec![
            role_name(i18n, inv.role).to_owned(),
            crate::i18n_fill::fill(
                t_string!(i18n, staff_invitation_until),
                &[(
                    "date",
                    crate::dates::short_date(i18n.get_locale_untracked(), &inv.expires_at),
                )],
            ),
        ];
        if let Some(by) = &inv.invited_by {
            facts.push(crate::i18n_fill::fill(
                t_string!(i18n, staff_invited_by),
                &[("name", by.clone())],
            ));
        }
        let who = if inv.name.is_empty() || inv.name == inv.email {
            inv.email.clone()
        } else {
            format!("{} <{}>", inv.name, inv.email)
        };
        let (id, email) = (inv.id, inv.email.clone());
        let may = my_role().may_manage(inv.role);
        view! {
            <li>
                <span class="who">{who}</span>
                <span class="facts">{facts.join(" · ")}</span>
                {may.then(|| view! {
                    <button type="button" class="button-quiet" on:click=move |_| withdraw(id, email.clone())>
                        {t!(i18n, staff_withdraw)}
                        <span class="visually-hidden">" " {inv.email.clone()}</span>
                    </button>
                })}
            </li>
        }
    };
    view! {
        <Show when=move || list.with(|l| !l.is_empty())>
            <h3 id="staff-invitations-title">{t!(i18n, staff_open_invitations)}</h3>
            <ul class="staff-invitations" aria-labelledby="staff-invitations-title">
                <For each=move || list.get() key=|i| i.id children=row />
            </ul>
        </Show>
    }
}

#[component]
fn AddStaff(on_added: Callback<StaffUser>, on_invited: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Desk);
    let password = RwSignal::new(String::new());
    // An invitation by default: the person chooses their own password, and
    // nobody else ever knows it. A first password works without mail too.
    let invite = RwSignal::new(true);
    // The link just made, shown this once (only its hash is kept).
    let made = RwSignal::new(None::<Invitation>);
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let my_role = move || session.role().unwrap_or(Role::Desk);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let new = NewStaff {
            email: email.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            role: role.get_untracked(),
            password: password.get_untracked(),
        };
        let inviting = invite.get_untracked();
        let mut found = FieldErrors::new();
        if let Err(e) = validate::email(&new.email) {
            found.insert("email".into(), e);
        }
        if !inviting && let Err(e) = validate::password(&new.password) {
            found.insert("password".into(), e);
        }
        if errors.found(i18n, found) {
            crate::dom::focus_after_render("#staff-add [aria-invalid=true]");
            return;
        }
        errors.clear();
        made.set(None);
        busy.set(true);
        if inviting {
            let invitation = NewInvitation {
                email: new.email,
                name: new.name,
                role: new.role,
            };
            leptos::task::spawn_local(async move {
                let answer = crate::api::settings::invite_staff(&invitation).await;
                if busy.try_set(false).is_some() {
                    return;
                }
                match answer {
                    Ok(made_now) => {
                        made.set(Some(made_now));
                        on_invited.run(());
                        email.set(String::new());
                        name.set(String::new());
                        crate::dom::focus_after_render("#staff-invite-link");
                    }
                    Err(p) => errors.refused(i18n, &p),
                }
            });
            return;
        }
        leptos::task::spawn_local(async move {
            let answer = crate::api::settings::add_staff(&new).await;
            if busy.try_set(false).is_some() {
                return;
            }
            match answer {
                Ok(user) => {
                    toasts.info(crate::i18n_fill::fill(
                        t_string!(i18n, staff_added),
                        &[("name", user.name.clone())],
                    ));
                    on_added.run(user);
                    email.set(String::new());
                    name.set(String::new());
                    password.set(String::new());
                }
                Err(p) => errors.refused(i18n, &p),
            }
        });
    };

    view! {
        <form id="staff-add" class="settings-form" on:submit=submit novalidate>
            <h3>{t!(i18n, staff_add)}</h3>
            <TextField
                id="staff-email"
                label=move || t_string!(i18n, staff_email).to_owned()
                value=email
                error=errors.field("email")
                kind="email"
            />
            <TextField
                id="staff-name"
                label=move || t_string!(i18n, staff_name).to_owned()
                value=name
                error=errors.field("name")
            />
            <div class="field">
                <label for="staff-role">{t!(i18n, staff_role)}</label>
                <select
                    id="staff-role"
                    on:change=move |ev| {
                        if let Some(r) = Role::parse(&event_target_value(&ev)) {
                            role.set(r);
                        }
                    }
                >
                    {Role::ALL
                        .into_iter()
                        .filter(move |r| my_role().may_manage(*r))
                        .map(|r| {
                            view! {
                                <option value=r.as_str() selected=move || role.get() == r>
                                    {move || role_name(i18n, r)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <fieldset class="field staff-how">
                <legend>{t!(i18n, staff_how)}</legend>
                <label class="check">
                    <input
                        type="radio"
                        name="staff-how"
                        value="invite"
                        prop:checked=move || invite.get()
                        on:change=move |_| invite.set(true)
                    />
                    <span>{t!(i18n, staff_how_invite)}</span>
                </label>
                <label class="check">
                    <input
                        type="radio"
                        name="staff-how"
                        value="password"
                        prop:checked=move || !invite.get()
                        on:change=move |_| invite.set(false)
                    />
                    <span>{t!(i18n, staff_how_password)}</span>
                </label>
            </fieldset>
            <Show when=move || !invite.get()>
                <TextField
                    id="staff-password"
                    label=move || t_string!(i18n, staff_first_password).to_owned()
                    value=password
                    error=errors.field("password")
                    kind="password"
                    autocomplete="new-password"
                    hint=Signal::derive(move || t_string!(i18n, staff_first_password_hint).to_owned())
                />
            </Show>
            <p class="form-error" role="alert">{move || errors.form.get()}</p>
            <button type="submit" class="button-accent" disabled=move || busy.get()>
                {move || if invite.get() { t_string!(i18n, staff_invite) } else { t_string!(i18n, staff_add) }}
            </button>
            {move || made.get().map(|m| view! { <InvitationMade made=m /> })}
        </form>
    }
}

/// The link of an invitation just made: shown once, to copy and hand over
/// (also when it went by mail: a mail may land in spam).
#[component]
fn InvitationMade(made: Invitation) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let link = made.link.clone();
    let copy = move |_| {
        let link = link.clone();
        leptos::task::spawn_local(async move {
            let done = copy_text(&link).await;
            let _ = copied.try_set(done);
        });
    };
    let said = {
        let made = made.clone();
        move || {
            let template = if made.mailed {
                t_string!(i18n, staff_invited_mailed)
            } else {
                t_string!(i18n, staff_invited)
            };
            crate::i18n_fill::fill(
                template,
                &[
                    ("email", made.email.clone()),
                    ("days", frontdesk_core::invitation::VALID_DAYS.to_string()),
                ],
            )
        }
    };
    view! {
        <div class="staff-invited" role="status">
            <p>{said}</p>
            <div class="field">
                <label for="staff-invite-link">{t!(i18n, staff_invite_link)}</label>
                <input
                    id="staff-invite-link"
                    type="text"
                    readonly
                    prop:value=made.link.clone()
                    on:focus=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        input.select();
                    }
                />
            </div>
            <button type="button" class="button-quiet" on:click=copy>
                {t!(i18n, staff_invite_copy)}
            </button>
            <span class="staff-copied">{move || copied.get().then(|| t_string!(i18n, staff_invite_copied))}</span>
        </div>
    }
}

/// `navigator.clipboard.writeText`, reached through `Reflect` (web-sys's
/// Clipboard binding would be another feature to build); `false` when the
/// browser refuses (no permission, not a secure origin).
async fn copy_text(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return false;
    };
    let get = |target: &wasm_bindgen::JsValue, key: &str| {
        js_sys::Reflect::get(target, &key.into())
            .ok()
            .filter(|v| !v.is_undefined())
    };
    let Some(clipboard) = get(&window.into(), "navigator").and_then(|n| get(&n, "clipboard"))
    else {
        return false;
    };
    let Some(write) =
        get(&clipboard, "writeText").and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    let Ok(promise) = write.call1(&clipboard, &text.into()) else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise))
        .await
        .is_ok()
}
