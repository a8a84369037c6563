//! Sign a token built from arbitrary claims and header with a fixed key, then mutate it.
//!
//! Unmutated, it verifies to exactly what was signed. Mutated into any other string (a byte
//! replaced, inserted or deleted in one segment, a segment re-encoded with padding, the
//! standard alphabet, other JSON formatting or other bytes, a signature malleated by adding
//! the group order, an ECDSA signature in DER), it is refused.

#![no_main]

use std::sync::LazyLock;

use arbitrary::Arbitrary;
use jwt_core::{Algorithm, Claims, KeyFamily};
use jwt_core_fuzz::{Signed, base64url, base64url_encode, ecdsa_der, signer};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary, Clone, Copy)]
enum Segment {
    Header,
    Payload,
    Signature,
}

#[derive(Debug, Arbitrary)]
enum Mutation {
    None,
    Replace {
        segment: Segment,
        at: usize,
        byte: u8,
    },
    Insert {
        segment: Segment,
        at: usize,
        byte: u8,
    },
    Delete {
        segment: Segment,
        at: usize,
        len: u8,
    },
    Reencode {
        segment: Segment,
        as_: Reencoding,
    },
    /// The signature plus the RSA modulus or the Ed25519 group order (the same value modulo
    /// the group), or an ECDSA signature re-encoded in DER: forms a lax verifier accepts and a
    /// strict one refuses.
    Malleate,
}

#[derive(Debug, Arbitrary)]
enum Reencoding {
    /// Base64url with `=` padding.
    Padded,
    /// The standard alphabet (`+`, `/`).
    Standard,
    /// A set unused trailing bit (non-canonical base64url).
    TrailingBits,
    /// The same JSON with whitespace between tokens.
    Spaced,
    /// Other bytes altogether.
    Bytes(Vec<u8>),
}

#[derive(Debug, Arbitrary)]
struct Input {
    signed: Signed,
    mutation: Mutation,
}

fuzz_target!(|input: Input| {
    let (token, _) = input.signed.sign_and_verify();
    let Input {
        signed: Signed {
            algorithm, claims, ..
        },
        mutation,
    } = input;
    let key = signer(algorithm);
    let validation = claims.validation(algorithm);

    let Some(mutated) = mutate(&token, algorithm, mutation) else {
        return;
    };
    if mutated == token.as_bytes() {
        return;
    }
    let result = jwt_core::decode::<Claims>(&mutated, &key.verifying_key(), &validation);
    assert!(
        result.is_err(),
        "accepted a mutated token\n  signed:  {token}\n  mutated: {}",
        String::from_utf8_lossy(&mutated)
    );
});

fn mutate(token: &str, algorithm: Algorithm, mutation: Mutation) -> Option<Vec<u8>> {
    let mut segments: Vec<Vec<u8>> = token.split('.').map(|s| s.as_bytes().to_vec()).collect();
    let index = |segment: Segment| segment as usize;
    match mutation {
        Mutation::None => return None,
        Mutation::Replace { segment, at, byte } => {
            let bytes = &mut segments[index(segment)];
            if bytes.is_empty() {
                return None;
            }
            let at = at % bytes.len();
            bytes[at] = byte;
        }
        Mutation::Insert { segment, at, byte } => {
            let bytes = &mut segments[index(segment)];
            let at = at % (bytes.len() + 1);
            bytes.insert(at, byte);
        }
        Mutation::Delete { segment, at, len } => {
            let bytes = &mut segments[index(segment)];
            if bytes.is_empty() {
                return None;
            }
            let at = at % bytes.len();
            let end = bytes.len().min(at + usize::from(len).max(1));
            bytes.drain(at..end);
        }
        Mutation::Reencode { segment, as_ } => {
            let bytes = &mut segments[index(segment)];
            let text = std::str::from_utf8(bytes).ok()?;
            let decoded = base64url(text).expect("the signer writes canonical base64url");
            *bytes = match as_ {
                Reencoding::Padded => {
                    let mut padded = text.as_bytes().to_vec();
                    padded.resize(text.len().div_ceil(4) * 4, b'=');
                    padded
                }
                Reencoding::Standard => text
                    .bytes()
                    .map(|b| match b {
                        b'-' => b'+',
                        b'_' => b'/',
                        other => other,
                    })
                    .collect(),
                Reencoding::TrailingBits => {
                    let mut out = text.as_bytes().to_vec();
                    // One or two characters short of a full quantum have 4 or 2 unused bits.
                    let unused = match text.len() % 4 {
                        2 => 0b1111,
                        3 => 0b11,
                        _ => return None,
                    };
                    let last = out.last_mut()?;
                    let position = ALPHABET.iter().position(|c| c == last)?;
                    *last = ALPHABET[position | unused];
                    out
                }
                Reencoding::Spaced => {
                    let value: serde_json::Value = serde_json::from_slice(&decoded).ok()?;
                    base64url_encode(serde_json::to_string_pretty(&value).ok()?.as_bytes())
                        .into_bytes()
                }
                Reencoding::Bytes(other) => base64url_encode(&other).into_bytes(),
            };
        }
        Mutation::Malleate => {
            let text = std::str::from_utf8(&segments[2]).ok()?;
            let signature = base64url(text)?;
            let malleated = match algorithm.family() {
                KeyFamily::Rsa => add_big_endian(&signature, &RSA_MODULUS)?,
                KeyFamily::Ec => ecdsa_der(&signature),
                KeyFamily::Ed25519 => {
                    let (r, s) = signature.split_at(32);
                    let mut s_be: Vec<u8> = s.iter().rev().copied().collect();
                    s_be = add_big_endian(&s_be, &ED25519_ORDER_BE)?;
                    [r, &s_be.into_iter().rev().collect::<Vec<u8>>()].concat()
                }
                _ => return None,
            };
            segments[2] = base64url_encode(&malleated).into_bytes();
        }
    }
    Some(segments.join(&b'.'))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The Ed25519 group order L = 2^252 + 27742317777372353535851937790883648493, big-endian.
const ED25519_ORDER_BE: [u8; 32] = [
    0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x14, 0xde, 0xf9, 0xde, 0xa2, 0xf7, 0x9c, 0xd6, 0x58, 0x12, 0x63, 0x1a, 0x5c, 0xf5, 0xd3, 0xed,
];

static RSA_MODULUS: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let jwk = signer(Algorithm::RS256)
        .to_public_jwk()
        .expect("an RSA key has a public JWK");
    let n = jwk
        .get("n")
        .and_then(|n| n.as_str())
        .expect("n is a string");
    base64url(n).expect("n is base64url")
});

/// `a + b` for big-endian numbers of the same length, or `None` if the sum needs one more
/// byte (then it is not a valid-length signature anyway).
fn add_big_endian(a: &[u8], b: &[u8]) -> Option<Vec<u8>> {
    if a.len() != b.len() {
        return None;
    }
    let mut out = vec![0; a.len()];
    let mut carry = 0u16;
    for i in (0..a.len()).rev() {
        let sum = u16::from(a[i]) + u16::from(b[i]) + carry;
        out[i] = sum as u8;
        carry = sum >> 8;
    }
    (carry == 0).then_some(out)
}
