//! The club's words in other languages (issue #21): an appointment type's
//! name and description and each question, in Dutch, French and English.
//! Folded away under the text they translate: most clubs write one
//! language, and a visitor reads the club's own words where a translation
//! is empty. Errors name `names.fr`, `questions[1].labels.nl`, as the
//! server's check does.

use frontdesk_core::model::Localized;
use leptos::prelude::*;

use super::errors::FormErrors;
use super::field::TextField;
use crate::i18n::*;
use crate::i18n_fill::fill;

/// The languages, each named in itself: a Dutch speaker looks for
/// "Nederlands" whatever language the form is in.
const LANGUAGES: [(&str, &str); 3] = [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")];

/// A text's translations as a form edits them.
#[derive(Clone, Copy)]
pub struct LocalizedInput {
    nl: RwSignal<String>,
    fr: RwSignal<String>,
    en: RwSignal<String>,
}

impl LocalizedInput {
    pub fn new(start: &Localized) -> Self {
        Self {
            nl: RwSignal::new(start.nl.clone()),
            fr: RwSignal::new(start.fr.clone()),
            en: RwSignal::new(start.en.clone()),
        }
    }

    /// What was typed, trimmed.
    pub fn value(self) -> Localized {
        Localized {
            nl: self.nl.get_untracked(),
            fr: self.fr.get_untracked(),
            en: self.en.get_untracked(),
        }
        .trimmed()
    }

    fn of(self, lang: &str) -> RwSignal<String> {
        match lang {
            "nl" => self.nl,
            "fr" => self.fr,
            _ => self.en,
        }
    }
}

/// Whether a fold of translations is open: at first where it holds text,
/// then as the person toggles it, and opened whenever one of its fields has
/// an error (the form's own check or the server's), so the error is seen
/// and focus can reach it.
fn folded_open(has_text: bool, has_error: impl Fn() -> bool + 'static) -> RwSignal<bool> {
    let open = RwSignal::new(has_text);
    Effect::new(move || {
        if has_error() {
            open.set(true);
        }
    });
    open
}

/// The name's and the description's translations of an appointment type.
#[component]
pub fn TypeTranslations(
    names: LocalizedInput,
    descriptions: LocalizedInput,
    errors: FormErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = folded_open(
        !names.value().is_empty() || !descriptions.value().is_empty(),
        move || {
            LANGUAGES.iter().any(|(lang, _)| {
                errors.get(&format!("names.{lang}")).is_some()
                    || errors.get(&format!("descriptions.{lang}")).is_some()
            })
        },
    );
    // TextField's ids are static: one pair per language.
    let ids = |lang: &str| match lang {
        "nl" => (
            "bs-type-name-nl",
            "bs-type-description-nl",
            "names.nl",
            "descriptions.nl",
        ),
        "fr" => (
            "bs-type-name-fr",
            "bs-type-description-fr",
            "names.fr",
            "descriptions.fr",
        ),
        _ => (
            "bs-type-name-en",
            "bs-type-description-en",
            "names.en",
            "descriptions.en",
        ),
    };
    view! {
        <details class="bs-translations" prop:open=move || open.get() on:toggle=move |ev| {
            open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"));
        }>
            <summary>{t!(i18n, bs_translations)}</summary>
            <p class="field-hint">{t!(i18n, bs_translations_hint)}</p>
            {LANGUAGES
                .into_iter()
                .map(|(lang, language)| {
                    let (name_id, description_id, name_field, description_field) = ids(lang);
                    view! {
                        <div class="bs-translation">
                            <TextField
                                id=name_id
                                label=move || fill(t_string!(i18n, bs_name_in), &[("lang", language.to_owned())])
                                value=names.of(lang)
                                error=errors.field(name_field)
                            />
                            <TextField
                                id=description_id
                                label=move || fill(t_string!(i18n, bs_description_in), &[("lang", language.to_owned())])
                                value=descriptions.of(lang)
                                error=errors.field(description_field)
                            />
                        </div>
                    }
                })
                .collect_view()}
        </details>
    }
}

/// One question's translations; `index` is its place in the list, which
/// names its errors.
#[component]
pub fn QuestionTranslations(
    qid: u32,
    #[prop(into)] index: Signal<usize>,
    labels: LocalizedInput,
    errors: FormErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = folded_open(!labels.value().is_empty(), move || {
        LANGUAGES.iter().any(|(lang, _)| {
            errors
                .get(&format!("questions[{}].labels.{lang}", index.get()))
                .is_some()
        })
    });
    view! {
        <details class="bs-translations bs-question-translations" prop:open=move || open.get() on:toggle=move |ev| {
            open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"));
        }>
            <summary>{t!(i18n, bs_translations)}</summary>
            {LANGUAGES
                .into_iter()
                .map(|(lang, language)| {
                    let id = format!("bs-q-{qid}-{lang}");
                    let error_id = format!("{id}-error");
                    let value = labels.of(lang);
                    let error = move || errors.get(&format!("questions[{}].labels.{lang}", index.get()));
                    view! {
                        <div class="field">
                            <label for=id.clone()>
                                {move || fill(t_string!(i18n, bs_question_in), &[("lang", language.to_owned())])}
                            </label>
                            <input
                                id=id.clone()
                                type="text"
                                prop:value=move || value.get()
                                on:input=move |ev| value.set(event_target_value(&ev))
                                aria-invalid=move || error().is_some().then_some("true")
                                aria-describedby=error_id.clone()
                            />
                            <p class="field-error" id=error_id.clone() role="alert">{error}</p>
                        </div>
                    }
                })
                .collect_view()}
        </details>
    }
}
