//! Timing leaks in HS256 verification, by the dudect method (`dudect-bencher`): two classes of
//! input that differ only in how they relate to the secret MAC are timed, interleaved at
//! random, and Welch's t-test compares the two distributions (whole, and cropped at 100
//! percentiles; the largest |t| is reported). |t| above 4.5 is evidence of a leak.
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
//! `--filter NAME`.

#![forbid(unsafe_code)]

use base64ct::{Base64UrlUnpadded, Encoding};
use dudect_bencher::{BenchRng, CtRunner};
use jwt_benches::dudect::{self, class_index, run};
use jwt_benches::{Alg, BenchClaims, HMAC_SECRET, token};
use jwt_core::{Algorithm, Claims, ErrorKind, HmacKey, Validation, VerifyingKey};

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
    run(runner, rng, VARIANTS, |runner, class, variant| {
        scratch.copy_from_slice(&classes[class_index(class)][variant]);
        runner.run_one(class, || {
            key.verify(Algorithm::HS256, input.as_bytes(), &scratch)
        });
    });
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
    run(runner, rng, VARIANTS, |runner, class, variant| {
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

fn main() {
    dudect::main(
        2_000_000,
        &[
            ("mac_first_vs_last_byte", mac_first_vs_last_byte),
            ("token_first_vs_last_byte", token_first_vs_last_byte),
            ("short_tag_first_vs_last_byte", short_tag_first_vs_last_byte),
            ("long_tag_first_vs_last_byte", long_tag_first_vs_last_byte),
            ("control_same_inputs", control_same_inputs),
        ],
    );
}
