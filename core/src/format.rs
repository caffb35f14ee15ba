//! Counts and money the way each language writes them (issue #21: "one way
//! to write dates, times, money and counts per language"). The staff app,
//! the widget and the settings all call these, so a price reads the same on
//! the board, in the booking setup and in the widget. `lang` is `nl`, `fr`
//! or `en` (a longer tag is cut to its language); anything else is English.
//! Dates and times are in [`dates`].

pub mod dates;

fn language(lang: &str) -> &'static str {
    crate::sales::language(Some(lang))
}

/// The language's thousands separator (French: a narrow no-break space,
/// so a number never breaks over two lines).
pub fn thousands_separator(lang: &str) -> char {
    match language(lang) {
        "nl" => '.',
        "fr" => '\u{202f}',
        _ => ',',
    }
}

/// `digits` in groups of three, `separator` between them.
pub fn grouped(digits: u64, separator: char) -> String {
    let digits = digits.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A count as the language writes it: `count("nl", 10000)` is "10.000".
pub fn count(lang: &str, n: u64) -> String {
    grouped(n, thousands_separator(lang))
}

fn symbol(currency: &str) -> Option<&'static str> {
    match currency {
        "EUR" => Some("€"),
        "USD" => Some("$"),
        "GBP" => Some("£"),
        _ => None,
    }
}

/// An amount of integer cents: `€12,345` (en), `€ 12.345,50` (nl),
/// `12 345,50 €` (fr); whole units unless there are cents. A currency
/// without a common sign is written by its code after the amount.
pub fn money(lang: &str, cents: i64, currency: &str) -> String {
    let lang = language(lang);
    let decimal = if lang == "en" { '.' } else { ',' };
    let abs = cents.unsigned_abs();
    let (units, rest) = (abs / 100, abs % 100);
    let mut amount = grouped(units, thousands_separator(lang));
    if rest != 0 {
        amount.push(decimal);
        amount.push_str(&format!("{rest:02}"));
    }
    let sign = if cents < 0 { "-" } else { "" };
    match (symbol(currency), lang) {
        (Some(s), "en") => format!("{sign}{s}{amount}"),
        (Some(s), "nl") => format!("{sign}{s}\u{a0}{amount}"),
        (Some(s), _) => format!("{sign}{amount}\u{a0}{s}"),
        (None, _) => format!("{sign}{amount}\u{a0}{currency}"),
    }
}

/// Cents from what a person typed: `1234`, `1234.5`, `1.234,50`, `€ 99`,
/// `-12,50`. The last separator followed by one or two digits is the
/// decimal one; any other separator groups thousands.
pub fn parse_money(text: &str) -> Option<i64> {
    let cleaned: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
        .collect();
    let (negative, cleaned) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.as_str()),
    };
    if cleaned.is_empty() || cleaned.contains('-') {
        return None;
    }
    let (whole, fraction) = match cleaned.rfind(['.', ',']) {
        Some(i) if cleaned.len() - i - 1 <= 2 => (&cleaned[..i], &cleaned[i + 1..]),
        _ => (cleaned, ""),
    };
    let whole: String = whole.chars().filter(|c| c.is_ascii_digit()).collect();
    let units: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let cents: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    let abs = units.checked_mul(100)?.checked_add(cents)?;
    Some(if negative { -abs } else { abs })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn counts_are_grouped_the_language_s_way() {
        assert_eq!(count("en", 0), "0");
        assert_eq!(count("en", 999), "999");
        assert_eq!(count("en", 10_000), "10,000");
        assert_eq!(count("nl", 100_000), "100.000");
        assert_eq!(count("fr-BE", 1_234_567), "1\u{202f}234\u{202f}567");
        assert_eq!(grouped(u64::MAX, ','), "18,446,744,073,709,551,615");
    }

    #[test]
    fn money_is_written_the_language_s_way() {
        assert_eq!(money("en", 123_456_789, "EUR"), "€1,234,567.89");
        assert_eq!(money("nl", 59_900, "EUR"), "€\u{a0}599");
        assert_eq!(money("nl", 2_550, "EUR"), "€\u{a0}25,50");
        assert_eq!(money("fr", 123_450, "EUR"), "1\u{202f}234,50\u{a0}€");
        assert_eq!(money("en", 1_000, "CHF"), "10\u{a0}CHF");
        assert_eq!(money("en", -1_050, "EUR"), "-€10.50");
        assert_eq!(money("de", 100, "USD"), "$1");
    }

    #[test]
    fn typed_amounts_are_read() {
        assert_eq!(parse_money("1.234,50"), Some(123_450));
        assert_eq!(parse_money("1,234.5"), Some(123_450));
        assert_eq!(parse_money("€ 599"), Some(59_900));
        assert_eq!(parse_money("-12,50"), Some(-1_250));
        assert_eq!(parse_money("1-2"), None);
        assert_eq!(parse_money("abc"), None);
    }

    proptest! {
        #[test]
        fn what_is_written_reads_back(cents in -1_000_000_000_000i64..1_000_000_000_000, lang in "(nl|fr|en)") {
            prop_assert_eq!(parse_money(&money(&lang, cents, "EUR")), Some(cents));
        }
    }
}
