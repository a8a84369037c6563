//! The compact JWS layer (RFC 7515 section 7.1): split, decode, check the header against a
//! policy (the algorithm allow-list, the understood `crit` names, the required `typ`), verify
//! the signature, and sign. What the payload means is the JWT layer's business
//! ([`crate::decode`], [`UntrustedToken`](crate::UntrustedToken)).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::mem::MaybeUninit;

use base64_simd::Out;

use crate::alg::Algorithm;
use crate::b64;
use crate::error::{Error, HeaderProblem, Malformed, Result, Segment};
use crate::header::{CommonPrefix, Header, HeaderPolicy, ParsedHeader};
use crate::key::{SigningKey, VerifyingKey};

/// Room on the stack for the decoded segments of most tokens: [`decode`](crate::decode)
/// allocates for them only when they need more.
pub(crate) const SCRATCH_BYTES: usize = 1024;

/// The stack room for decoded segments, left uninitialised: decoding writes what is read.
pub(crate) type Scratch = [MaybeUninit<u8>; SCRATCH_BYTES];

/// New [`Scratch`] room (nothing is written).
#[inline]
pub(crate) fn scratch() -> Scratch {
    [MaybeUninit::uninit(); SCRATCH_BYTES]
}

/// A token split and decoded, its header parsed; checked against a policy only by
/// [`check_header`](Self::check_header), its signature only by
/// [`verify_signature`](Self::verify_signature).
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    signing_input: &'a [u8],
    parsed: ParsedHeader,
    bytes: Bytes<'a>,
}

/// Where the decoded payload and signature are kept: the caller's scratch space, or the heap
/// when they do not fit there.
#[derive(Debug)]
enum Bytes<'a> {
    /// Decoded into the scratch space.
    Scratch {
        payload: &'a [u8],
        signature: &'a [u8],
    },
    /// Decoded onto the heap.
    Heap {
        payload: Vec<u8>,
        signature: Vec<u8>,
    },
}

impl<'a> Decoded<'a> {
    /// Splits and decodes `token` into `scratch` if it has room for the decoded segments,
    /// into a new allocation otherwise, and parses its header.
    #[inline]
    pub(crate) fn parse(
        token: &'a [u8],
        max_bytes: usize,
        scratch: &'a mut [MaybeUninit<u8>],
    ) -> Result<Self> {
        if token.len() > max_bytes {
            return Err(Error::TokenTooLarge {
                limit: max_bytes,
                actual: token.len(),
            });
        }
        let segments = Segments::split(token)?;
        let signing_input = segments.signing_input;
        let lengths = segments.decoded_lens();
        let total = lengths.iter().sum();
        let (parsed, bytes) = match scratch.get_mut(..total) {
            Some(room) => {
                let outs = split(room, lengths).map(Out::from_uninit_slice);
                let (payload, signature, parsed) = segments.decode(outs)?;
                (parsed, Bytes::Scratch { payload, signature })
            }
            None => {
                let [mut payload, mut signature, mut header] = lengths.map(|len| vec![0; len]);
                let outs =
                    [&mut payload, &mut signature, &mut header].map(|out| Out::from_slice(out));
                let (_, _, parsed) = segments.decode(outs)?;
                (parsed, Bytes::Heap { payload, signature })
            }
        };
        Ok(Self {
            signing_input,
            parsed,
            bytes,
        })
    }

    /// Splits and decodes `token` as [`parse`](Self::parse) does, then refuses a header that
    /// `policy` does not accept.
    #[inline]
    pub(crate) fn parse_checked(
        token: &'a [u8],
        max_bytes: usize,
        policy: &HeaderPolicy<'_>,
        scratch: &'a mut [MaybeUninit<u8>],
    ) -> Result<Self> {
        let mut decoded = Self::parse(token, max_bytes, scratch)?;
        decoded.parsed.check(policy)?;
        Ok(decoded)
    }

    /// The token's algorithm.
    #[inline]
    pub(crate) fn algorithm(&self) -> Algorithm {
        self.parsed.algorithm
    }

    /// The token's header.
    #[inline]
    pub(crate) fn header(&self) -> &Header {
        &self.parsed.header
    }

    /// Verifies the signature over the signing input with `key`, for the token's algorithm.
    #[inline]
    pub(crate) fn verify_signature(&self, key: &VerifyingKey) -> Result<()> {
        key.verify(self.parsed.algorithm, self.signing_input, self.signature())
    }

    /// The algorithm and the header, taken out (moving only the header, not the whole token).
    #[inline]
    pub(crate) fn take_header(&mut self) -> (Algorithm, Header) {
        let parsed = &mut self.parsed;
        (parsed.algorithm, core::mem::take(&mut parsed.header))
    }

    /// The decoded payload.
    #[inline]
    pub(crate) fn payload(&self) -> &[u8] {
        match &self.bytes {
            Bytes::Scratch { payload, .. } => payload,
            Bytes::Heap { payload, .. } => payload,
        }
    }

    /// The decoded signature.
    #[inline]
    pub(crate) fn signature(&self) -> &[u8] {
        match &self.bytes {
            Bytes::Scratch { signature, .. } => signature,
            Bytes::Heap { signature, .. } => signature,
        }
    }

    /// The algorithm and the header.
    #[inline]
    pub(crate) fn into_header(self) -> (Algorithm, Header) {
        (self.parsed.algorithm, self.parsed.header)
    }

    /// The algorithm, the header and the decoded payload.
    pub(crate) fn into_parts(self) -> (Algorithm, Header, Vec<u8>) {
        let payload = match self.bytes {
            Bytes::Scratch { payload, .. } => payload.to_vec(),
            Bytes::Heap { payload, .. } => payload,
        };
        (self.parsed.algorithm, self.parsed.header, payload)
    }
}

/// The three segments of a compact token, and its header if it is a common one.
struct Segments<'a> {
    /// The header and the payload with the dot between them.
    signing_input: &'a [u8],
    header: &'a [u8],
    payload: &'a [u8],
    signature: &'a [u8],
    /// The header, recognised by its segment, which is then neither decoded nor parsed.
    common: Option<CommonPrefix>,
}

impl<'a> Segments<'a> {
    /// Splits `token` at its first and its last dot, and recognises its header if it is a
    /// common one. The dots are found where they must be if they are not searched for: after
    /// a common header, and before a signature of its algorithm's length. If a dot found so
    /// is not the last, the signature holds a dot and fails to decode, which
    /// [`decode`](Self::decode) reports as a dot in the wrong place would be.
    fn split(token: &'a [u8]) -> Result<Self> {
        Self::find_dots(token).ok_or_else(|| Malformed::SegmentCount.into())
    }

    /// [`split`](Self::split) without its error, which is made only when a dot is missing
    /// (an error made eagerly for each lookup is dropped again on every token).
    fn find_dots(token: &'a [u8]) -> Option<Self> {
        let common = CommonPrefix::find(token);
        let header_len = match common {
            Some(prefix) => Some(prefix.len()),
            None => token.iter().position(|&byte| byte == b'.'),
        }?;
        let signature_len = common
            .and_then(|prefix| prefix.algorithm().signature_len())
            .map(b64::encoded_len);
        // The dot before the signature, after the header's.
        let signature_dot = signature_len
            .and_then(|len| token.len().checked_sub(len + 1))
            .filter(|&at| at > header_len && token.get(at) == Some(&b'.'))
            .or_else(|| token.iter().rposition(|&byte| byte == b'.'))?;
        let (signing_input, signature) = split_at_dot(token, signature_dot)?;
        let (header, payload) = split_at_dot(signing_input, header_len)?;
        Some(Self {
            signing_input,
            header,
            payload,
            signature,
            common,
        })
    }

    /// The decoded lengths of the payload, the signature and the header.
    fn decoded_lens(&self) -> [usize; 3] {
        [self.payload, self.signature, self.header].map(|text| b64::decoded_len(text.len()))
    }

    /// Decodes the segments into `outs`, room for the payload, the signature and the header
    /// as [`decoded_lens`](Self::decoded_lens) sizes it, the header first; then parses the
    /// header, unless it is the common one [`split`](Self::split) recognised. Returns the
    /// decoded payload and signature, and the header read.
    fn decode<'o>(
        &self,
        [payload_out, signature_out, header_out]: [Out<'o, [u8]>; 3],
    ) -> Result<(&'o [u8], &'o [u8], ParsedHeader)> {
        // A dot is not base64url, so a segment holding one (a fourth segment) fails to
        // decode; only then is it looked for, to report the structure before the encoding.
        let decode = |text, out, segment| {
            b64::decode_into(text, out).ok_or_else(|| {
                if self.payload.contains(&b'.') || self.signature.contains(&b'.') {
                    Malformed::SegmentCount
                } else {
                    Malformed::Base64(segment)
                }
            })
        };
        let header = match self.common {
            Some(prefix) => HeaderSegment::Common(prefix),
            None => HeaderSegment::Decoded(decode(self.header, header_out, Segment::Header)?),
        };
        let payload = decode(self.payload, payload_out, Segment::Payload)?;
        let signature = decode(self.signature, signature_out, Segment::Signature)?;
        let parsed = match header {
            HeaderSegment::Common(prefix) => prefix.parsed(),
            HeaderSegment::Decoded(bytes) => ParsedHeader::parse(bytes)?,
        };
        Ok((payload, signature, parsed))
    }
}

/// The header as [`Segments::decode`] has it: recognised as a common one, or decoded.
enum HeaderSegment<'o> {
    Common(CommonPrefix),
    Decoded(&'o [u8]),
}

/// `text` before and after the dot at `at`, if there is one there.
fn split_at_dot(text: &[u8], at: usize) -> Option<(&[u8], &[u8])> {
    if text.get(at) != Some(&b'.') {
        return None;
    }
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// `bytes` cut into consecutive pieces of the three `lengths` (the last one takes the rest).
fn split<T>(bytes: &mut [T], [first, second, _]: [usize; 3]) -> [&mut [T]; 3] {
    let (first, rest) = bytes.split_at_mut(first.min(bytes.len()));
    let (second, third) = rest.split_at_mut(second.min(rest.len()));
    [first, second, third]
}

/// Signs exact header and payload bytes into a compact JWS: for reproducing published
/// examples byte for byte, and for payloads that are not JWT claims. The header must be a
/// strict JSON object whose `alg` is the key's algorithm and that uses no extension.
///
/// ```
/// use jwt_core::{Algorithm, HmacKey, SigningKey};
/// let key = SigningKey::hmac(Algorithm::HS256, HmacKey::new(&[1; 32])?)?;
/// let token = jwt_core::jws::sign(&key, br#"{"alg":"HS256"}"#, b"hello")?;
/// assert!(token.starts_with("eyJhbGciOiJIUzI1NiJ9.aGVsbG8."));
/// assert!(jwt_core::jws::sign(&key, br#"{"alg":"RS256"}"#, b"hello").is_err());
/// # Ok::<(), jwt_core::Error>(())
/// ```
pub fn sign(key: &SigningKey, header: &[u8], payload: &[u8]) -> Result<String> {
    let invalid = |err: Error| match err {
        Error::MalformedToken(why) => Error::InvalidHeader(HeaderProblem::Malformed(why)),
        Error::InvalidAlgorithm(why) => Error::InvalidHeader(HeaderProblem::Algorithm(why)),
        Error::UnsupportedCriticalHeader(why) => Error::InvalidHeader(HeaderProblem::Critical(why)),
        other => other,
    };
    let mut parsed = ParsedHeader::parse(header).map_err(invalid)?;
    if parsed.algorithm != key.algorithm() {
        return Err(HeaderProblem::AlgorithmMismatch {
            header: parsed.algorithm,
            key: key.algorithm(),
        }
        .into());
    }
    parsed.check_critical(&[]).map_err(invalid)?;
    sign_unchecked(key, header, payload)
}

/// Signs `payload`, any bytes, with `key` under `header` (whose `alg` comes from the key, and
/// its `kid` too when the header names none): for JWS payloads that are not JWT claims (the
/// string and Buffer payloads of jsonwebtoken). Nothing about the payload is checked.
///
/// ```
/// use jwt_core::{Algorithm, Header, HmacKey, SigningKey};
/// let key = SigningKey::hmac(Algorithm::HS256, HmacKey::new(&[1; 32])?)?;
/// let token = jwt_core::jws::sign_payload(&key, &Header::new().without_typ(), b"hello")?;
/// assert!(token.starts_with("eyJhbGciOiJIUzI1NiJ9.aGVsbG8."));
/// # Ok::<(), jwt_core::Error>(())
/// ```
pub fn sign_payload(key: &SigningKey, header: &Header, payload: &[u8]) -> Result<String> {
    let header = header_for(key, header)?;
    sign_unchecked_segment(key, &header.to_segment(key.algorithm())?, payload)
}

/// `header`, named by the signing key's `kid` if it names none; a header naming another key
/// is [`HeaderProblem::KeyIdMismatch`].
pub(crate) fn header_for<'h>(key: &SigningKey, header: &'h Header) -> Result<Cow<'h, Header>> {
    match (header.kid(), key.kid()) {
        (None, Some(kid)) => Ok(Cow::Owned(header.clone().with_kid(kid))),
        (Some(named), Some(kid)) if named != kid => Err(HeaderProblem::KeyIdMismatch {
            header: named.into(),
            key: kid.into(),
        }
        .into()),
        _ => Ok(Cow::Borrowed(header)),
    }
}

/// Signs header and payload bytes already known to be acceptable.
pub(crate) fn sign_unchecked(key: &SigningKey, header: &[u8], payload: &[u8]) -> Result<String> {
    sign_unchecked_segment(key, &b64::segment_text(header), payload)
}

/// Signs a header given as its segment and payload bytes, both already known to be
/// acceptable.
pub(crate) fn sign_unchecked_segment(
    key: &SigningKey,
    header_segment: &[u8],
    payload: &[u8],
) -> Result<String> {
    sign_with(key, header_segment, payload.len(), |token| {
        token.segment(payload);
        Ok(())
    })
}

/// Signs a header already known to be acceptable, given as its segment (base64url), and the
/// payload that `payload` appends to the token (about `payload_len` bytes of it, to size the
/// token).
pub(crate) fn sign_with(
    key: &SigningKey,
    header_segment: &[u8],
    payload_len: usize,
    payload: impl FnOnce(&mut b64::Compact) -> Result<()>,
) -> Result<String> {
    // Room for the whole token; a signature of unknown length lets the buffer grow once.
    let signature_len = key.signature_len().map_or(0, b64::encoded_len);
    let mut token = b64::Compact::with_capacity(
        header_segment.len() + b64::encoded_len(payload_len) + signature_len + 2,
    );
    token.encoded_segment(header_segment);
    payload(&mut token)?;
    let signature = key.signature(token.as_bytes())?;
    token.segment(signature.as_ref());
    Ok(token.into_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::hmac::HmacKey;
    use crate::error::ErrorKind;

    fn hs256() -> SigningKey {
        SigningKey::hmac(Algorithm::HS256, HmacKey::new(&[5; 32]).unwrap()).unwrap()
    }

    const POLICY: HeaderPolicy<'static> = HeaderPolicy {
        algorithms: crate::alg::AlgorithmSet::new(Algorithm::HS256),
        critical: &[],
        typ: None,
    };

    /// `token` parsed and checked with [`POLICY`] and a size limit of `max_bytes`, decoded
    /// on the heap.
    fn parse_limited(token: &str, max_bytes: usize) -> Result<Decoded<'_>> {
        Decoded::parse_checked(token.as_bytes(), max_bytes, &POLICY, &mut [])
    }

    fn parse(token: &str) -> Result<Decoded<'_>> {
        parse_limited(token, usize::MAX)
    }

    fn parse_kind(token: &str) -> ErrorKind {
        parse(token).unwrap_err().kind()
    }

    #[test]
    fn raw_round_trip() {
        let key = hs256();
        let token = sign(&key, br#"{"alg":"HS256"}"#, b"not json at all").unwrap();
        let decoded = parse(&token).unwrap();
        assert_eq!(decoded.verify_signature(&key.verifying_key()), Ok(()));
        let (algorithm, _, payload) = decoded.into_parts();
        assert_eq!(payload, b"not json at all");
        assert_eq!(algorithm, Algorithm::HS256);
    }

    #[test]
    fn segments_decode_alike_in_scratch_space_and_on_the_heap() {
        let key = hs256();
        let header = br#"{"alg":"HS256"}"#;
        // Decoded, the header, the signature and these payloads need from just under to
        // just over the scratch space.
        let fixed = header.len() + 32;
        for len in SCRATCH_BYTES - fixed - 2..=SCRATCH_BYTES - fixed + 2 {
            let payload: Vec<u8> = (0..len).map(|i| (i * 7) as u8).collect();
            let token = sign(&key, header, &payload).unwrap();
            let mut scratch = scratch();
            let decoded = Decoded::parse(token.as_bytes(), usize::MAX, &mut scratch).unwrap();
            assert_eq!(
                matches!(decoded.bytes, Bytes::Scratch { .. }),
                fixed + len <= SCRATCH_BYTES
            );
            assert_eq!(decoded.payload(), payload.as_slice());
            assert_eq!(decoded.signature().len(), 32);
            for decoded in [
                parse(&token).unwrap(),
                Decoded::parse_checked(token.as_bytes(), usize::MAX, &POLICY, &mut scratch)
                    .unwrap(),
            ] {
                assert_eq!(decoded.verify_signature(&key.verifying_key()), Ok(()));
                assert_eq!(decoded.into_parts().2, payload);
            }
        }
    }

    #[test]
    fn segment_counts() {
        for token in ["", "a", "a.b", "a.b.c.d", "...", "e30.e30.e30."] {
            assert_eq!(parse_kind(token), ErrorKind::MalformedToken, "{token:?}");
        }
    }

    #[test]
    fn dots_found_without_a_search_are_the_first_and_the_last() {
        let key = hs256();
        let token = sign(&key, br#"{"alg":"HS256","typ":"JWT"}"#, br#"{"exp":1}"#).unwrap();
        let (signing_input, signature) = token.rsplit_once('.').unwrap();
        let (header, payload) = signing_input.split_once('.').unwrap();
        assert_eq!(signature.len(), 43);
        let parse = |token: &str| parse(token).map(drop);
        assert_eq!(parse(&token), Ok(()));
        let segment_count = Err(Error::MalformedToken(Malformed::SegmentCount));
        let (early, late) = signature.split_at(10);
        let payload_dot =
            alloc::format!("{header}.{}.{}.{signature}", &payload[..4], &payload[4..]);
        for wrong in [
            alloc::format!("{header}.{payload}.{early}.{late}"),
            alloc::format!("{header}.{payload}.{late}.{early}"),
            alloc::format!("{token}.{signature}"),
            alloc::format!("{header}.{signature}.{token}"),
            alloc::format!("{header}.{signature}"),
            alloc::format!("{header}.{payload}{signature}"),
            payload_dot,
            alloc::format!("{header}."),
            String::from(header),
        ] {
            assert_eq!(parse(&wrong), segment_count, "{wrong}");
        }
        // The dot before a signature of the wrong length is found by a search.
        let short = alloc::format!("{header}.{payload}.{}", &signature[..42]);
        assert_eq!(
            parse(&short),
            Err(Error::MalformedToken(Malformed::Base64(Segment::Signature)))
        );
        let long = alloc::format!("{header}.{payload}.{signature}AAAA");
        assert_eq!(parse(&long).map_err(|err| err.kind()), Ok(()));
    }

    #[test]
    fn size_is_checked_before_anything_else() {
        let token = "x".repeat(100);
        let err = parse_limited(&token, 99).unwrap_err();
        assert_eq!(
            err,
            Error::TokenTooLarge {
                limit: 99,
                actual: 100
            }
        );
        assert!(parse_limited(&token, 100).is_err_and(|e| e.kind() == ErrorKind::MalformedToken));
    }

    #[test]
    fn every_segment_is_strict_base64url() {
        let key = hs256();
        let token = sign(&key, br#"{"alg":"HS256"}"#, b"{}").unwrap();
        let segments: Vec<&str> = token.split('.').collect();
        for (i, segment) in [Segment::Header, Segment::Payload, Segment::Signature]
            .into_iter()
            .enumerate()
        {
            let mut padded = segments.clone();
            let with_padding = alloc::format!("{}=", segments[i]);
            padded[i] = &with_padding;
            let err = parse(&padded.join(".")).unwrap_err();
            assert_eq!(err, Error::MalformedToken(Malformed::Base64(segment)));
        }
    }

    #[test]
    fn signing_refuses_headers_that_disagree_with_the_key() {
        let key = hs256();
        for header in [
            &br#"{"alg":"HS384"}"#[..],
            br#"{"alg":"none"}"#,
            b"{}",
            b"[]",
            br#"{"alg":"HS256","crit":["x"],"x":1}"#,
        ] {
            assert_eq!(
                sign(&key, header, b"{}").unwrap_err().kind(),
                ErrorKind::InvalidHeader
            );
        }
    }
}
