//! A customer's appointments in the prospect's drawer: coming (the soonest
//! first) and past (the latest first), a year either side of today, the
//! ones made for the prospect and the ones booked with its email. Dates and
//! times are the club's, as in the calendar; each links to its day there.

use frontdesk_core::model::{Attendance, BookingStatus, StaffAppointment};
use leptos::prelude::*;

use crate::components::sales_steps::status_text;
use crate::components::toasts::problem_text;
use crate::dates;
use crate::i18n::*;

#[component]
pub fn CustomerAppointments(
    prospect_id: i64,
    /// Bumped when an appointment may have been made or changed elsewhere
    /// on the page: the list is read again.
    #[prop(optional)]
    reload: Option<RwSignal<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(move || {
        if let Some(r) = reload {
            r.track();
        }
        async move { crate::api::prospects::appointments(prospect_id).await }
    });
    view! {
        <section class="customer-appts card" aria-labelledby="customer-appts-title">
            <h2 id="customer-appts-title">{t!(i18n, customer_appts_title)}</h2>
            <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }>
                {move || {
                    list.get()
                        .map(|answer| match answer {
                            Err(p) => view! { <p class="form-error" role="alert">{problem_text(i18n, &p)}</p> }.into_any(),
                            Ok(l) => view! {
                                <Group
                                    id="customer-appts-coming"
                                    heading=move || t_string!(i18n, customer_appts_coming)
                                    empty=move || t_string!(i18n, customer_appts_none_coming)
                                    items=l.coming
                                />
                                <Group
                                    id="customer-appts-past"
                                    heading=move || t_string!(i18n, customer_appts_past)
                                    empty=move || t_string!(i18n, customer_appts_none_past)
                                    items=l.past
                                />
                                <p class="field-hint">{t!(i18n, customer_appts_range)}</p>
                            }
                                .into_any(),
                        })
                }}
            </Suspense>
        </section>
    }
}

/// One list under its heading, or the words for none.
#[component]
fn Group(
    id: &'static str,
    heading: impl Fn() -> &'static str + Send + Sync + 'static,
    empty: impl Fn() -> &'static str + Send + Sync + 'static,
    items: Vec<StaffAppointment>,
) -> impl IntoView {
    let i18n = use_i18n();
    if items.is_empty() {
        return view! {
            <h3 id=id>{heading}</h3>
            <p class="empty-note">{empty}</p>
        }
        .into_any();
    }
    view! {
        <h3 id=id>{heading}</h3>
        <ul class="customer-appts-list" aria-labelledby=id>
            {items
                .into_iter()
                .map(|a| {
                    let locale = i18n.get_locale_untracked();
                    let when = dates::appointment_when(locale, &a.date, &a.start_time, &a.end_time);
                    let href = format!("/calendar?date={}", a.date);
                    // The coach's or room's name, as the calendar shows it.
                    let by = a
                        .resource_name
                        .clone()
                        .map(|name| view! { <span class="customer-appt-by">{name}</span> });
                    let came = a.attendance.map(|att| match att {
                        Attendance::Finished => t_string!(i18n, attendance_finished),
                        Attendance::NoShow => t_string!(i18n, attendance_no_show),
                    });
                    let status = match came {
                        Some(c) => format!("{} · {c}", status_text(i18n, a.status)),
                        None => status_text(i18n, a.status).to_owned(),
                    };
                    view! {
                        <li class="customer-appt" class:customer-appt-cancelled=a.status == BookingStatus::Cancelled>
                            <a href=href>
                                <time datetime=a.start.clone()>{when}</time>
                            </a>
                            <span class="customer-appt-type">{a.type_name}</span>
                            {by}
                            <span class="customer-appt-status">{status}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
