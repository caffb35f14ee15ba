//! The board's filters: pipeline, owner, "mine", search, expected-close
//! range. Each change goes to the URL, and the URL fetches the board.

use frontdesk_core::model::{Pipeline, PipelineKind, StaffUser};
use frontdesk_core::problem::Problem;
use leptos::prelude::*;

use super::query::BoardQuery;
use crate::components::icon::{Icon, IconName};
use crate::i18n::*;

/// Typing pauses this long before the search goes to the URL.
const SEARCH_DELAY_MS: u64 = 300;

#[component]
pub fn FilterBar(
    current: Memo<BoardQuery>,
    go: Callback<BoardQuery>,
    pipelines: LocalResource<Result<Vec<Pipeline>, Problem>>,
    staff: Signal<Vec<StaffUser>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let update = move |change: &dyn Fn(&mut BoardQuery)| {
        let mut q = current.get_untracked();
        change(&mut q);
        q.deal = None;
        go.run(q);
    };
    let list = move || pipelines.get().and_then(Result::ok).unwrap_or_default();
    let chosen = move || {
        let all = list();
        let wanted = current.with(|q| q.pipeline.clone());
        match wanted {
            Some(id) => all.into_iter().find(|p| p.id == id),
            None => all.into_iter().next(),
        }
    };
    let search = RwSignal::new(current.get_untracked().filter.q.unwrap_or_default());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let on_search = move |ev: leptos::ev::Event| {
        search.set(event_target_value(&ev));
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                let text = search.get_untracked();
                update(&|q| q.filter.q = Some(text.clone()).filter(|t| !t.trim().is_empty()));
            },
            std::time::Duration::from_millis(SEARCH_DELAY_MS),
        );
        timer.set_value(handle.ok());
    };
    let date_input = move |field: &'static str| {
        move |ev: leptos::ev::Event| {
            let value = Some(event_target_value(&ev)).filter(|v| !v.is_empty());
            update(&|q| match field {
                "from" => q.filter.close_from = value.clone(),
                _ => q.filter.close_to = value.clone(),
            });
        }
    };
    // On a phone all but the pipeline and the search fold behind one
    // button, which says how many of them are set (style/board.css).
    let open = RwSignal::new(false);
    let active = move || {
        current.with(|q| {
            let f = &q.filter;
            [
                f.owner.is_some(),
                f.mine,
                f.close_from.is_some(),
                f.close_to.is_some(),
            ]
            .into_iter()
            .filter(|on| *on)
            .count()
        })
    };
    let clear = move |_| {
        search.set(String::new());
        update(&|q| q.filter = Default::default());
    };

    view! {
        <form class="board-filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="board-pipeline">{t!(i18n, board_pipeline)}</label>
                <select
                    id="board-pipeline"
                    on:change=move |ev| {
                        let id = event_target_value(&ev);
                        update(&|q| {
                            q.pipeline = Some(id.clone());
                            q.fold.clear();
                        });
                    }
                    prop:value=move || chosen().map(|p| p.id).unwrap_or_default()
                >
                    {move || {
                        list()
                            .into_iter()
                            .map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="field">
                <label for="board-search">{t!(i18n, board_search)}</label>
                <input id="board-search" type="search" prop:value=search on:input=on_search />
            </div>
            <button
                type="button"
                class="button-quiet filters-toggle"
                aria-controls="board-more-filters"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <Icon name=IconName::Filter />
                {t!(i18n, filters)}
                {move || {
                    let n = active();
                    (n > 0).then(|| format!(" ({n})"))
                }}
            </button>
            <div id="board-more-filters" class="board-more" class:board-more-open=move || open.get()>
            <div class="field">
                <label for="board-owner">{t!(i18n, board_owner)}</label>
                <select
                    id="board-owner"
                    on:change=move |ev| {
                        let v = event_target_value(&ev).parse().ok();
                        update(&|q| q.filter.owner = v);
                    }
                    prop:value=move || current.with(|q| q.filter.owner.map(|o| o.to_string()).unwrap_or_default())
                >
                    <option value="">{t!(i18n, board_owner_all)}</option>
                    {move || {
                        staff
                            .get()
                            .into_iter()
                            .map(|u| view! { <option value=u.id.to_string()>{u.name.clone()}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || current.with(|q| q.filter.mine)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        update(&|q| q.filter.mine = on);
                    }
                />
                {t!(i18n, board_mine)}
            </label>
            <div class="field">
                <label for="board-close-from">{t!(i18n, board_close_from)}</label>
                <input
                    id="board-close-from"
                    type="date"
                    prop:value=move || current.with(|q| q.filter.close_from.clone().unwrap_or_default())
                    on:change=date_input("from")
                />
            </div>
            <div class="field">
                <label for="board-close-to">{t!(i18n, board_close_to)}</label>
                <input
                    id="board-close-to"
                    type="date"
                    prop:value=move || current.with(|q| q.filter.close_to.clone().unwrap_or_default())
                    on:change=date_input("to")
                />
            </div>
            <button type="button" class="button-quiet" on:click=clear>{t!(i18n, board_clear_filters)}</button>
            </div>
            {move || {
                chosen()
                    .filter(|p| p.kind == PipelineKind::Deals)
                    .map(|_| {
                        view! {
                            <button
                                type="button"
                                class="button-primary board-new"
                                on:click=move |_| {
                                    let mut q = current.get_untracked();
                                    q.deal = Some("new".to_owned());
                                    go.run(q);
                                }
                            >
                                {t!(i18n, board_new_deal)}
                            </button>
                        }
                    })
            }}
        </form>
    }
}
