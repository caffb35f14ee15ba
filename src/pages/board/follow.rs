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
    let deal = StoredValue::new(id);
    leptos::task::spawn_local(async move {
        let id = deal.get_value();
        if let Ok(Following { following }) = crate::api::pipelines::following(&id).await {
            state.set(Some(following));
        }
    });
    let toggle = move |_| {
        let Some(now) = state.get_untracked() else {
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let id = deal.get_value();
            match crate::api::pipelines::set_following(&id, !now).await {
                Ok(Following { following }) => state.set(Some(following)),
                Err(p) => toasts.problem(&p),
            }
            busy.set(false);
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
