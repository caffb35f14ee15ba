//! Moving a card with the keyboard alone: Space or Enter lifts it, the
//! arrows move its landing place within and between columns, Space or Enter
//! drops it, Escape puts it back. Every step is said in the live region.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::{BoardState, Lift, LiftMode, Target};
use crate::i18n::*;

pub fn on_card_key(state: BoardState, card_id: &str, ev: &web_sys::KeyboardEvent) {
    // Keys on the card's own buttons are theirs.
    let on_card = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.get_attribute("data-card-id").as_deref() == Some(card_id));
    if !on_card {
        return;
    }
    let lifted_here = state.lift.with_untracked(|l| {
        l.as_ref()
            .is_some_and(|l| l.card_id == card_id && l.mode == LiftMode::Keyboard)
    });
    let key = ev.key();
    if !lifted_here {
        if key == " " || key == "Enter" {
            ev.prevent_default();
            if state.lift.with_untracked(Option::is_some) {
                return;
            }
            state.lift.set(Some(Lift {
                card_id: card_id.to_owned(),
                mode: LiftMode::Keyboard,
            }));
            state.target.set(state.gap_of(card_id));
            say(state, card_id, "lifted");
        }
        return;
    }
    let Some(mut target) = state.target.get_untracked() else {
        return;
    };
    let stages = state.stages();
    let column = stages
        .iter()
        .position(|s| s.id == target.stage_id)
        .unwrap_or(0);
    let others = |stage_id: &str| state.others_in(stage_id, card_id);
    match key.as_str() {
        "ArrowUp" => target.gap = target.gap.saturating_sub(1),
        "ArrowDown" => target.gap = (target.gap + 1).min(others(&target.stage_id)),
        "ArrowLeft" | "ArrowRight" => {
            let next = if key == "ArrowLeft" {
                column.checked_sub(1)
            } else {
                (column + 1 < stages.len()).then_some(column + 1)
            };
            if let Some(next) = next {
                target.stage_id = stages[next].id.clone();
                target.gap = target.gap.min(others(&target.stage_id));
            }
        }
        "Home" => target.gap = 0,
        "End" => target.gap = others(&target.stage_id),
        " " | "Enter" => {
            ev.prevent_default();
            state.lift.set(None);
            state.target.set(None);
            let same = state.gap_of(card_id).as_ref() == Some(&target);
            if same {
                say(state, card_id, "unchanged");
            } else if state.needs_reason(card_id, &target) {
                // The reason dialog takes focus; it gives it back.
                state.request_move(card_id, target);
            } else {
                state.focus_card.set(Some(card_id.to_owned()));
                state.request_move(card_id, target);
                say(state, card_id, "dropped");
            }
            return;
        }
        "Escape" | "Tab" => {
            if key == "Escape" {
                ev.prevent_default();
            }
            state.lift.set(None);
            state.target.set(None);
            say(state, card_id, "cancelled");
            return;
        }
        _ => return,
    }
    ev.prevent_default();
    state.target.set(Some(target));
    say(state, card_id, "moved");
}

/// Puts a step into words: the card, and the column and place it would
/// land in.
fn say(state: BoardState, card_id: &str, what: &str) {
    let i18n = state.i18n;
    let title = state.card(card_id).map(|c| c.title).unwrap_or_default();
    let place = state
        .target
        .get_untracked()
        .map(|t| place_words(state, card_id, &t))
        .unwrap_or_default();
    let text = match what {
        "lifted" => format!(
            "{title}: {}. {place}. {}",
            t_string!(i18n, board_kb_lifted),
            t_string!(i18n, board_kb_help)
        ),
        "moved" => place,
        "dropped" => {
            let stage = state
                .card(card_id)
                .and_then(|c| state.stage(&c.stage_id))
                .map(|s| s.name_in(i18n.get_locale_untracked().as_str()).to_owned())
                .unwrap_or_default();
            format!("{title}: {} {stage}", t_string!(i18n, board_kb_dropped))
        }
        "cancelled" => format!("{title}: {}", t_string!(i18n, board_kb_cancelled)),
        _ => format!("{title}: {}", t_string!(i18n, board_kb_unchanged)),
    };
    state.announce.set(text);
}

fn place_words(state: BoardState, card_id: &str, t: &Target) -> String {
    let i18n = state.i18n;
    let name = state
        .stage(&t.stage_id)
        .map(|s| s.name_in(i18n.get_locale_untracked().as_str()).to_owned())
        .unwrap_or_default();
    let n = state.others_in(&t.stage_id, card_id) + 1;
    format!(
        "{name}, {} {} {} {n}",
        t_string!(i18n, board_kb_position),
        t.gap + 1,
        t_string!(i18n, board_kb_of)
    )
}

/// Focuses a card once it is on screen: after a drop it may be in a
/// column scrolled elsewhere, which renders only the cards in view.
pub fn focus_when_rendered(state: BoardState) {
    Effect::new(move || {
        let Some(id) = state.focus_card.get() else {
            return;
        };
        let _ = state.cards.with(Vec::len);
        request_animation_frame(move || {
            let selector = format!("[data-card-id=\"{}\"]", id.replace('"', ""));
            if let Some(el) = document()
                .query_selector(&selector)
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
                state.focus_card.set(None);
                return;
            }
            // Not rendered: scroll its column to it; the render that
            // follows brings it into the DOM and this runs again.
            if let Some(card) = state.card(&id) {
                let index = state
                    .column_untracked(&card.stage_id)
                    .iter()
                    .position(|c| c.id == id)
                    .unwrap_or(0);
                let body = format!(
                    "[data-stage-id=\"{}\"] .column-body",
                    card.stage_id.replace('"', "")
                );
                if let Some(el) = document().query_selector(&body).ok().flatten() {
                    el.set_scroll_top((index as f64 * super::state::CARD_SLOT) as i32);
                    let _ = el.dispatch_event(&web_sys::Event::new("scroll").unwrap());
                    let this = state;
                    request_animation_frame(move || this.focus_card.set(Some(id)));
                    return;
                }
            }
            state.focus_card.set(None);
        });
    });
}
