//! How prospect values read on screen, in the person's language.

use leptos_i18n::I18nContext;

use crate::i18n::*;

/// A status in words; statuses the app does not know (a vendor's own) show
/// as they are.
pub fn status_label(i18n: I18nContext<Locale>, status: &str) -> String {
    let known = match status {
        "new" => t_string!(i18n, status_new),
        "contacted" => t_string!(i18n, status_contacted),
        "tour_booked" => t_string!(i18n, status_tour_booked),
        "trial" => t_string!(i18n, status_trial),
        "member" => t_string!(i18n, status_member),
        "not_interested" => t_string!(i18n, status_not_interested),
        other => return other.to_owned(),
    };
    known.to_owned()
}

/// `YYYY-MM-DD…` as "23 nov 2026" in the person's language (the one
/// short date of `frontdesk_core::format::dates`).
pub fn short_date(i18n: I18nContext<Locale>, stamp: &str) -> String {
    crate::dates::short_date(i18n.get_locale(), stamp)
}

/// A prospect field's name on screen (the import's column mapping).
pub fn field_label(i18n: I18nContext<Locale>, field: &str) -> String {
    let words = match field {
        "first_name" => t_string!(i18n, first_name),
        "last_name" => t_string!(i18n, last_name),
        "gender" => t_string!(i18n, gender),
        "birth_date" => t_string!(i18n, birth_date),
        "address" => t_string!(i18n, address),
        "zip" => t_string!(i18n, zip),
        "city" => t_string!(i18n, prospect_city),
        "email" => t_string!(i18n, email),
        "mobile" => t_string!(i18n, mobile),
        "phone" => t_string!(i18n, phone),
        "language" => t_string!(i18n, language),
        "source" => t_string!(i18n, prospect_source),
        "sub_source" => t_string!(i18n, sub_source),
        "note" => t_string!(i18n, note),
        "owner_id" => t_string!(i18n, prospect_owner),
        "tags" => t_string!(i18n, prospect_tags),
        "status" => t_string!(i18n, prospect_status),
        "next_action" => t_string!(i18n, prospect_next_action),
        "next_action_due" => t_string!(i18n, next_action_due),
        other => return other.to_owned(),
    };
    words.to_owned()
}
