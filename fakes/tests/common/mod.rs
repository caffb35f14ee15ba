//! Test helpers: a tiny HTTP/1.1 client (no client crate needed), an XML
//! tree parsed with quick-xml (independent of the fake's own writer),
//! OnlineAfspraken request signing through the fake's public signer, and
//! Overplane and AlphaAlpha calls with the bearer token.

#![allow(dead_code)]

use std::net::SocketAddr;

use quick_xml::events::Event;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use frontdesk_fakes::FakeVendors;
use frontdesk_fakes::onlineafspraken::signature::signed_params;

pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn xml(&self) -> Node {
        parse_xml(&self.body)
    }
}

pub async fn http(
    addr: SocketAddr,
    method: &str,
    target: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> HttpResponse {
    let headers: Vec<(&str, &str)> = content_type
        .map(|ct| vec![("Content-Type", ct)])
        .unwrap_or_default();
    http_with_headers(addr, method, target, &headers, body).await
}

/// [`http`] with any extra request headers.
pub async fn http_with_headers(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> HttpResponse {
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nUser-Agent: fakes-test\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.expect("write");
    stream.write_all(body).await.expect("write body");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    HttpResponse {
        status,
        headers,
        body: String::from_utf8(body).expect("UTF-8 body"),
    }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = raw.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..eol]).unwrap().trim(), 16)
            .expect("chunk size");
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[eol + 2..eol + 2 + size]);
        raw = &raw[eol + 2 + size + 2..];
    }
}

pub fn query(params: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish()
}

pub async fn get(fake: &FakeVendors, path_and_query: &str) -> HttpResponse {
    http(fake.addr(), "GET", path_and_query, None, b"").await
}

/// `GET /clubplanner/api/{path}?token=DEMO…&params`.
pub async fn cp(fake: &FakeVendors, path: &str, params: &[(&str, &str)]) -> HttpResponse {
    let token = fake.credentials().clubplanner_token.clone();
    let mut all = vec![("token", token.as_str())];
    all.extend_from_slice(params);
    get(fake, &format!("/clubplanner/api/{path}?{}", query(&all))).await
}

/// An Overplane call with `Authorization: Bearer <the fake's token>` and,
/// when `body` is given, a JSON body; `path` follows the base URL
/// (`/api/crm/prospect`).
pub async fn op(
    fake: &FakeVendors,
    method: &str,
    path: &str,
    body: Option<&serde_json::Value>,
) -> HttpResponse {
    let auth = format!("Bearer {}", fake.credentials().overplane_token);
    let mut headers = vec![("Authorization", auth.as_str())];
    let text = body.map(|b| b.to_string()).unwrap_or_default();
    if body.is_some() {
        headers.push(("Content-Type", "application/json"));
    }
    http_with_headers(
        fake.addr(),
        method,
        &format!("/overplane{path}"),
        &headers,
        text.as_bytes(),
    )
    .await
}

/// An AlphaAlpha call with `Authorization: Bearer <the fake's token>` and,
/// when `body` is given, that text as a JSON body; `path` follows the base
/// URL (`/crm/customers/my`).
pub async fn aa_raw(
    fake: &FakeVendors,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> HttpResponse {
    let auth = format!("Bearer {}", fake.credentials().alphaalpha_token);
    let mut headers = vec![("Authorization", auth.as_str())];
    if body.is_some() {
        headers.push(("Content-Type", "application/json"));
    }
    http_with_headers(
        fake.addr(),
        method,
        &format!("/alphaalpha/api/v1{path}"),
        &headers,
        body.unwrap_or_default().as_bytes(),
    )
    .await
}

/// [`aa_raw`] with a JSON value as the body.
pub async fn aa(
    fake: &FakeVendors,
    method: &str,
    path: &str,
    body: Option<&serde_json::Value>,
) -> HttpResponse {
    let text = body.map(|b| b.to_string());
    aa_raw(fake, method, path, text.as_deref()).await
}

/// A signed OnlineAfspraken GET, salted with the fake's own clock.
pub async fn oa(fake: &FakeVendors, method: &str, params: &[(&str, &str)]) -> HttpResponse {
    let creds = fake.credentials();
    let signed = signed_params(
        method,
        params,
        &creds.onlineafspraken_key,
        &creds.onlineafspraken_secret,
        fake.now().timestamp(),
    );
    let pairs: Vec<(&str, &str)> = signed
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    get(fake, &format!("/onlineafspraken/APIREST?{}", query(&pairs))).await
}

/// An element: name, text (trimmed), children. What two XML documents are
/// compared by, so whitespace and `<X/>` vs `<X></X>` do not matter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub name: String,
    pub text: String,
    pub children: Vec<Node>,
}

impl Node {
    pub fn child(&self, name: &str) -> &Node {
        self.children
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("<{}> has no <{name}>: {self:#?}", self.name))
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Text at a path like `Status/Status`.
    pub fn at(&self, path: &str) -> &str {
        let mut node = self;
        for part in path.split('/') {
            node = node.child(part);
        }
        &node.text
    }

    pub fn at_mut(&mut self, path: &str) -> &mut Node {
        let mut node = self;
        for part in path.split('/') {
            node = node
                .children
                .iter_mut()
                .find(|c| c.name == part)
                .expect("path");
        }
        node
    }
}

pub fn parse_xml(text: &str) -> Node {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<Node> = vec![Node {
        name: String::new(),
        text: String::new(),
        children: Vec::new(),
    }];
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => stack.push(Node {
                name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
                text: String::new(),
                children: Vec::new(),
            }),
            Ok(Event::Empty(e)) => stack.last_mut().unwrap().children.push(Node {
                name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
                text: String::new(),
                children: Vec::new(),
            }),
            Ok(Event::Text(t)) => stack
                .last_mut()
                .unwrap()
                .text
                .push_str(&t.decode().expect("text")),
            Ok(Event::GeneralRef(r)) => {
                let name = r.decode().expect("ref").into_owned();
                let c = match r.resolve_char_ref().expect("char ref") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&name)
                        .unwrap_or_else(|| panic!("unknown entity &{name};"))
                        .to_string(),
                };
                stack.last_mut().unwrap().text.push_str(&c);
            }
            Ok(Event::End(_)) => {
                let mut done = stack.pop().unwrap();
                done.text = done.text.trim().to_string();
                if !done.children.is_empty() {
                    done.text.clear();
                }
                stack.last_mut().unwrap().children.push(done);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("malformed XML at {}: {e}\n{text}", reader.buffer_position()),
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements in\n{text}");
    let mut root = stack.pop().unwrap();
    assert_eq!(
        root.children.len(),
        1,
        "one root element expected in\n{text}"
    );
    root.children.pop().unwrap()
}

pub fn sample(path: &str) -> String {
    let full = format!("{}/tests/samples/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// A Cirrus call with `X-Token: <the fake's token>`, an optional
/// `X-Fields` mask and, when `body` is given, a JSON body; `path` follows
/// the base URL (`/leads?page=2`).
pub async fn cirrus(
    fake: &FakeVendors,
    method: &str,
    path: &str,
    mask: Option<&str>,
    body: Option<&serde_json::Value>,
) -> HttpResponse {
    let token = fake.credentials().cirrus_token.clone();
    let mut headers = vec![("X-Token", token.as_str())];
    if let Some(m) = mask {
        headers.push(("X-Fields", m));
    }
    let text = body.map(|b| b.to_string()).unwrap_or_default();
    if body.is_some() {
        headers.push(("Content-Type", "application/json"));
    }
    http_with_headers(
        fake.addr(),
        method,
        &format!("/cirrus{path}"),
        &headers,
        text.as_bytes(),
    )
    .await
}
