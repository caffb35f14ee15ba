//! Component tests in headless Chromium (wasm-bindgen-test): what needs a
//! real DOM — live regions, text escaping, the language switch.

#![cfg(target_arch = "wasm32")]

use frontdesk::components::language_switch::LanguageSwitch;
use frontdesk::components::toasts::{ToastRegion, Toasts, provide_toasts, use_toasts};
use frontdesk::i18n::I18nContextProvider;
use frontdesk_core::problem::Problem;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a view into a fresh element and returns that element.
fn mount(view: impl FnOnce() -> AnyView + 'static) -> web_sys::HtmlElement {
    let doc = document();
    let host: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), view);
    handle.forget();
    host
}

async fn tick() {
    gloo_timers::future::TimeoutFuture::new(20).await;
}

#[wasm_bindgen_test]
async fn toasts_show_problems_as_text_in_an_alert_and_can_be_dismissed() {
    let toasts = StoredValue::new(None::<Toasts>);
    let host = mount(move || {
        view! {
            <I18nContextProvider>
                {move || {
                    provide_toasts();
                    toasts.set_value(Some(use_toasts()));
                    view! { <ToastRegion /> }
                }}
            </I18nContextProvider>
        }
        .into_any()
    });
    let t = toasts.get_value().expect("toasts provided");
    // A vendor's text with markup must arrive as text, never as HTML.
    t.problem(&Problem::new(409, "Slot taken").with_detail("<b>Coach</b> is booked"));
    tick().await;
    let alert = host
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    assert!(
        alert
            .text_content()
            .unwrap()
            .contains("<b>Coach</b> is booked")
    );
    assert!(alert.query_selector("b").unwrap().is_none());

    t.info("Saved");
    tick().await;
    assert_eq!(host.query_selector_all(".toast").unwrap().length(), 2);
    let status = host
        .query_selector("[role=status]")
        .unwrap()
        .expect("a status toast");
    assert!(status.text_content().unwrap().contains("Saved"));

    let close: web_sys::HtmlElement = alert
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        close.get_attribute("aria-label").as_deref(),
        Some("Dismiss")
    );
    close.click();
    tick().await;
    assert!(host.query_selector("[role=alert]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn network_failures_are_explained_in_plain_words() {
    let toasts = StoredValue::new(None::<Toasts>);
    let host = mount(move || {
        view! {
            <I18nContextProvider>
                {move || {
                    provide_toasts();
                    toasts.set_value(Some(use_toasts()));
                    view! { <ToastRegion /> }
                }}
            </I18nContextProvider>
        }
        .into_any()
    });
    toasts.get_value().unwrap().problem(&Problem::new(
        frontdesk::api::NETWORK_STATUS,
        "TypeError: Failed to fetch",
    ));
    tick().await;
    let text = host.text_content().unwrap();
    assert!(text.contains("could not be reached"), "{text}");
    assert!(!text.contains("TypeError"), "{text}");
}

#[wasm_bindgen_test]
async fn language_switch_changes_the_page_language() {
    let host = mount(|| {
        view! {
            <I18nContextProvider>
                <LanguageSwitch />
            </I18nContextProvider>
        }
        .into_any()
    });
    tick().await;
    let select: web_sys::HtmlSelectElement = host
        .query_selector("select")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(select.options().length(), 3);
    select.set_value("fr");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
    assert_eq!(
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("fr")
    );
    assert_eq!(
        select.get_attribute("aria-label").as_deref(),
        Some("Langue")
    );

    select.set_value("nl");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
    assert_eq!(select.get_attribute("aria-label").as_deref(), Some("Taal"));
}

#[wasm_bindgen_test]
async fn the_widget_offers_only_the_clubs_languages_and_starts_in_its_first() {
    let offered = RwSignal::new(None::<Vec<String>>);
    let host = mount(move || {
        view! {
            <I18nContextProvider>
                <LanguageSwitch offered=offered />
            </I18nContextProvider>
        }
        .into_any()
    });
    tick().await;
    let shown = |host: &web_sys::HtmlElement| {
        let select: web_sys::HtmlSelectElement = host
            .query_selector("select")
            .unwrap()
            .unwrap()
            .unchecked_into();
        let options = select.options();
        (0..options.length())
            .filter_map(|i| options.item(i))
            .filter(|o| !o.has_attribute("hidden"))
            .filter_map(|o| o.get_attribute("value"))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        shown(&host),
        ["nl", "fr", "en"],
        "all three until the club is known"
    );
    // A club that offers French and Dutch: no English, and a visitor whose
    // browser asked for English reads French.
    let lang = || {
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .unwrap_or_default()
    };
    let select: web_sys::HtmlSelectElement = host
        .query_selector("select")
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value("en");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
    assert_eq!(lang(), "en");
    offered.set(Some(vec!["fr".into(), "nl".into()]));
    tick().await;
    assert_eq!(shown(&host), ["nl", "fr"]);
    assert_eq!(lang(), "fr");
    // Back to English for the tests after this one.
    offered.set(None);
    tick().await;
    select.set_value("en");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
    assert_eq!(lang(), "en");
}

#[wasm_bindgen_test]
fn month_cells_start_on_monday_and_cover_the_month() {
    use chrono::NaiveDate;
    use frontdesk::dates::{Month, long_date};
    use frontdesk::i18n::Locale;
    // March 2026 starts on a Sunday: six blank cells, then 31 days.
    let march = Month {
        year: 2026,
        month: 3,
    };
    let cells = march.cells();
    assert_eq!(cells.iter().take_while(|c| c.is_none()).count(), 6);
    assert_eq!(cells.iter().flatten().count(), 31);
    assert_eq!(march.last(), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
    assert_eq!(
        Month {
            year: 2026,
            month: 12
        }
        .next(),
        Month {
            year: 2027,
            month: 1
        }
    );
    assert_eq!(
        Month {
            year: 2026,
            month: 1
        }
        .prev(),
        Month {
            year: 2025,
            month: 12
        }
    );
    let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    assert_eq!(long_date(Locale::nl, d), "maandag 2 maart 2026");
    assert_eq!(long_date(Locale::fr, d), "lundi 2 mars 2026");
    assert_eq!(long_date(Locale::en, d), "Monday 2 March 2026");
}

/// The app's date helpers read the API's texts and write them with
/// `core::format::dates`; what they cannot read is shown as it came.
#[wasm_bindgen_test]
fn the_api_s_dates_are_written_in_the_page_s_language() {
    use frontdesk::dates;
    use frontdesk::i18n::Locale;
    assert_eq!(dates::short_date(Locale::nl, "2026-03-02"), "2 mrt 2026");
    assert_eq!(
        dates::short_date(Locale::fr, "2026-07-14T10:00:00Z"),
        "14 juil. 2026"
    );
    assert_eq!(dates::short_date(Locale::en, "31/12/2026"), "31/12/2026");
    assert_eq!(
        dates::booking_when(Locale::fr, "2026-03-02T09:00:00+01:00").as_deref(),
        Some("lundi 2 mars 2026 à 09:00")
    );
    assert_eq!(
        dates::booking_span(
            Locale::nl,
            "2026-03-02T09:00:00+01:00",
            "2026-03-02T10:00:00+01:00"
        )
        .as_deref(),
        Some("maandag 2 maart 2026, 09:00–10:00")
    );
    assert_eq!(
        dates::appointment_when(Locale::en, "2026-03-02", "10:00", "11:00"),
        "Monday 2 March 2026, 10:00–11:00"
    );
    assert_eq!(dates::time_span("10:00", "later"), "10:00–later");
    assert_eq!(dates::weekday_short(Locale::fr, 0), "lun.");
    assert_eq!(dates::happened(Locale::en, "not a stamp"), "not a stamp");
    // The reader's clock: whatever the zone, the date and the time are there.
    let seen = dates::happened(Locale::en, "2026-03-15T12:00:00Z");
    assert!(seen.contains("Mar 2026, "), "{seen}");
}
