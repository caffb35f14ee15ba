//! Toasts: short messages in a live region. Errors stay until dismissed;
//! confirmations leave by themselves.

use frontdesk_core::problem::Problem;
use leptos::prelude::*;

use crate::api::NETWORK_STATUS;
use crate::i18n::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Error,
}

/// What a toast says. Problems are kept whole and put into words when
/// shown, so a toast pushed from any task follows the current language.
#[derive(Clone, Debug, PartialEq)]
pub enum ToastText {
    Plain(String),
    Problem(Problem),
}

#[derive(Clone)]
pub struct Toast {
    pub id: u64,
    pub kind: ToastKind,
    pub text: ToastText,
    /// A button beside the text, such as "Undo"; pressing it dismisses.
    pub action: Option<(String, Callback<()>)>,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

/// How long a confirmation stays on screen.
const INFO_MS: u32 = 6000;

impl Toasts {
    pub fn push(&self, kind: ToastKind, text: ToastText) {
        self.push_with(kind, text, None);
    }

    /// A confirmation with one action, e.g. "Deleted" with "Undo".
    pub fn info_with_action(&self, text: impl Into<String>, label: String, run: Callback<()>) {
        self.push_with(
            ToastKind::Info,
            ToastText::Plain(text.into()),
            Some((label, run)),
        );
    }

    fn push_with(&self, kind: ToastKind, text: ToastText, action: Option<(String, Callback<()>)>) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.items.update(|items| {
            items.push(Toast {
                id,
                kind,
                text,
                action,
            })
        });
        if kind == ToastKind::Info {
            let this = *self;
            set_timeout(
                move || this.dismiss(id),
                std::time::Duration::from_millis(u64::from(INFO_MS)),
            );
        }
    }

    pub fn info(&self, text: impl Into<String>) {
        self.push(ToastKind::Info, ToastText::Plain(text.into()));
    }

    /// A refusal the page says in its own words.
    pub fn error(&self, text: impl Into<String>) {
        self.push(ToastKind::Error, ToastText::Plain(text.into()));
    }

    /// Shows a failed call in plain words.
    pub fn problem(&self, problem: &Problem) {
        self.push(ToastKind::Error, ToastText::Problem(problem.clone()));
    }

    pub fn dismiss(&self, id: u64) {
        self.items.update(|items| items.retain(|t| t.id != id));
    }

    pub fn items(&self) -> Vec<Toast> {
        self.items.get()
    }
}

/// A problem document as one sentence in the person's language where the
/// app knows better words than the server's English.
pub fn problem_text(i18n: leptos_i18n::I18nContext<Locale>, problem: &Problem) -> String {
    use frontdesk_core::problem::kinds;
    // A vendor's failure: named, and what the person can do, in their
    // language; a vendor's own refusal keeps its words (they are its).
    if let Some(system) = &problem.system {
        let say = |template: &str| crate::i18n_fill::fill(template, &[("system", system.clone())]);
        match problem.type_.as_str() {
            kinds::VENDOR_UNAVAILABLE => return say(t_string!(i18n, vendor_unavailable)),
            kinds::NOT_SUPPORTED => return say(t_string!(i18n, vendor_not_supported)),
            kinds::VENDOR_REFUSED => {
                return format!(
                    "{} {}",
                    say(t_string!(i18n, vendor_refused)),
                    problem.detail.clone().unwrap_or_default()
                )
                .trim()
                .to_owned();
            }
            _ => {}
        }
    }
    if problem.type_ == kinds::FORBIDDEN {
        return t_string!(i18n, forbidden_role).to_owned();
    }
    if problem.type_ == kinds::CHANGED_MEANWHILE {
        return t_string!(i18n, changed_meanwhile).to_owned();
    }
    match problem.status {
        NETWORK_STATUS => t_string!(i18n, network_error).to_owned(),
        401 if problem.title == "Not signed in" => t_string!(i18n, session_expired).to_owned(),
        // The server's own words are English; these are said in the page's language.
        503 => t_string!(i18n, server_busy).to_owned(),
        500..=599 => t_string!(i18n, server_error).to_owned(),
        _ => problem.summary(),
    }
}

pub fn provide_toasts() {
    provide_context(Toasts {
        items: RwSignal::new(Vec::new()),
        next_id: StoredValue::new(1),
    });
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_toasts();
    let i18n = use_i18n();
    view! {
        <section class="toasts" aria-label=move || t_string!(i18n, notifications)>
            <For each=move || toasts.items() key=|t| t.id let:toast>
                <div
                    class="toast"
                    class:toast-error=toast.kind == ToastKind::Error
                    role=if toast.kind == ToastKind::Error { "alert" } else { "status" }
                >
                    <p>
                        {move || match &toast.text {
                            ToastText::Plain(text) => text.clone(),
                            ToastText::Problem(problem) => problem_text(i18n, problem),
                        }}
                    </p>
                    {toast
                        .action
                        .clone()
                        .map(|(label, run)| {
                            view! {
                                <button
                                    type="button"
                                    class="toast-action"
                                    on:click=move |_| {
                                        toasts.dismiss(toast.id);
                                        run.run(());
                                    }
                                >
                                    {label}
                                </button>
                            }
                        })}
                    <button
                        type="button"
                        class="toast-close"
                        aria-label=move || t_string!(i18n, dismiss)
                        on:click=move |_| toasts.dismiss(toast.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </section>
    }
}
