//! The deal drawer: every field of a deal, checked with `core::validate`
//! as on the server; its prospect, activities and history. Also where a
//! new deal is made from a prospect. A refused save keeps what was typed.

use std::collections::BTreeMap;

use frontdesk_core::model::{DealDetail, DealInput, Prospect, StaffUser};
use frontdesk_core::problem::Problem;
use frontdesk_core::validate;
use leptos::prelude::*;

use super::BoardUi;
use super::follow::FollowDeal;
use super::state::BoardState;
use crate::components::field_error;
use crate::components::toasts::problem_text;
use crate::i18n::*;

/// What the form holds, as typed.
#[derive(Clone, Copy)]
struct Form {
    title: RwSignal<String>,
    stage_id: RwSignal<String>,
    value: RwSignal<String>,
    currency: RwSignal<String>,
    probability: RwSignal<String>,
    expected_close: RwSignal<String>,
    owner_id: RwSignal<String>,
    reason_id: RwSignal<String>,
    prospect: RwSignal<Option<(i64, String)>>,
    version: RwSignal<Option<i64>>,
    /// Field → message (from the checks here, or the server's).
    errors: RwSignal<BTreeMap<String, String>>,
}

impl Form {
    fn new() -> Self {
        Self {
            title: RwSignal::new(String::new()),
            stage_id: RwSignal::new(String::new()),
            value: RwSignal::new(String::new()),
            currency: RwSignal::new("EUR".to_owned()),
            probability: RwSignal::new(String::new()),
            expected_close: RwSignal::new(String::new()),
            owner_id: RwSignal::new(String::new()),
            reason_id: RwSignal::new(String::new()),
            prospect: RwSignal::new(None),
            version: RwSignal::new(None),
            errors: RwSignal::new(BTreeMap::new()),
        }
    }

    fn fill(&self, d: &DealDetail) {
        let c = &d.card;
        self.title.set(c.title.clone());
        self.stage_id.set(c.stage_id.clone());
        self.value.set(format!(
            "{}.{:02}",
            c.value_cents / 100,
            c.value_cents % 100
        ));
        self.currency.set(c.currency.clone());
        self.probability
            .set(c.probability.map(|p| p.to_string()).unwrap_or_default());
        self.expected_close
            .set(c.expected_close.clone().unwrap_or_default());
        self.owner_id
            .set(c.owner_id.map(|o| o.to_string()).unwrap_or_default());
        self.reason_id.set(String::new());
        self.prospect
            .set(c.prospect_id.map(|id| (id, c.subtitle.clone())));
        self.version.set(Some(c.version));
        self.errors.set(BTreeMap::new());
    }

    /// The body to send, or the fields that are wrong.
    fn input(
        &self,
        i18n: leptos_i18n::I18nContext<Locale>,
    ) -> Result<DealInput, BTreeMap<String, String>> {
        let mut errors = BTreeMap::new();
        let value = self.value.get_untracked();
        let value_cents = if value.trim().is_empty() {
            0
        } else {
            frontdesk_core::format::parse_money(&value).unwrap_or_else(|| {
                errors.insert(
                    "value_cents".to_owned(),
                    t_string!(i18n, board_invalid_amount).to_owned(),
                );
                0
            })
        };
        let probability = self.probability.get_untracked();
        let probability = if probability.trim().is_empty() {
            None
        } else {
            match probability.trim().trim_end_matches('%').parse::<u8>() {
                Ok(p) => Some(p),
                Err(_) => {
                    errors.insert(
                        "probability".to_owned(),
                        t_string!(i18n, board_invalid_probability).to_owned(),
                    );
                    None
                }
            }
        };
        let reason = self.reason_id.get_untracked();
        let input = DealInput {
            title: self.title.get_untracked(),
            stage_id: self.stage_id.get_untracked(),
            prospect_id: self.prospect.get_untracked().map(|(id, _)| id),
            value_cents,
            currency: self.currency.get_untracked().trim().to_uppercase(),
            probability,
            expected_close: Some(self.expected_close.get_untracked()).filter(|d| !d.is_empty()),
            owner_id: self.owner_id.get_untracked().parse().ok(),
            reason_id: Some(reason).filter(|r| !r.is_empty()),
            version: self.version.get_untracked(),
        };
        for (field, e) in validate::deal(&input) {
            errors
                .entry(field)
                .or_insert_with(|| field_error::words(i18n, e));
        }
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

#[component]
pub fn DealDrawer(deal: Signal<Option<String>>, staff: Signal<Vec<StaffUser>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<BoardState>();
    let ui = expect_context::<BoardUi>();
    let form = Form::new();
    let detail = RwSignal::new(None::<DealDetail>);
    let load_error = RwSignal::new(None::<Problem>);
    let save_error = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);

    let load = move |id: String| {
        leptos::task::spawn_local(async move {
            match crate::api::pipelines::deal(&id).await {
                Ok(d) => {
                    form.fill(&d);
                    detail.set(Some(d));
                    load_error.set(None);
                }
                Err(p) => load_error.set(Some(p)),
            }
        });
    };
    Effect::new(move || {
        let wanted = deal.get();
        detail.set(None);
        save_error.set(None);
        load_error.set(None);
        match wanted.as_deref() {
            None => {}
            Some("new") => {
                let f = Form::new();
                form.title.set(f.title.get_untracked());
                form.value.set(String::new());
                form.currency.set("EUR".to_owned());
                form.probability.set(String::new());
                form.expected_close.set(String::new());
                form.reason_id.set(String::new());
                form.prospect.set(None);
                form.version.set(None);
                form.errors.set(BTreeMap::new());
                form.stage_id.set(
                    state
                        .stages()
                        .first()
                        .map(|s| s.id.clone())
                        .unwrap_or_default(),
                );
                form.owner_id.set(String::new());
                crate::dom::focus_after_render("#deal-prospect-search");
            }
            Some(id) => {
                load(id.to_owned());
                crate::dom::focus_after_render(".drawer-close");
            }
        }
    });

    let creating = move || deal.get().as_deref() == Some("new");
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = match form.input(i18n) {
            Ok(input) => input,
            Err(errors) => {
                form.errors.set(errors);
                crate::dom::focus(".drawer [aria-invalid=\"true\"]");
                return;
            }
        };
        form.errors.set(BTreeMap::new());
        save_error.set(None);
        saving.set(true);
        let id = deal.get_untracked();
        leptos::task::spawn_local(async move {
            let result = match id.as_deref() {
                Some("new") | None => crate::api::pipelines::create_deal(&input).await,
                Some(id) => crate::api::pipelines::update_deal(id, &input).await,
            };
            saving.set(false);
            match result {
                Ok(d) => {
                    state.upsert(d.card.clone());
                    state.toasts.info(t_string!(i18n, board_saved));
                    if id.as_deref() == Some("new") {
                        ui.open_detail.run(d.card.id.clone());
                    } else {
                        form.fill(&d);
                        detail.set(Some(d));
                    }
                }
                Err(p) => {
                    if let Some(current) = p
                        .current
                        .clone()
                        .and_then(|v| serde_json::from_value(*v).ok())
                    {
                        state.upsert(current);
                    }
                    form.errors.set(p.errors.clone());
                    save_error.set(Some(p));
                }
            }
        });
    };
    let reload = move |_| {
        if let Some(id) = deal.get_untracked().filter(|d| d != "new") {
            save_error.set(None);
            load(id);
        }
    };
    let close = move || ui.close_detail.run(());
    // Follow's state is read once per deal opened, not after every save.
    let open_id = Memo::new(move |_| detail.with(|d| d.as_ref().map(|d| d.card.id.clone())));

    let error_of = move |field: &'static str| move || form.errors.with(|e| e.get(field).cloned());
    let invalid =
        move |field: &'static str| move || form.errors.with(|e| e.contains_key(field)).to_string();
    let entering_closed = move || {
        let sid = form.stage_id.get();
        let stage = state.stage(&sid)?;
        let current = detail.with(|d| d.as_ref().map(|d| d.card.stage_id.clone()));
        ((stage.is_won || stage.is_lost) && current.as_deref() != Some(sid.as_str()))
            .then_some(stage)
    };

    move || {
        let wanted = deal.get()?;
        let heading = if creating() {
            t_string!(i18n, board_new_deal).to_owned()
        } else {
            detail
                .with(|d| d.as_ref().map(|d| d.card.title.clone()))
                .unwrap_or_else(|| t_string!(i18n, loading).to_owned())
        };
        let _ = wanted;
        Some(view! {
            <div
                class="drawer"
                role="dialog"
                aria-labelledby="drawer-title"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        ev.prevent_default();
                        close();
                    }
                }
            >
                <header class="drawer-head">
                    <h2 id="drawer-title">{heading}</h2>
                    <button type="button" class="button-quiet drawer-close" on:click=move |_| close()>
                        {t!(i18n, board_close)}
                    </button>
                </header>
                {move || load_error.get().map(|p| view! { <p class="form-error" role="alert">{problem_text(i18n, &p)}</p> })}
                <Show when=move || creating() || detail.with(Option::is_some)>
                    <form class="deal-form" on:submit=save novalidate>
                        <Show when=creating>
                            <ProspectPicker form=form />
                        </Show>
                        <div class="field">
                            <label for="deal-title">{t!(i18n, board_field_title)}</label>
                            <input id="deal-title" bind:value=form.title aria-invalid=invalid("title") aria-describedby="deal-title-error" />
                            <p id="deal-title-error" class="field-error">{error_of("title")}</p>
                        </div>
                        <div class="field-row">
                            <div class="field">
                                <label for="deal-value">{t!(i18n, board_field_value)}</label>
                                <input id="deal-value" inputmode="decimal" bind:value=form.value aria-invalid=invalid("value_cents") aria-describedby="deal-value-error" />
                                <p id="deal-value-error" class="field-error">{error_of("value_cents")}</p>
                            </div>
                            <div class="field field-short">
                                <label for="deal-currency">{t!(i18n, board_field_currency)}</label>
                                <input id="deal-currency" maxlength="3" bind:value=form.currency aria-invalid=invalid("currency") aria-describedby="deal-currency-error" />
                                <p id="deal-currency-error" class="field-error">{error_of("currency")}</p>
                            </div>
                            <div class="field field-short">
                                <label for="deal-probability">{t!(i18n, board_field_probability)}</label>
                                <input id="deal-probability" inputmode="numeric" bind:value=form.probability aria-invalid=invalid("probability") aria-describedby="deal-probability-error" />
                                <p id="deal-probability-error" class="field-error">{error_of("probability")}</p>
                            </div>
                        </div>
                        <div class="field-row">
                            <div class="field">
                                <label for="deal-stage">{t!(i18n, board_field_stage)}</label>
                                <select id="deal-stage" prop:value=move || form.stage_id.get() on:change=move |ev| form.stage_id.set(event_target_value(&ev)) aria-invalid=invalid("stage_id")>
                                    {state.stages().into_iter().map(|s| view! { <option value=s.id.clone()>{s.name_in(i18n.get_locale_untracked().as_str()).to_owned()}</option> }).collect_view()}
                                </select>
                                <p class="field-error">{error_of("stage_id")}</p>
                            </div>
                            <div class="field">
                                <label for="deal-close">{t!(i18n, board_expected_close)}</label>
                                <input id="deal-close" type="date" bind:value=form.expected_close aria-invalid=invalid("expected_close") aria-describedby="deal-close-error" />
                                <p id="deal-close-error" class="field-error">{error_of("expected_close")}</p>
                            </div>
                        </div>
                        {move || {
                            entering_closed()
                                .map(|stage| {
                                    let reasons = state.pipeline.with_value(|p| if stage.is_won { p.win_reasons.clone() } else { p.lost_reasons.clone() });
                                    view! {
                                        <div class="field">
                                            <label for="deal-reason">{t!(i18n, board_field_reason)}</label>
                                            <select id="deal-reason" prop:value=move || form.reason_id.get() on:change=move |ev| form.reason_id.set(event_target_value(&ev)) aria-invalid=invalid("reason_id") aria-describedby="deal-reason-error">
                                                <option value="">"—"</option>
                                                {reasons.into_iter().map(|r| view! { <option value=r.id.clone()>{r.name_in(i18n.get_locale_untracked().as_str()).to_owned()}</option> }).collect_view()}
                                            </select>
                                            <p id="deal-reason-error" class="field-error">{error_of("reason_id")}</p>
                                        </div>
                                    }
                                })
                        }}
                        <div class="field">
                            <label for="deal-owner">{t!(i18n, board_owner)}</label>
                            <select id="deal-owner" prop:value=move || form.owner_id.get() on:change=move |ev| form.owner_id.set(event_target_value(&ev)) aria-invalid=invalid("owner_id")>
                                <option value="">"—"</option>
                                {move || staff.get().into_iter().filter(|u| u.active || form.owner_id.get_untracked() == u.id.to_string()).map(|u| view! { <option value=u.id.to_string()>{u.name.clone()}</option> }).collect_view()}
                            </select>
                            <p class="field-error">{error_of("owner_id")}</p>
                        </div>
                        {move || {
                            save_error
                                .get()
                                .map(|p| {
                                    let conflict = p.status == 409;
                                    view! {
                                        <div class="form-error" role="alert">
                                            <p>{problem_text(i18n, &p)}</p>
                                            {conflict.then(|| view! { <button type="button" class="button-quiet" on:click=reload>{t!(i18n, board_reload_deal)}</button> })}
                                        </div>
                                    }
                                })
                        }}
                        <button type="submit" class="button-primary" disabled=move || saving.get()>
                            {move || if creating() { t_string!(i18n, board_create) } else { t_string!(i18n, board_save) }}
                        </button>
                    </form>
                </Show>
                {move || open_id.get().map(|id| view! { <FollowDeal id=id /> })}
                {move || detail.get().map(|d| view! { <DealFacts detail=d /> })}
            </div>
        })
    }
}

/// The prospect, the activities and the history of a deal.
#[component]
fn DealFacts(detail: DealDetail) -> impl IntoView {
    let i18n = use_i18n();
    let prospect = detail.prospect.clone();
    view! {
        <section class="drawer-section">
            <h3>{t!(i18n, board_prospect)}</h3>
            {match prospect {
                None => view! { <p class="empty-note">"—"</p> }.into_any(),
                Some(p) => {
                    let f = p.fields;
                    view! {
                        <dl class="facts">
                            <dt>{t!(i18n, board_name)}</dt>
                            <dd>{format!("{} {}", f.first_name, f.last_name)}</dd>
                            <dt>{t!(i18n, email)}</dt>
                            <dd>{f.email}</dd>
                            <dt>{t!(i18n, board_phone)}</dt>
                            <dd>{f.mobile}</dd>
                        </dl>
                    }
                        .into_any()
                }
            }}
        </section>
        <section class="drawer-section">
            <h3>{t!(i18n, board_activities)}</h3>
            <ul class="activity-list">
                {detail
                    .activities
                    .into_iter()
                    .map(|a| {
                        let due = crate::dates::short_date(i18n.get_locale_untracked(), &a.due);
                        view! {
                            <li class:done=a.done>
                                <time class="activity-due" datetime=a.due>{due}</time>
                                " "
                                <span>{a.subject}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <section class="drawer-section">
            <h3>{t!(i18n, board_history)}</h3>
            <ol class="history-list">
                {detail
                    .history
                    .into_iter()
                    .map(|h| {
                        let what = match (h.from_stage, h.to_stage) {
                            (Some(f), Some(t)) if f != t => format!("{f} → {t}"),
                            (_, Some(t)) => t,
                            _ => String::new(),
                        };
                        view! {
                            <li data-action=h.action.clone()>
                                <time class="history-when" datetime=h.at.clone()>{crate::dates::happened(i18n.get_locale_untracked(), &h.at)}</time>
                                " · "
                                <span class="history-who">{h.by.unwrap_or_default()}</span>
                                " · "
                                <span class="history-what">{format!("{} {what}", h.action)}</span>
                                {h.reason.map(|r| view! { <span class="history-reason">{format!(" ({r})")}</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// "New deal": find the prospect it is for.
#[component]
fn ProspectPicker(form: Form) -> impl IntoView {
    let i18n = use_i18n();
    let q = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<Prospect>::new());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let on_input = move |ev: leptos::ev::Event| {
        q.set(event_target_value(&ev));
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                let text = q.get_untracked();
                if text.trim().len() < 2 {
                    found.set(Vec::new());
                    return;
                }
                leptos::task::spawn_local(async move {
                    if let Ok(page) = crate::api::pipelines::find_prospects(&text).await {
                        found.set(page.items);
                    }
                });
            },
            std::time::Duration::from_millis(250),
        );
        timer.set_value(handle.ok());
    };
    view! {
        <div class="field">
            <label for="deal-prospect-search">{t!(i18n, board_prospect)}</label>
            <input id="deal-prospect-search" type="search" prop:value=q on:input=on_input autocomplete="off" />
            <p class="chosen-prospect">
                {move || form.prospect.get().map(|(_, name)| name)}
            </p>
            <ul class="prospect-results">
                {move || {
                    found
                        .get()
                        .into_iter()
                        .map(|p| {
                            let name = format!("{} {}", p.fields.first_name, p.fields.last_name);
                            let label = format!("{name} · {}", p.fields.email);
                            let id = p.id;
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="button-quiet"
                                        on:click=move |_| {
                                            form.prospect.set(Some((id, name.clone())));
                                            if form.title.get_untracked().trim().is_empty() {
                                                form.title.set(name.clone());
                                            }
                                            found.set(Vec::new());
                                            q.set(String::new());
                                        }
                                    >
                                        {label}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
