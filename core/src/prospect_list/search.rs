//! Search as you type: a keystroke usually extends the search text, so its
//! result is looked for among the previous result's rows only, and in each
//! row only from where the previous text was found. On 100,000 prospects
//! most keystrokes then check a few bytes per row instead of scanning
//! every row's whole search text. The search texts sit in one buffer, in
//! the rows' order, so a keystroke reads memory front to back instead of
//! fetching a separate allocation per row (which, not the comparing, was
//! most of a keystroke's filter time on 100,000 rows).

use memchr::memmem::Finder;

use super::{ListRow, ListView, matches_filters, terms};

/// Every row's search text ([`ListRow::push_hay`]), one after another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Haystacks {
    text: String,
    /// Where each row's text ends in `text`.
    ends: Vec<u32>,
}

impl Haystacks {
    pub fn new(rows: &[ListRow]) -> Haystacks {
        // About 80 bytes a prospect: one allocation, not dozens of regrowths.
        let mut hays = Haystacks {
            text: String::with_capacity(rows.len() * 80),
            ends: Vec::with_capacity(rows.len()),
        };
        for row in rows {
            row.push_hay(&mut hays.text);
            hays.ends.push(hays.text.len() as u32);
        }
        hays
    }

    /// Row `i`'s search text.
    fn get(&self, i: u32) -> &[u8] {
        let i = i as usize;
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        &self.text.as_bytes()[start..self.ends[i] as usize]
    }
}

/// What a search found, kept so that the next keystroke can narrow it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// Positions into the rows of what the view shows, in order.
    pub rows: Vec<u32>,
    /// For each found row, where the last search term first occurs in its
    /// search text; empty when there is no search.
    at: Vec<u32>,
    view: ListView,
    terms: Vec<String>,
    /// Where a search that stopped early ([`search_first`]) goes on from.
    rest: Option<Rest>,
}

/// The candidates a search has not looked at yet.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Rest {
    /// `ordered[next..]`, for a search over every row.
    Ordered { next: usize },
    /// `from.rows[next..]`, for a search narrowed from `from`.
    Narrowed { from: Box<Found>, next: usize },
}

impl Found {
    /// Whether `rows` is everything the view finds, not only its first rows.
    pub fn is_complete(&self) -> bool {
        self.rest.is_none()
    }

    /// The view this is the result of.
    pub fn view(&self) -> &ListView {
        &self.view
    }
}

/// The rows of `ordered` (positions into `rows`, in sort order) that are in
/// `view`; `hays` are the rows' search texts. `previous` is the last result
/// over the same `rows` and `ordered`, if the caller has one: when `view`
/// only extends its search, the search narrows it instead of starting over.
pub fn search(
    rows: &[ListRow],
    hays: &Haystacks,
    ordered: &[u32],
    view: &ListView,
    me: i64,
    today: &str,
    previous: Option<&Found>,
) -> Found {
    let previous = previous.cloned();
    search_first(rows, hays, ordered, view, me, today, previous, usize::MAX)
}

/// [`search`], stopped once it has found `limit` rows: the first rows of
/// the result, in order, which [`finish`] completes. On 100,000 prospects
/// a keystroke's first screen then costs what it costs on a few hundred,
/// and the rest is found after the screen is painted. A `previous` that is
/// not complete is not narrowed: the search starts over.
#[allow(clippy::too_many_arguments)]
pub fn search_first(
    rows: &[ListRow],
    hays: &Haystacks,
    ordered: &[u32],
    view: &ListView,
    me: i64,
    today: &str,
    previous: Option<Found>,
    limit: usize,
) -> Found {
    let terms = terms(&view.q);
    match previous {
        Some(previous)
            if previous.is_complete()
                && previous.view.without_search() == view.without_search()
                && extends(&previous.terms, &terms) =>
        {
            let mut found = Found {
                view: view.clone(),
                terms,
                ..Found::default()
            };
            if found.terms == previous.terms {
                // A space, or a letter that folds to nothing new: same rows.
                found.rows = previous.rows;
                found.at = previous.at;
                return found;
            }
            found.rows.reserve(previous.rows.len().min(limit));
            found.at.reserve(previous.rows.len().min(limit));
            narrow(hays, Box::new(previous), found, 0, limit)
        }
        _ => {
            let mut found = Found {
                view: view.clone(),
                terms,
                ..Found::default()
            };
            // Nothing to filter by (the search was cleared): everything, in order.
            if found.terms.is_empty() && !view.without_search().is_filtered() {
                found.rows = ordered.to_vec();
                return found;
            }
            scan(rows, hays, ordered, found, 0, limit, me, today)
        }
    }
}

/// The whole result of a search that [`search_first`] stopped early, over
/// the same `rows`, `hays` and `ordered`; a complete one as it is.
pub fn finish(
    rows: &[ListRow],
    hays: &Haystacks,
    ordered: &[u32],
    mut found: Found,
    me: i64,
    today: &str,
) -> Found {
    match found.rest.take() {
        None => found,
        Some(Rest::Ordered { next }) => {
            scan(rows, hays, ordered, found, next, usize::MAX, me, today)
        }
        Some(Rest::Narrowed { from, next }) => narrow(hays, from, found, next, usize::MAX),
    }
}

/// Whether the search `new` extends `old`: the same terms, the last perhaps
/// longer, then perhaps more. Every row that `new` finds was then found by
/// `old`, and its grown last term occurs no earlier than the old one. This
/// is what typing at the end of the search box does.
fn extends(old: &[String], new: &[String]) -> bool {
    match old.split_last() {
        None => true,
        Some((last, same)) => {
            new.len() >= old.len()
                && new[..same.len()] == *same
                && new[same.len()].starts_with(last.as_str())
        }
    }
}

/// Adds to `found` the rows of `ordered[next..]` in its view, until it has
/// `limit`.
#[allow(clippy::too_many_arguments)]
fn scan(
    rows: &[ListRow],
    hays: &Haystacks,
    ordered: &[u32],
    mut found: Found,
    next: usize,
    limit: usize,
    me: i64,
    today: &str,
) -> Found {
    let terms = std::mem::take(&mut found.terms);
    let compiled: Vec<Term> = terms.iter().map(Term::new).collect();
    for (n, &i) in ordered.iter().enumerate().skip(next) {
        if found.rows.len() >= limit {
            found.rest = Some(Rest::Ordered { next: n });
            break;
        }
        if !matches_filters(&rows[i as usize], &found.view, me, today) {
            continue;
        }
        if let Some(at) = find_each(hays.get(i), &compiled, 0) {
            found.rows.push(i);
            if !compiled.is_empty() {
                found.at.push(at as u32);
            }
        }
    }
    drop(compiled);
    found.terms = terms;
    found
}

/// Adds to `found` the rows of `from.rows[next..]` that its view, which
/// extends `from`'s, finds, until it has `limit`: the filters and every
/// term but the last already hold for each of them.
fn narrow(
    hays: &Haystacks,
    from: Box<Found>,
    mut found: Found,
    next: usize,
    limit: usize,
) -> Found {
    let kept = from.terms.len();
    // The previous last term, grown (or not), then any new terms. The grown
    // term first occurs no earlier than the previous one did, since every
    // occurrence of it is one of the previous term.
    let terms = std::mem::take(&mut found.terms);
    let check: Vec<Term> = terms[kept.saturating_sub(1)..]
        .iter()
        .map(Term::new)
        .collect();
    let mut stopped = None;
    for (n, &i) in from.rows.iter().enumerate().skip(next) {
        if found.rows.len() >= limit {
            stopped = Some(n);
            break;
        }
        let start = if kept == 0 { 0 } else { from.at[n] as usize };
        if let Some(at) = find_each(hays.get(i), &check, start) {
            found.rows.push(i);
            found.at.push(at as u32);
        }
    }
    drop(check);
    found.terms = terms;
    if let Some(next) = stopped {
        found.rest = Some(Rest::Narrowed { from, next });
    }
    found
}

/// Where the last of `terms` first occurs in `hay`, if every one of them
/// occurs; the first is looked for from `from`, the others from the start.
/// With no terms, every row passes (at 0).
fn find_each(hay: &[u8], terms: &[Term], from: usize) -> Option<usize> {
    let mut at = 0;
    for (k, term) in terms.iter().enumerate() {
        at = term.find(hay, if k == 0 { from } else { 0 })?;
    }
    Some(at)
}

/// A search term, with its searcher built once for all the rows.
struct Term<'t> {
    text: &'t [u8],
    finder: Finder<'t>,
}

impl<'t> Term<'t> {
    fn new(text: &'t (impl AsRef<[u8]> + ?Sized)) -> Term<'t> {
        let text = text.as_ref();
        Term {
            text,
            finder: Finder::new(text),
        }
    }

    /// Where the term first occurs in `hay` at or after `from`.
    fn find(&self, hay: &[u8], from: usize) -> Option<usize> {
        let rest = hay.get(from..)?;
        // After a key, the term mostly still occurs where it did before.
        if rest.starts_with(self.text) {
            return Some(from);
        }
        self.finder.find(rest).map(|p| p + from)
    }
}

/// Where `needle` first occurs in `hay` at or after `from`.
pub(super) fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    Term::new(needle).find(hay, from)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{arb_row, row};
    use super::super::{Sort, matches, order};
    use super::*;
    use proptest::prelude::*;

    const TODAY: &str = "2026-11-10";

    fn full(rows: &[ListRow], view: &ListView) -> Vec<u32> {
        let ordered = order(rows, view.sort);
        let terms = terms(&view.q);
        ordered
            .into_iter()
            .filter(|&i| matches(&rows[i as usize], view, &terms, 1, TODAY))
            .collect()
    }

    proptest! {
        #[test]
        fn find_agrees_with_the_standard_library(
            hay in "[ab\\x{1f}é]{0,24}",
            needle in "[ab\\x{1f}é]{0,4}",
            from in 0usize..30,
        ) {
            let from = from.min(hay.len());
            let expected = hay.as_bytes()[from..]
                .windows(needle.len().max(1))
                .position(|w| needle.is_empty() || w == needle.as_bytes())
                .map(|p| p + from)
                .or((needle.is_empty()).then_some(from));
            prop_assert_eq!(find(hay.as_bytes(), needle.as_bytes(), from), expected);
        }

        /// Typed a key at a time, each result narrowed from the one before,
        /// a search finds what searching every row finds, at every key.
        #[test]
        fn narrowing_key_by_key_equals_searching_everything(
            rows in proptest::collection::vec(arb_row(), 0..60),
            typed in "[a-eé ]{0,8}",
            owner in proptest::option::of(1i64..4),
        ) {
            let base = ListView { owner, ..ListView::default() };
            let hays = Haystacks::new(&rows);
            let ordered = order(&rows, Sort::default());
            let mut previous: Option<Found> = None;
            let mut q = String::new();
            for c in typed.chars() {
                q.push(c);
                let view = ListView { q: q.clone(), ..base.clone() };
                let found = search(&rows, &hays, &ordered, &view, 1, TODAY, previous.as_ref());
                prop_assert_eq!(&found.rows, &full(&rows, &view), "at {:?}", q);
                previous = Some(found);
            }
        }

        /// Stopped after `limit` rows, a search has the first rows of the
        /// whole result, and finishing it gives the whole result; typed a
        /// key at a time, whether or not the last one was finished.
        #[test]
        fn a_search_stopped_early_is_the_results_start_and_finishes_to_it(
            rows in proptest::collection::vec(arb_row(), 0..60),
            typed in "[a-eé ]{0,6}",
            limit in 0usize..8,
            finished in proptest::collection::vec(any::<bool>(), 6),
            mine in any::<bool>(),
        ) {
            let hays = Haystacks::new(&rows);
            let ordered = order(&rows, Sort::default());
            let mut previous: Option<Found> = None;
            let mut q = String::new();
            for (k, c) in typed.chars().enumerate() {
                q.push(c);
                let view = ListView { q: q.clone(), mine, ..ListView::default() };
                let whole = full(&rows, &view);
                let first = search_first(&rows, &hays, &ordered, &view, 1, TODAY, previous.take(), limit);
                prop_assert_eq!(&first.rows[..], &whole[..first.rows.len()], "at {:?}", q);
                prop_assert!(first.rows.len() >= limit.min(whole.len()));
                let done = finish(&rows, &hays, &ordered, first.clone(), 1, TODAY);
                prop_assert!(done.is_complete());
                prop_assert_eq!(&done.rows, &whole, "finished at {:?}", q);
                previous = Some(if finished[k] { done } else { first });
            }
        }

        /// A search that does not extend the previous one (a deleted
        /// letter, another filter) starts over and is still right.
        #[test]
        fn a_search_that_does_not_extend_the_last_starts_over(
            rows in proptest::collection::vec(arb_row(), 0..60),
            old in "[a-e ]{0,4}",
            new in "[a-e ]{0,4}",
            mine in any::<bool>(),
        ) {
            let hays = Haystacks::new(&rows);
            let ordered = order(&rows, Sort::default());
            let old = ListView { q: old, ..ListView::default() };
            let new = ListView { q: new, mine, ..ListView::default() };
            let previous = search(&rows, &hays, &ordered, &old, 1, TODAY, None);
            let found = search(&rows, &hays, &ordered, &new, 1, TODAY, Some(&previous));
            prop_assert_eq!(found.rows, full(&rows, &new));
        }
    }

    #[test]
    fn a_grown_term_is_found_after_where_it_was_found_before() {
        // "ab" first occurs at 0, "abc" only later in the same field.
        let rows = vec![row(1, "abxabc", "z"), row(2, "abx", "z")];
        let hays = Haystacks::new(&rows);
        let ordered = order(&rows, Sort::default());
        let view = |q: &str| ListView {
            q: q.into(),
            ..ListView::default()
        };
        let ab = search(&rows, &hays, &ordered, &view("ab"), 1, TODAY, None);
        assert_eq!(ab.rows.len(), 2);
        let abc = search(&rows, &hays, &ordered, &view("abc"), 1, TODAY, Some(&ab));
        let ids: Vec<i64> = abc.rows.iter().map(|&i| rows[i as usize].id).collect();
        assert_eq!(ids, [1]);
    }
}
