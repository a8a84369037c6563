//! Ed25519 keys for `EdDSA` (RFC 8032, RFC 8037).
//!
//! Verification is strict, with ed25519-dalek's `verify_strict`'s verdicts: non-canonical `S`
//! (S >= L), small-order `R` and small-order public keys are refused, and small-order public
//! keys do not even load. A key in constant use verifies with a table of its multiples
//! (`multiples.rs`).

use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt;

use ed25519_dalek::Signer;
use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePublicKey};

use crate::error::{Error, KeyProblem, Result};

mod multiples;

/// Length of an Ed25519 public key and of a private key seed, in bytes.
pub const KEY_LEN: usize = 32;

/// Length of an Ed25519 signature, in bytes.
pub(crate) const SIGNATURE_LEN: usize = 64;

/// An Ed25519 public key: a decompressed point of large order, ready to verify.
///
/// ```
/// use jwt_core::Ed25519PublicKey;
/// // RFC 8037 appendix A.2
/// let x = [
///     0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
///     0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a,
/// ];
/// let key = Ed25519PublicKey::from_bytes(&x)?;
/// assert_eq!(key.to_bytes(), x);
/// assert!(Ed25519PublicKey::from_bytes(&[0; 32]).is_err()); // small order
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Ed25519PublicKey {
    inner: ed25519_dalek::VerifyingKey,
}

/// An Ed25519 private key (the 32-byte seed, with its expanded secret and public key).
/// Wiped on drop; `Debug` prints only the public key.
///
/// ```
/// use jwt_core::Ed25519PrivateKey;
/// let key = Ed25519PrivateKey::from_bytes(&[1; 32])?;
/// assert_eq!(key.public_key().to_bytes().len(), 32);
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Clone)]
pub struct Ed25519PrivateKey {
    inner: ed25519_dalek::SigningKey,
}

impl Ed25519PublicKey {
    /// A key from its 32-byte encoding (the JWK `x` member). Points that do not decompress
    /// and points of small order are refused.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let bytes: &[u8; KEY_LEN] = bytes.try_into().map_err(|_| KeyProblem::WrongLength {
            expected: KEY_LEN,
            actual: bytes.len(),
        })?;
        let inner = ed25519_dalek::VerifyingKey::from_bytes(bytes)
            .map_err(|_| KeyProblem::InvalidEd25519Key)?;
        if inner.is_weak() {
            return Err(KeyProblem::InvalidEd25519Key.into());
        }
        Ok(Self { inner })
    }

    /// A key from SPKI DER.
    pub fn from_der(der: &[u8]) -> Result<Self> {
        let inner = ed25519_dalek::VerifyingKey::from_public_key_der(der)
            .map_err(|_| KeyProblem::MalformedDer)?;
        Self::from_bytes(inner.as_bytes())
    }

    /// The 32-byte encoding.
    pub fn to_bytes(&self) -> [u8; KEY_LEN] {
        self.inner.to_bytes()
    }

    /// The key as SPKI DER (`PUBLIC KEY`).
    pub fn to_spki_der(&self) -> Result<Vec<u8>> {
        self.inner
            .to_public_key_der()
            .map(|doc| doc.into_vec())
            .map_err(|_| KeyProblem::Unencodable.into())
    }
}

/// An Ed25519 public key as a `VerifyingKey` keeps it, behind one shared pointer: with a table
/// of its multiples, built at its ninth verification and shared by its clones, which takes
/// `verify_strict`'s doublings out of verification (`multiples.rs`), unless curve25519-dalek
/// verifies on AVX-512 IFMA here, which is faster still (jwt-core/PERF.md has the
/// measurements).
#[derive(Clone)]
pub(crate) struct Ed25519Verifier(Arc<(Ed25519PublicKey, multiples::KeyTable)>);

impl Ed25519Verifier {
    /// The public key.
    pub(crate) fn key(&self) -> &Ed25519PublicKey {
        &self.0.0
    }

    /// Strict verification: non-canonical `S` and small-order `R` are refused.
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> Result<()> {
        let signature: &[u8; SIGNATURE_LEN] =
            signature.try_into().map_err(|_| Error::InvalidSignature)?;
        let (key, table) = &*self.0;
        if table.verify(&key.inner, message, signature) {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }
}

impl From<Ed25519PublicKey> for Ed25519Verifier {
    fn from(key: Ed25519PublicKey) -> Self {
        Self(Arc::new((key, multiples::KeyTable::new())))
    }
}

impl Ed25519PrivateKey {
    /// A key from its 32-byte seed (the JWK `d` member).
    pub fn from_bytes(seed: &[u8]) -> Result<Self> {
        let seed: &[u8; KEY_LEN] = seed.try_into().map_err(|_| KeyProblem::WrongLength {
            expected: KEY_LEN,
            actual: seed.len(),
        })?;
        Ok(Self {
            inner: ed25519_dalek::SigningKey::from_bytes(seed),
        })
    }

    /// A key from PKCS#8 DER (v1, or v2 whose embedded public key must match).
    pub fn from_der(der: &[u8]) -> Result<Self> {
        let inner =
            ed25519_dalek::SigningKey::from_pkcs8_der(der).map_err(|_| KeyProblem::MalformedDer)?;
        Ok(Self { inner })
    }

    /// A key from a `PRIVATE KEY` (PKCS#8) PEM document.
    pub fn from_pem(pem: &str) -> Result<Self> {
        match crate::pem::decode(pem)? {
            crate::pem::Document::Pkcs8(der) => Self::from_der(&der),
            crate::pem::Document::Spki(_) => Err(KeyProblem::NotAPrivateKey.into()),
            crate::pem::Document::RsaPrivate(_)
            | crate::pem::Document::RsaPublic(_)
            | crate::pem::Document::EcPrivate(_) => Err(KeyProblem::UnsupportedKeyType.into()),
        }
    }

    /// A new random key from the operating system's random number generator.
    ///
    /// ```
    /// let key = jwt_core::Ed25519PrivateKey::generate()?;
    /// assert_ne!(key.public_key(), jwt_core::Ed25519PrivateKey::generate()?.public_key());
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    #[cfg(feature = "getrandom")]
    pub fn generate() -> Result<Self> {
        Self::from_bytes(crate::random::bytes::<KEY_LEN>()?.as_ref())
    }

    /// The 32-byte seed (the JWK `d` member).
    pub fn to_bytes(&self) -> zeroize::Zeroizing<[u8; KEY_LEN]> {
        zeroize::Zeroizing::new(self.inner.to_bytes())
    }

    /// The key as PKCS#8 DER (`PRIVATE KEY`).
    pub fn to_pkcs8_der(&self) -> Result<zeroize::Zeroizing<Vec<u8>>> {
        use ed25519_dalek::pkcs8::EncodePrivateKey;
        self.inner
            .to_pkcs8_der()
            .map(|doc| zeroize::Zeroizing::new(doc.as_bytes().to_vec()))
            .map_err(|_| KeyProblem::Unencodable.into())
    }

    /// The matching public key.
    pub fn public_key(&self) -> Ed25519PublicKey {
        Ed25519PublicKey {
            inner: self.inner.verifying_key(),
        }
    }

    pub(crate) fn sign(&self, message: &[u8]) -> [u8; SIGNATURE_LEN] {
        self.inner.sign(message).to_bytes()
    }
}

impl fmt::Debug for Ed25519PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Ed25519PublicKey")
            .field(&crate::b64::encode(self.inner.as_bytes()))
            .finish()
    }
}

impl fmt::Debug for Ed25519Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.key().fmt(f)
    }
}

impl fmt::Debug for Ed25519PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ed25519PrivateKey")
            .field("public_key", &self.public_key())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> [u8; 32] {
        // RFC 8037 appendix A.1 `d`.
        let d = crate::b64::decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A").unwrap();
        d.try_into().unwrap()
    }

    #[test]
    fn rfc8037_public_key_derives_from_the_seed() {
        let key = Ed25519PrivateKey::from_bytes(&seed()).unwrap();
        assert_eq!(
            crate::b64::encode(&key.public_key().to_bytes()),
            "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
        );
    }

    #[test]
    fn refuses_wrong_lengths() {
        assert_eq!(
            Ed25519PublicKey::from_bytes(&[1; 31]).unwrap_err(),
            Error::InvalidKey(KeyProblem::WrongLength {
                expected: 32,
                actual: 31
            })
        );
        assert_eq!(
            Ed25519PrivateKey::from_bytes(&[1; 33]).unwrap_err(),
            Error::InvalidKey(KeyProblem::WrongLength {
                expected: 32,
                actual: 33
            })
        );
    }

    #[test]
    fn refuses_small_order_public_keys() {
        // The identity point (y = 1) and the point of order 2 (y = -1).
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let mut minus_one = [0xffu8; 32];
        minus_one[0] = 0xec;
        minus_one[31] = 0x7f;
        for bytes in [identity, minus_one] {
            assert_eq!(
                Ed25519PublicKey::from_bytes(&bytes).unwrap_err(),
                Error::InvalidKey(KeyProblem::InvalidEd25519Key)
            );
        }
    }

    #[test]
    fn signs_and_verifies_strictly() {
        let key = Ed25519PrivateKey::from_bytes(&seed()).unwrap();
        let public = Ed25519Verifier::from(key.public_key());
        let signature = key.sign(b"message");
        assert_eq!(public.verify(b"message", &signature), Ok(()));
        assert_eq!(
            public.verify(b"massage", &signature),
            Err(Error::InvalidSignature)
        );
        assert_eq!(
            public.verify(b"message", &signature[..63]),
            Err(Error::InvalidSignature)
        );
        assert_eq!(
            public.verify(b"message", &[0; 64]),
            Err(Error::InvalidSignature)
        );
    }

    #[test]
    fn refuses_non_canonical_s() {
        let key = Ed25519PrivateKey::from_bytes(&seed()).unwrap();
        let mut signature = key.sign(b"message");
        // S + L, where L = 2^252 + 27742317777372353535851937790883648493 (little-endian).
        const L: [u8; 32] = [
            0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9,
            0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
        ];
        let mut carry = 0u16;
        for (s, l) in signature[32..].iter_mut().zip(L) {
            let sum = u16::from(*s) + u16::from(l) + carry;
            *s = sum as u8;
            carry = sum >> 8;
        }
        assert_eq!(carry, 0, "S + L fits in 32 bytes for every canonical S");
        assert_eq!(
            Ed25519Verifier::from(key.public_key()).verify(b"message", &signature),
            Err(Error::InvalidSignature)
        );
    }

    #[test]
    fn debug_prints_no_secret() {
        let key = Ed25519PrivateKey::from_bytes(&seed()).unwrap();
        let debug = alloc::format!("{key:?}");
        assert!(debug.contains("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"));
        assert!(!debug.contains("nWGxne"));
    }
}
