//! The mirror of a vendor's prospects in the prospects table (migration
//! 0010): rows with `vendor` set. A vendor's record is written here only
//! after the vendor accepted it (or a sync read it); the fields the vendor
//! does not keep stay Frontdesk's own, untouched by a sync.

use frontdesk_core::model::{Prospect, ProspectInput};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use super::prospects;
use crate::connectors::prospects::RemoteProspect;

/// The unified fields of a prospect, by what a vendor may keep of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    FirstName,
    LastName,
    Gender,
    BirthDate,
    Address,
    Zip,
    City,
    Email,
    Mobile,
    Phone,
    Language,
    Source,
    SubSource,
    Note,
    Status,
    NextAction,
    NextActionDue,
    Tags,
    /// Tags the vendor adds beside Frontdesk's own: the ones that start
    /// with this prefix are the vendor's (each read replaces them), the
    /// rest the person's (kept).
    VendorTags(&'static str),
}

/// `into` with the fields in `owned` taken from `from`.
pub fn merge(into: &ProspectInput, from: &ProspectInput, owned: &[Field]) -> ProspectInput {
    let mut out = into.clone();
    for f in owned {
        match f {
            Field::FirstName => out.first_name = from.first_name.clone(),
            Field::LastName => out.last_name = from.last_name.clone(),
            Field::Gender => out.gender = from.gender,
            Field::BirthDate => out.birth_date = from.birth_date.clone(),
            Field::Address => out.address = from.address.clone(),
            Field::Zip => out.zip = from.zip.clone(),
            Field::City => out.city = from.city.clone(),
            Field::Email => out.email = from.email.clone(),
            Field::Mobile => out.mobile = from.mobile.clone(),
            Field::Phone => out.phone = from.phone.clone(),
            Field::Language => out.language = from.language.clone(),
            Field::Source => out.source = from.source.clone(),
            Field::SubSource => out.sub_source = from.sub_source.clone(),
            Field::Note => out.note = from.note.clone(),
            Field::Status => out.status = from.status.clone(),
            Field::NextAction => out.next_action = from.next_action.clone(),
            Field::NextActionDue => out.next_action_due = from.next_action_due.clone(),
            Field::Tags => out.tags = from.tags.clone(),
            Field::VendorTags(prefix) => {
                let mut tags: Vec<String> = out
                    .tags
                    .iter()
                    .filter(|t| !t.starts_with(prefix))
                    .chain(from.tags.iter().filter(|t| t.starts_with(prefix)))
                    .cloned()
                    .collect();
                tags.sort();
                tags.dedup();
                out.tags = tags;
            }
        }
    }
    out
}

/// A mirrored record's place: Frontdesk's id, the vendor's, what the
/// vendor's own fields were, and its digest as last seen.
#[derive(Debug, Clone)]
pub struct Mirrored {
    pub id: i64,
    pub remote_id: String,
    pub extra: Map<String, Value>,
    pub hash: Option<String>,
}

/// Keys of `extra` that are Frontdesk's own bookkeeping (what it last sent
/// a vendor that never reads it back), not the vendor's: they start with
/// `_`, survive every sync, and are not part of the digest.
pub fn is_own_key(key: &str) -> bool {
    key.starts_with('_')
}

/// The digest a sync compares: the vendor's fields and its own extra.
/// Computed for every record a sync reads, so the vendor's fields are
/// serialized where they lie (no copy of the record) and the hex written
/// by hand (a `format!` per byte was a fifth of its cost).
pub fn digest(fields: &ProspectInput, owned: &[Field], extra: &Map<String, Value>) -> String {
    let kept = merge(&ProspectInput::default(), fields, owned);
    let text = serde_json::to_string(&(kept, Vendors(extra))).unwrap_or_default();
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(64);
    for b in Sha256::digest(text.as_bytes()) {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    hex
}

/// The vendor's own keys of `extra` (not Frontdesk's, [`is_own_key`]),
/// serialized as the map they are part of.
struct Vendors<'a>(&'a Map<String, Value>);

impl serde::Serialize for Vendors<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().filter(|(k, _)| !is_own_key(k)))
    }
}

type MirrorRow = (i64, String, String, Option<String>);

fn mirrored((id, remote_id, extra, hash): MirrorRow) -> Mirrored {
    Mirrored {
        id,
        remote_id,
        extra: serde_json::from_str(&extra).unwrap_or_default(),
        hash,
    }
}

/// The vendor's record behind Frontdesk's `id`, if it is one of `vendor`'s.
pub async fn by_id(
    db: &mut SqliteConnection,
    vendor: &str,
    id: i64,
) -> sqlx::Result<Option<Mirrored>> {
    let row: Option<MirrorRow> = sqlx::query_as(
        "SELECT id, remote_id, extra, remote_hash FROM prospects \
         WHERE id = ? AND vendor = ? AND deleted_at IS NULL",
    )
    .bind(id)
    .bind(vendor)
    .fetch_optional(db)
    .await?;
    Ok(row.map(mirrored))
}

pub async fn by_remote(
    db: &mut SqliteConnection,
    vendor: &str,
    remote_id: &str,
) -> sqlx::Result<Option<Mirrored>> {
    let row: Option<MirrorRow> = sqlx::query_as(
        "SELECT id, remote_id, extra, remote_hash FROM prospects WHERE vendor = ? AND remote_id = ?",
    )
    .bind(vendor)
    .bind(remote_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(mirrored))
}

/// What `put` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    Inserted(i64),
    Updated(i64),
    Unchanged(i64),
}

impl Put {
    pub fn id(self) -> i64 {
        match self {
            Self::Inserted(id) | Self::Updated(id) | Self::Unchanged(id) => id,
        }
    }
}

/// Writes the vendor's record into the mirror: the fields in `owned` from
/// the vendor, the rest as Frontdesk has them (or from `local` when given:
/// what the person typed, on a save). A record whose digest did not move
/// is not written at all, so a sync that finds nothing new changes
/// nothing. A record deleted in Frontdesk's trash comes back when the
/// vendor still has it.
pub async fn put(
    db: &mut SqliteConnection,
    vendor: &str,
    record: &RemoteProspect,
    owned: &[Field],
    local: Option<&ProspectInput>,
    seen_at: &str,
) -> sqlx::Result<Put> {
    let (remote_id, fields, extra) = (&record.remote_id, &record.fields, &record.extra);
    let hash = digest(fields, owned, extra);
    let existing: Option<(i64, Option<String>, bool, String)> = sqlx::query_as(
        "SELECT id, remote_hash, deleted_at IS NOT NULL, extra FROM prospects WHERE vendor = ? AND remote_id = ?",
    )
    .bind(vendor)
    .bind(remote_id)
    .fetch_optional(&mut *db)
    .await?;
    // Frontdesk's own keys stay unless this write brings new values.
    let mut extra = extra.clone();
    if let Some((.., stored)) = &existing {
        let stored: Map<String, Value> = serde_json::from_str(stored).unwrap_or_default();
        for (k, v) in stored.into_iter().filter(|(k, _)| is_own_key(k)) {
            extra.entry(k).or_insert(v);
        }
    }
    let extra_text = serde_json::to_string(&extra).unwrap_or_else(|_| "{}".to_owned());
    match existing {
        Some((id, Some(old), false, _)) if old == hash && local.is_none() => Ok(Put::Unchanged(id)),
        Some((id, ..)) => {
            sqlx::query(
                "UPDATE prospects SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL",
            )
            .bind(id)
            .execute(&mut *db)
            .await?;
            let current = prospects::get(db, id).await?;
            let base = local
                .cloned()
                .or_else(|| current.map(|p| p.fields))
                .unwrap_or_default();
            let merged = merge(&base, fields, owned);
            prospects::update(db, id, &merged).await?;
            sqlx::query(
                "UPDATE prospects SET extra = ?, remote_hash = ?, seen_at = ? WHERE id = ?",
            )
            .bind(&extra_text)
            .bind(&hash)
            .bind(seen_at)
            .bind(id)
            .execute(&mut *db)
            .await?;
            Ok(Put::Updated(id))
        }
        None => {
            let base = local.cloned().unwrap_or_default();
            let merged = merge(&base, fields, owned);
            let id = prospects::create(db, &merged).await?;
            sqlx::query(
                "UPDATE prospects SET vendor = ?, remote_id = ?, extra = ?, remote_hash = ?, seen_at = ? \
                 WHERE id = ?",
            )
            .bind(vendor)
            .bind(remote_id)
            .bind(&extra_text)
            .bind(&hash)
            .bind(seen_at)
            .bind(id)
            .execute(&mut *db)
            .await?;
            Ok(Put::Inserted(id))
        }
    }
}

/// What the mirror holds of a vendor: remote id → (id, digest, in the
/// trash). One read per sync page instead of one per record.
pub async fn known(
    db: &mut SqliteConnection,
    vendor: &str,
) -> sqlx::Result<std::collections::HashMap<String, (i64, Option<String>, bool)>> {
    let rows: Vec<(String, i64, Option<String>, bool)> = sqlx::query_as(
        "SELECT remote_id, id, remote_hash, deleted_at IS NOT NULL FROM prospects WHERE vendor = ?",
    )
    .bind(vendor)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(remote, id, hash, deleted)| (remote, (id, hash, deleted)))
        .collect())
}

/// A record new to the mirror, with its digest (the sync has it already,
/// from comparing it with what the mirror holds).
pub struct New<'a> {
    pub record: &'a RemoteProspect,
    pub digest: String,
}

/// Rows per INSERT: each binds 25 values, and SQLite takes at most 32,766
/// in one statement.
const ROWS_PER_INSERT: usize = 500;

/// Inserts records new to the mirror, many rows a statement (a multi-row
/// `VALUES` of bound values): a first sync of 10,000 prospects one INSERT
/// at a time spent most of its time handing statements to SQLite. (The
/// rows as one JSON text read back with `json_each` cost more: each of a
/// row's 23 `->>` parsed the row's JSON again, over half of a first
/// sync's instructions.) The fields the vendor does not keep start as a
/// new prospect's.
pub async fn insert_new(
    db: &mut SqliteConnection,
    vendor: &str,
    records: &[New<'_>],
    owned: &[Field],
    seen_at: &str,
) -> sqlx::Result<u64> {
    let base = ProspectInput::default();
    let mut inserted = 0;
    for group in records.chunks(ROWS_PER_INSERT) {
        let rows: Vec<(&New, ProspectInput, String)> = group
            .iter()
            .map(|n| {
                let fields = merge(&base, &n.record.fields, owned);
                let extra = serde_json::to_string(&n.record.extra).unwrap_or_else(|_| "{}".into());
                (n, fields, extra)
            })
            .collect();
        let mut insert = sqlx::QueryBuilder::<sqlx::Sqlite>::new(format!(
            "INSERT INTO prospects ({}, created_at, updated_at, vendor, remote_id, extra, remote_hash, seen_at) ",
            prospects::EDITABLE
        ));
        insert.push_values(&rows, |mut row, (n, fields, extra)| {
            prospects::push_fields(&mut row, fields);
            row.push_bind(seen_at)
                .push_bind(seen_at)
                .push_bind(vendor)
                .push_bind(n.record.remote_id.as_str())
                .push_bind(extra.as_str())
                .push_bind(n.digest.as_str())
                .push_bind(seen_at);
        });
        insert.push(" ON CONFLICT (vendor, remote_id) WHERE vendor IS NOT NULL DO NOTHING");
        inserted += insert.build().execute(&mut *db).await?.rows_affected();
    }
    if owned
        .iter()
        .any(|f| matches!(f, Field::Tags | Field::VendorTags(_)))
    {
        let tagged: Vec<(&str, &[String])> = records
            .iter()
            .filter(|n| !n.record.fields.tags.is_empty())
            .map(|n| (n.record.remote_id.as_str(), n.record.fields.tags.as_slice()))
            .collect();
        replace_tags(db, vendor, &tagged).await?;
    }
    Ok(inserted)
}

/// Tags live in their own table: each record's are replaced by the ones
/// given, for all records in two statements (the ids found by the vendor's
/// ids, handed over as JSON: the ids, then `[id, tag]` pairs). One record
/// at a time, a first sync of Cirrus's 10,000 leads (each tagged with its
/// kind and owner) sent some 40,000 statements, each a round trip to
/// SQLite's thread. `CROSS JOIN` keeps the given records the outer loop,
/// each prospect found by `prospects_remote`: left to itself, the planner
/// walked every one of the vendor's prospects for each batch and looked
/// each up in the JSON.
async fn replace_tags(
    db: &mut SqliteConnection,
    vendor: &str,
    tagged: &[(&str, &[String])],
) -> sqlx::Result<()> {
    if tagged.is_empty() {
        return Ok(());
    }
    let ids: Vec<&str> = tagged.iter().map(|(id, _)| *id).collect();
    let pairs: Vec<(&str, &str)> = tagged
        .iter()
        .flat_map(|(id, tags)| tags.iter().map(move |t| (*id, t.trim())))
        .collect();
    sqlx::query(
        "DELETE FROM prospect_tags WHERE prospect_id IN (SELECT p.id FROM json_each(?2) j \
         CROSS JOIN prospects p ON p.vendor = ?1 AND p.remote_id = j.value)",
    )
    .bind(vendor)
    .bind(serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into()))
    .execute(&mut *db)
    .await?;
    sqlx::query(
        "INSERT OR IGNORE INTO prospect_tags (prospect_id, tag) SELECT p.id, j.value ->> 1 \
         FROM json_each(?2) j CROSS JOIN prospects p ON p.vendor = ?1 AND p.remote_id = j.value ->> 0",
    )
    .bind(vendor)
    .bind(serde_json::to_string(&pairs).unwrap_or_else(|_| "[]".into()))
    .execute(&mut *db)
    .await?;
    Ok(())
}

/// The mirrored prospect as the API shows it.
pub async fn prospect(db: &mut SqliteConnection, id: i64) -> sqlx::Result<Option<Prospect>> {
    prospects::get(db, id).await
}

/// Gone at the vendor: into Frontdesk's trash (kept 30 days, like any
/// deleted prospect).
pub async fn remove(
    db: &mut SqliteConnection,
    vendor: &str,
    remote_id: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE prospects SET deleted_at = ? WHERE vendor = ? AND remote_id = ? AND deleted_at IS NULL",
    )
    .bind(super::now_rfc3339())
    .bind(vendor)
    .bind(remote_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The sync's bookkeeping of which vendor ids a run has seen.
pub mod seen {
    use sqlx::SqliteConnection;

    pub async fn clear(db: &mut SqliteConnection, connector: &str) -> sqlx::Result<()> {
        sqlx::query("DELETE FROM sync_seen WHERE connector = ?")
            .bind(connector)
            .execute(db)
            .await?;
        Ok(())
    }

    /// Records `remote_ids` as seen by the run, in one statement.
    pub async fn add(
        db: &mut SqliteConnection,
        connector: &str,
        remote_ids: &[&str],
    ) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT OR IGNORE INTO sync_seen (connector, remote_id) SELECT ?, value FROM json_each(?)",
        )
        .bind(connector)
        .bind(serde_json::to_string(remote_ids).unwrap_or_else(|_| "[]".into()))
        .execute(db)
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digests the mirror already holds were written by the first
    /// form of `digest` (copies of the fields, a `format!` per byte): the
    /// faster one must give the same text, or every record would look
    /// changed to the next sync.
    #[test]
    fn the_digest_is_the_one_the_mirror_already_holds() {
        let fields = ProspectInput {
            first_name: "Ann".into(),
            last_name: "Peeters".into(),
            note: "not the vendor's".into(),
            tags: vec!["Cirrus lead".into(), "vip".into()],
            ..ProspectInput::default()
        };
        let extra: Map<String, Value> = serde_json::from_str(
            r#"{"value": 1200, "_sent_note": "ours", "source": {"id": 2, "name": "Web \"site\""}, "z": null}"#,
        )
        .unwrap();
        let owned = [
            Field::FirstName,
            Field::LastName,
            Field::VendorTags("Cirrus "),
        ];
        let first_form = {
            let kept = merge(&ProspectInput::default(), &fields, &owned);
            let vendors: Map<String, Value> = extra
                .iter()
                .filter(|(k, _)| !is_own_key(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let text = serde_json::to_string(&(kept, vendors)).unwrap();
            Sha256::digest(text.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        };
        assert_eq!(digest(&fields, &owned, &extra), first_form);
        let mut other = extra.clone();
        other.insert("value".into(), Value::from(1300));
        assert_ne!(digest(&fields, &owned, &other), first_form);
        other = extra.clone();
        other.insert("_sent_note".into(), Value::from("changed"));
        assert_eq!(
            digest(&fields, &owned, &other),
            first_form,
            "Frontdesk's own keys are not the vendor's"
        );
    }

    #[test]
    fn a_vendors_tags_are_replaced_and_the_persons_kept() {
        let tags = |t: &[&str]| ProspectInput {
            tags: t.iter().map(|s| (*s).to_owned()).collect(),
            ..ProspectInput::default()
        };
        let ours = tags(&["Cirrus user: Ann", "trial", "vip"]);
        let theirs = tags(&["Cirrus account", "Cirrus user: Bob"]);
        let merged = merge(&ours, &theirs, &[Field::VendorTags("Cirrus ")]);
        assert_eq!(
            merged.tags,
            vec!["Cirrus account", "Cirrus user: Bob", "trial", "vip"]
        );
    }
}
