//! Strict base64url without padding (RFC 7515 section 2): URL alphabet only, no `=`, and
//! canonical trailing bits, so that every byte string has exactly one accepted encoding.
//!
//! Two implementations of the same strict encoding. Key material (JWK members) goes through
//! `base64ct`, whose running time does not depend on the bytes. Token segments go through the
//! table-driven [`decode_into`] and [`encode_into`] here, about four times faster: their bytes
//! are no secret from whoever handles the token (they are sent in the clear inside TLS and
//! the client holding them can read them), the signature is compared in constant time after
//! decoding, and every peer library decodes them this way.

use alloc::string::String;
use alloc::vec::Vec;

use base64ct::{Base64UrlUnpadded, Encoding};

/// The base64url alphabet.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Not a base64url character: any value with a bit above the low six set.
const INVALID: u8 = 0xff;

/// The 6-bit value of each base64url character, [`INVALID`] for every other byte.
#[allow(
    clippy::indexing_slicing,
    reason = "evaluated at compile time: an index out of range fails the build"
)]
const VALUES: [u8; 256] = {
    let mut values = [INVALID; 256];
    let mut i = 0;
    while i < ALPHABET.len() {
        values[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    values
};

/// Set in a [`SHIFTED`] entry for a byte outside the alphabet: above the 24 bits of a quad.
const INVALID_BIT: u32 = 1 << 31;

/// The 6-bit value of each base64url character shifted left by `shift`, [`INVALID_BIT`] for
/// every other byte.
#[allow(
    clippy::indexing_slicing,
    reason = "evaluated at compile time: an index out of range fails the build"
)]
const fn shifted(shift: u32) -> [u32; 256] {
    let mut values = [INVALID_BIT; 256];
    let mut i = 0;
    while i < ALPHABET.len() {
        values[ALPHABET[i] as usize] = (i as u32) << shift;
        i += 1;
    }
    values
}

/// The values of the first to the fourth character of a quad, each in its place in the 24
/// bits the quad decodes to.
static SHIFTED: [[u32; 256]; 4] = [shifted(18), shifted(12), shifted(6), shifted(0)];

/// The 24 bits that the four characters of `quad` decode to, with [`INVALID_BIT`] set if any
/// of them is outside the alphabet.
#[allow(clippy::indexing_slicing, reason = "any u8 indexes a 256-entry table")]
fn quad_bits(a: u8, b: u8, c: u8, d: u8) -> u32 {
    let [first, second, third, fourth] = &SHIFTED;
    first[usize::from(a)] | second[usize::from(b)] | third[usize::from(c)] | fourth[usize::from(d)]
}

/// The 6-bit value of the character `x`, or [`INVALID`].
#[allow(clippy::indexing_slicing, reason = "any u8 indexes a 256-entry table")]
fn value(x: u8) -> u8 {
    VALUES[usize::from(x)]
}

/// The base64url character for the low six bits of `n`.
#[allow(
    clippy::indexing_slicing,
    reason = "six bits index a 64-entry alphabet"
)]
fn character(n: u32) -> u8 {
    ALPHABET[(n & 0x3f) as usize]
}

/// The sextets of `chars` as one number, first character most significant; values above 0x3f
/// (invalid characters) are or-ed into `invalid`.
fn sextets(chars: &[u8], invalid: &mut u8) -> u32 {
    chars.iter().fold(0, |n, x| {
        let value = value(*x);
        *invalid |= value;
        n << 6 | u32::from(value)
    })
}

/// Encodes `bytes` as unpadded base64url, in constant time (for key material).
pub(crate) fn encode(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// Decodes strict unpadded base64url, in constant time (for key material); `None` for
/// anything else.
pub(crate) fn decode(text: &str) -> Option<Vec<u8>> {
    Base64UrlUnpadded::decode_vec(text).ok()
}

/// The length of the bytes that `len` characters of unpadded base64 decode to (for a length
/// that no encoding has, what [`decode_into`] will refuse anyway).
pub(crate) fn decoded_len(len: usize) -> usize {
    len / 4 * 3 + (len % 4).saturating_sub(1)
}

/// The length of the unpadded base64 encoding of `len` bytes.
pub(crate) fn encoded_len(len: usize) -> usize {
    len / 3 * 4 + (len % 3 * 4).div_ceil(3)
}

/// Decodes strict unpadded base64url into `out`, which must hold [`decoded_len`] bytes, and
/// returns the decoded length; `None` for anything but strict base64url. Table-driven, so its
/// time depends on the text: for token segments, never for key material.
pub(crate) fn decode_into(text: &str, out: &mut [u8]) -> Option<usize> {
    let text = text.as_bytes();
    let len = decoded_len(text.len());
    let mut quads = text.chunks_exact(4);
    let mut triples = out.get_mut(..len)?.chunks_exact_mut(3);
    // A value above 0x3f marks a character outside the alphabet; checked once, at the end.
    let mut invalid = 0u8;
    let mut invalid_quads = 0u32;
    for (quad, triple) in (&mut quads).zip(&mut triples) {
        if let ([a, b, c, d], [x, y, z]) = (quad, triple) {
            let n = quad_bits(*a, *b, *c, *d);
            invalid_quads |= n;
            [_, *x, *y, *z] = n.to_be_bytes();
        }
    }
    if invalid_quads & INVALID_BIT != 0 {
        return None;
    }
    let rest = quads.remainder();
    let n = sextets(rest, &mut invalid);
    // 2 characters carry 12 bits for 1 byte, 3 carry 18 bits for 2: the spare bits must be 0.
    let spare_bits = match rest.len() {
        0 => 0,
        2 => 4,
        3 => 2,
        _ => return None,
    };
    if invalid > 0x3f || n & ((1 << spare_bits) - 1) != 0 {
        return None;
    }
    let tail = triples.into_remainder();
    let bytes = (n >> spare_bits)
        .to_be_bytes()
        .into_iter()
        .skip(4 - tail.len());
    for (out, byte) in tail.iter_mut().zip(bytes) {
        *out = byte;
    }
    Some(len)
}

/// Appends the unpadded base64url encoding of `bytes` to `out`. Table-driven, so its time
/// depends on the bytes: for token segments, never for key material.
pub(crate) fn encode_into(bytes: &[u8], out: &mut String) {
    // Whole 3-byte groups go through a stack buffer, appended as text once per chunk.
    const CHUNK: usize = 96;
    let mut buffer = [0u8; CHUNK / 3 * 4];
    out.reserve(encoded_len(bytes.len()));
    for chunk in bytes.chunks(CHUNK) {
        let mut len = 0;
        let mut groups = chunk.chunks_exact(3);
        let mut sextets = buffer.chunks_exact_mut(4);
        for (group, quad) in (&mut groups).zip(&mut sextets) {
            encode_group(group, quad);
            len += 4;
        }
        let rest = groups.remainder();
        if let Some(quad) = sextets.next().filter(|_| !rest.is_empty()) {
            encode_group(rest, quad);
            len += rest.len() + 1;
        }
        // Every byte written is an ASCII letter, digit, `-` or `_`.
        if let Some(Ok(text)) = buffer.get(..len).map(core::str::from_utf8) {
            out.push_str(text);
        }
    }
}

/// Encodes 1 to 3 bytes into the first 2 to 4 places of `out` (zero bits fill the last
/// sextet).
fn encode_group(group: &[u8], out: &mut [u8]) {
    let (a, b, c) = match *group {
        [a] => (a, 0, 0),
        [a, b] => (a, b, 0),
        [a, b, c, ..] => (a, b, c),
        [] => return,
    };
    let n = u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c);
    if let [w, x, y, z] = out {
        *w = character(n >> 18);
        *x = character(n >> 12);
        *y = character(n >> 6);
        *z = character(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_remainder() {
        for len in 0..=6 {
            let bytes: Vec<u8> = (0..len).map(|i| 0xf0 ^ i).collect();
            assert_eq!(decode(&encode(&bytes)), Some(bytes));
        }
    }

    #[test]
    fn lengths_and_appending_match_the_whole_encoding() {
        for len in 0..=200 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7) as u8).collect();
            let text = encode(&bytes);
            assert_eq!(encoded_len(len), text.len());
            assert_eq!(decoded_len(text.len()), len);
            let mut appended = String::from("x.");
            encode_into(&bytes, &mut appended);
            assert_eq!(appended, alloc::format!("x.{text}"));
            let mut out = alloc::vec![0; decoded_len(text.len())];
            assert_eq!(decode_into(&text, &mut out), Some(len));
            assert_eq!(out, bytes);
        }
    }

    /// The table-driven decoder against `base64ct`: the same verdict and bytes.
    fn assert_decoders_agree(text: &str) {
        let mut out = alloc::vec![0; decoded_len(text.len())];
        let fast = decode_into(text, &mut out).map(|len| out[..len].to_vec());
        assert_eq!(fast, decode(text), "{text:?}");
    }

    #[test]
    fn table_decoder_agrees_with_base64ct_on_every_text_of_up_to_three_characters() {
        let chars: Vec<char> = ALPHABET
            .iter()
            .map(|&x| char::from(x))
            .chain(['=', '+', '/', '.', ' ', '\0', 'é'])
            .collect();
        let mut text = String::new();
        for a in &chars {
            for b in &chars {
                for c in &chars {
                    text.clear();
                    text.extend([*a, *b, *c]);
                    assert_decoders_agree(&text);
                    assert_decoders_agree(&text[..text.len() - c.len_utf8()]);
                }
            }
        }
    }

    #[test]
    fn table_decoder_agrees_with_base64ct_on_long_texts() {
        // A fixed pseudo-random walk: mostly alphabet, now and then a character outside it.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = usize::try_from(next() % 64).unwrap();
            let text: String = (0..len)
                .map(|_| match next() % 200 {
                    0 => '=',
                    1 => '+',
                    r => char::from(ALPHABET[usize::try_from(r % 64).unwrap()]),
                })
                .collect();
            assert_decoders_agree(&text);
        }
    }

    #[test]
    fn table_encoder_agrees_with_base64ct() {
        for len in 0..=100 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let mut text = String::new();
            encode_into(&bytes, &mut text);
            assert_eq!(text, encode(&bytes));
        }
    }

    #[test]
    fn rejects_padding_other_alphabets_and_whitespace() {
        for bad in ["QQ==", "QUI=", "+/8", "ab/c", "QU I", "QUI\n", "QQ=", "Q"] {
            assert_eq!(decode(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn rejects_non_canonical_trailing_bits() {
        // "QQ" is the canonical encoding of "A"; "QR" decodes to the same byte with a set
        // unused bit, and must be refused.
        assert_eq!(decode("QQ"), Some(b"A".to_vec()));
        assert_eq!(decode("QR"), None);
        assert_eq!(decode("QUI"), Some(b"AB".to_vec()));
        assert_eq!(decode("QUJ"), None);
    }
}
