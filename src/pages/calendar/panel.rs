//! The side panel of the chosen thing in the grid: an appointment (what it
//! is, move it by form, say who came, cancel, remove) or a free slot (book
//! someone into it with the agenda's own questions). A move the rules
//! refuse asks here for the reason to override them.

use chrono::NaiveDate;
use frontdesk_core::calendar::{wall_minutes, wall_text};
use frontdesk_core::model::{DeskBooking, FormField, FormFieldKind, ResourceInfo};
use leptos::prelude::*;

use super::grid::Selected;
use super::moves::Moves;
use super::state::{Layout, Place};
use crate::components::appointment_actions::{AppointmentActions, DeskAbilities};
use crate::components::sales_steps::status_text;
use crate::components::toasts::problem_text;
use crate::i18n::*;

#[component]
pub fn Panel(
    layout: StoredValue<Layout>,
    selected: RwSignal<Selected>,
    moves: Moves,
    resources: Vec<ResourceInfo>,
    /// The agenda and type booked into a free slot, with its questions.
    booking: Signal<Option<(i64, i64, Vec<FormField>)>>,
    /// A booking made: the page loads the grid again.
    on_booked: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let close = move || selected.set(Selected::Nothing);
    let resources = StoredValue::new(resources);
    let body = move || {
        match selected.get() {
        Selected::Nothing => ().into_any(),
        Selected::Appointment(index) => {
            view! { <AppointmentPanel layout=layout index=index moves=moves resources=resources.get_value() /> }
                .into_any()
        }
        Selected::Free(index) => match booking.get_untracked() {
            Some((agenda, type_id, fields)) => view! {
                <BookPanel
                    layout=layout
                    index=index
                    agenda=agenda
                    type_id=type_id
                    fields=fields
                    on_booked=on_booked
                />
            }
            .into_any(),
            None => ().into_any(),
        },
    }
    };
    let reason = RwSignal::new(String::new());
    view! {
        <Show when=move || moves.needs_reason.get().is_some()>
            <form
                class="card cal-override"
                role="alertdialog"
                aria-labelledby="cal-override-title"
                on:submit=move |ev| {
                    ev.prevent_default();
                    let why = reason.get_untracked();
                    if why.trim().is_empty() {
                        return;
                    }
                    if let Some(o) = moves.needs_reason.get_untracked() {
                        moves.send(o.index, o.to, Some(why));
                    }
                }
            >
                <h2 id="cal-override-title">{t!(i18n, cal_override_title)}</h2>
                <p>{move || moves.needs_reason.get().map(|o| o.detail)}</p>
                <label>
                    {t!(i18n, cal_override_reason)}
                    <textarea
                        rows="2"
                        required
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))
                    ></textarea>
                </label>
                <div class="form-actions">
                    <button type="submit" class="button-primary">{t!(i18n, cal_override_send)}</button>
                    <button type="button" class="button-quiet" on:click=move |_| moves.needs_reason.set(None)>
                        {t!(i18n, cal_override_leave)}
                    </button>
                </div>
            </form>
        </Show>
        {move || moves.error.get().map(|p| view! { <p class="form-error" role="alert">{problem_text(i18n, &p)}</p> })}
        <Show when=move || selected.get() != Selected::Nothing>
            <aside class="card cal-panel" aria-labelledby="cal-panel-title">
                <button type="button" class="button-quiet cal-panel-close" on:click=move |_| close()>
                    {t!(i18n, cal_close)}
                </button>
                {body}
            </aside>
        </Show>
    }
}

#[component]
fn AppointmentPanel(
    layout: StoredValue<Layout>,
    index: usize,
    moves: Moves,
    resources: Vec<ResourceInfo>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some((shown, columns)) =
        layout.with_value(|l| l.shown(index).cloned().map(|s| (s, l.columns.clone())))
    else {
        return ().into_any();
    };
    let abilities = expect_context::<DeskAbilities>();
    let place = shown.place;
    let item = shown.item.clone();
    // The form starts from where it is now and keeps what is typed.
    let now = place.get_untracked();
    let date = RwSignal::new(
        columns
            .get(now.col)
            .map(|c| c.date.to_string())
            .unwrap_or_default(),
    );
    let time = RwSignal::new(wall_text(now.start));
    let length = RwSignal::new((now.end - now.start).to_string());
    let resource = RwSignal::new(
        columns
            .get(now.col)
            .and_then(|c| c.resource.clone())
            .unwrap_or_default(),
    );
    let form_error = RwSignal::new(None::<String>);
    let columns = StoredValue::new(columns);
    let submit = move || {
        form_error.set(None);
        let date = NaiveDate::parse_from_str(&date.get_untracked(), "%Y-%m-%d").ok();
        let start = wall_minutes(&time.get_untracked());
        let minutes: Option<u32> = length
            .get_untracked()
            .trim()
            .parse()
            .ok()
            .filter(|m| (5..=720).contains(m));
        let wanted = resource.get_untracked();
        let col = date.and_then(|d| {
            columns.with_value(|cs| {
                cs.iter().position(|c| {
                    c.date == d && c.resource.as_deref().unwrap_or_default() == wanted
                })
            })
        });
        match (start, minutes, col) {
            (Some(start), Some(minutes), Some(col)) if start + minutes <= 24 * 60 => {
                let p = place.get_untracked();
                moves.send(
                    index,
                    Place {
                        col,
                        start,
                        end: start + minutes,
                        ..p
                    },
                    None,
                );
            }
            (None, _, _) => form_error.set(Some(t_string!(i18n, cal_bad_time).to_owned())),
            (_, None, _) | (Some(_), Some(_), Some(_)) => {
                form_error.set(Some(t_string!(i18n, cal_bad_length).to_owned()))
            }
            (_, _, None) => form_error.set(Some(t_string!(i18n, cal_not_shown).to_owned())),
        }
    };
    let title = format!("{} · {}", item.name, item.type_name);
    let when = move || {
        let p = place.get();
        let resource =
            columns.with_value(|cs| cs.get(p.col).map(|c| c.name.clone()).unwrap_or_default());
        format!("{}–{} · {resource}", wall_text(p.start), wall_text(p.end))
    };
    let status = shown.status;
    view! {
        <h2 id="cal-panel-title">{title}</h2>
        <p class="cal-panel-when">
            {when} " · "
            <span class="agenda-status">{move || status_text(i18n, status.get())}</span>
        </p>
        <div class="agenda-item">
            <AppointmentActions appointment=(*item).clone() abilities=abilities status=shown.status gone=shown.gone />
        </div>
        <form
            class="cal-move"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <h3>{t!(i18n, cal_move_title)}</h3>
            <label>
                {t!(i18n, calendar_date)}
                <input type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
            </label>
            <label>
                {t!(i18n, cal_time)}
                <input
                    type="time"
                    step="300"
                    prop:value=move || time.get()
                    on:input=move |ev| time.set(event_target_value(&ev))
                />
            </label>
            <label>
                {t!(i18n, cal_minutes)}
                <input
                    type="number"
                    min="5"
                    max="720"
                    step="5"
                    prop:value=move || length.get()
                    on:input=move |ev| length.set(event_target_value(&ev))
                />
            </label>
            <label>
                {t!(i18n, cal_resource)}
                <select prop:value=move || resource.get() on:change=move |ev| resource.set(event_target_value(&ev))>
                    {resources
                        .into_iter()
                        .map(|r| view! { <option value=r.id.clone()>{r.name}</option> })
                        .collect_view()}
                </select>
            </label>
            {move || form_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <button type="submit" class="button-primary">{t!(i18n, cal_move_save)}</button>
        </form>
        <p class="cal-hint">{t!(i18n, cal_keys_hint)}</p>
    }
    .into_any()
}

#[component]
fn BookPanel(
    layout: StoredValue<Layout>,
    index: usize,
    agenda: i64,
    type_id: i64,
    fields: Vec<FormField>,
    on_booked: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some((free, column)) = layout.with_value(|l| {
        let f = l.free.get(index)?.clone();
        let c = l.columns.get(f.col)?.clone();
        Some((f, c))
    }) else {
        return ().into_any();
    };
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let answers: Vec<(FormField, RwSignal<String>)> = fields
        .into_iter()
        .map(|f| (f, RwSignal::new(String::new())))
        .collect();
    let answers = StoredValue::new(answers);
    let errors = RwSignal::new(std::collections::BTreeMap::<String, String>::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let start = free.slot.start.clone();
    let resource = column.resource.clone();
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        errors.set(Default::default());
        let booking = DeskBooking {
            agenda_id: agenda,
            type_id,
            start: start.clone(),
            minutes: None,
            resource_id: resource.clone(),
            name: name.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
            fields: answers.with_value(|a| {
                a.iter()
                    .map(|(f, v)| (f.key.clone(), v.get_untracked()))
                    .filter(|(_, v)| !v.is_empty())
                    .collect()
            }),
            prospect_id: None,
            override_reason: None,
        };
        leptos::task::spawn_local(async move {
            match crate::api::appointments::book(&booking).await {
                Ok(_) => on_booked.run(()),
                Err(p) => {
                    errors.set(p.errors.clone());
                    problem.set(Some(problem_text(i18n, &p)));
                }
            }
            busy.set(false);
        });
    };
    let error_of = move |field: &'static str| move || errors.with(|e| e.get(field).cloned());
    let title = format!(
        "{} {} · {}",
        t_string!(i18n, cal_book_title),
        wall_text(free.slot.minute),
        column.name
    );
    view! {
        <h2 id="cal-panel-title">{title}</h2>
        <form
            class="cal-book"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <label>
                {t!(i18n, cal_book_name)}
                <input required autocomplete="off" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                {move || error_of("name")().map(|e| view! { <span class="field-error">{e}</span> })}
            </label>
            <label>
                {t!(i18n, cal_book_email)}
                <input type="email" required prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev)) />
                {move || error_of("email")().map(|e| view! { <span class="field-error">{e}</span> })}
            </label>
            <label>
                {t!(i18n, cal_book_phone)}
                <input type="tel" prop:value=move || phone.get() on:input=move |ev| phone.set(event_target_value(&ev)) />
            </label>
            {answers
                .get_value()
                .into_iter()
                .map(|(f, value)| {
                    let key = f.key.clone();
                    let error = move || errors.with(|e| e.get(&format!("fields.{key}")).or(e.get(&key)).cloned());
                    let input = match f.kind {
                        FormFieldKind::Textarea => view! {
                            <textarea rows="2" required=f.required prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                        }
                        .into_any(),
                        FormFieldKind::Checkbox => view! {
                            <input
                                type="checkbox"
                                required=f.required
                                prop:checked=move || value.get() == "1"
                                on:change=move |ev| value.set(if event_target_checked(&ev) { "1".into() } else { String::new() })
                            />
                        }
                        .into_any(),
                        FormFieldKind::Text => view! {
                            <input required=f.required prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                        }
                        .into_any(),
                    };
                    view! {
                        <label>
                            {f.label.clone()}
                            {input}
                            {move || error().map(|e| view! { <span class="field-error">{e}</span> })}
                        </label>
                    }
                })
                .collect_view()}
            {move || problem.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <button type="submit" class="button-primary" prop:disabled=move || busy.get()>
                {t!(i18n, cal_book_save)}
            </button>
        </form>
    }
    .into_any()
}
