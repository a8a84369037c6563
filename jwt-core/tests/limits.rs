//! Resource limits: oversized tokens are refused before any decoding, deep JSON nesting is
//! refused without exhausting the stack, extreme numbers get a defined verdict, and very large
//! (but allowed) inputs are handled in time linear in their size.

use std::time::Instant;

use base64ct::{Base64UrlUnpadded, Encoding};
use jwt_core::{
    Algorithm, AudienceProblem, Claims, Clock, DEFAULT_MAX_TOKEN_BYTES, Error, ErrorKind, Header,
    HmacKey, JsonFault, Jwk, JwkProblem, JwkSet, KeyProblem, KeySet, Malformed, Segment,
    SigningKey, UntrustedToken, Validation, VerifyingKey, dangerous,
};
use serde_json::{Value, json};

const NOW: u64 = 1_700_000_000;

/// Nesting deep enough to overflow a test thread's stack in a parser without a depth limit.
const DEPTH: usize = 10_000;

fn hs256() -> SigningKey {
    SigningKey::hmac(
        Algorithm::HS256,
        HmacKey::new(&[0x11; 32]).expect("32 bytes"),
    )
    .expect("HS256")
}

fn validation() -> Validation {
    Validation::new_with_clock(Algorithm::HS256, Clock::Fixed(NOW))
}

fn b64(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// `value` as JWK text, parsed.
fn jwk(value: &Value) -> Jwk {
    value.to_string().parse().expect("a JSON object")
}

/// `value` as JWK Set text, parsed.
fn jwk_set(value: &Value) -> JwkSet {
    value.to_string().parse().expect("a JWK Set")
}

/// A validly signed HS256 token over exactly these payload bytes.
fn signed(payload: &str) -> String {
    jwt_core::jws::sign(&hs256(), br#"{"alg":"HS256"}"#, payload.as_bytes()).expect("signs")
}

/// `[[[...]]]`, `DEPTH` levels.
fn nested_arrays() -> String {
    let mut json = "[".repeat(DEPTH);
    json.push_str(&"]".repeat(DEPTH));
    json
}

/// `{"a":{"a":...1...}}`, `DEPTH` levels.
fn nested_objects() -> String {
    let mut json = r#"{"a":"#.repeat(DEPTH);
    json.push('1');
    json.push_str(&"}".repeat(DEPTH));
    json
}

/// Asserts that `result` is a JSON error in `segment` caused by the nesting limit (and not,
/// say, by the test building invalid JSON).
fn assert_too_deep<T: std::fmt::Debug>(result: Result<T, Error>, segment: Segment) {
    match result {
        Err(Error::MalformedToken(Malformed::Json(found, error))) => {
            assert_eq!(found, segment);
            assert_eq!(error.fault, JsonFault::TooDeep, "{error}");
        }
        other => panic!("expected a JSON nesting error in the {segment}, got {other:?}"),
    }
}

#[test]
fn ten_megabytes_of_garbage_is_too_large_before_anything_is_decoded() {
    // Invalid base64url in every segment: had any decoding started, the verdict would be
    // MalformedToken.
    let garbage = "!".repeat(10 << 20);
    let token = format!("{garbage}.{garbage}.{garbage}");
    let too_large = Error::TokenTooLarge {
        limit: DEFAULT_MAX_TOKEN_BYTES,
        actual: token.len(),
    };
    let key = VerifyingKey::from(HmacKey::new(&[0x11; 32]).expect("32 bytes"));
    let keys = KeySet::new([key.clone()]).expect("one key");
    let validation = validation();
    assert_eq!(
        jwt_core::decode::<Claims>(&token, &key, &validation).unwrap_err(),
        too_large
    );
    assert_eq!(
        jwt_core::decode_with_set::<Claims>(&token, &keys, &validation).unwrap_err(),
        too_large
    );
    assert_eq!(
        UntrustedToken::parse(&token, &validation).unwrap_err(),
        too_large
    );
    assert_eq!(jwt_core::decode_header(&token).unwrap_err(), too_large);
    assert_eq!(
        dangerous::decode_unverified::<Claims>(&token).unwrap_err(),
        too_large
    );
}

#[test]
fn a_custom_limit_is_inclusive_and_checked_first() {
    let key = hs256().verifying_key();
    let limited = validation().max_token_bytes(1024);
    let err = jwt_core::decode::<Claims>(&"!".repeat(1025), &key, &limited).unwrap_err();
    assert_eq!(
        err,
        Error::TokenTooLarge {
            limit: 1024,
            actual: 1025
        }
    );
    let err = jwt_core::decode::<Claims>(&"!".repeat(1024), &key, &limited).unwrap_err();
    assert_eq!(err, Error::MalformedToken(Malformed::SegmentCount));

    // A valid token is refused as soon as the limit is one byte under its length.
    let token =
        jwt_core::encode(&hs256(), &Header::new(), &json!({"exp": NOW + 60})).expect("signs");
    let exact = validation().max_token_bytes(token.len());
    assert!(jwt_core::decode::<Claims>(&token, &key, &exact).is_ok());
    let under = validation().max_token_bytes(token.len() - 1);
    assert_eq!(
        jwt_core::decode::<Claims>(&token, &key, &under).unwrap_err(),
        Error::TokenTooLarge {
            limit: token.len() - 1,
            actual: token.len()
        }
    );

    // A limit of zero admits only the empty string, which is then malformed.
    let nothing = validation().max_token_bytes(0);
    assert_eq!(
        jwt_core::decode::<Claims>("", &key, &nothing).unwrap_err(),
        Error::MalformedToken(Malformed::SegmentCount)
    );
    assert_eq!(
        jwt_core::decode::<Claims>("a", &key, &nothing)
            .unwrap_err()
            .kind(),
        ErrorKind::TokenTooLarge
    );

    // Raised past 10 MB, the same garbage is decoded, and refused as such.
    let garbage = "!".repeat(10 << 20);
    let token = format!("{garbage}.{garbage}.{garbage}");
    let raised = validation().max_token_bytes(token.len());
    assert_eq!(
        jwt_core::decode::<Claims>(&token, &key, &raised).unwrap_err(),
        Error::MalformedToken(Malformed::Base64(Segment::Header))
    );
}

#[test]
fn deeply_nested_headers_are_malformed() {
    let key = hs256().verifying_key();
    let raised = validation().max_token_bytes(1 << 20);
    let in_member = format!(r#"{{"alg":"HS256","x":{}}}"#, nested_arrays());
    let unclosed = "[".repeat(DEPTH);
    for header in [nested_arrays(), nested_objects(), in_member, unclosed] {
        let token = format!("{}.e30.AA", b64(header.as_bytes()));
        assert_too_deep(
            jwt_core::decode::<Claims>(&token, &key, &raised),
            Segment::Header,
        );
    }
    // The key-less readers too, within their default limit.
    let token = format!("{}.e30.AA", b64(nested_arrays().as_bytes()));
    assert!(token.len() <= DEFAULT_MAX_TOKEN_BYTES);
    assert_too_deep(jwt_core::decode_header(&token), Segment::Header);
    assert_too_deep(
        dangerous::decode_unverified::<Claims>(&token),
        Segment::Header,
    );
}

#[test]
fn deeply_nested_claims_are_malformed_after_the_signature_verifies() {
    let key = hs256().verifying_key();
    let raised = validation().max_token_bytes(1 << 20);
    let in_claim = format!(r#"{{"exp":2000000000,"x":{}}}"#, nested_arrays());
    for payload in [nested_arrays(), nested_objects(), in_claim] {
        let token = signed(&payload);
        assert_too_deep(
            jwt_core::decode::<Claims>(&token, &key, &raised),
            Segment::Payload,
        );
        // With a wrong key the payload is never parsed.
        let other = VerifyingKey::from(HmacKey::new(&[0x22; 32]).expect("32 bytes"));
        assert_eq!(
            jwt_core::decode::<Claims>(&token, &other, &raised).unwrap_err(),
            Error::InvalidSignature
        );
    }
    let token = signed(&nested_arrays());
    assert_too_deep(
        dangerous::decode_unverified::<Claims>(&token),
        Segment::Payload,
    );
}

#[test]
fn deeply_nested_keys_are_invalid() {
    let jwk = format!(
        r#"{{"kty":"oct","k":"{}","x":{}}}"#,
        "A".repeat(43),
        nested_arrays()
    );
    let jwks = format!(r#"{{"keys":{}}}"#, nested_arrays());
    for err in [
        jwk.parse::<Jwk>().unwrap_err(),
        jwks.parse::<JwkSet>().unwrap_err(),
    ] {
        let Error::InvalidKey(KeyProblem::Jwk(JwkProblem::Json(error))) = &err else {
            panic!("expected an unusable JWK, got {err:?}");
        };
        assert_eq!(error.fault, JsonFault::TooDeep, "{error}");
    }
}

/// Verifies a validly signed token whose payload is `{"exp": <exp>}`, with `exp` written
/// exactly as given.
fn verify_exp(exp: &str) -> Result<Claims, Error> {
    let token = signed(&format!(r#"{{"exp":{exp}}}"#));
    jwt_core::decode::<Claims>(&token, &hs256().verifying_key(), &validation())
        .map(|data| data.claims)
}

/// How `exp` values beyond any real date are judged: a number that fits an f64 is compared as
/// one (huge is in the future, hugely negative is in the past, too small to represent is 0);
/// a number that does not fit (overflows to infinity) is not a NumericDate, so the token is
/// malformed. None of them panics, overflows or takes long.
#[test]
fn extreme_exp_values_get_a_defined_verdict() {
    let expired = |exp: f64| {
        Err::<Claims, _>(Error::Expired {
            exp,
            now: NOW,
            leeway: 0,
        })
    };
    let valid_with = |exp: f64| {
        let claims = json!({ "exp": exp });
        Ok::<Claims, Error>(claims.as_object().expect("object").clone())
    };
    assert_eq!(verify_exp("1e308"), valid_with(1e308));
    assert_eq!(verify_exp("1.7976931348623157e308"), valid_with(f64::MAX));
    // 2^128: above u64, so read as the f64 it is exactly.
    assert_eq!(
        verify_exp("340282366920938463463374607431768211456"),
        valid_with(2f64.powi(128))
    );
    assert_eq!(
        verify_exp(&format!("1{}", "0".repeat(300))),
        valid_with(1e300)
    );
    assert_eq!(verify_exp("-1e308"), expired(-1e308));
    assert_eq!(verify_exp("-0"), expired(0.0));
    assert_eq!(verify_exp("1e-400"), expired(0.0));
    assert_eq!(
        verify_exp(&format!("0.{}1", "0".repeat(9_998))),
        expired(0.0)
    );

    let too_large = [
        "1e400".to_string(),
        "-1e400".to_string(),
        format!("1{}", "0".repeat(9_999)),
        "9".repeat(10_000),
        format!("-{}", "9".repeat(10_000)),
        format!("{}.5", "9".repeat(10_000)),
    ];
    for exp in too_large {
        match verify_exp(&exp) {
            Err(Error::MalformedToken(Malformed::Json(Segment::Payload, error))) => {
                assert_eq!(error.fault, JsonFault::NumberOutOfRange, "{error}");
            }
            other => panic!("exp of {} characters gave {other:?}", exp.len()),
        }
    }
}

#[test]
fn extreme_nbf_and_iat_values_get_a_defined_verdict() {
    let key = hs256().verifying_key();
    let verify = |payload: &str, validation: &Validation| {
        jwt_core::decode::<Claims>(&signed(payload), &key, validation)
            .map(|_| ())
            // Messages print the numbers, 1e308 as 309 digits: formatting must not panic.
            .inspect_err(|err| assert!(!err.to_string().is_empty()))
    };
    let validation = validation();
    assert_eq!(
        verify(r#"{"exp":1e308,"nbf":1e308}"#, &validation),
        Err(Error::NotYetValid {
            nbf: 1e308,
            now: NOW
        })
    );
    assert_eq!(verify(r#"{"exp":1e308,"nbf":-1e308}"#, &validation), Ok(()));
    assert_eq!(
        verify(r#"{"exp":1e308,"iat":1e308}"#, &validation),
        Err(Error::ImmatureIssuedAt {
            iat: 1e308,
            now: NOW
        })
    );
    assert_eq!(
        verify(
            r#"{"exp":1e308,"iat":-1e308}"#,
            &validation.clone().max_age(60)
        ),
        Err(Error::TooOld {
            iat: -1e308,
            max_age: 60,
            now: NOW
        })
    );
    // The largest leeway and clock do not overflow: the arithmetic is in f64.
    let lenient = validation
        .clone()
        .leeway(u64::MAX)
        .clock(Clock::Fixed(u64::MAX));
    assert_eq!(
        verify(r#"{"exp":-1e308}"#, &lenient),
        Err(Error::Expired {
            exp: -1e308,
            now: u64::MAX,
            leeway: u64::MAX
        })
    );
    assert_eq!(
        verify(r#"{"exp":1e308,"nbf":1e308}"#, &lenient),
        Err(Error::NotYetValid {
            nbf: 1e308,
            now: u64::MAX
        })
    );
    assert!(matches!(
        verify(r#"{"exp":1,"nbf":1e400}"#, &validation),
        Err(Error::MalformedToken(Malformed::Json(Segment::Payload, _)))
    ));
}

#[test]
fn an_audience_array_of_100_000_entries_is_handled() {
    let mut audiences: Vec<String> = (0..100_000).map(|i| format!("service-{i:06}")).collect();
    audiences.push("api".into());
    let token = jwt_core::encode(
        &hs256(),
        &Header::new(),
        &json!({"exp": NOW + 60, "aud": audiences}),
    )
    .expect("signs");
    let key = hs256().verifying_key();
    let raised = validation().max_token_bytes(token.len());
    let started = Instant::now();
    let verified = jwt_core::decode::<Claims>(&token, &key, &raised.clone().audience("api"))
        .expect("the accepted audience is the last entry");
    assert_eq!(
        verified.claims["aud"].as_array().map(Vec::len),
        Some(100_001)
    );
    assert_eq!(
        jwt_core::decode::<Claims>(&token, &key, &raised.clone().audience("web")).unwrap_err(),
        Error::InvalidAudience(AudienceProblem::NoMatch)
    );
    assert_eq!(
        jwt_core::decode::<Claims>(&token, &key, &raised).unwrap_err(),
        Error::InvalidAudience(AudienceProblem::Unexpected)
    );
    eprintln!(
        "{} bytes, three verifications in {:?}",
        token.len(),
        started.elapsed()
    );
}

#[test]
fn a_jwks_of_10_000_keys_is_handled() {
    let secret = |i: u32| {
        let mut secret = [0u8; 32];
        secret[..4].copy_from_slice(&i.to_be_bytes());
        secret
    };
    let mut members: Vec<Value> = (0..10_000)
        .map(|i| json!({"kty": "oct", "kid": format!("key-{i}"), "k": b64(&secret(i))}))
        .collect();
    // As many members that are skipped: another key type.
    members.extend(
        (0..10_000).map(|i| json!({"kty": "EC", "crv": "P-256", "kid": format!("ec-{i}")})),
    );
    let started = Instant::now();
    let set: JwkSet = json!({ "keys": members })
        .to_string()
        .parse()
        .expect("JWKS");
    let keys = KeySet::from_jwk_set(&set).expect("usable keys");
    assert_eq!((keys.keys().len(), keys.skipped()), (10_000, 10_000));

    let validation = validation();
    let last = SigningKey::hmac(
        Algorithm::HS256,
        HmacKey::new(&secret(9_999)).expect("32 bytes"),
    )
    .expect("HS256")
    .with_kid("key-9999");
    let claims = json!({"exp": NOW + 60});
    let token = jwt_core::encode(&last, &Header::new(), &claims).expect("signs");
    assert!(jwt_core::decode_with_set::<Claims>(&token, &keys, &validation).is_ok());

    let unknown = jwt_core::encode(&last.clone().with_kid("key-10000"), &Header::new(), &claims)
        .expect("signs");
    assert_eq!(
        jwt_core::decode_with_set::<Claims>(&unknown, &keys, &validation).unwrap_err(),
        Error::UnknownKeyId {
            kid: Some("key-10000".into())
        }
    );
    // Without a kid, 10,000 keys fit HS256: ambiguous, refused rather than tried in turn.
    let unnamed = SigningKey::hmac(
        Algorithm::HS256,
        HmacKey::new(&secret(9_999)).expect("32 bytes"),
    )
    .expect("HS256");
    let token = jwt_core::encode(&unnamed, &Header::new(), &claims).expect("signs");
    assert_eq!(
        jwt_core::decode_with_set::<Claims>(&token, &keys, &validation).unwrap_err(),
        Error::UnknownKeyId { kid: None }
    );
    eprintln!(
        "10,000 + 10,000 members loaded and searched in {:?}",
        started.elapsed()
    );
}

#[test]
fn a_100_kilobyte_rsa_modulus_is_refused_by_its_size() {
    let huge = b64(&[0xff; 100 * 1024]);
    let too_large = Error::InvalidKey(KeyProblem::RsaModulusTooLarge {
        bits: 100 * 1024 * 8,
    });
    let public = json!({"kty": "RSA", "n": huge, "e": "AQAB"});
    assert_eq!(
        VerifyingKey::from_jwk(&jwk(&public)).unwrap_err(),
        too_large
    );
    let private = json!({"kty": "RSA", "n": huge, "e": "AQAB", "d": huge});
    assert_eq!(
        SigningKey::from_jwk(Algorithm::RS256, &jwk(&private)).unwrap_err(),
        too_large
    );
    assert_eq!(
        KeySet::from_jwk_set(&jwk_set(&json!({ "keys": [public] }))).unwrap_err(),
        Error::InvalidKey(KeyProblem::NoUsableKey)
    );
}

#[test]
fn other_oversized_key_members_are_refused() {
    let rsa = VerifyingKey::from_pem(include_str!("keys/rsa2048-public-spki.pem")).expect("RSA");
    let mut members = rsa.to_public_jwk().expect("JWK").into_map();
    // An exponent of 800,000 bits would make every verification a huge exponentiation.
    members.insert("e".into(), b64(&[0xff; 100 * 1024]).into());
    assert_eq!(
        VerifyingKey::from_jwk(&Jwk::from(members)).unwrap_err(),
        Error::InvalidKey(KeyProblem::InvalidRsaKey)
    );
    let okp = json!({"kty": "OKP", "crv": "Ed25519", "x": b64(&[0x42; 100 * 1024])});
    assert_eq!(
        VerifyingKey::from_jwk(&jwk(&okp)).unwrap_err(),
        Error::InvalidKey(KeyProblem::WrongLength {
            expected: 32,
            actual: 100 * 1024
        })
    );
}
