//! Arbitrary text as a JWK and as a JWK Set: `VerifyingKey::from_jwk`,
//! `SigningKey::from_jwk` for every algorithm and `KeySet::from_jwks` never panic, and
//! whatever imports exports to a JWK that imports back to the same key (same JWK, same
//! thumbprint), and signs what it verifies.

#![no_main]

use jwt_core::{Algorithm, KeySet, SigningKey, VerifyingKey};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = jwt_core_fuzz::token(data) else {
        return;
    };
    let public = VerifyingKey::from_jwk(text);
    if let Ok(key) = &public {
        check_public(key);
    }
    for algorithm in Algorithm::ALL {
        if let Ok(key) = SigningKey::from_jwk(text, algorithm) {
            check_private(&key, public.as_ref().ok());
        }
    }
    if let Ok(set) = KeySet::from_jwks(text) {
        check_set(&set);
    }
});

fn check_public(key: &VerifyingKey) {
    let thumbprint = key.thumbprint();
    let Ok(jwk) = key.to_jwk() else {
        return; // an HMAC secret has no public form
    };
    let again = VerifyingKey::from_jwk(&serde_json::to_string(&jwk).expect("serializes"))
        .expect("an exported JWK imports");
    assert_eq!(again.to_jwk().as_ref(), Ok(&jwk));
    assert_eq!(again.thumbprint(), thumbprint);
    assert_eq!(
        (again.family(), again.algorithm(), again.kid()),
        (key.family(), key.algorithm(), key.kid())
    );
}

fn check_private(key: &SigningKey, public: Option<&VerifyingKey>) {
    let jwk = key.to_private_jwk();
    let text = serde_json::to_string(&jwk).expect("serializes");
    let again = SigningKey::from_jwk(&text, key.algorithm()).expect("an exported JWK imports");
    assert_eq!(again.to_private_jwk(), jwk);
    assert_eq!(again.thumbprint(), key.thumbprint());
    assert_eq!(again.kid(), key.kid());
    check_public(&key.verifying_key());

    let signature = key.sign(b"jwt-core fuzz").expect("an imported key signs");
    let verifier = key.verifying_key();
    assert_eq!(
        verifier.verify(key.algorithm(), b"jwt-core fuzz", &signature),
        Ok(())
    );
    // The same JWK read as a public key (its `key_ops` permitting) is the same key.
    if let Some(public) = public {
        assert_eq!(public.thumbprint(), key.thumbprint());
        if public
            .algorithm()
            .is_none_or(|only| only == key.algorithm())
        {
            assert_eq!(
                public.verify(key.algorithm(), b"jwt-core fuzz", &signature),
                Ok(())
            );
        }
    }
}

fn check_set(set: &KeySet) {
    assert!(!set.keys().is_empty(), "a key set is never empty");
    for key in set.keys() {
        for algorithm in Algorithm::ALL {
            if let Ok(chosen) = set.select(algorithm, key.kid()) {
                // Without a kid, any one key meant for the algorithm may be chosen.
                if key.kid().is_some() {
                    assert_eq!(chosen.kid(), key.kid());
                }
                assert_eq!(chosen.family(), algorithm.family());
                assert!(chosen.algorithm().is_none_or(|only| only == algorithm));
            }
        }
    }
    let published = serde_json::to_string(&set.to_jwks()).expect("serializes");
    let public: Vec<String> = set
        .keys()
        .iter()
        .filter(|key| key.to_jwk().is_ok())
        .map(VerifyingKey::thumbprint)
        .collect();
    match KeySet::from_jwks(&published) {
        Ok(again) => {
            assert_eq!(again.skipped(), 0);
            let thumbprints: Vec<String> =
                again.keys().iter().map(VerifyingKey::thumbprint).collect();
            assert_eq!(thumbprints, public);
        }
        Err(_) => assert!(public.is_empty(), "a published set of public keys imports"),
    }
}
