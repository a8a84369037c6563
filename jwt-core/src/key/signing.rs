//! [`SigningKey`]: an HMAC secret or a private key, bound to the one algorithm it signs with.

use alloc::string::String;
use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::{SigningMaterial, VerifyingKey};
use crate::alg::ecdsa::{EcPrivateKey, EcSignature};
use crate::alg::eddsa::{Ed25519PrivateKey, SIGNATURE_LEN};
use crate::alg::hmac::{HmacKey, Tag};
use crate::alg::rsa::{Padding, RsaPrivateKey};
use crate::alg::{Algorithm, KeyFamily, Scheme};
use crate::error::{Error, KeyOperation, Result};
use crate::jwk::{self, Jwk};
use crate::pem;

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
    material: SigningMaterial,
    kid: Option<String>,
}

impl SigningKey {
    /// Signs `HS256`, `HS384` or `HS512` with `key`, which must be at least as long as the
    /// hash output.
    pub fn hmac(algorithm: Algorithm, key: HmacKey) -> Result<Self> {
        Self::bind(algorithm, SigningMaterial::Hmac(key))
    }

    /// Signs `RS256`, `RS384`, `RS512`, `PS256`, `PS384` or `PS512` with `key`. PSS signing
    /// draws its salt from the operating system, so without the `getrandom` feature (which `std`
    /// includes) the `PS*` algorithms are
    /// [`KeyProblem::RandomnessUnavailable`](crate::KeyProblem::RandomnessUnavailable).
    ///
    /// ```
    /// use jwt_core::{Algorithm, RsaPrivateKey, SigningKey};
    /// let key = RsaPrivateKey::from_pem(include_str!("../../tests/keys/rsa2048-private-pkcs8.pem"))?;
    /// let signer = SigningKey::rsa(Algorithm::PS256, key)?;
    /// assert_eq!(signer.sign(b"message")?.len(), 256);
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn rsa(algorithm: Algorithm, key: RsaPrivateKey) -> Result<Self> {
        Self::bind(algorithm, SigningMaterial::Rsa(key))
    }

    /// Signs with `key` the one algorithm of its curve: `ES256` for P-256, `ES384` for P-384.
    ///
    /// ```
    /// use jwt_core::{Algorithm, EcCurve, EcPrivateKey, SigningKey};
    /// let key = SigningKey::ec(EcPrivateKey::from_bytes(EcCurve::P384, &[5; 48])?);
    /// assert_eq!(key.algorithm(), Algorithm::ES384);
    /// assert_eq!(key.sign(b"message")?.len(), 96);
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn ec(key: EcPrivateKey) -> Self {
        Self {
            algorithm: key.curve().algorithm(),
            material: SigningMaterial::Ec(key),
            kid: None,
        }
    }

    /// Signs `EdDSA` with `key`.
    pub fn ed25519(key: Ed25519PrivateKey) -> Self {
        Self {
            algorithm: Algorithm::EdDSA,
            material: SigningMaterial::Ed25519(key),
            kid: None,
        }
    }

    /// Signs `algorithm` with a private key from PEM (`PRIVATE KEY`, `RSA PRIVATE KEY` or
    /// `EC PRIVATE KEY`).
    ///
    /// ```
    /// use jwt_core::{Algorithm, SigningKey};
    /// let pem = include_str!("../../tests/keys/rsa2048-private-pkcs1.pem");
    /// let key = SigningKey::from_pem(Algorithm::RS256, pem)?;
    /// assert_eq!(key.algorithm(), Algorithm::RS256);
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn from_pem(algorithm: Algorithm, pem: &str) -> Result<Self> {
        Self::bind(algorithm, SigningMaterial::from_pem(pem)?)
    }

    /// Signs `algorithm` with a private key from DER: PKCS#8, PKCS#1 `RSAPrivateKey` or SEC1
    /// `ECPrivateKey`.
    ///
    /// ```
    /// use jwt_core::{Algorithm, SigningKey};
    /// let pem = include_str!("../../tests/keys/ed25519-private-pkcs8.pem");
    /// let key = SigningKey::from_pem(Algorithm::EdDSA, pem)?;
    /// let again = SigningKey::from_der(Algorithm::EdDSA, &key.to_private_der()?)?;
    /// assert_eq!(again.thumbprint(), key.thumbprint());
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn from_der(algorithm: Algorithm, der: &[u8]) -> Result<Self> {
        Self::bind(algorithm, SigningMaterial::from_der(der)?)
    }

    /// Signs `algorithm` with a key from a private JWK. The JWK's `alg`, if present, must be
    /// `algorithm`; its `key_ops`, if present, must include `sign`; its `kid` names the key.
    ///
    /// ```
    /// use jwt_core::{Algorithm, SigningKey};
    /// let jwk = r#"{"kty":"oct","kid":"k1","k":"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"}"#;
    /// let key = SigningKey::from_jwk(Algorithm::HS256, &jwk.parse()?)?;
    /// assert_eq!(key.kid(), Some("k1"));
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn from_jwk(algorithm: Algorithm, jwk: &Jwk) -> Result<Self> {
        jwk::Imported::read(jwk.as_map(), KeyOperation::Sign)?.into_signing_key(algorithm)
    }

    /// A new random key for `algorithm`, from the operating system's random number generator:
    /// an HMAC secret as long as the hash output, a 2048-bit RSA key (use
    /// [`RsaPrivateKey::generate`] for larger ones), an EC key on the algorithm's curve, or an
    /// Ed25519 key.
    ///
    /// ```
    /// use jwt_core::{Algorithm, SigningKey};
    /// let key = SigningKey::generate(Algorithm::EdDSA)?.with_thumbprint_kid();
    /// assert_eq!(key.kid().map(str::len), Some(43));
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    #[cfg(feature = "getrandom")]
    pub fn generate(algorithm: Algorithm) -> Result<Self> {
        let material = match algorithm.scheme() {
            Scheme::Hmac(_) => SigningMaterial::Hmac(HmacKey::generate(algorithm)?),
            Scheme::RsaPkcs1(_) | Scheme::RsaPss(_) => {
                SigningMaterial::Rsa(RsaPrivateKey::generate(2048)?)
            }
            Scheme::Ecdsa(curve) => SigningMaterial::Ec(EcPrivateKey::generate(curve)?),
            Scheme::Ed25519 => SigningMaterial::Ed25519(Ed25519PrivateKey::generate()?),
        };
        Self::bind(algorithm, material)
    }

    pub(crate) fn bind(algorithm: Algorithm, material: SigningMaterial) -> Result<Self> {
        VerifyingKey::new(material.verifying()).check(algorithm)?;
        // PSS salts come from the operating system.
        #[cfg(not(feature = "getrandom"))]
        if let Scheme::RsaPss(_) = algorithm.scheme() {
            return Err(crate::error::KeyProblem::RandomnessUnavailable.into());
        }
        Ok(Self {
            algorithm,
            material,
            kid: None,
        })
    }

    /// The key as a PKCS#8 `PRIVATE KEY` PEM document. An HMAC secret has no PEM form
    /// ([`KeyProblem::NoPemForm`](crate::KeyProblem::NoPemForm)): export it with
    /// [`to_private_jwk`](Self::to_private_jwk).
    ///
    /// ```
    /// use jwt_core::{Algorithm, SigningKey};
    /// let pem = include_str!("../../tests/keys/ed25519-private-pkcs8.pem");
    /// let key = SigningKey::from_pem(Algorithm::EdDSA, pem)?;
    /// assert_eq!(SigningKey::from_pem(Algorithm::EdDSA, &key.to_private_pem()?)?.thumbprint(), key.thumbprint());
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn to_private_pem(&self) -> Result<Zeroizing<String>> {
        pem::encode("PRIVATE KEY", &self.to_private_der()?).map(Zeroizing::new)
    }

    /// The key as PKCS#8 DER. An HMAC secret has no DER form.
    pub fn to_private_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        self.material.to_pkcs8_der()
    }

    /// The public key as an SPKI `PUBLIC KEY` PEM document (see
    /// [`VerifyingKey::to_public_pem`]).
    pub fn to_public_pem(&self) -> Result<String> {
        self.verifying_key().to_public_pem()
    }

    /// The public JWK of this key (see [`VerifyingKey::to_public_jwk`]).
    pub fn to_public_jwk(&self) -> Result<Jwk> {
        self.verifying_key().to_public_jwk()
    }

    /// The JWK of this key **including its private members** (`k`; `d`, `p`, `q`, `dp`, `dq`,
    /// `qi`; or `d` of an EC or OKP key), with `alg`, `kid` and `use` `sig`. For storing or moving a key between
    /// systems you control; never publish it.
    ///
    /// ```
    /// use jwt_core::{Algorithm, SigningKey};
    /// let pem = include_str!("../../tests/keys/rsa2048-private-pkcs8.pem");
    /// let key = SigningKey::from_pem(Algorithm::RS256, pem)?;
    /// let jwk = key.to_private_jwk()?.to_string();
    /// let again = SigningKey::from_jwk(Algorithm::RS256, &jwk.parse()?)?;
    /// assert_eq!(again.to_private_jwk()?, key.to_private_jwk()?);
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn to_private_jwk(&self) -> Result<Jwk> {
        jwk::private(&self.material, self.algorithm, self.kid.as_deref())
    }

    /// The RFC 7638 thumbprint of this key (see [`VerifyingKey::thumbprint`]).
    pub fn thumbprint(&self) -> String {
        jwk::thumbprint(&self.material.verifying())
    }

    /// This key, named by its thumbprint (a `kid` that is stable and needs no bookkeeping).
    #[must_use]
    pub fn with_thumbprint_kid(self) -> Self {
        let kid = self.thumbprint();
        self.with_kid(kid)
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
        VerifyingKey::restricted(
            self.material.verifying(),
            Some(self.algorithm),
            self.kid.clone(),
        )
    }

    /// The family of this key.
    pub fn family(&self) -> KeyFamily {
        self.algorithm.family()
    }

    /// The length in bytes of this key's signatures: its algorithm's, or for RSA its
    /// modulus's.
    pub(crate) fn signature_len(&self) -> Option<usize> {
        match &self.material {
            SigningMaterial::Rsa(key) => Some(key.signature_len()),
            SigningMaterial::Hmac(_) | SigningMaterial::Ec(_) | SigningMaterial::Ed25519(_) => {
                self.algorithm.signature_len()
            }
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
        match (&self.material, self.algorithm.scheme()) {
            (SigningMaterial::Hmac(key), Scheme::Hmac(digest)) => {
                key.sign(digest, message).map(Signature::Hmac)
            }
            (SigningMaterial::Rsa(key), Scheme::RsaPkcs1(digest)) => key
                .sign(Padding::Pkcs1v15, digest, message)
                .map(Signature::Rsa),
            (SigningMaterial::Rsa(key), Scheme::RsaPss(digest)) => {
                key.sign(Padding::Pss, digest, message).map(Signature::Rsa)
            }
            (SigningMaterial::Ec(key), Scheme::Ecdsa(_)) => key.sign(message).map(Signature::Ec),
            (SigningMaterial::Ed25519(key), Scheme::Ed25519) => {
                Ok(Signature::Ed25519(key.sign(message)))
            }
            // `bind` refused every other pairing of a key family and an algorithm.
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
    Ec(EcSignature),
    Rsa(Vec<u8>),
}

impl AsRef<[u8]> for Signature {
    fn as_ref(&self) -> &[u8] {
        match self {
            Self::Hmac(tag) => tag.as_ref(),
            Self::Ed25519(signature) => signature,
            Self::Ec(signature) => signature.as_ref(),
            Self::Rsa(signature) => signature,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ErrorKind, KeyProblem};

    const RSA_PKCS8: &str = include_str!("../../tests/keys/rsa2048-private-pkcs8.pem");
    const RSA_PKCS1: &str = include_str!("../../tests/keys/rsa2048-private-pkcs1.pem");
    const RSA_SPKI: &str = include_str!("../../tests/keys/rsa2048-public-spki.pem");
    const ED_PKCS8: &str = include_str!("../../tests/keys/ed25519-private-pkcs8.pem");

    #[test]
    fn signing_keys_need_private_pem() {
        let err = SigningKey::from_pem(Algorithm::RS256, RSA_SPKI).unwrap_err();
        assert_eq!(err, Error::InvalidKey(KeyProblem::NotAPrivateKey));
        let err = SigningKey::from_pem(Algorithm::RS256, ED_PKCS8).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::KeyAlgorithmMismatch);
        assert!(SigningKey::from_pem(Algorithm::EdDSA, ED_PKCS8).is_ok());
    }

    #[test]
    fn der_reads_pkcs8_and_pkcs1_and_round_trips() {
        let pkcs8 = SigningKey::from_pem(Algorithm::RS256, RSA_PKCS8).unwrap();
        let der = pkcs8.to_private_der().unwrap();
        let again = SigningKey::from_der(Algorithm::RS256, &der).unwrap();
        assert_eq!(
            again.to_private_pem().unwrap(),
            pkcs8.to_private_pem().unwrap()
        );
        let pkcs1_der = pem::decode(RSA_PKCS1).map(|document| match document {
            pem::Document::RsaPrivate(der) => der,
            _ => panic!("not PKCS#1"),
        });
        let pkcs1 = SigningKey::from_der(Algorithm::RS256, &pkcs1_der.unwrap()).unwrap();
        assert_eq!(pkcs1.thumbprint(), pkcs8.thumbprint());
        assert_eq!(
            SigningKey::from_der(Algorithm::RS256, b"\x30\x00").unwrap_err(),
            Error::InvalidKey(KeyProblem::MalformedDer)
        );
    }

    #[test]
    fn hmac_secrets_have_no_pem_form() {
        let key = SigningKey::hmac(Algorithm::HS256, HmacKey::new(&[1; 32]).unwrap()).unwrap();
        assert_eq!(
            key.to_private_pem().map(drop),
            Err(Error::InvalidKey(KeyProblem::NoPemForm))
        );
        assert_eq!(
            key.to_public_pem(),
            Err(Error::InvalidKey(KeyProblem::NoPemForm))
        );
    }
}
