//! Values in translated sentences. The locale files write a value as
//! `{name}`; leptos_i18n's own interpolation cannot produce a plain string
//! with `load_locales!`, which toasts and labels need. Counts are written
//! the language's way: 10,000 / 10.000 / 10 000.

use crate::i18n::Locale;

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The language's thousands separator (French: a narrow no-break space,
/// so a number never breaks over two lines).
pub fn thousands_separator(locale: Locale) -> char {
    match locale {
        Locale::en => ',',
        Locale::nl => '.',
        Locale::fr => '\u{202f}',
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

/// A count as the language writes it: `number(Locale::nl, 10000)` is
/// "10.000".
pub fn number(locale: Locale, n: u64) -> String {
    grouped(n, thousands_separator(locale))
}

#[cfg(test)]
mod tests {
    use super::{fill, grouped, number};
    use crate::i18n::Locale;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn counts_are_grouped_the_language_s_way() {
        assert_eq!(number(Locale::en, 0), "0");
        assert_eq!(number(Locale::en, 999), "999");
        assert_eq!(number(Locale::en, 10_000), "10,000");
        assert_eq!(number(Locale::nl, 100_000), "100.000");
        assert_eq!(number(Locale::fr, 1_234_567), "1\u{202f}234\u{202f}567");
        assert_eq!(grouped(u64::MAX, ','), "18,446,744,073,709,551,615");
    }

    #[test]
    fn fills_every_named_value_once_named() {
        let s = fill(
            "{shown} of {total} match, {shown}",
            &[("shown", "3".into()), ("total", "10".into())],
        );
        assert_eq!(s, "3 of 10 match, 3");
        assert_eq!(fill("no values", &[]), "no values");
    }
}
