//! The worked examples of RFC 7515, RFC 7517, RFC 7520, RFC 7797 and RFC 8037 (from
//! `../shared/vectors/rfc/`), reproduced byte for byte, verified, or refused with the right
//! kind.

use base64ct::{Base64UrlUnpadded, Encoding};
use jwt_core::{
    Algorithm, AlgorithmProblem, AlgorithmSet, Claims, Clock, CriticalProblem, EcCurve,
    EcPrivateKey, EcPublicKey, Ed25519PrivateKey, Ed25519PublicKey, Error, ErrorKind, HmacKey, Jwk,
    JwkProblem, KeyFamily, KeyMaterial, KeyProblem, KeySet, RsaPrivateKey, RsaPublicKey,
    SigningKey, UntrustedToken, Validation, VerifyingKey,
};
use serde_json::Value;

fn vector(name: &str) -> Value {
    let path = format!(
        "{}/../../shared/vectors/rfc/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{path}: {err}"))
}

fn text<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string at {pointer}"))
}

fn b64(value: &Value, pointer: &str) -> Vec<u8> {
    Base64UrlUnpadded::decode_vec(text(value, pointer)).expect("vector is base64url")
}

/// A vector's JWK, as the text it would arrive as.
fn jwk(value: &Value) -> Jwk {
    value
        .to_string()
        .parse()
        .expect("the vector's JWK is a JSON object")
}

fn every_algorithm() -> AlgorithmSet {
    AlgorithmSet::from_algorithms(Algorithm::ALL).expect("not empty")
}

/// Signs the cookbook's exact protected header and payload, compares with `output.compact`,
/// and verifies the result with `key`.
fn reproduce_cookbook(vector: &Value, signer: &SigningKey, key: &VerifyingKey) {
    let header = b64(vector, "/signing/protected_b64u");
    let payload = text(vector, "/input/payload");
    let token = jwt_core::jws::sign(signer, &header, payload.as_bytes()).expect("signs");
    assert_eq!(token, text(vector, "/output/compact"));
    let validation = Validation::new_with_clock(every_algorithm(), Clock::Fixed(0));
    let verified = UntrustedToken::parse(&token, &validation).and_then(|t| t.verify_payload(key));
    let verified = verified.expect("verifies");
    assert_eq!(verified.claims, payload.as_bytes());
    assert_eq!(verified.algorithm, signer.algorithm());
    assert_eq!(
        verified.header.kid(),
        vector
            .pointer("/signing/protected/kid")
            .and_then(Value::as_str)
    );
}

#[test]
fn rfc7515_appendix_a1_hs256() {
    let vector = vector("rfc7515-a.1-hs256.json");
    let secret = HmacKey::new(&b64(&vector, "/key/k")).expect("64-byte secret");
    let signer = SigningKey::hmac(Algorithm::HS256, secret.clone()).expect("HS256 key");
    let token = jwt_core::jws::sign(
        &signer,
        text(&vector, "/protected_utf8").as_bytes(),
        text(&vector, "/payload_utf8").as_bytes(),
    )
    .expect("signs");
    assert_eq!(token, text(&vector, "/compact"));

    let key = VerifyingKey::from(secret);
    let exp = 1_300_819_380;
    let before = Validation::new_with_clock(Algorithm::HS256, Clock::Fixed(exp - 1));
    let claims = jwt_core::decode::<Claims>(&token, &key, &before)
        .expect("valid before exp")
        .claims;
    assert_eq!(claims["iss"], "joe");
    assert_eq!(claims["http://example.com/is_root"], true);

    let now = Validation::new(Algorithm::HS256);
    match jwt_core::decode::<Claims>(&token, &key, &now) {
        Err(Error::Expired {
            exp: found,
            leeway: 0,
            ..
        }) => assert_eq!(found, exp as f64),
        other => panic!("expected Expired, got {other:?}"),
    }
}

#[test]
fn rfc7520_section_4_4_hs256() {
    let vector = vector("rfc7520-4.4-hs256.json");
    let secret = HmacKey::new(&b64(&vector, "/input/key/k")).expect("32-byte secret");
    let signer = SigningKey::hmac(Algorithm::HS256, secret.clone()).expect("HS256 key");
    reproduce_cookbook(&vector, &signer, &VerifyingKey::from(secret));
}

fn rfc7520_rsa_key(vector: &Value, base: &str) -> RsaPrivateKey {
    let member = |name: &str| b64(vector, &format!("{base}/{name}"));
    RsaPrivateKey::from_components(
        &member("n"),
        &member("e"),
        &member("d"),
        Some((&member("p"), &member("q"))),
    )
    .expect("RFC 7520 RSA key")
}

#[test]
fn rfc7520_section_4_1_rs256() {
    let vector = vector("rfc7520-4.1-rs256.json");
    let private = rfc7520_rsa_key(&vector, "/input/key");
    let public =
        RsaPublicKey::from_components(&b64(&vector, "/input/key/n"), &b64(&vector, "/input/key/e"))
            .expect("public key");
    assert!(private.public_key() == public);
    assert_eq!(public.modulus_bits(), 2048);
    let signer = SigningKey::rsa(Algorithm::RS256, private).expect("RS256 key");
    reproduce_cookbook(&vector, &signer, &VerifyingKey::from(public));
}

/// Verifies the cookbook's `output.compact` with `key` and checks what it carries; PSS is
/// randomised, so signing cannot reproduce it.
fn verify_cookbook(vector: &Value, key: &VerifyingKey) -> Vec<u8> {
    let validation = Validation::new_with_clock(every_algorithm(), Clock::Fixed(0));
    let token = text(vector, "/output/compact");
    let verified = UntrustedToken::parse(token, &validation)
        .and_then(|t| t.verify_payload(key))
        .expect("verifies");
    assert_eq!(verified.claims, text(vector, "/input/payload").as_bytes());
    assert_eq!(verified.algorithm.name(), text(vector, "/input/alg"));
    assert_eq!(
        verified.header.kid(),
        vector
            .pointer("/signing/protected/kid")
            .and_then(Value::as_str)
    );
    verified.claims
}

#[test]
fn rfc7520_section_4_2_ps384_verifies() {
    let vector = vector("rfc7520-4.2-ps384.json");
    let private = rfc7520_rsa_key(&vector, "/input/key");
    let key = VerifyingKey::from(private.public_key());
    verify_cookbook(&vector, &key);
    let from_jwk = VerifyingKey::from_jwk(&jwk(&vector["input"]["key"])).expect("JWK");
    verify_cookbook(&vector, &from_jwk);

    // The same key signs PS384 anew (another salt, so other bytes) and the result verifies.
    let signer = SigningKey::rsa(Algorithm::PS384, private).expect("PS384 key");
    let header = b64(&vector, "/signing/protected_b64u");
    let payload = text(&vector, "/input/payload");
    let token = jwt_core::jws::sign(&signer, &header, payload.as_bytes()).expect("signs");
    assert_ne!(token, text(&vector, "/output/compact"));
    let validation = Validation::new_with_clock(Algorithm::PS384, Clock::Fixed(0));
    let verified = UntrustedToken::parse(&token, &validation)
        .and_then(|t| t.verify_payload(&key))
        .expect("a new PS384 signature verifies");
    assert_eq!(verified.claims, payload.as_bytes());

    // The allow-list decides: the RSA key, the RS384-only list, the PS384 token.
    let rs_only = Validation::new_with_clock(Algorithm::RS384, Clock::Fixed(0));
    assert_eq!(
        UntrustedToken::parse(text(&vector, "/output/compact"), &rs_only).unwrap_err(),
        Error::InvalidAlgorithm(AlgorithmProblem::NotAllowed(Algorithm::PS384))
    );
    // And a key restricted to RS384 refuses PS384.
    let restricted = key.with_algorithm(Algorithm::RS384).expect("RSA");
    assert_eq!(
        restricted
            .verify(Algorithm::PS384, b"m", &[0; 256])
            .unwrap_err()
            .kind(),
        ErrorKind::KeyAlgorithmMismatch
    );
}

#[test]
fn rfc7515_appendix_a3_es256() {
    let vector = vector("rfc7515-a.3-es256.json");
    let key = VerifyingKey::from_jwk(&jwk(&vector["jwk"])).expect("P-256 JWK");
    assert_eq!(
        (key.family(), key.curve()),
        (KeyFamily::Ec, Some(EcCurve::P256))
    );
    let x = b64(&vector, "/jwk/x");
    let y = b64(&vector, "/jwk/y");
    let public = EcPublicKey::from_coordinates(EcCurve::P256, &x, &y).expect("on the curve");
    assert_eq!(public.coordinates(), (x, y));
    let signature = b64(&vector, "/signature_b64u");
    assert_eq!(signature.len(), 64);
    let input = text(&vector, "/signing_input");
    assert_eq!(
        key.verify(Algorithm::ES256, input.as_bytes(), &signature),
        Ok(())
    );
    assert_eq!(
        VerifyingKey::from(public).verify(Algorithm::ES256, input.as_bytes(), &signature),
        Ok(())
    );

    let token = text(&vector, "/compact");
    let exp = 1_300_819_380;
    let before = Validation::new_with_clock(Algorithm::ES256, Clock::Fixed(exp - 1));
    let claims = jwt_core::decode::<Claims>(token, &key, &before)
        .expect("valid before exp")
        .claims;
    assert_eq!(claims["iss"], "joe");
    let at_exp = Validation::new_with_clock(Algorithm::ES256, Clock::Fixed(exp));
    assert_eq!(
        jwt_core::decode::<Claims>(token, &key, &at_exp)
            .unwrap_err()
            .kind(),
        ErrorKind::Expired
    );
    // One curve, one algorithm: the P-256 key never verifies ES384.
    assert_eq!(
        key.verify(Algorithm::ES384, input.as_bytes(), &signature),
        Err(Error::InvalidKey(KeyProblem::WrongCurve {
            algorithm: Algorithm::ES384,
            key: EcCurve::P256,
        }))
    );
    // The appendix's private key (A.3.1) signs anew; ECDSA nonces differ from the RFC's.
    let mut private = vector["jwk"].clone();
    private["d"] = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI".into();
    let signer = SigningKey::from_jwk(Algorithm::ES256, &jwk(&private)).expect("private JWK");
    let again = jwt_core::jws::sign(
        &signer,
        text(&vector, "/protected_utf8").as_bytes(),
        text(&vector, "/payload_utf8").as_bytes(),
    )
    .expect("signs");
    assert!(again.starts_with(input));
    assert_ne!(again, token);
    assert!(jwt_core::decode::<Claims>(&again, &key, &before).is_ok());
}

#[test]
fn rfc7517_appendix_a_ec_key() {
    let vector = vector("rfc7517-appendix-a-keys.json");
    let public = &vector["a1_public_keys"]["keys"][0];
    let private = &vector["a2_private_keys"]["keys"][0];
    assert_eq!(public["kty"], "EC");
    // The appendix's EC key is an encryption key: refused for signatures, skipped in a set.
    assert_eq!(
        VerifyingKey::from_jwk(&jwk(public)).unwrap_err(),
        JwkProblem::NotForSignatures("enc".into()).into()
    );
    let set = KeySet::from_jwk_set(&vector["a1_public_keys"].to_string().parse().expect("JWKS"))
        .expect("the RSA member is usable");
    assert_eq!((set.keys().len(), set.skipped()), (1, 1));
    assert_eq!(set.keys()[0].family(), KeyFamily::Rsa);

    // As a signature key (without `use`), the private half matches the public one and both
    // export back to exactly their members.
    let without_use = |value: &Value| {
        let mut members = value.as_object().expect("object").clone();
        members.remove("use");
        Value::Object(members)
    };
    let key = VerifyingKey::from_jwk(&jwk(&without_use(public))).expect("imports");
    assert_eq!(key.kid(), Some("1"));
    // RFC 7638 section 3.2: crv, kty, x, y, in that order, hashed with SHA-256 (computed
    // independently with Python's hashlib over the canonical JSON).
    assert_eq!(
        key.thumbprint(),
        "cn-I_WNMClehiVp51i_0VpOENW1upEerA8sEam5hn-s"
    );
    assert_same_members(
        &key.to_public_jwk().expect("exports"),
        &{
            let mut members = without_use(public);
            members["use"] = "sig".into();
            members
        },
        None,
    );
    let signer = SigningKey::from_jwk(Algorithm::ES256, &jwk(&without_use(private)))
        .expect("the private key matches its public members");
    assert_eq!(signer.thumbprint(), key.thumbprint());
    assert_same_members(
        &signer.to_private_jwk().expect("exports"),
        &{
            let mut members = without_use(private);
            members["use"] = "sig".into();
            members
        },
        Some("ES256"),
    );
    let d = b64(private, "/d");
    let from_scalar = EcPrivateKey::from_bytes(EcCurve::P256, &d).expect("scalar");
    let (x, y) = from_scalar.public_key().coordinates();
    assert_eq!((x, y), (b64(public, "/x"), b64(public, "/y")));
    // PEM and DER round trips keep the key.
    let pem = signer.to_private_pem().expect("PKCS#8");
    let again = SigningKey::from_pem(Algorithm::ES256, &pem).expect("PEM imports");
    assert_eq!(again.thumbprint(), key.thumbprint());
    let spki = VerifyingKey::from_der(&key.to_public_der().expect("SPKI")).expect("DER");
    assert_eq!(spki.thumbprint(), key.thumbprint());
}

#[test]
fn rfc8037_appendix_a4_ed25519() {
    let vector = vector("rfc8037-a.4-ed25519.json");
    let private = Ed25519PrivateKey::from_bytes(&b64(&vector, "/input/key/d")).expect("seed");
    let public = Ed25519PublicKey::from_bytes(&b64(&vector, "/input/key/x")).expect("point");
    assert!(private.public_key() == public);
    reproduce_cookbook(
        &vector,
        &SigningKey::ed25519(private),
        &VerifyingKey::from(public),
    );
}

#[test]
fn rfc7797_section_4_2_unencoded_payload_is_refused() {
    let vector = vector("rfc7797-4.2-b64-false.json");
    let signature = text(&vector, "/signing/sig");
    let payload = Base64UrlUnpadded::encode_string(text(&vector, "/input/payload").as_bytes());
    let validation = Validation::new_with_clock(Algorithm::HS256, Clock::Fixed(0));
    let headers = [
        // The cookbook's encoded header, and the RFC's header with its `crit`.
        text(&vector, "/signing/protected_b64u").to_string(),
        Base64UrlUnpadded::encode_string(br#"{"alg":"HS256","b64":false,"crit":["b64"]}"#),
    ];
    for header in headers {
        let token = format!("{header}.{payload}.{signature}");
        let err = UntrustedToken::parse(&token, &validation).unwrap_err();
        assert_eq!(
            err,
            Error::UnsupportedCriticalHeader(CriticalProblem::UnencodedPayload)
        );
    }
    // The unencoded compact form itself ("$.02" holds a dot) is not a three-segment token.
    let unencoded = format!(
        "{}.$.02.{signature}",
        text(&vector, "/signing/protected_b64u")
    );
    let err = UntrustedToken::parse(&unencoded, &validation).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MalformedToken);
}

/// The JWK exported for a key read from `vector` has exactly the vector's members (plus the
/// `alg` a signing key is bound to).
fn assert_same_members(exported: &Jwk, vector: &Value, added_alg: Option<&str>) {
    let mut expected = vector.as_object().expect("a JWK is an object").clone();
    if let Some(alg) = added_alg {
        expected.insert("alg".into(), alg.into());
    }
    assert_eq!(exported.as_map(), &expected);
}

#[test]
fn rfc7520_section_3_3_rsa_public_jwk_round_trips() {
    let vector = vector("rfc7520-3.3-rsa-public-jwk.json");
    let key = VerifyingKey::from_jwk(&jwk(&vector)).expect("imports");
    assert_eq!(key.kid(), Some("bilbo.baggins@hobbiton.example"));
    assert_same_members(&key.to_public_jwk().expect("exports"), &vector, None);
    let from_pem = VerifyingKey::from_pem(&key.to_public_pem().expect("PEM")).expect("PEM imports");
    assert_eq!(from_pem.thumbprint(), key.thumbprint());
}

#[test]
fn rfc7520_section_3_4_rsa_private_jwk_round_trips() {
    let vector = vector("rfc7520-3.4-rsa-private-jwk.json");
    let key = SigningKey::from_jwk(Algorithm::RS256, &jwk(&vector)).expect("imports");
    assert_same_members(
        &key.to_private_jwk().expect("exports"),
        &vector,
        Some("RS256"),
    );
    let public = self::vector("rfc7520-3.3-rsa-public-jwk.json");
    assert_same_members(
        &key.to_public_jwk().expect("public"),
        &public,
        Some("RS256"),
    );

    let pem = key.to_private_pem().expect("PEM");
    let again = SigningKey::from_pem(Algorithm::RS256, &pem).expect("PEM imports");
    let mut without_kid = key.to_private_jwk().expect("exports").into_map();
    without_kid.remove("kid");
    assert_eq!(
        again.to_private_jwk().expect("exports").into_map(),
        without_kid
    );

    // Without the CRT members the primes are recovered, and the same key comes back.
    let mut short = vector.as_object().expect("object").clone();
    for member in ["p", "q", "dp", "dq", "qi"] {
        short.remove(member);
    }
    let recovered =
        SigningKey::from_jwk(Algorithm::RS256, &jwk(&Value::Object(short))).expect("imports");
    assert_eq!(
        recovered.to_private_jwk().expect("exports"),
        key.to_private_jwk().expect("exports")
    );
}

#[test]
fn rfc7520_section_3_5_oct_jwk_round_trips() {
    let vector = vector("rfc7520-3.5-oct-jwk.json");
    let key = SigningKey::from_jwk(Algorithm::HS256, &jwk(&vector)).expect("imports");
    assert_same_members(&key.to_private_jwk().expect("exports"), &vector, None);
    let err = SigningKey::from_jwk(Algorithm::HS512, &jwk(&vector)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::KeyAlgorithmMismatch);
}

#[test]
fn rfc8037_appendix_a3_thumbprint() {
    let vector = vector("rfc8037-a.3-thumbprint.json");
    let key = VerifyingKey::from_jwk(&jwk(&vector["jwk"])).expect("imports");
    assert_eq!(key.thumbprint(), text(&vector, "/thumbprint_sha256_b64u"));
    let canonical: Value = serde_json::from_str(text(&vector, "/canonical_json")).expect("JSON");
    assert_eq!(
        Value::Object(key.to_public_jwk().expect("exports").into_map()),
        {
            let mut members = canonical.as_object().expect("object").clone();
            members.insert("use".into(), "sig".into());
            Value::Object(members)
        }
    );
}

#[test]
fn rfc8037_appendix_a1_private_jwk_round_trips() {
    let vector = vector("rfc8037-a.4-ed25519.json");
    let member = &vector["input"]["key"];
    let key = SigningKey::from_jwk(Algorithm::EdDSA, &jwk(member)).expect("imports");
    assert_same_members(
        &key.to_private_jwk().expect("exports"),
        member,
        Some("EdDSA"),
    );
}

#[test]
fn rfc7638_section_3_1_thumbprint() {
    let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    let member =
        serde_json::json!({"kty": "RSA", "n": n, "e": "AQAB", "alg": "RS256", "kid": "2011-04-29"});
    let key = VerifyingKey::from_jwk(&jwk(&member)).expect("imports");
    assert_eq!(
        key.thumbprint(),
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    );
}

/// RFC 7517 appendix B's certificate, in PEM and in DER, is never an HMAC secret: the PEM is
/// refused as a label this library does not read, the DER as a certificate.
#[test]
fn rfc7517_appendix_b_certificate_is_no_hmac_secret() {
    let vector = vector("rfc7517-appendix-b-x5c.json");
    let pem = text(&vector, "/certificate_pem");
    assert!(matches!(
        KeyMaterial::sort(pem.as_bytes()),
        Ok(KeyMaterial::Pem(_))
    ));
    assert_eq!(
        VerifyingKey::from_pem(pem).unwrap_err(),
        Error::InvalidKey(KeyProblem::UnsupportedPemLabel("CERTIFICATE".into()))
    );
    let base64: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    let der = base64ct::Base64::decode_vec(&base64).expect("the certificate is base64");
    assert_eq!(
        KeyMaterial::sort(&der),
        Err(Error::InvalidKey(KeyProblem::NotAnHmacSecret))
    );
}
