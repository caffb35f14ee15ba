//! Moving keyboard and screen-reader focus, the way every page does it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses the first element matching `selector`, if any; true when it
/// then has the focus.
pub fn focus(selector: &str) -> bool {
    let Some(el) = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    let _ = el.focus();
    document()
        .active_element()
        .is_some_and(|active| active == *el)
}

/// How many frames `focus_after_render` waits for its element at most.
const FOCUS_FRAMES: u32 = 10;

/// The same, once the view that is being rendered is on screen. On a busy
/// machine the element can come a frame or two later (an async part of the
/// view), so it is tried again on the next frames until it has the focus.
pub fn focus_after_render(selector: &'static str) {
    fn attempt(selector: &'static str, left: u32) {
        request_animation_frame(move || {
            if !focus(selector) && left > 1 {
                attempt(selector, left - 1);
            }
        });
    }
    attempt(selector, FOCUS_FRAMES);
}

/// Resolves once the browser has painted the current DOM: after the next
/// animation frame's rendering, not before it. A hidden tab runs no
/// animation frames, so there it resolves after [`PAINT_AT_MOST`] instead;
/// and a page being left (a reload, a link) resolves it at once, so that
/// what waited for the paint (a move's request) is sent before the next
/// page reads the data, not after.
pub async fn next_paint() {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    let (tx, rx) = futures::channel::oneshot::channel();
    let slot = std::rc::Rc::new(std::cell::Cell::new(Some(tx)));
    let fire = move || {
        if let Some(tx) = slot.take() {
            let _ = tx.send(());
        }
    };
    let after_frame = fire.clone();
    let on_leave = fire.clone();
    request_animation_frame(move || set_timeout(after_frame, std::time::Duration::ZERO));
    set_timeout(fire, PAINT_AT_MOST);
    let leaving = Closure::<dyn FnMut()>::new(on_leave);
    let w = window();
    let _ = w.add_event_listener_with_callback("pagehide", leaving.as_ref().unchecked_ref());
    let _ = rx.await;
    let _ = w.remove_event_listener_with_callback("pagehide", leaving.as_ref().unchecked_ref());
}

/// Resolves after `wait` (the browser's timer, no extra crate).
pub async fn sleep(wait: std::time::Duration) {
    let (tx, rx) = futures::channel::oneshot::channel::<()>();
    set_timeout(
        move || {
            let _ = tx.send(());
        },
        wait,
    );
    let _ = rx.await;
}

/// A length in CSS pixels. Whole values (every row and card offset) are
/// written as integers: formatting a float is slow in wasm, and a keystroke
/// or a drop writes dozens of offsets.
pub fn px(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}px", v as i64)
    } else {
        format!("{v}px")
    }
}

/// How long [`next_paint`] waits at most.
const PAINT_AT_MOST: std::time::Duration = std::time::Duration::from_millis(100);

/// The window's inner size in CSS pixels; reading it takes no layout.
pub fn window_size() -> (f64, f64) {
    let w = window();
    let px = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    (px(w.inner_width()), px(w.inner_height()))
}

/// Calls `on_size(width, height)` with the element's content box once it is
/// laid out, and again whenever layout changes it. A `ResizeObserver`
/// reports after the browser's own layout, in the same frame, so unlike
/// reading `clientHeight` at mount it never forces a layout in the middle of
/// a render: on the prospect list that forced layout cost more than the
/// list's own first render.
pub fn watch_size(node: NodeRef<leptos::html::Div>, on_size: impl Fn(f64, f64) + 'static) {
    use wasm_bindgen::closure::Closure;
    type Watch = (web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>);
    let on_size = std::rc::Rc::new(on_size);
    let watch = StoredValue::new_local(None::<Watch>);
    Effect::new(move || {
        let Some(el) = node.get() else {
            return;
        };
        let on_size = on_size.clone();
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(entry) = entries.get(0).dyn_ref::<web_sys::ResizeObserverEntry>() {
                let rect = entry.content_rect();
                on_size(rect.width(), rect.height());
            }
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(&el);
            watch.update_value(|w| {
                if let Some((old, _)) = w.replace((observer, callback)) {
                    old.disconnect();
                }
            });
        }
    });
    on_cleanup(move || {
        watch.update_value(|w| {
            if let Some((observer, _)) = w.take() {
                observer.disconnect();
            }
        })
    });
}
