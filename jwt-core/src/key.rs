//! Keys bound to their family: a [`VerifyingKey`] verifies only its own family's algorithms
//! (and only one algorithm, when restricted), and a [`SigningKey`] carries the one algorithm
//! it signs with.

use alloc::string::String;
use alloc::vec::Vec;

use crate::alg::eddsa::{Ed25519PrivateKey, Ed25519PublicKey, SIGNATURE_LEN};
use crate::alg::hmac::{HmacKey, Tag};
use crate::alg::rsa::{RsaPrivateKey, RsaPublicKey};
use crate::alg::{Algorithm, KeyFamily};
use crate::error::{Error, KeyProblem, Result};
use crate::pem::{self, Document};
use zeroize::Zeroizing;

/// A key that verifies signatures: an HMAC secret, an RSA public key or an Ed25519 public key,
/// optionally restricted to one algorithm and named by a key id.
///
/// Build it once and reuse it: all parsing and precomputation happens here, not per token.
///
/// ```
/// use jwt_core::{Algorithm, KeyFamily, VerifyingKey};
///
/// let pem = include_str!("../tests/keys/ed25519-public-spki.pem");
/// let key = VerifyingKey::from_pem(pem)?.with_kid("2026-11");
/// assert_eq!(key.family(), KeyFamily::Ed25519);
/// assert_eq!(key.kid(), Some("2026-11"));
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct VerifyingKey {
    material: PublicKey,
    algorithm: Option<Algorithm>,
    kid: Option<String>,
}

/// The key material of a [`VerifyingKey`].
#[derive(Clone, Debug)]
pub(crate) enum PublicKey {
    Hmac(HmacKey),
    Rsa(RsaPublicKey),
    Ed25519(Ed25519PublicKey),
}

impl PublicKey {
    fn family(&self) -> KeyFamily {
        match self {
            Self::Hmac(_) => KeyFamily::Hmac,
            Self::Rsa(_) => KeyFamily::Rsa,
            Self::Ed25519(_) => KeyFamily::Ed25519,
        }
    }
}

impl VerifyingKey {
    pub(crate) fn new(material: PublicKey) -> Self {
        Self {
            material,
            algorithm: None,
            kid: None,
        }
    }

    /// A public key from PEM: `PUBLIC KEY` (SPKI, RSA or Ed25519), `RSA PUBLIC KEY` (PKCS#1),
    /// or a private key (`PRIVATE KEY`, `RSA PRIVATE KEY`), whose public half is kept.
    ///
    /// The text is only ever parsed as a key: it never becomes an HMAC secret.
    pub fn from_pem(text: &str) -> Result<Self> {
        match pem::decode(text)? {
            Document::Spki(der) => Self::from_spki_der(&der),
            Document::RsaPublic(der) => Ok(RsaPublicKey::from_pkcs1_der(&der)?.into()),
            Document::Pkcs8(der) => Ok(PrivateKey::from_pkcs8_der(&der)?.public()),
            Document::RsaPrivate(der) => {
                Ok(RsaPrivateKey::from_pkcs1_der(&der)?.public_key().into())
            }
        }
    }

    /// A public key from SPKI DER (RSA or Ed25519).
    pub fn from_spki_der(der: &[u8]) -> Result<Self> {
        let oid = pem::spki_algorithm(der)?;
        if oid == pem::RSA_ENCRYPTION {
            Ok(RsaPublicKey::from_der(der)?.into())
        } else if oid == pem::ED25519 {
            Ok(Ed25519PublicKey::from_der(der)?.into())
        } else {
            Err(KeyProblem::UnsupportedKeyType.into())
        }
    }

    /// The key as an SPKI `PUBLIC KEY` PEM document. An HMAC secret has no public form.
    ///
    /// ```
    /// use jwt_core::VerifyingKey;
    /// let pem = include_str!("../tests/keys/rsa2048-public-pkcs1.pem");
    /// let spki = VerifyingKey::from_pem(pem)?.to_spki_pem()?;
    /// assert_eq!(spki, include_str!("../tests/keys/rsa2048-public-spki.pem"));
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn to_spki_pem(&self) -> Result<String> {
        let der = match &self.material {
            PublicKey::Hmac(_) => return Err(KeyProblem::NoPublicForm.into()),
            PublicKey::Rsa(key) => key.to_spki_der(),
            PublicKey::Ed25519(key) => key.to_spki_der(),
        };
        Ok(pem::encode("PUBLIC KEY", &der))
    }

    /// This key, restricted to verifying `algorithm` only (as a JWK's `alg` does). Fails if
    /// the algorithm is of another family, or too strong for the key (a 32-byte HMAC secret
    /// restricted to HS512).
    ///
    /// ```
    /// use jwt_core::{Algorithm, ErrorKind, HmacKey, VerifyingKey};
    /// let key = VerifyingKey::from(HmacKey::new(&[1; 32])?).with_algorithm(Algorithm::HS256)?;
    /// assert_eq!(key.algorithm(), Some(Algorithm::HS256));
    /// let err = key.verify(Algorithm::HS384, b"m", &[0; 48]).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::KeyAlgorithmMismatch);
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn with_algorithm(mut self, algorithm: Algorithm) -> Result<Self> {
        self.check(algorithm)?;
        self.algorithm = Some(algorithm);
        Ok(self)
    }

    /// This key, named `kid` (the key id that tokens and key sets refer to it by).
    #[must_use]
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// The family of algorithms this key verifies.
    pub fn family(&self) -> KeyFamily {
        self.material.family()
    }

    /// The one algorithm this key is restricted to, if any.
    pub fn algorithm(&self) -> Option<Algorithm> {
        self.algorithm
    }

    /// The key id, if any.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    pub(crate) fn material(&self) -> &PublicKey {
        &self.material
    }

    /// Whether this key is meant for `algorithm`: same family, and no other restriction.
    /// Key strength is not considered.
    pub(crate) fn fits(&self, algorithm: Algorithm) -> bool {
        algorithm.family() == self.family() && self.algorithm.is_none_or(|only| only == algorithm)
    }

    /// Refuses `algorithm` unless this key is meant for it and strong enough for it.
    pub(crate) fn check(&self, algorithm: Algorithm) -> Result<()> {
        if !self.fits(algorithm) {
            return Err(Error::KeyAlgorithmMismatch {
                algorithm,
                key: self.family(),
                restricted_to: self.algorithm,
            });
        }
        match (&self.material, algorithm.sha2()) {
            (PublicKey::Hmac(key), Some(digest)) => key.check_strength(digest),
            _ => Ok(()),
        }
    }

    /// Verifies a raw `signature` over `message` with `algorithm`: the signature layer under
    /// the token API, for detached signatures and test vectors. The key must be meant for the
    /// algorithm ([`Error::KeyAlgorithmMismatch`]) and strong enough for it
    /// ([`Error::InvalidKey`]); any other failure is [`Error::InvalidSignature`].
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
        match (&self.material, algorithm.sha2()) {
            (PublicKey::Hmac(key), Some(digest)) => key.verify(digest, message, signature),
            (PublicKey::Rsa(key), Some(digest)) => key.verify(digest, message, signature),
            (PublicKey::Ed25519(key), None) => key.verify(message, signature),
            _ => Err(Error::InvalidSignature),
        }
    }
}

impl From<HmacKey> for VerifyingKey {
    fn from(key: HmacKey) -> Self {
        Self::new(PublicKey::Hmac(key))
    }
}

impl From<RsaPublicKey> for VerifyingKey {
    fn from(key: RsaPublicKey) -> Self {
        Self::new(PublicKey::Rsa(key))
    }
}

impl From<Ed25519PublicKey> for VerifyingKey {
    fn from(key: Ed25519PublicKey) -> Self {
        Self::new(PublicKey::Ed25519(key))
    }
}

/// A key that signs, bound to the one algorithm it signs with, and optionally named by a key
/// id. The token's `alg` header comes from here (and its `kid`, when the key has one), never
/// from a caller-set header field.
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
    material: PrivateKey,
    kid: Option<String>,
}

/// The key material of a [`SigningKey`].
#[derive(Clone, Debug)]
pub(crate) enum PrivateKey {
    Hmac(HmacKey),
    Rsa(RsaPrivateKey),
    Ed25519(Ed25519PrivateKey),
}

impl PrivateKey {
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

    pub(crate) fn public(&self) -> VerifyingKey {
        VerifyingKey::new(match self {
            Self::Hmac(key) => PublicKey::Hmac(key.clone()),
            Self::Rsa(key) => PublicKey::Rsa(key.public_key()),
            Self::Ed25519(key) => PublicKey::Ed25519(key.public_key()),
        })
    }
}

impl SigningKey {
    /// Signs `HS256`, `HS384` or `HS512` with `key`, which must be at least as long as the
    /// hash output.
    pub fn hmac(algorithm: Algorithm, key: HmacKey) -> Result<Self> {
        Self::bind(algorithm, PrivateKey::Hmac(key))
    }

    /// Signs `RS256`, `RS384` or `RS512` with `key`.
    pub fn rsa(algorithm: Algorithm, key: RsaPrivateKey) -> Result<Self> {
        Self::bind(algorithm, PrivateKey::Rsa(key))
    }

    /// Signs `EdDSA` with `key`.
    pub fn ed25519(key: Ed25519PrivateKey) -> Self {
        Self {
            algorithm: Algorithm::EdDSA,
            material: PrivateKey::Ed25519(key),
            kid: None,
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
        Self::bind(algorithm, PrivateKey::from_pem(pem)?)
    }

    pub(crate) fn bind(algorithm: Algorithm, material: PrivateKey) -> Result<Self> {
        material.public().check(algorithm)?;
        Ok(Self {
            algorithm,
            material,
            kid: None,
        })
    }

    /// A new random key for `algorithm`, from the operating system's random number generator:
    /// an HMAC secret as long as the hash output, a 2048-bit RSA key (use
    /// [`RsaPrivateKey::generate`] for larger ones), or an Ed25519 key.
    ///
    /// ```
    /// use jwt_core::{Algorithm, SigningKey};
    /// let key = SigningKey::generate(Algorithm::EdDSA)?.with_thumbprint_kid();
    /// assert_eq!(key.kid().map(str::len), Some(43));
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    #[cfg(feature = "std")]
    pub fn generate(algorithm: Algorithm) -> Result<Self> {
        let material = match algorithm.family() {
            KeyFamily::Hmac => PrivateKey::Hmac(HmacKey::generate(algorithm)?),
            KeyFamily::Rsa => PrivateKey::Rsa(RsaPrivateKey::generate(2048)?),
            KeyFamily::Ed25519 => PrivateKey::Ed25519(Ed25519PrivateKey::generate()?),
        };
        Self::bind(algorithm, material)
    }

    /// The key as a PKCS#8 `PRIVATE KEY` PEM document. HMAC secrets have no PEM form: export
    /// them with [`to_private_jwk`](Self::to_private_jwk).
    ///
    /// ```
    /// use jwt_core::{Algorithm, SigningKey};
    /// let pem = include_str!("../tests/keys/ed25519-private-pkcs8.pem");
    /// let key = SigningKey::from_pem(Algorithm::EdDSA, pem)?;
    /// assert_eq!(SigningKey::from_pem(Algorithm::EdDSA, &key.to_pkcs8_pem()?)?.thumbprint(), key.thumbprint());
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>> {
        let der = match &self.material {
            PrivateKey::Hmac(_) => return Err(KeyProblem::UnsupportedKeyType.into()),
            PrivateKey::Rsa(key) => key.to_pkcs8_der(),
            PrivateKey::Ed25519(key) => key.to_pkcs8_der(),
        };
        Ok(Zeroizing::new(pem::encode("PRIVATE KEY", &der)))
    }

    /// This key, named `kid`: tokens it signs carry that key id.
    #[must_use]
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// The algorithm this key signs with.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The key id, if any.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The key that verifies this key's signatures, restricted to this key's algorithm and
    /// carrying its key id.
    pub fn verifying_key(&self) -> VerifyingKey {
        VerifyingKey {
            algorithm: Some(self.algorithm),
            kid: self.kid.clone(),
            ..self.material.public()
        }
    }

    /// The family of this key.
    pub fn family(&self) -> KeyFamily {
        self.algorithm.family()
    }

    pub(crate) fn material(&self) -> &PrivateKey {
        &self.material
    }

    /// The length in bytes of this key's signatures.
    pub(crate) fn signature_len(&self) -> usize {
        match &self.material {
            PrivateKey::Rsa(key) => key.signature_len(),
            _ => self.algorithm.signature_len().unwrap_or_default(),
        }
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
        self.signature(message)
            .map(|signature| signature.as_ref().to_vec())
    }

    /// The signature of `message`, kept where it was computed.
    pub(crate) fn signature(&self, message: &[u8]) -> Result<Signature> {
        match (&self.material, self.algorithm.sha2()) {
            (PrivateKey::Hmac(key), Some(digest)) => key.sign(digest, message).map(Signature::Hmac),
            (PrivateKey::Rsa(key), Some(digest)) => key.sign(digest, message).map(Signature::Rsa),
            (PrivateKey::Ed25519(key), None) => Ok(Signature::Ed25519(key.sign(message))),
            _ => Err(Error::KeyAlgorithmMismatch {
                algorithm: self.algorithm,
                key: self.family(),
                restricted_to: None,
            }),
        }
    }
}

/// A signature as computed: on the stack, but for RSA's, whose length is the modulus's.
#[derive(Debug)]
pub(crate) enum Signature {
    Hmac(Tag),
    Ed25519([u8; SIGNATURE_LEN]),
    Rsa(Vec<u8>),
}

impl AsRef<[u8]> for Signature {
    fn as_ref(&self) -> &[u8] {
        match self {
            Self::Hmac(tag) => tag.as_ref(),
            Self::Ed25519(signature) => signature,
            Self::Rsa(signature) => signature,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use alloc::string::ToString;

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
        match VerifyingKey::from_pem(pem).unwrap().material {
            PublicKey::Rsa(key) => key,
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
        let public = VerifyingKey::from_pem(ED_SPKI).unwrap().material;
        let private = VerifyingKey::from_pem(ED_PKCS8).unwrap().material;
        match (public, private) {
            (PublicKey::Ed25519(a), PublicKey::Ed25519(b)) => assert!(a == b),
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
        let hmac = VerifyingKey::from(HmacKey::new(&[1; 64]).unwrap());
        let rsa = VerifyingKey::from_pem(RSA_SPKI).unwrap();
        let ed = VerifyingKey::from_pem(ED_SPKI).unwrap();
        for alg in Algorithm::ALL {
            for key in [&hmac, &rsa, &ed] {
                let result = key.verify(alg, b"message", &[0; 256]);
                if alg.family() == key.family() {
                    assert_eq!(result, Err(Error::InvalidSignature));
                } else {
                    let expected = Error::KeyAlgorithmMismatch {
                        algorithm: alg,
                        key: key.family(),
                        restricted_to: None,
                    };
                    assert_eq!(result, Err(expected));
                }
            }
        }
    }

    #[test]
    fn restricted_keys_refuse_other_algorithms_of_their_family() {
        let key = VerifyingKey::from_pem(RSA_SPKI)
            .unwrap()
            .with_algorithm(Algorithm::RS256)
            .unwrap();
        let err = key.verify(Algorithm::RS512, b"m", &[0; 256]).unwrap_err();
        assert_eq!(
            err,
            Error::KeyAlgorithmMismatch {
                algorithm: Algorithm::RS512,
                key: KeyFamily::Rsa,
                restricted_to: Some(Algorithm::RS256),
            }
        );
        assert_eq!(
            err.to_string(),
            "algorithm RS512 cannot be used with a key restricted to RS256"
        );
        let short = VerifyingKey::from(HmacKey::new(&[1; 32]).unwrap());
        assert_eq!(
            short.with_algorithm(Algorithm::HS512).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
    }

    #[test]
    fn signatures_verify_with_the_derived_key() {
        let keys = [
            SigningKey::hmac(Algorithm::HS512, HmacKey::new(&[3; 64]).unwrap()).unwrap(),
            SigningKey::from_pem(Algorithm::RS384, RSA_PKCS8).unwrap(),
            SigningKey::from_pem(Algorithm::EdDSA, ED_PKCS8)
                .unwrap()
                .with_kid("k"),
        ];
        for key in keys {
            let signature = key.sign(b"message").unwrap();
            let verifier = key.verifying_key();
            assert_eq!(verifier.algorithm(), Some(key.algorithm()));
            assert_eq!(verifier.kid(), key.kid());
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
