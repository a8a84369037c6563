//! Typed claims and their scan in one pass over the payload.
//!
//! [`ScannedClaims::scan`] followed by `serde_json::from_slice::<C>` reads a payload twice.
//! Here the caller's type deserializes through an adapter that does the scan's work on the
//! way: it refuses a repeated member name at any depth, keeps the registered claims exactly
//! as the scan reads them, and records which top-level members are `null`. Each request of
//! the caller's type reaches `serde_json` unchanged, so it sees what it would have seen.
//!
//! Whatever the adapter does not follow exactly as the two passes would (an enum, a payload
//! that is not an object, a registered claim of the wrong type, a request that `serde_json`
//! would answer differently from a captured claim, any error at all), it gives up on, and
//! the caller reads the payload the two-pass way, which finds the precise error in the
//! documented order. The one pass only ever returns what the two passes would.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use core::fmt;
use core::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{ClaimValue, ClaimVisitor, JsonNumber, RegisteredMembers, ScannedClaims};
use crate::json::{Duplicate, Names, Skip, next_name};

/// Deserializes `C` from `payload` and scans it as [`ScannedClaims::scan`] does, in one pass;
/// `None` if the one pass gave up (see the module documentation).
pub(super) fn deserialize<'de, C: Deserialize<'de>>(
    payload: &'de [u8],
) -> Option<(C, ScannedClaims<'de>)> {
    let context = Context {
        duplicate: RefCell::new(None),
        registered: RefCell::new(RegisteredMembers::default()),
        names: RefCell::new(None),
        null: Cell::new(false),
    };
    // Checked as UTF-8 once here, strings need no check of their own (invalid UTF-8 gives up,
    // and the two passes report it).
    let text = core::str::from_utf8(payload).ok()?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let claims = C::deserialize(Strict {
        inner: &mut deserializer,
        context: &context,
        level: Level::Top,
    })
    .ok()?;
    deserializer.end().ok()?;
    let names = context.names.into_inner()?;
    let registered = context.registered.into_inner();
    Some((claims, ScannedClaims { registered, names }))
}

/// What the pass has found so far.
struct Context<'de> {
    duplicate: Duplicate,
    registered: RefCell<RegisteredMembers<'de>>,
    /// The top-level member names, once the top-level object has been read to its end.
    names: RefCell<Option<Names<'de>>>,
    /// Whether the top-level member value just read was `null`.
    null: Cell<bool>,
}

/// Where in the payload a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    /// The payload itself, which must be an object.
    Top,
    /// The value of a top-level member (a claim).
    Member,
    /// Anything deeper.
    Nested,
}

/// The error that makes the caller take the two-pass way.
fn gave_up<E: de::Error>() -> E {
    E::custom("not followed in one pass")
}

/// A `serde_json` deserializer whose maps are checked and recorded on the way.
struct Strict<'a, 'de, D> {
    inner: D,
    context: &'a Context<'de>,
    level: Level,
}

impl<'a, 'de, D> Strict<'a, 'de, D> {
    fn wrap<V>(&self, visitor: V) -> StrictVisitor<'a, 'de, V> {
        StrictVisitor {
            inner: visitor,
            context: self.context,
            level: self.level,
        }
    }
}

/// Forwards `deserialize_*` requests to the inner deserializer with a wrapped visitor.
macro_rules! forward_requests {
    ($($method:ident($($arg:ident: $type:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $type,)* visitor: V) -> Result<V::Value, D::Error> {
            let visitor = self.wrap(visitor);
            self.inner.$method($($arg,)* visitor)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strict<'_, 'de, D> {
    type Error = D::Error;

    forward_requests! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_identifier();
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, D::Error> {
        Err(gave_up())
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        if self.level == Level::Top {
            return Err(gave_up());
        }
        let null = self.inner.deserialize_any(Skip(&self.context.duplicate))?;
        if self.level == Level::Member {
            self.context.null.set(null);
        }
        visitor.visit_unit()
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// The caller's visitor, seeing exactly what it would see; maps and sequences are wrapped.
struct StrictVisitor<'a, 'de, V> {
    inner: V,
    context: &'a Context<'de>,
    level: Level,
}

impl<V> StrictVisitor<'_, '_, V> {
    /// Gives up on anything but an object at the top.
    fn not_top<E: de::Error>(&self) -> Result<(), E> {
        if self.level == Level::Top {
            Err(gave_up())
        } else {
            Ok(())
        }
    }

    /// Records a `null` claim.
    fn null<E: de::Error>(&self) -> Result<(), E> {
        self.not_top()?;
        if self.level == Level::Member {
            self.context.null.set(true);
        }
        Ok(())
    }
}

/// Forwards a scalar to the caller's visitor (a scalar holds no member names).
macro_rules! forward_scalars {
    ($($method:ident($type:ty);)*) => {$(
        fn $method<E: de::Error>(self, v: $type) -> Result<V::Value, E> {
            self.not_top()?;
            self.inner.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for StrictVisitor<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    forward_scalars! {
        visit_bool(bool);
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i64(i64);
        visit_i128(i128);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u64(u64);
        visit_u128(u128);
        visit_f32(f32);
        visit_f64(f64);
        visit_char(char);
        visit_str(&str);
        visit_borrowed_str(&'de str);
        visit_string(String);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]);
        visit_byte_buf(Vec<u8>);
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.null()?;
        self.inner.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.null()?;
        self.inner.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(Strict {
            inner,
            context: self.context,
            level: self.level,
        })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, inner: D) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(Strict {
            inner,
            context: self.context,
            level: self.level,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.not_top()?;
        self.inner.visit_seq(StrictSeq {
            inner: seq,
            context: self.context,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(StrictMap {
            inner: map,
            context: self.context,
            top: self.level == Level::Top,
            names: Some(Names::new()),
            pending: None,
        })
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<V::Value, A::Error> {
        Err(gave_up())
    }
}

/// A seed whose deserializer is wrapped.
struct StrictSeed<'a, 'de, T> {
    inner: T,
    context: &'a Context<'de>,
    level: Level,
}

impl<'de, T: DeserializeSeed<'de>> DeserializeSeed<'de> for StrictSeed<'_, 'de, T> {
    type Value = T::Value;

    fn deserialize<D: Deserializer<'de>>(self, inner: D) -> Result<T::Value, D::Error> {
        self.inner.deserialize(Strict {
            inner,
            context: self.context,
            level: self.level,
        })
    }
}

/// An array whose elements are wrapped.
struct StrictSeq<'a, 'de, A> {
    inner: A,
    context: &'a Context<'de>,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for StrictSeq<'_, 'de, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.inner.next_element_seed(StrictSeed {
            inner: seed,
            context: self.context,
            level: Level::Nested,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// An object whose member names are checked for repeats, and, at the top, recorded with the
/// registered claims.
struct StrictMap<'a, 'de, A> {
    inner: A,
    context: &'a Context<'de>,
    top: bool,
    names: Option<Names<'de>>,
    /// The name whose value comes next.
    pending: Option<Cow<'de, str>>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for StrictMap<'_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let names = self.names.as_ref().ok_or_else(gave_up)?;
        let Some(name) = next_name(&mut self.inner, names, &self.context.duplicate)? else {
            if self.top {
                *self.context.names.borrow_mut() = self.names.take();
            }
            return Ok(None);
        };
        let key = match &name {
            Cow::Borrowed(name) => seed.deserialize(BorrowedStrDeserializer::new(name)),
            Cow::Owned(name) => seed.deserialize(StrDeserializer::new(name)),
        }?;
        self.pending = Some(name);
        Ok(Some(key))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        let name = self.pending.take().ok_or_else(gave_up)?;
        let (value, null) = if self.top {
            let mut registered = self.context.registered.borrow_mut();
            match registered.slot(&name) {
                Some(slot) => {
                    let (claim, null) = self.inner.next_value_seed(ClaimSeed(self.context))?;
                    let value = seed.deserialize(Captured {
                        claim: &claim,
                        error: PhantomData,
                    })?;
                    *slot = Some(claim);
                    (value, null)
                }
                None => {
                    drop(registered);
                    self.context.null.set(false);
                    let value = self.inner.next_value_seed(StrictSeed {
                        inner: seed,
                        context: self.context,
                        level: Level::Member,
                    })?;
                    (value, self.context.null.get())
                }
            }
        } else {
            let value = self.inner.next_value_seed(StrictSeed {
                inner: seed,
                context: self.context,
                level: Level::Nested,
            })?;
            (value, false)
        };
        self.names.as_mut().ok_or_else(gave_up)?.push(name, null);
        Ok(value)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// Reads a registered claim as [`ScannedClaims::scan`] does.
struct ClaimSeed<'a, 'de>(&'a Context<'de>);

impl<'de> DeserializeSeed<'de> for ClaimSeed<'_, 'de> {
    type Value = (ClaimValue<'de>, bool);

    fn deserialize<D: Deserializer<'de>>(self, inner: D) -> Result<Self::Value, D::Error> {
        inner.deserialize_any(ClaimVisitor(&self.0.duplicate, PhantomData))
    }
}

/// A registered claim already read, handed to the caller's type as `serde_json` would hand it
/// over: each request that `serde_json` would answer from this value is answered the same
/// way, and any other request gives up.
struct Captured<'c, 'de, E> {
    claim: &'c ClaimValue<'de>,
    error: PhantomData<E>,
}

impl<'de, E: de::Error> Captured<'_, 'de, E> {
    fn number<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.claim {
            ClaimValue::Number(JsonNumber::U64(n)) => visitor.visit_u64(*n),
            ClaimValue::Number(JsonNumber::I64(n)) => visitor.visit_i64(*n),
            ClaimValue::Number(JsonNumber::F64(n)) => visitor.visit_f64(*n),
            _ => Err(gave_up()),
        }
    }

    fn text<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.claim {
            ClaimValue::Text(Cow::Borrowed(text)) => visitor.visit_borrowed_str(text),
            ClaimValue::Text(Cow::Owned(text)) => visitor.visit_str(text),
            _ => Err(gave_up()),
        }
    }

    /// For requests that `serde_json` would answer other than by what was captured: an
    /// integer wider than 64 bits is parsed anew, a string read as bytes, an array as a struct.
    #[allow(
        clippy::unused_self,
        reason = "one signature for every reader of `answer!`"
    )]
    fn give_up<V: Visitor<'de>>(self, _: V) -> Result<V::Value, E> {
        Err(gave_up())
    }

    fn texts<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.claim {
            ClaimValue::Texts(texts) => visitor.visit_seq(CapturedTexts {
                texts: texts.iter(),
                error: PhantomData,
            }),
            _ => Err(gave_up()),
        }
    }
}

/// Answers requests with one of the [`Captured`] readers, or gives up.
macro_rules! answer {
    ($($reader:ident: $($method:ident($($arg:ident: $type:ty),*)),*;)*) => {$($(
        fn $method<V: Visitor<'de>>(self, $($arg: $type,)* visitor: V) -> Result<V::Value, E> {
            $(let _ = $arg;)*
            self.$reader(visitor)
        }
    )*)*};
}

impl<'de, E: de::Error> Deserializer<'de> for Captured<'_, 'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.claim {
            ClaimValue::Number(_) => self.number(visitor),
            ClaimValue::Text(_) => self.text(visitor),
            ClaimValue::Texts(_) => self.texts(visitor),
            ClaimValue::Other => Err(gave_up()),
        }
    }

    answer! {
        number: deserialize_i8(), deserialize_i16(), deserialize_i32(), deserialize_i64(),
            deserialize_u8(), deserialize_u16(), deserialize_u32(), deserialize_u64(),
            deserialize_f32(), deserialize_f64();
        text: deserialize_char(), deserialize_str(), deserialize_string(),
            deserialize_identifier();
        texts: deserialize_seq(), deserialize_tuple(len: usize),
            deserialize_tuple_struct(name: &'static str, len: usize);
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_unit()
    }

    answer! {
        give_up: deserialize_i128(), deserialize_u128(), deserialize_bool(),
            deserialize_bytes(), deserialize_byte_buf(), deserialize_unit(),
            deserialize_unit_struct(name: &'static str), deserialize_map(),
            deserialize_struct(name: &'static str, fields: &'static [&'static str]),
            deserialize_enum(name: &'static str, variants: &'static [&'static str]);
    }
}

/// The strings of a captured `aud` array, each answering requests as [`Captured`] does.
struct CapturedTexts<'c, 'de, E> {
    texts: core::slice::Iter<'c, Cow<'de, str>>,
    error: PhantomData<E>,
}

impl<'de, E: de::Error> SeqAccess<'de> for CapturedTexts<'_, 'de, E> {
    type Error = E;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, E> {
        let Some(text) = self.texts.next() else {
            return Ok(None);
        };
        // Cloning a borrowed string copies a pointer; only strings with escapes allocate.
        let claim = ClaimValue::Text(text.clone());
        seed.deserialize(Captured {
            claim: &claim,
            error: PhantomData,
        })
        .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.texts.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{Claims, Registered};
    use alloc::collections::BTreeMap;
    use core::fmt::Debug;
    use serde::de::DeserializeOwned;
    use serde_json::Value;

    /// Names whose presence the checks compare.
    const NAMES: [&str; 10] = [
        "exp", "nbf", "iat", "iss", "sub", "aud", "jti", "role", "x", "é",
    ];

    /// Runs both ways on `payload`; if the one pass succeeds, the two passes must succeed with
    /// the same claims, the same registered claims and the same names. Returns whether the
    /// one pass succeeded.
    fn agree<C: DeserializeOwned + PartialEq + Debug>(payload: &str) -> bool {
        let bytes = payload.as_bytes();
        let Some((claims, one)) = deserialize::<C>(bytes) else {
            return false;
        };
        let two = ScannedClaims::scan(bytes).expect("the two passes scan what one pass read");
        assert_eq!(Registered::read(&one), Registered::read(&two), "{payload}");
        for name in NAMES {
            assert_eq!(one.has(name), two.has(name), "{name} in {payload}");
        }
        assert_eq!(
            serde_json::from_slice::<C>(bytes).ok(),
            Some(claims),
            "{payload}"
        );
        true
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Typed {
        sub: String,
        exp: u64,
        iat: Option<f64>,
        aud: Option<Vec<String>>,
        role: Option<String>,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Seconds(u64);

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Newtypes {
        exp: Seconds,
        iss: Option<String>,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    enum Role {
        #[serde(rename = "admin")]
        Admin,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct WithEnum {
        role: Role,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Wrapper(Claims);

    #[test]
    fn common_shapes_take_one_pass() {
        let payload = r#"{"sub":"u1","exp":1700000000,"iat":1.5,"aud":["a","b\u0041"],"role":null,"x":{"y":[1,{"z":2}]}}"#;
        assert!(agree::<Typed>(payload));
        assert!(agree::<Claims>(payload));
        assert!(agree::<Value>(payload));
        assert!(agree::<BTreeMap<String, Value>>(payload));
        assert!(agree::<Wrapper>(payload));
        assert!(agree::<Newtypes>(r#"{"exp":7,"iss":"i","é":1}"#));
        assert!(agree::<Claims>(
            r#"{"\u00e9":null,"sub":"a\nb","exp":-3,"nbf":1e3}"#
        ));
        assert!(agree::<Claims>("{}"));
    }

    #[test]
    fn nulls_count_as_absent_as_in_the_scan() {
        let payload = r#"{"role":null,"x":1,"sub":"s"}"#;
        let (_, scanned) = deserialize::<Claims>(payload.as_bytes()).unwrap();
        assert!(!scanned.has("role"));
        assert!(scanned.has("x") && scanned.has("sub"));
        assert!(agree::<Typed>(r#"{"sub":"s","exp":1,"role":null}"#));
    }

    #[test]
    fn gives_up_where_the_scan_or_serde_json_would_refuse() {
        for payload in [
            // Not an object, or not JSON.
            "[]",
            "null",
            "1",
            r#""s""#,
            "{",
            r#"{"a":1} x"#,
            // Repeated member names, at the top and deeper.
            r#"{"sub":"a","sub":"b","exp":1}"#,
            r#"{"x":{"y":1,"y":2},"sub":"a","exp":1}"#,
            r#"{"x":[{"y":1,"y":2}],"sub":"a","exp":1}"#,
            r#"{"aud":[{"y":1,"y":2}],"sub":"a","exp":1}"#,
            // Registered claims of the wrong type, null included.
            r#"{"sub":"a","exp":"1"}"#,
            r#"{"sub":"a","exp":null}"#,
            r#"{"sub":"a","exp":1,"aud":[1]}"#,
            // The caller's type refuses.
            r#"{"sub":"a"}"#,
            r#"{"sub":"a","exp":1.5}"#,
            r#"{"sub":"a","exp":1,"aud":"one"}"#,
        ] {
            assert!(!agree::<Typed>(payload), "{payload}");
        }
        assert!(!agree::<Claims>(r#"{"x":{"y":1,"y":2}}"#));
        assert!(!agree::<Option<Claims>>("null"));
    }

    #[test]
    fn registered_claims_the_caller_ignores_are_checked_as_in_the_scan() {
        // `Typed` has no `jti` or `nbf`: the pass still reads them, and validation sees the
        // same wrong types as after the scan.
        let payload = r#"{"sub":"a","exp":1,"jti":true,"nbf":"x"}"#;
        assert!(agree::<Typed>(payload));
        let (_, scanned) = deserialize::<Typed>(payload.as_bytes()).unwrap();
        assert_eq!(
            Registered::read(&scanned).unwrap_err().kind(),
            crate::ErrorKind::MalformedToken
        );
    }

    #[test]
    fn gives_up_on_requests_it_does_not_answer_as_serde_json_would() {
        // Enums: serde_json reads them itself, the two-pass way.
        assert!(!agree::<WithEnum>(r#"{"role":"admin"}"#));
        // A 128-bit integer is parsed anew by serde_json, not from the captured number.
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Wide {
            exp: i128,
        }
        assert!(!agree::<Wide>(r#"{"exp":1}"#));
        assert_eq!(
            serde_json::from_str::<Wide>(r#"{"exp":1}"#).unwrap(),
            Wide { exp: 1 }
        );
        // A string claim requested as a bool or as a map.
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Odd {
            sub: bool,
        }
        assert!(!agree::<Odd>(r#"{"sub":"true"}"#));
    }

    proptest::proptest! {
        /// Objects built from claim names (repeats included) and values of every type,
        /// nested repeats included: whenever the one pass succeeds, it agrees with the two.
        #[test]
        fn agrees_with_the_two_passes(members in proptest::collection::vec(
            (
                proptest::sample::select(alloc::vec![
                    "exp", "nbf", "iat", "iss", "sub", "aud", "jti", "role", "x", "\\u00e9",
                ]),
                proptest::sample::select(alloc::vec![
                    "1", "-1", "1.5", "18446744073709551616", "1e999", "\"s\"", "\"a\\nb\"",
                    "null", "true", "[]", "[\"a\",\"b\"]", "[1]", "{}", "{\"y\":1,\"y\":2}",
                    "{\"y\":[null]}", "[{\"y\":1}]", "[{\"y\":1,\"y\":1}]",
                ]),
            ),
            0..7,
        )) {
            let body: Vec<String> = members
                .iter()
                .map(|(name, value)| alloc::format!("\"{name}\":{value}"))
                .collect();
            let payload = alloc::format!("{{{}}}", body.join(","));
            agree::<Claims>(&payload);
            agree::<Value>(&payload);
            agree::<Typed>(&payload);
            agree::<Newtypes>(&payload);
        }
    }
}
