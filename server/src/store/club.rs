//! The club's settings in the `settings` table (`club_name`, `timezone`,
//! `languages`, `accent_color`, `country`), read whole and written whole.

use frontdesk_core::club::ClubSettings;
use sqlx::SqlitePool;

/// The club as stored; a key never written reads as the default (and the
/// time zone as the first agenda's, as `club_timezone` does).
pub async fn get(db: &SqlitePool) -> sqlx::Result<ClubSettings> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT key, value FROM settings \
         WHERE key IN ('club_name', 'timezone', 'languages', 'accent_color', 'country')",
    )
    .fetch_all(db)
    .await?;
    let mut club = ClubSettings::default();
    let mut zone_set = false;
    for (key, value) in rows {
        match key.as_str() {
            "club_name" => club.name = value,
            "timezone" => {
                club.time_zone = value;
                zone_set = true;
            }
            "languages" => {
                club.languages = value
                    .split(',')
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect()
            }
            "accent_color" => club.accent_color = value,
            "country" => club.country = value,
            _ => {}
        }
    }
    if !zone_set {
        let first: Option<String> =
            sqlx::query_scalar("SELECT timezone FROM agendas ORDER BY id LIMIT 1")
                .fetch_optional(db)
                .await?;
        if let Some(zone) = first {
            club.time_zone = zone;
        }
    }
    Ok(club)
}

/// Stores `club` (already checked). The club's own agendas (not a
/// vendor's: the vendor keeps its time zone) move to its time zone in the
/// same transaction; returns their ids, whose availability is now another.
pub async fn put(db: &SqlitePool, club: &ClubSettings) -> sqlx::Result<Vec<i64>> {
    let mut tx = super::begin_write(db).await?;
    let languages = club.languages.join(",");
    for (key, value) in [
        ("club_name", club.name.trim()),
        ("timezone", club.time_zone.trim()),
        ("languages", languages.as_str()),
        ("accent_color", club.accent_color.as_str()),
        ("country", club.country.as_str()),
    ] {
        sqlx::query("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)")
            .bind(key)
            .bind(value)
            .execute(&mut *tx)
            .await?;
    }
    let moved: Vec<i64> = sqlx::query_scalar(
        "UPDATE agendas SET timezone = ? WHERE vendor IS NULL AND timezone != ? RETURNING id",
    )
    .bind(club.time_zone.trim())
    .bind(club.time_zone.trim())
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(moved)
}

/// The club's country (ISO), for phone numbers: `BE` until one is set.
pub async fn country(db: &SqlitePool) -> sqlx::Result<String> {
    let value: Option<String> =
        sqlx::query_scalar("SELECT value FROM settings WHERE key = 'country'")
            .fetch_optional(db)
            .await?;
    Ok(value.unwrap_or_else(|| frontdesk_core::phone::DEFAULT_COUNTRY.to_owned()))
}
