//! Strict base64url without padding (RFC 7515 section 2): URL alphabet only, no `=`, and
//! canonical trailing bits, so that every byte string has exactly one accepted encoding.
//!
//! Two implementations of the same strict encoding. Key material (JWK members) goes through
//! `base64ct`, whose running time does not depend on the bytes. Token segments go through the
//! table-driven [`decode_into`] and [`Compact`] here, about four times faster: their bytes
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
    // Eight characters make six bytes, written at once; a last group of four makes three.
    // An invalid character sets `INVALID_BIT` of its quad, or a bit above 0x3f of its sextet:
    // both are checked once, at the end.
    let mut octets = text.chunks_exact(8);
    let mut sextets_out = out.get_mut(..len)?.chunks_exact_mut(6);
    let mut invalid_quads = 0u32;
    for (octet, bytes) in (&mut octets).zip(&mut sextets_out) {
        if let ([a, b, c, d, e, f, g, h], [_, _, _, _, _, _]) = (octet, &mut *bytes) {
            let high = quad_bits(*a, *b, *c, *d);
            let low = quad_bits(*e, *f, *g, *h);
            invalid_quads |= high | low;
            let n = u64::from(high) << 24 | u64::from(low & 0x00ff_ffff);
            let [_, _, six @ ..] = n.to_be_bytes();
            bytes.copy_from_slice(&six);
        }
    }
    let mut quads = octets.remainder().chunks_exact(4);
    let mut triples = sextets_out.into_remainder().chunks_exact_mut(3);
    let mut invalid = 0u8;
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

/// The two base64url characters of each 12-bit value as a little-endian `u16`: the character
/// for the high six bits in the low byte, which comes first in memory.
#[allow(
    clippy::indexing_slicing,
    reason = "evaluated at compile time: an index out of range fails the build"
)]
static PAIRS: [u16; 4096] = {
    let mut pairs = [0; 4096];
    let mut i = 0;
    while i < pairs.len() {
        pairs[i] = u16::from_le_bytes([ALPHABET[i >> 6], ALPHABET[i & 0x3f]]);
        i += 1;
    }
    pairs
};

/// The two characters for the low 12 bits of `n`, as in [`PAIRS`].
#[allow(clippy::indexing_slicing, reason = "12 bits index a 4096-entry table")]
fn pair(n: u64) -> u64 {
    u64::from(PAIRS[(n & 0xfff) as usize])
}

/// The four characters for the 3 bytes `a`, `b`, `c`, as little-endian bytes of the result.
fn quad(a: u8, b: u8, c: u8) -> u64 {
    let n = u64::from(a) << 16 | u64::from(b) << 8 | u64::from(c);
    pair(n >> 12) | pair(n) << 16
}

/// Encodes the first `len` bytes of `buffer` into the whole of it, which is [`encoded_len`] of
/// `len` bytes long. Six bytes make eight characters, stored at once, last group first: each
/// group's characters land at or after its own bytes, so past every byte still to be read.
fn encode_in_place(buffer: &mut [u8], len: usize) {
    let whole = len / 6;
    let chars = match *buffer.get(whole * 6..len).unwrap_or_default() {
        [a] => quad(a, 0, 0),
        [a, b] => quad(a, b, 0),
        [a, b, c] => quad(a, b, c),
        [a, b, c, d] => quad(a, b, c) | quad(d, 0, 0) << 32,
        [a, b, c, d, e] => quad(a, b, c) | quad(d, e, 0) << 32,
        _ => 0,
    };
    let tail = buffer.get_mut(whole * 8..).unwrap_or_default();
    for (out, char) in tail.iter_mut().zip(chars.to_le_bytes()) {
        *out = char;
    }
    // A group's six bytes are the top of the big-endian word of the eight from its start,
    // which the buffer always holds (it is at least eight bytes per group long); the two
    // past the group are not used.
    for group in (0..whole).rev() {
        let eight = buffer.get(group * 6..group * 6 + 8).unwrap_or_default();
        let n = <[u8; 8]>::try_from(eight).map_or(0, u64::from_be_bytes);
        let chars = pair(n >> 52) | pair(n >> 40) << 16 | pair(n >> 28) << 32 | pair(n >> 16) << 48;
        if let Some(out) = buffer.get_mut(group * 8..group * 8 + 8) {
            out.copy_from_slice(&chars.to_le_bytes());
        }
    }
}

/// A compact serialization being built: base64url segments separated by dots. Nothing else
/// can go in, so its bytes are ASCII throughout. Encoding is table-driven, so its time
/// depends on the bytes: for token segments, never for key material.
#[derive(Debug)]
pub(crate) struct Compact {
    text: Vec<u8>,
    segments: usize,
}

impl Compact {
    /// Nothing yet, with room for `capacity` bytes of text.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            text: Vec::with_capacity(capacity),
            segments: 0,
        }
    }

    /// Appends a dot (unless this is the first segment) and the unpadded base64url encoding
    /// of `bytes`.
    pub(crate) fn segment(&mut self, bytes: &[u8]) {
        self.segment_from(|out| {
            out.extend_from_slice(bytes);
            true
        });
    }

    /// Appends a dot (unless this is the first segment) and the unpadded base64url encoding
    /// of the bytes that `write` appends to the text, encoded where they were written. If
    /// `write` says `false` (or took bytes away), nothing is appended, and neither is anything
    /// `write` appended.
    pub(crate) fn segment_from(&mut self, write: impl FnOnce(&mut Vec<u8>) -> bool) -> bool {
        let mark = self.text.len();
        if self.segments > 0 {
            self.text.push(b'.');
        }
        let start = self.text.len();
        let written = write(&mut self.text).then(|| self.text.len().checked_sub(start));
        let Some(Some(len)) = written else {
            self.text.truncate(mark);
            return false;
        };
        self.text.resize(start + encoded_len(len), 0);
        encode_in_place(self.text.get_mut(start..).unwrap_or_default(), len);
        self.segments += 1;
        true
    }

    /// The text so far.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.text
    }

    /// The text.
    pub(crate) fn into_string(self) -> String {
        // Only base64url characters and dots went in, so this is always `Ok`, and were it not,
        // the lossy conversion of ASCII would be the same text.
        String::from_utf8(self.text)
            .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
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
            let mut compact = Compact::with_capacity(0);
            compact.segment(b"x");
            compact.segment(&bytes);
            compact.segment(&[]);
            assert_eq!(compact.into_string(), alloc::format!("eA.{text}."));
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
    fn a_segment_taken_back_leaves_no_trace() {
        let mut compact = Compact::with_capacity(0);
        assert!(!compact.segment_from(|out| {
            out.extend_from_slice(b"dropped");
            false
        }));
        assert!(compact.segment_from(|out| {
            out.extend_from_slice(b"kept");
            true
        }));
        assert!(!compact.segment_from(|out| {
            out.push(b'x');
            false
        }));
        compact.segment(b"last");
        assert_eq!(compact.as_bytes(), b"a2VwdA.bGFzdA");
        assert!(!compact.segment_from(|out| {
            out.truncate(3);
            true
        }));
        assert_eq!(compact.into_string(), "a2V");
    }

    #[test]
    fn table_encoder_agrees_with_base64ct() {
        for len in 0..=100 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let mut compact = Compact::with_capacity(0);
            compact.segment(&bytes);
            assert_eq!(compact.as_bytes(), encode(&bytes).as_bytes());
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
