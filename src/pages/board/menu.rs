//! "Move to…": the way to move a card without dragging, on every card.
//! Lists the stages (a card goes to the top of the one chosen) and moves up
//! or down within its own column.

use leptos::prelude::*;

use super::state::{BoardState, Target};
use crate::i18n::*;

#[component]
pub fn MoveMenu() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<BoardState>();
    let close = move || {
        if let Some(id) = state.menu_for.get_untracked() {
            state.menu_for.set(None);
            state.focus_card.set(Some(id));
        }
    };
    Effect::new(move || {
        if state.menu_for.get().is_some() {
            crate::dom::focus_after_render(".move-menu button:not([disabled])");
        }
    });
    move || {
        let card = state.menu_for.get().and_then(|id| state.card(&id))?;
        let gap = state.gap_of(&card.id)?;
        let size = state.column_untracked(&card.stage_id).len();
        let go = {
            let id = card.id.clone();
            move |target: Target| {
                state.menu_for.set(None);
                if !state.needs_reason(&id, &target) {
                    state.focus_card.set(Some(id.clone()));
                }
                state.request_move(&id, target);
            }
        };
        let stages = state.stages();
        let options = stages
            .into_iter()
            .map(|s| {
                let current = s.id == card.stage_id;
                let go = go.clone();
                let target = Target {
                    stage_id: s.id.clone(),
                    gap: 0,
                };
                view! {
                    <li>
                        <button
                            type="button"
                            class="move-option"
                            data-stage-id=s.id.clone()
                            disabled=current
                            aria-current=current.then_some("true")
                            style:border-left-color=s.colour.clone()
                            on:click=move |_| go(target.clone())
                        >
                            {s.name_in(i18n.get_locale_untracked().as_str()).to_owned()}
                        </button>
                    </li>
                }
            })
            .collect_view();
        let up = {
            let go = go.clone();
            let target = Target {
                stage_id: gap.stage_id.clone(),
                gap: gap.gap.saturating_sub(1),
            };
            move |_: leptos::ev::MouseEvent| go(target.clone())
        };
        let down = {
            let target = Target {
                stage_id: gap.stage_id.clone(),
                gap: gap.gap + 1,
            };
            move |_: leptos::ev::MouseEvent| go(target.clone())
        };
        Some(view! {
            <div class="dialog-backdrop" on:click=move |_| close()>
                <div
                    class="dialog move-menu"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="move-menu-title"
                    on:click=|ev| ev.stop_propagation()
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            ev.prevent_default();
                            close();
                        }
                    }
                >
                    <h2 id="move-menu-title">{t!(i18n, board_move_to)}</h2>
                    <p class="dialog-subject">{card.title.clone()}</p>
                    <ul class="move-options">{options}</ul>
                    <div class="dialog-actions">
                        <button type="button" class="button-quiet" disabled={gap.gap == 0} on:click=up>
                            {t!(i18n, board_move_up)}
                        </button>
                        <button type="button" class="button-quiet" disabled={gap.gap + 1 >= size} on:click=down>
                            {t!(i18n, board_move_down)}
                        </button>
                        <button type="button" class="button-quiet" on:click=move |_| close()>
                            {t!(i18n, cancel)}
                        </button>
                    </div>
                </div>
            </div>
        })
    }
}
