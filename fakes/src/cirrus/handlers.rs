//! One function per Cirrus call.

use chrono::{DateTime, Utc};

use super::assumed::{self, Call, PathKind};
use super::model::{CirrusState, Resource, Write};
use super::ordered::{Json, Mask, MaskFail};
use super::write;
use crate::Shared;
use crate::reply::Reply;

/// A refused call: HTTP status and the Flask-RESTX body.
#[derive(Debug)]
pub struct Fail {
    pub status: u16,
    pub body: Json,
}

impl Fail {
    /// `{"message": …}`
    pub fn message(status: u16, message: &str) -> Fail {
        Fail {
            status,
            body: Json::obj(vec![("message", Json::str(message))]),
        }
    }

    /// 400 `{"errors": {field: …}, "message": "Input payload validation failed"}`
    pub fn invalid(field: &str, error: &str) -> Fail {
        Fail {
            status: 400,
            body: Json::obj(vec![
                ("errors", Json::obj(vec![(field, Json::str(error))])),
                ("message", Json::str(assumed::VALIDATION_FAILED)),
            ]),
        }
    }

    pub fn into_reply(self) -> Reply {
        Reply::json(&self.body).with_status(self.status)
    }
}

/// A call, parsed.
pub(super) struct Request {
    pub call: Option<Call>,
    /// The fault-matching name.
    pub name: String,
    pub allowed: Option<String>,
    pub query: Vec<(String, String)>,
    pub body: Result<Option<Json>, ()>,
    pub token: Option<String>,
    pub mask: Option<String>,
}

type Answer = Result<Reply, Fail>;

pub(super) fn handle(shared: &Shared, req: Request) -> Reply {
    answer(shared, req).unwrap_or_else(Fail::into_reply)
}

fn answer(shared: &Shared, req: Request) -> Answer {
    let Some(call) = req.call else {
        return match req.allowed {
            Some(allow) => Ok(Fail::message(405, assumed::METHOD_NOT_ALLOWED)
                .into_reply()
                .header("allow", allow)),
            None => Err(Fail::message(404, assumed::NOT_FOUND)),
        };
    };
    match req.token.as_deref().map(str::trim) {
        None | Some("") => return Err(Fail::message(401, assumed::TOKEN_MISSING)),
        Some(t) if t != shared.credentials.cirrus_token => {
            return Err(Fail::message(401, assumed::TOKEN_INVALID));
        }
        Some(_) => {}
    }
    let mask = match req.mask.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(Mask::parse(text).map_err(mask_fail)?),
    };
    let now = shared.now();
    let mut guard = shared.state();
    let s = &mut guard.cirrus;
    let out = |v: Json, status: u16| -> Answer {
        let v = match &mask {
            Some(m) => m.apply(&v).map_err(mask_fail)?,
            None => v,
        };
        Ok(Reply::json(&v).with_status(status))
    };
    match call.kind {
        PathKind::List(r) => {
            let (page, total, pages, per_page, items) = list(s, r, &req.query)?;
            let envelope = Json::obj(vec![
                ("page", Json::int(page)),
                ("pages", Json::int(pages)),
                ("per_page", Json::int(per_page)),
                ("total", Json::int(total)),
                ("items", Json::Arr(items)),
            ]);
            let envelope = match &mask {
                Some(m) => m.apply(&envelope).map_err(mask_fail)?,
                None => envelope,
            };
            let wire = if s.list_envelope_in_array {
                Json::Arr(vec![envelope])
            } else {
                envelope
            };
            Ok(Reply::json(&wire))
        }
        PathKind::Item(r, id) => {
            let rec = s
                .records(r)
                .get(&id)
                .cloned()
                .ok_or_else(|| not_found(r, id))?;
            out(rec, 200)
        }
        PathKind::Create(r) => {
            let body = body(&req.body)?;
            write::validate(&body, write::spec(r, true))?;
            let id = s.next_id(r);
            let mut rec = write::blank(&assumed::sample(r));
            rec.set("id", Json::int(id));
            write::apply(s, r, &mut rec, &body, true)?;
            finish(s, r, id, &mut rec, None, &body, now)?;
            s.records_mut(r).insert(id, rec.clone());
            after_write(s, r, id);
            record(s, &req.name, r, id, &body, now);
            out(rec, assumed::CREATED_STATUS)
        }
        PathKind::Update(r, id) => {
            let body = body(&req.body)?;
            let before = s
                .records(r)
                .get(&id)
                .cloned()
                .ok_or_else(|| not_found(r, id))?;
            write::validate(&body, write::spec(r, false))?;
            let mut rec = before.clone();
            write::apply(s, r, &mut rec, &body, false)?;
            finish(s, r, id, &mut rec, Some(&before), &body, now)?;
            s.records_mut(r).insert(id, rec.clone());
            after_write(s, r, id);
            record(s, &req.name, r, id, &body, now);
            out(rec, 200)
        }
        PathKind::Follow(r, follow) => {
            let body = body(&req.body)?;
            write::validate(
                &body,
                &[
                    ("key", write::Kind::Int, true),
                    ("userid", write::Kind::Int, true),
                ],
            )?;
            let id = body.int_at("key").unwrap_or_default();
            let uid = body.int_at("userid").unwrap_or_default();
            let user = s
                .user_ref(uid)
                .ok_or_else(|| Fail::invalid("userid", &format!("No object with id {uid}")))?;
            let rec = s
                .records_mut(r)
                .get_mut(&id)
                .ok_or_else(|| not_found(r, id))?;
            let mut followers = match rec.get("followers") {
                Some(Json::Arr(f)) => f.clone(),
                _ => Vec::new(),
            };
            followers.retain(|f| f.int_at("id") != Some(uid));
            if follow {
                followers.push(user);
            }
            rec.set("followers", Json::Arr(followers));
            record(s, &req.name, r, id, &body, now);
            Ok(Reply::new(
                assumed::FOLLOW_STATUS,
                crate::reply::JSON,
                Vec::new(),
            ))
        }
        PathKind::Lookup(l) => {
            let table = match l {
                assumed::Lookup::Statuses => &s.statuses,
                assumed::Lookup::Types => &s.types,
                assumed::Lookup::WinReasons => &s.winreasons,
                assumed::Lookup::LostReasons => &s.lostreasons,
                assumed::Lookup::Estimates => &s.estimates,
            };
            let mut v: Vec<Json> = table.values().cloned().collect();
            if l == assumed::Lookup::Types {
                v = v
                    .iter()
                    .filter_map(|t| t.int_at("id"))
                    .filter_map(|id| s.type_wire(id))
                    .collect();
            }
            v.sort_by_key(|x| (x.int_at("sortorder"), x.int_at("id")));
            out(Json::Arr(v), 200)
        }
        PathKind::LeadStatuses => {
            let mut rows: Vec<Json> = s
                .leadstatuses
                .values()
                .map(|x| {
                    Json::obj(vec![
                        ("id", x.get("id").cloned().unwrap_or(Json::Null)),
                        ("name", x.get("name").cloned().unwrap_or(Json::Null)),
                        (
                            "sortorder",
                            x.get("sortorder").cloned().unwrap_or(Json::Null),
                        ),
                    ])
                })
                .collect();
            rows.sort_by_key(|x| (x.int_at("sortorder"), x.int_at("id")));
            let (page, per_page) = paging(&req.query)?;
            let (total, pages, items) = slice(rows, page, per_page);
            let envelope = Json::obj(vec![
                ("page", Json::int(page)),
                ("pages", Json::int(pages)),
                ("per_page", Json::int(per_page)),
                ("total", Json::int(total)),
                ("items", Json::Arr(items)),
            ]);
            let envelope = match &mask {
                Some(m) => m.apply(&envelope).map_err(mask_fail)?,
                None => envelope,
            };
            Ok(Reply::json(&if s.list_envelope_in_array {
                Json::Arr(vec![envelope])
            } else {
                envelope
            }))
        }
    }
}

fn mask_fail(f: MaskFail) -> Fail {
    match f {
        MaskFail::Parse(m) => Fail::message(400, &format!("Mask parse error: {m}")),
        MaskFail::Inconsistent(m) => Fail::message(400, &format!("Mask error: {m}")),
    }
}

fn not_found(r: Resource, id: i64) -> Fail {
    Fail::message(404, &assumed::not_found_message(r, id))
}

fn body(b: &Result<Option<Json>, ()>) -> Result<Json, Fail> {
    match b {
        Ok(Some(v @ Json::Obj(_))) => Ok(v.clone()),
        Ok(Some(_)) => Err(Fail::message(400, assumed::NOT_AN_OBJECT)),
        Ok(None) | Err(()) => Err(Fail::message(400, assumed::BAD_JSON)),
    }
}

fn stamp(now: DateTime<Utc>) -> Json {
    let t = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    Json::str(t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// The per-resource rules after the body is applied: timestamps, the
/// won/lost rule, derived fields.
fn finish(
    s: &CirrusState,
    r: Resource,
    id: i64,
    rec: &mut Json,
    before: Option<&Json>,
    body: &Json,
    now: DateTime<Utc>,
) -> Result<(), Fail> {
    let _ = id;
    match r {
        Resource::Leads => {
            if before.is_none() {
                rec.set("created", stamp(now));
            }
            rec.set("updated", stamp(now));
        }
        Resource::Opportunities => {
            let type_id = rec.int_at("typeid");
            let status_id = rec.int_at("statusid");
            let status = status_id.and_then(|i| s.statuses.get(&i));
            if let Some(st) = status
                && st.int_at("opportunitytypeid") != type_id
            {
                return Err(Fail::invalid(
                    "statusid",
                    &assumed::status_not_of_type(
                        status_id.unwrap_or_default(),
                        type_id.unwrap_or_default(),
                    ),
                ));
            }
            if let Some(st) = status {
                let won = st.int_at("won") == Some(1);
                let lost = st.int_at("lost") == Some(1);
                let entering = before.is_none_or(|b| b.int_at("statusid") != status_id);
                if s.require_reasons && entering {
                    if won && body.get("winreasonid").is_none() {
                        return Err(Fail::invalid("winreasonid", assumed::WIN_REASON_REQUIRED));
                    }
                    if lost && body.get("lostreasonid").is_none() {
                        return Err(Fail::invalid("lostreasonid", assumed::LOST_REASON_REQUIRED));
                    }
                }
                if body.get("closed").is_none() && entering {
                    rec.set("closed", Json::int(i64::from(won || lost)));
                }
            }
            let me = s.user_ref(s.token_user_id).unwrap_or(Json::Null);
            if before.is_none() {
                rec.set("regdate", stamp(now));
                rec.set("reguserid", Json::int(s.token_user_id));
                rec.set("reguser", me.clone());
            }
            rec.set("changedate", stamp(now));
            rec.set("changeuserid", Json::int(s.token_user_id));
            rec.set("changeuser", me);
        }
        _ => {}
    }
    Ok(())
}

/// Keeps an account's `contacts` in step with its contacts.
fn after_write(s: &mut CirrusState, r: Resource, id: i64) {
    if r != Resource::Contacts {
        return;
    }
    let Some(account_id) = s
        .contacts
        .get(&id)
        .and_then(|c| c.get("account"))
        .and_then(|a| a.int_at("id"))
    else {
        return;
    };
    let ids: Vec<i64> = s
        .contacts
        .iter()
        .filter(|(_, c)| c.get("account").and_then(|a| a.int_at("id")) == Some(account_id))
        .map(|(k, _)| *k)
        .collect();
    let list: Vec<Json> = ids
        .into_iter()
        .filter_map(|c| s.primary_contact_ref(c, true))
        .collect();
    if let Some(a) = s.accounts.get_mut(&account_id) {
        a.set("contacts", Json::Arr(list));
    }
}

fn record(s: &mut CirrusState, call: &str, r: Resource, id: i64, body: &Json, now: DateTime<Utc>) {
    let mut fields: Vec<String> = match body {
        Json::Obj(f) => f.iter().map(|(k, _)| k.clone()).collect(),
        _ => Vec::new(),
    };
    fields.sort();
    s.last_write
        .insert(format!("{}/{id}", r.as_str()), fields.clone());
    s.writes.push(Write {
        at: now,
        call: call.to_string(),
        resource: r,
        id,
        fields,
    });
}

/// `page` and `per_page` (reqparse errors as the validation body).
fn paging(query: &[(String, String)]) -> Result<(i64, i64), Fail> {
    let get = |n: &str| query.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    let page = match get("page") {
        None => 1,
        Some(v) => v.trim().parse::<i64>().map_err(|_| {
            Fail::invalid(
                "page",
                &assumed::page_error(&format!("invalid literal for int() with base 10: '{v}'")),
            )
        })?,
    };
    if page < 1 {
        return Err(Fail::invalid(
            "page",
            &assumed::page_error(&format!("{page} is below 1")),
        ));
    }
    let per_page = match get("per_page") {
        None => assumed::DEFAULT_PER_PAGE,
        Some(v) => v.trim().parse::<i64>().map_err(|_| {
            Fail::invalid(
                "per_page",
                &assumed::per_page_error(&format!("invalid literal for int() with base 10: '{v}'")),
            )
        })?,
    };
    if per_page < 1 {
        return Err(Fail::invalid(
            "per_page",
            &assumed::per_page_error(&format!("{per_page} is below 1")),
        ));
    }
    if per_page > assumed::MAX_PER_PAGE {
        return Err(Fail::invalid(
            "per_page",
            &assumed::per_page_error(&format!("{per_page} is above the maximum")),
        ));
    }
    Ok((page, per_page))
}

/// One page of `rows`: (total, pages, items).
fn slice<T>(rows: Vec<T>, page: i64, per_page: i64) -> (i64, i64, Vec<T>) {
    let total = rows.len() as i64;
    let pages = (total + per_page - 1) / per_page;
    let start = ((page - 1) * per_page) as usize;
    let items = rows
        .into_iter()
        .skip(start)
        .take(per_page as usize)
        .collect();
    (total, pages, items)
}

/// SQL `LIKE` with `%` wildcards, ignoring case; without `%`, equality
/// ignoring case.
pub fn like(pattern: &str, text: &str) -> bool {
    let p = pattern.to_lowercase();
    let t = text.to_lowercase();
    let parts: Vec<&str> = p.split('%').collect();
    if parts.len() == 1 {
        return p == t;
    }
    let mut rest = t.as_str();
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            let Some(r) = rest.strip_prefix(part) else {
                return false;
            };
            rest = r;
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            let Some(at) = rest.find(part) else {
                return false;
            };
            rest = &rest[at + part.len()..];
        }
    }
    true
}

fn text_at(rec: &Json, path: &str) -> String {
    let mut v = rec;
    for part in path.split('.') {
        match v.get(part) {
            Some(x) => v = x,
            None => return String::new(),
        }
    }
    match v {
        Json::Str(s) => s.clone(),
        Json::Num(n) => n.to_string(),
        _ => String::new(),
    }
}

/// A string field's text, borrowed ("" when absent or not a string).
fn str_at<'a>(rec: &'a Json, path: &str) -> &'a str {
    let mut v = rec;
    for part in path.split('.') {
        match v.get(part) {
            Some(x) => v = x,
            None => return "",
        }
    }
    v.as_str().unwrap_or("")
}

fn int_at(rec: &Json, path: &str) -> Option<i64> {
    let mut v = rec;
    for part in path.split('.') {
        v = v.get(part)?;
    }
    match v {
        Json::Str(s) => s.parse().ok(),
        other => other.as_i64(),
    }
}

fn ints(v: &str, name: &str) -> Result<Vec<i64>, Fail> {
    v.split(',')
        .map(|x| {
            x.trim().parse::<i64>().map_err(|_| {
                Fail::invalid(
                    name,
                    &format!("invalid literal for int() with base 10: '{x}'"),
                )
            })
        })
        .collect()
}

fn followed_by(rec: &Json, uid: i64) -> bool {
    matches!(rec.get("followers"), Some(Json::Arr(f)) if f.iter().any(|u| u.int_at("id") == Some(uid)))
}

/// A list call: filters, sorting, one page.
#[allow(clippy::type_complexity)]
fn list(
    s: &CirrusState,
    r: Resource,
    query: &[(String, String)],
) -> Result<(i64, i64, i64, i64, Vec<Json>), Fail> {
    let (page, per_page) = paging(query)?;
    let spec = assumed::filters(r);
    let mut filters: Vec<(&str, &str)> = Vec::new();
    for (k, v) in query {
        if k == "page" || k == "per_page" || k == "sorting" {
            continue;
        }
        match spec.iter().find(|(n, _)| n == k) {
            Some((_, true)) => filters.push((k.as_str(), v.as_str())),
            Some((_, false)) => {
                return Err(Fail::message(400, &assumed::filter_not_implemented(k)));
            }
            None => {} // reqparse ignores unknown arguments
        }
    }
    let has_active = filters.iter().any(|(k, _)| *k == "active");
    if r == Resource::Accounts && !has_active {
        filters.push(("active", "1"));
    }
    let mut rows: Vec<&Json> = Vec::new();
    for rec in s.records(r).values() {
        let mut keep = true;
        for (k, v) in &filters {
            if !matches(r, rec, k, v)? {
                keep = false;
                break;
            }
        }
        if keep {
            rows.push(rec);
        }
    }
    let sorting = query
        .iter()
        .find(|(k, _)| k == "sorting")
        .map(|(_, v)| v.as_str())
        .unwrap_or(assumed::default_sorting(r));
    let (field, desc) = assumed::sorting(r, sorting).ok_or_else(|| {
        Fail::invalid(
            "sorting",
            &format!("The value '{sorting}' is not a valid choice for 'sorting'."),
        )
    })?;
    let text_sort = matches!(
        field,
        "created"
            | "estimatedenddate"
            | "name"
            | "surname"
            | "email"
            | "number"
            | "date"
            | "account.name"
    );
    if text_sort {
        // The keys once per row, not once per comparison: a list of 10,000
        // leads is asked 200 times in a sync. A date sorts as written (its
        // digits have no case), borrowed rather than copied twice.
        let dated = matches!(field, "created" | "estimatedenddate" | "date");
        if dated {
            let mut keyed: Vec<(&str, Option<i64>, &Json)> = rows
                .iter()
                .map(|r| (str_at(r, field), r.int_at("id"), *r))
                .collect();
            keyed.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
            rows = keyed.into_iter().map(|(_, _, r)| r).collect();
        } else {
            rows.sort_by_cached_key(|r| (text_at(r, field).to_lowercase(), r.int_at("id")));
        }
        if desc {
            rows.reverse();
        }
    } else {
        rows.sort_by(|a, b| {
            let ord = match field {
                "value" => a
                    .get("value")
                    .and_then(Json::as_f64)
                    .unwrap_or_default()
                    .total_cmp(&b.get("value").and_then(Json::as_f64).unwrap_or_default()),
                other => int_at(a, other).cmp(&int_at(b, other)),
            }
            .then(a.int_at("id").cmp(&b.int_at("id")));
            if desc { ord.reverse() } else { ord }
        });
    }
    // Only the page is copied.
    let (total, pages, items) = slice(rows, page, per_page);
    let items: Vec<Json> = items.into_iter().cloned().collect();
    Ok((page, total, pages, per_page, items))
}

/// Whether one record passes one filter.
fn matches(r: Resource, rec: &Json, k: &str, v: &str) -> Result<bool, Fail> {
    let int = || {
        v.trim().parse::<i64>().map_err(|_| {
            Fail::invalid(k, &format!("invalid literal for int() with base 10: '{v}'"))
        })
    };
    let fulltext = |fields: &[&str]| {
        let needle = v.to_lowercase();
        fields
            .iter()
            .any(|f| text_at(rec, f).to_lowercase().contains(&needle))
    };
    Ok(match (r, k) {
        (_, "followedby") => followed_by(rec, int()?),
        (_, "externalkey") => text_at(rec, "externalkey") == v,
        (Resource::Accounts, "userid") => int_at(rec, "user.id") == Some(int()?),
        (Resource::Accounts, "userids") => {
            ints(v, k)?.contains(&int_at(rec, "user.id").unwrap_or(i64::MIN))
        }
        (Resource::Accounts, "typeid") => int_at(rec, "type.id") == Some(int()?),
        (Resource::Accounts, "typeids") => {
            ints(v, k)?.contains(&int_at(rec, "type.id").unwrap_or(i64::MIN))
        }
        (Resource::Accounts, "accountnumber") => text_at(rec, "number") == v,
        (Resource::Accounts, "active") => match int()? {
            2 => true,
            n => rec.int_at("active") == Some(n),
        },
        (
            Resource::Accounts | Resource::Contacts,
            "name" | "phone" | "cellphone" | "vatno" | "surname" | "title" | "officephone" | "city"
            | "email",
        ) => like(v, &text_at(rec, k)),
        (Resource::Accounts, "postal_city") => like(v, &text_at(rec, "addresses.postal.city")),
        (Resource::Accounts, "postal_street") => like(v, &text_at(rec, "addresses.postal.street")),
        (Resource::Accounts, "visitingaddress_city") => {
            like(v, &text_at(rec, "addresses.visiting.city"))
        }
        (Resource::Accounts, "deliveryaddress_city") => {
            like(v, &text_at(rec, "addresses.delivery.city"))
        }
        (Resource::Accounts, "invoiceaddress_city") => {
            like(v, &text_at(rec, "addresses.invoice.city"))
        }
        (Resource::Accounts, "fulltext") => fulltext(&[
            "name",
            "alt_name",
            "number",
            "phone",
            "cellphone",
            "email",
            "vatno",
            "addresses.postal.street",
            "addresses.postal.city",
            "addresses.postal.zip",
            "addresses.visiting.careof",
            "addresses.visiting.street",
            "addresses.visiting.zip",
            "addresses.visiting.city",
            "addresses.delivery.name",
            "addresses.delivery.street",
            "addresses.delivery.zip",
            "addresses.delivery.city",
            "addresses.invoice.name",
            "addresses.invoice.street",
            "addresses.invoice.zip",
            "addresses.invoice.city",
        ]),
        (Resource::Contacts, "accountid") => int_at(rec, "account.id") == Some(int()?),
        (Resource::Contacts, "active" | "primarycontact") => rec.int_at(k) == Some(int()?),
        (Resource::Contacts, "fulltext") => fulltext(&[
            "name",
            "surname",
            "email",
            "officephone",
            "cellphone",
            "title",
            "idnumber",
            "street",
            "city",
            "zip",
        ]),
        (Resource::Leads, "created") => text_at(rec, "created").starts_with(v),
        (Resource::Leads, "status") => int_at(rec, "status.id") == Some(int()?),
        (Resource::Leads, "source") => int_at(rec, "source.id") == Some(int()?),
        (Resource::Leads, "rating") => rec.int_at("rating") == Some(int()?),
        (Resource::Leads, "userid") => int_at(rec, "user.id") == Some(int()?),
        (Resource::Leads, "userids") => {
            ints(v, k)?.contains(&int_at(rec, "user.id").unwrap_or(i64::MIN))
        }
        (Resource::Leads, "fulltext") => fulltext(&assumed::LEAD_FULLTEXT),
        (
            Resource::Opportunities,
            "userid" | "accountid" | "statusid" | "typeid" | "contactid" | "winreasonid"
            | "lostreasonid" | "closed",
        ) => rec.int_at(k) == Some(int()?),
        (Resource::Opportunities, "userids") => {
            ints(v, k)?.contains(&rec.int_at("userid").unwrap_or(i64::MIN))
        }
        (Resource::Opportunities, "statusids") => {
            ints(v, k)?.contains(&rec.int_at("statusid").unwrap_or(i64::MIN))
        }
        (Resource::Opportunities, "estimateid") => int_at(rec, "estimate.id") == Some(int()?),
        (Resource::Opportunities, "estimated_startdate") => {
            text_at(rec, "estimatedenddate").as_str() >= v
        }
        (Resource::Opportunities, "estimated_enddate") => {
            text_at(rec, "estimatedenddate").as_str() <= v
        }
        (Resource::Opportunities, "description") => {
            like(&format!("%{v}%"), &text_at(rec, "description"))
        }
        (Resource::Opportunities, "fulltext") => fulltext(&["title", "description", "result"]),
        (Resource::Activities, "accountid" | "closed" | "userid") => rec.int_at(k) == Some(int()?),
        (Resource::Activities, "userids") => {
            ints(v, k)?.contains(&rec.int_at("userid").unwrap_or(i64::MIN))
        }
        (Resource::Activities, "typeid") => int_at(rec, "type.id") == Some(int()?),
        (Resource::Activities, "typeids") => {
            ints(v, k)?.contains(&int_at(rec, "type.id").unwrap_or(i64::MIN))
        }
        (Resource::Activities, "opportunityid") => int_at(rec, "opportunity.id") == Some(int()?),
        (Resource::Activities, "contactid") => {
            let id = int()?;
            int_at(rec, "primarycontact.id") == Some(id)
                || matches!(rec.get("invitedcontacts"), Some(Json::Arr(c)) if c.iter().any(|x| x.int_at("id") == Some(id)))
        }
        (Resource::Activities, "date") => text_at(rec, "date") == v,
        (Resource::Activities, "startdate") => text_at(rec, "date").as_str() >= v,
        (Resource::Activities, "enddate") => text_at(rec, "date").as_str() <= v,
        (Resource::Activities, "location" | "description") => like(v, &text_at(rec, k)),
        (Resource::Activities, "fulltext") => {
            fulltext(&["description", "date", "result", "location"])
        }
        _ => return Err(Fail::message(400, &assumed::filter_not_implemented(k))),
    })
}
