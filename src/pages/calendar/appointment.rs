//! One appointment in the grid: a button drawn once with its place, name
//! and state, and kept up to date by one effect that writes only what
//! changed. A week shows a few hundred of them and a switch of week draws
//! them all anew, so each is as cheap as it can be: no listener (the grid
//! hears their events, `grid_events`), no reactive attribute of its own.

use frontdesk_core::calendar::wall_text;
use frontdesk_core::model::BookingStatus;
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
    fn of(s: &Shown) -> Self {
        Self {
            place: s.place.get(),
            status: s.status.get(),
            gone: s.gone.get(),
            saving: s.saving.get(),
        }
    }

    fn of_untracked(s: &Shown) -> Self {
        Self {
            place: s.place.get_untracked(),
            status: s.status.get_untracked(),
            gone: s.gone.get_untracked(),
            saving: s.saving.get_untracked(),
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

/// The name of the coach or room of column `col`.
fn resource_of(layout: StoredValue<Layout>, col: usize) -> String {
    layout
        .try_with_value(|l| l.columns.get(col).map(|c| c.name.clone()))
        .flatten()
        .unwrap_or_default()
}

/// The button of `layout.shown[index]`.
pub fn appointment(
    layout: StoredValue<Layout>,
    selected: RwSignal<Selected>,
    index: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some((shown, first)) = layout.with_value(|l| Some((l.shown.get(index)?.clone(), l.first)))
    else {
        return ().into_any();
    };
    let drawn = Look::of_untracked(&shown);
    let el = NodeRef::<leptos::html::Button>::new();
    {
        let shown = shown.clone();
        // Changes after it was drawn: a move, a cancellation, a save.
        Effect::new(move |was: Option<Look>| {
            let now = Look::of(&shown);
            let was = was.unwrap_or(drawn);
            if now != was
                && let Some(el) = el.get_untracked()
            {
                redraw(&el, first, was, now);
                if now.place != was.place || now.status != was.status {
                    let resource = resource_of(layout, now.place.col);
                    let _ = el.set_attribute("aria-label", &label(i18n, &shown, now, &resource));
                }
            }
            now
        });
    }
    let p = drawn.place;
    let mut class = String::from("cal-appt");
    for (on, name) in [
        (drawn.status == BookingStatus::Cancelled, " cal-cancelled"),
        (drawn.saving, " cal-saving"),
        (
            selected.get_untracked() == Selected::Appointment(index),
            " cal-chosen",
        ),
    ] {
        if on {
            class.push_str(name);
        }
    }
    let aria = label(i18n, &shown, drawn, &resource_of(layout, p.col));
    view! {
        <button
            type="button"
            class=class
            data-i=index
            data-id=shown.item.id
            hidden=drawn.gone
            style:top=top(first, p)
            style:height=height(p)
            style:left=lane_left(p)
            style:width=lane_width(p)
            aria-label=aria
            node_ref=el
        >
            // Spaces between them, as words of the button's visible text.
            <span class="cal-appt-time">{span_text(p)}</span>
            " "
            <span class="cal-appt-name">{shown.item.name.clone()}</span>
            " "
            <span class="cal-appt-type">{shown.item.type_name.clone()}</span>
        </button>
    }
    .into_any()
}

/// Writes what changed from `was` to `now` into the button.
fn redraw(el: &web_sys::HtmlButtonElement, first: u32, was: Look, now: Look) {
    use web_sys::HtmlElement;
    let html: &HtmlElement = el;
    if now.place != was.place {
        let (p, style) = (now.place, html.style());
        let _ = style.set_property("top", &top(first, p));
        let _ = style.set_property("height", &height(p));
        let _ = style.set_property("left", &lane_left(p));
        let _ = style.set_property("width", &lane_width(p));
        if (p.start, p.end) != (was.place.start, was.place.end)
            && let Some(time) = el.first_element_child()
        {
            time.set_text_content(Some(&span_text(p)));
        }
    }
    let classes = el.class_list();
    if now.status != was.status {
        let _ = classes.toggle_with_force("cal-cancelled", now.status == BookingStatus::Cancelled);
    }
    if now.saving != was.saving {
        let _ = classes.toggle_with_force("cal-saving", now.saving);
    }
    if now.gone != was.gone {
        html.set_hidden(now.gone);
    }
}
