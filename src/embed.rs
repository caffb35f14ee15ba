//! Talking to the page that embeds the widget (`public/embed.js`): its
//! height, and what the person did. Messages go only to the host origin
//! that embed.js named, never to "*".

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

    /// Sends `{source: "frontdesk", type, detail}` to the host page.
    pub fn post(&self, kind: &str, detail: serde_json::Value) {
        let Some(origin) = &self.0 else { return };
        let message = serde_json::json!({ "source": "frontdesk", "type": kind, "detail": detail });
        let Ok(value) = js_sys::JSON::parse(&message.to_string()) else {
            return;
        };
        if let Ok(Some(parent)) = window().parent() {
            let _ = parent.post_message(&value, origin);
        }
    }

    /// Keeps the host's iframe as tall as the widget.
    pub fn follow_height(&self) {
        if self.0.is_none() {
            return;
        }
        let host = self.clone();
        let callback = Closure::<dyn FnMut()>::new(move || {
            let height = document()
                .document_element()
                .map(|e| e.scroll_height())
                .unwrap_or(0);
            host.post("resize", serde_json::json!({ "height": height }));
        });
        if let (Ok(observer), Some(body)) = (
            web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()),
            document().body(),
        ) {
            observer.observe(&body);
            // The observer lives as long as the page.
            std::mem::forget(observer);
        }
        callback.forget();
    }
}
