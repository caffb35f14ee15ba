//! `/book/:agenda/manage?token=`: the page behind the link in the booking
//! message. Shows the booking, whether it can still be cancelled online,
//! and cancels it.

use frontdesk_core::model::{BookingStatus, CancelAnswer};
use frontdesk_core::problem::Problem;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::details::BookingSummary;
use crate::components::language_switch::LanguageSwitch;
use crate::components::toasts::problem_text;
use crate::embed::Host;
use crate::i18n::*;

#[component]
pub fn ManagePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let host = Host::from_query(query.read_untracked().get("host"));
    host.follow_height();
    // The link in the message names the language the member booked in.
    super::follow_language(i18n, query.read_untracked().get("lang"));
    Effect::new(move || document().set_title(t_string!(i18n, widget_manage_title)));
    let answer = RwSignal::new(None::<Result<CancelAnswer, Problem>>);
    {
        let token = token.clone();
        leptos::task::spawn_local(async move {
            answer.set(Some(crate::api::booking::manage(&token).await));
        });
    }
    let cancel = Action::new_local(move |_: &()| {
        let token = token.clone();
        async move { crate::api::booking::cancel(token, false).await }
    });
    let failure = RwSignal::new(None::<Problem>);
    Effect::new(move || match cancel.value().get() {
        Some(Ok(a)) => {
            host.post(
                "cancelled",
                serde_json::json!({ "id": a.booking.id, "start": a.booking.start }),
            );
            answer.set(Some(Ok(a)));
        }
        Some(Err(p)) => failure.set(Some(p)),
        None => {}
    });

    view! {
        <main id="main" class="widget">
            <header class="widget-header">
                <h1>{t!(i18n, widget_manage_title)}</h1>
                <LanguageSwitch />
            </header>
            {move || match answer.get() {
                None => view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }.into_any(),
                Some(Err(p)) => view! { <p class="form-error" role="alert">{problem_text(i18n, &p)}</p> }.into_any(),
                Some(Ok(a)) => {
                    let cancelled = a.booking.status == BookingStatus::Cancelled;
                    view! {
                        <div class="card">
                            <BookingSummary booking=a.booking.clone() />
                            {if cancelled {
                                view! { <p role="status">{t!(i18n, widget_cancelled)}</p> }.into_any()
                            } else if a.cancellable {
                                view! {
                                    <p class="form-error" role="alert">{move || failure.get().map(|p| problem_text(i18n, &p))}</p>
                                    <button
                                        type="button"
                                        class="button-danger"
                                        disabled=move || cancel.pending().get()
                                        on:click=move |_| { cancel.dispatch(()); }
                                    >
                                        {move || if cancel.pending().get() { t_string!(i18n, widget_cancelling) } else { t_string!(i18n, widget_cancel) }}
                                    </button>
                                }
                                    .into_any()
                            } else {
                                view! { <p>{t!(i18n, widget_cancel_too_late)}</p> }.into_any()
                            }}
                        </div>
                    }
                        .into_any()
                }
            }}
        </main>
    }
}
