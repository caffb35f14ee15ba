//! Random secrets and how they are stored: only as SHA-256 hex.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// 256 random bits, URL-safe: session cookies and booking links.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A six-digit code a person can type from an email.
pub fn random_code() -> String {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    format!("{:06}", u32::from_le_bytes(bytes) % 1_000_000)
}

pub fn hash_secret(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Sealing an answer so only the holder of the secret it was asked with can
/// read it back (idempotency replays): ChaCha20-Poly1305 under a key derived
/// from that secret with HKDF-SHA-256, a fresh random nonce per seal. The
/// stored form is base64url(nonce ‖ ciphertext).
pub mod sealed {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use chacha20poly1305::aead::{Aead, KeyInit};
    use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
    use hkdf::Hkdf;
    use sha2::Sha256;

    const NONCE_LEN: usize = 12;

    fn cipher(secret: &str, purpose: &str) -> ChaCha20Poly1305 {
        let mut key = [0u8; 32];
        Hkdf::<Sha256>::new(Some(b"frontdesk sealed v1"), secret.as_bytes())
            .expand(purpose.as_bytes(), &mut key)
            .expect("32 bytes is a valid HKDF-SHA-256 output length");
        ChaCha20Poly1305::new(Key::from_slice(&key))
    }

    pub fn seal(secret: &str, purpose: &str, plain: &str) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).expect("the operating system provides randomness");
        let sealed = cipher(secret, purpose)
            .encrypt(Nonce::from_slice(&nonce), plain.as_bytes())
            .expect("encrypting into memory cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        URL_SAFE_NO_PAD.encode(out)
    }

    /// `None` for the wrong secret or a damaged value.
    pub fn open(secret: &str, purpose: &str, stored: &str) -> Option<String> {
        let bytes = URL_SAFE_NO_PAD.decode(stored).ok()?;
        if bytes.len() < NONCE_LEN {
            return None;
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let plain = cipher(secret, purpose)
            .decrypt(Nonce::from_slice(nonce), sealed)
            .ok()?;
        String::from_utf8(plain).ok()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn only_the_same_secret_opens_it() {
            let stored = seal("key-1", "idempotency", r#"{"manage_token":"t"}"#);
            assert!(!stored.contains("manage_token"));
            assert_eq!(
                open("key-1", "idempotency", &stored).as_deref(),
                Some(r#"{"manage_token":"t"}"#)
            );
            assert_eq!(open("key-2", "idempotency", &stored), None);
            assert_eq!(open("key-1", "other", &stored), None);
            assert_eq!(open("key-1", "idempotency", "garbage"), None);
            // A fresh nonce each time: the same answer never looks the same.
            assert_ne!(
                stored,
                seal("key-1", "idempotency", r#"{"manage_token":"t"}"#)
            );
        }
    }
}
