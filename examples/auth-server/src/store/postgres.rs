//! The shared backend: one PostgreSQL database for any number of instances, migrated by the
//! first of them to start (the migrator holds an advisory lock meanwhile).

use std::str::FromStr;

use sqlx::ConnectOptions;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use super::StoreError;

const MIGRATIONS: &[(i64, &str, &str)] = &[(
    1,
    "init",
    include_str!("../../migrations/postgres/0001_init.sql"),
)];

/// Opens `url` (`postgres://...`), creating the tables if needed.
pub async fn connect(url: &str) -> Result<PgPool, StoreError> {
    let options = PgConnectOptions::from_str(url)?.disable_statement_logging();
    let pool = PgPoolOptions::new().connect_with(options).await?;
    super::migrator(MIGRATIONS)
        .run(&pool)
        .await
        .map_err(StoreError::Migration)?;
    Ok(pool)
}
