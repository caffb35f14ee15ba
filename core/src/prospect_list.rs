//! The prospect list as the browser works it: the whole list arrives once as
//! a compact [`ProspectIndex`], and search, filters and sort run here, so a
//! keystroke repaints without a round trip. The rules match the server's
//! `GET /api/v1/prospects` (every search term must appear in one field; the
//! same columns, filters and order), which tests on both sides check.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

mod search;

pub use search::{Found, Haystacks, finish, search, search_first};

/// Rows in the list's first page, before the whole index is in: more than a
/// tall screen shows.
pub const FIRST_PAGE: u32 = 60;

/// Every prospect, by column rather than by object: a list of 10,000 is a
/// fraction of the size and parses faster. Column `i` of each vector belongs
/// to prospect `ids[i]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProspectIndex {
    /// The club's date when the index was made (`YYYY-MM-DD`): what
    /// "overdue" is measured against.
    pub today: String,
    pub ids: Vec<i64>,
    pub first_name: Vec<String>,
    pub last_name: Vec<String>,
    pub email: Vec<String>,
    pub mobile: Vec<String>,
    pub phone: Vec<String>,
    pub city: Vec<String>,
    pub source: Vec<String>,
    pub sub_source: Vec<String>,
    pub status: Vec<String>,
    pub owner_id: Vec<Option<i64>>,
    pub tags: Vec<Vec<String>>,
    pub next_action: Vec<String>,
    pub next_action_due: Vec<Option<String>>,
    pub created_at: Vec<String>,
}

/// One prospect of the list, with its search text prepared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListRow {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub mobile: String,
    pub phone: String,
    pub city: String,
    pub source: String,
    pub sub_source: String,
    pub status: String,
    pub owner_id: Option<i64>,
    pub tags: Vec<String>,
    pub next_action: String,
    pub next_action_due: Option<String>,
    pub created_at: String,
    /// Folded "last first", the name sort key. Derived by [`ListRow::new`].
    pub name_key: String,
}

impl ListRow {
    /// Builds a row; the sort key is derived here, so an edited row must
    /// be rebuilt with this.
    pub fn new(mut row: ListRow) -> ListRow {
        let mut name_key = String::with_capacity(row.last_name.len() + row.first_name.len() + 1);
        fold_into(&mut name_key, &row.last_name);
        name_key.push('\u{1}');
        fold_into(&mut name_key, &row.first_name);
        row.name_key = name_key;
        row
    }

    /// What the search looks in: folded name, email, phones and city, each
    /// followed by a control character so that no search term can match
    /// across two fields. Appended to `out`.
    pub fn push_hay(&self, out: &mut String) {
        let fields = [
            &self.first_name,
            &self.last_name,
            &self.email,
            &self.mobile,
            &self.phone,
            &self.city,
        ];
        for field in fields {
            fold_into(out, field);
            out.push('\u{1}');
        }
        // A stored +32 470… is also found as typed at home, 0470… (the
        // server's search looks in the same, `phone::national_digits_sql`).
        for number in [&self.mobile, &self.phone] {
            if let Some(national) = crate::phone::national_digits(number) {
                out.push_str(&national);
                out.push('\u{1}');
            }
        }
    }

    pub fn display_name(&self) -> String {
        match (self.first_name.trim(), self.last_name.trim()) {
            ("", "") => String::new(),
            (f, "") => f.to_owned(),
            ("", l) => l.to_owned(),
            (f, l) => format!("{f} {l}"),
        }
    }

    /// The next action was due before `today` (both `YYYY-MM-DD`).
    pub fn is_overdue(&self, today: &str) -> bool {
        self.next_action_due
            .as_deref()
            .is_some_and(|due| due < today)
    }
}

impl ProspectIndex {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The rows, in the index's order. Columns shorter than `ids` (a broken
    /// document) give empty values rather than a panic.
    pub fn into_rows(self) -> Vec<ListRow> {
        fn take<T: Default>(column: &mut [T], i: usize) -> T {
            column.get_mut(i).map(std::mem::take).unwrap_or_default()
        }
        let mut s = self;
        (0..s.ids.len())
            .map(|i| {
                ListRow::new(ListRow {
                    id: s.ids[i],
                    first_name: take(&mut s.first_name, i),
                    last_name: take(&mut s.last_name, i),
                    email: take(&mut s.email, i),
                    mobile: take(&mut s.mobile, i),
                    phone: take(&mut s.phone, i),
                    city: take(&mut s.city, i),
                    source: take(&mut s.source, i),
                    sub_source: take(&mut s.sub_source, i),
                    status: take(&mut s.status, i),
                    owner_id: take(&mut s.owner_id, i),
                    tags: take(&mut s.tags, i),
                    next_action: take(&mut s.next_action, i),
                    next_action_due: take(&mut s.next_action_due, i),
                    created_at: take(&mut s.created_at, i),
                    ..ListRow::default()
                })
            })
            .collect()
    }

    /// Appends one prospect; the server builds the index with this.
    pub fn push(&mut self, row: ListRow) {
        self.ids.push(row.id);
        self.first_name.push(row.first_name);
        self.last_name.push(row.last_name);
        self.email.push(row.email);
        self.mobile.push(row.mobile);
        self.phone.push(row.phone);
        self.city.push(row.city);
        self.source.push(row.source);
        self.sub_source.push(row.sub_source);
        self.status.push(row.status);
        self.owner_id.push(row.owner_id);
        self.tags.push(row.tags);
        self.next_action.push(row.next_action);
        self.next_action_due.push(row.next_action_due);
        self.created_at.push(row.created_at);
    }
}

/// Lower case without accents, so "helene" finds "Hélène" and "CAFÉ"
/// sorts with "cafe". Covers the Latin letters of the clubs' languages.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(&mut out, s);
    out
}

/// [`fold`], appended to `out`.
pub fn fold_into(out: &mut String, s: &str) {
    if s.is_ascii() {
        // The common case, a byte at a time.
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for l in c.to_lowercase() {
            out.push(match l {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
                'ç' | 'ć' | 'č' => 'c',
                'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
                'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
                'ñ' | 'ń' | 'ň' => 'n',
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
                'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
                'ý' | 'ÿ' => 'y',
                'š' | 'ś' => 's',
                'ž' | 'ź' | 'ż' => 'z',
                'ł' => 'l',
                'ř' => 'r',
                other => other,
            });
        }
    }
}

/// A column the list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    Name,
    #[default]
    CreatedAt,
    Status,
    Source,
    City,
    NextActionDue,
}

impl SortColumn {
    pub const ALL: [SortColumn; 6] = [
        SortColumn::Name,
        SortColumn::CreatedAt,
        SortColumn::Status,
        SortColumn::Source,
        SortColumn::City,
        SortColumn::NextActionDue,
    ];

    /// The name used in URLs and by the API's `sort`.
    pub fn key(self) -> &'static str {
        match self {
            SortColumn::Name => "name",
            SortColumn::CreatedAt => "created_at",
            SortColumn::Status => "status",
            SortColumn::Source => "source",
            SortColumn::City => "city",
            SortColumn::NextActionDue => "next_action_due",
        }
    }

    pub fn from_key(key: &str) -> Option<SortColumn> {
        SortColumn::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// A sort: a column and a direction. Newest first unless asked otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: SortColumn,
    pub desc: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            column: SortColumn::CreatedAt,
            desc: true,
        }
    }
}

impl Sort {
    /// `name`, `-created_at`, …; the API's `sort` parameter.
    pub fn parse(s: &str) -> Option<Sort> {
        match s.strip_prefix('-') {
            Some(c) => SortColumn::from_key(c).map(|column| Sort { column, desc: true }),
            None => SortColumn::from_key(s).map(|column| Sort {
                column,
                desc: false,
            }),
        }
    }

    pub fn key(self) -> String {
        if self.desc {
            format!("-{}", self.column.key())
        } else {
            self.column.key().to_owned()
        }
    }

    /// The same column the other way round, or this column ascending.
    pub fn toggled(self, column: SortColumn) -> Sort {
        if self.column == column {
            Sort {
                column,
                desc: !self.desc,
            }
        } else {
            Sort {
                column,
                desc: false,
            }
        }
    }
}

/// What the list shows: the search, the filters and the sort. It lives in
/// the URL's query string, with the API's parameter names, so a link or a
/// reload shows the same list and the export takes the same string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListView {
    pub q: String,
    pub status: Option<String>,
    pub source: Option<String>,
    pub owner: Option<i64>,
    pub tag: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub created_from: Option<String>,
    pub created_to: Option<String>,
    pub overdue: bool,
    pub mine: bool,
    pub sort: Sort,
}

fn is_date(s: &str) -> bool {
    crate::validate::date(s).is_ok()
}

impl ListView {
    /// Reads a query string's pairs. A value that makes no sense (an unknown
    /// sort, a date that is not one) is dropped rather than refused: a link
    /// typed by hand still opens the list.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ListView {
        let mut v = ListView::default();
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        for (key, value) in pairs {
            match key {
                "q" => v.q = value.to_owned(),
                "status" => v.status = text(value),
                "source" => v.source = text(value),
                "owner" => v.owner = value.trim().parse().ok(),
                "tag" => v.tag = text(value),
                "created_from" => v.created_from = text(value).filter(|d| is_date(d)),
                "created_to" => v.created_to = text(value).filter(|d| is_date(d)),
                "overdue" => v.overdue = value == "true",
                "mine" => v.mine = value == "true",
                "sort" => v.sort = Sort::parse(value).unwrap_or_default(),
                _ => {}
            }
        }
        v
    }

    /// The pairs that differ from the default view, in a stable order.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !self.q.is_empty() {
            out.push(("q", self.q.clone()));
        }
        let opts = [
            ("status", &self.status),
            ("source", &self.source),
            ("tag", &self.tag),
            ("created_from", &self.created_from),
            ("created_to", &self.created_to),
        ];
        for (key, value) in opts {
            if let Some(v) = value {
                out.push((key, v.clone()));
            }
        }
        if let Some(owner) = self.owner {
            out.push(("owner", owner.to_string()));
        }
        if self.overdue {
            out.push(("overdue", "true".into()));
        }
        if self.mine {
            out.push(("mine", "true".into()));
        }
        if self.sort != Sort::default() {
            out.push(("sort", self.sort.key()));
        }
        out
    }

    /// Whether any filter or search narrows the list (the sort does not).
    pub fn is_filtered(&self) -> bool {
        let bare = ListView {
            sort: self.sort,
            ..ListView::default()
        };
        *self != bare
    }

    /// The same view without the search text: what must be equal for one
    /// search result to be narrowed into the next.
    pub fn without_search(&self) -> ListView {
        ListView {
            q: String::new(),
            ..self.clone()
        }
    }
}

/// The longest search the list takes, in characters: a full name with an
/// email address and a phone number fits several times over. The server
/// refuses a longer one with a 422 naming `q` (SQLite limits the length of
/// a LIKE pattern), and the search box can take no more.
pub const MAX_SEARCH_CHARS: usize = 200;

/// The most words one search may have. Each must be found, and each is one
/// more condition of the server's query (SQLite limits how deep a query's
/// expression may nest).
pub const MAX_SEARCH_WORDS: usize = 12;

/// Whether the list takes `q` as its search: at most [`MAX_SEARCH_CHARS`]
/// characters and [`MAX_SEARCH_WORDS`] words. The list (`GET /prospects`,
/// the staff page's first screen) and the export check it before searching.
pub fn check_search(q: &str) -> Result<(), SearchError> {
    if q.chars().count() > MAX_SEARCH_CHARS {
        Err(SearchError::TooLong)
    } else if q.split_whitespace().count() > MAX_SEARCH_WORDS {
        Err(SearchError::TooManyWords)
    } else {
        Ok(())
    }
}

/// Why a search was refused; the message is the API's (`errors.q`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("is longer than {MAX_SEARCH_CHARS} characters")]
    TooLong,
    #[error("has more than {MAX_SEARCH_WORDS} words")]
    TooManyWords,
}

/// The search text as folded terms; a row must contain every one.
pub fn terms(q: &str) -> Vec<String> {
    fold(q).split_whitespace().map(str::to_owned).collect()
}

/// Whether `row` is in the view. `me` is the signed-in staff member (for
/// "mine"), `today` the club's date (for "overdue"). The rule for one row,
/// which tests hold [`search`] to.
pub fn matches(row: &ListRow, view: &ListView, terms: &[String], me: i64, today: &str) -> bool {
    let mut hay = String::new();
    row.push_hay(&mut hay);
    terms
        .iter()
        .all(|t| search::find(hay.as_bytes(), t.as_bytes(), 0).is_some())
        && matches_filters(row, view, me, today)
}

/// Whether `row` passes the view's filters, its search aside.
fn matches_filters(row: &ListRow, view: &ListView, me: i64, today: &str) -> bool {
    view.status.as_ref().is_none_or(|s| &row.status == s)
        && view.source.as_ref().is_none_or(|s| &row.source == s)
        && view.owner.is_none_or(|o| row.owner_id == Some(o))
        && (!view.mine || row.owner_id == Some(me))
        && view.tag.as_ref().is_none_or(|t| row.tags.contains(t))
        && view
            .created_from
            .as_deref()
            .is_none_or(|from| row.created_at.as_str() >= from)
        && view
            .created_to
            .as_deref()
            .is_none_or(|to| row.created_at.get(..10).unwrap_or("") <= to)
        && (!view.overdue || row.is_overdue(today))
}

fn compare(a: &ListRow, b: &ListRow, column: SortColumn) -> Ordering {
    match column {
        SortColumn::Name => a.name_key.cmp(&b.name_key),
        SortColumn::CreatedAt => a.created_at.cmp(&b.created_at),
        SortColumn::Status => a.status.cmp(&b.status),
        SortColumn::Source => fold(&a.source).cmp(&fold(&b.source)),
        SortColumn::City => fold(&a.city).cmp(&fold(&b.city)),
        // Dates compare as text; None is handled by the caller.
        SortColumn::NextActionDue => a.next_action_due.cmp(&b.next_action_due),
    }
}

/// The rows' positions in `sort` order; ties by id in the same direction,
/// and prospects without a next action last whichever the direction.
pub fn order(rows: &[ListRow], sort: Sort) -> Vec<u32> {
    let mut idx: Vec<u32> = (0..rows.len() as u32).collect();
    // Folding per comparison would dominate a 100,000-row sort.
    let keys: Option<Vec<String>> = match sort.column {
        SortColumn::Source => Some(rows.iter().map(|r| fold(&r.source)).collect()),
        SortColumn::City => Some(rows.iter().map(|r| fold(&r.city)).collect()),
        _ => None,
    };
    idx.sort_unstable_by(|&x, &y| {
        let (a, b) = (&rows[x as usize], &rows[y as usize]);
        if sort.column == SortColumn::NextActionDue {
            match (&a.next_action_due, &b.next_action_due) {
                (None, Some(_)) => return Ordering::Greater,
                (Some(_), None) => return Ordering::Less,
                _ => {}
            }
        }
        let by_column = match &keys {
            Some(k) => k[x as usize].cmp(&k[y as usize]),
            None => compare(a, b, sort.column),
        };
        let o = by_column.then(a.id.cmp(&b.id));
        if sort.desc { o.reverse() } else { o }
    });
    idx
}

/// The positions (from `order`) of the rows in the view, in order: one
/// search from scratch (the server's tests compare it with the paged API).
/// The list itself keeps its [`Haystacks`] and narrows with [`search`].
pub fn select(
    rows: &[ListRow],
    ordered: &[u32],
    view: &ListView,
    me: i64,
    today: &str,
) -> Vec<u32> {
    search(rows, &Haystacks::new(rows), ordered, view, me, today, None).rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    pub(super) fn row(id: i64, first: &str, last: &str) -> ListRow {
        ListRow::new(ListRow {
            id,
            first_name: first.into(),
            last_name: last.into(),
            email: format!("{}.{}@example.be", fold(first), fold(last)),
            mobile: "+32 470 12 34 56".into(),
            city: "Bruxelles".into(),
            status: "new".into(),
            created_at: format!("2026-11-{:02}T10:00:00Z", 1 + id % 28),
            ..ListRow::default()
        })
    }

    #[test]
    fn a_search_is_at_most_so_long_and_so_many_words() {
        assert_eq!(check_search(""), Ok(()));
        assert_eq!(check_search("jan peeters ann@example.be +32 470"), Ok(()));
        let longest = "é".repeat(MAX_SEARCH_CHARS);
        assert_eq!(check_search(&longest), Ok(()), "characters, not bytes");
        assert_eq!(
            check_search(&format!("{longest}x")),
            Err(SearchError::TooLong)
        );
        assert_eq!(check_search(&"x".repeat(50_000)), Err(SearchError::TooLong));
        let words = |n: usize| vec!["ab"; n].join(" ");
        assert_eq!(check_search(&words(MAX_SEARCH_WORDS)), Ok(()));
        assert_eq!(
            check_search(&words(MAX_SEARCH_WORDS + 1)),
            Err(SearchError::TooManyWords)
        );
        // However many spaces: words are what counts.
        assert_eq!(
            check_search(&format!("  jan {}  p ", " ".repeat(100))),
            Ok(())
        );
        assert_eq!(
            SearchError::TooManyWords.to_string(),
            format!("has more than {MAX_SEARCH_WORDS} words")
        );
    }

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(fold("Hélène CAFÉ Ærø"), "helene cafe æro");
        assert_eq!(fold("Ça va, Œuvre"), "ca va, œuvre");
        assert_eq!(fold("S<s"), "s<s");
    }

    #[test]
    fn every_term_must_be_found_in_one_field() {
        let r = row(1, "Hélène", "Dubois");
        let yes = |q: &str| matches(&r, &ListView::default(), &terms(q), 1, "2026-11-23");
        assert!(yes("helene"));
        assert!(yes("DUBOIS hel"));
        assert!(yes("470 12"));
        assert!(yes("brux"));
        assert!(yes(""));
        assert!(!yes("helene martin"));
        // Terms never span two fields: the name ends and the email begins.
        assert!(!yes("duboishelene"));
    }

    #[test]
    fn filters_match_the_server_rules() {
        let mut r = row(7, "Jan", "Peeters");
        r.owner_id = Some(2);
        r.tags = vec!["student".into()];
        r.source = "Flyer".into();
        r.next_action_due = Some("2026-11-20".into());
        let today = "2026-11-23";
        let within = |r: &ListRow, v: ListView| matches(r, &v, &terms(&v.q), 2, today);
        let with = |v: ListView| within(&r, v);
        assert!(with(ListView {
            owner: Some(2),
            mine: true,
            tag: Some("student".into()),
            source: Some("Flyer".into()),
            overdue: true,
            ..ListView::default()
        }));
        assert!(!with(ListView {
            owner: Some(3),
            ..ListView::default()
        }));
        assert!(!with(ListView {
            tag: Some("stud".into()),
            ..ListView::default()
        }));
        assert!(!with(ListView {
            status: Some("member".into()),
            ..ListView::default()
        }));
        // created_at is 2026-11-08T10:00:00Z; the range is inclusive by day.
        assert!(with(ListView {
            created_from: Some("2026-11-08".into()),
            created_to: Some("2026-11-08".into()),
            ..ListView::default()
        }));
        assert!(!with(ListView {
            created_to: Some("2026-11-07".into()),
            ..ListView::default()
        }));
        r.next_action_due = Some(today.into());
        assert!(!within(
            &r,
            ListView {
                overdue: true,
                ..ListView::default()
            }
        ));
    }

    #[test]
    fn sorts_by_folded_name_with_id_ties_and_dues_last() {
        let mut rows = vec![
            row(1, "Émile", "Zola"),
            row(2, "anne", "de Smet"),
            row(3, "Bert", "De Smet"),
            row(4, "Anne", "de smet"),
        ];
        rows[0].next_action_due = Some("2026-12-01".into());
        rows[2].next_action_due = Some("2026-11-01".into());
        let ids = |o: Vec<u32>| o.iter().map(|&i| rows[i as usize].id).collect::<Vec<_>>();
        let asc = Sort::parse("name").unwrap();
        assert_eq!(ids(order(&rows, asc)), [2, 4, 3, 1]);
        assert_eq!(
            ids(order(&rows, Sort::parse("-name").unwrap())),
            [1, 3, 4, 2]
        );
        assert_eq!(
            ids(order(&rows, Sort::parse("next_action_due").unwrap())),
            [3, 1, 2, 4]
        );
        assert_eq!(
            ids(order(&rows, Sort::parse("-next_action_due").unwrap())),
            [1, 3, 4, 2]
        );
    }

    #[test]
    fn the_view_round_trips_through_the_url_and_drops_nonsense() {
        let v = ListView {
            q: "jan p".into(),
            status: Some("new".into()),
            owner: Some(3),
            created_from: Some("2026-01-01".into()),
            overdue: true,
            sort: Sort::parse("-name").unwrap(),
            ..ListView::default()
        };
        let pairs = v.to_pairs();
        let back = ListView::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, v);
        assert!(ListView::default().to_pairs().is_empty());
        let odd = ListView::from_pairs([
            ("sort", "shoe_size"),
            ("created_to", "2026-02-30"),
            ("owner", "x"),
            ("status", "  "),
            ("utm", "z"),
        ]);
        assert_eq!(odd, ListView::default());
        assert!(!odd.is_filtered());
        assert!(
            ListView {
                mine: true,
                ..ListView::default()
            }
            .is_filtered()
        );
    }

    #[test]
    fn a_toggled_sort_turns_around_on_its_own_column() {
        let s = Sort::default();
        assert_eq!(s.toggled(SortColumn::CreatedAt).key(), "created_at");
        assert_eq!(s.toggled(SortColumn::Name).key(), "name");
        assert_eq!(
            s.toggled(SortColumn::Name).toggled(SortColumn::Name).key(),
            "-name"
        );
    }

    #[test]
    fn the_index_round_trips_its_rows() {
        let mut index = ProspectIndex::default();
        let rows = vec![row(1, "A", "B"), row(2, "C", "D")];
        for r in rows.clone() {
            index.push(r);
        }
        assert_eq!(index.len(), 2);
        assert_eq!(index.into_rows(), rows);
        let broken = ProspectIndex {
            ids: vec![5],
            ..ProspectIndex::default()
        };
        assert_eq!(broken.into_rows()[0].id, 5);
    }

    pub(super) fn arb_row() -> impl Strategy<Value = ListRow> {
        (
            0i64..1000,
            "[a-zA-Zéè ]{0,8}",
            "[a-zA-Z ]{0,8}",
            proptest::option::of(1i64..4),
            proptest::option::of("2026-11-(0[1-9]|1[0-9])"),
        )
            .prop_map(|(id, first, last, owner, due)| {
                let mut r = row(id, &first, &last);
                r.owner_id = owner;
                r.next_action_due = due;
                r
            })
    }

    proptest! {
        /// The shortcut for an empty view keeps every row, in order, as the
        /// filter would, whatever the sort and however blank the search.
        #[test]
        fn an_empty_view_keeps_everything_in_order(
            rows in proptest::collection::vec(arb_row(), 0..60),
            blank in "[ ]{0,3}",
            desc in any::<bool>(),
        ) {
            let sort = Sort { column: SortColumn::Name, desc };
            let ordered = order(&rows, sort);
            let view = ListView { q: blank, sort, ..ListView::default() };
            let kept = select(&rows, &ordered, &view, 1, "2026-11-10");
            let filtered: Vec<u32> = ordered
                .iter()
                .copied()
                .filter(|&i| matches(&rows[i as usize], &view, &[], 1, "2026-11-10"))
                .collect();
            prop_assert_eq!(&kept, &ordered);
            prop_assert_eq!(kept, filtered);
        }

        /// Every sort is a total order: sorting is a permutation, and
        /// reversing the direction reverses it (ids are unique here).
        #[test]
        fn the_orders_are_total(rows in proptest::collection::vec(arb_row(), 0..60)) {
            let mut seen = std::collections::HashSet::new();
            let rows: Vec<ListRow> = rows.into_iter().filter(|r| seen.insert(r.id)).collect();
            for column in SortColumn::ALL {
                let asc = order(&rows, Sort { column, desc: false });
                let mut desc = order(&rows, Sort { column, desc: true });
                let mut sorted = asc.clone();
                sorted.sort_unstable();
                prop_assert_eq!(sorted, (0..rows.len() as u32).collect::<Vec<_>>());
                if column != SortColumn::NextActionDue {
                    desc.reverse();
                    prop_assert_eq!(asc, desc);
                }
            }
        }
    }
}
