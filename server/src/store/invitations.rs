//! Invitation links for staff (`staff_invitations`): only each token's
//! SHA-256 is stored, as for sessions, so a copy of the database opens no
//! link. A link works once, until it expires; the account is made when it
//! is used, with the password the person chose.

use chrono::{Duration, SecondsFormat, Utc};
use frontdesk_core::invitation::{self, OpenInvitation, Standing, VALID_DAYS};
use frontdesk_core::model::StaffUser;
use frontdesk_core::roles::Role;
use sqlx::SqlitePool;

use super::users::{self, UserError};
use crate::secrets::{hash_secret, random_token};

pub struct Created {
    /// For the link; never stored.
    pub token: String,
    pub email: String,
    pub name: String,
    pub expires_at: String,
}

/// An invitation as its link finds it.
pub struct Found {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub expires_at: String,
    pub standing: Standing,
}

#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    #[error("no invitation has this link")]
    Unknown,
    #[error("this invitation was used already")]
    Used,
    #[error("this invitation has expired")]
    Expired,
    #[error("this invitation was withdrawn")]
    Withdrawn,
    #[error(transparent)]
    User(#[from] UserError),
}

impl From<sqlx::Error> for AcceptError {
    fn from(e: sqlx::Error) -> Self {
        Self::User(UserError::Db(e))
    }
}

/// A new invitation for `email`. An address that has an account already
/// is refused (`UserError::Exists`); an earlier open invitation to the same
/// address stops working, so only the newest link counts.
pub async fn create(
    db: &SqlitePool,
    email: &str,
    name: &str,
    role: Role,
    invited_by: i64,
) -> Result<Created, UserError> {
    let email = email.trim().to_lowercase();
    frontdesk_core::validate::email(&email).map_err(UserError::Email)?;
    let name = if name.trim().is_empty() {
        email.split('@').next().unwrap_or_default().to_owned()
    } else {
        name.trim().to_owned()
    };
    let token = random_token();
    let now = Utc::now();
    let created_at = now.to_rfc3339_opts(SecondsFormat::Secs, true);
    let expires_at = (now + Duration::days(VALID_DAYS)).to_rfc3339_opts(SecondsFormat::Secs, true);
    let mut tx = super::begin_write(db).await?;
    let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff_users WHERE email = ?")
        .bind(&email)
        .fetch_one(&mut *tx)
        .await?;
    if taken > 0 {
        return Err(UserError::Exists);
    }
    sqlx::query(
        "UPDATE staff_invitations SET expires_at = ? \
         WHERE email = ? AND used_at IS NULL AND expires_at > ?",
    )
    .bind(&created_at)
    .bind(&email)
    .bind(&created_at)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO staff_invitations \
         (token_hash, email, name, role, invited_by, created_at, expires_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(hash_secret(&token))
    .bind(&email)
    .bind(&name)
    .bind(role.as_str())
    .bind(invited_by)
    .bind(&created_at)
    .bind(&expires_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Created {
        token,
        email,
        name,
        expires_at,
    })
}

/// The invitation `token` opens, and where it stands now.
pub async fn find(db: &SqlitePool, token: &str) -> sqlx::Result<Option<Found>> {
    let row: Option<(String, String, String, String, bool, bool)> = sqlx::query_as(
        "SELECT email, name, role, expires_at, used_at IS NOT NULL, withdrawn_at IS NOT NULL \
         FROM staff_invitations WHERE token_hash = ?",
    )
    .bind(hash_secret(token))
    .fetch_optional(db)
    .await?;
    let now = super::now_rfc3339();
    Ok(
        row.map(|(email, name, role, expires_at, used, withdrawn)| Found {
            standing: invitation::standing(used, withdrawn, &expires_at, &now),
            email,
            name,
            // The migration's CHECK allows only roles; anything else would be
            // the least trusted.
            role: Role::parse(&role).unwrap_or(Role::Desk),
            expires_at,
        }),
    )
}

/// Uses the link: the account is made with `password`, and the link is
/// spent, in one transaction (two tabs sending the form at once make one
/// account, the other is told the link was used).
pub async fn accept(
    db: &SqlitePool,
    token: &str,
    password: &str,
) -> Result<StaffUser, AcceptError> {
    // Checked before the password is hashed: a dead link costs no argon2.
    let found = find(db, token).await?.ok_or(AcceptError::Unknown)?;
    check(found.standing)?;
    frontdesk_core::validate::password(password).map_err(|_| UserError::WeakPassword)?;
    let hash = users::hash_password(password.to_owned()).await?;
    let mut tx = super::begin_write(db).await?;
    let now = super::now_rfc3339();
    let row: Option<(i64, String, String, String, String, bool, bool)> = sqlx::query_as(
        "SELECT id, email, name, role, expires_at, used_at IS NOT NULL, withdrawn_at IS NOT NULL \
         FROM staff_invitations WHERE token_hash = ?",
    )
    .bind(hash_secret(token))
    .fetch_optional(&mut *tx)
    .await?;
    let (id, email, name, role, expires_at, used, withdrawn) = row.ok_or(AcceptError::Unknown)?;
    check(invitation::standing(used, withdrawn, &expires_at, &now))?;
    sqlx::query("UPDATE staff_invitations SET used_at = ? WHERE id = ?")
        .bind(&now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let role = Role::parse(&role).unwrap_or(Role::Desk);
    let made = sqlx::query(
        "INSERT INTO staff_users (email, name, password_hash, created_at, role) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(&email)
    .bind(&name)
    .bind(&hash)
    .bind(&now)
    .bind(role.as_str())
    .execute(&mut *tx)
    .await;
    let user_id = match made {
        Ok(done) => done.last_insert_rowid(),
        // Someone added this address by hand meanwhile.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(UserError::Exists.into());
        }
        Err(e) => return Err(e.into()),
    };
    tx.commit().await?;
    Ok(StaffUser {
        id: user_id,
        email,
        name,
        role,
        active: true,
    })
}

/// The link's standing as the error a dead link answers with.
pub fn check(standing: Standing) -> Result<(), AcceptError> {
    match standing {
        Standing::Open => Ok(()),
        Standing::Used => Err(AcceptError::Used),
        Standing::Expired => Err(AcceptError::Expired),
        Standing::Withdrawn => Err(AcceptError::Withdrawn),
    }
}

/// id, email, name, role, who invited (by name), created, expires.
type OpenRow = (i64, String, String, String, Option<String>, String, String);

/// The invitations still open (not used, withdrawn or expired), newest
/// first.
pub async fn open(db: &SqlitePool) -> sqlx::Result<Vec<OpenInvitation>> {
    let rows: Vec<OpenRow> = sqlx::query_as(
        "SELECT i.id, i.email, i.name, i.role, u.name, i.created_at, i.expires_at \
         FROM staff_invitations i LEFT JOIN staff_users u ON u.id = i.invited_by \
         WHERE i.used_at IS NULL AND i.withdrawn_at IS NULL AND i.expires_at > ? \
         ORDER BY i.created_at DESC, i.id DESC",
    )
    .bind(super::now_rfc3339())
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, email, name, role, invited_by, created_at, expires_at)| OpenInvitation {
                id,
                email,
                name,
                role: Role::parse(&role).unwrap_or(Role::Desk),
                invited_by,
                created_at,
                expires_at,
            },
        )
        .collect())
}

/// An open invitation, for the check of who may withdraw it.
pub async fn open_one(db: &SqlitePool, id: i64) -> sqlx::Result<Option<OpenInvitation>> {
    Ok(open(db).await?.into_iter().find(|i| i.id == id))
}

/// Withdraws an open invitation: its link opens nothing from now on and
/// says it was withdrawn. `false` when it was not open (used, withdrawn or
/// expired meanwhile).
pub async fn withdraw(db: &SqlitePool, id: i64) -> sqlx::Result<bool> {
    let now = super::now_rfc3339();
    let done = sqlx::query(
        "UPDATE staff_invitations SET withdrawn_at = ? \
         WHERE id = ? AND used_at IS NULL AND withdrawn_at IS NULL AND expires_at > ?",
    )
    .bind(&now)
    .bind(id)
    .bind(&now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
