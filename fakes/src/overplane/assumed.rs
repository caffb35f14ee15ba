//! EVERYTHING the Overplane fake assumes where seed 001 (and
//! seeds/README.md) is silent, in one place. A connector should parse these
//! tolerantly (DESIGN.md, "Rules for every connector"); when the real API is
//! seen to differ, change it here.
//!
//! Wire:
//!
//! - **Base URL.** The seed's host is `https://api.overplane.dev` and its
//!   paths start `/api/crm/…`; the fake serves them under [`super::PREFIX`],
//!   so a connector's `base_url` is `http://HOST:PORT/overplane`. Paths are
//!   exact and case-sensitive; a trailing slash or an unknown path is
//!   HTTP 404 `route_not_found`. A documented path with an undocumented
//!   HTTP method is HTTP 405 `method_not_allowed` with an `Allow` header
//!   (e.g. `GET /api/crm/prospect-lead/{id}`: children are read through the
//!   parent's list only). Ids in paths are compared as sent (no
//!   percent-decoding; the fake's ids need none).
//! - **Errors** (the seed shows none): JSON, `Content-Type: application/json;
//!   charset=utf-8`, `{"error":{"code":"…","message":"…","param":"…"}}`
//!   ([`ErrorBody`]); `param` names the offending parameter or is `null`;
//!   `message` is the fake's own English. Statuses and codes ([`code`]):
//!   - 401 `unauthorized` (with `WWW-Authenticate: Bearer`): no
//!     `Authorization` header, not the `Bearer` scheme, or a wrong token.
//!     Checked before anything else (an unknown path without a token is
//!     401 too).
//!   - 400 `parameter_missing`: a required parameter absent, `null` or
//!     empty/blank (`company` on create — and on PATCH when sent;
//!     `prospect_id` and `lead` likewise for children; `parent_id`; `ids`).
//!     The seed shows no status for this; 400, not 422, is assumed.
//!   - 400 `parameter_unknown`: a body field the seed does not list for that
//!     call (including the read-only `id`, `created_at`, `updated_at`,
//!     `idx`), or a query parameter other than `limit`/`offset` (prospect
//!     list) or `parent_id` (child lists). The fake keeps no extra fields.
//!   - 400 `parameter_invalid`: a string field sent as a non-string, a
//!     number field (`annual_revenue`, `amount`, `probability`) as a
//!     non-number; `limit` not an integer in 1..=[`MAX_LIMIT`]; `offset`
//!     not a non-negative integer; a child PATCH moving it to another
//!     `prospect_id`; a `reorder` whose `ids` is not exactly the parent's
//!     children.
//!   - 400 `invalid_json`: a POST/PATCH body that is not a JSON object, or
//!     a non-empty body without `Content-Type: application/json`. An empty
//!     body counts as `{}`. Bodies of GET and DELETE are ignored.
//!   - 404 `resource_missing`: an unknown id in the path (`param` `id`), an
//!     unknown `prospect_id` on a child create (`param` `prospect_id`), an
//!     unknown `parent_id` (list, reorder).
//!   - 404 `route_not_found`, 405 `method_not_allowed` (above).
//!   - The `failed_status` fault answers HTTP 400 with code
//!     `request_failed`, `param` `null`.
//! - **Success** is HTTP 200 for every call, creates included (the seed shows
//!   no status), with `Content-Type: application/json; charset=utf-8`.
//! - **Timestamps** are RFC 3339 UTC with whole seconds and `Z`:
//!   `2024-01-15T09:30:00Z`. The seed's `09: 30: 00` spaces are a rendering
//!   artifact of the document. `created_at` = `updated_at` = the fake's clock
//!   at create; PATCH sets `updated_at` to the clock (even for `{}`);
//!   children have no timestamps (their sample has none).
//! - **Every field is always present.** A field never set, or cleared with
//!   `null`, is `null` on the wire (the samples only show filled-in
//!   objects). An empty string is stored and returned as `""` (it does not
//!   clear). Numbers come back as the JSON number that was sent (`0` stays
//!   `0`). No format checks: `email`, `website`, `expected_closing`,
//!   `currency`, `status`, `stage` are free text; `probability` has no range.
//! - **Ids** are opaque: `prospect_` / `prospect-lead_` /
//!   `prospect-opportunity_` and 14 lower-case base-36 characters for created
//!   objects (derived deterministically from a counter); the demo and
//!   generated records have readable ids (`prospect_fitlab_gent`,
//!   `prospect_gen_000001`).
//!
//! Semantics:
//!
//! - **List prospects**: `limit` default [`DEFAULT_LIMIT`], at most
//!   [`MAX_LIMIT`] (more is a 400, not clamped); `offset` default 0, past the
//!   end gives `data: []`. Sorted by `created_at`, newest first; equal
//!   `created_at`: the later created first (then id descending). `total` =
//!   every prospect; `has_more` = `offset + data.len() < total`. No filters.
//! - **Unknown body fields are rejected**, never kept (400 naming the first,
//!   by name order).
//! - **PATCH** changes only the fields in the body ("Any parameters not
//!   provided will be left unchanged"); a field sent as `null` is cleared
//!   (`company`, and a child's `prospect_id` / `lead`, cannot be cleared).
//!   The fake records, per object, the field names of the last PATCH
//!   (`last_patch_fields`, sorted), and every write in `writes`.
//! - **DELETE** answers `{"id":"…","deleted":true}` (the sample); deleting a
//!   prospect deletes its leads and opportunities. A second DELETE is 404.
//!   Deleting a child does not renumber its siblings' `idx`.
//! - **Children**: `GET …?parent_id=` answers the prospect's children sorted
//!   by `idx`, in the prospect list's envelope
//!   `{"data":[…],"has_more":false,"total":n}`, all of them (no paging; no
//!   other query parameters). POST requires `prospect_id` (an existing
//!   prospect) and, for leads, `lead`; `idx` = the prospect's highest + 1
//!   (1 for the first). `idx` is read-only: only `reorder` changes it.
//!   `prospect_id` may be sent on PATCH only unchanged.
//! - **reorder** (the seed shows no body): `POST …/prospect-lead/reorder`
//!   with `{"parent_id":"prospect_…","ids":["prospect-lead_…", …]}` — every
//!   child of that prospect exactly once, in the new order; `idx` becomes
//!   1..n; the answer is the reordered list in the list envelope. The
//!   same body is what the connector sends (its `assumed::reorder_body`).
//! - **Faults** match Overplane calls by `"<HTTP method> <resource>"`,
//!   case-insensitive: `GET prospect` (list and retrieve), `POST prospect`,
//!   `PATCH prospect`, `DELETE prospect`, `GET prospect-lead`,
//!   `POST prospect-lead`, `PATCH prospect-lead`, `DELETE prospect-lead`,
//!   `POST prospect-lead/reorder`, and the same for `prospect-opportunity`.
//! - **Request log**: the `Authorization` header is logged as
//!   `Bearer <redacted>` (presence and scheme only, never the token); the
//!   JSON body's top-level fields are logged as parameters after the query
//!   ([`crate::LoggedRequest::params`]).
//! - **Generated prospects** (`--generated-overplane-prospects N`): ids
//!   `prospect_gen_000001` …, `created_at` one minute apart from
//!   2023-06-01T00:00:00Z (older than the demo data), no children (see
//!   `seed`).

use serde::Serialize;

/// `limit` when absent (the seed's "Default: 20").
pub const DEFAULT_LIMIT: usize = 20;
/// The largest `limit` accepted (ASSUMED; more is a 400).
pub const MAX_LIMIT: usize = 100;

/// The error `code`s (ASSUMED).
pub mod code {
    /// 401
    pub const UNAUTHORIZED: &str = "unauthorized";
    /// 400
    pub const PARAMETER_MISSING: &str = "parameter_missing";
    /// 400
    pub const PARAMETER_UNKNOWN: &str = "parameter_unknown";
    /// 400
    pub const PARAMETER_INVALID: &str = "parameter_invalid";
    /// 400
    pub const INVALID_JSON: &str = "invalid_json";
    /// 404
    pub const RESOURCE_MISSING: &str = "resource_missing";
    /// 404
    pub const ROUTE_NOT_FOUND: &str = "route_not_found";
    /// 405
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    /// 400, the `failed_status` fault.
    pub const REQUEST_FAILED: &str = "request_failed";
}

/// The error body (ASSUMED shape):
/// `{"error":{"code":"parameter_missing","message":"Missing required parameter: company","param":"company"}}`.
#[derive(Debug, Serialize)]
pub struct ErrorBody<'a> {
    pub error: ErrorDetail<'a>,
}

#[derive(Debug, Serialize)]
pub struct ErrorDetail<'a> {
    pub code: &'a str,
    pub message: &'a str,
    /// The offending parameter; `null` when none.
    pub param: Option<&'a str>,
}
