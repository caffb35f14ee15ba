//! `/prospects/:id`, for now only the prospect's sales steps. The prospect
//! detail page replaces it and embeds `SalesSteps` itself.

use frontdesk_core::model::Prospect;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::sales_steps::SalesSteps;
use crate::components::toasts::problem_text;
use crate::i18n::*;

#[component]
pub fn ProspectSalesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let prospect = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => crate::api::get::<Prospect>(&format!("/prospects/{id}"))
                    .await
                    .map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <section class="page">
            <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }>
                {move || {
                    prospect
                        .get()
                        .map(|result| match result {
                            Ok(Some(p)) => {
                                let name = format!("{} {}", p.fields.first_name, p.fields.last_name);
                                view! {
                                    <h1>{name}</h1>
                                    <SalesSteps prospect_id=p.id on_change=move |_| {} />
                                }
                                    .into_any()
                            }
                            Ok(None) => view! { <h1>{t!(i18n, not_found_title)}</h1> }.into_any(),
                            Err(p) => view! { <p class="form-error" role="alert">{problem_text(i18n, &p)}</p> }.into_any(),
                        })
                }}
            </Suspense>
        </section>
    }
}
