//! Generated keys: every algorithm signs, exports to PEM and JWK, and comes back unchanged.

use jwt_core::{
    Algorithm, Claims, Clock, ErrorKind, Header, HmacKey, RsaPrivateKey, SigningKey, Validation,
    VerifyingKey,
};
use serde_json::json;

fn round_trip(key: &SigningKey) {
    let token = jwt_core::encode(key, &Header::new(), &json!({"exp": 10})).expect("signs");
    let validation = Validation::new_with_clock(key.algorithm(), Clock::Fixed(5));
    let private_jwk = key.to_private_jwk().expect("exports").to_string();
    let verifier =
        VerifyingKey::from_jwk(&private_jwk.parse().expect("JSON")).expect("JWK imports");
    jwt_core::decode::<Claims>(&token, &verifier, &validation)
        .expect("verifies after a JWK round trip");

    let again = SigningKey::from_jwk(key.algorithm(), &private_jwk.parse().expect("JSON"))
        .expect("imports");
    assert_eq!(again.to_private_jwk(), key.to_private_jwk());
    assert_eq!(again.thumbprint(), key.thumbprint());

    if key.family() != jwt_core::KeyFamily::Hmac {
        let pem = key.to_private_pem().expect("PEM");
        let from_pem = SigningKey::from_pem(key.algorithm(), &pem).expect("PEM imports");
        assert_eq!(from_pem.thumbprint(), key.thumbprint());
        let public =
            VerifyingKey::from_pem(&key.to_public_pem().expect("SPKI")).expect("SPKI imports");
        jwt_core::decode::<Claims>(&token, &public, &validation)
            .expect("verifies with the SPKI key");
    }
}

#[test]
fn generated_keys_round_trip() {
    for algorithm in Algorithm::ALL {
        let key = SigningKey::generate(algorithm)
            .expect("generates")
            .with_thumbprint_kid();
        assert_eq!(key.algorithm(), algorithm);
        round_trip(&key);
    }
}

#[test]
fn generated_secrets_have_the_hash_length_and_differ() {
    for (algorithm, len) in [
        (Algorithm::HS256, 32),
        (Algorithm::HS384, 48),
        (Algorithm::HS512, 64),
    ] {
        let (a, b) = (
            HmacKey::generate(algorithm).expect("a"),
            HmacKey::generate(algorithm).expect("b"),
        );
        assert_eq!((a.len(), b.len()), (len, len));
        assert_ne!(a.secret(), b.secret());
    }
    assert_eq!(
        HmacKey::generate(Algorithm::EdDSA).unwrap_err().kind(),
        ErrorKind::KeyAlgorithmMismatch
    );
}

#[test]
fn rsa_sizes() {
    assert_eq!(
        RsaPrivateKey::generate(3072)
            .expect("3072")
            .public_key()
            .modulus_bits(),
        3072
    );
    assert_eq!(
        RsaPrivateKey::generate(1024).unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        RsaPrivateKey::generate(16384).unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
}
