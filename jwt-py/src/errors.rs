//! The one place where jwt-core's errors become the exceptions of `jwt_core.exceptions`
//! (PyJWT's classes), each carrying the core's stable [`ErrorKind::code`] as `.code`.
//!
//! The class is chosen by the error's kind, refined by its structured detail only where
//! PyJWT raises a more specific class for the same failure (a missing `iss`, a mistyped
//! `iat`). The message starts with PyJWT's wording where PyJWT has one, so that programs
//! matching on it keep working, and goes on with the core's detail.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;

use jwt_core::{AudienceProblem, Claim, Error, ErrorKind, KeyProblem, Malformed, Segment};

static EXCEPTIONS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// An instance of the exception class `name` of `jwt_core.exceptions`, made with `argument`,
/// carrying `code`.
fn exception(py: Python<'_>, name: &str, argument: &str, code: Option<&str>) -> PyErr {
    let made = EXCEPTIONS
        .get_or_try_init(py, || py.import("jwt_core.exceptions").map(Bound::unbind))
        .and_then(|module| module.bind(py).getattr(name))
        .and_then(|class| class.call1((argument,)))
        .and_then(|instance| {
            instance.setattr("code", code)?;
            Ok(instance)
        });
    match made {
        Ok(instance) => PyErr::from_value(instance),
        Err(err) => err,
    }
}

/// An exception of `jwt_core.exceptions` raised by the binding itself (an argument PyJWT
/// refuses before any token is read), with the core kind it stands for.
pub(crate) fn raise(py: Python<'_>, name: &str, message: &str, kind: Option<ErrorKind>) -> PyErr {
    exception(py, name, message, kind.map(ErrorKind::code))
}

/// The exception for a core error.
pub(crate) fn to_pyerr(py: Python<'_>, err: &Error) -> PyErr {
    let code = Some(err.kind().code());
    let missing = |claim: &str| exception(py, "MissingRequiredClaimError", claim, code);
    let (class, phrase) = match err {
        Error::MalformedToken(Malformed::ClaimType(claim)) => (claim_type_class(claim), None),
        Error::MalformedToken(malformed) => ("DecodeError", malformed_phrase(malformed)),
        Error::TokenTooLarge { .. } => ("DecodeError", None),
        Error::InvalidAlgorithm(_) => ("InvalidAlgorithmError", None),
        // A key restricted to one algorithm (a JWK's `alg`) is PyJWT's PyJWK case.
        Error::KeyAlgorithmMismatch {
            restricted_to: Some(_),
            ..
        } => ("InvalidAlgorithmError", None),
        Error::InvalidKey(KeyProblem::SecretTooShort { len: 0, .. }) => {
            ("InvalidKeyError", Some("HMAC key must not be empty."))
        }
        Error::KeyAlgorithmMismatch { .. } | Error::InvalidKey(_) => ("InvalidKeyError", None),
        Error::InvalidSignature => {
            return exception(
                py,
                "InvalidSignatureError",
                "Signature verification failed",
                code,
            );
        }
        Error::Expired { .. } | Error::TooOld { .. } => {
            ("ExpiredSignatureError", Some("Signature has expired"))
        }
        Error::NotYetValid { .. } => (
            "ImmatureSignatureError",
            Some("The token is not yet valid (nbf)"),
        ),
        Error::ImmatureIssuedAt { .. } => (
            "ImmatureSignatureError",
            Some("The token is not yet valid (iat)"),
        ),
        Error::InvalidIssuer { found: None } => return missing("iss"),
        Error::InvalidIssuer { .. } => ("InvalidIssuerError", Some("Invalid issuer")),
        Error::InvalidAudience(AudienceProblem::Missing) => return missing("aud"),
        Error::InvalidAudience(AudienceProblem::NoMatch) => {
            ("InvalidAudienceError", Some("Audience doesn't match"))
        }
        Error::InvalidAudience(_) => ("InvalidAudienceError", Some("Invalid audience")),
        Error::InvalidSubject { found: None } => return missing("sub"),
        Error::InvalidSubject { .. } => ("InvalidSubjectError", Some("Invalid subject")),
        Error::MissingRequiredClaim(claim) => return missing(claim.name()),
        Error::InvalidClaims(_) => ("InvalidClaimsError", None),
        Error::UnknownKeyId { .. }
        | Error::UnsupportedCriticalHeader(_)
        | Error::InvalidType { .. }
        | Error::InvalidHeader(_) => ("InvalidTokenError", None),
        _ => ("PyJWTError", None),
    };
    let message = match phrase {
        Some(phrase) => format!("{phrase}: {err}"),
        None => err.to_string(),
    };
    exception(py, class, &message, code)
}

/// PyJWT's wording for a malformed token, where it has one.
fn malformed_phrase(malformed: &Malformed) -> Option<&'static str> {
    Some(match malformed {
        Malformed::SegmentCount => "Not enough segments",
        Malformed::Base64(Segment::Header) => "Invalid header padding",
        Malformed::Base64(Segment::Payload) => "Invalid payload padding",
        Malformed::Base64(Segment::Signature) => "Invalid crypto padding",
        Malformed::Json(Segment::Header, _) | Malformed::NotAnObject(Segment::Header) => {
            "Invalid header string"
        }
        Malformed::Json(Segment::Payload, _) | Malformed::NotAnObject(Segment::Payload) => {
            "Invalid payload string"
        }
        _ => return None,
    })
}

/// PyJWT's class for a registered claim of the wrong type.
fn claim_type_class(claim: &Claim) -> &'static str {
    match claim {
        Claim::Iat => "InvalidIssuedAtError",
        Claim::Iss => "InvalidIssuerError",
        Claim::Aud => "InvalidAudienceError",
        Claim::Sub => "InvalidSubjectError",
        Claim::Jti => "InvalidJTIError",
        _ => "DecodeError",
    }
}

/// Converts core results at the boundary: `core(py, result)?`.
pub(crate) trait IntoPy<T> {
    /// The value, or the exception for the core error.
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|err| to_pyerr(py, &err))
    }
}
