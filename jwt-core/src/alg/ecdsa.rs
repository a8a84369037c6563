//! ECDSA keys for `ES256` (P-256 with SHA-256) and `ES384` (P-384 with SHA-384), RFC 7518
//! section 3.4, on the RustCrypto `p256` and `p384` crates.
//!
//! Signatures are the JOSE form, `r || s` with each half as long as the curve's field (64 and
//! 96 bytes). A DER signature, any other length, and `r` or `s` equal to zero or not below the
//! group order are not signatures. Both `s` and `n - s` verify: JOSE does not ask for low-S.
//! Signing uses RFC 6979's deterministic nonces and the crates' constant-time arithmetic.

use alloc::vec::Vec;
use core::fmt;

use p256::ecdsa::signature::{Signer, Verifier};
use p256::elliptic_curve::point::AffineCoordinates;
use pkcs8::der::Decode;
use pkcs8::der::asn1::ObjectIdentifier;
use pkcs8::{AssociatedOid, DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use zeroize::Zeroizing;

use crate::alg::Algorithm;
use crate::error::{Error, KeyProblem, Result};
use crate::pem;

/// The curve of an EC key: each has exactly one JWS algorithm.
///
/// ```
/// use jwt_core::{Algorithm, EcCurve};
/// assert_eq!(EcCurve::P384.name(), "P-384");
/// assert_eq!(EcCurve::P256.algorithm(), Algorithm::ES256);
/// assert_eq!(EcCurve::P384.field_len(), 48);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EcCurve {
    /// NIST P-256 (secp256r1), for `ES256`.
    P256,
    /// NIST P-384 (secp384r1), for `ES384`.
    P384,
}

impl EcCurve {
    /// Every curve, in declaration order.
    pub const ALL: [EcCurve; 2] = [Self::P256, Self::P384];

    /// The name of the curve in a JWK's `crv` (RFC 7518 section 6.2.1.1).
    pub const fn name(self) -> &'static str {
        match self {
            Self::P256 => "P-256",
            Self::P384 => "P-384",
        }
    }

    /// The length in bytes of a field element: of each coordinate, of a private scalar, and
    /// of each half of a signature.
    pub const fn field_len(self) -> usize {
        match self {
            Self::P256 => 32,
            Self::P384 => 48,
        }
    }

    /// The one algorithm that signs with keys of this curve.
    pub const fn algorithm(self) -> Algorithm {
        match self {
            Self::P256 => Algorithm::ES256,
            Self::P384 => Algorithm::ES384,
        }
    }

    /// The length in bytes of a signature: `r || s`.
    pub(crate) const fn signature_len(self) -> usize {
        2 * self.field_len()
    }

    /// The curve named `name` in a JWK's `crv`.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|curve| curve.name() == name)
    }

    /// The curve of the named-curve OID (RFC 5480 section 2.1.1.1).
    fn from_oid(oid: ObjectIdentifier) -> Option<Self> {
        if oid == p256::NistP256::OID {
            Some(Self::P256)
        } else if oid == p384::NistP384::OID {
            Some(Self::P384)
        } else {
            None
        }
    }
}

impl fmt::Display for EcCurve {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An EC public key: a point of its curve other than the point at infinity, ready to verify.
///
/// ```
/// use base64ct::{Base64UrlUnpadded, Encoding};
/// use jwt_core::{EcCurve, EcPublicKey};
/// // RFC 7515 appendix A.3
/// let x = Base64UrlUnpadded::decode_vec("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU").unwrap();
/// let y = Base64UrlUnpadded::decode_vec("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0").unwrap();
/// let key = EcPublicKey::from_coordinates(EcCurve::P256, &x, &y)?;
/// assert_eq!(key.curve(), EcCurve::P256);
/// assert_eq!(key.coordinates(), (x.clone(), y));
/// assert!(EcPublicKey::from_coordinates(EcCurve::P256, &x, &x).is_err()); // not on the curve
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct EcPublicKey {
    inner: Public,
}

#[derive(Clone, PartialEq, Eq)]
enum Public {
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
}

/// An EC private key: a scalar between 1 and the group order less one, with its public key.
/// Wiped on drop; `Debug` prints only the public key.
///
/// ```
/// use jwt_core::{EcCurve, EcPrivateKey};
/// let key = EcPrivateKey::from_pem(include_str!("../../tests/keys/p256-private-sec1.pem"))?;
/// assert_eq!(key.curve(), EcCurve::P256);
/// let again = EcPrivateKey::from_der(&key.to_pkcs8_der()?)?;
/// assert!(again.public_key() == key.public_key());
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Clone)]
pub struct EcPrivateKey {
    inner: Private,
}

#[derive(Clone)]
enum Private {
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
}

/// A signature as computed: `r || s`, on the stack.
#[derive(Debug, Clone, Copy)]
pub(crate) enum EcSignature {
    P256([u8; 64]),
    P384([u8; 96]),
}

impl AsRef<[u8]> for EcSignature {
    fn as_ref(&self) -> &[u8] {
        match self {
            Self::P256(signature) => signature,
            Self::P384(signature) => signature,
        }
    }
}

/// The error of a key that the curve's crate refuses, whatever its reason.
fn invalid_key<E>(_: E) -> Error {
    KeyProblem::InvalidEcKey.into()
}

/// Refuses `bytes` unless they are exactly one field element of `curve` long.
fn check_field_len(curve: EcCurve, bytes: &[u8]) -> Result<()> {
    if bytes.len() == curve.field_len() {
        Ok(())
    } else {
        Err(KeyProblem::WrongLength {
            expected: curve.field_len(),
            actual: bytes.len(),
        }
        .into())
    }
}

impl EcPublicKey {
    /// A key from its big-endian affine coordinates (the JWK `x` and `y` members), each
    /// exactly [`EcCurve::field_len`] bytes long. A point that is not on the curve is
    /// [`KeyProblem::InvalidEcKey`].
    pub fn from_coordinates(curve: EcCurve, x: &[u8], y: &[u8]) -> Result<Self> {
        check_field_len(curve, x)?;
        check_field_len(curve, y)?;
        let inner = match curve {
            EcCurve::P256 => {
                let point = p256::Sec1Point::from_affine_coordinates(
                    x.try_into().map_err(invalid_key)?,
                    y.try_into().map_err(invalid_key)?,
                    false,
                );
                Public::P256(
                    p256::ecdsa::VerifyingKey::from_sec1_point(&point).map_err(invalid_key)?,
                )
            }
            EcCurve::P384 => {
                let point = p384::Sec1Point::from_affine_coordinates(
                    x.try_into().map_err(invalid_key)?,
                    y.try_into().map_err(invalid_key)?,
                    false,
                );
                Public::P384(
                    p384::ecdsa::VerifyingKey::from_sec1_point(&point).map_err(invalid_key)?,
                )
            }
        };
        Ok(Self { inner })
    }

    /// A key from SPKI DER (`id-ecPublicKey` with a named curve, RFC 5480). A curve other
    /// than P-256 and P-384 is [`KeyProblem::UnsupportedKeyType`].
    ///
    /// ```
    /// use jwt_core::{EcCurve, EcPublicKey, VerifyingKey};
    /// let pem = include_str!("../../tests/keys/p384-public-spki.pem");
    /// let der = VerifyingKey::from_pem(pem)?.to_public_der()?;
    /// let key = EcPublicKey::from_der(&der)?;
    /// assert_eq!(key.curve(), EcCurve::P384);
    /// assert_eq!(key.to_spki_der()?, der);
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn from_der(der: &[u8]) -> Result<Self> {
        let spki = pkcs8::spki::SubjectPublicKeyInfoRef::from_der(der)
            .map_err(|_| KeyProblem::MalformedDer)?;
        if spki.algorithm.oid != pem::EC_PUBLIC_KEY {
            return Err(KeyProblem::UnsupportedKeyType.into());
        }
        let curve = spki
            .algorithm
            .parameters_oid()
            .map_err(|_| KeyProblem::MalformedDer)?;
        let inner = match EcCurve::from_oid(curve).ok_or(KeyProblem::UnsupportedKeyType)? {
            EcCurve::P256 => Public::P256(
                p256::ecdsa::VerifyingKey::from_public_key_der(der).map_err(invalid_key)?,
            ),
            EcCurve::P384 => Public::P384(
                p384::ecdsa::VerifyingKey::from_public_key_der(der).map_err(invalid_key)?,
            ),
        };
        Ok(Self { inner })
    }

    /// The curve of the key.
    pub fn curve(&self) -> EcCurve {
        match self.inner {
            Public::P256(_) => EcCurve::P256,
            Public::P384(_) => EcCurve::P384,
        }
    }

    /// The big-endian affine coordinates `(x, y)`, each [`EcCurve::field_len`] bytes long.
    pub fn coordinates(&self) -> (Vec<u8>, Vec<u8>) {
        match &self.inner {
            Public::P256(key) => {
                let point = key.as_affine();
                (point.x().to_vec(), point.y().to_vec())
            }
            Public::P384(key) => {
                let point = key.as_affine();
                (point.x().to_vec(), point.y().to_vec())
            }
        }
    }

    /// The key as SPKI DER (`PUBLIC KEY`), with the point uncompressed.
    pub fn to_spki_der(&self) -> Result<Vec<u8>> {
        match &self.inner {
            Public::P256(key) => key.to_public_key_der(),
            Public::P384(key) => key.to_public_key_der(),
        }
        .map(|doc| doc.into_vec())
        .map_err(|_| KeyProblem::Unencodable.into())
    }

    /// Verifies the JOSE signature `r || s` of `message`.
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> Result<()> {
        let verified = match &self.inner {
            Public::P256(key) => p256::ecdsa::Signature::from_slice(signature)
                .is_ok_and(|signature| key.verify(message, &signature).is_ok()),
            Public::P384(key) => p384::ecdsa::Signature::from_slice(signature)
                .is_ok_and(|signature| key.verify(message, &signature).is_ok()),
        };
        if verified {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }
}

impl EcPrivateKey {
    /// A key from its big-endian private scalar (the JWK `d` member), exactly
    /// [`EcCurve::field_len`] bytes long. Zero and scalars not below the group order are
    /// [`KeyProblem::InvalidEcKey`].
    ///
    /// ```
    /// use jwt_core::{EcCurve, EcPrivateKey, ErrorKind};
    /// let key = EcPrivateKey::from_bytes(EcCurve::P256, &[7; 32])?;
    /// assert_eq!(key.to_bytes().as_slice(), [7; 32]);
    /// assert_eq!(EcPrivateKey::from_bytes(EcCurve::P256, &[0; 32]).unwrap_err().kind(), ErrorKind::InvalidKey);
    /// assert_eq!(EcPrivateKey::from_bytes(EcCurve::P384, &[7; 32]).unwrap_err().kind(), ErrorKind::InvalidKey);
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn from_bytes(curve: EcCurve, d: &[u8]) -> Result<Self> {
        check_field_len(curve, d)?;
        let inner = match curve {
            EcCurve::P256 => {
                Private::P256(p256::ecdsa::SigningKey::from_slice(d).map_err(invalid_key)?)
            }
            EcCurve::P384 => {
                Private::P384(p384::ecdsa::SigningKey::from_slice(d).map_err(invalid_key)?)
            }
        };
        Ok(Self { inner })
    }

    /// A key from DER: PKCS#8 `PrivateKeyInfo` or SEC1 `ECPrivateKey` (RFC 5915). A public
    /// key embedded in either must be the private key's.
    pub fn from_der(der: &[u8]) -> Result<Self> {
        match pkcs8::PrivateKeyInfoRef::from_der(der) {
            Ok(info) => Self::from_pkcs8(&info, der),
            Err(_) => Self::from_sec1_der(der),
        }
    }

    /// A key from a PEM document: `PRIVATE KEY` (PKCS#8) or `EC PRIVATE KEY` (SEC1).
    pub fn from_pem(text: &str) -> Result<Self> {
        match pem::decode(text)? {
            pem::Document::Pkcs8(der) => Self::from_der(&der),
            pem::Document::EcPrivate(der) => Self::from_sec1_der(&der),
            pem::Document::Spki(_) => Err(KeyProblem::NotAPrivateKey.into()),
            pem::Document::RsaPrivate(_) | pem::Document::RsaPublic(_) => {
                Err(KeyProblem::UnsupportedKeyType.into())
            }
        }
    }

    /// A key from the PKCS#8 structure `info`, parsed from `der`.
    fn from_pkcs8(info: &pkcs8::PrivateKeyInfoRef<'_>, der: &[u8]) -> Result<Self> {
        if info.algorithm.oid != pem::EC_PUBLIC_KEY {
            return Err(KeyProblem::UnsupportedKeyType.into());
        }
        let curve = info
            .algorithm
            .parameters_oid()
            .map_err(|_| KeyProblem::MalformedDer)?;
        let inner = match EcCurve::from_oid(curve).ok_or(KeyProblem::UnsupportedKeyType)? {
            EcCurve::P256 => {
                Private::P256(p256::ecdsa::SigningKey::from_pkcs8_der(der).map_err(invalid_key)?)
            }
            EcCurve::P384 => {
                Private::P384(p384::ecdsa::SigningKey::from_pkcs8_der(der).map_err(invalid_key)?)
            }
        };
        Ok(Self { inner })
    }

    /// A key from a SEC1 `ECPrivateKey` DER structure. Its curve is the one its parameters
    /// name or, without parameters, the one its private key's length fits.
    pub(crate) fn from_sec1_der(der: &[u8]) -> Result<Self> {
        let key = sec1::EcPrivateKey::from_der(der).map_err(|_| KeyProblem::MalformedDer)?;
        let curve = match key
            .parameters
            .and_then(|parameters| parameters.named_curve())
        {
            Some(oid) => EcCurve::from_oid(oid),
            None => EcCurve::ALL
                .into_iter()
                .find(|curve| curve.field_len() == key.private_key.len()),
        }
        .ok_or(KeyProblem::UnsupportedKeyType)?;
        let inner = match curve {
            EcCurve::P256 => Private::P256(
                p256::SecretKey::from_sec1_der(der)
                    .map_err(invalid_key)?
                    .into(),
            ),
            EcCurve::P384 => Private::P384(
                p384::SecretKey::from_sec1_der(der)
                    .map_err(invalid_key)?
                    .into(),
            ),
        };
        Ok(Self { inner })
    }

    /// A new random key on `curve`, from the operating system's random number generator.
    ///
    /// ```
    /// use jwt_core::{EcCurve, EcPrivateKey};
    /// let key = EcPrivateKey::generate(EcCurve::P384)?;
    /// assert_eq!(key.curve(), EcCurve::P384);
    /// assert!(key.public_key() != EcPrivateKey::generate(EcCurve::P384)?.public_key());
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    #[cfg(feature = "getrandom")]
    pub fn generate(curve: EcCurve) -> Result<Self> {
        let inner = match curve {
            EcCurve::P256 => Private::P256(crate::random::generate()?),
            EcCurve::P384 => Private::P384(crate::random::generate()?),
        };
        Ok(Self { inner })
    }

    /// The curve of the key.
    pub fn curve(&self) -> EcCurve {
        match self.inner {
            Private::P256(_) => EcCurve::P256,
            Private::P384(_) => EcCurve::P384,
        }
    }

    /// The big-endian private scalar (the JWK `d` member), [`EcCurve::field_len`] bytes long.
    pub fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        match &self.inner {
            Private::P256(key) => Zeroizing::new(Zeroizing::new(key.to_bytes()).to_vec()),
            Private::P384(key) => Zeroizing::new(Zeroizing::new(key.to_bytes()).to_vec()),
        }
    }

    /// The key as PKCS#8 DER (`PRIVATE KEY`), with its public key.
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        match &self.inner {
            Private::P256(key) => key.to_pkcs8_der(),
            Private::P384(key) => key.to_pkcs8_der(),
        }
        .map(|doc| Zeroizing::new(doc.as_bytes().to_vec()))
        .map_err(|_| KeyProblem::Unencodable.into())
    }

    /// The matching public key.
    pub fn public_key(&self) -> EcPublicKey {
        let inner = match &self.inner {
            Private::P256(key) => Public::P256(*key.verifying_key()),
            Private::P384(key) => Public::P384(*key.verifying_key()),
        };
        EcPublicKey { inner }
    }

    /// The JOSE signature `r || s` of `message`, with an RFC 6979 nonce.
    pub(crate) fn sign(&self, message: &[u8]) -> Result<EcSignature> {
        let rejected = |_| Error::from(KeyProblem::Rejected);
        Ok(match &self.inner {
            Private::P256(key) => {
                let signature: p256::ecdsa::Signature = key.try_sign(message).map_err(rejected)?;
                EcSignature::P256(signature.to_bytes().into())
            }
            Private::P384(key) => {
                let signature: p384::ecdsa::Signature = key.try_sign(message).map_err(rejected)?;
                EcSignature::P384(signature.to_bytes().into())
            }
        })
    }
}

impl fmt::Debug for EcPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (x, y) = self.coordinates();
        f.debug_struct("EcPublicKey")
            .field("curve", &self.curve())
            .field("x", &crate::b64::encode(&x))
            .field("y", &crate::b64::encode(&y))
            .finish()
    }
}

impl fmt::Debug for EcPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcPrivateKey")
            .field("public_key", &self.public_key())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    const P256_SEC1: &str = include_str!("../../tests/keys/p256-private-sec1.pem");
    const P256_PKCS8: &str = include_str!("../../tests/keys/p256-private-pkcs8.pem");
    const P384_SEC1: &str = include_str!("../../tests/keys/p384-private-sec1.pem");
    const P384_PKCS8: &str = include_str!("../../tests/keys/p384-private-pkcs8.pem");

    /// The group order n of each curve, big-endian.
    fn order(curve: EcCurve) -> Vec<u8> {
        let hex = match curve {
            EcCurve::P256 => "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
            EcCurve::P384 => {
                "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"
            }
        };
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect()
    }

    /// Big-endian `a - b` for `a >= b` of the same length.
    fn subtract(a: &[u8], b: &[u8]) -> Vec<u8> {
        let mut out = alloc::vec![0; a.len()];
        let mut borrow = 0i16;
        for i in (0..a.len()).rev() {
            let mut digit = i16::from(a[i]) - i16::from(b[i]) - borrow;
            borrow = i16::from(digit < 0);
            if digit < 0 {
                digit += 256;
            }
            out[i] = digit as u8;
        }
        assert_eq!(borrow, 0);
        out
    }

    fn keys() -> [EcPrivateKey; 2] {
        [
            EcPrivateKey::from_pem(P256_PKCS8).unwrap(),
            EcPrivateKey::from_pem(P384_PKCS8).unwrap(),
        ]
    }

    #[test]
    fn pkcs8_and_sec1_forms_are_the_same_key() {
        for (pkcs8, sec1, curve) in [
            (P256_PKCS8, P256_SEC1, EcCurve::P256),
            (P384_PKCS8, P384_SEC1, EcCurve::P384),
        ] {
            let a = EcPrivateKey::from_pem(pkcs8).unwrap();
            let b = EcPrivateKey::from_pem(sec1).unwrap();
            assert_eq!((a.curve(), b.curve()), (curve, curve));
            assert_eq!(a.to_bytes(), b.to_bytes());
            let again = EcPrivateKey::from_der(&a.to_pkcs8_der().unwrap()).unwrap();
            assert_eq!(again.to_bytes(), a.to_bytes());
            let public = a.public_key();
            let (x, y) = public.coordinates();
            assert_eq!((x.len(), y.len()), (curve.field_len(), curve.field_len()));
            let from_coordinates = EcPublicKey::from_coordinates(curve, &x, &y).unwrap();
            assert!(from_coordinates == public);
            let from_der = EcPublicKey::from_der(&public.to_spki_der().unwrap()).unwrap();
            assert!(from_der == public);
            let from_scalar = EcPrivateKey::from_bytes(curve, &a.to_bytes()).unwrap();
            assert!(from_scalar.public_key() == public);
        }
    }

    #[test]
    fn signs_and_verifies_both_s_and_n_minus_s() {
        for key in keys() {
            let curve = key.curve();
            let public = key.public_key();
            let signature = key.sign(b"message").unwrap();
            let signature = signature.as_ref();
            assert_eq!(signature.len(), curve.signature_len());
            assert_eq!(public.verify(b"message", signature), Ok(()));
            assert_eq!(
                key.sign(b"message").unwrap().as_ref(),
                signature,
                "RFC 6979"
            );
            assert_eq!(
                public.verify(b"massage", signature),
                Err(Error::InvalidSignature)
            );
            let (r, s) = signature.split_at(curve.field_len());
            let n = order(curve);
            let high_s = [r, &subtract(&n, s)].concat();
            assert_eq!(public.verify(b"message", &high_s), Ok(()));
            let zero = alloc::vec![0; curve.field_len()];
            for (what, forged) in [
                ("r = 0", [&zero, s].concat()),
                ("s = 0", [r, &zero].concat()),
                ("r = n", [&n, s].concat()),
                ("s = n", [r, &n].concat()),
                ("all 0xff", alloc::vec![0xff; curve.signature_len()]),
                ("one byte short", signature[1..].to_vec()),
                ("one byte long", [signature, &[0]].concat()),
                ("empty", Vec::new()),
            ] {
                assert_eq!(
                    public.verify(b"message", &forged),
                    Err(Error::InvalidSignature),
                    "{curve} {what}"
                );
            }
        }
    }

    #[test]
    fn signatures_are_rfc_6979s() {
        // The same keys and message signed by OpenSSL's deterministic ECDSA (RFC 6979), through
        // Python's `cryptography` 48 (`deterministic_signing=True`).
        let expected = [
            "7916cd2c9979a5f6e38d61a0377f4b4b1de927d7e653d37f681d35968ee82400\
             c5aaef60004cead66359a64b078fd3646550192dd2925d771f067eb0a18875bd",
            "9288a63a6cb2172d29203a6b633e7efd8fa96f9335d59b016e26f44fe2dc6904\
             ee53d6fc34acbfb31b0726508c3259323d067597decbdb141c61a0dd0fa6e3e2\
             0026eb2751a1b29558eb980b4d8edef7f4990e11aca28a3cf5db8d9360822ac7",
        ];
        for (key, expected) in keys().iter().zip(expected) {
            let hex: alloc::string::String = key
                .sign(b"message")
                .unwrap()
                .as_ref()
                .iter()
                .map(|byte| alloc::format!("{byte:02x}"))
                .collect();
            assert_eq!(hex, expected, "{}", key.curve());
        }
    }

    #[test]
    fn der_signatures_are_refused() {
        for key in keys() {
            let signature = key.sign(b"m").unwrap();
            let (r, s) = signature.as_ref().split_at(key.curve().field_len());
            let integer = |bytes: &[u8]| {
                let bytes: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
                let mut der = if bytes[0] & 0x80 != 0 {
                    [&[0u8][..], &bytes].concat()
                } else {
                    bytes
                };
                der.insert(0, der.len() as u8);
                der.insert(0, 0x02);
                der
            };
            let body = [integer(r), integer(s)].concat();
            let mut der = alloc::vec![0x30];
            if body.len() >= 0x80 {
                der.push(0x81);
            }
            der.push(body.len() as u8);
            der.extend(body);
            assert_eq!(
                key.public_key().verify(b"m", &der),
                Err(Error::InvalidSignature)
            );
        }
    }

    #[test]
    fn refuses_wrong_lengths_points_and_scalars() {
        let wrong_length = |expected, actual| {
            Err(Error::InvalidKey(KeyProblem::WrongLength {
                expected,
                actual,
            }))
        };
        let (x, y) = keys()[0].public_key().coordinates();
        assert_eq!(
            EcPublicKey::from_coordinates(EcCurve::P256, &x[1..], &y).map(drop),
            wrong_length(32, 31)
        );
        assert_eq!(
            EcPublicKey::from_coordinates(EcCurve::P384, &x, &y).map(drop),
            wrong_length(48, 32)
        );
        let mut off_curve = y.clone();
        off_curve[31] ^= 1;
        let invalid = Err(Error::InvalidKey(KeyProblem::InvalidEcKey));
        assert_eq!(
            EcPublicKey::from_coordinates(EcCurve::P256, &x, &off_curve).map(drop),
            invalid
        );
        // The point at infinity has no affine coordinates; (0, 0) is not on the curve.
        assert_eq!(
            EcPublicKey::from_coordinates(EcCurve::P256, &[0; 32], &[0; 32]).map(drop),
            invalid
        );
        for curve in EcCurve::ALL {
            for d in [
                alloc::vec![0; curve.field_len()],
                order(curve),
                alloc::vec![0xff; curve.field_len()],
            ] {
                assert_eq!(EcPrivateKey::from_bytes(curve, &d).map(drop), invalid);
            }
        }
        assert_eq!(
            EcPrivateKey::from_bytes(EcCurve::P256, &[1; 31]).map(drop),
            wrong_length(32, 31)
        );
    }

    #[test]
    fn other_documents_are_refused() {
        for (pem, kind) in [
            (
                include_str!("../../tests/keys/p256-public-spki.pem"),
                ErrorKind::InvalidKey,
            ),
            (
                include_str!("../../tests/keys/rsa2048-private-pkcs1.pem"),
                ErrorKind::InvalidKey,
            ),
            (
                include_str!("../../tests/keys/ed25519-private-pkcs8.pem"),
                ErrorKind::InvalidKey,
            ),
        ] {
            assert_eq!(EcPrivateKey::from_pem(pem).unwrap_err().kind(), kind);
        }
        assert_eq!(
            EcPrivateKey::from_pem(include_str!("../../tests/keys/p256-public-spki.pem"))
                .unwrap_err(),
            Error::InvalidKey(KeyProblem::NotAPrivateKey)
        );
        assert_eq!(
            EcPrivateKey::from_pem(include_str!("../../tests/keys/ed25519-private-pkcs8.pem"))
                .unwrap_err(),
            Error::InvalidKey(KeyProblem::UnsupportedKeyType)
        );
        for pem in [
            include_str!("../../tests/keys/p521-public-spki.pem"),
            include_str!("../../tests/keys/secp256k1-public-spki.pem"),
        ] {
            let der = match pem::decode(pem).unwrap() {
                pem::Document::Spki(der) => der,
                _ => panic!("not SPKI"),
            };
            assert_eq!(
                EcPublicKey::from_der(&der).unwrap_err(),
                Error::InvalidKey(KeyProblem::UnsupportedKeyType)
            );
        }
        assert_eq!(
            EcPrivateKey::from_der(b"\x30\x00").unwrap_err(),
            Error::InvalidKey(KeyProblem::MalformedDer)
        );
    }

    #[test]
    fn debug_prints_no_secret() {
        let key = EcPrivateKey::from_pem(P256_SEC1).unwrap();
        let debug = alloc::format!("{key:?}");
        assert!(debug.starts_with("EcPrivateKey { public_key: EcPublicKey { curve: P256, x: "));
        let d = crate::b64::encode(&key.to_bytes());
        assert!(!debug.contains(&d));
    }
}
