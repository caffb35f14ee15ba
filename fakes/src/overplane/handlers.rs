//! One function per Overplane call.

use axum::http::{HeaderMap, Method, header};
use chrono::{DateTime, Utc};
use serde_json::{Map, Number, Value};

use super::assumed::{self, ErrorBody, ErrorDetail, code};
use super::model::{
    DeletedWire, ListWire, OverplaneState, Prospect, ProspectLead, ProspectOpportunity, Write,
};
use super::{Body, Child, Route};
use crate::Shared;
use crate::reply::Reply;

/// The vendor's error (ASSUMED shape, see `assumed`): HTTP `status` with
/// `{"error":{"code":…,"message":…,"param":…|null}}`.
pub fn error(status: u16, code: &str, message: &str, param: Option<&str>) -> Reply {
    Reply::json(&ErrorBody {
        error: ErrorDetail {
            code,
            message,
            param,
        },
    })
    .with_status(status)
}

/// A call, parsed (the fault layer has its logged form).
pub(super) struct Request {
    pub http_method: Method,
    pub route: Route,
    /// `PATCH prospect`, … (the fault-matching name; recorded in writes).
    pub call: String,
    pub query: Vec<(String, String)>,
    pub body: Body,
    pub auth: Result<(), &'static str>,
}

/// A failed call.
struct Fail {
    status: u16,
    code: &'static str,
    message: String,
    param: Option<String>,
    allow: Option<&'static str>,
}

impl Fail {
    fn new(status: u16, code: &'static str, message: impl Into<String>) -> Fail {
        Fail {
            status,
            code,
            message: message.into(),
            param: None,
            allow: None,
        }
    }

    fn param(mut self, param: &str) -> Fail {
        self.param = Some(param.to_string());
        self
    }

    fn into_reply(self) -> Reply {
        let mut reply = error(self.status, self.code, &self.message, self.param.as_deref());
        if self.status == 401 {
            reply = reply.header("www-authenticate", "Bearer".to_string());
        }
        if let Some(allow) = self.allow {
            reply = reply.header("allow", allow.to_string());
        }
        reply
    }
}

fn missing(param: &str) -> Fail {
    Fail::new(
        400,
        code::PARAMETER_MISSING,
        format!("Missing required parameter: {param}"),
    )
    .param(param)
}

fn invalid(param: &str, message: impl Into<String>) -> Fail {
    Fail::new(400, code::PARAMETER_INVALID, message).param(param)
}

fn unknown_param(param: &str) -> Fail {
    Fail::new(
        400,
        code::PARAMETER_UNKNOWN,
        format!("Received unknown parameter: {param}"),
    )
    .param(param)
}

fn no_such(what: &str, id: &str, param: &str) -> Fail {
    Fail::new(
        404,
        code::RESOURCE_MISSING,
        format!("No such {what}: '{id}'"),
    )
    .param(param)
}

fn not_allowed(allow: &'static str) -> Fail {
    Fail {
        allow: Some(allow),
        ..Fail::new(
            405,
            code::METHOD_NOT_ALLOWED,
            format!("Method not allowed here; allowed: {allow}"),
        )
    }
}

type Answer = Result<Reply, Fail>;

/// Checks `Authorization: Bearer <token>` (scheme case-insensitive, token
/// exact).
pub(super) fn authenticate(headers: &HeaderMap, token: &str) -> Result<(), &'static str> {
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or("No API key provided: send 'Authorization: Bearer <token>'")?;
    let value = value.to_str().map_err(|_| "Invalid Authorization header")?;
    let (scheme, credential) = value
        .trim()
        .split_once(' ')
        .ok_or("Invalid Authorization header: expected 'Bearer <token>'")?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err("Invalid Authorization header: expected 'Bearer <token>'");
    }
    if credential.trim() != token {
        return Err("Invalid API key provided");
    }
    Ok(())
}

pub(super) fn handle(shared: &Shared, req: Request) -> Reply {
    answer(shared, req).unwrap_or_else(Fail::into_reply)
}

fn answer(shared: &Shared, req: Request) -> Answer {
    req.auth
        .map_err(|message| Fail::new(401, code::UNAUTHORIZED, message))?;
    let now = whole_seconds(shared.now());
    let mut guard = shared.state();
    let s = &mut guard.overplane;
    let m = &req.http_method;
    let q = Query(&req.query);
    match &req.route {
        Route::Unknown => Err(Fail::new(
            404,
            code::ROUTE_NOT_FOUND,
            "Unrecognized request URL",
        )),
        Route::Prospects if *m == Method::GET => {
            q.only(&["limit", "offset"])?;
            list_prospects(s, &q)
        }
        Route::Prospects if *m == Method::POST => {
            q.only(&[])?;
            let body = object(&req.body)?;
            create_prospect(s, &body, now, &req.call)
        }
        Route::Prospects => Err(not_allowed("GET, POST")),
        Route::Prospect(id) if *m == Method::GET => {
            q.only(&[])?;
            let p = s
                .prospects
                .get(id)
                .ok_or_else(|| no_such("prospect", id, "id"))?;
            Ok(Reply::json(&p.wire()))
        }
        Route::Prospect(id) if *m == Method::PATCH => {
            q.only(&[])?;
            if !s.prospects.contains_key(id) {
                return Err(no_such("prospect", id, "id"));
            }
            let body = object(&req.body)?;
            update_prospect(s, id, &body, now, &req.call)
        }
        Route::Prospect(id) if *m == Method::DELETE => {
            q.only(&[])?;
            delete_prospect(s, id, now, &req.call)
        }
        Route::Prospect(_) => Err(not_allowed("GET, PATCH, DELETE")),
        Route::Children(child) if *m == Method::GET => {
            q.only(&["parent_id"])?;
            let parent = q.get("parent_id").filter(|v| !v.is_empty());
            let parent = parent.ok_or_else(|| missing("parent_id"))?;
            if !s.prospects.contains_key(parent) {
                return Err(no_such("prospect", parent, "parent_id"));
            }
            Ok(children_list(s, *child, parent))
        }
        Route::Children(child) if *m == Method::POST => {
            q.only(&[])?;
            let body = object(&req.body)?;
            create_child(s, *child, &body, now, &req.call)
        }
        Route::Children(_) => Err(not_allowed("GET, POST")),
        Route::ChildItem(child, id) if *m == Method::PATCH => {
            q.only(&[])?;
            if !child_exists(s, *child, id) {
                return Err(no_such(child.resource(), id, "id"));
            }
            let body = object(&req.body)?;
            update_child(s, *child, id, &body, now, &req.call)
        }
        Route::ChildItem(child, id) if *m == Method::DELETE => {
            q.only(&[])?;
            delete_child(s, *child, id, now, &req.call)
        }
        Route::ChildItem(..) => Err(not_allowed("PATCH, DELETE")),
        Route::Reorder(child) => {
            q.only(&[])?;
            let body = object(&req.body)?;
            reorder(s, *child, &body, now, &req.call)
        }
    }
}

fn whole_seconds(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}

/// The query string's pairs.
struct Query<'a>(&'a [(String, String)]);

impl Query<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Any other query parameter is a 400 naming it.
    fn only(&self, allowed: &[&str]) -> Result<(), Fail> {
        match self.0.iter().find(|(n, _)| !allowed.contains(&n.as_str())) {
            Some((name, _)) => Err(unknown_param(name)),
            None => Ok(()),
        }
    }

    /// A non-negative integer parameter (digits only).
    fn count(&self, name: &str, default: usize) -> Result<usize, Fail> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => {
                let ok = !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit());
                let n = if ok { v.parse::<usize>().ok() } else { None };
                n.ok_or_else(|| {
                    invalid(
                        name,
                        format!("Invalid {name}: '{v}' is not a non-negative integer"),
                    )
                })
            }
        }
    }
}

/// The body of a POST / PATCH as a JSON object (no body = `{}`).
fn object(body: &Body) -> Result<Map<String, Value>, Fail> {
    match body {
        Body::Empty => Ok(Map::new()),
        Body::Object(map) => Ok(map.clone()),
        Body::NotAnObject(_) => Err(Fail::new(
            400,
            code::INVALID_JSON,
            "The request body must be a JSON object",
        )),
        Body::NotJsonContentType(_) => Err(Fail::new(
            400,
            code::INVALID_JSON,
            "The request body must be JSON, sent with 'Content-Type: application/json'",
        )),
    }
}

/// A body field's type.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Number,
}

/// A body field's value: `None` = `null` (clears the field).
enum Val {
    Text(Option<String>),
    Number(Option<Number>),
}

impl Val {
    fn text(self) -> Option<String> {
        match self {
            Val::Text(t) => t,
            Val::Number(n) => n.map(|n| n.to_string()),
        }
    }

    fn number(self) -> Option<Number> {
        match self {
            Val::Number(n) => n,
            Val::Text(_) => None,
        }
    }
}

/// The seed's Prospect body parameters.
const PROSPECT_FIELDS: [(&str, Kind); 11] = [
    ("company_name", Kind::Text),
    ("industry", Kind::Text),
    ("market_segment", Kind::Text),
    ("customer_group", Kind::Text),
    ("territory", Kind::Text),
    ("no_of_employees", Kind::Text),
    ("annual_revenue", Kind::Number),
    ("fax", Kind::Text),
    ("website", Kind::Text),
    ("prospect_owner", Kind::Text),
    ("company", Kind::Text),
];

/// The seed's Prospect Lead attributes, `idx` (set by the fake) left out.
const LEAD_FIELDS: [(&str, Kind); 7] = [
    ("prospect_id", Kind::Text),
    ("lead", Kind::Text),
    ("lead_name", Kind::Text),
    ("status", Kind::Text),
    ("email", Kind::Text),
    ("mobile_no", Kind::Text),
    ("lead_owner", Kind::Text),
];

/// The seed's Prospect Opportunity attributes, `idx` (set by the fake) left
/// out.
const OPPORTUNITY_FIELDS: [(&str, Kind); 9] = [
    ("prospect_id", Kind::Text),
    ("opportunity", Kind::Text),
    ("amount", Kind::Number),
    ("stage", Kind::Text),
    ("probability", Kind::Number),
    ("expected_closing", Kind::Text),
    ("currency", Kind::Text),
    ("deal_owner", Kind::Text),
    ("contact_person", Kind::Text),
];

/// The body's fields, checked against `spec` (names exact; sorted by name).
fn fields(
    body: &Map<String, Value>,
    spec: &[(&'static str, Kind)],
) -> Result<Vec<(&'static str, Val)>, Fail> {
    let mut out = Vec::new();
    for (name, value) in body {
        let Some(&(name, kind)) = spec.iter().find(|(n, _)| n == name) else {
            return Err(unknown_param(name));
        };
        let val = match (kind, value) {
            (Kind::Text, Value::Null) => Val::Text(None),
            (Kind::Text, Value::String(s)) => Val::Text(Some(s.clone())),
            (Kind::Number, Value::Null) => Val::Number(None),
            (Kind::Number, Value::Number(n)) => Val::Number(Some(n.clone())),
            (Kind::Text, _) => {
                return Err(invalid(name, format!("Invalid {name}: expected a string")));
            }
            (Kind::Number, _) => {
                return Err(invalid(name, format!("Invalid {name}: expected a number")));
            }
        };
        out.push((name, val));
    }
    Ok(out)
}

fn names(fields: &[(&str, Val)]) -> Vec<String> {
    fields.iter().map(|(n, _)| n.to_string()).collect()
}

/// A required text field that is present: it must be a non-empty string.
fn required_text(fields: &[(&str, Val)], name: &str) -> Result<Option<String>, Fail> {
    match fields.iter().find(|(n, _)| *n == name) {
        None => Ok(None),
        Some((_, Val::Text(Some(s)))) if !s.trim().is_empty() => Ok(Some(s.clone())),
        Some(_) => Err(missing(name)),
    }
}

fn record(s: &mut OverplaneState, at: DateTime<Utc>, call: &str, id: &str, fields: Vec<String>) {
    s.writes.push(Write {
        at,
        call: call.to_string(),
        id: id.to_string(),
        fields,
    });
}

fn list_prospects(s: &OverplaneState, q: &Query<'_>) -> Answer {
    let limit = q.count("limit", assumed::DEFAULT_LIMIT)?;
    if !(1..=assumed::MAX_LIMIT).contains(&limit) {
        return Err(invalid(
            "limit",
            format!(
                "Invalid limit: must be between 1 and {}",
                assumed::MAX_LIMIT
            ),
        ));
    }
    let offset = q.count("offset", 0)?;
    let all = s.prospects_newest_first();
    let total = all.len();
    let data: Vec<_> = all
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(Prospect::wire)
        .collect();
    let has_more = offset.saturating_add(data.len()) < total;
    Ok(Reply::json(&ListWire {
        data,
        has_more,
        total,
    }))
}

fn set_prospect_field(p: &mut Prospect, name: &str, v: Val) {
    match name {
        "company" => p.company = v.text().unwrap_or_default(),
        "company_name" => p.company_name = v.text(),
        "industry" => p.industry = v.text(),
        "market_segment" => p.market_segment = v.text(),
        "customer_group" => p.customer_group = v.text(),
        "territory" => p.territory = v.text(),
        "no_of_employees" => p.no_of_employees = v.text(),
        "annual_revenue" => p.annual_revenue = v.number(),
        "fax" => p.fax = v.text(),
        "website" => p.website = v.text(),
        "prospect_owner" => p.prospect_owner = v.text(),
        _ => {}
    }
}

fn create_prospect(
    s: &mut OverplaneState,
    body: &Map<String, Value>,
    now: DateTime<Utc>,
    call: &str,
) -> Answer {
    let fields = fields(body, &PROSPECT_FIELDS)?;
    let company = required_text(&fields, "company")?.ok_or_else(|| missing("company"))?;
    let written = names(&fields);
    let mut p = Prospect {
        id: String::new(),
        created_at: now,
        updated_at: now,
        company_name: None,
        industry: None,
        market_segment: None,
        customer_group: None,
        territory: None,
        no_of_employees: None,
        annual_revenue: None,
        fax: None,
        website: None,
        prospect_owner: None,
        company,
        seq: 0,
        last_patch_fields: None,
    };
    for (name, v) in fields {
        set_prospect_field(&mut p, name, v);
    }
    let id = s.insert_prospect(p);
    record(s, now, call, &id, written);
    Ok(Reply::json(&s.prospects[&id].wire()))
}

fn update_prospect(
    s: &mut OverplaneState,
    id: &str,
    body: &Map<String, Value>,
    now: DateTime<Utc>,
    call: &str,
) -> Answer {
    let fields = fields(body, &PROSPECT_FIELDS)?;
    required_text(&fields, "company")?;
    let written = names(&fields);
    let p = s
        .prospects
        .get_mut(id)
        .ok_or_else(|| no_such("prospect", id, "id"))?;
    for (name, v) in fields {
        set_prospect_field(p, name, v);
    }
    p.updated_at = now;
    p.last_patch_fields = Some(written.clone());
    record(s, now, call, id, written);
    Ok(Reply::json(&s.prospects[id].wire()))
}

fn delete_prospect(s: &mut OverplaneState, id: &str, now: DateTime<Utc>, call: &str) -> Answer {
    s.prospects
        .remove(id)
        .ok_or_else(|| no_such("prospect", id, "id"))?;
    s.prospect_leads.retain(|_, l| l.prospect_id != id);
    s.prospect_opportunities.retain(|_, o| o.prospect_id != id);
    record(s, now, call, id, Vec::new());
    Ok(Reply::json(&DeletedWire { id, deleted: true }))
}

fn child_exists(s: &OverplaneState, child: Child, id: &str) -> bool {
    match child {
        Child::Lead => s.prospect_leads.contains_key(id),
        Child::Opportunity => s.prospect_opportunities.contains_key(id),
    }
}

fn children_list(s: &OverplaneState, child: Child, parent: &str) -> Reply {
    match child {
        Child::Lead => {
            let data: Vec<_> = s.leads_of(parent).into_iter().map(|l| l.wire()).collect();
            let total = data.len();
            Reply::json(&ListWire {
                data,
                has_more: false,
                total,
            })
        }
        Child::Opportunity => {
            let data: Vec<_> = s
                .opportunities_of(parent)
                .into_iter()
                .map(|o| o.wire())
                .collect();
            let total = data.len();
            Reply::json(&ListWire {
                data,
                has_more: false,
                total,
            })
        }
    }
}

fn set_lead_field(l: &mut ProspectLead, name: &str, v: Val) {
    match name {
        "prospect_id" => l.prospect_id = v.text().unwrap_or_default(),
        "lead" => l.lead = v.text().unwrap_or_default(),
        "lead_name" => l.lead_name = v.text(),
        "status" => l.status = v.text(),
        "email" => l.email = v.text(),
        "mobile_no" => l.mobile_no = v.text(),
        "lead_owner" => l.lead_owner = v.text(),
        _ => {}
    }
}

fn set_opportunity_field(o: &mut ProspectOpportunity, name: &str, v: Val) {
    match name {
        "prospect_id" => o.prospect_id = v.text().unwrap_or_default(),
        "opportunity" => o.opportunity = v.text(),
        "amount" => o.amount = v.number(),
        "stage" => o.stage = v.text(),
        "probability" => o.probability = v.number(),
        "expected_closing" => o.expected_closing = v.text(),
        "currency" => o.currency = v.text(),
        "deal_owner" => o.deal_owner = v.text(),
        "contact_person" => o.contact_person = v.text(),
        _ => {}
    }
}

fn create_child(
    s: &mut OverplaneState,
    child: Child,
    body: &Map<String, Value>,
    now: DateTime<Utc>,
    call: &str,
) -> Answer {
    let spec: &[(&str, Kind)] = match child {
        Child::Lead => &LEAD_FIELDS,
        Child::Opportunity => &OPPORTUNITY_FIELDS,
    };
    let fields = fields(body, spec)?;
    let prospect_id =
        required_text(&fields, "prospect_id")?.ok_or_else(|| missing("prospect_id"))?;
    let lead = match child {
        Child::Lead => required_text(&fields, "lead")?.ok_or_else(|| missing("lead"))?,
        Child::Opportunity => String::new(),
    };
    if !s.prospects.contains_key(&prospect_id) {
        return Err(no_such("prospect", &prospect_id, "prospect_id"));
    }
    let written = names(&fields);
    let id = match child {
        Child::Lead => {
            let mut l = ProspectLead {
                id: String::new(),
                idx: 0,
                prospect_id,
                lead,
                lead_name: None,
                status: None,
                email: None,
                mobile_no: None,
                lead_owner: None,
                last_patch_fields: None,
            };
            for (name, v) in fields {
                set_lead_field(&mut l, name, v);
            }
            s.insert_lead(l)
        }
        Child::Opportunity => {
            let mut o = ProspectOpportunity {
                id: String::new(),
                idx: 0,
                prospect_id,
                opportunity: None,
                amount: None,
                stage: None,
                probability: None,
                expected_closing: None,
                currency: None,
                deal_owner: None,
                contact_person: None,
                last_patch_fields: None,
            };
            for (name, v) in fields {
                set_opportunity_field(&mut o, name, v);
            }
            s.insert_opportunity(o)
        }
    };
    record(s, now, call, &id, written);
    Ok(child_reply(s, child, &id))
}

fn child_reply(s: &OverplaneState, child: Child, id: &str) -> Reply {
    match child {
        Child::Lead => Reply::json(&s.prospect_leads[id].wire()),
        Child::Opportunity => Reply::json(&s.prospect_opportunities[id].wire()),
    }
}

fn update_child(
    s: &mut OverplaneState,
    child: Child,
    id: &str,
    body: &Map<String, Value>,
    now: DateTime<Utc>,
    call: &str,
) -> Answer {
    let (spec, current_parent): (&[(&str, Kind)], String) = match child {
        Child::Lead => (&LEAD_FIELDS, s.prospect_leads[id].prospect_id.clone()),
        Child::Opportunity => (
            &OPPORTUNITY_FIELDS,
            s.prospect_opportunities[id].prospect_id.clone(),
        ),
    };
    let fields = fields(body, spec)?;
    if let Some(parent) = required_text(&fields, "prospect_id")?
        && parent != current_parent
    {
        return Err(invalid(
            "prospect_id",
            "prospect_id cannot be changed: delete the item and create it under the other prospect",
        ));
    }
    if child == Child::Lead {
        required_text(&fields, "lead")?;
    }
    let written = names(&fields);
    match child {
        Child::Lead => {
            let l = s.prospect_leads.get_mut(id).expect("checked");
            for (name, v) in fields {
                set_lead_field(l, name, v);
            }
            l.last_patch_fields = Some(written.clone());
        }
        Child::Opportunity => {
            let o = s.prospect_opportunities.get_mut(id).expect("checked");
            for (name, v) in fields {
                set_opportunity_field(o, name, v);
            }
            o.last_patch_fields = Some(written.clone());
        }
    }
    record(s, now, call, id, written);
    Ok(child_reply(s, child, id))
}

fn delete_child(
    s: &mut OverplaneState,
    child: Child,
    id: &str,
    now: DateTime<Utc>,
    call: &str,
) -> Answer {
    let found = match child {
        Child::Lead => s.prospect_leads.remove(id).is_some(),
        Child::Opportunity => s.prospect_opportunities.remove(id).is_some(),
    };
    if !found {
        return Err(no_such(child.resource(), id, "id"));
    }
    record(s, now, call, id, Vec::new());
    Ok(Reply::json(&DeletedWire { id, deleted: true }))
}

/// ASSUMED body `{"parent_id":"prospect_…","ids":["…", …]}`: every child of
/// the parent, each once, in the new order; `idx` becomes 1..n.
fn reorder(
    s: &mut OverplaneState,
    child: Child,
    body: &Map<String, Value>,
    now: DateTime<Utc>,
    call: &str,
) -> Answer {
    if let Some(name) = body.keys().find(|k| *k != "parent_id" && *k != "ids") {
        return Err(unknown_param(name));
    }
    let parent = match body.get("parent_id") {
        None | Some(Value::Null) => return Err(missing("parent_id")),
        Some(Value::String(p)) if !p.is_empty() => p.clone(),
        Some(_) => {
            return Err(invalid(
                "parent_id",
                "Invalid parent_id: expected a prospect id",
            ));
        }
    };
    let ids: Vec<String> = match body.get("ids") {
        None | Some(Value::Null) => return Err(missing("ids")),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<_>>()
            .ok_or_else(|| invalid("ids", "Invalid ids: expected an array of ids"))?,
        Some(_) => return Err(invalid("ids", "Invalid ids: expected an array of ids")),
    };
    if !s.prospects.contains_key(&parent) {
        return Err(no_such("prospect", &parent, "parent_id"));
    }
    let mut current: Vec<String> = match child {
        Child::Lead => s.leads_of(&parent).iter().map(|l| l.id.clone()).collect(),
        Child::Opportunity => s
            .opportunities_of(&parent)
            .iter()
            .map(|o| o.id.clone())
            .collect(),
    };
    let mut sent = ids.clone();
    current.sort();
    sent.sort();
    if current != sent {
        return Err(invalid(
            "ids",
            format!(
                "Invalid ids: must list every {} of prospect '{parent}' exactly once ({} expected)",
                child.resource(),
                current.len()
            ),
        ));
    }
    for (i, id) in ids.iter().enumerate() {
        let idx = i as i64 + 1;
        match child {
            Child::Lead => s.prospect_leads.get_mut(id).expect("checked").idx = idx,
            Child::Opportunity => s.prospect_opportunities.get_mut(id).expect("checked").idx = idx,
        }
    }
    let mut written: Vec<String> = body.keys().cloned().collect();
    written.sort();
    record(s, now, call, &parent, written);
    Ok(children_list(s, child, &parent))
}
