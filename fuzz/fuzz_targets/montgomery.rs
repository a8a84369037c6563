//! jwt-core's RSA public operation for e = 65537 (Montgomery arithmetic of its own, reached
//! through the hidden `internal` module) against `crypto-bigint`, the big integers of the
//! `rsa` crate: for an odd modulus of 1 to 128 limbs and any number below it, the same power;
//! for a number not below it, a refusal. Never panics.

#![no_main]

use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
use crypto_bigint::{BoxedUint, Odd};
use jwt_core::internal::Modulus;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte sizes the modulus (1 to 128 limbs of 8 bytes); the rest is n, then s.
    let Some((&size, rest)) = data.split_first() else {
        return;
    };
    let len = 8 * (usize::from(size) % 128 + 1);
    if rest.len() < 2 * len {
        return;
    }
    let (n, s) = rest.split_at(len);
    let s = &s[..len];
    let mut n = n.to_vec();
    n[len - 1] |= 1;
    let precision = u32::try_from(len * 8).expect("at most 8192 bits");
    let Some(odd) = Odd::new(BoxedUint::from_be_slice(&n, precision).expect("fits")).into_option()
    else {
        return;
    };
    let params = BoxedMontyParams::new_vartime(odd);
    let r2 = params.as_ref().r2().to_be_bytes();
    let modulus = Modulus::new(&n, &r2, precision).expect("an odd modulus with its R loads");
    let mut ours = vec![0; len];
    let accepted = modulus.pow_f4(s, &mut ours);
    let s_int = BoxedUint::from_be_slice(s, precision).expect("fits");
    let n_int = BoxedUint::from_be_slice(&n, precision).expect("fits");
    assert_eq!(accepted, s_int < n_int, "s < n decides");
    if accepted {
        let power = BoxedMontyForm::new(s_int, &params).pow(&BoxedUint::from(65_537u32));
        let bytes = power.retrieve().to_be_bytes();
        assert_eq!(ours, bytes[bytes.len() - len..], "s^65537 mod n");
    }
});
