//! The one place where jwt-core's errors become the exceptions of `jwt_core.exceptions`
//! (PyJWT's classes), each carrying the core's stable [`ErrorKind::code`] as `.code` and the
//! error's fields as attributes (`.claim`, `.exp`, `.now`, `.kid`, ...).
//!
//! The class is chosen by the error's kind, refined by its structured detail only where
//! PyJWT raises a more specific class for the same failure (a missing `iss`, a mistyped
//! `iat`). The message starts with PyJWT's wording where PyJWT has one, so that programs
//! matching on it keep working, and goes on with the core's detail.

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;
use pyo3::{IntoPyObject, IntoPyObjectExt};

use jwt_core::{
    AlgorithmProblem, AudienceProblem, Claim, ClaimsProblem, CriticalProblem, Error, ErrorKind,
    HeaderProblem, JwkProblem, KeyProblem, Malformed, Segment,
};

static EXCEPTIONS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The attributes an exception carries besides `.code`: an error's fields, by name.
struct Details<'py> {
    py: Python<'py>,
    fields: Vec<(&'static str, Bound<'py, PyAny>)>,
}

impl<'py> Details<'py> {
    fn new(py: Python<'py>) -> Self {
        Self {
            py,
            fields: Vec::new(),
        }
    }

    fn add(&mut self, name: &'static str, value: impl IntoPyObject<'py>) -> PyResult<()> {
        let value = value.into_bound_py_any(self.py)?;
        self.fields.push((name, value));
        Ok(())
    }
}

/// An instance of the exception class `name` of `jwt_core.exceptions`, made with `argument`,
/// carrying `code` and `details`.
fn exception<'py>(
    py: Python<'py>,
    name: &str,
    argument: &str,
    code: Option<&str>,
    details: PyResult<Details<'py>>,
) -> PyErr {
    let made = EXCEPTIONS
        .get_or_try_init(py, || py.import("jwt_core.exceptions").map(Bound::unbind))
        .and_then(|module| module.bind(py).getattr(name))
        .and_then(|class| class.call1((argument,)))
        .and_then(|instance| {
            instance.setattr("code", code)?;
            for (field, value) in details?.fields {
                instance.setattr(field, value)?;
            }
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
    exception(
        py,
        name,
        message,
        kind.map(ErrorKind::code),
        Ok(Details::new(py)),
    )
}

/// The exception for a core error.
pub(crate) fn to_pyerr(py: Python<'_>, err: &Error) -> PyErr {
    let code = Some(err.kind().code());
    match describe(err) {
        Described::Missing(claim) => exception(
            py,
            "MissingRequiredClaimError",
            claim,
            code,
            details(py, err),
        ),
        Described::Class(class, phrase) => {
            exception(py, class, &message(err, phrase), code, details(py, err))
        }
        Described::Worded(class, words) => exception(py, class, words, code, details(py, err)),
    }
}

/// The message of a core error as PyJWT would word it (for a warning, or a key check).
pub(crate) fn message_of(err: &Error) -> String {
    match describe(err) {
        Described::Missing(claim) => format!("Token is missing the \"{claim}\" claim"),
        Described::Class(_, phrase) => message(err, phrase),
        Described::Worded(_, words) => words.to_owned(),
    }
}

/// PyJWT's wording, where it has one, then the core's.
fn message(err: &Error, phrase: Option<Cow<'static, str>>) -> String {
    match phrase {
        Some(phrase) => format!("{phrase}: {err}"),
        None => err.to_string(),
    }
}

/// What a core error is in PyJWT's terms.
enum Described<'a> {
    /// `MissingRequiredClaimError` for this claim.
    Missing(&'a str),
    /// This class of `jwt_core.exceptions`, with PyJWT's wording, if it has one.
    Class(&'static str, Option<Cow<'static, str>>),
    /// This class, with PyJWT's wording alone.
    Worded(&'static str, &'static str),
}

/// PyJWT's class for a core error, refined by the error's detail where PyJWT's is, and
/// PyJWT's wording for it.
fn describe(err: &Error) -> Described<'_> {
    let (class, phrase): (_, Option<&'static str>) = match err {
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
        Error::InvalidKey(KeyProblem::SecretTooShort { len, min }) => {
            let phrase = format!(
                "The HMAC key is {len} bytes long, which is below the minimum recommended \
                 length of {min} bytes"
            );
            return Described::Class("InvalidKeyError", Some(Cow::Owned(phrase)));
        }
        Error::KeyAlgorithmMismatch { .. } | Error::InvalidKey(_) => ("InvalidKeyError", None),
        // Deliberately opaque in the core too: PyJWT's words are all there is to say.
        Error::InvalidSignature => {
            return Described::Worded("InvalidSignatureError", "Signature verification failed");
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
        Error::InvalidIssuer { found: None } => return Described::Missing("iss"),
        Error::InvalidIssuer { .. } => ("InvalidIssuerError", Some("Invalid issuer")),
        Error::InvalidAudience(AudienceProblem::Missing) => return Described::Missing("aud"),
        Error::InvalidAudience(AudienceProblem::NoMatch) => {
            ("InvalidAudienceError", Some("Audience doesn't match"))
        }
        Error::InvalidAudience(AudienceProblem::NotOneString) => (
            "InvalidAudienceError",
            Some("Invalid claim format in token (strict)"),
        ),
        Error::InvalidAudience(_) => ("InvalidAudienceError", Some("Invalid audience")),
        Error::InvalidSubject { found: None } => return Described::Missing("sub"),
        Error::InvalidSubject { .. } => ("InvalidSubjectError", Some("Invalid subject")),
        Error::MissingRequiredClaim(claim) => return Described::Missing(claim.name()),
        Error::InvalidClaims(_) => ("InvalidClaimsError", None),
        Error::UnknownKeyId { .. }
        | Error::UnsupportedCriticalHeader(_)
        | Error::InvalidType { .. }
        | Error::InvalidHeader(_) => ("InvalidTokenError", None),
        _ => ("PyJWTError", None),
    };
    Described::Class(class, phrase.map(Cow::Borrowed))
}

/// The fields of `err` that a program may act on, as attributes named after them.
fn details<'py>(py: Python<'py>, err: &Error) -> PyResult<Details<'py>> {
    let mut details = Details::new(py);
    let d = &mut details;
    match err {
        Error::MalformedToken(malformed) => malformed_details(d, malformed)?,
        Error::TokenTooLarge { limit, actual } => {
            d.add("limit", limit)?;
            d.add("actual", actual)?;
        }
        Error::InvalidAlgorithm(problem) => match problem {
            AlgorithmProblem::NotAllowed(algorithm) => d.add("algorithm", algorithm.name())?,
            AlgorithmProblem::Unsupported(name) => d.add("algorithm", name)?,
            _ => {}
        },
        Error::KeyAlgorithmMismatch {
            algorithm,
            key,
            restricted_to,
        } => {
            d.add("algorithm", algorithm.name())?;
            d.add("family", key.to_string())?;
            d.add("restricted_to", restricted_to.map(|only| only.name()))?;
        }
        Error::InvalidKey(problem) => key_details(d, problem)?,
        Error::UnknownKeyId { kid } => d.add("kid", kid)?,
        Error::UnsupportedCriticalHeader(
            CriticalProblem::Unsupported(name)
            | CriticalProblem::Registered(name)
            | CriticalProblem::Absent(name),
        ) => d.add("parameter", name)?,
        Error::InvalidType { expected, found } => {
            d.add("expected", expected)?;
            d.add("found", found)?;
        }
        Error::Expired { exp, now, leeway } => {
            d.add("exp", exp)?;
            d.add("now", now)?;
            d.add("leeway", leeway)?;
        }
        Error::NotYetValid { nbf, now } => {
            d.add("nbf", nbf)?;
            d.add("now", now)?;
        }
        Error::ImmatureIssuedAt { iat, now } => {
            d.add("iat", iat)?;
            d.add("now", now)?;
        }
        Error::TooOld { iat, max_age, now } => {
            d.add("iat", iat)?;
            d.add("max_age", max_age)?;
            d.add("now", now)?;
        }
        Error::InvalidIssuer { found } => {
            d.add("claim", "iss")?;
            d.add("found", found)?;
        }
        Error::InvalidSubject { found } => {
            d.add("claim", "sub")?;
            d.add("found", found)?;
        }
        Error::InvalidAudience(problem) => {
            d.add("claim", "aud")?;
            d.add("problem", audience_problem(problem))?;
        }
        Error::MissingRequiredClaim(claim) => d.add("claim", claim.name())?,
        Error::InvalidClaims(ClaimsProblem::ClaimType(claim)) => d.add("claim", claim.name())?,
        Error::InvalidClaims(ClaimsProblem::DuplicateMember(name)) => d.add("member", name)?,
        Error::InvalidHeader(HeaderProblem::Reserved(name)) => d.add("parameter", name)?,
        _ => {}
    }
    Ok(details)
}

fn malformed_details(d: &mut Details<'_>, malformed: &Malformed) -> PyResult<()> {
    match malformed {
        Malformed::Base64(segment) | Malformed::NotAnObject(segment) => {
            d.add("segment", segment.to_string())
        }
        Malformed::Json(segment, error) => {
            d.add("segment", segment.to_string())?;
            d.add("fault", error.fault.to_string())?;
            d.add("line", error.line)?;
            d.add("column", error.column)
        }
        Malformed::DuplicateMember(segment, name) => {
            d.add("segment", segment.to_string())?;
            d.add("member", name)
        }
        Malformed::HeaderParameterType(parameter) => d.add("parameter", parameter.name()),
        Malformed::ClaimType(claim) => d.add("claim", claim.name()),
        _ => Ok(()),
    }
}

fn key_details(d: &mut Details<'_>, problem: &KeyProblem) -> PyResult<()> {
    match problem {
        KeyProblem::SecretTooShort { len, min } => {
            d.add("length", len)?;
            d.add("minimum", min)
        }
        KeyProblem::RsaModulusTooSmall { bits } | KeyProblem::RsaModulusTooLarge { bits } => {
            d.add("bits", bits)
        }
        KeyProblem::UnsupportedPemLabel(label) => d.add("label", label),
        KeyProblem::DuplicateKeyId(kid) => d.add("kid", kid),
        KeyProblem::Jwk(
            JwkProblem::Missing(member)
            | JwkProblem::WrongType(member)
            | JwkProblem::NotBase64url(member)
            | JwkProblem::NotMinimal(member)
            | JwkProblem::Inconsistent(member),
        ) => d.add("member", member.name()),
        KeyProblem::Jwk(JwkProblem::DuplicateMember(name)) => d.add("member", name),
        _ => Ok(()),
    }
}

/// The name of an audience failure, as `InvalidAudienceError.problem`.
fn audience_problem(problem: &AudienceProblem) -> Option<&'static str> {
    Some(match problem {
        AudienceProblem::Missing => "Missing",
        AudienceProblem::NoMatch => "NoMatch",
        AudienceProblem::Unexpected => "Unexpected",
        AudienceProblem::NotOneString => "NotOneString",
        _ => return None,
    })
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
