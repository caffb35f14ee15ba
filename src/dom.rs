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
