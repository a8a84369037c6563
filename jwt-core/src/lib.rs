#![no_std]
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(clippy::exhaustive_enums)]
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

pub mod alg;
mod b64;
mod claims;
pub mod dangerous;
mod error;
mod header;
#[doc(hidden)]
pub mod internal;
mod json;
mod jwk;
mod jwk_set;
pub mod jws;
mod key;
mod key_material;
mod key_set;
mod keyring;
mod pem;
#[cfg(feature = "getrandom")]
mod random;
mod time;
mod token;
mod untrusted;
mod unverified;
mod validation;

pub use alg::ecdsa::{EcCurve, EcPrivateKey, EcPublicKey};
pub use alg::eddsa::{Ed25519PrivateKey, Ed25519PublicKey};
pub use alg::hmac::HmacKey;
pub use alg::rsa::{RsaPrivateKey, RsaPublicKey};
pub use alg::{Algorithm, AlgorithmSet, KeyFamily};
pub use claims::{Claim, Claims};
pub use error::{
    AlgorithmProblem, AudienceProblem, ClaimsProblem, CriticalProblem, Error, ErrorKind,
    HeaderParameter, HeaderProblem, JsonError, JsonFault, JsonType, JwkMember, JwkProblem,
    KeyOperation, KeyProblem, Malformed, Result, Segment, ShapeProblem,
};
pub use header::Header;
pub use jwk::Jwk;
pub use jwk_set::JwkSet;
pub use key::{SigningKey, VerifyingKey};
pub use key_material::KeyMaterial;
pub use key_set::KeySet;
pub use keyring::KeyRing;
pub use time::Clock;
pub use token::{
    TokenData, decode, decode_header, decode_json, decode_json_with_set, decode_with_set, encode,
    encode_json,
};
pub use untrusted::{OwnedUntrustedToken, UntrustedToken};
pub use validation::{DEFAULT_MAX_TOKEN_BYTES, Validation};

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ProjectReadme;
