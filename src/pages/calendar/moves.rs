//! Moving and resizing an appointment (by drag, by keyboard or by the
//! form): shown in its new place at once, sent, and put back with the
//! server's words when refused. A move the rules do not allow (outside
//! the hours, taken) comes back asking for a reason; the person gives one
//! and sends it again, or leaves it where it was.

use frontdesk_core::model::DeskMove;
use frontdesk_core::problem::Problem;
use leptos::prelude::*;

use super::state::{Layout, Place};

/// A move waiting for the person's reason to override a rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    pub index: usize,
    pub to: Place,
    /// The server's words: why it is not free.
    pub detail: String,
}

#[derive(Clone, Copy)]
pub struct Moves {
    pub layout: StoredValue<Layout>,
    pub needs_reason: RwSignal<Option<Override>>,
    pub error: RwSignal<Option<Problem>>,
}

impl Moves {
    pub fn new(layout: StoredValue<Layout>) -> Self {
        Self {
            layout,
            needs_reason: RwSignal::new(None),
            error: RwSignal::new(None),
        }
    }

    /// Puts appointment `index` at `to` and sends it; `reason` overrides a
    /// rule when the person gave one.
    pub fn send(self, index: usize, to: Place, reason: Option<String>) {
        let Some((shown, request)) = self.layout.with_value(|l| {
            let shown = l.shown(index)?.clone();
            let before = shown.place.get_untracked();
            let column = l.columns.get(to.col)?;
            let start = l.instant(to.col, to.start, &shown.item.start)?;
            let request = DeskMove {
                start,
                minutes: (to.end - to.start != before.end - before.start)
                    .then_some(to.end.saturating_sub(to.start)),
                resource_id: (column.resource != shown.item.resource_id)
                    .then(|| column.resource.clone())
                    .flatten(),
                override_reason: reason.clone(),
            };
            Some((shown, request))
        }) else {
            return;
        };
        let before = shown.place.get_untracked();
        if before.col == to.col && before.start == to.start && before.end == to.end {
            return;
        }
        let generation = self.layout.with_value(|l| l.generation);
        shown.place.set(to);
        self.relane(generation, &[before.col, to.col]);
        self.needs_reason.set(None);
        self.error.set(None);
        shown.saving.set(true);
        let id = shown.item.id;
        leptos::task::spawn_local(async move {
            // The move is drawn first; building and sending the request
            // (a few ms on a slow machine) waits for that frame.
            crate::dom::next_paint().await;
            let answer = crate::api::appointments::reschedule(id, &request).await;
            // Another load may have been drawn meanwhile (another week, or
            // the calendar left): its signals are gone (`try_`), and what
            // the answer says is not about what is on screen now.
            if self.layout.try_with_value(|l| l.generation) != Some(generation) {
                return;
            }
            shown.saving.try_set(false);
            match answer {
                Ok(moved) => {
                    // The server's own times win (it may have rounded).
                    let start = frontdesk_core::calendar::wall_minutes(&moved.start_time);
                    let end = frontdesk_core::calendar::wall_minutes(&moved.end_time);
                    if let (Some(start), Some(end), Some(place)) =
                        (start, end, shown.place.try_get_untracked())
                        && (place.start != start || place.end != end.max(start))
                    {
                        shown.place.set(Place {
                            start,
                            end: end.max(start),
                            ..place
                        });
                        self.relane(generation, &[place.col]);
                    }
                }
                Err(problem) => {
                    shown.place.try_set(before);
                    self.relane(generation, &[before.col, to.col]);
                    if problem.type_.ends_with("/problems/override-needed") {
                        self.needs_reason.try_set(Some(Override {
                            index,
                            to,
                            detail: problem.detail.clone().unwrap_or(problem.title.clone()),
                        }));
                    } else {
                        self.error.try_set(Some(problem));
                    }
                }
            }
        });
    }

    /// Lanes again in `cols` of load `generation`, if it is still drawn.
    fn relane(self, generation: u64, cols: &[usize]) {
        self.layout.try_with_value(|l| {
            if l.generation == generation {
                l.relane_columns(cols);
            }
        });
    }
}
