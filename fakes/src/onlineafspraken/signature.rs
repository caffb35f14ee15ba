//! OnlineAfspraken request signing, as seeds/README.md gives it (the seed
//! itself does not describe authentication):
//!
//! `api_signature` = lower-case hex SHA-1 of: every parameter except
//! `api_key`, `api_salt` and `api_signature` (`method` included), sorted by
//! name (byte order, so `AgendaId` < `method`), each written as name then
//! value; then the API secret; then the salt (`api_salt`, Unix seconds);
//! with every space removed. Parameters with an empty value are left out.
//!
//! This is the fake's own signer; connectors have their own, and both are
//! checked against the same fixed test vector (tests/onlineafspraken.rs).

use sha1::{Digest, Sha1};

/// The parameters that carry the signature and are not signed.
pub const UNSIGNED: [&str; 3] = ["api_key", "api_salt", "api_signature"];

/// The text that is hashed (useful when a signature does not match).
pub fn signing_string<I, K, V>(params: I, secret: &str, salt: &str) -> String
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str>,
    V: AsRef<str>,
{
    let mut pairs: Vec<(String, String)> = params
        .into_iter()
        .map(|(k, v)| (k.as_ref().to_string(), v.as_ref().to_string()))
        .filter(|(k, v)| !UNSIGNED.contains(&k.as_str()) && !v.is_empty())
        .collect();
    pairs.sort();
    let mut text = String::new();
    for (k, v) in &pairs {
        text.push_str(k);
        text.push_str(v);
    }
    text.push_str(secret);
    text.push_str(salt);
    text.replace(' ', "")
}

/// `api_signature` for these parameters (`method` among them).
pub fn sign<I, K, V>(params: I, secret: &str, salt: &str) -> String
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str>,
    V: AsRef<str>,
{
    let digest = Sha1::digest(signing_string(params, secret, salt).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A complete signed parameter list: `method`, `params`, then `api_key`,
/// `api_salt` and `api_signature` — for tests and scripts talking to the
/// fake.
pub fn signed_params(
    method: &str,
    params: &[(&str, &str)],
    key: &str,
    secret: &str,
    salt: i64,
) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = vec![("method".into(), method.into())];
    all.extend(params.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let salt = salt.to_string();
    let signature = sign(all.iter().map(|(k, v)| (k, v)), secret, &salt);
    all.push(("api_key".into(), key.into()));
    all.push(("api_salt".into(), salt));
    all.push(("api_signature".into(), signature));
    all
}
