//! The outbox goes out through SMTP when configured: against a fake SMTP
//! server on loopback that records what it receives.

mod common;

use std::sync::{Arc, Mutex};

use frontdesk_server::mail::{self, Security, SmtpConfig};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A minimal SMTP server: enough of RFC 5321 for one client session at a
/// time; keeps every DATA block it receives.
async fn fake_smtp() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 fake.smtp ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            store.lock().unwrap().push(data.take().unwrap());
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let verb = line
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250-fake.smtp\r\n250 8BITMIME\r\n",
                        "MAIL" | "RCPT" | "RSET" | "NOOP" => b"250 ok\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            return;
                        }
                        _ => b"502 not implemented\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

fn smtp(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: Security::None,
        from: "Demo Brussels <bookings@club.example>".into(),
        username: None,
        password_env: None,
        password: None,
    }
}

async fn queue(app: &common::TestApp, to: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO outbox (to_address, subject, body, created_at) VALUES (?, 'Your code: 123456', 'Hello,\nyour code is 123456.', ?) RETURNING id",
    )
    .bind(to)
    .bind(frontdesk_server::store::now_rfc3339())
    .fetch_one(&app.state.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_outbox_is_sent_through_smtp_and_marked_sent() {
    let (port, received) = fake_smtp().await;
    let app = common::app_with(|s, _| s.smtp = Some(smtp(port))).await;
    let id = queue(&app, "ann@example.be").await;

    assert_eq!(mail::send_pending(&app.state).await.unwrap(), 1);
    let mails = received.lock().unwrap().clone();
    assert_eq!(mails.len(), 1);
    assert!(
        mails[0].contains("Subject: Your code: 123456"),
        "{}",
        mails[0]
    );
    assert!(mails[0].contains("To: ann@example.be"), "{}", mails[0]);
    assert!(
        mails[0].contains("From: \"Demo Brussels\" <bookings@club.example>"),
        "{}",
        mails[0]
    );
    assert!(mails[0].contains("your code is 123456"));

    let sent: Option<String> = sqlx::query_scalar("SELECT sent_at FROM outbox WHERE id = ?")
        .bind(id)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert!(sent.is_some());
    // Nothing is sent twice.
    assert_eq!(mail::send_pending(&app.state).await.unwrap(), 0);
    assert_eq!(received.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_server_that_is_down_is_retried_later_with_the_reason_kept() {
    // A port nobody listens on.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let app = common::app_with(|s, _| s.smtp = Some(smtp(port))).await;
    let id = queue(&app, "ann@example.be").await;
    assert_eq!(mail::send_pending(&app.state).await.unwrap(), 0);
    let (attempts, error, sent): (i64, Option<String>, Option<String>) =
        sqlx::query_as("SELECT attempts, last_error, sent_at FROM outbox WHERE id = ?")
            .bind(id)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(attempts, 1);
    assert!(error.is_some());
    assert!(sent.is_none());
}

#[tokio::test]
async fn without_smtp_messages_stay_in_the_outbox() {
    let app = common::app().await;
    queue(&app, "ann@example.be").await;
    assert_eq!(mail::send_pending(&app.state).await.unwrap(), 0);
}

#[test]
fn the_password_never_shows_in_debug_output() {
    let mut config = smtp(25);
    config.password = Some("hunter2-secret".into());
    assert!(!format!("{config:?}").contains("hunter2"));
}
