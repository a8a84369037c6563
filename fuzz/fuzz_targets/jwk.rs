//! Arbitrary text as a JWK and as a JWK Set: `Jwk` and `JwkSet` parsing,
//! `VerifyingKey::from_jwk`, `SigningKey::from_jwk` for every algorithm and
//! `KeySet::from_jwk_set` never panic, and whatever imports exports to a JWK that imports back
//! to the same key (same JWK, same thumbprint), and signs what it verifies.

#![no_main]

use jwt_core::{Algorithm, Jwk, JwkSet, KeySet, SigningKey, VerifyingKey};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = jwt_core_fuzz::text(data) else {
        return;
    };
    if let Ok(jwk) = text.parse::<Jwk>() {
        assert_eq!(jwk.to_string().parse::<Jwk>().as_ref(), Ok(&jwk));
        let public = VerifyingKey::from_jwk(&jwk);
        if let Ok(key) = &public {
            check_public(key);
        }
        for algorithm in Algorithm::ALL {
            if let Ok(key) = SigningKey::from_jwk(algorithm, &jwk) {
                check_private(&key, public.as_ref().ok());
            }
        }
    }
    if let Ok(set) = text.parse::<JwkSet>() {
        assert_eq!(set.to_string().parse::<JwkSet>().as_ref(), Ok(&set));
        if let Ok(keys) = KeySet::from_jwk_set(&set) {
            check_set(&keys);
        }
    }
});

fn check_public(key: &VerifyingKey) {
    let thumbprint = key.thumbprint();
    let Ok(jwk) = key.to_public_jwk() else {
        return; // an HMAC secret has no public form
    };
    let text = jwk.to_string().parse().expect("an exported JWK parses");
    let again = VerifyingKey::from_jwk(&text).expect("an exported JWK imports");
    assert_eq!(again.to_public_jwk().as_ref(), Ok(&jwk));
    assert_eq!(again.thumbprint(), thumbprint);
    assert_eq!(
        (again.family(), again.algorithm(), again.kid()),
        (key.family(), key.algorithm(), key.kid())
    );
}

fn check_private(key: &SigningKey, public: Option<&VerifyingKey>) {
    let jwk = key.to_private_jwk().expect("an imported key exports");
    let text = jwk.to_string().parse().expect("an exported JWK parses");
    let again = SigningKey::from_jwk(key.algorithm(), &text).expect("an exported JWK imports");
    assert_eq!(again.to_private_jwk().as_ref(), Ok(&jwk));
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
    let published = set
        .to_jwk_set()
        .to_string()
        .parse()
        .expect("a published set parses");
    let public: Vec<String> = set
        .keys()
        .iter()
        .filter(|key| key.to_public_jwk().is_ok())
        .map(VerifyingKey::thumbprint)
        .collect();
    match KeySet::from_jwk_set(&published) {
        Ok(again) => {
            assert_eq!(again.skipped(), 0);
            let thumbprints: Vec<String> =
                again.keys().iter().map(VerifyingKey::thumbprint).collect();
            assert_eq!(thumbprints, public);
        }
        Err(_) => assert!(public.is_empty(), "a published set of public keys imports"),
    }
}
