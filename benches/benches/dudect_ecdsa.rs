//! Timing leaks in ES256 signing, by the dudect method (see `dudect.rs` for the method and
//! `src/dudect.rs` for the harness).
//!
//! What is secret in ECDSA signing is the private scalar d and each signature's nonce k (RFC
//! 6979 derives k from d and the message, and k gives d away). The `p256` crate claims
//! constant-time signing; these test that claim through jwt-core's signature layer
//! (`SigningKey::sign`), as the HS256 tests test the MAC comparison:
//!
//! - `ecdsa_sign_short_vs_long_nonce`: ES256 signatures of messages whose nonce k has its top
//!   byte zero (left) or its top bit set (right). A scalar multiplication or inversion whose
//!   time follows k's length (the Minerva attacks, CVE-2019-15809, TPM-FAIL) tells them apart,
//!   and a few hundred such signatures give the key away. k is recomputed here from each
//!   signature (k = s⁻¹(z + r·d), checked by k·G) to sort the messages into classes.
//! - `ecdsa_sign_small_vs_large_key`: ES256 signatures of the same messages with a private
//!   scalar whose top 128 bits are zero (left) or whose top bit is set (right), each key copied
//!   into one slot before it is timed.
//! - `ecdsa_control_same_inputs`: both classes sign the same messages with the same key: the
//!   noise floor of the machine and of the method.
//!
//! Every message is copied into one scratch buffer before it is timed, so that the classes
//! differ in content only. A signature costs some 20 times an HS256 verification, and the
//! leaks those attacks exploit are microseconds: fewer samples suffice.
//!
//! Options: `--samples N` per test (default 200,000, both classes together), `--filter NAME`.

#![forbid(unsafe_code)]

use dudect_bencher::rand::RngExt;
use dudect_bencher::{BenchRng, CtRunner};
use jwt_benches::dudect::{self, class_index, run};
use jwt_benches::keys;
use jwt_core::{Algorithm, EcCurve, EcPrivateKey, SigningKey};
use p256::elliptic_curve::ops::Reduce;
use p256::elliptic_curve::point::AffineCoordinates;

/// Messages per class.
const VARIANTS: usize = 64;

/// The test key, as jwt-core signs with it.
fn signer() -> SigningKey {
    SigningKey::from_pem(Algorithm::ES256, keys::P256_PRIVATE).expect("P-256 key")
}

/// The nonce k of the ES256 signature `signature` of `message` under `key`: s⁻¹(z + r·d),
/// checked against r (the x coordinate of k·G, reduced modulo n).
fn nonce(key: &p256::ecdsa::SigningKey, message: &[u8], signature: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    let signature = p256::ecdsa::Signature::from_slice(signature).expect("r || s");
    let (r, s) = signature.split_scalars();
    let z = <p256::Scalar as Reduce<p256::FieldBytes>>::reduce(&sha2::Sha256::digest(message));
    let d = key.as_nonzero_scalar();
    let s_inverse: p256::Scalar = Option::from(s.invert()).expect("s is not zero");
    let k = (z + *r * **d) * s_inverse;
    let x = (p256::ProjectivePoint::GENERATOR * k).to_affine().x();
    assert_eq!(
        <p256::Scalar as Reduce<p256::FieldBytes>>::reduce(&x),
        *r,
        "k = s⁻¹(z + r·d)"
    );
    k.to_bytes().into()
}

/// Times `signer.sign` on the messages of the two classes, each copied into one scratch
/// buffer first.
fn messages(
    runner: &mut CtRunner,
    rng: &mut BenchRng,
    signer: &SigningKey,
    classes: &[Vec<[u8; 32]>; 2],
) {
    let mut scratch = [0u8; 32];
    run(runner, rng, VARIANTS, |runner, class, variant| {
        scratch = classes[class_index(class)][variant];
        runner.run_one(class, || signer.sign(&scratch));
    });
}

fn ecdsa_sign_short_vs_long_nonce(runner: &mut CtRunner, rng: &mut BenchRng) {
    use p256::pkcs8::DecodePrivateKey;
    let raw = p256::ecdsa::SigningKey::from_pkcs8_pem(keys::P256_PRIVATE).expect("P-256 key");
    let signer = signer();
    let mut classes: [Vec<[u8; 32]>; 2] = [Vec::new(), Vec::new()];
    while classes.iter().any(|class| class.len() < VARIANTS) {
        let message: [u8; 32] = rng.random();
        let signature = signer.sign(&message).expect("signs");
        let class = match nonce(&raw, &message, &signature)[0] {
            0 => &mut classes[0],
            top if top & 0x80 != 0 => &mut classes[1],
            _ => continue,
        };
        if class.len() < VARIANTS {
            class.push(message);
        }
    }
    messages(runner, rng, &signer, &classes);
}

fn ecdsa_sign_small_vs_large_key(runner: &mut CtRunner, rng: &mut BenchRng) {
    let mut small = [0u8; 32];
    small[16..].copy_from_slice(&rng.random::<[u8; 16]>());
    let mut large: [u8; 32] = rng.random();
    // Top bit set, and below the group order n = ffffffff 00000000 ...: the first byte 0xf0.
    large[0] = 0xf0;
    let keys = [small, large].map(|d| {
        SigningKey::ec(EcPrivateKey::from_bytes(EcCurve::P256, &d).expect("a scalar below n"))
    });
    let messages: Vec<[u8; 32]> = (0..VARIANTS).map(|_| rng.random()).collect();
    let mut slot = keys[0].clone();
    let mut scratch = [0u8; 32];
    run(runner, rng, VARIANTS, |runner, class, variant| {
        slot.clone_from(&keys[class_index(class)]);
        scratch = messages[variant];
        runner.run_one(class, || slot.sign(&scratch));
    });
}

fn ecdsa_control_same_inputs(runner: &mut CtRunner, rng: &mut BenchRng) {
    let same: Vec<[u8; 32]> = (0..VARIANTS).map(|_| rng.random()).collect();
    messages(runner, rng, &signer(), &[same.clone(), same]);
}

fn main() {
    dudect::main(
        200_000,
        &[
            (
                "ecdsa_sign_short_vs_long_nonce",
                ecdsa_sign_short_vs_long_nonce,
            ),
            (
                "ecdsa_sign_small_vs_large_key",
                ecdsa_sign_small_vs_large_key,
            ),
            ("ecdsa_control_same_inputs", ecdsa_control_same_inputs),
        ],
    );
}
