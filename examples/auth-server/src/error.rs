//! The one error type of the HTTP interface: every failure is `{"error": CODE, "message":
//! TEXT}` with the right status, and the headers RFC 6750 and RFC 9110 ask for.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::tokens::Rejection;

/// A request that failed, as the client sees it.
#[derive(Debug)]
pub enum ApiError {
    /// 400: the email is not plausible.
    InvalidEmail,
    /// 400: the password breaks a rule (the message says which).
    InvalidPassword(&'static str),
    /// 409: an account with this email exists.
    EmailTaken,
    /// 401: wrong email or password (never says which).
    InvalidCredentials,
    /// 429: too many login attempts for this email; retry after this many seconds.
    TooManyAttempts(i64),
    /// 401: the refresh cookie is missing, unknown, expired, revoked or was replayed.
    InvalidRefreshToken(&'static str),
    /// 401: no bearer token.
    MissingToken,
    /// 401: the bearer token was refused.
    InvalidToken(&'static str),
    /// 403: a valid token without the role the route needs.
    InsufficientScope(&'static str),
    /// 403: a cookie-bearing request from another origin.
    ForbiddenOrigin,
    /// 4xx: the body is not what the route takes (size, content type, JSON, fields).
    Body(StatusCode, String),
    /// 404.
    NotFound,
    /// 405.
    MethodNotAllowed,
    /// 500: logged in full, reported without detail.
    Internal(String),
}

impl ApiError {
    /// Logs `err` and hides it from the client.
    pub fn internal(err: impl std::fmt::Display) -> Self {
        Self::Internal(err.to_string())
    }

    fn parts(&self) -> (StatusCode, &'static str, String) {
        use StatusCode as S;
        match self {
            Self::InvalidEmail => (
                S::BAD_REQUEST,
                "invalid_email",
                "the email address is not valid".into(),
            ),
            Self::InvalidPassword(why) => (S::BAD_REQUEST, "invalid_password", (*why).into()),
            Self::EmailTaken => (
                S::CONFLICT,
                "email_taken",
                "an account with this email exists".into(),
            ),
            Self::InvalidCredentials => (
                S::UNAUTHORIZED,
                "invalid_credentials",
                "the email or the password is wrong".into(),
            ),
            Self::TooManyAttempts(_) => (
                S::TOO_MANY_REQUESTS,
                "too_many_attempts",
                "too many failed logins for this email; try again later".into(),
            ),
            Self::InvalidRefreshToken(why) => {
                (S::UNAUTHORIZED, "invalid_refresh_token", (*why).into())
            }
            Self::MissingToken => (
                S::UNAUTHORIZED,
                "missing_token",
                "this route needs a bearer access token".into(),
            ),
            Self::InvalidToken(why) => (S::UNAUTHORIZED, "invalid_token", (*why).into()),
            Self::InsufficientScope(role) => (
                S::FORBIDDEN,
                "insufficient_scope",
                format!("this route needs the role {role}"),
            ),
            Self::ForbiddenOrigin => (
                S::FORBIDDEN,
                "forbidden_origin",
                "cross-origin requests may not use the session cookie".into(),
            ),
            Self::Body(status, message) => (*status, body_code(*status), message.clone()),
            Self::NotFound => (S::NOT_FOUND, "not_found", "no such route".into()),
            Self::MethodNotAllowed => (
                S::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "this route does not take that method".into(),
            ),
            Self::Internal(_) => (
                S::INTERNAL_SERVER_ERROR,
                "internal_error",
                "something went wrong on our side".into(),
            ),
        }
    }

    /// The `WWW-Authenticate` challenge of RFC 6750 section 3, for the bearer errors.
    fn challenge(&self) -> Option<String> {
        match self {
            Self::MissingToken => Some("Bearer".into()),
            Self::InvalidToken(why) => Some(format!(
                "Bearer error=\"invalid_token\", error_description=\"{why}\""
            )),
            Self::InsufficientScope(role) => Some(format!(
                "Bearer error=\"insufficient_scope\", error_description=\"this route needs the role {role}\", scope=\"{role}\""
            )),
            _ => None,
        }
    }
}

fn body_code(status: StatusCode) -> &'static str {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => "body_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY => "invalid_body",
        _ => "invalid_json",
    }
}

impl From<Rejection> for ApiError {
    fn from(rejection: Rejection) -> Self {
        Self::InvalidToken(rejection.description())
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        let status = match rejection.status() {
            // An unreadable body is the client's: a length over the limit shows as 413.
            status if status.is_client_error() => status,
            _ => StatusCode::BAD_REQUEST,
        };
        Self::Body(status, rejection.body_text())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Internal(detail) = &self {
            tracing::error!("request failed: {detail}");
        }
        let (status, code, message) = self.parts();
        let mut response =
            (status, Json(json!({"error": code, "message": message}))).into_response();
        let headers = response.headers_mut();
        if let Some(challenge) = self
            .challenge()
            .and_then(|c| HeaderValue::from_str(&c).ok())
        {
            headers.insert(header::WWW_AUTHENTICATE, challenge);
        }
        if let Self::TooManyAttempts(seconds) = self {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        response
    }
}

/// Failures of the server's own machinery: logged, and a 500 for the client.
macro_rules! internal_errors {
    ($($source:ty),*) => {$(
        impl From<$source> for ApiError {
            fn from(err: $source) -> Self {
                Self::internal(err)
            }
        }
    )*};
}

internal_errors!(
    crate::store::StoreError,
    crate::tokens::KeyError,
    crate::users::PasswordError,
    header::InvalidHeaderValue,
    getrandom::Error
);
