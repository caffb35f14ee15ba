//! EVERYTHING the Cirrus 2 fake assumes where seed 002 (and
//! seeds/README.md) is silent, in one place — the paths first, since the
//! document lost them. A connector should parse tolerantly and keep its
//! paths configurable; when the real API is seen to differ, change it here.
//!
//! What the document does say: `X-Token` on every call; `X-Fields` "Mask
//! which fields to include in the response" (a Flask-RESTX mask, says
//! seeds/README.md); paginated lists take `page` (default 1) and `per_page`
//! (default 10, "max pagesize is 50", help text `Results per page
//! {error_msg}, max pagesize is 50`: a Flask-RESTX reqparse argument) and
//! answer `[{"page","pages","per_page","total","items":[…]}]`; the
//! filters and `sorting` values of each list; the request schemas (required
//! fields, types) and the answer objects of accounts, contacts, leads,
//! opportunities, activities, opportunity statuses, types, win and lost
//! reasons, estimates, lead statuses; follow / unfollow bodies `{key,
//! userid}`; that updates "change root level properties" (leads:
//! "`created`/`updated` will be ignored on PUT/POST requests", so updates
//! are PUT). It shows no error bodies, no status codes other than 200, no
//! DELETE for these resources.
//!
//! Wire:
//!
//! - **Paths** ([`PATHS`], below `/cirrus`): named after the resources as
//!   seeds/README.md says. Ids are integers (`/leads/abc` is 404, as a
//!   Flask `<int:id>` route). Paths are exact and case-sensitive; a trailing
//!   slash is 404. A known path with another method is 405 with `Allow`.
//!   There is no DELETE (the document has none for these resources).
//! - **Follow / unfollow**: the document's bodies carry the object's id as
//!   `key` (and the follower as `userid`), so the path has no id:
//!   `POST /{resource}/follow` and `POST /{resource}/unfollow` with
//!   `{"key": id, "userid": user}`, for accounts, contacts, opportunities
//!   and activities (leads have none in the document). Answer: 204, empty
//!   body (the document shows none). Following twice is one follower;
//!   unfollowing a non-follower is 204 too. An unknown `key` is 404; an
//!   unknown `userid` is 400. The follower appears in the object's
//!   `followers` (`ListedUser`); `followedby=` filters on it.
//! - **Auth**: `X-Token: <token>` exact. Missing or blank →
//!   401 `{"message": "X-Token can not be blank unless using a Bearer token from new auth"}`
//!   (the document's own words); wrong → 401 `{"message": "Invalid X-Token"}`.
//!   The "Bearer token from new auth" is not supported. Routing comes
//!   first: an unknown path is 404 without a token too.
//! - **Error bodies** (Flask-RESTX's): `{"message": "…"}` (401, 404, 405,
//!   a bad mask, an unimplemented filter, a body that is not JSON), and for
//!   a request that fails validation 400
//!   `{"errors": {"<field>": "<error>"}, "message": "Input payload validation failed"}`
//!   — one error, the first missing required field, else the first field of
//!   the wrong type, in the schema's order, worded as Python jsonschema
//!   does (`'title' is a required property`, `'x' is not of type 'integer'`).
//!   Unknown body fields are ignored (Flask-RESTX does), but recorded.
//! - **Paging**: `page` ≥ 1, `per_page` 1..=50 (default 10); anything else
//!   is 400 with `errors.page` / `errors.per_page` (the help text with
//!   `{error_msg}` filled in: `Results per page 60 is above the maximum, max
//!   pagesize is 50`). Not clamped. `pages` = ceil(total / per_page) (0 when
//!   nothing matches); a page past the last has `items: []` (not 404).
//! - **List envelope**: exactly the document's sample: a JSON array holding
//!   ONE page object `[{"page":1,"pages":3,"per_page":10,"total":25,"items":[…]}]`
//!   (Redoc renders a Flask-RESTX `marshal_list_with` that way; the real
//!   server may send the bare object — `state.cirrus.list_envelope_in_array
//!   = false` answers that, to prove a connector takes both). No paging
//!   headers. The simple lists (statuses, types, win/lost reasons,
//!   estimates) are bare arrays without paging, as documented, ordered by
//!   `sortorder`, then id.
//! - **X-Fields**: a Flask-RESTX mask (`{id,name,status{id,name}}` or
//!   `id,name`; `*` = every other field), applied to the documented answer
//!   model: for a paginated list that is the page object, so a list mask
//!   names `items` (`{total,items{id,title}}`) — `{id,title}` on a list
//!   gives `[{}]`. Output in the mask's order; unknown names left out; a
//!   nested mask on an array applies to each element; on a `null` stays
//!   `null`. Unparsable → 400 `{"message":"Mask parse error: …"}`; a nested
//!   mask on a plain field → 400 `{"message":"Mask error: …"}`. Masks apply
//!   to POST / PUT answers too.
//! - **Filters**: each list's documented filters; the ones the fake
//!   implements are exact (integers; `%` wildcards case-insensitive as SQL
//!   `LIKE`; `fulltext` a case-insensitive substring of the listed fields).
//!   A documented filter it does not implement (`nearto`, `dynamicfield_id`,
//!   `missionid`, …) is 400 `{"message":"The fake does not implement the
//!   filter '…'"}` rather than silently ignored. Undocumented parameters
//!   are ignored (reqparse). Accounts default to `active=1` (documented
//!   default; `2` = both). Lead `fulltext` searches [`LEAD_FULLTEXT`]
//!   (the document names no fields). `sorting` as documented (default per
//!   list); an unknown value is 400; the `postaladdress_*` sortings are not
//!   implemented (400). Ties break on id.
//!   `sorting` is printed `sorting required | string Default: "…"`: a
//!   required parameter with a default contradicts itself; the fake takes
//!   it as optional with that default (a connector should always send it).
//! - **Names the document lost**: no parameter line of the document starts
//!   `email |`; where one would be, it reads `string | |` (the account and
//!   contact schemas, whose samples show `"email"`). The contacts list
//!   prints one filter as `string use % as a wildcard | |` between `city`
//!   and `externalkey`: the fake names it `email` (alphabetical between
//!   the two, and the contact's field). Likewise request schemas print
//!   `object (LeadUser) | |` and `Array of objects (IdObject) |` without
//!   names: the request samples show them as `user` and `tags`.
//! - **Rate limits**: the document names no 429 and no `Retry-After`. The
//!   fake answers 429 with `Retry-After: <seconds>` only when a test
//!   injects the `rate_limit` fault (the fakes' common fault, body plain
//!   text `fake fault: rate limited`, not the `{"message"}` body).
//! - **Writes**: POST answers 201 with the object, PUT 200 with the object
//!   (the document shows no write answers). Nested objects (`account`,
//!   `user`, `status`, `type`, `contact`, …) are resolved from the ids sent;
//!   an unknown id is 400 in `errors`. Opportunity PUT takes the
//!   document's schema, whose required fields (`accountid`, `contactid`,
//!   `title`, `description`, `userid`, `statusid`, `estimatedenddate`,
//!   `typeid`) are required on PUT too — a client must send them every time.
//!   Other PUTs take any subset.
//! - **Types on the wire**: as the samples: account `alternateuserid` is a
//!   string, opportunity `altvalue` is sent as a string and answered as a
//!   number, `sourceid` sent as a string and answered as an integer (the
//!   document's request says `altvalue | string`, `sourceid | string`, its
//!   answer `"altvalue": 0`, `"sourceid": 0`: so each must be a number
//!   written as a string, and the request sample's placeholder `"string"`
//!   is a 400 for both);
//!   `estimatedenddate` is kept as sent (the samples show `2020-01-25`);
//!   lead `created`/`updated` and opportunity `regdate`/`changedate` are
//!   RFC 3339 UTC with whole seconds (`2019-08-24T14:15:22Z`). The
//!   document renders `regdate`/`changedate` as `{}` (an untyped field):
//!   the sample opportunity keeps `{}`, every written one gets a string.
//!   Activity `start`/`stop` go out as `2019-01-25T00:00:00.000Z`.
//! - **Opportunity type `validstatuses`** is ONE status object in the
//!   document; the fake puts the type's first status by `sortorder` there.
//!   A status belongs to one type (`opportunitytypeid`); an opportunity's
//!   status must belong to its type (400 `errors.statusid`).
//! - **Won / lost rule** ([`WIN_REASON_REQUIRED`]): moving an opportunity
//!   INTO a status with `won: 1` (creating one there included) needs
//!   `winreasonid` in the same body; into `lost: 1` needs `lostreasonid`:
//!   400 `{"errors":{"winreasonid":"…"},"message":"Input payload validation failed"}`
//!   otherwise (switch: `state.cirrus.require_reasons`). Entering a won or
//!   lost status sets `closed` to 1, any other status 0, unless the body
//!   sends `closed`.
//! - **Updated-like fields**: leads' `updated` (and `created` on POST),
//!   opportunities' `changedate`, `changeuserid`, `changeuser` (and
//!   `regdate`, `reguser`, `reguserid` on POST) take the fake's clock and
//!   the token's user on every accepted POST / PUT. Accounts, contacts and
//!   activities have no such field in the document. Follow / unfollow
//!   change only `followers`.
//! - **Last write**: every accepted write records the body's top-level
//!   field names, sorted, in `state.cirrus.last_write["<resource>/<id>"]`
//!   (`CirrusState::last_write_fields`) and appends to
//!   `state.cirrus.writes`.
//! - **Derived**: an account's `contacts` list is rebuilt when one of its
//!   contacts is written; a contact's `account`, an opportunity's
//!   `account` etc. are copied when the referring object is written (not
//!   when the referred one changes).
//! - **Activities** link to an account (`accountid`), an opportunity
//!   (`opportunity`, PUT `opportunityid`) and contacts; the document has
//!   no lead link (lead activities are a separate `leadactivity` resource,
//!   embedded in the lead's `activities`, not served here). `user` lists
//!   the owner set by `userid`.
//! - **Faults** match `"<HTTP method> <path template>"` (case-insensitive),
//!   e.g. `GET /leads`, `PUT /opportunities/{id}`, `POST
//!   /opportunities/follow`; an unknown path's name is `"<METHOD> <path
//!   below /cirrus>"`. `failed_status` answers 400
//!   `{"message":"fake fault: injected failure"}`.
//! - **Request log**: the `X-Token` value is logged as `<redacted>`; the
//!   query (with `page`, `per_page`), then the JSON body's top-level fields
//!   are the parameters; the `X-Fields` header is kept as sent.

use super::model::Resource;
use super::ordered::Json;

/// The document's default `per_page`.
pub const DEFAULT_PER_PAGE: i64 = 10;
/// The document's "max pagesize".
pub const MAX_PER_PAGE: i64 = 50;
/// POST's status (ASSUMED).
pub const CREATED_STATUS: u16 = 201;
/// Follow / unfollow status (ASSUMED).
pub const FOLLOW_STATUS: u16 = 204;

pub const VALIDATION_FAILED: &str = "Input payload validation failed";
pub const TOKEN_MISSING: &str =
    "X-Token can not be blank unless using a Bearer token from new auth";
pub const TOKEN_INVALID: &str = "Invalid X-Token";
pub const NOT_FOUND: &str = "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";
pub const METHOD_NOT_ALLOWED: &str = "The method is not allowed for the requested URL.";
pub const BAD_JSON: &str =
    "The browser (or proxy) sent a request that this server could not understand.";
pub const NOT_AN_OBJECT: &str = "Input payload validation failed: the body must be a JSON object";
pub const WIN_REASON_REQUIRED: &str =
    "A winreasonid is required to move an opportunity into a won status";
pub const LOST_REASON_REQUIRED: &str =
    "A lostreasonid is required to move an opportunity into a lost status";

/// Lead `fulltext` fields (the document names none).
pub const LEAD_FULLTEXT: [&str; 6] = [
    "title",
    "description",
    "contactname",
    "contactsurname",
    "contactcompany",
    "contactemail",
];

pub fn page_error(error: &str) -> String {
    format!("Page number {error}")
}

pub fn per_page_error(error: &str) -> String {
    format!("Results per page {error}, max pagesize is 50")
}

pub fn not_found_message(r: Resource, id: i64) -> String {
    let what = match r {
        Resource::Accounts => "Account",
        Resource::Contacts => "Contact",
        Resource::Leads => "Lead",
        Resource::Opportunities => "Opportunity",
        Resource::Activities => "Activity",
    };
    format!("{what} {id} not found")
}

pub fn status_not_of_type(status: i64, type_id: i64) -> String {
    format!("Status {status} is not a valid status for opportunity type {type_id}")
}

pub fn filter_not_implemented(name: &str) -> String {
    format!("The fake does not implement the filter '{name}'")
}

/// The simple (unpaged) lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    Statuses,
    Types,
    WinReasons,
    LostReasons,
    Estimates,
}

/// What a call does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathKind {
    List(Resource),
    Item(Resource, i64),
    Create(Resource),
    Update(Resource, i64),
    /// `true` follow, `false` unfollow.
    Follow(Resource, bool),
    Lookup(Lookup),
    LeadStatuses,
}

/// A routed call and its fault name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub kind: PathKind,
    /// `"<METHOD> <template>"`
    pub name: String,
}

/// THE path table: `(HTTP method, path template below /cirrus)`. Every
/// fault `method` name is `"<method> <template>"`.
pub const PATHS: [(&str, &str); 33] = [
    ("GET", "/accounts"),
    ("POST", "/accounts"),
    ("GET", "/accounts/{id}"),
    ("PUT", "/accounts/{id}"),
    ("POST", "/accounts/follow"),
    ("POST", "/accounts/unfollow"),
    ("GET", "/contacts"),
    ("POST", "/contacts"),
    ("GET", "/contacts/{id}"),
    ("PUT", "/contacts/{id}"),
    ("POST", "/contacts/follow"),
    ("POST", "/contacts/unfollow"),
    ("GET", "/leads"),
    ("POST", "/leads"),
    ("GET", "/leads/{id}"),
    ("PUT", "/leads/{id}"),
    ("GET", "/opportunities"),
    ("POST", "/opportunities"),
    ("GET", "/opportunities/{id}"),
    ("PUT", "/opportunities/{id}"),
    ("POST", "/opportunities/follow"),
    ("POST", "/opportunities/unfollow"),
    ("GET", "/activities"),
    ("POST", "/activities"),
    ("GET", "/activities/{id}"),
    ("PUT", "/activities/{id}"),
    ("POST", "/activities/follow"),
    ("POST", "/activities/unfollow"),
    ("GET", "/opportunitystatuses"),
    ("GET", "/opportunitytypes"),
    ("GET", "/opportunitywinreasons"),
    ("GET", "/opportunitylostreasons"),
    ("GET", "/opportunityestimates"),
];

/// Also served (paged like the others): `GET /leadstatuses`.
pub const LEADSTATUSES: (&str, &str) = ("GET", "/leadstatuses");

fn resource(seg: &str) -> Option<Resource> {
    Resource::ALL.into_iter().find(|r| r.as_str() == seg)
}

/// Matches a path below `/cirrus` against the table: the call, or the
/// methods allowed on the path (405), or neither (404).
pub fn route(method: &str, path: &str) -> Result<Call, Option<String>> {
    let mut allowed: Vec<&str> = Vec::new();
    let all = PATHS.iter().chain(std::iter::once(&LEADSTATUSES));
    for (m, template) in all {
        let Some(id) = matches(template, path) else {
            continue;
        };
        if *m != method {
            allowed.push(m);
            continue;
        }
        let segs: Vec<&str> = template[1..].split('/').collect();
        let kind = match (segs.as_slice(), *m) {
            (["leadstatuses"], _) => PathKind::LeadStatuses,
            (["opportunitystatuses"], _) => PathKind::Lookup(Lookup::Statuses),
            (["opportunitytypes"], _) => PathKind::Lookup(Lookup::Types),
            (["opportunitywinreasons"], _) => PathKind::Lookup(Lookup::WinReasons),
            (["opportunitylostreasons"], _) => PathKind::Lookup(Lookup::LostReasons),
            (["opportunityestimates"], _) => PathKind::Lookup(Lookup::Estimates),
            ([r], "GET") => PathKind::List(resource(r).expect("table")),
            ([r], _) => PathKind::Create(resource(r).expect("table")),
            ([r, "follow"], _) => PathKind::Follow(resource(r).expect("table"), true),
            ([r, "unfollow"], _) => PathKind::Follow(resource(r).expect("table"), false),
            ([r, _], "GET") => PathKind::Item(resource(r).expect("table"), id.unwrap_or_default()),
            ([r, _], _) => PathKind::Update(resource(r).expect("table"), id.unwrap_or_default()),
            _ => continue,
        };
        return Ok(Call {
            kind,
            name: format!("{m} {template}"),
        });
    }
    if allowed.is_empty() {
        Err(None)
    } else {
        allowed.dedup();
        Err(Some(allowed.join(", ")))
    }
}

/// `Some(id)` (or `Some(None)` without `{id}`) when `path` fits `template`.
fn matches(template: &str, path: &str) -> Option<Option<i64>> {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    if t.len() != p.len() {
        return None;
    }
    let mut id = None;
    for (a, b) in t.iter().zip(&p) {
        if *a == "{id}" {
            if b.is_empty() || !b.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            id = Some(b.parse().ok()?);
        } else if a != b {
            return None;
        }
    }
    Some(id)
}

/// The documented filters of each list: `(name, implemented)`.
pub fn filters(r: Resource) -> &'static [(&'static str, bool)] {
    match r {
        Resource::Accounts => &[
            ("dynamicfield_id", false),
            ("dynamicfield_val", false),
            ("userid", true),
            ("userids", true),
            ("accountnumber", true),
            ("typeid", true),
            ("typeids", true),
            ("active", true),
            ("name", true),
            ("nearto", false),
            ("distance", false),
            ("postal_city", true),
            ("postal_street", true),
            ("visitingaddress_city", true),
            ("deliveryaddress_city", true),
            ("invoiceaddress_city", true),
            ("phone", true),
            ("cellphone", true),
            ("vatno", true),
            ("externalkey", true),
            ("followedby", true),
            ("missionid", false),
            ("missionresult", false),
            ("activity", false),
            ("activity_user", false),
            ("activity_closed", false),
            ("activity_type", false),
            ("fulltext", true),
        ],
        Resource::Contacts => &[
            ("dynamicfield_id", false),
            ("dynamicfield_val", false),
            ("accountid", true),
            ("accounttypeids", false),
            ("accountuserids", false),
            ("active", true),
            ("cellphone", true),
            ("city", true),
            ("email", true),
            ("externalkey", true),
            ("followedby", true),
            ("fulltext", true),
            ("name", true),
            ("officephone", true),
            ("surname", true),
            ("title", true),
            ("primarycontact", true),
        ],
        Resource::Leads => &[
            ("dynamicfield_id", false),
            ("dynamicfield_val", false),
            ("created", true),
            ("status", true),
            ("source", true),
            ("rating", true),
            ("fulltext", true),
            ("userid", true),
            ("userids", true),
        ],
        Resource::Opportunities => &[
            ("dynamicfield_id", false),
            ("dynamicfield_val", false),
            ("userid", true),
            ("userids", true),
            ("accountid", true),
            ("accounttypeids", false),
            ("accountuserids", false),
            ("estimated_startdate", true),
            ("estimated_enddate", true),
            ("actual_startdate", false),
            ("actual_enddate", false),
            ("statusid", true),
            ("statusids", true),
            ("estimateid", true),
            ("estimateids", false),
            ("lostreasonid", true),
            ("winreasonid", true),
            ("contactid", true),
            ("typeid", true),
            ("closed", true),
            ("progressionstateid", false),
            ("description", true),
            ("followedby", true),
            ("fulltext", true),
        ],
        Resource::Activities => &[
            ("dynamicfield_id", false),
            ("dynamicfield_val", false),
            ("accountid", true),
            ("accounttypeids", false),
            ("accountuserids", false),
            ("date", true),
            ("startdate", true),
            ("enddate", true),
            ("closed", true),
            ("userid", true),
            ("userids", true),
            ("missionids", false),
            ("typeid", true),
            ("typeids", true),
            ("contactid", true),
            ("opportunityid", true),
            ("location", true),
            ("description", true),
            ("progressionstateid", false),
            ("followedby", true),
            ("fulltext", true),
            ("externalkey", true),
        ],
    }
}

/// The documented default `sorting` of each list.
pub fn default_sorting(r: Resource) -> &'static str {
    match r {
        Resource::Accounts | Resource::Contacts => "name_asc",
        Resource::Leads => "age_desc",
        Resource::Opportunities => "date_asc",
        Resource::Activities => "date_desc",
    }
}

/// A `sorting` value: the field sorted on (a dotted path) and whether
/// descending. "age" is `created`; an opportunity's "date" is
/// `estimatedenddate`; "account" is the account's name.
pub fn sorting(r: Resource, value: &str) -> Option<(&'static str, bool)> {
    let (key, dir) = value.rsplit_once('_')?;
    let desc = match dir {
        "asc" => false,
        "desc" => true,
        _ => return None,
    };
    let field = match (r, key) {
        (Resource::Accounts, "name") => "name",
        (Resource::Accounts, "number") => "number",
        (Resource::Accounts, "userid") => "user.id",
        (Resource::Contacts, "name") => "name",
        (Resource::Contacts, "surname") => "surname",
        (Resource::Contacts, "email") => "email",
        (Resource::Contacts, "primarycontact") => "primarycontact",
        (Resource::Leads, "age") => "created",
        (Resource::Leads, "statusid") => "status.id",
        (Resource::Leads, "userid") => "user.id",
        (Resource::Leads, "sourceid") => "source.id",
        (Resource::Leads, "value") => "value",
        (Resource::Opportunities, "date") => "estimatedenddate",
        (Resource::Opportunities, "account") => "account.name",
        (Resource::Opportunities, "userid") => "userid",
        (Resource::Activities, "date") => "date",
        (Resource::Activities, "account") => "account.name",
        (Resource::Activities, "userid") => "userid",
        _ => return None,
    };
    Some((field, desc))
}

/// The document's answer sample of a resource (the shape every stored
/// object has).
pub fn sample(r: Resource) -> Json {
    let text = match r {
        Resource::Accounts => super::seed::SAMPLE_ACCOUNT,
        Resource::Contacts => super::seed::SAMPLE_CONTACT,
        Resource::Leads => super::seed::SAMPLE_LEAD,
        Resource::Opportunities => super::seed::SAMPLE_OPPORTUNITY,
        Resource::Activities => super::seed::SAMPLE_ACTIVITY,
    };
    Json::parse(text).expect("sample JSON")
}
