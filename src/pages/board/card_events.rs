//! The cards' events, heard once per column rather than once per card. A
//! card is drawn anew at every move and every scroll step, and attaching
//! (and later detaching) a listener per event each time was a measurable
//! share of a drop; here the column's list hears them as they bubble up and
//! finds the card by its `data-card-id`.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::BoardUi;
use super::drag::Drag;
use super::keyboard;
use super::state::BoardState;

/// A card's two buttons: its title (on deal boards) and "Move to…".
const BUTTONS: &str = "button.card-title, button.card-menu";

/// The element an event happened on.
fn target(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()?.dyn_into::<web_sys::Element>().ok()
}

/// The id of the card `el` is in, if any.
fn card_around(el: &web_sys::Element) -> Option<String> {
    el.closest(".board-card")
        .ok()??
        .get_attribute("data-card-id")
}

/// The id of the card an event happened in, if any.
fn card_of(ev: &web_sys::Event) -> Option<String> {
    card_around(&target(ev)?)
}

/// The handlers for a column's list of cards.
#[derive(Clone, Copy)]
pub struct CardEvents {
    state: BoardState,
    drag: Drag,
    ui: BoardUi,
}

impl CardEvents {
    pub fn new() -> CardEvents {
        CardEvents {
            state: expect_context(),
            drag: expect_context(),
            ui: expect_context(),
        }
    }

    pub fn pointerdown(self) -> impl Fn(ev::PointerEvent) + 'static {
        move |ev| {
            if let Some(id) = card_of(&ev) {
                self.drag.start(&ev, &id);
            }
        }
    }

    pub fn keydown(self) -> impl Fn(ev::KeyboardEvent) + 'static {
        move |ev| {
            if let Some(id) = card_of(&ev) {
                keyboard::on_card_key(self.state, &id, &ev);
            }
        }
    }

    /// A long press that lifts a card opens no context menu.
    pub fn contextmenu(self) -> impl Fn(ev::MouseEvent) + 'static {
        move |ev| {
            if self.drag.is_active() {
                ev.prevent_default();
            }
        }
    }

    /// A card's title opens the deal; its "⋯" button, the "Move to…" menu.
    /// A click that ends a drag does neither.
    pub fn click(self) -> impl Fn(ev::MouseEvent) + 'static {
        move |ev| {
            let Some(button) = target(&ev).and_then(|t| t.closest(BUTTONS).ok().flatten()) else {
                return;
            };
            let Some(id) = card_around(&button) else {
                return;
            };
            if self.drag.take_click_suppression() {
                return;
            }
            if button.matches(".card-title").unwrap_or(false) {
                self.ui.open_detail.run(id);
            } else {
                self.state.menu_for.set(Some(id));
            }
        }
    }
}
