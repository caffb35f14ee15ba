//! The OpenAPI document at `/api/v1/openapi.json` held against what the
//! server really does: the routes the router registers (read from its
//! source), the extractors each handler takes, and the JSON real requests
//! get back.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use axum::body::Body;
use axum::http::{Method, Request, header};
use serde_json::{Value, json};

const ROUTER_SOURCE: &str = include_str!("../src/api/mod.rs");
const METHODS: [&str; 5] = ["get", "post", "put", "delete", "patch"];

/// One method of one route: `("get", "/prospects/{id}", "prospects::get")`.
#[derive(Debug, Clone)]
struct Endpoint {
    method: String,
    path: String,
    handler: String,
}

fn without_line_comments(source: &str) -> String {
    source
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `.route("PATH", get(h).post(h)…)` calls of `api::router`.
fn router_endpoints() -> Vec<Endpoint> {
    let source = without_line_comments(ROUTER_SOURCE);
    let mut endpoints = Vec::new();
    let mut calls = 0;
    for (start, _) in source.match_indices(".route(") {
        calls += 1;
        let rest = &source[start + ".route(".len()..];
        // The whole argument list: up to the parenthesis that closes `route(`.
        let mut depth = 1;
        let end = rest
            .char_indices()
            .find(|(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map(|(i, _)| i)
            .expect("a closed .route( call");
        let args = &rest[..end];
        let path = args
            .split('"')
            .nth(1)
            .expect("a route's path is a string literal")
            .to_owned();
        let chain = args.split_once(',').expect("a method router").1;
        let mut found = 0;
        for method in METHODS {
            for (i, _) in chain.match_indices(&format!("{method}(")) {
                let before = chain[..i].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let handler = chain[i + method.len() + 1..]
                    .split(')')
                    .next()
                    .unwrap()
                    .trim()
                    .to_owned();
                endpoints.push(Endpoint {
                    method: method.to_owned(),
                    path: path.clone(),
                    handler,
                });
                found += 1;
            }
        }
        assert!(found > 0, "no method found on route {path}: {chain}");
    }
    assert!(calls > 0, "no .route( calls found in api/mod.rs");
    endpoints
}

/// The signature of `module::function` in `src/api/module.rs`: which
/// extractors the handler takes.
fn signature(handler: &str) -> String {
    let (module, function) = handler
        .split_once("::")
        .unwrap_or_else(|| panic!("handler {handler} is not module::function"));
    let file = format!("{}/src/api/{module}.rs", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let start = source
        .find(&format!("pub async fn {function}("))
        .unwrap_or_else(|| panic!("no `pub async fn {function}(` in {file}"));
    let rest = &source[start..];
    rest[..rest.find('{').expect("a function body")].to_owned()
}

fn takes_staff(signature: &str) -> bool {
    signature.contains(": Staff")
}

async fn document(app: &common::TestApp) -> Value {
    let reply = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()
}

fn operation<'d>(doc: &'d Value, method: &str, path: &str) -> &'d Value {
    let op = &doc["paths"][path][method];
    assert!(op.is_object(), "{} {path} is not in the document", method);
    op
}

fn parameters<'d>(op: &'d Value, location: &str) -> Vec<&'d Value> {
    op["parameters"]
        .as_array()
        .map(|ps| ps.iter().filter(|p| p["in"] == location).collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------

#[tokio::test]
async fn the_document_is_public_json_openapi_3() {
    let app = common::app().await;
    let reply = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(
        reply
            .header("content-type")
            .is_some_and(|c| c.starts_with("application/json")),
        "{:?}",
        reply.header("content-type")
    );
    assert_eq!(reply.header("set-cookie"), None);
    let doc = reply.json();
    let version = doc["openapi"].as_str().expect("an `openapi` version");
    assert!(version.starts_with("3."), "{version}");
    let title = doc["info"]["title"].as_str().expect("info.title");
    assert!(!title.trim().is_empty());
    // The same version the server reports about itself.
    let health = app.get("/api/v1/health", None).await.json();
    assert_eq!(doc["info"]["version"], health["version"]);
    assert!(doc["paths"].as_object().is_some_and(|p| !p.is_empty()));
}

#[tokio::test]
async fn every_route_of_the_router_is_documented_and_nothing_else() {
    let app = common::app().await;
    let doc = document(&app).await;
    let routed: BTreeSet<(String, String)> = router_endpoints()
        .into_iter()
        .map(|e| (e.method, e.path))
        .collect();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, _) in item.as_object().expect("a path item") {
            if METHODS.contains(&method.as_str()) || method == "head" || method == "options" {
                documented.insert((method.clone(), path.clone()));
            }
        }
    }
    let missing: Vec<_> = routed.difference(&documented).collect();
    let extra: Vec<_> = documented.difference(&routed).collect();
    assert!(missing.is_empty(), "routed but not documented: {missing:?}");
    assert!(extra.is_empty(), "documented but not routed: {extra:?}");
}

#[tokio::test]
async fn parameters_bodies_and_ids_match_the_handlers() {
    let app = common::app().await;
    let doc = document(&app).await;
    let mut operation_ids = BTreeSet::new();
    for e in router_endpoints() {
        let op = operation(&doc, &e.method, &e.path);
        let at = format!("{} {}", e.method, e.path);
        let id = op["operationId"]
            .as_str()
            .unwrap_or_else(|| panic!("{at}: no operationId"));
        assert!(
            operation_ids.insert(id.to_owned()),
            "{at}: operationId {id} twice"
        );

        // Every `{name}` of the path is a required path parameter, and no other.
        let in_path: BTreeSet<&str> = e
            .path
            .split('{')
            .skip(1)
            .map(|s| s.split('}').next().unwrap())
            .collect();
        let params = parameters(op, "path");
        let documented: BTreeSet<&str> =
            params.iter().map(|p| p["name"].as_str().unwrap()).collect();
        assert_eq!(documented, in_path, "{at}: path parameters");
        assert!(params.iter().all(|p| p["required"] == true), "{at}");

        let sig = signature(&e.handler);
        assert_eq!(
            !parameters(op, "query").is_empty(),
            sig.contains("ApiQuery<"),
            "{at}: query parameters documented iff the handler reads a query ({sig})"
        );
        assert_eq!(
            op["requestBody"]["content"]["application/json"]["schema"].is_object(),
            sig.contains("ApiJson<"),
            "{at}: a JSON body documented iff the handler reads one ({sig})"
        );
    }
}

/// The server's own list of a query's parameters: with `deny_unknown_fields`
/// an unknown one is refused with "unknown field `x`, expected one of `a`,
/// `b`…", which names every parameter it takes.
#[tokio::test]
async fn documented_query_parameters_are_the_ones_the_server_takes() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let doc = document(&app).await;
    let mut checked = 0;
    for e in router_endpoints() {
        let op = operation(&doc, &e.method, &e.path);
        let documented: BTreeSet<String> = parameters(op, "query")
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect();
        if documented.is_empty() {
            continue;
        }
        let uri = format!("/api/v1{}?zz_not_a_parameter=1", with_ids(&e.path, "1"));
        let req = Request::builder()
            .method(e.method.to_uppercase().as_str())
            .uri(&uri)
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{}"))
            .unwrap();
        let problem = app.send(req).await.assert_problem(400);
        let detail = problem["detail"].as_str().unwrap_or_default();
        let expected = detail
            .split_once("expected")
            .unwrap_or_else(|| panic!("{uri}: {detail}"))
            .1;
        let taken: BTreeSet<String> = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect();
        assert_eq!(
            documented, taken,
            "{} {}: query parameters",
            e.method, e.path
        );
        checked += 1;
    }
    assert!(checked > 0, "no operation with query parameters");
}

#[tokio::test]
async fn every_ref_resolves_to_a_component_schema() {
    let app = common::app().await;
    let doc = document(&app).await;
    let schemas = doc["components"]["schemas"]
        .as_object()
        .expect("components.schemas");
    let mut refs = Vec::new();
    collect_refs(&doc, "#", &mut refs);
    assert!(!refs.is_empty(), "the document has no $ref at all");
    for (at, target) in &refs {
        let name = target
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("{at}: $ref {target} is not a component schema"));
        assert!(
            schemas.contains_key(name),
            "{at}: $ref {target} resolves to nothing"
        );
    }
    // Every error answer is a problem document.
    for e in router_endpoints() {
        let op = operation(&doc, &e.method, &e.path);
        for (status, response) in op["responses"].as_object().expect("responses") {
            if status.starts_with('4') || status.starts_with('5') {
                let content = response["content"].as_object();
                let schema = content.and_then(|c| c.get("application/problem+json"));
                let is_problem = schema.is_some_and(|s| {
                    s["schema"]["$ref"] == "#/components/schemas/Problem"
                        && content.is_some_and(|c| c.len() == 1)
                });
                // Health answers 503 with its own body: the report says what is down.
                let own_body = e.path == "/health" && status == "503";
                assert!(
                    is_problem || own_body,
                    "{} {} {status}: not a problem document",
                    e.method,
                    e.path
                );
            }
        }
    }
    let problem = &schemas["Problem"]["properties"];
    for member in ["type", "title", "status", "detail", "errors"] {
        assert!(problem[member].is_object(), "Problem has no `{member}`");
    }
}

fn collect_refs(value: &Value, at: &str, refs: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if k == "$ref" {
                    refs.push((at.to_owned(), v.as_str().unwrap_or_default().to_owned()));
                } else {
                    collect_refs(v, &format!("{at}/{k}"), refs);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_refs(v, &format!("{at}/{i}"), refs);
            }
        }
        _ => {}
    }
}

/// `/prospects/{id}/sales` with every path parameter set to `id`.
fn with_ids(path: &str, id: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some((head, tail)) = rest.split_once('{') {
        out.push_str(head);
        out.push_str(id);
        rest = tail.split_once('}').map_or("", |(_, t)| t);
    }
    out + rest
}

#[tokio::test]
async fn staff_operations_need_the_session_cookie_and_no_others_do() {
    let app = common::demo_app().await;
    let doc = document(&app).await;

    // The scheme names the cookie the server really sets at sign-in.
    let cookie = app.login_demo().await;
    let cookie_name = cookie.split('=').next().unwrap();
    let schemes = doc["components"]["securitySchemes"]
        .as_object()
        .expect("securitySchemes");
    let session_schemes: Vec<&String> = schemes
        .iter()
        .filter(|(_, s)| s["type"] == "apiKey" && s["in"] == "cookie" && s["name"] == cookie_name)
        .map(|(name, _)| name)
        .collect();
    assert_eq!(session_schemes.len(), 1, "{schemes:?}");
    let scheme = session_schemes[0];
    assert!(
        doc["security"].is_null(),
        "no document-wide requirement: the public routes need none"
    );

    let groups: BTreeSet<&str> = doc["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    for group in ["public", "staff", "ops"] {
        assert!(groups.contains(group), "no `{group}` tag");
    }

    let mut staff_ops = 0;
    for e in router_endpoints() {
        let at = format!("{} {}", e.method, e.path);
        let op = operation(&doc, &e.method, &e.path);
        let tags: Vec<&str> = op["tags"]
            .as_array()
            .unwrap_or_else(|| panic!("{at}: no tag"))
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(tags.len(), 1, "{at}: one route group, got {tags:?}");
        assert!(groups.contains(tags[0]), "{at}: unknown group {}", tags[0]);
        let requirements = op["security"].as_array().cloned().unwrap_or_default();
        let secured = !requirements.is_empty();
        assert_eq!(
            secured,
            takes_staff(&signature(&e.handler)),
            "{at}: documented as needing a session iff the handler takes `Staff`"
        );
        if secured {
            staff_ops += 1;
            assert_eq!(tags[0], "staff", "{at}");
            assert!(
                requirements
                    .iter()
                    .all(|r| r.get(scheme.as_str()).is_some()),
                "{at}: {requirements:?}"
            );
            assert!(op["responses"]["401"].is_object(), "{at}: 401 undocumented");
        }
        if e.path.starts_with("/public/") {
            assert_eq!(tags[0], "public", "{at}");
        }

        // And the server agrees: without a cookie exactly the secured
        // operations answer 401.
        let req = Request::builder()
            .method(Method::from_bytes(e.method.to_uppercase().as_bytes()).unwrap())
            .uri(format!("/api/v1{}", with_ids(&e.path, "1")))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{}"))
            .unwrap();
        let reply = app.send(req).await;
        assert_eq!(reply.status == 401, secured, "{at}: {}", reply.text());
    }
    assert!(staff_ops > 0);
}

// ---------------------------------------------------------------------------
// Real answers against the documented response schemas.

/// Why `value` does not fit `schema`, a small subset of JSON Schema: `$ref`,
/// `allOf`, `oneOf`, `anyOf`, `type`, `enum`, `required`, `properties`,
/// `additionalProperties` and `items`. Empty when it fits.
fn misfits(doc: &Value, value: &Value, schema: &Value, at: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if let Some(target) = schema["$ref"].as_str() {
        let name = target.trim_start_matches("#/components/schemas/");
        let resolved = &doc["components"]["schemas"][name];
        assert!(resolved.is_object(), "{at}: unresolved {target}");
        return misfits(doc, value, resolved, at);
    }
    if let Some(all) = schema["allOf"].as_array() {
        for s in all {
            errors.extend(misfits(doc, value, s, at));
        }
    }
    for (key, exactly_one) in [("oneOf", true), ("anyOf", false)] {
        if let Some(options) = schema[key].as_array() {
            let fitting = options
                .iter()
                .filter(|s| misfits(doc, value, s, at).is_empty())
                .count();
            if fitting == 0 || (exactly_one && fitting > 1) {
                errors.push(format!("{at}: {fitting} of the {key} options fit {value}"));
            }
        }
    }
    if !schema["type"].is_null() {
        let types: Vec<&str> = match &schema["type"] {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            other => panic!("{at}: type {other}"),
        };
        let fits = types.iter().any(|t| match *t {
            "null" => value.is_null(),
            "boolean" => value.is_boolean(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "string" => value.is_string(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            other => panic!("{at}: unknown type {other}"),
        });
        if !fits {
            errors.push(format!("{at}: {value} is not {types:?}"));
            return errors;
        }
    }
    if let Some(options) = schema["enum"].as_array()
        && !options.contains(value)
    {
        errors.push(format!("{at}: {value} is not one of {options:?}"));
    }
    if let Some(object) = value.as_object() {
        let properties = schema["properties"].as_object();
        if let Some(required) = schema["required"].as_array() {
            for name in required.iter().filter_map(Value::as_str) {
                if !object.contains_key(name) {
                    errors.push(format!("{at}: required `{name}` is missing"));
                }
            }
        }
        for (key, v) in object {
            let here = format!("{at}.{key}");
            match properties.and_then(|p| p.get(key)) {
                Some(s) => errors.extend(misfits(doc, v, s, &here)),
                None => match &schema["additionalProperties"] {
                    Value::Bool(false) => errors.push(format!("{here}: not allowed")),
                    s @ Value::Object(_) => errors.extend(misfits(doc, v, s, &here)),
                    _ => {}
                },
            }
        }
    }
    if let (Some(items), Some(schema)) = (value.as_array(), schema.get("items")) {
        for (i, v) in items.iter().enumerate() {
            errors.extend(misfits(doc, v, schema, &format!("{at}[{i}]")));
        }
    }
    errors
}

/// The documented response of `method path` for the reply's status, and the
/// reply's body checked against its schema. Returns the body.
fn check(doc: &Value, method: &str, path: &str, reply: &common::Reply) -> Value {
    let at = format!("{method} {path} → {}", reply.status);
    let response = &operation(doc, method, path)["responses"][reply.status.to_string()];
    assert!(response.is_object(), "{at}: status not documented");
    let Some(content) = response["content"].as_object() else {
        assert!(
            reply.body.is_empty(),
            "{at}: undocumented body {}",
            reply.text()
        );
        return Value::Null;
    };
    let media = reply
        .header("content-type")
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap()
        .trim();
    let documented = content
        .get(media)
        .unwrap_or_else(|| panic!("{at}: {media} is not documented: {content:?}"));
    if !media.ends_with("json") {
        return Value::Null;
    }
    let body = reply.json();
    let errors = misfits(doc, &body, &documented["schema"], "$");
    assert!(errors.is_empty(), "{at}:\n{}", errors.join("\n"));
    body
}

#[tokio::test]
async fn the_check_notices_a_missing_or_mistyped_field() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let doc = document(&app).await;
    let reply = app.get("/api/v1/prospects?limit=2", Some(&cookie)).await;
    let page = check(&doc, "get", "/prospects", &reply);
    let schema = &operation(&doc, "get", "/prospects")["responses"]["200"]["content"]["application/json"]
        ["schema"];
    assert!(misfits(&doc, &page, schema, "$").is_empty());

    let mut broken = page.clone();
    broken.as_object_mut().unwrap().remove("total");
    assert!(!misfits(&doc, &broken, schema, "$").is_empty());
    let mut broken = page.clone();
    broken["items"][0].as_object_mut().unwrap().remove("id");
    assert!(!misfits(&doc, &broken, schema, "$").is_empty());
    let mut broken = page.clone();
    broken["items"][0]["last_name"] = json!(7);
    assert!(!misfits(&doc, &broken, schema, "$").is_empty());
}

#[tokio::test]
async fn real_answers_fit_their_documented_schemas() {
    let app = common::demo_app().await;
    let doc = document(&app).await;
    let no_cookie = app.get("/api/v1/prospects", None).await;
    check(&doc, "get", "/prospects", &no_cookie);
    assert_eq!(no_cookie.status, 401);

    // Signing in: wrong, then right. (Not `login_demo`: the whole reply is
    // checked here, not only its cookie.)
    let sign_in = |password: &'static str| {
        let app = &app;
        async move {
            let body = json!({"email": "demo@frontdesk.test", "password": password});
            app.post_json("/api/v1/session", &body.to_string(), None)
                .await
        }
    };
    let wrong = sign_in("not-it").await;
    assert_eq!(wrong.status, 401);
    check(&doc, "post", "/session", &wrong);
    let signed_in = sign_in("frontdesk-demo").await;
    check(&doc, "post", "/session", &signed_in);
    let cookie = signed_in.cookie().expect("a session cookie");
    let c = Some(cookie.as_str());

    let get = |path: &'static str, uri: String| {
        let app = &app;
        let doc = &doc;
        async move {
            let reply = app.get(&format!("/api/v1{uri}"), c).await;
            (reply.status, check(doc, "get", path, &reply))
        }
    };

    assert_eq!(get("/health", "/health".into()).await.0, 200);
    assert_eq!(get("/session", "/session".into()).await.0, 200);
    get("/staff", "/staff".into()).await;
    get("/outbox", "/outbox".into()).await;
    get("/prospects/index", "/prospects/index".into()).await;
    let (status, page) = get("/prospects", "/prospects?limit=5".into()).await;
    assert_eq!(status, 200);
    let id = page["items"][0]["id"].as_i64().expect("a demo prospect");
    assert_eq!(
        get("/prospects/{id}", format!("/prospects/{id}")).await.0,
        200
    );
    assert_eq!(
        get("/prospects/{id}", "/prospects/999999".into()).await.0,
        404
    );
    assert_eq!(get("/prospects/{id}", "/prospects/abc".into()).await.0, 400);
    assert_eq!(
        get("/prospects", "/prospects?sort=shoe_size".into())
            .await
            .0,
        400
    );
    get(
        "/prospects/{id}/sales",
        format!("/prospects/{id}/sales?lang=nl"),
    )
    .await;
    assert_eq!(
        get(
            "/prospects/{id}/appointments",
            format!("/prospects/{id}/appointments")
        )
        .await
        .0,
        200
    );
    let (_, steps) = get("/sales/steps", "/sales/steps".into()).await;
    let today = chrono::Utc::now().date_naive();
    let week = today + chrono::Duration::days(6);
    assert_eq!(
        get(
            "/appointments",
            format!("/appointments?from={today}&to={week}")
        )
        .await
        .0,
        200
    );
    let (_, pipelines) = get("/pipelines", "/pipelines".into()).await;
    let pipeline = pipelines[0]["id"].as_str().expect("a demo pipeline");
    let (_, board) = get(
        "/pipelines/{id}/board",
        format!("/pipelines/{pipeline}/board?first=3"),
    )
    .await;
    if let Some(card) = board["cards"][0]["id"].as_str() {
        get("/deals/{id}", format!("/deals/{card}")).await;
    }

    // The widget's side, from the agenda a sales result books in.
    let agenda = steps
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["results"].as_array().unwrap())
        .find_map(|r| r["agenda_id"].as_i64())
        .expect("a result that books in an agenda");
    assert_eq!(
        get("/public/agendas/{id}", format!("/public/agendas/{agenda}"))
            .await
            .0,
        200
    );
    let (_, types) = get(
        "/public/agendas/{id}/types",
        format!("/public/agendas/{agenda}/types"),
    )
    .await;
    let ty = types[0]["id"].as_i64().expect("an appointment type");
    get(
        "/public/agendas/{id}/types/{type_id}/fields",
        format!("/public/agendas/{agenda}/types/{ty}/fields"),
    )
    .await;
    get(
        "/public/agendas/{id}/resources",
        format!("/public/agendas/{agenda}/resources"),
    )
    .await;
    assert_eq!(
        get(
            "/public/agendas/{id}/availability",
            format!("/public/agendas/{agenda}/availability?type_id={ty}&from={today}&to={week}"),
        )
        .await
        .0,
        200
    );
    assert_eq!(
        get(
            "/public/bookings/manage",
            "/public/bookings/manage?token=nope".into()
        )
        .await
        .0,
        404
    );

    // Writes: a refused prospect (bad email), then a created and deleted one.
    let refused = app
        .post_json(
            "/api/v1/prospects",
            r#"{"last_name":"Peeters","status":"new","email":"ann@"}"#,
            c,
        )
        .await;
    let problem = check(&doc, "post", "/prospects", &refused);
    assert_eq!(refused.status, 422);
    assert!(problem["errors"]["email"].is_string(), "{problem}");
    let created = app
        .post_json(
            "/api/v1/prospects",
            r#"{"first_name":"Ann","last_name":"Peeters","status":"new","email":"ann@example.be"}"#,
            c,
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let prospect = check(&doc, "post", "/prospects", &created);
    let new_id = prospect["id"].as_i64().unwrap();
    let deleted = app.delete(&format!("/api/v1/prospects/{new_id}"), c).await;
    assert_eq!(deleted.status, 204);
    check(&doc, "delete", "/prospects/{id}", &deleted);
    let refused_booking = app
        .post_json(
            &format!("/api/v1/public/agendas/{agenda}/bookings"),
            &json!({"type_id": ty, "start": "soon", "name": "", "email": "x"}).to_string(),
            None,
        )
        .await;
    assert_eq!(refused_booking.status, 422, "{}", refused_booking.text());
    check(
        &doc,
        "post",
        "/public/agendas/{id}/bookings",
        &refused_booking,
    );
    let bad_code = app
        .post_json(
            "/api/v1/public/bookings/confirm",
            r#"{"token":"nope","code":"123456"}"#,
            None,
        )
        .await;
    assert_eq!(bad_code.status, 404);
    check(&doc, "post", "/public/bookings/confirm", &bad_code);
    let export = app.get("/api/v1/prospects/export.csv", c).await;
    assert_eq!(export.status, 200);
    check(&doc, "get", "/prospects/export.csv", &export);
}

#[tokio::test]
async fn no_secret_of_the_configuration_is_in_the_document() {
    const PASSWORD: &str = "smtp-password-that-must-stay-put";
    const HOST: &str = "smtp.vendor-secret.invalid";
    let app = common::app_with(|s, _| {
        s.smtp = Some(frontdesk_server::mail::SmtpConfig {
            host: HOST.into(),
            port: 2525,
            security: frontdesk_server::mail::Security::None,
            from: "desk@club.test".into(),
            username: Some("vendor-user-name".into()),
            password_env: None,
            password: Some(PASSWORD.into()),
        });
        s.public_url = "https://club-secret-host.invalid".into();
    })
    .await;
    let text = app.get("/api/v1/openapi.json", None).await.text();
    for secret in [PASSWORD, HOST, "vendor-user-name", "club-secret-host"] {
        assert!(!text.contains(secret), "{secret} is in the document");
    }
    let _: BTreeMap<String, Value> = serde_json::from_str(&text).unwrap();
}

/// A booking sent again with the same Idempotency-Key and body is answered
/// with the first answer, 200: a status the document must list too (a
/// client generated from it would otherwise treat the replay as an error).
#[tokio::test]
async fn an_idempotent_replay_is_documented() {
    use frontdesk_core::slots;
    let app = common::demo_app().await;
    let doc = document(&app).await;
    let agenda: i64 = app
        .count("SELECT id FROM agendas ORDER BY id LIMIT 1")
        .await;
    let ty: i64 = app
        .count("SELECT id FROM appointment_types WHERE name = 'Club tour'")
        .await;
    let from = chrono::Utc::now().date_naive() + chrono::Duration::days(2);
    let to = from + chrono::Duration::days(6);
    let reply = app
        .get(
            &format!(
                "/api/v1/public/agendas/{agenda}/availability?type_id={ty}&from={from}&to={to}"
            ),
            None,
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let availability: slots::Availability = serde_json::from_slice(&reply.body).unwrap();
    let grid = slots::compute(&availability).unwrap();
    let start = grid
        .slots()
        .next()
        .expect("a free demo slot")
        .start
        .to_string();
    let body = json!({"type_id": ty, "start": start, "name": "Ann", "email": "ann@example.be"});
    let send = || {
        let app = &app;
        let body = body.to_string();
        async move {
            let req = Request::post(format!("/api/v1/public/agendas/{agenda}/bookings"))
                .header(header::CONTENT_TYPE, "application/json")
                .header("idempotency-key", "replay-documented-1")
                .body(Body::from(body))
                .unwrap();
            app.send(req).await
        }
    };
    let first = send().await;
    assert_eq!(first.status, 201, "{}", first.text());
    let booked = check(&doc, "post", "/public/agendas/{id}/bookings", &first);
    let replay = send().await;
    assert_eq!(replay.status, 200, "{}", replay.text());
    let replayed = check(&doc, "post", "/public/agendas/{id}/bookings", &replay);
    assert_eq!(replayed, booked);
}

/// The list's search is documented with its length limit, and its refusal
/// (422 naming `q`) is a documented answer of the list and the export.
#[tokio::test]
async fn the_search_limit_is_documented() {
    use frontdesk_core::prospect_list::MAX_SEARCH_CHARS;
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let doc = document(&app).await;
    for path in ["/prospects", "/prospects/export.csv"] {
        let q = parameters(operation(&doc, "get", path), "query")
            .into_iter()
            .find(|p| p["name"] == "q")
            .expect("a q parameter");
        assert_eq!(q["schema"]["maxLength"], MAX_SEARCH_CHARS, "{path}");
        let long = "a".repeat(MAX_SEARCH_CHARS + 1);
        let reply = app
            .get(&format!("/api/v1{path}?q={long}"), Some(&cookie))
            .await;
        assert_eq!(reply.status, 422, "{path}: {}", reply.text());
        check(&doc, "get", path, &reply);
    }
}
