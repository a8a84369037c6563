//! jwt-core's errors as JavaScript receives them.
//!
//! Every failure crosses as a [`Failure`]: the stable code of its [`jwt_core::ErrorKind`],
//! jwt-core's message, and the fields of the error that jsonwebtoken's messages and error
//! properties need (which claim, which segment, when a token expired), read from the error's
//! data, never from its message. `js/errors.js`, the one place that makes exceptions, turns
//! it into `JsonWebTokenError`, `TokenExpiredError` or `NotBeforeError`.

use jwt_core::{Algorithm, Error, ErrorKind, KeyFamily, Malformed, Segment};
use wasm_bindgen::prelude::wasm_bindgen;

/// A refused token, key, option or payload.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Failure {
    /// jwt-core's kind; `None` for options the binding could not read.
    kind: Option<ErrorKind>,
    message: String,
    detail: Detail,
}

/// What jsonwebtoken's messages and error fields need beyond the kind.
#[derive(Debug, Clone, PartialEq)]
enum Detail {
    None,
    /// The token is not three dot-separated segments.
    SegmentCount,
    /// A segment is not strict base64url, or the header is not JSON.
    Undecodable,
    /// A registered claim has the wrong JSON type, a required one is absent, or a claim does
    /// not have its expected value.
    Claim(String),
    /// An instant, in seconds since the epoch: when the token expired (`exp`, or `iat` plus
    /// the maximum age) or becomes valid (`nbf`).
    Time(f64),
    /// The token's algorithm, and the family of the key offered for it.
    Mismatch(Algorithm, KeyFamily),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let detail = match &error {
            Error::MalformedToken(Malformed::SegmentCount) => Detail::SegmentCount,
            Error::MalformedToken(Malformed::Base64(_) | Malformed::Json(Segment::Header, _)) => {
                Detail::Undecodable
            }
            Error::MalformedToken(Malformed::ClaimType(claim))
            | Error::MissingRequiredClaim(claim)
            | Error::ClaimMismatch(claim) => Detail::Claim(claim.name().into()),
            Error::Expired { exp, .. } => Detail::Time(*exp),
            Error::NotYetValid { nbf, .. } => Detail::Time(*nbf),
            #[allow(clippy::cast_precision_loss, reason = "ages stay below 2^53 seconds")]
            Error::TooOld { iat, max_age, .. } => Detail::Time(iat + *max_age as f64),
            Error::KeyAlgorithmMismatch { algorithm, key, .. } => {
                Detail::Mismatch(*algorithm, *key)
            }
            _ => Detail::None,
        };
        Self {
            kind: Some(error.kind()),
            message: error.to_string(),
            detail,
        }
    }
}

impl Failure {
    /// A failure of `kind` found by the binding itself, with `message`.
    pub(crate) fn new(kind: ErrorKind, message: String) -> Self {
        Self {
            kind: Some(kind),
            message,
            detail: Detail::None,
        }
    }

    /// Options that `js/options.js` should never have passed on.
    pub(crate) fn options(message: &str) -> Self {
        Self {
            kind: None,
            message: format!("invalid options: {message}"),
            detail: Detail::None,
        }
    }
}

#[wasm_bindgen]
impl Failure {
    /// The stable code of jwt-core's error kind, e.g. `"Expired"`; `"InvalidOptions"` for
    /// options that are not what jsonwebtoken documents.
    #[wasm_bindgen(getter)]
    pub fn code(&self) -> String {
        self.kind.map_or("InvalidOptions", ErrorKind::code).into()
    }

    /// jwt-core's message.
    #[wasm_bindgen(getter)]
    pub fn message(&self) -> String {
        self.message.clone()
    }

    /// `"segments"` if the token is not three dot-separated segments; `"undecodable"` if a
    /// segment is not base64url or the header not JSON (what jsonwebtoken's `decode` gives
    /// up on).
    #[wasm_bindgen(getter)]
    pub fn shape(&self) -> Option<String> {
        match self.detail {
            Detail::SegmentCount => Some("segments".into()),
            Detail::Undecodable => Some("undecodable".into()),
            _ => None,
        }
    }

    /// The claim whose type is wrong, that is missing, or whose value is not the expected one.
    #[wasm_bindgen(getter)]
    pub fn claim(&self) -> Option<String> {
        match &self.detail {
            Detail::Claim(name) => Some(name.clone()),
            _ => None,
        }
    }

    /// When the token expired or becomes valid, in seconds since the epoch.
    #[wasm_bindgen(getter)]
    pub fn time(&self) -> Option<f64> {
        match self.detail {
            Detail::Time(seconds) => Some(seconds),
            _ => None,
        }
    }

    /// The token's algorithm, when the key is of another family.
    #[wasm_bindgen(getter)]
    pub fn algorithm(&self) -> Option<String> {
        match self.detail {
            Detail::Mismatch(algorithm, _) => Some(algorithm.name().into()),
            _ => None,
        }
    }

    /// The family of the token's algorithm (`"HMAC"`, `"RSA"`, ...), when the key is of
    /// another family.
    #[wasm_bindgen(getter, js_name = algorithmFamily)]
    pub fn algorithm_family(&self) -> Option<String> {
        match self.detail {
            Detail::Mismatch(algorithm, _) => Some(algorithm.family().to_string()),
            _ => None,
        }
    }

    /// The key's family, when it does not fit the algorithm.
    #[wasm_bindgen(getter, js_name = keyFamily)]
    pub fn key_family(&self) -> Option<String> {
        match self.detail {
            Detail::Mismatch(_, family) => Some(family.to_string()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jwt_core::{AudienceProblem, Claim, KeyProblem};

    #[test]
    fn every_failure_keeps_the_core_code_and_message() {
        let errors = [
            Error::InvalidSignature,
            Error::InvalidAudience(AudienceProblem::NoMatch),
            Error::InvalidKey(KeyProblem::SecretTooShort { len: 3, min: 32 }),
            Error::MalformedToken(Malformed::Base64(Segment::Payload)),
        ];
        for error in errors {
            let failure = Failure::from(error.clone());
            assert_eq!(failure.code(), error.kind().code());
            assert_eq!(failure.message(), error.to_string());
        }
        assert_eq!(
            Failure::options("x").code(),
            "InvalidOptions",
            "options the binding cannot read"
        );
    }

    #[test]
    fn details_are_those_jsonwebtoken_reports() {
        let expired = Failure::from(Error::Expired {
            exp: 10.0,
            now: 11,
            leeway: 0,
        });
        assert_eq!(expired.time(), Some(10.0));
        let too_old = Failure::from(Error::TooOld {
            iat: 10.0,
            max_age: 5,
            now: 16,
        });
        assert_eq!(too_old.time(), Some(15.0));
        let early = Failure::from(Error::NotYetValid { nbf: 20.0, now: 11 });
        assert_eq!(early.time(), Some(20.0));
        let typed = Failure::from(Error::MalformedToken(Malformed::ClaimType(Claim::Nbf)));
        assert_eq!(typed.claim().as_deref(), Some("nbf"));
        let missing = Failure::from(Error::MissingRequiredClaim(Claim::Iat));
        assert_eq!(missing.claim().as_deref(), Some("iat"));
        let mismatch = Failure::from(Error::ClaimMismatch(Claim::from_name("nonce")));
        assert_eq!(
            (mismatch.code().as_str(), mismatch.claim().as_deref()),
            ("ClaimMismatch", Some("nonce"))
        );
        let shape = Failure::from(Error::MalformedToken(Malformed::SegmentCount));
        assert_eq!(shape.shape().as_deref(), Some("segments"));
        let header = Failure::from(Error::MalformedToken(Malformed::Base64(Segment::Header)));
        assert_eq!(header.shape().as_deref(), Some("undecodable"));
        let payload = Failure::from(Error::MalformedToken(Malformed::NotAnObject(
            Segment::Payload,
        )));
        assert_eq!(payload.shape(), None);
        let wrong_family = Failure::from(Error::KeyAlgorithmMismatch {
            algorithm: Algorithm::HS256,
            key: KeyFamily::Rsa,
            restricted_to: None,
        });
        assert_eq!(wrong_family.algorithm().as_deref(), Some("HS256"));
        assert_eq!(wrong_family.algorithm_family().as_deref(), Some("HMAC"));
        assert_eq!(wrong_family.key_family().as_deref(), Some("RSA"));
    }
}
