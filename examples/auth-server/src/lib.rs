//! The auth server: register, log in, call protected routes with a short-lived access token,
//! refresh it through an HttpOnly cookie with rotation and reuse detection, log out.
//!
//! The binary (`src/main.rs`) parses the command line; this library holds the server, so
//! that the tests and the load check start the same thing.

#![forbid(unsafe_code)]

pub mod auth;
pub mod config;
pub mod error;
pub mod extract;
pub mod random;
pub mod routes;
pub mod session;
pub mod store;
pub mod tokens;
pub mod users;
mod web;

use std::future::Future;
use std::sync::Arc;

use tokio::net::TcpListener;

use crate::config::Config;
use crate::store::{Store, StoreError};
use crate::tokens::{KeyError, Policy, Tokens};
use crate::users::{PasswordError, Passwords};

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState {
    /// Users, keys, sessions and login attempts.
    pub store: Arc<dyn Store>,
    /// Access tokens and the signing keys.
    pub tokens: Arc<Tokens>,
    /// Password hashing.
    pub passwords: Arc<Passwords>,
    /// The rest of the configuration the routes use.
    pub settings: Arc<Settings>,
}

/// The session settings the routes use.
#[derive(Debug)]
pub struct Settings {
    /// Lifetime of a refresh token, in seconds.
    pub refresh_ttl: u64,
    /// Whether the refresh cookie is `Secure` (always, unless `--dev`).
    pub secure_cookie: bool,
    /// The page's origin, if it is not the server's own.
    pub origin: Option<String>,
}

impl AppState {
    /// Opens the store (creating and migrating it if needed) and loads the signing keys
    /// (generating the first one if needed).
    pub async fn new(config: &Config) -> Result<Self, StartError> {
        let store = store::open(&config.database)
            .await
            .map_err(StartError::Store)?;
        let tokens = Tokens::load(store.clone(), policy(config), config.algorithm)
            .await
            .map_err(StartError::Keys)?;
        Ok(Self {
            store,
            tokens: Arc::new(tokens),
            passwords: Arc::new(Passwords::new().map_err(StartError::Passwords)?),
            settings: Arc::new(Settings {
                refresh_ttl: config.refresh_ttl,
                secure_cookie: !config.dev,
                origin: config.origin.clone(),
            }),
        })
    }
}

/// Why the server could not start.
#[derive(Debug)]
pub enum StartError {
    /// The store could not be opened or migrated.
    Store(StoreError),
    /// The signing keys could not be loaded or made.
    Keys(KeyError),
    /// The dummy password hash.
    Passwords(PasswordError),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Store(err) => err.fmt(f),
            Self::Keys(err) => err.fmt(f),
            Self::Passwords(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for StartError {}

/// The token policy the configuration describes.
pub fn policy(config: &Config) -> Policy {
    Policy {
        issuer: config.issuer.clone(),
        audience: config.audience.clone(),
        access_ttl: config.access_ttl,
        key_reload: config.key_reload,
    }
}

/// Serves `state` on `listener` until `shutdown` completes. Every reload interval, reloads
/// the signing keys from the store (to pick up rotations) and purges expired rows.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (tokens, store) = (state.tokens.clone(), state.store.clone());
    let upkeep = tokio::spawn(async move {
        let mut ticks = tokio::time::interval(tokens.reload_interval());
        ticks.tick().await;
        loop {
            ticks.tick().await;
            if let Err(err) = tokens.reload().await {
                tracing::warn!("reloading the signing keys failed: {err}");
            }
            if let Err(err) = store.purge(now(), routes::THROTTLE_WINDOW).await {
                tracing::warn!("purging expired rows failed: {err}");
            }
        }
    });
    let served = axum::serve(listener, routes::router(state))
        .with_graceful_shutdown(shutdown)
        .await;
    upkeep.abort();
    served
}

/// Now, in whole seconds since the Unix epoch (0 for a clock set before 1970).
pub fn unix_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// [`unix_seconds`] as the store counts time (SQL integers are signed).
pub fn now() -> i64 {
    i64::try_from(unix_seconds()).unwrap_or(i64::MAX)
}
