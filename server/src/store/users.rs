//! Staff users and their argon2 password hashes.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use argon2::password_hash::{Output, PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use frontdesk_core::model::StaffUser;
use frontdesk_core::roles::Role;
use sqlx::SqlitePool;
use tokio::sync::Semaphore;

pub use frontdesk_core::validate::MIN_PASSWORD_LEN;

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
    #[error("no such staff user")]
    NotFound,
    /// The change would leave the club without an active owner.
    #[error("the club's last owner cannot be deactivated or given another role")]
    LastOwner,
}

pub async fn create(
    db: &SqlitePool,
    email: &str,
    name: &str,
    role: Role,
    password: &str,
) -> Result<StaffUser, UserError> {
    let email = email.trim().to_lowercase();
    frontdesk_core::validate::email(&email).map_err(UserError::Email)?;
    frontdesk_core::validate::password(password).map_err(|_| UserError::WeakPassword)?;
    let hash = hash_password(password.to_owned()).await?;
    let name = if name.trim().is_empty() {
        email.split('@').next().unwrap_or_default().to_owned()
    } else {
        name.trim().to_owned()
    };
    let result = sqlx::query(
        "INSERT INTO staff_users (email, name, password_hash, created_at, role) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(&email)
    .bind(&name)
    .bind(&hash)
    .bind(super::now_rfc3339())
    .bind(role.as_str())
    .execute(db)
    .await;
    match result {
        Ok(done) => Ok(StaffUser {
            id: done.last_insert_rowid(),
            email,
            name,
            role,
            active: true,
        }),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(UserError::Exists),
        Err(e) => Err(e.into()),
    }
}

/// Checks a login. Always runs one argon2 verification, also for an unknown
/// email or a deactivated account, so response times do not tell which
/// addresses have (working) accounts.
///
/// Takes the `CheckPermit` the check runs under: the permit moves into the
/// blocking task with the check, so a client that hangs up does not free
/// its place while its check still runs.
pub async fn authenticate(
    db: &SqlitePool,
    permit: CheckPermit,
    email: &str,
    password: &str,
) -> Result<Option<StaffUser>, UserError> {
    let row: Option<(i64, String, String, String, bool, String)> = sqlx::query_as(&format!(
        "SELECT {COLUMNS}, password_hash FROM staff_users WHERE email = ?"
    ))
    .bind(email.trim())
    .fetch_optional(db)
    .await?;
    let row =
        row.map(|(id, email, name, role, active, hash)| ((id, email, name, role, active), hash));
    let (user, hash) = match row {
        Some((row, hash)) => (Some(user_of(row)).filter(|u| u.active), hash),
        None => (None, dummy_hash().to_owned()),
    };
    // A deactivated account's password is still checked (the same time
    // as any other), then refused: `user` is `None`.
    let password = password.to_owned();
    let ok = tokio::task::spawn_blocking(move || permit.check(password.as_bytes(), &hash))
        .await
        .map_err(|_| UserError::Hash)?;
    Ok(if ok { user } else { None })
}

/// How long a sign-in waits for its turn at the password check before it
/// is answered 503: a short queue absorbs a burst, a flood is refused fast.
pub const CHECK_QUEUE_WAIT: Duration = Duration::from_secs(2);

/// Bounds the argon2 checks that run at once. Each takes about 19 MiB and
/// a core for some 50 ms, so unbounded, a flood of sign-ins takes the
/// server's memory (issue #17: 120 at once took 2.3 GB). The general lane
/// has one place per core; one more place is kept for browsers that have
/// signed in to the account before (a device cookie), so a flood of
/// strangers does not keep the staff out. A place is waited for at most
/// `CHECK_QUEUE_WAIT`.
///
/// The checks' working memory is pooled: taken for a check, put back after
/// it, so a burst reuses the same few blocks. When the last check of a
/// burst ends, the blocks are freed and the allocator is asked to hand free
/// memory back to the system (glibc keeps freed memory in its arenas
/// otherwise: measured, the server stayed gigabytes larger after a flood).
pub struct PasswordChecks(Arc<Shared>);

struct Shared {
    general: Semaphore,
    known_device: Semaphore,
    capacity: usize,
    ran: AtomicU64,
    memory: Mutex<Vec<Vec<Block>>>,
}

/// Which lane a permit came from, so it is given back to the same one.
#[derive(Clone, Copy)]
enum Lane {
    General,
    KnownDevice,
}

/// One place at the password check; given back when dropped.
pub struct CheckPermit {
    shared: Arc<Shared>,
    lane: Lane,
}

impl Default for PasswordChecks {
    /// One general place per core the process may use.
    fn default() -> Self {
        Self::with_capacity(std::thread::available_parallelism().map_or(1, usize::from))
    }
}

impl PasswordChecks {
    pub fn with_capacity(capacity: usize) -> Self {
        let capacity = capacity.max(1);
        Self(Arc::new(Shared {
            general: Semaphore::new(capacity),
            known_device: Semaphore::new(1),
            capacity,
            ran: AtomicU64::new(0),
            memory: Mutex::new(Vec::new()),
        }))
    }

    /// How many checks may run at once for browsers not known to the account.
    pub fn capacity(&self) -> usize {
        self.0.capacity
    }

    /// How many password checks have run since the start.
    pub fn ran(&self) -> u64 {
        self.0.ran.load(Ordering::Relaxed)
    }

    /// Waits (`CHECK_QUEUE_WAIT` at most, first come first served) for a
    /// place at the check; `None` when none came free in time. A browser
    /// the account signed in from before (`known_device`) may also take
    /// the place kept for such browsers.
    pub async fn permit(&self, known_device: bool) -> Option<CheckPermit> {
        let shared = &self.0;
        let wait = async {
            if known_device {
                tokio::select! {
                    biased;
                    p = shared.general.acquire() => (p, Lane::General),
                    p = shared.known_device.acquire() => (p, Lane::KnownDevice),
                }
            } else {
                (shared.general.acquire().await, Lane::General)
            }
        };
        let (permit, lane) = tokio::time::timeout(CHECK_QUEUE_WAIT, wait).await.ok()?;
        // Given back by `CheckPermit`'s drop, which the blocking task owns.
        permit.ok()?.forget();
        Some(CheckPermit {
            shared: shared.clone(),
            lane,
        })
    }
}

impl Shared {
    fn semaphore(&self, lane: Lane) -> &Semaphore {
        match lane {
            Lane::General => &self.general,
            Lane::KnownDevice => &self.known_device,
        }
    }

    /// No check runs and none waits (a waiter takes a place the moment it
    /// is given back, so all places free means nobody is waiting).
    fn idle(&self) -> bool {
        self.general.available_permits() == self.capacity
            && self.known_device.available_permits() == 1
    }

    fn pool(&self) -> std::sync::MutexGuard<'_, Vec<Vec<Block>>> {
        self.memory.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for CheckPermit {
    fn drop(&mut self) {
        self.shared.semaphore(self.lane).add_permits(1);
    }
}

impl CheckPermit {
    /// Runs the check (blocking: call it on a blocking thread) and gives the
    /// place back; the last check of a burst gives the memory back too.
    fn check(self, password: &[u8], hash: &str) -> bool {
        let shared = self.shared.clone();
        let mut memory = shared.pool().pop().unwrap_or_default();
        let ok = verify(password, hash, &mut memory);
        shared.ran.fetch_add(1, Ordering::Relaxed);
        shared.pool().push(memory);
        drop(self);
        if shared.idle() {
            let freed = std::mem::take(&mut *shared.pool());
            if !freed.is_empty() {
                drop(freed);
                give_free_memory_back();
            }
        }
        ok
    }
}

/// `PasswordVerifier::verify_password`, but in `memory` (grown as the
/// hash's parameters need) instead of a fresh allocation per check.
fn verify(password: &[u8], hash: &str, memory: &mut Vec<Block>) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else {
        return false;
    };
    let Ok(version) = parsed
        .version
        .map_or(Ok(Version::default()), Version::try_from)
    else {
        return false;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let mut salt_buf = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buf) else {
        return false;
    };
    if memory.len() < params.block_count() {
        memory.resize(params.block_count(), Block::default());
    }
    let argon2 = Argon2::new(algorithm, version, params);
    let computed = Output::init_with(expected.len(), |out| {
        argon2
            .hash_password_into_with_memory(password, salt, out, &mut memory[..])
            .map_err(|_| argon2::password_hash::Error::Password)
    });
    // `Output`'s equality is constant-time.
    computed.is_ok_and(|c| c == expected)
}

/// Asks the allocator to return free memory to the system. glibc keeps
/// what was freed in its arenas (one per thread that allocated, up to
/// eight per core) unless told to trim.
fn give_free_memory_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointers; it only releases pages the
    // allocator holds free, and is safe to call from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The columns `user_of` reads, in its order.
pub const COLUMNS: &str = "id, email, name, role, active";
pub type Row = (i64, String, String, String, bool);

/// A row of `COLUMNS` as the app sees it. A role the database holds is one
/// the migration's CHECK allowed; anything else would be a desk account,
/// the least trusted, never more.
pub fn user_of((id, email, name, role, active): Row) -> StaffUser {
    StaffUser {
        id,
        email,
        name,
        role: Role::parse(&role).unwrap_or(Role::Desk),
        active,
    }
}

/// Every account, active or not, by name.
pub async fn list(db: &SqlitePool) -> Result<Vec<StaffUser>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM staff_users ORDER BY name COLLATE NOCASE, id"
    ))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(user_of).collect())
}

pub async fn get(db: &SqlitePool, id: i64) -> Result<Option<StaffUser>, sqlx::Error> {
    let row: Option<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM staff_users WHERE id = ?"))
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(user_of))
}

/// Gives `id` another role and/or (de)activates it, in one transaction
/// that refuses to leave the club without an active owner. Deactivating
/// ends the account's sessions in the same transaction.
pub async fn change(
    db: &SqlitePool,
    id: i64,
    role: Option<Role>,
    active: Option<bool>,
) -> Result<StaffUser, UserError> {
    let mut tx = super::begin_write(db).await?;
    let row: Option<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM staff_users WHERE id = ?"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let mut user = user_of(row.ok_or(UserError::NotFound)?);
    let was_owner = user.active && user.role == Role::Owner;
    if let Some(role) = role {
        user.role = role;
    }
    if let Some(active) = active {
        user.active = active;
    }
    if was_owner && !(user.active && user.role == Role::Owner) {
        let others: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM staff_users WHERE role = 'owner' AND active = 1 AND id != ?",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if others == 0 {
            return Err(UserError::LastOwner);
        }
    }
    sqlx::query("UPDATE staff_users SET role = ?, active = ? WHERE id = ?")
        .bind(user.role.as_str())
        .bind(user.active)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if !user.active {
        sqlx::query("DELETE FROM sessions WHERE user_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(user)
}

/// Sets `id`'s password (checked for length here, as at creation).
pub async fn set_password(db: &SqlitePool, id: i64, password: &str) -> Result<(), UserError> {
    frontdesk_core::validate::password(password).map_err(|_| UserError::WeakPassword)?;
    let hash = hash_password(password.to_owned()).await?;
    let done = sqlx::query("UPDATE staff_users SET password_hash = ? WHERE id = ?")
        .bind(hash)
        .bind(id)
        .execute(db)
        .await?;
    if done.rows_affected() == 0 {
        return Err(UserError::NotFound);
    }
    Ok(())
}

pub(crate) async fn hash_password(password: String) -> Result<String, UserError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::PasswordVerifier;

    #[test]
    fn pooled_memory_checks_as_argon2_does() {
        let salt = SaltString::encode_b64(b"0123456789abcdef").unwrap();
        let small = Params::new(64, 1, 1, None).unwrap();
        let hashes = [
            Argon2::default()
                .hash_password(b"right password", &salt)
                .unwrap()
                .to_string(),
            Argon2::new(Algorithm::Argon2i, Version::V0x10, small)
                .hash_password(b"right password", &salt)
                .unwrap()
                .to_string(),
        ];
        // The same, already used memory for every check, as the pool hands it out.
        let mut memory = Vec::new();
        for hash in &hashes {
            let parsed = PasswordHash::new(hash).unwrap();
            for password in [&b"right password"[..], b"wrong password", b""] {
                let expected = Argon2::default().verify_password(password, &parsed).is_ok();
                assert_eq!(verify(password, hash, &mut memory), expected);
            }
            assert!(verify(b"right password", hash, &mut memory));
        }
        assert!(!verify(b"right password", "not a hash", &mut memory));
    }

    #[tokio::test]
    async fn places_are_bounded_and_given_back() {
        let checks = PasswordChecks::with_capacity(2);
        let a = checks.permit(false).await.unwrap();
        let _b = checks.permit(false).await.unwrap();
        // The general lane is full; a known browser still has its place.
        let known = checks.permit(true).await.unwrap();
        assert!(matches!(known.lane, Lane::KnownDevice));
        drop(a);
        assert!(checks.permit(false).await.is_some());
        drop(known);
    }
}
