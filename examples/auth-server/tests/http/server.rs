//! Servers under test: the real server, started in this process on a free port, on a fresh
//! database of either backend.

use std::net::SocketAddr;
use std::path::PathBuf;

use auth_server::AppState;
use auth_server::config::Cli;
use clap::Parser;
use serde_json::{Value, json};
use sqlx::{Connection, Executor};
use tokio::sync::oneshot;

use crate::client::{self, Response};

/// Where the PostgreSQL tests find their throwaway cluster (`tests/postgres.sh` sets it).
const POSTGRES_ENV: &str = "AUTH_SERVER_TEST_POSTGRES";

/// The store a test runs on.
#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database of its own for one test.
pub struct Database {
    pub url: String,
    file: Option<PathBuf>,
}

impl Database {
    pub async fn new(backend: Backend) -> Self {
        let name = format!("auth_server_test_{}", random_name());
        match backend {
            Backend::Sqlite => {
                let file = std::env::temp_dir().join(format!("{name}.sqlite3"));
                Self {
                    url: format!("sqlite:{}", file.display()),
                    file: Some(file),
                }
            }
            Backend::Postgres => {
                let admin = std::env::var(POSTGRES_ENV).unwrap_or_else(|_| {
                    panic!(
                        "{POSTGRES_ENV} is not set: run the PostgreSQL tests through \
                         examples/auth-server/tests/postgres.sh"
                    )
                });
                let mut connection = sqlx::PgConnection::connect(&admin)
                    .await
                    .expect("connect to the test cluster");
                connection
                    .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .await
                    .expect("create the test database");
                let (server, _) = admin.rsplit_once('/').expect("a database in the URL");
                Self {
                    url: format!("{server}/{name}"),
                    file: None,
                }
            }
        }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Some(file) = &self.file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        }
    }
}

fn random_name() -> String {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).expect("randomness");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A running server; stopped when dropped.
pub struct Server {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
}

impl Server {
    /// Starts a server on `database` with these extra command-line flags.
    pub async fn start(database: &Database, flags: &[&str]) -> Self {
        let mut args = vec!["auth-server", "--database", &database.url];
        args.extend_from_slice(flags);
        let config = Cli::try_parse_from(args).expect("valid flags").config;
        let state = AppState::new(&config).await.expect("the server starts");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let addr = listener.local_addr().expect("an address");
        let (stop, stopped) = oneshot::channel();
        tokio::spawn(auth_server::serve(listener, state, async {
            let _ = stopped.await;
        }));
        Self {
            addr,
            stop: Some(stop),
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        let bearer = token.map(|token| format!("Bearer {token}"));
        let headers: Vec<(&str, &str)> = bearer
            .as_deref()
            .map(|value| ("authorization", value))
            .into_iter()
            .collect();
        client::send(self.addr, "GET", path, &headers, "").await
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Response {
        client::send(
            self.addr,
            "POST",
            path,
            &[("content-type", "application/json")],
            body.to_string(),
        )
        .await
    }

    /// `POST /auth/refresh` with `cookie` (a `refresh_token=...` pair), if any.
    pub async fn refresh(&self, cookie: Option<&str>) -> Response {
        self.post_cookie("/auth/refresh", cookie).await
    }

    /// `POST /auth/logout` with `cookie` (a `refresh_token=...` pair), if any.
    pub async fn logout(&self, cookie: Option<&str>) -> Response {
        self.post_cookie("/auth/logout", cookie).await
    }

    /// `POST path` with `cookie`, if any, and no body.
    async fn post_cookie(&self, path: &str, cookie: Option<&str>) -> Response {
        let headers: Vec<(&str, &str)> = cookie.map(|c| ("cookie", c)).into_iter().collect();
        client::send(self.addr, "POST", path, &headers, "").await
    }

    pub async fn register(&self, email: &str, password: &str) -> Response {
        self.post_json(
            "/auth/register",
            &json!({"email": email, "password": password}),
        )
        .await
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post_json(
            "/auth/login",
            &json!({"email": email, "password": password}),
        )
        .await
    }

    /// Registers `email` and logs in: the access token and the refresh cookie.
    pub async fn session(&self, email: &str) -> (String, String) {
        assert_eq!(self.register(email, PASSWORD).await.status, 201);
        let login = self.login(email, PASSWORD).await;
        assert_eq!(login.status, 200, "{:?}", login.json());
        (login.access_token(), login.refresh_cookie())
    }

    /// The published JWK Set.
    pub async fn jwks(&self) -> Value {
        self.get("/.well-known/jwks.json", None).await.json()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A password every test user gets.
pub const PASSWORD: &str = "correct horse battery";

/// Runs the `auth-server` binary with `args` on `database`; its stdout, or a panic with its
/// stderr.
pub fn command(database: &Database, args: &[&str]) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_auth-server"))
        .args(args)
        .args(["--database", &database.url])
        .output()
        .expect("run auth-server");
    assert!(
        output.status.success(),
        "auth-server {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The decoded header and claims of a JWT (read only to check what the server put there).
pub fn parts(token: &str) -> (Value, Value) {
    use base64ct::{Base64UrlUnpadded, Encoding};
    let mut segments = token.split('.');
    let mut next = || {
        let segment = segments.next().expect("a segment");
        serde_json::from_slice(&Base64UrlUnpadded::decode_vec(segment).expect("base64url"))
            .expect("JSON")
    };
    (next(), next())
}
