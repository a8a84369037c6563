//! JSON Web Keys (RFC 7517): the [`Jwk`] document type, import with every member validated
//! ([`import`]), export of public members by default and private ones only when asked by name,
//! and RFC 7638 thumbprints ([`export`]).
//!
//! Key types: `oct`, `RSA` and `EC` with `crv` `P-256` or `P-384` (RFC 7518 section 6), `OKP`
//! with `crv` `Ed25519` (RFC 8037).

use alloc::string::String;
use core::fmt;
use core::str::FromStr;

use serde::ser::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::error::{Error, JwkProblem, Malformed, Segment};

mod export;
mod import;

pub(crate) use export::{private, public, thumbprint};
pub(crate) use import::Imported;

/// A JSON Web Key: one JSON object. Parsed strictly from text (no repeated member names) and
/// written back compactly, so that import and export are symmetric:
/// [`VerifyingKey::from_jwk`](crate::VerifyingKey::from_jwk) and
/// [`SigningKey::from_jwk`](crate::SigningKey::from_jwk) read one,
/// `to_public_jwk` and `to_private_jwk` write one. Whether its members make a usable key is
/// judged when a key is made from it, not here.
///
/// ```
/// use jwt_core::{Jwk, VerifyingKey};
///
/// let text = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
/// let jwk: Jwk = text.parse()?;
/// assert_eq!(jwk.get("crv"), Some(&"Ed25519".into()));
/// let key = VerifyingKey::from_jwk(&jwk)?;
/// assert_eq!(key.to_public_jwk()?.to_string(), r#"{"crv":"Ed25519","kty":"OKP","use":"sig","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#);
/// assert!(r#"{"kty":"oct","kty":"oct"}"#.parse::<Jwk>().is_err());
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Jwk(Map<String, Value>);

impl Jwk {
    /// The member `name`, if present.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }

    /// The members.
    pub fn as_map(&self) -> &Map<String, Value> {
        &self.0
    }

    /// The members, taken out.
    pub fn into_map(self) -> Map<String, Value> {
        self.0
    }
}

impl From<Map<String, Value>> for Jwk {
    fn from(members: Map<String, Value>) -> Self {
        Self(members)
    }
}

impl FromStr for Jwk {
    type Err = Error;

    /// Parses one JSON object without repeated member names; anything else is
    /// [`KeyProblem::Jwk`](crate::KeyProblem::Jwk).
    fn from_str(text: &str) -> Result<Self, Error> {
        parse_object(text).map(Self)
    }
}

impl fmt::Display for Jwk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_json(f, &self.0)
    }
}

impl Serialize for Jwk {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// Parses JWK or JWK Set text: one JSON object without repeated member names.
pub(crate) fn parse_object(text: &str) -> Result<Map<String, Value>, Error> {
    crate::json::parse_object(text.as_bytes(), Segment::Payload).map_err(|err| match err {
        Error::MalformedToken(Malformed::Json(_, error)) => JwkProblem::Json(error).into(),
        Error::MalformedToken(Malformed::DuplicateMember(_, name)) => {
            JwkProblem::DuplicateMember(name).into()
        }
        Error::MalformedToken(Malformed::NotAnObject(_)) => JwkProblem::NotAnObject.into(),
        other => other,
    })
}

/// Writes `value` as compact JSON to `f`.
pub(crate) fn write_json(f: &mut fmt::Formatter<'_>, value: &impl Serialize) -> fmt::Result {
    // Serializing JSON values into a string fails only if the formatter does.
    let text = serde_json::to_string(value).map_err(|_| fmt::Error)?;
    f.write_str(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{JsonFault, KeyProblem};
    use alloc::string::ToString;

    #[test]
    fn text_round_trips_and_is_strict() {
        let text = r#"{"k":"AA","kty":"oct","x":[1,{"y":null}]}"#;
        let jwk: Jwk = text.parse().unwrap();
        assert_eq!(jwk.to_string(), text);
        assert_eq!(serde_json::to_string(&jwk).unwrap(), text);
        let problem = |text: &str| match text.parse::<Jwk>().unwrap_err() {
            Error::InvalidKey(KeyProblem::Jwk(problem)) => problem,
            other => panic!("{other:?}"),
        };
        assert_eq!(problem("[]"), JwkProblem::NotAnObject);
        assert_eq!(
            problem(r#"{"a":1,"a":1}"#),
            JwkProblem::DuplicateMember("a".into())
        );
        assert!(matches!(
            problem("{"),
            JwkProblem::Json(error) if error.fault == JsonFault::UnexpectedEnd
        ));
    }
}
