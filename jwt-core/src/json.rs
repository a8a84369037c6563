//! Strict JSON for headers and claims: one object, no duplicate member names at any depth.
//!
//! `serde_json` keeps the last of two equal member names; RFC 7515 section 4 requires
//! refusing them (and a verifier that keeps the last while another component keeps the first
//! is how claims get smuggled). Nesting depth is bounded by `serde_json`'s recursion limit.

use alloc::string::{String, ToString};
use core::cell::RefCell;
use core::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::error::{Malformed, Result, Segment};

/// Parses `bytes` as one JSON object whose objects never repeat a member name.
pub(crate) fn parse_object(bytes: &[u8], segment: Segment) -> Result<Map<String, Value>> {
    let duplicate = RefCell::new(None);
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let parsed = StrictValue {
        duplicate: &duplicate,
    }
    .deserialize(&mut deserializer)
    .and_then(|value| deserializer.end().map(|()| value));
    match (parsed, duplicate.into_inner()) {
        (_, Some(name)) => Err(Malformed::DuplicateMember(segment, name).into()),
        (Err(err), None) => Err(Malformed::Json(segment, err.to_string()).into()),
        (Ok(Value::Object(map)), None) => Ok(map),
        (Ok(_), None) => Err(Malformed::NotAnObject(segment).into()),
    }
}

/// Builds a [`Value`], recording the first repeated member name and failing on it.
#[derive(Clone, Copy)]
struct StrictValue<'a> {
    duplicate: &'a RefCell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for StrictValue<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.into()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = alloc::vec::Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(name) = access.next_key::<String>()? {
            if map.contains_key(&name) {
                *self.duplicate.borrow_mut() = Some(name);
                return Err(de::Error::custom("duplicate member name"));
            }
            let value = access.next_value_seed(self)?;
            map.insert(name, value);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    fn malformed(bytes: &[u8]) -> Malformed {
        match parse_object(bytes, Segment::Payload) {
            Err(Error::MalformedToken(why)) => why,
            other => panic!("expected a malformed token, got {other:?}"),
        }
    }

    #[test]
    fn parses_objects() {
        let map = parse_object(
            br#"{"a":1,"b":[true,null,{"c":"d"}],"e":1.5}"#,
            Segment::Header,
        )
        .unwrap();
        assert_eq!(map.len(), 3);
        assert_eq!(map["b"][2]["c"], "d");
    }

    #[test]
    fn refuses_duplicates_at_every_depth() {
        assert_eq!(
            malformed(br#"{"exp":1,"exp":2}"#),
            Malformed::DuplicateMember(Segment::Payload, "exp".into())
        );
        assert_eq!(
            malformed(br#"{"a":{"b":1,"b":1}}"#),
            Malformed::DuplicateMember(Segment::Payload, "b".into())
        );
        assert_eq!(
            malformed(br#"{"a":[{"x":1,"x":2}]}"#),
            Malformed::DuplicateMember(Segment::Payload, "x".into())
        );
        // Escapes are resolved before comparing: "\u0061" is "a".
        assert_eq!(
            malformed(br#"{"a":1,"\u0061":2}"#),
            Malformed::DuplicateMember(Segment::Payload, "a".into())
        );
    }

    #[test]
    fn refuses_non_objects_and_bad_json() {
        for bytes in [&b"[1]"[..], b"\"s\"", b"1", b"null"] {
            assert_eq!(malformed(bytes), Malformed::NotAnObject(Segment::Payload));
        }
        for bytes in [
            &b""[..],
            b"{",
            b"{}x",
            b"{\"a\":1,}",
            b"{'a':1}",
            b"{\"a\":\"\xff\"}",
            b"{\"a\":1e999}",
        ] {
            assert!(
                matches!(malformed(bytes), Malformed::Json(Segment::Payload, _)),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn numbers_read_exactly_as_written() {
        // Found by fuzzing (fuzz/ `roundtrip`): serde_json's default float parsing may land
        // one ulp off for 17-digit numbers, so a signed claim read back differently here than
        // in Python or JavaScript. Shortest round-trip output must parse to the same f64.
        for number in [
            4.453_176_852_417_819_6e-88,
            1.927_090_566_546_380_7e-245,
            1_700_000_000.000_000_2,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
        ] {
            let json = alloc::format!("{{\"n\":{number:e}}}");
            let map = parse_object(json.as_bytes(), Segment::Payload).unwrap();
            assert_eq!(map["n"].as_f64(), Some(number), "{json}");
            let written = Value::from(number).to_string();
            let again = parse_object(
                alloc::format!("{{\"n\":{written}}}").as_bytes(),
                Segment::Payload,
            );
            assert_eq!(again.unwrap()["n"].as_f64(), Some(number), "{written}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_without_overflow() {
        let depth = 10_000;
        let mut bytes = alloc::vec::Vec::new();
        bytes.extend_from_slice(b"{\"a\":");
        bytes.extend(core::iter::repeat_n(b'[', depth));
        bytes.extend(core::iter::repeat_n(b']', depth));
        bytes.push(b'}');
        assert!(matches!(
            malformed(&bytes),
            Malformed::Json(Segment::Payload, _)
        ));
    }
}
