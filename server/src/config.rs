//! Runtime settings: command-line flags (each also a `FRONTDESK_*` variable)
//! and the optional `frontdesk.toml`.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::connectors::Capability;

/// Everything the server needs to start, after flags and file are merged.
#[derive(Debug, Clone)]
pub struct Settings {
    pub addr: SocketAddr,
    pub db: PathBuf,
    pub dist: PathBuf,
    pub demo: bool,
    /// Mark the session cookie `Secure` (set this when served over HTTPS).
    pub secure_cookies: bool,
    /// Served behind a reverse proxy: the client's address is the last
    /// entry of `X-Forwarded-For`, not the TCP peer (the proxy).
    pub behind_proxy: bool,
    /// Origins allowed to frame the booking widget (`frame-ancestors`).
    pub embed_origins: Vec<String>,
    /// Which connector serves each capability.
    pub connectors: BTreeMap<Capability, String>,
    /// The vendors' tables, secrets read from the environment for those in
    /// use (`connectors::config`).
    pub vendors: crate::connectors::config::VendorTables,
    /// Where people reach Frontdesk, for links in messages (no trailing /).
    pub public_url: String,
    /// Where the outbox is sent; without it messages stay in the outbox.
    pub smtp: Option<crate::mail::SmtpConfig>,
    /// Instead of SMTP, write each message as an `.eml` file here (the
    /// demo and the end-to-end tests read them; `[mail] dir`).
    pub mail_dir: Option<PathBuf>,
    /// Limits on the public booking routes (`[booking]`).
    pub booking: BookingLimits,
}

/// How many bookings may wait for their code at once: per email, and per
/// client address (a script cannot hold every slot and mail any address).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingLimits {
    #[serde(default = "BookingLimits::default_per_email")]
    pub max_pending_per_email: u32,
    #[serde(default = "BookingLimits::default_per_client")]
    pub max_pending_per_client: u32,
}

impl BookingLimits {
    fn default_per_email() -> u32 {
        3
    }
    fn default_per_client() -> u32 {
        10
    }
}

impl Default for BookingLimits {
    fn default() -> Self {
        Self {
            max_pending_per_email: Self::default_per_email(),
            max_pending_per_client: Self::default_per_client(),
        }
    }
}

impl Settings {
    /// Defaults for tests and tools: everything on the local store.
    pub fn local(db: PathBuf, dist: PathBuf) -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db,
            dist,
            demo: false,
            secure_cookies: false,
            behind_proxy: false,
            embed_origins: Vec::new(),
            connectors: Capability::ALL
                .iter()
                .map(|c| (*c, "local".to_owned()))
                .collect(),
            vendors: Default::default(),
            public_url: "http://127.0.0.1:8080".to_owned(),
            smtp: None,
            mail_dir: None,
            booking: BookingLimits::default(),
        }
    }

    /// Applies `frontdesk.toml` on top of the flags.
    pub fn apply_file(&mut self, path: &Path) -> anyhow::Result<()> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("cannot read config file {}: {e}", path.display()))?;
        let file: FileConfig = toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!("invalid config file {}: {e}", path.display()))?;
        if let Some(server) = file.server {
            if let Some(secure) = server.secure_cookies {
                self.secure_cookies = secure;
            }
            if let Some(behind) = server.behind_proxy {
                self.behind_proxy = behind;
            }
        }
        if let Some(embed) = file.embed {
            for origin in &embed.allowed_origins {
                validate_origin(origin)?;
            }
            self.embed_origins = embed.allowed_origins;
        }
        if let Some(mut smtp) = file.smtp {
            smtp.resolve()?;
            self.smtp = Some(smtp);
        }
        if let Some(mail) = file.mail {
            self.mail_dir = Some(mail.dir);
        }
        if let Some(booking) = file.booking {
            self.booking = booking;
        }
        for (capability, connector) in file.connectors {
            let key = format!("connectors.{}", capability.as_str());
            if !crate::connectors::KNOWN.contains(&connector.as_str()) {
                anyhow::bail!(
                    "{key}: `{connector}` is not a connector; choose from {}",
                    crate::connectors::KNOWN.join(", ")
                );
            }
            if !crate::connectors::serves(&connector, capability) {
                anyhow::bail!(
                    "{key}: `{connector}` cannot serve {} in this build",
                    capability.as_str()
                );
            }
            self.connectors.insert(capability, connector);
        }
        self.vendors = crate::connectors::config::VendorTables {
            clubplanner: file.clubplanner,
            onlineafspraken: file.onlineafspraken,
            overplane: file.overplane,
            cirrus: file.cirrus,
            alphaalpha: file.alphaalpha,
        };
        let used: Vec<&str> = self.connectors.values().map(String::as_str).collect();
        self.vendors.resolve(&used)?;
        Ok(())
    }
}

/// An origin as CSP wants it: scheme and host (and port), nothing else, so a
/// typo cannot widen `frame-ancestors` or inject another directive.
fn validate_origin(origin: &str) -> anyhow::Result<()> {
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or_else(|| {
            anyhow::anyhow!("embed.allowed_origins: `{origin}` must start with https:// or http://")
        })?;
    let ok = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '*'));
    if ok {
        Ok(())
    } else {
        anyhow::bail!("embed.allowed_origins: `{origin}` is not an origin (scheme://host[:port])")
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    server: Option<ServerSection>,
    embed: Option<EmbedSection>,
    #[serde(default)]
    connectors: BTreeMap<Capability, String>,
    smtp: Option<crate::mail::SmtpConfig>,
    mail: Option<MailSection>,
    booking: Option<BookingLimits>,
    // The vendors' tables (DESIGN.md, "Configuration"), named one by one:
    // serde's check for unknown keys does not work through `flatten`.
    clubplanner: Option<crate::connectors::config::ClubplannerTable>,
    onlineafspraken: Option<crate::connectors::config::OnlineAfsprakenTable>,
    overplane: Option<crate::connectors::config::OverplaneTable>,
    cirrus: Option<crate::connectors::config::CirrusTable>,
    alphaalpha: Option<crate::connectors::config::AlphaAlphaTable>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MailSection {
    /// Write messages as `.eml` files into this folder instead of sending.
    dir: PathBuf,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServerSection {
    secure_cookies: Option<bool>,
    behind_proxy: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EmbedSection {
    #[serde(default)]
    allowed_origins: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_sets_origins_and_rejects_unknown_connectors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("frontdesk.toml");
        std::fs::write(
            &path,
            "[embed]\nallowed_origins = [\"https://www.club.example\"]\n[connectors]\nprospects = \"local\"\n",
        )
        .unwrap();
        let mut s = Settings::local("x.db".into(), "dist".into());
        s.apply_file(&path).unwrap();
        assert_eq!(s.embed_origins, vec!["https://www.club.example"]);

        std::fs::write(&path, "[connectors]\nbookings = \"clubplanner\"\n").unwrap();
        let err = s.apply_file(&path).unwrap_err().to_string();
        assert!(err.contains("connectors.bookings"), "{err}");
        std::fs::write(&path, "[connectors]\nprospects = \"nowhere\"\n").unwrap();
        let err = s.apply_file(&path).unwrap_err().to_string();
        assert!(err.contains("`nowhere` is not a connector"), "{err}");
    }

    #[test]
    fn smtp_reads_its_password_from_the_named_variable_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("frontdesk.toml");
        let file = "[smtp]\nhost = \"smtp.club.example\"\nport = 587\nsecurity = \"starttls\"\n\
                    from = \"Club <bookings@club.example>\"\nusername = \"bookings\"\n\
                    password_env = \"FRONTDESK_TEST_SMTP_PASSWORD_UNSET\"\n";
        std::fs::write(&path, file).unwrap();
        let mut s = Settings::local("x.db".into(), "dist".into());
        let err = s.apply_file(&path).unwrap_err().to_string();
        assert!(err.contains("FRONTDESK_TEST_SMTP_PASSWORD_UNSET"), "{err}");

        std::fs::write(
            &path,
            file.replace("Club <bookings@club.example>", "not an address"),
        )
        .unwrap();
        let err = s.apply_file(&path).unwrap_err().to_string();
        assert!(err.contains("smtp.from"), "{err}");
    }

    #[test]
    fn origins_cannot_inject_directives() {
        assert!(validate_origin("https://club.example").is_ok());
        assert!(validate_origin("https://club.example; script-src *").is_err());
        assert!(validate_origin("club.example").is_err());
    }
}
