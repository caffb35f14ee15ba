//! What seed 002 (Cirrus 2, a rendered OpenAPI page that lost its URL
//! paths and verbs) does not show, assumed in one place.
//!
//! - **Paths**: named after the resources, configurable (`[cirrus] paths`);
//!   the defaults are [`PATHS`].
//! - **Verbs**: GET to read, POST to create, PUT to update (the document
//!   says created/updated "will be ignored on PUT/POST requests"). It has
//!   no delete of a lead: Frontdesk says so instead of trying.
//! - **A list's answer**: the sample shows `[{page, pages, per_page, total,
//!   items}]`, an array around one envelope; a bare envelope object is read
//!   too.
//! - **Errors**: none shown. Flask-RESTX answers `{"message": …}` (and
//!   `errors: {field: …}` for a bad payload); 401/403 a refused token, 404
//!   gone, 429 with `Retry-After` honoured for reads.
//! - **An update** changes "root level properties": only the fields that
//!   changed are sent, so a save without changes sends nothing and a field
//!   Frontdesk does not model is never overwritten. An address is one of
//!   them: an account's postal address goes whole, as read, with the
//!   change (a nested object sent is taken as the whole object).
//! - **Follow / unfollow**: the document's bodies are `{key, userid}`, so
//!   the paths carry no id (`/opportunities/follow`); the answer is not
//!   shown (any 2xx taken, the followers read back from `followers`).
//!   Which user a token is is not shown either: `[cirrus] user_id` names
//!   the follower and the owner of new opportunities.
//! - **Activities**: an account's and an opportunity's are the activities
//!   list filtered by `accountid` / `opportunityid` (one page of 50, the
//!   latest first); a lead's are its own embedded `activities`
//!   (leadactivity: `comment`, `followup`, `done`), as the lead sample
//!   shows, the activities list having no lead filter.
//! - **A new opportunity**: the document requires `contactid` and
//!   `description`, which Frontdesk's form has not: the account's primary
//!   contact (else its first), and an empty description.
//! - **Accounts** are listed with `active=2` (the document: `1` by default,
//!   `2` both), so an inactive account is a prospect too, tagged so.

/// The most a page may hold (the document: "max pagesize is 50").
pub const MAX_PER_PAGE: u32 = 50;

/// Pages asked at once by the sync.
pub const PAGES_AT_ONCE: usize = 4;

/// Default paths, by resource: THE table (`[cirrus] paths` overrides any
/// of them). Follow and unfollow carry the id in the body (`key`), as the
/// document's bodies show, so their paths have none.
pub const PATHS: [(&str, &str); 17] = [
    ("leads", "/leads"),
    ("lead", "/leads/{id}"),
    ("accounts", "/accounts"),
    ("account", "/accounts/{id}"),
    ("contacts", "/contacts"),
    ("opportunities", "/opportunities"),
    ("opportunity", "/opportunities/{id}"),
    ("opportunity_follow", "/opportunities/follow"),
    ("opportunity_unfollow", "/opportunities/unfollow"),
    ("activities", "/activities"),
    ("opportunitystatuses", "/opportunitystatuses"),
    ("opportunitytypes", "/opportunitytypes"),
    ("opportunitywinreasons", "/opportunitywinreasons"),
    ("opportunitylostreasons", "/opportunitylostreasons"),
    ("account_follow", "/accounts/follow"),
    ("account_unfollow", "/accounts/unfollow"),
    ("leadstatuses", "/leadstatuses"),
];

/// A mirrored account's remote id is `account:<id>`, a lead's its bare id
/// (as mirrors made before accounts were kept): the two share one list.
pub const ACCOUNT_PREFIX: &str = "account:";

/// The lead fields the mirror reads (`X-Fields`): the ones with a unified
/// home, the version and what the drawer shows beside them. The same
/// fields on every read, so a list's record and one read alone are the
/// same and a repeat sync writes nothing.
pub const LEAD_FIELDS: &str = "id,contactname,contactsurname,contactcompany,contactstreet,contactcity,\
contactzip,contactphone,contactcellphone,contactemail,title,value,rating,updated,source{id,name},\
status{id,name},user{id,name,surname},tags{name}";

/// The mask of one lead.
pub fn lead_mask() -> String {
    format!("{{{LEAD_FIELDS}}}")
}

/// The mask of a page of leads: Flask-RESTX masks the answer's model,
/// which for a list is the page around the items.
pub fn page_mask() -> String {
    format!("{{page,pages,per_page,total,items{{{LEAD_FIELDS}}}}}")
}

/// The refusal's words from a Flask-RESTX body, and the field it names.
pub fn refusal(body: &[u8]) -> (Option<String>, Option<String>) {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else {
        return (None, None);
    };
    let message = v
        .get("message")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned);
    let field = v
        .get("errors")
        .and_then(serde_json::Value::as_object)
        .and_then(|e| e.keys().next().cloned());
    (message, field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flask_restx_refusal_is_read() {
        assert_eq!(
            refusal(br#"{"errors":{"contactemail":"not an email"},"message":"Input payload validation failed"}"#),
            (
                Some("Input payload validation failed".into()),
                Some("contactemail".into())
            )
        );
        assert_eq!(refusal(b"<html>"), (None, None));
    }
}
