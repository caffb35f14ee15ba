//! What a view of the calendar shows, loaded from the server; and the
//! day or week before and after it, loaded ahead while staff look at this
//! one, so stepping through the calendar draws at once instead of waiting
//! for 2,000 appointments to cross the network.

use std::sync::Arc;

use frontdesk_core::model::{AgendaBlock, AppointmentList, FormField};
use frontdesk_core::problem::Problem;
use frontdesk_core::slots::{self, SlotGrid};
use leptos::prelude::*;

use super::url::{Mode, View};

/// What one view shows. Shared (`Arc`), never copied: a week is 2,000
/// appointments, and a copy of them cost the switch milliseconds each
/// time it was taken from the loads ahead, checked or laid out.
#[derive(Clone, PartialEq)]
pub struct Loaded {
    pub list: AppointmentList,
    pub blocks: Vec<AgendaBlock>,
    pub free: Option<SlotGrid>,
    pub fields: Vec<FormField>,
}

type ListAnswer = Result<AppointmentList, Problem>;

/// The appointments of the view the page opens on, asked for as it opens:
/// the rest of a load needs the agenda (a request of its own first), the
/// appointment list does not, so it need not wait for it.
#[derive(Clone, Copy)]
pub struct Early(StoredValue<Option<EarlyList>, LocalStorage>);

struct EarlyList {
    from: String,
    to: String,
    /// `api::writes()` when it was asked for.
    writes: u64,
    answer: futures::channel::oneshot::Receiver<ListAnswer>,
}

impl Early {
    pub fn start(view: &View) -> Self {
        let (from, to) = view.range();
        let (from, to) = (from.to_string(), to.to_string());
        let (tx, answer) = futures::channel::oneshot::channel();
        let (f, t) = (from.clone(), to.clone());
        leptos::task::spawn_local(async move {
            let _ = tx.send(crate::api::appointments::list(&f, &t).await);
        });
        Self(StoredValue::new_local(Some(EarlyList {
            from,
            to,
            writes: crate::api::writes(),
            answer,
        })))
    }

    /// The answer for `from..=to`, once, if that is what was asked for
    /// and nothing was changed since.
    fn take(self, from: &str, to: &str) -> Option<futures::channel::oneshot::Receiver<ListAnswer>> {
        self.0
            .try_update_value(|e| {
                let early = e.take()?;
                (early.from == from && early.to == to && early.writes == crate::api::writes())
                    .then_some(early.answer)
            })
            .flatten()
    }
}

/// What `view` shows; its appointment list from `early` when that one
/// was asked for already.
pub async fn load(agenda: i64, view: &View, early: Option<Early>) -> Result<Arc<Loaded>, Problem> {
    let (from, to) = view.range();
    let (from, to) = (from.to_string(), to.to_string());
    let id = agenda.to_string();
    let early = early.and_then(|e| e.take(&from, &to));
    let list = async {
        if let Some(Ok(answer)) = match early {
            Some(rx) => Some(rx.await),
            None => None,
        } {
            return answer;
        }
        crate::api::appointments::list(&from, &to).await
    };
    let free = async {
        let Some(type_id) = view.type_id else {
            return Ok((None, Vec::new()));
        };
        let (av, fields) = futures::join!(
            crate::api::booking::availability(&id, type_id, &from, &to),
            crate::api::booking::fields(&id, type_id)
        );
        let grid = slots::compute(&av?).map_err(|e| Problem::new(500, e.message()))?;
        Ok::<_, Problem>((Some(grid), fields?))
    };
    let (list, blocks, free) = futures::join!(
        list,
        async {
            if view.mode == Mode::List {
                Ok(Vec::new())
            } else {
                crate::api::appointments::blocks(agenda, &from, &to).await
            }
        },
        free
    );
    let (free, fields) = free?;
    Ok(Arc::new(Loaded {
        list: list?,
        blocks: blocks?,
        free,
        fields,
    }))
}

/// A loaded-ahead entry lasts this long at most. What the widget books
/// and other desks change meanwhile is unseen here: a view drawn from an
/// entry is loaded again at once and drawn again if it changed
/// ([`Ahead::revalidate`]).
const FRESH_MS: f64 = 300_000.0;
/// After a change, the neighbours are loaded again this much later (a
/// drag or a run of keyboard moves sends many).
const SETTLE_MS: u64 = 1_000;

#[derive(Clone)]
struct Entry {
    key: String,
    /// `api::writes()` when it was asked for: any change sent or
    /// answered since may be missing from it.
    writes: u64,
    at: f64,
    /// Loaded again after the view was drawn from an older entry: no need
    /// to check it once more.
    checked: bool,
    loaded: Arc<Loaded>,
}

impl Entry {
    fn fresh(&self) -> bool {
        self.writes == crate::api::writes() && js_sys::Date::now() - self.at < FRESH_MS
    }
}

/// The views loaded ahead.
#[derive(Clone, Copy)]
pub struct Ahead {
    entries: StoredValue<Vec<Entry>>,
    /// Keys being loaded, not to be asked for twice.
    loading: StoredValue<Vec<String>>,
}

impl Ahead {
    pub fn new() -> Self {
        Self {
            entries: StoredValue::new(Vec::new()),
            loading: StoredValue::new(Vec::new()),
        }
    }

    /// The view, if it was loaded ahead and nothing changed since, and
    /// whether it was already checked against the server once drawn.
    pub fn take(self, view: &View) -> Option<(Arc<Loaded>, bool)> {
        let key = view.href();
        self.entries
            .try_with_value(|e| {
                e.iter()
                    .find(|x| x.key == key && x.fresh())
                    .map(|x| (x.loaded.clone(), x.checked))
            })
            .flatten()
    }

    /// Keeps the view just loaded: stepping back to it draws at once
    /// while nothing changed since it was read.
    pub fn keep(self, view: &View, writes: u64, at: f64, loaded: &Arc<Loaded>) {
        if view.mode == Mode::List {
            return;
        }
        self.put(Entry {
            key: view.href(),
            writes,
            at,
            checked: true,
            loaded: loaded.clone(),
        });
    }

    /// `try_`: an answer may come after the calendar was left, for nobody.
    fn put(self, entry: Entry) {
        let _ = self.entries.try_update_value(|e| {
            e.retain(|x| x.key != entry.key);
            e.push(entry);
        });
    }

    /// Loads `view` again after it was drawn from an entry loaded ahead;
    /// when the server's answer differs (the widget booked meanwhile), it
    /// becomes the entry and `changed` has the page draw it.
    pub fn revalidate(
        self,
        agenda: i64,
        view: View,
        drawn: Arc<Loaded>,
        changed: impl FnOnce() + 'static,
    ) {
        leptos::task::spawn_local(async move {
            // After the view is painted: building and sending the requests
            // (a few ms each) would otherwise delay the frame that shows it.
            crate::dom::next_paint().await;
            let (writes, at) = (crate::api::writes(), js_sys::Date::now());
            let Ok(loaded) = load(agenda, &view, None).await else {
                return;
            };
            if loaded == drawn {
                return;
            }
            self.put(Entry {
                key: view.href(),
                writes,
                at,
                checked: true,
                loaded,
            });
            changed();
        });
    }

    /// Loads the views before and after `view` (not a list: it is one
    /// day, cheap to load when asked). Called when a view is shown and
    /// again after a change is answered, once the changes settle.
    pub fn around(self, agenda: i64, view: &View, after_change: bool) {
        if view.mode == Mode::List {
            return;
        }
        let views = [view.stepped(-1), view.stepped(1)];
        let keys: Vec<String> = views.iter().map(View::href).collect();
        let here = view.href();
        self.entries
            .update_value(|e| e.retain(|x| x.fresh() && (keys.contains(&x.key) || x.key == here)));
        leptos::task::spawn_local(async move {
            // As in `revalidate`: the view shown is painted first.
            crate::dom::next_paint().await;
            if after_change {
                let writes = crate::api::writes();
                crate::dom::sleep(std::time::Duration::from_millis(SETTLE_MS)).await;
                if crate::api::writes() != writes {
                    return;
                }
            }
            for (view, key) in views.into_iter().zip(keys) {
                // The calendar may have been left meanwhile (`try_`).
                let Some(known) = self
                    .entries
                    .try_with_value(|e| e.iter().any(|x| x.key == key && x.fresh()))
                else {
                    return;
                };
                let busy = self.loading.try_with_value(|l| l.contains(&key));
                if known || busy != Some(false) {
                    continue;
                }
                self.loading.try_update_value(|l| l.push(key.clone()));
                let (writes, at) = (crate::api::writes(), js_sys::Date::now());
                let answer = load(agenda, &view, None).await;
                if self
                    .loading
                    .try_update_value(|l| l.retain(|k| k != &key))
                    .is_none()
                {
                    return;
                }
                if let Ok(loaded) = answer {
                    self.put(Entry {
                        key,
                        writes,
                        at,
                        checked: false,
                        loaded,
                    });
                }
            }
        });
    }
}
