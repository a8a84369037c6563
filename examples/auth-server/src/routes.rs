//! The HTTP interface: the one router, and thin handlers that check input, call the store
//! and the token module, and shape the answer.

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router, middleware};
use serde::Deserialize;
use serde_json::json;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{BODY_LIMIT, JsonBody, limit_body, same_origin};
use crate::session::{RefreshToken, clear_cookie};
use crate::store::{Attempt, NewRefreshToken, NewUser, Rotation, StoreError, User};
use crate::users::{ADMIN_ROLE, DEFAULT_ROLE, check_password, normalise_email};
use crate::{AppState, now, random, web};

/// Failed logins allowed per email within [`THROTTLE_WINDOW`].
pub const THROTTLE_LIMIT: i64 = 5;

/// The login throttle's window, in seconds.
pub const THROTTLE_WINDOW: i64 = 15 * 60;

/// Every route of the server.
pub fn router(state: AppState) -> Router {
    let auth = Router::new()
        .route("/register", post(register))
        .route("/login", post(login))
        .route("/refresh", post(refresh))
        .route("/logout", post(logout))
        .route_layer(middleware::from_fn_with_state(state.clone(), same_origin));
    Router::new()
        .nest("/auth", auth)
        .route("/api/me", get(me))
        .route("/api/admin/users", get(admin_users))
        .route("/.well-known/jwks.json", get(jwks))
        .merge(web::routes())
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(limit_body))
        .layer(middleware::map_response(security_headers))
        .with_state(state)
}

/// The body of register and login.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EmailPassword {
    email: String,
    password: String,
}

async fn register(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<EmailPassword>,
) -> Result<impl IntoResponse, ApiError> {
    let email = normalise_email(&body.email).ok_or(ApiError::InvalidEmail)?;
    check_password(&body.password).map_err(ApiError::InvalidPassword)?;
    let passwords = state.passwords.clone();
    let password_hash = blocking(move || passwords.hash(&body.password)).await??;
    let new = NewUser {
        user: User {
            id: random::id()?,
            email,
            role: DEFAULT_ROLE.into(),
        },
        password_hash,
        created_at: now(),
    };
    state
        .store
        .create_user(&new)
        .await
        .map_err(|err| match err {
            StoreError::Conflict => ApiError::EmailTaken,
            err => ApiError::internal(err),
        })?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": new.user.id, "email": new.user.email})),
    ))
}

async fn login(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<EmailPassword>,
) -> Result<Response, ApiError> {
    let passwords = state.passwords.clone();
    let Some(email) = normalise_email(&body.email) else {
        // No account can have this email; the password is still hashed, for the time.
        blocking(move || passwords.verify(&body.password, None)).await?;
        return Err(ApiError::InvalidCredentials);
    };
    if let Attempt::Throttled { retry_after } = state
        .store
        .login_attempt(&email, now(), THROTTLE_WINDOW, THROTTLE_LIMIT)
        .await?
    {
        return Err(ApiError::TooManyAttempts(retry_after));
    }
    let credentials = state.store.credentials(&email).await?;
    let stored = credentials.as_ref().map(|c| c.password_hash.clone());
    let valid = blocking(move || passwords.verify(&body.password, stored.as_deref())).await?;
    let user = match credentials {
        Some(credentials) if valid => credentials.user,
        _ => return Err(ApiError::InvalidCredentials),
    };
    state.store.clear_login_attempts(&email).await?;

    let token = RefreshToken::generate()?;
    let now = now();
    state
        .store
        .insert_refresh_token(&NewRefreshToken {
            hash: token.hash(),
            user_id: user.id.clone(),
            family_id: random::id()?,
            created_at: now,
            expires_at: now.saturating_add(ttl(state.settings.refresh_ttl)),
        })
        .await?;
    session(&state, &user, &token)
}

async fn refresh(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match rotate_session(&state, &headers).await {
        Ok(response) => response,
        Err(err) => (
            [(
                header::SET_COOKIE,
                clear_cookie(state.settings.secure_cookie),
            )],
            err,
        )
            .into_response(),
    }
}

async fn rotate_session(state: &AppState, headers: &HeaderMap) -> Result<Response, ApiError> {
    let presented = RefreshToken::from_headers(headers)
        .ok_or(ApiError::InvalidRefreshToken("no refresh token cookie"))?;
    let next = RefreshToken::generate()?;
    let now = now();
    let expires_at = now.saturating_add(ttl(state.settings.refresh_ttl));
    let rotation = state
        .store
        .rotate_refresh_token(&presented.hash(), &next.hash(), expires_at, now)
        .await?;
    match rotation {
        Rotation::Rotated { user_id } => {
            let user = state
                .store
                .user(&user_id)
                .await?
                .ok_or(ApiError::InvalidRefreshToken(
                    "the account no longer exists",
                ))?;
            session(state, &user, &next)
        }
        Rotation::Reused => {
            tracing::warn!("a spent refresh token was presented again; its family is revoked");
            Err(ApiError::InvalidRefreshToken(
                "the refresh token was already used; the session is revoked",
            ))
        }
        Rotation::Invalid => Err(ApiError::InvalidRefreshToken(
            "the refresh token is unknown, expired or revoked",
        )),
    }
}

/// The answer of a login or refresh: a new access token, and the refresh cookie.
fn session(state: &AppState, user: &User, refresh: &RefreshToken) -> Result<Response, ApiError> {
    let issued = state.tokens.issue(user)?;
    let settings = &state.settings;
    Ok((
        [
            (
                header::SET_COOKIE,
                refresh.cookie(settings.refresh_ttl, settings.secure_cookie)?,
            ),
            // RFC 6749 section 5.1: responses with tokens are not cached.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        Json(issued),
    )
        .into_response())
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    if let Some(token) = RefreshToken::from_headers(&headers) {
        state.store.revoke_family(&token.hash()).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(
            header::SET_COOKIE,
            clear_cookie(state.settings.secure_cookie),
        )],
    )
        .into_response())
}

async fn me(
    State(state): State<AppState>,
    AuthUser(claims): AuthUser,
) -> Result<Json<User>, ApiError> {
    let user = state
        .store
        .user(&claims.sub)
        .await?
        .ok_or(ApiError::InvalidToken("the token's user no longer exists"))?;
    Ok(Json(user))
}

async fn admin_users(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<impl IntoResponse, ApiError> {
    user.require_role(ADMIN_ROLE)?;
    Ok(Json(json!({"users": state.store.users().await?})))
}

async fn jwks(State(state): State<AppState>) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=60"),
        ],
        state.tokens.jwks().to_string(),
    )
}

/// Headers every response carries: the page runs only its own script and cannot be framed.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// Runs slow work (password hashing) off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(ApiError::internal)
}

fn ttl(seconds: u64) -> i64 {
    i64::try_from(seconds).unwrap_or(i64::MAX)
}
