//! The grid's events, heard once on its columns rather than on every
//! appointment and free slot (a week draws a few hundred of each anew):
//! the button an event happened in is found by its `data-i` (an
//! appointment, its index in the layout) or `data-fi` (a free slot). A
//! click or Enter opens it, Alt+arrows move an appointment (a step in
//! time, a column across), Alt+Shift+↑/↓ change its length, and a pointer
//! (mouse, pen, finger) drags it.

use frontdesk_core::calendar::{columns_in_view, snap};
use frontdesk_core::model::BookingStatus;
use leptos::ev;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

use super::grid::{CHUNK, OVERSCAN, STEP_MIN, Selected};
use super::moves::Moves;
use super::state::{Layout, Place};

/// What a pointer must travel before a press becomes a drag.
const DRAG_SLOP_PX: f64 = 5.0;

#[derive(Clone, Copy)]
struct Drag {
    /// The load it began in: one drawn since (the server's newer answer)
    /// ends it.
    generation: u64,
    index: usize,
    place: RwSignal<Place>,
    pointer: i32,
    x0: f64,
    y0: f64,
    from: Place,
    moved: bool,
}

/// What the grid's handlers share.
#[derive(Clone, Copy)]
pub struct GridEvents {
    pub layout: StoredValue<Layout>,
    pub selected: RwSignal<Selected>,
    pub moves: Moves,
    pub cols_ref: NodeRef<leptos::html::Div>,
    drag: StoredValue<Option<Drag>>,
    /// A drag ends in a click on the same button: it must not open it.
    dragged: StoredValue<bool>,
}

/// The element an event happened on.
fn target(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()?.dyn_into::<web_sys::Element>().ok()
}

/// The button matching `selector` that `ev` happened in, and the number
/// in its `attribute`.
fn button_of(
    ev: &web_sys::Event,
    selector: &str,
    attribute: &str,
) -> Option<(web_sys::Element, usize)> {
    let el = target(ev)?.closest(selector).ok()??;
    let index = el.get_attribute(attribute)?.parse().ok()?;
    Some((el, index))
}

fn appointment_of(ev: &web_sys::Event) -> Option<(web_sys::Element, usize)> {
    button_of(ev, ".cal-appt", "data-i")
}

impl GridEvents {
    pub fn new(layout: StoredValue<Layout>, selected: RwSignal<Selected>, moves: Moves) -> Self {
        Self {
            layout,
            selected,
            moves,
            cols_ref: NodeRef::new(),
            drag: StoredValue::new(None),
            dragged: StoredValue::new(false),
        }
    }

    fn count(self) -> usize {
        self.layout.with_value(|l| l.columns.len().max(1))
    }

    /// Pixels per minute and per column, read when a drag starts (the
    /// page may have been zoomed or resized since the grid was drawn).
    fn metrics(self) -> Option<(f64, f64, f64)> {
        let el = self.cols_ref.get_untracked()?;
        let (first, last) = self.layout.with_value(|l| (l.first, l.last));
        let rect = el.get_bounding_client_rect();
        let per_min = rect.height() / f64::from((last - first).max(1));
        let per_col = rect.width() / self.count() as f64;
        Some((rect.left(), per_min, per_col))
    }

    fn place_at(self, d: &Drag, x: f64, y: f64) -> Option<Place> {
        let (left, per_min, per_col) = self.metrics()?;
        let minutes = ((y - d.y0) / per_min).round() as i64;
        let length = d.from.end - d.from.start;
        let start = snap(i64::from(d.from.start) + minutes, STEP_MIN).min(24 * 60 - length);
        let col = ((x - left) / per_col)
            .floor()
            .clamp(0.0, (self.count() - 1) as f64) as usize;
        Some(Place {
            col,
            start,
            end: start + length,
            ..d.from
        })
    }

    /// The columns in view of the scrolling box around the grid now.
    pub fn in_view(self) -> Option<(usize, usize)> {
        let cols = self.cols_ref.try_get_untracked()??;
        let scroller = cols.closest(".cal-scroll").ok()??;
        let (c, s) = (
            cols.get_bounding_client_rect(),
            scroller.get_bounding_client_rect(),
        );
        let count = self.layout.try_with_value(|l| l.columns.len().max(1))?;
        let x0 = s.left() - c.left();
        Some(columns_in_view(
            x0,
            x0 + s.width(),
            c.width() / count as f64,
            count,
            OVERSCAN,
            CHUNK,
        ))
    }

    pub fn click(self) -> impl Fn(ev::MouseEvent) + 'static {
        move |ev| {
            if let Some((_, i)) = button_of(&ev, ".cal-free", "data-fi") {
                self.selected.set(Selected::Free(i));
            } else if let Some((_, i)) = appointment_of(&ev) {
                if self.dragged.get_value() {
                    self.dragged.set_value(false);
                    return;
                }
                self.selected.set(Selected::Appointment(i));
            }
        }
    }

    pub fn keydown(self) -> impl Fn(ev::KeyboardEvent) + 'static {
        move |ev| {
            if !ev.alt_key() {
                return;
            }
            let Some((el, index)) = appointment_of(&ev) else {
                return;
            };
            let Some(p) = self.layout.with_value(|l| l.place_of(index)) else {
                return;
            };
            let count = self.count();
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
            self.moves.send(index, to, None);
            // Keep it in view (and so among the columns drawn) as it goes.
            request_animation_frame(move || {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&options);
            });
        }
    }

    pub fn pointerdown(self) -> impl Fn(ev::PointerEvent) + 'static {
        move |ev| {
            if ev.button() != 0 {
                return;
            }
            let Some((el, index)) = appointment_of(&ev) else {
                return;
            };
            let Some((generation, place, status)) = self
                .layout
                .with_value(|l| l.shown(index).map(|s| (l.generation, s.place, s.status)))
            else {
                return;
            };
            if status.get_untracked() == BookingStatus::Cancelled {
                return;
            }
            // Its moves and its release come to it (and so here) wherever
            // the pointer goes.
            let _ = el.set_pointer_capture(ev.pointer_id());
            self.drag.set_value(Some(Drag {
                generation,
                index,
                place,
                pointer: ev.pointer_id(),
                x0: f64::from(ev.client_x()),
                y0: f64::from(ev.client_y()),
                from: place.get_untracked(),
                moved: false,
            }));
        }
    }

    /// The drag in progress of pointer `ev`, if any, in the load drawn.
    fn dragging(self, ev: &ev::PointerEvent) -> Option<Drag> {
        let d = self
            .drag
            .get_value()
            .filter(|d| d.pointer == ev.pointer_id())?;
        if self.layout.with_value(|l| l.generation) != d.generation {
            self.drag.set_value(None);
            return None;
        }
        Some(d)
    }

    pub fn pointermove(self) -> impl Fn(ev::PointerEvent) + 'static {
        move |ev| {
            // Most moves over the grid are no drag: nothing else is read.
            let Some(mut d) = self.dragging(&ev) else {
                return;
            };
            let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
            if !d.moved && (x - d.x0).hypot(y - d.y0) < DRAG_SLOP_PX {
                return;
            }
            d.moved = true;
            self.drag.set_value(Some(d));
            if let Some(to) = self.place_at(&d, x, y)
                && Some(to) != d.place.try_get_untracked()
            {
                d.place.set(to);
            }
        }
    }

    pub fn pointerup(self) -> impl Fn(ev::PointerEvent) + 'static {
        move |ev| {
            let Some(d) = self.dragging(&ev) else {
                return;
            };
            self.drag.set_value(None);
            if !d.moved {
                return;
            }
            self.dragged.set_value(true);
            let to = self
                .place_at(&d, f64::from(ev.client_x()), f64::from(ev.client_y()))
                .unwrap_or(d.from);
            // Back where it was, then the move proper (which shows it there
            // again, sends it and may put it back).
            d.place.set(d.from);
            self.moves.send(d.index, to, None);
        }
    }

    pub fn pointercancel(self) -> impl Fn(ev::PointerEvent) + 'static {
        move |ev| {
            if let Some(d) = self.dragging(&ev) {
                d.place.set(d.from);
                self.drag.set_value(None);
            }
        }
    }
}
