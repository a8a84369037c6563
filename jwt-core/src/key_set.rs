//! Sets of verifying keys, from a JWK Set or built by hand, and choosing the key a token was
//! signed with.

use alloc::string::String;
use alloc::vec::Vec;

use serde_json::Value;

use crate::alg::Algorithm;
use crate::error::{Error, KeyOperation, KeyProblem, Result};
use crate::jwk::Imported;
use crate::jwk_set::JwkSet;
use crate::key::VerifyingKey;

/// A set of verifying keys, from a [`JwkSet`] or built by hand, that picks the key for a
/// token by its `kid` and `alg`.
///
/// Members this library cannot use (another `kty`, an unknown `alg`, `use` `enc`, malformed
/// members) are skipped, as PyJWT and jose do; a set with no usable key is refused.
///
/// ```
/// use jwt_core::{Algorithm, Claims, Clock, Header, KeySet, SigningKey, Validation};
/// use serde_json::json;
///
/// // The identity provider signs with a named key and publishes its JWKS.
/// let signer = SigningKey::from_pem(Algorithm::EdDSA, include_str!("../tests/keys/ed25519-private-pkcs8.pem"))?
///     .with_kid("2026-11");
/// let jwks = json!({"keys": [signer.to_public_jwk()?, {"kty": "EC", "crv": "P-256", "x": "..."}]});
/// let token = jwt_core::encode(&signer, &Header::new(), &json!({"sub": "u1", "exp": 2_000_000_000}))?;
///
/// // The API fetched the JWKS once; each request verifies against it.
/// let keys = KeySet::from_jwk_set(&jwks.to_string().parse()?)?;
/// assert_eq!((keys.keys().len(), keys.skipped()), (1, 1));
/// let validation = Validation::new_with_clock(Algorithm::EdDSA, Clock::Fixed(1_700_000_000));
/// let verified = jwt_core::decode_with_set::<Claims>(&token, &keys, &validation)?;
/// assert_eq!(verified.claims["sub"], "u1");
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct KeySet {
    keys: Vec<VerifyingKey>,
    skipped: usize,
}

impl KeySet {
    /// A set of the given keys; refused if there are none.
    pub fn new(keys: impl IntoIterator<Item = VerifyingKey>) -> Result<Self> {
        let keys: Vec<VerifyingKey> = keys.into_iter().collect();
        if keys.is_empty() {
            return Err(KeyProblem::NoUsableKey.into());
        }
        Ok(Self { keys, skipped: 0 })
    }

    /// The keys of a JWK Set that this library can use; refused if there are none.
    pub fn from_jwk_set(set: &JwkSet) -> Result<Self> {
        let members = set.members();
        let mut keys = Vec::with_capacity(members.len());
        for member in members {
            let usable = match member {
                Value::Object(jwk) => Imported::read(jwk, KeyOperation::Verify)
                    .and_then(Imported::into_verifying_key)
                    .ok(),
                _ => None,
            };
            keys.extend(usable);
        }
        let skipped = members.len() - keys.len();
        Ok(Self {
            skipped,
            ..Self::new(keys)?
        })
    }

    /// The usable keys.
    pub fn keys(&self) -> &[VerifyingKey] {
        &self.keys
    }

    /// How many members of the JWKS document were skipped as unusable.
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// The key for a token with `algorithm` and `kid`.
    ///
    /// With a `kid`: the keys of that id; the one meant for `algorithm` (of its family and,
    /// for EC, of its curve) is chosen. None of that id is [`Error::UnknownKeyId`]; some, but
    /// none meant for the algorithm, is why the first of them does not fit
    /// ([`Error::KeyAlgorithmMismatch`], or [`KeyProblem::WrongCurve`]); several meant for it
    /// is ambiguous, so [`Error::UnknownKeyId`]. Without a `kid`: the one key meant for
    /// `algorithm`, else [`Error::UnknownKeyId`].
    pub fn select(&self, algorithm: Algorithm, kid: Option<&str>) -> Result<&VerifyingKey> {
        let unknown = || Error::UnknownKeyId {
            kid: kid.map(String::from),
        };
        let mut chosen = None;
        let mut refusal = None;
        for key in &self.keys {
            if kid.is_some_and(|kid| key.kid() != Some(kid)) {
                continue;
            }
            match key.fit(algorithm) {
                Ok(()) if chosen.is_some() => return Err(unknown()),
                Ok(()) => chosen = Some(key),
                Err(err) => {
                    refusal.get_or_insert(err);
                }
            }
        }
        match (chosen, refusal, kid) {
            (Some(key), _, _) => Ok(key),
            (None, Some(refusal), Some(_)) => Err(refusal),
            (None, _, _) => Err(unknown()),
        }
    }

    /// The public JWK Set of this set, for serving at `/.well-known/jwks.json`. HMAC secrets
    /// have no public form and are left out.
    pub fn to_jwk_set(&self) -> JwkSet {
        JwkSet::new(self.keys.iter().filter_map(|key| key.to_public_jwk().ok()))
    }

    pub(crate) fn push(&mut self, key: VerifyingKey) {
        self.keys.push(key);
    }

    pub(crate) fn remove(&mut self, kid: &str) -> Option<VerifyingKey> {
        let index = self.keys.iter().position(|key| key.kid() == Some(kid))?;
        Some(self.keys.remove(index))
    }
}

impl TryFrom<&JwkSet> for KeySet {
    type Error = Error;

    /// See [`KeySet::from_jwk_set`].
    fn try_from(set: &JwkSet) -> Result<Self> {
        Self::from_jwk_set(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::hmac::HmacKey;
    use crate::error::ErrorKind;
    use alloc::string::ToString;
    use serde_json::json;

    const K: &str = "hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg";
    const X: &str = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    fn set(keys: Value) -> Result<KeySet> {
        KeySet::from_jwk_set(&json!({ "keys": keys }).to_string().parse()?)
    }

    fn kind(result: Result<&VerifyingKey>) -> core::result::Result<Option<&str>, ErrorKind> {
        result.map(VerifyingKey::kid).map_err(|err| err.kind())
    }

    #[test]
    fn skips_unusable_members_and_refuses_empty_sets() {
        let keys = set(json!([
            {"kty": "EC", "crv": "P-256", "x": X, "y": X},
            {"kty": "oct", "k": K, "use": "enc"},
            {"kty": "oct", "k": K, "alg": "A128KW"},
            "not an object",
            {"kty": "OKP", "crv": "Ed25519", "x": X, "kid": "ed"},
        ]))
        .unwrap();
        assert_eq!((keys.keys().len(), keys.skipped()), (1, 4));
        for bad in [json!([]), json!([{"kty": "EC"}])] {
            assert_eq!(
                set(bad).unwrap_err(),
                Error::InvalidKey(KeyProblem::NoUsableKey)
            );
        }
        for bad in [r#"{"keys":{}}"#, r#"{}"#, "[]", r#"{"keys":[],"keys":[]}"#] {
            assert_eq!(
                bad.parse::<JwkSet>().unwrap_err().kind(),
                ErrorKind::InvalidKey
            );
        }
    }

    #[test]
    fn selects_by_kid_then_by_algorithm() {
        let keys = set(json!([
            {"kty": "oct", "k": K, "kid": "a"},
            {"kty": "OKP", "crv": "Ed25519", "x": X, "kid": "a"},
            {"kty": "oct", "k": K, "kid": "b", "alg": "HS256"},
            {"kty": "oct", "k": K, "kid": "b"},
            {"kty": "OKP", "crv": "Ed25519", "x": X, "kid": "c"},
        ]))
        .unwrap();
        assert_eq!(
            kind(keys.select(Algorithm::HS256, Some("a"))),
            Ok(Some("a"))
        );
        assert_eq!(
            keys.select(Algorithm::EdDSA, Some("a")).unwrap().family(),
            crate::alg::KeyFamily::Ed25519
        );
        assert_eq!(
            kind(keys.select(Algorithm::HS256, Some("b"))),
            Err(ErrorKind::UnknownKeyId)
        );
        assert_eq!(
            kind(keys.select(Algorithm::HS384, Some("b"))),
            Ok(Some("b"))
        );
        assert_eq!(
            kind(keys.select(Algorithm::HS256, Some("c"))),
            Err(ErrorKind::KeyAlgorithmMismatch)
        );
        assert_eq!(
            kind(keys.select(Algorithm::HS256, Some("z"))),
            Err(ErrorKind::UnknownKeyId)
        );
        assert_eq!(
            kind(keys.select(Algorithm::RS256, None)),
            Err(ErrorKind::UnknownKeyId)
        );
        assert_eq!(
            kind(keys.select(Algorithm::EdDSA, None)),
            Err(ErrorKind::UnknownKeyId)
        );
        let single =
            set(json!([{"kty": "OKP", "crv": "Ed25519", "x": X}, {"kty": "oct", "k": K}])).unwrap();
        assert_eq!(kind(single.select(Algorithm::EdDSA, None)), Ok(None));
    }

    #[test]
    fn kids_are_opaque_and_exact() {
        let kid = "../../etc/passwd' OR 1=1 --";
        let keys = KeySet::new([VerifyingKey::from(HmacKey::new(&[1; 32]).unwrap()).with_kid(kid)])
            .unwrap();
        assert_eq!(
            kind(keys.select(Algorithm::HS256, Some(kid))),
            Ok(Some(kid))
        );
        assert_eq!(
            kind(keys.select(Algorithm::HS256, Some(&kid.to_uppercase()))),
            Err(ErrorKind::UnknownKeyId)
        );
    }

    #[test]
    fn public_jwks_leaves_secrets_out() {
        let keys = set(
            json!([{"kty": "oct", "k": K}, {"kty": "OKP", "crv": "Ed25519", "x": X, "kid": "ed"}]),
        )
        .unwrap();
        let document: Value = serde_json::from_str(&keys.to_jwk_set().to_string()).unwrap();
        assert_eq!(
            document,
            json!({"keys": [{"kty": "OKP", "crv": "Ed25519", "x": X, "kid": "ed", "use": "sig"}]})
        );
    }
}
