//! Cirrus's accounts as prospects beside its leads, against the fake: the
//! sync reads both (accounts active and not), the list filters on what
//! Cirrus filters on (kind, user, type, active as tags; fulltext and city
//! by search) from the mirror; an account saved sends what changed; its
//! contacts and a prospect's activities read live, failures said.

mod common;

use common::vendors::{cirrus_app, fakes};
use frontdesk_fakes::cirrus::model::Resource;
use frontdesk_fakes::{Fault, FaultKind, Vendor};
use serde_json::{Value, json};

async fn account_prospect(app: &common::TestApp, account: i64) -> i64 {
    sqlx::query_scalar("SELECT id FROM prospects WHERE vendor = 'cirrus' AND remote_id = ?")
        .bind(format!("account:{account}"))
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

async fn list(app: &common::TestApp, cookie: &str, query: &str) -> Vec<Value> {
    let r = app
        .get(
            &format!("/api/v1/prospects?limit=500&{query}"),
            Some(cookie),
        )
        .await;
    assert_eq!(r.status, 200, "{query}: {}", r.text());
    r.json()["items"].as_array().unwrap().clone()
}

fn names(items: &[Value]) -> Vec<String> {
    let mut n: Vec<String> = items
        .iter()
        .map(|p| p["last_name"].as_str().unwrap().to_owned())
        .collect();
    n.sort();
    n
}

fn enc(s: &str) -> String {
    s.replace(' ', "%20").replace(':', "%3A")
}

#[tokio::test]
async fn accounts_are_prospects_beside_leads_and_the_list_filters_as_cirrus_does() {
    let fake = fakes().await;
    let (app, cookie) = cirrus_app(&fake).await;
    let s = fake.snapshot().cirrus;

    // Every account, active or not (Cirrus lists only active ones unless
    // asked), masked and paged like the leads.
    let reads: Vec<_> = fake
        .requests_to(Vendor::Cirrus)
        .into_iter()
        .filter(|r| r.method == "GET /accounts")
        .collect();
    assert!(!reads.is_empty());
    for r in &reads {
        let params = format!("{:?}", r.params);
        assert!(params.contains("\"active\", \"2\""), "{params}");
        assert!(params.contains("\"per_page\", \"50\""), "{params}");
        let headers = format!("{:?}", r.headers);
        assert!(headers.contains("items{id,name"), "{headers}");
        assert!(!headers.contains(&fake.credentials().cirrus_token));
    }

    // type: a lead or an account.
    let accounts = list(&app, &cookie, "tag=Cirrus%20account").await;
    assert_eq!(accounts.len(), s.accounts.len());
    let leads = list(&app, &cookie, "tag=Cirrus%20lead").await;
    assert_eq!(leads.len(), s.leads.len());

    // active: the inactive accounts.
    let inactive: Vec<String> = {
        let mut v: Vec<String> = s
            .accounts
            .values()
            .filter(|a| a.int_at("active") == Some(0))
            .map(|a| a.str_at("name").unwrap().to_owned())
            .collect();
        v.sort();
        v
    };
    assert!(!inactive.is_empty());
    assert_eq!(
        names(&list(&app, &cookie, "tag=Cirrus%20inactive").await),
        inactive
    );

    // user: an account's and a lead's owner at Cirrus.
    let owner = s
        .accounts
        .values()
        .find_map(|a| {
            let u = a.get("user")?;
            Some(format!(
                "Cirrus user: {} {}",
                u.str_at("name")?,
                u.str_at("surname")?
            ))
        })
        .unwrap();
    let owned = list(&app, &cookie, &format!("tag={}", enc(&owner))).await;
    let theirs = s
        .accounts
        .values()
        .chain(s.leads.values())
        .filter(|r| {
            r.get("user").is_some_and(|u| {
                format!(
                    "Cirrus user: {} {}",
                    u.str_at("name").unwrap_or(""),
                    u.str_at("surname").unwrap_or("")
                ) == owner
            })
        })
        .count();
    assert_eq!(owned.len(), theirs, "{owner}");

    // The account's type at Cirrus.
    let ty = s
        .accounts
        .values()
        .find_map(|a| Some(format!("Cirrus type: {}", a.get("type")?.str_at("name")?)))
        .unwrap();
    let typed = list(&app, &cookie, &format!("tag={}", enc(&ty))).await;
    assert!(!typed.is_empty() && typed.len() < s.accounts.len(), "{ty}");

    // fulltext and city: the search.
    let (id, account) = s.accounts.iter().find(|(id, _)| **id == 1).unwrap();
    let city = account
        .get("addresses")
        .and_then(|a| a.get("postal"))
        .and_then(|p| p.str_at("city"))
        .unwrap()
        .to_owned();
    let mirrored = account_prospect(&app, *id).await;
    let in_city = list(&app, &cookie, &format!("q={}", enc(&city))).await;
    assert!(in_city.iter().any(|p| p["id"] == json!(mirrored)), "{city}");
    assert!(
        in_city
            .iter()
            .all(|p| serde_json::to_string(p).unwrap().contains(&city)),
        "{city}"
    );
    let name = account.str_at("name").unwrap();
    let by_name = list(&app, &cookie, &format!("q={}", enc(name))).await;
    assert!(by_name.iter().any(|p| p["last_name"] == json!(name)));
}

#[tokio::test]
async fn an_account_saved_sends_what_changed_and_a_first_name_is_refused() {
    let fake = fakes().await;
    let (app, cookie) = cirrus_app(&fake).await;
    let before = fake.snapshot().cirrus.accounts[&1].clone();
    let id = account_prospect(&app, 1).await;
    let read = app
        .get(&format!("/api/v1/prospects/{id}"), Some(&cookie))
        .await
        .json();
    assert_eq!(read["last_name"], json!(before.str_at("name").unwrap()));
    let mut body = read.clone();
    for key in ["id", "owner_name", "created_at", "updated_at"] {
        body.as_object_mut().unwrap().remove(key);
    }

    fake.clear_requests();
    let same = app
        .send_json(
            "PUT",
            &format!("/api/v1/prospects/{id}"),
            &body.to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(same.status, 200, "{}", same.text());
    assert!(
        fake.requests_to(Vendor::Cirrus)
            .iter()
            .all(|r| r.http_method == "GET"),
        "a save without changes sends nothing"
    );

    let mut named = body.clone();
    named["first_name"] = json!("Ann");
    let refused = app
        .send_json(
            "PUT",
            &format!("/api/v1/prospects/{id}"),
            &named.to_string(),
            Some(&cookie),
        )
        .await;
    let p = refused.assert_problem(422);
    assert!(p["errors"]["first_name"].is_string(), "{p}");

    body["city"] = json!("Brugge");
    body["email"] = json!("info@brugge.example.org");
    let saved = app
        .send_json(
            "PUT",
            &format!("/api/v1/prospects/{id}"),
            &body.to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    let s = fake.snapshot().cirrus;
    assert_eq!(
        s.last_write_fields(Resource::Accounts, 1),
        Some(&["addresses".to_owned(), "email".to_owned()][..])
    );
    let after = &s.accounts[&1];
    assert_eq!(after.str_at("email"), Some("info@brugge.example.org"));
    let postal = |a: &frontdesk_fakes::cirrus::ordered::Json| {
        a.get("addresses")
            .and_then(|x| x.get("postal"))
            .cloned()
            .unwrap()
    };
    assert_eq!(postal(after).str_at("city"), Some("Brugge"));
    // The rest of the address, and of the account, as it was.
    assert_eq!(postal(after).get("street"), postal(&before).get("street"));
    assert_eq!(postal(after).get("country"), postal(&before).get("country"));
    for key in ["number", "vatno", "phone", "type", "user"] {
        assert_eq!(after.get(key), before.get(key), "{key}");
    }
}

#[tokio::test]
async fn an_accounts_contacts_and_activities_are_read_live_and_failures_said() {
    let fake = fakes().await;
    let (app, cookie) = cirrus_app(&fake).await;
    let s = fake.snapshot().cirrus;
    let id = account_prospect(&app, 2).await;

    let contacts = app
        .get(&format!("/api/v1/prospects/{id}/contacts"), Some(&cookie))
        .await;
    assert_eq!(contacts.status, 200, "{}", contacts.text());
    let contacts = contacts.json();
    let theirs: Vec<i64> = s
        .contacts
        .iter()
        .filter(|(_, c)| c.get("account").and_then(|a| a.int_at("id")) == Some(2))
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(contacts.as_array().unwrap().len(), theirs.len());
    assert_eq!(contacts[0]["primary"], true, "the primary contact first");
    let call = fake
        .requests_to(Vendor::Cirrus)
        .into_iter()
        .rfind(|r| r.method == "GET /contacts")
        .unwrap();
    let params = format!("{:?}", call.params);
    assert!(params.contains("\"accountid\", \"2\""), "{params}");
    assert!(format!("{:?}", call.headers).contains("items{id,name"));

    let activities = app
        .get(&format!("/api/v1/prospects/{id}/activities"), Some(&cookie))
        .await;
    assert_eq!(activities.status, 200, "{}", activities.text());
    let theirs = s
        .activities
        .values()
        .filter(|a| a.get("account").and_then(|x| x.int_at("id")) == Some(2))
        .count();
    assert_eq!(activities.json().as_array().unwrap().len(), theirs);

    // A lead is one person: no contacts, and its own activities.
    let lead: i64 = sqlx::query_scalar(
        "SELECT id FROM prospects WHERE vendor = 'cirrus' AND remote_id NOT LIKE 'account:%' LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let none = app
        .get(&format!("/api/v1/prospects/{lead}/contacts"), Some(&cookie))
        .await;
    assert_eq!(none.json(), json!([]));
    let own = app
        .get(
            &format!("/api/v1/prospects/{lead}/activities"),
            Some(&cookie),
        )
        .await;
    assert_eq!(own.status, 200, "{}", own.text());
    app.get("/api/v1/prospects/999999/contacts", Some(&cookie))
        .await
        .assert_problem(404);

    for (fault, status) in [
        (
            Fault::new(Vendor::Cirrus, FaultKind::Slow)
                .ms(2500)
                .times(3),
            503,
        ),
        (
            Fault::new(Vendor::Cirrus, FaultKind::Status)
                .status(500)
                .times(3),
            502,
        ),
        (
            Fault::new(Vendor::Cirrus, FaultKind::RateLimit)
                .retry_after_s(30)
                .times(3),
            503,
        ),
        (Fault::new(Vendor::Cirrus, FaultKind::FailedStatus), 422),
    ] {
        fake.clear_faults();
        fake.inject(fault.method("GET /contacts"));
        let reply = app
            .get(&format!("/api/v1/prospects/{id}/contacts"), Some(&cookie))
            .await;
        let p = reply.assert_problem(status);
        assert!(!p.to_string().contains(&fake.credentials().cirrus_token));
        assert!(!p.to_string().contains("127.0.0.1"), "{p}");
    }
}

#[tokio::test]
async fn the_drawer_shows_an_accounts_contacts_and_activities_and_a_leads_activities() {
    let fake = fakes().await;
    let (app, cookie) = cirrus_app(&fake).await;
    let s = fake.snapshot().cirrus;
    let id = account_prospect(&app, 2).await;

    let related = app
        .get(&format!("/api/v1/prospects/{id}/related"), Some(&cookie))
        .await;
    assert_eq!(related.status, 200, "{}", related.text());
    let related = related.json();
    assert_eq!(related["system"], "Cirrus");
    let section = |r: &Value, kind: &str| {
        r["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["kind"] == kind)
            .cloned()
    };
    let contacts = section(&related, "contacts").expect("an account has a contacts section");
    let theirs: Vec<String> = s
        .contacts
        .values()
        .filter(|c| c.get("account").and_then(|a| a.int_at("id")) == Some(2))
        .map(|c| {
            format!(
                "{} {}",
                c.str_at("name").unwrap_or(""),
                c.str_at("surname").unwrap_or("")
            )
            .trim()
            .to_owned()
        })
        .collect();
    let mut shown: Vec<String> = contacts["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_owned())
        .collect();
    shown.sort();
    let mut theirs = theirs;
    theirs.sort();
    assert_eq!(shown, theirs, "every contact of account 2, by name");
    // Shown, never written from the drawer.
    assert_eq!(contacts["can_add"], false);
    assert_eq!(contacts["can_edit"], false);
    let activities = section(&related, "activities").expect("an activities section");
    let count = s
        .activities
        .values()
        .filter(|a| a.get("account").and_then(|x| x.int_at("id")) == Some(2))
        .count();
    assert_eq!(activities["items"].as_array().unwrap().len(), count);

    // A lead: its own activities and no contacts section.
    let lead: i64 = sqlx::query_scalar(
        "SELECT id FROM prospects WHERE vendor = 'cirrus' AND remote_id NOT LIKE 'account:%' LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let lead = app
        .get(&format!("/api/v1/prospects/{lead}/related"), Some(&cookie))
        .await;
    assert_eq!(lead.status, 200, "{}", lead.text());
    let lead = lead.json();
    assert!(section(&lead, "contacts").is_none(), "{lead}");
    assert!(section(&lead, "activities").is_some(), "{lead}");

    // Cirrus down: a problem document in words, its token nowhere.
    fake.inject(
        Fault::new(Vendor::Cirrus, FaultKind::Status)
            .status(500)
            .times(3)
            .method("GET /contacts"),
    );
    let reply = app
        .get(&format!("/api/v1/prospects/{id}/related"), Some(&cookie))
        .await;
    let p = reply.assert_problem(502);
    assert!(!p.to_string().contains(&fake.credentials().cirrus_token));
}
