//! The [`Store`] on a SQL database: one implementation for SQLite and PostgreSQL.
//!
//! The statements are written once, in the SQL both databases share: `$N` parameters (SQLite
//! reads `$N` as the N-th argument, as PostgreSQL does), `RETURNING`, `ON CONFLICT DO
//! NOTHING`. Generic over the sqlx driver rather than on `sqlx::Any`, so that each backend
//! keeps its own connection options and every query runs on the native driver, with no
//! conversion of arguments and rows on the way.

use sqlx::{ColumnIndex, Database, Decode, Encode, Executor, IntoArguments, Pool, Type};

use super::{
    Attempt, Credentials, NewRefreshToken, NewUser, Rotation, Store, StoreFuture, StoredKey,
    TokenHash, User,
};

/// A [`Store`] in a database of the sqlx driver `DB`, migrated by whoever opened the pool.
pub struct SqlStore<DB: Database> {
    pool: Pool<DB>,
}

impl<DB: Database> SqlStore<DB> {
    /// The store on `pool`, whose schema is up to date.
    pub fn new(pool: Pool<DB>) -> Self {
        Self { pool }
    }
}

// What the statements below need of a driver (sqlx's SQLite and PostgreSQL drivers have it
// all): executing on a connection, and the column types TEXT, BLOB/BYTEA and 64-bit integers.
impl<DB> Store for SqlStore<DB>
where
    DB: Database,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    DB::Arguments: IntoArguments<DB>,
    usize: ColumnIndex<DB::Row>,
    for<'a> &'a str: Encode<'a, DB> + Type<DB>,
    for<'a> &'a [u8]: Encode<'a, DB> + Type<DB>,
    for<'a> i64: Encode<'a, DB> + Decode<'a, DB> + Type<DB>,
    for<'a> String: Decode<'a, DB> + Type<DB>,
{
    fn create_user<'a>(&'a self, new: &'a NewUser) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            sqlx::query(
                "INSERT INTO users (id, email, password_hash, role, created_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(new.user.id.as_str())
            .bind(new.user.email.as_str())
            .bind(new.password_hash.as_str())
            .bind(new.user.role.as_str())
            .bind(new.created_at)
            .execute(&self.pool)
            .await?;
            Ok(())
        })
    }

    fn credentials<'a>(&'a self, email: &'a str) -> StoreFuture<'a, Option<Credentials>> {
        Box::pin(async move {
            let row: Option<(String, String, String, String)> =
                sqlx::query_as("SELECT id, email, role, password_hash FROM users WHERE email = $1")
                    .bind(email)
                    .fetch_optional(&self.pool)
                    .await?;
            Ok(row.map(|(id, email, role, password_hash)| Credentials {
                user: User { id, email, role },
                password_hash,
            }))
        })
    }

    fn user<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Option<User>> {
        Box::pin(async move {
            let row: Option<(String, String, String)> =
                sqlx::query_as("SELECT id, email, role FROM users WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
            Ok(row.map(|(id, email, role)| User { id, email, role }))
        })
    }

    fn users(&self) -> StoreFuture<'_, Vec<User>> {
        Box::pin(async move {
            let rows: Vec<(String, String, String)> =
                sqlx::query_as("SELECT id, email, role FROM users ORDER BY created_at, id")
                    .fetch_all(&self.pool)
                    .await?;
            Ok(rows
                .into_iter()
                .map(|(id, email, role)| User { id, email, role })
                .collect())
        })
    }

    fn set_role<'a>(&'a self, email: &'a str, role: &'a str) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            // The row it returns tells whether there was such a user: each driver counts
            // affected rows in a type of its own.
            let changed: Option<(String,)> =
                sqlx::query_as("UPDATE users SET role = $1 WHERE email = $2 RETURNING id")
                    .bind(role)
                    .bind(email)
                    .fetch_optional(&self.pool)
                    .await?;
            Ok(changed.is_some())
        })
    }

    fn signing_keys(&self, now: i64) -> StoreFuture<'_, Vec<StoredKey>> {
        Box::pin(async move {
            let rows: Vec<(String, String, String)> = sqlx::query_as(
                "SELECT kid, algorithm, private_jwk FROM signing_keys \
                 WHERE retire_at IS NULL OR retire_at > $1 ORDER BY generation",
            )
            .bind(now)
            .fetch_all(&self.pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(kid, algorithm, private_jwk)| StoredKey {
                    kid,
                    algorithm,
                    private_jwk: private_jwk.into(),
                })
                .collect())
        })
    }

    fn insert_first_key<'a>(&'a self, key: &'a StoredKey, now: i64) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            sqlx::query(
                "INSERT INTO signing_keys (generation, kid, algorithm, private_jwk, created_at) \
                 VALUES (1, $1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(key.kid.as_str())
            .bind(key.algorithm.as_str())
            .bind(key.private_jwk.as_str())
            .bind(now)
            .execute(&self.pool)
            .await?;
            Ok(())
        })
    }

    fn rotate_key<'a>(
        &'a self,
        key: &'a StoredKey,
        now: i64,
        retire_at: i64,
    ) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let mut tx = self.pool.begin().await?;
            sqlx::query("UPDATE signing_keys SET retire_at = $1 WHERE retire_at IS NULL")
                .bind(retire_at)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO signing_keys (generation, kid, algorithm, private_jwk, created_at) \
                 SELECT COALESCE(MAX(generation), 0) + 1, $1, $2, $3, $4 FROM signing_keys",
            )
            .bind(key.kid.as_str())
            .bind(key.algorithm.as_str())
            .bind(key.private_jwk.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM signing_keys WHERE retire_at <= $1")
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    fn insert_refresh_token<'a>(&'a self, token: &'a NewRefreshToken) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            insert_active_token(
                &self.pool,
                &token.hash,
                &token.user_id,
                &token.family_id,
                token.created_at,
                token.expires_at,
            )
            .await
        })
    }

    fn rotate_refresh_token<'a>(
        &'a self,
        presented: &'a TokenHash,
        next: &'a TokenHash,
        expires_at: i64,
        now: i64,
    ) -> StoreFuture<'a, Rotation> {
        Box::pin(async move {
            // The conditional update decides between two requests spending one token: the
            // second sees it spent. On SQLite, the write coming first makes the transaction
            // hold the database's write lock from its first statement; on PostgreSQL, the
            // update's row lock makes the second request wait for the first to commit.
            let mut tx = self.pool.begin().await?;
            let spent: Option<(String, String)> = sqlx::query_as(
                "UPDATE refresh_tokens SET state = 'spent' \
                 WHERE token_hash = $1 AND state = 'active' AND expires_at > $2 \
                 RETURNING user_id, family_id",
            )
            .bind(&presented.0[..])
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((user_id, family_id)) = spent {
                insert_active_token(&mut *tx, next, &user_id, &family_id, now, expires_at).await?;
                tx.commit().await?;
                return Ok(Rotation::Rotated { user_id });
            }
            let known: Option<(String, String)> =
                sqlx::query_as("SELECT state, family_id FROM refresh_tokens WHERE token_hash = $1")
                    .bind(&presented.0[..])
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some((_, family_id)) = known.filter(|(state, _)| state == "spent") else {
                return Ok(Rotation::Invalid);
            };
            sqlx::query("UPDATE refresh_tokens SET state = 'revoked' WHERE family_id = $1")
                .bind(family_id.as_str())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(Rotation::Reused)
        })
    }

    fn revoke_family<'a>(&'a self, presented: &'a TokenHash) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            sqlx::query(
                "UPDATE refresh_tokens SET state = 'revoked' WHERE family_id = \
                 (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)",
            )
            .bind(&presented.0[..])
            .execute(&self.pool)
            .await?;
            Ok(())
        })
    }

    fn login_attempt<'a>(
        &'a self,
        email: &'a str,
        now: i64,
        window: i64,
        limit: i64,
    ) -> StoreFuture<'a, Attempt> {
        Box::pin(async move {
            let since = now - window;
            sqlx::query("DELETE FROM login_attempts WHERE email = $1 AND at <= $2")
                .bind(email)
                .bind(since)
                .execute(&self.pool)
                .await?;
            // Counted before it is judged, so that concurrent attempts see each other.
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO login_attempts (email, at) VALUES ($1, $2) RETURNING id",
            )
            .bind(email)
            .bind(now)
            .fetch_one(&self.pool)
            .await?;
            let (count, oldest): (i64, Option<i64>) = sqlx::query_as(
                "SELECT COUNT(*), MIN(at) FROM login_attempts WHERE email = $1 AND at > $2",
            )
            .bind(email)
            .bind(since)
            .fetch_one(&self.pool)
            .await?;
            if count <= limit {
                return Ok(Attempt::Allowed);
            }
            sqlx::query("DELETE FROM login_attempts WHERE id = $1")
                .bind(id)
                .execute(&self.pool)
                .await?;
            let retry_after = (oldest.unwrap_or(now) + window - now).max(1);
            Ok(Attempt::Throttled { retry_after })
        })
    }

    fn clear_login_attempts<'a>(&'a self, email: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            sqlx::query("DELETE FROM login_attempts WHERE email = $1")
                .bind(email)
                .execute(&self.pool)
                .await?;
            Ok(())
        })
    }

    fn purge(&self, now: i64, window: i64) -> StoreFuture<'_, ()> {
        Box::pin(async move {
            sqlx::query("DELETE FROM refresh_tokens WHERE expires_at <= $1")
                .bind(now)
                .execute(&self.pool)
                .await?;
            sqlx::query("DELETE FROM login_attempts WHERE at <= $1")
                .bind(now - window)
                .execute(&self.pool)
                .await?;
            Ok(())
        })
    }
}

/// Stores an active refresh token: the first of a family at login, or the next one of a
/// rotation (inside its transaction).
async fn insert_active_token<'c, DB, E>(
    executor: E,
    hash: &TokenHash,
    user_id: &str,
    family_id: &str,
    created_at: i64,
    expires_at: i64,
) -> Result<(), super::StoreError>
where
    DB: Database,
    E: Executor<'c, Database = DB>,
    DB::Arguments: IntoArguments<DB>,
    for<'a> &'a str: Encode<'a, DB> + Type<DB>,
    for<'a> &'a [u8]: Encode<'a, DB> + Type<DB>,
    for<'a> i64: Encode<'a, DB> + Type<DB>,
{
    sqlx::query(
        "INSERT INTO refresh_tokens \
         (token_hash, user_id, family_id, state, created_at, expires_at) \
         VALUES ($1, $2, $3, 'active', $4, $5)",
    )
    .bind(&hash.0[..])
    .bind(user_id)
    .bind(family_id)
    .bind(created_at)
    .bind(expires_at)
    .execute(executor)
    .await?;
    Ok(())
}
