//! What the front desk does with one appointment in the calendar: say who
//! came, cancel as the club (with a reason, the customer told or not), or
//! remove it. Each change shows at once and is rolled back, with the
//! server's words, when refused; a reason typed is kept.

use frontdesk_core::model::{Attendance, BookingStatus, StaffAppointment};
use leptos::prelude::*;

use crate::components::toasts::problem_text;
use crate::i18n::*;

/// Which of the actions the system behind the calendar offers.
#[derive(Clone, Copy)]
pub struct DeskAbilities {
    pub cancel: Signal<bool>,
    pub remove: Signal<bool>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Cancel,
    Remove,
}

#[component]
pub fn AppointmentActions(
    appointment: StaffAppointment,
    abilities: DeskAbilities,
    /// Shown as cancelled (or gone) at once; rolled back on refusal.
    status: RwSignal<BookingStatus>,
    gone: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = appointment.id;
    let attendance = RwSignal::new(appointment.attendance);
    let open = RwSignal::new(Open::Nothing);
    let reason = RwSignal::new(String::new());
    let notify = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let label = format!(
        "{} {} {}",
        t_string!(i18n, desk_actions),
        appointment.name,
        appointment.start_time
    );

    let set_attendance = move |wanted: Attendance| {
        let before = attendance.get_untracked();
        let next = (before != Some(wanted)).then_some(wanted);
        attendance.set(next);
        error.set(None);
        leptos::task::spawn_local(async move {
            if let Err(p) = crate::api::appointments::set_attendance(id, next).await {
                attendance.set(before);
                error.set(Some(problem_text(i18n, &p)));
            }
        });
    };
    let cancel = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let before = status.get_untracked();
        status.set(BookingStatus::Cancelled);
        let (why, tell) = (reason.get_untracked(), notify.get_untracked());
        leptos::task::spawn_local(async move {
            match crate::api::appointments::cancel(id, &why, tell).await {
                Ok(_) => open.set(Open::Nothing),
                Err(p) => {
                    status.set(before);
                    error.set(Some(problem_text(i18n, &p)));
                }
            }
            busy.set(false);
        });
    };
    let remove = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        gone.set(true);
        leptos::task::spawn_local(async move {
            if let Err(p) = crate::api::appointments::remove(id).await {
                gone.set(false);
                error.set(Some(problem_text(i18n, &p)));
            }
            busy.set(false);
        });
    };
    let live = move || status.get() != BookingStatus::Cancelled;

    view! {
        <div class="agenda-actions" role="group" aria-label=label>
            <Show when=live>
                <button
                    type="button"
                    class="button-quiet"
                    aria-pressed=move || (attendance.get() == Some(Attendance::Finished)).to_string()
                    on:click=move |_| set_attendance(Attendance::Finished)
                >
                    {t!(i18n, desk_came)}
                </button>
                <button
                    type="button"
                    class="button-quiet"
                    aria-pressed=move || (attendance.get() == Some(Attendance::NoShow)).to_string()
                    on:click=move |_| set_attendance(Attendance::NoShow)
                >
                    {t!(i18n, desk_no_show)}
                </button>
                <Show when=move || abilities.cancel.get()>
                    <button
                        type="button"
                        class="button-quiet"
                        aria-expanded=move || (open.get() == Open::Cancel).to_string()
                        on:click=move |_| open.set(Open::Cancel)
                    >
                        {t!(i18n, desk_cancel)}
                    </button>
                </Show>
            </Show>
            <Show when=move || abilities.remove.get()>
                <button
                    type="button"
                    class="button-quiet"
                    aria-expanded=move || (open.get() == Open::Remove).to_string()
                    on:click=move |_| open.set(Open::Remove)
                >
                    {t!(i18n, desk_remove)}
                </button>
            </Show>
            <Show when=move || open.get() == Open::Cancel && live()>
                <form
                    class="desk-cancel"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        cancel();
                    }
                >
                    <label>
                        {t!(i18n, desk_cancel_reason)}
                        <textarea
                            rows="2"
                            prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))
                        ></textarea>
                    </label>
                    <label class="checkbox">
                        <input
                            type="checkbox"
                            prop:checked=move || notify.get()
                            on:change=move |ev| notify.set(event_target_checked(&ev))
                        />
                        {t!(i18n, desk_notify)}
                    </label>
                    <button type="submit" class="button-danger" prop:disabled=move || busy.get()>
                        {t!(i18n, desk_cancel_confirm)}
                    </button>
                    <button type="button" class="button-quiet" on:click=move |_| open.set(Open::Nothing)>
                        {t!(i18n, desk_keep)}
                    </button>
                </form>
            </Show>
            <Show when=move || open.get() == Open::Remove>
                <button type="button" class="button-danger" prop:disabled=move || busy.get() on:click=move |_| remove()>
                    {t!(i18n, desk_remove_confirm)}
                </button>
                <button type="button" class="button-quiet" on:click=move |_| open.set(Open::Nothing)>
                    {t!(i18n, desk_keep)}
                </button>
            </Show>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        </div>
    }
}
