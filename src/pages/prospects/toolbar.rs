//! Search as you type and the filters, each a part of the URL's view, with
//! the count of what matches.

use std::collections::BTreeSet;

use frontdesk_core::prospect_list::{ListView, Sort, SortColumn};
use leptos::prelude::*;

use super::fields::status_label;
use super::use_prospect_list;
use crate::components::icon::{Icon, IconName};
use crate::i18n::*;

/// Statuses offered even before any prospect has them.
pub const STATUSES: [&str; 6] = [
    "new",
    "contacted",
    "tour_booked",
    "trial",
    "member",
    "not_interested",
];

#[component]
pub fn Toolbar() -> impl IntoView {
    let i18n = use_i18n();
    let list = use_prospect_list();
    let view = list.view;
    let set = move |f: &dyn Fn(&mut ListView)| view.update(|v| f(v));
    // The view but its search: what the filter controls show. A keystroke
    // changes the view but not this, so the controls are left alone.
    let filters = Memo::new(move |_| view.with(ListView::without_search));
    // The search box shows the view's search when that comes from elsewhere
    // (a link, Back); a keystroke's own text is already in it, and writing
    // it again would cost the editor a relayout.
    let search = NodeRef::<leptos::html::Input>::new();
    Effect::new(move || {
        view.with(|v| {
            if let Some(input) = search.get()
                && input.value() != v.q
            {
                input.set_value(&v.q);
            }
        })
    });

    // What the filters offer: what the list holds, recomputed when it changes.
    let choices = Memo::new(move |_| {
        list.version.track();
        list.rows.with(|rows| {
            let mut statuses: BTreeSet<&str> = STATUSES.into_iter().collect();
            let mut sources = BTreeSet::new();
            let mut tags = BTreeSet::new();
            // Borrowed while collecting: one allocation per distinct value,
            // not per prospect.
            for r in rows {
                if !r.status.is_empty() {
                    statuses.insert(r.status.as_str());
                }
                if !r.source.is_empty() {
                    sources.insert(r.source.as_str());
                }
                tags.extend(r.tags.iter().map(String::as_str));
            }
            let owned =
                |set: BTreeSet<&str>| set.into_iter().map(str::to_owned).collect::<Vec<_>>();
            (owned(statuses), owned(sources), owned(tags))
        })
    });

    let open = RwSignal::new(false);
    let text = |v: String| Some(v).filter(|v| !v.is_empty());
    let count = move || {
        let shown = list.matched.get();
        let total = list.rows.with(Vec::len);
        let number = |n: u64| crate::i18n_fill::number(i18n.get_locale(), n);
        if let Some(matching) = list.partial_total.get() {
            // Only the first page is in: the server counted the view.
            return crate::i18n_fill::fill(
                t_string!(i18n, prospects_count_partial),
                &[("shown", number(matching))],
            );
        }
        if view.with(ListView::is_filtered) {
            crate::i18n_fill::fill(
                t_string!(i18n, prospects_count_filtered),
                &[
                    ("shown", number(shown as u64)),
                    ("total", number(total as u64)),
                ],
            )
        } else {
            crate::i18n_fill::fill(
                t_string!(i18n, prospects_count),
                &[("total", number(total as u64))],
            )
        }
    };

    view! {
        <div class="list-toolbar" role="search">
            <div class="search-field">
                <label for="prospect-search" class="visually-hidden">{t!(i18n, prospects_search_label)}</label>
                <input
                    id="prospect-search"
                    type="search"
                    autocomplete="off"
                    // The API takes no longer search (core's limit).
                    maxlength=frontdesk_core::prospect_list::MAX_SEARCH_CHARS
                    placeholder=move || t_string!(i18n, prospects_search_placeholder)
                    node_ref=search
                    on:input=move |ev| {
                        let q = event_target_value(&ev);
                        set(&|v| v.q = q.clone());
                    }
                />
            </div>
            // On a phone the filters fold away behind one button, so the
            // list itself is on the first screen.
            <button
                type="button"
                class="button-quiet filters-toggle"
                aria-controls="list-filters"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <Icon name=IconName::Filter />
                {t!(i18n, filters)}
                {move || {
                    let n = filters.with(|v| v.to_pairs().iter().filter(|(k, _)| *k != "sort").count());
                    (n > 0).then(|| format!(" ({n})"))
                }}
            </button>
            <SortControl />
            <div id="list-filters" class="filters" class:filters-open=move || open.get()>
            <select
                aria-label=move || t_string!(i18n, prospect_status)
                on:change=move |ev| {
                    let s = text(event_target_value(&ev));
                    set(&|v| v.status = s.clone());
                }
            >
                <option value="" selected=move || filters.with(|v| v.status.is_none())>
                    {t!(i18n, filter_all_statuses)}
                </option>
                <For each=move || choices.with(|c| c.0.clone()) key=|s| s.clone() let:s>
                    <option
                        value=s.clone()
                        selected={
                            let s = s.clone();
                            move || filters.with(|v| v.status.as_deref() == Some(s.as_str()))
                        }
                    >
                        {
                            let s = s.clone();
                            move || status_label(i18n, &s)
                        }
                    </option>
                </For>
            </select>
            <select
                aria-label=move || t_string!(i18n, prospect_source)
                on:change=move |ev| {
                    let s = text(event_target_value(&ev));
                    set(&|v| v.source = s.clone());
                }
            >
                <option value="" selected=move || filters.with(|v| v.source.is_none())>
                    {t!(i18n, filter_all_sources)}
                </option>
                <For each=move || choices.with(|c| c.1.clone()) key=|s| s.clone() let:s>
                    <option
                        value=s.clone()
                        selected={
                            let s = s.clone();
                            move || filters.with(|v| v.source.as_deref() == Some(s.as_str()))
                        }
                    >
                        {s.clone()}
                    </option>
                </For>
            </select>
            <select
                aria-label=move || t_string!(i18n, prospect_owner)
                on:change=move |ev| {
                    let o = event_target_value(&ev).parse().ok();
                    set(&|v| v.owner = o);
                }
            >
                <option value="" selected=move || filters.with(|v| v.owner.is_none())>
                    {t!(i18n, filter_all_owners)}
                </option>
                <For each=move || list.staff.get() key=|u| u.id let:u>
                    <option value=u.id selected=move || filters.with(|v| v.owner == Some(u.id))>
                        {u.name.clone()}
                    </option>
                </For>
            </select>
            <select
                aria-label=move || t_string!(i18n, prospect_tags)
                on:change=move |ev| {
                    let t = text(event_target_value(&ev));
                    set(&|v| v.tag = t.clone());
                }
            >
                <option value="" selected=move || filters.with(|v| v.tag.is_none())>
                    {t!(i18n, filter_all_tags)}
                </option>
                <For each=move || choices.with(|c| c.2.clone()) key=|s| s.clone() let:s>
                    <option
                        value=s.clone()
                        selected={
                            let s = s.clone();
                            move || filters.with(|v| v.tag.as_deref() == Some(s.as_str()))
                        }
                    >
                        {s.clone()}
                    </option>
                </For>
            </select>
            <label class="inline-field">
                <span>{t!(i18n, filter_created_from)}</span>
                <input
                    type="date"
                    prop:value=move || filters.with(|v| v.created_from.clone().unwrap_or_default())
                    on:change=move |ev| {
                        let d = text(event_target_value(&ev));
                        set(&|v| v.created_from = d.clone());
                    }
                />
            </label>
            <label class="inline-field">
                <span>{t!(i18n, filter_created_to)}</span>
                <input
                    type="date"
                    prop:value=move || filters.with(|v| v.created_to.clone().unwrap_or_default())
                    on:change=move |ev| {
                        let d = text(event_target_value(&ev));
                        set(&|v| v.created_to = d.clone());
                    }
                />
            </label>
            <label class="check-field">
                <input
                    type="checkbox"
                    prop:checked=move || filters.with(|v| v.overdue)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        set(&|v| v.overdue = on);
                    }
                />
                <span>{t!(i18n, filter_overdue)}</span>
            </label>
            <label class="check-field">
                <input
                    type="checkbox"
                    prop:checked=move || filters.with(|v| v.mine)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        set(&|v| v.mine = on);
                    }
                />
                <span>{t!(i18n, filter_mine)}</span>
            </label>
            </div>
            <Show when=move || view.with(ListView::is_filtered)>
                <button
                    type="button"
                    class="button-quiet"
                    on:click=move |_| set(&|v| *v = ListView { sort: v.sort, ..ListView::default() })
                >
                    {t!(i18n, filter_clear)}
                </button>
            </Show>
        </div>
        <p class="list-count" role="status" aria-live="polite">{count}</p>
    }.into_any()
}

/// A column's name, as its header says it.
pub fn column_label(i18n: leptos_i18n::I18nContext<Locale>, column: SortColumn) -> &'static str {
    match column {
        SortColumn::Name => t_string!(i18n, prospect_name),
        SortColumn::CreatedAt => t_string!(i18n, prospect_created),
        SortColumn::Status => t_string!(i18n, prospect_status),
        SortColumn::Source => t_string!(i18n, prospect_source),
        SortColumn::City => t_string!(i18n, prospect_city),
        SortColumn::NextActionDue => t_string!(i18n, prospect_next_action),
    }
}

/// The sort as a choice and a direction, for a phone, whose cards have no
/// column headers to click (style/prospects.css shows it there only). The
/// sort itself runs in the browser on the list it already holds.
#[component]
fn SortControl() -> impl IntoView {
    let i18n = use_i18n();
    let list = use_prospect_list();
    let sort = Memo::new(move |_| list.view.with(|v| v.sort));
    let set = move |s: Sort| list.view.update(|v| v.sort = s);
    let direction = move || {
        if sort.get().desc {
            t_string!(i18n, sort_descending)
        } else {
            t_string!(i18n, sort_ascending)
        }
    };
    view! {
        <div class="sort-field">
            <label for="prospect-sort">{t!(i18n, sort_by)}</label>
            <select
                id="prospect-sort"
                on:change=move |ev| {
                    if let Some(column) = SortColumn::from_key(&event_target_value(&ev)) {
                        set(sort.get_untracked().toggled(column));
                    }
                }
            >
                {SortColumn::ALL
                    .into_iter()
                    .map(|column| {
                        view! {
                            <option value=column.key() selected=move || sort.get().column == column>
                                {move || column_label(i18n, column)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <button
                type="button"
                class="button-quiet sort-direction"
                title=direction
                on:click=move |_| {
                    let s = sort.get_untracked();
                    set(s.toggled(s.column));
                }
            >
                <span aria-hidden="true">{move || if sort.get().desc { "↓" } else { "↑" }}</span>
                <span class="visually-hidden">{direction}</span>
            </button>
        </div>
    }
}
