//! The grid's appointment buttons. A button is a place in the list of the
//! appointments drawn (`Slots`), not one appointment: another week gives
//! each button drawn the other week's appointment at its place in that
//! list, and only the buttons it has more of are new (or the ones it has
//! fewer of taken away). Drawing a week of buttons anew (creating them,
//! tearing the old ones down) cost more than the week's own layout;
//! rewriting the ones there costs a few attributes and texts each.
//!
//! Each button is kept up to date by one effect that writes only what
//! changed: another appointment given to it (all of it), or a move, a
//! cancellation, a save of its own. No listener of its own (the grid
//! hears their events, `grid_events`), no reactive attribute.

use std::sync::Arc;

use frontdesk_core::calendar::{Slots, wall_text};
use frontdesk_core::model::{BookingStatus, StaffAppointment};
use leptos::prelude::*;

use super::grid::{Selected, lane_left, lane_width, minutes};
use super::state::{Layout, Place, Shown};
use crate::components::sales_steps::status_text;
use crate::i18n::*;

/// What the button shows of its appointment.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Look {
    place: Place,
    status: BookingStatus,
    gone: bool,
    saving: bool,
}

impl Look {
    /// Read tracked: the button's effect follows them.
    fn of(s: &Shown) -> Self {
        Self {
            place: s.place.get(),
            status: s.status.get(),
            gone: s.gone.get(),
            saving: s.saving.get(),
        }
    }
}

/// "09:00–10:00": shown as it begins the label, so what is seen is what a
/// screen reader says first (and speech input finds it by what it shows).
fn span_text(p: Place) -> String {
    format!("{}–{}", wall_text(p.start), wall_text(p.end))
}

fn top(first: u32, p: Place) -> String {
    minutes(p.start.saturating_sub(first))
}

fn height(p: Place) -> String {
    minutes(p.end.saturating_sub(p.start).max(10))
}

/// "09:00–10:00, name, type, coach, status": what a screen reader says.
fn label(i18n: leptos_i18n::I18nContext<Locale>, s: &Shown, look: Look, resource: &str) -> String {
    format!(
        "{}, {}, {}, {}, {}",
        span_text(look.place),
        s.item.name,
        s.item.type_name,
        resource,
        status_text(i18n, look.status)
    )
}

/// What a button shows: which appointment of which load, and how. Kept
/// by its effect, so that another appointment given to it writes only
/// what differs from this one (the next week's appointment at the same
/// place in the list often has the same type, times or place).
#[derive(Clone)]
struct Drawn {
    key: (u64, usize),
    look: Look,
    /// Chosen when it was given this appointment (later, the grid marks
    /// it: `mark_selected`).
    chosen: bool,
    item: Arc<StaffAppointment>,
    first: u32,
    label: String,
}

/// Button number `button` of `slots`.
pub fn appointment(
    layout: StoredValue<Layout>,
    selected: RwSignal<Selected>,
    slots: Memo<Slots>,
    button: u64,
) -> impl IntoView {
    let i18n = use_i18n();
    let el = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |was: Option<Option<Drawn>>| {
        let was = was.flatten();
        let el = el.get()?;
        let Some((generation, index)) =
            slots.with(|s| Some((s.generation, s.appointment_of(button)?)))
        else {
            // Going: the For takes the button away.
            return was;
        };
        layout
            .try_with_value(|l| {
                // Another load may be put in the layout before the slots
                // follow it: this button is then rewritten once they do.
                if l.generation != generation {
                    return was.clone();
                }
                let Some(shown) = l.shown(index) else {
                    return was.clone();
                };
                let look = Look::of(shown);
                let chosen = selected.get_untracked() == Selected::Appointment(index);
                let now = Drawn {
                    key: (generation, index),
                    look,
                    chosen,
                    item: shown.item.clone(),
                    first: l.first,
                    label: label(i18n, shown, look, resource_of(l, look.place.col)),
                };
                draw(&el, was.as_ref(), &now);
                Some(now)
            })
            .flatten()
    });
    view! {
        <button type="button" class="cal-appt" node_ref=el>
            // Spaces between them, as words of the button's visible text.
            <span class="cal-appt-time"></span>
            " "
            <span class="cal-appt-name"></span>
            " "
            <span class="cal-appt-type"></span>
        </button>
    }
}

/// The name of the coach or room of column `col`.
fn resource_of(l: &Layout, col: usize) -> &str {
    l.columns.get(col).map_or("", |c| c.name.as_str())
}

/// Writes into the button what differs between what it showed (`was`,
/// nothing on a new button) and `now`: its data, place, state, label and
/// texts.
fn draw(el: &web_sys::HtmlButtonElement, was: Option<&Drawn>, now: &Drawn) {
    use web_sys::HtmlElement;
    let html: &HtmlElement = el;
    let (look, p) = (now.look, now.look.place);
    match was.filter(|w| w.key == now.key) {
        // Its own change (a move, a cancellation, a save): the chosen mark
        // is left to the grid (`mark_selected`).
        Some(w) => {
            let classes = el.class_list();
            if w.look.status != look.status {
                let _ = classes
                    .toggle_with_force("cal-cancelled", look.status == BookingStatus::Cancelled);
            }
            if w.look.saving != look.saving {
                let _ = classes.toggle_with_force("cal-saving", look.saving);
            }
        }
        // Another appointment: all of its classes, whatever the button had.
        None => {
            let mut names = String::from("cal-appt");
            for (on, name) in [
                (look.status == BookingStatus::Cancelled, " cal-cancelled"),
                (look.saving, " cal-saving"),
                (now.chosen, " cal-chosen"),
            ] {
                if on {
                    names.push_str(name);
                }
            }
            el.set_class_name(&names);
        }
    }
    if was.is_none_or(|w| w.key.1 != now.key.1) {
        let _ = el.set_attribute("data-i", &now.key.1.to_string());
    }
    if was.is_none_or(|w| w.item.id != now.item.id) {
        let _ = el.set_attribute("data-id", &now.item.id.to_string());
    }
    if was.is_none_or(|w| w.look.gone != look.gone) {
        html.set_hidden(look.gone);
    }
    let style = html.style();
    let before = was.map(|w| (w.look.place, w.first));
    let changed = |f: fn(Place, u32) -> (u32, u32)| {
        before.is_none_or(|(b, first)| f(b, first) != f(p, now.first))
    };
    if changed(|p, first| (p.start.saturating_sub(first), 0)) {
        let _ = style.set_property("top", &top(now.first, p));
    }
    if changed(|p, _| (p.end.saturating_sub(p.start), 0)) {
        let _ = style.set_property("height", &height(p));
    }
    if changed(|p, _| (p.col as u32, u32::from(p.lane) << 16 | u32::from(p.lanes))) {
        let _ = style.set_property("left", &lane_left(p));
    }
    if changed(|p, _| (u32::from(p.lanes), 0)) {
        let _ = style.set_property("width", &lane_width(p));
    }
    if was.is_none_or(|w| w.label != now.label) {
        let _ = el.set_attribute("aria-label", &now.label);
    }
    let texts = |d: &Drawn| {
        [
            span_text(d.look.place),
            d.item.name.clone(),
            d.item.type_name.clone(),
        ]
    };
    let (old, new) = (was.map(texts), texts(now));
    let spans = el.children();
    for (n, text) in new.iter().enumerate() {
        if old.as_ref().is_some_and(|o| &o[n] == text) {
            continue;
        }
        let Some(span) = spans.item(n as u32) else {
            continue;
        };
        // The text node there, rewritten in place; a new one only the
        // first time.
        match span.first_child() {
            Some(node) => node.set_node_value(Some(text)),
            None => span.set_text_content(Some(text)),
        }
    }
}
