//! Ed25519 verification against a table of the public key's multiples, built when the key has
//! verified a few times.
//!
//! Verification checks `R = [S]B - [k]A` with `k = SHA-512(R || A || M) mod L`, exactly as
//! ed25519-dalek's `verify_strict`, but `[k]A` is read from a table of `A`'s multiples instead
//! of computed with 253 point doublings: `k` is written in 64 signed radix-16 digits
//! `d_0 .. d_63`, and `[k]A` is the sum of `[d_i * 16^i]A`, with `[j * 16^(2i)]A` in the table
//! for `j` in 1..=8 and `i` in 0..32 (the odd digits are summed first and multiplied by 16).
//! Every input here is public (the key, the signature, the message), so the table is read at
//! the digits' positions directly. `[S]B` is curve25519-dalek's fixed-base multiplication on
//! its precomputed tables; the group arithmetic is all curve25519-dalek's.
//!
//! The refusals are `verify_strict`'s: `S` not below `L`; `R` not the encoding of a point, or
//! of a point of small order (the key itself, of small order, never loads). A point that does
//! not decompress, and a non-canonical encoding, never equal the canonical encoding the
//! computed point compresses to; so it is enough to refuse a computed point of small order and
//! compare encodings.

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU32, Ordering};

use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::Identity;
use ed25519_dalek::{Signature, VerifyingKey};
use once_cell::race::OnceBox;
use sha2::{Digest, Sha512};

/// Whether curve25519-dalek runs its AVX-512 IFMA backend here: compiled in (this workspace's
/// `.cargo/config.toml` asks for it on x86-64 Linux, or the target has the features) and the
/// CPU has them, the same test as curve25519-dalek's own. There, `verify_strict` takes 0.91 of
/// the table's time; on its AVX2 backend 1.46 times it, and on its serial ones more.
#[cfg(all(
    target_arch = "x86_64",
    any(
        curve25519_dalek_backend = "avx512",
        all(target_feature = "avx512ifma", target_feature = "avx512vl")
    )
))]
fn dalek_verifies_on_ifma() -> bool {
    cpufeatures::new!(ifma, "avx512ifma", "avx512vl");
    ifma::get()
}

/// Whether curve25519-dalek runs its AVX-512 IFMA backend here: not compiled in.
#[cfg(not(all(
    target_arch = "x86_64",
    any(
        curve25519_dalek_backend = "avx512",
        all(target_feature = "avx512ifma", target_feature = "avx512vl")
    )
)))]
fn dalek_verifies_on_ifma() -> bool {
    false
}

/// How many verifications a key makes with `verify_strict` before it builds its table.
/// Building takes about as long as three of them, and each verification by the table saves
/// about 0.4 of one: a key used a few times (a key that comes with its token, a key of a set
/// that is seldom asked for) costs neither the table's 40 KiB nor its building, and a key in
/// constant use pays it back within its first twenty verifications.
const VERIFICATIONS_BEFORE_TABLE: u32 = 8;

/// A key's table of multiples, built at its ninth verification, or never where
/// curve25519-dalek runs AVX-512 IFMA.
pub(crate) struct KeyTable {
    builds: bool,
    verifications: AtomicU32,
    multiples: OnceBox<KeyMultiples>,
}

impl KeyTable {
    /// An empty table, built in time unless curve25519-dalek verifies on AVX-512 IFMA here.
    pub(crate) fn new() -> Self {
        Self::building(!dalek_verifies_on_ifma())
    }

    /// An empty table, built in time if `builds`.
    fn building(builds: bool) -> Self {
        Self {
            builds,
            verifications: AtomicU32::new(0),
            multiples: OnceBox::new(),
        }
    }

    /// Whether `signature` (`R || S`) signs `message` under `key`: by `verify_strict` until
    /// the table is built, then by the table.
    pub(crate) fn verify(&self, key: &VerifyingKey, message: &[u8], signature: &[u8; 64]) -> bool {
        let multiples = match self.multiples.get() {
            Some(multiples) => multiples,
            None if !self.builds
                || self.verifications.fetch_add(1, Ordering::Relaxed)
                    < VERIFICATIONS_BEFORE_TABLE =>
            {
                return key
                    .verify_strict(message, &Signature::from_bytes(signature))
                    .is_ok();
            }
            None => self
                .multiples
                .get_or_init(|| Box::new(KeyMultiples::new(&key.to_edwards()))),
        };
        multiples.verify(key.as_bytes(), message, signature)
    }
}

/// How many multiples of each power of 256 the table keeps (the largest digit's magnitude).
const DIGIT_MAX: usize = 8;

/// `[j * 256^i]A` for `i` in 0..32 and `j` in 1..=8: 256 points, 40 KiB.
struct KeyMultiples {
    rows: Vec<[EdwardsPoint; DIGIT_MAX]>,
}

impl KeyMultiples {
    /// The table of `key`'s multiples: 472 point additions.
    fn new(key: &EdwardsPoint) -> Self {
        let mut rows = Vec::with_capacity(32);
        let mut base = *key;
        for _ in 0..32 {
            let mut row = [base; DIGIT_MAX];
            let mut multiple = base;
            for slot in row.iter_mut().skip(1) {
                multiple += base;
                *slot = multiple;
            }
            rows.push(row);
            for _ in 0..8 {
                base += base;
            }
        }
        Self { rows }
    }

    /// `[k]A`, reading the table at the signed radix-16 digits of `k`.
    fn mul(&self, k: &Scalar) -> EdwardsPoint {
        let digits = radix_16(k);
        let mut sum = EdwardsPoint::identity();
        for (row, &digit) in self.rows.iter().zip(digits.iter().skip(1).step_by(2)) {
            add_multiple(&mut sum, row, digit);
        }
        for _ in 0..4 {
            sum += sum;
        }
        for (row, &digit) in self.rows.iter().zip(digits.iter().step_by(2)) {
            add_multiple(&mut sum, row, digit);
        }
        sum
    }

    /// Whether `signature` (`R || S`) signs `message` under the key `compressed`, whose
    /// multiples these are.
    fn verify(&self, compressed: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
        let (r, s) = signature.split_at(32);
        let (Ok(r), Ok(s)) = (<[u8; 32]>::try_from(r), <[u8; 32]>::try_from(s)) else {
            return false;
        };
        let Some(s) = Option::<Scalar>::from(Scalar::from_canonical_bytes(s)) else {
            return false;
        };
        let mut hash = Sha512::new();
        hash.update(r);
        hash.update(compressed);
        hash.update(message);
        let k = Scalar::from_bytes_mod_order_wide(&hash.finalize().into());
        let expected = EdwardsPoint::mul_base(&s) - self.mul(&k);
        !expected.is_small_order() && expected.compress() == CompressedEdwardsY(r)
    }
}

/// Adds `[digit]P` to `sum`, `row` holding `P` to `[8]P`.
fn add_multiple(sum: &mut EdwardsPoint, row: &[EdwardsPoint; DIGIT_MAX], digit: i8) {
    let Some(point) = usize::from(digit.unsigned_abs())
        .checked_sub(1)
        .and_then(|index| row.get(index))
    else {
        return;
    };
    if digit > 0 {
        *sum += point;
    } else {
        *sum -= point;
    }
}

/// `k` as 64 signed digits `d_i` in `-8..8` with `k = sum(d_i * 16^i)`: each nibble with the
/// carry from the one below, brought into `-8..8` by carrying 16 up. A reduced scalar is below
/// `2^253`, so its top nibble is at most 1 and nothing carries out of the last digit.
fn radix_16(k: &Scalar) -> [i8; 64] {
    let mut digits = [0i8; 64];
    let mut carry = 0;
    let nibbles = k.as_bytes().iter().flat_map(|byte| [byte & 15, byte >> 4]);
    for (digit, nibble) in digits.iter_mut().zip(nibbles) {
        let value = nibble as i8 + carry;
        carry = (value + 8) >> 4;
        *digit = value - (carry << 4);
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;
    use curve25519_dalek::constants::EIGHT_TORSION;
    use ed25519_dalek::{Signer, SigningKey};
    use proptest::prelude::*;

    /// L, the order of the base point, little-endian.
    const L: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];

    fn scalar(wide: &[u8; 64]) -> Scalar {
        Scalar::from_bytes_mod_order_wide(wide)
    }

    /// The scalars at the edges of the digits' ranges, then `wide` reduced.
    fn scalars(wide: &[u8; 64]) -> [Scalar; 6] {
        let mut top = [0u8; 32];
        top[31] = 0x10;
        [
            Scalar::ZERO,
            Scalar::ONE,
            -Scalar::ONE,
            Scalar::from_bytes_mod_order(top),
            Scalar::from_bytes_mod_order([0x88; 32]),
            scalar(wide),
        ]
    }

    /// ed25519-dalek's verdict, the reference.
    fn verify_strict(key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
        VerifyingKey::from_bytes(key).is_ok_and(|key| {
            key.verify_strict(message, &Signature::from_bytes(signature))
                .is_ok()
        })
    }

    /// Our verdict, with the key loaded as `Ed25519PublicKey` loads it.
    fn verify(key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
        let point = VerifyingKey::from_bytes(key).unwrap().to_edwards();
        KeyMultiples::new(&point).verify(key, message, signature)
    }

    #[test]
    fn radix_16_digits_are_in_range_and_sum_to_the_scalar() {
        for k in scalars(&[0x5a; 64]) {
            let digits = radix_16(&k);
            assert!(
                digits[..63].iter().all(|d| (-8..8).contains(d)),
                "{digits:?}"
            );
            assert!((-8..=2).contains(&digits[63]), "{digits:?}");
            let sum = digits.iter().rev().fold(Scalar::ZERO, |sum, &d| {
                let magnitude = Scalar::from(u64::from(d.unsigned_abs()));
                sum * Scalar::from(16u64) + if d < 0 { -magnitude } else { magnitude }
            });
            assert_eq!(sum, k);
        }
    }

    #[test]
    fn a_signature_with_an_identity_r_is_refused_as_verify_strict_refuses_it() {
        // With R the identity and S = k * a, [S]B - [k]A is the identity: R. Plain
        // (cofactorless) verification accepts that; strict verification must not.
        let a = Scalar::from_bytes_mod_order([7; 32]);
        let key = EdwardsPoint::mul_base(&a).compress().to_bytes();
        let r = EdwardsPoint::identity().compress().to_bytes();
        let mut hash = Sha512::new();
        hash.update(r);
        hash.update(key);
        hash.update(b"message");
        let k = Scalar::from_bytes_mod_order_wide(&hash.finalize().into());
        let mut signature = [0u8; 64];
        signature[..32].copy_from_slice(&r);
        signature[32..].copy_from_slice(&(k * a).to_bytes());
        let reference = VerifyingKey::from_bytes(&key).unwrap();
        let plain = Signature::from_bytes(&signature);
        assert!(ed25519_dalek::Verifier::verify(&reference, b"message", &plain).is_ok());
        assert!(!verify_strict(&key, b"message", &signature));
        assert!(!verify(&key, b"message", &signature));
    }

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn wycheproof_vectors_get_verify_strict_s_verdicts() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/vectors/wycheproof/ed25519_test.json"
        );
        let file: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let (mut valid, mut invalid) = (0, 0);
        for group in file["testGroups"].as_array().unwrap() {
            let key: [u8; 32] = hex(group["publicKey"]["pk"].as_str().unwrap())
                .try_into()
                .unwrap();
            // Keys that do not load never get a table.
            let reference = VerifyingKey::from_bytes(&key).unwrap();
            assert!(!reference.is_weak());
            let multiples = KeyMultiples::new(&reference.to_edwards());
            for test in group["tests"].as_array().unwrap() {
                let message = hex(test["msg"].as_str().unwrap());
                // Signatures of any other length are refused before they get here.
                let Ok(signature) = <[u8; 64]>::try_from(hex(test["sig"].as_str().unwrap())) else {
                    continue;
                };
                let verdict = multiples.verify(&key, &message, &signature);
                assert_eq!(verdict, verify_strict(&key, &message, &signature), "{test}");
                assert_eq!(verdict, test["result"] == "valid", "{test}");
                if verdict {
                    valid += 1;
                } else {
                    invalid += 1;
                }
            }
        }
        assert_eq!((valid, invalid), (88, 51));
    }

    #[test]
    fn a_key_table_is_built_at_the_ninth_verification() {
        let signer = SigningKey::from_bytes(&[9; 32]);
        let key = signer.verifying_key();
        let good = signer.sign(b"message").to_bytes();
        let mut bad = good;
        bad[40] ^= 1;
        let table = KeyTable::building(true);
        for _ in 0..VERIFICATIONS_BEFORE_TABLE / 2 {
            assert!(table.verify(&key, b"message", &good));
            assert!(!table.verify(&key, b"message", &bad));
        }
        assert!(table.multiples.get().is_none());
        assert!(!table.verify(&key, b"message", &bad));
        assert!(table.multiples.get().is_some());
        assert!(table.verify(&key, b"message", &good));
        assert!(!table.verify(&key, b"message", &bad));
    }

    proptest! {
        #[test]
        fn the_table_multiplies_as_curve25519_dalek(
            a in any::<[u8; 32]>(),
            torsion in 0usize..8,
            wide in proptest::collection::vec(any::<u8>(), 64),
        ) {
            let key = EdwardsPoint::mul_base(&Scalar::from_bytes_mod_order(a))
                + EIGHT_TORSION[torsion];
            let multiples = KeyMultiples::new(&key);
            for k in scalars(&wide.try_into().unwrap()) {
                prop_assert_eq!(multiples.mul(&k), k * key);
            }
        }

        #[test]
        fn verdicts_are_verify_strict_s(
            seed in any::<[u8; 32]>(),
            message in proptest::collection::vec(any::<u8>(), 0..80),
            torsion in 0usize..8,
            change in 0usize..6,
            bit in 0usize..512,
        ) {
            let signer = SigningKey::from_bytes(&seed);
            let key = signer.verifying_key().to_bytes();
            let mut signature = signer.sign(&message).to_bytes();
            let torsion_point = EIGHT_TORSION[torsion];
            match change {
                // Unchanged: valid.
                0 => {}
                // One bit flipped, anywhere.
                1 => signature[bit / 8] ^= 1 << (bit % 8),
                // R replaced by a point of small order.
                2 => signature[..32].copy_from_slice(torsion_point.compress().as_bytes()),
                // R moved by a point of small order.
                3 => {
                    let r = CompressedEdwardsY(signature[..32].try_into().unwrap());
                    let moved = r.decompress().unwrap() + torsion_point;
                    signature[..32].copy_from_slice(moved.compress().as_bytes());
                }
                // S + L: the same S, not reduced.
                4 => {
                    let mut carry = 0u16;
                    for (s, l) in signature[32..].iter_mut().zip(L) {
                        let sum = u16::from(*s) + u16::from(l) + carry;
                        *s = sum as u8;
                        carry = sum >> 8;
                    }
                }
                // R moved by a point that is not of small order.
                _ => {
                    let r = CompressedEdwardsY(signature[..32].try_into().unwrap());
                    let moved = r.decompress().unwrap() + EdwardsPoint::mul_base(&Scalar::ONE);
                    signature[..32].copy_from_slice(moved.compress().as_bytes());
                }
            }
            prop_assert_eq!(
                verify(&key, &message, &signature),
                verify_strict(&key, &message, &signature)
            );
            prop_assert_eq!(
                verify(&key, &message, &signature),
                change == 0 || (change == 3 && torsion == 0)
            );
        }

        #[test]
        fn mixed_order_keys_verify_as_with_verify_strict(
            a in any::<[u8; 32]>(),
            r in any::<[u8; 32]>(),
            torsion in 1usize..8,
            message in proptest::collection::vec(any::<u8>(), 0..80),
        ) {
            // A = [a]B + T loads (it is not of small order). With R = [r]B and S = r + k * a,
            // [S]B - [k]A = R - [k]T: R exactly when [k]T is the identity.
            let a = Scalar::from_bytes_mod_order(a);
            let torsion_point = EIGHT_TORSION[torsion];
            let key = (EdwardsPoint::mul_base(&a) + torsion_point).compress().to_bytes();
            let r = Scalar::from_bytes_mod_order(r);
            let big_r = EdwardsPoint::mul_base(&r).compress().to_bytes();
            let mut hash = Sha512::new();
            hash.update(big_r);
            hash.update(key);
            hash.update(&message);
            let k = Scalar::from_bytes_mod_order_wide(&hash.finalize().into());
            let mut signature = [0u8; 64];
            signature[..32].copy_from_slice(&big_r);
            signature[32..].copy_from_slice(&(r + k * a).to_bytes());
            let expected = verify_strict(&key, &message, &signature);
            prop_assert_eq!(expected, k * torsion_point == EdwardsPoint::identity());
            prop_assert_eq!(verify(&key, &message, &signature), expected);
        }
    }
}
