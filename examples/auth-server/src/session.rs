//! Refresh tokens and the cookie that carries them.
//!
//! A refresh token is 256 random bits from the operating system, base64url-encoded. The
//! store keeps only its SHA-256: with that much entropy nobody can search for a token that
//! hashes to a stolen row, so neither a salt (against precomputed tables of likely inputs)
//! nor a slow KDF (against guessing) adds anything, and an unsalted hash can be looked up
//! directly. The database's index compares hashes, not tokens, so how long that comparison
//! takes tells an attacker nothing about a live token.

use axum::http::{HeaderMap, HeaderValue, header};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::store::TokenHash;

/// The cookie's name.
pub const COOKIE: &str = "refresh_token";

/// The cookie's path: only the `/auth` endpoints ever see the refresh token.
const PATH: &str = "/auth";

/// Base64url of 32 bytes.
const ENCODED_LEN: usize = 43;

/// An opaque refresh token, as the client holds it.
pub struct RefreshToken(Zeroizing<String>);

impl RefreshToken {
    /// A new random token.
    pub fn generate() -> Result<Self, getrandom::Error> {
        crate::random::base64url::<32>().map(Self)
    }

    /// The token in the request's `refresh_token` cookie, if there is one of the right
    /// shape (anything else cannot be one of ours).
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|cookies| cookies.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == COOKIE)
            .map(|(_, value)| value)
            .filter(|value| {
                value.len() == ENCODED_LEN
                    && value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            })
            .map(|value| Self(Zeroizing::new(value.to_owned())))
    }

    /// What the store keeps of it.
    pub fn hash(&self) -> TokenHash {
        TokenHash(Sha256::digest(self.0.as_bytes()).into())
    }

    /// The `Set-Cookie` value that hands it to the browser for `max_age` seconds.
    pub fn cookie(
        &self,
        max_age: u64,
        secure: bool,
    ) -> Result<HeaderValue, header::InvalidHeaderValue> {
        let secure = if secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{COOKIE}={}; HttpOnly{secure}; SameSite=Strict; Path={PATH}; Max-Age={max_age}",
            self.0.as_str()
        ))
    }
}

/// The `Set-Cookie` value that makes the browser forget the token.
pub fn clear_cookie(secure: bool) -> HeaderValue {
    HeaderValue::from_static(if secure {
        "refresh_token=; HttpOnly; Secure; SameSite=Strict; Path=/auth; Max-Age=0"
    } else {
        "refresh_token=; HttpOnly; SameSite=Strict; Path=/auth; Max-Age=0"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(cookies: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for cookie in cookies {
            headers.append(header::COOKIE, HeaderValue::from_str(cookie).unwrap());
        }
        headers
    }

    #[test]
    fn tokens_are_256_random_bits() {
        let a = RefreshToken::generate().unwrap();
        let b = RefreshToken::generate().unwrap();
        assert_eq!(a.0.len(), ENCODED_LEN);
        assert_ne!(a.0.as_str(), b.0.as_str());
        assert_ne!(a.hash(), b.hash());
    }

    #[test]
    fn the_hash_is_sha256_of_the_token_text() {
        let token = RefreshToken(Zeroizing::new("abc".into()));
        // FIPS 180-2 appendix B.1
        let expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        let hex: String = token.hash().0.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, expected);
    }

    #[test]
    fn the_cookie_has_every_attribute() {
        let token = RefreshToken::generate().unwrap();
        let value = token.cookie(604_800, true).unwrap();
        assert_eq!(
            value.to_str().unwrap(),
            format!(
                "refresh_token={}; HttpOnly; Secure; SameSite=Strict; Path=/auth; Max-Age=604800",
                token.0.as_str()
            )
        );
        assert_eq!(
            clear_cookie(false).to_str().unwrap(),
            "refresh_token=; HttpOnly; SameSite=Strict; Path=/auth; Max-Age=0"
        );
        assert_eq!(
            clear_cookie(true).to_str().unwrap(),
            "refresh_token=; HttpOnly; Secure; SameSite=Strict; Path=/auth; Max-Age=0"
        );
    }

    #[test]
    fn the_token_is_read_from_any_cookie_header() {
        let token = RefreshToken::generate().unwrap();
        let found = |cookies: &[&str]| {
            RefreshToken::from_headers(&headers(cookies)).map(|t| t.0.as_str().to_owned())
        };
        let pair = format!("refresh_token={}", token.0.as_str());
        assert_eq!(found(&[&pair]).as_deref(), Some(token.0.as_str()));
        assert_eq!(
            found(&["theme=dark", &format!("a=b; {pair}; c=d")]).as_deref(),
            Some(token.0.as_str())
        );
        assert_eq!(found(&[]), None);
        assert_eq!(found(&["refresh_token="]), None);
        assert_eq!(found(&["refresh_token=short"]), None);
        assert_eq!(found(&[&format!("{pair}!")]), None);
        assert_eq!(found(&[&format!("other_{pair}")]), None);
    }
}
