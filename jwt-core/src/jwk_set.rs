//! JWK Sets (RFC 7517 section 5): the documents identity providers publish at
//! `/.well-known/jwks.json`.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::error::{Error, JwkMember, JwkProblem};
use crate::jwk::{self, Jwk};

/// A JWK Set document: its `keys` array (whose members are meant to be JWKs, but are kept as
/// they are: a member this library cannot use is skipped when a
/// [`KeySet`](crate::KeySet) is made from the set, not refused here), and any other members.
/// Parsed strictly from text, written back compactly.
///
/// ```
/// use jwt_core::{JwkSet, KeySet};
///
/// let text = r#"{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"k1",
///                         "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
///                        {"kty":"EC","crv":"P-521"}]}"#;
/// let set: JwkSet = text.parse()?;
/// assert_eq!(set.members().len(), 2);
/// let keys = KeySet::from_jwk_set(&set)?;
/// assert_eq!((keys.keys().len(), keys.skipped()), (1, 1));
/// assert!(keys.to_jwk_set().to_string().starts_with(r#"{"keys":[{"crv":"Ed25519","kid":"k1","#));
/// assert!(r#"{"keys":{}}"#.parse::<JwkSet>().is_err());
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JwkSet {
    keys: Vec<Value>,
    other: Map<String, Value>,
}

impl JwkSet {
    /// A set of `keys`.
    pub fn new(keys: impl IntoIterator<Item = Jwk>) -> Self {
        Self {
            keys: keys
                .into_iter()
                .map(|jwk| Value::Object(jwk.into_map()))
                .collect(),
            other: Map::new(),
        }
    }

    /// The members of `keys`, as the document holds them.
    pub fn members(&self) -> &[Value] {
        &self.keys
    }

    /// The document's members other than `keys`.
    pub fn other_members(&self) -> &Map<String, Value> {
        &self.other
    }
}

impl FromStr for JwkSet {
    type Err = Error;

    /// Parses one JSON object without repeated member names, with a `keys` array; anything
    /// else is [`KeyProblem::Jwk`](crate::KeyProblem::Jwk).
    fn from_str(text: &str) -> Result<Self, Error> {
        let mut other = jwk::parse_object(text)?;
        match other.remove(JwkMember::Keys.name()) {
            Some(Value::Array(keys)) => Ok(Self { keys, other }),
            Some(_) => Err(JwkProblem::WrongType(JwkMember::Keys).into()),
            None => Err(JwkProblem::Missing(JwkMember::Keys).into()),
        }
    }
}

impl fmt::Display for JwkSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        jwk::write_json(f, self)
    }
}

impl Serialize for JwkSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1 + self.other.len()))?;
        map.serialize_entry(JwkMember::Keys.name(), &self.keys)?;
        for (name, value) in &self.other {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::KeyProblem;
    use alloc::string::ToString;

    #[test]
    fn text_round_trips_and_is_strict() {
        let text = r#"{"keys":[{"kty":"oct"},"not a key"],"cache":60}"#;
        let set: JwkSet = text.parse().unwrap();
        assert_eq!(set.members().len(), 2);
        assert_eq!(set.other_members().len(), 1);
        assert_eq!(set.to_string(), text);
        let problem = |text: &str| text.parse::<JwkSet>().unwrap_err();
        let jwk = |problem: JwkProblem| Error::InvalidKey(KeyProblem::Jwk(problem));
        assert_eq!(problem("{}"), jwk(JwkProblem::Missing(JwkMember::Keys)));
        assert_eq!(
            problem(r#"{"keys":{}}"#),
            jwk(JwkProblem::WrongType(JwkMember::Keys))
        );
        assert_eq!(
            problem(r#"{"keys":[],"keys":[]}"#),
            jwk(JwkProblem::DuplicateMember("keys".into()))
        );
        assert_eq!(problem("[]"), jwk(JwkProblem::NotAnObject));
    }

    #[test]
    fn built_sets_hold_their_keys() {
        let jwk: Jwk = r#"{"kty":"oct","k":"AA"}"#.parse().unwrap();
        let set = JwkSet::new([jwk]);
        assert_eq!(set.to_string(), r#"{"keys":[{"k":"AA","kty":"oct"}]}"#);
    }
}
