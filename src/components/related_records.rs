//! What the system keeping a prospect holds beside it, in the prospect's
//! drawer (`model::Related`): Overplane's child leads and opportunities
//! (added, edited, deleted, moved up and down in Overplane's order),
//! AlphaAlpha's enriched customer (contacts, addresses, opportunities with
//! their payment schedule, recent activities, history) and the owner there.
//! Vendor-neutral: it shows whatever sections the server sends, and nothing
//! at all when the system has none or cannot say (501). Vendor text is
//! rendered as text.

use std::collections::BTreeMap;

use frontdesk_core::model::{
    Related, RelatedField, RelatedFieldKind, RelatedInput, RelatedItem, RelatedKind, RelatedSection,
};
use frontdesk_core::problem::Problem;
use frontdesk_core::related::{self, Check};
use leptos::prelude::*;

use crate::components::field_error;
use crate::components::toasts::{Toasts, problem_text, use_toasts};
use crate::i18n::*;
use crate::i18n_fill::fill;

/// The form open now: which section, and which item (`None`: a new one).
#[derive(Clone, PartialEq)]
struct Editing {
    kind: RelatedKind,
    item: Option<String>,
    /// The item's values when the form opened: an edit sends what differs.
    was: BTreeMap<String, String>,
}

/// The section's state, shared by its parts (all `Copy`).
#[derive(Clone, Copy)]
struct Ctx {
    prospect: i64,
    data: RwSignal<Option<Result<Related, Problem>>>,
    editing: RwSignal<Option<Editing>>,
    draft: RwSignal<BTreeMap<String, String>>,
    /// The message under each field (the browser's check or the server's).
    errors: RwSignal<BTreeMap<String, String>>,
    form_error: RwSignal<Option<String>>,
    /// The item whose delete is being asked about.
    confirming: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
    toasts: Toasts,
}

impl Ctx {
    fn system(&self) -> String {
        self.data.with_untracked(|d| match d {
            Some(Ok(r)) => r.system.clone(),
            _ => String::new(),
        })
    }

    /// Runs one write; its answer (everything, as the vendor has it now)
    /// replaces what is shown. `done` runs after a success.
    fn write(
        self,
        call: impl std::future::Future<Output = Result<Related, Problem>> + 'static,
        done: impl FnOnce(Ctx) + 'static,
        failed: impl FnOnce(Ctx, Problem) + 'static,
    ) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            let result = call.await;
            // The drawer closed meanwhile: the answer is for nobody.
            if self.busy.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(r) => {
                    self.data.set(Some(Ok(r)));
                    done(self);
                }
                Err(p) => failed(self, p),
            }
        });
    }
}

/// Focuses `selector` once the answer's view is drawn.
fn focus_soon(selector: String) {
    request_animation_frame(move || {
        crate::dom::focus(&selector);
    });
}

#[component]
pub fn RelatedRecords(prospect_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = Ctx {
        prospect: prospect_id,
        data: RwSignal::new(None),
        editing: RwSignal::new(None),
        draft: RwSignal::new(BTreeMap::new()),
        errors: RwSignal::new(BTreeMap::new()),
        form_error: RwSignal::new(None),
        confirming: RwSignal::new(None),
        busy: RwSignal::new(false),
        toasts: use_toasts(),
    };
    leptos::task::spawn_local(async move {
        let answer = crate::api::related::get(prospect_id).await;
        // `try_set`: the drawer may have closed before the answer came.
        let _ = ctx.data.try_set(Some(answer));
    });
    move || match ctx.data.get() {
        None => None,
        // The system shows nothing beside its prospects through Frontdesk.
        Some(Err(p)) if p.status == 501 => None,
        Some(Err(p)) => Some(
            view! {
                <section class="related card">
                    <p class="form-error" role="alert">{problem_text(i18n, &p)}</p>
                </section>
            }
            .into_any(),
        ),
        Some(Ok(r)) => {
            let shown: Vec<RelatedSection> = r
                .sections
                .into_iter()
                .filter(|s| !s.items.is_empty() || s.can_add)
                .collect();
            if shown.is_empty() && r.owner.is_none() {
                return None;
            }
            let title = fill(
                t_string!(i18n, related_title),
                &[("system", r.system.clone())],
            );
            let owner = r.owner.map(|o| view! { <Owner ctx owner=o /> });
            Some(
                view! {
                    <section class="related card" aria-labelledby="related-title">
                        <h2 id="related-title">{title}</h2>
                        {owner}
                        {shown
                            .into_iter()
                            .map(|s| view! { <Section ctx section=s /> })
                            .collect_view()}
                    </section>
                }
                .into_any(),
            )
        }
    }
}

fn kind_words(i18n: leptos_i18n::I18nContext<Locale>, kind: RelatedKind) -> &'static str {
    match kind {
        RelatedKind::Leads => t_string!(i18n, related_leads),
        RelatedKind::Opportunities => t_string!(i18n, related_opportunities),
        RelatedKind::Contacts => t_string!(i18n, related_contacts),
        RelatedKind::Addresses => t_string!(i18n, related_addresses),
        RelatedKind::Events => t_string!(i18n, related_events),
        RelatedKind::Activities => t_string!(i18n, related_activities),
    }
}

/// A field's or fact's label; a key the app does not know is shown as it is.
fn label(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    match key {
        "lead" => t_string!(i18n, rf_lead),
        "name" => t_string!(i18n, rf_name),
        "status" => t_string!(i18n, rf_status),
        "email" => t_string!(i18n, rf_email),
        "mobile" => t_string!(i18n, rf_mobile),
        "phone" => t_string!(i18n, rf_phone),
        "owner" => t_string!(i18n, rf_owner),
        "stage" => t_string!(i18n, rf_stage),
        "amount" => t_string!(i18n, rf_amount),
        "currency" => t_string!(i18n, rf_currency),
        "probability" => t_string!(i18n, rf_probability),
        "expected_close" => t_string!(i18n, rf_expected_close),
        "contact" => t_string!(i18n, rf_contact),
        "department" => t_string!(i18n, rf_department),
        "function" => t_string!(i18n, rf_function),
        "use" => t_string!(i18n, rf_use),
        "country" => t_string!(i18n, rf_country),
        "type" => t_string!(i18n, rf_type),
        "date" => t_string!(i18n, rf_date),
        "author" => t_string!(i18n, rf_author),
        "value" => t_string!(i18n, rf_value),
        "next_action" => t_string!(i18n, rf_next_action),
        "percentage" => t_string!(i18n, rf_percentage),
        "trigger" => t_string!(i18n, rf_trigger),
        "due_days" => t_string!(i18n, rf_due_days),
        "triggered" => t_string!(i18n, rf_triggered),
        "invoice" => t_string!(i18n, rf_invoice),
        "priority" => t_string!(i18n, rf_priority),
        "completed" => t_string!(i18n, rf_completed),
        "outcome" => t_string!(i18n, rf_outcome),
        "duration" => t_string!(i18n, rf_duration),
        other => return other.to_owned(),
    }
    .to_owned()
}

/// A fact's value; the few that are Frontdesk's own words are translated,
/// and the dates (the connectors give them as `YYYY-MM-DD`) are written as
/// every other list writes a date ("31 okt 2026").
fn fact_value(i18n: leptos_i18n::I18nContext<Locale>, key: &str, value: &str) -> String {
    match (key, value) {
        ("use", "billing") => t_string!(i18n, related_use_billing).to_owned(),
        ("use", "delivery") => t_string!(i18n, related_use_delivery).to_owned(),
        ("date" | "expected_close" | "triggered", _) => {
            crate::dates::short_date(i18n.get_locale_untracked(), value)
        }
        _ => value.to_owned(),
    }
}

#[component]
fn Owner(ctx: Ctx, owner: frontdesk_core::model::RelatedOwner) -> impl IntoView {
    let i18n = use_i18n();
    let current_id = owner
        .current
        .as_ref()
        .map(|c| c.id.clone())
        .unwrap_or_default();
    let pick = RwSignal::new(current_id.clone());
    let current = owner
        .current
        .as_ref()
        .map(|c| c.name.clone())
        .unwrap_or_else(|| t_string!(i18n, related_owner_none).to_owned());
    let heading = fill(t_string!(i18n, related_owner), &[("system", ctx.system())]);
    let failed = move |ctx: Ctx, p: Problem| ctx.toasts.problem(&p);
    let assign = move |_| {
        let chosen = pick.get_untracked();
        if chosen.trim().is_empty() {
            return;
        }
        ctx.write(
            crate::api::related::assign_owner(ctx.prospect, chosen),
            move |ctx| {
                ctx.toasts.info(fill(
                    t_string!(i18n, related_saved),
                    &[("system", ctx.system())],
                ));
                focus_soon("#related-owner-pick".into());
            },
            failed,
        );
    };
    let remove = move |_| {
        ctx.write(
            crate::api::related::remove_owner(ctx.prospect),
            move |ctx| {
                ctx.toasts.info(fill(
                    t_string!(i18n, related_saved),
                    &[("system", ctx.system())],
                ));
                focus_soon("#related-owner-pick".into());
            },
            failed,
        );
    };
    let can_remove = owner.can_remove && owner.current.is_some();
    let choices = owner.choices.clone();
    view! {
        <div class="related-owner" role="group" aria-labelledby="related-owner-title">
            <h3 id="related-owner-title">{heading}</h3>
            <p class="related-owner-current" id="related-owner-current">{current}</p>
            <Show when=move || owner.can_assign>
                <div class="related-owner-form">
                    <label for="related-owner-pick" class="visually-hidden">{t!(i18n, related_owner_choose)}</label>
                    <select
                        id="related-owner-pick"
                        on:change=move |ev| pick.set(event_target_value(&ev))
                    >
                        <option value="" selected=current_id.is_empty()>{t!(i18n, related_owner_choose)}</option>
                        {choices
                            .iter()
                            .map(|c| {
                                let selected = c.id == pick.get_untracked();
                                view! { <option value=c.id.clone() selected=selected>{c.name.clone()}</option> }
                            })
                            .collect_view()}
                    </select>
                    <button type="button" class="button-quiet" on:click=assign aria-disabled=move || ctx.busy.get().to_string()>
                        {t!(i18n, related_owner_assign)}
                    </button>
                </div>
            </Show>
            <Show when=move || can_remove>
                <button type="button" class="button-quiet" on:click=remove aria-disabled=move || ctx.busy.get().to_string()>
                    {t!(i18n, related_owner_remove)}
                </button>
            </Show>
        </div>
    }
}

#[component]
fn Section(ctx: Ctx, section: RelatedSection) -> impl IntoView {
    let i18n = use_i18n();
    let kind = section.kind;
    let heading_id = format!("related-{}", kind.as_str());
    let fields = StoredValue::new(section.fields.clone());
    let ids: Vec<String> = section.items.iter().map(|i| i.id.clone()).collect();
    let count = section.items.len();
    let adding = move || {
        ctx.editing.with(|e| {
            e.as_ref()
                .is_some_and(|e| e.kind == kind && e.item.is_none())
        })
    };
    let open_add = move |_| {
        ctx.draft.set(BTreeMap::new());
        ctx.errors.set(BTreeMap::new());
        ctx.form_error.set(None);
        ctx.editing.set(Some(Editing {
            kind,
            item: None,
            was: BTreeMap::new(),
        }));
        focus_soon(format!("#related-form-{} input", kind.as_str()));
    };
    let list = section
        .items
        .into_iter()
        .enumerate()
        .map(|(at, item)| {
            view! {
                <Item
                    ctx
                    kind
                    item
                    at
                    count
                    ids=ids.clone()
                    can_edit=section.can_edit
                    can_delete=section.can_delete
                    can_reorder=section.can_reorder
                    fields
                />
            }
        })
        .collect_view();
    view! {
        <div class="related-section" data-kind=kind.as_str()>
            <h3 id=heading_id.clone() tabindex="-1">{kind_words(i18n, kind)}</h3>
            {(count == 0).then(|| view! { <p class="empty-note">{t!(i18n, related_none)}</p> })}
            <ol class="related-list" aria-labelledby=heading_id>
                {list}
            </ol>
            <Show when=move || section.can_add && !adding()>
                <button type="button" class="button-quiet related-add" on:click=open_add>
                    {move || format!("{} ({})", t_string!(i18n, related_add), kind_words(i18n, kind))}
                </button>
            </Show>
            <Show when=adding>
                <Form ctx kind fields />
            </Show>
        </div>
    }
}

#[allow(clippy::too_many_arguments)]
#[component]
fn Item(
    ctx: Ctx,
    kind: RelatedKind,
    item: RelatedItem,
    at: usize,
    count: usize,
    ids: Vec<String>,
    can_edit: bool,
    can_delete: bool,
    can_reorder: bool,
    fields: StoredValue<Vec<RelatedField>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = item.id.clone();
    let title = item.title.clone();
    let editing_me = {
        let id = id.clone();
        move || {
            ctx.editing.with(|e| {
                e.as_ref()
                    .is_some_and(|e| e.kind == kind && e.item.as_deref() == Some(id.as_str()))
            })
        }
    };
    let open_edit = {
        let (id, values) = (id.clone(), item.values.clone());
        move |_| {
            ctx.draft.set(values.clone());
            ctx.errors.set(BTreeMap::new());
            ctx.form_error.set(None);
            ctx.editing.set(Some(Editing {
                kind,
                item: Some(id.clone()),
                was: values.clone(),
            }));
            focus_soon(format!("#related-form-{} input", kind.as_str()));
        }
    };
    // Keyboard-first reordering: one step up or down, sent to the system
    // at once; the focus stays on the same button of the moved item.
    let step = move |down: bool| {
        let ids = ids.clone();
        move |_| {
            let to = if down { at + 1 } else { at.wrapping_sub(1) };
            if to >= ids.len() {
                return;
            }
            let mut order = ids.clone();
            order.swap(at, to);
            let button = format!(
                "#related-{}-{to}-{}",
                kind.as_str(),
                if down { "down" } else { "up" }
            );
            ctx.write(
                crate::api::related::reorder(ctx.prospect, kind, order),
                move |_| focus_soon(button),
                move |ctx, p| ctx.toasts.problem(&p),
            );
        }
    };
    let delete = {
        let id = id.clone();
        move |_| {
            ctx.confirming.set(None);
            let id = id.clone();
            ctx.write(
                async move { crate::api::related::delete(ctx.prospect, kind, &id).await },
                move |ctx| {
                    ctx.toasts.info(fill(
                        t_string!(i18n, related_deleted),
                        &[("system", ctx.system())],
                    ));
                    focus_soon(format!("#related-{}", kind.as_str()));
                },
                move |ctx, p| ctx.toasts.problem(&p),
            );
        }
    };
    let facts = item
        .facts
        .iter()
        .map(|f| {
            view! {
                <div class="related-fact">
                    <dt>{label(i18n, &f.key)}</dt>
                    <dd>{fact_value(i18n, &f.key, &f.value)}</dd>
                </div>
            }
        })
        .collect_view();
    let children = (!item.children.is_empty()).then(|| {
        view! {
            <div class="related-children">
                <h4>{t!(i18n, related_payments)}</h4>
                <ul>
                    {item
                        .children
                        .iter()
                        .map(|c| {
                            let facts = c
                                .facts
                                .iter()
                                .map(|f| view! { <div class="related-fact"><dt>{label(i18n, &f.key)}</dt><dd>{fact_value(i18n, &f.key, &f.value)}</dd></div> })
                                .collect_view();
                            view! { <li><span class="related-title">{c.title.clone()}</span><dl class="related-facts">{facts}</dl></li> }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    });
    let up_label = format!("{}: {title}", t_string!(i18n, related_move_up));
    let down_label = format!("{}: {title}", t_string!(i18n, related_move_down));
    let edit_label = format!("{}: {title}", t_string!(i18n, related_edit));
    let delete_label = format!("{}: {title}", t_string!(i18n, delete));
    // Delete asks first, in place.
    let delete_area = {
        let id = id.clone();
        move || {
            if !can_delete {
                return None;
            }
            let asking = ctx.confirming.with(|c| c.as_deref() == Some(id.as_str()));
            Some(if asking {
                let delete = delete.clone();
                view! {
                    <span class="confirm-inline" role="alert">
                        {fill(t_string!(i18n, related_confirm_delete), &[("system", ctx.system())])}
                        <button type="button" class="button-danger" on:click=delete>
                            {t!(i18n, delete_confirm)}
                        </button>
                        <button type="button" class="button-quiet" on:click=move |_| ctx.confirming.set(None)>
                            {t!(i18n, cancel)}
                        </button>
                    </span>
                }
                .into_any()
            } else {
                let (id, label) = (id.clone(), delete_label.clone());
                view! {
                    <button type="button" class="button-quiet" aria-label=label
                        on:click=move |_| ctx.confirming.set(Some(id.clone()))>
                        {t!(i18n, delete)}
                    </button>
                }
                .into_any()
            })
        }
    };
    view! {
        <li class="related-item" data-id=id.clone()>
            <span class="related-title">{title.clone()}</span>
            <dl class="related-facts">{facts}</dl>
            {children}
            <div class="related-actions">
                <Show when=move || { can_reorder && count > 1 }>
                    <button
                        type="button"
                        class="button-quiet"
                        id=format!("related-{}-{at}-up", kind.as_str())
                        aria-label=up_label.clone()
                        aria-disabled=(at == 0).to_string()
                        on:click=step(false)
                    >"↑"</button>
                    <button
                        type="button"
                        class="button-quiet"
                        id=format!("related-{}-{at}-down", kind.as_str())
                        aria-label=down_label.clone()
                        aria-disabled=(at + 1 == count).to_string()
                        on:click=step(true)
                    >"↓"</button>
                </Show>
                <Show when=move || can_edit>
                    <button type="button" class="button-quiet" aria-label=edit_label.clone() on:click=open_edit.clone()>
                        {t!(i18n, related_edit)}
                    </button>
                </Show>
                {delete_area}
            </div>
            <Show when=editing_me.clone()>
                <Form ctx kind fields />
            </Show>
        </li>
    }
}

/// The add or edit form of one section: its fields as the server named
/// them, checked as the person saves; an edit sends only what changed.
#[component]
fn Form(ctx: Ctx, kind: RelatedKind, fields: StoredValue<Vec<RelatedField>>) -> impl IntoView {
    let i18n = use_i18n();
    let form_id = format!("related-form-{}", kind.as_str());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(editing) = ctx.editing.get_untracked() else {
            return;
        };
        let draft = ctx.draft.get_untracked();
        let values: BTreeMap<String, String> = match &editing.item {
            None => draft
                .into_iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .collect(),
            Some(_) => draft
                .into_iter()
                .filter(|(k, v)| editing.was.get(k).map(String::as_str).unwrap_or("") != v.as_str())
                .collect(),
        };
        let input = RelatedInput { values };
        let mode = if editing.item.is_none() {
            Check::Create
        } else {
            Check::Edit
        };
        let errors = fields.with_value(|f| related::check(f, &input, mode));
        if !errors.is_empty() {
            ctx.errors.set(
                errors
                    .iter()
                    .map(|(k, e)| (k.clone(), field_error::words(i18n, *e)))
                    .collect(),
            );
            if let Some(first) = fields.with_value(|f| {
                f.iter()
                    .find(|f| errors.contains_key(&f.key))
                    .map(|f| f.key.clone())
            }) {
                focus_soon(format!("#rf-{}-{first}", kind.as_str()));
            }
            return;
        }
        if editing.item.is_some() && input.values.is_empty() {
            ctx.editing.set(None);
            return;
        }
        let item = editing.item.clone();
        let call = async move {
            match item {
                None => crate::api::related::create(ctx.prospect, kind, &input).await,
                Some(item) => crate::api::related::update(ctx.prospect, kind, &item, &input).await,
            }
        };
        ctx.write(
            call,
            move |ctx| {
                ctx.editing.set(None);
                ctx.toasts.info(fill(
                    t_string!(i18n, related_saved),
                    &[("system", ctx.system())],
                ));
                focus_soon(format!("#related-{}", kind.as_str()));
            },
            move |ctx, p| {
                if p.errors.is_empty() {
                    ctx.form_error.set(Some(problem_text(i18n, &p)));
                } else {
                    ctx.errors.set(p.errors.clone().into_iter().collect());
                    ctx.form_error.set(None);
                }
            },
        );
    };
    let inputs = fields.with_value(|f| {
        f.iter()
            .map(|f| {
                let key = f.key.clone();
                let id = format!("rf-{}-{key}", kind.as_str());
                let error_id = format!("{id}-error");
                let (kind_attr, mode) = match f.kind {
                    RelatedFieldKind::Text => ("text", "text"),
                    RelatedFieldKind::Email => ("email", "email"),
                    RelatedFieldKind::Phone => ("tel", "tel"),
                    RelatedFieldKind::Number => ("text", "decimal"),
                    RelatedFieldKind::Date => ("date", "text"),
                };
                let words = if f.required {
                    format!("{} *", label(i18n, &key))
                } else {
                    label(i18n, &key)
                };
                let (k1, k2, k3) = (key.clone(), key.clone(), key.clone());
                view! {
                    <div class="field">
                        <label for=id.clone()>{words}</label>
                        <input
                            id=id
                            type=kind_attr
                            inputmode=mode
                            autocomplete="off"
                            required=f.required
                            prop:value=move || ctx.draft.with(|d| d.get(&k1).cloned().unwrap_or_default())
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                ctx.draft.update(|d| { d.insert(k2.clone(), v); });
                                ctx.errors.update(|e| { e.remove(&k2); });
                            }
                            aria-invalid=move || ctx.errors.with(|e| e.contains_key(&k3)).to_string()
                            aria-describedby=error_id.clone()
                        />
                        <p id=error_id class="field-error">
                            {move || ctx.errors.with(|e| e.get(&key).cloned())}
                        </p>
                    </div>
                }
            })
            .collect_view()
    });
    view! {
        <form class="related-form" id=form_id on:submit=save novalidate>
            <div class="form-grid">{inputs}</div>
            <p class="form-error" role="alert">{move || ctx.form_error.get()}</p>
            <div class="form-actions">
                <button type="submit" class="button-accent" aria-disabled=move || ctx.busy.get().to_string()>
                    {move || if ctx.busy.get() { t_string!(i18n, saving) } else { t_string!(i18n, save) }}
                </button>
                <button type="button" class="button-quiet" on:click=move |_| ctx.editing.set(None)>
                    {t!(i18n, cancel)}
                </button>
            </div>
        </form>
    }
}
