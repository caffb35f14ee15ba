//! A field's error in the person's language: one table for every form.

use frontdesk_core::validate::FieldError;

use crate::i18n::*;

pub fn words(i18n: leptos_i18n::I18nContext<Locale>, e: FieldError) -> String {
    match e {
        FieldError::Required => t_string!(i18n, required_field),
        FieldError::Email => t_string!(i18n, invalid_email),
        FieldError::Phone => t_string!(i18n, invalid_phone),
        FieldError::TooLong => t_string!(i18n, too_long),
        FieldError::Date => t_string!(i18n, invalid_date),
        FieldError::Future => t_string!(i18n, date_in_future),
        FieldError::NotAllowed => t_string!(i18n, not_allowed),
        FieldError::TooMany => t_string!(i18n, too_many),
        FieldError::Number => t_string!(i18n, invalid_number),
        FieldError::TooShort => t_string!(i18n, too_short),
        FieldError::Taken => t_string!(i18n, already_taken),
        FieldError::Incorrect => t_string!(i18n, not_correct),
    }
    .to_owned()
}
