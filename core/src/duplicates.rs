//! Which rows of an import repeat someone (issue #21): a prospect already
//! there, or an earlier row of the same file, by email (in any letter
//! case) or by a phone number in either form it may be stored in. The same
//! rule as the form's duplicate check (`GET /prospects/duplicates`), for a
//! whole file at once: the server builds an [`Index`] of the prospects
//! once, then each row is a few map lookups.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// One row of an import that repeats someone. The preview lists them; the
/// import skips them unless asked to write them anyway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportDuplicate {
    /// The CSV row (1 = first data row).
    pub row: usize,
    /// What repeats: `email`, `mobile` or `phone`.
    pub field: String,
    /// The prospect it repeats, when one exists already.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prospect: Option<Known>,
    /// Else the earlier row of the file it repeats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earlier_row: Option<usize>,
}

/// A prospect as a duplicate names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Known {
    pub id: i64,
    pub name: String,
}

/// The prospects already there, by email and by number.
#[derive(Debug, Default)]
pub struct Index {
    emails: HashMap<String, Known>,
    numbers: HashMap<String, Known>,
}

impl Index {
    /// Adds a prospect with its numbers as stored: E.164 on Frontdesk's own
    /// store, as the vendor wrote them on a mirror. The first prospect
    /// added under a key is the one named.
    pub fn add(&mut self, known: Known, email: &str, numbers: &[&str]) {
        let email = email_key(email);
        if !email.is_empty() {
            self.emails.entry(email).or_insert_with(|| known.clone());
        }
        for n in numbers {
            let n = bare(n);
            if !n.is_empty() {
                self.numbers.entry(n).or_insert_with(|| known.clone());
            }
        }
    }
}

/// A row's keys: its email, and its numbers as E.164 (the import stores
/// them so), each with the field it came from.
pub struct Row<'a> {
    pub row: usize,
    pub email: &'a str,
    pub numbers: &'a [(&'a str, &'a str)],
}

/// Every row that repeats a prospect of `index` or an earlier row, once,
/// in row order. A prospect already there is named before an earlier row:
/// it is the one a person would open.
pub fn find<'a>(index: &Index, rows: impl IntoIterator<Item = Row<'a>>) -> Vec<ImportDuplicate> {
    let mut emails: HashMap<String, usize> = HashMap::new();
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut found = Vec::new();
    for r in rows {
        let email = email_key(r.email);
        // Both forms a number is stored in: `+32470…` and `0470…`.
        let keys: Vec<(&str, Vec<String>)> = r
            .numbers
            .iter()
            .filter(|(_, n)| !n.trim().is_empty())
            .map(|(field, n)| {
                let e164 = bare(n);
                let national = crate::phone::national_digits(&e164);
                (
                    *field,
                    [Some(e164), national].into_iter().flatten().collect(),
                )
            })
            .collect();
        let in_index = (!email.is_empty())
            .then(|| index.emails.get(&email).map(|k| ("email", k)))
            .flatten()
            .or_else(|| {
                keys.iter().find_map(|(field, ks)| {
                    ks.iter()
                        .find_map(|k| index.numbers.get(k))
                        .map(|k| (*field, k))
                })
            });
        let earlier = (!email.is_empty())
            .then(|| emails.get(&email).map(|row| ("email", *row)))
            .flatten()
            .or_else(|| {
                keys.iter().find_map(|(field, ks)| {
                    ks.iter()
                        .find_map(|k| numbers.get(k))
                        .map(|row| (*field, *row))
                })
            });
        match (in_index, earlier) {
            (Some((field, known)), _) => found.push(ImportDuplicate {
                row: r.row,
                field: field.to_owned(),
                prospect: Some(known.clone()),
                earlier_row: None,
            }),
            (None, Some((field, row))) => found.push(ImportDuplicate {
                row: r.row,
                field: field.to_owned(),
                prospect: None,
                earlier_row: Some(row),
            }),
            (None, None) => {}
        }
        // The first row with a key is the one later rows repeat.
        if !email.is_empty() {
            emails.entry(email).or_insert(r.row);
        }
        for (_, ks) in keys {
            for k in ks {
                numbers.entry(k).or_insert(r.row);
            }
        }
    }
    found
}

fn email_key(email: &str) -> String {
    let email = email.trim();
    if email.contains('@') {
        email.to_lowercase()
    } else {
        String::new()
    }
}

/// A number without the separators people and vendors write in it, as
/// the form's check compares them (`api::duplicates`).
fn bare(number: &str) -> String {
    number
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '/' | '(' | ')'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(id: i64, name: &str) -> Known {
        Known {
            id,
            name: name.into(),
        }
    }

    fn index() -> Index {
        let mut index = Index::default();
        index.add(
            known(1, "Ann Peeters"),
            "Ann@Example.be",
            &["+32470112233", ""],
        );
        // A vendor's mirror keeps numbers as the vendor wrote them.
        index.add(
            known(2, "Bram Maes"),
            "",
            &["0471 22.33.44", "02/123 45 67"],
        );
        index
    }

    #[test]
    fn a_row_repeating_a_prospect_names_it_by_email_in_any_case() {
        let found = find(
            &index(),
            [Row {
                row: 1,
                email: " ann@EXAMPLE.be ",
                numbers: &[],
            }],
        );
        assert_eq!(
            found,
            vec![ImportDuplicate {
                row: 1,
                field: "email".into(),
                prospect: Some(known(1, "Ann Peeters")),
                earlier_row: None,
            }]
        );
    }

    #[test]
    fn numbers_match_in_either_stored_form() {
        let rows = [
            // E.164 against E.164.
            Row {
                row: 1,
                email: "",
                numbers: &[("mobile", "+32470112233")],
            },
            // E.164 against a vendor's national form with separators.
            Row {
                row: 2,
                email: "new@example.be",
                numbers: &[("mobile", ""), ("phone", "+32471223344")],
            },
            Row {
                row: 3,
                email: "",
                numbers: &[("phone", "+3221234567")],
            },
            // Someone else entirely.
            Row {
                row: 4,
                email: "other@example.be",
                numbers: &[("mobile", "+32499000000")],
            },
        ];
        let found = find(&index(), rows);
        let summary: Vec<_> = found
            .iter()
            .map(|d| (d.row, d.field.as_str(), d.prospect.as_ref().map(|k| k.id)))
            .collect();
        assert_eq!(
            summary,
            vec![
                (1, "mobile", Some(1)),
                (2, "phone", Some(2)),
                (3, "phone", Some(2))
            ]
        );
    }

    #[test]
    fn a_row_repeating_an_earlier_row_names_the_first_one() {
        let rows = [
            Row {
                row: 1,
                email: "cleo@example.be",
                numbers: &[("mobile", "+32470999888")],
            },
            Row {
                row: 2,
                email: "CLEO@example.be",
                numbers: &[],
            },
            Row {
                row: 3,
                email: "dirk@example.be",
                numbers: &[("phone", "+32470999888")],
            },
            Row {
                row: 4,
                email: "dirk@example.be",
                numbers: &[],
            },
        ];
        let found = find(&Index::default(), rows);
        let summary: Vec<_> = found
            .iter()
            .map(|d| (d.row, d.field.as_str(), d.earlier_row))
            .collect();
        assert_eq!(
            summary,
            vec![
                (2, "email", Some(1)),
                (3, "phone", Some(1)),
                (4, "email", Some(3))
            ]
        );
    }

    #[test]
    fn a_prospect_already_there_is_named_before_an_earlier_row() {
        let rows = [
            Row {
                row: 1,
                email: "ann@example.be",
                numbers: &[],
            },
            Row {
                row: 2,
                email: "ann@example.be",
                numbers: &[],
            },
        ];
        let found = find(&index(), rows);
        assert_eq!(found.len(), 2);
        assert!(
            found
                .iter()
                .all(|d| d.prospect.as_ref().map(|k| k.id) == Some(1))
        );
    }

    #[test]
    fn empty_keys_and_text_that_is_no_email_repeat_nothing() {
        let rows = [
            Row {
                row: 1,
                email: "",
                numbers: &[("mobile", ""), ("phone", "  ")],
            },
            Row {
                row: 2,
                email: "",
                numbers: &[("mobile", "")],
            },
            Row {
                row: 3,
                email: "n/a",
                numbers: &[],
            },
            Row {
                row: 4,
                email: "n/a",
                numbers: &[],
            },
        ];
        assert_eq!(find(&index(), rows), vec![]);
    }
}
