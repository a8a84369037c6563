//! What the fuzz targets share: the fixed test keys, the fixed clock, and generators of
//! arbitrary JSON, claims and headers.
//!
//! The keys are the committed test keys of `jwt-core/tests/keys/`, parsed once per process:
//! RSA key validation costs far more than one fuzz iteration should.

#![forbid(unsafe_code)]

use std::sync::LazyLock;

use arbitrary::{Arbitrary, Result, Unstructured};
use jwt_core::{
    Algorithm, AlgorithmSet, Claims, Clock, EcCurve, Header, HmacKey, KeyFamily, SigningKey,
    TokenData, Validation, VerifyingKey,
};
use serde_json::{Map, Value};

/// The instant every target verifies at: the `now` of the conformance case files, so that
/// their valid tokens are valid seeds.
pub const NOW: u64 = 1_700_000_000;

/// The HMAC secret of most conformance cases: the bytes 0, 1, ..., 31.
pub const HS256_SECRET: [u8; 32] = sequence();

/// A secret long enough for HS512: the bytes 0, 1, ..., 63.
pub const HS512_SECRET: [u8; 64] = sequence();

const fn sequence<const N: usize>() -> [u8; N] {
    let mut bytes = [0; N];
    let mut i = 0;
    while i < N {
        bytes[i] = i as u8;
        i += 1;
    }
    bytes
}

pub const RSA_PRIVATE_PEM: &str =
    include_str!("../../jwt-core/tests/keys/rsa2048-private-pkcs8.pem");
pub const RSA_PUBLIC_PEM: &str = include_str!("../../jwt-core/tests/keys/rsa2048-public-spki.pem");
pub const ED25519_PRIVATE_PEM: &str =
    include_str!("../../jwt-core/tests/keys/ed25519-private-pkcs8.pem");
pub const ED25519_PUBLIC_PEM: &str =
    include_str!("../../jwt-core/tests/keys/ed25519-public-spki.pem");
pub const P256_PRIVATE_PEM: &str = include_str!("../../jwt-core/tests/keys/p256-private-pkcs8.pem");
pub const P256_PUBLIC_PEM: &str = include_str!("../../jwt-core/tests/keys/p256-public-spki.pem");
pub const P384_PRIVATE_PEM: &str = include_str!("../../jwt-core/tests/keys/p384-private-pkcs8.pem");

/// The group order n of P-256, big-endian.
pub const P256_ORDER: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
];

fn hmac(secret: &[u8]) -> HmacKey {
    HmacKey::new(secret).expect("the fixed HMAC secret is long enough")
}

/// The verifying key of the `verify_hs256` target.
pub static HS256_KEY: LazyLock<VerifyingKey> = LazyLock::new(|| hmac(&HS256_SECRET).into());

/// The verifying key of the `verify_rs256` target (the conformance cases' RSA key).
pub static RSA_KEY: LazyLock<VerifyingKey> =
    LazyLock::new(|| VerifyingKey::from_pem(RSA_PUBLIC_PEM).expect("the test RSA key loads"));

/// The verifying key of the `verify_eddsa` target (the conformance cases' Ed25519 key).
pub static ED25519_KEY: LazyLock<VerifyingKey> = LazyLock::new(|| {
    VerifyingKey::from_pem(ED25519_PUBLIC_PEM).expect("the test Ed25519 key loads")
});

/// The verifying key of the `verify_es256` target (the conformance cases' P-256 key).
pub static P256_KEY: LazyLock<VerifyingKey> =
    LazyLock::new(|| VerifyingKey::from_pem(P256_PUBLIC_PEM).expect("the test P-256 key loads"));

/// One signing key per algorithm, in [`Algorithm::ALL`] order.
pub static SIGNERS: LazyLock<Vec<SigningKey>> = LazyLock::new(|| {
    Algorithm::ALL
        .into_iter()
        .map(|alg| {
            let key = match (alg.family(), alg.curve()) {
                (KeyFamily::Hmac, _) => SigningKey::hmac(alg, hmac(&HS512_SECRET)),
                (KeyFamily::Rsa, _) => SigningKey::from_pem(alg, RSA_PRIVATE_PEM),
                (KeyFamily::Ec, Some(EcCurve::P256)) => SigningKey::from_pem(alg, P256_PRIVATE_PEM),
                (KeyFamily::Ec, Some(EcCurve::P384)) => SigningKey::from_pem(alg, P384_PRIVATE_PEM),
                (KeyFamily::Ed25519, _) => SigningKey::from_pem(alg, ED25519_PRIVATE_PEM),
                (family, curve) => panic!("no test key of the {family} family ({curve:?})"),
            };
            key.expect("every test signing key loads")
        })
        .collect()
});

/// The signing key for `alg`.
pub fn signer(alg: Algorithm) -> &'static SigningKey {
    let index = Algorithm::ALL
        .iter()
        .position(|each| *each == alg)
        .expect("ALL lists every algorithm");
    &SIGNERS[index]
}

/// Every algorithm: the `verify_*` targets leave the choice to the key, so that tokens of
/// other algorithms reach the key/algorithm binding checks.
pub fn every_algorithm() -> AlgorithmSet {
    AlgorithmSet::from_algorithms(Algorithm::ALL).expect("ALL is not empty")
}

/// The PSS algorithms, the allow-list of the `verify_ps256` target.
pub fn pss_algorithms() -> AlgorithmSet {
    AlgorithmSet::new(Algorithm::PS256)
        .with(Algorithm::PS384)
        .with(Algorithm::PS512)
}

/// The settings the conformance cases mostly use, at [`NOW`].
pub fn case_validation() -> Validation {
    case_validation_for(every_algorithm())
}

/// The settings the conformance cases mostly use, at [`NOW`], with the allow-list `algorithms`.
pub fn case_validation_for(algorithms: AlgorithmSet) -> Validation {
    Validation::new_with_clock(algorithms, Clock::Fixed(NOW))
        .issuer("https://auth.example.com")
        .audience("api")
}

/// Settings that check as little as they can: no required claim, any audience, generous
/// leeway. Seeds whose claims the strict settings refuse still reach the accepting path.
pub fn lenient_validation() -> Validation {
    lenient_validation_for(every_algorithm())
}

/// [`lenient_validation`] with the allow-list `algorithms`.
pub fn lenient_validation_for(algorithms: AlgorithmSet) -> Validation {
    Validation::new_with_clock(algorithms, Clock::Fixed(NOW))
        .required_claims([])
        .ignore_audience()
        .leeway(NOW)
        .validate_exp(false)
}

/// Big-endian `a - b` for numbers of the same length with `a >= b`; `None` otherwise.
pub fn sub_big_endian(a: &[u8], b: &[u8]) -> Option<Vec<u8>> {
    if a.len() != b.len() {
        return None;
    }
    let mut out = vec![0; a.len()];
    let mut borrow = 0i16;
    for i in (0..a.len()).rev() {
        let mut digit = i16::from(a[i]) - i16::from(b[i]) - borrow;
        borrow = i16::from(digit < 0);
        digit += 256 * borrow;
        out[i] = digit as u8;
    }
    (borrow == 0).then_some(out)
}

/// The JOSE ECDSA signature `r || s` in ASN.1 DER, as X.509 writes it.
pub fn ecdsa_der(signature: &[u8]) -> Vec<u8> {
    let (r, s) = signature.split_at(signature.len() / 2);
    let integer = |bytes: &[u8]| {
        let mut value: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
        if value.first().is_none_or(|first| first & 0x80 != 0) {
            value.insert(0, 0);
        }
        [vec![0x02, value.len() as u8], value].concat()
    };
    let body = [integer(r), integer(s)].concat();
    let length = if body.len() < 0x80 {
        vec![body.len() as u8]
    } else {
        vec![0x81, body.len() as u8]
    };
    [vec![0x30], length, body].concat()
}

/// The input as text, if it is UTF-8, for the APIs that take `&str` (JWK and PEM text).
/// Tokens are bytes: the `verify_*` and `decode_unverified` targets hand over any input.
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// The signing input and the signature segment of a token that verified: an accepted token
/// is ASCII, whatever bytes the input held.
pub fn accepted_parts(token: &[u8]) -> (&[u8], &str) {
    let text = std::str::from_utf8(token).expect("an accepted token is UTF-8");
    assert!(
        text.is_ascii(),
        "accepted a token with a byte that is not ASCII: {text:?}"
    );
    let (input, signature) = text.rsplit_once('.').expect("an accepted token has dots");
    (input.as_bytes(), signature)
}

/// Checks the property every `verify_*` target shares: verification never panics, and a
/// token it accepts is one whose signature the raw signature API also accepts, and whose
/// header and claims read the same without a key. Returns what was accepted.
pub fn check_verify(
    token: &[u8],
    key: &VerifyingKey,
    validation: &Validation,
) -> Option<TokenData<Claims>> {
    let data = jwt_core::decode::<Claims>(token, key, validation).ok()?;
    let (signing_input, signature) = accepted_parts(token);
    let signature = base64url(signature).expect("an accepted signature is base64url");
    assert_eq!(
        key.verify(data.algorithm, signing_input, &signature),
        Ok(()),
        "decode accepted a signature that the signature layer refuses"
    );
    assert!(validation.algorithms().contains(data.algorithm));
    let (algorithm, header) = jwt_core::decode_header(token).expect("an accepted token's header");
    assert_eq!((algorithm, &header), (data.algorithm, &data.header));
    let unverified = jwt_core::dangerous::decode_unverified::<Claims>(token)
        .expect("an accepted token decodes unverified");
    assert_eq!(unverified, data);
    Some(data)
}

/// Checks, independently of `jwt-core`, that claims accepted under [`case_validation`] meet
/// it: a number `exp` after [`NOW`], the expected `iss`, and `api` among the audiences.
pub fn check_case_claims(claims: &Claims) {
    let exp = claims.get("exp").and_then(Value::as_f64);
    assert!(exp.is_some_and(|exp| exp > NOW as f64), "exp {exp:?}");
    assert_eq!(claims["iss"], "https://auth.example.com");
    let audience_is_api = match &claims["aud"] {
        Value::String(aud) => aud == "api",
        Value::Array(auds) => auds.iter().any(|aud| aud == "api"),
        _ => false,
    };
    assert!(audience_is_api, "aud {:?}", claims["aud"]);
}

/// Strict unpadded base64url, written out independently of the crate under test.
pub fn base64url(text: &str) -> Option<Vec<u8>> {
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    // A lone trailing character, or unused bits that are set, is not canonical.
    (count < 6 && bits == 0).then_some(out)
}

/// Unpadded base64url encoding, independent of the crate under test.
pub fn base64url_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, byte)| n | u32::from(*byte) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

/// An arbitrary JSON value, nested at most `depth` levels.
pub fn json_value(u: &mut Unstructured<'_>, depth: u32) -> Result<Value> {
    let choices = if depth == 0 { 6 } else { 8 };
    Ok(match u.choose_index(choices)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => Value::from(u.arbitrary::<i64>()?),
        3 => Value::from(u.arbitrary::<u64>()?),
        // Non-finite numbers have no JSON form: serde_json makes them null.
        4 => Value::from(u.arbitrary::<f64>()?),
        5 => Value::String(u.arbitrary()?),
        6 => {
            let len = u.int_in_range(0..=4)?;
            Value::Array(
                (0..len)
                    .map(|_| json_value(u, depth - 1))
                    .collect::<Result<_>>()?,
            )
        }
        _ => Value::Object(json_object(u, depth - 1)?),
    })
}

/// An arbitrary JSON object, its values nested at most `depth` levels.
pub fn json_object(u: &mut Unstructured<'_>, depth: u32) -> Result<Map<String, Value>> {
    let len = u.int_in_range(0..=4)?;
    let mut map = Map::new();
    for _ in 0..len {
        map.insert(u.arbitrary()?, json_value(u, depth)?);
    }
    Ok(map)
}

/// The registered claims the generators set, with their registered types.
const REGISTERED_CLAIMS: [&str; 7] = ["exp", "nbf", "iat", "iss", "sub", "aud", "jti"];

/// Claims that pass default validation at [`NOW`] once [`ValidClaims::validation`] expects
/// what they name: `exp` in the future, optional `nbf`/`iat` in the past, optional
/// `iss`/`sub`/`aud`/`jti`, and arbitrary private claims.
#[derive(Debug)]
pub struct ValidClaims {
    pub claims: Claims,
    issuer: Option<String>,
    subject: Option<String>,
    audience: Option<Option<String>>,
}

impl ValidClaims {
    /// Settings for `alg` at [`NOW`] that expect exactly what the claims name (an array
    /// audience is ignored rather than expected).
    pub fn validation(&self, alg: Algorithm) -> Validation {
        let mut validation = Validation::new_with_clock(alg, Clock::Fixed(NOW));
        if let Some(issuer) = &self.issuer {
            validation = validation.issuer(issuer.clone());
        }
        if let Some(subject) = &self.subject {
            validation = validation.subject(subject.clone());
        }
        match &self.audience {
            None => validation,
            Some(Some(audience)) => validation.audience(audience.clone()),
            Some(None) => validation.ignore_audience(),
        }
    }
}

impl<'a> Arbitrary<'a> for ValidClaims {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        fn date(u: &mut Unstructured<'_>, range: std::ops::RangeInclusive<u64>) -> Result<Value> {
            let seconds = u.int_in_range(range)?;
            // Fractional NumericDates are allowed (RFC 7519 section 2).
            Ok(if u.arbitrary()? {
                Value::from(seconds)
            } else {
                Value::from(seconds as f64 + 0.5)
            })
        }
        let mut claims = Claims::new();
        claims.insert("exp".into(), date(u, NOW + 1..=NOW + 1_000_000_000)?);
        if u.arbitrary()? {
            claims.insert("nbf".into(), date(u, 0..=NOW - 1)?);
        }
        if u.arbitrary()? {
            claims.insert("iat".into(), date(u, 0..=NOW - 1)?);
        }
        let issuer: Option<String> = u.arbitrary()?;
        if let Some(iss) = &issuer {
            claims.insert("iss".into(), iss.as_str().into());
        }
        let subject: Option<String> = u.arbitrary()?;
        if let Some(sub) = &subject {
            claims.insert("sub".into(), sub.as_str().into());
        }
        let audience = match u.choose_index(3)? {
            0 => None,
            1 => {
                let aud: String = u.arbitrary()?;
                claims.insert("aud".into(), aud.as_str().into());
                Some(Some(aud))
            }
            _ => {
                let auds: Vec<String> = u.arbitrary()?;
                claims.insert("aud".into(), auds.into());
                Some(None)
            }
        };
        if u.arbitrary()? {
            claims.insert("jti".into(), u.arbitrary::<String>()?.into());
        }
        for (name, value) in json_object(u, 3)? {
            if !REGISTERED_CLAIMS.contains(&name.as_str()) {
                claims.insert(name, value);
            }
        }
        Ok(Self {
            claims,
            issuer,
            subject,
            audience,
        })
    }
}

/// An arbitrary header: `typ` (default, custom or none), `kid`, `cty` and private members.
fn header(u: &mut Unstructured<'_>) -> Result<Header> {
    let mut header = match u.choose_index(3)? {
        0 => Header::new(),
        1 => Header::new().with_typ(u.arbitrary::<String>()?),
        _ => Header::new().without_typ(),
    };
    if u.arbitrary()? {
        header = header.with_kid(u.arbitrary::<String>()?);
    }
    if u.arbitrary()? {
        header = header.with_content_type(u.arbitrary::<String>()?);
    }
    for (name, value) in json_object(u, 2)? {
        // Reserved names are refused by design (`with_extra`'s contract), so skipped here.
        if let Ok(extended) = header.clone().with_extra(name, value) {
            header = extended;
        }
    }
    Ok(header)
}

/// What the signing targets sign: an algorithm, a header and claims that validate.
#[derive(Debug)]
pub struct Signed {
    pub algorithm: Algorithm,
    pub header: Header,
    pub claims: ValidClaims,
}

impl Signed {
    /// Signs the claims under the header with the algorithm's test key, verifies the token,
    /// and checks that it reads back to exactly what was signed: the token, and what it
    /// verified to.
    pub fn sign_and_verify(&self) -> (String, TokenData<Claims>) {
        let key = signer(self.algorithm);
        let token =
            jwt_core::encode(key, &self.header, &self.claims.claims).expect("valid claims sign");
        let validation = self.claims.validation(self.algorithm);
        let verified = jwt_core::decode::<Claims>(&token, &key.verifying_key(), &validation)
            .expect("a freshly signed token verifies");
        assert_eq!(verified.algorithm, self.algorithm);
        assert_eq!(verified.header, self.header);
        assert_eq!(verified.claims, self.claims.claims);
        (token, verified)
    }
}

impl<'a> Arbitrary<'a> for Signed {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(Self {
            algorithm: u.choose(&Algorithm::ALL).copied()?,
            header: header(u)?,
            claims: u.arbitrary()?,
        })
    }
}
