//! Arbitrary bytes as a token, read without a key: `decode_header`,
//! `dangerous::decode_unverified` and `UntrustedToken::parse` never panic, and agree with each
//! other about the header.

#![no_main]

use std::collections::BTreeMap;

use jwt_core::{Claims, Clock, UntrustedToken, Validation, dangerous};
use jwt_core_fuzz::{NOW, every_algorithm};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|token: &[u8]| {
    let header = jwt_core::decode_header(token);
    let unverified = dangerous::decode_unverified::<Claims>(token);
    // A claims type that most payloads do not fit: the shape error path.
    let typed = dangerous::decode_unverified::<BTreeMap<String, String>>(token);

    let validation = Validation::new_with_clock(every_algorithm(), Clock::Fixed(NOW))
        .accept_critical("x-ext")
        .typ("JWT");
    let untrusted = UntrustedToken::parse(token, &validation);

    match &header {
        Err(err) => {
            // The key-free checks start with the same decoding, so fail the same way.
            assert_eq!(unverified.as_ref().err(), Some(err));
            assert_eq!(typed.as_ref().err(), Some(err));
            assert_eq!(untrusted.as_ref().err(), Some(err));
        }
        Ok((algorithm, header)) => {
            if let Ok(data) = &unverified {
                assert_eq!((&data.algorithm, &data.header), (algorithm, header));
            }
            if let Ok(data) = &typed {
                assert_eq!((&data.algorithm, &data.header), (algorithm, header));
                let claims = unverified.as_ref().expect("typed claims are claims");
                assert_eq!(claims.claims.len(), data.claims.len());
            }
            if let Ok(untrusted) = &untrusted {
                assert_eq!(untrusted.algorithm(), *algorithm);
                let parsed = untrusted.header();
                assert_eq!(parsed.typ(), header.typ());
                assert_eq!(parsed.kid(), header.kid());
                assert_eq!(parsed.content_type(), header.content_type());
                assert!(parsed.extras().eq(header.extras()));
                assert!(
                    parsed
                        .critical()
                        .iter()
                        .all(|name| name == "x-ext" && header.extra(name).is_some())
                );
            }
        }
    }
});
