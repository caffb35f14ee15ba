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
const OVERSCAN: usize = 2;

#[component]
pub fn ProspectTable() -> impl IntoView {
    let i18n = use_i18n();
    let list = use_prospect_list();
    let scroller = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0);
    // The scroller's size, first guessed from the window (prospects.css:
    // its height is the window's less 17rem, at least 22rem), which takes no
    // layout, then reported by the browser after its layout.
    let size = RwSignal::new({
        let (width, height) = crate::dom::window_size();
        (width, (height - 272.0).max(352.0))
    });
    crate::dom::watch_size(scroller, move |width, height| {
        if size.get_untracked() != (width, height) {
            size.set((width, height));
        }
    });

    // A new search or filter starts at the top of its result.
    Effect::new(move |previous: Option<()>| {
        list.view.track();
        // Setting scrollTop forces a layout, so only when it moves.
        if previous.is_some()
            && scroll_top.get_untracked() != 0.0
            && let Some(el) = scroller.get_untracked()
        {
            el.set_scroll_top(0);
            scroll_top.set(0.0);
        }
    });

    let cards = Memo::new(move |_| size.get().0 < CARD_BELOW_PX);
    let row_px = move || if cards.get() { CARD_PX } else { ROW_PX };
    // The row at the top of the scroller, and how many rows tall it is.
    let top = Memo::new(move |_| (scroll_top.get() / row_px()) as usize);
    let tall = Memo::new(move |_| (size.get().1 / row_px()).ceil() as usize);
    let slots = Memo::new(move |_| tall.get() + 2 * OVERSCAN);
    let first = Memo::new(move |_| {
        let n = list.matched.get();
        top.get().saturating_sub(OVERSCAN).min(n)
    });
    // The positions one can see (scrolled, part of one more row shows); the
    // overscan around them is drawn, but out of view.
    let in_view = Memo::new(move |_| top.get()..top.get() + tall.get() + 1);
    // The overscan catches up once the frame that shows the new list is
    // painted (dom::next_paint); several keys in one frame make one catch-up.
    let late = Trigger::new();
    let catching_up = StoredValue::new(false);
    Effect::new(move |previous: Option<()>| {
        list.visible.track();
        if previous.is_some() && !catching_up.get_value() {
            catching_up.set_value(true);
            leptos::task::spawn_local(async move {
                crate::dom::next_paint().await;
                catching_up.set_value(false);
                late.notify();
            });
        }
    });
    let ctx = SlotContext {
        first,
        slots,
        in_view,
        late,
        height: Signal::derive(row_px),
        // Once per view, not once per row.
        query: Memo::new(move |_| super::url::query_of(&list.view.get())),
    };
    let total_px = move || list.matched.get() as f64 * row_px();

    let all_selected = move || {
        let n = list.visible.with(Vec::len);
        n > 0 && list.found_all.get() && list.selected.with(|s| s.len()) >= n && {
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
            aria-rowcount=move || list.matched.get() + 1
            // For the frame in which a keystroke's search has only found
            // the first screen's rows (the bench waits on it too).
            aria-busy=move || (!list.found_all.get()).to_string()
        >
            <div class="prow prow-head" role="row" aria-rowindex="1">
                <span role="columnheader" class="c-select">
                    <input
                        type="checkbox"
                        aria-label=move || t_string!(i18n, select_all_matching)
                        // Everything that matches is known once the full
                        // list is in, not while only its first page is, and
                        // once a keystroke's search has found the rest.
                        disabled=move || list.partial_total.with(Option::is_some) || !list.found_all.get()
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
                on:change=move |ev| select_row(list, &ev)
                on:scroll=move |_| {
                    if let Some(el) = scroller.get_untracked() {
                        scroll_top.set(f64::from(el.scroll_top()));
                    }
                }
            >
                <div class="ptable-space" style:height=move || crate::dom::px(total_px())>
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

/// A row's checkbox changed: its value is the prospect's id.
fn select_row(list: super::ProspectList, ev: &leptos::ev::Event) {
    use wasm_bindgen::JsCast;
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Ok(id) = input.value().parse::<i64>() else {
        return;
    };
    let on = input.checked();
    list.selected.update(|s| {
        if on {
            s.insert(id);
        } else {
            s.remove(&id);
        }
    });
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
    /// The positions in view; the others follow `late`.
    in_view: Memo<std::ops::Range<usize>>,
    late: Trigger,
    height: Signal<f64>,
    /// The view's query string, which every row's link keeps.
    query: Memo<String>,
}

/// One reused row. The whole row is one reactive view: when the slot gets
/// another prospect, tachys rebuilds it in place, comparing each text and
/// attribute with what is on screen and writing only what differs. One
/// effect per slot instead of one per cell took about a quarter off a
/// keystroke's script time (Chromium CPU profile, same keys).
///
/// A slot past the end of the result keeps its last row and is only hidden
/// (`prow-gone`: `visibility: hidden`, which also takes it out of the
/// accessibility tree), so the browser keeps its boxes: a search that empties
/// the list and the Backspace that brings it back repaint instead of
/// tearing down and rebuilding every row (`display: none` did).
#[component]
fn RowSlot(index: usize, ctx: SlotContext) -> impl IntoView {
    let i18n = use_i18n();
    let list = use_prospect_list();
    let slot = Memo::new(move |last: Option<&Slot>| {
        let (first, n) = (ctx.first.get(), ctx.slots.get());
        // The one position in [first, first + n) that this slot draws.
        let pos = first + (index + n - first % n) % n;
        list.version.track();
        if ctx.in_view.with(|r| r.contains(&pos)) {
            list.visible.track();
        } else {
            ctx.late.track();
        }
        match list.visible.with_untracked(|v| v.get(pos).copied()) {
            Some(i) => Slot {
                pos,
                row: list.rows.with(|rows| rows[i as usize].clone()),
                gone: false,
            },
            None => Slot {
                gone: true,
                ..last.cloned().unwrap_or_default()
            },
        }
    });
    move || {
        let height = ctx.height.get();
        ctx.query
            .with(|query| slot.with(|slot| row_view(list, i18n, slot, height, query)))
    }
}

/// What one slot shows: a position of the result and its prospect, or, when
/// `gone`, the last ones it showed, hidden.
#[derive(Clone, Default, PartialEq)]
struct Slot {
    pos: usize,
    row: ListRow,
    gone: bool,
}

/// One prospect's row, drawn by `slot` at `height` pixels a row; `query` is
/// the view's query string, which its link keeps.
fn row_view(
    list: super::ProspectList,
    i18n: leptos_i18n::I18nContext<Locale>,
    slot: &Slot,
    height: f64,
    query: &str,
) -> AnyView {
    let Slot { pos, row, gone } = slot;
    let id = row.id;
    let name = match row.display_name() {
        n if n.is_empty() => row.email.clone(),
        n => n,
    };
    let overdue = list.today.with(|today| row.is_overdue(today));
    let selected = list.selected.with(|s| s.contains(&id));
    let select_label =
        crate::i18n_fill::fill(t_string!(i18n, select_prospect), &[("name", name.clone())]);
    let phone = if row.mobile.is_empty() {
        &row.phone
    } else {
        &row.mobile
    };
    let due = row.next_action_due.clone().unwrap_or_default();
    let due_text = row.next_action_due.as_deref().map(|d| short_date(i18n, d));
    view! {
        <div
            class="prow"
            class:prow-overdue=overdue
            class:prow-gone=*gone
            role="row"
            aria-rowindex=(pos + 2).to_string()
            style:transform=format!("translateY({})", crate::dom::px(*pos as f64 * height))
            style:height=crate::dom::px(height)
        >
            <span role="cell" class="c-select">
                // Its change is handled by the list (`select_row`): a
                // listener per row would be replaced at every redraw.
                <input type="checkbox" aria-label=select_label value=id.to_string() prop:checked=selected />
            </span>
            <span role="cell" class="c-name">
                <a href=super::url::with_query(&format!("/prospects/{id}"), query)>{name}</a>
            </span>
            <span role="cell" class="c-contact">
                // A call or a mail is one click (tel:/mailto:, issue #21).
                {(!row.email.is_empty()).then(|| view! {
                    <a class="c-email" href=format!("mailto:{}", row.email)>{row.email.clone()}</a>
                })}
                {(!phone.is_empty()).then(|| view! {
                    <a class="c-phone" href=format!("tel:{}", phone.replace(' ', ""))>{crate::club::phone(phone)}</a>
                })}
            </span>
            <span role="cell" class="c-city">{row.city.clone()}</span>
            <span role="cell" class="c-source">
                {row.source.clone()}
                <small>{row.sub_source.clone()}</small>
            </span>
            <span role="cell" class="c-status">
                <span class="badge" data-status=row.status.clone()>
                    {status_label(i18n, &row.status)}
                </span>
            </span>
            <span role="cell" class="c-owner">{list.owner_name(row.owner_id)}</span>
            <span role="cell" class="c-tags">
                {row.tags.iter().map(|t| view! { <span class="tag">{t.clone()}</span> }).collect_view()}
            </span>
            <span role="cell" class="c-next">
                <span>{row.next_action.clone()}</span>
                <time datetime=due class="due">
                    {due_text}
                    {overdue.then(|| view! { <span class="overdue-mark">{t_string!(i18n, overdue)}</span> })}
                </time>
            </span>
            <span role="cell" class="c-created">
                <time datetime=row.created_at.clone()>{short_date(i18n, &row.created_at)}</time>
            </span>
        </div>
    }
    .into_any()
}
