//! The list's view in the address bar: read at start and on back/forward,
//! written on every change with `replaceState`, so typing does not pile up
//! history entries and a reload or a shared link shows the same list.

use frontdesk_core::prospect_list::ListView;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::time::Duration;

use leptos::leptos_dom::helpers::TimeoutHandle;
use wasm_bindgen::JsValue;

use crate::api::encode;

/// `a=b&c=d` (with or without the leading `?`) as decoded pairs.
pub fn pairs(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let s = s.replace('+', " ");
    js_sys::decode_uri_component(&s)
        .map(String::from)
        .unwrap_or(s)
}

fn parse(search: &str) -> ListView {
    let pairs = pairs(search);
    ListView::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

pub fn view_from_location() -> ListView {
    parse(&window().location().search().unwrap_or_default())
}

/// The view as a query string without `?`; the export takes it as is.
pub fn query_of(view: &ListView) -> String {
    view.to_pairs()
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A link within the list's pages that keeps the view.
pub fn href(path: &str, view: &ListView) -> String {
    with_query(path, &query_of(view))
}

/// `path` with the query string `q` (from [`query_of`]), if any.
pub fn with_query(path: &str, q: &str) -> String {
    if q.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{q}")
    }
}

/// How long typing must pause before the address bar follows: browsers
/// throttle frequent `replaceState`, and a keystroke should only repaint.
const URL_PAUSE: Duration = Duration::from_millis(250);

fn write_url(view: &ListView) {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let wanted = href(&path, view);
    let current = format!("{path}{}", location.search().unwrap_or_default());
    if wanted != current
        && let Ok(history) = window().history()
    {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&wanted));
    }
}

pub fn keep_view_in_url(view: RwSignal<ListView>) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move || {
        view.track();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle =
            set_timeout_with_handle(move || view.with_untracked(write_url), URL_PAUSE).ok();
        pending.set_value(handle);
    });
    // Leaving the list drops a pending write: the address is another page's now.
    on_cleanup(move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
    });
    // Back, forward and links change the router's location: follow them.
    let search = use_location().search;
    Effect::new(move |previous: Option<String>| {
        let s = search.get();
        if previous.is_some_and(|p| p != s) {
            let next = parse(&s);
            if view.with_untracked(|v| *v != next) {
                view.set(next);
            }
        }
        s
    });
}
