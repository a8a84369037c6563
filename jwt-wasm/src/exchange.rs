//! The exchange buffer: one region of the module's memory that JavaScript writes a token into,
//! so that verification crosses into the module and back with numbers only
//! (`benches/node/README.md` measures why), and reads where the verified claims' plan is.
//!
//! JavaScript sizes the buffer with [`exchange`] (which returns its address), writes the
//! token's UTF-8 at its start and calls [`verify_exchange`]. The claims come back as a plan
//! (`plan.rs`), whose location follows the token in the buffer. A failure is kept for
//! [`take_failure`].

use std::cell::RefCell;

use jwt_core::{ErrorKind, TokenData};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::convert::Policy;
use crate::errors::Failure;
use crate::keys::{Ring, Verifier, VerifyKey};
use crate::plan::{Plan, SINK};

thread_local! {
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static FAILURE: RefCell<Option<Failure>> = const { RefCell::new(None) };
}

/// Makes the buffer `capacity` bytes long and returns its address (valid until the next call).
#[wasm_bindgen]
pub fn exchange(capacity: usize) -> *const u8 {
    BUFFER.with_borrow_mut(|buffer| {
        *buffer = vec![0; capacity];
        buffer.as_ptr()
    })
}

/// The failure of the last call that returned -1.
#[wasm_bindgen(js_name = takeFailure)]
pub fn take_failure() -> Option<Failure> {
    FAILURE.take()
}

/// Verifies the token of `token_len` bytes at the start of the buffer with `key` under
/// `policy`, and writes where its claims' plan is (`Sink::location`) at the first address
/// after the token that is a multiple of 8. Returns 0, or -1 on failure (see
/// [`take_failure`]).
#[wasm_bindgen(js_name = verifyExchange)]
pub fn verify_exchange(token_len: usize, key: &VerifyKey, policy: &Policy) -> i32 {
    run(token_len, |token| match &key.inner {
        Verifier::One(key) => jwt_core::decode(token, key, &policy.validation),
        Verifier::Set(keys) => jwt_core::decode_with_set(token, keys, &policy.validation),
    })
}

/// As [`verify_exchange`], with the key ring's key that the token's `kid` names.
#[wasm_bindgen(js_name = verifyExchangeWithRing)]
pub fn verify_exchange_with_ring(token_len: usize, ring: &Ring, policy: &Policy) -> i32 {
    run(token_len, |token| {
        jwt_core::decode_with_set(token, ring.inner.key_set(), &policy.validation)
    })
}

fn run(
    token_len: usize,
    verify: impl FnOnce(&[u8]) -> Result<TokenData<Plan>, jwt_core::Error>,
) -> i32 {
    let result = BUFFER.with_borrow_mut(|buffer| {
        let (token, rest) = buffer
            .split_at_mut_checked(token_len)
            .ok_or_else(|| unreadable("is longer than the exchange buffer"))?;
        verify(token)?;
        let skip = rest.as_ptr().addr().wrapping_neg() % 8;
        let location = SINK.with_borrow(|sink| sink.location());
        rest.get_mut(skip..skip + location.len())
            .ok_or_else(|| unreadable("leaves no room in the exchange buffer"))?
            .copy_from_slice(&location);
        Ok(0)
    });
    match result {
        Ok(done) => done,
        Err(failure) => {
            FAILURE.set(Some(failure));
            -1
        }
    }
}

/// A token that JavaScript's exchange could not hand over whole (it never writes more than
/// the buffer holds). Its bytes go to jwt-core as they are: JavaScript writes a string's
/// UTF-8, and jwt-core refuses any byte that is not base64url or a dot.
fn unreadable(why: &str) -> Failure {
    Failure::new(
        ErrorKind::MalformedToken,
        format!("malformed token: the token {why}"),
    )
}
