//! Arbitrary bytes as a token, fully verified with the conformance cases' HMAC secret:
//! never panics, and whatever is accepted is consistent with the signature layer and the
//! key-free readers, and (under the case files' settings) meets them.

#![no_main]

use jwt_core_fuzz::{
    HS256_KEY, case_validation, check_case_claims, check_verify, lenient_validation,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|token: &[u8]| {
    if let Some(data) = check_verify(token, &HS256_KEY, &case_validation()) {
        check_case_claims(&data.claims);
    }
    check_verify(token, &HS256_KEY, &lenient_validation());
});
