//! Sign, verify with `complete`, and decode: a token and key handles in, JSON text or a token
//! out (plain verification is [`exchange`](crate::exchange)'s).
//!
//! Claims cross here as JSON text both ways: a verified or decoded payload goes back exactly as
//! the token carries it, for one `JSON.parse`, and the claims to sign arrive as
//! `JSON.stringify`'s text and are signed as given.

use base64ct::{Base64UrlUnpadded, Encoding};
use jwt_core::dangerous::UnverifiedToken;
use jwt_core::{Header, UntrustedToken};
use serde::de::IgnoredAny;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::convert::{self, Policy};
use crate::errors::Failure;
use crate::keys::{Ring, SignKey, Verifier, VerifyKey};

/// A verified (or, from [`decode_unverified`], merely decoded) token's parts.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Parts {
    header: String,
    payload: Vec<u8>,
    signature: String,
}

#[wasm_bindgen]
impl Parts {
    /// The header as JSON text, `alg` included.
    #[wasm_bindgen(getter)]
    pub fn header(&self) -> String {
        self.header.clone()
    }

    /// The claims' JSON text (UTF-8), exactly as the token carries them.
    #[wasm_bindgen(getter)]
    pub fn payload(&self) -> Vec<u8> {
        self.payload.clone()
    }

    /// The signature segment (base64url), as jsonwebtoken's `complete` gives it.
    #[wasm_bindgen(getter)]
    pub fn signature(&self) -> String {
        self.signature.clone()
    }
}

/// The signature as its token segment: a token's segments are canonical base64url (jwt-core
/// refuses any other encoding), so this is the segment's own text.
fn segment(signature: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(signature)
}

/// Runs the checks of `token` that need no key (size, structure, encoding, header): a key
/// that cannot be used is reported only after these, as jwt-core orders its checks.
#[wasm_bindgen(js_name = checkToken)]
pub fn check_token(token: &str, policy: &Policy) -> Result<(), Failure> {
    UntrustedToken::parse(token, &policy.validation)?;
    Ok(())
}

/// Verifies `token` with `key` under `policy` and returns its header, claims and signature
/// (jsonwebtoken's `complete`; plain verification goes through [`crate::exchange`]).
#[wasm_bindgen(js_name = verifyComplete)]
pub fn verify_complete(token: &str, key: &VerifyKey, policy: &Policy) -> Result<Parts, Failure> {
    let untrusted = UntrustedToken::parse(token, &policy.validation)?;
    let signature = segment(untrusted.signature());
    let verified = match &key.inner {
        Verifier::One(key) => untrusted.verify_json(key)?,
        Verifier::Set(keys) => untrusted.verify_json_with_set(keys)?,
    };
    Ok(Parts {
        header: convert::header_json(verified.algorithm, &verified.header),
        payload: verified.claims,
        signature,
    })
}

/// Decodes `token` **without verifying its signature or validating any claim** (jsonwebtoken's
/// `decode`): structure, encoding, strict JSON and the registered claims' types are checked.
#[wasm_bindgen(js_name = decodeUnverified)]
pub fn decode_unverified(token: &str) -> Result<Parts, Failure> {
    let unverified = UnverifiedToken::parse(token)?;
    unverified.claims::<IgnoredAny>()?;
    Ok(Parts {
        header: convert::header_json(unverified.algorithm(), unverified.header()),
        payload: unverified.payload().to_vec(),
        signature: segment(unverified.signature()),
    })
}

/// The header of `token` as JSON text, `alg` included, **unverified**: for choosing the key
/// (jsonwebtoken's key functions receive it). Structure and encoding are checked.
#[wasm_bindgen(js_name = decodeHeader)]
pub fn decode_header(token: &str) -> Result<String, Failure> {
    let (algorithm, header) = jwt_core::decode_header(token)?;
    Ok(convert::header_json(algorithm, &header))
}

/// The size limit of [`decode_unverified`] and [`decode_header`], in bytes.
#[wasm_bindgen(js_name = defaultTokenLimit)]
pub fn default_token_limit() -> usize {
    jwt_core::DEFAULT_MAX_TOKEN_BYTES
}

/// Signs claims given as JSON text (an object) with `key`, under the header members of
/// `header` (JSON text; empty for none).
#[wasm_bindgen]
pub fn sign(key: &SignKey, header: &str, claims: &str) -> Result<String, Failure> {
    let header = convert::header(Header::new(), key.inner.algorithm(), header)?;
    Ok(jwt_core::encode_json(
        &key.inner,
        &header,
        claims.as_bytes(),
    )?)
}

/// Signs claims given as JSON text with the key ring's current key.
#[wasm_bindgen(js_name = signWithRing)]
pub fn sign_with_ring(ring: &Ring, header: &str, claims: &str) -> Result<String, Failure> {
    let key = ring.inner.signing_key();
    let header = convert::header(Header::new(), key.algorithm(), header)?;
    Ok(jwt_core::encode_json(key, &header, claims.as_bytes())?)
}

/// Signs `payload` bytes that are not claims (a string or Buffer payload, as jsonwebtoken
/// signs them): the header has no `typ` unless given.
#[wasm_bindgen(js_name = signBytes)]
pub fn sign_bytes(key: &SignKey, header: &str, payload: &[u8]) -> Result<String, Failure> {
    let header = convert::header(Header::new().without_typ(), key.inner.algorithm(), header)?;
    Ok(jwt_core::jws::sign_payload(&key.inner, &header, payload)?)
}
