//! Known attacks on JWT libraries, one test each, named in a comment by the attack (and its
//! CVE where there is one). Every forged token is built so that it *would* pass a verifier with
//! the weakness in question: only the defence under test stops it.

use std::sync::LazyLock;

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::{KeyInit, Mac};
use jwt_core::{
    Algorithm, AlgorithmProblem, AlgorithmSet, Claims, Clock, EcCurve, Ed25519PublicKey, Error,
    Header, HmacKey, KeyFamily, KeyProblem, KeySet, Malformed, RsaPrivateKey, Segment, SigningKey,
    UntrustedToken, Validation, VerifyingKey, dangerous,
};
use serde_json::{Value, json};

const NOW: u64 = 1_700_000_000;
const PAYLOAD: &str = r#"{"sub":"admin","exp":2000000000}"#;

const RSA_PRIVATE: &str = include_str!("keys/rsa2048-private-pkcs8.pem");
const RSA_PUBLIC: &str = include_str!("keys/rsa2048-public-spki.pem");
const RSA_PUBLIC_PKCS1: &str = include_str!("keys/rsa2048-public-pkcs1.pem");
const RSA_ATTACKER: &str = include_str!("keys/rsa2048-other-private-pkcs8.pem");
const ED25519_PRIVATE: &str = include_str!("keys/ed25519-private-pkcs8.pem");
const ED25519_PUBLIC: &str = include_str!("keys/ed25519-public-spki.pem");
const ED25519_ATTACKER: &str = include_str!("keys/ed25519-other-private-pkcs8.pem");
const P256_PRIVATE: &str = include_str!("keys/p256-private-pkcs8.pem");
const P256_PUBLIC: &str = include_str!("keys/p256-public-spki.pem");
const P384_PRIVATE: &str = include_str!("keys/p384-private-pkcs8.pem");
const P384_PUBLIC: &str = include_str!("keys/p384-public-spki.pem");

/// The group order of Ed25519, L = 2^252 + 27742317777372353535851937790883648493,
/// little-endian as in signatures.
const L: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

/// The verifier's HMAC secret: 64 bytes, so that it is strong enough for every `HS*`.
static SECRET: LazyLock<HmacKey> = LazyLock::new(|| HmacKey::new(&[0x5a; 64]).expect("64 bytes"));
static RSA: LazyLock<SigningKey> =
    LazyLock::new(|| SigningKey::from_pem(Algorithm::RS256, RSA_PRIVATE).expect("RSA key"));
static ED25519: LazyLock<SigningKey> =
    LazyLock::new(|| SigningKey::from_pem(Algorithm::EdDSA, ED25519_PRIVATE).expect("Ed25519 key"));
static ES256: LazyLock<SigningKey> =
    LazyLock::new(|| SigningKey::from_pem(Algorithm::ES256, P256_PRIVATE).expect("P-256 key"));
static ES384: LazyLock<SigningKey> =
    LazyLock::new(|| SigningKey::from_pem(Algorithm::ES384, P384_PRIVATE).expect("P-384 key"));
static PS256: LazyLock<SigningKey> =
    LazyLock::new(|| SigningKey::from_pem(Algorithm::PS256, RSA_PRIVATE).expect("RSA key"));

/// The group order n of P-256, big-endian.
const P256_ORDER: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
/// The group order n of P-384, big-endian.
const P384_ORDER: &str = "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973";

fn b64(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

fn every_algorithm() -> AlgorithmSet {
    AlgorithmSet::from_algorithms(Algorithm::ALL).expect("not empty")
}

fn validation(algorithms: impl Into<AlgorithmSet>) -> Validation {
    Validation::new_with_clock(algorithms, Clock::Fixed(NOW))
}

fn hmac_signer(algorithm: Algorithm, secret: &[u8]) -> SigningKey {
    SigningKey::hmac(algorithm, HmacKey::new(secret).expect(">= 32 bytes")).expect("HMAC key")
}

/// A compact token from exact header and payload JSON text and signature bytes: attacks need
/// headers that `jws::sign` rightly refuses to produce.
fn assemble(header: &str, payload: &str, signature: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        b64(header.as_bytes()),
        b64(payload.as_bytes()),
        b64(signature)
    )
}

/// Like [`assemble`], signed by `key` over the exact header and payload text.
fn signed_raw(key: &SigningKey, header: &str, payload: &str) -> String {
    let input = format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()));
    let signature = key.sign(input.as_bytes()).expect("signs");
    format!("{input}.{}", b64(&signature))
}

fn signature_of(token: &str) -> Vec<u8> {
    let (_, signature) = token.rsplit_once('.').expect("three segments");
    Base64UrlUnpadded::decode_vec(signature).expect("canonical signature")
}

fn with_signature(token: &str, signature: &[u8]) -> String {
    let (input, _) = token.rsplit_once('.').expect("three segments");
    format!("{input}.{}", b64(signature))
}

/// Big-endian `a + b` (as many bytes as the longer operand, plus a carry byte if needed).
fn add_be(a: &[u8], b: &[u8]) -> Vec<u8> {
    let len = a.len().max(b.len());
    let padded = |x: &[u8]| [vec![0; len - x.len()], x.to_vec()].concat();
    let (a, b) = (padded(a), padded(b));
    let mut sum = vec![0u8; len];
    let mut carry = 0u16;
    for i in (0..len).rev() {
        let digit = u16::from(a[i]) + u16::from(b[i]) + carry;
        sum[i] = digit as u8;
        carry = digit >> 8;
    }
    if carry > 0 {
        sum.insert(0, carry as u8);
    }
    sum
}

/// The bytes written as hex digits.
fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

/// The 32 bytes written as 64 hex digits.
fn hex32(text: &str) -> [u8; 32] {
    hex(text).try_into().expect("32 bytes")
}

/// Big-endian `a - b` for `a >= b`, as long as `a`.
fn sub_be(a: &[u8], b: &[u8]) -> Vec<u8> {
    let b = [vec![0; a.len() - b.len()], b.to_vec()].concat();
    let mut out = vec![0u8; a.len()];
    let mut borrow = 0i16;
    for i in (0..a.len()).rev() {
        let mut digit = i16::from(a[i]) - i16::from(b[i]) - borrow;
        borrow = i16::from(digit < 0);
        digit += 256 * borrow;
        out[i] = digit as u8;
    }
    assert_eq!(borrow, 0, "a >= b");
    out
}

/// The ECDSA signature `r || s` in ASN.1 DER, as X.509 and most non-JOSE APIs write it.
fn ecdsa_der(signature: &[u8]) -> Vec<u8> {
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

// Unsecured JWS (RFC 7519 section 6): `alg: none` in any spelling, with or without a
// signature, is never accepted, even with every algorithm allowed and by the unverified
// readers; a spelling with whitespace is not `none` but an unknown algorithm.
#[test]
fn alg_none_is_refused_in_every_spelling() {
    let keys = KeySet::new([
        VerifyingKey::from(SECRET.clone()),
        RSA.verifying_key(),
        ED25519.verifying_key(),
    ])
    .expect("three keys");
    let validation = validation(every_algorithm());
    let hs256 = SigningKey::hmac(Algorithm::HS256, SECRET.clone()).expect("HS256");
    let none = Error::InvalidAlgorithm(AlgorithmProblem::None);
    // The last spelling is `none` with a JSON escape, read as `none` once unescaped.
    for alg in ["none", "None", "NONE", "nOnE", "NoNe", r"\u006eone"] {
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        for token in [
            assemble(&header, PAYLOAD, b""),
            // Signed with the verifier's own secret, for verifiers that check a MAC whenever
            // one is present.
            signed_raw(&hs256, &header, PAYLOAD),
        ] {
            for key in keys.keys() {
                assert_eq!(
                    jwt_core::decode::<Claims>(&token, key, &validation).unwrap_err(),
                    none,
                    "{alg}"
                );
            }
            assert_eq!(
                jwt_core::decode_with_set::<Claims>(&token, &keys, &validation).unwrap_err(),
                none
            );
            assert_eq!(jwt_core::decode_header(&token).unwrap_err(), none);
            assert_eq!(
                dangerous::decode_unverified::<Claims>(&token).unwrap_err(),
                none
            );
        }
    }
    for alg in ["none ", " none", "none\n", "none\u{0}", "nonE\t"] {
        let header = json!({ "alg": alg }).to_string();
        let token = assemble(&header, PAYLOAD, b"");
        assert_eq!(
            jwt_core::decode::<Claims>(&token, &hs256.verifying_key(), &validation).unwrap_err(),
            Error::InvalidAlgorithm(AlgorithmProblem::Unsupported(alg.into())),
            "{alg:?}"
        );
    }
    // Nor can `none` be put on an allow-list.
    assert_eq!(
        AlgorithmSet::from_names(["HS256", "none"]).unwrap_err(),
        none
    );
}

// HS256/RS256 key confusion (CVE-2015-9235 in node-jsonwebtoken, CVE-2022-29217 in PyJWT and
// their kin): the attacker MACs an HS256 token with the RSA *public* key, in whatever byte form
// the verifier might turn into an HMAC secret. A key verifies only its own family, so the
// verdict is KeyAlgorithmMismatch even with both algorithms allowed.
#[test]
fn hs256_tokens_maced_with_the_rsa_public_key_are_refused() {
    let public = RsaPrivateKey::from_pem(RSA_PRIVATE)
        .expect("RSA")
        .public_key();
    let key = VerifyingKey::from_pem(RSA_PUBLIC).expect("SPKI");
    let jwk = key.to_public_jwk().expect("JWK").to_string();
    let secrets: [(&str, Vec<u8>); 6] = [
        ("SPKI PEM", RSA_PUBLIC.as_bytes().to_vec()),
        ("SPKI PEM, trimmed", RSA_PUBLIC.trim().as_bytes().to_vec()),
        ("PKCS#1 PEM", RSA_PUBLIC_PKCS1.as_bytes().to_vec()),
        ("SPKI DER", public.to_spki_der().expect("DER")),
        ("JWK JSON", jwk.clone().into_bytes()),
        ("modulus", public.modulus()),
    ];
    let both = validation(AlgorithmSet::new(Algorithm::HS256).with(Algorithm::RS256));
    let mismatch = Error::KeyAlgorithmMismatch {
        algorithm: Algorithm::HS256,
        key: KeyFamily::Rsa,
        restricted_to: None,
    };
    for (form, secret) in secrets {
        let forged = jwt_core::encode(
            &hmac_signer(Algorithm::HS256, &secret),
            &Header::new(),
            &json!({"sub": "admin", "exp": 2_000_000_000}),
        )
        .expect("signs");
        // The forgery is real: a verifier that used these bytes as a secret would accept it.
        let confused = VerifyingKey::from(HmacKey::new(&secret).expect(">= 32 bytes"));
        assert!(jwt_core::decode::<Claims>(&forged, &confused, &both).is_ok());

        for key in [
            VerifyingKey::from_pem(RSA_PUBLIC).expect("SPKI"),
            VerifyingKey::from_pem(RSA_PUBLIC_PKCS1).expect("PKCS#1"),
            VerifyingKey::from_jwk(&jwk.parse().expect("JSON")).expect("JWK"),
            VerifyingKey::from_der(&public.to_spki_der().expect("DER")).expect("DER"),
        ] {
            assert_eq!(
                jwt_core::decode::<Claims>(&forged, &key, &both).unwrap_err(),
                mismatch,
                "{form}"
            );
        }
        // From a key set: no key fits HS256 at all.
        let set = format!(r#"{{"keys":[{jwk}]}}"#).parse().expect("JWKS");
        let keys = KeySet::from_jwk_set(&set).expect("a usable key");
        assert_eq!(
            jwt_core::decode_with_set::<Claims>(&forged, &keys, &both).unwrap_err(),
            Error::UnknownKeyId { kid: None },
            "{form}"
        );
    }
    // The same with the key named: the named key is of the wrong family.
    let named = VerifyingKey::from_pem(RSA_PUBLIC)
        .expect("SPKI")
        .with_kid("rsa-1");
    let keys = KeySet::new([named]).expect("one key");
    let forged = jwt_core::encode(
        &hmac_signer(Algorithm::HS256, RSA_PUBLIC.as_bytes()),
        &Header::new().with_kid("rsa-1"),
        &json!({"exp": 2_000_000_000}),
    )
    .expect("signs");
    assert_eq!(
        jwt_core::decode_with_set::<Claims>(&forged, &keys, &both).unwrap_err(),
        mismatch
    );
}

// The same confusion against an Ed25519 verifier: an HS256 token MACed with the Ed25519 public
// key's PEM text or raw 32 bytes.
#[test]
fn hs256_tokens_maced_with_the_ed25519_public_key_are_refused() {
    let key = VerifyingKey::from_pem(ED25519_PUBLIC).expect("SPKI");
    let jwk = ED25519.verifying_key().to_public_jwk().expect("JWK");
    let raw = jwk
        .get("x")
        .and_then(Value::as_str)
        .map(|x| Base64UrlUnpadded::decode_vec(x).expect("base64url"))
        .expect("x");
    let allowed = validation(AlgorithmSet::new(Algorithm::HS256).with(Algorithm::EdDSA));
    for secret in [ED25519_PUBLIC.as_bytes(), &raw] {
        let forged = jwt_core::encode(
            &hmac_signer(Algorithm::HS256, secret),
            &Header::new(),
            &json!({"exp": 2_000_000_000}),
        )
        .expect("signs");
        assert_eq!(
            jwt_core::decode::<Claims>(&forged, &key, &allowed).unwrap_err(),
            Error::KeyAlgorithmMismatch {
                algorithm: Algorithm::HS256,
                key: KeyFamily::Ed25519,
                restricted_to: None,
            }
        );
    }
}

// `kid` injection: path traversal (`../../dev/null`, then MAC with the empty file's contents)
// and SQL injection (`' OR '1'='1`) against verifiers that look keys up by `kid` in a file
// system or database. A key set compares `kid` as an opaque string, exactly.
#[test]
fn kid_is_an_opaque_exact_string() {
    const ODD_KID: &str = "../../etc/passwd' OR '1'='1";
    let odd_secret = [0x33; 32];
    let keys = KeySet::new([
        VerifyingKey::from(HmacKey::new(&[0x01; 32]).expect("32 bytes")).with_kid("k1"),
        VerifyingKey::from(HmacKey::new(&[0x02; 32]).expect("32 bytes")).with_kid("k2"),
        VerifyingKey::from(HmacKey::new(&odd_secret).expect("32 bytes")).with_kid(ODD_KID),
    ])
    .expect("three keys");
    let validation = validation(Algorithm::HS256);

    let empty_key_mac = |input: &str| {
        let mut mac = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(b"")
            .expect("HMAC takes any key length");
        mac.update(input.as_bytes());
        mac.finalize().into_bytes().to_vec()
    };
    let attacks = [
        "../../../../../../dev/null",
        "/dev/null",
        "../../etc/passwd",
        "' OR '1'='1",
        "k1' OR '1'='1",
        "k1' --",
        "k1\u{0}",
        "k1 ",
        "K1",
        "k%",
        "*",
        "",
        "k1/../k2",
        "../../etc/passwd' OR '1'='",
    ];
    for kid in attacks {
        let header = json!({"alg": "HS256", "kid": kid}).to_string();
        let input = format!("{}.{}", b64(header.as_bytes()), b64(PAYLOAD.as_bytes()));
        let tokens = [
            format!("{input}.{}", b64(&empty_key_mac(&input))),
            signed_raw(
                &hmac_signer(Algorithm::HS256, &[0x01; 32]),
                &header,
                PAYLOAD,
            ),
        ];
        for token in tokens {
            assert_eq!(
                jwt_core::decode_with_set::<Claims>(&token, &keys, &validation).unwrap_err(),
                Error::UnknownKeyId {
                    kid: Some(kid.into())
                },
                "{kid:?}"
            );
        }
    }
    // The odd kid matches its own key exactly, and only that key's MAC verifies.
    let header = json!({"alg": "HS256", "kid": ODD_KID}).to_string();
    let token = signed_raw(
        &hmac_signer(Algorithm::HS256, &odd_secret),
        &header,
        PAYLOAD,
    );
    let verified =
        jwt_core::decode_with_set::<Claims>(&token, &keys, &validation).expect("exact kid");
    assert_eq!(verified.header.kid(), Some(ODD_KID));
    let token = signed_raw(
        &hmac_signer(Algorithm::HS256, &[0x01; 32]),
        &header,
        PAYLOAD,
    );
    assert_eq!(
        jwt_core::decode_with_set::<Claims>(&token, &keys, &validation).unwrap_err(),
        Error::InvalidSignature
    );
}

/// The header members that point a naive verifier at a key of the attacker's choosing.
fn key_pointing_members(attacker: &SigningKey) -> Header {
    let jwk = Value::Object(attacker.to_public_jwk().expect("JWK").into_map());
    let der = attacker
        .to_public_pem()
        .expect("SPKI")
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect::<String>();
    Header::new()
        .with_extra("jwk", jwk)
        .and_then(|h| h.with_extra("jku", json!("https://attacker.example/jwks.json")))
        .and_then(|h| h.with_extra("x5u", json!("https://attacker.example/cert.pem")))
        .and_then(|h| h.with_extra("x5c", json!([der])))
        .expect("not managed names")
}

// Embedded and remote keys (`jwk`, `jku`, `x5u`, `x5c`; CVE-2018-0114 in node-jose and the
// `jku` header-injection class): the attacker signs with their own key and names it in the
// header. Those members are parsed and exposed, never used: only the configured key decides.
#[test]
fn keys_named_in_the_header_are_never_used() {
    for (algorithm, attacker, legit) in [
        (Algorithm::EdDSA, ED25519_ATTACKER, &*ED25519),
        (Algorithm::RS256, RSA_ATTACKER, &*RSA),
    ] {
        let attacker = SigningKey::from_pem(algorithm, attacker).expect("attacker key");
        let header = key_pointing_members(&attacker);
        let claims = json!({"sub": "admin", "exp": 2_000_000_000});
        let forged =
            jwt_core::encode(&attacker, &header.clone().with_kid("legit"), &claims).expect("signs");
        let validation = validation(algorithm);
        assert!(jwt_core::decode_header(&forged).is_ok_and(|(_, h)| h.extra("jwk").is_some()));
        assert_eq!(
            jwt_core::decode::<Claims>(&forged, &legit.verifying_key(), &validation).unwrap_err(),
            Error::InvalidSignature,
            "{algorithm}"
        );
        let keys = KeySet::new([legit.verifying_key().with_kid("legit")]).expect("one key");
        assert_eq!(
            jwt_core::decode_with_set::<Claims>(&forged, &keys, &validation).unwrap_err(),
            Error::InvalidSignature
        );
        // Named by its own kid, the attacker's key is simply unknown.
        let forged = jwt_core::encode(&attacker, &header.clone().with_kid("attacker"), &claims)
            .expect("signs");
        assert_eq!(
            jwt_core::decode_with_set::<Claims>(&forged, &keys, &validation).unwrap_err(),
            Error::UnknownKeyId {
                kid: Some("attacker".into())
            }
        );
        // And a legitimate token carrying the attacker's key still verifies with the
        // configured key: the embedded key is ignored both ways.
        let legit_token = jwt_core::encode(legit, &header, &claims).expect("signs");
        assert!(
            jwt_core::decode::<Claims>(&legit_token, &legit.verifying_key(), &validation).is_ok()
        );
    }
}

// Ed25519 signature malleability: (R, S + L) is a second valid-looking signature for lax
// verifiers that do not require S < L. Verification is strict, so it is refused; so are S = L
// and the all-zero signature.
#[test]
fn malleated_ed25519_signatures_are_refused() {
    let token =
        jwt_core::encode(&ED25519, &Header::new(), &json!({"exp": 2_000_000_000})).expect("signs");
    let key = ED25519.verifying_key();
    let validation = validation(Algorithm::EdDSA);
    assert!(jwt_core::decode::<Claims>(&token, &key, &validation).is_ok());

    let signature = signature_of(&token);
    let mut s_plus_l = signature.clone();
    let mut carry = 0u16;
    for (s, l) in s_plus_l[32..].iter_mut().zip(L) {
        let sum = u16::from(*s) + u16::from(l) + carry;
        *s = sum as u8;
        carry = sum >> 8;
    }
    assert_eq!(carry, 0, "S + L fits in 32 bytes for every canonical S");
    let mut s_equals_l = signature.clone();
    s_equals_l[32..].copy_from_slice(&L);
    for forged in [s_plus_l, s_equals_l, vec![0; 64]] {
        assert_eq!(
            jwt_core::decode::<Claims>(&with_signature(&token, &forged), &key, &validation)
                .unwrap_err(),
            Error::InvalidSignature
        );
    }
}

// Small-order Ed25519 public keys: with the identity point as public key, (R = identity,
// S = 0) verifies every message under cofactored or lax verification. Every point of order
// 1, 2, 4 or 8, in canonical and non-canonical encodings, is refused when the key is loaded.
#[test]
fn small_order_ed25519_public_keys_do_not_load() {
    let small_order = [
        // The eight torsion points, canonically encoded.
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        // Non-canonical encodings of small-order points (y >= p, or x = 0 with the sign bit).
        "0100000000000000000000000000000000000000000000000000000000000080",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    ];
    let invalid = Error::InvalidKey(KeyProblem::InvalidEd25519Key);
    for hex in small_order {
        let bytes = hex32(hex);
        assert_eq!(
            Ed25519PublicKey::from_bytes(&bytes).unwrap_err(),
            invalid,
            "{hex}"
        );
        let jwk = json!({"kty": "OKP", "crv": "Ed25519", "x": b64(&bytes)}).to_string();
        let jwk = jwk.parse().expect("a JSON object");
        assert_eq!(VerifyingKey::from_jwk(&jwk).unwrap_err(), invalid, "{hex}");
    }
    // The forgery such a key would accept, against the real key: refused.
    let mut identity_zero = hex32(small_order[0]).to_vec();
    identity_zero.extend([0; 32]);
    let token = assemble(r#"{"alg":"EdDSA"}"#, PAYLOAD, &identity_zero);
    assert_eq!(
        jwt_core::decode::<Claims>(
            &token,
            &ED25519.verifying_key(),
            &validation(Algorithm::EdDSA)
        )
        .unwrap_err(),
        Error::InvalidSignature
    );
}

// RSA signature encodings (RFC 8017 section 8.2.2 step 1; lax verifiers accept an integer of
// any length, or reduce it modulo n): a signature is exactly the modulus length and less than n.
#[test]
fn rsa_signatures_of_the_wrong_length_or_value_are_refused() {
    let key = RSA.verifying_key();
    let validation = validation(Algorithm::RS256);
    // RS256 is deterministic: the signature over this payload happens to start with 0x00
    // (found by counting `n` up from 0), so stripping that byte keeps the same integer.
    let token = jwt_core::jws::sign(&RSA, br#"{"alg":"RS256"}"#, br#"{"exp":2000000000,"n":35}"#)
        .expect("signs");
    assert!(jwt_core::decode::<Claims>(&token, &key, &validation).is_ok());
    let signature = signature_of(&token);
    assert_eq!((signature.len(), signature[0]), (256, 0));

    let n = RsaPrivateKey::from_pem(RSA_PRIVATE)
        .expect("RSA")
        .public_key()
        .modulus();
    assert_eq!(n.len(), 256);
    let s_plus_n = add_be(&signature, &n);
    let forgeries: [(&str, Vec<u8>); 9] = [
        ("one byte short", signature[..255].to_vec()),
        ("leading zero stripped", signature[1..].to_vec()),
        ("one byte long", [&signature[..], &[0]].concat()),
        ("leading zero prepended", [&[0], &signature[..]].concat()),
        ("n", n.clone()),
        ("n + 1", add_be(&n, &[1])),
        ("s + n", s_plus_n),
        ("all 0xff", vec![0xff; 256]),
        ("empty", Vec::new()),
    ];
    for (what, forged) in forgeries {
        assert_eq!(
            jwt_core::decode::<Claims>(&with_signature(&token, &forged), &key, &validation)
                .unwrap_err(),
            Error::InvalidSignature,
            "{what}"
        );
    }
}

// Psychic signatures (CVE-2022-21449: Java accepted the ECDSA signature r = s = 0 for any
// message and key): the all-zero signature of each algorithm's length, and the empty one,
// are refused for every algorithm.
#[test]
fn all_zero_signatures_are_refused_for_every_algorithm() {
    let hmac = VerifyingKey::from(SECRET.clone());
    let rsa = VerifyingKey::from_pem(RSA_PUBLIC).expect("SPKI");
    let ed25519 = ED25519.verifying_key();
    let (p256, p384) = (ES256.verifying_key(), ES384.verifying_key());
    for algorithm in Algorithm::ALL {
        let (key, len) = match algorithm {
            Algorithm::HS256 => (&hmac, 32),
            Algorithm::HS384 => (&hmac, 48),
            Algorithm::HS512 => (&hmac, 64),
            Algorithm::RS256 | Algorithm::RS384 | Algorithm::RS512 => (&rsa, 256),
            Algorithm::PS256 | Algorithm::PS384 | Algorithm::PS512 => (&rsa, 256),
            Algorithm::ES256 => (&p256, 64),
            Algorithm::ES384 => (&p384, 96),
            Algorithm::EdDSA => (&ed25519, 64),
            other => panic!("no key for {other}"),
        };
        let header = json!({ "alg": algorithm.name() }).to_string();
        for signature in [vec![0; len], Vec::new()] {
            let token = assemble(&header, PAYLOAD, &signature);
            assert_eq!(
                jwt_core::decode::<Claims>(&token, key, &validation(algorithm)).unwrap_err(),
                Error::InvalidSignature,
                "{algorithm}, {} bytes",
                signature.len()
            );
        }
    }
}

// Duplicate-member smuggling in the header: a verifier that keeps the first `alg` and a
// library that keeps the last disagree about the algorithm. Duplicates, including those
// spelt differently with JSON escapes, are malformed, whichever reader sees them.
#[test]
fn duplicate_header_members_are_malformed() {
    let hs256 = SigningKey::hmac(Algorithm::HS256, SECRET.clone()).expect("HS256");
    let validation = validation(every_algorithm());
    let headers = [
        (r#"{"alg":"HS256","alg":"none"}"#, "alg"),
        (r#"{"alg":"none","alg":"HS256"}"#, "alg"),
        (r#"{"alg":"HS256","al\u0067":"none"}"#, "alg"),
        (r#"{"\u0061\u006c\u0067":"HS256","alg":"HS256"}"#, "alg"),
        (
            r#"{"alg":"HS256","kid":"k1","kid":"../../dev/null"}"#,
            "kid",
        ),
    ];
    for (header, name) in headers {
        let token = signed_raw(&hs256, header, PAYLOAD);
        let duplicate =
            Error::MalformedToken(Malformed::DuplicateMember(Segment::Header, name.into()));
        assert_eq!(
            jwt_core::decode::<Claims>(&token, &hs256.verifying_key(), &validation).unwrap_err(),
            duplicate,
            "{header}"
        );
        assert_eq!(jwt_core::decode_header(&token).unwrap_err(), duplicate);
        assert_eq!(
            dangerous::decode_unverified::<Claims>(&token).unwrap_err(),
            duplicate
        );
        assert_eq!(
            UntrustedToken::parse(&token, &validation).unwrap_err(),
            duplicate
        );
    }
}

// Duplicate-member smuggling in the claims: `{"exp":1,"exp":9999999999}` is expired to one
// parser and valid to another; a repeated `sub` names two users. Validly signed, they are
// malformed once the signature verifies.
#[test]
fn duplicate_claims_are_malformed() {
    let hs256 = SigningKey::hmac(Algorithm::HS256, SECRET.clone()).expect("HS256");
    let validation = validation(Algorithm::HS256);
    let payloads = [
        (r#"{"exp":1,"exp":9999999999}"#, "exp"),
        (r#"{"exp":9999999999,"exp":1}"#, "exp"),
        (r#"{"exp":9999999999,"\u0065xp":1}"#, "exp"),
        (r#"{"sub":"user","exp":9999999999,"sub":"admin"}"#, "sub"),
        (
            r#"{"sub":"user","su\u0062":"admin","exp":9999999999}"#,
            "sub",
        ),
        (
            r#"{"exp":9999999999,"roles":{"admin":false,"admin":true}}"#,
            "admin",
        ),
    ];
    for (payload, name) in payloads {
        let token = signed_raw(&hs256, r#"{"alg":"HS256"}"#, payload);
        let duplicate =
            Error::MalformedToken(Malformed::DuplicateMember(Segment::Payload, name.into()));
        assert_eq!(
            jwt_core::decode::<Claims>(&token, &hs256.verifying_key(), &validation).unwrap_err(),
            duplicate,
            "{payload}"
        );
        assert_eq!(
            dangerous::decode_unverified::<Claims>(&token).unwrap_err(),
            duplicate
        );
    }
}

// ECDSA signature encodings (RFC 7518 section 3.4): JOSE signatures are `r || s` at the
// curve's width. A DER signature (what lax verifiers and X.509 accept), a signature of the
// other curve's width, `r` or `s` equal to 0 (CVE-2022-21449), or not below the group order
// n (`s + n` is the same residue for a verifier that reduces modulo n) are refused; `n - s`
// is a second valid signature, accepted as RFC 7518 requires no low-S.
#[test]
fn ecdsa_signatures_in_other_forms_are_refused_and_high_s_is_accepted() {
    for (signer, order) in [(&*ES256, P256_ORDER), (&*ES384, P384_ORDER)] {
        let algorithm = signer.algorithm();
        let validation = validation(algorithm);
        let key = signer.verifying_key();
        let token = jwt_core::encode(signer, &Header::new(), &json!({"exp": 2_000_000_000}))
            .expect("signs");
        assert!(jwt_core::decode::<Claims>(&token, &key, &validation).is_ok());
        let signature = signature_of(&token);
        let width = signature.len() / 2;
        let (r, s) = signature.split_at(width);
        let n = hex(order);
        let zero = vec![0; width];
        let high_s = [r, &sub_be(&n, s)].concat();
        assert!(
            jwt_core::decode::<Claims>(&with_signature(&token, &high_s), &key, &validation).is_ok(),
            "{algorithm}: n - s verifies"
        );
        let s_plus_n = add_be(s, &n);
        let forgeries: Vec<(&str, Vec<u8>)> = vec![
            ("DER", ecdsa_der(&signature)),
            ("r = s = 0", vec![0; 2 * width]),
            ("r = 0", [&zero, s].concat()),
            ("s = 0", [r, &zero].concat()),
            ("r = n", [&n, s].concat()),
            ("s = n", [r, &n].concat()),
            ("s + n", [r.to_vec(), s_plus_n].concat()),
            (
                "r, s = n - 1",
                [sub_be(&n, &[1]), sub_be(&n, &[1])].concat(),
            ),
            ("leading zero stripped", signature[1..].to_vec()),
            ("zero byte appended", [&signature[..], &[0]].concat()),
            ("r alone", r.to_vec()),
        ];
        for (what, forged) in forgeries {
            assert_eq!(
                jwt_core::decode::<Claims>(&with_signature(&token, &forged), &key, &validation)
                    .unwrap_err(),
                Error::InvalidSignature,
                "{algorithm}: {what}"
            );
        }
    }
}

// Curve confusion: an ES384 token (signed by the P-384 key) offered to a P-256 key, and an
// ES256 token offered to a P-384 key, with both algorithms allowed. A key of one curve never
// verifies the other curve's algorithm: the key is wrong for the token, `InvalidKey`.
#[test]
fn ecdsa_keys_of_the_other_curve_are_refused() {
    let both = validation(AlgorithmSet::new(Algorithm::ES256).with(Algorithm::ES384));
    let claims = json!({"exp": 2_000_000_000});
    for (signer, other, other_algorithm, curve) in [
        (&*ES384, P256_PUBLIC, Algorithm::ES256, EcCurve::P256),
        (&*ES256, P384_PUBLIC, Algorithm::ES384, EcCurve::P384),
    ] {
        let other = VerifyingKey::from_pem(other).expect("SPKI");
        let token = jwt_core::encode(signer, &Header::new(), &claims).expect("signs");
        assert_eq!(
            jwt_core::decode::<Claims>(&token, &other, &both).unwrap_err(),
            Error::InvalidKey(KeyProblem::WrongCurve {
                algorithm: signer.algorithm(),
                key: curve,
            })
        );
        // Relabelled with the other curve's algorithm, the signature is of the wrong width.
        let relabelled = assemble(
            &json!({"alg": other_algorithm.name()}).to_string(),
            r#"{"exp":2000000000}"#,
            &signature_of(&token),
        );
        assert_eq!(
            jwt_core::decode::<Claims>(&relabelled, &other, &both).unwrap_err(),
            Error::InvalidSignature
        );
        // In a key set, the kid names the other curve's key: the same refusal.
        let keys = KeySet::new([other.with_kid("ec")]).expect("one key");
        let named =
            jwt_core::encode(signer, &Header::new().with_kid("ec"), &claims).expect("signs");
        assert_eq!(
            jwt_core::decode_with_set::<Claims>(&named, &keys, &both).unwrap_err(),
            Error::InvalidKey(KeyProblem::WrongCurve {
                algorithm: signer.algorithm(),
                key: curve,
            })
        );
        // Without a kid, no key of the set fits.
        assert_eq!(
            jwt_core::decode_with_set::<Claims>(&token, &keys, &both).unwrap_err(),
            Error::UnknownKeyId { kid: None }
        );
    }
}

// RSA-PSS salt lengths (RFC 7518 section 3.5: the salt is as long as the hash). A PSS
// signature with any other salt length is valid RSASSA-PSS but not PS256, and lax verifiers
// that detect the salt length accept it; so is an RS256 signature relabelled PS256 and the
// reverse. All are refused.
#[test]
fn pss_signatures_with_other_salt_lengths_or_paddings_are_refused() {
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::traits::SignatureScheme;
    use sha2::Digest;
    let private = rsa::RsaPrivateKey::from_pkcs8_pem(RSA_PRIVATE).expect("RSA");
    let key = VerifyingKey::from_pem(RSA_PUBLIC).expect("SPKI");
    let both = validation(AlgorithmSet::new(Algorithm::PS256).with(Algorithm::RS256));
    let header = r#"{"alg":"PS256"}"#;
    let input = format!("{}.{}", b64(header.as_bytes()), b64(PAYLOAD.as_bytes()));
    let hashed = sha2::Sha256::digest(input.as_bytes());
    for salt_len in [0, 20, 31, 32, 33, 64, 222] {
        let signature = rsa::pss::Pss::<sha2::Sha256>::new_with_salt(salt_len)
            .sign(Some(&mut getrandom::SysRng), &private, &hashed)
            .expect("signs");
        let token = format!("{input}.{}", b64(&signature));
        let result = jwt_core::decode::<Claims>(&token, &key, &both);
        if salt_len == 32 {
            assert!(result.is_ok(), "a 32-byte salt is PS256");
        } else {
            assert_eq!(
                result.unwrap_err(),
                Error::InvalidSignature,
                "salt of {salt_len} bytes"
            );
        }
    }
    let rs256 =
        jwt_core::jws::sign(&RSA, br#"{"alg":"RS256"}"#, PAYLOAD.as_bytes()).expect("RS256");
    let as_ps = assemble(header, PAYLOAD, &signature_of(&rs256));
    assert_eq!(
        jwt_core::decode::<Claims>(&as_ps, &key, &both).unwrap_err(),
        Error::InvalidSignature
    );
    let ps256 = jwt_core::jws::sign(&PS256, header.as_bytes(), PAYLOAD.as_bytes()).expect("PS256");
    assert!(jwt_core::decode::<Claims>(&ps256, &key, &both).is_ok());
    let as_rs = assemble(r#"{"alg":"RS256"}"#, PAYLOAD, &signature_of(&ps256));
    assert_eq!(
        jwt_core::decode::<Claims>(&as_rs, &key, &both).unwrap_err(),
        Error::InvalidSignature
    );
    // The allow-list decides between the two: with RS256 only, a PS256 token is refused.
    assert_eq!(
        jwt_core::decode::<Claims>(&ps256, &key, &validation(Algorithm::RS256)).unwrap_err(),
        Error::InvalidAlgorithm(AlgorithmProblem::NotAllowed(Algorithm::PS256))
    );
}

// Key confusion with the new families: a PS256 or ES256 token offered to an HMAC secret, and
// an HS256 token MACed with the EC public key's PEM text offered to that EC key. Each key
// verifies only its own family.
#[test]
fn es_and_ps_tokens_never_meet_an_hmac_secret() {
    let every = validation(every_algorithm());
    let secret = VerifyingKey::from(SECRET.clone());
    let claims = json!({"exp": 2_000_000_000});
    for signer in [&*PS256, &*ES256] {
        let token = jwt_core::encode(signer, &Header::new(), &claims).expect("signs");
        assert_eq!(
            jwt_core::decode::<Claims>(&token, &secret, &every).unwrap_err(),
            Error::KeyAlgorithmMismatch {
                algorithm: signer.algorithm(),
                key: KeyFamily::Hmac,
                restricted_to: None,
            }
        );
    }
    let forged = jwt_core::encode(
        &hmac_signer(Algorithm::HS256, P256_PUBLIC.as_bytes()),
        &Header::new(),
        &claims,
    )
    .expect("signs");
    let ec = VerifyingKey::from_pem(P256_PUBLIC).expect("SPKI");
    assert_eq!(
        jwt_core::decode::<Claims>(&forged, &ec, &every).unwrap_err(),
        Error::KeyAlgorithmMismatch {
            algorithm: Algorithm::HS256,
            key: KeyFamily::Ec,
            restricted_to: None,
        }
    );
}
