//! Strict JSON for headers and claims: one object, no duplicate member names at any depth.
//!
//! `serde_json` keeps the last of two equal member names; RFC 7515 section 4 requires
//! refusing them (and a verifier that keeps the last while another component keeps the first
//! is how claims get smuggled). Nesting depth is bounded by `serde_json`'s recursion limit.
//!
//! Two ways in: [`parse_object`] builds a [`Map`] (for JWK and JWKS documents), and
//! [`scan_object`] walks the members of an object once, handing each value to a [`Members`]
//! implementation that keeps what it needs (the header fields, the registered claims) and
//! checks the rest without building anything. Member names without escapes are borrowed from
//! the input, so scanning a flat object does not allocate.

use alloc::borrow::Cow;
use alloc::collections::BTreeMap;
use alloc::string::String;
use core::cell::RefCell;
use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::error::{JsonError, Malformed, Result, Segment};

/// Where a strict visitor records the first repeated member name it finds, before failing.
pub(crate) type Duplicate = RefCell<Option<String>>;

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
        (Err(err), None) => Err(Malformed::Json(segment, JsonError::from_serde(&err)).into()),
        (Ok(Value::Object(map)), None) => Ok(map),
        (Ok(_), None) => Err(Malformed::NotAnObject(segment).into()),
    }
}

/// What a [`scan_object`] keeps of an object's members.
pub(crate) trait Members<'de> {
    /// Reads the value of `name` (not seen before in this object) from `value`, checking it as
    /// strictly as [`parse_object`] would, and says whether it was `null`.
    fn member<D: Deserializer<'de>>(
        &mut self,
        name: &Cow<'de, str>,
        value: D,
        duplicate: &Duplicate,
    ) -> core::result::Result<bool, D::Error>;
}

/// Walks `bytes`, one JSON object, handing each member to `members`. Errors are those of
/// [`parse_object`] on the same input, in the same order. Returns the member names, with
/// whether each was `null`.
pub(crate) fn scan_object<'de, M: Members<'de>>(
    bytes: &'de [u8],
    segment: Segment,
    members: &mut M,
) -> Result<Names<'de>> {
    let duplicate = RefCell::new(None);
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let scanned = deserializer
        .deserialize_any(TopLevel {
            members,
            duplicate: &duplicate,
        })
        .and_then(|names| deserializer.end().map(|()| names));
    match (scanned, duplicate.into_inner()) {
        (_, Some(name)) => Err(Malformed::DuplicateMember(segment, name).into()),
        (Err(err), None) => Err(Malformed::Json(segment, JsonError::from_serde(&err)).into()),
        (Ok(Some(names)), None) => Ok(names),
        (Ok(None), None) => Err(Malformed::NotAnObject(segment).into()),
    }
}

/// How many member names of an object are kept inline before spilling into a map.
const INLINE_NAMES: usize = 16;

/// The member names of one object (and whether each value was `null`), to refuse a repeated
/// name. The first [`INLINE_NAMES`] names borrowed from the input are kept without
/// allocating, each with a fingerprint that is compared first; later ones, and names with escapes,
/// go into a map.
#[derive(Debug)]
pub(crate) struct Names<'de> {
    prints: [u64; INLINE_NAMES],
    inline: [&'de str; INLINE_NAMES],
    len: usize,
    /// Bit `i` says whether the value of `inline[i]` was `null`.
    nulls: u16,
    spilled: BTreeMap<Cow<'de, str>, bool>,
}

/// The length, first and last byte of `name` in one number: equal names have equal
/// fingerprints, and most different names different ones.
#[inline]
pub(crate) fn fingerprint(bytes: &[u8]) -> u64 {
    // An empty name has no edge bytes: its print is its length, 0.
    let edge = |byte: Option<&u8>| byte.map_or(0, |byte| u64::from(*byte));
    bytes.len() as u64 | edge(bytes.first()) << 48 | edge(bytes.last()) << 56
}

impl<'de> Names<'de> {
    pub(crate) fn new() -> Self {
        Self {
            prints: [0; INLINE_NAMES],
            inline: [""; INLINE_NAMES],
            len: 0,
            nulls: 0,
            spilled: BTreeMap::new(),
        }
    }

    /// Whether `name` is there, and if so whether its value was `null`.
    #[inline]
    pub(crate) fn find(&self, name: &str) -> Option<bool> {
        let print = fingerprint(name.as_bytes());
        let found = self
            .prints
            .iter()
            .zip(&self.inline)
            .take(self.len)
            .position(|(known_print, known)| *known_print == print && *known == name);
        match found {
            Some(i) => Some(self.nulls >> i & 1 == 1),
            None if self.spilled.is_empty() => None,
            None => self.spilled.get(name).copied(),
        }
    }

    /// Records `name`, which [`next_name`] found new.
    #[inline]
    pub(crate) fn push(&mut self, name: Cow<'de, str>, null: bool) {
        let slots = (self.prints.get_mut(self.len), self.inline.get_mut(self.len));
        match (name, slots) {
            (Cow::Borrowed(name), (Some(print), Some(slot))) => {
                *print = fingerprint(name.as_bytes());
                *slot = name;
                self.nulls |= u16::from(null) << self.len;
                self.len += 1;
            }
            (name, _) => {
                self.spilled.insert(name, null);
            }
        }
    }

    /// Whether the object has a member `name` whose value is not `null`.
    pub(crate) fn has_value(&self, name: &str) -> bool {
        self.find(name) == Some(false)
    }
}

/// A member name, borrowed from the input unless it has escapes.
struct Name;

impl<'de> DeserializeSeed<'de> for Name {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Name {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.into()))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// Reads the next member name of `access`, refusing one already in `names`.
pub(crate) fn next_name<'de, A: MapAccess<'de>>(
    access: &mut A,
    names: &Names<'de>,
    duplicate: &Duplicate,
) -> Result<Option<Cow<'de, str>>, A::Error> {
    let Some(name) = access.next_key_seed(Name)? else {
        return Ok(None);
    };
    if names.find(&name).is_some() {
        *duplicate.borrow_mut() = Some(name.into_owned());
        return Err(de::Error::custom("duplicate member name"));
    }
    Ok(Some(name))
}

/// The top-level object of [`scan_object`]; `None` for any other JSON value, which is still
/// checked in full so that a duplicate inside it is reported first, as [`parse_object`] does.
struct TopLevel<'a, M> {
    members: &'a mut M,
    duplicate: &'a Duplicate,
}

impl<'de, M: Members<'de>> Visitor<'de> for TopLevel<'_, M> {
    type Value = Option<Names<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut names = Names::new();
        while let Some(name) = next_name(&mut access, &names, self.duplicate)? {
            let null = access.next_value_seed(MemberValue {
                members: &mut *self.members,
                name: &name,
                duplicate: self.duplicate,
            })?;
            names.push(name, null);
        }
        Ok(Some(names))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Skip(self.duplicate).visit_seq(seq).map(|_| None)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

struct MemberValue<'a, 'n, 'de, M> {
    members: &'a mut M,
    name: &'n Cow<'de, str>,
    duplicate: &'a Duplicate,
}

impl<'de, M: Members<'de>> DeserializeSeed<'de> for MemberValue<'_, '_, 'de, M> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        self.members.member(self.name, deserializer, self.duplicate)
    }
}

/// Checks a JSON value as strictly as [`StrictValue`] without building it; `true` if it was
/// `null`.
#[derive(Clone, Copy)]
pub(crate) struct Skip<'a>(pub(crate) &'a Duplicate);

impl<'de> DeserializeSeed<'de> for Skip<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_str<E>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(true)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element_seed(self)?.is_some() {}
        Ok(false)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<bool, A::Error> {
        let mut names = Names::new();
        while let Some(name) = next_name(&mut access, &names, self.0)? {
            access.next_value_seed(self)?;
            names.push(name, false);
        }
        Ok(false)
    }
}

/// Builds a [`Value`], recording the first repeated member name and failing on it.
#[derive(Clone, Copy)]
pub(crate) struct StrictValue<'a> {
    pub(crate) duplicate: &'a Duplicate,
}

impl<'de> DeserializeSeed<'de> for StrictValue<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
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

/// A string, borrowed from the input unless it has escapes; `None` for any other value,
/// which is checked strictly all the same. The second member says whether it was `null`.
#[derive(Clone, Copy)]
pub(crate) struct Text<'a>(pub(crate) &'a Duplicate);

impl<'de> DeserializeSeed<'de> for Text<'_> {
    type Value = (Option<Cow<'de, str>>, bool);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(TextVisitor(self.0, PhantomData))
    }
}

struct TextVisitor<'a, 'de>(&'a Duplicate, PhantomData<&'de ()>);

impl<'de> Visitor<'de> for TextVisitor<'_, 'de> {
    type Value = (Option<Cow<'de, str>>, bool);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok((Some(Cow::Borrowed(v)), false))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok((Some(Cow::Owned(v.into())), false))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok((Some(Cow::Owned(v)), false))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok((None, false))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok((None, false))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok((None, false))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok((None, false))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok((None, true))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Skip(self.0).visit_seq(seq).map(|_| (None, false))
    }

    fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<Self::Value, A::Error> {
        Skip(self.0).visit_map(access).map(|_| (None, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use alloc::string::ToString;

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
    fn names_are_found_inline_and_spilled() {
        let long: alloc::vec::Vec<String> = (0..20)
            .map(|i| alloc::format!("a_long_shared_prefix_{i}"))
            .collect();
        let mut names = Names::new();
        for (i, name) in long.iter().enumerate() {
            assert_eq!(names.find(name), None);
            names.push(Cow::Borrowed(name), i % 3 == 0);
        }
        names.push(Cow::Owned("\u{e9}".into()), true);
        for (i, name) in long.iter().enumerate() {
            assert_eq!(names.find(name), Some(i % 3 == 0), "{name}");
        }
        assert_eq!(names.find("\u{e9}"), Some(true));
        for absent in ["a_long_shared_prefix_", "a_long_shared_prefix_20", "a", ""] {
            assert_eq!(names.find(absent), None, "{absent}");
        }
        assert!(names.has_value("a_long_shared_prefix_1"));
        assert!(!names.has_value("a_long_shared_prefix_3"));
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
