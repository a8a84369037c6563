//! Claims serialized to JSON in one pass, checked on the way.
//!
//! [`encode`](crate::encode) never issues a token that verification would refuse, so claims
//! that `serde_json` serializes are read back with [`ScannedClaims`](super::ScannedClaims)
//! before they are signed: a second pass over the bytes. Here the caller's type serializes
//! into a JSON writer of our own that checks as it writes: an object at the top, no member
//! name twice in any object, and each registered claim of its registered type. Byte for byte,
//! it writes what `serde_json` writes.
//!
//! Whatever it cannot write exactly as `serde_json` would or check on the way (anything but a
//! map or struct at the top, map keys that are not strings, non-finite floats, `serde_json`'s
//! raw values, more than [`MAX_NAMES`] member names in the objects open at once, nesting deeper than
//! [`MAX_DEPTH`]), every claim that fails a check, and any error at all, it gives up on; the
//! caller then serializes with `serde_json` and reads the result back, which finds the precise
//! error. The one pass only ever returns what those two would.

use alloc::vec::Vec;

use serde::Serialize;
use serde::ser::{
    SerializeMap, SerializeSeq, SerializeStruct, SerializeStructVariant, SerializeTuple,
    SerializeTupleStruct, SerializeTupleVariant, Serializer,
};

use super::{GaveUp, MAX_DEPTH, plain};
use crate::json::fingerprint;

type Result<T> = core::result::Result<T, GaveUp>;

/// More member names than this in the objects open at once (the claims and those they nest)
/// are left to `serde_json` and the scan.
const MAX_NAMES: usize = 32;

/// Appends to `out` exactly the bytes `serde_json::to_vec` writes for `claims`, checked as
/// [`ScannedClaims::scan`](super::ScannedClaims::scan) checks a payload; `false` if the one
/// pass gave up (see the module documentation), and then `out` has bytes of no use after its
/// old end.
pub(crate) fn append_json<C: Serialize + ?Sized>(claims: &C, out: &mut Vec<u8>) -> bool {
    let mut sink = Sink {
        out: core::mem::take(out),
        names: [Name::default(); MAX_NAMES],
        open_names: 0,
    };
    let written = claims
        .serialize(Writer {
            sink: &mut sink,
            depth: 0,
            expect: Expect::Claims,
        })
        .is_ok();
    *out = sink.out;
    written
}

/// Where the JSON goes, and the member names of the objects open in it.
struct Sink {
    out: Vec<u8>,
    /// The names of the open objects, outermost first: objects nest, so one stack serves all.
    names: [Name; MAX_NAMES],
    open_names: usize,
}

/// A member name, kept as where its escaped bytes were written (without the quotes):
/// escaping is one-to-one, so equal names are equal bytes.
#[derive(Debug, Clone, Copy, Default)]
struct Name {
    /// Compared first: see [`fingerprint`].
    print: u64,
    start: u32,
    end: u32,
}

/// What a value about to be written must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// The claims: a map or a struct.
    Claims,
    /// Any JSON value.
    Any,
    /// A number: `exp`, `nbf`, `iat`.
    Number,
    /// A string: `iss`, `sub`, `jti`, a member of an `aud` array, and every member name.
    Text,
    /// A string or an array of strings: `aud`.
    Audience,
}

/// The JSON type of a value about to be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Null,
    Bool,
    Number,
    Text,
    Array,
    /// An object of the caller's: a map or a struct.
    Object,
    /// The object `serde_json` writes for an enum variant with data: `{"Variant":…}`.
    Variant,
}

impl Expect {
    /// Gives up unless a value of `kind` is acceptable here.
    fn check(self, kind: Kind) -> Result<()> {
        let acceptable = match self {
            Self::Claims => kind == Kind::Object,
            Self::Any => true,
            Self::Number => kind == Kind::Number,
            Self::Text => kind == Kind::Text,
            Self::Audience => matches!(kind, Kind::Text | Kind::Array),
        };
        acceptable.then_some(()).ok_or(GaveUp)
    }

    /// What each element of an array written here must be.
    fn element(self) -> Self {
        match self {
            Self::Audience => Self::Text,
            _ => Self::Any,
        }
    }

    /// What the value of the member whose escaped name is `name` must be, in an object
    /// written here.
    fn member(self, name: &[u8]) -> Self {
        if self != Self::Claims {
            return Self::Any;
        }
        match name {
            b"exp" | b"nbf" | b"iat" => Self::Number,
            b"iss" | b"sub" | b"jti" => Self::Text,
            b"aud" => Self::Audience,
            _ => Self::Any,
        }
    }
}

/// Writes one value.
struct Writer<'a> {
    sink: &'a mut Sink,
    /// How many arrays and objects enclose the value.
    depth: usize,
    expect: Expect,
}

impl<'a> Writer<'a> {
    fn scalar(self, kind: Kind, json: &[u8]) -> Result<()> {
        self.expect.check(kind)?;
        self.sink.out.extend_from_slice(json);
        Ok(())
    }

    fn integer(self, n: impl itoa::Integer) -> Result<()> {
        self.scalar(Kind::Number, itoa::Buffer::new().format(n).as_bytes())
    }

    /// A finite float, as `serde_json` itself formats it (which may change from version to
    /// version).
    fn float(self, n: impl Serialize + Into<f64> + Copy) -> Result<()> {
        if !n.into().is_finite() {
            return Err(GaveUp);
        }
        let json = serde_json::to_vec(&n).map_err(|_| GaveUp)?;
        self.scalar(Kind::Number, &json)
    }

    fn text(self, text: &str) -> Result<()> {
        self.expect.check(Kind::Text)?;
        string(&mut self.sink.out, text);
        Ok(())
    }

    /// Writes `open`, which opens an array or object of `kind` and nests `levels` deep.
    fn open(self, kind: Kind, levels: usize, open: &[u8]) -> Result<Nested<'a>> {
        self.expect.check(kind)?;
        let depth = self.depth + levels;
        if depth > MAX_DEPTH {
            return Err(GaveUp);
        }
        self.sink.out.extend_from_slice(open);
        Ok(Nested {
            sink: self.sink,
            depth,
            expect: self.expect,
        })
    }

    /// Opens the object `serde_json` writes for `variant` with data: `{"variant":` and then
    /// `open`, if any.
    fn variant(self, variant: &str, open: &[u8]) -> Result<Nested<'a>> {
        let levels = 1 + usize::from(!open.is_empty());
        let nested = self.open(Kind::Variant, levels, b"{")?;
        string(&mut nested.sink.out, variant);
        nested.sink.out.push(b':');
        nested.sink.out.extend_from_slice(open);
        Ok(nested)
    }
}

/// An array or object opened by [`Writer::open`].
struct Nested<'a> {
    sink: &'a mut Sink,
    depth: usize,
    /// What the array or object itself was expected to be.
    expect: Expect,
}

impl<'a> Nested<'a> {
    fn array(self, close: &'static [u8]) -> Array<'a> {
        Array {
            element: self.expect.element(),
            sink: self.sink,
            depth: self.depth,
            first: true,
            close,
        }
    }

    fn object(self, close: &'static [u8]) -> Object<'a> {
        Object {
            first_name: self.sink.open_names,
            sink: self.sink,
            depth: self.depth,
            expect: self.expect,
            pending: Expect::Any,
            close,
        }
    }

    /// A writer for the one value inside it.
    fn value(&mut self, expect: Expect) -> Writer<'_> {
        Writer {
            sink: self.sink,
            depth: self.depth,
            expect,
        }
    }
}

/// Appends `text` as a JSON string, escaped as `serde_json` escapes it: `"` and `\` with a
/// backslash, control characters by their short escape if they have one and as `\u00xx`
/// otherwise, everything else as it is.
fn string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    if let Some((head, tail)) = medium_plain(bytes) {
        // Plain and of a length many values have: two stores (see PERF.md).
        push_low_bytes(out, head, bytes.len() + 2 - 16);
        push_low_bytes(out, tail, 16);
        return;
    }
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut rest = bytes;
    loop {
        let (run, after) = rest.split_at(plain::run_end(rest, 0));
        out.extend_from_slice(run);
        let Some((&byte, after)) = after.split_first() else {
            break;
        };
        escape(out, byte);
        rest = after;
    }
    out.push(b'"');
}

/// Appends the low `len` bytes (at most 16) of `word`, little-endian, in one store: the bytes
/// past `len` are written and cut off again.
#[inline]
fn push_low_bytes(out: &mut Vec<u8>, word: u128, len: usize) {
    debug_assert!(len <= 16, "{len} bytes of a 16-byte word");
    let end = out.len() + len;
    out.extend_from_slice(&word.to_le_bytes());
    out.truncate(end);
}

/// `bytes` as a little-endian number (zeros past the end) if they are at most 14 and all
/// plain string content, which needs no escape.
#[inline]
fn short_plain(bytes: &[u8]) -> Option<u128> {
    let len = bytes.len();
    if len > 14 {
        return None;
    }
    let low = plain::word_at(bytes, 0);
    let high = if len > 8 { plain::word_at(bytes, 8) } else { 0 };
    // A zero byte past the end stops a run, so a plain run reaches exactly to the end.
    let plain = plain::plain_len(low) + if len > 8 { plain::plain_len(high) } else { 0 };
    (plain >= len).then_some(u128::from(low) | u128::from(high) << 64)
}

/// `bytes` quoted, as the first and the last 16 bytes of the quoted string (which overlap),
/// if they are 16 to 30 bytes of plain string content.
#[inline]
fn medium_plain(bytes: &[u8]) -> Option<(u128, u128)> {
    if bytes.len() > 30 {
        return None;
    }
    let first = u128::from_le_bytes(*bytes.first_chunk::<16>()?);
    let last = u128::from_le_bytes(*bytes.last_chunk::<16>()?);
    let halves = [first, first >> 64, last, last >> 64];
    #[allow(clippy::cast_possible_truncation, reason = "the low half of each")]
    let plain = halves
        .iter()
        .all(|&half| plain::plain_len(half as u64) == 8);
    let quote = u128::from(b'"');
    plain.then_some((quote | first << 8, last >> 8 | quote << 120))
}

/// Appends the escape of `byte` (`"`, `\` or a control character), as `serde_json` writes it.
#[inline(never)]
fn escape(out: &mut Vec<u8>, byte: u8) {
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0c => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => b'u',
    };
    out.extend_from_slice(&[b'\\', short]);
    if short == b'u' {
        let hex = |nibble: u8| match nibble {
            0..=9 => b'0' + nibble,
            _ => b'a' + nibble - 10,
        };
        out.extend_from_slice(&[b'0', b'0', hex(byte >> 4), hex(byte & 0xf)]);
    }
}

impl<'a> Serializer for Writer<'a> {
    type Ok = ();
    type Error = GaveUp;
    type SerializeSeq = Array<'a>;
    type SerializeTuple = Array<'a>;
    type SerializeTupleStruct = Array<'a>;
    type SerializeTupleVariant = Array<'a>;
    type SerializeMap = Object<'a>;
    type SerializeStruct = Object<'a>;
    type SerializeStructVariant = Object<'a>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.scalar(Kind::Bool, if v { b"true" } else { b"false" })
    }

    fn serialize_i8(self, v: i8) -> Result<()> {
        self.integer(v)
    }

    fn serialize_i16(self, v: i16) -> Result<()> {
        self.integer(v)
    }

    fn serialize_i32(self, v: i32) -> Result<()> {
        self.integer(v)
    }

    fn serialize_i64(self, v: i64) -> Result<()> {
        self.integer(v)
    }

    fn serialize_i128(self, v: i128) -> Result<()> {
        self.integer(v)
    }

    fn serialize_u8(self, v: u8) -> Result<()> {
        self.integer(v)
    }

    fn serialize_u16(self, v: u16) -> Result<()> {
        self.integer(v)
    }

    fn serialize_u32(self, v: u32) -> Result<()> {
        self.integer(v)
    }

    fn serialize_u64(self, v: u64) -> Result<()> {
        self.integer(v)
    }

    fn serialize_u128(self, v: u128) -> Result<()> {
        self.integer(v)
    }

    fn serialize_f32(self, v: f32) -> Result<()> {
        self.float(v)
    }

    fn serialize_f64(self, v: f64) -> Result<()> {
        self.float(v)
    }

    fn serialize_char(self, v: char) -> Result<()> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<()> {
        self.text(v)
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        let mut array = self.open(Kind::Array, 1, b"[")?.array(b"]");
        for byte in v {
            array.element(byte)?;
        }
        array.close()
    }

    fn serialize_none(self) -> Result<()> {
        self.scalar(Kind::Null, b"null")
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<()> {
        self.scalar(Kind::Null, b"null")
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        self.scalar(Kind::Null, b"null")
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<()> {
        self.text(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        let mut nested = self.variant(variant, b"")?;
        value.serialize(nested.value(Expect::Any))?;
        nested.sink.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Array<'a>> {
        Ok(self.open(Kind::Array, 1, b"[")?.array(b"]"))
    }

    fn serialize_tuple(self, len: usize) -> Result<Array<'a>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Array<'a>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Array<'a>> {
        Ok(self.variant(variant, b"[")?.array(b"]}"))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Object<'a>> {
        Ok(self.open(Kind::Object, 1, b"{")?.object(b"}"))
    }

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Object<'a>> {
        // `serde_json`'s raw values and arbitrary-precision numbers name themselves so.
        if name.starts_with("$serde_json") {
            return Err(GaveUp);
        }
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Object<'a>> {
        Ok(self.variant(variant, b"{")?.object(b"}}"))
    }
}

/// The elements of an array, then `close`.
struct Array<'a> {
    sink: &'a mut Sink,
    depth: usize,
    element: Expect,
    first: bool,
    close: &'static [u8],
}

impl Array<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        if !core::mem::take(&mut self.first) {
            self.sink.out.push(b',');
        }
        value.serialize(Writer {
            sink: self.sink,
            depth: self.depth,
            expect: self.element,
        })
    }

    fn close(self) -> Result<()> {
        self.sink.out.extend_from_slice(self.close);
        Ok(())
    }
}

macro_rules! array_impls {
    ($($trait:ident::$method:ident),*) => {$(
        impl $trait for Array<'_> {
            type Ok = ();
            type Error = GaveUp;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
                self.element(value)
            }

            fn end(self) -> Result<()> {
                self.close()
            }
        }
    )*};
}

array_impls!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The members of an object, then `close`.
struct Object<'a> {
    sink: &'a mut Sink,
    depth: usize,
    /// What the object itself was expected to be: the claims or any object.
    expect: Expect,
    /// Where its names start on the stack of names.
    first_name: usize,
    /// What the value of the member just named must be.
    pending: Expect,
    close: &'static [u8],
}

impl Object<'_> {
    /// Writes a member name with `write`; gives up if the object already has it.
    fn name(&mut self, write: impl FnOnce(Writer<'_>) -> Result<()>) -> Result<()> {
        if self.has_members() {
            self.sink.out.push(b',');
        }
        let start = self.sink.out.len() + 1;
        write(Writer {
            sink: self.sink,
            depth: self.depth,
            expect: Expect::Text,
        })?;
        let end = self.sink.out.len().saturating_sub(1);
        self.named(start, end)?;
        self.sink.out.push(b':');
        Ok(())
    }

    /// Writes the name of a struct field as [`name`](Self::name) does: a short plain one
    /// with the comma before it and the colon after it in one store (see PERF.md).
    fn field_name(&mut self, name: &'static str) -> Result<()> {
        let len = name.len();
        let Some(text) = short_plain(name.as_bytes()).filter(|_| len <= 12) else {
            return self.name(|writer| writer.text(name));
        };
        let comma = usize::from(self.has_members());
        // `"name":` (at most 15 bytes), after a comma unless it is the first member.
        let member = u128::from(b'"')
            | text << 8
            | u128::from(u16::from_le_bytes(*b"\":")) << (8 * (len + 1));
        let written = (member << (8 * comma)) | (u128::from(b',') * comma as u128);
        let start = self.sink.out.len() + comma + 1;
        push_low_bytes(&mut self.sink.out, written, comma + len + 3);
        self.named(start, start + len)
    }

    /// Whether a member has been written already.
    fn has_members(&self) -> bool {
        self.sink.open_names > self.first_name
    }

    /// Records the name just written at `start..end` (escaped, without its quotes); gives up
    /// if the object already has it.
    fn named(&mut self, start: usize, end: usize) -> Result<()> {
        let Sink {
            out,
            names,
            open_names,
        } = &mut *self.sink;
        let name = out.get(start..end).ok_or(GaveUp)?;
        let print = fingerprint(name);
        let (known, free) = names.split_at_mut(*open_names);
        let repeated = known
            .get(self.first_name..)
            .ok_or(GaveUp)?
            .iter()
            .any(|known| {
                known.print == print
                    && out.get(known.start as usize..known.end as usize) == Some(name)
            });
        let slot = free.first_mut().ok_or(GaveUp)?;
        if repeated {
            return Err(GaveUp);
        }
        let offset = |at: usize| u32::try_from(at).map_err(|_| GaveUp);
        *slot = Name {
            print,
            start: offset(start)?,
            end: offset(end)?,
        };
        *open_names += 1;
        self.pending = self.expect.member(name);
        Ok(())
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(Writer {
            sink: self.sink,
            depth: self.depth,
            expect: self.pending,
        })
    }

    fn field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<()> {
        self.field_name(name)?;
        self.value(value)
    }

    fn close(self) -> Result<()> {
        self.sink.open_names = self.first_name;
        self.sink.out.extend_from_slice(self.close);
        Ok(())
    }
}

impl SerializeMap for Object<'_> {
    type Ok = ();
    type Error = GaveUp;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.name(|writer| key.serialize(writer))
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.value(value)
    }

    fn end(self) -> Result<()> {
        self.close()
    }
}

macro_rules! struct_impls {
    ($($trait:ident),*) => {$(
        impl $trait for Object<'_> {
            type Ok = ();
            type Error = GaveUp;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                name: &'static str,
                value: &T,
            ) -> Result<()> {
                self.field(name, value)
            }

            fn end(self) -> Result<()> {
                self.close()
            }
        }
    )*};
}

struct_impls!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{Registered, ScannedClaims};
    use alloc::collections::BTreeMap;
    use alloc::string::String;
    use alloc::vec;
    use proptest::prelude::*;
    use serde_json::{Value, json};

    /// The claims' JSON, if written in one pass.
    fn to_json<C: Serialize + ?Sized>(claims: &C) -> Option<Vec<u8>> {
        let mut out = b"before".to_vec();
        let written = append_json(claims, &mut out);
        assert_eq!(out.get(..6), Some(&b"before"[..]));
        written.then(|| out.split_off(6))
    }

    /// What `encode` did before the one pass: `serde_json`, then a scan of its bytes.
    fn reference<C: Serialize + ?Sized>(claims: &C) -> Option<Vec<u8>> {
        let json = serde_json::to_vec(claims).ok()?;
        Registered::read(&ScannedClaims::scan(&json).ok()?).ok()?;
        Some(json)
    }

    /// Checks that `claims` are written in one pass, byte for byte as `serde_json` writes
    /// them.
    fn writes_as_serde_json<C: Serialize + ?Sized>(claims: &C) {
        let ours = to_json(claims).expect("written in one pass");
        assert_eq!(
            String::from_utf8(ours),
            String::from_utf8(serde_json::to_vec(claims).unwrap())
        );
    }

    /// Bytes, as `serde_json` serializes them: an array of numbers.
    struct Bytes(&'static [u8]);

    impl Serialize for Bytes {
        fn serialize<S: Serializer>(&self, serializer: S) -> core::result::Result<S::Ok, S::Error> {
            serializer.serialize_bytes(self.0)
        }
    }

    /// Members written in the given order, repeated names and all.
    struct Members(Vec<(&'static str, Value)>);

    impl Serialize for Members {
        fn serialize<S: Serializer>(&self, serializer: S) -> core::result::Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            for (name, value) in &self.0 {
                map.serialize_entry(name, value)?;
            }
            map.end()
        }
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Newtype(u8);

    #[derive(Serialize)]
    struct Pair(i8, &'static str);

    #[derive(Serialize)]
    enum Shape {
        Dot,
        Tagged(u32),
        Line(i16, i16),
        Box { w: u8, h: u8 },
    }

    #[derive(Serialize)]
    struct Everything {
        sub: &'static str,
        exp: u64,
        iat: f64,
        nbf: i32,
        iss: Option<&'static str>,
        aud: Vec<char>,
        jti: Shape,
        flag: bool,
        big: u128,
        small: i128,
        ratio: f32,
        nothing: Option<u8>,
        unit: (),
        unit_struct: Unit,
        newtype: Newtype,
        pair: Pair,
        shapes: [Shape; 4],
        bytes: Bytes,
        nested: BTreeMap<String, Vec<Value>>,
        text: String,
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let control: String = (0u8..0x20).map(char::from).collect();
        let claims = Everything {
            sub: "user \u{e9}\u{1f600}",
            exp: u64::MAX,
            iat: -0.0,
            nbf: i32::MIN,
            iss: Some("https://issuer.example"),
            aud: vec!['a', '"'],
            jti: Shape::Dot,
            flag: true,
            big: u128::MAX,
            small: i128::MIN,
            ratio: 0.1,
            nothing: None,
            unit: (),
            unit_struct: Unit,
            newtype: Newtype(7),
            pair: Pair(-1, "\\"),
            shapes: [
                Shape::Dot,
                Shape::Tagged(3),
                Shape::Line(-4, 5),
                Shape::Box { w: 1, h: 2 },
            ],
            bytes: Bytes(&[0, 127, 255]),
            nested: BTreeMap::from([
                (String::new(), vec![]),
                (
                    "\u{7f}\n".into(),
                    vec![json!({"x": [1.5e300, {}]}), json!(null)],
                ),
            ]),
            text: alloc::format!("{control}\u{7f}\"\\/ plain text longer than one word"),
        };
        writes_as_serde_json(&claims);
    }

    #[test]
    fn writes_field_names_of_every_length_and_escape_as_serde_json_does() {
        #[derive(Serialize)]
        struct Renamed {
            #[serde(rename = "twelve_bytes")]
            a: u8,
            #[serde(rename = "thirteen_byte")]
            b: u8,
            #[serde(rename = "fourteen_bytes")]
            c: u8,
            #[serde(rename = "a\"b")]
            d: u8,
            #[serde(rename = "tab\there")]
            e: u8,
            #[serde(rename = "")]
            f: u8,
            #[serde(rename = "\u{e9}t\u{e9}")]
            g: u8,
            #[serde(rename = "back\\slash")]
            h: u8,
            nested: Shape,
        }
        let claims = Renamed {
            a: 1,
            b: 2,
            c: 3,
            d: 4,
            e: 5,
            f: 6,
            g: 7,
            h: 8,
            nested: Shape::Box { w: 9, h: 10 },
        };
        writes_as_serde_json(&claims);
    }

    #[test]
    fn writes_strings_of_every_length_around_the_short_ones_as_serde_json_does() {
        for len in 0..40 {
            let plain: String = (0..len)
                .map(|i| char::from(b'a' + (i % 26) as u8))
                .collect();
            writes_as_serde_json(&BTreeMap::from([("x", plain.as_str())]));
            for at in 0..len {
                for escaped in ['"', '\\', '\n', '\u{1f}', '\u{e9}'] {
                    let mut text = plain.clone();
                    text.replace_range(at..=at, escaped.encode_utf8(&mut [0; 4]));
                    writes_as_serde_json(&BTreeMap::from([("x", text.as_str())]));
                }
            }
        }
    }

    #[test]
    fn field_names_given_twice_or_registered_claims_of_another_type_are_refused() {
        #[derive(Serialize)]
        struct Short {
            #[serde(rename = "x")]
            a: u8,
            #[serde(rename = "x")]
            b: u8,
        }
        #[derive(Serialize)]
        struct Long {
            #[serde(rename = "a_long_member_name")]
            a: u8,
            #[serde(rename = "a_long_member_name")]
            b: u8,
        }
        #[derive(Serialize)]
        struct Expiry {
            exp: &'static str,
        }
        assert_eq!(to_json(&Short { a: 1, b: 2 }), None);
        assert_eq!(reference(&Short { a: 1, b: 2 }), None);
        assert_eq!(to_json(&Long { a: 1, b: 2 }), None);
        assert_eq!(reference(&Long { a: 1, b: 2 }), None);
        assert_eq!(to_json(&Expiry { exp: "soon" }), None);
        assert_eq!(reference(&Expiry { exp: "soon" }), None);
    }

    #[test]
    fn gives_up_where_the_reference_refuses() {
        let deep = (0..MAX_DEPTH).fold(json!(1), |value, _| json!([value]));
        let refused = [
            json!([1]),
            json!("claims"),
            json!(null),
            json!({"exp": "tomorrow"}),
            json!({"exp": null}),
            json!({"nbf": true}),
            json!({"iat": [1]}),
            json!({"iss": 1}),
            json!({"sub": {"a": 1}}),
            json!({"jti": null}),
            json!({"aud": 5}),
            json!({"aud": ["a", 1]}),
            json!({"aud": [["a"]]}),
            json!({"aud": {"a": "b"}}),
            json!({"deep": deep}),
        ];
        for claims in refused {
            assert_eq!(to_json(&claims), None, "{claims}");
        }
        let repeated = [
            Members(vec![("exp", json!(1)), ("exp", json!(1))]),
            Members(vec![("a", json!(1)), ("b", json!(2)), ("a", json!(3))]),
            Members(vec![("x", json!([{"y": 1}])), ("z", json!(1))]),
        ];
        assert_eq!(to_json(&repeated[0]), None);
        assert_eq!(to_json(&repeated[1]), None);
        assert_eq!(to_json(&repeated[2]), reference(&repeated[2]));
        let nested = BTreeMap::from([("outer", Members(vec![("k", json!(1)), ("k", json!(2))]))]);
        assert_eq!(to_json(&nested), None);
        assert_eq!(reference(&nested), None);
    }

    #[test]
    fn gives_up_on_what_it_leaves_to_serde_json() {
        let keyed_by_numbers = BTreeMap::from([(1, "a")]);
        assert_eq!(to_json(&keyed_by_numbers), None);
        assert!(reference(&keyed_by_numbers).is_some());
        let many: serde_json::Map<String, Value> = (0..=MAX_NAMES)
            .map(|i| (alloc::format!("m{i}"), json!(i)))
            .collect();
        assert_eq!(to_json(&many), None);
        assert!(reference(&many).is_some());
        let fewer: serde_json::Map<String, Value> = many.into_iter().skip(1).collect();
        assert_eq!(to_json(&fewer), reference(&fewer));
        let mut nan = BTreeMap::from([("x", f64::NAN)]);
        assert_eq!(to_json(&nan), None);
        nan.insert("x", 1.0);
        assert_eq!(to_json(&nan), reference(&nan));
        assert_eq!(
            to_json(&Some(json!({"a": Shape::Dot}))),
            reference(&json!({"a": "Dot"}))
        );
        assert_eq!(to_json(&Shape::Box { w: 1, h: 1 }), None);
    }

    /// Claim names: the registered ones, so that types are checked, and a few others.
    fn name() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::sample::select(vec!["exp", "nbf", "iat", "iss", "sub", "aud", "jti"])
                .prop_map(String::from),
            "[a-c\"\\\\\u{0}-\u{1f}\u{e9}]{0,3}",
        ]
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("JSON numbers are finite", |n| n.is_finite())
                .prop_map(Value::from),
            "(\\PC|[\u{0}-\u{1f}\"\\\\\u{7f}]){0,12}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 64, 20, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                proptest::collection::btree_map(name(), inner, 0..20)
                    .prop_map(|members| Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn writes_exactly_what_the_reference_accepts(
            members in proptest::collection::btree_map(name(), value(), 0..20),
        ) {
            let claims: serde_json::Map<String, Value> = members.into_iter().collect();
            let ours = to_json(&claims);
            let theirs = reference(&claims);
            if ours.is_some() {
                prop_assert_eq!(&ours, &theirs);
            }
            /// The most member names open at once while `value` is written.
            fn peak_names(value: &Value) -> usize {
                match value {
                    Value::Array(items) => items.iter().map(peak_names).max().unwrap_or(0),
                    Value::Object(members) => members
                        .values()
                        .enumerate()
                        .map(|(i, member)| i + 1 + peak_names(member))
                        .chain([members.len()])
                        .max()
                        .unwrap_or(0),
                    _ => 0,
                }
            }
            let whole = Value::Object(claims);
            if theirs.is_some() && peak_names(&whole) <= MAX_NAMES {
                prop_assert!(ours.is_some(), "gave up on {}", whole);
            }
        }
    }
}
