//! Keys as JavaScript holds them: parsed once by jwt-core, then passed by handle.
//!
//! `js/keys.js` keeps these handles in a bounded cache keyed by the key's bytes (or in a
//! `WeakMap` keyed by the caller's `KeyObject`), so a key is parsed once however often it is
//! passed. Which bytes are a key and which a secret is jwt-core's [`KeyMaterial::sort`].

use jwt_core::{
    Algorithm, Error, HmacKey, Jwk, KeyMaterial, KeyProblem, KeyRing, KeySet, SigningKey,
    VerifyingKey,
};
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

/// An HMAC secret: at least as long as the hash output, unless the caller allows shorter
/// (`allowInsecureKeySizes`).
fn secret(bytes: &[u8], allow_short: bool) -> Result<HmacKey, Error> {
    if allow_short {
        jwt_core::dangerous::insecure_short_hmac_key(bytes)
    } else {
        HmacKey::new(bytes)
    }
}

/// PEM text as a string, which jwt-core reads (a PEM document is ASCII).
fn pem_text(bytes: &[u8]) -> Result<&str, Error> {
    core::str::from_utf8(bytes).map_err(|_| KeyProblem::MalformedPem.into())
}

/// A JWK given as JSON text.
fn jwk(json: &str) -> Result<Jwk, Error> {
    json.parse()
}

#[wasm_bindgen]
impl VerifyKey {
    /// jsonwebtoken's `secretOrPublicKey` as bytes (a string's UTF-8, a Buffer's contents),
    /// read as jwt-core sorts them: a key in any encoding (PEM, DER, JWK or JWK Set JSON) is
    /// that key, an SSH key is refused, anything else is an HMAC secret.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8], allow_short_secret: bool) -> Result<VerifyKey, Failure> {
        let key = match KeyMaterial::sort(bytes)? {
            KeyMaterial::Pem(pem) => VerifyingKey::from_pem(pem)?,
            KeyMaterial::Der(der) => VerifyingKey::from_der(der)?,
            KeyMaterial::Jwk(jwk) => VerifyingKey::from_jwk(&jwk)?,
            KeyMaterial::JwkSet(set) => return Ok(Self::set(KeySet::from_jwk_set(&set)?)),
            KeyMaterial::Secret(bytes) => secret(bytes, allow_short_secret)?.into(),
            _ => return Err(Error::from(KeyProblem::UnsupportedKeyType).into()),
        };
        Ok(Self::one(key))
    }

    /// An HMAC secret (a secret `KeyObject`'s bytes, or `keyFormat: "secret"`), never read
    /// as a key of another kind.
    #[wasm_bindgen(js_name = fromSecret)]
    pub fn from_secret(bytes: &[u8], allow_short_secret: bool) -> Result<VerifyKey, Failure> {
        Ok(Self::one(secret(bytes, allow_short_secret)?.into()))
    }

    /// A PEM public or private key (`keyFormat: "pem"`), never an HMAC secret.
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(bytes: &[u8]) -> Result<VerifyKey, Failure> {
        Ok(Self::one(VerifyingKey::from_pem(pem_text(bytes)?)?))
    }

    /// A JavaScript object given as the key, as JSON text: a JWK Set if jwt-core sorts it as
    /// one, otherwise a JWK (public or private; a private key's public half is kept).
    #[wasm_bindgen(js_name = fromObject)]
    pub fn from_object(json: &str) -> Result<VerifyKey, Failure> {
        let key = match KeyMaterial::sort(json.as_bytes())? {
            KeyMaterial::JwkSet(set) => return Ok(Self::set(KeySet::from_jwk_set(&set)?)),
            KeyMaterial::Jwk(jwk) => VerifyingKey::from_jwk(&jwk)?,
            // An object that is neither is refused as a JWK, with the member it lacks.
            _ => VerifyingKey::from_jwk(&jwk(json)?)?,
        };
        Ok(Self::one(key))
    }

    /// A JWK as JSON text (a Node `KeyObject` exported as one).
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(json: &str) -> Result<VerifyKey, Failure> {
        Ok(Self::one(VerifyingKey::from_jwk(&jwk(json)?)?))
    }

    fn one(key: VerifyingKey) -> Self {
        Self {
            inner: Verifier::One(key),
        }
    }

    fn set(keys: KeySet) -> Self {
        Self {
            inner: Verifier::Set(keys),
        }
    }

    /// The key's family (`"HMAC"`, `"RSA"`, `"Ed25519"`, ...), or `"set"` for a JWK Set.
    #[wasm_bindgen(getter)]
    pub fn family(&self) -> String {
        match &self.inner {
            Verifier::One(key) => key.family().to_string(),
            Verifier::Set(_) => "set".into(),
        }
    }
}

#[wasm_bindgen]
impl SignKey {
    /// jsonwebtoken's `secretOrPrivateKey` as bytes, for `algorithm`, read as jwt-core sorts
    /// them (see [`VerifyKey::from_bytes`]); a JWK Set cannot sign.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(
        algorithm: &str,
        bytes: &[u8],
        allow_short_secret: bool,
    ) -> Result<SignKey, Failure> {
        let algorithm = algorithm_named(algorithm)?;
        let key = match KeyMaterial::sort(bytes)? {
            KeyMaterial::Pem(pem) => SigningKey::from_pem(algorithm, pem)?,
            KeyMaterial::Der(der) => SigningKey::from_der(algorithm, der)?,
            KeyMaterial::Jwk(jwk) => SigningKey::from_jwk(algorithm, &jwk)?,
            KeyMaterial::Secret(bytes) => {
                SigningKey::hmac(algorithm, secret(bytes, allow_short_secret)?)?
            }
            _ => return Err(Error::from(KeyProblem::UnsupportedKeyType).into()),
        };
        Ok(Self { inner: key })
    }

    /// An HMAC secret (a secret `KeyObject`'s bytes, or `keyFormat: "secret"`) for
    /// `algorithm`, never read as a key of another kind.
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
            inner: SigningKey::from_jwk(algorithm_named(algorithm)?, &jwk(json)?)?,
        })
    }

    /// A new random key for `algorithm` (jwt-core's [`SigningKey::generate`]), named by its
    /// RFC 7638 thumbprint. The randomness is `crypto.getRandomValues`.
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
    #[wasm_bindgen(js_name = toPublicJwk)]
    pub fn to_public_jwk(&self) -> Result<Option<String>, Failure> {
        match self.inner.to_public_jwk() {
            Ok(jwk) => Ok(Some(jwk.to_string())),
            Err(Error::InvalidKey(KeyProblem::NoPublicForm)) => Ok(None),
            Err(err) => Err(err.into()),
        }
    }

    /// The JWK with its private members, as JSON text.
    #[wasm_bindgen(js_name = toPrivateJwk)]
    pub fn to_private_jwk(&self) -> Result<String, Failure> {
        Ok(self.inner.to_private_jwk()?.to_string())
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
        self.inner.jwk_set().to_string()
    }
}

/// The algorithm named `name`: any jwt-core implements, by its registered name.
pub(crate) fn algorithm_named(name: &str) -> Result<Algorithm, Error> {
    name.parse()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSA_PKCS8: &str = include_str!("../../jwt-core/tests/keys/rsa2048-private-pkcs8.pem");

    #[test]
    fn pem_der_and_jwk_bytes_are_never_secrets() {
        let pem = VerifyKey::from_bytes(RSA_PKCS8.as_bytes(), true).unwrap();
        assert_eq!(pem.family(), "RSA");
        let Verifier::One(key) = &pem.inner else {
            panic!("one key")
        };
        let der = key.to_public_der().unwrap();
        assert_eq!(VerifyKey::from_bytes(&der, false).unwrap().family(), "RSA");
        let jwk = key.to_public_jwk().unwrap().to_string();
        assert_eq!(
            VerifyKey::from_bytes(jwk.as_bytes(), false)
                .unwrap()
                .family(),
            "RSA"
        );
        let set = format!("{{\"keys\":[{jwk}]}}");
        assert_eq!(
            VerifyKey::from_bytes(set.as_bytes(), false)
                .unwrap()
                .family(),
            "set"
        );
        let broken = "-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----";
        let err = VerifyKey::from_bytes(broken.as_bytes(), true).unwrap_err();
        assert_eq!(err.code(), "InvalidKey");
        let ssh = VerifyKey::from_bytes(b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5", true).unwrap_err();
        assert_eq!(ssh.code(), "InvalidKey");
        let signer = SignKey::from_bytes("RS256", RSA_PKCS8.as_bytes(), false).unwrap();
        let private_der = signer.inner.to_private_der().unwrap();
        let from_der = SignKey::from_bytes("RS256", &private_der, false).unwrap();
        assert_eq!(from_der.inner.algorithm(), Algorithm::RS256);
        let set_signs = SignKey::from_bytes("RS256", set.as_bytes(), false).unwrap_err();
        assert_eq!(set_signs.code(), "InvalidKey");
    }

    #[test]
    fn objects_are_jwks_or_sets() {
        let secret = r#"{"kty":"oct","k":"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY"}"#;
        assert_eq!(VerifyKey::from_object(secret).unwrap().family(), "HMAC");
        let set = format!("{{\"keys\":[{secret}]}}");
        assert_eq!(VerifyKey::from_object(&set).unwrap().family(), "set");
        let neither = VerifyKey::from_object(r#"{"n":"AQAB"}"#).unwrap_err();
        assert_eq!(neither.code(), "InvalidKey");
    }

    #[test]
    fn short_secrets_need_the_escape_hatch() {
        let err = VerifyKey::from_bytes(b"short", false).unwrap_err();
        assert_eq!(err.code(), "InvalidKey");
        assert_eq!(
            VerifyKey::from_bytes(b"short", true).unwrap().family(),
            "HMAC"
        );
        assert!(VerifyKey::from_bytes(b"", true).is_err());
        assert!(SignKey::from_bytes("HS256", b"short", false).is_err());
        assert!(SignKey::from_bytes("HS256", b"short", true).is_ok());
    }

    #[test]
    fn only_secrets_have_no_public_jwk() {
        let secret = SignKey::from_secret("HS256", &[7; 32], false).unwrap();
        assert_eq!(secret.to_public_jwk().unwrap(), None);
        let rsa = SignKey::from_pem("RS256", RSA_PKCS8.as_bytes()).unwrap();
        let jwk = rsa.to_public_jwk().unwrap().unwrap();
        assert!(jwk.contains("\"kty\":\"RSA\"") && !jwk.contains("\"d\""));
    }

    #[test]
    fn algorithms_by_name() {
        assert_eq!(algorithm_named("EdDSA").unwrap(), Algorithm::EdDSA);
        assert_eq!(
            algorithm_named("none").unwrap_err().kind().code(),
            "InvalidAlgorithm"
        );
    }
}
