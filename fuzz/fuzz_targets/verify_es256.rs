//! Arbitrary bytes as a token, fully verified with the conformance cases' P-256 public key:
//! never panics, and whatever is accepted is consistent with the signature layer and the
//! key-free readers, and (under the case files' settings) meets them. An accepted ES256
//! signature `r || s` stays accepted as `r || n - s` (JOSE does not require low-S) and is
//! refused in DER.

#![no_main]

use jwt_core::Algorithm;
use jwt_core_fuzz::{
    P256_KEY, P256_ORDER, base64url, case_validation, check_case_claims, check_verify, ecdsa_der,
    lenient_validation, sub_big_endian,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|token: &[u8]| {
    if let Some(data) = check_verify(token, &P256_KEY, &case_validation()) {
        check_case_claims(&data.claims);
    }
    let Some(data) = check_verify(token, &P256_KEY, &lenient_validation()) else {
        return;
    };
    assert_eq!(
        data.algorithm,
        Algorithm::ES256,
        "a P-256 key verifies ES256 only"
    );
    let (input, signature) = jwt_core_fuzz::accepted_parts(token);
    let signature = base64url(signature).expect("an accepted signature is base64url");
    let (r, s) = signature.split_at(32);
    let high_s = sub_big_endian(&P256_ORDER, s).expect("s is below n");
    let other = [r, high_s.as_slice()].concat();
    assert_eq!(
        P256_KEY.verify(Algorithm::ES256, input, &other),
        Ok(()),
        "n - s verifies"
    );
    assert!(
        P256_KEY
            .verify(Algorithm::ES256, input, &ecdsa_der(&signature))
            .is_err(),
        "a DER signature is refused"
    );
});
