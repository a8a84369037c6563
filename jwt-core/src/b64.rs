//! Strict base64url without padding (RFC 7515 section 2): URL alphabet only, no `=`, and
//! canonical trailing bits, so that every byte string has exactly one accepted encoding.

use alloc::string::String;
use alloc::vec::Vec;

use base64ct::{Base64UrlUnpadded, Encoding};

/// Encodes `bytes` as unpadded base64url.
pub(crate) fn encode(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// Decodes strict unpadded base64url; `None` for anything else.
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
/// returns the decoded length; `None` for anything but strict base64url.
pub(crate) fn decode_into(text: &str, out: &mut [u8]) -> Option<usize> {
    Base64UrlUnpadded::decode(text, out).ok().map(<[u8]>::len)
}

/// Appends the unpadded base64url encoding of `bytes` to `out`.
pub(crate) fn encode_into(bytes: &[u8], out: &mut String) {
    // Whole 3-byte groups go through a stack buffer, so that nothing is allocated.
    const CHUNK: usize = 48;
    let mut buffer = [0u8; CHUNK / 3 * 4];
    for chunk in bytes.chunks(CHUNK) {
        // The buffer holds the encoding of any chunk, so this cannot fail.
        if let Ok(text) = Base64UrlUnpadded::encode(chunk, &mut buffer) {
            out.push_str(text);
        }
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
