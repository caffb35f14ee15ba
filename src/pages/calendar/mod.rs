//! The front-desk calendar (`/calendar`): a day or a week in a time grid
//! with one column per coach and room, or the day as lists. The view is in
//! the URL (`url::View`). The free slots of a chosen appointment type come
//! from the same availability document as the widget's, through the same
//! slot engine, in the browser; moves go through `moves::Moves`.

mod appointment;
mod data;
mod grid;
mod grid_events;
mod hours;
mod list;
mod moves;
mod panel;
mod state;
mod url;
pub(crate) mod weekly;

use frontdesk_core::model::{
    AgendaBlock, AgendaInfo, AppointmentTypeInfo, FormField, ResourceInfo, StaffAppointment,
};
use frontdesk_core::problem::Problem;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::appointment_actions::DeskAbilities;
use crate::components::toasts::problem_text;
use crate::dates;
use crate::i18n::*;
use data::{Ahead, Early, load};
use frontdesk_core::roles::Action;
use grid::{Grid, Selected};
use hours::Hours;
use list::ListView;
use moves::Moves;
use panel::Panel;
use state::Layout;
use url::{Mode, View};
use weekly::WeeklyHoursEditor;

/// What the calendar needs once: the agenda, its coaches and rooms, its
/// appointment types.
#[derive(Clone)]
struct Setup {
    agenda: AgendaInfo,
    resources: Vec<ResourceInfo>,
    types: Vec<AppointmentTypeInfo>,
}

async fn setup() -> Result<Option<Setup>, Problem> {
    let Some(agenda) = crate::api::booking::agendas().await?.into_iter().next() else {
        return Ok(None);
    };
    let id = agenda.id.to_string();
    let (resources, types) = futures::join!(
        crate::api::booking::resources(&id),
        crate::api::booking::types(&id)
    );
    Ok(Some(Setup {
        agenda,
        resources: resources?,
        types: types?,
    }))
}

/// What the page shows under its filters.
#[derive(Clone, PartialEq)]
enum Shows {
    Loading,
    Failed(String),
    /// No agenda at all.
    Empty,
    List(Vec<StaffAppointment>),
    /// The grid, drawn once and given each load (`Layout`) in turn.
    Grid,
}

/// Phones show one coach or room at a time.
fn narrow() -> Signal<bool> {
    let query = leptos::prelude::window()
        .match_media("(max-width: 40rem)")
        .ok()
        .flatten();
    let narrow = RwSignal::new(query.as_ref().is_some_and(|q| q.matches()));
    if let Some(q) = query {
        let on_change =
            leptos::wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MediaQueryListEvent)>::new(
                move |ev: web_sys::MediaQueryListEvent| narrow.set(ev.matches()),
            );
        let _ = q.add_event_listener_with_callback(
            "change",
            leptos::wasm_bindgen::JsCast::unchecked_ref(on_change.as_ref()),
        );
        on_change.forget();
    }
    narrow.into()
}

/// Sets `signal` to `value` only when it differs (its readers run again
/// otherwise).
fn set_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

#[component]
pub fn CalendarPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let view = Memo::new(move |_| View::from_query(&query.read(), dates::today()));
    // Written when it changes, not on every step (a storage write is
    // synchronous, and a week switch waits for it).
    Effect::new(move |was: Option<Mode>| {
        let mode = view.with(|v| v.mode);
        if was != Some(mode) {
            url::remember(mode);
        }
        mode
    });
    let go = move |v: View| navigate(&v.href(), Default::default());
    let narrow = narrow();
    let reload = RwSignal::new(0u32);

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

    let setup = LocalResource::new(setup);
    // On a phone the grid shows one coach or room: the one chosen, or the
    // first.
    let shown = Memo::new(move |_| {
        let mut v = view.get();
        if narrow.get() && v.mode != Mode::List && v.resources.len() != 1 {
            let first = setup
                .get()
                .and_then(|s| s.ok().flatten())
                .and_then(|s| s.resources.into_iter().find(|r| v.shows(&r.id)))
                .map(|r| r.id);
            v.resources = first.into_iter().collect();
        }
        v
    });
    let agenda_id = move || {
        setup
            .get()
            .and_then(|s| s.ok().flatten())
            .map(|s| s.agenda.id)
    };
    let ahead = Ahead::new();
    let early = Early::start(&view.get_untracked());
    // `(the view, what to draw, drawn from what was loaded ahead and not
    // checked yet)`
    let data = LocalResource::new(move || {
        let v = shown.get();
        let agenda = agenda_id();
        reload.track();
        async move {
            let agenda = agenda?;
            if let Some((loaded, checked)) = ahead.take(&v) {
                return Some((v, Ok(loaded), !checked));
            }
            let (writes, at) = (crate::api::writes(), js_sys::Date::now());
            let loaded = load(agenda, &v, Some(early)).await;
            if let Ok(l) = &loaded {
                ahead.keep(&v, writes, at, l);
            }
            Some((v, loaded, false))
        }
    });
    // A view drawn: the ones before and after it are loaded ahead; one
    // drawn from those is checked against the server.
    Effect::new(move || {
        // Read in place: the week's 2,000 appointments are copied only
        // when the server's answer is to be compared with them.
        let Some((v, unchecked)) = data.with(|d| match d {
            Some(Some((v, Ok(loaded), unchecked))) => {
                Some((v.clone(), unchecked.then(|| loaded.clone())))
            }
            _ => None,
        }) else {
            return;
        };
        let Some(agenda) = agenda_id() else {
            return;
        };
        ahead.around(agenda, &v, false);
        if let Some(loaded) = unchecked {
            ahead.revalidate(agenda, v, loaded, move || {
                let _ = reload.try_update(|n| *n += 1);
            });
        }
    });
    // A change answered: the neighbours may have changed with it.
    Effect::new(move || {
        crate::api::track_writes();
        if let Some(agenda) = agenda_id() {
            ahead.around(agenda, &shown.get_untracked(), true);
        }
    });

    let go_nav = go.clone();
    let step = move |by: i64| go_nav(view.get_untracked().stepped(by));
    let go_date = go.clone();
    let go_today = go.clone();
    let go_mode = go.clone();
    let go_type = go.clone();
    let go_resource = go.clone();
    let go_swipe = go.clone();
    // On a phone, a swipe across the grid shows the next or the previous
    // coach or room.
    let swipe = Callback::new(move |by: i64| {
        let Some(Ok(Some(s))) = setup.get_untracked() else {
            return;
        };
        let current = shown.get_untracked().resources.first().cloned();
        let at = s
            .resources
            .iter()
            .position(|r| Some(&r.id) == current.as_ref())
            .unwrap_or(0) as i64;
        let count = s.resources.len() as i64;
        if count == 0 {
            return;
        }
        let next = &s.resources[(at + by).rem_euclid(count) as usize];
        go_swipe(View {
            resources: vec![next.id.clone()],
            ..view.get_untracked()
        });
    });
    let touch = StoredValue::new(None::<(i32, i32)>);
    let mode_link = move |mode: Mode| {
        let href = move || View { mode, ..view.get() }.href();
        let current = move || (view.get().mode == mode).then_some("page");
        (href, current)
    };
    let (day_href, day_current) = mode_link(Mode::Day);
    let (week_href, week_current) = mode_link(Mode::Week);
    let (list_href, list_current) = mode_link(Mode::List);
    let _ = go_mode;

    // Each load is laid out once and given to the grid, which is drawn
    // once: another week changes what the grid shows, not the page (the
    // panel and the extra hours stay, the grid keeps its frame, its
    // scroll and the columns' heads that did not change).
    let layout = StoredValue::new(Layout::default());
    let drawn = RwSignal::new(0u64);
    let selected = RwSignal::new(Selected::Nothing);
    let moves = Moves::new(layout);
    let grid_view = RwSignal::new(None::<View>);
    let booking = RwSignal::new(None::<(i64, i64, Vec<FormField>)>);
    let extra = RwSignal::new(Vec::<AgendaBlock>::new());
    let zone = RwSignal::new(String::new());
    let shows = RwSignal::new(Shows::Loading);
    // The owners of the last two loads' signals (the place, status… of
    // each appointment drawn, opened or moved): the one before is let go
    // once the grid drew the next.
    let owners = StoredValue::new_local(Vec::<Owner>::new());
    let page_owner = Owner::current();
    Effect::new(move || {
        let next = setup.with(|s| match s {
            None => Shows::Loading,
            Some(Err(p)) => Shows::Failed(problem_text(i18n, p)),
            Some(Ok(None)) => Shows::Empty,
            Some(Ok(Some(s))) => data.with(|d| match d {
                None | Some(None) => Shows::Loading,
                Some(Some((_, Err(p), _))) => Shows::Failed(problem_text(i18n, p)),
                Some(Some((v, Ok(loaded), _))) if v.mode == Mode::List => {
                    Shows::List(loaded.list.items.clone())
                }
                Some(Some((v, Ok(loaded), _))) => {
                    let generation = drawn.get_untracked() + 1;
                    let owner = page_owner
                        .as_ref()
                        .map_or_else(Owner::new, |o| o.with(Owner::new));
                    let built =
                        Layout::build(generation, v, &s.resources, loaded, Some(owner.clone()));
                    set_changed(selected, Selected::Nothing);
                    if moves.needs_reason.with_untracked(Option::is_some) {
                        moves.needs_reason.set(None);
                    }
                    if moves.error.with_untracked(Option::is_some) {
                        moves.error.set(None);
                    }
                    // Only what changed is set: another week mostly
                    // keeps the type, the extra hours and the zone, and
                    // what shows them is left as it is.
                    let next_booking = v.type_id.map(|t| (s.agenda.id, t, loaded.fields.clone()));
                    set_changed(booking, next_booking);
                    set_changed(
                        extra,
                        loaded
                            .blocks
                            .iter()
                            .filter(|b| b.date.is_some())
                            .cloned()
                            .collect(),
                    );
                    set_changed(zone, built.timezone.clone());
                    layout.set_value(built);
                    grid_view.set(Some(v.clone()));
                    drawn.set(generation);
                    let old = owners
                        .try_update_value(|o| {
                            o.push(owner);
                            (o.len() > 2).then(|| o.remove(0))
                        })
                        .flatten();
                    drop(old);
                    Shows::Grid
                }
            }),
        });
        if shows.with_untracked(|s| *s != next) {
            shows.set(next);
        }
    });

    let grid = move || {
        let Some(Ok(Some(setup))) = setup.get_untracked() else {
            return ().into_any();
        };
        let week = move || {
            grid_view.with(|v| {
                if v.as_ref().is_some_and(|v| v.mode == Mode::Week) {
                    "week"
                } else {
                    "day"
                }
            })
        };
        let date = Signal::derive(move || {
            grid_view.with(|v| v.as_ref().map_or_else(dates::today, |v| v.date))
        });
        view! {
            <p class="zone-note">{t!(i18n, calendar_zone)} " " {move || zone.get()}</p>
            <div class="cal-layout">
                // Focusable, so the keyboard scrolls a grid wider or
                // taller than the screen (a region named for it).
                <div
                    class="cal-scroll"
                    role="region"
                    tabindex="0"
                    aria-label=move || t_string!(i18n, calendar_title)
                    data-view=week
                    on:touchstart=move |ev: leptos::ev::TouchEvent| {
                        touch.set_value(ev.touches().get(0).map(|t| (t.client_x(), t.client_y())));
                    }
                    on:touchend=move |ev: leptos::ev::TouchEvent| {
                        let (Some((x0, y0)), Some(t)) = (touch.get_value(), ev.changed_touches().get(0)) else {
                            return;
                        };
                        let (dx, dy) = (t.client_x() - x0, t.client_y() - y0);
                        if narrow.get_untracked() && dx.abs() > 80 && dy.abs() < 40 {
                            swipe.run(if dx < 0 { 1 } else { -1 });
                        }
                    }
                >
                    <Grid layout=layout drawn=drawn.into() selected=selected moves=moves />
                </div>
                <div class="cal-side">
                    <Panel
                        layout=layout
                        selected=selected
                        moves=moves
                        resources=setup.resources.clone()
                        booking=booking.into()
                        on_booked=Callback::new(move |_| reload.update(|n| *n += 1))
                    />
                    <Hours
                        agenda=setup.agenda.id
                        resources=setup.resources.clone()
                        date=date
                        extra=extra.into()
                        on_change=Callback::new(move |_| reload.update(|n| *n += 1))
                    />
                </div>
            </div>
        }
        .into_any()
    };
    let body = move || match shows.get() {
        Shows::Loading => {
            view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }.into_any()
        }
        Shows::Failed(text) => view! { <p class="form-error" role="alert">{text}</p> }.into_any(),
        Shows::Empty => view! { <p class="empty-note">{t!(i18n, calendar_empty)}</p> }.into_any(),
        Shows::List(items) => view! { <ListView items=items /> }.into_any(),
        Shows::Grid => grid(),
    };

    let types = move || {
        setup
            .get()
            .and_then(|s| s.ok().flatten())
            .map(|s| s.types)
            .unwrap_or_default()
    };
    let resources = move || {
        setup
            .get()
            .and_then(|s| s.ok().flatten())
            .map(|s| s.resources)
            .unwrap_or_default()
    };
    let week_open = RwSignal::new(false);
    let session = crate::session::use_session();
    let one_resource = move || shown.get().resources.first().cloned().unwrap_or_default();

    view! {
        <section class="page cal-page">
            <h1>{t!(i18n, calendar_title)}</h1>
            <div class="day-nav">
                <button
                    type="button"
                    class="button-quiet"
                    aria-label=move || t_string!(i18n, calendar_prev_day)
                    on:click={
                        let step = step.clone();
                        move |_| step(-1)
                    }
                >
                    "‹"
                </button>
                <label class="day-pick">
                    <span class="visually-hidden">{t!(i18n, calendar_date)}</span>
                    <input
                        type="date"
                        prop:value=move || view.get().date.to_string()
                        on:change=move |ev| {
                            if let Ok(d) = chrono::NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
                                go_date(View { date: d, ..view.get_untracked() });
                            }
                        }
                    />
                </label>
                <button
                    type="button"
                    class="button-quiet"
                    aria-label=move || t_string!(i18n, calendar_next_day)
                    on:click=move |_| step(1)
                >
                    "›"
                </button>
                // A button like the two beside it (not a link styled as
                // text): the same look, keys and role.
                <button
                    type="button"
                    class="button-quiet"
                    on:click=move |_| go_today(View { date: dates::today(), ..view.get_untracked() })
                >
                    {t!(i18n, calendar_today)}
                </button>
                <nav class="cal-modes" aria-label=move || t_string!(i18n, cal_view)>
                    <a href=day_href aria-current=day_current>{t!(i18n, cal_day)}</a>
                    <a href=week_href aria-current=week_current>{t!(i18n, cal_week)}</a>
                    <a href=list_href aria-current=list_current>{t!(i18n, cal_list)}</a>
                </nav>
            </div>
            <div class="cal-filters">
                <label>
                    {t!(i18n, cal_free_for)}
                    <select
                        prop:value=move || view.get().type_id.map(|t| t.to_string()).unwrap_or_default()
                        on:change=move |ev| {
                            let type_id = event_target_value(&ev).parse().ok();
                            go_type(View { type_id, ..view.get_untracked() });
                        }
                    >
                        <option value="">{t!(i18n, cal_free_none)}</option>
                        {move || {
                            types()
                                .into_iter()
                                .map(|t| view! { <option value=t.id.to_string()>{t.name}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
                <label class:cal-one=move || narrow.get()>
                    {t!(i18n, cal_resource)}
                    <select
                        prop:value=one_resource
                        on:change=move |ev| {
                            let id = event_target_value(&ev);
                            let resources = if id.is_empty() { Vec::new() } else { vec![id] };
                            go_resource(View { resources, ..view.get_untracked() });
                        }
                    >
                        <Show when=move || !narrow.get()>
                            <option value="">{t!(i18n, cal_all_resources)}</option>
                        </Show>
                        {move || {
                            resources()
                                .into_iter()
                                .map(|r| view! { <option value=r.id.clone()>{r.name}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
            </div>
            <h2 aria-live="polite">
                {move || {
                    let v = view.get();
                    let (from, to) = v.range();
                    dates::date_range(i18n.get_locale(), from, to)
                }}
            </h2>
            {body}
            // The week's hours are the club's booking setup: an owner's or a
            // manager's (the API refuses the rest), not the desk's.
            <Show when=move || session.may(Action::ChangeSettings)>
                // Opened when needed: the week's hours change seldom. Outside
                // the view, so a save keeps the form as it is while the grid
                // loads the new hours.
                <details class="cal-week" on:toggle=move |_| week_open.update(|o| *o = !*o)>
                    <summary>{t!(i18n, hours_title)}</summary>
                    {move || {
                        if !week_open.get() {
                            return None;
                        }
                        setup
                            .get()
                            .and_then(|s| s.ok().flatten())
                            .map(|s| {
                                view! {
                                    <WeeklyHoursEditor
                                        agenda=s.agenda.id
                                        resources=s.resources
                                        editable=can("desk_weekly_hours")
                                        on_change=Callback::new(move |_| reload.update(|n| *n += 1))
                                    />
                                }
                            })
                    }}
                </details>
            </Show>
        </section>
    }
}
