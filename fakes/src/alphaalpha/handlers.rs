//! One function per AlphaAlpha call.

use axum::http::{HeaderMap, Method, header};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::assumed;
use super::model::{AlphaalphaState, CrmStatus, Customer, ProblemWire, Write};
use super::{Body, Route};
use crate::Shared;
use crate::reply::Reply;

/// The vendor's error: HTTP `status` with the seed's problem body
/// `{"detail":…,"time":…,"title":…}`, `title` the status's reason phrase
/// ([`assumed::title`]), `time` the fake's clock (whole seconds).
pub fn problem(status: u16, detail: &str, now: DateTime<Utc>) -> Reply {
    Reply::json(&ProblemWire {
        detail,
        time: whole_seconds(now),
        title: assumed::title(status),
    })
    .with_status(status)
}

/// A call, parsed (the fault layer has its logged form).
pub(super) struct Request {
    pub http_method: Method,
    pub route: Route,
    /// `PATCH /crm/customers/{id}/crm-status`, … (the fault-matching name;
    /// recorded in writes).
    pub call: String,
    pub query: Vec<(String, String)>,
    pub body: Body,
    pub auth: Result<(), &'static str>,
}

/// A failed call.
struct Fail {
    status: u16,
    detail: String,
    allow: Option<&'static str>,
}

impl Fail {
    fn new(status: u16, detail: impl Into<String>) -> Fail {
        Fail {
            status,
            detail: detail.into(),
            allow: None,
        }
    }

    fn into_reply(self, now: DateTime<Utc>) -> Reply {
        let mut reply = problem(self.status, &self.detail, now);
        if self.status == 401 {
            reply = reply.header("www-authenticate", "Bearer".to_string());
        }
        if let Some(allow) = self.allow {
            reply = reply.header("allow", allow.to_string());
        }
        reply
    }
}

fn bad(detail: impl Into<String>) -> Fail {
    Fail::new(400, detail)
}

fn no_customer(id: &str) -> Fail {
    Fail::new(404, format!("Customer not found: {id}"))
}

type Answer = Result<Reply, Fail>;

/// Checks `Authorization: Bearer <token>` (scheme case-insensitive, token
/// exact).
pub(super) fn authenticate(headers: &HeaderMap, token: &str) -> Result<(), &'static str> {
    const MISSING: &str = "Full authentication is required to access this resource";
    const INVALID: &str = "Invalid bearer token";
    let value = headers.get(header::AUTHORIZATION).ok_or(MISSING)?;
    let value = value.to_str().map_err(|_| INVALID)?;
    let (scheme, credential) = value.trim().split_once(' ').ok_or(MISSING)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(MISSING);
    }
    if credential.trim() != token {
        return Err(INVALID);
    }
    Ok(())
}

pub(super) fn handle(shared: &Shared, req: Request) -> Reply {
    answer(shared, req).unwrap_or_else(|f| f.into_reply(shared.now()))
}

fn answer(shared: &Shared, req: Request) -> Answer {
    req.auth.map_err(|detail| Fail::new(401, detail))?;
    let now = shared.now();
    let stamp = whole_seconds(now);
    let mut guard = shared.state();
    let s = &mut guard.alphaalpha;
    if req.route == Route::Unknown {
        let path = req.call.split_once(' ').map_or("", |(_, p)| p);
        return Err(Fail::new(
            404,
            format!("No endpoint {} {path}", req.http_method),
        ));
    }
    let allowed = req.route.allowed();
    if !allowed.split(", ").any(|m| m == req.http_method.as_str()) {
        return Err(Fail {
            allow: Some(allowed),
            ..Fail::new(
                405,
                format!("Method '{}' is not supported.", req.http_method),
            )
        });
    }
    if let Some((name, _)) = req.query.first() {
        return Err(bad(format!(
            "Unknown query parameter '{name}': this endpoint takes none"
        )));
    }
    let call = req.call.as_str();
    let at = Stamp { call, at: stamp };
    match &req.route {
        Route::ByOwner(owner) => Ok(list(
            s.customers_where(|c| c.owner_id.as_deref() == Some(owner)),
        )),
        Route::ByStatus(status) => {
            let status = CrmStatus::parse(status).ok_or_else(|| {
                bad(format!(
                    "Invalid status '{status}': expected one of {}",
                    statuses()
                ))
            })?;
            Ok(list(s.customers_where(|c| c.crm_status == status)))
        }
        Route::My => {
            let me = s.token_user_id.clone();
            Ok(list(s.customers_where(|c| {
                c.owner_id.as_deref() == Some(me.as_str())
            })))
        }
        Route::Overdue => Ok(list(s.overdue(now))),
        Route::Customer(id) => {
            let c = s.customers.get(id).ok_or_else(|| no_customer(id))?;
            Ok(Reply::json(&s.enriched(c)))
        }
        Route::CrmStatus(id) => {
            let body = object(&req.body)?;
            only(&body, &["crmStatus"])?;
            let to = match body.get("crmStatus") {
                None | Some(Value::Null) => return Err(bad("crmStatus is required")),
                Some(Value::String(t)) => CrmStatus::parse(t).ok_or_else(|| {
                    bad(format!(
                        "Invalid crmStatus '{t}': expected one of {}",
                        statuses()
                    ))
                })?,
                Some(_) => {
                    return Err(bad(format!(
                        "crmStatus must be a string: one of {}",
                        statuses()
                    )));
                }
            };
            let from = s
                .customers
                .get(id)
                .ok_or_else(|| no_customer(id))?
                .crm_status;
            if !assumed::transition_allowed(from, to) {
                return Err(Fail::new(
                    409,
                    format!(
                        "Cannot change crmStatus from {} to {}",
                        from.as_str(),
                        to.as_str()
                    ),
                ));
            }
            commit(s, &at, id, names(&body), None, &|c| c.crm_status = to)
        }
        Route::NextAction(id) => {
            let body = object(&req.body)?;
            only(&body, &["nextAction", "nextActionDueDate"])?;
            let action = match body.get("nextAction") {
                None | Some(Value::Null) => None,
                Some(Value::String(t)) => Some(t.clone()),
                Some(_) => return Err(bad("nextAction must be a string or null")),
            };
            let due = match body.get("nextActionDueDate") {
                None | Some(Value::Null) => None,
                Some(Value::String(t)) => Some(instant(t).ok_or_else(|| {
                    bad(format!(
                        "Invalid nextActionDueDate '{t}': expected a date-time like 2019-08-24T14:15:22Z"
                    ))
                })?),
                Some(_) => {
                    return Err(bad(
                        "nextActionDueDate must be a date-time string (2019-08-24T14:15:22Z) or null",
                    ));
                }
            };
            // ASSUMED: the body is the whole next action (see `assumed`).
            commit(s, &at, id, names(&body), None, &|c| {
                c.next_action = action.clone();
                c.next_action_due_date = due;
            })
        }
        Route::Owner(id) => commit(s, &at, id, Vec::new(), None, &|c| c.owner_id = None),
        Route::AssignOwner(id, owner) => {
            if !s.customers.contains_key(id) {
                return Err(no_customer(id));
            }
            if !s.users.contains_key(owner) {
                return Err(Fail::new(404, format!("User not found: {owner}")));
            }
            commit(s, &at, id, Vec::new(), Some(owner.clone()), &|c| {
                c.owner_id = Some(owner.clone())
            })
        }
        Route::Tag(id, tag) => {
            if tag.trim().is_empty() {
                return Err(bad("tag must not be blank"));
            }
            let adding = req.http_method == Method::POST;
            commit(s, &at, id, Vec::new(), Some(tag.clone()), &|c| {
                if adding {
                    if !c.tags.contains(tag) {
                        c.tags.push(tag.clone());
                    }
                } else {
                    c.tags.retain(|t| t != tag);
                }
            })
        }
        Route::Unknown => unreachable!("answered above"),
    }
}

fn whole_seconds(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}

fn statuses() -> String {
    CrmStatus::ALL
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// An RFC 3339 date-time with an offset (`Z` or `+01:00`), in UTC.
fn instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn list(customers: Vec<&Customer>) -> Reply {
    let wire: Vec<_> = customers.into_iter().map(Customer::wire).collect();
    Reply::json(&wire)
}

/// The body of a PATCH as a JSON object (required).
fn object(body: &Body) -> Result<Map<String, Value>, Fail> {
    match body {
        Body::Empty => Err(bad("Required request body is missing")),
        Body::Object(map) => Ok(map.clone()),
        Body::NotAnObject(_) => Err(bad("Malformed request body: expected a JSON object")),
        Body::NotJsonContentType(_) => Err(bad(
            "The request body must be JSON, sent with 'Content-Type: application/json'",
        )),
    }
}

/// Any other field is a 400 naming it (the first by name).
fn only(body: &Map<String, Value>, allowed: &[&str]) -> Result<(), Fail> {
    let mut names: Vec<&String> = body.keys().collect();
    names.sort();
    match names.into_iter().find(|n| !allowed.contains(&n.as_str())) {
        Some(name) => Err(bad(format!(
            "Unknown field '{name}': expected only {}",
            allowed.join(", ")
        ))),
        None => Ok(()),
    }
}

fn names(body: &Map<String, Value>) -> Vec<String> {
    let mut names: Vec<String> = body.keys().cloned().collect();
    names.sort();
    names
}

/// Which call wrote, and when (the clock, whole seconds).
struct Stamp<'a> {
    call: &'a str,
    at: DateTime<Utc>,
}

/// Applies an accepted write to customer `id` (404 when unknown): `change`,
/// then `updated` = the clock, `updatedBy` = the token's user, the last-write
/// record and the write log. Answers the enriched customer.
fn commit(
    s: &mut AlphaalphaState,
    stamp: &Stamp<'_>,
    id: &str,
    fields: Vec<String>,
    arg: Option<String>,
    change: &dyn Fn(&mut Customer),
) -> Answer {
    let (call, at) = (stamp.call, stamp.at);
    let me = s.token_user_id.clone();
    let c = s.customers.get_mut(id).ok_or_else(|| no_customer(id))?;
    change(c);
    c.updated = at;
    c.updated_by = Some(me);
    c.last_write_call = Some(call.to_string());
    c.last_write_fields = Some(fields.clone());
    s.writes.push(Write {
        at,
        call: call.to_string(),
        customer_id: id.to_string(),
        fields,
        arg,
    });
    let c = &s.customers[id];
    Ok(Reply::json(&s.enriched(c)))
}
