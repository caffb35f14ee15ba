//! The list itself: a virtual table. Only the rows in view (and a few on
//! either side) are in the DOM, so 100,000 prospects cost what 40 do. The
//! rows are a fixed set of slots that are reused: position `p` of the result
//! is drawn by slot `p % slots`, so scrolling by one row refills one slot,
//! and a keystroke changes text in place instead of building new rows. On a
//! phone the rows are cards.

use frontdesk_core::prospect_list::{ListRow, Sort, SortColumn};
use leptos::html::Div;
use leptos::prelude::*;

use super::fields::{short_date, status_label};
use super::use_prospect_list;
use crate::i18n::*;

const ROW_PX: f64 = 52.0;
const CARD_PX: f64 = 132.0;
/// Below this width the rows are cards (kept in step with prospects.css).
const CARD_BELOW_PX: f64 = 760.0;
const OVERSCAN: usize = 5;

/// What one slot shows: a position of the result and its prospect.
#[derive(Clone, PartialEq)]
struct Item {
    pos: usize,
    row: ListRow,
}

#[component]
pub fn ProspectTable() -> impl IntoView {
    let i18n = use_i18n();
    let list = use_prospect_list();
    let scroller = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0);
    let size = RwSignal::new((1024.0, 640.0));

    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            size.set((f64::from(el.client_width()), f64::from(el.client_height())));
        }
    };
    Effect::new(move || {
        if scroller.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // A new search or filter starts at the top of its result.
    Effect::new(move |previous: Option<()>| {
        list.view.track();
        if previous.is_some()
            && let Some(el) = scroller.get_untracked()
        {
            el.set_scroll_top(0);
            scroll_top.set(0.0);
        }
    });

    let cards = Memo::new(move |_| size.get().0 < CARD_BELOW_PX);
    let row_px = move || if cards.get() { CARD_PX } else { ROW_PX };
    let slots = Memo::new(move |_| (size.get().1 / row_px()).ceil() as usize + 2 * OVERSCAN);
    let first = Memo::new(move |_| {
        let n = list.visible.with(Vec::len);
        ((scroll_top.get() / row_px()) as usize)
            .saturating_sub(OVERSCAN)
            .min(n)
    });
    let ctx = SlotContext {
        first,
        slots,
        height: Signal::derive(row_px),
    };
    let total_px = move || list.visible.with(Vec::len) as f64 * row_px();

    let all_selected = move || {
        let n = list.visible.with(Vec::len);
        n > 0 && list.selected.with(|s| s.len()) >= n && {
            let ids = list.visible_ids();
            list.selected.with(|s| ids.iter().all(|id| s.contains(id)))
        }
    };
    let toggle_all = move |_| {
        if all_selected() {
            list.selected.set(Default::default());
        } else {
            list.selected.set(list.visible_ids().into_iter().collect());
        }
    };

    view! {
        <div
            class="ptable"
            role="table"
            aria-label=move || t_string!(i18n, prospects_title)
            aria-rowcount=move || list.visible.with(Vec::len) + 1
        >
            <div class="prow prow-head" role="row" aria-rowindex="1">
                <span role="columnheader" class="c-select">
                    <input
                        type="checkbox"
                        aria-label=move || t_string!(i18n, select_all_matching)
                        // Everything that matches is known once the full
                        // list is in, not while only its first page is.
                        disabled=move || list.partial_total.with(Option::is_some)
                        prop:checked=all_selected
                        on:change=toggle_all
                    />
                </span>
                <SortHeader column=SortColumn::Name class="c-name" label=Signal::derive(move || t_string!(i18n, prospect_name).to_owned()) />
                <span role="columnheader" class="c-contact">{t!(i18n, prospect_contact)}</span>
                <SortHeader column=SortColumn::City class="c-city" label=Signal::derive(move || t_string!(i18n, prospect_city).to_owned()) />
                <SortHeader column=SortColumn::Source class="c-source" label=Signal::derive(move || t_string!(i18n, prospect_source).to_owned()) />
                <SortHeader column=SortColumn::Status class="c-status" label=Signal::derive(move || t_string!(i18n, prospect_status).to_owned()) />
                <span role="columnheader" class="c-owner">{t!(i18n, prospect_owner)}</span>
                <span role="columnheader" class="c-tags">{t!(i18n, prospect_tags)}</span>
                <SortHeader column=SortColumn::NextActionDue class="c-next" label=Signal::derive(move || t_string!(i18n, prospect_next_action).to_owned()) />
                <SortHeader column=SortColumn::CreatedAt class="c-created" label=Signal::derive(move || t_string!(i18n, prospect_created).to_owned()) />
            </div>
            <div
                class="ptable-scroll"
                role="rowgroup"
                node_ref=scroller
                on:scroll=move |_| {
                    if let Some(el) = scroller.get_untracked() {
                        scroll_top.set(f64::from(el.scroll_top()));
                    }
                }
            >
                <div class="ptable-space" style:height=move || format!("{}px", total_px())>
                    <For each=move || 0..slots.get() key=|i| *i let:index>
                        <RowSlot index ctx />
                    </For>
                </div>
                <Show when=move || list.visible.with(Vec::is_empty)>
                    <p class="list-empty">{t!(i18n, prospects_none_match)}</p>
                </Show>
            </div>
        </div>
    }.into_any()
}

#[component]
fn SortHeader(column: SortColumn, class: &'static str, label: Signal<String>) -> impl IntoView {
    let list = use_prospect_list();
    let sort = move || list.view.with(|v| v.sort);
    let aria = move || {
        let s: Sort = sort();
        match (s.column == column, s.desc) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    };
    let arrow = move || match aria() {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "",
    };
    view! {
        <span role="columnheader" class=class aria-sort=aria>
            <button
                type="button"
                class="sort-button"
                on:click=move |_| list.view.update(|v| v.sort = v.sort.toggled(column))
            >
                {label}
                <span aria-hidden="true">{arrow}</span>
            </button>
        </span>
    }
    .into_any()
}

#[derive(Clone, Copy)]
struct SlotContext {
    first: Memo<usize>,
    slots: Memo<usize>,
    height: Signal<f64>,
}

/// One reused row. Every cell reads the slot's item, so a new prospect in
/// the slot changes text nodes, not elements.
#[component]
fn RowSlot(index: usize, ctx: SlotContext) -> impl IntoView {
    let i18n = use_i18n();
    let list = use_prospect_list();
    let item = Memo::new(move |_| {
        let (first, n) = (ctx.first.get(), ctx.slots.get());
        // The one position in [first, first + n) that this slot draws.
        let pos = first + (index + n - first % n) % n;
        list.version.track();
        let i = list.visible.with(|v| v.get(pos).copied())?;
        Some(Item {
            pos,
            row: list.rows.with(|rows| rows[i as usize].clone()),
        })
    });
    let text = move |f: fn(&ListRow) -> String| {
        move || item.with(|i| i.as_ref().map(|i| f(&i.row)).unwrap_or_default())
    };
    let id = move || item.with(|i| i.as_ref().map_or(0, |i| i.row.id));
    let overdue = move || {
        let today = list.today.get();
        item.with(|i| i.as_ref().is_some_and(|i| i.row.is_overdue(&today)))
    };
    let name = move |r: &ListRow| {
        let n = r.display_name();
        if n.is_empty() { r.email.clone() } else { n }
    };
    let href = move || {
        let view = list.view.get();
        item.with(|i| {
            i.as_ref()
                .map(|i| super::url::href(&format!("/prospects/{}", i.row.id), &view))
                .unwrap_or_default()
        })
    };
    let select_label = move || {
        let who = item.with(|i| i.as_ref().map(|i| name(&i.row)).unwrap_or_default());
        crate::i18n_fill::fill(t_string!(i18n, select_prospect), &[("name", who)])
    };
    let status =
        move || item.with(|i| i.as_ref().map(|i| i.row.status.clone()).unwrap_or_default());
    let due = move || item.with(|i| i.as_ref().and_then(|i| i.row.next_action_due.clone()));
    let created = move || {
        item.with(|i| {
            i.as_ref()
                .map(|i| i.row.created_at.clone())
                .unwrap_or_default()
        })
    };
    let owner = move || {
        let owner = item.with(|i| i.as_ref().and_then(|i| i.row.owner_id));
        list.owner_name(owner)
    };
    let tags = move || item.with(|i| i.as_ref().map(|i| i.row.tags.clone()).unwrap_or_default());

    view! {
        <div
            class="prow"
            class:prow-overdue=overdue
            role="row"
            aria-rowindex=move || item.with(|i| i.as_ref().map_or(0, |i| i.pos + 2))
            style:display=move || if item.with(Option::is_none) { "none" } else { "" }
            style:transform=move || {
                let pos = item.with(|i| i.as_ref().map_or(0, |i| i.pos));
                format!("translateY({}px)", pos as f64 * ctx.height.get())
            }
            style:height=move || format!("{}px", ctx.height.get())
        >
            <span role="cell" class="c-select">
                <input
                    type="checkbox"
                    aria-label=select_label
                    prop:checked=move || { let id = id(); list.selected.with(|s| s.contains(&id)) }
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let id = id();
                        list.selected
                            .update(|s| {
                                if on {
                                    s.insert(id);
                                } else {
                                    s.remove(&id);
                                }
                            });
                    }
                />
            </span>
            <span role="cell" class="c-name">
                <a href=href>{text(name)}</a>
            </span>
            <span role="cell" class="c-contact">
                <span class="c-email">{text(|r| r.email.clone())}</span>
                <span class="c-phone">
                    {text(|r| if r.mobile.is_empty() { r.phone.clone() } else { r.mobile.clone() })}
                </span>
            </span>
            <span role="cell" class="c-city">{text(|r| r.city.clone())}</span>
            <span role="cell" class="c-source">
                {text(|r| r.source.clone())}
                <small>{text(|r| r.sub_source.clone())}</small>
            </span>
            <span role="cell" class="c-status">
                <span class="badge" data-status=status>
                    {move || status_label(i18n, &status())}
                </span>
            </span>
            <span role="cell" class="c-owner">{owner}</span>
            <span role="cell" class="c-tags">
                {move || tags().into_iter().map(|t| view! { <span class="tag">{t}</span> }).collect_view()}
            </span>
            <span role="cell" class="c-next">
                <span>{text(|r| r.next_action.clone())}</span>
                <time datetime=move || due().unwrap_or_default() class="due">
                    {move || due().map(|d| short_date(i18n, &d))}
                    {move || overdue().then(|| view! { <span class="overdue-mark">{t!(i18n, overdue)}</span> })}
                </time>
            </span>
            <span role="cell" class="c-created">
                <time datetime=created>{move || short_date(i18n, &created())}</time>
            </span>
        </div>
    }.into_any()
}
