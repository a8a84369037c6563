//! Typed claims and their scan in one pass over the payload.
//!
//! [`ScannedClaims::scan`] followed by `serde_json::from_slice::<C>` reads a payload twice.
//! Here the caller's type deserializes from a JSON reader of our own that does the scan's
//! work on the way: it refuses a repeated member name at any depth, reads each registered
//! claim exactly as the scan does, and records which top-level members are `null`. Request by
//! request, it hands the caller's type what `serde_json` would hand it.
//!
//! Whatever it does not read exactly as `serde_json` would (a payload that is not an object,
//! a surrogate escape, an enum written as an object, a 128-bit integer, nesting deeper than
//! [`MAX_DEPTH`](super::MAX_DEPTH), any error at all), it gives up on, and the caller reads
//! the payload the two-pass way, which finds the precise error in the documented order. The
//! one pass only ever returns what the two passes would.

mod lex;

use alloc::borrow::Cow;
use alloc::string::String;
use core::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{
    Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

use super::{
    ClaimValue, ClaimVisitor, GaveUp, JsonNumber, MAX_DEPTH, Read, RegisteredMembers, ScannedClaims,
};
use crate::json::{Duplicate, Names};
use lex::Str;

/// Deserializes `C` from `payload` and scans it into `scanned` as [`ScannedClaims::scan`]
/// does, in one pass. Unless `scanned` says it read the whole payload, the one pass gave up
/// (see the module documentation), and neither `C` nor `scanned` is of any use.
pub(super) fn deserialize<'de, C: Deserialize<'de>>(
    payload: &'de [u8],
    scanned: &mut ScannedClaims<'de>,
) -> Result<C> {
    // Checked as UTF-8 once here, strings can be borrowed without a check of their own.
    let text = core::str::from_utf8(payload).map_err(|_| GaveUp)?;
    // Returned as the caller's type returns it, and judged by what `scanned` says: a value
    // taken apart and put together again on the way out would be copied each time.
    C::deserialize(&mut Reader {
        text,
        pos: 0,
        depth: 0,
        scratch: String::new(),
        scanned,
        capturing: None,
    })
}

type Result<T> = core::result::Result<T, GaveUp>;

/// A JSON reader over the payload, and what it has found so far.
struct Reader<'s, 'de> {
    text: &'de str,
    /// Where the next token starts (or whitespace before it).
    pos: usize,
    /// How many arrays and objects enclose the value read next.
    depth: usize,
    /// The last string read, unescaped, when it had escapes.
    scratch: String,
    /// The registered claims as the scan reads them, the top-level member names, and how
    /// much has been read.
    scanned: &'s mut ScannedClaims<'de>,
    /// The slot in `scanned` of the registered claim being read, if one is: a string or a
    /// number read as its whole value goes straight there. The slot is empty until then (a
    /// repeated name gives up), and filled at most once.
    capturing: Option<usize>,
}

impl<'de> Reader<'_, 'de> {
    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    /// The next byte that is not whitespace, left unread.
    #[inline]
    fn peek(&mut self) -> Result<u8> {
        match self.bytes().get(self.pos) {
            // Compact JSON, as tokens carry it, has no whitespace to skip.
            Some(&byte) if byte > b' ' => Ok(byte),
            _ => {
                self.pos = lex::skip_space(self.bytes(), self.pos);
                self.bytes().get(self.pos).copied().ok_or(GaveUp)
            }
        }
    }

    /// The first byte of the next value. At the top, only an object is read.
    #[inline]
    fn value(&mut self) -> Result<u8> {
        let byte = self.peek()?;
        if self.depth == 0 && byte != b'{' {
            return Err(GaveUp);
        }
        Ok(byte)
    }

    /// Reads `byte`, which must come next.
    #[inline]
    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.peek()? != byte {
            return Err(GaveUp);
        }
        self.pos += 1;
        Ok(())
    }

    /// Reads `word` (`true`, `false` or `null`), which must start at the next byte.
    fn literal(&mut self, word: &[u8]) -> Result<()> {
        if self.bytes().get(self.pos..self.pos + word.len()) != Some(word) {
            return Err(GaveUp);
        }
        self.pos += word.len();
        Ok(())
    }

    /// Reads the string whose opening quote is the next byte.
    #[inline(always)]
    fn string(&mut self) -> Result<Str<'de>> {
        let (string, end) =
            lex::string(self.text, self.pos + 1, &mut self.scratch).ok_or(GaveUp)?;
        self.pos = end;
        Ok(string)
    }

    /// Hands the string whose opening quote is the next byte to `visitor`, borrowed unless it
    /// has escapes, as `serde_json` does.
    fn visit_string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let string = self.string()?;
        if let Some(index) = self.captures() {
            let text = match string {
                Str::Borrowed(text) => Cow::Borrowed(text),
                Str::Escaped => Cow::Owned(self.scratch.clone()),
            };
            self.capture(index, || ClaimValue::Text(text));
        }
        match string {
            Str::Borrowed(text) => visitor.visit_borrowed_str(text),
            Str::Escaped => visitor.visit_str(&self.scratch),
        }
    }

    /// The slot of the registered claim that a string or number about to be read is the
    /// whole value of, if it is one.
    #[inline]
    fn captures(&self) -> Option<usize> {
        self.capturing.filter(|_| self.depth == 1)
    }

    /// Keeps `claim` in the registered claim slot `index`, unless it is filled. Made in the
    /// slot, not moved there (see PERF.md).
    #[inline]
    fn capture(&mut self, index: usize, claim: impl FnOnce() -> ClaimValue<'de>) {
        if let Some(slot @ None) = self.scanned.registered.0.get_mut(index) {
            *slot = Some(claim());
        }
    }

    /// Reads the value at `start` again as the scan reads a registered claim (and whether it
    /// is `null`), then goes back to where it was.
    fn claim_at(&mut self, start: usize) -> Result<(ClaimValue<'de>, bool)> {
        let end = core::mem::replace(&mut self.pos, start);
        let unused = Duplicate::default();
        let claim = (&mut *self).deserialize_any(ClaimVisitor(&unused, PhantomData))?;
        self.pos = end;
        Ok(claim)
    }

    /// Hands the number that starts at the next byte to `visitor`.
    fn visit_number<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let (number, end) = lex::number(self.text, self.pos).ok_or(GaveUp)?;
        self.pos = end;
        if let Some(index) = self.captures() {
            self.capture(index, || ClaimValue::Number(number));
        }
        match number {
            JsonNumber::U64(n) => visitor.visit_u64(n),
            JsonNumber::I64(n) => visitor.visit_i64(n),
            JsonNumber::F64(n) => visitor.visit_f64(n),
        }
    }

    /// Hands the object whose `{` is the next byte to `visitor`; the members read its `}`
    /// when the visitor reads them to their end (as it must for the one pass to count).
    fn visit_object<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let top = self.enter()?;
        let outside = self.depth - 1;
        let value = visitor.visit_map(Object {
            reader: self,
            nested: (!top).then(Names::new),
            place: Place::First,
            pending: None,
        });
        // Returned as the visitor returned it, not taken apart and put together again, so
        // that it is not copied: a visitor that stopped early is noted instead.
        if self.depth != outside {
            self.scanned.read = Read::Astray;
        }
        value
    }

    /// Hands the array whose `[` is the next byte to `visitor`, then reads its `]`.
    fn visit_array<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.enter()?;
        let value = visitor.visit_seq(Array {
            reader: self,
            first: true,
        })?;
        self.depth -= 1;
        self.expect(b']')?;
        Ok(value)
    }

    /// Reads the opening bracket or brace of an array or object; says whether it is the
    /// top-level object.
    fn enter(&mut self) -> Result<bool> {
        if self.depth >= MAX_DEPTH {
            return Err(GaveUp);
        }
        self.depth += 1;
        self.pos += 1;
        Ok(self.depth == 1)
    }

    /// Reads the next value with `visitor` if `accepts` its first byte, as `serde_json` does
    /// for a request of one type; gives up otherwise.
    fn typed<V: Visitor<'de>>(&mut self, accepts: fn(u8) -> bool, visitor: V) -> Result<V::Value> {
        let byte = self.value()?;
        if accepts(byte) {
            self.any(byte, visitor)
        } else {
            Err(GaveUp)
        }
    }

    /// Reads the value whose first byte, `byte`, comes next, handing it to `visitor` as
    /// `serde_json` hands over a value of any type.
    fn any<V: Visitor<'de>>(&mut self, byte: u8, visitor: V) -> Result<V::Value> {
        match byte {
            b'{' => self.visit_object(visitor),
            b'[' => self.visit_array(visitor),
            b'"' => self.visit_string(visitor),
            b't' => {
                self.literal(b"true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal(b"false")?;
                visitor.visit_bool(false)
            }
            b'n' => {
                self.literal(b"null")?;
                visitor.visit_unit()
            }
            byte if is_number(byte) => self.visit_number(visitor),
            _ => Err(GaveUp),
        }
    }
}

fn is_number(byte: u8) -> bool {
    byte == b'-' || byte.is_ascii_digit()
}

fn is_string(byte: u8) -> bool {
    byte == b'"'
}

fn is_array(byte: u8) -> bool {
    byte == b'['
}

fn is_object(byte: u8) -> bool {
    byte == b'{'
}

/// Requests answered by [`Reader::typed`] with the first bytes `serde_json` accepts for them.
macro_rules! typed_requests {
    ($($accepts:expr => $($method:ident($($arg:ident: $type:ty),*)),*;)*) => {$($(
        fn $method<V: Visitor<'de>>(self, $($arg: $type,)* visitor: V) -> Result<V::Value> {
            $(let _ = $arg;)*
            self.typed($accepts, visitor)
        }
    )*)*};
}

/// Requests `serde_json` answers in ways of its own, left to it.
macro_rules! left_to_serde_json {
    ($($method:ident($($arg:ident: $type:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $type,)* _: V) -> Result<V::Value> {
            $(let _ = $arg;)*
            Err(GaveUp)
        }
    )*};
}

impl<'de> Deserializer<'de> for &mut Reader<'_, 'de> {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let byte = self.value()?;
        self.any(byte, visitor)
    }

    typed_requests! {
        |byte| byte == b't' || byte == b'f' => deserialize_bool();
        is_number => deserialize_i8(), deserialize_i16(), deserialize_i32(), deserialize_i64(),
            deserialize_u8(), deserialize_u16(), deserialize_u32(), deserialize_u64(),
            deserialize_f64();
        is_string => deserialize_char(), deserialize_str(), deserialize_string(),
            deserialize_identifier();
        is_array => deserialize_seq(), deserialize_tuple(len: usize),
            deserialize_tuple_struct(name: &'static str, len: usize);
        is_object => deserialize_map();
        |byte| is_object(byte) || is_array(byte) =>
            deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        |byte| byte == b'n' => deserialize_unit(), deserialize_unit_struct(name: &'static str);
    }

    left_to_serde_json! {
        deserialize_f32();
        deserialize_i128();
        deserialize_u128();
        deserialize_bytes();
        deserialize_byte_buf();
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.value()? == b'n' {
            self.literal(b"null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        // `serde_json::value::RawValue` asks for itself by a private name.
        if name.starts_with("$serde_json") {
            return Err(GaveUp);
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // A unit variant, named by a string; the object form is left to serde_json.
        if self.value()? != b'"' {
            return Err(GaveUp);
        }
        match self.string()? {
            Str::Borrowed(name) => visitor.visit_enum(BorrowedStrDeserializer::new(name)),
            Str::Escaped => visitor.visit_enum(StrDeserializer::new(&self.scratch)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(IgnoredAny)?;
        visitor.visit_unit()
    }
}

/// The members of an object. At the top, they are the claims: their names are kept, with
/// whether each is `null`, and the registered ones are read for validation too.
struct Object<'r, 's, 'de> {
    reader: &'r mut Reader<'s, 'de>,
    /// The member names so far of a nested object; `None` at the top, whose names the
    /// reader keeps.
    nested: Option<Names<'de>>,
    place: Place,
    /// What the next value is, once its name has been read.
    pending: Option<Next>,
}

/// Where the members of an object are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the first member (or the closing brace).
    First,
    /// After a member.
    Rest,
    /// After the closing brace, which has been read.
    Ended,
}

/// The value of the member whose name has just been read.
#[derive(Clone, Copy)]
enum Next {
    /// Any member's but a registered claim's.
    Member,
    /// The registered claim in this slot of the scan.
    Claim(usize),
}

impl<'de> Object<'_, '_, 'de> {
    fn names(&mut self) -> &mut Names<'de> {
        match &mut self.nested {
            Some(names) => names,
            None => &mut self.reader.scanned.names,
        }
    }
}

impl<'de> MapAccess<'de> for Object<'_, '_, 'de> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.place == Place::Ended {
            return Ok(None);
        }
        let mut byte = self.reader.peek()?;
        if byte == b'}' {
            self.reader.pos += 1;
            self.reader.depth -= 1;
            self.place = Place::Ended;
            if self.nested.is_none() {
                let bytes = self.reader.bytes();
                if lex::skip_space(bytes, self.reader.pos) != bytes.len() {
                    return Err(GaveUp);
                }
                let read = &mut self.reader.scanned.read;
                if *read == Read::Partly {
                    *read = Read::Whole;
                }
            }
            return Ok(None);
        }
        if core::mem::replace(&mut self.place, Place::Rest) == Place::Rest {
            if byte != b',' {
                return Err(GaveUp);
            }
            self.reader.pos += 1;
            byte = self.reader.peek()?;
        }
        if byte != b'"' {
            return Err(GaveUp);
        }
        let name = match self.reader.string()? {
            Str::Borrowed(name) => Cow::Borrowed(name),
            Str::Escaped => Cow::Owned(self.reader.scratch.clone()),
        };
        if self.names().find(&name).is_some() {
            return Err(GaveUp);
        }
        self.reader.expect(b':')?;
        let key = match &name {
            Cow::Borrowed(name) => seed.deserialize(BorrowedStrDeserializer::new(name)),
            Cow::Owned(name) => seed.deserialize(StrDeserializer::new(name)),
        }?;
        // A claim is `null` if its value starts so: nothing else valid does, and anything
        // invalid gives up. Nested names need no such note.
        let (next, null) = match self.nested {
            Some(_) => (Next::Member, false),
            None => (
                RegisteredMembers::index(&name).map_or(Next::Member, Next::Claim),
                self.reader.peek()? == b'n',
            ),
        };
        self.names().push(name, null);
        self.pending = Some(next);
        Ok(Some(key))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value> {
        let Next::Claim(index) = self.pending.take().ok_or(GaveUp)? else {
            return seed.deserialize(&mut *self.reader);
        };
        // Captured as the caller's type reads it if it is a string or a number (as it should
        // be), read again otherwise.
        let start = self.reader.pos;
        self.reader.capturing = Some(index);
        let value = seed.deserialize(&mut *self.reader);
        self.reader.capturing = None;
        let value = value?;
        let captured = self.reader.scanned.registered.0.get(index);
        if captured.is_some_and(Option::is_none) {
            let (claim, _) = self.reader.claim_at(start)?;
            self.reader.capture(index, || claim);
        }
        Ok(value)
    }
}

/// The elements of an array.
struct Array<'r, 's, 'de> {
    reader: &'r mut Reader<'s, 'de>,
    first: bool,
}

impl<'de> SeqAccess<'de> for Array<'_, '_, 'de> {
    type Error = GaveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let byte = self.reader.peek()?;
        if byte == b']' {
            return Ok(None);
        }
        if !core::mem::take(&mut self.first) {
            if byte != b',' {
                return Err(GaveUp);
            }
            self.reader.pos += 1;
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{Claims, Registered};
    use alloc::collections::BTreeMap;
    use alloc::vec::Vec;
    use core::fmt::Debug;
    use serde::de::DeserializeOwned;
    use serde_json::Value;

    /// Names whose presence the checks compare.
    const NAMES: [&str; 10] = [
        "exp", "nbf", "iat", "iss", "sub", "aud", "jti", "role", "x", "é",
    ];

    /// The one pass over `bytes`: the claims and the scan.
    fn one_pass<'de, C: Deserialize<'de>>(bytes: &'de [u8]) -> Option<(C, ScannedClaims<'de>)> {
        let mut scanned = ScannedClaims::new();
        let claims = deserialize(bytes, &mut scanned).ok()?;
        scanned.read_whole().then_some((claims, scanned))
    }

    /// Runs both ways on `payload`; if the one pass succeeds, the two passes must succeed with
    /// the same claims, the same registered claims and the same names. Returns whether the
    /// one pass succeeded.
    fn agree<C: DeserializeOwned + PartialEq + Debug>(payload: &str) -> bool {
        let bytes = payload.as_bytes();
        let Some((claims, one)) = one_pass::<C>(bytes) else {
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
        let (_, scanned) = one_pass::<Claims>(payload.as_bytes()).unwrap();
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
        let (_, scanned) = one_pass::<Typed>(payload.as_bytes()).unwrap();
        assert_eq!(
            Registered::read(&scanned).unwrap_err().kind(),
            crate::ErrorKind::MalformedToken
        );
    }

    #[test]
    fn reads_enums_named_by_strings_and_structs_written_as_arrays() {
        assert!(agree::<WithEnum>(r#"{"role":"admin"}"#));
        assert!(agree::<WithEnum>(r#"{"role":"\u0061dmin"}"#));
        assert!(!agree::<WithEnum>(r#"{"role":"user"}"#));
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Pair {
            a: u8,
            b: Option<String>,
        }
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct WithPair {
            pair: Pair,
        }
        assert!(agree::<WithPair>(r#"{"pair":[1,"x"]}"#));
        assert!(agree::<WithPair>(r#"{"pair":{"b":null,"a":2}}"#));
    }

    #[test]
    fn reads_escapes_and_whitespace_as_serde_json_does() {
        // PHP's json_encode writes "\/" for every "/".
        let payload = " {\n\t\"iss\" : \"https:\\/\\/auth.example.com\" ,\r\"sub\":\"\\u00e9\\n\",\"exp\":1}\n";
        assert!(agree::<Typed>(payload));
        assert!(agree::<Claims>(payload));
        let (_, scanned) = one_pass::<Claims>(payload.as_bytes()).unwrap();
        assert_eq!(
            Registered::read(&scanned).unwrap().iss,
            Some("https://auth.example.com")
        );
        // Escaped member names, compared unescaped.
        assert!(agree::<Claims>(r#"{"\u0065xp":1,"r\u00f4le":"x"}"#));
        assert!(!agree::<Claims>(r#"{"exp":1,"\u0065xp":2}"#));
    }

    #[test]
    fn gives_up_on_requests_it_does_not_answer_as_serde_json_would() {
        // An enum written as an object.
        #[derive(Debug, PartialEq, serde::Deserialize)]
        enum Level {
            Level(u8),
        }
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct WithLevel {
            level: Level,
        }
        assert!(!agree::<WithLevel>(r#"{"level":{"Level":1}}"#));
        assert!(serde_json::from_str::<WithLevel>(r#"{"level":{"Level":1}}"#).is_ok());
        // A 128-bit integer, an f32, bytes and raw JSON are read by serde_json's own rules.
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Wide {
            exp: i128,
        }
        assert!(!agree::<Wide>(r#"{"exp":1}"#));
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Single {
            exp: f32,
        }
        assert!(!agree::<Single>(r#"{"exp":1}"#));
        // serde_json's RawValue (feature `raw_value`) asks for a newtype struct by this name.
        struct Raw;
        impl<'de> Deserialize<'de> for Raw {
            fn deserialize<D: Deserializer<'de>>(
                deserializer: D,
            ) -> core::result::Result<Self, D::Error> {
                deserializer
                    .deserialize_newtype_struct("$serde_json::private::RawValue", IgnoredAny)
                    .map(|_| Raw)
            }
        }
        assert!(one_pass::<BTreeMap<String, Raw>>(br#"{"x":[1]}"#).is_none());
        assert!(one_pass::<BTreeMap<String, IgnoredAny>>(br#"{"x":[1]}"#).is_some());
        // Surrogate pairs, which serde_json pairs up.
        assert!(!agree::<Claims>(r#"{"x":"\ud83d\ude00"}"#));
        assert!(serde_json::from_str::<Claims>(r#"{"x":"\ud83d\ude00"}"#).is_ok());
        // Deep nesting.
        let deep = alloc::format!("{{\"x\":{}1{}}}", "[".repeat(70), "]".repeat(70));
        assert!(!agree::<Claims>(&deep));
        assert!(serde_json::from_str::<Claims>(&deep).is_ok());
        // A string claim requested as a bool.
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Odd {
            sub: bool,
        }
        assert!(!agree::<Odd>(r#"{"sub":"true"}"#));
    }

    /// What a visitor that reads an object its own way saw: its first member's name and how
    /// many members it read. With `STOPS`, it stops after the first member; otherwise it
    /// reads them all and then asks for one more name, which must be none.
    #[derive(Debug, PartialEq)]
    struct Visited<const STOPS: bool> {
        first: String,
        count: usize,
    }

    impl<'de, const STOPS: bool> Deserialize<'de> for Visited<STOPS> {
        fn deserialize<D: Deserializer<'de>>(
            deserializer: D,
        ) -> core::result::Result<Self, D::Error> {
            struct Members<const STOPS: bool>;
            impl<'de, const STOPS: bool> Visitor<'de> for Members<STOPS> {
                type Value = Visited<STOPS>;
                fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> core::result::Result<Self::Value, A::Error> {
                    let mut visited = Visited {
                        first: String::new(),
                        count: 0,
                    };
                    while let Some(name) = map.next_key::<String>()? {
                        map.next_value::<IgnoredAny>()?;
                        if visited.count == 0 {
                            visited.first = name;
                        }
                        visited.count += 1;
                        if STOPS {
                            return Ok(visited);
                        }
                    }
                    match map.next_key::<IgnoredAny>()? {
                        None => Ok(visited),
                        Some(_) => Err(serde::de::Error::custom("a member after the end")),
                    }
                }
            }
            deserializer.deserialize_map(Members::<STOPS>)
        }
    }

    type FirstName = Visited<true>;
    type MemberCount = Visited<false>;

    #[test]
    fn visitors_that_stop_early_are_left_to_serde_json_and_none_reads_past_the_end() {
        type Nested<T> = BTreeMap<String, T>;
        // Stopped after the last member, before the closing brace, which serde_json reads
        // after the visitor; or before the last member, which it refuses.
        for (payload, accepted) in [
            (r#"{"x":{"a":1},"y":{"b":[2]}}"#, true),
            (r#"{"x":{"a":1,"b":2}}"#, false),
        ] {
            assert!(!agree::<Nested<FirstName>>(payload));
            assert_eq!(
                serde_json::from_str::<Nested<FirstName>>(payload).is_ok(),
                accepted
            );
        }
        assert!(!agree::<FirstName>(r#"{"a":1}"#));
        assert!(serde_json::from_str::<FirstName>(r#"{"a":1}"#).is_ok());
        // Asked for a name after the end: there is none, at any depth.
        assert!(agree::<MemberCount>(r#"{"a":{"x":1,"y":{}},"b":2}"#));
        assert!(agree::<Nested<MemberCount>>(
            r#"{"a":{"x":1,"y":{}},"b":{}}"#
        ));
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
                    "-0", " 2e2 ", "\"https:\\/\\/a\"", "{\"\\u0079\":1,\"y\":2}",
                    "\"\\ud800\"", "[1,]", "tru", "\"\\u00e9\"", "[\"a\" , \"b\"]",
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
