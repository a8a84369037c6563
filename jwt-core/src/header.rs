//! The JOSE header (RFC 7515 section 4): what a signer may set, and what a verifier reads.
//!
//! `alg` is not a field of [`Header`]: signing takes it from the [`SigningKey`]
//! (crate::SigningKey), and verification reports it beside the header.

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde::de::{DeserializeSeed, Deserializer};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::json::{Duplicate, Members, StrictValue, Text};

use crate::alg::{Algorithm, AlgorithmSet};
use crate::b64;
use crate::error::{AlgorithmProblem, CriticalProblem, Error, Malformed, Result, Segment};

/// Header parameters defined by RFC 7515 section 4.1, which `crit` must never name.
const REGISTERED: [&str; 11] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
];

/// Members a caller may not set through [`Header::with_extra`]: those this type manages, and
/// the extensions this library does not implement.
const RESERVED: [&str; 6] = ["alg", "typ", "kid", "cty", "crit", "b64"];

/// A token's header, less `alg`.
///
/// Built by signers (`typ` defaults to `"JWT"`), returned by verification.
///
/// ```
/// use jwt_core::Header;
/// use serde_json::json;
///
/// let header = Header::new().with_kid("2024-06").with_extra("x-tenant", json!("acme"))?;
/// assert_eq!(header.typ(), Some("JWT"));
/// assert_eq!(header.kid(), Some("2024-06"));
/// assert_eq!(header.extra("x-tenant"), Some(&json!("acme")));
/// assert!(Header::new().with_extra("alg", json!("none")).is_err());
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    typ: Option<Cow<'static, str>>,
    kid: Option<String>,
    /// Whatever else the header holds; `None` if nothing (never an empty box), which keeps
    /// the header of most tokens small to move and free to drop.
    uncommon: Option<Box<Uncommon>>,
}

/// The members most headers lack.
#[derive(Debug, Clone, PartialEq, Default)]
struct Uncommon {
    cty: Option<String>,
    critical: Vec<String>,
    extra: Map<String, Value>,
}

impl Uncommon {
    /// These members, boxed, or `None` if there are none.
    fn boxed(self) -> Option<Box<Self>> {
        let empty = self.cty.is_none() && self.critical.is_empty() && self.extra.is_empty();
        (!empty).then(|| Box::new(self))
    }
}

impl Default for Header {
    fn default() -> Self {
        Self::new()
    }
}

impl Header {
    /// A header with `typ` set to `"JWT"` and nothing else.
    pub fn new() -> Self {
        Self {
            typ: Some(Cow::Borrowed("JWT")),
            kid: None,
            uncommon: None,
        }
    }

    /// The uncommon members, boxed on first use.
    fn uncommon_mut(&mut self) -> &mut Uncommon {
        self.uncommon.get_or_insert_default()
    }

    /// Sets the key id `kid`.
    #[must_use]
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// Sets `typ` (for example `"at+jwt"`, RFC 9068).
    #[must_use]
    pub fn with_typ(mut self, typ: impl Into<String>) -> Self {
        self.typ = Some(Cow::Owned(typ.into()));
        self
    }

    /// Leaves `typ` out.
    #[must_use]
    pub fn without_typ(mut self) -> Self {
        self.typ = None;
        self
    }

    /// Sets the content type `cty`.
    #[must_use]
    pub fn with_content_type(mut self, cty: impl Into<String>) -> Self {
        self.uncommon_mut().cty = Some(cty.into());
        self
    }

    /// Adds a custom member. Names this type manages (`alg`, `typ`, `kid`, `cty`, `crit`) and
    /// unimplemented extensions (`b64`) are refused with [`Error::InvalidHeader`].
    pub fn with_extra(mut self, name: impl Into<String>, value: Value) -> Result<Self> {
        let name = name.into();
        if RESERVED.contains(&name.as_str()) {
            return Err(Error::InvalidHeader(alloc::format!(
                "{name:?} cannot be set as a custom header member"
            )));
        }
        self.uncommon_mut().extra.insert(name, value);
        Ok(self)
    }

    /// The type `typ`, if present.
    pub fn typ(&self) -> Option<&str> {
        self.typ.as_deref()
    }

    /// The key id `kid`, if present. In a token that has not been verified yet it is
    /// attacker-chosen: use it only to look a key up, as an opaque string.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The content type `cty`, if present.
    pub fn content_type(&self) -> Option<&str> {
        self.uncommon.as_ref()?.cty.as_deref()
    }

    /// The extensions listed in `crit` (only ever ones the verifier accepted).
    pub fn critical(&self) -> &[String] {
        self.uncommon
            .as_ref()
            .map_or(&[], |uncommon| &uncommon.critical)
    }

    /// The member `name` if it is not one of those above (`jku`, `x5c`, custom ones...).
    /// None of them is ever acted on.
    ///
    /// ```
    /// let (_, header) = jwt_core::decode_header("eyJhbGciOiJIUzI1NiIsIngiOjF9.e30.AA")?;
    /// assert_eq!(header.extra("x"), Some(&serde_json::json!(1)));
    /// assert_eq!(header.extra("alg"), None);
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn extra(&self, name: &str) -> Option<&Value> {
        self.uncommon.as_ref()?.extra.get(name)
    }

    /// Every member not among those above, in name order, as [`extra`](Self::extra) reads
    /// them one by one.
    ///
    /// ```
    /// use jwt_core::Header;
    /// use serde_json::json;
    /// let header = Header::new().with_extra("b", json!(2))?.with_extra("a", json!(1))?;
    /// let names: Vec<&str> = header.extras().map(|(name, _)| name).collect();
    /// assert_eq!(names, ["a", "b"]);
    /// assert_eq!(Header::new().extras().count(), 0);
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn extras(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.uncommon
            .iter()
            .flat_map(|uncommon| &uncommon.extra)
            .map(|(name, value)| (name.as_str(), value))
    }

    /// The common header this is, as jwt-core writes it, if it is one.
    fn common(&self) -> Option<Common> {
        if self.kid.is_some() || self.uncommon.is_some() {
            return None;
        }
        match self.typ.as_deref() {
            None => Some(Common::Bare),
            Some("JWT") => Some(Common::Typed),
            Some(_) => None,
        }
    }

    /// The header's token segment: the base64url of [`to_json`](Self::to_json).
    pub(crate) fn to_segment(&self, algorithm: Algorithm) -> Result<Cow<'static, [u8]>> {
        match self.common() {
            Some(shape) => Ok(Cow::Borrowed(shape.of(algorithm).1)),
            None => Ok(Cow::Owned(b64::segment_text(&self.to_json(algorithm)?))),
        }
    }

    /// The header's JSON with `alg` first.
    pub(crate) fn to_json(&self, algorithm: Algorithm) -> Result<Cow<'static, [u8]>> {
        if let Some(shape) = self.common() {
            return Ok(Cow::Borrowed(shape.of(algorithm).0));
        }
        serde_json::to_vec(&Serialized {
            algorithm,
            header: self,
        })
        .map(Cow::Owned)
        .map_err(|err| Error::InvalidHeader(err.to_string()))
    }
}

/// The headers of most tokens, which carry nothing but `alg` and perhaps `"typ":"JWT"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Common {
    /// `{"alg":"…"}`.
    Bare,
    /// `{"alg":"…","typ":"JWT"}`, as jwt-core, PyJWT and node-jsonwebtoken write it.
    Typed,
    /// `{"typ":"JWT","alg":"…"}`, as Rust's jsonwebtoken writes it.
    TypFirst,
}

impl Common {
    const ALL: [Self; 3] = [Self::Typed, Self::Bare, Self::TypFirst];

    /// This header for `algorithm`: its JSON and its base64url segment, both written once at
    /// compile time.
    fn of(self, algorithm: Algorithm) -> (&'static [u8], &'static [u8]) {
        macro_rules! both {
            ($($json:expr),*) => {{
                const JSON: &[u8] = concat!($($json),*).as_bytes();
                static SEGMENT: [u8; b64::encoded_len(JSON.len())] = b64::encode_const(JSON);
                (JSON, &SEGMENT)
            }};
        }
        macro_rules! headers {
            ($($alg:ident),*) => {
                match (algorithm, self) {
                    $(
                        (Algorithm::$alg, Self::Bare) => {
                            both!(r#"{"alg":""#, stringify!($alg), r#""}"#)
                        }
                        (Algorithm::$alg, Self::Typed) => {
                            both!(r#"{"alg":""#, stringify!($alg), r#"","typ":"JWT"}"#)
                        }
                        (Algorithm::$alg, Self::TypFirst) => {
                            both!(r#"{"typ":"JWT","alg":""#, stringify!($alg), r#""}"#)
                        }
                    )*
                }
            };
        }
        headers!(HS256, HS384, HS512, RS256, RS384, RS512, EdDSA)
    }
}

/// A common header found at the start of a token: small enough to move freely until the
/// header it stands for is needed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CommonPrefix {
    algorithm: Algorithm,
    shape: Common,
    /// The length of the header segment, before its dot.
    len: usize,
}

impl CommonPrefix {
    /// The header's algorithm.
    pub(crate) fn algorithm(self) -> Algorithm {
        self.algorithm
    }

    /// The length of the header segment, before its dot.
    pub(crate) fn len(self) -> usize {
        self.len
    }

    /// The header, as [`ParsedHeader::parse`] reads it.
    pub(crate) fn parsed(self) -> ParsedHeader {
        ParsedHeader {
            algorithm: self.algorithm,
            header: Header {
                typ: (self.shape != Common::Bare).then_some(Cow::Borrowed("JWT")),
                kid: None,
                uncommon: None,
            },
            critical: None,
        }
    }
}

struct Serialized<'a> {
    algorithm: Algorithm,
    header: &'a Header,
}

impl Serialize for Serialized<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("alg", self.algorithm.name())?;
        if let Some(typ) = &self.header.typ {
            map.serialize_entry("typ", typ)?;
        }
        if let Some(kid) = &self.header.kid {
            map.serialize_entry("kid", kid)?;
        }
        if let Some(cty) = self.header.content_type() {
            map.serialize_entry("cty", cty)?;
        }
        for (name, value) in self.header.extras() {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// A header read from a token: its algorithm, its members, and its `crit` list, not yet
/// checked against any policy.
#[derive(Debug)]
pub(crate) struct ParsedHeader {
    pub(crate) algorithm: Algorithm,
    pub(crate) header: Header,
    /// `crit` as read, until [`check_critical`](Self::check_critical) judges it.
    critical: Option<Box<Value>>,
}

impl ParsedHeader {
    /// Parses the decoded header segment: strict JSON, registered members of the right type,
    /// then a usable `alg`.
    pub(crate) fn parse(bytes: &[u8]) -> Result<Self> {
        let mut members = HeaderMembers::default();
        crate::json::scan_object(bytes, Segment::Header, &mut members)?;
        let alg = Field::string(members.alg, "alg")?;
        let typ = Field::string(members.typ, "typ")?;
        let kid = Field::string(members.kid, "kid")?;
        let cty = Field::string(members.cty, "cty")?;
        let algorithm = alg
            .ok_or(Error::InvalidAlgorithm(AlgorithmProblem::Missing))?
            .parse()?;
        Ok(Self {
            algorithm,
            header: Header {
                typ: typ.map(|typ| Cow::Owned(typ.into_owned())),
                kid: kid.map(Cow::into_owned),
                uncommon: Uncommon {
                    cty: cty.map(Cow::into_owned),
                    critical: Vec::new(),
                    extra: members.extra,
                }
                .boxed(),
            },
            critical: members.critical.map(Box::new),
        })
    }

    /// The header of most tokens, recognised by its exact segment (a [`Common`] header of a
    /// supported algorithm) at the start of `token` and followed by a dot, neither decoded
    /// nor parsed. `None` for any other token, whose header is decoded and read by
    /// [`parse`](Self::parse). What it stands for is what that would return.
    pub(crate) fn from_common_prefix(token: &[u8]) -> Option<CommonPrefix> {
        for shape in Common::ALL {
            for algorithm in Algorithm::ALL {
                let segment = shape.of(algorithm).1;
                let len = segment.len();
                // The dot first: it rules out every shape of another length at once.
                if token.get(len) == Some(&b'.') && token.get(..len) == Some(segment) {
                    return Some(CommonPrefix {
                        algorithm,
                        shape,
                        len,
                    });
                }
            }
        }
        None
    }

    /// Refuses an algorithm outside `allowed`.
    pub(crate) fn check_algorithm(&self, allowed: AlgorithmSet) -> Result<()> {
        if allowed.contains(self.algorithm) {
            Ok(())
        } else {
            Err(Error::InvalidAlgorithm(AlgorithmProblem::NotAllowed(
                self.algorithm,
            )))
        }
    }

    /// Applies RFC 7515 section 4.1.11 to `crit`, accepting only the extensions in `understood`,
    /// and refuses the unencoded-payload extension (RFC 7797) in any form but the default.
    pub(crate) fn check_critical(&mut self, understood: &[String]) -> Result<()> {
        if let Some(b64) = self.header.extra("b64")
            && *b64 != Value::Bool(true)
        {
            return Err(Error::UnsupportedCriticalHeader(
                CriticalProblem::UnencodedPayload,
            ));
        }
        let Some(critical) = self.critical.take() else {
            return Ok(());
        };
        let names = match *critical {
            Value::Array(items) if !items.is_empty() => items,
            _ => return Err(Error::UnsupportedCriticalHeader(CriticalProblem::Malformed)),
        };
        let mut accepted = Vec::with_capacity(names.len());
        for name in names {
            let Value::String(name) = name else {
                return Err(Error::UnsupportedCriticalHeader(CriticalProblem::Malformed));
            };
            let problem = if REGISTERED.contains(&name.as_str()) {
                Some(CriticalProblem::Registered(name.clone()))
            } else if self.header.extra(&name).is_none() {
                Some(CriticalProblem::Absent(name.clone()))
            } else if !understood.contains(&name) {
                Some(CriticalProblem::Unsupported(name.clone()))
            } else {
                None
            };
            if let Some(problem) = problem {
                return Err(Error::UnsupportedCriticalHeader(problem));
            }
            accepted.push(name);
        }
        // Every accepted name is an extra member, so the uncommon members are there already.
        self.header.uncommon_mut().critical = accepted;
        Ok(())
    }
}

/// A registered header parameter as read: a string, or a value of another type.
enum Field<'de> {
    Text(Cow<'de, str>),
    Other,
}

impl<'de> Field<'de> {
    /// The string value of the parameter `name`, if present; an error if it is not a string.
    fn string(field: Option<Self>, name: &'static str) -> Result<Option<Cow<'de, str>>> {
        match field {
            None => Ok(None),
            Some(Field::Text(text)) => Ok(Some(text)),
            Some(Field::Other) => Err(Malformed::HeaderParameterType(name).into()),
        }
    }
}

/// The members of a header, read in one pass: the registered string parameters borrowed
/// where possible, `crit` and the other members as values.
#[derive(Default)]
struct HeaderMembers<'de> {
    alg: Option<Field<'de>>,
    typ: Option<Field<'de>>,
    kid: Option<Field<'de>>,
    cty: Option<Field<'de>>,
    critical: Option<Value>,
    extra: Map<String, Value>,
}

impl<'de> Members<'de> for HeaderMembers<'de> {
    fn member<D: Deserializer<'de>>(
        &mut self,
        name: &Cow<'de, str>,
        value: D,
        duplicate: &Duplicate,
    ) -> core::result::Result<bool, D::Error> {
        let slot = match name.as_ref() {
            "alg" => &mut self.alg,
            "typ" => &mut self.typ,
            "kid" => &mut self.kid,
            "cty" => &mut self.cty,
            other => {
                let value = StrictValue { duplicate }.deserialize(value)?;
                let null = value.is_null();
                if other == "crit" {
                    self.critical = Some(value);
                } else {
                    self.extra.insert(other.into(), value);
                }
                return Ok(null);
            }
        };
        let (text, null) = Text(duplicate).deserialize(value)?;
        *slot = Some(text.map_or(Field::Other, Field::Text));
        Ok(null)
    }
}

/// Whether a token's `typ` matches the required one: case-insensitive, with the
/// `application/` prefix optional on both sides (RFC 7515 section 4.1.9).
pub(crate) fn typ_matches(found: &str, required: &str) -> bool {
    fn media_type(value: &str) -> &str {
        match value.get(..12) {
            Some(prefix) if prefix.eq_ignore_ascii_case("application/") => {
                value.get(12..).unwrap_or_default()
            }
            _ => value,
        }
    }
    media_type(found).eq_ignore_ascii_case(media_type(required))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use serde_json::json;

    fn parse(json: &str) -> Result<ParsedHeader> {
        ParsedHeader::parse(json.as_bytes())
    }

    fn critical_error(json: &str, understood: &[&str]) -> Result<Vec<String>> {
        let understood: Vec<String> = understood.iter().map(|s| s.to_string()).collect();
        let mut parsed = parse(json)?;
        parsed.check_critical(&understood)?;
        Ok(parsed.header.critical().to_vec())
    }

    #[test]
    fn serializes_alg_first_and_in_a_fixed_order() {
        let header = Header::new()
            .with_kid("k1")
            .with_extra("zz", json!(1))
            .unwrap();
        let json = header.to_json(Algorithm::HS256).unwrap();
        assert_eq!(
            &json[..],
            br#"{"alg":"HS256","typ":"JWT","kid":"k1","zz":1}"#
        );
        let bare = Header::new()
            .without_typ()
            .to_json(Algorithm::EdDSA)
            .unwrap();
        assert_eq!(&bare[..], br#"{"alg":"EdDSA"}"#);
    }

    #[test]
    fn common_headers_are_written_as_the_serializer_writes_them() {
        for algorithm in Algorithm::ALL {
            for header in [Header::new(), Header::new().without_typ()] {
                let written = header.to_json(algorithm).unwrap();
                let serialized = serde_json::to_vec(&Serialized {
                    algorithm,
                    header: &header,
                })
                .unwrap();
                assert_eq!(written, serialized);
                let segment = header.to_segment(algorithm).unwrap();
                assert_eq!(segment, b64::encode(&serialized).as_bytes());
            }
        }
    }

    #[test]
    fn parses_what_it_serializes() {
        let header = Header::new()
            .with_kid("k")
            .with_content_type("JWT")
            .with_extra("x", json!([1]))
            .unwrap();
        let parsed = ParsedHeader::parse(&header.to_json(Algorithm::RS512).unwrap()).unwrap();
        assert_eq!(parsed.algorithm, Algorithm::RS512);
        assert_eq!(parsed.header, header);
    }

    #[test]
    fn common_segments_read_as_decoding_and_parsing_them_reads_them() {
        let mut found = 0;
        for algorithm in Algorithm::ALL {
            let name = algorithm.name();
            for json in [
                alloc::format!(r#"{{"alg":"{name}","typ":"JWT"}}"#),
                alloc::format!(r#"{{"typ":"JWT","alg":"{name}"}}"#),
                alloc::format!(r#"{{"alg":"{name}"}}"#),
            ] {
                let token = b64::encode(json.as_bytes()) + ".e30.";
                let prefix = ParsedHeader::from_common_prefix(token.as_bytes()).expect(&json);
                assert_eq!(prefix.len(), token.len() - 5);
                assert_eq!(prefix.algorithm(), algorithm);
                let common = prefix.parsed();
                let parsed = parse(&json).unwrap();
                assert_eq!(common.algorithm, parsed.algorithm);
                assert_eq!(common.header, parsed.header);
                assert_eq!(common.critical, parsed.critical);
                assert_eq!(common.header.typ().is_some(), json.contains("typ"));
                found += 1;
            }
        }
        assert_eq!(found, 3 * Algorithm::ALL.len());
        for other in [
            r#"{"alg":"none","typ":"JWT"}"#,
            r#"{"alg":"HS256","typ":"jwt"}"#,
            r#"{"alg":"HS256", "typ":"JWT"}"#,
            r#"{"alg":"HS256","typ":"JWT" }"#,
            r#"{"alg":"hs256"}"#,
            r#"{"alg":"HS256","kid":"k"}"#,
            r#"{"typ":"JWT","alg":"HS256","typ":"JWT"}"#,
            r#"{"alg":"HS256","alg":"HS256"}"#,
        ] {
            let token = b64::encode(other.as_bytes()) + ".e30.";
            assert!(
                ParsedHeader::from_common_prefix(token.as_bytes()).is_none(),
                "{other}"
            );
        }
        let segment = b64::encode(br#"{"alg":"HS256"}"#);
        // Cut short, run on without a dot, or the whole token.
        for token in [&segment[1..], &(segment.clone() + "e30."), &segment] {
            assert!(ParsedHeader::from_common_prefix(token.as_bytes()).is_none());
        }
        assert!(ParsedHeader::from_common_prefix((segment + ".").as_bytes()).is_some());
    }

    #[test]
    fn alg_problems() {
        assert_eq!(
            parse("{}").err(),
            Some(Error::InvalidAlgorithm(AlgorithmProblem::Missing))
        );
        assert_eq!(
            parse(r#"{"alg":"none"}"#).err(),
            Some(Error::InvalidAlgorithm(AlgorithmProblem::None))
        );
        assert_eq!(
            parse(r#"{"alg":1}"#).err(),
            Some(Error::MalformedToken(Malformed::HeaderParameterType("alg")))
        );
        let parsed = parse(r#"{"alg":"HS256"}"#).unwrap();
        let err = parsed
            .check_algorithm(AlgorithmSet::new(Algorithm::RS256))
            .unwrap_err();
        assert_eq!(
            err,
            Error::InvalidAlgorithm(AlgorithmProblem::NotAllowed(Algorithm::HS256))
        );
    }

    #[test]
    fn wrong_member_types_are_malformed_before_alg_is_judged() {
        for name in ["typ", "kid", "cty"] {
            let json = alloc::format!(r#"{{"alg":"none","{name}":7}}"#);
            assert_eq!(
                parse(&json).err(),
                Some(Error::MalformedToken(Malformed::HeaderParameterType(name)))
            );
        }
    }

    #[test]
    fn critical_rules() {
        fn unsupported(json: &str, understood: &[&str]) -> Error {
            critical_error(json, understood).unwrap_err()
        }
        assert_eq!(
            unsupported(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, &[]),
            Error::UnsupportedCriticalHeader(CriticalProblem::Unsupported("exp".into()))
        );
        assert_eq!(
            unsupported(r#"{"alg":"HS256","crit":["alg"]}"#, &["alg"]),
            Error::UnsupportedCriticalHeader(CriticalProblem::Registered("alg".into()))
        );
        assert_eq!(
            unsupported(r#"{"alg":"HS256","crit":["x"]}"#, &["x"]),
            Error::UnsupportedCriticalHeader(CriticalProblem::Absent("x".into()))
        );
        for malformed in [r#"[]"#, r#""x""#, r#"[1]"#, r#"{}"#, "null"] {
            let json = alloc::format!(r#"{{"alg":"HS256","crit":{malformed}}}"#);
            assert_eq!(
                unsupported(&json, &[]),
                Error::UnsupportedCriticalHeader(CriticalProblem::Malformed)
            );
        }
        assert_eq!(
            unsupported(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#, &["b64"]),
            Error::UnsupportedCriticalHeader(CriticalProblem::UnencodedPayload)
        );
        let accepted = critical_error(r#"{"alg":"HS256","crit":["x"],"x":true}"#, &["x"]).unwrap();
        assert_eq!(accepted, ["x"]);
    }

    #[test]
    fn reserved_names_cannot_be_extra() {
        for name in RESERVED {
            assert_eq!(
                Header::new().with_extra(name, json!(1)).unwrap_err().kind(),
                ErrorKind::InvalidHeader
            );
        }
    }

    #[test]
    fn typ_comparison() {
        assert!(typ_matches("JWT", "jwt"));
        assert!(typ_matches("application/at+jwt", "at+JWT"));
        assert!(typ_matches("at+jwt", "Application/at+jwt"));
        assert!(!typ_matches("at+jwt", "jwt"));
        assert!(!typ_matches("application/", "jwt"));
        assert!(!typ_matches("é", "jwt"));
    }
}
