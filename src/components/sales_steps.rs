//! A prospect's sales steps: the current step with one button per result,
//! an optional note, and the history. A result that books an appointment
//! opens the booking widget as a slot picker in a dialog (its own bundle
//! has the slot engine and the time zones; this one stays small), and the
//! server re-checks the picked slot before it books.

use frontdesk_core::model::{
    AppointmentSlot, BookingStatus, ProspectSales, SalesAction, SalesHistoryEntry, SalesResult,
    SalesResultRequest, SalesStep, StaffAppointment,
};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::toasts::{problem_text, use_toasts};
use crate::dates;
use crate::i18n::*;

/// The picker dialog's state: the booking result it is for, the slot the
/// widget reported, and what the server said about the last try.
#[derive(Clone, Copy)]
struct Picker {
    result: RwSignal<Option<SalesResult>>,
    slot: RwSignal<Option<AppointmentSlot>>,
    error: RwSignal<Option<String>>,
    /// Bumped to load the widget afresh after a slot was taken meanwhile.
    reloads: RwSignal<u32>,
}

#[component]
pub fn SalesSteps(prospect_id: i64, #[prop(into)] on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let refreshes = RwSignal::new(0u32);
    let sales = LocalResource::new(move || {
        refreshes.track();
        let lang = i18n.get_locale().as_str();
        async move { crate::api::sales::of_prospect(prospect_id, lang).await }
    });
    let note = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let picker = Picker {
        result: RwSignal::new(None),
        slot: RwSignal::new(None),
        error: RwSignal::new(None),
        reloads: RwSignal::new(0),
    };

    let submit = move |result_id: i64, appointment: Option<AppointmentSlot>| {
        busy.set(true);
        error.set(None);
        picker.error.set(None);
        let text = note.get_untracked();
        let request = SalesResultRequest {
            result_id,
            note: (!text.trim().is_empty()).then_some(text),
            appointment,
        };
        let lang = i18n.get_locale_untracked().as_str();
        leptos::task::spawn_local(async move {
            let answer = crate::api::sales::choose(prospect_id, lang, &request).await;
            busy.set(false);
            match answer {
                Ok(_) => {
                    note.set(String::new());
                    picker.result.set(None);
                    picker.slot.set(None);
                    refreshes.update(|n| *n += 1);
                    toasts.info(t_string!(i18n, sales_saved));
                    on_change.run(());
                    crate::dom::focus_after_render("#sales-steps-title");
                }
                Err(p) if picker.result.with_untracked(Option::is_some) => {
                    // Taken meanwhile: show why, and fresh times to pick from.
                    if p.status == 409 {
                        picker.slot.set(None);
                        picker.reloads.update(|n| *n += 1);
                    }
                    picker.error.set(Some(problem_text(i18n, &p)));
                }
                Err(p) => error.set(Some(problem_text(i18n, &p))),
            }
        });
    };
    let choose = move |result: SalesResult| {
        if result.action == SalesAction::BookAppointment {
            picker.slot.set(None);
            picker.error.set(None);
            picker.result.set(Some(result));
        } else {
            submit(result.id, None);
        }
    };

    view! {
        <section class="sales-steps card" aria-labelledby="sales-steps-title">
            <h2 id="sales-steps-title" tabindex="-1">{t!(i18n, sales_title)}</h2>
            <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }>
                {move || {
                    sales
                        .get()
                        .map(|result| match result {
                            Err(p) => view! { <p class="form-error" role="alert">{problem_text(i18n, &p)}</p> }.into_any(),
                            Ok(ProspectSales { current, history, .. }) => view! {
                                <CurrentStep current=current note=note busy=busy error=error choose=choose />
                                <History history=history />
                            }
                                .into_any(),
                        })
                }}
            </Suspense>
            <PickerDialog picker=picker busy=busy confirm=move |slot: AppointmentSlot| {
                if let Some(r) = picker.result.get_untracked() {
                    submit(r.id, Some(slot));
                }
            } />
        </section>
    }
}

#[component]
fn CurrentStep(
    current: Option<SalesStep>,
    note: RwSignal<String>,
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    choose: impl Fn(SalesResult) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(step) = current else {
        return view! { <p class="sales-ended">{t!(i18n, sales_ended)}</p> }.into_any();
    };
    view! {
        <h3 class="sales-current">{t!(i18n, sales_current)} " " {step.name}</h3>
        <div class="field">
            <label for="sales-note">{t!(i18n, sales_note)}</label>
            <textarea id="sales-note" rows="2" maxlength="2000" bind:value=note></textarea>
        </div>
        <p class="form-error" role="alert">{move || error.get()}</p>
        <ul class="sales-results" aria-label=move || t_string!(i18n, sales_results)>
            {step
                .results
                .into_iter()
                .map(|r| {
                    let id = r.id;
                    let label = r.label.clone();
                    let books = r.action == SalesAction::BookAppointment;
                    view! {
                        <li>
                            <button
                                type="button"
                                class="sales-result"
                                class:sales-result-book=books
                                data-result=id
                                aria-haspopup=books.then_some("dialog")
                                disabled=move || busy.get()
                                on:click=move |_| choose(r.clone())
                            >
                                {label}
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {move || busy.get().then(|| view! { <p class="loading" role="status">{t!(i18n, sales_saving)}</p> })}
    }
    .into_any()
}

/// "Trial lesson · Monday 2 March 2026, 10:00–11:00 · Driss (coach)".
pub fn appointment_text(locale: Locale, a: &StaffAppointment) -> String {
    let when = dates::appointment_when(locale, &a.date, &a.start_time, &a.end_time);
    let mut text = format!("{} · {when}", a.type_name);
    if let Some(r) = &a.resource_name {
        text.push_str(" · ");
        text.push_str(r);
    }
    text
}

pub fn status_text(i18n: leptos_i18n::I18nContext<Locale>, status: BookingStatus) -> &'static str {
    match status {
        BookingStatus::Pending => t_string!(i18n, status_pending),
        BookingStatus::Approved => t_string!(i18n, status_approved),
        BookingStatus::Cancelled => t_string!(i18n, status_cancelled),
    }
}

#[component]
fn History(history: Vec<SalesHistoryEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let empty = history.is_empty();
    view! {
        <h3>{t!(i18n, sales_history)}</h3>
        {empty.then(|| view! { <p class="empty-note">{t!(i18n, sales_history_empty)}</p> })}
        <ol class="sales-history">
            {history
                .into_iter()
                .map(|h| {
                    let locale = i18n.get_locale_untracked();
                    let by = h
                        .employee_name
                        .map(|name| format!(" · {} {name}", t_string!(i18n, sales_by)));
                    let appointment = h.appointment.map(|a| {
                        let text = appointment_text(locale, &a);
                        let status = status_text(i18n, a.status);
                        view! { <p class="sales-appointment">{text} " (" {status} ")"</p> }
                    });
                    let note = (!h.note.is_empty()).then(|| view! { <p class="sales-note">{h.note}</p> });
                    view! {
                        <li>
                            <p class="sales-history-head">
                                <time datetime=h.created_at.clone()>{dates::happened(locale, &h.created_at)}</time>
                                {by}
                            </p>
                            <p>{h.step_name} " → " <strong>{h.result_label}</strong></p>
                            {appointment}
                            {note}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// The modal dialog around the widget in pick mode. A native `<dialog>`:
/// it keeps focus inside, closes on Escape, and makes the page behind inert.
#[component]
fn PickerDialog(
    picker: Picker,
    busy: RwSignal<bool>,
    confirm: impl Fn(AppointmentSlot) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<html::Dialog>::new();
    let frame = NodeRef::<html::Iframe>::new();
    let opener = StoredValue::new(None::<i64>);

    Effect::new(move || {
        let open = picker.result.with(Option::is_some);
        let Some(d) = dialog.get() else { return };
        if open && !d.open() {
            opener.set_value(picker.result.with_untracked(|r| r.as_ref().map(|r| r.id)));
            if d.show_modal().is_ok() {
                crate::dom::focus_after_render("#picker-title");
            }
        } else if !open && d.open() {
            d.close();
        }
    });

    // The picker talks with postMessage. Only messages of this origin from
    // this iframe count: any other page could post a "slot" too.
    let listener = window_event_listener(leptos::ev::message, move |e: web_sys::MessageEvent| {
        if picker.result.with_untracked(Option::is_none) {
            return;
        }
        let own = window().location().origin().unwrap_or_default();
        let Some(iframe) = frame.get_untracked() else {
            return;
        };
        let from_frame = match (e.source(), iframe.content_window()) {
            (Some(source), Some(win)) => {
                wasm_bindgen::JsValue::from(source) == wasm_bindgen::JsValue::from(win)
            }
            _ => false,
        };
        if e.origin() != own || !from_frame {
            return;
        }
        let data = e.data();
        if crate::embed::is_pick_cancel(&data) {
            // Closing the dialog itself runs `on_close`, which restores focus.
            if let Some(d) = dialog.get_untracked() {
                d.close();
            }
        } else if let Some(slot) = crate::embed::slot_picked(&data) {
            picker.error.set(None);
            picker.slot.set(Some(slot));
            crate::dom::focus_after_render("#picker-confirm");
        } else if let Some(height) = crate::embed::reported_height(&data) {
            let _ = iframe
                .unchecked_ref::<web_sys::HtmlElement>()
                .style()
                .set_property("height", &format!("{}px", height.clamp(200, 4000)));
        }
    });
    on_cleanup(move || listener.remove());

    let close = move || picker.result.set(None);
    // Escape and close() both end here; put focus back where it was.
    let on_close = move |_| {
        if picker.result.with_untracked(Option::is_some) {
            picker.result.set(None);
            if let Some(id) = opener.get_value() {
                crate::dom::focus(&format!("[data-result=\"{id}\"]"));
            }
        }
        picker.slot.set(None);
        picker.error.set(None);
    };

    let src = move || {
        picker.result.with(|r| {
            r.as_ref().map(|r| {
                format!(
                    "/book/{}?pick=1&type={}&lang={}&n={}",
                    r.agenda_id.unwrap_or(1),
                    r.appointment_type_id.unwrap_or_default(),
                    i18n.get_locale_untracked().as_str(),
                    picker.reloads.get()
                )
            })
        })
    };
    let chosen = move || {
        picker.slot.get().map(|slot| {
            dates::booking_span(i18n.get_locale(), &slot.start, &slot.end).unwrap_or_default()
        })
    };

    view! {
        <dialog node_ref=dialog class="picker-dialog" aria-labelledby="picker-title" on:close=on_close>
            <div class="picker-head">
                <h2 id="picker-title" tabindex="-1">
                    {t!(i18n, sales_pick_title)}
                    {move || picker.result.get().map(|r| format!(": {}", r.label))}
                </h2>
                <button type="button" class="button-quiet" on:click=move |_| close()>
                    {t!(i18n, sales_cancel)}
                </button>
            </div>
            <p class="picker-hint">{t!(i18n, sales_pick_hint)}</p>
            <p class="form-error" role="alert">{move || picker.error.get()}</p>
            {move || {
                src()
                    .map(|src| {
                        view! {
                            <iframe
                                node_ref=frame
                                class="picker-frame"
                                src=src
                                title=move || t_string!(i18n, sales_picker_frame)
                            ></iframe>
                        }
                    })
            }}
            <div class="picker-confirm" aria-live="polite">
                {move || {
                    chosen()
                        .map(|text| {
                            view! {
                                <p>
                                    {t!(i18n, sales_chosen)} " " <strong>{text}</strong>
                                </p>
                                <button
                                    id="picker-confirm"
                                    type="button"
                                    class="button-primary"
                                    disabled=move || busy.get()
                                    on:click=move |_| {
                                        if let Some(slot) = picker.slot.get_untracked() {
                                            confirm(slot);
                                        }
                                    }
                                >
                                    {move || if busy.get() { t_string!(i18n, sales_booking) } else { t_string!(i18n, sales_confirm) }}
                                </button>
                            }
                        })
                }}
            </div>
        </dialog>
    }
}
