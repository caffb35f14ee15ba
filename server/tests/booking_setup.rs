//! Issue #21, the booking setup: owners and managers add and change
//! appointment types (with their questions) and coaches or rooms of
//! Frontdesk's own agenda, and the widget's routes follow at once; the desk
//! may not; a vendor's setup is shown, and changing it is refused naming
//! the vendor.

mod common;

use common::TestApp;
use common::booking::{book, first_start, future_date, grid, small_agenda};
use frontdesk_core::roles::Role;
use serde_json::{Value, json};

async fn account(app: &TestApp, email: &str, role: Role) -> String {
    frontdesk_server::store::users::create(&app.state.db, email, "", role, "a long password")
        .await
        .unwrap();
    let reply = app
        .post_json(
            "/api/v1/session",
            &json!({"email": email, "password": "a long password"}).to_string(),
            None,
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.cookie().unwrap()
}

/// Frontdesk's small agenda (coach Kim), open 10:00–12:00 on a date in
/// five days, with an owner signed in.
struct Setup {
    app: TestApp,
    owner: String,
    agenda: i64,
    coach: i64,
    date: String,
}

async fn setup() -> Setup {
    let app = common::app().await;
    let (agenda, _, coach) = small_agenda(&app, false).await;
    let date = future_date(5);
    sqlx::query(
        "INSERT INTO availability_blocks (agenda_id, resource_id, date, start_time, end_time) \
         VALUES (?, ?, ?, '10:00', '12:00')",
    )
    .bind(agenda)
    .bind(coach)
    .bind(&date)
    .execute(&app.state.db)
    .await
    .unwrap();
    let owner = account(&app, "owner@club.be", Role::Owner).await;
    Setup {
        app,
        owner,
        agenda,
        coach,
        date,
    }
}

fn boxing(coach: i64, duration: i64) -> Value {
    json!({
        "name": "Boxing trial",
        "description": "Gloves provided.",
        "duration_min": duration,
        "buffer_min": 0,
        "min_notice_min": 60,
        "max_ahead_min": 0,
        "scheduling": "resource",
        "capacity": 1,
        "price_cents": 1500,
        "resource_ids": [coach.to_string()],
        "questions": [
            {"label": "Any injuries?", "kind": "textarea", "required": true},
        ],
    })
}

impl Setup {
    fn types_path(&self) -> String {
        format!("/api/v1/settings/booking/agendas/{}/types", self.agenda)
    }

    async fn add(&self, body: &Value) -> Value {
        let reply = self
            .app
            .post_json(&self.types_path(), &body.to_string(), Some(&self.owner))
            .await;
        assert_eq!(reply.status, 201, "{}", reply.text());
        reply.json()
    }

    async fn put_type(&self, id: i64, body: &Value) -> common::Reply {
        self.app
            .send_json(
                "PUT",
                &format!("{}/{id}", self.types_path()),
                &body.to_string(),
                Some(&self.owner),
            )
            .await
    }

    /// A type as the setup lists it (archived ones too).
    async fn setup_type(&self, id: i64) -> Value {
        let list = self
            .app
            .get("/api/v1/settings/booking", Some(&self.owner))
            .await
            .json();
        list[0]["types"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .cloned()
            .unwrap()
    }

    /// The starts the widget offers for `ty` on the open date, as wall
    /// times.
    async fn starts(&self, ty: i64) -> Vec<String> {
        let g = grid(&self.app, self.agenda, ty, &self.date, &self.date).await;
        g.days
            .iter()
            .flat_map(|d| d.slots.iter())
            .map(|s| s.start.to_string()[11..16].to_owned())
            .collect()
    }

    async fn widget_types(&self) -> Vec<Value> {
        let reply = self
            .app
            .get(
                &format!("/api/v1/public/agendas/{}/types", self.agenda),
                None,
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        reply.json().as_array().unwrap().clone()
    }
}

#[tokio::test]
async fn the_desk_reads_the_setup_but_may_not_change_it() {
    let s = setup().await;
    let desk = account(&s.app, "desk@club.be", Role::Desk).await;
    let list = s.app.get("/api/v1/settings/booking", Some(&desk)).await;
    assert_eq!(list.status, 200, "{}", list.text());
    let before = s.app.count("SELECT COUNT(*) FROM appointment_types").await;
    let a = s.agenda;
    let tries = [
        ("POST", s.types_path(), boxing(s.coach, 30)),
        ("PUT", format!("{}/1", s.types_path()), boxing(s.coach, 30)),
        (
            "POST",
            format!("/api/v1/settings/booking/agendas/{a}/resources"),
            json!({"name": "Coach Noor", "kind": "coach"}),
        ),
        (
            "PUT",
            format!("/api/v1/settings/booking/agendas/{a}/resources/{}", s.coach),
            json!({"name": "Coach Kimberly", "kind": "coach"}),
        ),
    ];
    for (method, path, body) in tries {
        let p = s
            .app
            .send_json(method, &path, &body.to_string(), Some(&desk))
            .await
            .assert_problem(403);
        assert_eq!(p["type"], "/problems/forbidden", "{p}");
        assert!(p["detail"].as_str().unwrap().contains("desk"), "{p}");
    }
    let p = s
        .app
        .delete(&format!("{}/1", s.types_path()), Some(&desk))
        .await
        .assert_problem(403);
    assert_eq!(p["type"], "/problems/forbidden", "{p}");
    assert_eq!(
        s.app.count("SELECT COUNT(*) FROM appointment_types").await,
        before
    );
    assert_eq!(
        s.app
            .count("SELECT COUNT(*) FROM resources WHERE name LIKE 'Coach Noor%' OR name = 'Coach Kimberly'")
            .await,
        0
    );
    // Signed out: 401, not the setup.
    assert_eq!(
        s.app.get("/api/v1/settings/booking", None).await.status,
        401
    );
}

#[tokio::test]
async fn bad_input_names_each_field_and_stores_nothing() {
    let s = setup().await;
    let before = s.app.count("SELECT COUNT(*) FROM appointment_types").await;
    let fields_before = s.app.count("SELECT COUNT(*) FROM form_fields").await;
    let mut body = boxing(s.coach, 0);
    body["name"] = " ".into();
    body["capacity"] = 0.into();
    body["buffer_min"] = (-5).into();
    body["resource_ids"] = json!([s.coach.to_string(), "99999"]);
    body["questions"] = json!([
        {"label": "Goal", "kind": "text"},
        {"label": " ", "kind": "checkbox", "required": true},
    ]);
    let p = s
        .app
        .post_json(&s.types_path(), &body.to_string(), Some(&s.owner))
        .await
        .assert_problem(422);
    for field in [
        "name",
        "duration_min",
        "buffer_min",
        "capacity",
        "resource_ids[1]",
        "questions[1].label",
    ] {
        assert!(p["errors"][field].is_string(), "{field}: {p}");
    }
    assert!(p["errors"]["questions[0].label"].is_null(), "{p}");
    assert!(p["errors"]["resource_ids[0]"].is_null(), "{p}");
    // A kind the widget cannot ask is named by the body's reader.
    let mut odd = boxing(s.coach, 30);
    odd["questions"][0]["kind"] = "radio".into();
    let p = s
        .app
        .post_json(&s.types_path(), &odd.to_string(), Some(&s.owner))
        .await
        .assert_problem(422);
    assert!(
        p["errors"]
            .as_object()
            .unwrap()
            .keys()
            .any(|k| k.contains("questions[0].kind")),
        "{p}"
    );
    assert_eq!(
        s.app.count("SELECT COUNT(*) FROM appointment_types").await,
        before
    );
    assert_eq!(
        s.app.count("SELECT COUNT(*) FROM form_fields").await,
        fields_before
    );
    // An edit refused the same way leaves the type as it was.
    let ty = s.add(&boxing(s.coach, 30)).await;
    let id = ty["id"].as_i64().unwrap();
    let mut bad = boxing(s.coach, 30);
    bad["questions"][0]["label"] = "".into();
    bad["duration_min"] = 100_000.into();
    s.put_type(id, &bad).await.assert_problem(422);
    let kept = s.setup_type(id).await;
    assert_eq!(kept, ty);
}

#[tokio::test]
async fn a_new_type_with_a_question_is_offered_in_the_widget_and_asks_it() {
    let s = setup().await;
    let ty = s.add(&boxing(s.coach, 30)).await;
    let id = ty["id"].as_i64().unwrap();
    assert_eq!(ty["questions"][0]["key"], "any_injuries");
    assert_eq!(ty["archived"], false);

    let offered = s.widget_types().await;
    let listed = offered.iter().find(|t| t["id"] == id).expect("offered");
    assert_eq!(listed["name"], "Boxing trial");
    assert_eq!(listed["duration_min"], 30);
    assert_eq!(listed["price_cents"], 1500);
    assert_eq!(listed["resource_ids"], json!([s.coach.to_string()]));
    let fields = s
        .app
        .get(
            &format!("/api/v1/public/agendas/{}/types/{id}/fields", s.agenda),
            None,
        )
        .await
        .json();
    assert_eq!(
        fields,
        json!([{"key": "any_injuries", "label": "Any injuries?", "required": true, "kind": "textarea"}])
    );
    // The small agenda's grid is an hour: 10:00 and 11:00 fit half an hour.
    assert_eq!(s.starts(id).await, ["10:00", "11:00"]);

    // Booking it asks the question: unanswered, refused by its key.
    let g = grid(&s.app, s.agenda, id, &s.date, &s.date).await;
    let start = first_start(&g).unwrap();
    let mut request = json!({"type_id": id, "start": start, "name": "Ann Peeters",
        "email": "ann@example.be", "language": "en"});
    let p = book(&s.app, s.agenda, &request, None)
        .await
        .assert_problem(422);
    assert!(p["errors"]["fields.any_injuries"].is_string(), "{p}");
    request["fields"] = json!({"any_injuries": "A sore knee"});
    let booked = book(&s.app, s.agenda, &request, None).await;
    assert_eq!(booked.status, 201, "{}", booked.text());
    let answers: String = sqlx::query_scalar("SELECT fields FROM appointments WHERE type_id = ?")
        .bind(id)
        .fetch_one(&s.app.state.db)
        .await
        .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&answers).unwrap(),
        json!({"any_injuries": "A sore knee"})
    );
}

#[tokio::test]
async fn an_edited_duration_changes_what_the_widget_offers_and_keeps_the_answers_key() {
    let s = setup().await;
    let ty = s.add(&boxing(s.coach, 30)).await;
    let id = ty["id"].as_i64().unwrap();
    assert_eq!(s.starts(id).await, ["10:00", "11:00"]);

    // Ninety minutes: only 10:00 ends by noon. The question, sent back
    // with its key and a new label, keeps its key.
    let mut longer = boxing(s.coach, 90);
    longer["questions"] = json!([
        {"key": "any_injuries", "label": "Injuries we should know of?", "kind": "textarea", "required": true},
        {"label": "I agree to the house rules", "kind": "checkbox", "required": true},
    ]);
    let changed = s.put_type(id, &longer).await;
    assert_eq!(changed.status, 200, "{}", changed.text());
    let changed = changed.json();
    assert_eq!(changed["duration_min"], 90);
    assert_eq!(changed["questions"][0]["key"], "any_injuries");
    assert_eq!(changed["questions"][1]["key"], "i_agree_to_the_house_rules");
    assert_eq!(changed["questions"][1]["kind"], "checkbox");
    assert_eq!(s.starts(id).await, ["10:00"]);
    let listed = s.widget_types().await;
    let listed = listed.iter().find(|t| t["id"] == id).unwrap();
    assert_eq!(listed["duration_min"], 90);

    // A group class of three: one coach, three places at 10:00.
    let mut group = boxing(s.coach, 90);
    group["scheduling"] = "capacity".into();
    group["capacity"] = 3.into();
    let changed = s.put_type(id, &group).await;
    assert_eq!(changed.status, 200, "{}", changed.text());
    let g = grid(&s.app, s.agenda, id, &s.date, &s.date).await;
    let slot = g.days.iter().flat_map(|d| d.slots.iter()).next().unwrap();
    assert_eq!(slot.remaining, 3);
}

#[tokio::test]
async fn an_archived_type_leaves_the_widget_and_its_bookings_stay() {
    let s = setup().await;
    let ty = s.add(&boxing(s.coach, 60)).await;
    let id = ty["id"].as_i64().unwrap();
    let g = grid(&s.app, s.agenda, id, &s.date, &s.date).await;
    let start = first_start(&g).unwrap();
    let request = json!({"type_id": id, "start": start, "name": "Ann Peeters",
        "email": "ann@example.be", "fields": {"any_injuries": "none"}, "language": "en"});
    assert_eq!(book(&s.app, s.agenda, &request, None).await.status, 201);

    let archived = s
        .app
        .delete(&format!("{}/{id}", s.types_path()), Some(&s.owner))
        .await;
    assert_eq!(archived.status, 200, "{}", archived.text());
    assert_eq!(archived.json()["archived"], true);
    assert!(s.widget_types().await.iter().all(|t| t["id"] != id));
    // Booked straight through the API all the same: refused.
    let mut again = request.clone();
    again["email"] = "bob@example.be".into();
    let g_start = grid(&s.app, s.agenda, id, &s.date, &s.date).await;
    if let Some(other) = first_start(&g_start) {
        again["start"] = other.into();
    }
    let p = book(&s.app, s.agenda, &again, None)
        .await
        .assert_problem(404);
    assert!(p["errors"]["type_id"].is_string(), "{p}");
    // The booking is still in the calendar, with its type's name.
    let day = s
        .app
        .get(
            &format!("/api/v1/appointments?from={0}&to={0}", s.date),
            Some(&s.owner),
        )
        .await;
    assert_eq!(day.status, 200, "{}", day.text());
    assert!(day.text().contains("Boxing trial"), "{}", day.text());
    // The setup still lists it, archived.
    let listed = s.setup_type(id).await;
    assert_eq!(listed["archived"], true);
    // Another agenda's type is not this one's to archive.
    let p = s
        .app
        .delete(
            &format!(
                "/api/v1/settings/booking/agendas/{}/types/{id}",
                s.agenda + 1
            ),
            Some(&s.owner),
        )
        .await;
    assert_eq!(p.status, 404, "{}", p.text());
}

#[tokio::test]
async fn coaches_and_rooms_are_added_and_renamed() {
    let s = setup().await;
    let a = s.agenda;
    let path = format!("/api/v1/settings/booking/agendas/{a}/resources");
    let bad = s
        .app
        .post_json(&path, r#"{"name":" ","kind":"teacher"}"#, Some(&s.owner))
        .await
        .assert_problem(422);
    assert!(bad["errors"]["name"].is_string(), "{bad}");
    assert!(bad["errors"]["kind"].is_string(), "{bad}");
    let added = s
        .app
        .post_json(
            &path,
            r#"{"name":"Studio 2","kind":"room"}"#,
            Some(&s.owner),
        )
        .await;
    assert_eq!(added.status, 201, "{}", added.text());
    let room = added.json()["id"].as_str().unwrap().to_owned();
    let renamed = s
        .app
        .send_json(
            "PUT",
            &format!("{path}/{room}"),
            r#"{"name":"Studio Zen","kind":"room"}"#,
            Some(&s.owner),
        )
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.text());
    let public = s
        .app
        .get(&format!("/api/v1/public/agendas/{a}/resources"), None)
        .await
        .json();
    assert!(
        public
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == room.as_str() && r["name"] == "Studio Zen" && r["kind"] == "room"),
        "{public}"
    );
    // A type may now use the room.
    let mut body = boxing(s.coach, 30);
    body["resource_ids"] = json!([room]);
    s.add(&body).await;
}

#[tokio::test]
async fn a_vendors_setup_is_shown_and_changing_it_names_the_vendor() {
    let fake = common::vendors::fakes().await;
    let (app, cookie, agenda) = common::vendors::onlineafspraken_app(&fake).await;
    let list = app.get("/api/v1/settings/booking", Some(&cookie)).await;
    assert_eq!(list.status, 200, "{}", list.text());
    let list = list.json();
    let theirs = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agenda"]["id"] == agenda)
        .cloned()
        .expect("the vendor's agenda");
    assert_eq!(theirs["vendor"], "OnlineAfspraken");
    assert!(!theirs["types"].as_array().unwrap().is_empty(), "{theirs}");
    assert!(
        !theirs["resources"].as_array().unwrap().is_empty(),
        "{theirs}"
    );
    let coach = theirs["resources"][0]["id"].as_str().unwrap().to_owned();
    let ty = theirs["types"][0]["id"].as_i64().unwrap();
    let before = app.count("SELECT COUNT(*) FROM appointment_types").await;
    let base = format!("/api/v1/settings/booking/agendas/{agenda}");
    let mut body = boxing(0, 30);
    body["resource_ids"] = json!([coach]);
    let writes = [
        app.post_json(&format!("{base}/types"), &body.to_string(), Some(&cookie))
            .await,
        app.send_json(
            "PUT",
            &format!("{base}/types/{ty}"),
            &body.to_string(),
            Some(&cookie),
        )
        .await,
        app.delete(&format!("{base}/types/{ty}"), Some(&cookie))
            .await,
        app.post_json(
            &format!("{base}/resources"),
            r#"{"name":"Coach Noor","kind":"coach"}"#,
            Some(&cookie),
        )
        .await,
    ];
    for reply in writes {
        let p = reply.assert_problem(501);
        assert_eq!(p["type"], "/problems/not-supported", "{p}");
        assert_eq!(p["system"], "OnlineAfspraken", "{p}");
        assert!(
            p["detail"].as_str().unwrap().contains("OnlineAfspraken"),
            "{p}"
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM appointment_types").await,
        before
    );
    let health = app.get("/api/v1/health", Some(&cookie)).await.json();
    let cap = health["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["capability"] == "agenda")
        .cloned()
        .unwrap();
    assert!(
        cap["cannot"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "booking_setup"),
        "{cap}"
    );
}

/// Issue #21, content in the visitor's language: a type's name and
/// description and its questions carry Dutch and French beside the club's
/// own words; the widget's routes give all of them, a booking made in
/// Dutch is named in Dutch in its message and manage link, and a
/// translation too long is refused by its own field.
#[tokio::test]
async fn translations_reach_the_widget_and_the_booker_s_message() {
    let s = setup().await;
    let mut body = boxing(s.coach, 30);
    body["names"] = json!({"nl": "Proefles boksen", "fr": "Essai de boxe"});
    body["descriptions"] = json!({"nl": "Handschoenen voorzien."});
    body["questions"][0]["labels"] = json!({"nl": "Blessures?", "fr": "Des blessures ?"});
    let ty = s.add(&body).await;
    let id = ty["id"].as_i64().unwrap();
    assert_eq!(
        ty["names"],
        json!({"nl": "Proefles boksen", "fr": "Essai de boxe"})
    );
    assert_eq!(ty["descriptions"], json!({"nl": "Handschoenen voorzien."}));

    let offered = s.widget_types().await;
    let listed = offered.iter().find(|t| t["id"] == id).expect("offered");
    assert_eq!(listed["name"], "Boxing trial");
    assert_eq!(listed["names"]["fr"], "Essai de boxe");
    assert_eq!(listed["descriptions"]["nl"], "Handschoenen voorzien.");
    let fields = s
        .app
        .get(
            &format!("/api/v1/public/agendas/{}/types/{id}/fields", s.agenda),
            None,
        )
        .await
        .json();
    assert_eq!(fields[0]["label"], "Any injuries?");
    assert_eq!(
        fields[0]["labels"],
        json!({"nl": "Blessures?", "fr": "Des blessures ?"})
    );

    // Booked in Dutch: the message names the type in Dutch and its link
    // opens the manage page in Dutch.
    let g = grid(&s.app, s.agenda, id, &s.date, &s.date).await;
    let start = first_start(&g).unwrap();
    let request = json!({"type_id": id, "start": start, "name": "An Peeters",
        "email": "an@example.be", "language": "nl", "fields": {"any_injuries": "Nee"}});
    let booked = book(&s.app, s.agenda, &request, None).await;
    assert_eq!(booked.status, 201, "{}", booked.text());
    assert_eq!(booked.json()["type_name"], "Proefles boksen");
    let (body,): (String,) = sqlx::query_as("SELECT body FROM outbox ORDER BY id DESC LIMIT 1")
        .fetch_one(&s.app.state.db)
        .await
        .unwrap();
    assert!(body.contains("Proefles boksen"), "{body}");
    assert!(!body.contains("Boxing trial"), "{body}");
    assert!(body.contains("&lang=nl"), "{body}");

    // Too long: named by its language, nothing stored.
    let mut long = boxing(s.coach, 30);
    long["names"] = json!({"fr": "x".repeat(256)});
    long["questions"][0]["labels"] = json!({"nl": "x".repeat(256)});
    let p = s
        .app
        .post_json(&s.types_path(), &long.to_string(), Some(&s.owner))
        .await
        .assert_problem(422);
    assert!(p["errors"]["names.fr"].is_string(), "{p}");
    assert!(p["errors"]["questions[0].labels.nl"].is_string(), "{p}");
    assert_eq!(s.widget_types().await.len(), offered.len());
}

impl Setup {
    fn resources_path(&self) -> String {
        format!("/api/v1/settings/booking/agendas/{}/resources", self.agenda)
    }

    /// A second coach, Lena, open 10:00–12:00 on the open date.
    async fn add_lena(&self) -> i64 {
        let added = self
            .app
            .post_json(
                &self.resources_path(),
                r#"{"name":"Lena","kind":"coach"}"#,
                Some(&self.owner),
            )
            .await;
        assert_eq!(added.status, 201, "{}", added.text());
        let lena: i64 = added.json()["id"].as_str().unwrap().parse().unwrap();
        sqlx::query(
            "INSERT INTO availability_blocks (agenda_id, resource_id, date, start_time, end_time) \
             VALUES (?, ?, ?, '10:00', '12:00')",
        )
        .bind(self.agenda)
        .bind(lena)
        .bind(&self.date)
        .execute(&self.app.state.db)
        .await
        .unwrap();
        lena
    }

    async fn public_resource_names(&self) -> Vec<String> {
        let public = self
            .app
            .get(
                &format!("/api/v1/public/agendas/{}/resources", self.agenda),
                None,
            )
            .await
            .json();
        public
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap().to_owned())
            .collect()
    }
}

#[tokio::test]
async fn an_archived_type_is_offered_again_but_not_without_a_coach() {
    let s = setup().await;
    let ty = s.add(&boxing(s.coach, 60)).await;
    let id = ty["id"].as_i64().unwrap();
    let offered = s.starts(id).await;
    assert!(!offered.is_empty());
    let type_path = format!("{}/{id}", s.types_path());
    assert_eq!(s.app.delete(&type_path, Some(&s.owner)).await.status, 200);
    assert!(s.widget_types().await.iter().all(|t| t["id"] != id));

    let desk = account(&s.app, "desk@club.be", Role::Desk).await;
    let restore = format!("{type_path}/restore");
    s.app
        .post_json(&restore, "", Some(&desk))
        .await
        .assert_problem(403);
    assert!(s.widget_types().await.iter().all(|t| t["id"] != id));

    let back = s.app.post_json(&restore, "", Some(&s.owner)).await;
    assert_eq!(back.status, 200, "{}", back.text());
    assert_eq!(back.json()["archived"], false);
    assert!(s.widget_types().await.iter().any(|t| t["id"] == id));
    assert_eq!(s.starts(id).await, offered, "offered as it was set up");

    // A type whose only coach was removed while it was archived waits for
    // a coach: restored as it is, it would be offered with anyone.
    let lena = s.add_lena().await;
    let mut by_lena = boxing(lena, 60);
    by_lena["name"] = "Pilates".into();
    let pilates = s.add(&by_lena).await["id"].as_i64().unwrap();
    let pilates_path = format!("{}/{pilates}", s.types_path());
    assert_eq!(
        s.app.delete(&pilates_path, Some(&s.owner)).await.status,
        200
    );
    let removed = s
        .app
        .delete(&format!("{}/{lena}", s.resources_path()), Some(&s.owner))
        .await;
    assert_eq!(removed.status, 204, "{}", removed.text());
    let p = s
        .app
        .post_json(&format!("{pilates_path}/restore"), "", Some(&s.owner))
        .await
        .assert_problem(409);
    assert_eq!(p["type"], "/problems/type-without-resource", "{p}");
    assert_eq!(s.setup_type(pilates).await["archived"], true);
    assert!(s.widget_types().await.iter().all(|t| t["id"] != pilates));
}

#[tokio::test]
async fn a_coach_is_removed_once_nothing_to_come_needs_them_and_their_past_keeps_the_name() {
    let s = setup().await;
    let lena = s.add_lena().await;
    let lena_path = format!("{}/{lena}", s.resources_path());
    let mut body = boxing(lena, 60);
    let id = s.add(&body).await["id"].as_i64().unwrap();

    // The desk may not.
    let desk = account(&s.app, "desk@club.be", Role::Desk).await;
    s.app
        .delete(&lena_path, Some(&desk))
        .await
        .assert_problem(403);

    // Lena alone gives the boxing trial.
    let p = s
        .app
        .delete(&lena_path, Some(&s.owner))
        .await
        .assert_problem(409);
    assert_eq!(p["type"], "/problems/resource-only-one", "{p}");
    assert!(
        p["detail"].as_str().unwrap().contains("Boxing trial"),
        "{p}"
    );

    // Kim gives it too; a member books it with Lena.
    body["resource_ids"] = json!([s.coach.to_string(), lena.to_string()]);
    let changed = s.put_type(id, &body).await;
    assert_eq!(changed.status, 200, "{}", changed.text());
    let g = grid(&s.app, s.agenda, id, &s.date, &s.date).await;
    let start = first_start(&g).unwrap();
    let request = json!({"type_id": id, "start": start, "resource_id": lena.to_string(),
        "name": "Ann Peeters", "email": "ann@example.be",
        "fields": {"any_injuries": "none"}, "language": "en"});
    assert_eq!(book(&s.app, s.agenda, &request, None).await.status, 201);
    let p = s
        .app
        .delete(&lena_path, Some(&s.owner))
        .await
        .assert_problem(409);
    assert_eq!(p["type"], "/problems/resource-has-appointments", "{p}");
    assert!(s.public_resource_names().await.contains(&"Lena".to_owned()));

    // Once that appointment is past, Lena goes.
    sqlx::query(
        "UPDATE appointments SET starts_at = '2020-01-06T09:00:00Z', \
         ends_at = '2020-01-06T10:00:00Z' WHERE resource_id = ?",
    )
    .bind(lena)
    .execute(&s.app.state.db)
    .await
    .unwrap();
    let removed = s.app.delete(&lena_path, Some(&s.owner)).await;
    assert_eq!(removed.status, 204, "{}", removed.text());

    // Not in the widget, not on the type, no hours left.
    assert!(!s.public_resource_names().await.contains(&"Lena".to_owned()));
    assert_eq!(
        s.setup_type(id).await["resource_ids"],
        json!([s.coach.to_string()])
    );
    let hours: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM availability_blocks WHERE resource_id = ?")
            .bind(lena)
            .fetch_one(&s.app.state.db)
            .await
            .unwrap();
    assert_eq!(hours, 0);
    let list = s
        .app
        .get("/api/v1/settings/booking", Some(&s.owner))
        .await
        .json();
    assert!(!list.to_string().contains("\"Lena\""), "{list}");
    // Booked with her straight through the API: refused.
    let mut again = request.clone();
    again["email"] = "bob@example.be".into();
    assert_ne!(book(&s.app, s.agenda, &again, None).await.status, 201);

    // Her past appointment keeps her name.
    let day = s
        .app
        .get(
            "/api/v1/appointments?from=2020-01-06&to=2020-01-06",
            Some(&s.owner),
        )
        .await;
    assert_eq!(day.status, 200, "{}", day.text());
    assert!(day.text().contains("Lena"), "{}", day.text());

    // Gone means gone: not removed twice, not renamed.
    s.app
        .delete(&lena_path, Some(&s.owner))
        .await
        .assert_problem(404);
    s.app
        .send_json(
            "PUT",
            &lena_path,
            r#"{"name":"Lena B","kind":"coach"}"#,
            Some(&s.owner),
        )
        .await
        .assert_problem(404);
}
