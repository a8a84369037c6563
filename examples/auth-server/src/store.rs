//! Everything the server keeps: users, signing keys, refresh tokens and failed logins, behind
//! one small interface, implemented once (`store/sql.rs`) on an embedded SQLite or a
//! PostgreSQL database (`store/sqlite.rs`, `store/postgres.rs`: connecting and migrating).
//!
//! Times are whole seconds since the Unix epoch, decided by the caller, so every backend and
//! every instance counts them the same way.

mod postgres;
mod sql;
mod sqlite;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use sql::SqlStore;

/// What a store method returns: a boxed future, so that the store can sit behind `dyn Store`.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// The server's persistent state. Every method is one atomic step, so that several instances
/// on one database behave as one server.
pub trait Store: Send + Sync {
    /// Adds a user; [`StoreError::Conflict`] if the email is taken.
    fn create_user<'a>(&'a self, user: &'a NewUser) -> StoreFuture<'a, ()>;

    /// The user with this (normalised) email, with the password hash.
    fn credentials<'a>(&'a self, email: &'a str) -> StoreFuture<'a, Option<Credentials>>;

    /// The user with this id.
    fn user<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Option<User>>;

    /// Every user, oldest first.
    fn users(&self) -> StoreFuture<'_, Vec<User>>;

    /// Gives the user with this email `role`; false if there is no such user.
    fn set_role<'a>(&'a self, email: &'a str, role: &'a str) -> StoreFuture<'a, bool>;

    /// The signing keys that still verify at `now`, oldest first; the last one signs.
    fn signing_keys(&self, now: i64) -> StoreFuture<'_, Vec<StoredKey>>;

    /// Stores the first signing key, unless another instance stored one first.
    fn insert_first_key<'a>(&'a self, key: &'a StoredKey, now: i64) -> StoreFuture<'a, ()>;

    /// Makes `key` the signing key: the current one keeps verifying until `retire_at`, and
    /// keys retired before `now` are deleted.
    fn rotate_key<'a>(
        &'a self,
        key: &'a StoredKey,
        now: i64,
        retire_at: i64,
    ) -> StoreFuture<'a, ()>;

    /// Stores a new refresh token (the first of a family at login).
    fn insert_refresh_token<'a>(&'a self, token: &'a NewRefreshToken) -> StoreFuture<'a, ()>;

    /// Spends the active, unexpired refresh token `presented` and stores `next` in its family
    /// for its user. Presenting a spent token again revokes its whole family.
    fn rotate_refresh_token<'a>(
        &'a self,
        presented: &'a TokenHash,
        next: &'a TokenHash,
        expires_at: i64,
        now: i64,
    ) -> StoreFuture<'a, Rotation>;

    /// Revokes every token of the family `presented` belongs to (nothing if it is unknown).
    fn revoke_family<'a>(&'a self, presented: &'a TokenHash) -> StoreFuture<'a, ()>;

    /// Counts a login attempt for `email` and decides whether it may go ahead: at most
    /// `limit` attempts not cleared by a success within `window` seconds before `now`. A
    /// refused attempt is not counted.
    fn login_attempt<'a>(
        &'a self,
        email: &'a str,
        now: i64,
        window: i64,
        limit: i64,
    ) -> StoreFuture<'a, Attempt>;

    /// Forgets the counted attempts for `email` (after a successful login).
    fn clear_login_attempts<'a>(&'a self, email: &'a str) -> StoreFuture<'a, ()>;

    /// Deletes what can no longer matter at `now`: refresh tokens past their expiry (a spent
    /// one replayed after it would have expired anyway is refused as unknown) and login
    /// attempts older than `window` seconds.
    fn purge(&self, now: i64, window: i64) -> StoreFuture<'_, ()>;
}

/// A user as the API shows it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct User {
    /// Random and opaque; the access token's `sub`.
    pub id: String,
    /// Normalised: trimmed and lower-cased.
    pub email: String,
    /// `user` unless changed with `auth-server users set-role`.
    pub role: String,
}

/// A user to create.
#[derive(Debug)]
pub struct NewUser {
    /// The user's fields.
    pub user: User,
    /// The Argon2id PHC string.
    pub password_hash: String,
    /// When the user registered.
    pub created_at: i64,
}

/// A user with the password hash, for login.
#[derive(Debug)]
pub struct Credentials {
    /// The user's fields.
    pub user: User,
    /// The Argon2id PHC string.
    pub password_hash: String,
}

/// A signing key as stored: its private JWK, which never leaves the store but to sign.
pub struct StoredKey {
    /// The key id (its RFC 7638 thumbprint).
    pub kid: String,
    /// The JWS algorithm name.
    pub algorithm: String,
    /// The JWK with the private members.
    pub private_jwk: zeroize::Zeroizing<String>,
}

impl fmt::Debug for StoredKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoredKey")
            .field("kid", &self.kid)
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

/// The SHA-256 of a refresh token: all the store ever sees of it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TokenHash(pub [u8; 32]);

impl fmt::Debug for TokenHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenHash(..)")
    }
}

/// A refresh token to store.
#[derive(Debug)]
pub struct NewRefreshToken {
    /// The token's hash.
    pub hash: TokenHash,
    /// Whose session it continues.
    pub user_id: String,
    /// The login it descends from; revoked as a whole on reuse or logout.
    pub family_id: String,
    /// When it was issued.
    pub created_at: i64,
    /// When it stops working.
    pub expires_at: i64,
}

/// What presenting a refresh token did.
#[derive(Debug, PartialEq, Eq)]
pub enum Rotation {
    /// It was active: it is spent now, and the new one belongs to this user.
    Rotated {
        /// The user of the family.
        user_id: String,
    },
    /// It had been spent already: someone replayed it, so its family is revoked.
    Reused,
    /// Unknown, expired or revoked.
    Invalid,
}

/// The throttle's verdict on a login attempt.
#[derive(Debug, PartialEq, Eq)]
pub enum Attempt {
    /// Go ahead (the attempt is counted until a success clears it).
    Allowed,
    /// Too many recent attempts: the next one may go ahead in this many seconds.
    Throttled {
        /// Seconds until the oldest counted attempt leaves the window.
        retry_after: i64,
    },
}

/// A store failure.
#[derive(Debug)]
pub enum StoreError {
    /// A unique value (an email) is taken.
    Conflict,
    /// The database failed or is unreachable.
    Database(sqlx::Error),
    /// The database schema could not be brought up to date.
    Migration(sqlx::migrate::MigrateError),
    /// A `--database` URL that is neither `sqlite:` nor `postgres://`.
    UnsupportedUrl,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Conflict => f.write_str("the value is taken"),
            Self::Database(err) => write!(f, "database error: {err}"),
            Self::Migration(err) => write!(f, "database migration failed: {err}"),
            Self::UnsupportedUrl => {
                f.write_str("the database URL must start with sqlite: or postgres://")
            }
        }
    }
}

impl std::error::Error for StoreError {}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => Self::Conflict,
            _ => Self::Database(err),
        }
    }
}

/// Opens (creating and migrating as needed) the store `url` names: `sqlite:PATH` or
/// `postgres://...`.
pub async fn open(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(SqlStore::new(postgres::connect(url).await?)))
    } else if url.starts_with("sqlite:") {
        Ok(Arc::new(SqlStore::new(sqlite::connect(url).await?)))
    } else {
        Err(StoreError::UnsupportedUrl)
    }
}

/// The migrations of one backend, from the files in `migrations/<backend>/`.
fn migrator(files: &[(i64, &'static str, &'static str)]) -> sqlx::migrate::Migrator {
    use sqlx::SqlSafeStr;
    use sqlx::migrate::{Migration, MigrationType, Migrator};
    Migrator::with_migrations(
        files
            .iter()
            .map(|&(version, description, sql)| {
                Migration::new(
                    version,
                    description.into(),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}
