use proptest::prelude::*;

use super::*;
use crate::splitmix::SplitMix64;

fn stage(id: &str, probability: u8) -> Stage {
    Stage {
        id: id.into(),
        name: id.into(),
        labels: Default::default(),
        colour: "#000000".into(),
        probability,
        is_won: false,
        is_lost: false,
        rotting_days: None,
    }
}

fn card(id: &str, stage_id: &str, value_cents: i64, probability: Option<u8>) -> Card {
    Card {
        id: id.into(),
        stage_id: stage_id.into(),
        position: "V".into(),
        version: 1,
        title: format!("Deal {id}"),
        subtitle: String::new(),
        prospect_id: None,
        value_cents,
        currency: "EUR".into(),
        probability,
        expected_close: None,
        owner_id: None,
        owner_name: None,
        next_activity: None,
        stage_changed_at: "2026-03-01T09:00:00Z".into(),
        closed_at: None,
        close_reason: None,
    }
}

fn stages() -> Vec<Stage> {
    let mut won = stage("won", 100);
    won.is_won = true;
    let mut lost = stage("lost", 0);
    lost.is_lost = true;
    vec![stage("new", 10), stage("offer", 80), won, lost]
}

#[test]
fn totals_count_value_and_weight_every_column() {
    let cards = [
        card("1", "new", 10_000, None),       // 10 % of 100.00
        card("2", "new", 5_000, Some(50)),    // own 50 % overrides 10 %
        card("3", "offer", 59_900, None),     // 80 %
        card("4", "won", 4_990, Some(20)),    // won: certain
        card("5", "lost", 240_000, Some(90)), // lost: nothing
        card("6", "gone", 1, None),           // unknown stage: not counted
    ];
    let totals = column_totals(&stages(), &cards);
    let ids: Vec<&str> = totals.iter().map(|t| t.stage_id.as_str()).collect();
    assert_eq!(ids, ["new", "offer", "won", "lost"]);
    let money = |i: usize| {
        let m = &totals[i].money[0];
        (totals[i].count, m.value_cents, m.weighted_cents)
    };
    assert_eq!(money(0), (2, 15_000, 1_000 + 2_500));
    assert_eq!(money(1), (1, 59_900, 47_920));
    assert_eq!(money(2), (1, 4_990, 4_990));
    assert_eq!(money(3), (1, 240_000, 0));
}

#[test]
fn an_empty_column_still_has_its_totals() {
    let totals = column_totals(&stages(), &[]);
    assert_eq!(totals.len(), 4);
    assert!(totals.iter().all(|t| t.count == 0 && t.money.is_empty()));
}

#[test]
fn currencies_never_mix() {
    let mut usd = card("2", "new", 1_000, None);
    usd.currency = "USD".into();
    let totals = column_totals(&stages(), &[card("1", "new", 2_000, None), usd]);
    let money = &totals[0].money;
    assert_eq!(money.len(), 2);
    assert_eq!(
        (money[0].currency.as_str(), money[0].value_cents),
        ("EUR", 2_000)
    );
    assert_eq!(
        (money[1].currency.as_str(), money[1].value_cents),
        ("USD", 1_000)
    );
}

#[test]
fn weighting_rounds_once_per_column_half_away_from_zero() {
    // 3 × (1 cent × 50 %) = 1.5 cents → 2; per-card rounding would say 3.
    let cards: Vec<Card> = (0..3)
        .map(|i| card(&i.to_string(), "new", 1, Some(50)))
        .collect();
    assert_eq!(
        column_totals(&stages(), &cards)[0].money[0].weighted_cents,
        2
    );
    // 1 cent × 49 % → 0.49 → 0; × 50 % → 0.5 → 1.
    assert_eq!(
        weighted_cents(&card("a", "new", 1, Some(49)), &stages()[0]),
        0
    );
    assert_eq!(
        weighted_cents(&card("a", "new", 1, Some(50)), &stages()[0]),
        1
    );
    // Credit notes (negative values) round away from zero too.
    assert_eq!(
        weighted_cents(&card("a", "new", -1, Some(50)), &stages()[0]),
        -1
    );
    assert_eq!(div100_rounded(-149), -1);
    assert_eq!(div100_rounded(-150), -2);
}

#[test]
fn huge_values_do_not_overflow() {
    let cards = [
        card("1", "new", i64::MAX, Some(100)),
        card("2", "new", i64::MAX, Some(100)),
    ];
    let m = &column_totals(&stages(), &cards)[0].money[0];
    assert_eq!(m.value_cents, i64::MAX);
    assert_eq!(m.weighted_cents, i64::MAX);
}

#[test]
fn filters_agree_on_every_part() {
    let mut c = card("1", "new", 100, None);
    c.title = "Yearly membership – Zoë Peeters".into();
    c.subtitle = "Zoë Peeters".into();
    c.owner_id = Some(2);
    c.owner_name = Some("Sarah Peeters".into());
    c.expected_close = Some("2026-04-15".into());
    let f = |filter: BoardFilter| filter.matches(&c, 1);
    assert!(f(BoardFilter::default()));
    assert!(BoardFilter::default().is_empty());
    assert!(f(BoardFilter {
        owner: Some(2),
        ..Default::default()
    }));
    assert!(!f(BoardFilter {
        owner: Some(3),
        ..Default::default()
    }));
    assert!(!f(BoardFilter {
        mine: true,
        ..Default::default()
    }));
    assert!(
        c.owner_id == Some(2)
            && BoardFilter {
                mine: true,
                ..Default::default()
            }
            .matches(&c, 2)
    );
    for q in ["zoe", "ZOË", " yearly ", "sarah", "peeters"] {
        assert!(
            f(BoardFilter {
                q: Some(q.into()),
                ..Default::default()
            }),
            "{q}"
        );
    }
    assert!(!f(BoardFilter {
        q: Some("monthly".into()),
        ..Default::default()
    }));
    assert!(f(BoardFilter {
        q: Some("   ".into()),
        ..Default::default()
    }));
    let range = |from: Option<&str>, to: Option<&str>| BoardFilter {
        close_from: from.map(Into::into),
        close_to: to.map(Into::into),
        ..Default::default()
    };
    assert!(
        f(range(Some("2026-04-15"), Some("2026-04-15"))),
        "inclusive"
    );
    assert!(!f(range(Some("2026-04-16"), None)));
    assert!(!f(range(None, Some("2026-04-14"))));
    let mut undated = c.clone();
    undated.expected_close = None;
    assert!(
        !range(Some("2026-01-01"), None).matches(&undated, 1),
        "no date, left out"
    );
}

#[test]
fn rotting_counts_whole_days_past_the_threshold() {
    let mut s = stage("new", 10);
    s.rotting_days = Some(3);
    let c = card("1", "new", 0, None); // entered 2026-03-01
    assert_eq!(days_in_stage(&c.stage_changed_at, "2026-03-04"), Some(3));
    assert!(!is_rotting(&c, &s, "2026-03-04"), "three days is the limit");
    assert!(is_rotting(&c, &s, "2026-03-05"));
    s.rotting_days = None;
    assert!(!is_rotting(&c, &s, "2027-01-01"), "no threshold, never");
    s.rotting_days = Some(0);
    s.is_won = true;
    assert!(!is_rotting(&c, &s, "2027-01-01"), "closed deals do not rot");
    assert_eq!(days_in_stage("garbage", "2026-03-04"), None);
}

#[test]
fn next_activity_marks() {
    let at = |d: &str| NextActivity {
        due: d.into(),
        subject: "Call".into(),
    };
    assert_eq!(due(Some(&at("2026-03-01")), "2026-03-02"), Due::Overdue);
    assert_eq!(due(Some(&at("2026-03-02")), "2026-03-02"), Due::Today);
    assert_eq!(due(Some(&at("2026-03-03")), "2026-03-02"), Due::Later);
    assert_eq!(due(None, "2026-03-02"), Due::None);
    assert_eq!(Due::Overdue.code(), "overdue");
}

#[test]
fn keys_between_neighbours() {
    assert_eq!(key_between(None, None).unwrap(), "V");
    assert_eq!(key_between(Some("V"), None).unwrap(), "W");
    assert_eq!(key_between(Some("zz3"), None).unwrap(), "zz4");
    assert_eq!(key_between(Some("z"), None).unwrap(), "z1");
    assert_eq!(key_between(None, Some("1")).unwrap(), "0z");
    assert_eq!(key_between(None, Some("1V")).unwrap(), "1");
    assert_eq!(key_between(None, Some("05")).unwrap(), "04");
    assert_eq!(key_between(None, Some("V")).unwrap(), "U");
    let k = key_between(Some("V"), Some("V1")).unwrap();
    assert!("V" < k.as_str() && k.as_str() < "V1", "{k}");
    let k = key_between(Some("z"), None).unwrap();
    assert!(k.as_str() > "z", "{k}");
    // The seed's old keys ("000012" + "V") are keys.
    let k = key_between(Some("000012V"), Some("000013V")).unwrap();
    assert!("000012V" < k.as_str() && k.as_str() < "000013V");
    assert!(matches!(
        key_between(Some("V"), Some("V")),
        Err(KeyError::Order(..))
    ));
    assert!(matches!(
        key_between(Some("V0"), None),
        Err(KeyError::Invalid(_))
    ));
    assert!(matches!(
        key_between(Some("a-b"), None),
        Err(KeyError::Invalid(_))
    ));
    assert!(matches!(
        key_between(Some(""), None),
        Err(KeyError::Invalid(_))
    ));
}

#[test]
fn spread_is_ordered_unique_and_short() {
    for n in [0, 1, 2, 60, 61, 62, 1000, 5000] {
        let keys = spread(n);
        assert_eq!(keys.len(), n);
        assert!(keys.iter().all(|k| is_key(k)), "{n}");
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{n}");
        let width = if n < 61 {
            1
        } else if n < 3843 {
            2
        } else {
            3
        };
        assert!(keys.iter().all(|k| k.len() <= width), "{n}");
    }
}

#[test]
fn place_uses_neighbours_and_skips_vanished_ones() {
    let col: Vec<(String, String)> = [("a", "F"), ("b", "V"), ("c", "k")]
        .iter()
        .map(|(i, k)| (i.to_string(), k.to_string()))
        .collect();
    let p = place(&col, "x", Some("a"), Some("b"));
    assert!("F" < p.key.as_str() && p.key.as_str() < "V");
    let p = place(&col, "x", None, Some("a"));
    assert!(p.key.as_str() < "F");
    let p = place(&col, "x", Some("gone"), Some("c"));
    assert!("V" < p.key.as_str() && p.key.as_str() < "k");
    let p = place(&col, "x", Some("gone"), Some("gone too"));
    assert!(p.key.as_str() > "k", "falls to the end");
    // Moving within the column ignores the card's own old key.
    let p = place(&col, "a", Some("c"), None);
    assert!(p.key.as_str() > "k" && p.renumbered.is_none());
}

#[test]
fn place_renumbers_a_column_out_of_order_or_out_of_room() {
    let col: Vec<(String, String)> = [("a", "V"), ("b", "F")]
        .iter()
        .map(|(i, k)| (i.to_string(), k.to_string()))
        .collect();
    let p = place(&col, "x", Some("a"), None);
    let all = p.renumbered.expect("renumbered");
    let ids: Vec<&str> = all.iter().map(|(i, _)| i.as_str()).collect();
    assert_eq!(ids, ["a", "x", "b"]);
    assert!(all.windows(2).all(|w| w[0].1 < w[1].1));
    assert_eq!(all[1].1, p.key);
}

/// A board of `n` cards in `stages` columns, moved about `moves` times by
/// `pick` (which chooses the card, target column and gap), checking after
/// every move that each column's keys are valid, unique and in order.
/// Returns the longest key seen and how often a column was renumbered.
#[derive(Clone, Copy, PartialEq)]
enum Gaps {
    Random,
    /// Always the top of the column: the stepping end.
    Top,
    /// Always just below the first card: the halving worst case.
    Second,
    /// Always the end, as new cards arrive.
    End,
}

fn simulate(n: usize, stages: usize, moves: usize, seed: u64, gaps: Gaps) -> (usize, usize) {
    let mut rng = SplitMix64(seed);
    let mut columns: Vec<Vec<(String, String)>> = vec![Vec::new(); stages];
    // Cards arrive one by one at the end of their column.
    for i in 0..n {
        let s = i % stages;
        let last = columns[s].last().map(|(id, _)| id.clone());
        let p = place(&columns[s], &i.to_string(), last.as_deref(), None);
        match p.renumbered {
            Some(all) => columns[s] = all,
            None => columns[s].push((i.to_string(), p.key)),
        }
    }
    let (mut longest, mut renumbers) = (0, 0);
    for _ in 0..moves {
        let from = rng.below(stages as u64) as usize;
        if columns[from].is_empty() {
            continue;
        }
        let idx = rng.below(columns[from].len() as u64) as usize;
        let id = columns[from][idx].0.clone();
        let to = rng.below(stages as u64) as usize;
        let others: Vec<&(String, String)> = columns[to].iter().filter(|(i, _)| *i != id).collect();
        let gap = match gaps {
            Gaps::Random => rng.below(others.len() as u64 + 1) as usize,
            Gaps::Top => 0,
            Gaps::Second => others.len().min(1),
            Gaps::End => others.len(),
        };
        let after = gap.checked_sub(1).map(|g| others[g].0.clone());
        let before = others.get(gap).map(|(i, _)| i.clone());
        let placement = place(&columns[to], &id, after.as_deref(), before.as_deref());
        columns[from].retain(|(i, _)| *i != id);
        match placement.renumbered {
            Some(all) => {
                renumbers += 1;
                columns[to] = all;
            }
            None => {
                columns[to].push((id, placement.key.clone()));
                columns[to].sort_by(|x, y| x.1.cmp(&y.1));
            }
        }
        longest = longest.max(placement.key.len());
        let col = &columns[to];
        assert!(col.iter().all(|(_, k)| is_key(k) && k.len() <= MAX_KEY_LEN));
        assert!(
            col.windows(2).all(|w| w[0].1 < w[1].1),
            "order broke: {col:?}"
        );
        // The moved card sits exactly where it was dropped.
        let pos = col
            .iter()
            .position(|(i, _)| after.as_deref() == Some(i.as_str()));
        if let Some(p) = pos {
            assert_eq!(
                col[p + 1].0,
                *col.iter()
                    .find(|(_, k)| *k == placement.key)
                    .map(|(i, _)| i)
                    .unwrap()
            );
        }
    }
    assert_eq!(
        columns.iter().map(Vec::len).sum::<usize>(),
        n,
        "no card lost"
    );
    (longest, renumbers)
}

#[test]
fn thousands_of_random_moves_keep_keys_short_and_ordered() {
    let (longest, renumbers) = simulate(300, 7, 20_000, 42, Gaps::Random);
    assert!(longest <= 8, "longest key {longest}");
    assert_eq!(renumbers, 0, "random moves never need renumbering");
    // 1,000 cards on one board, as in the benchmark.
    let (longest, renumbers) = simulate(1_000, 7, 10_000, 43, Gaps::Random);
    assert!(longest <= 8 && renumbers == 0, "{longest} {renumbers}");
}

#[test]
fn the_ends_step_and_stay_short() {
    let (longest, renumbers) = simulate(200, 2, 5_000, 7, Gaps::Top);
    assert!(longest <= MAX_KEY_LEN);
    assert!(renumbers < 5, "{renumbers}");
    // 6,000 cards added at the end of one column: a renumbering every
    // several hundred, each one write per card.
    let (longest, renumbers) = simulate(1_000, 1, 5_000, 8, Gaps::End);
    assert!(
        longest <= MAX_KEY_LEN && renumbers <= 10,
        "{longest} {renumbers}"
    );
}

#[test]
fn the_same_halving_gap_again_and_again_renumbers_and_stays_bounded() {
    let (longest, renumbers) = simulate(200, 2, 5_000, 9, Gaps::Second);
    assert!(longest <= MAX_KEY_LEN);
    assert!(renumbers > 0 && renumbers < 1_000, "{renumbers}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_gap_has_a_key_inside(a in "[0-9A-Za-z]{0,6}[1-9A-Za-z]", b in "[0-9A-Za-z]{0,6}[1-9A-Za-z]") {
        prop_assume!(a != b);
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        let k = key_between(Some(&lo), Some(&hi)).unwrap();
        prop_assert!(is_key(&k));
        prop_assert!(lo < k && k < hi, "{} < {} < {}", lo, k, hi);
        let first = key_between(None, Some(&lo)).unwrap();
        prop_assert!(is_key(&first) && first < lo);
        let last = key_between(Some(&hi), None).unwrap();
        prop_assert!(is_key(&last) && last > hi);
    }

    #[test]
    fn random_boards_survive_thousands_of_moves(seed in any::<u64>(), n in 1usize..120, stages in 1usize..8) {
        let (longest, _) = simulate(n, stages, 2_000, seed, Gaps::Random);
        prop_assert!(longest <= MAX_KEY_LEN);
    }

    #[test]
    fn totals_equal_the_sum_of_the_cards(values in proptest::collection::vec((0i64..10_000_000, proptest::option::of(0u8..=100), 0usize..4), 0..60)) {
        let stages = stages();
        let cards: Vec<Card> = values
            .iter()
            .enumerate()
            .map(|(i, (v, p, s))| card(&i.to_string(), &stages[*s].id, *v, *p))
            .collect();
        let totals = column_totals(&stages, &cards);
        for (t, stage) in totals.iter().zip(&stages) {
            let mine: Vec<&Card> = cards.iter().filter(|c| c.stage_id == stage.id).collect();
            prop_assert_eq!(t.count as usize, mine.len());
            let value: i64 = mine.iter().map(|c| c.value_cents).sum();
            let exact: i128 = mine.iter().map(|c| i128::from(c.value_cents) * i128::from(effective_probability(c, stage))).sum();
            prop_assert_eq!(t.money.first().map_or(0, |m| m.value_cents), value);
            prop_assert_eq!(t.money.first().map_or(0, |m| m.weighted_cents), div100_rounded(exact));
            // Rounding once per column is within half a cent per card of per-card rounding.
            let per_card: i64 = mine.iter().map(|c| weighted_cents(c, stage)).sum();
            prop_assert!((per_card - div100_rounded(exact)).unsigned_abs() as usize <= mine.len());
        }
    }
}
