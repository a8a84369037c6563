//! Strict base64url without padding (RFC 7515 section 2): URL alphabet only, no `=`, and
//! canonical trailing bits, so that every byte string has exactly one accepted encoding.
//!
//! Two implementations of the same strict encoding. Key material (JWK members) goes through
//! `base64ct`, whose running time does not depend on the bytes. Token segments go through
//! `base64-simd` ([`decode_into`] and [`Compact`]), with AVX2, SSSE3, NEON or WebAssembly
//! SIMD where the CPU has it and a lookup table elsewhere, several times faster: their bytes
//! are no secret from whoever handles the token (they are sent in the clear inside TLS and
//! the client holding them can read them), the signature is compared in constant time after
//! decoding, and every peer library decodes them with lookup tables too.

use alloc::string::String;
use alloc::vec::Vec;

use base64_simd::{Out, URL_SAFE_NO_PAD};
use base64ct::{Base64UrlUnpadded, Encoding};

/// The base64url alphabet.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The unpadded base64url encoding of `bytes`, at compile time, for the segments most tokens
/// share; `N` must be [`encoded_len`] of their length.
#[allow(
    clippy::indexing_slicing,
    reason = "evaluated at compile time: an index out of range fails the build"
)]
pub(crate) const fn encode_const<const N: usize>(bytes: &[u8]) -> [u8; N] {
    assert!(N == encoded_len(bytes.len()), "N is not the encoded length");
    let mut chars = [0; N];
    let mut i = 0;
    while i < N {
        // Character `i` holds bits 6i to 6i + 5 of the bytes, first bit most significant.
        let bit = i * 6;
        let high = (bytes[bit / 8] as u32) << 8;
        let low = if bit / 8 + 1 < bytes.len() {
            bytes[bit / 8 + 1] as u32
        } else {
            0
        };
        let sextet = ((high | low) >> (10 - bit % 8)) & 0x3f;
        chars[i] = ALPHABET[sextet as usize];
        i += 1;
    }
    chars
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
pub(crate) const fn encoded_len(len: usize) -> usize {
    len / 3 * 4 + (len % 3 * 4).div_ceil(3)
}

/// Decodes strict unpadded base64url into `out` (initialised or not), which must hold
/// [`decoded_len`] bytes, and returns the decoded bytes; `None` for anything but strict
/// base64url. SIMD where the CPU has it; its time depends on the text: for token segments,
/// never for key material.
pub(crate) fn decode_into<'o>(text: &[u8], out: Out<'o, [u8]>) -> Option<&'o mut [u8]> {
    if out.len() < decoded_len(text.len()) {
        return None;
    }
    URL_SAFE_NO_PAD.decode(text, out).ok()
}

/// The unpadded base64url encoding of `bytes`, for a token segment (its time depends on the
/// bytes).
pub(crate) fn segment_text(bytes: &[u8]) -> Vec<u8> {
    let mut text = Vec::with_capacity(encoded_len(bytes.len()));
    URL_SAFE_NO_PAD.encode_append(bytes, &mut text);
    text
}

/// A compact serialization being built: base64url segments separated by dots. Nothing else
/// can go in, so its bytes are ASCII throughout. Encoding takes time that depends on the
/// bytes: for token segments, never for key material.
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
        if self.segments > 0 {
            self.text.push(b'.');
        }
        URL_SAFE_NO_PAD.encode_append(bytes, &mut self.text);
        self.segments += 1;
    }

    /// Appends a dot (unless this is the first segment) and `text`, already base64url.
    pub(crate) fn encoded_segment(&mut self, text: &[u8]) {
        if self.segments > 0 {
            self.text.push(b'.');
        }
        self.text.extend_from_slice(text);
        self.segments += 1;
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
        // The encoding goes after the bytes, then takes their place.
        let end = start + len;
        self.text.resize(end + encoded_len(len), 0);
        let (written, out) = self.text.split_at_mut(end);
        let Some((_, bytes)) = written.split_at_checked(start) else {
            self.text.truncate(mark);
            return false;
        };
        // Written into `out`, which the returned slice is.
        let _ = URL_SAFE_NO_PAD.encode(bytes, Out::from_slice(out));
        self.text.copy_within(end.., start);
        self.text.truncate(start + encoded_len(len));
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
            let decoded = decode_into(text.as_bytes(), Out::from_slice(&mut out));
            assert_eq!(decoded.as_deref(), Some(&bytes[..]));
            let mut uninit = alloc::vec![core::mem::MaybeUninit::uninit(); len];
            let decoded = decode_into(text.as_bytes(), Out::from_uninit_slice(&mut uninit));
            assert_eq!(decoded.as_deref(), Some(&bytes[..]));
            // Room for one byte less is refused (when there is a byte).
            let short = Out::from_slice(&mut out[..len.saturating_sub(1)]);
            assert_eq!(decode_into(text.as_bytes(), short).is_some(), len == 0);
        }
    }

    /// The token segments' decoder against `base64ct`: the same verdict and bytes.
    fn assert_decoders_agree(text: &str) {
        let mut out = alloc::vec![0; decoded_len(text.len())];
        let fast =
            decode_into(text.as_bytes(), Out::from_slice(&mut out)).map(|bytes| bytes.to_vec());
        assert_eq!(fast, decode(text), "{text:?}");
    }

    #[test]
    fn segment_decoder_agrees_with_base64ct_on_every_text_of_up_to_three_characters() {
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
    fn segment_decoder_agrees_with_base64ct_on_long_texts() {
        // A fixed pseudo-random walk: mostly alphabet, now and then a character outside it;
        // long enough for several SIMD blocks and a tail.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = usize::try_from(next() % 200).unwrap();
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

    /// [`encode_const`] (run here at run time) of the first `len` bytes against `base64ct`.
    fn const_encoding_agrees<const N: usize>(len: usize) {
        let bytes = &b"\x00\xff\x10{\"alg\":\"HS256\"}\xfe"[..len];
        assert_eq!(
            encode_const::<N>(bytes),
            encode(bytes).as_bytes(),
            "{len} bytes"
        );
    }

    #[test]
    fn compile_time_encoding_agrees_with_base64ct() {
        const_encoding_agrees::<0>(0);
        const_encoding_agrees::<2>(1);
        const_encoding_agrees::<3>(2);
        const_encoding_agrees::<4>(3);
        const_encoding_agrees::<6>(4);
        const_encoding_agrees::<7>(5);
        const_encoding_agrees::<8>(6);
        const_encoding_agrees::<26>(19);
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
    fn segment_encoder_agrees_with_base64ct() {
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
