//! Phone numbers (issue #21): stored as E.164 (`+32470123456`), the club's
//! country the default for a number typed nationally (`0470 12 34 56`),
//! shown in the national format of the club's country, and found by their
//! digits however they were typed.
//!
//! Only what a club in Belgium, the Netherlands, Luxembourg, France or
//! Germany needs: a national number starts with the trunk `0` (not in
//! Luxembourg), an international one with `+` or `00`. A full numbering
//! plan library would cost the browser's download far more than these
//! rules; a number of another country is kept as typed in E.164 and shown
//! in international form.

use crate::validate::FieldError;

/// A country Frontdesk formats: ISO code, calling code, trunk prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    pub iso: &'static str,
    pub calling: &'static str,
    trunk: bool,
}

pub const COUNTRIES: [Country; 5] = [
    Country {
        iso: "BE",
        calling: "32",
        trunk: true,
    },
    Country {
        iso: "NL",
        calling: "31",
        trunk: true,
    },
    Country {
        iso: "LU",
        calling: "352",
        trunk: false,
    },
    Country {
        iso: "FR",
        calling: "33",
        trunk: true,
    },
    Country {
        iso: "DE",
        calling: "49",
        trunk: true,
    },
];

pub fn country(iso: &str) -> Option<Country> {
    COUNTRIES
        .into_iter()
        .find(|c| c.iso.eq_ignore_ascii_case(iso))
}

/// Belgium, where Frontdesk's first clubs are, for a club that chose none.
pub const DEFAULT_COUNTRY: &str = "BE";

fn default_country() -> Country {
    COUNTRIES[0]
}

/// E.164: `+` and 8 to 15 digits.
const MIN_DIGITS: usize = 8;
const MAX_DIGITS: usize = 15;

/// `input` as E.164, a national number read as one of `home` (an ISO
/// code; an unknown one reads as Belgium). Separators (spaces, dots,
/// dashes, slashes, brackets) go; anything else is an error.
pub fn normalize(input: &str, home: &str) -> Result<String, FieldError> {
    let home = country(home).unwrap_or_else(default_country);
    let v = input.trim();
    if v.is_empty() {
        return Err(FieldError::Required);
    }
    let (plus, body) = match v.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, v),
    };
    let mut digits = String::with_capacity(body.len());
    for c in body.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '.' | '-' | '/' | '(' | ')' | '\u{a0}' => {}
            _ => return Err(FieldError::Phone),
        }
    }
    let international = if plus {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_owned()
    } else if home.trunk {
        match digits.strip_prefix('0') {
            Some(rest) => format!("{}{rest}", home.calling),
            // No trunk 0: the number as dialled without it.
            None => format!("{}{digits}", home.calling),
        }
    } else {
        format!("{}{digits}", home.calling)
    };
    if !(MIN_DIGITS..=MAX_DIGITS).contains(&international.len()) || international.starts_with('0') {
        return Err(FieldError::Phone);
    }
    Ok(format!("+{international}"))
}

/// How a number is shown: nationally when it is of `home`'s country
/// (`0470 12 34 56`), else internationally (`+33 6 12 34 56 78`). A value
/// that is not E.164 (a vendor's, typed otherwise) is shown as it is.
pub fn display(value: &str, home: &str) -> String {
    let home = country(home).unwrap_or_else(default_country);
    let Some(digits) = value.strip_prefix('+') else {
        return value.to_owned();
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return value.to_owned();
    }
    let Some(country) = COUNTRIES
        .into_iter()
        .find(|c| digits.starts_with(c.calling))
    else {
        return format!("+{}", groups(digits, &[2, 3]));
    };
    let national = &digits[country.calling.len()..];
    let grouped = grouped(country, national);
    if country == home {
        if country.trunk {
            format!("0{grouped}")
        } else {
            grouped
        }
    } else {
        format!("+{} {grouped}", country.calling)
    }
}

/// A national number (without trunk) in the groups its country writes.
fn grouped(country: Country, national: &str) -> String {
    let first = national.as_bytes().first().copied().unwrap_or(b'0');
    let sizes: &[usize] = match (country.iso, national.len()) {
        // Mobiles 4xx xx xx xx; Brussels, Antwerp, Liège, Ghent x xxx xx xx;
        // other zones xx xx xx xx.
        ("BE", 9) => &[3, 2, 2, 2],
        ("BE", 8) if matches!(first, b'2' | b'3' | b'4' | b'9') => &[1, 3, 2, 2],
        ("BE", 8) => &[2, 2, 2, 2],
        // 6 12345678; 20 123 4567.
        ("NL", 9) if first == b'6' => &[1, 8],
        ("NL", 9) => &[2, 3, 4],
        ("FR", 9) => &[1, 2, 2, 2, 2],
        ("DE", _) => &[3],
        _ => &[3, 3],
    };
    groups(national, sizes)
}

/// `digits` cut after each of `sizes` in turn, the last size repeating.
fn groups(digits: &str, sizes: &[usize]) -> String {
    let mut out = String::with_capacity(digits.len() + 6);
    let mut rest = digits;
    let mut i = 0;
    while !rest.is_empty() {
        let size = sizes[i.min(sizes.len() - 1)].min(rest.len());
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&rest[..size]);
        rest = &rest[size..];
        i += 1;
    }
    out
}

/// A stored E.164 number of a country with a trunk prefix, as dialled
/// there without separators (`+32470123456` → `0470123456`): what the
/// search also looks in, so a number typed nationally is found. Plain
/// string work, which the server's SQL search repeats exactly
/// (`national_digits_sql`).
pub fn national_digits(stored: &str) -> Option<String> {
    let digits = stored.strip_prefix('+')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    COUNTRIES
        .iter()
        .filter(|c| c.trunk)
        .find_map(|c| digits.strip_prefix(c.calling))
        .map(|rest| format!("0{rest}"))
}

/// `national_digits` of `column` in SQLite (NULL where it has none).
pub fn national_digits_sql(column: &str) -> String {
    let mut sql = String::from("CASE");
    for c in COUNTRIES.iter().filter(|c| c.trunk) {
        let n = c.calling.len() + 2;
        sql.push_str(&format!(
            " WHEN {column} GLOB '+{}*' AND substr({column}, 2) NOT GLOB '*[^0-9]*' \
             THEN '0' || substr({column}, {n})",
            c.calling
        ));
    }
    sql.push_str(" END");
    sql
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn typed_every_way_a_number_is_one_number() {
        for typed in [
            "0470 12 34 56",
            "0470123456",
            "+32 470 12 34 56",
            "+32470123456",
            "0032 470/12.34.56",
            "(0470) 12-34-56",
        ] {
            assert_eq!(normalize(typed, "BE"), Ok("+32470123456".into()), "{typed}");
        }
        assert_eq!(normalize("06 12 34 56 78", "FR"), Ok("+33612345678".into()));
        assert_eq!(normalize("621 123 456", "LU"), Ok("+352621123456".into()));
        assert_eq!(
            normalize("+33 6 12 34 56 78", "BE"),
            Ok("+33612345678".into())
        );
    }

    #[test]
    fn what_is_no_number_is_named() {
        assert_eq!(normalize("", "BE"), Err(FieldError::Required));
        assert_eq!(normalize("call me", "BE"), Err(FieldError::Phone));
        assert_eq!(normalize("0470", "BE"), Err(FieldError::Phone));
        assert_eq!(normalize("+0470123456", "BE"), Err(FieldError::Phone));
        assert_eq!(normalize("+1234567890123456", "BE"), Err(FieldError::Phone));
    }

    #[test]
    fn shown_nationally_at_home_and_internationally_abroad() {
        assert_eq!(display("+32470123456", "BE"), "0470 12 34 56");
        assert_eq!(display("+3221234567", "BE"), "02 123 45 67");
        assert_eq!(display("+3250123456", "BE"), "050 12 34 56");
        assert_eq!(display("+33612345678", "BE"), "+33 6 12 34 56 78");
        assert_eq!(display("+33612345678", "FR"), "06 12 34 56 78");
        assert_eq!(display("+31612345678", "NL"), "06 12345678");
        assert_eq!(display("+32470123456", "NL"), "+32 470 12 34 56");
        assert_eq!(display("+352621123456", "LU"), "621 123 456");
        assert_eq!(display("+12025550123", "BE"), "+12 025 550 123");
        // Not E.164: as it is.
        assert_eq!(display("0470 12 34 56", "BE"), "0470 12 34 56");
    }

    #[test]
    fn national_digits_are_what_is_dialled_at_home() {
        assert_eq!(
            national_digits("+32470123456").as_deref(),
            Some("0470123456")
        );
        assert_eq!(
            national_digits("+33612345678").as_deref(),
            Some("0612345678")
        );
        assert_eq!(national_digits("+352621123456"), None, "no trunk 0");
        assert_eq!(national_digits("+32 470 12 34 56"), None, "not E.164");
        assert_eq!(national_digits("0470123456"), None);
    }

    #[test]
    fn a_number_is_found_by_the_pieces_people_type() {
        // What the search looks in for one number (`ListRow::push_hay`):
        // as stored, and as dialled at home.
        let stored = normalize("0470 12 34 56", "BE").unwrap();
        let hay = format!("{stored} {}", national_digits(&stored).unwrap());
        for term in ["0470123456", "+32", "470", "0470", "12", "+32470"] {
            assert!(hay.contains(term), "{term}");
        }
    }

    proptest! {
        /// Normalizing is idempotent, and shown then normalized again gives
        /// the same number back: the displayed form loses nothing.
        #[test]
        fn normalized_numbers_survive_display(
            home in prop::sample::select(vec!["BE", "NL", "LU", "FR", "DE"]),
            abroad in prop::sample::select(vec!["BE", "NL", "LU", "FR", "DE"]),
            rest in "[1-9][0-9]{7,9}",
        ) {
            let calling = country(abroad).unwrap().calling;
            let e164 = format!("+{calling}{rest}");
            prop_assume!(e164.len() - 1 <= MAX_DIGITS);
            prop_assert_eq!(normalize(&e164, home), Ok(e164.clone()));
            let shown = display(&e164, home);
            prop_assert_eq!(normalize(&shown, home), Ok(e164));
        }
    }
}
