//! Sends the outbox through SMTP when `[smtp]` is configured, or writes it
//! as `.eml` files into `[mail] dir` (the demo, the end-to-end tests).
//! Without either the messages stay in the outbox, where staff can read
//! them in the app (without the manage link's token).

use std::time::Duration;

use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Deserialize;

use crate::SharedState;

/// A message is tried this many times, then left for a person to see.
pub const MAX_ATTEMPTS: i64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// TLS from the first byte (port 465).
    Tls,
    /// Plain, then STARTTLS (port 587).
    Starttls,
    /// No encryption: only for a relay on this machine.
    None,
}

/// `[smtp]` of frontdesk.toml. The password comes from the environment
/// variable named in `password_env`, never from the file.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub from: String,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password_env: Option<String>,
    #[serde(skip)]
    pub password: Option<String>,
}

// Written by hand so a password can never end up in a log line.
impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("from", &self.from)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl SmtpConfig {
    /// Checks the sender and reads the password from the environment.
    pub fn resolve(&mut self) -> anyhow::Result<()> {
        self.from
            .parse::<Mailbox>()
            .map_err(|e| anyhow::anyhow!("smtp.from: `{}` is not an address ({e})", self.from))?;
        if let Some(var) = &self.password_env {
            let value = std::env::var(var)
                .map_err(|_| anyhow::anyhow!("smtp.password_env: the variable {var} is not set"))?;
            self.password = Some(value);
        }
        Ok(())
    }

    fn transport(&self) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
        let builder = match self.security {
            Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&self.host)?,
            Security::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&self.host)?,
            Security::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host),
        };
        let mut builder = builder
            .port(self.port)
            .timeout(Some(Duration::from_secs(20)));
        if let (Some(user), Some(password)) = (&self.username, &self.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(builder.build())
    }
}

/// Where messages go: an SMTP relay, or `.eml` files in a folder.
enum Delivery {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl Delivery {
    fn of(state: &SharedState) -> anyhow::Result<Option<(Self, Mailbox)>> {
        if let Some(config) = &state.settings.smtp {
            return Ok(Some((
                Self::Smtp(config.transport()?),
                config.from.parse()?,
            )));
        }
        if let Some(dir) = &state.settings.mail_dir {
            std::fs::create_dir_all(dir)?;
            let from = "Frontdesk <frontdesk@localhost>".parse()?;
            return Ok(Some((Self::Files(AsyncFileTransport::new(dir)), from)));
        }
        Ok(None)
    }

    async fn send(&self, message: Message) -> anyhow::Result<()> {
        match self {
            Self::Smtp(t) => {
                t.send(message).await?;
            }
            Self::Files(t) => {
                t.send(message).await?;
            }
        }
        Ok(())
    }
}

/// The message as it leaves: the text, and the booking's calendar file
/// when the row asks for it (written now, so it shows the booking as it is).
async fn compose(
    state: &SharedState,
    from: &Mailbox,
    to: &str,
    subject: String,
    body: String,
    ics_of: Option<i64>,
) -> anyhow::Result<Message> {
    let builder = Message::builder()
        .from(from.clone())
        .to(to.parse()?)
        .subject(subject);
    let ics = match ics_of {
        Some(id) => crate::api::public::calendar_text(state, id).await?,
        None => None,
    };
    Ok(match ics {
        None => builder.header(ContentType::TEXT_PLAIN).body(body)?,
        Some(ics) => builder.multipart(
            MultiPart::mixed()
                .singlepart(SinglePart::plain(body))
                .singlepart(
                    Attachment::new("appointment.ics".to_owned())
                        .body(ics, ContentType::parse("text/calendar; charset=utf-8")?),
                ),
        )?,
    })
}

/// Sends what is waiting; returns how many went out. A sent message keeps
/// only its staff copy: the manage link's token does not outlive delivery.
pub async fn send_pending(state: &SharedState) -> anyhow::Result<usize> {
    let Some((delivery, from)) = Delivery::of(state)? else {
        return Ok(0);
    };
    let rows: Vec<(i64, String, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, to_address, subject, body, CASE WHEN attach_ics THEN appointment_id END \
         FROM outbox WHERE sent_at IS NULL AND attempts < ? ORDER BY id LIMIT 50",
    )
    .bind(MAX_ATTEMPTS)
    .fetch_all(&state.db)
    .await?;
    let mut sent = 0;
    for (id, to, subject, body, ics_of) in rows {
        let result = async {
            let message = compose(state, &from, &to, subject, body, ics_of).await?;
            delivery.send(message).await
        }
        .await;
        match result {
            Ok(()) => {
                sqlx::query(
                    "UPDATE outbox SET sent_at = ?, last_error = NULL, \
                     subject = coalesce(staff_subject, subject), body = coalesce(staff_body, body) \
                     WHERE id = ?",
                )
                .bind(crate::store::now_rfc3339())
                .bind(id)
                .execute(&state.db)
                .await?;
                sent += 1;
            }
            Err(e) => {
                // The error names the server's answer, never credentials.
                tracing::warn!(outbox_id = id, error = %e, "sending a message failed");
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                )
                .bind(e.to_string())
                .bind(id)
                .execute(&state.db)
                .await?;
            }
        }
    }
    Ok(sent)
}

/// Runs for the life of the server: sends when woken after a booking, and
/// every half minute to retry what failed.
pub async fn relay(state: SharedState) {
    if state.settings.smtp.is_none() && state.settings.mail_dir.is_none() {
        return;
    }
    loop {
        if let Err(e) = send_pending(&state).await {
            tracing::warn!(error = %e, "the mail relay could not run");
        }
        tokio::select! {
            () = state.outbox_ready.notified() => {},
            () = tokio::time::sleep(Duration::from_secs(30)) => {},
        }
    }
}
