//! CSV import in a dialog: choose a file, check which column feeds which
//! field (guessed from the headers), see every row's problems and the rows
//! that repeat someone (skipped unless the person says otherwise), and
//! only then write: all rows or none.

use std::collections::BTreeMap;

use frontdesk_core::import::FIELDS;
use frontdesk_core::model::{ImportReport, ImportRequest};
use frontdesk_core::problem::Problem;
use leptos::html::Dialog;
use leptos::prelude::*;

use super::fields::field_label;
use super::use_prospect_list;
use crate::components::toasts::{problem_text, use_toasts};
use crate::i18n::*;

/// Problems listed in the preview; the count says how many there are.
const SHOWN_ERRORS: usize = 100;
/// Repeated rows named in the preview, likewise.
const SHOWN_DUPLICATES: usize = 100;

type Mapping = BTreeMap<String, String>;

#[component]
pub fn ImportButton() -> impl IntoView {
    let i18n = use_i18n();
    let list = use_prospect_list();
    let toasts = use_toasts();
    let dialog = NodeRef::<Dialog>::new();
    let csv = RwSignal::new(None::<String>);
    let mapping = RwSignal::new(Mapping::new());
    let headers = RwSignal::new(Vec::<String>::new());
    // The last check, with the mapping it was made with.
    let report = RwSignal::new(None::<(Mapping, ImportReport)>);
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    // Rows repeating a prospect or an earlier row: skipped unless the
    // person chooses to import them anyway.
    let skip = RwSignal::new(true);

    // The first check of a file runs again with the guessed mapping, so
    // the sending closure is reached through a stored handle.
    let sender = StoredValue::new_local(None::<Box<dyn Fn(bool, Mapping)>>);
    let send_again = move |m: Mapping| {
        sender.with_value(|s| {
            if let Some(s) = s {
                s(true, m)
            }
        })
    };
    let send = move |dry_run: bool, with: Mapping| {
        let Some(text) = csv.get_untracked() else {
            return;
        };
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let request = ImportRequest {
                csv: text,
                mapping: with.clone(),
                dry_run,
                skip_duplicates: skip.get_untracked(),
            };
            let result = crate::api::prospects::import(&request).await;
            busy.set(false);
            match result {
                Ok(r) if !dry_run && r.created > 0 => {
                    let locale = i18n.get_locale();
                    let template = if r.skipped > 0 {
                        t_string!(i18n, import_done_skipped)
                    } else {
                        t_string!(i18n, import_done)
                    };
                    toasts.info(crate::i18n_fill::fill(
                        template,
                        &[
                            ("count", crate::i18n_fill::number(locale, r.created as u64)),
                            (
                                "skipped",
                                crate::i18n_fill::number(locale, r.skipped as u64),
                            ),
                        ],
                    ));
                    list.reload();
                    if let Some(d) = dialog.get_untracked() {
                        d.close();
                    }
                    csv.set(None);
                    report.set(None);
                }
                Ok(r) => {
                    if headers.with_untracked(Vec::is_empty) {
                        headers.set(r.headers.clone());
                    }
                    if with.is_empty() && !r.suggested.is_empty() {
                        // First look at the file: check again with the guess.
                        mapping.set(r.suggested.clone());
                        report.set(None);
                        send_again(r.suggested.clone());
                    } else {
                        report.set(Some((with, r)));
                    }
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    sender.set_value(Some(Box::new(send)));

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        headers.set(Vec::new());
        mapping.set(Mapping::new());
        report.set(None);
        skip.set(true);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => {
                    csv.set(text.as_string());
                    send_again(Mapping::new());
                }
                Err(_) => problem.set(Some(Problem::new(0, "The file could not be read"))),
            }
        });
    };

    // The rows the import would write: all, or all but the repeated ones.
    let to_write = move || {
        report.with(|r| {
            r.as_ref().map_or(0, |(_, r)| {
                if skip.get() {
                    r.rows.saturating_sub(repeated_rows(r))
                } else {
                    r.rows
                }
            })
        })
    };
    let ready = move || {
        report.with(|r| {
            r.as_ref()
                .is_some_and(|(m, r)| mapping.with(|now| now == m) && r.errors.is_empty())
        }) && to_write() > 0
    };
    let open = move |_| {
        if let Some(d) = dialog.get_untracked() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };

    view! {
        <button type="button" class="button button-quiet" on:click=open>
            {t!(i18n, import_open)}
        </button>
        <dialog node_ref=dialog class="import-dialog" aria-labelledby="import-title">
            <h2 id="import-title">{t!(i18n, import_title)}</h2>
            <p class="page-intro">{t!(i18n, import_intro)}</p>
            <div class="field">
                <label for="import-file">{t!(i18n, import_file)}</label>
                <input id="import-file" type="file" accept=".csv,text/csv" on:change=on_file />
            </div>
            <Show when=move || headers.with(|h| !h.is_empty())>
                <table class="import-mapping">
                    <caption>{t!(i18n, import_mapping)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, import_column)}</th>
                            <th scope="col">{t!(i18n, import_field)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || headers.get() key=|h| h.clone() let:header>
                            <tr>
                                <th scope="row">{header.clone()}</th>
                                <td>
                                    <MappingSelect header=header.clone() mapping />
                                </td>
                            </tr>
                        </For>
                    </tbody>
                </table>
                <button
                    type="button"
                    class="button-quiet"
                    disabled=move || busy.get()
                    on:click=move |_| send_again(mapping.get_untracked())
                >
                    {t!(i18n, import_check)}
                </button>
            </Show>
            <p class="form-error" role="alert">{move || problem.get().map(|p| problem_text(i18n, &p))}</p>
            {move || {
                report
                    .get()
                    .map(|(_, r)| {
                        let count = r.errors.len();
                        let shown: Vec<_> = r.errors.iter().take(SHOWN_ERRORS).cloned().collect();
                        view! {
                            <div class="import-report" role="status">
                                <p>
                                    {if count == 0 {
                                        crate::i18n_fill::fill(t_string!(i18n, import_ready), &[("rows", crate::i18n_fill::number(i18n.get_locale(), r.rows as u64))])
                                    } else {
                                        crate::i18n_fill::fill(t_string!(i18n, import_problems), &[("rows", crate::i18n_fill::number(i18n.get_locale(), r.rows as u64)), ("count", crate::i18n_fill::number(i18n.get_locale(), count as u64))])
                                    }}
                                </p>
                                <ul class="import-errors">
                                    {shown
                                        .into_iter()
                                        .map(|e| {
                                            let field = field_label(i18n, &e.field);
                                            view! {
                                                <li>
                                                    {crate::i18n_fill::fill(t_string!(i18n, import_row), &[("row", e.row.to_string())])} ", "
                                                    {field} ": " {e.message}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
            {move || {
                report
                    .get()
                    .filter(|(_, r)| !r.duplicates.is_empty())
                    .map(|(_, r)| view! { <Duplicates report=r skip /> })
            }}
            <div class="form-actions">
                <button
                    type="button"
                    class="button-accent"
                    disabled=move || busy.get() || !ready()
                    on:click=move |_| send(false, mapping.get_untracked())
                >
                    {move || {
                        crate::i18n_fill::fill(t_string!(i18n, import_write), &[("rows", to_write().to_string())])
                    }}
                </button>
                <button type="button" class="button-quiet" on:click=close>
                    {t!(i18n, close)}
                </button>
            </div>
        </dialog>
    }.into_any()
}

/// How many rows repeat someone (each row is named once).
fn repeated_rows(r: &ImportReport) -> usize {
    r.duplicates.len()
}

/// The rows that repeat a prospect already there or an earlier row, each
/// naming whom, and the choice to skip them (the default) or write them.
#[component]
fn Duplicates(report: ImportReport, skip: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let count = report.duplicates.len();
    let locale = i18n.get_locale_untracked();
    let shown: Vec<_> = report
        .duplicates
        .iter()
        .take(SHOWN_DUPLICATES)
        .cloned()
        .collect();
    view! {
        <fieldset class="import-duplicates">
            <legend>
                {crate::i18n_fill::fill(
                    t_string!(i18n, import_duplicates),
                    &[("count", crate::i18n_fill::number(locale, count as u64))],
                )}
            </legend>
            <ul class="import-errors">
                {shown
                    .into_iter()
                    .map(|d| {
                        let field = field_label(i18n, &d.field);
                        let row = d.row.to_string();
                        match (d.prospect, d.earlier_row) {
                            (Some(p), _) => view! {
                                <li>
                                    {crate::i18n_fill::fill(t_string!(i18n, import_duplicate_of), &[("row", row), ("field", field.to_owned())])}
                                    " "
                                    // A new tab: the import stays as it is.
                                    <a href=format!("/prospects/{}", p.id) target="_blank" rel="noopener">{p.name}</a>
                                </li>
                            }
                                .into_any(),
                            (None, earlier) => view! {
                                <li>
                                    {crate::i18n_fill::fill(
                                        t_string!(i18n, import_duplicate_row),
                                        &[("row", row), ("field", field.to_owned()), ("earlier", earlier.unwrap_or_default().to_string())],
                                    )}
                                </li>
                            }
                                .into_any(),
                        }
                    })
                    .collect_view()}
            </ul>
            <label class="check">
                <input
                    type="radio"
                    name="import-duplicates"
                    prop:checked=move || skip.get()
                    on:change=move |_| skip.set(true)
                />
                <span>{t!(i18n, import_skip_duplicates)}</span>
            </label>
            <label class="check">
                <input
                    type="radio"
                    name="import-duplicates"
                    prop:checked=move || !skip.get()
                    on:change=move |_| skip.set(false)
                />
                <span>{t!(i18n, import_duplicates_anyway)}</span>
            </label>
        </fieldset>
    }
}

#[component]
fn MappingSelect(header: String, mapping: RwSignal<Mapping>) -> impl IntoView {
    let i18n = use_i18n();
    let current = {
        let header = header.clone();
        move || mapping.with(|m| m.get(&header).cloned().unwrap_or_default())
    };
    let label = header.clone();
    view! {
        <select
            aria-label=label
            on:change=move |ev| {
                let field = event_target_value(&ev);
                mapping
                    .update(|m| {
                        if field.is_empty() {
                            m.remove(&header);
                        } else {
                            m.insert(header.clone(), field);
                        }
                    });
            }
        >
            <option value="" selected={
                let current = current.clone();
                move || current().is_empty()
            }>{t!(i18n, import_ignore)}</option>
            {FIELDS
                .iter()
                .map(|f| {
                    let current = current.clone();
                    view! {
                        <option value=*f selected=move || current() == *f>
                            {move || field_label(i18n, f)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
    .into_any()
}
