//! Staff users and their argon2 password hashes.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use frontdesk_core::model::StaffUser;
use sqlx::SqlitePool;

/// The shortest password `user add` accepts.
pub const MIN_PASSWORD_LEN: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("a staff user with this email already exists")]
    Exists,
    #[error("email {0}")]
    Email(frontdesk_core::validate::FieldError),
    #[error("the password needs at least {MIN_PASSWORD_LEN} characters")]
    WeakPassword,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error("password hashing failed")]
    Hash,
}

pub async fn create(
    db: &SqlitePool,
    email: &str,
    name: &str,
    password: &str,
) -> Result<StaffUser, UserError> {
    let email = email.trim().to_lowercase();
    frontdesk_core::validate::email(&email).map_err(UserError::Email)?;
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(UserError::WeakPassword);
    }
    let hash = hash_password(password.to_owned()).await?;
    let name = if name.trim().is_empty() {
        email.split('@').next().unwrap_or_default().to_owned()
    } else {
        name.trim().to_owned()
    };
    let result = sqlx::query(
        "INSERT INTO staff_users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)",
    )
    .bind(&email)
    .bind(&name)
    .bind(&hash)
    .bind(super::now_rfc3339())
    .execute(db)
    .await;
    match result {
        Ok(done) => Ok(StaffUser {
            id: done.last_insert_rowid(),
            email,
            name,
        }),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(UserError::Exists),
        Err(e) => Err(e.into()),
    }
}

/// Checks a login. Always runs one argon2 verification, also for an unknown
/// email, so response times do not tell which addresses have accounts.
pub async fn authenticate(
    db: &SqlitePool,
    email: &str,
    password: &str,
) -> Result<Option<StaffUser>, UserError> {
    let row: Option<(i64, String, String, String)> =
        sqlx::query_as("SELECT id, email, name, password_hash FROM staff_users WHERE email = ?")
            .bind(email.trim())
            .fetch_optional(db)
            .await?;
    let (user, hash) = match row {
        Some((id, email, name, hash)) => (Some(StaffUser { id, email, name }), hash),
        None => (None, dummy_hash().to_owned()),
    };
    let password = password.to_owned();
    let ok = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(|_| UserError::Hash)?;
    Ok(if ok { user } else { None })
}

pub async fn list(db: &SqlitePool) -> Result<Vec<StaffUser>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, email, name FROM staff_users ORDER BY name")
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, email, name)| StaffUser { id, email, name })
        .collect())
}

async fn hash_password(password: String) -> Result<String, UserError> {
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|_| UserError::Hash)?;
        let salt = SaltString::encode_b64(&salt).map_err(|_| UserError::Hash)?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|_| UserError::Hash)
    })
    .await
    .map_err(|_| UserError::Hash)?
}

/// A valid hash of a random password, computed once, for unknown emails.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let salt = SaltString::encode_b64(b"frontdesk-dummy!").expect("16 bytes encode");
        Argon2::default()
            .hash_password(b"no account has this password", &salt)
            .expect("hashing a constant cannot fail")
            .to_string()
    })
}
