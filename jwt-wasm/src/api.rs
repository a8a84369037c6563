//! Sign, verify and decode: a token and key handles in, JSON text or a token out.
//!
//! Claims cross as JSON text both ways, never as JavaScript objects built member by member:
//! the verified payload goes back exactly as it arrived in the token, for one `JSON.parse`,
//! and the claims to sign arrive as `JSON.stringify`'s text.

use jwt_core::{Header, TokenData, UntrustedToken};
use serde_json::value::RawValue;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::convert::{self, Policy};
use crate::errors::Failure;
use crate::keys::{Ring, SignKey, Verifier, VerifyKey};

/// The claims as their JSON text, exactly as the token carries them.
/// TODO(jwt-core): `UntrustedToken::verify_json`, returning the validated payload's bytes
/// without the second read that `serde_json`'s raw values take.
type RawClaims = Box<RawValue>;

/// A verified (or, from [`decode_unverified`], merely decoded) token's parts as JSON text.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Parts {
    header: String,
    payload: String,
    signature: String,
}

#[wasm_bindgen]
impl Parts {
    /// The header as JSON text, `alg` included.
    #[wasm_bindgen(getter)]
    pub fn header(&self) -> String {
        self.header.clone()
    }

    /// The claims as JSON text, as the token carries them.
    #[wasm_bindgen(getter)]
    pub fn payload(&self) -> String {
        self.payload.clone()
    }

    /// The signature segment (base64url).
    #[wasm_bindgen(getter)]
    pub fn signature(&self) -> String {
        self.signature.clone()
    }
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
    Ok(parts(token, verified(token, key, policy)?))
}

fn verified(
    token: &str,
    key: &VerifyKey,
    policy: &Policy,
) -> Result<TokenData<RawClaims>, Failure> {
    let untrusted = UntrustedToken::parse(token, &policy.validation)?;
    Ok(match &key.inner {
        Verifier::One(key) => untrusted.verify(key)?,
        Verifier::Set(keys) => untrusted.verify_with_set(keys)?,
    })
}

/// Decodes `token` **without verifying its signature or validating any claim** (jsonwebtoken's
/// `decode`): structure, encoding, strict JSON and the registered claims' types are checked.
#[wasm_bindgen(js_name = decodeUnverified)]
pub fn decode_unverified(token: &str) -> Result<Parts, Failure> {
    Ok(parts(token, jwt_core::dangerous::decode_unverified(token)?))
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

fn parts(token: &str, data: TokenData<RawClaims>) -> Parts {
    let signature = token
        .rsplit_once('.')
        .map_or("", |(_, signature)| signature);
    Parts {
        header: convert::header_json(data.algorithm, &data.header),
        payload: text(data.claims),
        signature: signature.into(),
    }
}

fn text(claims: RawClaims) -> String {
    Box::<str>::from(claims).into_string()
}

/// Signs claims given as JSON text (an object) with `key`, under the header members of
/// `header` (JSON text; empty for none).
#[wasm_bindgen]
pub fn sign(key: &SignKey, header: &str, claims: &str) -> Result<String, Failure> {
    let header = convert::header(key.inner.algorithm(), header)?;
    Ok(jwt_core::encode(&key.inner, &header, claims_json(claims)?)?)
}

/// Signs claims given as JSON text with the key ring's current key.
#[wasm_bindgen(js_name = signWithRing)]
pub fn sign_with_ring(ring: &Ring, header: &str, claims: &str) -> Result<String, Failure> {
    let header: Header = convert::header(ring.inner.signing_key().algorithm(), header)?;
    Ok(ring.inner.encode(&header, claims_json(claims)?)?)
}

/// Claims JSON text as a value that serializes to exactly that text.
/// TODO(jwt-core): `encode_json(key, header, claims: &[u8])`, which checks the claims and signs
/// their bytes in one pass.
fn claims_json(claims: &str) -> Result<&RawValue, jwt_core::Error> {
    serde_json::from_str(claims).map_err(|err| jwt_core::Error::InvalidClaims(err.to_string()))
}

/// Signs `payload` bytes that are not claims (a string or Buffer payload, as jsonwebtoken
/// signs them): the header has no `typ` unless given.
#[wasm_bindgen(js_name = signBytes)]
pub fn sign_bytes(key: &SignKey, header: &str, payload: &[u8]) -> Result<String, Failure> {
    let header = convert::raw_header(key.inner.algorithm(), header)?;
    Ok(jwt_core::jws::sign(&key.inner, &header, payload)?)
}
