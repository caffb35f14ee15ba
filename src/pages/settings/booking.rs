//! Booking setup (owner and manager): what the widget offers. Appointment
//! types with their rules, coaches or rooms and questions; the coaches and
//! rooms; their weekly opening hours (the calendar's own editor). Checked
//! with `core::booking_setup` as the server checks, so a refusal names the
//! same field; what was typed stays. An agenda a vendor keeps is shown as
//! it has it, read-only, saying so.

use frontdesk_core::booking_setup::{RESOURCE_KINDS, check_resource, check_type};
use frontdesk_core::model::{
    AppointmentTypeInput, AppointmentTypeSetup, BookingSetup, FormFieldKind, Localized,
    QuestionInput, ResourceInfo, ResourceInput,
};
use frontdesk_core::problem::kinds;
use frontdesk_core::slots::Scheduling;
use frontdesk_core::validate::{FieldError, FieldErrors};
use leptos::prelude::*;

use super::errors::FormErrors;
use super::field::TextField;
use super::translations::{LocalizedInput, QuestionTranslations, TypeTranslations};
use crate::components::toasts::use_toasts;
use crate::i18n::*;
use crate::i18n_fill::fill;
use crate::pages::calendar::weekly::WeeklyHoursEditor;

type I18n = leptos_i18n::I18nContext<Locale>;

#[component]
pub fn BookingSection() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let loaded = LocalResource::new(crate::api::booking_setup::setup);
    Effect::new(move || {
        if let Some(Err(p)) = loaded.get() {
            toasts.problem(&p);
        }
    });
    view! {
        <section id="settings-booking" class="card settings-section" aria-labelledby="settings-booking-title">
            <h2 id="settings-booking-title">{t!(i18n, settings_booking)}</h2>
            <p class="settings-note">{t!(i18n, bs_intro)}</p>
            {move || match loaded.get() {
                None => view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }.into_any(),
                Some(Err(_)) => ().into_any(),
                Some(Ok(list)) => {
                    list.into_iter()
                        .map(|s| view! { <AgendaSetup setup=s /> })
                        .collect_view()
                        .into_any()
                }
            }}
        </section>
    }
}

fn minutes(i18n: I18n, n: u32) -> String {
    fill(t_string!(i18n, bs_minutes), &[("n", n.to_string())])
}

/// A price as the person's language writes money, `0` as free.
fn price(i18n: I18n, cents: i64, currency: &str) -> String {
    if cents == 0 {
        return t_string!(i18n, bs_free).to_owned();
    }
    crate::i18n_fill::money(i18n.get_locale_untracked(), cents, currency)
}

#[component]
fn AgendaSetup(setup: BookingSetup) -> impl IntoView {
    let i18n = use_i18n();
    let agenda = setup.agenda.id;
    let name = setup.agenda.name.clone();
    let heading = format!("booking-agenda-{agenda}");
    if let Some(system) = setup.vendor.clone() {
        return view! {
            <section class="bs-agenda" aria-labelledby=heading.clone()>
                <h3 id=heading.clone()>{name}</h3>
                <p class="settings-note" role="note">
                    {move || fill(t_string!(i18n, bs_vendor_kept), &[("system", system.clone())])}
                </p>
                <h4>{t!(i18n, bs_types)}</h4>
                <ul class="bs-list">
                    {setup
                        .types
                        .into_iter()
                        .map(|t| {
                            // A type the vendor keeps for staff alone is
                            // mirrored as not offered: said, not hidden.
                            let facts = move || {
                                let mut facts = vec![minutes(i18n, t.duration_min), price(i18n, t.price_cents, &t.currency)];
                                if t.archived {
                                    facts.push(t_string!(i18n, bs_not_in_widget).to_owned());
                                }
                                facts.join(" · ")
                            };
                            view! {
                                <li>
                                    <span class="bs-name">{t.name.clone()}</span>
                                    <span class="bs-facts">{facts}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <h4>{t!(i18n, bs_resources)}</h4>
                <ul class="bs-list">
                    {setup
                        .resources
                        .into_iter()
                        .map(|r| view! { <li><span class="bs-name">{r.name}</span></li> })
                        .collect_view()}
                </ul>
            </section>
        }
        .into_any();
    }

    let types = RwSignal::new(setup.types);
    let resources = RwSignal::new(setup.resources);
    // None: no form; Some(None): a new type; Some(Some(id)): that one.
    let editing = RwSignal::new(None::<Option<i64>>);
    let hours_open = RwSignal::new(false);
    let toasts = use_toasts();

    let saved = Callback::new(move |t: AppointmentTypeSetup| {
        toasts.info(fill(
            t_string!(i18n, bs_type_saved),
            &[("name", t.name.clone())],
        ));
        types.update(|ts| match ts.iter_mut().find(|x| x.id == t.id) {
            Some(x) => *x = t,
            None => ts.push(t),
        });
        editing.set(None);
    });
    let archive = move |id: i64| {
        leptos::task::spawn_local(async move {
            match crate::api::booking_setup::archive_type(agenda, id).await {
                Ok(t) => {
                    toasts.info(fill(
                        t_string!(i18n, bs_type_archived),
                        &[("name", t.name.clone())],
                    ));
                    let _ = types.try_update(|ts| {
                        if let Some(x) = ts.iter_mut().find(|x| x.id == t.id) {
                            *x = t;
                        }
                    });
                }
                Err(p) => toasts.problem(&p),
            }
        });
    };
    let restore = move |id: i64| {
        leptos::task::spawn_local(async move {
            match crate::api::booking_setup::restore_type(agenda, id).await {
                Ok(t) => {
                    toasts.info(fill(
                        t_string!(i18n, bs_type_restored),
                        &[("name", t.name.clone())],
                    ));
                    let _ = types.try_update(|ts| {
                        if let Some(x) = ts.iter_mut().find(|x| x.id == t.id) {
                            *x = t;
                        }
                    });
                }
                Err(p) if p.type_ == kinds::TYPE_WITHOUT_RESOURCE => {
                    let name = types
                        .with_untracked(|ts| ts.iter().find(|t| t.id == id).map(|t| t.name.clone()))
                        .unwrap_or_default();
                    toasts.error(fill(
                        t_string!(i18n, bs_type_without_resource),
                        &[("name", name)],
                    ));
                }
                Err(p) => toasts.problem(&p),
            }
        });
    };

    let type_row = move |t: AppointmentTypeSetup| {
        let id = t.id;
        let current = move || types.with(|ts| ts.iter().find(|x| x.id == id).cloned());
        let label = move || current().map(|t| t.name).unwrap_or_default();
        view! {
            <li class:archived=move || current().is_some_and(|t| t.archived)>
                <span class="bs-name">{label}</span>
                <span class="bs-facts">
                    {move || {
                        current()
                            .map(|t| {
                                let mut facts = vec![minutes(i18n, t.duration_min), price(i18n, t.price_cents, &t.currency)];
                                if !t.questions.is_empty() {
                                    facts.push(fill(t_string!(i18n, bs_question_count), &[("n", t.questions.len().to_string())]));
                                }
                                if t.archived {
                                    facts.push(t_string!(i18n, bs_archived).to_owned());
                                }
                                facts.join(" · ")
                            })
                    }}
                </span>
                <span class="bs-actions">
                    <button type="button" class="button-quiet" on:click=move |_| editing.set(Some(Some(id)))>
                        {t!(i18n, bs_edit)}
                        <span class="visually-hidden">" " {label}</span>
                    </button>
                    <Show
                        when=move || current().is_some_and(|t| !t.archived)
                        fallback=move || view! {
                            <button type="button" class="button-quiet" on:click=move |_| restore(id)>
                                {t!(i18n, bs_restore)}
                                <span class="visually-hidden">" " {label}</span>
                            </button>
                        }
                    >
                        <button type="button" class="button-quiet" on:click=move |_| archive(id)>
                            {t!(i18n, bs_archive)}
                            <span class="visually-hidden">" " {label}</span>
                        </button>
                    </Show>
                </span>
            </li>
        }
    };

    view! {
        <section class="bs-agenda" aria-labelledby=heading.clone()>
            <h3 id=heading.clone()>{name}</h3>
            <h4>{t!(i18n, bs_types)}</h4>
            <ul class="bs-list">
                <For each=move || types.get() key=|t| t.id children=type_row />
            </ul>
            <Show when=move || editing.with(Option::is_none)>
                <button type="button" class="button-accent" on:click=move |_| editing.set(Some(None))>
                    {t!(i18n, bs_new_type)}
                </button>
            </Show>
            {move || {
                editing
                    .get()
                    .map(|which| {
                        let start = which.and_then(|id| types.with_untracked(|ts| ts.iter().find(|t| t.id == id).cloned()));
                        view! {
                            <TypeForm
                                agenda=agenda
                                resources=resources
                                start=start
                                on_saved=saved
                                on_cancel=Callback::new(move |()| editing.set(None))
                            />
                        }
                    })
            }}
            <h4>{t!(i18n, bs_resources)}</h4>
            <ul class="bs-list">
                <For
                    each=move || resources.get()
                    key=|r| (r.id.clone(), r.name.clone(), r.kind.clone())
                    children=move |r| view! { <ResourceRow agenda=agenda resource=r resources=resources types=types /> }
                />
            </ul>
            <AddResource agenda=agenda resources=resources />
            <details class="bs-hours" on:toggle=move |_| hours_open.update(|o| *o = !*o)>
                <summary>{t!(i18n, hours_title)}</summary>
                <p class="field-hint">{t!(i18n, bs_hours_note)}</p>
                {move || {
                    // Drawn again when a coach or room is added, so it can
                    // be given hours at once.
                    let list = resources.get();
                    hours_open.get().then(|| view! {
                        <WeeklyHoursEditor
                            agenda=agenda
                            resources=list
                            editable=Signal::derive(|| true)
                            on_change=Callback::new(|()| {})
                        />
                    })
                }}
            </details>
        </section>
    }
    .into_any()
}

/// A question being edited; `id` stays while others are removed.
#[derive(Clone)]
struct Question {
    id: u32,
    key: Option<String>,
    label: RwSignal<String>,
    labels: LocalizedInput,
    kind: RwSignal<FormFieldKind>,
    required: RwSignal<bool>,
}

fn kind_value(k: FormFieldKind) -> &'static str {
    match k {
        FormFieldKind::Text => "text",
        FormFieldKind::Textarea => "textarea",
        FormFieldKind::Checkbox => "checkbox",
    }
}

fn kind_name(i18n: I18n, k: FormFieldKind) -> &'static str {
    match k {
        FormFieldKind::Text => t_string!(i18n, bs_kind_text),
        FormFieldKind::Textarea => t_string!(i18n, bs_kind_textarea),
        FormFieldKind::Checkbox => t_string!(i18n, bs_kind_checkbox),
    }
}

/// A number as people type it, `1,5` as `1.5`.
fn decimal(text: &str) -> Option<f64> {
    let t = text.trim().replace(',', ".");
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// `text` in `unit`s as a whole number of minutes (or cents): `1,5` hours
/// is 90. A blank field is `blank`.
fn scaled(text: &str, unit: f64, blank: i64) -> Option<i64> {
    if text.trim().is_empty() {
        return Some(blank);
    }
    // Beyond any bound the check allows, without overflowing.
    decimal(text).map(|n| (n * unit).round().clamp(-1e12, 1e12) as i64)
}

/// Minutes (or cents) shown in `unit`s, without a needless `.0`.
fn unscaled(value: u32, unit: u32) -> String {
    if value.is_multiple_of(unit) {
        (value / unit).to_string()
    } else {
        format!("{:.2}", f64::from(value) / f64::from(unit))
            .trim_end_matches('0')
            .to_owned()
    }
}

#[component]
fn TypeForm(
    agenda: i64,
    resources: RwSignal<Vec<ResourceInfo>>,
    start: Option<AppointmentTypeSetup>,
    on_saved: Callback<AppointmentTypeSetup>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = start.as_ref().map(|t| t.id);
    let s = start.as_ref();
    let name = RwSignal::new(s.map(|t| t.name.clone()).unwrap_or_default());
    let description = RwSignal::new(s.map(|t| t.description.clone()).unwrap_or_default());
    let names = LocalizedInput::new(&s.map(|t| t.names.clone()).unwrap_or_default());
    let descriptions = LocalizedInput::new(&s.map(|t| t.descriptions.clone()).unwrap_or_default());
    let duration = RwSignal::new(s.map_or("60".to_owned(), |t| t.duration_min.to_string()));
    let buffer = RwSignal::new(s.map_or("0".to_owned(), |t| t.buffer_min.to_string()));
    let notice = RwSignal::new(s.map_or("2".to_owned(), |t| unscaled(t.min_notice_min, 60)));
    let horizon = RwSignal::new(s.map_or("60".to_owned(), |t| unscaled(t.max_ahead_min, 24 * 60)));
    let group = RwSignal::new(s.is_some_and(|t| t.scheduling == Scheduling::Capacity));
    let capacity = RwSignal::new(s.map_or("10".to_owned(), |t| t.capacity.to_string()));
    let euros = RwSignal::new(s.map_or("0".to_owned(), |t| {
        let cents = u32::try_from(t.price_cents).unwrap_or(0);
        unscaled(cents, 100)
    }));
    let chosen = RwSignal::new(s.map(|t| t.resource_ids.clone()).unwrap_or_default());
    let next_id = StoredValue::new(0u32);
    let question = move |key: Option<String>, label: String, labels: &Localized, kind, required| {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        Question {
            id,
            key,
            label: RwSignal::new(label),
            labels: LocalizedInput::new(labels),
            kind: RwSignal::new(kind),
            required: RwSignal::new(required),
        }
    };
    let questions = RwSignal::new(
        s.map(|t| {
            t.questions
                .iter()
                .map(|q| {
                    question(
                        Some(q.key.clone()),
                        q.label.clone(),
                        &q.labels,
                        q.kind,
                        q.required,
                    )
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default(),
    );
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let form_id = "booking-type-form";

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let mut found = FieldErrors::new();
        let mut number = |field: &str, value: Option<i64>| {
            value.unwrap_or_else(|| {
                found.insert(field.to_owned(), FieldError::Number);
                0
            })
        };
        let is_group = group.get_untracked();
        let input = AppointmentTypeInput {
            name: name.get_untracked().trim().to_owned(),
            description: description.get_untracked().trim().to_owned(),
            names: names.value(),
            descriptions: descriptions.value(),
            duration_min: number("duration_min", scaled(&duration.get_untracked(), 1.0, -1)),
            buffer_min: number("buffer_min", scaled(&buffer.get_untracked(), 1.0, 0)),
            min_notice_min: number("min_notice_min", scaled(&notice.get_untracked(), 60.0, 0)),
            max_ahead_min: number("max_ahead_min", scaled(&horizon.get_untracked(), 1440.0, 0)),
            scheduling: if is_group {
                Scheduling::Capacity
            } else {
                Scheduling::Resource
            },
            capacity: if is_group {
                number("capacity", scaled(&capacity.get_untracked(), 1.0, 0))
            } else {
                1
            },
            price_cents: number("price_cents", scaled(&euros.get_untracked(), 100.0, 0)),
            // In the agenda's order, whatever order they were ticked in.
            resource_ids: resources.with_untracked(|rs| {
                chosen.with_untracked(|c| {
                    rs.iter()
                        .filter(|r| c.contains(&r.id))
                        .map(|r| r.id.clone())
                        .collect()
                })
            }),
            questions: questions.with_untracked(|qs| {
                qs.iter()
                    .map(|q| QuestionInput {
                        key: q.key.clone(),
                        label: q.label.get_untracked().trim().to_owned(),
                        labels: q.labels.value(),
                        kind: q.kind.get_untracked(),
                        required: q.required.get_untracked(),
                    })
                    .collect()
            }),
        };
        for (field, e) in check_type(&input) {
            found.entry(field).or_insert(e);
        }
        if errors.found(i18n, found) {
            crate::dom::focus_after_render("#booking-type-form [aria-invalid=true]");
            return;
        }
        errors.clear();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = match id {
                Some(id) => crate::api::booking_setup::change_type(agenda, id, &input).await,
                None => crate::api::booking_setup::add_type(agenda, &input).await,
            };
            if busy.try_set(false).is_some() {
                return;
            }
            match answer {
                Ok(t) => on_saved.run(t),
                Err(p) => {
                    errors.refused(i18n, &p);
                    crate::dom::focus_after_render("#booking-type-form [aria-invalid=true]");
                }
            }
        });
    };

    let add_question = move |_| {
        questions.update(|qs| {
            qs.push(question(
                None,
                String::new(),
                &Localized::default(),
                FormFieldKind::Text,
                false,
            ))
        });
        crate::dom::focus_after_render(
            "#booking-type-form .bs-question:last-child input[type=text]",
        );
    };

    let question_row = move |q: Question| {
        let qid = q.id;
        let index = move || questions.with(|qs| qs.iter().position(|x| x.id == qid).unwrap_or(0));
        let label_error = move || errors.get(&format!("questions[{}].label", index()));
        let key_error = move || errors.get(&format!("questions[{}].key", index()));
        let label_id = format!("bs-q-{qid}-label");
        let kind_id = format!("bs-q-{qid}-kind");
        let error_id = format!("bs-q-{qid}-error");
        let number = move || {
            fill(
                t_string!(i18n, bs_question_n),
                &[("n", (index() + 1).to_string())],
            )
        };
        view! {
            // A group per question, named by its number ("Question 2"),
            // in a plain container: a list item may not be a group.
            <div class="bs-question" role="group" aria-label=number>
                <div class="field bs-question-label">
                    <label for=label_id.clone()>{t!(i18n, bs_question)}</label>
                    <input
                        id=label_id.clone()
                        type="text"
                        prop:value=move || q.label.get()
                        on:input=move |ev| q.label.set(event_target_value(&ev))
                        aria-invalid=move || (label_error().is_some() || key_error().is_some()).then_some("true")
                        aria-describedby=error_id.clone()
                    />
                    <p class="field-error" id=error_id.clone() role="alert">
                        {move || label_error().or_else(key_error)}
                    </p>
                </div>
                <div class="field">
                    <label for=kind_id.clone()>{t!(i18n, bs_question_kind)}</label>
                    <select
                        id=kind_id.clone()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            q.kind.set(match v.as_str() {
                                "textarea" => FormFieldKind::Textarea,
                                "checkbox" => FormFieldKind::Checkbox,
                                _ => FormFieldKind::Text,
                            });
                        }
                    >
                        {[FormFieldKind::Text, FormFieldKind::Textarea, FormFieldKind::Checkbox]
                            .into_iter()
                            .map(|k| view! {
                                <option value=kind_value(k) selected=move || q.kind.get() == k>
                                    {move || kind_name(i18n, k)}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </div>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || q.required.get()
                        on:change=move |ev| q.required.set(event_target_checked(&ev))
                    />
                    <span>{t!(i18n, bs_question_required)}</span>
                </label>
                <QuestionTranslations qid=qid index=Signal::derive(index) labels=q.labels errors=errors />
                <button
                    type="button"
                    class="button-quiet"
                    on:click=move |_| {
                        questions.update(|qs| qs.retain(|x| x.id != qid));
                        errors.clear();
                    }
                >
                    {t!(i18n, bs_remove_question)}
                    <span class="visually-hidden">" " {number}</span>
                </button>
            </div>
        }
    };

    let resources_error = errors.field("resource_ids");
    let title = if id.is_some() {
        t_string!(i18n, bs_edit_type)
    } else {
        t_string!(i18n, bs_new_type)
    };
    view! {
        <form id=form_id class="settings-form bs-type-form" on:submit=submit novalidate aria-labelledby="bs-type-form-title">
            <h4 id="bs-type-form-title">{title}</h4>
            <TextField
                id="bs-type-name"
                label=move || t_string!(i18n, bs_type_name).to_owned()
                value=name
                error=errors.field("name")
            />
            <TextField
                id="bs-type-description"
                label=move || t_string!(i18n, bs_description).to_owned()
                value=description
                error=errors.field("description")
            />
            <TypeTranslations names=names descriptions=descriptions errors=errors />
            <div class="bs-numbers">
                <TextField
                    id="bs-type-duration"
                    label=move || t_string!(i18n, bs_duration).to_owned()
                    value=duration
                    error=errors.field("duration_min")
                    inputmode="numeric"
                />
                <TextField
                    id="bs-type-buffer"
                    label=move || t_string!(i18n, bs_buffer).to_owned()
                    value=buffer
                    error=errors.field("buffer_min")
                    inputmode="numeric"
                />
                <TextField
                    id="bs-type-notice"
                    label=move || t_string!(i18n, bs_notice).to_owned()
                    value=notice
                    error=errors.field("min_notice_min")
                    inputmode="decimal"
                />
                <TextField
                    id="bs-type-horizon"
                    label=move || t_string!(i18n, bs_horizon).to_owned()
                    value=horizon
                    error=errors.field("max_ahead_min")
                    inputmode="decimal"
                    hint=Signal::derive(move || t_string!(i18n, bs_horizon_hint).to_owned())
                />
                <TextField
                    id="bs-type-price"
                    label=move || t_string!(i18n, bs_price).to_owned()
                    value=euros
                    error=errors.field("price_cents")
                    inputmode="decimal"
                />
            </div>
            <fieldset class="field">
                <legend>{t!(i18n, bs_scheduling)}</legend>
                <label class="check">
                    <input
                        type="radio"
                        name="bs-scheduling"
                        prop:checked=move || !group.get()
                        on:change=move |_| group.set(false)
                    />
                    <span>{t!(i18n, bs_one_to_one)}</span>
                </label>
                <label class="check">
                    <input
                        type="radio"
                        name="bs-scheduling"
                        prop:checked=move || group.get()
                        on:change=move |_| group.set(true)
                    />
                    <span>{t!(i18n, bs_group)}</span>
                </label>
            </fieldset>
            <Show when=move || group.get()>
                <TextField
                    id="bs-type-capacity"
                    label=move || t_string!(i18n, bs_capacity).to_owned()
                    value=capacity
                    error=errors.field("capacity")
                    inputmode="numeric"
                />
            </Show>
            <fieldset
                class="field"
                aria-invalid=move || resources_error.with(Option::is_some).then_some("true")
                aria-describedby="bs-type-resources-error"
            >
                <legend>{t!(i18n, bs_given_by)}</legend>
                {move || {
                    resources
                        .get()
                        .into_iter()
                        .map(|r| {
                            let rid = r.id.clone();
                            let rid2 = r.id.clone();
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || chosen.with(|c| c.contains(&rid))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.update(|c| {
                                                c.retain(|x| *x != rid2);
                                                if on {
                                                    c.push(rid2.clone());
                                                }
                                            });
                                        }
                                    />
                                    <span>{r.name}</span>
                                </label>
                            }
                        })
                        .collect_view()
                }}
                <p class="field-error" id="bs-type-resources-error" role="alert">{move || resources_error.get()}</p>
            </fieldset>
            <fieldset class="field">
                <legend>{t!(i18n, bs_questions)}</legend>
                <p class="field-hint">{t!(i18n, bs_questions_hint)}</p>
                <div class="bs-questions">
                    <For each=move || questions.get() key=|q| q.id children=question_row />
                </div>
                <p class="field-error" role="alert">{move || errors.get("questions")}</p>
                <button type="button" class="button-quiet" on:click=add_question>
                    {t!(i18n, bs_add_question)}
                </button>
            </fieldset>
            <p class="form-error" role="alert">{move || errors.form.get()}</p>
            <div class="bs-actions">
                <button type="submit" class="button-accent" disabled=move || busy.get()>
                    {t!(i18n, bs_save_type)}
                </button>
                <button type="button" class="button-quiet" on:click=move |_| on_cancel.run(())>
                    {t!(i18n, bs_cancel)}
                </button>
            </div>
        </form>
    }
}

fn resource_kind_name(i18n: I18n, kind: &str) -> &'static str {
    if kind == "room" {
        t_string!(i18n, bs_room)
    } else {
        t_string!(i18n, bs_coach)
    }
}

/// One coach or room, its name editable in place, and removed after a
/// second, explicit click (the row says what goes and what stays).
#[component]
fn ResourceRow(
    agenda: i64,
    resource: ResourceInfo,
    resources: RwSignal<Vec<ResourceInfo>>,
    types: RwSignal<Vec<AppointmentTypeSetup>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let rid = resource.id.clone();
    let name = RwSignal::new(resource.name.clone());
    let kind = resource.kind.clone();
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let input_id = format!("bs-resource-{rid}");
    let error_id = format!("bs-resource-{rid}-error");
    let old_name = resource.name.clone();
    let submit = {
        let rid = rid.clone();
        let kind = kind.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let input = ResourceInput {
                name: name.get_untracked().trim().to_owned(),
                kind: kind.clone(),
            };
            if errors.found(i18n, check_resource(&input)) {
                return;
            }
            errors.clear();
            busy.set(true);
            let rid = rid.clone();
            leptos::task::spawn_local(async move {
                let answer = crate::api::booking_setup::change_resource(agenda, &rid, &input).await;
                if busy.try_set(false).is_some() {
                    return;
                }
                match answer {
                    Ok(r) => {
                        toasts.info(fill(
                            t_string!(i18n, bs_resource_saved),
                            &[("name", r.name.clone())],
                        ));
                        resources.update(|rs| {
                            if let Some(x) = rs.iter_mut().find(|x| x.id == r.id) {
                                *x = r;
                            }
                        });
                    }
                    Err(p) => errors.refused(i18n, &p),
                }
            });
        }
    };
    let confirming = RwSignal::new(false);
    let remove = {
        let rid = rid.clone();
        let shown = resource.name.clone();
        move |_| {
            if busy.get_untracked() {
                return;
            }
            errors.clear();
            busy.set(true);
            let rid = rid.clone();
            let shown = shown.clone();
            leptos::task::spawn_local(async move {
                let answer = crate::api::booking_setup::remove_resource(agenda, &rid).await;
                if busy.try_set(false).is_some() {
                    return;
                }
                confirming.set(false);
                match answer {
                    Ok(()) => {
                        toasts.info(fill(
                            t_string!(i18n, bs_resource_removed),
                            &[("name", shown)],
                        ));
                        // As the server did: its types no longer name it.
                        types.update(|ts| {
                            for t in ts.iter_mut() {
                                t.resource_ids.retain(|r| *r != rid);
                            }
                        });
                        resources.update(|rs| rs.retain(|r| r.id != rid));
                    }
                    Err(p) => errors
                        .form
                        .set(Some(removal_refused(i18n, &p, &shown, &rid, types))),
                }
            });
        }
    };
    let name_error = errors.field("name");
    let kind_label = resource_kind_name(i18n, &kind);
    let confirm_text = {
        let shown = resource.name.clone();
        move || {
            fill(
                t_string!(i18n, bs_remove_confirm),
                &[("name", shown.clone())],
            )
        }
    };
    let hidden_name = resource.name.clone();
    let yes_ref = NodeRef::<leptos::html::Button>::new();
    view! {
        <li>
            <form class="bs-resource" on:submit=submit novalidate>
                <label for=input_id.clone() class="visually-hidden">
                    {move || fill(t_string!(i18n, bs_name_of), &[("name", old_name.clone())])}
                </label>
                <input
                    id=input_id
                    type="text"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                    aria-invalid=move || name_error.with(Option::is_some).then_some("true")
                    aria-describedby=error_id.clone()
                />
                <span class="bs-facts">{kind_label}</span>
                <button type="submit" class="button-quiet" disabled=move || busy.get()>
                    {t!(i18n, bs_rename)}
                    <span class="visually-hidden">" " {resource.name.clone()}</span>
                </button>
                <Show when=move || !confirming.get()>
                    <button
                        type="button"
                        class="button-quiet"
                        on:click=move |_| {
                            errors.clear();
                            confirming.set(true);
                            // Once the question is drawn: the answer asked
                            // for is focused, "Keep" one Tab away.
                            request_animation_frame(move || {
                                if let Some(yes) = yes_ref.get_untracked() {
                                    let _ = yes.focus();
                                }
                            });
                        }
                    >
                        {t!(i18n, bs_remove)}
                        <span class="visually-hidden">" " {hidden_name.clone()}</span>
                    </button>
                </Show>
                <p class="field-error" id=error_id role="alert">
                    {move || name_error.get().or_else(|| errors.form.get())}
                </p>
            </form>
            <Show when=move || confirming.get()>
                <div class="bs-remove-confirm" role="group" aria-label=confirm_text.clone()>
                    <p>{confirm_text.clone()}</p>
                    <button node_ref=yes_ref type="button" class="button-danger" disabled=move || busy.get() on:click=remove.clone()>
                        {t!(i18n, bs_remove_yes)}
                    </button>
                    <button type="button" class="button-quiet" on:click=move |_| confirming.set(false)>
                        {t!(i18n, bs_remove_no)}
                    </button>
                </div>
            </Show>
        </li>
    }
}

/// Why a coach or room was not removed, in the page's words: the server's
/// refusal names the rule, the page names the person and the types.
fn removal_refused(
    i18n: I18n,
    problem: &frontdesk_core::problem::Problem,
    name: &str,
    rid: &str,
    types: RwSignal<Vec<AppointmentTypeSetup>>,
) -> String {
    match problem.type_.as_str() {
        kinds::RESOURCE_HAS_APPOINTMENTS => fill(
            t_string!(i18n, bs_resource_has_appointments),
            &[("name", name.to_owned())],
        ),
        kinds::RESOURCE_ONLY_ONE => {
            let only: Vec<String> = types.with_untracked(|ts| {
                ts.iter()
                    .filter(|t| {
                        !t.archived && t.resource_ids.len() == 1 && t.resource_ids[0] == rid
                    })
                    .map(|t| t.name.clone())
                    .collect()
            });
            fill(
                t_string!(i18n, bs_resource_only_one),
                &[("name", name.to_owned()), ("types", only.join(", "))],
            )
        }
        _ => crate::components::toasts::problem_text(i18n, problem),
    }
}

#[component]
fn AddResource(agenda: i64, resources: RwSignal<Vec<ResourceInfo>>) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new("coach".to_owned());
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let input = ResourceInput {
            name: name.get_untracked().trim().to_owned(),
            kind: kind.get_untracked(),
        };
        if errors.found(i18n, check_resource(&input)) {
            crate::dom::focus_after_render("#bs-resource-add [aria-invalid=true]");
            return;
        }
        errors.clear();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = crate::api::booking_setup::add_resource(agenda, &input).await;
            if busy.try_set(false).is_some() {
                return;
            }
            match answer {
                Ok(r) => {
                    toasts.info(fill(
                        t_string!(i18n, bs_resource_saved),
                        &[("name", r.name.clone())],
                    ));
                    resources.update(|rs| rs.push(r));
                    name.set(String::new());
                }
                Err(p) => errors.refused(i18n, &p),
            }
        });
    };
    view! {
        <form id="bs-resource-add" class="settings-form" on:submit=submit novalidate>
            <h4>{t!(i18n, bs_add_resource)}</h4>
            <TextField
                id="bs-resource-name"
                label=move || t_string!(i18n, bs_resource_name).to_owned()
                value=name
                error=errors.field("name")
            />
            <div class="field">
                <label for="bs-resource-kind">{t!(i18n, bs_resource_kind)}</label>
                <select id="bs-resource-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {RESOURCE_KINDS
                        .iter()
                        .map(|k| {
                            let k = *k;
                            view! {
                                <option value=k selected=move || kind.with(|x| x == k)>
                                    {move || resource_kind_name(i18n, k)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p class="field-error" role="alert">{move || errors.get("kind")}</p>
            </div>
            <p class="form-error" role="alert">{move || errors.form.get()}</p>
            <button type="submit" class="button-accent" disabled=move || busy.get()>
                {t!(i18n, bs_add_resource)}
            </button>
        </form>
    }
}
