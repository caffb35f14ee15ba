//! The question a move into a won or lost stage asks first: why. The
//! reasons are the pipeline's own (Cirrus's win and lost reasons).

use leptos::prelude::*;

use super::state::BoardState;
use crate::i18n::*;

#[component]
pub fn ReasonDialog() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<BoardState>();
    let chosen = RwSignal::new(None::<String>);
    let missing = RwSignal::new(false);
    Effect::new(move || {
        if state.reason_for.get().is_some() {
            chosen.set(None);
            missing.set(false);
            crate::dom::focus_after_render(".reason-dialog input");
        }
    });
    let cancel = move || {
        if let Some(p) = state.reason_for.get_untracked() {
            state.reason_for.set(None);
            state.focus_card.set(Some(p.card_id));
            state
                .announce
                .set(t_string!(i18n, board_kb_cancelled).to_owned());
        }
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(pending) = state.reason_for.get_untracked() else {
            return;
        };
        let Some(reason) = chosen.get_untracked() else {
            missing.set(true);
            crate::dom::focus(".reason-dialog input");
            return;
        };
        state.reason_for.set(None);
        state.focus_card.set(Some(pending.card_id.clone()));
        state.commit_move(&pending.card_id, pending.target, Some(reason));
    };
    move || {
        let pending = state.reason_for.get()?;
        let stage = state.stage(&pending.target.stage_id)?;
        let title = state.card(&pending.card_id).map(|c| c.title)?;
        let reasons = state.pipeline.with_value(|p| {
            if stage.is_won {
                p.win_reasons.clone()
            } else {
                p.lost_reasons.clone()
            }
        });
        let heading = if stage.is_won {
            t_string!(i18n, board_reason_won)
        } else {
            t_string!(i18n, board_reason_lost)
        };
        Some(view! {
            <div class="dialog-backdrop">
                // The dialog is a div holding the form: a form may not
                // take the dialog role (ARIA in HTML).
                <div
                    class="dialog reason-dialog"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="reason-title"
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            ev.prevent_default();
                            cancel();
                        }
                    }
                >
                <form on:submit=confirm novalidate>
                    <h2 id="reason-title">{heading}</h2>
                    <p class="dialog-subject">{title} " → " {stage.name_in(i18n.get_locale_untracked().as_str()).to_owned()}</p>
                    <fieldset aria-describedby="reason-error">
                        <legend class="visually-hidden">{heading}</legend>
                        {reasons
                            .into_iter()
                            .map(|r| {
                                let id = r.id.clone();
                                view! {
                                    <label class="reason-option">
                                        <input
                                            type="radio"
                                            name="reason"
                                            value=r.id.clone()
                                            on:change=move |_| {
                                                chosen.set(Some(id.clone()));
                                                missing.set(false);
                                            }
                                        />
                                        {r.name_in(i18n.get_locale_untracked().as_str()).to_owned()}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    <p id="reason-error" class="field-error" role="alert">
                        {move || missing.get().then(|| t_string!(i18n, board_reason_required))}
                    </p>
                    <div class="dialog-actions">
                        <button type="submit" class="button-primary">
                            {t!(i18n, board_reason_confirm)}
                        </button>
                        <button type="button" class="button-quiet" on:click=move |_| cancel()>
                            {t!(i18n, cancel)}
                        </button>
                    </div>
                </form>
                </div>
            </div>
        })
    }
}
