//! The authenticated user: the one extractor that turns a bearer access token into claims.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

use crate::AppState;
use crate::error::ApiError;
use crate::tokens::AccessClaims;

/// The verified claims of the request's bearer token (RFC 6750 section 2.1). A route that
/// takes this argument only runs for a valid access token.
#[derive(Debug)]
pub struct AuthUser(pub AccessClaims);

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer_token(&parts.headers)?;
        Ok(Self(state.tokens.verify(token).await?))
    }
}

impl AuthUser {
    /// Refuses with 403 `insufficient_scope` unless the token carries `role`.
    pub fn require_role(&self, role: &'static str) -> Result<(), ApiError> {
        if self.0.role == role {
            Ok(())
        } else {
            Err(ApiError::InsufficientScope(role))
        }
    }
}

/// The token of `Authorization: Bearer TOKEN`. Another scheme counts as no token: the
/// client gets the plain `Bearer` challenge that tells it what to send.
fn bearer_token(headers: &HeaderMap) -> Result<&str, ApiError> {
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or(ApiError::MissingToken)?
        .to_str()
        .map_err(|_| ApiError::InvalidToken("the Authorization header is not text"))?;
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("Bearer") {
        return Err(ApiError::MissingToken);
    }
    match token.trim() {
        "" => Err(ApiError::InvalidToken("the bearer token is empty")),
        token => Ok(token),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn token(authorization: Option<&str>) -> Result<String, String> {
        let mut headers = HeaderMap::new();
        if let Some(value) = authorization {
            headers.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        }
        bearer_token(&headers)
            .map(str::to_owned)
            .map_err(|err| format!("{err:?}"))
    }

    #[test]
    fn rfc6750_section_2_1_bearer_header() {
        assert_eq!(token(Some("Bearer abc.def.ghi")), Ok("abc.def.ghi".into()));
        assert_eq!(token(Some("bearer abc")), Ok("abc".into()));
        assert_eq!(token(None), Err("MissingToken".into()));
        assert_eq!(
            token(Some("Basic dXNlcjpwYXNz")),
            Err("MissingToken".into())
        );
        assert_eq!(
            token(Some("Bearer")),
            Err("InvalidToken(\"the bearer token is empty\")".into())
        );
        assert_eq!(
            token(Some("Bearer  ")),
            Err("InvalidToken(\"the bearer token is empty\")".into())
        );
    }
}
