//! The JOSE header (RFC 7515 section 4) that a signer sets and a verifier reads back.
//!
//! `alg` is not a field of [`Header`]: signing takes it from the
//! [`SigningKey`](crate::SigningKey), and verification reports it beside the header. How a
//! header is read from a token and judged is [`parsed`]'s business; the headers of most
//! tokens, written and recognised without JSON, are [`common`]'s.

mod common;
mod parsed;

pub(crate) use common::CommonPrefix;
pub(crate) use parsed::{HeaderPolicy, ParsedHeader};

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::alg::Algorithm;
use crate::b64;
use crate::error::{HeaderProblem, Result};
use common::Common;

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
    /// unimplemented extensions (`b64`) are refused with [`HeaderProblem::Reserved`].
    pub fn with_extra(mut self, name: impl Into<String>, value: Value) -> Result<Self> {
        let name = name.into();
        if RESERVED.contains(&name.as_str()) {
            return Err(HeaderProblem::Reserved(name).into());
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
        // Strings and JSON values always serialize; the error is `serde_json`'s signature.
        serde_json::to_vec(&Serialized {
            algorithm,
            header: self,
        })
        .map(Cow::Owned)
        .map_err(|_| HeaderProblem::NotSerializable.into())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, ErrorKind};
    use serde_json::json;

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
    fn reserved_names_cannot_be_extra() {
        for name in RESERVED {
            assert_eq!(
                Header::new().with_extra(name, json!(1)).unwrap_err().kind(),
                ErrorKind::InvalidHeader
            );
        }
    }

    #[test]
    fn reserved_names_are_named_in_the_error() {
        assert_eq!(
            Header::new().with_extra("crit", json!([])).unwrap_err(),
            Error::InvalidHeader(HeaderProblem::Reserved("crit".into()))
        );
    }
}
