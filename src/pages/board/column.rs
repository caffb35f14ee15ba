//! One stage's column: its name, count, value and weighted value (from
//! `core::pipeline` over every card of the column that passes the filters),
//! and its cards, of which only those in view are in the DOM.

use frontdesk_core::model::{ColumnTotals, PipelineKind, Stage};
use leptos::html::Div;
use leptos::prelude::*;

use super::card::CardView;
use super::card_events::CardEvents;
use super::state::{BoardState, CARD_SLOT, LiftMode, drawn_order, enter_stage, order_of, slot_top};
use crate::i18n::*;

/// Cards rendered above and below the visible ones, so a quick scroll
/// does not show blanks.
const OVERSCAN: usize = 2;

/// A column's width and the gap after it (board.css: 17rem and 0.75rem),
/// to tell before layout which columns start beyond the window's edge.
const COLUMN_PITCH: f64 = 284.0;

#[component]
pub fn Column(
    stage: Stage,
    /// Its place among the columns, from the left.
    index: usize,
    totals: Memo<Vec<ColumnTotals>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<BoardState>();
    let sid = StoredValue::new(stage.id.clone());
    let order = Memo::new(move |_| state.cards.with(|cs| order_of(cs, &sid.get_value())));
    // As drawn: with the card of a move not made yet (dragged by a pointer,
    // or waiting for its reason) at its target. Making the move then leaves
    // every card where it is drawn (the keys below stay the same), so its
    // frame only lets go of the card.
    let drawn = Memo::new(move |_| {
        state.pending.with(|p| {
            order.with(|o| {
                state
                    .cards
                    .with(|cs| drawn_order(cs, o, &sid.get_value(), p.as_ref()))
            })
        })
    });
    let closing = stage.is_won || stage.is_lost;
    let today = state.today;
    let mine = Memo::new(move |_| {
        totals.with(|all| all.iter().find(|t| t.stage_id == sid.get_value()).cloned())
    });
    let scroll = RwSignal::new(0.0_f64);
    let (window_width, window_height) = crate::dom::window_size();
    // Guessed from the window until the browser reports the column's size
    // (board.css: the window's height less 16rem, at least 20rem), so the
    // first frame draws no more cards than fit.
    let viewport = RwSignal::new((window_height - 256.0).max(320.0));
    // The cards out of view come after the first paint: they are most of
    // the first frame's layout on a big board, and nobody sees them yet.
    // That is the cards below the fold, and every card of a column that
    // starts beyond the window's right edge (on a phone, all but the first).
    let painted = RwSignal::new(false);
    let beyond = index as f64 * COLUMN_PITCH >= window_width;
    leptos::task::spawn_local(async move {
        crate::dom::next_paint().await;
        painted.try_set(true);
    });
    let body = NodeRef::<Div>::new();
    let window = Memo::new(move |_| {
        let n = drawn.with(Vec::len);
        let painted = painted.get();
        if beyond && !painted {
            return (0, 0);
        }
        let first = (scroll.get() / CARD_SLOT).floor() as usize;
        let shown = (viewport.get() / CARD_SLOT).ceil() as usize;
        let overscan = if painted { OVERSCAN } else { 0 };
        (
            first.saturating_sub(overscan).min(n),
            (first + shown + overscan).min(n),
        )
    });
    let events = CardEvents::new();
    let first = Memo::new(move |_| window.get().0);
    let size = Memo::new(move |_| drawn.with(Vec::len));
    let visible = move || {
        let (start, end) = window.get();
        let sid = sid.get_value();
        state.cards.with(|cs| {
            drawn.with(|o| {
                o[start.min(o.len())..end.min(o.len())]
                    .iter()
                    .map(|&i| {
                        // A pending move's card drawn here looks as it
                        // will once moved, and has the same key.
                        let mut c = cs[i].clone();
                        today.with_value(|t| enter_stage(&mut c, &sid, closing, t));
                        c
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let on_scroll = move |_| {
        if let Some(el) = body.get_untracked() {
            scroll.set(f64::from(el.scroll_top()));
        }
    };
    crate::dom::watch_size(body, move |_, height| {
        let height = height.max(CARD_SLOT);
        if viewport.get_untracked() != height {
            viewport.set(height);
        }
    });

    // Where a card lifted with the keyboard would land, in this column's
    // own order. (A pointer's card is drawn there itself.)
    let indicator = move || {
        let target = state.target.get()?;
        if target.stage_id != sid.get_value() {
            return None;
        }
        let lifted = state.lift.get().filter(|l| l.mode == LiftMode::Keyboard)?;
        let own = state
            .cards
            .with(|cs| order.with(|o| o.iter().position(|&i| cs[i].id == lifted.card_id)));
        let full = match own {
            Some(m) if m < target.gap => target.gap + 1,
            _ => target.gap,
        };
        Some(full)
    };
    // Keep the landing place in view while moving with the keyboard.
    Effect::new(move || {
        if let (Some(full), Some(el)) = (indicator(), body.get_untracked()) {
            let y = full as f64 * CARD_SLOT;
            let top = f64::from(el.scroll_top());
            let height = f64::from(el.client_height());
            if y < top + CARD_SLOT / 2.0 || y > top + height - CARD_SLOT {
                el.set_scroll_top((y - height / 2.0).max(0.0) as i32);
            }
        }
    });

    let closed = stage.is_won || stage.is_lost;
    let folded = move || closed && state.folded.with(|f| f.contains(&sid.get_value()));
    let toggle = move |_| {
        let id = sid.get_value();
        state.folded.update(|f| {
            if !f.remove(&id) {
                f.insert(id);
            }
        });
    };
    let heading_id = format!("column-{}", stage.id);
    let labelled_by = heading_id.clone();
    let count = move || mine.with(|t| t.as_ref().map_or(0, |t| t.count));
    let deals = state.kind() == PipelineKind::Deals;
    let money_line = move || {
        let locale = i18n.get_locale();
        mine.with(|t| {
            let money = t.as_ref().map(|t| t.money.clone()).unwrap_or_default();
            if money.is_empty() {
                return crate::i18n_fill::money(locale, 0, "EUR");
            }
            money
                .iter()
                .map(|m| crate::i18n_fill::money(locale, m.value_cents, &m.currency))
                .collect::<Vec<_>>()
                .join(" + ")
        })
    };
    let weighted_line = move || {
        let locale = i18n.get_locale();
        mine.with(|t| {
            let money = t.as_ref().map(|t| t.money.clone()).unwrap_or_default();
            if money.is_empty() {
                return crate::i18n_fill::money(locale, 0, "EUR");
            }
            money
                .iter()
                .map(|m| crate::i18n_fill::money(locale, m.weighted_cents, &m.currency))
                .collect::<Vec<_>>()
                .join(" + ")
        })
    };
    // For tests and tools: the figures in cents, one `CUR:value:weighted`
    // per currency.
    let data_totals = move || {
        mine.with(|t| {
            t.as_ref()
                .map(|t| {
                    t.money
                        .iter()
                        .map(|m| format!("{}:{}:{}", m.currency, m.value_cents, m.weighted_cents))
                        .collect::<Vec<_>>()
                        .join(";")
                })
                .unwrap_or_default()
        })
    };

    view! {
        <section
            class="board-column"
            class:folded=folded
            data-stage-id=stage.id.clone()
            aria-labelledby=labelled_by
            style:border-top-color=stage.colour.clone()
        >
            <header class="column-head">
                <h2 id=heading_id>
                    {
                        let stage = stage.clone();
                        move || stage.name_in(i18n.get_locale().as_str()).to_owned()
                    }
                </h2>
                <span class="column-count" data-count=count title=move || t_string!(i18n, board_count)>
                    {move || crate::i18n_fill::number(i18n.get_locale(), count())}
                </span>
                {closed
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="column-fold"
                                aria-expanded=move || (!folded()).to_string()
                                on:click=toggle
                            >
                                {move || {
                                    if folded() {
                                        t_string!(i18n, board_unfold)
                                    } else {
                                        t_string!(i18n, board_fold)
                                    }
                                }}
                            </button>
                        }
                    })}
                {deals
                    .then(|| {
                        view! {
                            <p class="column-totals" data-totals=data_totals>
                                <span class="column-value" title=move || t_string!(i18n, board_total_value)>
                                    {money_line}
                                </span>
                                <span class="column-weighted" title=move || t_string!(i18n, board_weighted_value)>
                                    <span class="visually-hidden">{t!(i18n, board_weighted_value)} ": "</span>
                                    <span aria-hidden="true">"≈ "</span>
                                    {weighted_line}
                                </span>
                            </p>
                        }
                    })}
            </header>
            <Show when=move || !folded()>
                <div class="column-body" node_ref=body on:scroll=on_scroll>
                    <div
                        class="column-track"
                        on:pointerdown=events.pointerdown()
                        on:keydown=events.keydown()
                        on:contextmenu=events.contextmenu()
                        on:click=events.click()
                        role="list"
                        aria-labelledby=format!("column-{}", sid.get_value())
                        style:height=move || slot_top(size.get())
                    >
                        // Keyed by id and version: a card that only moves
                        // within the column keeps its node, and only its
                        // place in the window, so its offset, changes.
                        <ForEnumerate
                            each=visible
                            key=|c| (c.id.clone(), c.version, c.stage_id.clone())
                            children=move |in_window, c| {
                                let place = Signal::derive(move || first.get() + in_window.get());
                                let stage = state.stage(&c.stage_id);
                                stage.map(|stage| view! { <CardView card=c place=place size=size stage=stage /> })
                            }
                        />
                        {move || {
                            indicator()
                                .map(|full| {
                                    view! {
                                        <div
                                            class="drop-indicator"
                                            aria-hidden="true"
                                            style:top=crate::dom::px(full as f64 * CARD_SLOT - 5.0)
                                        ></div>
                                    }
                                })
                        }}
                    </div>
                </div>
            </Show>
        </section>
    }
}
