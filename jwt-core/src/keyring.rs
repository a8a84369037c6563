//! Key rotation: one current signing key, and the verifying keys of every key whose tokens may
//! still be in circulation.

use alloc::string::String;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{Error, KeyProblem, Result};
use crate::header::Header;
use crate::jwk_set::JwkSet;
use crate::key::{SigningKey, VerifyingKey};
use crate::key_set::KeySet;
use crate::token::TokenData;
use crate::validation::Validation;

/// Signs with the current key, verifies with any key not yet retired, and publishes the public
/// keys as a JWKS. Every key has a `kid` (its RFC 7638 thumbprint unless it was given one), and
/// every token carries the `kid` of the key that signed it.
///
/// Rotating is one call: the new key signs from then on, and the old one keeps verifying the
/// tokens it signed until it is retired (once they have all expired).
///
/// ```
/// use jwt_core::{Algorithm, Claims, Clock, Header, KeyRing, SigningKey, Validation};
/// use serde_json::json;
///
/// let first = SigningKey::from_pem(Algorithm::EdDSA, include_str!("../tests/keys/ed25519-private-pkcs8.pem"))?;
/// let mut ring = KeyRing::new(first.with_kid("2026-10"))?;
/// let claims = json!({"sub": "u1", "exp": 2_000_000_000});
/// let old_token = ring.encode(&Header::new(), &claims)?;
///
/// let second = SigningKey::from_pem(Algorithm::EdDSA, include_str!("../tests/keys/ed25519-other-private-pkcs8.pem"))?;
/// ring.rotate(second.with_kid("2026-11"))?;
/// let new_token = ring.encode(&Header::new(), &claims)?;
/// assert_eq!(jwt_core::decode_header(&new_token)?.1.kid(), Some("2026-11"));
///
/// let validation = Validation::new_with_clock(Algorithm::EdDSA, Clock::Fixed(1_700_000_000));
/// assert!(ring.decode::<Claims>(&old_token, &validation).is_ok());
/// assert!(ring.decode::<Claims>(&new_token, &validation).is_ok());
/// assert_eq!(ring.jwk_set().members().len(), 2);
///
/// ring.retire("2026-10")?;
/// assert!(ring.decode::<Claims>(&old_token, &validation).is_err());
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct KeyRing {
    current: SigningKey,
    keys: KeySet,
}

impl KeyRing {
    /// A ring whose current signing key is `current`.
    pub fn new(current: SigningKey) -> Result<Self> {
        let current = named(current);
        let keys = KeySet::new([current.verifying_key()])?;
        Ok(Self { current, keys })
    }

    /// Makes `next` the signing key. The previous key keeps verifying until retired.
    pub fn rotate(&mut self, next: SigningKey) -> Result<()> {
        let next = named(next);
        self.add_verifying_key(next.verifying_key())?;
        self.current = next;
        Ok(())
    }

    /// Also accepts tokens signed by `key` (a key announced ahead of use, or one held
    /// elsewhere). The key needs a `kid` that no other key of the ring has.
    pub fn add_verifying_key(&mut self, key: VerifyingKey) -> Result<()> {
        let Some(kid) = key.kid() else {
            return Err(KeyProblem::MissingKeyId.into());
        };
        if self
            .keys
            .keys()
            .iter()
            .any(|existing| existing.kid() == Some(kid))
        {
            return Err(KeyProblem::DuplicateKeyId(kid.into()).into());
        }
        self.keys.push(key);
        Ok(())
    }

    /// Stops accepting tokens signed by the key `kid`. The current signing key cannot be
    /// retired; rotate first.
    pub fn retire(&mut self, kid: &str) -> Result<()> {
        if self.current.kid() == Some(kid) {
            return Err(KeyProblem::RetiringCurrentKey.into());
        }
        self.keys.remove(kid).map(drop).ok_or(Error::UnknownKeyId {
            kid: Some(String::from(kid)),
        })
    }

    /// The current signing key.
    pub fn signing_key(&self) -> &SigningKey {
        &self.current
    }

    /// The keys that verify.
    pub fn key_set(&self) -> &KeySet {
        &self.keys
    }

    /// Signs `claims` with the current key; the header gets its `kid`.
    pub fn encode<C: Serialize + ?Sized>(&self, header: &Header, claims: &C) -> Result<String> {
        crate::token::encode(&self.current, header, claims)
    }

    /// Verifies `token` with the key its `kid` names.
    pub fn decode<C: DeserializeOwned>(
        &self,
        token: impl AsRef<[u8]>,
        validation: &Validation,
    ) -> Result<TokenData<C>> {
        crate::token::decode_with_set(token, &self.keys, validation)
    }

    /// The public JWK Set of the verifying keys (HMAC secrets left out), for
    /// `/.well-known/jwks.json`.
    pub fn jwk_set(&self) -> JwkSet {
        self.keys.to_jwk_set()
    }
}

/// The key, named by its thumbprint if it has no `kid`.
fn named(key: SigningKey) -> SigningKey {
    if key.kid().is_some() {
        key
    } else {
        key.with_thumbprint_kid()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::Algorithm;
    use crate::alg::hmac::HmacKey;
    use crate::claims::Claims;
    use crate::error::ErrorKind;
    use crate::time::Clock;
    use serde_json::json;

    fn hmac(byte: u8) -> SigningKey {
        SigningKey::hmac(Algorithm::HS256, HmacKey::new(&[byte; 32]).unwrap()).unwrap()
    }

    #[test]
    fn unnamed_keys_get_their_thumbprint() {
        let key = hmac(1);
        let thumbprint = key.thumbprint();
        let ring = KeyRing::new(key).unwrap();
        assert_eq!(ring.signing_key().kid(), Some(thumbprint.as_str()));
    }

    #[test]
    fn kids_are_unique_and_the_current_key_stays() {
        let mut ring = KeyRing::new(hmac(1).with_kid("a")).unwrap();
        assert_eq!(
            ring.rotate(hmac(2).with_kid("a")).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        ring.rotate(hmac(2).with_kid("b")).unwrap();
        assert_eq!(ring.retire("b").unwrap_err().kind(), ErrorKind::InvalidKey);
        assert_eq!(
            ring.retire("zz").unwrap_err().kind(),
            ErrorKind::UnknownKeyId
        );
        ring.retire("a").unwrap();
        assert_eq!(ring.key_set().keys().len(), 1);
        let unnamed = VerifyingKey::from(HmacKey::new(&[3; 32]).unwrap());
        assert_eq!(
            ring.add_verifying_key(unnamed).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
    }

    #[test]
    fn ec_keys_rotate_across_curves() {
        let p256 = SigningKey::from_pem(
            Algorithm::ES256,
            include_str!("../tests/keys/p256-private-sec1.pem"),
        )
        .unwrap();
        let p384 = SigningKey::from_pem(
            Algorithm::ES384,
            include_str!("../tests/keys/p384-private-pkcs8.pem"),
        )
        .unwrap();
        let mut ring = KeyRing::new(p256).unwrap();
        let claims = json!({"exp": 10});
        let old = ring.encode(&Header::new(), &claims).unwrap();
        ring.rotate(p384).unwrap();
        let new = ring.encode(&Header::new(), &claims).unwrap();
        let both = Validation::new_with_clock(
            crate::alg::AlgorithmSet::new(Algorithm::ES256).with(Algorithm::ES384),
            Clock::Fixed(5),
        );
        for token in [&old, &new] {
            assert!(ring.decode::<Claims>(token, &both).is_ok());
        }
        let curves: alloc::vec::Vec<_> = ring
            .jwk_set()
            .members()
            .iter()
            .map(|member| (member["crv"].clone(), member["alg"].clone()))
            .collect();
        assert_eq!(
            curves,
            [
                (json!("P-256"), json!("ES256")),
                (json!("P-384"), json!("ES384"))
            ]
        );
    }

    #[test]
    fn hmac_rings_publish_nothing_but_verify() {
        let ring = KeyRing::new(hmac(1)).unwrap();
        assert_eq!(ring.jwk_set(), JwkSet::new([]));
        let token = ring.encode(&Header::new(), &json!({"exp": 10})).unwrap();
        let validation = Validation::new_with_clock(Algorithm::HS256, Clock::Fixed(5));
        assert!(ring.decode::<Claims>(&token, &validation).is_ok());
    }
}
