//! Differential round trip over every algorithm: for arbitrary claims (with `exp` in the
//! future) and headers (`typ`, `kid`, `cty`, private members), `verify(sign(x)) == x` by
//! every verification path (`decode`, `UntrustedToken`, a `KeySet`, a key re-imported from
//! its JWK, the raw payload, the unverified reader), signing is deterministic (but for PSS's
//! salt), and changing any one byte of the token to any other byte makes it refused.

#![no_main]

use arbitrary::Arbitrary;
use jwt_core::{Claims, KeyFamily, KeySet, SigningKey, UntrustedToken, VerifyingKey};
use jwt_core_fuzz::{Signed, signer};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    signed: Signed,
    /// Where to change a byte, and to what (must differ from the byte there).
    at: usize,
    byte: u8,
}

fuzz_target!(|input: Input| {
    let (token, verified) = input.signed.sign_and_verify();
    let Input {
        signed: Signed {
            algorithm,
            header,
            claims,
        },
        at,
        byte,
    } = input;
    let signer = signer(algorithm);
    // Every algorithm here but PSS is deterministic (ECDSA by RFC 6979). RSA signing costs
    // more than the whole rest of an iteration, so PKCS#1 v1.5's (RFC 8017's, checked by the
    // RFC 7520 vector) is taken as read; PSS draws a salt.
    if algorithm.family() != KeyFamily::Rsa {
        assert_eq!(
            jwt_core::encode(signer, &header, &claims.claims).as_ref(),
            Ok(&token)
        );
    }

    let validation = claims.validation(algorithm);
    let key = signer.verifying_key();

    let untrusted = UntrustedToken::parse(&token, &validation).expect("parses");
    assert_eq!(
        (untrusted.algorithm(), untrusted.header()),
        (algorithm, &header)
    );
    assert_eq!(untrusted.verify::<Claims>(&key).as_ref(), Ok(&verified));

    let named = match header.kid() {
        Some(kid) => key.clone().with_kid(kid),
        None => key.clone(),
    };
    let set = KeySet::new([named]).expect("one key");
    assert_eq!(
        jwt_core::decode_with_set::<Claims>(&token, &set, &validation).as_ref(),
        Ok(&verified)
    );

    assert_eq!(
        jwt_core::dangerous::decode_unverified::<Claims>(&token).as_ref(),
        Ok(&verified)
    );
    assert_eq!(
        jwt_core::decode_header(&token),
        Ok((algorithm, header.clone()))
    );

    let payload = UntrustedToken::parse(&token, &validation)
        .and_then(|untrusted| untrusted.verify_payload(&key))
        .expect("the raw payload verifies");
    let raw: serde_json::Value = serde_json::from_slice(&payload.claims).expect("JSON");
    assert_eq!(raw, serde_json::Value::Object(claims.claims.clone()));

    let reimported = match algorithm.family() {
        KeyFamily::Hmac => {
            let jwk = signer.to_private_jwk().expect("private JWK").to_string();
            SigningKey::from_jwk(algorithm, &jwk.parse().expect("JSON"))
                .map(|key| key.verifying_key())
        }
        _ => {
            let jwk = signer.to_public_jwk().expect("public JWK").to_string();
            VerifyingKey::from_jwk(&jwk.parse().expect("JSON"))
        }
    }
    .expect("an exported key imports");
    assert_eq!(
        jwt_core::decode::<Claims>(&token, &reimported, &validation).as_ref(),
        Ok(&verified)
    );

    let mut changed = token.clone().into_bytes();
    let at = at % changed.len();
    if changed[at] == byte {
        return;
    }
    changed[at] = byte;
    let result = jwt_core::decode::<Claims>(&changed, &key, &validation);
    assert!(
        result.is_err(),
        "accepted a changed token\n  signed:  {token}\n  changed: {}",
        String::from_utf8_lossy(&changed)
    );
});
