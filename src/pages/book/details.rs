//! The details form, the confirmation code and the last screen.

use std::collections::BTreeMap;

use frontdesk_core::model::{BookingRequest, BookingStatus, FormField, FormFieldKind};
use frontdesk_core::problem::Problem;
use frontdesk_core::validate;
use leptos::prelude::*;

use super::{Flow, Step};
use crate::components::field_error;
use crate::components::toasts::problem_text;
use crate::dates;
use crate::i18n::*;

#[derive(Clone, Copy)]
pub struct FormState {
    pub name: RwSignal<String>,
    pub email: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub answers: RwSignal<BTreeMap<String, String>>,
    /// Field → message, from the browser's own check or the server.
    pub errors: RwSignal<BTreeMap<String, String>>,
    /// One key per booking attempt: a retry after a network failure reuses
    /// it, so the server never books twice.
    pub key: StoredValue<String>,
}

impl FormState {
    pub fn new() -> Self {
        Self {
            name: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
            answers: RwSignal::new(BTreeMap::new()),
            errors: RwSignal::new(BTreeMap::new()),
            key: StoredValue::new(new_key()),
        }
    }
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

fn new_key() -> String {
    let mut bytes = [0u8; 16];
    if let Ok(crypto) = window().crypto() {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn focus_first_invalid() {
    crate::dom::focus_after_render("[aria-invalid=true]");
}

#[component]
fn Field(
    id: &'static str,
    label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] kind: String,
    #[prop(optional)] autocomplete: &'static str,
) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let error = move || flow.form.errors.with(|e| e.get(id).cloned());
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                bind:value=value
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=error_id.clone()
            />
            <p id=error_id class="field-error">{error}</p>
        </div>
    }
}

#[component]
fn ExtraField(field: FormField) -> impl IntoView {
    let i18n = use_i18n();
    let flow = expect_context::<Flow>();
    let key = format!("fields.{}", field.key);
    let dom_id = format!("field-{}", field.key);
    let error_id = format!("{dom_id}-error");
    let answer_key = field.key.clone();
    let value = Signal::derive(move || {
        flow.form
            .answers
            .with(|a| a.get(&answer_key).cloned().unwrap_or_default())
    });
    let set_key = field.key.clone();
    let set = move |v: String| {
        flow.form.answers.update(|a| {
            a.insert(set_key.clone(), v);
        })
    };
    let error = Signal::derive(move || flow.form.errors.with(|e| e.get(&key).cloned()));
    let label = {
        let field = field.clone();
        move || {
            let text = field.label_in(i18n.get_locale().as_str());
            if field.required {
                format!("{text} *")
            } else {
                text.to_owned()
            }
        }
    };
    let input = match field.kind {
        FormFieldKind::Textarea => view! {
            <textarea
                id=dom_id.clone()
                required=field.required
                prop:value=value
                on:input=move |ev| set(event_target_value(&ev))
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()
            ></textarea>
        }
        .into_any(),
        FormFieldKind::Checkbox => view! {
            <input
                id=dom_id.clone()
                type="checkbox"
                prop:checked=move || value.get() == "true"
                on:change=move |ev| set(event_target_checked(&ev).to_string())
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()
            />
        }
        .into_any(),
        FormFieldKind::Text => view! {
            <input
                id=dom_id.clone()
                type="text"
                required=field.required
                prop:value=value
                on:input=move |ev| set(event_target_value(&ev))
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()
            />
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=dom_id.clone()>{label}</label>
            {input}
            <p id=format!("{dom_id}-error") class="field-error">{error}</p>
        </div>
    }
}

#[component]
pub fn DetailsStep() -> impl IntoView {
    let i18n = use_i18n();
    let flow = expect_context::<Flow>();
    let form = flow.form;
    let agenda = flow.agenda_id();
    let ty = flow.selected_type();
    let type_id = ty.as_ref().map(|t| t.id).unwrap_or_default();
    let fields = flow.fields;
    let failure = RwSignal::new(None::<Problem>);

    let submit = Action::new_local(move |request: &BookingRequest| {
        let request = request.clone();
        let agenda = agenda.clone();
        let key = form.key.get_value();
        async move { crate::api::booking::book(&agenda, &request, &key).await }
    });
    Effect::new(move || match submit.value().get() {
        Some(Ok(booking)) => {
            failure.set(None);
            form.key.set_value(new_key());
            let pending = booking.status == BookingStatus::Pending;
            flow.booking.set(Some(booking));
            flow.step.set(if pending { Step::Code } else { Step::Done });
        }
        Some(Err(problem)) if problem.status == 409 => {
            // The slot went meanwhile: back to the times, details kept.
            form.key.set_value(new_key());
            flow.notice
                .set(Some(t_string!(i18n, widget_slot_taken).to_owned()));
            flow.choice.set(None);
            flow.step.set(Step::Time);
        }
        Some(Err(problem)) => {
            form.errors.set(problem.errors.clone());
            failure.set(Some(problem));
            focus_first_invalid();
        }
        None => {}
    });
    let failure_text = move || {
        failure.get().map(|p| {
            if p.type_ == frontdesk_core::problem::kinds::TOO_MANY_PENDING {
                t_string!(i18n, widget_too_many_pending).to_owned()
            } else {
                problem_text(i18n, &p)
            }
        })
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(choice) = flow.choice.get_untracked() else {
            return;
        };
        let request = BookingRequest {
            type_id,
            start: choice.start,
            resource_id: flow.resource.get_untracked(),
            name: form.name.get_untracked(),
            email: form.email.get_untracked().trim().to_owned(),
            phone: form.phone.get_untracked(),
            fields: form.answers.get_untracked(),
            language: Some(i18n.get_locale_untracked().as_str().to_owned()),
        };
        let known = fields
            .get_untracked()
            .and_then(Result::ok)
            .unwrap_or_default();
        let errors = validate::booking(&request, &known);
        form.errors.set(
            errors
                .iter()
                .map(|(k, e)| (k.clone(), field_error::words(i18n, *e)))
                .collect(),
        );
        if errors.is_empty() {
            failure.set(None);
            submit.dispatch(request);
        } else {
            focus_first_invalid();
        }
    };

    let summary = move || {
        let choice = flow.choice.get()?;
        let locale = i18n.get_locale();
        let when = dates::booking_when(locale, &choice.start)?;
        let with = flow
            .resource
            .get()
            .or_else(|| (choice.resource_ids.len() == 1).then(|| choice.resource_ids[0].clone()))
            .and_then(|r| flow.resource_name(&r))
            .map(|n| format!(" · {} {n}", t_string!(i18n, widget_with)))
            .unwrap_or_default();
        Some(format!(
            "{} · {when}{with}",
            ty.as_ref()
                .map(|t| t.name_in(locale.as_str()).to_owned())
                .unwrap_or_default(),
        ))
    };

    view! {
        <section class="widget-step">
            <h2 tabindex="-1" data-step-heading>{t!(i18n, widget_step_details)}</h2>
            <p class="widget-summary">
                {summary} " "
                <button type="button" class="link-button" on:click=move |_| flow.step.set(Step::Time)>
                    {t!(i18n, widget_change)}
                </button>
            </p>
            // The form comes whole, with the type's own questions (fetched
            // while the time was picked), so nothing moves once it is there.
            // Without them (a failed fetch) the server still asks for them.
            <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }>
                {move || fields.get().map(|list| view! {
                    <form on:submit=on_submit novalidate>
                        <Field id="name" label=Signal::derive(move || t_string!(i18n, widget_name).to_owned()) value=form.name kind="text" autocomplete="name" />
                        <Field id="email" label=Signal::derive(move || t_string!(i18n, email).to_owned()) value=form.email kind="email" autocomplete="email" />
                        <Field id="phone" label=Signal::derive(move || t_string!(i18n, widget_phone).to_owned()) value=form.phone kind="tel" autocomplete="tel" />
                        {list.unwrap_or_default().into_iter().map(|f| view! { <ExtraField field=f /> }).collect_view()}
                        <p class="form-error" role="alert">{failure_text}</p>
                        <button type="submit" class="button-primary" disabled=move || submit.pending().get()>
                            {move || if submit.pending().get() { t_string!(i18n, widget_booking) } else { t_string!(i18n, widget_book) }}
                        </button>
                    </form>
                })}
            </Suspense>
        </section>
    }
}

/// A refused code or resend as one sentence in the page's language.
fn code_problem_text(i18n: leptos_i18n::I18nContext<Locale>, p: &Problem) -> String {
    use crate::i18n_fill::fill;
    use frontdesk_core::problem::kinds;
    match (p.type_.as_str(), p.tries_left, p.retry_after_s) {
        (kinds::WRONG_CODE, Some(1), _) => t_string!(i18n, widget_code_wrong_one).to_owned(),
        (kinds::WRONG_CODE, Some(n), _) => fill(
            t_string!(i18n, widget_code_wrong),
            &[("count", n.to_string())],
        ),
        (kinds::CODE_RESEND_LIMIT, _, Some(s)) => fill(
            t_string!(i18n, widget_code_wait),
            &[("seconds", s.to_string())],
        ),
        (kinds::CODE_RESEND_LIMIT, _, None) => t_string!(i18n, widget_code_exhausted).to_owned(),
        _ => problem_text(i18n, p),
    }
}

/// The code step: where the code went, the code, and (when it did not
/// arrive) sending it again or to a corrected address. The chosen time
/// stays held through all of it.
#[component]
pub fn CodeStep() -> impl IntoView {
    let i18n = use_i18n();
    let flow = expect_context::<Flow>();
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let fatal = RwSignal::new(None::<Problem>);
    // Where the code went: what was typed, or the corrected address.
    let sent_to = RwSignal::new(flow.form.email.get_untracked().trim().to_owned());
    let resend_note = RwSignal::new(None::<String>);
    let editing = RwSignal::new(false);
    let new_email = RwSignal::new(String::new());
    let email_error = RwSignal::new(None::<String>);
    let token = move || {
        flow.booking
            .get_untracked()
            .and_then(|b| b.manage_token)
            .unwrap_or_default()
    };
    let confirm = Action::new_local(move |code: &String| {
        let (token, code) = (token(), code.clone());
        async move { crate::api::booking::confirm(token, code).await }
    });
    Effect::new(move || match confirm.value().get() {
        Some(Ok(mut booking)) => {
            booking.manage_token = flow.booking.get_untracked().and_then(|b| b.manage_token);
            flow.booking.set(Some(booking));
            flow.step.set(Step::Done);
        }
        Some(Err(p)) if p.status == 422 => {
            error.set(Some(code_problem_text(i18n, &p)));
            focus_first_invalid();
        }
        Some(Err(p)) => fatal.set(Some(p)),
        None => {}
    });
    let resend = Action::new_local(move |email: &Option<String>| {
        let (token, email) = (token(), email.clone());
        async move { crate::api::booking::resend_code(token, email).await }
    });
    Effect::new(move || match resend.value().get() {
        Some(Ok(sent)) => {
            if editing.get_untracked() {
                // The corrected address is where the confirmation goes too.
                flow.form.email.set(sent.email.clone());
            }
            editing.set(false);
            email_error.set(None);
            error.set(None);
            resend_note.set(Some(crate::i18n_fill::fill(
                t_string!(i18n, widget_code_resent),
                &[("email", sent.email.clone())],
            )));
            sent_to.set(sent.email);
            crate::dom::focus_after_render("#code");
        }
        Some(Err(p)) if p.status == 422 => {
            email_error.set(
                p.errors
                    .get("email")
                    .map(|_| t_string!(i18n, invalid_email).to_owned()),
            );
            crate::dom::focus_after_render("#code-email");
        }
        Some(Err(p)) => resend_note.set(Some(code_problem_text(i18n, &p))),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let c = code.get_untracked().trim().to_owned();
        if c.is_empty() {
            error.set(Some(t_string!(i18n, required_field).to_owned()));
            focus_first_invalid();
            return;
        }
        error.set(None);
        confirm.dispatch(c);
    };
    let on_new_email = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let email = new_email.get_untracked().trim().to_owned();
        match validate::email(&email) {
            Ok(()) => {
                email_error.set(None);
                resend.dispatch(Some(email));
            }
            Err(e) => {
                email_error.set(Some(field_error::words(i18n, e)));
                crate::dom::focus_after_render("#code-email");
            }
        }
    };
    let open_editor = move |_| {
        new_email.set(sent_to.get_untracked());
        editing.set(true);
        crate::dom::focus_after_render("#code-email");
    };
    view! {
        <section class="widget-step">
            <h2 tabindex="-1" data-step-heading>{t!(i18n, widget_step_code)}</h2>
            <p>
                {move || crate::i18n_fill::fill(
                    t_string!(i18n, widget_code_intro),
                    &[("email", sent_to.get())],
                )}
            </p>
            <form on:submit=on_submit novalidate>
                <div class="field">
                    <label for="code">{t!(i18n, widget_code)}</label>
                    <input
                        id="code"
                        name="code"
                        inputmode="numeric"
                        autocomplete="one-time-code"
                        maxlength="6"
                        bind:value=code
                        aria-invalid=move || error.get().is_some().to_string()
                        aria-describedby="code-error"
                    />
                    <p id="code-error" class="field-error">{move || error.get()}</p>
                </div>
                <p class="form-error" role="alert">{move || fatal.get().map(|p| problem_text(i18n, &p))}</p>
                <button type="submit" class="button-primary" disabled=move || confirm.pending().get()>
                    {move || if confirm.pending().get() { t_string!(i18n, widget_confirming) } else { t_string!(i18n, widget_confirm) }}
                </button>
            </form>
            <p class="code-help" role="status">{move || resend_note.get()}</p>
            <Show
                when=move || editing.get()
                fallback=move || view! {
                    <p class="code-actions">
                        <button
                            type="button"
                            class="link-button"
                            disabled=move || resend.pending().get()
                            on:click=move |_| { resend.dispatch(None); }
                        >
                            {move || if resend.pending().get() { t_string!(i18n, widget_code_sending) } else { t_string!(i18n, widget_code_resend) }}
                        </button>
                        <button type="button" class="link-button" on:click=open_editor>
                            {t!(i18n, widget_code_change_email)}
                        </button>
                    </p>
                }
            >
                <form class="code-email" on:submit=on_new_email novalidate>
                    <div class="field">
                        <label for="code-email">{t!(i18n, widget_code_new_email)}</label>
                        <input
                            id="code-email"
                            type="email"
                            autocomplete="email"
                            bind:value=new_email
                            aria-invalid=move || email_error.get().is_some().to_string()
                            aria-describedby="code-email-error"
                        />
                        <p id="code-email-error" class="field-error">{move || email_error.get()}</p>
                    </div>
                    <button type="submit" class="button-quiet" disabled=move || resend.pending().get()>
                        {t!(i18n, widget_code_send_here)}
                    </button>
                </form>
            </Show>
        </section>
    }
}

#[component]
pub fn DoneStep() -> impl IntoView {
    let i18n = use_i18n();
    let flow = expect_context::<Flow>();
    let booking = flow.booking.get_untracked();
    if let Some(b) = &booking {
        flow.host.with_value(|h| {
            h.post(
                "booked",
                serde_json::json!({ "id": b.id, "start": b.start, "end": b.end, "type_id": b.type_id }),
            )
        });
    }
    let agenda = flow.agenda_id();
    // Inside embed.js's frame the manage page keeps talking to the host.
    let host = flow
        .host
        .with_value(|h| h.0.clone())
        .map(|origin| format!("&host={}", crate::api::encode(&origin)))
        .unwrap_or_default();
    view! {
        <section class="widget-step">
            <h2 tabindex="-1" data-step-heading>{t!(i18n, widget_step_done)}</h2>
            {booking
                .map(|b| {
                    let token = b.manage_token.clone().unwrap_or_default();
                    view! {
                        <BookingSummary booking=b />
                        <p>
                            {move || crate::i18n_fill::fill(
                                t_string!(i18n, widget_done_intro),
                                &[("email", flow.form.email.get().trim().to_owned())],
                            )}
                        </p>
                        <p class="done-actions">
                            <a class="button-link" href=crate::api::booking::calendar_url(&token) download="appointment.ics">
                                {t!(i18n, widget_add_calendar)}
                            </a>
                            <a href=format!("/book/{agenda}/manage?token={token}{host}")>{t!(i18n, widget_manage)}</a>
                        </p>
                    }
                })}
        </section>
    }
}

/// "Trial lesson · Monday 2 March 2026 at 09:00 · Anna": what was booked,
/// its time as the confirmation mail writes it.
#[component]
pub fn BookingSummary(booking: frontdesk_core::model::Booking) -> impl IntoView {
    let i18n = use_i18n();
    let start = booking.start.clone();
    let when = move || dates::booking_when(i18n.get_locale(), &start);
    view! {
        <p class="done-summary">
            <strong>{booking.type_name}</strong>
            " · "
            {when}
            {booking.resource_name.map(|n| format!(" · {n}"))}
        </p>
    }
}
