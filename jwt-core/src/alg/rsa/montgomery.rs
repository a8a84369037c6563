//! The RSA public operation for e = 65537, s^65537 mod n, by 16 Montgomery squarings and one
//! Montgomery multiplication on limbs held on the stack: no allocation per signature.
//!
//! Nothing here is secret (the signature, the modulus and the result are all public), so the
//! arithmetic may take time that depends on its operands: Montgomery multiplication by product
//! scanning (the "FIPS" method of Koç, Acar and Kaliski, 1996), squares with each cross product
//! once, and the final subtraction only when needed.

use alloc::vec::Vec;
use core::cmp::Ordering;

use super::MAX_MODULUS_BITS;

/// A limb, and the type that holds the product of two: the widest pair the target multiplies
/// natively. A 64-bit target multiplies 64-bit limbs into 128 bits; on wasm32 and other 32-bit
/// targets a 128-bit product is a call into the compiler's runtime, and 32-bit limbs (four
/// times the products, each one instruction) are several times faster. `--cfg
/// jwt_core_limb_bits="32"` chooses 32-bit limbs on a 64-bit target too, so that their tests
/// run on the host (`scripts/test`).
#[cfg(not(any(target_pointer_width = "32", jwt_core_limb_bits = "32")))]
type Limb = u64;
#[cfg(not(any(target_pointer_width = "32", jwt_core_limb_bits = "32")))]
type Wide = u128;
#[cfg(any(target_pointer_width = "32", jwt_core_limb_bits = "32"))]
type Limb = u32;
#[cfg(any(target_pointer_width = "32", jwt_core_limb_bits = "32"))]
type Wide = u64;

/// Bytes of a limb.
const LIMB_BYTES: usize = size_of::<Limb>();

/// Bits of a limb.
const LIMB_BITS: u32 = Limb::BITS;

/// Limbs of the largest modulus accepted.
const MAX_LIMBS: usize = MAX_MODULUS_BITS / LIMB_BITS as usize;

/// An odd modulus n and what Montgomery multiplication modulo n needs, computed once per key.
/// R is 2^(bits of a limb · limbs).
#[derive(Clone, PartialEq, Eq)]
pub struct Modulus {
    /// n, least significant limb first.
    n: Vec<Limb>,
    /// R² mod n, least significant limb first.
    r2: Vec<Limb>,
    /// -n⁻¹ modulo 2^(bits of a limb).
    n0_inv: Limb,
}

impl Modulus {
    /// The modulus with big-endian bytes `n`, given R'² mod n for R' = 2^`r_bits` (big-endian,
    /// as `crypto-bigint` computes it for the key); `None` unless R' is R (`crypto-bigint`'s
    /// words may be wider than these limbs, and then its R larger), n is odd and of at most
    /// [`MAX_MODULUS_BITS`] bits, and R² mod n is below n.
    pub fn new(n: &[u8], r2: &[u8], r_bits: u32) -> Option<Self> {
        let limbs = n.len().div_ceil(LIMB_BYTES);
        if limbs > MAX_LIMBS || usize::try_from(r_bits).ok()? != LIMB_BITS as usize * limbs {
            return None;
        }
        let n = limbs_from_be(n, limbs)?;
        let r2 = limbs_from_be(r2, limbs)?;
        let n0 = *n.first()?;
        if n0 & 1 == 0 || compare(&r2, &n) != Ordering::Less {
            return None;
        }
        // Newton's iteration for the inverse modulo 2^64 (or 2^32): n0 is its own inverse
        // modulo 2^3, and each step doubles the bits that are right.
        let inverse = (0..5).fold(n0, |inverse, _| {
            inverse.wrapping_mul(Limb::wrapping_sub(2, n0.wrapping_mul(inverse)))
        });
        Some(Self {
            n,
            r2,
            n0_inv: inverse.wrapping_neg(),
        })
    }

    /// s^65537 mod n for the big-endian `signature` s, written big-endian into the whole of
    /// `out`; `false` if s is not below n, or either does not fit the modulus's limbs.
    #[allow(
        clippy::indexing_slicing,
        reason = "`limbs` is at most MAX_LIMBS (`new` refuses more), and chunks have at most \
                  LIMB_BYTES bytes"
    )]
    pub fn pow_f4(&self, signature: &[u8], out: &mut [u8]) -> bool {
        let limbs = self.n.len();
        debug_assert!((1..=MAX_LIMBS).contains(&limbs));
        if signature.len() > limbs * LIMB_BYTES || out.len() > limbs * LIMB_BYTES {
            return false;
        }
        let mut s = [0; MAX_LIMBS];
        let (mut x, mut y, mut scratch) = (s, s, s);
        let (s, mut x, mut y, t) = (
            &mut s[..limbs],
            &mut x[..limbs],
            &mut y[..limbs],
            &mut scratch[..limbs],
        );
        fill_from_be(signature, s);
        if compare(s, &self.n) != Ordering::Less {
            return false;
        }
        // s·R mod n; then s^(2^i)·R mod n for i up to 16; then s^65536·R · s · R⁻¹.
        self.multiply(s, Some(&self.r2), t, x);
        for _ in 0..16 {
            self.multiply(x, None, t, y);
            core::mem::swap(&mut x, &mut y);
        }
        self.multiply(x, Some(s), t, y);
        for (chunk, limb) in out.rchunks_mut(LIMB_BYTES).zip(y.iter()) {
            let bytes = limb.to_be_bytes();
            chunk.copy_from_slice(&bytes[LIMB_BYTES - chunk.len()..]);
        }
        true
    }

    /// a·b·R⁻¹ mod n into `out`, for a and b below n (b = a if `b` is `None`); `m` is scratch
    /// of `limbs` limbs, for m reversed.
    ///
    /// Product scanning: column by column of a·b + m·n, where m is chosen limb by limb so
    /// that the low half of the sum is zero and the high half is the result. The products of
    /// a column are independent of each other, and only the running sum carries from one
    /// column to the next. A square adds each product of two different limbs once, doubled.
    /// Column i pairs x[j] with y[i - j]: with one factor kept reversed (b, and m as it is
    /// found), both run forwards.
    #[allow(
        clippy::indexing_slicing,
        reason = "with a, b, m, out and n all `limbs` long (asserted), column i < 2·limbs reads \
                  x[from..=to] and its partners reversed[shift..shift + len] with to <= i and \
                  to < limbs, m and n over the `known - from` limbs known so far, and writes m[i] \
                  for i < limbs and out[i - limbs] above"
    )]
    fn multiply(&self, a: &[Limb], b: Option<&[Limb]>, m: &mut [Limb], out: &mut [Limb]) {
        let n = &self.n;
        let limbs = n.len();
        debug_assert!(
            a.len() == limbs
                && m.len() == limbs
                && out.len() == limbs
                && b.is_none_or(|b| b.len() == limbs)
        );
        let mut reversed: [Limb; MAX_LIMBS] = [0; MAX_LIMBS];
        let reversed = &mut reversed[..limbs];
        for (to, from) in reversed.iter_mut().zip(b.unwrap_or(a).iter().rev()) {
            *to = *from;
        }
        let mut sum = Accumulator::default();
        for i in 0..2 * limbs {
            // Column i has x[j]·y[i - j] for j from `from` to `to`; y[i - j] is reversed[j -
            // from + shift]. m[j] is known for j below `known`, and kept as m[limbs - 1 - j].
            let (from, to, known) = (
                (i + 1).saturating_sub(limbs),
                i.min(limbs - 1),
                i.min(limbs),
            );
            let shift = limbs - 1 + from - i;
            let partners = |x: &[Limb]| &reversed[shift..shift + x.len()];
            match b {
                Some(_) => {
                    let x = &a[from..=to];
                    sum.add_column(x, partners(x), false);
                }
                None => {
                    // x[j]·x[i - j] for j < i - j, that is for j below half of i rounded up.
                    let x = &a[from..i.div_ceil(2).max(from)];
                    sum.add_column(x, partners(x), true);
                    if i.is_multiple_of(2) && (from..=to).contains(&(i / 2)) {
                        sum.add(a[i / 2], a[i / 2]);
                    }
                }
            }
            sum.add_column(
                &m[limbs - known..limbs - from],
                &n[i + 1 - known..=i - from],
                false,
            );
            if i < limbs {
                let m_i = sum.low().wrapping_mul(self.n0_inv);
                sum.add(m_i, n[0]);
                m[limbs - 1 - i] = m_i;
            } else {
                out[i - limbs] = sum.low();
            }
            sum.shift();
        }
        // The result is below 2n: at most one subtraction of n brings it below n.
        if sum.low() != 0 || compare(out, n) != Ordering::Less {
            subtract(out, n);
        }
    }
}

/// A running sum of double-limb products, with the carries out of two limbs counted above.
#[derive(Debug, Default)]
struct Accumulator {
    sum: Wide,
    carries: Limb,
}

impl Accumulator {
    fn add(&mut self, x: Limb, y: Limb) {
        self.add_product(x, y, false);
    }

    /// Adds x[k]·y[k] for every k, each product doubled if `double`.
    fn add_column(&mut self, x: &[Limb], y: &[Limb], double: bool) {
        // Two running sums, of the even and the odd products, so that neither waits.
        let mut odd = Self::default();
        let (x_pairs, y_pairs) = (x.chunks_exact(2), y.chunks_exact(2));
        let rest = x_pairs.remainder().iter().zip(y_pairs.remainder());
        for (x, y) in x_pairs.zip(y_pairs) {
            if let ([x0, x1], [y0, y1]) = (x, y) {
                self.add_product(*x0, *y0, double);
                odd.add_product(*x1, *y1, double);
            }
        }
        for (&x, &y) in rest {
            self.add_product(x, y, double);
        }
        self.add_wide(odd.sum, odd.carries);
    }

    /// Adds x·y, doubled if `double`.
    fn add_product(&mut self, x: Limb, y: Limb, double: bool) {
        let product = Wide::from(x) * Wide::from(y);
        if double {
            self.add_wide(product << 1, (product >> (2 * LIMB_BITS - 1)) as Limb);
        } else {
            self.add_wide(product, 0);
        }
    }

    /// Adds `low` and `carries` times 2^(bits of two limbs).
    fn add_wide(&mut self, low: Wide, carries: Limb) {
        let (sum, carry) = self.sum.overflowing_add(low);
        self.sum = sum;
        self.carries += carries + Limb::from(carry);
    }

    /// The low limb.
    fn low(&self) -> Limb {
        self.sum as Limb
    }

    /// Drops the low limb.
    fn shift(&mut self) {
        self.sum = self.sum >> LIMB_BITS | Wide::from(self.carries) << LIMB_BITS;
        self.carries = 0;
    }
}

/// `a` -= `b` modulo R.
fn subtract(a: &mut [Limb], b: &[Limb]) {
    let mut borrow = false;
    for (a, &b) in a.iter_mut().zip(b) {
        let (difference, under) = a.overflowing_sub(b);
        let (difference, under_again) = difference.overflowing_sub(Limb::from(borrow));
        *a = difference;
        borrow = under || under_again;
    }
}

/// Compares two numbers of the same number of limbs.
fn compare(a: &[Limb], b: &[Limb]) -> Ordering {
    a.iter().rev().cmp(b.iter().rev())
}

/// The big-endian `bytes` as `limbs` limbs, least significant first; `None` if they need more.
fn limbs_from_be(bytes: &[u8], limbs: usize) -> Option<Vec<Limb>> {
    let significant = bytes
        .iter()
        .position(|byte| *byte != 0)
        .unwrap_or(bytes.len());
    let bytes = bytes.get(significant..)?;
    if bytes.len() > limbs * LIMB_BYTES {
        return None;
    }
    let mut out = alloc::vec![0; limbs];
    fill_from_be(bytes, &mut out);
    Some(out)
}

/// Writes the big-endian `bytes` into `limbs`, least significant first (zeros above them).
fn fill_from_be(bytes: &[u8], limbs: &mut [Limb]) {
    limbs.fill(0);
    for (limb, chunk) in limbs.iter_mut().zip(bytes.rchunks(LIMB_BYTES)) {
        *limb = chunk
            .iter()
            .fold(0, |limb, &byte| limb << 8 | Limb::from(byte));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
    use crypto_bigint::{BoxedUint, Odd};
    use proptest::prelude::*;

    /// The modulus `n` (big-endian, odd) with R² mod n (R for these limbs, whatever
    /// `crypto-bigint`'s words), and the power by `crypto-bigint` for reference.
    fn modulus(n: &[u8]) -> (Modulus, impl Fn(&[u8]) -> Vec<u8>) {
        let r_bits = n.len().div_ceil(LIMB_BYTES) * LIMB_BITS as usize;
        let odd = Odd::new(BoxedUint::from_be_slice_vartime(n)).unwrap();
        let mut r_squared = alloc::vec![0; 2 * r_bits / 8 + 1];
        r_squared[0] = 1;
        let r2 = BoxedUint::from_be_slice_vartime(&r_squared).rem_vartime(odd.as_nz_ref());
        let modulus = Modulus::new(n, &r2.to_be_bytes(), u32::try_from(r_bits).unwrap()).unwrap();
        let precision = odd.as_ref().bits_precision();
        let params = BoxedMontyParams::new_vartime(odd);
        let power = move |s: &[u8]| {
            let s = BoxedUint::from_be_slice(s, precision).unwrap();
            let power = BoxedMontyForm::new(s, &params).pow(&BoxedUint::from(65_537u32));
            let bytes = power.retrieve().to_be_bytes();
            bytes[bytes.len() - n.len()..].to_vec()
        };
        (modulus, power)
    }

    fn pow_f4(modulus: &Modulus, s: &[u8]) -> Option<Vec<u8>> {
        let mut out = alloc::vec![0; s.len()];
        modulus.pow_f4(s, &mut out).then_some(out)
    }

    /// An odd modulus of `len` bytes with its top bit set, from `seed` bytes.
    fn odd_modulus(mut bytes: Vec<u8>) -> Vec<u8> {
        if let Some(top) = bytes.first_mut() {
            *top |= 0x80;
        }
        if let Some(bottom) = bytes.last_mut() {
            *bottom |= 1;
        }
        bytes
    }

    proptest! {
        // More in CI (`scripts/test` sets the variable), where the time is there.
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("JWT_CORE_MONTGOMERY_CASES")
                .ok()
                .and_then(|cases| cases.parse().ok())
                .unwrap_or(48)
        ))]

        #[test]
        fn powers_as_crypto_bigint_does(
            len in proptest::sample::select(alloc::vec![256usize, 260, 384, 512, 1024]),
            seed in any::<u64>(),
        ) {
            let mut state = seed | 1;
            let mut bytes = |len: usize| -> Vec<u8> {
                (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        state as u8
                    })
                    .collect()
            };
            let n = odd_modulus(bytes(len));
            let (modulus, reference) = modulus(&n);
            let mut s = bytes(len);
            s[0] &= 0x7f;
            prop_assert_eq!(pow_f4(&modulus, &s), Some(reference(&s)));
        }
    }

    #[test]
    fn edges() {
        let n = odd_modulus(alloc::vec![0x5a; 256]);
        let (modulus, reference) = modulus(&n);
        let mut n_minus_one = n.clone();
        *n_minus_one.last_mut().unwrap() -= 1;
        let zero = alloc::vec![0; 256];
        let mut one = zero.clone();
        *one.last_mut().unwrap() = 1;
        assert_eq!(pow_f4(&modulus, &zero), Some(zero.clone()));
        assert_eq!(pow_f4(&modulus, &one), Some(one.clone()));
        // (n - 1)^odd = -1 = n - 1.
        assert_eq!(pow_f4(&modulus, &n_minus_one), Some(n_minus_one.clone()));
        assert_eq!(reference(&n_minus_one), n_minus_one);
        assert_eq!(pow_f4(&modulus, &n), None);
        assert_eq!(pow_f4(&modulus, &[0xff; 256]), None);
        assert_eq!(pow_f4(&modulus, &[1; 257]), None);
    }

    #[test]
    fn refuses_what_is_no_odd_modulus() {
        let n = odd_modulus(alloc::vec![0x33; 256]);
        let (valid, _) = modulus(&n);
        let r2 = {
            let mut r2 = alloc::vec![0; 256];
            for (to, limb) in r2.rchunks_mut(LIMB_BYTES).zip(&valid.r2) {
                to.copy_from_slice(&limb.to_be_bytes());
            }
            r2
        };
        assert!(Modulus::new(&n, &r2, 2048).is_some());
        assert!(Modulus::new(&n, &r2, 2048 - 32).is_none());
        assert!(Modulus::new(&n, &r2, 2048 + 32).is_none());
        let mut even = n.clone();
        *even.last_mut().unwrap() &= 0xfe;
        assert!(Modulus::new(&even, &r2, 2048).is_none());
        assert!(Modulus::new(&n, &n, 2048).is_none());
        let too_large = [0xff; MAX_MODULUS_BITS / 8 + 1];
        assert!(Modulus::new(&too_large, &r2, MAX_MODULUS_BITS as u32 + 64).is_none());
        assert!(Modulus::new(&[], &[], 0).is_none());
    }
}
