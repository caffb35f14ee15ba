//! The pipeline board's rules, shared by the page and the server so the two
//! can never disagree: which cards a filter keeps, each column's totals and
//! weighted value, when a card rots, how due its next activity is, and the
//! fractional position keys that order cards within a stage.

use std::collections::BTreeMap;

use crate::model::{Card, ColumnTotals, MoneyTotal, NextActivity, Stage};

// ---------------------------------------------------------------------------
// Probability and totals

/// The probability a card is weighted with. Won and lost stages decide it
/// (100 and 0): a won deal is certain whatever probability it carried while
/// open, and a lost one is worth nothing. Elsewhere the card's own
/// probability overrides the stage's default.
pub fn effective_probability(card: &Card, stage: &Stage) -> u8 {
    if stage.is_won {
        100
    } else if stage.is_lost {
        0
    } else {
        card.probability.unwrap_or(stage.probability).min(100)
    }
}

/// `numerator / 100`, rounded half away from zero: the one rounding step of
/// a weighted total.
fn div100_rounded(numerator: i128) -> i64 {
    let q = (numerator.abs() + 50) / 100;
    let q = if numerator < 0 { -q } else { q };
    q.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// One card's weighted value in cents, rounded as a column of one would be.
pub fn weighted_cents(card: &Card, stage: &Stage) -> i64 {
    div100_rounded(i128::from(card.value_cents) * i128::from(effective_probability(card, stage)))
}

/// Count, value and weighted value of every stage, in stage order, over the
/// cards given (pass the cards that pass the filters: the whole column, not
/// what happens to be rendered). Weighted values are summed exactly (cents ×
/// percent) and divided by 100 once per column and currency, rounding half
/// away from zero, so a column's figure does not depend on card order or on
/// per-card rounding. Cards of unknown stages are not counted.
pub fn column_totals<'a>(
    stages: &[Stage],
    cards: impl IntoIterator<Item = &'a Card>,
) -> Vec<ColumnTotals> {
    // stage index → currency → (value sum, weighted numerator)
    let index: BTreeMap<&str, usize> = stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut counts = vec![0u64; stages.len()];
    let mut sums: Vec<BTreeMap<&str, (i128, i128)>> = vec![BTreeMap::new(); stages.len()];
    for card in cards {
        let Some(&i) = index.get(card.stage_id.as_str()) else {
            continue;
        };
        counts[i] += 1;
        let p = effective_probability(card, &stages[i]);
        let entry = sums[i].entry(card.currency.as_str()).or_insert((0, 0));
        entry.0 += i128::from(card.value_cents);
        entry.1 += i128::from(card.value_cents) * i128::from(p);
    }
    stages
        .iter()
        .zip(counts)
        .zip(sums)
        .map(|((stage, count), money)| ColumnTotals {
            stage_id: stage.id.clone(),
            count,
            money: money
                .into_iter()
                .map(|(currency, (value, weighted))| MoneyTotal {
                    currency: currency.to_owned(),
                    value_cents: value.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64,
                    weighted_cents: div100_rounded(weighted),
                })
                .collect(),
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Filters

/// The board's filters, as they appear in the page's URL and the board
/// route's query. Every part is optional; all given parts must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(
    feature = "openapi",
    derive(utoipa::IntoParams),
    into_params(parameter_in = Query)
)]
#[serde(deny_unknown_fields, default)]
pub struct BoardFilter {
    /// A staff member's id: only their cards.
    pub owner: Option<i64>,
    /// Only the signed-in person's cards.
    pub mine: bool,
    /// Case-insensitive text in the title, subtitle or owner's name.
    pub q: Option<String>,
    /// Expected close on or after this date (`YYYY-MM-DD`); cards without
    /// one are left out while a range is set.
    pub close_from: Option<String>,
    /// Expected close on or before this date, inclusive.
    pub close_to: Option<String>,
    /// Not a filter but a view option: send only each column's first this
    /// many cards (the totals still cover all), for a quick first paint.
    pub first: Option<u32>,
}

/// Cards per column in the board's first answer: more than a tall screen
/// shows. The rest follow in a second request.
pub const FIRST_CARDS: u32 = 16;

impl BoardFilter {
    /// The filters as the board's address names them (`owner`, `mine`, `q`,
    /// `close_from`, `close_to`), so the page and the server's first screen
    /// read an address alike. A blank value is no filter.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |key: &str| get(key).filter(|v| !v.trim().is_empty());
        Self {
            owner: text("owner").and_then(|o| o.parse().ok()),
            mine: get("mine").is_some_and(|m| m == "true"),
            q: text("q"),
            close_from: text("close_from"),
            close_to: text("close_to"),
            first: None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.owner.is_none()
            && !self.mine
            && self.search().is_none()
            && self.close_from.is_none()
            && self.close_to.is_none()
    }

    fn search(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }

    /// The same answer in the browser and on the server. `me` is the
    /// signed-in staff member.
    pub fn matches(&self, card: &Card, me: i64) -> bool {
        if let Some(owner) = self.owner
            && card.owner_id != Some(owner)
        {
            return false;
        }
        if self.mine && card.owner_id != Some(me) {
            return false;
        }
        if self.close_from.is_some() || self.close_to.is_some() {
            let Some(close) = card.expected_close.as_deref() else {
                return false;
            };
            if self.close_from.as_deref().is_some_and(|from| close < from)
                || self.close_to.as_deref().is_some_and(|to| close > to)
            {
                return false;
            }
        }
        if let Some(q) = self.search() {
            let needle = fold(q);
            let hay = [
                Some(card.title.as_str()),
                Some(card.subtitle.as_str()),
                card.owner_name.as_deref(),
            ];
            if !hay.into_iter().flatten().any(|h| fold(h).contains(&needle)) {
                return false;
            }
        }
        true
    }
}

/// Lower case without the accents of the club's languages, so "zoe" finds
/// "Zoë" and "chloe" finds "Chloé".
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            c => c,
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Rotting and next activity

fn date_of(stamp: &str) -> Option<chrono::NaiveDate> {
    stamp
        .get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// Whole days from the day a card entered its stage to `today`
/// (`YYYY-MM-DD`); `None` when either date is unreadable.
pub fn days_in_stage(stage_changed_at: &str, today: &str) -> Option<i64> {
    Some((date_of(today)? - date_of(stage_changed_at)?).num_days())
}

/// A card rots when it has stayed in a stage with a threshold for more than
/// that many days. Won and lost stages never rot.
pub fn is_rotting(card: &Card, stage: &Stage, today: &str) -> bool {
    match stage.rotting_days {
        Some(limit) if !stage.is_won && !stage.is_lost => {
            days_in_stage(&card.stage_changed_at, today).is_some_and(|d| d > i64::from(limit))
        }
        _ => false,
    }
}

/// How due the next activity is, for the mark on a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    Overdue,
    Today,
    Later,
    None,
}

impl Due {
    pub fn code(self) -> &'static str {
        match self {
            Self::Overdue => "overdue",
            Self::Today => "today",
            Self::Later => "later",
            Self::None => "none",
        }
    }
}

/// Dates are `YYYY-MM-DD`, which compare as text.
pub fn due(next: Option<&NextActivity>, today: &str) -> Due {
    match next {
        None => Due::None,
        Some(n) if n.due.as_str() < today => Due::Overdue,
        Some(n) if n.due == today => Due::Today,
        Some(_) => Due::Later,
    }
}

// ---------------------------------------------------------------------------
// Order within a stage: fractional position keys

/// The digits of a key, in ASCII order so keys compare as plain text
/// (byte order), in SQLite as in Rust and JavaScript.
const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Beyond this length a column is renumbered (see `place`). Random moves
/// stay far below it; only the same gap hit again and again gets here.
pub const MAX_KEY_LEN: usize = 16;

fn digit(c: u8) -> Option<usize> {
    match c {
        b'0'..=b'9' => Some(usize::from(c - b'0')),
        b'A'..=b'Z' => Some(usize::from(c - b'A') + 10),
        b'a'..=b'z' => Some(usize::from(c - b'a') + 36),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("not a position key: {0:?}")]
    Invalid(String),
    #[error("keys out of order: {0:?} is not before {1:?}")]
    Order(String, String),
}

/// A key is a base-62 fraction `0.d1d2…dn` written as its digits: not
/// empty, and not ending in `0`, so every value has one spelling and there
/// is always room between two keys.
pub fn is_key(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| digit(b).is_some()) && !key.ends_with('0')
}

/// A key strictly between `a` and `b` (`None`: the start or the end of the
/// column), as short as the gap allows.
pub fn key_between(a: Option<&str>, b: Option<&str>) -> Result<String, KeyError> {
    for k in [a, b].into_iter().flatten() {
        if !is_key(k) {
            return Err(KeyError::Invalid(k.to_owned()));
        }
    }
    if let (Some(a), Some(b)) = (a, b)
        && a >= b
    {
        return Err(KeyError::Order(a.to_owned(), b.to_owned()));
    }
    Ok(match (a, b) {
        (None, None) => "V".to_owned(),
        // The ends step by one digit instead of halving the gap: adding at
        // the end or the top of a column is the common move, and stepping
        // lengthens keys by one digit per 61 such moves, halving by one per 6.
        (Some(a), None) => successor(a.as_bytes()),
        (None, Some(b)) => predecessor(b.as_bytes()),
        (Some(a), Some(b)) => midpoint(a.as_bytes(), Some(b.as_bytes())),
    })
}

/// The shortest next key above `a`, one step up.
fn successor(a: &[u8]) -> String {
    match a.split_first() {
        None => "1".to_owned(),
        Some((&first, rest)) => match digit(first) {
            Some(d) if d < 61 => char::from(DIGITS[d + 1]).to_string(),
            _ => format!("z{}", successor(rest)),
        },
    }
}

/// A key one step below `b` (which does not end in `0`, so it has a
/// nonzero digit to step down from).
fn predecessor(b: &[u8]) -> String {
    match b.split_first() {
        None => "V".to_owned(),
        Some((&first, rest)) => match digit(first).unwrap_or(0) {
            d if d > 1 => char::from(DIGITS[d - 1]).to_string(),
            // "1…" longer than one digit: "1" alone is below it.
            1 if !rest.is_empty() => "1".to_owned(),
            1 => "0z".to_owned(),
            _ => format!("0{}", predecessor(rest)),
        },
    }
}

/// After David Greenspan's "Implementing Fractional Indexing": the digits
/// of a value between `a` (empty: 0) and `b` (`None`: 1), `a < b`, neither
/// ending in the zero digit.
fn midpoint(a: &[u8], b: Option<&[u8]>) -> String {
    if let Some(b) = b {
        // The common prefix (reading a missing digit of `a` as 0) is kept.
        let n = b
            .iter()
            .enumerate()
            .take_while(|&(i, &d)| a.get(i).copied().unwrap_or(b'0') == d)
            .count();
        if n > 0 {
            let rest = midpoint(a.get(n..).unwrap_or(&[]), Some(&b[n..]));
            return format!("{}{rest}", String::from_utf8_lossy(&b[..n]));
        }
    }
    let da = a.first().and_then(|&c| digit(c)).unwrap_or(0);
    let db = b.map_or(62, |b| b.first().and_then(|&c| digit(c)).unwrap_or(0));
    if db - da > 1 {
        let mid = (da + db).div_ceil(2);
        return char::from(DIGITS[mid]).to_string();
    }
    match b {
        // Consecutive first digits and `b` longer: `b`'s first digit alone
        // lies between (a < b[0] < b).
        Some(b) if b.len() > 1 => char::from(b[0]).to_string(),
        // Otherwise keep `a`'s first digit and go one place deeper.
        _ => format!(
            "{}{}",
            char::from(DIGITS[da]),
            midpoint(a.get(1..).unwrap_or(&[]), None)
        ),
    }
}

/// `n` keys spread evenly over the whole range, as short as `n` allows:
/// what a renumbered column gets.
pub fn spread(n: usize) -> Vec<String> {
    let mut width = 1u32;
    while 62u128.pow(width) < n as u128 + 2 {
        width += 1;
    }
    let space = 62u128.pow(width);
    (1..=n as u128)
        .map(|i| {
            let mut value = i * space / (n as u128 + 1);
            let mut digits = vec![b'0'; width as usize];
            for d in digits.iter_mut().rev() {
                *d = DIGITS[(value % 62) as usize];
                value /= 62;
            }
            while digits.last() == Some(&b'0') {
                digits.pop();
            }
            String::from_utf8(digits).expect("ASCII digits")
        })
        .collect()
}

/// Where a moved card lands: its own new key, and, when the column had to
/// be renumbered, every key of the column (in order, the moved card
/// included) to write back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub key: String,
    pub renumbered: Option<Vec<(String, String)>>,
}

/// Places `moving` in a column (`column`: the other cards' `(id, key)`,
/// in order) right after `after_id`, else right before `before_id`, else at
/// the end. A neighbour the column no longer has (moved meanwhile) is
/// skipped in that order. When the gap has no room for a key of at most
/// `MAX_KEY_LEN` digits, or the keys are not in order (data from a vendor or
/// an older version), the column is renumbered with `spread`: positions
/// never degrade, however many moves.
pub fn place(
    column: &[(String, String)],
    moving: &str,
    after_id: Option<&str>,
    before_id: Option<&str>,
) -> Placement {
    let others: Vec<&(String, String)> = column.iter().filter(|(id, _)| id != moving).collect();
    let at = after_id
        .and_then(|a| others.iter().position(|(id, _)| id == a).map(|i| i + 1))
        .or_else(|| before_id.and_then(|b| others.iter().position(|(id, _)| id == b)))
        .unwrap_or(others.len());
    let a = at.checked_sub(1).map(|i| others[i].1.as_str());
    let b = others.get(at).map(|(_, k)| k.as_str());
    if let Ok(key) = key_between(a, b)
        && key.len() <= MAX_KEY_LEN
    {
        return Placement {
            key,
            renumbered: None,
        };
    }
    let mut ids: Vec<&str> = others.iter().map(|(id, _)| id.as_str()).collect();
    ids.insert(at, moving);
    let keys = spread(ids.len());
    let key = keys[at].clone();
    Placement {
        key,
        renumbered: Some(
            ids.into_iter()
                .map(str::to_owned)
                .zip(keys)
                .collect::<Vec<_>>(),
        ),
    }
}

/// Board order: stages as given, then position, then id (a tie only vendor
/// data can produce).
pub fn sort_cards(stages: &[Stage], cards: &mut [Card]) {
    let index: BTreeMap<&str, usize> = stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    cards.sort_by(|x, y| {
        let sx = index
            .get(x.stage_id.as_str())
            .copied()
            .unwrap_or(usize::MAX);
        let sy = index
            .get(y.stage_id.as_str())
            .copied()
            .unwrap_or(usize::MAX);
        (sx, &x.position, &x.id).cmp(&(sy, &y.position, &y.id))
    });
}

#[cfg(test)]
mod tests;
