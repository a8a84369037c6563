//! The one error type of the crate, and the stable kinds callers match on.
//!
//! Every failure is an [`Error`] variant carrying structured detail (which segment, which
//! claim, which header parameter); [`Error::kind`] reduces it to an [`ErrorKind`] whose
//! [`ErrorKind::code`] is the stable string shared with the Python and JavaScript bindings and
//! with the conformance case files. Signature failures carry no detail at all: telling an
//! attacker *how* a forgery failed only helps the next forgery.

use alloc::string::String;
use core::fmt;

use crate::alg::{Algorithm, KeyFamily};
use crate::claims::Claim;

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// Why a token, key or setting was refused.
///
/// `Display` gives a message for humans; [`Error::kind`] gives the stable category.
///
/// ```
/// use jwt_core::{Error, ErrorKind};
///
/// let err = jwt_core::HmacKey::new(b"too short").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidKey);
/// assert_eq!(err.kind().code(), "InvalidKey");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
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
    /// Claims given for signing cannot become a JWT payload (not a JSON object, or a
    /// registered claim of the wrong type).
    InvalidClaims(String),
    /// A header given for signing cannot be used (a custom member shadows a registered one, or
    /// the header bytes disagree with the signing key).
    InvalidHeader(String),
}

/// The stable category of an [`Error`], identical across Rust, Python and JavaScript.
///
/// The verification kinds are exactly those of the shared conformance case format;
/// `InvalidClaims` and `InvalidHeader` only arise when signing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// See [`Error::MalformedToken`].
    MalformedToken,
    /// See [`Error::TokenTooLarge`].
    TokenTooLarge,
    /// See [`Error::InvalidAlgorithm`].
    InvalidAlgorithm,
    /// See [`Error::KeyAlgorithmMismatch`].
    KeyAlgorithmMismatch,
    /// See [`Error::InvalidKey`].
    InvalidKey,
    /// See [`Error::UnknownKeyId`].
    UnknownKeyId,
    /// See [`Error::InvalidSignature`].
    InvalidSignature,
    /// See [`Error::UnsupportedCriticalHeader`].
    UnsupportedCriticalHeader,
    /// See [`Error::InvalidType`].
    InvalidType,
    /// See [`Error::Expired`].
    Expired,
    /// See [`Error::NotYetValid`].
    NotYetValid,
    /// See [`Error::ImmatureIssuedAt`].
    ImmatureIssuedAt,
    /// See [`Error::TooOld`].
    TooOld,
    /// See [`Error::InvalidIssuer`].
    InvalidIssuer,
    /// See [`Error::InvalidAudience`].
    InvalidAudience,
    /// See [`Error::InvalidSubject`].
    InvalidSubject,
    /// See [`Error::MissingRequiredClaim`].
    MissingRequiredClaim,
    /// See [`Error::InvalidClaims`].
    InvalidClaims,
    /// See [`Error::InvalidHeader`].
    InvalidHeader,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: [ErrorKind; 19] = [
        Self::MalformedToken,
        Self::TokenTooLarge,
        Self::InvalidAlgorithm,
        Self::KeyAlgorithmMismatch,
        Self::InvalidKey,
        Self::UnknownKeyId,
        Self::InvalidSignature,
        Self::UnsupportedCriticalHeader,
        Self::InvalidType,
        Self::Expired,
        Self::NotYetValid,
        Self::ImmatureIssuedAt,
        Self::TooOld,
        Self::InvalidIssuer,
        Self::InvalidAudience,
        Self::InvalidSubject,
        Self::MissingRequiredClaim,
        Self::InvalidClaims,
        Self::InvalidHeader,
    ];

    /// The stable code string, e.g. `"Expired"`.
    ///
    /// ```
    /// assert_eq!(jwt_core::ErrorKind::TooOld.code(), "TooOld");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Self::MalformedToken => "MalformedToken",
            Self::TokenTooLarge => "TokenTooLarge",
            Self::InvalidAlgorithm => "InvalidAlgorithm",
            Self::KeyAlgorithmMismatch => "KeyAlgorithmMismatch",
            Self::InvalidKey => "InvalidKey",
            Self::UnknownKeyId => "UnknownKeyId",
            Self::InvalidSignature => "InvalidSignature",
            Self::UnsupportedCriticalHeader => "UnsupportedCriticalHeader",
            Self::InvalidType => "InvalidType",
            Self::Expired => "Expired",
            Self::NotYetValid => "NotYetValid",
            Self::ImmatureIssuedAt => "ImmatureIssuedAt",
            Self::TooOld => "TooOld",
            Self::InvalidIssuer => "InvalidIssuer",
            Self::InvalidAudience => "InvalidAudience",
            Self::InvalidSubject => "InvalidSubject",
            Self::MissingRequiredClaim => "MissingRequiredClaim",
            Self::InvalidClaims => "InvalidClaims",
            Self::InvalidHeader => "InvalidHeader",
        }
    }

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

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
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
            Self::MalformedToken(_) => ErrorKind::MalformedToken,
            Self::TokenTooLarge { .. } => ErrorKind::TokenTooLarge,
            Self::InvalidAlgorithm(_) => ErrorKind::InvalidAlgorithm,
            Self::KeyAlgorithmMismatch { .. } => ErrorKind::KeyAlgorithmMismatch,
            Self::InvalidKey(_) => ErrorKind::InvalidKey,
            Self::UnknownKeyId { .. } => ErrorKind::UnknownKeyId,
            Self::InvalidSignature => ErrorKind::InvalidSignature,
            Self::UnsupportedCriticalHeader(_) => ErrorKind::UnsupportedCriticalHeader,
            Self::InvalidType { .. } => ErrorKind::InvalidType,
            Self::Expired { .. } => ErrorKind::Expired,
            Self::NotYetValid { .. } => ErrorKind::NotYetValid,
            Self::ImmatureIssuedAt { .. } => ErrorKind::ImmatureIssuedAt,
            Self::TooOld { .. } => ErrorKind::TooOld,
            Self::InvalidIssuer { .. } => ErrorKind::InvalidIssuer,
            Self::InvalidAudience(_) => ErrorKind::InvalidAudience,
            Self::InvalidSubject { .. } => ErrorKind::InvalidSubject,
            Self::MissingRequiredClaim(_) => ErrorKind::MissingRequiredClaim,
            Self::InvalidClaims(_) => ErrorKind::InvalidClaims,
            Self::InvalidHeader(_) => ErrorKind::InvalidHeader,
        }
    }
}

/// One of the three segments of a compact token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    /// The protected header.
    Header,
    /// The payload (the claims of a JWT).
    Payload,
    /// The signature.
    Signature,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Header => "header",
            Self::Payload => "payload",
            Self::Signature => "signature",
        })
    }
}

/// What is wrong with a malformed token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Malformed {
    /// The token does not have exactly three dot-separated segments.
    SegmentCount,
    /// A segment is not strict unpadded base64url with canonical trailing bits.
    Base64(Segment),
    /// A segment is not valid JSON (or not valid UTF-8); the message is the parser's.
    Json(Segment, String),
    /// A segment is valid JSON but not an object.
    NotAnObject(Segment),
    /// A JSON object in a segment repeats a member name.
    DuplicateMember(Segment, String),
    /// A registered header parameter has the wrong JSON type.
    HeaderParameterType(&'static str),
    /// A registered claim has the wrong JSON type.
    ClaimType(Claim),
    /// The claims are valid JWT claims but do not fit the caller's claims type.
    ClaimsShape(String),
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SegmentCount => f.write_str("expected three dot-separated segments"),
            Self::Base64(segment) => {
                write!(f, "the {segment} is not unpadded canonical base64url")
            }
            Self::Json(segment, message) => write!(f, "the {segment} is not valid JSON: {message}"),
            Self::NotAnObject(segment) => write!(f, "the {segment} is not a JSON object"),
            Self::DuplicateMember(segment, name) => {
                write!(f, "the {segment} repeats the member {name:?}")
            }
            Self::HeaderParameterType(name) => {
                write!(f, "the header parameter {name:?} has the wrong JSON type")
            }
            Self::ClaimType(claim) => {
                write!(f, "the claim {:?} has the wrong JSON type", claim.name())
            }
            Self::ClaimsShape(message) => {
                write!(f, "the claims do not fit the expected type: {message}")
            }
        }
    }
}

/// Why the algorithm was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AlgorithmProblem {
    /// The header has no `alg`.
    Missing,
    /// `alg` is `none` (in some spelling): unsecured tokens are never accepted.
    None,
    /// `alg` names an algorithm this library does not implement.
    Unsupported(String),
    /// `alg` is supported but not in the verifier's allow-list.
    NotAllowed(Algorithm),
    /// An allow-list was built from no algorithms at all.
    EmptyAllowList,
}

impl fmt::Display for AlgorithmProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing => f.write_str("the header has no \"alg\""),
            Self::None => f.write_str("unsecured tokens (alg \"none\") are never accepted"),
            Self::Unsupported(name) => write!(f, "unsupported algorithm {name:?}"),
            Self::NotAllowed(alg) => write!(f, "algorithm {alg} is not in the allow-list"),
            Self::EmptyAllowList => f.write_str("the algorithm allow-list is empty"),
        }
    }
}

/// Why a key was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyProblem {
    /// An HMAC secret is shorter than the hash output of the algorithm.
    SecretTooShort {
        /// The secret's length in bytes.
        len: usize,
        /// The minimum length in bytes.
        min: usize,
    },
    /// An RSA modulus is shorter than 2048 bits.
    RsaModulusTooSmall {
        /// The modulus size in bits.
        bits: usize,
    },
    /// An RSA modulus is longer than this library accepts.
    RsaModulusTooLarge {
        /// The modulus size in bits.
        bits: usize,
    },
    /// The RSA key's numbers are not a consistent RSA key.
    InvalidRsaKey,
    /// An Ed25519 public key is not a valid point, or is of small order.
    InvalidEd25519Key,
    /// Key bytes have the wrong length for their type.
    WrongLength {
        /// The expected length in bytes.
        expected: usize,
        /// The length received.
        actual: usize,
    },
    /// The PEM text is not well-formed.
    MalformedPem,
    /// The PEM label is not one of the key labels this library reads.
    UnsupportedPemLabel(String),
    /// The DER structure is not a key this library reads.
    MalformedDer,
    /// The key is of a type or curve this library does not support (e.g. P-256, X25519).
    UnsupportedKeyType,
    /// A public key was given where a private key is needed.
    NotAPrivateKey,
    /// An HMAC secret has no public form to export.
    NoPublicForm,
    /// The operating system's random number generator failed.
    RandomnessUnavailable,
    /// A JSON Web Key is malformed or unusable; the message says which member and why.
    Jwk(String),
    /// A JWK Set has no key this library can use.
    NoUsableKey,
    /// A key ring needs every key to have a key id.
    MissingKeyId,
    /// Two keys of a key ring have the same key id.
    DuplicateKeyId(String),
    /// The current signing key of a key ring cannot be retired.
    RetiringCurrentKey,
}

impl fmt::Display for KeyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SecretTooShort { len, min } => write!(
                f,
                "HMAC secret of {len} bytes is shorter than the required {min} bytes"
            ),
            Self::RsaModulusTooSmall { bits } => {
                write!(
                    f,
                    "RSA modulus of {bits} bits is under the 2048-bit minimum"
                )
            }
            Self::RsaModulusTooLarge { bits } => {
                write!(f, "RSA modulus of {bits} bits is over the 8192-bit maximum")
            }
            Self::InvalidRsaKey => f.write_str("the RSA key is not consistent"),
            Self::InvalidEd25519Key => {
                f.write_str("the Ed25519 public key is not a valid point of large order")
            }
            Self::WrongLength { expected, actual } => {
                write!(f, "expected {expected} key bytes, got {actual}")
            }
            Self::MalformedPem => f.write_str("the PEM text is malformed"),
            Self::UnsupportedPemLabel(label) => write!(f, "unsupported PEM label {label:?}"),
            Self::MalformedDer => f.write_str("the DER key structure is malformed"),
            Self::UnsupportedKeyType => {
                f.write_str("unsupported key type (only RSA and Ed25519 keys are read)")
            }
            Self::NotAPrivateKey => f.write_str("a private key is required for signing"),
            Self::NoPublicForm => {
                f.write_str("an HMAC secret has no public form; export it as a private JWK")
            }
            Self::RandomnessUnavailable => {
                f.write_str("the operating system's random number generator failed")
            }
            Self::Jwk(why) => write!(f, "unusable JWK: {why}"),
            Self::NoUsableKey => f.write_str("the JWK Set has no usable key"),
            Self::MissingKeyId => f.write_str("a key in a key ring needs a key id"),
            Self::DuplicateKeyId(kid) => write!(f, "the key id {kid:?} is already in use"),
            Self::RetiringCurrentKey => {
                f.write_str("the current signing key cannot be retired; rotate first")
            }
        }
    }
}

/// Why the `crit` header was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CriticalProblem {
    /// `crit` names an extension the verifier was not told it understands.
    Unsupported(String),
    /// `crit` is not a non-empty array of strings.
    Malformed,
    /// `crit` names a parameter defined by the JWS specification itself.
    Registered(String),
    /// `crit` names a parameter that is absent from the header.
    Absent(String),
    /// The header uses the `b64` extension (RFC 7797), which this library does not implement.
    UnencodedPayload,
}

impl fmt::Display for CriticalProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unsupported(name) => write!(f, "critical extension {name:?} is not supported"),
            Self::Malformed => f.write_str("\"crit\" must be a non-empty array of strings"),
            Self::Registered(name) => {
                write!(
                    f,
                    "\"crit\" must not name the registered parameter {name:?}"
                )
            }
            Self::Absent(name) => write!(f, "\"crit\" names {name:?}, which the header lacks"),
            Self::UnencodedPayload => {
                f.write_str("the \"b64\" extension (unencoded payload) is not supported")
            }
        }
    }
}

/// Why the audience was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AudienceProblem {
    /// An audience is expected and the token has no `aud`.
    Missing,
    /// No member of the token's `aud` is an accepted audience.
    NoMatch,
    /// The token has an `aud` but the verifier expects none.
    Unexpected,
}

impl fmt::Display for AudienceProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Missing => "the token has no \"aud\" claim",
            Self::NoMatch => "no \"aud\" value is an accepted audience",
            Self::Unexpected => {
                "the token names an audience but none is configured; configure the accepted \
                 audience, or ignore audiences explicitly"
            }
        })
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
