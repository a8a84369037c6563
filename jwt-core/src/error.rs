//! The one error type of the crate, and the stable kinds callers match on.
//!
//! Every failure is an [`Error`] variant carrying structured detail (which segment, which
//! claim, which header parameter, which JWK member and why); [`Error::kind`] reduces it to an
//! [`ErrorKind`] whose [`ErrorKind::code`] is the stable string shared with the Python and
//! JavaScript bindings and with the conformance case files. No error carries a message for
//! programs to parse: what a program may want to act on is a field. Signature failures carry
//! no detail at all: telling an attacker *how* a forgery failed only helps the next forgery.

use alloc::string::String;
use core::fmt;

use crate::alg::{Algorithm, KeyFamily};
use crate::claims::Claim;

mod key;
mod signing;
mod token;

pub use key::{JwkMember, JwkProblem, KeyOperation, KeyProblem};
pub use signing::{ClaimsProblem, HeaderProblem};
pub use token::{
    AlgorithmProblem, AudienceProblem, CriticalProblem, HeaderParameter, JsonError, JsonFault,
    JsonType, Malformed, Segment, ShapeProblem,
};

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// Declares [`Error`] and [`ErrorKind`] from one list of variants, so that a kind cannot be
/// added to one and forgotten in [`ErrorKind::ALL`], [`ErrorKind::code`] or
/// [`Error::kind`]: each variant of `Error` has the kind of its own name.
macro_rules! errors {
    ($(
        $(#[$doc:meta])*
        $kind:ident $(($($tuple:ty),*))? $({$($(#[$field_doc:meta])* $field:ident: $field_type:ty),* $(,)?})?
    ),* $(,)?) => {
        /// Why a token, key or setting was refused.
        ///
        /// `Display` gives a message for humans; [`Error::kind`] gives the stable category,
        /// and the fields say what a program may want to know.
        ///
        /// ```
        /// use jwt_core::{Error, ErrorKind, KeyProblem};
        ///
        /// let err = jwt_core::HmacKey::new(b"too short").unwrap_err();
        /// assert_eq!(err, Error::InvalidKey(KeyProblem::SecretTooShort { len: 9, min: 32 }));
        /// assert_eq!(err.kind(), ErrorKind::InvalidKey);
        /// assert_eq!(err.kind().code(), "InvalidKey");
        /// ```
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum Error {
            $(
                $(#[$doc])*
                $kind $(($($tuple),*))? $({$($(#[$field_doc])* $field: $field_type),*})?
            ),*
        }

        /// The stable category of an [`Error`], identical across Rust, Python and JavaScript.
        ///
        /// The verification kinds are exactly those of the shared conformance case format;
        /// `InvalidClaims` and `InvalidHeader` only arise when signing.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $(
                #[doc = concat!("See [`Error::", stringify!($kind), "`].")]
                $kind
            ),*
        }

        impl ErrorKind {
            /// Every kind, in declaration order.
            pub const ALL: [ErrorKind; [$(stringify!($kind)),*].len()] = [$(Self::$kind),*];

            /// The stable code string, e.g. `"Expired"`: the kind's name.
            ///
            /// ```
            /// assert_eq!(jwt_core::ErrorKind::TooOld.code(), "TooOld");
            /// ```
            pub const fn code(self) -> &'static str {
                match self {
                    $(Self::$kind => stringify!($kind)),*
                }
            }
        }

        impl Error {
            /// The stable category of this error.
            ///
            /// ```
            /// use jwt_core::{Error, ErrorKind};
            /// assert_eq!(Error::InvalidSignature.kind(), ErrorKind::InvalidSignature);
            /// ```
            pub fn kind(&self) -> ErrorKind {
                match self {
                    $(Self::$kind { .. } => ErrorKind::$kind),*
                }
            }
        }
    };
}

errors! {
    /// The token is not a well-formed compact JWS/JWT.
    MalformedToken(Malformed),
    /// The token is longer than the configured limit; nothing was decoded.
    TokenTooLarge {
        /// The configured limit in bytes.
        limit: usize,
        /// The token's length in bytes.
        actual: usize,
    },
    /// The `alg` header is missing, `none`, unsupported, or not allowed.
    InvalidAlgorithm(AlgorithmProblem),
    /// The algorithm is allowed, but the key belongs to another family.
    KeyAlgorithmMismatch {
        /// The algorithm named by the token (or requested for signing).
        algorithm: Algorithm,
        /// The family of the key that was offered.
        key: KeyFamily,
        /// The one algorithm the key is restricted to (a JWK's `alg`), if any.
        restricted_to: Option<Algorithm>,
    },
    /// The key is malformed, too weak, or of an unsupported type.
    InvalidKey(KeyProblem),
    /// No key of a key set fits the token.
    UnknownKeyId {
        /// The token's `kid`, if it had one.
        kid: Option<String>,
    },
    /// The signature does not verify. Deliberately carries no detail.
    InvalidSignature,
    /// The `crit` header names an extension this verifier does not process, or is malformed.
    UnsupportedCriticalHeader(CriticalProblem),
    /// The `typ` header does not match the required value.
    InvalidType {
        /// The required value.
        expected: String,
        /// The token's value, if present.
        found: Option<String>,
    },
    /// `now >= exp + leeway`.
    Expired {
        /// The token's `exp`.
        exp: f64,
        /// The verifier's current time.
        now: u64,
        /// The leeway in seconds.
        leeway: u64,
    },
    /// `now + leeway < nbf`.
    NotYetValid {
        /// The token's `nbf`.
        nbf: f64,
        /// The verifier's current time.
        now: u64,
    },
    /// `iat` lies in the future: `iat > now + leeway`.
    ImmatureIssuedAt {
        /// The token's `iat`.
        iat: f64,
        /// The verifier's current time.
        now: u64,
    },
    /// The token was issued longer ago than the configured maximum age.
    TooOld {
        /// The token's `iat`.
        iat: f64,
        /// The configured maximum age in seconds.
        max_age: u64,
        /// The verifier's current time.
        now: u64,
    },
    /// `iss` is missing or not one of the accepted issuers.
    InvalidIssuer {
        /// The token's `iss`, if present.
        found: Option<String>,
    },
    /// `aud` is missing, matches no accepted audience, or is present when none is expected.
    InvalidAudience(AudienceProblem),
    /// `sub` is missing or not the required subject.
    InvalidSubject {
        /// The token's `sub`, if present.
        found: Option<String>,
    },
    /// A claim named as required is absent.
    MissingRequiredClaim(Claim),
    /// A claim does not have the value the verifier expects of it (for example a `jti` or an
    /// OpenID Connect `nonce`).
    ClaimMismatch(Claim),
    /// Claims given for signing cannot become a JWT payload (not a JSON object, or a
    /// registered claim of the wrong type).
    InvalidClaims(ClaimsProblem),
    /// A header given for signing cannot be used (a custom member shadows a registered one, or
    /// the header disagrees with the signing key).
    InvalidHeader(HeaderProblem),
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl ErrorKind {
    /// The kind whose [`code`](Self::code) is `code`.
    ///
    /// ```
    /// use jwt_core::ErrorKind;
    /// assert_eq!(ErrorKind::from_code("Expired"), Some(ErrorKind::Expired));
    /// assert_eq!(ErrorKind::from_code("expired"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MalformedToken(what) => write!(f, "malformed token: {what}"),
            Self::TokenTooLarge { limit, actual } => {
                write!(f, "token of {actual} bytes exceeds the {limit}-byte limit")
            }
            Self::InvalidAlgorithm(why) => write!(f, "invalid algorithm: {why}"),
            Self::KeyAlgorithmMismatch {
                algorithm,
                restricted_to: Some(only),
                ..
            } => {
                write!(
                    f,
                    "algorithm {algorithm} cannot be used with a key restricted to {only}"
                )
            }
            Self::KeyAlgorithmMismatch {
                algorithm,
                key,
                restricted_to: None,
            } => {
                write!(f, "algorithm {algorithm} cannot be used with an {key} key")
            }
            Self::InvalidKey(why) => write!(f, "invalid key: {why}"),
            Self::UnknownKeyId { kid: Some(kid) } => {
                write!(f, "no usable key has the key id {kid:?}")
            }
            Self::UnknownKeyId { kid: None } => {
                f.write_str("the token has no key id and not exactly one key fits its algorithm")
            }
            Self::InvalidSignature => f.write_str("signature verification failed"),
            Self::UnsupportedCriticalHeader(why) => write!(f, "unsupported critical header: {why}"),
            Self::InvalidType {
                expected,
                found: Some(found),
            } => {
                write!(f, "token type {found:?} is not the required {expected:?}")
            }
            Self::InvalidType {
                expected,
                found: None,
            } => {
                write!(f, "token has no \"typ\"; {expected:?} is required")
            }
            Self::Expired { exp, now, leeway } => {
                write!(f, "token expired at {exp} (now {now}, leeway {leeway} s)")
            }
            Self::NotYetValid { nbf, now } => {
                write!(f, "token is not valid before {nbf} (now {now})")
            }
            Self::ImmatureIssuedAt { iat, now } => {
                write!(f, "token is issued in the future at {iat} (now {now})")
            }
            Self::TooOld { iat, max_age, now } => write!(
                f,
                "token issued at {iat} is older than the maximum age of {max_age} s (now {now})"
            ),
            Self::InvalidIssuer { found: Some(found) } => {
                write!(f, "issuer {found:?} is not accepted")
            }
            Self::InvalidIssuer { found: None } => f.write_str("the token has no \"iss\" claim"),
            Self::InvalidAudience(why) => write!(f, "invalid audience: {why}"),
            Self::InvalidSubject { found: Some(found) } => {
                write!(f, "subject {found:?} is not the required subject")
            }
            Self::InvalidSubject { found: None } => f.write_str("the token has no \"sub\" claim"),
            Self::MissingRequiredClaim(claim) => {
                write!(f, "the required claim {:?} is missing", claim.name())
            }
            Self::ClaimMismatch(claim) => {
                write!(
                    f,
                    "the claim {:?} does not have the expected value",
                    claim.name()
                )
            }
            Self::InvalidClaims(why) => write!(f, "invalid claims: {why}"),
            Self::InvalidHeader(why) => write!(f, "invalid header: {why}"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}

impl From<Malformed> for Error {
    fn from(value: Malformed) -> Self {
        Self::MalformedToken(value)
    }
}

impl From<KeyProblem> for Error {
    fn from(value: KeyProblem) -> Self {
        Self::InvalidKey(value)
    }
}

impl From<JwkProblem> for Error {
    fn from(value: JwkProblem) -> Self {
        Self::InvalidKey(KeyProblem::Jwk(value))
    }
}

impl From<HeaderProblem> for Error {
    fn from(value: HeaderProblem) -> Self {
        Self::InvalidHeader(value)
    }
}

impl From<ClaimsProblem> for Error {
    fn from(value: ClaimsProblem) -> Self {
        Self::InvalidClaims(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn codes_round_trip_and_are_unique() {
        for kind in ErrorKind::ALL {
            assert_eq!(ErrorKind::from_code(kind.code()), Some(kind));
            assert_eq!(kind.to_string(), kind.code());
        }
        let mut codes: alloc::vec::Vec<_> = ErrorKind::ALL.iter().map(|k| k.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ErrorKind::ALL.len());
        assert_eq!(ErrorKind::ALL.len(), 20);
    }

    #[test]
    fn each_error_has_the_kind_of_its_name() {
        let errors = [
            Error::MalformedToken(Malformed::SegmentCount),
            Error::InvalidSignature,
            Error::TokenTooLarge {
                limit: 1,
                actual: 2,
            },
            Error::InvalidClaims(ClaimsProblem::NotAnObject),
        ];
        for error in errors {
            let debug = alloc::format!("{error:?}");
            assert!(debug.starts_with(error.kind().code()), "{debug}");
        }
    }

    #[test]
    fn signature_errors_say_nothing_specific() {
        assert_eq!(
            Error::InvalidSignature.to_string(),
            "signature verification failed"
        );
    }

    #[test]
    fn messages_name_the_claim_and_values() {
        let err = Error::Expired {
            exp: 1_699_999_100.0,
            now: 1_700_000_000,
            leeway: 0,
        };
        assert_eq!(
            err.to_string(),
            "token expired at 1699999100 (now 1700000000, leeway 0 s)"
        );
        let err = Error::MissingRequiredClaim(Claim::Jti);
        assert_eq!(err.to_string(), "the required claim \"jti\" is missing");
    }
}
