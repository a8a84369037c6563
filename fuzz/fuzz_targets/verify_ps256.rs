//! Arbitrary bytes as a token, fully verified with the conformance cases' RSA 2048 public key
//! under an allow-list of the PSS algorithms only: never panics, and whatever is accepted is
//! consistent with the signature layer and the key-free readers, and (under the case files'
//! settings) meets them. An accepted PSS signature is not also a PKCS#1 v1.5 signature of the
//! same hash (the same key serves both; the paddings must never be confused).

#![no_main]

use jwt_core::Algorithm;
use jwt_core_fuzz::{
    RSA_KEY, base64url, case_validation_for, check_case_claims, check_verify,
    lenient_validation_for, pss_algorithms,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|token: &[u8]| {
    if let Some(data) = check_verify(token, &RSA_KEY, &case_validation_for(pss_algorithms())) {
        check_case_claims(&data.claims);
    }
    let Some(data) = check_verify(token, &RSA_KEY, &lenient_validation_for(pss_algorithms()))
    else {
        return;
    };
    let pkcs1 = match data.algorithm {
        Algorithm::PS256 => Algorithm::RS256,
        Algorithm::PS384 => Algorithm::RS384,
        Algorithm::PS512 => Algorithm::RS512,
        other => panic!("{other} is not on the allow-list"),
    };
    let (input, signature) = jwt_core_fuzz::accepted_parts(token);
    let signature = base64url(signature).expect("an accepted signature is base64url");
    assert!(
        RSA_KEY.verify(pkcs1, input, &signature).is_err(),
        "a PSS signature also verified as {pkcs1}"
    );
});
