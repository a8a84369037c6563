//! Claim names (RFC 7519 section 4.1) and the typed view of the registered claims that
//! validation reads.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::error::{Malformed, Result, Segment};
use crate::json::{Duplicate, Members, Names, Skip, Text};

mod one_pass;
mod plain;
mod shape;
mod write;

pub(crate) use shape::shape_problem;
pub(crate) use write::append_json;

/// Nesting deeper than this is left to `serde_json`, whose own limit is 128.
const MAX_DEPTH: usize = 64;

/// Why a one-pass reader or writer stopped. What is wrong, if anything, is for `serde_json`
/// and the scan to say.
#[derive(Debug)]
pub(crate) struct GaveUp;

impl fmt::Display for GaveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not done in one pass")
    }
}

impl core::error::Error for GaveUp {}

impl serde::de::Error for GaveUp {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Self
    }
}

impl serde::ser::Error for GaveUp {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Self
    }
}

/// A JSON object of claims, for callers who do not define their own claims type.
pub type Claims = Map<String, Value>;

/// A claim name. The registered names are variants, so that a typo in a registered name is a
/// compile error rather than a silently skipped check; any other name is [`Claim::Other`],
/// and requiring it makes it mandatory like any other (a misspelt custom name fails closed).
///
/// ```
/// use jwt_core::Claim;
/// assert_eq!(Claim::from_name("exp"), Claim::Exp);
/// assert_eq!(Claim::from_name("role"), Claim::Other("role".into()));
/// assert_eq!(Claim::Aud.name(), "aud");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Claim {
    /// Expiration time.
    Exp,
    /// Not before.
    Nbf,
    /// Issued at.
    Iat,
    /// Issuer.
    Iss,
    /// Subject.
    Sub,
    /// Audience.
    Aud,
    /// JWT ID.
    Jti,
    /// Any other claim name.
    Other(String),
}

impl Claim {
    /// The claim for a JSON member name.
    pub fn from_name(name: &str) -> Self {
        match name {
            "exp" => Self::Exp,
            "nbf" => Self::Nbf,
            "iat" => Self::Iat,
            "iss" => Self::Iss,
            "sub" => Self::Sub,
            "aud" => Self::Aud,
            "jti" => Self::Jti,
            other => Self::Other(other.into()),
        }
    }

    /// The JSON member name.
    pub fn name(&self) -> &str {
        match self {
            Self::Exp => "exp",
            Self::Nbf => "nbf",
            Self::Iat => "iat",
            Self::Iss => "iss",
            Self::Sub => "sub",
            Self::Aud => "aud",
            Self::Jti => "jti",
            Self::Other(name) => name,
        }
    }
}

impl fmt::Display for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The `aud` claim: one audience or several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Audience<'a> {
    One(&'a str),
    Many(Vec<&'a str>),
}

impl Audience<'_> {
    /// Whether any audience of the token satisfies `accepts`.
    pub(crate) fn any(&self, accepts: impl Fn(&str) -> bool) -> bool {
        match self {
            Self::One(aud) => accepts(aud),
            Self::Many(auds) => auds.iter().any(|aud| accepts(aud)),
        }
    }

    /// Whether any audience of the token is one of `accepted`.
    pub(crate) fn any_in(&self, accepted: &[String]) -> bool {
        self.any(|aud| accepted.iter().any(|a| a == aud))
    }
}

/// A claims payload checked in one pass (strict JSON object, no repeated member name at any
/// depth), with its registered claims kept as read and its member names.
#[derive(Debug)]
pub(crate) struct ScannedClaims<'de> {
    registered: RegisteredMembers<'de>,
    names: Names<'de>,
    /// How far [`deserialize`](Self::deserialize) got; [`scan`](Self::scan) reads all.
    read: Read,
}

/// How much of a payload has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    /// Not all of it yet.
    Partly,
    /// All of it: its object to the closing brace, and nothing but whitespace after.
    Whole,
    /// Not as `serde_json` would read it: a visitor left an object before its end.
    Astray,
}

impl<'de> ScannedClaims<'de> {
    /// Scans the decoded payload `bytes`. Nothing is built but the registered claims (and an
    /// array `aud`); member names and strings without escapes are borrowed from `bytes`.
    pub(crate) fn scan(bytes: &'de [u8]) -> Result<Self> {
        let mut registered = RegisteredMembers::default();
        let names = crate::json::scan_object(bytes, Segment::Payload, &mut registered)?;
        Ok(Self {
            registered,
            names,
            read: Read::Whole,
        })
    }

    /// Nothing scanned yet: for [`deserialize`](Self::deserialize) to fill.
    pub(crate) fn new() -> Self {
        Self {
            registered: RegisteredMembers::default(),
            names: Names::new(),
            read: Read::Partly,
        }
    }

    /// Deserializes the payload `bytes` into `C` while scanning it into `self`, in one pass.
    /// What it returns counts only if [`read_whole`](Self::read_whole) says so afterwards;
    /// if not, [`scan`](Self::scan) followed by `serde_json` finds what is wrong. Never
    /// accepts what those two would not, nor reads anything differently.
    pub(crate) fn deserialize<C: serde::Deserialize<'de>>(
        &mut self,
        bytes: &'de [u8],
    ) -> core::result::Result<C, GaveUp> {
        one_pass::deserialize(bytes, self)
    }

    /// Whether [`deserialize`](Self::deserialize) read the whole payload as `serde_json`
    /// would.
    pub(crate) fn read_whole(&self) -> bool {
        self.read == Read::Whole
    }

    /// Whether the payload has the claim `name` with a value other than `null`.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.names.has_value(name)
    }
}

/// A registered claim's value as read.
#[derive(Debug)]
enum ClaimValue<'de> {
    Number(JsonNumber),
    Text(Cow<'de, str>),
    Texts(Vec<Cow<'de, str>>),
    Other,
}

/// A JSON number as `serde_json` read it: the visitor method it called says which.
#[derive(Debug, Clone, Copy)]
enum JsonNumber {
    U64(u64),
    I64(i64),
    F64(f64),
}

impl JsonNumber {
    /// The number as validation reads it (as `serde_json::Value::as_f64` does).
    #[allow(
        clippy::cast_precision_loss,
        reason = "as serde_json::Value::as_f64, which the claim types are defined by"
    )]
    fn as_f64(self) -> f64 {
        match self {
            Self::U64(n) => n as f64,
            Self::I64(n) => n as f64,
            Self::F64(n) => n,
        }
    }
}

/// The registered claims of a payload, untyped yet, in the order `exp`, `nbf`, `iat`, `iss`,
/// `sub`, `aud`, `jti` (see [`RegisteredMembers::index`]).
#[derive(Debug, Default)]
struct RegisteredMembers<'de>([Option<ClaimValue<'de>>; 7]);

impl<'de> Members<'de> for RegisteredMembers<'de> {
    fn member<D: Deserializer<'de>>(
        &mut self,
        name: &Cow<'de, str>,
        value: D,
        duplicate: &Duplicate,
    ) -> core::result::Result<bool, D::Error> {
        let Some(slot) = self.slot(name) else {
            return Skip(duplicate).deserialize(value);
        };
        let (claim, null) = value.deserialize_any(ClaimVisitor(duplicate, PhantomData))?;
        *slot = Some(claim);
        Ok(null)
    }
}

impl<'de> RegisteredMembers<'de> {
    /// Where the value of the registered claim `name` is kept; `None` for any other name.
    fn index(name: &str) -> Option<usize> {
        Some(match name.as_bytes() {
            b"exp" => 0,
            b"nbf" => 1,
            b"iat" => 2,
            b"iss" => 3,
            b"sub" => 4,
            b"aud" => 5,
            b"jti" => 6,
            _ => return None,
        })
    }

    /// The slot of the registered claim `name`; `None` for any other name.
    fn slot(&mut self, name: &str) -> Option<&mut Option<ClaimValue<'de>>> {
        self.0.get_mut(Self::index(name)?)
    }
}

/// Reads a registered claim's value: a number, a string, an array of strings, or anything
/// else (checked strictly all the same). The second member says whether it was `null`.
struct ClaimVisitor<'a, 'de>(&'a Duplicate, PhantomData<&'de ()>);

impl<'de> Visitor<'de> for ClaimVisitor<'_, 'de> {
    type Value = (ClaimValue<'de>, bool);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_i64<E>(self, v: i64) -> core::result::Result<Self::Value, E> {
        Ok((ClaimValue::Number(JsonNumber::I64(v)), false))
    }

    fn visit_u64<E>(self, v: u64) -> core::result::Result<Self::Value, E> {
        Ok((ClaimValue::Number(JsonNumber::U64(v)), false))
    }

    fn visit_f64<E>(self, v: f64) -> core::result::Result<Self::Value, E> {
        Ok((ClaimValue::Number(JsonNumber::F64(v)), false))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> core::result::Result<Self::Value, E> {
        Ok((ClaimValue::Text(Cow::Borrowed(v)), false))
    }

    fn visit_str<E>(self, v: &str) -> core::result::Result<Self::Value, E> {
        Ok((ClaimValue::Text(Cow::Owned(v.into())), false))
    }

    fn visit_string<E>(self, v: String) -> core::result::Result<Self::Value, E> {
        Ok((ClaimValue::Text(Cow::Owned(v)), false))
    }

    fn visit_bool<E>(self, _: bool) -> core::result::Result<Self::Value, E> {
        Ok((ClaimValue::Other, false))
    }

    fn visit_unit<E>(self) -> core::result::Result<Self::Value, E> {
        Ok((ClaimValue::Other, true))
    }

    fn visit_seq<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> core::result::Result<Self::Value, A::Error> {
        let mut texts = Some(Vec::new());
        while let Some((text, _)) = seq.next_element_seed(Text(self.0))? {
            texts = texts.zip(text).map(|(mut texts, text)| {
                texts.push(text);
                texts
            });
        }
        Ok((texts.map_or(ClaimValue::Other, ClaimValue::Texts), false))
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        access: A,
    ) -> core::result::Result<Self::Value, A::Error> {
        Skip(self.0)
            .visit_map(access)
            .map(|_| (ClaimValue::Other, false))
    }
}

/// The registered claims of a payload, type-checked.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Registered<'a> {
    pub(crate) exp: Option<f64>,
    pub(crate) nbf: Option<f64>,
    pub(crate) iat: Option<f64>,
    pub(crate) iss: Option<&'a str>,
    pub(crate) sub: Option<&'a str>,
    pub(crate) aud: Option<Audience<'a>>,
}

impl<'a> Registered<'a> {
    /// Reads the registered claims of `claims`, refusing any of the wrong JSON type:
    /// `exp`/`nbf`/`iat` must be numbers (NumericDate), `iss`/`sub`/`jti` strings, and `aud`
    /// a string or an array of strings.
    pub(crate) fn read(claims: &'a ScannedClaims<'_>) -> Result<Self> {
        let [exp, nbf, iat, iss, sub, aud, jti] = &claims.registered.0;
        if matches!(jti, Some(jti) if !matches!(jti, ClaimValue::Text(_))) {
            return Err(Malformed::ClaimType(Claim::Jti).into());
        }
        Ok(Self {
            exp: numeric_date(exp.as_ref(), Claim::Exp)?,
            nbf: numeric_date(nbf.as_ref(), Claim::Nbf)?,
            iat: numeric_date(iat.as_ref(), Claim::Iat)?,
            iss: string(iss.as_ref(), Claim::Iss)?,
            sub: string(sub.as_ref(), Claim::Sub)?,
            aud: audience(aud.as_ref())?,
        })
    }

    /// Whether the payload has `claim` with a value, for the claims kept here; `None` for the
    /// others (`jti` and unregistered names), which the member names tell. Read without
    /// error, a kept claim is there exactly if it has a value: `null` is of no registered
    /// claim's type.
    pub(crate) fn holds(&self, claim: &Claim) -> Option<bool> {
        Some(match claim {
            Claim::Exp => self.exp.is_some(),
            Claim::Nbf => self.nbf.is_some(),
            Claim::Iat => self.iat.is_some(),
            Claim::Iss => self.iss.is_some(),
            Claim::Sub => self.sub.is_some(),
            Claim::Aud => self.aud.is_some(),
            Claim::Jti | Claim::Other(_) => return None,
        })
    }
}

fn numeric_date(value: Option<&ClaimValue<'_>>, claim: Claim) -> Result<Option<f64>> {
    match value {
        None => Ok(None),
        Some(ClaimValue::Number(value)) => Ok(Some(value.as_f64())),
        Some(_) => Err(Malformed::ClaimType(claim).into()),
    }
}

fn string<'a>(value: Option<&'a ClaimValue<'_>>, claim: Claim) -> Result<Option<&'a str>> {
    match value {
        None => Ok(None),
        Some(ClaimValue::Text(value)) => Ok(Some(value)),
        Some(_) => Err(Malformed::ClaimType(claim).into()),
    }
}

fn audience<'a>(value: Option<&'a ClaimValue<'_>>) -> Result<Option<Audience<'a>>> {
    match value {
        None => Ok(None),
        Some(ClaimValue::Text(aud)) => Ok(Some(Audience::One(aud))),
        Some(ClaimValue::Texts(auds)) => Ok(Some(Audience::Many(
            auds.iter().map(AsRef::as_ref).collect(),
        ))),
        Some(_) => Err(Malformed::ClaimType(Claim::Aud).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use serde_json::json;

    fn scan(value: &Value) -> Result<ScannedClaims<'static>> {
        let bytes: &'static [u8] = Vec::leak(serde_json::to_vec(value).unwrap());
        ScannedClaims::scan(bytes)
    }

    #[test]
    fn reads_numbers_and_audiences() {
        let claims =
            scan(&json!({"exp": 5.5, "nbf": 1, "iat": -2, "iss": "i", "sub": "s", "aud": "a"}))
                .unwrap();
        let registered = Registered::read(&claims).unwrap();
        assert_eq!(
            registered,
            Registered {
                exp: Some(5.5),
                nbf: Some(1.0),
                iat: Some(-2.0),
                iss: Some("i"),
                sub: Some("s"),
                aud: Some(Audience::One("a")),
            }
        );
        let claims = scan(&json!({"aud": ["a", "b"]})).unwrap();
        assert_eq!(
            Registered::read(&claims).unwrap().aud,
            Some(Audience::Many(alloc::vec!["a", "b"]))
        );
    }

    #[test]
    fn reads_escaped_strings() {
        let claims = ScannedClaims::scan(br#"{"iss":"a\"b","aud":["\u0061pi"]}"#).unwrap();
        let registered = Registered::read(&claims).unwrap();
        assert_eq!(registered.iss, Some("a\"b"));
        assert_eq!(registered.aud, Some(Audience::Many(alloc::vec!["api"])));
    }

    #[test]
    fn refuses_wrong_types() {
        let cases = [
            (json!({"exp": "5"}), Claim::Exp),
            (json!({"exp": null}), Claim::Exp),
            (json!({"nbf": true}), Claim::Nbf),
            (json!({"iat": [1]}), Claim::Iat),
            (json!({"iss": 1}), Claim::Iss),
            (json!({"sub": {}}), Claim::Sub),
            (json!({"aud": 1}), Claim::Aud),
            (json!({"aud": ["a", 1]}), Claim::Aud),
            (json!({"aud": [["a"]]}), Claim::Aud),
            (json!({"jti": 1}), Claim::Jti),
            (json!({"jti": null, "exp": "x"}), Claim::Jti),
        ];
        for (claims, claim) in cases {
            let claims = scan(&claims).unwrap();
            assert_eq!(
                Registered::read(&claims).unwrap_err(),
                Error::MalformedToken(Malformed::ClaimType(claim))
            );
        }
    }

    #[test]
    fn knows_which_claims_have_values() {
        let claims = scan(&json!({"a": 1, "b": null, "c": {"d": 1}})).unwrap();
        assert!(claims.has("a") && claims.has("c"));
        assert!(!claims.has("b") && !claims.has("d") && !claims.has("e"));
    }

    #[test]
    fn scanning_is_as_strict_as_parsing() {
        let many: String = (0..40).map(|i| alloc::format!("\"m{i}\":{i},")).collect();
        let inputs: [&[u8]; 16] = [
            br#"{"exp":1,"exp":2}"#,
            br#"{"a":{"b":1,"b":1}}"#,
            br#"{"a":[{"x":1,"x":2}]}"#,
            br#"{"a":1,"\u0061":2}"#,
            br#"{"aud":["a",{"x":1,"x":2}]}"#,
            br#"{"iss":{"x":1,"x":2}}"#,
            b"[1]",
            br#"[{"x":1,"x":2}]"#,
            b"\"s\"",
            b"null",
            b"",
            b"{",
            b"{}x",
            b"{\"a\":1,}",
            b"{\"a\":\"\xff\"}",
            b"{\"a\":1e999}",
        ];
        let spilled_duplicate = alloc::format!("{{{many}\"m3\":0}}");
        let spilled_unique = alloc::format!("{{{many}\"n\":0}}");
        for bytes in inputs
            .into_iter()
            .chain([spilled_duplicate.as_bytes(), spilled_unique.as_bytes()])
        {
            let parsed = crate::json::parse_object(bytes, Segment::Payload).map(|_| ());
            let scanned = ScannedClaims::scan(bytes).map(|_| ());
            assert_eq!(scanned, parsed, "{:?}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn audience_matching() {
        let accepted = [String::from("api"), String::from("web")];
        assert!(Audience::One("web").any_in(&accepted));
        assert!(Audience::Many(alloc::vec!["x", "api"]).any_in(&accepted));
        assert!(!Audience::Many(alloc::vec![]).any_in(&accepted));
        assert!(!Audience::One("API").any_in(&accepted));
    }
}
