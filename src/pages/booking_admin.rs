//! The staff page about booking: where the widget lives, the one tag that
//! embeds it, and the messages it sent (so the desk can read out a code
//! when an email went astray).

use leptos::prelude::*;

use crate::components::toasts::problem_text;
use crate::i18n::*;

#[component]
pub fn BookingAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let messages = LocalResource::new(crate::api::outbox::list);
    let embed = LocalResource::new(crate::api::outbox::embed_settings);
    let origin = window().location().origin().unwrap_or_default();
    // The first agenda one can book in (a vendor's, once mirrored, has an
    // id of Frontdesk's own).
    let agendas = LocalResource::new(crate::api::booking::agendas);
    let agenda_id = move || {
        agendas
            .get()
            .and_then(Result::ok)
            .and_then(|a| a.first().map(|a| a.id))
            .unwrap_or(1)
    };
    let snippet = {
        let origin = origin.clone();
        move || {
            format!(
                r#"<script src="{origin}/embed.js" data-agenda="{}" async></script>"#,
                agenda_id()
            )
        }
    };
    let page = {
        let origin = origin.clone();
        move || format!("{origin}/book/{}", agenda_id())
    };
    view! {
        <section class="page">
            <h1>{t!(i18n, booking_title)}</h1>
            <p class="page-intro">{t!(i18n, booking_intro)}</p>
            <div class="card">
                <p>
                    <a href=move || format!("/book/{}", agenda_id()) target="_blank" rel="noopener">{page}</a>
                </p>
                <pre class="snippet"><code>{snippet}</code></pre>
                // Which sites may frame the widget: elsewhere embed.js
                // shows a plain link instead, and the club should know why.
                <Suspense fallback=|| ()>
                    {move || embed.get().map(|result| match result {
                        Err(p) => view! { <p class="form-error" role="alert">{problem_text(i18n, &p)}</p> }.into_any(),
                        Ok(e) => {
                            let how = crate::i18n_fill::fill(
                                t_string!(i18n, booking_embed_how),
                                &[("key", e.config_key.clone())],
                            );
                            view! {
                                <div class="embed-origins">
                                    {if e.allowed_origins.is_empty() {
                                        view! { <p>{t!(i18n, booking_embed_none)}</p> }.into_any()
                                    } else {
                                        view! {
                                            <p>{t!(i18n, booking_embed_allowed)}</p>
                                            <ul>
                                                {e.allowed_origins.into_iter().map(|o| view! { <li><code>{o}</code></li> }).collect_view()}
                                            </ul>
                                        }
                                            .into_any()
                                    }}
                                    <p class="page-intro">{how}</p>
                                </div>
                            }
                                .into_any()
                        }
                    })}
                </Suspense>
            </div>
            <h2>{t!(i18n, outbox_title)}</h2>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
                {move || {
                    messages
                        .get()
                        .map(|result| match result {
                            Err(p) => view! { <p class="form-error" role="alert">{problem_text(i18n, &p)}</p> }.into_any(),
                            Ok(list) if list.is_empty() => view! { <p class="empty-note">{t!(i18n, outbox_empty)}</p> }.into_any(),
                            Ok(list) => view! {
                                <ul class="outbox">
                                    {list
                                        .into_iter()
                                        .map(|m| {
                                            let when = crate::dates::happened(i18n.get_locale_untracked(), &m.created_at);
                                            view! {
                                                <li class="card">
                                                    <p class="outbox-head">
                                                        <strong>{m.subject}</strong>
                                                        <span>{t!(i18n, outbox_to)} " " {m.to} " · " <time datetime=m.created_at>{when}</time></span>
                                                    </p>
                                                    <pre class="outbox-body">{m.body}</pre>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any(),
                        })
                }}
            </Suspense>
        </section>
    }
}
