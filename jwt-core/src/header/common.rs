//! The headers of most tokens, `{"alg":"…"}` and `{"alg":"…","typ":"JWT"}` (and the latter
//! with `typ` first): their JSON and segments written at compile time, and recognised at the
//! start of a token by their segment alone, neither decoded nor parsed.

use alloc::borrow::Cow;

use super::{Header, ParsedHeader};
use crate::alg::Algorithm;
use crate::b64;

/// The headers of most tokens, which carry nothing but `alg` and perhaps `"typ":"JWT"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Common {
    /// `{"alg":"…"}`.
    Bare,
    /// `{"alg":"…","typ":"JWT"}`, as jwt-core, PyJWT and node-jsonwebtoken write it.
    Typed,
    /// `{"typ":"JWT","alg":"…"}`, as Rust's jsonwebtoken writes it.
    TypFirst,
}

impl Common {
    const ALL: [Self; 3] = [Self::Typed, Self::Bare, Self::TypFirst];

    /// This header for `algorithm`: its JSON and its base64url segment, both written once at
    /// compile time.
    pub(super) fn of(self, algorithm: Algorithm) -> (&'static [u8], &'static [u8]) {
        macro_rules! both {
            ($($json:expr),*) => {{
                const JSON: &[u8] = concat!($($json),*).as_bytes();
                static SEGMENT: [u8; b64::encoded_len(JSON.len())] = b64::encode_const(JSON);
                (JSON, &SEGMENT)
            }};
        }
        macro_rules! headers {
            ($($alg:ident),*) => {
                match (algorithm, self) {
                    $(
                        (Algorithm::$alg, Self::Bare) => {
                            both!(r#"{"alg":""#, stringify!($alg), r#""}"#)
                        }
                        (Algorithm::$alg, Self::Typed) => {
                            both!(r#"{"alg":""#, stringify!($alg), r#"","typ":"JWT"}"#)
                        }
                        (Algorithm::$alg, Self::TypFirst) => {
                            both!(r#"{"typ":"JWT","alg":""#, stringify!($alg), r#""}"#)
                        }
                    )*
                }
            };
        }
        headers!(
            HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384, PS256, PS384, PS512, EdDSA
        )
    }
}

/// A common header found at the start of a token: small enough to move freely until the
/// header it stands for is needed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CommonPrefix {
    algorithm: Algorithm,
    shape: Common,
    /// The length of the header segment, before its dot.
    len: usize,
}

impl CommonPrefix {
    /// The header of most tokens, recognised by its exact segment (a [`Common`] header of a
    /// supported algorithm) at the start of `token` and followed by a dot, neither decoded
    /// nor parsed. `None` for any other token, whose header is decoded and read by
    /// [`ParsedHeader::parse`]. What it stands for is what that would return.
    pub(crate) fn find(token: &[u8]) -> Option<Self> {
        for shape in Common::ALL {
            for algorithm in Algorithm::ALL {
                let segment = shape.of(algorithm).1;
                let len = segment.len();
                // The dot first: it rules out every shape of another length at once.
                if token.get(len) == Some(&b'.') && token.get(..len) == Some(segment) {
                    return Some(Self {
                        algorithm,
                        shape,
                        len,
                    });
                }
            }
        }
        None
    }

    /// The header's algorithm.
    pub(crate) fn algorithm(self) -> Algorithm {
        self.algorithm
    }

    /// The length of the header segment, before its dot.
    pub(crate) fn len(self) -> usize {
        self.len
    }

    /// The header, as [`ParsedHeader::parse`] reads it.
    pub(crate) fn parsed(self) -> ParsedHeader {
        ParsedHeader {
            algorithm: self.algorithm,
            header: Header {
                typ: (self.shape != Common::Bare).then_some(Cow::Borrowed("JWT")),
                kid: None,
                uncommon: None,
            },
            critical: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::Serialized;

    #[test]
    fn common_headers_are_written_as_the_serializer_writes_them() {
        for algorithm in Algorithm::ALL {
            for header in [Header::new(), Header::new().without_typ()] {
                let written = header.to_json(algorithm).unwrap();
                let serialized = serde_json::to_vec(&Serialized {
                    algorithm,
                    header: &header,
                })
                .unwrap();
                assert_eq!(written, serialized);
                let segment = header.to_segment(algorithm).unwrap();
                assert_eq!(segment, b64::encode(&serialized).as_bytes());
            }
        }
    }

    #[test]
    fn common_segments_read_as_decoding_and_parsing_them_reads_them() {
        let mut found = 0;
        for algorithm in Algorithm::ALL {
            let name = algorithm.name();
            for json in [
                alloc::format!(r#"{{"alg":"{name}","typ":"JWT"}}"#),
                alloc::format!(r#"{{"typ":"JWT","alg":"{name}"}}"#),
                alloc::format!(r#"{{"alg":"{name}"}}"#),
            ] {
                let token = b64::encode(json.as_bytes()) + ".e30.";
                let prefix = CommonPrefix::find(token.as_bytes()).expect(&json);
                assert_eq!(prefix.len(), token.len() - 5);
                assert_eq!(prefix.algorithm(), algorithm);
                let common = prefix.parsed();
                let parsed = ParsedHeader::parse(json.as_bytes()).unwrap();
                assert_eq!(common.algorithm, parsed.algorithm);
                assert_eq!(common.header, parsed.header);
                assert_eq!(common.critical, parsed.critical);
                assert_eq!(common.header.typ().is_some(), json.contains("typ"));
                found += 1;
            }
        }
        assert_eq!(found, 3 * Algorithm::ALL.len());
        for other in [
            r#"{"alg":"none","typ":"JWT"}"#,
            r#"{"alg":"HS256","typ":"jwt"}"#,
            r#"{"alg":"HS256", "typ":"JWT"}"#,
            r#"{"alg":"HS256","typ":"JWT" }"#,
            r#"{"alg":"hs256"}"#,
            r#"{"alg":"HS256","kid":"k"}"#,
            r#"{"typ":"JWT","alg":"HS256","typ":"JWT"}"#,
            r#"{"alg":"HS256","alg":"HS256"}"#,
        ] {
            let token = b64::encode(other.as_bytes()) + ".e30.";
            assert!(CommonPrefix::find(token.as_bytes()).is_none(), "{other}");
        }
        let segment = b64::encode(br#"{"alg":"HS256"}"#);
        // Cut short, run on without a dot, or the whole token.
        for token in [&segment[1..], &(segment.clone() + "e30."), &segment] {
            assert!(CommonPrefix::find(token.as_bytes()).is_none());
        }
        assert!(CommonPrefix::find((segment + ".").as_bytes()).is_some());
    }
}
