//! Amounts as the board shows them: integer cents, the currency's sign for
//! the common ones, the thousands separator of the language.

use crate::i18n::Locale;

fn symbol(currency: &str) -> Option<&'static str> {
    match currency {
        "EUR" => Some("€"),
        "USD" => Some("$"),
        "GBP" => Some("£"),
        _ => None,
    }
}

/// `€12,345` / `€ 12.345,50`: whole units unless there are cents.
pub fn format(locale: Locale, cents: i64, currency: &str) -> String {
    let decimal = if locale == Locale::en { '.' } else { ',' };
    let negative = cents < 0;
    let abs = cents.unsigned_abs();
    let (units, rest) = (abs / 100, abs % 100);
    let mut grouped =
        crate::i18n_fill::grouped(units, crate::i18n_fill::thousands_separator(locale));
    if rest != 0 {
        grouped.push(decimal);
        grouped.push_str(&format!("{rest:02}"));
    }
    let sign = if negative { "-" } else { "" };
    match (symbol(currency), locale) {
        (Some(s), Locale::en) => format!("{sign}{s}{grouped}"),
        (Some(s), _) => format!("{sign}{s}\u{a0}{grouped}"),
        (None, _) => format!("{sign}{grouped}\u{a0}{currency}"),
    }
}

/// Cents from what a person typed: `1234`, `1234.5`, `1.234,50`, `€ 99`.
pub fn parse(text: &str) -> Option<i64> {
    let cleaned: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    // The last separator followed by one or two digits is the decimal one.
    let last_sep = cleaned.rfind(['.', ',']);
    let (whole, fraction) = match last_sep {
        Some(i) if cleaned.len() - i - 1 <= 2 => (&cleaned[..i], &cleaned[i + 1..]),
        _ => (cleaned.as_str(), ""),
    };
    let whole: String = whole.chars().filter(|c| *c != '.' && *c != ',').collect();
    let units: i64 = if whole.is_empty() || whole == "-" {
        0
    } else {
        whole.parse().ok()?
    };
    let cents: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    units.checked_mul(100)?.checked_add(cents)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn formats_and_reads_amounts() {
        assert_eq!(format(Locale::en, 123_456_789, "EUR"), "€1,234,567.89");
        assert_eq!(format(Locale::nl, 59_900, "EUR"), "€\u{a0}599");
        assert_eq!(format(Locale::en, 1_000, "CHF"), "10\u{a0}CHF");
        assert_eq!(parse("1.234,50"), Some(123_450));
        assert_eq!(parse("1,234.5"), Some(123_450));
        assert_eq!(parse("€ 599"), Some(59_900));
        assert_eq!(parse("abc"), None);
    }
}
