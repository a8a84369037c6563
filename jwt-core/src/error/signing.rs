//! What can be wrong with what a signer hands over: the claims and the header.

use alloc::string::String;
use core::fmt;

use super::token::{AlgorithmProblem, CriticalProblem, JsonError, Malformed};
use crate::alg::Algorithm;
use crate::claims::Claim;

/// Why claims given for signing cannot become a JWT payload. A token this library would
/// refuse to verify is never issued.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClaimsProblem {
    /// `serde_json` cannot serialize them (a map with keys that are not strings, or a
    /// `Serialize` implementation that failed).
    NotSerializable,
    /// Claims given as JSON text are not JSON.
    NotJson(JsonError),
    /// They serialize to JSON that is not an object.
    NotAnObject,
    /// They serialize to an object that repeats a member name.
    DuplicateMember(String),
    /// A registered claim is not of its registered type (`exp`, `nbf`, `iat` numbers; `iss`,
    /// `sub`, `jti` strings; `aud` a string or an array of strings).
    ClaimType(Claim),
}

impl fmt::Display for ClaimsProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotSerializable => f.write_str("they cannot be serialized to JSON"),
            Self::NotJson(error) => write!(f, "they are not JSON: {error}"),
            Self::NotAnObject => f.write_str("they are not a JSON object"),
            Self::DuplicateMember(name) => write!(f, "the member {name:?} is repeated"),
            Self::ClaimType(claim) => {
                write!(f, "the claim {:?} has the wrong JSON type", claim.name())
            }
        }
    }
}

/// Why a header given for signing cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HeaderProblem {
    /// A custom member would shadow one the header manages (`alg`, `typ`, `kid`, `cty`,
    /// `crit`) or an extension this library does not implement (`b64`).
    Reserved(String),
    /// The header's `alg` is not the algorithm of the signing key.
    AlgorithmMismatch {
        /// The header's `alg`.
        header: Algorithm,
        /// The algorithm the key signs with.
        key: Algorithm,
    },
    /// The header names another key than the signing key.
    KeyIdMismatch {
        /// The header's `kid`.
        header: String,
        /// The signing key's id.
        key: String,
    },
    /// The header could not be serialized to JSON.
    NotSerializable,
    /// Raw header bytes are not a header verification would accept.
    Malformed(Malformed),
    /// Raw header bytes have no usable `alg`.
    Algorithm(AlgorithmProblem),
    /// Raw header bytes use `crit` or an extension.
    Critical(CriticalProblem),
}

impl fmt::Display for HeaderProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Reserved(name) => {
                write!(f, "{name:?} cannot be set as a custom header member")
            }
            Self::AlgorithmMismatch { header, key } => {
                write!(f, "the header says {header} but the key signs {key}")
            }
            Self::KeyIdMismatch { header, key } => write!(
                f,
                "the header names key {header:?} but the signing key is {key:?}"
            ),
            Self::NotSerializable => f.write_str("it cannot be serialized to JSON"),
            Self::Malformed(why) => write!(f, "{why}"),
            Self::Algorithm(why) => write!(f, "{why}"),
            Self::Critical(why) => write!(f, "{why}"),
        }
    }
}
