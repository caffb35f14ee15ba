//! Agendas, appointment types, resources and extra questions, and the raw
//! availability (`core::slots::Availability`) built from them.

use chrono::{DateTime, Datelike, Duration, NaiveDate, SecondsFormat, Utc};
use chrono_tz::Tz;
use frontdesk_core::model::{
    AgendaInfo, AppointmentTypeInfo, FormField, FormFieldKind, Localized, ResourceInfo,
};
use frontdesk_core::slots::{self, Availability, Block, BusyItem, Scheduling};
use sqlx::SqliteConnection;

/// A pending booking holds its slot this long while its code is awaited.
pub const PENDING_HOLD_MIN: i64 = 30;

#[derive(Debug, Clone)]
pub struct Agenda {
    pub info: AgendaInfo,
    pub tz: Tz,
    pub align_grid_min: u32,
    /// The vendor that keeps it, and its id there (none: Frontdesk's own).
    pub vendor: Option<String>,
    pub remote_id: Option<String>,
}

#[derive(Debug, Clone)]
pub struct AppointmentType {
    pub info: AppointmentTypeInfo,
    pub buffer_min: u32,
    pub min_notice_min: u32,
    pub max_ahead_min: u32,
    /// Its id at the vendor that keeps the agenda, if one does.
    pub remote_id: Option<String>,
    /// Offered in the widget (a type only staff may book is not).
    pub public: bool,
}

impl AppointmentType {
    /// The type's rules as the slot engine reads them.
    pub fn rules(&self) -> slots::AppointmentType {
        slots::AppointmentType {
            duration_min: self.info.duration_min,
            buffer_min: self.buffer_min,
            min_notice_min: self.min_notice_min,
            max_ahead_min: self.max_ahead_min,
            scheduling: self.info.scheduling,
            capacity: self.info.capacity,
            resource_ids: self.info.resource_ids.clone(),
        }
    }
}

type AgendaRow = (
    i64,
    String,
    String,
    i64,
    bool,
    i64,
    Option<String>,
    Option<String>,
);

pub async fn agenda(db: &mut SqliteConnection, id: i64) -> sqlx::Result<Option<Agenda>> {
    let row: Option<AgendaRow> = sqlx::query_as(
        "SELECT id, name, timezone, align_grid_min, requires_confirmation, cancel_cutoff_min, \
         vendor, remote_id FROM agendas WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(
        |(id, name, timezone, align, requires_confirmation, cutoff, vendor, remote_id)| Agenda {
            tz: timezone.parse().unwrap_or(chrono_tz::UTC),
            align_grid_min: align.max(1) as u32,
            vendor,
            remote_id,
            info: AgendaInfo {
                id,
                name,
                timezone,
                requires_confirmation,
                cancel_cutoff_min: cutoff.max(0) as u32,
            },
        },
    ))
}

type TypeRow = (
    i64,
    i64,
    String,
    String,
    String,
    i64,
    i64,
    i64,
    i64,
    String,
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
    bool,
);

const TYPE_COLUMNS: &str = "t.id, t.agenda_id, t.name, t.description, t.translations, \
     t.duration_min, t.buffer_min, \
     t.min_notice_min, t.max_ahead_min, t.scheduling, t.capacity, t.price_cents, t.currency, \
     (SELECT group_concat(resource_id) FROM (SELECT resource_id FROM appointment_type_resources \
       WHERE type_id = t.id ORDER BY resource_id)), t.remote_id, t.public";

fn type_of(row: TypeRow) -> AppointmentType {
    let (
        id,
        agenda_id,
        name,
        description,
        translations,
        duration,
        buffer,
        notice,
        ahead,
        scheduling,
        capacity,
        price,
        currency,
        rs,
        remote_id,
        public,
    ) = row;
    let clamp = |v: i64| v.clamp(0, i64::from(u32::MAX)) as u32;
    let translations: TypeTranslations = serde_json::from_str(&translations).unwrap_or_default();
    AppointmentType {
        info: AppointmentTypeInfo {
            id,
            agenda_id,
            name,
            description,
            names: translations.name,
            descriptions: translations.description,
            duration_min: clamp(duration),
            price_cents: price,
            currency,
            scheduling: if scheduling == "capacity" {
                Scheduling::Capacity
            } else {
                Scheduling::Resource
            },
            capacity: clamp(capacity),
            resource_ids: rs
                .map(|s| s.split(',').map(str::to_owned).collect())
                .unwrap_or_default(),
        },
        buffer_min: clamp(buffer),
        min_notice_min: clamp(notice),
        max_ahead_min: clamp(ahead),
        remote_id,
        public,
    }
}

/// `appointment_types.translations`: the name's and the description's
/// translations in one JSON object (migration 0017).
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct TypeTranslations {
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    name: Localized,
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    description: Localized,
}

/// What `appointment_types.translations` stores for these texts.
pub fn type_translations(names: &Localized, descriptions: &Localized) -> String {
    serde_json::to_string(&TypeTranslations {
        name: names.trimmed(),
        description: descriptions.trimmed(),
    })
    .unwrap_or_else(|_| "{}".to_owned())
}

pub async fn types(
    db: &mut SqliteConnection,
    agenda_id: i64,
) -> sqlx::Result<Vec<AppointmentType>> {
    let rows: Vec<TypeRow> = sqlx::query_as(&format!(
        "SELECT {TYPE_COLUMNS} FROM appointment_types t WHERE t.agenda_id = ? ORDER BY t.id"
    ))
    .bind(agenda_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(type_of).collect())
}

pub async fn appointment_type(
    db: &mut SqliteConnection,
    agenda_id: i64,
    type_id: i64,
) -> sqlx::Result<Option<AppointmentType>> {
    let row: Option<TypeRow> = sqlx::query_as(&format!(
        "SELECT {TYPE_COLUMNS} FROM appointment_types t WHERE t.agenda_id = ? AND t.id = ?"
    ))
    .bind(agenda_id)
    .bind(type_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(type_of))
}

pub async fn resources(
    db: &mut SqliteConnection,
    agenda_id: i64,
) -> sqlx::Result<Vec<ResourceInfo>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, name, kind FROM resources WHERE agenda_id = ? AND removed_at IS NULL \
         ORDER BY kind, name",
    )
    .bind(agenda_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, kind)| ResourceInfo {
            id: id.to_string(),
            name,
            kind,
        })
        .collect())
}

pub async fn fields(db: &mut SqliteConnection, type_id: i64) -> sqlx::Result<Vec<FormField>> {
    let rows: Vec<(String, String, String, String, bool)> = sqlx::query_as(
        "SELECT key, label, labels, kind, required FROM form_fields WHERE type_id = ? \
         ORDER BY position, id",
    )
    .bind(type_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(key, label, labels, kind, required)| FormField {
            key,
            label,
            labels: Localized::from_json(&labels),
            required,
            kind: match kind.as_str() {
                "textarea" => FormFieldKind::Textarea,
                "checkbox" => FormFieldKind::Checkbox,
                _ => FormFieldKind::Text,
            },
        })
        .collect())
}

/// An opening-hours row: resource, weekday or date, start, end.
type BlockRule = (Option<i64>, Option<i64>, Option<String>, String, String);

pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// An instant as the club reads it: RFC 3339 with the offset of `tz` at
/// that instant (`…T09:00:00+01:00`), as slots are written. Every time the
/// API returns for a booking is written so; a page that shows the hour
/// never has to know the zone's rules.
pub fn local_rfc3339(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// A stored instant (UTC) rewritten with the club's offset; a value that is
/// not a timestamp is returned as it is.
pub fn relocal(stamp: &str, tz: Tz) -> String {
    DateTime::parse_from_rfc3339(stamp)
        .map(|t| local_rfc3339(t.with_timezone(&Utc), tz))
        .unwrap_or_else(|_| stamp.to_owned())
}

/// The raw availability of one type over local dates `from..=to`: opening
/// hours of its resources as dated blocks, and every booking that takes one
/// of them (a coach busy with a tour is not free for a trial). A booking's
/// own buffer is added to its end, so the next start keeps the gap.
pub async fn availability(
    db: &mut SqliteConnection,
    agenda: &Agenda,
    ty: &AppointmentType,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> sqlx::Result<Availability> {
    let eligible: Vec<i64> = ty
        .info
        .resource_ids
        .iter()
        .filter_map(|r| r.parse().ok())
        .collect();
    let rules: Vec<BlockRule> = sqlx::query_as(
        "SELECT resource_id, weekday, date, start_time, end_time FROM availability_blocks \
         WHERE agenda_id = ? AND (date IS NULL OR date BETWEEN ? AND ?) ORDER BY id",
    )
    .bind(agenda.info.id)
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(&mut *db)
    .await?;
    let applies = |r: Option<i64>| r.is_none_or(|id| eligible.is_empty() || eligible.contains(&id));
    let mut blocks = Vec::new();
    let mut day = from;
    while day <= to {
        let weekday = i64::from(day.weekday().number_from_monday());
        for (resource, rule_day, date, start, end) in &rules {
            let matches = match (rule_day, date) {
                (Some(d), _) => *d == weekday,
                (None, Some(d)) => *d == day.to_string(),
                (None, None) => false,
            };
            if matches && applies(*resource) {
                blocks.push(Block {
                    resource_id: resource.map(|r| r.to_string()),
                    date: day.to_string(),
                    start: start.clone(),
                    end: end.clone(),
                });
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }

    // A day either side covers every offset; the engine ignores the rest.
    let window_start = rfc3339(
        (from - Duration::days(1))
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc(),
    );
    let window_end = rfc3339(
        (to + Duration::days(2))
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc(),
    );
    let hold_since = rfc3339(now - Duration::minutes(PENDING_HOLD_MIN));
    let rows: Vec<(Option<i64>, String, String, i64, i64)> = sqlx::query_as(
        "SELECT a.resource_id, a.starts_at, a.ends_at, a.persons, t.buffer_min FROM appointments a \
         JOIN appointment_types t ON t.id = a.type_id \
         WHERE a.agenda_id = ? AND a.starts_at < ? AND a.ends_at > ? \
           AND (a.status = 'approved' OR (a.status = 'pending' AND a.created_at >= ?)) \
         ORDER BY a.starts_at",
    )
    .bind(agenda.info.id)
    .bind(&window_end)
    .bind(&window_start)
    .bind(&hold_since)
    .fetch_all(&mut *db)
    .await?;
    let busy = rows
        .into_iter()
        .filter(|(resource, ..)| {
            resource.is_some_and(|r| eligible.is_empty() || eligible.contains(&r))
        })
        .map(|(resource, start, end, persons, buffer)| {
            let end = DateTime::parse_from_rfc3339(&end)
                .map(|e| rfc3339(e.with_timezone(&Utc) + Duration::minutes(buffer)))
                .unwrap_or(end);
            BusyItem {
                resource_id: resource.map(|r| r.to_string()),
                start,
                end,
                persons: persons.clamp(1, i64::from(u32::MAX)) as u32,
            }
        })
        .collect();

    Ok(Availability {
        timezone: agenda.info.timezone.clone(),
        zone: None,
        align_grid_min: agenda.align_grid_min,
        appointment_type: ty.rules(),
        from: from.to_string(),
        to: to.to_string(),
        blocks,
        busy,
        now: rfc3339(now),
    })
}
