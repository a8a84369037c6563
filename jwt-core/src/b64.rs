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
