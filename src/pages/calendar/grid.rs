//! The time grid: one column per date and coach or room, the opening hours
//! shaded, the free slots of the chosen type as buttons, the appointments
//! on top. Every appointment is a button: a click or Enter opens it,
//! Alt+arrows move it (a step in time, a column across), Alt+Shift+arrows
//! make it longer or shorter, and a pointer (mouse, pen, finger) drags it.
//! Only the columns in view, and a few on each side, are in the document;
//! the rest are drawn as the grid scrolls to them.

use chrono::Datelike;
use frontdesk_core::calendar::{columns_in_view, snap, wall_text};
use frontdesk_core::model::BookingStatus;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

use super::moves::Moves;
use super::state::{Layout, Place};
use crate::components::sales_steps::status_text;
use crate::i18n::*;

/// Minutes a keyboard step or a drag snaps to.
pub const STEP_MIN: u32 = 15;
/// What a pointer must travel before a press becomes a drag.
const DRAG_SLOP_PX: f64 = 5.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selected {
    Nothing,
    Appointment(usize),
    Free(usize),
}

#[derive(Clone, Copy)]
struct Drag {
    index: usize,
    pointer: i32,
    x0: f64,
    y0: f64,
    from: Place,
    moved: bool,
}

/// Lengths in minutes and columns, set through the CSSOM (`style:`), which
/// the Content-Security-Policy allows where a `style` attribute is not.
fn minutes(n: u32) -> String {
    format!("calc(var(--cal-min) * {n})")
}

fn columns_of(n: f32) -> String {
    format!("calc(var(--cal-col) * {n})")
}

fn lane_left(p: Place) -> String {
    columns_of(p.col as f32 + f32::from(p.lane) / f32::from(p.lanes.max(1)))
}

fn lane_width(p: Place) -> String {
    format!(
        "calc(var(--cal-col) * {} - 3px)",
        1.0 / f32::from(p.lanes.max(1))
    )
}

/// Columns drawn beyond those in view on each side, and the steps the
/// drawn range moves in (see `core::calendar::columns_in_view`).
const OVERSCAN: usize = 2;
const CHUNK: usize = 4;
/// The narrowest column (the week's 6rem), for the first guess of what
/// shows before the grid is laid out.
const NARROWEST_COL_PX: f64 = 96.0;

/// What every appointment of the grid shares.
#[derive(Clone, Copy)]
struct Shared {
    layout: StoredValue<Layout>,
    selected: RwSignal<Selected>,
    moves: Moves,
    names: StoredValue<Vec<String>>,
    cols_ref: NodeRef<leptos::html::Div>,
    drag: StoredValue<Option<Drag>>,
    /// A drag ends in a click on the same button: it must not open it.
    dragged: StoredValue<bool>,
    first: u32,
    last: u32,
    count: usize,
}

impl Shared {
    /// Pixels per minute and per column, read when a drag starts (the
    /// page may have been zoomed or resized since the grid was drawn).
    fn metrics(self) -> Option<(f64, f64, f64)> {
        let el = self.cols_ref.get_untracked()?;
        let rect = el.get_bounding_client_rect();
        let per_min = rect.height() / f64::from((self.last - self.first).max(1));
        let per_col = rect.width() / self.count as f64;
        Some((rect.left(), per_min, per_col))
    }

    fn place_at(self, d: &Drag, x: f64, y: f64) -> Option<Place> {
        let (left, per_min, per_col) = self.metrics()?;
        let minutes = ((y - d.y0) / per_min).round() as i64;
        let length = d.from.end - d.from.start;
        let start = snap(i64::from(d.from.start) + minutes, STEP_MIN).min(24 * 60 - length);
        let col = ((x - left) / per_col)
            .floor()
            .clamp(0.0, (self.count - 1) as f64) as usize;
        Some(Place {
            col,
            start,
            end: start + length,
            ..d.from
        })
    }

    /// The columns in view of the scrolling box around the grid now.
    fn in_view(self) -> Option<(usize, usize)> {
        let cols = self.cols_ref.get_untracked()?;
        let scroller = cols.closest(".cal-scroll").ok()??;
        let (c, s) = (
            cols.get_bounding_client_rect(),
            scroller.get_bounding_client_rect(),
        );
        let x0 = s.left() - c.left();
        Some(columns_in_view(
            x0,
            x0 + s.width(),
            c.width() / self.count as f64,
            self.count,
            OVERSCAN,
            CHUNK,
        ))
    }
}

/// Keeps `range` on the columns in view while the box around the grid
/// scrolls or the window changes size.
fn follow_scroll(shared: Shared, range: RwSignal<(usize, usize)>) {
    use leptos::wasm_bindgen::closure::Closure;
    let update = move || {
        if let Some(r) = shared.in_view()
            && r != range.get_untracked()
        {
            range.set(r);
        }
    };
    let listener = StoredValue::new_local(None::<(web_sys::Element, Closure<dyn FnMut()>)>);
    Effect::new(move || {
        let Some(scroller) = shared
            .cols_ref
            .get()
            .and_then(|c| c.closest(".cal-scroll").ok().flatten())
        else {
            return;
        };
        update();
        let on_scroll = Closure::<dyn FnMut()>::new(update);
        let _ =
            scroller.add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
        listener.set_value(Some((scroller, on_scroll)));
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
    selected: RwSignal<Selected>,
    moves: Moves,
) -> impl IntoView {
    let i18n = use_i18n();
    let (columns, first, last) = layout.with_value(|l| (l.columns.clone(), l.first, l.last));
    let count = columns.len().max(1);
    let shared = Shared {
        layout,
        selected,
        moves,
        // A column's coach or room, for an appointment's label wherever it is.
        names: StoredValue::new(columns.iter().map(|c| c.name.clone()).collect()),
        cols_ref: NodeRef::new(),
        drag: StoredValue::new(None),
        dragged: StoredValue::new(false),
        first,
        last,
        count,
    };
    // Only the columns in view (and a few beside them) are drawn: a week
    // of 20 coaches is 140 columns and 2,000 appointments, a screen shows
    // a dozen columns. Before the grid is laid out, a guess from the
    // window's width.
    let range = RwSignal::new(columns_in_view(
        0.0,
        crate::dom::window_size().0,
        NARROWEST_COL_PX,
        count,
        OVERSCAN,
        CHUNK,
    ));
    follow_scroll(shared, range);
    // What each column holds, to draw the columns in view.
    let (openings_by_col, free_by_col) = layout.with_value(|l| {
        let mut open = vec![Vec::new(); count];
        for (i, o) in l.openings.iter().enumerate() {
            open[o.col].push(i);
        }
        let mut free = vec![Vec::new(); count];
        for (i, f) in l.free.iter().enumerate() {
            free[f.col].push(i);
        }
        (open, free)
    });
    let in_range = move |by_col: &[Vec<usize>]| {
        let (lo, hi) = range.get();
        by_col[lo.min(count)..hi.min(count)]
            .iter()
            .flatten()
            .copied()
            .collect::<Vec<_>>()
    };
    // The appointments whose column is drawn; a move across columns
    // follows its appointment.
    let appointments_in_range = Memo::new(move |_| {
        let (lo, hi) = range.get();
        layout.with_value(|l| {
            l.shown
                .iter()
                .enumerate()
                .filter(|(_, s)| s.place.with(|p| lo <= p.col && p.col < hi))
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        })
    });

    let header = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let day_start = i == 0 || columns[i - 1].date != c.date;
            let day = format!(
                "{} {}",
                crate::dates::weekday_short(
                    i18n.get_locale_untracked(),
                    c.date.weekday().num_days_from_monday() as usize
                ),
                c.date.day()
            );
            let name = if c.resource.is_some() {
                c.name.clone()
            } else {
                t_string!(i18n, calendar_unassigned).to_owned()
            };
            view! {
                <div class="cal-colhead" class:cal-day-start=day_start>
                    <span class="cal-colday">{day}</span>
                    <span class="cal-colname">{name}</span>
                </div>
            }
        })
        .collect_view();
    let hours = (first / 60..last.div_ceil(60))
        .map(|h| {
            view! {
                <span class="cal-hour" style:top=minutes(h * 60 - first)>
                    {format!("{h:02}:00")}
                </span>
            }
        })
        .collect_view();
    let day_lines = columns
        .iter()
        .enumerate()
        .filter(|(i, c)| *i > 0 && columns[i - 1].date != c.date)
        .map(|(i, _)| view! { <div class="cal-dayline" style:left=columns_of(i as f32)></div> })
        .collect_view();
    let opening = move |i: usize| {
        layout.with_value(|l| {
            let o = &l.openings[i];
            view! {
                <div
                    class="cal-open"
                    class:cal-open-extra=o.id.is_some()
                    style:top=minutes(o.start.saturating_sub(first))
                    style:height=minutes(o.end.saturating_sub(o.start))
                    style:left=columns_of(o.col as f32)
                ></div>
            }
        })
    };
    let free = move |i: usize| {
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
                    data-start=f.slot.start.clone()
                    data-resource=column.resource.clone().unwrap_or_default()
                    aria-label=label
                    aria-pressed=move || (selected.get() == Selected::Free(i)).to_string()
                    style:top=minutes(f.slot.minute.saturating_sub(first))
                    style:height=minutes(f.slot.minutes.min(STEP_MIN))
                    style:left=columns_of(f.col as f32)
                    on:click=move |_| selected.set(Selected::Free(i))
                >
                    {wall_text(f.slot.minute)}
                </button>
            }
        })
    };

    view! {
        <div class="cal-frame" style:width=format!("calc(var(--cal-hours-w) + var(--cal-col) * {count})")>
            <div class="cal-head">
                <div class="cal-corner"></div>
                {header}
            </div>
            <div class="cal-body" style:height=minutes(last - first)>
                <div class="cal-hours" aria-hidden="true">{hours}</div>
                <div class="cal-cols" node_ref=shared.cols_ref>
                    {day_lines}
                    <For each=move || in_range(&openings_by_col) key=|i| *i children=opening />
                    <For each=move || in_range(&free_by_col) key=|i| *i children=free />
                    <For
                        each=move || appointments_in_range.get()
                        key=|i| *i
                        children=move |i| appointment(shared, i)
                    />
                </div>
            </div>
        </div>
    }
}

/// One appointment: a button placed by its `Place`, opened by a click or
/// Enter, moved by Alt+arrows or a drag.
fn appointment(shared: Shared, index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let Shared {
        layout,
        selected,
        moves,
        names,
        drag,
        dragged,
        first,
        count,
        ..
    } = shared;
    let s = layout.with_value(|l| l.shown[index].clone());
    let item = s.item;
    let (place, status, gone, saving) = (s.place, s.status, s.gone, s.saving);
    let id = item.id.to_string();
    let name = item.name.clone();
    let type_name = item.type_name.clone();
    // The button's name is its own text, the end, coach or room and status
    // read out beside it (visually hidden): an aria-label that says more
    // than the box shows disagrees with what is seen, the more so where a
    // cancelled booking lies under the one that took its place.
    let until = move || format!("–{}", wall_text(place.get().end));
    let rest = move || {
        let p = place.get();
        let resource_name = names.with_value(|n| n.get(p.col).cloned().unwrap_or_default());
        format!(", {resource_name}, {}", status_text(i18n, status.get()))
    };
    let key = move |ev: leptos::ev::KeyboardEvent| {
        if !ev.alt_key() {
            return;
        }
        let p = place.get_untracked();
        let to = match (ev.key().as_str(), ev.shift_key()) {
            ("ArrowUp", false) if p.start >= STEP_MIN => Place {
                start: p.start - STEP_MIN,
                end: p.end - STEP_MIN,
                ..p
            },
            ("ArrowDown", false) if p.end + STEP_MIN <= 24 * 60 => Place {
                start: p.start + STEP_MIN,
                end: p.end + STEP_MIN,
                ..p
            },
            ("ArrowUp", true) if p.end >= p.start + 2 * STEP_MIN => Place {
                end: p.end - STEP_MIN,
                ..p
            },
            ("ArrowDown", true) if p.end + STEP_MIN <= 24 * 60 => Place {
                end: p.end + STEP_MIN,
                ..p
            },
            ("ArrowLeft", false) if p.col > 0 => Place {
                col: p.col - 1,
                ..p
            },
            ("ArrowRight", false) if p.col + 1 < count => Place {
                col: p.col + 1,
                ..p
            },
            _ => return,
        };
        ev.prevent_default();
        moves.send(index, to, None);
        // Keep it in view (and so among the columns drawn) as it goes.
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            request_animation_frame(move || {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&options);
            });
        }
    };
    let down = move |ev: leptos::ev::PointerEvent| {
        if ev.button() != 0 || status.get_untracked() == BookingStatus::Cancelled {
            return;
        }
        if let Some(target) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = target.set_pointer_capture(ev.pointer_id());
        }
        drag.set_value(Some(Drag {
            index,
            pointer: ev.pointer_id(),
            x0: f64::from(ev.client_x()),
            y0: f64::from(ev.client_y()),
            from: place.get_untracked(),
            moved: false,
        }));
    };
    let motion = move |ev: leptos::ev::PointerEvent| {
        let Some(mut d) = drag.get_value().filter(|d| d.pointer == ev.pointer_id()) else {
            return;
        };
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        if !d.moved && (x - d.x0).hypot(y - d.y0) < DRAG_SLOP_PX {
            return;
        }
        d.moved = true;
        drag.set_value(Some(d));
        if let Some(to) = shared.place_at(&d, x, y)
            && to != place.get_untracked()
        {
            place.set(to);
        }
    };
    let up = move |ev: leptos::ev::PointerEvent| {
        let Some(d) = drag.get_value().filter(|d| d.pointer == ev.pointer_id()) else {
            return;
        };
        drag.set_value(None);
        if !d.moved {
            return;
        }
        dragged.set_value(true);
        let to = shared
            .place_at(&d, f64::from(ev.client_x()), f64::from(ev.client_y()))
            .unwrap_or(d.from);
        // Back where it was, then the move proper (which shows it there
        // again, sends it and may put it back).
        place.set(d.from);
        moves.send(d.index, to, None);
    };
    let cancel = move |_: leptos::ev::PointerEvent| {
        if let Some(d) = drag.get_value() {
            place.set(d.from);
        }
        drag.set_value(None);
    };
    view! {
        <button
            type="button"
            class="cal-appt"
            class:cal-cancelled=move || status.get() == BookingStatus::Cancelled
            class:cal-saving=move || saving.get()
            class:cal-chosen=move || selected.get() == Selected::Appointment(index)
            data-id=id
            hidden=move || gone.get()
            style:top=move || minutes(place.get().start.saturating_sub(first))
            style:height=move || {
                let p = place.get();
                minutes(p.end.saturating_sub(p.start).max(10))
            }
            style:left=move || lane_left(place.get())
            style:width=move || lane_width(place.get())
            on:click=move |_| {
                if dragged.get_value() {
                    dragged.set_value(false);
                    return;
                }
                selected.set(Selected::Appointment(index));
            }
            on:keydown=key
            on:pointerdown=down
            on:pointermove=motion
            on:pointerup=up
            on:pointercancel=cancel
        >
            <span class="cal-appt-time">{move || wall_text(place.get().start)}</span>
            <span class="visually-hidden">{until}</span>
            " "
            <span class="cal-appt-name">{name}</span>
            " "
            <span class="cal-appt-type">{type_name}</span>
            <span class="visually-hidden">{rest}</span>
        </button>
    }
}
