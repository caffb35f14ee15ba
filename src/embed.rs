//! Talking to the page that embeds the widget (`public/embed.js`, or the
//! staff app using it as a slot picker): its height, and what the person
//! did. Messages go only to the host origin that embed.js named (or the
//! widget's own origin for the staff app), never to "*".

use frontdesk_core::model::AppointmentSlot;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// The host page's origin when the widget runs inside embed.js's iframe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Host(pub Option<String>);

impl Host {
    /// Accepts only a bare origin (`https://club.example[:port]`).
    pub fn from_query(host: Option<String>) -> Self {
        let embedded = window()
            .parent()
            .ok()
            .flatten()
            .is_some_and(|p| p != window());
        let valid = host.filter(|h| {
            (h.starts_with("https://") || h.starts_with("http://"))
                && h.splitn(4, '/').nth(3).is_none()
                && !h.contains(['?', '#', ' ', '@'])
        });
        Self(valid.filter(|_| embedded))
    }

    /// The staff app framing the widget as its slot picker: the same
    /// origin, so no `host` parameter is needed (or trusted).
    pub fn own_parent() -> Self {
        let embedded = window()
            .parent()
            .ok()
            .flatten()
            .is_some_and(|p| p != window());
        Self(window().location().origin().ok().filter(|_| embedded))
    }

    /// Sends `{source: "frontdesk", type, detail}` to the host page.
    pub fn post(&self, kind: &str, detail: serde_json::Value) {
        self.send(&serde_json::json!({ "source": "frontdesk", "type": kind, "detail": detail }));
    }

    /// Sends a message as it is to the host page.
    pub fn send(&self, message: &serde_json::Value) {
        let Some(origin) = &self.0 else { return };
        let Ok(value) = js_sys::JSON::parse(&message.to_string()) else {
            return;
        };
        if let Ok(Some(parent)) = window().parent() {
            let _ = parent.post_message(&value, origin);
        }
    }

    /// Keeps the host's iframe as tall as the widget, growing and shrinking
    /// with it. The height is the body's own: the document's scroll height
    /// can never be less than the frame, so a frame once grown stayed tall.
    /// Inside a frame the body is not stretched to the window for the same
    /// reason (`min-height: 0`).
    pub fn follow_height(&self) {
        if self.0.is_none() {
            return;
        }
        let Some(body) = document().body() else {
            return;
        };
        let _ = body.style().set_property("min-height", "0");
        let host = self.clone();
        let callback = Closure::<dyn FnMut()>::new(move || {
            let height = document()
                .body()
                .map(|b| b.get_bounding_client_rect().height().ceil() as i64)
                .unwrap_or(0);
            host.post("resize", serde_json::json!({ "height": height }));
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(&body);
            // The observer lives as long as the page.
            std::mem::forget(observer);
        }
        callback.forget();
    }
}

/// What the slot picker posts to the staff app when a time is chosen.
pub const SLOT_PICKED: &str = "frontdesk:slot-picked";

pub fn slot_picked_message(slot: &AppointmentSlot) -> serde_json::Value {
    serde_json::json!({ "type": SLOT_PICKED, "slot": slot })
}

/// A message's data as JSON text. Any page can post anything, `undefined`
/// included, which has no JSON text at all.
fn json_text(data: &wasm_bindgen::JsValue) -> Option<String> {
    js_sys::JSON::stringify(data).ok()?.as_string()
}

/// What the picker posts when Escape is pressed inside it: the staff app's
/// dialog would not hear the key, which stays in the iframe's document.
pub const PICK_CANCEL: &str = "frontdesk:pick-cancel";

pub fn is_pick_cancel(data: &wasm_bindgen::JsValue) -> bool {
    json_text(data)
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .is_some_and(|m| m.get("type").and_then(|t| t.as_str()) == Some(PICK_CANCEL))
}

/// The slot of a picker's message, if `data` is one.
pub fn slot_picked(data: &wasm_bindgen::JsValue) -> Option<AppointmentSlot> {
    let text = json_text(data)?;
    let mut message: serde_json::Value = serde_json::from_str(&text).ok()?;
    if message.get("type")?.as_str()? != SLOT_PICKED {
        return None;
    }
    serde_json::from_value(message.get_mut("slot")?.take()).ok()
}

/// The height a widget reports in its `resize` message, if `data` is one.
pub fn reported_height(data: &wasm_bindgen::JsValue) -> Option<i64> {
    let text = json_text(data)?;
    let message: serde_json::Value = serde_json::from_str(&text).ok()?;
    (message.get("source")?.as_str()? == "frontdesk" && message.get("type")?.as_str()? == "resize")
        .then(|| message.get("detail")?.get("height")?.as_i64())
        .flatten()
}
