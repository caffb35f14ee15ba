//! The agenda's setup mirrored into Frontdesk's own tables (migration
//! 0011): the chosen agenda, its coaches and rooms, the appointment types
//! with their resources, and each type's questions. Read at start and at
//! every sync; the widget's pages read the tables.

use std::collections::HashMap;

use super::{OnlineAfspraken, SYSTEM};
use crate::connectors::error::ConnectorError;

fn malformed(field: &str) -> ConnectorError {
    ConnectorError::Malformed {
        system: SYSTEM,
        field: field.to_owned(),
    }
}

use super::xml::{find, int, items, text};

pub async fn sync(oa: &OnlineAfspraken) -> Result<(), ConnectorError> {
    let agendas = oa.client.read("getAgendas", &[]).await?;
    let list = items(&agendas, "Agenda");
    let chosen = match &oa.agenda_id {
        Some(id) => list.iter().find(|a| text(a, "Id") == id),
        None => list
            .iter()
            .find(|a| text(a, "IsDefault") == "1")
            .or_else(|| list.first()),
    }
    .ok_or_else(|| ConnectorError::Refused {
        system: SYSTEM,
        message: "no agenda to book in (check onlineafspraken.agenda_id)".into(),
        field: None,
    })?;
    let remote_agenda = text(chosen, "Id").to_owned();
    if remote_agenda.is_empty() {
        return Err(malformed("Agenda.Id"));
    }
    let name = match text(chosen, "Name") {
        "" => SYSTEM.to_owned(),
        n => n.to_owned(),
    };
    let align = int(chosen, "AlignGrid", 15).max(1);
    let confirmation = oa.client.read("requiresConfirmation", &[]).await?;
    let requires = find(&confirmation, "Required").is_some_and(|n| n.text.trim() == "1");
    let resources = oa.client.read("getResources", &[]).await?;
    let types = oa.client.read("getAppointmentTypes", &[]).await?;
    let mut fields_of = HashMap::new();
    for ty in items(&types, "AppointmentType") {
        let id = text(ty, "Id").to_owned();
        let fields = oa
            .client
            .read(
                "getFields",
                &[
                    ("AgendaId", remote_agenda.clone()),
                    ("AppointmentTypeId", id.clone()),
                ],
            )
            .await?;
        fields_of.insert(id, fields);
    }

    let mut tx = crate::store::begin_write(&oa.db).await?;
    let agenda_id: i64 = sqlx::query_scalar(
        "INSERT INTO agendas (name, timezone, align_grid_min, requires_confirmation, cancel_cutoff_min, vendor, remote_id) \
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (vendor, remote_id) WHERE vendor IS NOT NULL DO UPDATE SET \
         name = excluded.name, timezone = excluded.timezone, align_grid_min = excluded.align_grid_min, \
         requires_confirmation = excluded.requires_confirmation, cancel_cutoff_min = excluded.cancel_cutoff_min \
         RETURNING id",
    )
    .bind(&name)
    .bind(oa.tz.name())
    .bind(align)
    .bind(requires)
    .bind(i64::from(oa.cancel_cutoff_min))
    .bind(super::NAME)
    .bind(&remote_agenda)
    .fetch_one(&mut *tx)
    .await?;

    let mut local_resource = HashMap::new();
    let mut kept_resources = Vec::new();
    for r in items(&resources, "Resource") {
        let remote = text(r, "Id").to_owned();
        if remote.is_empty() || text(r, "Status") == "2" {
            continue;
        }
        let kind = if oa.rooms.contains(&remote) {
            "room"
        } else {
            "coach"
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO resources (agenda_id, name, kind, remote_id) VALUES (?, ?, ?, ?) \
             ON CONFLICT (agenda_id, remote_id) WHERE remote_id IS NOT NULL DO UPDATE SET \
             name = excluded.name, kind = excluded.kind RETURNING id",
        )
        .bind(agenda_id)
        .bind(text(r, "Name"))
        .bind(kind)
        .bind(&remote)
        .fetch_one(&mut *tx)
        .await?;
        local_resource.insert(remote.clone(), id);
        kept_resources.push(remote);
    }
    sqlx::query(
        "DELETE FROM resources WHERE agenda_id = ? AND remote_id IS NOT NULL \
         AND remote_id NOT IN (SELECT value FROM json_each(?))",
    )
    .bind(agenda_id)
    .bind(serde_json::to_string(&kept_resources).unwrap_or_default())
    .execute(&mut *tx)
    .await?;

    // A type gone or disabled at the vendor is kept (bookings refer to it)
    // but no longer offered.
    sqlx::query(
        "UPDATE appointment_types SET public = 0 WHERE agenda_id = ? AND remote_id IS NOT NULL",
    )
    .bind(agenda_id)
    .execute(&mut *tx)
    .await?;
    for ty in items(&types, "AppointmentType") {
        let remote = text(ty, "Id").to_owned();
        if remote.is_empty() || text(ty, "Status") == "2" {
            continue;
        }
        let scheduling = if text(ty, "SchedulingType") == "capacity" {
            "capacity"
        } else {
            "resource"
        };
        let price_cents = text(ty, "Price")
            .trim()
            .parse::<f64>()
            .map(|p| (p * 100.0).round() as i64)
            .unwrap_or(0);
        let price_cents = if text(ty, "PriceType") == "3" {
            0
        } else {
            price_cents
        };
        let public = text(ty, "CanBeBookedByConsumer") != "0";
        let type_id: i64 = sqlx::query_scalar(
            "INSERT INTO appointment_types (agenda_id, name, description, duration_min, buffer_min, \
             min_notice_min, max_ahead_min, scheduling, capacity, price_cents, remote_id, public) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT (agenda_id, remote_id) WHERE remote_id IS NOT NULL DO UPDATE SET \
             name = excluded.name, description = excluded.description, duration_min = excluded.duration_min, \
             buffer_min = excluded.buffer_min, min_notice_min = excluded.min_notice_min, \
             max_ahead_min = excluded.max_ahead_min, scheduling = excluded.scheduling, \
             capacity = excluded.capacity, price_cents = excluded.price_cents, public = excluded.public \
             RETURNING id",
        )
        .bind(agenda_id)
        .bind(text(ty, "Name"))
        .bind(text(ty, "Description"))
        .bind(int(ty, "Duration", 60).max(1))
        .bind(int(ty, "Buffer", 0).max(0))
        .bind(int(ty, "MinTimeBeforeAppointment", 0).max(0))
        .bind(int(ty, "MaxTimeBeforeAppointment", 0).max(0))
        .bind(scheduling)
        .bind(int(ty, "Capacity", 1).max(1))
        .bind(price_cents)
        .bind(&remote)
        .bind(public)
        .fetch_one(&mut *tx)
        .await?;
        let resources: Vec<i64> = text(ty, "ResourceId")
            .split(',')
            .map(str::trim)
            .filter_map(|r| local_resource.get(r).copied())
            .collect();
        crate::store::booking_setup::set_type_resources(&mut tx, type_id, &resources).await?;
        sqlx::query("DELETE FROM form_fields WHERE type_id = ?")
            .bind(type_id)
            .execute(&mut *tx)
            .await?;
        if let Some(fields) = fields_of.get(&remote) {
            for (position, f) in items(fields, "Field")
                .into_iter()
                .filter(|f| text(f, "Type") != "Registration")
                .enumerate()
            {
                let key = text(f, "Key");
                if key.is_empty() {
                    continue;
                }
                sqlx::query(
                    "INSERT OR IGNORE INTO form_fields (type_id, key, label, kind, required, position) \
                     VALUES (?, ?, ?, 'text', ?, ?)",
                )
                .bind(type_id)
                .bind(key)
                .bind(match text(f, "Label") {
                    "" => key,
                    label => label,
                })
                .bind(text(f, "Required") == "1")
                .bind(position as i64)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(())
}
