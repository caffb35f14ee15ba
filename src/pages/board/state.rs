//! The board's store in the browser: the cards that pass the filters, and
//! moves applied at once (optimistic) and sent afterwards. A refused move
//! puts the card back where it was, or where the server says it is now,
//! with the server's message.

use std::collections::BTreeSet;

use frontdesk_core::model::{
    Board, Card, ColumnTotals, MoveRequest, Pipeline, PipelineKind, Stage,
};
use frontdesk_core::pipeline;
use frontdesk_core::problem::Problem;
use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};
use leptos::prelude::*;

use crate::components::toasts::Toasts;
use crate::i18n::Locale;

/// The end of a card's moves still on their way: resolves when the last
/// one is answered (stored or refused).
type MoveChain = Shared<LocalBoxFuture<'static, ()>>;

/// Height of one card's slot in a column, in CSS pixels (card and gap).
/// Fixed, so a column renders only the cards in view and a drop position
/// is one division away.
pub const CARD_SLOT: f64 = 112.0;

/// The top of slot `n` as a CSS length (a column's height is slot `size`).
pub fn slot_top(n: usize) -> String {
    crate::dom::px(n as f64 * CARD_SLOT)
}

/// A card's offset to slot `n`. A drop shifts every card below it in two
/// columns; as a transform, the browser keeps each card's layout and
/// painting and only changes its offset, where a new `top` lays out and
/// repaints every one. That took the browser's own share of a drop from
/// 20 to 13 ms (median) in `cargo xtask bench board`'s floor on the 2-core
/// bench machine.
pub fn slot_offset(n: usize) -> String {
    format!("translateY({})", slot_top(n))
}

/// Where a lifted card would land: a stage, and a gap among that stage's
/// other cards (0 = the top).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub stage_id: String,
    pub gap: usize,
}

/// How a card is being moved right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiftMode {
    Pointer,
    Keyboard,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lift {
    pub card_id: String,
    pub mode: LiftMode,
}

/// Which card is lifted (or waits for its move's reason), asked card by
/// card: a lift or a drop wakes the two cards whose answer changes, not
/// every card on screen.
#[derive(Clone)]
pub struct LiftedCard(Selector<Option<String>>);

impl LiftedCard {
    pub fn provide(state: BoardState) {
        provide_context(Self(Selector::new(move || {
            state
                .lift
                .with(|l| l.as_ref().map(|l| l.card_id.clone()))
                .or_else(|| {
                    state
                        .reason_for
                        .with(|r| r.as_ref().map(|r| r.card_id.clone()))
                })
        })));
    }

    /// Tracked: whether `card` (`Some(card id)`) is the lifted one.
    pub fn is(&self, card: &Option<String>) -> bool {
        self.0.selected(card)
    }
}

/// A move not made yet: a card a pointer is dragging, or a move waiting
/// for its won or lost reason. The board draws the card at its target
/// meanwhile, as the best kanban boards do: the person sees where it goes
/// before letting go (or while saying why), and making the move has almost
/// nothing left to change on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingMove {
    pub card_id: String,
    pub target: Target,
}

#[derive(Clone, Copy)]
pub struct BoardState {
    pub pipeline: StoredValue<Pipeline>,
    pub cards: RwSignal<Vec<Card>>,
    pub today: StoredValue<String>,
    pub lift: RwSignal<Option<Lift>>,
    pub target: RwSignal<Option<Target>>,
    /// Said by screen readers (an `aria-live` region).
    pub announce: RwSignal<String>,
    pub menu_for: RwSignal<Option<String>>,
    /// A move waiting for its won or lost reason (the dialog asks).
    pub reason_for: RwSignal<Option<PendingMove>>,
    pub folded: RwSignal<BTreeSet<String>>,
    /// Bumped to fetch the board again (after a column was renumbered).
    pub reload: RwSignal<u32>,
    pub toasts: Toasts,
    /// The card to focus once it is on screen (after a keyboard drop).
    pub focus_card: RwSignal<Option<String>>,
    /// For words said from event handlers and tasks.
    pub i18n: leptos_i18n::I18nContext<Locale>,
    /// False while only each column's first cards are here (the quick first
    /// paint); the totals are then the server's, over every card.
    pub complete: RwSignal<bool>,
    pub server_totals: StoredValue<Vec<ColumnTotals>>,
    /// Counts moves, so a full load that raced one is fetched again.
    pub moves: StoredValue<u64>,
    /// The move whose card is drawn at its target (see `PendingMove`).
    pub pending: Memo<Option<PendingMove>>,
    /// Per card, its moves not answered yet. A card moved again before
    /// the server answered waits for that answer and is sent with the
    /// version it gave the card: sent with the version it was dragged from,
    /// the server would take the person's own first move for a change made
    /// elsewhere and refuse the second as a conflict.
    chains: StoredValue<Vec<(String, MoveChain)>, LocalStorage>,
}

impl BoardState {
    pub fn new(
        board: Board,
        toasts: Toasts,
        reload: RwSignal<u32>,
        folded: RwSignal<BTreeSet<String>>,
        i18n: leptos_i18n::I18nContext<Locale>,
    ) -> Self {
        let pipeline = StoredValue::new(board.pipeline.clone());
        let lift: RwSignal<Option<Lift>> = RwSignal::new(None);
        let target = RwSignal::new(None);
        let reason_for: RwSignal<Option<PendingMove>> = RwSignal::new(None);
        let pending = Memo::new(move |_| {
            if let Some(waiting) = reason_for.get() {
                return Some(waiting);
            }
            let card_id = lift.with(|l| {
                l.as_ref()
                    .filter(|l| l.mode == LiftMode::Pointer)
                    .map(|l| l.card_id.clone())
            })?;
            Some(PendingMove {
                card_id,
                target: target.get()?,
            })
        });
        Self {
            pipeline,
            cards: RwSignal::new(board.cards),
            today: StoredValue::new(board.today),
            lift,
            target,
            announce: RwSignal::new(String::new()),
            menu_for: RwSignal::new(None),
            reason_for,
            folded,
            reload,
            toasts,
            focus_card: RwSignal::new(None),
            i18n,
            complete: RwSignal::new(board.complete),
            server_totals: StoredValue::new(board.columns),
            moves: StoredValue::new(0),
            pending,
            chains: StoredValue::new_local(Vec::new()),
        }
    }

    pub fn stages(&self) -> Vec<Stage> {
        self.pipeline.with_value(|p| p.stages.clone())
    }

    pub fn stage(&self, id: &str) -> Option<Stage> {
        self.pipeline
            .with_value(|p| p.stages.iter().find(|s| s.id == id).cloned())
    }

    pub fn kind(&self) -> PipelineKind {
        self.pipeline.with_value(|p| p.kind)
    }

    pub fn card(&self, id: &str) -> Option<Card> {
        self.cards
            .with_untracked(|cs| cs.iter().find(|c| c.id == id).cloned())
    }

    /// A column's cards in order (untracked: for event handlers).
    pub fn column_untracked(&self, stage_id: &str) -> Vec<Card> {
        self.cards.with_untracked(|cs| column_of(cs, stage_id))
    }

    /// How many cards a column has besides `card_id`: a card can land in
    /// that column's gaps 0 to this.
    pub fn others_in(&self, stage_id: &str, card_id: &str) -> usize {
        self.cards.with_untracked(|cs| {
            cs.iter()
                .filter(|c| c.stage_id == stage_id && c.id != card_id)
                .count()
        })
    }

    /// The gap a card sits in among the other cards of its column.
    pub fn gap_of(&self, card_id: &str) -> Option<Target> {
        let card = self.card(card_id)?;
        let column = self.column_untracked(&card.stage_id);
        let gap = column.iter().position(|c| c.id == card_id)?;
        Some(Target {
            stage_id: card.stage_id,
            gap,
        })
    }

    /// Whether the move needs a reason first (into won or lost, from
    /// another stage, on a deals board).
    pub fn needs_reason(&self, card_id: &str, target: &Target) -> bool {
        let entering = self
            .card(card_id)
            .is_some_and(|c| c.stage_id != target.stage_id);
        entering
            && self.kind() == PipelineKind::Deals
            && self
                .stage(&target.stage_id)
                .is_some_and(|s| s.is_won || s.is_lost)
    }

    /// Moves a card, asking for a reason first when the stage needs one.
    pub fn request_move(&self, card_id: &str, target: Target) {
        if self.needs_reason(card_id, &target) {
            self.reason_for.set(Some(PendingMove {
                card_id: card_id.to_owned(),
                target,
            }));
        } else {
            self.commit_move(card_id, target, None);
        }
    }

    /// Applies the move here and now, then tells the server. Returns false
    /// when there was nothing to move.
    pub fn commit_move(&self, card_id: &str, target: Target, reason_id: Option<String>) -> bool {
        let Some(card) = self.card(card_id) else {
            return false;
        };
        // Only ids and keys: a drop must not copy a column of cards.
        let keys: Vec<(String, String)> = self.cards.with_untracked(|cs| {
            order_of(cs, &target.stage_id)
                .into_iter()
                .map(|i| (cs[i].id.clone(), cs[i].position.clone()))
                .collect()
        });
        let others: Vec<&(String, String)> = keys.iter().filter(|(id, _)| id != card_id).collect();
        let gap = target.gap.min(others.len());
        let after = gap.checked_sub(1).map(|g| others[g].0.clone());
        let before = others.get(gap).map(|(id, _)| id.clone());
        if card.stage_id == target.stage_id {
            let now = keys.iter().position(|(id, _)| id == card_id);
            if now == Some(gap) {
                return false;
            }
        }
        let placement = pipeline::place(&keys, card_id, after.as_deref(), before.as_deref());
        // What to put back if the server refuses.
        let mut undo: Vec<Card> = vec![card.clone()];
        let today = self.today.get_value();
        let closing = self
            .stage(&target.stage_id)
            .is_some_and(|s| s.is_won || s.is_lost);
        self.cards.update(|cs| {
            if let Some(all) = &placement.renumbered {
                for c in cs.iter_mut() {
                    if let Some((_, key)) = all.iter().find(|(id, _)| *id == c.id)
                        && c.id != card_id
                    {
                        undo.push(c.clone());
                        c.position = key.clone();
                    }
                }
            }
            if let Some(c) = cs.iter_mut().find(|c| c.id == card_id) {
                enter_stage(c, &target.stage_id, closing, &today);
                c.position = placement.key.clone();
            }
        });
        self.moves.update_value(|n| *n += 1);
        let mut request = MoveRequest {
            stage_id: target.stage_id.clone(),
            after_id: after,
            before_id: before,
            version: card.version,
            reason_id,
        };
        let pipeline_id = self.pipeline.with_value(|p| p.id.clone());
        let this = *self;
        let card_id = card_id.to_owned();
        super::pending::add(&card_id, card.version);
        let (answered, this_move) = futures::channel::oneshot::channel::<()>();
        let this_move: MoveChain = this_move.map(|_| ()).boxed_local().shared();
        let earlier = self
            .chains
            .try_update_value(|chains| {
                let at = chains.iter().position(|(id, _)| *id == card_id);
                let earlier = at.map(|i| chains.swap_remove(i).1);
                chains.push((card_id.clone(), this_move.clone()));
                earlier
            })
            .flatten();
        leptos::task::spawn_local(async move {
            // The card is in its new place first; building and sending the
            // request (2 ms on a slow machine) waits for that frame.
            crate::dom::next_paint().await;
            if let Some(earlier) = earlier {
                earlier.await;
                // Its answer (or its undo) gave the card its version now.
                let now = this
                    .cards
                    .try_with_untracked(|cs| cs.iter().find(|c| c.id == card_id).map(|c| c.version))
                    .flatten();
                if let Some(version) = now.filter(|v| *v != request.version) {
                    request.version = version;
                    super::pending::add(&card_id, version);
                }
            }
            let answer = crate::api::pipelines::move_card(&pipeline_id, &card_id, &request).await;
            super::pending::done(&card_id, request.version);
            match answer {
                Ok(result) => {
                    let refocus = focused_card().filter(|f| *f == result.card.id);
                    this.cards.try_update(|cs| {
                        if let Some(c) = cs.iter_mut().find(|c| c.id == result.card.id) {
                            *c = result.card.clone();
                        }
                    });
                    // The card is drawn anew with its new version; keep the
                    // keyboard on it.
                    if refocus.is_some() {
                        this.focus_card.try_set(refocus);
                    }
                    if result.renumbered {
                        this.reload.try_update(|n| *n += 1);
                    }
                }
                Err(problem) => this.roll_back(undo, &problem),
            }
            // The card has the version this answer gave it: a later move of
            // it may go now. The chain forgets this one unless a later one
            // took its place.
            let _ = answered.send(());
            this.chains.try_update_value(|chains| {
                chains.retain(|(id, c)| !(*id == card_id && c.ptr_eq(&this_move)));
            });
        });
        true
    }

    /// Puts cards back as they were before a refused move; on a conflict
    /// the server's current card wins, as it is the truth now.
    fn roll_back(&self, undo: Vec<Card>, problem: &Problem) {
        let refocus = focused_card().filter(|f| undo.iter().any(|c| c.id == *f));
        let current: Option<Card> = problem
            .current
            .clone()
            .and_then(|v| serde_json::from_value(*v).ok());
        // The board may be gone meanwhile (another page): the message is
        // still said, in the app's toasts.
        self.cards.try_update(|cs| {
            for old in undo {
                let fresh = current.as_ref().filter(|c| c.id == old.id).cloned();
                if let Some(c) = cs.iter_mut().find(|c| c.id == old.id) {
                    *c = fresh.unwrap_or(old);
                }
            }
        });
        if refocus.is_some() {
            self.focus_card.try_set(refocus);
        }
        self.toasts.problem(problem);
        self.announce.try_set(problem.summary());
    }

    /// Puts a card edited elsewhere (the detail drawer) on the board.
    pub fn upsert(&self, card: Card) {
        let refocus = focused_card().filter(|f| *f == card.id);
        self.cards
            .update(|cs| match cs.iter_mut().find(|c| c.id == card.id) {
                Some(c) => *c = card,
                None => cs.push(card),
            });
        if refocus.is_some() {
            self.focus_card.set(refocus);
        }
    }
}

/// The card that has keyboard focus, if any.
pub(super) fn focused_card() -> Option<String> {
    document().active_element()?.get_attribute("data-card-id")
}

/// A column's cards in board order, as indexes into `cards`: a move then
/// costs no copies of the cards.
pub fn order_of(cards: &[Card], stage_id: &str) -> Vec<usize> {
    let mut order: Vec<usize> = (0..cards.len())
        .filter(|&i| cards[i].stage_id == stage_id)
        .collect();
    order.sort_by(|&a, &b| {
        (&cards[a].position, &cards[a].id).cmp(&(&cards[b].position, &cards[b].id))
    });
    order
}

/// A card as it stands once moved into `stage_id` (a no-op within its own
/// stage): what a move does here before the server answers, and how a
/// dragged card is drawn where it would land.
pub fn enter_stage(card: &mut Card, stage_id: &str, closing: bool, today: &str) {
    if card.stage_id != stage_id {
        card.stage_id = stage_id.to_owned();
        card.stage_changed_at = format!("{today}T00:00:00Z");
        card.closed_at = closing.then(|| format!("{today}T00:00:00Z"));
    }
}

/// A column's cards as drawn: its board order (`order`, indexes into
/// `cards`), with a card being dragged taken out of the column it leaves
/// and put at its landing gap in the column it would enter.
pub fn drawn_order(
    cards: &[Card],
    order: &[usize],
    stage_id: &str,
    pending: Option<&PendingMove>,
) -> Vec<usize> {
    let Some(pending) = pending else {
        return order.to_vec();
    };
    let Some(moving) = cards.iter().position(|c| c.id == pending.card_id) else {
        return order.to_vec();
    };
    let mut drawn: Vec<usize> = order.iter().copied().filter(|&i| i != moving).collect();
    if pending.target.stage_id == stage_id {
        drawn.insert(pending.target.gap.min(drawn.len()), moving);
    }
    drawn
}

/// A column's cards in board order.
pub fn column_of(cards: &[Card], stage_id: &str) -> Vec<Card> {
    let mut column: Vec<Card> = cards
        .iter()
        .filter(|c| c.stage_id == stage_id)
        .cloned()
        .collect();
    column.sort_by(|a, b| (&a.position, &a.id).cmp(&(&b.position, &b.id)));
    column
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn card(id: &str, stage: &str, position: &str) -> Card {
        serde_json::from_value(serde_json::json!({
            "id": id, "stage_id": stage, "position": position, "version": 1,
            "title": id, "subtitle": "", "value_cents": 0, "currency": "EUR",
            "stage_changed_at": "2026-11-01T00:00:00Z",
        }))
        .unwrap()
    }

    fn dragging(id: &str, stage: &str, gap: usize) -> PendingMove {
        PendingMove {
            card_id: id.into(),
            target: Target {
                stage_id: stage.into(),
                gap,
            },
        }
    }

    #[wasm_bindgen_test]
    fn a_dragged_card_is_drawn_where_it_would_land() {
        let cards = [
            card("a", "s1", "a0"),
            card("b", "s1", "a1"),
            card("c", "s2", "a0"),
        ];
        let s1 = order_of(&cards, "s1");
        let s2 = order_of(&cards, "s2");
        assert_eq!((s1.clone(), s2.clone()), (vec![0, 1], vec![2]));
        // Nothing dragged: the board order.
        assert_eq!(drawn_order(&cards, &s1, "s1", None), vec![0, 1]);
        // Into another column: gone from its own, at the gap in the other.
        let p = dragging("a", "s2", 1);
        assert_eq!(drawn_order(&cards, &s1, "s1", Some(&p)), vec![1]);
        assert_eq!(drawn_order(&cards, &s2, "s2", Some(&p)), vec![2, 0]);
        // Within its column; a gap past the end is the end.
        let p = dragging("a", "s1", 9);
        assert_eq!(drawn_order(&cards, &s1, "s1", Some(&p)), vec![1, 0]);
        // Where it is: no change.
        let p = dragging("b", "s1", 1);
        assert_eq!(drawn_order(&cards, &s1, "s1", Some(&p)), vec![0, 1]);
        // A card no longer on the board (reloaded away) draws nothing new.
        let p = dragging("gone", "s2", 0);
        assert_eq!(drawn_order(&cards, &s2, "s2", Some(&p)), vec![2]);
    }

    #[wasm_bindgen_test]
    fn entering_a_stage_restarts_its_clock_and_closes_won_or_lost() {
        let mut c = card("a", "s1", "a0");
        enter_stage(&mut c, "s1", true, "2026-11-30");
        assert_eq!(
            (c.stage_changed_at.as_str(), c.closed_at.as_deref()),
            ("2026-11-01T00:00:00Z", None)
        );
        enter_stage(&mut c, "won", true, "2026-11-30");
        assert_eq!(c.stage_id, "won");
        assert_eq!(c.stage_changed_at, "2026-11-30T00:00:00Z");
        assert_eq!(c.closed_at.as_deref(), Some("2026-11-30T00:00:00Z"));
        enter_stage(&mut c, "s2", false, "2026-12-01");
        assert_eq!(
            (c.stage_changed_at.as_str(), c.closed_at.as_deref()),
            ("2026-12-01T00:00:00Z", None)
        );
    }
}
