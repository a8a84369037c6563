//! RSA keys for RSASSA-PKCS1-v1_5 (`RS256`, `RS384`, `RS512`, RFC 7518 section 3.3) and
//! RSASSA-PSS (`PS256`, `PS384`, `PS512`, section 3.5): one key serves both, and the
//! verifier's allow-list decides which it accepts.
//!
//! Keys come from DER (SPKI, PKCS#1, PKCS#8), PEM and big-endian components.
//! Moduli under 2048 bits or over 8192 bits do not make a key.

use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use pkcs8::der::Decode;
use rsa::pkcs1::{RsaPrivateKeyRef, RsaPublicKeyRef};
use rsa::pss::Pss;
use rsa::traits::PublicKeyParts;
use rsa::{BoxedUint, Pkcs1v15Sign};
use sha2::{Digest, Sha256, Sha384, Sha512};

use zeroize::Zeroizing;

use super::Sha2;
use crate::error::{Error, KeyProblem, Result};
use montgomery::Modulus;

pub(crate) mod montgomery;
mod pss;

/// How an RSA signature encodes the message's hash (RFC 8017 section 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Padding {
    /// EMSA-PKCS1-v1_5, for `RS*`.
    Pkcs1v15,
    /// EMSA-PSS with MGF1 on the same hash and a salt as long as its output, for `PS*`.
    Pss,
}

/// The private members of an RSA JWK (RFC 7518 section 6.3.2), big-endian.
pub(crate) struct RsaComponents {
    pub(crate) d: Zeroizing<Vec<u8>>,
    pub(crate) p: Zeroizing<Vec<u8>>,
    pub(crate) q: Zeroizing<Vec<u8>>,
    pub(crate) dp: Zeroizing<Vec<u8>>,
    pub(crate) dq: Zeroizing<Vec<u8>>,
    pub(crate) qi: Zeroizing<Vec<u8>>,
}

/// The smallest modulus accepted, in bits.
pub const MIN_MODULUS_BITS: usize = 2048;
/// The largest modulus accepted, in bits.
pub const MAX_MODULUS_BITS: usize = 8192;

/// An RSA public key of 2048 to 8192 bits, parsed once (its Montgomery parameters are
/// precomputed by the `rsa` crate) and ready to verify.
///
/// ```
/// use jwt_core::RsaPublicKey;
/// # let der = jwt_core::RsaPrivateKey::from_pem(include_str!("../../tests/keys/rsa2048-private-pkcs8.pem"))?
/// #     .public_key().to_spki_der()?;
/// let key = RsaPublicKey::from_der(&der)?;
/// assert_eq!(key.modulus_bits(), 2048);
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct RsaPublicKey {
    inner: rsa::RsaPublicKey,
    /// For e = 65537, the modulus ready for the fast public operation, computed at load.
    f4: Option<Modulus>,
}

/// An RSA private key of 2048 to 8192 bits, validated and with CRT values precomputed.
/// Its memory is wiped on drop and `Debug` prints only the modulus size.
///
/// ```
/// use jwt_core::RsaPrivateKey;
/// let key = RsaPrivateKey::from_pem(include_str!("../../tests/keys/rsa2048-private-pkcs8.pem"))?;
/// assert_eq!(key.public_key().modulus_bits(), 2048);
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Clone)]
pub struct RsaPrivateKey {
    inner: rsa::RsaPrivateKey,
}

impl RsaPublicKey {
    /// The key around a validated `rsa` key, its exponent looked at once.
    fn wrap(inner: rsa::RsaPublicKey) -> Self {
        let f4 = (inner.e() == &BoxedUint::from(F4))
            .then(|| {
                let params = inner.n_params();
                let r2 = params.as_ref().r2().to_be_bytes();
                Modulus::new(&inner.n().to_be_bytes(), &r2, params.bits_precision())
            })
            .flatten();
        Self { inner, f4 }
    }

    /// A key from DER: an SPKI `SubjectPublicKeyInfo` or a PKCS#1 `RSAPublicKey`.
    pub fn from_der(der: &[u8]) -> Result<Self> {
        match spki_rsa_key(der)? {
            Some(pkcs1) => Self::from_pkcs1_der(pkcs1),
            None => Self::from_pkcs1_der(der),
        }
    }

    /// A key from a PKCS#1 `RSAPublicKey` DER structure.
    pub(crate) fn from_pkcs1_der(der: &[u8]) -> Result<Self> {
        let key = RsaPublicKeyRef::from_der(der).map_err(|_| KeyProblem::MalformedDer)?;
        Self::from_components(key.modulus.as_bytes(), key.public_exponent.as_bytes())
    }

    /// A key from the big-endian modulus `n` and public exponent `e` (as in a JWK).
    pub fn from_components(n: &[u8], e: &[u8]) -> Result<Self> {
        let bits = check_modulus(n)?;
        // An even exponent has no inverse modulo lambda(n); e = 1 is the identity.
        let e_is_odd_and_above_one = match strip_leading_zeros(e).as_slice() {
            [] | [1] => false,
            [.., last] => last & 1 == 1,
        };
        if !e_is_odd_and_above_one {
            return Err(KeyProblem::InvalidRsaKey.into());
        }
        let n = uint(n)?;
        let e = uint(e)?;
        let inner =
            rsa::RsaPublicKey::new_with_size_limits(n, e, MIN_MODULUS_BITS..=MAX_MODULUS_BITS)
                .map_err(|_| KeyProblem::InvalidRsaKey)?;
        debug_assert_eq!(inner.n().bits() as usize, bits);
        Ok(Self::wrap(inner))
    }

    /// The modulus size in bits.
    pub fn modulus_bits(&self) -> usize {
        self.inner.n().bits() as usize
    }

    /// The modulus, big-endian, without leading zeros.
    pub fn modulus(&self) -> Vec<u8> {
        strip_leading_zeros(&self.inner.n_bytes())
    }

    /// The public exponent, big-endian, without leading zeros.
    pub fn exponent(&self) -> Vec<u8> {
        strip_leading_zeros(&self.inner.e_bytes())
    }

    /// The key as SPKI DER (`PUBLIC KEY`).
    pub fn to_spki_der(&self) -> Result<Vec<u8>> {
        use rsa::pkcs8::EncodePublicKey;
        self.inner
            .to_public_key_der()
            .map(|doc| doc.into_vec())
            .map_err(|_| KeyProblem::Unencodable.into())
    }

    /// Verifies `signature` over `message` with `padding` and `digest`.
    pub(crate) fn verify(
        &self,
        padding: Padding,
        digest: Sha2,
        message: &[u8],
        signature: &[u8],
    ) -> Result<()> {
        // RFC 8017 sections 8.1.2 and 8.2.2, step 1: the signature is exactly the modulus
        // length.
        if signature.len() != self.inner.size() {
            return Err(Error::InvalidSignature);
        }
        let verified = match &self.f4 {
            Some(modulus) => self.verify_f4(modulus, padding, digest, message, signature),
            None => match digest {
                Sha2::Sha256 => self.verify_general::<Sha256>(padding, message, signature),
                Sha2::Sha384 => self.verify_general::<Sha384>(padding, message, signature),
                Sha2::Sha512 => self.verify_general::<Sha512>(padding, message, signature),
            },
        };
        if verified {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }

    /// Verification for e = 65537, the exponent of nearly every key: s^65537 mod n by 16
    /// Montgomery squarings and one multiplication, about half the work of the `rsa` crate's
    /// general windowed exponentiation, on the stack; then the encoding check of `padding`.
    /// PKCS#1 v1.5 compares the whole expected encoding, as RFC 8017 section 8.2.2 step 4
    /// prescribes; PSS runs EMSA-PSS-VERIFY (section 9.1.2).
    fn verify_f4(
        &self,
        modulus: &Modulus,
        padding: Padding,
        digest: Sha2,
        message: &[u8],
        signature: &[u8],
    ) -> bool {
        let mut encoded = [0u8; MAX_MODULUS_BITS / 8];
        let Some(encoded) = encoded.get_mut(..signature.len()) else {
            return false;
        };
        // Step 2b (RSAVP1) is in `pow_f4`: the signature representative is below the modulus.
        if !modulus.pow_f4(signature, encoded) {
            return false;
        }
        let bits = || self.modulus_bits();
        match (padding, digest) {
            (Padding::Pkcs1v15, _) => is_pkcs1_v15_encoding(encoded, digest, message),
            (Padding::Pss, Sha2::Sha256) => pss::is_encoding::<Sha256>(encoded, bits(), message),
            (Padding::Pss, Sha2::Sha384) => pss::is_encoding::<Sha384>(encoded, bits(), message),
            (Padding::Pss, Sha2::Sha512) => pss::is_encoding::<Sha512>(encoded, bits(), message),
        }
    }

    /// Verification by the `rsa` crate, for exponents other than 65537. PSS is checked with
    /// the salt length fixed to the hash length.
    fn verify_general<D>(&self, padding: Padding, message: &[u8], signature: &[u8]) -> bool
    where
        D: Digest + sha2::digest::FixedOutputReset + pkcs8::AssociatedOid,
    {
        let hashed = D::digest(message);
        match padding {
            Padding::Pkcs1v15 => self
                .inner
                .verify(Pkcs1v15Sign::new::<D>(), &hashed, signature),
            Padding::Pss => self.inner.verify(Pss::<D>::new(), &hashed, signature),
        }
        .is_ok()
    }
}

impl RsaPrivateKey {
    /// A key from DER: PKCS#8 `PrivateKeyInfo` or PKCS#1 `RSAPrivateKey`.
    pub fn from_der(der: &[u8]) -> Result<Self> {
        match pkcs8_rsa_key(der)? {
            Some(pkcs1) => Self::from_pkcs1_der(pkcs1),
            None => Self::from_pkcs1_der(der),
        }
    }

    /// A key from a PEM document: `PRIVATE KEY` (PKCS#8) or `RSA PRIVATE KEY` (PKCS#1).
    pub fn from_pem(pem: &str) -> Result<Self> {
        match crate::pem::decode(pem)? {
            crate::pem::Document::Pkcs8(der) => Self::from_der(&der),
            crate::pem::Document::RsaPrivate(der) => Self::from_pkcs1_der(&der),
            crate::pem::Document::Spki(_) | crate::pem::Document::RsaPublic(_) => {
                Err(KeyProblem::NotAPrivateKey.into())
            }
            crate::pem::Document::EcPrivate(_) => Err(KeyProblem::UnsupportedKeyType.into()),
        }
    }

    /// A key from a PKCS#1 `RSAPrivateKey` DER structure (two primes only).
    pub(crate) fn from_pkcs1_der(der: &[u8]) -> Result<Self> {
        let key = RsaPrivateKeyRef::from_der(der).map_err(|_| KeyProblem::MalformedDer)?;
        if key.other_prime_infos.is_some() {
            return Err(KeyProblem::InvalidRsaKey.into());
        }
        Self::from_components(
            key.modulus.as_bytes(),
            key.public_exponent.as_bytes(),
            key.private_exponent.as_bytes(),
            Some((key.prime1.as_bytes(), key.prime2.as_bytes())),
        )
    }

    /// A key from big-endian components (as in a JWK): modulus `n`, public exponent `e`,
    /// private exponent `d` and, if known, the primes `p` and `q` (they are recovered from
    /// `n`, `e` and `d` otherwise). The key is checked for consistency and its CRT values are
    /// recomputed.
    pub fn from_components(
        n: &[u8],
        e: &[u8],
        d: &[u8],
        primes: Option<(&[u8], &[u8])>,
    ) -> Result<Self> {
        check_modulus(n)?;
        let precision = bit_precision(n)?;
        let widened = |bytes: &[u8]| {
            BoxedUint::from_be_slice(bytes, precision).map_err(|_| KeyProblem::InvalidRsaKey)
        };
        let primes = match primes {
            Some((p, q)) => vec![widened(p)?, widened(q)?],
            None => Vec::new(),
        };
        let inner = rsa::RsaPrivateKey::from_components(widened(n)?, uint(e)?, widened(d)?, primes)
            .map_err(|_| KeyProblem::InvalidRsaKey)?;
        Ok(Self { inner })
    }

    /// A new random key of `bits` bits (2048 to 8192) with e = 65537, from the operating
    /// system's random number generator.
    ///
    /// ```
    /// # // Key generation takes seconds in debug builds; this runs in the test suite instead.
    /// # fn example() -> Result<(), jwt_core::Error> {
    /// let key = jwt_core::RsaPrivateKey::generate(3072)?;
    /// assert_eq!(key.public_key().modulus_bits(), 3072);
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "getrandom")]
    pub fn generate(bits: usize) -> Result<Self> {
        if bits < MIN_MODULUS_BITS {
            return Err(KeyProblem::RsaModulusTooSmall { bits }.into());
        }
        if bits > MAX_MODULUS_BITS {
            return Err(KeyProblem::RsaModulusTooLarge { bits }.into());
        }
        let mut rng = crate::random::os_rng();
        let inner =
            rsa::RsaPrivateKey::new(&mut rng, bits).map_err(|_| KeyProblem::InvalidRsaKey)?;
        Ok(Self { inner })
    }

    /// The private components, big-endian without leading zeros (for JWK export). Every
    /// key of this type has two primes and its CRT values (they are checked or computed when
    /// it is made).
    pub(crate) fn components(&self) -> Result<RsaComponents> {
        use rsa::traits::PrivateKeyParts;
        let inner = &self.inner;
        let secret = |value: &BoxedUint| Zeroizing::new(strip_leading_zeros(&value.to_be_bytes()));
        let (Some(dp), Some(dq), Some(qinv), [p, q]) =
            (inner.dp(), inner.dq(), inner.qinv(), inner.primes())
        else {
            return Err(KeyProblem::Unencodable.into());
        };
        Ok(RsaComponents {
            d: secret(inner.d()),
            p: secret(p),
            q: secret(q),
            dp: secret(dp),
            dq: secret(dq),
            qi: secret(&qinv.retrieve()),
        })
    }

    /// The key as PKCS#8 DER (`PRIVATE KEY`).
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        use rsa::pkcs8::EncodePrivateKey;
        self.inner
            .to_pkcs8_der()
            .map(|doc| Zeroizing::new(doc.as_bytes().to_vec()))
            .map_err(|_| KeyProblem::Unencodable.into())
    }

    /// The matching public key.
    pub fn public_key(&self) -> RsaPublicKey {
        RsaPublicKey::wrap(self.inner.to_public_key())
    }

    /// The length in bytes of its signatures: the modulus length.
    pub(crate) fn signature_len(&self) -> usize {
        self.inner.size()
    }

    /// The signature of `message` with `padding` and `digest`: PKCS#1 v1.5 deterministically,
    /// PSS with a random salt (from the operating system: the `getrandom` feature). Both are the
    /// `rsa` crate's constant-time private operation.
    pub(crate) fn sign(&self, padding: Padding, digest: Sha2, message: &[u8]) -> Result<Vec<u8>> {
        match digest {
            Sha2::Sha256 => self.sign_with::<Sha256>(padding, message),
            Sha2::Sha384 => self.sign_with::<Sha384>(padding, message),
            Sha2::Sha512 => self.sign_with::<Sha512>(padding, message),
        }
    }

    fn sign_with<D>(&self, padding: Padding, message: &[u8]) -> Result<Vec<u8>>
    where
        D: Digest + sha2::digest::FixedOutputReset + pkcs8::AssociatedOid,
    {
        let hashed = D::digest(message);
        match padding {
            // Signing with a validated key only fails on internal errors; report them as a key
            // problem rather than panic.
            Padding::Pkcs1v15 => self
                .inner
                .sign(Pkcs1v15Sign::new::<D>(), &hashed)
                .map_err(|_| KeyProblem::InvalidRsaKey.into()),
            #[cfg(feature = "getrandom")]
            Padding::Pss => self.sign_pss::<D>(&hashed),
            // Without `getrandom` there is no source of salt (`SigningKey` refuses `PS*` there).
            #[cfg(not(feature = "getrandom"))]
            Padding::Pss => Err(KeyProblem::RandomnessUnavailable.into()),
        }
    }

    /// RSASSA-PSS with a salt of the hash's length from the operating system, and the `rsa`
    /// crate's blinding.
    #[cfg(feature = "getrandom")]
    fn sign_pss<D>(&self, hashed: &[u8]) -> Result<Vec<u8>>
    where
        D: Digest + sha2::digest::FixedOutputReset,
    {
        use rsa::traits::SignatureScheme;
        Pss::<D>::new()
            .sign(Some(&mut crate::random::SysRng), &self.inner, hashed)
            .map_err(|err| match err {
                rsa::Error::Rng => KeyProblem::RandomnessUnavailable.into(),
                _ => KeyProblem::InvalidRsaKey.into(),
            })
    }
}

/// The common public exponent 2^16 + 1 (the fourth Fermat number).
const F4: u64 = 65_537;

/// Whether `encoded` is EMSA-PKCS1-v1_5-ENCODE (RFC 8017 section 9.2) of `message`:
/// `00 01 FF..FF 00 DigestInfo(hash)` with at least 8 `FF`, the DigestInfo prefixes being those
/// of its note 1. Compared byte for byte in full, without building the expected encoding.
fn is_pkcs1_v15_encoding(encoded: &[u8], digest: Sha2, message: &[u8]) -> bool {
    const SHA256: [u8; 19] = [
        0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        0x05, 0x00, 0x04, 0x20,
    ];
    const SHA384: [u8; 19] = [
        0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02,
        0x05, 0x00, 0x04, 0x30,
    ];
    const SHA512: [u8; 19] = [
        0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03,
        0x05, 0x00, 0x04, 0x40,
    ];
    match digest {
        Sha2::Sha256 => is_encoding_of(encoded, &SHA256, &Sha256::digest(message)),
        Sha2::Sha384 => is_encoding_of(encoded, &SHA384, &Sha384::digest(message)),
        Sha2::Sha512 => is_encoding_of(encoded, &SHA512, &Sha512::digest(message)),
    }
}

/// Whether `encoded` is `00 01 FF..FF 00 prefix hash` with at least 8 `FF`.
fn is_encoding_of(encoded: &[u8], prefix: &[u8], hash: &[u8]) -> bool {
    let Some(padding) = encoded
        .len()
        .checked_sub(3 + prefix.len() + hash.len())
        .filter(|len| *len >= 8)
    else {
        return false;
    };
    let expected = [0x00, 0x01]
        .iter()
        .chain(core::iter::repeat_n(&0xff, padding))
        .chain(&[0x00])
        .chain(prefix)
        .chain(hash);
    let difference = encoded
        .iter()
        .zip(expected)
        .fold(0u8, |difference, (a, b)| difference | (a ^ b));
    difference == 0
}

/// The RSA key inside an SPKI structure, `None` if `der` is not SPKI at all.
fn spki_rsa_key(der: &[u8]) -> Result<Option<&[u8]>> {
    let Ok(spki) = pkcs8::spki::SubjectPublicKeyInfoRef::from_der(der) else {
        return Ok(None);
    };
    if spki.algorithm.oid != crate::pem::RSA_ENCRYPTION {
        return Err(KeyProblem::UnsupportedKeyType.into());
    }
    spki.subject_public_key
        .as_bytes()
        .map(Some)
        .ok_or_else(|| KeyProblem::MalformedDer.into())
}

/// The RSA key inside a PKCS#8 structure, `None` if `der` is not PKCS#8 at all.
fn pkcs8_rsa_key(der: &[u8]) -> Result<Option<&[u8]>> {
    let Ok(info) = pkcs8::PrivateKeyInfoRef::from_der(der) else {
        return Ok(None);
    };
    if info.algorithm.oid != crate::pem::RSA_ENCRYPTION {
        return Err(KeyProblem::UnsupportedKeyType.into());
    }
    Ok(Some(info.private_key.as_bytes()))
}

fn strip_leading_zeros(bytes: &[u8]) -> Vec<u8> {
    bytes
        .iter()
        .copied()
        .skip_while(|byte| *byte == 0)
        .collect()
}

/// The size in bits of the big-endian modulus `n`, if within the accepted range.
fn check_modulus(n: &[u8]) -> Result<usize> {
    let n = strip_leading_zeros(n);
    let bits = match n.first() {
        Some(top) => (n.len() - 1) * 8 + (8 - top.leading_zeros() as usize),
        None => 0,
    };
    if bits < MIN_MODULUS_BITS {
        return Err(KeyProblem::RsaModulusTooSmall { bits }.into());
    }
    if bits > MAX_MODULUS_BITS {
        return Err(KeyProblem::RsaModulusTooLarge { bits }.into());
    }
    Ok(bits)
}

fn bit_precision(bytes: &[u8]) -> Result<u32> {
    u32::try_from(bytes.len() * 8).map_err(|_| KeyProblem::InvalidRsaKey.into())
}

fn uint(bytes: &[u8]) -> Result<BoxedUint> {
    BoxedUint::from_be_slice(bytes, bit_precision(bytes)?)
        .map_err(|_| KeyProblem::InvalidRsaKey.into())
}

impl fmt::Debug for RsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPublicKey")
            .field("bits", &self.modulus_bits())
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for RsaPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPrivateKey")
            .field("bits", &self.public_key().modulus_bits())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn private() -> RsaPrivateKey {
        RsaPrivateKey::from_pem(include_str!("../../tests/keys/rsa2048-private-pkcs8.pem")).unwrap()
    }

    /// The `rsa` crate's general verification, for comparison with the e = 65537 path.
    fn general(
        key: &RsaPublicKey,
        padding: Padding,
        digest: Sha2,
        message: &[u8],
        signature: &[u8],
    ) -> bool {
        match digest {
            Sha2::Sha256 => key.verify_general::<Sha256>(padding, message, signature),
            Sha2::Sha384 => key.verify_general::<Sha384>(padding, message, signature),
            Sha2::Sha512 => key.verify_general::<Sha512>(padding, message, signature),
        }
    }

    #[test]
    fn the_e_65537_path_agrees_with_the_general_one() {
        let private = private();
        let public = private.public_key();
        assert_eq!(public.exponent(), [1, 0, 1]);
        assert!(public.f4.is_some());
        let n = public.modulus();
        let mut n_minus_one = n.clone();
        if let Some(last) = n_minus_one.last_mut() {
            *last -= 1;
        }
        // PSS signing needs the operating system's randomness.
        let paddings: &[Padding] = if cfg!(feature = "getrandom") {
            &[Padding::Pkcs1v15, Padding::Pss]
        } else {
            &[Padding::Pkcs1v15]
        };
        for &padding in paddings {
            for digest in [Sha2::Sha256, Sha2::Sha384, Sha2::Sha512] {
                let valid = private.sign(padding, digest, b"message").unwrap();
                let mut last_bit = valid.clone();
                if let Some(last) = last_bit.last_mut() {
                    *last ^= 1;
                }
                let mut cases: Vec<(&[u8], &[u8], bool)> = alloc::vec![
                    (b"message", &valid, true),
                    (b"massage", &valid, false),
                    (b"message", &last_bit, false),
                    (b"message", &[0; 256], false),
                    (b"message", &[0xff; 256], false),
                    (b"message", &n, false),
                    (b"message", &n_minus_one, false),
                ];
                let others: Vec<_> = paddings
                    .iter()
                    .filter(|other| **other != padding)
                    .map(|other| private.sign(*other, digest, b"message").unwrap())
                    .collect();
                cases.extend(
                    others
                        .iter()
                        .map(|other| (&b"message"[..], &other[..], false)),
                );
                for (message, signature, expected) in cases {
                    assert_eq!(
                        public.verify(padding, digest, message, signature).is_ok(),
                        expected,
                        "{padding:?} {digest:?}"
                    );
                    assert_eq!(
                        general(&public, padding, digest, message, signature),
                        expected
                    );
                }
            }
        }
    }

    #[test]
    #[cfg(feature = "getrandom")]
    fn pss_salts_of_any_other_length_are_refused() {
        use rsa::traits::SignatureScheme;
        let private = private();
        let public = private.public_key();
        let hashed = Sha256::digest(b"message");
        for salt_len in [0, 1, 20, 31, 32, 33, 48, 64, 190] {
            let signature = Pss::<Sha256>::new_with_salt(salt_len)
                .sign(Some(&mut crate::random::SysRng), &private.inner, &hashed)
                .unwrap();
            let expected = salt_len == 32;
            assert_eq!(
                public
                    .verify(Padding::Pss, Sha2::Sha256, b"message", &signature)
                    .is_ok(),
                expected,
                "salt of {salt_len} bytes"
            );
            assert_eq!(
                general(&public, Padding::Pss, Sha2::Sha256, b"message", &signature),
                expected
            );
        }
    }

    #[test]
    #[cfg(feature = "getrandom")]
    fn pss_signatures_are_salted() {
        let private = private();
        let a = private.sign(Padding::Pss, Sha2::Sha256, b"m").unwrap();
        let b = private.sign(Padding::Pss, Sha2::Sha256, b"m").unwrap();
        assert_ne!(a, b);
        let public = private.public_key();
        for signature in [a, b] {
            assert_eq!(
                public.verify(Padding::Pss, Sha2::Sha256, b"m", &signature),
                Ok(())
            );
        }
    }
}
