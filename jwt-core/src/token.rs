//! JSON Web Tokens (RFC 7519): claims in, compact token out, and back.

use alloc::string::String;
use alloc::vec::Vec;

use serde::Serialize;
use serde::de::{DeserializeOwned, IgnoredAny};

use crate::alg::Algorithm;
use crate::claims::{self, Registered, ScannedClaims};
use crate::error::{ClaimsProblem, Error, Malformed, Result};
use crate::header::Header;
use crate::jws::{self, Decoded};
use crate::key::{SigningKey, VerifyingKey};
use crate::key_set::KeySet;
use crate::untrusted::UntrustedToken;
use crate::validation::{DEFAULT_MAX_TOKEN_BYTES, Validation};

/// A verified token: its algorithm, header and claims.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenData<C> {
    /// The algorithm the signature was verified with.
    pub algorithm: Algorithm,
    /// The header, less `alg`.
    pub header: Header,
    /// The claims (or, from [`UntrustedToken::verify_payload`], the raw payload bytes).
    pub claims: C,
}

/// Signs `claims` with `key` under `header`; the `alg` header comes from the key.
///
/// The claims must serialize to a JSON object whose registered claims have their registered
/// types (`exp`, `nbf`, `iat` numbers; `iss`, `sub`, `jti` strings; `aud` a string or an
/// array of strings): a token this library would refuse to verify is never issued.
///
/// ```
/// use jwt_core::{Algorithm, ErrorKind, Header, HmacKey, SigningKey};
/// use serde_json::json;
///
/// let key = SigningKey::hmac(Algorithm::HS256, HmacKey::new(&[1; 32])?)?;
/// let token = jwt_core::encode(&key, &Header::new(), &json!({"sub": "u1", "exp": 2_000_000_000}))?;
/// assert!(token.starts_with("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."));
///
/// let err = jwt_core::encode(&key, &Header::new(), &json!({"exp": "tomorrow"})).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidClaims);
/// # Ok::<(), jwt_core::Error>(())
/// ```
pub fn encode<C: Serialize + ?Sized>(
    key: &SigningKey,
    header: &Header,
    claims: &C,
) -> Result<String> {
    let header = jws::header_for(key, header)?;
    // Claims usually serialize to a few hundred bytes; the token grows if they are more.
    const PAYLOAD_LEN: usize = 384;
    jws::sign_with(
        key,
        &header.to_segment(key.algorithm())?,
        PAYLOAD_LEN,
        |token| {
            if !token.segment_from(|out| claims::append_json(claims, out)) {
                let payload =
                    serde_json::to_vec(claims).map_err(|_| ClaimsProblem::NotSerializable)?;
                check_claims_json(&payload)?;
                token.segment(&payload);
            }
            Ok(())
        },
    )
}

/// Signs the claims given as JSON text with `key` under `header`, exactly as given: for a
/// caller that holds its claims as JSON (a JavaScript binding). They are checked as
/// [`encode`] checks serialized claims: a JSON object without repeated names whose registered
/// claims have their registered types.
///
/// ```
/// use jwt_core::{Algorithm, ClaimsProblem, Error, Header, HmacKey, SigningKey};
///
/// let key = SigningKey::hmac(Algorithm::HS256, HmacKey::new(&[1; 32])?)?;
/// let token = jwt_core::encode_json(&key, &Header::new(), br#"{"sub":"u1","exp":2000000000}"#)?;
/// assert!(token.contains(".eyJzdWIiOiJ1MSIsImV4cCI6MjAwMDAwMDAwMH0."));
/// let err = jwt_core::encode_json(&key, &Header::new(), br#"{"exp":"x"}"#).unwrap_err();
/// assert_eq!(err, Error::InvalidClaims(ClaimsProblem::ClaimType(jwt_core::Claim::Exp)));
/// # Ok::<(), jwt_core::Error>(())
/// ```
pub fn encode_json(key: &SigningKey, header: &Header, claims: &[u8]) -> Result<String> {
    let header = jws::header_for(key, header)?;
    check_claims_json(claims)?;
    jws::sign_unchecked_segment(key, &header.to_segment(key.algorithm())?, claims)
}

/// Refuses JSON claims that verification would refuse, with the error it would give as
/// [`ClaimsProblem`].
fn check_claims_json(payload: &[u8]) -> Result<()> {
    let invalid = |err: Error| match err {
        Error::MalformedToken(Malformed::Json(_, error)) => ClaimsProblem::NotJson(error).into(),
        Error::MalformedToken(Malformed::NotAnObject(_)) => ClaimsProblem::NotAnObject.into(),
        Error::MalformedToken(Malformed::DuplicateMember(_, name)) => {
            ClaimsProblem::DuplicateMember(name).into()
        }
        Error::MalformedToken(Malformed::ClaimType(claim)) => {
            ClaimsProblem::ClaimType(claim).into()
        }
        other => other,
    };
    read_claims::<IgnoredAny>(payload, registered_types)
        .map(drop)
        .map_err(invalid)
}

/// Verifies `token` with `key` under `validation` and returns its header and claims.
///
/// The token is text or bytes (`&str`, `String`, `&[u8]`, an HTTP header value's bytes), read
/// as bytes: one outside base64url and the two dots is refused as malformed, so bytes need no
/// check as UTF-8 first.
///
/// Checks run in a fixed order and the first failure is returned: size, structure and
/// encoding, header (`alg` allow-list, `crit`, `typ`), key family and strength, signature,
/// and only then the claims.
///
/// ```
/// use jwt_core::{Algorithm, Claims, Clock, ErrorKind, Header, HmacKey, SigningKey, Validation, VerifyingKey};
/// use serde::Deserialize;
/// use serde_json::json;
///
/// #[derive(Deserialize)]
/// struct Access { sub: String, role: String }
///
/// let secret = HmacKey::new(&[9; 32])?;
/// let signer = SigningKey::hmac(Algorithm::HS256, secret.clone())?;
/// let token = jwt_core::encode(&signer, &Header::new(), &json!({
///     "sub": "u1", "role": "admin", "iss": "auth", "exp": 1_700_000_900,
/// }))?;
///
/// let key = VerifyingKey::from(secret);
/// let validation = Validation::new_with_clock(Algorithm::HS256, Clock::Fixed(1_700_000_000)).issuer("auth");
/// let access = jwt_core::decode::<Access>(&token, &key, &validation)?.claims;
/// assert_eq!((access.sub.as_str(), access.role.as_str()), ("u1", "admin"));
/// let header_value: &[u8] = token.as_bytes(); // as an HTTP library hands it over
/// assert_eq!(jwt_core::decode::<Access>(header_value, &key, &validation)?.claims.sub, "u1");
///
/// let later = validation.clock(Clock::Fixed(1_700_000_900));
/// assert_eq!(jwt_core::decode::<Claims>(&token, &key, &later).unwrap_err().kind(), ErrorKind::Expired);
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[inline]
pub fn decode<C: DeserializeOwned>(
    token: impl AsRef<[u8]>,
    key: &VerifyingKey,
    validation: &Validation,
) -> Result<TokenData<C>> {
    let mut scratch = jws::scratch();
    UntrustedToken::parse_into(token.as_ref(), validation, &mut scratch)?.verify(key)
}

/// Verifies `token` with the key of `keys` that its `kid` and `alg` select, under
/// `validation`. See [`KeySet`] for an example.
pub fn decode_with_set<C: DeserializeOwned>(
    token: impl AsRef<[u8]>,
    keys: &KeySet,
    validation: &Validation,
) -> Result<TokenData<C>> {
    let mut scratch = jws::scratch();
    UntrustedToken::parse_into(token.as_ref(), validation, &mut scratch)?.verify_with_set(keys)
}

/// Verifies `token` with `key` under `validation`, as [`decode`] does, and returns its claims
/// as the JSON text the token carries: for a caller that parses JSON itself (a JavaScript
/// binding), so that the claims are not read into a type and written again. The counterpart
/// of [`encode_json`]; [`UntrustedToken::verify_json`] is the same after a look at the header.
///
/// ```
/// use jwt_core::{Algorithm, Clock, ErrorKind, Header, HmacKey, SigningKey, Validation, VerifyingKey};
///
/// let secret = HmacKey::new(&[3; 32])?;
/// let token = jwt_core::encode_json(
///     &SigningKey::hmac(Algorithm::HS256, secret.clone())?,
///     &Header::new(),
///     br#"{"sub":"u1", "exp":1700000900}"#,
/// )?;
/// let validation = Validation::new_with_clock(Algorithm::HS256, Clock::Fixed(1_700_000_000));
/// let key = VerifyingKey::from(secret);
/// let verified = jwt_core::decode_json(&token, &key, &validation)?;
/// assert_eq!(verified.claims, br#"{"sub":"u1", "exp":1700000900}"#);
///
/// let later = validation.clock(Clock::Fixed(1_700_000_900));
/// assert_eq!(jwt_core::decode_json(&token, &key, &later).unwrap_err().kind(), ErrorKind::Expired);
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[inline]
pub fn decode_json(
    token: impl AsRef<[u8]>,
    key: &VerifyingKey,
    validation: &Validation,
) -> Result<TokenData<Vec<u8>>> {
    let mut scratch = jws::scratch();
    UntrustedToken::parse_into(token.as_ref(), validation, &mut scratch)?.verify_json(key)
}

/// Verifies `token` with the key of `keys` that its `kid` and `alg` select, as
/// [`decode_with_set`] does, and returns its claims' JSON text as [`decode_json`] does.
///
/// ```
/// use jwt_core::{Algorithm, Clock, Header, HmacKey, KeySet, SigningKey, Validation};
///
/// let signer = SigningKey::hmac(Algorithm::HS256, HmacKey::new(&[4; 32])?)?.with_kid("k1");
/// let token = jwt_core::encode_json(&signer, &Header::new(), br#"{"exp":1700000900}"#)?;
/// let keys = KeySet::new([signer.verifying_key()])?;
/// let validation = Validation::new_with_clock(Algorithm::HS256, Clock::Fixed(1_700_000_000));
/// let verified = jwt_core::decode_json_with_set(&token, &keys, &validation)?;
/// assert_eq!(verified.claims, br#"{"exp":1700000900}"#);
/// assert_eq!(verified.header.kid(), Some("k1"));
/// # Ok::<(), jwt_core::Error>(())
/// ```
pub fn decode_json_with_set(
    token: impl AsRef<[u8]>,
    keys: &KeySet,
    validation: &Validation,
) -> Result<TokenData<Vec<u8>>> {
    let mut scratch = jws::scratch();
    UntrustedToken::parse_into(token.as_ref(), validation, &mut scratch)?.verify_json_with_set(keys)
}

/// Reads a token's algorithm and header without verifying anything, to choose a key by
/// `kid` before verification. Everything it returns is attacker-controlled.
///
/// ```
/// use jwt_core::Algorithm;
/// let token = "eyJhbGciOiJFZERTQSIsImtpZCI6ImsyIn0.e30.AA";
/// let (alg, header) = jwt_core::decode_header(token)?;
/// assert_eq!((alg, header.kid()), (Algorithm::EdDSA, Some("k2")));
/// # Ok::<(), jwt_core::Error>(())
/// ```
pub fn decode_header(token: impl AsRef<[u8]>) -> Result<(Algorithm, Header)> {
    let mut scratch = jws::scratch();
    Ok(Decoded::parse(token.as_ref(), DEFAULT_MAX_TOKEN_BYTES, &mut scratch)?.into_header())
}

/// Refuses registered claims of another than their registered type.
pub(crate) fn registered_types(claims: &ScannedClaims<'_>) -> Result<()> {
    Registered::read(claims).map(drop)
}

/// Reads the claims of `payload` into `C` if `check` accepts their scan. Errors come in the
/// documented order: the payload's JSON, then `check`, then the shape of `C`.
#[inline]
pub(crate) fn read_claims<C: DeserializeOwned>(
    payload: &[u8],
    check: impl Fn(&ScannedClaims<'_>) -> Result<()>,
) -> Result<C> {
    // One pass when it succeeds; otherwise the two passes find the first error.
    let mut scanned = ScannedClaims::new();
    if let Ok(claims) = scanned.deserialize(payload)
        && scanned.read_whole()
    {
        check(&scanned)?;
        return Ok(claims);
    }
    check(&ScannedClaims::scan(payload)?)?;
    serde_json::from_slice(payload)
        .map_err(|_| Malformed::ClaimsShape(claims::shape_problem::<C>(payload)).into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::hmac::HmacKey;
    use crate::claims::{Claim, Claims};
    use crate::error::{ErrorKind, HeaderProblem, Segment, ShapeProblem};
    use crate::time::Clock;
    use serde_json::{Value, json};

    const NOW: u64 = 1_700_000_000;

    fn key() -> SigningKey {
        SigningKey::hmac(Algorithm::HS256, HmacKey::new(&[5; 32]).unwrap()).unwrap()
    }

    fn validation() -> Validation {
        Validation::new_with_clock(Algorithm::HS256, Clock::Fixed(NOW))
    }

    #[test]
    fn round_trip_with_custom_header() {
        let header = Header::new()
            .with_kid("k")
            .with_extra("x", json!({"y": [1]}))
            .unwrap();
        let claims = json!({"sub": "u", "exp": NOW + 60});
        let token = encode(&key(), &header, &claims).unwrap();
        let data = decode::<Claims>(&token, &key().verifying_key(), &validation()).unwrap();
        assert_eq!(data.header, header);
        assert_eq!(Value::Object(data.claims), claims);
    }

    #[test]
    fn decode_json_gives_the_payload_as_carried_whether_it_fits_the_scratch_space_or_not() {
        let signer = key().with_kid("k1");
        let keys = KeySet::new([signer.verifying_key()]).unwrap();
        for filler in [0, 2 * jws::SCRATCH_BYTES] {
            let payload = alloc::format!(
                r#"{{"sub":"u", "pad":"{}", "exp":{}}}"#,
                "x".repeat(filler),
                NOW + 60
            );
            let token = encode_json(&signer, &Header::new(), payload.as_bytes()).unwrap();
            let one = decode_json(&token, &signer.verifying_key(), &validation()).unwrap();
            let set = decode_json_with_set(&token, &keys, &validation()).unwrap();
            let untrusted = UntrustedToken::parse(&token, &validation())
                .unwrap()
                .verify_json(&signer.verifying_key())
                .unwrap();
            assert_eq!(one.claims, payload.as_bytes());
            assert_eq!((&one, &set), (&untrusted, &untrusted));
            assert_eq!(one.header.kid(), Some("k1"));
        }
    }

    #[test]
    fn decode_json_refuses_what_decode_refuses() {
        let token = encode(&key(), &Header::new(), &json!({"exp": NOW - 1})).unwrap();
        let verifying = key().verifying_key();
        let kind = |token: &str| decode_json(token, &verifying, &validation()).unwrap_err();
        assert_eq!(kind(&token).kind(), ErrorKind::Expired);
        let other = SigningKey::hmac(Algorithm::HS256, HmacKey::new(&[6; 32]).unwrap()).unwrap();
        let forged = encode(&other, &Header::new(), &json!({"exp": NOW + 60})).unwrap();
        assert_eq!(kind(&forged), Error::InvalidSignature);
        let typed = encode_json(&key(), &Header::new(), br#"{"exp":"soon"}"#).unwrap_err();
        assert_eq!(typed.kind(), ErrorKind::InvalidClaims);
        let others = KeySet::new([other.with_kid("k2").verifying_key()]).unwrap();
        let unnamed = encode(&key(), &Header::new(), &json!({"exp": NOW + 60})).unwrap();
        assert_eq!(
            decode_json_with_set(&unnamed, &others, &validation()).unwrap_err(),
            decode_with_set::<Claims>(&unnamed, &others, &validation()).unwrap_err(),
        );
    }

    #[test]
    fn tokens_as_bytes_read_as_their_text_and_other_bytes_are_malformed() {
        let token = encode(&key(), &Header::new(), &json!({"exp": NOW + 60})).unwrap();
        let verifying = key().verifying_key();
        let verified = decode::<Claims>(&token, &verifying, &validation()).unwrap();
        let bytes = token.clone().into_bytes();
        assert_eq!(
            decode::<Claims>(&bytes, &verifying, &validation()).as_ref(),
            Ok(&verified)
        );
        assert_eq!(decode_header(&bytes), decode_header(&token));
        let [first_dot, last_dot] = [token.find('.'), token.rfind('.')].map(Option::unwrap);
        for (at, segment) in [
            (0, Segment::Header),
            (first_dot + 1, Segment::Payload),
            (last_dot - 1, Segment::Payload),
            (bytes.len() - 1, Segment::Signature),
        ] {
            // Not ASCII, the first byte of a two-byte UTF-8 character, and not UTF-8 at all.
            for byte in [0x80, 0xc3, 0xff] {
                let mut changed = bytes.clone();
                changed[at] = byte;
                let malformed = Error::MalformedToken(Malformed::Base64(segment));
                let verify = decode::<Claims>(&changed, &verifying, &validation());
                assert_eq!(verify.unwrap_err(), malformed, "{byte:#x} at {at}");
                assert_eq!(decode_header(&changed).unwrap_err(), malformed);
            }
        }
    }

    #[test]
    fn claims_and_header_numbers_round_trip_exactly() {
        // Found by fuzzing (fuzz/ `roundtrip`, `verify_structured`): 17-digit floats came back
        // one ulp off.
        let header = Header::new()
            .with_extra("x", json!({"": 1.927_090_566_546_380_7e-245}))
            .unwrap();
        let claims = json!({"exp": NOW + 60, "n": [4.453_176_852_417_819_6e-88]});
        let token = encode(&key(), &header, &claims).unwrap();
        let data = decode::<Claims>(&token, &key().verifying_key(), &validation()).unwrap();
        assert_eq!(data.header, header);
        assert_eq!(Value::Object(data.claims), claims);
    }

    #[test]
    fn the_signing_key_names_itself_in_the_header() {
        let named = key().with_kid("k1");
        let claims = json!({"exp": NOW + 60});
        let token = encode(&named, &Header::new(), &claims).unwrap();
        assert_eq!(decode_header(&token).unwrap().1.kid(), Some("k1"));
        assert!(encode(&named, &Header::new().with_kid("k1"), &claims).is_ok());
        let err = encode(&named, &Header::new().with_kid("k2"), &claims).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidHeader);
        assert_eq!(
            err,
            Error::InvalidHeader(HeaderProblem::KeyIdMismatch {
                header: "k2".into(),
                key: "k1".into()
            })
        );
    }

    #[test]
    fn encode_refuses_payloads_that_are_not_claims() {
        let cases = [
            (json!([1]), ClaimsProblem::NotAnObject),
            (json!("s"), ClaimsProblem::NotAnObject),
            (json!({"aud": 5}), ClaimsProblem::ClaimType(Claim::Aud)),
            (json!({"iat": "now"}), ClaimsProblem::ClaimType(Claim::Iat)),
        ];
        for (claims, problem) in cases {
            let err = encode(&key(), &Header::new(), &claims).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidClaims);
            assert_eq!(err, Error::InvalidClaims(problem));
        }
        let unkeyed = alloc::collections::BTreeMap::from([((1, 2), 3)]);
        assert_eq!(
            encode(&key(), &Header::new(), &unkeyed).unwrap_err(),
            Error::InvalidClaims(ClaimsProblem::NotSerializable)
        );
    }

    #[test]
    fn claims_shape_mismatch_is_malformed() {
        #[derive(serde::Deserialize, Debug)]
        struct NeedsRole {
            #[allow(dead_code, reason = "only deserialization is tested")]
            role: String,
        }
        let token = encode(&key(), &Header::new(), &json!({"exp": NOW + 60})).unwrap();
        let err = decode::<NeedsRole>(&token, &key().verifying_key(), &validation()).unwrap_err();
        assert_eq!(
            err,
            Error::MalformedToken(Malformed::ClaimsShape(ShapeProblem::MissingClaim(
                "role".into()
            )))
        );
    }

    #[test]
    fn payload_json_is_only_read_after_the_signature() {
        let token = jws::sign(&key(), br#"{"alg":"HS256"}"#, b"{\"exp\":1,\"exp\":2}").unwrap();
        let err = decode::<Claims>(&token, &key().verifying_key(), &validation()).unwrap_err();
        assert_eq!(
            err,
            Error::MalformedToken(Malformed::DuplicateMember(Segment::Payload, "exp".into()))
        );
        let other = SigningKey::hmac(Algorithm::HS256, HmacKey::new(&[6; 32]).unwrap()).unwrap();
        let err = decode::<Claims>(&token, &other.verifying_key(), &validation()).unwrap_err();
        assert_eq!(err, Error::InvalidSignature);
    }

    #[test]
    fn unverified_decoding_checks_structure_only() {
        let token = encode(&key(), &Header::new(), &json!({"exp": 1})).unwrap();
        let data = crate::dangerous::decode_unverified::<Claims>(&token).unwrap();
        assert_eq!(data.claims["exp"], 1);
        let forged = alloc::format!("{}AAAA", token.trim_end_matches(|c| c != '.'));
        assert_eq!(
            crate::dangerous::decode_unverified::<Claims>(&forged)
                .unwrap()
                .claims["exp"],
            1
        );
        let not_json = jws::sign(&key(), br#"{"alg":"HS256"}"#, b"[]").unwrap();
        assert_eq!(
            crate::dangerous::decode_unverified::<Claims>(&not_json)
                .unwrap_err()
                .kind(),
            ErrorKind::MalformedToken
        );
    }
}
