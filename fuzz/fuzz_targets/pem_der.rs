//! Arbitrary bytes as key material: PEM (`VerifyingKey::from_pem`, `SigningKey::from_pem` for
//! every algorithm, `RsaPrivateKey::from_pem`, `EcPrivateKey::from_pem`,
//! `Ed25519PrivateKey::from_pem`), DER (SPKI, PKCS#1, PKCS#8, SEC1), raw Ed25519 bytes and raw
//! EC scalars and coordinates never panic, and whatever loads exports to a form that loads
//! back to the same key.

#![no_main]

use jwt_core::{
    Algorithm, EcCurve, EcPrivateKey, EcPublicKey, Ed25519PrivateKey, Ed25519PublicKey,
    RsaPrivateKey, RsaPublicKey, SigningKey, VerifyingKey,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    der(data);
    if let Some(text) = jwt_core_fuzz::text(data) {
        pem(text);
    }
});

fn der(data: &[u8]) {
    if let Ok(key) = VerifyingKey::from_der(data) {
        check_public(&key);
    }
    for algorithm in Algorithm::ALL {
        if let Ok(key) = SigningKey::from_der(algorithm, data) {
            let der = key.to_private_der().expect("a DER key exports to DER");
            let again = SigningKey::from_der(algorithm, &der).expect("exported DER loads");
            assert_eq!(again.to_private_jwk(), key.to_private_jwk());
        }
    }
    if let Ok(key) = RsaPublicKey::from_der(data) {
        let spki = key.to_spki_der().expect("a loaded key exports");
        assert_eq!(RsaPublicKey::from_der(&spki).as_ref(), Ok(&key));
        let again = VerifyingKey::from_der(&spki).expect("exported SPKI loads");
        assert_eq!(again.thumbprint(), VerifyingKey::from(key).thumbprint());
    }
    if let Ok(key) = RsaPrivateKey::from_der(data) {
        let pkcs8 = key.to_pkcs8_der().expect("a loaded key exports");
        let again = RsaPrivateKey::from_der(&pkcs8).expect("exported PKCS#8 loads");
        assert_eq!(again.public_key(), key.public_key());
        check_signing(SigningKey::rsa(Algorithm::RS256, key).expect("a loaded key signs"));
    }
    if let Ok(key) = Ed25519PublicKey::from_bytes(data) {
        assert_eq!(key.to_bytes().as_slice(), data);
        let der = key.to_spki_der().expect("a loaded key exports");
        assert_eq!(Ed25519PublicKey::from_der(&der), Ok(key));
    }
    if let Ok(key) = Ed25519PublicKey::from_der(data) {
        let der = key.to_spki_der().expect("a loaded key exports");
        assert_eq!(Ed25519PublicKey::from_der(&der), Ok(key));
        assert_eq!(Ed25519PublicKey::from_bytes(&key.to_bytes()), Ok(key));
    }
    if let Ok(key) = Ed25519PrivateKey::from_bytes(data) {
        assert_eq!(key.to_bytes().as_slice(), data);
    }
    if let Ok(key) = Ed25519PrivateKey::from_der(data) {
        let der = key.to_pkcs8_der().expect("a loaded key exports");
        let again = Ed25519PrivateKey::from_der(&der).expect("exported loads");
        assert_eq!(*again.to_bytes(), *key.to_bytes());
        assert_eq!(again.public_key(), key.public_key());
        check_signing(SigningKey::ed25519(key));
    }
    ec(data);
}

fn ec(data: &[u8]) {
    if let Ok(key) = EcPublicKey::from_der(data) {
        let der = key.to_spki_der().expect("a loaded key exports");
        assert_eq!(EcPublicKey::from_der(&der).as_ref(), Ok(&key));
        check_coordinates(&key);
    }
    if let Ok(key) = EcPrivateKey::from_der(data) {
        let der = key.to_pkcs8_der().expect("a loaded key exports");
        let again = EcPrivateKey::from_der(&der).expect("exported PKCS#8 loads");
        assert_eq!(*again.to_bytes(), *key.to_bytes());
        assert_eq!(again.public_key(), key.public_key());
        check_signing(SigningKey::ec(key));
    }
    for curve in EcCurve::ALL {
        if let Ok(key) = EcPrivateKey::from_bytes(curve, data) {
            assert_eq!(key.to_bytes().as_slice(), data);
            assert_eq!(key.curve(), curve);
            check_coordinates(&key.public_key());
        }
        if data.len() == 2 * curve.field_len() {
            let (x, y) = data.split_at(curve.field_len());
            if let Ok(key) = EcPublicKey::from_coordinates(curve, x, y) {
                assert_eq!(key.coordinates(), (x.to_vec(), y.to_vec()));
            }
        }
    }
}

/// The key's coordinates make the key again.
fn check_coordinates(key: &EcPublicKey) {
    let (x, y) = key.coordinates();
    assert_eq!(
        EcPublicKey::from_coordinates(key.curve(), &x, &y).as_ref(),
        Ok(key)
    );
}

fn pem(text: &str) {
    if let Ok(key) = VerifyingKey::from_pem(text) {
        check_public(&key);
    }
    for algorithm in Algorithm::ALL {
        if let Ok(key) = SigningKey::from_pem(algorithm, text) {
            let exported = key.to_private_pem().expect("a PEM key exports to PEM");
            let again = SigningKey::from_pem(algorithm, &exported).expect("exported PEM loads");
            assert_eq!(again.to_private_jwk(), key.to_private_jwk());
            let public = VerifyingKey::from_pem(text).expect("a private key has a public half");
            assert_eq!(public.thumbprint(), key.thumbprint());
        }
    }
    if let Ok(key) = RsaPrivateKey::from_pem(text) {
        let public = VerifyingKey::from_pem(text).expect("a private key has a public half");
        assert_eq!(
            public.thumbprint(),
            VerifyingKey::from(key.public_key()).thumbprint()
        );
    }
    if let Ok(key) = Ed25519PrivateKey::from_pem(text) {
        let public = VerifyingKey::from_pem(text).expect("a private key has a public half");
        assert_eq!(
            public.thumbprint(),
            VerifyingKey::from(key.public_key()).thumbprint()
        );
    }
    if let Ok(key) = EcPrivateKey::from_pem(text) {
        let public = VerifyingKey::from_pem(text).expect("a private key has a public half");
        assert_eq!(
            public.thumbprint(),
            VerifyingKey::from(key.public_key()).thumbprint()
        );
    }
}

fn check_public(key: &VerifyingKey) {
    let pem = key
        .to_public_pem()
        .expect("a key from PEM or DER has a public form");
    let again = VerifyingKey::from_pem(&pem).expect("exported SPKI PEM loads");
    assert_eq!(again.to_public_pem().as_ref(), Ok(&pem));
    assert_eq!(again.thumbprint(), key.thumbprint());
    assert_eq!(again.family(), key.family());
}

fn check_signing(key: SigningKey) {
    let signature = key.sign(b"jwt-core fuzz").expect("a loaded key signs");
    assert_eq!(
        key.verifying_key()
            .verify(key.algorithm(), b"jwt-core fuzz", &signature),
        Ok(())
    );
}
