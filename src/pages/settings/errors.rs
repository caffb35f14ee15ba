//! A form's errors: each field's, in the person's language when the form
//! found it, in the server's words otherwise, and the form's own.

use std::collections::BTreeMap;

use frontdesk_core::problem::Problem;
use frontdesk_core::validate::{FieldError, FieldErrors};
use leptos::prelude::*;

use crate::components::field_error;
use crate::components::toasts::problem_text;
use crate::i18n::*;

#[derive(Clone, Copy)]
pub struct FormErrors {
    fields: RwSignal<BTreeMap<String, String>>,
    pub form: RwSignal<Option<String>>,
}

impl FormErrors {
    pub fn new() -> Self {
        Self {
            fields: RwSignal::new(BTreeMap::new()),
            form: RwSignal::new(None),
        }
    }

    pub fn field(self, name: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || self.fields.with(|f| f.get(name).cloned()))
    }

    /// A field whose name is made as the form renders (`questions[1].label`).
    pub fn get(self, name: &str) -> Option<String> {
        self.fields.with(|f| f.get(name).cloned())
    }

    pub fn clear(self) {
        self.fields.set(BTreeMap::new());
        self.form.set(None);
    }

    /// Errors the form found itself; `true` when there were any.
    pub fn found(self, i18n: leptos_i18n::I18nContext<Locale>, errors: FieldErrors) -> bool {
        let any = !errors.is_empty();
        self.fields.set(
            errors
                .into_iter()
                .map(|(f, e)| (f, field_error::words(i18n, e)))
                .collect(),
        );
        any
    }

    /// The server's refusal: its field errors beside their fields, the rest
    /// above the button. `try_`: the form may be gone by the answer.
    pub fn refused(self, i18n: leptos_i18n::I18nContext<Locale>, problem: &Problem) {
        if problem.errors.is_empty() {
            let _ = self.form.try_set(Some(problem_text(i18n, problem)));
        } else {
            // The server's words are English; those it shares with the
            // form are said in the person's language.
            let words = problem
                .errors
                .iter()
                .map(|(f, m)| {
                    let m = FieldError::from_message(m)
                        .map_or_else(|| m.clone(), |e| field_error::words(i18n, e));
                    (f.clone(), m)
                })
                .collect();
            let _ = self.fields.try_set(words);
            let _ = self.form.try_set(None);
        }
    }
}
