//! The parameters of one vendor request: the query string and, for a form
//! POST, the form body, in the order they were sent (both vendors take plain
//! name/value pairs; neither documents a JSON or XML request body).

use serde::Serialize;

/// Name/value pairs in the order received; a name may repeat.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    /// Query string first, then the form body (if any).
    pub fn parse(query: Option<&str>, form: Option<&[u8]>) -> Params {
        let mut pairs = Vec::new();
        if let Some(q) = query {
            pairs.extend(form_urlencoded::parse(q.as_bytes()).into_owned());
        }
        if let Some(body) = form {
            pairs.extend(form_urlencoded::parse(body).into_owned());
        }
        Params(pairs)
    }

    /// The first value of `name`, exactly as spelled (OnlineAfspraken is PHP:
    /// parameter names are case-sensitive).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of `name`, ignoring ASCII case (Clubplanner is
    /// ASP.NET Web API, whose query binding ignores case).
    pub fn get_ci(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}
