//! Follow and unfollow a deal at its CRM (Cirrus): the state is the CRM's,
//! read when the drawer opens and read back after each click. A system
//! without following (501) shows no button.

use frontdesk_core::model::Following;
use leptos::prelude::*;

use crate::components::toasts::use_toasts;
use crate::i18n::*;

#[component]
pub fn FollowDeal(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let state = RwSignal::new(None::<bool>);
    let busy = RwSignal::new(false);
    let deal = StoredValue::new(id.clone());
    // The drawer may close (or open another deal) before an answer comes:
    // the answers are then for nobody, so they are written with `try_set`.
    leptos::task::spawn_local(async move {
        if let Ok(Following { following }) = crate::api::pipelines::following(&id).await {
            let _ = state.try_set(Some(following));
        }
    });
    let toggle = move |_| {
        let (Some(now), Some(id)) = (state.get_untracked(), deal.try_get_value()) else {
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match crate::api::pipelines::set_following(&id, !now).await {
                Ok(Following { following }) => {
                    let _ = state.try_set(Some(following));
                }
                Err(p) => toasts.problem(&p),
            }
            let _ = busy.try_set(false);
        });
    };
    move || {
        state.get().map(|following| {
            view! {
                <div class="deal-follow">
                    <button
                        type="button"
                        class="button-quiet"
                        aria-pressed=following.to_string()
                        title=move || t_string!(i18n, board_follow_note)
                        disabled=move || busy.get()
                        on:click=toggle
                    >
                        {if following { t_string!(i18n, board_unfollow) } else { t_string!(i18n, board_follow) }}
                    </button>
                </div>
            }
        })
    }
}
