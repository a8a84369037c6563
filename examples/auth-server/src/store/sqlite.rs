//! The embedded backend: one SQLite file, created and migrated on first start.

use std::str::FromStr;
use std::time::Duration;

use sqlx::ConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};

use super::StoreError;

const MIGRATIONS: &[(i64, &str, &str)] = &[(
    1,
    "init",
    include_str!("../../migrations/sqlite/0001_init.sql"),
)];

/// Opens `url` (`sqlite:PATH`), creating the file and its tables if needed.
pub async fn connect(url: &str) -> Result<SqlitePool, StoreError> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        // Readers do not wait for the writer, and the writer waits for the lock rather
        // than fail at once when a request holds it.
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true)
        .disable_statement_logging();
    // SQLite has no lock for setting a file up: a second process opening a new file at the
    // same moment (another instance, `auth-server keys rotate`) may find it locked while the
    // first switches it to WAL, which does not wait for the busy timeout, or fail on tables
    // the first just made. By then the first is done, so a second attempt finds the file set
    // up.
    match open(&options).await {
        Ok(pool) => Ok(pool),
        Err(_) => {
            tokio::time::sleep(Duration::from_millis(200)).await;
            open(&options).await
        }
    }
}

/// One attempt at opening the file and bringing its tables up to date.
async fn open(options: &SqliteConnectOptions) -> Result<SqlitePool, StoreError> {
    let pool = SqlitePoolOptions::new()
        .connect_with(options.clone())
        .await?;
    super::migrator(MIGRATIONS)
        .run(&pool)
        .await
        .map_err(StoreError::Migration)?;
    Ok(pool)
}
