//! The front-desk agenda of one day (`/calendar?date=YYYY-MM-DD`): every
//! appointment per coach or room, in the club's time zone as the server
//! wrote it, so this bundle carries no time-zone database. Staff say who
//! came, cancel and remove from here (`AppointmentActions`).

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use frontdesk_core::model::StaffAppointment;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::appointment_actions::{AppointmentActions, DeskAbilities};
use crate::components::sales_steps::status_text;
use crate::components::toasts::problem_text;
use crate::dates;
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

#[component]
pub fn CalendarPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let date = Memo::new(move |_| {
        query
            .read()
            .get("date")
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
            .unwrap_or_else(dates::today)
    });
    let go = move |d: NaiveDate| {
        navigate(&format!("/calendar?date={d}"), Default::default());
    };
    let go_input = go.clone();
    let go_prev = go.clone();
    let go_next = go.clone();
    // What the system behind the calendar cannot do is not offered.
    let cannot = LocalResource::new(|| async {
        crate::api::connections::health().await.ok().and_then(|h| {
            h.capabilities
                .into_iter()
                .find(|c| c.capability == "agenda")
                .map(|c| c.cannot)
        })
    });
    let can = move |action: &'static str| {
        Signal::derive(move || {
            cannot
                .get()
                .flatten()
                .is_none_or(|c| !c.iter().any(|x| x == action))
        })
    };
    provide_context(DeskAbilities {
        cancel: can("desk_cancel"),
        remove: can("desk_remove"),
    });
    let agenda = LocalResource::new(move || {
        let d = date.get().to_string();
        async move { crate::api::appointments::list(&d, &d).await }
    });

    view! {
        <section class="page">
            <h1>{t!(i18n, calendar_title)}</h1>
            <div class="day-nav">
                <button
                    type="button"
                    class="button-quiet"
                    aria-label=move || t_string!(i18n, calendar_prev_day)
                    on:click=move |_| go_prev(date.get_untracked() - Duration::days(1))
                >
                    "‹"
                </button>
                <label class="day-pick">
                    <span class="visually-hidden">{t!(i18n, calendar_date)}</span>
                    <input
                        type="date"
                        prop:value=move || date.get().to_string()
                        on:change=move |ev| {
                            if let Ok(d) = NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
                                go_input(d);
                            }
                        }
                    />
                </label>
                <button
                    type="button"
                    class="button-quiet"
                    aria-label=move || t_string!(i18n, calendar_next_day)
                    on:click=move |_| go_next(date.get_untracked() + Duration::days(1))
                >
                    "›"
                </button>
                <button type="button" class="button-quiet" on:click=move |_| go(dates::today())>
                    {t!(i18n, calendar_today)}
                </button>
            </div>
            <h2 aria-live="polite">{move || dates::long_date(i18n.get_locale(), date.get())}</h2>
            <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }>
                {move || {
                    agenda
                        .get()
                        .map(|result| match result {
                            Err(p) => view! { <p class="form-error" role="alert">{problem_text(i18n, &p)}</p> }.into_any(),
                            Ok(list) if list.items.is_empty() => view! { <p class="empty-note">{t!(i18n, calendar_empty)}</p> }.into_any(),
                            Ok(list) => {
                                let zone = list.timezone.clone();
                                view! {
                                    <p class="zone-note">{t!(i18n, calendar_zone)} " " {zone}</p>
                                    <div class="agenda-groups">
                                        {by_resource(list.items)
                                            .into_iter()
                                            .map(|(name, items)| view! { <AgendaGroup name=name items=items /> })
                                            .collect_view()}
                                    </div>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
        </section>
    }
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
                                <span class="agenda-time">{format!("{}–{}", a.start_time, a.end_time)}</span>
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
