//! Typed client of `/api/v1`. Every call returns the server's problem
//! document on failure, or a synthetic one when the network is down, so pages
//! have one error shape to show.

pub mod appointments;
pub mod booking;
pub mod outbox;
pub mod pipelines;
pub mod prospects;
pub mod sales;
pub mod session;

use frontdesk_core::problem::Problem;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

const BASE: &str = "/api/v1";

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
    json(send(Request::get(&url(path)), None::<&()>).await?).await
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
    let response = send(Request::get(&url(path)), None::<&()>).await?;
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
    json(send(Request::post(&url(path)), Some(body)).await?).await
}

pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Problem> {
    json(send(Request::put(&url(path)), Some(body)).await?).await
}

pub async fn post_with_headers<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    headers: &[(&str, &str)],
) -> Result<T, Problem> {
    let mut builder = Request::post(&url(path));
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    json(send(builder, Some(body)).await?).await
}

pub async fn delete(path: &str) -> Result<(), Problem> {
    send(Request::delete(&url(path)), None::<&()>)
        .await
        .map(|_| ())
}

async fn send<B: Serialize>(
    builder: RequestBuilder,
    body: Option<&B>,
) -> Result<Response, Problem> {
    let builder = builder.header("Accept", "application/json");
    let request = match body {
        Some(b) => builder
            .json(b)
            .map_err(|e| Problem::new(NETWORK_STATUS, e.to_string()))?,
        None => builder
            .build()
            .map_err(|e| Problem::new(NETWORK_STATUS, e.to_string()))?,
    };
    let response = request
        .send()
        .await
        .map_err(|e| Problem::new(NETWORK_STATUS, e.to_string()))?;
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
