//! A real app on a fresh temporary SQLite database, driven with `oneshot`.

#![allow(dead_code)]

pub mod booking;
pub mod vendors;

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, header};
use frontdesk_server::{AppState, Settings, store};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub struct TestApp {
    pub router: Router,
    pub state: Arc<AppState>,
    pub dir: tempfile::TempDir,
}

pub async fn app_with(configure: impl FnOnce(&mut Settings, &std::path::Path)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings::local(dir.path().join("test.db"), dir.path().join("dist"));
    configure(&mut settings, dir.path());
    let db = store::open(&settings.db).await.unwrap();
    let state = Arc::new(AppState::new(db, settings));
    TestApp {
        router: frontdesk_server::app(state.clone()),
        state,
        dir,
    }
}

pub async fn app() -> TestApp {
    app_with(|_, _| {}).await
}

pub async fn demo_app() -> TestApp {
    let app = app().await;
    store::seed::seed_demo(&app.state.db).await.unwrap();
    app
}

pub struct Reply {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    /// The `name=value` part of the Set-Cookie header, for the next request.
    pub fn cookie(&self) -> Option<String> {
        self.header("set-cookie")
            .map(|c| c.split(';').next().unwrap().to_owned())
    }
    pub fn assert_problem(&self, status: u16) -> serde_json::Value {
        assert_eq!(self.status, status, "{}", self.text());
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json")
        );
        let json = self.json();
        assert_eq!(json["status"], status);
        assert!(json["title"].is_string());
        json
    }
}

/// `GET uri`, with the session cookie if there is one.
pub fn get_request(uri: &str, cookie: Option<&str>) -> Request<Body> {
    let mut req = Request::get(uri);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.body(Body::empty()).unwrap()
}

impl TestApp {
    /// The one number a query such as `SELECT COUNT(*) …` answers, read
    /// straight from the store.
    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.state.db)
            .await
            .unwrap()
    }

    /// The response as the router gives it, its body not read yet: for a
    /// test of how the body arrives.
    pub async fn respond(&self, request: Request<Body>) -> Response<Body> {
        self.router.clone().oneshot(request).await.unwrap()
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.respond(request).await;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, uri: &str, cookie: Option<&str>) -> Reply {
        self.send(get_request(uri, cookie)).await
    }

    pub async fn post_json(&self, uri: &str, body: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(body.to_owned())).unwrap())
            .await
    }

    /// `method` (PUT, PATCH…) with a JSON body.
    pub async fn send_json(
        &self,
        method: &str,
        uri: &str,
        body: &str,
        cookie: Option<&str>,
    ) -> Reply {
        let mut req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(body.to_owned())).unwrap())
            .await
    }

    pub async fn delete(&self, uri: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::delete(uri);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    /// Signs in as the demo user and returns the cookie.
    /// (For an app without the demo seed, `staff_cookie`.)
    pub async fn login_demo(&self) -> String {
        let reply = self
            .post_json(
                "/api/v1/session",
                r#"{"email":"demo@frontdesk.test","password":"frontdesk-demo"}"#,
                None,
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        reply.cookie().expect("a session cookie")
    }
}

/// A staff member created on `app`'s store, signed in: the cookie.
pub async fn staff_cookie(app: &TestApp) -> String {
    frontdesk_server::store::users::create(
        &app.state.db,
        "desk@club.be",
        "Desk",
        frontdesk_core::roles::Role::Owner,
        "a long password",
    )
    .await
    .unwrap();
    let reply = app
        .post_json(
            "/api/v1/session",
            r#"{"email":"desk@club.be","password":"a long password"}"#,
            None,
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.cookie().expect("a session cookie")
}
