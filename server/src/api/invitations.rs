//! Invitation links for staff (issue #21), the other way to add someone
//! beside a first password: `POST /staff/invitations` (owner or manager)
//! makes a one-time link, shown once and mailed when mail is configured;
//! `GET /invitation?token=…` says what it is for; `POST /invitation`
//! takes the person's own password, makes the account and signs them in.
//!
//! The token travels in the query or the body, never in an API path: the
//! request log writes paths (and the app's `/invite/…` page path is cut
//! from it, `web::log_request`).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use frontdesk_core::invitation::{
    AcceptInvitation, Invitation, InvitationInfo, NewInvitation, OpenInvitation,
};
use frontdesk_core::model::SessionInfo;
use frontdesk_core::problem::{Problem, kinds};
use frontdesk_core::roles::Action;
use serde::Deserialize;

use super::account::user_error;
use super::error::ApiError;
use super::json::ApiJson;
use super::query::ApiQuery;
use super::session::Staff;
use crate::SharedState;
use crate::messages::{self, Lang};
use crate::store::bookings::outbox;
use crate::store::invitations::{self, AcceptError};

/// The page the link opens (`src/pages/invite.rs`).
pub fn link(public_url: &str, token: &str) -> String {
    format!("{}/invite/{token}", public_url.trim_end_matches('/'))
}

/// `POST /api/v1/staff/invitations`
#[utoipa::path(
    post,
    path = "/staff/invitations",
    operation_id = "invite_staff",
    tag = "staff",
    security(("session_cookie" = [])),
    request_body = NewInvitation,
    responses(
        (status = 201, description = "Invited: the link (shown this once; only its hash is kept) works once, for 7 days. `mailed`: it also went to the address.", body = Invitation),
        (status = 403, description = "Only an owner or a manager invites staff, and only an owner invites an owner.", body = Problem),
        (status = 422, description = "`email` is missing, malformed or already has an account; nothing was sent.", body = Problem),
    )
)]
pub async fn invite(
    State(state): State<SharedState>,
    staff: Staff,
    ApiJson(body): ApiJson<NewInvitation>,
) -> Result<(StatusCode, Json<Invitation>), ApiError> {
    let errors = super::staff::check_newcomer(&staff, body.role, &body.email, &body.name)?;
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let created = invitations::create(
        &state.db,
        &body.email,
        &body.name,
        body.role,
        staff.session.user.id,
    )
    .await
    .map_err(user_error)?;
    let url = link(&state.settings.public_url, &created.token);
    // Only where something delivers it: a message no one sends would keep
    // the link in the outbox, readable, for nothing.
    let mailed = state.settings.smtp.is_some() || state.settings.mail_dir.is_some();
    if mailed {
        let club = crate::store::club::get(&state.db).await?;
        let lang = Lang::parse(club.languages.first().map(String::as_str));
        let message = messages::invited(
            lang,
            &club.name,
            &staff.session.user.name,
            body.role,
            &url,
            &created.token,
        );
        let mut db = state.db.acquire().await?;
        outbox::push(
            &mut db,
            outbox::Outgoing {
                appointment_id: None,
                to: &created.email,
                message: &message,
                attach_ics: false,
            },
        )
        .await?;
        state.outbox_ready.notify_one();
    }
    tracing::info!(
        by = staff.session.user.id,
        role = body.role.as_str(),
        mailed,
        "staff invited"
    );
    Ok((
        StatusCode::CREATED,
        Json(Invitation {
            email: created.email,
            name: created.name,
            role: body.role,
            expires_at: created.expires_at,
            link: url,
            mailed,
        }),
    ))
}

/// `GET /api/v1/staff/invitations`
#[utoipa::path(
    get,
    path = "/staff/invitations",
    operation_id = "open_invitations",
    tag = "staff",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The invitations not used, withdrawn or expired yet, newest first (never their links).", body = Vec<OpenInvitation>),
        (status = 403, description = "Only an owner or a manager sees and withdraws invitations.", body = Problem),
    )
)]
pub async fn list(
    State(state): State<SharedState>,
    staff: Staff,
) -> Result<Json<Vec<OpenInvitation>>, ApiError> {
    staff.may(Action::ManageStaff)?;
    Ok(Json(invitations::open(&state.db).await?))
}

/// `DELETE /api/v1/staff/invitations/{id}`
#[utoipa::path(
    delete,
    path = "/staff/invitations/{id}",
    operation_id = "withdraw_invitation",
    tag = "staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "The invitation.")),
    responses(
        (status = 204, description = "Withdrawn: its link opens nothing and says it was withdrawn."),
        (status = 403, description = "Only an owner or a manager withdraws an invitation, and only an owner one for an owner.", body = Problem),
        (status = 404, description = "No open invitation has this id (used, withdrawn or expired meanwhile).", body = Problem),
    )
)]
pub async fn withdraw(
    State(state): State<SharedState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    staff.may(Action::ManageStaff)?;
    let not_open = || {
        ApiError::problem(Problem::new(404, "No such open invitation").with_detail(
            "This invitation is no longer open: it was used, withdrawn or has expired.",
        ))
    };
    let found = invitations::open_one(&state.db, id)
        .await?
        .ok_or_else(not_open)?;
    if !staff.role().may_manage(found.role) {
        return Err(super::session::forbidden(
            Action::ManageOwners,
            staff.role(),
        ));
    }
    if !invitations::withdraw(&state.db, id).await? {
        return Err(not_open());
    }
    tracing::info!(
        by = staff.session.user.id,
        invitation_id = id,
        "invitation withdrawn"
    );
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TokenQuery {
    /// The token of the link (`/invite/<token>`).
    pub token: String,
}

/// A link that opens nothing, said plainly: unknown (404), used or
/// expired (410, each with its own `type` for the page to say in words).
fn dead(e: AcceptError) -> ApiError {
    match e {
        AcceptError::Unknown => ApiError::problem(
            Problem::new(404, "No such invitation").with_detail(
                "This invitation link is not valid. Check that it was copied whole, or ask for a new one.",
            ),
        ),
        AcceptError::Used => ApiError::problem(
            Problem::new(410, "Invitation already used")
                .with_type(kinds::INVITATION_USED)
                .with_detail(
                    "This invitation link was used already. Sign in with the password chosen then, or ask for a new invitation.",
                ),
        ),
        AcceptError::Expired => ApiError::problem(
            Problem::new(410, "Invitation expired")
                .with_type(kinds::INVITATION_EXPIRED)
                .with_detail(
                    "This invitation link has expired (or a newer one was sent). Ask for a new invitation.",
                ),
        ),
        AcceptError::Withdrawn => ApiError::problem(
            Problem::new(410, "Invitation withdrawn")
                .with_type(kinds::INVITATION_WITHDRAWN)
                .with_detail(
                    "This invitation link was withdrawn by the club. Ask for a new invitation if it was meant for you.",
                ),
        ),
        AcceptError::User(e) => user_error(e),
    }
}

/// `GET /api/v1/invitation?token=…`
#[utoipa::path(
    get,
    path = "/invitation",
    operation_id = "invitation",
    tag = "staff",
    params(TokenQuery),
    responses(
        (status = 200, description = "The invitation is open: who it is for, as what, from which club.", body = InvitationInfo),
        (status = 404, description = "No invitation has this link.", body = Problem),
        (status = 410, description = "Used already (`type` /problems/invitation-used), withdrawn (`type` /problems/invitation-withdrawn) or expired (`type` /problems/invitation-expired).", body = Problem),
    )
)]
pub async fn show(
    State(state): State<SharedState>,
    ApiQuery(q): ApiQuery<TokenQuery>,
) -> Result<Json<InvitationInfo>, ApiError> {
    let found = invitations::find(&state.db, q.token.trim())
        .await?
        .ok_or_else(|| dead(AcceptError::Unknown))?;
    invitations::check(found.standing).map_err(dead)?;
    let club = crate::store::club::get(&state.db).await?;
    Ok(Json(InvitationInfo {
        email: found.email,
        name: found.name,
        role: found.role,
        club: club.name,
        expires_at: found.expires_at,
    }))
}

/// `POST /api/v1/invitation`
#[utoipa::path(
    post,
    path = "/invitation",
    operation_id = "accept_invitation",
    tag = "staff",
    request_body = AcceptInvitation,
    responses(
        (status = 200, description = "The account is made with this password and signed in; the link works no more.", body = SessionInfo,
            headers(("set-cookie" = String, description = "The session cookie, then the device cookie."))),
        (status = 404, description = "No invitation has this link.", body = Problem),
        (status = 410, description = "Used already (`type` /problems/invitation-used), withdrawn (`type` /problems/invitation-withdrawn) or expired (`type` /problems/invitation-expired); nothing was made.", body = Problem),
        (status = 422, description = "`password` is shorter than 10 characters, or the address has an account by now (`email`); the link still works.", body = Problem),
    )
)]
pub async fn accept(
    State(state): State<SharedState>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<AcceptInvitation>,
) -> Result<Response, ApiError> {
    let user = invitations::accept(&state.db, body.token.trim(), &body.password)
        .await
        .map_err(dead)?;
    tracing::info!(
        user_id = user.id,
        role = user.role.as_str(),
        "invitation used"
    );
    super::session::signed_in(&state, &headers, user).await
}
