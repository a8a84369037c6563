//! Why verified claims do not fit the caller's claims type, as data.
//!
//! `serde_json` reports such a failure as a message. Once it has refused the claims, they are
//! deserialized again, from a [`Value`], through a deserializer of our own whose error type
//! records what serde says went wrong (a missing or unknown field, a value of the wrong JSON
//! type) and in which top-level claim. This runs on the error path only.

use alloc::string::{String, ToString};
use core::fmt;

use serde::de::value::{MapAccessDeserializer, MapDeserializer, SeqDeserializer};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, Expected, IntoDeserializer, MapAccess,
    Unexpected, Visitor,
};
use serde_json::{Map, Value};

use crate::error::{JsonType, ShapeProblem};

/// What went wrong when `C` read the claims `payload`, which `serde_json` refused as a `C`.
pub(crate) fn shape_problem<C: DeserializeOwned>(payload: &[u8]) -> ShapeProblem {
    let refused = ShapeProblem::Refused { member: None };
    let Ok(claims) = serde_json::from_slice::<Value>(payload) else {
        return refused;
    };
    match C::deserialize(Claims(&claims)) {
        Err(ShapeError(problem)) => problem,
        // `serde_json` and a `Value` may disagree at the edges (128-bit integers): nothing
        // more precise is known.
        Ok(_) => refused,
    }
}

/// A [`ShapeProblem`] as serde's error type.
#[derive(Debug)]
struct ShapeError(ShapeProblem);

impl ShapeError {
    /// This error, found inside the top-level claim `name`.
    fn within(self, name: &str) -> Self {
        let member = Some(name.to_string());
        Self(match self.0 {
            ShapeProblem::WrongType {
                member: None,
                found,
            } => ShapeProblem::WrongType { member, found },
            ShapeProblem::WrongValue { member: None } => ShapeProblem::WrongValue { member },
            // A field missing or unknown inside a claim's value is not a claim's.
            ShapeProblem::Refused { member: None }
            | ShapeProblem::MissingClaim(_)
            | ShapeProblem::UnknownClaim(_) => ShapeProblem::Refused { member },
            located => located,
        })
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl core::error::Error for ShapeError {}

impl de::Error for ShapeError {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Self(ShapeProblem::Refused { member: None })
    }

    fn invalid_type(unexpected: Unexpected<'_>, _: &dyn Expected) -> Self {
        let found = match unexpected {
            Unexpected::Bool(_) => JsonType::Bool,
            Unexpected::Unsigned(_) | Unexpected::Signed(_) | Unexpected::Float(_) => {
                JsonType::Number
            }
            Unexpected::Seq => JsonType::Array,
            Unexpected::Map => JsonType::Object,
            Unexpected::Unit | Unexpected::Option => JsonType::Null,
            _ => JsonType::String,
        };
        Self(ShapeProblem::WrongType {
            member: None,
            found,
        })
    }

    fn invalid_value(_: Unexpected<'_>, _: &dyn Expected) -> Self {
        Self(ShapeProblem::WrongValue { member: None })
    }

    fn invalid_length(_: usize, _: &dyn Expected) -> Self {
        Self(ShapeProblem::WrongValue { member: None })
    }

    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Self {
        Self(ShapeProblem::WrongValue { member: None })
    }

    fn unknown_field(field: &str, _: &'static [&'static str]) -> Self {
        Self(ShapeProblem::UnknownClaim(field.into()))
    }

    fn missing_field(field: &'static str) -> Self {
        Self(ShapeProblem::MissingClaim(field.into()))
    }
}

/// The claims object: each member's failure is located in it.
struct Claims<'a>(&'a Value);

impl<'de> Deserializer<'de> for Claims<'_> {
    type Error = ShapeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        match self.0 {
            Value::Object(members) => visitor.visit_map(Members {
                members: members.iter(),
                current: None,
            }),
            other => Any(other).deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

/// The members of the claims object, naming the claim whose value failed.
struct Members<'a> {
    members: serde_json::map::Iter<'a>,
    current: Option<(&'a String, &'a Value)>,
}

impl<'de> MapAccess<'de> for Members<'_> {
    type Error = ShapeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ShapeError> {
        self.current = self.members.next();
        match self.current {
            Some((name, _)) => seed
                .deserialize(name.as_str().into_deserializer())
                .map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<T::Value, ShapeError> {
        let (name, value) = self
            .current
            .take()
            .ok_or(ShapeError(ShapeProblem::Refused { member: None }))?;
        seed.deserialize(Any(value))
            .map_err(|error| error.within(name))
    }
}

/// Any JSON value, handed to visitors as `serde_json` hands it.
#[derive(Clone, Copy)]
struct Any<'a>(&'a Value);

impl<'de> IntoDeserializer<'de, ShapeError> for Any<'_> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// The members of a nested object as a map access.
fn object<'a>(
    members: &'a Map<String, Value>,
) -> MapDeserializer<'static, impl Iterator<Item = (&'a str, Any<'a>)>, ShapeError> {
    MapDeserializer::new(
        members
            .iter()
            .map(|(name, value)| (name.as_str(), Any(value))),
    )
}

impl<'de> Deserializer<'de> for Any<'_> {
    type Error = ShapeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(value) => visitor.visit_bool(*value),
            Value::Number(number) => match (number.as_u64(), number.as_i64(), number.as_f64()) {
                (Some(value), _, _) => visitor.visit_u64(value),
                (None, Some(value), _) => visitor.visit_i64(value),
                (None, None, Some(value)) => visitor.visit_f64(value),
                (None, None, None) => Err(ShapeError(ShapeProblem::Refused { member: None })),
            },
            Value::String(text) => visitor.visit_str(text),
            Value::Array(items) => {
                let mut seq = SeqDeserializer::new(items.iter().map(Any));
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Value::Object(members) => {
                let mut map = object(members);
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, ShapeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ShapeError> {
        match self.0 {
            Value::String(variant) => visitor.visit_enum(variant.as_str().into_deserializer()),
            Value::Object(members) if members.len() == 1 => {
                visitor.visit_enum(MapAccessDeserializer::new(object(members)))
            }
            _ => self.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only deserialization is tested")]
    struct Access {
        sub: String,
        exp: u64,
        roles: Vec<Role>,
        scope: Option<Scope>,
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code, reason = "only deserialization is tested")]
    enum Role {
        Admin,
        Reader { of: String },
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code, reason = "only deserialization is tested")]
    struct Scope {
        read: bool,
    }

    fn problem(json: &str) -> ShapeProblem {
        assert!(serde_json::from_str::<Access>(json).is_err(), "{json}");
        shape_problem::<Access>(json.as_bytes())
    }

    fn within(name: &str) -> Option<String> {
        Some(name.into())
    }

    #[test]
    fn each_problem_names_its_claim() {
        let cases = [
            (
                r#"{"exp":1,"roles":[]}"#,
                ShapeProblem::MissingClaim("sub".into()),
            ),
            (
                r#"{"sub":"u","exp":1,"roles":[],"x":1}"#,
                ShapeProblem::UnknownClaim("x".into()),
            ),
            (
                r#"{"sub":1,"exp":1,"roles":[]}"#,
                ShapeProblem::WrongType {
                    member: within("sub"),
                    found: JsonType::Number,
                },
            ),
            (
                r#"{"sub":"u","exp":-1,"roles":[]}"#,
                ShapeProblem::WrongValue {
                    member: within("exp"),
                },
            ),
            (
                r#"{"sub":"u","exp":1,"roles":["Owner"]}"#,
                ShapeProblem::WrongValue {
                    member: within("roles"),
                },
            ),
            (
                r#"{"sub":"u","exp":1,"roles":[{"Reader":{"of":1}}]}"#,
                ShapeProblem::WrongType {
                    member: within("roles"),
                    found: JsonType::Number,
                },
            ),
            (
                r#"{"sub":"u","exp":1,"roles":[],"scope":{}}"#,
                ShapeProblem::Refused {
                    member: within("scope"),
                },
            ),
            (
                r#"{"sub":"u","exp":1,"roles":"Admin"}"#,
                ShapeProblem::WrongType {
                    member: within("roles"),
                    found: JsonType::String,
                },
            ),
        ];
        for (json, expected) in cases {
            assert_eq!(problem(json), expected, "{json}");
        }
    }

    #[test]
    fn what_serde_json_accepts_is_read_alike() {
        let json =
            r#"{"sub":"u","exp":1,"roles":["Admin",{"Reader":{"of":"x"}}],"scope":{"read":true}}"#;
        assert!(serde_json::from_str::<Access>(json).is_ok());
        let claims: Value = serde_json::from_str(json).unwrap();
        assert!(Access::deserialize(Claims(&claims)).is_ok());
    }
}
