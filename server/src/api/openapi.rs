//! `GET /api/v1/openapi.json`: the OpenAPI document of the whole API,
//! generated from the wire types and the handlers' `#[utoipa::path]`
//! attributes, so it cannot drift from the code without a test noticing
//! (`server/tests/openapi.rs` compares it with the router).

use std::sync::LazyLock;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use frontdesk_core::problem::{PROBLEM_CONTENT_TYPE, Problem};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{AdditionalProperties, ArrayItems, Schema, SchemaType, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{Content, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi, ToSchema};

use super::{
    account, appointments, booking_setup, club_logo, deals, desk, duplicates, embed, health,
    invitations, outbox, pipelines, prospect_appointments, prospect_files, prospect_related,
    prospects, public, related, sales, session, settings, staff, sync, weekly_hours,
};

/// The name of the session cookie's security scheme; staff operations
/// require it.
pub const SESSION: &str = "session_cookie";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Frontdesk API",
        description = "The `/api/v1` contract between the Frontdesk app, the booking widget and \
                       the server. JSON, snake_case; every error is an RFC 9457 problem document \
                       (`application/problem+json`)."
    ),
    servers((url = "/api/v1")),
    tags(
        (name = "public", description = "No login: what the embedded booking widget may call, and nothing more."),
        (name = "staff", description = "The staff app; everything but signing in needs the session cookie."),
        (name = "ops", description = "Health, the connectors in use, and this document."),
    ),
    paths(
        health::health,
        document,
        session::login,
        session::current,
        session::logout,
        account::change_password,
        account::sign_out_everywhere,
        staff::list,
        staff::add,
        staff::change,
        invitations::invite,
        invitations::list,
        invitations::withdraw,
        invitations::show,
        invitations::accept,
        settings::get,
        settings::put,
        club_logo::upload,
        club_logo::remove,
        settings::check_connections,
        booking_setup::list,
        booking_setup::add_type,
        booking_setup::change_type,
        booking_setup::archive_type,
        booking_setup::restore_type,
        booking_setup::add_resource,
        booking_setup::change_resource,
        booking_setup::remove_resource,
        outbox::list,
        embed::settings,
        sync::list,
        sync::run,
        prospects::list,
        prospects::create,
        prospects::index,
        duplicates::find,
        prospects::bulk,
        prospect_files::import,
        prospect_files::export,
        prospects::get,
        prospects::update,
        prospects::delete,
        sales::get,
        sales::choose,
        sales::steps,
        prospect_appointments::list,
        related::get,
        related::create,
        related::update,
        related::delete,
        related::reorder,
        related::assign_owner,
        related::remove_owner,
        prospect_related::contacts,
        prospect_related::activities,
        appointments::list,
        desk::book,
        desk::reschedule,
        desk::cancel,
        desk::remove,
        desk::attendance,
        desk::blocks,
        desk::add_block,
        desk::remove_block,
        weekly_hours::replace,
        pipelines::list,
        pipelines::board,
        pipelines::move_card,
        deals::create,
        deals::get,
        deals::update,
        deals::following,
        deals::follow,
        settings::brand,
        club_logo::get,
        public::agendas,
        public::agenda_info,
        public::types,
        public::fields,
        public::resources,
        public::availability,
        public::create_booking,
        public::manage,
        public::confirm,
        public::resend_code,
        public::cancel,
        public::calendar_file,
    ),
    // The schemas the paths name are collected from them (utoipa 5);
    // `Problem` is listed because the modifiers below refer to it by name.
    components(schemas(Problem)),
    modifiers(&SessionCookie, &CommonProblems, &OpenFlattenedBodies)
)]
pub struct ApiDoc;

/// Built once: the document only changes with the binary.
static DOCUMENT: LazyLock<Bytes> = LazyLock::new(|| {
    Bytes::from(
        ApiDoc::openapi()
            .to_pretty_json()
            .expect("the OpenAPI document serialises"),
    )
});

/// The OpenAPI document of `/api/v1`: this one.
//
// Public on purpose, like the health check: it describes the API's shape
// and holds no data, and a client generator must be able to read it before
// anyone signs in.
#[utoipa::path(
    get,
    path = "/openapi.json",
    operation_id = "openapi_document",
    tag = "ops",
    responses(
        (status = 200, description = "This document (OpenAPI 3.1).", body = serde_json::Value),
    )
)]
pub async fn document() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        DOCUMENT.clone(),
    )
        .into_response()
}

/// The session cookie set by `POST /session`.
struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                SESSION,
                SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                    session::COOKIE,
                    "Set by `POST /session`; HttpOnly, SameSite=Strict.",
                ))),
            );
    }
}

/// Errors as the server sends them, for every operation:
/// - a response whose body is `Problem` has the problem media type, so a
///   handler's attribute says only `body = Problem`;
/// - the failures every handler of a kind shares, because they come from the
///   extractors (`Staff`, `ApiQuery`, `ApiJson`, `Path`) or the panic guard
///   rather than from the handler, are added here once, from the operation's
///   own shape, so no handler can forget one. A handler's own description of
///   the same status is kept.
struct CommonProblems;

impl Modify for CommonProblems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            for op in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                problems_as_problem_json(op);
                add_common_problems(op);
            }
        }
    }
}

/// utoipa files every body under `application/json`; a problem document is
/// `application/problem+json`.
fn problems_as_problem_json(op: &mut Operation) {
    let problem = utoipa::openapi::Ref::from_schema_name(Problem::name()).ref_location;
    for response in op.responses.responses.values_mut() {
        let RefOr::T(response) = response else {
            continue;
        };
        let is_problem = response
            .content
            .get("application/json")
            .is_some_and(|c| matches!(&c.schema, Some(RefOr::Ref(r)) if r.ref_location == problem));
        if is_problem && let Some(content) = response.content.shift_remove("application/json") {
            response
                .content
                .insert(PROBLEM_CONTENT_TYPE.to_owned(), content);
        }
    }
}

fn add_common_problems(op: &mut Operation) {
    let params = op.parameters.as_deref().unwrap_or_default();
    let has_query = params
        .iter()
        .any(|p| matches!(p.parameter_in, ParameterIn::Query));
    let has_number_in_path = params.iter().any(|p| {
        matches!(p.parameter_in, ParameterIn::Path)
            && matches!(
                &p.schema,
                Some(RefOr::T(Schema::Object(o)))
                    if matches!(o.schema_type, SchemaType::Type(Type::Integer))
            )
    });
    let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
    let has_body = op.request_body.is_some();

    let mut add = |status: u16, description: &str| {
        op.responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| RefOr::T(problem_response(description)));
    };
    if secured {
        add(401, "Not signed in, or the session expired.");
        // Staff data may come from a vendor (`connectors`).
        add(
            502,
            "The system behind this capability failed, refused Frontdesk's credentials or answered something unreadable; nothing was saved (the title names the system).",
        );
        add(
            503,
            "The system behind this capability cannot be reached or asks to slow down, or the database was busy; nothing was saved, try again (`Retry-After`).",
        );
    }
    if has_query || has_number_in_path {
        add(400, "A query or path parameter is not valid.");
    }
    if has_body {
        add(
            422,
            "The body is not JSON of the expected shape; `errors` names the field.",
        );
        add(
            413,
            "The body is larger than the operation takes (2 MB unless it says otherwise); the detail says the limit.",
        );
    }
    add(
        500,
        "Something failed on the server; the cause is logged, never sent.",
    );
}

fn problem_response(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM_CONTENT_TYPE,
            Content::new(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                Problem::name(),
            )))),
        )
        .build()
}

/// A response that flattens a request body (a `Prospect` is an id and the
/// `ProspectInput` it was made from) is an `allOf` of the body's schema and
/// its own fields. The body rejects unknown fields, so its schema says
/// `additionalProperties: false`, which inside the `allOf` would forbid the
/// response's own fields: there the body's schema is copied in without it.
struct OpenFlattenedBodies;

impl Modify for OpenFlattenedBodies {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let Some(components) = openapi.components.as_mut() else {
            return;
        };
        let closed: std::collections::BTreeMap<String, Schema> = components
            .schemas
            .iter()
            .filter_map(|(name, schema)| match schema {
                RefOr::T(Schema::Object(o))
                    if matches!(
                        o.additional_properties.as_deref(),
                        Some(AdditionalProperties::FreeForm(false))
                    ) =>
                {
                    let mut open = o.clone();
                    open.additional_properties = None;
                    Some((format!("#/components/schemas/{name}"), Schema::Object(open)))
                }
                _ => None,
            })
            .collect();
        for schema in components.schemas.values_mut() {
            open_flattened(schema, &closed);
        }
    }
}

fn open_flattened(schema: &mut RefOr<Schema>, closed: &std::collections::BTreeMap<String, Schema>) {
    let RefOr::T(schema) = schema else {
        return;
    };
    match schema {
        Schema::AllOf(all) => {
            for item in &mut all.items {
                if let RefOr::Ref(r) = item
                    && let Some(open) = closed.get(&r.ref_location)
                {
                    *item = RefOr::T(open.clone());
                }
                open_flattened(item, closed);
            }
        }
        Schema::OneOf(one) => one.items.iter_mut().for_each(|i| open_flattened(i, closed)),
        Schema::AnyOf(any) => any.items.iter_mut().for_each(|i| open_flattened(i, closed)),
        Schema::Array(array) => {
            if let ArrayItems::RefOrSchema(items) = &mut array.items {
                open_flattened(items, closed);
            }
        }
        Schema::Object(object) => object
            .properties
            .values_mut()
            .for_each(|p| open_flattened(p, closed)),
        _ => {}
    }
}
