//! Dragging a card with a mouse, a pen or a finger (pointer events). A
//! mouse lifts the card after a few pixels; a finger must hold still for a
//! moment first, so a swipe over the board still scrolls it.

use super::state::{BoardState, CARD_SLOT, Lift, LiftMode, Target};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// How far a mouse moves before a press becomes a drag, in CSS pixels.
const MOUSE_SLOP: f64 = 4.0;
/// How far a finger may wander while holding before it counts as a scroll.
const TOUCH_SLOP: f64 = 8.0;
/// How long a finger holds a card before it lifts.
const HOLD_MS: u64 = 350;

struct Session {
    card_id: String,
    pointer_id: i32,
    touch: bool,
    start: (f64, f64),
    lifted: bool,
    timer: Option<TimeoutHandle>,
    /// Where the pointer was last tracked: a drop there needs no new hit
    /// test (which forces a layout while the drop is timed).
    tracked: Option<(f64, f64)>,
}

/// The drag in progress, shared by every card and the board.
#[derive(Clone, Copy)]
pub struct Drag {
    state: BoardState,
    session: StoredValue<Option<Session>>,
    /// The card's title following the pointer: (title, x, y).
    pub ghost: RwSignal<Option<(String, f64, f64)>>,
    /// A drag ends with a click on whatever was under the pointer; that
    /// click must not open the card.
    suppress_click: StoredValue<bool>,
    touch_guard: StoredValue<Option<TouchGuard>, LocalStorage>,
}

/// Keeps a held card's finger from scrolling the page. Heard on the node
/// the finger went down on: a touch's events keep going to that node, and
/// once the card is drawn in another column (`PendingMove`) the node has left
/// the page, where the column's own listener no longer hears them.
struct TouchGuard {
    node: web_sys::EventTarget,
    listener: Closure<dyn Fn(web_sys::Event)>,
}

impl TouchGuard {
    fn new(node: web_sys::EventTarget, drag: Drag) -> Self {
        let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            if drag.is_lifted() {
                ev.prevent_default();
            }
        });
        let _ =
            node.add_event_listener_with_callback("touchmove", listener.as_ref().unchecked_ref());
        Self { node, listener }
    }
}

impl Drop for TouchGuard {
    fn drop(&mut self) {
        let _ = self.node.remove_event_listener_with_callback(
            "touchmove",
            self.listener.as_ref().unchecked_ref(),
        );
    }
}

impl Drag {
    pub fn new(state: BoardState) -> Self {
        Self {
            state,
            session: StoredValue::new(None),
            ghost: RwSignal::new(None),
            suppress_click: StoredValue::new(false),
            touch_guard: StoredValue::new_local(None),
        }
    }

    pub fn is_active(&self) -> bool {
        self.session.with_value(Option::is_some)
    }

    pub fn is_lifted(&self) -> bool {
        self.session
            .with_value(|s| s.as_ref().is_some_and(|s| s.lifted))
    }

    pub fn take_click_suppression(&self) -> bool {
        let was = self.suppress_click.get_value();
        self.suppress_click.set_value(false);
        was
    }

    pub fn start(&self, ev: &web_sys::PointerEvent, card_id: &str) {
        if !ev.is_primary() || ev.button() != 0 || self.is_active() {
            return;
        }
        // A card lifted with the keyboard is dropped or cancelled first.
        if self.state.lift.with_untracked(Option::is_some) {
            return;
        }
        let touch = ev.pointer_type() != "mouse";
        let start = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let mut timer = None;
        if touch {
            let guard = ev.target().map(|node| TouchGuard::new(node, *self));
            self.touch_guard.set_value(guard);
            let this = *self;
            let id = card_id.to_owned();
            timer = set_timeout_with_handle(
                move || this.lift_held(&id),
                std::time::Duration::from_millis(HOLD_MS),
            )
            .ok();
        }
        self.session.set_value(Some(Session {
            card_id: card_id.to_owned(),
            pointer_id: ev.pointer_id(),
            touch,
            start,
            lifted: false,
            timer,
            tracked: None,
        }));
    }

    fn lift_held(&self, card_id: &str) {
        let ok = self.session.try_update_value(|s| match s {
            Some(s) if s.card_id == card_id && !s.lifted => {
                s.lifted = true;
                s.timer = None;
                Some(s.start)
            }
            _ => None,
        });
        if let Some(Some((x, y))) = ok {
            self.lift(card_id, x, y);
        }
    }

    fn lift(&self, card_id: &str, x: f64, y: f64) {
        let title = self
            .state
            .card(card_id)
            .map(|c| c.title)
            .unwrap_or_default();
        self.state.lift.set(Some(Lift {
            card_id: card_id.to_owned(),
            mode: LiftMode::Pointer,
        }));
        self.state.target.set(self.state.gap_of(card_id));
        self.ghost.set(Some((title, x, y)));
    }

    /// Window-wide `pointermove`.
    pub fn on_move(&self, ev: &web_sys::PointerEvent) {
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let step = self.session.try_update_value(|s| {
            let s = s.as_mut()?;
            if s.pointer_id != ev.pointer_id() {
                return None;
            }
            let moved = (x - s.start.0).hypot(y - s.start.1);
            if s.lifted {
                Some(Step::Drag(s.card_id.clone()))
            } else if s.touch {
                (moved > TOUCH_SLOP).then_some(Step::Abandon)
            } else if moved > MOUSE_SLOP {
                s.lifted = true;
                Some(Step::Lift(s.card_id.clone()))
            } else {
                None
            }
        });
        match step.flatten() {
            Some(Step::Abandon) => self.end(),
            Some(Step::Lift(id)) => {
                self.lift(&id, x, y);
                self.track(&id, x, y);
            }
            Some(Step::Drag(id)) => {
                ev.prevent_default();
                self.track(&id, x, y);
            }
            None => {}
        }
    }

    fn track(&self, card_id: &str, x: f64, y: f64) {
        self.session.update_value(|s| {
            if let Some(s) = s {
                s.tracked = Some((x, y));
            }
        });
        self.ghost.update(|g| {
            if let Some(g) = g {
                g.1 = x;
                g.2 = y;
            }
        });
        if let Some(target) = self.hit(card_id, x, y)
            && self
                .state
                .target
                .with_untracked(|t| t.as_ref() != Some(&target))
        {
            // The card is about to be drawn in another column (`PendingMove`),
            // and its node here to go.
            let leaves_column = self
                .state
                .card(card_id)
                .is_some_and(|c| c.stage_id != target.stage_id);
            if leaves_column {
                let_go_of_focus(card_id);
            }
            self.state.target.set(Some(target));
        }
    }

    /// The column and gap under the pointer; scrolls a column or the board
    /// when the pointer is near its edge.
    fn hit(&self, card_id: &str, x: f64, y: f64) -> Option<Target> {
        let doc = document();
        let el = doc.element_from_point(x as f32, y as f32)?;
        let column = el.closest(".board-column").ok().flatten()?;
        let stage_id = column.get_attribute("data-stage-id")?;
        let others = self.state.others_in(&stage_id, card_id);
        let Some(body) = column.query_selector(".column-body").ok().flatten() else {
            // A folded column: to its end.
            return Some(Target {
                stage_id,
                gap: others,
            });
        };
        let rect = body.get_bounding_client_rect();
        if y > rect.bottom() - 40.0 {
            body.set_scroll_top(body.scroll_top() + 16);
        } else if y < rect.top() + 40.0 {
            body.set_scroll_top(body.scroll_top() - 16);
        }
        if let Some(board) = doc.query_selector(".board-columns").ok().flatten() {
            let b = board.get_bounding_client_rect();
            if x > b.right() - 40.0 {
                board.set_scroll_left(board.scroll_left() + 16);
            } else if x < b.left() + 40.0 {
                board.set_scroll_left(board.scroll_left() - 16);
            }
        }
        // The card is drawn at its landing place (`PendingMove`), so the slot
        // under the pointer is the place: it stays put while the pointer
        // stays on the card.
        let top = body
            .first_element_child()
            .map_or(rect.top(), |track| track.get_bounding_client_rect().top());
        let offset = y - top;
        let slot = (offset / CARD_SLOT).floor().max(0.0) as usize;
        Some(Target {
            stage_id,
            gap: slot.min(others),
        })
    }

    /// Window-wide `pointerup`: drop where the card is drawn.
    pub fn on_up(&self, ev: &web_sys::PointerEvent) {
        let Some(lifted) = self.session.with_value(|s| {
            s.as_ref()
                .filter(|s| s.pointer_id == ev.pointer_id())
                .map(|s| s.lifted)
        }) else {
            return;
        };
        if !lifted {
            self.end();
            return;
        }
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let session = self
            .session
            .with_value(|s| s.as_ref().map(|s| (s.card_id.clone(), s.tracked)));
        if let Some((id, tracked)) = session {
            if tracked != Some((x, y)) {
                self.track(&id, x, y);
            }
            let target = self.state.target.get_untracked();
            self.suppress_click.set_value(true);
            // The click that follows a drop lands on the card under the
            // pointer, if any; a drop elsewhere produces none.
            let this = *self;
            set_timeout(
                move || this.suppress_click.set_value(false),
                std::time::Duration::from_millis(50),
            );
            self.end();
            if let Some(target) = target {
                self.state.request_move(&id, target);
            }
        }
    }

    /// Ends the drag without moving anything (pointercancel, Escape).
    pub fn cancel(&self) {
        if self.is_active() {
            self.end();
        }
    }

    fn end(&self) {
        if let Some(Some(timer)) = self
            .session
            .try_update_value(|s| s.take().and_then(|s| s.timer))
        {
            timer.clear();
        }
        self.touch_guard.set_value(None);
        if self
            .state
            .lift
            .with_untracked(|l| l.as_ref().is_some_and(|l| l.mode == LiftMode::Pointer))
        {
            self.state.lift.set(None);
            self.state.target.set(None);
        }
        self.ghost.set(None);
    }
}

/// A card that changes column is drawn anew there, and its old node goes.
/// A mouse press focused it; were it removed while focused, the browser
/// would recompute style and layout on the spot, in the middle of the
/// frame (6 ms on a 1,000-card board in `cargo xtask bench board`).
/// Blurred first, while the page's style is still clean, it costs little.
fn let_go_of_focus(card_id: &str) {
    if super::state::focused_card().as_deref() == Some(card_id)
        && let Some(el) = document()
            .active_element()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.blur();
    }
}

enum Step {
    Abandon,
    Lift(String),
    Drag(String),
}

/// Registers the window-wide listeners of a drag for as long as the board
/// is on screen.
pub fn listen(drag: Drag) {
    let moves = window_event_listener(leptos::ev::pointermove, move |ev| drag.on_move(&ev));
    let ups = window_event_listener(leptos::ev::pointerup, move |ev| drag.on_up(&ev));
    let cancels = window_event_listener(leptos::ev::pointercancel, move |_| drag.cancel());
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && drag.is_lifted() {
            drag.cancel();
        }
    });
    // A dragging pointer selects no text. Said here rather than with
    // `user-select: none` on the board while dragging: that property is
    // inherited, so switching it restyles every card at lift and at drop
    // (2.7 ms of a drop's frame on the bench machine, Chromium trace).
    let selections = window_event_listener(leptos::ev::selectstart, move |ev| {
        if drag.is_active() {
            ev.prevent_default();
        }
    });
    on_cleanup(move || {
        moves.remove();
        ups.remove();
        cancels.remove();
        keys.remove();
        selections.remove();
    });
}
