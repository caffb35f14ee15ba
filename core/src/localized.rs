//! A club's own words in the visitor's language: an appointment type's name
//! and description, a question, a stage, a reason. Each has its text as the
//! club wrote it (the base, shown where no translation fits) and, beside it,
//! what the club wrote per language. Visitors and staff read the one of
//! their language; the base stays what vendors send and what older clients
//! read.

use serde::{Deserialize, Serialize};

/// One text in each language; empty where nobody wrote it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Localized {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub nl: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fr: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
}

impl Localized {
    /// No language has a text (serialized as nothing at all).
    pub fn is_empty(&self) -> bool {
        self.nl.trim().is_empty() && self.fr.trim().is_empty() && self.en.trim().is_empty()
    }

    /// The text written for `lang` (`nl`, `fr`, `en`; a longer tag such as
    /// `nl-BE` is cut to its language), else `base`: the club's own words
    /// before a guess at another language's.
    pub fn pick<'a>(&'a self, lang: &str, base: &'a str) -> &'a str {
        let own = match lang.get(..2).unwrap_or(lang) {
            "nl" => &self.nl,
            "fr" => &self.fr,
            "en" => &self.en,
            _ => return base,
        };
        match own.trim() {
            "" => base,
            text => text,
        }
    }

    /// Each language's text trimmed; what is left empty stays empty.
    pub fn trimmed(&self) -> Self {
        Self {
            nl: self.nl.trim().to_owned(),
            fr: self.fr.trim().to_owned(),
            en: self.en.trim().to_owned(),
        }
    }

    /// The languages whose text is longer than `limit` characters, for the
    /// caller's field-named error (`names.fr`).
    pub fn too_long(&self, limit: usize) -> impl Iterator<Item = &'static str> + '_ {
        [("nl", &self.nl), ("fr", &self.fr), ("en", &self.en)]
            .into_iter()
            .filter(move |(_, text)| text.trim().chars().count() > limit)
            .map(|(lang, _)| lang)
    }

    /// As stored: a JSON object of the languages that have a text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.trimmed()).unwrap_or_else(|_| "{}".to_owned())
    }

    /// From what [`Localized::to_json`] stored; anything unreadable is no
    /// translation (the base still shows), never an error for a visitor.
    pub fn from_json(stored: &str) -> Self {
        serde_json::from_str(stored).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn nl_only(text: &str) -> Localized {
        Localized {
            nl: text.to_owned(),
            ..Localized::default()
        }
    }

    #[test]
    fn a_language_reads_its_own_text_and_the_others_the_base() {
        let l = nl_only("Rondleiding");
        assert_eq!(l.pick("nl", "Club tour"), "Rondleiding");
        assert_eq!(l.pick("nl-BE", "Club tour"), "Rondleiding");
        assert_eq!(l.pick("fr", "Club tour"), "Club tour");
        assert_eq!(l.pick("en", "Club tour"), "Club tour");
        assert_eq!(l.pick("de", "Club tour"), "Club tour");
        assert_eq!(l.pick("", "Club tour"), "Club tour");
    }

    #[test]
    fn blank_translations_are_no_translation() {
        let l = nl_only("   ");
        assert!(l.is_empty());
        assert_eq!(l.pick("nl", "Club tour"), "Club tour");
        assert_eq!(l.to_json(), "{}");
    }

    #[test]
    fn stored_text_reads_back_and_unreadable_text_is_none() {
        let l = Localized {
            nl: " Proefles ".into(),
            fr: "Cours d'essai".into(),
            en: String::new(),
        };
        let stored = l.to_json();
        assert_eq!(stored, r#"{"nl":"Proefles","fr":"Cours d'essai"}"#);
        assert_eq!(Localized::from_json(&stored), l.trimmed());
        assert_eq!(Localized::from_json("not json"), Localized::default());
        assert_eq!(
            Localized::from_json(r#"{"de":"Probe"}"#),
            Localized::default()
        );
    }

    #[test]
    fn too_long_names_each_language_over_the_limit() {
        let l = Localized {
            nl: "é".repeat(5),
            fr: "é".repeat(6),
            en: "abcdef".into(),
        };
        assert_eq!(l.too_long(5).collect::<Vec<_>>(), ["fr", "en"]);
        assert_eq!(l.too_long(6).count(), 0);
    }

    proptest! {
        #[test]
        fn a_pick_is_the_own_text_or_the_base(
            nl in "\\PC{0,12}", fr in "\\PC{0,12}", en in "\\PC{0,12}",
            base in "\\PC{1,12}", lang in "(nl|fr|en|de)",
        ) {
            let l = Localized { nl, fr, en };
            let picked = l.pick(&lang, &base);
            let own = match lang.as_str() { "nl" => &l.nl, "fr" => &l.fr, "en" => &l.en, _ => "" };
            if own.trim().is_empty() {
                prop_assert_eq!(picked, base.as_str());
            } else {
                prop_assert_eq!(picked, own.trim());
            }
            prop_assert_eq!(Localized::from_json(&l.to_json()), l.trimmed());
        }
    }
}
