//! The booking setup of Frontdesk's own agendas (issue #21): appointment
//! types with their coaches or rooms and questions, and the coaches and
//! rooms themselves. The widget reads the same rows (`store::agenda`), so
//! a change shows there at its next request.
//!
//! A type is archived, never deleted: bookings, sales results and the
//! desk's log refer to it. Archived is the mirror's own "not offered in
//! the widget" (`public = 0`), so every reader that hides a vendor's
//! disabled type hides it too.

use frontdesk_core::booking_setup::question_keys;
use frontdesk_core::model::{AppointmentTypeInput, AppointmentTypeSetup, ResourceInput};
use frontdesk_core::slots::Scheduling;
use sqlx::SqliteConnection;

use super::agenda;

/// Every type of the agenda, archived ones included, with its questions.
pub async fn types(
    db: &mut SqliteConnection,
    agenda_id: i64,
) -> sqlx::Result<Vec<AppointmentTypeSetup>> {
    let mut list = Vec::new();
    for ty in agenda::types(db, agenda_id).await? {
        let questions = agenda::fields(db, ty.info.id).await?;
        list.push(AppointmentTypeSetup {
            id: ty.info.id,
            name: ty.info.name,
            description: ty.info.description,
            names: ty.info.names,
            descriptions: ty.info.descriptions,
            duration_min: ty.info.duration_min,
            buffer_min: ty.buffer_min,
            min_notice_min: ty.min_notice_min,
            max_ahead_min: ty.max_ahead_min,
            scheduling: ty.info.scheduling,
            capacity: ty.info.capacity,
            price_cents: ty.info.price_cents,
            currency: ty.info.currency,
            resource_ids: ty.info.resource_ids,
            questions,
            archived: !ty.public,
        });
    }
    Ok(list)
}

pub async fn get(
    db: &mut SqliteConnection,
    agenda_id: i64,
    type_id: i64,
) -> sqlx::Result<Option<AppointmentTypeSetup>> {
    Ok(types(db, agenda_id)
        .await?
        .into_iter()
        .find(|t| t.id == type_id))
}

/// The ids of `resource_ids` that are not coaches or rooms of the agenda,
/// by their place in the list.
pub async fn foreign_resources(
    db: &mut SqliteConnection,
    agenda_id: i64,
    resource_ids: &[String],
) -> sqlx::Result<Vec<usize>> {
    let own: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM resources WHERE agenda_id = ? AND removed_at IS NULL")
            .bind(agenda_id)
            .fetch_all(db)
            .await?;
    Ok(resource_ids
        .iter()
        .enumerate()
        .filter(|(_, r)| r.parse::<i64>().map_or(true, |id| !own.contains(&id)))
        .map(|(i, _)| i)
        .collect())
}

fn scheduling(s: Scheduling) -> &'static str {
    match s {
        Scheduling::Resource => "resource",
        Scheduling::Capacity => "capacity",
    }
}

/// Stores a new type (checked with `core::booking_setup::check_type`, its
/// resources the agenda's); its id.
pub async fn create(
    tx: &mut SqliteConnection,
    agenda_id: i64,
    input: &AppointmentTypeInput,
) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO appointment_types (agenda_id, name, duration_min, scheduling) \
         VALUES (?, '', 1, 'resource') RETURNING id",
    )
    .bind(agenda_id)
    .fetch_one(&mut *tx)
    .await?;
    write(tx, id, input).await?;
    Ok(id)
}

/// Replaces a type's settings, coaches or rooms and questions. Bookings
/// keep their answers: a question sent with its key keeps it.
pub async fn update(
    tx: &mut SqliteConnection,
    agenda_id: i64,
    type_id: i64,
    input: &AppointmentTypeInput,
) -> sqlx::Result<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM appointment_types WHERE id = ? AND agenda_id = ?")
            .bind(type_id)
            .bind(agenda_id)
            .fetch_optional(&mut *tx)
            .await?;
    if found.is_none() {
        return Ok(false);
    }
    write(tx, type_id, input).await?;
    Ok(true)
}

async fn write(
    tx: &mut SqliteConnection,
    type_id: i64,
    input: &AppointmentTypeInput,
) -> sqlx::Result<()> {
    // One-to-one keeps one place whatever was sent.
    let capacity = match input.scheduling {
        Scheduling::Resource => 1,
        Scheduling::Capacity => input.capacity,
    };
    sqlx::query(
        "UPDATE appointment_types SET name = ?, description = ?, translations = ?, duration_min = ?, \
         buffer_min = ?, min_notice_min = ?, max_ahead_min = ?, scheduling = ?, capacity = ?, \
         price_cents = ? WHERE id = ?",
    )
    .bind(input.name.trim())
    .bind(input.description.trim())
    .bind(agenda::type_translations(&input.names, &input.descriptions))
    .bind(input.duration_min)
    .bind(input.buffer_min)
    .bind(input.min_notice_min)
    .bind(input.max_ahead_min)
    .bind(scheduling(input.scheduling))
    .bind(capacity)
    .bind(input.price_cents)
    .bind(type_id)
    .execute(&mut *tx)
    .await?;
    let resources: Vec<i64> = input
        .resource_ids
        .iter()
        .map(|r| r.parse::<i64>().unwrap_or_default())
        .collect();
    set_type_resources(tx, type_id, &resources).await?;
    sqlx::query("DELETE FROM form_fields WHERE type_id = ?")
        .bind(type_id)
        .execute(&mut *tx)
        .await?;
    let keys = question_keys(&input.questions);
    for (position, (q, key)) in input.questions.iter().zip(keys).enumerate() {
        let kind = match q.kind {
            frontdesk_core::model::FormFieldKind::Text => "text",
            frontdesk_core::model::FormFieldKind::Textarea => "textarea",
            frontdesk_core::model::FormFieldKind::Checkbox => "checkbox",
        };
        sqlx::query(
            "INSERT INTO form_fields (type_id, key, label, labels, kind, required, position) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(type_id)
        .bind(key)
        .bind(q.label.trim())
        .bind(q.labels.to_json())
        .bind(kind)
        .bind(q.required)
        .bind(position as i64)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Replaces the coaches and rooms that give a type (the booking setup's
/// form and a vendor's mirrored setup alike).
pub async fn set_type_resources(
    tx: &mut SqliteConnection,
    type_id: i64,
    resources: &[i64],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM appointment_type_resources WHERE type_id = ?")
        .bind(type_id)
        .execute(&mut *tx)
        .await?;
    for r in resources {
        sqlx::query(
            "INSERT OR IGNORE INTO appointment_type_resources (type_id, resource_id) VALUES (?, ?)",
        )
        .bind(type_id)
        .bind(r)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Archives (or, `archived` false, offers again) a type; `false` when the
/// agenda has no such type.
pub async fn set_archived(
    tx: &mut SqliteConnection,
    agenda_id: i64,
    type_id: i64,
    archived: bool,
) -> sqlx::Result<bool> {
    let done =
        sqlx::query("UPDATE appointment_types SET public = ? WHERE id = ? AND agenda_id = ?")
            .bind(!archived)
            .bind(type_id)
            .bind(agenda_id)
            .execute(tx)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// A new coach or room; its id.
pub async fn add_resource(
    tx: &mut SqliteConnection,
    agenda_id: i64,
    input: &ResourceInput,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO resources (agenda_id, name, kind) VALUES (?, ?, ?) RETURNING id",
    )
    .bind(agenda_id)
    .bind(input.name.trim())
    .bind(&input.kind)
    .fetch_one(tx)
    .await
}

/// Renames a coach or room (or makes a coach a room); `false` when the
/// agenda has no such resource.
pub async fn change_resource(
    tx: &mut SqliteConnection,
    agenda_id: i64,
    resource_id: i64,
    input: &ResourceInput,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE resources SET name = ?, kind = ? WHERE id = ? AND agenda_id = ? \
         AND removed_at IS NULL",
    )
    .bind(input.name.trim())
    .bind(&input.kind)
    .bind(resource_id)
    .bind(agenda_id)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Why a coach or room was not removed, or that it was.
#[derive(Debug, PartialEq, Eq)]
pub enum Removal {
    Removed,
    /// The agenda has no such coach or room (or it was removed already).
    Unknown,
    /// Appointments still to come with it: moved or cancelled first, so no
    /// member is left booked with nobody.
    Coming(i64),
    /// Offered types it alone gives, by name: given another coach or room
    /// (or archived) first, else the type would be offered with anyone.
    OnlyOneFor(Vec<String>),
}

/// Removes a coach or room: its opening hours and its types' links go, its
/// row stays (marked `removed_at`) so past appointments keep its name.
pub async fn remove_resource(
    tx: &mut SqliteConnection,
    agenda_id: i64,
    resource_id: i64,
    now: &str,
) -> sqlx::Result<Removal> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM resources WHERE id = ? AND agenda_id = ? AND removed_at IS NULL",
    )
    .bind(resource_id)
    .bind(agenda_id)
    .fetch_optional(&mut *tx)
    .await?;
    if found.is_none() {
        return Ok(Removal::Unknown);
    }
    let coming: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM appointments WHERE resource_id = ? \
         AND status IN ('pending', 'approved') AND ends_at > ?",
    )
    .bind(resource_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    if coming > 0 {
        return Ok(Removal::Coming(coming));
    }
    let alone: Vec<String> = sqlx::query_scalar(
        "SELECT t.name FROM appointment_types t \
         JOIN appointment_type_resources l ON l.type_id = t.id \
         WHERE l.resource_id = ? AND t.public = 1 \
           AND (SELECT COUNT(*) FROM appointment_type_resources o \
                JOIN resources r ON r.id = o.resource_id \
                WHERE o.type_id = t.id AND r.removed_at IS NULL) = 1 \
         ORDER BY t.name",
    )
    .bind(resource_id)
    .fetch_all(&mut *tx)
    .await?;
    if !alone.is_empty() {
        return Ok(Removal::OnlyOneFor(alone));
    }
    for statement in [
        "DELETE FROM appointment_type_resources WHERE resource_id = ?",
        "DELETE FROM availability_blocks WHERE resource_id = ?",
    ] {
        sqlx::query(statement)
            .bind(resource_id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("UPDATE resources SET removed_at = ? WHERE id = ?")
        .bind(now)
        .bind(resource_id)
        .execute(&mut *tx)
        .await?;
    Ok(Removal::Removed)
}
