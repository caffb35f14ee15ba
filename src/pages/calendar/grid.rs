//! The time grid: one column per date and coach or room, the opening hours
//! shaded, the free slots of the chosen type as buttons, the appointments
//! on top (`appointment`; their events: `grid_events`). Only the columns in
//! view, and a few on each side, are in the document; the rest are drawn
//! as the grid scrolls to them.
//!
//! The grid is drawn once and follows the loads put in its layout
//! (`drawn`, their number): another week keeps the frame, the hours and
//! the column heads in view as they are where they did not change, gives
//! the appointment buttons there the other week's appointments (see
//! `core::calendar::Slots`), and draws only what else did (the free slots,
//! a head's date).

use chrono::Datelike;
use frontdesk_core::calendar::{Slots, columns_in_view, wall_text};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

use super::appointment::appointment;
use super::grid_events::GridEvents;
use super::moves::Moves;
use super::state::{Layout, Place};
use crate::i18n::*;

/// Minutes a keyboard step or a drag snaps to.
pub const STEP_MIN: u32 = 15;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selected {
    Nothing,
    Appointment(usize),
    Free(usize),
}

/// Lengths in minutes and columns, set through the CSSOM (`style:`), which
/// the Content-Security-Policy allows where a `style` attribute is not.
pub fn minutes(n: u32) -> String {
    format!("calc(var(--cal-min) * {n})")
}

fn columns_of(n: f32) -> String {
    format!("calc(var(--cal-col) * {n})")
}

/// A lane's left edge and width, in whole numbers the CSS divides:
/// formatting a float is slow in wasm, and a week switch writes a few
/// hundred of them.
pub fn lane_left(p: Place) -> String {
    if p.lane == 0 {
        format!("calc(var(--cal-col) * {})", p.col)
    } else {
        format!(
            "calc(var(--cal-col) * {} + var(--cal-col) * {} / {})",
            p.col,
            p.lane,
            p.lanes.max(1)
        )
    }
}

pub fn lane_width(p: Place) -> String {
    format!("calc(var(--cal-col) / {} - 3px)", p.lanes.max(1))
}

/// Columns drawn beyond those in view on each side, and the steps the
/// drawn range moves in (see `core::calendar::columns_in_view`).
pub const OVERSCAN: usize = 2;
pub const CHUNK: usize = 4;
/// The narrowest column (the week's 6rem), for the first guess of what
/// shows before the grid is laid out.
const NARROWEST_COL_PX: f64 = 96.0;

/// Keeps `range` on the columns in view while the box around the grid
/// scrolls or the window changes size, and measures again once the
/// columns changed (another week, view or coach) and were painted:
/// measuring before would lay out the grid being drawn, in the middle of
/// drawing it.
fn follow_scroll(
    events: GridEvents,
    range: RwSignal<(usize, usize)>,
    columns: Memo<Vec<super::state::Column>>,
) {
    use leptos::wasm_bindgen::closure::Closure;
    let update = move || {
        if let Some(r) = events.in_view()
            && Some(r) != range.try_get_untracked()
        {
            range.set(r);
        }
    };
    let listener = StoredValue::new_local(None::<(web_sys::Element, Closure<dyn FnMut()>)>);
    Effect::new(move || {
        let Some(scroller) = events
            .cols_ref
            .get()
            .and_then(|c| c.closest(".cal-scroll").ok().flatten())
        else {
            return;
        };
        let on_scroll = Closure::<dyn FnMut()>::new(update);
        let _ =
            scroller.add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
        listener.set_value(Some((scroller, on_scroll)));
    });
    Effect::new(move || {
        columns.track();
        leptos::task::spawn_local(async move {
            crate::dom::next_paint().await;
            update();
        });
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| update());
    on_cleanup(move || {
        resize.remove();
        listener.update_value(|l| {
            if let Some((el, f)) = l.take() {
                let _ =
                    el.remove_event_listener_with_callback("scroll", f.as_ref().unchecked_ref());
            }
        });
    });
}

#[component]
pub fn Grid(
    layout: StoredValue<Layout>,
    /// The number of the load in `layout`, bumped when another is put
    /// there: what the grid draws follows it.
    drawn: Signal<u64>,
    selected: RwSignal<Selected>,
    moves: Moves,
) -> impl IntoView {
    let i18n = use_i18n();
    let events = GridEvents::new(layout, selected, moves);
    let columns = Memo::new(move |_| {
        drawn.track();
        layout.with_value(|l| l.columns.clone())
    });
    let count = Memo::new(move |_| columns.with(|c| c.len().max(1)));
    let span = Memo::new(move |_| {
        drawn.track();
        layout.with_value(|l| (l.first, l.last))
    });
    // Only the columns in view (and a few beside them) are drawn: a week
    // of 20 coaches is 140 columns and 2,000 appointments, a screen shows
    // a dozen columns. Before the grid is laid out, a guess from the
    // window's width.
    let range = RwSignal::new(columns_in_view(
        0.0,
        crate::dom::window_size().0,
        NARROWEST_COL_PX,
        count.get_untracked(),
        OVERSCAN,
        CHUNK,
    ));
    follow_scroll(events, range, columns);
    let in_range = move |col: usize| {
        let (lo, hi) = range.get();
        lo <= col && col < hi
    };

    // The heads of the columns drawn, after a pad as wide as those left
    // out before them. A head is a column's place, not its date: another
    // week rewrites the heads there (their dates), nothing more.
    let heads = move || {
        let (lo, hi) = range.get();
        let n = columns.with(Vec::len);
        (lo.min(n)..hi.min(n)).collect::<Vec<_>>()
    };
    let head = move |i: usize| {
        let day = move || {
            columns.with(|cs| {
                cs.get(i).map_or_else(String::new, |c| {
                    format!(
                        "{} {}",
                        crate::dates::weekday_short(
                            i18n.get_locale(),
                            c.date.weekday().num_days_from_monday() as usize
                        ),
                        c.date.day()
                    )
                })
            })
        };
        let name = move || {
            columns.with(|cs| match cs.get(i) {
                Some(c) if c.resource.is_some() => c.name.clone(),
                Some(_) => t_string!(i18n, calendar_unassigned).to_owned(),
                None => String::new(),
            })
        };
        let day_start = move || {
            columns.with(|cs| i == 0 || cs.get(i - 1).map(|c| c.date) != cs.get(i).map(|c| c.date))
        };
        view! {
            <div class="cal-colhead" class:cal-day-start=day_start>
                <span class="cal-colday">{day}</span>
                <span class="cal-colname">{name}</span>
            </div>
        }
    };
    let hours = move || {
        let (first, last) = span.get();
        (first / 60..last.div_ceil(60))
            .map(|h| {
                view! {
                    <span class="cal-hour" style:top=minutes(h * 60 - first)>
                        {format!("{h:02}:00")}
                    </span>
                }
            })
            .collect_view()
    };
    let day_lines = move || {
        columns.with(|cs| {
            (1..cs.len())
                .filter(|&i| cs[i - 1].date != cs[i].date)
                .collect::<Vec<_>>()
        })
    };
    // Opening hours in view; the same hours another week are the same
    // elements, left as they are.
    let openings = move || {
        drawn.track();
        let first = span.get().0;
        layout.with_value(|l| {
            l.openings
                .iter()
                .filter(|o| in_range(o.col))
                .map(|o| (o.col, o.start, o.end, o.id, first))
                .collect::<Vec<_>>()
        })
    };
    let opening = move |(col, start, end, id, first): (usize, u32, u32, Option<i64>, u32)| {
        view! {
            <div
                class="cal-open"
                class:cal-open-extra=id.is_some()
                style:top=minutes(start.saturating_sub(first))
                style:height=minutes(end.saturating_sub(start))
                style:left=columns_of(col as f32)
            ></div>
        }
    };
    let free_in_range = move || {
        let generation = drawn.get();
        layout.with_value(|l| {
            l.free
                .iter()
                .enumerate()
                .filter(|(_, f)| in_range(f.col))
                .map(|(i, _)| (generation, i))
                .collect::<Vec<_>>()
        })
    };
    let free = move |(_, i): (u64, usize)| {
        layout.with_value(|l| {
            let f = &l.free[i];
            let column = &l.columns[f.col];
            let label = format!(
                "{} {} {} {}",
                t_string!(i18n, cal_free),
                wall_text(f.slot.minute),
                column.name,
                f.slot.date
            );
            view! {
                <button
                    type="button"
                    class="cal-free"
                    data-fi=i
                    data-start=f.slot.start.clone()
                    data-resource=column.resource.clone().unwrap_or_default()
                    aria-label=label
                    aria-pressed=(selected.get_untracked() == Selected::Free(i)).to_string()
                    style:top=minutes(f.slot.minute.saturating_sub(l.first))
                    style:height=minutes(f.slot.minutes.min(STEP_MIN))
                    style:left=columns_of(f.col as f32)
                >
                    {wall_text(f.slot.minute)}
                </button>
            }
        })
    };
    // The appointments whose column is drawn, and the button each is
    // given (`Slots`: another week rewrites the buttons there). Their
    // places are read untracked: one moved out of the columns drawn stays
    // drawn until the next scroll step (the keyboard scrolls it into view
    // anyway).
    let slots = Memo::new(move |was: Option<&Slots>| {
        let generation = drawn.get();
        let (lo, hi) = range.get();
        let wanted = layout.with_value(|l| {
            (0..l.len())
                .filter(|&i| l.place_of(i).is_some_and(|p| lo <= p.col && p.col < hi))
                .collect::<Vec<_>>()
        });
        Slots::next(was, generation, wanted)
    });
    mark_selected(events);

    view! {
        <div class="cal-frame" style:width=move || format!("calc(var(--cal-hours-w) + var(--cal-col) * {})", count.get())>
            <div class="cal-head">
                <div class="cal-corner"></div>
                <div class="cal-headpad" style:width=move || columns_of(range.get().0.min(count.get()) as f32)></div>
                <For each=heads key=|i| *i children=head />
            </div>
            <div class="cal-body" style:height=move || { let (first, last) = span.get(); minutes(last - first) }>
                <div class="cal-hours" aria-hidden="true">{hours}</div>
                <div
                    class="cal-cols"
                    node_ref=events.cols_ref
                    on:click=events.click()
                    on:keydown=events.keydown()
                    on:pointerdown=events.pointerdown()
                    on:pointermove=events.pointermove()
                    on:pointerup=events.pointerup()
                    on:pointercancel=events.pointercancel()
                >
                    <For
                        each=day_lines
                        key=|i| *i
                        children=|i| view! { <div class="cal-dayline" style:left=columns_of(i as f32)></div> }
                    />
                    <For each=openings key=|o| *o children=opening />
                    <For each=free_in_range key=|f| *f children=free />
                    <For
                        each=move || slots.with(|s| s.shows.iter().map(|&(button, _)| button).collect::<Vec<_>>())
                        key=|button| *button
                        children=move |button| appointment(layout, selected, slots, button)
                    />
                </div>
            </div>
        </div>
    }
}

/// Marks the chosen appointment or free slot, once for the grid: a choice
/// touches the two buttons it concerns, not every button drawn.
fn mark_selected(events: GridEvents) {
    fn mark(cols: &web_sys::Element, s: Selected, on: bool) {
        let (selector, i) = match s {
            Selected::Nothing => return,
            Selected::Appointment(i) => (".cal-appt[data-i=\"", i),
            Selected::Free(i) => (".cal-free[data-fi=\"", i),
        };
        let Ok(Some(el)) = cols.query_selector(&format!("{selector}{i}\"]")) else {
            return;
        };
        match s {
            Selected::Free(_) => {
                let _ = el.set_attribute("aria-pressed", if on { "true" } else { "false" });
            }
            _ => {
                let _ = el.class_list().toggle_with_force("cal-chosen", on);
            }
        }
    }
    Effect::new(move |was: Option<Selected>| {
        let now = events.selected.get();
        if let Some(cols) = events.cols_ref.get_untracked() {
            if let Some(was) = was.filter(|w| *w != now) {
                mark(&cols, was, false);
            }
            mark(&cols, now, true);
        }
        now
    });
}
