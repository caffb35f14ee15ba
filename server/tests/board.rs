//! The pipeline board on the local store: pipelines as data, boards with
//! totals that equal the sum of their cards (filters too), moves with
//! version checks and reasons, deals created, edited and explained.

mod common;

use axum::body::Body;
use axum::http::{Request, header};
use frontdesk_core::model::{Board, Card, DealDetail, MoveResult, Pipeline, PipelineKind};
use frontdesk_core::pipeline;
use serde_json::{Value, json};

async fn put(app: &common::TestApp, uri: &str, body: &Value, cookie: &str) -> common::Reply {
    let req = Request::put(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(body.to_string()))
        .unwrap();
    app.send(req).await
}

async fn pipelines(app: &common::TestApp, cookie: &str) -> Vec<Pipeline> {
    let reply = app.get("/api/v1/pipelines", Some(cookie)).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    serde_json::from_slice(&reply.body).unwrap()
}

async fn board(app: &common::TestApp, id: &str, query: &str, cookie: &str) -> Board {
    let reply = app
        .get(
            &format!("/api/v1/pipelines/{id}/board{query}"),
            Some(cookie),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    serde_json::from_slice(&reply.body).unwrap()
}

async fn deals_board(app: &common::TestApp, cookie: &str) -> Board {
    let id = pipelines(app, cookie).await[0].id.clone();
    board(app, &id, "", cookie).await
}

async fn move_card(
    app: &common::TestApp,
    pipeline: &str,
    card: &str,
    body: Value,
    cookie: &str,
) -> common::Reply {
    app.post_json(
        &format!("/api/v1/pipelines/{pipeline}/cards/{card}/move"),
        &body.to_string(),
        Some(cookie),
    )
    .await
}

fn column<'a>(board: &'a Board, stage: &str) -> Vec<&'a Card> {
    board.cards.iter().filter(|c| c.stage_id == stage).collect()
}

#[tokio::test]
async fn staff_only() {
    let app = common::demo_app().await;
    app.get("/api/v1/pipelines", None).await.assert_problem(401);
    app.get("/api/v1/pipelines/1/board", None)
        .await
        .assert_problem(401);
    app.get("/api/v1/deals/1", None).await.assert_problem(401);
    app.post_json(
        "/api/v1/pipelines/1/cards/1/move",
        r#"{"stage_id":"2","version":1}"#,
        None,
    )
    .await
    .assert_problem(401);
    app.post_json("/api/v1/deals", r#"{"title":"x"}"#, None)
        .await
        .assert_problem(401);
}

#[tokio::test]
async fn pipelines_are_data_with_both_kinds() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let all = pipelines(&app, &cookie).await;
    assert_eq!(all.len(), 2);
    let deals = &all[0];
    assert_eq!(deals.kind, PipelineKind::Deals);
    let names: Vec<&str> = deals.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "New lead",
            "Contacted",
            "Tour booked",
            "Trial",
            "Offer sent",
            "Won",
            "Lost"
        ]
    );
    assert!(deals.stages[5].is_won && deals.stages[6].is_lost);
    assert_eq!(deals.stages[0].rotting_days, Some(3));
    assert!(deals.win_reasons.len() >= 2 && deals.lost_reasons.len() >= 2);

    let lifecycle = &all[1];
    assert_eq!(lifecycle.kind, PipelineKind::Lifecycle);
    let names: Vec<&str> = lifecycle.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "LEAD", "PROSPECT", "ACTIVE", "CUSTOMER", "INACTIVE", "CHURNED"
        ]
    );
    let b = board(&app, &lifecycle.id, "", &cookie).await;
    assert_eq!(b.cards.len(), frontdesk_server::store::seed::DEMO_CUSTOMERS);
    assert!(b.cards.iter().all(|c| !c.subtitle.is_empty()));
}

/// The demo's board is believable about rotting: some open cards are past
/// their stage's threshold, most are not (a board of red cards teaches the
/// desk to ignore the mark), and closed ones never are.
#[tokio::test]
async fn the_demo_has_a_few_rotting_deals() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let b = deals_board(&app, &cookie).await;
    let stage = |id: &str| b.pipeline.stages.iter().find(|s| s.id == id).unwrap();
    let open: Vec<&Card> = b
        .cards
        .iter()
        .filter(|c| !stage(&c.stage_id).is_won && !stage(&c.stage_id).is_lost)
        .collect();
    let rotting = open
        .iter()
        .filter(|c| pipeline::is_rotting(c, stage(&c.stage_id), &b.today))
        .count();
    assert!(
        rotting >= 2 && rotting * 4 <= open.len(),
        "{rotting} of {} open deals rot",
        open.len()
    );
}

/// Issue #21: the demo's stages and won and lost reasons read in Dutch and
/// French (the board picks the person's language), English as written.
#[tokio::test]
async fn the_demo_s_stages_and_reasons_are_in_every_language() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let b = deals_board(&app, &cookie).await;
    let p = &b.pipeline;
    let names: Vec<(&str, &str, &str)> = p
        .stages
        .iter()
        .map(|s| (s.name_in("en"), s.name_in("nl"), s.name_in("fr")))
        .collect();
    assert_eq!(names[0], ("New lead", "Nieuwe lead", "Nouveau prospect"));
    for reason in p.win_reasons.iter().chain(&p.lost_reasons) {
        assert_ne!(reason.name_in("nl"), reason.name, "{reason:?}");
        assert_ne!(reason.name_in("fr"), reason.name, "{reason:?}");
        assert_eq!(reason.name_in("en"), reason.name);
    }
    for stage in &p.stages {
        assert_ne!(stage.name_in("nl"), stage.name, "{stage:?}");
        assert_ne!(stage.name_in("fr"), stage.name, "{stage:?}");
    }
}

/// The columns' figures are core::pipeline's over exactly the cards sent.
fn assert_totals_are_the_cards(b: &Board) {
    assert_eq!(b.columns.len(), b.pipeline.stages.len());
    for (totals, stage) in b.columns.iter().zip(&b.pipeline.stages) {
        let cards = column(b, &stage.id);
        assert_eq!(totals.count as usize, cards.len(), "{}", stage.name);
        let value: i64 = cards.iter().map(|c| c.value_cents).sum();
        let exact: i128 = cards
            .iter()
            .map(|c| {
                i128::from(c.value_cents) * i128::from(pipeline::effective_probability(c, stage))
            })
            .sum();
        let eur = totals.money.iter().find(|m| m.currency == "EUR");
        assert_eq!(eur.map_or(0, |m| m.value_cents), value, "{}", stage.name);
        let weighted = eur.map_or(0, |m| m.weighted_cents) as i128;
        assert!((weighted * 100 - exact).abs() <= 50, "{}", stage.name);
        // Sorted by position within the column.
        assert!(cards.windows(2).all(|w| w[0].position <= w[1].position));
    }
}

#[tokio::test]
async fn totals_are_the_sum_of_the_cards_with_and_without_filters() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let all = deals_board(&app, &cookie).await;
    assert_eq!(all.cards.len(), 60);
    assert_totals_are_the_cards(&all);
    let id = all.pipeline.id.clone();

    let mine = board(&app, &id, "?mine=true", &cookie).await;
    assert!(!mine.cards.is_empty() && mine.cards.len() < 60);
    assert!(mine.cards.iter().all(|c| c.owner_id == Some(1)));
    assert_totals_are_the_cards(&mine);

    let sarah = board(&app, &id, "?owner=2", &cookie).await;
    assert!(sarah.cards.iter().all(|c| c.owner_id == Some(2)));
    assert_totals_are_the_cards(&sarah);

    let yearly = board(&app, &id, "?q=YEARLY", &cookie).await;
    assert!(!yearly.cards.is_empty());
    assert!(yearly.cards.iter().all(|c| c.title.contains("Yearly")));
    assert_totals_are_the_cards(&yearly);

    let mut dates: Vec<&str> = all
        .cards
        .iter()
        .filter_map(|c| c.expected_close.as_deref())
        .collect();
    dates.sort();
    let (from, to) = (dates[10], dates[40]);
    let ranged = board(
        &app,
        &id,
        &format!("?close_from={from}&close_to={to}"),
        &cookie,
    )
    .await;
    let expected = all
        .cards
        .iter()
        .filter(|c| {
            c.expected_close
                .as_deref()
                .is_some_and(|d| d >= from && d <= to)
        })
        .count();
    assert_eq!(ranged.cards.len(), expected);
    assert_totals_are_the_cards(&ranged);

    // A quick first page: each column's first two cards, totals of all.
    let first = board(&app, &id, "?first=2", &cookie).await;
    assert!(!first.complete && all.complete);
    assert_eq!(first.columns, all.columns);
    for stage in &all.pipeline.stages {
        let whole = column(&all, &stage.id);
        let head = column(&first, &stage.id);
        assert_eq!(head.len(), whole.len().min(2));
        assert!(head.iter().zip(&whole).all(|(a, b)| a.id == b.id));
    }

    let problem = app
        .get(
            &format!("/api/v1/pipelines/{id}/board?close_from=tomorrow"),
            Some(&cookie),
        )
        .await
        .assert_problem(400);
    assert!(problem["errors"]["close_from"].is_string(), "{problem}");
    app.get(
        &format!("/api/v1/pipelines/{id}/board?colour=red"),
        Some(&cookie),
    )
    .await
    .assert_problem(400);
    app.get("/api/v1/pipelines/999/board", Some(&cookie))
        .await
        .assert_problem(404);
    app.get("/api/v1/pipelines/abc/board", Some(&cookie))
        .await
        .assert_problem(404);
}

#[tokio::test]
async fn a_move_lands_between_its_neighbours_and_is_kept() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let b = deals_board(&app, &cookie).await;
    let id = b.pipeline.id.clone();
    let (from, to) = (&b.pipeline.stages[0], &b.pipeline.stages[1]);
    let card = column(&b, &from.id)[0].clone();
    let target = column(&b, &to.id);
    assert!(target.len() >= 2, "the demo has cards in Contacted");
    let (after, before) = (target[0].id.clone(), target[1].id.clone());

    let reply = move_card(
        &app,
        &id,
        &card.id,
        json!({"stage_id": to.id, "after_id": after, "before_id": before, "version": card.version}),
        &cookie,
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let moved: MoveResult = serde_json::from_slice(&reply.body).unwrap();
    assert_eq!(moved.card.stage_id, to.id);
    assert_eq!(moved.card.version, card.version + 1);
    assert!(moved.card.closed_at.is_none());

    let again = deals_board(&app, &cookie).await;
    let ids: Vec<&str> = column(&again, &to.id)
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        &ids[..3],
        [after.as_str(), card.id.as_str(), before.as_str()]
    );
    assert_totals_are_the_cards(&again);

    // Reorder within the column: to the top.
    let reply = move_card(
        &app,
        &id,
        &card.id,
        json!({"stage_id": to.id, "before_id": after, "version": card.version + 1}),
        &cookie,
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let again = deals_board(&app, &cookie).await;
    assert_eq!(column(&again, &to.id)[0].id, card.id);

    let detail: DealDetail = serde_json::from_slice(
        &app.get(&format!("/api/v1/deals/{}", card.id), Some(&cookie))
            .await
            .body,
    )
    .unwrap();
    let latest: Vec<&str> = detail.history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(&latest[..2], ["reordered", "moved"]);
    assert_eq!(
        detail.history[1].from_stage.as_deref(),
        Some(from.name.as_str())
    );
    assert_eq!(
        detail.history[1].to_stage.as_deref(),
        Some(to.name.as_str())
    );
    assert_eq!(detail.history[1].by.as_deref(), Some("Demo Manager"));
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_with_the_current_card() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let b = deals_board(&app, &cookie).await;
    let card = column(&b, &b.pipeline.stages[0].id)[0].clone();
    let to = &b.pipeline.stages[2];
    let first = move_card(
        &app,
        &b.pipeline.id,
        &card.id,
        json!({"stage_id": to.id, "version": card.version}),
        &cookie,
    )
    .await;
    assert_eq!(first.status, 200);
    // A second person, who still saw the old version, moves it elsewhere.
    let second = move_card(
        &app,
        &b.pipeline.id,
        &card.id,
        json!({"stage_id": b.pipeline.stages[3].id, "version": card.version}),
        &cookie,
    )
    .await;
    let problem = second.assert_problem(409);
    assert!(problem["detail"].as_str().unwrap().contains(&card.title));
    assert_eq!(problem["current"]["stage_id"], to.id.as_str());
    assert_eq!(problem["current"]["version"], card.version + 1);
    let after = deals_board(&app, &cookie).await;
    let now = after.cards.iter().find(|c| c.id == card.id).unwrap();
    assert_eq!(now.stage_id, to.id, "the later write did not overwrite");
}

#[tokio::test]
async fn won_and_lost_need_a_reason_of_their_kind_and_record_the_close() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let b = deals_board(&app, &cookie).await;
    let (won, lost) = (&b.pipeline.stages[5], &b.pipeline.stages[6]);
    let card = column(&b, &b.pipeline.stages[1].id)[0].clone();
    let url = |body: Value| (b.pipeline.id.clone(), card.id.clone(), body);

    for body in [
        json!({"stage_id": lost.id, "version": card.version}),
        json!({"stage_id": lost.id, "version": card.version, "reason_id": b.pipeline.win_reasons[0].id}),
        json!({"stage_id": lost.id, "version": card.version, "reason_id": "x"}),
    ] {
        let (p, c, body) = url(body);
        let problem = move_card(&app, &p, &c, body, &cookie)
            .await
            .assert_problem(422);
        assert!(problem["errors"]["reason_id"].is_string(), "{problem}");
    }
    let (p, c, body) = url(
        json!({"stage_id": lost.id, "version": card.version, "reason_id": b.pipeline.lost_reasons[1].id}),
    );
    let reply = move_card(&app, &p, &c, body, &cookie).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let moved: MoveResult = serde_json::from_slice(&reply.body).unwrap();
    assert!(moved.card.closed_at.is_some());
    assert_eq!(
        moved.card.close_reason.as_deref(),
        Some(b.pipeline.lost_reasons[1].name.as_str())
    );

    // Won, then reopened: the close goes away.
    let (p, c, body) = url(
        json!({"stage_id": won.id, "version": moved.card.version, "reason_id": b.pipeline.win_reasons[0].id}),
    );
    let won_card: MoveResult =
        serde_json::from_slice(&move_card(&app, &p, &c, body, &cookie).await.body).unwrap();
    assert_eq!(won_card.card.stage_id, won.id);
    let (p, c, body) =
        url(json!({"stage_id": b.pipeline.stages[4].id, "version": won_card.card.version}));
    let reopened: MoveResult =
        serde_json::from_slice(&move_card(&app, &p, &c, body, &cookie).await.body).unwrap();
    assert!(reopened.card.closed_at.is_none() && reopened.card.close_reason.is_none());

    let problem = move_card(
        &app,
        &b.pipeline.id,
        &card.id,
        json!({"stage_id": "9999", "version": reopened.card.version}),
        &cookie,
    )
    .await
    .assert_problem(422);
    assert!(problem["errors"]["stage_id"].is_string());
    move_card(
        &app,
        &b.pipeline.id,
        "424242",
        json!({"stage_id": won.id, "version": 1}),
        &cookie,
    )
    .await
    .assert_problem(404);
    let problem = move_card(
        &app,
        &b.pipeline.id,
        &card.id,
        json!({"stage_id": won.id}),
        &cookie,
    )
    .await
    .assert_problem(422);
    assert!(problem["errors"]["version"].is_string(), "{problem}");
}

#[tokio::test]
async fn hundreds_of_moves_to_the_same_place_keep_positions_short_and_ordered() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let b = deals_board(&app, &cookie).await;
    let stage = b.pipeline.stages[1].id.clone();
    let mut versions: std::collections::HashMap<String, i64> =
        b.cards.iter().map(|c| (c.id.clone(), c.version)).collect();
    let ids: Vec<String> = b.cards.iter().map(|c| c.id.clone()).collect();
    // Always just below the first card: the gap that shrinks fastest.
    let mut first = column(&b, &stage)[0].id.clone();
    let mut renumbered = 0;
    for i in 0..300 {
        let id = &ids[(i * 7) % ids.len()];
        if *id == first {
            continue;
        }
        let reply = move_card(
            &app,
            &b.pipeline.id,
            id,
            json!({"stage_id": stage, "after_id": first, "version": versions[id]}),
            &cookie,
        )
        .await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        let moved: MoveResult = serde_json::from_slice(&reply.body).unwrap();
        assert!(moved.card.position.len() <= pipeline::MAX_KEY_LEN);
        renumbered += usize::from(moved.renumbered);
        versions.insert(id.clone(), moved.card.version);
        if i % 50 == 0 {
            first = id.clone();
        }
    }
    assert!(renumbered > 0);
    let after = deals_board(&app, &cookie).await;
    assert_eq!(after.cards.len(), 60);
    let col = column(&after, &stage);
    assert!(col.windows(2).all(|w| w[0].position < w[1].position));
}

#[tokio::test]
async fn deals_are_created_from_a_prospect_edited_with_a_version_and_explained() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let b = deals_board(&app, &cookie).await;
    let stage = &b.pipeline.stages[0];

    let problem = app
        .post_json(
            "/api/v1/deals",
            &json!({"title": " ", "stage_id": stage.id, "currency": "eur", "value_cents": -5,
                    "probability": 120, "expected_close": "2026-13-01", "owner_id": 99, "prospect_id": 99999})
                .to_string(),
            Some(&cookie),
        )
        .await
        .assert_problem(422);
    for field in [
        "title",
        "currency",
        "value_cents",
        "probability",
        "expected_close",
    ] {
        assert!(problem["errors"][field].is_string(), "{field}: {problem}");
    }
    let problem = app
        .post_json(
            "/api/v1/deals",
            &json!({"title": "X", "stage_id": stage.id, "currency": "EUR", "owner_id": 99, "prospect_id": 99999})
                .to_string(),
            Some(&cookie),
        )
        .await
        .assert_problem(422);
    for field in ["owner_id", "prospect_id"] {
        assert!(problem["errors"][field].is_string(), "{field}: {problem}");
    }
    let problem = app
        .post_json(
            "/api/v1/deals",
            &json!({"title": "X", "stage_id": b.pipeline.stages[6].id, "currency": "EUR"})
                .to_string(),
            Some(&cookie),
        )
        .await
        .assert_problem(422);
    assert!(problem["errors"]["reason_id"].is_string(), "{problem}");

    let created = app
        .post_json(
            "/api/v1/deals",
            &json!({"title": "<b>Corporate</b> plan", "stage_id": stage.id, "prospect_id": 3,
                    "value_cents": 240000, "currency": "EUR", "probability": 35,
                    "expected_close": "2026-06-30", "owner_id": 2})
            .to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let d: DealDetail = serde_json::from_slice(&created.body).unwrap();
    assert_eq!(d.card.title, "<b>Corporate</b> plan");
    assert_eq!(d.card.stage_id, stage.id);
    assert_eq!(d.prospect.as_ref().map(|p| p.id), Some(3));
    assert_eq!(d.card.subtitle, {
        let p = d.prospect.as_ref().unwrap();
        format!("{} {}", p.fields.first_name, p.fields.last_name)
    });
    assert_eq!(d.history[0].action, "created");
    let b2 = deals_board(&app, &cookie).await;
    assert_eq!(
        column(&b2, &stage.id).last().unwrap().id,
        d.card.id,
        "added at the end"
    );

    let url = format!("/api/v1/deals/{}", d.card.id);
    let edit = json!({"title": "Corporate plan", "stage_id": stage.id, "prospect_id": 3,
        "value_cents": 250000, "currency": "EUR", "probability": null, "expected_close": "2026-07-31",
        "owner_id": 1, "version": d.card.version});
    let reply = put(&app, &url, &edit, &cookie).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let edited: DealDetail = serde_json::from_slice(&reply.body).unwrap();
    assert_eq!(edited.card.value_cents, 250000);
    assert_eq!(edited.card.probability, None);
    assert_eq!(edited.card.version, d.card.version + 1);
    assert_eq!(edited.history[0].action, "edited");

    // The same edit again carries the old version: refused, not applied.
    let problem = put(&app, &url, &edit, &cookie).await.assert_problem(409);
    assert_eq!(problem["current"]["version"], d.card.version + 1);
    let mut no_version = edit.clone();
    no_version.as_object_mut().unwrap().remove("version");
    let problem = put(&app, &url, &no_version, &cookie)
        .await
        .assert_problem(422);
    assert!(problem["errors"]["version"].is_string());

    // Demo deals have activities; the detail lists them.
    let with_activity = b
        .cards
        .iter()
        .find(|c| c.next_activity.is_some())
        .expect("a demo deal with a next activity");
    let detail: DealDetail = serde_json::from_slice(
        &app.get(
            &format!("/api/v1/deals/{}", with_activity.id),
            Some(&cookie),
        )
        .await
        .body,
    )
    .unwrap();
    assert!(!detail.activities.is_empty());
    assert_eq!(
        detail.activities[0].due,
        with_activity.next_activity.as_ref().unwrap().due
    );
    app.get("/api/v1/deals/424242", Some(&cookie))
        .await
        .assert_problem(404);
}

#[tokio::test]
async fn lifecycle_cards_move_like_deals() {
    let app = common::demo_app().await;
    let cookie = app.login_demo().await;
    let lifecycle = pipelines(&app, &cookie).await[1].clone();
    let b = board(&app, &lifecycle.id, "", &cookie).await;
    let card = b.cards[0].clone();
    let to = lifecycle
        .stages
        .iter()
        .find(|s| s.id != card.stage_id)
        .unwrap();
    let reply = move_card(
        &app,
        &lifecycle.id,
        &card.id,
        json!({"stage_id": to.id, "version": card.version}),
        &cookie,
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let after = board(&app, &lifecycle.id, "", &cookie).await;
    let moved = after.cards.iter().find(|c| c.id == card.id).unwrap();
    assert_eq!(moved.stage_id, to.id);
    assert_eq!(moved.version, card.version + 1);
    assert_totals_are_the_cards(&after);
}
