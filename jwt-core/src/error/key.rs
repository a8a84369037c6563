//! What can be wrong with a key: its strength, its encoding, its JWK members, its key ring.

use alloc::string::String;
use core::fmt;

use super::token::JsonError;
use crate::alg::ecdsa::EcCurve;
use crate::alg::{Algorithm, KeyFamily};

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
    /// An EC public key is not a point of its curve (or is the point at infinity), or an EC
    /// private key is zero, not below the group order, or not the private half of the public
    /// key it comes with.
    InvalidEcKey,
    /// An EC key is offered an algorithm of another curve (a P-256 key and `ES384`).
    WrongCurve {
        /// The algorithm (of the token, or requested for signing).
        algorithm: Algorithm,
        /// The curve of the key.
        key: EcCurve,
    },
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
    /// The key is of a type or curve this library does not support (e.g. P-521, X25519).
    UnsupportedKeyType,
    /// A public key was given where a private key is needed.
    NotAPrivateKey,
    /// Bytes given as a key hold a key, a certificate or JWKs in a form this library does not
    /// read as a key, and are not taken for an HMAC secret either (algorithm confusion).
    NotAnHmacSecret,
    /// An HMAC secret has no public form: it cannot be published as a public JWK.
    NoPublicForm,
    /// An HMAC secret has no PEM or DER form: export it as a private JWK.
    NoPemForm,
    /// The key could not be written in the requested encoding.
    Unencodable,
    /// The cryptographic implementation refused the key material.
    Rejected,
    /// The operating system's random number generator failed.
    RandomnessUnavailable,
    /// A JSON Web Key or JWK Set is malformed or unusable.
    Jwk(JwkProblem),
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
            Self::InvalidEcKey => f.write_str("the EC key is not a valid key of its curve"),
            Self::WrongCurve { algorithm, key } => match algorithm.curve() {
                Some(needed) => write!(f, "{algorithm} needs a {needed} key, not a {key} key"),
                None => write!(f, "{algorithm} does not use a {key} key"),
            },
            Self::WrongLength { expected, actual } => {
                write!(f, "expected {expected} key bytes, got {actual}")
            }
            Self::MalformedPem => f.write_str("the PEM text is malformed"),
            Self::UnsupportedPemLabel(label) => write!(f, "unsupported PEM label {label:?}"),
            Self::MalformedDer => f.write_str("the DER key structure is malformed"),
            Self::UnsupportedKeyType => f.write_str(
                "unsupported key type (only RSA, P-256, P-384 and Ed25519 keys are read)",
            ),
            Self::NotAPrivateKey => f.write_str("a private key is required for signing"),
            Self::NotAnHmacSecret => f.write_str(
                "the key holds a key, a certificate or JWKs, and is not used as an HMAC secret",
            ),
            Self::NoPublicForm => {
                f.write_str("an HMAC secret has no public form; export it as a private JWK")
            }
            Self::NoPemForm => {
                f.write_str("an HMAC secret has no PEM or DER form; export it as a private JWK")
            }
            Self::Unencodable => f.write_str("the key could not be encoded"),
            Self::Rejected => f.write_str("the cryptographic implementation refused the key"),
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

/// A member of a JSON Web Key (RFC 7517 section 4, RFC 7518 section 6, RFC 8037), or the
/// `keys` member of a JWK Set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JwkMember {
    /// `kty`, the key type.
    Kty,
    /// `use`, the intended use.
    Use,
    /// `key_ops`, the permitted operations.
    KeyOps,
    /// `alg`, the one algorithm the key is for.
    Alg,
    /// `kid`, the key id.
    Kid,
    /// `k`, an HMAC secret.
    K,
    /// `n`, an RSA modulus.
    N,
    /// `e`, an RSA public exponent.
    E,
    /// `d`, an RSA private exponent, an EC private scalar or an OKP private key.
    D,
    /// `p`, an RSA prime.
    P,
    /// `q`, an RSA prime.
    Q,
    /// `dp`, an RSA CRT exponent.
    Dp,
    /// `dq`, an RSA CRT exponent.
    Dq,
    /// `qi`, an RSA CRT coefficient.
    Qi,
    /// `oth`, the further primes of a multi-prime RSA key.
    Oth,
    /// `crv`, the curve.
    Crv,
    /// `x`, a public key (OKP) or the x coordinate (EC).
    X,
    /// `y`, the y coordinate (EC).
    Y,
    /// `keys`, the members of a JWK Set.
    Keys,
}

impl JwkMember {
    /// The member's name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Kty => "kty",
            Self::Use => "use",
            Self::KeyOps => "key_ops",
            Self::Alg => "alg",
            Self::Kid => "kid",
            Self::K => "k",
            Self::N => "n",
            Self::E => "e",
            Self::D => "d",
            Self::P => "p",
            Self::Q => "q",
            Self::Dp => "dp",
            Self::Dq => "dq",
            Self::Qi => "qi",
            Self::Oth => "oth",
            Self::Crv => "crv",
            Self::X => "x",
            Self::Y => "y",
            Self::Keys => "keys",
        }
    }
}

impl fmt::Display for JwkMember {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self.name())
    }
}

/// An operation a key is imported for, which its `key_ops` must permit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyOperation {
    /// Verifying signatures.
    Verify,
    /// Signing.
    Sign,
}

impl KeyOperation {
    /// The operation's name in `key_ops`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Verify => "verify",
            Self::Sign => "sign",
        }
    }
}

/// Why a JSON Web Key or JWK Set was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwkProblem {
    /// The text is not JSON.
    Json(JsonError),
    /// The JSON is not an object.
    NotAnObject,
    /// An object repeats a member name.
    DuplicateMember(String),
    /// A member the key type needs is absent.
    Missing(JwkMember),
    /// A member has the wrong JSON type.
    WrongType(JwkMember),
    /// A binary member is not unpadded canonical base64url.
    NotBase64url(JwkMember),
    /// An RSA integer member is not the minimal big-endian encoding (RFC 7518 section 6.3).
    NotMinimal(JwkMember),
    /// An EC coordinate or private scalar is not exactly as long as the curve's field
    /// (RFC 7518 section 6.2).
    WrongLength {
        /// The member.
        member: JwkMember,
        /// The length the curve requires, in bytes.
        expected: usize,
        /// The member's length, in bytes.
        actual: usize,
    },
    /// `kty` names a key type this library does not implement.
    UnsupportedKeyType(String),
    /// `crv` names a curve this library does not implement.
    UnsupportedCurve(String),
    /// `alg` names an algorithm this library does not implement.
    UnsupportedAlgorithm(String),
    /// `alg` names an algorithm of another key family than the key's.
    AlgorithmMismatch {
        /// The JWK's `alg`.
        algorithm: Algorithm,
        /// The family of the key.
        key: KeyFamily,
    },
    /// `use` is not `sig`.
    NotForSignatures(String),
    /// `key_ops` names an operation twice.
    RepeatedOperation(String),
    /// `key_ops` does not permit the operation the key is imported for.
    OperationNotPermitted(KeyOperation),
    /// Multi-prime RSA keys (`oth`) are not supported.
    MultiPrime,
    /// Only some of the RSA CRT members (`p`, `q`, `dp`, `dq`, `qi`) are present.
    IncompleteCrt,
    /// A private member does not belong to the key's public members.
    Inconsistent(JwkMember),
    /// The RSA CRT values (`dp`, `dq`, `qi`) do not match the key; which one is not said,
    /// as they are compared together in constant time.
    CrtMismatch,
}

impl fmt::Display for JwkProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Json(error) => write!(f, "not JSON: {error}"),
            Self::NotAnObject => f.write_str("not a JSON object"),
            Self::DuplicateMember(name) => write!(f, "the member {name:?} is repeated"),
            Self::Missing(member) => write!(f, "{member} is required"),
            Self::WrongType(member) => write!(f, "{member} has the wrong JSON type"),
            Self::NotBase64url(member) => {
                write!(f, "{member} is not unpadded canonical base64url")
            }
            Self::NotMinimal(member) => {
                write!(f, "{member} must be the minimal non-empty encoding")
            }
            Self::WrongLength {
                member,
                expected,
                actual,
            } => write!(f, "{member} has {actual} bytes; the curve needs {expected}"),
            Self::UnsupportedKeyType(kty) => write!(f, "unsupported \"kty\" {kty:?}"),
            Self::UnsupportedCurve(crv) => write!(f, "unsupported \"crv\" {crv:?}"),
            Self::UnsupportedAlgorithm(alg) => write!(f, "unsupported \"alg\" {alg:?}"),
            Self::AlgorithmMismatch { algorithm, key } => {
                write!(f, "\"alg\" {algorithm} does not fit an {key} key")
            }
            Self::NotForSignatures(value) => write!(f, "\"use\" {value:?} is not \"sig\""),
            Self::RepeatedOperation(op) => write!(f, "\"key_ops\" repeats {op:?}"),
            Self::OperationNotPermitted(op) => {
                write!(f, "\"key_ops\" does not permit {:?}", op.name())
            }
            Self::MultiPrime => f.write_str("multi-prime RSA keys (\"oth\") are not supported"),
            Self::IncompleteCrt => {
                f.write_str("\"p\", \"q\", \"dp\", \"dq\" and \"qi\" go together")
            }
            Self::Inconsistent(member) => write!(f, "{member} does not match the key"),
            Self::CrtMismatch => f.write_str("\"dp\", \"dq\" or \"qi\" does not match the key"),
        }
    }
}
