//! The club: its name, time zone, the languages it offers, its colour
//! and its logo.

use frontdesk_core::club::{self, ClubSettings, LANGUAGES};
use leptos::prelude::*;

use super::errors::FormErrors;
use super::field::TextField;
use crate::components::toasts::use_toasts;
use crate::i18n::*;

#[component]
pub fn ClubForm() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let name = RwSignal::new(String::new());
    let zone = RwSignal::new(String::new());
    let languages = RwSignal::new(Vec::<String>::new());
    let accent = RwSignal::new(club::DEFAULT_ACCENT.to_owned());
    let country = RwSignal::new(frontdesk_core::phone::DEFAULT_COUNTRY.to_owned());
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let fill = move |c: ClubSettings| {
        name.set(c.name);
        zone.set(c.time_zone);
        languages.set(c.languages);
        accent.set(c.accent_color);
        country.set(c.country);
    };
    let loaded = LocalResource::new(crate::api::settings::club);
    Effect::new(move || match loaded.get() {
        Some(Ok(c)) => fill(c),
        Some(Err(p)) => toasts.problem(&p),
        None => {}
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        saved.set(false);
        let chosen = languages.get_untracked();
        let settings = ClubSettings {
            name: name.get_untracked().trim().to_owned(),
            time_zone: zone.get_untracked().trim().to_owned(),
            // In Frontdesk's order, whatever order they were ticked in.
            languages: LANGUAGES
                .iter()
                .filter(|l| chosen.iter().any(|c| c == *l))
                .map(|l| (*l).to_owned())
                .collect(),
            accent_color: accent.get_untracked(),
            country: country.get_untracked(),
        };
        if errors.found(i18n, club::check(&settings)) {
            crate::dom::focus_after_render("#settings-club [aria-invalid=true]");
            return;
        }
        errors.clear();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = crate::api::settings::save_club(&settings).await;
            if busy.try_set(false).is_some() {
                return;
            }
            match answer {
                Ok(c) => {
                    if let Some(club) = use_context::<crate::club::Club>() {
                        club.0.set(Some(c.clone()));
                    }
                    fill(c);
                    saved.set(true);
                }
                Err(p) => errors.refused(i18n, &p),
            }
        });
    };

    let languages_error = errors.field("languages");
    let accent_error = errors.field("accent_color");

    view! {
        <section id="settings-club" class="card settings-section" aria-labelledby="settings-club-title">
            <h2 id="settings-club-title">{t!(i18n, settings_club)}</h2>
            <form class="settings-form" on:submit=submit novalidate>
                <TextField
                    id="club-name"
                    label=move || t_string!(i18n, club_name).to_owned()
                    value=name
                    error=errors.field("name")
                />
                <TextField
                    id="club-time-zone"
                    label=move || t_string!(i18n, club_time_zone).to_owned()
                    value=zone
                    error=errors.field("time_zone")
                    hint=Signal::derive(move || t_string!(i18n, club_time_zone_hint).to_owned())
                />
                <fieldset
                    class="field club-languages"
                    aria-invalid=move || languages_error.with(Option::is_some).then_some("true")
                    aria-describedby="club-languages-error"
                >
                    <legend>{t!(i18n, club_languages)}</legend>
                    {LANGUAGES
                        .iter()
                        .map(|l| {
                            let l = *l;
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || languages.with(|ls| ls.iter().any(|x| x == l))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            languages.update(|ls| {
                                                ls.retain(|x| x != l);
                                                if on {
                                                    ls.push(l.to_owned());
                                                }
                                            });
                                        }
                                    />
                                    <span lang=l>{crate::components::language_switch::language_name(l)}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                    <p class="field-error" id="club-languages-error" role="alert">{move || languages_error.get()}</p>
                </fieldset>
                <div class="field">
                    <label for="club-country">{t!(i18n, club_country)}</label>
                    <span class="field-hint" id="club-country-hint">{t!(i18n, club_country_hint)}</span>
                    <select
                        id="club-country"
                        aria-describedby="club-country-hint"
                        on:change=move |ev| country.set(event_target_value(&ev))
                    >
                        {frontdesk_core::phone::COUNTRIES
                            .iter()
                            .map(|c| {
                                let iso = c.iso;
                                view! {
                                    <option value=iso selected=move || country.with(|x| x == iso)>
                                        {move || country_name(i18n, iso)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="club-accent">{t!(i18n, club_accent)}</label>
                    <input
                        id="club-accent"
                        type="color"
                        prop:value=move || accent.get()
                        on:input=move |ev| accent.set(event_target_value(&ev))
                        aria-invalid=move || accent_error.with(Option::is_some).then_some("true")
                    />
                    <p class="field-error" role="alert">{move || accent_error.get()}</p>
                </div>
                <p class="form-error" role="alert">{move || errors.form.get()}</p>
                <button type="submit" class="button-accent" disabled=move || busy.get()>
                    {t!(i18n, club_save)}
                </button>
                <p class="settings-saved" role="status">
                    {move || saved.get().then(|| t_string!(i18n, club_saved))}
                </p>
            </form>
            // Outside the form: a logo is stored the moment it is chosen,
            // not with "Save the club".
            <super::logo::LogoField />
        </section>
    }
}

fn country_name(i18n: leptos_i18n::I18nContext<Locale>, iso: &str) -> &'static str {
    match iso {
        "BE" => t_string!(i18n, country_be),
        "NL" => t_string!(i18n, country_nl),
        "LU" => t_string!(i18n, country_lu),
        "FR" => t_string!(i18n, country_fr),
        _ => t_string!(i18n, country_de),
    }
}
