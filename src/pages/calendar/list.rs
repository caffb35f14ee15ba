//! The calendar as lists (`view=list`): every appointment of the day per
//! coach or room, in the club's time zone as the server wrote it. Staff
//! say who came, cancel and remove from here too (`AppointmentActions`).

use std::collections::BTreeMap;

use frontdesk_core::model::StaffAppointment;
use leptos::prelude::*;

use crate::components::appointment_actions::{AppointmentActions, DeskAbilities};
use crate::components::sales_steps::status_text;
use crate::i18n::*;

/// Coaches first, then rooms, by name; appointments without one last.
fn by_resource(items: Vec<StaffAppointment>) -> Vec<(Option<String>, Vec<StaffAppointment>)> {
    let mut groups: BTreeMap<(u8, String), Vec<StaffAppointment>> = BTreeMap::new();
    for a in items {
        let key = match (&a.resource_kind, &a.resource_name) {
            (Some(kind), Some(name)) => (u8::from(kind != "coach"), name.clone()),
            _ => (2, String::new()),
        };
        groups.entry(key).or_default().push(a);
    }
    groups
        .into_iter()
        .map(|((rank, name), items)| ((rank < 2).then_some(name), items))
        .collect()
}

/// The appointments as lists per coach and room.
#[component]
pub fn ListView(items: Vec<StaffAppointment>) -> impl IntoView {
    let i18n = use_i18n();
    if items.is_empty() {
        return view! { <p class="empty-note">{t!(i18n, calendar_empty)}</p> }.into_any();
    }
    view! {
        <div class="agenda-groups">
            {by_resource(items)
                .into_iter()
                .map(|(name, items)| view! { <AgendaGroup name=name items=items /> })
                .collect_view()}
        </div>
    }
    .into_any()
}

#[component]
fn AgendaGroup(name: Option<String>, items: Vec<StaffAppointment>) -> impl IntoView {
    let i18n = use_i18n();
    let title = move || {
        name.clone()
            .unwrap_or_else(|| t_string!(i18n, calendar_unassigned).to_owned())
    };
    view! {
        <section class="agenda-group card">
            <h3>{title}</h3>
            <ul class="agenda-list">
                {items
                    .into_iter()
                    .map(|a| {
                        let abilities = expect_context::<DeskAbilities>();
                        let status = RwSignal::new(a.status);
                        let gone = RwSignal::new(false);
                        let cancelled = move || status.get() == frontdesk_core::model::BookingStatus::Cancelled;
                        let status_words = move || status_text(i18n, status.get());
                        let actions = a.clone();
                        view! {
                            <li class="agenda-item" class:agenda-cancelled=cancelled hidden=move || gone.get()>
                                <span class="agenda-time">{crate::dates::time_span(&a.start_time, &a.end_time)}</span>
                                <span class="agenda-name">{a.name}</span>
                                <span class="agenda-type">{a.type_name}</span>
                                <span class="agenda-status">{status_words}</span>
                                <AppointmentActions appointment=actions abilities=abilities status=status gone=gone />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
