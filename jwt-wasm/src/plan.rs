//! Verified claims as a plan that JavaScript builds their object from (`js/exchange.js`),
//! instead of decoding their JSON text and parsing it again with `JSON.parse`.
//!
//! The plan is the claims type jwt-core deserializes a verified token's claims into, so it is
//! made in the one pass that also checks them: one record per value and member name, in
//! document order, and every string and name in one text, which JavaScript decodes with one
//! call and cuts into its strings. Member names are numbered so that JavaScript keeps each
//! one's string: claims repeat the same names token after token.
//!
//! A record is 16 bytes, two little-endian 64-bit words (so that a number's f64 is aligned):
//! the low half of the first is the [`Kind`], its high half the first field; the second word
//! holds two more fields, low half first, or a number's f64. Positions and lengths in the text
//! count UTF-16 code units, as JavaScript's strings do.
//!
//! ```text
//! name     Name    id (u32::MAX: not numbered)   start | len
//! string   String  0                             start | len
//! number   Number  0                             f64
//! literal  True, False, Null
//! array    Array   count, then its count values
//! object   Object  count, then count names, each followed by its value
//! ```

use std::cell::RefCell;
use std::fmt;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// What a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub(crate) enum Kind {
    Name = 1,
    String = 2,
    Number = 3,
    True = 4,
    False = 5,
    Null = 6,
    Array = 7,
    Object = 8,
}

/// The claims type jwt-core deserializes into: the plan itself is left in [`SINK`], whose room
/// is reused from call to call.
pub(crate) struct Plan;

thread_local! {
    /// The plan of the last claims deserialized.
    pub(crate) static SINK: RefCell<Sink> = RefCell::new(Sink::default());
}

/// A plan's records and text, and the member names numbered so far.
#[derive(Default)]
pub(crate) struct Sink {
    records: Vec<[u64; 2]>,
    /// Every string and member name, one after another, as UTF-8.
    text: Vec<u8>,
    /// The text's length in UTF-16 code units.
    units: u32,
    /// Whether the text is all ASCII (so that it is as many code units as bytes).
    non_ascii: bool,
    names: Names,
}

impl Sink {
    /// Where the plan is, for JavaScript: the address of the records, of the text and the
    /// text's length in bytes, and 1 if the text is ASCII (0 if not), as four little-endian
    /// words.
    pub(crate) fn location(&self) -> [u8; 16] {
        let words = [
            address(self.records.as_ptr().addr()),
            address(self.text.as_ptr().addr()),
            address(self.text.len()),
            u32::from(!self.non_ascii),
        ];
        let mut out = [0; 16];
        for (out, word) in out.chunks_exact_mut(4).zip(words) {
            out.copy_from_slice(&word.to_le_bytes());
        }
        out
    }

    fn clear(&mut self) {
        self.records.clear();
        self.text.clear();
        self.units = 0;
        self.non_ascii = false;
    }

    fn push(&mut self, kind: Kind, first: u32, second: u64) {
        self.records
            .push([u64::from(kind as u32) | u64::from(first) << 32, second]);
    }

    /// Appends `text`; its start and length in code units, as a record's second word.
    fn text(&mut self, text: &str) -> u64 {
        let len = if text.is_ascii() {
            address(text.len())
        } else {
            self.non_ascii = true;
            address(text.encode_utf16().count())
        };
        let start = self.units;
        self.text.extend_from_slice(text.as_bytes());
        self.units = start.saturating_add(len);
        u64::from(start) | u64::from(len) << 32
    }

    fn name(&mut self, name: &str) {
        let id = self.names.id(name);
        let span = self.text(name);
        self.push(Kind::Name, id, span);
    }

    fn string(&mut self, string: &str) {
        let span = self.text(string);
        self.push(Kind::String, 0, span);
    }

    fn number(&mut self, number: f64) {
        self.push(Kind::Number, 0, number.to_bits());
    }

    /// Opens an array or object; the index of its record, for [`close`](Self::close).
    fn open(&mut self, kind: Kind) -> usize {
        self.push(kind, 0, 0);
        self.records.len() - 1
    }

    /// Sets the count of the array or object whose record is at `at`.
    fn close(&mut self, at: usize, count: u32) {
        if let Some(record) = self.records.get_mut(at) {
            record[0] |= u64::from(count) << 32;
        }
    }
}

/// A length or address within the module's memory, which is under 4 GiB.
fn address(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// How many member names are numbered; later ones are cut from the text every time.
const MAX_NAMES: u32 = 1024;

/// Slots in the table of numbered names.
const SLOTS: usize = 256;

/// Member names by number, in a direct-mapped table: a name is found in the slot of its hash,
/// or numbered anew there (pushing out the name it held). JavaScript learns a number from a
/// record that also spans the name, so a name numbered twice only costs a second cut.
#[derive(Default)]
struct Names {
    slots: Vec<Option<(Box<str>, u32)>>,
    next: u32,
}

impl Names {
    /// The number of `name`; `u32::MAX` once [`MAX_NAMES`] are numbered.
    fn id(&mut self, name: &str) -> u32 {
        if self.slots.is_empty() {
            self.slots.resize(SLOTS, None);
        }
        let bytes = name.as_bytes();
        let byte = |at: Option<&u8>| at.map_or(0, |&byte| usize::from(byte));
        let hash = bytes.len()
            ^ byte(bytes.first()) << 3
            ^ byte(bytes.get(1)) << 1
            ^ byte(bytes.last()) << 5;
        let Some(slot) = self.slots.get_mut(hash % SLOTS) else {
            return u32::MAX;
        };
        match slot {
            Some((known, id)) if **known == *name => *id,
            _ if self.next < MAX_NAMES => {
                let id = self.next;
                self.next += 1;
                *slot = Some((name.into(), id));
                id
            }
            _ => u32::MAX,
        }
    }
}

impl<'de> Deserialize<'de> for Plan {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut sink = SINK.take();
        sink.clear();
        let read = Record::value(&mut sink).deserialize(deserializer);
        SINK.set(sink);
        read.map(|()| Plan)
    }
}

/// Records the next value, or the next member name, into the sink.
struct Record<'s> {
    sink: &'s mut Sink,
    /// Whether a member name comes next (a string), rather than a value.
    name: bool,
}

impl<'s> Record<'s> {
    fn value(sink: &'s mut Sink) -> Self {
        Self { sink, name: false }
    }

    fn name(sink: &'s mut Sink) -> Self {
        Self { sink, name: true }
    }
}

impl<'de> DeserializeSeed<'de> for Record<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        if self.name {
            deserializer.deserialize_str(self)
        } else {
            deserializer.deserialize_any(self)
        }
    }
}

impl<'de> Visitor<'de> for Record<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.name {
            "a member name"
        } else {
            "a JSON value"
        })
    }

    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.sink
            .push(if v { Kind::True } else { Kind::False }, 0, 0);
        Ok(())
    }

    #[allow(clippy::cast_precision_loss, reason = "the f64 JSON.parse reads")]
    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.sink.number(v as f64);
        Ok(())
    }

    #[allow(clippy::cast_precision_loss, reason = "the f64 JSON.parse reads")]
    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.sink.number(v as f64);
        Ok(())
    }

    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        self.sink.number(v);
        Ok(())
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        if self.name {
            self.sink.name(v);
        } else {
            self.sink.string(v);
        }
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.sink.push(Kind::Null, 0, 0);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let at = self.sink.open(Kind::Array);
        let mut count = 0;
        while seq.next_element_seed(Record::value(self.sink))?.is_some() {
            count += 1;
        }
        self.sink.close(at, count);
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let at = self.sink.open(Kind::Object);
        let mut count = 0;
        while map.next_key_seed(Record::name(self.sink))?.is_some() {
            map.next_value_seed(Record::value(self.sink))?;
            count += 1;
        }
        self.sink.close(at, count);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Map, Value as Json, json};

    /// The plan of `payload` read back as `js/exchange.js` reads it, into a JSON value.
    fn rebuilt(payload: &str) -> Json {
        let Plan = serde_json::from_str(payload).unwrap();
        SINK.with_borrow(|sink| {
            let text: Vec<u16> = String::from_utf8(sink.text.clone())
                .unwrap()
                .encode_utf16()
                .collect();
            assert_eq!(sink.non_ascii, text.len() != sink.text.len());
            let mut records = sink.records.iter();
            read(&mut records, &text)
        })
    }

    fn kind(record: &[u64; 2]) -> Kind {
        match record[0] as u32 {
            1 => Kind::Name,
            2 => Kind::String,
            3 => Kind::Number,
            4 => Kind::True,
            5 => Kind::False,
            6 => Kind::Null,
            7 => Kind::Array,
            8 => Kind::Object,
            other => panic!("kind {other}"),
        }
    }

    fn span(record: &[u64; 2], text: &[u16]) -> String {
        let start = record[1] as u32 as usize;
        let len = (record[1] >> 32) as usize;
        String::from_utf16(&text[start..start + len]).unwrap()
    }

    fn read(records: &mut std::slice::Iter<'_, [u64; 2]>, text: &[u16]) -> Json {
        let record = records.next().unwrap();
        let count = (record[0] >> 32) as u32;
        match kind(record) {
            Kind::String => Json::String(span(record, text)),
            Kind::Number => json!(f64::from_bits(record[1])),
            Kind::True => Json::Bool(true),
            Kind::False => Json::Bool(false),
            Kind::Null => Json::Null,
            Kind::Array => Json::Array((0..count).map(|_| read(records, text)).collect()),
            Kind::Object => {
                let mut object = Map::new();
                for _ in 0..count {
                    let name = records.next().unwrap();
                    assert_eq!(kind(name), Kind::Name);
                    object.insert(span(name, text), read(records, text));
                }
                Json::Object(object)
            }
            Kind::Name => panic!("a name where a value belongs"),
        }
    }

    /// `value` with every number as the f64 `JSON.parse` makes of it.
    fn as_floats(value: Json) -> Json {
        match value {
            Json::Number(n) => json!(n.as_f64().unwrap()),
            Json::Array(items) => Json::Array(items.into_iter().map(as_floats).collect()),
            Json::Object(members) => Json::Object(
                members
                    .into_iter()
                    .map(|(name, value)| (name, as_floats(value)))
                    .collect(),
            ),
            other => other,
        }
    }

    #[test]
    fn plans_read_back_to_the_json_they_were_made_from() {
        for payload in [
            r#"{}"#,
            r#"{"sub":"u1","exp":1700000000,"aud":["a","b"],"admin":true,"x":null}"#,
            r#"{"n":-0,"big":12345678901234567890,"f":1.5e-7,"neg":-42,"e":1E3}"#,
            r#"{"nested":{"a":[1,{"b":[]}],"c":{}},"empty":[],"f":false}"#,
            r#"{"esc":"a\"b\\c\/d\n\u0000","name":"José 😀","😀":"é"}"#,
            r#"{ "spaced" : [ 1 , 2 ] , "x" : "y" }"#,
            r#"{"__proto__":{"a":1},"constructor":"c","10":1,"2":2}"#,
        ] {
            let expected = as_floats(serde_json::from_str(payload).unwrap());
            assert_eq!(rebuilt(payload), expected, "{payload}");
        }
    }

    #[test]
    fn numbers_are_the_f64_of_their_text() {
        let Plan = serde_json::from_str(r#"{"a":-0,"b":9007199254740993,"c":0.1}"#).unwrap();
        let numbers: Vec<u64> = SINK.with_borrow(|sink| {
            sink.records
                .iter()
                .filter(|record| record[0] as u32 == Kind::Number as u32)
                .map(|record| record[1])
                .collect()
        });
        assert_eq!(
            numbers,
            [
                (-0.0f64).to_bits(),
                9_007_199_254_740_992f64.to_bits(),
                0.1f64.to_bits()
            ]
        );
    }

    #[test]
    fn spans_count_utf16_code_units() {
        let Plan = serde_json::from_str(r#"{"😀":"aé😀b","k":"v"}"#).unwrap();
        let spans: Vec<(u32, u32)> = SINK.with_borrow(|sink| {
            assert!(sink.non_ascii);
            sink.records
                .iter()
                .filter(|record| matches!(record[0] as u32, 1 | 2))
                .map(|record| (record[1] as u32, (record[1] >> 32) as u32))
                .collect()
        });
        // 😀 is two code units, é one.
        assert_eq!(spans, [(0, 2), (2, 5), (7, 1), (8, 1)]);
    }

    #[test]
    fn names_keep_their_numbers_and_stop_being_numbered_past_the_limit() {
        let mut names = Names::default();
        let sub = names.id("sub");
        let exp = names.id("exp");
        assert_ne!(sub, exp);
        assert_eq!(names.id("sub"), sub);
        assert_eq!(names.id("exp"), exp);
        let ids: Vec<u32> = (0..2 * MAX_NAMES)
            .map(|i| names.id(&format!("n{i}")))
            .collect();
        assert!(ids.iter().filter(|&&id| id != u32::MAX).count() <= MAX_NAMES as usize);
        assert_eq!(names.id(&format!("n{}", 2 * MAX_NAMES)), u32::MAX);
        // A number is never given twice.
        let mut numbered: Vec<u32> = ids.into_iter().filter(|&id| id != u32::MAX).collect();
        numbered.sort_unstable();
        numbered.dedup();
        assert_eq!(numbered.len() as u32, names.next - 2);
    }
}
