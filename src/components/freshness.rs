//! How fresh a list is when a vendor keeps it: "Clubplanner · synced 20 s
//! ago", a refresh, and, with the vendor out of reach, that this is the
//! last copy and saving is not possible now. Nothing when everything is
//! Frontdesk's own.

use chrono::{DateTime, FixedOffset};
use frontdesk_core::model::SyncInfo;
use leptos::prelude::*;

use crate::components::toasts::use_toasts;
use crate::i18n::*;
use crate::i18n_fill::fill;

/// How long ago `then` was, at `now`, in the page's language.
pub fn ago(
    i18n: leptos_i18n::I18nContext<Locale>,
    then: &str,
    now: DateTime<FixedOffset>,
) -> String {
    let Ok(then) = DateTime::parse_from_rfc3339(then) else {
        return String::new();
    };
    let seconds = (now - then).num_seconds().max(0);
    let (n, template) = match seconds {
        0..60 => (seconds, t_string!(i18n, ago_seconds)),
        60..3600 => (seconds / 60, t_string!(i18n, ago_minutes)),
        3600..86400 => (seconds / 3600, t_string!(i18n, ago_hours)),
        _ => (seconds / 86400, t_string!(i18n, ago_days)),
    };
    fill(template, &[("count", n.to_string())])
}

#[component]
pub fn Freshness(
    /// The capability whose mirror this is (`prospects`).
    capability: &'static str,
    /// Runs after a refresh brought the mirror up to date.
    #[prop(into)]
    on_synced: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let info = RwSignal::new(None::<SyncInfo>);
    // The server's clock when it answered, and ours then: "20 s ago" keeps
    // counting without asking again, whatever the device's clock says.
    let fetched_at = StoredValue::new(0.0_f64);
    let tick = RwSignal::new(0_u32);
    let take = move |i: SyncInfo| {
        fetched_at.set_value(js_sys::Date::now());
        info.set(Some(i));
    };
    leptos::task::spawn_local(async move {
        if let Ok(list) = crate::api::connections::syncs().await
            && let Some(i) = list.into_iter().find(|i| i.capability == capability)
        {
            take(i);
        }
    });
    let _ = set_interval_with_handle(
        move || tick.update(|t| *t += 1),
        std::time::Duration::from_secs(10),
    );
    let refreshing = RwSignal::new(false);
    let refresh = move |_| {
        refreshing.set(true);
        leptos::task::spawn_local(async move {
            match crate::api::connections::sync_now(capability).await {
                Ok(i) => {
                    let fine = !i.stale;
                    take(i);
                    if fine {
                        on_synced.run(());
                    }
                }
                Err(p) => toasts.problem(&p),
            }
            refreshing.set(false);
        });
    };
    let now = move || {
        tick.track();
        let i = info.get()?;
        let server_now = DateTime::parse_from_rfc3339(&i.now).ok()?;
        let since = (js_sys::Date::now() - fetched_at.get_value()).max(0.0) as i64;
        Some(server_now + chrono::Duration::milliseconds(since))
    };
    let line = move || {
        let i = info.get()?;
        let now = now()?;
        Some(match (&i.synced_at, i.stale) {
            (Some(at), false) => fill(
                t_string!(i18n, sync_fresh),
                &[("system", i.system.clone()), ("ago", ago(i18n, at, now))],
            ),
            (Some(at), true) => fill(
                t_string!(i18n, sync_stale),
                &[("system", i.system.clone()), ("ago", ago(i18n, at, now))],
            ),
            (None, _) => fill(t_string!(i18n, sync_never), &[("system", i.system.clone())]),
        })
    };
    view! {
        <Show when=move || info.with(Option::is_some)>
            <p class="freshness" class:freshness-stale=move || info.with(|i| i.as_ref().is_some_and(|i| i.stale)) role="status">
                <span>{line}</span>
                " "
                <button type="button" class="link-button" on:click=refresh aria-disabled=move || refreshing.get().to_string()>
                    {move || if refreshing.get() { t_string!(i18n, sync_refreshing) } else { t_string!(i18n, sync_refresh) }}
                </button>
            </p>
        </Show>
    }
}
