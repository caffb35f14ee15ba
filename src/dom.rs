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
/// animation frame's rendering, not before it.
pub async fn next_paint() {
    let (tx, rx) = futures::channel::oneshot::channel();
    request_animation_frame(move || {
        set_timeout(
            move || {
                let _ = tx.send(());
            },
            std::time::Duration::ZERO,
        )
    });
    let _ = rx.await;
}
