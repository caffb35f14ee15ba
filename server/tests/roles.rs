//! Issue #21: roles enforced by the API (403 problem documents), staff
//! added and deactivated, a password changed, signing out everywhere, and
//! the club's settings.

mod common;

use common::{TestApp, app};
use frontdesk_core::roles::Role;

async fn account(app: &TestApp, email: &str, role: Role) -> String {
    frontdesk_server::store::users::create(&app.state.db, email, "", role, "a long password")
        .await
        .unwrap();
    sign_in(app, email, "a long password").await
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> String {
    let reply = app
        .post_json(
            "/api/v1/session",
            &format!(r#"{{"email":"{email}","password":"{password}"}}"#),
            None,
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.cookie().expect("a session cookie")
}

async fn sign_in_status(app: &TestApp, email: &str, password: &str) -> u16 {
    app.post_json(
        "/api/v1/session",
        &format!(r#"{{"email":"{email}","password":"{password}"}}"#),
        None,
    )
    .await
    .status
}

fn forbidden(p: &serde_json::Value, who: &str) {
    assert_eq!(p["type"], "/problems/forbidden", "{p}");
    let detail = p["detail"].as_str().unwrap();
    assert!(detail.contains(who), "{detail}");
}

#[tokio::test]
async fn the_desk_may_not_change_settings_staff_or_many_prospects_at_once() {
    let app = app().await;
    let owner = account(&app, "owner@club.be", Role::Owner).await;
    let desk = account(&app, "desk@club.be", Role::Desk).await;
    let prospect = app
        .post_json(
            "/api/v1/prospects",
            r#"{"first_name":"Ann","last_name":"Peeters","email":"ann@example.be"}"#,
            Some(&owner),
        )
        .await;
    assert_eq!(prospect.status, 201, "{}", prospect.text());
    let id = prospect.json()["id"].as_i64().unwrap();

    // Settings, staff, bulk delete, export, import: 403, naming the role.
    let club = app.get("/api/v1/settings/club", Some(&desk)).await;
    assert_eq!(
        club.status, 200,
        "anyone on the staff reads the club's name"
    );
    let mut changed = club.json();
    changed["name"] = "Desk's club".into();
    let p = app
        .send_json(
            "PUT",
            "/api/v1/settings/club",
            &changed.to_string(),
            Some(&desk),
        )
        .await
        .assert_problem(403);
    forbidden(&p, "desk");
    let p = app
        .post_json(
            "/api/v1/staff",
            r#"{"email":"new@club.be","role":"desk","password":"a long password"}"#,
            Some(&desk),
        )
        .await
        .assert_problem(403);
    forbidden(&p, "an owner or a manager");
    let bulk = format!(r#"{{"ids":[{id}],"action":{{"delete":{{}}}}}}"#);
    let p = app
        .post_json("/api/v1/prospects/bulk", &bulk, Some(&desk))
        .await
        .assert_problem(403);
    forbidden(&p, "delete many prospects");
    let p = app
        .get("/api/v1/prospects/export.csv", Some(&desk))
        .await
        .assert_problem(403);
    forbidden(&p, "export");
    // The week's opening hours are the club's booking setup.
    let blocks = app.count("SELECT COUNT(*) FROM availability_blocks").await;
    let week = r#"{"hours":[{"weekday":7,"start":"18:00","end":"21:00"}]}"#;
    let p = app
        .send_json("PUT", "/api/v1/agendas/1/hours", week, Some(&desk))
        .await
        .assert_problem(403);
    forbidden(&p, "an owner or a manager");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM availability_blocks").await,
        blocks
    );
    // Nothing happened: the prospect is there, the club unchanged, no account.
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM prospects WHERE id = {id} AND deleted_at IS NULL"
        ))
        .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM staff_users WHERE email = 'new@club.be'")
            .await,
        0
    );
    assert_ne!(
        app.get("/api/v1/settings/club", Some(&owner)).await.json()["name"],
        "Desk's club"
    );

    // The desk still does its day: one prospect at a time, a bulk tag.
    let tag = format!(r#"{{"ids":[{id}],"action":{{"add_tag":{{"tag":"called"}}}}}}"#);
    assert_eq!(
        app.post_json("/api/v1/prospects/bulk", &tag, Some(&desk))
            .await
            .status,
        200
    );

    // An owner may all of it.
    assert_eq!(
        app.post_json("/api/v1/prospects/bulk", &bulk, Some(&owner))
            .await
            .status,
        200
    );
    assert_eq!(
        app.get("/api/v1/prospects/export.csv", Some(&owner))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn an_owner_adds_staff_who_sign_in_and_a_manager_cannot_touch_owners() {
    let app = app().await;
    let owner = account(&app, "owner@club.be", Role::Owner).await;
    // A bad account is refused field by field, nothing added.
    let p = app
        .post_json(
            "/api/v1/staff",
            r#"{"email":"not an email","role":"desk","password":"short"}"#,
            Some(&owner),
        )
        .await
        .assert_problem(422);
    assert!(
        p["errors"]["email"].is_string() && p["errors"]["password"].is_string(),
        "{p}"
    );
    let p = app
        .post_json(
            "/api/v1/staff",
            r#"{"email":"x@club.be","role":"admin","password":"a long password"}"#,
            Some(&owner),
        )
        .await
        .assert_problem(422);
    assert!(p["errors"]["role"].is_string(), "{p}");

    let added = app
        .post_json(
            "/api/v1/staff",
            r#"{"email":"Manager@Club.be","name":"Mia","role":"manager","password":"first password!"}"#,
            Some(&owner),
        )
        .await;
    assert_eq!(added.status, 201, "{}", added.text());
    assert_eq!(added.json()["role"], "manager");
    assert_eq!(added.json()["active"], true);
    let manager = sign_in(&app, "manager@club.be", "first password!").await;
    let session = app.get("/api/v1/session", Some(&manager)).await.json();
    assert_eq!(session["user"]["role"], "manager");
    // The same email again: named, not a 500.
    let p = app
        .post_json(
            "/api/v1/staff",
            r#"{"email":"manager@club.be","role":"desk","password":"a long password"}"#,
            Some(&owner),
        )
        .await
        .assert_problem(422);
    assert!(p["errors"]["email"].is_string(), "{p}");

    // A manager adds a desk account, but makes no owner and changes none.
    let desk = app
        .post_json(
            "/api/v1/staff",
            r#"{"email":"desk@club.be","role":"desk","password":"a long password"}"#,
            Some(&manager),
        )
        .await;
    assert_eq!(desk.status, 201, "{}", desk.text());
    let desk_id = desk.json()["id"].as_i64().unwrap();
    let p = app
        .post_json(
            "/api/v1/staff",
            r#"{"email":"boss@club.be","role":"owner","password":"a long password"}"#,
            Some(&manager),
        )
        .await
        .assert_problem(403);
    forbidden(&p, "an owner");
    let owner_id = app
        .count("SELECT id FROM staff_users WHERE email = 'owner@club.be'")
        .await;
    let p = app
        .send_json(
            "PATCH",
            &format!("/api/v1/staff/{owner_id}"),
            r#"{"active":false}"#,
            Some(&manager),
        )
        .await
        .assert_problem(403);
    forbidden(&p, "an owner");
    // Nobody changes their own role; the last owner stays one.
    let p = app
        .send_json(
            "PATCH",
            &format!("/api/v1/staff/{owner_id}"),
            r#"{"role":"desk"}"#,
            Some(&owner),
        )
        .await
        .assert_problem(409);
    assert!(p["detail"].as_str().unwrap().contains("yourself"), "{p}");

    // Deactivated: the session ends at once and the password opens nothing.
    let desk_cookie = sign_in(&app, "desk@club.be", "a long password").await;
    let off = app
        .send_json(
            "PATCH",
            &format!("/api/v1/staff/{desk_id}"),
            r#"{"active":false}"#,
            Some(&manager),
        )
        .await;
    assert_eq!(off.status, 200, "{}", off.text());
    assert_eq!(off.json()["active"], false);
    assert_eq!(
        app.get("/api/v1/session", Some(&desk_cookie)).await.status,
        401
    );
    assert_eq!(
        sign_in_status(&app, "desk@club.be", "a long password").await,
        401
    );
    // Still listed (its name stays on what it did), marked inactive.
    let list = app.get("/api/v1/staff", Some(&owner)).await.json();
    let listed = list
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == desk_id)
        .unwrap();
    assert_eq!(listed["active"], false);
    // Active again, with another role: it signs in and has that role.
    let on = app
        .send_json(
            "PATCH",
            &format!("/api/v1/staff/{desk_id}"),
            r#"{"active":true,"role":"sales"}"#,
            Some(&owner),
        )
        .await;
    assert_eq!(on.status, 200, "{}", on.text());
    let back = sign_in(&app, "desk@club.be", "a long password").await;
    assert_eq!(
        app.get("/api/v1/session", Some(&back)).await.json()["user"]["role"],
        "sales"
    );
}

#[tokio::test]
async fn a_changed_password_works_the_old_one_does_not_and_other_sessions_end() {
    let app = app().await;
    let here = account(&app, "me@club.be", Role::Sales).await;
    let elsewhere = sign_in(&app, "me@club.be", "a long password").await;
    let p = app
        .send_json(
            "PUT",
            "/api/v1/session/password",
            r#"{"current_password":"not it","new_password":"a new long password"}"#,
            Some(&here),
        )
        .await
        .assert_problem(422);
    assert!(p["errors"]["current_password"].is_string(), "{p}");
    let p = app
        .send_json(
            "PUT",
            "/api/v1/session/password",
            r#"{"current_password":"a long password","new_password":"short"}"#,
            Some(&here),
        )
        .await
        .assert_problem(422);
    assert!(p["errors"]["new_password"].is_string(), "{p}");
    // Neither changed anything.
    assert_eq!(
        sign_in_status(&app, "me@club.be", "a long password").await,
        200
    );

    let ok = app
        .send_json(
            "PUT",
            "/api/v1/session/password",
            r#"{"current_password":"a long password","new_password":"a new long password"}"#,
            Some(&here),
        )
        .await;
    assert_eq!(ok.status, 204, "{}", ok.text());
    assert_eq!(
        sign_in_status(&app, "me@club.be", "a long password").await,
        401
    );
    assert_eq!(
        sign_in_status(&app, "me@club.be", "a new long password").await,
        200
    );
    assert_eq!(
        app.get("/api/v1/session", Some(&here)).await.status,
        200,
        "this one stays"
    );
    assert_eq!(
        app.get("/api/v1/session", Some(&elsewhere)).await.status,
        401,
        "the others end"
    );

    // Sign out everywhere: this session too.
    let third = sign_in(&app, "me@club.be", "a new long password").await;
    let out = app.delete("/api/v1/sessions", Some(&here)).await;
    assert_eq!(out.status, 204);
    assert_eq!(app.get("/api/v1/session", Some(&here)).await.status, 401);
    assert_eq!(app.get("/api/v1/session", Some(&third)).await.status, 401);
}

#[tokio::test]
async fn club_settings_are_checked_stored_and_move_the_clubs_agendas() {
    let app = common::demo_app().await;
    let owner = app.login_demo().await;
    let club = app.get("/api/v1/settings/club", Some(&owner)).await.json();
    assert_eq!(club["name"], "Demo Brussels");
    assert_eq!(club["time_zone"], "Europe/Brussels");
    let bad = r##"{"name":"","time_zone":"Europe/Atlantis","languages":["nl","de"],"accent_color":"red","country":"XX"}"##;
    let p = app
        .send_json("PUT", "/api/v1/settings/club", bad, Some(&owner))
        .await
        .assert_problem(422);
    for field in ["name", "time_zone", "languages", "accent_color", "country"] {
        assert!(p["errors"][field].is_string(), "{field}: {p}");
    }
    let good = r##"{"name":"Gym Gent","time_zone":"Europe/Paris","languages":["fr","nl"],"accent_color":"#aa3300","country":"FR"}"##;
    let stored = app
        .send_json("PUT", "/api/v1/settings/club", good, Some(&owner))
        .await;
    assert_eq!(stored.status, 200, "{}", stored.text());
    let again = app.get("/api/v1/settings/club", Some(&owner)).await.json();
    assert_eq!(
        again,
        serde_json::from_str::<serde_json::Value>(good).unwrap()
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM agendas WHERE vendor IS NULL AND timezone != 'Europe/Paris'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn connections_are_checked_for_an_owner_in_words_without_a_secret() {
    let fake = common::vendors::fakes().await;
    let (app, owner) = common::vendors::clubplanner_app(&fake).await;
    let desk = account(&app, "front@club.be", Role::Desk).await;
    let p = app
        .post_json("/api/v1/settings/connections/check", "{}", Some(&desk))
        .await
        .assert_problem(403);
    forbidden(&p, "an owner or a manager");

    let reply = app
        .post_json("/api/v1/settings/connections/check", "{}", Some(&owner))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let lines = reply.json();
    let prospects = lines
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["capability"] == "prospects")
        .unwrap_or_else(|| panic!("{lines}"));
    assert_eq!(prospects["connector"], "clubplanner");
    assert_eq!(prospects["ok"], true, "{lines}");
    let token = fake.credentials().clubplanner_token.clone();
    assert!(!reply.text().contains(&token), "no secret in the answer");

    // The vendor down: said in words, still no secret.
    drop(fake);
    let down = app
        .post_json("/api/v1/settings/connections/check", "{}", Some(&owner))
        .await;
    assert_eq!(down.status, 200, "{}", down.text());
    let text = down.text();
    assert!(text.contains("unreachable"), "{text}");
    assert!(!text.contains(&token), "no secret in the answer");
}
