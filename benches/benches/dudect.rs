//! Timing leaks in HS256 verification and ES256 signing, by the dudect method
//! (`dudect-bencher`): two classes of input that differ only in how they relate to a secret are
//! timed, interleaved at random, and Welch's t-test compares the two distributions (whole, and
//! cropped at 100 percentiles; the largest |t| is reported). |t| above 4.5 is evidence of a
//! leak.
//!
//! What is secret in HS256 verification is the MAC of the attacker's signing input: an
//! attacker who can tell how much of a guessed tag is right can forge one byte at a time. So
//! the classes differ in where a wrong tag departs from the right one:
//!
//! - `mac_first_vs_last_byte`: the signature layer (`VerifyingKey::verify`) with a 32-byte tag
//!   wrong in its first byte (left) or only in its last byte (right).
//! - `token_first_vs_last_byte`: the same through the whole token path (`jwt_core::decode`:
//!   split, base64url, header, key checks, MAC), so that nothing on the way adds a leak.
//! - `short_tag_first_vs_last_byte`, `long_tag_first_vs_last_byte`: the early rejection of a
//!   tag of the wrong length (31 or 33 bytes, the right MAC cut short or extended by a zero
//!   byte), which returns before the comparison, with the tag wrong in its first byte or in
//!   its last MAC byte: a length check that peeked at the content would tell them apart.
//! - `control_same_inputs`: both classes are the same tags, so any |t| here is the noise floor
//!   of the machine and of the method. On a shared virtual machine it is far above 4.5 in
//!   some runs; read the other tests against it.
//!
//! What is secret in ECDSA signing is the private scalar d and each signature's nonce k (RFC
//! 6979 derives k from d and the message; k reveals d). The `p256` crate claims constant-time
//! signing; these test that claim through jwt-core's signature layer (`SigningKey::sign`):
//!
//! - `ecdsa_sign_short_vs_long_nonce`: ES256 signatures of messages whose nonce k has its top
//!   byte zero (left) or its top bit set (right). A scalar multiplication or inversion whose
//!   time follows k's length (the Minerva attacks, CVE-2019-15809, TPM-FAIL) tells them apart,
//!   and a few hundred such signatures give the key away. k is recomputed here from each
//!   signature (k = s⁻¹(z + r·d)) to sort the messages into classes.
//! - `ecdsa_sign_small_vs_large_key`: ES256 signatures of the same messages with a private
//!   scalar whose top 128 bits are zero (left) or whose top bit is set (right), each key copied
//!   into one slot before it is timed.
//!
//! The ECDSA tests take a tenth of `--samples` (a signature costs some 20 times an HS256
//! verification); leaks of the size those attacks exploit are microseconds.
//!
//! Every input is copied into one scratch buffer before it is timed, so that the classes
//! differ in content only, never in address, alignment or cache state.
//!
//! Other early rejections in front of the MAC read only public data: the token's size and
//! structure, its base64url (SIMD or table-driven: its time depends on the attacker's characters
//! only), the header, and the key's length against the algorithm (a property of the key, the
//! same for every token). A wrong-length tag is refused faster than a right-length one, which
//! reveals only the length the attacker chose.
//!
//! Options: `--samples N` per test (default 2,000,000, both classes together),
//! `--filter NAME`. `cargo bench` adds `--bench`, which is ignored.

#![forbid(unsafe_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

use base64ct::{Base64UrlUnpadded, Encoding};
use dudect_bencher::ctbench::{BenchMetadata, BenchName, BenchOpts, run_benches_console};
use dudect_bencher::rand::RngExt;
use dudect_bencher::{BenchRng, Class, CtRunner};
use jwt_benches::{Alg, BenchClaims, HMAC_SECRET, keys, token};
use jwt_core::{
    Algorithm, Claims, EcCurve, EcPrivateKey, ErrorKind, HmacKey, SigningKey, Validation,
    VerifyingKey,
};

static SAMPLES: AtomicUsize = AtomicUsize::new(2_000_000);

/// Each class has 255 variants (the wrong byte XORed with 1 to 255), drawn at random per sample.
const VARIANTS: usize = 255;

fn key() -> VerifyingKey {
    VerifyingKey::from(HmacKey::new(HMAC_SECRET).expect("valid secret"))
}

fn validation() -> Validation {
    Validation::new(Algorithm::HS256)
        .issuer(jwt_benches::ISSUER)
        .audience(jwt_benches::AUDIENCE)
}

/// The signing input and the right MAC of the benchmark token.
fn signed() -> (String, Vec<u8>) {
    let token = token(Alg::Hs256, &BenchClaims::standard());
    let (input, signature) = token.rsplit_once('.').expect("three segments");
    let tag = Base64UrlUnpadded::decode_vec(signature).expect("base64url");
    (input.to_owned(), tag)
}

/// `tag` with byte `at` XORed with `flip`.
fn flipped(tag: &[u8], at: usize, flip: usize) -> Vec<u8> {
    let mut tag = tag.to_vec();
    tag[at] ^= u8::try_from(flip).expect("a byte");
    tag
}

/// Runs `measure` on `SAMPLES` inputs, each of a random class and a random variant.
fn run(
    runner: &mut CtRunner,
    rng: &mut BenchRng,
    measure: impl FnMut(&mut CtRunner, Class, usize),
) {
    run_samples(
        runner,
        rng,
        SAMPLES.load(Ordering::Relaxed),
        VARIANTS,
        measure,
    );
}

/// Runs `measure` on `samples` inputs, each of a random class and one of `variants`.
fn run_samples(
    runner: &mut CtRunner,
    rng: &mut BenchRng,
    samples: usize,
    variants: usize,
    mut measure: impl FnMut(&mut CtRunner, Class, usize),
) {
    let draws: Vec<(Class, usize)> = (0..samples)
        .map(|_| {
            let class = if rng.random::<bool>() {
                Class::Left
            } else {
                Class::Right
            };
            (class, rng.random_range(0..variants))
        })
        .collect();
    for (class, variant) in draws {
        measure(runner, class, variant);
    }
}

/// Tags of both classes, 255 each: wrong at byte `left_at` or at byte `right_at`.
fn tag_classes(tag: &[u8], left_at: usize, right_at: usize) -> [Vec<Vec<u8>>; 2] {
    [left_at, right_at].map(|at| (1..=VARIANTS).map(|flip| flipped(tag, at, flip)).collect())
}

fn mac_first_vs_last_byte(runner: &mut CtRunner, rng: &mut BenchRng) {
    let (_, tag) = signed();
    macs(runner, rng, tag_classes(&tag, 0, tag.len() - 1));
}

/// The control: both classes draw from the same tags (wrong in the first byte), so any |t|
/// here is the noise of the machine and of the method, not of jwt-core.
fn control_same_inputs(runner: &mut CtRunner, rng: &mut BenchRng) {
    let (_, tag) = signed();
    macs(runner, rng, tag_classes(&tag, 0, 0));
}

/// Times `VerifyingKey::verify` on the tags of the two classes. Each tag is copied into one
/// scratch buffer before it is timed, so that the classes differ in nothing but content: not
/// in alignment, not in where they sit in memory, not in what the cache holds.
fn macs(runner: &mut CtRunner, rng: &mut BenchRng, classes: [Vec<Vec<u8>>; 2]) {
    let key = key();
    let (input, _) = signed();
    for tag in classes.iter().flatten() {
        let refused = key.verify(Algorithm::HS256, input.as_bytes(), tag);
        assert_eq!(
            refused.map_err(|err| err.kind()),
            Err(ErrorKind::InvalidSignature)
        );
    }
    let mut scratch = vec![0; classes[0][0].len()];
    run(runner, rng, |runner, class, variant| {
        scratch.copy_from_slice(&classes[class_index(class)][variant]);
        runner.run_one(class, || {
            key.verify(Algorithm::HS256, input.as_bytes(), &scratch)
        });
    });
}

fn class_index(class: Class) -> usize {
    usize::from(matches!(class, Class::Right))
}

/// Times `jwt_core::decode` on tokens carrying the tags of the two classes, each copied into
/// one scratch string before it is timed (as in [`macs`]).
fn tokens(runner: &mut CtRunner, rng: &mut BenchRng, classes: [Vec<Vec<u8>>; 2]) {
    let key = key();
    let validation = validation();
    let (input, _) = signed();
    let classes = classes.map(|tags| {
        tags.iter()
            .map(|tag| format!("{input}.{}", Base64UrlUnpadded::encode_string(tag)))
            .collect::<Vec<_>>()
    });
    for token in classes.iter().flatten() {
        let refused = jwt_core::decode::<Claims>(token, &key, &validation);
        assert_eq!(
            refused.map_err(|err| err.kind()).err(),
            Some(ErrorKind::InvalidSignature)
        );
    }
    let mut scratch = String::with_capacity(classes[0][0].len());
    run(runner, rng, |runner, class, variant| {
        scratch.clear();
        scratch.push_str(&classes[class_index(class)][variant]);
        runner.run_one(class, || {
            jwt_core::decode::<Claims>(&scratch, &key, &validation)
        });
    });
}

fn token_first_vs_last_byte(runner: &mut CtRunner, rng: &mut BenchRng) {
    let (_, tag) = signed();
    tokens(runner, rng, tag_classes(&tag, 0, tag.len() - 1));
}

fn short_tag_first_vs_last_byte(runner: &mut CtRunner, rng: &mut BenchRng) {
    let (_, tag) = signed();
    let short = &tag[..tag.len() - 1];
    tokens(runner, rng, tag_classes(short, 0, short.len() - 1));
}

fn long_tag_first_vs_last_byte(runner: &mut CtRunner, rng: &mut BenchRng) {
    let (_, mut tag) = signed();
    tag.push(0);
    tokens(runner, rng, tag_classes(&tag, 0, tag.len() - 2));
}

/// Messages per class in the ECDSA tests.
const ECDSA_VARIANTS: usize = 64;

/// The nonce k of the ES256 signature `signature` of `message` under `key`: s⁻¹(z + r·d).
fn nonce(key: &p256::ecdsa::SigningKey, message: &[u8], signature: &[u8]) -> [u8; 32] {
    use p256::elliptic_curve::ops::Reduce;
    use sha2::Digest;
    let signature = p256::ecdsa::Signature::from_slice(signature).expect("r || s");
    let (r, s) = signature.split_scalars();
    let z = <p256::Scalar as Reduce<p256::FieldBytes>>::reduce(&sha2::Sha256::digest(message));
    let d = key.as_nonzero_scalar();
    let s_inverse: p256::Scalar = Option::from(s.invert()).expect("s is not zero");
    let k = (z + *r * **d) * s_inverse;
    // R = k·G, and r is R's x coordinate reduced modulo n: the nonce is the one that signed.
    use p256::elliptic_curve::point::AffineCoordinates;
    let x = (p256::ProjectivePoint::GENERATOR * k).to_affine().x();
    assert_eq!(
        <p256::Scalar as Reduce<p256::FieldBytes>>::reduce(&x),
        *r,
        "k = s⁻¹(z + r·d)"
    );
    k.to_bytes().into()
}

/// Times `signer.sign` on the messages of the two classes, each copied into one scratch buffer
/// first (as in [`macs`]).
fn ecdsa_messages(
    runner: &mut CtRunner,
    rng: &mut BenchRng,
    signer: &SigningKey,
    classes: &[Vec<[u8; 32]>; 2],
) {
    let samples = SAMPLES.load(Ordering::Relaxed) / 10;
    let mut scratch = [0u8; 32];
    run_samples(
        runner,
        rng,
        samples,
        ECDSA_VARIANTS,
        |runner, class, variant| {
            scratch = classes[class_index(class)][variant];
            runner.run_one(class, || signer.sign(&scratch));
        },
    );
}

fn ecdsa_sign_short_vs_long_nonce(runner: &mut CtRunner, rng: &mut BenchRng) {
    use p256::pkcs8::DecodePrivateKey;
    let raw = p256::ecdsa::SigningKey::from_pkcs8_pem(keys::P256_PRIVATE).expect("P-256 key");
    let signer = SigningKey::from_pem(Algorithm::ES256, keys::P256_PRIVATE).expect("P-256 key");
    let mut classes: [Vec<[u8; 32]>; 2] = [Vec::new(), Vec::new()];
    while classes.iter().any(|class| class.len() < ECDSA_VARIANTS) {
        let message: [u8; 32] = rng.random();
        let signature = signer.sign(&message).expect("signs");
        let k = nonce(&raw, &message, &signature);
        let class = match k[0] {
            0 => &mut classes[0],
            top if top & 0x80 != 0 => &mut classes[1],
            _ => continue,
        };
        if class.len() < ECDSA_VARIANTS {
            class.push(message);
        }
    }
    ecdsa_messages(runner, rng, &signer, &classes);
}

fn ecdsa_sign_small_vs_large_key(runner: &mut CtRunner, rng: &mut BenchRng) {
    let mut small = [0u8; 32];
    small[16..].copy_from_slice(&rng.random::<[u8; 16]>());
    let mut large: [u8; 32] = rng.random();
    // Top bit set, and below the group order n = ffffffff00000000...: a second byte under 0xff.
    large[0] = 0xf0;
    let keys = [small, large].map(|d| {
        SigningKey::ec(EcPrivateKey::from_bytes(EcCurve::P256, &d).expect("a scalar below n"))
    });
    let messages: Vec<[u8; 32]> = (0..ECDSA_VARIANTS).map(|_| rng.random()).collect();
    let samples = SAMPLES.load(Ordering::Relaxed) / 10;
    let mut slot = keys[0].clone();
    let mut scratch = [0u8; 32];
    run_samples(
        runner,
        rng,
        samples,
        ECDSA_VARIANTS,
        |runner, class, variant| {
            slot.clone_from(&keys[class_index(class)]);
            scratch = messages[variant];
            runner.run_one(class, || slot.sign(&scratch));
        },
    );
}

fn main() {
    let mut opts = BenchOpts::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--samples" => {
                let samples = args.next().and_then(|n| n.parse().ok());
                SAMPLES.store(samples.expect("--samples N"), Ordering::Relaxed);
            }
            "--filter" => opts.filter = args.next(),
            _ => {}
        }
    }
    let benches = [
        (
            "mac_first_vs_last_byte",
            mac_first_vs_last_byte as fn(&mut CtRunner, &mut BenchRng),
        ),
        ("token_first_vs_last_byte", token_first_vs_last_byte),
        ("short_tag_first_vs_last_byte", short_tag_first_vs_last_byte),
        ("long_tag_first_vs_last_byte", long_tag_first_vs_last_byte),
        ("control_same_inputs", control_same_inputs),
        (
            "ecdsa_sign_short_vs_long_nonce",
            ecdsa_sign_short_vs_long_nonce,
        ),
        (
            "ecdsa_sign_small_vs_large_key",
            ecdsa_sign_small_vs_large_key,
        ),
    ]
    .into_iter()
    .map(|(name, benchfn)| BenchMetadata {
        name: BenchName(name),
        seed: None,
        benchfn,
    })
    .collect();
    println!("samples per test: {}", SAMPLES.load(Ordering::Relaxed));
    println!(
        "samples per ECDSA test: {}",
        SAMPLES.load(Ordering::Relaxed) / 10
    );
    run_benches_console(opts, benches).expect("writes to stdout");
}
