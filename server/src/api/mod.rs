//! The `/api/v1` router. Route groups: public (what the booking widget may
//! call), staff (needs a session: handlers take a `Staff`), ops.

pub mod account;
pub mod appointments;
pub mod booking_setup;
pub mod client;
pub mod club_logo;
pub mod deals;
pub mod desk;
pub mod duplicates;
pub mod embed;
pub mod error;
pub mod health;
pub mod invitations;
pub mod json;
pub mod openapi;
pub mod outbox;
pub mod pipelines;
pub mod prospect_appointments;
pub mod prospect_files;
pub mod prospect_related;
pub mod prospects;
pub mod public;
pub mod query;
pub mod related;
pub mod sales;
pub mod session;
pub mod settings;
pub mod slot_check;
pub mod staff;
pub mod sync;
pub mod weekly_hours;

use axum::Router;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{delete, get, patch, post, put};
use frontdesk_core::problem::{PROBLEM_CONTENT_TYPE, Problem};

use crate::SharedState;
use error::problem_response;

pub fn router(state: SharedState) -> Router {
    Router::new()
        .route("/health", get(health::health))
        // Public, no session: the document holds no data, only the API's shape.
        .route("/openapi.json", get(openapi::document))
        .route(
            "/session",
            get(session::current)
                .post(session::login)
                .delete(session::logout),
        )
        .route("/session/password", put(account::change_password))
        .route("/sessions", delete(account::sign_out_everywhere))
        .route("/staff", get(staff::list).post(staff::add))
        .route("/staff/{id}", patch(staff::change))
        .route(
            "/staff/invitations",
            get(invitations::list).post(invitations::invite),
        )
        .route("/staff/invitations/{id}", delete(invitations::withdraw))
        // Public, as signing in is: the token in the query or the body,
        // never in a path the request log writes.
        .route(
            "/invitation",
            get(invitations::show).post(invitations::accept),
        )
        .route("/settings/club", get(settings::get).put(settings::put))
        .route(
            "/settings/club/logo",
            put(club_logo::upload).delete(club_logo::remove),
        )
        .route("/settings/booking", get(booking_setup::list))
        .route(
            "/settings/booking/agendas/{id}/types",
            post(booking_setup::add_type),
        )
        .route(
            "/settings/booking/agendas/{id}/types/{type_id}",
            put(booking_setup::change_type).delete(booking_setup::archive_type),
        )
        .route(
            "/settings/booking/agendas/{id}/types/{type_id}/restore",
            post(booking_setup::restore_type),
        )
        .route(
            "/settings/booking/agendas/{id}/resources",
            post(booking_setup::add_resource),
        )
        .route(
            "/settings/booking/agendas/{id}/resources/{resource_id}",
            put(booking_setup::change_resource).delete(booking_setup::remove_resource),
        )
        .route(
            "/settings/connections/check",
            post(settings::check_connections),
        )
        .route("/outbox", get(outbox::list))
        .route("/embed", get(embed::settings))
        .route("/sync", get(sync::list))
        .route("/sync/{capability}", post(sync::run))
        .route("/prospects", get(prospects::list).post(prospects::create))
        .route("/prospects/index", get(prospects::index))
        .route("/prospects/duplicates", get(duplicates::find))
        .route("/prospects/bulk", post(prospects::bulk))
        .route("/prospects/import", post(prospect_files::import))
        .route("/prospects/export.csv", get(prospect_files::export))
        .route(
            "/prospects/{id}",
            get(prospects::get)
                .put(prospects::update)
                .delete(prospects::delete),
        )
        .route("/prospects/{id}/sales", get(sales::get).post(sales::choose))
        .route(
            "/prospects/{id}/appointments",
            get(prospect_appointments::list),
        )
        .route("/prospects/{id}/related", get(related::get))
        .route(
            "/prospects/{id}/related/owner",
            put(related::assign_owner).delete(related::remove_owner),
        )
        .route("/prospects/{id}/related/{kind}", post(related::create))
        .route(
            "/prospects/{id}/related/{kind}/order",
            put(related::reorder),
        )
        .route(
            "/prospects/{id}/related/{kind}/{item}",
            patch(related::update).delete(related::delete),
        )
        .route("/prospects/{id}/contacts", get(prospect_related::contacts))
        .route(
            "/prospects/{id}/activities",
            get(prospect_related::activities),
        )
        .route("/sales/steps", get(sales::steps))
        .route("/appointments", get(appointments::list).post(desk::book))
        .route(
            "/appointments/{id}",
            axum::routing::patch(desk::reschedule).delete(desk::remove),
        )
        .route("/appointments/{id}/cancel", post(desk::cancel))
        .route("/appointments/{id}/attendance", put(desk::attendance))
        .route(
            "/agendas/{id}/blocks",
            get(desk::blocks).post(desk::add_block),
        )
        .route("/agendas/{id}/blocks/{block}", delete(desk::remove_block))
        .route("/agendas/{id}/hours", put(weekly_hours::replace))
        .route("/pipelines", get(pipelines::list))
        .route("/pipelines/{id}/board", get(pipelines::board))
        .route(
            "/pipelines/{id}/cards/{card_id}/move",
            post(pipelines::move_card),
        )
        .route("/deals", post(deals::create))
        .route("/deals/{id}", get(deals::get).put(deals::update))
        .route(
            "/deals/{id}/follow",
            get(deals::following).put(deals::follow),
        )
        .route("/public/club", get(settings::brand))
        .route("/public/club/logo", get(club_logo::get))
        .route("/public/agendas", get(public::agendas))
        .route("/public/agendas/{id}", get(public::agenda_info))
        .route("/public/agendas/{id}/types", get(public::types))
        .route(
            "/public/agendas/{id}/types/{type_id}/fields",
            get(public::fields),
        )
        .route("/public/agendas/{id}/resources", get(public::resources))
        .route(
            "/public/agendas/{id}/availability",
            get(public::availability),
        )
        .route(
            "/public/agendas/{id}/bookings",
            post(public::create_booking),
        )
        .route("/public/bookings/manage", get(public::manage))
        .route("/public/bookings/confirm", post(public::confirm))
        .route("/public/bookings/code", post(public::resend_code))
        .route("/public/bookings/cancel", post(public::cancel))
        .route("/public/bookings/calendar.ics", get(public::calendar_file))
        .fallback(not_found)
        .layer(middleware::from_fn(problems_only))
        .with_state(state)
}

async fn not_found() -> Response {
    problem_response(&Problem::new(404, "Not found").with_detail("There is no such API route."))
}

/// Every error the API answers is a problem document, including the ones
/// axum and tower produce themselves (405, 413, 415, …), and no API response
/// is cached by a browser or proxy, unless its handler says how (the club's
/// logo, whose URL changes with the image).
async fn problems_only(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_CONTENT_TYPE.as_bytes()));
    if (status.is_client_error() || status.is_server_error()) && !is_problem {
        let title = status.canonical_reason().unwrap_or("Error");
        let mut problem = Problem::new(status.as_u16(), title);
        if status == StatusCode::METHOD_NOT_ALLOWED {
            problem = problem.with_detail("This route does not accept that method.");
        }
        let headers = std::mem::take(response.headers_mut());
        response = problem_response(&problem);
        if let Some(allow) = headers.get(header::ALLOW) {
            response.headers_mut().insert(header::ALLOW, allow.clone());
        }
    }
    let keep = status.is_success() || status == StatusCode::NOT_MODIFIED;
    if !(keep && response.headers().contains_key(header::CACHE_CONTROL)) {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("no-store"),
        );
    }
    response
}
