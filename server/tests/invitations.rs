//! Issue #21: invitation links for staff. An owner or a manager invites;
//! the link works once, for a week; only its hash is stored; the person
//! chooses their password and is signed in with the role given.

mod common;

use common::{TestApp, app, app_with};
use frontdesk_core::roles::Role;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

async fn account(app: &TestApp, email: &str, role: Role) -> String {
    frontdesk_server::store::users::create(
        &app.state.db,
        email,
        "Olga Owner",
        role,
        "a long password",
    )
    .await
    .unwrap();
    sign_in(app, email, "a long password").await.unwrap()
}

/// The session cookie, or the status of the refusal.
async fn sign_in(app: &TestApp, email: &str, password: &str) -> Result<String, u16> {
    let reply = app
        .post_json(
            "/api/v1/session",
            &json!({"email": email, "password": password}).to_string(),
            None,
        )
        .await;
    if reply.status == 200 {
        Ok(reply.cookie().unwrap())
    } else {
        Err(reply.status)
    }
}

async fn invite(app: &TestApp, cookie: &str, email: &str, role: &str) -> common::Reply {
    app.post_json(
        "/api/v1/staff/invitations",
        &json!({"email": email, "name": "Dina Desk", "role": role}).to_string(),
        Some(cookie),
    )
    .await
}

/// The token of a link `…/invite/<token>`.
fn token_of(invitation: &Value) -> String {
    let link = invitation["link"].as_str().unwrap();
    link.rsplit_once("/invite/").unwrap().1.to_owned()
}

async fn accept(app: &TestApp, token: &str, password: &str) -> common::Reply {
    app.post_json(
        "/api/v1/invitation",
        &json!({"token": token, "password": password}).to_string(),
        None,
    )
    .await
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether any column of any table holds `needle` (compared as bytes:
/// the search index keeps binary pages).
async fn stored_anywhere(app: &TestApp, needle: &str) -> bool {
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&app.state.db)
            .await
            .unwrap();
    for table in tables {
        let columns: Vec<String> =
            sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .fetch_all(&app.state.db)
                .await
                .unwrap();
        for column in columns {
            let found: i64 = sqlx::query_scalar(&format!(
                "SELECT COUNT(*) FROM \"{table}\" \
                 WHERE instr(CAST(\"{column}\" AS BLOB), CAST(? AS BLOB)) > 0"
            ))
            .bind(needle)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
            if found > 0 {
                return true;
            }
        }
    }
    false
}

#[tokio::test]
async fn an_invited_person_chooses_a_password_once_and_is_signed_in_with_the_role() {
    let app = app().await;
    let owner = account(&app, "owner@club.be", Role::Owner).await;
    let reply = invite(&app, &owner, "Dina@Club.be", "desk").await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    let invitation = reply.json();
    assert_eq!(invitation["email"], "dina@club.be");
    assert_eq!(invitation["role"], "desk");
    // Without mail configured, the link reaches the person only by hand.
    assert_eq!(invitation["mailed"], false);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 0);
    let token = token_of(&invitation);
    assert!(
        invitation["link"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{}/invite/", app.state.settings.public_url))
    );
    // No account until the link is used.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM staff_users WHERE email = 'dina@club.be'")
            .await,
        0
    );

    // Only the token's hash is stored: no table holds the token itself.
    assert!(
        !stored_anywhere(&app, &token).await,
        "the token is stored as it is"
    );
    assert!(stored_anywhere(&app, &sha256_hex(&token)).await);

    // What the page shows before the password is chosen.
    let info = app
        .get(&format!("/api/v1/invitation?token={token}"), None)
        .await;
    assert_eq!(info.status, 200, "{}", info.text());
    assert_eq!(info.json()["email"], "dina@club.be");
    assert_eq!(info.json()["role"], "desk");
    assert_eq!(info.json()["name"], "Dina Desk");

    // A short password is named, and the link still works.
    let p = accept(&app, &token, "short").await.assert_problem(422);
    assert!(p["errors"]["password"].is_string(), "{p}");
    let reply = accept(&app, &token, "dina's own password").await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.json()["user"]["role"], "desk");
    let cookie = reply.cookie().expect("signed in");
    let me = app.get("/api/v1/session", Some(&cookie)).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["user"]["email"], "dina@club.be");
    assert_eq!(me.json()["user"]["role"], "desk");
    // The role counts: the desk may not change the club's settings.
    let club = app.get("/api/v1/settings/club", Some(&cookie)).await.json();
    app.send_json(
        "PUT",
        "/api/v1/settings/club",
        &club.to_string(),
        Some(&cookie),
    )
    .await
    .assert_problem(403);
    // And the password is hers from now on.
    assert!(
        sign_in(&app, "dina@club.be", "dina's own password")
            .await
            .is_ok()
    );

    // Once: used, the link says so, and makes nothing more.
    let p = accept(&app, &token, "another password!")
        .await
        .assert_problem(410);
    assert_eq!(p["type"], "/problems/invitation-used");
    let p = app
        .get(&format!("/api/v1/invitation?token={token}"), None)
        .await
        .assert_problem(410);
    assert_eq!(p["type"], "/problems/invitation-used");
    assert_eq!(
        sign_in(&app, "dina@club.be", "another password!").await,
        Err(401)
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM staff_users WHERE email = 'dina@club.be'")
            .await,
        1
    );
    // A link nobody made.
    app.get("/api/v1/invitation?token=not-a-token", None)
        .await
        .assert_problem(404);
    accept(&app, "not-a-token", "a long password")
        .await
        .assert_problem(404);
}

#[tokio::test]
async fn an_expired_link_says_so_and_makes_nothing() {
    let app = app().await;
    let owner = account(&app, "owner@club.be", Role::Owner).await;
    let invitation = invite(&app, &owner, "late@club.be", "sales").await.json();
    let token = token_of(&invitation);
    // A week is given; past it (moved back in the store, not waited for).
    let expires =
        chrono::DateTime::parse_from_rfc3339(invitation["expires_at"].as_str().unwrap()).unwrap();
    let days = (expires.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_hours();
    assert!((7 * 24 - 1..=7 * 24).contains(&days), "{days} hours");
    sqlx::query("UPDATE staff_invitations SET expires_at = '2020-01-01T00:00:00Z'")
        .execute(&app.state.db)
        .await
        .unwrap();
    let p = app
        .get(&format!("/api/v1/invitation?token={token}"), None)
        .await
        .assert_problem(410);
    assert_eq!(p["type"], "/problems/invitation-expired");
    let p = accept(&app, &token, "a long password")
        .await
        .assert_problem(410);
    assert_eq!(p["type"], "/problems/invitation-expired");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM staff_users WHERE email = 'late@club.be'")
            .await,
        0
    );
}

#[tokio::test]
async fn a_new_invitation_to_the_same_address_replaces_the_old_link() {
    let app = app().await;
    let owner = account(&app, "owner@club.be", Role::Owner).await;
    let first = token_of(&invite(&app, &owner, "twice@club.be", "desk").await.json());
    let second = token_of(&invite(&app, &owner, "twice@club.be", "sales").await.json());
    let p = accept(&app, &first, "a long password")
        .await
        .assert_problem(410);
    assert_eq!(p["type"], "/problems/invitation-expired");
    let reply = accept(&app, &second, "a long password").await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.json()["user"]["role"], "sales");
    // An address with an account is not invited again.
    let p = invite(&app, &owner, "twice@club.be", "desk")
        .await
        .assert_problem(422);
    assert!(p["errors"]["email"].is_string(), "{p}");
}

#[tokio::test]
async fn only_an_owner_or_a_manager_invites_and_only_an_owner_invites_an_owner() {
    let app = app().await;
    let manager = account(&app, "manager@club.be", Role::Manager).await;
    for (email, role) in [("sales@club.be", Role::Sales), ("desk@club.be", Role::Desk)] {
        let cookie = account(&app, email, role).await;
        let p = invite(&app, &cookie, "new@club.be", "desk")
            .await
            .assert_problem(403);
        assert_eq!(p["type"], "/problems/forbidden");
    }
    let p = invite(&app, &manager, "boss@club.be", "owner")
        .await
        .assert_problem(403);
    assert!(p["detail"].as_str().unwrap().contains("owner"), "{p}");
    app.post_json(
        "/api/v1/staff/invitations",
        r#"{"email":"new@club.be","role":"desk"}"#,
        None,
    )
    .await
    .assert_problem(401);
    assert_eq!(app.count("SELECT COUNT(*) FROM staff_invitations").await, 0);
    // A manager invites the roles a manager manages.
    let reply = invite(&app, &manager, "new@club.be", "manager").await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    let p = invite(&app, &manager, "not an email", "desk")
        .await
        .assert_problem(422);
    assert!(p["errors"]["email"].is_string(), "{p}");
}

#[tokio::test]
async fn with_mail_configured_the_link_goes_by_mail_and_is_gone_once_sent() {
    let app = app_with(|s, dir| s.mail_dir = Some(dir.join("mail"))).await;
    // In English, whose words are plain ASCII: the mail file is then
    // written as it reads.
    let club = frontdesk_core::club::ClubSettings {
        name: "Gym Noord".into(),
        languages: vec!["en".into()],
        ..Default::default()
    };
    frontdesk_server::store::club::put(&app.state.db, &club)
        .await
        .unwrap();
    let owner = account(&app, "owner@club.be", Role::Owner).await;
    let invitation = invite(&app, &owner, "mailed@club.be", "manager")
        .await
        .json();
    assert_eq!(invitation["mailed"], true);
    let token = token_of(&invitation);
    // Staff reading the outbox see the message, not the link's secret.
    let outbox = app.get("/api/v1/outbox", Some(&owner)).await.json();
    assert_eq!(outbox[0]["to"], "mailed@club.be");
    assert!(!outbox.to_string().contains(&token), "{outbox}");
    assert!(outbox[0]["body"].as_str().unwrap().contains("/invite/…"));

    assert_eq!(
        frontdesk_server::mail::send_pending(&app.state)
            .await
            .unwrap(),
        1
    );
    let sent: String = std::fs::read_dir(app.dir.path().join("mail"))
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .collect();
    // Lines of a mail may be folded: compare without soft line breaks.
    let unfolded = sent.replace("=\r\n", "").replace("=\n", "");
    assert!(unfolded.contains(&token), "the mail carries the link");
    assert!(unfolded.contains("Olga Owner invites you to work for Gym Noord"));
    // Delivered: the store holds no copy of the token any more.
    assert!(!stored_anywhere(&app, &token).await);
    let reply = accept(&app, &token, "a long password").await;
    assert_eq!(reply.status, 200, "{}", reply.text());
}

#[tokio::test]
async fn open_invitations_are_listed_without_their_links_and_one_withdrawn_opens_nothing() {
    let app = app().await;
    let owner = account(&app, "owner@club.be", Role::Owner).await;
    let manager = account(&app, "manager@club.be", Role::Manager).await;
    let desk = account(&app, "desk@club.be", Role::Desk).await;
    let wrong = invite(&app, &owner, "wrong@club.be", "sales").await.json();
    let boss = invite(&app, &owner, "boss@club.be", "owner").await.json();
    let used = invite(&app, &owner, "used@club.be", "desk").await.json();
    assert_eq!(
        accept(&app, &token_of(&used), "a long password")
            .await
            .status,
        200
    );

    // The desk sees none of it.
    app.get("/api/v1/staff/invitations", Some(&desk))
        .await
        .assert_problem(403);
    let list = app.get("/api/v1/staff/invitations", Some(&owner)).await;
    assert_eq!(list.status, 200, "{}", list.text());
    let list = list.json();
    let emails: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["email"].as_str().unwrap())
        .collect();
    // Newest first; the used one is no longer open.
    assert_eq!(emails, ["boss@club.be", "wrong@club.be"], "{list}");
    assert_eq!(list[1]["role"], "sales");
    assert_eq!(list[1]["invited_by"], "Olga Owner");
    for secret in [token_of(&wrong), token_of(&boss)] {
        assert!(!list.to_string().contains(&secret), "a link is shown once");
    }
    let id_of = |email: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|i| i["email"] == email)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };

    // Withdrawing: the desk may not, a manager not an owner's invitation.
    let wrong_path = format!("/api/v1/staff/invitations/{}", id_of("wrong@club.be"));
    let boss_path = format!("/api/v1/staff/invitations/{}", id_of("boss@club.be"));
    app.delete(&wrong_path, Some(&desk))
        .await
        .assert_problem(403);
    app.delete(&boss_path, Some(&manager))
        .await
        .assert_problem(403);
    let done = app.delete(&wrong_path, Some(&manager)).await;
    assert_eq!(done.status, 204, "{}", done.text());
    app.delete(&wrong_path, Some(&manager))
        .await
        .assert_problem(404);

    // The link now says it was withdrawn, and makes nothing.
    let token = token_of(&wrong);
    let p = app
        .get(&format!("/api/v1/invitation?token={token}"), None)
        .await
        .assert_problem(410);
    assert_eq!(p["type"], "/problems/invitation-withdrawn");
    let p = accept(&app, &token, "a long password")
        .await
        .assert_problem(410);
    assert_eq!(p["type"], "/problems/invitation-withdrawn");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM staff_users WHERE email = 'wrong@club.be'")
            .await,
        0
    );
    let left = app
        .get("/api/v1/staff/invitations", Some(&owner))
        .await
        .json();
    assert_eq!(left.as_array().unwrap().len(), 1, "{left}");
    // The owner withdraws the owner's invitation.
    assert_eq!(app.delete(&boss_path, Some(&owner)).await.status, 204);
    // A used link says used, not withdrawn.
    let p = accept(&app, &token_of(&used), "a long password")
        .await
        .assert_problem(410);
    assert_eq!(p["type"], "/problems/invitation-used");
}
