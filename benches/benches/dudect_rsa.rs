//! Timing leaks in RSA signing (RS256), by the dudect method as in `dudect.rs`: the evidence
//! behind accepting RUSTSEC-2023-0071 in `deny.toml`. |t| above 4.5 is evidence of a leak.
//!
//! What is secret in RSA signing is the private key; the signing input and the signature are
//! public. jwt-core signs with `rsa::RsaPrivateKey::sign`, which does not blind (the `rsa`
//! crate's `getrandom` feature is off): the private-key operation (RSASP1: the exponentiations
//! modulo p and q, their recombination, and the check of the result against the public key)
//! runs on the message representative itself, so nothing random masks a dependence of its
//! time on that input. The timing attacks on RSA (Marvin, and the key-recovery attacks on the
//! CRT before it) read how that time varies with the size of the operand or its relation to
//! the primes. So:
//!
//! - `rs256_sign_fixed_vs_random_claims`: jwt-core's whole RS256 signing path
//!   (`jwt_core::encode`: claims, SHA-256, EMSA-PKCS1-v1_5, RSASP1, base64url) on one fixed set
//!   of claims (left) or on claims whose subject is random, of the same length (right):
//!   dudect's fixed-against-random test.
//! - `rsasp1_small_vs_random`: the private-key operation alone
//!   (`rsa::hazmat::rsa_decrypt_and_check`, the function `sign` calls, without blinding as
//!   jwt-core calls it) on representatives below 2^64 (left) or random below 2^2047 (right).
//!   PKCS#1 v1.5 padding puts every signing representative between 2^2032 and 2^2033, so
//!   only at this level can a test ask whether the arithmetic's time depends on the size of
//!   its operand, the leak the advisory describes.
//! - `rsa09_small_vs_random`: the same on `rsa` 0.9.10, the line the advisory was
//!   written against (`num-bigint-dig`, variable time): the positive control, showing that
//!   this method and sample count do find that leak on this machine.
//! - `control_same_inputs`: both classes draw from the same random representatives (`rsa`
//!   0.10), so any |t| here is the noise floor of the machine and of the method.
//!
//! Every input is copied into one scratch value before it is timed, so that the classes differ
//! in content only (for `rsa` 0.10 not even in length: every representative has the modulus's
//! precision, as in signing).
//!
//! Options: `--samples N` per test (default 100,000, both classes together; one sample takes
//! about a millisecond), `--filter NAME`.

#![forbid(unsafe_code)]

use dudect_bencher::rand::RngExt;
use dudect_bencher::{BenchRng, CtRunner};
use jwt_benches::dudect::{self, class_index, run};
use jwt_benches::{Alg, BenchClaims, Jwt, JwtCore, keys};
use rsa::BoxedUint;
use rsa::hazmat::rsa_decrypt_and_check;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use rsa::traits::PublicKeyParts;

/// Each class has 255 inputs, drawn at random per sample.
const VARIANTS: usize = 255;

/// The modulus length of the test key in bytes (2048 bits).
const MODULUS_BYTES: usize = 256;

/// No random-number generator: the private-key operation runs unblinded, as in jwt-core.
const UNBLINDED: Option<&mut getrandom::SysRng> = None;
/// The same for `rsa` 0.9.
const UNBLINDED_09: Option<&mut rsa09::rand_core::OsRng> = None;

/// jwt-core's RSA test key in the `rsa` crate jwt-core uses.
fn rsa_key() -> rsa::RsaPrivateKey {
    rsa::RsaPrivateKey::from_pkcs8_pem(keys::RSA_PRIVATE).expect("RSA key")
}

/// Big-endian representatives of both classes, 255 each: below 2^64 (left) and random below
/// 2^2047 (right), or both random for the control. Each is `MODULUS_BYTES` long, and all of
/// them are below the 2048-bit modulus.
fn representatives(rng: &mut BenchRng, left_small: bool) -> [Vec<[u8; MODULUS_BYTES]>; 2] {
    let mut random = |small: bool| {
        let mut bytes = [0; MODULUS_BYTES];
        if small {
            rng.fill(&mut bytes[MODULUS_BYTES - 8..]);
        } else {
            rng.fill(&mut bytes[..]);
            bytes[0] &= 0x7f;
        }
        bytes
    };
    let left = (0..VARIANTS).map(|_| random(left_small)).collect();
    let right = (0..VARIANTS).map(|_| random(false)).collect();
    [left, right]
}

/// Times `rsa_decrypt_and_check` of `rsa` 0.10 on the representatives of the two classes,
/// each copied into one scratch integer of the modulus's precision before it is timed.
fn rsasp1(runner: &mut CtRunner, rng: &mut BenchRng, left_small: bool) {
    let key = rsa_key();
    let precision = key.n_bits_precision();
    let classes = representatives(rng, left_small).map(|inputs| {
        inputs
            .iter()
            .map(|bytes| BoxedUint::from_be_slice(bytes, precision).expect("fits the modulus"))
            .collect::<Vec<_>>()
    });
    for input in classes.iter().flatten() {
        assert!(rsa_decrypt_and_check(&key, UNBLINDED, input).is_ok());
    }
    let mut scratch = BoxedUint::zero_with_precision(precision);
    run(runner, rng, VARIANTS, |runner, class, variant| {
        let input = &classes[class_index(class)][variant];
        scratch.as_mut_limbs().copy_from_slice(input.as_limbs());
        runner.run_one(class, || rsa_decrypt_and_check(&key, UNBLINDED, &scratch));
    });
}

fn rsasp1_small_vs_random(runner: &mut CtRunner, rng: &mut BenchRng) {
    rsasp1(runner, rng, true);
}

/// The control: both classes are random representatives, so any |t| here is noise.
fn control_same_inputs(runner: &mut CtRunner, rng: &mut BenchRng) {
    rsasp1(runner, rng, false);
}

/// The positive control: `rsa_decrypt_and_check` of `rsa` 0.9.10, unblinded, on
/// representatives below 2^64 (left) or random (right).
fn rsa09_small_vs_random(runner: &mut CtRunner, rng: &mut BenchRng) {
    use rsa09::pkcs8::DecodePrivateKey as _;
    let der = rsa_key().to_pkcs8_der().expect("encodes");
    let key = rsa09::RsaPrivateKey::from_pkcs8_der(der.as_bytes()).expect("RSA key");
    let classes = representatives(rng, true).map(|inputs| {
        inputs
            .iter()
            .map(|bytes| rsa09::BigUint::from_bytes_be(bytes))
            .collect::<Vec<_>>()
    });
    for input in classes.iter().flatten() {
        assert!(rsa09::hazmat::rsa_decrypt_and_check(&key, UNBLINDED_09, input).is_ok());
    }
    let mut scratch = rsa09::BigUint::default();
    run(runner, rng, VARIANTS, |runner, class, variant| {
        scratch.clone_from(&classes[class_index(class)][variant]);
        runner.run_one(class, || {
            rsa09::hazmat::rsa_decrypt_and_check(&key, UNBLINDED_09, &scratch)
        });
    });
}

/// Times jwt-core's RS256 signing of the benchmark claims (left) or of claims with a random
/// subject of the same length (right), each copied into one scratch value before it is timed.
fn rs256_sign_fixed_vs_random_claims(runner: &mut CtRunner, rng: &mut BenchRng) {
    let library = JwtCore::new(Alg::Rs256);
    let fixed = BenchClaims::standard();
    let random = (0..VARIANTS)
        .map(|_| {
            let mut claims = fixed.clone();
            let hex: String = (0..claims.sub.len() - "user_".len())
                .map(|_| char::from_digit(rng.random_range(0..16), 16).expect("a hex digit"))
                .collect();
            claims.sub = format!("user_{hex}");
            claims
        })
        .collect();
    let classes = [vec![fixed; VARIANTS], random];
    for claims in classes.iter().flatten() {
        assert_eq!(library.verify(&library.sign(claims)).as_ref(), Some(claims));
    }
    let mut scratch = classes[0][0].clone();
    run(runner, rng, VARIANTS, |runner, class, variant| {
        scratch.clone_from(&classes[class_index(class)][variant]);
        runner.run_one(class, || library.sign(&scratch));
    });
}

fn main() {
    dudect::main(
        100_000,
        &[
            (
                "rs256_sign_fixed_vs_random_claims",
                rs256_sign_fixed_vs_random_claims,
            ),
            ("rsasp1_small_vs_random", rsasp1_small_vs_random),
            ("rsa09_small_vs_random", rsa09_small_vs_random),
            ("control_same_inputs", control_same_inputs),
        ],
    );
}
