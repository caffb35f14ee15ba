//! Connections: which system serves each capability, when its copy was
//! last synced and the last error in words, and "check now" (the same
//! harmless read as `frontdesk-server check-config`). Never a secret: the
//! server sends none.

use frontdesk_core::model::{ConnectionCheck, SyncInfo};
use leptos::prelude::*;

use crate::components::freshness::ago;
use crate::components::icon::{Icon, IconName};
use crate::components::toasts::use_toasts;
use crate::i18n::*;

#[component]
pub fn ConnectionsSection() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let health = LocalResource::new(crate::api::connections::health);
    let syncs = LocalResource::new(crate::api::connections::syncs);
    let checks = RwSignal::new(Vec::<ConnectionCheck>::new());
    let checking = RwSignal::new(false);
    let check = move |_| {
        checking.set(true);
        leptos::task::spawn_local(async move {
            let answer = crate::api::settings::check_connections().await;
            if checking.try_set(false).is_some() {
                return;
            }
            match answer {
                Ok(lines) => checks.set(lines),
                Err(p) => toasts.problem(&p),
            }
        });
    };
    let sync_of = move |capability: &str| -> Option<SyncInfo> {
        syncs
            .get()
            .and_then(Result::ok)
            .and_then(|s| s.into_iter().find(|x| x.capability == capability))
    };
    let last_sync = move |capability: String, local: bool| {
        move || {
            if local {
                return t_string!(i18n, connections_local).to_owned();
            }
            let Some(s) = sync_of(&capability) else {
                return t_string!(i18n, connections_not_mirrored).to_owned();
            };
            let now = chrono::DateTime::parse_from_rfc3339(&s.now).ok();
            match (s.synced_at, now) {
                (Some(at), Some(now)) => ago(i18n, &at, now),
                _ => t_string!(i18n, connections_never).to_owned(),
            }
        }
    };
    let last_error = move |capability: String| {
        move || {
            sync_of(&capability)
                .and_then(|s| s.error)
                .unwrap_or_default()
        }
    };
    let verdict = move |capability: String| {
        move || {
            checks.with(|c| {
                c.iter().find(|x| x.capability == capability).map(|x| {
                    let mark = if x.ok { IconName::Check } else { IconName::Cross };
                    view! {
                        <span class="check-verdict" class:check-failed=!x.ok>
                            <Icon name=mark />
                            <span class="visually-hidden">
                                {if x.ok { t_string!(i18n, connections_ok) } else { t_string!(i18n, connections_failed) }} ": "
                            </span>
                            {x.verdict.clone()}
                        </span>
                    }
                })
            })
        }
    };

    view! {
        <section id="settings-connections" class="card settings-section" aria-labelledby="settings-connections-title">
            <h2 id="settings-connections-title">{t!(i18n, settings_connections)}</h2>
            // Wider than a phone and with nothing to focus inside: the
            // keyboard scrolls it (a named group: the section is the landmark).
            <div class="table-scroll" role="group" tabindex="0" aria-labelledby="settings-connections-title">
                <table class="connections-table">
                    <caption class="visually-hidden">{t!(i18n, settings_connections)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, connections_capability)}</th>
                            <th scope="col">{t!(i18n, connections_system)}</th>
                            <th scope="col">{t!(i18n, connections_synced)}</th>
                            <th scope="col">{t!(i18n, connections_error)}</th>
                            <th scope="col">{t!(i18n, connections_check)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            health
                                .get()
                                .and_then(Result::ok)
                                .map(|h| {
                                    h.capabilities
                                        .into_iter()
                                        .map(|c| {
                                            let cap = c.capability.clone();
                                            view! {
                                                <tr>
                                                    <th scope="row"><code>{c.capability.clone()}</code></th>
                                                    <td>{if c.system.is_empty() { c.connector.clone() } else { c.system.clone() }}</td>
                                                    <td>{last_sync(cap.clone(), c.connector == "local")}</td>
                                                    <td>{last_error(cap.clone())}</td>
                                                    <td>{verdict(cap)}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()
                                })
                        }}
                    </tbody>
                </table>
            </div>
            <button type="button" class="button-quiet" on:click=check aria-disabled=move || checking.get().to_string()>
                {move || if checking.get() { t_string!(i18n, connections_checking) } else { t_string!(i18n, connections_check_now) }}
            </button>
        </section>
    }
}
