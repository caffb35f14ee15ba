//! POST and PUT bodies: validated against the document's request schemas
//! (as Flask-RESTX `validate=True` does), then applied to the stored wire
//! object, nested references resolved from the ids.

use chrono::NaiveDate;

use super::handlers::Fail;
use super::model::{CirrusState, Resource, null_coordinates};
use super::ordered::Json;

/// A request field's JSON-schema type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Int,
    Num,
    Str,
    /// `string <date>` (`2019-08-24`)
    Date,
    /// `string <date-time>`
    DateTime,
    Obj,
    Arr,
}

use Kind::*;

/// `(name, type, required)` of a request schema, in the document's order.
pub type Spec = &'static [(&'static str, Kind, bool)];

pub const ACCOUNT_POST: Spec = &[
    ("name", Str, true),
    ("alt_name", Str, false),
    ("typeid", Int, true),
    ("number", Str, false),
    ("userid", Int, true),
    ("alternateuserid", Int, false),
    ("phone", Str, false),
    ("cellphone", Str, false),
    ("fax", Str, false),
    ("email", Str, false),
    ("url", Str, false),
    ("vatno", Str, false),
    ("active", Int, false),
    ("info", Str, false),
    ("socialmedia_fb", Str, false),
    ("socialmedia_tw", Str, false),
    ("socialmedia_li", Str, false),
    ("uservisitintervalweeks", Int, false),
    ("alternateuservisitintervalweeks", Int, false),
    ("parentaccountid", Int, false),
    ("addresses", Obj, false),
    ("accountgroups", Arr, false),
    ("externalkey", Str, false),
    ("tags", Arr, false),
];

pub const ACCOUNT_PUT: Spec = &[
    ("name", Str, false),
    ("alt_name", Str, false),
    ("typeid", Int, false),
    ("number", Str, false),
    ("userid", Int, false),
    ("alternateuserid", Int, false),
    ("phone", Str, false),
    ("cellphone", Str, false),
    ("fax", Str, false),
    ("email", Str, false),
    ("url", Str, false),
    ("vatno", Str, false),
    ("active", Int, false),
    ("info", Str, false),
    ("socialmedia_fb", Str, false),
    ("socialmedia_tw", Str, false),
    ("socialmedia_li", Str, false),
    ("uservisitintervalweeks", Int, false),
    ("alternateuservisitintervalweeks", Int, false),
    ("parentaccountid", Int, false),
    ("addresses", Obj, false),
    ("accountgroups", Arr, false),
    ("externalkey", Str, false),
    ("tags", Arr, false),
];

pub const CONTACT_POST: Spec = &[
    ("name", Str, true),
    ("surname", Str, true),
    ("function", Str, false),
    ("department", Str, false),
    ("email", Str, false),
    ("officephone", Str, false),
    ("cellphone", Str, false),
    ("title", Str, false),
    ("street", Str, false),
    ("city", Str, false),
    ("zip", Str, false),
    ("accountid", Int, true),
    ("primarycontact", Int, false),
    ("socialmedia_fb", Str, false),
    ("socialmedia_tw", Str, false),
    ("socialmedia_li", Str, false),
    ("idnumber", Str, false),
    ("externalkey", Str, false),
    ("active", Int, false),
    ("superiorid", Int, false),
    ("tags", Arr, false),
];

pub const CONTACT_PUT: Spec = &[
    ("name", Str, false),
    ("surname", Str, false),
    ("function", Str, false),
    ("department", Str, false),
    ("email", Str, false),
    ("officephone", Str, false),
    ("cellphone", Str, false),
    ("title", Str, false),
    ("street", Str, false),
    ("city", Str, false),
    ("zip", Str, false),
    ("primarycontact", Int, false),
    ("socialmedia_fb", Str, false),
    ("socialmedia_tw", Str, false),
    ("socialmedia_li", Str, false),
    ("idnumber", Str, false),
    ("externalkey", Str, false),
    ("active", Int, false),
    ("superiorid", Int, false),
    ("tags", Arr, false),
];

/// Leads: the same schema for POST and PUT, nothing required.
pub const LEAD: Spec = &[
    ("contacttitle", Str, false),
    ("contactname", Str, false),
    ("contactsurname", Str, false),
    ("contactcompany", Str, false),
    ("contactstreet", Str, false),
    ("contactcity", Str, false),
    ("contactzip", Str, false),
    ("contactphone", Str, false),
    ("contactcellphone", Str, false),
    ("contactemail", Str, false),
    ("contactvatno", Str, false),
    ("value", Num, false),
    ("created", DateTime, false),
    ("updated", DateTime, false),
    ("title", Str, false),
    ("description", Str, false),
    ("rating", Int, false),
    ("user", Obj, false),
    ("source", Obj, false),
    ("status", Obj, false),
    ("tags", Arr, false),
];

/// Opportunities: the same schema for POST and PUT, with the same required
/// fields.
pub const OPPORTUNITY: Spec = &[
    ("accountid", Int, true),
    ("altaccountid", Int, false),
    ("contactid", Int, true),
    ("phone", Str, false),
    ("title", Str, true),
    ("description", Str, true),
    ("userid", Int, true),
    ("result", Str, false),
    ("value", Num, false),
    ("altvalue", Str, false),
    ("altvaluelabel", Str, false),
    ("statusid", Int, true),
    ("estimatedenddate", Str, true),
    ("lostreasonid", Int, false),
    ("typeid", Int, true),
    ("winreasonid", Int, false),
    ("enddate", Date, false),
    ("stateid", Int, false),
    ("estimateid", Int, false),
    ("sourceid", Str, false),
    ("closed", Int, false),
    ("tags", Arr, false),
];

pub const ACTIVITY_POST: Spec = &[
    ("id", Int, false),
    ("account", Obj, false),
    ("accountid", Int, true),
    ("closed", Int, false),
    ("contactattempts", Arr, false),
    ("description", Str, true),
    ("date", Date, false),
    ("extrasexternalid", Int, false),
    ("files", Arr, false),
    ("followers", Arr, false),
    ("invitedusers", Arr, false),
    ("invitedcontacts", Arr, false),
    ("location", Str, true),
    ("primarycontact", Obj, true),
    ("priority", Obj, false),
    ("progressionstate", Obj, false),
    ("opportunity", Obj, false),
    ("reminder", Obj, false),
    ("start", DateTime, false),
    ("starttime", Str, false),
    ("stop", DateTime, false),
    ("stoptime", Str, false),
    ("result", Str, true),
    ("type", Obj, true),
    ("user", Arr, false),
    ("userid", Int, true),
    ("answers", Arr, false),
    ("externalkey", Str, false),
    ("tags", Arr, false),
];

pub const ACTIVITY_PUT: Spec = &[
    ("closed", Int, false),
    ("date", Date, false),
    ("description", Str, false),
    ("location", Str, false),
    ("result", Str, false),
    ("starttime", Str, false),
    ("stoptime", Str, false),
    ("typeid", Int, false),
    ("opportunityid", Int, false),
    ("userid", Int, false),
    ("user", Obj, false),
    ("primarycontact", Obj, false),
    ("invitedusers", Arr, false),
    ("invitedcontacts", Arr, false),
    ("answers", Arr, false),
    ("tags", Arr, false),
];

/// The request schema of a write.
pub fn spec(resource: Resource, create: bool) -> Spec {
    match (resource, create) {
        (Resource::Accounts, true) => ACCOUNT_POST,
        (Resource::Accounts, false) => ACCOUNT_PUT,
        (Resource::Contacts, true) => CONTACT_POST,
        (Resource::Contacts, false) => CONTACT_PUT,
        (Resource::Leads, _) => LEAD,
        (Resource::Opportunities, _) => OPPORTUNITY,
        (Resource::Activities, true) => ACTIVITY_POST,
        (Resource::Activities, false) => ACTIVITY_PUT,
    }
}

/// Python's `repr` of a JSON value, as jsonschema quotes it.
fn repr(v: &Json) -> String {
    match v {
        Json::Null => "None".into(),
        Json::Bool(true) => "True".into(),
        Json::Bool(false) => "False".into(),
        Json::Str(s) => format!("'{s}'"),
        other => other.to_text(),
    }
}

fn is_date(s: &str) -> bool {
    s.len() == 10 && NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

/// Checks a body against a schema: the first error (in the schema's order;
/// missing required fields first) as the Flask-RESTX validation body.
pub fn validate(body: &Json, spec: Spec) -> Result<(), Fail> {
    for (name, _, required) in spec {
        if *required && body.get(name).is_none() {
            return Err(Fail::invalid(
                name,
                &format!("'{name}' is a required property"),
            ));
        }
    }
    for (name, kind, _) in spec {
        let Some(v) = body.get(name) else { continue };
        let ok = match (kind, v) {
            (Int, Json::Num(n)) => n.is_i64() || n.is_u64(),
            (Num, Json::Num(_)) => true,
            (Str | Date | DateTime, Json::Str(_)) => true,
            (Obj, Json::Obj(_)) => true,
            (Arr, Json::Arr(_)) => true,
            _ => false,
        };
        if !ok {
            let t = match kind {
                Int => "integer",
                Num => "number",
                Str | Date | DateTime => "string",
                Obj => "object",
                Arr => "array",
            };
            return Err(Fail::invalid(
                name,
                &format!("{} is not of type '{t}'", repr(v)),
            ));
        }
        if *kind == Date && !v.as_str().is_some_and(is_date) {
            return Err(Fail::invalid(name, &format!("{} is not a 'date'", repr(v))));
        }
        let rfc3339 = |s: &str| chrono::DateTime::parse_from_rfc3339(s).is_ok();
        if *kind == DateTime && v.as_str().is_none_or(|s| !rfc3339(s)) {
            return Err(Fail::invalid(
                name,
                &format!("{} is not a 'date-time'", repr(v)),
            ));
        }
    }
    Ok(())
}

/// A blank object shaped like a sample: every field `null`, lists `[]`.
pub fn blank(sample: &Json) -> Json {
    match sample {
        Json::Obj(fields) => Json::Obj(
            fields
                .iter()
                .map(|(k, v)| {
                    let v = match v {
                        Json::Arr(_) => Json::Arr(Vec::new()),
                        _ => Json::Null,
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

fn unknown(field: &str, id: i64) -> Fail {
    Fail::invalid(field, &format!("No object with id {id}"))
}

fn id_of(v: &Json) -> Option<i64> {
    v.as_i64().or_else(|| v.int_at("id"))
}

/// `[{"id":n},…]` → the listed objects from `table` (400 when one is
/// unknown or has no id).
fn refs(field: &str, list: &Json, lookup: &dyn Fn(i64) -> Option<Json>) -> Result<Json, Fail> {
    let Json::Arr(items) = list else {
        return Err(Fail::invalid(field, "expected an array"));
    };
    let mut out = Vec::new();
    for item in items {
        let id = id_of(item).ok_or_else(|| Fail::invalid(field, "'id' is a required property"))?;
        out.push(lookup(id).ok_or_else(|| unknown(field, id))?);
    }
    Ok(Json::Arr(out))
}

/// Applies a validated body to `rec` (a stored object or a blank one).
pub fn apply(
    s: &CirrusState,
    resource: Resource,
    rec: &mut Json,
    body: &Json,
    create: bool,
) -> Result<(), Fail> {
    let spec = spec(resource, create);
    let tags = |v: &Json| refs("tags", v, &|id| s.tags.get(&id).cloned());
    let user = |field: &str, id: i64| s.user_ref(id).ok_or_else(|| unknown(field, id));
    for (name, _, _) in spec {
        let Some(v) = body.get(name) else { continue };
        let int = v.as_i64().unwrap_or_default();
        match (resource, *name) {
            (_, "tags") => rec.set("tags", tags(v)?),
            (Resource::Accounts, "typeid") => {
                let t = s
                    .accounttypes
                    .get(&int)
                    .cloned()
                    .ok_or_else(|| unknown(name, int))?;
                rec.set("type", t);
            }
            (Resource::Accounts, "userid") => rec.set("user", user(name, int)?),
            (Resource::Accounts, "alternateuserid") => {
                rec.set("alternateuserid", Json::str(int.to_string()));
                rec.set("alternateuser", user(name, int)?);
            }
            (Resource::Accounts, "parentaccountid") => {
                let p = s.account_ref(int).ok_or_else(|| unknown(name, int))?;
                rec.set("parentaccount", p);
            }
            (Resource::Accounts, "addresses") => {
                let mut addresses = rec
                    .get("addresses")
                    .cloned()
                    .filter(|a| matches!(a, Json::Obj(_)))
                    .unwrap_or_else(|| {
                        Json::obj(vec![
                            ("visiting", blank_address()),
                            ("delivery", blank_address()),
                            ("invoice", blank_address()),
                            ("postal", blank_address()),
                        ])
                    });
                for kind in ["visiting", "delivery", "invoice", "postal"] {
                    if let Some(given) = v.get(kind) {
                        let mut a = blank_address();
                        if let Json::Obj(fields) = given {
                            for (k, x) in fields {
                                if a.get(k).is_some() {
                                    a.set(k, x.clone());
                                }
                            }
                        }
                        addresses.set(kind, a);
                    }
                }
                rec.set("addresses", addresses);
            }
            (Resource::Contacts, "accountid") => rec.set(
                "account",
                s.account_ref(int).ok_or_else(|| unknown(name, int))?,
            ),
            (Resource::Contacts, "superiorid") => rec.set(
                "superior",
                s.contact_ref(int).ok_or_else(|| unknown(name, int))?,
            ),
            (Resource::Leads, "created" | "updated") => {}
            (Resource::Leads, "user") => {
                let id = id_of(v)
                    .ok_or_else(|| Fail::invalid("user.id", "'id' is a required property"))?;
                rec.set("user", user(name, id)?);
            }
            (Resource::Leads, "source") => {
                let id = id_of(v)
                    .ok_or_else(|| Fail::invalid("source.id", "'id' is a required property"))?;
                rec.set(
                    "source",
                    s.sources
                        .get(&id)
                        .cloned()
                        .ok_or_else(|| unknown(name, id))?,
                );
            }
            (Resource::Leads, "status") => {
                let id = id_of(v)
                    .ok_or_else(|| Fail::invalid("status.id", "'id' is a required property"))?;
                rec.set(
                    "status",
                    s.leadstatuses
                        .get(&id)
                        .cloned()
                        .ok_or_else(|| unknown(name, id))?,
                );
            }
            (Resource::Opportunities, "accountid") => {
                rec.set(
                    "account",
                    s.account_ref(int).ok_or_else(|| unknown(name, int))?,
                );
                rec.set("accountid", v.clone());
            }
            (Resource::Opportunities, "altaccountid") => {
                rec.set(
                    "altaccount",
                    s.account_ref(int).ok_or_else(|| unknown(name, int))?,
                );
                rec.set("altaccountid", v.clone());
            }
            (Resource::Opportunities, "contactid") => {
                rec.set(
                    "contact",
                    s.contact_ref(int).ok_or_else(|| unknown(name, int))?,
                );
                rec.set("contactid", v.clone());
            }
            (Resource::Opportunities, "userid") => {
                rec.set("user", user(name, int)?);
                rec.set("userid", v.clone());
            }
            (Resource::Opportunities, "altvalue") => {
                let text = v.as_str().unwrap_or_default();
                let x: f64 = text
                    .trim()
                    .parse()
                    .map_err(|_| Fail::invalid(name, &format!("{} is not a number", repr(v))))?;
                rec.set("altvalue", Json::float(x));
            }
            (Resource::Opportunities, "statusid") => {
                rec.set(
                    "status",
                    s.statuses
                        .get(&int)
                        .cloned()
                        .ok_or_else(|| unknown(name, int))?,
                );
                rec.set("statusid", v.clone());
            }
            (Resource::Opportunities, "typeid") => {
                rec.set("type", s.type_wire(int).ok_or_else(|| unknown(name, int))?);
                rec.set("typeid", v.clone());
            }
            (Resource::Opportunities, "winreasonid") => {
                rec.set(
                    "winreason",
                    s.winreasons
                        .get(&int)
                        .cloned()
                        .ok_or_else(|| unknown(name, int))?,
                );
                rec.set("winreasonid", v.clone());
            }
            (Resource::Opportunities, "lostreasonid") => {
                rec.set(
                    "lostreason",
                    s.lostreasons
                        .get(&int)
                        .cloned()
                        .ok_or_else(|| unknown(name, int))?,
                );
                rec.set("lostreasonid", v.clone());
            }
            (Resource::Opportunities, "estimateid") => {
                rec.set(
                    "estimate",
                    s.estimates
                        .get(&int)
                        .cloned()
                        .ok_or_else(|| unknown(name, int))?,
                );
            }
            (Resource::Opportunities, "sourceid") => {
                let text = v.as_str().unwrap_or_default();
                let id: i64 = text.trim().parse().map_err(|_| unknown(name, -1))?;
                rec.set(
                    "source",
                    s.sources
                        .get(&id)
                        .cloned()
                        .ok_or_else(|| unknown(name, id))?,
                );
                rec.set("sourceid", Json::int(id));
            }
            (Resource::Opportunities, "stateid") => rec.set("stateid", v.clone()),
            // Accepted, not part of the answer (the document's opportunity
            // has no `enddate`).
            (Resource::Opportunities, "enddate") => {}
            (Resource::Activities, "accountid") => {
                rec.set(
                    "account",
                    s.account_ref(int).ok_or_else(|| unknown(name, int))?,
                );
                rec.set("accountid", v.clone());
            }
            (
                Resource::Activities,
                "account" | "id" | "followers" | "files" | "contactattempts",
            ) => {}
            (Resource::Activities, "primarycontact") => {
                let id = id_of(v).ok_or_else(|| {
                    Fail::invalid("primarycontact.id", "'id' is a required property")
                })?;
                rec.set(
                    "primarycontact",
                    s.primary_contact_ref(id, false)
                        .ok_or_else(|| unknown(name, id))?,
                );
            }
            (Resource::Activities, "type") => {
                let id = id_of(v)
                    .ok_or_else(|| Fail::invalid("type.id", "'id' is a required property"))?;
                rec.set(
                    "type",
                    s.activitytypes
                        .get(&id)
                        .cloned()
                        .ok_or_else(|| unknown(name, id))?,
                );
            }
            (Resource::Activities, "typeid") => {
                rec.set(
                    "type",
                    s.activitytypes
                        .get(&int)
                        .cloned()
                        .ok_or_else(|| unknown(name, int))?,
                );
            }
            (Resource::Activities, "opportunity" | "opportunityid") => {
                let id = id_of(v).ok_or_else(|| {
                    Fail::invalid("opportunity.id", "'id' is a required property")
                })?;
                let o = s.opportunities.get(&id).ok_or_else(|| unknown(name, id))?;
                let f = |n: &str| o.get(n).cloned().unwrap_or(Json::Null);
                rec.set(
                    "opportunity",
                    Json::obj(vec![
                        ("id", Json::int(id)),
                        ("title", f("title")),
                        ("description", f("description")),
                        ("estimatedenddate", f("estimatedenddate")),
                        ("account", f("account")),
                        ("user", f("user")),
                    ]),
                );
            }
            (Resource::Activities, "userid") => {
                let u = user(name, int)?;
                rec.set("user", Json::Arr(vec![u]));
                rec.set("userid", v.clone());
            }
            (Resource::Activities, "user") => match v {
                Json::Arr(_) => rec.set("user", refs(name, v, &|id| s.user_ref(id))?),
                _ => {
                    let id = id_of(v)
                        .ok_or_else(|| Fail::invalid("user.id", "'id' is a required property"))?;
                    rec.set("user", Json::Arr(vec![user(name, id)?]));
                    rec.set("userid", Json::int(id));
                }
            },
            (Resource::Activities, "invitedusers") => {
                rec.set("invitedusers", refs(name, v, &|id| s.user_ref(id))?)
            }
            (Resource::Activities, "invitedcontacts") => {
                rec.set("invitedcontacts", refs(name, v, &|id| s.contact_ref(id))?)
            }
            (Resource::Activities, "start" | "stop") => {
                let t = chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap_or_default())
                    .map(|t| {
                        t.with_timezone(&chrono::Utc)
                            .format("%Y-%m-%dT%H:%M:%S%.3fZ")
                            .to_string()
                    })
                    .unwrap_or_default();
                rec.set(name, Json::str(t));
            }
            _ => rec.set(name, v.clone()),
        }
    }
    Ok(())
}

/// An address with every field `null`.
pub fn blank_address() -> Json {
    Json::obj(vec![
        ("careof", Json::Null),
        ("name", Json::Null),
        ("street", Json::Null),
        ("zip", Json::Null),
        ("city", Json::Null),
        ("country", Json::Null),
        ("email", Json::Null),
        ("coordinates", null_coordinates()),
        ("number", Json::Null),
        ("letter", Json::Null),
    ])
}
