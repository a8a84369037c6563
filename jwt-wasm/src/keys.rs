//! Keys as JavaScript holds them: parsed once by jwt-core, then passed by handle.
//!
//! `js/keys.js` keeps these handles in a bounded cache keyed by the key's bytes (or in a
//! `WeakMap` keyed by the caller's `KeyObject` or JWK object), so a key is parsed once however
//! often it is passed.

use jwt_core::{Algorithm, Error, HmacKey, KeyFamily, KeyRing, KeySet, SigningKey, VerifyingKey};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::errors::Failure;

/// A key that verifies: one key, or a JWK Set whose member is chosen by the token's `kid`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct VerifyKey {
    pub(crate) inner: Verifier,
}

/// What a [`VerifyKey`] holds.
#[derive(Debug)]
pub(crate) enum Verifier {
    One(VerifyingKey),
    Set(KeySet),
}

/// A key that signs, bound to its algorithm.
#[wasm_bindgen]
#[derive(Debug)]
pub struct SignKey {
    pub(crate) inner: SigningKey,
}

/// jwt-core's [`KeyRing`]: signs with the current key, verifies with every key not retired,
/// and publishes the public keys as a JWK Set.
#[wasm_bindgen(js_name = KeyRing)]
#[derive(Debug)]
pub struct Ring {
    pub(crate) inner: KeyRing,
}

/// Whether jsonwebtoken's `secretOrPublicKey` bytes are PEM text rather than a secret.
/// TODO(jwt-core): `VerifyingKey::from_pem_or_secret` / `SigningKey::from_pem_or_secret`, so
/// that the rule "PEM text is never an HMAC secret" lives in the core for every binding.
fn is_pem(bytes: &[u8]) -> bool {
    bytes.trim_ascii_start().starts_with(b"-----BEGIN ")
}

/// An HMAC secret: at least as long as the hash output, unless the caller allows shorter.
fn secret(bytes: &[u8], allow_short: bool) -> Result<HmacKey, Error> {
    if allow_short {
        jwt_core::dangerous::insecure_short_hmac_key(bytes)
    } else {
        HmacKey::new(bytes)
    }
}

/// PEM text as a string, which jwt-core reads (a PEM document is ASCII).
fn pem_text(bytes: &[u8]) -> Result<&str, Error> {
    core::str::from_utf8(bytes).map_err(|_| jwt_core::KeyProblem::MalformedPem.into())
}

fn family_name(family: KeyFamily) -> String {
    family.to_string()
}

#[wasm_bindgen]
impl VerifyKey {
    /// jsonwebtoken's `secretOrPublicKey` as bytes (a string's UTF-8, a Buffer's contents):
    /// a PEM public or private key if it is PEM text, an HMAC secret otherwise.
    #[wasm_bindgen(js_name = fromSecretOrPem)]
    pub fn from_secret_or_pem(
        bytes: &[u8],
        allow_short_secret: bool,
    ) -> Result<VerifyKey, Failure> {
        let key = if is_pem(bytes) {
            VerifyingKey::from_pem(pem_text(bytes)?)?
        } else {
            VerifyingKey::from(secret(bytes, allow_short_secret)?)
        };
        Ok(Self::one(key))
    }

    /// An HMAC secret (a secret `KeyObject`'s bytes, or `keyFormat: "secret"`), never read
    /// as PEM.
    #[wasm_bindgen(js_name = fromSecret)]
    pub fn from_secret(bytes: &[u8], allow_short_secret: bool) -> Result<VerifyKey, Failure> {
        Ok(Self::one(VerifyingKey::from(secret(
            bytes,
            allow_short_secret,
        )?)))
    }

    /// A PEM public or private key (`keyFormat: "pem"`), never an HMAC secret.
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(bytes: &[u8]) -> Result<VerifyKey, Failure> {
        Ok(Self::one(VerifyingKey::from_pem(pem_text(bytes)?)?))
    }

    /// A JWK (public or private; a private key's public half is kept), as JSON text.
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(json: &str) -> Result<VerifyKey, Failure> {
        Ok(Self::one(VerifyingKey::from_jwk(json)?))
    }

    /// A JWK Set `{"keys": [...]}` as JSON text; members this library cannot use are skipped.
    #[wasm_bindgen(js_name = fromJwks)]
    pub fn from_jwks(json: &str) -> Result<VerifyKey, Failure> {
        Ok(Self {
            inner: Verifier::Set(KeySet::from_jwks(json)?),
        })
    }

    fn one(key: VerifyingKey) -> Self {
        Self {
            inner: Verifier::One(key),
        }
    }

    /// The key's family (`"HMAC"`, `"RSA"`, `"Ed25519"`), or `"set"` for a JWK Set.
    #[wasm_bindgen(getter)]
    pub fn family(&self) -> String {
        match &self.inner {
            Verifier::One(key) => family_name(key.family()),
            Verifier::Set(_) => "set".into(),
        }
    }
}

#[wasm_bindgen]
impl SignKey {
    /// jsonwebtoken's `secretOrPrivateKey` as bytes, for `algorithm`: a PEM private key if it
    /// is PEM text, an HMAC secret otherwise.
    #[wasm_bindgen(js_name = fromSecretOrPem)]
    pub fn from_secret_or_pem(
        algorithm: &str,
        bytes: &[u8],
        allow_short_secret: bool,
    ) -> Result<SignKey, Failure> {
        let algorithm = algorithm_named(algorithm)?;
        let key = if is_pem(bytes) {
            SigningKey::from_pem(algorithm, pem_text(bytes)?)?
        } else {
            SigningKey::hmac(algorithm, secret(bytes, allow_short_secret)?)?
        };
        Ok(Self { inner: key })
    }

    /// An HMAC secret (a secret `KeyObject`'s bytes, or `keyFormat: "secret"`) for
    /// `algorithm`, never read as PEM.
    #[wasm_bindgen(js_name = fromSecret)]
    pub fn from_secret(
        algorithm: &str,
        bytes: &[u8],
        allow_short_secret: bool,
    ) -> Result<SignKey, Failure> {
        let key = SigningKey::hmac(
            algorithm_named(algorithm)?,
            secret(bytes, allow_short_secret)?,
        )?;
        Ok(Self { inner: key })
    }

    /// A PEM private key for `algorithm` (`keyFormat: "pem"`), never an HMAC secret.
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(algorithm: &str, bytes: &[u8]) -> Result<SignKey, Failure> {
        let key = SigningKey::from_pem(algorithm_named(algorithm)?, pem_text(bytes)?)?;
        Ok(Self { inner: key })
    }

    /// A private JWK, as JSON text, for `algorithm`.
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(algorithm: &str, json: &str) -> Result<SignKey, Failure> {
        Ok(Self {
            inner: SigningKey::from_jwk(json, algorithm_named(algorithm)?)?,
        })
    }

    /// A new random key for `algorithm` (an HMAC secret as long as the hash output, a 2048-bit
    /// RSA key, or an Ed25519 key), named by its RFC 7638 thumbprint. The randomness is
    /// `crypto.getRandomValues`.
    pub fn generate(algorithm: &str) -> Result<SignKey, Failure> {
        let key = SigningKey::generate(algorithm_named(algorithm)?)?;
        Ok(Self {
            inner: key.with_thumbprint_kid(),
        })
    }

    /// This key, named `kid`.
    #[wasm_bindgen(js_name = withKid)]
    pub fn with_kid(&self, kid: &str) -> SignKey {
        Self {
            inner: self.inner.clone().with_kid(kid),
        }
    }

    /// The public JWK as JSON text; `None` for an HMAC secret, which has no public form.
    #[wasm_bindgen(getter, js_name = publicJwk)]
    pub fn public_jwk(&self) -> Option<String> {
        let jwk = self.inner.to_public_jwk().ok()?;
        Some(serde_json::Value::Object(jwk).to_string())
    }

    /// The JWK with its private members, as JSON text.
    #[wasm_bindgen(js_name = toPrivateJwk)]
    pub fn to_private_jwk(&self) -> String {
        serde_json::Value::Object(self.inner.to_private_jwk()).to_string()
    }
}

#[wasm_bindgen(js_class = KeyRing)]
impl Ring {
    /// A ring whose signing key is `current` (named by its thumbprint if it has no `kid`).
    #[wasm_bindgen(constructor)]
    pub fn new(current: &SignKey) -> Result<Ring, Failure> {
        Ok(Self {
            inner: KeyRing::new(current.inner.clone())?,
        })
    }

    /// Makes `next` the signing key; the previous one verifies until retired.
    pub fn rotate(&mut self, next: &SignKey) -> Result<(), Failure> {
        Ok(self.inner.rotate(next.inner.clone())?)
    }

    /// Stops accepting tokens signed by the key `kid`.
    pub fn retire(&mut self, kid: &str) -> Result<(), Failure> {
        Ok(self.inner.retire(kid)?)
    }

    /// The current signing key's id.
    #[wasm_bindgen(getter, js_name = currentKid)]
    pub fn current_kid(&self) -> Option<String> {
        self.inner.signing_key().kid().map(Into::into)
    }

    /// The public JWK Set of the verifying keys, as JSON text.
    pub fn jwks(&self) -> String {
        serde_json::Value::Object(self.inner.jwks()).to_string()
    }
}

/// The algorithm named `name` (jwt-core's names: `"HS256"`, ..., `"EdDSA"`).
pub(crate) fn algorithm_named(name: &str) -> Result<Algorithm, Error> {
    name.parse()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_text_is_never_a_secret() {
        assert!(is_pem(
            b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"
        ));
        assert!(is_pem(b"\n  -----BEGIN RSA PRIVATE KEY-----"));
        assert!(!is_pem(b"a secret of at least thirty-two bytes!"));
        let pem = "-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----";
        let err = VerifyKey::from_secret_or_pem(pem.as_bytes(), true).unwrap_err();
        assert_eq!(err.code(), "InvalidKey");
    }

    #[test]
    fn short_secrets_need_the_escape_hatch() {
        let err = VerifyKey::from_secret_or_pem(b"short", false).unwrap_err();
        assert_eq!(err.code(), "InvalidKey");
        assert_eq!(
            VerifyKey::from_secret_or_pem(b"short", true)
                .unwrap()
                .family(),
            "HMAC"
        );
        assert!(VerifyKey::from_secret_or_pem(b"", true).is_err());
    }

    #[test]
    fn algorithms_by_name() {
        assert_eq!(algorithm_named("EdDSA").unwrap(), Algorithm::EdDSA);
        assert_eq!(
            algorithm_named("none").unwrap_err().kind().code(),
            "InvalidAlgorithm"
        );
        assert_eq!(
            algorithm_named("ES256").unwrap_err().kind().code(),
            "InvalidAlgorithm"
        );
    }
}
