//! `auth-server`: serves the login flow, or manages keys and users in its store.

use std::process::ExitCode;

use auth_server::config::{Cli, Command, Config, KeysCommand, UsersCommand};
use auth_server::{AppState, store, tokens, users};
use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    match run(cli.command.unwrap_or(Command::Serve), &cli.config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!("{err}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: &Config) -> Result<(), Box<dyn std::error::Error>> {
    match command {
        Command::Serve => serve(config).await,
        Command::Keys {
            action: KeysCommand::Rotate,
        } => {
            let store = store::open(&config.database).await?;
            let kid = tokens::rotate(
                store.as_ref(),
                &auth_server::policy(config),
                config.algorithm,
            )
            .await?;
            println!(
                "new {} signing key {kid}; the previous one verifies until its tokens expire",
                config.algorithm
            );
            Ok(())
        }
        Command::Users {
            action: UsersCommand::SetRole { email, role },
        } => {
            let email = users::normalise_email(&email).ok_or("that is not an email address")?;
            if !users::check_role(&role) {
                return Err("a role is 1 to 32 of a-z, 0-9, - and _".into());
            }
            let store = store::open(&config.database).await?;
            if !store.set_role(&email, &role).await? {
                return Err(format!("no user with the email {email}").into());
            }
            println!("{email} now has the role {role} (from their next access token on)");
            Ok(())
        }
    }
}

async fn serve(config: &Config) -> Result<(), Box<dyn std::error::Error>> {
    #[cfg(feature = "dangerous-unverified-tokens")]
    tracing::warn!(
        "built with the feature dangerous-unverified-tokens: access tokens are NOT verified \
         (a load-check baseline; never serve anyone with this build)"
    );
    if config.dev {
        tracing::warn!(
            "--dev: the refresh cookie goes out without Secure, for plain-HTTP development \
             hosts; never run a public server like this"
        );
    }
    let state = AppState::new(config).await?;
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    tracing::info!(
        "listening on http://{} (store: {})",
        listener.local_addr()?,
        store_kind(&config.database)
    );
    auth_server::serve(listener, state, shutdown_signal()).await?;
    Ok(())
}

/// Which backend, without the URL's credentials.
fn store_kind(url: &str) -> &str {
    url.split_once("://").map_or(url, |(scheme, _)| scheme)
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => return interrupt.await.unwrap_or_default(),
            };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    interrupt.await.unwrap_or_default();
}
