//! One prospect in a drawer over the list (`/prospects/{id}`, or
//! `/prospects/new`): every field, checked with `core::validate` as the
//! person types and by the server on save; nothing typed is lost when a save
//! fails. Delete asks first and can be undone for a few seconds.

use std::collections::{BTreeMap, HashSet};

use frontdesk_core::model::{BulkAction, Duplicate, Gender, Prospect, ProspectInput};
use frontdesk_core::problem::Problem;
use frontdesk_core::validate::{self, FieldError, FieldErrors};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use wasm_bindgen::JsCast;

use super::fields::status_label;
use super::toolbar::STATUSES;
use super::{ProspectList, row_of, url, use_prospect_list};
use crate::components::customer_appointments::CustomerAppointments;
use crate::components::related_records::RelatedRecords;
use crate::components::sales_steps::SalesSteps;
use crate::components::toasts::{problem_text, use_toasts};
use crate::i18n::*;

/// The form's fields in screen order: the first one in error takes focus.
const ORDER: [&str; 19] = [
    "first_name",
    "last_name",
    "gender",
    "birth_date",
    "email",
    "mobile",
    "phone",
    "address",
    "zip",
    "city",
    "language",
    "status",
    "owner_id",
    "source",
    "sub_source",
    "tags",
    "next_action",
    "next_action_due",
    "note",
];

#[derive(Clone, Copy)]
struct Form {
    draft: RwSignal<ProspectInput>,
    touched: RwSignal<HashSet<&'static str>>,
    submitted: RwSignal<bool>,
    /// What the server refused, by field, until that field is edited.
    server: RwSignal<BTreeMap<String, String>>,
    errors: Memo<FieldErrors>,
}

impl Form {
    /// The message under a field, if it should show now.
    fn error(&self, field: &'static str) -> Option<ErrorText> {
        if let Some(m) = self.server.with(|s| s.get(field).cloned()) {
            return Some(ErrorText::Server(m));
        }
        let local = self.errors.with(|e| {
            e.iter()
                .find(|(k, _)| k.as_str() == field || k.starts_with(&format!("{field}[")))
                .map(|(_, e)| *e)
        })?;
        (self.submitted.get() || self.touched.with(|t| t.contains(field)))
            .then_some(ErrorText::Local(local))
    }

    fn edit(&self, field: &'static str, change: impl FnOnce(&mut ProspectInput)) {
        self.draft.update(change);
        self.server.update(|s| {
            s.remove(field);
        });
    }
}

#[derive(Clone)]
enum ErrorText {
    Local(FieldError),
    Server(String),
}

fn error_words(i18n: leptos_i18n::I18nContext<Locale>, e: &ErrorText) -> String {
    match e {
        // The server's English, in the person's language where the form
        // knows the words.
        ErrorText::Server(m) => FieldError::from_message(m).map_or_else(
            || m.clone(),
            |e| crate::components::field_error::words(i18n, e),
        ),
        ErrorText::Local(e) => crate::components::field_error::words(i18n, *e),
    }
}

fn focus_field(field: &str) {
    crate::dom::focus(&format!("#pf-{field}"));
}

#[component]
pub fn ProspectDrawer() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    // A fresh form for each prospect opened.
    move || {
        let id = id.get();
        view! { <Drawer key=id /> }
    }
}

#[component]
fn Drawer(key: String) -> impl IntoView {
    let i18n = use_i18n();
    let list = use_prospect_list();
    let toasts = use_toasts();
    // Stored so the closures that navigate stay `Copy` for the view.
    let navigate = StoredValue::new_local(use_navigate());
    let go = move |to: &str| navigate.with_value(|n| n(to, Default::default()));
    let id: Option<i64> = key.parse().ok();
    let is_new = key == "new";

    let today = move || {
        let t = list.today.get();
        if t.is_empty() {
            crate::dates::today().to_string()
        } else {
            t
        }
    };
    let draft = RwSignal::new(ProspectInput {
        status: "new".into(),
        owner_id: Some(list.me.get_untracked()).filter(|&me| me > 0),
        ..ProspectInput::default()
    });
    let form = Form {
        draft,
        touched: RwSignal::new(HashSet::new()),
        submitted: RwSignal::new(false),
        server: RwSignal::new(BTreeMap::new()),
        errors: Memo::new(move |_| draft.with(|d| validate::prospect(d, &today()))),
    };
    let tags_text = RwSignal::new(String::new());
    // The form as last loaded or saved: anything else is unsaved work,
    // which closing asks about first.
    let baseline = RwSignal::new(draft.get_untracked());
    let dirty = Memo::new(move |_| draft.with(|d| baseline.with(|b| d != b)));
    let discarding = RwSignal::new(false);
    let loaded = RwSignal::new(None::<Result<Prospect, Problem>>);
    let form_error = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    // A new prospect whose email or number someone already has: named,
    // with a link, before it is saved; saving again saves it anyway.
    let duplicates = RwSignal::new(Vec::<Duplicate>::new());
    let warned_for = StoredValue::new(None::<(String, String, String)>);

    if let Some(id) = id {
        leptos::task::spawn_local(async move {
            let result = crate::api::prospects::get(id).await;
            if let Ok(p) = &result {
                draft.set(p.fields.clone());
                baseline.set(p.fields.clone());
                tags_text.set(p.fields.tags.join(", "));
            }
            loaded.set(Some(result));
            crate::dom::focus_after_render("#drawer-title");
        });
    } else {
        crate::dom::focus_after_render("#pf-first_name");
    }

    // Back to the list, with focus on the prospect's row when it is drawn.
    let leave = move || {
        go(&url::href("/prospects", &list.view.get_untracked()));
        if let Some(id) = id {
            request_animation_frame(move || {
                crate::dom::focus(&format!(
                    // A hidden slot may still hold the prospect's last row.
                    ".ptable-space :not(.prow-gone) > .c-name > a:is([href^=\"/prospects/{id}?\"], [href=\"/prospects/{id}\"])"
                ));
            });
        }
    };
    // × and Escape close, but never throw typed work away without asking.
    let close = move || {
        if dirty.get_untracked() {
            discarding.set(true);
            crate::dom::focus_after_render("#drawer-keep-editing");
        } else {
            leave();
        }
    };
    // Escape closes the drawer (or, while it asks, keeps editing), unless
    // it belongs to a dialog opened from it (the slot picker), which
    // closes itself.
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        let in_dialog = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("dialog").ok().flatten())
            .is_some();
        if ev.key() == "Escape" && !in_dialog && !ev.default_prevented() {
            ev.prevent_default();
            if discarding.get_untracked() {
                discarding.set(false);
                crate::dom::focus_after_render("#drawer-title");
            } else {
                close();
            }
        }
    };

    let save = {
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            form.submitted.set(true);
            form_error.set(None);
            let first_bad = form.errors.with_untracked(|e| {
                ORDER
                    .iter()
                    .find(|f| e.keys().any(|k| k == *f || k.starts_with(&format!("{f}["))))
                    .copied()
            });
            if let Some(field) = first_bad {
                focus_field(field);
                return;
            }
            if saving.get_untracked() {
                return;
            }
            let input = draft.get_untracked();
            let contact = (
                input.email.trim().to_owned(),
                input.mobile.trim().to_owned(),
                input.phone.trim().to_owned(),
            );
            let check = is_new
                && contact != Default::default()
                && warned_for.with_value(|w| w.as_ref() != Some(&contact));
            saving.set(true);
            leptos::task::spawn_local(async move {
                if check {
                    // Unanswered (offline, a vendor's hiccup): no warning,
                    // the save itself says what went wrong.
                    if let Ok(found) = crate::api::prospects::duplicates(&input).await
                        && !found.is_empty()
                    {
                        warned_for.set_value(Some(contact));
                        let _ = saving.try_set(false);
                        let _ = duplicates.try_set(found);
                        crate::dom::focus_after_render("#pf-duplicates");
                        return;
                    }
                }
                let _ = duplicates.try_set(Vec::new());
                let result = match id {
                    Some(id) => crate::api::prospects::update(id, &input).await,
                    None => crate::api::prospects::create(&input).await,
                };
                saving.set(false);
                match result {
                    Ok(saved) => {
                        // What was sent is saved; typing since stays unsaved.
                        baseline.set(input);
                        list.upsert(row_of(&saved));
                        toasts.info(t_string!(i18n, prospect_saved).to_owned());
                        if is_new {
                            let to = url::href(
                                &format!("/prospects/{}", saved.id),
                                &list.view.get_untracked(),
                            );
                            go(&to);
                        }
                    }
                    Err(problem) => {
                        if !problem.errors.is_empty() {
                            let mut by_field = BTreeMap::new();
                            for (k, m) in &problem.errors {
                                let field = k.split('[').next().unwrap_or(k).to_owned();
                                by_field.entry(field).or_insert_with(|| m.clone());
                            }
                            if let Some(f) = ORDER.iter().find(|f| by_field.contains_key(**f)) {
                                focus_field(f);
                            }
                            form.server.set(by_field);
                        }
                        form_error.set(Some(problem));
                    }
                }
            });
        }
    };

    let delete = {
        move |_| {
            let Some(id) = id else { return };
            confirming.set(false);
            leptos::task::spawn_local(async move {
                // The row that takes the deleted one's place gets the focus.
                let at = row_position(id);
                match crate::api::prospects::delete(id).await {
                    Ok(()) => {
                        list.remove(&HashSet::from([id]));
                        go(&url::href("/prospects", &list.view.get_untracked()));
                        focus_row_at(at);
                        let undo = Callback::new(move |()| undo_delete(list, toasts, id));
                        toasts.info_with_action(
                            t_string!(i18n, prospect_deleted).to_owned(),
                            t_string!(i18n, undo).to_owned(),
                            undo,
                        );
                    }
                    Err(problem) => toasts.problem(&problem),
                }
            });
        }
    };

    let title = move || {
        if is_new {
            return t_string!(i18n, prospects_new).to_owned();
        }
        draft.with(|d| {
            format!("{} {}", d.first_name, d.last_name)
                .trim()
                .to_owned()
        })
    };

    // A sales step may book: the appointments are read again.
    let booked = RwSignal::new(0u32);

    view! {
        <aside class="drawer" aria-labelledby="drawer-title" on:keydown=close_on_escape>
            <div class="drawer-head">
                <h2 id="drawer-title" tabindex="-1">{title}</h2>
                <button
                    type="button"
                    class="button-quiet drawer-close"
                    aria-label=move || t_string!(i18n, close)
                    on:click=move |_| close()
                >
                    "×"
                </button>
            </div>
            <Show when=move || discarding.get()>
                <div class="confirm-bar" role="alertdialog" aria-labelledby="drawer-discard-q">
                    <p id="drawer-discard-q">{t!(i18n, discard_question)}</p>
                    <button type="button" class="button-danger" on:click=move |_| { discarding.set(false); leave(); }>
                        {t!(i18n, discard_confirm)}
                    </button>
                    <button
                        type="button"
                        id="drawer-keep-editing"
                        class="button-quiet"
                        on:click=move |_| { discarding.set(false); crate::dom::focus_after_render("#drawer-title"); }
                    >
                        {t!(i18n, keep_editing)}
                    </button>
                </div>
            </Show>
            {move || match loaded.get() {
                Some(Err(problem)) => {
                    Some(view! { <p class="form-error" role="alert">{problem_text(i18n, &problem)}</p> }.into_any())
                }
                _ => None,
            }}
            // The sales step comes first: at the desk it is what one opens a
            // prospect for (the call's result, the next step), before the
            // twenty fields of who they are.
            {id.map(|id| {
                view! {
                    <Show when=move || matches!(loaded.get(), Some(Ok(_)))>
                        <SalesSteps prospect_id=id on_change=move |()| {
                            steps_changed(list, draft, id);
                            booked.update(|n| *n += 1);
                        } />
                    </Show>
                }
            })}
            <Show when=move || is_new || matches!(loaded.get(), Some(Ok(_)))>
                <form class="prospect-form" on:submit=save novalidate>
                    <fieldset>
                        <legend>{t!(i18n, prospect_person)}</legend>
                        <div class="form-grid">
                            <TextInput form name="first_name" label=move || t_string!(i18n, first_name).to_owned()
                                get=|d| d.first_name.clone() set=|d, v| d.first_name = v autocomplete="off" />
                            <TextInput form name="last_name" label=move || t_string!(i18n, last_name).to_owned()
                                get=|d| d.last_name.clone() set=|d, v| d.last_name = v autocomplete="off" />
                            <GenderSelect form />
                            <TextInput form name="birth_date" kind="date" label=move || t_string!(i18n, birth_date).to_owned()
                                get=|d| d.birth_date.clone().unwrap_or_default()
                                set=|d, v| d.birth_date = Some(v).filter(|v| !v.is_empty()) />
                        </div>
                    </fieldset>
                    <fieldset>
                        <legend>{t!(i18n, prospect_contact)}</legend>
                        <div class="form-grid">
                            <TextInput form name="email" kind="email" label=move || t_string!(i18n, email).to_owned()
                                get=|d| d.email.clone() set=|d, v| d.email = v autocomplete="off" />
                            <TextInput form name="mobile" kind="tel" label=move || t_string!(i18n, mobile).to_owned()
                                get=|d| crate::club::phone(&d.mobile) set=|d, v| d.mobile = v autocomplete="off" />
                            <TextInput form name="phone" kind="tel" label=move || t_string!(i18n, phone).to_owned()
                                get=|d| crate::club::phone(&d.phone) set=|d, v| d.phone = v autocomplete="off" />
                            <TextInput form name="address" label=move || t_string!(i18n, address).to_owned()
                                get=|d| d.address.clone() set=|d, v| d.address = v autocomplete="off" />
                            <TextInput form name="zip" label=move || t_string!(i18n, zip).to_owned()
                                get=|d| d.zip.clone() set=|d, v| d.zip = v autocomplete="off" />
                            <TextInput form name="city" label=move || t_string!(i18n, prospect_city).to_owned()
                                get=|d| d.city.clone() set=|d, v| d.city = v autocomplete="off" />
                            <LanguageSelect form />
                        </div>
                    </fieldset>
                    <fieldset>
                        <legend>{t!(i18n, prospect_sales)}</legend>
                        <div class="form-grid">
                            <StatusSelect form />
                            <OwnerSelect form list />
                            <TextInput form name="source" label=move || t_string!(i18n, prospect_source).to_owned()
                                get=|d| d.source.clone() set=|d, v| d.source = v autocomplete="off" />
                            <TextInput form name="sub_source" label=move || t_string!(i18n, sub_source).to_owned()
                                get=|d| d.sub_source.clone() set=|d, v| d.sub_source = v autocomplete="off" />
                            <div class="field field-wide">
                                <label for="pf-tags">{t!(i18n, prospect_tags)}</label>
                                <input
                                    id="pf-tags"
                                    type="text"
                                    autocomplete="off"
                                    aria-describedby="pf-tags-hint pf-tags-error"
                                    prop:value=move || tags_text.get()
                                    on:input=move |ev| {
                                        let text = event_target_value(&ev);
                                        let tags: Vec<String> = text
                                            .split(',')
                                            .map(str::trim)
                                            .filter(|t| !t.is_empty())
                                            .map(str::to_owned)
                                            .collect();
                                        tags_text.set(text);
                                        form.edit("tags", |d| d.tags = tags);
                                    }
                                    on:blur=move |_| form.touched.update(|t| { t.insert("tags"); })
                                    aria-invalid=move || form.error("tags").is_some().to_string()
                                />
                                <p id="pf-tags-hint" class="field-hint">{t!(i18n, tags_hint)}</p>
                                <p id="pf-tags-error" class="field-error">
                                    {move || form.error("tags").map(|e| error_words(i18n, &e))}
                                </p>
                            </div>
                            <TextInput form name="next_action" label=move || t_string!(i18n, prospect_next_action).to_owned()
                                get=|d| d.next_action.clone() set=|d, v| d.next_action = v autocomplete="off" />
                            <TextInput form name="next_action_due" kind="date" label=move || t_string!(i18n, next_action_due).to_owned()
                                get=|d| d.next_action_due.clone().unwrap_or_default()
                                set=|d, v| d.next_action_due = Some(v).filter(|v| !v.is_empty()) />
                        </div>
                    </fieldset>
                    <div class="field">
                        <label for="pf-note">{t!(i18n, note)}</label>
                        <textarea
                            id="pf-note"
                            rows="4"
                            prop:value=move || draft.with(|d| d.note.clone())
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                form.edit("note", |d| d.note = v);
                            }
                            aria-invalid=move || form.error("note").is_some().to_string()
                            aria-describedby="pf-note-error"
                        ></textarea>
                        <p id="pf-note-error" class="field-error">
                            {move || form.error("note").map(|e| error_words(i18n, &e))}
                        </p>
                    </div>
                    <Show when=move || duplicates.with(|d| !d.is_empty())>
                        <div id="pf-duplicates" class="duplicate-warning" role="alert" tabindex="-1">
                            <p>{t!(i18n, duplicate_warning)}</p>
                            <ul>
                                {move || duplicates.get().into_iter().map(|d| {
                                    let href = url::href(&format!("/prospects/{}", d.id), &list.view.get_untracked());
                                    let why = if d.by_email {
                                        t_string!(i18n, duplicate_same_email)
                                    } else {
                                        t_string!(i18n, duplicate_same_number)
                                    };
                                    let contact = if d.by_email { d.email.clone() } else { crate::club::phone(&d.phone) };
                                    let name = if d.name.is_empty() { d.email.clone() } else { d.name.clone() };
                                    view! {
                                        <li>
                                            <a href=href>{name}</a>
                                            " · " {why} " (" {contact} ")"
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <button type="submit" class="button-quiet">{t!(i18n, duplicate_save_anyway)}</button>
                        </div>
                    </Show>
                    <p id="pf-save-error" class="form-error" role="alert">
                        {move || form_error.get().map(|p| {
                            if p.errors.is_empty() { problem_text(i18n, &p) } else { t_string!(i18n, fix_fields).to_owned() }
                        })}
                    </p>
                    <div class="form-actions">
                        // aria-disabled, not disabled: a disabled button
                        // drops the focus to <body> while it saves.
                        <button type="submit" class="button-accent" aria-disabled=move || saving.get().to_string()>
                            {move || if saving.get() { t_string!(i18n, saving) } else { t_string!(i18n, save) }}
                        </button>
                        <Show when=move || !is_new>
                            <Show
                                when=move || confirming.get()
                                fallback=move || view! {
                                    <button type="button" class="button-danger" on:click=move |_| confirming.set(true)>
                                        {t!(i18n, delete)}
                                    </button>
                                }
                            >
                                <span class="confirm-inline" role="alert">
                                    {t!(i18n, prospect_confirm_delete)}
                                    <button type="button" class="button-danger" on:click=delete>
                                        {t!(i18n, delete_confirm)}
                                    </button>
                                    <button type="button" class="button-quiet" on:click=move |_| confirming.set(false)>
                                        {t!(i18n, cancel)}
                                    </button>
                                </span>
                            </Show>
                        </Show>
                    </div>
                </form>
            </Show>
            {id.map(|id| {
                view! {
                    <Show when=move || matches!(loaded.get(), Some(Ok(_)))>
                        <RelatedRecords prospect_id=id />
                        <CustomerAppointments prospect_id=id reload=booked />
                    </Show>
                }
            })}
        </aside>
    }.into_any()
}

/// A sales step may set the status and the next action: take those from
/// the server, leaving whatever else is being typed as it is.
fn steps_changed(list: ProspectList, draft: RwSignal<ProspectInput>, id: i64) {
    leptos::task::spawn_local(async move {
        if let Ok(p) = crate::api::prospects::get(id).await {
            list.upsert(row_of(&p));
            draft.update(|d| {
                d.status = p.fields.status.clone();
                d.next_action = p.fields.next_action.clone();
                d.next_action_due = p.fields.next_action_due.clone();
            });
        }
    });
}

/// Where a prospect's row stands among the rows drawn, if it is drawn.
fn row_position(id: i64) -> Option<usize> {
    let links = document().query_selector_all(ROW_LINKS).ok()?;
    (0..links.length()).find_map(|i| {
        let el = links.get(i)?.dyn_into::<web_sys::Element>().ok()?;
        let href = el.get_attribute("href")?;
        let path = href.split('?').next()?;
        (path == format!("/prospects/{id}")).then_some(i as usize)
    })
}

/// The name links of the rows on screen, in order (a hidden slot may still
/// hold a row that is gone).
const ROW_LINKS: &str = ".ptable-space :not(.prow-gone) > .c-name > a";

/// After a delete: the row now at the deleted one's place (or the last),
/// else the search box, so the keyboard stays in the list.
fn focus_row_at(at: Option<usize>) {
    request_animation_frame(move || {
        let target = document()
            .query_selector_all(ROW_LINKS)
            .ok()
            .and_then(|links| {
                let n = links.length() as usize;
                (n > 0)
                    .then(|| links.get(at.unwrap_or(0).min(n - 1) as u32))
                    .flatten()
            });
        match target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            Some(el) => {
                let _ = el.focus();
            }
            None => {
                crate::dom::focus("#prospect-search");
            }
        }
    });
}

fn undo_delete(list: ProspectList, toasts: crate::components::toasts::Toasts, id: i64) {
    leptos::task::spawn_local(async move {
        match crate::api::prospects::bulk(vec![id], BulkAction::Restore {}).await {
            Ok(_) => match crate::api::prospects::get(id).await {
                Ok(p) => list.upsert(row_of(&p)),
                Err(_) => list.reload(),
            },
            Err(problem) => toasts.problem(&problem),
        }
    });
}

#[component]
fn TextInput(
    form: Form,
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    get: fn(&ProspectInput) -> String,
    set: fn(&mut ProspectInput, String),
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "on")] autocomplete: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("pf-{name}");
    let error_id = format!("pf-{name}-error");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                prop:value=move || form.draft.with(get)
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    form.edit(name, |d| set(d, v));
                }
                on:blur=move |_| form.touched.update(|t| { t.insert(name); })
                aria-invalid=move || form.error(name).is_some().to_string()
                aria-describedby=error_id.clone()
            />
            <p id=error_id class="field-error">
                {move || form.error(name).map(|e| error_words(i18n, &e))}
            </p>
        </div>
    }
    .into_any()
}

#[component]
fn Select(
    form: Form,
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    /// (value, words) pairs.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    get: fn(&ProspectInput) -> String,
    on_pick: fn(&mut ProspectInput, String),
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("pf-{name}");
    let error_id = format!("pf-{name}-error");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    form.edit(name, |d| on_pick(d, v));
                }
                aria-invalid=move || form.error(name).is_some().to_string()
                aria-describedby=error_id.clone()
            >
                <For each=move || options.get() key=|o| o.clone() let:o>
                    <option
                        value=o.0.clone()
                        selected={
                            let v = o.0.clone();
                            move || form.draft.with(get) == v
                        }
                    >
                        {o.1.clone()}
                    </option>
                </For>
            </select>
            <p id=error_id class="field-error">
                {move || form.error(name).map(|e| error_words(i18n, &e))}
            </p>
        </div>
    }
    .into_any()
}

#[component]
fn GenderSelect(form: Form) -> impl IntoView {
    let i18n = use_i18n();
    let options = Signal::derive(move || {
        vec![
            (String::new(), t_string!(i18n, unknown).to_owned()),
            ("female".into(), t_string!(i18n, gender_female).to_owned()),
            ("male".into(), t_string!(i18n, gender_male).to_owned()),
            ("other".into(), t_string!(i18n, gender_other).to_owned()),
        ]
    });
    view! {
        <Select
            form
            name="gender"
            label=Signal::derive(move || t_string!(i18n, gender).to_owned())
            options
            get=|d| match d.gender {
                Some(Gender::Female) => "female".into(),
                Some(Gender::Male) => "male".into(),
                Some(Gender::Other) => "other".into(),
                None => String::new(),
            }
            on_pick=|d, v| d.gender = match v.as_str() {
                "female" => Some(Gender::Female),
                "male" => Some(Gender::Male),
                "other" => Some(Gender::Other),
                _ => None,
            }
        />
    }
    .into_any()
}

#[component]
fn LanguageSelect(form: Form) -> impl IntoView {
    let i18n = use_i18n();
    let options = Signal::derive(move || {
        vec![
            (String::new(), t_string!(i18n, unknown).to_owned()),
            ("nl".into(), "Nederlands".into()),
            ("fr".into(), "Français".into()),
            ("en".into(), "English".into()),
            ("de".into(), "Deutsch".into()),
        ]
    });
    view! {
        <Select
            form
            name="language"
            label=Signal::derive(move || t_string!(i18n, language).to_owned())
            options
            get=|d| d.language.clone()
            on_pick=|d, v| d.language = v
        />
    }
    .into_any()
}

#[component]
fn StatusSelect(form: Form) -> impl IntoView {
    let i18n = use_i18n();
    let options = Signal::derive(move || {
        let current = form.draft.with(|d| d.status.clone());
        let mut values: Vec<String> = STATUSES.iter().map(|s| s.to_string()).collect();
        if !current.is_empty() && !values.contains(&current) {
            values.push(current);
        }
        values
            .into_iter()
            .map(|v| {
                let words = status_label(i18n, &v);
                (v, words)
            })
            .collect()
    });
    view! {
        <Select
            form
            name="status"
            label=Signal::derive(move || t_string!(i18n, prospect_status).to_owned())
            options
            get=|d| d.status.clone()
            on_pick=|d, v| d.status = v
        />
    }
    .into_any()
}

#[component]
fn OwnerSelect(form: Form, list: ProspectList) -> impl IntoView {
    let i18n = use_i18n();
    let options = Signal::derive(move || {
        let mut o = vec![(String::new(), t_string!(i18n, bulk_no_owner).to_owned())];
        list.staff
            .with(|s| o.extend(s.iter().map(|u| (u.id.to_string(), u.name.clone()))));
        o
    });
    view! {
        <Select
            form
            name="owner_id"
            label=Signal::derive(move || t_string!(i18n, prospect_owner).to_owned())
            options
            get=|d| d.owner_id.map(|o| o.to_string()).unwrap_or_default()
            on_pick=|d, v| d.owner_id = v.parse().ok()
        />
    }
    .into_any()
}
