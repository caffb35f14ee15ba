//! A coach's or room's weekly opening hours, edited as a week: spans per
//! weekday, added and removed, checked by `core::hours::check_week` (the
//! server's own check) before they are sent, and saved whole. The widget
//! offers the new hours at once. Where a vendor keeps the agenda, they are
//! shown as it gives them, saying where to change them.

use frontdesk_core::calendar::wall_text;
use frontdesk_core::hours::{HoursError, WeeklyHours, WeeklySpan, check_week};
use frontdesk_core::model::{AgendaBlock, ResourceInfo};
use leptos::prelude::*;

use crate::components::toasts::problem_text;
use crate::dates;
use crate::i18n::*;

/// A span being edited, with a key that stays when others are removed.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    key: u32,
    span: WeeklySpan,
}

fn rows_of(blocks: &[AgendaBlock], resource: &str) -> Vec<Row> {
    let mut spans: Vec<WeeklySpan> = blocks
        .iter()
        .filter(|b| b.date.is_none() && b.resource_id.as_deref() == Some(resource))
        .filter_map(|b| {
            Some(WeeklySpan {
                weekday: b.weekday?,
                start: b.start.clone(),
                end: b.end.clone(),
            })
        })
        .collect();
    spans.sort_by(|a, b| (a.weekday, &a.start).cmp(&(b.weekday, &b.start)));
    spans
        .into_iter()
        .zip(0..)
        .map(|(span, key)| Row { key, span })
        .collect()
}

fn error_words(i18n: leptos_i18n::I18nContext<Locale>, e: HoursError) -> String {
    match e {
        HoursError::Weekday => t_string!(i18n, hours_bad_weekday),
        HoursError::Time => t_string!(i18n, hours_bad_time),
        HoursError::EndBeforeStart => t_string!(i18n, hours_end_before_start),
        HoursError::Overlap => t_string!(i18n, hours_overlap),
    }
    .to_owned()
}

/// Loads the agenda's weekly hours, then edits them. It keeps its own
/// state when the calendar around it loads again after a save.
#[component]
pub fn WeeklyHoursEditor(
    agenda: i64,
    resources: Vec<ResourceInfo>,
    /// False where a vendor keeps the agenda's weekly hours.
    editable: Signal<bool>,
    /// Saved: the calendar draws the new hours.
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let loaded = LocalResource::new(move || async move {
        // The weekly rules come with any date's blocks.
        let today = dates::today().to_string();
        crate::api::appointments::blocks(agenda, &today, &today).await
    });
    move || match loaded.get() {
        // A vendor's weekly hours are not among the blocks Frontdesk has
        // (its API gives free times, not the rules behind them): saying
        // where they are kept is all that is honest to show.
        _ if !editable.get() => view! {
            <section class="card cal-week-hours" aria-label=move || t_string!(i18n, hours_title)>
                <p class="empty-note">{t!(i18n, hours_vendor_kept)}</p>
            </section>
        }
        .into_any(),
        None => view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }.into_any(),
        Some(Err(p)) => {
            view! { <p class="form-error" role="alert">{problem_text(i18n, &p)}</p> }.into_any()
        }
        Some(Ok(blocks)) => view! {
            <WeekForm
                agenda=agenda
                resources=resources.clone()
                blocks=blocks
                editable=editable
                on_change=on_change
            />
        }
        .into_any(),
    }
}

#[component]
fn WeekForm(
    agenda: i64,
    resources: Vec<ResourceInfo>,
    blocks: Vec<AgendaBlock>,
    editable: Signal<bool>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let blocks = StoredValue::new(blocks);
    let resource = RwSignal::new(resources.first().map(|r| r.id.clone()).unwrap_or_default());
    let rows = RwSignal::new(blocks.with_value(|b| rows_of(b, &resource.get_untracked())));
    let next_key = StoredValue::new(1000u32);
    // Errors by span key and field ("start", "end"), in the person's words.
    let errors = RwSignal::new(Vec::<(u32, &'static str, String)>::new());
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);

    let choose = move |id: String| {
        rows.set(blocks.with_value(|b| rows_of(b, &id)));
        resource.set(id);
        errors.set(Vec::new());
        problem.set(None);
        saved.set(false);
    };
    let edit = move |key: u32, f: &dyn Fn(&mut WeeklySpan)| {
        rows.update(|rs| {
            if let Some(r) = rs.iter_mut().find(|r| r.key == key) {
                f(&mut r.span);
            }
        });
        saved.set(false);
    };
    let add = move |weekday: u8| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        // After the day's last span, else a morning.
        let after = rows.with_untracked(|rs| {
            rs.iter()
                .filter(|r| r.span.weekday == weekday)
                .filter_map(|r| frontdesk_core::calendar::wall_minutes(&r.span.end))
                .max()
        });
        let (start, end) = match after {
            Some(m) if m + 60 <= 24 * 60 => (m, (m + 3 * 60).min(24 * 60)),
            _ => (9 * 60, 12 * 60),
        };
        rows.update(|rs| {
            rs.push(Row {
                key,
                span: WeeklySpan {
                    weekday,
                    start: wall_text(start),
                    end: wall_text(end),
                },
            })
        });
        saved.set(false);
    };
    let save = move || {
        if busy.get_untracked() {
            return;
        }
        problem.set(None);
        saved.set(false);
        let current = rows.get_untracked();
        let spans: Vec<WeeklySpan> = current.iter().map(|r| r.span.clone()).collect();
        if let Err(found) = check_week(&spans) {
            errors.set(
                found
                    .into_iter()
                    .filter_map(|(field, e)| {
                        let (i, name) = field.strip_prefix("hours[")?.split_once("].")?;
                        let key = current.get(i.parse::<usize>().ok()?)?.key;
                        let name = if name == "end" { "end" } else { "start" };
                        Some((key, name, error_words(i18n, e)))
                    })
                    .collect(),
            );
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        let week = WeeklyHours {
            resource_id: Some(resource.get_untracked()).filter(|r| !r.is_empty()),
            hours: spans,
        };
        leptos::task::spawn_local(async move {
            let answer = crate::api::appointments::replace_hours(agenda, &week).await;
            // Closed meanwhile (or the calendar left): the answer is for
            // nobody; the grid shows the saved week at its next load.
            if busy.try_set(false).is_some() {
                return;
            }
            match answer {
                Ok(week) => {
                    // What is stored now, should this coach be chosen again.
                    let id = resource.get_untracked();
                    blocks.update_value(|b| {
                        b.retain(|x| x.date.is_some() || x.resource_id.as_deref() != Some(&id));
                        b.extend(week);
                    });
                    saved.set(true);
                    on_change.run(());
                }
                Err(p) => problem.set(Some(problem_text(i18n, &p))),
            }
        });
    };
    let error_of = move |key: u32, field: &'static str| {
        move || {
            errors.with(|e| {
                e.iter()
                    .find(|(k, f, _)| *k == key && *f == field)
                    .map(|(_, _, text)| view! { <span class="field-error" role="alert">{text.clone()}</span> })
            })
        }
    };

    let day = move |weekday: u8| {
        let name = move || dates::weekday_long(i18n.get_locale(), usize::from(weekday - 1));
        let spans = move || {
            rows.get()
                .into_iter()
                .filter(|r| r.span.weekday == weekday)
                .collect::<Vec<_>>()
        };
        view! {
            <li class="week-day">
                <span class="week-day-name">{name}</span>
                <div class="week-day-spans">
                    <Show when=move || spans().is_empty()>
                        <span class="week-closed">{t!(i18n, hours_closed)}</span>
                    </Show>
                    <For
                        each=spans
                        key=|r| r.key
                        children=move |r: Row| {
                            let key = r.key;
                            let value = move |end: bool| {
                                move || {
                                    rows.with(|rs| {
                                        rs.iter()
                                            .find(|x| x.key == key)
                                            .map(|x| if end { x.span.end.clone() } else { x.span.start.clone() })
                                            .unwrap_or_default()
                                    })
                                }
                            };
                            let remove_label = move || {
                                format!(
                                    "{} {} {}–{}",
                                    t_string!(i18n, hours_remove),
                                    name(),
                                    value(false)(),
                                    value(true)()
                                )
                            };
                            view! {
                                <div class="week-span">
                                    <label>
                                        <span class="visually-hidden">{name} " " {t!(i18n, cal_from)}</span>
                                        <input
                                            type="time"
                                            step="300"
                                            required
                                            prop:disabled=move || !editable.get()
                                            prop:value=value(false)
                                            on:input=move |ev| {
                                                let v = event_target_value(&ev);
                                                edit(key, &|s| s.start = v.clone());
                                            }
                                        />
                                    </label>
                                    "–"
                                    <label>
                                        <span class="visually-hidden">{name} " " {t!(i18n, cal_until)}</span>
                                        <input
                                            type="time"
                                            step="300"
                                            required
                                            prop:disabled=move || !editable.get()
                                            prop:value=value(true)
                                            on:input=move |ev| {
                                                let v = event_target_value(&ev);
                                                edit(key, &|s| s.end = v.clone());
                                            }
                                        />
                                    </label>
                                    <Show when=move || editable.get()>
                                        <button
                                            type="button"
                                            class="button-quiet"
                                            aria-label=remove_label
                                            on:click=move |_| {
                                                rows.update(|rs| rs.retain(|x| x.key != key));
                                                saved.set(false);
                                            }
                                        >
                                            "×"
                                        </button>
                                    </Show>
                                    {error_of(key, "start")}
                                    {error_of(key, "end")}
                                </div>
                            }
                        }
                    />
                </div>
                <Show when=move || editable.get()>
                    <button
                        type="button"
                        class="button-quiet"
                        aria-label=move || format!("{} {}", t_string!(i18n, hours_add), name())
                        on:click=move |_| add(weekday)
                    >
                        {t!(i18n, hours_add)}
                    </button>
                </Show>
            </li>
        }
    };

    view! {
        <section class="card cal-week-hours" aria-label=move || t_string!(i18n, hours_title)>
            <form
                on:submit=move |ev| {
                    ev.prevent_default();
                    save();
                }
            >
                <label>
                    {t!(i18n, cal_resource)}
                    <select prop:value=move || resource.get() on:change=move |ev| choose(event_target_value(&ev))>
                        {resources
                            .into_iter()
                            .map(|r| view! { <option value=r.id.clone()>{r.name}</option> })
                            .collect_view()}
                    </select>
                </label>
                <ul class="week-days">{(1..=7u8).map(day).collect_view()}</ul>
                {move || problem.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <Show when=move || saved.get()>
                    <p class="form-note" role="status">{t!(i18n, hours_saved)}</p>
                </Show>
                <Show when=move || editable.get()>
                    <button type="submit" class="button-primary" prop:disabled=move || busy.get()>
                        {t!(i18n, hours_save)}
                    </button>
                </Show>
            </form>
        </section>
    }
}
