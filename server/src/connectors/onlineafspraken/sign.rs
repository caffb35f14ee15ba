//! The request signature (seeds/README.md): `api_signature` is the hex
//! SHA-1 of every other parameter, `method` included, sorted by name and
//! written as name then value, then the API secret, then the salt (Unix
//! seconds), with spaces removed. Parameters without a value are left out
//! (of the signature and of the request). One function, with a fixed test
//! vector.

use sha1::{Digest, Sha1};

/// The text that is hashed.
pub fn signing_text(params: &[(String, String)], secret: &str, salt: i64) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().filter(|(_, v)| !v.is_empty()).collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut text = String::new();
    for (name, value) in sorted {
        text.push_str(name);
        text.push_str(value);
    }
    text.push_str(secret);
    text.push_str(&salt.to_string());
    text.retain(|c| c != ' ');
    text
}

pub fn signature(params: &[(String, String)], secret: &str, salt: i64) -> String {
    Sha1::digest(signing_text(params, secret, salt).as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `params` with the empty ones left out and `api_key`, `api_salt` and
/// `api_signature` added: what is sent.
pub fn signed(
    params: &[(String, String)],
    key: &str,
    secret: &str,
    salt: i64,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .cloned()
        .collect();
    let signature = signature(&out, secret, salt);
    out.push(("api_key".into(), key.into()));
    out.push(("api_salt".into(), salt.to_string()));
    out.push(("api_signature".into(), signature));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// Computed by hand, outside this code:
    /// `printf '%s' 'AgendaId1DateFrom2026-03-02methodgetAppointmentsmysecret1767225600' | sha1sum`
    #[test]
    fn the_fixed_test_vector() {
        let params = p(&[
            ("method", "getAppointments"),
            ("AgendaId", "1"),
            ("DateFrom", "2026-03-02"),
            ("Empty", ""),
        ]);
        assert_eq!(
            signing_text(&params, "my secret", 1_767_225_600),
            "AgendaId1DateFrom2026-03-02methodgetAppointmentsmysecret1767225600"
        );
        assert_eq!(
            signature(&params, "my secret", 1_767_225_600),
            "38d575f927472e8c00fb0ab26d61391871627167"
        );
        let sent = signed(&params, "KEY", "my secret", 1_767_225_600);
        assert!(!sent.iter().any(|(k, _)| k == "Empty"));
        assert_eq!(sent.last().unwrap().0, "api_signature");
    }
}
