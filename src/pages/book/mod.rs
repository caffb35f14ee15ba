//! The booking widget (`/book/:agenda`): type → coach or room → day and
//! time → details → code (when the agenda asks for one) → done. The slot
//! grid is computed here with `core::slots`, so moving between days, coaches
//! and months costs no round trip. Also served inside embed.js's iframe.

mod details;
mod manage;
mod time;

use frontdesk_core::model::{AgendaInfo, AppointmentTypeInfo, Booking, FormField, ResourceInfo};
use frontdesk_core::problem::Problem;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::language_switch::LanguageSwitch;
use crate::components::toasts::problem_text;
use crate::embed::Host;
use crate::i18n::*;

pub use manage::ManagePage;

/// Everything the widget needs before the first step.
#[derive(Clone, Debug)]
pub struct Club {
    pub agenda: AgendaInfo,
    pub types: Vec<AppointmentTypeInfo>,
    pub resources: Vec<ResourceInfo>,
    /// When the page names its type, this month's availability is fetched
    /// together with the rest, saving a round trip before the first slots.
    pub prefetched: Option<(i64, time::Prefetch)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Type,
    Resource,
    Time,
    Details,
    Code,
    Done,
}

/// A chosen slot: its start and end as the grid wrote them, and the coaches
/// or rooms free at that time.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub start: String,
    pub end: String,
    pub resource_ids: Vec<String>,
}

/// The shared state of one booking in progress.
#[derive(Clone, Copy)]
pub struct Flow {
    pub club: StoredValue<Club>,
    pub host: StoredValue<Host>,
    pub step: RwSignal<Step>,
    pub type_id: RwSignal<Option<i64>>,
    /// `None` is "any available".
    pub resource: RwSignal<Option<String>>,
    pub choice: RwSignal<Option<Choice>>,
    pub booking: RwSignal<Option<Booking>>,
    /// Said once by a screen reader when it changes.
    pub announce: RwSignal<String>,
    /// A message for the time step, e.g. "that time was just taken".
    pub notice: RwSignal<Option<String>>,
    /// The details form, kept across steps so nothing typed is lost when a
    /// person goes back for another time.
    pub form: details::FormState,
    /// The chosen type's own questions, fetched as soon as the type is
    /// known: while the person picks a time, not when the form opens, where
    /// their arrival would move the form (and its button) under a finger.
    pub fields: LocalResource<Result<Vec<FormField>, Problem>>,
    /// Slot-picker mode (`?pick=1`): the staff app frames the widget to
    /// choose a time for a prospect; choosing one tells the staff app and
    /// ends here, without the details step.
    pub pick: bool,
}

impl Flow {
    pub fn agenda_id(&self) -> String {
        self.club.with_value(|c| c.agenda.id.to_string())
    }

    pub fn selected_type(&self) -> Option<AppointmentTypeInfo> {
        let id = self.type_id.get()?;
        self.club
            .with_value(|c| c.types.iter().find(|t| t.id == id).cloned())
    }

    pub fn resource_name(&self, id: &str) -> Option<String> {
        self.club.with_value(|c| {
            c.resources
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.name.clone())
        })
    }

    /// The coaches or rooms the selected type can be booked with.
    pub fn type_resources(&self) -> Vec<ResourceInfo> {
        let Some(ty) = self.selected_type() else {
            return Vec::new();
        };
        self.club.with_value(|c| {
            c.resources
                .iter()
                .filter(|r| ty.resource_ids.contains(&r.id))
                .cloned()
                .collect()
        })
    }

    pub fn choose_type(&self, id: i64) {
        self.type_id.set(Some(id));
        self.resource.set(None);
        self.choice.set(None);
        let step = if self.type_resources().len() > 1 {
            Step::Resource
        } else {
            Step::Time
        };
        self.step.set(step);
    }
}

async fn load_club(agenda: String, type_id: Option<i64>) -> Result<Club, Problem> {
    use crate::api::booking;
    let prefetch = async {
        match type_id {
            Some(id) => Some((id, time::Prefetch::fetch(&agenda, id).await)),
            None => None,
        }
    };
    let (a, t, r, prefetched) = futures::future::join4(
        booking::agenda(&agenda),
        booking::types(&agenda),
        booking::resources(&agenda),
        prefetch,
    )
    .await;
    Ok(Club {
        agenda: a?,
        types: t?,
        resources: r?,
        prefetched,
    })
}

#[component]
pub fn BookPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let agenda = params.read_untracked().get("agenda").unwrap_or_default();
    let q = query.read_untracked();
    let pick = q.get("pick").is_some_and(|p| p == "1");
    let host = if pick {
        Host::own_parent()
    } else {
        Host::from_query(q.get("host"))
    };
    let preselect: Option<i64> = q.get("type").and_then(|t| t.parse().ok());
    // `resource=any` or a coach's or room's id skips the "with whom?" step.
    let resource = q.get("resource");
    follow_language(i18n, q.get("lang"));
    drop(q);
    host.follow_height();
    if pick {
        let parent = host.clone();
        // For the whole life of the page: the handle is not kept.
        let _ = window_event_listener(leptos::ev::keydown, move |e| {
            if e.key() == "Escape" {
                parent.send(&serde_json::json!({ "type": crate::embed::PICK_CANCEL }));
            }
        });
    }

    // The tab's and the history's name is the page's language too.
    Effect::new(move || document().set_title(t_string!(i18n, book_title)));
    let club = LocalResource::new(move || load_club(agenda.clone(), preselect));
    // The club's name and colours (issue #21); until they come, or without
    // them, Frontdesk's own.
    let brand = LocalResource::new(crate::api::booking::club);
    let brand = move || brand.get().and_then(Result::ok);
    // Set through the CSSOM: the page's CSP refuses style attributes.
    let main = NodeRef::<leptos::html::Main>::new();
    Effect::new(move || {
        let (Some(b), Some(el)) = (brand(), main.get()) else {
            return;
        };
        // Frontdesk's own colours (light and dark) until the club picks one.
        if b.accent == frontdesk_core::club::DEFAULT_ACCENT {
            return;
        }
        let style = el.style();
        for (name, value) in [
            ("--color-accent", &b.accent),
            ("--color-accent-text", &b.accent_text),
            ("--color-accent-strong", &b.accent_strong),
        ] {
            let _ = style.set_property(name, value);
        }
    });
    view! {
        <main id="main" class="widget" node_ref=main>
            <header class="widget-header">
                <div class="widget-title">
                    // The logo beside the name says nothing the name does not:
                    // alt="" (issue #21); without a name, the logo alone.
                    {move || brand().and_then(|b| b.logo_url).map(|src| view! { <img class="widget-logo" src=src alt="" /> })}
                    {move || brand().filter(|b| !b.name.is_empty()).map(|b| view! { <p class="widget-club">{b.name}</p> })}
                    <h1>{t!(i18n, book_title)}</h1>
                </div>
                <LanguageSwitch offered=Signal::derive(move || brand().map(|b| b.languages)) />
            </header>
            <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }>
                {move || {
                    club.get()
                        .map(|result| match result {
                            Ok(club) => view! {
                                <Widget club=club host=host.clone() preselect=preselect resource=resource.clone() pick=pick />
                            }
                                .into_any(),
                            Err(problem) => view! {
                                <p class="form-error" role="alert">{problem_text(i18n, &problem)}</p>
                            }
                                .into_any(),
                        })
                }}
            </Suspense>
        </main>
    }
}

/// The widget speaks the host page's language (embed.js passes it), else
/// the browser's (leptos_i18n's default).
pub(super) fn follow_language(i18n: leptos_i18n::I18nContext<Locale>, lang: Option<String>) {
    let locale = match lang
        .as_deref()
        .map(|l| l.get(..2).unwrap_or(l).to_ascii_lowercase())
        .as_deref()
    {
        Some("nl") => Some(Locale::nl),
        Some("fr") => Some(Locale::fr),
        Some("en") => Some(Locale::en),
        _ => None,
    };
    // In an effect, after leptos_i18n's own one that applies the browser's.
    if let Some(l) = locale {
        Effect::new(move |_| i18n.set_locale(l));
    }
}

#[component]
fn Widget(
    club: Club,
    host: Host,
    preselect: Option<i64>,
    resource: Option<String>,
    pick: bool,
) -> impl IntoView {
    let single_type = (club.types.len() == 1).then(|| club.types[0].id);
    let type_id = RwSignal::new(None::<i64>);
    let agenda_id = club.agenda.id.to_string();
    let fields = LocalResource::new(move || {
        let (agenda, ty) = (agenda_id.clone(), type_id.get());
        async move {
            match ty {
                // The slot picker has no details step.
                Some(ty) if !pick => crate::api::booking::fields(&agenda, ty).await,
                _ => Ok(Vec::new()),
            }
        }
    });
    let flow = Flow {
        club: StoredValue::new(club),
        host: StoredValue::new(host),
        step: RwSignal::new(Step::Type),
        type_id,
        resource: RwSignal::new(None),
        choice: RwSignal::new(None),
        booking: RwSignal::new(None),
        announce: RwSignal::new(String::new()),
        notice: RwSignal::new(None),
        form: details::FormState::new(),
        fields,
        pick,
    };
    provide_context(flow);
    let preselected = preselect.filter(|id| {
        flow.club
            .with_value(|c| c.types.iter().any(|t| t.id == *id))
    });
    if let Some(id) = preselected.or(single_type) {
        flow.choose_type(id);
        let known = |r: &String| flow.type_resources().iter().any(|x| &x.id == r);
        match resource {
            Some(r) if r == "any" => flow.step.set(Step::Time),
            Some(r) if known(&r) => {
                flow.resource.set(Some(r));
                flow.step.set(Step::Time);
            }
            _ => {}
        }
    }

    // Each new step takes the keyboard and screen-reader focus to its
    // heading, so nobody is left on a button that disappeared.
    Effect::new(move |previous: Option<Step>| {
        let step = flow.step.get();
        if previous.is_some_and(|p| p != step) {
            crate::dom::focus_after_render("[data-step-heading]");
        }
        step
    });

    view! {
        <p class="visually-hidden" role="status" aria-live="polite">{move || flow.announce.get()}</p>
        {move || match flow.step.get() {
            Step::Type => view! { <TypeStep /> }.into_any(),
            Step::Resource => view! { <ResourceStep /> }.into_any(),
            Step::Time => view! { <time::TimeStep /> }.into_any(),
            Step::Details => view! { <details::DetailsStep /> }.into_any(),
            Step::Code => view! { <details::CodeStep /> }.into_any(),
            Step::Done => view! { <details::DoneStep /> }.into_any(),
        }}
    }
}

/// A type's price as the visitor's language writes money, or "free".
fn price(locale: Locale, ty: &AppointmentTypeInfo, free: &str) -> String {
    if ty.price_cents == 0 {
        free.to_owned()
    } else {
        frontdesk_core::format::money(locale.as_str(), ty.price_cents, &ty.currency)
    }
}

#[component]
fn TypeStep() -> impl IntoView {
    let i18n = use_i18n();
    let flow = expect_context::<Flow>();
    let types = flow.club.with_value(|c| c.types.clone());
    view! {
        <section class="widget-step">
            <h2 tabindex="-1" data-step-heading>{t!(i18n, widget_step_type)}</h2>
            <ul class="choice-list">
                {types
                    .into_iter()
                    .map(|ty| {
                        let id = ty.id;
                        let ty = StoredValue::new(ty);
                        // The club's words in the visitor's language, which
                        // the language switch may change on this step.
                        let name = move || ty.with_value(|t| t.name_in(i18n.get_locale().as_str()).to_owned());
                        let description = move || {
                            ty.with_value(|t| t.description_in(i18n.get_locale().as_str()).to_owned())
                        };
                        let meta = move || {
                            ty.with_value(|t| {
                                format!(
                                    "{} {} · {}",
                                    t.duration_min,
                                    t_string!(i18n, widget_minutes),
                                    price(i18n.get_locale(), t, t_string!(i18n, widget_price_free)),
                                )
                            })
                        };
                        view! {
                            <li>
                                <button type="button" class="choice" on:click=move |_| flow.choose_type(id)>
                                    <span class="choice-title">{name}</span>
                                    <span class="choice-text">{description}</span>
                                    <span class="choice-meta">{meta}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ResourceStep() -> impl IntoView {
    let i18n = use_i18n();
    let flow = expect_context::<Flow>();
    let choose = move |resource: Option<String>| {
        flow.resource.set(resource);
        flow.step.set(Step::Time);
    };
    view! {
        <section class="widget-step">
            <h2 tabindex="-1" data-step-heading>{t!(i18n, widget_step_resource)}</h2>
            <ul class="choice-list">
                <li>
                    <button type="button" class="choice" on:click=move |_| choose(None)>
                        <span class="choice-title">{t!(i18n, widget_any_resource)}</span>
                    </button>
                </li>
                {flow
                    .type_resources()
                    .into_iter()
                    .map(|r| {
                        let id = r.id.clone();
                        view! {
                            <li>
                                <button type="button" class="choice" on:click=move |_| choose(Some(id.clone()))>
                                    <span class="choice-title">{r.name}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            // A picker is opened for one type: there is nothing to go back to.
            {(!flow.pick)
                .then(|| {
                    view! {
                        <button type="button" class="button-quiet" on:click=move |_| flow.step.set(Step::Type)>
                            {t!(i18n, widget_back)}
                        </button>
                    }
                })}
        </section>
    }
}
