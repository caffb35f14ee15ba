//! The time step: a month calendar that marks bookable days and the chosen
//! day's slots, both computed in the browser from one availability fetch per
//! month.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use frontdesk_core::model::AppointmentSlot;
use frontdesk_core::problem::Problem;
use frontdesk_core::slots::{self, SlotGrid};
use leptos::prelude::*;

use super::{Choice, Flow, Step};
use crate::components::toasts::problem_text;
use crate::dates::{self, Month};
use crate::i18n::*;

/// One month of raw availability, fetched ahead by the page.
#[derive(Clone, Debug)]
pub struct Prefetch {
    pub month: Month,
    pub availability: Result<slots::Availability, Problem>,
}

impl Prefetch {
    /// The rest of this month, as the time step would ask for it.
    pub async fn fetch(agenda: &str, type_id: i64) -> Self {
        let today = dates::today();
        let month = Month::of(today);
        let availability = crate::api::booking::availability(
            agenda,
            type_id,
            &today.to_string(),
            &month.last().to_string(),
        )
        .await;
        Self {
            month,
            availability,
        }
    }
}

/// The slots of one day for the chosen coach or room (or all).
fn slots_of(grid: &SlotGrid, date: NaiveDate, resource: Option<&str>) -> Vec<(Choice, u32)> {
    let date = date.to_string();
    grid.days
        .iter()
        .filter(|d| d.date == date)
        .flat_map(|d| d.slots.iter())
        .filter(|s| resource.is_none_or(|r| s.resource_ids.contains(r)))
        .map(|s| {
            let choice = Choice {
                start: s.start.to_string(),
                end: s.end.to_string(),
                resource_ids: s.resource_ids.to_vec(),
            };
            (choice, s.remaining)
        })
        .collect()
}

/// How many months past the one it opens on the time step looks ahead for
/// an open day before it says the month has none.
const SEEK_MONTHS: i32 = 6;

/// The month to show next while the time step looks for the first open day,
/// given that `current` has none; `None` when it should stop and say so.
/// It looks no further than the type's horizon (the last date a slot may
/// start on, when there is one) nor more than [`SEEK_MONTHS`] ahead.
fn month_to_seek(opened: Month, current: Month, horizon_end: Option<NaiveDate>) -> Option<Month> {
    let next = current.next();
    let within_horizon = horizon_end.is_none_or(|end| next.first() <= end);
    (next.months_after(opened) <= SEEK_MONTHS && within_horizon).then_some(next)
}

/// The last date a slot of this availability may start on, when the type
/// limits how far ahead it can be booked (in UTC; a day either way only
/// decides whether one more month is looked at).
fn horizon_end(av: &slots::Availability) -> Option<NaiveDate> {
    let ahead = av.appointment_type.max_ahead_min;
    if ahead == 0 {
        return None;
    }
    let now = chrono::DateTime::parse_from_rfc3339(&av.now).ok()?;
    Some((now + chrono::Duration::minutes(i64::from(ahead))).date_naive())
}

/// Whether this availability is the answer for `month` (its dates lie in it).
fn of_month(av: &slots::Availability, month: Month) -> bool {
    av.from
        .parse::<NaiveDate>()
        .is_ok_and(|from| Month::of(from) == month)
}

fn bookable_days(grid: &SlotGrid, resource: Option<&str>) -> BTreeSet<String> {
    grid.days
        .iter()
        .filter(|d| {
            d.slots
                .iter()
                .any(|s| resource.is_none_or(|r| s.resource_ids.contains(r)))
        })
        .map(|d| d.date.clone())
        .collect()
}

#[component]
pub fn TimeStep() -> impl IntoView {
    let i18n = use_i18n();
    let flow = expect_context::<Flow>();
    let agenda = flow.agenda_id();
    let ty = flow.selected_type();
    let type_id = ty.as_ref().map(|t| t.id).unwrap_or_default();
    let capacity = ty
        .as_ref()
        .is_some_and(|t| t.scheduling == slots::Scheduling::Capacity);
    let today = dates::today();
    let first_month = Month::of(today);
    let month = RwSignal::new(first_month);
    let day = RwSignal::new(None::<NaiveDate>);
    let my_zone = RwSignal::new(false);
    let club_zone = flow.club.with_value(|c| c.agenda.timezone.clone());
    let visitor_zone = dates::visitor_zone();
    let zones_differ = !visitor_zone.is_empty() && visitor_zone != club_zone;

    let prefetched = flow
        .club
        .with_value(|c| c.prefetched.clone())
        .filter(|(id, _)| *id == type_id)
        .map(|(_, p)| p);
    let prefetched = StoredValue::new(prefetched);
    let availability = LocalResource::new(move || {
        let agenda = agenda.clone();
        let m = month.get();
        // Used once: a later visit to this month asks again, for fresh data.
        let ready = prefetched
            .try_update_value(|p| p.take_if(|p| p.month == m))
            .flatten()
            .map(|p| p.availability);
        async move {
            if let Some(ready) = ready {
                return ready;
            }
            let from = m.first().max(today);
            crate::api::booking::availability(
                &agenda,
                type_id,
                &from.to_string(),
                &m.last().to_string(),
            )
            .await
        }
    });
    // The grid is computed here, in the browser, from the raw availability.
    let grid = Memo::new(move |_| {
        availability.get().map(|r| {
            r.and_then(|av| {
                slots::compute(&av).map_err(|e| {
                    Problem::new(500, "Availability could not be read").with_detail(e.to_string())
                })
            })
        })
    });
    let days = Memo::new(move |_| match grid.get() {
        Some(Ok(g)) => bookable_days(&g, flow.resource.get().as_deref()),
        _ => BTreeSet::new(),
    });
    // A month with no open day left (the last evening of a month, a coach
    // booked out) is not where a person wants to land: the step moves on
    // month by month to the first that has one, until the person picks a
    // month themselves.
    let seeking = RwSignal::new(true);
    Effect::new(move || {
        if !seeking.get_untracked() {
            return;
        }
        // The month's own answer only: while the next month loads, the
        // resource may still hold the last one.
        let current = month.get_untracked();
        let answer = availability.with(|a| {
            a.as_ref().map(|r| {
                r.as_ref()
                    .map(|av| (of_month(av, current), horizon_end(av)))
                    .map_err(|_| ())
            })
        });
        let horizon = match answer {
            None | Some(Ok((false, _))) => return,
            Some(Err(_)) => {
                seeking.set(false);
                return;
            }
            Some(Ok((true, horizon))) => horizon,
        };
        if !days.get().is_empty() {
            seeking.set(false);
            return;
        }
        match month_to_seek(first_month, current, horizon) {
            // Set from a task, not from inside this run: a month set while
            // the resource is still telling its subscribers about the last
            // answer does not start the next fetch.
            Some(next) => leptos::task::spawn_local(async move { month.set(next) }),
            None => seeking.set(false),
        }
    });
    let loading_note =
        move || view! { <p class="loading" role="status">{t!(i18n, widget_loading_times)}</p> };
    let choose_month = move |m: Month| {
        seeking.set(false);
        month.set(m);
    };
    // Open on the first bookable day of the month, so slots show at once.
    Effect::new(move || {
        let set = days.get();
        let current = day.get_untracked();
        if current
            .is_none_or(|d| Month::of(d) != month.get_untracked() || !set.contains(&d.to_string()))
        {
            day.set(set.iter().next().and_then(|d| d.parse().ok()));
        }
    });
    Effect::new(move || {
        if let (Some(d), Some(Ok(g))) = (day.get(), grid.get()) {
            let n = slots_of(&g, d, flow.resource.get_untracked().as_deref()).len();
            let locale = i18n.get_locale_untracked();
            flow.announce
                .set(format!("{}: {n}", dates::long_date(locale, d)));
        }
    });

    let choose = move |choice: Choice| {
        if flow.pick {
            let slot = AppointmentSlot {
                type_id,
                resource_id: flow.resource.get_untracked(),
                start: choice.start.clone(),
                end: choice.end.clone(),
            };
            flow.host
                .with_value(|h| h.send(&crate::embed::slot_picked_message(&slot)));
            flow.announce.set(format!(
                "{} {}",
                t_string!(i18n, widget_picked),
                dates::wall_time(&choice.start)
            ));
            flow.choice.set(Some(choice));
            return;
        }
        flow.host.with_value(|h| {
            h.post(
                "slot-selected",
                serde_json::json!({ "start": choice.start, "end": choice.end, "type_id": type_id }),
            )
        });
        flow.notice.set(None);
        flow.choice.set(Some(choice));
        flow.step.set(Step::Details);
    };

    let month_title = move || {
        let m = month.get();
        dates::month_year(i18n.get_locale(), m)
    };
    let back = move |_| {
        let to = if flow.type_resources().len() > 1 {
            Step::Resource
        } else {
            Step::Type
        };
        flow.step.set(to);
    };

    view! {
        <section class="widget-step">
            <h2 tabindex="-1" data-step-heading>{t!(i18n, widget_step_time)}</h2>
            <p class="widget-summary">
                {
                    let ty = ty.clone();
                    move || ty.as_ref().map(|t| t.name_in(i18n.get_locale().as_str()).to_owned())
                }
                {move || {
                    flow.resource
                        .get()
                        .and_then(|r| flow.resource_name(&r))
                        .map(|name| format!(" · {} {name}", t_string!(i18n, widget_with)))
                }}
            </p>
            {move || flow.notice.get().map(|n| view! { <p class="form-error" role="alert">{n}</p> })}
            <div class="month-nav">
                <button
                    type="button"
                    class="button-quiet"
                    aria-label=move || t_string!(i18n, widget_prev_month)
                    disabled=move || month.get() <= first_month
                    on:click=move |_| choose_month(month.get_untracked().prev())
                >
                    "‹"
                </button>
                <h3 aria-live="polite">{month_title}</h3>
                <button
                    type="button"
                    class="button-quiet"
                    aria-label=move || t_string!(i18n, widget_next_month)
                    on:click=move |_| choose_month(month.get_untracked().next())
                >
                    "›"
                </button>
            </div>
            <div class="month-grid" role="group" aria-label=month_title>
                {move || {
                    let locale = i18n.get_locale();
                    (0..7)
                        .map(|i| view! { <span class="weekday" aria-hidden="true">{dates::weekday_short(locale, i)}</span> })
                        .collect_view()
                }}
                {move || {
                    let locale = i18n.get_locale();
                    let open = days.get();
                    month
                        .get()
                        .cells()
                        .into_iter()
                        .map(|cell| match cell {
                            None => view! { <span class="day-pad"></span> }.into_any(),
                            Some(date) => {
                                let bookable = open.contains(&date.to_string());
                                view! {
                                    <button
                                        type="button"
                                        class="day"
                                        class:day-open=bookable
                                        aria-pressed=move || (day.get() == Some(date)).to_string()
                                        aria-label=dates::long_date(locale, date)
                                        disabled=!bookable
                                        on:click=move |_| day.set(Some(date))
                                    >
                                        {date.day()}
                                    </button>
                                }
                                    .into_any()
                            }
                        })
                        .collect_view()
                }}
            </div>
            {zones_differ
                .then(|| {
                    view! {
                        <p class="zone-note">
                            {move || crate::i18n_fill::fill(t_string!(i18n, widget_times_zone), &[("place", zone_place(i18n, &club_zone))])} " "
                            <label>
                                <input type="checkbox" bind:checked=my_zone />
                                " "
                                {t!(i18n, widget_show_my_zone)}
                                {format!(" ({visitor_zone})")}
                            </label>
                        </p>
                    }
                })}
            <Suspense fallback=loading_note>
                {move || match grid.get() {
                    None => None,
                    Some(Err(p)) => Some(view! { <p class="form-error" role="alert">{problem_text(i18n, &p)}</p> }.into_any()),
                    Some(Ok(g)) => {
                        let Some(d) = day.get() else {
                            if seeking.get() {
                                return Some(loading_note().into_any());
                            }
                            return Some(view! { <p class="empty-note">{t!(i18n, widget_no_slots_month)}</p> }.into_any());
                        };
                        let list = slots_of(&g, d, flow.resource.get().as_deref());
                        let locale = i18n.get_locale();
                        Some(
                            view! {
                                <h3 class="day-title">{dates::long_date(locale, d)}</h3>
                                <ul class="slot-list" aria-label=dates::long_date(locale, d)>
                                    {list
                                        .into_iter()
                                        .map(|(choice, remaining)| {
                                            let c = choice.clone();
                                            let choice_key = choice.clone();
                                            let label = move || {
                                                if my_zone.get() {
                                                    dates::visitor_time(&choice.start)
                                                } else {
                                                    dates::wall_time(&choice.start)
                                                }
                                            };
                                            view! {
                                                <li>
                                                    <button
                                                        type="button"
                                                        class="slot"
                                                        aria-pressed=move || {
                                                            flow.pick.then(|| flow.choice.with(|p| p.as_ref() == Some(&choice_key)).to_string())
                                                        }
                                                        on:click=move |_| choose(c.clone())
                                                    >
                                                        <span class="slot-time">{label}</span>
                                                        {capacity
                                                            .then(|| {
                                                                view! {
                                                                    <span class="slot-left">
                                                                        {format!("{remaining} ")} {t!(i18n, widget_free)}
                                                                    </span>
                                                                }
                                                            })}
                                                    </button>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any(),
                        )
                    }
                }}
            </Suspense>
            <button type="button" class="button-quiet" on:click=back>
                {t!(i18n, widget_back)}
            </button>
        </section>
    }
}

/// A zone as a visitor reads it, in their language: `Europe/Brussels` is
/// "Brussel" in Dutch; a zone not named here is its place in English words.
fn zone_place(i18n: leptos_i18n::I18nContext<Locale>, zone: &str) -> String {
    match zone {
        "Europe/Brussels" => t_string!(i18n, place_brussels).to_owned(),
        "Europe/Amsterdam" => t_string!(i18n, place_amsterdam).to_owned(),
        "Europe/Luxembourg" => t_string!(i18n, place_luxembourg).to_owned(),
        "Europe/Paris" => t_string!(i18n, place_paris).to_owned(),
        "Europe/Berlin" => t_string!(i18n, place_berlin).to_owned(),
        _ => frontdesk_core::club::zone_place(zone),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn month(year: i32, month: u32) -> Month {
        Month { year, month }
    }

    #[wasm_bindgen_test]
    fn looks_ahead_month_by_month_up_to_six_months() {
        let opened = month(2026, 11);
        assert_eq!(month_to_seek(opened, opened, None), Some(month(2026, 12)));
        assert_eq!(
            month_to_seek(opened, month(2026, 12), None),
            Some(month(2027, 1))
        );
        assert_eq!(
            month_to_seek(opened, month(2027, 4), None),
            Some(month(2027, 5))
        );
        assert_eq!(month_to_seek(opened, month(2027, 5), None), None);
    }

    #[wasm_bindgen_test]
    fn looks_no_further_than_the_horizon() {
        let opened = month(2026, 11);
        let horizon = NaiveDate::from_ymd_opt(2026, 12, 1);
        assert_eq!(
            month_to_seek(opened, opened, horizon),
            Some(month(2026, 12))
        );
        assert_eq!(month_to_seek(opened, month(2026, 12), horizon), None);
        let horizon = NaiveDate::from_ymd_opt(2026, 11, 30);
        assert_eq!(month_to_seek(opened, opened, horizon), None);
    }

    #[wasm_bindgen_test]
    fn the_horizon_counts_from_the_servers_now() {
        let mut av: slots::Availability = serde_json::from_value(serde_json::json!({
            "timezone": "Europe/Brussels",
            "align_grid_min": 15,
            "appointment_type": { "duration_min": 60 },
            "from": "2026-11-30",
            "to": "2026-11-30",
            "now": "2026-11-30T18:00:00Z"
        }))
        .unwrap();
        assert_eq!(horizon_end(&av), None);
        av.appointment_type.max_ahead_min = 7 * 24 * 60;
        assert_eq!(horizon_end(&av), NaiveDate::from_ymd_opt(2026, 12, 7));
        assert!(of_month(&av, month(2026, 11)));
        assert!(!of_month(&av, month(2026, 12)));
    }
}
