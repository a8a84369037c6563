//! Configuration: every setting is a flag with an environment variable beside it, in one
//! struct.

use std::net::SocketAddr;
use std::str::FromStr;

use clap::{Args, Parser, Subcommand};
use jwt_core::Algorithm;

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "auth-server",
    version,
    about = "Register, log in, refresh and log out: JWT access tokens and rotating refresh cookies"
)]
pub struct Cli {
    /// Settings shared by every command.
    #[command(flatten)]
    pub config: Config,
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve HTTP (the default).
    Serve,
    /// Manage the signing keys.
    Keys {
        /// What to do with them.
        #[command(subcommand)]
        action: KeysCommand,
    },
    /// Manage users.
    Users {
        /// What to do with them.
        #[command(subcommand)]
        action: UsersCommand,
    },
}

/// `auth-server keys ...`
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Make a new signing key (of --algorithm) current; the old one keeps verifying until
    /// its tokens have expired. Running instances pick it up within --key-reload seconds.
    Rotate,
}

/// `auth-server users ...`
#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Give the user with EMAIL the role ROLE (e.g. admin, or user to take it back). The
    /// user's next access token carries it.
    SetRole {
        /// The user's email.
        email: String,
        /// The new role: 1 to 32 of a-z, 0-9, - and _.
        role: String,
    },
}

/// Settings, from flags or the environment.
#[derive(Clone, Debug, Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "LISTEN", default_value = "127.0.0.1:8080", global = true)]
    pub listen: SocketAddr,

    /// Where users, keys and sessions live: sqlite:PATH (created on first start), or
    /// postgres://USER:PASSWORD@HOST/DB for several instances on one database.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite:auth-server.sqlite3",
        global = true
    )]
    pub database: String,

    /// Algorithm of newly generated signing keys (the first one, and each rotation):
    /// EdDSA, RS256 or HS256 (any jwt-core algorithm works).
    #[arg(long, env = "JWT_ALGORITHM", default_value = "EdDSA", value_parser = parse_algorithm, global = true)]
    pub algorithm: Algorithm,

    /// The `iss` of access tokens.
    #[arg(long, env = "JWT_ISSUER", default_value = "auth-server", global = true)]
    pub issuer: String,

    /// The `aud` of access tokens.
    #[arg(
        long,
        env = "JWT_AUDIENCE",
        default_value = "auth-server",
        global = true
    )]
    pub audience: String,

    /// Lifetime of an access token, in seconds.
    #[arg(long, env = "ACCESS_TOKEN_TTL", default_value_t = 900, value_parser = clap::value_parser!(u64).range(1..), global = true)]
    pub access_ttl: u64,

    /// Lifetime of a refresh token (and its cookie), in seconds.
    #[arg(long, env = "REFRESH_TOKEN_TTL", default_value_t = 7 * 24 * 3600, value_parser = clap::value_parser!(u64).range(1..), global = true)]
    pub refresh_ttl: u64,

    /// How often each instance reloads the signing keys from the store, in seconds.
    #[arg(long, env = "KEY_RELOAD_INTERVAL", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..), global = true)]
    pub key_reload: u64,

    /// The browser origin of the page (e.g. `https://app.example.com`) when it is not the
    /// server's own; cookie-using requests from any other origin are refused.
    #[arg(long, env = "ALLOWED_ORIGIN", global = true)]
    pub origin: Option<String>,

    /// Development on a plain-HTTP host other than localhost: send the refresh cookie
    /// without `Secure` (browsers accept `Secure` cookies from http://localhost already).
    #[arg(long, env = "AUTH_SERVER_DEV", global = true)]
    pub dev: bool,
}

fn parse_algorithm(name: &str) -> Result<Algorithm, String> {
    Algorithm::from_str(name).map_err(|err| err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let cli = Cli::try_parse_from(["auth-server"]).unwrap();
        assert!(cli.command.is_none());
        let config = cli.config;
        assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(config.database, "sqlite:auth-server.sqlite3");
        assert_eq!(config.algorithm, Algorithm::EdDSA);
        assert_eq!((config.access_ttl, config.refresh_ttl), (900, 604_800));
        assert!(!config.dev);
    }

    #[test]
    fn flags_after_a_subcommand() {
        let cli = Cli::try_parse_from([
            "auth-server",
            "keys",
            "rotate",
            "--algorithm",
            "RS256",
            "--database",
            "sqlite:x.db",
        ])
        .unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Keys {
                action: KeysCommand::Rotate
            })
        ));
        assert_eq!(cli.config.algorithm, Algorithm::RS256);
        assert_eq!(cli.config.database, "sqlite:x.db");
    }

    #[test]
    fn bad_values_are_refused() {
        for args in [
            &["auth-server", "--algorithm", "none"][..],
            &["auth-server", "--access-ttl", "0"],
            &["auth-server", "--listen", "localhost"],
        ] {
            assert!(Cli::try_parse_from(args).is_err(), "{args:?}");
        }
    }
}
