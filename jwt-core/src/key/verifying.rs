//! [`VerifyingKey`]: an HMAC secret or a public key, bound to its family.

use alloc::string::String;
use alloc::vec::Vec;

use super::{SigningMaterial, VerifyingMaterial};
use crate::alg::ecdsa::{EcPrivateKey, EcPublicKey};
use crate::alg::eddsa::Ed25519PublicKey;
use crate::alg::hmac::HmacKey;
use crate::alg::rsa::{Padding, RsaPrivateKey, RsaPublicKey};
use crate::alg::{Algorithm, KeyFamily, Scheme};
use crate::error::{Error, KeyProblem, Result};
use crate::jwk::{self, Jwk};
use crate::pem::{self, Document};

/// A key that verifies signatures: an HMAC secret, an RSA public key, an EC (P-256 or P-384)
/// public key or an Ed25519 public key, optionally restricted to one algorithm and named by a
/// key id.
///
/// Build it once and reuse it: all parsing and precomputation happens here, not per token.
///
/// ```
/// use jwt_core::{Algorithm, KeyFamily, VerifyingKey};
///
/// let pem = include_str!("../../tests/keys/ed25519-public-spki.pem");
/// let key = VerifyingKey::from_pem(pem)?.with_kid("2026-11");
/// assert_eq!(key.family(), KeyFamily::Ed25519);
/// assert_eq!(key.kid(), Some("2026-11"));
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct VerifyingKey {
    material: VerifyingMaterial,
    algorithm: Option<Algorithm>,
    kid: Option<String>,
}

impl VerifyingKey {
    pub(crate) fn new(material: VerifyingMaterial) -> Self {
        Self {
            material,
            algorithm: None,
            kid: None,
        }
    }

    /// A public key from PEM: `PUBLIC KEY` (SPKI, RSA, EC or Ed25519), `RSA PUBLIC KEY`
    /// (PKCS#1), or a private key (`PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`), whose
    /// public half is kept.
    ///
    /// The text is only ever parsed as a key: it never becomes an HMAC secret.
    ///
    /// ```
    /// use jwt_core::{EcCurve, KeyFamily, VerifyingKey};
    /// let key = VerifyingKey::from_pem(include_str!("../../tests/keys/p384-public-spki.pem"))?;
    /// assert_eq!((key.family(), key.curve()), (KeyFamily::Ec, Some(EcCurve::P384)));
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn from_pem(text: &str) -> Result<Self> {
        let material = match pem::decode(text)? {
            Document::Spki(der) => VerifyingMaterial::from_spki_der(&der)?,
            Document::RsaPublic(der) => VerifyingMaterial::Rsa(RsaPublicKey::from_pkcs1_der(&der)?),
            Document::Pkcs8(der) => SigningMaterial::from_pkcs8_der(&der)?.verifying(),
            Document::RsaPrivate(der) => {
                VerifyingMaterial::Rsa(RsaPrivateKey::from_pkcs1_der(&der)?.public_key())
            }
            Document::EcPrivate(der) => {
                VerifyingMaterial::Ec(EcPrivateKey::from_sec1_der(&der)?.public_key())
            }
        };
        Ok(Self::new(material))
    }

    /// A public key from DER, as [`from_pem`](Self::from_pem) reads PEM: SPKI (RSA, EC or
    /// Ed25519), PKCS#1 `RSAPublicKey`, or a private key (PKCS#8, PKCS#1 `RSAPrivateKey`, SEC1
    /// `ECPrivateKey`), whose public half is kept. An SPKI structure of another key type is
    /// [`KeyProblem::UnsupportedKeyType`](crate::KeyProblem::UnsupportedKeyType); bytes that
    /// are none of these are [`KeyProblem::MalformedDer`](crate::KeyProblem::MalformedDer).
    ///
    /// ```
    /// use jwt_core::VerifyingKey;
    /// let key = VerifyingKey::from_pem(include_str!("../../tests/keys/rsa2048-public-spki.pem"))?;
    /// assert_eq!(VerifyingKey::from_der(&key.to_public_der()?)?.thumbprint(), key.thumbprint());
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn from_der(der: &[u8]) -> Result<Self> {
        let spki = VerifyingMaterial::from_spki_der(der);
        let material = match spki {
            Err(Error::InvalidKey(KeyProblem::MalformedDer)) => RsaPublicKey::from_pkcs1_der(der)
                .map(VerifyingMaterial::Rsa)
                .or_else(|_| SigningMaterial::from_der(der).map(|key| key.verifying()))
                .map_err(|_| KeyProblem::MalformedDer)?,
            other => other?,
        };
        Ok(Self::new(material))
    }

    /// A key from a JWK (public or private; a private key's public half is kept). Its `alg`,
    /// `use`, `key_ops` and `kid` members constrain and name the key: a JWK with `alg` RS256
    /// never verifies RS512, and one with `use` `enc` is refused.
    ///
    /// ```
    /// use jwt_core::{Algorithm, ErrorKind, Jwk, VerifyingKey};
    ///
    /// let jwk: Jwk = r#"{"kty":"OKP","crv":"Ed25519","alg":"EdDSA","kid":"k1",
    ///                    "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#.parse()?;
    /// let key = VerifyingKey::from_jwk(&jwk)?;
    /// assert_eq!((key.algorithm(), key.kid()), (Some(Algorithm::EdDSA), Some("k1")));
    ///
    /// let encryption: Jwk = r#"{"kty":"oct","use":"enc","k":"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"}"#.parse()?;
    /// assert_eq!(VerifyingKey::from_jwk(&encryption).unwrap_err().kind(), ErrorKind::InvalidKey);
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn from_jwk(jwk: &Jwk) -> Result<Self> {
        jwk::Imported::read(jwk.as_map(), crate::error::KeyOperation::Verify)?.into_verifying_key()
    }

    /// The key as an SPKI `PUBLIC KEY` PEM document. An HMAC secret has no PEM form
    /// ([`KeyProblem::NoPemForm`](crate::KeyProblem::NoPemForm)).
    ///
    /// ```
    /// use jwt_core::VerifyingKey;
    /// let pem = include_str!("../../tests/keys/rsa2048-public-pkcs1.pem");
    /// let spki = VerifyingKey::from_pem(pem)?.to_public_pem()?;
    /// assert_eq!(spki, include_str!("../../tests/keys/rsa2048-public-spki.pem"));
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn to_public_pem(&self) -> Result<String> {
        pem::encode("PUBLIC KEY", &self.to_public_der()?)
    }

    /// The key as SPKI DER. An HMAC secret has no DER form.
    pub fn to_public_der(&self) -> Result<Vec<u8>> {
        self.material.to_spki_der()
    }

    /// The public JWK of this key, with `use` `sig`, and `alg` and `kid` when set. An HMAC
    /// secret has no public form ([`KeyProblem::NoPublicForm`](crate::KeyProblem::NoPublicForm)):
    /// export it with [`SigningKey::to_private_jwk`](crate::SigningKey::to_private_jwk).
    ///
    /// ```
    /// use jwt_core::{HmacKey, VerifyingKey};
    /// let pem = include_str!("../../tests/keys/ed25519-public-spki.pem");
    /// let jwk = VerifyingKey::from_pem(pem)?.with_kid("k1").to_public_jwk()?;
    /// assert_eq!(jwk.get("kty"), Some(&"OKP".into()));
    /// assert_eq!(VerifyingKey::from_jwk(&jwk.to_string().parse()?)?.kid(), Some("k1"));
    /// assert!(VerifyingKey::from(HmacKey::new(&[1; 32])?).to_public_jwk().is_err());
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn to_public_jwk(&self) -> Result<Jwk> {
        jwk::public(&self.material, self.algorithm, self.kid.as_deref())
    }

    /// The RFC 7638 thumbprint: base64url of the SHA-256 of the required members in canonical
    /// form. Stable across encodings of the same key, so usable as a default `kid`.
    ///
    /// ```
    /// // RFC 8037 appendix A.3
    /// let jwk = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    /// let key = jwt_core::VerifyingKey::from_jwk(&jwk.parse()?)?;
    /// assert_eq!(key.thumbprint(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn thumbprint(&self) -> String {
        jwk::thumbprint(&self.material)
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

    /// The curve of an EC key; `None` for other keys.
    pub fn curve(&self) -> Option<crate::alg::ecdsa::EcCurve> {
        match &self.material {
            VerifyingMaterial::Ec(key) => Some(key.curve()),
            _ => None,
        }
    }

    /// The one algorithm this key is restricted to, if any.
    pub fn algorithm(&self) -> Option<Algorithm> {
        self.algorithm
    }

    /// The key id, if any.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// This key's material, restricted to `algorithm` and named `kid`.
    pub(crate) fn restricted(
        material: VerifyingMaterial,
        algorithm: Option<Algorithm>,
        kid: Option<String>,
    ) -> Self {
        Self {
            material,
            algorithm,
            kid,
        }
    }

    /// Refuses `algorithm` unless this key is meant for it: same family (and, for EC, same
    /// curve), and no other restriction. Another family or another restriction is
    /// [`Error::KeyAlgorithmMismatch`], an EC key of another curve [`KeyProblem::WrongCurve`].
    /// Key strength is not considered.
    pub(crate) fn fit(&self, algorithm: Algorithm) -> Result<()> {
        if algorithm.family() != self.family()
            || self.algorithm.is_some_and(|only| only != algorithm)
        {
            return Err(Error::KeyAlgorithmMismatch {
                algorithm,
                key: self.family(),
                restricted_to: self.algorithm,
            });
        }
        if let VerifyingMaterial::Ec(key) = &self.material
            && algorithm.curve() != Some(key.curve())
        {
            return Err(KeyProblem::WrongCurve {
                algorithm,
                key: key.curve(),
            }
            .into());
        }
        Ok(())
    }

    /// Refuses `algorithm` unless this key is meant for it and strong enough for it.
    pub(crate) fn check(&self, algorithm: Algorithm) -> Result<()> {
        self.fit(algorithm)?;
        match (&self.material, algorithm.scheme()) {
            (VerifyingMaterial::Hmac(key), Scheme::Hmac(digest)) => key.check_strength(digest),
            _ => Ok(()),
        }
    }

    /// Verifies a raw `signature` over `message` with `algorithm`: the signature layer under
    /// the token API, for detached signatures and test vectors. The key must be meant for the
    /// algorithm ([`Error::KeyAlgorithmMismatch`]), of its curve and strong enough for it
    /// ([`Error::InvalidKey`]); any other failure is [`Error::InvalidSignature`].
    ///
    /// ```
    /// use jwt_core::{Algorithm, Ed25519PrivateKey, Error, SigningKey};
    /// let signer = SigningKey::ed25519(Ed25519PrivateKey::from_bytes(&[3; 32])?);
    /// let signature = signer.sign(b"message")?;
    /// let key = signer.verifying_key();
    /// assert_eq!(key.verify(Algorithm::EdDSA, b"message", &signature), Ok(()));
    /// assert_eq!(key.verify(Algorithm::EdDSA, b"massage", &signature), Err(Error::InvalidSignature));
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn verify(&self, algorithm: Algorithm, message: &[u8], signature: &[u8]) -> Result<()> {
        self.check(algorithm)?;
        match (&self.material, algorithm.scheme()) {
            (VerifyingMaterial::Hmac(key), Scheme::Hmac(digest)) => {
                key.verify(digest, message, signature)
            }
            (VerifyingMaterial::Rsa(key), Scheme::RsaPkcs1(digest)) => {
                key.verify(Padding::Pkcs1v15, digest, message, signature)
            }
            (VerifyingMaterial::Rsa(key), Scheme::RsaPss(digest)) => {
                key.verify(Padding::Pss, digest, message, signature)
            }
            (VerifyingMaterial::Ec(key), Scheme::Ecdsa(_)) => key.verify(message, signature),
            (VerifyingMaterial::Ed25519(key), Scheme::Ed25519) => key.verify(message, signature),
            // `check` refused every other pairing of a key family and an algorithm.
            _ => Err(Error::InvalidSignature),
        }
    }
}

impl From<HmacKey> for VerifyingKey {
    fn from(key: HmacKey) -> Self {
        Self::new(VerifyingMaterial::Hmac(key))
    }
}

impl From<RsaPublicKey> for VerifyingKey {
    fn from(key: RsaPublicKey) -> Self {
        Self::new(VerifyingMaterial::Rsa(key))
    }
}

impl From<EcPublicKey> for VerifyingKey {
    fn from(key: EcPublicKey) -> Self {
        Self::new(VerifyingMaterial::Ec(key))
    }
}

impl From<Ed25519PublicKey> for VerifyingKey {
    fn from(key: Ed25519PublicKey) -> Self {
        Self::new(VerifyingMaterial::Ed25519(key.into()))
    }
}

impl TryFrom<&Jwk> for VerifyingKey {
    type Error = Error;

    /// See [`VerifyingKey::from_jwk`].
    fn try_from(jwk: &Jwk) -> Result<Self> {
        Self::from_jwk(jwk)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::key::SigningKey;
    use alloc::string::ToString;

    const RSA_PKCS8: &str = include_str!("../../tests/keys/rsa2048-private-pkcs8.pem");
    const RSA_PKCS1: &str = include_str!("../../tests/keys/rsa2048-private-pkcs1.pem");
    const RSA_SPKI: &str = include_str!("../../tests/keys/rsa2048-public-spki.pem");
    const RSA_PKCS1_PUBLIC: &str = include_str!("../../tests/keys/rsa2048-public-pkcs1.pem");
    const RSA_1024: &str = include_str!("../../tests/keys/rsa1024-public-spki.pem");
    const ED_PKCS8: &str = include_str!("../../tests/keys/ed25519-private-pkcs8.pem");
    const ED_SPKI: &str = include_str!("../../tests/keys/ed25519-public-spki.pem");
    const P256_SPKI: &str = include_str!("../../tests/keys/p256-public-spki.pem");
    const P256_PKCS8: &str = include_str!("../../tests/keys/p256-private-pkcs8.pem");
    const P256_SEC1: &str = include_str!("../../tests/keys/p256-private-sec1.pem");
    const P384_SPKI: &str = include_str!("../../tests/keys/p384-public-spki.pem");
    const P384_PKCS8: &str = include_str!("../../tests/keys/p384-private-pkcs8.pem");
    const P521: &str = include_str!("../../tests/keys/p521-public-spki.pem");
    const SECP256K1: &str = include_str!("../../tests/keys/secp256k1-public-spki.pem");
    const X25519: &str = include_str!("../../tests/keys/x25519-public-spki.pem");

    fn rsa_public(pem: &str) -> RsaPublicKey {
        match VerifyingKey::from_pem(pem).unwrap().material {
            VerifyingMaterial::Rsa(key) => key,
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
            (VerifyingMaterial::Ed25519(a), VerifyingMaterial::Ed25519(b)) => {
                assert!(a.key() == b.key())
            }
            other => panic!("not Ed25519: {other:?}"),
        }
    }

    #[test]
    fn weak_and_foreign_keys_are_invalid() {
        assert_eq!(
            VerifyingKey::from_pem(RSA_1024).unwrap_err(),
            Error::InvalidKey(KeyProblem::RsaModulusTooSmall { bits: 1024 })
        );
        for pem in [P521, SECP256K1, X25519] {
            assert_eq!(
                VerifyingKey::from_pem(pem).unwrap_err(),
                Error::InvalidKey(KeyProblem::UnsupportedKeyType)
            );
        }
    }

    #[test]
    fn ec_pem_forms_agree() {
        let spki = VerifyingKey::from_pem(P256_SPKI).unwrap();
        for pem in [P256_PKCS8, P256_SEC1] {
            let key = VerifyingKey::from_pem(pem).unwrap();
            assert_eq!(key.curve(), Some(crate::alg::ecdsa::EcCurve::P256));
            assert_eq!(key.to_public_pem().unwrap(), P256_SPKI);
            assert_eq!(key.thumbprint(), spki.thumbprint());
        }
        assert_eq!(spki.family(), KeyFamily::Ec);
        assert_eq!(VerifyingKey::from_pem(RSA_SPKI).unwrap().curve(), None);
    }

    #[test]
    fn hmac_secrets_have_no_public_or_pem_form() {
        let key = VerifyingKey::from(HmacKey::new(&[1; 32]).unwrap());
        let no_pem = Err(Error::InvalidKey(KeyProblem::NoPemForm));
        assert_eq!(key.to_public_pem(), no_pem);
        assert_eq!(key.to_public_der().map(drop), no_pem.map(drop));
        assert_eq!(
            key.to_public_jwk(),
            Err(Error::InvalidKey(KeyProblem::NoPublicForm))
        );
    }

    #[test]
    fn der_reads_what_pem_reads() {
        for pem in [
            RSA_SPKI,
            RSA_PKCS1_PUBLIC,
            RSA_PKCS8,
            RSA_PKCS1,
            ED_PKCS8,
            ED_SPKI,
            P256_SPKI,
            P256_PKCS8,
            P256_SEC1,
            P384_SPKI,
            P384_PKCS8,
        ] {
            let der = match pem::decode(pem).unwrap() {
                Document::Spki(der) | Document::RsaPublic(der) => der,
                Document::Pkcs8(der) | Document::RsaPrivate(der) | Document::EcPrivate(der) => {
                    der.to_vec()
                }
            };
            let from_der = VerifyingKey::from_der(&der).unwrap();
            let from_pem = VerifyingKey::from_pem(pem).unwrap();
            assert_eq!(from_der.thumbprint(), from_pem.thumbprint());
        }
        assert_eq!(
            VerifyingKey::from_der(b"\x30\x00").unwrap_err(),
            Error::InvalidKey(KeyProblem::MalformedDer)
        );
        for unsupported in [P521, SECP256K1, X25519] {
            let der = match pem::decode(unsupported).unwrap() {
                Document::Spki(der) => der,
                _ => panic!("SPKI"),
            };
            assert_eq!(
                VerifyingKey::from_der(&der).unwrap_err(),
                Error::InvalidKey(KeyProblem::UnsupportedKeyType)
            );
        }
    }

    #[test]
    fn der_round_trips() {
        for pem in [RSA_SPKI, ED_SPKI, P256_SPKI, P384_SPKI] {
            let key = VerifyingKey::from_pem(pem).unwrap();
            let again = VerifyingKey::from_der(&key.to_public_der().unwrap()).unwrap();
            assert_eq!(again.to_public_pem().unwrap(), pem);
        }
    }

    #[test]
    fn keys_refuse_other_families() {
        let hmac = VerifyingKey::from(HmacKey::new(&[1; 64]).unwrap());
        let rsa = VerifyingKey::from_pem(RSA_SPKI).unwrap();
        let ed = VerifyingKey::from_pem(ED_SPKI).unwrap();
        let p256 = VerifyingKey::from_pem(P256_SPKI).unwrap();
        let p384 = VerifyingKey::from_pem(P384_SPKI).unwrap();
        for alg in Algorithm::ALL {
            for key in [&hmac, &rsa, &ed, &p256, &p384] {
                let result = key.verify(alg, b"message", &[0; 256]);
                if alg.family() == key.family() && alg.curve() == key.curve() {
                    assert_eq!(result, Err(Error::InvalidSignature));
                } else if let (Some(_), Some(curve)) = (alg.curve(), key.curve()) {
                    let expected = KeyProblem::WrongCurve {
                        algorithm: alg,
                        key: curve,
                    };
                    assert_eq!(result, Err(expected.into()));
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
        let p256 = VerifyingKey::from_pem(P256_SPKI).unwrap();
        assert_eq!(
            p256.with_algorithm(Algorithm::ES384).unwrap_err(),
            Error::InvalidKey(KeyProblem::WrongCurve {
                algorithm: Algorithm::ES384,
                key: crate::alg::ecdsa::EcCurve::P256,
            })
        );
        let short = VerifyingKey::from(HmacKey::new(&[1; 32]).unwrap());
        assert_eq!(
            short.with_algorithm(Algorithm::HS512).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
    }

    #[test]
    fn signatures_verify_with_the_derived_key() {
        let mut keys = alloc::vec![
            SigningKey::hmac(Algorithm::HS512, HmacKey::new(&[3; 64]).unwrap()).unwrap(),
            SigningKey::from_pem(Algorithm::RS384, RSA_PKCS8).unwrap(),
            SigningKey::from_pem(Algorithm::ES256, P256_SEC1).unwrap(),
            SigningKey::from_pem(Algorithm::ES384, P384_PKCS8).unwrap(),
            SigningKey::from_pem(Algorithm::EdDSA, ED_PKCS8)
                .unwrap()
                .with_kid("k"),
        ];
        // PSS salts come from the operating system.
        let pss = SigningKey::from_pem(Algorithm::PS256, RSA_PKCS8);
        if cfg!(feature = "getrandom") {
            keys.push(pss.unwrap());
        } else {
            assert_eq!(
                pss.unwrap_err(),
                Error::InvalidKey(KeyProblem::RandomnessUnavailable)
            );
        }
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
