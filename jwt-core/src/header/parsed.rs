//! A header as read from a token, and the policy it is judged by: the algorithm allow-list,
//! the `crit` extensions the caller understands (RFC 7515 section 4.1.11), the required `typ`.

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use serde::de::{DeserializeSeed, Deserializer};
use serde_json::{Map, Value};

use super::{Header, Uncommon};
use crate::alg::{Algorithm, AlgorithmSet};
use crate::error::{
    AlgorithmProblem, CriticalProblem, Error, HeaderParameter, Malformed, Result, Segment,
};
use crate::json::{Duplicate, Members, StrictValue, Text};

/// Header parameters defined by RFC 7515 section 4.1, which `crit` must never name.
const REGISTERED: [&str; 11] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
];

/// What a verifier accepts in a header: the inputs of the header checks, borrowed from the
/// caller's settings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HeaderPolicy<'a> {
    /// The algorithm allow-list.
    pub(crate) algorithms: AlgorithmSet,
    /// The extensions the caller processes, which `crit` may name.
    pub(crate) critical: &'a [String],
    /// The required `typ`, if any.
    pub(crate) typ: Option<&'a str>,
}

/// A header read from a token: its algorithm, its members, and its `crit` list, not yet
/// checked against any policy.
#[derive(Debug)]
pub(crate) struct ParsedHeader {
    pub(crate) algorithm: Algorithm,
    pub(crate) header: Header,
    /// `crit` as read, until [`check_critical`](Self::check_critical) judges it.
    pub(super) critical: Option<Box<Value>>,
}

impl ParsedHeader {
    /// Parses the decoded header segment: strict JSON, registered members of the right type,
    /// then a usable `alg`.
    pub(crate) fn parse(bytes: &[u8]) -> Result<Self> {
        let mut members = HeaderMembers::default();
        crate::json::scan_object(bytes, Segment::Header, &mut members)?;
        let alg = Field::string(members.alg, HeaderParameter::Alg)?;
        let typ = Field::string(members.typ, HeaderParameter::Typ)?;
        let kid = Field::string(members.kid, HeaderParameter::Kid)?;
        let cty = Field::string(members.cty, HeaderParameter::Cty)?;
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

    /// Refuses a header that `policy` does not accept: its `alg`, then its `crit`, then its
    /// `typ`. The accepted `crit` names are kept in the header.
    pub(crate) fn check(&mut self, policy: &HeaderPolicy<'_>) -> Result<()> {
        self.check_algorithm(policy.algorithms)?;
        self.check_critical(policy.critical)?;
        if let Some(required) = policy.typ {
            let found = self.header.typ();
            if !found.is_some_and(|found| typ_matches(found, required)) {
                return Err(Error::InvalidType {
                    expected: required.into(),
                    found: found.map(Into::into),
                });
            }
        }
        Ok(())
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
    fn string(field: Option<Self>, parameter: HeaderParameter) -> Result<Option<Cow<'de, str>>> {
        match field {
            None => Ok(None),
            Some(Field::Text(text)) => Ok(Some(text)),
            Some(Field::Other) => Err(Malformed::HeaderParameterType(parameter).into()),
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
fn typ_matches(found: &str, required: &str) -> bool {
    fn media_type(value: &str) -> &str {
        match value.split_at_checked(12) {
            Some((prefix, rest)) if prefix.eq_ignore_ascii_case("application/") => rest,
            _ => value,
        }
    }
    media_type(found).eq_ignore_ascii_case(media_type(required))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(json: &str) -> Result<ParsedHeader> {
        ParsedHeader::parse(json.as_bytes())
    }

    fn critical_error(json: &str, understood: &[&str]) -> Result<Vec<String>> {
        let understood: Vec<String> = understood.iter().map(|s| String::from(*s)).collect();
        let mut parsed = parse(json)?;
        parsed.check_critical(&understood)?;
        Ok(parsed.header.critical().to_vec())
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
            Some(Error::MalformedToken(Malformed::HeaderParameterType(
                HeaderParameter::Alg
            )))
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
        for parameter in [
            HeaderParameter::Typ,
            HeaderParameter::Kid,
            HeaderParameter::Cty,
        ] {
            let name = parameter.name();
            let json = alloc::format!(r#"{{"alg":"none","{name}":7}}"#);
            assert_eq!(
                parse(&json).err(),
                Some(Error::MalformedToken(Malformed::HeaderParameterType(
                    parameter
                )))
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
    fn typ_comparison() {
        assert!(typ_matches("JWT", "jwt"));
        assert!(typ_matches("application/at+jwt", "at+JWT"));
        assert!(typ_matches("at+jwt", "Application/at+jwt"));
        assert!(!typ_matches("at+jwt", "jwt"));
        assert!(!typ_matches("application/", "jwt"));
        assert!(!typ_matches("é", "jwt"));
    }
}
