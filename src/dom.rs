//! Moving keyboard and screen-reader focus, the way every page does it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses the first element matching `selector`, if any.
pub fn focus(selector: &str) {
    if let Some(el) = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The same, once the view that is being rendered is on screen.
pub fn focus_after_render(selector: &'static str) {
    request_animation_frame(move || focus(selector));
}

/// Resolves once the browser has painted the current DOM: after the next
/// animation frame's rendering, not before it. A hidden tab runs no
/// animation frames, so there it resolves after [`PAINT_AT_MOST`] instead.
pub async fn next_paint() {
    let (tx, rx) = futures::channel::oneshot::channel();
    let slot = std::rc::Rc::new(std::cell::Cell::new(Some(tx)));
    let fire = move || {
        if let Some(tx) = slot.take() {
            let _ = tx.send(());
        }
    };
    let after_frame = fire.clone();
    request_animation_frame(move || set_timeout(after_frame, std::time::Duration::ZERO));
    set_timeout(fire, PAINT_AT_MOST);
    let _ = rx.await;
}

/// How long [`next_paint`] waits at most.
const PAINT_AT_MOST: std::time::Duration = std::time::Duration::from_millis(100);
