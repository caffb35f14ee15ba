//! Values in translated sentences. The locale files write a value as
//! `{name}`; leptos_i18n's own interpolation cannot produce a plain string
//! with `load_locales!`, which toasts and labels need. Counts and money are
//! written the language's way (10,000 / 10.000 / 10 000), by
//! `core::format` for the page's locale.

use crate::i18n::Locale;
use leptos_i18n::Locale as _;

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A count as the language writes it: `number(Locale::nl, 10000)` is
/// "10.000" (`core::format`, which the widget and settings share).
pub fn number(locale: Locale, n: u64) -> String {
    frontdesk_core::format::count(locale.as_str(), n)
}

/// An amount of cents as the language writes money: `€12,345`, `€ 12.345`,
/// `12 345 €`.
pub fn money(locale: Locale, cents: i64, currency: &str) -> String {
    frontdesk_core::format::money(locale.as_str(), cents, currency)
}

#[cfg(test)]
mod tests {
    use super::{fill, money, number};
    use crate::i18n::Locale;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn counts_are_grouped_the_language_s_way() {
        assert_eq!(number(Locale::en, 0), "0");
        assert_eq!(number(Locale::en, 999), "999");
        assert_eq!(number(Locale::en, 10_000), "10,000");
        assert_eq!(number(Locale::nl, 100_000), "100.000");
        assert_eq!(number(Locale::fr, 1_234_567), "1\u{202f}234\u{202f}567");
    }

    /// The page's locale reaches `core::format` (its own tests cover the
    /// rules).
    #[wasm_bindgen_test]
    fn money_follows_the_page_s_locale() {
        assert_eq!(money(Locale::en, 123_456_789, "EUR"), "€1,234,567.89");
        assert_eq!(money(Locale::nl, 59_900, "EUR"), "€\u{a0}599");
        assert_eq!(money(Locale::fr, 2_500, "EUR"), "25\u{a0}€");
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
