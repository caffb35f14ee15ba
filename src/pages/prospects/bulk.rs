//! One change to every selected prospect: assign an owner, add a tag, or
//! delete (after a confirmation, with an undo). "Select all" in the table
//! selects everything the search and filters match, not only what is drawn.

use std::collections::HashSet;

use frontdesk_core::model::BulkAction;
use frontdesk_core::roles::Action;
use leptos::prelude::*;

use super::use_prospect_list;
use crate::components::toasts::use_toasts;
use crate::i18n::*;

#[component]
pub fn BulkBar() -> impl IntoView {
    let i18n = use_i18n();
    let list = use_prospect_list();
    let toasts = use_toasts();
    let owner = RwSignal::new(String::new());
    let tag = RwSignal::new(String::new());
    let tag_error = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let count = move || list.selected.with(HashSet::len);
    let abilities = expect_context::<super::Abilities>();
    let session = crate::session::use_session();
    // A deactivated account is given nothing new.
    let active_staff = move || {
        list.staff
            .get()
            .into_iter()
            .filter(|u| u.active)
            .collect::<Vec<_>>()
    };

    let run = move |action: BulkAction| {
        let ids: Vec<i64> = list
            .selected
            .with_untracked(|s| s.iter().copied().collect());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = crate::api::prospects::bulk(ids.clone(), action.clone()).await;
            busy.set(false);
            match result {
                Ok(report) => {
                    apply(list, &ids, &action);
                    let n = report.affected;
                    if matches!(action, BulkAction::Delete {}) {
                        let undo = Callback::new(move |()| {
                            let ids = ids.clone();
                            leptos::task::spawn_local(async move {
                                match crate::api::prospects::bulk(ids, BulkAction::Restore {}).await
                                {
                                    Ok(_) => list.reload(),
                                    Err(p) => toasts.problem(&p),
                                }
                            });
                        });
                        toasts.info_with_action(
                            crate::i18n_fill::fill(
                                t_string!(i18n, bulk_deleted),
                                &[("count", crate::i18n_fill::number(i18n.get_locale(), n))],
                            ),
                            t_string!(i18n, undo).to_owned(),
                            undo,
                        );
                    } else {
                        toasts.info(crate::i18n_fill::fill(
                            t_string!(i18n, bulk_done),
                            &[("count", crate::i18n_fill::number(i18n.get_locale(), n))],
                        ));
                    }
                }
                Err(problem) => toasts.problem(&problem),
            }
        });
    };

    view! {
        <Show when=move || { count() > 0 }>
            <section class="bulk-bar" aria-label=move || t_string!(i18n, bulk_actions)>
                <p class="bulk-count" role="status">
                    {move || crate::i18n_fill::fill(t_string!(i18n, bulk_selected), &[("count", crate::i18n_fill::number(i18n.get_locale(), count() as u64))])}
                </p>
                <Show
                    when=move || abilities.bulk.get()
                    fallback=move || view! {
                        <p class="bulk-not-supported">
                            {move || crate::i18n_fill::fill(t_string!(i18n, bulk_not_supported), &[("system", abilities.system.get())])}
                        </p>
                    }
                >
                    <div class="bulk-group">
                        <select
                            aria-label=move || t_string!(i18n, prospect_owner)
                            on:change=move |ev| owner.set(event_target_value(&ev))
                        >
                            <option value="" selected=move || owner.with(String::is_empty)>
                                {t!(i18n, bulk_choose_owner)}
                            </option>
                            <option value="none">{t!(i18n, bulk_no_owner)}</option>
                            <For each=active_staff key=|u| u.id let:u>
                                <option value=u.id>{u.name.clone()}</option>
                            </For>
                        </select>
                        <button
                            type="button"
                            class="button-quiet"
                            disabled=move || busy.get() || owner.with(String::is_empty)
                            on:click=move |_| {
                                let owner_id = owner.get_untracked().parse().ok();
                                run(BulkAction::AssignOwner { owner_id });
                            }
                        >
                            {t!(i18n, bulk_assign)}
                        </button>
                    </div>
                    <div class="bulk-group">
                        <input
                            type="text"
                            aria-label=move || t_string!(i18n, bulk_tag_label)
                            placeholder=move || t_string!(i18n, bulk_tag_label)
                            bind:value=tag
                            aria-invalid=move || tag_error.with(Option::is_some).to_string()
                            aria-describedby="bulk-tag-error"
                        />
                        <button
                            type="button"
                            class="button-quiet"
                            disabled=move || busy.get()
                            on:click=move |_| {
                                let t = tag.get_untracked().trim().to_owned();
                                match frontdesk_core::validate::tag(&t) {
                                    Ok(()) => {
                                        tag_error.set(None);
                                        run(BulkAction::AddTag { tag: t });
                                    }
                                    Err(e) => tag_error.set(Some(e.to_string())),
                                }
                            }
                        >
                            {t!(i18n, bulk_add_tag)}
                        </button>
                        <p id="bulk-tag-error" class="field-error">
                            {move || tag_error.get().map(|_| t_string!(i18n, tag_invalid))}
                        </p>
                    </div>
                    // Many at once is not the desk's (the API refuses it too).
                    <Show when=move || session.may(Action::BulkDelete)>
                    <Show
                        when=move || confirming.get()
                        fallback=move || {
                            view! {
                                <button type="button" class="button-danger" on:click=move |_| confirming.set(true)>
                                    {t!(i18n, delete)}
                                </button>
                            }
                        }
                    >
                        <div class="bulk-confirm" role="alert">
                            <span>{move || crate::i18n_fill::fill(t_string!(i18n, bulk_confirm_delete), &[("count", crate::i18n_fill::number(i18n.get_locale(), count() as u64))])}</span>
                            <button
                                type="button"
                                class="button-danger"
                                disabled=move || busy.get()
                                on:click=move |_| {
                                    confirming.set(false);
                                    run(BulkAction::Delete {});
                                }
                            >
                                {t!(i18n, delete_confirm)}
                            </button>
                            <button type="button" class="button-quiet" on:click=move |_| confirming.set(false)>
                                {t!(i18n, cancel)}
                            </button>
                        </div>
                    </Show>
                    </Show>
                    <button type="button" class="button-quiet" on:click=move |_| list.selected.set(HashSet::new())>
                        {t!(i18n, bulk_clear)}
                    </button>
                </Show>
            </section>
        </Show>
    }.into_any()
}

/// Mirrors an accepted change in the list without fetching it again.
fn apply(list: super::ProspectList, ids: &[i64], action: &BulkAction) {
    let ids: HashSet<i64> = ids.iter().copied().collect();
    match action {
        BulkAction::Delete {} => list.remove(&ids),
        BulkAction::AssignOwner { owner_id } => {
            list.rows.update(|rows| {
                for r in rows.iter_mut().filter(|r| ids.contains(&r.id)) {
                    r.owner_id = *owner_id;
                }
            });
            list.version.update(|v| *v += 1);
        }
        BulkAction::AddTag { tag } => {
            list.rows.update(|rows| {
                for r in rows.iter_mut().filter(|r| ids.contains(&r.id)) {
                    if !r.tags.contains(tag) {
                        r.tags.push(tag.clone());
                        r.tags.sort();
                    }
                }
            });
            list.version.update(|v| *v += 1);
        }
        BulkAction::RemoveTag { .. } | BulkAction::Restore {} => list.reload(),
    }
}
