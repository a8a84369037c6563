//! Request guards shared by the routes: JSON bodies that fail as [`ApiError`]s, and the
//! `Origin` check for requests that use the session cookie.

use axum::Json;
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;
use serde::de::DeserializeOwned;

use crate::AppState;
use crate::error::ApiError;

/// The largest request body taken.
pub const BODY_LIMIT: usize = 16 * 1024;

/// A JSON request body (`Content-Type: application/json`, at most [`BODY_LIMIT`] bytes).
/// Every way it can be wrong is a 4xx [`ApiError`]; unknown fields are refused by the body
/// types themselves.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let Json(value) = Json::<T>::from_request(request, state).await?;
        Ok(Self(value))
    }
}

/// Refuses a request whose `Content-Length` is over [`BODY_LIMIT`] before any route reads
/// it (the extractors' own limit catches bodies sent without a length).
pub async fn limit_body(request: Request, next: Next) -> Result<Response, ApiError> {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > BODY_LIMIT as u64) {
        return Err(ApiError::Body(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            format!("the body is larger than {BODY_LIMIT} bytes"),
        ));
    }
    Ok(next.run(request).await)
}

/// Refuses a state-changing `/auth` request whose `Origin` (sent by browsers) is not ours:
/// with the `SameSite=Strict` cookie, a second line against cross-site request forgery.
pub async fn same_origin(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    if origin_allowed(request.headers(), state.settings.origin.as_deref()) {
        Ok(next.run(request).await)
    } else {
        Err(ApiError::ForbiddenOrigin)
    }
}

/// No `Origin` (not a browser, or a same-origin GET) is allowed; otherwise it must be the
/// configured origin, or, with none configured, `http(s)://` + this request's `Host`.
fn origin_allowed(headers: &HeaderMap, configured: Option<&str>) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    if let Some(configured) = configured {
        return origin == configured.trim_end_matches('/');
    }
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok());
    let authority = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    host.is_some() && authority == host
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn allowed(origin: Option<&str>, host: &str, configured: Option<&str>) -> bool {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        if let Some(origin) = origin {
            headers.insert(header::ORIGIN, HeaderValue::from_str(origin).unwrap());
        }
        origin_allowed(&headers, configured)
    }

    #[test]
    fn same_origin_or_no_origin_passes() {
        assert!(allowed(None, "127.0.0.1:8080", None));
        assert!(allowed(
            Some("http://127.0.0.1:8080"),
            "127.0.0.1:8080",
            None
        ));
        assert!(allowed(
            Some("https://auth.example.com"),
            "auth.example.com",
            None
        ));
    }

    #[test]
    fn other_origins_fail() {
        assert!(!allowed(
            Some("http://evil.example"),
            "127.0.0.1:8080",
            None
        ));
        assert!(!allowed(
            Some("http://127.0.0.1:8081"),
            "127.0.0.1:8080",
            None
        ));
        assert!(!allowed(Some("null"), "127.0.0.1:8080", None));
        assert!(!allowed(
            Some("ftp://127.0.0.1:8080"),
            "127.0.0.1:8080",
            None
        ));
    }

    #[test]
    fn a_configured_origin_is_the_only_one() {
        let configured = Some("https://app.example.com/");
        assert!(allowed(
            Some("https://app.example.com"),
            "internal:8080",
            configured
        ));
        assert!(!allowed(
            Some("http://internal:8080"),
            "internal:8080",
            configured
        ));
    }
}
