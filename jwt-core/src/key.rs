//! Keys bound to their family: a [`VerifyingKey`] verifies only its own family's algorithms,
//! and a [`SigningKey`] carries the one algorithm it signs with.

use alloc::vec::Vec;

use crate::alg::eddsa::{Ed25519PrivateKey, Ed25519PublicKey};
use crate::alg::hmac::HmacKey;
use crate::alg::rsa::{RsaPrivateKey, RsaPublicKey};
use crate::alg::{Algorithm, KeyFamily};
use crate::error::{Error, KeyProblem, Result};
use crate::pem::{self, Document};

/// A key that verifies signatures: an HMAC secret, an RSA public key or an Ed25519 public key.
///
/// Build it once and reuse it: all parsing and precomputation happens here, not per token.
///
/// ```
/// use jwt_core::{KeyFamily, VerifyingKey};
///
/// let pem = include_str!("../tests/keys/ed25519-public-spki.pem");
/// let key = VerifyingKey::from_pem(pem)?;
/// assert_eq!(key.family(), KeyFamily::Ed25519);
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub enum VerifyingKey {
    /// An HMAC secret, for `HS256`, `HS384` and `HS512`.
    Hmac(HmacKey),
    /// An RSA public key, for `RS256`, `RS384` and `RS512`.
    Rsa(RsaPublicKey),
    /// An Ed25519 public key, for `EdDSA`.
    Ed25519(Ed25519PublicKey),
}

impl VerifyingKey {
    /// A public key from PEM: `PUBLIC KEY` (SPKI, RSA or Ed25519), `RSA PUBLIC KEY` (PKCS#1),
    /// or a private key (`PRIVATE KEY`, `RSA PRIVATE KEY`), whose public half is kept.
    ///
    /// The text is only ever parsed as a key: it never becomes an HMAC secret.
    pub fn from_pem(text: &str) -> Result<Self> {
        match pem::decode(text)? {
            Document::Spki(der) => Self::from_spki_der(&der),
            Document::RsaPublic(der) => Ok(Self::Rsa(RsaPublicKey::from_pkcs1_der(&der)?)),
            Document::Pkcs8(der) => Ok(SigningKeyMaterial::from_pkcs8_der(&der)?.public()),
            Document::RsaPrivate(der) => {
                Ok(Self::Rsa(RsaPrivateKey::from_pkcs1_der(&der)?.public_key()))
            }
        }
    }

    /// A public key from SPKI DER (RSA or Ed25519).
    pub fn from_spki_der(der: &[u8]) -> Result<Self> {
        let oid = pem::spki_algorithm(der)?;
        if oid == pem::RSA_ENCRYPTION {
            Ok(Self::Rsa(RsaPublicKey::from_der(der)?))
        } else if oid == pem::ED25519 {
            Ok(Self::Ed25519(Ed25519PublicKey::from_der(der)?))
        } else {
            Err(KeyProblem::UnsupportedKeyType.into())
        }
    }

    /// The family of algorithms this key verifies.
    pub fn family(&self) -> KeyFamily {
        match self {
            Self::Hmac(_) => KeyFamily::Hmac,
            Self::Rsa(_) => KeyFamily::Rsa,
            Self::Ed25519(_) => KeyFamily::Ed25519,
        }
    }

    /// Refuses `algorithm` unless it belongs to this key's family and the key is strong enough
    /// for it.
    pub(crate) fn check(&self, algorithm: Algorithm) -> Result<()> {
        if algorithm.family() != self.family() {
            return Err(Error::KeyAlgorithmMismatch {
                algorithm,
                key: self.family(),
            });
        }
        match (self, algorithm.sha2()) {
            (Self::Hmac(key), Some(digest)) => key.check_strength(digest),
            _ => Ok(()),
        }
    }

    /// Verifies a raw `signature` over `message` with `algorithm`: the signature layer under
    /// the token API, for detached signatures and test vectors. The algorithm must belong to
    /// this key's family ([`Error::KeyAlgorithmMismatch`]) and the key must be strong enough for
    /// it ([`Error::InvalidKey`]); any other failure is [`Error::InvalidSignature`].
    ///
    /// ```
    /// use jwt_core::{Algorithm, Ed25519PrivateKey, Error, SigningKey};
    /// let signer = SigningKey::ed25519(Ed25519PrivateKey::from_seed(&[3; 32])?);
    /// let signature = signer.sign(b"message")?;
    /// let key = signer.verifying_key();
    /// assert_eq!(key.verify(Algorithm::EdDSA, b"message", &signature), Ok(()));
    /// assert_eq!(key.verify(Algorithm::EdDSA, b"massage", &signature), Err(Error::InvalidSignature));
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn verify(&self, algorithm: Algorithm, message: &[u8], signature: &[u8]) -> Result<()> {
        self.check(algorithm)?;
        match (self, algorithm.sha2()) {
            (Self::Hmac(key), Some(digest)) => key.verify(digest, message, signature),
            (Self::Rsa(key), Some(digest)) => key.verify(digest, message, signature),
            (Self::Ed25519(key), None) => key.verify(message, signature),
            _ => Err(Error::KeyAlgorithmMismatch {
                algorithm,
                key: self.family(),
            }),
        }
    }
}

impl From<HmacKey> for VerifyingKey {
    fn from(key: HmacKey) -> Self {
        Self::Hmac(key)
    }
}

impl From<RsaPublicKey> for VerifyingKey {
    fn from(key: RsaPublicKey) -> Self {
        Self::Rsa(key)
    }
}

impl From<Ed25519PublicKey> for VerifyingKey {
    fn from(key: Ed25519PublicKey) -> Self {
        Self::Ed25519(key)
    }
}

/// A key that signs, bound to the one algorithm it signs with. The token's `alg` header comes
/// from here, never from a caller-set header field.
///
/// ```
/// use jwt_core::{Algorithm, ErrorKind, HmacKey, SigningKey};
///
/// let key = SigningKey::hmac(Algorithm::HS256, HmacKey::new(&[42; 32])?)?;
/// assert_eq!(key.algorithm(), Algorithm::HS256);
///
/// // A 32-byte secret is too short for HS512, and an HMAC key cannot sign RS256.
/// let err = SigningKey::hmac(Algorithm::HS512, HmacKey::new(&[42; 32])?).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidKey);
/// let err = SigningKey::hmac(Algorithm::RS256, HmacKey::new(&[42; 32])?).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::KeyAlgorithmMismatch);
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct SigningKey {
    algorithm: Algorithm,
    material: SigningKeyMaterial,
}

#[derive(Clone, Debug)]
enum SigningKeyMaterial {
    Hmac(HmacKey),
    Rsa(RsaPrivateKey),
    Ed25519(Ed25519PrivateKey),
}

impl SigningKeyMaterial {
    fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        let oid = pem::pkcs8_algorithm(der)?;
        if oid == pem::RSA_ENCRYPTION {
            Ok(Self::Rsa(RsaPrivateKey::from_der(der)?))
        } else if oid == pem::ED25519 {
            Ok(Self::Ed25519(Ed25519PrivateKey::from_der(der)?))
        } else {
            Err(KeyProblem::UnsupportedKeyType.into())
        }
    }

    fn from_pem(text: &str) -> Result<Self> {
        match pem::decode(text)? {
            Document::Pkcs8(der) => Self::from_pkcs8_der(&der),
            Document::RsaPrivate(der) => Ok(Self::Rsa(RsaPrivateKey::from_pkcs1_der(&der)?)),
            Document::Spki(_) | Document::RsaPublic(_) => Err(KeyProblem::NotAPrivateKey.into()),
        }
    }

    fn family(&self) -> KeyFamily {
        match self {
            Self::Hmac(_) => KeyFamily::Hmac,
            Self::Rsa(_) => KeyFamily::Rsa,
            Self::Ed25519(_) => KeyFamily::Ed25519,
        }
    }

    fn public(&self) -> VerifyingKey {
        match self {
            Self::Hmac(key) => VerifyingKey::Hmac(key.clone()),
            Self::Rsa(key) => VerifyingKey::Rsa(key.public_key()),
            Self::Ed25519(key) => VerifyingKey::Ed25519(key.public_key()),
        }
    }
}

impl SigningKey {
    /// Signs `HS256`, `HS384` or `HS512` with `key`, which must be at least as long as the
    /// hash output.
    pub fn hmac(algorithm: Algorithm, key: HmacKey) -> Result<Self> {
        Self::bind(algorithm, SigningKeyMaterial::Hmac(key))
    }

    /// Signs `RS256`, `RS384` or `RS512` with `key`.
    pub fn rsa(algorithm: Algorithm, key: RsaPrivateKey) -> Result<Self> {
        Self::bind(algorithm, SigningKeyMaterial::Rsa(key))
    }

    /// Signs `EdDSA` with `key`.
    pub fn ed25519(key: Ed25519PrivateKey) -> Self {
        Self {
            algorithm: Algorithm::EdDSA,
            material: SigningKeyMaterial::Ed25519(key),
        }
    }

    /// Signs `algorithm` with a private key from PEM (`PRIVATE KEY` or `RSA PRIVATE KEY`).
    ///
    /// ```
    /// use jwt_core::{Algorithm, SigningKey};
    /// let pem = include_str!("../tests/keys/rsa2048-private-pkcs1.pem");
    /// let key = SigningKey::from_pem(Algorithm::RS256, pem)?;
    /// assert_eq!(key.algorithm(), Algorithm::RS256);
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn from_pem(algorithm: Algorithm, pem: &str) -> Result<Self> {
        Self::bind(algorithm, SigningKeyMaterial::from_pem(pem)?)
    }

    fn bind(algorithm: Algorithm, material: SigningKeyMaterial) -> Result<Self> {
        let key = Self {
            algorithm,
            material,
        };
        key.verifying_key().check(algorithm)?;
        Ok(key)
    }

    /// The algorithm this key signs with.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The key that verifies this key's signatures.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.material.public()
    }

    /// The family of this key.
    pub fn family(&self) -> KeyFamily {
        self.material.family()
    }

    /// The raw signature of `message` with this key's algorithm (the signature layer under
    /// [`encode`](crate::encode)).
    ///
    /// ```
    /// use jwt_core::{Algorithm, HmacKey, SigningKey};
    /// let key = SigningKey::hmac(Algorithm::HS384, HmacKey::new(&[1; 48])?)?;
    /// assert_eq!(key.sign(b"message")?.len(), 48);
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        match (&self.material, self.algorithm.sha2()) {
            (SigningKeyMaterial::Hmac(key), Some(digest)) => key.sign(digest, message),
            (SigningKeyMaterial::Rsa(key), Some(digest)) => key.sign(digest, message),
            (SigningKeyMaterial::Ed25519(key), None) => Ok(key.sign(message)),
            _ => Err(Error::KeyAlgorithmMismatch {
                algorithm: self.algorithm,
                key: self.family(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    const RSA_PKCS8: &str = include_str!("../tests/keys/rsa2048-private-pkcs8.pem");
    const RSA_PKCS1: &str = include_str!("../tests/keys/rsa2048-private-pkcs1.pem");
    const RSA_SPKI: &str = include_str!("../tests/keys/rsa2048-public-spki.pem");
    const RSA_PKCS1_PUBLIC: &str = include_str!("../tests/keys/rsa2048-public-pkcs1.pem");
    const RSA_1024: &str = include_str!("../tests/keys/rsa1024-public-spki.pem");
    const ED_PKCS8: &str = include_str!("../tests/keys/ed25519-private-pkcs8.pem");
    const ED_SPKI: &str = include_str!("../tests/keys/ed25519-public-spki.pem");
    const P256: &str = include_str!("../tests/keys/p256-public-spki.pem");
    const X25519: &str = include_str!("../tests/keys/x25519-public-spki.pem");

    fn rsa_public(pem: &str) -> RsaPublicKey {
        match VerifyingKey::from_pem(pem).unwrap() {
            VerifyingKey::Rsa(key) => key,
            other => panic!("not RSA: {other:?}"),
        }
    }

    #[test]
    fn every_rsa_pem_form_gives_the_same_public_key() {
        let expected = rsa_public(RSA_SPKI);
        for pem in [RSA_PKCS8, RSA_PKCS1, RSA_PKCS1_PUBLIC] {
            assert!(rsa_public(pem) == expected);
        }
        assert_eq!(expected.modulus_bits(), 2048);
        assert_eq!(expected.exponent(), [1, 0, 1]);
    }

    #[test]
    fn ed25519_pem_forms_agree() {
        let public = VerifyingKey::from_pem(ED_SPKI).unwrap();
        let private = VerifyingKey::from_pem(ED_PKCS8).unwrap();
        match (public, private) {
            (VerifyingKey::Ed25519(a), VerifyingKey::Ed25519(b)) => assert!(a == b),
            other => panic!("not Ed25519: {other:?}"),
        }
    }

    #[test]
    fn weak_and_foreign_keys_are_invalid() {
        assert_eq!(
            VerifyingKey::from_pem(RSA_1024).unwrap_err(),
            Error::InvalidKey(KeyProblem::RsaModulusTooSmall { bits: 1024 })
        );
        for pem in [P256, X25519] {
            assert_eq!(
                VerifyingKey::from_pem(pem).unwrap_err(),
                Error::InvalidKey(KeyProblem::UnsupportedKeyType)
            );
        }
    }

    #[test]
    fn signing_keys_need_private_pem() {
        let err = SigningKey::from_pem(Algorithm::RS256, RSA_SPKI).unwrap_err();
        assert_eq!(err, Error::InvalidKey(KeyProblem::NotAPrivateKey));
        let err = SigningKey::from_pem(Algorithm::RS256, ED_PKCS8).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::KeyAlgorithmMismatch);
        assert!(SigningKey::from_pem(Algorithm::EdDSA, ED_PKCS8).is_ok());
    }

    #[test]
    fn keys_refuse_other_families() {
        let hmac = VerifyingKey::Hmac(HmacKey::new(&[1; 64]).unwrap());
        let rsa = VerifyingKey::from_pem(RSA_SPKI).unwrap();
        let ed = VerifyingKey::from_pem(ED_SPKI).unwrap();
        for alg in Algorithm::ALL {
            for key in [&hmac, &rsa, &ed] {
                let result = key.verify(alg, b"message", &[0; 256]);
                if alg.family() == key.family() {
                    assert_eq!(result, Err(Error::InvalidSignature));
                } else {
                    assert_eq!(
                        result,
                        Err(Error::KeyAlgorithmMismatch {
                            algorithm: alg,
                            key: key.family()
                        })
                    );
                }
            }
        }
    }

    #[test]
    fn signatures_verify_with_the_derived_key() {
        let keys = [
            SigningKey::hmac(Algorithm::HS512, HmacKey::new(&[3; 64]).unwrap()).unwrap(),
            SigningKey::from_pem(Algorithm::RS384, RSA_PKCS8).unwrap(),
            SigningKey::from_pem(Algorithm::EdDSA, ED_PKCS8).unwrap(),
        ];
        for key in keys {
            let signature = key.sign(b"message").unwrap();
            let verifier = key.verifying_key();
            assert_eq!(
                verifier.verify(key.algorithm(), b"message", &signature),
                Ok(())
            );
            assert_eq!(
                verifier.verify(key.algorithm(), b"messagE", &signature),
                Err(Error::InvalidSignature)
            );
        }
    }
}
