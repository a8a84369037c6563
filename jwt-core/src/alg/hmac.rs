//! HMAC-SHA2 keys (`HS256`, `HS384`, `HS512`, RFC 7518 section 3.2), on the `hmac` crate.

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::fmt;

use zeroize::Zeroizing;

use hmac::block_api::HmacCore;
use hmac::digest::Output;
use hmac::digest::array::Array;
use hmac::digest::block_api::{Buffer, CoreProxy, FixedOutputCore, UpdateCore};
use hmac::{EagerHash, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};

use super::Sha2;
use crate::error::{Error, KeyProblem, Result};

/// The `hmac` crate's keyed HMAC state for the hash `D`, without a message buffer: the
/// inner and outer hash states after the key's padded blocks.
type Keyed<D> = HmacCore<D>;

/// The keyed state of `secret` for the hash `D`.
fn keyed<D: EagerHash>(secret: &[u8]) -> Result<Keyed<D>> {
    // HMAC takes keys of any length (RFC 2104 section 2); the error is the trait's.
    <Keyed<D> as KeyInit>::new_from_slice(secret).map_err(|_| KeyProblem::Rejected.into())
}

/// The shortest secret accepted by [`HmacKey::new`]: the output size of SHA-256.
pub const MIN_SECRET_LEN: usize = 32;

/// An HMAC secret, with the keyed hash states precomputed so that each signature or
/// verification only hashes the message (a keyed `hmac` state cloned per call).
///
/// A secret must be at least as long as the hash output of the algorithm it is used with
/// (32 bytes for HS256, 48 for HS384, 64 for HS512): [`HmacKey::new`] refuses anything under
/// 32 bytes, and using a 32-byte key with HS512 is refused at signing or verification.
/// The secret is wiped from memory on drop, and `Debug` never prints it.
///
/// ```
/// use jwt_core::{ErrorKind, HmacKey};
///
/// let key = HmacKey::new(&[7u8; 32])?;
/// assert_eq!(key.len(), 32);
/// assert_eq!(HmacKey::new(b"hunter2").unwrap_err().kind(), ErrorKind::InvalidKey);
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Clone)]
pub struct HmacKey {
    secret: Zeroizing<Vec<u8>>,
    /// Boxed: the six hash states are 400 bytes, and keys live in enums.
    states: Box<KeyedStates>,
    enforce_length: bool,
}

#[derive(Clone)]
struct KeyedStates {
    sha256: Keyed<Sha256>,
    sha384: Keyed<Sha384>,
    sha512: Keyed<Sha512>,
}

impl HmacKey {
    /// A key from secret bytes of at least [`MIN_SECRET_LEN`] bytes.
    pub fn new(secret: &[u8]) -> Result<Self> {
        if secret.len() < MIN_SECRET_LEN {
            return Err(KeyProblem::SecretTooShort {
                len: secret.len(),
                min: MIN_SECRET_LEN,
            }
            .into());
        }
        Self::build(secret, true)
    }

    /// A new random secret as long as the hash output of `algorithm` (32, 48 or 64 bytes), from
    /// the operating system's random number generator. Fails for non-HMAC algorithms.
    ///
    /// ```
    /// use jwt_core::{Algorithm, HmacKey};
    /// assert_eq!(HmacKey::generate(Algorithm::HS512)?.len(), 64);
    /// assert!(HmacKey::generate(Algorithm::RS256).is_err());
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    #[cfg(feature = "getrandom")]
    pub fn generate(algorithm: super::Algorithm) -> Result<Self> {
        match algorithm.scheme() {
            super::Scheme::Hmac(Sha2::Sha256) => Self::new(crate::random::bytes::<32>()?.as_ref()),
            super::Scheme::Hmac(Sha2::Sha384) => Self::new(crate::random::bytes::<48>()?.as_ref()),
            super::Scheme::Hmac(Sha2::Sha512) => Self::new(crate::random::bytes::<64>()?.as_ref()),
            _ => Err(Error::KeyAlgorithmMismatch {
                algorithm,
                key: super::KeyFamily::Hmac,
                restricted_to: None,
            }),
        }
    }

    /// A key that skips every length check. Only reachable through
    /// [`dangerous::insecure_short_hmac_key`](crate::dangerous::insecure_short_hmac_key).
    pub(crate) fn new_unchecked_length(secret: &[u8]) -> Result<Self> {
        Self::build(secret, false)
    }

    fn build(secret: &[u8], enforce_length: bool) -> Result<Self> {
        Ok(Self {
            secret: Zeroizing::new(secret.to_vec()),
            states: Box::new(KeyedStates {
                sha256: keyed(secret)?,
                sha384: keyed(secret)?,
                sha512: keyed(secret)?,
            }),
            enforce_length,
        })
    }

    /// The secret's length in bytes.
    pub fn len(&self) -> usize {
        self.secret.len()
    }

    /// Always `false`: an empty secret cannot be constructed. Present for API symmetry.
    pub fn is_empty(&self) -> bool {
        self.secret.is_empty()
    }

    /// The raw secret. Handle with the care any secret deserves.
    pub fn secret(&self) -> &[u8] {
        &self.secret
    }

    /// Refuses the key for a digest whose output is longer than the secret.
    pub(crate) fn check_strength(&self, digest: Sha2) -> Result<()> {
        let min = digest.output_len();
        if self.enforce_length && self.secret.len() < min {
            return Err(KeyProblem::SecretTooShort {
                len: self.secret.len(),
                min,
            }
            .into());
        }
        Ok(())
    }

    /// The MAC of `message`.
    pub(crate) fn sign(&self, digest: Sha2, message: &[u8]) -> Result<Tag> {
        self.check_strength(digest)?;
        Ok(match digest {
            Sha2::Sha256 => Tag::Sha256(mac(&self.states.sha256, message).into()),
            Sha2::Sha384 => Tag::Sha384(mac(&self.states.sha384, message).into()),
            Sha2::Sha512 => Tag::Sha512(mac(&self.states.sha512, message).into()),
        })
    }

    /// Checks `tag` against the MAC of `message` in constant time. Any length other than the
    /// full hash output is refused.
    pub(crate) fn verify(&self, digest: Sha2, message: &[u8], tag: &[u8]) -> Result<()> {
        self.check_strength(digest)?;
        let valid = match digest {
            Sha2::Sha256 => verify_mac(&self.states.sha256, message, tag),
            Sha2::Sha384 => verify_mac(&self.states.sha384, message, tag),
            Sha2::Sha512 => verify_mac(&self.states.sha512, message, tag),
        };
        if valid {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }
}

/// The MAC of `message` under `key`, through the `hmac` crate's block interface: the keyed
/// state is cloned without a buffer, the message's whole blocks are hashed where they are, and
/// only its tail is copied, into the padding. Kept out of line: inlined into
/// [`HmacKey::sign`], HS256 signing measured 3% slower (see PERF.md).
#[inline(never)]
fn mac<D: EagerHash>(key: &Keyed<D>, message: &[u8]) -> Output<Keyed<D>> {
    let mut state = key.clone();
    let (blocks, tail) = Array::slice_as_chunks(message);
    state.update_blocks(blocks);
    let mut out = Output::<Keyed<D>>::default();
    // `tail` is what is left after the whole blocks: shorter than one, as the buffer requires.
    state.finalize_fixed_core(&mut Buffer::<Keyed<D>>::new(tail), &mut out);
    out
}

/// Whether `tag` is the MAC of `message` under `key`, by the `hmac` crate's own check
/// (`verify_slice`: lengths first, then the bytes with `subtle`, in constant time).
fn verify_mac<D: EagerHash>(key: &Keyed<D>, message: &[u8], tag: &[u8]) -> bool {
    let mut mac = hmac::Hmac::<D>::compose(key.clone(), Buffer::<Keyed<D>>::default());
    mac.update(message);
    mac.verify_slice(tag).is_ok()
}

/// A MAC, as long as its digest's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Sha256([u8; 32]),
    Sha384([u8; 48]),
    Sha512([u8; 64]),
}

impl AsRef<[u8]> for Tag {
    fn as_ref(&self) -> &[u8] {
        match self {
            Self::Sha256(tag) => tag,
            Self::Sha384(tag) => tag,
            Self::Sha512(tag) => tag,
        }
    }
}

impl fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HmacKey")
            .field("len", &self.secret.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn refuses_secrets_shorter_than_32_bytes() {
        for len in [0, 1, 16, 31] {
            let err = HmacKey::new(&alloc::vec![1; len]).unwrap_err();
            assert_eq!(
                err,
                Error::InvalidKey(KeyProblem::SecretTooShort { len, min: 32 })
            );
        }
        assert!(HmacKey::new(&[1; 32]).is_ok());
    }

    #[test]
    fn refuses_a_secret_shorter_than_the_digest() {
        let key = HmacKey::new(&[1; 48]).unwrap();
        assert!(key.sign(Sha2::Sha384, b"m").is_ok());
        let err = key.sign(Sha2::Sha512, b"m").unwrap_err();
        assert_eq!(
            err,
            Error::InvalidKey(KeyProblem::SecretTooShort { len: 48, min: 64 })
        );
        assert_eq!(
            key.verify(Sha2::Sha512, b"m", &[0; 64]).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
    }

    #[test]
    fn verifies_its_own_tags_only() {
        let key = HmacKey::new(&[9; 64]).unwrap();
        for digest in [Sha2::Sha256, Sha2::Sha384, Sha2::Sha512] {
            let tag = key.sign(digest, b"message").unwrap().as_ref().to_vec();
            assert_eq!(tag.len(), digest.output_len());
            assert_eq!(key.verify(digest, b"message", &tag), Ok(()));
            assert_eq!(
                key.verify(digest, b"massage", &tag),
                Err(Error::InvalidSignature)
            );
            assert_eq!(
                key.verify(digest, b"message", &tag[1..]),
                Err(Error::InvalidSignature)
            );
            let mut longer = tag.clone();
            longer.push(0);
            assert_eq!(
                key.verify(digest, b"message", &longer),
                Err(Error::InvalidSignature)
            );
            // Every bit of every byte counts, and every shorter prefix is refused.
            for bit in 0..tag.len() * 8 {
                let mut flipped = tag.clone();
                flipped[bit / 8] ^= 1 << (bit % 8);
                assert_eq!(
                    key.verify(digest, b"message", &flipped),
                    Err(Error::InvalidSignature),
                    "{digest:?} bit {bit}"
                );
            }
            for len in 0..tag.len() {
                assert_eq!(
                    key.verify(digest, b"message", &tag[..len]),
                    Err(Error::InvalidSignature),
                    "{digest:?} {len} bytes"
                );
            }
        }
    }

    #[test]
    fn a_tag_wrong_in_any_one_bit_is_refused() {
        let key = HmacKey::new(&[3; 64]).unwrap();
        for digest in [Sha2::Sha256, Sha2::Sha384, Sha2::Sha512] {
            let tag = key.sign(digest, b"m").unwrap();
            for bit in 0..tag.as_ref().len() * 8 {
                let mut wrong = tag.as_ref().to_vec();
                wrong[bit / 8] ^= 1 << (bit % 8);
                assert_eq!(
                    key.verify(digest, b"m", &wrong),
                    Err(Error::InvalidSignature)
                );
            }
        }
    }

    /// The MAC of `message` by the `hmac` crate's buffered interface, the usual way to use it.
    fn buffered<D: EagerHash>(secret: &[u8], message: &[u8]) -> Vec<u8> {
        let mut mac = <hmac::Hmac<D> as KeyInit>::new_from_slice(secret).unwrap();
        mac.update(message);
        mac.finalize().into_bytes().to_vec()
    }

    #[test]
    fn messages_of_every_length_around_the_blocks_get_the_buffered_interface_s_tags() {
        let secret = [7; 64];
        let key = HmacKey::new(&secret).unwrap();
        let message: Vec<u8> = (0..=300u16).map(|i| (i * 31 % 251) as u8).collect();
        for len in 0..=message.len() {
            let message = &message[..len];
            let tags = [
                (Sha2::Sha256, buffered::<Sha256>(&secret, message)),
                (Sha2::Sha384, buffered::<Sha384>(&secret, message)),
                (Sha2::Sha512, buffered::<Sha512>(&secret, message)),
            ];
            for (digest, expected) in tags {
                assert_eq!(
                    key.sign(digest, message).unwrap().as_ref(),
                    expected,
                    "{len}"
                );
                assert_eq!(key.verify(digest, message, &expected), Ok(()), "{len}");
            }
        }
    }

    #[test]
    fn rfc_4231_test_case_2() {
        // Key "Jefe", data "what do ya want for nothing?".
        let key = HmacKey::new_unchecked_length(b"Jefe").unwrap();
        let tag = key
            .sign(Sha2::Sha256, b"what do ya want for nothing?")
            .unwrap();
        let hex: alloc::string::String = tag
            .as_ref()
            .iter()
            .map(|b| alloc::format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn debug_prints_no_secret() {
        let key = HmacKey::new(b"0123456789abcdef0123456789ABCDEF").unwrap();
        let debug = alloc::format!("{key:?}");
        assert_eq!(debug, "HmacKey { len: 32, .. }");
    }
}
