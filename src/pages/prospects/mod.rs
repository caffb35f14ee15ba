//! The prospect list: the whole list is fetched once as a compact index and
//! searched, filtered and sorted in the browser with `core::prospect_list`,
//! so typing repaints without a round trip. The view (search, filters,
//! sort) lives in the URL; `/prospects/{id}` opens a prospect in a drawer
//! over the list, which stays mounted (and scrolled) underneath.

mod bulk;
mod detail;
mod fields;
mod import;
pub mod prefetch;
mod table;
mod toolbar;
mod url;

use std::collections::HashSet;

use frontdesk_core::model::{Prospect, StaffUser};
use frontdesk_core::problem::Problem;
use frontdesk_core::prospect_list::{self, Found, Haystacks, ListRow, ListView, ProspectIndex};
use frontdesk_core::roles::Action;
use leptos::prelude::*;
use leptos_router::components::Outlet;

use crate::i18n::*;
use crate::session::{SessionState, use_session};

pub use detail::ProspectDrawer;

/// How many rows a keystroke's search finds before the screen is painted:
/// more than any window shows (a 2160 px tall one shows 42 rows, with the
/// overscan 46); the rest is found in the next task.
const FIRST_ROWS: usize = 64;

/// What a kept search result was found over: the rows' order, their search
/// texts, and whose and which day's list it was.
#[derive(Clone, PartialEq)]
struct SearchOver {
    ordered: u64,
    hays: u64,
    me: i64,
    today: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    Loading,
    Ready,
    Failed(Problem),
}

/// The list's state, shared with the toolbar, the table, the bulk bar and
/// the drawer through context.
#[derive(Clone, Copy)]
pub struct ProspectList {
    /// Every prospect, in the index's order.
    pub rows: RwSignal<Vec<ListRow>>,
    /// Bumped whenever a row changes, so rows on screen are redrawn.
    pub version: RwSignal<u64>,
    /// The club's date the index was made on: what "overdue" compares with.
    pub today: RwSignal<String>,
    pub staff: RwSignal<Vec<StaffUser>>,
    pub load: RwSignal<Load>,
    pub view: RwSignal<ListView>,
    /// Positions into `rows` of what the view shows, in order: for a frame
    /// after a keystroke only the first screen's (see `found_all`).
    pub visible: Memo<Vec<u32>>,
    /// Whether `visible` is the whole result yet.
    pub found_all: Memo<bool>,
    /// How many rows the view matches, for the count and the scroll height;
    /// it holds still while only the first rows are found.
    pub matched: Memo<usize>,
    pub selected: RwSignal<HashSet<i64>>,
    pub me: Signal<i64>,
    /// While only the first page is in: how many the view matches.
    pub partial_total: RwSignal<Option<u64>>,
}

impl ProspectList {
    pub fn owner_name(&self, id: Option<i64>) -> Option<String> {
        let id = id?;
        self.staff
            .with(|s| s.iter().find(|u| u.id == id).map(|u| u.name.clone()))
    }

    /// Puts a changed (or new) prospect into the list.
    pub fn upsert(&self, row: ListRow) {
        let row = ListRow::new(row);
        self.rows
            .update(|rows| match rows.iter_mut().find(|r| r.id == row.id) {
                Some(existing) => *existing = row,
                None => rows.insert(0, row),
            });
        self.version.update(|v| *v += 1);
    }

    pub fn remove(&self, ids: &HashSet<i64>) {
        self.rows
            .update(|rows| rows.retain(|r| !ids.contains(&r.id)));
        self.selected.update(|s| s.retain(|id| !ids.contains(id)));
        self.version.update(|v| *v += 1);
    }

    /// The ids the view shows, in order.
    pub fn visible_ids(&self) -> Vec<i64> {
        self.rows.with_untracked(|rows| {
            self.visible
                .with_untracked(|v| v.iter().map(|&i| rows[i as usize].id).collect())
        })
    }

    /// Fetches the list again: the first page of the view at once, then
    /// the whole index (and the team, for owner names), which replaces it.
    pub fn reload(&self) {
        let this = *self;
        this.load.set(Load::Loading);
        this.partial_total.set(None);
        let query = url::query_of(&this.view.get_untracked());
        let index_in = StoredValue::new(false);
        // The index's parse waits for the first page to be on screen: both
        // answers tend to arrive together, and the parse is the longer work.
        let (page_shown, page_done) = futures::channel::oneshot::channel::<()>();
        leptos::task::spawn_local(async move {
            if let Ok(page) = prefetch::first_page(&query).await
                && !index_in.get_value()
            {
                this.rows.set(page.items.iter().map(row_of).collect());
                this.partial_total.set(Some(page.total));
                this.version.update(|v| *v += 1);
                this.load.set(Load::Ready);
            }
            let _ = page_shown.send(());
        });
        leptos::task::spawn_local(async move {
            let (body, staff) = futures::join!(prefetch::index(), crate::api::prospects::staff());
            if let Ok(staff) = staff {
                this.staff.set(staff);
            }
            let _ = page_done.await;
            crate::dom::next_paint().await;
            match body.and_then(|body| body.parse::<ProspectIndex>()) {
                Ok(index) => {
                    index_in.set_value(true);
                    this.today.set(index.today.clone());
                    this.rows.set(index.into_rows());
                    this.partial_total.set(None);
                    this.version.update(|v| *v += 1);
                    this.load.set(Load::Ready);
                }
                Err(problem) => this.load.set(Load::Failed(problem)),
            }
        });
    }
}

/// The list's row of a prospect the API sent whole.
pub fn row_of(p: &Prospect) -> ListRow {
    let f = &p.fields;
    ListRow::new(ListRow {
        id: p.id,
        first_name: f.first_name.clone(),
        last_name: f.last_name.clone(),
        email: f.email.clone(),
        mobile: f.mobile.clone(),
        phone: f.phone.clone(),
        city: f.city.clone(),
        source: f.source.clone(),
        sub_source: f.sub_source.clone(),
        status: f.status.clone(),
        owner_id: f.owner_id,
        tags: f.tags.clone(),
        next_action: f.next_action.clone(),
        next_action_due: f.next_action_due.clone(),
        created_at: p.created_at.clone(),
        ..ListRow::default()
    })
}

pub fn use_prospect_list() -> ProspectList {
    expect_context::<ProspectList>()
}

fn provide_list() -> ProspectList {
    let session = use_session();
    let me = Signal::derive(move || match session.0.get() {
        SessionState::SignedIn(info) => info.user.id,
        _ => 0,
    });
    let rows = RwSignal::new(Vec::<ListRow>::new());
    let view = RwSignal::new(url::view_from_location());
    let today = RwSignal::new(String::new());

    // The sort is the expensive part and changes rarely; it is kept apart
    // from the filter, which runs on every keystroke, behind a memo of its
    // own, so a keystroke (which changes the view but not its sort) does
    // not sort again.
    let sort = Memo::new(move |_| view.with(|v| v.sort));
    let generation = StoredValue::new(0u64);
    let ordered = Memo::new(move |_| {
        let sort = sort.get();
        generation.update_value(|g| *g += 1);
        (
            generation.get_value(),
            rows.with(|rows| prospect_list::order(rows, sort)),
        )
    });
    // The search texts, rebuilt when a row changes. The generation makes
    // the memo's comparison cheap: a new buffer is never equal to the last.
    let hays = Memo::new(move |_| {
        generation.update_value(|g| *g += 1);
        (
            generation.get_value(),
            rows.with(|rows| Haystacks::new(rows)),
        )
    });
    // Typing more of the same search only narrows the last result, so each
    // keystroke looks at fewer rows than the one before. A keystroke finds
    // only the first screen's rows (FIRST_ROWS); once they are painted,
    // `finishing` has the memo find the rest.
    let last = StoredValue::new(None::<(SearchOver, Found)>);
    let finishing = Trigger::new();
    let visible = Memo::new(move |_| {
        let view = view.get();
        let (me, today) = (me.get(), today.get());
        finishing.track();
        let (over, found) = ordered.with(|(ordered_gen, ordered)| {
            hays.with(|(hays_gen, hays)| {
                let over = SearchOver {
                    ordered: *ordered_gen,
                    hays: *hays_gen,
                    me,
                    today: today.clone(),
                };
                // A result over other rows or another order cannot be narrowed.
                let previous = last
                    .try_update_value(Option::take)
                    .flatten()
                    .filter(|(o, _)| *o == over)
                    .map(|(_, f)| f);
                let found = rows.with(|rows| match previous {
                    Some(first) if !first.is_complete() && *first.view() == view => {
                        prospect_list::finish(rows, hays, ordered, first, me, &today)
                    }
                    previous => prospect_list::search_first(
                        rows, hays, ordered, &view, me, &today, previous, FIRST_ROWS,
                    ),
                });
                (over, found)
            })
        });
        let result = found.rows.clone();
        last.set_value(Some((over, found)));
        result
    });
    let found_all = Memo::new(move |_| {
        visible.track();
        last.with_value(|l| l.as_ref().is_none_or(|(_, f)| f.is_complete()))
    });
    // The rest is found once the first rows are on screen; several keys in
    // one frame make one search for the rest (the memo finds it done).
    Effect::new(move || {
        if !found_all.get() {
            leptos::task::spawn_local(async move {
                crate::dom::next_paint().await;
                finishing.notify();
            });
        }
    });
    // While only the first rows are found, the count stays what it was (or
    // at least what is found): it changes once, a frame later, to the right
    // number instead of jumping through a wrong one.
    let matched = Memo::new(move |previous: Option<&usize>| {
        let n = visible.with(Vec::len);
        match previous {
            Some(&before) if !found_all.get() => before.max(n),
            _ => n,
        }
    });
    let list = ProspectList {
        rows,
        version: RwSignal::new(0),
        today,
        staff: RwSignal::new(Vec::new()),
        load: RwSignal::new(Load::Loading),
        view,
        visible,
        found_all,
        matched,
        selected: RwSignal::new(HashSet::new()),
        me,
        partial_total: RwSignal::new(None),
    };
    provide_context(list);
    url::keep_view_in_url(view);
    list
}

/// What the system serving prospects can do, for the parts of the page
/// that offer it.
#[derive(Clone, Copy)]
pub struct Abilities {
    pub bulk: Signal<bool>,
    /// Its name as people know it ("Clubplanner").
    pub system: Signal<String>,
}

#[component]
pub fn ProspectsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = provide_list();
    list.reload();
    // What the system serving prospects cannot do: its actions are hidden
    // (or said) rather than failing when used.
    let cannot = LocalResource::new(|| async {
        crate::api::connections::health().await.ok().and_then(|h| {
            h.capabilities
                .into_iter()
                .find(|c| c.capability == "prospects")
        })
    });
    let session = use_session();
    let can = move |action: &str| {
        cannot
            .get()
            .flatten()
            .is_none_or(|c| !c.cannot.iter().any(|x| x == action))
    };
    provide_context(Abilities {
        bulk: Signal::derive(move || can("bulk")),
        system: Signal::derive(move || {
            cannot.get().flatten().map(|c| c.system).unwrap_or_default()
        }),
    });

    view! {
        <div class="prospects-page">
            <div class="page-head">
                <h1>{t!(i18n, prospects_title)}</h1>
                <div class="page-actions">
                    <Show when=move || can("import") && session.may(Action::Import)>
                        <import::ImportButton />
                    </Show>
                    <Show when=move || session.may(Action::Export)>
                        <a class="button button-quiet" href=move || crate::api::prospects::export_url(&url::query_of(&list.view.get()))>
                            {t!(i18n, prospects_export)}
                        </a>
                    </Show>
                    <a class="button button-accent" href=move || url::href("/prospects/new", &list.view.get())>
                        {t!(i18n, prospects_new)}
                    </a>
                </div>
            </div>
            <crate::components::freshness::Freshness capability="prospects" on_synced=move |()| list.reload() />
            <toolbar::Toolbar />
            <bulk::BulkBar />
            {move || match list.load.get() {
                Load::Loading => {
                    view! { <p class="list-status" role="status">{t!(i18n, prospects_loading)}</p> }
                        .into_any()
                }
                Load::Failed(problem) => {
                    view! {
                        <div class="form-error" role="alert">
                            <p>{crate::components::toasts::problem_text(i18n, &problem)}</p>
                            <button type="button" class="button-quiet" on:click=move |_| list.reload()>
                                {t!(i18n, retry)}
                            </button>
                        </div>
                    }
                        .into_any()
                }
                Load::Ready => view! { <table::ProspectTable /> }.into_any(),
            }}
            <Outlet />
        </div>
    }.into_any()
}
