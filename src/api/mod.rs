//! Typed client of `/api/v1`. Every call returns the server's problem
//! document on failure, or a synthetic one when the network is down, so pages
//! have one error shape to show.

pub mod appointments;
pub mod booking;
pub mod booking_setup;
pub mod connections;
pub mod outbox;
pub mod pipelines;
pub mod prospects;
pub mod related;
pub mod sales;
pub mod session;
pub mod settings;

use frontdesk_core::problem::Problem;
use gloo_net::http::{Request, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

const BASE: &str = "/api/v1";

thread_local! {
    /// Changes sent to the server, counted as each starts and as each
    /// ends: a page holding data read earlier (the calendar's next week,
    /// loaded ahead) knows by it whether a change may have made it stale.
    static WRITES: leptos::prelude::ArcRwSignal<u64> = leptos::prelude::ArcRwSignal::new(0);
}

/// How many times a change was sent or answered so far (untracked).
pub fn writes() -> u64 {
    use leptos::prelude::GetUntracked;
    WRITES.with(|w| w.get_untracked())
}

/// Subscribes the running effect to [`writes`].
pub fn track_writes() {
    use leptos::prelude::Track;
    WRITES.with(|w| w.track());
}

fn count_write() {
    use leptos::prelude::Update;
    WRITES.with(|w| w.update(|n| *n += 1));
}

/// Status used for problems made up in the browser when no answer came.
pub const NETWORK_STATUS: u16 = 0;

/// Percent-encodes one path segment or query value.
pub fn encode(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}

pub fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, Problem> {
    json(send("GET", path, &[], None).await?).await
}

/// A large answer, read as bytes (skipping the JS string and its
/// conversion that `text()` costs) and parsed when the caller is ready:
/// parsing is long work on the one thread that also paints.
pub struct Body {
    status: u16,
    bytes: Vec<u8>,
}

impl Body {
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Problem> {
        serde_json::from_slice(&self.bytes).map_err(|e| {
            Problem::new(self.status, "Unexpected answer from the server")
                .with_detail(e.to_string())
        })
    }
}

pub async fn get_body(path: &str) -> Result<Body, Problem> {
    let response = send("GET", path, &[], None).await?;
    let bytes = response
        .binary()
        .await
        .map_err(|e| Problem::new(NETWORK_STATUS, e.to_string()))?;
    Ok(Body {
        status: response.status(),
        bytes,
    })
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Problem> {
    json(send("POST", path, &[], Some(Payload::Json(to_json(body)?))).await?).await
}

pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Problem> {
    json(send("PUT", path, &[], Some(Payload::Json(to_json(body)?))).await?).await
}

pub async fn patch<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Problem> {
    json(send("PATCH", path, &[], Some(Payload::Json(to_json(body)?))).await?).await
}

pub async fn post_with_headers<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    headers: &[(&str, &str)],
) -> Result<T, Problem> {
    json(send("POST", path, headers, Some(Payload::Json(to_json(body)?))).await?).await
}

/// A request answered without a body (204).
pub async fn send_no_content<B: Serialize>(
    method: &str,
    path: &str,
    body: &B,
) -> Result<(), Problem> {
    send(method, path, &[], Some(Payload::Json(to_json(body)?)))
        .await
        .map(|_| ())
}

pub async fn delete(path: &str) -> Result<(), Problem> {
    send("DELETE", path, &[], None).await.map(|_| ())
}

/// A DELETE whose answer is the resource's state afterwards.
pub async fn delete_json<T: DeserializeOwned>(path: &str) -> Result<T, Problem> {
    json(send("DELETE", path, &[], None).await?).await
}

/// A body that is not JSON (an image), sent as it is with its own type;
/// the answer is JSON.
pub async fn send_bytes<T: DeserializeOwned>(
    method: &str,
    path: &str,
    content_type: &str,
    bytes: &[u8],
) -> Result<T, Problem> {
    json(send(method, path, &[], Some(Payload::Bytes(content_type, bytes))).await?).await
}

/// What a request carries: JSON text, or bytes of their own type.
enum Payload<'a> {
    Json(String),
    Bytes(&'a str, &'a [u8]),
}

impl Payload<'_> {
    fn len(&self) -> usize {
        match self {
            Payload::Json(text) => text.len(),
            Payload::Bytes(_, bytes) => bytes.len(),
        }
    }
}

fn to_json<B: Serialize>(body: &B) -> Result<String, Problem> {
    serde_json::to_string(body).map_err(|e| Problem::new(NETWORK_STATUS, e.to_string()))
}

/// The most a `keepalive` request may carry (browsers allow 64 KiB in
/// flight for all of them together).
const KEEPALIVE_MAX_BYTES: usize = 48 * 1024;

/// Sends a request. One that changes data goes with `keepalive`, so it
/// survives the page going away: a card moved (or a field saved) just
/// before a reload or a closed tab is stored, not cancelled halfway (a lost
/// move was seen exactly so). Large bodies (a CSV import) cannot: the
/// browser limits keepalive requests to 64 KiB.
async fn send(
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<Payload<'_>>,
) -> Result<Response, Problem> {
    let network = |e: wasm_bindgen::JsValue| {
        Problem::new(
            NETWORK_STATUS,
            e.as_string().unwrap_or_else(|| format!("{e:?}")),
        )
    };
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let h = web_sys::Headers::new().map_err(network)?;
    h.set("Accept", "application/json").map_err(network)?;
    let writes = method != "GET";
    if writes {
        count_write();
    }
    let small = body.as_ref().is_none_or(|b| b.len() <= KEEPALIVE_MAX_BYTES);
    if writes && small {
        // web-sys's RequestInit has no setter for it; it is a plain field
        // of the init dictionary.
        js_sys::Reflect::set(&init, &"keepalive".into(), &true.into()).map_err(network)?;
    }
    match &body {
        Some(Payload::Json(text)) => {
            h.set("Content-Type", "application/json").map_err(network)?;
            init.set_body(&wasm_bindgen::JsValue::from_str(text));
        }
        Some(Payload::Bytes(content_type, bytes)) => {
            h.set("Content-Type", content_type).map_err(network)?;
            init.set_body(&js_sys::Uint8Array::from(*bytes));
        }
        None => {}
    }
    for (name, value) in headers {
        h.set(name, value).map_err(network)?;
    }
    init.set_headers(&h);
    let raw = web_sys::Request::new_with_str_and_init(&url(path), &init).map_err(network)?;
    let response = Request::from(raw).send().await;
    if writes {
        count_write();
    }
    let response = response.map_err(|e| Problem::new(NETWORK_STATUS, e.to_string()))?;
    if response.ok() {
        Ok(response)
    } else {
        Err(problem_of(response).await)
    }
}

async fn json<T: DeserializeOwned>(response: Response) -> Result<T, Problem> {
    response.json().await.map_err(|e| {
        Problem::new(response.status(), "Unexpected answer from the server")
            .with_detail(e.to_string())
    })
}

async fn problem_of(response: Response) -> Problem {
    let status = response.status();
    match response.json::<Problem>().await {
        Ok(problem) => problem,
        Err(_) => Problem::new(status, response.status_text()),
    }
}
