//! One card: what its pipeline's kind shows, the mark of its next activity
//! and of rotting, and its two controls (open, "Move to…"). It is also the
//! handle for dragging and for moving with the keyboard; its events are
//! heard by its column (`card_events`).

use frontdesk_core::model::{Card, PipelineKind, Stage};
use frontdesk_core::pipeline::{self, Due};
use leptos::prelude::*;

use super::state::{BoardState, LiftedCard, slot_offset};
use crate::components::icon::{Icon, IconName};
use crate::i18n::*;

#[component]
pub fn CardView(
    card: Card,
    /// Its place in the column, which a move within the column changes
    /// without drawing the card again.
    place: Signal<usize>,
    /// How many cards the column has.
    size: Memo<usize>,
    stage: Stage,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<BoardState>();
    let today = state.today.get_value();
    let kind = state.kind();
    let due = pipeline::due(card.next_activity.as_ref(), &today);
    // Marked only past the stage's own threshold (core::pipeline), never
    // in won, lost or a stage without one.
    let rotting = pipeline::is_rotting(&card, &stage, &today);
    let days = pipeline::days_in_stage(&card.stage_changed_at, &today).unwrap_or(0);
    let probability = pipeline::effective_probability(&card, &stage);
    let id = card.id.clone();
    let lifted = {
        let lifted_card = expect_context::<LiftedCard>();
        let me = Some(id.clone());
        move || lifted_card.is(&me)
    };
    let due_label = move || match due {
        Due::Overdue => t_string!(i18n, board_due_overdue),
        Due::Today => t_string!(i18n, board_due_today),
        Due::Later => t_string!(i18n, board_due_later),
        Due::None => t_string!(i18n, board_due_none),
    };
    let activity = card.next_activity.clone().map(|a| {
        move || {
            let due = crate::dates::short_date(i18n.get_locale(), &a.due);
            format!("{} · {due}", a.subject)
        }
    });
    let value = card.value_cents;
    let currency = card.currency.clone();
    let close = card.expected_close.clone();
    let title_id = format!("card-title-{id}");
    let labelled_by = title_id.clone();

    view! {
        <div
            class="board-card"
            class:lifted=lifted
            class:rotting=rotting
            role="listitem"
            tabindex="0"
            aria-posinset=move || place.get() + 1
            aria-setsize=size
            aria-labelledby=labelled_by
            aria-describedby="board-card-help"
            data-card-id=id.clone()
            data-value-cents=value
            data-probability=probability
            data-due=due.code()
            style:transform=move || slot_offset(place.get())
            style:border-left-color=stage.colour.clone()
        >
            <div class="card-top">
                {if kind == PipelineKind::Deals {
                    view! {
                        <button type="button" class="card-title" id=title_id>
                            {card.title.clone()}
                        </button>
                    }
                        .into_any()
                } else {
                    view! { <span class="card-title" id=title_id>{card.title.clone()}</span> }.into_any()
                }}
                // Named by its label, not its "⋯"; no element inside it:
                // a big board's first frame is mostly its cards' elements.
                <button
                    type="button"
                    class="card-menu"
                    aria-haspopup="dialog"
                    aria-label=move || t_string!(i18n, board_move_to)
                    title=move || t_string!(i18n, board_move_to)
                >
                    "⋯"
                </button>
            </div>
            <p class="card-sub">{card.subtitle.clone()}</p>
            {(kind == PipelineKind::Deals)
                .then(|| {
                    let currency = currency.clone();
                    view! {
                        <p class="card-money">
                            <span class="card-value">
                                {move || crate::i18n_fill::money(i18n.get_locale(), value, &currency)}
                            </span>
                            <span class="card-probability">{format!("{probability}%")}</span>
                            {close
                                .clone()
                                .map(|c| {
                                    let close = move || crate::dates::short_date(i18n.get_locale(), &c);
                                    view! {
                                        <span class="card-close" title=move || t_string!(i18n, board_expected_close)>
                                            {close}
                                        </span>
                                    }
                                })}
                        </p>
                    }
                })}
            <p class="card-foot">
                // Its dot is drawn by board.css (`.due::before`).
                <span class=format!("due due-{}", due.code()) title=due_label>
                    <span class="visually-hidden">{due_label}</span>
                    {activity}
                </span>
                {rotting
                    .then(|| {
                        view! {
                            <span class="rotting-mark" title=move || t_string!(i18n, board_rotting)>
                                <Icon name=IconName::Clock />
                                <span class="visually-hidden">{t!(i18n, board_rotting)} ": "</span>
                                {format!("{days} d")}
                            </span>
                        }
                    })}
                <span class="card-owner">{card.owner_name.clone()}</span>
            </p>
        </div>
    }
}
