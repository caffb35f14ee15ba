//! The pipeline board (`/board`): one column per stage with its count,
//! value and weighted value, cards moved by drag, touch, keyboard or the
//! "Move to…" menu, optimistic and rolled back with the server's message
//! when refused. Filters, folded columns and the open deal live in the URL.
//! The page knows pipelines only as data: a vendor's board fits unchanged.

mod card;
mod card_events;
mod column;
mod detail;
mod drag;
mod early;
mod filters;
mod follow;
mod keyboard;
mod menu;
mod pending;
mod query;
mod reason;
mod state;

use std::collections::BTreeSet;

use frontdesk_core::model::{Board, StaffUser};
use frontdesk_core::pipeline::{self, BoardFilter};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::toasts::{problem_text, use_toasts};
use crate::i18n::*;
use query::BoardQuery;
use state::BoardState;

pub use early::start as start_early;

/// What cards and the drawer ask of the page.
#[derive(Clone, Copy)]
pub struct BoardUi {
    pub open_detail: Callback<String>,
    pub close_detail: Callback<()>,
}

#[component]
pub fn BoardPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let current = Memo::new(move |_| BoardQuery::from_map(&query.read()));
    let go = Callback::new(move |q: BoardQuery| {
        navigate(
            &q.href(),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    let ui = BoardUi {
        open_detail: Callback::new(move |id: String| {
            let mut q = current.get_untracked();
            q.deal = Some(id);
            go.run(q);
        }),
        close_detail: Callback::new(move |()| {
            let mut q = current.get_untracked();
            q.deal = None;
            go.run(q);
        }),
    };
    provide_context(ui);

    let pipelines = LocalResource::new(crate::api::pipelines::list);
    let staff = LocalResource::new(crate::api::pipelines::staff);
    let staff_list = Signal::derive(move || staff.get().and_then(Result::ok).unwrap_or_default());
    let reload = RwSignal::new(0_u32);
    // Only the pipeline and the filters fetch again; folding and the
    // drawer do not.
    let wanted = Memo::new(move |_| {
        let q = current.get();
        (q.pipeline, q.filter)
    });
    let board = LocalResource::new(move || {
        let (pipeline, filter) = wanted.get();
        reload.track();
        let early = early::take(&pipeline, &filter);
        async move {
            // The first cards of each column paint the board at once; the
            // rest follow (`load_the_rest`).
            let first = match early {
                Some(answer) => answer.await,
                None => early::first_cards(pipeline.clone(), filter.clone()).await,
            }?;
            // A move the page before this one sent may still be on its way.
            pending::settled(first, || {
                early::first_cards(pipeline.clone(), filter.clone())
            })
            .await
        }
    });
    let folded = RwSignal::new(current.get_untracked().fold);
    Effect::new(move |previous: Option<BTreeSet<String>>| {
        let now = folded.get();
        if previous.is_some_and(|p| p != now) {
            let mut q = current.get_untracked();
            q.fold = now.clone();
            go.run(q);
        }
        now
    });

    view! {
        <section class="page page-wide board-page">
            <h1>{t!(i18n, board_title)}</h1>
            <filters::FilterBar
                current=current
                go=go
                pipelines=pipelines
                staff=staff_list
            />
            <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }>
                {move || {
                    board
                        .get()
                        .map(|result| match result {
                            Err(p) => view! { <p class="form-error" role="alert">{problem_text(i18n, &p)}</p> }.into_any(),
                            Ok(b) => view! { <BoardView board=b reload=reload folded=folded staff=staff_list current=current /> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn BoardView(
    board: Board,
    reload: RwSignal<u32>,
    folded: RwSignal<BTreeSet<String>>,
    staff: Signal<Vec<StaffUser>>,
    current: Memo<BoardQuery>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let filtered = !current.get_untracked().filter.is_empty();
    let state = BoardState::new(board, toasts, reload, folded, i18n);
    provide_context(state);
    state::LiftedCard::provide(state);
    let drag = drag::Drag::new(state);
    provide_context(drag);
    drag::listen(drag);
    keyboard::focus_when_rendered(state);
    if !state.complete.get_untracked() {
        load_the_rest(state, current.get_untracked().filter);
    }

    // Recomputed in the browser after every move, with the same function
    // the server used.
    let stages = state.stages();
    let totals = Memo::new(move |_| {
        if !state.complete.get() {
            return state.server_totals.get_value();
        }
        let stages = state.stages();
        state.cards.with(|cs| pipeline::column_totals(&stages, cs))
    });
    let deal = Signal::derive(move || current.get().deal);
    let ghost = move || {
        drag.ghost.get().map(|(title, x, y)| {
            view! {
                <div
                    class="drag-ghost"
                    aria-hidden="true"
                    style:transform=format!("translate({}px, {}px)", x + 8.0, y + 8.0)
                >
                    {title}
                </div>
            }
        })
    };

    view! {
        <p id="board-card-help" class="visually-hidden">{t!(i18n, board_kb_help)}</p>
        <p class="visually-hidden" role="status" aria-live="assertive" aria-atomic="true">
            {move || state.announce.get()}
        </p>
        {filtered.then(|| view! { <p class="board-filtered">{t!(i18n, board_filtered_note)}</p> })}
        <div class="board-columns">
            {stages
                .into_iter()
                .enumerate()
                .map(|(index, stage)| view! { <column::Column stage=stage index=index totals=totals /> })
                .collect_view()}
        </div>
        {ghost}
        <menu::MoveMenu />
        <reason::ReasonDialog />
        <detail::DealDrawer deal=deal staff=staff />
    }
}

/// Fetches every card of the board after the first paint. A move made
/// while it was on its way may be missing from the answer, so then it asks
/// again.
fn load_the_rest(state: BoardState, filter: BoardFilter) {
    let pipeline = state.pipeline.with_value(|p| p.id.clone());
    leptos::task::spawn_local(async move {
        for _ in 0..3 {
            let moves = state.moves.get_value();
            match crate::api::pipelines::board(&pipeline, &filter).await {
                Ok(full) if state.moves.get_value() == moves => {
                    state.cards.set(full.cards);
                    state.complete.set(true);
                    return;
                }
                Ok(_) => continue,
                Err(problem) => {
                    state.toasts.problem(&problem);
                    return;
                }
            }
        }
    });
}
