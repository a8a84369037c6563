//! Tokens whose signature has not been verified yet: the header may be read (to pick a key by
//! `kid`), the claims may not, until verification turns the token into [`TokenData`].

use alloc::string::String;
use alloc::vec::Vec;
use core::mem::MaybeUninit;

use serde::de::{DeserializeOwned, IgnoredAny};

use crate::alg::Algorithm;
use crate::error::Result;
use crate::header::Header;
use crate::jws::Decoded;
use crate::key::VerifyingKey;
use crate::key_set::KeySet;
use crate::token::{self, TokenData};
use crate::validation::Validation;

/// A token that has passed the checks that need no key (size, structure, encoding, `alg`
/// allow-list, `crit`, `typ`) but whose signature has not been verified yet.
///
/// Its header may be read (to pick a key by `kid`); its payload may not, until
/// [`verify`](Self::verify) turns it into [`TokenData`]. It borrows the token and the
/// settings; [`OwnedUntrustedToken`] is the same step owning both, for keeping between calls
/// (a Python or JavaScript object, a task that fetches keys).
///
/// ```
/// use jwt_core::{Algorithm, Clock, HmacKey, Header, SigningKey, UntrustedToken, Validation, VerifyingKey};
/// use serde_json::json;
///
/// let secret = HmacKey::new(&[7; 32])?;
/// let signer = SigningKey::hmac(Algorithm::HS256, secret.clone())?;
/// let token = jwt_core::encode(&signer, &Header::new().with_kid("k1"), &json!({"exp": 2_000_000_000}))?;
///
/// let validation = Validation::new_with_clock(Algorithm::HS256, Clock::Fixed(1_700_000_000));
/// let untrusted = UntrustedToken::parse(&token, &validation)?;
/// assert_eq!(untrusted.header().kid(), Some("k1")); // look the key up by kid here
/// let verified = untrusted.verify::<jwt_core::Claims>(&VerifyingKey::from(secret))?;
/// assert_eq!(verified.claims["exp"], 2_000_000_000);
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Debug)]
pub struct UntrustedToken<'a> {
    validation: &'a Validation,
    decoded: Decoded<'a>,
}

impl<'a> UntrustedToken<'a> {
    /// Runs every check that needs no key, in the documented order: size, structure and
    /// base64url of all three segments, header JSON, then `alg`, `crit` and `typ` against
    /// `validation`. The token is text or bytes (`&str`, `&[u8]`, ...).
    #[inline]
    pub fn parse<T: AsRef<[u8]> + ?Sized>(
        token: &'a T,
        validation: &'a Validation,
    ) -> Result<Self> {
        Self::parse_into(token.as_ref(), validation, &mut [])
    }

    /// As [`parse`](Self::parse), decoding into `scratch` if the segments fit.
    #[inline]
    pub(crate) fn parse_into(
        token: &'a [u8],
        validation: &'a Validation,
        scratch: &'a mut [MaybeUninit<u8>],
    ) -> Result<Self> {
        let decoded = Decoded::parse_checked(
            token,
            validation.get_max_token_bytes(),
            &validation.header_policy(),
            scratch,
        )?;
        Ok(Self {
            validation,
            decoded,
        })
    }

    /// The token's algorithm (in the allow-list).
    pub fn algorithm(&self) -> Algorithm {
        self.decoded.algorithm()
    }

    /// The token's header. Unverified: treat `kid` as an opaque lookup string.
    pub fn header(&self) -> &Header {
        self.decoded.header()
    }

    /// The token's decoded signature (public bytes; checked only by the `verify` methods).
    pub fn signature(&self) -> &[u8] {
        self.decoded.signature()
    }

    /// Verifies the signature with `key`, then validates the claims and deserializes them.
    #[inline]
    pub fn verify<C: DeserializeOwned>(mut self, key: &VerifyingKey) -> Result<TokenData<C>> {
        self.decoded.verify_signature(key)?;
        let validation = self.validation;
        let payload = self.decoded.payload();
        let claims =
            token::read_claims(payload, |claims| validation.check_claims(claims, payload))?;
        let (algorithm, header) = self.decoded.take_header();
        Ok(TokenData {
            algorithm,
            header,
            claims,
        })
    }

    /// Verifies the signature with `key` and validates the claims as
    /// [`verify`](Self::verify) does, and returns them as the JSON text the token carries
    /// (as [`TokenData::claims`]): for a caller that parses JSON itself, such as a JavaScript
    /// binding, so that the claims are not read into a type and written again.
    pub fn verify_json(self, key: &VerifyingKey) -> Result<TokenData<Vec<u8>>> {
        self.decoded.verify_signature(key)?;
        let validation = self.validation;
        let payload = self.decoded.payload();
        token::read_claims::<IgnoredAny>(payload, |claims| {
            validation.check_claims(claims, payload)
        })?;
        let (algorithm, header, payload) = self.decoded.into_parts();
        Ok(TokenData {
            algorithm,
            header,
            claims: payload,
        })
    }

    /// Picks the key from `keys` as [`verify_with_set`](Self::verify_with_set) does, then
    /// verifies as [`verify_json`](Self::verify_json) does.
    pub fn verify_json_with_set(self, keys: &KeySet) -> Result<TokenData<Vec<u8>>> {
        let key = keys.select(self.algorithm(), self.header().kid())?;
        self.verify_json(key)
    }

    /// Picks the key from `keys` by this token's `kid` and `alg` (see [`KeySet::select`]),
    /// then verifies as [`verify`](Self::verify) does.
    pub fn verify_with_set<C: DeserializeOwned>(self, keys: &KeySet) -> Result<TokenData<C>> {
        let key = keys.select(self.algorithm(), self.header().kid())?;
        self.verify(key)
    }

    /// Verifies the signature with `key` and returns the raw payload bytes (as
    /// [`TokenData::claims`]), for JWS payloads that are not JWT claims. No claim is validated.
    pub fn verify_payload(self, key: &VerifyingKey) -> Result<TokenData<Vec<u8>>> {
        self.decoded.verify_signature(key)?;
        let (algorithm, header, payload) = self.decoded.into_parts();
        Ok(TokenData {
            algorithm,
            header,
            claims: payload,
        })
    }
}

/// An [`UntrustedToken`] that owns the token text and its settings: nothing is borrowed, so
/// it can be kept between calls, sent between threads, and handed across a language
/// boundary. The guarantee is the same: the header may be read, the claims only come out of
/// a successful [`verify`](Self::verify), which runs every check again with the key.
///
/// ```
/// use jwt_core::{Algorithm, Claims, Clock, Header, KeySet, OwnedUntrustedToken, SigningKey, Validation};
/// use serde_json::json;
///
/// let signer = SigningKey::from_pem(Algorithm::EdDSA, include_str!("../tests/keys/ed25519-private-pkcs8.pem"))?
///     .with_kid("2026-11");
/// let token = jwt_core::encode(&signer, &Header::new(), &json!({"sub": "u1", "exp": 2_000_000_000}))?;
///
/// let validation = Validation::new_with_clock(Algorithm::EdDSA, Clock::Fixed(1_700_000_000));
/// let untrusted = OwnedUntrustedToken::parse(token, validation)?;
/// assert_eq!(untrusted.header().kid(), Some("2026-11"));
/// // ... later, with the key set fetched for that kid:
/// let keys = KeySet::new([signer.verifying_key()])?;
/// let verified = untrusted.verify_with_set::<Claims>(&keys)?;
/// assert_eq!(verified.claims["sub"], "u1");
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct OwnedUntrustedToken {
    token: String,
    validation: Validation,
    algorithm: Algorithm,
    header: Header,
}

impl OwnedUntrustedToken {
    /// Runs every check that needs no key, as [`UntrustedToken::parse`] does, and keeps the
    /// token and the settings.
    pub fn parse(token: impl Into<String>, validation: Validation) -> Result<Self> {
        let token = token.into();
        let (algorithm, header) = {
            let untrusted = UntrustedToken::parse(&token, &validation)?;
            (untrusted.algorithm(), untrusted.header().clone())
        };
        Ok(Self {
            token,
            validation,
            algorithm,
            header,
        })
    }

    /// The token's algorithm (in the allow-list).
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The token's header. Unverified: treat `kid` as an opaque lookup string.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The settings the token is checked against.
    pub fn validation(&self) -> &Validation {
        &self.validation
    }

    /// The token as this step borrows it.
    fn untrusted(&self) -> Result<UntrustedToken<'_>> {
        UntrustedToken::parse(&self.token, &self.validation)
    }

    /// Verifies the signature with `key`, then validates the claims and deserializes them
    /// (see [`UntrustedToken::verify`]).
    pub fn verify<C: DeserializeOwned>(&self, key: &VerifyingKey) -> Result<TokenData<C>> {
        self.untrusted()?.verify(key)
    }

    /// Picks the key from `keys` by the token's `kid` and `alg`, then verifies (see
    /// [`UntrustedToken::verify_with_set`]).
    pub fn verify_with_set<C: DeserializeOwned>(&self, keys: &KeySet) -> Result<TokenData<C>> {
        self.untrusted()?.verify_with_set(keys)
    }

    /// Verifies and validates as [`UntrustedToken::verify_json`] does.
    pub fn verify_json(&self, key: &VerifyingKey) -> Result<TokenData<Vec<u8>>> {
        self.untrusted()?.verify_json(key)
    }

    /// Verifies the signature with `key` and returns the raw payload (see
    /// [`UntrustedToken::verify_payload`]).
    pub fn verify_payload(&self, key: &VerifyingKey) -> Result<TokenData<Vec<u8>>> {
        self.untrusted()?.verify_payload(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::hmac::HmacKey;
    use crate::claims::Claims;
    use crate::error::{Error, ErrorKind};
    use crate::key::SigningKey;
    use crate::time::Clock;
    use serde_json::json;

    fn signer() -> SigningKey {
        SigningKey::hmac(Algorithm::HS256, HmacKey::new(&[5; 32]).unwrap()).unwrap()
    }

    fn validation() -> Validation {
        Validation::new_with_clock(Algorithm::HS256, Clock::Fixed(100))
    }

    #[test]
    fn owned_tokens_give_claims_only_after_the_signature() {
        let token = crate::encode(
            &signer(),
            &Header::new().with_kid("k"),
            &json!({"exp": 200}),
        )
        .unwrap();
        let untrusted = OwnedUntrustedToken::parse(token.as_str(), validation()).unwrap();
        assert_eq!(
            (untrusted.algorithm(), untrusted.header().kid()),
            (Algorithm::HS256, Some("k"))
        );
        let other = SigningKey::hmac(Algorithm::HS256, HmacKey::new(&[6; 32]).unwrap()).unwrap();
        assert_eq!(
            untrusted
                .verify::<Claims>(&other.verifying_key())
                .unwrap_err(),
            Error::InvalidSignature
        );
        let verified = untrusted
            .verify::<Claims>(&signer().verifying_key())
            .unwrap();
        assert_eq!(verified.claims["exp"], 200);
        let payload = untrusted.verify_payload(&signer().verifying_key()).unwrap();
        assert_eq!(payload.claims, br#"{"exp":200}"#);
        let json = untrusted.verify_json(&signer().verifying_key()).unwrap();
        assert_eq!(json.claims, br#"{"exp":200}"#);
    }

    #[test]
    fn owned_tokens_are_checked_as_borrowed_ones_are() {
        let expired = crate::encode(&signer(), &Header::new(), &json!({"exp": 50})).unwrap();
        let untrusted = OwnedUntrustedToken::parse(expired, validation()).unwrap();
        assert_eq!(
            untrusted
                .verify::<Claims>(&signer().verifying_key())
                .unwrap_err()
                .kind(),
            ErrorKind::Expired
        );
        assert_eq!(
            untrusted
                .verify_json(&signer().verifying_key())
                .unwrap_err()
                .kind(),
            ErrorKind::Expired
        );
        let typed = validation().typ("at+jwt");
        let token = crate::encode(&signer(), &Header::new(), &json!({"exp": 200})).unwrap();
        assert_eq!(
            OwnedUntrustedToken::parse(token, typed).unwrap_err().kind(),
            ErrorKind::InvalidType
        );
    }

    #[test]
    fn owned_tokens_cross_threads() {
        fn shareable<T: Send + Sync + 'static>(_: &T) {}
        let token = crate::encode(&signer(), &Header::new(), &json!({"exp": 200})).unwrap();
        let untrusted = OwnedUntrustedToken::parse(token, validation()).unwrap();
        shareable(&untrusted);
    }
}
