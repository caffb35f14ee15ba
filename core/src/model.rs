//! The `/api/v1` wire types: the contract between the app and the server.
//!
//! Request bodies reject unknown fields, so a typo in a client is a clear 422
//! rather than a silently ignored value.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::localized::Localized;

/// `POST /api/v1/session`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

/// A member of staff as the app sees them (never with a password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: crate::roles::Role,
    /// A deactivated account signs in no more; its name stays on what it did.
    pub active: bool,
}

/// A prospect that a new or edited one would repeat
/// (`GET /api/v1/prospects/duplicates`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Duplicate {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub phone: String,
    /// Found by the email (else by a number).
    pub by_email: bool,
}

/// `POST /api/v1/staff`: a new account with its first password, which the
/// owner or manager hands over (the person changes it under My account).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewStaff {
    pub email: String,
    #[serde(default)]
    pub name: String,
    pub role: crate::roles::Role,
    pub password: String,
}

/// `PATCH /api/v1/staff/{id}`: what changes; a field left out stays.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::roles::Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

/// `PUT /api/v1/session/password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// `GET /api/v1/session` and the answer to a successful login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub user: StaffUser,
    /// RFC 3339 instant after which the session is no longer accepted.
    pub expires_at: String,
}

/// Which connector serves one capability, and what it cannot do there
/// (the app hides those actions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CapabilityInfo {
    pub capability: String,
    pub connector: String,
    /// The system's name as people know it ("Clubplanner").
    #[serde(default)]
    pub system: String,
    /// Actions this connector does not offer: `bulk`, `import`, `delete`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cannot: Vec<String>,
}

/// How fresh a vendor's mirror is (`GET /api/v1/sync`): the list shows it,
/// with a refresh, and says when saving is not possible now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncInfo {
    pub capability: String,
    pub connector: String,
    pub system: String,
    /// The end of the last complete sync (RFC 3339), if any.
    pub synced_at: Option<String>,
    /// The last try (RFC 3339), complete or not.
    pub tried_at: Option<String>,
    /// `complete`, `partial` or `failed`, for the last try.
    pub outcome: Option<String>,
    /// The last try's error, in words.
    pub error: Option<String>,
    /// The vendor could not be read at the last try: the list is the last
    /// copy, and saving may fail until it answers again.
    pub stale: bool,
    /// The server's clock (RFC 3339), so "synced 20 s ago" needs no other.
    pub now: String,
}

/// One capability's connection checked now (`POST
/// /api/v1/settings/connections/check`): the same harmless read as
/// `frontdesk-server check-config`, its verdict in words, no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConnectionCheck {
    pub capability: String,
    pub connector: String,
    pub ok: bool,
    pub verdict: String,
}

/// `GET /api/v1/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
    pub version: String,
    pub database: String,
    pub capabilities: Vec<CapabilityInfo>,
}

/// A page of a list: the items, how many match in all, and the opaque cursor
/// of the next page (absent on the last page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// One agenda of the club as the booking widget sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaInfo {
    pub id: i64,
    pub name: String,
    pub timezone: String,
    pub requires_confirmation: bool,
    /// How long before its start a booking can still be cancelled online.
    pub cancel_cutoff_min: u32,
}

/// A kind of appointment that can be booked: a tour, a trial lesson, …
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppointmentTypeInfo {
    pub id: i64,
    pub agenda_id: i64,
    /// As the club wrote it; [`AppointmentTypeInfo::name_in`] reads it in
    /// a visitor's language.
    pub name: String,
    pub description: String,
    /// The name in the languages the club translated it into.
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub names: Localized,
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub descriptions: Localized,
    pub duration_min: u32,
    pub price_cents: i64,
    pub currency: String,
    pub scheduling: crate::slots::Scheduling,
    pub capacity: u32,
    /// The coaches or rooms that can give it.
    pub resource_ids: Vec<String>,
}

impl AppointmentTypeInfo {
    /// The name as `lang` reads it (its translation, else the club's own).
    pub fn name_in(&self, lang: &str) -> &str {
        self.names.pick(lang, &self.name)
    }

    pub fn description_in(&self, lang: &str) -> &str {
        self.descriptions.pick(lang, &self.description)
    }
}

/// A coach or a room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResourceInfo {
    pub id: String,
    pub name: String,
    pub kind: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FormFieldKind {
    Text,
    Textarea,
    Checkbox,
}

/// An extra question an appointment type asks (OnlineAfspraken's getFields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormField {
    pub key: String,
    pub label: String,
    /// The label in the languages the club translated it into.
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub labels: Localized,
    pub required: bool,
    pub kind: FormFieldKind,
}

impl FormField {
    /// The question as `lang` reads it (its translation, else the club's own).
    pub fn label_in(&self, lang: &str) -> &str {
        self.labels.pick(lang, &self.label)
    }
}

/// One question of an appointment type as staff set it up. `key` names
/// the answer in a booking (`fields.<key>`): given, an existing question
/// keeps its key (and so the answers already given to it); left out, the
/// server makes one from the label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct QuestionInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub label: String,
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub labels: Localized,
    pub kind: FormFieldKind,
    #[serde(default)]
    pub required: bool,
}

/// `POST`/`PUT /api/v1/settings/booking/agendas/{id}/types[/{type_id}]`:
/// an appointment type of Frontdesk's own agenda, checked whole by
/// `core::booking_setup::check_type`. Minutes and cents are signed so a
/// wrong number is named by that check with every other field, not by
/// the JSON reader one at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AppointmentTypeInput {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The name and description in other languages (none: the club's own
    /// words for every visitor).
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub names: Localized,
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub descriptions: Localized,
    pub duration_min: i64,
    /// Kept free after each booking.
    #[serde(default)]
    pub buffer_min: i64,
    /// How long ahead a booking must be made.
    #[serde(default)]
    pub min_notice_min: i64,
    /// How far ahead it can be booked; 0: no limit.
    #[serde(default)]
    pub max_ahead_min: i64,
    pub scheduling: crate::slots::Scheduling,
    /// Persons at a time per coach or room (`capacity` scheduling; 1 for
    /// one-to-one).
    #[serde(default = "one")]
    pub capacity: i64,
    #[serde(default)]
    pub price_cents: i64,
    /// The coaches or rooms that give it (at least one).
    pub resource_ids: Vec<String>,
    #[serde(default)]
    pub questions: Vec<QuestionInput>,
}

fn one() -> i64 {
    1
}

/// An appointment type as the booking setup shows it: everything the
/// widget uses, its questions, and whether it is archived (kept for the
/// bookings that have it, no longer offered in the widget).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppointmentTypeSetup {
    pub id: i64,
    pub name: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub names: Localized,
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub descriptions: Localized,
    pub duration_min: u32,
    pub buffer_min: u32,
    pub min_notice_min: u32,
    pub max_ahead_min: u32,
    pub scheduling: crate::slots::Scheduling,
    pub capacity: u32,
    pub price_cents: i64,
    pub currency: String,
    pub resource_ids: Vec<String>,
    pub questions: Vec<FormField>,
    pub archived: bool,
}

impl AppointmentTypeSetup {
    /// The type as its form starts editing it (keys kept).
    pub fn input(&self) -> AppointmentTypeInput {
        AppointmentTypeInput {
            name: self.name.clone(),
            description: self.description.clone(),
            names: self.names.clone(),
            descriptions: self.descriptions.clone(),
            duration_min: self.duration_min.into(),
            buffer_min: self.buffer_min.into(),
            min_notice_min: self.min_notice_min.into(),
            max_ahead_min: self.max_ahead_min.into(),
            scheduling: self.scheduling,
            capacity: self.capacity.into(),
            price_cents: self.price_cents,
            resource_ids: self.resource_ids.clone(),
            questions: self
                .questions
                .iter()
                .map(|q| QuestionInput {
                    key: Some(q.key.clone()),
                    label: q.label.clone(),
                    labels: q.labels.clone(),
                    kind: q.kind,
                    required: q.required,
                })
                .collect(),
        }
    }
}

/// `POST`/`PUT /api/v1/settings/booking/agendas/{id}/resources[/{id}]`: a
/// coach or a room, by its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResourceInput {
    pub name: String,
    /// `coach` or `room`.
    pub kind: String,
}

/// `GET /api/v1/settings/booking`: one agenda's booking setup. With
/// `vendor` set, the vendor keeps it: shown, not changed here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookingSetup {
    pub agenda: AgendaInfo,
    /// The system that keeps it, by name (`OnlineAfspraken`); none:
    /// Frontdesk's own, changed here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    pub resources: Vec<ResourceInfo>,
    pub types: Vec<AppointmentTypeSetup>,
}

/// `POST /api/v1/public/agendas/{id}/bookings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BookingRequest {
    pub type_id: i64,
    /// The slot's start, RFC 3339, as the slot grid gave it.
    pub start: String,
    /// A chosen coach or room; absent for "any available".
    #[serde(default)]
    pub resource_id: Option<String>,
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// Answers to the type's extra questions, by field key.
    #[serde(default)]
    pub fields: std::collections::BTreeMap<String, String>,
    /// `nl`, `fr` or `en`: the language of the messages we send.
    #[serde(default)]
    pub language: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    /// Waiting for the code sent by email.
    Pending,
    Approved,
    Cancelled,
}

/// A booking as its booker may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Booking {
    pub id: i64,
    pub agenda_id: i64,
    pub status: BookingStatus,
    pub type_id: i64,
    pub type_name: String,
    pub start: String,
    pub end: String,
    pub resource_id: Option<String>,
    pub resource_name: Option<String>,
    pub name: String,
    /// The secret that lets its holder confirm, cancel and download the
    /// booking; sent in the confirmation message too. Only in the answer to
    /// the one who booked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manage_token: Option<String>,
}

/// `POST /api/v1/public/bookings/confirm`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConfirmRequest {
    pub token: String,
    pub code: String,
}

/// `POST /api/v1/public/bookings/code`: send the confirmation code again,
/// to the same address or to a corrected one. The chosen time is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResendCodeRequest {
    pub token: String,
    /// A corrected address; without it the code goes where it went before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// Where a code was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeSent {
    pub email: String,
    /// How many more times it may be sent.
    pub sends_left: u32,
}

/// `POST /api/v1/public/bookings/cancel`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CancelRequest {
    pub token: String,
    /// Only say whether cancelling is still allowed (OnlineAfspraken's DryRun).
    #[serde(default)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancelAnswer {
    pub booking: Booking,
    /// Whether the cut-off still allows cancelling online.
    pub cancellable: bool,
    pub cancelled: bool,
    /// The latest instant at which cancelling online is allowed.
    pub cancel_before: String,
}

/// `GET /api/v1/embed`: the sites that may frame the booking widget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmbedSettings {
    /// Origins (`https://www.club.example`); Frontdesk itself always may.
    pub allowed_origins: Vec<String>,
    /// Where they are configured (the `frontdesk.toml` key).
    pub config_key: String,
}

/// A message Frontdesk sent (or would send, without SMTP).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxMessage {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created_at: String,
    pub booking_id: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
    Other,
}

/// A lead of the club: the union of what Clubplanner, OnlineAfspraken,
/// Overplane, Cirrus and AlphaAlpha keep about a prospect or customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Prospect {
    pub id: i64,
    #[serde(flatten)]
    pub fields: ProspectInput,
    pub owner_name: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// The editable part of a prospect: the body of create and update. A field
/// left out takes its value from [`ProspectInput::default`] (the schema's
/// `default`s): empty, except `status`, which is `new`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct ProspectInput {
    pub first_name: String,
    pub last_name: String,
    pub gender: Option<Gender>,
    /// `YYYY-MM-DD`; absent when unknown (never a placeholder like 1900-01-01).
    pub birth_date: Option<String>,
    pub address: String,
    pub zip: String,
    pub city: String,
    pub email: String,
    pub mobile: String,
    pub phone: String,
    /// `nl`, `fr`, `en`, `de` or empty.
    pub language: String,
    pub source: String,
    pub sub_source: String,
    pub note: String,
    pub owner_id: Option<i64>,
    pub tags: Vec<String>,
    pub status: String,
    pub next_action: String,
    /// `YYYY-MM-DD`.
    pub next_action_due: Option<String>,
}

/// The status of a prospect nobody has worked on yet.
pub const NEW_PROSPECT_STATUS: &str = "new";

/// A blank prospect with the status every prospect starts in, so a body
/// without `status` creates a `new` one (and the OpenAPI schema says so).
impl Default for ProspectInput {
    fn default() -> Self {
        Self {
            first_name: String::new(),
            last_name: String::new(),
            gender: None,
            birth_date: None,
            address: String::new(),
            zip: String::new(),
            city: String::new(),
            email: String::new(),
            mobile: String::new(),
            phone: String::new(),
            language: String::new(),
            source: String::new(),
            sub_source: String::new(),
            note: String::new(),
            owner_id: None,
            tags: Vec::new(),
            status: NEW_PROSPECT_STATUS.to_owned(),
            next_action: String::new(),
            next_action_due: None,
        }
    }
}

/// `POST /api/v1/prospects/import`: a CSV file and which column feeds which
/// field. With `dry_run` nothing is written: the answer is the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    pub csv: String,
    /// CSV header → prospect field (`first_name`, `email`, `tags`, …);
    /// columns not named here are ignored.
    pub mapping: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub dry_run: bool,
    /// Leave out the rows that repeat a prospect already there or an
    /// earlier row of the file (`ImportReport::duplicates`): the default.
    #[serde(default = "skip_by_default")]
    pub skip_duplicates: bool,
}

fn skip_by_default() -> bool {
    true
}

/// One refused value of an import: the CSV row (1 = first data row), the
/// field, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRowError {
    pub row: usize,
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// The file's column headers, in order.
    #[serde(default)]
    pub headers: Vec<String>,
    /// A first guess of the mapping from the headers, for the preview.
    #[serde(default)]
    pub suggested: std::collections::BTreeMap<String, String>,
    pub rows: usize,
    pub errors: Vec<ImportRowError>,
    /// How many prospects were written: all rows (but the repeated ones
    /// skipped), or none when any row has an error or on a dry run.
    pub created: usize,
    /// The rows that repeat a prospect already there (by email or phone
    /// number) or an earlier row of the file, each once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<crate::duplicates::ImportDuplicate>,
    /// Repeated rows left out of what was written (`skip_duplicates`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub skipped: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// `POST /api/v1/prospects/bulk`: one change to many prospects, typically
/// every one matching the list's filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BulkRequest {
    pub ids: Vec<i64>,
    pub action: BulkAction,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum BulkAction {
    /// `None` removes the owner.
    AssignOwner {
        owner_id: Option<i64>,
    },
    AddTag {
        tag: String,
    },
    RemoveTag {
        tag: String,
    },
    /// Moves them to the trash, from where `Restore` brings them back.
    Delete {},
    Restore {},
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkReport {
    /// How many prospects changed.
    pub affected: u64,
}

/// What choosing a sales result does besides recording it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SalesAction {
    /// Recorded, and the prospect moves on to the next step.
    None,
    /// Books an appointment of the result's type (a tour, a trial lesson).
    BookAppointment,
    /// Ends the sales process.
    Close,
}

/// A result that can be chosen at a sales step (Clubplanner's step result).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesResult {
    pub id: i64,
    /// In the language asked for, or the nearest one the plan has.
    pub label: String,
    pub action: SalesAction,
    /// For `book_appointment`: the type to book, and its agenda (whose
    /// booking widget picks the slot).
    pub appointment_type_id: Option<i64>,
    pub agenda_id: Option<i64>,
    /// Where the prospect goes next; absent when the process ends.
    pub next_step_id: Option<i64>,
    /// The prospect status this result sets, if any.
    pub set_status: Option<String>,
    /// "Call back in N days": sets the prospect's next action and its due date.
    pub callback_days: Option<u32>,
}

/// One step of the sales plan with its possible results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesStep {
    pub id: i64,
    pub position: i64,
    pub name: String,
    pub results: Vec<SalesResult>,
}

/// An appointment as staff see it in the agenda: with the booker's name and
/// its times also as wall-clock times of the club, so the staff app needs no
/// time-zone database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffAppointment {
    pub id: i64,
    pub agenda_id: i64,
    pub type_id: i64,
    pub type_name: String,
    pub resource_id: Option<String>,
    pub resource_name: Option<String>,
    /// `coach` or `room`.
    pub resource_kind: Option<String>,
    pub prospect_id: Option<i64>,
    pub name: String,
    pub status: BookingStatus,
    /// RFC 3339 instants.
    pub start: String,
    pub end: String,
    /// The club's local date (`YYYY-MM-DD`) and times (`HH:MM`) in `timezone`.
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub timezone: String,
    /// Whether the person came, once staff said so.
    #[serde(default)]
    pub attendance: Option<Attendance>,
}

/// Whether a booked person came (Frontdesk's own record, beside the
/// booking's status, for a vendor's appointment too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    Finished,
    NoShow,
}

impl Attendance {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Finished => "finished",
            Self::NoShow => "no_show",
        }
    }
}

/// `POST /api/v1/appointments`: staff book someone into a free slot (or,
/// saying why, into one that is not).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeskBooking {
    pub agenda_id: i64,
    pub type_id: i64,
    /// RFC 3339; any five minutes, not only the widget's grid.
    pub start: String,
    /// The length, when not the type's own.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// The coach or room; absent for whichever is free.
    #[serde(default)]
    pub resource_id: Option<String>,
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// Answers to the agenda's own questions, by key.
    #[serde(default)]
    pub fields: std::collections::BTreeMap<String, String>,
    /// The prospect this is for, when booked from their drawer.
    #[serde(default)]
    pub prospect_id: Option<i64>,
    /// Why a rule is overridden (outside the hours, or taken); required
    /// exactly when the slot is not free.
    #[serde(default)]
    pub override_reason: Option<String>,
}

/// `PATCH /api/v1/appointments/{id}`: move to another time or coach, or
/// change the length.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeskMove {
    /// RFC 3339.
    pub start: String,
    /// The new length; absent keeps it.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// The new coach or room; absent keeps it.
    #[serde(default)]
    pub resource_id: Option<String>,
    #[serde(default)]
    pub override_reason: Option<String>,
}

/// `POST /api/v1/appointments/{id}/cancel`: cancelled by the club.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeskCancel {
    /// Told to the customer when notified, kept for staff.
    #[serde(default)]
    pub reason: String,
    /// Send the customer a message.
    pub notify: bool,
}

/// `PUT /api/v1/appointments/{id}/attendance`; `null` clears it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeskAttendance {
    pub attendance: Option<Attendance>,
}

/// `POST /api/v1/agendas/{id}/blocks`: extra opening hours of one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BlockRequest {
    /// The coach or room; absent for every one of the agenda.
    #[serde(default)]
    pub resource_id: Option<String>,
    /// Local date `YYYY-MM-DD`.
    pub date: String,
    /// Local wall times `HH:MM`.
    pub start: String,
    pub end: String,
}

/// Opening hours as the calendar lists them: a weekly rule (`weekday`
/// 1 = Monday) or one date's block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaBlock {
    pub id: i64,
    pub agenda_id: i64,
    pub resource_id: Option<String>,
    pub weekday: Option<u8>,
    pub date: Option<String>,
    pub start: String,
    pub end: String,
}

/// `GET /api/v1/appointments?from=&to=`: the agenda of local dates
/// `from..=to`, in start order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppointmentList {
    pub from: String,
    pub to: String,
    /// The club's time zone, the one the local dates and times are in.
    pub timezone: String,
    /// Its offsets over the dates shown (and a margin), so the calendar
    /// can turn a wall time into an instant without a time-zone database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<crate::slots::ZoneRules>,
    pub items: Vec<StaffAppointment>,
}

/// `GET /api/v1/prospects/{id}/appointments`: one customer's appointments
/// starting on the club's local dates `from..=to` (a year back to a year
/// ahead): the ones for the prospect and the ones booked with its email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerAppointments {
    pub from: String,
    pub to: String,
    /// The club's time zone, the one the local dates and times are in.
    pub timezone: String,
    /// Not ended yet, the soonest first.
    pub coming: Vec<StaffAppointment>,
    /// Ended, the latest first.
    pub past: Vec<StaffAppointment>,
}

/// One recorded sales result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesHistoryEntry {
    pub id: i64,
    /// RFC 3339 instant.
    pub created_at: String,
    pub step_id: Option<i64>,
    /// Empty when the step was removed from the plan since.
    pub step_name: String,
    pub result_id: Option<i64>,
    pub result_label: String,
    pub employee_id: Option<i64>,
    pub employee_name: Option<String>,
    pub note: String,
    pub appointment: Option<StaffAppointment>,
}

/// `GET /api/v1/prospects/{id}/sales`: where the prospect stands and how it
/// got there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProspectSales {
    pub prospect_id: i64,
    /// Absent when the sales process has ended.
    pub current: Option<SalesStep>,
    /// Newest first.
    pub history: Vec<SalesHistoryEntry>,
}

/// A slot chosen in the booking widget's picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AppointmentSlot {
    pub type_id: i64,
    /// A coach or room; absent for "any available".
    #[serde(default)]
    pub resource_id: Option<String>,
    /// RFC 3339, as the slot grid wrote them.
    pub start: String,
    pub end: String,
}

/// `POST /api/v1/prospects/{id}/sales`: the result chosen at the current step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SalesResultRequest {
    pub result_id: i64,
    #[serde(default)]
    pub note: Option<String>,
    /// Required by results that book an appointment, refused by the others.
    #[serde(default)]
    pub appointment: Option<AppointmentSlot>,
}

// ---------------------------------------------------------------------------
// Pipelines and the board (issue 5). Ids are text on the wire: the vendor
// pipelines (Overplane, Cirrus, AlphaAlpha) use string ids, and the page must
// take their boards without a change.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PipelineKind {
    /// Cards are opportunities: value, probability, expected close.
    Deals,
    /// Cards are customers moving through the CRM status lifecycle.
    Lifecycle,
}

/// One column of a pipeline (Cirrus's opportunity status, Overplane's stage,
/// AlphaAlpha's CRM status).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stage {
    pub id: String,
    /// As the club (or its CRM) wrote it; [`Stage::name_in`] reads it in
    /// a person's language.
    pub name: String,
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub labels: Localized,
    /// `#rrggbb`.
    pub colour: String,
    /// Default probability of a card in this stage, 0–100.
    pub probability: u8,
    pub is_won: bool,
    pub is_lost: bool,
    /// A card that stays longer than this many days is marked as rotting.
    pub rotting_days: Option<u32>,
}

/// Why a deal was won or lost (Cirrus's opportunitywinreasons and
/// opportunitylostreasons).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reason {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub labels: Localized,
}

impl Stage {
    /// The name as `lang` reads it (its translation, else the base).
    pub fn name_in(&self, lang: &str) -> &str {
        self.labels.pick(lang, &self.name)
    }
}

impl Reason {
    pub fn name_in(&self, lang: &str) -> &str {
        self.labels.pick(lang, &self.name)
    }
}

/// `GET /api/v1/pipelines`: a pipeline with its stages in board order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pipeline {
    pub id: String,
    pub name: String,
    pub kind: PipelineKind,
    pub stages: Vec<Stage>,
    pub win_reasons: Vec<Reason>,
    pub lost_reasons: Vec<Reason>,
}

/// The next thing to do about a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NextActivity {
    /// `YYYY-MM-DD`.
    pub due: String,
    pub subject: String,
}

/// One card of a board: a deal or a customer. What a page shows of it
/// depends on the pipeline's kind; fields a kind lacks are empty. Absent
/// values are left out of the JSON: a board carries a thousand of these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Card {
    pub id: String,
    pub stage_id: String,
    /// Fractional ordering key within the stage (`pipeline::key_between`).
    pub position: String,
    /// Bumped by every write; a move or an edit names the version it saw.
    pub version: i64,
    pub title: String,
    /// The prospect or account of a deal; the email of a customer.
    pub subtitle: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prospect_id: Option<i64>,
    pub value_cents: i64,
    pub currency: String,
    /// The card's own probability; `None` follows the stage's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<u8>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_close: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_activity: Option<NextActivity>,
    /// RFC 3339: when the card entered its stage (rotting counts from here).
    pub stage_changed_at: String,
    /// RFC 3339, for won and lost cards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close_reason: Option<String>,
}

/// Totals of one currency in a column. Money never mixes currencies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoneyTotal {
    pub currency: String,
    pub value_cents: i64,
    /// Σ value × probability / 100, rounded once per column
    /// (`pipeline::column_totals`).
    pub weighted_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ColumnTotals {
    pub stage_id: String,
    pub count: u64,
    /// One entry per currency, sorted by currency code.
    pub money: Vec<MoneyTotal>,
}

/// `GET /api/v1/pipelines/{id}/board`: every card that passes the filters,
/// in stage and position order, and each column's totals over them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Board {
    pub pipeline: Pipeline,
    pub cards: Vec<Card>,
    pub columns: Vec<ColumnTotals>,
    /// The server's date, `YYYY-MM-DD`, for rotting and due marks.
    pub today: String,
    /// False when `first` cut columns short: `columns` still count every
    /// card, `cards` holds only each column's first ones.
    pub complete: bool,
}

/// `POST /api/v1/pipelines/{id}/cards/{card}/move`. The new place is given
/// by its neighbours as the client saw them; the server turns them into a
/// position key against its own current order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MoveRequest {
    pub stage_id: String,
    /// The card just above the new place, if any.
    #[serde(default)]
    pub after_id: Option<String>,
    /// The card just below the new place, if any.
    #[serde(default)]
    pub before_id: Option<String>,
    /// The version of the card the client moved; a newer one on the server
    /// is a conflict (409), never overwritten.
    pub version: i64,
    /// Required when the target stage is won or lost.
    #[serde(default)]
    pub reason_id: Option<String>,
}

/// The answer to a move: the card as stored, and whether the column had
/// to be renumbered (then other cards' positions changed too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveResult {
    pub card: Card,
    pub renumbered: bool,
}

/// The editable fields of a deal: the body of create and update.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct DealInput {
    pub title: String,
    pub stage_id: String,
    pub prospect_id: Option<i64>,
    pub value_cents: i64,
    /// ISO 4217, three capitals.
    pub currency: String,
    pub probability: Option<u8>,
    /// `YYYY-MM-DD`.
    pub expected_close: Option<String>,
    pub owner_id: Option<i64>,
    /// Required when `stage_id` is a won or lost stage the deal is not in yet.
    pub reason_id: Option<String>,
    /// Update only: the version being edited (409 when stale).
    pub version: Option<i64>,
}

/// An activity planned or done about a deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    pub id: i64,
    pub kind: String,
    pub subject: String,
    /// `YYYY-MM-DD`.
    pub due: String,
    pub done: bool,
}

/// One entry of a deal's history: a stage change or an edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    pub at: String,
    pub by: Option<String>,
    pub from_stage: Option<String>,
    pub to_stage: Option<String>,
    /// `created`, `moved`, `reordered`, `edited`.
    pub action: String,
    pub reason: Option<String>,
}

/// `GET /api/v1/deals/{id}`: the card, the pipeline it is on, and what the
/// detail drawer shows beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DealDetail {
    pub pipeline_id: String,
    pub card: Card,
    pub prospect: Option<Prospect>,
    pub activities: Vec<Activity>,
    pub history: Vec<HistoryEntry>,
}

// ---------------------------------------------------------------------------
// A prospect's related records (the drawer's section about them)
// ---------------------------------------------------------------------------
//
// Vendors keep different things beside a prospect (Overplane: child leads and
// opportunities; AlphaAlpha: contacts, addresses, events, opportunities,
// activities; Cirrus: contacts). One small shape carries all of them so the
// drawer stays vendor-neutral: sections of items, each item a title, a few
// facts named by vendor-neutral keys the app translates, and, where the
// system allows edits, the values of the section's form.

/// `GET /api/v1/prospects/{id}/related`: what the system that keeps the
/// prospect holds beside it. A system with nothing beside its prospects
/// answers no sections (Frontdesk's own store); one that cannot say answers
/// 501 and the drawer shows nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Related {
    /// The system's name as people know it ("Overplane").
    pub system: String,
    /// The owner as that system keeps it (its own users, not Frontdesk's
    /// staff); `None` when the system has no owner of its own.
    #[serde(default)]
    pub owner: Option<RelatedOwner>,
    #[serde(default)]
    pub sections: Vec<RelatedSection>,
}

/// Who owns the prospect in the system that keeps it, and who may.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RelatedOwner {
    /// `None`: nobody.
    pub current: Option<RelatedPerson>,
    /// Who may be assigned, as far as the system lets Frontdesk know.
    #[serde(default)]
    pub choices: Vec<RelatedPerson>,
    pub can_assign: bool,
    pub can_remove: bool,
}

/// A person of the vendor's: its id there and a name to show (the id
/// itself when the vendor gives no name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RelatedPerson {
    pub id: String,
    pub name: String,
}

/// What a section holds; the app names it in the person's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RelatedKind {
    Leads,
    Opportunities,
    Contacts,
    Addresses,
    Events,
    Activities,
}

impl RelatedKind {
    pub const ALL: [RelatedKind; 6] = [
        Self::Leads,
        Self::Opportunities,
        Self::Contacts,
        Self::Addresses,
        Self::Events,
        Self::Activities,
    ];

    /// The name in paths (`/related/leads`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Leads => "leads",
            Self::Opportunities => "opportunities",
            Self::Contacts => "contacts",
            Self::Addresses => "addresses",
            Self::Events => "events",
            Self::Activities => "activities",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One group of related records and what may be done with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RelatedSection {
    pub kind: RelatedKind,
    /// The form's fields, in form order (empty when nothing may be edited).
    #[serde(default)]
    pub fields: Vec<RelatedField>,
    pub can_add: bool,
    pub can_edit: bool,
    pub can_delete: bool,
    /// Whether the order is the system's and may be changed (it is the
    /// order of `items`).
    pub can_reorder: bool,
    pub items: Vec<RelatedItem>,
}

/// What a form field holds, for its input and its check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RelatedFieldKind {
    Text,
    Email,
    Phone,
    Number,
    /// `YYYY-MM-DD`.
    Date,
}

/// One field of a section's form. `key` is vendor-neutral (`name`,
/// `email`, `amount`, `stage`, …): the app translates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RelatedField {
    pub key: String,
    pub kind: RelatedFieldKind,
    pub required: bool,
}

/// One related record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RelatedItem {
    /// The system's own id (text, as on the wire).
    pub id: String,
    pub title: String,
    /// What is shown under the title, in order.
    #[serde(default)]
    pub facts: Vec<RelatedFact>,
    /// The section's form fields as they are now (by `RelatedField::key`).
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// Records that belong to this one (an opportunity's payment schedule).
    /// The schema names itself here: utoipa must not follow it for ever.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub children: Vec<RelatedItem>,
}

/// A labelled value; `key` is vendor-neutral and translated by the app
/// (an unknown key is shown as it is). Values are the vendor's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RelatedFact {
    pub key: String,
    pub value: String,
}

/// The body of a related record's create or edit: the section's form
/// fields by key. On an edit a key left out is left as it is, and an empty
/// value clears the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RelatedInput {
    pub values: BTreeMap<String, String>,
}

/// `PUT /api/v1/prospects/{id}/related/{kind}/order`: every item of the
/// section, each once, in the new order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RelatedOrder {
    pub ids: Vec<String>,
}

/// `PUT /api/v1/prospects/{id}/related/owner`: the vendor's user to assign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RelatedOwnerInput {
    pub owner_id: String,
}

/// A person at a prospect that is an organisation (a CRM's account):
/// `GET /api/v1/prospects/{id}/contacts`. Text as the vendor has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    /// The vendor's id.
    pub id: String,
    pub name: String,
    /// Job title or function.
    pub function: String,
    pub email: String,
    pub phone: String,
    pub mobile: String,
    /// The organisation's main contact.
    pub primary: bool,
}

/// Whether the signed-in club follows a deal at its CRM:
/// `GET`/`PUT /api/v1/deals/{id}/follow`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Following {
    pub following: bool,
}
