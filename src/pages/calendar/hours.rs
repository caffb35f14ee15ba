//! A date's extra opening hours for a coach or room: added here (the
//! widget offers them at once) and taken away again.

use chrono::NaiveDate;
use frontdesk_core::model::{AgendaBlock, BlockRequest, ResourceInfo};
use leptos::prelude::*;

use crate::components::toasts::problem_text;
use crate::i18n::*;

#[component]
pub fn Hours(
    agenda: i64,
    resources: Vec<ResourceInfo>,
    /// The date shown (a week's: the date it was opened on).
    date: Signal<NaiveDate>,
    /// The shown dates' extra hours.
    extra: Signal<Vec<AgendaBlock>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name_of = {
        let resources = resources.clone();
        move |id: &Option<String>| {
            id.as_ref()
                .and_then(|id| resources.iter().find(|r| &r.id == id))
                .map(|r| r.name.clone())
                .unwrap_or_else(|| t_string!(i18n, cal_all_resources).to_owned())
        }
    };
    let resource = RwSignal::new(resources.first().map(|r| r.id.clone()).unwrap_or_default());
    let day = RwSignal::new(date.get_untracked().to_string());
    // Another date shown: the form offers it.
    Effect::new(move |was: Option<NaiveDate>| {
        let now = date.get();
        if was.is_some_and(|w| w != now) {
            day.set(now.to_string());
        }
        now
    });
    let start = RwSignal::new("09:00".to_owned());
    let end = RwSignal::new("12:00".to_owned());
    let errors = RwSignal::new(std::collections::BTreeMap::<String, String>::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let add = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        errors.set(Default::default());
        let request = BlockRequest {
            resource_id: Some(resource.get_untracked()).filter(|r| !r.is_empty()),
            date: day.get_untracked(),
            start: start.get_untracked(),
            end: end.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match crate::api::appointments::add_block(agenda, &request).await {
                Ok(_) => on_change.run(()),
                Err(p) => {
                    errors.set(p.errors.clone());
                    problem.set(Some(problem_text(i18n, &p)));
                }
            }
            busy.set(false);
        });
    };
    let remove = move |id: i64| {
        problem.set(None);
        leptos::task::spawn_local(async move {
            match crate::api::appointments::remove_block(agenda, id).await {
                Ok(()) => on_change.run(()),
                Err(p) => problem.set(Some(problem_text(i18n, &p))),
            }
        });
    };
    let field_error = move |field: &'static str| {
        move || {
            errors
                .with(|e| e.get(field).cloned())
                .map(|e| view! { <span class="field-error">{e}</span> })
        }
    };
    view! {
        <section class="card cal-extra" aria-labelledby="cal-extra-title">
            <h2 id="cal-extra-title">{t!(i18n, cal_extra_title)}</h2>
            <ul class="cal-extra-list">
                {move || extra
                    .get()
                    .into_iter()
                    .map(|b| {
                        let text = format!(
                            "{} {}–{} {}",
                            b.date.clone().unwrap_or_default(),
                            b.start,
                            b.end,
                            name_of(&b.resource_id)
                        );
                        let label = format!("{} {}", t_string!(i18n, cal_extra_remove), text);
                        let id = b.id;
                        view! {
                            <li>
                                <span>{text}</span>
                                <button type="button" class="button-quiet" aria-label=label on:click=move |_| remove(id)>
                                    {t!(i18n, cal_extra_remove)}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <form
                class="cal-extra-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    add();
                }
            >
                <label>
                    {t!(i18n, cal_resource)}
                    <select prop:value=move || resource.get() on:change=move |ev| resource.set(event_target_value(&ev))>
                        {resources
                            .into_iter()
                            .map(|r| view! { <option value=r.id.clone()>{r.name}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    {t!(i18n, calendar_date)}
                    <input type="date" required prop:value=move || day.get() on:input=move |ev| day.set(event_target_value(&ev)) />
                    {field_error("date")}
                </label>
                <label>
                    {t!(i18n, cal_from)}
                    <input type="time" step="300" required prop:value=move || start.get() on:input=move |ev| start.set(event_target_value(&ev)) />
                    {field_error("start")}
                </label>
                <label>
                    {t!(i18n, cal_until)}
                    <input type="time" step="300" required prop:value=move || end.get() on:input=move |ev| end.set(event_target_value(&ev)) />
                    {field_error("end")}
                </label>
                {move || problem.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <button type="submit" class="button-primary" prop:disabled=move || busy.get()>
                    {t!(i18n, cal_extra_add)}
                </button>
            </form>
        </section>
    }
}
