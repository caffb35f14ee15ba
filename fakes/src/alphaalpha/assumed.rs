//! EVERYTHING the AlphaAlpha fake assumes where seed 004 (and
//! seeds/README.md) is silent, in one place. A connector should parse these
//! tolerantly (DESIGN.md, "Rules for every connector"); when the real API is
//! seen to differ, change it here.
//!
//! What the seed does say: eleven customer calls under `/api/v1` (see
//! [`super::CALLS`]), `Authorization: Bearer <token>`, camelCase JSON, the
//! list shape (with `preferredLanguage`, `visits`) and the enriched shape
//! (with `opportunities`, `owner`, `recentActivities`, without
//! `preferredLanguage`, `visits`), the `crmStatus` values LEAD, PROSPECT,
//! ACTIVE, CUSTOMER, INACTIVE, CHURNED, the crm-status body
//! `{"crmStatus":"LEAD"}`, and a problem body `{detail, time, title}` (three
//! per call, statuses not given).
//!
//! Wire:
//!
//! - **Base URL.** The samples' base is `http://localhost:18080/api/v1`; the
//!   fake serves it at [`super::BASE_PATH`] (`/alphaalpha/api/v1`), so a
//!   connector's `base_url` is `http://HOST:PORT/alphaalpha/api/v1`. Paths
//!   are exact and case-sensitive; a trailing slash, an empty segment or an
//!   unknown path is 404. Path parameters are percent-decoded (UTF-8;
//!   `%20` is a space, `+` stays `+`), so a tag `VIP klant` is sent as
//!   `/tags/VIP%20klant`. `/crm/customers/my` and
//!   `/crm/customers/overdue-actions` are the fixed routes, never a customer
//!   id (as in Spring); `GET /crm/customers/by-owner` (no id) addresses a
//!   customer named `by-owner` (404).
//! - **No paging, no query parameters.** The seed shows none: each list is
//!   a bare JSON array of every matching customer (no envelope). Any query
//!   parameter (`page`, `size`, `sort`, …) is a 400 naming it.
//! - **Statuses** (the seed shows three problem bodies per call and no
//!   status codes): success is HTTP 200 with the JSON answer for every call
//!   (writes too); errors are the problem body with
//!   - 401: no `Authorization` header, not the `Bearer` scheme, or a wrong
//!     token (`WWW-Authenticate: Bearer`). Checked before anything else (an
//!     unknown path without a token is 401 too).
//!   - 400: an unknown `status` in `by-status` (case-sensitive: `lead` is
//!     400); a query parameter; a PATCH without a body, with a body that is
//!     not a JSON object or not sent as `Content-Type: application/json`, an
//!     unknown body field, a missing / `null` / unknown `crmStatus`, a
//!     `nextAction` that is not a string or `null`, a `nextActionDueDate`
//!     that is not an RFC 3339 date-time with offset (`2019-08-24T14:15:22Z`)
//!     or `null`; a blank tag. Body checks come before the customer lookup
//!     (as a Spring controller deserializes first): a bad body on an unknown
//!     customer is 400.
//!   - 404: an unknown customer id (`Customer not found: …`); an unknown
//!     user in `PATCH …/owner/{ownerId}` (`User not found: …`, after the
//!     customer check); an unknown path.
//!   - 405 with `Allow`: a documented path with another HTTP method (e.g.
//!     `PATCH /crm/customers/{id}`: the seed has no customer update).
//!   - 409 would be an illegal lifecycle move — but the seed states no
//!     rules, so none is ([`transition_allowed`]).
//!   - The `failed_status` fault answers HTTP 400 with the problem body
//!     (`detail` `fake fault: injected failure`).
//! - **Problem body**: `{"detail":…,"time":…,"title":…}` in that order,
//!   `title` the HTTP reason phrase ([`title`]: `Bad Request`,
//!   `Unauthorized`, `Not Found`, `Method Not Allowed`, `Conflict`),
//!   `detail` the fake's own English, `time` the fake's clock (whole
//!   seconds, `Z`). `Content-Type: application/json; charset=utf-8` (not
//!   `application/problem+json`).
//! - **Field order** is alphabetical, as every sample (the document's
//!   renderer sorts; the real order may differ — parse by name).
//! - **Every field is always present**: a field never set is `null`
//!   (`avatar`, `billingAddress`, `nextAction`, `ownerId`, …), a list never
//!   set is `[]`. The enriched `owner` is `{displayName, id, username}` of
//!   the user `ownerId` names, `null` when `ownerId` is `null` or names no
//!   known user.
//! - **Timestamps** are RFC 3339 UTC with `Z` and whole seconds as in the
//!   samples (`2019-08-24T14:15:22Z`); a `nextActionDueDate` sent with a
//!   fraction keeps it; one sent with another offset comes back in UTC.
//!   `scheduledStartDate` / `scheduledEndDate` are dates (`2019-08-24`).
//!   Numbers: `latitude`, `longitude`, `amount`, `percentage`, `value` are
//!   JSON floats (`0.1`, `11880.0`); `height`, `width`, `frequency`,
//!   `probability`, `paymentDueDays`, `relativeDays`, `durationMinutes`
//!   integers (as the samples' `0.1` vs `0`).
//! - **Ids** are opaque strings; the demo's are readable (`cus_fitlab_gent`,
//!   `usr_an_peeters`, `opp_…`, `act_…`); the samples' are `string`.
//! - **Enum values**: only `crmStatus` is listed in the seed. For `type`
//!   (`PERSON`), event `type` (`CREATE`), opportunity `status` (`NEW`),
//!   payment `status` (`PENDING`) / `triggerStatus` (`NEW`) / `triggerType`
//!   (`STATUS_CHANGE`), activity `type` (`CALL`) / `priority` (`LOW`) the
//!   seed shows one value each; the demo uses only those (a connector must
//!   take others as opaque text). The fake never changes them.
//!
//! Semantics:
//!
//! - **"My" customers** are the customers whose `ownerId` is the bearer
//!   token's user: `state.alphaalpha.token_user_id`, `usr_an_peeters`
//!   "An Peeters" in both seeds (a test may change it, e.g. to `string` to
//!   get the seed's sample back). Not `userId` (which the fake takes for a
//!   linked login account and never interprets).
//! - **Overdue** customers: `nextActionDueDate` strictly before the fake's
//!   clock (`nextAction` may be `null`; any `crmStatus`, CHURNED too), the
//!   most overdue first, then id.
//! - **List order** (by-owner, by-status, my): `created` ascending, then id.
//!   By-owner with an owner nobody has (or an unknown user) is `[]`, not 404.
//! - **Enriched**: `opportunities` = every opportunity whose `customerId` is
//!   the customer, `created` ascending (then id); `recentActivities` = the
//!   customer's activities, newest `created` first (then id descending), at
//!   most [`RECENT_ACTIVITIES`]. No write changes opportunities, activities
//!   or `events` (the seed shows only the event type `CREATE`; the fake does
//!   not invent one for status changes).
//! - **Lifecycle**: LEAD → PROSPECT → ACTIVE → CUSTOMER → INACTIVE →
//!   CHURNED is the seed's order, but the seed states no transition rules:
//!   every move is allowed, backwards, skipping and to the same status
//!   included ([`transition_allowed`]).
//! - **Next action**: the body is the whole next action:
//!   `{"nextAction":"…","nextActionDueDate":"…"}`; a field left out is
//!   cleared like `null`, so the seed's sample `{}` clears both. (The seed's
//!   request schema was lost; its sample `{}` shows both fields optional.
//!   Replace, not merge, is assumed because it is what a plain Java DTO
//!   does, and because a client that always sends both fields is right
//!   under either reading.)
//! - **Owner**: `PATCH …/owner/{ownerId}` needs a known user (404
//!   otherwise); `DELETE …/owner` sets `ownerId` (and `owner`) to `null`,
//!   also when there was none. The seed has no call that lists users: a
//!   client learns of them only through customers' `ownerId` and the
//!   enriched `owner`, and the fake offers none (a 404 from the owner call
//!   is the customer or the user, as the seed gives one problem body for
//!   both).
//! - **Tags**: a set in insertion order. Adding a tag already there, or
//!   removing one that is not, is 200 without change. Tags are
//!   case-sensitive and taken as decoded from the path.
//! - **Every accepted write** (crm-status, next-action, owner, tags, even
//!   one that changes nothing) sets `updated` to the fake's clock (whole
//!   seconds — two writes in one second share it) and `updatedBy` to the
//!   token's user, records `last_write_call` and `last_write_fields` (the
//!   body's field names, sorted; `[]` for calls without a body) on the
//!   customer and appends to `state.alphaalpha.writes`, and answers the
//!   enriched customer. A failed call changes nothing.
//! - **No tenants**: every customer is visible to the token, whatever its
//!   `tenantId`.
//! - **Faults** match AlphaAlpha calls by `"<HTTP method> <the seed's path
//!   template>"`, case-insensitive, e.g. `GET /crm/customers/{id}`,
//!   `PATCH /crm/customers/{id}/crm-status`, `POST
//!   /crm/customers/{id}/tags/{tag}` (placeholders as the seed names them:
//!   `{id}`, `{ownerId}`, `{status}`, `{tag}`); an unknown path's name is
//!   `"<HTTP method> <path below /alphaalpha>"`.
//! - **Request log**: the `Authorization` header is logged as
//!   `Bearer <redacted>`; the query, then the JSON body's top-level fields
//!   (sorted) are logged as parameters.
//! - **Seeds**: both have the users (`string` and the three demo users);
//!   `Seed::Empty` has no customers, opportunities or activities. See
//!   `seed` for the demo data and the generated customers.

use super::model::CrmStatus;

/// The most activities an enriched customer shows (ASSUMED).
pub const RECENT_ACTIVITIES: usize = 10;

/// Whether `PATCH …/crm-status` may move a customer from `from` to `to`.
/// The seed states no rules, so every move is allowed (a refused one would
/// be HTTP 409).
pub fn transition_allowed(from: CrmStatus, to: CrmStatus) -> bool {
    let _ = (from, to);
    true
}

/// The problem body's `title` for an HTTP status (ASSUMED: the reason
/// phrase).
pub fn title(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        429 => "Too Many Requests",
        _ => "Internal Server Error",
    }
}
